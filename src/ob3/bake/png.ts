/**
 * PNG chunks, read and written by hand (PNG, W3C 3rd edition, §5: an 8-byte signature, then chunks
 * of a 4-byte big-endian length, a 4-byte type, the data and a CRC-32 of type and data).
 *
 * Why by hand: of the npm packages for this, `png-chunks-extract`/`png-chunks-encode` (unchanged
 * since 2016, CommonJS only) allocate the length a chunk declares before looking at how many bytes
 * remain (a 12-byte hostile file asks for 4 GiB), read past the end as zeros, and throw on bad data;
 * `png-chunk-itxt` imports `zlib` and `Buffer` (Node only); `meta-png` writes and reads `tEXt` only,
 * checks no CRC and cannot replace a chunk. The format needs about a hundred lines, which are
 * easier to hold to this library's rules (never throw on bad data, bound every read, no Buffer)
 * than a dependency.
 * @module
 */

/** PNG §5.2: the first eight bytes of every PNG. */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
/** PNG §5.3: a chunk length is at most 2^31 − 1. */
const MAX_CHUNK_LENGTH = 0x7fffffff;
/** OB 3.0, "Baked Badge", PNG: the `iTXt` keyword of the credential. */
export const PNG_KEYWORD = 'openbadgecredential';
/** Open Badges 2.0 baking: the keyword of an assertion (named in messages, not read). */
const OB2_KEYWORD = 'openbadges';

/** A chunk of a PNG: where it starts (its length field), its type, where its data is, where it ends (after the CRC). */
export interface PngChunk {
  readonly type: string;
  readonly start: number;
  readonly dataStart: number;
  readonly length: number;
  readonly end: number;
}

/** The chunks of a PNG up to and including IEND, or why they cannot be read. */
export type PngScan = { ok: true; chunks: readonly PngChunk[] } | { ok: false; message: string };

/** Whether the bytes start with the PNG signature. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((b, i) => bytes[i] === b);
}

function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
let CRC_TABLE: Uint32Array | undefined;

/** PNG Annex D: the CRC-32 of `bytes[from, to)`. */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  const table = (CRC_TABLE ??= crcTable());
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const uint32 = (bytes: Uint8Array, at: number): number => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
const hex = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;
/** PNG §5.4: a chunk type is four ASCII letters. */
const isLetter = (b: number): boolean => (b >= 65 && b <= 90) || (b >= 97 && b <= 122);

/**
 * The chunks up to IEND, every length checked against the bytes that remain and every CRC checked,
 * in one pass (linear in the input, no allocation per declared length). Bytes after IEND are not
 * read (decoders ignore them; `bakePng` keeps them as they are).
 */
export function scanPng(bytes: Uint8Array): PngScan {
  if (!hasPngSignature(bytes)) return { ok: false, message: 'It does not start with the PNG signature.' };
  const chunks: PngChunk[] = [];
  let at: number = SIGNATURE.length;
  for (;;) {
    const n = chunks.length + 1;
    if (bytes.length - at < 12) return { ok: false, message: at === bytes.length ? `The PNG ends after ${n - 1} chunks without an IEND chunk.` : `Chunk ${n} (at byte ${at}) is cut short: ${bytes.length - at} bytes remain, a chunk takes at least 12.` };
    const length = uint32(bytes, at);
    const [t0, t1, t2, t3] = [bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!];
    if (!(isLetter(t0) && isLetter(t1) && isLetter(t2) && isLetter(t3))) return { ok: false, message: `Chunk ${n} (at byte ${at}) has no chunk type (four ASCII letters).` };
    const type = String.fromCharCode(t0, t1, t2, t3);
    const where = `Chunk ${n} (${type}, at byte ${at})`;
    if (length > MAX_CHUNK_LENGTH) return { ok: false, message: `${where} declares ${length} bytes of data, more than PNG allows (2^31 − 1).` };
    if (length > bytes.length - at - 12) return { ok: false, message: `${where} declares ${length} bytes of data, but only ${Math.max(0, bytes.length - at - 12)} remain before its CRC.` };
    const dataStart = at + 8;
    const end = dataStart + length + 4;
    const stored = uint32(bytes, dataStart + length);
    const computed = crc32(bytes, at + 4, dataStart + length);
    if (stored !== computed) return { ok: false, message: `${where} has a bad CRC: ${hex(stored)} stored, ${hex(computed)} computed over its type and data.` };
    if (n === 1 && (type !== 'IHDR' || length !== 13)) return { ok: false, message: `The first chunk is ${type} of ${length} bytes, not the 13-byte IHDR that PNG requires first.` };
    chunks.push({ type, start: at, dataStart, length, end });
    if (type === 'IEND') return { ok: true, chunks };
    at = end;
  }
}

