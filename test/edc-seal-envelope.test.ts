/**
 * Sealed envelopes are exactly what was sealed (issue 10, item 4), and a seal without trust anchors
 * proves integrity only.
 *
 * - Members beside the JWS ones (a forged credential spread next to an intact seal, an `@context`,
 *   an `issuer`, a `__proto__`, members inherited through a prototype) are refused by
 *   `verifyEdcSeal` with their path, in the general and the flattened serializations and inside the
 *   signature objects; `result.credential` and `fromElm` read the signed payload only.
 * - Without `trustAnchors` no seal is `verified` unless `integrityOnly: true` asks for that answer,
 *   and `assurance` says which answer it is; a seal made with a self-made certificate is never
 *   `verified` without that flag.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromElm } from '../src/elm/import/from-elm.js';
import { pointerKeys, pointerOf } from '../src/json/pointer.js';
import { verifyEdcSeal, type EdcSealVerification } from '../src/seal/edc-seal.js';
import { basicConstraints, certificate, keyIds, keyUsage, keys, seal, type NameSpec, type SealedDoc } from './helpers/pki.js';

// --- The EU's sealed sample, and a forgery of its credential ----------------------------------

const SAMPLE_TEXT = readFileSync(new URL('./vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url), 'utf8');
const sample = (): SealedDoc => JSON.parse(SAMPLE_TEXT) as SealedDoc;
const SIGNED = JSON.parse(sample().payload) as Record<string, unknown>;
/** The sample's credential with another learner: what an attacker spreads beside the intact seal. */
const FORGED = JSON.parse(sample().payload.replaceAll('Andromeda', 'Malicious')) as Record<string, unknown>;
const ANF_ESEAL_CA = readFileSync(new URL('../fixtures/edc/anf-eseal-ca.pem', import.meta.url), 'utf8');
const ANCHORED = { trustAnchors: [ANF_ESEAL_CA] };
const INTEGRITY_ONLY = { integrityOnly: true } as const;

const errors = (r: EdcSealVerification) => r.issues.filter((i) => i.severity === 'error').map((i) => i.code);
const errorPaths = (r: EdcSealVerification, code: string) => r.issues.filter((i) => i.code === code && i.severity === 'error').map((i) => i.path);
/** The paths reported for these extra members: ten listed, then one issue at the envelope counting the rest. */
const listed = (names: string[]): (string | number)[][] => [...names.slice(0, 10).map((n) => [n]), ...(names.length > 10 ? [[]] : [])];
const familyName = (value: unknown) => (value as { learner?: { familyName?: string } }).learner?.familyName;

/** Refused for its extra members (and nothing else), but intact, and `credential` is the signed one. */
function expectRefused(r: EdcSealVerification, code: 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN' | 'EDC_SEAL_UNKNOWN_MEMBER', paths: (string | number)[][]): void {
  expect(r.verified).toBe(false);
  expect(r.assurance).toBe('none');
  expect(r.integrity).toBe(true);
  expect(new Set(errors(r))).toEqual(new Set([code]));
  expect(errorPaths(r, code)).toEqual(paths.map(pointerOf));
  if (r.credential !== undefined) expect(r.credential).toEqual(SIGNED);
}

describe('the EU sample as sealed', () => {
  it('has exactly the members of the general serialization, at the top and in its signature', () => {
    const doc = sample();
    expect(Object.keys(doc)).toEqual(['payload', 'signatures']);
    expect(doc.signatures.map((s) => Object.keys(s))).toEqual([['protected', 'header', 'signature']]);
  });

  it('is trusted with its CA as anchor, and intact when integrity alone is asked for', async () => {
    const trusted = await verifyEdcSeal(sample(), ANCHORED);
    expect([trusted.verified, trusted.assurance, trusted.trusted]).toEqual([true, 'trusted', true]);
    const intact = await verifyEdcSeal(sample(), INTEGRITY_ONLY);
    expect([intact.verified, intact.assurance, intact.trusted]).toEqual([true, 'integrity-only', undefined]);
    expect(intact.issues.find((i) => i.code === 'EDC_SEAL_TRUST_NOT_CHECKED')?.severity).toBe('warning');
  });
});

