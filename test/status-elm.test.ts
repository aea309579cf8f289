// ELM credentials with a W3C Bitstring Status List entry: toElm/exportToElm write one entry typed
// ["CredentialStatus", "BitstringStatusListEntry"] with the status/v1 context after the EDC pair; the
// real EDC SHACL shapes accept it (and refuse each other form tried), the credential signs and its
// signature verifies with the library's suites, fromElm returns the entry beside the model, the EBSI
// profile names what EBSI's schema refuses, and malformed entries are refused naming the member.
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { fromElm } from '../src/elm/import/from-elm.js';
import { normalizeForElm } from '../src/elm/export/normalize.js';
import { exportToElm, toElm, type CredentialStatusEntry } from '../src/elm/export/to-elm.js';
import type { MicroCredential } from '../src/index.js';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { encodeBitstring } from '../src/status/bitstring.js';
import { readStatusEntries } from '../src/status/entry.js';
import { StatusList } from '../src/status/list.js';
import { createStatusListCredential } from '../src/vc/status/list-credential.js';
import { generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { validateElm } from '../src/validate-elm.js';
import { validFixtures } from './helpers/fixtures.js';

const LIST = 'https://uni.example.eu/status/1';
const STATUS_V1 = 'https://www.w3.org/ns/credentials/status/v1';
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const ELM = 'http://data.europa.eu/snb/model/context/edc-ap';
type Doc = Record<string, any>;

/** An entry as StatusList.entry(i) writes it for a bitstring revocation list. */
const entry = (i: number, extra: Record<string, unknown> = {}): CredentialStatusEntry => ({
  id: `${LIST}#${i}`,
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: String(i),
  statusListCredential: LIST,
  ...extra,
});

const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(21) });
/** The EDC shapes need the issuer's eIDAS identifier; signing needs the key's controller as issuer. */
const prepared = (mc: MicroCredential): MicroCredential => ({
  ...mc,
  id: mc.id ?? 'urn:uuid:3b0f5a1e-8c4d-4f2a-9e61-7d5c2b4a1f00',
  issuer: { ...mc.issuer, id: key.controller, identifiers: { ...mc.issuer.identifiers, eidas: mc.issuer.identifiers?.eidas ?? 'VATBE-0123456789' } },
});
const fixture = (name: string) => prepared(validFixtures.find((f) => f.name === name)!.doc as MicroCredential);
const NAMES = ['higher-education', 'minimal-mandatory-only', 'every-optional-element', 'multilingual', 'joint-award-two-countries', 'vet-eqavet', 'doctoral-research-lab'];
const codes = (issues: readonly { code: string; severity: string; path: string }[]) => issues.map((i) => `${i.severity} ${i.code} ${i.path}`).sort();

