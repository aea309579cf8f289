/**
 * A small, defensive reader of ASN.1 DER (ITU-T X.690), enough for X.509 certificates.
 *
 * Every length is checked against the bytes that enclose it before anything is read, lengths and
 * tags must use their shortest form (X.690 §10.1, §8.1.2.4), indefinite lengths are refused in
 * DER (§10.1), and nothing here recurses: certificates are read by following their schema one
 * level at a time, and the one generic walk ({@link checkWellFormed}) uses an explicit stack with
 * a depth and a node budget. Malformed input raises {@link DerError}, which the callers turn
 * into an issue; nothing else is thrown.
 * @module
 */
import type { Bytes } from '../json/encoding.js';

/** Malformed or unsupported DER. Internal: the verifier reports it as an issue. */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

/** Universal tags (X.680 §8.4) used here, as full identifier octets. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  TELETEX_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
} as const;

/** One TLV: where it sits in `bytes` and what its identifier says. */
export interface Tlv {
  /** The input the TLV was read from. */
  readonly bytes: Bytes;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the last content octet. */
  readonly end: number;
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly tagClass: number;
  readonly constructed: boolean;
  /** The tag number within its class. */
  readonly tagNumber: number;
  /** The first identifier octet (class, constructed bit and low tag number): handy for comparisons. */
  readonly tag: number;
}

const MAX_TAG_NUMBER = 0x1fffff;

/**
 * Reads the TLV at `pos`, which must lie within `[pos, limit)`. `ber` allows what BER allows and
 * DER forbids (non-minimal lengths, indefinite lengths); the caller then finds the end itself.
 */
export function readTlv(bytes: Bytes, pos: number, limit: number, ber = false): Tlv & { indefinite: boolean } {
  if (limit > bytes.length || pos < 0 || pos >= limit) throw new DerError(`truncated: expected a value at offset ${pos}`);
  const first = bytes[pos]!;
  let p = pos + 1;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    // High tag number form (X.690 §8.1.2.4): base 128, no leading 0x80, and only for numbers ≥ 31.
    tagNumber = 0;
    for (let n = 0; ; n++) {
      if (p >= limit) throw new DerError('truncated tag');
      const b = bytes[p++]!;
      if (n === 0 && b === 0x80) throw new DerError('tag number not in its shortest form');
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if (tagNumber > MAX_TAG_NUMBER) throw new DerError('tag number too large');
      if ((b & 0x80) === 0) break;
    }
    if (tagNumber < 31 && !ber) throw new DerError('tag number not in its shortest form');
  }
  if (p >= limit) throw new DerError('truncated length');
  const l0 = bytes[p++]!;
  let length: number;
  let indefinite = false;
  if (l0 < 0x80) {
    length = l0;
  } else if (l0 === 0x80) {
    // Indefinite length: BER only, and only for constructed encodings (X.690 §8.1.3.2, §10.1).
    if (!ber || (first & 0x20) === 0) throw new DerError('indefinite length is not allowed in DER');
    indefinite = true;
    length = limit - p;
  } else {
    const n = l0 & 0x7f;
    if (n > 4 || l0 === 0xff) throw new DerError('length field too long');
    if (p + n > limit) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[p++]!;
    if (!ber && (bytes[p - n] === 0 || length < 0x80)) throw new DerError('length not in its shortest form');
  }
  if (length > limit - p) throw new DerError(`length ${length} runs past the enclosing data (${limit - p} bytes left)`);
  return {
    bytes,
    start: pos,
    contentStart: p,
    end: p + length,
    tagClass: first >> 6,
    constructed: (first & 0x20) !== 0,
    tagNumber,
    tag: first,
    indefinite,
  };
}

/**
 * Reads one TLV that must fill `bytes` exactly (no trailing data).
 *
 * @example
 * const seq = readRoot(der);                 // throws DerError on malformed input
 * const [tbs, alg, sig] = childrenOf(seq);
 */
export function readRoot(bytes: Bytes): Tlv {
  const tlv = readTlv(bytes, 0, bytes.length);
  if (tlv.end !== bytes.length) throw new DerError(`${bytes.length - tlv.end} bytes of trailing data`);
  return tlv;
}

