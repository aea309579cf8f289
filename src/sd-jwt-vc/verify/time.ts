/**
 * The time claims of an SD-JWT VC (`exp`, `nbf`, `iat`, RFC 7519 §4.1.4–6) at the time of the
 * check, with a clock skew allowed either way. A time claim that is not a NumericDate (a finite,
 * non-negative number of seconds) is malformed, never ignored: a verifier that skipped
 * `"exp": "2020-01-01"` would accept an expired credential.
 * @module
 */
import { type SdJwtVcIssue, sdJwtVcIssue } from '../codes.js';
import type { Json } from './decode.js';

/** A NumericDate (RFC 7519 §2): a finite JSON number of seconds since the epoch, not negative. */
export function isNumericDate(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

const iso = (seconds: number) => {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? `${seconds} s` : d.toISOString();
};

/**
 * Checks `exp`, `nbf` and `iat`. `signed`: the payload as signed (paths `/payload/…` in the parts);
 * `claims`: with the disclosures in place, for an `iat` that came from a disclosure (the draft lets
 * `iat` be disclosable; paths into the claims). `now` and `skew` in seconds.
 *
 * @example
 * timeIssues(jwt.payload, claims, Date.now() / 1000, 60); // [] or SDJWT_EXPIRED, SDJWT_NOT_YET_VALID…
 */
export function timeIssues(signed: Json, claims: Json, now: number, skew: number): SdJwtVcIssue[] {
  const issues: SdJwtVcIssue[] = [];
  for (const name of ['exp', 'nbf', 'iat'] as const) {
    const plain = Object.prototype.hasOwnProperty.call(signed, name);
    if (!plain && !Object.prototype.hasOwnProperty.call(claims, name)) continue;
    const value = plain ? signed[name] : claims[name];
    const [path, where] = plain ? [`/payload/${name}`, 'sd-jwt' as const] : [`/${name}`, 'claims' as const];
    const add = (code: Parameters<typeof sdJwtVcIssue>[0], message: string) => issues.push(sdJwtVcIssue(code, 'error', path, null, message, where));
    if (!isNumericDate(value)) {
      add('SDJWT_CLAIM_TIME_INVALID', `\`${name}\` is ${JSON.stringify(value) ?? String(value)}, not a NumericDate (seconds since 1970, RFC 7519 §2).`);
      continue;
    }
    if (name === 'exp' && value + skew < now) add('SDJWT_EXPIRED', `The credential expired at ${iso(value)} (\`exp\`), before the time of the check ${iso(now)} (clock skew ${skew} s).`);
    if (name === 'nbf' && value - skew > now) add('SDJWT_NOT_YET_VALID', `The credential is valid only from ${iso(value)} (\`nbf\`), after the time of the check ${iso(now)} (clock skew ${skew} s).`);
    if (name === 'iat' && value - skew > now) add('SDJWT_ISSUED_IN_FUTURE', `The credential says it was issued at ${iso(value)} (\`iat\`), after the time of the check ${iso(now)} (clock skew ${skew} s).`);
  }
  return issues;
}
