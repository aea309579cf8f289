/**
 * A Status List Token (Token Status List draft §5.1) read, not yet trusted: the compact JWS read
 * as strictly as the SD-JWT itself (verify/decode.ts: canonical base64url, UTF-8 JSON objects, no
 * member named twice, bounded nesting), `typ` `statuslist+jwt`, an `alg` of the allow-list and no
 * `crit`, and the claims of §5.1 with their types. The list itself (`status_list.lst`) is inflated
 * only once the token's signature has been checked (`listOf`), never for a token nobody signed,
 * and with a bound (a ZLIB bomb is refused, not inflated).
 *
 * Tokens read are kept by their exact text in a bounded cache, with the list once inflated and the
 * signature checks already made (trust.ts): a second credential on the same token costs a lookup.
 * @module
 */
import { describeError } from '../../json/describe.js';
import { decodeTokenStatusList } from '../../status/token-list.js';
import { SDJWT_LIMITS, decodeJwt, type DecodedJwt } from '../verify/decode.js';
import { isAcceptedAlg, type JwsAlg } from '../verify/signature.js';
import { isNumericDate } from '../verify/time.js';
import { BoundedCache } from './cache.js';

/**
 * The claims of a Status List Token, as read (times in seconds).
 *
 * @example
 * const claims: TokenClaims = { sub: 'https://uni.example.eu/status/1', iss: 'https://uni.example.eu', iat: 1772359200, exp: 1772445600, ttl: 3600 };
 */
export interface TokenClaims {
  readonly sub: string;
  readonly iss?: string;
  readonly iat: number;
  readonly exp?: number;
  readonly nbf?: number;
  readonly ttl?: number;
}

/**
 * A signature check of the token for one set of trust inputs (trust.ts).
 *
 * @example
 * const trust: TokenTrust = { ok: false, problem: 'The issuer\'s signature does not verify …' };
 */
export interface TokenTrust {
  readonly ok: boolean;
  /** Why not, when not. */
  readonly problem?: string;
  /** The subject of the `x5c` certificate whose key verified, when one did. */
  readonly certificateSubject?: string;
}

/**
 * A token that could be read: its parts and claims; the list and trust checks are filled in as they are made.
 *
 * @example
 * const token = readStatusListToken(compact);
 * if (token.ok) token.claims.sub; // 'https://uni.example.eu/status/1'
 */
export interface ReadToken {
  readonly ok: true;
  readonly jwt: DecodedJwt;
  readonly alg: JwsAlg;
  readonly claims: TokenClaims;
  /** The inflated list, or why it cannot be; set by `listOf`. */
  list?: { bits: 1 | 2 | 4 | 8; bytes: Uint8Array } | { problem: string };
  /** Signature checks by trust fingerprint (trust.ts), a few at most. */
  readonly trust: Map<string, TokenTrust>;
}

/**
 * A string that is not a Status List Token that can be verified, with why: `malformed` (not a
 * `statuslist+jwt` with the claims of §5.1) or `unverified` (an `alg` not verified here, `crit`, no
 * signature); `sub` when its payload has one (the list it claims to be).
 *
 * @example
 * readStatusListToken('eyJhbGciOiJub25lIn0.e30.'); // { ok: false, kind: 'malformed', problem: 'its header `typ` is absent, not "statuslist+jwt"' }
 */
export interface UnreadToken {
  readonly ok: false;
  readonly kind: 'malformed' | 'unverified';
  readonly problem: string;
  readonly sub?: string;
}

/**
 * At most this many bytes are inflated from `lst` (16 MiB: 2^27 entries of 1 bit, 2^24 of 8).
 *
 * @example
 * MAX_LIST_BYTES; // 16777216
 */
export const MAX_LIST_BYTES = 16 * 1024 * 1024;

const cache = new BoundedCache<ReadToken | UnreadToken>(256, 64 * 1024 * 1024);
const STRING_WEIGHT = 2;

