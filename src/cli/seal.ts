/**
 * The seal of an EDC-sealed envelope, with the verdict the command line gives it. Content is
 * content.ts's question; this file answers "is the seal intact, and who made it?".
 */
import type { CheckOptions } from './check-types.js';
import { type Finding, finding } from './finding.js';

// The seal verifier has its own entry point (it needs no signing stack); loaded on first use.
const sealVerification = () => import('eu-micro-credentials/edc-seal');

/** What a sealed document's check found, with the verdict the command line gives it. */
export interface SealCheck {
  passed: boolean;
  findings: Finding[];
  assurance: 'trusted' | 'integrity-only' | 'none';
  /** The signed payload, parsed, when the seal is intact (read from `payload` alone, never from the envelope's other members). */
  credential?: unknown;
}

const TRUST_NOT_CHECKED = {
  integrityOnly:
    'Integrity only (--integrity-only): the signer is not checked. The seal shows the document is unchanged since it was sealed, not who sealed it: anyone can seal with a certificate of their own making. Give --trust-anchors to check the signer.',
  refused:
    'Not verified: no --trust-anchors were given, so nothing says who sealed this document (anyone can seal with a certificate of their own making). Give --trust-anchors <pem> (e.g. the EDC eSeal issuing CA), or --integrity-only to check integrity alone.',
};

/**
 * A seal is verified only when its certificate chains to one of the user's trust anchors, or when
 * the user asked for integrity alone (`--integrity-only`): anyone can seal with a certificate of
 * their own making, so an intact seal without anchors says nothing about who sealed it. The verdict
 * is decided here from the options and the library's `integrity`, `trusted` and errors, so that it
 * holds whatever the library's default for a call without anchors.
 */
export async function checkSeal(json: unknown, options: CheckOptions): Promise<SealCheck> {
  const { verifyEdcSeal } = await sealVerification();
  const anchors = options.trustAnchors;
  const integrityOnly = anchors === undefined && options.integrityOnly === true;
  const result = await verifyEdcSeal(json, {
    ...(options.now ? { now: options.now } : {}),
    ...(anchors ? { trustAnchors: anchors } : {}),
    ...(integrityOnly ? { integrityOnly: true } : {}),
  });
  const findings: Finding[] = result.issues
    .filter((i) => anchors !== undefined || i.code !== 'EDC_SEAL_TRUST_NOT_CHECKED')
    .map((i) => finding(i.code, i.severity, i.path, i.message));
  if (anchors === undefined) {
    findings.push(integrityOnly ? finding('EDC_SEAL_TRUST_NOT_CHECKED', 'warning', '', TRUST_NOT_CHECKED.integrityOnly) : finding('EDC_SEAL_TRUST_NOT_CHECKED', 'error', '', TRUST_NOT_CHECKED.refused));
  }
  const errors = findings.some((f) => f.severity === 'error');
  const passed = !errors && result.integrity && (anchors !== undefined ? result.verified && result.trusted === true : integrityOnly);
  if (!passed && !errors) findings.push(finding('EUMC_NOT_VERIFIED', 'error', '', 'The seal is not verified.'));
  return {
    passed,
    findings,
    assurance: !passed ? 'none' : anchors !== undefined ? 'trusted' : 'integrity-only',
    ...(result.integrity && result.credential !== undefined ? { credential: result.credential } : {}),
  };
}
