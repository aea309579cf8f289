/**
 * Checking a W3C credential's status entries against Bitstring Status Lists (REC §3.2, the
 * validate algorithm): for each entry, the list credential it names, verified with the credential
 * verifier's own checks (proofs, issuer binding, canonical form) but never its status; its
 * validity at `now` and its `ttl`; its issuer (the credential's, unless trusted to publish status);
 * its purposes; its length; and the value at the entry's index. Whatever cannot be established is
 * `STATUS_UNKNOWN` with a reason, never "valid".
 * @module
 */
import type { JsonObject } from '../../json/types.js';
import { documentLoader } from '../../jsonld/loader.js';
import { BITSTRING_MIN_ENTRIES, readBitstringStatus } from '../../status/bitstring.js';
import type { StatusCheck, StatusCheckOptions } from '../../status/check.js';
import { type StatusIssue, type StatusIssueDetails, statusIssue, type StatusUnknownReason } from '../../status/codes.js';
import { type BitstringStatusEntry, readStatusEntries } from '../../status/entry.js';
import type { VcIssue } from '../codes.js';
import { validityIssues } from '../validity.js';
import { findList, indexHeldLists, type ListSource, startOf } from './lists.js';
import { proofExpiryIssues } from './proof-expiry.js';
import { type ListSubject, verifiedList } from './verified-lists.js';

/**
 * What the status check needs from the credential verifier.
 *
 * @example
 * const ctx: StatusContext = { issuer, now: Date.now(), options: { statusLists }, trustKey: '[[],{}]', verifyList: (doc) => integrity(doc) };
 */
export interface StatusContext {
  /** The credential's issuer (verified: status is checked only for a credential whose signature and issuer verified). */
  issuer: string | undefined;
  now: number;
  options: StatusCheckOptions;
  /** The trust inputs the list's verification depends on, as text (part of the cache key). */
  trustKey: string;
  /** The verifier's format, proof and issuer-binding checks of a list credential (never its status). */
  verifyList: (doc: JsonObject) => Promise<VcIssue[]>;
}

/**
 * The outcome of the status check of one credential.
 *
 * @example
 * const { status, issues }: StatusOutcome = await checkCredentialStatus(doc.credentialStatus, ctx);
 */
export interface StatusOutcome {
  status: StatusCheck[];
  issues: StatusIssue[];
}

/** A list ready to read (`versions`: every usable version of the newest date, `subject` the first), or why it is not. */
type ListState = { ok: true; subject: ListSubject; versions?: readonly ListSubject[]; url: string; position?: number } | { ok: false; reason: StatusUnknownReason; message: string; position?: number };

const unknown = (reason: StatusUnknownReason, message: string, position?: number): ListState => ({ ok: false, reason, message, ...(position === undefined ? {} : { position }) });

/**
 * The list named `url`, found (in `held`, the index of `statusLists`, or fetched) and usable. When
 * several versions of the newest date are given, each is checked, and every usable one is read.
 */
async function listState(url: string, ctx: StatusContext, held: ReadonlyMap<string, readonly number[]>): Promise<ListState> {
  const found = await findList(url, ctx.options, held);
  if (!found.ok) return unknown(found.reason, found.message, found.position);
  const first = await usableList(found.source, url, ctx);
  if (found.ties === undefined) return first;
  const usable = [first, ...(await Promise.all(found.ties.map((t) => usableList(t, url, ctx))))].filter((s) => s.ok);
  if (usable.length === 0) return first;
  return { ...usable[0]!, versions: usable.map((s) => s.subject) };
}

