/**
 * The runtime under a batch: its worker threads (where it has them), its cores, its event loop,
 * and how many workers a batch gets.
 */
import { type WorkerLike, type WorkerThreadsModule, OS_MODULE, PROCESS_MODULE, WORKER_THREADS_MODULE } from './protocol.js';

/** At most this many workers: more would only wait for cores and multiply start-up memory. */
export const MAX_WORKERS = 64;
/**
 * With `workers: 'auto'`, one worker per this many credentials at most: starting a worker (loading
 * the JSON-LD stack, warming up V8's compiler) costs about as much as signing this many.
 */
const AUTO_CREDENTIALS_PER_WORKER = 48;

/** `node:worker_threads`, or undefined where the runtime has none (browsers) or forbids it. */
export async function workerThreads(): Promise<WorkerThreadsModule | undefined> {
  // Not even tried where this module was not loaded from a file (a browser page: the import would
  // show up as a refused request and a console error) or in a Web Worker. A page bundled by a tool
  // that writes a file: URL for import.meta.url still ends up here: the import fails, nothing else.
  const here: unknown = import.meta.url;
  const web = globalThis as { importScripts?: unknown };
  if (typeof here !== 'string' || !here.startsWith('file:') || typeof web.importScripts === 'function') return undefined;
  try {
    const threads = (await import(/* @vite-ignore */ /* webpackIgnore: true */ WORKER_THREADS_MODULE)) as Partial<WorkerThreadsModule>;
    return typeof threads.Worker === 'function' ? (threads as WorkerThreadsModule) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runtime flags for the workers, when the inherited ones would not do: without `--input-type`,
 * which Node refuses for a worker given a file (`node --input-type=module -e …` would start none).
 * Undefined otherwise: the workers then inherit the process's flags (loaders, `--conditions`,
 * require(esm) switches), and Node leaves out by itself those that only apply to a process.
 */
export async function workerExecArgv(): Promise<string[] | undefined> {
  try {
    const proc = (await import(/* @vite-ignore */ /* webpackIgnore: true */ PROCESS_MODULE)) as { default?: { execArgv?: unknown } };
    const argv = proc.default?.execArgv;
    if (!Array.isArray(argv) || !argv.some((arg) => typeof arg === 'string' && arg.startsWith('--input-type'))) return undefined;
    return argv.filter((arg, i) => typeof arg === 'string' && !arg.startsWith('--input-type') && argv[i - 1] !== '--input-type');
  } catch {
    return undefined;
  }
}

/**
 * Starts a worker. Flags given explicitly are checked more strictly than inherited ones: Node
 * refuses V8 and per-process flags there (ERR_WORKER_INVALID_EXEC_ARGV), so then it gets none.
 */
export function startWorker(threads: WorkerThreadsModule, url: URL, execArgv: string[] | undefined): WorkerLike {
  if (!execArgv) return new threads.Worker(url);
  try {
    return new threads.Worker(url, { execArgv });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new threads.Worker(url, { execArgv: [] });
  }
}

/** Cores available to this process (1 when the runtime does not say). */
async function parallelism(): Promise<number> {
  const hinted = (globalThis as { navigator?: { hardwareConcurrency?: unknown } }).navigator?.hardwareConcurrency;
  if (typeof hinted === 'number' && hinted >= 1) return Math.floor(hinted);
  try {
    const os = (await import(/* @vite-ignore */ /* webpackIgnore: true */ OS_MODULE)) as { availableParallelism?: () => number; cpus?: () => unknown[] };
    return Math.max(1, os.availableParallelism?.() ?? os.cpus?.().length ?? 1);
  } catch {
    return 1;
  }
}

type Timers = { setImmediate?: (callback: () => void) => unknown; setTimeout: (callback: () => void, ms: number) => unknown };

/**
 * Returns a function to await between two credentials signed in the calling thread, so that the
 * event loop runs (worker messages, abort events, the page): signing awaits only promises that are
 * already settled, which never yields. `setImmediate` costs microseconds and runs every time; where
 * only `setTimeout` exists (browsers clamp it to 4 ms), it runs every 50 ms of work.
 */
export function eventLoopYielder(): () => Promise<void> {
  const timers = globalThis as unknown as Timers;
  const immediate = timers.setImmediate;
  if (immediate) return () => new Promise<void>((resolve) => immediate(resolve));
  let last = Date.now();
  return async () => {
    if (Date.now() - last < 50) return;
    await new Promise<void>((resolve) => timers.setTimeout(resolve, 0));
    last = Date.now();
  };
}

/** How the batch runs on worker threads. */
export interface Plan {
  workers: number;
  /** 'auto': a worker that cannot start leaves its work to the other threads instead of failing the call. */
  tolerant: boolean;
}

/**
 * 'auto': one worker per core, and no more workers than the batch repays; the calling thread hands
 * out work. Measured on 2 cores: 2 workers sign a cohort about 20 % faster than 1 worker with the
 * calling thread signing too, although that saves a worker's start-up: the calling thread holds the
 * whole cohort, so its garbage collections mark a heap a hundred times a worker's.
 * `workers: n`: n workers.
 */
export async function plan(total: number, requested: number | 'auto'): Promise<Plan | undefined> {
  if (requested === 0 || total === 0) return undefined;
  if (requested === 'auto') {
    const workers = Math.min(MAX_WORKERS, await parallelism(), Math.floor(total / AUTO_CREDENTIALS_PER_WORKER));
    return workers >= 2 ? { workers, tolerant: true } : undefined;
  }
  return { workers: Math.min(requested, total), tolerant: false };
}
