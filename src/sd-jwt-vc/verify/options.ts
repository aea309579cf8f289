/**
 * The options of `verifySdJwtVc`, read once into a policy: every value checked for its type (a
 * verifier that silently ignored a misspelt `nonce` would accept replays), trust anchors parsed.
 * What cannot be used is an SDJWT_OPTIONS_INVALID issue, never an exception.
 * @module
 */
import { certificateBytesFrom, tryParseCertificate, type Certificate } from '../../seal/x509.js';
import type { StatusCheckOptions } from '../../status/check.js';
import { type SdJwtVcIssue, sdJwtVcIssue } from '../codes.js';
import { MICRO_CREDENTIAL_VCT } from '../rulebook.js';

/**
 * A JSON Web Key (RFC 7517), public: EC (P-256, P-384, P-521), OKP (Ed25519) or RSA (2048 bits or more).
 *
 * @example
 * const jwk: Jwk = { kty: 'EC', crv: 'P-256', x: 'b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ', y: 'Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8', kid: 'key-1' };
 */
export type Jwk = Readonly<Record<string, unknown>>;

/**
 * A JWT VC Issuer Metadata document (SD-JWT VC draft §4.2), as served at
 * `/.well-known/jwt-vc-issuer`: fetched by the caller, with its keys by value.
 *
 * @example
 * const metadata: JwtVcIssuerMetadataDocument = { issuer: 'https://uni.example.eu', jwks: { keys: [publicJwk] } };
 */
export interface JwtVcIssuerMetadataDocument {
  issuer: string;
  jwks?: { keys: readonly Jwk[] };
  jwks_uri?: string;
}

/**
 * Options of `verifySdJwtVc()`. Give the issuer's keys one of three ways (`issuerKeys`,
 * `issuerMetadata`, `trustAnchors` for an `x5c` header); nothing is fetched. A credential with a
 * `status` claim is checked against the Status List Tokens of `statusLists` (or the caller's own
 * `fetchStatusList`), whose signature is checked with the same keys as the credential's.
 *
 * @example
 * const options: VerifySdJwtVcOptions = {
 *   issuerKeys: [issuerPublicJwk],
 *   audience: 'https://employer.example.com',
 *   nonce: 'n-0S6_WzA2Mj',
 *   requireClaims: ['title', 'awardingBody'],
 *   statusLists: [statusListToken], // the compact statuslist+jwt, as published by the issuer
 * };
 */
export interface VerifySdJwtVcOptions extends StatusCheckOptions {
  /** The issuer's public JWKs, or JWKs by `iss`. Matched on the header's `kid` when both have one. */
  issuerKeys?: readonly Jwk[] | Readonly<Record<string, readonly Jwk[]>>;
  /** JWT VC Issuer Metadata documents; one is used when its `issuer` is identical to `iss`. */
  issuerMetadata?: JwtVcIssuerMetadataDocument | readonly JwtVcIssuerMetadataDocument[];
  /** Certificates (PEM, base64 DER or DER bytes) an `x5c` chain must end at. */
  trustAnchors?: readonly (string | Uint8Array)[];
  /** The `aud` the key-binding JWT must have (the verifier's identifier). */
  audience?: string;
  /** The `nonce` the key-binding JWT must have (the one the verifier sent with its request). */
  nonce?: string;
  /** The time of the check (default: now). */
  now?: Date;
  /** Seconds of clock difference allowed for `exp`, `nbf`, `iat` and the key binding's `iat` (default 60). */
  clockSkew?: number;
  /** Seconds a key-binding JWT stays acceptable after its `iat` (default 300). */
  maxKeyBindingAge?: number;
  /** The credential types accepted (default `VerifiableMicroCredential`). */
  vct?: string | readonly string[];
  /** A key-binding JWT is required even when the SD-JWT has no `cnf` (it is always required with one). */
  requireKeyBinding?: boolean;
  /** Claims that must be disclosed: the rulebook's mandatory ones (MC-IR-01) and its checks, or names / JSON Pointers. */
  requireClaims?: 'rulebook' | readonly string[];
  /** The type metadata of the `vct` (the retrieved bytes, JSON text, or the parsed object). */
  typeMetadata?: object | Uint8Array | string;
}

