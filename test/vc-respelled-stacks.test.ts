/**
 * Re-spellings that keep the signed RDF but would change what a stack counts or what a reader
 * reads (found by attacking the verifier): a reordered or blank-identified copy of a credential
 * counted twice, a node split into partial copies, values whose order is not signed, a map of
 * 20 000 languages, literals written in another JSON type, a proof in an array of one.
 */
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { type IssuerKey, generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { createPresentation, verifyPresentation } from '../src/vc/presentation.js';
import { keyLoader } from '../src/vc/resolver.js';
import { summarizeStack } from '../src/vc/stack.js';
import { signingSuite } from '../src/vc/suites.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;
const created = '2025-06-30T12:00:00Z';
const now = '2026-01-01T00:00:00Z';
const challenge = 'c-1';
const domain = 'verifier.example.eu';
let issuer: IssuerKey;
let learner: IssuerKey;

const fixture = (name: string) => structuredClone(validFixtures.find((f) => f.name === name)!.doc) as MicroCredential;
const codes = (r: { issues: { code: string; path?: string }[] }) => r.issues.map((i) => `${i.code}${i.path === undefined ? '' : ` ${i.path}`}`);

function exported(name: string, options: { id?: string | null } = {}): Doc {
  const mc = fixture(name);
  const { id: _id, ...rest } = mc as MicroCredential & { id?: string };
  const doc = toElm({ ...rest, ...(options.id ? { id: options.id } : {}), learner: { ...mc.learner, id: learner.controller }, issuer: { ...mc.issuer, id: issuer.controller, identifiers: { eidas: 'FR-TEST-1' } } } as MicroCredential) as Doc;
  if (options.id === null) delete doc.id;
  return doc;
}

/** Signed as @digitalbazaar/vc signs anything: a signer that skipped this library's checks. */
const bypass = (doc: Doc): Promise<Doc> => vc.issue({ credential: structuredClone(doc), suite: signingSuite('Ed25519Signature2020', issuer, new Date(created)), documentLoader: keyLoader([issuer.controllerDocument()]) }) as Promise<Doc>;
const presentBypass = (credentials: Doc[]): Promise<Doc> =>
  vc.signPresentation({ presentation: createPresentation({ credentials, holder: learner.controller }), suite: signingSuite('Ed25519Signature2020', learner, new Date(created)), documentLoader: keyLoader([learner.controllerDocument()]), challenge, domain }) as Promise<Doc>;

beforeAll(async () => {
  issuer = await generateIssuerKey({ seed: new Uint8Array(32).fill(71) });
  learner = await generateIssuerKey({ seed: new Uint8Array(32).fill(72) });
});

describe('one credential counts once, whatever its spelling', () => {
  it.each([
    ['its types in the other order', (d: Doc) => (d.type = [...d.type].reverse())],
    ['its members in the other order', (d: Doc) => Object.assign(d, Object.fromEntries(Object.entries(d).reverse().map(([k, v]) => (delete d[k], [k, v]))))],
    ['a language tag in other case', (d: Doc) => (d.credentialSubject.hasClaim.title = Object.fromEntries(Object.entries(d.credentialSubject.hasClaim.title).map(([k, v]) => [k.length > 2 ? k.toLowerCase() : k, v])))],
  ])('a credential without id presented twice, the second with %s: VC_DUPLICATE_CREDENTIAL, counted once', async (_what, change) => {
    const credential = (await signCredential(exported('higher-education', { id: null }), { key: issuer, created })) as Doc;
    const copy = structuredClone(credential);
    change(copy);
    expect((await verifyCredential(copy, { now })).verified).toBe(true); // the same signed data
    const result = await verifyPresentation(await presentBypass([credential, copy]), { challenge, domain, now });
    expect(result.verified).toBe(true);
    const stack = await summarizeStack(result);
    expect(stack.ok).toBe(false);
    expect(stack.ects).toBe(fixture('higher-education').workload.ects);
    expect(stack.excluded).toEqual([{ index: 1, codes: ['VC_DUPLICATE_CREDENTIAL'] }]);
  });

  it('a blank node identifier added to a credential: refused (it is not signed), so it cannot make a second copy', async () => {
    const credential = (await signCredential(exported('higher-education', { id: null }), { key: issuer, created })) as Doc;
    const result = await verifyCredential({ ...credential, id: '_:dup' }, { now });
    expect(result.verified).toBe(false);
    expect(codes(result)).toEqual(['VC_JSON_NOT_CANONICAL /id']);
  });
});

describe('a node is written in full, or repeated the same', () => {
  it('the claim split into two partial copies with one id: refused at the copy that is not whole', async () => {
    const doc = exported('every-optional-element');
    const claim = doc.credentialSubject.hasClaim;
    claim.id = 'urn:uuid:00000000-0000-4000-8000-0000000000c1';
    const signed = (await signCredential(doc, { key: issuer, created })) as Doc;
    const { specifiedBy, ...rest } = signed.credentialSubject.hasClaim;
    const split = { ...signed, credentialSubject: { ...signed.credentialSubject, hasClaim: [rest, { id: claim.id, specifiedBy }] } };
    const result = await verifyCredential(split, { now });
    expect(result.verified).toBe(false);
    // The larger copy (the one with the specification) is taken as the node; the other says more.
    expect(codes(result)).toEqual(['VC_JSON_NOT_CANONICAL /credentialSubject/hasClaim/0']);
  });

  it('the learner split into two partial subjects: refused', async () => {
    const signed = (await signCredential(exported('every-optional-element'), { key: issuer, created })) as Doc;
    const { hasClaim, ...names } = signed.credentialSubject;
    const split = { ...signed, credentialSubject: [{ id: names.id, type: names.type, hasClaim }, names] };
    const result = await verifyCredential(split, { now });
    expect(result.verified).toBe(false);
    expect(codes(result).some((c) => c.startsWith('VC_JSON_NOT_CANONICAL /credentialSubject'))).toBe(true);
  });

  it('the same organisation as issuer and awarding body, once in full and once with less: accepted', async () => {
    const signed = (await signCredential(exported('every-optional-element'), { key: issuer, created })) as Doc;
    expect((await verifyCredential(signed, { now })).issues).toEqual([]);
  });
});

describe('what a stack counts does not depend on an order that is not signed', () => {
  it('a credential with two claims does not count (VC_CONTENT_AMBIGUOUS), in either order', async () => {
    const doc = exported('higher-education');
    const second = exported('every-optional-element').credentialSubject.hasClaim;
    doc.credentialSubject.hasClaim = [doc.credentialSubject.hasClaim, second];
    const signed = (await signCredential(doc, { key: issuer, created })) as Doc;
    const reversed = { ...signed, credentialSubject: { ...signed.credentialSubject, hasClaim: [...signed.credentialSubject.hasClaim].reverse() } };
    for (const credential of [signed, reversed]) {
      const result = await verifyPresentation(await presentBypass([credential]), { challenge, domain, now });
      expect(result.verified).toBe(true);
      const stack = await summarizeStack(result);
      expect(stack).toMatchObject({ ok: false, ects: 0, excluded: [{ index: 0, codes: ['VC_CONTENT_AMBIGUOUS'] }] });
    }
  });
});

describe('bounded cost and one spelling of literals and proofs', () => {
  it('a language map of 20 000 languages is refused before canonicalization (which is quadratic)', async () => {
    const signed = (await signCredential(exported('higher-education'), { key: issuer, created })) as Doc;
    const many = structuredClone(signed);
    many.credentialSubject.fullName = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`x-${i}`, 'Name']));
    const started = performance.now();
    const result = await verifyCredential(many, { now });
    expect(codes(result)).toEqual(['VC_CREDENTIAL_MALFORMED /credentialSubject/fullName']);
    // Not a timing assertion of the library's speed: a guard that the signature was never attempted.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['a string typed xsd:string written as a number', (d: Doc) => (d.credentialSubject.hasClaim.specifiedBy.creditPoint.point = Number(d.credentialSubject.hasClaim.specifiedBy.creditPoint.point)), '/credentialSubject/hasClaim/specifiedBy/creditPoint/point'],
  ])('%s: VC_JSON_NOT_CANONICAL (same RDF, another spelling)', async (_what, change, pointer) => {
    const doc = exported('higher-education');
    const wrong = structuredClone(doc);
    change(wrong);
    const signed = await bypass(wrong);
    expect(codes(await verifyCredential(signed, { now }))).toEqual([`VC_JSON_NOT_CANONICAL ${pointer}`]);
  });

  it('a proof in an array of one, a blank node proof id, a proof @context on an RDF proof: VC_PROOF_MALFORMED', async () => {
    const signed = (await signCredential(exported('higher-education'), { key: issuer, created, suite: 'eddsa-rdfc-2022' })) as Doc;
    expect(codes(await verifyCredential({ ...signed, proof: [signed.proof] }, { now }))).toEqual(['VC_PROOF_MALFORMED /proof']);
    expect(codes(await verifyCredential({ ...signed, proof: { ...signed.proof, id: '_:p' } }, { now }))).toEqual(['VC_PROOF_MALFORMED /proof/id']);
    expect(codes(await verifyCredential({ ...signed, proof: { ...signed.proof, '@context': signed['@context'] } }, { now }))).toEqual(['VC_PROOF_MALFORMED /proof/@context']);
  });

  it('a language tag with a capital language subtag (EN): VC_JSON_NOT_CANONICAL; pt-BR is fine', async () => {
    const signed = (await signCredential(exported('higher-education'), { key: issuer, created })) as Doc;
    const upper = structuredClone(signed);
    const title = upper.credentialSubject.hasClaim.title;
    upper.credentialSubject.hasClaim.title = Object.fromEntries(Object.entries(title).map(([k, v]) => [k.toUpperCase(), v]));
    const result = await verifyCredential(upper, { now });
    expect(result.verified).toBe(false);
    expect(codes(result)[0]).toMatch(/^VC_JSON_NOT_CANONICAL \/credentialSubject\/hasClaim\/title\/[A-Z]{2}$/);
  });
});

