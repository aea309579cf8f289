import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { type IssuerKey, SUITES, SigningError, generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { createPresentation, signPresentation, verifyPresentation, type PresentationVerificationResult } from '../src/vc/presentation.js';
import { keyLoader } from '../src/vc/resolver.js';
import { compareLearners, decimalSum, normalizeName, summarizeStack } from '../src/vc/stack.js';
import { signingSuite } from '../src/vc/suites.js';
import { validFixtures } from './helpers/fixtures.js';

const seed = (n: number) => new Uint8Array(32).fill(n);
const created = '2025-06-30T12:00:00Z';
const now = '2026-01-01T00:00:00Z';
const challenge = 'c0ffee-4711';
const domain = 'admissions.uni.example.eu';
const base = () => structuredClone(validFixtures.find((f) => f.name === 'higher-education')!.doc) as MicroCredential;

let learnerKey: IssuerKey;
let otherLearnerKey: IssuerKey;
let issuerA: IssuerKey;
let issuerB: IssuerKey;
/** The learner's three micro-credentials: 2 ECTS and 5 ECTS from A, 7.5 ECTS from B (did:web). */
let stack: Record<string, unknown>[];
let controllers: object[];

async function microCredential(key: IssuerKey, title: string, ects: number, learner: MicroCredential['learner'], n: number) {
  const mc = base();
  const credential = toElm(
    { ...mc, id: `urn:uuid:00000000-0000-4000-8000-00000000000${n}`, title, learner, workload: { ects }, issuer: { ...mc.issuer, id: key.controller, identifiers: { eidas: 'IE-TEST-1' } } },
    { id: `urn:uuid:00000000-0000-4000-8000-00000000000${n}` },
  );
  return (await signCredential(credential, { key, created })) as Record<string, unknown>;
}

const learner = (key: IssuerKey): MicroCredential['learner'] => ({ ...base().learner, id: key.controller });
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

beforeAll(async () => {
  learnerKey = await generateIssuerKey({ seed: seed(11) });
  otherLearnerKey = await generateIssuerKey({ seed: seed(12) });
  issuerA = await generateIssuerKey({ seed: seed(7) });
  issuerB = await generateIssuerKey({ seed: seed(8), controller: 'did:web:b.example.eu' });
  controllers = [issuerB.controllerDocument()];
  stack = [
    await microCredential(issuerA, 'Data protection basics', 2, learner(learnerKey), 1),
    await microCredential(issuerA, 'Data Protection and GDPR for Data Analysts', 5, learner(learnerKey), 2),
    await microCredential(issuerB, 'Privacy engineering', 7.5, learner(learnerKey), 3),
  ];
});

async function presented(credentials = stack, options: { suite?: (typeof SUITES)[number]; challenge?: string; domain?: string } = {}) {
  const vp = createPresentation({ credentials, holder: learnerKey.controller, id: 'urn:uuid:11111111-1111-4111-8111-111111111111' });
  return signPresentation(vp, { key: learnerKey, challenge: options.challenge ?? challenge, domain: options.domain ?? domain, created, ...(options.suite ? { suite: options.suite } : {}) });
}

describe('a learner presents a stack of three micro-credentials from two issuers', () => {
  it.each(SUITES)('verifies with %s: holder, every credential, 2 + 5 + 7.5 = 14.5 ECTS', async (suite) => {
    const vp = await presented(stack, { suite });
    expect(vp.proof).toMatchObject({ proofPurpose: 'authentication', challenge, domain });
    const result = await verifyPresentation(vp, { challenge, domain, now, controllers, trustedIssuers: [issuerA.controller, issuerB.controller], validateContent: true });
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.holder).toBe(learnerKey.controller);
    expect(result.credentials.map((c) => [c.verified, c.issuer])).toEqual([
      [true, issuerA.controller],
      [true, issuerA.controller],
      [true, issuerB.controller],
    ]);
    expect(result.checks.map((c) => c.check)).toEqual(['format', 'challenge', 'domain', 'signature', 'holder', 'credentials']);

    const summary = await summarizeStack(result);
    expect(summary).toMatchObject({ ok: true, ects: 14.5, sameLearner: true, withoutEcts: [], excluded: [], issues: [], holder: learnerKey.controller });
    expect(summary.credentials.map((c) => [c.index, c.ects, c.title])).toEqual([
      [0, 2, 'Data protection basics'],
      [1, 5, 'Data Protection and GDPR for Data Analysts'],
      [2, 7.5, 'Privacy engineering'],
    ]);
    expect(summary.learner).toMatchObject({ id: learnerKey.controller, fullName: 'Aoife Byrne' });
  });

  it('never mutates its input', async () => {
    const vp = Object.freeze(createPresentation({ credentials: stack, holder: learnerKey.controller }));
    const before = JSON.stringify(vp);
    const signed = await signPresentation(vp, { key: learnerKey, challenge, domain, created });
    expect(JSON.stringify(vp)).toBe(before);
    // Signed again for another verifier: the old proof is replaced, not kept beside the new one.
    const again = await signPresentation(signed, { key: learnerKey, challenge: 'other', domain, created });
    expect(again.proof).toMatchObject({ challenge: 'other' });
    expect(Array.isArray(again.proof)).toBe(false);
    expect((await verifyPresentation(again, { challenge: 'other', domain, now, controllers })).verified).toBe(true);
  });
});

