import jsonld, { type JsonLdApi, type JsonLdError, type JsonLdQuad } from 'jsonld';
import { describeError } from '../../json/describe.js';
import { findPlaces, PlaceIndex, pointerSegment } from '../../json/pointer.js';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { BUNDLED_CONTEXTS } from '../../jsonld/contexts.js';
import { documentLoader, refusalIn } from '../../jsonld/loader.js';
import { validateEbsiSchema } from './ebsi/validate-ebsi.js';
import { snapshotElm } from '../input.js';
import { ldPlaces } from './ld-places.js';
import { SEC_PROOF, setAsideW3cProofs } from './proofs.js';
import { collectUnsafe, safeModeIssues } from './safe-mode.js';
import { shapeCheck } from './shacl/check.js';
import { expandPath } from './shacl/report.js';
import { EBSI_PROFILE_HINT, ELM_VALIDATION_CODES, type ElmValidationIssue, type ElmValidationResult, MAX_ISSUES } from './validation-codes.js';
import { describeEnvelope, describeWrapping } from '../wrappers.js';

/**
 * Options of {@link validateElm}.
 *
 * @example
 * const options: ValidateElmOptions = { profile: 'ebsi' };
 * const { ok } = await validateElm(toElm(mc, { profile: 'ebsi' }), options);
 */
