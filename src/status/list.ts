/**
 * The issuer's status list: its statuses, which indexes were handed out, and the changes an
 * issuer makes (allocate an index for a new credential, revoke, suspend, reinstate, set a message
 * value), for a W3C Bitstring Status List or an IETF Token Status List. Plain JSON in and out
 * (`toJSON`/`fromJSON`) so that any store can keep it; the list credential (W3C) and the Status
 * List Token (IETF) are made from it by `createStatusListCredential` and `createStatusListToken`.
 * @module
 */
import { bytesToBase64Url } from '../json/encoding.js';
import { encodeBitstring, readBitstringStatus, writeBitstringStatus } from './bitstring.js';
import { IndexAllocator } from './list/allocator.js';
import { readCreateOptions, readListData, type CreateStatusListOptions, type ListState, type StatusListData, type StatusListFormat, type StatusListPurpose, type StatusMessage, type StatusSize } from './list/data.js';
import { encodeTokenStatusList, readTokenStatus, writeTokenStatus, type TokenStatusBits } from './token-list.js';

export { STATUS_LIST_MAX_ENTRIES } from './list/data.js';
export type { CreateStatusListOptions, StatusListData, StatusListFormat, StatusListPurpose, StatusMessage, StatusSize } from './list/data.js';

/**
 * A credential's `credentialStatus` for a W3C list (REC §2.1 `BitstringStatusListEntry`), as
 * `StatusList.entry()` makes it: `id` is the list URL, `#` and the index; `statusSize` and
 * `statusMessage` only for `message` lists.
 *
 * @example
 * const entry: BitstringStatusListEntry = {
 *   id: 'https://uni.example.eu/status/1#94567',
 *   type: 'BitstringStatusListEntry',
 *   statusPurpose: 'revocation',
 *   statusListIndex: '94567',
 *   statusListCredential: 'https://uni.example.eu/status/1',
 * };
 */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension' | 'message';
  statusListIndex: string;
  statusListCredential: string;
  statusSize?: StatusSize;
  statusMessage?: StatusMessage[];
}

/**
 * A credential's `status` claim for a Token Status List (draft-ietf-oauth-status-list §6.1), as
 * `StatusList.entry()` makes it.
 *
 * @example
 * const status: TokenStatusReference = { status_list: { idx: 94567, uri: 'https://uni.example.eu/status/2' } };
 */
export interface TokenStatusReference {
  status_list: { idx: number; uri: string };
}

/**
 * What `StatusList.entry()` gives for a list of format `F`.
 *
 * @example
 * const entry: StatusListEntryOf<'token'> = { status_list: { idx: 7, uri: 'https://uni.example.eu/status/2' } };
 */
export type StatusListEntryOf<F extends StatusListFormat> = F extends 'bitstring' ? BitstringStatusListEntry : TokenStatusReference;

/**
 * What `StatusList.encoded()` gives for a list of format `F`: the W3C `encodedList`, or the token's
 * `{ bits, lst }`.
 *
 * @example
 * const encoded: StatusListEncodingOf<'token'> = { bits: 2, lst: 'eNrt…' };
 */
export type StatusListEncodingOf<F extends StatusListFormat> = F extends 'bitstring' ? string : { bits: TokenStatusBits; lst: string };

/** Token Status List values (draft §7.1). */
const VALID = 0;
const INVALID = 1;
const SUSPENDED = 2;

/**
 * An issuer's status list (W3C Bitstring Status List or IETF Token Status List): create it, hand
 * out a random index to each new credential (`allocate`, never the same index twice), change
 * statuses, and encode it for publication. Its state is private: read it through the getters,
 * `get()` and `toJSON()`, which give copies. Each change adds one to `revision`.
 *
 * Rules: an index must have been allocated before its status changes; W3C `revocation` lists only
 * revoke, `suspension` lists suspend and reinstate, `message` lists `set` values; a token list
 * revokes (INVALID), suspends (SUSPENDED, 2 bits or more) and reinstates (VALID, from SUSPENDED).
 * Revocation is final: a revoked status never changes again. Misuse is an exception: a `TypeError`
 * for an argument of the wrong type or an operation the list does not have, a `RangeError` for an
 * index outside the list or never allocated, a full list, a value that does not fit, or a change of
 * a revoked status.
 *
 * @example
 * const list = StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring', purpose: 'revocation' });
 * const index = list.allocate(); // random, e.g. 94567
 * const credentialStatus = list.entry(index); // put into the credential before signing it
 * list.revoke(index);
 * list.get(index); // 1
 * const encodedList = list.encoded(); // 'uH4sI…' for createStatusListCredential
 * await store.put({ list: list.toJSON() }, undefined);
 */
