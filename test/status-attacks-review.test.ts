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
