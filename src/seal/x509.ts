/**
 * X.509 certificates (RFC 5280) as far as seal verification needs them: names, serial number,
 * validity, the public key, the extensions that path validation reads, and the signature.
 * Parsing follows the certificate's schema over the DER reader in `der.ts`; anything malformed
 * is a {@link DerError}.
 * @module
 */
import {
  DerError,
  TAG,
  bitStringOf,
  booleanOf,
  childrenOf,
  contentOf,
  encodeTlv,
  encodingOf,
  expectTag,
  integerBytes,
  oidOf,
  readRoot,
  readTlv,
  smallInteger,
  timeOf,
  type Tlv,
} from './der.js';
import { bytesToHex, lenientBase64ToBytes, utf8Decode, type Bytes } from '../json/encoding.js';

/**
 * One attribute of a distinguished name, e.g. `{ oid: '2.5.4.3', name: 'CN', value: 'TEST SEAL' }`.
 *
 * @example
 * const { signer } = await verifyEdcSeal(sealed);
 * const organisationId: NameAttribute | undefined = signer?.subjectAttributes.find((a) => a.name === 'organizationIdentifier');
 * organisationId?.value; // 'VATES-A00000000'
 */
export interface NameAttribute {
  /** The attribute type, dotted. */
  readonly oid: string;
  /** Its short name (`CN`, `O`, `organizationIdentifier`…), or the dotted OID when it has none. */
  readonly name: string;
  /** The value as text; `#` and hex of its DER when it is not a string type (RFC 4514 §2.4). */
  readonly value: string;
}

/** A distinguished name (RFC 5280 §4.1.2.4). */
export interface DistinguishedName {
  /**
   * For reading: RFC 4514 order (last RDN first) and escaping, joined with `, `.
   * Compare names with {@link DistinguishedName.der}, not with this text.
   */
  readonly text: string;
  /** Every attribute in certificate order (multi-valued RDNs flattened). */
  readonly attributes: readonly NameAttribute[];
  /** The DER of the Name, for exact comparisons. */
  readonly der: Bytes;
}

/** How a signature was made, as WebCrypto needs it. */
export type SignatureScheme =
  | { readonly kind: 'rsa-pkcs1'; readonly hash: HashName }
  | { readonly kind: 'rsa-pss'; readonly hash: HashName; readonly saltLength: number }
  | { readonly kind: 'ecdsa'; readonly hash: HashName }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** Hashes WebCrypto knows. SHA-1 is read but refused for signatures. */
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** A named elliptic curve WebCrypto supports. */
export type CurveName = 'P-256' | 'P-384' | 'P-521';

/** The subject public key (RFC 5280 §4.1.2.7). */
export interface PublicKeyInfo {
  /** `RSA` (rsaEncryption or RSASSA-PSS keys), `EC` (id-ecPublicKey on a supported curve), or `unsupported`. */
  readonly type: 'RSA' | 'EC' | 'unsupported';
  /** The algorithm OID of the key. */
  readonly oid: string;
  /** EC keys: the curve. */
  readonly curve?: CurveName;
  /** RSA keys: the modulus size in bits. */
  readonly bits?: number;
  /** The SubjectPublicKeyInfo as WebCrypto imports it (RSA-PSS keys re-labelled as rsaEncryption). */
  readonly spki: Bytes;
  /** Why the key cannot be used, when `type` is `unsupported`. */
  readonly reason?: string;
}

/** The extensions path validation reads (RFC 5280 §4.2). */
export interface CertificateExtensions {
  /** basicConstraints (§4.2.1.9). */
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
  /** keyUsage bits (§4.2.1.3), bit 0 = digitalSignature. */
  readonly keyUsage?: readonly boolean[];
  readonly subjectKeyIdentifier?: Bytes;
  readonly authorityKeyIdentifier?: Bytes;
  /** Critical extensions this reader does not process: a path through such a certificate is refused (§4.2). */
  readonly unhandledCritical: readonly string[];
}

/** A parsed certificate. */
export interface Certificate {
  readonly der: Bytes;
  /** The signed part (tbsCertificate), whose signature {@link Certificate.signature} is. */
  readonly tbs: Bytes;
  readonly version: number;
  /** Upper-case hex of the serial number's content octets without a leading sign octet. */
  readonly serialNumber: string;
  readonly serialBytes: Bytes;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyInfo;
  readonly signatureAlgorithm: { readonly oid: string; readonly scheme: SignatureScheme };
  readonly signature: Bytes;
  readonly extensions: CertificateExtensions;
}

