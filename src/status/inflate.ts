/**
 * Bounded decompression of status lists. A status list is small once compressed and can be huge
 * once expanded (a GZIP of 1 GiB of zeros is about 1 MB): a decoder that inflates without a bound
 * lets whoever publishes a list (or swaps it in transit) take the verifier's memory. Here pako's
 * streaming `Inflate` hands over its output in 64 KiB chunks and decoding stops at the first chunk
 * past the limit; the container must be the one the format requires, complete, with a correct
 * checksum, and nothing may follow it.
 * @module
 */
import { Inflate } from 'pako';
import { base64UrlToBytes } from '../json/encoding.js';
import { StatusListError } from './errors.js';

/**
 * The default limit of a decompressed status list: 16 MiB (134 million 1-bit entries; the REC's
 * minimum list is 16 KiB, the draft's largest test vector 1 MiB).
 *
 * @example
 * decodeBitstring(encodedList, { maxBytes: DEFAULT_MAX_STATUS_LIST_BYTES / 16 }); // a 1 MiB limit instead
 */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

/** Thrown from `onData` to stop pako's loop at the bound; caught below, never escapes. */
class Overflow {}

const CONTAINER = { gzip: 'GZIP (RFC 1952)', zlib: 'ZLIB (RFC 1950)' } as const;

/**
 * The largest compressed input worth inflating under `maxBytes`: DEFLATE's stored blocks add 5
 * bytes per 65,535, plus headers; anything longer is padding or more than the limit.
 *
 * @example
 * maxCompressedBytes(16384); // 17413
 */
export function maxCompressedBytes(maxBytes: number): number {
  return maxBytes + Math.ceil(maxBytes / 65535) * 5 + 1024;
}

/** Why `bytes` do not start as the container requires, or `undefined` when they do. */
function headerProblem(bytes: Uint8Array, format: 'gzip' | 'zlib'): string | undefined {
  if (bytes.length < 2) return `${bytes.length} byte${bytes.length === 1 ? '' : 's'} cannot hold a ${CONTAINER[format]} header`;
  const [a, b] = [bytes[0]!, bytes[1]!];
  const isGzip = a === 0x1f && b === 0x8b;
  const isZlib = (a & 0x0f) === 8 && a >> 4 <= 7 && ((a << 8) | b) % 31 === 0;
  const seen = `starts ${hex(a)} ${hex(b)}`;
  if (format === 'gzip') {
    if (isGzip) return undefined;
    return isZlib ? `ZLIB data where GZIP is required (${seen}; GZIP starts 1f 8b)` : `not GZIP data (${seen}; GZIP starts 1f 8b)`;
  }
  if (isGzip) return `GZIP data where ZLIB is required (${seen}; ZLIB starts with a DEFLATE method byte such as 78)`;
  if (!isZlib) return `not ZLIB data (${seen}: no DEFLATE method byte with a valid check, RFC 1950 §2.2)`;
  if (b & 0x20) return `ZLIB data with a preset dictionary (FDICT), which status lists do not use`;
  return undefined;
}

const hex = (n: number) => n.toString(16).padStart(2, '0');

/**
 * Decompresses a GZIP (`'gzip'`, the W3C Bitstring Status List) or ZLIB (`'zlib'`, the IETF Token
 * Status List) container, and stops as soon as the output would exceed `maxBytes`. Throws
 * {@link StatusListError} (prefixed with `what`) for the other container, a wrong header, data
 * that is truncated, corrupt, followed by more bytes (a second GZIP member included), with a bad
 * CRC-32/ADLER-32 or length, or larger than the limit; a `TypeError` for a `maxBytes` that is not a
 * positive integer.
 *
 * @example
 * const bits = inflateBounded(gzipBytes, 'gzip'); // Uint8Array(16384) for a 131,072-entry list
 * inflateBounded(zlibBytes, 'gzip'); // throws StatusListError: ZLIB data where GZIP is required …
 * inflateBounded(bomb, 'gzip', 1 << 20); // throws StatusListError: … more than 1048576 bytes …
 */
