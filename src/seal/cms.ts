/**
 * CMS SignedData (RFC 5652) and the RFC 3161 TSTInfo it carries in a time-stamp token, read with
 * `@peculiar/asn1-cms` and `@peculiar/asn1-tsp` after the strict DER gate.
 *
 * The SignedData is taken apart field by field with the DER reader and each field read with its
 * asn1-cms class: asn1-cms's RevocationInfoChoice knows only `other` (not a CertificateList) and
 * its CertificateChoices lacks v1 attribute certificates, and the embedded certificates and CRLs
 * are kept as the exact bytes the token holds (they are hashed and compared). The unsigned parts
 * that carry no meaning of their own (the SignedData and SignerInfo versions, digestAlgorithms)
 * are held to what RFC 5652 prescribes, so that no byte of a token changes unseen.
 * @module
 */
import { Attribute, EncapsulatedContentInfo, SignerInfo as AsnSignerInfo } from '@peculiar/asn1-cms';
import { TSTInfo } from '@peculiar/asn1-tsp';
import { decode, readHashAlgorithm, readSignatureAlgorithm, type SignatureAlgorithm } from './algorithms.js';
import { DerError, TAG, checkDer, childrenOf, contentOf, encodingOf, fields, readRoot, type Tlv } from './der.js';
import { bytesEqual, type Bytes } from '../json/encoding.js';

export const CMS_OID = {
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

/** id-signedData (RFC 5652 §5.1), 1.2.840.113549.1.7.2, as DER. */
const ID_SIGNED_DATA = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);

export type HashAlgorithm = ReturnType<typeof readHashAlgorithm>;

/** One SignerInfo (RFC 5652 §5.3). */
export interface SignerInfo {
  readonly version: number;
  readonly sid: { readonly issuer: Bytes; readonly serial: Bytes } | { readonly subjectKeyIdentifier: Bytes };
  readonly digestAlgorithm: HashAlgorithm;
  readonly digestAlgorithmDer: Bytes;
  /** What the signature covers: the DER of the signed attributes with the SET OF tag (RFC 5652 §5.4). */
  readonly signedAttrs?: Bytes;
  /** The signed attributes by type: each occurrence's values, as DER. */
  readonly attributes: ReadonlyMap<string, readonly (readonly Bytes[])[]>;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly signature: Bytes;
  readonly hasUnsignedAttrs: boolean;
}

