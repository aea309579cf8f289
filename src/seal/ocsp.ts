/**
 * OCSP responses (RFC 6960 §4.2.1) as far as checking their integrity needs: the signed response
 * data, the responder it names, the signature, and the certificates it carries. Read with
 * `@peculiar/asn1-ocsp` after the strict DER gate; the signed bytes, the responder's Name and the
 * embedded certificates are kept as the exact bytes the response holds. The status of the
 * certificates it reports on is not evaluated.
 * @module
 */
import { OCSPResponse, OCSPResponseStatus, ResponseData, id_pkix_ocsp_basic } from '@peculiar/asn1-ocsp';
import { decode, readSignatureAlgorithm, type SignatureScheme } from './algorithms.js';
import { DerError, TAG, checkDer, childrenOf, encodingOf, fields, readRoot, type Tlv } from './der.js';
import { parseName, type DistinguishedName } from './names.js';
import { signatureBits } from './x509.js';
import type { Bytes } from '../json/encoding.js';

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
  checkDer(der);
  const root = readRoot(der);
  if (root.tag !== TAG.SEQUENCE) throw new DerError('OCSPResponse is not a SEQUENCE');
  const first = childrenOf(root)[0];
  if (first?.tag !== TAG.ENUMERATED) return parseBasic(der);
  // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
  const [, wrapped] = fields(root, 'OCSPResponse', 1, 2);
  const response = decode(der, OCSPResponse, 'OCSPResponse');
  const status = response.responseStatus;
  if (wrapped === undefined || response.responseBytes === undefined) {
    throw new DerError(status === OCSPResponseStatus.successful ? 'a successful OCSP response without responseBytes' : `an OCSP response with status ${status} carries no revocation information`);
  }
  if (status !== OCSPResponseStatus.successful) throw new DerError(`responseBytes with the unsuccessful status ${status}`);
  const [bytes] = fields(wrapped, 'responseBytes', 1);
  fields(bytes!, 'ResponseBytes', 2);
  const type = response.responseBytes.responseType;
  if (type !== id_pkix_ocsp_basic) return { unsupported: `OCSP response type ${type}` };
  const inner = new Uint8Array(response.responseBytes.response.buffer);
  checkDer(inner);
  return parseBasic(inner);
}

/** ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash } (RFC 6960 §4.2.1), both EXPLICIT. */
function responderOf(rid: Tlv | undefined, typed: ResponseData): BasicOcspResponse['responder'] {
  const { byName, byKey } = typed.responderID;
  if (rid?.tag === 0xa1 && byName !== undefined) return { byName: parseName(encodingOf(fields(rid, 'ResponderID byName', 1)[0]!)) };
  if (rid?.tag === 0xa2 && byKey !== undefined) {
    fields(rid, 'ResponderID byKey', 1);
    return { byKey: new Uint8Array(byKey.buffer) };
  }
  throw new DerError('ResponderID is neither byName nor byKey');
}

function parseBasic(der: Bytes): BasicOcspResponse {
  const root = readRoot(der);
  if (root.tag !== TAG.SEQUENCE) throw new DerError('BasicOCSPResponse is not a SEQUENCE');
  const [tbsTlv, algTlv, sigTlv, certsTlv] = fields(root, 'BasicOCSPResponse', 3, 4);
  // The ResponseData alone: the embedded certificates are read by parseCertificate, from their bytes.
  const typed = decode(encodingOf(tbsTlv!), ResponseData, 'ResponseData');
  if (sigTlv!.tag !== TAG.BIT_STRING || (certsTlv !== undefined && certsTlv.tag !== 0xa0)) throw new DerError('BasicOCSPResponse does not match its ASN.1 definition');
  const tbs = childrenOf(tbsTlv!);
  let i = 0;
  if (tbs[0]?.tag === 0xa0) {
    // version [0] EXPLICIT DEFAULT v1: DER omits the default (X.690 §11.5), so only v1 is known.
    fields(tbs[i++]!, 'version', 1);
    if (typed.version !== 0) throw new DerError('unknown ResponseData version');
  }
  const responder = responderOf(tbs[i++], typed);
  i += 2; // producedAt, responses: typed, and covered by the signature
  if (tbs[i]?.tag === 0xa1) i++; // responseExtensions
  if (i !== tbs.length) throw new DerError('tbsResponseData has unexpected fields');
  const alg = readSignatureAlgorithm(encodingOf(algTlv!));
  const certificates: Bytes[] = [];
  if (certsTlv !== undefined) {
    const [list] = fields(certsTlv, 'certs', 1);
    if (list!.tag !== TAG.SEQUENCE) throw new DerError('certs is not a SEQUENCE OF Certificate');
    for (const c of childrenOf(list!)) certificates.push(encodingOf(c));
  }
  return { tbs: encodingOf(tbsTlv!), responder, signatureAlgorithm: { oid: alg.oid, scheme: alg.scheme }, signature: signatureBits(sigTlv, 'signature'), certificates };
}
