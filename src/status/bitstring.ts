/**
 * The W3C Bitstring Status List encoding (REC 2025-05-15, §2.2 `encodedList`): the bitstring is
 * GZIP-compressed (RFC 1952), written in base64url without padding and prefixed with the Multibase
 * code `u`. Bit order is MSB-first (§7.1: "the first (zeroth) index refers to the left-most bit"):
 * index i is in byte `i >> 3` under the mask `0x80 >> (i & 7)`, and a status of `statusSize` bits
 * starts at bit `index × statusSize`. StatusList2021, its predecessor (EBSI), is the same without
 * the `u`.
 * @module
 */
import { bytesToBase64Url } from '../json/encoding.js';
import { gzip } from 'pako';
import { DEFAULT_MAX_STATUS_LIST_BYTES, inflateBase64Url } from './inflate.js';
import { StatusListError } from './errors.js';

/**
 * The REC's minimum number of entries of a list (§1.1, §3.2 `minimumNumberOfEntries`): 131,072,
 * 16 KiB of 1-bit statuses. A list of `statusSize` bits per entry needs `131072 × statusSize` bits.
 *
 * @example
 * const tooShort = bits.length * 8 / statusSize < BITSTRING_MIN_ENTRIES;
 */
export const BITSTRING_MIN_ENTRIES = 131072;

/**
 * Options of {@link decodeBitstring}.
 *
 * @example
 * const options: DecodeBitstringOptions = { legacy: true, maxBytes: 1 << 20 };
 */
export interface DecodeBitstringOptions {
  /** Largest decompressed list accepted, in bytes (default 16 MiB); decoding stops there. */
  maxBytes?: number;
  /**
   * Also read StatusList2021's `encodedList` (CCG, still what EBSI profiles): plain base64url of
   * the GZIP data, without the Multibase `u` (it starts `H4sI`). Off by default: a Bitstring
   * Status List without its `u` is malformed.
   */
  legacy?: boolean;
}

/** The status sizes this library reads and writes (a byte holds a whole number of statuses). */
const SIZES = new Set([1, 2, 4, 8]);

function checkSize(statusSize: unknown, fn: string): asserts statusSize is 1 | 2 | 4 | 8 {
  if (!SIZES.has(statusSize as number)) throw new TypeError(`${fn}: statusSize must be 1, 2, 4 or 8, not ${String(statusSize)}`);
}

/**
 * The `encodedList` of a bitstring: `u` + base64url (no padding) of its GZIP compression. GZIP as
 * pako writes it at the default level 6, with modification time 0 and OS byte 3 (Unix), so that
 * the same bits always give the same text: the REC's example list of 131,072 zero bits is
 * reproduced character for character. The bitstring is read, never changed.
 *
 * @example
 * encodeBitstring(new Uint8Array(16384)); // 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA'
 */
export function encodeBitstring(bits: Uint8Array): string {
  if (!(bits instanceof Uint8Array)) throw new TypeError('encodeBitstring: bits must be a Uint8Array');
  return 'u' + bytesToBase64Url(gzip(bits, { level: 6 }));
}

/**
 * The bitstring of an `encodedList`: the `u` prefix (unless `legacy`), canonical base64url without
 * padding, exactly one complete GZIP member with a correct CRC-32 and length, and at most
 * `maxBytes` (default 16 MiB) once decompressed (a GZIP bomb is stopped at the limit). Throws
 * {@link StatusListError} for anything else. Checking the REC's minimum length (131,072 entries of
 * `statusSize` bits) is the caller's: it depends on the entry's `statusSize`.
 *
 * @example
 * const bits = decodeBitstring(list.credentialSubject.encodedList); // Uint8Array(16384)
 * readBitstringStatus(bits, 94567, 1); // 0 or 1
 * decodeBitstring('H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA', { legacy: true }); // StatusList2021
 */
