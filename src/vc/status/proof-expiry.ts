/**
 * The end of a proof's life (W3C Data Integrity 1.0 §2.1, `expires`: "the date and time the proof
 * expires"). The proof suites verify the signature and that `expires` is a date-time, never the
 * time itself: a proof past its `expires` still verifies there. A status list whose proof has
 * expired is an expired list, whatever its `validUntil` says, and a credential likewise; checked at
 * every use (a verified list is kept, and time goes on).
 * @module
 */
import type { JsonObject } from '../../json/types.js';
import { type VcIssue, vcIssue } from '../codes.js';
import { proofPointer, proofsOf } from '../preflight.js';

/**
 * VC_EXPIRED for each proof of `doc` whose `expires` is before `now` (ms), at `/proof/expires`
 * (or `/proof/<i>/expires`).
 *
 * @example
 * proofExpiryIssues(signedList, Date.parse('2026-01-15T00:00:00Z')); // [{ code: 'VC_EXPIRED', path: '/proof/expires', … }] when the proof expired before
 */
export function proofExpiryIssues(doc: JsonObject, now: number): VcIssue[] {
  return proofsOf(doc).flatMap((proof, i) => {
    const expires = proof !== null && typeof proof === 'object' && !Array.isArray(proof) ? (proof as JsonObject).expires : undefined;
    const t = typeof expires === 'string' ? Date.parse(expires) : Number.NaN;
    if (!(t < now)) return [];
    return [vcIssue('VC_EXPIRED', `The proof expired at ${new Date(t).toISOString()} (its \`expires\`), before ${new Date(now).toISOString()}: it no longer vouches for the document.`, `${proofPointer(doc, i)}/expires`)];
  });
}
