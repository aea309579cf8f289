/**
 * RFC 3161 time-stamp tokens: CMS SignedData (RFC 5652) encapsulating a TSTInfo, read with the DER
 * reader and checked the way RFC 5652 §5.6 describes, so that no byte of a token changes unseen:
 *
 * - the structure and its unsigned version numbers are exactly what RFC 5652 §5.1/§5.3 prescribe;
 * - the signed attributes carry the content type (§11.1) and the digest of the encapsulated
 *   TSTInfo (§11.2), and the SignerInfo signature verifies over their DER, re-tagged as SET OF (§5.4);
 * - the signer is the certificate the SignerInfo names, and the one the ESS signingCertificate(V2)
 *   attribute hashes (RFC 5035 §3, required in time-stamp tokens by RFC 3161 §2.4.1);
 * - CMSAlgorithmProtection, when present, names the algorithms used (RFC 6211 §3);
 * - the TSTInfo message imprint is the hash of what the caller says the token covers (RFC 3161 §2.4.2).
 *
 * What cannot be checked (no certificate for the TSA, an algorithm WebCrypto lacks) is reported as
 * unverified, never as valid.
 * @module
 */
import { DerError, TAG, childrenOf, contentOf, encodingOf, expectTag, integerBytes, oidOf, readRoot, smallInteger, type Tlv } from './der.js';
import { bytesEqual, type Bytes } from '../json/encoding.js';
import { isRecognisedAlgorithm, readHashAlgorithm, readSignatureAlgorithm, verifySignatureValue, type Certificate, type HashName, type SignatureScheme } from './x509.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  algorithmProtection: '1.2.840.113549.1.9.52',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

type HashAlgorithm = ReturnType<typeof readHashAlgorithm>;

/** One SignerInfo (RFC 5652 §5.3). */
export interface SignerInfo {
  readonly version: number;
  readonly sid: { readonly issuer: Bytes; readonly serial: Bytes } | { readonly subjectKeyIdentifier: Bytes };
  readonly digestAlgorithm: HashAlgorithm;
  readonly digestAlgorithmDer: Bytes;
  /** What the signature covers: the DER of the signed attributes with the SET OF tag (RFC 5652 §5.4). */
  readonly signedAttrs?: Bytes;
  /** The signed attributes by type: each occurrence's values. */
  readonly attributes: ReadonlyMap<string, readonly (readonly Tlv[])[]>;
  readonly signatureAlgorithm: { readonly oid: string; readonly scheme: SignatureScheme; readonly der: Bytes };
  readonly signature: Bytes;
  readonly hasUnsignedAttrs: boolean;
}

/** A CMS SignedData (RFC 5652 §5.1) as far as time-stamp tokens need it. */
export interface SignedData {
  readonly eContentType: string;
  /** The eContent OCTET STRING's content octets: what the messageDigest attribute covers (§5.4). */
  readonly eContent?: Bytes;
  /** X.509 certificates in `certificates` (the other CertificateChoices are counted, not read). */
  readonly certificates: readonly Bytes[];
  /** X.509 CRLs in `crls`. */
  readonly crls: readonly Bytes[];
  readonly signerInfos: readonly SignerInfo[];
}

/** The TSTInfo fields the checks use (RFC 3161 §2.4.2); the rest is covered by the messageDigest. */
export interface TstInfo {
  readonly imprintAlgorithm: HashAlgorithm;
  readonly imprint: Bytes;
  /** genTime as written, e.g. `20230927115420Z`. */
  readonly genTime: string;
}

function attributesOf(tlv: Tlv): Map<string, Tlv[][]> {
  const out = new Map<string, Tlv[][]>();
  const attrs = childrenOf(tlv);
  // SignedAttributes ::= SET SIZE (1..MAX) OF Attribute (RFC 5652 §5.3)
  if (attrs.length === 0) throw new DerError('empty signed attributes');
  for (const attr of attrs) {
    const [type, values, extra] = childrenOf(expectTag(attr, TAG.SEQUENCE, 'Attribute'));
    if (values === undefined || extra !== undefined) throw new DerError('Attribute must hold a type and a set of values');
    const oid = oidOf(expectTag(type, TAG.OID, 'attrType'));
    const list = out.get(oid) ?? [];
    list.push(childrenOf(expectTag(values, TAG.SET, 'attrValues')));
    out.set(oid, list);
  }
  return out;
}

