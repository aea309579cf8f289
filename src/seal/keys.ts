/**
 * Public keys (RFC 5280 §4.1.2.7; RFC 3279 §2.3.1, RFC 5480 §2) read with `@peculiar/asn1-x509`,
 * `-rsa` and `-ecc`, and signature checks with WebCrypto (`globalThis.crypto.subtle`).
 * @module
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { RSAPublicKey } from '@peculiar/asn1-rsa';
import { ECDSASigValue, ECParameters } from '@peculiar/asn1-ecc';
import { OID, decode, type SignatureScheme } from './algorithms.js';
import { DerError, checkDer, contentOf, fields, readRoot } from './der.js';
import type { Bytes } from '../json/encoding.js';

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
  /** The subjectPublicKey bits: what an OCSP byKey ResponderID hashes (RFC 6960 §4.2.1). */
  readonly keyBits: Bytes;
  /** Why the key cannot be used, when `type` is `unsupported`. */
  readonly reason?: string;
}

const CURVES: Readonly<Record<string, CurveName>> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

/** Reads a SubjectPublicKeyInfo from its DER (inside a value that passed the DER gate); `typed`: already read with its certificate. */
export function parsePublicKey(spki: Bytes, typed?: SubjectPublicKeyInfo): PublicKeyInfo {
  const [, keyTlv] = fields(readRoot(spki), 'SubjectPublicKeyInfo', 2);
  const info = typed ?? decode(spki, SubjectPublicKeyInfo, 'SubjectPublicKeyInfo');
  const oid = info.algorithm.algorithm;
  const keyBits = contentOf(keyTlv!).subarray(1);
  if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
    if (contentOf(keyTlv!)[0] !== 0) throw new DerError('RSA key bit string has unused bits');
    checkDer(keyBits);
    fields(readRoot(keyBits), 'RSAPublicKey', 2);
    const rsa = decode(keyBits, RSAPublicKey, 'RSAPublicKey');
    const modulus = new Uint8Array(rsa.modulus);
    if ((modulus[0]! & 0x80) !== 0) throw new DerError('negative RSA modulus');
    let start = 0;
    while (start < modulus.length - 1 && modulus[start] === 0) start++;
    const top = modulus[start]!;
    const bits = (modulus.length - start - 1) * 8 + (top === 0 ? 0 : 32 - Math.clz32(top));
    // WebCrypto imports only rsaEncryption SPKIs; an RSASSA-PSS key is the same RSAPublicKey, so
    // re-label it (its PSS parameters only restrict use, and the JWS algorithm decides the padding).
    const importable = oid === OID.rsaEncryption
      ? spki
      : new Uint8Array(AsnConvert.serialize(new SubjectPublicKeyInfo({ algorithm: new AlgorithmIdentifier({ algorithm: OID.rsaEncryption, parameters: null }), subjectPublicKey: info.subjectPublicKey })));
    return { type: 'RSA', oid, bits, spki: importable, keyBits };
  }
  if (oid === OID.ecPublicKey) {
    const params = info.algorithm.parameters;
    const curveOid = params ? decode(params, ECParameters, 'ECParameters').namedCurve : undefined;
    const curve = curveOid === undefined ? undefined : CURVES[curveOid];
    if (curve === undefined) return { type: 'unsupported', oid, spki, keyBits, reason: `elliptic curve ${curveOid ?? '(not a named curve)'}` };
    return { type: 'EC', oid, curve, spki, keyBits };
  }
  return { type: 'unsupported', oid, spki, keyBits, reason: `public key algorithm ${oid}` };
}

/**
 * Converts an ECDSA signature from DER (`Ecdsa-Sig-Value`, RFC 5480 §2.2 / RFC 3279) to r‖s.
 *
 * @example
 * const raw = ecdsaDerToRaw(derSignature, 'P-256'); // 64 bytes
 */
export function ecdsaDerToRaw(sig: Uint8Array, curve: CurveName): Bytes {
  const size = curve === 'P-256' ? 32 : curve === 'P-384' ? 48 : 66;
  const bytes = new Uint8Array(sig);
  checkDer(bytes);
  fields(readRoot(bytes), 'Ecdsa-Sig-Value', 2);
  const value = decode(bytes, ECDSASigValue, 'Ecdsa-Sig-Value');
  const out = new Uint8Array(size * 2);
  [value.r, value.s].forEach((n, k) => {
    let v = new Uint8Array(n);
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

/** Imports `spki` for verifying with `alg`, through the cache. */
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
 *
 * @example
 * const check = await verifySignatureValue(crl.signatureAlgorithm.scheme, issuer.publicKey, crl.tbs, crl.signature);
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
