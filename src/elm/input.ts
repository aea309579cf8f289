/**
 * The ELM readers' view of the input copy (json/snapshot.ts makes it): its refusals under the ELM
 * codes, in the words an ELM reader expects.
 */
import { snapshot } from '../json/snapshot.js';
import type { JsonObject } from '../json/types.js';

export type ElmSnapshot =
  | { ok: true; value: JsonObject }
  | { ok: false; code: 'ELM_NOT_JSON_LD' | 'ELM_INPUT_LIMIT'; pointer: string; message: string };

/**
 * A plain-JSON copy of an ELM document, or why there is none: `ELM_INPUT_LIMIT` for a limit
 * crossed, `ELM_NOT_JSON_LD` for anything else (not an object, not JSON, unreadable).
 */
export function snapshotElm(input: unknown): ElmSnapshot {
  const copy = snapshot(input, 'a JSON-LD object (an ELM credential)');
  if (copy.ok) return copy;
  return { ok: false, code: copy.kind === 'limit' ? 'ELM_INPUT_LIMIT' : 'ELM_NOT_JSON_LD', pointer: copy.pointer, message: copy.message };
}