/** A version of the list, verified, and checked against the credential's issuer and `now`. */
async function usableList({ doc, text, position }: ListSource, url: string, ctx: StatusContext): Promise<ListState> {
  const list = await verifiedList(doc, text, ctx.trustKey, ctx.verifyList);
  if (list.integrity.length > 0) {
    const codes = [...new Set(list.integrity.map((i) => i.code))].join(', ');
    return unknown('list-unverified', `The status list ${url} does not verify (${codes}: ${list.integrity[0]!.message.slice(0, 200)})`, position);
  }
  if ('error' in list.subject) return unknown('list-malformed', `The status list ${url} cannot be read: ${list.subject.error}.`, position);
  const trusted = ctx.options.trustedStatusIssuers ?? [];
  if (list.issuer !== ctx.issuer && !(list.issuer !== undefined && trusted.includes(list.issuer))) {
    return unknown('list-issuer-mismatch', `The status list ${url} is issued by ${JSON.stringify(list.issuer)}, not by the credential's issuer ${JSON.stringify(ctx.issuer)}${trusted.length > 0 ? ' nor by an issuer in `trustedStatusIssuers`' : ' (pass `trustedStatusIssuers` to accept another publisher of status)'}.`, position);
  }
  // The list credential is in canonical form (it verified): its JSON dates are what was signed.
  const validity = await validityIssues(doc, 'canonical', documentLoader, ctx.now);
  const expired = validity.find((i) => i.code === 'VC_EXPIRED');
  if (expired) return unknown('list-expired', `The status list ${url} is expired: ${expired.message}`, position);
  // A proof past its `expires` still verifies (and the verified list is kept): checked at every use.
  const proofExpired = proofExpiryIssues(doc, ctx.now)[0];
  if (proofExpired) return unknown('list-expired', `The status list ${url} is expired: ${proofExpired.message}`, position);
  const early = validity.find((i) => i.code === 'VC_NOT_YET_VALID');
  if (early) return unknown('list-not-yet-valid', `The status list ${url} is not valid yet: ${early.message}`, position);
  const { ttl } = list.subject;
  if (ttl !== undefined) {
    const start = startOf(doc);
    if (start === undefined) return unknown('list-stale', `The status list ${url} has a \`ttl\` but no \`validFrom\` (or \`issuanceDate\`) to count it from.`, position);
    if (ctx.now > start + ttl) return unknown('list-stale', `The status list ${url} is stale: issued ${new Date(start).toISOString()} with a ttl of ${ttl} ms, so it should have been refreshed by ${new Date(start + ttl).toISOString()}; get the current list.`, position);
  }
  return { ok: true, subject: list.subject, url, ...(position === undefined ? {} : { position }) };
}

/** The message an entry gives for `value` (REC §2.1: "set" and "unset" when it gives none). */
function messageOf(entry: BitstringStatusEntry, value: number): string {
  const given = entry.statusMessage?.find((m) => parseInt(m.status.slice(2), 16) === value);
  return given?.message ?? (value === 0 ? 'unset' : 'set');
}

/** One entry read in its (usable) list: its StatusCheck and the issue it calls for. */
function readEntry(entry: BitstringStatusEntry, list: Extract<ListState, { ok: true }>, check: StatusCheck, details: StatusIssueDetails): { check: StatusCheck; issue?: StatusIssue } {
  const fail = (reason: StatusUnknownReason, message: string) => ({ check, issue: statusIssue('STATUS_UNKNOWN', 'error', entry.path, message, { ...details, reason }) });
  const { purposes, bits } = list.subject;
  if (!purposes.includes(entry.statusPurpose)) return fail('purpose-mismatch', `The entry's purpose "${entry.statusPurpose}" is not among the list's (${purposes.map((p) => `"${p}"`).join(', ')}) (REC §3.2).`);
  const entries = (bits.length * 8) / entry.statusSize;
  if (entries < BITSTRING_MIN_ENTRIES) return fail('list-too-short', `The status list ${list.url} holds ${entries} statuses of ${entry.statusSize} bit${entry.statusSize > 1 ? 's' : ''}, fewer than the ${BITSTRING_MIN_ENTRIES} the REC requires for herd privacy (§3.2).`);
  const value = readBitstringStatus(bits, entry.index, entry.statusSize);
  if (value === undefined) return fail('index-out-of-range', `Index ${entry.index} is outside the status list ${list.url} (${entries} statuses).`);
  const read = { ...check, value };
  const at = { ...details, value };
  const where = `(${list.url}, index ${entry.index})`;
  switch (entry.statusPurpose) {
    case 'revocation':
      return value === 0 ? { check: { ...read, status: 'valid' } } : { check: { ...read, status: 'revoked' }, issue: statusIssue('STATUS_REVOKED', 'error', entry.path, `The credential is revoked ${where}.`, at) };
    case 'suspension':
      return value === 0 ? { check: { ...read, status: 'valid' } } : { check: { ...read, status: 'suspended' }, issue: statusIssue('STATUS_SUSPENDED', 'error', entry.path, `The credential is suspended ${where}; the issuer may reinstate it.`, at) };
    case 'message':
    case 'refresh': {
      // refresh (REC §2.1) does not invalidate: a set value says an updated credential is available.
      if (entry.statusPurpose === 'refresh' && value === 0) return { check: { ...read, status: 'valid' } };
      const message = messageOf(entry, value);
      const what = entry.statusPurpose === 'refresh' ? 'an updated credential is available from the issuer\'s refresh service' : `message "${message}"`;
      return { check: { ...read, status: 'message', message }, issue: statusIssue('STATUS_MESSAGE', 'info', entry.path, `Status ${entry.statusPurpose} ${where}: value 0x${value.toString(16)}, ${what}.`, at) };
    }
    default:
      if (value === 0) return { check: { ...read, status: 'valid' } };
      return { check: { ...read, status: 'unknown' }, issue: statusIssue('STATUS_UNKNOWN', 'error', entry.path, `The status purpose "${entry.statusPurpose}" has no meaning defined here, and its value ${where} is ${value}, not 0.`, { ...at, reason: 'value-undefined' }) };
  }
}

