/**
 * A status list's file (`eumc status create revocation.json …`): one list's record, `{ "list":
 * <StatusList.toJSON()>, "published"?: <the last publication> }`, kept by the library's store of
 * one list in one file, `FileStatusListStore.forFile`, so that the library's `updateStatusList`,
 * `allocateStatus` and `publishStatusList` run on it unchanged (their compare-and-swap retries are
 * what make concurrent runs safe). The store gives the guarantees: atomic writes (a process killed
 * at any moment leaves the previous record or the new one, never a mix), compare-and-swap across
 * processes under `<file>.lock` (a lock left by a dead run is broken, with the temporary files it
 * left), every record read checked as `StatusList.fromJSON` checks.
 *
 * What this file adds is the command line's side: the file is checked as eumc checks the files it
 * reads and writes (not a folder, a list's size, no symbolic link: files.ts), what the store
 * refuses is said in the command line's words (a usage error naming the file and what is wrong),
 * and `create` never replaces a file without `--force`.
 */
import { lstat, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FileStatusListStore, StatusListStore, StoredStatusList } from 'eu-micro-credentials/status';
import { prepareOut, writeOut } from './files.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** A list's record: at most 2^24 entries of 8 bits, in base64url, plus its publication. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const status = () => import('eu-micro-credentials/status');
const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** A list file that cannot be read, or holds no list: a usage error naming it and what is wrong. */
function notAList(shown: string, why: string): UsageError {
  return new UsageError(`the list file ${safeName(shown)} ${why}`);
}

/** Checks the file before the store reads it: a file, of a list's size. `false` when there is none. */
async function checkFile(path: string, shown: string): Promise<boolean> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return false;
    throw notAList(shown, `cannot be read (${code(error) ?? 'I/O error'})`);
  }
  if (info.isDirectory()) throw notAList(shown, 'is a folder');
  if (info.size > MAX_RECORD_BYTES) throw notAList(shown, `is larger than ${MAX_RECORD_BYTES / 1048576} MiB: not a status list`);
  return true;
}

/**
 * What the store threw, in the command line's words. A conflict, and the library's refusal of a
 * change (RangeError, TypeError), go on as they are (`updateStatusList` retries the one, the
 * commands report the others); a file that is not a list's record says what it is instead; a
 * lock that could not be taken, or the file system failing, names the file.
 */
async function explain(error: unknown, store: FileStatusListStore, shown: string, id: string | undefined, writing: boolean): Promise<unknown> {
  const { StatusListConflictError, StatusListError } = await status();
  if (error instanceof UsageError || error instanceof StatusListConflictError || error instanceof RangeError || error instanceof TypeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof StatusListError)) return new UsageError(`the list file ${safeName(shown)} cannot be ${writing ? 'changed' : 'read'}: ${message.replace(/^FileStatusListStore: /, '')}`);
  const text = await readFile(store.file!, 'utf8').catch(() => undefined);
  if (text === undefined) return notAList(shown, `cannot be read: ${message}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return notAList(shown, 'is not JSON (it should hold the list `eumc status create` wrote)');
  }
  const doc = (data ?? {}) as { credentialSubject?: object; list?: { id?: unknown } };
  if (typeof doc === 'object' && ('encodedList' in (doc.credentialSubject ?? {}) || 'status_list' in doc)) {
    return notAList(shown, 'is a published list (what `eumc status publish` writes), not a list\'s state: give the file `eumc status create` wrote');
  }
  if (id !== undefined && typeof doc.list?.id === 'string' && doc.list.id !== id) return notAList(shown, `holds the list ${doc.list.id}, not ${id}`);
  const where = `The status list file ${store.file}: `;
  return notAList(shown, `is not a status list's state: ${message.startsWith(where) ? message.slice(where.length) : message}`);
}

/**
 * The {@link StatusListStore} of one list file: the library's `FileStatusListStore.forFile`, with
 * the file checked before it is read or written, and the store's refusals as usage errors. `get`
 * of another id than the file's is a usage error (the file holds one list).
 *
 * @example
 * const file = new ListFile('revocation.json');
 * const { entry } = await allocateStatus(file, await file.id());
 */
export class ListFile implements StatusListStore {
  readonly path: string;
  #store: FileStatusListStore | undefined;

  constructor(readonly shown: string) {
    this.path = resolve(shown);
  }

  /** Runs `op` on the library's store of the file; what it throws, in the command line's words. */
  async #run<T>(op: (store: FileStatusListStore) => Promise<T>, id: string | undefined, writing = false): Promise<T> {
    if (this.#store === undefined) {
      const { FileStatusListStore } = await status();
      this.#store = FileStatusListStore.forFile(this.path);
    }
    const store = this.#store;
    try {
      return await op(store);
    } catch (error) {
      throw await explain(error, store, this.shown, id, writing);
    }
  }

  /** The id of the list the file holds; a usage error when it holds none. */
  async id(): Promise<string> {
    const [id] = await this.ids();
    if (id === undefined) throw notAList(this.shown, 'does not exist (make a list with `eumc status create`)');
    return id;
  }

  async get(id: string): Promise<StoredStatusList | undefined> {
    if (!(await checkFile(this.path, this.shown))) return undefined;
    return this.#run((store) => store.get(id), id);
  }

  /** Writes `record` if the file's list is at `expectedRevision` (`undefined`: no file yet); else `StatusListConflictError`. */
  async put(record: StoredStatusList, expectedRevision: number | undefined): Promise<void> {
    await prepareOut(this.shown, 'document', true);
    const id = (record as { list?: { id?: unknown } } | undefined)?.list?.id;
    await this.#run((store) => store.put(record, expectedRevision), typeof id === 'string' ? id : undefined, true);
  }

  async ids(): Promise<string[]> {
    if (!(await checkFile(this.path, this.shown))) return [];
    return this.#run((store) => store.ids(), undefined);
  }
}

/**
 * Writes a new list file: refused when the file exists unless `force`, which replaces it as every
 * `--force` does (files.ts: atomically, whatever the file held). Without `force` the store writes
 * it, under its lock, and never over a file that appeared meanwhile (which is left as it was).
 */
export async function writeNewListFile(shown: string, record: StoredStatusList, force: boolean): Promise<void> {
  const out = await prepareOut(shown, 'document', force);
  if (out.replace) return writeOut(out, JSON.stringify(record));
  try {
    await new ListFile(shown).put(record, undefined);
  } catch (error) {
    const there = await lstat(out.path).then(
      () => true,
      () => false,
    );
    if (there) throw new UsageError(`${safeName(shown)} exists and eumc does not overwrite it: give --force to replace it, or choose another name`);
    throw error;
  }
}
