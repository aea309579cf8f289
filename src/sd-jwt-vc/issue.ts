/**
 * Issuance of SD-JWT VCs on `@sd-jwt/sd-jwt-vc`: any claims (`issueSdJwtVcClaims`), with nested
 * selective disclosure, holder binding (`cnf`) and issuer identification by `iss` (JWT VC issuer
 * metadata) or `x5c`. A micro-credential as the rulebook's `VerifiableMicroCredential`:
 * issue/micro-credential.ts (`issueSdJwtVc`).
 * @module
 */
import { createSdJwtVcInstance } from './instance.js';
import { disclosureFrameOf, jsonCopy, resolveDisclosable } from './issue/frame.js';
import type { SdJwtVcClaimPath } from './issue/paths.js';
import { x5cHeaderOf } from './issue/x5c.js';
import { createSdJwtVcSigner, publicJwkFromKey, type SdJwtVcAlg, type SdJwtVcJwk, type SdJwtVcKey, type WebCryptoKey } from './keys.js';
import { NEVER_DISCLOSABLE } from './rulebook.js';
import { readStatusClaim } from './status/claim.js';

export type { SdJwtVcClaimPath } from './issue/paths.js';

/**
 * Options of `issueSdJwtVcClaims` and `issueSdJwtVc`.
 *
 * @example
 * const options: IssueSdJwtVcOptions = { key: issuerPrivateJwk, issuer: 'https://uni.example.eu', holderKey: holderPublicJwk };
 */
export interface IssueSdJwtVcOptions {
  /** The issuer's private key: a JWK with `d` (its `kid` becomes the header's), a private CryptoKey, or a key pair. */
  key: SdJwtVcKey;
  /** `ES256` or `EdDSA`; default: the key's. */
  alg?: SdJwtVcAlg;
  /** `iss`: the issuer's identifier (an HTTPS URL for JWT VC issuer metadata). Required unless `x5c` is given. */
  issuer?: string;
  /** The issuer's certificate chain, leaf first (DER bytes, base64 DER or PEM): the header's `x5c`. */
  x5c?: readonly (string | Uint8Array)[];
  /** The header's `kid`; default: the key JWK's `kid`, if any. */
  kid?: string;
  /** The holder's PUBLIC key (JWK or extractable CryptoKey): `cnf: { jwk }`. A private JWK is refused. */
  holderKey?: SdJwtVcJwk | WebCryptoKey;
  /** `vct`. `issueSdJwtVc`: default `VerifiableMicroCredential`; `issueSdJwtVcClaims`: default the claims' `vct`. */
  vct?: string;
  /**
   * The claims to make selectively disclosable: names, JSON Pointers or arrays of names and indexes.
   * `issueSdJwtVc`: default every rulebook claim with `sd` always or allowed; a list must keep every
   * `always` claim. `issueSdJwtVcClaims`: default every top-level claim but the never-disclosable ones.
   */
  disclosable?: readonly SdJwtVcClaimPath[];
  /** Decoy digests added to the top-level `_sd` (0–100; default 0). */
  decoys?: number;
  /** `status`: a Token Status List reference, kept in the clear. */
  status?: { status_list: { idx: number; uri: string } };
  /** `iat`: default now. */
  now?: Date;
  /** `exp`. `issueSdJwtVc`: default the model's `furtherInformation.validUntil`. */
  expiresAt?: Date | string;
  /** `nbf`. */
  notBefore?: Date | string;
  /** `jti`: the credential instance's identifier. */
  jti?: string;
  /** `trust_anchor` (rulebook metadata). */
  trustAnchor?: string;
  /** `cryptographically_bound_to` (rulebook metadata), e.g. `urn:eudi:pid:1`. */
  cryptographicallyBoundTo?: string;
}

/** @internal A NumericDate from a Date or date-time string; TypeError otherwise. */
export function numericDate(value: Date | string, what: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) throw new TypeError(`${what} must be a valid Date or an ISO 8601 date-time string`);
  return Math.floor(ms / 1000);
}

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new TypeError(`${what} must be a non-empty string`);
  return value;
}

/** @internal The metadata claims from the options (only those given), checked. */
export async function metadataOf(options: IssueSdJwtVcOptions): Promise<Record<string, unknown>> {
  const iat = numericDate(options.now ?? new Date(), 'now');
  const meta: Record<string, unknown> = {};
  const iss = optionalString(options.issuer, 'issuer');
  if (iss !== undefined) meta.iss = iss;
  meta.iat = iat;
  if (options.notBefore !== undefined) meta.nbf = numericDate(options.notBefore, 'notBefore');
  if (options.expiresAt !== undefined) {
    meta.exp = numericDate(options.expiresAt, 'expiresAt');
    if ((meta.exp as number) <= iat) throw new TypeError(`expiresAt (${new Date((meta.exp as number) * 1000).toISOString()}) is not after the time of issuance: the credential would be born expired`);
  }
  const vct = optionalString(options.vct, 'vct');
  if (vct !== undefined) meta.vct = vct;
  const jti = optionalString(options.jti, 'jti');
  if (jti !== undefined) meta.jti = jti;
  if (options.status !== undefined) {
    // Read as the verifier reads it, so that nothing is issued that verifySdJwtVc would refuse.
    const { reference, issues } = readStatusClaim(options.status);
    if (!reference || issues.length > 0) {
      throw new TypeError(`status must be { status_list: { idx: a non-negative integer, uri: the status list token URI } }: ${issues.map((i) => `${i.path.replace('/payload/status', 'status')}: ${i.message}`).join(' ')}`);
    }
    meta.status = { status_list: { idx: reference.idx, uri: reference.uri } };
  }
  const anchor = optionalString(options.trustAnchor, 'trustAnchor');
  if (anchor !== undefined) meta.trust_anchor = anchor;
  const bound = optionalString(options.cryptographicallyBoundTo, 'cryptographicallyBoundTo');
  if (bound !== undefined) meta.cryptographically_bound_to = bound;
  if (options.holderKey !== undefined) meta.cnf = { jwk: await publicJwkFromKey(options.holderKey, 'holderKey') };
  return meta;
}

