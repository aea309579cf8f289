/**
 * The batch's scheduler: hands out the credentials to worker threads in chunks (or one at a time to
 * the calling thread), puts each result at its input position, and settles the call.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import type { FromWorker, SignedDelta, WorkerInit, WorkerLike, WorkerThreadsModule } from './protocol.js';
import { exportKey } from '../keys.js';
import { type SignOptions, type SignedCredential, SigningError, signCredential } from '../sign.js';
import { workerUrl } from './worker-url.js';
import { type AbortSignalLike, abortReason } from './abort.js';
import { BatchSigningError } from './batch-error.js';
import { type Plan, eventLoopYielder, startWorker, workerExecArgv } from './threads.js';

/** Largest chunk sent to a worker at once; chunks shrink towards the end so that threads finish together. */
const MAX_CHUNK = 16;
/** Chunks a worker holds at once: the next one is there when it finishes the current one. */
const CHUNKS_IN_FLIGHT = 2;

const REASONS: ReadonlySet<string> = new Set<SigningError['reason']>(['VC_CREDENTIAL_MALFORMED', 'VC_UNDEFINED_TERM', 'VC_CONTEXT_NOT_BUNDLED', 'VC_ISSUER_KEY_MISMATCH', 'VC_VERIFICATION_FAILED']);

/** What the scheduler is given: the copied credentials, how to sign them, and how to run. */
export interface RunInput {
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
 * A signed credential from this thread's copy of the input and what the worker says signing changed:
 * the same members in the same order as the worker's, so the same bytes.
 */
function rebuild(copy: JsonObject, signed: SignedDelta): SignedCredential {
  const changed = new Map(signed.changed);
  const out: Record<string, JsonValue> = {};
  for (const key of signed.keys) out[key] = changed.has(key) ? changed.get(key)! : copy[key]!;
  return out as SignedCredential;
}

/** The message a worker needs before it signs: the key's exported parts and the signing options. */
function workerInit(key: Awaited<ReturnType<typeof exportKey>>, signOptions: SignOptions): WorkerInit {
  const { id, controller, publicKeyMultibase, secretKeyMultibase } = key;
  return {
    type: 'init',
    key: { id, controller, publicKeyMultibase, secretKeyMultibase: secretKeyMultibase! },
    suite: signOptions.suite ?? 'Ed25519Signature2020',
    created: (signOptions.created as Date).toISOString(),
    setIssuer: Boolean(signOptions.setIssuer),
    ...(signOptions.documents ? { documents: signOptions.documents } : {}),
  };
}

/** The error a worker's failure report stands for: a `BatchSigningError` when it gives a known reason. */
function failureOf(message: Extract<FromWorker, { type: 'failed' }>): BatchSigningError | Error {
  const reason = message.reason !== undefined && REASONS.has(message.reason) ? (message.reason as SigningError['reason']) : undefined;
  return reason ? new BatchSigningError(reason, message.message, message.index) : new Error(`signCredentials(): credential ${message.index}: ${message.message}`);
}

/**
 * The scheduler. Work is handed out in input order, in chunks to workers (or one credential at a
 * time to the calling thread, without workers); each result lands at its input position. After a
 * failure nothing beyond it is handed out, and the call settles once everything before it is done,
 * so that the error is the first in input order, whichever thread was faster.
 */
export function run(input: RunInput): Promise<SignedCredential[]> {
  const batch = new BatchRun(input);
  batch.begin();
  return batch.promise;
}

/** One run of the scheduler: its state, and the handlers of worker messages, progress and abort. */
class BatchRun {
  /** Settles with the signed credentials in input order, or with the first failure in input order. */
  readonly promise: Promise<SignedCredential[]>;
  private readonly input: RunInput;
  private readonly total: number;
  private readonly results: SignedCredential[];
  private readonly lanes: Lane[] = [];
  private next = 0;
  private done = 0;
  private failure: BatchSigningError | Error | undefined;
  private failureIndex: number;
  /** The input position the calling thread is signing, or -1. */
  private callingThreadAt = -1;
  private callingThreadActive = false;
  private settled = false;
  private resolveRun!: (value: SignedCredential[]) => void;
  private rejectRun!: (reason: unknown) => void;
  private readonly onAbort = (): void => this.finish(abortReason(this.input.signal!));

