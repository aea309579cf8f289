// Attacks on the status of W3C credentials: a status list that is not the issuer's current list for
// the entry must never make a credential "valid". One test per class, with several variants: lists
// signed or issued by someone else, another list, an old list, an expired list, a tampered or
// re-spelled list, re-spelled entries, indexes outside the list, short lists, purposes, GZIP bombs,
// several entries, the verified-list cache, and hostile lists and fetch results.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { StatusList } from '../src/status/list.js';
import { createStatusListCredential } from '../src/vc/status/list-credential.js';
import { generateIssuerKey, type IssuerKey, signCredential, verifyCredential } from '../src/vc.js';

type Doc = Record<string, any>;
const created = '2026-01-01T00:00:00Z';
const validFrom = '2026-01-10T00:00:00Z';
const now = '2026-01-15T00:00:00Z';
const issuer = await generateIssuerKey({ seed: new Uint8Array(32).fill(31) });
const attacker = await generateIssuerKey({ seed: new Uint8Array(32).fill(32) });
const LIST = 'https://uni.example.eu/status/7';

const credentialWith = (credentialStatus: unknown, id = 'urn:uuid:7d1c2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b'): Doc => ({
  '@context': [CONTEXT_URLS.VC_V2],
  id,
  type: 'VerifiableCredential',
  issuer: issuer.controller,
  validFrom: '2026-01-05T00:00:00Z',
  credentialSubject: { id: 'did:example:learner', name: 'Anna Novak' },
  credentialStatus,
});

async function listCredential(list: StatusList, options: Partial<Parameters<typeof createStatusListCredential>[1]> = {}, signer: IssuerKey = issuer): Promise<Doc> {
  return signCredential(createStatusListCredential(list, { issuer: signer.controller, validFrom, ...options }), { key: signer, created });
}

/** A fresh revocation list with one credential on it, signed. */
async function revocable(): Promise<{ list: StatusList; index: number; signed: Doc }> {
  const list = StatusList.create({ id: LIST, format: 'bitstring', purpose: 'revocation' });
  const index = list.allocate();
  return { list, index, signed: await signCredential(credentialWith(list.entry(index)), { key: issuer, created }) };
}

const outcome = (r: { issues: { code: string; details?: unknown }[]; verified: boolean }) => ({
  verified: r.verified,
  issues: r.issues.map((i) => `${i.code}${(i.details as { reason?: string } | undefined)?.reason ? `:${(i.details as { reason: string }).reason}` : ''}`),
});

describe('a list from someone else', () => {
  it('signed by another key under the issuer\'s name, issued by another under their own, or carrying a second proof of theirs', async () => {
    const { list, index, signed } = await revocable();
    list.revoke(index);
    // signCredential refuses to sign for someone else: the attacker signs as themselves, then names the issuer.
    const forgedUnderName = { ...(await listCredential(StatusList.create({ id: LIST, format: 'bitstring' }), {}, attacker)), issuer: issuer.controller };
    expect(outcome(await verifyCredential(signed, { now, statusLists: [forgedUnderName] }))).toEqual({ verified: false, issues: ['STATUS_UNKNOWN:list-unverified'] });
    const theirOwn = await listCredential(StatusList.create({ id: LIST, format: 'bitstring' }), {}, attacker);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [theirOwn] }))).toEqual({ verified: false, issues: ['STATUS_UNKNOWN:list-issuer-mismatch'] });
    // Trusting someone else to publish status does not trust everyone.
    expect(outcome(await verifyCredential(signed, { now, statusLists: [theirOwn], trustedStatusIssuers: ['did:web:registry.example.eu'] })).issues).toEqual(['STATUS_UNKNOWN:list-issuer-mismatch']);
    const genuine = await listCredential(list);
    const clean = await listCredential(StatusList.create({ id: LIST, format: 'bitstring' }));
    const withTheirs = { ...genuine, proof: [genuine.proof, theirOwn.proof] };
    expect(outcome(await verifyCredential(signed, { now, statusLists: [withTheirs] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    // The genuine proof of a list saying "revoked" moved onto a list saying "valid".
    expect(outcome(await verifyCredential(signed, { now, statusLists: [{ ...clean, proof: genuine.proof }] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
  });
});

describe('another list than the one the entry names', () => {
  it('a valid list of the issuer under another id: relabelled, left as it is, or returned by the fetch', async () => {
    const { signed } = await revocable();
    const otherList = StatusList.create({ id: 'https://uni.example.eu/status/8', format: 'bitstring' });
    const other = await listCredential(otherList);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [{ ...other, id: LIST }] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [other] })).issues).toEqual(['STATUS_UNKNOWN:list-missing']);
    expect(outcome(await verifyCredential(signed, { now, fetchStatusList: async () => other })).issues).toEqual(['STATUS_UNKNOWN:fetch-failed']);
    // URLs are compared exactly: another case or a trailing slash is another list.
    for (const id of [LIST.toUpperCase(), `${LIST}/`, `${LIST}?v=1`]) {
      const near = await listCredential(StatusList.create({ id, format: 'bitstring' }));
      expect(outcome(await verifyCredential(signed, { now, statusLists: [near] })).issues, id).toEqual(['STATUS_UNKNOWN:list-missing']);
    }
  });
});

