/**
 * The status of an SD-JWT VC (Token Status List draft §8.3, "Validation Rules"): the `status`
 * claim read from the verified payload, the Status List Token found among the caller's
 * `statusLists` (by `sub`: the issuer's newest in force when several are given; tokens of others and
 * tokens not valid yet are passed over, but an expired or stale token of the issuer is not replaced
 * by an older one; tokens of the same `iat` are all read) or asked of the caller's
 * `fetchStatusList`, the token validated — `typ`, `alg`, signed by the credential's issuer (or an
 * issuer the caller trusts for status), `sub`, `iat`, `nbf`, `exp`, `ttl` — and only then the
 * value at `idx` read: 0 valid, 1 revoked, 2 suspended, anything else unknown. Every problem with
 * the token wins over the value it holds (§7: the token's own validity comes first), and a status
 * that cannot be established is STATUS_UNKNOWN, never valid.
 *
 * When the credential itself already failed, no list is looked for and nothing is fetched (§8.3:
 * "further procedures regarding Status List MUST NOT be performed").
 * @module
 */
import { describeError } from '../../json/describe.js';
import type { StatusCheck } from '../../status/check.js';
import type { StatusIssueDetails, StatusUnknownReason } from '../../status/codes.js';
import { readTokenStatus } from '../../status/token-list.js';
import type { SdJwtVcIssue } from '../codes.js';
import type { Json } from '../verify/decode.js';
import type { IssuerIdentity } from '../verify/issuer-key.js';
import type { Policy } from '../verify/options.js';
import { readStatusClaim, sdJwtStatusIssue, STATUS_LIST_PATH, type StatusReference } from './claim.js';
import { listOf, readStatusListToken, type ReadToken } from './read.js';
import { trustStatusListToken } from './trust.js';

/**
 * What the credential's own verification established, for its status check.
 *
 * @example
 * const ctx: StatusContext = { payload, issuer: { iss: 'https://uni.example.eu', by: 'issuerKeys' }, policy, failed: false };
 */
export interface StatusContext {
  /** The payload as signed. */
  readonly payload: Json;
  /** The issuer as its key identified it. */
  readonly issuer: IssuerIdentity;
  readonly policy: Policy;
  /** Whether the credential already failed (an error before the status check). */
  readonly failed: boolean;
}

/** Why the status is unknown, and what to say; `superseding`: the token is the issuer's own, in force once, and supersedes older ones. */
type Unknown = { reason: StatusUnknownReason; message: string; superseding?: true };
/** A token that passed every check of its own, with its list; `versions`: every valid token of the newest `iat` (this one first). */
type Valid = { token: ReadToken; bits: 1 | 2 | 4 | 8; bytes: Uint8Array; versions?: readonly Valid[] };

const iso = (seconds: number) => {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? `${seconds} s` : d.toISOString();
};

/** The token's issuer and signature: the credential's issuer unless the caller trusts the token's. */
async function trustProblem(token: ReadToken, ctx: StatusContext): Promise<Unknown | undefined> {
  const { iss } = token.claims;
  const credentialIss = ctx.issuer.iss;
  if (iss !== undefined && iss !== credentialIss && !ctx.policy.trustedStatusIssuers.includes(iss)) {
    const whose = credentialIss === undefined ? 'the credential names no `iss`' : `the credential's is ${JSON.stringify(credentialIss)}`;
    return { reason: 'list-issuer-mismatch', message: `its \`iss\` is ${JSON.stringify(iss)} and ${whose}; pass \`trustedStatusIssuers\` to accept status lists of another issuer.` };
  }
  const trust = await trustStatusListToken(token, iss ?? credentialIss, ctx.policy);
  if (!trust.ok) return { reason: 'list-unverified', message: `its signature is not one of the issuer's. ${trust.problem}` };
  // A credential identified by its certificate alone (no `iss`): the token's certificate must name the same subject.
  if (iss === undefined && credentialIss === undefined && ctx.issuer.certificate !== undefined && trust.certificateSubject !== ctx.issuer.certificate.subject) {
    return { reason: 'list-unverified', message: `the credential is identified by its certificate "${ctx.issuer.certificate.subject}" only, and the token is not signed with a certificate of that subject (${trust.certificateSubject === undefined ? 'no certificate' : `"${trust.certificateSubject}"`}).` };
  }
  return undefined;
}

