/**
 * The badge's status entry (src/ob3/to-open-badge.ts): one W3C Bitstring Status List entry, read
 * and checked by the status room's `readGivenStatusEntry` (REC §2.1), in the form 1EdTech's
 * AchievementCredential schema takes: one `credentialStatus` object (not an array) with an `id`
 * and a string `type`. VC 2.0's context defines the entry's terms: no context is added.
 * `CredentialStatus` (ELM's class, which an entry read from an ELM credential carries) is accepted
 * and left out: VC 2.0 does not define it.
 */
import { readGivenStatusEntry, type GivenStatusWhere } from '../../status/entry.js';

const ENTRY_TYPE = 'BitstringStatusListEntry';
const WHERE: GivenStatusWhere = {
  option: 'toOpenBadge(): options.credentialStatus',
  oneOnly: "1EdTech's OB 3.0 schema takes one credentialStatus object",
  holders: 'badges',
  types: `a status entry (only "${ENTRY_TYPE}")`,
  idNeeded: 'the OB 3.0 schema needs one',
};

/**
 * The badge's `credentialStatus`, from the entry the caller gave; a `TypeError` naming the member
 * when it is not one well-formed BitstringStatusListEntry. New objects: the caller's are not kept.
 */
export function badgeStatus(value: unknown): Record<string, unknown> {
  // The OB 3.0 schema requires an id: the entry's own, else the one StatusList.entry() writes.
  const read = readGivenStatusEntry(value, WHERE);
  const out: Record<string, unknown> = {
    id: read.id,
    type: ENTRY_TYPE,
    statusPurpose: read.statusPurpose,
    statusListIndex: read.statusListIndex,
    statusListCredential: read.statusListCredential,
  };
  if (read.sized) out.statusSize = read.statusSize;
  if (read.statusMessage) out.statusMessage = read.statusMessage.map((m) => ({ status: m.status, message: m.message }));
  // One reference is written as itself: VC 2.0 gives statusReference no @set, so compaction does.
  const reference = read.statusReference;
  if (reference !== undefined) out.statusReference = typeof reference === 'string' ? reference : reference.length === 1 ? reference[0] : [...reference];
  return out;
}
