/**
 * The issuer's status list state as plain JSON (`StatusListData`, what `StatusList.toJSON()` gives
 * and `StatusList.fromJSON()` takes), the options of `StatusList.create()`, and the checks both
 * go through. Every check names the member it concerns; `fromJSON` refuses with
 * {@link StatusListError}, `create` (the caller's own options: misuse) with a `TypeError`.
 * @module
 */
import { describeValue } from '../../json/describe.js';
import { base64UrlToBytes } from '../../json/encoding.js';
import { snapshot } from '../../json/snapshot.js';
import type { JsonObject } from '../../json/types.js';
import { BITSTRING_MIN_ENTRIES } from '../bitstring.js';
import { StatusListError } from '../errors.js';
import { parseUrl } from './url.js';

/**
 * The two status list formats: `bitstring`, the W3C Bitstring Status List v1.0 (W3C credentials:
 * ELM, Open Badges 3.0), and `token`, the IETF Token Status List (SD-JWT VC).
 *
 * @example
 * const format: StatusListFormat = 'token';
 */
export type StatusListFormat = 'bitstring' | 'token';

/**
 * What a list says about its credentials. A W3C list has one `statusPurpose`: `revocation` (final),
 * `suspension` (reversible) or `message` (multi-bit values with a message each). A token list
 * carries VALID, INVALID (revoked) and SUSPENDED in one list: its purpose is `status`.
 *
 * @example
 * const purpose: StatusListPurpose = 'suspension';
 */
export type StatusListPurpose = 'revocation' | 'suspension' | 'message' | 'status';

/**
 * Bits per status: 1, 2, 4 or 8 (a byte holds a whole number of statuses), the W3C `statusSize`
 * and the token list's `bits`.
 *
 * @example
 * const size: StatusSize = 2;
 */
export type StatusSize = 1 | 2 | 4 | 8;

/**
 * The message of one value of a W3C `message` list (REC §2.1 `statusMessage`): `status` is the
 * value in hexadecimal (`0x0`, `0x1`…).
 *
 * @example
 * const messages: StatusMessage[] = [{ status: '0x0', message: 'pending_review' }, { status: '0x1', message: 'accepted' }];
 */
export interface StatusMessage {
  status: string;
  message: string;
}

/**
 * The issuer's list state as plain JSON (`version` 1), as a store keeps it: the list's identity
 * and shape, `revision` (one more for each change) and `updated` (when it last changed), the
 * statuses (`bits`: the raw list, W3C MSB-first or token LSB-first, in base64url without padding)
 * and which indexes were ever handed out (`allocated`: one bit per index, MSB-first, base64url).
 *
 * @example
 * const data: StatusListData = list.toJSON();
 * // { version: 1, id: 'https://uni.example.eu/status/1', format: 'bitstring', purpose: 'revocation', statusSize: 1, length: 131072, revision: 3, updated: '2026-01-15T10:00:00.000Z', bits: 'AAAA…', allocated: 'AAAA…' }
 */
export interface StatusListData {
  version: 1;
  /** The list's URL: the W3C `statusListCredential` / the credential's `id`, or the token's `sub` and the entries' `uri`. */
  id: string;
  format: StatusListFormat;
  purpose: StatusListPurpose;
  statusSize: StatusSize;
  /** Number of statuses (entries) in the list. */
  length: number;
  /** W3C `message` lists: one message per value (`2 ** statusSize` of them). */
  statusMessages?: StatusMessage[];
  revision: number;
  /** When the list last changed (ISO 8601, UTC). */
  updated: string;
  bits: string;
  allocated: string;
}

/**
 * Options of `StatusList.create()`.
 *
 * @example
 * const options: CreateStatusListOptions = { id: 'https://uni.example.eu/status/1', format: 'bitstring', purpose: 'revocation' };
 */
