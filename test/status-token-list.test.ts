/**
 * The IETF Token Status List encoding (src/status/token-list.ts, src/status/inflate.ts):
 * - every test vector of draft-ietf-oauth-status-list-20, both ways and exactly: the byte array
 *   encodes to the vector's `lst` (JSON) and `lst` bytes (CBOR), and the `lst` decodes to the byte
 *   array; for the 2^20-entry lists the byte array is built from the draft's appendix (its
 *   `status[i] = 0b…` lines, parsed from the draft itself), so every listed index is checked and
 *   every other one is 0; the Status List Token of the draft (compact JWT) decodes;
 * - agreement with independent codecs on random lists, all bit sizes: @sd-jwt/jwt-status-list
 *   (`StatusList`), node:zlib, and a reader written here from the draft's picture of the bytes;
 * - hostile input: the shared bank (test/helpers/hostile.ts), bits 3, unknown members, GZIP where
 *   ZLIB is required, bad base64url, truncated, trailing bytes, bad ADLER-32, a ZLIB bomb of 1 GiB,
 *   bad indexes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, deflateSync, gzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { StatusList } from '@sd-jwt/jwt-status-list';
import { describe, expect, it } from 'vitest';
import { decodeTokenStatusList, encodeTokenStatusList, readTokenStatus, writeTokenStatus, type TokenStatusBits } from '../src/status/token-list.js';
import { StatusListError } from '../src/status/errors.js';
import { fingerprint, hostileCases } from './helpers/hostile.js';
import { b64u, expectMalformed as malformed, fromB64u, zeroBomb } from './helpers/status.js';

const VECTORS = join(import.meta.dirname, 'vectors/ietf-token-status-list');
const read = (name: string) => readFileSync(join(VECTORS, name), 'utf8');
const RUNS = { numRuns: 40 };

/** `{bits, lst}` of a JSON vector file; the long ones wrap `lst` over lines (not JSON): whitespace removed. */
function jsonVector(name: string): { bits: TokenStatusBits; lst: string; bytes?: Uint8Array } {
  const text = read(name);
  const bits = Number(/"bits":\s*(\d+)/.exec(text)![1]) as TokenStatusBits;
  const lst = /"lst":\s*"([^"]*)"/.exec(text)![1]!.replace(/\s+/g, '');
  const array = /byte_array = \[([^\]]*)\]/.exec(text);
  return { bits, lst, ...(array ? { bytes: new Uint8Array(array[1]!.split(',').map((h) => Number.parseInt(h.trim(), 16))) } : {}) };
}

/** `{bits, lst}` of a CBOR vector (hex, possibly wrapped), read with the few CBOR heads the map uses. */
function cborVector(name: string): { bits: number; lst: Uint8Array } {
  const text = read(name);
  const hex = (text.includes('encoded:') ? text.slice(text.indexOf('encoded:') + 8) : text).replace(/\s+/g, '');
  const b = Buffer.from(hex, 'hex');
  let p = 0;
  const head = () => {
    const ib = b[p++]!;
    const ai = ib & 31;
    let n = ai;
    if (ai === 24) n = b[p++]!;
    else if (ai === 25) (n = b.readUInt16BE(p)), (p += 2);
    else if (ai === 26) (n = b.readUInt32BE(p)), (p += 4);
    else if (ai > 26) throw new Error(`CBOR head ${ib} not expected`);
    return { major: ib >> 5, n };
  };
  const map = head();
  expect(map).toEqual({ major: 5, n: 2 });
  const out: Record<string, unknown> = {};
  for (let i = 0; i < map.n; i++) {
    const key = head();
    expect(key.major).toBe(3);
    const name = b.subarray(p, p + key.n).toString('utf8');
    p += key.n;
    const value = head();
    if (value.major === 0) out[name] = value.n;
    else if (value.major === 2) (out[name] = new Uint8Array(b.subarray(p, p + value.n))), (p += value.n);
    else throw new Error(`CBOR major type ${value.major} not expected`);
  }
  expect(p).toBe(b.length);
  return out as { bits: number; lst: Uint8Array };
}