const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
} as const;

const HASH_OF_OID: Readonly<Record<string, HashName>> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

/** PKCS #1 and ECDSA signature algorithm OIDs (RFC 4055, RFC 5758). */
const SIGNATURE_OIDS: Readonly<Record<string, SignatureScheme>> = {
  '1.2.840.113549.1.1.5': { kind: 'rsa-pkcs1', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { kind: 'rsa-pkcs1', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa-pkcs1', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa-pkcs1', hash: 'SHA-512' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'SHA-1' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'SHA-512' },
};

const CURVES: Readonly<Record<string, CurveName>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

/** Short names of attribute types: RFC 4514 §3 where it has one, otherwise the names OpenSSL and Java print. */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** Extensions whose criticality this reader honours (RFC 5280 §4.2: refuse unknown critical ones). */
const HANDLED_EXTENSIONS = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName: names are not matched against anything here
  '2.5.29.18', // issuerAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.31', // cRLDistributionPoints: revocation is not checked (no network)
  '2.5.29.32', // certificatePolicies: validated as with initial-any-policy and no explicit policy (§6.1.1)
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);

const MAX_CERTIFICATE_BYTES = 1 << 20;

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** A directory string's text, or `undefined` when the bytes do not fit the declared type. */
function stringValue(tlv: Tlv): string | undefined {
  const c = contentOf(tlv);
  switch (tlv.tag) {
    case TAG.UTF8_STRING:
      return utf8Decode(c);
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.NUMERIC_STRING:
    case TAG.VISIBLE_STRING:
      return c.every((b) => b < 0x80) ? latin1(c) : undefined;
    case TAG.TELETEX_STRING:
      // T.61 is rarely what it claims; Latin-1 is what other toolkits show.
      return latin1(c);
    case TAG.BMP_STRING: {
      if (c.length % 2 !== 0) return undefined;
      let s = '';
      for (let i = 0; i < c.length; i += 2) s += String.fromCharCode((c[i]! << 8) | c[i + 1]!);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      if (c.length % 4 !== 0) return undefined;
      let s = '';
      for (let i = 0; i < c.length; i += 4) {
        const cp = ((c[i]! << 24) >>> 0) + (c[i + 1]! << 16) + (c[i + 2]! << 8) + c[i + 3]!;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return undefined;
  }
}

/**
 * Escapes a value for display (RFC 4514 §2.4): the special characters with a backslash, a leading
 * space or `#` and a trailing space, and, as hex pairs, control and bidirectional-formatting
 * characters, which could otherwise make one name look like another on screen.
 */
function escapeValue(value: string): string {
  let out = '';
  const chars = Array.from(value);
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    if ('"+,;<>\\'.includes(ch) || (i === 0 && (ch === ' ' || ch === '#')) || (i === chars.length - 1 && ch === ' ')) {
      out += `\\${ch}`;
    } else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) {
      for (const b of new TextEncoder().encode(ch)) out += `\\${b.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += ch;
    }
  });
  return out;
}

/** Reads a Name (RFC 5280 §4.1.2.4). */
export function parseName(tlv: Tlv): DistinguishedName {
  expectTag(tlv, TAG.SEQUENCE, 'Name');
  const attributes: NameAttribute[] = [];
  const rdnTexts: string[] = [];
  for (const rdn of childrenOf(tlv)) {
    expectTag(rdn, TAG.SET, 'RelativeDistinguishedName');
    const parts: string[] = [];
    const atvs = childrenOf(rdn);
    if (atvs.length === 0) throw new DerError('empty RelativeDistinguishedName');
    for (const atv of atvs) {
      expectTag(atv, TAG.SEQUENCE, 'AttributeTypeAndValue');
      const [type, value, extra] = childrenOf(atv);
      if (value === undefined || extra !== undefined) throw new DerError('AttributeTypeAndValue must have a type and one value');
      const oid = oidOf(expectTag(type, TAG.OID, 'attribute type'));
      const text = stringValue(value);
      const name = ATTRIBUTE_NAMES[oid] ?? oid;
      const shown = text === undefined ? `#${bytesToHex(encodingOf(value))}` : text;
      attributes.push({ oid, name, value: shown });
      parts.push(`${name}=${text === undefined ? shown : escapeValue(text)}`);
    }
    rdnTexts.push(parts.join('+'));
  }
  return { text: rdnTexts.reverse().join(', '), attributes, der: encodingOf(tlv) };
}

