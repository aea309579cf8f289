/**
 * X.509 certificates (RFC 5280) as far as seal verification needs them: names, serial number,
 * validity, the public key, the extensions that path validation reads, and the signature.
 *
 * Every certificate passes the strict DER gate (`der.ts`) and is then read with
 * `@peculiar/asn1-x509`'s Certificate and extension classes. The exact bytes the verifier compares
 * or hashes (the signed tbsCertificate, the names, the key, the algorithm identifiers) are taken
 * from the input, never re-encoded. Anything malformed is a {@link DerError}.
 * @module
 */
import { AuthorityKeyIdentifier, BasicConstraints, Certificate as AsnCertificate, KeyUsage, SubjectKeyIdentifier, type Extension } from '@peculiar/asn1-x509';
import { decode, signatureScheme, type SignatureScheme } from './algorithms.js';
import { DerError, TAG, checkDer, childrenOf, contentOf, encodingOf, fields, readRoot, timeOf, type Tlv } from './der.js';
import { parsePublicKey, verifySignatureValue, type PublicKeyInfo } from './keys.js';
import { parseName, type DistinguishedName } from './names.js';
import { bytesEqual, bytesToHex, lenientBase64ToBytes, type Bytes } from '../json/encoding.js';

export type { DistinguishedName, NameAttribute } from './names.js';

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

/**
 * An extension's value read with its schema, after the strict DER gate: extnValue is an OCTET
 * STRING the walk of the certificate (or CRL) did not enter, so its content gets its own check
 * (no trailing bytes, minimal lengths) and, when constructed, at most `max` fields.
 *
 * @example
 * const aki = extensionValue(ext, AuthorityKeyIdentifier, 'AuthorityKeyIdentifier', 3).keyIdentifier;
 */
export function extensionValue<T>(ext: Extension, type: new () => T, what: string, max: number): T {
  const value = new Uint8Array(ext.extnValue.buffer);
  checkDer(value);
  const root = readRoot(value);
  if (root.constructed) fields(root, what, 0, max);
  return decode(value, type, what);
}

/** Reads the extensions (RFC 5280 §4.2) path validation uses. */
function parseExtensions(list: readonly Extension[] | undefined): CertificateExtensions {
  if (list === undefined) return { unhandledCritical: [] };
  if (list.length === 0) throw new DerError('empty Extensions');
  const seen = new Set<string>();
  const unhandledCritical: string[] = [];
  const out: { -readonly [K in keyof CertificateExtensions]: CertificateExtensions[K] } = { unhandledCritical };
  for (const ext of list) {
    const oid = ext.extnID;
    // RFC 5280 §4.2: at most one instance of each extension.
    if (seen.has(oid)) throw new DerError(`extension ${oid} appears twice`);
    seen.add(oid);
    if (ext.critical && !HANDLED_EXTENSIONS.has(oid)) unhandledCritical.push(oid);
    if (oid === '2.5.29.19') {
      const bc = extensionValue(ext, BasicConstraints, 'BasicConstraints', 2);
      out.basicConstraints = bc.pathLenConstraint === undefined ? { ca: bc.cA } : { ca: bc.cA, pathLength: bc.pathLenConstraint };
      if (bc.pathLenConstraint !== undefined && !(Number.isSafeInteger(bc.pathLenConstraint) && bc.pathLenConstraint >= 0)) throw new DerError('pathLenConstraint is not a small non-negative INTEGER');
    } else if (oid === '2.5.29.15') {
      const ku = extensionValue(ext, KeyUsage, 'KeyUsage', 0);
      const bytes = new Uint8Array(ku.value);
      const keyUsage: boolean[] = [];
      for (let b = 0; b < bytes.length * 8 - ku.unusedBits; b++) keyUsage.push((bytes[b >> 3]! & (0x80 >> (b & 7))) !== 0);
      out.keyUsage = keyUsage;
    } else if (oid === '2.5.29.14') {
      out.subjectKeyIdentifier = new Uint8Array(extensionValue(ext, SubjectKeyIdentifier, 'SubjectKeyIdentifier', 0).buffer);
    } else if (oid === '2.5.29.35') {
      const aki = extensionValue(ext, AuthorityKeyIdentifier, 'AuthorityKeyIdentifier', 3).keyIdentifier;
      if (aki !== undefined) out.authorityKeyIdentifier = new Uint8Array(aki.buffer);
    }
  }
  return out;
}

/**
 * Extensions, or — when they cannot be read — a marker that makes path validation refuse the
 * certificate (as an unprocessed critical extension would, RFC 5280 §4.2) while its key, names
 * and validity stay usable for checking a signature.
 */
function readableExtensions(list: readonly Extension[] | undefined): CertificateExtensions {
  try {
    return parseExtensions(list);
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    return { unhandledCritical: [`(unreadable extensions: ${e.message})`] };
  }
}

