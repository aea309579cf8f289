/**
 * RFC 3161 time-stamp tokens checked the way RFC 5652 §5.6 describes, so that no byte of a token
 * changes unseen:
 *
 * - the signed attributes carry the content type (§11.1) and the digest of the encapsulated
 *   TSTInfo (§11.2), and the SignerInfo signature verifies over their DER, re-tagged as SET OF (§5.4);
 * - the signer is the certificate the SignerInfo names, and the one the ESS signingCertificate(V2)
 *   attribute hashes (RFC 5035 §3, required in time-stamp tokens by RFC 3161 §2.4.1);
 * - CMSAlgorithmProtection, when present, names the algorithms used (RFC 6211 §3);
 * - the TSTInfo message imprint is the hash of what the caller says the token covers (RFC 3161 §2.4.2).
 *
 * What cannot be checked (no certificate for the TSA, an algorithm WebCrypto lacks) is reported as
 * unverified, never as valid. The token is read by `cms.ts`.
 * @module
 */
import { algorithmIdentifier, isRecognisedAlgorithm, readHashAlgorithm, type HashName, type SignatureScheme } from './algorithms.js';
import { CMS_OID as OID, parseTstInfo, type HashAlgorithm, type SignedData, type SignerInfo } from './cms.js';
import { DerError, TAG, childrenOf, contentOf, encodingOf, fields, readRoot } from './der.js';
import { verifySignatureValue } from './keys.js';
import type { Certificate } from './x509.js';
import { bytesEqual, type Bytes } from '../json/encoding.js';

/** The ESS signing certificate identifier: the first ESSCertID(v2) (RFC 5035 §3: it names the signer). */
function signingCertificateId(attributes: SignerInfo['attributes']): { hash: HashAlgorithm; certHash: Bytes } | undefined {
  for (const [oid, v2] of [[OID.signingCertificateV2, true], [OID.signingCertificate, false]] as const) {
    const occurrences = attributes.get(oid);
    if (occurrences === undefined) continue;
    // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL } (RFC 5035 §3)
    const value = readRoot(single(occurrences, v2 ? 'signingCertificateV2' : 'signingCertificate'));
    const [certs] = fields(value, 'SigningCertificate', 1, 2);
    if (value.tag !== TAG.SEQUENCE || certs!.tag !== TAG.SEQUENCE) throw new DerError('SigningCertificate is not a SEQUENCE of ESSCertIDs');
    const [first] = childrenOf(certs!);
    if (first === undefined || first.tag !== TAG.SEQUENCE) throw new DerError('SigningCertificate names no certificate');
    const id = fields(first, 'ESSCertID', 1, 3);
    let k = 0;
    // ESSCertIDv2: hashAlgorithm DEFAULT id-sha256 (RFC 5035 §4); ESSCertID: SHA-1 (RFC 2634 §5.4.1).
    let hash: HashAlgorithm = v2 ? { hash: 'SHA-256', oid: '2.16.840.1.101.3.4.2.1' } : { hash: 'SHA-1', oid: '1.3.14.3.2.26' };
    if (v2 && id[k]?.tag === TAG.SEQUENCE) hash = readHashAlgorithm(encodingOf(id[k++]!), 'ESSCertIDv2 hashAlgorithm');
    if (id[k]?.tag !== TAG.OCTET_STRING) throw new DerError('ESSCertID has no certHash');
    return { hash, certHash: contentOf(id[k]!) };
  }
  return undefined;
}

function single(occurrences: readonly (readonly Bytes[])[], what: string): Bytes {
  // RFC 5652 §11.1, §11.2 and RFC 5035 §5.4: one attribute of the type, with exactly one value.
  if (occurrences.length !== 1 || occurrences[0]!.length !== 1) throw new DerError(`the ${what} attribute must appear once with one value`);
  return occurrences[0]![0]!;
}

