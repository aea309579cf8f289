/**
 * A hostile review of the verifiers' status checking: each class of attack a party without the
 * issuer's key can try, with variants, against verifyCredential / verifyPresentation (W3C Bitstring
 * Status List) and verifySdJwtVc (IETF Token Status List). Every test fails if its hole were open:
 * a revoked credential reported valid, a list of someone else's accepted, an expired list used, or
 * a verifier made to do work out of proportion with what it was given.
 */
import * as vcLib from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { StatusList } from '../src/status/list.js';
import { keyLoader } from '../src/vc/resolver.js';
import { createStatusListCredential } from '../src/vc/status/list-credential.js';
import { signingSuite } from '../src/vc/suites.js';
import { generateIssuerKey, type IssuerKey, signCredential, SUITES, type SuiteName, verifyCredential } from '../src/vc.js';

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
      expect(outcome(await verifyCredential(signed, { now, controllers, statusLists: [clean] })).issues, lookalike).toEqual(['STATUS_UNKNOWN:list-issuer-mismatch']);
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