  constructor(input: RunInput) {
    this.input = input;
    this.total = input.total;
    this.results = new Array(input.total);
    this.failure = input.firstMalformed;
    this.failureIndex = input.firstMalformed?.index ?? input.total;
    this.promise = new Promise<SignedCredential[]>((resolve, reject) => {
      this.resolveRun = resolve;
      this.rejectRun = reject;
    });
  }

  /** Listens for the abort signal and starts the work (or settles at once on an empty batch). */
  begin(): void {
    this.input.signal?.addEventListener('abort', this.onAbort);
    if (this.total === 0) {
      this.progress(0);
      this.finish();
    } else {
      this.start().catch((error: unknown) => this.finish(error));
    }
  }

  /** Settles the call once, after terminating the workers: with `fatal`, the first failure, or the results. */
  private finish(fatal?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.input.signal?.removeEventListener('abort', this.onAbort);
    const stopping = this.lanes.map((lane) => lane.worker.terminate().catch(() => 0));
    void Promise.all(stopping).then(() => {
      if (fatal !== undefined) this.rejectRun(fatal);
      else if (this.failure) this.rejectRun(this.failure);
      else this.resolveRun(this.results);
    });
  }

  /** Records a credential's failure when it comes before every failure recorded so far. */
  private fail(index: number, error: BatchSigningError | Error): void {
    if (index < this.failureIndex) {
      this.failureIndex = index;
      this.failure = error;
    }
  }

  /** Settles when all is signed, or when nothing before the first failure is still being signed. */
  private check(): void {
    if (this.settled) return;
    if (this.failure) {
      const failureIndex = this.failureIndex;
      const pendingBefore =
        this.next < failureIndex || (this.callingThreadAt >= 0 && this.callingThreadAt < failureIndex) || this.lanes.some((l) => l.chunks.some((c) => c.start < failureIndex));
      if (!pendingBefore) this.finish();
    } else if (this.done === this.total) {
      this.finish();
    } else if (this.lanes.length === 0 && !this.callingThreadActive) {
      // Every worker failed to start (tolerated with 'auto'): the calling thread takes over.
      void this.signInCallingThread();
    }
  }

  /** Counts `count` more credentials as done and tells `onProgress` (whose exception fails the call). */
  private progress(count: number): void {
    this.done += count;
    const { onProgress } = this.input;
    if (!onProgress || this.settled) return;
    try {
      onProgress(this.done, this.total);
    } catch (error) {
      this.finish(error);
    }
  }

  /** The next `size` input positions to sign, never beyond the first failure; undefined when none is left. */
  private take(size: number): { start: number; end: number } | undefined {
    const limit = this.failure ? this.failureIndex : this.total;
    if (this.settled || this.next >= limit) return undefined;
    const start = this.next;
    this.next = Math.min(start + size, limit);
    return { start, end: this.next };
  }

  /** Guided chunk size: large while much is left, down to 1 at the end, so that threads finish together. */
  private chunkSize(): number {
    return Math.max(1, Math.min(MAX_CHUNK, Math.ceil((this.total - this.next) / (2 * CHUNKS_IN_FLIGHT * Math.max(1, this.lanes.length)))));
  }

  /** Sends a ready worker chunks until it holds `CHUNKS_IN_FLIGHT` or nothing is left to hand out. */
  private feed(lane: Lane): void {
    while (lane.ready && lane.chunks.length < CHUNKS_IN_FLIGHT) {
      const chunk = this.take(this.chunkSize());
      if (!chunk) return;
      lane.chunks.push(chunk);
      lane.worker.postMessage({ type: 'sign', start: chunk.start, credentials: this.input.copies.slice(chunk.start, chunk.end) });
    }
  }

  /** Forgets a worker that could not start. */
  private removeLane(lane: Lane): void {
    const at = this.lanes.indexOf(lane);
    if (at >= 0) this.lanes.splice(at, 1);
  }

  /** Handles a worker's message; an exception while doing so fails the call instead of escaping. */
  private onMessage(lane: Lane, message: FromWorker): void {
    if (this.settled) return;
    try {
      this.handle(lane, message);
    } catch (error) {
      // Never an uncaught exception in the caller's process from a worker's message.
      this.finish(error);
    }
  }