export interface CreateStatusListOptions {
  /** The list's URL, where it will be published (no fragment: entries are `<id>#<index>`). */
  id: string;
  format: StatusListFormat;
  /** W3C lists: `revocation` (default), `suspension` or `message`. Token lists: `status` (the default, the only one). */
  purpose?: StatusListPurpose;
  /** Bits per status. W3C: 1 (default; revocation and suspension lists have 1 only), 2, 4 or 8 for `message` lists. Token: 2 (default: VALID, INVALID, SUSPENDED), 1 (VALID, INVALID only), 4 or 8. */
  statusSize?: StatusSize;
  /** W3C `message` lists: exactly `2 ** statusSize` messages, one per value; required above 1 bit. */
  statusMessages?: readonly StatusMessage[];
  /** Number of statuses. W3C: at least 131 072 (the REC's minimum, the default) and a multiple of 8. Token: at least 1 (default 131 072). At most {@link STATUS_LIST_MAX_ENTRIES}. */
  length?: number;
}

/**
 * The most statuses a list may have here: 2^24 (16 777 216). Its bits are then at most 16 MiB (8
 * bits per status), the most a verifier of this library decompresses; `fromJSON` refuses longer
 * lists before decoding anything.
 *
 * @example
 * StatusList.create({ id, format: 'token', length: STATUS_LIST_MAX_ENTRIES + 1 }); // TypeError
 */
export const STATUS_LIST_MAX_ENTRIES = 2 ** 24;

/** The checked state a `StatusList` holds (its own copies of the bytes). */
export interface ListState {
  id: string;
  format: StatusListFormat;
  purpose: StatusListPurpose;
  statusSize: StatusSize;
  length: number;
  statusMessages: StatusMessage[] | undefined;
  revision: number;
  updated: string;
  bits: Uint8Array;
  allocated: Uint8Array;
}

type Fail = (member: string, message: string) => never;

const SIZES: readonly number[] = [1, 2, 4, 8];
const DATA_MEMBERS = new Set(['version', 'id', 'format', 'purpose', 'statusSize', 'length', 'statusMessages', 'revision', 'updated', 'bits', 'allocated']);
const OPTION_MEMBERS = new Set(['id', 'format', 'purpose', 'statusSize', 'statusMessages', 'length']);
const HEX = /^0x[0-9a-fA-F]{1,2}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const MAX_ID = 2048;
const MAX_MESSAGE = 1024;

/** A UTC date and time in ISO 8601 (`2026-01-15T10:00:00Z`, up to milliseconds) that exists (no 30 February). */
export function isUtcTime(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_UTC.test(v)) return false;
  const ms = Date.parse(v);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === v.slice(0, 19);
}

/** Bytes of `length` statuses of `size` bits. */
export const statusBytes = (length: number, size: number): number => Math.ceil((length * size) / 8);
/** Bytes of the allocation map (one bit per index). */
export const allocationBytes = (length: number): number => Math.ceil(length / 8);

const quote = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.slice(0, 80)) : describeValue(v));

function readId(v: unknown, fail: Fail): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > MAX_ID || /\s/.test(v)) fail('id', `must be a URL of at most ${MAX_ID} characters without spaces, not ${quote(v)}.`);
  if (v.includes('#')) fail('id', `must not have a fragment ("#"): a credential's entry is the list URL, "#" and its index. Got ${quote(v)}.`);
  if (parseUrl(v) === undefined) fail('id', `must be an absolute URL (where the list is published), not ${quote(v)}.`);
  return v;
}

function readShape(format: unknown, purpose: unknown, size: unknown, fail: Fail): { format: StatusListFormat; purpose: StatusListPurpose; statusSize: StatusSize } {
  if (format !== 'bitstring' && format !== 'token') fail('format', `must be "bitstring" (W3C) or "token" (IETF), not ${quote(format)}.`);
  if (format === 'token') {
    if (purpose !== undefined && purpose !== 'status') fail('purpose', `of a token list is "status" (it carries VALID, INVALID and SUSPENDED), not ${quote(purpose)}.`);
    const statusSize = size === undefined ? 2 : size;
    if (!SIZES.includes(statusSize as number)) fail('statusSize', `must be 1, 2, 4 or 8 (the token list's bits), not ${quote(size)}.`);
    return { format, purpose: 'status', statusSize: statusSize as StatusSize };
  }
  const p = purpose === undefined ? 'revocation' : purpose;
  if (p !== 'revocation' && p !== 'suspension' && p !== 'message') fail('purpose', `of a W3C list must be "revocation", "suspension" or "message", not ${quote(purpose)}.`);
  const statusSize = size === undefined ? 1 : size;
  if (!SIZES.includes(statusSize as number)) fail('statusSize', `must be 1, 2, 4 or 8, not ${quote(size)}.`);
  if (p !== 'message' && statusSize !== 1) fail('statusSize', `of a ${p} list is 1 (set or not); use a "message" list for values of ${String(statusSize)} bits.`);
  return { format, purpose: p, statusSize: statusSize as StatusSize };
}

