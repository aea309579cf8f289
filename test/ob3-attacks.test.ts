// Attacks on signed Open Badges 3.0 credentials, one test per class, several variants each: what a
// verifier reports (code and place), and what signing refuses. The guarantees are those ELM credentials
// have (test/vc-attacks.test.ts): safe mode, what the JSON shows is what was signed, stable codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { generateIssuerKey, type IssuerKey, SigningError, signCredential, type SignedCredential, type SuiteName, verifyCredential } from '../src/vc.js';

type Doc = Record<string, any>;
const root = join(import.meta.dirname, '..');
const fixture = (name: string): Doc => JSON.parse(readFileSync(join(root, `fixtures/ob3/sign-${name}.json`), 'utf8'));
const ISSUER = 'https://badges.example.eu/issuers/1';
const created = '2025-07-01T08:00:00Z';
const now = '2026-01-01T00:00:00Z';
const RDF_SUITES: SuiteName[] = ['eddsa-rdfc-2022', 'Ed25519Signature2020'];

let issuer: IssuerKey | undefined;
const issuerKey = async () => (issuer ??= await generateIssuerKey({ seed: new Uint8Array(32).fill(21), controller: ISSUER }));
const otherKey = () => generateIssuerKey({ seed: new Uint8Array(32).fill(22), controller: 'https://evil.example.com/issuers/9' });

async function signed(name = 'full', suite: SuiteName = 'eddsa-rdfc-2022', edit?: (d: Doc) => void): Promise<SignedCredential> {
  const doc = fixture(name);
  edit?.(doc);
  return signCredential(doc, { key: await issuerKey(), suite, created });
}

/** `code path` of each issue, for the credential as changed by `edit` after signing. */
async function found(credential: object, edit: (d: Doc) => void, options: { controllers?: object[]; trustedIssuers?: string[] } = {}): Promise<string[]> {
  const doc = structuredClone(credential) as Doc;
  edit(doc);
  const result = await verifyCredential(doc, { controllers: options.controllers ?? [(await issuerKey()).controllerDocument(), (await otherKey()).controllerDocument()], now, ...(options.trustedIssuers ? { trustedIssuers: options.trustedIssuers } : {}) });
  expect(result.verified).toBe(result.issues.length === 0);
  return result.issues.map((i) => `${i.code} ${i.path}`);
}

