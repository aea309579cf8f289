/**
 * The strict DER gate (ITU-T X.690) that every certificate, CRL, OCSP response and time-stamp token
 * passes before the `@peculiar/asn1-*` schemas read it, and the few TLV steps the verifier needs to
 * keep exact bytes (what a signature covers, a Name for comparison, an embedded certificate).
 *
 * The schemas accept what DER forbids (trailing bytes, non-minimal and indefinite lengths) and
 * elements they were not asked for; a byte that a schema ignores is a byte that could change
 * unseen. So {@link checkDer} walks the whole value first, with an explicit stack (no recursion),
 * a depth and a node budget, and refuses: lengths and tags not in their shortest form, indefinite
 * lengths, trailing data, constructed strings, and primitive contents DER does not allow (BOOLEAN
 * other than 00/FF, non-minimal INTEGERs, BIT STRING padding, padded OID arcs, NULL with content,
 * times not in the one DER form or not on the calendar). Malformed input raises {@link DerError},
 * which the callers turn into an issue; nothing else is thrown.
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

/** Universal tags (X.680 §8.4) the verifier compares against, as full identifier octets. */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
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
  return { bytes, start: pos, contentStart: p, end: p + length, constructed: (first & 0x20) !== 0, tagNumber, tag: first, indefinite };
}

/**
 * Reads one TLV that must fill `bytes` exactly (no trailing data). Only the outer layer is
 * checked: run {@link checkDer} on untrusted input first.
 *
 * @example
 * const [tbs, alg, sig] = childrenOf(readRoot(der));
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
  for (let p = tlv.contentStart; p < tlv.end; ) {
    const child = readTlv(tlv.bytes, p, tlv.end);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** The content octets. */
export function contentOf(tlv: Tlv): Bytes {
  return tlv.bytes.subarray(tlv.contentStart, tlv.end);
}

/** The whole encoding, identifier and length included. */
export function encodingOf(tlv: Tlv): Bytes {
  return tlv.bytes.subarray(tlv.start, tlv.end);
}

/**
 * The children of the constructed value `tlv`, which must number between `min` and `max`: the
 * schemas ignore elements they were not asked for, so the fields an object has are counted here.
 */