/** The token's time claims at the time of the check, with the clock skew (as the credential's). */
function timeProblem(token: ReadToken, policy: Policy): Unknown | undefined {
  const { iat, nbf, exp, ttl } = token.claims;
  const now = policy.now.getTime() / 1000;
  const skew = policy.clockSkew;
  const at = `the time of the check ${iso(now)} (clock skew ${skew} s)`;
  if (iat - skew > now) return { reason: 'list-not-yet-valid', message: `it was issued at ${iso(iat)} (\`iat\`), after ${at}.` };
  if (nbf !== undefined && nbf - skew > now) return { reason: 'list-not-yet-valid', message: `it is valid only from ${iso(nbf)} (\`nbf\`), after ${at}.` };
  if (exp !== undefined && exp + skew < now) return { reason: 'list-expired', message: `it expired at ${iso(exp)} (\`exp\`), before ${at}.` };
  if (ttl !== undefined && iat + ttl + skew < now) return { reason: 'list-stale', message: `it was issued at ${iso(iat)} with a \`ttl\` of ${ttl} s, so it is older than its time to live at ${at}: get a fresh copy.` };
  return undefined;
}

/** Every check of the token itself, in the order the draft gives them; its list when all pass. */
async function validate(text: string, ref: StatusReference, ctx: StatusContext): Promise<Valid | Unknown> {
  const token = readStatusListToken(text);
  if (!token.ok) return { reason: token.kind === 'malformed' ? 'list-malformed' : 'list-unverified', message: `it cannot be used: ${token.problem}.` };
  if (token.claims.sub !== ref.uri) return { reason: 'list-unverified', message: `its \`sub\` is ${JSON.stringify(token.claims.sub)}, not the credential's \`uri\`: it is the token of another list.` };
  const untrusted = await trustProblem(token, ctx);
  if (untrusted !== undefined) return untrusted;
  // The issuer's token, too old now (or unreadable): an older token of the issuer does not stand in for it.
  const late = timeProblem(token, ctx.policy);
  if (late !== undefined) return late.reason === 'list-not-yet-valid' ? late : { ...late, superseding: true };
  const list = listOf(token, text);
  if ('problem' in list) return { reason: 'list-malformed', message: `its \`status_list\` cannot be read: ${list.problem}.`, superseding: true };
  return { token, bits: list.bits, bytes: list.bytes };
}

/** The iat of a token in `statusLists`, for choosing the newest (-1 when it cannot be read). */
const iatOf = (text: string): number => {
  const token = readStatusListToken(text);
  return token.ok ? token.claims.iat : -1;
};

/**
 * The valid token `found` with the other valid tokens of its `iat` among `rest` (sorted newest
 * first): an issuer signing twice in a second writes the same `iat`, and which token is current
 * cannot be told from them.
 */
async function withSameIat(found: Valid, rest: readonly string[], ref: StatusReference, ctx: StatusContext): Promise<Valid> {
  const iat = found.token.claims.iat;
  const texts = new Set([found.token.jwt.signingInput]);
  const versions = [found];
  for (const text of rest) {
    if (iatOf(text) !== iat) break;
    const other = await validate(text, ref, ctx);
    if ('token' in other && !texts.has(other.token.jwt.signingInput)) {
      texts.add(other.token.jwt.signingInput);
      versions.push(other);
    }
  }
  return versions.length > 1 ? { ...found, versions } : found;
}

