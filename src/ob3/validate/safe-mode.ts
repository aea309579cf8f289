/**
 * JSON-LD safe mode for an Open Badges 3.0 credential (the validity rule 1EdTech added in
 * openbadges-specification PR #611): expanded with the bundled contexts only, every term the
 * contexts do not define is an issue at the member that uses it. Nothing is ever fetched.
 *
 * The event-to-place mapping follows src/elm/validate/safe-mode.ts (which lives on the same floor
 * and so cannot be imported from here); the two could share a helper in src/jsonld/.
 * @module
 */
import type { JsonLdError, JsonLdEvent } from 'jsonld';
import { describeError, shorten } from '../../json/describe.js';
import { findPlaces, type Place, PlaceIndex, pointerKeys, pointerSegment } from '../../json/pointer.js';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { expandSharingDefinitions as expand } from '../../jsonld/canonical-form/expand.js';
import { BUNDLED_CONTEXTS } from '../../jsonld/contexts.js';
import { documentLoader, refusalIn } from '../../jsonld/loader.js';
import { type Ob3Issue, type Ob3IssueCode, ob3Issue } from '../codes.js';

// Expansion is jsonld.js's, from an active context whose copies share term definitions (the OB 3.0
// context scopes a context to nearly every type, and jsonld.js deep-copies them all at each typed
// node: 13 ms of a 4.5 KB badge's 15 ms); its context cache is per document loader.

const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** The value a pointer names (every step an own member or an index). */
function valueAt(doc: JsonValue, pointer: string): JsonValue | undefined {
  let value: JsonValue | undefined = doc;
  for (const key of pointerKeys(pointer)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Array.isArray(value) ? (value as JsonValue[])[Number(key)] : Object.hasOwn(value, key) ? (value as JsonObject)[key] : undefined;
  }
  return value;
}

/** Every `@context` entry that names a URL the loader does not serve, where it is written. */
function unbundled(doc: JsonObject): { url: string; pointer: string }[] {
  const found: { url: string; pointer: string }[] = [];
  for (const place of findPlaces(doc, (key) => key === '@context', 50)) {
    const value = valueAt(doc, place.pointer);
    const entries = Array.isArray(value) ? (value as JsonValue[]) : [value];
    entries.forEach((entry, i) => {
      if (typeof entry === 'string' && !BUNDLED_CONTEXTS.has(entry)) found.push({ url: entry, pointer: Array.isArray(value) ? place.pointer + pointerSegment(i) : place.pointer });
    });
  }
  return found;
}

function notBundled(url: string, pointer: string): Ob3Issue {
  const space = url !== url.trim() || /\s/.test(url) ? ' It contains white space: remove it.' : '';
  return ob3Issue(
    'OB3_CONTEXT_NOT_BUNDLED',
    'error',
    pointer,
    null,
    `The @context ${JSON.stringify(shorten(url, 200))} is not one of the bundled contexts (BUNDLED_CONTEXT_URLS), and nothing is fetched, so the credential's terms cannot be checked.${space} Open Badges 3.0 uses "https://www.w3.org/ns/credentials/v2", then "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json".`,
  );
}

