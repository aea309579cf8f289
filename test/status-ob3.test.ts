// Open Badges 3.0 credentials with a W3C Bitstring Status List entry: toOpenBadge writes one
// `credentialStatus` object typed BitstringStatusListEntry (VC 2.0 defines it: no context added)
// that 1EdTech's AchievementCredential JSON Schema and validateOpenBadge accept; the badge signs with
// each suite and verifyCredential reads its status; fromOpenBadge returns the entry beside the model
// instead of reporting it dropped; malformed entries are refused naming the member.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { fromOpenBadge } from '../src/ob3/from-open-badge.js';
import { exportToOpenBadge, toOpenBadge, type CredentialStatusEntry } from '../src/ob3/to-open-badge.js';
import { validateOpenBadge } from '../src/ob3/validate.js';
import { encodeBitstring } from '../src/status/bitstring.js';
import { readStatusEntries } from '../src/status/entry.js';
import { StatusList } from '../src/status/list.js';
import { createStatusListCredential } from '../src/vc/status/list-credential.js';
import { generateIssuerKey, SUITES, signCredential, verifyCredential } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';

const LIST = 'https://uni.example.eu/status/2';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
type Doc = Record<string, any>;

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'scripts/data/ob3-schema/ob_v3p0_achievementcredential_schema.json'), 'utf8'));
const ajv = new (Ajv2019 as unknown as typeof Ajv2019.default)({ strict: false, allErrors: true });
(addFormats as unknown as typeof addFormats.default)(ajv);
const schemaErrors = (() => {
  const validate = ajv.compile(schema);
  return (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
})();

/** An entry as StatusList.entry(i) writes it for a bitstring suspension list. */
const entry = (i: number, extra: Record<string, unknown> = {}): CredentialStatusEntry => ({
  id: `${LIST}#${i}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'suspension',
  statusListIndex: String(i),
  statusListCredential: LIST,
  ...extra,
});

const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(22) });
const fixture = (name: string): MicroCredential => {
  const mc = validFixtures.find((f) => f.name === name)!.doc as MicroCredential;
  return { ...mc, issuer: { ...mc.issuer, id: key.controller } };
};
const IDS = { id: 'urn:uuid:0d6f1c2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5', achievementId: 'https://uni.example.eu/courses/1' };
const NAMES = ['higher-education', 'minimal-mandatory-only', 'every-optional-element', 'multilingual', 'joint-award-two-countries', 'vet-eqavet'];

describe('toOpenBadge with a status entry', () => {
  it.each(NAMES)('%s: one credentialStatus object, VC 2.0 terms, no new context; the 1EdTech schema and validateOpenBadge pass', async (name) => {
    const mc = fixture(name);
    const badge = toOpenBadge(mc, { ...IDS, credentialStatus: entry(4711) }) as Doc;
    const { credentialStatus, ...rest } = badge;
    expect(credentialStatus).toEqual(entry(4711));
    expect(badge['@context'][0]).toBe(VC_V2);
    expect(badge['@context']).toEqual(toOpenBadge(mc, IDS)['@context']);
    expect(readStatusEntries(credentialStatus, '/credentialStatus').issues).toEqual([]);
    expect(schemaErrors(badge)).toEqual([]);
    const [withStatus, without] = await Promise.all([validateOpenBadge(badge, { profile: 'micro-credential' }), validateOpenBadge(rest, { profile: 'micro-credential' })]);
    expect(withStatus.issues).toEqual(without.issues);
    expect(withStatus.ok).toBe(true);
  });

  it('an array of one is that entry; an entry read from ELM loses the ELM class; one without id gets the list URL and index; exportToOpenBadge writes the same', () => {
    const mc = fixture('higher-education');
    const one = toOpenBadge(mc, { ...IDS, credentialStatus: entry(3) }) as Doc;
    expect((toOpenBadge(mc, { ...IDS, credentialStatus: [entry(3)] }) as Doc).credentialStatus).toEqual(one.credentialStatus);
    expect((toOpenBadge(mc, { ...IDS, credentialStatus: entry(3, { type: ['CredentialStatus', 'BitstringStatusListEntry'] }) }) as Doc).credentialStatus).toEqual(one.credentialStatus);
    const { id: _, ...noId } = entry(3);
    expect((toOpenBadge(mc, { ...IDS, credentialStatus: noId }) as Doc).credentialStatus).toEqual(one.credentialStatus);
    const exported = exportToOpenBadge(mc, { ...IDS, credentialStatus: entry(3) });
    expect(exported.ok && (exported.value as Doc).credentialStatus).toEqual(one.credentialStatus);
  });

  it('a message entry keeps its size, its messages and one reference as a string, and signs', async () => {
    const messages = [0, 1, 2, 3].map((v) => ({ status: `0x${v}`, message: ['pending', 'accepted', 'rejected', 'withdrawn'][v]! }));
    const badge = toOpenBadge(fixture('higher-education'), { ...IDS, credentialStatus: entry(3, { statusPurpose: 'message', statusSize: 2, statusMessage: messages, statusReference: ['https://uni.example.eu/codes'] }) }) as Doc;
    expect(badge.credentialStatus).toEqual(entry(3, { statusPurpose: 'message', statusSize: 2, statusMessage: messages, statusReference: 'https://uni.example.eu/codes' }));
    expect(schemaErrors(badge)).toEqual([]);
    const signed = await signCredential(badge, { key, created: '2025-06-30T12:00:00Z' });
    const verified = await verifyCredential(signed, { acceptUncheckedStatus: true, now: '2025-07-01T00:00:00Z' });
    expect(verified.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('does not change or keep the caller\'s entry', () => {
    const given = Object.freeze(entry(9));
    const badge = toOpenBadge(fixture('higher-education'), { ...IDS, credentialStatus: given }) as Doc;
    badge.credentialStatus.statusListIndex = '10';
    expect(given.statusListIndex).toBe('9');
  });
});

describe('toOpenBadge refuses an entry it cannot write, naming the member', () => {
  const mc = fixture('higher-education');
  const cases: [string, unknown, RegExp][] = [
    ['an index in another spelling', entry(1, { statusListIndex: '1e3' }), /statusListIndex/],
    ['a negative index', entry(1, { statusListIndex: '-1' }), /statusListIndex/],
    ['a list that is not a URL', entry(1, { statusListCredential: 'status list 2' }), /statusListCredential/],
    ['no purpose', (({ statusPurpose: _, ...e }) => e)(entry(1)), /statusPurpose/],
    ['1EdTech\'s revocation list type', entry(1, { type: '1EdTechRevocationList' }), /\/type.*1EdTechRevocationList.*not checked/],
    ['a member no context defines', entry(1, { reason: 'fraud' }), /`reason`.*not a member/],
    ['a type beside the entry\'s', entry(1, { type: ['BitstringStatusListEntry', 'Extra'] }), /\/type.*"Extra"/],
    ['two entries (the schema takes one object)', [entry(1), entry(2, { statusPurpose: 'revocation' })], /2 entries.*one credentialStatus object/],
    ['a status message with an extra member', entry(1, { statusSize: 1, statusMessage: [{ status: '0x0', message: 'a', lang: 'en' }, { status: '0x1', message: 'b' }] }), /statusMessage\/0.*`lang`/],
    ['a number', 7, /must be an object/],
  ];
  it.each(cases)('%s', (_, bad, message) => {
    expect(() => toOpenBadge(mc, { credentialStatus: bad as CredentialStatusEntry })).toThrow(TypeError);
    expect(() => toOpenBadge(mc, { credentialStatus: bad as CredentialStatusEntry })).toThrow(message);
    expect(() => exportToOpenBadge(mc, { credentialStatus: bad as CredentialStatusEntry })).toThrow(message);
  });
});

describe('signed with each suite, checked by verifyCredential', () => {
  /** A VC 2.0 suspension list of 131 072 entries signed by the badge's issuer, with `set` indexes suspended (MSB first). */
  async function statusList(...set: number[]) {
    const bits = new Uint8Array(131_072 / 8);
    for (const i of set) bits[i >> 3]! |= 0x80 >> (i & 7);
    const unsigned = {
      '@context': [VC_V2],
      id: LIST,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: key.controller,
      validFrom: '2025-06-01T00:00:00Z',
      credentialSubject: { id: `${LIST}#list`, type: 'BitstringStatusList', statusPurpose: 'suspension', encodedList: encodeBitstring(bits) },
    };
    return signCredential(unsigned, { key, created: '2025-06-01T00:00:00Z' });
  }
  const now = '2025-07-01T00:00:00Z';

  it.each(SUITES.map((s) => [s]))('%s: the signature covers the entry; valid, then suspended when its bit is set', async (suite) => {
    const badge = toOpenBadge(fixture('higher-education'), { ...IDS, credentialStatus: entry(1234) });
    const signed = await signCredential(badge, { key, suite, created: '2025-06-30T12:00:00Z' });
    const unchecked = await verifyCredential(signed, { acceptUncheckedStatus: true, now });
    expect(Object.fromEntries(unchecked.checks.map((c) => [c.check, c.ok]))).toMatchObject({ format: true, signature: true, issuer: true, validity: true });
    const valid = await verifyCredential(signed, { statusLists: [await statusList(1233, 1235)], now });
    expect(valid.issues).toEqual([]);
    expect(valid.verified).toBe(true);
    const suspended = await verifyCredential(signed, { statusLists: [await statusList(1234)], now });
    expect(suspended.issues.map((i) => [i.code, i.path])).toEqual([['STATUS_SUSPENDED', '/credentialStatus']]);
    // Another index after signing: the signature no longer holds.
    const moved = structuredClone(signed) as Doc;
    moved.credentialStatus.statusListIndex = '1235';
    expect((await verifyCredential(moved, { acceptUncheckedStatus: true, now })).checks.find((c) => c.check === 'signature')?.ok).toBe(false);
    // The signed badge reads back with its entry.
    expect(fromOpenBadge(signed).credentialStatus).toEqual(entry(1234));
  });
});

