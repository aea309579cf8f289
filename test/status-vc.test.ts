// W3C credentials with status (Bitstring Status List v1.0): the status/v1 context bundled; entries
// read per REC §2.1 (the REC's own examples too); the issuer's flow with the library (issue with an
// entry, publish the signed list credential, revoke, suspend, reinstate, message lists) for VC 2.0,
// VC 1.1 (ELM, with status/v1) and Open Badges 3.0; every STATUS_UNKNOWN reason; the options; the
// presentation verifier; and an independent checker (@digitalbazaar/vc-bitstring-status-list) that
// agrees with the verdicts on lists the library made.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vcLib from '@digitalbazaar/vc';
// @ts-expect-error @digitalbazaar/vc-bitstring-status-list has no declaration file (test oracle only)
import { checkStatus as independentCheck } from '@digitalbazaar/vc-bitstring-status-list';
import { describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { BUNDLED_CONTEXT_URLS, CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { toOpenBadge } from '../src/ob3/to-open-badge.js';
import { readStatusEntries } from '../src/status/entry.js';
import { StatusList } from '../src/status/list.js';
import { verifyingSuites } from '../src/vc/suites.js';
import { createStatusListCredential } from '../src/vc/status/list-credential.js';
import { readListSubject } from '../src/vc/status/verified-lists.js';
import { createPresentation, generateIssuerKey, type IssuerKey, signCredential, signPresentation, SUITES, verifyCredential, verifyPresentation } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;
const VECTORS = join(import.meta.dirname, 'vectors', 'w3c-bitstring-status-list');
const vector = (name: string): Doc => JSON.parse(readFileSync(join(VECTORS, name), 'utf8')) as Doc;

const created = '2026-01-01T00:00:00Z';
const validFrom = '2026-01-10T00:00:00Z';
const now = '2026-01-15T00:00:00Z';
const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(21) });
const LIST = 'https://uni.example.eu/status/1';
const SUSPENSIONS = 'https://uni.example.eu/status/2';

function v2Credential(credentialStatus: unknown, issuer: string = key.controller): Doc {
  return {
    '@context': [CONTEXT_URLS.VC_V2],
    id: 'urn:uuid:5f4ad6b2-1e8a-4c65-9b0e-7d1c2a3b4c5d',
    type: 'VerifiableCredential',
    issuer,
    validFrom: '2026-01-05T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', name: 'Anna Novak' },
    credentialStatus,
  };
}

function elmCredential(credentialStatus: unknown, statusLast = false): Doc {
  const mc = structuredClone(validFixtures.find((f) => f.name === 'higher-education')!.doc) as MicroCredential;
  const elm = toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller } }, { id: 'urn:uuid:00000000-0000-4000-8000-000000000015' }) as Doc;
  const [vc1, ...rest] = elm['@context'] as string[];
  return { ...elm, '@context': statusLast ? [vc1, ...rest, CONTEXT_URLS.STATUS_V1] : [vc1, CONTEXT_URLS.STATUS_V1, ...rest], credentialStatus };
}

/** The signed list credential of `list` as published at `now`. */
async function published(list: StatusList, options: Partial<Parameters<typeof createStatusListCredential>[1]> = {}, signer: IssuerKey = key): Promise<Doc> {
  return signCredential(createStatusListCredential(list, { issuer: signer.controller, validFrom, ...options }), { key: signer, created });
}

const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

describe('the status/v1 context', () => {
  it('is bundled as CONTEXT_URLS.STATUS_V1, equal to the W3C file the REC pins', async () => {
    expect(CONTEXT_URLS.STATUS_V1).toBe('https://www.w3.org/ns/credentials/status/v1');
    expect(BUNDLED_CONTEXT_URLS).toContain(CONTEXT_URLS.STATUS_V1);
    const { document, tag } = await documentLoader(CONTEXT_URLS.STATUS_V1);
    expect(tag).toBe('static');
    expect(document).toEqual(vector('status-v1.context.jsonld'));
    expect(Object.isFrozen(document)).toBe(true);
  });

  it('lets a VC 1.1 (ELM) credential with a status entry sign and verify, after VC 1.1 or last', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const statusLists = [await published(list)];
    for (const statusLast of [false, true]) {
      const signed = await signCredential(elmCredential(list.entry(list.allocate()), statusLast), { key, created });
      const result = await verifyCredential(signed, { now, statusLists });
      expect(result.issues).toEqual([]);
      expect(result.status?.[0]?.status).toBe('valid');
    }
  });

  it('is needed with VC 1.1: without it the entry\'s terms are undefined', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const doc = elmCredential(list.entry(list.allocate()));
    doc['@context'] = (doc['@context'] as string[]).filter((c) => c !== CONTEXT_URLS.STATUS_V1);
    await expect(signCredential(doc, { key, created })).rejects.toMatchObject({ reason: 'VC_UNDEFINED_TERM' });
  });
});