/** The hex bytes of an annotated CBOR file (`*_cbor_diag.md`): every line's hex before its `#` comment. */
const diagHex = (name: string) =>
  read(name)
    .split('\n')
    .map((line) => line.split('#')[0]!.trim())
    .join('');

/** The appendix's `status[i] = 0b…` lines of one subsection ("1-bit Status List" …), from the draft. */
function appendixStatuses(bits: number): Map<number, number> {
  const draft = read('draft-ietf-oauth-status-list.md');
  const appendix = draft.slice(draft.indexOf('# Test vectors for Status List encoding'));
  const start = appendix.indexOf(`## ${bits}-bit Status List`);
  const end = appendix.indexOf('\n## ', start + 1);
  const section = appendix.slice(start, end === -1 ? undefined : end);
  const statuses = new Map<number, number>();
  for (const m of section.matchAll(/^status\[(\d+)\]\s*=\s*0b([01]+)\s*$/gm)) statuses.set(Number(m[1]), Number.parseInt(m[2]!, 2));
  return statuses;
}

/** The status at `index` read as the draft draws it: a byte's bits written 7…0, statuses packed from the right. */
function independentStatus(bytes: Uint8Array, index: number, bits: number): number {
  const perByte = 8 / bits;
  const text = bytes[Math.floor(index / perByte)]!.toString(2).padStart(8, '0');
  const k = index % perByte;
  return Number.parseInt(text.slice(8 - (k + 1) * bits, 8 - k * bits), 2);
}

/** A byte array of 2^20 statuses of `bits` bits, with the given values set (written the draft's way, independently of the library). */
function arrayOf(bits: number, statuses: Map<number, number>): Uint8Array {
  const bytes = new Uint8Array((2 ** 20 * bits) / 8);
  for (const [i, v] of statuses) bytes[Math.floor((i * bits) / 8)]! |= v << ((i % (8 / bits)) * bits);
  return bytes;
}

describe('the draft\'s short examples (§4.1, §4.2, §4.3)', () => {
  it.each([
    ['status_list_encoding_json.md', 'status_list_encoding_cbor.md', 'status_list_encoding_cbor_diag.md', [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]],
    ['status_list_encoding2_json.md', 'status_list_encoding2_cbor.md', 'status_list_encoding2_cbor_diag.md', [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]],
  ])('%s: bytes ↔ lst exactly, the CBOR form holds the same ZLIB bytes, and the statuses read as the draft lists them', (json, cbor, diag, statuses) => {
    const vector = jsonVector(json);
    expect(encodeTokenStatusList(vector.bytes!, vector.bits)).toEqual({ bits: vector.bits, lst: vector.lst });
    const decoded = decodeTokenStatusList({ bits: vector.bits, lst: vector.lst });
    expect(decoded).toEqual({ bits: vector.bits, bytes: vector.bytes });
    expect(statuses.map((_, i) => readTokenStatus(decoded.bytes, i, vector.bits))).toEqual(statuses);
    expect(statuses.map((_, i) => independentStatus(decoded.bytes, i, vector.bits))).toEqual(statuses);
    expect(readTokenStatus(decoded.bytes, statuses.length, vector.bits)).toBeUndefined();
    const c = cborVector(cbor);
    expect(c.bits).toBe(vector.bits);
    expect(b64u(c.lst)).toBe(vector.lst);
    expect(diagHex(diag)).toBe(read(cbor).slice(read(cbor).indexOf('encoded:') + 8).replace(/\s+/g, ''));
  });
});