describe('an issuer\'s workflow with the library\'s own parts', () => {
  it('StatusList.entry() into toOpenBadge, the list published as a VC 2.0 list credential: valid, suspended, reinstated', async () => {
    const list = StatusList.create({ id: 'https://uni.example.eu/status/ob3', format: 'bitstring', purpose: 'suspension' });
    const index = list.allocate();
    const badge = toOpenBadge(fixture('every-optional-element'), { ...IDS, credentialStatus: list.entry(index) }) as Doc;
    expect(badge.credentialStatus).toEqual(list.entry(index));
    expect(schemaErrors(badge)).toEqual([]);
    const signed = await signCredential(badge, { key, suite: 'eddsa-rdfc-2022', created: '2025-06-30T12:00:00Z' });
    const now = '2025-07-01T00:00:00Z';
    const check = async () => {
      const published = await signCredential(createStatusListCredential(list, { issuer: key.controller, validFrom: '2025-06-01T00:00:00Z' }), { key, created: '2025-06-01T00:00:00Z' });
      return (await verifyCredential(signed, { statusLists: [published], now })).issues.map((i) => i.code);
    };
    expect(await check()).toEqual([]);
    list.suspend(index);
    expect(await check()).toEqual(['STATUS_SUSPENDED']);
    list.reinstate(index);
    expect(await check()).toEqual([]);
  });
});

