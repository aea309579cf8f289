/**
 * Batch issuing: `signCredentials()` signs a cohort's credentials with one key, on worker threads
 * where the runtime has them (Node, Deno, Bun) and in the calling thread elsewhere (browsers), with
 * the same result either way: each credential is exactly what `signCredential()` makes of it.
 *
 * Why threads: signing is CPU-bound JSON-LD work (expansion and canonicalization, docs/signing.md),
 * so one thread signs one credential at a time however many are awaited together.
 */
import { ERROR_KIND } from '../rules/errors.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import { type FromWorker, type SignedDelta, type WorkerInit, type WorkerLike, type WorkerThreadsModule, OS_MODULE, PROCESS_MODULE, WORKER_THREADS_MODULE } from './batch-protocol.js';
import { readDocument, unreadableMessage } from './input.js';
import { IssuerKey, exportKey } from './keys.js';
import { keyLoader } from './resolver.js';
import { type SignOptions, type SignedCredential, SigningError, signCredential } from './sign.js';
import { SUITES } from './suites.js';

/**
 * The part of an `AbortSignal` that `signCredentials()` uses (Node's and the DOM's both fit).
 *
 * @example
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 60_000);
 * await signCredentials(cohort, { key, signal: controller.signal });
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * Options of `signCredentials()`: those of `signCredential()`, and how to run the batch.
 *
 * @example
 * const options: SignCredentialsOptions = { key, suite: 'eddsa-jcs-2022', workers: 'auto', onProgress: (done, total) => bar.update(done / total) };
 */
export interface SignCredentialsOptions extends SignOptions {
  /**
   * Worker threads that sign: `0` signs in the calling thread; a number from 1 to 64 starts that
   * many workers, and the calling thread only hands out work; `'auto'` (default) starts one worker
   * per core, one per 48 credentials at most, and signs in the calling thread when that makes fewer
   * than two. Where the runtime has no worker threads, the calling thread signs whatever this says.
   */
  workers?: number | 'auto';
  /** Called as credentials complete, with how many are done; always once more at the end (`done === total`). */
  onProgress?: (done: number, total: number) => void;
  /** Stops the batch: the call rejects with the signal's reason and the workers are terminated. */
  signal?: AbortSignalLike;
}

/**
 * A credential of a batch failed: `reason` is what `signCredential()` would have said about it,
 * and `index` is its position in the input. The batch stops at the first failing credential in input
 * order, and nothing of it is returned.
 *
 * @example
 * try {
 *   await signCredentials(cohort, { key });
 * } catch (e) {
 *   if (e instanceof BatchSigningError) console.log(`fix credential ${e.index}: ${e.reason}`);
 *   else throw e;
 * }
 */
export class BatchSigningError extends SigningError {
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'BatchSigningError';
  /** The position of the failing credential in the input array. */
  readonly index: number;
  constructor(reason: SigningError['reason'], message: string, index: number) {
    super(reason, `Credential ${index}: ${message}`);
    this.name = 'BatchSigningError';
    this.index = index;
  }
}

/** At most this many workers: more would only wait for cores and multiply start-up memory. */
const MAX_WORKERS = 64;
/**
 * With `workers: 'auto'`, one worker per this many credentials at most: starting a worker (loading
 * the JSON-LD stack, warming up V8's compiler) costs about as much as signing this many.
 */
const AUTO_CREDENTIALS_PER_WORKER = 48;
/** Largest chunk sent to a worker at once; chunks shrink towards the end so that threads finish together. */
const MAX_CHUNK = 16;
/** Chunks a worker holds at once: the next one is there when it finishes the current one. */
const CHUNKS_IN_FLIGHT = 2;

const REASONS: ReadonlySet<string> = new Set<SigningError['reason']>(['CREDENTIAL_MALFORMED', 'UNDEFINED_TERM', 'CONTEXT_NOT_BUNDLED', 'ISSUER_KEY_MISMATCH', 'VERIFICATION_FAILED']);