describe('an old list', () => {
  it('the list from before the revocation, past its ttl or its validUntil', async () => {
    const { list, index, signed } = await revocable();
    const before = await listCredential(list, { ttl: 86_400_000 });
    const beforeUntil = await listCredential(list, { validUntil: '2026-01-11T00:00:00Z' });
    list.revoke(index);
    const current = await listCredential(list, { validFrom: '2026-01-14T12:00:00Z', ttl: 86_400_000 });
    expect(outcome(await verifyCredential(signed, { now, statusLists: [before] })).issues).toEqual(['STATUS_UNKNOWN:list-stale']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [beforeUntil] })).issues).toEqual(['STATUS_UNKNOWN:list-expired']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [before, current] })).issues).toEqual(['STATUS_REVOKED']);
    // The validity dates re-spelled to dodge the expiry: the list is no longer in its signed form.
    const respelled = { ...beforeUntil, validUntil: [beforeUntil.validUntil] };
    expect(outcome(await verifyCredential(signed, { now, statusLists: [respelled] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
  });
});

describe('a tampered or re-spelled list', () => {
  it('the encodedList changed, in an object or in JSON text; a member added; the subject re-spelled', async () => {
    const { list, index, signed } = await revocable();
    const genuine = await listCredential(list);
    list.revoke(index);
    const swapped = { ...genuine, credentialSubject: { ...genuine.credentialSubject, encodedList: list.encoded() } };
    for (const statusLists of [[swapped], [JSON.stringify(swapped)], [JSON.stringify(genuine).replace(genuine.credentialSubject.encodedList, list.encoded() as string)]]) {
      expect(outcome(await verifyCredential(signed, { now, statusLists })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    }
    for (const changed of [
      { ...genuine, note: 'valid' },
      { ...genuine, type: 'BitstringStatusListCredential' },
      { ...genuine, type: ['VerifiableCredential', 'BitstringStatusListCredential', 'BitstringStatusListCredential'] },
      { ...genuine, credentialSubject: [genuine.credentialSubject] },
      { ...genuine, credentialSubject: { ...genuine.credentialSubject, encodedList: { '@value': genuine.credentialSubject.encodedList, '@type': 'https://w3id.org/security#multibase' } } },
      { ...genuine, proof: undefined },
    ]) {
      expect(outcome(await verifyCredential(signed, { now, statusLists: [JSON.parse(JSON.stringify(changed))] })).issues, JSON.stringify(changed).slice(0, 300)).toEqual(['STATUS_UNKNOWN:list-unverified']);
    }
  });
});

describe('re-spelled entries', () => {
  it('"01", "1e3", " 1", a number: refused when signed so, and a signature failure when changed after signing', async () => {
    const { list, index, signed } = await revocable();
    const statusLists = [await listCredential(list)];
    for (const statusListIndex of [`0${index}`, '1e3', ` ${index}`, index, `${index}.0`, `+${index}`]) {
      const spelled = await signCredential(credentialWith({ ...list.entry(index), statusListIndex }), { key: issuer, created });
      expect(outcome(await verifyCredential(spelled, { now, statusLists })), String(statusListIndex)).toEqual({ verified: false, issues: ['STATUS_ENTRY_MALFORMED'] });
    }
    const changed = { ...signed, credentialStatus: { ...signed.credentialStatus, statusListIndex: `0${index}` } };
    expect(outcome(await verifyCredential(changed, { now, statusLists })).issues).toEqual(['VC_SIGNATURE_INVALID']);
    const moved = { ...signed, credentialStatus: { ...signed.credentialStatus, statusListIndex: String((index + 1) % 131072) } };
    expect(outcome(await verifyCredential(moved, { now, statusLists })).issues).toEqual(['VC_SIGNATURE_INVALID']);
  });

  it('a status type this library does not check is never ignored, even with acceptUncheckedStatus', async () => {
    const bitstring = StatusList.create({ id: LIST, format: 'bitstring' });
    for (const credentialStatus of [
      { id: 'https://uni.example.eu/status/1#5', type: 'https://w3id.org/vc/status-list#StatusList2021Entry' },
      { id: 'https://uni.example.eu/status/1#6', type: 'urn:example:CustomStatus' },
      [bitstring.entry(bitstring.allocate()), { id: 'https://uni.example.eu/status/1#7', type: 'urn:example:CustomStatus' }],
    ]) {
      const signed = await signCredential(credentialWith(credentialStatus), { key: issuer, created });
      const result = await verifyCredential(signed, { now, acceptUncheckedStatus: true, statusLists: [await listCredential(bitstring)] });
      expect(outcome(result)).toEqual({ verified: false, issues: ['STATUS_ENTRY_MALFORMED'] });
      expect(result.issues[0]!.message).toContain('not checked by this library');
    }
  });
});

describe('the list\'s size and the index', () => {
  it('an index past the end, a list shorter than 131 072 statuses, a list of 1-bit statuses read as 2-bit ones', async () => {
    const { list, index, signed } = await revocable();
    const unsigned = createStatusListCredential(list, { issuer: issuer.controller, validFrom });
    const withList = (encodedList: string) => signCredential({ ...unsigned, credentialSubject: { ...unsigned.credentialSubject, encodedList } }, { key: issuer, created });
    const past = await signCredential(credentialWith({ ...list.entry(index), statusListIndex: '131072' }, 'urn:uuid:7d1c2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4c'), { key: issuer, created });
    expect(outcome(await verifyCredential(past, { now, statusLists: [await listCredential(list)] })).issues).toEqual(['STATUS_UNKNOWN:index-out-of-range']);
    const huge = await signCredential(credentialWith({ ...list.entry(index), statusListIndex: '9007199254740991' }, 'urn:uuid:7d1c2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4d'), { key: issuer, created });
    expect(outcome(await verifyCredential(huge, { now, statusLists: [await listCredential(list)] })).issues).toEqual(['STATUS_UNKNOWN:index-out-of-range']);
    for (const bytes of [0, 1, 8192, 16383]) {
      expect(outcome(await verifyCredential(signed, { now, statusLists: [await withList(`u${gzipSync(new Uint8Array(bytes)).toString('base64url')}`)] })).issues, String(bytes)).toEqual(['STATUS_UNKNOWN:list-too-short']);
    }
    // statusSize 2 needs 2 × 131 072 bits: a 16 KiB list is too short for it.
    const messages = [0, 1, 2, 3].map((v) => ({ status: `0x${v}`, message: `m${v}` }));
    const twoBits = await signCredential(credentialWith({ ...list.entry(index), statusPurpose: 'revocation', statusSize: 2, statusMessage: messages }, 'urn:uuid:7d1c2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4e'), { key: issuer, created });
    expect(outcome(await verifyCredential(twoBits, { now, statusLists: [await listCredential(list)] })).issues).toEqual(['STATUS_UNKNOWN:list-too-short']);
  });
});

describe('purposes', () => {
  it('a suspension list for a revocation entry, and a list of both purposes (REC example 7)', async () => {
    const { list, index, signed } = await revocable();
    const unsigned = createStatusListCredential(list, { issuer: issuer.controller, validFrom });
    const withPurpose = (statusPurpose: unknown) => signCredential({ ...unsigned, credentialSubject: { ...unsigned.credentialSubject, statusPurpose } }, { key: issuer, created });
    expect(outcome(await verifyCredential(signed, { now, statusLists: [await withPurpose('suspension')] })).issues).toEqual(['STATUS_UNKNOWN:purpose-mismatch']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [await withPurpose('Revocation')] })).issues).toEqual(['STATUS_UNKNOWN:purpose-mismatch']);
    const both = await withPurpose(['suspension', 'revocation']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [both] }))).toEqual({ verified: true, issues: [] });
  });
});

