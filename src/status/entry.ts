/**
 * Reading a credential's `credentialStatus`: each `BitstringStatusListEntry` held to the W3C
 * Bitstring Status List v1.0 rules (REC §2.1), every other status type reported, never ignored.
 * Format-neutral: the W3C verifier, the ELM and Open Badges importers and the command line read
 * entries with it.
 * @module
 */
import { describeValue } from '../json/describe.js';
import { pointerSegment } from '../json/pointer.js';
import { statusIssue, type StatusIssue } from './codes.js';
import { parseUrl } from './list/url.js';

/**
 * One `BitstringStatusListEntry` of a credential, as read and checked (REC §2.1): the entry's own
 * members, with its index as a number, its `statusSize` defaulted to 1, and where it is.
 *
 * @example
 * const { entries } = readStatusEntries(credential.credentialStatus, '/credentialStatus');
 * entries[0]; // { statusPurpose: 'revocation', statusListIndex: '94567', index: 94567, statusSize: 1, statusListCredential: 'https://example.com/credentials/status/3', path: '/credentialStatus', … }
 */
export interface BitstringStatusEntry {
  /** Where the entry is, as a JSON Pointer (`/credentialStatus`, `/credentialStatus/1`). */
  path: string;
  /** The entry's `id`, when it has one (never the list's URL). */
  id?: string;
  /** `revocation`, `suspension`, `message`, `refresh` or another purpose the issuer chose. */
  statusPurpose: string;
  /** The index as written: base 10, no sign, no leading zero. */
  statusListIndex: string;
  /** The index as a number (at most `Number.MAX_SAFE_INTEGER`). */
  index: number;
  /** The URL of the `BitstringStatusListCredential`. */
  statusListCredential: string;
  /** Bits per status: 1 (when absent), 2, 4 or 8. */
  statusSize: number;
  /** One message per value (`2 ** statusSize` of them), when the entry gives them. */
  statusMessage?: readonly { status: string; message: string }[];
  /** `statusReference`: URL(s) of material about the status. */
  statusReference?: string | readonly string[];
}

/**
 * A W3C status entry as written in a credential's `credentialStatus` (Bitstring Status List v1.0
 * §2.1): what `toElm()` and `toOpenBadge()` take, and what `fromElm()` and `fromOpenBadge()` give
 * back beside the model. `StatusList.entry()` makes one.
 *
 * @example
 * const entry: CredentialStatusEntry = {
 *   id: 'https://uni.example.eu/status/1#94567',
 *   type: 'BitstringStatusListEntry',
 *   statusPurpose: 'revocation',
 *   statusListIndex: '94567',
 *   statusListCredential: 'https://uni.example.eu/status/1',
 * };
 */
export interface CredentialStatusEntry {
  /** A URL for the entry, not the list's (REC §2.1). ELM and Open Badges need one; without it `${statusListCredential}#${statusListIndex}` is written. */
  id?: string;
  /** `BitstringStatusListEntry` (ELM also writes `CredentialStatus`, the EDC shapes' class; Open Badges leaves it out). */
  type: string | readonly string[];
  /** `revocation`, `suspension`, `message` or `refresh`. */
  statusPurpose: string;
  /** The credential's index in the list: base-10 digits, as a string. */
  statusListIndex: string;
  /** The URL of the `BitstringStatusListCredential`. */
  statusListCredential: string;
  /** Bits per status (1, 2, 4 or 8; absent: 1). */
  statusSize?: number;
  /** One message per value when `statusSize` is above 1. */
  statusMessage?: readonly { status: string; message: string }[];
  /** URL(s) of material about the status values. */
  statusReference?: string | readonly string[];
}

/** The status types other specifications define, named in messages so the reader knows why. */
const OTHER_TYPES: Readonly<Record<string, string>> = {
  StatusList2021Entry: 'the W3C CCG StatusList2021, superseded by Bitstring Status List v1.0',
  RevocationList2020Status: 'the W3C CCG RevocationList2020, superseded by Bitstring Status List v1.0',
  CredentialStatus: 'the ELM/EBSI placeholder type, which names no list to check',
  TrustedCredentialStatus2021: 'the old ESSIF/EBSI type',
  CredentialStatusList2017: 'the W3C CCG CredentialStatusList2017',
  '1EdTechRevocationList': 'the Open Badges 3.0 revocation list of 1EdTech, a service this library does not call',
};