export class StatusList<F extends StatusListFormat = StatusListFormat> {
  readonly #s: ListState;
  readonly #allocator: IndexAllocator;
  #encoded: { revision: number; value: string | { bits: TokenStatusBits; lst: string } } | undefined;
  /** When the list last changed (ms since 1970), formatted only when read: a change costs no date formatting. */
  #updated: number;

  private constructor(state: ListState) {
    this.#s = state;
    this.#updated = Date.parse(state.updated);
    this.#allocator = new IndexAllocator(state.allocated, state.length);
  }

  /**
   * A new list: every status 0 (valid), no index allocated, `revision` 0. Options are checked
   * (`TypeError` naming the option); see {@link CreateStatusListOptions} for the defaults.
   *
   * @example
   * const revocations = StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring' });
   * const tokens = StatusList.create({ id: 'https://uni.example.eu/status/2', format: 'token' }); // 2 bits, 131 072 entries
   * const messages = StatusList.create({
   *   id: 'https://uni.example.eu/status/3', format: 'bitstring', purpose: 'message', statusSize: 2,
   *   statusMessages: [{ status: '0x0', message: 'pending' }, { status: '0x1', message: 'accepted' }, { status: '0x2', message: 'rejected' }, { status: '0x3', message: 'withdrawn' }],
   * });
   */
  static create<F extends StatusListFormat>(options: CreateStatusListOptions & { format: F }): StatusList<F> {
    return new StatusList<F>(readCreateOptions(options, new Date()));
  }

  /**
   * The list whose state `toJSON()` gave (as a store keeps it). Everything is checked, as input
   * from anywhere: members and their types, `length` against the byte arrays (checked before they
   * are decoded, at most {@link STATUS_LIST_MAX_ENTRIES} entries), canonical base64url, no bit set
   * past the end, no status on an index never allocated. Anything else is a
   * {@link StatusListError} that names the member. `data` is not changed or kept.
   *
   * @example
   * const record = await store.get('https://uni.example.eu/status/1');
   * const list = StatusList.fromJSON(record!.list);
   */
  static fromJSON(data: unknown): StatusList {
    return new StatusList(readListData(data));
  }

