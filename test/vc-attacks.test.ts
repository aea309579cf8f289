/**
 * The attack list of the verifiers (issue 10): each class a `describe`, each variant a row. Every
 * attack is made with real keys and real signatures, and must end in `verified: false` with the
 * exact codes (and the JSON Pointer of the place, where there is one). Signing refuses what a
 * verifier would refuse, with the same code as its `reason`.
 *
 * Issues are compared as `CODE /pointer`, with ` #n` for an issue of the n-th embedded credential of
 * a presentation.
 */
import { inspect } from 'node:util';
import * as vc from '@digitalbazaar/vc';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromElm, toElm, type MicroCredential } from '../src/index.js';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { type IssuerKey, type SuiteName, SUITES, SigningError, exportKey, generateIssuerKey, importIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { bytesToBase58btc, bytesToBase64, bytesToBase64Url, bytesToHex, base58btcToBytes } from '../src/json/encoding.js';
import { createPresentation, signPresentation, verifyPresentation, type PresentationVerificationResult } from '../src/vc/presentation.js';
import { keyLoader } from '../src/vc/resolver.js';
import { summarizeStack } from '../src/vc/stack.js';
import { signingSuite } from '../src/vc/suites.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;

const seed = (n: number) => new Uint8Array(32).fill(n);
const created = '2025-06-30T12:00:00Z';
/** Inside every credential's validity (every-optional-element: 2025-06-30 to 2030-06-30). */
const now = '2026-01-01T00:00:00Z';
/** After every-optional-element's `validUntil` and `expirationDate` (2030-06-30T23:59:59+02:00). */
const later = '2031-01-01T00:00:00Z';
const challenge = 'n-0S6_WzA2Mj';
const domain = 'admissions.uni.example.eu';
const EVIL = 'https://evil.example/context.jsonld';
const CRED = 'https://www.w3.org/2018/credentials#';
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
const FOAF = 'http://xmlns.com/foaf/0.1/';

const fixture = (name: string) => structuredClone(validFixtures.find((f) => f.name === name)!.doc) as MicroCredential;
const uuid = (n: number) => `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Issues as `CODE /pointer #credential`. */
const show = (r: { issues: { code: string; path: string; details?: unknown }[] }) =>
  r.issues.map((i) => {
    const credential = (i.details as { credential?: unknown } | undefined)?.credential;
    return `${i.code} ${i.path}${typeof credential === 'number' ? ` #${credential}` : ''}`;
  });

/**
 * Compares issues with expected ones, in order; an expected code may be `A|B` where the issue
 * allows either (a compact-IRI key is VC_JSON_NOT_CANONICAL or VC_UNDEFINED_TERM).
 */
function expectIssues(actual: string[], expected: readonly string[]): void {
  const fits = (a: string | undefined, e: string) => {
    const [codes, ...rest] = e.split(' ');
    const [code, ...more] = (a ?? '').split(' ');
    return codes!.split('|').includes(code!) && more.join(' ') === rest.join(' ');
  };
  if (actual.length === expected.length && expected.every((e, i) => fits(actual[i], e))) return;
  expect(actual).toEqual(expected);
}

let issuer: IssuerKey; // did:key issuer of the genuine credentials
let webIssuer: IssuerKey; // a did:web issuer, so that `controllers` are exercised
let learner: IssuerKey; // the learner: subject of the genuine credentials, holder of the presentations
let other: IssuerKey; // another learner with the same name ("Marie Dubois"), a different DID
let attacker: IssuerKey;
let controllers: object[];

/** every-optional-element, issued to `learner`, signed with each suite (validUntil 2030-06-30). */
const signed: Partial<Record<SuiteName, Doc>> = {};
let ed: Doc; // signed.Ed25519Signature2020
/** Two credentials of `learner`, and one of `other`, and one naming no learner id. */
let mine: Doc[];
let othersCredential: Doc;
let unbound: Doc;

interface IssueOptions {
  signer?: IssuerKey;
  subject?: IssuerKey | null;
  n: number;
  suite?: SuiteName;
  name?: string;
  title?: string;
  id?: boolean;
}

/** A credential of fixture `name` for `subject`, with its own id, as toElm writes it (unsigned). */
function unsigned({ signer = issuer, subject = learner, n, name = 'every-optional-element', title, id = true }: IssueOptions): Doc {
  const mc = fixture(name);
  const { id: _learnerId, ...learnerRest } = mc.learner as MicroCredential['learner'] & { id?: string };
  const credential = toElm(
    {
      ...mc,
      ...(id ? { id: uuid(n) } : {}),
      ...(title ? { title } : {}),
      learner: subject === null ? learnerRest : { ...learnerRest, id: subject.controller },
      issuer: { ...mc.issuer, id: signer.controller, identifiers: { eidas: 'FR-TEST-1' } },
    } as MicroCredential,
    id ? { id: uuid(n) } : {},
  ) as Doc;
  if (!id) delete credential.id;
  return credential;
}

async function issue(options: IssueOptions, when = created): Promise<Doc> {
  return signCredential(unsigned(options), { key: options.signer ?? issuer, created: when, ...(options.suite ? { suite: options.suite } : {}) });
}

/** A presentation of `credentials` signed by `signer` as its holder (stated unless `holder: null`). */
async function present(credentials: Doc[], options: { signer?: IssuerKey; holder?: string | null; challenge?: string; domain?: string; suite?: SuiteName } = {}): Promise<Doc> {
  const signer = options.signer ?? learner;
  const holder = options.holder === undefined ? signer.controller : options.holder;
  const vp = createPresentation({ credentials, ...(holder === null ? {} : { holder }), id: 'urn:uuid:11111111-1111-4111-8111-111111111111' });
  if (holder !== null && holder !== signer.controller) return bypassPresentation(vp, signer, options);
  return signPresentation(vp, { key: signer, challenge: options.challenge ?? challenge, domain: options.domain ?? domain, created, ...(options.suite ? { suite: options.suite } : {}) });
}

/** Signs a presentation with @digitalbazaar/vc directly, past signPresentation()'s own guards (as an attacker would). */
async function bypassPresentation(vp: Doc, signer: IssuerKey, options: { challenge?: string; domain?: string; suite?: SuiteName } = {}): Promise<Doc> {
  const { proof: _proof, ...bare } = structuredClone(vp);
  return vc.signPresentation({ presentation: bare, suite: signingSuite(options.suite ?? 'Ed25519Signature2020', signer, new Date(created)), documentLoader: keyLoader([signer.controllerDocument()]), challenge: options.challenge ?? challenge, domain: options.domain ?? domain }) as Promise<Doc>;
}

/** Signs a credential with @digitalbazaar/vc directly, past signCredential()'s checks (as a careless or hostile signer would). */
async function bypassCredential(doc: Doc, signer: IssuerKey, suite: SuiteName): Promise<Doc> {
  const { proof: _proof, ...bare } = structuredClone(doc);
  return vc.issue({ credential: bare, suite: signingSuite(suite, signer, new Date(created)), documentLoader: keyLoader([signer.controllerDocument()]) }) as Promise<Doc>;
}

const verifyVp = (vp: unknown, options: Partial<Parameters<typeof verifyPresentation>[1]> = {}) => verifyPresentation(vp, { challenge, domain, now, controllers, ...options });

/** A well-formed proof whose signature is 64 random-looking bytes: a forgery with nothing behind it. */
function garbageProof(key: IssuerKey, purpose: 'assertionMethod' | 'authentication', suite: SuiteName = 'Ed25519Signature2020', fill = 0x5a): Doc {
  const proofValue = `z${bytesToBase58btc(new Uint8Array(64).map((_, i) => (fill + i * 37) & 0xff))}`;
  const common = { created, verificationMethod: key.id, proofPurpose: purpose, ...(purpose === 'authentication' ? { challenge, domain } : {}), proofValue };
  return suite === 'Ed25519Signature2020' ? { type: 'Ed25519Signature2020', ...common } : { type: 'DataIntegrityProof', cryptosuite: suite, ...common };
}

beforeAll(async () => {
  issuer = await generateIssuerKey({ seed: seed(7) });
  webIssuer = await generateIssuerKey({ seed: seed(8), controller: 'did:web:uni.example.eu' });
  learner = await generateIssuerKey({ seed: seed(11) });
  other = await generateIssuerKey({ seed: seed(12) });
  attacker = await generateIssuerKey({ seed: seed(66) });
  controllers = [webIssuer.controllerDocument()];
  for (const suite of SUITES) signed[suite] = await issue({ n: 1, suite });
  ed = signed.Ed25519Signature2020!;
  mine = [await issue({ n: 2, name: 'higher-education' }), await issue({ n: 3, signer: webIssuer, name: 'decimal-ects-short-cycle' })];
  othersCredential = await issue({ n: 4, subject: other, name: 'higher-education' });
  unbound = await issue({ n: 5, subject: null, name: 'higher-education' });
});

// ---------------------------------------------------------------------------------------------

describe('1. presentations are bound to their holder', () => {
  it('the genuine presentation verifies, with its holder, and the stack counts each credential once', async () => {
    const result = await verifyVp(await present(mine));
    expect(show(result)).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.holder).toBe(learner.controller);
    const summary = await summarizeStack(result);
    expect(summary).toMatchObject({ ok: true, excluded: [], issues: [], holder: learner.controller });
    expect(summary.credentials.map((c) => c.index)).toEqual([0, 1]);
  });

  it('createPresentation writes one credential as itself and the type as a string (the canonical form)', () => {
    const vp = createPresentation({ credentials: [mine[0]!], holder: learner.controller });
    expect(vp.type).toBe('VerifiablePresentation');
    expect(Array.isArray(vp.verifiableCredential)).toBe(false);
    expect(vp.verifiableCredential).toEqual(mine[0]);
  });

  // The attacker holds the victim's (public) credentials, signs them with their own key, and puts a
  // bogus "victim" proof beside the genuine one: every proof must verify.
  it.each([
    ['first, no holder stated', 'first', null],
    ['last, no holder stated', 'last', null],
    ['first, the victim stated as holder', 'first', 'victim'],
    ['last, the victim stated as holder', 'last', 'victim'],
  ] as const)('a bogus "victim" proof beside the attacker\'s own: %s', async (_what, where, stated) => {
    const vp = await present(mine, { signer: attacker, holder: stated === 'victim' ? learner.controller : null });
    const bogus = garbageProof(learner, 'authentication');
    vp.proof = where === 'first' ? [bogus, vp.proof] : [vp.proof, bogus];
    const bogusAt = where === 'first' ? '/proof/0/proofValue' : '/proof/1/proofValue';
    const result = await verifyVp(vp);
    expect(result.verified).toBe(false);
    expect(result.holder).toBeUndefined();
    expect(show(result)).toContain(`VC_SIGNATURE_INVALID ${bogusAt}`);
    // The attacker's own proof verifies; the only other thing that may be said is that its key is not the stated holder's.
    for (const issue of show(result)) expect([`VC_SIGNATURE_INVALID ${bogusAt}`, 'VC_HOLDER_KEY_MISMATCH /holder']).toContain(issue);
    expect(show(result).some((i) => i.startsWith('VC_ISSUER_KEY_MISMATCH'))).toBe(false);
    const summary = await summarizeStack(result);
    expect(summary.ok).toBe(false);
    expect(summary.holder).toBeUndefined();
    expect(summary.ects).toBe(0);
    expect(summary.excluded.map((e) => e.codes)).toEqual([['VC_HOLDER_NOT_LEARNER'], ['VC_HOLDER_NOT_LEARNER']]);
  });

  it('a bogus "victim" proof first, re-encoded (base64url): VC_PROOF_MALFORMED on it, no holder', async () => {
    const vp = await present(mine, { signer: attacker, holder: null });
    const bogus = garbageProof(learner, 'authentication');
    bogus.proofValue = `u${bytesToBase64Url(base58btcToBytes(bogus.proofValue.slice(1))!)}`;
    vp.proof = [bogus, vp.proof];
    const result = await verifyVp(vp);
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_PROOF_MALFORMED /proof/0/proofValue']);
    expect(result.holder).toBeUndefined();
    expect((await summarizeStack(result)).ok).toBe(false);
  });

  it("the attacker presents the victim's credentials under their own name: genuine, but none counts for the attacker", async () => {
    const result = await verifyVp(await present(mine, { signer: attacker }));
    expect(result.verified).toBe(true); // the attacker really signed it
    expect(result.holder).toBe(attacker.controller);
    const summary = await summarizeStack(result);
    expect(summary).toMatchObject({ ok: false, ects: 0, credentials: [] });
    expect(show(summary)).toEqual(['VC_HOLDER_NOT_LEARNER /verifiableCredential/0/credentialSubject/id #0', 'VC_HOLDER_NOT_LEARNER /verifiableCredential/1/credentialSubject/id #1']);
    expect(summary.excluded).toEqual([
      { index: 0, codes: ['VC_HOLDER_NOT_LEARNER'] },
      { index: 1, codes: ['VC_HOLDER_NOT_LEARNER'] },
    ]);
  });

  it('the victim stated as holder of a presentation the attacker signed: VC_HOLDER_KEY_MISMATCH, no holder', async () => {
    const result = await verifyVp(await present(mine, { signer: attacker, holder: learner.controller }));
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_HOLDER_KEY_MISMATCH /holder']);
    expect(result.holder).toBeUndefined();
    expect((await summarizeStack(result)).ok).toBe(false);
  });

  // A proof of the genuine holder for another request, added beside the proof for this one.
  it.each([
    ['another challenge, second', { challenge: 'an-earlier-request' }, 'second', ['VC_CHALLENGE_MISMATCH /proof/1/challenge']],
    ['another challenge, first', { challenge: 'an-earlier-request' }, 'first', ['VC_CHALLENGE_MISMATCH /proof/0/challenge']],
    ['another domain, second', { domain: 'evil.example' }, 'second', ['VC_DOMAIN_MISMATCH /proof/1/domain']],
    ['another domain, first', { domain: 'evil.example' }, 'first', ['VC_DOMAIN_MISMATCH /proof/0/domain']],
    ['another challenge and domain, second', { challenge: 'x', domain: 'evil.example' }, 'second', ['VC_CHALLENGE_MISMATCH /proof/1/challenge', 'VC_DOMAIN_MISMATCH /proof/1/domain']],
  ] as const)('a replayed proof (%s) beside the genuine one', async (_what, replay, where, expected) => {
    const genuine = await present(mine);
    const replayed = await present(mine, replay);
    genuine.proof = where === 'second' ? [genuine.proof, replayed.proof] : [replayed.proof, genuine.proof];
    const result = await verifyVp(genuine);
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(expected);
    expect((await summarizeStack(result)).ok).toBe(false);
  });

  it.each([
    ['a presentation replayed whole for another challenge', { challenge: 'an-earlier-request' }, ['VC_CHALLENGE_MISMATCH /proof/challenge']],
    ['a presentation replayed whole for another domain', { domain: 'evil.example' }, ['VC_DOMAIN_MISMATCH /proof/domain']],
  ] as const)('%s: refused, no holder', async (_what, replay, expected) => {
    const result = await verifyVp(await present(mine, replay));
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(expected);
    expect(result.holder).toBeUndefined();
  });

  it("a proof changed to another purpose (assertionMethod): VC_KEY_NOT_AUTHORIZED on it", async () => {
    const vp = await present(mine);
    vp.proof.proofPurpose = 'assertionMethod';
    const result = await verifyVp(vp);
    expect(result.verified).toBe(false);
    expect(show(result)[0]).toBe('VC_KEY_NOT_AUTHORIZED /proof/proofPurpose');
    expect(result.holder).toBeUndefined();
  });

  it('two genuine proofs by two people (the holder and the attacker): VC_HOLDER_KEY_MISMATCH, no holder', async () => {
    const vp = await present(mine, { holder: null });
    const theirs = await present(mine, { signer: attacker, holder: null });
    vp.proof = [vp.proof, theirs.proof];
    const result = await verifyVp(vp);
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_HOLDER_KEY_MISMATCH /proof']);
    expect(result.holder).toBeUndefined();
    expect((await summarizeStack(result)).ok).toBe(false);
  });

  it.each([
    ['another learner\'s genuine credential', () => [mine[0]!, othersCredential], [{ index: 1, codes: ['VC_HOLDER_NOT_LEARNER'] }]],
    ['a credential that names no learner id', () => [mine[0]!, unbound], [{ index: 1, codes: ['VC_LEARNER_NOT_BOUND'] }]],
    ['the same credential twice (the same id)', () => [mine[0]!, mine[1]!, mine[0]!], [{ index: 2, codes: ['VC_DUPLICATE_CREDENTIAL'] }]],
  ] as const)('the stack: %s does not count', async (_what, credentials, excluded) => {
    const result = await verifyVp(await present(credentials()));
    expect(show(result)).toEqual([]); // every signature is genuine
    const summary = await summarizeStack(result);
    expect(summary.ok).toBe(false);
    expect(summary.excluded).toEqual(excluded);
    expect(summary.credentials.map((c) => c.index)).toEqual([0, ...(credentials().length === 3 ? [1] : [])]);
  });

  it('the stack: the same credential under another proof (another suite, the same id) counts once', async () => {
    const result = await verifyVp(await present([signed.Ed25519Signature2020!, signed['eddsa-rdfc-2022']!, signed['eddsa-jcs-2022']!]));
    expect(result.verified).toBe(true);
    const summary = await summarizeStack(result);
    expect(summary.excluded).toEqual([
      { index: 1, codes: ['VC_DUPLICATE_CREDENTIAL'] },
      { index: 2, codes: ['VC_DUPLICATE_CREDENTIAL'] },
    ]);
    expect(summary.issues.map((i) => [i.code, i.details])).toEqual([
      ['VC_DUPLICATE_CREDENTIAL', { credential: 1, reference: 0 }],
      ['VC_DUPLICATE_CREDENTIAL', { credential: 2, reference: 0 }],
    ]);
    expect(summary.ok).toBe(false);
  });

  it('the stack: the same content without an id, signed twice (different proofs), counts once', async () => {
    const a = await issue({ n: 6, id: false, name: 'higher-education' }, '2025-06-30T12:00:00Z');
    const b = await issue({ n: 6, id: false, name: 'higher-education' }, '2025-07-01T08:00:00Z');
    expect(a.proof.proofValue).not.toBe(b.proof.proofValue);
    const result = await verifyVp(await present([a, b]));
    expect(result.verified).toBe(true);
    const summary = await summarizeStack(result);
    expect(summary.excluded).toEqual([{ index: 1, codes: ['VC_DUPLICATE_CREDENTIAL'] }]);
    expect(summary.ok).toBe(false);
  });

  it('the stack: a list of verifyCredential() results holding one credential twice', async () => {
    const results = await Promise.all([mine[0]!, mine[0]!].map(async (credential) => ({ ...(await verifyCredential(credential, { now, controllers })), credential })));
    const summary = await summarizeStack(results);
    expect(summary.excluded).toEqual([{ index: 1, codes: ['VC_DUPLICATE_CREDENTIAL'] }]);
    expect(summary.ok).toBe(false);
  });

  it.each([
    ['a revoked Proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }],
    ['a result whose getter throws', () => Object.defineProperty({ verified: true, checks: [], issues: [], credentials: [] }, 'holder', { enumerable: true, get: () => { throw new Error('boom'); } })],
    ['a credential list whose element throws', () => [Object.defineProperty({}, 'verified', { enumerable: true, get: () => { throw new Error('boom'); } })]],
    ['a Proxy that throws on every trap', () => new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); }, getOwnPropertyDescriptor: () => { throw new Error('boom'); } })],
  ] as const)('summarizeStack never throws: %s gives ok: false', async (_what, input) => {
    const summary = await summarizeStack(input() as PresentationVerificationResult);
    expect(summary!.ok).toBe(false);
    expect(summary!.ects).toBe(0);
  });

  it('verifyPresentation passes `documents` to the embedded credentials; signPresentation accepts them', async () => {
    const url = 'https://contexts.example.eu/extra/v1';
    const extra = { '@context': { '@protected': true, courseNickname: { '@id': 'https://contexts.example.eu/extra#courseNickname' } } };
    const documents = { [url]: extra };
    const bare = unsigned({ n: 7, name: 'higher-education' });
    bare['@context'] = [...bare['@context'], url];
    bare.courseNickname = 'GDPR for analysts';
    const credential = await signCredential(bare, { key: issuer, created, documents });
    const vp = createPresentation({ credentials: [credential], holder: learner.controller });
    await expect(signPresentation(vp, { key: learner, challenge, domain, created })).rejects.toMatchObject({ reason: 'VC_CONTEXT_NOT_BUNDLED' });
    const signedVp = await signPresentation(vp, { key: learner, challenge, domain, created, documents });
    const result = await verifyVp(signedVp, { documents });
    expect(show(result)).toEqual([]);
    expect(result.verified).toBe(true);
    const without = await verifyVp(signedVp);
    expect(without.verified).toBe(false);
    expect(show(without)).toEqual(['VC_CONTEXT_NOT_BUNDLED /verifiableCredential/@context/2', 'VC_CONTEXT_NOT_BUNDLED /verifiableCredential/@context/2 #0']);
  });
});

