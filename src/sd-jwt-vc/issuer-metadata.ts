/**
 * JWT VC Issuer Metadata (SD-JWT VC draft, "JWT VC Issuer Metadata"): the document an issuer
 * publishes at `/.well-known/jwt-vc-issuer` so that verifiers find its public keys from `iss`.
 * @module
 */
import { privateMembersOf, type SdJwtVcJwk } from './keys.js';

/**
 * A JWT VC Issuer Metadata document with its keys by value (`jwks`; this library writes no
 * `jwks_uri`, which the draft allows instead of `jwks`, never both).
 *
 * @example
 * const metadata: JwtVcIssuerMetadata = { issuer: 'https://uni.example.eu', jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: '…', y: '…', kid: 'k1' }] } };
 */
export interface JwtVcIssuerMetadata {
  /** The issuer identifier: identical to the `iss` of the SD-JWT VCs it issues. */
  issuer: string;
  jwks: { keys: SdJwtVcJwk[] };
}

/** The issuer identifier as the draft wants it: an HTTPS URL with a host, no query, no fragment, no user info. */
function checkIssuer(issuer: unknown): URL {
  if (typeof issuer !== 'string') throw new TypeError('issuer must be a string: the HTTPS URL that is the `iss` of the SD-JWT VCs');
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new TypeError(`issuer ${JSON.stringify(issuer)} is not a URL`);
  }
  if (url.protocol !== 'https:' || url.hostname === '') throw new TypeError(`issuer ${JSON.stringify(issuer)} must be an https: URL with a host (SD-JWT VC draft, JWT VC Issuer Metadata)`);
  if (url.search !== '' || url.hash !== '' || issuer.includes('?') || issuer.includes('#')) throw new TypeError(`issuer ${JSON.stringify(issuer)} must have no query or fragment`);
  if (url.username !== '' || url.password !== '') throw new TypeError(`issuer ${JSON.stringify(issuer)} must have no user information`);
  return url;
}

/**
 * The URL where the JWT VC Issuer Metadata of `issuer` is published: `/.well-known/jwt-vc-issuer`
 * inserted between the host and the path (a terminating `/` of the path removed).
 *
 * @example
 * jwtVcIssuerMetadataUrl('https://example.com/tenant/1234'); // 'https://example.com/.well-known/jwt-vc-issuer/tenant/1234'
 * jwtVcIssuerMetadataUrl('https://example.com'); // 'https://example.com/.well-known/jwt-vc-issuer'
 */
export function jwtVcIssuerMetadataUrl(issuer: string): string {
  const url = checkIssuer(issuer);
  // The path as written (URL normalises `..` and percent-encoding; the draft works on the string).
  const afterHost = issuer.slice(issuer.indexOf('//') + 2);
  const slash = afterHost.indexOf('/');
  const path = slash < 0 ? '' : afterHost.slice(slash).replace(/\/+$/, '');
  return `${url.origin}/.well-known/jwt-vc-issuer${path}`;
}

/**
 * Makes the JWT VC Issuer Metadata document `{ issuer, jwks: { keys } }` to publish at
 * `jwtVcIssuerMetadataUrl(issuer)`. Every key must be public (a JWK with `d` or another private
 * member is refused, not stripped) and have a `kid`, unique in the set, for verifiers to match the
 * SD-JWT's header `kid`. The keys are copied; the caller's objects are not changed. Misuse is a
 * TypeError.
 *
 * @example
 * const { publicJwk } = await generateSdJwtVcKeyPair('ES256'); // kid: the RFC 7638 thumbprint
 * const metadata = createJwtVcIssuerMetadata({ issuer: 'https://uni.example.eu', keys: [publicJwk] });
 * // serve JSON.stringify(metadata) at https://uni.example.eu/.well-known/jwt-vc-issuer
 */
export function createJwtVcIssuerMetadata(options: { issuer: string; keys: readonly SdJwtVcJwk[] }): JwtVcIssuerMetadata {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be { issuer, keys }');
  checkIssuer(options.issuer);
  const { keys } = options;
  if (!Array.isArray(keys) || keys.length === 0) throw new TypeError('keys must be a non-empty array of public JWKs');
  const kids = new Set<string>();
  const copies = keys.map((key: unknown, i) => {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new TypeError(`keys[${i}] is not a JWK object`);
    const jwk = key as SdJwtVcJwk;
    if (typeof jwk.kty !== 'string' || jwk.kty === '' || jwk.kty === 'oct') throw new TypeError(`keys[${i}] is not an asymmetric public JWK (kty ${JSON.stringify(jwk.kty)})`);
    const secret = privateMembersOf(jwk);
    if (secret.length > 0) throw new TypeError(`keys[${i}] is a private key (it has ${secret.map((m) => `"${m}"`).join(', ')}): publish the public JWK only`);
    if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new TypeError(`keys[${i}] has no kid: give each key a kid (jwkThumbprint() makes one), which the SD-JWT header's kid names`);
    if (kids.has(jwk.kid)) throw new TypeError(`keys[${i}]: the kid ${JSON.stringify(jwk.kid)} is used twice`);
    kids.add(jwk.kid);
    return JSON.parse(JSON.stringify(jwk)) as SdJwtVcJwk;
  });
  return { issuer: options.issuer, jwks: { keys: copies } };
}
