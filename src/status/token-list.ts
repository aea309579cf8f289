/**
 * The IETF Token Status List encoding (draft-ietf-oauth-status-list-20, §4.1 and §4.2): a byte
 * array compressed with DEFLATE in the ZLIB data format (RFC 1950), written in base64url without
 * padding, as the `lst` of `{ "bits": 1|2|4|8, "lst": … }`. Bit order is LSB-first (§4.1 step 3:
 * "packed into bytes from the least significant bit ("0") to the most significant bit ("7")"),
 * the opposite of the W3C bitstring: status i of b bits is in byte ⌊i·b/8⌋, shifted left by
 * (i mod 8/b)·b. Values (§7): 0 VALID, 1 INVALID, 2 SUSPENDED, 3 and 12–15 application-specific.
 * @module
 */
import { bytesToBase64Url } from '../json/encoding.js';
import { deflate } from 'pako';
import { DEFAULT_MAX_STATUS_LIST_BYTES, inflateBase64Url } from './inflate.js';
import { StatusListError } from './errors.js';

/**
 * Bits per status in a Token Status List (§4.1 step 1).
 *
 * @example
 * const bits: TokenStatusBits = 2; // VALID, INVALID, SUSPENDED and one application value
 */
export type TokenStatusBits = 1 | 2 | 4 | 8;

/**
 * The JSON Status List (§4.2): `bits` per status and `lst`, the base64url of the ZLIB-compressed
 * byte array; `aggregation_uri` (optional) where the issuer's lists are listed (§9).
 *
 * @example
 * const list: TokenStatusList = { bits: 1, lst: 'eNrbuRgAAhcBXQ' };
 */
export interface TokenStatusList {
  bits: TokenStatusBits;
  lst: string;
  aggregation_uri?: string;
}

/**
 * A decoded Token Status List: `bits` per status and the decompressed byte array.
 *
 * @example
 * const { bits, bytes }: DecodedTokenStatusList = decodeTokenStatusList(payload.status_list);
 */
export interface DecodedTokenStatusList {
  bits: TokenStatusBits;
  bytes: Uint8Array;
  /** The list's `aggregation_uri`, when it has one. */
  aggregation_uri?: string;
}

/**
 * Options of {@link decodeTokenStatusList}.
 *
 * @example
 * const options: DecodeTokenStatusListOptions = { maxBytes: 1 << 20 };
 */
export interface DecodeTokenStatusListOptions {
  /** Largest decompressed byte array accepted (default 16 MiB); decoding stops there. */
  maxBytes?: number;
}

const BITS = new Set([1, 2, 4, 8]);

function checkBits(bits: unknown, fn: string): asserts bits is TokenStatusBits {
  if (!BITS.has(bits as number)) throw new TypeError(`${fn}: bits must be 1, 2, 4 or 8, not ${String(bits)}`);
}

/**
 * The JSON Status List of a byte array: ZLIB at level 9 (the draft recommends the highest level;
 * pako's output reproduces every `lst` of the draft's test vectors exactly). The bytes are read,
 * never changed.
 *
 * @example
 * encodeTokenStatusList(new Uint8Array([0xb9, 0xa3]), 1); // { bits: 1, lst: 'eNrbuRgAAhcBXQ' }
 * encodeTokenStatusList(new Uint8Array([0xc9, 0x44, 0xf9]), 2); // { bits: 2, lst: 'eNo76fITAAPfAgc' }
 */
export function encodeTokenStatusList(bytes: Uint8Array, bits: TokenStatusBits): { bits: TokenStatusBits; lst: string } {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('encodeTokenStatusList: bytes must be a Uint8Array');
  checkBits(bits, 'encodeTokenStatusList');
  return { bits, lst: bytesToBase64Url(deflate(bytes, { level: 9 })) };
}

/**
 * Reads a JSON Status List (the `status_list` claim of a Status List Token): a plain object with
 * `bits` 1, 2, 4 or 8, `lst` a canonical unpadded base64url string of exactly one ZLIB stream
 * (correct ADLER-32, nothing after it) that decompresses to at most `maxBytes` (default 16 MiB;
 * a bomb stops there), and optionally `aggregation_uri` (a string); any other member is refused.
 * Throws {@link StatusListError} saying which member is wrong and how.
 *
 * @example
 * const { bits, bytes } = decodeTokenStatusList({ bits: 1, lst: 'eNrbuRgAAhcBXQ' });
 * readTokenStatus(bytes, 0, bits); // 1 (INVALID)
 * decodeTokenStatusList({ bits: 3, lst: 'eNrbuRgAAhcBXQ' }); // throws: status_list.bits must be 1, 2, 4 or 8
 */