function readLength(v: unknown, format: StatusListFormat, fail: Fail): number {
  const min = format === 'bitstring' ? BITSTRING_MIN_ENTRIES : 1;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > STATUS_LIST_MAX_ENTRIES) {
    fail('length', `must be an integer from ${min} to ${STATUS_LIST_MAX_ENTRIES}${format === 'bitstring' ? ' (REC §1.1: at least 131072 entries)' : ''}, not ${quote(v)}.`);
  }
  if (format === 'bitstring' && v % 8 !== 0) fail('length', `of a W3C list must be a multiple of 8 (whole bytes of statuses), not ${v}.`);
  return v;
}

function readMessages(v: unknown, purpose: StatusListPurpose, size: StatusSize, fail: Fail): StatusMessage[] | undefined {
  if (purpose !== 'message') {
    if (v !== undefined) fail('statusMessages', `belong to "message" lists only, not to a ${purpose} list.`);
    return undefined;
  }
  const count = 2 ** size;
  if (v === undefined) {
    if (size > 1) fail('statusMessages', `are required for a list of ${size} bits (REC §2.1): one per value, ${count} of them.`);
    return undefined;
  }
  if (!Array.isArray(v) || v.length !== count) fail('statusMessages', `must be an array of ${count} messages (one per value of ${size} bit${size > 1 ? 's' : ''}), not ${Array.isArray(v) ? `${v.length} of them` : quote(v)}.`);
  const seen = new Set<number>();
  return (v as unknown[]).map((m, i) => {
    const { status, message } = (typeof m === 'object' && m !== null ? m : {}) as { status?: unknown; message?: unknown };
    const value = typeof status === 'string' && HEX.test(status) ? parseInt(status.slice(2), 16) : NaN;
    if (!(value < count) || seen.has(value)) fail(`statusMessages/${i}/status`, `must be a distinct value below ${count} in hexadecimal ("0x0"…), not ${quote(status)}.`);
    if (typeof message !== 'string' || message.length === 0 || message.length > MAX_MESSAGE) fail(`statusMessages/${i}/message`, `must be a non-empty string of at most ${MAX_MESSAGE} characters, not ${quote(message)}.`);
    if (Object.keys(m as object).length !== 2) fail(`statusMessages/${i}`, 'must have exactly the members "status" and "message".');
    seen.add(value);
    return { status: status as string, message: message as string };
  });
}

/**
 * Reads base64url `v` of exactly `bytes` bytes whose bits past `usedBits` are zero (the low bits of
 * the last byte when the order is MSB-first, the high bits when LSB-first). The length is checked
 * before anything is decoded.
 */
function readBytes(v: unknown, member: string, bytes: number, usedBits: number, lsbFirst: boolean, fail: Fail): Uint8Array {
  const chars = Math.ceil((bytes * 4) / 3);
  if (typeof v !== 'string') fail(member, `must be base64url text, not ${quote(v)}.`);
  if (v.length !== chars) fail(member, `must be ${chars} characters of base64url (${bytes} bytes for this length), not ${v.length}.`);
  const decoded = base64UrlToBytes(v);
  if (decoded === undefined) fail(member, 'is not canonical base64url without padding.');
  const spare = bytes * 8 - usedBits;
  const spareMask = lsbFirst ? (0xff << (8 - spare)) & 0xff : (1 << spare) - 1;
  if (spare > 0 && (decoded[bytes - 1]! & spareMask) !== 0) fail(member, `has bits set past the end of the list (the last ${spare} bits of the last byte must be 0).`);
  return decoded;
}