export interface ValidateElmOptions {
  /**
   * `'edc'` (default): the document is JSON-LD in the EDC profile (VC 1.1 + ELM context); it is
   * expanded in JSON-LD safe mode with the bundled contexts only, then checked against the EDC SHACL
   * shapes (generic-full with generic-no-cv), as EDC does.
   *
   * `'ebsi'`: the document is EBSI's variant (VC 2.0 context, type `VerifiableAttestation`), checked
   * as plain JSON against EBSI's JSON Schema for EDC credentials. No JSON-LD processing and no SHACL:
   * the VC 2.0 context protects `description`, which the ELM context redefines, so JSON-LD
   * processing of such a document aborts by design.
   */
  profile?: 'edc' | 'ebsi';
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const EDC_CLASS = 'http://data.europa.eu/snb/model/elm/EuropeanDigitalCredential';

// A jsonld instance of our own: jsonld caches contexts tagged 'static' per instance, by URL, and an
// instance shared with other code could answer a URL from a context someone else's loader put there.
let processor: JsonLdApi | undefined;
const jsonldProcessor = (): JsonLdApi => (processor ??= jsonld());

/** An issue at `path`, a JSON Pointer into the document checked. */
function issue(code: ElmValidationIssue['code'], path: string, message: string, extra: Partial<ElmValidationIssue> = {}): ElmValidationIssue {
  return { code, severity: 'error', path, focusNode: '', message, ...extra };
}

function isTypeError(e: unknown): boolean {
  try {
    return e instanceof TypeError;
  } catch {
    return false;
  }
}

function isJsonLdError(e: unknown): e is JsonLdError {
  return e instanceof Error && e.name.startsWith('jsonld.');
}

/** JSON-LD safe-mode expansion to RDF, or the issues that prevent it. */
async function toRdf(doc: JsonObject): Promise<{ quads: JsonLdQuad[] } | { issues: ElmValidationIssue[] }> {
  try {
    return { quads: await jsonldProcessor().toRDF(doc, { documentLoader, safe: true }) };
  } catch (e) {
    const refused = refusalIn(e);
    if (refused) return { issues: [notBundled(doc, refused.url)] };
    if (isJsonLdError(e) && e.name === 'jsonld.ValidationError' && e.details?.event) {
      return { issues: await safeModeIssues(jsonldProcessor(), await collectUnsafe(jsonldProcessor(), doc, e.details.event), doc) };
    }
    if (isJsonLdError(e)) {
      const code = typeof e.details?.code === 'string' ? ` (${e.details.code})` : '';
      const contexts = ([] as JsonValue[]).concat(doc['@context'] ?? []);
      // The VC 2.0 context protects `description`, which the ELM context redefines (elm-mapping.md).
      const ebsi = e.details?.code === 'protected term redefinition' && contexts.includes(VC_V2);
      const hint = ebsi ? " The VC 2.0 context cannot be combined with the ELM context in JSON-LD: this is EBSI's variant, check it with the EBSI profile." : '';
      return { issues: [issue('ELM_NOT_JSON_LD', ebsi ? '/@context' : '', `Not valid JSON-LD: ${e.message}${code}.${hint}`, ebsi ? { hint: EBSI_PROFILE_HINT } : {})] };
    }
    return { issues: [issue('ELM_VALIDATOR_FAILED', '', `JSON-LD processing failed: ${describeError(e)}`)] };
  }
}

/**
 * The @context entry jsonld refused, as written: jsonld resolves a URL with white space in it as a
 * relative reference ("https://…/v1 " becomes "//…/v1 "), so the URL it asked for is matched back to
 * the string in the document, which the message quotes exactly.
 */
function notBundled(doc: JsonObject, url: string): ElmValidationIssue {
  const written: { text: string; pointer: string }[] = [];
  const contexts = doc['@context'];
  if (typeof contexts === 'string') written.push({ text: contexts, pointer: '/@context' });
  else if (Array.isArray(contexts)) (contexts as JsonValue[]).forEach((c, i) => typeof c === 'string' && written.push({ text: c, pointer: `/@context${pointerSegment(i)}` }));
  const core = (u: string) => u.trim().replace(/^[a-z][\w+.-]*:/i, '');
  const found =
    written.find((w) => w.text === url) ??
    written.find((w) => !BUNDLED_CONTEXTS.has(w.text) && (core(w.text) === core(url) || w.text.includes(core(url).trim()))) ??
    findPlaces(doc, (key, value) => key === '@context' && (value === url || (Array.isArray(value) && (value as JsonValue[]).includes(url))), 1).map((p) => ({ text: url, pointer: p.pointer }))[0];
  const text = found?.text ?? url;
  const space = text !== text.trim() || /\s/.test(text) ? ' It contains white space: remove it.' : '';
  const ebsi = text.trim() === VC_V2;
  return issue(
    'ELM_CONTEXT_NOT_BUNDLED',
    found?.pointer ?? '',
    `The @context ${JSON.stringify(text)} is not one of the bundled contexts, and validateElm never fetches one.${space} Use the VC 1.1 and ELM contexts ("https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"), or the EBSI profile for EBSI's VC 2.0 variant.`,
    { term: text, ...(ebsi ? { hint: EBSI_PROFILE_HINT } : {}) },
  );
}

/** The SHACL results pointed into the JSON, and a note per W3C proof set aside. */
async function pointResults(doc: JsonObject, quads: readonly JsonLdQuad[], results: ElmValidationIssue[], proofs: ReturnType<typeof setAsideW3cProofs>['proofs']): Promise<ElmValidationIssue[]> {
  if (results.length === 0 && proofs.length === 0) return [];
  let places: PlaceIndex | undefined;
  const ld = await ldPlaces(doc, jsonldProcessor());
  // The plain-JSON index only when JSON-LD's reading of the document finds no place for a result.
  const place = (focus: string, predicate?: string, value?: string) => ld?.pointer(focus, quads, predicate, value) ?? (places ??= new PlaceIndex(doc)).node(focus) ?? '';
  const notes = proofs.map((p) =>
    issue(
      'ELM_W3C_PROOF',
      place(p.subject, SEC_PROOF, `_:${p.graph.replace(/^_:/, '')}`),
      `A W3C proof (${p.type}): not checked against the EDC shapes' elm:Proof, which describes EDC's own proof. Its signature is checked by verifyCredential, not here.`,
      { severity: 'info', focusNode: p.subject, resultPath: 'sec:proof' },
    ),
  );
  return [...results.map((found) => ({ ...found, path: place(found.focusNode, found.resultPath === undefined ? undefined : expandPath(found.resultPath), found.value) })), ...notes];
}

async function validateEdc(doc: JsonObject): Promise<ElmValidationIssue[]> {
  let rdf = await toRdf(doc);
  if ('issues' in rdf) return rdf.issues;
  const issues: ElmValidationIssue[] = [];
  if (!rdf.quads.some((q) => q.predicate.value === RDF_TYPE && q.object.value === EDC_CLASS)) {
    issues.push(issue('ELM_NO_CREDENTIAL', '', 'No node has the type EuropeanDigitalCredential: the EDC shapes check nothing else at the top. Give the credential the types ["VerifiableCredential", "EuropeanDigitalCredential"].'));
  }
  const all = rdf.quads;
  const aside = setAsideW3cProofs(all);
  rdf = { quads: aside.quads as JsonLdQuad[] };
  const results = await shapeCheck(rdf.quads);
  return [...issues, ...(await pointResults(doc, all, results, aside.proofs))];
}

/** Issues found inside a member, their pointers prefixed with the member's. */
const inside = (prefix: string, issues: readonly ElmValidationIssue[]) => issues.map((i) => ({ ...i, path: prefix + i.path }));

/**
 * One document: an envelope or a wrapper is named as such, and the credential it carries is
 * checked (at most three levels of them); a credential without @context gets one issue.
 */
async function validateDocument(doc: JsonObject, profile: 'edc' | 'ebsi', depth = 0): Promise<ElmValidationIssue[]> {
  const envelope = describeEnvelope(doc);
  if (envelope) {
    if (!envelope.payload) return [issue('ELM_NOT_JSON_LD', '/payload', envelope.message)];
    const head = issue('ELM_SEALED_ENVELOPE', '', envelope.message, { severity: 'warning' });
    return [head, ...(depth < 3 ? inside('/payload', await validateDocument(envelope.payload as JsonObject, profile, depth + 1)) : [])];
  }
  const wrapping = describeWrapping(doc);
  if (wrapping?.kind === 'wrapper') {
    const head = issue('ELM_WRAPPED', '', wrapping.message);
    return [head, ...(depth < 3 ? inside(wrapping.pointer, await validateDocument(wrapping.inner as JsonObject, profile, depth + 1)) : [])];
  }
  if (wrapping?.kind === 'no-context') return [issue('ELM_NO_CONTEXT', '', wrapping.message)];
  return profile === 'ebsi' ? validateEbsiSchema(doc) : validateEdc(doc);
}

/**
 * Checks an ELM document the way the EU does. Profile `edc` (default): JSON-LD safe-mode expansion
 * with the bundled contexts only (no network, ever), then the EDC SHACL shapes (generic-full, with
 * the generic-no-cv shapes it imports). Profile `ebsi`: EBSI's JSON Schema, on the document as plain
 * JSON (see {@link ValidateElmOptions.profile}).
 *
 * Never throws and never rejects on any `doc` (null, arrays, huge or deeply nested input): bad data
 * is reported as issues; `ok` is true when no issue is an error. The SHACL validator and the
 * EBSI schema are built once, on first use, and reused.
 *
 * @throws TypeError (as a rejected promise) when `options` is not an object or names an unknown profile.
 * @example
 * import { validateElm } from 'eu-micro-credentials/validate-elm';
 * const { ok, issues } = await validateElm(credential);
 * for (const i of issues) console.log(i.code, i.path, i.resultPath ?? '', i.message);
 * // ELM_SHACL_VIOLATION  cred:issued MinCountConstraintComponent: cred:issued 1..1 (Less than 1 values)
 */
export async function validateElm(doc: unknown, options?: ValidateElmOptions): Promise<ElmValidationResult> {
  let profile: unknown;
  try {
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw new TypeError('validateElm(doc, options): options must be an object');
    }
    profile = options?.profile ?? 'edc';
  } catch (e) {
    // Misuse of the options, whatever a getter or a proxy among them throws: a TypeError.
    throw isTypeError(e) ? e : new TypeError(`validateElm(doc, options): options could not be read (${describeError(e)})`);
  }
  if (profile !== 'edc' && profile !== 'ebsi') {
    throw new TypeError(`validateElm(doc, options): unknown profile ${JSON.stringify(String(profile))}; use 'edc' or 'ebsi'`);
  }
  let issues: ElmValidationIssue[];
  const input = snapshotElm(doc);
  if (!input.ok) {
    issues = [issue(input.code, input.pointer, input.message)];
  } else {
    // jsonld.js copies by assignment, so a `__proto__` member becomes a prototype and vanishes without
    // a safe-mode error: report it as the data loss it is.
    const proto = findPlaces(input.value, (key) => key === '__proto__').map((p) =>
      issue('ELM_SAFE_MODE', p.pointer || '/', 'A `__proto__` member: JSON-LD processing drops it silently, so EDC would not see it and a signature would not cover it. Remove it.', { term: '__proto__' }),
    );
    try {
      issues = [...proto, ...(await validateDocument(input.value, profile))];
    } catch (e) {
      issues = [issue('ELM_VALIDATOR_FAILED', '', `${ELM_VALIDATION_CODES.ELM_VALIDATOR_FAILED} ${describeError(e)}`)];
    }
  }
  if (issues.length > MAX_ISSUES) {
    const more = issues.length - MAX_ISSUES;
    issues = [...issues.slice(0, MAX_ISSUES), issue('ELM_TOO_MANY_ISSUES', '', `${more} more issue${more === 1 ? '' : 's'} not listed.`)];
  }
  return { ok: !issues.some((i) => i.severity === 'error'), issues };
}