describe('the draft\'s 2^20-entry test vectors (appendix)', () => {
  it.each([
    [1, 'status_list_encoding1_long_json.md', 'status_list_encoding1_long_cbor.md', 11],
    [2, 'status_list_encoding2_long_json.md', 'status_list_encoding2_long_cbor.md', 11],
    [4, 'status_list_encoding4_json.md', 'status_list_encoding4_cbor.md', 15],
    [8, 'status_list_encoding8_json.md', 'status_list_encoding8_cbor.md', 256],
  ] as const)('%i bits: the listed statuses encode to the exact lst, and lst decodes to exactly them', (bits, json, cbor, listed) => {
    const statuses = appendixStatuses(bits);
    expect(statuses.size).toBe(listed);
    const expected = arrayOf(bits, statuses);
    const vector = jsonVector(json);
    expect(vector.bits).toBe(bits);
    // encode → the exact lst (JSON) and the exact ZLIB bytes (CBOR)
    const encoded = encodeTokenStatusList(expected, bits);
    expect(encoded).toEqual({ bits, lst: vector.lst });
    expect(cborVector(cbor)).toEqual({ bits, lst: fromB64u(vector.lst) });
    // decode → exactly the byte array: every listed index has its value, every other is 0
    const { bytes } = decodeTokenStatusList({ bits, lst: vector.lst });
    expect(bytes.length).toBe(expected.length);
    expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);
    for (const [i, v] of statuses) expect(readTokenStatus(bytes, i, bits), `status[${i}]`).toBe(v);
    let others = 0;
    for (let i = 0; i < 2 ** 20; i++) if (!statuses.has(i) && readTokenStatus(bytes, i, bits) !== 0) others++;
    expect(others).toBe(0);
    expect(readTokenStatus(bytes, 2 ** 20, bits)).toBeUndefined();
    // and node:zlib reads the same lst to the same bytes
    expect(inflateSync(fromB64u(vector.lst)).equals(Buffer.from(expected))).toBe(true);
  });
});

describe('the draft\'s Status List Token (status_list_jwt_raw.md)', () => {
  it('its status_list decodes to the 1-bit example; the decoded view shows the same list', () => {
    const jwt = read('status_list_jwt_raw.md').replace(/\s+/g, '');
    const parts = jwt.split('.');
    expect(parts).toHaveLength(3);
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'ES256', kid: '12', typ: 'statuslist+jwt' });
    expect(payload.sub).toBe('https://example.com/statuslists/1');
    const { bits, bytes } = decodeTokenStatusList(payload.status_list);
    expect([bits, [...bytes]]).toEqual([1, [0xb9, 0xa3]]);
    expect(Array.from({ length: 16 }, (_, i) => readTokenStatus(bytes, i, bits))).toEqual([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
    const view = read('status_list_jwt.md');
    const viewPayload = JSON.parse(view.slice(view.indexOf('\n.\n') + 3)) as Record<string, unknown>;
    expect(viewPayload.status_list).toEqual(payload.status_list);
  });
});

describe('agreement with independent codecs, all bit sizes', () => {
  const randomList = fc.constantFrom<TokenStatusBits>(1, 2, 4, 8).chain((bits) =>
    fc.tuple(
      fc.constant(bits),
      fc.integer({ min: 1, max: 512 }).chain((bytes) => fc.array(fc.integer({ min: 0, max: 2 ** bits - 1 }), { minLength: (bytes * 8) / bits, maxLength: (bytes * 8) / bits })),
    ),
  );

  it('@sd-jwt/jwt-status-list: the same bytes, the same lst, and each reads the other\'s', () => {
    fc.assert(
      fc.property(randomList, ([bits, statuses]) => {
        const bytes = new Uint8Array((statuses.length * bits) / 8);
        statuses.forEach((v, i) => writeTokenStatus(bytes, i, bits, v));
        const theirs = new StatusList(statuses, bits);
        expect(Buffer.from(theirs.encodeStatusList()).equals(Buffer.from(bytes))).toBe(true);
        const ours = encodeTokenStatusList(bytes, bits);
        expect(ours.lst).toBe(theirs.compressStatusList());
        const back = StatusList.decompressStatusList(ours.lst, bits);
        const decoded = decodeTokenStatusList({ bits, lst: theirs.compressStatusList() }).bytes;
        const differ = statuses.flatMap((v, i) => (back.getStatus(i) !== v || readTokenStatus(decoded, i, bits) !== v || independentStatus(decoded, i, bits) !== v ? [i] : []));
        expect(differ).toEqual([]);
      }),
      RUNS,
    );
  });

  it('node:zlib: inflates our lst to the bytes, and our decoder reads its output at every level', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom<TokenStatusBits>(1, 2, 4, 8), (bytes, level, bits) => {
        const copy = bytes.slice();
        const { lst } = encodeTokenStatusList(bytes, bits);
        expect(bytes).toEqual(copy); // not changed
        expect(lst.startsWith('eN')).toBe(true); // 78 da: ZLIB, level 9
        expect(new Uint8Array(inflateSync(fromB64u(lst)))).toEqual(bytes);
        const decoded = decodeTokenStatusList({ bits, lst: b64u(deflateSync(bytes, { level })) }).bytes;
        expect(decoded).toEqual(bytes);
        for (let i = 0; i < (bytes.length * 8) / bits; i += 1 + (i >> 4)) expect(readTokenStatus(decoded, i, bits)).toBe(independentStatus(bytes, i, bits));
      }),
      RUNS,
    );
  });
});

