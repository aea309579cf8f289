/**
 * Keys for SD-JWT VC, on WebCrypto (`globalThis.crypto.subtle`) so that issuance, presentation and
 * verification run in browsers as in Node: JWK and CryptoKey import, ES256 (P-256) and EdDSA
 * (Ed25519) signers and verifiers in the shapes `@sd-jwt/*` calls, the sha-256/384/512 hasher, the
 * salt generator, key pair generation and JWK thumbprints (RFC 7638).
 * @module
 */
import type { Hasher, SaltGenerator, Signer, Verifier } from '@sd-jwt/types';
import { base64UrlToBytes, bytesToBase64Url, utf8Encode, type Bytes } from '../json/encoding.js';

/**
 * The JWS algorithms this library signs SD-JWT VCs and key-binding JWTs with: ES256 (ECDSA P-256
 * with SHA-256, what the EU wallet ecosystem requires) and EdDSA (Ed25519).
 *
 * @example
 * const alg: SdJwtVcAlg = 'ES256';
 */
export type SdJwtVcAlg = 'ES256' | 'EdDSA';

/**
 * A JSON Web Key (RFC 7517) of the two supported types: EC P-256 (`x`, `y`) or OKP Ed25519 (`x`);
 * with `d` it is a private key.
 *
 * @example
 * const jwk: SdJwtVcJwk = { kty: 'EC', crv: 'P-256', x: 'b28d4MwZ…', y: 'Xv5zWwuo…', kid: 'issuer-2026' };
 */
export interface SdJwtVcJwk {
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  kid?: string;
  alg?: string;
  use?: string;
  [member: string]: unknown;
}

/**
 * A key as the SD-JWT VC functions take it: a JWK, a WebCrypto `CryptoKey`, or a key pair
 * `{ privateKey, publicKey }` (what `crypto.subtle.generateKey` returns).
 *
 * @example
 * const key: SdJwtVcKey = (await generateSdJwtVcKeyPair('ES256')).privateJwk;
 */
export type SdJwtVcKey = SdJwtVcJwk | WebCryptoKey | { privateKey: WebCryptoKey; publicKey?: WebCryptoKey };

/**
 * A WebCrypto `CryptoKey`, as the public types name it: the members every runtime's `CryptoKey`
 * has (the DOM's, Node's `webcrypto.CryptoKey`), so that the declarations need neither the DOM nor
 * Node's types. Any `CryptoKey` is one.
 *
 * @example
 * const { privateKey }: { privateKey: WebCryptoKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
 */
export interface WebCryptoKey {
  readonly type: string;
  readonly algorithm: { readonly name: string };
  readonly extractable: boolean;
  readonly usages: readonly string[];
}

/** The part of WebCrypto used here (the core compiles without the DOM types on purpose). */
interface Subtle {
  importKey(format: 'jwk', jwk: object, algorithm: object, extractable: boolean, usages: string[]): Promise<WebCryptoKey>;
  importKey(format: 'spki', spki: Bytes, algorithm: object, extractable: boolean, usages: string[]): Promise<WebCryptoKey>;
  exportKey(format: 'jwk', key: WebCryptoKey): Promise<SdJwtVcJwk>;
  generateKey(algorithm: object, extractable: boolean, usages: string[]): Promise<{ privateKey: WebCryptoKey; publicKey: WebCryptoKey }>;
  sign(algorithm: object, key: WebCryptoKey, data: Bytes): Promise<ArrayBuffer>;
  verify(algorithm: object, key: WebCryptoKey, signature: Bytes, data: Bytes): Promise<boolean>;
  digest(algorithm: string, data: Bytes): Promise<ArrayBuffer>;
}

/** What a CryptoKey says about itself (WebCrypto `CryptoKey.type` and `.algorithm`). */
interface CryptoKeyView {
  type: 'private' | 'public' | 'secret';
  algorithm: { name: string; namedCurve?: string };
  extractable: boolean;
}

function subtle(): Subtle {
  const s = (globalThis as { crypto?: { subtle?: unknown } }).crypto?.subtle;
  if (s === undefined || s === null) throw new TypeError('WebCrypto (globalThis.crypto.subtle) is not available in this runtime');
  return s as Subtle;
}