/** The options as read. Times in seconds. */
export interface Policy {
  readonly issuerKeys?: readonly unknown[] | Readonly<Record<string, readonly unknown[]>>;
  readonly issuerMetadata?: readonly unknown[];
  readonly trustAnchors: readonly Certificate[];
  readonly audience?: string;
  readonly nonce?: string;
  readonly now: Date;
  readonly clockSkew: number;
  readonly maxKeyBindingAge: number;
  readonly vct: readonly string[];
  readonly requireKeyBinding: boolean;
  readonly requireClaims?: 'rulebook' | readonly string[];
  readonly typeMetadata?: unknown;
  /** Status List Tokens and other lists the caller holds (only strings can be tokens). */
  readonly statusLists: readonly unknown[];
  readonly fetchStatusList?: (url: string) => Promise<unknown>;
  readonly trustedStatusIssuers: readonly string[];
  readonly acceptUncheckedStatus: boolean;
}

const MAX_ANCHORS = 1000;
/** At most this many status lists and trusted status issuers are read. */
const MAX_STATUS_LISTS = 1000;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

function readAnchors(value: unknown, bad: (message: string) => void): Certificate[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_ANCHORS) {
    bad(`\`trustAnchors\` is not a list of at most ${MAX_ANCHORS} certificates.`);
    return [];
  }
  const out: Certificate[] = [];
  value.forEach((item: unknown, i) => {
    const all = typeof item === 'string' || item instanceof Uint8Array ? certificateBytesFrom(item) : undefined;
    if (all === undefined) return bad(`\`trustAnchors[${i}]\` is not a certificate (PEM, base64 DER or DER bytes).`);
    for (const der of all) {
      const parsed = tryParseCertificate(der);
      if (parsed.ok) out.push(parsed.certificate);
      else bad(`\`trustAnchors[${i}]\` cannot be read: ${parsed.reason}.`);
    }
  });
  return out;
}

function readKeys(value: unknown, bad: (message: string) => void): Policy['issuerKeys'] {
  if (value === undefined || Array.isArray(value)) return value;
  if (isObject(value) && Object.values(value).every(Array.isArray)) return value as Record<string, unknown[]>;
  bad('`issuerKeys` is neither a list of JWKs nor an object of JWK lists by `iss`.');
  return undefined;
}

/** `statusLists`, `fetchStatusList`, `trustedStatusIssuers` (StatusCheckOptions). */
function readStatusOptions(o: Record<string, unknown>, bad: (message: string) => void): Pick<Policy, 'statusLists' | 'fetchStatusList' | 'trustedStatusIssuers'> {
  const { statusLists, fetchStatusList, trustedStatusIssuers } = o;
  const listOk = Array.isArray(statusLists) && statusLists.length <= MAX_STATUS_LISTS;
  if (statusLists !== undefined && !listOk) bad(`\`statusLists\` is not a list of at most ${MAX_STATUS_LISTS} status lists (Status List Tokens as compact JWS text).`);
  if (fetchStatusList !== undefined && typeof fetchStatusList !== 'function') bad('`fetchStatusList` is not a function (url) => Promise of the Status List Token.');
  const trustedOk = isStringList(trustedStatusIssuers) && trustedStatusIssuers.length <= MAX_STATUS_LISTS;
  if (trustedStatusIssuers !== undefined && !trustedOk) bad(`\`trustedStatusIssuers\` is not a list of at most ${MAX_STATUS_LISTS} issuer identifiers (strings).`);
  return {
    statusLists: listOk ? [...(statusLists as unknown[])] : [],
    ...(typeof fetchStatusList === 'function' ? { fetchStatusList: fetchStatusList as (url: string) => Promise<unknown> } : {}),
    trustedStatusIssuers: trustedOk ? [...trustedStatusIssuers] : [],
  };
}

