/**
 * Where a verification issue points: JSON Pointers (RFC 6901) into the document the caller gave.
 * A member that is missing is pointed at where it would be (`/proof`, `/issuer`); `''`, the
 * document itself, only when no member is at fault or the place cannot be found.
 */
import { findPlaces, pointerKeys, pointerSegment } from '../json/pointer.js';
import type { JsonObject, JsonValue } from '../json/types.js';

/**
 * The pointer of the id of `doc[key]` (the issuer, the holder): `/issuer/id` when it is an object,
 * `/issuer` when it is a string, or missing (where it would be).
 */
export function idMemberPointer(doc: JsonObject, key: 'issuer' | 'holder'): string {
  const value = doc[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? `${pointerSegment(key)}/id` : pointerSegment(key);
}

/** The pointer of the context `url` in the document's `@context`, or of `@context` itself. */
export function contextPointer(doc: JsonObject, url: string): string {
  const context = doc['@context'];
  if (Array.isArray(context)) {
    const i = context.indexOf(url);
    if (i >= 0) return `/@context${pointerSegment(i)}`;
  }
  return '/@context';
}

/** The first member named `term` (or a `type` that lists it), outside `@context` and the proofs; `''` when there is none. */
export function termPointer(doc: JsonObject, term: string | undefined): string {
  if (term === undefined) return '';
  const { '@context': _context, proof: _proof, ...unsigned } = doc;
  const [place] = findPlaces(unsigned, (key, value) => key === term || ((key === 'type' || key === '@type') && [value].flat().includes(term)), 1);
  return place?.pointer ?? '';
}

/** Whether `pointer` names a member (or item) of `doc`. */
export function resolves(doc: JsonValue, pointer: string): boolean {
  let value: JsonValue | undefined = doc;
  for (const key of pointerKeys(pointer)) {
    if (value === null || typeof value !== 'object') return false;
    if (Array.isArray(value)) value = /^(0|[1-9]\d*)$/.test(key) ? value[Number(key)] : undefined;
    else value = Object.hasOwn(value, key) ? (value as JsonObject)[key] : undefined;
    if (value === undefined) return false;
  }
  return true;
}

/**
 * An ELM issue's `path` (a JSON Pointer), when it names a member of `doc` (not the whole
 * document); undefined otherwise.
 */
export function elmPointerIn(doc: JsonObject, path: string): string | undefined {
  return path.startsWith('/') && resolves(doc, path) ? path : undefined;
}