  /** Acts on a worker's message: ready for work, a chunk signed, or a credential (or the set-up) failed. */
  private handle(lane: Lane, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        lane.ready = true;
        this.feed(lane);
        break;
      case 'done': {
        lane.chunks = lane.chunks.filter((c) => c.start !== message.start);
        message.signed.forEach((entry, i) => (this.results[message.start + i] = rebuild(this.input.copies[message.start + i]!, entry)));
        this.progress(message.signed.length);
        this.feed(lane);
        break;
      }
      case 'failed': {
        if (message.index < 0) {
          this.finish(new Error(`signCredentials(): a signing worker could not be set up: ${message.message}`));
          return;
        }
        lane.chunks = lane.chunks.filter((c) => !(c.start <= message.index && message.index < c.end));
        this.fail(message.index, failureOf(message));
        this.feed(lane);
        break;
      }
    }
    this.check();
  }

  /** A worker's error or exit: tolerated before it is ready with 'auto', fatal otherwise. */
  private onWorkerError(lane: Lane, error: unknown): void {
    if (this.settled) return;
    if (!lane.ready && this.input.how?.tolerant) {
      // 'auto': the worker script is missing or cannot load here (a bundle without it, say).
      this.removeLane(lane);
      void lane.worker.terminate().catch(() => 0);
      this.check();
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.finish(new Error(`signCredentials(): a signing worker ${lane.ready ? 'stopped' : 'could not start'}: ${message}${lane.ready ? '' : '; pass workers: 0 to sign in the calling thread'}`));
  }

  /** Signs in the calling thread, one credential at a time, yielding to the event loop between two. */
  private async signInCallingThread(): Promise<void> {
    if (this.callingThreadActive) return;
    this.callingThreadActive = true;
    const yieldToEventLoop = eventLoopYielder();
    for (let chunk = this.take(1); chunk; chunk = this.take(1)) {
      this.callingThreadAt = chunk.start;
      const copy = this.input.copies[chunk.start]!;
      try {
        this.results[chunk.start] = await signCredential(copy, this.input.signOptions);
        if (!this.settled) this.progress(1);
      } catch (error) {
        this.fail(chunk.start, error instanceof SigningError ? new BatchSigningError(error.reason, error.message, chunk.start) : (error as Error));
      }
      this.callingThreadAt = -1;
      this.check();
      if (this.settled) break;
      // Worker messages, progress and abort events are handled between two credentials.
      await yieldToEventLoop();
    }
    this.callingThreadActive = false;
    this.check();
  }

  /** Starts the plan's workers, or signs in the calling thread when there are none. */
  private async start(): Promise<void> {
    const { how, threads, signOptions } = this.input;
    if (!(how && threads)) {
      void this.signInCallingThread();
      return;
    }
    const exported = await exportKey(signOptions.key, { includePrivate: true });
    if (this.settled) return;
    const init = workerInit(exported, signOptions);
    const url = workerUrl();
    const execArgv = await workerExecArgv();
    if (this.settled) return;
    for (let i = 0; i < how.workers; i++) {
      if (!this.startLane(threads, url, execArgv, init, how.tolerant)) return;
    }
    if (this.lanes.length === 0) void this.signInCallingThread();
  }

  /**
   * Starts one worker, listens to it and sends it `init`; false when that message cannot be sent
   * (the call is then settled). A worker that cannot start is skipped when `tolerant`.
   */
  private startLane(threads: WorkerThreadsModule, url: URL, execArgv: string[] | undefined, init: WorkerInit, tolerant: boolean): boolean {
    let worker: WorkerLike;
    try {
      // V8's default heap sizes: a larger young generation (48 to 192 MB) made signing slower here.
      worker = startWorker(threads, url, execArgv);
    } catch (error) {
      if (tolerant) return true;
      throw error;
    }
    const lane: Lane = { worker, ready: false, chunks: [] };
    this.lanes.push(lane);
    worker.on('message', (m) => this.onMessage(lane, m as FromWorker));
    worker.on('error', (e) => this.onWorkerError(lane, e));
    worker.on('exit', (code) => {
      if (!this.settled) this.onWorkerError(lane, new Error(`exited with code ${code}`));
    });
    try {
      worker.postMessage(init);
    } catch (error) {
      // documents that structured cloning cannot copy (functions, class instances with private fields).
      this.finish(new TypeError(`signCredentials(): options.documents must be plain JSON: ${error instanceof Error ? error.message : String(error)}`));
      return false;
    }
    return true;
  }
}