describe('readStatusEntries (REC §2.1)', () => {
  it('reads the REC\'s examples 1, 4, 6 and 7', () => {
    const read = (name: string) => readStatusEntries(vector(name).credentialStatus, '/credentialStatus');
    const ex01 = read('ex01-credential-with-two-status-entries.json');
    expect(ex01.issues).toEqual([]);
    expect(ex01.entries.map((e) => [e.path, e.statusPurpose, e.index, e.statusListCredential, e.statusSize])).toEqual([
      ['/credentialStatus/0', 'revocation', 94567, 'https://example.com/credentials/status/3', 1],
      ['/credentialStatus/1', 'suspension', 23452, 'https://example.com/credentials/status/4', 1],
    ]);
    const ex04 = read('ex04-revocable-credential.json');
    expect(ex04).toEqual({ issues: [], entries: [{ path: '/credentialStatus', id: 'https://example.com/credentials/status/3#94567', statusPurpose: 'revocation', statusListIndex: '94567', index: 94567, statusListCredential: 'https://example.com/credentials/status/3', statusSize: 1 }] });
    expect(read('ex06-credential-with-two-status-lists.json').entries.map((e) => e.statusListCredential)).toEqual(['https://example.com/credentials/status/3', 'https://example.com/credentials/status/4']);
    const ex07 = read('ex07-credential-with-two-entries-in-one-list.json');
    expect(ex07.entries.map((e) => [e.statusListCredential, e.statusPurpose, e.index])).toEqual([
      ['https://example.com/credentials/status/5', 'revocation', 94567],
      ['https://example.com/credentials/status/5', 'suspension', 12345],
    ]);
  });

  it('reads the REC\'s example list credentials (3, 5): 131 072 statuses, none set', () => {
    for (const name of ['ex03-bitstring-status-list-credential.json', 'ex05-status-list-credential.json', 'ex05-status-list-credential.secured-eddsa-rdfc-2022.json']) {
      const subject = readListSubject(vector(name) as never);
      expect('bits' in subject && subject.bits.length, name).toBe(16384);
      expect('bits' in subject && subject.bits.every((b) => b === 0)).toBe(true);
      expect('purposes' in subject && subject.purposes).toEqual(['revocation']);
    }
  });

  it('reads the message entry of example 2 (statusSize 2, four messages)', () => {
    const entry = { id: 'https://example.com/credentials/status/8#492847', type: 'BitstringStatusListEntry', statusPurpose: 'message', statusListIndex: '492847', statusSize: 2, statusListCredential: 'https://example.com/credentials/status/8', statusMessage: [{ status: '0x0', message: 'pending_review' }, { status: '0x1', message: 'accepted' }, { status: '0x2', message: 'rejected' }, { status: '0x3', message: 'undefined' }], statusReference: 'https://example.org/status-dictionary/' };
    const { entries, issues } = readStatusEntries(entry, '/credentialStatus');
    expect(issues).toEqual([]);
    expect(entries[0]).toMatchObject({ statusSize: 2, index: 492847, statusReference: 'https://example.org/status-dictionary/' });
    expect(entries[0]!.statusMessage).toHaveLength(4);
  });

  const base = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: LIST };
  it.each([
    ['an index with a leading zero', { statusListIndex: '094567' }, '/statusListIndex'],
    ['an index with a sign', { statusListIndex: '+1' }, '/statusListIndex'],
    ['a negative index', { statusListIndex: '-1' }, '/statusListIndex'],
    ['an index with an exponent', { statusListIndex: '1e3' }, '/statusListIndex'],
    ['an index with spaces', { statusListIndex: ' 1' }, '/statusListIndex'],
    ['a decimal index', { statusListIndex: '1.0' }, '/statusListIndex'],
    ['an index as a number', { statusListIndex: 94567 }, '/statusListIndex'],
    ['an empty index', { statusListIndex: '' }, '/statusListIndex'],
    ['an index past 2^53', { statusListIndex: '9007199254740993' }, '/statusListIndex'],
    ['no purpose', { statusPurpose: undefined }, '/statusPurpose'],
    ['a list that is not a URL', { statusListCredential: 'status list 1' }, '/statusListCredential'],
    ['an id that is the list', { id: LIST }, '/id'],
    ['a statusSize of 3', { statusSize: 3 }, '/statusSize'],
    ['a statusSize as text', { statusSize: '2' }, '/statusSize'],
    ['statusSize 2 without messages', { statusPurpose: 'message', statusSize: 2 }, '/statusMessage'],
    ['two messages for 2 bits', { statusPurpose: 'message', statusSize: 2, statusMessage: [{ status: '0x0', message: 'a' }, { status: '0x1', message: 'b' }] }, '/statusMessage'],
    ['a message value given twice', { statusMessage: [{ status: '0x0', message: 'a' }, { status: '0x0', message: 'b' }] }, '/statusMessage/1'],
    ['a statusReference that is not a URL', { statusReference: 'see the dictionary' }, '/statusReference'],
    ['StatusList2021Entry', { type: 'StatusList2021Entry' }, '/type'],
    ['the EBSI CredentialStatus', { type: 'CredentialStatus' }, '/type'],
    ['a type IRI', { type: 'https://w3id.org/vc/status-list#StatusList2021Entry' }, '/type'],
  ])('refuses %s (STATUS_ENTRY_MALFORMED at the member)', (_, change, member) => {
    const { entries, issues } = readStatusEntries({ ...base, ...change }, '/credentialStatus');
    expect(entries).toEqual([]);
    expect(issues.map((i) => [i.code, i.severity, i.path])).toEqual([['STATUS_ENTRY_MALFORMED', 'error', `/credentialStatus${member}`]]);
  });

  it('names a type it does not check, and refuses an empty array, a string and a throwing getter', () => {
    expect(readStatusEntries({ ...base, type: 'TrustedCredentialStatus2021' }, '/credentialStatus').issues[0]!.message).toMatch(/"TrustedCredentialStatus2021".*not checked by this library/);
    expect(readStatusEntries([], '/credentialStatus').issues.map((i) => i.path)).toEqual(['/credentialStatus']);
    expect(readStatusEntries('https://uni.example.eu/status/1', '/credentialStatus').issues.map((i) => i.code)).toEqual(['STATUS_ENTRY_MALFORMED']);
    const hostile = new Proxy({}, { get: () => { throw new Error('no'); } });
    expect(readStatusEntries([base, hostile], '/credentialStatus')).toMatchObject({ entries: [{ path: '/credentialStatus/0' }], issues: [{ code: 'STATUS_ENTRY_MALFORMED', path: '/credentialStatus/1' }] });
  });

  it('accepts a type list that includes BitstringStatusListEntry, and does not change its input', () => {
    const entry = { ...base, type: ['CredentialStatus', 'BitstringStatusListEntry'] };
    const before = JSON.stringify(entry);
    expect(readStatusEntries(entry, '/credentialStatus').entries).toHaveLength(1);
    expect(JSON.stringify(entry)).toBe(before);
  });
});

