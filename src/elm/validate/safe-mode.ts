import type { JsonLdApi, JsonLdEvent } from 'jsonld';
import { shorten } from '../../json/describe.js';
import { type Place, PlaceIndex } from '../../json/pointer.js';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { BUNDLED_CONTEXTS } from '../../jsonld/contexts.js';
import { documentLoader } from '../../jsonld/loader.js';
import { lookalikeOf } from './confusables.js';
import { ldPlaces, type LdPlaces } from './ld-places.js';
import type { ElmValidationIssue } from './validation-codes.js';

const termsByContexts = new Map<string, Set<string>>();

/**
 * Every term the bundled contexts a document names define (VC 1.1 or 2.0, ELM, the proof suites):
 * what a key may be mistaken for. Only the document's own contexts: a term of another format's
 * context (Open Badges' `nationalId` beside ELM's `nationalID`) is no term of this document, and
 * would make the likeness ambiguous. A document naming no bundled context is compared with them all.
 */
function bundledTerms(doc: JsonObject): Set<string> {
  const named = ([] as unknown[]).concat(doc['@context'] ?? []).filter((c): c is string => typeof c === 'string' && BUNDLED_CONTEXTS.has(c));
  const urls = named.length > 0 ? [...new Set(named)].sort() : [...BUNDLED_CONTEXTS.keys()];
  const key = urls.join(' ');
  const cached = termsByContexts.get(key);
  if (cached) return cached;
  const found = new Set<string>();
  const walk = (v: JsonValue, depth: number): void => {
    if (typeof v !== 'object' || v === null || depth > 32) return;
    if (Array.isArray(v)) return (v as JsonValue[]).forEach((x) => walk(x, depth + 1));
    for (const [k, x] of Object.entries(v as JsonObject)) {
      if (!k.startsWith('@') && !k.includes(':')) found.add(k);
      walk(x, depth + 1);
    }
  };
  for (const url of urls) walk(BUNDLED_CONTEXTS.get(url)!, 0);
  if (termsByContexts.size >= 64) termsByContexts.clear();
  termsByContexts.set(key, found);
  return found;
}

/** Runs the expansion again without safe mode to list every unsafe construct, not just the first. */
export async function collectUnsafe(api: JsonLdApi, doc: JsonObject, first: JsonLdEvent): Promise<JsonLdEvent[]> {
  const events: JsonLdEvent[] = [];
  try {
    await api.toRDF(doc, {
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

const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** The events worth one issue each: the same problem once, with how often it occurs. */
function group(events: readonly JsonLdEvent[]): { event: JsonLdEvent; count: number }[] {
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
    const found = groups.get(key);
    if (found) found.count++;
    else groups.set(key, { event, count: 1 });
  }
  return [...groups.values()];
}

/** One issue for one safe-mode event: what is wrong, and the place in the JSON that causes it. */
function describe(event: JsonLdEvent, places: PlaceIndex, ld: LdPlaces | undefined, doc: JsonObject): { code: ElmValidationIssue['code']; term: string; what: string; place?: Place } {
  const d = event.details ?? {};
  switch (event.code) {
    case 'invalid property': {
      const term = text(d.property);
      const lookalike = lookalikeOf(term, bundledTerms(doc));
      if (lookalike) return { code: 'ELM_LOOKALIKE_TERM', term, what: `${lookalike}. JSON-LD processing would drop the key as undefined`, place: places.key(term) };
      return { code: 'ELM_SAFE_MODE', term, what: `the property "${term}" is not defined by the document's @context: JSON-LD processing would drop it`, place: places.key(term) };
    }
    case 'relative @type reference': {
      const term = text(d.type);
      return { code: 'ELM_SAFE_MODE', term, what: `the type "${term}" is not defined by the document's @context (it expands to a relative IRI)`, place: places.type(term) };
    }
    case 'relative @id reference': {
      const term = text(d.id);
      return { code: 'ELM_SAFE_MODE', term, what: `"${term}" is not an absolute IRI, so it cannot identify a node`, place: places.id(term) };
    }
    case 'relative object reference':
    case 'relative subject reference': {
      const term = text(d.object ?? d.subject);
      // The member whose term is `@type: @id` holding the string, not any member with an equal string.
      const pointer = ld?.idReference(term);
      const place = pointer !== undefined ? { pointer, nodeId: '' } : places.value(term);
      const key = pointer?.split('/').filter((s) => !/^\d+$/.test(s)).at(-1)?.replaceAll('~1', '/').replaceAll('~0', '~');
      return { code: 'ELM_SAFE_MODE', term, what: `"${term}" is used as an IRI${key ? ` (the value of \`${key}\`, which holds references)` : ''} but is not an absolute one`, place };
    }
    case 'invalid @language value': {
      const term = text(d.language);
      return { code: 'ELM_SAFE_MODE', term, what: `"${term}" is not a BCP 47 language tag`, place: places.key(term) };
    }
    case 'empty object':
      return { code: 'ELM_SAFE_MODE', term: '', what: 'an empty object carries no data: JSON-LD processing drops it', place: { pointer: places.emptyObject() ?? '', nodeId: '' } };
    default:
      return { code: 'ELM_SAFE_MODE', term: '', what: `${event.message.replace(/\.$/, '')} (${event.code}${Object.keys(d).length ? `: ${shorten(text(d), 120)}` : ''})` };
  }
}

/** An issue per distinct safe-mode problem, pointing at where the document has it. */
export async function safeModeIssues(api: JsonLdApi, events: readonly JsonLdEvent[], doc: JsonObject): Promise<ElmValidationIssue[]> {
  const groups = group(events);
  // One walk of the document finds every place; a place per issue would walk it once per issue.
  const places = new PlaceIndex(doc);
  const ld = groups.some(({ event }) => event.code.startsWith('relative object') || event.code.startsWith('relative subject')) ? await ldPlaces(doc, api) : undefined;
  return groups.map(({ event, count }) => {
    const { code, term, what, place } = describe(event, places, ld, doc);
    const nodeId = place?.nodeId || (place ? (places.nodeAt(place.pointer) ?? '') : '');
    return {
      code,
      severity: 'error',
      focusNode: nodeId,
      path: place?.pointer ?? '',
      ...(term ? { term: shorten(term) } : {}),
      message: `JSON-LD safe mode: ${shorten(what, 400)}${count > 1 ? ` (${count} times)` : ''}.`,
    };
  });
}