/** @internal The payload: the claims with the metadata of the options; a claim and an option that disagree is a TypeError. */
export function payloadOf(claims: Record<string, unknown>, meta: Record<string, unknown>): Record<string, unknown> {
  const payload = { ...claims };
  for (const [name, value] of Object.entries(meta)) {
    if (Object.hasOwn(claims, name) && name !== 'iat' && JSON.stringify(claims[name]) !== JSON.stringify(value)) {
      throw new TypeError(`the claims have \`${name}\` ${JSON.stringify(claims[name])} and the options give ${JSON.stringify(value)}: give it once`);
    }
    if (name === 'iat' && Object.hasOwn(claims, 'iat')) continue;
    payload[name] = value;
  }
  return payload;
}

/** The default disclosable set of `issueSdJwtVcClaims`: every top-level claim that may be disclosable. */
function everyDisclosable(payload: Record<string, unknown>): string[] {
  return Object.keys(payload).filter((name) => !NEVER_DISCLOSABLE.has(name));
}

/** @internal Signs `payload` with `disclosable` (resolved here) and decoys: the compact SD-JWT. */
export async function signPayload(payload: Record<string, unknown>, disclosable: readonly SdJwtVcClaimPath[], options: IssueSdJwtVcOptions): Promise<string> {
  if (typeof payload.vct !== 'string' || payload.vct === '') throw new TypeError('vct is required: give it in the options or the claims');
  if (payload.iss === undefined && options.x5c === undefined) throw new TypeError('issuer (iss) is required unless x5c identifies the issuer');
  if (payload.iss !== undefined && typeof payload.iss !== 'string') throw new TypeError('iss must be a string');
  const decoys = options.decoys ?? 0;
  if (!Number.isSafeInteger(decoys) || decoys < 0 || decoys > 100) throw new TypeError('decoys must be an integer from 0 to 100');
  const paths = resolveDisclosable(payload, disclosable);
  const { signer, alg } = await createSdJwtVcSigner(options.key, options.alg);
  const keyKid = typeof (options.key as SdJwtVcJwk).kid === 'string' ? (options.key as SdJwtVcJwk).kid : undefined;
  const kid = optionalString(options.kid, 'kid') ?? keyKid;
  const header: Record<string, unknown> = {};
  if (kid !== undefined) header.kid = kid;
  if (options.x5c !== undefined) header.x5c = await x5cHeaderOf(options.x5c, signer, alg);
  const instance = createSdJwtVcInstance({ signer, signAlg: alg });
  return instance.issue(payload as { vct: string }, disclosureFrameOf(paths, decoys) as never, { header });
}

/** @internal */
export function checkOptions(options: IssueSdJwtVcOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object with at least `key`');
  if (options.key === undefined || options.key === null) throw new TypeError('options.key is required: the issuer\'s private key (JWK or CryptoKey)');
}

/**
 * Issues any claims as an SD-JWT VC (compact form): header `typ: dc+sd-jwt`, `alg`, `kid`, `x5c`;
 * the options' metadata claims (`iss`, `iat`, `nbf`, `exp`, `vct`, `jti`, `status`, `cnf`, …) in
 * the clear; the `disclosable` paths (nested members and array elements too) behind digests. No
 * rulebook applies but the list of claims that are never disclosable. The caller's claims are not
 * changed. Misuse (no key, a private holder key, a path that is not in the claims) is a TypeError.
 *
 * @example
 * const sdJwt = await issueSdJwtVcClaims(
 *   { vct: 'https://credentials.example.com/identity_credential', given_name: 'John', address: { street_address: '123 Main St', country: 'US' } },
 *   { key: issuerPrivateJwk, issuer: 'https://example.com/issuer', holderKey: holderPublicJwk, disclosable: ['given_name', '/address/street_address'] },
 * );
 */
export async function issueSdJwtVcClaims(claims: Record<string, unknown>, options: IssueSdJwtVcOptions): Promise<string> {
  checkOptions(options);
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new TypeError('claims must be an object');
  const payload = payloadOf(jsonCopy(claims) as Record<string, unknown>, await metadataOf(options));
  return signPayload(payload, options.disclosable ?? everyDisclosable(payload), options);
}
