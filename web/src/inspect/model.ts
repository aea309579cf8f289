/**
 * The content of a verified document: the micro-credential it reads as (fromElm, fromOpenBadge,
 * fromSdJwtVcClaims, or validate for the model itself) and every issue the model's rules and the
 * format's own checks find (validateElm, validateOpenBadge, the SD-JWT VC rulebook), each with
 * the Annex I element it is about.
 */
import { ELEMENT_OF_FIELD, type ElementId, type MicroCredential } from 'eu-micro-credentials';
import { isObject } from './json.js';
import type { PageIssue } from './types.js';

const rootEntry = () => import('eu-micro-credentials');
const ob3Entry = () => import('eu-micro-credentials/ob3');
const sdJwtEntry = () => import('eu-micro-credentials/sd-jwt-vc');
const elmValidation = () => import('eu-micro-credentials/validate-elm');

/** What the content reading found. */
export interface Content {
  /** The micro-credential, when it is a valid one (what the picture and the exports take). */
  model?: MicroCredential;
  /** What could be read, whole or partial (what the element table shows). */
  value?: unknown;
  partial: boolean;
  issues: PageIssue[];
}

type LibIssue = { code: string; severity: string; path: string; message: string; element?: ElementId | null; in?: string };

/** The element a model path (`/learningOutcomes/0/title`) is about. */
function elementOfPath(path: string): ElementId | null {
  const first = path.split('/')[1];
  return first !== undefined && Object.hasOwn(ELEMENT_OF_FIELD, first) ? ELEMENT_OF_FIELD[first]! : null;
}

function pageIssue(i: LibIssue, source: PageIssue['source'], prefix: string): PageIssue {
  const inModel = i.in === 'model';
  return {
    code: i.code,
    severity: i.severity === 'error' || i.severity === 'warning' ? i.severity : 'info',
    // A place in the model read is a pointer into the model; any other, into the file (after the prefix).
    path: inModel ? i.path : prefix + i.path,
    element: i.element ?? (inModel || source === 'model' ? elementOfPath(i.path) : null),
    message: inModel ? `${i.message} (in the micro-credential read from the file, at ${i.path || '/'})` : i.message,
    source: inModel ? 'model' : source,
  };
}

/** Adds what `validate(model)` finds beyond what is already there (its warnings, for a reading that was ok). */
async function modelRules(value: unknown, issues: PageIssue[]): Promise<void> {
  const { validate } = await rootEntry();
  const seen = new Set(issues.map((i) => `${i.code} ${i.path}`));
  for (const i of validate(value).issues) {
    const issue = pageIssue({ ...i, in: 'model' }, 'model', '');
    if (!seen.has(`${issue.code} ${issue.path}`)) issues.push(issue);
  }
}

const profileOf = (doc: unknown): 'edc' | 'ebsi' => {
  const context = isObject(doc) ? doc['@context'] : undefined;
  return ([] as unknown[]).concat(context ?? []).includes('https://www.w3.org/ns/credentials/v2') ? 'ebsi' : 'edc';
};

/** The model JSON itself. */
export async function modelContent(doc: unknown): Promise<Content> {
  const { validate } = await rootEntry();
  const result = validate(doc);
  const issues = result.issues.map((i) => pageIssue({ ...i }, 'model', ''));
  return result.ok ? { model: result.value, value: result.value, partial: false, issues } : { value: doc, partial: true, issues };
}

/** An ELM credential (unsigned, or the verified signed or sealed one). `prefix`: where it is in the file. */
export async function elmContent(doc: unknown, prefix: string, checkShapes: boolean): Promise<Content> {
  const { fromElm } = await rootEntry();
  const read = await fromElm(doc);
  const issues = read.issues.map((i) => pageIssue(i, 'elm', prefix));
  if (checkShapes) {
    const { validateElm } = await elmValidation();
    const shapes = await validateElm(doc, { profile: profileOf(doc) });
    issues.push(...shapes.issues.map((i) => pageIssue({ ...i, message: `${i.focusNode && i.code === 'ELM_SHACL_VIOLATION' ? `${i.focusNode}: ` : ''}${i.message}` }, 'elm', prefix)));
  }
  if (read.ok) await modelRules(read.value, issues);
  return read.ok ? { model: read.value, value: read.value, partial: false, issues } : { value: read.value, partial: true, issues };
}

/** An Open Badges 3.0 credential (JSON, or a VC-JWT's compact text). */
export async function ob3Content(doc: unknown, prefix: string): Promise<Content> {
  const { fromOpenBadge, validateOpenBadge } = await ob3Entry();
  const read = fromOpenBadge(doc);
  const issues = read.issues.map((i) => pageIssue(i, 'ob3', prefix));
  const key = (i: PageIssue) => `${i.code} ${i.path}`;
  const seen = new Set(issues.map(key));
  for (const i of (await validateOpenBadge(doc, { profile: 'micro-credential' })).issues) {
    const issue = pageIssue(i, 'ob3', prefix);
    if (!seen.has(key(issue))) {
      seen.add(key(issue));
      issues.push(issue);
    }
  }
  if (read.ok) await modelRules(read.value, issues);
  return read.ok ? { model: read.value, value: read.value, partial: false, issues } : { value: read.value, partial: true, issues };
}

/** An SD-JWT VC's verified claims (the disclosed ones only). */
export async function sdJwtContent(claims: Record<string, unknown>, now: Date): Promise<Content> {
  const { fromSdJwtVcClaims } = await sdJwtEntry();
  const read = fromSdJwtVcClaims(claims, { now });
  const issues = read.issues.map((i) => pageIssue({ ...i, path: i.in === 'claims' ? `/claims${i.path}` : i.path }, 'sd-jwt-vc', ''));
  if (read.value !== undefined) await modelRules(read.value, issues);
  if (read.value !== undefined && read.ok) return { model: read.value, value: read.value, partial: false, issues };
  return { ...(read.value !== undefined ? { value: read.value } : {}), partial: true, issues };
}
