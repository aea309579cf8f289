/**
 * JWS signatures checked with WebCrypto, for every room that reads a JWS (SD-JWT VC, status list
 * tokens, VC-JWT credentials). Only the algorithms of the allow-list are verified: ES256, ES384,
 * ES512, EdDSA (Ed25519; also spelled `Ed25519`, RFC 9864), PS256, RS256 — never `none` nor the
 * symmetric HS* (a verifier holding an HMAC key could forge). A key must fit its algorithm: the
 * curve of ES*, an Ed25519 key for EdDSA, an RSA key of at least 2048 bits (RFC 7518 §3.3, §3.5).
 * @module
 */
import { base64UrlToBytes, utf8Encode, type Bytes } from '../json/encoding.js';

type Json = Record<string, unknown>;

/** The JWS algorithms verified, with their WebCrypto parameters. */
export const ALGORITHMS = {
  ES256: { kty: 'EC', crv: 'P-256', importAlg: { name: 'ECDSA', namedCurve: 'P-256' }, verifyAlg: { name: 'ECDSA', hash: 'SHA-256' } },
  ES384: { kty: 'EC', crv: 'P-384', importAlg: { name: 'ECDSA', namedCurve: 'P-384' }, verifyAlg: { name: 'ECDSA', hash: 'SHA-384' } },
  ES512: { kty: 'EC', crv: 'P-521', importAlg: { name: 'ECDSA', namedCurve: 'P-521' }, verifyAlg: { name: 'ECDSA', hash: 'SHA-512' } },
  EdDSA: { kty: 'OKP', crv: 'Ed25519', importAlg: { name: 'Ed25519' }, verifyAlg: { name: 'Ed25519' } },
  Ed25519: { kty: 'OKP', crv: 'Ed25519', importAlg: { name: 'Ed25519' }, verifyAlg: { name: 'Ed25519' } },
  PS256: { kty: 'RSA', importAlg: { name: 'RSA-PSS', hash: 'SHA-256' }, verifyAlg: { name: 'RSA-PSS', saltLength: 32 } },
  RS256: { kty: 'RSA', importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verifyAlg: { name: 'RSASSA-PKCS1-v1_5' } },
} as const satisfies Record<string, { kty: string; crv?: string; importAlg: WebCryptoAlgorithm; verifyAlg: WebCryptoAlgorithm }>;

/** A JWS `alg` this library verifies. */
export type JwsAlg = keyof typeof ALGORITHMS;

/** The `alg` values accepted, for messages. */
export const ACCEPTED_ALGS: readonly string[] = Object.freeze(['ES256', 'ES384', 'ES512', 'EdDSA', 'PS256', 'RS256']);

/** Whether `alg` is on the allow-list. */
export function isAcceptedAlg(alg: unknown): alg is JwsAlg {
  return typeof alg === 'string' && Object.prototype.hasOwnProperty.call(ALGORITHMS, alg);
}

/** The WebCrypto calls used here (the core declares no DOM types). */
export interface JwkSubtle {
  importKey(format: 'jwk', key: Json, algorithm: WebCryptoAlgorithm, extractable: false, usages: ['verify']): Promise<CryptoKey>;
  importKey(format: 'spki', key: Bytes, algorithm: WebCryptoAlgorithm, extractable: false, usages: ['verify']): Promise<CryptoKey>;
  verify(algorithm: WebCryptoAlgorithm, key: CryptoKey, signature: Bytes, data: Bytes): Promise<boolean>;
}
export const subtle = (): JwkSubtle => globalThis.crypto.subtle as unknown as JwkSubtle;

/** A key ready to verify with, or why it cannot be used. */
export type ImportedKey = { ok: true; key: CryptoKey } | { ok: false; reason: string };

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * The encodings of the eight points of Ed25519's torsion subgroup (little-endian y, sign bit
 * cleared), with the non-canonical y = p and y = p + 1: a public key of small order lets anyone
 * make signatures that verify (R = the identity, S = 0 verifies every message for the identity
 * key), and WebCrypto accepts them. RFC 8032 does not require verifiers to refuse them; this one
 * does, as libsodium does.
 */
const ED25519_SMALL_ORDER: readonly string[] = [
  '00'.repeat(32),
  `01${'00'.repeat(31)}`,
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  `ec${'ff'.repeat(30)}7f`,
  `ed${'ff'.repeat(30)}7f`,
  `ee${'ff'.repeat(30)}7f`,
];

/** Whether a 32-byte Ed25519 public key is a point of small order (sign bit ignored). */
export function isSmallOrderEd25519(key: Bytes): boolean {
  if (key.length !== 32) return false;
  let hex = '';
  for (let i = 0; i < 32; i++) hex += (i === 31 ? key[i]! & 0x7f : key[i]!).toString(16).padStart(2, '0');
  return ED25519_SMALL_ORDER.includes(hex);
}

