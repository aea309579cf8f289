/**
 * Forging SD-JWT VCs for the verifier's tests: any header, any payload, any disclosures, signed
 * with jose (or not signed at all), so that a presentation can be wrong in exactly one way while
 * everything else holds. Shares no code with src/sd-jwt-vc/.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { base64url, CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export type Alg = 'ES256' | 'EdDSA' | 'ES384' | 'PS256' | 'RS256';

export interface TestKey {
  alg: Alg;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** A fresh key pair as JWKs (with `kid` when given). */
export async function testKey(alg: Alg, kid?: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  const privateJwk = { ...(await exportJWK(privateKey)), ...(kid ? { kid } : {}) };
  const publicJwk = { ...(await exportJWK(publicKey)), ...(kid ? { kid } : {}) };
  return { alg, privateJwk, publicJwk };
}

/** A key pair from a node:crypto KeyObject pair (for certificates). */
export async function testKeyFromNode(alg: Alg, pair: { privateKey: KeyObject; publicKey: KeyObject }): Promise<TestKey> {
  return { alg, privateJwk: pair.privateKey.export({ format: 'jwk' }) as JWK, publicJwk: pair.publicKey.export({ format: 'jwk' }) as JWK };
}

export const nodeP256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

export const b64json = (v: unknown): string => base64url.encode(new TextEncoder().encode(JSON.stringify(v)));
export const fromB64json = (s: string): any => JSON.parse(new TextDecoder().decode(base64url.decode(s)));
export const digest = (text: string, alg = 'sha256'): string => base64url.encode(createHash(alg).update(text, 'ascii').digest());

let saltCounter = 0;
export const salt = () => `salt-${++saltCounter}-${Math.random().toString(36).slice(2)}`;

/** A disclosure: `[salt, name, value]`, or `[salt, value]` without a name. */
export function disclosure(name: string | undefined, value: unknown, s = salt()): { encoded: string; digest: string } {
  const encoded = b64json(name === undefined ? [s, value] : [s, name, value]);
  return { encoded, digest: digest(encoded) };
}

/** A compact JWS over `payload` with `header` (its `alg` must be the key's). */
export async function signJws(header: Record<string, unknown>, payload: Record<string, unknown>, key: TestKey): Promise<string> {
  const k = await importJWK(key.privateJwk, key.alg);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader(header as { alg: string }).sign(k);
}

/** A compact ES256 JWS signed with node:crypto, whatever the header says (jose refuses some headers, such as `crit`). */
export function signRaw(header: Record<string, unknown>, payload: Record<string, unknown>, key: TestKey): string {
  const input = `${b64json(header)}.${b64json(payload)}`;
  const signature = sign('sha256', Buffer.from(input, 'ascii'), { key: createPrivateKey({ key: key.privateJwk as never, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url.encode(signature)}`;
}

/** `header.payload.signature` with a signature of random bytes (for alg none, HS256…). */
export function unsignedJws(header: Record<string, unknown>, payload: Record<string, unknown>, signature = 'c2lnbmF0dXJl'): string {
  return `${b64json(header)}.${b64json(payload)}.${signature}`;
}

/** An SD-JWT: the issuer-signed JWT and the disclosures, ending with `~`. */
export const sdJwtOf = (jwt: string, disclosures: readonly string[]): string => `${jwt}~${disclosures.map((d) => `${d}~`).join('')}`;

/** A key-binding JWT over `presented` (ending with `~`). */
export async function kbJwt(
  presented: string,
  holder: TestKey,
  claims: { aud?: unknown; nonce?: unknown; iat?: unknown; sd_hash?: unknown } = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  const payload: Record<string, unknown> = { iat: Math.floor(Date.now() / 1000), aud: 'https://verifier.example', nonce: 'nonce-1', sd_hash: digest(presented), ...claims };
  for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
  return signJws({ alg: holder.alg, typ: 'kb+jwt', ...header }, payload, holder);
}

/** Replaces the header or payload of a compact JWS, keeping its signature. */
export function respell(jwt: string, change: { header?: (h: any) => any; payload?: (p: any) => any }): string {
  const [h, p, s] = jwt.split('.');
  const header = change.header ? b64json(change.header(fromB64json(h!))) : h;
  const payload = change.payload ? b64json(change.payload(fromB64json(p!))) : p;
  return `${header}.${payload}.${s}`;
}
