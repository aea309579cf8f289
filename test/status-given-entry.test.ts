// The status entry a caller gives toElm() and toOpenBadge() (their `credentialStatus` option) is read
// once, by readGivenStatusEntry (src/status/entry.ts): both writers refuse the same entries with the
// same words after their own prefix, make the same id when the entry has none, and keep nothing of
// the caller's; only what the format says differs (how many entries it holds, its types, who needs the id).
import { describe, expect, it } from 'vitest';
import { toElm } from '../src/elm/export/to-elm.js';
import type { MicroCredential } from '../src/index.js';
import { toOpenBadge } from '../src/ob3/to-open-badge.js';
import { readGivenStatusEntry, type GivenStatusWhere } from '../src/status/entry.js';
import { validFixtures } from './helpers/fixtures.js';

const LIST = 'https://uni.example.eu/status/1';
const entry = (i: number, extra: Record<string, unknown> = {}) => ({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(i), statusListCredential: LIST, ...extra });
const mc = validFixtures.find((f) => f.name === 'higher-education')!.doc as MicroCredential;
const IDS = { id: 'urn:uuid:0d6f1c2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5', achievementId: 'https://uni.example.eu/courses/1' };
const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error('nothing thrown');
};
const elmMessage = (value: unknown) => thrown(() => toElm(mc, { credentialStatus: value as never }));
const badgeMessage = (value: unknown) => thrown(() => toOpenBadge(mc, { ...IDS, credentialStatus: value as never }));

describe('toElm and toOpenBadge read a given entry alike', () => {
  const shared: [string, unknown][] = [
    ['an index with a leading zero', entry(1, { statusListIndex: '01' })],
    ['a member no context defines', entry(1, { revoked: false })],
    ['a StatusList2021Entry', entry(1, { type: 'StatusList2021Entry' })],
    ['a status message with an extra member', entry(1, { statusMessage: [{ status: '0x0', message: 'a', lang: 'en' }, { status: '0x1', message: 'b' }] })],
    ['no id and a list URL with a fragment', entry(1, { statusListCredential: `${LIST}#part` })],
    ['an empty array', []],
    ['null', null],
    ['members that throw when read', new Proxy(entry(1), { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } })],
  ];
  it.each(shared)('%s: the same words after each writer\'s prefix', (_, bad) => {
    const elm = elmMessage(bad);
    const badge = badgeMessage(bad);
    expect(elm.startsWith('toElm(): options.credentialStatus ')).toBe(true);
    expect(badge.startsWith('toOpenBadge(): options.credentialStatus ')).toBe(true);
    const rest = (m: string) => m.slice(m.indexOf('credentialStatus ') + 17).replace(/the EDC shapes need one|the OB 3\.0 schema needs one/, '…');
    expect(rest(elm)).toBe(rest(badge));
  });

  it('each says what its own format holds', () => {
    expect(elmMessage([entry(1), entry(2)])).toMatch(/2 entries; an ELM credential carries at most one .* for credentials that can be withdrawn/);
    expect(badgeMessage([entry(1), entry(2)])).toMatch(/2 entries; 1EdTech's OB 3\.0 schema takes one credentialStatus object\. .* for badges that can be withdrawn/);
    const typed = entry(1, { type: ['BitstringStatusListEntry', 'MyStatus'] });
    expect(elmMessage(typed)).toMatch(/\/type: "MyStatus" is not a type of an ELM status entry \(only "CredentialStatus" and "BitstringStatusListEntry"\)\.$/);
    expect(badgeMessage(typed)).toMatch(/\/type: "MyStatus" is not a type of a status entry \(only "BitstringStatusListEntry"\)\.$/);
  });
});

describe('readGivenStatusEntry', () => {
  const where: GivenStatusWhere = { option: 'write(): options.status', oneOnly: 'a record holds one', holders: 'records', types: 'a record entry (only "BitstringStatusListEntry")', idNeeded: 'records need one' };

  it('gives the entry as read, its id (its own, else list#index) and whether statusSize was written', () => {
    expect(readGivenStatusEntry([entry(7)], where)).toMatchObject({ id: `${LIST}#7`, index: 7, statusSize: 1, sized: false });
    expect(readGivenStatusEntry(entry(7, { id: 'urn:x:1', statusSize: 1 }), where)).toMatchObject({ id: 'urn:x:1', sized: true });
    expect(readGivenStatusEntry(entry(7, { type: ['CredentialStatus', 'BitstringStatusListEntry'] }), where).id).toBe(`${LIST}#7`);
  });

  it('words its refusals with the caller\'s names', () => {
    expect(() => readGivenStatusEntry([entry(1), entry(2)], where)).toThrow(/^write\(\): options\.status holds 2 entries; a record holds one\. .* for records that can be withdrawn/);
    expect(() => readGivenStatusEntry(entry(1, { type: ['BitstringStatusListEntry', 'X'] }), where)).toThrow(/^write\(\): options\.status \/type: "X" is not a type of a record entry/);
    expect(() => readGivenStatusEntry(entry(1, { statusListCredential: `${LIST}#a` }), where)).toThrow(/\(records need one\)\.$/);
  });

  it('keeps nothing of the caller\'s entry and changes none of it', () => {
    const messages = Object.freeze([0, 1, 2, 3].map((v) => Object.freeze({ status: `0x${v}`, message: `m${v}` })));
    const given = Object.freeze(entry(3, { statusSize: 2, statusMessage: messages }));
    const before = JSON.stringify(given);
    const read = readGivenStatusEntry(given, where);
    expect(read.statusMessage).not.toBe(messages);
    expect(read.statusMessage![0]).not.toBe(messages[0]);
    expect(JSON.stringify(given)).toBe(before);
  });
});