describe('createStatusListCredential', () => {
  it('makes the REC\'s list credential, VC 2.0 by default, VC 1.1 with status/v1 on request', () => {
    const list = StatusList.create({ id: 'https://example.com/credentials/status/3', format: 'bitstring' });
    const v2 = createStatusListCredential(list, { issuer: 'did:example:12345', validFrom: '2021-04-05T14:27:40Z' });
    const { credentialSubject, ...rest } = vector('ex03-bitstring-status-list-credential.json');
    // The REC's subject id has no /credentials/ (a slip of the example): ours is the list's id with #list.
    expect(v2).toEqual({ ...rest, credentialSubject: { ...credentialSubject, id: 'https://example.com/credentials/status/3#list' } });
    const v1 = createStatusListCredential(list, { issuer: { id: 'did:example:12345', name: 'Uni' } as never, validFrom: new Date('2021-04-05T14:27:40Z'), validUntil: '2021-05-05T00:00:00Z', ttl: 3_600_000, vc: '1.1' });
    expect(v1['@context']).toEqual([CONTEXT_URLS.VC_V1, CONTEXT_URLS.STATUS_V1]);
    expect(v1).toMatchObject({ issuanceDate: '2021-04-05T14:27:40Z', expirationDate: '2021-05-05T00:00:00Z', issuer: { id: 'did:example:12345', name: 'Uni' }, credentialSubject: { ttl: 3_600_000 } });
  });

  it.each([
    ['a token list', () => [StatusList.create({ id: LIST, format: 'token' }), { issuer: key.controller }]],
    ['no list', () => [{}, { issuer: key.controller }]],
    ['no issuer', () => [StatusList.create({ id: LIST, format: 'bitstring' }), {}]],
    ['a bad date', () => [StatusList.create({ id: LIST, format: 'bitstring' }), { issuer: key.controller, validFrom: '2026-02-30' }]],
    ['validUntil before validFrom', () => [StatusList.create({ id: LIST, format: 'bitstring' }), { issuer: key.controller, validFrom, validUntil: created }]],
    ['a ttl of 0', () => [StatusList.create({ id: LIST, format: 'bitstring' }), { issuer: key.controller, ttl: 0 }]],
    ['vc 3', () => [StatusList.create({ id: LIST, format: 'bitstring' }), { issuer: key.controller, vc: '3' }]],
    ['options as a string', () => [StatusList.create({ id: LIST, format: 'bitstring' }), 'did:example:1']],
  ])('throws a TypeError for %s', (_, args) => {
    const [list, options] = args() as [never, never];
    expect(() => createStatusListCredential(list, options)).toThrow(TypeError);
  });

  it('signs with every suite, and the signed list verifies as a credential', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    for (const vc of ['2.0', '1.1'] as const) {
      for (const suite of SUITES) {
        const signed = await signCredential(createStatusListCredential(list, { issuer: key.controller, validFrom, vc }), { key, suite, created });
        const result = await verifyCredential(signed, { now });
        expect(result.issues, `${vc} ${suite}`).toEqual([]);
        expect(result.status).toBeUndefined();
      }
    }
  });
});

