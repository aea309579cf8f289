/**
 * What was not read: every member of the credential that no reader took, reported once at its
 * highest place (OB3_VALUE_DROPPED), so that nothing is dropped silently.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import { pointerOf } from '../../json/pointer.js';
import { type Path, type Reader, isObject } from './reader.js';

/** Members never reported: JSON-LD and VC machinery that is not data about the micro-credential. */
const MACHINERY: ReadonlySet<string> = new Set(['@context', 'proof', 'credentialSchema']);

/** Reports the members of `doc` that were neither taken whole nor entered. */
export function reportLeftovers(r: Reader, doc: JsonObject): void {
  for (const [key, value] of Object.entries(doc)) {
    if (!MACHINERY.has(key)) walk(r, value, [key]);
  }
}

function walk(r: Reader, value: JsonValue, path: Path): void {
  const at = pointerOf(path);
  if (r.taken.has(at)) return;
  if (!r.entered.has(at)) {
    const last = path[path.length - 1];
    const what = typeof last === 'number' ? `Item ${last} of \`${String(path[path.length - 2])}\`` : `\`${last}\``;
    r.issue('OB3_VALUE_DROPPED', 'warning', path, null, `${what} has no place in the micro-credential model (or is not what the mapping reads there); it was not read.`);
    return;
  }
  if (Array.isArray(value)) (value as readonly JsonValue[]).forEach((v, i) => walk(r, v, [...path, i]));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(r, v, [...path, k]);
}