export function decodeTokenStatusList(list: unknown, options: DecodeTokenStatusListOptions = {}): DecodedTokenStatusList {
  if (options === null || typeof options !== 'object') throw new TypeError('decodeTokenStatusList: options must be an object');
  const { maxBytes = DEFAULT_MAX_STATUS_LIST_BYTES } = options;
  const fail = (why: string) => new StatusListError(`status_list${why}.`);
  const members = plainMembers(list, fail);
  const extra = Object.keys(members).find((k) => k !== 'bits' && k !== 'lst' && k !== 'aggregation_uri');
  if (extra !== undefined) throw fail(`: member ${JSON.stringify(extra.length > 40 ? `${extra.slice(0, 40)}…` : extra)} is not one of bits, lst, aggregation_uri (draft §4.2)`);
  const { bits, lst, aggregation_uri: aggregation } = members;
  if (!('bits' in members)) throw fail(': no "bits" member (required, §4.2)');
  if (typeof bits !== 'number' || !BITS.has(bits)) throw fail(`.bits must be 1, 2, 4 or 8 (§4.1), not ${typeof bits === 'number' ? String(bits) : typeof bits === 'string' ? JSON.stringify(bits) : bits === null ? 'null' : `a ${typeof bits}`}`);
  if (!('lst' in members)) throw fail(': no "lst" member (required, §4.2)');
  if ('aggregation_uri' in members && typeof aggregation !== 'string') throw fail('.aggregation_uri must be a string (§4.2)');
  const bytes = inflateBase64Url(lst, 'zlib', 'status_list.lst', maxBytes);
  return { bits: bits as TokenStatusBits, bytes, ...(typeof aggregation === 'string' ? { aggregation_uri: aggregation } : {}) };
}

/**
 * The own enumerable members of a plain object (prototype `Object.prototype` or `null`), each read
 * once: a getter or a Proxy cannot answer twice differently, and a class instance, an array, a
 * typed array or a proxy that throws is refused with a {@link StatusListError}.
 */
function plainMembers(list: unknown, fail: (why: string) => StatusListError): Record<string, unknown> {
  try {
    if (list === null || typeof list !== 'object' || Array.isArray(list)) throw fail(`: not an object { "bits", "lst" } but ${list === null ? 'null' : Array.isArray(list) ? 'an array' : `a ${typeof list}`}`);
    const proto: unknown = Object.getPrototypeOf(list);
    if (proto !== Object.prototype && proto !== null) throw fail(': not a plain JSON object { "bits", "lst" }');
    const members: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(list)) members[key] = (list as Record<string, unknown>)[key];
    return members;
  } catch (e) {
    if (e instanceof StatusListError) throw e;
    throw fail(`: its members cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * The status at `index` of a Token Status List's byte array (LSB-first, §4.1): `bits` bits of byte
 * ⌊index·bits/8⌋, from bit (index mod 8/bits)·bits up. `undefined` when the index is outside the
 * list or not a non-negative safe integer (the draft: a Referenced Token whose index is out of
 * bounds MUST be rejected, §8.3); never throws for an index. `bits` other than 1, 2, 4 or 8 is a
 * `TypeError`.
 *
 * @example
 * const bytes = new Uint8Array([0xc9, 0x44, 0xf9]);
 * readTokenStatus(bytes, 0, 2); // 1 (INVALID)
 * readTokenStatus(bytes, 1, 2); // 2 (SUSPENDED)
 * readTokenStatus(bytes, 12, 2); // undefined
 */
export function readTokenStatus(bytes: Uint8Array, index: number, bits: number): number | undefined {
  checkBits(bits, 'readTokenStatus');
  if (!(bytes instanceof Uint8Array)) throw new TypeError('readTokenStatus: bytes must be a Uint8Array');
  if (!Number.isSafeInteger(index) || index < 0) return undefined;
  const bit = index * bits;
  if (!Number.isSafeInteger(bit) || bit + bits > bytes.length * 8) return undefined;
  return (bytes[Math.floor(bit / 8)]! >> (bit % 8)) & ((1 << bits) - 1);
}

/**
 * Sets the status at `index` of a Token Status List's byte array (LSB-first) to `value`, in place:
 * `bytes` is the caller's own array (the issuer's list state), and only the status's bits change.
 * Throws a `RangeError` when the index is outside the list or `value` does not fit in `bits` bits,
 * a `TypeError` for `bits` other than 1, 2, 4 or 8.
 *
 * @example
 * const bytes = new Uint8Array(3);
 * writeTokenStatus(bytes, 1, 2, 2); // SUSPENDED
 * bytes[0]; // 0b0000_1000
 */
export function writeTokenStatus(bytes: Uint8Array, index: number, bits: number, value: number): void {
  checkBits(bits, 'writeTokenStatus');
  if (!(bytes instanceof Uint8Array)) throw new TypeError('writeTokenStatus: bytes must be a Uint8Array');
  const bit = index * bits;
  if (!Number.isSafeInteger(index) || index < 0 || !Number.isSafeInteger(bit) || bit + bits > bytes.length * 8) {
    throw new RangeError(`writeTokenStatus: index ${String(index)} is outside the list (${(bytes.length * 8) / bits} statuses of ${bits} bit${bits === 1 ? '' : 's'})`);
  }
  if (!Number.isInteger(value) || value < 0 || value >= 1 << bits) throw new RangeError(`writeTokenStatus: value ${String(value)} does not fit in ${bits} bit${bits === 1 ? '' : 's'}`);
  const at = Math.floor(bit / 8);
  const mask = ((1 << bits) - 1) << (bit % 8);
  bytes[at] = (bytes[at]! & ~mask) | (value << (bit % 8));
}
