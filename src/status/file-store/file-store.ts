/**
 * A status list store on files (Node only): a directory of JSON files, one per list named by the
 * SHA-256 of the list's id, or one file a caller names holding one list (`forFile`); written
 * atomically and compared-and-swapped across processes, the same way in both.
 * @module
 */
import { utf8Encode } from '../../json/encoding.js';
import { StatusListError } from '../errors.js';
import { checkSuccession, readPutArguments, readStoredStatusList, type StatusListStore, type StoredStatusList } from '../store.js';
import { acquireLock, randomToken } from './lock.js';
import { errorCode, node, type NodeApi } from './node.js';

/**
 * Options of {@link FileStatusListStore}.
 *
 * @example
 * const store = new FileStatusListStore('/var/lib/issuer/status', { lockTimeoutMs: 30_000 });
 */
export interface FileStatusListStoreOptions {
  /** How long a write waits for another process's lock before it gives up (default 10 000 ms). */
  lockTimeoutMs?: number;
  /** A lock older than this is taken to be left by a dead writer and broken (default 30 000 ms). */
  staleLockMs?: number;
}

const LIST_FILE = /^[0-9a-f]{64}\.json$/;

/** Where one list's files are, in the store's folder (names, not paths). */
interface Layout {
  /** The record. */
  record: string;
  lock: string;
  /** A new temporary file's name. */
  temp(): string;
  /** What a dead writer of this list may have left: its temporary files, lock files set aside by a dead breaker. */
  leftover: RegExp;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Directory mode: `<hash>.json`, `<hash>.lock`, `<hash>.<token>.tmp`. */
const hashLayout = (hash: string): Layout => ({
  record: `${hash}.json`,
  lock: `${hash}.lock`,
  temp: () => `${hash}.${randomToken()}.tmp`,
  leftover: new RegExp(`^${hash}\\.([0-9a-f]{32}\\.tmp|lock\\.[0-9a-f]{32}\\.broken)$`),
});

/** Single-file mode: `<name>`, `<name>.lock`, `.<name>.<token>.tmp` (hidden, as editors name theirs). */
const fileLayout = (name: string): Layout => ({
  record: name,
  lock: `${name}.lock`,
  temp: () => `.${name}.${randomToken()}.tmp`,
  leftover: new RegExp(`^(\\.${escapeRegExp(name)}\\.[0-9a-f]{32}\\.tmp|${escapeRegExp(name)}\\.lock\\.[0-9a-f]{32}\\.broken)$`),
});

/** Reads the two timing options (milliseconds). */
function readOptions(options: FileStatusListStoreOptions): { lockTimeoutMs: number; staleLockMs: number } {
  if (options === null || typeof options !== 'object') throw new TypeError('FileStatusListStore: options must be an object.');
  const ms = (v: unknown, name: string, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new TypeError(`FileStatusListStore: ${name} must be a positive integer (milliseconds).`);
    return v;
  };
  return { lockTimeoutMs: ms(options.lockTimeoutMs, 'lockTimeoutMs', 10_000), staleLockMs: ms(options.staleLockMs, 'staleLockMs', 30_000) };
}

/**
 * A {@link StatusListStore} on files, Node only. Two modes, with the same guarantees:
 * - `new FileStatusListStore(directory)`: a directory (created on the first write) with one JSON
 *   file per list, `<sha256 of the id>.json`;
 * - {@link FileStatusListStore.forFile}`(path)`: one list in the file `path`, any name (a command
 *   line's `revocations.json`).
 *
 * The file holds the record as `JSON.stringify` writes it.
 *
 * - Atomic writes: the record goes to a temporary file in the same directory, which is flushed to
 *   disk (`fsync`), renamed over the list's file (atomic on POSIX file systems and NTFS) and the
 *   directory flushed too. A process killed at any moment leaves the previous or the new record,
 *   never a mix; a write that returned is on disk.
 * - Compare-and-swap across processes: a write takes the list's lock file (`<name>.lock`, created
 *   with `O_EXCL`), reads the stored revision, compares, writes, and releases. A lock left by a
 *   dead process is broken: its pid no longer exists on this host, or it is older than
 *   `staleLockMs`. Temporary files a dead writer left are removed then.
 * - Reads take no lock: the file is always a whole record. Every record read is checked as
 *   `StatusList.fromJSON` checks (a damaged file is a {@link StatusListError} naming the file).
 *
 * The class loads in any runtime (it reaches `node:fs/promises` only when a method runs), so the
 * `/status` entry point bundles for browsers; there its methods reject with an error saying so.
 *
 * @example
 * const store = new FileStatusListStore('./status-lists');
 * await store.put({ list: StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring' }).toJSON() }, undefined);
 * const { index, entry } = await allocateStatus(store, 'https://uni.example.eu/status/1');
 */
export class FileStatusListStore implements StatusListStore {
  readonly #dir: string;
  /** Single-file mode: the file's name in #dir; `undefined` in directory mode. */
  #file: string | undefined;
  readonly #lockTimeoutMs: number;
  readonly #staleLockMs: number;
  /** File names by id (the hash of the id). */
  readonly #names = new Map<string, string>();
  /** Ids by file name, once a file was seen holding that id (read by ids(), or written here). */
  readonly #ids = new Map<string, string>();
  #made = false;

