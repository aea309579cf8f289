/**
 * The W3C Bitstring Status List encoding (src/status/bitstring.ts, src/status/inflate.ts):
 * - the REC's examples: every `encodedList` decodes to 131,072 bits, none set, and the encoder
 *   reproduces the REC's text exactly;
 * - agreement with independent codecs on random lists: digitalbazaar's `createList`/`decodeList`
 *   (1 bit), node:zlib (GZIP either way) and a bit reader written here from the REC's words
 *   (left-most bit first), for status sizes 1, 2, 4 and 8;
 * - hostile input: not a string, huge, no `u`, bad base64url, the other container, truncated,
 *   trailing bytes, a second member, a bad CRC or length, a GZIP bomb of 1 GiB (stopped fast), bad
 *   indexes; the caller's arrays are never changed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gunzipSync, gzipSync, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error @digitalbazaar/vc-bitstring-status-list has no declaration file (test oracle only)
import * as digitalbazaar from '@digitalbazaar/vc-bitstring-status-list';
import { BITSTRING_MIN_ENTRIES, decodeBitstring, encodeBitstring, readBitstringStatus, writeBitstringStatus } from '../src/status/bitstring.js';
import { DEFAULT_MAX_STATUS_LIST_BYTES, inflateBounded } from '../src/status/inflate.js';
import { StatusListConflictError, StatusListError } from '../src/status/errors.js';
import { allTrapsThrow, revoked } from './helpers/hostile.js';
import { b64u, expectMalformed as malformed, fromB64u, zeroBomb } from './helpers/status.js';

interface DbList {
  length: number;
  getStatus(index: number): boolean;
  setStatus(index: number, status: boolean): void;
  encode(): Promise<string>;
}
const db = digitalbazaar as { createList(o: { length: number }): Promise<DbList>; decodeList(o: { encodedList: string }): Promise<DbList> };

const VECTORS = join(import.meta.dirname, 'vectors/w3c-bitstring-status-list');
const REC_EMPTY = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';
const RUNS = { numRuns: 40 };

/** The status at `index` read from the REC's words: the bitstring as '0'/'1' characters, left-most first. */
function independentStatus(bits: Uint8Array, index: number, size: number): number {
  const text = Array.from(bits, (b) => b.toString(2).padStart(8, '0')).join('');
  return Number.parseInt(text.slice(index * size, index * size + size), 2);
}

describe('the REC examples', () => {
  const files = readdirSync(VECTORS).filter((f) => f.endsWith('.json'));
  const lists = files
    .map((f) => [f, JSON.parse(readFileSync(join(VECTORS, f), 'utf8')) as { credentialSubject?: { encodedList?: unknown } }] as const)
    .filter(([, doc]) => doc.credentialSubject?.encodedList !== undefined);

  it('has the status list credentials of examples 3 and 5 (and the secured variants)', () => {
    expect(lists.map(([f]) => f).sort()).toEqual([
      'ex03-bitstring-status-list-credential.json',
      'ex05-status-list-credential.json',
      'ex05-status-list-credential.secured-ecdsa-rdfc-2019.json',
      'ex05-status-list-credential.secured-eddsa-rdfc-2022.json',
    ]);
  });

  it.each(lists)('%s: encodedList decodes to 131,072 bits, none set', (_, doc) => {
    const bits = decodeBitstring(doc.credentialSubject!.encodedList);
    expect(bits.length * 8).toBe(BITSTRING_MIN_ENTRIES);
    expect(bits.every((b) => b === 0)).toBe(true);
    expect(gunzipSync(fromB64u((doc.credentialSubject!.encodedList as string).slice(1)))).toEqual(Buffer.from(bits));
  });

  it('example 4\'s entry (index 94567) reads 0 in example 5\'s list', () => {
    const entry = (JSON.parse(readFileSync(join(VECTORS, 'ex04-revocable-credential.json'), 'utf8')) as { credentialStatus: { statusListIndex: string } }).credentialStatus;
    const list = JSON.parse(readFileSync(join(VECTORS, 'ex05-status-list-credential.json'), 'utf8')) as { credentialSubject: { encodedList: string } };
    expect(readBitstringStatus(decodeBitstring(list.credentialSubject.encodedList), Number(entry.statusListIndex), 1)).toBe(0);
  });

  it('the encoder reproduces the REC\'s empty list exactly (pako level 6, mtime 0, OS 3)', () => {
    expect(encodeBitstring(new Uint8Array(16384))).toBe(REC_EMPTY);
  });

  it('StatusList2021\'s spelling (no "u") is read only with legacy: true', () => {
    malformed(() => decodeBitstring(REC_EMPTY.slice(1)), /no Multibase "u" prefix .*legacy: true/);
    expect(decodeBitstring(REC_EMPTY.slice(1), { legacy: true })).toEqual(new Uint8Array(16384));
    expect(decodeBitstring(REC_EMPTY, { legacy: true })).toEqual(new Uint8Array(16384));
  });
});

