/**
 * Where an issuer keeps its status lists: a small storage interface with compare-and-swap writes
 * (`StatusListStore`), an in-memory store, and the read–change–write loop every change goes
 * through (`updateStatusList`, `allocateStatus`). The file-backed store is in `file-store/`.
 * @module
 */
import { describeValue } from '../json/describe.js';
import { snapshot } from '../json/snapshot.js';
import { StatusListConflictError, StatusListError } from './errors.js';
import { StatusList, type StatusListData, type StatusListEntryOf } from './list.js';
import { isUtcTime, readListData } from './list/data.js';

/**
 * The signed list as published (by `publishStatusList`), kept beside the list's state: the
 * response body (the list credential's JSON, or the compact Status List Token), its media type,
 * and the list revision it was made from.
 *
 * @example
 * const published: PublishedStatusList = { body: jwt, mediaType: 'application/statuslist+jwt', revision: 12, maxAge: 3600, published: '2026-01-15T10:00:00.000Z' };
 */
export interface PublishedStatusList {
  body: string;
  mediaType: string;
  /** The list's `revision` when it was signed. */
  revision: number;
  /** Seconds a client may cache it (`Cache-Control: max-age`), from the list's `ttl` when it has one. */
  maxAge?: number;
  /** When it was published (ISO 8601, UTC). */
  published?: string;
}

/**
 * What a store keeps for one list: its state (`StatusList.toJSON()`) and, once published, the
 * signed list.
 *
 * @example
 * const record: StoredStatusList = { list: StatusList.create({ id, format: 'bitstring' }).toJSON() };
 */
export interface StoredStatusList {
  list: StatusListData;
  published?: PublishedStatusList;
}

/**
 * Storage of status lists, one record per list id. `put` is a compare-and-swap: it writes only
 * when the stored list's revision is `expectedRevision` (`undefined`: when there is no list with
 * that id yet), and throws {@link StatusListConflictError} otherwise, so that two writers never
 * lose each other's changes. Implementations check what they store and give copies (a caller
 * changing a returned record changes nothing stored). `MemoryStatusListStore` and
 * `FileStatusListStore` are two; a database table with a revision column is another.
 *
 * @example
 * const store: StatusListStore = new MemoryStatusListStore();
 * await store.put({ list: StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring' }).toJSON() }, undefined);
 * const { index, entry } = await allocateStatus(store, 'https://uni.example.eu/status/1');
 */
export interface StatusListStore {
  /** The record of list `id`, or `undefined`. */
  get(id: string): Promise<StoredStatusList | undefined>;
  /** Writes `record` (for `record.list.id`) if the stored revision is `expectedRevision`; else throws StatusListConflictError. */
  put(record: StoredStatusList, expectedRevision: number | undefined): Promise<void>;
  /** The ids of the stored lists. */
  ids(): Promise<string[]>;
}

const MEDIA_TYPE = /^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[A-Za-z0-9][\w!#$&^.+-]{0,126}(\s*;\s*[\w!#$&^.+-]+=("[^"\\\r\n]*"|[\w!#$&^.+-]+))*$/;

function readPublished(p: unknown, listRevision: number): PublishedStatusList {
  const fail = (member: string, message: string): never => {
    throw new StatusListError(`Stored status list \`published${member ? `/${member}` : ''}\`: ${message}`);
  };
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return fail('', `must be an object, not ${describeValue(p)}.`);
  const { body, mediaType, revision, maxAge, published, ...rest } = p as Record<string, unknown>;
  for (const key of Object.keys(rest)) fail(key, 'is not a member (body, mediaType, revision, maxAge, published).');
  if (typeof body !== 'string' || body.length === 0) fail('body', `must be a non-empty string, not ${describeValue(body)}.`);
  if (typeof mediaType !== 'string' || !MEDIA_TYPE.test(mediaType)) fail('mediaType', `must be a media type such as "application/statuslist+jwt", not ${describeValue(mediaType)}.`);
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0 || revision > listRevision) fail('revision', `must be an integer from 0 to the list's revision ${listRevision}, not ${describeValue(revision)}.`);
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isSafeInteger(maxAge) || maxAge < 0)) fail('maxAge', `must be a non-negative integer (seconds), not ${describeValue(maxAge)}.`);
  if (published !== undefined && !isUtcTime(published)) fail('published', `must be a UTC date and time (ISO 8601), not ${describeValue(published)}.`);
  return p as unknown as PublishedStatusList;
}

