/**
 * The W3C proof of a signed credential: signature, issuer and key, validity period, and its status
 * entries against the lists given (`--status-list`). Content is content.ts's question.
 */
import type { StatusCheck } from 'eu-micro-credentials/status';
import type { CheckOptions, PartStatus } from './check-types.js';
import { type Finding, finding } from './finding.js';
import { statusOptions } from './status-options.js';

const vcVerification = () => import('eu-micro-credentials/vc');

/** Verifies the proof of a signed credential; rejects only on a bug (the caller reports it). */
export async function checkProof(json: unknown, options: CheckOptions): Promise<{ status: PartStatus; issues: Finding[]; statusEntries?: StatusCheck[] }> {
  const { verifyCredential } = await vcVerification();
  const result = await verifyCredential(json, {
    ...(options.now ? { now: options.now } : {}),
    ...(options.trustedIssuers ? { trustedIssuers: options.trustedIssuers } : {}),
    ...(options.controllers ? { controllers: options.controllers } : {}),
    ...statusOptions(options),
  });
  const issues = result.issues.map((i) => finding(i.code, i.severity, i.path, i.message));
  const passed = result.verified && !issues.some((i) => i.severity === 'error');
  return { status: passed ? 'passed' : 'failed', issues, ...(result.status?.length ? { statusEntries: result.status } : {}) };
}