async function refusal(doc: Doc, suite: SuiteName = 'eddsa-rdfc-2022'): Promise<SigningError> {
  const error = await signCredential(doc, { key: await issuerKey(), suite, created }).then(
    () => new Error('signed'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SigningError);
  return error as SigningError;
}

const BAD_SIGNATURE = 'VC_SIGNATURE_INVALID /proof/proofValue';

describe.each(RDF_SUITES)('OB3 attacks on %s proofs', (suite) => {
  it('a value changed after signing breaks the signature', async () => {
    const vc = await signed('full', suite);
    expect(await found(vc, () => {})).toEqual([]);
    const edits: [string, (d: Doc) => void][] = [
      ['the achievement name', (d) => (d.credentialSubject.achievement.name = 'Advanced Machine Learning')],
      ['the credits earned', (d) => (d.credentialSubject.creditsEarned = 10)],
      ['the grade', (d) => (d.credentialSubject.result[0].value = 'A')],
      ['the order of the allowed values (an ordered list: signed in order)', (d) => d.credentialSubject.achievement.resultDescription[0].allowedValue.reverse()],
      ['the EQF level of the alignment', (d) => (d.credentialSubject.achievement.alignment[0].targetCode = '7')],
      ['the learner', (d) => (d.credentialSubject.id = 'did:example:someone-else')],
      ['a type dropped', (d) => (d.type = ['VerifiableCredential'])],
      ['the hashed flag of the identifier', (d) => (d.credentialSubject.identifier[0].hashed = false)],
      ['an evidence item added', (d) => d.evidence.push({ type: ['Evidence'], name: 'Added later' })],
      ['the issue date', (d) => (d.validFrom = '2025-01-01T00:00:00Z')],
    ];
    for (const [what, edit] of edits) expect(await found(vc, edit), what).toEqual([BAD_SIGNATURE]);
  });

  it('JSON re-spelled to show something else than what was signed is refused', async () => {
    const vc = await signed('full', suite);
    const cases: [string, (d: Doc) => void, string][] = [
      ['a term written as its IRI', (d) => { d['https://schema.org/name'] = d.name; delete d.name; }, 'VC_JSON_NOT_CANONICAL /https:~1~1schema.org~1name'],
      ['a value object', (d) => (d.name = { '@value': d.name }), 'VC_JSON_NOT_CANONICAL /name'],
      ['a one-element array where OB writes one value', (d) => (d.name = [d.name]), 'VC_JSON_NOT_CANONICAL /name'],
      ['the boolean flag as a text ("false" reads as true in JavaScript)', (d) => (d.credentialSubject.identifier[0].hashed = 'true'), 'VC_JSON_NOT_CANONICAL /credentialSubject/identifier/0/hashed'],
      ['the credits as a text', (d) => (d.credentialSubject.creditsEarned = '5'), 'VC_JSON_NOT_CANONICAL /credentialSubject/creditsEarned'],
      ['a keyword for a term', (d) => { d.credentialSubject.achievement['@type'] = d.credentialSubject.achievement.type; delete d.credentialSubject.achievement.type; }, 'VC_JSON_NOT_CANONICAL /credentialSubject/achievement/@type'],
      ['a nested context that renames a term', (d) => (d.credentialSubject['@context'] = { creditsEarned: 'https://example.org/nothing' }), 'VC_CONTEXT_NOT_ALLOWED /credentialSubject/@context'],
      ['the allowed values as one text', (d) => (d.credentialSubject.achievement.resultDescription[0].allowedValue = 'A'), 'VC_JSON_NOT_CANONICAL /credentialSubject/achievement/resultDescription/0/allowedValue'],
      ['the allowed values holding an object', (d) => (d.credentialSubject.achievement.resultDescription[0].allowedValue[1] = { '@value': 'B' }), 'VC_JSON_NOT_CANONICAL /credentialSubject/achievement/resultDescription/0/allowedValue/1'],
      ['a node written twice with different content', (d) => (d.credentialSubject.achievement.related = [{ id: d.evidence[0].id, type: ['Related'], version: '2' }]), 'VC_JSON_NOT_CANONICAL'],
    ];
    for (const [what, edit, expected] of cases) {
      const issues = await found(vc, edit);
      expect(issues.some((i) => i.startsWith(expected)), `${what}: ${issues.join(', ')}`).toBe(true);
      const doc = fixture('full');
      edit(doc);
      // (A keyword for `type` hides the type's scoped context too: the achievement's terms are undefined.)
      expect((await refusal(JSON.parse(JSON.stringify(doc)), suite)).reason, what).toMatch(/^VC_(JSON_NOT_CANONICAL|CONTEXT_NOT_ALLOWED|UNDEFINED_TERM)$/);
    }
  });

  it('a term no context defines is refused (JSON-LD safe mode), signing and verifying', async () => {
    const vc = await signed('basic', suite);
    const cases: [string, string, (d: Doc) => void, string][] = [
      ['basic', 'a member at the top', (d) => (d.nickname = 'Anna'), '/nickname'],
      ['basic', 'a member of the achievement', (d) => (d.credentialSubject.achievement.level = 'EQF 6'), '/credentialSubject/achievement/level'],
      ['basic', 'a member of the issuer', (d) => (d.issuer.vatNumber = 'IE123'), '/issuer/vatNumber'],
      ['basic', 'an OB term outside its type (achievementType is an Achievement\'s)', (d) => (d.achievementType = 'Badge'), '/achievementType'],
      ['ob302', 'a term 3.0.3 added, under 3.0.2 (awardedDate)', (d) => (d.awardedDate = '2025-06-30T00:00:00Z'), '/awardedDate'],
      ['vc11', 'a member of the subject under the VC 1.1 form', (d) => (d.credentialSubject.nickname = 'Anna'), '/credentialSubject/nickname'],
    ];
    for (const [name, what, edit, path] of cases) {
      const doc = fixture(name);
      edit(doc);
      const error = await refusal(doc, suite);
      expect(error.reason, what).toBe('VC_UNDEFINED_TERM');
      expect(error.path, what).toBe(path);
      if (name === 'basic') expect(await found(vc, edit), what).toEqual([`VC_UNDEFINED_TERM ${path}`]);
    }
    // An undefined type.
    const typed = fixture('basic');
    typed.credentialSubject.achievement.type = ['Achievement', 'FancyAchievement'];
    expect((await refusal(typed, suite)).reason).toBe('VC_UNDEFINED_TERM');
  });

  it('a context that is not bundled is refused and never fetched', async () => {
    const vc = await signed('basic', suite);
    const urls = [
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.4.json',
      'http://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json/',
      'https://imsglobal.github.io/openbadges-specification/ob_v3p0.html',
      'https://raw.githubusercontent.com/educredentials/obv3-examples/main/contexts/educredential.json',
    ];
    const last = (vc['@context'] as string[]).length;
    for (const url of urls) {
      const add = (d: Doc) => d['@context'].push(url);
      const replace = (d: Doc) => (d['@context'][1] = url);
      expect(await found(vc, add), url).toEqual([`VC_CONTEXT_NOT_BUNDLED /@context/${last}`]);
      expect(await found(vc, replace), url).toEqual(['VC_CONTEXT_NOT_BUNDLED /@context/1']);
      const doc = fixture('basic');
      add(doc);
      const error = await refusal(doc, suite);
      expect(error.reason).toBe('VC_CONTEXT_NOT_BUNDLED');
      expect(error.path).toBe('/@context/2');
    }
  });

  it('a second proof that does not verify makes the credential fail, at that proof', async () => {
    const vc = await signed('full', suite);
    const other = await signCredential(fixture('full'), { key: await otherKey(), suite, created, setIssuer: true });
    const variants: [string, (d: Doc) => void, string[]][] = [
      ['a copy with another signature value', (d) => (d.proof = [d.proof, { ...d.proof, proofValue: other.proof && (other.proof as Doc).proofValue }]), ['VC_SIGNATURE_INVALID /proof/1/proofValue']],
      ['a proof of another credential by another issuer', (d) => (d.proof = [d.proof, other.proof]), ['VC_SIGNATURE_INVALID /proof/1/proofValue']],
      ['the same proof relabelled eddsa-2022', (d) => (d.proof = [d.proof, { ...d.proof, type: 'DataIntegrityProof', cryptosuite: 'eddsa-2022' }]), ['VC_SIGNATURE_INVALID /proof/1/proofValue']],
      ['a proof of an unsupported cryptosuite', (d) => (d.proof = [d.proof, { ...d.proof, type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019' }]), ['VC_PROOF_UNSUPPORTED /proof/1']],
    ];
    for (const [what, edit, expected] of variants) {
      const issues = await found(vc, edit);
      expect(issues.filter((i) => !i.startsWith('VC_ISSUER_KEY_MISMATCH')), what).toEqual(expected);
    }
  });

  it('a swapped issuer is detected: the signature, the key\'s controller, or the trust list', async () => {
    const vc = await signed('full', suite);
    const evil = await otherKey();
    expect(await found(vc, (d) => (d.issuer.id = evil.controller))).toEqual([BAD_SIGNATURE, 'VC_ISSUER_KEY_MISMATCH /issuer/id']);
    expect(await found(vc, (d) => (d.issuer = evil.controller))).toEqual([BAD_SIGNATURE, 'VC_ISSUER_KEY_MISMATCH /issuer']);
    expect(await found(vc, (d) => (d.issuer.name = 'Evil University'))).toEqual([BAD_SIGNATURE]);
    // Re-signed by someone else under their own name: a valid badge, of an issuer not trusted.
    const forged = await signCredential(fixture('full'), { key: evil, suite, created, setIssuer: true });
    expect(await found(forged, () => {}, { trustedIssuers: [ISSUER] })).toEqual(['VC_UNTRUSTED_ISSUER /issuer/id']);
    // Under the real issuer's name but with another key: the key is not the issuer's.
    const claimed = { ...forged, issuer: { ...(forged.issuer as Doc), id: ISSUER } };
    expect((await found(claimed, () => {})).some((i) => i.startsWith('VC_ISSUER_KEY_MISMATCH'))).toBe(true);
    // Signing refuses a key that is not the issuer's.
    expect((await refusal({ ...fixture('full'), issuer: { ...fixture('full').issuer, id: evil.controller } }, suite)).reason).toBe('VC_ISSUER_KEY_MISMATCH');
  });

  it('an expired badge stays expired however its end date is spelled', async () => {
    const vc = await signed('full', suite, (d) => (d.validUntil = '2025-12-01T00:00:00Z'));
    expect(await found(vc, () => {})).toEqual(['VC_EXPIRED /validUntil']);
    const respelled: [string, (d: Doc) => void, string[]][] = [
      ['in an array', (d) => (d.validUntil = [d.validUntil]), ['VC_JSON_NOT_CANONICAL /validUntil', 'VC_EXPIRED /validUntil/0']],
      ['as a value object', (d) => (d.validUntil = { '@value': d.validUntil, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }), ['VC_JSON_NOT_CANONICAL /validUntil/@value', 'VC_JSON_NOT_CANONICAL /validUntil/@type', 'VC_EXPIRED /validUntil/@value']],
      ['under its IRI', (d) => { d['https://www.w3.org/2018/credentials#validUntil'] = d.validUntil; delete d.validUntil; }, ['VC_UNDEFINED_TERM /https:~1~1www.w3.org~12018~1credentials#validUntil', 'VC_EXPIRED /https:~1~1www.w3.org~12018~1credentials#validUntil']],
      ['removed', (d) => delete d.validUntil, [BAD_SIGNATURE]],
      ['moved later', (d) => (d.validUntil = '2030-01-01T00:00:00Z'), [BAD_SIGNATURE]],
    ];
    for (const [what, edit, expected] of respelled) expect(await found(vc, edit), what).toEqual(expected);
    // The VC 1.1 form: expirationDate.
    const old = await signed('vc11', suite, (d) => (d.expirationDate = '2025-12-01T00:00:00Z'));
    expect(await found(old, () => {})).toEqual(['VC_EXPIRED /expirationDate']);
    expect(await found(old, (d) => (d.expirationDate = [d.expirationDate]))).toEqual(['VC_JSON_NOT_CANONICAL /expirationDate', 'VC_EXPIRED /expirationDate/0']);
  });

  it('the proof as an object or as an array of one: both verify in a badge; other shapes do not', async () => {
    const vc = await signed('full', suite);
    expect(await found(vc, () => {})).toEqual([]);
    expect(await found(vc, (d) => (d.proof = [d.proof]))).toEqual([]);
    // In the array form the places are those of the array.
    expect(await found(vc, (d) => (d.proof = [{ ...d.proof, proofValue: `${d.proof.proofValue.slice(0, -2)}11` }]))).toEqual(['VC_SIGNATURE_INVALID /proof/0/proofValue']);
    expect(await found(vc, (d) => (d.proof = []))).toEqual(['VC_PROOF_MISSING /proof']);
    // The same proof twice: each verifies (a proof set of one signature, written twice).
    expect(await found(vc, (d) => (d.proof = [d.proof, d.proof]))).toEqual([]);
    expect(await found(vc, (d) => (d.proof = JSON.stringify(d.proof)))).toEqual(['VC_PROOF_MALFORMED /proof']);
    // Outside Open Badges the canonical form still writes one proof as itself.
    const elm = { '@context': [CONTEXT_URLS.VC_V2], type: 'VerifiableCredential', issuer: ISSUER, validFrom: '2025-01-01T00:00:00Z', credentialSubject: { id: 'did:example:x', name: 'X' } };
    const plain = await signCredential(elm, { key: await issuerKey(), suite, created });
    expect(await found(plain, (d) => (d.proof = [d.proof]))).toEqual(['VC_PROOF_MALFORMED /proof']);
  });
});