/** The first index with a non-zero status that was never allocated, or -1. */
export function firstUnallocatedStatus(bits: Uint8Array, allocated: Uint8Array, size: StatusSize, lsbFirst: boolean): number {
  const perByte = 8 / size;
  const mask = (1 << size) - 1;
  for (let b = 0; b < bits.length; b++) {
    const byte = bits[b]!;
    if (byte === 0) continue;
    for (let k = 0; k < perByte; k++) {
      const shift = lsbFirst ? k * size : 8 - (k + 1) * size;
      if (((byte >> shift) & mask) === 0) continue;
      const index = b * perByte + k;
      if ((allocated[index >> 3]! & (0x80 >> (index & 7))) === 0) return index;
    }
  }
  return -1;
}

function readCopy(input: unknown, expected: string, fail: Fail): JsonObject {
  const copy = snapshot(input, expected);
  if (!copy.ok) fail(copy.pointer.slice(1), copy.message);
  return copy.value;
}

/**
 * The state of `StatusList.fromJSON(data)`: everything checked, nothing of `data` kept (the bytes
 * are decoded into new arrays). Throws {@link StatusListError} naming the member.
 */
export function readListData(data: unknown): ListState {
  const fail: Fail = (member, message) => {
    throw new StatusListError(`Status list data${member ? ` \`${member}\`` : ''}: ${message}`);
  };
  const d = readCopy(data, 'a status list (StatusListData, from StatusList.toJSON())', fail);
  for (const key of Object.keys(d)) if (!DATA_MEMBERS.has(key)) fail(key, 'is not a member of status list data (version 1).');
  if (d.version !== 1) fail('version', `must be 1, not ${quote(d.version)}.`);
  const id = readId(d.id, fail);
  const shape = readShape(d.format, d.purpose, d.statusSize, fail);
  if (d.purpose === undefined) fail('purpose', 'is missing.');
  if (d.statusSize === undefined) fail('statusSize', 'is missing.');
  const length = readLength(d.length, shape.format, fail);
  const statusMessages = readMessages(d.statusMessages, shape.purpose, shape.statusSize, fail);
  const revision = d.revision;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) fail('revision', `must be a non-negative integer, not ${quote(revision)}.`);
  const updated = d.updated;
  if (!isUtcTime(updated)) fail('updated', `must be a UTC date and time (ISO 8601, "…Z"), not ${quote(updated)}.`);
  const bits = readBytes(d.bits, 'bits', statusBytes(length, shape.statusSize), length * shape.statusSize, shape.format === 'token', fail);
  const allocated = readBytes(d.allocated, 'allocated', allocationBytes(length), length, false, fail);
  const stray = firstUnallocatedStatus(bits, allocated, shape.statusSize, shape.format === 'token');
  if (stray >= 0) fail('bits', `index ${stray} has a status but was never allocated (\`allocated\` does not have it).`);
  return { id, ...shape, length, statusMessages, revision, updated, bits, allocated };
}

/** The state of `StatusList.create(options)`: a new, empty list. Throws a `TypeError` naming the option. */
export function readCreateOptions(options: unknown, now: Date): ListState {
  const fail: Fail = (member, message) => {
    throw new TypeError(`StatusList.create: ${member ? `option \`${member}\` ` : ''}${message}`);
  };
  const o = readCopy(options, 'an options object ({ id, format, … })', fail);
  for (const key of Object.keys(o)) if (!OPTION_MEMBERS.has(key)) fail(key, 'is not an option of StatusList.create (id, format, purpose, statusSize, statusMessages, length).');
  const id = readId(o.id, fail);
  const shape = readShape(o.format, o.purpose, o.statusSize, fail);
  const length = readLength(o.length === undefined ? BITSTRING_MIN_ENTRIES : o.length, shape.format, fail);
  const statusMessages = readMessages(o.statusMessages, shape.purpose, shape.statusSize, fail);
  const bits = new Uint8Array(statusBytes(length, shape.statusSize));
  const allocated = new Uint8Array(allocationBytes(length));
  return { id, ...shape, length, statusMessages, revision: 0, updated: now.toISOString(), bits, allocated };
}