/** Reads an AlgorithmIdentifier: its OID and parameters (absent or the TLV). */
function algorithmIdentifier(tlv: Tlv | undefined, what: string): { oid: string; params: Tlv | undefined } {
  const seq = expectTag(tlv, TAG.SEQUENCE, what);
  const [oidTlv, params, extra] = childrenOf(seq);
  if (extra !== undefined) throw new DerError(`${what} has extra fields`);
  return { oid: oidOf(expectTag(oidTlv, TAG.OID, `${what} algorithm`)), params };
}

function hashOfAlgorithm(tlv: Tlv | undefined, what: string): HashName {
  const { oid, params } = algorithmIdentifier(tlv, what);
  // Hash parameters are absent or NULL (RFC 4055 §2.1).
  if (params !== undefined && (params.tag !== TAG.NULL || params.end !== params.contentStart)) throw new DerError(`${what}: unexpected parameters`);
  const hash = HASH_OF_OID[oid];
  if (hash === undefined) throw new DerError(`${what}: unsupported hash ${oid}`);
  return hash;
}

/**
 * RSASSA-PSS parameters (RFC 4055 §3.1). WebCrypto's RSA-PSS uses MGF1 with the message hash and
 * the trailer 0xBC, so other combinations are reported as unsupported rather than mis-verified.
 */
function pssScheme(params: Tlv | undefined): SignatureScheme {
  if (params === undefined) return { kind: 'unsupported', reason: 'RSASSA-PSS without parameters' };
  let hash: HashName = 'SHA-1';
  let mgfHash: HashName = 'SHA-1';
  let saltLength = 20;
  let trailer = 1;
  for (const field of childrenOf(expectTag(params, TAG.SEQUENCE, 'RSASSA-PSS-params'))) {
    if (field.tagClass !== 2 || !field.constructed) throw new DerError('RSASSA-PSS-params: unexpected field');
    const [inner, extra] = childrenOf(field);
    if (inner === undefined || extra !== undefined) throw new DerError('RSASSA-PSS-params: malformed field');
    if (field.tagNumber === 0) hash = hashOfAlgorithm(inner, 'PSS hash');
    else if (field.tagNumber === 1) {
      const mgf = algorithmIdentifier(inner, 'PSS mask generation');
      if (mgf.oid !== OID.mgf1) return { kind: 'unsupported', reason: `RSASSA-PSS mask generation ${mgf.oid}` };
      mgfHash = hashOfAlgorithm(mgf.params, 'MGF1 hash');
    } else if (field.tagNumber === 2) saltLength = smallInteger(inner);
    else if (field.tagNumber === 3) trailer = smallInteger(inner);
    else throw new DerError('RSASSA-PSS-params: unknown field');
  }
  if (mgfHash !== hash) return { kind: 'unsupported', reason: `RSASSA-PSS with MGF1 ${mgfHash} and hash ${hash}` };
  if (trailer !== 1) return { kind: 'unsupported', reason: `RSASSA-PSS trailer field ${trailer}` };
  return { kind: 'rsa-pss', hash, saltLength };
}

/**
 * Signature and digest algorithms that are defined and in use but that WebCrypto cannot verify:
 * an object using one is left unchecked. An identifier in none of the lists is no algorithm at all,
 * which, where the identifier is not itself signed (an OCSP response's or a SignerInfo's), means
 * it was changed.
 */
const RECOGNISED_UNSUPPORTED = new Set([
  '1.2.840.113549.1.1.2', '1.2.840.113549.1.1.4', '1.2.840.113549.1.1.14', '1.2.840.113549.1.1.15', '1.2.840.113549.1.1.16', // md2/md5/sha224/sha512-224/sha512-256 with RSA
  '1.2.840.10045.4.3.1', // ecdsa-with-SHA224
  '1.2.840.10040.4.3', '2.16.840.1.101.3.4.3.1', '2.16.840.1.101.3.4.3.2', // DSA
  ...['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16'].map((n) => `2.16.840.1.101.3.4.3.${n}`), // DSA, ECDSA, RSA with SHA-3
  '1.3.101.112', '1.3.101.113', // Ed25519, Ed448
  '1.2.156.10197.1.501', '1.2.643.7.1.1.3.2', '1.2.643.7.1.1.3.3', // SM2, GOST R 34.10-2012
  '1.2.840.113549.2.5', '1.2.840.113549.2.2', '1.3.36.3.2.1', '1.2.156.10197.1.401', // md5, md2, RIPEMD-160, SM3
  ...['4', '5', '6', '7', '8', '9', '10', '11', '12'].map((n) => `2.16.840.1.101.3.4.2.${n}`), // SHA-224, SHA-512/t, SHA-3, SHAKE
]);

