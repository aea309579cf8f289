import jsonld, { type JsonLdApi, type JsonLdError, type JsonLdEvent, type JsonLdQuad } from 'jsonld';
import type { JsonObject, JsonValue } from '../jsonld/json.js';
import { DocumentNotBundledError, documentLoader } from '../jsonld/loader.js';
import { validateEbsiSchema } from './ebsi/validate-ebsi.js';
import { describeError, findPlaces, type Place, PlaceIndex, shorten, snapshot } from './input.js';
import { shapeCheck } from './shacl/check.js';
import { ELM_VALIDATION_CODES, type ElmValidationIssue, type ElmValidationResult, MAX_ISSUES } from './validation-codes.js';

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

function issue(code: ElmValidationIssue['code'], path: string, message: string, extra: Partial<ElmValidationIssue> = {}): ElmValidationIssue {
  return { code, severity: 'error', focusNode: '', path, message, ...extra };
}

function isTypeError(e: unknown): boolean {
  try {
    return e instanceof TypeError;
  } catch {
    return false;
  }
}

/** The loader's refusal somewhere in the chain of causes jsonld wraps it in. */
function refusalIn(error: unknown): DocumentNotBundledError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 8 && e && typeof e === 'object'; i++) {
    if (e instanceof DocumentNotBundledError) return e;
    e = (e as JsonLdError).details?.cause;
  }
  return undefined;
}

function isJsonLdError(e: unknown): e is JsonLdError {
  return e instanceof Error && e.name.startsWith('jsonld.');
}

/** An issue per distinct safe-mode problem, pointing at where the document has it. */
function safeModeIssues(events: readonly JsonLdEvent[], doc: JsonObject): ElmValidationIssue[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  // Turning a document into RDF reports again, as a relative subject or object, an IRI that expansion
  // already reported as a relative @id or @type: one issue is enough.
  const relative = new Set(
    events.filter((e) => e.code === 'relative @type reference' || e.code === 'relative @id reference').map((e) => text(e.details?.type ?? e.details?.id)),
  );
  const groups = new Map<string, { event: JsonLdEvent; count: number }>();
  for (const event of events) {
    const d = event.details ?? {};
    if ((event.code === 'relative object reference' && relative.has(text(d.object))) || (event.code === 'relative subject reference' && relative.has(text(d.subject)))) continue;
    const key = `${event.code}\u0000${text(d)}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { event, count: 1 });
  }
  // One walk of the document finds every place; a place per issue would walk it once per issue.
  const places = new PlaceIndex(doc);
  return [...groups.values()].map(({ event, count }) => {
    const d = event.details ?? {};
    let term = '';
    let what: string;
    let place: Place | undefined;
    switch (event.code) {
      case 'invalid property':
        term = text(d.property);
        what = `the property "${term}" is not defined by the document's @context: JSON-LD processing would drop it`;
        place = places.key(term);
        break;
      case 'relative @type reference':
        term = text(d.type);
        what = `the type "${term}" is not defined by the document's @context (it expands to a relative IRI)`;
        place = places.type(term);
        break;
      case 'relative @id reference':
        term = text(d.id);
        what = `"${term}" is not an absolute IRI, so it cannot identify a node`;
        place = places.id(term);
        break;
      case 'relative object reference':
      case 'relative subject reference':
        term = text(d.object ?? d.subject);
        what = `"${term}" is used as an IRI but is not an absolute one`;
        place = places.value(term);
        break;
      case 'invalid @language value':
        term = text(d.language);
        what = `"${term}" is not a BCP 47 language tag`;
        place = places.key(term);
        break;
      case 'empty object':
        what = 'an empty object carries no data: JSON-LD processing drops it';
        break;
      default:
        what = `${event.message.replace(/\.$/, '')} (${event.code}${Object.keys(d).length ? `: ${shorten(text(d), 120)}` : ''})`;
    }
    const found = issue('ELM_SAFE_MODE', shorten(term), `JSON-LD safe mode: ${shorten(what, 400)}${count > 1 ? ` (${count} times)` : ''}.`);
    if (place) {
      found.pointer = place.pointer;
      found.focusNode = place.nodeId;
    }
    return found;
  });
}

/** Runs the expansion again without safe mode to list every unsafe construct, not just the first. */
async function collectUnsafe(doc: JsonObject, first: JsonLdEvent): Promise<JsonLdEvent[]> {
  const events: JsonLdEvent[] = [];
  try {
    await jsonldProcessor().toRDF(doc, {
      documentLoader,
      eventHandler: ({ event, next }) => {
        if (event.level === 'warning') events.push(event);
        next();
      },
    });
  } catch {
    // Whatever stops the second pass, the first event is known.
  }
  return events.length > 0 ? events : [first];
}