  /** The list's URL (where it is published). @example list.id; // 'https://uni.example.eu/status/1' */
  get id(): string {
    return this.#s.id;
  }
  /** `bitstring` (W3C) or `token` (IETF). @example if (list.format === 'token') … */
  get format(): F {
    return this.#s.format as F;
  }
  /** `revocation`, `suspension` or `message` (W3C); `status` (token). @example list.purpose; // 'revocation' */
  get purpose(): StatusListPurpose {
    return this.#s.purpose;
  }
  /** Bits per status (W3C `statusSize`, token `bits`). @example list.statusSize; // 1 */
  get statusSize(): StatusSize {
    return this.#s.statusSize;
  }
  /** Number of statuses. @example list.length; // 131072 */
  get length(): number {
    return this.#s.length;
  }
  /** One more for each change (allocation or status change) since the list was created. @example list.revision; // 3 */
  get revision(): number {
    return this.#s.revision;
  }
  /** When the list last changed (ISO 8601, UTC). @example list.updated; // '2026-01-15T10:00:00.000Z' */
  get updated(): string {
    return new Date(this.#updated).toISOString();
  }
  /** Number of indexes allocated so far. @example list.length - list.allocatedCount; // indexes left */
  get allocatedCount(): number {
    return this.#allocator.count;
  }
  /** A copy of a `message` list's messages. @example list.statusMessages?.[1]?.message; // 'accepted' */
  get statusMessages(): StatusMessage[] | undefined {
    return this.#s.statusMessages?.map((m) => ({ ...m }));
  }

  /**
   * Whether `index` was ever allocated (an index outside the list was not).
   *
   * @example
   * list.isAllocated(list.allocate()); // true
   */
  isAllocated(index: number): boolean {
    return Number.isSafeInteger(index) && index >= 0 && index < this.#s.length && this.#allocator.has(index);
  }

  /**
   * A random index never allocated before (uniform over the free indexes, from
   * `crypto.getRandomValues`), now allocated for good: it is never handed out again, also after a
   * `toJSON`/`fromJSON` round trip. A `RangeError` when the list is full.
   *
   * @example
   * const index = list.allocate();
   * const credentialStatus = list.entry(index);
   */
  allocate(): number {
    const index = this.#allocator.next();
    if (index === undefined) throw new RangeError(`StatusList.allocate: the list ${this.#s.id} is full (${this.#s.length} indexes allocated); create another list.`);
    this.#changed();
    return index;
  }

  /**
   * The status at `index`: 0 or 1 for W3C revocation and suspension lists, the value for message
   * lists, the token value (0 VALID, 1 INVALID, 2 SUSPENDED). An index never allocated reads 0.
   *
   * @example
   * list.get(index); // 0
   */
  get(index: number): number {
    this.#inRange(index, 'get');
    return this.#read(index);
  }

  /**
   * Revokes the credential at `index`, for good (W3C `revocation` lists: bit set; token lists:
   * INVALID). Revoking again changes nothing.
   *
   * @example
   * list.revoke(index);
   */
  revoke(index: number): void {
    this.#allocated(index, 'revoke');
    if (this.#s.format === 'bitstring' && this.#s.purpose !== 'revocation') throw new TypeError(`StatusList.revoke: a ${this.#s.purpose} list does not revoke; revocation needs a "revocation" list (or a token list).`);
    this.#write(index, INVALID);
  }

  /**
   * Suspends the credential at `index` (W3C `suspension` lists: bit set; token lists of 2 bits or
   * more: SUSPENDED). A revoked token status cannot be suspended.
   *
   * @example
   * list.suspend(index);
   */
  suspend(index: number): void {
    this.#allocated(index, 'suspend');
    if (this.#s.format === 'bitstring') {
      if (this.#s.purpose !== 'suspension') throw new TypeError(`StatusList.suspend: a ${this.#s.purpose} list does not suspend; suspension needs a "suspension" list (or a token list).`);
      this.#write(index, 1);
      return;
    }
    if (this.#s.statusSize < 2) throw new TypeError('StatusList.suspend: a token list of 1 bit has no SUSPENDED value (2); create it with statusSize 2.');
    this.#final(index, 'suspend');
    this.#write(index, SUSPENDED);
  }

  /**
   * Lifts the suspension of the credential at `index` (W3C `suspension` lists: bit cleared; token
   * lists: SUSPENDED back to VALID). A status that is already valid stays so; a revoked one, or a
   * token value other than SUSPENDED, is a `RangeError`.
   *
   * @example
   * list.reinstate(index);
   */
  reinstate(index: number): void {
    this.#allocated(index, 'reinstate');
    if (this.#s.format === 'bitstring') {
      if (this.#s.purpose !== 'suspension') throw new TypeError(`StatusList.reinstate: a ${this.#s.purpose} list has nothing to reinstate; only "suspension" lists (and token lists) do.`);
      this.#write(index, 0);
      return;
    }
    this.#final(index, 'reinstate');
    const value = this.#read(index);
    if (value !== SUSPENDED && value !== VALID) throw new RangeError(`StatusList.reinstate: index ${index} is not suspended (its value is ${value}); use set() for application values.`);
    this.#write(index, VALID);
  }

  /**
   * Sets the value at `index`: W3C `message` lists (a value below `2 ** statusSize`, whose message
   * the entry's `statusMessage` gives), and token lists (any value that fits, e.g. the draft's
   * application-specific 3 or 12–15; a revoked status stays revoked).
   *
   * @example
   * list.set(index, 1); // 'accepted'
   */
  set(index: number, value: number): void {
    this.#allocated(index, 'set');
    if (this.#s.format === 'bitstring' && this.#s.purpose !== 'message') throw new TypeError(`StatusList.set: a ${this.#s.purpose} list is changed with ${this.#s.purpose === 'revocation' ? 'revoke()' : 'suspend() and reinstate()'}; set() is for "message" lists and token lists.`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= 2 ** this.#s.statusSize) throw new RangeError(`StatusList.set: value ${String(value)} does not fit in ${this.#s.statusSize} bit${this.#s.statusSize === 1 ? '' : 's'}.`);
    if (this.#s.format === 'token' && value !== INVALID) this.#final(index, 'set');
    this.#write(index, value);
  }

  /**
   * The list encoded for publication: the W3C `encodedList` (`u` + base64url of GZIP, for
   * `createStatusListCredential`), or the token list's `{ bits, lst }` (ZLIB, for
   * `createStatusListToken`).
   *
   * @example
   * const encodedList = list.encoded(); // 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA' when nothing is set
   */
  encoded(): StatusListEncodingOf<F> {
    if (this.#encoded?.revision !== this.#s.revision) {
      const value = this.#s.format === 'bitstring' ? encodeBitstring(this.#s.bits) : encodeTokenStatusList(this.#s.bits, this.#s.statusSize);
      this.#encoded = { revision: this.#s.revision, value };
    }
    const value = this.#encoded.value;
    return (typeof value === 'string' ? value : { ...value }) as StatusListEncodingOf<F>;
  }

  /**
   * The reference a credential carries to its status at `index` (allocated): for a W3C list a
   * `BitstringStatusListEntry` for `credentialStatus` (with `statusSize` and `statusMessage` for
   * message lists), for a token list the SD-JWT VC `status` claim `{ status_list: { idx, uri } }`.
   *
   * @example
   * const credential = { ...unsigned, credentialStatus: list.entry(index) };
   */
  entry(index: number): StatusListEntryOf<F> {
    this.#allocated(index, 'entry');
    const s = this.#s;
    if (s.format === 'token') return { status_list: { idx: index, uri: s.id } } as StatusListEntryOf<F>;
    const entry: BitstringStatusListEntry = {
      id: `${s.id}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: s.purpose as BitstringStatusListEntry['statusPurpose'],
      statusListIndex: String(index),
      statusListCredential: s.id,
      ...(s.statusSize > 1 ? { statusSize: s.statusSize } : {}),
      ...(s.statusMessages ? { statusMessage: this.statusMessages! } : {}),
    };
    return entry as StatusListEntryOf<F>;
  }

  /**
   * The list's state as plain JSON, a new object each time (see {@link StatusListData}):
   * `StatusList.fromJSON(list.toJSON())` is the same list. `JSON.stringify(list)` gives it too.
   *
   * @example
   * await store.put({ list: list.toJSON() }, expectedRevision);
   */
  toJSON(): StatusListData {
    const s = this.#s;
    return {
      version: 1,
      id: s.id,
      format: s.format,
      purpose: s.purpose,
      statusSize: s.statusSize,
      length: s.length,
      ...(s.statusMessages ? { statusMessages: this.statusMessages! } : {}),
      revision: s.revision,
      updated: this.updated,
      bits: bytesToBase64Url(s.bits),
      allocated: bytesToBase64Url(s.allocated),
    };
  }

  #read(index: number): number {
    const s = this.#s;
    return (s.format === 'bitstring' ? readBitstringStatus(s.bits, index, s.statusSize) : readTokenStatus(s.bits, index, s.statusSize))!;
  }

  /** Writes `value` at `index`; a change only when the value differs. */
  #write(index: number, value: number): void {
    if (this.#read(index) === value) return;
    const s = this.#s;
    if (s.format === 'bitstring') writeBitstringStatus(s.bits, index, s.statusSize, value);
    else writeTokenStatus(s.bits, index, s.statusSize, value);
    this.#changed();
  }

  #changed(): void {
    this.#s.revision++;
    this.#updated = Date.now();
  }

  #inRange(index: number, fn: string): void {
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new TypeError(`StatusList.${fn}: index must be an integer, not ${typeof index === 'number' ? index : typeof index}.`);
    if (index < 0 || index >= this.#s.length) throw new RangeError(`StatusList.${fn}: index ${index} is outside the list (0 to ${this.#s.length - 1}).`);
  }

  #allocated(index: number, fn: string): void {
    this.#inRange(index, fn);
    if (!this.#allocator.has(index)) throw new RangeError(`StatusList.${fn}: index ${index} was never allocated; statuses change only at indexes given out by allocate().`);
  }

  /** Token lists: a revoked (INVALID) status is final. */
  #final(index: number, fn: string): void {
    if (this.#s.format === 'token' && this.#read(index) === INVALID) throw new RangeError(`StatusList.${fn}: index ${index} is revoked, and revocation is final.`);
  }
}
