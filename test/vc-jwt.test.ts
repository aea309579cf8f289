// VC-JWT credentials through verifyCredential: an Open Badges 3.0 badge and a VC 1.1-style `vc`
// claims set, signed by jose (another implementation) with each algorithm of the allow-list and
// keys from did:key or a controller document; what each check says; and what it refuses.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { toOpenBadge } from '../src/ob3/to-open-badge.js';
import { exportKey, generateIssuerKey, importIssuerKey, signCredential, verifyCredential, type VerificationResult } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';

const model = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential;
const NOW = '2026-06-01T00:00:00Z';
const badgeOf = (issuer: string) => {
  const badge = toOpenBadge({ ...model, issuer: { ...model.issuer, id: issuer } }) as unknown as Record<string, unknown>;
  const { validUntil: _u, ...rest } = badge;
  return rest;
};
const didWeb = 'did:web:uni.example.eu';
const summary = (r: VerificationResult) => ({ verified: r.verified, checks: Object.fromEntries(r.checks.map((c) => [c.check, c.ok])), issues: r.issues.map((i) => `${i.code} ${i.path}`) });

/** A JWT of `payload` signed by jose with `key`, header members added. */
async function sign(payload: Record<string, unknown>, key: CryptoKey | Uint8Array, header: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ typ: 'JWT', ...header } as never).sign(key as CryptoKey);
}

/** OB 3.0's JWT: the credential with its claims. */
const ob3Claims = (badge: Record<string, unknown>) => {
  const issuer = badge.issuer as { id: string };
  return { ...badge, iss: issuer.id, jti: badge.id, nbf: Math.floor(Date.parse(badge.validFrom as string) / 1000), sub: (badge.credentialSubject as { id?: string }).id };
};

async function didKeyIssuer() {
  const key = await generateIssuerKey();
  const exported = await exportKey(key, { includePrivate: true });
  const jwk = exported.jwk as JWK;
  const { importJWK } = await import('jose');
  const privateKey = (await importJWK({ ...jwk, alg: 'EdDSA' } as JWK, 'EdDSA')) as CryptoKey;
  return { did: key.controller, kid: key.id, privateKey, publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } };
}

async function webIssuer(alg: string, options: Parameters<typeof generateKeyPair>[1] = {}) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...options });
  const kid = `${didWeb}#key-1`;
  const controller = {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: didWeb,
    verificationMethod: [{ id: kid, type: 'JsonWebKey', controller: didWeb, publicKeyJwk: await exportJWK(publicKey) }],
    assertionMethod: [kid],
  };
  return { privateKey, kid, controller };
}

