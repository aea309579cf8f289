/**
 * The root's re-export of the EDC seal verifier, kept through 0.2.x for code written against 0.1.0.
 * `verifyEdcSeal` loads the verifier on its first call (so that the root does not carry it), and
 * answers exactly as `eu-micro-credentials/edc-seal` does; `EDC_SEAL_CODES` is the same table.
 * Both are marked deprecated, so that editors strike them through.
 */
import { EDC_SEAL_CODES as CODES } from './seal/codes.js';
import type { EdcSealVerification, VerifyEdcSealOptions } from './seal/edc-seal.js';

/**
 * Verifies an EDC seal: see `verifyEdcSeal` in `eu-micro-credentials/edc-seal`, which this calls.
 *
 * @deprecated Since 0.2.0: import it from `eu-micro-credentials/edc-seal`. The root's re-export
 * will be removed in 0.3.0.
 * @example
 * // Before: import { verifyEdcSeal } from 'eu-micro-credentials';
 * import { verifyEdcSeal } from 'eu-micro-credentials/edc-seal';
 * const { verified, issues } = await verifyEdcSeal(sealed, { trustAnchors: [pem] });
 */
export async function verifyEdcSeal(doc: unknown, options?: VerifyEdcSealOptions): Promise<EdcSealVerification> {
  const seal = await import('./seal/edc-seal.js');
  return seal.verifyEdcSeal(doc, options);
}

/**
 * Every code `verifyEdcSeal()` can report: see `EDC_SEAL_CODES` in `eu-micro-credentials/edc-seal`,
 * which this is.
 *
 * @deprecated Since 0.2.0: import it from `eu-micro-credentials/edc-seal`. The root's re-export
 * will be removed in 0.3.0.
 * @example
 * // Before: import { EDC_SEAL_CODES } from 'eu-micro-credentials';
 * import { EDC_SEAL_CODES } from 'eu-micro-credentials/edc-seal';
 * console.log(EDC_SEAL_CODES.EDC_SEAL_NOT_JWS.meaning);
 */
export const EDC_SEAL_CODES: typeof CODES = CODES;
