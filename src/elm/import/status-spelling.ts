/**
 * A credential's `credentialStatus` in the spelling JSON-LD compaction with the status/v1 context
 * gives it: what an ELM credential with a Bitstring Status List entry holds beside the EDC terms
 * (src/elm/export/status.ts writes it). The importer does not read it into the model; `fromElm`
 * returns it beside the model as written, so it must be in that spelling to be taken as is.
 */
import { isNode } from './json.js';

const TYPES: ReadonlySet<unknown> = new Set(['CredentialStatus', 'BitstringStatusListEntry']);
const isString = (v: unknown): v is string => typeof v === 'string';
const isMessage = (m: unknown): boolean => isNode(m) && Object.keys(m).every((k) => k === 'status' || k === 'message') && isString(m.status) && isString(m.message);

/** How each member of a BitstringStatusListEntry is written (status/v1 context; REC §2.1). */
const MEMBERS: Readonly<Record<string, (v: unknown) => boolean>> = {
  id: (v) => isString(v) && /^[a-z][a-z0-9+.-]*:/i.test(v) && !v.startsWith('_:'),
  type: (v) => (isString(v) ? v === 'BitstringStatusListEntry' : Array.isArray(v) && v.length > 1 && v.length === new Set(v).size && v.includes('BitstringStatusListEntry') && v.every((t) => TYPES.has(t))),
  statusPurpose: isString,
  statusListIndex: isString,
  statusListCredential: isString,
  statusSize: (v) => typeof v === 'number',
  statusMessage: (v) => Array.isArray(v) && v.length > 1 && v.every(isMessage),
  statusReference: (v) => isString(v) || (Array.isArray(v) && v.length > 1 && v.every(isString)),
};

/** One entry, or several, each with only status/v1 members, each written as compaction writes it. */
export function isStatusEntrySpelling(value: unknown): boolean {
  const entries = Array.isArray(value) ? value : [value];
  return (
    // An array of one is written as its entry (status/v1 gives credentialStatus no @set).
    (!Array.isArray(value) || entries.length > 1) &&
    entries.every((e) => isNode(e) && Object.hasOwn(e, 'type') && Object.entries(e).every(([k, v]) => Object.hasOwn(MEMBERS, k) && MEMBERS[k]!(v)))
  );
}
