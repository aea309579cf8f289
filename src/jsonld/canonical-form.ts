/**
 * The one JSON form of a signed document. A linked-data proof signs the canonical RDF of a
 * document; people and code read its JSON. JSON-LD lets the same RDF be spelled many ways (a value
 * or a one-element array, a term or its full IRI, a value object or a plain string, an inline
 * context that renames terms…), and lets JSON carry members that add nothing to the RDF (`null`,
 * `[]`, an empty language entry). A reader of such JSON sees something else than what was signed.
 *
 * This module checks that a document is exactly what JSON-LD compaction with the document's own
 * (allow-listed, bundled) contexts produces from its expanded form, member by member, and reports
 * each place where it is not, with its JSON Pointer. The term definitions, type- and
 * property-scoped contexts, IRI expansion and compaction are jsonld.js's own (its context
 * processing and `compactIri`, of the pinned 9.0.0); what is ours is the walk, because jsonld.js's
 * `compact()` copies and re-inverts the active context at every typed node and costs twice a whole
 * verification (22 ms on the EU sample against 12 ms), where this walk costs a few percent of it.
 * The tests compare its verdicts with jsonld.js's compaction round trip over every fixture, the EU
 * sample and thousands of rewrites.
 *
 * The canonical profile is stricter than JSON-LD in one way, on purpose: it has no room for
 * JSON-LD features the bundled contexts do not use (`@nest`, `@index`, `@reverse`, `@list`, id and
 * type maps, nested `@context` except at an embedded credential's root). Language tags in language
 * maps are compared without regard to case (JSON-LD lower-cases them; `sr-Latn` is how people write
 * them), but one map may not hold two keys that differ only in case.
 *
 * The parts, in canonical-form/: the problems and options (problems.ts), active contexts and IRI
 * compaction (contexts.ts), the contexts a document may name (allowed-contexts.ts), the walk over
 * nodes and members (walk.ts), the spelling of values (values.ts) and the copies of a node (copies.ts).
 */
import { pointerSegment as seg } from '../json/pointer.js';
import type { JsonObject } from '../json/types.js';
import { withContexts } from './canonical-form/allowed-contexts.js';
import type { CanonicalFormOptions, FormProblem } from './canonical-form/problems.js';
import { Walk } from './canonical-form/walk.js';

export type { CanonicalFormOptions, FormProblem, FormProblemCode } from './canonical-form/problems.js';
export { MAX_VALUES_PER_PROPERTY } from './canonical-form/problems.js';

/**
 * The places where `doc` (a credential or presentation, its `proof` members aside) is not in the
 * one JSON form its contexts give its signed data; empty when it is. Never throws on the document.
 *
 * @example
 * const problems = await canonicalFormProblems(doc, { documentLoader, allowedContexts, staticContexts });
 * // [{ code: 'VC_JSON_NOT_CANONICAL', pointer: '/expirationDate', message: '`expirationDate` is a one-element array: …' }]
 */
export async function canonicalFormProblems(doc: JsonObject, options: CanonicalFormOptions): Promise<FormProblem[]> {
  const walk = new Walk(options);
  if (!Object.hasOwn(doc, '@context')) {
    walk.add('VC_CONTEXT_NOT_ALLOWED', '', 'The document has no `@context`.');
    return walk.problems;
  }
  try {
    const ctx = await withContexts(walk, undefined, doc['@context']!, seg('@context'));
    if (!ctx) return walk.problems;
    const { '@context': _, ...rest } = doc;
    await walk.node(rest, ctx, '', false);
    walk.checkCopies();
  } catch (error) {
    walk.add('VC_JSON_NOT_CANONICAL', '', `The document's form cannot be checked: ${error instanceof Error ? error.message.slice(0, 200) : 'failed'}.`);
  }
  return walk.problems;
}