describe('bit order (MSB-first, REC §7.1) and status sizes', () => {
  it('reads the left-most bit as index 0', () => {
    const bits = new Uint8Array([0b1000_0000, 0b0000_0001]);
    expect([0, 1, 7, 8, 15].map((i) => readBitstringStatus(bits, i, 1))).toEqual([1, 0, 0, 0, 1]);
  });

  it.each([1, 2, 4, 8] as const)('statusSize %i: write then read every value at random places, as the independent reader sees it', (size) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }), (length, writes) => {
        const bits = new Uint8Array(length);
        const count = (length * 8) / size;
        const expected = new Map<number, number>();
        for (const [i, v] of writes) {
          const index = i % count;
          const value = v % (1 << size);
          writeBitstringStatus(bits, index, size, value);
          expected.set(index, value);
        }
        for (let i = 0; i < count; i++) {
          expect(readBitstringStatus(bits, i, size)).toBe(expected.get(i) ?? 0);
          expect(independentStatus(bits, i, size)).toBe(expected.get(i) ?? 0);
        }
      }),
      RUNS,
    );
  });
});

describe('agreement with independent codecs', () => {
  const randomList = fc
    .tuple(fc.integer({ min: 1, max: 4096 }), fc.array(fc.nat(), { maxLength: 200 }))
    .map(([bytes, set]) => ({ length: bytes * 8, set: [...new Set(set.map((i) => i % (bytes * 8)))] }));

  it('our encodedList is read by digitalbazaar\'s decodeList, bit for bit', async () => {
    await fc.assert(
      fc.asyncProperty(randomList, async ({ length, set }) => {
        const bits = new Uint8Array(length / 8);
        for (const i of set) writeBitstringStatus(bits, i, 1, 1);
        const encoded = encodeBitstring(bits);
        const theirs = await db.decodeList({ encodedList: encoded });
        expect(theirs.length).toBe(length);
        const differ: number[] = [];
        for (let i = 0; i < length; i++) if ((theirs.getStatus(i) ? 1 : 0) !== readBitstringStatus(bits, i, 1)) differ.push(i);
        expect(differ).toEqual([]);
      }),
      RUNS,
    );
  });

  it('digitalbazaar\'s createList/encode is read by decodeBitstring, and is the same text as ours', async () => {
    await fc.assert(
      fc.asyncProperty(randomList, async ({ length, set }) => {
        const theirs = await db.createList({ length });
        for (const i of set) theirs.setStatus(i, true);
        const encoded = await theirs.encode();
        const bits = decodeBitstring(encoded);
        expect(bits.length * 8).toBe(length);
        const differ: number[] = [];
        for (let i = 0; i < length; i++) if ((theirs.getStatus(i) ? 1 : 0) !== readBitstringStatus(bits, i, 1)) differ.push(i);
        expect(differ).toEqual([]);
        expect(encodeBitstring(bits)).toBe(encoded);
      }),
      RUNS,
    );
  });

  it('node:zlib agrees both ways, at every level, for every status size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4096 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom(1, 2, 4, 8), (bits, level, size) => {
        const copy = bits.slice();
        const encoded = encodeBitstring(bits);
        expect(bits).toEqual(copy); // not changed
        expect(encoded.startsWith('uH4sI')).toBe(true);
        expect(new Uint8Array(gunzipSync(fromB64u(encoded.slice(1))))).toEqual(bits);
        const decoded = decodeBitstring('u' + b64u(gzipSync(bits, { level })));
        expect(decoded).toEqual(bits);
        for (let i = 0; i < (bits.length * 8) / size; i += 1 + (i >> 4)) expect(readBitstringStatus(decoded, i, size)).toBe(independentStatus(bits, i, size));
      }),
      RUNS,
    );
  });
});

