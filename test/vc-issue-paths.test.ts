/**
 * Where verification issues point: every `VcIssue.path` is a JSON Pointer (RFC 6901) into the
 * document given to the function that returned it. One pinned place per code, then properties:
 * whatever is changed in a signed credential or presentation, every issue's pointer names a member
 * of the input, or, for a member that is missing, the place it would be (its parent is an object
 * or an array of the input).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { pointerKeys } from '../src/json/pointer.js';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { type IssuerKey, type VcIssue, generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { createPresentation, signPresentation, verifyPresentation } from '../src/vc/presentation.js';
import { summarizeStack } from '../src/vc/stack.js';
import { mutation, mutate } from './helpers/arbitraries.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;

const created = '2025-06-30T12:00:00Z';
/** Inside the fixture's validity: issued 2025-06-30, valid until 2030-06-30. */
const now = '2026-01-01T00:00:00Z';
const challenge = 'c-paths';
const domain = 'verifier.example.eu';
const fixture = (name: string) => structuredClone(validFixtures.find((f) => f.name === name)!.doc) as MicroCredential;

let issuer: IssuerKey;
let other: IssuerKey;
let learner: IssuerKey;
let signed: Doc;
let second: Doc;
let vp: Doc;

/** An ELM credential of `name` by `signer`, for the learner `learnerId`. */
async function issue(signer: IssuerKey, name: string, id: string, learnerId?: string): Promise<Doc> {
  const { id: _id, ...mc } = fixture(name) as MicroCredential & { id?: string };
  const learnerPart = learnerId === undefined ? {} : { learner: { ...mc.learner, id: learnerId } };
  return signCredential(toElm({ ...mc, ...learnerPart, issuer: { ...mc.issuer, id: signer.controller, identifiers: { eidas: 'FR-TEST-1' } } }, { id }), { key: signer, created });
}

const withoutProof = (doc: Doc): Doc => {
  const { proof: _proof, ...rest } = structuredClone(doc);
  return rest;
};
const at = (r: { issues: VcIssue[] }) => r.issues.map((i) => `${i.code} ${i.path}`);

beforeAll(async () => {
  issuer = await generateIssuerKey({ seed: new Uint8Array(32).fill(81) });
  other = await generateIssuerKey({ seed: new Uint8Array(32).fill(82) });
  learner = await generateIssuerKey({ seed: new Uint8Array(32).fill(83) });
  signed = await issue(issuer, 'every-optional-element', 'urn:uuid:00000000-0000-4000-8000-000000000081', learner.controller);
  second = await issue(issuer, 'higher-education', 'urn:uuid:00000000-0000-4000-8000-000000000082', learner.controller);
  vp = await signPresentation(createPresentation({ credentials: [signed, second], holder: learner.controller }), { key: learner, challenge, domain, created });
});

/**
 * Whether `pointer` names a member of `doc`, or a missing member whose parent is an object or an
 * array of `doc` (the place it would be).
 */
function placed(doc: unknown, pointer: string): boolean {
  if (pointer !== '' && !pointer.startsWith('/')) return false;
  let value: unknown = doc;
  const keys = pointerKeys(pointer);
  for (const [n, key] of keys.entries()) {
    if (value === null || typeof value !== 'object') return false;
    const has = Array.isArray(value) ? /^(0|[1-9]\d*)$/.test(key) && Number(key) < value.length : Object.hasOwn(value, key);
    if (!has) return n === keys.length - 1;
    value = (value as Record<string, unknown>)[key];
  }
  return true;
}

const misplaced = (doc: unknown, issues: readonly VcIssue[]) => issues.filter((i) => typeof i.path !== 'string' || !placed(doc, i.path)).map((i) => `${i.code} ${String(i.path)}`);