describe('the issuer\'s flow: issue, publish, revoke, suspend, reinstate', () => {
  it('revocation and suspension, one entry each, VC 2.0 and VC 1.1, every suite', async () => {
    for (const suite of SUITES) {
      for (const make of [v2Credential, elmCredential]) {
        const revocations = StatusList.create({ id: LIST, format: 'bitstring', purpose: 'revocation' });
        const suspensions = StatusList.create({ id: SUSPENSIONS, format: 'bitstring', purpose: 'suspension' });
        const [r, s] = [revocations.allocate(), suspensions.allocate()];
        const signed = await signCredential(make([revocations.entry(r), suspensions.entry(s)]), { key, suite, created });
        const check = async () => verifyCredential(signed, { now, statusLists: [await published(revocations), await published(suspensions, { vc: '1.1' })] });
        let result = await check();
        expect(result.issues, suite).toEqual([]);
        expect(result.checks).toContainEqual({ check: 'status', ok: true });
        expect(result.status).toEqual([
          { format: 'bitstring', purpose: 'revocation', list: LIST, index: r, status: 'valid', value: 0, path: '/credentialStatus/0' },
          { format: 'bitstring', purpose: 'suspension', list: SUSPENSIONS, index: s, status: 'valid', value: 0, path: '/credentialStatus/1' },
        ]);
        suspensions.suspend(s);
        result = await check();
        expect(result.verified).toBe(false);
        expect(result.issues.map((i) => [i.code, i.path, i.severity])).toEqual([['STATUS_SUSPENDED', '/credentialStatus/1', 'error']]);
        expect(result.checks).toContainEqual({ check: 'status', ok: false });
        suspensions.reinstate(s);
        expect((await check()).verified).toBe(true);
        revocations.revoke(r);
        result = await check();
        expect(result.issues.map((i) => [i.code, i.path, i.details])).toEqual([['STATUS_REVOKED', '/credentialStatus/0', { list: LIST, index: r, purpose: 'revocation', statusList: 0, value: 1 }]]);
        expect(result.status?.map((c) => c.status)).toEqual(['revoked', 'valid']);
      }
    }
  });

  it('a message list (statusSize 2): STATUS_MESSAGE, information only, with the entry\'s message', async () => {
    const statusMessages = [{ status: '0x0', message: 'pending_review' }, { status: '0x1', message: 'accepted' }, { status: '0x2', message: 'rejected' }, { status: '0x3', message: 'withdrawn' }];
    const list = StatusList.create({ id: LIST, format: 'bitstring', purpose: 'message', statusSize: 2, statusMessages });
    const i = list.allocate();
    const signed = await signCredential(v2Credential(list.entry(i)), { key, created });
    list.set(i, 2);
    const result = await verifyCredential(signed, { now, statusLists: [await published(list)] });
    expect(result.verified).toBe(true);
    expect(result.issues.map((x) => [x.code, x.severity])).toEqual([['STATUS_MESSAGE', 'info']]);
    expect(result.status).toEqual([{ format: 'bitstring', purpose: 'message', list: LIST, index: i, status: 'message', value: 2, message: 'rejected', path: '/credentialStatus' }]);
  });

  it('an Open Badges 3.0 badge with a status entry', async () => {
    const mc = structuredClone(validFixtures.find((f) => f.name === 'higher-education')!.doc) as MicroCredential;
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const i = list.allocate();
    const badge = { ...toOpenBadge(mc, { id: 'urn:uuid:0b0b0b0b-0000-4000-8000-000000000015', achievementId: 'https://badges.example.eu/achievements/1' }), credentialStatus: list.entry(i) };
    const signed = await signCredential(badge, { key, created, setIssuer: true });
    const at = { now: badge.validFrom as string };
    list.revoke(i);
    const result = await verifyCredential(signed, { ...at, statusLists: [await published(list, { validFrom: badge.validFrom as string })] });
    expect(codes(result)).toEqual(['STATUS_REVOKED']);
  });

  it('refresh: a set value does not invalidate (STATUS_MESSAGE, "set")', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const i = list.allocate();
    list.revoke(i);
    const unsigned = createStatusListCredential(list, { issuer: key.controller, validFrom });
    unsigned.credentialSubject.statusPurpose = 'refresh';
    const refresh = await signCredential(unsigned, { key, created });
    const signed = await signCredential(v2Credential({ ...list.entry(i), statusPurpose: 'refresh' }), { key, created });
    const result = await verifyCredential(signed, { now, statusLists: [refresh] });
    expect(result.verified).toBe(true);
    expect(result.status?.[0]).toMatchObject({ status: 'message', message: 'set', value: 1 });
    expect(codes(result)).toEqual(['STATUS_MESSAGE']);
  });
});