describe('hostile encodedList', () => {
  const gz = gzipSync(Buffer.from([0x80, 0, 0, 1]));
  const ok = 'u' + b64u(gz);

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an object', { encodedList: ok }],
    ['an array', [ok]],
    ['a Uint8Array', new Uint8Array(gz)],
    ['a boxed string', new String(ok)],
    ['a bigint', 10n],
    ['a revoked proxy', revoked()],
    ['a proxy whose every trap throws', allTrapsThrow()],
  ])('refuses %s', (_, value) => {
    malformed(() => decodeBitstring(value), /^encodedList: not a string but /);
  });

  it('refuses a huge string before decoding it, quickly', () => {
    const huge = 'u' + 'A'.repeat(30 * 1024 * 1024);
    const start = performance.now();
    malformed(() => decodeBitstring(huge), /characters, more than a list of at most 16777216 bytes can need/);
    malformed(() => decodeBitstring('u' + 'A'.repeat(4000), { maxBytes: 1024 }), /more than a list of at most 1024 bytes/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  const odd = 'u' + b64u(gzipSync(Buffer.from([0x80, 0, 0, 1, 0]))); // 25 bytes: the last character carries 4 padding bits
  it.each([
    ['padding', ok + '=', /padding "=" at character/],
    ['"+" (base64)', 'u+' + ok.slice(2), /"\+" \(base64, not base64url\) at character 1/],
    ['"/" (base64)', ok.slice(0, 5) + '/' + ok.slice(6), /"\/" \(base64, not base64url\) at character 5/],
    ['a space', ok.slice(0, 9) + ' ' + ok.slice(9), /" " at character 9/],
    ['a line break', ok.slice(0, 9) + '\n' + ok.slice(10), /"\\n" at character 9/],
    ['a non-ASCII letter', ok.slice(0, 3) + 'é' + ok.slice(4), /"é" at character 3/],
    ['a length no encoding has', ok + 'A', /a length no encoding has/],
    ['non-zero padding bits', odd.slice(0, -1) + String.fromCharCode(odd.charCodeAt(odd.length - 1) + 1), /not the canonical spelling/],
    ['no "u" prefix', ok.slice(1), /no Multibase "u" prefix \(base64url\) at character 0/],
    ['a "z" (base58) prefix', 'z' + ok.slice(1), /no Multibase "u" prefix/],
    ['an empty string', '', /no Multibase "u" prefix/],
    ['only "u"', 'u', /0 bytes cannot hold a GZIP/],
  ])('refuses %s', (_, text, message) => {
    malformed(() => decodeBitstring(text), message);
  });

  it('refuses ZLIB where GZIP is required, and other data', () => {
    malformed(() => decodeBitstring('u' + b64u(deflateSync(Buffer.alloc(16384)))), /^encodedList: ZLIB data where GZIP is required \(starts 78 9c/);
    malformed(() => decodeBitstring('u' + b64u(deflateRawSync(Buffer.alloc(16384)))), /not GZIP data/);
    malformed(() => decodeBitstring('u' + b64u(Buffer.from('{"bits":"none"}'))), /not GZIP data \(starts 7b 22/);
  });

  it('refuses truncated data, at every length', () => {
    const full = gzipSync(Buffer.alloc(16384));
    for (let n = 2; n < full.length; n++) malformed(() => decodeBitstring('u' + b64u(full.subarray(0, n))), /truncated GZIP|corrupt GZIP/);
  });

  it('refuses bytes after the GZIP member: zeros, garbage, a second member', () => {
    const full = gzipSync(Buffer.alloc(16384));
    malformed(() => decodeBitstring('u' + b64u(Buffer.concat([full, Buffer.from([0])]))), /1 more bytes follow the end/);
    malformed(() => decodeBitstring('u' + b64u(Buffer.concat([full, Buffer.from([0, 0, 0, 0])]))), /4 more bytes follow the end/);
    malformed(() => decodeBitstring('u' + b64u(Buffer.concat([full, Buffer.from('garbage')]))), /corrupt GZIP|more bytes follow/);
    malformed(() => decodeBitstring('u' + b64u(Buffer.concat([full, gzipSync(Buffer.from([0xff]))]))), /more bytes follow the end of the GZIP \(RFC 1952\) data \(or a second member\)/);
  });

  it('refuses a wrong CRC-32, a wrong length and corrupt DEFLATE data', () => {
    const full = gzipSync(Buffer.from([0x80, 0, 0, 1]));
    const at = (i: number) => {
      const copy = Buffer.from(full);
      copy[i]! ^= 0x01;
      return 'u' + b64u(copy);
    };
    malformed(() => decodeBitstring(at(full.length - 8)), /incorrect data check/);
    malformed(() => decodeBitstring(at(full.length - 4)), /incorrect length check/);
    malformed(() => decodeBitstring('u' + b64u(Buffer.concat([full.subarray(0, 10), Buffer.from([0xff, 0xff, 0xff]), full.subarray(13)]))), /corrupt GZIP \(RFC 1952\) data near compressed byte \d+/);
  });

  it('stops a GZIP bomb of 1 GiB of zeros at the limit, in well under a second', () => {
    const small = zeroBomb('gzip', 3);
    expect(gunzipSync(small).equals(Buffer.alloc(3 << 20))).toBe(true); // the construction is valid GZIP
    const bomb = zeroBomb('gzip', 1024);
    expect(bomb.length).toBeLessThan(1.1e6);
    const text = 'u' + b64u(bomb);
    let start = performance.now();
    malformed(() => decodeBitstring(text), /^encodedList: decompresses to more than 16777216 bytes \(the limit; stopped there\)/);
    const took = performance.now() - start;
    expect(took).toBeLessThan(1000);
    start = performance.now();
    malformed(() => decodeBitstring(text, { maxBytes: 1 << 20 }), /more than (a list of at most )?1048576 bytes/);
    expect(performance.now() - start).toBeLessThan(took + 200);
    // and the default limit is a real one: 3 MiB fits, 16 MiB + 1 byte does not
    expect(decodeBitstring('u' + b64u(small)).length).toBe(3 << 20);
    expect(DEFAULT_MAX_STATUS_LIST_BYTES).toBe(16 * 1024 * 1024);
  });

  it('accepts exactly maxBytes and refuses one byte more', () => {
    const text = 'u' + b64u(gzipSync(Buffer.alloc(1000)));
    expect(decodeBitstring(text, { maxBytes: 1000 }).length).toBe(1000);
    malformed(() => decodeBitstring(text, { maxBytes: 999 }), /more than 999 bytes/);
  });

  it('throws TypeError for misuse: options not an object, maxBytes not a positive integer', () => {
    expect(() => decodeBitstring(REC_EMPTY, 5 as never)).toThrow(TypeError);
    expect(() => decodeBitstring(REC_EMPTY, { maxBytes: 0 })).toThrow(TypeError);
    expect(() => decodeBitstring(REC_EMPTY, { maxBytes: 1.5 })).toThrow(TypeError);
    expect(() => inflateBounded(new Uint8Array(gz), 'deflate' as never)).toThrow(TypeError);
    expect(() => encodeBitstring([1, 2] as never)).toThrow(TypeError);
  });
});

describe('indexes', () => {
  const bits = new Uint8Array([0xff, 0xff]);

  it.each([
    ['negative', -1],
    ['past the end', 16],
    ['fractional', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['2^53', 2 ** 53],
    ['a string', '1' as never],
  ])('readBitstringStatus gives undefined for an index %s, never throws', (_, index) => {
    expect(readBitstringStatus(bits, index, 1)).toBeUndefined();
  });

  it('gives undefined when a multi-bit status would run past the end, and for an index whose bit position overflows', () => {
    expect(readBitstringStatus(bits, 1, 8)).toBe(0xff);
    expect(readBitstringStatus(bits, 2, 8)).toBeUndefined();
    expect(readBitstringStatus(bits, 2 ** 51, 8)).toBeUndefined();
  });

  it('refuses status sizes other than 1, 2, 4, 8 and arrays that are not Uint8Array as misuse (TypeError)', () => {
    for (const size of [0, 3, 5, 16, -1, 1.5, Number.NaN]) expect(() => readBitstringStatus(bits, 0, size)).toThrow(TypeError);
    expect(() => readBitstringStatus([255] as never, 0, 1)).toThrow(TypeError);
  });

  it('is exported from eu-micro-credentials/status as readBitstringStatus, beside readTokenStatus (the name readStatus is gone), and its messages name it', async () => {
    const status: Record<string, unknown> = await import('../src/status.js');
    expect(status.readBitstringStatus).toBe(readBitstringStatus);
    expect(typeof status.readTokenStatus).toBe('function');
    expect(Object.keys(status)).not.toContain('readStatus');
    expect(() => readBitstringStatus([255] as never, 0, 1)).toThrow(/^readBitstringStatus: bits must be a Uint8Array$/);
    expect(() => readBitstringStatus(bits, 0, 3)).toThrow(/^readBitstringStatus: /);
  });

  it('writeBitstringStatus changes only its status, and refuses what does not fit (RangeError)', () => {
    const own = new Uint8Array(2);
    writeBitstringStatus(own, 5, 2, 3);
    expect([...own]).toEqual([0, 0b0011_0000]); // bits 10–11
    writeBitstringStatus(own, 5, 2, 1);
    expect([...own]).toEqual([0, 0b0001_0000]);
    expect(() => writeBitstringStatus(own, 8, 2, 1)).toThrow(RangeError);
    expect(() => writeBitstringStatus(own, -1, 1, 1)).toThrow(RangeError);
    expect(() => writeBitstringStatus(own, 0, 2, 4)).toThrow(RangeError);
    expect(() => writeBitstringStatus(own, 0, 1, -1)).toThrow(RangeError);
    expect(() => writeBitstringStatus(own, 0, 3, 1)).toThrow(TypeError);
    expect([...own]).toEqual([0, 0b0001_0000]);
  });
});

describe('errors', () => {
  it('StatusListError is an Error with a stable code and name, recognised across copies of the library', () => {
    const e = new StatusListError('encodedList: x.');
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code]).toEqual(['StatusListError', 'STATUS_LIST_MALFORMED']);
    // An error made by another copy of the class (another entry point's bundle) carries the same brand.
    const other = Object.defineProperty(new Error('x'), Symbol.for('eu-micro-credentials.v0.status-error'), { value: 'StatusListError' });
    expect(other instanceof StatusListError).toBe(true);
    expect(other instanceof StatusListConflictError).toBe(false);
    expect(new Error('x') instanceof StatusListError).toBe(false);
  });

  it('StatusListConflictError says which list and revisions', () => {
    const e = new StatusListConflictError('https://uni.example.eu/status/1', 3, 4);
    expect([e.code, e.id, e.expected, e.actual]).toEqual(['STATUS_LIST_CONFLICT', 'https://uni.example.eu/status/1', 3, 4]);
    expect(e.message).toMatch(/expected revision 3, found revision 4/);
    expect(e instanceof StatusListError).toBe(false);
    expect(new StatusListConflictError('x', undefined, 0).message).toMatch(/expected no list, found revision 0/);
  });
});
