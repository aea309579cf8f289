/**
 * Status list storage (src/status/store.ts, src/status/file-store/):
 * - the store contract, for MemoryStatusListStore and FileStatusListStore (a directory, and one
 *   file: forFile) alike: copies in and out,
 *   compare-and-swap (a new list, a stale revision, a missing list), no going back, no change
 *   without a new revision, every malformed record refused (the hostile bank too);
 * - updateStatusList and allocateStatus: retried on a real conflict (another writer in between),
 *   concurrent allocations all distinct, nothing written for no change;
 * - the file store on disk: one file per list named by the SHA-256 of the id, nothing left beside
 *   it, damaged files refused with their name, locks: a live holder waited for, dead, old and
 *   unreadable ones broken and a dead writer's temporary files removed; it bundles for browsers;
 * - one list in one named file (forFile): the lock and temporary files beside it, another list
 *   refused with the file unchanged, a first write that never replaces what is at the path, the
 *   file's permission bits kept, the same locks;
 * - across processes, in both modes: writers in child processes (test/helpers/status-store-child.ts,
 *   bundled with esbuild) allocating concurrently lose nothing; killed with SIGKILL at random moments, round
 *   after round, the file always parses, its revision is at least the last acknowledged one and
 *   counts every change exactly once, and every acknowledged change is in it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusListConflictError, StatusListError } from '../src/status/errors.js';
import { FileStatusListStore } from '../src/status/file-store/file-store.js';
import { StatusList } from '../src/status/list.js';
import { allocateStatus, MemoryStatusListStore, updateStatusList, type StatusListStore, type StoredStatusList } from '../src/status/store.js';
import { fingerprint, hostileCases } from './helpers/hostile.js';

const ID = 'https://uni.example.eu/status/1';
const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'eumc-status-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(work, `store-${++dirs}`);
const fileName = (id: string) => createHash('sha256').update(id).digest('hex');

const newRecord = (id = ID, format: 'bitstring' | 'token' = 'token'): StoredStatusList => ({ list: StatusList.create({ id, format, length: format === 'token' ? 4096 : 131072 }).toJSON() });
/** The record with its list changed by `change` (one more revision per change). */
function changed(record: StoredStatusList, change: (list: StatusList) => void): StoredStatusList {
  const list = StatusList.fromJSON(record.list);
  change(list);
  return { ...record, list: list.toJSON() };
}

/** A store of one list in one named file, in a new folder. */
const freshFile = (name = 'revocations.json') => {
  const dir = freshDir();
  mkdirSync(dir);
  return join(dir, name);
};

/** The stores, and whether a store holds one list only (forFile: another id is refused). */
const STORES: [string, () => StatusListStore, boolean][] = [
  ['MemoryStatusListStore', () => new MemoryStatusListStore(), false],
  ['FileStatusListStore', () => new FileStatusListStore(freshDir()), false],
  ['FileStatusListStore.forFile', () => FileStatusListStore.forFile(freshFile()), true],
];