/** @internal Where the worker script is; tests running from the source tree point it at the build. */
let workerScript: URL | undefined;

/**
 * @internal Sets the worker script's URL (tests run `src/`, whose worker would be TypeScript).
 *
 * @example
 * setSignWorkerScript(new URL('../dist/sign-worker.js', import.meta.url));
 */
export function setSignWorkerScript(url: URL | undefined): void {
  workerScript = url;
}

/**
 * The worker script next to this module: `sign-worker.js`, an ES module, for the ES module and the
 * CommonJS build alike (a worker thread loads an ES module whatever started it, with or without
 * Node's require(esm)).
 */
function workerUrl(): URL {
  if (workerScript) return workerScript;
  // In the CommonJS build, the build's shim derives import.meta.url from __filename.
  return new URL('./sign-worker.js', import.meta.url);
}

function checkOptions(credentials: unknown, options: unknown): asserts options is SignCredentialsOptions {
  if (!Array.isArray(credentials)) throw new TypeError('signCredentials(): credentials must be an array');
  if (options === null || typeof options !== 'object') throw new TypeError('signCredentials(): options must be an object with a `key`');
  const o = options as SignCredentialsOptions;
  if (!(o.key instanceof IssuerKey)) throw new TypeError('signCredentials(): options.key must be an IssuerKey (generateIssuerKey() or importIssuerKey())');
  if (!o.key.canSign) throw new TypeError(`signCredentials(): the key ${o.key.id} has no private part`);
  if (o.suite !== undefined && !SUITES.includes(o.suite)) throw new TypeError(`signCredentials(): options.suite must be one of ${SUITES.join(', ')}`);
  if (o.created !== undefined && (!(typeof o.created === 'string' || o.created instanceof Date) || Number.isNaN(new Date(o.created).getTime()))) {
    throw new TypeError('signCredentials(): options.created is not a date');
  }
  if (o.documents !== undefined) {
    if (o.documents === null || typeof o.documents !== 'object' || Array.isArray(o.documents)) throw new TypeError('signCredentials(): options.documents must be an object of URL → document');
    // The checks signCredential() makes of them (JSON, no bundled URL replaced), made once here
    // rather than for each credential, where they would fail the batch as if the credential had.
    try {
      keyLoader([], o.documents);
    } catch (error) {
      throw new TypeError(`signCredentials(): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const w = o.workers;
  if (w !== undefined && w !== 'auto' && !(typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= MAX_WORKERS)) {
    throw new TypeError(`signCredentials(): options.workers must be 'auto' or an integer from 0 to ${MAX_WORKERS}`);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new TypeError('signCredentials(): options.onProgress must be a function');
  const s = o.signal as unknown;
  if (s !== undefined && (s === null || typeof s !== 'object' || typeof (s as AbortSignalLike).aborted !== 'boolean' || typeof (s as AbortSignalLike).addEventListener !== 'function')) {
    throw new TypeError('signCredentials(): options.signal must be an AbortSignal');
  }
}

/** `node:worker_threads`, or undefined where the runtime has none (browsers) or forbids it. */
async function workerThreads(): Promise<WorkerThreadsModule | undefined> {
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
async function workerExecArgv(): Promise<string[] | undefined> {
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
function startWorker(threads: WorkerThreadsModule, url: URL, execArgv: string[] | undefined): WorkerLike {
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
function eventLoopYielder(): () => Promise<void> {
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

/**
 * A signed credential from this thread's copy of the input and what the worker says signing changed:
 * the same members in the same order as the worker's, so the same bytes.
 */
function rebuild(copy: JsonObject, signed: SignedDelta): SignedCredential {
  const changed = new Map(signed.changed);
  const out: Record<string, JsonValue> = {};
  for (const key of signed.keys) out[key] = changed.has(key) ? changed.get(key)! : copy[key]!;
  return out as SignedCredential;
}

/** Why the batch stopped: the signal's reason, or an error saying it was aborted (runtimes without `reason`). */
function abortReason(signal: AbortSignalLike): unknown {
  return signal.reason ?? new Error('signCredentials(): aborted');
}

/** How the batch runs on worker threads. */
interface Plan {
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
async function plan(total: number, requested: number | 'auto'): Promise<Plan | undefined> {
  if (requested === 0 || total === 0) return undefined;
  if (requested === 'auto') {
    const workers = Math.min(MAX_WORKERS, await parallelism(), Math.floor(total / AUTO_CREDENTIALS_PER_WORKER));
    return workers >= 2 ? { workers, tolerant: true } : undefined;
  }
  return { workers: Math.min(requested, total), tolerant: false };
}

/**
 * Signs many credentials with one key, as `signCredential()` signs each, and returns them in input
 * order. Large batches are spread over worker threads (`workers`); the input is copied when the call
 * is made, so changing it afterwards changes nothing, and it is never modified.
 *
 * Failure: the call rejects with a `BatchSigningError` (a `SigningError` with the same `reason`,
 * and the failing credential's `index`) for the first credential in input order that fails,
 * after stopping the workers; no partial result is returned. Misuse (a bad option) is a TypeError.
 *
 * The proof's `created` time defaults to the time of the call, the same for the whole batch.
 * Workers are started for the call and terminated before it settles: nothing keeps the process alive
 * afterwards. The issuer key reaches them as its exported parts, over their message channel only.
 *
 * @example
 * const key = await generateIssuerKey({ controller: 'did:web:uni.example.eu' });
 * const signed = await signCredentials(cohort.map((mc) => toElm(mc)), {
 *   key,
 *   onProgress: (done, total) => console.log(`${done}/${total}`),
 * });
 */
export async function signCredentials(credentials: readonly unknown[], options: SignCredentialsOptions): Promise<SignedCredential[]> {
  checkOptions(credentials, options);
  const total = credentials.length;
  const created = options.created === undefined ? new Date() : new Date(options.created);
  const signOptions: SignOptions = {
    key: options.key,
    suite: options.suite ?? 'Ed25519Signature2020',
    created,
    setIssuer: Boolean(options.setIssuer),
    ...(options.documents ? { documents: options.documents } : {}),
  };
  // Copied now, before the first await: what the caller does with the input later changes nothing.
  const copies: (JsonObject | undefined)[] = [];
  let firstMalformed: BatchSigningError | undefined;
  for (let i = 0; i < total; i++) {
    const copy = readDocument(credentials[i]);
    if (copy.ok) copies.push(copy.value);
    else {
      copies.push(undefined);
      firstMalformed ??= new BatchSigningError('CREDENTIAL_MALFORMED', unreadableMessage(copy), i);
    }
  }
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortReason(signal);
  const how = await plan(total, options.workers ?? 'auto');
  const threads = how ? await workerThreads() : undefined;
  return run({ copies, total, signOptions, firstMalformed, signal, onProgress, how: threads ? how : undefined, threads });
}

interface RunInput {
  copies: (JsonObject | undefined)[];
  total: number;
  signOptions: SignOptions;
  firstMalformed: BatchSigningError | undefined;
  signal: AbortSignalLike | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
  how: Plan | undefined;
  threads: WorkerThreadsModule | undefined;
}

/** A started worker and the chunks it holds. */
interface Lane {
  worker: WorkerLike;
  ready: boolean;
  chunks: { start: number; end: number }[];
}

/**
 * The scheduler. Work is handed out in input order, in chunks to workers (or one credential at a
 * time to the calling thread, without workers); each result lands at its input position. After a
 * failure nothing beyond it is handed out, and the call settles once everything before it is done,
 * so that the error is the first in input order, whichever thread was faster.
 */
function run(input: RunInput): Promise<SignedCredential[]> {
  const { copies, total, signOptions, signal, onProgress, how, threads } = input;
  const results: SignedCredential[] = new Array(total);
  const lanes: Lane[] = [];
  let next = 0;
  let done = 0;
  let failure: BatchSigningError | Error | undefined = input.firstMalformed;
  let failureIndex = input.firstMalformed?.index ?? total;
  /** The input position the calling thread is signing, or -1. */
  let callingThreadAt = -1;
  let callingThreadActive = false;
  let settled = false;
  let resolveRun!: (value: SignedCredential[]) => void;
  let rejectRun!: (reason: unknown) => void;
  const promise = new Promise<SignedCredential[]>((resolve, reject) => {
    resolveRun = resolve;
    rejectRun = reject;
  });

  const onAbort = () => finish(abortReason(signal!));
  signal?.addEventListener('abort', onAbort);

  function finish(fatal?: unknown): void {
    if (settled) return;
    settled = true;
    signal?.removeEventListener('abort', onAbort);
    const stopping = lanes.map((lane) => lane.worker.terminate().catch(() => 0));
    void Promise.all(stopping).then(() => {
      if (fatal !== undefined) rejectRun(fatal);
      else if (failure) rejectRun(failure);
      else resolveRun(results);
    });
  }

  function fail(index: number, error: BatchSigningError | Error): void {
    if (index < failureIndex) {
      failureIndex = index;
      failure = error;
    }
  }

  /** Settles when all is signed, or when nothing before the first failure is still being signed. */
  function check(): void {
    if (settled) return;
    if (failure) {
      const pendingBefore =
        next < failureIndex || (callingThreadAt >= 0 && callingThreadAt < failureIndex) || lanes.some((l) => l.chunks.some((c) => c.start < failureIndex));
      if (!pendingBefore) finish();
    } else if (done === total) {
      finish();
    } else if (lanes.length === 0 && !callingThreadActive) {
      // Every worker failed to start (tolerated with 'auto'): the calling thread takes over.
      void signInCallingThread();
    }
  }

  function progress(count: number): void {
    done += count;
    if (!onProgress || settled) return;
    try {
      onProgress(done, total);
    } catch (error) {
      finish(error);
    }
  }

  function take(size: number): { start: number; end: number } | undefined {
    const limit = failure ? failureIndex : total;
    if (settled || next >= limit) return undefined;
    const start = next;
    next = Math.min(start + size, limit);
    return { start, end: next };
  }

  /** Guided chunk size: large while much is left, down to 1 at the end, so that threads finish together. */
  function chunkSize(): number {
    return Math.max(1, Math.min(MAX_CHUNK, Math.ceil((total - next) / (2 * CHUNKS_IN_FLIGHT * Math.max(1, lanes.length)))));
  }

  function feed(lane: Lane): void {
    while (lane.ready && lane.chunks.length < CHUNKS_IN_FLIGHT) {
      const chunk = take(chunkSize());
      if (!chunk) return;
      lane.chunks.push(chunk);
      lane.worker.postMessage({ type: 'sign', start: chunk.start, credentials: copies.slice(chunk.start, chunk.end) });
    }
  }

  function removeLane(lane: Lane): void {
    const at = lanes.indexOf(lane);
    if (at >= 0) lanes.splice(at, 1);
  }

  function onMessage(lane: Lane, message: FromWorker): void {
    if (settled) return;
    try {
      handle(lane, message);
    } catch (error) {
      // Never an uncaught exception in the caller's process from a worker's message.
      finish(error);
    }
  }

  function handle(lane: Lane, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        lane.ready = true;
        feed(lane);
        break;
      case 'done': {
        lane.chunks = lane.chunks.filter((c) => c.start !== message.start);
        message.signed.forEach((entry, i) => (results[message.start + i] = rebuild(copies[message.start + i]!, entry)));
        progress(message.signed.length);
        feed(lane);
        break;
      }
      case 'failed': {
        if (message.index < 0) {
          finish(new Error(`signCredentials(): a signing worker could not be set up: ${message.message}`));
          return;
        }
        lane.chunks = lane.chunks.filter((c) => !(c.start <= message.index && message.index < c.end));
        const reason = message.reason !== undefined && REASONS.has(message.reason) ? (message.reason as SigningError['reason']) : undefined;
        fail(message.index, reason ? new BatchSigningError(reason, message.message, message.index) : new Error(`signCredentials(): credential ${message.index}: ${message.message}`));
        feed(lane);
        break;
      }
    }
    check();
  }

  function onWorkerError(lane: Lane, error: unknown): void {
    if (settled) return;
    if (!lane.ready && how?.tolerant) {
      // 'auto': the worker script is missing or cannot load here (a bundle without it, say).
      removeLane(lane);
      void lane.worker.terminate().catch(() => 0);
      check();
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    finish(new Error(`signCredentials(): a signing worker ${lane.ready ? 'stopped' : 'could not start'}: ${message}${lane.ready ? '' : '; pass workers: 0 to sign in the calling thread'}`));
  }

  async function signInCallingThread(): Promise<void> {
    if (callingThreadActive) return;
    callingThreadActive = true;
    const yieldToEventLoop = eventLoopYielder();
    for (let chunk = take(1); chunk; chunk = take(1)) {
      callingThreadAt = chunk.start;
      const copy = copies[chunk.start]!;
      try {
        results[chunk.start] = await signCredential(copy, signOptions);
        if (!settled) progress(1);
      } catch (error) {
        fail(chunk.start, error instanceof SigningError ? new BatchSigningError(error.reason, error.message, chunk.start) : (error as Error));
      }
      callingThreadAt = -1;
      check();
      if (settled) break;
      // Worker messages, progress and abort events are handled between two credentials.
      await yieldToEventLoop();
    }
    callingThreadActive = false;
    check();
  }

  async function start(): Promise<void> {
    if (how && threads) {
      const { id, controller, publicKeyMultibase, secretKeyMultibase } = await exportKey(signOptions.key, { includePrivate: true });
      if (settled) return;
      const init: WorkerInit = {
        type: 'init',
        key: { id, controller, publicKeyMultibase, secretKeyMultibase: secretKeyMultibase! },
        suite: signOptions.suite ?? 'Ed25519Signature2020',
        created: (signOptions.created as Date).toISOString(),
        setIssuer: Boolean(signOptions.setIssuer),
        ...(signOptions.documents ? { documents: signOptions.documents } : {}),
      };
      const url = workerUrl();
      const execArgv = await workerExecArgv();
      if (settled) return;
      for (let i = 0; i < how.workers; i++) {
        let worker: WorkerLike;
        try {
          // V8's default heap sizes: a larger young generation (48 to 192 MB) made signing slower here.
          worker = startWorker(threads, url, execArgv);
        } catch (error) {
          if (how.tolerant) continue;
          throw error;
        }
        const lane: Lane = { worker, ready: false, chunks: [] };
        lanes.push(lane);
        worker.on('message', (m) => onMessage(lane, m as FromWorker));
        worker.on('error', (e) => onWorkerError(lane, e));
        worker.on('exit', (code) => {
          if (!settled) onWorkerError(lane, new Error(`exited with code ${code}`));
        });
        try {
          worker.postMessage(init);
        } catch (error) {
          // documents that structured cloning cannot copy (functions, class instances with private fields).
          finish(new TypeError(`signCredentials(): options.documents must be plain JSON: ${error instanceof Error ? error.message : String(error)}`));
          return;
        }
      }
      if (lanes.length === 0) void signInCallingThread();
    } else {
      void signInCallingThread();
    }
  }

  if (total === 0) {
    progress(0);
    finish();
  } else {
    start().catch((error: unknown) => finish(error));
  }
  return promise;
}
