/**
 * The JWS primitives of src/jose/jws.ts, and the import of a certificate's key for them.
 * @module
 */
import { ALGORITHMS, isSmallOrderEd25519, subtle, type ImportedKey, type JwsAlg } from '../../jose/jws.js';
import { importVerifyKey } from '../../seal/keys.js';
import type { Certificate } from '../../seal/x509.js';

export { ACCEPTED_ALGS, importJwk, isAcceptedAlg, verifyJws, type ImportedKey, type JwsAlg } from '../../jose/jws.js';

const ED25519_OID = '1.3.101.112';

/**
 * Imports the public key of a certificate for verifying `alg` signatures.
 *
 * @example
 * const imported = await importCertificateKey(leaf, 'ES256');
 */
export async function importCertificateKey(cert: Certificate, alg: JwsAlg): Promise<ImportedKey> {
  const want = ALGORITHMS[alg];
  const key = cert.publicKey;
  const has = key.type === 'unsupported' ? (key.oid === ED25519_OID ? 'an Ed25519' : key.reason ?? 'an unsupported') : key.type === 'EC' ? `a ${key.curve}` : `an RSA ${key.bits}-bit`;
  const fits =
    want.kty === 'OKP' ? key.oid === ED25519_OID : want.kty === 'EC' ? key.type === 'EC' && key.curve === want.crv : key.type === 'RSA' && (key.bits ?? 0) >= 2048;
  if (!fits) return { ok: false, reason: `the certificate has ${has} key, which cannot make ${alg} signatures` };
  if (want.kty === 'OKP' && isSmallOrderEd25519(new Uint8Array(key.spki).subarray(-32))) return { ok: false, reason: 'the certificate\'s Ed25519 key is a point of small order, with which anyone can make signatures' };
  try {
    const imported = want.kty === 'OKP' ? await subtle().importKey('spki', new Uint8Array(key.spki), want.importAlg, false, ['verify']) : await importVerifyKey(key.spki, want.importAlg);
    return { ok: true, key: imported };
  } catch {
    return { ok: false, reason: 'WebCrypto refused the certificate\'s key' };
  }
}

