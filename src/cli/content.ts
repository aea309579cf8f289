/**
 * The content of an ELM credential, signed, sealed or neither: the EU's check (`validateElm`: JSON-LD
 * safe mode and the EDC SHACL shapes, or EBSI's JSON Schema), and with `--model` the micro-credential
 * it reads as (`fromElm`, which applies the Annex I rules). A signature says who made a document,
 * not that it is a credential: a sealed empty presentation fails here.
 */
import type { CheckOptions, ContentPart } from './check-types.js';
import { type Finding, fails, finding } from './finding.js';
import { wrappingOf } from './wrapping.js';

// The JSON-LD and SHACL stacks load on first use: a run over model files never pays for them.
const elmValidation = () => import('eu-micro-credentials/validate-elm');
const modelReading = () => import('eu-micro-credentials');

const VC2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/**
 * The profile a credential calls for: EBSI's is a VC 2.0 credential, EDC's a VC 1.1 one with the
 * ELM context (the VC 2.0 context cannot be combined with the ELM one). `--profile` overrides.
 */
export function profileOf(doc: unknown, forced: CheckOptions['profile']): 'edc' | 'ebsi' {
  if (forced) return forced;
  const context = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)['@context'] : undefined;
  return ([] as unknown[]).concat(context ?? []).includes(VC2_CONTEXT) ? 'ebsi' : 'edc';
}

/** Checks an ELM credential's content; rejects only on a bug (the caller reports it). */
export async function checkContent(doc: unknown, options: CheckOptions): Promise<ContentPart> {
  const profile = profileOf(doc, options.profile);
  const wrapping = await wrappingOf(doc);
  // JSON without @context has no defined terms: one clear finding, not a shape violation per member.
  if (wrapping?.kind === 'no-context') return part(profile, [finding('ELM_NO_CONTEXT', 'error', '', wrapping.message)], options);
  const { validateElm } = await elmValidation();
  const result = await validateElm(doc, { profile });
  const issues = result.issues.map((i) =>
    finding(i.code, i.severity, i.path, `${i.focusNode && i.code === 'ELM_SHACL_VIOLATION' ? `${i.focusNode}: ` : ''}${i.message}${hintOf(i)}`, i.resultPath !== undefined ? { resultPath: i.resultPath } : {}),
  );
  if (options.model) issues.push(...(await modelFindings(doc)));
  return part(profile, issues, options);
}

/** An option that would check the document as it is meant, as the command line spells it. */
const hintOf = (issue: object): string => {
  const cli = (issue as { hint?: { cli?: unknown } }).hint?.cli;
  return typeof cli === 'string' ? ` Run with \`${cli}\`.` : '';
};

const part = (profile: 'edc' | 'ebsi', issues: Finding[], options: CheckOptions): ContentPart => ({ status: fails(issues, options.strict) ? 'failed' : 'passed', kind: 'elm', profile, issues });

/** `--model`: what `fromElm` reports, reading the credential into the model and checking Annex I. */
async function modelFindings(doc: unknown): Promise<Finding[]> {
  const { fromElm } = await modelReading();
  const read = await fromElm(doc);
  // An `elm` issue is a place in the file; a `model` one, a place in the micro-credential read from it.
  return read.issues.map((i) => (i.in === 'elm' ? finding(i.code, i.severity, i.path, i.message, { element: i.element }) : finding(i.code, i.severity, '', i.message, { element: i.element, modelPath: i.path })));
}