const PARAMS: Record<SdJwtVcAlg, { key: object; sign: object }> = {
  ES256: { key: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  EdDSA: { key: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
};

/** The JWK members that are private (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2); `k` is a symmetric secret. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/**
 * Whether a value is a WebCrypto `CryptoKey` (duck-typed: runtimes differ in where the class lives).
 *
 * @example
 * isCryptoKey((await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])).publicKey); // true
 */
export function isCryptoKey(value: unknown): value is WebCryptoKey {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CryptoKeyView>;
  return (v.type === 'private' || v.type === 'public' || v.type === 'secret') && typeof v.algorithm === 'object' && v.algorithm !== null && typeof v.algorithm.name === 'string';
}

/**
 * The private members a JWK has (`d`, and the RSA ones), in RFC order; empty for a public key.
 *
 * @example
 * privateMembersOf({ kty: 'OKP', crv: 'Ed25519', x: '…', d: '…' }); // ['d']
 */
export function privateMembersOf(jwk: SdJwtVcJwk): string[] {
  return PRIVATE_MEMBERS.filter((m) => jwk[m] !== undefined);
}

/**
 * The algorithm a JWK is for: `ES256` for EC P-256, `EdDSA` for OKP Ed25519. Throws a TypeError for
 * any other key, or when the JWK's own `alg` says otherwise.
 *
 * @example
 * algOfJwk({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }); // 'EdDSA'
 */
export function algOfJwk(jwk: SdJwtVcJwk): SdJwtVcAlg {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new TypeError('a key must be a JWK object or a CryptoKey');
  const alg: SdJwtVcAlg | undefined =
    jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string'
      ? 'ES256'
      : jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string'
        ? 'EdDSA'
        : undefined;
  if (alg === undefined) {
    throw new TypeError(`unsupported key (kty ${JSON.stringify(jwk.kty)}, crv ${JSON.stringify(jwk.crv)}): use an EC P-256 JWK (ES256) or an OKP Ed25519 JWK (EdDSA), with x (and y for EC)`);
  }
  if (jwk.alg !== undefined && jwk.alg !== alg && !(alg === 'EdDSA' && jwk.alg === 'Ed25519')) {
    throw new TypeError(`the JWK says alg ${JSON.stringify(jwk.alg)} but it is a key for ${alg}`);
  }
  return alg;
}

/** The algorithm of a CryptoKey, or a TypeError. */
function algOfCryptoKey(key: WebCryptoKey): SdJwtVcAlg {
  const { algorithm } = key as unknown as CryptoKeyView;
  if (algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256') return 'ES256';
  if (algorithm.name === 'Ed25519') return 'EdDSA';
  throw new TypeError(`unsupported CryptoKey (${algorithm.name}${algorithm.namedCurve ? ` ${algorithm.namedCurve}` : ''}): use ECDSA P-256 (ES256) or Ed25519 (EdDSA)`);
}

/**
 * The public JWK of a key: the JWK without its private members, with only the members that describe
 * the public key (`kty`, `crv`, `x`, `y`) and `kid`, `alg`, `use` when present. This strips `d` on
 * purpose; issuance refuses a private `holderKey` instead of calling this.
 *
 * @example
 * const { privateJwk } = await generateSdJwtVcKeyPair('EdDSA');
 * publicJwkOf(privateJwk); // { kty: 'OKP', crv: 'Ed25519', x: '…', kid: '…' }
 */
export function publicJwkOf(jwk: SdJwtVcJwk): SdJwtVcJwk {
  const alg = algOfJwk(jwk);
  const out: SdJwtVcJwk = alg === 'ES256' ? { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } : { kty: 'OKP', crv: 'Ed25519', x: jwk.x! };
  for (const m of ['kid', 'alg', 'use'] as const) if (typeof jwk[m] === 'string') out[m] = jwk[m];
  return out;
}

/**
 * The JWK thumbprint (RFC 7638) of a key: base64url of the SHA-256 of its required public members
 * in lexicographic order. Used as the default `kid`.
 *
 * @example
 * await jwkThumbprint({ kty: 'EC', crv: 'P-256', x: '…', y: '…' }); // 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
 */
export async function jwkThumbprint(jwk: SdJwtVcJwk): Promise<string> {
  const alg = algOfJwk(jwk);
  const members = alg === 'ES256' ? `{"crv":"P-256","kty":"EC","x":${JSON.stringify(jwk.x)},"y":${JSON.stringify(jwk.y)}}` : `{"crv":"Ed25519","kty":"OKP","x":${JSON.stringify(jwk.x)}}`;
  return bytesToBase64Url(new Uint8Array(await subtle().digest('SHA-256', utf8Encode(members))));
}

/**
 * Generates a key pair for SD-JWT VC (an issuer key or a holder key), as JWKs with `kid` (the
 * RFC 7638 thumbprint unless given) and `alg`. Convenient for tests, the command line and the docs;
 * production issuers keep their keys in a key store and pass a `CryptoKey` or JWK.
 *
 * @example
 * const { privateJwk, publicJwk } = await generateSdJwtVcKeyPair('ES256');
 * const sdJwt = await issueSdJwtVc(mc, { key: privateJwk, issuer: 'https://uni.example.eu' });
 */
export async function generateSdJwtVcKeyPair(alg: SdJwtVcAlg = 'ES256', options: { kid?: string } = {}): Promise<{ privateJwk: SdJwtVcJwk; publicJwk: SdJwtVcJwk }> {
  if (alg !== 'ES256' && alg !== 'EdDSA') throw new TypeError(`unsupported algorithm ${JSON.stringify(alg)}: use 'ES256' or 'EdDSA'`);
  const s = subtle();
  const pair = await s.generateKey(PARAMS[alg].key, true, ['sign', 'verify']);
  const exported = await s.exportKey('jwk', pair.privateKey);
  const publicJwk = publicJwkOf({ ...exported, alg: undefined, key_ops: undefined, ext: undefined });
  publicJwk.kid = options.kid ?? (await jwkThumbprint(publicJwk));
  publicJwk.alg = alg;
  return { privateJwk: { ...publicJwk, d: exported.d! }, publicJwk };
}

/** Imports a JWK with WebCrypto for signing (private) or verifying (public), with only the members WebCrypto needs. */
async function importJwk(jwk: SdJwtVcJwk, alg: SdJwtVcAlg, use: 'sign' | 'verify'): Promise<WebCryptoKey> {
  const bare: Record<string, string> = { kty: jwk.kty, crv: jwk.crv!, x: jwk.x! };
  if (alg === 'ES256') bare.y = jwk.y!;
  if (use === 'sign') {
    if (typeof jwk.d !== 'string') throw new TypeError('the key has no private part ("d"): a private JWK is needed to sign');
    bare.d = jwk.d;
  }
  try {
    return await subtle().importKey('jwk', bare, PARAMS[alg].key, false, [use]);
  } catch (e) {
    throw new TypeError(`the ${alg} JWK cannot be imported: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Splits a key argument into the private CryptoKey or private JWK to sign with. */
function signingKeyOf(key: SdJwtVcKey): WebCryptoKey | SdJwtVcJwk {
  if (isCryptoKey(key)) return key;
  const pair = key as { privateKey?: unknown };
  if (typeof key === 'object' && key !== null && isCryptoKey(pair.privateKey)) return pair.privateKey;
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new TypeError('a key must be a JWK object, a CryptoKey or a { privateKey, publicKey } pair');
  return key as SdJwtVcJwk;
}

/**
 * A signer for `@sd-jwt/*` (`(data) => base64url signature`) from a private key, and its JWS `alg`.
 * ES256 signatures are the 64-byte r‖s that JWS wants (WebCrypto's own format). Throws a TypeError
 * for a public or unsupported key, or an `alg` that does not fit the key.
 *
 * @example
 * const { signer, alg } = await createSdJwtVcSigner(privateJwk); // alg: 'ES256'
 * const signature = await signer('eyJhbGciOi….eyJpc3Mi…');
 */
export async function createSdJwtVcSigner(key: SdJwtVcKey, alg?: SdJwtVcAlg): Promise<{ signer: Signer; alg: SdJwtVcAlg }> {
  const k = signingKeyOf(key);
  let cryptoKey: WebCryptoKey;
  let keyAlg: SdJwtVcAlg;
  if (isCryptoKey(k)) {
    keyAlg = algOfCryptoKey(k);
    if ((k as unknown as CryptoKeyView).type !== 'private') throw new TypeError('the CryptoKey is not a private key: a private key is needed to sign');
    cryptoKey = k;
  } else {
    keyAlg = algOfJwk(k);
    cryptoKey = await importJwk(k, keyAlg, 'sign');
  }
  if (alg !== undefined && alg !== keyAlg) throw new TypeError(`alg ${JSON.stringify(alg)} does not fit the key, which is a key for ${keyAlg}`);
  const params = PARAMS[keyAlg].sign;
  const signer: Signer = async (data: string) => bytesToBase64Url(new Uint8Array(await subtle().sign(params, cryptoKey, utf8Encode(data))));
  return { signer, alg: keyAlg };
}

/**
 * Exports the public JWK of a public CryptoKey (it must be extractable), or checks a JWK is public:
 * a JWK with private members is refused with a TypeError naming them (nothing is stripped).
 *
 * @example
 * await publicJwkFromKey(holderPublicJwk, 'holderKey'); // { kty: 'EC', crv: 'P-256', x, y }
 * await publicJwkFromKey(holderPrivateJwk, 'holderKey'); // TypeError: holderKey must be a public key: it has the private member "d"
 */
export async function publicJwkFromKey(key: SdJwtVcJwk | WebCryptoKey, what: string): Promise<SdJwtVcJwk> {
  if (isCryptoKey(key)) {
    const view = key as unknown as CryptoKeyView;
    if (view.type !== 'public') throw new TypeError(`${what} must be a public key: the CryptoKey is ${view.type}`);
    algOfCryptoKey(key);
    if (!view.extractable) throw new TypeError(`${what}: the public CryptoKey is not extractable, so its JWK cannot be written`);
    // WebCrypto's export carries alg (Ed25519 in some runtimes), key_ops and ext: keep the key only.
    const { kty, crv, x, y } = await subtle().exportKey('jwk', key);
    return publicJwkOf({ kty, crv, x, y });
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new TypeError(`${what} must be a public JWK or a public CryptoKey`);
  const secret = privateMembersOf(key);
  if (secret.length > 0) throw new TypeError(`${what} must be a public key: it has the private member${secret.length > 1 ? 's' : ''} ${secret.map((m) => `"${m}"`).join(', ')}; pass the public JWK`);
  return publicJwkOf(key);
}

/**
 * A verifier for `@sd-jwt/*` (`(data, signature) => boolean`) from a public key (JWK or CryptoKey;
 * a private JWK's public part is used). It never throws on a bad signature: a signature that is not
 * base64url or of the wrong length is `false`. `alg`, when given (the JWS header's), must fit the
 * key or every signature is `false`.
 *
 * @example
 * const verifier = await createSdJwtVcVerifier(issuerPublicJwk);
 * await verifier('eyJhbGciOi….eyJpc3Mi…', signature); // true or false
 */
export async function createSdJwtVcVerifier(key: SdJwtVcJwk | WebCryptoKey, alg?: string): Promise<Verifier> {
  let cryptoKey: WebCryptoKey;
  let keyAlg: SdJwtVcAlg;
  if (isCryptoKey(key)) {
    keyAlg = algOfCryptoKey(key);
    if ((key as unknown as CryptoKeyView).type !== 'public') throw new TypeError('the CryptoKey is not a public key: a public key is needed to verify');
    cryptoKey = key;
  } else {
    keyAlg = algOfJwk(key);
    cryptoKey = await importJwk(key, keyAlg, 'verify');
  }
  const fits = alg === undefined || alg === keyAlg || (keyAlg === 'EdDSA' && alg === 'Ed25519');
  const params = PARAMS[keyAlg].sign;
  return async (data: string, sig: string) => {
    if (!fits || typeof data !== 'string' || typeof sig !== 'string') return false;
    const bytes = base64UrlToBytes(sig);
    if (bytes === undefined || bytes.length !== 64) return false;
    try {
      return await subtle().verify(params, cryptoKey, bytes, utf8Encode(data));
    } catch {
      return false;
    }
  };
}

/**
 * Imports a SubjectPublicKeyInfo (DER; from a certificate's `publicKey.spki`) as a public CryptoKey
 * for `alg`, to give to `createSdJwtVcVerifier`. Throws a TypeError when it is not such a key.
 *
 * @example
 * const key = await importSpkiPublicKey(parseCertificate(der).publicKey.spki, 'ES256');
 * const verifier = await createSdJwtVcVerifier(key);
 */
export async function importSpkiPublicKey(spki: Uint8Array, alg: SdJwtVcAlg): Promise<WebCryptoKey> {
  if (alg !== 'ES256' && alg !== 'EdDSA') throw new TypeError(`unsupported algorithm ${JSON.stringify(alg)}: use 'ES256' or 'EdDSA'`);
  try {
    return await subtle().importKey('spki', new Uint8Array(spki), PARAMS[alg].key, true, ['verify']);
  } catch (e) {
    throw new TypeError(`the public key is not an ${alg} key: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The `_sd_alg` values the hasher computes (IANA names).
 *
 * @example
 * SD_HASH_ALGS.includes('sha-384'); // true
 */
export const SD_HASH_ALGS = ['sha-256', 'sha-384', 'sha-512'] as const;

/**
 * A supported `_sd_alg`.
 *
 * @example
 * const alg: SdHashAlg = 'sha-256';
 */
export type SdHashAlg = (typeof SD_HASH_ALGS)[number];

const WEB_HASH: Record<SdHashAlg, string> = { 'sha-256': 'SHA-256', 'sha-384': 'SHA-384', 'sha-512': 'SHA-512' };

/**
 * Whether `_sd_alg` names a hash the hasher computes (sha-256, sha-384, sha-512; exact spelling).
 *
 * @example
 * isSupportedHashAlg('sha-256'); // true
 * isSupportedHashAlg('SHA-256'); // false
 */
export function isSupportedHashAlg(alg: unknown): alg is SdHashAlg {
  return typeof alg === 'string' && Object.hasOwn(WEB_HASH, alg);
}

/**
 * The hasher for `@sd-jwt/*`: the digest of a string's UTF-8 bytes (or of an ArrayBuffer) with
 * sha-256, sha-384 or sha-512. Throws (an Error the library reports) for any other algorithm;
 * check with `isSupportedHashAlg` first where that must not happen.
 *
 * @example
 * const digest = await sdJwtVcHasher('WyJzYWx0IiwgImdpdmVuX25hbWUiLCAiSm9obiJd', 'sha-256'); // Uint8Array(32)
 */
export const sdJwtVcHasher: Hasher = async (data: string | ArrayBuffer, alg: string): Promise<Uint8Array> => {
  if (!isSupportedHashAlg(alg)) throw new Error(`unsupported hash algorithm ${JSON.stringify(alg)} (supported: ${SD_HASH_ALGS.join(', ')})`);
  const bytes = typeof data === 'string' ? utf8Encode(data) : new Uint8Array(data.slice(0));
  return new Uint8Array(await subtle().digest(WEB_HASH[alg], bytes));
};

/**
 * The salt generator for `@sd-jwt/*`: `length` random bytes from `crypto.getRandomValues`, in
 * base64url (16 bytes, 128 bits, by default as RFC 9901 §9.3 recommends).
 *
 * @example
 * await sdJwtVcSaltGenerator(16); // 'kWbl6Ekw_h9aNVzzv1DnEQ'
 */
export const sdJwtVcSaltGenerator: SaltGenerator = (length: number): string => {
  const n = Number.isInteger(length) && length >= 16 && length <= 64 ? length : 16;
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToBase64Url(bytes);
};
