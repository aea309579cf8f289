/**
 * OCSP responses (RFC 6960 §4.2.1) as far as checking their integrity needs: the signed response
 * data, the responder it names, the signature, and the certificates it carries. The status of
 * the certificates it reports on is not evaluated.
 * @module
 */
import { DerError, TAG, bitStringOf, childrenOf, contentOf, encodingOf, expectTag, oidOf, readRoot, readTlv, smallInteger } from './der.js';
import type { Bytes } from '../json/encoding.js';
import { parseName, readSignatureAlgorithm, type DistinguishedName, type SignatureScheme } from './x509.js';

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

/** A BasicOCSPResponse (RFC 6960 §4.2.1). */
export interface BasicOcspResponse {
  /** tbsResponseData, what the signature covers. */
  readonly tbs: Bytes;
  /** ResponderID: by name, or by the SHA-1 of the responder's public key bits (RFC 6960 §4.2.2.3). */
  readonly responder: { readonly byName: DistinguishedName } | { readonly byKey: Bytes };
  readonly signatureAlgorithm: { readonly oid: string; readonly scheme: SignatureScheme };
  readonly signature: Bytes;
  /** DER certificates from `certs`, to help find and check the responder's. */
  readonly certificates: readonly Bytes[];
}

/**
 * Parses an OCSPResponse, or a bare BasicOCSPResponse (as CAdES-style validation data carries it).
 * `{ unsupported }` for a successful response of a type other than id-pkix-ocsp-basic. Throws
 * {@link DerError} when malformed, or when the status is not successful though a response is
 * present (RFC 6960 §4.2.1: only a successful response carries responseBytes).
 *
 * @example
 * const r = parseOcspResponse(der);
 * if ('tbs' in r) console.log('byName' in r.responder ? r.responder.byName.text : 'by key');
 */
export function parseOcspResponse(der: Bytes): BasicOcspResponse | { unsupported: string } {
  const root = expectTag(readRoot(der), TAG.SEQUENCE, 'OCSPResponse');
  const fields = childrenOf(root);
  if (fields[0]?.tag !== 0x0a) return parseBasic(root);
  // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
  const status = contentOf(fields[0]);
  if (status.length !== 1) throw new DerError('responseStatus is not a small ENUMERATED');
  if (fields.length !== 2 || fields[1]!.tag !== 0xa0) throw new DerError(status[0] === 0 ? 'a successful OCSP response without responseBytes' : `an OCSP response with status ${status[0]!} carries no revocation information`);
  if (status[0] !== 0) throw new DerError(`responseBytes with the unsuccessful status ${status[0]!}`);
  const [bytesTlv, extra] = childrenOf(fields[1]!);
  if (extra !== undefined) throw new DerError('responseBytes: extra fields');
  const [typeTlv, response, more] = childrenOf(expectTag(bytesTlv, TAG.SEQUENCE, 'ResponseBytes'));
  if (more !== undefined) throw new DerError('ResponseBytes has extra fields');
  const type = oidOf(expectTag(typeTlv, TAG.OID, 'responseType'));
  const inner = contentOf(expectTag(response, TAG.OCTET_STRING, 'response'));
  if (type !== ID_PKIX_OCSP_BASIC) return { unsupported: `OCSP response type ${type}` };
  return parseBasic(expectTag(readRoot(new Uint8Array(inner)), TAG.SEQUENCE, 'BasicOCSPResponse'));
}

function parseBasic(tlv: ReturnType<typeof readRoot>): BasicOcspResponse {
  const [tbsTlv, algTlv, sigTlv, certsTlv, extra] = childrenOf(tlv);
  if (extra !== undefined) throw new DerError('BasicOCSPResponse has extra fields');
  const tbs = childrenOf(expectTag(tbsTlv, TAG.SEQUENCE, 'tbsResponseData'));
  let i = 0;
  if (tbs[0]?.tag === 0xa0) {
    // version [0] EXPLICIT DEFAULT v1: DER omits the default (X.690 §11.5), so only v1 is known.
    const [v, x] = childrenOf(tbs[i++]!);
    if (x !== undefined || smallInteger(expectTag(v, TAG.INTEGER, 'version')) !== 0) throw new DerError('unknown ResponseData version');
  }
  const rid = tbs[i++];
  let responder: BasicOcspResponse['responder'];
  if (rid?.tag === 0xa1) {
    const name = readTlv(rid.bytes, rid.contentStart, rid.end);
    if (name.end !== rid.end) throw new DerError('ResponderID byName: extra data');
    responder = { byName: parseName(name) };
  } else if (rid?.tag === 0xa2) {
    const key = readTlv(rid.bytes, rid.contentStart, rid.end);
    if (key.end !== rid.end) throw new DerError('ResponderID byKey: extra data');
    responder = { byKey: contentOf(expectTag(key, TAG.OCTET_STRING, 'KeyHash')) };
  } else {
    throw new DerError('ResponderID is neither byName nor byKey');
  }
  expectTag(tbs[i++], TAG.GENERALIZED_TIME, 'producedAt');
  expectTag(tbs[i++], TAG.SEQUENCE, 'responses');
  if (tbs[i]?.tag === 0xa1) i++; // responseExtensions: covered by the signature
  if (i !== tbs.length) throw new DerError('tbsResponseData has unexpected fields');
  const alg = readSignatureAlgorithm(algTlv);
  const sig = bitStringOf(expectTag(sigTlv, TAG.BIT_STRING, 'signature'));
  if (sig.unusedBits !== 0) throw new DerError('signature has unused bits');
  const certificates: Bytes[] = [];
  if (certsTlv !== undefined) {
    const [list, x] = childrenOf(expectTag(certsTlv, 0xa0, 'certs'));
    if (x !== undefined) throw new DerError('certs: extra fields');
    for (const c of childrenOf(expectTag(list, TAG.SEQUENCE, 'certs'))) certificates.push(encodingOf(expectTag(c, TAG.SEQUENCE, 'Certificate')));
  }
  return { tbs: encodingOf(tbsTlv!), responder, signatureAlgorithm: { oid: alg.oid, scheme: alg.scheme }, signature: sig.bytes, certificates };
}

/** The subjectPublicKey bits of a SubjectPublicKeyInfo: what a byKey ResponderID hashes (RFC 6960 §4.2.1). */
export function publicKeyBits(spki: Bytes): Bytes {
  const [, key] = childrenOf(expectTag(readRoot(spki), TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  return bitStringOf(expectTag(key, TAG.BIT_STRING, 'subjectPublicKey')).bytes;
}
