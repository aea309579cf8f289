/**
 * A status list store in a directory of JSON files (Node only): one file per list, named by the
 * SHA-256 of the list's id, written atomically and compared-and-swapped across processes.
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

/**
 * A {@link StatusListStore} in a directory (created on the first write), Node only: one JSON file
 * per list, `<sha256 of the id>.json`, holding the record as `JSON.stringify` writes it.
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
  readonly #lockTimeoutMs: number;
  readonly #staleLockMs: number;
  /** File names by id (the hash of the id). */
  readonly #names = new Map<string, string>();
  /** Ids by file name, once a file was seen holding that id (read by ids(), or written here). */
  readonly #ids = new Map<string, string>();
  #made = false;

  constructor(directory: string, options: FileStatusListStoreOptions = {}) {
    if (typeof directory !== 'string' || directory.length === 0) throw new TypeError('FileStatusListStore: directory must be a non-empty path.');
    if (options === null || typeof options !== 'object') throw new TypeError('FileStatusListStore: options must be an object.');
    const ms = (v: unknown, name: string, fallback: number): number => {
      if (v === undefined) return fallback;
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new TypeError(`FileStatusListStore: ${name} must be a positive integer (milliseconds).`);
      return v;
    };
    this.#lockTimeoutMs = ms(options.lockTimeoutMs, 'lockTimeoutMs', 10_000);
    this.#staleLockMs = ms(options.staleLockMs, 'staleLockMs', 30_000);
    this.#dir = directory.length > 1 ? directory.replace(/[\\/]+$/, '') : directory;
  }

  /** The directory. @example store.directory; // './status-lists' */
  get directory(): string {
    return this.#dir;
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
    return this.#read(n, id, await this.#name(id));
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
    const name = await this.#name(id);
    if (!this.#made) {
      await n.fs.mkdir(this.#dir, { recursive: true });
      this.#made = true;
    }
    const lock = await acquireLock(n, this.#path(`${name}.lock`), { timeoutMs: this.#lockTimeoutMs, staleMs: this.#staleLockMs });
    const temp = this.#path(`${name}.${randomToken()}.tmp`);
    try {
      if (lock.brokeStale) await this.#removeLeftovers(n, name);
      checkSuccession(id, await this.#read(n, id, name), next, expectedRevision);
      const handle = await n.fs.open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(JSON.stringify(next), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await lock.check();
      await n.fs.rename(temp, this.#path(`${name}.json`));
      await this.#syncDirectory(n);
      this.#ids.set(name, id);
    } catch (error) {
      await n.fs.unlink(temp).catch(() => undefined);
      throw error;
    } finally {
      await lock.release();
    }
  }

  /**
   * The ids of the lists in the directory, sorted (files whose name is not the hash of the id
   * they hold are left out).
   *
   * @example
   * for (const id of await store.ids()) console.log(id);
   */
  async ids(): Promise<string[]> {
    const n = await node();
    let names: string[];
    try {
      names = await n.fs.readdir(this.#dir);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const ids: string[] = [];
    for (const file of names.filter((f) => LIST_FILE.test(f))) {
      const name = file.slice(0, -'.json'.length);
      let id = this.#ids.get(name);
      if (id === undefined) {
        const text = await this.#readText(n, file);
        const listId = text === undefined ? undefined : (safeParse(text) as { list?: { id?: unknown } } | undefined)?.list?.id;
        if (typeof listId !== 'string' || (await this.#name(listId)) !== name) continue;
        id = listId;
        this.#ids.set(name, id);
      }
      ids.push(id);
    }
    return ids.sort();
  }

  #path(file: string): string {
    return `${this.#dir}/${file}`;
  }

  async #name(id: string): Promise<string> {
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
    return name;
  }

  async #readText(n: NodeApi, file: string): Promise<string | undefined> {
    try {
      return await n.fs.readFile(this.#path(file), 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    }
  }

  async #read(n: NodeApi, id: string, name: string): Promise<StoredStatusList | undefined> {
    const file = `${name}.json`;
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
    if (record.list.id !== id) throw new StatusListError(`The ${where} holds list ${JSON.stringify(record.list.id)}, not ${JSON.stringify(id)}.`);
    return record;
  }

  /** Temporary files of a dead writer of this list, and lock files set aside by a dead breaker. */
  async #removeLeftovers(n: NodeApi, name: string): Promise<void> {
    const leftover = new RegExp(`^${name}\\.([0-9a-f]{32}\\.tmp|lock\\.[0-9a-f]{32}\\.broken)$`);
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