/** What wins when versions of a list of the same date disagree on an entry: a status set in any of them (a revocation is final; a suspension holds until a later list lifts it), then an unknown. */
const SEVERITY: readonly StatusCheck['status'][] = ['revoked', 'suspended', 'unknown'];

/**
 * One entry read in every usable version of its list that has the newest date: their common
 * answer, else the most severe (SEVERITY), else (messages that differ) STATUS_UNKNOWN.
 */
function readVersions(entry: BitstringStatusEntry, list: Extract<ListState, { ok: true }>, check: StatusCheck, details: StatusIssueDetails): { check: StatusCheck; issue?: StatusIssue } {
  const results = (list.versions ?? [list.subject]).map((subject) => readEntry(entry, { ...list, subject }, check, details));
  const first = results[0]!;
  if (results.every((r) => r.check.status === first.check.status && r.check.value === first.check.value)) return first;
  for (const status of SEVERITY) {
    const severe = results.find((r) => r.check.status === status);
    if (severe) return severe;
  }
  const values = results.map((r) => r.check.value);
  return { check, issue: statusIssue('STATUS_UNKNOWN', 'error', entry.path, `Versions of the status list ${list.url} with the same date give index ${entry.index} different values (${values.join(', ')}): which one is current cannot be told.`, { ...details, reason: 'value-undefined' }) };
}

/**
 * At most this many different status lists named by one credential (whose `credentialStatus` holds
 * at most `MAX_STATUS_ENTRIES` entries, src/status/entry.ts): each list is a lookup, perhaps a call
 * of the caller's `fetchStatusList` to a URL the credential's signer chose, and a signature check.
 * Anyone can sign a credential as themselves, so this is bounded before any list is looked for; a
 * credential past the bound is refused (STATUS_ENTRY_MALFORMED), never "valid".
 *
 * @example
 * MAX_STATUS_LISTS; // 16
 */
export const MAX_STATUS_LISTS = 16;

/**
 * The status of a credential: each entry of its `credentialStatus` (`/credentialStatus`…)
 * checked. Every list is looked up once, however many entries name it; a credential whose entries
 * name more than `MAX_STATUS_LISTS` lists is refused before any lookup.
 *
 * @example
 * const { status, issues } = await checkCredentialStatus(doc.credentialStatus, { issuer, now, options, trustKey, verifyList });
 */
export async function checkCredentialStatus(credentialStatus: unknown, ctx: StatusContext): Promise<StatusOutcome> {
  const { entries, issues } = readStatusEntries(credentialStatus, '/credentialStatus');
  const named = new Set(entries.map((e) => e.statusListCredential)).size;
  if (named > MAX_STATUS_LISTS) {
    issues.push(statusIssue('STATUS_ENTRY_MALFORMED', 'error', '/credentialStatus', `The credential's status entries name ${named} different lists, more than the ${MAX_STATUS_LISTS} a verifier checks: no list was looked up, and its status cannot be established.`));
    return { status: entries.map((e): StatusCheck => ({ format: 'bitstring', purpose: e.statusPurpose, list: e.statusListCredential, index: e.index, status: 'unknown', path: e.path })), issues };
  }
  const held = indexHeldLists(ctx.options.statusLists ?? []);
  const lists = new Map<string, Promise<ListState>>();
  const status: StatusCheck[] = [];
  for (const entry of entries) {
    const url = entry.statusListCredential;
    let state = lists.get(url);
    if (!state) lists.set(url, (state = listState(url, ctx, held)));
    const list = await state;
    const check: StatusCheck = { format: 'bitstring', purpose: entry.statusPurpose, list: url, index: entry.index, status: 'unknown', path: entry.path };
    const details: StatusIssueDetails = { list: url, index: entry.index, purpose: entry.statusPurpose, ...(list.position === undefined ? {} : { statusList: list.position }) };
    if (!list.ok) {
      const unchecked = ctx.options.acceptUncheckedStatus === true && (list.reason === 'list-missing' || list.reason === 'fetch-failed');
      status.push(check);
      issues.push(
        unchecked
          ? statusIssue('STATUS_NOT_CHECKED', 'warning', entry.path, `${list.message} Revocation and suspension were not checked (acceptUncheckedStatus).`, { ...details, reason: list.reason })
          : statusIssue('STATUS_UNKNOWN', 'error', entry.path, list.message, { ...details, reason: list.reason }),
      );
      continue;
    }
    const read = readVersions(entry, list, check, details);
    status.push(read.check);
    if (read.issue) issues.push(read.issue);
  }
  return { status, issues };
}