// ---------------------------------------------------------------------------------------------

/** Renames a member in place, keeping its position. */
function rename(node: Doc, from: string, to: string, value: unknown = node[from]): void {
  const entries = Object.entries(node).map(([k, v]) => (k === from ? [to, value] : [k, v]));
  for (const k of Object.keys(node)) delete node[k];
  Object.assign(node, Object.fromEntries(entries));
}
const asValue = (v: string, type = XSD_DATETIME) => ({ '@value': v, '@type': type });
const asLanguageValues = (map: Record<string, string>) => Object.entries(map).map(([l, v]) => ({ '@value': v, '@language': l }));

/**
 * Re-spellings of a signed every-optional-element credential: [what, edit, expected issues, and the
 * signing refusal when it is not the first issue's].
 */
const RESPELLINGS: [string, (d: Doc) => void, string[], string?][] = [
  ['expirationDate as a one-element array', (d) => (d.expirationDate = [d.expirationDate]), ['VC_JSON_NOT_CANONICAL /expirationDate']],
  ['validUntil as a one-element array', (d) => (d.validUntil = [d.validUntil]), ['VC_JSON_NOT_CANONICAL /validUntil']],
  ['issuanceDate as a value object', (d) => (d.issuanceDate = asValue(d.issuanceDate)), ['VC_JSON_NOT_CANONICAL /issuanceDate']],
  ['validFrom as a value object with a compact type', (d) => (d.validFrom = asValue(d.validFrom, 'xsd:dateTime')), ['VC_JSON_NOT_CANONICAL /validFrom']],
  ['issuanceDate under its full IRI', (d) => rename(d, 'issuanceDate', `${CRED}issuanceDate`, asValue(d.issuanceDate)), ['VC_JSON_NOT_CANONICAL /https:~1~1www.w3.org~12018~1credentials#issuanceDate']],
  ['issued under its compact IRI (cred:)', (d) => rename(d, 'issued', 'cred:issued', asValue(d.issued)), ['VC_JSON_NOT_CANONICAL|VC_UNDEFINED_TERM /cred:issued']],
  ['the claim title under its compact IRI (dc:title)', (d) => rename(d.credentialSubject.hasClaim, 'title', 'dc:title', asLanguageValues(d.credentialSubject.hasClaim.title)), ['VC_JSON_NOT_CANONICAL|VC_UNDEFINED_TERM /credentialSubject/hasClaim/dc:title']],
  ['the claim title under a look-alike IRI (elm:title)', (d) => rename(d.credentialSubject.hasClaim, 'title', 'elm:title'), ['VC_UNDEFINED_TERM /credentialSubject/hasClaim/elm:title']],
  ['givenName under its full IRI', (d) => rename(d.credentialSubject, 'givenName', `${FOAF}givenName`, asLanguageValues(d.credentialSubject.givenName)), ['VC_JSON_NOT_CANONICAL /credentialSubject/http:~1~1xmlns.com~1foaf~10.1~1givenName']],
    // Signing reads the issuer's id first: with none, the key cannot be the issuer's.
  ['@id instead of id (the issuer)', (d) => rename(d.issuer, 'id', '@id'), ['VC_JSON_NOT_CANONICAL /issuer/@id'], 'VC_ISSUER_KEY_MISMATCH'],
  ['@id instead of id (the learner)', (d) => rename(d.credentialSubject, 'id', '@id'), ['VC_JSON_NOT_CANONICAL /credentialSubject/@id']],
  ['@type instead of type', (d) => rename(d.credentialSubject, 'type', '@type'), ['VC_JSON_NOT_CANONICAL /credentialSubject/@type']],
  ['@nest around the date of birth', (d) => rename(d.credentialSubject, 'dateOfBirth', '@nest', { dateOfBirth: d.credentialSubject.dateOfBirth }), ['VC_JSON_NOT_CANONICAL /credentialSubject/@nest']],
  ['@index of free text on a node', (d) => (d.credentialSubject.hasClaim['@index'] = 'Grade: A+ with distinction'), ['VC_JSON_NOT_CANONICAL /credentialSubject/hasClaim/@index']],
  ['@graph around the subject', (d) => (d.credentialSubject = { '@graph': [d.credentialSubject] }), ['VC_JSON_NOT_CANONICAL /credentialSubject/@graph']],
  ['a term set to null', (d) => (d.credentialSubject.additionalNote = null), ['VC_JSON_NOT_CANONICAL /credentialSubject/additionalNote']],
  ['an undefined member set to null', (d) => (d.credentialSubject.x = null), ['VC_UNDEFINED_TERM /credentialSubject/x']],
  ['an empty array', (d) => (d.credentialSubject.additionalNote = []), ['VC_JSON_NOT_CANONICAL /credentialSubject/additionalNote']],
  ['"de": [] in a language map', (d) => (d.credentialSubject.fullName.de = []), ['VC_JSON_NOT_CANONICAL /credentialSubject/fullName/de']],
  ['en and EN in one language map', (d) => (d.credentialSubject.fullName.EN = d.credentialSubject.fullName.en), ['VC_JSON_NOT_CANONICAL /credentialSubject/fullName/EN']],
  ['one text as a one-element array in a language map', (d) => (d.credentialSubject.fullName.en = [d.credentialSubject.fullName.en]), ['VC_JSON_NOT_CANONICAL /credentialSubject/fullName/en']],
  ['a type as a one-element array', (d) => (d.credentialSubject.type = [d.credentialSubject.type]), ['VC_JSON_NOT_CANONICAL /credentialSubject/type']],
  ['a duplicate type', (d) => (d.type = [...d.type, 'EuropeanDigitalCredential']), ['VC_JSON_NOT_CANONICAL /type/2']],
  ['a type under its full IRI', (d) => (d.credentialSubject.type = 'http://data.europa.eu/snb/model/elm/Person'), ['VC_JSON_NOT_CANONICAL /credentialSubject/type']],
  ['a single claim as a one-element array', (d) => (d.credentialSubject.hasClaim = [d.credentialSubject.hasClaim]), ['VC_JSON_NOT_CANONICAL /credentialSubject/hasClaim']],
  ['the same property twice (term and compact IRI)', (d) => (d['cred:issued'] = asValue(d.issued)), ['VC_JSON_NOT_CANONICAL|VC_UNDEFINED_TERM /cred:issued']],
];