describe('every STATUS_UNKNOWN reason, and what is never valid', () => {
  const setup = async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const i = list.allocate();
    return { list, i, signed: await signCredential(v2Credential(list.entry(i)), { key, created }) };
  };
  const reasons = (r: { issues: { code: string; details?: unknown }[] }) => r.issues.map((x) => `${x.code}:${(x.details as { reason?: string } | undefined)?.reason ?? ''}`);

  it('list-missing (no list, and no fetch), and STATUS_NOT_CHECKED with acceptUncheckedStatus', async () => {
    const { signed } = await setup();
    const missing = await verifyCredential(signed, { now });
    expect(reasons(missing)).toEqual(['STATUS_UNKNOWN:list-missing']);
    expect(missing.verified).toBe(false);
    expect(missing.status?.[0]?.status).toBe('unknown');
    const unchecked = await verifyCredential(signed, { now, acceptUncheckedStatus: true, statusLists: ['eyJhbGciOiJFUzI1NiJ9.e30.sig'] });
    expect(reasons(unchecked)).toEqual(['STATUS_NOT_CHECKED:list-missing']);
    expect(unchecked.issues[0]!.severity).toBe('warning');
    expect(unchecked.verified).toBe(true);
  });

  it('fetch-failed: the fetch throws, returns nothing, or another list; only the named URL is asked for', async () => {
    const { list, signed } = await setup();
    const other = await published(StatusList.create({ id: 'https://uni.example.eu/status/9', format: 'bitstring' }));
    const asked: string[] = [];
    for (const fetchStatusList of [async (url: string) => { asked.push(url); throw new Error('offline'); }, async () => undefined, async () => other]) {
      expect(reasons(await verifyCredential(signed, { now, fetchStatusList }))).toEqual(['STATUS_UNKNOWN:fetch-failed']);
      expect(reasons(await verifyCredential(signed, { now, fetchStatusList, acceptUncheckedStatus: true }))).toEqual(['STATUS_NOT_CHECKED:fetch-failed']);
    }
    expect(asked).toEqual([LIST, LIST]);
    const good = await published(list);
    const fetched = await verifyCredential(signed, { now, fetchStatusList: async () => JSON.stringify(good) });
    expect(fetched.issues).toEqual([]);
  });

  it('list-unverified: a tampered list, and a given list is never "not checked"', async () => {
    const { list, i, signed } = await setup();
    const good = await published(list);
    list.revoke(i);
    const tampered = { ...good, credentialSubject: { ...good.credentialSubject, encodedList: list.encoded() } };
    for (const options of [{}, { acceptUncheckedStatus: true }]) {
      const result = await verifyCredential(signed, { now, statusLists: [tampered], ...options });
      expect(reasons(result)).toEqual(['STATUS_UNKNOWN:list-unverified']);
      expect(result.issues[0]!.message).toContain('VC_SIGNATURE_INVALID');
    }
  });

  it('list-issuer-mismatch, unless the list\'s issuer is in trustedStatusIssuers', async () => {
    const { list, signed } = await setup();
    const registry = await generateIssuerKey({ seed: new Uint8Array(32).fill(22) });
    const theirs = await published(list, {}, registry);
    expect(reasons(await verifyCredential(signed, { now, statusLists: [theirs] }))).toEqual(['STATUS_UNKNOWN:list-issuer-mismatch']);
    expect((await verifyCredential(signed, { now, statusLists: [theirs], trustedStatusIssuers: [registry.controller] })).issues).toEqual([]);
  });

  it('list-expired, list-not-yet-valid, list-stale', async () => {
    const { list, signed } = await setup();
    expect(reasons(await verifyCredential(signed, { now, statusLists: [await published(list, { validUntil: '2026-01-12T00:00:00Z' })] }))).toEqual(['STATUS_UNKNOWN:list-expired']);
    expect(reasons(await verifyCredential(signed, { now, statusLists: [await published(list, { validFrom: '2026-01-20T00:00:00Z' })] }))).toEqual(['STATUS_UNKNOWN:list-not-yet-valid']);
    const daily = await published(list, { ttl: 86_400_000 });
    expect(reasons(await verifyCredential(signed, { now, statusLists: [daily] }))).toEqual(['STATUS_UNKNOWN:list-stale']);
    expect((await verifyCredential(signed, { now: '2026-01-10T12:00:00Z', statusLists: [daily] })).issues).toEqual([]);
  });

  it('list-malformed: a list that is not a BitstringStatusListCredential, or whose encodedList does not decode', async () => {
    const { list, signed } = await setup();
    const unsigned = createStatusListCredential(list, { issuer: key.controller, validFrom });
    const noU = { ...unsigned, credentialSubject: { ...unsigned.credentialSubject, encodedList: unsigned.credentialSubject.encodedList.slice(1) } };
    const wrongType = { ...unsigned, type: 'VerifiableCredential' };
    for (const bad of [noU, wrongType]) {
      const result = await verifyCredential(signed, { now, statusLists: [await signCredential(bad, { key, created })] });
      expect(reasons(result)).toEqual(['STATUS_UNKNOWN:list-malformed']);
    }
  });

  it('list-too-short, index-out-of-range, purpose-mismatch, value-undefined', async () => {
    const { list, i, signed } = await setup();
    const good = createStatusListCredential(list, { issuer: key.controller, validFrom });
    const sign = (subject: Doc) => signCredential({ ...good, credentialSubject: { ...good.credentialSubject, ...subject } }, { key, created });
    // 131 064 statuses (16 383 bytes), built by hand.
    const { gzipSync } = await import('node:zlib');
    const short = `u${gzipSync(new Uint8Array(16383)).toString('base64url')}`;
    expect(reasons(await verifyCredential(signed, { now, statusLists: [await sign({ encodedList: short })] }))).toEqual(['STATUS_UNKNOWN:list-too-short']);
    const far = await signCredential(v2Credential({ ...list.entry(i), statusListIndex: '131072' }), { key, created });
    expect(reasons(await verifyCredential(far, { now, statusLists: [await sign({})] }))).toEqual(['STATUS_UNKNOWN:index-out-of-range']);
    expect(reasons(await verifyCredential(signed, { now, statusLists: [await sign({ statusPurpose: 'suspension' })] }))).toEqual(['STATUS_UNKNOWN:purpose-mismatch']);
    const custom = await signCredential(v2Credential({ ...list.entry(i), statusPurpose: 'audit' }), { key, created });
    list.revoke(i);
    const auditList = await sign({ statusPurpose: ['revocation', 'audit'], encodedList: list.encoded() });
    expect(reasons(await verifyCredential(custom, { now, statusLists: [auditList] }))).toEqual(['STATUS_UNKNOWN:value-undefined']);
  });

  it('a malformed entry is an error, and status is not looked up for a credential whose signature fails', async () => {
    const { list, i, signed } = await setup();
    const respelled = await signCredential(v2Credential({ ...list.entry(i), statusListIndex: `0${i}` }), { key, created });
    const result = await verifyCredential(respelled, { now, statusLists: [await published(list)] });
    expect(codes(result)).toEqual(['STATUS_ENTRY_MALFORMED']);
    expect(result.status).toEqual([]);
    const asked: string[] = [];
    const forged = { ...signed, credentialSubject: { ...(signed.credentialSubject as Doc), name: 'Mallory' } };
    const broken = await verifyCredential(forged, { now, fetchStatusList: async (url) => { asked.push(url); return undefined; } });
    expect(codes(broken)).toEqual(['VC_SIGNATURE_INVALID']);
    expect(broken.status).toBeUndefined();
    expect(asked).toEqual([]);
  });
});