/** Why an RSA public exponent (base64url) cannot be a signature key, or undefined: it must be odd and at least 3 (RFC 8017 §3.1); with e = 1 the signature is the padded digest itself. */
function badRsaExponent(e: string): string | undefined {
  const bytes = base64UrlToBytes(e);
  if (bytes === undefined || bytes.length === 0) return "the RSA JWK's e is not base64url";
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  const odd = (bytes[bytes.length - 1]! & 1) === 1;
  if (!odd || (start === bytes.length - 1 && bytes[start]! < 3)) return `the RSA key's public exponent is ${start === bytes.length - 1 ? bytes[start] : 'even'}: it must be odd and at least 3 (RFC 8017 §3.1)`;
  return undefined;
}

/** The public members of a JWK for `alg`, or why the JWK does not fit it. */
export function publicJwk(jwk: unknown, alg: JwsAlg): Json | string {
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) return 'it is not a JWK (a JSON object)';
  const k = jwk as Json;
  const want = ALGORITHMS[alg];
  if (k.kty !== want.kty) return `${alg} needs a key of type ${want.kty}, the JWK's kty is ${JSON.stringify(k.kty)}`;
  if (k.alg !== undefined && k.alg !== alg && !(alg === 'EdDSA' && k.alg === 'Ed25519') && !(alg === 'Ed25519' && k.alg === 'EdDSA')) return `the JWK is for alg ${JSON.stringify(k.alg)}, the JWS uses ${alg}`;
  if (k.use !== undefined && k.use !== 'sig') return `the JWK's use is ${JSON.stringify(k.use)}, not "sig"`;
  if (k.key_ops !== undefined && !(Array.isArray(k.key_ops) && k.key_ops.includes('verify'))) return 'the JWK\'s key_ops do not include "verify"';
  if (want.kty === 'RSA') {
    if (!str(k.n) || !str(k.e)) return 'the RSA JWK has no n or e';
    const n = base64UrlToBytes(k.n);
    if (n === undefined) return 'the RSA JWK\'s n is not base64url';
    let start = 0;
    while (start < n.length && n[start] === 0) start++;
    if ((n.length - start) * 8 < 2048) return `the RSA key has fewer than 2048 bits (RFC 7518 §3.3)`;
    const badE = badRsaExponent(k.e);
    if (badE !== undefined) return badE;
    return { kty: 'RSA', n: k.n, e: k.e };
  }
  if (k.crv !== want.crv) return `${alg} needs a ${'crv' in want ? want.crv : ''} key, the JWK's crv is ${JSON.stringify(k.crv)}`;
  if (want.kty === 'OKP') {
    if (!str(k.x)) return 'the JWK has no x';
    const x = base64UrlToBytes(k.x);
    if (x !== undefined && isSmallOrderEd25519(x)) return 'the Ed25519 key is a point of small order, with which anyone can make signatures';
    return { kty: 'OKP', crv: k.crv, x: k.x };
  }
  return str(k.x) && str(k.y) ? { kty: 'EC', crv: k.crv, x: k.x, y: k.y } : 'the EC JWK has no x or y';
}

/**
 * Imports the public part of a JWK for verifying `alg` signatures.
 *
 * @example
 * const imported = await importJwk(issuerPublicJwk, 'ES256');
 * if (imported.ok) await verifyJws('ES256', imported.key, jwt.signingInput, jwt.signature);
 */
export async function importJwk(jwk: unknown, alg: JwsAlg): Promise<ImportedKey> {
  const pub = publicJwk(jwk, alg);
  if (typeof pub === 'string') return { ok: false, reason: pub };
  try {
    return { ok: true, key: await subtle().importKey('jwk', pub, ALGORITHMS[alg].importAlg, false, ['verify']) };
  } catch {
    return { ok: false, reason: 'WebCrypto refused the key (a point not on the curve, or a malformed member)' };
  }
}

/**
 * Checks a JWS signature (`signature` as in the JWS: r‖s for ECDSA, RFC 7518 §3.4).
 *
 * @example
 * await verifyJws('EdDSA', key, jwt.signingInput, jwt.signature); // true or false, never throws
 */
export async function verifyJws(alg: JwsAlg, key: CryptoKey, signingInput: string, signature: Bytes): Promise<boolean> {
  try {
    return await subtle().verify(ALGORITHMS[alg].verifyAlg, key, new Uint8Array(signature), utf8Encode(signingInput));
  } catch {
    return false;
  }
}