/** Expansion again without safe mode, listing every unsafe construct rather than the first. */
async function collectUnsafe(doc: JsonObject, first: JsonLdEvent): Promise<JsonLdEvent[]> {
  const events: JsonLdEvent[] = [];
  try {
    await expand(doc, {
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

/** The same problem once, with how often it occurs. */
function group(events: readonly JsonLdEvent[]): { event: JsonLdEvent; count: number }[] {
  const groups = new Map<string, { event: JsonLdEvent; count: number }>();
  for (const event of events) {
    const key = `${event.code}\u0000${text(event.details ?? {})}`;
    const found = groups.get(key);
    if (found) found.count++;
    else groups.set(key, { event, count: 1 });
  }
  return [...groups.values()];
}

/** What one event says is wrong, and the place in the JSON that causes it. */
function describe(event: JsonLdEvent, places: PlaceIndex): { what: string; place?: Place } {
  const d = event.details ?? {};
  switch (event.code) {
    case 'invalid property': {
      const term = text(d.property);
      return { what: `the property "${shorten(term)}" is not defined by the document's @context: JSON-LD processing drops it, so a proof does not cover it. Define it in a context (an extension context) or remove it`, place: places.key(term) };
    }
    case 'relative @type reference': {
      const term = text(d.type);
      return { what: `the type "${shorten(term)}" is not defined by the document's @context (it expands to a relative IRI)`, place: places.type(term) };
    }
    case 'relative @id reference': {
      const term = text(d.id);
      return { what: `"${shorten(term)}" is not an absolute IRI, so it cannot identify a node`, place: places.id(term) };
    }
    case 'relative @vocab reference': {
      const term = text(d.vocab);
      return { what: `"${shorten(term)}" is used as a vocabulary IRI but is not an absolute one`, place: places.value(term) };
    }
    case 'invalid @language value': {
      const term = text(d.language);
      return { what: `"${shorten(term)}" is not a BCP 47 language tag`, place: places.value(term) ?? places.key(term) };
    }
    case 'empty object':
      return { what: 'an empty object carries no data: JSON-LD processing drops it', place: { pointer: places.emptyObject() ?? '', nodeId: '' } };
    default:
      return { what: `${event.message.replace(/\.$/, '')} (${event.code}${Object.keys(d).length ? `: ${shorten(text(d), 120)}` : ''})` };
  }
}

/** `doc` without the member at `keys`: copies along the path only. */
function without(value: JsonValue, keys: readonly string[]): JsonValue {
  if (keys.length === 0 || typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(value)) return (value as JsonValue[]).map((v, i) => (String(i) === head ? without(v, rest) : v));
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) {
    if (key === head && rest.length === 0) continue;
    out[key] = key === head ? without((value as JsonObject)[key]!, rest) : (value as JsonObject)[key]!;
  }
  return out;
}

/** How often expanding `doc` finds the property `term` undefined. */
async function undefinedCount(doc: JsonValue, term: string): Promise<number> {
  let count = 0;
  try {
    await expand(doc, { documentLoader, eventHandler: ({ event, next }) => ((count += event.code === 'invalid property' && event.details?.property === term ? 1 : 0), next()) });
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return count;
}

/** Expansions spent per document on finding which members of a name are the undefined ones. */
const PROBES = 40;
/** JSON values expanded in all by those probes, so that a large document is not expanded 40 times. */
const PROBED_VALUES = 400_000;

/** How many JSON values `doc` holds (a walk of the snapshot, whose depth is bounded). */
function sizeOf(value: JsonValue): number {
  if (typeof value !== 'object' || value === null) return 1;
  let n = 1;
  for (const v of Array.isArray(value) ? (value as JsonValue[]) : Object.values(value as JsonObject)) n += sizeOf(v);
  return n;
}

/**
 * The members an undefined-property event is about. A term can be defined in one node's scope
 * (OB 3.0's type-scoped contexts) and not in another's, so when the members of that name outnumber
 * the events, each is left out in turn: those whose removal lowers the count are the undefined ones.
 */
async function placesOf(event: JsonLdEvent, count: number, doc: JsonObject, budget: { left: number }): Promise<Place[] | undefined> {
  if (event.code !== 'invalid property') return undefined;
  const term = text(event.details?.property);
  const candidates = findPlaces(doc, (key) => key === term, 21);
  if (candidates.length === count) return candidates;
  if (candidates.length > 20 || budget.left < candidates.length) return undefined;
  budget.left -= candidates.length;
  const found: Place[] = [];
  for (const c of candidates) if ((await undefinedCount(without(doc, pointerKeys(c.pointer)), term)) < count) found.push(c);
  return found.length > 0 ? found : undefined;
}

/** An issue per distinct safe-mode problem, at each place the document has it. */
async function safeModeIssues(events: readonly JsonLdEvent[], doc: JsonObject, prefix: string): Promise<Ob3Issue[]> {
  const places = new PlaceIndex(doc);
  const budget = { left: Math.min(PROBES, Math.floor(PROBED_VALUES / sizeOf(doc))) };
  const issues: Ob3Issue[] = [];
  for (const { event, count } of group(events)) {
    const { what, place } = describe(event, places);
    const each = await placesOf(event, count, doc, budget);
    if (each) issues.push(...each.map((p) => ob3Issue('OB3_SAFE_MODE', 'error', prefix + p.pointer, null, `JSON-LD safe mode: ${shorten(what, 400)}.`)));
    else issues.push(ob3Issue('OB3_SAFE_MODE', 'error', prefix + (place?.pointer ?? ''), null, `JSON-LD safe mode: ${shorten(what, 400)}${count > 1 ? ` (${count} times; the first member of that name is pointed at)` : ''}.`));
  }
  return issues;
}

const failed = (code: Ob3IssueCode, path: string, message: string) => [ob3Issue(code, 'error', path, null, message)];

/**
 * Expands `doc` in JSON-LD safe mode with the bundled contexts; an issue for every undefined term,
 * relative IRI or other construct JSON-LD processing would drop, for every `@context` that is not
 * bundled (then nothing else is checked), and for a `__proto__` member (jsonld.js copies by
 * assignment, so it vanishes without a safe-mode error). Paths are `prefix` + the pointer into `doc`.
 */
export async function jsonLdIssues(doc: JsonObject, prefix: string): Promise<Ob3Issue[]> {
  const proto = findPlaces(doc, (key) => key === '__proto__', 10).map((p) =>
    ob3Issue('OB3_SAFE_MODE', 'error', prefix + p.pointer, null, 'JSON-LD safe mode: a `__proto__` member is dropped silently by JSON-LD processing, so no proof covers it and no reader sees it. Remove it.'),
  );
  if (!Object.hasOwn(doc, '@context')) return [...proto, ...failed('OB3_NOT_JSON_LD', prefix, 'The credential has no @context: it is plain JSON, not JSON-LD, and its terms cannot be checked. Open Badges 3.0 starts with ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"].')];
  const missing = unbundled(doc);
  if (missing.length > 0) return [...proto, ...missing.map((m) => notBundled(m.url, prefix + m.pointer))];
  try {
    await expand(doc, { documentLoader, safe: true });
    return proto;
  } catch (e) {
    const refused = refusalIn(e);
    // A context that a bundled context (or a scoped context) names, not the document itself.
    if (refused) return [...proto, notBundled(refused.url, prefix + '/@context')];
    const error = e as JsonLdError;
    if (error instanceof Error && error.name === 'jsonld.ValidationError' && error.details?.event) {
      return [...proto, ...(await safeModeIssues(await collectUnsafe(doc, error.details.event), doc, prefix))];
    }
    if (error instanceof Error && error.name.startsWith('jsonld.')) {
      const code = typeof error.details?.code === 'string' ? ` (${error.details.code})` : '';
      const contextual = /context|protected/i.test(String(error.details?.code ?? ''));
      return [...proto, ...failed('OB3_NOT_JSON_LD', prefix + (contextual ? '/@context' : ''), `Not valid JSON-LD: ${shorten(error.message, 300)}${code}.`)];
    }
    return [...proto, ...failed('OB3_VALIDATOR_FAILED', prefix, `JSON-LD processing failed: ${describeError(e)}.`)];
  }
}
