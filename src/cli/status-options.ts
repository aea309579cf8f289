/**
 * The status options `eumc verify`, `eumc validate` and `eumc status check` share: the published
 * status lists the user holds (`--status-list <file>`, repeatable), the issuers trusted to publish
 * lists for others (`--trusted-status-issuers <file>`), and `--accept-unchecked-status`. They go
 * to the verifiers as `statusLists`, `trustedStatusIssuers` and `acceptUncheckedStatus`; the
 * command line, like the library, never fetches a list from the network.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CheckOptions } from './check-types.js';
import { readJsonFile } from './io.js';
import { safeName } from './text.js';
import { UsageError, collect } from './usage.js';

/** A published list is kilobytes (a 131 072-entry list compresses to ~150 bytes when empty, ~16 KiB when full); this bounds a wrong file. */
const MAX_LIST_BYTES = 32 * 1024 * 1024;

/** The status options as the verifiers take them (all structured-cloneable: they go to worker threads). */
export interface StatusCliOptions {
  /** Each list as text: a `BitstringStatusListCredential`'s JSON text, or a Status List Token (compact JWS). */
  statusLists?: string[];
  trustedStatusIssuers?: string[];
  acceptUncheckedStatus?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A list's state (`StatusList.toJSON()`): its format, statuses and allocations. */
const isListData = (doc: unknown): boolean => isObject(doc) && typeof doc.format === 'string' && typeof doc.bits === 'string' && typeof doc.allocated === 'string';

/** Whether a parsed JSON document is a list's state as `eumc status create` writes it (`{ list, published? }`), or the bare state, not a published list. */
export const isListState = (doc: unknown): boolean => isListData(doc) || (isObject(doc) && isListData(doc.list));

/**
 * One `--status-list` (or `status check --list`) file, as the verifiers take it: the JSON text of a
 * list credential, or a token's compact text (a JSON string holding one is unquoted). A list's own
 * state file is refused with what to do: the verifier checks the signed publication, not the state.
 */
export async function readStatusListFile(path: string, option: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(`${option} ${safeName(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
  }
  if (bytes.length > MAX_LIST_BYTES) throw new UsageError(`${option} ${safeName(path)} is larger than ${MAX_LIST_BYTES / 1048576} MiB: not a status list`);
  const text = bytes.toString('utf8').trim();
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return text; // a Status List Token (or something the verifier reports as STATUS_LIST_MALFORMED)
  }
  if (typeof doc === 'string') return doc.trim();
  if (isListState(doc)) {
    throw new UsageError(`${option} ${safeName(path)} is a status list's state (what \`eumc status create\` writes), not a published list: give the file \`eumc status publish\` wrote`);
  }
  return text;
}

/** `--trusted-status-issuers`: a JSON array of ids, or `{ "issuers": [...] }` (as `--trusted-issuers`). */
async function readIssuerIds(path: string): Promise<string[]> {
  const list = await readJsonFile(path, 'the trusted-status-issuers file');
  const ids = Array.isArray(list) ? list : isObject(list) ? list.issuers : undefined;
  if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string')) throw new UsageError('the trusted-status-issuers file must hold a JSON array of issuer ids (or { "issuers": [...] })');
  return ids as string[];
}

/** The status flags as commander gives them. */
export interface StatusFlags {
  statusList?: string[];
  trustedStatusIssuers?: string;
  acceptUncheckedStatus?: boolean;
}

/**
 * Adds the status flags to a command (`validate`, `verify`).
 *
 * @example
 * addStatusOptions(program.command('verify'));
 */
export function addStatusOptions(command: Command): Command {
  return command
    .option('--status-list <file>', 'a published status list (a BitstringStatusListCredential, or a Status List Token) the credentials\' status is checked against (repeat for more); eumc fetches none', collect)
    .option('--trusted-status-issuers <file>', 'JSON array of the ids of issuers trusted to publish status lists for other issuers\' credentials')
    .option('--accept-unchecked-status', 'a credential with a status entry whose list was not given passes with a warning (STATUS_NOT_CHECKED) instead of failing (STATUS_UNKNOWN)', false);
}

/**
 * The status options from the flags; `{}` when none is given.
 *
 * @example
 * await statusOptionsFrom({ statusList: ['revocation-list.json'] }, '--status-list'); // { statusLists: ['{"@context": …}'] }
 */
export async function statusOptionsFrom(opts: StatusFlags, option: string): Promise<StatusCliOptions> {
  const out: StatusCliOptions = {};
  if (opts.statusList?.length) out.statusLists = await Promise.all(opts.statusList.map((f) => readStatusListFile(f, option)));
  if (opts.trustedStatusIssuers !== undefined) out.trustedStatusIssuers = await readIssuerIds(opts.trustedStatusIssuers);
  if (opts.acceptUncheckedStatus) out.acceptUncheckedStatus = true;
  return out;
}

/**
 * The status options of a check, as `verifyCredential` and `verifySdJwtVc` take them.
 *
 * @example
 * statusOptions({ statusLists: [listText], acceptUncheckedStatus: false }); // { statusLists: [listText] }
 */
export const statusOptions = (options: CheckOptions) => ({
  ...(options.statusLists?.length ? { statusLists: options.statusLists } : {}),
  ...(options.trustedStatusIssuers ? { trustedStatusIssuers: options.trustedStatusIssuers } : {}),
  ...(options.acceptUncheckedStatus ? { acceptUncheckedStatus: true } : {}),
});