describe('what the verifier catches', () => {
  let vp: Record<string, any>;
  beforeAll(async () => {
    vp = await presented();
  });

  it('a wrong challenge (a replayed presentation) or domain', async () => {
    const replay = await verifyPresentation(vp, { challenge: 'another-request', domain, now, controllers });
    expect(codes(replay)).toEqual(['VC_CHALLENGE_MISMATCH']);
    expect(replay.verified).toBe(false);
    expect(replay.checks.find((c) => c.check === 'challenge')?.ok).toBe(false);
    expect(replay.checks.find((c) => c.check === 'signature')?.ok).toBe(true);
    expect(codes(await verifyPresentation(vp, { challenge, domain: 'evil.example', now, controllers }))).toEqual(['VC_DOMAIN_MISMATCH']);
    expect(codes(await verifyPresentation(vp, { challenge: 'x', domain: 'evil.example', now, controllers }))).toEqual(['VC_CHALLENGE_MISMATCH', 'VC_DOMAIN_MISMATCH']);
  });

  it('a challenge changed in the proof to match: the signature breaks', async () => {
    const t = structuredClone(vp);
    t.proof.challenge = 'another-request';
    expect(codes(await verifyPresentation(t, { challenge: 'another-request', domain, now, controllers }))).toEqual(['VC_SIGNATURE_INVALID']);
  });

  it('a tampered embedded credential: the presentation and that credential fail, the stack drops it', async () => {
    const t = structuredClone(vp);
    t.verifiableCredential[1].credentialSubject.hasClaim.specifiedBy.creditPoint.point = '50';
    const result = await verifyPresentation(t, { challenge, domain, now, controllers });
    expect(result.issues.map((i) => [i.code, i.details])).toEqual([
      ['VC_SIGNATURE_INVALID', undefined],
      ['VC_SIGNATURE_INVALID', { credential: 1 }],
    ]);
    expect(result.credentials.map((c) => c.verified)).toEqual([true, false, true]);
    // The holder's signature broke with it: no holder is authenticated, so nothing counts.
    const summary = await summarizeStack(result);
    expect(summary).toMatchObject({ ok: false, ects: 0, excluded: [{ index: 0, codes: ['VC_HOLDER_NOT_LEARNER'] }, { index: 1, codes: ['VC_SIGNATURE_INVALID'] }, { index: 2, codes: ['VC_HOLDER_NOT_LEARNER'] }] });
  });

  it('a credential tampered before the holder signed: the holder\'s signature does not launder it', async () => {
    const forged = structuredClone(stack[1]) as Record<string, any>;
    forged.credentialSubject.hasClaim.specifiedBy.creditPoint.point = '50';
    const result = await verifyPresentation(await presented([stack[0]!, forged, stack[2]!]), { challenge, domain, now, controllers });
    expect(result.issues.map((i) => [i.code, i.details])).toEqual([['VC_SIGNATURE_INVALID', { credential: 1 }]]);
    expect(result.checks.find((c) => c.check === 'signature')?.ok).toBe(true);
    expect(result.verified).toBe(false);
    expect(await summarizeStack(result)).toMatchObject({ ok: false, ects: 9.5, excluded: [{ index: 1, codes: ['VC_SIGNATURE_INVALID'] }] });
  });

  it('another learner\'s credential: the stack says it is not the holder\'s, and which one', async () => {
    const foreign = await microCredential(issuerB, 'Privacy engineering', 7.5, learner(otherLearnerKey), 4);
    const result = await verifyPresentation(await presented([stack[0]!, stack[1]!, foreign]), { challenge, domain, now, controllers });
    expect(result.verified).toBe(true); // each credential and the presentation are genuine
    const summary = await summarizeStack(result);
    expect(summary.ok).toBe(false);
    expect(summary.ects).toBe(7);
    expect(summary.excluded).toEqual([{ index: 2, codes: ['VC_HOLDER_NOT_LEARNER'] }]);
    expect(summary.issues.map((i) => [i.code, i.severity, i.details])).toEqual([['VC_HOLDER_NOT_LEARNER', 'error', { credential: 2 }]]);
    // Without a presentation (credentials verified one by one) the learners are compared.
    const items = result.credentials;
    const loose = await summarizeStack(items);
    expect(loose.sameLearner).toBe(false);
    expect(loose.issues.map((i) => [i.code, i.severity, i.details])).toEqual([['VC_LEARNER_MISMATCH', 'error', { credential: 2, reference: 0, by: 'id' }]]);
  });

  it('a result whose credential has no path, or one verifyPresentation() does not write, still points the stack at that credential', async () => {
    const foreign = await microCredential(issuerB, 'Privacy engineering', 7.5, learner(otherLearnerKey), 4);
    const result = await verifyPresentation(await presented([stack[0]!, stack[1]!, foreign]), { challenge, domain, now, controllers });
    const placed = async (path: unknown) => {
      const copy = structuredClone(result) as unknown as { credentials: Record<string, unknown>[] };
      if (path === undefined) delete copy.credentials[2]!.path;
      else copy.credentials[2]!.path = path;
      return (await summarizeStack(copy as never)).issues.map((i) => [i.code, i.path]);
    };
    expect(await placed('/verifiableCredential/2')).toEqual([['VC_HOLDER_NOT_LEARNER', '/verifiableCredential/2/credentialSubject/id']]);
    for (const path of [undefined, 5, { a: 1 }, '/proof', '', 'verifiableCredential/2', '/verifiableCredential/02', '/verifiableCredential/2/x']) {
      expect(await placed(path), JSON.stringify(path)).toEqual([['VC_HOLDER_NOT_LEARNER', '/verifiableCredential/2/credentialSubject/id']]);
    }
  });

  it('the holder named in the presentation is not the key\'s controller', async () => {
    const unsigned = createPresentation({ credentials: [stack[0]!], holder: otherLearnerKey.controller });
    await expect(signPresentation(unsigned, { key: learnerKey, challenge, domain })).rejects.toMatchObject({ reason: 'VC_HOLDER_KEY_MISMATCH' });
    // Signed by hand, past that guard.
    const forged = await vc.signPresentation({ presentation: structuredClone(unsigned), suite: signingSuite('Ed25519Signature2020', learnerKey), documentLoader: keyLoader([]), challenge, domain });
    const result = await verifyPresentation(forged, { challenge, domain, now });
    expect(codes(result)).toEqual(['VC_HOLDER_KEY_MISMATCH']);
    expect(result.holder).toBeUndefined();
  });

  it('a holder key that its controller lists only under assertionMethod', async () => {
    const webHolder = await generateIssuerKey({ seed: seed(13), controller: 'did:web:learner.example.eu' });
    const signed = await signPresentation(createPresentation({ credentials: [stack[0]!], holder: webHolder.controller }), { key: webHolder, challenge, domain });
    const document = { ...webHolder.controllerDocument(), authentication: [] };
    expect(codes(await verifyPresentation(signed, { challenge, domain, now, controllers: [document] }))).toEqual(['VC_KEY_NOT_AUTHORIZED']);
    expect(codes(await verifyPresentation(signed, { challenge, domain, now }))).toEqual(['VC_CONTROLLER_UNKNOWN']);
    expect((await verifyPresentation(signed, { challenge, domain, now, controllers: [webHolder.controllerDocument()] })).verified).toBe(true);
  });

  it("a credential's own proof used as the presentation's (assertion, not authentication)", async () => {
    const t = structuredClone(vp);
    t.proof = stack[0]!.proof;
    // The key is issuer A's, not the holder's: VC_HOLDER_KEY_MISMATCH too.
    // An assertion proof binds no challenge or domain: VC_KEY_NOT_AUTHORIZED says it is for another purpose.
    expect(codes(await verifyPresentation(t, { challenge, domain, now, controllers }))).toEqual(['VC_KEY_NOT_AUTHORIZED', 'VC_SIGNATURE_INVALID', 'VC_HOLDER_KEY_MISMATCH']);
  });

  it('an expired credential in the stack', async () => {
    const mc = base();
    const expiring = toElm({ ...mc, learner: learner(learnerKey), furtherInformation: { validUntil: '2025-12-31T00:00:00Z' }, issuer: { ...mc.issuer, id: issuerA.controller, identifiers: { eidas: 'IE-TEST-1' } } });
    const signed = await signCredential(expiring, { key: issuerA, created });
    const result = await verifyPresentation(await presented([stack[0]!, signed]), { challenge, domain, now, controllers });
    expect(result.issues.map((i) => [i.code, i.details])).toEqual([['VC_EXPIRED', { credential: 1 }]]);
    expect(await summarizeStack(result)).toMatchObject({ ok: false, ects: 2, excluded: [{ index: 1, codes: ['VC_EXPIRED'] }] });
  });

  it('no proof, not a presentation, hostile input: a result, never a throw', async () => {
    const unsigned = createPresentation({ credentials: stack });
    expect(codes(await verifyPresentation(unsigned, { challenge, domain, now, controllers }))).toEqual(['VC_PROOF_MISSING']);
    expect(codes(await verifyPresentation({ ...vp, type: ['VerifiableCredential'] }, { challenge, domain, now, controllers }))[0]).toBe('VC_CREDENTIAL_MALFORMED');
    expect(codes(await verifyPresentation({ ...vp, '@context': ['https://www.w3.org/ns/did/v1'] }, { challenge, domain, now, controllers }))[0]).toBe('VC_CREDENTIAL_MALFORMED');
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    for (const input of [null, [], 'vp', 42, deep, { ...vp, verifiableCredential: deep }]) {
      const result = await verifyPresentation(input, { challenge, domain, now, controllers });
      expect(result.verified).toBe(false);
      expect(codes(result)).toEqual(['VC_CREDENTIAL_MALFORMED']);
    }
    const smuggled = JSON.parse(JSON.stringify(vp).replace('"holder":', '"__proto__":{"holder":"did:web:evil.example"},"holder":'));
    expect(codes(await verifyPresentation(smuggled, { challenge, domain, now, controllers }))).toEqual(['VC_UNDEFINED_TERM']);
    // A credential by reference: JSON-LD safe mode refuses to sign a node that is only an id (it
    // would sign nothing), and a verifier reports it for the presentation and for that credential.
    const reference = 'urn:uuid:22222222-2222-4222-8222-222222222222';
    const withReference = { ...createPresentation({ credentials: [stack[0]!], holder: learnerKey.controller }), verifiableCredential: [stack[0]!, reference] };
    await expect(signPresentation(withReference, { key: learnerKey, challenge, domain })).rejects.toMatchObject({ reason: 'VC_JSON_NOT_CANONICAL', path: '/verifiableCredential/1' });
    const odd = await verifyPresentation({ ...vp, verifiableCredential: [vp.verifiableCredential[0], reference] }, { challenge, domain, now, controllers });
    expect(odd.issues.map((i) => [i.code, i.path, i.details])).toEqual([
      ['VC_CREDENTIAL_MALFORMED', '/verifiableCredential/1', undefined],
      ['VC_JSON_NOT_CANONICAL', '/verifiableCredential/1', undefined],
      // The credential's own issue ('' in its result) points into the presentation here.
      ['VC_CREDENTIAL_MALFORMED', '/verifiableCredential/1', { credential: 1 }],
    ]);
    expect(await summarizeStack(odd)).toMatchObject({ ok: false, ects: 0, excluded: [{ index: 0, codes: ['VC_HOLDER_NOT_LEARNER'] }, { index: 1, codes: ['VC_CREDENTIAL_MALFORMED'] }] });
  });

  it('one credential written as itself is at /verifiableCredential, the same in a list of one at /verifiableCredential/0', async () => {
    const single = await presented([stack[1]!]) as Record<string, any>;
    expect(Array.isArray(single.verifiableCredential)).toBe(false);
    const asItself = await verifyPresentation(single, { challenge, domain, now, controllers });
    expect(asItself.verified, JSON.stringify(asItself.issues)).toBe(true);
    expect(asItself.credentials.map((c) => c.path)).toEqual(['/verifiableCredential']);
    // A list of one is not the canonical form (the presentation fails), but the credential in it is still read, at its index.
    const inList = await verifyPresentation({ ...single, verifiableCredential: [single.verifiableCredential] }, { challenge, domain, now, controllers });
    expect(inList.verified).toBe(false);
    expect(inList.credentials.map((c) => [c.path, c.verified])).toEqual([['/verifiableCredential/0', true]]);
    // A tampered credential written as itself: its issues point into it without an index.
    const t = structuredClone(single);
    t.verifiableCredential.credentialSubject.hasClaim.specifiedBy.creditPoint.point = '50';
    const tampered = await verifyPresentation(t, { challenge, domain, now, controllers });
    const own = tampered.issues.filter((i) => i.details !== undefined);
    expect(own.map((i) => [i.code, i.path, i.details])).toEqual(tampered.credentials[0]!.issues.map((i) => [i.code, `/verifiableCredential${i.path}`, { credential: 0 }]));
    expect(own.length).toBeGreaterThan(0);
    // A single credential given by reference is reported at /verifiableCredential, by the presentation and for the credential.
    const byReference = await verifyPresentation({ ...single, verifiableCredential: 'urn:uuid:22222222-2222-4222-8222-222222222222' }, { challenge, domain, now, controllers });
    expect(byReference.issues.filter((i) => i.code === 'VC_CREDENTIAL_MALFORMED').map((i) => [i.path, i.details])).toEqual([['/verifiableCredential', undefined], ['/verifiableCredential', { credential: 0 }]]);
  });

  it('misuse is a TypeError: no challenge or domain, wrong options', async () => {
    await expect(verifyPresentation(vp, { domain } as never)).rejects.toThrow(TypeError);
    await expect(verifyPresentation(vp, { challenge } as never)).rejects.toThrow(TypeError);
    await expect(verifyPresentation(vp, null as never)).rejects.toThrow(TypeError);
    await expect(signPresentation(createPresentation({ credentials: [] }), { key: learnerKey, domain } as never)).rejects.toThrow(TypeError);
    expect(() => createPresentation({ credentials: 'x' } as never)).toThrow(TypeError);
    expect(() => createPresentation({ credentials: [null] })).toThrow(SigningError);
    expect(() => createPresentation({ credentials: [], holder: 'not a uri' })).toThrow(TypeError);
  });
});