export function inflateBounded(bytes: Uint8Array, format: 'gzip' | 'zlib', maxBytes: number = DEFAULT_MAX_STATUS_LIST_BYTES, what = 'compressed list'): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('inflateBounded: bytes must be a Uint8Array');
  if (format !== 'gzip' && format !== 'zlib') throw new TypeError(`inflateBounded: format must be 'gzip' or 'zlib'`);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new TypeError('inflateBounded: maxBytes must be a positive integer');
  const fail = (why: string) => new StatusListError(`${what}: ${why}.`);
  const problem = headerProblem(bytes, format);
  if (problem !== undefined) throw fail(problem);
  if (bytes.length > maxCompressedBytes(maxBytes)) throw fail(`${bytes.length} bytes of ${CONTAINER[format]} data, more than any list of at most ${maxBytes} bytes needs`);

  // windowBits 31 reads GZIP only, 15 ZLIB only (no auto-detection); both check the trailer.
  const inflator = new Inflate({ windowBits: format === 'gzip' ? 31 : 15 });
  const chunks: Uint8Array[] = [];
  let total = 0;
  inflator.onData = (chunk: Uint8Array) => {
    total += chunk.length;
    if (total > maxBytes) throw new Overflow();
    chunks.push(chunk);
  };
  try {
    inflator.push(bytes);
  } catch (e) {
    if (e instanceof Overflow) throw fail(`decompresses to more than ${maxBytes} bytes (the limit; stopped there)`);
    throw fail(`cannot be decompressed (${e instanceof Error ? e.message : String(e)})`);
  }
  if (inflator.ended && inflator.err !== 0) throw fail(`corrupt ${CONTAINER[format]} data near compressed byte ${inflator.strm.total_in}: ${inflator.msg || `zlib status ${inflator.err}`}`);
  if (!inflator.ended) throw fail(`truncated ${CONTAINER[format]} data: it ends after ${bytes.length} bytes, before the end of the compressed stream and its checksum`);
  // pako starts over on bytes after the end (a second GZIP member) and skips zero bytes; its
  // counter then no longer covers the whole input. A list is one stream and nothing else.
  if (inflator.strm.total_in !== bytes.length) throw fail(`${bytes.length - inflator.strm.total_in} more bytes follow the end of the ${CONTAINER[format]} data (or a second member); a list is exactly one stream`);

  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Decodes `text` as base64url without padding (RFC 4648 §5, canonical: the one spelling of the
 * bytes) and inflates it with {@link inflateBounded}. Refuses, with a {@link StatusListError} that
 * names `what` and the position, anything but a string, padding, characters outside the alphabet,
 * a length no encoding has, and text too long to hold a list of at most `maxBytes`. Positions in
 * messages are counted from `offset` (the characters before `text` in the member, such as a prefix).
 *
 * @example
 * inflateBase64Url('eNrbuRgAAhcBXQ', 'zlib', 'status_list.lst'); // Uint8Array [0xb9, 0xa3]
 * inflateBase64Url('eNrbuRgAAhcBXQ==', 'zlib', 'status_list.lst'); // throws: padding at character 14
 */
export function inflateBase64Url(text: unknown, format: 'gzip' | 'zlib', what: string, maxBytes: number = DEFAULT_MAX_STATUS_LIST_BYTES, offset = 0): Uint8Array {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new TypeError('maxBytes must be a positive integer');
  if (typeof text !== 'string') throw new StatusListError(`${what}: not a string but ${describe(text)}.`);
  const limit = Math.ceil((maxCompressedBytes(maxBytes) * 4) / 3);
  if (text.length > limit) throw new StatusListError(`${what}: ${text.length} characters, more than a list of at most ${maxBytes} bytes can need (${limit}).`);
  const bytes = base64UrlToBytes(text);
  if (bytes === undefined) throw new StatusListError(`${what}: not base64url without padding (RFC 4648 §5): ${base64UrlProblem(text, offset)}.`);
  return inflateBounded(bytes, format, maxBytes, what);
}

/** What makes `text` not canonical unpadded base64url (called once decoding failed). */
function base64UrlProblem(text: string, offset: number): string {
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad !== null) {
    const char = bad[0] === '=' ? 'padding "="' : bad[0] === '+' || bad[0] === '/' ? `${JSON.stringify(bad[0])} (base64, not base64url)` : JSON.stringify(bad[0]);
    return `${char} at character ${bad.index + offset}`;
  }
  if (text.length % 4 === 1) return `${text.length} characters, a length no encoding has`;
  return 'the last character carries bits that are not zero (not the canonical spelling)';
}

/** A short description of a value that is not a string, for messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  try {
    return Array.isArray(value) ? 'an array' : 'an object';
  } catch {
    return 'an object'; // a revoked Proxy: even Array.isArray throws
  }
}
