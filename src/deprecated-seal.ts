/**
 * The root's re-export of the EDC seal verifier, kept through 0.2.x for code written against 0.1.0.
 * The same function and table as `eu-micro-credentials/edc-seal` (identical objects), marked
 * deprecated so that editors strike them through.
 */
import { EDC_SEAL_CODES as CODES, verifyEdcSeal as verify } from './seal/edc-seal.js';

/**
 * Verifies an EDC seal: see `verifyEdcSeal` in `eu-micro-credentials/edc-seal`, which this is.
 *
 * @deprecated Since 0.2.0: import it from `eu-micro-credentials/edc-seal`. The root's re-export
 * will be removed in 0.3.0.
 * @example
 * // Before: import { verifyEdcSeal } from 'eu-micro-credentials';
 * import { verifyEdcSeal } from 'eu-micro-credentials/edc-seal';
 * const { verified, issues } = await verifyEdcSeal(sealed, { trustAnchors: [pem] });
 */
export const verifyEdcSeal: typeof verify = verify;

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
