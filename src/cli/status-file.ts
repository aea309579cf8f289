/**
 * A status list's file (`eumc status create revocation.json …`): one list's record, `{ "list":
 * <StatusList.toJSON()>, "published"?: <the last publication> }`, the record a `StatusListStore`
 * keeps (so a file of `FileStatusListStore`'s directory reads the same way).
 *
 * The library's `FileStatusListStore` keeps lists in a directory, each file named by the SHA-256 of
 * its list's id; the command line names one file. {@link ListFile} is the same store for that one
 * file, with the same guarantees, and the library's `updateStatusList`, `allocateStatus` and
 * `publishStatusList` run on it unchanged (their compare-and-swap retries are what make concurrent
 * runs safe):
 *
 * - Atomic writes: a temporary file in the same folder, flushed (fsync), renamed over the list's
 *   file, the folder flushed (files.ts, as every replaced `--out`). A process killed at any moment
 *   leaves the previous record or the new one, never a mix.
 * - Compare-and-swap across processes: a write takes `<file>.lock` (created with O_EXCL), reads the
 *   stored revision, compares it with the one the change was made on, writes, releases. Two runs
 *   that change the list at once never lose each other's change: the second one reads again and
 *   applies its change again (a new random index, say). A lock left by a dead process is broken:
 *   its pid no longer exists on this host, or it is older than 30 s (a write holds it for
 *   milliseconds).
 * - Reads take no lock: the file is always a whole record, checked as `StatusList.fromJSON` checks.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, link, lstat, open, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { StatusListStore, StoredStatusList } from 'eu-micro-credentials/status';
import { prepareOut, writeOut } from './files.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** How long a run waits for another run's lock before it gives up, and when a lock is stale whatever its pid says. */
const LOCK_TIMEOUT_MS = 10_000;
const STALE_LOCK_MS = 30_000;
/** An unreadable lock file younger than this may still be being written by its holder. */
const UNREADABLE_GRACE_MS = 1000;
/** A list's record: at most 2^24 entries of 8 bits, in base64url, plus its publication. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const status = () => import('eu-micro-credentials/status');
const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * A checked copy of a record, as every store checks what it is given (the list through
 * `StatusList.fromJSON`, the publication member by member): a `MemoryStatusListStore` is given it.
 * Throws the library's error naming the member.
 */
async function checkedRecord(data: unknown): Promise<StoredStatusList> {
  const { MemoryStatusListStore } = await status();
  const memory = new MemoryStatusListStore();
  await memory.put(data as StoredStatusList, undefined);
  const [id] = await memory.ids();
  return (await memory.get(id!))!;
}

/** A list file that cannot be read, or holds no list: a usage error naming it and what is wrong. */
function notAList(shown: string, why: string): UsageError {
  return new UsageError(`the list file ${safeName(shown)} ${why}`);
}