/** Whether `oid` is a signature or digest algorithm at all (supported or not). */
export function isRecognisedAlgorithm(oid: string): boolean {
  return Object.prototype.hasOwnProperty.call(SIGNATURE_OIDS, oid) || Object.prototype.hasOwnProperty.call(HASH_OF_OID, oid) || oid === OID.rsassaPss || oid === OID.rsaEncryption || oid === OID.ecPublicKey || RECOGNISED_UNSUPPORTED.has(oid);
}

/**
 * Reads a digest AlgorithmIdentifier (parameters absent or NULL, RFC 5754 §2): the hash, or
 * `{ unsupported }` with its OID when WebCrypto has no such hash. Throws {@link DerError} when malformed.
 */
export function readHashAlgorithm(tlv: Tlv | undefined, what = 'digest algorithm'): { hash: HashName; oid: string } | { unsupported: string } {
  const { oid, params } = algorithmIdentifier(tlv, what);
  if (params !== undefined && (params.tag !== TAG.NULL || params.end !== params.contentStart)) throw new DerError(`${what}: unexpected parameters`);
  const hash = HASH_OF_OID[oid];
  return hash === undefined ? { unsupported: oid } : { hash, oid };
}

/**
 * Reads a signature AlgorithmIdentifier (RFC 4055, RFC 5758): its OID, the scheme, and its DER.
 * Unlike the certificate reader, it also holds the parameters to their definitions: NULL or absent
 * for PKCS #1 v1.5 (RFC 4055 §5), absent for ECDSA (RFC 5758 §3.2). Where the identifier is not
 * signed (OCSP responses, SignerInfos), other parameters could only be a change nothing would show.
 */
export function readSignatureAlgorithm(tlv: Tlv | undefined): { oid: string; scheme: SignatureScheme; der: Bytes } {
  const read = signatureScheme(tlv);
  const { params } = algorithmIdentifier(tlv, 'signature algorithm');
  const isNull = params !== undefined && params.tag === TAG.NULL && params.end === params.contentStart;
  const kind = read.oid === OID.rsaEncryption ? 'rsa-pkcs1' : read.oid === OID.ecPublicKey ? 'ecdsa' : read.scheme.kind;
  if (kind === 'rsa-pkcs1' && params !== undefined && !isNull) throw new DerError('PKCS #1 v1.5 signature algorithm parameters must be NULL or absent (RFC 4055 §5)');
  if (kind === 'ecdsa' && read.oid !== OID.ecPublicKey && params !== undefined) throw new DerError('ECDSA signature algorithm parameters must be absent (RFC 5758 §3.2)');
  return read;
}

function signatureScheme(tlv: Tlv | undefined): { oid: string; scheme: SignatureScheme; der: Bytes } {
  const der = encodingOf(expectTag(tlv, TAG.SEQUENCE, 'signature algorithm'));
  const { oid, params } = algorithmIdentifier(tlv, 'signature algorithm');
  if (oid === OID.rsassaPss) return { oid, scheme: pssScheme(params), der };
  const scheme = SIGNATURE_OIDS[oid];
  return { oid, scheme: scheme ?? { kind: 'unsupported', reason: `signature algorithm ${oid}` }, der };
}