describe('options', () => {
  it.each([
    ['statusLists', { statusLists: 'list' }],
    ['statusLists', { statusLists: {} }],
    ['fetchStatusList', { fetchStatusList: 'https://uni.example.eu/status/1' }],
    ['trustedStatusIssuers', { trustedStatusIssuers: 'did:web:x' }],
    ['trustedStatusIssuers', { trustedStatusIssuers: [1] }],
    ['acceptUncheckedStatus', { acceptUncheckedStatus: 'yes' }],
  ])('%s of the wrong type is a TypeError, in verifyCredential and verifyPresentation', async (name, options) => {
    await expect(verifyCredential({}, options as never)).rejects.toThrow(new RegExp(`options\\.${name}`));
    await expect(verifyPresentation({}, { challenge: 'c', domain: 'd', ...options } as never)).rejects.toThrow(TypeError);
  });

  it('statusLists are not changed, and the newest of several copies of a list is used', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const i = list.allocate();
    const signed = await signCredential(v2Credential(list.entry(i)), { key, created });
    const before = await published(list, { validFrom: '2026-01-11T00:00:00Z' });
    list.revoke(i);
    const after = await published(list, { validFrom: '2026-01-12T00:00:00Z' });
    const statusLists = [before, JSON.stringify(after)];
    const copy = structuredClone(statusLists);
    expect(codes(await verifyCredential(signed, { now, statusLists }))).toEqual(['STATUS_REVOKED']);
    expect(codes(await verifyCredential(signed, { now, statusLists: [JSON.stringify(after), before] }))).toEqual(['STATUS_REVOKED']);
    expect(statusLists).toEqual(copy);
  });
});