/**
 * A checked plain-JSON copy of a stored record: the list through the whole `StatusList.fromJSON`
 * check, the published part member by member. Throws {@link StatusListError} naming the member.
 * Stores call it on what they are given and on what they read back.
 *
 * @example
 * const record = readStoredStatusList(JSON.parse(text));
 */
export function readStoredStatusList(record: unknown): StoredStatusList {
  const copy = snapshot(record, 'a stored status list ({ list, published? })');
  if (!copy.ok) throw new StatusListError(`Stored status list${copy.pointer ? ` at ${copy.pointer}` : ''}: ${copy.message}`);
  const { list, published, ...rest } = copy.value;
  for (const key of Object.keys(rest)) throw new StatusListError(`Stored status list \`${key}\`: not a member (list, published).`);
  const revision = readListData(list).revision;
  return { list: list as unknown as StatusListData, ...(published === undefined ? {} : { published: readPublished(published, revision) }) };
}

/**
 * Checks that `next` may replace `current` (read under the store's lock or in its transaction)
 * given `expected`: throws StatusListConflictError when `current`'s revision is not `expected`,
 * and a `RangeError` when `next` would take the list back (a lower revision) or change it without
 * a new revision.
 *
 * @example
 * checkSuccession(id, current, next, expectedRevision);
 */
export function checkSuccession(id: string, current: StoredStatusList | undefined, next: StoredStatusList, expected: number | undefined): void {
  const actual = current?.list.revision;
  if (actual !== expected) throw new StatusListConflictError(id, expected, actual);
  if (current === undefined) return;
  const revision = next.list.revision;
  if (revision < current.list.revision) throw new RangeError(`put: status list ${id} would go back from revision ${current.list.revision} to ${revision}.`);
  if (revision === current.list.revision && (next.list.bits !== current.list.bits || next.list.allocated !== current.list.allocated)) {
    throw new RangeError(`put: status list ${id} changed without a new revision (${revision}); change it through StatusList, which counts changes.`);
  }
}

/**
 * Checks the arguments of a `put`: the expected revision's type (`TypeError`), then the record (a
 * checked copy, or {@link StatusListError}).
 *
 * @example
 * const next = readPutArguments(record, expectedRevision, 'FileStatusListStore.put');
 */
export function readPutArguments(record: unknown, expectedRevision: unknown, fn: string): StoredStatusList {
  if (expectedRevision !== undefined && (typeof expectedRevision !== 'number' || !Number.isSafeInteger(expectedRevision) || expectedRevision < 0)) {
    throw new TypeError(`${fn}: expectedRevision must be a non-negative integer or undefined (a new list), not ${describeValue(expectedRevision)}.`);
  }
  return readStoredStatusList(record);
}

/**
 * A status list store in memory, for tests, demos and processes that persist lists some other way.
 * It keeps each record as JSON text, so what it returns are new objects and nothing a caller
 * holds can change what is stored. Compare-and-swap as {@link StatusListStore} says.
 *
 * @example
 * const store = new MemoryStatusListStore();
 * await store.put({ list: StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring' }).toJSON() }, undefined);
 * await store.ids(); // ['https://uni.example.eu/status/1']
 */
export class MemoryStatusListStore implements StatusListStore {
  readonly #records = new Map<string, string>();

  /** The record of list `id` (a new copy), or `undefined`. @example const record = await store.get(id); */
  async get(id: string): Promise<StoredStatusList | undefined> {
    if (typeof id !== 'string') throw new TypeError(`MemoryStatusListStore.get: id must be a string, not ${describeValue(id)}.`);
    const text = this.#records.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as StoredStatusList);
  }

