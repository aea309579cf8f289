/**
 * Stopping a batch: the part of an `AbortSignal` that `signCredentials()` uses, and the reason the
 * call rejects with.
 */

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

/** Why the batch stopped: the signal's reason, or an error saying it was aborted (runtimes without `reason`). */
export function abortReason(signal: AbortSignalLike): unknown {
  return signal.reason ?? new Error('signCredentials(): aborted');
}