/** The token for `ref`: the issuer's newest of `statusLists` whose `sub` is the `uri` (see the module's note), else the caller's fetch. */
async function findAndValidate(ref: StatusReference, ctx: StatusContext): Promise<Valid | Unknown | 'missing'> {
  const candidates: string[] = [];
  for (const item of ctx.policy.statusLists) {
    if (typeof item !== 'string') continue;
    const token = readStatusListToken(item);
    if ((token.ok ? token.claims.sub : token.sub) === ref.uri) candidates.push(item);
  }
  if (candidates.length > 0) {
    candidates.sort((a, b) => iatOf(b) - iatOf(a));
    let first: Unknown | undefined;
    for (const [n, text] of candidates.entries()) {
      const result = await validate(text, ref, ctx);
      if ('token' in result) return withSameIat(result, candidates.slice(n + 1), ref, ctx);
      // Tokens of others, or not valid yet, are passed over; the issuer's newest that expired is the answer.
      if (result.superseding) {
        first = result;
        break;
      }
      first ??= result;
    }
    const others = candidates.length === 1 ? '' : first!.superseding ? ' (it supersedes the older tokens given: get a current one)' : ` (and the ${candidates.length - 1} other tokens given are not valid either)`;
    return { ...first!, message: `The Status List Token ${ref.uri} given in \`statusLists\` is not used: ${first!.message}${others}` };
  }
  const fetch = ctx.policy.fetchStatusList;
  if (fetch === undefined) return 'missing';
  let fetched: unknown;
  try {
    fetched = await fetch(ref.uri);
  } catch (e) {
    return { reason: 'fetch-failed', message: `\`fetchStatusList\` failed for ${ref.uri}: ${describeError(e)}.` };
  }
  if (fetched === undefined || fetched === null) return { reason: 'fetch-failed', message: `\`fetchStatusList\` returned nothing for ${ref.uri}.` };
  if (typeof fetched !== 'string') return { reason: 'list-malformed', message: `\`fetchStatusList\` returned ${Array.isArray(fetched) ? 'an array' : `a ${typeof fetched}`} for ${ref.uri}, not the Status List Token (its compact JWS text).` };
  const result = await validate(fetched, ref, ctx);
  return 'token' in result ? result : { ...result, message: `The Status List Token ${ref.uri} that \`fetchStatusList\` returned is not used: ${result.message}` };
}

/** What wins when valid tokens of the same `iat` disagree: a status set in any of them, then an unknown. */
const SEVERITY: readonly StatusCheck['status'][] = ['revoked', 'suspended', 'unknown'];

/** The verdict at `idx` of the valid token and of every other valid token of its `iat`: their common answer, else the most severe, else unknown. */
function verdictOf(valid: Valid, ref: StatusReference, base: Omit<StatusCheck, 'status'>): { check: StatusCheck; issue?: SdJwtVcIssue } {
  const verdicts = (valid.versions ?? [valid]).map((v) => verdictOne(v, ref, base));
  const first = verdicts[0]!;
  if (verdicts.every((v) => v.check.status === first.check.status && v.check.value === first.check.value)) return first;
  for (const status of SEVERITY) {
    const severe = verdicts.find((v) => v.check.status === status);
    if (severe) return severe;
  }
  const message = `Status List Tokens ${ref.uri} with the same \`iat\` give index ${ref.idx} different values (${verdicts.map((v) => v.check.value).join(', ')}): which one is current cannot be told.`;
  return { check: { ...base, status: 'unknown' }, issue: sdJwtStatusIssue('STATUS_UNKNOWN', 'error', STATUS_LIST_PATH, message, { list: ref.uri, index: ref.idx, reason: 'value-undefined' }) };
}