describe('a forged credential spread beside an intact seal', () => {
  const variants: [string, () => unknown, (string | number)[][]][] = [
    ['the whole forged credential spread at the top level', () => ({ ...sample(), ...FORGED }), listed(Object.keys(FORGED))],
    ['the forged credential spread before the seal', () => ({ ...FORGED, ...sample() }), listed(Object.keys(FORGED))],
    ['credentialSubject alone', () => ({ ...sample(), credentialSubject: FORGED.credentialSubject }), [['credentialSubject']]],
    ['an issuer', () => ({ ...sample(), issuer: { id: 'did:example:mallory' } }), [['issuer']]],
    ['an id and a type', () => ({ ...sample(), id: 'urn:credential:forged', type: ['VerifiableCredential'] }), [['id'], ['type']]],
    ['a member named like a result field', () => ({ ...sample(), verified: true }), [['verified']]],
    ['an empty-named member', () => ({ ...sample(), '': FORGED }), [['']]],
    ['a member whose name holds / and ~ (escaped in its JSON Pointer, RFC 6901 §3)', () => ({ ...sample(), 'a/b~c': FORGED }), [['a/b~c']]],
    ['a member whose value is null', () => ({ ...sample(), credentialSubject: null }), [['credentialSubject']]],
    ['an unprotected header at the top of the general serialization', () => ({ ...sample(), header: { etsiU: [] } }), [['header']]],
  ];
  it('reports paths as JSON Pointers into the document given', async () => {
    const r = await verifyEdcSeal({ ...sample(), '': 1, 'a/b~c': 2 }, INTEGRITY_ONLY);
    expect(errorPaths(r, 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN')).toEqual(['/', '/a~1b~0c']);
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_TRUST_NOT_CHECKED')?.path).toBe('');
  });

  for (const [what, make, paths] of variants) {
    it(`${what}: refused with its path, with and without anchors`, async () => {
      expectRefused(await verifyEdcSeal(make(), ANCHORED), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', paths);
      expectRefused(await verifyEdcSeal(make(), INTEGRITY_ONLY), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', paths);
    });
  }

  it('as JSON text and as UTF-8 bytes too', async () => {
    const text = JSON.stringify({ ...sample(), credentialSubject: FORGED.credentialSubject });
    expectRefused(await verifyEdcSeal(text, ANCHORED), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['credentialSubject']]);
    expectRefused(await verifyEdcSeal(new TextEncoder().encode(text), INTEGRITY_ONLY), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['credentialSubject']]);
    // The text as it is on disk, with a member added at its end.
    const appended = `${SAMPLE_TEXT.trimEnd().replace(/\}$/, '')},"credentialSubject":${JSON.stringify(FORGED.credentialSubject)}}`;
    expectRefused(await verifyEdcSeal(appended, ANCHORED), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['credentialSubject']]);
  });

  it('the credential returned is the signed one, never the spread one', async () => {
    const r = await verifyEdcSeal({ ...sample(), ...FORGED }, ANCHORED);
    expect(r.credential).toEqual(SIGNED);
    expect(familyName((await fromElm(r.credential)).value)).toBe('Andromeda');
  });

  it('many members: ten are listed, the rest counted, and each message names its member', async () => {
    const extra = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`m${i}`, i]));
    const r = await verifyEdcSeal({ ...sample(), ...extra }, ANCHORED);
    expect(r.verified).toBe(false);
    const found = r.issues.filter((i) => i.code === 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN');
    expect(found).toHaveLength(11);
    expect(found[0]!.message).toMatch(/"m0"/);
    expect(found[10]!.message).toMatch(/15 more/);
  });
});

describe('an @context added to the envelope', () => {
  const contexts: [string, unknown][] = [
    ['the VC 2.0 context URL', 'https://www.w3.org/ns/credentials/v2'],
    ['the sample\'s own contexts', SIGNED['@context']],
    ['an inline context aliasing payload', { '@version': 1.1, payload: '@id' }],
    ['an empty array', []],
  ];
  for (const [what, context] of contexts) {
    it(what, async () => {
      expectRefused(await verifyEdcSeal({ '@context': context, ...sample() }, ANCHORED), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['@context']]);
      expectRefused(await verifyEdcSeal({ ...sample(), '@context': context }, INTEGRITY_ONLY), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['@context']]);
    });
  }
});

