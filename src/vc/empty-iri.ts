/**
 * Empty IRIs: a `""` where the contexts expect an IRI (a term typed `@id` or `@vocab`). jsonld.js,
 * run as the proof suites run it (safe mode, `base: null`), keeps such a value as `{"@id": ""}` and
 * then leaves it out of the RDF without a safe-mode error, while every other relative IRI is an
 * error. The `""` stays in the JSON that readers see, yet it is neither signed nor checked: where a
 * node is also written out elsewhere in a credential (a concept used twice, say), replacing one copy
 * by `""` leaves the signed statements as they were, and the signature holds over JSON that shows
 * something else.
 * Signing and verifying refuse such documents (VC_UNDEFINED_TERM), as they refuse undefined terms.
 */
import jsonld from 'jsonld';
import { pointerSegment } from '../json/pointer.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';

/** A stand-in for the n-th `""`: an absolute IRI if the contexts read it as one, a literal otherwise. */
const SENTINEL = 'urn:eu-micro-credentials:empty-string:';

/**
 * JSON Pointers of the `""` values of `doc` that JSON-LD reads as IRIs (none when expansion fails:
 * the safe-mode check reports that). Quick when the document has no `""` at all, as almost none has.
 */
export async function emptyIriPointers(doc: JsonObject, documentLoader: DocumentLoader): Promise<string[]> {
  if (!hasEmptyString(doc)) return [];
  const pointers: string[] = [];
  const marked = mark(doc, '', pointers);
  let expanded: unknown;
  try {
    expanded = await jsonld.expand(marked, { documentLoader, safe: true, base: null });
  } catch {
    return [];
  }
  const found = new Set<number>();
  collectIds(expanded, found);
  return [...found].sort((a, b) => a - b).map((i) => pointers[i]!);
}

/** Whether a `""` is anywhere outside `@context` (no copy, no pointers: the common case is quick). */
function hasEmptyString(value: JsonValue): boolean {
  if (value === '') return true;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasEmptyString);
  for (const key of Object.keys(value)) {
    if (key !== '@context' && hasEmptyString((value as JsonObject)[key]!)) return true;
  }
  return false;
}

/** What signing and verifying say of the empty IRIs at `pointers`, before their own conclusion. */
export function emptyIriMessage(pointers: readonly string[]): string {
  return `An empty IRI ("") at ${pointers.join(', ')}: JSON-LD drops it without a safe-mode error`;
}

/** A copy of `value` with each `""` (outside `@context`) replaced by a numbered sentinel. */
function mark(value: JsonValue, pointer: string, pointers: string[]): JsonValue {
  if (value === '') {
    pointers.push(pointer);
    return `${SENTINEL}${pointers.length - 1}`;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: JsonValue, i: number) => mark(item, pointer + pointerSegment(i), pointers));
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value)) {
    const item = (value as JsonObject)[key]!;
    // defineProperty: a `__proto__` key stays an own member (the caller has refused those already).
    Object.defineProperty(out, key, { value: key === '@context' ? item : mark(item, pointer + pointerSegment(key), pointers), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The sentinels that expansion turned into node references or node ids (`@id`), not literals. */
function collectIds(value: unknown, found: Set<number>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, found);
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (key === '@id' && typeof item === 'string' && item.startsWith(SENTINEL)) found.add(Number(item.slice(SENTINEL.length)));
    else if (key !== '@value') collectIds(item, found);
  }
}