/** A CMS SignedData (RFC 5652 §5.1) as far as time-stamp tokens need it. */
export interface SignedData {
  readonly eContentType: string;
  /** Its DER, as the content-type attribute must repeat it (RFC 5652 §11.1). */
  readonly eContentTypeDer: Bytes;
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

/** A small non-negative INTEGER (a version) from its TLV, which passed the DER gate. */
function smallInteger(tlv: Tlv | undefined, what: string): number {
  if (tlv?.tag !== TAG.INTEGER) throw new DerError(`${what} is not an INTEGER`);
  const c = contentOf(tlv);
  if (c.length > 4 || (c[0]! & 0x80) !== 0) throw new DerError(`${what} is not a small non-negative INTEGER`);
  return c.reduce((n, b) => n * 256 + b, 0);
}

/** The attributes of a SignerInfo ([0] or [1] IMPLICIT SET OF Attribute) by type. */
function attributesOf(tlv: Tlv): Map<string, Bytes[][]> {
  const out = new Map<string, Bytes[][]>();
  const attrs = childrenOf(tlv);
  // SignedAttributes ::= SET SIZE (1..MAX) OF Attribute (RFC 5652 §5.3)
  if (attrs.length === 0) throw new DerError('empty signed attributes');
  for (const attr of attrs) {
    const [, values] = fields(attr, 'Attribute', 2);
    const oid = decode(encodingOf(attr), Attribute, 'Attribute').attrType;
    const list = out.get(oid) ?? [];
    list.push(childrenOf(values!).map(encodingOf));
    out.set(oid, list);
  }
  return out;
}

function parseSignerInfo(tlv: Tlv): SignerInfo {
  const typed = decode(encodingOf(tlv), AsnSignerInfo, 'SignerInfo');
  const f = fields(tlv, 'SignerInfo', 5, 7);
  const version = smallInteger(f[0], 'SignerInfo version');
  let sid: SignerInfo['sid'];
  const isn = typed.sid.issuerAndSerialNumber;
  if (isn !== undefined) {
    const [issuer, serial] = fields(f[1]!, 'IssuerAndSerialNumber', 2);
    sid = { issuer: encodingOf(issuer!), serial: contentOf(serial!) };
    // RFC 5652 §5.3: issuerAndSerialNumber means version 1; a different number is a changed token.
    if (version !== 1) throw new DerError(`SignerInfo version ${version} with issuerAndSerialNumber (RFC 5652 §5.3 requires 1)`);
  } else {
    sid = { subjectKeyIdentifier: new Uint8Array(typed.sid.subjectKeyIdentifier!.buffer) };
    if (version !== 3) throw new DerError(`SignerInfo version ${version} with subjectKeyIdentifier (RFC 5652 §5.3 requires 3)`);
  }
  let i = 2;
  const digestAlgorithmDer = encodingOf(f[i++]!);
  let signedAttrs: Bytes | undefined;
  let attributes = new Map<string, Bytes[][]>();
  if (typed.signedAttrs !== undefined) {
    const attrs = f[i++]!;
    attributes = attributesOf(attrs);
    // RFC 5652 §5.4: the signature covers the DER of the SET OF, not of the [0] IMPLICIT field.
    signedAttrs = new Uint8Array(encodingOf(attrs));
    signedAttrs[0] = TAG.SET;
  }
  const signatureAlgorithm = readSignatureAlgorithm(encodingOf(f[i++]!));
  i++; // signature: the typed OctetString
  if (typed.unsignedAttrs !== undefined) attributesOf(f[i++]!);
  if (i !== f.length) throw new DerError('SignerInfo has unexpected fields');
  return {
    version,
    sid,
    digestAlgorithm: readHashAlgorithm(digestAlgorithmDer),
    digestAlgorithmDer,
    ...(signedAttrs ? { signedAttrs } : {}),
    attributes,
    signatureAlgorithm,
    signature: new Uint8Array(typed.signature.buffer),
    hasUnsignedAttrs: typed.unsignedAttrs !== undefined,
  };
}

/** certificates [0] IMPLICIT CertificateSet and crls [1] IMPLICIT RevocationInfoChoices (RFC 5652 §10.2). */
function readCertificatesAndCrls(f: readonly Tlv[], from: number): { i: number; certificates: Bytes[]; crls: Bytes[]; flags: { other: boolean; v1: boolean; v2: boolean } } {
  let i = from;
  const certificates: Bytes[] = [];
  const crls: Bytes[] = [];
  const flags = { other: false, v1: false, v2: false };
  if (f[i]?.tag === 0xa0) {
    for (const c of childrenOf(f[i++]!)) {
      // CertificateChoices: certificate, or [0]…[3] formats not read here.
      if (c.tag === TAG.SEQUENCE) certificates.push(encodingOf(c));
      else if (c.tag === 0xa1) flags.v1 = true;
      else if (c.tag === 0xa2) flags.v2 = true;
      else if (c.tag === 0xa3) flags.other = true;
      else if (c.tag !== 0xa0) throw new DerError('certificates holds an unknown CertificateChoices');
    }
  }
  if (f[i]?.tag === 0xa1) {
    for (const c of childrenOf(f[i++]!)) {
      // RevocationInfoChoice (§10.2.1): a CertificateList, or other [1].
      if (c.tag === TAG.SEQUENCE) crls.push(encodingOf(c));
      else if (c.tag === 0xa1) flags.other = true;
      else throw new DerError('crls holds an unknown RevocationInfoChoice');
    }
  }
  return { i, certificates, crls, flags };
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
  checkDer(der);
  const root = readRoot(der);
  if (root.tag !== TAG.SEQUENCE) throw new DerError('ContentInfo is not a SEQUENCE');
  const [type, content] = fields(root, 'ContentInfo', 2);
  // The content type is compared as DER: reading the ContentInfo with its schema would make asn1js
  // read the whole token a second time.
  if (!bytesEqual(encodingOf(type!), ID_SIGNED_DATA) || content!.tag !== 0xa0) throw new DerError('the ContentInfo is not SignedData');
  const [sdTlv] = fields(content!, 'ContentInfo content', 1);
  if (sdTlv!.tag !== TAG.SEQUENCE) throw new DerError('SignedData is not a SEQUENCE');
  const f = childrenOf(sdTlv!);
  const version = smallInteger(f[0], 'SignedData version');
  if (f[1]?.tag !== TAG.SET) throw new DerError('digestAlgorithms is not a SET');
  const digestAlgorithms = childrenOf(f[1]).map((a) => readHashAlgorithm(encodingOf(a)));
  if (f[2] === undefined) throw new DerError('SignedData has no EncapsulatedContentInfo');
  const [eTypeTlv] = fields(f[2], 'EncapsulatedContentInfo', 1, 2);
  const eci = decode(encodingOf(f[2]), EncapsulatedContentInfo, 'EncapsulatedContentInfo');
  if (eci.eContent !== undefined && eci.eContent.single === undefined) throw new DerError('eContent is not an OCTET STRING');
  const { i, certificates, crls, flags } = readCertificatesAndCrls(f, 3);
  if (f[i]?.tag !== TAG.SET) throw new DerError('signerInfos is not a SET');
  const signerInfos = childrenOf(f[i]).map(parseSignerInfo);
  if (i + 1 !== f.length) throw new DerError('SignedData has unexpected fields');
  // RFC 5652 §5.1: the version follows from the content; it is not signed, so anything else is a change.
  const expected = flags.other ? 5 : flags.v2 ? 4 : flags.v1 || signerInfos.some((s) => s.version === 3) || eci.eContentType !== CMS_OID.data ? 3 : 1;
  if (version !== expected) throw new DerError(`SignedData version ${version}, where RFC 5652 §5.1 requires ${expected}`);
  // Every signer's digest algorithm is listed in digestAlgorithms (§5.1), which is not signed either.
  const idOf = (d: HashAlgorithm) => ('hash' in d ? d.oid : d.unsupported);
  for (const s of signerInfos) {
    if (!digestAlgorithms.some((d) => idOf(d) === idOf(s.digestAlgorithm))) throw new DerError('digestAlgorithms does not list the signer\'s digest algorithm');
  }
  const eContent = eci.eContent?.single === undefined ? undefined : new Uint8Array(eci.eContent.single.buffer);
  return { eContentType: eci.eContentType, eContentTypeDer: encodingOf(eTypeTlv!), ...(eContent ? { eContent } : {}), certificates, crls, signerInfos };
}

/**
 * Parses a DER TSTInfo (RFC 3161 §2.4.2).
 *
 * @example
 * parseTstInfo(sd.eContent!).genTime; // '20230927115420Z'
 */
export function parseTstInfo(der: Bytes): TstInfo {
  checkDer(der);
  const f = fields(readRoot(der), 'TSTInfo', 5, 10);
  const tst = decode(der, TSTInfo, 'TSTInfo');
  if (tst.version !== 1) throw new DerError('TSTInfo version is not 1');
  const [alg] = fields(f[2]!, 'MessageImprint', 2);
  const genTime = String.fromCharCode(...contentOf(f[4]!));
  // RFC 3161 §2.4.2: YYYYMMDDhhmmss[.s...]Z (the DER gate has checked the form).
  if (f[4]!.tag !== TAG.GENERALIZED_TIME) throw new DerError('genTime is not a GeneralizedTime');
  return { imprintAlgorithm: readHashAlgorithm(encodingOf(alg!), 'message imprint algorithm'), imprint: new Uint8Array(tst.messageImprint.hashedMessage.buffer), genTime };
}