describe('GZIP bombs', () => {
  it('a list that inflates past 16 MiB, given or fetched, is refused quickly', async () => {
    const { list, signed } = await revocable();
    const unsigned = createStatusListCredential(list, { issuer: issuer.controller, validFrom });
    const bomb = await signCredential({ ...unsigned, credentialSubject: { ...unsigned.credentialSubject, encodedList: `u${gzipSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }).toString('base64url')}` } }, { key: issuer, created });
    const started = performance.now();
    expect(outcome(await verifyCredential(signed, { now, statusLists: [bomb] })).issues).toEqual(['STATUS_UNKNOWN:list-malformed']);
    expect(outcome(await verifyCredential(signed, { now, fetchStatusList: async () => JSON.stringify(bomb) })).issues).toEqual(['STATUS_UNKNOWN:list-malformed']);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('several entries', () => {
  it('two entries, one revoked: the credential is revoked, and each entry says its own status', async () => {
    const revocations = StatusList.create({ id: LIST, format: 'bitstring' });
    const suspensions = StatusList.create({ id: 'https://uni.example.eu/status/9', format: 'bitstring', purpose: 'suspension' });
    const [r, s] = [revocations.allocate(), suspensions.allocate()];
    const signed = await signCredential(credentialWith([suspensions.entry(s), revocations.entry(r)]), { key: issuer, created });
    revocations.revoke(r);
    const statusLists = [await listCredential(revocations), await listCredential(suspensions)];
    const result = await verifyCredential(signed, { now, statusLists });
    expect(outcome(result)).toEqual({ verified: false, issues: ['STATUS_REVOKED'] });
    expect(result.issues[0]!.path).toBe('/credentialStatus/1');
    expect(result.status!.map((c) => c.status)).toEqual(['valid', 'revoked']);
    // One list missing, the other valid: still not verified.
    expect(outcome(await verifyCredential(signed, { now, statusLists: [statusLists[1]] }))).toEqual({ verified: false, issues: ['STATUS_UNKNOWN:list-missing'] });
  });

  it('the same list named by many entries is looked up once', async () => {
    const list = StatusList.create({ id: LIST, format: 'bitstring' });
    const entries = Array.from({ length: 20 }, () => list.entry(list.allocate()));
    const signed = await signCredential(credentialWith(entries), { key: issuer, created });
    const published = await listCredential(list);
    let asked = 0;
    const result = await verifyCredential(signed, { now, fetchStatusList: async () => (asked++, published) });
    expect(result.verified).toBe(true);
    expect(asked).toBe(1);
  });
});

describe('the verified-list cache', () => {
  it('never answers for another text of the list: a list verified once, then tampered or replaced, is checked again', async () => {
    const { list, index, signed } = await revocable();
    const genuine = await listCredential(list);
    expect((await verifyCredential(signed, { now, statusLists: [genuine] })).verified).toBe(true);
    const tampered = { ...genuine, credentialSubject: { ...genuine.credentialSubject, encodedList: (list.revoke(index), list.encoded()) } };
    expect(outcome(await verifyCredential(signed, { now, statusLists: [tampered] })).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    expect(outcome(await verifyCredential(signed, { now, statusLists: [await listCredential(list)] })).issues).toEqual(['STATUS_REVOKED']);
    // The time is checked at every use: the cached list expires.
    const shortLived = await listCredential(StatusList.create({ id: LIST, format: 'bitstring' }), { validUntil: '2026-01-20T00:00:00Z' });
    const fresh = StatusList.create({ id: LIST, format: 'bitstring' });
    const other = await signCredential(credentialWith(fresh.entry(fresh.allocate()), 'urn:uuid:7d1c2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4f'), { key: issuer, created });
    expect((await verifyCredential(other, { now, statusLists: [shortLived] })).verified).toBe(true);
    expect(outcome(await verifyCredential(other, { now: '2026-01-21T00:00:00Z', statusLists: [shortLived] })).issues).toEqual(['STATUS_UNKNOWN:list-expired']);
  });

  it('a list verified with one controller document is verified again with another', async () => {
    // The list is published by a registry (did:web) the verifier trusts for status; the credential's issuer is a did:key.
    const registry = await generateIssuerKey({ seed: new Uint8Array(32).fill(33), controller: 'did:web:registry.example.eu' });
    const impostor = await generateIssuerKey({ seed: new Uint8Array(32).fill(34), controller: 'did:web:registry.example.eu' });
    const { list, signed } = await revocable();
    const published = await listCredential(list, {}, registry);
    const options = { now, statusLists: [published], trustedStatusIssuers: [registry.controller] };
    expect((await verifyCredential(signed, { ...options, controllers: [registry.controllerDocument()] })).verified).toBe(true);
    // The registry's document as someone else gives it (another key): the cached verdict is not reused.
    const other = await verifyCredential(signed, { ...options, controllers: [impostor.controllerDocument()] });
    expect(outcome(other).issues).toEqual(['STATUS_UNKNOWN:list-unverified']);
    expect(other.issues[0]!.message).toContain('VC_CONTROLLER_UNKNOWN');
  });
});

describe('hostile lists and fetch results', () => {
  it('never throw, and are never valid', async () => {
    const { list, signed } = await revocable();
    const good = await listCredential(list);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile: unknown[] = [
      null, 0, NaN, [], [good], 'not json', '{', `{"id":"${LIST}"`, `{"id":"${LIST}","x":${'['.repeat(10_000)}`, new Uint8Array(8),
      new Proxy({}, { get: () => { throw new Error('trap'); } }), revoked.proxy,
      { get id() { return LIST; }, get credentialSubject() { throw new Error('getter'); } },
      { id: LIST, __proto__: { credentialSubject: good.credentialSubject } },
      `{"id":"${LIST}","pad":"${'x'.repeat(5_000_000)}"}`,
    ];
    for (const item of hostile) {
      const given = await verifyCredential(signed, { now, statusLists: [item] });
      expect(given.verified).toBe(false);
      expect(given.issues.every((i) => i.code === 'STATUS_UNKNOWN')).toBe(true);
      const fetched = await verifyCredential(signed, { now, fetchStatusList: async () => item });
      expect(fetched.verified).toBe(false);
      expect(fetched.issues.every((i) => i.code === 'STATUS_UNKNOWN')).toBe(true);
    }
    // A list whose own credentialStatus names itself is read without recursion.
    const selfish = await signCredential({ ...createStatusListCredential(list, { issuer: issuer.controller, validFrom }), credentialStatus: list.entry(list.allocate()) }, { key: issuer, created });
    expect((await verifyCredential(signed, { now, statusLists: [selfish] })).verified).toBe(true);
  });
});
