/**
 * The `x5c` header of an SD-JWT VC (RFC 7515 §4.1.6): the issuer's certificate chain, leaf first,
 * each certificate base64 (not base64url) DER. Each one must be a certificate, and the leaf's key
 * must be the key that signs.
 * @module
 */
import type { Signer } from '@sd-jwt/types';
import { bytesToBase64, type Bytes } from '../../json/encoding.js';
import { certificateBytesFrom, tryParseCertificate } from '../../seal/x509.js';
import { createSdJwtVcVerifier, importSpkiPublicKey, type SdJwtVcAlg } from '../keys.js';

/**
 * The `x5c` header value for `certificates` (DER bytes, base64 DER, or PEM text of one certificate
 * each), after checking each is a readable certificate and the first one's key verifies what
 * `signer` signs. TypeErrors name the certificate by its index.
 */
export async function x5cHeaderOf(certificates: readonly (string | Uint8Array)[], signer: Signer, alg: SdJwtVcAlg): Promise<string[]> {
  if (!Array.isArray(certificates) || certificates.length === 0) throw new TypeError('x5c must be a non-empty array of certificates (DER bytes or base64 DER), leaf first');
  const ders: Bytes[] = certificates.map((c, i) => {
    const bytes = c instanceof Uint8Array || typeof c === 'string' ? certificateBytesFrom(c) : undefined;
    if (bytes === undefined || bytes.length !== 1) throw new TypeError(`x5c[${i}] is not one certificate as DER bytes, base64 DER or PEM`);
    return bytes[0]!;
  });
  const parsed = ders.map((der, i) => {
    const r = tryParseCertificate(der);
    if (!r.ok) throw new TypeError(`x5c[${i}] is not a certificate: ${r.reason}`);
    return r.certificate;
  });
  const leaf = parsed[0]!;
  let verifier;
  try {
    verifier = await createSdJwtVcVerifier(await importSpkiPublicKey(leaf.publicKey.spki, alg));
  } catch {
    throw new TypeError(`x5c[0] (${leaf.subject.text}) holds no ${alg} key: the leaf certificate must certify the signing key`);
  }
  const probe = `eu-micro-credentials x5c key check ${leaf.serialNumber}`;
  if (!(await verifier(probe, await signer(probe)))) throw new TypeError(`x5c[0] (${leaf.subject.text}) certifies another key than the one that signs: put the signing key's certificate first`);
  return ders.map((der) => bytesToBase64(der));
}