export function fields(tlv: Tlv, what: string, min: number, max = min): Tlv[] {
  const kids = childrenOf(tlv);
  if (kids.length < min || kids.length > max) throw new DerError(`${what} has ${kids.length} fields, where ${min === max ? min : `${min} to ${max}`} are allowed`);
  return kids;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

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
 * A DER time (X.690 §11.7, §11.8): UTCTime `YYMMDDHHMMSSZ` (YY ≥ 50 is 19YY, RFC 5280 §4.1.2.5.1)
 * or GeneralizedTime `YYYYMMDDHHMMSS[.f]Z` without trailing zeros in the fraction; in UTC, on the
 * calendar. The schemas read times leniently, so times are read here. A fraction is refused
 * unless `fraction` (RFC 5280 §4.1.2.5.2: certificate validity has none; RFC 3161 genTime may).
 */
export function timeOf(tlv: Tlv, { fraction = false }: { fraction?: boolean } = {}): Date {
  const text = String.fromCharCode(...contentOf(tlv));
  const n = (from: number, count: number) => Number(text.slice(from, from + count));
  if (tlv.tag === TAG.UTC_TIME) {
    if (!/^\d{12}Z$/.test(text)) throw new DerError(`UTCTime "${text}" is not YYMMDDHHMMSSZ`);
    const yy = n(0, 2);
    return utcDate(yy >= 50 ? 1900 + yy : 2000 + yy, n(2, 2), n(4, 2), n(6, 2), n(8, 2), n(10, 2));
  }
  if (tlv.tag === TAG.GENERALIZED_TIME) {
    if (!(fraction ? /^\d{14}(\.\d*[1-9])?Z$/ : /^\d{14}Z$/).test(text)) throw new DerError(`GeneralizedTime "${text}" is not YYYYMMDDHHMMSS[.f]Z`);
    return utcDate(n(0, 4), n(4, 2), n(6, 2), n(8, 2), n(10, 2), n(12, 2));
  }
  throw new DerError(`expected UTCTime or GeneralizedTime, found tag 0x${tlv.tag.toString(16)}`);
}

/** The DER rules for the content of universal primitive values (X.690 §8, §10, §11). */
function checkPrimitive(tlv: Tlv): void {
  const c = contentOf(tlv);
  switch (tlv.tag) {
    case TAG.BOOLEAN:
      if (c.length !== 1 || (c[0] !== 0 && c[0] !== 0xff)) throw new DerError('BOOLEAN not in DER form');
      return;
    case TAG.INTEGER:
    case TAG.ENUMERATED:
      if (c.length === 0) throw new DerError('empty INTEGER');
      if (c.length > 1 && ((c[0] === 0 && (c[1]! & 0x80) === 0) || (c[0] === 0xff && (c[1]! & 0x80) !== 0))) throw new DerError('INTEGER not in its shortest form');
      return;
    case TAG.BIT_STRING: {
      const unused = c[0];
      if (unused === undefined || unused > 7 || (c.length === 1 && unused !== 0)) throw new DerError('BIT STRING with a bad unused-bits count');
      if (unused > 0 && (c[c.length - 1]! & ((1 << unused) - 1)) !== 0) throw new DerError('BIT STRING unused bits are not zero');
      return;
    }
    case TAG.NULL:
      if (c.length !== 0) throw new DerError('NULL with content');
      return;
    case TAG.OID:
      if (c.length === 0 || c.length > 256) throw new DerError('OBJECT IDENTIFIER empty or too long');
      if ((c[c.length - 1]! & 0x80) !== 0) throw new DerError('truncated OBJECT IDENTIFIER');
      for (let i = 0; i < c.length; i++) if (c[i] === 0x80 && (i === 0 || (c[i - 1]! & 0x80) === 0)) throw new DerError('OBJECT IDENTIFIER arc not in its shortest form');
      return;
    case TAG.UTC_TIME:
    case TAG.GENERALIZED_TIME:
      timeOf(tlv, { fraction: true });
      return;
    default:
  }
}

/** Limits of {@link checkDer}. */
const WALK_MAX_DEPTH = 64;
const WALK_MAX_NODES = 200_000;

/**
 * Checks that `bytes` is exactly one well-formed DER value, all the way down (see the module
 * comment). With `ber: true` it checks only the BER structure: for data that is stored but not
 * read (an `etsiU` object is first checked to be ASN.1 at all, and read strictly later).
 *
 * @example
 * checkDer(certificateBytes); // throws DerError on anything DER does not allow
 */
export function checkDer(bytes: Bytes, { ber = false }: { ber?: boolean } = {}): void {
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
        stack[stack.length - 1]!.pos = frame.pos + 2;
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
    const tlv = readTlv(bytes, frame.pos, frame.end, ber);
    if (stack.length === 1) topDone = true;
    if (tlv.constructed) {
      // X.690 §10.2: DER encodes strings primitive; of the universal types only SEQUENCE and SET are constructed.
      if (!ber && tlv.tag < 0x40 && tlv.tag !== TAG.SEQUENCE && tlv.tag !== TAG.SET) throw new DerError(`constructed encoding of universal tag ${tlv.tagNumber}`);
      if (stack.length >= WALK_MAX_DEPTH) throw new DerError('nested too deeply');
      // The child frame advances the parent when it is popped.
      stack.push({ pos: tlv.contentStart, end: tlv.indefinite ? frame.end : tlv.end, indefinite: tlv.indefinite });
    } else {
      if (!ber) checkPrimitive(tlv);
      frame.pos = tlv.end;
    }
  }
  if (!topDone) throw new DerError('empty input');
}