  constructor(directory: string, options: FileStatusListStoreOptions = {}) {
    if (typeof directory !== 'string' || directory.length === 0) throw new TypeError('FileStatusListStore: directory must be a non-empty path.');
    ({ lockTimeoutMs: this.#lockTimeoutMs, staleLockMs: this.#staleLockMs } = readOptions(options));
    this.#dir = directory.length > 1 ? directory.replace(/[\\/]+$/, '') : directory;
  }

  /**
   * A store of one list in the file `path` (any name), beside which it keeps the lock
   * (`<path>.lock`) and, while writing, a temporary file (`.<name>.<random>.tmp`); the folder must
   * exist. `get(id)` gives the file's record when it holds list `id`, `undefined` when there is no
   * file, and throws a {@link StatusListError} when the file holds another list; `put` of another
   * list than the file's is refused the same way (nothing is written). `ids()` gives the file's
   * list's id, or none, and throws a {@link StatusListError} when the file is not a list's record.
   * The first `put` (`expectedRevision` undefined) never replaces a file that appeared meanwhile,
   * even one written by a program that takes no lock: the file is created by a hard link (by a
   * rename where the file system has none). A replaced file keeps its permission bits.
   *
   * @example
   * const store = FileStatusListStore.forFile('./revocations.json');
   * await store.put({ list: StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring' }).toJSON() }, undefined);
   * const [id] = await store.ids(); // 'https://uni.example.eu/status/1'
   * const { index, entry } = await allocateStatus(store, id!);
   */
  static forFile(path: string, options: FileStatusListStoreOptions = {}): FileStatusListStore {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError('FileStatusListStore.forFile: path must be a non-empty path.');
    const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    const name = path.slice(cut + 1);
    if (name === '' || name === '.' || name === '..') throw new TypeError(`FileStatusListStore.forFile: path must name a file, not ${JSON.stringify(path)}.`);
    const store = new FileStatusListStore(cut < 0 ? '.' : cut === 0 ? path[0]! : path.slice(0, cut), options);
    store.#file = name;
    return store;
  }

  /** The directory (in single-file mode, the file's). @example store.directory; // './status-lists' */
  get directory(): string {
    return this.#dir;
  }

  /** The list's file in single-file mode ({@link FileStatusListStore.forFile}), else `undefined`. @example FileStatusListStore.forFile('./revocations.json').file; // './revocations.json' */
  get file(): string | undefined {
    return this.#file === undefined ? undefined : this.#path(this.#file);
  }

  /**
   * The record of list `id` (checked, a new object), or `undefined` when there is none.
   *
   * @example
   * const record = await store.get('https://uni.example.eu/status/1');
   */
  async get(id: string): Promise<StoredStatusList | undefined> {
    if (typeof id !== 'string') throw new TypeError('FileStatusListStore.get: id must be a string.');
    const n = await node();
    return this.#read(n, id, (await this.#layout(id)).record);
  }

  /**
   * Writes `record` if the stored list's revision is `expectedRevision` (`undefined`: no list with
   * this id yet), atomically and durably; throws StatusListConflictError otherwise.
   *
   * @example
   * await store.put({ list: list.toJSON() }, revisionRead);
   */
  async put(record: StoredStatusList, expectedRevision: number | undefined): Promise<void> {
    const next = readPutArguments(record, expectedRevision, 'FileStatusListStore.put');
    const id = next.list.id;
    const n = await node();
    const layout = await this.#layout(id);
    if (!this.#made && this.#file === undefined) {
      await n.fs.mkdir(this.#dir, { recursive: true });
      this.#made = true;
    }
    const lock = await acquireLock(n, this.#path(layout.lock), { timeoutMs: this.#lockTimeoutMs, staleMs: this.#staleLockMs });
    const temp = this.#path(layout.temp());
    try {
      if (lock.brokeStale) await this.#removeLeftovers(n, layout.leftover);
      const current = await this.#read(n, id, layout.record);
      checkSuccession(id, current, next, expectedRevision);
      const mode = this.#file === undefined ? undefined : await this.#modeOf(n, layout.record);
      const handle = await n.fs.open(temp, 'wx', 0o644);
      try {
        if (mode !== undefined) await handle.chmod(mode);
        await handle.writeFile(JSON.stringify(next), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await lock.check();
      if (current === undefined && this.#file !== undefined) await this.#linkNew(n, temp, id, layout.record, next);
      else await n.fs.rename(temp, this.#path(layout.record));
      await this.#syncDirectory(n);
      this.#ids.set(layout.record, id);
    } catch (error) {
      await n.fs.unlink(temp).catch(() => undefined);
      throw error;
    } finally {
      await lock.release();
    }
  }

  /**
   * The ids of the lists in the directory, sorted (files whose name is not the hash of the id
   * they hold are left out); in single-file mode, the file's list's id, or none when there is no file.
   *
   * @example
   * for (const id of await store.ids()) console.log(id);
   */
  async ids(): Promise<string[]> {
    const n = await node();
    if (this.#file !== undefined) {
      const record = await this.#read(n, undefined, this.#file);
      return record === undefined ? [] : [record.list.id];
    }
    let names: string[];
    try {
      names = await n.fs.readdir(this.#dir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const ids: string[] = [];
    for (const file of names.filter((f) => LIST_FILE.test(f))) {
      let id = this.#ids.get(file);
      if (id === undefined) {
        const text = await this.#readText(n, file);
        const listId = text === undefined ? undefined : (safeParse(text) as { list?: { id?: unknown } } | undefined)?.list?.id;
        if (typeof listId !== 'string' || (await this.#layout(listId)).record !== file) continue;
        id = listId;
        this.#ids.set(file, id);
      }
      ids.push(id);
    }
    return ids.sort();
  }

  #path(file: string): string {
    return /[\\/]$/.test(this.#dir) ? `${this.#dir}${file}` : `${this.#dir}/${file}`;
  }

  /** The files of list `id`: the one file in single-file mode, else named by the hash of the id. */
  async #layout(id: string): Promise<Layout> {
    if (this.#file !== undefined) return fileLayout(this.#file);
    let name = this.#names.get(id);
    if (name === undefined) {
      const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8Encode(id)));
      name = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      if (this.#names.size > 10_000) {
        this.#names.clear();
        this.#ids.clear();
      }
      this.#names.set(id, name);
    }
    return hashLayout(name);
  }

  async #readText(n: NodeApi, file: string): Promise<string | undefined> {
    try {
      return await n.fs.readFile(this.#path(file), 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** The checked record in `file`, or undefined when there is no file; it must hold list `id` when one is given. */
  async #read(n: NodeApi, id: string | undefined, file: string): Promise<StoredStatusList | undefined> {
    const text = await this.#readText(n, file);
    if (text === undefined) return undefined;
    const where = `status list file ${this.#path(file)}`;
    const data = safeParse(text);
    if (data === undefined) throw new StatusListError(`The ${where} is not JSON.`);
    let record: StoredStatusList;
    try {
      record = readStoredStatusList(data);
    } catch (error) {
      throw new StatusListError(`The ${where}: ${(error as Error).message}`);
    }
    if (id !== undefined && record.list.id !== id) throw new StatusListError(`The ${where} holds list ${JSON.stringify(record.list.id)}, not ${JSON.stringify(id)}.`);
    return record;
  }

  /** The permission bits of `file`, or undefined when there is none. */
  async #modeOf(n: NodeApi, file: string): Promise<number | undefined> {
    try {
      return (await n.fs.stat(this.#path(file))).mode & 0o777;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  /**
   * Puts the temporary file in place as a new file: `link` fails rather than replace a file that
   * appeared since it was read (put there by a program that takes no lock), which is then refused
   * as any other record there. File systems without hard links get a rename.
   */
  async #linkNew(n: NodeApi, temp: string, id: string, file: string, next: StoredStatusList): Promise<void> {
    try {
      await n.fs.link(temp, this.#path(file));
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') {
        checkSuccession(id, await this.#read(n, id, file), next, undefined);
        throw new StatusListError(`The status list file ${this.#path(file)} was not created: its name is taken by something that is not a file (a dangling symbolic link, or a file removed meanwhile); nothing was written.`);
      }
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(code ?? '')) throw error;
      await n.fs.rename(temp, this.#path(file));
      return;
    }
    await n.fs.unlink(temp);
  }

  /** Temporary files of a dead writer of this list, and lock files set aside by a dead breaker. */
  async #removeLeftovers(n: NodeApi, leftover: RegExp): Promise<void> {
    for (const file of await n.fs.readdir(this.#dir)) if (leftover.test(file)) await n.fs.unlink(this.#path(file)).catch(() => undefined);
  }

  /** Flushes the directory entry of the rename (POSIX); Windows cannot open a directory, and needs not. */
  async #syncDirectory(n: NodeApi): Promise<void> {
    let handle;
    try {
      handle = await n.fs.open(this.#dir, 'r');
    } catch (error) {
      if (['EISDIR', 'EPERM', 'EACCES'].includes(errorCode(error) ?? '')) return;
      throw error;
    }
    try {
      await handle.sync();
    } catch (error) {
      if (!['EINVAL', 'EPERM', 'EBADF'].includes(errorCode(error) ?? '')) throw error;
    } finally {
      await handle.close();
    }
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