describe('an extra member in a signature object', () => {
  const withSignatureMember = (name: string, value: unknown): SealedDoc => {
    const doc = sample();
    return { ...doc, signatures: [{ ...doc.signatures[0]!, [name]: value }] };
  };
  const members: [string, unknown][] = [
    ['credentialSubject', FORGED.credentialSubject],
    ['payload', JSON.stringify(FORGED)],
    ['headers', { etsiU: [] }],
    ['etsiU', []],
    ['@context', 'https://www.w3.org/ns/credentials/v2'],
  ];
  for (const [name, value] of members) {
    it(`\`${name}\`: refused at signatures[0].${name}`, async () => {
      expectRefused(await verifyEdcSeal(withSignatureMember(name, value), ANCHORED), 'EDC_SEAL_UNKNOWN_MEMBER', [['signatures', 0, name]]);
      expectRefused(await verifyEdcSeal(withSignatureMember(name, value), INTEGRITY_ONLY), 'EDC_SEAL_UNKNOWN_MEMBER', [['signatures', 0, name]]);
    });
  }

  it('in the second of two signatures', async () => {
    const doc = sample();
    const r = await verifyEdcSeal({ ...doc, signatures: [doc.signatures[0]!, { ...doc.signatures[0]!, note: 'x' }] }, ANCHORED);
    expectRefused(r, 'EDC_SEAL_UNKNOWN_MEMBER', [['signatures', 1, 'note']]);
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNKNOWN_MEMBER')?.signature).toBe(1);
  });

  it('both at once: each where it is', async () => {
    const doc = sample();
    const r = await verifyEdcSeal({ ...doc, issuer: 'x', signatures: [{ ...doc.signatures[0]!, issuer: 'x' }] }, ANCHORED);
    expect(r.verified).toBe(false);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path])).toEqual([
      ['EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', '/issuer'],
      ['EDC_SEAL_UNKNOWN_MEMBER', '/signatures/0/issuer'],
    ]);
  });
});

// --- Seals made here: small and fast ------------------------------------------------------------