describe('verifyCredential: one place per code', () => {
  it('the document, a proof and its members', async () => {
    expect(at(await verifyCredential(null))).toEqual(['VC_CREDENTIAL_MALFORMED ']);
    expect(at(await verifyCredential(withoutProof(signed), { now }))).toEqual(['VC_PROOF_MISSING /proof']);
    expect(at(await verifyCredential({ ...signed, proof: { ...signed.proof, type: 'RsaSignature2018' } }, { now }))).toEqual(['VC_PROOF_UNSUPPORTED /proof']);
    const { verificationMethod: _vm, ...noMethod } = signed.proof;
    expect(at(await verifyCredential({ ...signed, proof: noMethod }, { now }))).toEqual(['VC_PROOF_MALFORMED /proof/verificationMethod']);
    expect(at(await verifyCredential({ ...signed, proof: { ...signed.proof, nonce: 1 } }, { now }))).toEqual(['VC_PROOF_MALFORMED /proof/nonce']);
    const tampered = structuredClone(signed);
    tampered.credentialSubject.id = other.controller;
    expect(at(await verifyCredential(tampered, { now }))).toEqual(['VC_SIGNATURE_INVALID /proof/proofValue']);
    expect(at(await verifyCredential({ ...signed, proof: [signed.proof, second.proof] }, { now }))).toEqual(['VC_SIGNATURE_INVALID /proof/1/proofValue']);
  });

  it('the issuer, the key and its controller', async () => {
    const swapped = { ...structuredClone(signed), issuer: { ...signed.issuer, id: other.controller } };
    expect(at(await verifyCredential(swapped, { now }))).toEqual(['VC_SIGNATURE_INVALID /proof/proofValue', 'VC_ISSUER_KEY_MISMATCH /issuer/id']);
    expect(at(await verifyCredential(signed, { now, trustedIssuers: [other.controller] }))).toEqual(['VC_UNTRUSTED_ISSUER /issuer/id']);
    const web = await generateIssuerKey({ seed: new Uint8Array(32).fill(84), controller: 'did:web:uni.example.eu' });
    const byWeb = await issue(web, 'higher-education', 'urn:uuid:00000000-0000-4000-8000-000000000084');
    expect(at(await verifyCredential(byWeb, { now }))).toEqual(['VC_CONTROLLER_UNKNOWN /proof/verificationMethod']);
    const { assertionMethod: _a, ...unauthorised } = web.controllerDocument() as Doc;
    expect(at(await verifyCredential(byWeb, { now, controllers: [unauthorised] }))).toEqual(['VC_KEY_NOT_AUTHORIZED /proof/verificationMethod']);
  });

  it('contexts, terms and the canonical form, at the member', async () => {
    expect(at(await verifyCredential({ ...signed, grade: 'A+' }, { now }))).toEqual(['VC_UNDEFINED_TERM /grade']);
    const context = [...signed['@context'], 'https://evil.example/ctx'];
    expect(at(await verifyCredential({ ...signed, '@context': context }, { now }))).toEqual([`VC_CONTEXT_NOT_BUNDLED /@context/${context.length - 1}`]);
    const inline = [...signed['@context'], { grade: 'https://evil.example/grade' }];
    expect(at(await verifyCredential({ ...signed, '@context': inline }, { now }))).toEqual([`VC_CONTEXT_NOT_ALLOWED /@context/${inline.length - 1}`]);
    expect(at(await verifyCredential({ ...signed, validUntil: [signed.validUntil] }, { now }))).toEqual(['VC_JSON_NOT_CANONICAL /validUntil']);
  });

  it('the validity period, at the date member the credential uses', async () => {
    expect(at(await verifyCredential(signed, { now: '2020-01-01T00:00:00Z' }))).toEqual(['VC_NOT_YET_VALID /validFrom']);
    expect(at(await verifyCredential(signed, { now: '2031-01-01T00:00:00Z' }))).toEqual(['VC_EXPIRED /validUntil']);
    // A VC 1.1 credential that states only issuanceDate and expirationDate.
    const { validFrom: _f, validUntil: _u, ...v1 } = withoutProof(signed);
    const old = await signCredential(v1, { key: issuer, created });
    expect(at(await verifyCredential(old, { now: '2020-01-01T00:00:00Z' }))).toEqual(['VC_NOT_YET_VALID /issuanceDate']);
    expect(at(await verifyCredential(old, { now: '2031-01-01T00:00:00Z' }))).toEqual(['VC_EXPIRED /expirationDate']);
  });

  it('content at its first error in the credential (details: the ELM issues, each saying which document its path is in)', async () => {
    const doc = withoutProof(second);
    delete doc.credentialSubject.hasClaim;
    const broken = await signCredential(doc, { key: issuer, created });
    const result = await verifyCredential(broken, { now, validateContent: true });
    expect(result.issues.map((i) => i.code)).toEqual(['VC_CONTENT_INVALID']);
    const [issue] = result.issues;
    expect(placed(broken, issue!.path)).toBe(true);
    expect(issue!.path.startsWith('/credentialSubject')).toBe(true);
    expect((issue!.details as { in: string }[]).every((d) => d.in === 'elm' || d.in === 'model')).toBe(true);
  });

  it('anything else the library reports, at the proof', async () => {
    // @digitalbazaar/vc compares a VC 1.1 expirationDate with the issuance date before the signature.
    const backwards = { ...structuredClone(signed), expirationDate: '1030-01-01T00:00:00Z' };
    expect(at(await verifyCredential(backwards, { now }))).toEqual(['VC_VERIFICATION_FAILED /proof', 'VC_EXPIRED /expirationDate']);
  });

  it('a status entry of a type the library does not check, at its type', async () => {
    const withStatus = await signCredential({ ...withoutProof(signed), credentialStatus: { id: 'https://uni.example.eu/status/1#5', type: 'https://w3id.org/vc/status-list#StatusList2021Entry' } }, { key: issuer, created });
    expect(at(await verifyCredential(withStatus, { now }))).toEqual(['STATUS_ENTRY_MALFORMED /credentialStatus/type']);
  });
});