/** JSON-LD safe-mode expansion to RDF, or the issues that prevent it. */
async function toRdf(doc: JsonObject): Promise<{ quads: JsonLdQuad[] } | { issues: ElmValidationIssue[] }> {
  try {
    return { quads: await jsonldProcessor().toRDF(doc, { documentLoader, safe: true }) };
  } catch (e) {
    const refused = refusalIn(e);
    if (refused) {
      const [place] = findPlaces(doc, (key, value) => key === '@context' && (value === refused.url || (Array.isArray(value) && (value as JsonValue[]).includes(refused.url))), 1);
      return {
        issues: [
          issue(
            'ELM_CONTEXT_NOT_BUNDLED',
            refused.url,
            `The @context ${JSON.stringify(refused.url)} is not one of the bundled contexts, and validateElm never fetches one: use the VC 1.1 and ELM contexts (https://www.w3.org/2018/credentials/v1, http://data.europa.eu/snb/model/context/edc-ap), or the 'ebsi' profile for EBSI's VC 2.0 variant.`,
            place ? { pointer: place.pointer, focusNode: place.nodeId } : {},
          ),
        ],
      };
    }
    if (isJsonLdError(e) && e.name === 'jsonld.ValidationError' && e.details?.event) {
      return { issues: safeModeIssues(await collectUnsafe(doc, e.details.event), doc) };
    }
    if (isJsonLdError(e)) {
      const code = typeof e.details?.code === 'string' ? ` (${e.details.code})` : '';
      const contexts = ([] as JsonValue[]).concat(doc['@context'] ?? []);
      // The VC 2.0 context protects `description`, which the ELM context redefines (elm-mapping.md).
      const hint =
        e.details?.code === 'protected term redefinition' && contexts.includes(VC_V2)
          ? " The VC 2.0 context cannot be combined with the ELM context in JSON-LD: this is EBSI's variant, check it with { profile: 'ebsi' }."
          : '';
      return { issues: [issue('ELM_NOT_JSON_LD', '', `Not valid JSON-LD: ${e.message}${code}.${hint}`)] };
    }
    return { issues: [issue('ELM_VALIDATOR_FAILED', '', `JSON-LD processing failed: ${describeError(e)}`)] };
  }
}

async function validateEdc(doc: JsonObject): Promise<ElmValidationIssue[]> {
  if (!('@context' in doc) && typeof doc.payload === 'string' && Array.isArray(doc.signatures)) {
    // What EDC hands out after sealing: the credential is the envelope's payload, as a string.
    return [issue('ELM_NOT_JSON_LD', '', 'A signed envelope (JWS JSON serialization), not a credential: validate the credential in its payload, JSON.parse(doc.payload).')];
  }
  const rdf = await toRdf(doc);
  if ('issues' in rdf) return rdf.issues;
  const issues: ElmValidationIssue[] = [];
  if (!rdf.quads.some((q) => q.predicate.value === RDF_TYPE && q.object.value === EDC_CLASS)) {
    issues.push(issue('ELM_NO_CREDENTIAL', '', 'No node has the type EuropeanDigitalCredential: the EDC shapes check nothing else at the top. Give the credential the types ["VerifiableCredential", "EuropeanDigitalCredential"].'));
  }
  const results = await shapeCheck(rdf.quads);
  const places = results.length > 0 ? new PlaceIndex(doc) : undefined;
  for (const found of results) {
    const pointer = places?.node(found.focusNode);
    issues.push(pointer === undefined ? found : { ...found, pointer });
  }
  return issues;
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
 * for (const i of issues) console.log(i.code, i.focusNode, i.path, i.message);
 * // ELM_SHACL_VIOLATION urn:credential:… cred:issued MinCountConstraintComponent: cred:issued 1..1 (Less than 1 values)
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
  const input = snapshot(doc);
  if (!input.ok) {
    issues = [issue(input.code, input.pointer, input.message, input.pointer ? { pointer: input.pointer } : {})];
  } else {
    // jsonld.js copies by assignment, so a `__proto__` member becomes a prototype and vanishes without
    // a safe-mode error: report it as the data loss it is.
    const proto = findPlaces(input.value, (key) => key === '__proto__').map((p) =>
      issue('ELM_SAFE_MODE', '__proto__', 'A `__proto__` member: JSON-LD processing drops it silently, so EDC would not see it and a signature would not cover it. Remove it.', { pointer: p.pointer || '/' }),
    );
    try {
      issues = [...proto, ...(profile === 'ebsi' ? validateEbsiSchema(input.value) : await validateEdc(input.value))];
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