/** The TLVs directly inside a constructed TLV, in order. */
export function childrenOf(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new DerError('expected a constructed value');
  const out: Tlv[] = [];
  let p = tlv.contentStart;
  while (p < tlv.end) {
    const child = readTlv(tlv.bytes, p, tlv.end);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** Throws unless `tlv` has the identifier octet `tag`. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (tlv === undefined) throw new DerError(`${what} is missing`);
  if (tlv.tag !== tag || tlv.tagNumber >= 31) {
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  }
  return tlv;
}

/** The content octets. */
export function contentOf(tlv: Tlv): Bytes {
  return tlv.bytes.subarray(tlv.contentStart, tlv.end);
}

/** The whole encoding, identifier and length included. */
export function encodingOf(tlv: Tlv): Bytes {
  return tlv.bytes.subarray(tlv.start, tlv.end);
}

/** An INTEGER's content octets, checked for the minimal two's-complement form (X.690 §8.3.2). */
export function integerBytes(tlv: Tlv): Bytes {
  expectTag(tlv, TAG.INTEGER, 'INTEGER');
  const c = contentOf(tlv);
  if (c.length === 0) throw new DerError('empty INTEGER');
  if (c.length > 1 && ((c[0] === 0 && (c[1]! & 0x80) === 0) || (c[0] === 0xff && (c[1]! & 0x80) !== 0))) {
    throw new DerError('INTEGER not in its shortest form');
  }
  return c;
}

/** A small non-negative INTEGER (versions, path lengths, salt lengths). */
export function smallInteger(tlv: Tlv): number {
  const c = integerBytes(tlv);
  if ((c[0]! & 0x80) !== 0) throw new DerError('negative INTEGER where a count is expected');
  if (c.length > 4) throw new DerError('INTEGER too large');
  let n = 0;
  for (const b of c) n = n * 256 + b;
  return n;
}

/** A BOOLEAN (X.690 §11.1: DER encodes TRUE as 0xFF). */
export function booleanOf(tlv: Tlv): boolean {
  expectTag(tlv, TAG.BOOLEAN, 'BOOLEAN');
  const c = contentOf(tlv);
  if (c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff)) throw new DerError('BOOLEAN not in DER form');
  return c[0] === 0xff;
}

/** A BIT STRING's bits as bytes, with its count of unused bits (X.690 §8.6.2). */
export function bitStringOf(tlv: Tlv): { bytes: Bytes; unusedBits: number } {
  expectTag(tlv, TAG.BIT_STRING, 'BIT STRING');
  const c = contentOf(tlv);
  if (c.length === 0) throw new DerError('empty BIT STRING');
  const unusedBits = c[0]!;
  if (unusedBits > 7 || (c.length === 1 && unusedBits !== 0)) throw new DerError('BIT STRING with a bad unused-bits count');
  // DER: the unused bits are zero (X.690 §11.2.1).
  if (unusedBits > 0 && (c[c.length - 1]! & ((1 << unusedBits) - 1)) !== 0) throw new DerError('BIT STRING unused bits are not zero');
  return { bytes: c.subarray(1), unusedBits };
}

/** An OBJECT IDENTIFIER in dotted form (X.690 §8.19), arcs of any size. */
export function oidOf(tlv: Tlv): string {
  expectTag(tlv, TAG.OID, 'OBJECT IDENTIFIER');
  const c = contentOf(tlv);
  if (c.length === 0) throw new DerError('empty OBJECT IDENTIFIER');
  if (c.length > 256) throw new DerError('OBJECT IDENTIFIER too long');
  const arcs: string[] = [];
  let value = 0n;
  let started = false;
  for (let i = 0; i < c.length; i++) {
    const b = c[i]!;
    if (!started && b === 0x80) throw new DerError('OBJECT IDENTIFIER arc not in its shortest form');
    started = true;
    value = (value << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      if (arcs.length === 0) {
        // The first subidentifier packs two arcs (X.690 §8.19.4).
        const first = value < 40n ? 0n : value < 80n ? 1n : 2n;
        arcs.push(first.toString(), (value - first * 40n).toString());
      } else {
        arcs.push(value.toString());
      }
      value = 0n;
      started = false;
    }
  }
  if (started) throw new DerError('truncated OBJECT IDENTIFIER');
  return arcs.join('.');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) throw new DerError(`time "${text}" has a non-digit`);
    n = n * 10 + c;
  }
  return n;
}