describe.each(STORES)('%s', (_name, makeStore, oneList) => {
  it('stores a copy and gives a new copy at every read', async () => {
    const store = makeStore();
    const record = newRecord();
    const text = JSON.stringify(record);
    await store.put(record, undefined);
    record.list.revision = 7;
    const a = (await store.get(ID))!;
    expect(JSON.stringify(a)).toBe(text);
    a.list.bits = 'changed';
    expect(JSON.stringify(await store.get(ID))).toBe(text);
    expect(await store.get(ID)).not.toBe(await store.get(ID));
    if (oneList) await expect(store.get('https://uni.example.eu/status/unknown')).rejects.toThrow(StatusListError);
    else expect(await store.get('https://uni.example.eu/status/unknown')).toBeUndefined();
    await expect(store.get(42 as never)).rejects.toThrow(TypeError);
  });

  it('compares and swaps on the revision', async () => {
    const store = makeStore();
    const first = newRecord();
    await store.put(first, undefined);
    const again = await store.put(first, undefined).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(StatusListConflictError);
    expect(again).toMatchObject({ code: 'STATUS_LIST_CONFLICT', id: ID, expected: undefined, actual: 0 });
    const one = changed(first, (l) => l.allocate());
    await store.put(one, 0);
    const stale = await store.put(changed(first, (l) => l.allocate()), 0).catch((e: unknown) => e);
    expect(stale).toMatchObject({ expected: 0, actual: 1 });
    expect(stale).toBeInstanceOf(StatusListConflictError);
    const other = await store.put(newRecord('https://uni.example.eu/status/9'), 3).catch((e: unknown) => e);
    if (oneList) expect(other).toBeInstanceOf(StatusListError); // the file holds another list
    else expect(other).toMatchObject({ expected: 3, actual: undefined });
    expect((await store.get(ID))!.list).toEqual(one.list);
  });

  it('refuses to take a list back or change it without a new revision, and keeps a republished one', async () => {
    const store = makeStore();
    const first = newRecord();
    await store.put(first, undefined);
    const two = changed(first, (l) => l.allocate() && l.allocate());
    await store.put(two, 0);
    await expect(store.put(changed(first, (l) => l.allocate()), 2)).rejects.toThrow(RangeError);
    const sneaky = changed(first, (l) => l.allocate() && l.allocate());
    await expect(store.put(sneaky, 2)).rejects.toThrow(/without a new revision/);
    const published = { ...two, published: { body: 'signed', mediaType: 'application/statuslist+jwt', revision: 2 } };
    await store.put(published, 2);
    expect((await store.get(ID))!.published).toEqual(published.published);
  });

  it('refuses malformed records and arguments', async () => {
    const store = makeStore();
    const record = newRecord();
    const bad: [string, unknown, unknown][] = [
      ['no list', {}, StatusListError],
      ['a list that is not one', { list: { ...record.list, length: 3 } }, StatusListError],
      ['an unknown member', { ...record, extra: 1 }, StatusListError],
      ['published from a later revision', { ...record, published: { body: 'x', mediaType: 'application/json', revision: 1 } }, StatusListError],
      ['published without a media type', { ...record, published: { body: 'x', mediaType: 'json', revision: 0 } }, StatusListError],
      ['published with an empty body', { ...record, published: { body: '', mediaType: 'application/json', revision: 0 } }, StatusListError],
      ['published with an unknown member', { ...record, published: { body: 'x', mediaType: 'application/json', revision: 0, etag: 'x' } }, StatusListError],
      ['published with a negative max-age', { ...record, published: { body: 'x', mediaType: 'application/json', revision: 0, maxAge: -1 } }, StatusListError],
    ];
    for (const [name, value, kind] of bad) await expect(store.put(value as never, undefined), name).rejects.toBeInstanceOf(kind);
    for (const expected of ['0', -1, 0.5, null]) await expect(store.put(record, expected as never)).rejects.toThrow(TypeError);
    expect(await store.ids()).toEqual([]);
  });

  it('refuses every case of the hostile bank without changing it, and stores the acceptable ones unchanged', async () => {
    const store = makeStore();
    const base = newRecord();
    await store.put(base, undefined);
    for (const c of hostileCases(base as unknown as Record<string, unknown>, 'list')) {
      const input = c.make();
      const before = c.noFingerprint ? undefined : fingerprint(input);
      const outcome = await store.put(input as never, 0).then(() => 'stored', (e: unknown) => e);
      if (c.acceptable || c.name.startsWith('symbol keys beside')) expect(outcome, c.name).toBe('stored');
      else expect(outcome, c.name).toBeInstanceOf(StatusListError);
      if (before !== undefined) expect(fingerprint(input), c.name).toBe(before);
    }
    expect(await store.get(ID)).toEqual(base);
  });

  it('lists its ids, sorted', async () => {
    const store = makeStore();
    expect(await store.ids()).toEqual([]);
    if (oneList) {
      await store.put(newRecord('https://b.example/s/2'), undefined);
      await expect(store.put(newRecord('https://a.example/s/1'), undefined)).rejects.toThrow(/holds list "https:\/\/b.example\/s\/2", not "https:\/\/a.example\/s\/1"/);
      expect(await store.ids()).toEqual(['https://b.example/s/2']);
      return;
    }
    for (const id of ['https://b.example/s/2', 'https://a.example/s/1', 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427']) await store.put(newRecord(id), undefined);
    expect(await store.ids()).toEqual(['https://a.example/s/1', 'https://b.example/s/2', 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427']);
  });

  it('updateStatusList: applies a change, keeps the published list, writes nothing for no change', async () => {
    const store = makeStore();
    await store.put({ ...newRecord(), published: { body: 'signed', mediaType: 'application/statuslist+jwt', revision: 0 } }, undefined);
    const { index, entry } = await allocateStatus(store, ID);
    expect(entry).toEqual({ status_list: { idx: index, uri: ID } });
    expect(await updateStatusList(store, ID, (list) => (list.revoke(index), 'done'))).toBe('done');
    const after = (await store.get(ID))!;
    expect(after.list.revision).toBe(2);
    expect(after.published).toEqual({ body: 'signed', mediaType: 'application/statuslist+jwt', revision: 0 });
    expect(StatusList.fromJSON(after.list).get(index)).toBe(1);
    await updateStatusList(store, ID, (list) => list.revoke(index));
    expect((await store.get(ID))!.list).toEqual(after.list);
    await expect(updateStatusList(store, 'https://uni.example.eu/status/none', (list) => list.allocate())).rejects.toThrow(oneList ? StatusListError : RangeError);
    await expect(updateStatusList(store, ID, 'revoke' as never)).rejects.toThrow(TypeError);
    await expect(updateStatusList(store, ID, (list) => list.revoke(-1))).rejects.toThrow(RangeError);
  });

  it('updateStatusList: another writer in between is a conflict, and the change is made again on the new state', async () => {
    const store = makeStore();
    await store.put(newRecord(), undefined);
    let runs = 0;
    let other = -1;
    const mine = await updateStatusList(store, ID, async (list) => {
      runs++;
      if (runs === 1) other = (await allocateStatus(store, ID)).index; // a second writer comes first
      return list.allocate();
    });
    expect(runs).toBe(2);
    const list = StatusList.fromJSON((await store.get(ID))!.list);
    expect([list.isAllocated(mine), list.isAllocated(other), mine !== other, list.revision]).toEqual([true, true, true, 2]);
    const lost = updateStatusList(store, ID, async (l) => (await allocateStatus(store, ID), l.allocate()), { attempts: 1 });
    await expect(lost).rejects.toBeInstanceOf(StatusListConflictError);
  });

  it('allocateStatus: concurrent allocations are all distinct and all stored', async () => {
    const store = makeStore();
    await store.put(newRecord(ID, 'bitstring'), undefined);
    const results = await Promise.all(Array.from({ length: 12 }, () => allocateStatus(store, ID, { attempts: 200 })));
    const indexes = results.map((r) => r.index);
    expect(new Set(indexes).size).toBe(12);
    const list = StatusList.fromJSON((await store.get(ID))!.list);
    expect([list.revision, list.allocatedCount]).toEqual([12, 12]);
    expect(indexes.every((i) => list.isAllocated(i))).toBe(true);
    expect(results[0]!.entry).toEqual(list.entry(indexes[0]!));
  });
});

describe('FileStatusListStore on disk', () => {
  const lockOf = (dir: string, id = ID) => join(dir, `${fileName(id)}.lock`);
  const tempOf = (dir: string, id = ID) => join(dir, `${fileName(id)}.${'ab'.repeat(16)}.tmp`);
  const deadPid = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('error', reject);
      child.on('exit', () => resolve(child.pid!));
    });

  it('keeps one JSON file per list, named by the SHA-256 of its id, and nothing beside it', async () => {
    const dir = freshDir();
    const store = new FileStatusListStore(dir);
    const record = newRecord();
    await store.put(record, undefined);
    await allocateStatus(store, ID);
    expect(readdirSync(dir)).toEqual([`${fileName(ID)}.json`]);
    const onDisk = JSON.parse(readFileSync(join(dir, `${fileName(ID)}.json`), 'utf8')) as StoredStatusList;
    expect(onDisk).toEqual(await store.get(ID));
    expect(onDisk.list.revision).toBe(1);
    expect(new FileStatusListStore(`${dir}/`).directory).toBe(dir);
  });

  it('refuses damaged files, naming them, and leaves foreign files out of ids()', async () => {
    const dir = freshDir();
    const store = new FileStatusListStore(dir);
    await store.put(newRecord(), undefined);
    const file = join(dir, `${fileName(ID)}.json`);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.slice(0, 100));
    await expect(store.get(ID)).rejects.toThrow(StatusListError);
    await expect(store.get(ID)).rejects.toThrow(file);
    await expect(allocateStatus(store, ID)).rejects.toThrow(StatusListError);
    writeFileSync(file, JSON.stringify({ list: { ...JSON.parse(good).list, bits: 'AAAA' } }));
    await expect(store.get(ID)).rejects.toThrow(/`bits`/);
    const other = newRecord('https://uni.example.eu/status/2');
    writeFileSync(file, JSON.stringify(other));
    await expect(store.get(ID)).rejects.toThrow(/holds list/);
    writeFileSync(join(dir, 'notes.json'), '{}');
    writeFileSync(join(dir, `${'0'.repeat(64)}.json`), JSON.stringify(other));
    expect(await new FileStatusListStore(dir).ids()).toEqual([]);
  });

  it('waits for a lock held by a live process, and gives up after lockTimeoutMs', async () => {
    const dir = freshDir();
    const store = new FileStatusListStore(dir, { lockTimeoutMs: 300 });
    await store.put(newRecord(), undefined);
    writeFileSync(lockOf(dir), JSON.stringify({ pid: process.pid, host: hostname(), token: 'x', created: Date.now() }));
    const start = Date.now();
    await expect(allocateStatus(store, ID)).rejects.toThrow(/held by process \d+/);
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
    const waiting = allocateStatus(store, ID);
    setTimeout(() => rmSync(lockOf(dir)), 100);
    expect((await waiting).index).toBeGreaterThanOrEqual(0);
  });

  it('breaks the lock of a dead process and removes its temporary file', async () => {
    const dir = freshDir();
    const store = new FileStatusListStore(dir);
    await store.put(newRecord(), undefined);
    writeFileSync(lockOf(dir), JSON.stringify({ pid: await deadPid(), host: hostname(), token: 'x', created: Date.now() }));
    writeFileSync(tempOf(dir), '{"half": ');
    const start = Date.now();
    await allocateStatus(store, ID);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(readdirSync(dir)).toEqual([`${fileName(ID)}.json`]);
  });

  it('breaks a lock older than staleLockMs whatever its pid, and an unreadable one older than a second', async () => {
    const dir = freshDir();
    const store = new FileStatusListStore(dir, { lockTimeoutMs: 400 });
    await store.put(newRecord(), undefined);
    writeFileSync(lockOf(dir), JSON.stringify({ pid: process.pid, host: 'another-host', token: 'x', created: Date.now() - 60_000 }));
    await allocateStatus(store, ID);
    writeFileSync(lockOf(dir), '');
    await expect(allocateStatus(store, ID)).rejects.toThrow(/unreadable lock/);
    const past = new Date(Date.now() - 5000);
    utimesSync(lockOf(dir), past, past);
    await allocateStatus(store, ID);
    expect(readdirSync(dir)).toEqual([`${fileName(ID)}.json`]);
    expect((await store.get(ID))!.list.revision).toBe(2);
  });

  it('refuses wrong arguments', () => {
    expect(() => new FileStatusListStore('' as string)).toThrow(TypeError);
    expect(() => new FileStatusListStore(42 as never)).toThrow(TypeError);
    expect(() => new FileStatusListStore(work, { lockTimeoutMs: 0 })).toThrow(TypeError);
    expect(() => new FileStatusListStore(work, null as never)).toThrow(TypeError);
  });

  it('bundles for browsers: no Node module is imported until a method runs', async () => {
    const result = await build({
      stdin: { contents: "export { FileStatusListStore } from './src/status/file-store/file-store.ts';", resolveDir: root, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.metafile.inputs).filter((input) => input.startsWith('node:') || !input.includes('/'))).toEqual(['<stdin>']);
  });
});

describe('FileStatusListStore.forFile: one list in one named file', () => {
  const deadPid = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.on('error', reject);
      child.on('exit', () => resolve(child.pid!));
    });

  it('keeps the record in the file named, and nothing beside it once written', async () => {
    const path = freshFile();
    const dir = join(path, '..');
    const store = FileStatusListStore.forFile(path);
    expect([store.file, store.directory]).toEqual([path, dir]);
    expect(await store.ids()).toEqual([]);
    expect(await store.get(ID)).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    await store.put(newRecord(), undefined);
    await allocateStatus(store, ID);
    expect(readdirSync(dir)).toEqual(['revocations.json']);
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as StoredStatusList;
    expect(onDisk).toEqual(await store.get(ID));
    expect(onDisk.list.revision).toBe(1);
    expect(await FileStatusListStore.forFile(path).ids()).toEqual([ID]);
    // Another store on the same file sees the change, and compares against it.
    await expect(FileStatusListStore.forFile(path).put(onDisk, 0)).rejects.toBeInstanceOf(StatusListConflictError);
    expect([FileStatusListStore.forFile('revocations.json').directory, FileStatusListStore.forFile('/r.json').file, FileStatusListStore.forFile('a/b/r.json').directory]).toEqual(['.', '/r.json', 'a/b']);
  });

  it('refuses another list, and a file that is not a list, leaving the file as it was', async () => {
    const path = freshFile();
    const store = FileStatusListStore.forFile(path);
    await store.put(newRecord(), undefined);
    const before = readFileSync(path);
    const other = 'https://uni.example.eu/status/2';
    await expect(store.get(other)).rejects.toThrow(StatusListError);
    await expect(store.get(other)).rejects.toThrow(`${path} holds list "${ID}", not "${other}"`);
    for (const expected of [undefined, 0, 5]) await expect(store.put(newRecord(other), expected)).rejects.toThrow(/holds list/);
    await expect(allocateStatus(store, other)).rejects.toThrow(StatusListError);
    expect(readFileSync(path).equals(before)).toBe(true);
    // A file that is not a list's record: ids() and get() say so, naming it, and put() writes nothing.
    for (const text of ['{ not json', JSON.stringify({ list: { id: ID } }), 'my notes\n']) {
      writeFileSync(path, text);
      await expect(store.ids()).rejects.toThrow(StatusListError);
      await expect(store.ids()).rejects.toThrow(path);
      await expect(store.get(ID)).rejects.toThrow(StatusListError);
      await expect(store.put(newRecord(), undefined)).rejects.toThrow(StatusListError);
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
    expect(readdirSync(join(path, '..'))).toEqual(['revocations.json']);
  });

  it.skipIf(process.platform === 'win32')('never replaces what is at the path on a first write (a dangling symbolic link), and keeps a replaced file\'s permission bits', async () => {
    const path = freshFile();
    symlinkSync(join(path, '..', 'nowhere.json'), path);
    const store = FileStatusListStore.forFile(path);
    expect(await store.ids()).toEqual([]); // nothing readable there
    await expect(store.put(newRecord(), undefined)).rejects.toThrow(/was not created: its name is taken/);
    expect(readdirSync(join(path, '..'))).toEqual(['revocations.json']); // the link, and no temporary file
    expect(existsSync(join(path, '..', 'nowhere.json'))).toBe(false);
    rmSync(path);
    await store.put(newRecord(), undefined);
    for (const mode of [0o600, 0o664]) {
      chmodSync(path, mode);
      await allocateStatus(store, ID);
      expect(statSync(path).mode & 0o777).toBe(mode);
    }
  });

  it('the folder must exist: a write to a missing one fails and creates nothing', async () => {
    const dir = freshDir();
    await expect(FileStatusListStore.forFile(join(dir, 'revocations.json')).put(newRecord(), undefined)).rejects.toThrow(/ENOENT/);
    expect(existsSync(dir)).toBe(false);
  });

  it('waits for `<file>.lock` held by a live process, and gives up after lockTimeoutMs', async () => {
    const path = freshFile();
    const store = FileStatusListStore.forFile(path, { lockTimeoutMs: 300 });
    await store.put(newRecord(), undefined);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'x', created: Date.now() }));
    const start = Date.now();
    await expect(allocateStatus(store, ID)).rejects.toThrow(`the lock ${path}.lock is held by process ${process.pid}`);
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
    const waiting = allocateStatus(store, ID);
    setTimeout(() => rmSync(`${path}.lock`), 100);
    expect((await waiting).index).toBeGreaterThanOrEqual(0);
    expect((await store.get(ID))!.list.revision).toBe(1);
  });

  it('breaks the lock of a dead process and removes what it left of this file only (a name with regular-expression characters)', async () => {
    const path = freshFile('list (1)+[a].json');
    const dir = join(path, '..');
    const store = FileStatusListStore.forFile(path);
    await store.put(newRecord(), undefined);
    const token = 'ab'.repeat(16);
    const others = ['.list (1)+[a].json.notes', '.list (1)+[a]xjson.' + token + '.tmp', '.other.json.' + token + '.tmp', `${fileName(ID)}.${token}.tmp`];
    for (const name of [`.list (1)+[a].json.${token}.tmp`, `list (1)+[a].json.lock.${token}.broken`, ...others]) writeFileSync(join(dir, name), '{"half": ');
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: await deadPid(), host: hostname(), token: 'x', created: Date.now() }));
    const start = Date.now();
    await allocateStatus(store, ID);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(readdirSync(dir).sort()).toEqual(['list (1)+[a].json', ...others].sort());
    // An old lock whatever its pid, and an unreadable one older than a second, are broken too.
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: process.pid, host: 'another-host', token: 'x', created: Date.now() - 60_000 }));
    await allocateStatus(store, ID);
    writeFileSync(`${path}.lock`, '');
    const past = new Date(Date.now() - 5000);
    utimesSync(`${path}.lock`, past, past);
    await allocateStatus(store, ID);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect((await store.get(ID))!.list.revision).toBe(3);
  });

  it('refuses wrong arguments', () => {
    for (const path of ['', 'lists/', 'lists\\', '..', 'a/.', 42, undefined]) expect(() => FileStatusListStore.forFile(path as string), String(path)).toThrow(TypeError);
    expect(() => FileStatusListStore.forFile('r.json', { staleLockMs: -1 })).toThrow(TypeError);
    expect(() => FileStatusListStore.forFile('r.json', null as never)).toThrow(TypeError);
    expect(FileStatusListStore.forFile('r.json')).toBeInstanceOf(FileStatusListStore);
    expect(new FileStatusListStore(work).file).toBeUndefined();
  });
});