/** The fields of an `iTXt` chunk (PNG §11.3.3.4). */
export interface ITxt {
  readonly keyword: string;
  readonly compressed: boolean;
  /** The text bytes (UTF-8, compressed when `compressed`). */
  readonly text: Uint8Array;
}

/**
 * An `iTXt` chunk's keyword (Latin-1, 1–79 bytes, NUL-terminated), compression flag and text;
 * `undefined` when the separators are missing. The language tag and translated keyword are skipped
 * (OB 3.0 gives them no meaning).
 */
export function readITxt(bytes: Uint8Array, chunk: PngChunk): ITxt | undefined {
  const data = bytes.subarray(chunk.dataStart, chunk.dataStart + chunk.length);
  const keywordEnd = data.subarray(0, 80).indexOf(0);
  if (keywordEnd < 1) return undefined;
  const keyword = String.fromCharCode(...data.subarray(0, keywordEnd));
  // Flag, method, then the language tag and the translated keyword, each NUL-terminated.
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (keywordEnd + 2 >= data.length || translatedEnd < 0) return undefined;
  return { keyword, compressed: data[keywordEnd + 1] !== 0, text: data.subarray(translatedEnd + 1) };
}

/** Whether a chunk is an `iTXt` chunk with this keyword (read from its first bytes only). */
export function isITxtWithKeyword(bytes: Uint8Array, chunk: PngChunk, keyword: string): boolean {
  if (chunk.type !== 'iTXt' || chunk.length <= keyword.length) return false;
  for (let i = 0; i < keyword.length; i++) if (bytes[chunk.dataStart + i] !== keyword.charCodeAt(i)) return false;
  return bytes[chunk.dataStart + keyword.length] === 0;
}

/** Whether a chunk of this PNG carries an Open Badges 2.0 assertion (`iTXt`, keyword `openbadges`). */
export function hasOb2Chunk(bytes: Uint8Array, chunks: readonly PngChunk[]): boolean {
  return chunks.some((c) => isITxtWithKeyword(bytes, c, OB2_KEYWORD));
}

/** One chunk's bytes: length, type, data, CRC. */
function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 12);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * The credential `iTXt` chunk (OB 3.0, "Baked Badge", PNG): keyword `openbadgecredential`,
 * compression flag 0 and method 0 ("Compression MUST NOT be used"), empty language tag and
 * translated keyword, the text in UTF-8.
 */
export function credentialChunk(text: Uint8Array): Uint8Array {
  const head = PNG_KEYWORD.length;
  const data = new Uint8Array(head + 5 + text.length);
  for (let i = 0; i < head; i++) data[i] = PNG_KEYWORD.charCodeAt(i);
  // data[head .. head + 4] stay 0: keyword NUL, flag, method, language NUL, translated NUL.
  data.set(text, head + 5);
  return encodeChunk('iTXt', data);
}

/**
 * A new PNG: the input's chunks in order without any credential `iTXt` chunk, the new chunk just
 * before IEND (PNG §5.6 lets `iTXt` stand anywhere between IHDR and IEND), then IEND and whatever
 * followed it, byte for byte. The input is only read.
 */
export function bakePng(bytes: Uint8Array, chunks: readonly PngChunk[], chunk: Uint8Array): Uint8Array {
  const iend = chunks[chunks.length - 1]!;
  const kept = chunks.filter((c) => c !== iend && !isITxtWithKeyword(bytes, c, PNG_KEYWORD));
  const size = SIGNATURE.length + kept.reduce((sum, c) => sum + (c.end - c.start), 0) + chunk.length + (bytes.length - iend.start);
  const out = new Uint8Array(size);
  out.set(bytes.subarray(0, SIGNATURE.length), 0);
  let at = SIGNATURE.length;
  for (const c of kept) {
    out.set(bytes.subarray(c.start, c.end), at);
    at += c.end - c.start;
  }
  out.set(chunk, at);
  out.set(bytes.subarray(iend.start), at + chunk.length);
  return out;
}
