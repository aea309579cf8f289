/**
 * One document, one verdict: detects what kind of document it is and checks it with the matching
 * library function.
 */
import { formatPath, validate } from '../index.js';

// The JSON-LD, SHACL and signature stacks load on first use: a run over model files never pays for them.
const elmValidation = () => import('../validate-elm.js');
const vcVerification = () => import('../vc/verify.js');
const sealVerification = () => import('../vc/edc-seal.js');

/** The kinds of documents `eumc validate` knows. */
export const KINDS = ['model', 'elm', 'signed', 'sealed'] as const;
export type Kind = (typeof KINDS)[number];

/** One finding, in the shape every output format uses. */
export interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** Where in the document: a model path (`learningOutcomes[0].title`), a JSON Pointer, or an RDF path. */
  path: string;
  element?: string | null;
  message: string;
}

/** The verdict on one file. */
export interface FileResult {
  file: string;
  kind: Kind | null;
  /** `passed`, `failed` (invalid document), or `unreadable` (could not be read: exit code 2). */
  status: 'passed' | 'failed' | 'unreadable';
  issues: Finding[];
  durationMs: number;
  /**
   * Sealed documents only: what a pass means. `trusted` (the seal chains to a `--trust-anchors`
   * certificate), `integrity-only` (`--integrity-only`: intact, but the signer is not checked), or
   * `none` (not verified).
   */
  assurance?: 'trusted' | 'integrity-only' | 'none';
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What kind of document this is: a sealed envelope, a signed VC, an ELM credential, or the model. */
export function detectKind(json: unknown): Kind {
  // The compact JWS serialization, as a JSON string.
  if (typeof json === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/.test(json)) return 'sealed';
  if (!isObject(json)) return 'model';
  // The general and the flattened JWS JSON serializations: whatever else the envelope holds (a
  // credential spread beside the seal, say) is the seal verifier's to refuse, never read as a credential.
  if (typeof json.payload === 'string' && (Array.isArray(json.signatures) || typeof json.signature === 'string')) return 'sealed';
  if (json.proof !== undefined) return 'signed';
  const types = Array.isArray(json.type) ? json.type : [json.type];
  if (json['@context'] !== undefined || types.includes('EuropeanDigitalCredential') || types.includes('VerifiableCredential')) return 'elm';
  return 'model';
}

/** Options that change verdicts. */
export interface CheckOptions {
  now?: Date;
  trustedIssuers?: readonly string[];
  controllers?: readonly object[];
  trustAnchors?: readonly string[];
  /** `--integrity-only`: a seal without trust anchors passes on integrity alone (never with `trustAnchors`). */
  integrityOnly?: boolean;
  profile?: 'edc' | 'ebsi';
}

/** What a sealed document's check found, with the verdict the command line gives it. */
export interface SealCheck {
  findings: Finding[];
  assurance: 'trusted' | 'integrity-only' | 'none';
  /** The signed payload, parsed, when the seal is intact (read from `payload` alone, never from the envelope's other members). */
  credential?: unknown;
}

/** Checks one parsed document; never throws. */
export async function check(json: unknown, kind: Kind, options: CheckOptions): Promise<Finding[]> {
  return (await checkWithAssurance(json, kind, options)).findings;
}

/** {@link check}, and for sealed documents what a pass means. Never throws. */
export async function checkWithAssurance(json: unknown, kind: Kind, options: CheckOptions): Promise<{ findings: Finding[]; assurance?: SealCheck['assurance'] }> {
  if (kind === 'sealed') {
    try {
      const { findings, assurance } = await checkSeal(json, options);
      return { findings, assurance };
    } catch (error) {
      return { findings: [internalError(error)], assurance: 'none' };
    }
  }
  return { findings: await checkOther(json, kind, options) };
}

const internalError = (error: unknown): Finding => ({ code: 'EUMC_INTERNAL_ERROR', severity: 'error', path: '', message: `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` });

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
    .map((i) => ({ code: i.code, severity: i.severity, path: i.path.map(String).join('.'), message: i.message }));
  if (anchors === undefined) {
    findings.push(
      integrityOnly
        ? { code: 'EDC_SEAL_TRUST_NOT_CHECKED', severity: 'warning', path: '', message: 'Integrity only (--integrity-only): the signer is not checked. The seal shows the document is unchanged since it was sealed, not who sealed it: anyone can seal with a certificate of their own making. Give --trust-anchors to check the signer.' }
        : { code: 'EDC_SEAL_TRUST_NOT_CHECKED', severity: 'error', path: '', message: 'Not verified: no --trust-anchors were given, so nothing says who sealed this document (anyone can seal with a certificate of their own making). Give --trust-anchors <pem> (e.g. the EDC eSeal issuing CA), or --integrity-only to check integrity alone.' },
    );
  }
  const errors = findings.some((f) => f.severity === 'error');
  const passed = !errors && result.integrity && (anchors !== undefined ? result.verified && result.trusted === true : integrityOnly);
  if (!passed && !errors) findings.push({ code: 'EUMC_NOT_VERIFIED', severity: 'error', path: '', message: 'The seal is not verified.' });
  return { findings, assurance: !passed ? 'none' : anchors !== undefined ? 'trusted' : 'integrity-only', ...(result.integrity && result.credential !== undefined ? { credential: result.credential } : {}) };
}

async function checkOther(json: unknown, kind: Exclude<Kind, 'sealed'>, options: CheckOptions): Promise<Finding[]> {
  try {
    switch (kind) {
      case 'model':
        return validate(json, { maxIssues: 200 }).issues.map((i) => ({ code: i.code, severity: i.severity, path: formatPath(i.path), element: i.element, message: i.message }));
      case 'elm': {
        const { validateElm } = await elmValidation();
        const result = await validateElm(json, { profile: options.profile ?? 'edc' });
        return result.issues.map((i) => ({ code: i.code, severity: i.severity, path: i.pointer ?? i.path, message: i.focusNode && i.code === 'ELM_SHACL_VIOLATION' ? `${i.focusNode}: ${i.message}` : i.message }));
      }
      case 'signed': {
        const { verifyCredential } = await vcVerification();
        const result = await verifyCredential(json, {
          ...(options.now ? { now: options.now } : {}),
          ...(options.trustedIssuers ? { trustedIssuers: options.trustedIssuers } : {}),
          ...(options.controllers ? { controllers: options.controllers } : {}),
        });
        return result.issues.map((i) => ({ code: i.code, severity: i.severity, path: '', message: i.message }));
      }
    }
  } catch (error) {
    return [internalError(error)];
  }
}
