/**
 * The issuer's status list (src/status/list.ts, src/status/list/):
 * - creation: defaults, the REC's empty list reproduced, every refused option named;
 * - allocation: 100 000 allocations on 131 072 entries all distinct; uniform (chi-square on the
 *   first allocations and on the last ones of a 99 %-full list, no correlation with the order of
 *   allocation); never reused, also after a toJSON/fromJSON round trip; a full list refuses; fast
 *   when nearly full;
 * - transitions for each kind of list, checked against independent decoders
 *   (@digitalbazaar/vc-bitstring-status-list, @sd-jwt/jwt-status-list, and a bit reader written
 *   here); revocation is final; never-allocated indexes refused;
 * - entries: the exact shapes, read back by readStatusEntries without issues;
 * - toJSON/fromJSON: round trip, fresh objects, nothing passed in changed or kept; every hostile or
 *   inconsistent input refused with a StatusListError naming the member (the hostile bank,
 *   targeted mutations, a property test).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error @digitalbazaar/vc-bitstring-status-list has no declaration file (test oracle only)
import * as digitalbazaar from '@digitalbazaar/vc-bitstring-status-list';
import { StatusList as SdJwtStatusList } from '@sd-jwt/jwt-status-list';
import { StatusListError } from '../src/status/errors.js';
import { readStatusEntries } from '../src/status/entry.js';
import { STATUS_LIST_MAX_ENTRIES, StatusList, type StatusListData } from '../src/status/list.js';
import { fingerprint, hostileCases } from './helpers/hostile.js';
import { b64u, fromB64u } from './helpers/status.js';

const db = digitalbazaar as { decodeList(o: { encodedList: string }): Promise<{ length: number; getStatus(index: number): boolean }> };
const ID = 'https://uni.example.eu/status/1';
const REC_EMPTY = 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA';
const MESSAGES = [
  { status: '0x0', message: 'pending' },
  { status: '0x1', message: 'accepted' },
  { status: '0x2', message: 'rejected' },
  { status: '0x3', message: 'withdrawn' },
];

/** MSB-first status at `index` read from the REC's words, as '0'/'1' characters. */
function msbStatus(bits: Uint8Array, index: number, size: number): number {
  let value = 0;
  for (let k = 0; k < size; k++) {
    const bit = index * size + k;
    value = (value << 1) | ((bits[bit >> 3]! >> (7 - (bit % 8))) & 1);
  }
  return value;
}
/** Chi-square statistic of `counts` against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}
function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  const n = xs.length;
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!, y = ys[i]!;
    sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
  }
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

describe('StatusList.create', () => {
  it('makes an empty W3C revocation list of 131 072 entries by default, encoded as the REC\'s empty list', () => {
    const list = StatusList.create({ id: ID, format: 'bitstring' });
    expect([list.id, list.format, list.purpose, list.statusSize, list.length, list.revision, list.allocatedCount]).toEqual([ID, 'bitstring', 'revocation', 1, 131072, 0, 0]);
    expect(list.encoded()).toBe(REC_EMPTY);
    expect(Date.now() - Date.parse(list.updated)).toBeLessThan(60_000);
  });

  it('makes a token list of 2 bits and 131 072 entries by default', () => {
    const list = StatusList.create({ id: ID, format: 'token' });
    expect([list.purpose, list.statusSize, list.length]).toEqual(['status', 2, 131072]);
    const { bits, lst } = list.encoded();
    expect(bits).toBe(2);
    expect(SdJwtStatusList.decompressStatusList(lst, 2).encodeStatusList()).toEqual(new Uint8Array(32768));
  });

  it('keeps its own copy of the options', () => {
    const statusMessages = structuredClone(MESSAGES);
    const options = { id: ID, format: 'bitstring' as const, purpose: 'message' as const, statusSize: 2 as const, statusMessages };
    const list = StatusList.create(options);
    statusMessages[0]!.message = 'changed';
    expect(list.statusMessages).toEqual(MESSAGES);
    list.statusMessages![1]!.message = 'changed too';
    expect(list.statusMessages).toEqual(MESSAGES);
  });

  const refused: [string, unknown, string][] = [
    ['no options', undefined, 'options'],
    ['a number', 42, 'options'],
    ['no id', { format: 'bitstring' }, '`id`'],
    ['an id that is not a URL', { id: 'status list 1', format: 'bitstring' }, '`id`'],
    ['an id with a fragment', { id: `${ID}#list`, format: 'bitstring' }, 'fragment'],
    ['an id of 3000 characters', { id: `https://x.example/${'a'.repeat(3000)}`, format: 'bitstring' }, '`id`'],
    ['an unknown format', { id: ID, format: 'StatusList2021' }, '`format`'],
    ['purpose refresh', { id: ID, format: 'bitstring', purpose: 'refresh' }, '`purpose`'],
    ['a token list with purpose revocation', { id: ID, format: 'token', purpose: 'revocation' }, '`purpose`'],
    ['statusSize 3', { id: ID, format: 'token', statusSize: 3 }, '`statusSize`'],
    ['a revocation list of 2 bits', { id: ID, format: 'bitstring', statusSize: 2 }, '`statusSize`'],
    ['131 064 entries (below the REC\'s minimum)', { id: ID, format: 'bitstring', length: 131064 }, '`length`'],
    ['a W3C length that is not a multiple of 8', { id: ID, format: 'bitstring', length: 131073 }, 'multiple of 8'],
    ['more than 2^24 entries', { id: ID, format: 'token', length: STATUS_LIST_MAX_ENTRIES + 1 }, '`length`'],
    ['a length of 0', { id: ID, format: 'token', length: 0 }, '`length`'],
    ['a fractional length', { id: ID, format: 'token', length: 10.5 }, '`length`'],
    ['a message list of 2 bits without messages', { id: ID, format: 'bitstring', purpose: 'message', statusSize: 2 }, '`statusMessages`'],
    ['3 messages for 2 bits', { id: ID, format: 'bitstring', purpose: 'message', statusSize: 2, statusMessages: MESSAGES.slice(0, 3) }, '`statusMessages`'],
    ['a value given twice', { id: ID, format: 'bitstring', purpose: 'message', statusSize: 2, statusMessages: [...MESSAGES.slice(0, 3), { status: '0x2', message: 'again' }] }, 'statusMessages/3/status'],
    ['a value out of range', { id: ID, format: 'bitstring', purpose: 'message', statusSize: 1, statusMessages: [MESSAGES[0], { status: '0x2', message: 'x' }] }, 'statusMessages/1/status'],
    ['an empty message', { id: ID, format: 'bitstring', purpose: 'message', statusSize: 1, statusMessages: [MESSAGES[0], { status: '0x1', message: '' }] }, 'statusMessages/1/message'],
    ['messages on a revocation list', { id: ID, format: 'bitstring', statusMessages: MESSAGES.slice(0, 2) }, '`statusMessages`'],
    ['a misspelt option', { id: ID, format: 'bitstring', size: 1 }, '`size`'],
  ];
  it.each(refused)('refuses %s with a TypeError naming it', (_name, options, named) => {
    expect(() => StatusList.create(options as never)).toThrow(TypeError);
    expect(() => StatusList.create(options as never)).toThrow(named);
  });

  it('refuses every case of the hostile bank with a TypeError, and changes none of them', () => {
    const base = { id: ID, format: 'token', length: 64 };
    for (const c of hostileCases(base, 'id')) {
      const input = c.make();
      const before = c.noFingerprint ? undefined : fingerprint(input);
      let outcome: unknown;
      try {
        outcome = StatusList.create(input as never);
      } catch (error) {
        outcome = error;
      }
      // Symbol keys are not data (JSON.stringify leaves them out): read as the plain document.
      if (c.acceptable || c.name.startsWith('symbol keys beside')) expect(outcome, c.name).toBeInstanceOf(StatusList);
      else expect(outcome, c.name).toBeInstanceOf(TypeError);
      if (before !== undefined) expect(fingerprint(input), c.name).toBe(before);
    }
  });
});

describe('allocation', () => {
  it('gives 100 000 distinct indexes of a 131 072-entry list, spread uniformly and in no order', () => {
    const list = StatusList.create({ id: ID, format: 'bitstring' });
    const order = new Uint32Array(100_000);
    for (let i = 0; i < order.length; i++) order[i] = list.allocate();
    expect(new Set(order).size).toBe(100_000);
    expect(Math.max(...order)).toBeLessThan(131072);
    expect(list.allocatedCount).toBe(100_000);
    expect(list.revision).toBe(100_000);
    expect(order.every((i) => list.isAllocated(i))).toBe(true);
    // The first 10 000 over 64 equal ranges: chi-square with 63 degrees of freedom (mean 63, sd 11.2); 140 is p < 1e-7.
    const buckets = new Array<number>(64).fill(0);
    for (const i of order.subarray(0, 10_000)) buckets[i >> 11]!++;
    expect(chiSquare(buckets)).toBeLessThan(140);
    // No trend with the order of allocation, and no link between consecutive indexes (sd 0.003 for 100 000).
    expect(Math.abs(pearson(Array.from(order.keys()), order))).toBeLessThan(0.02);
    expect(Math.abs(pearson(order.subarray(0, -1), order.subarray(1)))).toBeLessThan(0.02);
    // Not even in parity or low bits: the index modulo 8 over all allocations.
    const low = new Array<number>(8).fill(0);
    for (const i of order) low[i & 7]!++;
    expect(chiSquare(low)).toBeLessThan(40);
  });

  it('draws from the remaining free indexes uniformly when the list is 99 % full', () => {
    const list = StatusList.create({ id: ID, format: 'token', length: 131072 });
    const left = 1311;
    for (let i = 0; i < 131072 - left; i++) list.allocate();
    const reloaded = StatusList.fromJSON(list.toJSON());
    const free: number[] = [];
    for (let i = 0; i < 131072; i++) if (!reloaded.isAllocated(i)) free.push(i);
    expect(free).toHaveLength(left);
    const rank = new Map(free.map((index, r) => [index, r]));
    const buckets = new Array<number>(10).fill(0);
    const drawn: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const index = reloaded.allocate();
      expect(rank.has(index)).toBe(true);
      drawn.push(index);
      buckets[Math.floor((rank.get(index)! * 10) / left)]!++;
    }
    expect(new Set(drawn).size).toBe(1000);
    // 9 degrees of freedom: 40 is p < 1e-5 (sampling without replacement only narrows the spread).
    expect(chiSquare(buckets)).toBeLessThan(40);
    expect(Math.abs(pearson(Array.from(drawn.keys()), drawn))).toBeLessThan(0.15);
  });

  it('never gives an index twice, also after a toJSON/fromJSON round trip, and refuses when full', () => {
    const list = StatusList.create({ id: ID, format: 'token', length: 20_000, statusSize: 1 });
    const first = new Set<number>();
    for (let i = 0; i < 12_345; i++) first.add(list.allocate());
    const reloaded = StatusList.fromJSON(JSON.parse(JSON.stringify(list)));
    expect(reloaded.allocatedCount).toBe(12_345);
    const second = new Set<number>();
    for (let i = 0; i < 20_000 - 12_345; i++) {
      const index = reloaded.allocate();
      expect(first.has(index)).toBe(false);
      second.add(index);
    }
    expect(second.size).toBe(20_000 - 12_345);
    expect(() => reloaded.allocate()).toThrow(RangeError);
    expect(() => reloaded.allocate()).toThrow('full');
    expect(reloaded.revision).toBe(20_000);
  });

  it('fills a whole 131 072-entry list quickly (constant cost per allocation, also near full)', () => {
    const list = StatusList.create({ id: ID, format: 'bitstring' });
    const start = performance.now();
    for (let i = 0; i < 131072; i++) list.allocate();
    expect(performance.now() - start).toBeLessThan(3000);
    expect(list.allocatedCount).toBe(131072);
    expect(() => list.allocate()).toThrow(RangeError);
  });

  it('gives two lists different sequences (random, not seeded)', () => {
    const a = StatusList.create({ id: ID, format: 'bitstring' });
    const b = StatusList.create({ id: ID, format: 'bitstring' });
    const seq = (l: StatusList) => Array.from({ length: 8 }, () => l.allocate());
    expect(seq(a)).not.toEqual(seq(b));
  });
});

describe('status changes', () => {
  it('revocation lists: revoke is final and read back by digitalbazaar\'s decoder at the same index', async () => {
    const list = StatusList.create({ id: ID, format: 'bitstring' });
    const [a, b, c] = [list.allocate(), list.allocate(), list.allocate()];
    list.revoke(a);
    list.revoke(c);
    const revision = list.revision;
    list.revoke(a);
    expect(list.revision).toBe(revision); // no change, no new revision
    const decoded = await db.decodeList({ encodedList: list.encoded() });
    expect(decoded.length).toBe(131072);
    expect([decoded.getStatus(a), decoded.getStatus(b), decoded.getStatus(c)]).toEqual([true, false, true]);
    expect([list.get(a), list.get(b), list.get(c)]).toEqual([1, 0, 1]);
    expect(() => list.suspend(b)).toThrow(TypeError);
    expect(() => list.reinstate(a)).toThrow(TypeError);
    expect(() => list.set(a, 0)).toThrow(TypeError);
    expect(list.get(a)).toBe(1);
  });

  it('suspension lists: suspend and reinstate, not revoke', async () => {
    const list = StatusList.create({ id: ID, format: 'bitstring', purpose: 'suspension' });
    const i = list.allocate();
    list.suspend(i);
    expect((await db.decodeList({ encodedList: list.encoded() })).getStatus(i)).toBe(true);
    list.reinstate(i);
    expect((await db.decodeList({ encodedList: list.encoded() })).getStatus(i)).toBe(false);
    const revision = list.revision;
    list.reinstate(i);
    expect(list.revision).toBe(revision);
    expect(() => list.revoke(i)).toThrow(TypeError);
  });

  it('message lists: set values of statusSize bits, MSB-first', () => {
    const list = StatusList.create({ id: ID, format: 'bitstring', purpose: 'message', statusSize: 2, statusMessages: MESSAGES });
    expect(list.length).toBe(131072);
    const indexes = Array.from({ length: 4 }, () => list.allocate());
    indexes.forEach((index, value) => list.set(index, value));
    const bits = fromB64u(list.toJSON().bits);
    expect(indexes.map((index) => msbStatus(bits, index, 2))).toEqual([0, 1, 2, 3]);
    expect(indexes.map((index) => list.get(index))).toEqual([0, 1, 2, 3]);
    expect(() => list.set(indexes[0]!, 4)).toThrow(RangeError);
    expect(() => list.set(indexes[0]!, 1.5)).toThrow(RangeError);
    expect(() => list.revoke(indexes[0]!)).toThrow(TypeError);
    expect(() => list.suspend(indexes[0]!)).toThrow(TypeError);
  });

  it('token lists: VALID, INVALID, SUSPENDED as the draft numbers them, read back by @sd-jwt/jwt-status-list', () => {
    const list = StatusList.create({ id: ID, format: 'token', length: 1000 });
    const [valid, revoked, suspended, reinstated, custom] = Array.from({ length: 5 }, () => list.allocate());
    list.revoke(revoked!);
    list.suspend(suspended!);
    list.suspend(reinstated!);
    list.reinstate(reinstated!);
    list.set(custom!, 3);
    const { bits, lst } = list.encoded();
    const other = SdJwtStatusList.decompressStatusList(lst, bits);
    expect([valid, revoked, suspended, reinstated, custom].map((i) => other.getStatus(i!))).toEqual([0, 1, 2, 0, 3]);
    expect([valid, revoked, suspended, reinstated, custom].map((i) => list.get(i!))).toEqual([0, 1, 2, 0, 3]);
    // Revocation is final.
    for (const change of [() => list.suspend(revoked!), () => list.reinstate(revoked!), () => list.set(revoked!, 0), () => list.set(revoked!, 2)]) expect(change).toThrow(RangeError);
    list.set(revoked!, 1);
    list.revoke(suspended!);
    expect(list.get(suspended!)).toBe(1);
    // Reinstating an application value is not what reinstate means.
    expect(() => list.reinstate(custom!)).toThrow(RangeError);
  });

  it('token lists of 1 bit have no SUSPENDED', () => {
    const list = StatusList.create({ id: ID, format: 'token', statusSize: 1, length: 8 });
    const i = list.allocate();
    expect(() => list.suspend(i)).toThrow(TypeError);
    list.revoke(i);
    expect(list.encoded().bits).toBe(1);
  });

  it('refuses indexes never allocated, outside the list, or not integers', () => {
    const list = StatusList.create({ id: ID, format: 'token', length: 64 });
    const taken = list.allocate();
    const free = taken === 0 ? 1 : 0;
    for (const change of [() => list.revoke(free), () => list.suspend(free), () => list.reinstate(free), () => list.set(free, 0), () => list.entry(free)]) {
      expect(change).toThrow(RangeError);
      expect(change).toThrow('never allocated');
    }
    for (const index of [-1, 64, 2 ** 53]) expect(() => list.revoke(index)).toThrow(RangeError);
    for (const index of [1.5, NaN, '1', null]) expect(() => list.revoke(index as number)).toThrow(TypeError);
    expect(list.get(free)).toBe(0);
    expect(list.isAllocated(free)).toBe(false);
    expect(list.isAllocated(-1)).toBe(false);
    expect(list.revision).toBe(1);
  });
});

describe('entries', () => {
  it('W3C: a BitstringStatusListEntry that readStatusEntries reads without issues', () => {
    const list = StatusList.create({ id: ID, format: 'bitstring' });
    const i = list.allocate();
    const entry = list.entry(i);
    expect(entry).toEqual({ id: `${ID}#${i}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(i), statusListCredential: ID });
    const read = readStatusEntries(entry, '/credentialStatus');
    expect(read.issues).toEqual([]);
    expect(read.entries[0]).toMatchObject({ index: i, statusSize: 1, statusPurpose: 'revocation' });
  });

  it('W3C message lists: statusSize and statusMessage in the entry, a new copy each time', () => {
    const list = StatusList.create({ id: ID, format: 'bitstring', purpose: 'message', statusSize: 2, statusMessages: MESSAGES });
    const i = list.allocate();
    const entry = list.entry(i);
    expect(entry).toMatchObject({ statusPurpose: 'message', statusSize: 2, statusMessage: MESSAGES });
    expect(readStatusEntries(entry, '/credentialStatus').issues).toEqual([]);
    entry.statusMessage![0]!.message = 'changed';
    expect(list.entry(i).statusMessage).toEqual(MESSAGES);
  });

  it('token: the SD-JWT VC status claim', () => {
    const list = StatusList.create({ id: ID, format: 'token', length: 16 });
    const i = list.allocate();
    expect(list.entry(i)).toEqual({ status_list: { idx: i, uri: ID } });
  });
});

/** A small valid token list's data with index 3 revoked, and its W3C twin. */
function tokenData(): StatusListData {
  const list = StatusList.create({ id: ID, format: 'token', length: 13, statusSize: 2 });
  while (!list.isAllocated(3)) list.allocate();
  list.revoke(3);
  return list.toJSON();
}