/** Contexts changed after signing: [what, edit, expected issues]. */
const CONTEXTS: [string, (d: Doc) => void, string[], string?][] = [
  [
    'an inline context that swaps givenName and familyName (the JSON swapped to match)',
    (d) => {
      d['@context'] = [...d['@context'], { givenName: { '@id': 'foaf:familyName', '@container': '@language' }, familyName: { '@id': 'foaf:givenName', '@container': '@language' } }];
      const s = d.credentialSubject;
      [s.givenName, s.familyName] = [s.familyName, s.givenName];
    },
    ['VC_CONTEXT_NOT_ALLOWED /@context/3'],
  ],
  [
    'an inline context that aliases @id (the learner id moved under the alias)',
    (d) => {
      d['@context'] = [...d['@context'], { learnerRef: '@id' }];
      rename(d.credentialSubject, 'id', 'learnerRef');
    },
    ['VC_CONTEXT_NOT_ALLOWED /@context/3'],
  ],
  ['an inline context that sets @base', (d) => (d['@context'] = [...d['@context'], { '@base': 'did:key:' }]), ['VC_CONTEXT_NOT_ALLOWED /@context/3']],
  ['an empty inline context', (d) => (d['@context'] = [...d['@context'], {}]), ['VC_CONTEXT_NOT_ALLOWED /@context/3']],
  ['an inline context first', (d) => (d['@context'] = [{ '@version': 1.1 }, ...d['@context']]), ['VC_CONTEXT_NOT_ALLOWED /@context/0']],
  ['a null context at the end (resetting the active context)', (d) => (d['@context'] = [...d['@context'], null]), ['VC_CONTEXT_NOT_ALLOWED /@context/3']],
  ['a nested @context (a bundled URL) in the subject', (d) => (d.credentialSubject = { '@context': CONTEXT_URLS.ELM, ...d.credentialSubject }), ['VC_CONTEXT_NOT_ALLOWED /credentialSubject/@context']],
  ['a nested inline @context in the claim', (d) => (d.credentialSubject.hasClaim['@context'] = { title: { '@id': 'dc:description', '@container': '@language' } }), ['VC_CONTEXT_NOT_ALLOWED /credentialSubject/hasClaim/@context']],
  ['a nested @context in the issuer', (d) => (d.issuer['@context'] = [CONTEXT_URLS.VC_V1]), ['VC_CONTEXT_NOT_ALLOWED /issuer/@context']],
  ['a context URL that is not bundled', (d) => (d['@context'] = [...d['@context'], EVIL]), ['VC_CONTEXT_NOT_BUNDLED /@context/3']],
  ['a bundled context named twice', (d) => (d['@context'] = [...d['@context'], CONTEXT_URLS.ELM]), ['VC_JSON_NOT_CANONICAL /@context/3']],
  ['an empty @context', (d) => (d['@context'] = []), ['VC_CONTEXT_NOT_ALLOWED /@context']],
  ['a null @context', (d) => (d['@context'] = null), ['VC_CONTEXT_NOT_ALLOWED /@context']],
];