function sameAlgorithm(a: Bytes, b: Bytes): boolean {
  // RFC 6211 §2 compares AlgorithmIdentifiers; absent and NULL parameters mean the same for the
  // hash and RSA algorithms (RFC 5754 §2, RFC 4055 §5), so compare with NULL parameters dropped.
  const strip = (x: Bytes): string => {
    const alg = algorithmIdentifier(x, 'algorithm');
    return alg.parameters === undefined || alg.parameters === null ? alg.algorithm : Array.from(x).join(',');
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

/** The TSA's signature over the signed attributes, by the certificate the SignerInfo names and ESS signingCertificate hashes; `undefined` when it verifies. */
async function checkTsaSignature(signer: SignerInfo & { signedAttrs: Bytes }, pool: readonly Certificate[]): Promise<ObjectCheck | undefined> {
  // The TSA certificate: the one the SignerInfo names, which must be the one ESS signingCertificate hashes.
  const essId = signingCertificateId(signer.attributes);
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
  if (verified) return undefined;
  return failure !== undefined ? { status: 'invalid', reason: failure } : { status: 'unverified', reason: `its signature cannot be checked (${unsupported ?? 'unsupported'})`, unsupported: true };
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
    if (ctype === undefined || !bytesEqual(single(ctype, 'content-type'), sd.eContentTypeDer)) {
      return { status: 'invalid', reason: 'its content-type attribute is missing or differs from the encapsulated content type (RFC 5652 §11.1)' };
    }
    // RFC 6211 §3: CMSAlgorithmProtection names the algorithms the signer used.
    const protection = attrs.get(OID.algorithmProtection);
    if (protection !== undefined) {
      // CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1] IMPLICIT, macAlgorithm [2] IMPLICIT }
      const value = readRoot(single(protection, 'CMSAlgorithmProtection'));
      const [dAlg, sAlg] = fields(value, 'CMSAlgorithmProtection', 2);
      if (value.tag !== TAG.SEQUENCE || sAlg!.tag !== 0xa1) throw new DerError('CMSAlgorithmProtection must hold a digest and a signature algorithm');
      const sAlgDer = new Uint8Array(encodingOf(sAlg!));
      sAlgDer[0] = TAG.SEQUENCE; // [1] IMPLICIT AlgorithmIdentifier
      if (!sameAlgorithm(encodingOf(dAlg!), signer.digestAlgorithmDer) || !sameAlgorithm(sAlgDer, signer.signatureAlgorithm.der)) {
        return { status: 'invalid', reason: 'its CMSAlgorithmProtection attribute names other algorithms than the SignerInfo (RFC 6211 §3)' };
      }
    }
    // RFC 5652 §11.2, §5.4: messageDigest is the digest of the eContent octets.
    const md = attrs.get(OID.messageDigest);
    if (md === undefined) return { status: 'invalid', reason: 'it has no message-digest attribute (RFC 5652 §5.3)' };
    const mdTlv = readRoot(single(md, 'message-digest'));
    if (mdTlv.tag !== TAG.OCTET_STRING) throw new DerError('message-digest is not an OCTET STRING');
    const mdValue = contentOf(mdTlv);
    // The SignerInfo's algorithm identifiers are not signed: one that names no algorithm was changed.
    for (const oid of [signer.signatureAlgorithm.oid, 'hash' in signer.digestAlgorithm ? signer.digestAlgorithm.oid : signer.digestAlgorithm.unsupported]) {
      if (!isRecognisedAlgorithm(oid)) return { status: 'invalid', reason: `its SignerInfo names ${oid}, which is no signature or digest algorithm` };
    }
    if (!('hash' in signer.digestAlgorithm)) return { status: 'unverified', reason: `its digest algorithm ${signer.digestAlgorithm.unsupported} is not supported`, unsupported: true };
    if (!bytesEqual(await digest(signer.digestAlgorithm.hash, sd.eContent), mdValue)) {
      return { status: 'invalid', reason: 'its message-digest attribute is not the digest of the encapsulated TSTInfo: the TSTInfo was changed (RFC 5652 §11.2)' };
    }

    const tsaCheck = await checkTsaSignature({ ...signer, signedAttrs: signer.signedAttrs }, pool);
    if (tsaCheck !== undefined) return tsaCheck;

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