describe('summarizeStack', () => {
  it('works on credentials verified one by one, and lists those without ECTS', async () => {
    const mc = base();
    const hoursOnly = await signCredential(
      toElm({ ...mc, learner: learner(learnerKey), workload: { hours: 40 }, issuer: { ...mc.issuer, id: issuerA.controller, identifiers: { eidas: 'IE-TEST-1' } } }),
      { key: issuerA, created },
    );
    const items = await Promise.all([stack[0]!, hoursOnly, stack[2]!].map(async (credential) => ({ ...(await verifyCredential(credential, { now, controllers })), credential: credential as never })));
    expect(await summarizeStack(items)).toMatchObject({ ok: true, ects: 9.5, withoutEcts: [1], sameLearner: true });
    expect(await summarizeStack([])).toMatchObject({ ok: false, ects: 0, credentials: [], sameLearner: true });
    expect(await summarizeStack([{ verified: true, checks: [], issues: [] }])).toMatchObject({ excluded: [{ index: 0, codes: ['VC_CREDENTIAL_MALFORMED'] }] });
    expect(await summarizeStack(null as never)).toMatchObject({ ok: false, credentials: [] });
  });

  it('compares learners by identifiers first, then by normalised names', () => {
    expect(compareLearners({ id: 'did:key:a', fullName: 'A' }, { id: 'did:key:a', fullName: 'B' })).toEqual({ same: true, by: 'id' });
    expect(compareLearners({ id: 'did:key:a', fullName: 'A' }, { id: 'did:key:b', fullName: 'A' })).toEqual({ same: false, by: 'id' });
    expect(compareLearners({ nationalId: { value: '1234 567 T', country: 'IE' } }, { nationalId: { value: '1234567t', country: 'IE' } })).toEqual({ same: true, by: 'nationalId' });
    expect(compareLearners({ nationalId: { value: '1234567T', country: 'IE' } }, { nationalId: { value: '1234567T', country: 'FR' } })).toEqual({ same: false, by: 'nationalId' });
    expect(compareLearners({ identifiers: [{ scheme: 'ORCID', value: '0000-0002-1825-0097' }] }, { identifiers: [{ scheme: 'orcid', value: '0000-0002-1825-0097' }, { scheme: 'x', value: '1' }] })).toEqual({ same: true, by: 'identifier' });
    expect(compareLearners({ identifiers: [{ scheme: 'ORCID', value: '1' }] }, { identifiers: [{ scheme: 'ORCID', value: '2' }] })).toEqual({ same: false, by: 'identifier' });
    expect(compareLearners({ fullName: 'Zoë  O\'Brien-Murphy' }, { givenName: 'ZOE', familyName: 'O Brien Murphy' })).toEqual({ same: true, by: 'name' });
    expect(compareLearners({ fullName: 'Aoife Byrne' }, { fullName: 'Aoife Burke' })).toEqual({ same: false, by: 'name' });
    expect(compareLearners({ fullName: 'Aoife Byrne', dateOfBirth: '1998-04-17' }, { fullName: 'Aoife Byrne', dateOfBirth: '1999-04-17' })).toEqual({ same: false, by: 'dateOfBirth' });
    expect(compareLearners({ id: 'did:key:a' }, { fullName: 'Aoife Byrne' })).toEqual({ same: undefined, by: 'nothing-to-compare' });
    expect(normalizeName(' Ａoife\tBÝRNE ')).toBe('aoife byrne');
  });

  it('compares every pair: the first may carry only a name', async () => {
    const byName = { fullName: 'Aoife Byrne' };
    const a = await microCredential(issuerA, 'One', 2, byName, 5);
    const b = await microCredential(issuerA, 'Two', 2, { ...byName, id: 'did:example:one' }, 6);
    const c = await microCredential(issuerA, 'Three', 2, { ...byName, id: 'did:example:two' }, 7);
    const items = await Promise.all([a, b, c].map(async (credential) => ({ ...(await verifyCredential(credential, { now })), credential: credential as never })));
    expect((await summarizeStack(items)).issues.map((i) => [i.code, i.details])).toEqual([['VC_LEARNER_MISMATCH', { credential: 2, reference: 1, by: 'id' }]]);
    const anonymous = await microCredential(issuerA, 'Four', 2, { id: 'did:example:three' }, 8);
    const mixed = await Promise.all([a, anonymous].map(async (credential) => ({ ...(await verifyCredential(credential, { now })), credential: credential as never })));
    const summary = await summarizeStack(mixed);
    expect(summary.issues.map((i) => [i.code, i.severity])).toEqual([['VC_LEARNER_MISMATCH', 'warning']]);
    expect(summary).toMatchObject({ ok: false, sameLearner: false });
  });

  it('sums ECTS in decimal', () => {
    expect(decimalSum([2, 5, 7.5])).toBe(14.5);
    expect(decimalSum([1.1, 2.2])).toBe(3.3);
    expect(decimalSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(decimalSum([7.5, 0.1])).toBe(7.6);
    expect(decimalSum([1e-7, 1])).toBe(1.0000001);
    expect(decimalSum([1e21, 1])).toBe(1e21 + 1);
    expect(decimalSum([])).toBe(0);
  });
});

// Keep the type of the result honest for users who store it.
const _typed: (r: PresentationVerificationResult) => number = (r) => r.credentials.length;
void _typed;