describe('VC-JWT verified by verifyCredential', () => {
  it('an Open Badges 3.0 VC-JWT signed with EdDSA by a did:key issuer (kid a DID URL) verifies', async () => {
    const issuer = await didKeyIssuer();
    const jwt = await sign(ob3Claims(badgeOf(issuer.did)), issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid });
    const r = await verifyCredential(jwt, { now: NOW, validateContent: false });
    expect(summary(r)).toEqual({ verified: true, checks: { format: true, signature: true, issuer: true, validity: true }, issues: [] });
    expect(r.issuer).toBe(issuer.did);
  });

  it.each(['ES256', 'ES384', 'PS256', 'RS256'])('a %s VC-JWT whose key is in the issuer\'s controller document verifies; without the document it cannot be checked', async (alg) => {
    const issuer = await webIssuer(alg);
    const jwt = await sign(ob3Claims(badgeOf(didWeb)), issuer.privateKey, { alg, kid: issuer.kid });
    expect(summary(await verifyCredential(jwt, { now: NOW, controllers: [issuer.controller] })).verified).toBe(true);
    expect(summary(await verifyCredential(jwt, { now: NOW }))).toEqual({ verified: false, checks: { format: true, signature: false, issuer: true, validity: true }, issues: ['VC_CONTROLLER_UNKNOWN '] });
  });

  it('the VC 1.1 form (a `vc` claim) verifies, and its problems point into the claims set', async () => {
    const issuer = await didKeyIssuer();
    const badge = badgeOf(issuer.did);
    const jwt = await sign({ vc: badge, iss: issuer.did, jti: badge.id, nbf: Math.floor(Date.parse(badge.validFrom as string) / 1000) }, issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid });
    expect(summary(await verifyCredential(jwt, { now: NOW })).verified).toBe(true);
    const early = summary(await verifyCredential(jwt, { now: '2000-01-01T00:00:00Z' }));
    expect(early.issues).toEqual(['VC_NOT_YET_VALID /vc/validFrom']);
    expect(early.checks).toMatchObject({ signature: true, validity: false });
  });

  it('a header `jwk` is the key when it is the did:key issuer\'s own; for anyone else it ties the JWT to no one', async () => {
    const issuer = await didKeyIssuer();
    const own = await sign(ob3Claims(badgeOf(issuer.did)), issuer.privateKey, { alg: 'EdDSA', jwk: issuer.publicJwk });
    expect(summary(await verifyCredential(own, { now: NOW })).verified).toBe(true);
    const web = await sign(ob3Claims(badgeOf(didWeb)), issuer.privateKey, { alg: 'EdDSA', jwk: issuer.publicJwk });
    expect(summary(await verifyCredential(web, { now: NOW }))).toEqual({ verified: false, checks: { format: true, signature: true, issuer: false, validity: true }, issues: ['VC_CONTROLLER_UNKNOWN /issuer/id'] });
  });

  it('one changed character of the payload or the signature: VC_SIGNATURE_INVALID', async () => {
    const issuer = await didKeyIssuer();
    const jwt = await sign(ob3Claims(badgeOf(issuer.did)), issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, name: 'Another badge' })).toString('base64url')}.${s}`;
    expect(summary(await verifyCredential(forged, { now: NOW })).issues).toEqual(['VC_SIGNATURE_INVALID ']);
    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    expect(summary(await verifyCredential(flipped, { now: NOW })).checks).toMatchObject({ signature: false });
  });

  it('a stranger signing with a key of their own under the issuer\'s name: VC_ISSUER_KEY_MISMATCH', async () => {
    const stranger = await didKeyIssuer();
    const victim = await didKeyIssuer();
    const jwt = await sign(ob3Claims(badgeOf(victim.did)), stranger.privateKey, { alg: 'EdDSA', kid: stranger.kid });
    expect(summary(await verifyCredential(jwt, { now: NOW }))).toEqual({ verified: false, checks: { format: true, signature: true, issuer: false, validity: true }, issues: ['VC_ISSUER_KEY_MISMATCH /issuer/id'] });
  });

  it('a key its controller does not list under assertionMethod, or revoked: VC_KEY_NOT_AUTHORIZED', async () => {
    const issuer = await webIssuer('ES256');
    const jwt = await sign(ob3Claims(badgeOf(didWeb)), issuer.privateKey, { alg: 'ES256', kid: issuer.kid });
    const unlisted = { ...issuer.controller, assertionMethod: [] };
    expect(summary(await verifyCredential(jwt, { now: NOW, controllers: [unlisted] })).issues).toEqual(['VC_KEY_NOT_AUTHORIZED ']);
    const revoked = { ...issuer.controller, verificationMethod: [{ ...issuer.controller.verificationMethod[0]!, revoked: '2026-01-01T00:00:00Z' }] };
    expect(summary(await verifyCredential(jwt, { now: NOW, controllers: [revoked] })).issues).toEqual(['VC_KEY_NOT_AUTHORIZED ']);
  });

  it('refuses headers off the allow-list, claims that disagree, an embedded proof: VC_JWT_INVALID', async () => {
    const issuer = await didKeyIssuer();
    const claims = ob3Claims(badgeOf(issuer.did));
    const header = (h: Record<string, unknown>) => Buffer.from(JSON.stringify(h)).toString('base64url');
    const [, p, s] = (await sign(claims, issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid })).split('.') as [string, string, string];
    for (const h of [{ alg: 'none' }, { alg: 'HS256', kid: issuer.kid }, { alg: 'EdDSA', kid: issuer.kid, typ: 'dc+sd-jwt' }, { alg: 'EdDSA', kid: issuer.kid, crit: ['b64'], b64: false }, { alg: 'EdDSA', jwk: { ...issuer.publicJwk, d: 'AAAA' } }]) {
      expect(summary(await verifyCredential(`${header(h)}.${p}.${s}`, { now: NOW })).issues, JSON.stringify(h)).toEqual(['VC_JWT_INVALID ']);
    }
    const mismatch = await sign({ ...claims, iss: 'did:web:someone.else.eu' }, issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid });
    expect(summary(await verifyCredential(mismatch, { now: NOW })).issues).toEqual(['VC_JWT_INVALID /iss']);
    const proofed = await sign({ ...claims, proof: { type: 'DataIntegrityProof' } }, issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid });
    expect(summary(await verifyCredential(proofed, { now: NOW })).issues).toEqual(['VC_JWT_INVALID /proof']);
  });

  it('an expired `exp` with no end date in the credential: VC_EXPIRED at /exp, the signature intact', async () => {
    const issuer = await didKeyIssuer();
    const jwt = await sign({ ...ob3Claims(badgeOf(issuer.did)), exp: Math.floor(Date.parse('2026-01-01T00:00:00Z') / 1000) }, issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid });
    expect(summary(await verifyCredential(jwt, { now: NOW }))).toEqual({ verified: false, checks: { format: true, signature: true, issuer: true, validity: false }, issues: ['VC_EXPIRED /exp'] });
  });

  it('a credential re-spelled (an end date as a one-element array or a value object) is refused as one with a proof is, and its end still counts', async () => {
    const issuer = await didKeyIssuer();
    const spellings: [unknown, string][] = [
      [['2026-01-01T00:00:00Z'], '/validUntil/0'],
      [{ '@value': '2026-01-01T00:00:00Z', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }, '/validUntil/@value'],
    ];
    for (const [validUntil, at] of spellings) {
      const r = summary(await verifyCredential(await sign({ ...ob3Claims(badgeOf(issuer.did)), validUntil }, issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid }), { now: NOW }));
      expect(r).toMatchObject({ verified: false, checks: { format: false, validity: false } });
      expect(r.issues.filter((i) => !i.startsWith('VC_JSON_NOT_CANONICAL /validUntil'))).toEqual([`VC_EXPIRED ${at}`]);
      expect(r.issues.length).toBeGreaterThan(1);
    }
  });

  it('a term no context defines is refused as in a credential with a proof: VC_UNDEFINED_TERM', async () => {
    const issuer = await didKeyIssuer();
    const r = summary(await verifyCredential(await sign({ ...ob3Claims(badgeOf(issuer.did)), nickname: 'Anna' }, issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid }), { now: NOW }));
    expect(r).toMatchObject({ verified: false, checks: { format: false }, issues: ['VC_UNDEFINED_TERM /nickname'] });
  });

  it('strings that are not a VC-JWT, and member names twice: VC_CREDENTIAL_MALFORMED, never a throw', async () => {
    for (const text of ['', 'a.b', 'a.b.c.d', '{"@context":[]}', 'x'.repeat(5_000_000)]) {
      expect(summary(await verifyCredential(text)).issues[0]).toMatch(/^VC_CREDENTIAL_MALFORMED /);
    }
    const issuer = await didKeyIssuer();
    const jwt = await sign(ob3Claims(badgeOf(issuer.did)), issuer.privateKey, { alg: 'EdDSA', kid: issuer.kid });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const twice = Buffer.from(`{"alg":"none",${Buffer.from(h, 'base64url').toString().slice(1)}`).toString('base64url');
    expect(summary(await verifyCredential(`${twice}.${p}.${s}`)).issues).toEqual(['VC_CREDENTIAL_MALFORMED ']);
  });
});

describe('a key is read only from the document its id is in (embedded proofs and VC-JWT)', () => {
  it('another controller document listing a method under the issuer\'s key id, before or after the issuer\'s: the forgery does not verify', async () => {
    const victim = await generateIssuerKey({ controller: didWeb });
    const mallory = await generateIssuerKey({ controller: 'did:web:mallory.example' });
    const exported = await exportKey(mallory, { includePrivate: true });
    // Mallory signs with her key under the id of the victim's key, and publishes it in a document of her own.
    const forger = await importIssuerKey({ publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase!, controller: didWeb, id: victim.id });
    const evil = { ...mallory.controllerDocument(), verificationMethod: [{ ...mallory.controllerDocument().verificationMethod[0]!, id: victim.id, controller: didWeb }], assertionMethod: [victim.id] };
    const signed = await signCredential(badgeOf(didWeb), { key: forger, suite: 'eddsa-rdfc-2022' });
    for (const controllers of [[evil, victim.controllerDocument()], [victim.controllerDocument(), evil]]) {
      expect(summary(await verifyCredential(signed, { now: NOW, controllers })).verified).toBe(false);
    }
    expect(summary(await verifyCredential(await signCredential(badgeOf(didWeb), { key: victim, suite: 'eddsa-rdfc-2022' }), { now: NOW, controllers: [evil, victim.controllerDocument()] })).verified).toBe(true);
  });

  it('two controller documents of one id: a TypeError (which one is the controller\'s is unclear)', async () => {
    const victim = await generateIssuerKey({ controller: didWeb });
    const signed = await signCredential(badgeOf(didWeb), { key: victim, suite: 'eddsa-rdfc-2022' });
    await expect(verifyCredential(signed, { controllers: [victim.controllerDocument(), victim.controllerDocument()] })).rejects.toThrow(/two controller documents have the id "did:web:uni.example.eu"/);
  });
});
