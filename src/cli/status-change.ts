/**
 * `eumc status create`, `allocate`, `revoke`, `suspend`, `reinstate` and `set`: an issuer's list
 * on a local file (status-file.ts), changed with the library's `StatusList` through
 * `updateStatusList` and `allocateStatus`, so that the rules are the library's (random indexes
 * never reused, revocation final, a list changed only for its purpose) and concurrent runs on one
 * file lose nothing. A change is all or nothing: one refused index and the file is left as it was.
 */
import type { CreateStatusListOptions, StatusList, StatusMessage } from 'eu-micro-credentials/status';
import { readJsonFile, say } from './io.js';
import { ListFile, writeNewListFile } from './status-file.js';
import { safeName } from './text.js';
import { EXIT, UsageError } from './usage.js';

const status = () => import('eu-micro-credentials/status');

/** Concurrent runs retry their change this many times when another run wrote first. */
const ATTEMPTS = 100;

/** The options of `eumc status create`, as commander gives them. */
export interface CreateCommandOptions {
  id: string;
  format: 'bitstring' | 'token';
  purpose?: 'revocation' | 'suspension' | 'message';
  statusSize?: '1' | '2' | '4' | '8';
  messages?: string;
  length?: number;
  force: boolean;
}

/** `--messages`: a JSON array of `{ status, message }`. */
async function readMessages(file: string): Promise<StatusMessage[]> {
  const doc = await readJsonFile(file, 'the --messages file');
  const ok = Array.isArray(doc) && doc.every((m) => m !== null && typeof m === 'object' && typeof m.status === 'string' && typeof m.message === 'string');
  if (!ok) throw new UsageError(`the --messages file ${safeName(file)} must hold a JSON array of { "status": "0x…", "message": "…" }`);
  return doc as StatusMessage[];
}

/** What a list is, in a line: `https://…/status/1 (bitstring, revocation, 1 bit, 131072 entries)`. */
const describe = (list: StatusList) => `${list.id} (${list.format}, ${list.purpose}, ${list.statusSize} bit${list.statusSize === 1 ? '' : 's'}, ${list.length} entries)`;

