/**
 * A hostile review of the verifiers' status checking: each class of attack a party without the
 * issuer's key can try, with variants, against verifyCredential / verifyPresentation (W3C Bitstring
 * Status List) and verifySdJwtVc (IETF Token Status List). Every test fails if its hole were open:
 * a revoked credential reported valid, a list of someone else's accepted, an expired list used, or
 * a verifier made to do work out of proportion with what it was given.
 */
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { constants as zlibConstants, crc32, deflateRawSync, deflateSync, gunzipSync, gzipSync } from 'node:zlib';
import * as vcLib from '@digitalbazaar/vc';
// @ts-expect-error @digitalbazaar/vc-bitstring-status-list has no declaration file (test oracle only)
import * as digitalbazaar from '@digitalbazaar/vc-bitstring-status-list';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { issueSdJwtVcClaims } from '../src/sd-jwt-vc/issue.js';
import { generateSdJwtVcKeyPair } from '../src/sd-jwt-vc/keys.js';
import { createStatusListToken } from '../src/sd-jwt-vc/status/token.js';
import { type SdJwtVcVerification, verifySdJwtVc, type VerifySdJwtVcOptions } from '../src/sd-jwt-vc/verify.js';
import { decodeBitstring, readBitstringStatus } from '../src/status/bitstring.js';
import { StatusList } from '../src/status/list.js';
import { decodeTokenStatusList } from '../src/status/token-list.js';
import { keyLoader } from '../src/vc/resolver.js';
import { createStatusListCredential } from '../src/vc/status/list-credential.js';
import { signingSuite, verifyingSuites } from '../src/vc/suites.js';
import { createPresentation, generateIssuerKey, type IssuerKey, signCredential, signPresentation, SUITES, type SuiteName, verifyCredential, verifyPresentation } from '../src/vc.js';
import { disclosure, respell, sdJwtOf, signJws, type TestKey } from './helpers/sd-jwt-forge.js';
import { asTestKey, at, ISS, sdJwtStatusKeys, T0, t0, VCT } from './helpers/status.js';

type Doc = Record<string, any>;
const created = '2026-01-01T00:00:00Z';
const validFrom = '2026-01-10T00:00:00Z';
const now = '2026-01-15T00:00:00Z';
const issuer = await generateIssuerKey({ seed: new Uint8Array(32).fill(51) });
/** Anyone: a did:key of their own, whose credentials verify as theirs. */
const attacker = await generateIssuerKey({ seed: new Uint8Array(32).fill(52) });
const LIST = 'https://uni.example.eu/status/51';

const credentialWith = (credentialStatus: unknown, signer: IssuerKey = issuer, id = 'urn:uuid:51000000-0000-4000-8000-000000000001'): Doc => ({
  '@context': [CONTEXT_URLS.VC_V2],
  id,
  type: 'VerifiableCredential',
  issuer: signer.controller,
  validFrom: '2026-01-05T00:00:00Z',
  credentialSubject: { id: 'did:example:learner', name: 'Anna Novak' },
  credentialStatus,
});

/** An entry on list `url` at `index` (a BitstringStatusListEntry as StatusList.entry() writes it). */
const entryOn = (url: string, index: number, statusPurpose = 'revocation') => ({ id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose, statusListIndex: String(index), statusListCredential: url });

async function listCredential(list: StatusList, options: Partial<Parameters<typeof createStatusListCredential>[1]> = {}, signer: IssuerKey = issuer): Promise<Doc> {
  return signCredential(createStatusListCredential(list, { issuer: signer.controller, validFrom, ...options }), { key: signer, created });
}

const outcome = (r: { issues: { code: string; details?: unknown }[]; verified: boolean }) => ({
  verified: r.verified,
  issues: r.issues.map((i) => `${i.code}${(i.details as { reason?: string } | undefined)?.reason ? `:${(i.details as { reason: string }).reason}` : ''}`),
});

describe('denial of service through the credential\'s own entries', () => {
  it('a credential naming hundreds of lists makes no lookup, no fetch and no list verification: it is refused', async () => {
    // Anyone can sign a credential as themselves (a did:key): its signature verifies, and its
    // status is checked. 300 lists are 300 calls of the verifier's fetch to URLs of the attacker's
    // choosing, and 300 scans of the lists the verifier holds.
    const urls = Array.from({ length: 300 }, (_, i) => `https://victim.example/internal/${i}`);
    const signed = await signCredential(credentialWith(urls.map((u) => entryOn(u, 1)), attacker), { key: attacker, created, suite: 'eddsa-jcs-2022' });
    const asked: string[] = [];
    const result = await verifyCredential(signed, { now, fetchStatusList: async (url) => (asked.push(url), undefined) });
    expect(asked).toEqual([]);
    expect(outcome(result)).toEqual({ verified: false, issues: ['STATUS_ENTRY_MALFORMED'] });
    expect(result.issues[0]!.path).toBe('/credentialStatus');
    expect(result.status!.every((s) => s.status === 'unknown')).toBe(true);
    // acceptUncheckedStatus does not turn the refusal into a warning.
    expect((await verifyCredential(signed, { now, acceptUncheckedStatus: true, fetchStatusList: async () => undefined })).verified).toBe(false);
    // Few entries, but each on a list of its own: 17 lists are past the bound of 16.
    const seventeen = await signCredential(credentialWith(urls.slice(0, 17).map((u) => entryOn(u, 1)), attacker), { key: attacker, created, suite: 'eddsa-jcs-2022' });
    const spread = await verifyCredential(seventeen, { now, fetchStatusList: async (url) => (asked.push(url), undefined) });
    expect(asked).toEqual([]);
    expect(outcome(spread)).toEqual({ verified: false, issues: ['STATUS_ENTRY_MALFORMED'] });
    expect(spread.status!.map((s) => s.status)).toEqual(Array(17).fill('unknown'));
  });

  it('many entries on one list, or thousands of malformed entries: one issue, read in bounded time', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const many = Array.from({ length: 100 }, () => list.entry(list.allocate()));
    const signed = await signCredential(credentialWith(many), { key: issuer, created, suite: 'eddsa-jcs-2022' });
    const result = await verifyCredential(signed, { now, statusLists: [await listCredential(list)] });
    expect(outcome(result)).toEqual({ verified: false, issues: ['STATUS_ENTRY_MALFORMED'] });
    const junk = await signCredential(credentialWith(Array.from({ length: 1000 }, (_, i) => ({ id: `urn:x:${i}`, type: 'BitstringStatusListEntry' }))), { key: issuer, created, suite: 'eddsa-jcs-2022' });
    const refused = await verifyCredential(junk, { now, statusLists: [await listCredential(list)] });
    expect(outcome(refused)).toEqual({ verified: false, issues: ['STATUS_ENTRY_MALFORMED'] });
  });

  it('up to the bound, several lists and entries are checked as usual, each list looked up once', async () => {
    const lists = Array.from({ length: 16 }, (_, i) => StatusList.create({ id: `${LIST}/${i}`, format: 'bitstring' }));
    const entries = lists.flatMap((l) => [l.entry(l.allocate()), l.entry(l.allocate())]);
    lists[9]!.revoke(Number(entries[19]!.statusListIndex));
    const signed = await signCredential(credentialWith(entries), { key: issuer, created, suite: 'eddsa-jcs-2022' });
    const published = new Map(await Promise.all(lists.map(async (l) => [l.id, await listCredential(l, {}, issuer)] as const)));
    const asked: string[] = [];
    const result = await verifyCredential(signed, { now, fetchStatusList: async (url) => (asked.push(url), published.get(url)) });
    expect(outcome(result)).toEqual({ verified: false, issues: ['STATUS_REVOKED'] });
    expect(result.issues[0]!.path).toBe('/credentialStatus/19');
    expect(asked.sort()).toEqual([...published.keys()].sort());
    expect(result.status!.filter((s) => s.status === 'valid')).toHaveLength(31);
  });

  it('the lists the verifier holds are read once per credential, not once per list the credential names', async () => {
    // Each item's `id` is read through a getter that counts: scanning all items again for each of
    // the credential's lists is quadratic in what the attacker and the verifier each control.
    let reads = 0;
    const held = Array.from({ length: 200 }, (_, i) => ({ get id() { reads++; return `https://uni.example.eu/other/${i}`; } }));
    const urls = Array.from({ length: 16 }, (_, i) => `${LIST}/missing/${i}`);
    const signed = await signCredential(credentialWith(urls.map((u) => entryOn(u, 3))), { key: issuer, created, suite: 'eddsa-jcs-2022' });
    const result = await verifyCredential(signed, { now, statusLists: held });
    expect(outcome(result).issues).toEqual(Array(16).fill('STATUS_UNKNOWN:list-missing'));
    expect(reads).toBeLessThanOrEqual(held.length);
  });
});

/** `doc` signed by `key` with a proof that expires at `expires` (signCredential makes no such proofs; other issuers do). */
async function signExpiring(doc: Doc, key: IssuerKey, suiteName: SuiteName, expires: string): Promise<Doc> {
  const suite = signingSuite(suiteName, key, new Date(created)) as { proof?: object };
  suite.proof = { expires };
  return vcLib.issue({ credential: structuredClone(doc), suite, documentLoader: keyLoader([key.controllerDocument()]) }) as Promise<Doc>;
}