function parseSignerInfo(tlv: Tlv): SignerInfo {
  const f = childrenOf(expectTag(tlv, TAG.SEQUENCE, 'SignerInfo'));
  let i = 0;
  const version = smallInteger(expectTag(f[i++], TAG.INTEGER, 'SignerInfo version'));
  const sidTlv = f[i++];
  let sid: SignerInfo['sid'];
  if (sidTlv?.tag === TAG.SEQUENCE) {
    const [issuer, serial, extra] = childrenOf(sidTlv);
    if (serial === undefined || extra !== undefined) throw new DerError('IssuerAndSerialNumber must hold an issuer and a serial number');
    sid = { issuer: encodingOf(expectTag(issuer, TAG.SEQUENCE, 'issuer')), serial: integerBytes(serial) };
    // RFC 5652 §5.3: issuerAndSerialNumber means version 1; a different number is a changed token.
    if (version !== 1) throw new DerError(`SignerInfo version ${version} with issuerAndSerialNumber (RFC 5652 §5.3 requires 1)`);
  } else if (sidTlv?.tag === 0x80) {
    sid = { subjectKeyIdentifier: contentOf(sidTlv) };
    if (version !== 3) throw new DerError(`SignerInfo version ${version} with subjectKeyIdentifier (RFC 5652 §5.3 requires 3)`);
  } else {
    throw new DerError('SignerInfo sid is neither issuerAndSerialNumber nor subjectKeyIdentifier');
  }
  const digestTlv = f[i++];
  const digestAlgorithm = readHashAlgorithm(digestTlv);
  let signedAttrs: Bytes | undefined;
  let attributes = new Map<string, Tlv[][]>();
  if (f[i]?.tag === 0xa0) {
    const attrs = f[i++]!;
    attributes = attributesOf(attrs);
    // RFC 5652 §5.4: the signature covers the DER of the SET OF, not of the [0] IMPLICIT field.
    signedAttrs = new Uint8Array(encodingOf(attrs));
    signedAttrs[0] = TAG.SET;
  }
  const signatureAlgorithm = readSignatureAlgorithm(f[i++]);
  const signature = contentOf(expectTag(f[i++], TAG.OCTET_STRING, 'signature'));
  let hasUnsignedAttrs = false;
  if (f[i]?.tag === 0xa1) {
    attributesOf(f[i++]!);
    hasUnsignedAttrs = true;
  }
  if (i !== f.length) throw new DerError('SignerInfo has unexpected fields');
  return { version, sid, digestAlgorithm, digestAlgorithmDer: encodingOf(digestTlv!), ...(signedAttrs ? { signedAttrs } : {}), attributes, signatureAlgorithm, signature, hasUnsignedAttrs };
}

/**
 * Parses a DER ContentInfo holding a SignedData (RFC 5652 §3, §5), checking the unsigned parts
 * that carry no meaning of their own against what RFC 5652 prescribes: the SignedData version
 * (§5.1) and the SignerInfo versions (§5.3). Throws {@link DerError} when anything differs.
 *
 * @example
 * const sd = parseSignedData(tokenDer);
 * sd.eContentType; // '1.2.840.113549.1.9.16.1.4' (id-ct-TSTInfo)
 */