/** Reads a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; RFC 3279 §2.3.1, RFC 5480 §2). */
export function parsePublicKey(tlv: Tlv): PublicKeyInfo {
  expectTag(tlv, TAG.SEQUENCE, 'SubjectPublicKeyInfo');
  const [algTlv, keyTlv, extra] = childrenOf(tlv);
  if (extra !== undefined) throw new DerError('SubjectPublicKeyInfo has extra fields');
  const { oid, params } = algorithmIdentifier(algTlv, 'public key algorithm');
  const keyBits = expectTag(keyTlv, TAG.BIT_STRING, 'subjectPublicKey');
  const key = bitStringOf(keyBits);
  const spki = encodingOf(tlv);
  if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
    if (key.unusedBits !== 0) throw new DerError('RSA key bit string has unused bits');
    const rsaKey = readRoot(key.bytes);
    const [n, e, more] = childrenOf(expectTag(rsaKey, TAG.SEQUENCE, 'RSAPublicKey'));
    if (e === undefined || more !== undefined) throw new DerError('RSAPublicKey must hold a modulus and an exponent');
    const modulus = integerBytes(n!);
    integerBytes(e);
    if ((modulus[0]! & 0x80) !== 0) throw new DerError('negative RSA modulus');
    let start = 0;
    while (start < modulus.length - 1 && modulus[start] === 0) start++;
    const top = modulus[start]!;
    const bits = (modulus.length - start - 1) * 8 + (top === 0 ? 0 : 32 - Math.clz32(top));
    // WebCrypto imports only rsaEncryption SPKIs; an RSASSA-PSS key is the same RSAPublicKey, so
    // re-label it (its PSS parameters only restrict use, and the JWS algorithm decides the padding).
    const importable = oid === OID.rsaEncryption
      ? spki
      : encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.SEQUENCE, encodeTlv(TAG.OID, new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01])), new Uint8Array([TAG.NULL, 0])), encodingOf(keyBits));
    return { type: 'RSA', oid, bits, spki: importable };
  }
  if (oid === OID.ecPublicKey) {
    const curveOid = params?.tag === TAG.OID ? oidOf(params) : undefined;
    const curve = curveOid === undefined ? undefined : CURVES[curveOid];
    if (curve === undefined) return { type: 'unsupported', oid, spki, reason: `elliptic curve ${curveOid ?? '(not a named curve)'}` };
    return { type: 'EC', oid, curve, spki };
  }
  return { type: 'unsupported', oid, spki, reason: `public key algorithm ${oid}` };
}

function parseExtensions(tlv: Tlv | undefined): CertificateExtensions {
  if (tlv === undefined) return { unhandledCritical: [] };
  // extensions [3] EXPLICIT SEQUENCE SIZE (1..MAX) OF Extension
  const [list, extra] = childrenOf(tlv);
  if (extra !== undefined) throw new DerError('extensions: extra fields');
  const exts = childrenOf(expectTag(list, TAG.SEQUENCE, 'Extensions'));
  if (exts.length === 0) throw new DerError('empty Extensions');
  const seen = new Set<string>();
  const unhandledCritical: string[] = [];
  let basicConstraints: CertificateExtensions['basicConstraints'];
  let keyUsage: boolean[] | undefined;
  let subjectKeyIdentifier: Bytes | undefined;
  let authorityKeyIdentifier: Bytes | undefined;
  for (const ext of exts) {
    const fields = childrenOf(expectTag(ext, TAG.SEQUENCE, 'Extension'));
    const oid = oidOf(expectTag(fields[0], TAG.OID, 'extnID'));
    let i = 1;
    let critical = false;
    if (fields[i]?.tag === TAG.BOOLEAN) critical = booleanOf(fields[i++]!);
    const value = contentOf(expectTag(fields[i], TAG.OCTET_STRING, 'extnValue'));
    if (fields.length !== i + 1) throw new DerError('Extension has extra fields');
    // RFC 5280 §4.2: at most one instance of each extension.
    if (seen.has(oid)) throw new DerError(`extension ${oid} appears twice`);
    seen.add(oid);
    if (critical && !HANDLED_EXTENSIONS.has(oid)) unhandledCritical.push(oid);
    if (oid === '2.5.29.19') {
      const inner = childrenOf(expectTag(readRoot(value), TAG.SEQUENCE, 'BasicConstraints'));
      let j = 0;
      let ca = false;
      if (inner[j]?.tag === TAG.BOOLEAN) ca = booleanOf(inner[j++]!);
      const pathLength = inner[j] !== undefined ? smallInteger(inner[j++]!) : undefined;
      if (j !== inner.length) throw new DerError('BasicConstraints has extra fields');
      basicConstraints = pathLength === undefined ? { ca } : { ca, pathLength };
    } else if (oid === '2.5.29.15') {
      const bits = bitStringOf(readRoot(value));
      keyUsage = [];
      for (let b = 0; b < bits.bytes.length * 8 - bits.unusedBits; b++) keyUsage.push((bits.bytes[b >> 3]! & (0x80 >> (b & 7))) !== 0);
    } else if (oid === '2.5.29.14') {
      subjectKeyIdentifier = contentOf(expectTag(readRoot(value), TAG.OCTET_STRING, 'SubjectKeyIdentifier'));
    } else if (oid === '2.5.29.35') {
      for (const f of childrenOf(expectTag(readRoot(value), TAG.SEQUENCE, 'AuthorityKeyIdentifier'))) {
        if (f.tag === 0x80) authorityKeyIdentifier = contentOf(f); // keyIdentifier [0] IMPLICIT OCTET STRING
      }
    }
  }
  return {
    ...(basicConstraints ? { basicConstraints } : {}),
    ...(keyUsage ? { keyUsage } : {}),
    ...(subjectKeyIdentifier ? { subjectKeyIdentifier } : {}),
    ...(authorityKeyIdentifier ? { authorityKeyIdentifier } : {}),
    unhandledCritical,
  };
}

