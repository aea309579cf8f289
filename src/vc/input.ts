/**
 * Reading a caller's credential or presentation, for signing and verifying alike: one plain copy
 * (json/snapshot.ts) that every later step reads, or the reason there is none, which each caller
 * reports as `VC_CREDENTIAL_MALFORMED`.
 */
import { snapshot } from '../json/snapshot.js';
import type { JsonObject } from '../json/types.js';

/** Why a document could not be read: what to change, and where, when it is inside (a JSON Pointer). */
export interface Unreadable {
  ok: false;
  message: string;
  pointer?: string;
}

/**
 * A plain copy of `input`, or why there is none. Never throws: a getter, a proxy, a cycle or a
 * limit crossed is a refusal with its place.
 */
export function readDocument(input: unknown, subject: 'credential' | 'presentation' = 'credential'): { ok: true; value: JsonObject } | Unreadable {
  const copy = snapshot(input, `a JSON-LD object (a ${subject})`);
  return copy.ok ? copy : { ok: false, message: copy.message, ...(copy.pointer ? { pointer: copy.pointer } : {}) };
}

/** The message of a refusal with its place, for an error that has no `path` of its own. */
export function unreadableMessage(refusal: Unreadable): string {
  return `${refusal.message}${refusal.pointer ? ` (at ${refusal.pointer})` : ''}`;
}