export function parseSignedData(der: Bytes): SignedData {
  const [typeTlv, content, extra] = childrenOf(expectTag(readRoot(der), TAG.SEQUENCE, 'ContentInfo'));
  if (oidOf(expectTag(typeTlv, TAG.OID, 'contentType')) !== OID.signedData) throw new DerError('the ContentInfo is not SignedData');
  if (extra !== undefined) throw new DerError('ContentInfo has extra fields');
  const [sdTlv, more] = childrenOf(expectTag(content, 0xa0, 'content'));
  if (more !== undefined) throw new DerError('ContentInfo content has extra fields');
  const f = childrenOf(expectTag(sdTlv, TAG.SEQUENCE, 'SignedData'));
  let i = 0;
  const version = smallInteger(expectTag(f[i++], TAG.INTEGER, 'SignedData version'));
  const digestAlgorithms = childrenOf(expectTag(f[i++], TAG.SET, 'digestAlgorithms')).map((a) => readHashAlgorithm(a));
  const [eTypeTlv, eContentTlv, eExtra] = childrenOf(expectTag(f[i++], TAG.SEQUENCE, 'EncapsulatedContentInfo'));
  if (eExtra !== undefined) throw new DerError('EncapsulatedContentInfo has extra fields');
  const eContentType = oidOf(expectTag(eTypeTlv, TAG.OID, 'eContentType'));
  let eContent: Bytes | undefined;
  if (eContentTlv !== undefined) {
    const [octets, x] = childrenOf(expectTag(eContentTlv, 0xa0, 'eContent'));
    if (x !== undefined) throw new DerError('eContent has extra fields');
    eContent = contentOf(expectTag(octets, TAG.OCTET_STRING, 'eContent'));
  }
  const certificates: Bytes[] = [];
  const crls: Bytes[] = [];
  let otherFormat = false;
  let v2AttrCert = false;
  let v1AttrCert = false;
  if (f[i]?.tag === 0xa0) {
    for (const c of childrenOf(f[i++]!)) {
      // CertificateChoices (RFC 5652 §10.2.2): certificate, or [0]…[3] formats not read here.
      if (c.tag === TAG.SEQUENCE) certificates.push(encodingOf(c));
      else if (c.tag === 0xa1) v1AttrCert = true;
      else if (c.tag === 0xa2) v2AttrCert = true;
      else if (c.tag === 0xa3) otherFormat = true;
      else if (c.tag !== 0xa0) throw new DerError('certificates holds an unknown CertificateChoices');
    }
  }
  if (f[i]?.tag === 0xa1) {
    for (const c of childrenOf(f[i++]!)) {
      // RevocationInfoChoice (RFC 5652 §10.2.1): a CertificateList, or other [1].
      if (c.tag === TAG.SEQUENCE) crls.push(encodingOf(c));
      else if (c.tag === 0xa1) otherFormat = true;
      else throw new DerError('crls holds an unknown RevocationInfoChoice');
    }
  }
  const signerInfos = childrenOf(expectTag(f[i++], TAG.SET, 'signerInfos')).map(parseSignerInfo);
  if (i !== f.length) throw new DerError('SignedData has unexpected fields');
  // RFC 5652 §5.1: the version follows from the content; it is not signed, so anything else is a change.
  const expected = otherFormat ? 5 : v2AttrCert ? 4 : v1AttrCert || signerInfos.some((s) => s.version === 3) || eContentType !== OID.data ? 3 : 1;
  if (version !== expected) throw new DerError(`SignedData version ${version}, where RFC 5652 §5.1 requires ${expected}`);
  // Every signer's digest algorithm is listed in digestAlgorithms (RFC 5652 §5.1), which is not signed either.
  for (const s of signerInfos) {
    const oid = 'hash' in s.digestAlgorithm ? s.digestAlgorithm.oid : s.digestAlgorithm.unsupported;
    if (!digestAlgorithms.some((d) => ('hash' in d ? d.oid : d.unsupported) === oid)) throw new DerError('digestAlgorithms does not list the signer\'s digest algorithm');
  }
  return { eContentType, ...(eContent ? { eContent } : {}), certificates, crls, signerInfos };
}

/** Parses a DER TSTInfo (RFC 3161 §2.4.2). */
export function parseTstInfo(der: Bytes): TstInfo {
  const f = childrenOf(expectTag(readRoot(der), TAG.SEQUENCE, 'TSTInfo'));
  if (smallInteger(expectTag(f[0], TAG.INTEGER, 'TSTInfo version')) !== 1) throw new DerError('TSTInfo version is not 1');
  oidOf(expectTag(f[1], TAG.OID, 'policy'));
  const [alg, digest, extra] = childrenOf(expectTag(f[2], TAG.SEQUENCE, 'MessageImprint'));
  if (extra !== undefined) throw new DerError('MessageImprint has extra fields');
  const imprintAlgorithm = readHashAlgorithm(alg, 'message imprint algorithm');
  const imprint = contentOf(expectTag(digest, TAG.OCTET_STRING, 'hashedMessage'));
  integerBytes(expectTag(f[3], TAG.INTEGER, 'serialNumber'));
  const genTime = String.fromCharCode(...contentOf(expectTag(f[4], TAG.GENERALIZED_TIME, 'genTime')));
  // RFC 3161 §2.4.2: YYYYMMDDhhmmss[.s...]Z
  if (!/^\d{14}(\.\d*[1-9])?Z$/.test(genTime)) throw new DerError(`genTime "${genTime}" is not YYYYMMDDhhmmss[.s]Z`);
  return { imprintAlgorithm, imprint, genTime };
}

