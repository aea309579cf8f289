/**
 * Integrity strings of SD-JWT VC (`vct#integrity`, `extends#integrity`, `uri#integrity`): the W3C
 * Subresource Integrity syntax (SRI §3.5), a digest over the octets retrieved, computed with
 * WebCrypto so it runs in browsers too.
 *
 * The draft (§ "Document Integrity") says: use the syntax of SRI, choose the strongest algorithm
 * the string offers, reject on mismatch. As in SRI, a token this library cannot read (an unknown
 * algorithm, a malformed token) is skipped; a string with no token it can use is not ok.
 * @module
 */
import { bytesToBase64 } from '../json/encoding.js';

/**
 * The hash algorithms of an integrity string this library computes, weakest first.
 *
 * @example
 * const alg: IntegrityAlgorithm = 'sha384';
 * await integrityOf(bytes, alg); // 'sha384-…'
 */
export type IntegrityAlgorithm = 'sha256' | 'sha384' | 'sha512';

const WEBCRYPTO_NAME: Record<IntegrityAlgorithm, 'SHA-256' | 'SHA-384' | 'SHA-512'> = {
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};
const STRENGTH: Record<IntegrityAlgorithm, number> = { sha256: 1, sha384: 2, sha512: 3 };

/**
 * The result of {@link checkIntegrity}: `reason` says why it is not ok.
 *
 * @example
 * const check: IntegrityCheck = await checkIntegrity(bytes, 'sha256-…');
 * if (!check.ok) console.error(check.reason);
 */
export interface IntegrityCheck {
  ok: boolean;
  /** The algorithm the check used (the strongest in the string), when one was usable. */
  algorithm?: IntegrityAlgorithm;
  /** Why the check failed, in English. */
  reason?: string;
}

interface ParsedToken {
  algorithm: IntegrityAlgorithm;
  /** The digest as unpadded standard base64 (base64url spellings turned into it). */
  digest: string;
}

// SRI §3.5: hash-expression = hash-algo "-" base64-value, option-expression after "?" (ignored).
// base64-value as in CSP: standard or URL alphabet, up to two "=". The algorithm name is
// matched ASCII case-insensitively (as browsers do).
const TOKEN = /^([Ss][Hh][Aa](?:256|384|512))-([A-Za-z0-9+/\-_]+={0,2})(?:\?[\x21-\x7e]*)?$/;
const DIGEST_LENGTH: Record<IntegrityAlgorithm, number> = { sha256: 43, sha384: 64, sha512: 86 };

function parseTokens(integrity: string): { tokens: ParsedToken[]; skipped: string[] } {
  const tokens: ParsedToken[] = [];
  const skipped: string[] = [];
  for (const raw of integrity.split(/[\t\n\f\r ]+/)) {
    if (raw === '') continue;
    const m = TOKEN.exec(raw);
    if (m === null) {
      skipped.push(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
      continue;
    }
    const algorithm = m[1]!.toLowerCase() as IntegrityAlgorithm;
    const digest = m[2]!.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
    if (digest.length !== DIGEST_LENGTH[algorithm]) {
      skipped.push(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
      continue;
    }
    tokens.push({ algorithm, digest });
  }
  return { tokens, skipped };
}

/**
 * Whether `value` is a W3C SRI integrity string with at least one hash this library computes
 * (sha256, sha384, sha512). Syntax only: no digest is computed.
 *
 * @example
 * isIntegrityString('sha256-1745iaqJtlhk18cYXe6D80bmAzbjLZHA77+9TF4aiLk='); // true
 * isIntegrityString('md5-XUFAKrxLKna5cZ2REBfFkg=='); // false
 */
export function isIntegrityString(value: unknown): boolean {
  return typeof value === 'string' && parseTokens(value).tokens.length > 0;
}

function toBytes(input: Uint8Array | string): Uint8Array<ArrayBuffer> {
  if (typeof input === 'string') return new Uint8Array(new TextEncoder().encode(input));
  const copy = new Uint8Array(input.byteLength);
  copy.set(input);
  return copy;
}

async function digestBase64(bytes: Uint8Array<ArrayBuffer>, algorithm: IntegrityAlgorithm): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(WEBCRYPTO_NAME[algorithm], bytes);
  return bytesToBase64(new Uint8Array(digest));
}

/**
 * The W3C SRI integrity string of `bytes` (a string is taken as its UTF-8 octets): `sha256-…` by
 * default, in standard base64 with padding, as the draft's examples write it.
 *
 * @example
 * const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
 * const integrity = await integrityOf(svg); // "sha256-…="
 * (await checkIntegrity(svg, integrity)).ok; // true
 */
export async function integrityOf(bytes: Uint8Array | string, alg: IntegrityAlgorithm = 'sha256'): Promise<string> {
  if (!(alg in WEBCRYPTO_NAME)) throw new TypeError(`integrityOf: unsupported algorithm ${String(alg)}`);
  if (typeof bytes !== 'string' && !(bytes instanceof Uint8Array)) {
    throw new TypeError('integrityOf: bytes must be a Uint8Array or a string');
  }
  return `${alg}-${await digestBase64(toBytes(bytes), alg)}`;
}

/**
 * Checks `bytes` against a W3C SRI integrity string: several space-separated hashes may be given;
 * only those of the strongest algorithm present count, and one of them must match. Options after
 * `?` are ignored; unknown algorithms and malformed tokens are skipped, as SRI does. Never throws
 * on data: a string with no usable hash, or a value that is not a string, is `ok: false` with a
 * reason.
 *
 * @example
 * const bytes = new TextEncoder().encode('hello');
 * const sri = await integrityOf(bytes, 'sha384');
 * (await checkIntegrity(bytes, `sha256-AAAA ${sri}`)).ok; // true: sha384 is the strongest given
 * (await checkIntegrity(bytes, 'md5-XUFAKrxLKna5cZ2REBfFkg==')).reason; // "no hash … this library computes …"
 */
export async function checkIntegrity(bytes: Uint8Array | string, integrity: string): Promise<IntegrityCheck> {
  if (typeof bytes !== 'string' && !(bytes instanceof Uint8Array)) {
    return { ok: false, reason: 'The document is neither bytes (Uint8Array) nor a string.' };
  }
  if (typeof integrity !== 'string') return { ok: false, reason: 'The integrity value is not a string.' };
  const { tokens, skipped } = parseTokens(integrity);
  if (tokens.length === 0) {
    const what = skipped.length > 0 ? ` (unreadable or unsupported: ${skipped.join(', ')})` : '';
    return {
      ok: false,
      reason: `The integrity string has no hash this library computes: it must be a W3C SRI string such as "sha256-<base64 digest>" with sha256, sha384 or sha512${what}.`,
    };
  }
  let algorithm = tokens[0]!.algorithm;
  for (const t of tokens) if (STRENGTH[t.algorithm] > STRENGTH[algorithm]) algorithm = t.algorithm;
  const actual = (await digestBase64(toBytes(bytes), algorithm)).replace(/=+$/, '');
  if (tokens.some((t) => t.algorithm === algorithm && t.digest === actual)) return { ok: true, algorithm };
  return {
    ok: false,
    algorithm,
    reason: `The ${algorithm} digest of the document (${algorithm}-${actual}) is not the one the integrity string gives.`,
  };
}
