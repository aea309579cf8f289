/**
 * The W3C proof of a signed credential: signature, issuer and key, validity period. Content is
 * content.ts's question.
 */
import type { CheckOptions, PartStatus } from './check-types.js';
import { type Finding, finding } from './finding.js';

const vcVerification = () => import('eu-micro-credentials/vc');

/** Verifies the proof of a signed credential; rejects only on a bug (the caller reports it). */
export async function checkProof(json: unknown, options: CheckOptions): Promise<{ status: PartStatus; issues: Finding[] }> {
  const { verifyCredential } = await vcVerification();
  const result = await verifyCredential(json, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.trustedIssuers ? { trustedIssuers: options.trustedIssuers } : {}),
    ...(options.controllers ? { controllers: options.controllers } : {}),
  });
  const issues = result.issues.map((i) => finding(i.code, i.severity, i.path, i.message));
  return { status: result.verified && !issues.some((i) => i.severity === 'error') ? 'passed' : 'failed', issues };
}