/** The ESS signing certificate identifier: the first ESSCertID(v2) (RFC 5035 §3: it names the signer). */
function signingCertificateId(attributes: SignerInfo['attributes']): { hash: HashAlgorithm; certHash: Bytes } | undefined {
  for (const [oid, v2] of [[OID.signingCertificateV2, true], [OID.signingCertificate, false]] as const) {
    const occurrences = attributes.get(oid);
    if (occurrences === undefined) continue;
    const value = single(occurrences, v2 ? 'signingCertificateV2' : 'signingCertificate');
    const [certs] = childrenOf(expectTag(value, TAG.SEQUENCE, 'SigningCertificate'));
    const [first] = childrenOf(expectTag(certs, TAG.SEQUENCE, 'certs'));
    const fields = childrenOf(expectTag(first, TAG.SEQUENCE, 'ESSCertID'));
    let k = 0;
    // ESSCertIDv2: hashAlgorithm DEFAULT id-sha256 (RFC 5035 §4); ESSCertID: SHA-1 (RFC 2634 §5.4.1).
    let hash: HashAlgorithm = v2 ? { hash: 'SHA-256', oid: '2.16.840.1.101.3.4.2.1' } : { hash: 'SHA-1', oid: '1.3.14.3.2.26' };
    if (v2 && fields[k]?.tag === TAG.SEQUENCE) hash = readHashAlgorithm(fields[k++], 'ESSCertIDv2 hashAlgorithm');
    const certHash = contentOf(expectTag(fields[k], TAG.OCTET_STRING, 'certHash'));
    return { hash, certHash };
  }
  return undefined;
}

function single(occurrences: readonly (readonly Tlv[])[], what: string): Tlv {
  // RFC 5652 §11.1, §11.2 and RFC 5035 §5.4: one attribute of the type, with exactly one value.
  if (occurrences.length !== 1 || occurrences[0]!.length !== 1) throw new DerError(`the ${what} attribute must appear once with one value`);
  return occurrences[0]![0]!;
}

function sameAlgorithm(a: Bytes, b: Bytes): boolean {
  // RFC 6211 §2 compares AlgorithmIdentifiers; absent and NULL parameters mean the same for the
  // hash and RSA algorithms (RFC 5754 §2, RFC 4055 §5), so compare with NULL parameters dropped.
  const strip = (x: Bytes): string => {
    const [oid, params] = childrenOf(readRoot(x));
    const noParams = params === undefined || (params.tag === TAG.NULL && params.end === params.contentStart);
    return noParams ? oidOf(expectTag(oid, TAG.OID, 'algorithm')) : Array.from(x).join(',');
  };
  return bytesEqual(a, b) || strip(a) === strip(b);
}

/** What checking an object found. */
export type ObjectCheck =
  | { readonly status: 'verified'; readonly note?: string }
  | { readonly status: 'invalid'; readonly reason: string }
  | { readonly status: 'unverified'; readonly reason: string; /** The algorithm or key, not the issuer, is what is missing. */ readonly unsupported?: boolean };

async function digest(hash: HashName, data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, new Uint8Array(data)));
}

/** The SignerInfo scheme: `rsaEncryption` and `id-ecPublicKey` take their hash from digestAlgorithm (RFC 3370 §3.2, RFC 5753 §7.1.3). */
function schemeOf(signer: SignerInfo): SignatureScheme {
  const { oid, scheme } = signer.signatureAlgorithm;
  if (oid !== OID.rsaEncryption && oid !== OID.ecPublicKey) return scheme;
  if (!('hash' in signer.digestAlgorithm)) return { kind: 'unsupported', reason: `digest algorithm ${signer.digestAlgorithm.unsupported}` };
  return { kind: oid === OID.rsaEncryption ? 'rsa-pkcs1' : 'ecdsa', hash: signer.digestAlgorithm.hash };
}