const ENTRY_TYPE = 'BitstringStatusListEntry';
/** statusListIndex (REC §2.1: "an arbitrary size integer greater than or equal to 0, expressed as a string in base 10"): one spelling, so "0123", "+1", "1e3" and " 1" are refused. */
const INDEX = /^(0|[1-9][0-9]*)$/;
/** Sizes a list is read in here: whole fractions of a byte, as every known issuer uses (1 by default). */
const SIZES = new Set([1, 2, 4, 8]);
const HEX = /^0x[0-9a-fA-F]{1,2}$/;

type Problem = (member: string, message: string) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An absolute URL (`https:`, `did:`, `urn:`…) without spaces: what the WHATWG URL parser reads. */
function isUrl(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 2048 && !/\s/.test(v) && parseUrl(v) !== undefined;
}

function typesOf(type: unknown): string[] | undefined {
  if (typeof type === 'string') return [type];
  if (Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string')) return type as string[];
  return undefined;
}

function readIndex(v: unknown, problem: Problem): number | undefined {
  if (typeof v !== 'string') {
    problem('statusListIndex', `\`statusListIndex\` must be a string of base-10 digits (REC §2.1), not ${typeof v === 'number' ? `the number ${v}` : describeValue(v)}.`);
    return undefined;
  }
  if (!INDEX.test(v)) {
    problem('statusListIndex', `\`statusListIndex\` "${v.slice(0, 40)}" is not a base-10 integer in its one spelling (digits only, no sign, exponent, spaces or leading zero).`);
    return undefined;
  }
  const index = Number(v);
  if (!Number.isSafeInteger(index)) {
    problem('statusListIndex', `\`statusListIndex\` ${v.slice(0, 40)} is larger than 2^53 − 1: no status list read here is that long.`);
    return undefined;
  }
  return index;
}

function readSize(v: unknown, problem: Problem): number | undefined {
  if (v === undefined) return 1;
  if (typeof v === 'number' && SIZES.has(v)) return v;
  problem('statusSize', `\`statusSize\` must be 1, 2, 4 or 8 (bits per status), not ${typeof v === 'string' ? `"${v.slice(0, 20)}"` : describeValue(v)}.`);
  return undefined;
}

function readMessages(v: unknown, size: number, problem: Problem): { status: string; message: string }[] | undefined {
  if (v === undefined) {
    if (size > 1) problem('statusMessage', `\`statusMessage\` is required when \`statusSize\` is ${size} (REC §2.1): one message for each of the ${2 ** size} values.`);
    return undefined;
  }
  const count = 2 ** size;
  if (!Array.isArray(v) || v.length !== count) {
    problem('statusMessage', `\`statusMessage\` must be an array of ${count} objects (one per value of ${size} bit${size > 1 ? 's' : ''}), not ${Array.isArray(v) ? `${v.length} of them` : describeValue(v)}.`);
    return undefined;
  }
  const seen = new Set<number>();
  const messages: { status: string; message: string }[] = [];
  for (const [i, m] of v.entries()) {
    const status: unknown = isRecord(m) ? m.status : undefined;
    const message: unknown = isRecord(m) ? m.message : undefined;
    const value = typeof status === 'string' && HEX.test(status) ? parseInt(status.slice(2), 16) : NaN;
    if (typeof message !== 'string' || !(value < count) || seen.has(value)) {
      problem(`statusMessage/${i}`, `Each \`statusMessage\` member must be { "status": "0x…", "message": "…" } with a distinct value below ${count}.`);
      return undefined;
    }
    seen.add(value);
    messages.push({ status: status as string, message });
  }
  return messages;
}

function readReference(v: unknown, problem: Problem): string | string[] | undefined {
  if (v === undefined || isUrl(v)) return v;
  if (Array.isArray(v) && v.length > 0 && v.length <= MAX_STATUS_ENTRIES && v.every(isUrl)) return [...v];
  problem('statusReference', '`statusReference` must be a URL or an array of URLs (REC §2.1).');
  return undefined;
}

/** The most status entries a credential's `credentialStatus` is read with (REC examples have two: one per purpose). */
export const MAX_STATUS_ENTRIES = 64;

/** Element `i`, or a throwing getter's exception turned into an unreadable value. */
function elementAt(array: unknown[], i: number): unknown {
  try {
    return array[i];
  } catch {
    return UNREADABLE;
  }
}
const UNREADABLE = Symbol('unreadable');

/** One entry, checked; undefined when it cannot be used (its issues are in `issues`). A throwing getter or Proxy is an unreadable entry, not a crash. */
function readEntry(entry: unknown, path: string, issues: StatusIssue[]): BitstringStatusEntry | undefined {
  try {
    return readEntryObject(entry, path, issues);
  } catch {
    issues.push(statusIssue('STATUS_ENTRY_MALFORMED', 'error', path, 'The status entry cannot be read (a member throws when read).'));
    return undefined;
  }
}

function readEntryObject(entry: unknown, path: string, issues: StatusIssue[]): BitstringStatusEntry | undefined {
  const before = issues.length;
  const problem: Problem = (member, message) => issues.push(statusIssue('STATUS_ENTRY_MALFORMED', 'error', `${path}/${member}`, message));
  if (!isRecord(entry)) {
    issues.push(statusIssue('STATUS_ENTRY_MALFORMED', 'error', path, `A status entry must be an object, not ${describeValue(entry)}.`));
    return undefined;
  }
  const types = typesOf(entry.type);
  if (types === undefined) {
    problem('type', `A status entry's \`type\` must be "${ENTRY_TYPE}", not ${describeValue(entry.type)}.`);
    return undefined;
  }
  if (!types.includes(ENTRY_TYPE)) {
    const named = types.map((t) => `"${t.slice(0, 60)}"${OTHER_TYPES[t] ? ` (${OTHER_TYPES[t]})` : ''}`).join(', ');
    problem('type', `Status type ${named} is not checked by this library: only "${ENTRY_TYPE}" (W3C Bitstring Status List v1.0) is; the credential's status cannot be established.`);
    return undefined;
  }
  const purpose = entry.statusPurpose;
  if (typeof purpose !== 'string' || purpose.length === 0) problem('statusPurpose', `\`statusPurpose\` must be a non-empty string (revocation, suspension, message, refresh), not ${describeValue(purpose)}.`);
  const index = readIndex(entry.statusListIndex, problem);
  const list = entry.statusListCredential;
  if (!isUrl(list)) problem('statusListCredential', `\`statusListCredential\` must be the URL of the status list credential, not ${typeof list === 'string' ? `"${list.slice(0, 80)}"` : describeValue(list)}.`);
  const id = entry.id;
  if (id !== undefined && !isUrl(id)) problem('id', `An entry's \`id\` must be a URL, not ${describeValue(id)}.`);
  else if (id !== undefined && id === list) problem('id', 'An entry\'s `id` must not be the URL of the status list (REC §2.1); use, for example, the list URL with "#" and the index.');
  const size = readSize(entry.statusSize, problem);
  const messages = size === undefined ? undefined : readMessages(entry.statusMessage, size, problem);
  const reference = readReference(entry.statusReference, problem);
  if (issues.length > before || index === undefined || size === undefined) return undefined;
  return {
    path,
    ...(id === undefined ? {} : { id: id as string }),
    statusPurpose: purpose as string,
    statusListIndex: entry.statusListIndex as string,
    index,
    statusListCredential: list as string,
    statusSize: size,
    ...(messages === undefined ? {} : { statusMessage: messages }),
    ...(reference === undefined ? {} : { statusReference: reference }),
  };
}

/**
 * Reads a credential's `credentialStatus` (one entry or an array of them) at JSON Pointer `path`.
 * Each `BitstringStatusListEntry` is checked against REC §2.1: `statusPurpose` a non-empty string;
 * `statusListIndex` a base-10 string in its one spelling (`"94567"`; `"094567"`, `"+1"`, `"1e3"`
 * and the number `94567` are refused); `statusListCredential` a URL; `id`, when present, a URL
 * other than the list's; `statusSize` 1 (default), 2, 4 or 8; `statusMessage` (required above 1
 * bit) one `{status: "0x…", message}` per value; `statusReference` URL(s). Other status types
 * (`StatusList2021Entry`, `CredentialStatus`, `TrustedCredentialStatus2021`…) and an empty array are
 * `STATUS_ENTRY_MALFORMED` errors: a status this library cannot check is never ignored. Entries
 * with issues are left out of `entries`. The input is not modified.
 *
 * @example
 * const { entries, issues } = readStatusEntries(credential.credentialStatus, '/credentialStatus');
 * if (issues.length === 0) for (const e of entries) console.log(e.statusListCredential, e.index, e.statusPurpose);
 */
export function readStatusEntries(credentialStatus: unknown, path: string): { entries: BitstringStatusEntry[]; issues: StatusIssue[] } {
  const entries: BitstringStatusEntry[] = [];
  const issues: StatusIssue[] = [];
  let array: boolean;
  let length = 0;
  try {
    // A revoked Proxy throws on Array.isArray; an array's length is read once, before any element.
    array = Array.isArray(credentialStatus);
    if (array) length = (credentialStatus as unknown[]).length;
  } catch {
    issues.push(statusIssue('STATUS_ENTRY_MALFORMED', 'error', path, '`credentialStatus` cannot be read (a Proxy or a member that throws when read).'));
    return { entries, issues };
  }
  if (array) {
    if (length === 0) issues.push(statusIssue('STATUS_ENTRY_MALFORMED', 'error', path, '`credentialStatus` is an empty array: give at least one status entry, or leave the member out.'));
    if (length > MAX_STATUS_ENTRIES) {
      issues.push(statusIssue('STATUS_ENTRY_MALFORMED', 'error', path, `\`credentialStatus\` has ${length} entries; at most ${MAX_STATUS_ENTRIES} are read (a credential needs one per purpose), so its status cannot be established.`));
      return { entries, issues };
    }
    for (let i = 0; i < length; i++) {
      const read = readEntry(elementAt(credentialStatus as unknown[], i), `${path}${pointerSegment(i)}`, issues);
      if (read) entries.push(read);
    }
  } else {
    const read = readEntry(credentialStatus, path, issues);
    if (read) entries.push(read);
  }
  return { entries, issues };
}

/** The members of a BitstringStatusListEntry (REC §2.1): any other would be dropped by JSON-LD, unsigned. */
const ENTRY_MEMBERS: ReadonlySet<string> = new Set(['id', 'type', 'statusPurpose', 'statusListIndex', 'statusListCredential', 'statusSize', 'statusMessage', 'statusReference']);
/** The types an entry given to a writer may carry: the entry's own, and ELM's class (which an entry read from an ELM credential has). */
const GIVEN_TYPES: readonly unknown[] = [ENTRY_TYPE, 'CredentialStatus'];

/** How a format's writer is named in the messages of {@link readGivenStatusEntry}. */
export interface GivenStatusWhere {
  /** What every message starts with: the function and its option (`toElm(): options.credentialStatus`). */
  option: string;
  /** Why one entry only (`an ELM credential carries at most one (EDC shapes: cred:credentialStatus 0..1)`). */
  oneOnly: string;
  /** What the entries are for, plural (`credentials`, `badges`). */
  holders: string;
  /** The types the format writes, as the message on another says it (`an ELM status entry (only "CredentialStatus" and "BitstringStatusListEntry")`). */
  types: string;
  /** What needs the entry's `id` (`the EDC shapes need one`). */
  idNeeded: string;
}

/** One entry a caller gave a writer, read and checked: its `id` (its own, else `${list}#${index}`) and whether it gave `statusSize`. */
export interface GivenStatusEntry extends BitstringStatusEntry {
  id: string;
  /** The caller wrote `statusSize` (a writer writes it back only then). */
  sized: boolean;
}

/**
 * The one `BitstringStatusListEntry` a caller gave a credential writer (`toElm()`'s and
 * `toOpenBadge()`'s `credentialStatus` option), alone or as an array of one: read into new objects
 * (the caller's is not kept or changed) and checked by {@link readStatusEntries} (REC §2.1), plus
 * what a writer needs: no member JSON-LD would drop unsigned, no type beside the entry's own (and
 * ELM's `CredentialStatus`), no extra member in a status message, and an `id` (the entry's own,
 * else `${statusListCredential}#${statusListIndex}`, as `StatusList.entry()` writes). Anything else
 * is a `TypeError` starting with `where.option` and naming the member.
 */
export function readGivenStatusEntry(value: unknown, where: GivenStatusWhere): GivenStatusEntry {
  const fail = (message: string): never => {
    throw new TypeError(`${where.option} ${message}`);
  };
  let entry: unknown;
  let sized = false;
  try {
    entry = oneGivenEntry(value, where, fail);
    if (isRecord(entry)) {
      strayGivenMembers(entry, where, fail);
      sized = Object.hasOwn(entry, 'statusSize');
    }
  } catch (e) {
    if (e instanceof TypeError && e.message.startsWith(where.option)) throw e;
    fail('cannot be read (a member throws when read).');
  }
  const { entries, issues } = readStatusEntries(entry, '');
  const read = entries[0];
  if (issues.length > 0 || read === undefined) {
    const listed = issues.slice(0, 3).map((i) => `${i.path || '(the entry)'}: ${i.message}`);
    return fail(`is not a well-formed BitstringStatusListEntry [STATUS_ENTRY_MALFORMED]. ${listed.join(' ')}`);
  }
  if (read.id === undefined && read.statusListCredential.includes('#')) fail(`has no \`id\`, and its list URL has a fragment, so none can be made from it: give the entry an \`id\` (${where.idNeeded}).`);
  return { ...read, id: read.id ?? `${read.statusListCredential}#${read.statusListIndex}`, sized };
}

/** The one entry given, alone or as an array of one. */
function oneGivenEntry(value: unknown, where: GivenStatusWhere, fail: (message: string) => never): unknown {
  if (!Array.isArray(value) || value.length === 0) return value; // an empty array: readStatusEntries says so
  if (value.length === 1) return value[0];
  return fail(
    `holds ${value.length} entries; ${where.oneOnly}. ` +
      `Give one entry: a revocation list entry for ${where.holders} that can be withdrawn, or a suspension list entry for ones that can be put on hold.`,
  );
}

/** Members JSON-LD would drop (not defined by the status/v1 context), types the writer cannot write, extra members of a status message. */
function strayGivenMembers(entry: Record<string, unknown>, where: GivenStatusWhere, fail: (message: string) => never): void {
  const stray = Object.keys(entry).filter((k) => !ENTRY_MEMBERS.has(k));
  if (stray.length > 0) fail(`has ${stray.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}: not a member of a BitstringStatusListEntry (REC §2.1); JSON-LD would drop it unsigned.`);
  const types = typeof entry.type === 'string' ? [entry.type] : Array.isArray(entry.type) ? (entry.type as unknown[]) : [];
  const other = types.filter((t) => !GIVEN_TYPES.includes(t));
  if (other.length > 0 && types.includes(ENTRY_TYPE)) fail(`/type: ${other.map((t) => JSON.stringify(t)).join(', ')} is not a type of ${where.types}.`);
  if (Array.isArray(entry.statusMessage)) {
    (entry.statusMessage as unknown[]).forEach((m, i) => {
      const extra = m !== null && typeof m === 'object' ? Object.keys(m).filter((k) => k !== 'status' && k !== 'message') : [];
      if (extra.length > 0) fail(`/statusMessage/${i} has ${extra.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}: a status message has only \`status\` and \`message\`.`);
    });
  }
}
