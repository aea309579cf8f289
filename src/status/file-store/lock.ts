/**
 * A lock file per list, so that compare-and-swap holds across processes: a writer creates
 * `<name>.lock` with `O_CREAT | O_EXCL` (flag `wx`), which only one process can do, writes into it
 * its pid, host, a random token and the time, and removes it when done. A process that finds the
 * lock taken waits (short random pauses) until it is released.
 *
 * A lock left by a writer that died (killed, crashed, power cut) is stale and is broken:
 * - its process no longer exists (same host: `kill(pid, 0)` says ESRCH), or
 * - it is older than `staleMs` (default 30 s; a write holds the lock for milliseconds), whatever
 *   its host (another machine on a shared file system, a reused pid), or
 * - it is unreadable (its writer died between creating and filling it) and older than 1 s.
 *
 * Breaking is done so that two processes breaking the same stale lock at once cannot both end up
 * holding the lock: the stale file is renamed to a unique name (atomic: only one rename succeeds)
 * and compared with what was judged stale; if it is not that file (a live lock taken in between),
 * it is put back with `link` (which fails rather than replace a newer lock). A holder checks that
 * its lock is still its own just before it commits, and gives up otherwise. Locks assume a local
 * file system (or one with atomic `O_EXCL` create, rename and link, as NFSv3+ has).
 * @module
 */
import { errorCode, type NodeApi } from './node.js';

/** A held lock. */
export interface HeldLock {
  /** Whether a stale lock was broken to take it (so a dead writer's temporary files may lie around). */
  brokeStale: boolean;
  /** Throws unless the lock file is still this one. */
  check(): Promise<void>;
  /** Removes the lock file if it is still this one. */
  release(): Promise<void>;
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** Give up after this many milliseconds of waiting (default 10 000). */
  timeoutMs: number;
  /** A lock older than this is stale whatever its pid says (default 30 000). */
  staleMs: number;
}

/** Unreadable lock files younger than this may still be being written. */
const UNREADABLE_GRACE_MS = 1000;

type Timers = { setTimeout(callback: () => void, ms: number): unknown };
const pause = (ms: number) => new Promise<void>((resolve) => (globalThis as unknown as Timers).setTimeout(resolve, ms));

/** 16 random bytes in hex. */
export function randomToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readText(node: NodeApi, path: string): Promise<string | undefined> {
  try {
    return await node.fs.readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

interface Holder {
  text: string;
  pid?: number;
  host?: string;
  created?: number;
  mtimeMs: number;
}

async function readHolder(node: NodeApi, path: string): Promise<Holder | undefined> {
  const text = await readText(node, path);
  if (text === undefined) return undefined;
  let mtimeMs: number;
  try {
    mtimeMs = (await node.fs.stat(path)).mtimeMs;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { pid, host, created } = JSON.parse(text) as { pid?: unknown; host?: unknown; created?: unknown };
    if (typeof pid === 'number' && typeof host === 'string' && typeof created === 'number') return { text, pid, host, created, mtimeMs };
  } catch {
    // unreadable: judged by its age below
  }
  return { text, mtimeMs };
}

function isStale(node: NodeApi, holder: Holder, staleMs: number): boolean {
  const now = Date.now();
  if (holder.pid === undefined) return now - holder.mtimeMs > UNREADABLE_GRACE_MS;
  if (now - Math.min(holder.created!, holder.mtimeMs) > staleMs) return true;
  return holder.host === node.host && holder.pid !== node.pid && !node.alive(holder.pid);
}

/** Removes the stale lock `holder` if the file at `path` is still it (see the module's note). */
async function breakLock(node: NodeApi, path: string, holder: Holder): Promise<void> {
  const aside = `${path}.${randomToken()}.broken`;
  try {
    await node.fs.rename(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return; // someone else broke or released it
    throw error;
  }
  const taken = await readText(node, aside);
  if (taken !== holder.text) {
    // A live lock taken after the stale one was broken by someone else: put it back.
    await node.fs.link(aside, path).catch(() => undefined);
  }
  await node.fs.unlink(aside).catch(() => undefined);
}

async function create(node: NodeApi, path: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await node.fs.open(path, 'wx', 0o644);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
  } catch (error) {
    await handle.close().catch(() => undefined);
    await node.fs.unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/** Takes the lock at `path`, waiting for its holder or breaking a stale one. */
export async function acquireLock(node: NodeApi, path: string, options: LockOptions): Promise<HeldLock> {
  const text = JSON.stringify({ pid: node.pid, host: node.host, token: randomToken(), created: Date.now() });
  const deadline = Date.now() + options.timeoutMs;
  let brokeStale = false;
  for (let attempt = 1; ; attempt++) {
    if (await create(node, path, text)) break;
    const holder = await readHolder(node, path);
    if (holder === undefined) continue;
    if (isStale(node, holder, options.staleMs)) {
      await breakLock(node, path, holder);
      brokeStale = true;
      continue;
    }
    if (Date.now() > deadline) {
      const who = holder.pid === undefined ? 'an unreadable lock' : `process ${holder.pid} on ${holder.host} since ${new Date(holder.created!).toISOString()}`;
      throw new Error(`FileStatusListStore: the lock ${path} is held by ${who}; gave up after ${options.timeoutMs} ms. If no process is writing this list, delete the lock file.`);
    }
    await pause(1 + Math.random() * Math.min(25, 2 ** Math.min(attempt, 5)));
  }
  const own = async () => (await readText(node, path)) === text;
  return {
    brokeStale,
    async check() {
      if (!(await own())) throw new Error(`FileStatusListStore: the lock ${path} was taken over by another process (it judged it stale) before this write; nothing was written. Try again.`);
    },
    async release() {
      if (await own()) await node.fs.unlink(path).catch(() => undefined);
    },
  };
}