describe('toElm with a status entry: what the EDC shapes accept', () => {
  it.each(NAMES)('%s: one entry, typed CredentialStatus and BitstringStatusListEntry, status/v1 after the EDC pair; validateElm finds nothing new', async (name) => {
    const mc = fixture(name);
    const plain = toElm(mc);
    const doc = toElm(mc, { credentialStatus: entry(94567) }) as Doc;
    expect(doc['@context']).toEqual([VC_V1, ELM, STATUS_V1]);
    expect(doc.credentialStatus).toEqual({
      id: `${LIST}#94567`,
      type: ['CredentialStatus', 'BitstringStatusListEntry'],
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: LIST,
    });
    // Nothing else changes.
    const { credentialStatus: _, '@context': _c, ...rest } = doc;
    const { '@context': _p, ...plainRest } = plain as Doc;
    expect(rest).toEqual(plainRest);
    const [withStatus, without] = await Promise.all([validateElm(doc), validateElm(plain)]);
    expect(codes(withStatus.issues)).toEqual(codes(without.issues));
    expect(withStatus.ok).toBe(true);
    // The written entry is one readStatusEntries accepts.
    expect(readStatusEntries(doc.credentialStatus, '/credentialStatus').issues).toEqual([]);
  });

  it('exportToElm writes the same document, and an array of one entry is that entry', () => {
    const mc = fixture('higher-education');
    const exported = exportToElm(mc, { credentialStatus: [entry(5)] });
    expect(exported.ok).toBe(true);
    expect(exported.ok && exported.document).toEqual(toElm(mc, { credentialStatus: entry(5) }));
  });

  it('the other forms tried fail the real EDC shapes or JSON-LD safe mode: one type only, no id, two entries, no status/v1 context', async () => {
    const doc = toElm(fixture('higher-education'), { credentialStatus: entry(7) }) as Doc;
    const variant = async (change: (d: Doc) => void) => {
      const d = structuredClone(doc);
      change(d);
      return (await validateElm(d)).issues.map((i) => [i.code, i.path, i.resultPath ?? '', i.message.split(':')[0]]);
    };
    expect(await variant((d) => (d.credentialStatus.type = 'BitstringStatusListEntry'))).toEqual([['ELM_SHACL_VIOLATION', '/credentialStatus', 'cred:credentialStatus', 'ClassConstraintComponent']]);
    expect(await variant((d) => delete d.credentialStatus.id)).toEqual([['ELM_SHACL_VIOLATION', '/credentialStatus', 'cred:credentialStatus', 'NodeKindConstraintComponent']]);
    const second = { ...doc.credentialStatus, id: 'https://uni.example.eu/status/2#8', statusPurpose: 'suspension', statusListIndex: '8', statusListCredential: 'https://uni.example.eu/status/2' };
    expect((await variant((d) => (d.credentialStatus = [d.credentialStatus, second]))).map((i) => i[3])).toEqual(['MaxCountConstraintComponent']);
    expect((await variant((d) => (d['@context'] = [VC_V1, ELM]))).map((i) => [i[0], i[1]]).sort()).toEqual([
      ['ELM_SAFE_MODE', '/credentialStatus/statusListCredential'],
      ['ELM_SAFE_MODE', '/credentialStatus/statusListIndex'],
      ['ELM_SAFE_MODE', '/credentialStatus/statusPurpose'],
      ['ELM_SAFE_MODE', '/credentialStatus/type'],
    ]);
    // The types in the other order are the same RDF: accepted too (toElm writes the EDC class first).
    expect(await variant((d) => (d.credentialStatus.type = ['BitstringStatusListEntry', 'CredentialStatus']))).toEqual([]);
  });

  it('an entry without id gets the one StatusList.entry() writes (the shapes need an IRI node); message entries keep their size and messages, and sign', async () => {
    const mc = fixture('higher-education');
    const { id: _, ...noId } = entry(12);
    expect((toElm(mc, { credentialStatus: noId }) as Doc).credentialStatus.id).toBe(`${LIST}#12`);
    const messages = [0, 1, 2, 3].map((v) => ({ status: `0x${v}`, message: ['pending', 'accepted', 'rejected', 'withdrawn'][v]! }));
    const doc = toElm(mc, { credentialStatus: entry(3, { statusPurpose: 'message', statusSize: 2, statusMessage: messages, statusReference: ['https://uni.example.eu/status-codes'] }) }) as Doc;
    expect(doc.credentialStatus).toMatchObject({ statusPurpose: 'message', statusSize: 2, statusMessage: messages, statusReference: 'https://uni.example.eu/status-codes' });
    const result = await validateElm(doc);
    expect(result.issues).toEqual([]);
    const signed = await signCredential(doc, { key, created: '2025-06-30T12:00:00Z' });
    const verified = await verifyCredential(signed, { acceptUncheckedStatus: true, now: '2025-07-01T00:00:00Z' });
    expect(verified.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('does not change or keep the caller\'s entry', () => {
    const mc = fixture('higher-education');
    const given = Object.freeze({ ...entry(9), type: Object.freeze(['BitstringStatusListEntry']) }) as unknown as CredentialStatusEntry;
    const before = JSON.stringify(given);
    const doc = toElm(mc, { credentialStatus: given }) as Doc;
    expect(JSON.stringify(given)).toBe(before);
    doc.credentialStatus.statusListIndex = '10';
    expect(given.statusListIndex).toBe('9');
  });
});

describe('toElm refuses an entry it cannot write, naming the member', () => {
  const mc = fixture('higher-education');
  const cases: [string, unknown, RegExp][] = [
    ['an index with a leading zero', entry(1, { statusListIndex: '01' }), /statusListIndex/],
    ['an index as a number', entry(1, { statusListIndex: 1 }), /statusListIndex.*number/],
    ['no list URL', (({ statusListCredential: _, ...e }) => e)(entry(1)), /statusListCredential/],
    ['an empty purpose', entry(1, { statusPurpose: '' }), /statusPurpose/],
    ['an id that is the list URL', entry(1, { id: LIST }), /\/id.*must not be the URL of the status list/],
    ['a StatusList2021Entry', entry(1, { type: 'StatusList2021Entry' }), /\/type.*StatusList2021Entry.*not checked/],
    ['a member no context defines', entry(1, { revoked: false }), /`revoked`.*not a member/],
    ['a type beside the entry\'s', entry(1, { type: ['BitstringStatusListEntry', 'MyStatus'] }), /\/type.*"MyStatus"/],
    ['a statusSize of 3', entry(1, { statusSize: 3 }), /statusSize/],
    ['two messages for 2 bits', entry(1, { statusSize: 2, statusMessage: [{ status: '0x0', message: 'a' }, { status: '0x1', message: 'b' }] }), /statusMessage/],
    ['two entries (ELM holds one)', [entry(1), entry(2, { statusPurpose: 'suspension' })], /2 entries.*at most one.*cred:credentialStatus 0\.\.1/],
    ['an empty array', [], /empty array/],
    ['a string', LIST, /must be an object/],
    ['null', null, /must be an object/],
  ];
  it.each(cases)('%s', (_, bad, message) => {
    expect(() => toElm(mc, { credentialStatus: bad as CredentialStatusEntry })).toThrow(TypeError);
    expect(() => toElm(mc, { credentialStatus: bad as CredentialStatusEntry })).toThrow(message);
    expect(() => exportToElm(mc, { credentialStatus: bad as CredentialStatusEntry })).toThrow(message);
  });

  it('an entry whose members throw when read', () => {
    const hostile = new Proxy(entry(1), { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    expect(() => toElm(mc, { credentialStatus: hostile })).toThrow(/options\.credentialStatus cannot be read/);
  });
});

describe('the EBSI profile', () => {
  it.each(NAMES.slice(0, 4))('%s: validateElm names exactly the entry members and type EBSI\'s schema refuses, and nothing else', async (name) => {
    const ebsi = toElm(fixture(name), { profile: 'ebsi' }) as Doc;
    expect((await validateElm(ebsi, { profile: 'ebsi' })).issues).toEqual([]);
    const result = await validateElm({ ...ebsi, credentialStatus: entry(94567) }, { profile: 'ebsi' });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    const [issue] = result.issues;
    expect(issue).toMatchObject({ code: 'EBSI_STATUS_NOT_ALLOWED', severity: 'error', path: '/credentialStatus', focusNode: `${LIST}#94567`, value: 'BitstringStatusListEntry' });
    for (const member of ['statusPurpose', 'statusListIndex', 'statusListCredential', 'BitstringStatusListEntry', '"CredentialStatus" or "TrustedCredentialStatus2021"']) expect(issue!.message).toContain(member);
    // What EBSI's schema does allow: an id and the placeholder type.
    expect((await validateElm({ ...ebsi, credentialStatus: { id: `${LIST}#94567`, type: 'CredentialStatus' } }, { profile: 'ebsi' })).issues).toEqual([]);
  });

  it('one issue per entry of an array, at its index; other schema errors stay EBSI_SCHEMA', async () => {
    const ebsi = toElm(fixture('higher-education'), { profile: 'ebsi' }) as Doc;
    const result = await validateElm({ ...ebsi, credentialStatus: [{ id: 'https://x.example/s', type: 'CredentialStatus' }, entry(4, { statusSize: 1 }), { id: 5, type: 'CredentialStatus' }] }, { profile: 'ebsi' });
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([
      ['EBSI_STATUS_NOT_ALLOWED', '/credentialStatus/1'],
      ['EBSI_SCHEMA', '/credentialStatus/2/id'],
    ]);
    expect(result.issues[0]!.message).toContain('`statusSize`');
  });

  it('toElm with profile ebsi refuses a status entry, saying which members EBSI has no place for', () => {
    expect(() => toElm(fixture('higher-education'), { profile: 'ebsi', credentialStatus: entry(1) })).toThrow(TypeError);
    expect(() => toElm(fixture('higher-education'), { profile: 'ebsi', credentialStatus: entry(1) })).toThrow(/profile 'ebsi'.*`statusPurpose`, `statusListIndex` and `statusListCredential`/);
  });
});

describe('signed with the library\'s suites', () => {
  const suites = ['Ed25519Signature2020', 'eddsa-rdfc-2022'] as const;
  it.each(NAMES.slice(0, 3).flatMap((n) => suites.map((s) => [n, s] as const)))('%s with %s: the signature covers the entry', async (name, suite) => {
    const doc = toElm(fixture(name), { credentialStatus: entry(94567) });
    const signed = await signCredential(doc, { key, suite, created: '2025-06-30T12:00:00Z' });
    expect((signed['@context'] as string[]).slice(0, 3)).toEqual([VC_V1, ELM, STATUS_V1]);
    const result = await verifyCredential(signed, { acceptUncheckedStatus: true, now: '2025-07-01T00:00:00Z' });
    const checks = Object.fromEntries(result.checks.map((c) => [c.check, c.ok]));
    expect(checks).toMatchObject({ format: true, signature: true, issuer: true, validity: true });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // Another index after signing: the signature no longer holds.
    const moved = structuredClone(signed) as Doc;
    moved.credentialStatus.statusListIndex = '94568';
    const tampered = await verifyCredential(moved, { acceptUncheckedStatus: true, now: '2025-07-01T00:00:00Z' });
    expect(tampered.checks.find((c) => c.check === 'signature')?.ok).toBe(false);
    // And the signed credential reads back: the model, and the entry beside it.
    const back = await fromElm(signed);
    expect(back.credentialStatus).toEqual((doc as Doc).credentialStatus);
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('checked by verifyCredential against a VC 1.1 status list credential', () => {
  /** A revocation list of 131 072 entries, signed by the credential's issuer, with `set` indexes revoked (MSB first). */
  async function statusList(...set: number[]) {
    const bits = new Uint8Array(131_072 / 8);
    for (const i of set) bits[i >> 3]! |= 0x80 >> (i & 7);
    const unsigned = {
      '@context': [VC_V1, STATUS_V1],
      id: LIST,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: key.controller,
      issuanceDate: '2025-06-01T00:00:00Z',
      credentialSubject: { id: `${LIST}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeBitstring(bits) },
    };
    return signCredential(unsigned, { key, created: '2025-06-01T00:00:00Z' });
  }

  it('an exported ELM credential is valid while its bit is clear and revoked once it is set', async () => {
    const signed = await signCredential(toElm(fixture('higher-education'), { credentialStatus: entry(94567) }), { key, created: '2025-06-30T12:00:00Z' });
    const now = '2025-07-01T00:00:00Z';
    const valid = await verifyCredential(signed, { statusLists: [await statusList(94566, 94568)], now });
    expect(valid.issues).toEqual([]);
    expect(valid.verified).toBe(true);
    const revoked = await verifyCredential(signed, { statusLists: [await statusList(94567)], now });
    expect(revoked.verified).toBe(false);
    expect(revoked.issues.map((i) => [i.code, i.path])).toEqual([['STATUS_REVOKED', '/credentialStatus']]);
  });
});

describe('an issuer\'s workflow with the library\'s own parts', () => {
  it('StatusList.entry() into toElm, the list published as a VC 1.1 list credential: valid, then revoked', async () => {
    const list = StatusList.create({ id: 'https://uni.example.eu/status/elm', format: 'bitstring', purpose: 'revocation' });
    const index = list.allocate();
    const doc = toElm(fixture('every-optional-element'), { credentialStatus: list.entry(index) }) as Doc;
    expect(doc.credentialStatus).toEqual({ ...list.entry(index), type: ['CredentialStatus', 'BitstringStatusListEntry'] });
    expect((await validateElm(doc)).ok).toBe(true);
    const signed = await signCredential(doc, { key, created: '2025-06-30T12:00:00Z' });
    const publish = () => signCredential(createStatusListCredential(list, { issuer: key.controller, vc: '1.1', validFrom: '2025-06-01T00:00:00Z' }), { key, created: '2025-06-01T00:00:00Z' });
    const now = '2025-07-01T00:00:00Z';
    const before = await verifyCredential(signed, { statusLists: [await publish()], now });
    expect(before.issues).toEqual([]);
    list.revoke(index);
    const after = await verifyCredential(signed, { statusLists: [await publish()], now });
    expect(after.issues.map((i) => i.code)).toEqual(['STATUS_REVOKED']);
  });
});

describe('fromElm returns the entry beside the model', () => {
  it.each(validFixtures.map((f) => f.name))('%s: the model as without status, the entry as written, no new issue; toElm with it gives the document again', async (name) => {
    const mc = fixture(name);
    const doc = toElm(mc, { credentialStatus: entry(31) });
    const [back, plain] = await Promise.all([fromElm(doc), fromElm(toElm(mc))]);
    expect(back.value).toEqual(plain.value);
    expect(back.value).toEqual(normalizeForElm(mc));
    expect(codes(back.issues)).toEqual(codes(plain.issues));
    expect(back.credentialStatus).toEqual((doc as Doc).credentialStatus);
    expect(toElm(back.value as MicroCredential, { credentialStatus: back.credentialStatus! })).toEqual(doc);
  });

  it('reads the entry the same from expanded JSON-LD (through JSON-LD, compacted with status/v1 too)', async () => {
    const doc = toElm(fixture('higher-education'), { credentialStatus: entry(77) });
    const expanded = await jsonld.expand(structuredClone(doc) as never, { documentLoader: documentLoader as never });
    const back = await fromElm(expanded);
    expect(back.issues.map((i) => i.code)).toContain('ELM_SPELLING_NORMALISED');
    expect(back.credentialStatus).toEqual((doc as Doc).credentialStatus);
    expect(back.value).toEqual((await fromElm(doc)).value);
  });

  it('another status shape is a STATUS_ENTRY_MALFORMED warning at its member, not returned, and the credential still reads', async () => {
    const mc = fixture('higher-education');
    const plain = toElm(mc) as Doc;
    // EBSI's placeholder, which the EDC shapes also accept: no list to check.
    const placeholder = await fromElm({ ...plain, credentialStatus: { id: `${LIST}#1`, type: 'CredentialStatus' } });
    expect(placeholder.ok).toBe(true);
    expect(placeholder.credentialStatus).toBeUndefined();
    expect(placeholder.issues.filter((i) => i.code === 'STATUS_ENTRY_MALFORMED').map((i) => [i.severity, i.path, i.in])).toEqual([['warning', '/credentialStatus/type', 'elm']]);
    // A Bitstring entry with an index in another spelling.
    const doc = toElm(mc, { credentialStatus: entry(5) }) as Doc;
    const respelled = await fromElm({ ...doc, credentialStatus: { ...doc.credentialStatus, statusListIndex: '005' } });
    expect(respelled.credentialStatus).toBeUndefined();
    expect(respelled.issues.filter((i) => i.code === 'STATUS_ENTRY_MALFORMED').map((i) => i.path)).toEqual(['/credentialStatus/statusListIndex']);
    expect(respelled.value).toEqual(placeholder.value);
    // Inside EDC's upload wrapper, the path starts at the wrapper's member.
    const wrapped = await fromElm({ credential: { ...plain, credentialStatus: { id: `${LIST}#1`, type: 'CredentialStatus' } } });
    expect(wrapped.issues.filter((i) => i.code === 'STATUS_ENTRY_MALFORMED').map((i) => i.path)).toEqual(['/credential/credentialStatus/type']);
  });

  it('a credential without status returns none', async () => {
    const back = await fromElm(toElm(fixture('higher-education')));
    expect('credentialStatus' in back).toBe(false);
  });
});

it('CONTEXT_URLS.STATUS_V1 is the context toElm names', () => {
  expect(CONTEXT_URLS.STATUS_V1).toBe(STATUS_V1);
});
