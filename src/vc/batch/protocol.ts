/**
 * What `signCredentials()` and its worker threads say to each other, and the small part of Node's
 * `node:worker_threads` they use. Declared here rather than taken from @types/node: the core
 * compiles without Node's types, and only reaches `node:worker_threads` by a dynamic import where
 * the runtime has it. The `node:` specifiers live in this folder only (test/architecture.test.ts):
 * the rest of the library runs in any JavaScript runtime.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import type { ExportedKey } from '../keys.js';
import type { SuiteName } from '../suites.js';

/** The specifiers, kept in variables so that bundlers for browsers leave the imports alone. */
export const WORKER_THREADS_MODULE = 'node:worker_threads';
export const PROCESS_MODULE = 'node:process';
export const OS_MODULE = 'node:os';
export const MODULE_MODULE = 'node:module';

/** A port of `node:worker_threads` (a `Worker` or the worker's `parentPort`). */
export interface PortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** The part of a `node:worker_threads` Worker that `signCredentials()` uses. */
export interface WorkerLike extends PortLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

/** The part of the `node:worker_threads` module that `signCredentials()` and its worker use. */
export interface WorkerThreadsModule {
  Worker: new (
    url: URL,
    options?: { execArgv?: string[] },
  ) => WorkerLike;
  parentPort: PortLike | null;
  isMainThread: boolean;
}

/**
 * The signing options as they travel to a worker: the key as its exported parts (with the private
 * part; `IssuerKey` hides it in a private field, which structured cloning cannot copy).
 */
export interface WorkerInit {
  type: 'init';
  key: Required<Pick<ExportedKey, 'id' | 'controller' | 'publicKeyMultibase' | 'secretKeyMultibase'>>;
  suite: SuiteName;
  created: string;
  setIssuer: boolean;
  documents?: Readonly<Record<string, object>>;
}

/** A chunk of credentials (plain JSON copies) starting at input position `start`. */
export interface WorkerChunk {
  type: 'sign';
  start: number;
  credentials: JsonObject[];
}

/** From the worker: the signing options are in place. */
export interface WorkerReady {
  type: 'ready';
  /** Whether this worker's jsonld.js shares term definitions (see worker-jsonld.ts); for tests. */
  termDefinitionsShared: boolean;
}

/**
 * A signed credential as the worker sends it back: its members in order, and the values of those
 * that signing changed or added (`@context`, `proof`, and `issuanceDate` or `issuer` where it set
 * them). The calling thread has the rest in its own copy of the input: sending the whole document
 * back would cost more than signing's own hashing (structured cloning 100 KB twice).
 */
export interface SignedDelta {
  keys: string[];
  changed: [string, JsonValue][];
}

/** From the worker: a chunk signed, in order. */
export interface WorkerDone {
  type: 'done';
  start: number;
  signed: SignedDelta[];
}

/** From the worker: the credential at input position `index` failed (the rest of its chunk was not signed). */
export interface WorkerFailed {
  type: 'failed';
  /** Input position, or -1 when setting up the worker failed. */
  index: number;
  /** The SigningError's reason, absent for any other error. */
  reason?: string;
  message: string;
}

export type ToWorker = WorkerInit | WorkerChunk;
export type FromWorker = WorkerReady | WorkerDone | WorkerFailed;