/** Where a store of list ID keeps it: a directory, or one file (forFile). */
interface Place {
  /** What the child process is given. */
  target: string;
  single: boolean;
  dir: string;
  /** The record's file, and its lock. */
  record: string;
  lock: string;
  store(): FileStatusListStore;
}
const PLACES: [string, () => Place][] = [
  [
    'a directory',
    () => {
      const dir = freshDir();
      return { target: dir, single: false, dir, record: join(dir, `${fileName(ID)}.json`), lock: join(dir, `${fileName(ID)}.lock`), store: () => new FileStatusListStore(dir) };
    },
  ],
  [
    'one file (forFile)',
    () => {
      const path = freshFile();
      return { target: path, single: true, dir: join(path, '..'), record: path, lock: `${path}.lock`, store: () => FileStatusListStore.forFile(path) };
    },
  ],
];

describe.each(PLACES)('FileStatusListStore across processes, in %s', (_name, makePlace) => {
  let child: string;
  beforeAll(async () => {
    child = join(work, 'status-store-child.mjs');
    await build({ entryPoints: [join(root, 'test/helpers/status-store-child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: child, logLevel: 'silent' });
  });

  interface Run {
    lines: string[];
    exited: Promise<{ code: number | null; signal: string | null }>;
    kill(): void;
    firstAck: Promise<void>;
  }
  function run(place: Place, mode: 'allocate' | 'churn', count: number): Run {
    const proc = spawn(process.execPath, [child, place.target, ID, mode, String(count), ...(place.single ? ['file'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let pending = '';
    let stderr = '';
    let acked: () => void;
    const firstAck = new Promise<void>((resolve) => (acked = resolve));
    proc.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop()!; // a line cut by the kill is not an acknowledgement
      lines.push(...complete);
      if (lines.length > 0) acked();
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    void exited.then(({ code }) => {
      if (code !== 0 && code !== null) console.error(stderr);
      acked();
    });
    return { lines, exited, kill: () => proc.kill('SIGKILL'), firstAck };
  }

  /** Reads the list file as a reader with no lock would, and checks it against every change acknowledged so far. */
  function checkFile(place: Place, acks: { kind: string; revision: number; index: number }[]): StatusList {
    const text = readFileSync(place.record, 'utf8');
    const record = JSON.parse(text) as StoredStatusList;
    const list = StatusList.fromJSON(record.list);
    const lastAcked = Math.max(0, ...acks.map((a) => a.revision));
    expect(list.revision).toBeGreaterThanOrEqual(lastAcked);
    for (const a of acks) {
      expect(list.isAllocated(a.index)).toBe(true);
      if (a.kind === 'R') expect(list.get(a.index)).toBe(1);
    }
    // Every change is an allocation or a revocation, each counted once in the revision.
    let revoked = 0;
    for (let i = 0; i < list.length; i++) if (list.isAllocated(i) && list.get(i) === 1) revoked++;
    expect(list.revision).toBe(list.allocatedCount + revoked);
    return list;
  }

  it('loses nothing when three processes allocate in the same list at once', async () => {
    const place = makePlace();
    await place.store().put(newRecord(ID, 'bitstring'), undefined);
    const runs = [run(place, 'allocate', 40), run(place, 'allocate', 40), run(place, 'allocate', 40)];
    const exits = await Promise.all(runs.map((r) => r.exited));
    expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);
    const indexes = runs.flatMap((r) => r.lines.map((line) => Number(line.split(' ')[2])));
    expect(new Set(indexes).size).toBe(120);
    const revisions = runs.flatMap((r) => r.lines.map((line) => Number(line.split(' ')[1])));
    expect(new Set(revisions).size).toBe(120); // each write had its own revision: no two passed the same compare
    const list = checkFile(place, runs.flatMap((r) => r.lines.map((line) => ({ kind: 'A', revision: Number(line.split(' ')[1]), index: Number(line.split(' ')[2]) }))));
    expect([list.revision, list.allocatedCount]).toEqual([120, 120]);
  }, 60_000);

  it('keeps every acknowledged change when the writer is killed at random moments (SIGKILL, 10 rounds)', async () => {
    const place = makePlace();
    const dir = place.dir;
    // A published list of 1 MB kept beside the state (updateStatusList keeps it): each write is then
    // large, so that kills often land inside a write (a store writing in place, without the
    // temporary file and rename, fails this test: the file is found cut short).
    const published = { body: 'x'.repeat(1_000_000), mediaType: 'application/statuslist+jwt', revision: 0 };
    await place.store().put({ ...newRecord(ID, 'bitstring'), published }, undefined);
    const acks: { kind: string; revision: number; index: number }[] = [];
    let killedMidway = 0;
    for (let round = 0; round < 10; round++) {
      const writer = run(place, 'churn', 1_000_000);
      // Half the rounds are killed at a random moment after the first acknowledged write, the others
      // at a random moment from the start (loading, or the first writes).
      if (round % 2 === 0) await writer.firstAck;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 600));
      writer.kill();
      const { signal } = await writer.exited;
      expect(signal).toBe('SIGKILL');
      acks.push(
        ...writer.lines.map((line) => {
          const [kind, revision, index] = line.split(' ');
          return { kind: kind!, revision: Number(revision), index: Number(index) };
        }),
      );
      if (readdirSync(dir).some((f) => f.endsWith('.lock') || f.endsWith('.tmp'))) killedMidway++;
      checkFile(place, acks);
    }
    expect(acks.length).toBeGreaterThanOrEqual(5); // at least the first of each round that waited for one
    // A last writer runs to its end: the stale lock (if any) is broken, leftovers removed.
    const last = run(place, 'churn', 3);
    expect((await last.exited).code).toBe(0);
    acks.push(...last.lines.map((line) => ({ kind: line[0]!, revision: Number(line.split(' ')[1]), index: Number(line.split(' ')[2]) })));
    checkFile(place, acks);
    expect(readdirSync(dir)).toEqual([place.record.slice(dir.length + 1)]);
    expect(existsSync(place.lock)).toBe(false);
    console.log(`kill test, ${_name}: ${acks.length} acknowledged changes over 10 kills, ${killedMidway} kills left a lock or temporary file behind`);
  }, 120_000);
});