describe('verifyPresentation', () => {
  it('checks each credential\'s status with the same lists; issues point into the presentation', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const [a, b] = [list.allocate(), list.allocate()];
    const credentials = [await signCredential(v2Credential(list.entry(a)), { key, created }), await signCredential({ ...v2Credential(list.entry(b)), id: 'urn:uuid:5f4ad6b2-1e8a-4c65-9b0e-7d1c2a3b4c5e' }, { key, created })];
    const holder = await generateIssuerKey({ seed: new Uint8Array(32).fill(23) });
    const vp = await signPresentation(createPresentation({ credentials, holder: holder.controller }), { key: holder, challenge: 'n-1', domain: 'verifier.example.eu', created });
    const options = { challenge: 'n-1', domain: 'verifier.example.eu', now };
    expect((await verifyPresentation(vp, { ...options, statusLists: [await published(list)] })).verified).toBe(true);
    list.revoke(b);
    const result = await verifyPresentation(vp, { ...options, statusLists: [await published(list)] });
    expect(result.verified).toBe(false);
    expect(result.checks).toContainEqual({ check: 'credentials', ok: false });
    expect(result.issues.map((i) => [i.code, i.path, i.details])).toEqual([['STATUS_REVOKED', '/verifiableCredential/1/credentialStatus', { list: LIST, index: b, purpose: 'revocation', statusList: 0, value: 1, credential: 1 }]]);
    expect(result.credentials.map((c) => c.status?.[0]?.status)).toEqual(['valid', 'revoked']);
    const missing = await verifyPresentation(vp, options);
    expect(missing.issues.map((i) => i.code)).toEqual(['STATUS_UNKNOWN', 'STATUS_UNKNOWN']);
  });
});