/**
 * Verifies a parsed time-stamp token: structure, messageDigest, the TSA signature with a
 * certificate from `pool` (which should hold the token's own certificates), and the message imprint
 * against `imprintInput` (`undefined`: the imprint is not checked, and the result says so).
 *
 * @example
 * const check = await verifyTimeStampToken(parseSignedData(der), utf8Encode(signatureValue), pool);
 * if (check.status === 'invalid') console.log(check.reason);
 */
export async function verifyTimeStampToken(sd: SignedData, imprintInput: Uint8Array | undefined, pool: readonly Certificate[]): Promise<ObjectCheck & { genTime?: string }> {
  try {
    // RFC 3161 §2.4.2: the encapsulated content is a TSTInfo, signed by the TSA alone.
    if (sd.eContentType !== OID.tstInfo) return { status: 'invalid', reason: `its content type is ${sd.eContentType}, not id-ct-TSTInfo (RFC 3161 §2.4.2)` };
    if (sd.eContent === undefined) return { status: 'invalid', reason: 'it has no encapsulated TSTInfo' };
    if (sd.signerInfos.length !== 1) return { status: 'invalid', reason: `it has ${sd.signerInfos.length} SignerInfos; a time-stamp token has exactly one, the TSA's (RFC 3161 §2.4.2)` };
    const signer = sd.signerInfos[0]!;
    if (signer.signedAttrs === undefined) return { status: 'invalid', reason: 'it has no signed attributes, so nothing binds the TSTInfo or the TSA certificate (RFC 3161 §2.4.1, RFC 5652 §5.3)' };
    const tst = parseTstInfo(sd.eContent);
    const attrs = signer.attributes;
    // RFC 5652 §11.1: the content-type attribute equals eContentType.
    const ctype = attrs.get(OID.contentType);
    if (ctype === undefined || oidOf(expectTag(single(ctype, 'content-type'), TAG.OID, 'content-type')) !== sd.eContentType) {
      return { status: 'invalid', reason: 'its content-type attribute is missing or differs from the encapsulated content type (RFC 5652 §11.1)' };
    }
    // RFC 6211 §3: CMSAlgorithmProtection names the algorithms the signer used.
    const protection = attrs.get(OID.algorithmProtection);
    if (protection !== undefined) {
      const [dAlg, sAlg, x] = childrenOf(expectTag(single(protection, 'CMSAlgorithmProtection'), TAG.SEQUENCE, 'CMSAlgorithmProtection'));
      if (x !== undefined || sAlg?.tag !== 0xa1) throw new DerError('CMSAlgorithmProtection must hold a digest and a signature algorithm');
      const sAlgDer = new Uint8Array(encodingOf(sAlg));
      sAlgDer[0] = TAG.SEQUENCE; // [1] IMPLICIT AlgorithmIdentifier
      if (!sameAlgorithm(encodingOf(expectTag(dAlg, TAG.SEQUENCE, 'digestAlgorithm')), signer.digestAlgorithmDer) || !sameAlgorithm(sAlgDer, signer.signatureAlgorithm.der)) {
        return { status: 'invalid', reason: 'its CMSAlgorithmProtection attribute names other algorithms than the SignerInfo (RFC 6211 §3)' };
      }
    }
    // RFC 5652 §11.2, §5.4: messageDigest is the digest of the eContent octets.
    const md = attrs.get(OID.messageDigest);
    if (md === undefined) return { status: 'invalid', reason: 'it has no message-digest attribute (RFC 5652 §5.3)' };
    const mdValue = contentOf(expectTag(single(md, 'message-digest'), TAG.OCTET_STRING, 'message-digest'));
    // The SignerInfo's algorithm identifiers are not signed: one that names no algorithm was changed.
    for (const oid of [signer.signatureAlgorithm.oid, 'hash' in signer.digestAlgorithm ? signer.digestAlgorithm.oid : signer.digestAlgorithm.unsupported]) {
      if (!isRecognisedAlgorithm(oid)) return { status: 'invalid', reason: `its SignerInfo names ${oid}, which is no signature or digest algorithm` };
    }
    if (!('hash' in signer.digestAlgorithm)) return { status: 'unverified', reason: `its digest algorithm ${signer.digestAlgorithm.unsupported} is not supported`, unsupported: true };
    if (!bytesEqual(await digest(signer.digestAlgorithm.hash, sd.eContent), mdValue)) {
      return { status: 'invalid', reason: 'its message-digest attribute is not the digest of the encapsulated TSTInfo: the TSTInfo was changed (RFC 5652 §11.2)' };
    }

    // The TSA certificate: the one the SignerInfo names, which must be the one ESS signingCertificate hashes.
    const essId = signingCertificateId(attrs);
    // RFC 5652 §5.3: the sid names the certificate by issuer and serial number (exact DER, as copied from it) or key identifier.
    const named = pool.filter((c) => 'issuer' in signer.sid
      ? bytesEqual(c.serialBytes, signer.sid.serial) && bytesEqual(c.issuer.der, signer.sid.issuer)
      : c.extensions.subjectKeyIdentifier !== undefined && bytesEqual(c.extensions.subjectKeyIdentifier, signer.sid.subjectKeyIdentifier));
    const hashes = async (c: Certificate) => essId !== undefined && 'hash' in essId.hash && bytesEqual(await digest(essId.hash.hash, c.der), essId.certHash);
    const candidates: Certificate[] = [];
    for (const c of named) if (essId === undefined || !('hash' in essId.hash) || (await hashes(c))) candidates.push(c);
    if (candidates.length === 0 && named.length > 0) {
      // RFC 5035 §3: the first ESSCertID identifies the signing certificate.
      return { status: 'invalid', reason: 'its signingCertificate attribute does not hash the certificate its SignerInfo names (RFC 5035 §3)' };
    }
    if (candidates.length === 0) {
      for (const c of pool) if (await hashes(c)) return { status: 'invalid', reason: 'its SignerInfo does not name the certificate its signingCertificate attribute hashes (RFC 5652 §5.3, RFC 5035 §3)' };
      return { status: 'unverified', reason: 'the TSA certificate it names is neither in the token nor elsewhere in the seal' };
    }
    let failure: string | undefined;
    let unsupported: string | undefined;
    let verified = false;
    for (const tsa of candidates) {
      const check = await verifySignatureValue(schemeOf(signer), tsa.publicKey, signer.signedAttrs, signer.signature, { allowSha1: true });
      if (check.ok) {
        verified = true;
        break;
      }
      if (check.unsupported) unsupported ??= check.reason;
      else failure ??= `its signature by "${tsa.subject.text}" does not verify over its signed attributes (${check.reason})`;
    }
    if (!verified) return failure !== undefined ? { status: 'invalid', reason: failure } : { status: 'unverified', reason: `its signature cannot be checked (${unsupported ?? 'unsupported'})`, unsupported: true };

    // RFC 3161 §2.4.2: messageImprint is the hash of the time-stamped data.
    const note = signer.hasUnsignedAttrs ? { note: 'its unsigned attributes are covered by nothing' } : {};
    if (imprintInput === undefined) return { status: 'verified', genTime: tst.genTime, ...note };
    if (!('hash' in tst.imprintAlgorithm)) return { status: 'unverified', reason: `its message imprint uses ${tst.imprintAlgorithm.unsupported}, which is not supported`, unsupported: true, genTime: tst.genTime };
    if (!bytesEqual(await digest(tst.imprintAlgorithm.hash, imprintInput), tst.imprint)) {
      return { status: 'invalid', reason: 'its message imprint is not the hash of the data it time-stamps: the signature, the payload, the headers or the validation data it covers were changed', genTime: tst.genTime };
    }
    return { status: 'verified', genTime: tst.genTime, ...note };
  } catch (e) {
    if (!(e instanceof DerError)) throw e;
    return { status: 'invalid', reason: `it is not a well-formed time-stamp token (${e.message})` };
  }
}