describe('verifyPresentation: the presentation\'s own places, and its credentials\' prefixed', () => {
  it('the proof\'s challenge, domain and purpose, the holder', async () => {
    expect(at(await verifyPresentation(vp, { challenge: 'another', domain, now }))).toEqual(['VC_CHALLENGE_MISMATCH /proof/challenge']);
    expect(at(await verifyPresentation(vp, { challenge, domain: 'elsewhere.example', now }))).toEqual(['VC_DOMAIN_MISMATCH /proof/domain']);
    expect(at(await verifyPresentation({ ...vp, holder: other.controller }, { challenge, domain, now }))).toEqual(['VC_SIGNATURE_INVALID /proof/proofValue', 'VC_HOLDER_KEY_MISMATCH /holder']);
    expect(at(await verifyPresentation({ ...vp, proof: { ...vp.proof, proofPurpose: 'assertionMethod' } }, { challenge, domain, now }))).toContain('VC_KEY_NOT_AUTHORIZED /proof/proofPurpose');
    const { proof: _proof, ...unsigned } = vp;
    expect(at(await verifyPresentation(unsigned, { challenge, domain, now }))).toEqual(['VC_PROOF_MISSING /proof']);
  });

  it('an embedded credential\'s issue: into the presentation in `issues`, into the credential in its own result', async () => {
    const tampered = structuredClone(second);
    tampered.credentialSubject.id = other.controller;
    const result = await verifyPresentation(
      await signPresentation(createPresentation({ credentials: [signed, tampered], holder: learner.controller }), { key: learner, challenge, domain, created }),
      { challenge, domain, now },
    );
    expect(at(result)).toEqual(['VC_SIGNATURE_INVALID /verifiableCredential/1/proof/proofValue']);
    expect(result.issues[0]!.details).toEqual({ credential: 1 });
    expect(result.credentials.map((c) => c.path)).toEqual(['/verifiableCredential/0', '/verifiableCredential/1']);
    expect(at(result.credentials[1]!)).toEqual(['VC_SIGNATURE_INVALID /proof/proofValue']);
    // A presentation of one credential writes it as itself.
    const one = await verifyPresentation(await signPresentation(createPresentation({ credentials: [tampered], holder: learner.controller }), { key: learner, challenge, domain, created }), { challenge, domain, now });
    expect(at(one)).toEqual(['VC_SIGNATURE_INVALID /verifiableCredential/proof/proofValue']);
    expect(one.credentials[0]!.path).toBe('/verifiableCredential');
  });
});

