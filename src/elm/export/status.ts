/**
 * The credential's status entry in ELM (src/elm/export/to-elm.ts): one W3C Bitstring Status List
 * entry, read and checked by the status room's `readStatusEntries` (REC §2.1), written the way the
 * EDC shapes take a `cred:credentialStatus`: at most one (`sh:maxCount 1`), an IRI node
 * (`sh:nodeKind sh:IRI`: it needs an `id`) typed `elm:CredentialStatus` (`sh:class`: the type lists
 * `CredentialStatus` beside `BitstringStatusListEntry`). Its terms come from the status/v1 context,
 * which the credential names after the EDC pair.
 */
import { readStatusEntries } from '../../status/entry.js';
import type { ElmNode } from './types.js';

/** The members of a BitstringStatusListEntry (REC §2.1): any other would be dropped by JSON-LD, unsigned. */
const MEMBERS: ReadonlySet<string> = new Set(['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential', 'statusSize', 'statusMessage', 'statusReference']);
/** The entry's types in ELM: the EDC shapes' class, then the W3C one. */
const ELM_STATUS_TYPES = ['CredentialStatus', 'BitstringStatusListEntry'] as const;

const fail = (message: string): never => {
  throw new TypeError(`toElm(): options.credentialStatus ${message}`);
};

/** The one entry given, alone or as an array of one. */
function oneEntry(value: unknown): unknown {
  if (!Array.isArray(value) || value.length === 0) return value; // an empty array: readStatusEntries says so
  if (value.length === 1) return value[0];
  return fail(
    `holds ${value.length} entries; an ELM credential carries at most one (EDC shapes: cred:credentialStatus 0..1). ` +
      'Give one entry: a revocation list entry for credentials that can be withdrawn, or a suspension list entry for ones that can be put on hold.',
  );
}

/** Members JSON-LD would drop (not defined by the status/v1 context) and types ELM cannot write. */
function strayMembers(entry: Record<string, unknown>): void {
  const stray = Object.keys(entry).filter((k) => !MEMBERS.has(k));
  if (stray.length > 0) fail(`has ${stray.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}: not a member of a BitstringStatusListEntry (REC §2.1); JSON-LD would drop it unsigned.`);
  const types = typeof entry.type === 'string' ? [entry.type] : Array.isArray(entry.type) ? (entry.type as unknown[]) : [];
  const other = types.filter((t) => !(ELM_STATUS_TYPES as readonly unknown[]).includes(t));
  if (other.length > 0 && types.includes('BitstringStatusListEntry')) fail(`/type: ${other.map((t) => JSON.stringify(t)).join(', ')} is not a type of an ELM status entry (only "CredentialStatus" and "BitstringStatusListEntry").`);
  if (Array.isArray(entry.statusMessage)) {
    (entry.statusMessage as unknown[]).forEach((m, i) => {
      const extra = m !== null && typeof m === 'object' ? Object.keys(m).filter((k) => k !== 'status' && k !== 'message') : [];
      if (extra.length > 0) fail(`/statusMessage/${i} has ${extra.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}: a status message has only \`status\` and \`message\`.`);
    });
  }
}

/**
 * The `credentialStatus` node of an EDC-profile credential, from the entry the caller gave; a
 * `TypeError` naming the member when it is not one well-formed BitstringStatusListEntry, or when
 * the profile is EBSI's. The entry is read once into new objects: the caller's is not kept or changed.
 */
export function elmStatusNode(value: unknown, profile: 'edc' | 'ebsi'): ElmNode {
  if (profile === 'ebsi') {
    fail(
      "cannot be written with profile 'ebsi': EBSI's EDC schema 2.1.0 allows only `id` and `type` (\"CredentialStatus\" or \"TrustedCredentialStatus2021\") in credentialStatus, " +
        'so a BitstringStatusListEntry\'s `statusPurpose`, `statusListIndex` and `statusListCredential` would make the credential invalid, and an entry without them names no list anyone can check. ' +
        "Issue the EDC profile (profile 'edc') with the entry, or the EBSI profile without credentialStatus.",
    );
  }
  let entry: unknown;
  let sized = false;
  try {
    entry = oneEntry(value);
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      strayMembers(entry as Record<string, unknown>);
      sized = Object.hasOwn(entry, 'statusSize');
    }
  } catch (e) {
    if (e instanceof TypeError && e.message.startsWith('toElm()')) throw e;
    fail('cannot be read (a member throws when read).');
  }
  const { entries, issues } = readStatusEntries(entry, '');
  const read = entries[0];
  if (issues.length > 0 || read === undefined) {
    const listed = issues.slice(0, 3).map((i) => `${i.path || '(the entry)'}: ${i.message}`);
    return fail(`is not a well-formed BitstringStatusListEntry [STATUS_ENTRY_MALFORMED]. ${listed.join(' ')}`);
  }
  // The EDC shapes want an IRI node: the entry's own id, else the one StatusList.entry() writes.
  if (read.id === undefined && read.statusListCredential.includes('#')) fail('has no `id`, and its list URL has a fragment, so none can be made from it: give the entry an `id` (the EDC shapes need one).');
  const node: ElmNode = {
    id: read.id ?? `${read.statusListCredential}#${read.statusListIndex}`,
    type: [...ELM_STATUS_TYPES],
    statusPurpose: read.statusPurpose,
    statusListIndex: read.statusListIndex,
    statusListCredential: read.statusListCredential,
  };
  if (sized) node.statusSize = read.statusSize;
  if (read.statusMessage) node.statusMessage = read.statusMessage.map((m) => ({ status: m.status, message: m.message }));
  if (read.statusReference !== undefined) node.statusReference = typeof read.statusReference === 'string' ? read.statusReference : [...read.statusReference];
  return node;
}
