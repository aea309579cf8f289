/**
 * One document, one verdict: detects what kind of document it is and checks it with the matching
 * library function. A signed or sealed document is judged twice, on its signature (or seal) and on
 * its content, and fails when either fails.
 */
import type { StatusCheck } from 'eu-micro-credentials/status';
import type { CheckOptions, ContentPart, PartStatus } from './check-types.js';
import { checkContent } from './content.js';
import { type Finding, fails, finding, internalError } from './finding.js';
import { checkOb3Content, ob3Findings } from './ob3-content.js';
import { badgeForm, isBadgeObject } from './ob3-detect.js';
import { checkSeal } from './seal.js';
import { checkSdJwtVc, type SdJwtPart } from './sd-jwt-vc-check.js';
import { isSdJwt } from './sd-jwt-vc-detect.js';
import { checkProof } from './signature.js';

export type { Finding } from './finding.js';
export type { CheckOptions, ContentPart, PartStatus } from './check-types.js';

// Loaded on first use: a worker thread checks ELM, signed and sealed files only, and starts faster without the model.
const modelValidation = () => import('eu-micro-credentials');

/**
 * The kinds of documents `eumc validate` knows: `ob3` is an Open Badges 3.0 credential without an
 * embedded proof (as JSON, or a VC-JWT, whose JWS eumc does not verify); one with a proof is `signed`;
 * `sd-jwt-vc` is an SD-JWT VC in compact form (the EU wallet's format: sd-jwt-vc-check.ts).
 */
export const KINDS = ['model', 'elm', 'ob3', 'signed', 'sealed', 'sd-jwt-vc'] as const;
export type Kind = (typeof KINDS)[number];

/** The signature (W3C proof) or seal (EDC JAdES) check of a document. */
export interface SignaturePart {
  type: 'proof' | 'seal' | 'sd-jwt';
  status: PartStatus;
  /** Seals only: see {@link FileResult.assurance}. */
  assurance?: 'trusted' | 'integrity-only' | 'none';
  issues: Finding[];
  /** Signed credentials and SD-JWT VCs with status entries: what each entry's list says (`--status-list`). */
  statusEntries?: StatusCheck[];
}

/** A document that carried the credential in one of its members (EDC's upload format, DC4EU's). */
export interface Wrapper {
  member: string;
  format: string;
  /** JSON Pointer of the credential in the file. */
  pointer: string;
}

/** The verdict on one file. */
export interface FileResult {
  file: string;
  kind: Kind | null;
  /** `passed`, `failed` (invalid document), or `unreadable` (could not be read: exit code 2). */
  status: 'passed' | 'failed' | 'unreadable';
  /** Every finding; for signed and sealed documents those of {@link signature} then those of {@link content}. */
  issues: Finding[];
  durationMs: number;
  /**
   * Sealed documents only: what a pass means. `trusted` (the seal chains to a `--trust-anchors`
   * certificate), `integrity-only` (`--integrity-only`: intact, but the signer is not checked), or
   * `none` (not verified).
   */
  assurance?: 'trusted' | 'integrity-only' | 'none';
  /** Signed and sealed documents: the signature's (or seal's) verdict. */
  signature?: SignaturePart;
  /** Signed and sealed documents under `validate`: the content's verdict. */
  content?: ContentPart;
  /** The file wrapped the credential: it was unwrapped and checked (with a warning). */
  wrapper?: Wrapper;
  /** SD-JWT VC files: the claims, which were disclosed, and (verify) how the issuer was found. */
  sdJwt?: SdJwtPart;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What kind of document this is: a sealed envelope, a signed VC, an Open Badges 3.0 credential, an
 * ELM credential, or the model. A compact JWS is an OB 3.0 VC-JWT when its decoded payload is a
 * badge, an EDC seal otherwise.
 */
export function detectKind(json: unknown): Kind {
  if (isSdJwt(json)) return 'sd-jwt-vc';
  if (typeof json === 'string' && badgeForm(json) === 'jwt') return 'ob3';
  // The compact JWS serialization, as a JSON string.
  if (typeof json === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$/.test(json)) return 'sealed';
  if (!isObject(json)) return 'model';
  // The general and the flattened JWS JSON serializations: whatever else the envelope holds (a
  // credential spread beside the seal, say) is the seal verifier's to refuse, never read as a credential.
  if (typeof json.payload === 'string' && (Array.isArray(json.signatures) || typeof json.signature === 'string')) return 'sealed';
  if (json.proof !== undefined) return 'signed';
  if (isBadgeObject(json)) return 'ob3';
  const types = Array.isArray(json.type) ? json.type : [json.type];
  if (json['@context'] !== undefined || types.includes('EuropeanDigitalCredential') || types.includes('VerifiableCredential')) return 'elm';
  return 'model';
}

/** What {@link checkDocument} found. */
export type Checked = Pick<FileResult, 'issues' | 'assurance' | 'signature' | 'content' | 'sdJwt'>;

/** Checks one parsed document of a known kind; never throws. */
export async function checkDocument(json: unknown, kind: Kind, options: CheckOptions): Promise<Checked> {
  try {
    if (kind === 'model') {
      const { validate } = await modelValidation();
      return { issues: validate(json, { maxIssues: 200 }).issues.map((i) => finding(i.code, i.severity, i.path, i.message, { element: i.element })) };
    }
    if (kind === 'elm') return { issues: (await checkContent(json, options)).issues };
    if (kind === 'ob3') return { issues: await ob3Findings(json, options) };
    if (kind === 'sd-jwt-vc') return typeof json === 'string' ? await checkSdJwtVc(json, options) : { issues: [finding('SDJWT_INPUT_MALFORMED', 'error', '', 'The document is not an SD-JWT in compact form (a `~`-separated string).')] };
    let signature: SignaturePart;
    let credential: unknown = json;
    if (kind === 'sealed') {
      const seal = await checkSeal(json, options);
      signature = { type: 'seal', status: seal.passed ? 'passed' : 'failed', assurance: seal.assurance, issues: seal.findings };
      credential = seal.credential;
    } else signature = { type: 'proof', ...(await checkProof(json, options)) };
    if (options.signatureOnly) return withParts(signature, undefined, options.strict);
    // A broken seal gives no payload to read: the content is not checked (the file fails on the seal).
    const content: ContentPart = kind === 'sealed' && credential === undefined ? { status: 'not-checked', kind: null, issues: [] } : await contentOf(credential, options);
    return withParts(signature, content, options.strict);
  } catch (error) {
    return { issues: [internalError(error)], ...(kind === 'sealed' ? { assurance: 'none' as const } : {}) };
  }
}

/** The content check a signed or sealed credential gets: validateOpenBadge for an OB 3.0 credential, validateElm for any other. */
const contentOf = (credential: unknown, options: CheckOptions): Promise<ContentPart> => (isBadgeObject(credential) ? checkOb3Content(credential, options) : checkContent(credential, options));

function withParts(signature: SignaturePart, content: ContentPart | undefined, strict: boolean | undefined): Checked {
  const tag = (check: 'signature' | 'content') => (f: Finding) => ({ ...f, check });
  signature.issues = signature.issues.map(tag('signature'));
  if (signature.status === 'passed' && fails(signature.issues, strict)) signature.status = 'failed';
  if (content) content.issues = content.issues.map(tag('content'));
  return {
    issues: [...signature.issues, ...(content?.issues ?? [])],
    ...(signature.assurance ? { assurance: signature.assurance } : {}),
    signature,
    ...(content ? { content } : {}),
  };
}
