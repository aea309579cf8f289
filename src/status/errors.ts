/**
 * The errors of the status list encodings and of the list storage: {@link StatusListError} (a list
 * that cannot be read) and {@link StatusListConflictError} (a compare-and-swap that lost a race).
 *
 * Each entry point of the package is built on its own (and a process may load the ES module and
 * the CommonJS build side by side), so a decoder used through `/vc` and the class imported from
 * `/status` can be two copies. `instanceof` recognises errors of every copy through a brand
 * registered globally (`Symbol.for`), as `MicroCredentialError` does.
 * @module
 */

const BRAND: unique symbol = Symbol.for('eu-micro-credentials.v0.status-error') as never;

/** `instanceof` for the library's own class across copies; subclasses written by callers keep the ordinary one. */
function branded(cls: unknown, own: unknown, name: string, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(cls, value)) return true;
  return cls === own && value !== null && typeof value === 'object' && (value as { [BRAND]?: unknown })[BRAND] === name;
}

/**
 * A status list that cannot be read: an `encodedList` or `lst` that is not base64url, not the
 * compressed container the format requires (GZIP for the W3C Bitstring Status List, ZLIB for the
 * IETF Token Status List), truncated, followed by other bytes, with a wrong checksum, larger than
 * the limit once decompressed, or a token list object that is not `{ bits, lst }`. The message says
 * what is wrong and where (the member, the character or the compressed byte). Verifiers report it
 * as `STATUS_UNKNOWN` with reason `list-malformed`, and never throw it.
 *
 * @example
 * try {
 *   decodeBitstring(credentialSubject.encodedList);
 * } catch (e) {
 *   if (e instanceof StatusListError) console.log(e.code, e.message); // STATUS_LIST_MALFORMED encodedList: …
 *   else throw e;
 * }
 */
export class StatusListError extends Error {
  /** Always `STATUS_LIST_MALFORMED`, the status code of an unreadable list. */
  readonly code = 'STATUS_LIST_MALFORMED' as const;

  /** `instanceof` that also recognises the errors of another copy of the library (see the module's note). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(this, StatusListError, 'StatusListError', value);
  }

  constructor(message: string) {
    super(message);
    this.name = 'StatusListError';
    Object.defineProperty(this, BRAND, { value: 'StatusListError' });
  }
}

/**
 * A status list store refused a write because the stored list changed since it was read (its
 * revision is not the one the writer expected): another writer came first. Read the list again,
 * apply the change again and write again (`updateStatusList` does so a few times). `code` is
 * `STATUS_LIST_CONFLICT`, a plain property (not a status issue code: nothing is wrong with a list).
 *
 * @example
 * try {
 *   await store.put(record, revisionRead);
 * } catch (e) {
 *   if (e instanceof StatusListConflictError) console.log(e.id, e.expected, e.actual); // retry
 *   else throw e;
 * }
 */
export class StatusListConflictError extends Error {
  /** Always `STATUS_LIST_CONFLICT`. */
  readonly code = 'STATUS_LIST_CONFLICT' as const;
  /** The list's id. */
  readonly id: string;
  /** The revision the writer expected (`undefined`: that the list did not exist yet). */
  readonly expected: number | undefined;
  /** The revision found in the store (`undefined`: no such list). */
  readonly actual: number | undefined;

  /** `instanceof` that also recognises the errors of another copy of the library (see the module's note). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(this, StatusListConflictError, 'StatusListConflictError', value);
  }

  constructor(id: string, expected: number | undefined, actual: number | undefined) {
    const said = (r: number | undefined) => (r === undefined ? 'no list' : `revision ${r}`);
    super(`Status list ${JSON.stringify(id)} changed since it was read: expected ${said(expected)}, found ${said(actual)}. Read it again and retry.`);
    this.name = 'StatusListConflictError';
    this.id = id;
    this.expected = expected;
    this.actual = actual;
    Object.defineProperty(this, BRAND, { value: 'StatusListConflictError' });
  }
}