/** A UTC instant from calendar fields, rejecting dates that do not exist (2023-02-30). */
export function utcDate(year: number, month: number, day: number, hour: number, minute: number, second: number): Date {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (dim === undefined || day < 1 || day > dim || hour > 23 || minute > 59 || second > 59) {
    throw new DerError(`not a calendar date-time: ${year}-${month}-${day} ${hour}:${minute}:${second}`);
  }
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d;
}

/**
 * A certificate validity time. RFC 5280 §4.1.2.5: UTCTime `YYMMDDHHMMSSZ` (YY ≥ 50 is 19YY) or
 * GeneralizedTime `YYYYMMDDHHMMSSZ`, always in UTC with seconds and without fractions.
 */
export function timeOf(tlv: Tlv): Date {
  const c = contentOf(tlv);
  let text = '';
  for (const b of c) text += String.fromCharCode(b);
  if (tlv.tag === TAG.UTC_TIME) {
    if (!/^\d{12}Z$/.test(text)) throw new DerError(`UTCTime "${text}" is not YYMMDDHHMMSSZ`);
    const yy = digits(text, 0, 2);
    return utcDate(yy >= 50 ? 1900 + yy : 2000 + yy, digits(text, 2, 2), digits(text, 4, 2), digits(text, 6, 2), digits(text, 8, 2), digits(text, 10, 2));
  }
  if (tlv.tag === TAG.GENERALIZED_TIME) {
    if (!/^\d{14}Z$/.test(text)) throw new DerError(`GeneralizedTime "${text}" is not YYYYMMDDHHMMSSZ`);
    return utcDate(digits(text, 0, 4), digits(text, 4, 2), digits(text, 6, 2), digits(text, 8, 2), digits(text, 10, 2), digits(text, 12, 2));
  }
  throw new DerError(`expected UTCTime or GeneralizedTime, found tag 0x${tlv.tag.toString(16)}`);
}

/** Limits of {@link checkWellFormed}. */
const WALK_MAX_DEPTH = 64;
const WALK_MAX_NODES = 200_000;

/**
 * Checks that `bytes` is exactly one well-formed BER value (so DER too), all the way down:
 * constructed values are walked with an explicit stack (no recursion), at most 64 levels deep and
 * 200 000 values. Used for data that is only checked, not interpreted (time-stamp tokens, CRLs,
 * OCSP responses), which real producers sometimes encode in BER with indefinite lengths.
 */
export function checkWellFormed(bytes: Bytes): void {
  // Each frame: a range [pos, end) to read, and whether it is closed by end-of-contents octets.
  const stack: { pos: number; end: number; indefinite: boolean }[] = [{ pos: 0, end: bytes.length, indefinite: false }];
  let nodes = 0;
  let topDone = false;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.indefinite) {
      if (frame.pos + 1 < frame.end && bytes[frame.pos] === 0 && bytes[frame.pos + 1] === 0) {
        // End-of-contents (X.690 §8.1.5): the parent resumes after it.
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) parent.pos = frame.pos + 2;
        continue;
      }
      if (frame.pos >= frame.end) throw new DerError('indefinite-length value without end-of-contents');
    } else if (frame.pos >= frame.end) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.pos = frame.end;
      continue;
    }
    if (stack.length === 1 && topDone) throw new DerError('trailing data after the value');
    if (++nodes > WALK_MAX_NODES) throw new DerError('too many values');
    const tlv = readTlv(bytes, frame.pos, frame.end, true);
    if (stack.length === 1) topDone = true;
    if (tlv.constructed) {
      if (stack.length >= WALK_MAX_DEPTH) throw new DerError('nested too deeply');
      // The child frame advances the parent when it is popped.
      stack.push({ pos: tlv.contentStart, end: tlv.indefinite ? frame.end : tlv.end, indefinite: tlv.indefinite });
    } else {
      frame.pos = tlv.end;
    }
  }
  if (!topDone) throw new DerError('empty input');
}

function lengthOctets(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

/** Encodes one TLV with a low tag number. Used to re-wrap RSA-PSS keys for WebCrypto. */
export function encodeTlv(tag: number, ...contents: Uint8Array[]): Bytes {
  let length = 0;
  for (const c of contents) length += c.length;
  const head = [tag, ...lengthOctets(length)];
  const out = new Uint8Array(head.length + length);
  out.set(head, 0);
  let p = head.length;
  for (const c of contents) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