/** The signature BIT STRING's bytes: whole octets only (RFC 5280 §4.1.1.3 signs octet strings). */
export function signatureBits(tlv: Tlv | undefined, what: string): Bytes {
  if (tlv?.tag !== TAG.BIT_STRING) throw new DerError(`${what} is not a BIT STRING`);
  const c = contentOf(tlv);
  if (c[0] !== 0) throw new DerError(`${what} has unused bits`);
  return c.subarray(1);
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
export function parseCertificate(input: Bytes): Certificate {
  if (input.length > MAX_CERTIFICATE_BYTES) throw new DerError('certificate larger than 1 MiB');
  if (input.length > PARSED_MAX_BYTES) return readCertificate(input.slice());
  let key = '';
  for (let i = 0; i < input.length; i += 4096) key += String.fromCharCode(...input.subarray(i, i + 4096));
  const cached = PARSED.get(key);
  if (cached !== undefined) return cached;
  const cert = readCertificate(input.slice());
  if (PARSED.size >= PARSED_SIZE) PARSED.delete(PARSED.keys().next().value!);
  PARSED.set(key, cert);
  return cert;
}

/**
 * Certificates read, by their DER: the asn1 schemas take about a millisecond per certificate
 * (asn1js matches the whole schema and allocates a node per value), and a seal carries the same
 * few certificates in several places (x5c, xVals, each time-stamp token, the OCSP response), seal
 * after seal. Harmless to share: a parsed certificate is frozen and owns a copy of its bytes.
 * Bounded in entries and in size: only certificates up to 16 KiB (real ones are 1–3 KiB) are kept,
 * so the keys and the copies they hold stay under a few MiB however large the inputs.
 */
const PARSED = new Map<string, Certificate>();
const PARSED_SIZE = 256;
const PARSED_MAX_BYTES = 16 * 1024;

function readCertificate(der: Bytes): Certificate {
  checkDer(der);
  const [tbsTlv, algTlv, sigTlv] = fields(readRoot(der), 'Certificate', 3);
  const whole = decode(der, AsnCertificate, 'Certificate');
  const typed = whole.tbsCertificate;
  const tbs = childrenOf(tbsTlv!);
  const hasVersion = tbs[0]?.tag === 0xa0;
  if (hasVersion) fields(tbs[0]!, 'version', 1);
  const version = hasVersion ? typed.version + 1 : 1;
  if (version > 3) throw new DerError(`unknown certificate version ${version}`);
  const i = hasVersion ? 1 : 0;
  const expected = i + 6 + (typed.issuerUniqueID ? 1 : 0) + (typed.subjectUniqueID ? 1 : 0) + (typed.extensions ? 1 : 0);
  if (tbs.length !== expected) throw new DerError('tbsCertificate has unexpected fields');
  if (typed.extensions && version !== 3) throw new DerError('extensions in a certificate that is not version 3');
  const [notBefore, notAfter] = fields(tbs[i + 3]!, 'validity', 2).map((t) => timeOf(t));
  const innerAlg = signatureScheme(encodingOf(tbs[i + 1]!), typed.signature);
  const outerAlg = signatureScheme(encodingOf(algTlv!), whole.signatureAlgorithm);
  if (!bytesEqual(outerAlg.der, innerAlg.der)) throw new DerError('signatureAlgorithm differs from tbsCertificate.signature (RFC 5280 §4.1.1.2)');
  const serialBytes = contentOf(tbs[i]!);
  let start = 0;
  while (start < serialBytes.length - 1 && serialBytes[start] === 0) start++;
  return Object.freeze({
    der,
    tbs: encodingOf(tbsTlv!),
    version,
    serialNumber: bytesToHex(serialBytes.subarray(start)),
    serialBytes,
    issuer: parseName(encodingOf(tbs[i + 2]!), typed.issuer),
    subject: parseName(encodingOf(tbs[i + 4]!), typed.subject),
    notBefore: notBefore!,
    notAfter: notAfter!,
    publicKey: parsePublicKey(encodingOf(tbs[i + 5]!), typed.subjectPublicKeyInfo),
    signatureAlgorithm: { oid: outerAlg.oid, scheme: outerAlg.scheme },
    signature: signatureBits(sigTlv, 'signatureValue'),
    extensions: readableExtensions(typed.extensions),
  });
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
    checkDer(bytes);
    const root = readRoot(bytes);
    const [names, serial, extra] = fields(root, 'IssuerSerial', 2, 3);
    if (root.tag !== TAG.SEQUENCE || names!.tag !== TAG.SEQUENCE || serial!.tag !== TAG.INTEGER || (extra !== undefined && extra.tag !== TAG.BIT_STRING)) return undefined;
    // directoryName [4] EXPLICIT Name
    const dir = childrenOf(names!).find((g) => g.tag === 0xa4);
    if (dir === undefined) return undefined;
    const [name] = fields(dir, 'directoryName', 1);
    if (name!.tag !== TAG.SEQUENCE) return undefined;
    return { issuer: encodingOf(name!), serial: contentOf(serial!) };
  } catch {
    return undefined;
  }
}