describe('toJSON and fromJSON', () => {
  it('round trips every kind of list exactly', () => {
    const lists = [
      StatusList.create({ id: ID, format: 'bitstring' }),
      StatusList.create({ id: ID, format: 'bitstring', purpose: 'suspension', length: 131080 }),
      StatusList.create({ id: ID, format: 'bitstring', purpose: 'message', statusSize: 2, statusMessages: MESSAGES }),
      StatusList.create({ id: ID, format: 'token', statusSize: 8, length: 5 }),
    ];
    for (const list of lists) {
      for (let i = 0; i < 3; i++) list.allocate();
      const data = list.toJSON();
      const again = StatusList.fromJSON(data);
      expect(again.toJSON()).toEqual(data);
      expect(again.encoded()).toEqual(list.encoded());
      expect(JSON.parse(JSON.stringify(list))).toEqual(data);
    }
  });

  it('gives a new object each time and keeps nothing of what it is given', () => {
    const list = StatusList.create({ id: ID, format: 'token', length: 16 });
    const i = list.allocate();
    const a = list.toJSON();
    expect(list.toJSON()).not.toBe(a);
    a.bits = 'AAAAAA';
    (a as { revision: number }).revision = 99;
    expect(list.toJSON().revision).toBe(1);
    const data = list.toJSON();
    const frozen = structuredClone(data);
    const copy = StatusList.fromJSON(Object.freeze(frozen));
    copy.revoke(i);
    expect(frozen).toEqual(data);
    expect(list.get(i)).toBe(0);
  });

  it('refuses lists over 2^24 entries before decoding anything, and reads one of exactly 2^24', () => {
    const big = StatusList.create({ id: ID, format: 'token', statusSize: 1, length: STATUS_LIST_MAX_ENTRIES });
    big.revoke(big.allocate());
    expect(StatusList.fromJSON(big.toJSON()).allocatedCount).toBe(1);
    const start = performance.now();
    expect(() => StatusList.fromJSON({ ...tokenData(), length: 2 ** 40, bits: 'A'.repeat(30_000_000) })).toThrow(/`length`/);
    expect(() => StatusList.fromJSON({ ...tokenData(), length: 13, bits: 'A'.repeat(30_000_000) })).toThrow(/`bits`.*characters/);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  const mutations: [string, (d: StatusListData & Record<string, unknown>) => void, RegExp][] = [
    ['version 2', (d) => (d.version = 2 as 1), /`version`/],
    ['no version', (d) => delete (d as Partial<StatusListData>).version, /`version`/],
    ['an unknown member', (d) => (d.extra = true), /`extra`/],
    ['an id that is a number', (d) => (d.id = 42 as never), /`id`/],
    ['an id with a fragment', (d) => (d.id = `${ID}#x`), /`id`/],
    ['another format', (d) => (d.format = 'bits' as never), /`format`/],
    ['a W3C purpose on a token list', (d) => (d.purpose = 'revocation'), /`purpose`/],
    ['no purpose', (d) => delete (d as Partial<StatusListData>).purpose, /`purpose`/],
    ['statusSize "2"', (d) => (d.statusSize = '2' as never), /`statusSize`/],
    ['no statusSize', (d) => delete (d as Partial<StatusListData>).statusSize, /`statusSize`/],
    ['a longer length than the bytes', (d) => (d.length = 17), /`bits`/],
    ['a shorter length than the bytes', (d) => (d.length = 8), /`bits`/],
    ['a negative length', (d) => (d.length = -1), /`length`/],
    ['a fractional length', (d) => (d.length = 12.5), /`length`/],
    ['a length of 2^24 + 1', (d) => (d.length = 2 ** 24 + 1), /`length`/],
    ['a negative revision', (d) => (d.revision = -1), /`revision`/],
    ['a revision past 2^53', (d) => (d.revision = 2 ** 53), /`revision`/],
    ['a revision as text', (d) => (d.revision = '2' as never), /`revision`/],
    ['updated on 30 February', (d) => (d.updated = '2026-02-30T10:00:00Z'), /`updated`/],
    ['updated without a zone', (d) => (d.updated = '2026-01-15T10:00:00'), /`updated`/],
    ['bits that are not base64url', (d) => (d.bits = '*'.repeat(d.bits.length)), /`bits`/],
    ['bits spelt non-canonically', (d) => (d.bits = d.bits.slice(0, -1) + 'B'), /`bits`/],
    ['bits one character short', (d) => (d.bits = d.bits.slice(0, -1)), /`bits`/],
    ['bits as an array', (d) => (d.bits = [0, 0, 0, 0] as never), /`bits`/],
    ['a status past the end', (d) => { const b = fromB64u(d.bits); b[3]! |= 0x40; d.bits = b64u(b); }, /`bits`.*past the end/],
    ['allocated past the end', (d) => { const b = fromB64u(d.allocated); b[1]! |= 0x01; d.allocated = b64u(b); }, /`allocated`.*past the end/],
    ['allocated of the wrong length', (d) => (d.allocated = 'AAAAAA'), /`allocated`/],
    ['a status at an index never allocated', (d) => { const a = fromB64u(d.allocated); a[0]! &= ~0x10; d.allocated = b64u(a); }, /index 3.*never allocated/],
    ['messages on a token list', (d) => (d.statusMessages = MESSAGES), /`statusMessages`/],
  ];
  it.each(mutations)('refuses %s with a StatusListError naming the member', (_name, mutate, message) => {
    const data = tokenData() as StatusListData & Record<string, unknown>;
    expect(() => StatusList.fromJSON(data)).not.toThrow();
    mutate(data);
    expect(() => StatusList.fromJSON(data)).toThrow(StatusListError);
    expect(() => StatusList.fromJSON(data)).toThrow(message);
  });

  it('refuses W3C lists of the wrong shape', () => {
    const w3c = StatusList.create({ id: ID, format: 'bitstring', purpose: 'message', statusSize: 1 }).toJSON();
    expect(() => StatusList.fromJSON({ ...w3c, statusSize: 2 })).toThrow(/`statusMessages`/);
    expect(() => StatusList.fromJSON({ ...w3c, purpose: 'revocation', statusMessages: MESSAGES.slice(0, 2) })).toThrow(/`statusMessages`/);
    expect(() => StatusList.fromJSON({ ...w3c, purpose: 'status' })).toThrow(/`purpose`/);
    expect(() => StatusList.fromJSON({ ...w3c, statusMessages: [{ ...MESSAGES[0], extra: 1 }, MESSAGES[1]] })).toThrow(/statusMessages\/0/);
    const short = StatusList.create({ id: ID, format: 'token', length: 131064, statusSize: 1 }).toJSON();
    expect(() => StatusList.fromJSON({ ...short, format: 'bitstring', purpose: 'revocation' })).toThrow(/`length`/);
  });

  it('refuses every case of the hostile bank with a StatusListError, and changes none of them', () => {
    const base = tokenData() as unknown as Record<string, unknown>;
    for (const c of hostileCases(base, 'bits')) {
      const input = c.make();
      const before = c.noFingerprint ? undefined : fingerprint(input);
      let outcome: unknown;
      try {
        outcome = StatusList.fromJSON(input);
      } catch (error) {
        outcome = error;
      }
      // Symbol keys are not data (JSON.stringify leaves them out): read as the plain document.
      if (c.acceptable || c.name.startsWith('symbol keys beside')) expect(outcome, c.name).toBeInstanceOf(StatusList);
      else expect(outcome, c.name).toBeInstanceOf(StatusListError);
      if (before !== undefined) expect(fingerprint(input), c.name).toBe(before);
    }
  });

  it('never throws anything but a StatusListError, whatever a member holds (property)', () => {
    const base = tokenData();
    const members = [...Object.keys(base), 'other'];
    fc.assert(
      fc.property(fc.constantFrom(...members), fc.jsonValue(), (member, value) => {
        try {
          const list = StatusList.fromJSON({ ...base, [member]: value });
          // Accepted: then the value was a valid one, and the list is consistent.
          expect(list.toJSON()[member as keyof StatusListData]).toEqual(value);
        } catch (error) {
          expect(error).toBeInstanceOf(StatusListError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