export function decodeBitstring(encodedList: unknown, options: DecodeBitstringOptions = {}): Uint8Array {
  if (options === null || typeof options !== 'object') throw new TypeError('decodeBitstring: options must be an object');
  const { maxBytes = DEFAULT_MAX_STATUS_LIST_BYTES, legacy = false } = options;
  if (typeof encodedList !== 'string') return inflateBase64Url(encodedList, 'gzip', 'encodedList', maxBytes); // throws the type
  let text = encodedList;
  if (text.startsWith('u')) text = text.slice(1);
  else if (!legacy) {
    const hint = text.startsWith('H4sI') ? ' (this looks like StatusList2021, which has none: pass legacy: true to read it)' : '';
    throw new StatusListError(`encodedList: no Multibase "u" prefix (base64url) at character 0${hint}.`);
  }
  return inflateBase64Url(text, 'gzip', 'encodedList', maxBytes, encodedList.length - text.length);
}

/**
 * The status at `index` of a W3C bitstring (MSB-first), of `statusSize` bits (1, 2, 4 or 8): bits
 * `index × statusSize` to `index × statusSize + statusSize − 1`, the first the most significant.
 * `undefined` when the status is not inside the list, or `index` is not a non-negative safe
 * integer (the verifier's `index-out-of-range`, REC §3.2 `RANGE_ERROR`); never throws for an
 * index. A `statusSize` other than 1, 2, 4 or 8 is a `TypeError` (entry parsing refuses them).
 *
 * @example
 * const bits = new Uint8Array([0b1000_0000, 0b0000_0110]);
 * readBitstringStatus(bits, 0, 1); // 1
 * readBitstringStatus(bits, 1, 1); // 0
 * readBitstringStatus(bits, 3, 4); // 6 (bits 12–15: 0110)
 * readBitstringStatus(bits, 16, 1); // undefined
 */
export function readBitstringStatus(bits: Uint8Array, index: number, statusSize: number): number | undefined {
  checkSize(statusSize, 'readBitstringStatus');
  if (!(bits instanceof Uint8Array)) throw new TypeError('readBitstringStatus: bits must be a Uint8Array');
  if (!Number.isSafeInteger(index) || index < 0) return undefined;
  const bit = index * statusSize;
  if (!Number.isSafeInteger(bit) || bit + statusSize > bits.length * 8) return undefined;
  const byte = bits[Math.floor(bit / 8)]!;
  const shift = 8 - (bit % 8) - statusSize;
  return (byte >> shift) & ((1 << statusSize) - 1);
}

/**
 * Sets the status at `index` of a W3C bitstring (MSB-first) to `value`, in place: `bits` is the
 * caller's own array (the issuer's list state), and only the status's bits change. Throws a
 * `RangeError` when the status is not inside the list or `value` does not fit in `statusSize` bits,
 * a `TypeError` for a `statusSize` other than 1, 2, 4 or 8.
 *
 * @example
 * const bits = new Uint8Array(16384);
 * writeBitstringStatus(bits, 94567, 1, 1); // revoked
 * readBitstringStatus(bits, 94567, 1); // 1
 */
export function writeBitstringStatus(bits: Uint8Array, index: number, statusSize: number, value: number): void {
  checkSize(statusSize, 'writeBitstringStatus');
  if (!(bits instanceof Uint8Array)) throw new TypeError('writeBitstringStatus: bits must be a Uint8Array');
  const bit = index * statusSize;
  if (!Number.isSafeInteger(index) || index < 0 || !Number.isSafeInteger(bit) || bit + statusSize > bits.length * 8) {
    throw new RangeError(`writeBitstringStatus: index ${String(index)} is outside the list (${(bits.length * 8) / statusSize} statuses of ${statusSize} bit${statusSize === 1 ? '' : 's'})`);
  }
  if (!Number.isInteger(value) || value < 0 || value >= 1 << statusSize) throw new RangeError(`writeBitstringStatus: value ${String(value)} does not fit in ${statusSize} bit${statusSize === 1 ? '' : 's'}`);
  const at = Math.floor(bit / 8);
  const shift = 8 - (bit % 8) - statusSize;
  const mask = ((1 << statusSize) - 1) << shift;
  bits[at] = (bits[at]! & ~mask) | (value << shift);
}