/**
 * Parses one DER certificate (RFC 5280 §4.1). Throws {@link DerError} on anything malformed,
 * including trailing bytes and an inner signature algorithm that differs from the outer one
 * (§4.1.1.2).
 *
 * @example
 * const cert = parseCertificate(der);
 * cert.subject.text;   // 'CN=TEST SEAL, O=ORGANIZACION TEST, C=ES'
 * cert.notAfter;       // Date
 * cert.publicKey.type; // 'RSA'
 */
export function parseCertificate(der: Bytes): Certificate {
  if (der.length > MAX_CERTIFICATE_BYTES) throw new DerError('certificate larger than 1 MiB');
  const root = readRoot(der);
  const [tbsTlv, algTlv, sigTlv, extra] = childrenOf(expectTag(root, TAG.SEQUENCE, 'Certificate'));
  if (extra !== undefined) throw new DerError('Certificate has extra fields');
  const tbs = childrenOf(expectTag(tbsTlv, TAG.SEQUENCE, 'tbsCertificate'));
  let i = 0;
  let version = 1;
  if (tbs[0]?.tag === 0xa0) {
    const [v, more] = childrenOf(tbs[0]);
    if (v === undefined || more !== undefined) throw new DerError('malformed version');
    version = smallInteger(v) + 1;
    if (version > 3) throw new DerError(`unknown certificate version ${version}`);
    i = 1;
  }
  const serialBytes = integerBytes(expectTag(tbs[i++], TAG.INTEGER, 'serialNumber'));
  const innerAlg = signatureScheme(tbs[i++]);
  const issuer = parseName(expectTag(tbs[i++], TAG.SEQUENCE, 'issuer'));
  const validity = childrenOf(expectTag(tbs[i++], TAG.SEQUENCE, 'validity'));
  if (validity.length !== 2) throw new DerError('validity must hold notBefore and notAfter');
  const notBefore = timeOf(validity[0]!);
  const notAfter = timeOf(validity[1]!);
  const subject = parseName(expectTag(tbs[i++], TAG.SEQUENCE, 'subject'));
  const publicKey = parsePublicKey(expectTag(tbs[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo'));
  if (tbs[i]?.tag === 0x81) i++; // issuerUniqueID [1] IMPLICIT
  if (tbs[i]?.tag === 0x82) i++; // subjectUniqueID [2] IMPLICIT
  let extensionsTlv: Tlv | undefined;
  if (tbs[i]?.tag === 0xa3) {
    if (version !== 3) throw new DerError('extensions in a certificate that is not version 3');
    extensionsTlv = tbs[i++];
  }
  if (i !== tbs.length) throw new DerError('tbsCertificate has unexpected fields');
  const outerAlg = signatureScheme(algTlv);
  if (outerAlg.der.length !== innerAlg.der.length || !outerAlg.der.every((b, k) => b === innerAlg.der[k])) {
    throw new DerError('signatureAlgorithm differs from tbsCertificate.signature (RFC 5280 §4.1.1.2)');
  }
  const signature = bitStringOf(expectTag(sigTlv, TAG.BIT_STRING, 'signatureValue'));
  if (signature.unusedBits !== 0) throw new DerError('signatureValue has unused bits');
  let start = 0;
  while (start < serialBytes.length - 1 && serialBytes[start] === 0) start++;
  return {
    der,
    tbs: encodingOf(tbsTlv!),
    version,
    serialNumber: bytesToHex(serialBytes.subarray(start)),
    serialBytes,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    signatureAlgorithm: { oid: outerAlg.oid, scheme: outerAlg.scheme },
    signature: signature.bytes,
    extensions: readableExtensions(extensionsTlv),
  };
}

/**
 * Extensions, or — when they cannot be read — a marker that makes path validation refuse the
 * certificate (as an unprocessed critical extension would, RFC 5280 §4.2) while its key, names
 * and validity stay usable for checking a signature.
 */
function readableExtensions(tlv: Tlv | undefined): CertificateExtensions {
  try {
    return parseExtensions(tlv);
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    return { unhandledCritical: [`(unreadable extensions: ${e.message})`] };
  }
}

/**
 * Parses a certificate, returning the reason instead of throwing.
 *
 * @example
 * const r = tryParseCertificate(bytes);
 * if (!r.ok) console.log(r.reason); // 'length 4294967295 runs past the enclosing data (3 bytes left)'
 */
export function tryParseCertificate(der: Bytes): { ok: true; certificate: Certificate } | { ok: false; reason: string } {
  try {
    return { ok: true, certificate: parseCertificate(der) };
  } catch (e) {
    return { ok: false, reason: e instanceof DerError ? e.message : 'unreadable certificate' };
  }
}

/**
 * Reads certificates given as PEM text (one or more `-----BEGIN CERTIFICATE-----` blocks), as
 * bare base64 (white space allowed), or as DER bytes. `undefined` when the text is neither.
 *
 * @example
 * certificateBytesFrom(await readFile('ca-bundle.pem', 'utf8')); // [Uint8Array, Uint8Array, …]
 */
export function certificateBytesFrom(input: string | Uint8Array): Bytes[] | undefined {
  if (input instanceof Uint8Array) return [new Uint8Array(input)];
  if (typeof input !== 'string' || input.length > 16 * MAX_CERTIFICATE_BYTES) return undefined;
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  const blocks = [...input.matchAll(pem)].map((m) => m[1]!);
  const texts = blocks.length > 0 ? blocks : [input];
  const out: Bytes[] = [];
  for (const t of texts) {
    const bytes = lenientBase64ToBytes(t.replace(/\s+/g, ''));
    if (bytes === undefined || bytes.length === 0) return undefined;
    out.push(bytes);
  }
  return out;
}

/** Converts an ECDSA signature from DER (`Ecdsa-Sig-Value`, RFC 5480 §2.2 / RFC 3279) to r‖s. */
export function ecdsaDerToRaw(sig: Uint8Array, curve: CurveName): Bytes {
  const size = curve === 'P-256' ? 32 : curve === 'P-384' ? 48 : 66;
  const bytes = new Uint8Array(sig);
  const seq = readRoot(bytes);
  const [r, s, extra] = childrenOf(expectTag(seq, TAG.SEQUENCE, 'Ecdsa-Sig-Value'));
  if (s === undefined || extra !== undefined) throw new DerError('Ecdsa-Sig-Value must hold r and s');
  const out = new Uint8Array(size * 2);
  [r!, s].forEach((tlv, k) => {
    let v = integerBytes(tlv);
    if ((v[0]! & 0x80) !== 0) throw new DerError('negative ECDSA signature value');
    while (v.length > 1 && v[0] === 0) v = v.subarray(1);
    if (v.length > size) throw new DerError('ECDSA signature value larger than the curve');
    out.set(v, k * size + size - v.length);
  });
  return out;
}

/** WebCrypto parameters of a scheme for a key. `undefined` when the key cannot make such signatures. */
export function webCryptoParams(
  scheme: SignatureScheme,
  key: PublicKeyInfo,
): { importAlg: WebCryptoAlgorithm; verifyAlg: WebCryptoAlgorithm } | undefined {
  if (scheme.kind === 'rsa-pkcs1' && key.type === 'RSA') {
    return { importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash }, verifyAlg: { name: 'RSASSA-PKCS1-v1_5' } };
  }
  if (scheme.kind === 'rsa-pss' && key.type === 'RSA') {
    return { importAlg: { name: 'RSA-PSS', hash: scheme.hash }, verifyAlg: { name: 'RSA-PSS', saltLength: scheme.saltLength } };
  }
  if (scheme.kind === 'ecdsa' && key.type === 'EC' && key.curve) {
    return { importAlg: { name: 'ECDSA', namedCurve: key.curve }, verifyAlg: { name: 'ECDSA', hash: scheme.hash } };
  }
  return undefined;
}

/**
 * Imported WebCrypto keys, by algorithm and SPKI: a seal's validation data signs with the same few
 * keys again and again, and importing an RSA key costs more than verifying with it. Bounded, and
 * harmless to share: a CryptoKey is immutable and holds only public material.
 */
const KEY_CACHE = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_SIZE = 128;

export function importVerifyKey(spki: Bytes, alg: WebCryptoAlgorithm): Promise<CryptoKey> {
  let id = `${alg.name}|${alg.hash ?? ''}|${alg.namedCurve ?? ''}|`;
  for (const b of spki) id += String.fromCharCode(b);
  let key = KEY_CACHE.get(id);
  if (key === undefined) {
    key = globalThis.crypto.subtle.importKey('spki', new Uint8Array(spki), alg, false, ['verify']);
    // A failed import is not kept: the next caller gets the error afresh.
    key.catch(() => KEY_CACHE.delete(id));
    if (KEY_CACHE.size >= KEY_CACHE_SIZE) KEY_CACHE.delete(KEY_CACHE.keys().next().value!);
    KEY_CACHE.set(id, key);
  }
  return key;
}

/** The outcome of checking one signature: `unsupported` when it could not be checked at all. */
export type SignatureCheck = { ok: true } | { ok: false; reason: string; unsupported?: boolean };

/**
 * Checks a signature over `data` with `key`. An ECDSA `signature` is the DER `Ecdsa-Sig-Value` of
 * X.509 and CMS (RFC 5480 §2.2, RFC 5753). SHA-1 is refused unless `allowSha1`: the integrity
 * checks of validation data accept it (a collision there gains nothing the verifier relies on),
 * path validation never does. An algorithm or key WebCrypto cannot use is `unsupported`.
 */
export async function verifySignatureValue(
  scheme: SignatureScheme,
  key: PublicKeyInfo,
  data: Uint8Array,
  signature: Uint8Array,
  { allowSha1 = false }: { allowSha1?: boolean } = {},
): Promise<SignatureCheck> {
  if (scheme.kind === 'unsupported') return { ok: false, reason: `unsupported ${scheme.reason}`, unsupported: true };
  // SHA-1 signatures can be forged by chosen-prefix collisions; refuse them on certificates.
  if (scheme.hash === 'SHA-1' && !allowSha1) return { ok: false, reason: 'signed with SHA-1, which is no longer safe for certificates' };
  const params = webCryptoParams(scheme, key);
  // A key WebCrypto cannot import (another curve, Ed25519…) leaves the signature unchecked, not wrong.
  if (params === undefined) return { ok: false, reason: `a ${scheme.kind} signature cannot come from the issuer's ${key.type} key`, ...(key.type === 'unsupported' ? { unsupported: true } : {}) };
  try {
    const sig = scheme.kind === 'ecdsa' ? ecdsaDerToRaw(signature, key.curve!) : new Uint8Array(signature);
    const imported = await importVerifyKey(key.spki, params.importAlg);
    const ok = await globalThis.crypto.subtle.verify(params.verifyAlg, imported, sig, new Uint8Array(data));
    return ok ? { ok } : { ok, reason: 'the signature does not verify with the issuer\'s key' };
  } catch (e) {
    return { ok: false, reason: e instanceof DerError ? e.message : 'the issuer\'s key could not be used' };
  }
}

/**
 * Checks `subject`'s signature with `issuer`'s public key. Resolves `{ ok: false, reason }` for a
 * wrong signature, an unsupported or SHA-1 algorithm, or a key of the wrong type.
 */
export async function verifyCertificateSignature(subject: Certificate, issuer: Certificate): Promise<{ ok: boolean; reason?: string }> {
  const check = await verifySignatureValue(subject.signatureAlgorithm.scheme, issuer.publicKey, subject.tbs, subject.signature);
  return check.ok ? { ok: true } : { ok: false, reason: check.reason };
}

/** Reads `kid` as a DER IssuerSerial (RFC 5035 §4; ETSI TS 119 182-1 §5.1.4), if it is one. */
export function parseIssuerSerial(bytes: Bytes): { issuer: Bytes; serial: Bytes } | undefined {
  try {
    const [names, serial, extra] = childrenOf(expectTag(readRoot(bytes), TAG.SEQUENCE, 'IssuerSerial'));
    if (serial === undefined) return undefined;
    const generalNames = childrenOf(expectTag(names, TAG.SEQUENCE, 'GeneralNames'));
    // directoryName [4] EXPLICIT Name
    const dir = generalNames.find((g) => g.tag === 0xa4);
    if (dir === undefined || (extra !== undefined && extra.tag !== TAG.BIT_STRING)) return undefined;
    const name = readTlv(dir.bytes, dir.contentStart, dir.end);
    if (name.end !== dir.end) return undefined;
    return { issuer: encodingOf(expectTag(name, TAG.SEQUENCE, 'Name')), serial: integerBytes(serial) };
  } catch {
    return undefined;
  }
}
