import { describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { exportKey, generateIssuerKey, importIssuerKey, SigningError, signCredential, SUITES, verifyCredential } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';

const seed = new Uint8Array(32).fill(7);
const created = '2025-06-30T12:00:00Z';
const fixture = (name: string) => structuredClone(validFixtures.find((f) => f.name === name)!.doc) as MicroCredential;

async function issued(suite: (typeof SUITES)[number] = 'Ed25519Signature2020', name = 'higher-education') {
  const key = await generateIssuerKey({ seed });
  const mc = fixture(name);
  const credential = toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller, identifiers: { eidas: 'IE-TEST-1' } } }, { id: 'urn:uuid:00000000-0000-4000-8000-000000000001' });
  return { key, credential, signed: await signCredential(credential, { key, suite, created }) };
}

describe('keys', () => {
  it('generates did:key keys, deterministic from a seed', async () => {
    const a = await generateIssuerKey({ seed });
    const b = await generateIssuerKey({ seed });
    expect(a.controller).toMatch(/^did:key:z6Mk/);
    expect(a.id).toBe(`${a.controller}#${a.publicKeyMultibase}`);
    expect(a.publicKeyMultibase).toBe(b.publicKeyMultibase);
    expect((await generateIssuerKey()).publicKeyMultibase).not.toBe(a.publicKeyMultibase);
  });

  it('exports and imports multibase and JWK, public or with the private part', async () => {
    const key = await generateIssuerKey({ seed, controller: 'did:web:uni.example.eu' });
    const pub = await exportKey(key);
    expect(pub.secretKeyMultibase).toBeUndefined();
    expect(pub.jwk.d).toBeUndefined();
    const full = await exportKey(key, { includePrivate: true });
    expect(full.jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    for (const input of [{ publicKeyMultibase: full.publicKeyMultibase, secretKeyMultibase: full.secretKeyMultibase!, controller: full.controller, id: full.id }, { jwk: full.jwk, controller: full.controller, id: full.id }]) {
      const back = await importIssuerKey(input);
      expect(back.id).toBe(key.id);
      expect(back.canSign).toBe(true);
      expect(back.publicKeyMultibase).toBe(key.publicKeyMultibase);
    }
    const publicOnly = await importIssuerKey({ jwk: pub.jwk, controller: pub.controller });
    expect(publicOnly.canSign).toBe(false);
  });

  it('never shows the private key in JSON, inspection or errors', async () => {
    const key = await generateIssuerKey({ seed });
    const secret = (await exportKey(key, { includePrivate: true })).secretKeyMultibase!;
    const { inspect } = await import('node:util');
    expect(JSON.stringify(key)).not.toContain(secret);
    expect(inspect(key, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(Object.keys(key).join()).not.toMatch(/secret|private/i);
    // Another key's private part with this public key: not a pair.
    const wrong = (await exportKey(await generateIssuerKey(), { includePrivate: true })).secretKeyMultibase!;
    await expect(importIssuerKey({ publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: wrong })).rejects.toThrow(TypeError);
    await importIssuerKey({ publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: wrong }).catch((e: Error) => expect(e.message).not.toContain(wrong));
  });

  it('gives the controller document a did:web issuer publishes', async () => {
    const key = await generateIssuerKey({ seed, controller: 'did:web:uni.example.eu' });
    const doc = key.controllerDocument();
    expect(doc.id).toBe('did:web:uni.example.eu');
    expect(doc.assertionMethod).toEqual([key.id]);
    expect(doc.verificationMethod[0]).toMatchObject({ id: key.id, controller: 'did:web:uni.example.eu', publicKeyMultibase: key.publicKeyMultibase });
  });
});

describe.each(SUITES)('sign and verify with %s', (suite) => {
  it('verifies an ELM micro-credential it signed, with content', async () => {
    const { signed } = await issued(suite);
    const result = await verifyCredential(signed, { validateContent: true, now: '2026-01-01T00:00:00Z' });
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('never mutates its input, and is byte-identical for a fixed seed and date', async () => {
    const a = await issued(suite);
    const before = JSON.stringify(a.credential);
    const again = await signCredential(Object.freeze(a.credential), { key: a.key, suite, created });
    expect(JSON.stringify(a.credential)).toBe(before);
    if (suite !== 'eddsa-jcs-2022' || true) expect(again).toEqual(a.signed);
  });
});

describe('tampering is caught with the right code', () => {
  it('a changed character in the title', async () => {
    const { signed } = await issued();
    const t = structuredClone(signed) as Record<string, any>;
    t.credentialSubject.hasClaim.title.en += '!';
    expect((await verifyCredential(t)).issues.map((i) => i.code)).toEqual(['VC_SIGNATURE_INVALID']);
  });

  it('an added property the contexts do not define', async () => {
    const { signed } = await issued();
    const t = { ...signed, smuggled: 'x' };
    expect((await verifyCredential(t)).issues.map((i) => i.code)).toContain('VC_UNDEFINED_TERM');
  });

  it('a changed @context', async () => {
    const { signed } = await issued();
    expect((await verifyCredential({ ...signed, '@context': [...(signed['@context'] as string[]), 'https://evil.example/ctx'] })).issues.map((i) => i.code)).toEqual(['VC_CONTEXT_NOT_BUNDLED']);
  });

  it('the issuer swapped', async () => {
    const { signed } = await issued();
    const other = await generateIssuerKey();
    const t = structuredClone(signed) as Record<string, any>;
    t.issuer.id = other.controller;
    expect((await verifyCredential(t)).issues.map((i) => i.code)).toContain('VC_ISSUER_KEY_MISMATCH');
  });

  it('expired, and not yet valid', async () => {
    const { signed } = await issued('Ed25519Signature2020', 'every-optional-element');
    const late = await verifyCredential(signed, { now: '2031-01-01T00:00:00Z' });
    expect(late.issues.map((i) => i.code)).toEqual(['VC_EXPIRED']);
    const early = await verifyCredential(signed, { now: '2020-01-01T00:00:00Z' });
    expect(early.issues.map((i) => i.code)).toEqual(['VC_NOT_YET_VALID']);
  });

  it('the proof removed, or taken from another credential', async () => {
    const { signed } = await issued();
    const { proof: _p, ...bare } = signed;
    expect((await verifyCredential(bare)).issues.map((i) => i.code)).toEqual(['VC_PROOF_MISSING']);
    const other = await issued('Ed25519Signature2020', 'vet-eqavet');
    expect((await verifyCredential({ ...signed, proof: other.signed.proof })).issues.map((i) => i.code)).toEqual(['VC_SIGNATURE_INVALID']);
  });

  it('an untrusted issuer', async () => {
    const { signed, key } = await issued();
    expect((await verifyCredential(signed, { trustedIssuers: ['did:web:other.example'] })).issues.map((i) => i.code)).toEqual(['VC_UNTRUSTED_ISSUER']);
    expect((await verifyCredential(signed, { trustedIssuers: [key.controller] })).verified).toBe(true);
  });
});

describe('signing refuses what would not verify', () => {
  it('an issuer that is not the key\'s controller, unless asked to set it', async () => {
    const key = await generateIssuerKey({ seed });
    const credential = toElm({ ...fixture('higher-education'), issuer: { ...fixture('higher-education').issuer, identifiers: { eidas: 'X' } } });
    await expect(signCredential(credential, { key })).rejects.toMatchObject({ reason: 'VC_ISSUER_KEY_MISMATCH' });
    const signed = await signCredential(credential, { key, setIssuer: true });
    expect((signed.issuer as { id: string }).id).toBe(key.controller);
  });

  it('an undefined term, and a context it does not have', async () => {
    const { credential, key } = await issued();
    for (const suite of SUITES) {
      await expect(signCredential({ ...credential, extra: 1 }, { key, suite })).rejects.toMatchObject({ reason: 'VC_UNDEFINED_TERM' });
    }
    await expect(signCredential({ ...credential, '@context': [...credential['@context'], 'https://example.org/ctx'] }, { key })).rejects.toBeInstanceOf(SigningError);
  });
});

describe('extra contexts given by URL', () => {
  it('are served to signing and verification, never fetched', async () => {
    const { credential, key } = await issued();
    const url = 'https://contexts.example.eu/extra/v1';
    const documents = { [url]: { '@context': { extraNote: 'https://contexts.example.eu/vocab#extraNote' } } };
    const withExtra = { ...credential, '@context': [...credential['@context'], url], extraNote: 'kept and signed' };
    const signed = await signCredential(withExtra, { key, documents, created });
    expect((await verifyCredential(signed, { documents })).verified).toBe(true);
    expect((await verifyCredential(signed)).issues.map((i) => i.code)).toEqual(['VC_CONTEXT_NOT_BUNDLED']);
    expect((await verifyCredential({ ...signed, extraNote: 'changed' }, { documents })).issues.map((i) => i.code)).toEqual(['VC_SIGNATURE_INVALID']);
  });
});

describe('eddsa-jcs-2022 and undefined terms', () => {
  it('refuses to verify a JCS-signed credential with a term no context defines', async () => {
    // "Signed elsewhere": @digitalbazaar/vc directly, without the library's safe-mode check.
    const vc = await import('@digitalbazaar/vc');
    const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity');
    const { createSignCryptosuite } = await import('@digitalbazaar/eddsa-jcs-2022-cryptosuite');
    const { keyLoader } = await import('../src/vc/resolver.js');
    const { credential, key } = await issued('eddsa-jcs-2022');
    const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: createSignCryptosuite() });
    const signed = await vc.issue({ credential: { ...structuredClone(credential), smuggled: 'no context defines me' }, suite, documentLoader: keyLoader([key.controllerDocument()]) });
    const result = await verifyCredential(signed);
    expect(result.verified).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['VC_UNDEFINED_TERM']);
  });
});