/** The record of a list file, checked; `undefined` when there is no file. */
export async function readRecord(path: string, shown: string): Promise<StoredStatusList | undefined> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw notAList(shown, 'is a folder');
    if (info.size > MAX_RECORD_BYTES) throw notAList(shown, `is larger than ${MAX_RECORD_BYTES / 1048576} MiB: not a status list`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (code(error) === 'ENOENT') return undefined;
    throw notAList(shown, `cannot be read (${code(error) ?? 'I/O error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw notAList(shown, 'is not JSON (it should hold the list `eumc status create` wrote)');
  }
  try {
    return await checkedRecord(data);
  } catch (error) {
    const published = data !== null && typeof data === 'object' && ('encodedList' in ((data as { credentialSubject?: object }).credentialSubject ?? {}) || 'status_list' in data);
    if (published) throw notAList(shown, 'is a published list (what `eumc status publish` writes), not a list\'s state: give the file `eumc status create` wrote');
    throw notAList(shown, `is not a status list's state: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A held lock: {@link check} before committing, {@link release} when done. */
interface Lock {
  check(): Promise<void>;
  release(): Promise<void>;
}

/** Whether a lock file's holder is gone: dead on this host, too old, or an unreadable file past its grace. */
function isStale(text: string, mtimeMs: number): boolean {
  let holder: { pid?: unknown; host?: unknown; created?: unknown };
  try {
    holder = JSON.parse(text) as typeof holder;
  } catch {
    return Date.now() - mtimeMs > UNREADABLE_GRACE_MS;
  }
  if (typeof holder.pid !== 'number' || typeof holder.created !== 'number') return Date.now() - mtimeMs > UNREADABLE_GRACE_MS;
  if (Date.now() - Math.min(holder.created, mtimeMs) > STALE_LOCK_MS) return true;
  if (holder.host !== hostname() || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return code(error) === 'ESRCH'; // EPERM: it exists, owned by someone else
  }
}

/**
 * Removes the stale lock `text` if the file is still it: renamed aside first (only one breaker's
 * rename succeeds), and put back with `link` (which never replaces) when what was moved is a live
 * lock taken in between.
 */
async function breakLock(lockPath: string, text: string): Promise<void> {
  const aside = `${lockPath}.${randomBytes(16).toString('hex')}.broken`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return;
    throw error;
  }
  if ((await readFile(aside, 'utf8').catch(() => undefined)) !== text) await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/**
 * The temporary files a dead holder of the lock left beside the list (`.<name>.<12 hex>.tmp`, as
 * files.ts names them), removed by the next holder: they are made only under the lock, so none is
 * another live run's.
 */
async function removeLeftovers(path: string): Promise<void> {
  const name = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const leftover = new RegExp(`^\\.${name}\\.[0-9a-f]{12}\\.tmp$`);
  for (const file of await readdir(dirname(path)).catch(() => [] as string[])) if (leftover.test(file)) await unlink(join(dirname(path), file)).catch(() => undefined);
}

/** Takes `<path>.lock`, waiting for its holder or breaking a stale one. */
async function lock(path: string, shown: string): Promise<Lock> {
  const lockPath = `${path}.lock`;
  const text = JSON.stringify({ pid: process.pid, host: hostname(), token: randomBytes(16).toString('hex'), created: Date.now() });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let brokeStale = false;
  for (let attempt = 1; ; attempt++) {
    let handle: FileHandle | undefined;
    try {
      handle = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
      await handle.writeFile(text, 'utf8');
      await handle.close();
      break;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      if (code(error) !== 'EEXIST') throw new UsageError(`cannot lock the list file ${safeName(shown)}: ${safeName(`${shown}.lock`)} cannot be made (${code(error) ?? 'I/O error'})`);
    }
    const held = await readFile(lockPath, 'utf8').catch(() => undefined);
    const mtimeMs = (await lstat(lockPath).catch(() => undefined))?.mtimeMs;
    if (held === undefined || mtimeMs === undefined) continue;
    if (isStale(held, mtimeMs)) {
      await breakLock(lockPath, held);
      brokeStale = true;
      continue;
    }
    if (Date.now() > deadline) throw new UsageError(`the list file ${safeName(shown)} is locked by another run (${safeName(`${shown}.lock`)}: ${held.slice(0, 200)}); if no eumc is changing it, delete the lock file`);
    await pause(1 + Math.random() * Math.min(25, 2 ** Math.min(attempt, 5)));
  }
  // Held now: no live run is writing a temporary file of this list.
  if (brokeStale) await removeLeftovers(path);
  const own = async () => (await readFile(lockPath, 'utf8').catch(() => undefined)) === text;
  return {
    async check() {
      if (!(await own())) throw new UsageError(`the lock of the list file ${safeName(shown)} was taken over by another run (it judged it stale); nothing was written: run the command again`);
    },
    async release() {
      if (await own()) await unlink(lockPath).catch(() => undefined);
    },
  };
}

/** The record as the file holds it: the same JSON text `FileStatusListStore` writes, with a newline. */
const recordText = (record: StoredStatusList) => `${JSON.stringify(record)}\n`;

/**
 * A {@link StatusListStore} of one list in one file (see the file's comment). `get` of another id
 * than the file's is a usage error (the file holds one list).
 *
 * @example
 * const file = new ListFile('revocation.json');
 * const { entry } = await allocateStatus(file, await file.id());
 */
export class ListFile implements StatusListStore {
  readonly path: string;

  constructor(readonly shown: string) {
    this.path = resolve(shown);
  }

  /** The id of the list the file holds; a usage error when it holds none. */
  async id(): Promise<string> {
    const record = await readRecord(this.path, this.shown);
    if (record === undefined) throw notAList(this.shown, 'does not exist (make a list with `eumc status create`)');
    return record.list.id;
  }

  async get(id: string): Promise<StoredStatusList | undefined> {
    const record = await readRecord(this.path, this.shown);
    if (record !== undefined && record.list.id !== id) throw notAList(this.shown, `holds the list ${record.list.id}, not ${id}`);
    return record;
  }

  /**
   * Writes `record` if the file's list is at `expectedRevision` (`undefined`: no file yet); else
   * `StatusListConflictError`. The comparison is the library's own: the file's record and then
   * `record` are put, with `expectedRevision`, in a `MemoryStatusListStore`, which also refuses a
   * record that takes the list back or changes it without a new revision.
   */
  async put(record: StoredStatusList, expectedRevision: number | undefined): Promise<void> {
    const next = await checkedRecord(record);
    const out = await prepareOut(this.shown, 'document', true);
    const held = await lock(this.path, this.shown);
    try {
      const current = await this.get(next.list.id);
      const { MemoryStatusListStore } = await status();
      const memory = new MemoryStatusListStore();
      if (current !== undefined) await memory.put(current, undefined);
      await memory.put(next, expectedRevision);
      await held.check();
      await writeOut(out, recordText(next));
    } finally {
      await held.release();
    }
  }

  async ids(): Promise<string[]> {
    const record = await readRecord(this.path, this.shown);
    return record ? [record.list.id] : [];
  }
}

/**
 * Writes a new list file: refused when the file exists unless `force` (which replaces it under the
 * lock). The new file appears whole or not at all: written to a temporary file, flushed, and linked
 * to its name (`link` fails rather than replace a file that appeared meanwhile).
 */
export async function writeNewListFile(shown: string, record: StoredStatusList, force: boolean): Promise<void> {
  const out = await prepareOut(shown, 'document', force);
  const text = recordText(record);
  if (force) {
    const held = await lock(out.path, shown);
    try {
      await held.check();
      await writeOut({ ...out, replace: true }, text);
    } finally {
      await held.release();
    }
    return;
  }
  // Named apart from the replacements' temporary files (`.tmp`), which a run breaking a stale lock removes.
  const temp = join(dirname(out.path), `.${basename(out.path)}.${randomBytes(6).toString('hex')}.new`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    await link(temp, out.path).catch((error: unknown) => {
      if (code(error) === 'EEXIST') throw new UsageError(`${safeName(shown)} exists and eumc does not overwrite it: give --force to replace it, or choose another name`);
      throw new UsageError(`cannot write ${safeName(shown)} (${code(error) ?? 'I/O error'})`);
    });
  } finally {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
  }
}