describe('summarizeStack: into the presentation, or into the list given', () => {
  it('the learner and the holder, at credentialSubject', async () => {
    const theirs = await issue(issuer, 'higher-education', 'urn:uuid:00000000-0000-4000-8000-000000000085', other.controller);
    const unbound = await issue(issuer, 'higher-education', 'urn:uuid:00000000-0000-4000-8000-000000000086');
    const presented = await signPresentation(createPresentation({ credentials: [signed, theirs, unbound], holder: learner.controller }), { key: learner, challenge, domain, created });
    const stack = await summarizeStack(await verifyPresentation(presented, { challenge, domain, now }));
    const codes = at(stack);
    expect(codes).toContain('VC_HOLDER_NOT_LEARNER /verifiableCredential/1/credentialSubject/id');
    expect(codes).toContain('VC_LEARNER_NOT_BOUND /verifiableCredential/2/credentialSubject/id');
    expect(misplaced(presented, stack.issues)).toEqual([]);

    // A list of results: into the list.
    const items = await Promise.all([signed, theirs].map(async (c) => ({ ...(await verifyCredential(c, { now })), credential: c })));
    expect(at(await summarizeStack(items))).toEqual(['VC_LEARNER_MISMATCH /1/credential/credentialSubject/id']);
  });

  it('a credential with two claims: VC_CONTENT_AMBIGUOUS at the values', async () => {
    const doc = withoutProof(second);
    doc.id = 'urn:uuid:00000000-0000-4000-8000-000000000087';
    doc.credentialSubject.hasClaim = [doc.credentialSubject.hasClaim, withoutProof(signed).credentialSubject.hasClaim];
    const twoClaims = await signCredential(doc, { key: issuer, created });
    const presented = await signPresentation(createPresentation({ credentials: [twoClaims], holder: learner.controller }), { key: learner, challenge, domain, created });
    const stack = await summarizeStack(await verifyPresentation(presented, { challenge, domain, now }));
    expect(at(stack)).toEqual(['VC_CONTENT_AMBIGUOUS /verifiableCredential/credentialSubject/hasClaim']);
  });

  it('a duplicate at its id, an input that is no stack at the input itself', async () => {
    const items = await Promise.all([signed, signed].map(async (c) => ({ ...(await verifyCredential(c, { now })), credential: c })));
    expect(at(await summarizeStack(items))).toEqual(['VC_DUPLICATE_CREDENTIAL /1/credential/id']);
    expect(at(await summarizeStack(42 as never))).toEqual(['VC_VERIFICATION_FAILED ']);
  });
});

describe('every pointer is a place in the input', () => {
  it('a signed credential changed anywhere, in any way (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ([pick, how, replacement, key]) => {
        const changed = mutate(signed, pick, how, replacement, key);
        const result = await verifyCredential(changed, { now, trustedIssuers: [other.controller], validateContent: true });
        expect(misplaced(changed, result.issues)).toEqual([]);
      }),
      { numRuns: 60, seed: 20260101 },
    );
  });

  it('a signed presentation changed anywhere, in any way, with its credentials\' results and stack (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ([pick, how, replacement, key]) => {
        const changed = mutate(vp, pick, how, replacement, key) as Doc;
        const result = await verifyPresentation(changed, { challenge, domain, now });
        expect(misplaced(changed, result.issues)).toEqual([]);
        for (const c of result.credentials) {
          const credential = pointerKeys(c.path!).reduce((v: any, k) => v?.[k], changed);
          expect(misplaced(credential, c.issues)).toEqual([]);
        }
        expect(misplaced(changed, (await summarizeStack(result)).issues)).toEqual([]);
      }),
      { numRuns: 40, seed: 20260102 },
    );
  });

  it('re-spelled dates: VC_EXPIRED at the member that shows the end', async () => {
    const CRED = 'https://www.w3.org/2018/credentials#';
    for (const change of [
      (d: Doc) => (d.validUntil = { '@value': d.validUntil }),
      (d: Doc) => ((d[`${CRED}expirationDate`] = [d.expirationDate]), delete d.expirationDate),
      (d: Doc) => (d['@context'] = [CONTEXT_URLS.VC_V1]),
    ]) {
      const doc = structuredClone(signed);
      change(doc);
      const result = await verifyCredential(doc, { now: '2031-01-01T00:00:00Z' });
      expect(misplaced(doc, result.issues)).toEqual([]);
    }
  });
});
