/**
 * The badge's status entry (src/ob3/to-open-badge.ts): one W3C Bitstring Status List entry, read
 * and checked by the status room's `readStatusEntries` (REC §2.1), in the form 1EdTech's
 * AchievementCredential schema takes: one `credentialStatus` object (not an array) with an `id`
 * and a string `type`. VC 2.0's context defines the entry's terms: no context is added.
 */
import { readStatusEntries } from '../../status/entry.js';

const ENTRY_TYPE = 'BitstringStatusListEntry';
/** The members of a BitstringStatusListEntry (REC §2.1): any other would be dropped by JSON-LD, unsigned. */
const MEMBERS: ReadonlySet<string> = new Set(['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential', 'statusSize', 'statusMessage', 'statusReference']);

const fail = (message: string): never => {
  throw new TypeError(`toOpenBadge(): options.credentialStatus ${message}`);
};

/** The one entry given, alone or as an array of one. */
function oneEntry(value: unknown): unknown {
  if (!Array.isArray(value) || value.length === 0) return value; // an empty array: readStatusEntries says so
  if (value.length === 1) return value[0];
  return fail(
    `holds ${value.length} entries; 1EdTech's OB 3.0 schema takes one credentialStatus object. ` +
      'Give one entry: a revocation list entry for badges that can be withdrawn, or a suspension list entry for ones that can be put on hold.',
  );
}

/**
 * Members JSON-LD would drop, and types other than the entry's own: `CredentialStatus` (ELM's
 * class, which an entry read from an ELM credential carries) is left out, VC 2.0 does not define it.
 */
function strayMembers(entry: Record<string, unknown>): void {
  const stray = Object.keys(entry).filter((k) => !MEMBERS.has(k));
  if (stray.length > 0) fail(`has ${stray.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}: not a member of a BitstringStatusListEntry (REC §2.1); JSON-LD would drop it unsigned.`);
  const types = typeof entry.type === 'string' ? [entry.type] : Array.isArray(entry.type) ? (entry.type as unknown[]) : [];
  const other = types.filter((t) => t !== ENTRY_TYPE && t !== 'CredentialStatus');
  if (other.length > 0 && types.includes(ENTRY_TYPE)) fail(`/type: ${other.map((t) => JSON.stringify(t)).join(', ')} is not a type of a status entry (only "${ENTRY_TYPE}").`);
  if (Array.isArray(entry.statusMessage)) {
    (entry.statusMessage as unknown[]).forEach((m, i) => {
      const extra = m !== null && typeof m === 'object' ? Object.keys(m).filter((k) => k !== 'status' && k !== 'message') : [];
      if (extra.length > 0) fail(`/statusMessage/${i} has ${extra.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}: a status message has only \`status\` and \`message\`.`);
    });
  }
}

/**
 * The badge's `credentialStatus`, from the entry the caller gave; a `TypeError` naming the member
 * when it is not one well-formed BitstringStatusListEntry. New objects: the caller's are not kept.
 */
export function badgeStatus(value: unknown): Record<string, unknown> {
  let entry: unknown;
  let sized = false;
  try {
    entry = oneEntry(value);
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      strayMembers(entry as Record<string, unknown>);
      sized = Object.hasOwn(entry, 'statusSize');
    }
  } catch (e) {
    if (e instanceof TypeError && e.message.startsWith('toOpenBadge()')) throw e;
    fail('cannot be read (a member throws when read).');
  }
  const { entries, issues } = readStatusEntries(entry, '');
  const read = entries[0];
  if (issues.length > 0 || read === undefined) {
    const listed = issues.slice(0, 3).map((i) => `${i.path || '(the entry)'}: ${i.message}`);
    return fail(`is not a well-formed BitstringStatusListEntry [STATUS_ENTRY_MALFORMED]. ${listed.join(' ')}`);
  }
  // The OB 3.0 schema requires an id: the entry's own, else the one StatusList.entry() writes.
  if (read.id === undefined && read.statusListCredential.includes('#')) fail('has no `id`, and its list URL has a fragment, so none can be made from it: give the entry an `id` (the OB 3.0 schema needs one).');
  const out: Record<string, unknown> = {
    id: read.id ?? `${read.statusListCredential}#${read.statusListIndex}`,
    type: ENTRY_TYPE,
    statusPurpose: read.statusPurpose,
    statusListIndex: read.statusListIndex,
    statusListCredential: read.statusListCredential,
  };
  if (sized) out.statusSize = read.statusSize;
  if (read.statusMessage) out.statusMessage = read.statusMessage.map((m) => ({ status: m.status, message: m.message }));
  // One reference is written as itself: VC 2.0 gives statusReference no @set, so compaction does.
  const reference = read.statusReference;
  if (reference !== undefined) out.statusReference = typeof reference === 'string' ? reference : reference.length === 1 ? reference[0] : [...reference];
  return out;
}