describe('fromOpenBadge returns the entry beside the model', () => {
  it.each(validFixtures.map((f) => f.name))('%s: the model as without status, the entry as written, no issue about it; toOpenBadge with it gives the badge again', (name) => {
    const mc = fixture(name);
    const badge = toOpenBadge(mc, { ...IDS, credentialStatus: entry(77) }) as Doc;
    const { credentialStatus: _, ...plain } = badge;
    const back = fromOpenBadge(badge);
    const without = fromOpenBadge(plain);
    expect(back.issues).toEqual(without.issues);
    expect(back.issues.filter((i) => i.in === 'ob3')).toEqual([]);
    expect(back.value).toEqual(without.value);
    expect(back.ok).toBe(true);
    expect(back.credentialStatus).toEqual(entry(77));
    const again = toOpenBadge(back.value as MicroCredential, { ...IDS, credentialStatus: back.credentialStatus! });
    // Only the grade result's generated urn:uuid differs between two exports.
    const uuids = (doc: unknown) => JSON.stringify(doc).replace(/urn:uuid:[0-9a-f-]{36}/g, 'urn:uuid:…');
    expect(uuids(again)).toBe(uuids(badge));
  });

  it('another issuer\'s status of another kind is a STATUS_ENTRY_MALFORMED warning at its member, not OB3_VALUE_DROPPED, and is not returned', () => {
    const badge = toOpenBadge(fixture('higher-education'), IDS) as Doc;
    const revocationList = { ...badge, credentialStatus: { id: 'https://uni.example.eu/revocations', type: '1EdTechRevocationList' } };
    const back = fromOpenBadge(revocationList);
    expect(back.ok).toBe(true);
    expect(back.credentialStatus).toBeUndefined();
    expect(back.issues.map((i) => [i.code, i.severity, i.path, i.in])).toEqual([['STATUS_ENTRY_MALFORMED', 'warning', '/credentialStatus/type', 'ob3']]);
    expect(back.issues[0]!.message).toContain('1EdTechRevocationList');
    // Two entries of other issuers (VC 2.0 allows an array): both returned as written.
    const two = [entry(1), entry(2, { statusPurpose: 'revocation', statusListCredential: 'https://uni.example.eu/status/3', id: 'https://uni.example.eu/status/3#2' })];
    expect(fromOpenBadge({ ...badge, credentialStatus: two }).credentialStatus).toEqual(two);
  });

  it('a badge without status returns none', () => {
    expect('credentialStatus' in fromOpenBadge(toOpenBadge(fixture('higher-education'), IDS))).toBe(false);
  });
});