/** Runs `eumc status create`. */
export async function createCommand(file: string, opts: CreateCommandOptions): Promise<void> {
  if (opts.format === 'token' && opts.purpose !== undefined) throw new UsageError('--purpose is for bitstring lists: a token list holds VALID, INVALID (revoked) and SUSPENDED in one list');
  if (opts.format === 'token' && opts.messages !== undefined) throw new UsageError('--messages is for bitstring message lists (--purpose message)');
  if (opts.messages !== undefined && opts.purpose !== 'message') throw new UsageError('--messages is for message lists: give --purpose message');
  if (!/^[a-z][a-z0-9+.-]*:[^\s#]+$/i.test(opts.id)) throw new UsageError(`--id ${JSON.stringify(opts.id)} is not a URL without a fragment (where the list will be published, e.g. https://uni.example.eu/status/1)`);
  const options: CreateStatusListOptions = {
    id: opts.id,
    format: opts.format,
    ...(opts.purpose !== undefined ? { purpose: opts.purpose } : {}),
    ...(opts.statusSize !== undefined ? { statusSize: Number(opts.statusSize) as CreateStatusListOptions['statusSize'] & number } : {}),
    ...(opts.messages !== undefined ? { statusMessages: await readMessages(opts.messages) } : {}),
    ...(opts.length !== undefined ? { length: opts.length } : {}),
  };
  const { StatusList } = await status();
  let list: StatusList;
  try {
    list = StatusList.create(options);
  } catch (error) {
    throw new UsageError(`the list cannot be made with these options: ${messageOf(error)}`);
  }
  await writeNewListFile(file, { list: list.toJSON() }, opts.force);
  say(`Status list ${describe(list)} written to ${safeName(file)}`);
}

/** The library's words for its methods and options, and the command line's. */
const SPELLINGS: readonly (readonly [RegExp, string])[] = [
  [/^(?:StatusList\.)?\w+(?:\(\))?: /, ''],
  [/\b(allocate|revoke|suspend|reinstate|set)\(\)/g, '`eumc status $1`'],
  [/\bcreate it with statusSize (\d)/g, 'create it with --status-size $1'],
  [/option `(id|format|purpose|length)`/g, '--$1'],
  [/option `statusSize`/g, '--status-size'],
  [/option `statusMessages`/g, '--messages'],
  [/\bstatusSize\b/g, '--status-size'],
  [/\bstatusMessages\b/g, '--messages'],
];

/** A library error's message in the command line's words, without the function's name in front (`StatusList.revoke: `). */
function messageOf(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const [pattern, replacement] of SPELLINGS) message = message.replace(pattern, replacement);
  return message;
}

/** Whether an error is the library refusing a change (exit 1), rather than a file or usage problem. */
const refusal = (error: unknown) => error instanceof RangeError || error instanceof TypeError;

/**
 * Runs `change` on the list of `file` and saves it; a refusal is reported (exit 1), nothing saved.
 * Gives what `change` gives, or `undefined` when it was refused.
 */
async function update<T>(file: string, change: (list: StatusList) => T): Promise<{ value: T; list: StatusList } | undefined> {
  const store = new ListFile(file);
  const id = await store.id();
  const { updateStatusList } = await status();
  let changed: StatusList | undefined;
  try {
    const value = await updateStatusList(
      store,
      id,
      (list) => {
        changed = list;
        return change(list);
      },
      { attempts: ATTEMPTS },
    );
    return { value, list: changed! };
  } catch (error) {
    if (!refusal(error)) throw error;
    say(`eumc: ${messageOf(error)}`);
    say(`eumc: nothing was changed in ${safeName(file)}`);
    process.exitCode = EXIT.INVALID;
    return undefined;
  }
}

/** Runs `eumc status allocate`: the entries printed only once the list is saved. */
export async function allocateCommand(file: string, opts: { count?: number }): Promise<void> {
  const count = opts.count ?? 1;
  const done = await update(file, (list) => Array.from({ length: count }, () => list.entry(list.allocate())));
  if (!done) return;
  process.stdout.write(`${JSON.stringify(opts.count === undefined ? done.value[0] : done.value, null, 2)}\n`);
  say(`Allocated ${count} index${count === 1 ? '' : 'es'} in ${done.list.id}; ${done.list.length - done.list.allocatedCount} left`);
}

/** An index as the command line gives it: a base-10 whole number, written as the entries write it (no sign, no leading zero). */
function parseIndex(text: string): number {
  const n = Number(text);
  if (!/^(0|[1-9]\d*)$/.test(text) || !Number.isSafeInteger(n)) throw new UsageError(`${JSON.stringify(text)} is not an index (a whole number, 0 or more, as statusListIndex or idx write it)`);
  return n;
}

const DONE = { revoke: 'Revoked', suspend: 'Suspended', reinstate: 'Reinstated', set: 'Set' } as const;

/** The end of a change: what was done, and that verifiers see it only in the next publication. */
function changed(file: string, what: keyof typeof DONE, indexes: readonly number[], list: StatusList): void {
  say(`${DONE[what]} ${indexes.length === 1 ? `index ${indexes[0]}` : `${indexes.length} indexes`} in ${list.id} (revision ${list.revision}): verifiers see it once the list is published again (eumc status publish ${safeName(file)} …)`);
}

/** Runs `eumc status revoke|suspend|reinstate`. */
export async function changeCommand(file: string, change: 'revoke' | 'suspend' | 'reinstate', texts: string[]): Promise<void> {
  const indexes = texts.map(parseIndex);
  const done = await update(file, (list) => {
    for (const index of indexes) list[change](index);
  });
  if (done) changed(file, change, indexes, done.list);
}

/** A value as `set` takes it: decimal, or hexadecimal as `statusMessage` writes it (`0x2`). */
function parseValue(text: string): number {
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^(0|[1-9]\d{0,2})$/.test(text)) return Number(text);
  throw new UsageError(`${JSON.stringify(text)} is not a status value (a whole number such as 3, or hexadecimal such as 0x3)`);
}

/** Runs `eumc status set`. */
export async function setCommand(file: string, valueText: string, texts: string[]): Promise<void> {
  const value = parseValue(valueText);
  const indexes = texts.map(parseIndex);
  const done = await update(file, (list) => {
    for (const index of indexes) list.set(index, value);
  });
  if (done) changed(file, 'set', indexes, done.list);
}
