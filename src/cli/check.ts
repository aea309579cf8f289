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
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What kind of document this is: a sealed envelope, a signed VC, an ELM credential, or the model. */
export function detectKind(json: unknown): Kind {
  if (!isObject(json)) return 'model';
  if (typeof json.payload === 'string' && Array.isArray(json.signatures)) return 'sealed';
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
  profile?: 'edc' | 'ebsi';
}

/** Checks one parsed document; never throws. */
export async function check(json: unknown, kind: Kind, options: CheckOptions): Promise<Finding[]> {
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
      case 'sealed': {
        const { verifyEdcSeal } = await sealVerification();
        const result = await verifyEdcSeal(json, {
          ...(options.now ? { now: options.now } : {}),
          ...(options.trustAnchors ? { trustAnchors: options.trustAnchors } : {}),
        });
        return result.issues.map((i) => ({ code: i.code, severity: i.severity, path: i.path.map(String).join('.'), message: i.message }));
      }
    }
  } catch (error) {
    return [{ code: 'EUMC_INTERNAL_ERROR', severity: 'error', path: '', message: `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` }];
  }
}
