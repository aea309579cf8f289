/**
 * One file's verdict from its parsed JSON: unwraps a credential carried in a wrapper (EDC's upload
 * format, DC4EU's), names JSON without `@context` as such, detects the kind and checks it. The same
 * code runs in the main thread and in the worker threads (worker.ts), so both give the same verdict.
 */
import { type CheckOptions, type Checked, type FileResult, type Kind, type Wrapper, checkDocument, detectKind } from './check.js';
import { type Finding, fails, finding } from './finding.js';
import { badgeForm, isBadgeObject } from './ob3-detect.js';
import { wrappingOf } from './wrapping.js';

/** What decides a file's verdict besides its content; structured-cloneable (sent to the workers). */
export interface FileCheckOptions {
  kind: Kind | 'auto';
  strict: boolean;
  check: CheckOptions;
  /** `eumc verify`: a document with neither proof nor seal fails, and content is not checked. */
  verifyOnly?: boolean;
}

type Unwrapped = { json: unknown; wrapper?: Wrapper & { text: boolean; message: string }; noContext?: string };

/** The document to check: the file's JSON, or the credential a wrapper carries. */
async function unwrap(json: unknown, kind: FileCheckOptions['kind']): Promise<Unwrapped> {
  const wrapping = await wrappingOf(json);
  if (wrapping?.kind === 'wrapper') {
    const text = typeof (json as Record<string, unknown>)[wrapping.member] === 'string';
    return { json: wrapping.inner, wrapper: { member: wrapping.member, format: wrapping.format, pointer: wrapping.pointer, text, message: wrapping.message } };
  }
  // An Open Badges 3.0 credential without @context is a badge to validateOpenBadge, which names what it lacks.
  if (wrapping?.kind === 'no-context' && (kind === 'elm' || (kind === 'auto' && !isBadgeObject(json)))) return { json, noContext: wrapping.message };
  return { json };
}

/** The kind a file's document will be checked as (after unwrapping): run.ts sends all but `model` to the workers. */
export async function kindOf(json: unknown, options: FileCheckOptions): Promise<Kind> {
  const doc = await unwrap(json, options.kind);
  return doc.noContext !== undefined ? 'elm' : options.kind === 'auto' ? detectKind(doc.json) : options.kind;
}

/** Checks one parsed file; never throws. `started` is when its reading began (`performance.now()`). */
export async function checkParsed(name: string, json: unknown, options: FileCheckOptions, started: number): Promise<FileResult> {
  const doc = await unwrap(json, options.kind);
  const kind: Kind = doc.noContext !== undefined ? 'elm' : options.kind === 'auto' ? detectKind(doc.json) : options.kind;
  let checked: Checked;
  if (doc.noContext !== undefined) checked = { issues: [finding('ELM_NO_CONTEXT', 'error', '', doc.noContext)] };
  // A VC-JWT badge is signed: its JWS is verified as a proof is (verifyCredential reads the text).
  else if (options.verifyOnly && kind === 'ob3' && badgeForm(doc.json) === 'jwt') checked = await checkDocument(doc.json, 'signed', { ...options.check, strict: options.strict, signatureOnly: true });
  else if (options.verifyOnly && kind !== 'signed' && kind !== 'sealed' && kind !== 'sd-jwt-vc') {
    checked = { issues: [finding('EUMC_NOT_SIGNED', 'error', '', 'The document has no proof and no seal: there is nothing to verify (sign it with `eumc sign`).')] };
  } else checked = await checkDocument(doc.json, kind, { ...options.check, strict: options.strict, ...(options.verifyOnly ? { signatureOnly: true } : {}) });
  const wrapper = doc.wrapper;
  if (wrapper) checked = wrapped(checked, wrapper);
  const failed = fails(checked.issues, options.strict) || checked.signature?.status === 'failed' || checked.content?.status === 'failed';
  return {
    file: name,
    kind,
    status: failed ? 'failed' : 'passed',
    issues: checked.issues,
    durationMs: performance.now() - started,
    ...(checked.assurance ? { assurance: checked.assurance } : {}),
    ...(checked.signature ? { signature: checked.signature } : {}),
    ...(checked.content ? { content: checked.content } : {}),
    ...(checked.sdJwt ? { sdJwt: checked.sdJwt } : {}),
    ...(wrapper ? { wrapper: { member: wrapper.member, format: wrapper.format, pointer: wrapper.pointer } } : {}),
  };
}

/**
 * A wrapped credential's findings as places in the file: the wrapper's warning first, then each
 * finding with the member in front of its JSON Pointer (`/credential/credentialSubject`). A credential held
 * as JSON text has no pointer into the file: its paths stay relative to the text, and the warning says so.
 */
function wrapped(checked: Checked, wrapper: NonNullable<Unwrapped['wrapper']>): Checked {
  // Every path is a JSON Pointer; a finding about the model read from the file (modelPath) has none.
  const prefix = (f: Finding): Finding => (wrapper.text || f.modelPath !== undefined ? f : { ...f, path: `${wrapper.pointer}${f.path}` });
  const where = wrapper.text ? ` Paths below are in the credential's JSON text, in \`${wrapper.pointer}\`.` : '';
  const warning = finding('ELM_WRAPPED', 'warning', wrapper.pointer, `${wrapper.message} eumc unwrapped it and checked the credential.${where}`);
  const out: Checked = { ...checked, issues: [warning, ...checked.issues.map(prefix)] };
  if (checked.signature) out.signature = { ...checked.signature, issues: checked.signature.issues.map(prefix) };
  if (checked.content) out.content = { ...checked.content, issues: checked.content.issues.map(prefix) };
  return out;
}