describe('an independent checker agrees (@digitalbazaar/vc-bitstring-status-list checkStatus)', () => {
  /** The checker's own loader: the bundled contexts, did:key documents through @digitalbazaar/vc, and the list credential at its URL. */
  const loaderFor = (lists: Doc[]) => async (url: string) => {
    const list = lists.find((l) => l.id === url);
    if (list) return { contextUrl: null, documentUrl: url, document: structuredClone(list) };
    if (url.startsWith('did:key:')) {
      const did = url.split('#')[0]!;
      const doc = key.controllerDocument() as Doc;
      if (doc.id !== did) throw new Error(`unknown ${url}`);
      const method = (doc.verificationMethod as Doc[]).find((m) => m.id === url);
      return { contextUrl: null, documentUrl: url, document: method ? { '@context': doc['@context'], ...method } : doc };
    }
    return documentLoader(url);
  };

  it('on valid, revoked and suspended credentials the library made', async () => {
    const revocations = StatusList.create({ id: LIST, format: 'bitstring', purpose: 'revocation' });
    const suspensions = StatusList.create({ id: SUSPENSIONS, format: 'bitstring', purpose: 'suspension' });
    const people = Array.from({ length: 6 }, () => [revocations.allocate(), suspensions.allocate()] as const);
    const signed = await Promise.all(people.map(([r, s], n) => signCredential({ ...v2Credential([revocations.entry(r), suspensions.entry(s)]), id: `urn:uuid:5f4ad6b2-1e8a-4c65-9b0e-7d1c2a3b4c${n}0` }, { key, created })));
    revocations.revoke(people[1]![0]);
    revocations.revoke(people[3]![0]);
    suspensions.suspend(people[2]![1]);
    suspensions.suspend(people[3]![1]);
    suspensions.suspend(people[4]![1]);
    suspensions.reinstate(people[4]![1]);
    const lists = [await published(revocations), await published(suspensions)];
    const suite = verifyingSuites();
    for (const [n, credential] of signed.entries()) {
      const ours = await verifyCredential(credential, { now, statusLists: lists });
      const theirs = await independentCheck({ credential, documentLoader: loaderFor(lists), suite, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true });
      expect(theirs.verified, `credential ${n}: ${String(theirs.error)}`).toBe(true);
      const set = theirs.results.map((r: { status: boolean }) => r.status);
      expect(ours.status!.map((c) => c.status !== 'valid'), `credential ${n}`).toEqual(set);
      expect(ours.verified).toBe(!set.includes(true));
    }
    // And the credential itself verifies with @digitalbazaar/vc given their checker.
    const [credential] = signed;
    const direct = await vcLib.verifyCredential({ credential, suite, documentLoader: loaderFor(lists) as never, checkStatus: (o: Doc) => independentCheck({ ...o, suite, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true }) } as never);
    expect(direct.verified).toBe(true);
  });
});
