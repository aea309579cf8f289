/** The error of a batch whose credential failed: `signCredential()`'s reason, with the credential's position. */
import { ERROR_KIND } from '../../rules/errors.js';
import { SigningError } from '../sign.js';

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