/**
 * Reads the options; `issues` are SDJWT_OPTIONS_INVALID errors.
 *
 * @example
 * const { policy, issues } = readOptions({ issuerKeys: [jwk], clockSkew: 30 });
 */
export function readOptions(options: unknown): { policy: Policy; issues: SdJwtVcIssue[] } {
  const issues: SdJwtVcIssue[] = [];
  const bad = (message: string) => void issues.push(sdJwtVcIssue('SDJWT_OPTIONS_INVALID', 'error', '', null, message, 'sd-jwt'));
  if (options !== undefined && !isObject(options)) bad('The options are not an object.');
  const o: Record<string, unknown> = isObject(options) ? options : {};
  const { now, clockSkew, maxKeyBindingAge, vct, audience, nonce, requireKeyBinding, acceptUncheckedStatus, requireClaims, issuerMetadata, typeMetadata } = o;
  if (now !== undefined && !(now instanceof Date && !Number.isNaN(now.getTime()))) bad('`now` is not a valid Date.');
  const seconds = (v: unknown, name: string, fallback: number) => {
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
    bad(`\`${name}\` is not a non-negative number of seconds.`);
    return fallback;
  };
  if (vct !== undefined && typeof vct !== 'string' && !(isStringList(vct) && vct.length > 0)) bad('`vct` is neither a string nor a non-empty list of strings.');
  for (const [name, v] of Object.entries({ audience, nonce })) if (v !== undefined && typeof v !== 'string') bad(`\`${name}\` is not a string.`);
  for (const [name, v] of Object.entries({ requireKeyBinding, acceptUncheckedStatus })) if (v !== undefined && typeof v !== 'boolean') bad(`\`${name}\` is not a boolean.`);
  if (requireClaims !== undefined && requireClaims !== 'rulebook' && !isStringList(requireClaims)) bad('`requireClaims` is neither "rulebook" nor a list of claim names or JSON Pointers.');
  if (issuerMetadata !== undefined && !isObject(issuerMetadata) && !Array.isArray(issuerMetadata)) bad('`issuerMetadata` is neither a JWT VC Issuer Metadata document nor a list of them.');
  if (typeMetadata !== undefined && !isObject(typeMetadata) && !(typeMetadata instanceof Uint8Array) && typeof typeMetadata !== 'string') bad('`typeMetadata` is neither an object, JSON text nor bytes.');
  const policy: Policy = {
    issuerKeys: readKeys(o.issuerKeys, bad),
    ...(issuerMetadata !== undefined ? { issuerMetadata: Array.isArray(issuerMetadata) ? issuerMetadata : [issuerMetadata] } : {}),
    trustAnchors: readAnchors(o.trustAnchors, bad),
    ...(typeof audience === 'string' ? { audience } : {}),
    ...(typeof nonce === 'string' ? { nonce } : {}),
    now: now instanceof Date && !Number.isNaN(now.getTime()) ? new Date(now.getTime()) : new Date(),
    clockSkew: seconds(clockSkew, 'clockSkew', 60),
    maxKeyBindingAge: seconds(maxKeyBindingAge, 'maxKeyBindingAge', 300),
    vct: typeof vct === 'string' ? [vct] : isStringList(vct) && vct.length > 0 ? [...vct] : [MICRO_CREDENTIAL_VCT],
    requireKeyBinding: requireKeyBinding === true,
    ...(requireClaims === 'rulebook' || isStringList(requireClaims) ? { requireClaims: requireClaims === 'rulebook' ? 'rulebook' : [...requireClaims] } : {}),
    ...(typeMetadata !== undefined ? { typeMetadata } : {}),
    ...readStatusOptions(o, bad),
    acceptUncheckedStatus: acceptUncheckedStatus === true,
  };
  return { policy, issues };
}