describe('an expired list: its proof\'s `expires`', () => {
  it('a list whose proof has expired is an expired list, for every suite, also when it was checked (and kept) before', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const index = list.allocate();
    const signed = await signCredential(credentialWith(list.entry(index)), { key: issuer, created });
    for (const suiteName of SUITES) {
      // The issuer's list says "valid" until the proof expires on the 12th; the holder keeps showing it.
      const expiring = await signExpiring(createStatusListCredential(list, { issuer: issuer.controller, validFrom }), issuer, suiteName, '2026-01-12T00:00:00Z');
      expect(outcome(await verifyCredential(signed, { now: '2026-01-11T00:00:00Z', statusLists: [expiring] })), suiteName).toEqual({ verified: true, issues: [] });
      const late = await verifyCredential(signed, { now, statusLists: [expiring] });
      expect(outcome(late), suiteName).toEqual({ verified: false, issues: ['STATUS_UNKNOWN:list-expired'] });
      expect(late.issues[0]!.message).toContain('2026-01-12T00:00:00');
      expect(outcome(await verifyCredential(signed, { now, fetchStatusList: async () => JSON.stringify(expiring) })).issues, suiteName).toEqual(['STATUS_UNKNOWN:list-expired']);
    }
  });

  it('a credential whose proof has expired is expired too', async () => {
    const { credentialStatus: _none, ...plain } = credentialWith(undefined);
    for (const suiteName of SUITES) {
      const expiring = await signExpiring(plain, issuer, suiteName, '2026-01-12T00:00:00Z');
      expect(outcome(await verifyCredential(expiring, { now: '2026-01-11T00:00:00Z' })), suiteName).toEqual({ verified: true, issues: [] });
      const late = await verifyCredential(expiring, { now });
      expect(outcome(late), suiteName).toEqual({ verified: false, issues: ['VC_EXPIRED'] });
      expect(late.issues[0]!.path).toBe('/proof/expires');
      expect(late.checks.find((c) => c.check === 'validity')?.ok).toBe(false);
    }
  });
});

/** A revocation list with one credential on it, revoked; the credential and the genuine list (signed after the revocation). */
async function revokedOne(signer: IssuerKey = issuer, id = LIST): Promise<{ list: StatusList; index: number; signed: Doc; genuine: Doc }> {
  const list = StatusList.create({ id, format: 'bitstring', purpose: 'revocation' });
  const index = list.allocate();
  const signed = await signCredential(credentialWith(list.entry(index), signer), { key: signer, created });
  list.revoke(index);
  return { list, index, signed, genuine: await listCredential(list, {}, signer) };
}

/** A list of the same id where nobody is revoked. */
const cleanList = (id = LIST) => StatusList.create({ id, format: 'bitstring', purpose: 'revocation' });

describe('a replayed list', () => {
  it('the list from before the revocation, past its ttl or validUntil, or beside the current one: never valid', async () => {
    const { list, index, signed } = await revokedOne();
    const before = await listCredential(cleanList(), { ttl: 86_400_000, validUntil: '2026-01-14T00:00:00Z' });
    const current = await listCredential(list, { validFrom: '2026-01-14T12:00:00Z', ttl: 86_400_000 });
    expect(outcome(await verifyCredential(signed, { now: '2026-01-11T00:00:00Z', statusLists: [before] })).verified).toBe(true); // within its ttl: by design
    expect(outcome(await verifyCredential(signed, { now: '2026-01-11T00:00:00.001Z', statusLists: [before] })).issues).toEqual(['STATUS_UNKNOWN:list-stale']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [before] })).issues).toEqual(['STATUS_UNKNOWN:list-expired']);
    for (const statusLists of [[before, current], [current, before], [JSON.stringify(before), current, before]]) {
      expect(outcome(await verifyCredential(signed, { now: '2026-01-14T13:00:00Z', statusLists })).issues).toEqual(['STATUS_REVOKED']);
    }
    // An old list that never expires does not stand in for a newer one that has expired or gone stale.
    const forever = await listCredential(cleanList(), { validFrom: '2026-01-09T00:00:00Z' });
    const newerExpired = await listCredential(list, { validFrom: '2026-01-12T00:00:00Z', validUntil: '2026-01-13T00:00:00Z' });
    const newerStale = await listCredential(list, { validFrom: '2026-01-12T00:00:00Z', ttl: 3_600_000 });
    for (const [newer, reason] of [[newerExpired, 'list-expired'], [newerStale, 'list-stale']] as const) {
      for (const statusLists of [[forever, newer], [newer, forever]]) expect(outcome(await verifyCredential(signed, { now, statusLists })).issues).toEqual([`STATUS_UNKNOWN:${reason}`]);
    }
    // VC 1.1 lists count their ttl from issuanceDate; a VC 2.0 list with a ttl and no start cannot be fresh.
    const v11 = await listCredential(cleanList(), { vc: '1.1', ttl: 86_400_000 });
    expect(outcome(await verifyCredential(signed, { now, statusLists: [v11] })).issues).toEqual(['STATUS_UNKNOWN:list-stale']);
    const { validFrom: _start, ...noStart } = createStatusListCredential(cleanList(), { issuer: issuer.controller, ttl: 86_400_000 });
    expect(outcome(await verifyCredential(signed, { now, statusLists: [await signCredential(noStart, { key: issuer, created })] })).issues).toEqual(['STATUS_UNKNOWN:list-stale']);
    expect(index).toBeGreaterThanOrEqual(0);
  });

  it('two versions of a list with the same validFrom (published in the same second): the revocation in either counts', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring', purpose: 'revocation' });
    const [a, b] = [list.allocate(), list.allocate()];
    const [signedA, signedB] = await Promise.all([a, b].map((i, n) => signCredential(credentialWith(list.entry(i), issuer, `urn:uuid:51000000-0000-4000-8000-00000000001${n}`), { key: issuer, created })));
    list.revoke(a);
    const first = await listCredential(list); // validFrom is to the second, as createStatusListCredential writes it
    list.revoke(b);
    const second = await listCredential(list);
    expect(first.validFrom).toBe(second.validFrom);
    for (const statusLists of [[first, second], [second, first], [JSON.stringify(first), second]]) {
      expect(outcome(await verifyCredential(signedA, { now, statusLists })).issues).toEqual(['STATUS_REVOKED']);
      expect(outcome(await verifyCredential(signedB, { now, statusLists })).issues).toEqual(['STATUS_REVOKED']);
    }
    // A suspension lifted in one version and set in the other: suspended until a later list says otherwise.
    const suspensions = StatusList.create({ id: `${LIST}/s`, format: 'bitstring', purpose: 'suspension' });
    const s = suspensions.allocate();
    const signedS = await signCredential(credentialWith(suspensions.entry(s)), { key: issuer, created });
    suspensions.suspend(s);
    const suspended = await listCredential(suspensions);
    suspensions.reinstate(s);
    const lifted = await listCredential(suspensions);
    for (const statusLists of [[suspended, lifted], [lifted, suspended]]) expect(outcome(await verifyCredential(signedS, { now, statusLists })).issues).toEqual(['STATUS_SUSPENDED']);
    expect(outcome(await verifyCredential(signedS, { now, statusLists: [suspended, await listCredential(suspensions, { validFrom: '2026-01-11T00:00:00Z' })] })).issues).toEqual([]);
    // A version by someone else with the same date does not count, for or against.
    const theirs = await listCredential(cleanList(), {}, attacker);
    expect(outcome(await verifyCredential(signedB, { now, statusLists: [theirs, second] })).issues).toEqual(['STATUS_REVOKED']);
  });
});