const edit = (doc: Doc, change: (d: Doc) => void): Doc => {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
};
const withoutProof = ({ proof: _proof, ...rest }: Doc) => rest;

describe('2. what you see is what was signed', () => {
  it.each(RESPELLINGS)('re-spelled after signing: %s', async (_what, change, expected) => {
    const result = await verifyCredential(edit(ed, change), { now });
    expect(result.verified).toBe(false);
    expectIssues(show(result), expected);
    expect(result.checks.find((c) => c.check === 'format')?.ok).toBe(false);
  });

  it.each(CONTEXTS)('a context changed after signing: %s', async (_what, change, expected) => {
    const result = await verifyCredential(edit(ed, change), { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(expected);
  });

  it('the swapped names are read as what they mean, by fromElm through JSON-LD, and verification refuses them', async () => {
    const swapped = edit(ed, CONTEXTS[0]![1]);
    // By member names alone (as 0.1 read) the learner would be "Dubois Marie"; through the context the names are the signed ones.
    const read = await fromElm(swapped);
    expect(read.value.learner).toMatchObject({ givenName: 'Marie', familyName: 'Dubois' });
    expect(read.issues.map((i) => i.code)).toContain('ELM_SPELLING_NORMALISED');
    expect((await verifyCredential(swapped, { now, validateContent: true })).verified).toBe(false);
  });

  it.each([...RESPELLINGS, ...CONTEXTS])('signing refuses it: %s', async (_what, change, expected, signing) => {
    const error = await signCredential(withoutProof(edit(ed, change)), { key: issuer, created }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SigningError);
    const { reason, path } = error as SigningError;
    expectIssues([`${reason}${path === undefined ? '' : ` ${path}`}`], [signing ?? expected[0]!]);
  });

  // validUntil and expirationDate both read 2030-06-30; `later` is after it. Whatever the spelling,
  // the credential is not verified, and VC_EXPIRED is still said.
  it.each([
    ['both dates as one-element arrays', (d: Doc) => ((d.validUntil = [d.validUntil]), (d.expirationDate = [d.expirationDate])), ['VC_JSON_NOT_CANONICAL /validUntil', 'VC_JSON_NOT_CANONICAL /expirationDate'], '/validUntil/0'],
    ['both dates as value objects', (d: Doc) => ((d.validUntil = asValue(d.validUntil)), (d.expirationDate = asValue(d.expirationDate))), ['VC_JSON_NOT_CANONICAL /validUntil', 'VC_JSON_NOT_CANONICAL /expirationDate'], '/validUntil/@value'],
    [
      'both dates under their full IRIs',
      (d: Doc) => (rename(d, 'validUntil', `${CRED}validUntil`, asValue(d.validUntil)), rename(d, 'expirationDate', `${CRED}expirationDate`, asValue(d.expirationDate))),
      ['VC_JSON_NOT_CANONICAL /https:~1~1www.w3.org~12018~1credentials#validUntil', 'VC_JSON_NOT_CANONICAL /https:~1~1www.w3.org~12018~1credentials#expirationDate'],
      '/https:~1~1www.w3.org~12018~1credentials#validUntil/@value',
    ],
    ['both dates under cred: IRIs', (d: Doc) => (rename(d, 'validUntil', 'cred:validUntil', asValue(d.validUntil)), rename(d, 'expirationDate', 'cred:expirationDate', asValue(d.expirationDate))), ['VC_JSON_NOT_CANONICAL|VC_UNDEFINED_TERM /cred:validUntil', 'VC_JSON_NOT_CANONICAL|VC_UNDEFINED_TERM /cred:expirationDate'], '/cred:validUntil/@value'],
    ['expirationDate as an array, validUntil as it was', (d: Doc) => (d.expirationDate = [d.expirationDate]), ['VC_JSON_NOT_CANONICAL /expirationDate'], '/validUntil'],
    ['validUntil as a value object, expirationDate as it was', (d: Doc) => (d.validUntil = asValue(d.validUntil)), ['VC_JSON_NOT_CANONICAL /validUntil'], '/validUntil/@value'],
  ] as [string, (d: Doc) => void, string[], string][])('an expired credential with %s: never verified, VC_EXPIRED never hidden', async (_what, change, expected, expiredAt) => {
    const result = await verifyCredential(edit(ed, change), { now: later });
    expect(result.verified).toBe(false);
    // VC_EXPIRED points at the end date as the JSON shows it (the first of equal ones).
    expectIssues(show(result), [...expected, `VC_EXPIRED ${expiredAt}`]);
    expect(result.checks.find((c) => c.check === 'validity')?.ok).toBe(false);
  });

  it('an expired credential, dates re-spelled, inside a presentation: VC_EXPIRED is said for it', async () => {
    const respelled = edit(ed, (d) => ((d.validUntil = [d.validUntil]), (d.expirationDate = [d.expirationDate])));
    const result = await verifyVp(await bypassPresentation(createPresentation({ credentials: [respelled], holder: learner.controller }), learner), { now: later });
    expect(result.verified).toBe(false);
    expect(result.credentials[0]!.issues.map((i) => i.code)).toContain('VC_EXPIRED');
    expect((await summarizeStack(result)).ok).toBe(false);
  });

  // Another learner's credential (another "Marie Dubois") joins the holder's stack: its learner id
  // is re-spelled so that the JSON names no id a reader sees.
  it.each([
    ['@id instead of id', (d: Doc) => rename(d.credentialSubject, 'id', '@id'), ['VC_JSON_NOT_CANONICAL /verifiableCredential/1/credentialSubject/@id', 'VC_JSON_NOT_CANONICAL /verifiableCredential/1/credentialSubject/@id #1']],
    [
      'an alias of @id in an inline context',
      (d: Doc) => {
        d['@context'] = [...d['@context'], { learnerRef: '@id' }];
        rename(d.credentialSubject, 'id', 'learnerRef');
      },
      ['VC_CONTEXT_NOT_ALLOWED /verifiableCredential/1/@context/3', 'VC_CONTEXT_NOT_ALLOWED /verifiableCredential/1/@context/3 #1'],
    ],
    ['the subject in a one-element array', (d: Doc) => (d.credentialSubject = [d.credentialSubject]), ['VC_JSON_NOT_CANONICAL /verifiableCredential/1/credentialSubject', 'VC_JSON_NOT_CANONICAL /verifiableCredential/1/credentialSubject #1']],
  ] as [string, (d: Doc) => void, string[]][])("another learner's credential joined to a stack by re-spelling (%s)", async (_what, change, expected) => {
    const foreign = await issue({ n: 8, subject: other });
    const respelled = edit(foreign, change);
    const vp = await bypassPresentation(createPresentation({ credentials: [edit(ed, () => {}), respelled], holder: learner.controller }), learner);
    const result = await verifyVp(vp);
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(expected);
    expect(result.credentials.map((c) => c.verified)).toEqual([true, false]);
    const summary = await summarizeStack(result);
    expect(summary.ok).toBe(false);
    // The presentation did not verify (its JSON is not what was signed), so no holder was
    // authenticated and no credential counts: not even the holder's own.
    expect(summary.credentials).toEqual([]);
    expect(summary.ects).toBe(0);
    expect(summary.excluded.map((e) => e.index)).toEqual([0, 1]);
  });

  it.each([
    ['the type as a one-element array', (p: Doc) => (p.type = [p.type]), ['VC_JSON_NOT_CANONICAL /type']],
    ['one credential in a one-element array', (p: Doc) => (p.verifiableCredential = [p.verifiableCredential]), ['VC_JSON_NOT_CANONICAL /verifiableCredential']],
    ['the holder as an object with only an id', (p: Doc) => (p.holder = { id: p.holder }), ['VC_JSON_NOT_CANONICAL /holder']],
    ['an inline context in the presentation', (p: Doc) => (p['@context'] = [...p['@context'], { holder: { '@id': 'https://evil.example/holder', '@type': '@id' } }]), ['VC_CONTEXT_NOT_ALLOWED /@context/1']],
    ['a nested @context in the embedded credential\'s subject', (p: Doc) => (p.verifiableCredential.credentialSubject['@context'] = CONTEXT_URLS.ELM), ['VC_CONTEXT_NOT_ALLOWED /verifiableCredential/credentialSubject/@context', 'VC_CONTEXT_NOT_ALLOWED /verifiableCredential/credentialSubject/@context #0']],
  ] as [string, (p: Doc) => void, string[]][])('a presentation re-spelled: %s (refused when verified, and when signed)', async (_what, change, expected) => {
    const vp = edit(createPresentation({ credentials: [ed], holder: learner.controller }), change);
    const [code, path] = expected[0]!.split(' ');
    await expect(signPresentation(vp, { key: learner, challenge, domain, created })).rejects.toMatchObject({ reason: code, path });
    const result = await verifyVp(await bypassPresentation(vp, learner));
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(expected);
    expect(result.holder === undefined || result.checks.some((c) => !c.ok)).toBe(true);
  });

  // A signer that skips the check (here: @digitalbazaar/vc directly) signs the re-spelled JSON; the
  // verifier still refuses it. eddsa-jcs-2022 signs the JSON itself, and meets the same rule.
  it.each(SUITES)('re-spelled JSON signed past the check with %s: refused all the same', async (suite) => {
    for (const [what, change, expected] of [RESPELLINGS[0]!, RESPELLINGS[18]!, RESPELLINGS[10]!]) {
      const forged = await bypassCredential(edit(signed[suite]!, change), issuer, suite);
      const result = await verifyCredential(forged, { now });
      expect(result.verified, what).toBe(false);
      expect(show(result), what).toEqual(expected);
    }
  });
});

// ---------------------------------------------------------------------------------------------

const signatureOf = (doc: Doc) => base58btcToBytes((doc.proof.proofValue as string).slice(1))!;
/** The 86-character base64url form of 64 bytes has 4 spare bits at its end; set them. */
function withPaddingBits(b64url: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(b64url.at(-1)!);
  return b64url.slice(0, -1) + alphabet[last | 0b0011]!;
}

const REENCODINGS: [string, (sig: Uint8Array, original: string) => string][] = [
  ['multibase base64url (u…)', (sig) => `u${bytesToBase64Url(sig)}`],
  ['multibase base64url with non-zero padding bits', (sig) => `u${withPaddingBits(bytesToBase64Url(sig))}`],
  ['multibase base64 (m…)', (sig) => `m${bytesToBase64(sig).replace(/=+$/, '')}`],
  ['multibase base64 with padding (M…)', (sig) => `M${bytesToBase64(sig)}`],
  ['multibase hex (f…)', (sig) => `f${bytesToHex(sig)}`],
  ['base58btc with an extra leading 1 (a zero byte)', (_sig, original) => `z1${original.slice(1)}`],
  ['base58btc without the multibase prefix', (_sig, original) => original.slice(1)],
  ['base58btc with a trailing space', (_sig, original) => `${original} `],
];

describe('3. one signature, one spelling', () => {
  it.each(SUITES.flatMap((suite) => REENCODINGS.map(([what, encode]) => [suite, what, encode] as const)))('%s, the proofValue re-encoded as %s: VC_PROOF_MALFORMED', async (suite, _what, encode) => {
    const doc = signed[suite]!;
    const t = structuredClone(doc);
    t.proof.proofValue = encode(signatureOf(doc), doc.proof.proofValue);
    expect(t.proof.proofValue).not.toBe(doc.proof.proofValue);
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_PROOF_MALFORMED /proof/proofValue']);
  });

  it.each(SUITES)('%s: the genuine spelling verifies (the control)', async (suite) => {
    const result = await verifyCredential(signed[suite]!, { now });
    expect(show(result)).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it.each(SUITES.flatMap((suite) => REENCODINGS.slice(0, 2).map(([what, encode]) => [suite, what, encode] as const)))("%s presentation, the holder's proofValue re-encoded as %s: VC_PROOF_MALFORMED, no holder", async (suite, _what, encode) => {
    const vp = await present(mine, { suite });
    vp.proof.proofValue = encode(signatureOf(vp), vp.proof.proofValue);
    const result = await verifyVp(vp);
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_PROOF_MALFORMED /proof/proofValue']);
    expect(result.holder).toBeUndefined();
  });

  it.each([
    ['an unknown member', (p: Doc) => (p.jws = 'eyJhbGciOiJFZERTQSJ9..x'), ['VC_PROOF_MALFORMED /proof/jws']],
    ['a member that is not a string', (p: Doc) => (p.created = 1751284800), ['VC_PROOF_MALFORMED /proof/created']],
    ['a @context in an Ed25519Signature2020 proof', (p: Doc) => (p['@context'] = CONTEXT_URLS.ED25519_2020), ['VC_PROOF_MALFORMED /proof/@context']],
    ['a domain as a one-element list', (p: Doc) => (p.domain = ['evil.example']), ['VC_PROOF_MALFORMED /proof/domain']],
    ['no proofValue', (p: Doc) => delete p.proofValue, ['VC_PROOF_MALFORMED /proof/proofValue']],
  ] as [string, (p: Doc) => void, string[]][])('a credential proof with %s: VC_PROOF_MALFORMED', async (_what, change, expected) => {
    const t = structuredClone(ed);
    change(t.proof);
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(expected);
  });

  it("an eddsa-jcs-2022 proof whose @context is not the document's: VC_PROOF_MALFORMED", async () => {
    const t = structuredClone(signed['eddsa-jcs-2022']!);
    t.proof['@context'] = [...t.proof['@context'], CONTEXT_URLS.MULTIKEY_V1];
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_PROOF_MALFORMED /proof/@context']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('8. right codes, and the private key', () => {
  // The URL that would be fetched is named (VC_CONTEXT_NOT_BUNDLED, at its own pointer); the inline
  // context holding it may be reported as well (VC_CONTEXT_NOT_ALLOWED, at the context's pointer).
  it.each([
    ['@import of a remote context', (d: Doc) => (d['@context'] = [...d['@context'], { '@import': EVIL }]), '/@context/3/@import', '/@context/3'],
    ['a type-scoped remote context', (d: Doc) => (d['@context'] = [...d['@context'], { Person: { '@id': 'elm:Person', '@context': EVIL } }]), '/@context/3/Person/@context', '/@context/3'],
    ['a property-scoped remote context in a list', (d: Doc) => (d['@context'] = [...d['@context'], { hasClaim: { '@id': 'elm:hasClaim', '@context': [EVIL] } }]), '/@context/3/hasClaim/@context/0', '/@context/3'],
    ['a remote context two levels down', (d: Doc) => (d['@context'] = [...d['@context'], { x: { '@id': 'https://evil.example/x', '@context': { y: { '@id': 'https://evil.example/y', '@context': EVIL } } } }]), '/@context/3/x/@context/y/@context', '/@context/3'],
    ['an inline context that is the only context', (d: Doc) => (d['@context'] = { '@import': EVIL }), '/@context/@import', '/@context'],
    ['a type-scoped remote context nested in the subject', (d: Doc) => (d.credentialSubject['@context'] = { Person: { '@id': 'elm:Person', '@context': EVIL } }), '/credentialSubject/@context/Person/@context', '/credentialSubject/@context'],
    ['a remote context nested in the claim', (d: Doc) => (d.credentialSubject.hasClaim['@context'] = [EVIL]), '/credentialSubject/hasClaim/@context/0', '/credentialSubject/hasClaim/@context'],
  ] as [string, (d: Doc) => void, string, string][])('a remote URL inside an inline context (%s): VC_CONTEXT_NOT_BUNDLED at the URL, when verified and when signed', async (_what, change, url, context) => {
    const t = edit(ed, change);
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    const found = show(result);
    expect(found).toContain(`VC_CONTEXT_NOT_BUNDLED ${url}`);
    for (const issue of found) expect([`VC_CONTEXT_NOT_BUNDLED ${url}`, `VC_CONTEXT_NOT_ALLOWED ${context}`]).toContain(issue);
    const error = await signCredential(withoutProof(t), { key: issuer, created }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SigningError);
    expect([`${(error as SigningError).reason} ${(error as SigningError).path}`]).toEqual([`VC_CONTEXT_NOT_BUNDLED ${url}`]);
  });

  it('a bundled URL scoped inside an inline context: VC_CONTEXT_NOT_ALLOWED (nothing to fetch, but terms redefined)', async () => {
    const t = edit(ed, (d) => (d['@context'] = [...d['@context'], { Person: { '@id': 'elm:Person', '@context': CONTEXT_URLS.DID_V1 } }]));
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_CONTEXT_NOT_ALLOWED /@context/3']);
  });

  // A proof with nothing behind it, placed before the genuine one: it is a broken proof, not a
  // reason to doubt the issuer.
  it.each([
    ["the issuer's key, Ed25519Signature2020", () => garbageProof(issuer, 'assertionMethod'), ['VC_SIGNATURE_INVALID /proof/0/proofValue']],
    ["the attacker's key, Ed25519Signature2020", () => garbageProof(attacker, 'assertionMethod'), ['VC_SIGNATURE_INVALID /proof/0/proofValue']],
    ["the attacker's key, eddsa-rdfc-2022", () => garbageProof(attacker, 'assertionMethod', 'eddsa-rdfc-2022'), ['VC_SIGNATURE_INVALID /proof/0/proofValue']],
    ["the attacker's key, eddsa-jcs-2022", () => garbageProof(attacker, 'assertionMethod', 'eddsa-jcs-2022'), ['VC_SIGNATURE_INVALID /proof/0/proofValue']],
    ["the issuer's key, eddsa-rdfc-2022", () => garbageProof(issuer, 'assertionMethod', 'eddsa-rdfc-2022'), ['VC_SIGNATURE_INVALID /proof/0/proofValue']],
    ['an undecodable proofValue', () => ({ ...garbageProof(attacker, 'assertionMethod'), proofValue: 'z0OIl' }), ['VC_PROOF_MALFORMED /proof/0/proofValue']],
    ["another credential's genuine proof", () => mine[0]!.proof, ['VC_SIGNATURE_INVALID /proof/0/proofValue']],
    ['a presentation proof (authentication)', () => garbageProof(attacker, 'authentication'), ['VC_SIGNATURE_INVALID /proof/0']],
  ] as [string, () => Doc, string[]][])('a garbage proof before a valid one (%s): its own code, never VC_ISSUER_KEY_MISMATCH', async (_what, garbage, expected) => {
    const t = { ...structuredClone(ed), proof: [garbage(), structuredClone(ed.proof)] };
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(expected);
    // The issuer is not doubted (the check is absent when the proof is refused before any cryptography).
    expect(result.checks.find((c) => c.check === 'issuer')?.ok).not.toBe(false);
  });

  it('a garbage proof after a valid one: every proof must verify', async () => {
    const t = { ...structuredClone(ed), proof: [structuredClone(ed.proof), garbageProof(attacker, 'assertionMethod')] };
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_SIGNATURE_INVALID /proof/1/proofValue']);
  });

  it("the attacker's genuine signature over the victim's credential, before the issuer's: VC_ISSUER_KEY_MISMATCH on it (its signature holds)", async () => {
    const theirs = await bypassCredential(ed, attacker, 'Ed25519Signature2020');
    const t = { ...structuredClone(ed), proof: [theirs.proof, structuredClone(ed.proof)] };
    const result = await verifyCredential(t, { now });
    expect(result.verified).toBe(false);
    expect(show(result)).toEqual(['VC_ISSUER_KEY_MISMATCH /issuer/id']);
  });

  describe('the private key leaves an IssuerKey only through exportKey(key, { includePrivate: true })', () => {
    let key: IssuerKey;
    let secrets: string[];
    beforeAll(async () => {
      key = await generateIssuerKey({ seed: seed(99) });
      const exported = await exportKey(key, { includePrivate: true });
      secrets = [exported.secretKeyMultibase!, exported.jwk.d!];
      expect(secrets.every((s) => typeof s === 'string' && s.length > 20)).toBe(true);
    });
    const leaks = (text: string) => secrets.filter((s) => text.includes(s));

    it.each([
      ['JSON.stringify', (k: IssuerKey) => JSON.stringify(k)],
      ['util.inspect, hidden members shown', (k: IssuerKey) => inspect(k, { showHidden: true, depth: 10, getters: true })],
      ['String()', (k: IssuerKey) => String(k)],
      ['own property values', (k: IssuerKey) => JSON.stringify(Reflect.ownKeys(k).map((p) => String((k as unknown as Record<PropertyKey, unknown>)[p])))],
      ['a spread copy', (k: IssuerKey) => JSON.stringify({ ...k })],
      ['structuredClone', (k: IssuerKey) => JSON.stringify(structuredClone({ ...k }))],
      ['verificationMethod()', (k: IssuerKey) => JSON.stringify(k.verificationMethod())],
      ['controllerDocument()', (k: IssuerKey) => JSON.stringify(k.controllerDocument())],
      ['toJSON()', (k: IssuerKey) => JSON.stringify(k.toJSON())],
      ['signer()', (k: IssuerKey) => inspect(k.signer(), { showHidden: true, depth: 10 })],
      [
        'every method and getter of its prototype',
        (k: IssuerKey) =>
          Object.getOwnPropertyNames(Object.getPrototypeOf(k))
            .filter((name) => name !== 'constructor')
            .map((name) => {
              try {
                const v = (k as unknown as Record<string, unknown>)[name];
                return inspect(typeof v === 'function' ? v.call(k) : v, { showHidden: true, depth: 10 });
              } catch (e) {
                return String(e);
              }
            })
            .join('\n'),
      ],
    ] as [string, (k: IssuerKey) => string][])('not through %s', (_what, read) => {
      expect(leaks(read(key))).toEqual([]);
    });

    it('not through exportKey() without includePrivate, nor from a public-only import', async () => {
      expect(leaks(JSON.stringify(await exportKey(key)))).toEqual([]);
      const pub = await importIssuerKey(await exportKey(key));
      await expect(exportKey(pub, { includePrivate: true })).rejects.toBeInstanceOf(TypeError);
      expect(leaks(JSON.stringify(await exportKey(pub)))).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.getPrototypeOf(key))).not.toContain('exportParts');
    });

    it('through exportKey(key, { includePrivate: true }), which round-trips', async () => {
      const exported = await exportKey(key, { includePrivate: true });
      expect(exported.secretKeyMultibase).toBe(secrets[0]);
      const again = await importIssuerKey(exported);
      expect(again.canSign).toBe(true);
      expect(again.id).toBe(key.id);
    });

    it('not through the message of a signing error', async () => {
      const error = await signCredential({ ...withoutProof(ed), smuggled: 'x' }, { key: issuer }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SigningError);
      const text = `${(error as Error).message} ${inspect(error, { showHidden: true, depth: 10 })}`;
      const issuerSecrets = await exportKey(issuer, { includePrivate: true });
      expect(text).not.toContain(issuerSecrets.secretKeyMultibase!);
      expect(text).not.toContain(issuerSecrets.jwk.d!);
    });
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * Random JSON rewrites of a signed credential that keep its canonical RDF: a single value wrapped in
 * an array, `"x": null` added to a node, an empty language entry, a key replaced by its full IRI (the
 * value spelled as JSON-LD needs it to mean the same), a string turned into a value object.
 */
describe('property: a rewrite that keeps the signed RDF fails, or changes nothing the library reports', () => {
  type Def = { '@id': string; '@type'?: string; '@container'?: string[] };
  let defs: Map<string, Def>;
  const KINDS = ['wrap', 'null', 'emptyLanguage', 'fullIri', 'valueObject'] as const;
  type Kind = (typeof KINDS)[number];
  const { canonize } = jsonld as unknown as { canonize(doc: unknown, options: object): Promise<string> };
  const rdf = (doc: Doc) => canonize(withoutProof(doc), { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true, base: null }).catch(() => 'not RDF');
  const baseline = new Map<SuiteName, { reported: unknown; rdf: string }>();

  const reported = async (doc: Doc) => {
    const result = await verifyCredential(doc, { now });
    return { verified: result.verified, issuer: result.issuer, checks: result.checks, issues: result.issues, value: (await fromElm(doc)).value };
  };

  beforeAll(async () => {
    // The term definitions the signed credentials use: the top-level contexts, then the VC 1.1 type-scoped one.
    const process = jsonld.processContext as (a: unknown, l: unknown, o: object) => Promise<{ mappings: Map<string, Def & { '@context'?: unknown }> }>;
    const initial = await process(null, null, {});
    const top = await process(initial, [...ed['@context']], { documentLoader, base: null });
    const scoped = await process(top, top.mappings.get('VerifiableCredential')!['@context'], { documentLoader, base: null });
    defs = new Map([...top.mappings, ...scoped.mappings]);
    for (const suite of ['Ed25519Signature2020', 'eddsa-rdfc-2022'] as const) baseline.set(suite, { reported: await reported(signed[suite]!), rdf: await rdf(signed[suite]!) });
  });

  /** Every (node, key) of the document, outside `@context` and `proof`. */
  function places(doc: Doc): { node: Doc; key: string }[] {
    const out: { node: Doc; key: string }[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        for (const key of Object.keys(v)) {
          if (key === '@context' || key === 'proof') continue;
          out.push({ node: v as Doc, key });
          walk((v as Doc)[key]);
        }
      }
    };
    walk(doc);
    return out;
  }
  const isLanguageMap = (key: string) => defs.get(key)?.['@container']?.includes('@language') === true;
  const nodes = (doc: Doc) => [doc, ...places(doc).map((p) => p.node[p.key]).filter((v): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v))].filter((n) => !Object.keys(n).every((k) => /^[a-z]{2}(-[A-Za-z0-9]+)*$/.test(k)));

  /** The value of `key` as JSON-LD needs it under the key's full IRI to mean the same. */
  function spelledOut(def: Def, key: string, value: unknown): unknown {
    if (isLanguageMap(key) && value !== null && typeof value === 'object') return asLanguageValues(value as Record<string, string>);
    const one = (v: unknown) => (typeof v !== 'string' ? v : def['@type'] === '@id' || def['@type'] === '@vocab' ? { '@id': v } : def['@type'] !== undefined ? { '@value': v, '@type': def['@type'] } : v);
    return Array.isArray(value) ? value.map(one) : one(value);
  }

  function rewrite(doc: Doc, kind: Kind, pick: number): boolean {
    const all = places(doc);
    const choose = <T,>(list: T[]): T | undefined => (list.length === 0 ? undefined : list[pick % list.length]);
    switch (kind) {
      case 'wrap': {
        const p = choose(all.filter(({ node, key }) => !Array.isArray(node[key]) && key !== 'id' && !(isLanguageMap(key) && typeof node[key] === 'object')));
        if (!p) return false;
        p.node[p.key] = [p.node[p.key]];
        return true;
      }
      case 'null': {
        const node = choose(nodes(doc));
        if (!node) return false;
        node[['x', 'additionalNote', 'dateOfBirth', 'homepage'].find((k) => !(k in node))!] = null;
        return true;
      }
      case 'emptyLanguage': {
        const p = choose(all.filter(({ node, key }) => isLanguageMap(key) && node[key] !== null && typeof node[key] === 'object' && !Array.isArray(node[key])));
        if (!p) return false;
        const map = p.node[p.key] as Doc;
        map[['de', 'fr', 'ga', 'pl'].find((l) => !(l in map))!] = [];
        return true;
      }
      case 'fullIri': {
        const p = choose(all.filter(({ key }) => defs.has(key) && !defs.get(key)!['@id'].startsWith('@')));
        if (!p) return false;
        const def = defs.get(p.key)!;
        rename(p.node, p.key, def['@id'], spelledOut(def, p.key, p.node[p.key]));
        return true;
      }
      case 'valueObject': {
        const p = choose(all.filter(({ node, key }) => typeof node[key] === 'string' && key !== 'id' && key !== 'type' && defs.has(key)));
        if (!p) return false;
        const def = defs.get(p.key)!;
        const v = p.node[p.key] as string;
        p.node[p.key] = def['@type'] === '@id' || def['@type'] === '@vocab' ? { '@id': v } : def['@type'] ? { '@value': v, '@type': def['@type'] } : { '@value': v };
        return true;
      }
    }
  }

  it('holds for a few hundred random rewrites (Ed25519Signature2020 and eddsa-rdfc-2022)', async () => {
    let sameRdf = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Ed25519Signature2020', 'eddsa-rdfc-2022'),
        fc.array(fc.tuple(fc.constantFrom(...KINDS), fc.nat()), { minLength: 1, maxLength: 3 }),
        async (suite, edits) => {
          const doc = structuredClone(signed[suite]!);
          let changed = false;
          for (const [kind, pick] of edits) changed = rewrite(doc, kind, pick) || changed;
          fc.pre(changed);
          runs++;
          const base = baseline.get(suite)!;
          if ((await rdf(doc)) === base.rdf) sameRdf++;
          const got = await reported(doc);
          if (!got.verified) return;
          expect(got).toEqual(base.reported);
        },
      ),
      { numRuns: 300 },
    );
    // The rewrites are the kind the property is about: most keep the signed RDF.
    expect(sameRdf).toBeGreaterThan(runs / 2);
  }, 120_000);
});
