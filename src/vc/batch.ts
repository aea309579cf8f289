/**
 * Batch issuing: `signCredentials()` signs a cohort's credentials with one key, on worker threads
 * where the runtime has them (Node, Deno, Bun) and in the calling thread elsewhere (browsers), with
 * the same result either way: each credential is exactly what `signCredential()` makes of it.
 *
 * Why threads: signing is CPU-bound JSON-LD work (expansion and canonicalization, docs/signing.md),
 * so one thread signs one credential at a time however many are awaited together.
 */
import type { JsonObject } from '../json/types.js';
import { type AbortSignalLike, abortReason } from './batch/abort.js';
import { BatchSigningError } from './batch/batch-error.js';
import { run } from './batch/scheduler.js';
import { MAX_WORKERS, plan, workerThreads } from './batch/threads.js';
import { readDocument, unreadableMessage } from './input.js';
import { IssuerKey } from './keys.js';
import { keyLoader } from './resolver.js';
import type { SignOptions, SignedCredential } from './sign.js';
import { SUITES } from './suites.js';

export type { AbortSignalLike } from './batch/abort.js';
export { BatchSigningError } from './batch/batch-error.js';
export { setSignWorkerScript } from './batch/worker-url.js';

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

/** Throws a TypeError for misuse: credentials that are not an array, or an option of the wrong kind. */
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
      firstMalformed ??= new BatchSigningError('VC_CREDENTIAL_MALFORMED', unreadableMessage(copy), i);
    }
  }
  const { signal, onProgress } = options;
  if (signal?.aborted) throw abortReason(signal);
  const how = await plan(total, options.workers ?? 'auto');
  const threads = how ? await workerThreads() : undefined;
  return run({ copies, total, signOptions, firstMalformed, signal, onProgress, how: threads ? how : undefined, threads });
}