describe('a value written twice, and other spellings the signature cannot tell apart', () => {
  const expiredOnlyByValidUntil = async () => {
    const doc = exported('every-optional-element');
    delete doc.expirationDate; // validUntil alone: @digitalbazaar/vc does not read it for VC 1.1
    return (await signCredential(doc, { key: issuer, created })) as Doc;
  };

  it('validUntil written twice in an array: refused, and still VC_EXPIRED', async () => {
    const signed = await expiredOnlyByValidUntil();
    const twice = { ...signed, validUntil: [signed.validUntil, signed.validUntil] };
    const result = await verifyCredential(twice, { now: '2031-01-01T00:00:00Z' });
    expect(result.verified).toBe(false);
    expect(codes(result)).toEqual(['VC_JSON_NOT_CANONICAL /validUntil/1', 'VC_EXPIRED /validUntil/0']);
  });

  it.each([
    ['the date of birth', 'every-optional-element', ['credentialSubject', 'dateOfBirth']],
    ['the national id', 'every-optional-element', ['credentialSubject', 'nationalID', 'notation']],
    ['the credential schema', 'higher-education', ['credentialSchema']],
    ['the ECTS point', 'higher-education', ['credentialSubject', 'hasClaim', 'specifiedBy', 'creditPoint', 'point']],
  ] as [string, string, string[]][])('%s written twice: VC_JSON_NOT_CANONICAL at the second', async (_what, name, path) => {
    const signed = (await signCredential(exported(name), { key: issuer, created })) as Doc;
    const copy = structuredClone(signed);
    const parent = path.slice(0, -1).reduce((v: any, k) => v[k], copy);
    const last = path[path.length - 1]!;
    expect(parent[last]).toBeDefined();
    parent[last] = [parent[last], parent[last]];
    expect(codes(await verifyCredential(copy, { now }))).toEqual([`VC_JSON_NOT_CANONICAL /${path.join('/')}/1`]);
  });

  it('a copy of a credential with a repeated node shortened to its id, or an unused context added, counts once', async () => {
    const credential = (await signCredential(exported('higher-education', { id: null }), { key: issuer, created })) as Doc;
    const shortened = structuredClone(credential);
    shortened.displayParameter.primaryLanguage = shortened.displayParameter.primaryLanguage.id;
    const withContext = { ...structuredClone(credential), '@context': [...credential['@context'], 'https://www.w3.org/ns/did/v1'] };
    for (const copy of [shortened, withContext]) {
      expect((await verifyCredential(copy, { now })).verified).toBe(true);
      const result = await verifyPresentation(await presentBypass([credential, copy]), { challenge, domain, now });
      expect((await summarizeStack(result)).excluded).toEqual([{ index: 1, codes: ['VC_DUPLICATE_CREDENTIAL'] }]);
    }
  });

  it('a language map of 20 000 texts under one language: refused before canonicalization', async () => {
    const signed = (await signCredential(exported('higher-education'), { key: issuer, created })) as Doc;
    const many = structuredClone(signed);
    many.credentialSubject.fullName = { en: Array.from({ length: 20_000 }, (_, i) => `Name ${i}`) };
    expect(codes(await verifyCredential(many, { now }))).toEqual(['VC_CREDENTIAL_MALFORMED /credentialSubject/fullName']);
  });

  it('200 proofs: refused before any is verified', async () => {
    const signed = (await signCredential(exported('higher-education'), { key: issuer, created })) as Doc;
    const proofs = Array.from({ length: 200 }, () => signed.proof);
    expect(codes(await verifyCredential({ ...signed, proof: proofs }, { now }))).toEqual(['VC_PROOF_MALFORMED /proof']);
  });

  it('two copies of a node with long lists that differ in order: compared within a bounded budget', async () => {
    const signed = (await signCredential(exported('higher-education'), { key: issuer, created })) as Doc;
    const list = Array.from({ length: 999 }, (_, i) => `c${i}`);
    const big = (reverse: boolean) => ({ id: 'urn:x:node', type: 'Note', noteLiteral: { en: reverse ? [...list].reverse() : list } });
    const doc = { ...signed, credentialSubject: { ...signed.credentialSubject, additionalNote: [big(false), big(true)] } };
    const started = performance.now();
    const result = await verifyCredential(doc, { now });
    expect(result.verified).toBe(false);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a proof nested inside the credential (not its own proof) is walked like any member', async () => {
    const doc = exported('higher-education');
    doc.credentialSubject.proof = { '@context': { note: 'https://schema.org/description' }, type: 'Ed25519Signature2020', note: 'x' };
    const signed = await bypass(doc);
    const result = await verifyCredential(signed, { now });
    expect(result.verified).toBe(false);
    expect(codes(result)).toContain('VC_CONTEXT_NOT_ALLOWED /credentialSubject/proof/@context');
  });
});