  /** Compare-and-swap write of a checked copy of `record`. @example await store.put({ list: list.toJSON() }, revisionRead); */
  async put(record: StoredStatusList, expectedRevision: number | undefined): Promise<void> {
    const next = readPutArguments(record, expectedRevision, 'MemoryStatusListStore.put');
    const id = next.list.id;
    // No await between the compare and the swap: another put cannot come in between.
    const text = this.#records.get(id);
    checkSuccession(id, text === undefined ? undefined : (JSON.parse(text) as StoredStatusList), next, expectedRevision);
    this.#records.set(id, JSON.stringify(next));
  }

  /** The stored list ids, sorted. @example await store.ids(); */
  async ids(): Promise<string[]> {
    return [...this.#records.keys()].sort();
  }
}

/**
 * Options of {@link updateStatusList}.
 *
 * @example
 * await updateStatusList(store, id, (list) => list.revoke(index), { attempts: 20 });
 */
export interface UpdateStatusListOptions {
  /** Reads, changes and writes tried before a conflict is thrown (default 10). */
  attempts?: number;
}

type Timers = { setTimeout(callback: () => void, ms: number): unknown };
const pause = (ms: number) => new Promise<void>((resolve) => (globalThis as unknown as Timers).setTimeout(resolve, ms));

/**
 * Changes list `id` in `store`: reads it, calls `change` with the list, and writes it back with a
 * compare-and-swap on the revision read. When another writer came first, it starts over (with a
 * short random pause) up to `attempts` times, so `change` may run more than once: it must only
 * change the list and compute its result. A change that changes nothing writes nothing. Gives
 * what `change` returns. A list missing from the store is a `RangeError`; the published list is
 * kept as it is (publish again to serve the change).
 *
 * @example
 * await updateStatusList(store, 'https://uni.example.eu/status/1', (list) => list.revoke(94567));
 */
export async function updateStatusList<T>(store: StatusListStore, id: string, change: (list: StatusList) => T, options: UpdateStatusListOptions = {}): Promise<Awaited<T>> {
  if (typeof change !== 'function') throw new TypeError(`updateStatusList: change must be a function, not ${describeValue(change)}.`);
  const attempts = options.attempts ?? 10;
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new TypeError(`updateStatusList: attempts must be a positive integer, not ${describeValue(attempts)}.`);
  for (let attempt = 1; ; attempt++) {
    const record = await store.get(id);
    if (record === undefined) throw new RangeError(`updateStatusList: no status list ${JSON.stringify(id)} in the store.`);
    const list = StatusList.fromJSON(record.list);
    if (list.id !== id) throw new StatusListError(`The store gave list ${JSON.stringify(list.id)} for ${JSON.stringify(id)}.`);
    const before = list.revision;
    const result = await change(list);
    if (list.revision === before) return result;
    try {
      await store.put({ list: list.toJSON(), ...(record.published ? { published: record.published } : {}) }, before);
      return result;
    } catch (error) {
      if (!(error instanceof StatusListConflictError) || attempt >= attempts) throw error;
      await pause(Math.random() * Math.min(50, 2 ** attempt));
    }
  }
}

/**
 * Allocates a random, never-used index in list `id` for a new credential and stores the list:
 * gives the index and the reference the credential carries (`credentialStatus` for a W3C list, the
 * `status` claim for a token list). The change is stored before the index is given out.
 *
 * @example
 * const { index, entry } = await allocateStatus(store, 'https://uni.example.eu/status/1');
 * const credential = { ...unsigned, credentialStatus: entry };
 */
export async function allocateStatus(store: StatusListStore, id: string, options: UpdateStatusListOptions = {}): Promise<{ index: number; entry: StatusListEntryOf<StatusList['format']> }> {
  return updateStatusList(
    store,
    id,
    (list) => {
      const index = list.allocate();
      return { index, entry: list.entry(index) };
    },
    options,
  );
}
