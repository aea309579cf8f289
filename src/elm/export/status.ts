/**
 * The credential's status entry in ELM (src/elm/export/to-elm.ts): one W3C Bitstring Status List
 * entry, read and checked by the status room's `readGivenStatusEntry` (REC §2.1), written the way
 * the EDC shapes take a `cred:credentialStatus`: at most one (`sh:maxCount 1`), an IRI node
 * (`sh:nodeKind sh:IRI`: it needs an `id`) typed `elm:CredentialStatus` (`sh:class`: the type lists
 * `CredentialStatus` beside `BitstringStatusListEntry`). Its terms come from the status/v1 context,
 * which the credential names after the EDC pair.
 */
import { readGivenStatusEntry, type GivenStatusWhere } from '../../status/entry.js';
import type { ElmNode } from './types.js';

/** The entry's types in ELM: the EDC shapes' class, then the W3C one. */
const ELM_STATUS_TYPES = ['CredentialStatus', 'BitstringStatusListEntry'] as const;
const OPTION = 'toElm(): options.credentialStatus';
const WHERE: GivenStatusWhere = {
  option: OPTION,
  oneOnly: 'an ELM credential carries at most one (EDC shapes: cred:credentialStatus 0..1)',
  holders: 'credentials',
  types: 'an ELM status entry (only "CredentialStatus" and "BitstringStatusListEntry")',
  idNeeded: 'the EDC shapes need one',
};

/**
 * The `credentialStatus` node of an EDC-profile credential, from the entry the caller gave; a
 * `TypeError` naming the member when it is not one well-formed BitstringStatusListEntry, or when
 * the profile is EBSI's. The entry is read once into new objects: the caller's is not kept or changed.
 */
export function elmStatusNode(value: unknown, profile: 'edc' | 'ebsi'): ElmNode {
  if (profile === 'ebsi') {
    throw new TypeError(
      `${OPTION} cannot be written with profile 'ebsi': EBSI's EDC schema 2.1.0 allows only \`id\` and \`type\` ("CredentialStatus" or "TrustedCredentialStatus2021") in credentialStatus, ` +
        'so a BitstringStatusListEntry\'s `statusPurpose`, `statusListIndex` and `statusListCredential` would make the credential invalid, and an entry without them names no list anyone can check. ' +
        "Issue the EDC profile (profile 'edc') with the entry, or the EBSI profile without credentialStatus.",
    );
  }
  // The EDC shapes want an IRI node: the entry's own id, else the one StatusList.entry() writes.
  const read = readGivenStatusEntry(value, WHERE);
  const node: ElmNode = {
    id: read.id,
    type: [...ELM_STATUS_TYPES],
    statusPurpose: read.statusPurpose,
    statusListIndex: read.statusListIndex,
    statusListCredential: read.statusListCredential,
  };
  if (read.sized) node.statusSize = read.statusSize;
  if (read.statusMessage) node.statusMessage = read.statusMessage.map((m) => ({ status: m.status, message: m.message }));
  if (read.statusReference !== undefined) node.statusReference = typeof read.statusReference === 'string' ? read.statusReference : [...read.statusReference];
  return node;
}