describe('hostile status_list', () => {
  const base = { bits: 1, lst: 'eNrbuRgAAhcBXQ' };
  const accepted = (name: string, acceptable: boolean | undefined) => acceptable === true || name.startsWith('symbol keys beside');

  it.each(hostileCases(base, 'lst').map((c) => [c.name, c] as const))('%s', (name, c) => {
    const input = c.make();
    const before = c.noFingerprint ? undefined : fingerprint(input);
    if (accepted(name, c.acceptable)) expect([...decodeTokenStatusList(input).bytes]).toEqual([0xb9, 0xa3]);
    else expect(() => decodeTokenStatusList(input)).toThrow(StatusListError);
    if (before !== undefined) expect(fingerprint(input)).toBe(before);
  });

  it.each([
    ['bits 3', { ...base, bits: 3 }, /^status_list\.bits must be 1, 2, 4 or 8 \(§4\.1\), not 3\.$/],
    ['bits 0', { ...base, bits: 0 }, /not 0/],
    ['bits 16', { ...base, bits: 16 }, /not 16/],
    ['bits 1.5', { ...base, bits: 1.5 }, /not 1\.5/],
    ['bits "1"', { ...base, bits: '1' }, /not "1"/],
    ['bits null', { ...base, bits: null }, /not null/],
    ['bits true', { ...base, bits: true }, /not a boolean/],
    ['no bits', { lst: base.lst }, /no "bits" member/],
    ['no lst', { bits: 1 }, /no "lst" member/],
    ['lst a number', { bits: 1, lst: 7 }, /^status_list\.lst: not a string but a number\.$/],
    ['lst bytes', { bits: 1, lst: [0x78, 0xda] }, /not a string but an array/],
    ['an unknown member', { ...base, ttl: 43200 }, /member "ttl" is not one of bits, lst, aggregation_uri/],
    ['aggregation_uri not a string', { ...base, aggregation_uri: 42 }, /aggregation_uri must be a string/],
    ['padding', { ...base, lst: `${base.lst}==` }, /padding "=" at character 14/],
    ['base64 "+"', { ...base, lst: '+' + base.lst.slice(1) }, /"\+" \(base64, not base64url\) at character 0/],
    ['a Multibase "u" prefix', { ...base, lst: 'u' + base.lst }, /not ZLIB data|a length no encoding has/],
    ['GZIP where ZLIB is required', { ...base, lst: b64u(gzipSync(Buffer.from([0xb9, 0xa3]))) }, /^status_list\.lst: GZIP data where ZLIB is required \(starts 1f 8b/],
    ['raw DEFLATE', { ...base, lst: b64u(deflateRawSync(Buffer.from([0xb9, 0xa3]))) }, /not ZLIB data/],
    ['a preset dictionary', { ...base, lst: b64u(deflateSync(Buffer.from([0xb9, 0xa3]), { dictionary: Buffer.from('dictionary') })) }, /preset dictionary/],
    ['a wrong ADLER-32', { ...base, lst: b64u(Buffer.from('78dadbb918000217015e', 'hex')) }, /incorrect data check/],
    ['truncated', { ...base, lst: b64u(Buffer.from('78dadbb918000217', 'hex')) }, /truncated ZLIB/],
    ['a trailing byte', { ...base, lst: b64u(Buffer.from('78dadbb918000217015d00', 'hex')) }, /1 more bytes follow the end of the ZLIB/],
    ['trailing garbage', { ...base, lst: b64u(Buffer.from('78dadbb918000217015d78', 'hex')) }, /more bytes follow|corrupt ZLIB|truncated ZLIB/],
    ['a second stream', { ...base, lst: b64u(Buffer.from('78dadbb918000217015d78dadbb918000217015d', 'hex')) }, /more bytes follow the end of the ZLIB \(RFC 1950\) data/],
  ])('refuses %s', (_, list, message) => {
    malformed(() => decodeTokenStatusList(list), message);
  });

  it('allows aggregation_uri (§4.2) and gives it back', () => {
    expect(decodeTokenStatusList({ ...base, aggregation_uri: 'https://example.com/statuslists' })).toEqual({ bits: 1, bytes: new Uint8Array([0xb9, 0xa3]), aggregation_uri: 'https://example.com/statuslists' });
  });

  it('refuses truncated data at every length', () => {
    const full = deflateSync(Buffer.alloc(4096, 0x55), { level: 9 });
    for (let n = 2; n < full.length; n++) malformed(() => decodeTokenStatusList({ bits: 2, lst: b64u(full.subarray(0, n)) }), /truncated ZLIB|corrupt ZLIB|cannot hold/);
  });

  it('stops a ZLIB bomb of 1 GiB of zeros at the limit, in well under a second', () => {
    const stream = (mib: number) => zeroBomb('zlib', mib);
    expect(inflateSync(stream(3)).equals(Buffer.alloc(3 << 20))).toBe(true); // the construction is valid ZLIB
    const lst = b64u(stream(1024));
    const start = performance.now();
    malformed(() => decodeTokenStatusList({ bits: 1, lst }), /^status_list\.lst: decompresses to more than 16777216 bytes \(the limit; stopped there\)\.$/);
    expect(performance.now() - start).toBeLessThan(1000);
    malformed(() => decodeTokenStatusList({ bits: 1, lst: b64u(stream(3)) }, { maxBytes: 1 << 20 }), /more than 1048576 bytes/);
    expect(decodeTokenStatusList({ bits: 1, lst: b64u(stream(3)) }).bytes.length).toBe(3 << 20);
  });

  it('throws TypeError for misuse: bits not 1/2/4/8 when encoding, options not an object, maxBytes not a positive integer', () => {
    expect(() => encodeTokenStatusList(new Uint8Array(2), 3 as never)).toThrow(TypeError);
    expect(() => encodeTokenStatusList([1] as never, 1)).toThrow(TypeError);
    expect(() => decodeTokenStatusList(base, 5 as never)).toThrow(TypeError);
    expect(() => decodeTokenStatusList(base, { maxBytes: -1 })).toThrow(TypeError);
  });
});

describe('indexes (LSB-first, §4.1)', () => {
  const bytes = new Uint8Array([0xc9, 0x44, 0xf9]);

  it.each([
    ['negative', -1],
    ['past the end', 12],
    ['fractional', 0.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2^53', 2 ** 53],
    ['a string', '0' as never],
  ])('readTokenStatus gives undefined for an index %s, never throws', (_, index) => {
    expect(readTokenStatus(bytes, index, 2)).toBeUndefined();
  });

  it('refuses bits other than 1, 2, 4, 8 as misuse (TypeError)', () => {
    for (const bits of [0, 3, 5, 16, Number.NaN]) expect(() => readTokenStatus(bytes, 0, bits)).toThrow(TypeError);
  });

  it('writeTokenStatus changes only its status, and refuses what does not fit (RangeError)', () => {
    const own = new Uint8Array(2);
    writeTokenStatus(own, 1, 2, 2);
    expect([...own]).toEqual([0b0000_1000, 0]);
    writeTokenStatus(own, 7, 2, 3);
    expect([...own]).toEqual([0b0000_1000, 0b1100_0000]);
    writeTokenStatus(own, 1, 2, 0);
    expect([...own]).toEqual([0, 0b1100_0000]);
    expect(() => writeTokenStatus(own, 8, 2, 1)).toThrow(RangeError);
    expect(() => writeTokenStatus(own, -1, 2, 1)).toThrow(RangeError);
    expect(() => writeTokenStatus(own, 0, 2, 4)).toThrow(RangeError);
    expect(() => writeTokenStatus(own, 0, 4, 1.5)).toThrow(RangeError);
    expect([...own]).toEqual([0, 0b1100_0000]);
  });
});