/** The verdict of one valid token at `idx`. */
function verdictOne(valid: Valid, ref: StatusReference, base: Omit<StatusCheck, 'status'>): { check: StatusCheck; issue?: SdJwtVcIssue } {
  const { bits, bytes } = valid;
  const details: StatusIssueDetails = { list: ref.uri, index: ref.idx };
  const value = readTokenStatus(bytes, ref.idx, bits);
  if (value === undefined) {
    const issue = sdJwtStatusIssue('STATUS_UNKNOWN', 'error', STATUS_LIST_PATH, `The credential's index ${ref.idx} is outside the Status List Token ${ref.uri}, which has ${(bytes.length * 8) / bits} entries: its status cannot be established (draft §8.3).`, { ...details, reason: 'index-out-of-range' });
    return { check: { ...base, status: 'unknown' }, issue };
  }
  const at = `${ref.uri}, index ${ref.idx}`;
  if (value === 0) return { check: { ...base, status: 'valid', value } };
  if (value === 1) return { check: { ...base, status: 'revoked', value }, issue: sdJwtStatusIssue('STATUS_REVOKED', 'error', STATUS_LIST_PATH, `The credential is revoked: its status in the Status List Token (${at}) is INVALID (0x01).`, { ...details, value }) };
  if (value === 2) return { check: { ...base, status: 'suspended', value }, issue: sdJwtStatusIssue('STATUS_SUSPENDED', 'error', STATUS_LIST_PATH, `The credential is suspended: its status in the Status List Token (${at}) is SUSPENDED (0x02).`, { ...details, value }) };
  const message = `The credential's status in the Status List Token (${at}) is 0x${value.toString(16).padStart(2, '0')}, which has no meaning this library knows (${value === 3 || (value >= 0x0c && value <= 0x0f) ? 'application-specific' : 'reserved'}): its status cannot be established.`;
  return { check: { ...base, status: 'unknown', value }, issue: sdJwtStatusIssue('STATUS_UNKNOWN', 'error', STATUS_LIST_PATH, message, { ...details, value, reason: 'value-undefined' }) };
}

/**
 * Checks the `status` claim of a verified SD-JWT VC: its `StatusCheck`s (none without the claim)
 * and `STATUS_` issues.
 *
 * @example
 * const { status, issues } = await checkSdJwtVcStatus({ payload, issuer, policy, failed: false });
 * status; // [{ format: 'token', purpose: 'status', list: 'https://uni.example.eu/status/1', index: 7, status: 'revoked', value: 1, path: '/payload/status/status_list' }]
 */
export async function checkSdJwtVcStatus(ctx: StatusContext): Promise<{ status: StatusCheck[]; issues: SdJwtVcIssue[] }> {
  if (!Object.prototype.hasOwnProperty.call(ctx.payload, 'status')) return { status: [], issues: [] };
  const { reference: ref, issues } = readStatusClaim(ctx.payload.status);
  if (ref === undefined) return { status: [], issues };
  const base = { format: 'token', purpose: 'status', list: ref.uri, index: ref.idx, path: STATUS_LIST_PATH } as const;
  if (ctx.failed) return { status: [{ ...base, status: 'unknown' }], issues };
  const found = await findAndValidate(ref, ctx);
  const details: StatusIssueDetails = { list: ref.uri, index: ref.idx };
  if (found === 'missing') {
    const unread = ctx.policy.statusLists.filter((t) => typeof t === 'string' && !readStatusListToken(t).ok).length;
    const note = unread > 0 ? ` (${unread} of the strings in \`statusLists\` could not be read as a Status List Token)` : '';
    issues.push(
      ctx.policy.acceptUncheckedStatus
        ? sdJwtStatusIssue('STATUS_NOT_CHECKED', 'warning', STATUS_LIST_PATH, `No Status List Token ${ref.uri} was given${note}, and \`acceptUncheckedStatus\` is set: revocation and suspension were not checked. Check them before relying on the credential.`, details)
        : sdJwtStatusIssue('STATUS_UNKNOWN', 'error', STATUS_LIST_PATH, `No Status List Token ${ref.uri} in \`statusLists\`${note} and no \`fetchStatusList\`: the credential's status cannot be established. Pass the token the issuer publishes at that URI.`, { ...details, reason: 'list-missing' }),
    );
    return { status: [{ ...base, status: 'unknown' }], issues };
  }
  if (!('token' in found)) {
    const unchecked = found.reason === 'fetch-failed' && ctx.policy.acceptUncheckedStatus;
    issues.push(
      unchecked
        ? sdJwtStatusIssue('STATUS_NOT_CHECKED', 'warning', STATUS_LIST_PATH, `${found.message} With \`acceptUncheckedStatus\`, revocation and suspension were not checked: check them before relying on the credential.`, details)
        : sdJwtStatusIssue('STATUS_UNKNOWN', 'error', STATUS_LIST_PATH, found.message, { ...details, reason: found.reason }),
    );
    return { status: [{ ...base, status: 'unknown' }], issues };
  }
  const { check, issue } = verdictOf(found, ref, base);
  if (issue !== undefined) issues.push(issue);
  return { status: [check], issues };
}