const unread = (problem: string, payload?: Record<string, unknown>, kind: UnreadToken['kind'] = 'malformed'): UnreadToken => ({
  ok: false,
  kind,
  problem,
  ...(typeof payload?.sub === 'string' ? { sub: payload.sub } : {}),
});

/** The claims of §5.1 with their types, or why not. */
function claimsOf(payload: Record<string, unknown>): TokenClaims | string {
  const { sub, iss, iat, exp, nbf, ttl } = payload;
  if (typeof sub !== 'string' || sub === '') return '`sub` (the URI of the list) is absent or not a string';
  if (iss !== undefined && typeof iss !== 'string') return '`iss` is not a string';
  if (!isNumericDate(iat)) return '`iat` is absent or not a NumericDate';
  for (const [name, v] of Object.entries({ exp, nbf })) if (v !== undefined && !isNumericDate(v)) return `\`${name}\` is not a NumericDate`;
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0)) return '`ttl` is not a positive number of seconds';
  const list = payload.status_list;
  if (list === null || typeof list !== 'object' || Array.isArray(list)) return '`status_list` is absent or not an object';
  return { sub, ...(iss !== undefined ? { iss } : {}), iat, ...(isNumericDate(exp) ? { exp } : {}), ...(isNumericDate(nbf) ? { nbf } : {}), ...(ttl !== undefined ? { ttl } : {}) };
}

function readUncached(text: string): ReadToken | UnreadToken {
  if (text.length > SDJWT_LIMITS.chars) return unread(`it is ${text.length} characters long; at most ${SDJWT_LIMITS.chars} are read`);
  const { jwt, issues } = decodeJwt(text, '', 'Status List Token');
  if (jwt === undefined) return unread(issues.map((i) => i.message).join(' '));
  const { header, payload } = jwt;
  if (header.typ !== 'statuslist+jwt') return unread(`its header \`typ\` is ${JSON.stringify(header.typ) ?? 'absent'}, not "statuslist+jwt"`, payload);
  if (!isAcceptedAlg(header.alg)) return unread(`its \`alg\` ${JSON.stringify(header.alg) ?? 'is absent'} is not one this library verifies (never none or HS*)`, payload, 'unverified');
  if (Object.prototype.hasOwnProperty.call(header, 'crit')) return unread('its header has `crit`: extensions this verifier does not process (RFC 7515 §4.1.11)', payload, 'unverified');
  if (jwt.signature.length === 0) return unread('it has no signature (an empty third segment)', payload, 'unverified');
  const claims = claimsOf(payload);
  if (typeof claims === 'string') return unread(claims, payload);
  return { ok: true, jwt, alg: header.alg, claims, trust: new Map() };
}

/**
 * Reads a Status List Token (cached by its exact text). Never throws.
 *
 * @example
 * const token = readStatusListToken(compact);
 * if (token.ok) token.claims.sub; // 'https://uni.example.eu/status/1'
 */
export function readStatusListToken(text: string): ReadToken | UnreadToken {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const read = readUncached(text);
  cache.set(text, read, text.length * STRING_WEIGHT);
  return read;
}

/**
 * The token's list, inflated (at most `MAX_LIST_BYTES`) and kept with the token. Call it only once
 * the token's signature has been checked.
 *
 * @example
 * const list = listOf(token, compact); // { bits: 2, bytes: Uint8Array(32768) } or { problem: '…' }
 */
export function listOf(token: ReadToken, text: string): NonNullable<ReadToken['list']> {
  if (token.list !== undefined) return token.list;
  try {
    const { bits, bytes } = decodeTokenStatusList(token.jwt.payload.status_list, { maxBytes: MAX_LIST_BYTES });
    token.list = { bits, bytes };
    // The weight of the entry now includes the inflated bytes.
    cache.set(text, token, text.length * STRING_WEIGHT + bytes.length);
  } catch (e) {
    token.list = { problem: describeError(e) };
  }
  return token.list;
}