describe('a list from someone else, or from the issuer spelled differently', () => {
  const uni = 'did:web:uni.example.eu';

  it('a list under a look-alike of the issuer\'s id (case, trailing colon or slash, port, https for did:web) is not the issuer\'s', async () => {
    const uniKey = await generateIssuerKey({ seed: new Uint8Array(32).fill(53), controller: uni });
    const { signed, genuine } = await revokedOne(uniKey);
    for (const lookalike of ['did:web:UNI.example.eu', 'did:web:uni.example.eu:', 'did:web:uni.example.eu%3A443', 'https://uni.example.eu', 'https://uni.example.eu/', 'did:web:uni.example.eu#key-1']) {
      const theirs = await generateIssuerKey({ seed: new Uint8Array(32).fill(54), controller: lookalike });
      const clean = await listCredential(cleanList(), { validFrom: '2026-01-12T00:00:00Z' }, theirs);
      const controllers = [uniKey.controllerDocument(), theirs.controllerDocument()];
      // Alone, or beside the genuine (revoked) list, and newer than it: never valid.
      // A controller id with a fragment holds no key at all (its key's id, `…#key-1#z6Mk…`, is in the document `…uni.example.eu`): the list does not even verify.
      const why = lookalike.includes('#') ? 'list-unverified' : 'list-issuer-mismatch';
      expect(outcome(await verifyCredential(signed, { now, controllers, statusLists: [clean] })).issues, lookalike).toEqual([`STATUS_UNKNOWN:${why}`]);
      expect(outcome(await verifyCredential(signed, { now, controllers, statusLists: [genuine, clean] })).verified, lookalike).toBe(false);
    }
    // The issuer as an object with its id is the same issuer: the genuine list is read.
    const asObject = await listCredential(StatusList.fromJSON(JSON.parse(JSON.stringify((await revokedOne(uniKey)).list.toJSON()))), { issuer: { id: uni, name: 'Uni' } }, uniKey);
    expect(asObject.issuer).toEqual({ id: uni, name: 'Uni' });
    expect(outcome(await verifyCredential(signed, { now, controllers: [uniKey.controllerDocument()], statusLists: [genuine] })).issues).toEqual(['STATUS_REVOKED']);
  });

  it('a key the issuer\'s DID document lists but another controller holds, and a second proof of someone else\'s', async () => {
    const uniKey = await generateIssuerKey({ seed: new Uint8Array(32).fill(55), controller: uni });
    const mallory = await generateIssuerKey({ seed: new Uint8Array(32).fill(56), controller: 'did:web:mallory.example' });
    const { signed, genuine } = await revokedOne(uniKey);
    const uniDoc = uniKey.controllerDocument() as Doc;
    const malloryMethod = mallory.verificationMethod();
    // Uni's document (as the verifier holds it) names Mallory's key among its assertion methods.
    const careless = { ...uniDoc, verificationMethod: [...uniDoc.verificationMethod, malloryMethod], assertionMethod: [...uniDoc.assertionMethod, malloryMethod.id] };
    const byMallory = await vcLib.issue({ credential: createStatusListCredential(cleanList(), { issuer: uni, validFrom: '2026-01-12T00:00:00Z' }), suite: signingSuite('eddsa-rdfc-2022', mallory, new Date(created)), documentLoader: keyLoader([careless, mallory.controllerDocument()]) });
    for (const controllers of [[careless, mallory.controllerDocument()], [careless]]) {
      expect(outcome(await verifyCredential(signed, { now, controllers, statusLists: [byMallory] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
      expect(outcome(await verifyCredential(signed, { now, controllers, statusLists: [genuine, byMallory] })).verified).toBe(false);
    }
    // The genuine list with Mallory's proof beside the issuer's: every proof must hold for the issuer.
    const twoProofs = { ...genuine, proof: [genuine.proof, (byMallory as Doc).proof] };
    expect(outcome(await verifyCredential(signed, { now, controllers: [careless, mallory.controllerDocument()], statusLists: [twoProofs] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    // Two proofs of the issuer, one made for another list: the list does not verify.
    const other = await listCredential(cleanList(), {}, uniKey);
    expect(outcome(await verifyCredential(signed, { now, controllers: [uniDoc], statusLists: [{ ...genuine, proof: [genuine.proof, other.proof] }] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
  });

  it('a list signed with a key the issuer has revoked (the key got out): refused with every suite, and so is a credential', async () => {
    const uniKey = await generateIssuerKey({ seed: new Uint8Array(32).fill(62), controller: uni });
    const leaked = await generateIssuerKey({ seed: new Uint8Array(32).fill(63), controller: uni, id: `${uni}#leaked` });
    const { signed } = await revokedOne(uniKey);
    const doc = uniKey.controllerDocument() as Doc;
    // The issuer's DID document as the verifier holds it: the leaked key is still listed, marked revoked.
    const published = { ...doc, verificationMethod: [...doc.verificationMethod, { ...leaked.verificationMethod(), revoked: '2026-01-11T00:00:00Z' }], assertionMethod: [...doc.assertionMethod, leaked.id] };
    for (const suite of SUITES) {
      const clean = await signCredential(createStatusListCredential(cleanList(), { issuer: uni, validFrom: '2026-01-12T00:00:00Z' }), { key: leaked, created, suite });
      const r = await verifyCredential(signed, { now, controllers: [published], statusLists: [clean] });
      expect(outcome(r).issues, suite).toEqual(['STATUS_UNKNOWN:list-unverified']);
      expect(r.issues[0]!.message).toContain('VC_KEY_NOT_AUTHORIZED');
      const { credentialStatus: _none, ...plain } = credentialWith(undefined, uniKey);
      const byLeaked = await signCredential(plain, { key: leaked, created, suite });
      const direct = await verifyCredential(byLeaked, { now, controllers: [published] });
      expect(outcome(direct), suite).toEqual({ verified: false, issues: ['VC_KEY_NOT_AUTHORIZED'] });
      expect(direct.issues[0]!.path).toBe('/proof/verificationMethod');
      expect(direct.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['issuer']);
    }
  });

  it('a presentation signed with a holder key its controller has revoked: VC_KEY_NOT_AUTHORIZED with every suite', async () => {
    const holderDid = 'did:web:holder.example.eu';
    const holderKey = await generateIssuerKey({ seed: new Uint8Array(32).fill(64), controller: holderDid });
    const leaked = await generateIssuerKey({ seed: new Uint8Array(32).fill(65), controller: holderDid, id: `${holderDid}#leaked` });
    const doc = holderKey.controllerDocument() as Doc;
    const withLeaked = (revoked?: string) => ({ ...doc, verificationMethod: [...doc.verificationMethod, { ...leaked.verificationMethod(), ...(revoked ? { revoked } : {}) }], authentication: [...doc.authentication, leaked.id] });
    const { credentialStatus: _none, ...plain } = credentialWith(undefined);
    const credential = await signCredential(plain, { key: issuer, created });
    for (const suite of SUITES) {
      const vp = await signPresentation(createPresentation({ credentials: [credential], holder: holderDid }), { key: leaked, challenge: 'c', domain: 'd', created, suite });
      const before = await verifyPresentation(vp, { challenge: 'c', domain: 'd', now, controllers: [withLeaked(), issuer.controllerDocument()] });
      expect(before.issues.filter((i) => i.code === 'VC_KEY_NOT_AUTHORIZED'), suite).toEqual([]);
      const after = await verifyPresentation(vp, { challenge: 'c', domain: 'd', now, controllers: [withLeaked('2026-01-11T00:00:00Z'), issuer.controllerDocument()] });
      expect(after.verified, suite).toBe(false);
      expect(after.issues.map((i) => [i.code, i.path]), suite).toContainEqual(['VC_KEY_NOT_AUTHORIZED', '/proof/verificationMethod']);
    }
  });

  it('a status issuer trusted for one list is not trusted as someone else: trust is by exact id', async () => {
    const registry = await generateIssuerKey({ seed: new Uint8Array(32).fill(57), controller: 'did:web:registry.example.eu' });
    const { signed } = await revokedOne();
    const theirs = await listCredential(cleanList(), {}, registry);
    const controllers = [registry.controllerDocument()];
    for (const trustedStatusIssuers of [['did:web:registry.example.eu:'], ['did:web:REGISTRY.example.eu'], ['https://registry.example.eu'], [issuer.controller], []]) {
      expect(outcome(await verifyCredential(signed, { now, controllers, statusLists: [theirs], trustedStatusIssuers })).issues, String(trustedStatusIssuers)).toEqual(['STATUS_UNKNOWN:list-issuer-mismatch']);
    }
  });
});

describe('the list re-spelled, re-typed or given twice', () => {
  it('encodedList re-spelled after signing (Multibase U, padding, base64, whitespace, upper case): the signature no longer holds', async () => {
    const { signed, genuine } = await revokedOne();
    const encoded: string = genuine.credentialSubject.encodedList;
    const body = encoded.slice(1);
    const std = Buffer.from(body, 'base64url').toString('base64');
    for (const respelled of [`U${body}`, `u${body}==`, `m${std}`, `M${std}`, `u${std.replace(/=+$/, '')}`, ` ${encoded}`, `${encoded}\n`, `u${body.slice(0, 20)}\n${body.slice(20)}`, `u${body.toUpperCase()}`, body]) {
      const changed = { ...genuine, credentialSubject: { ...genuine.credentialSubject, encodedList: respelled } };
      for (const item of [changed, JSON.stringify(changed)]) {
        const r = await verifyCredential(signed, { now, statusLists: [item] });
        expect(outcome(r).issues, JSON.stringify(respelled.slice(0, 12))).toEqual(['STATUS_UNKNOWN:list-unverified']);
      }
    }
  });

  it('the same re-spellings signed by the issuer are lists that cannot be read, never a list of zeros', async () => {
    const { list, signed } = await revokedOne();
    const encoded = list.encoded() as string;
    const body = encoded.slice(1);
    const unsigned = createStatusListCredential(list, { issuer: issuer.controller, validFrom });
    for (const respelled of [`U${body}`, `u${body}==`, `m${Buffer.from(body, 'base64url').toString('base64')}`, `${encoded}\n`, body]) {
      const spelled = await signCredential({ ...unsigned, credentialSubject: { ...unsigned.credentialSubject, encodedList: respelled } }, { key: issuer, created, suite: 'eddsa-jcs-2022' });
      expect(outcome(await verifyCredential(signed, { now, statusLists: [spelled] })).issues, JSON.stringify(respelled.slice(0, 12))).toEqual(['STATUS_UNKNOWN:list-malformed']);
    }
  });

  it('types, subjects and purposes: a list the issuer signed that is not one BitstringStatusList of the entry\'s purpose is not read', async () => {
    const { list, signed } = await revokedOne();
    const unsigned = createStatusListCredential(list, { issuer: issuer.controller, validFrom });
    const subject = unsigned.credentialSubject;
    const variants: [string, Doc, string][] = [
      ['no BitstringStatusListCredential type', { ...unsigned, type: ['VerifiableCredential'] }, 'list-malformed'],
      ['subject of another type', { ...unsigned, credentialSubject: { ...subject, type: 'VerifiableCredential' } }, 'list-malformed'],
      ['two subjects, one clean', { ...unsigned, credentialSubject: [{ ...subject, encodedList: cleanList().encoded() }, { ...subject, id: `${LIST}#list2` }] }, 'list-malformed'],
      ['one subject in an array', { ...unsigned, credentialSubject: [subject] }, 'list-malformed'],
      ['a suspension list', { ...unsigned, credentialSubject: { ...subject, statusPurpose: 'suspension' } }, 'purpose-mismatch'],
      ['purposes of another case', { ...unsigned, credentialSubject: { ...subject, statusPurpose: ['Revocation', 'suspension'] } }, 'purpose-mismatch'],
    ];
    for (const [what, doc, reason] of variants) {
      // The library refuses to sign some of these (not in their canonical form): signed without its checks, they do not verify.
      const byLibrary = await signCredential(doc, { key: issuer, created, suite: 'eddsa-jcs-2022' }).catch(() => undefined);
      const listDoc = byLibrary ?? ((await vcLib.issue({ credential: structuredClone(doc), suite: signingSuite('eddsa-jcs-2022', issuer, new Date(created)), documentLoader: keyLoader([issuer.controllerDocument()]) })) as Doc);
      const r = await verifyCredential(signed, { now, statusLists: [listDoc] });
      expect(outcome(r).issues, what).toEqual([`STATUS_UNKNOWN:${byLibrary ? reason : 'list-unverified'}`]);
    }
    // An entry whose purpose is an array (the list's may be one; an entry's is one string).
    const index = list.allocate();
    const arrayPurpose = await signCredential(credentialWith({ ...list.entry(index), statusPurpose: ['revocation', 'refresh'] }), { key: issuer, created });
    expect(outcome(await verifyCredential(arrayPurpose, { now, statusLists: [await listCredential(list)] }))).toEqual({ verified: false, issues: ['STATUS_ENTRY_MALFORMED'] });
  });

  it('an entry naming the list with a fragment, a query, another case or a trailing slash names another list', async () => {
    const { list, index, genuine } = await revokedOne();
    for (const url of [`${LIST}#list`, `${LIST}#`, `${LIST}?`, `${LIST}?v=2`, `${LIST}/`, LIST.replace('https://uni', 'https://UNI'), LIST.replace('https:', 'HTTPS:')]) {
      const entry = { ...list.entry(index), id: `urn:uuid:51000000-0000-4000-8000-${String(index).padStart(12, '0')}`, statusListCredential: url };
      const signed = await signCredential(credentialWith(entry), { key: issuer, created });
      expect(outcome(await verifyCredential(signed, { now, statusLists: [genuine] })).issues, url).toEqual(['STATUS_UNKNOWN:list-missing']);
      // Fetched for that URL, the genuine list (whose id is another) is not taken for it.
      expect(outcome(await verifyCredential(signed, { now, fetchStatusList: async () => genuine })).verified, url).toBe(false);
    }
  });

  it('JSON text: duplicate members, a byte order mark, the text and the object of two versions', async () => {
    const { signed, genuine } = await revokedOne();
    const text = JSON.stringify(genuine);
    const clean = cleanList().encoded() as string;
    // JSON.parse keeps the last of two members: what was signed is what is read, either way.
    const cleanFirst = text.replace('"encodedList":', `"encodedList":"${clean}","encodedList":`);
    const cleanLast = text.replace(/"encodedList":"[^"]+"/, (m) => `${m},"encodedList":"${clean}"`);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [cleanFirst] })).issues).toEqual(['STATUS_REVOKED']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [cleanLast] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    const idTwice = text.replace(`"id":"${LIST}"`, `"id":"${LIST}-other","id":"${LIST}"`);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [idTwice] })).issues).toEqual(['STATUS_REVOKED']);
    for (const item of [`\uFEFF${text}`, `${text}\u0000`, `${text}}`, `[${text}]`]) {
      expect(outcome(await verifyCredential(signed, { now, statusLists: [item] })).verified, JSON.stringify(item.slice(0, 3))).toBe(false);
      expect(outcome(await verifyCredential(signed, { now, fetchStatusList: async () => item })).verified).toBe(false);
    }
    // An older version (before the revocation) as an object, the current one as text, in either order: the newer is read.
    const before = await listCredential(cleanList(), { validFrom: '2026-01-09T00:00:00Z' });
    expect(outcome(await verifyCredential(signed, { now, statusLists: [before, text] })).issues).toEqual(['STATUS_REVOKED']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [text, JSON.stringify(before), before] })).issues).toEqual(['STATUS_REVOKED']);
  });

  it('items that answer differently on each read (getters, proxies): what is checked is one copy', async () => {
    const { signed, genuine } = await revokedOne();
    // A clean list of the same id, newer, signed by someone else: any copy with a part of it fails.
    const clean = await listCredential(cleanList(), { validFrom: '2026-01-12T00:00:00Z' }, attacker);
    // The first reads see the genuine (revoked) list, later ones the clean one.
    for (const flipAfter of [1, 2, 3, 5, 8, 13]) {
      let reads = 0;
      const flipping = new Proxy(genuine, { get: (target, key) => (++reads > flipAfter ? (clean as Doc)[key as string] : (target as Doc)[key as string]) });
      const r = await verifyCredential(signed, { now, statusLists: [flipping] });
      expect(r.verified, String(flipAfter)).toBe(false);
      expect(r.status![0]!.status).not.toBe('valid');
    }
    let idReads = 0;
    const idFlip = { ...clean, get id() { return ++idReads === 1 ? LIST : `${LIST}-x`; } };
    expect(outcome(await verifyCredential(signed, { now, statusLists: [idFlip, genuine] })).issues).toEqual(['STATUS_REVOKED']);
    // The options' own arrays are read once too.
    const lists: unknown[] = [genuine];
    const pending = verifyCredential(signed, { now, statusLists: lists });
    lists[0] = clean;
    expect(outcome(await pending).issues).toEqual(['STATUS_REVOKED']);
  });
});

describe('the verified-list cache', () => {
  it('a list verified under one trust context is checked again under another; eviction changes nothing', async () => {
    const registry = await generateIssuerKey({ seed: new Uint8Array(32).fill(58), controller: 'did:web:registry.example.eu' });
    const impostor = await generateIssuerKey({ seed: new Uint8Array(32).fill(59), controller: 'did:web:registry.example.eu' });
    const { signed } = await revokedOne();
    const byImpostor = await listCredential(cleanList(), {}, impostor);
    const text = JSON.stringify(byImpostor);
    const trust = { now, statusLists: [text], trustedStatusIssuers: [registry.controller] };
    // Verified (and kept) where the impostor's key is taken for the registry's…
    expect(outcome(await verifyCredential(signed, { ...trust, controllers: [impostor.controllerDocument()] })).verified).toBe(true);
    // …and refused where the registry's real document is held, in any spelling of the same trust inputs.
    for (const options of [{ controllers: [registry.controllerDocument()] }, { controllers: [registry.controllerDocument()], documents: {} }, { controllers: [structuredClone(registry.controllerDocument())] }]) {
      expect(outcome(await verifyCredential(signed, { ...trust, ...options })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    }
    // Without trusting the registry for status, the kept verdict does not make it the issuer's.
    expect(outcome(await verifyCredential(signed, { now, statusLists: [text], controllers: [impostor.controllerDocument()] })).issues).toEqual(['STATUS_UNKNOWN:list-issuer-mismatch']);
    // Seventy other lists later (the kept ones evicted), the same answers.
    for (let i = 0; i < 70; i++) {
      const other = await listCredential(cleanList(`${LIST}/evict/${i}`), {}, issuer);
      await verifyCredential(await signCredential(credentialWith(entryOn(`${LIST}/evict/${i}`, 5)), { key: issuer, created, suite: 'eddsa-jcs-2022' }), { now, statusLists: [other] });
    }
    expect(outcome(await verifyCredential(signed, { ...trust, controllers: [registry.controllerDocument()] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    expect(outcome(await verifyCredential(signed, { ...trust, controllers: [impostor.controllerDocument()] })).verified).toBe(true);
  });

  it('the same list text at another time: expired, not yet valid, stale', async () => {
    const { signed } = await revokedOne();
    const clean = JSON.stringify(await listCredential(cleanList(), { validUntil: '2026-01-20T00:00:00Z', ttl: 7 * 86_400_000 }));
    expect(outcome(await verifyCredential(signed, { now, statusLists: [clean] })).verified).toBe(true);
    expect(outcome(await verifyCredential(signed, { now: '2026-01-18T00:00:00Z', statusLists: [clean] })).issues).toEqual(['STATUS_UNKNOWN:list-stale']);
    expect(outcome(await verifyCredential(signed, { now: '2026-01-21T00:00:00Z', statusLists: [clean] })).issues).toEqual(['STATUS_UNKNOWN:list-expired', ]);
    expect(outcome(await verifyCredential(signed, { now: '2026-01-09T00:00:00Z', statusLists: [clean] })).issues).toEqual(['STATUS_UNKNOWN:list-not-yet-valid']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [clean] })).verified).toBe(true);
  });
});

// ——— SD-JWT VC and the Token Status List ———

const TOKEN_LIST = 'https://uni.example.eu/status/token/51';
const { issuer: uniKey, mallory } = await sdJwtStatusKeys();
const uniKey2 = await generateSdJwtVcKeyPair('ES256', { kid: 'uni-2' });
const malloryEd = await generateSdJwtVcKeyPair('EdDSA', { kid: 'uni-1' });

const tokenList = StatusList.create({ id: TOKEN_LIST, format: 'token', length: 4096 });
const tokenIndex = tokenList.allocate();
const sdJwt = await issueSdJwtVcClaims({ vct: VCT, given_name: 'Erika' }, { key: uniKey.privateJwk, issuer: ISS, status: tokenList.entry(tokenIndex), now: T0, disclosable: ['given_name'] });
/** The list before the revocation, and after. */
const beforeEncoded = tokenList.encoded();
const tokenBefore = { id: TOKEN_LIST, format: 'token', encoded: () => beforeEncoded };
tokenList.revoke(tokenIndex);
const revokedEncoded = tokenList.encoded();
const tokenClaims = { iss: ISS, sub: TOKEN_LIST, iat: t0, exp: t0 + 86_400, ttl: 3600 };

const tokenOf = (options: Partial<Parameters<typeof createStatusListToken>[1]> = {}, source: { id: string; encoded(): unknown; format?: string } = tokenList) =>
  createStatusListToken(source, { key: uniKey.privateJwk, issuer: ISS, iat: T0, exp: at(86_400), ttl: 3600, ...options });
const forgeToken = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256', typ: 'statuslist+jwt', kid: 'uni-1' }, key = asTestKey(uniKey)) => signJws(header, payload, key);
const verifySd = (options: VerifySdJwtVcOptions, presentation = sdJwt) => verifySdJwtVc(presentation, { issuerKeys: [uniKey.publicJwk], vct: VCT, now: at(60), ...options });
const sdOutcome = (r: SdJwtVcVerification) => ({ verified: r.verified, status: r.status.map((s) => s.status), issues: r.issues.map((i) => `${i.code}${i.details?.reason ? `:${i.details.reason}` : ''}`) });
const unknownFor = (reason: string) => ({ verified: false, status: ['unknown'], issues: [`STATUS_UNKNOWN:${reason}`] });
const REVOKED = { verified: false, status: ['revoked'], issues: ['STATUS_REVOKED'] };

/** A compact ES256 JWS over exactly `payloadText` (to sign JSON spellings JSON.stringify never makes). */
function signText(header: Record<string, unknown>, payloadText: string, key: TestKey): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payloadText).toString('base64url')}`;
  const signature = nodeSign('sha256', Buffer.from(input, 'ascii'), { key: createPrivateKey({ key: key.privateJwk as never, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

describe('Status List Tokens: replayed, early, late', () => {
  it('iat, nbf, exp and ttl at their edges, with the clock skew', async () => {
    const old = await tokenOf({}, tokenBefore);
    expect(sdOutcome(await verifySd({ statusLists: [old], now: at(3600 + 60) }))).toEqual({ verified: true, status: ['valid'], issues: [] }); // within ttl + skew: by design
    expect(sdOutcome(await verifySd({ statusLists: [old], now: at(3600 + 61) }))).toEqual(unknownFor('list-stale'));
    expect(sdOutcome(await verifySd({ statusLists: [old], now: at(3600 + 61), clockSkew: 0 }))).toEqual(unknownFor('list-stale'));
    expect(sdOutcome(await verifySd({ statusLists: [await tokenOf({ exp: at(120), ttl: undefined }, tokenBefore)], now: at(181) }))).toEqual(unknownFor('list-expired'));
    // Issued in the future (beyond the skew), or valid only later (nbf): not yet usable, and an older revoked token still counts.
    const early = await tokenOf({ iat: at(200) }, tokenBefore);
    expect(sdOutcome(await verifySd({ statusLists: [early] }))).toEqual(unknownFor('list-not-yet-valid'));
    const current = await tokenOf();
    expect(sdOutcome(await verifySd({ statusLists: [early, current] }))).toEqual(REVOKED);
    const notBefore = await forgeToken({ ...tokenClaims, iat: t0 + 30, nbf: t0 + 600, status_list: beforeEncoded });
    expect(sdOutcome(await verifySd({ statusLists: [notBefore] }))).toEqual(unknownFor('list-not-yet-valid'));
    expect(sdOutcome(await verifySd({ statusLists: [notBefore, current] }))).toEqual(REVOKED);
    // The older token beside the newer (both issued in the same second), in any order: the revocation counts.
    expect(JSON.parse(Buffer.from(old.split('.')[1]!, 'base64url').toString()).iat).toBe(JSON.parse(Buffer.from(current.split('.')[1]!, 'base64url').toString()).iat);
    for (const statusLists of [[old, current], [current, old], [old, old, current, old]]) expect(sdOutcome(await verifySd({ statusLists }))).toEqual(REVOKED);
    // Same iat, one suspended and one not, or one suspended and one revoked: the more severe.
    const s = StatusList.create({ id: TOKEN_LIST, format: 'token', length: 4096 });
    const mine = s.allocate();
    const suspendable = await issueSdJwtVcClaims({ vct: VCT }, { key: uniKey.privateJwk, issuer: ISS, status: s.entry(mine), now: T0 });
    const lifted = await tokenOf({}, s);
    const liftedEncoded = s.encoded();
    s.suspend(mine);
    const suspended = await tokenOf({}, s);
    const SUSPENDED = { verified: false, status: ['suspended'], issues: ['STATUS_SUSPENDED'] };
    for (const statusLists of [[lifted, suspended], [suspended, lifted]]) expect(sdOutcome(await verifySd({ statusLists }, suspendable))).toEqual(SUSPENDED);
    s.reinstate(mine);
    s.revoke(mine);
    expect(sdOutcome(await verifySd({ statusLists: [suspended, await tokenOf({}, s), lifted] }, suspendable))).toEqual(REVOKED);
    // A later token lifts the suspension; a token of someone else with the same iat changes nothing.
    expect(sdOutcome(await verifySd({ statusLists: [suspended, await tokenOf({ iat: at(30) }, { id: TOKEN_LIST, format: 'token', encoded: () => liftedEncoded })] }, suspendable))).toEqual({ verified: true, status: ['valid'], issues: [] });
    expect(sdOutcome(await verifySd({ statusLists: [await tokenOf({ key: mallory.privateJwk }, tokenBefore), current] }))).toEqual(REVOKED);
    // A newer token of someone else beside the issuer's: never the one read.
    const newerFake = await tokenOf({ key: mallory.privateJwk, iat: at(50) }, tokenBefore);
    expect(sdOutcome(await verifySd({ statusLists: [newerFake, current] }))).toEqual(REVOKED);
    expect(sdOutcome(await verifySd({ statusLists: [newerFake] }))).toEqual(unknownFor('list-unverified'));
  });
});

describe('Status List Tokens: a newer token supersedes older ones, even once it has expired', () => {
  it('an older token that never expires does not stand in for a newer one that has expired or gone stale', async () => {
    // The issuer once published tokens without exp or ttl; the current token has them, and says revoked.
    const forever = await tokenOf({ exp: undefined, ttl: undefined }, tokenBefore);
    const expired = await tokenOf({ iat: at(30), exp: at(120), ttl: undefined });
    const stale = await tokenOf({ iat: at(30), exp: undefined, ttl: 60 });
    expect(sdOutcome(await verifySd({ statusLists: [forever], now: at(600) }))).toEqual({ verified: true, status: ['valid'], issues: [] }); // alone: by design
    for (const [what, newer, reason] of [['expired', expired, 'list-expired'], ['stale', stale, 'list-stale']] as const) {
      for (const statusLists of [[forever, newer], [newer, forever]]) {
        expect(sdOutcome(await verifySd({ statusLists, now: at(600) })), what).toEqual(unknownFor(reason));
      }
    }
    // A newer token that is not valid yet (nbf) leaves the current one in force.
    const scheduled = await forgeToken({ ...tokenClaims, iat: t0 + 30, nbf: t0 + 3600, status_list: beforeEncoded });
    expect(sdOutcome(await verifySd({ statusLists: [scheduled, await tokenOf()] }))).toEqual(REVOKED);
    // A newer token of someone else, expired or not, is not the issuer's: the issuer's own is read.
    const theirs = await tokenOf({ key: mallory.privateJwk, iat: at(40), exp: at(50) }, tokenBefore);
    expect(sdOutcome(await verifySd({ statusLists: [theirs, await tokenOf()] }))).toEqual(REVOKED);
  });
});

describe('Status List Tokens: sub, iss, kid and alg', () => {
  it('a token whose sub differs from the uri in any way is another list\'s', async () => {
    for (const sub of [`${TOKEN_LIST}/`, TOKEN_LIST.replace('uni.', 'UNI.'), `${TOKEN_LIST}#x`, `${TOKEN_LIST}?`, TOKEN_LIST.replace('.eu/', '.eu:443/'), TOKEN_LIST.replace('/status/', '/status%2F'), ` ${TOKEN_LIST}`]) {
      const token = await tokenOf({}, { id: 'urn:placeholder', format: 'token', encoded: () => beforeEncoded });
      const relabelled = await forgeToken({ ...tokenClaims, sub, status_list: beforeEncoded });
      expect(sdOutcome(await verifySd({ statusLists: [relabelled] })), sub).toEqual(unknownFor('list-missing'));
      expect(sdOutcome(await verifySd({ fetchStatusList: async () => relabelled })), sub).toEqual(unknownFor('list-unverified'));
      expect(token).not.toContain(Buffer.from(sub).toString('base64url'));
    }
  });

  it('iss absent speaks for the credential\'s issuer only with its key; a look-alike iss is another issuer', async () => {
    expect(sdOutcome(await verifySd({ statusLists: [await tokenOf({ issuer: undefined })] }))).toEqual(REVOKED);
    expect(sdOutcome(await verifySd({ statusLists: [await tokenOf({ issuer: undefined, key: mallory.privateJwk }, tokenBefore)] }))).toEqual(unknownFor('list-unverified'));
    for (const iss of [`${ISS}/`, ISS.toUpperCase(), 'https://uni.example.eu:443', 'did:web:uni.example.eu']) {
      const keys = { [ISS]: [uniKey.publicJwk], [iss]: [uniKey.publicJwk] };
      // Signed by the very same key, under another name: not the credential's issuer.
      expect(sdOutcome(await verifySd({ issuerKeys: keys, statusLists: [await tokenOf({ issuer: iss }, tokenBefore)] })), iss).toEqual(unknownFor('list-issuer-mismatch'));
    }
  });

  it('kid and alg: the header chooses among the issuer\'s keys, never adds one', async () => {
    const keys = { [ISS]: [uniKey.publicJwk, uniKey2.publicJwk], 'https://mallory.example': [{ ...mallory.publicJwk, kid: 'm-1' }] };
    const options = { issuerKeys: keys };
    // Rotation: the issuer's second key signs the token: fine.
    expect(sdOutcome(await verifySd({ ...options, statusLists: [await tokenOf({ key: uniKey2.privateJwk })] }))).toEqual(REVOKED);
    const clean = tokenBefore;
    // The issuer's second key named by the first's kid; Mallory's key under the issuer's kid or its own.
    for (const [what, token] of [
      ['uni-2 under kid uni-1', await tokenOf({ key: uniKey2.privateJwk, kid: 'uni-1' }, clean)],
      ['mallory under kid uni-1', await tokenOf({ key: mallory.privateJwk, kid: 'uni-1' }, clean)],
      ['mallory under kid m-1, iss the issuer', await tokenOf({ key: mallory.privateJwk, kid: 'm-1' }, clean)],
      ['mallory without kid', await forgeToken({ ...tokenClaims, status_list: beforeEncoded }, { alg: 'ES256', typ: 'statuslist+jwt' }, asTestKey(mallory))],
      ['EdDSA by mallory', await forgeToken({ ...tokenClaims, status_list: beforeEncoded }, { alg: 'EdDSA', typ: 'statuslist+jwt', kid: 'uni-1' }, asTestKey(malloryEd, 'EdDSA'))],
      ['ES384 header, ES256 signature', respell(await tokenOf({}, clean), { header: (h) => ({ ...h, alg: 'ES384' }) })],
      ['alg None', respell(await tokenOf({}, clean), { header: (h) => ({ ...h, alg: 'None' }) })],
      ['a jwk in the header', await forgeToken({ ...tokenClaims, status_list: beforeEncoded }, { alg: 'ES256', typ: 'statuslist+jwt', jwk: mallory.publicJwk }, asTestKey(mallory))],
    ] as const) {
      expect(sdOutcome(await verifySd({ ...options, statusLists: [token] })), what).toEqual(unknownFor('list-unverified'));
      expect(sdOutcome(await verifySd({ ...options, statusLists: [token, await tokenOf({ iat: at(-30) })] })), what).toEqual(REVOKED);
    }
    // Mallory as herself: another issuer, unless trusted for status.
    const hers = await tokenOf({ key: mallory.privateJwk, kid: 'm-1', issuer: 'https://mallory.example' }, clean);
    expect(sdOutcome(await verifySd({ ...options, statusLists: [hers] }))).toEqual(unknownFor('list-issuer-mismatch'));
  });
});

describe('Status List Tokens: the verified-token cache', () => {
  it('a token checked under keys that took another\'s for the issuer\'s is checked again under the issuer\'s metadata, keys or trust', async () => {
    const byMallory = await tokenOf({ key: mallory.privateJwk, iat: at(20) }, tokenBefore);
    // A verifier misled once (Mallory's key given as the issuer's)…
    expect(sdOutcome(await verifySd({ issuerKeys: { [ISS]: [uniKey.publicJwk, mallory.publicJwk] }, statusLists: [byMallory] })).status).toEqual(['valid']);
    // …is not misled again once it holds the issuer's real keys, however it holds them.
    const metadata = [{ issuer: ISS, jwks: { keys: [uniKey.publicJwk] } }];
    for (const options of [{ issuerKeys: { [ISS]: [uniKey.publicJwk] } }, { issuerKeys: undefined, issuerMetadata: metadata }, { issuerKeys: [uniKey.publicJwk] }]) {
      expect(sdOutcome(await verifySd({ ...options, statusLists: [byMallory] }))).toEqual(unknownFor('list-unverified'));
      expect(sdOutcome(await verifySd({ ...options, statusLists: [byMallory, await tokenOf()] }))).toEqual(REVOKED);
    }
    // Mallory's own token, kept as trusted once, is another issuer's when she is no longer trusted.
    const hers = await tokenOf({ key: mallory.privateJwk, issuer: 'https://mallory.example', iat: at(20) }, tokenBefore);
    const keys = { [ISS]: [uniKey.publicJwk], 'https://mallory.example': [mallory.publicJwk] };
    expect(sdOutcome(await verifySd({ issuerKeys: keys, trustedStatusIssuers: ['https://mallory.example'], statusLists: [hers] })).status).toEqual(['valid']);
    expect(sdOutcome(await verifySd({ issuerKeys: keys, statusLists: [hers] }))).toEqual(unknownFor('list-issuer-mismatch'));
  });
});

describe('Status List Tokens: the list, the status claim and the token\'s text', () => {
  it('bits and lst changed after signing, or lst with data after the stream', async () => {
    const honest = await tokenOf();
    for (const bits of [1, 4, 8]) expect(sdOutcome(await verifySd({ statusLists: [respell(honest, { payload: (p) => ({ ...p, status_list: { ...p.status_list, bits } }) })] })), String(bits)).toEqual(unknownFor('list-unverified'));
    const lst = (revokedEncoded as { lst: string }).lst;
    const twoStreams = Buffer.concat([Buffer.from(lst, 'base64url'), deflateSync(new Uint8Array(1024))]).toString('base64url');
    const trailing = Buffer.concat([Buffer.from(lst, 'base64url'), Buffer.from([0])]).toString('base64url');
    for (const changed of [twoStreams, trailing]) {
      expect(sdOutcome(await verifySd({ statusLists: [respell(honest, { payload: (p) => ({ ...p, status_list: { bits: 2, lst: changed } }) })] }))).toEqual(unknownFor('list-unverified'));
      expect(sdOutcome(await verifySd({ statusLists: [await forgeToken({ ...tokenClaims, status_list: { bits: 2, lst: changed } })] }))).toEqual(unknownFor('list-malformed'));
    }
  });

  it('the status claim with digests inside it, or idx spelled as 1.0, 1e0, 2^53 + 1', async () => {
    const d = disclosure('status_list', { idx: tokenIndex, uri: TOKEN_LIST });
    const sign = (payload: Record<string, unknown>) => forgeToken({ iss: ISS, vct: VCT, iat: t0, _sd_alg: 'sha-256', ...payload }, { alg: 'ES256', typ: 'dc+sd-jwt', kid: 'uni-1' });
    for (const status of [{ _sd: [d.digest] }, { status_list: { _sd: [d.digest], uri: TOKEN_LIST } }, { status_list: { idx: tokenIndex, uri: TOKEN_LIST, _sd: [d.digest] } }]) {
      const r = await verifySd({ statusLists: [await tokenOf()] }, sdJwtOf(await sign({ status }), [d.encoded]));
      expect(r.verified, JSON.stringify(status)).toBe(false);
      expect(r.issues.map((i) => i.code)).toContain('STATUS_ENTRY_MALFORMED');
      expect(r.status.every((s) => s.status !== 'valid')).toBe(true);
    }
    // The same number in other JSON spellings is the same index: what the issuer signed is read.
    const list = StatusList.create({ id: `${TOKEN_LIST}/n`, format: 'token', length: 1024 });
    while (list.allocate() !== 1);
    list.revoke(1);
    const token = await tokenOf({}, list);
    for (const idx of ['1', '1.0', '1e0', '1E0', '10e-1']) {
      const jwt = signText({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'uni-1' }, `{"iss":"${ISS}","vct":"${VCT}","iat":${t0},"_sd_alg":"sha-256","status":{"status_list":{"idx":${idx},"uri":"${list.id}"}}}`, asTestKey(uniKey));
      expect(sdOutcome(await verifySd({ statusLists: [token] }, `${jwt}~`)), idx).toEqual(REVOKED);
    }
    for (const idx of ['9007199254740993', '1e400', '-1', '1.5', '"1"', 'null']) {
      const jwt = signText({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'uni-1' }, `{"iss":"${ISS}","vct":"${VCT}","iat":${t0},"_sd_alg":"sha-256","status":{"status_list":{"idx":${idx},"uri":"${list.id}"}}}`, asTestKey(uniKey));
      const r = await verifySd({ statusLists: [token] }, `${jwt}~`);
      expect(r.verified, idx).toBe(false);
      expect(r.status.every((s) => s.status !== 'valid'), idx).toBe(true);
    }
  });

  it('a token with an SD-JWT tail (~, a key-binding JWT), spaces, or another typ spelling', async () => {
    const honest = await tokenOf();
    for (const text of [`${honest}~`, `${honest}~${honest}`, `~${honest}`, `${honest} `, `\n${honest}`, `${honest}.`]) {
      expect(sdOutcome(await verifySd({ statusLists: [text] })).verified, JSON.stringify(text.slice(-3))).toBe(false);
      expect(sdOutcome(await verifySd({ fetchStatusList: async () => text })).status).toEqual(['unknown']);
    }
    for (const typ of ['statuslist+JWT', ' statuslist+jwt', 'application/statuslist+jwt; v=1', 'dc+sd-jwt', 'statuslist+cwt']) {
      expect(sdOutcome(await verifySd({ fetchStatusList: async () => forgeToken({ ...tokenClaims, status_list: beforeEncoded }, { alg: 'ES256', typ, kid: 'uni-1' }) })), typ).toEqual(unknownFor('list-malformed'));
    }
    // The credential itself (typ dc+sd-jwt, signed by the issuer) is not a status list token.
    expect(sdOutcome(await verifySd({ fetchStatusList: async () => sdJwt.split('~')[0] })).verified).toBe(false);
  });
});

describe('presentations', () => {
  it('each embedded credential is checked with the presentation\'s status options and reported on its own', async () => {
    const holder = await generateIssuerKey({ seed: new Uint8Array(32).fill(60) });
    const revocations = StatusList.create({ id: LIST, format: 'bitstring' });
    const suspensions = StatusList.create({ id: `${LIST}/s`, format: 'bitstring', purpose: 'suspension' });
    const [r, s, v] = [revocations.allocate(), suspensions.allocate(), revocations.allocate()];
    const credentials = await Promise.all([revocations.entry(r), suspensions.entry(s), revocations.entry(v)].map((e, n) => signCredential(credentialWith(e, issuer, `urn:uuid:51000000-0000-4000-8000-00000000002${n}`), { key: issuer, created })));
    revocations.revoke(r);
    suspensions.suspend(s);
    const vp = await signPresentation(createPresentation({ credentials, holder: holder.controller }), { key: holder, challenge: 'c-51', domain: 'verifier.example' });
    const lists = [await listCredential(revocations), await listCredential(suspensions)];
    const options = { now, challenge: 'c-51', domain: 'verifier.example' };
    const result = await verifyPresentation(vp, { ...options, statusLists: lists });
    expect(result.verified).toBe(false);
    expect(result.credentials.map((c) => [c.verified, c.status?.map((x) => x.status)])).toEqual([[false, ['revoked']], [false, ['suspended']], [true, ['valid']]]);
    expect(result.issues.map((i) => [i.code, i.path, (i.details as { credential?: number }).credential])).toEqual([
      ['STATUS_REVOKED', '/verifiableCredential/0/credentialStatus', 0],
      ['STATUS_SUSPENDED', '/verifiableCredential/1/credentialStatus', 1],
    ]);
    // The fetch, the trusted status issuers and acceptUncheckedStatus reach every credential.
    const asked: string[] = [];
    const fetched = await verifyPresentation(vp, { ...options, fetchStatusList: async (url) => (asked.push(url), lists.find((l) => l.id === url)) });
    expect(fetched.credentials.map((c) => c.status?.[0]?.status)).toEqual(['revoked', 'suspended', 'valid']);
    expect([...new Set(asked)].sort()).toEqual([LIST, `${LIST}/s`]);
    const unchecked = await verifyPresentation(vp, { ...options, acceptUncheckedStatus: true });
    expect(unchecked.issues.map((i) => i.code)).toEqual(['STATUS_NOT_CHECKED', 'STATUS_NOT_CHECKED', 'STATUS_NOT_CHECKED']);
    const theirs = await listCredential(cleanList(), {}, attacker);
    const other = await verifyPresentation(vp, { ...options, statusLists: [theirs, lists[1]], trustedStatusIssuers: ['did:web:registry.example.eu'] });
    expect(other.credentials.map((c) => c.status?.[0]?.status)).toEqual(['unknown', 'suspended', 'unknown']);
  });

  it('a list carried inside the presentation is not a list the verifier holds', async () => {
    const holder = await generateIssuerKey({ seed: new Uint8Array(32).fill(61) });
    const { signed, list } = await revokedOne();
    const before = await listCredential(cleanList(), { validFrom: '2026-01-12T00:00:00Z' });
    const vp = await signPresentation(createPresentation({ credentials: [signed, before], holder: holder.controller }), { key: holder, challenge: 'c-52', domain: 'verifier.example' });
    const result = await verifyPresentation(vp, { now, challenge: 'c-52', domain: 'verifier.example' });
    expect(result.verified).toBe(false);
    expect(result.credentials[0]!.status?.map((s) => s.status)).toEqual(['unknown']);
    expect(result.issues.map((i) => `${i.code}:${(i.details as { reason?: string }).reason}`)).toEqual(['STATUS_UNKNOWN:list-missing']);
    expect(list.get(Number(signed.credentialStatus.statusListIndex))).toBe(1);
  });
});

describe('independent checkers read what the library wrote', () => {
  it('random revocations and suspensions of W3C lists: @digitalbazaar/vc-bitstring-status-list reads the same bits, and its checkStatus the same verdicts', async () => {
    const revocations = StatusList.create({ id: LIST, format: 'bitstring', purpose: 'revocation' });
    const suspensions = StatusList.create({ id: `${LIST}/s`, format: 'bitstring', purpose: 'suspension' });
    const people = Array.from({ length: 400 }, () => [revocations.allocate(), suspensions.allocate()] as const);
    for (const [r, s] of people) {
      if (Math.random() < 0.3) revocations.revoke(r);
      if (Math.random() < 0.4) suspensions.suspend(s);
      if (suspensions.get(s) === 1 && Math.random() < 0.3) suspensions.reinstate(s);
    }
    const lists = [await listCredential(revocations, { vc: '1.1' }), await listCredential(suspensions)];
    const [theirR, theirS] = await Promise.all(lists.map((l) => digitalbazaar.decodeList({ encodedList: l.credentialSubject.encodedList })));
    for (const [r, s] of people) {
      expect(theirR.getStatus(r)).toBe(revocations.get(r) === 1);
      expect(theirS.getStatus(s)).toBe(suspensions.get(s) === 1);
    }
    // Whole credentials, end to end, for a sample.
    const loader = async (url: string) => {
      const list = lists.find((l) => l.id === url);
      if (list) return { contextUrl: null, documentUrl: url, document: structuredClone(list) };
      return keyLoader([issuer.controllerDocument()])(url);
    };
    for (const [n, [r, s]] of people.slice(0, 12).entries()) {
      const credential = await signCredential(credentialWith([revocations.entry(r), suspensions.entry(s)], issuer, `urn:uuid:51000000-0000-4000-8000-0000000003${String(n).padStart(2, '0')}`), { key: issuer, created });
      const theirs = await digitalbazaar.checkStatus({ credential, documentLoader: loader, suite: verifyingSuites(), verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true });
      expect(theirs.verified, String(theirs.error)).toBe(true);
      const ours = await verifyCredential(credential, { now, statusLists: lists });
      expect(ours.status!.map((c) => c.status !== 'valid')).toEqual(theirs.results.map((x: { status: boolean }) => x.status));
      expect(ours.status!.map((c) => c.status)).toEqual([revocations.get(r) ? 'revoked' : 'valid', suspensions.get(s) ? 'suspended' : 'valid']);
    }
  });

  it('message lists of 2, 4 and 8 bits: a reader written from the REC (node:zlib, MSB first) reads the same values', async () => {
    for (const statusSize of [2, 4, 8] as const) {
      const statusMessages = Array.from({ length: 2 ** statusSize }, (_, v) => ({ status: `0x${v.toString(16)}`, message: `m${v}` }));
      const list = StatusList.create({ id: `${LIST}/m${statusSize}`, format: 'bitstring', purpose: 'message', statusSize, statusMessages });
      const set = Array.from({ length: 300 }, () => {
        const i = list.allocate();
        const value = Math.floor(Math.random() * 2 ** statusSize);
        list.set(i, value);
        return [i, value] as const;
      });
      const published = await listCredential(list, {});
      const bytes = gunzipSync(Buffer.from(published.credentialSubject.encodedList.slice(1), 'base64url'));
      const read = (i: number) => {
        let v = 0;
        for (let b = i * statusSize; b < (i + 1) * statusSize; b++) v = (v << 1) | ((bytes[b >> 3]! >> (7 - (b & 7))) & 1);
        return v;
      };
      for (const [i, value] of set) expect(read(i), `${statusSize} bits, index ${i}`).toBe(value);
      const [i, value] = set.find(([, v]) => v !== 0)!;
      const credential = await signCredential(credentialWith(list.entry(i)), { key: issuer, created });
      const ours = await verifyCredential(credential, { now, statusLists: [published] });
      expect(ours.status![0]).toMatchObject({ status: 'message', value, message: `m${value}` });
    }
  });

  it('random Token Status Lists: jose verifies the token, @sd-jwt/jwt-status-list reads the statuses, verifySdJwtVc agrees', async () => {
    const list = StatusList.create({ id: `${TOKEN_LIST}/random`, format: 'token', length: 2048 });
    const people = Array.from({ length: 300 }, () => list.allocate());
    for (const i of people) {
      const roll = Math.random();
      if (roll < 0.25) list.revoke(i);
      else if (roll < 0.5) list.suspend(i);
      if (list.get(i) === 2 && Math.random() < 0.3) list.reinstate(i);
    }
    const token = await tokenOf({}, list);
    const { protectedHeader, payload } = await jwtVerify(token, await importJWK(uniKey.publicJwk as never, 'ES256'), { typ: 'statuslist+jwt', currentDate: at(60) });
    expect([protectedHeader.typ, payload.sub, payload.iss]).toEqual(['statuslist+jwt', list.id, ISS]);
    const theirs = getListFromStatusListJWT(token);
    for (const i of people) expect(theirs.getStatus(i), String(i)).toBe(list.get(i));
    for (const i of people.slice(0, 8)) {
      const credential = await issueSdJwtVcClaims({ vct: VCT }, { key: uniKey.privateJwk, issuer: ISS, status: list.entry(i), now: T0 });
      const status = (await verifySd({ statusLists: [token] }, credential)).status[0]!;
      expect([status.status, status.value]).toEqual([['valid', 'revoked', 'suspended'][theirs.getStatus(i)], theirs.getStatus(i)]);
    }
  });
});

describe('denial of service through the lists', () => {
  it('a list of 2^24 entries is read to its last index; a deep or huge list text is refused without a crash', async () => {
    const size = 2 ** 24;
    const bits = new Uint8Array(size / 8);
    bits[bits.length - 1] = 0x01; // the last index, MSB first: bit 7 of the last byte
    const unsigned = createStatusListCredential(cleanList(), { issuer: issuer.controller, validFrom });
    const big = await signCredential({ ...unsigned, credentialSubject: { ...unsigned.credentialSubject, encodedList: `u${gzipSync(bits).toString('base64url')}` } }, { key: issuer, created, suite: 'eddsa-jcs-2022' });
    const last = await signCredential(credentialWith(entryOn(LIST, size - 1)), { key: issuer, created });
    const before = await signCredential(credentialWith(entryOn(LIST, size - 2), issuer, 'urn:uuid:51000000-0000-4000-8000-000000000040'), { key: issuer, created });
    expect(outcome(await verifyCredential(last, { now, statusLists: [big] })).issues).toEqual(['STATUS_REVOKED']);
    expect(outcome(await verifyCredential(before, { now, statusLists: [big] })).issues).toEqual([]);
    const { signed } = await revokedOne();
    const deep = `{"id":"${LIST}","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const huge = `{"id":"${LIST}","x":"${'a'.repeat(33_000_000)}"}`;
    for (const text of [deep, huge]) {
      for (const options of [{ statusLists: [text] }, { fetchStatusList: async () => text }]) {
        const r = await verifyCredential(signed, { now, ...options });
        expect(r.verified).toBe(false);
        expect(r.status![0]!.status).toBe('unknown');
      }
    }
  });

  it('many lists held: a credential is checked against thousands in bounded time; too many tokens is a misuse said as such', async () => {
    const { signed, genuine } = await revokedOne();
    const held: unknown[] = Array.from({ length: 5000 }, (_, i) => JSON.stringify({ ...genuine, id: `${LIST}/other/${i}` }));
    held.push(genuine);
    const started = performance.now();
    expect(outcome(await verifyCredential(signed, { now, statusLists: held })).issues).toEqual(['STATUS_REVOKED']);
    expect(performance.now() - started).toBeLessThan(20_000);
    const tokens = Array.from({ length: 1001 }, () => 'x.y.z');
    const r = await verifySd({ statusLists: tokens });
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('SDJWT_OPTIONS_INVALID');
  });
});

describe('the options themselves', () => {
  it('a statusLists or trustedStatusIssuers array too long to read (sparse ones too) is a TypeError, not an exhausted process', async () => {
    const { signed } = await revokedOne();
    for (const options of [{ statusLists: new Array(2 ** 27) }, { trustedStatusIssuers: new Array(2 ** 27) }, { statusLists: Array.from({ length: 10_001 }, () => null) }]) {
      await expect(verifyCredential(signed, { now, ...options })).rejects.toThrow(/more than the 10000/);
      await expect(verifyPresentation({}, { now, challenge: 'c', domain: 'd', ...options })).rejects.toThrow(/more than the 10000/);
    }
    expect(outcome(await verifyCredential(signed, { now, statusLists: Array.from({ length: 10_000 }, () => null) })).issues).toEqual(['STATUS_UNKNOWN:list-missing']);
  });
});

describe('denial of service through versions of a list', () => {
  it('a thousand forged versions with the date of the current list cost a few signature checks, not a thousand', async () => {
    const { signed, genuine } = await revokedOne();
    const forged = Array.from({ length: 1000 }, (_, i) => ({ ...genuine, credentialSubject: { ...genuine.credentialSubject, id: `${LIST}#v${i}` } }));
    const started = performance.now();
    const r = await verifyCredential(signed, { now, statusLists: [genuine, ...forged] });
    const elapsed = performance.now() - started;
    expect(outcome(r).issues).toEqual(['STATUS_REVOKED']);
    // One signature check of a list takes milliseconds: a thousand take seconds.
    const one = performance.now();
    await verifyCredential(signed, { now, statusLists: [forged[0]] });
    expect(elapsed, `${elapsed} ms, one list ${performance.now() - one} ms`).toBeLessThan(2_000);
  });
});

describe('lists from other encoders decode to the right bits', () => {
  it('GZIP with a file name, comment, extra field or header CRC, at any level; ZLIB with any window and level', () => {
    const bits = new Uint8Array(16384);
    const set = Array.from({ length: 200 }, () => Math.floor(Math.random() * 131072));
    for (const i of set) bits[i >> 3]! |= 0x80 >> (i & 7);
    const raw = deflateRawSync(bits);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(bits) >>> 0, 0);
    trailer.writeUInt32LE(bits.length, 4);
    const member = (flags: number, extra: Buffer) => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, flags, 0x12, 0x34, 0x56, 0x78, 0, 255]), extra, raw, trailer]);
    const header = Buffer.from([0x1f, 0x8b, 8, 2, 0, 0, 0, 0, 0, 3]);
    const hcrc = Buffer.alloc(2);
    hcrc.writeUInt16LE(crc32(header) & 0xffff);
    const gzips = [member(0, Buffer.alloc(0)), member(8, Buffer.from('status-list.bin\0')), member(16, Buffer.from('made elsewhere\0')), member(4, Buffer.from([4, 0, 0x41, 0x42, 0, 0])), Buffer.concat([header, hcrc, raw, trailer]), ...[0, 1, 9].map((level) => gzipSync(bits, { level })), gzipSync(bits, { strategy: zlibConstants.Z_HUFFMAN_ONLY })];
    for (const [n, gz] of gzips.entries()) {
      const decoded = decodeBitstring(`u${gz.toString('base64url')}`);
      expect(Buffer.from(decoded).equals(Buffer.from(bits)), `gzip variant ${n}`).toBe(true);
      for (const i of set.slice(0, 20)) expect(readBitstringStatus(decoded, i, 1)).toBe(1);
    }
    const bytes = bits.slice(0, 4096);
    for (const level of [0, 1, 6, 9]) {
      for (const windowBits of [9, 11, 13, 15]) {
        const { bytes: decoded } = decodeTokenStatusList({ bits: 1, lst: deflateSync(bytes, { level, windowBits }).toString('base64url') });
        expect(Buffer.from(decoded).equals(Buffer.from(bytes)), `zlib level ${level} window ${windowBits}`).toBe(true);
      }
    }
  });
});