const CREDENTIAL = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:credential:envelope-test',
  type: ['VerifiableCredential', 'EuropeanDigitalCredential'],
  credentialSubject: { id: 'urn:epass:person:1', givenName: { en: 'Ana' }, familyName: { en: 'Andromeda' } },
};
const CA_NAME: NameSpec = [['C', 'BE'], ['O', 'Envelope Test Trust Services'], ['CN', 'Envelope Test Root CA']];
const SEALER_NAME: NameSpec = [['C', 'BE'], ['O', 'Test University'], ['CN', 'Test University eSeal']];
let pkiCache: { ca: Buffer; leaf: Buffer; leafKey: ReturnType<typeof keys> } | undefined;
function pki() {
  if (pkiCache) return pkiCache;
  const root = keys('rsa2048', 0);
  const leafKey = keys('p256', 0);
  const ca = certificate({ subject: CA_NAME, issuer: CA_NAME, serial: 1n, publicKey: root.publicKey, signingKey: root.privateKey, alg: 'rsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign', 'cRLSign'), ...keyIds(root.publicKey, root.publicKey)], notAfter: new Date('2060-01-01T00:00:00Z') });
  const leaf = certificate({ subject: SEALER_NAME, issuer: CA_NAME, serial: 2n, publicKey: leafKey.publicKey, signingKey: root.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature', 'nonRepudiation'), ...keyIds(leafKey.publicKey, root.publicKey)] });
  return (pkiCache = { ca, leaf, leafKey });
}
const sealed = (b64 = false) => seal(CREDENTIAL, { alg: 'ES256', key: pki().leafKey.privateKey, x5c: [pki().leaf], b64 });
const flattened = (b64 = false) => {
  const doc = sealed(b64);
  const s = doc.signatures[0]!;
  return { payload: doc.payload, protected: s.protected, signature: s.signature } as Record<string, unknown>;
};

describe('flattened and general serializations', () => {
  it('both verify as they are (trusted with the CA, intact with integrityOnly), b64 true and false', async () => {
    for (const b64 of [false, true]) {
      for (const doc of [sealed(b64), flattened(b64)]) {
        const trusted = await verifyEdcSeal(doc, { trustAnchors: [pki().ca] });
        expect([trusted.verified, trusted.assurance], JSON.stringify(trusted.issues)).toEqual([true, 'trusted']);
        expect(trusted.credential).toEqual(CREDENTIAL);
        expect((await verifyEdcSeal(doc, INTEGRITY_ONLY)).assurance).toBe('integrity-only');
      }
    }
  });

  it('the flattened serialization allows payload, protected, header and signature, and nothing else', async () => {
    const anchors = { trustAnchors: [pki().ca] };
    expect((await verifyEdcSeal({ ...flattened(), header: {} }, anchors)).verified).toBe(true);
    for (const [name, value] of [['credentialSubject', { id: 'urn:epass:person:mallory' }], ['@context', 'https://www.w3.org/ns/credentials/v2'], ['signatures_', []], ['issuer', 'x']] as const) {
      const r = await verifyEdcSeal({ ...flattened(), [name]: value }, anchors);
      expect(r.verified).toBe(false);
      expect(r.integrity).toBe(true);
      expect(errors(r)).toEqual(['EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN']);
      expect(errorPaths(r, 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN')).toEqual([pointerOf([name])]);
      expect(r.credential).toEqual(CREDENTIAL);
    }
  });

  it('the general serialization allows payload and signatures only; mixing the two is not a JWS', async () => {
    const anchors = { trustAnchors: [pki().ca] };
    const doc = sealed();
    const s = doc.signatures[0]!;
    expect(errorPaths(await verifyEdcSeal({ ...doc, header: {} }, anchors), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN')).toEqual(['/header']);
    expect(errors(await verifyEdcSeal({ ...doc, protected: s.protected }, anchors))).toEqual(['EDC_SEAL_NOT_JWS']);
    expect(errors(await verifyEdcSeal({ ...doc, signature: s.signature }, anchors))).toEqual(['EDC_SEAL_NOT_JWS']);
  });
});

describe('__proto__ and inherited members', () => {
  const anchors = () => ({ trustAnchors: [pki().ca] });
  it('a "__proto__" member in JSON text (an own member once parsed) is refused, at the top and in a signature', async () => {
    const doc = sealed();
    const text = JSON.stringify(doc).replace(/^\{/, () => `{"__proto__":${JSON.stringify({ credentialSubject: { id: 'urn:epass:person:mallory' } })},`);
    expectRefused2(await verifyEdcSeal(text, anchors()), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['__proto__']]);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toContain('__proto__');
    expectRefused2(await verifyEdcSeal(parsed, anchors()), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['__proto__']]);
    const inSignature = JSON.stringify(doc).replace('"signatures":[{', '"signatures":[{"__proto__":{"header":{}},');
    expectRefused2(await verifyEdcSeal(inSignature, anchors()), 'EDC_SEAL_UNKNOWN_MEMBER', [['signatures', 0, '__proto__']]);
    expect(({} as Record<string, unknown>).credentialSubject).toBeUndefined();
  });

  it('members inherited through a prototype (what `doc.credentialSubject` would read) are refused', async () => {
    const forged = { credentialSubject: { id: 'urn:epass:person:mallory' } };
    const viaLiteral = { __proto__: forged, ...sealed() } as unknown as Record<string, unknown>;
    expect(viaLiteral.credentialSubject).toEqual(forged.credentialSubject);
    expectRefused2(await verifyEdcSeal(viaLiteral, anchors()), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['credentialSubject']]);
    expectRefused2(await verifyEdcSeal(Object.assign(Object.create(forged) as object, sealed()), anchors()), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['credentialSubject']]);
    // Two levels up, and in a signature object.
    const deep = Object.assign(Object.create(Object.create(forged) as object) as object, flattened());
    expectRefused2(await verifyEdcSeal(deep, anchors()), 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', [['credentialSubject']]);
    const doc = sealed();
    const sig = Object.assign(Object.create({ headers: {} }) as object, doc.signatures[0]);
    expectRefused2(await verifyEdcSeal({ ...doc, signatures: [sig] }, anchors()), 'EDC_SEAL_UNKNOWN_MEMBER', [['signatures', 0, 'headers']]);
  });

  it('a null prototype, or a class instance with nothing enumerable on its prototype, is fine', async () => {
    const bare = Object.assign(Object.create(null) as object, sealed());
    expect((await verifyEdcSeal(bare, anchors())).verified).toBe(true);
    class Envelope {
      constructor(readonly payload: string, readonly signatures: unknown[]) {}
      describe(): string {
        return 'sealed';
      }
    }
    const doc = sealed();
    expect((await verifyEdcSeal(new Envelope(doc.payload, doc.signatures), anchors())).verified).toBe(true);
  });
});

/** As expectRefused, for the seals made here. */
function expectRefused2(r: EdcSealVerification, code: 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN' | 'EDC_SEAL_UNKNOWN_MEMBER', paths: (string | number)[][]): void {
  expect(r.verified).toBe(false);
  expect(r.integrity).toBe(true);
  expect(errors(r)).toEqual(paths.map(() => code));
  expect(errorPaths(r, code)).toEqual(paths.map(pointerOf));
  expect(r.credential).toEqual(CREDENTIAL);
}

describe('any member beside the JWS ones (property)', () => {
  it('never verifies, is reported at its own path, and leaves the credential the signed one', async () => {
    // The serialization's own members, and those that make the document a mix of both (not a JWS at all).
    const general = new Set(['payload', 'signatures', 'protected', 'signature']);
    const flat = new Set(['payload', 'protected', 'header', 'signature', 'signatures']);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), async (name, value, isFlat) => {
        fc.pre(!(isFlat ? flat : general).has(name));
        const doc = isFlat ? flattened() : (sealed() as unknown as Record<string, unknown>);
        const text = `${JSON.stringify(doc).slice(0, -1)},${JSON.stringify(name)}:${JSON.stringify(value)}}`;
        for (const input of [text, JSON.parse(text) as unknown]) {
          const r = await verifyEdcSeal(input, { trustAnchors: [pki().ca] });
          expect(r.verified).toBe(false);
          expect(r.assurance).toBe('none');
          expect(errorPaths(r, 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN')).toEqual([pointerOf([name])]);
          expect(r.credential).toEqual(CREDENTIAL);
        }
      }),
      { numRuns: 150 },
    );
  });
});

// --- Without trust anchors ---------------------------------------------------------------------

describe('without trust anchors a seal proves integrity only', () => {
  it('no options: not verified, TRUST_NOT_CHECKED is an error, integrity and the credential still reported', async () => {
    for (const doc of [sample(), sealed(), flattened()]) {
      for (const options of [undefined, {}, { integrityOnly: false }, { now: new Date('2025-01-01T00:00:00Z') }, { intermediates: [pki().ca] }]) {
        const r = await verifyEdcSeal(doc, options);
        expect(r.verified).toBe(false);
        expect(r.assurance).toBe('none');
        expect(r.integrity).toBe(true);
        expect(r.trusted).toBeUndefined();
        expect(errors(r)).toEqual(['EDC_SEAL_TRUST_NOT_CHECKED']);
        expect(r.issues.find((i) => i.code === 'EDC_SEAL_TRUST_NOT_CHECKED')?.message).toMatch(/integrityOnly/);
        expect(r.credential).toBeDefined();
      }
    }
  });

  it('integrityOnly: verified means integrity, and the result says so', async () => {
    const r = await verifyEdcSeal(sealed(), INTEGRITY_ONLY);
    expect(r.verified).toBe(true);
    expect(r.assurance).toBe('integrity-only');
    expect(r.trusted).toBeUndefined();
    expect(r.issues.filter((i) => i.code === 'EDC_SEAL_TRUST_NOT_CHECKED').map((i) => i.severity)).toEqual(['warning']);
  });

  it('integrityOnly does not excuse anything else: a changed payload or an extra member still fails', async () => {
    const doc = sealed();
    const changed = await verifyEdcSeal({ ...doc, payload: doc.payload.replace('Andromeda', 'Malicious') }, INTEGRITY_ONLY);
    expect([changed.verified, changed.integrity, changed.assurance]).toEqual([false, false, 'none']);
    expect(changed.credential).toBeUndefined();
    const extra = await verifyEdcSeal({ ...doc, credentialSubject: {} }, INTEGRITY_ONLY);
    expect([extra.verified, extra.integrity, extra.assurance]).toEqual([false, true, 'none']);
  });

  it('assurance is trusted only with anchors and a chain; a failed trust check is none', async () => {
    expect((await verifyEdcSeal(sealed(), { trustAnchors: [pki().ca] })).assurance).toBe('trusted');
    const empty = await verifyEdcSeal(sealed(), { trustAnchors: [] });
    expect([empty.verified, empty.assurance, empty.trusted]).toEqual([false, 'none', false]);
  });

  it('integrityOnly with trustAnchors is a TypeError, as is a non-boolean integrityOnly', async () => {
    await expect(verifyEdcSeal(sealed(), { integrityOnly: true, trustAnchors: [pki().ca] })).rejects.toThrow(TypeError);
    await expect(verifyEdcSeal(sealed(), { integrityOnly: true, trustAnchors: [] })).rejects.toThrow(TypeError);
    for (const bad of [1, 'true', null, {}]) await expect(verifyEdcSeal(sealed(), { integrityOnly: bad as never })).rejects.toThrow(TypeError);
    // integrityOnly: false with anchors is the ordinary trusted check.
    expect((await verifyEdcSeal(sealed(), { integrityOnly: false, trustAnchors: [pki().ca] })).assurance).toBe('trusted');
  });
});

describe('a forged seal with a self-made certificate', () => {
  // The attacker copies the EU sample's sealer name into a certificate of their own and seals a forged credential.
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const SAMPLE_SEALER: NameSpec = [['C', 'ES'], ['serialNumber', 'A00000000'], ['CN', 'TEST SEAL'], ['O', 'ORGANIZACION TEST'], ['organizationIdentifier', 'VATES-A00000000']];
  const ANF_NAME: NameSpec = [['C', 'ES'], ['O', 'ANF Autoridad de Certificacion'], ['organizationIdentifier', 'VATES-G63287510'], ['OU', 'Certificados Cualificados de Sello Electronico'], ['CN', 'ANF AC Qualified Certificates for eSeal']];
  const selfSigned = certificate({ subject: SAMPLE_SEALER, issuer: SAMPLE_SEALER, publicKey: forger.publicKey, signingKey: forger.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature', 'nonRepudiation')], notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
  // Claims the real CA as issuer, but is signed with the forger's key.
  const fakeIssuer = certificate({ subject: SAMPLE_SEALER, issuer: ANF_NAME, publicKey: forger.publicKey, signingKey: forger.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature', 'nonRepudiation')], notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
  const forgeries: [string, () => SealedDoc][] = [
    ['a self-signed certificate with the sample sealer\'s name', () => seal(FORGED, { alg: 'RS256', key: forger.privateKey, x5c: [selfSigned], sigT: '2023-09-27T11:54:17Z' })],
    ['a certificate naming the real CA as its issuer', () => seal(FORGED, { alg: 'RS256', key: forger.privateKey, x5c: [fakeIssuer], sigT: '2023-09-27T11:54:17Z' })],
    ['the same, base64url payload', () => seal(FORGED, { alg: 'RS256', key: forger.privateKey, x5c: [fakeIssuer], b64: true })],
  ];
  for (const [what, make] of forgeries) {
    it(`${what}: never verified without the flag; with it, only "integrity-only"; never trusted`, async () => {
      for (const options of [undefined, {}, { now: new Date('2024-01-01T00:00:00Z') }]) {
        const r = await verifyEdcSeal(make(), options);
        expect(r.verified).toBe(false);
        expect(r.assurance).toBe('none');
        expect(r.integrity).toBe(true); // it is intact: it just proves nothing about who made it
        expect(errors(r)).toContain('EDC_SEAL_TRUST_NOT_CHECKED');
      }
      const intact = await verifyEdcSeal(make(), INTEGRITY_ONLY);
      expect(intact.verified).toBe(true);
      expect(intact.assurance).toBe('integrity-only');
      const anchored = await verifyEdcSeal(make(), ANCHORED);
      expect(anchored.verified).toBe(false);
      expect(anchored.assurance).toBe('none');
      expect(anchored.trusted).toBe(false);
      expect(errors(anchored)).toContain('EDC_SEAL_UNTRUSTED');
    });
  }

  it('spread beside the real sample\'s seal, it is refused whatever the options', async () => {
    const forged = forgeries[0]![1]();
    const doc = { ...sample(), forgedSeal: forged, ...FORGED };
    for (const options of [undefined, INTEGRITY_ONLY, ANCHORED]) expect((await verifyEdcSeal(doc, options)).verified).toBe(false);
  });
});

// --- fromElm reads the payload and nothing else -------------------------------------------------

describe('fromElm on a sealed envelope', () => {
  const ignored = (r: Awaited<ReturnType<typeof fromElm>>) => r.issues.filter((i) => i.code === 'ELM_ENVELOPE_MEMBER_IGNORED');

  it('reads the sample\'s payload, with no envelope issue', async () => {
    const r = await fromElm(sample());
    expect(familyName(r.value)).toBe('Andromeda');
    expect(ignored(r)).toEqual([]);
  });

  const spreads: [string, () => Record<string, unknown>, string[]][] = [
    ['the forged credential spread after the seal', () => ({ ...sample(), ...FORGED }), Object.keys(FORGED)],
    ['the forged credential spread before the seal', () => ({ ...FORGED, ...sample() }), Object.keys(FORGED)],
    ['credentialSubject alone', () => ({ ...sample(), credentialSubject: FORGED.credentialSubject }), ['credentialSubject']],
    ['an @context', () => ({ '@context': SIGNED['@context'], ...sample() }), ['@context']],
    ['a top-level header', () => ({ ...sample(), header: {} }), ['header']],
    ['a "__proto__" member from JSON text', () => JSON.parse(JSON.stringify(sample()).replace(/^\{/, () => `{"__proto__":${JSON.stringify({ credentialSubject: FORGED.credentialSubject })},`)) as Record<string, unknown>, ['__proto__']],
  ];
  for (const [what, make, names] of spreads) {
    it(`${what}: reads the sealed learner, and an error names each member ignored`, async () => {
      const r = await fromElm(make());
      expect(familyName(r.value)).toBe('Andromeda');
      expect(r.ok).toBe(false);
      expect(ignored(r).map((i) => [i.severity, i.path, i.in])).toEqual(listed(names).map((path) => ['error', pointerOf(path), 'elm']));
    });
  }

  it('the flattened JWS serialization: payload only, other members ignored with an error', async () => {
    const doc = sample();
    const s = doc.signatures[0]!;
    const flat = { payload: doc.payload, protected: s.protected, header: s.header, signature: s.signature };
    expect(ignored(await fromElm(flat))).toEqual([]);
    const r = await fromElm({ ...flat, credentialSubject: FORGED.credentialSubject, issuer: 'x' });
    expect(familyName(r.value)).toBe('Andromeda');
    expect(ignored(r).map((i) => i.path)).toEqual(['/credentialSubject', '/issuer']);
  });

  it('members inherited through a prototype are never read: such an object is not JSON, and is refused', async () => {
    const r = await fromElm(Object.assign(Object.create(FORGED) as object, sample()));
    expect(familyName(r.value)).toBeUndefined();
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['ELM_INPUT_UNREADABLE']);
  });

  it('many extra members: ten listed, the rest counted', async () => {
    const r = await fromElm({ ...sample(), ...Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`m${i}`, i])) });
    expect(ignored(r)).toHaveLength(11);
    expect(ignored(r)[10]!.message).toMatch(/4 more/);
  });

  it('a credential with a payload but no JWS signature is read as the credential, with a warning', async () => {
    const r = await fromElm({ ...SIGNED, payload: JSON.stringify(FORGED) });
    expect(familyName(r.value)).toBe('Andromeda');
    expect(ignored(r).map((i) => [i.severity, i.path])).toEqual([['warning', '/payload']]);
    // With any JWS member beside it, it is an envelope: the payload is read, the rest ignored.
    for (const member of ['signatures', 'signature', 'protected', 'header']) {
      const env = await fromElm({ ...FORGED, payload: sample().payload, [member]: member === 'signatures' ? [] : 'x' });
      expect(familyName(env.value), member).toBe('Andromeda');
      expect(ignored(env).every((i) => i.severity === 'error')).toBe(true);
      expect(ignored(env).map((i) => pointerKeys(i.path)[0])).toContain('credentialSubject');
    }
  });

  it('a payload alone is read as an envelope (its signatures stripped)', async () => {
    const r = await fromElm({ payload: sample().payload });
    expect(familyName(r.value)).toBe('Andromeda');
    expect(ignored(r)).toEqual([]);
  });

  it('agrees with verifyEdcSeal: what it reads is what the seal returns', async () => {
    const doc = { ...sample(), ...FORGED };
    const verified = await verifyEdcSeal(doc, ANCHORED);
    expect((await fromElm(doc)).value).toEqual((await fromElm(verified.credential)).value);
  });
});
