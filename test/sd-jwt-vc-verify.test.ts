/**
 * verifySdJwtVc: valid presentations verify (ES256, EdDSA, with and without key binding, keys by
 * issuerKeys, issuer metadata and x5c chains to a trust anchor), and each check refuses what it
 * must: time, type, status, the claims asked for, type metadata, options, hostile inputs. The
 * credentials are made by the library (issueSdJwtVcClaims, presentSdJwtVc) and by jose
 * (test/helpers/sd-jwt-forge.ts); @sd-jwt/core and the independent verifier are oracles for the
 * claims read.
 */
import { SDJwtInstance } from '@sd-jwt/core';
import { describe, expect, it } from 'vitest';
import { issueSdJwtVcClaims } from '../src/sd-jwt-vc/issue.js';
import { sdJwtVcHasher } from '../src/sd-jwt-vc/keys.js';
import { integrityOf } from '../src/sd-jwt-vc/integrity.js';
import { presentSdJwtVc } from '../src/sd-jwt-vc/present.js';
import { createTypeMetadata } from '../src/sd-jwt-vc/type-metadata.js';
import { verifySdJwtVc, type SdJwtVcVerification } from '../src/sd-jwt-vc/verify.js';
import { digestOf } from '../src/sd-jwt-vc/verify/digests.js';
import { verifyIndependently } from './helpers/independent-sd-jwt.js';
import { ATTR, certificate, extension, basicConstraints, keyUsage, keyIds, tlv, seq } from './helpers/pki.js';
import { disclosure, kbJwt, nodeP256, sdJwtOf, signJws, testKey, testKeyFromNode, type TestKey } from './helpers/sd-jwt-forge.js';

const ISS = 'https://uni.example.eu';
const AUD = 'https://verifier.example';
const NONCE = 'nonce-1';
const VCT = 'https://credentials.example.com/identity_credential';
const now = () => Math.floor(Date.now() / 1000);

const codes = (r: SdJwtVcVerification) => r.issues.map((i) => i.code);
const errors = (r: SdJwtVcVerification) => r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.path}`);

const CLAIMS = {
  vct: VCT,
  given_name: 'Erika',
  family_name: 'Mustermann',
  address: { street_address: 'Heidestraße 17', locality: 'Köln' },
  nationalities: ['DE', 'FR'],
};

async function issued(alg: 'ES256' | 'EdDSA', holder?: TestKey) {
  const issuer = await testKey(alg, `${alg}-key`);
  const sdJwt = await issueSdJwtVcClaims(CLAIMS, {
    key: issuer.privateJwk as never,
    issuer: ISS,
    ...(holder ? { holderKey: holder.publicJwk as never } : {}),
    disclosable: ['given_name', 'family_name', '/address/locality', ['nationalities', 1], 'address'],
    decoys: 2,
  });
  return { issuer, sdJwt };
}

describe('valid presentations verify', () => {
  for (const alg of ['ES256', 'EdDSA'] as const) {
    it(`${alg}: the library's SD-JWT VC with key binding, every disclosure`, async () => {
      const holder = await testKey('ES256');
      const { issuer, sdJwt } = await issued(alg, holder);
      const presentation = await presentSdJwtVc(sdJwt, { disclose: 'all', holderKey: holder.privateJwk as never, audience: AUD, nonce: NONCE });
      const r = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUD, nonce: NONCE, vct: VCT });
      expect(errors(r)).toEqual([]);
      expect(r.verified).toBe(true);
      expect(r.issues).toEqual([]);
      const { cnf, iat, ...rest } = r.claims;
      expect(rest).toEqual({ ...CLAIMS, iss: ISS });
      expect(cnf).toEqual({ jwk: holder.publicJwk });
      expect(typeof iat).toBe('number');
      expect([...r.disclosed].sort()).toEqual(['/address', '/address/locality', '/family_name', '/given_name', '/nationalities/1']);
      expect(r.undisclosed).toBe(2); // the decoys
      expect(r.header).toMatchObject({ alg, typ: 'dc+sd-jwt', kid: `${alg}-key` });
      expect(r.issuer).toEqual({ iss: ISS, kid: `${alg}-key`, by: 'issuerKeys' });
      expect(r.keyBinding).toMatchObject({ aud: AUD, nonce: NONCE });
    });
  }

  it('EdDSA without cnf and without a key-binding JWT, a subset disclosed', async () => {
    const { issuer, sdJwt } = await issued('EdDSA');
    const presentation = await presentSdJwtVc(sdJwt, { disclose: ['given_name', ['nationalities', 1]] });
    const r = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], vct: VCT });
    expect(errors(r)).toEqual([]);
    expect(r.claims).toMatchObject({ given_name: 'Erika', nationalities: ['DE', 'FR'] });
    expect(r.claims).not.toHaveProperty('family_name');
    expect(r.claims).not.toHaveProperty('address');
    expect(r.claims).not.toHaveProperty('_sd');
    expect(r.claims).not.toHaveProperty('_sd_alg');
    expect(r.disclosed.sort()).toEqual(['/given_name', '/nationalities/1']);
    expect(r.undisclosed).toBe(2 + 2); // family_name, address, and the decoys
    expect(r.keyBinding).toBeUndefined();
  });

  it('the claims read are those of @sd-jwt/core and of the independent verifier', async () => {
    const holder = await testKey('ES256');
    const { issuer, sdJwt } = await issued('ES256', holder);
    for (const disclose of [['family_name'], ['address', '/address/locality'], 'all'] as const) {
      const presentation = await presentSdJwtVc(sdJwt, { disclose: disclose as never, holderKey: holder.privateJwk as never, audience: AUD, nonce: NONCE });
      const r = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUD, nonce: NONCE, vct: VCT });
      expect(r.verified).toBe(true);
      const library = await new SDJwtInstance({ hasher: sdJwtVcHasher }).getClaims(presentation);
      expect(r.claims).toEqual(library);
      const independent = await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk, audience: AUD, nonce: NONCE });
      expect(independent.errors).toEqual([]);
      expect(r.claims).toEqual(independent.claims);
      expect([...r.disclosed].sort()).toEqual([...independent.disclosed].sort());
      expect(r.undisclosed).toBe(independent.undisclosed);
    }
  });

  it('computes the digest of RFC 9901 §4.2.1’s example disclosure', async () => {
    expect(await digestOf('WyI2cU1RdlJMNWhhaiIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0', 'sha-256')).toBe('uutlBuYeMDyjLLTpf6Jxi7yNkEF35jdyWMn9U7b_RYY');
  });

  it('ES384, PS256 and RS256 issuers verify; the key must fit the alg', async () => {
    for (const alg of ['ES384', 'PS256', 'RS256'] as const) {
      const key = await testKey(alg);
      const d = disclosure('given_name', 'Erika');
      const jwt = await signJws({ alg, typ: 'dc+sd-jwt' }, { iss: ISS, vct: VCT, iat: now(), _sd: [d.digest], _sd_alg: 'sha-256' }, key);
      const r = await verifySdJwtVc(sdJwtOf(jwt, [d.encoded]), { issuerKeys: [key.publicJwk], vct: VCT });
      expect(errors(r), alg).toEqual([]);
      expect(r.claims.given_name).toBe('Erika');
      const other = await testKey('ES256');
      expect(codes(await verifySdJwtVc(sdJwtOf(jwt, [d.encoded]), { issuerKeys: [other.publicJwk], vct: VCT })), alg).toContain('SDJWT_SIGNATURE_INVALID');
    }
  });
});

describe('key binding', () => {
  it('without nonce or audience the key binding is still checked, with a replay warning', async () => {
    const holder = await testKey('ES256');
    const { issuer, sdJwt } = await issued('ES256', holder);
    const presentation = await presentSdJwtVc(sdJwt, { disclose: ['given_name'], holderKey: holder.privateJwk as never, audience: AUD, nonce: NONCE });
    const r = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], vct: VCT });
    expect(r.verified).toBe(true);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['SDJWT_KB_REPLAY_UNCHECKED', 'warning']]);
    const other = await testKey('ES256');
    const forged = presentation.slice(0, presentation.lastIndexOf('~') + 1) + (await kbJwt(presentation.slice(0, presentation.lastIndexOf('~') + 1), other));
    expect(codes(await verifySdJwtVc(forged, { issuerKeys: [issuer.publicJwk], vct: VCT }))).toContain('SDJWT_KB_SIGNATURE_INVALID');
  });

  it('is required with cnf, and with requireKeyBinding', async () => {
    const holder = await testKey('EdDSA');
    const bound = await issued('ES256', holder);
    const r = await verifySdJwtVc(bound.sdJwt, { issuerKeys: [bound.issuer.publicJwk], audience: AUD, nonce: NONCE, vct: VCT });
    expect(errors(r)).toEqual(['SDJWT_KB_MISSING /kbJwt']);
    const free = await issued('ES256');
    expect((await verifySdJwtVc(free.sdJwt, { issuerKeys: [free.issuer.publicJwk], vct: VCT })).verified).toBe(true);
    expect(errors(await verifySdJwtVc(free.sdJwt, { issuerKeys: [free.issuer.publicJwk], vct: VCT, requireKeyBinding: true }))).toEqual(['SDJWT_KB_MISSING /kbJwt']);
    // A verifier that gave an audience and a nonce is told they were not checked (nothing could be).
    const unbound = await verifySdJwtVc(free.sdJwt, { issuerKeys: [free.issuer.publicJwk], vct: VCT, audience: AUD, nonce: NONCE });
    expect(unbound.verified).toBe(true);
    expect(unbound.issues.map((i) => [i.code, i.severity, i.path])).toEqual([['SDJWT_KB_REPLAY_UNCHECKED', 'warning', '/payload']]);
    // A key-binding JWT with no cnf to check it with.
    const stray = free.sdJwt + (await kbJwt(free.sdJwt, holder));
    expect(errors(await verifySdJwtVc(stray, { issuerKeys: [free.issuer.publicJwk], vct: VCT, audience: AUD, nonce: NONCE }))).toEqual(['SDJWT_KB_UNEXPECTED /kbJwt']);
  });

  it('checks iat against maxKeyBindingAge and the clock skew', async () => {
    const holder = await testKey('ES256');
    const { issuer, sdJwt } = await issued('ES256', holder);
    const at = now();
    const options = { issuerKeys: [issuer.publicJwk], audience: AUD, nonce: NONCE, vct: VCT };
    const withIat = async (iat: number) => verifySdJwtVc(sdJwt + (await kbJwt(sdJwt, holder, { iat })), { ...options, now: new Date(at * 1000) });
    expect((await withIat(at - 300)).verified).toBe(true);
    expect((await withIat(at + 59)).verified).toBe(true);
    expect(errors(await withIat(at - 300 - 61))).toEqual(['SDJWT_KB_TIME_INVALID /kbJwt/payload/iat']);
    expect(errors(await withIat(at + 61))).toEqual(['SDJWT_KB_TIME_INVALID /kbJwt/payload/iat']);
    const longer = await verifySdJwtVc(sdJwt + (await kbJwt(sdJwt, holder, { iat: at - 3000 })), { ...options, now: new Date(at * 1000), maxKeyBindingAge: 3600 });
    expect(longer.verified).toBe(true);
  });
});

describe('issuer keys', () => {
  it('picks the key by kid among several, and by iss from a map', async () => {
    const { issuer, sdJwt } = await issued('ES256');
    const others = await Promise.all([testKey('ES256', 'a'), testKey('EdDSA', 'b')]);
    const r = await verifySdJwtVc(sdJwt, { issuerKeys: [others[0]!.publicJwk, issuer.publicJwk, others[1]!.publicJwk], vct: VCT });
    expect(r.verified).toBe(true);
    const byIss = await verifySdJwtVc(sdJwt, { issuerKeys: { 'https://other.example': [others[0]!.publicJwk], [ISS]: [issuer.publicJwk] }, vct: VCT });
    expect(byIss.verified).toBe(true);
    const wrongIss = await verifySdJwtVc(sdJwt, { issuerKeys: { 'https://other.example': [issuer.publicJwk] }, vct: VCT });
    expect(errors(wrongIss)).toEqual(['SDJWT_ISSUER_KEY_UNKNOWN /header/kid']);
    const noKeys = await verifySdJwtVc(sdJwt, { vct: VCT });
    expect(errors(noKeys)).toEqual(['SDJWT_ISSUER_KEY_UNKNOWN /header/kid']);
  });

  it('uses issuer metadata only when its issuer is identical to iss', async () => {
    const { issuer, sdJwt } = await issued('EdDSA');
    const metadata = { issuer: ISS, jwks: { keys: [issuer.publicJwk] } };
    const r = await verifySdJwtVc(sdJwt, { issuerMetadata: metadata, vct: VCT });
    expect(r.verified).toBe(true);
    expect(r.issuer.by).toBe('issuerMetadata');
    const other = await verifySdJwtVc(sdJwt, { issuerMetadata: [{ issuer: `${ISS}/`, jwks: { keys: [issuer.publicJwk] } }], vct: VCT });
    expect(errors(other)).toEqual(['SDJWT_ISSUER_MISMATCH /payload/iss']);
    const uriOnly = await verifySdJwtVc(sdJwt, { issuerMetadata: [{ issuer: ISS, jwks_uri: `${ISS}/jwks.json` }], vct: VCT });
    expect(errors(uriOnly)).toEqual(['SDJWT_ISSUER_KEY_UNKNOWN /payload/iss']);
  });

  describe('x5c chains to a trust anchor', () => {
    const rootPair = nodeP256();
    const leafPair = nodeP256();
    const rootName: [string, string][] = [['CN', 'Test Root'], ['C', 'EU']];
    const root = certificate({ subject: rootName, issuer: rootName, publicKey: rootPair.publicKey, signingKey: rootPair.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign')] });
    const san = (...names: [number, string][]) => extension('2.5.29.17', false, seq(...names.map(([tag, v]) => tlv(tag, Buffer.from(v, 'ascii')))));
    const leafOf = (names: [number, string][], validity: { notBefore?: Date; notAfter?: Date } = {}) =>
      certificate({
        subject: [[ATTR.CN, 'Uni Issuer'], ['O', 'Uni']],
        issuer: rootName,
        publicKey: leafPair.publicKey,
        signingKey: rootPair.privateKey,
        alg: 'ecdsa-sha256',
        extensions: [san(...names), keyUsage('digitalSignature'), ...keyIds(leafPair.publicKey, rootPair.publicKey)],
        ...validity,
      });
    const present = async (leaf: Buffer, iss: string | undefined) => {
      const key = await testKeyFromNode('ES256', leafPair);
      const d = disclosure('given_name', 'Erika');
      const jwt = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', x5c: [leaf.toString('base64'), root.toString('base64')] }, { ...(iss ? { iss } : {}), vct: VCT, iat: now(), _sd: [d.digest] }, key);
      return sdJwtOf(jwt, [d.encoded]);
    };
    const anchors = [root.toString('base64')];

    it('verifies with the leaf key when the chain ends at an anchor and iss is a SAN URI', async () => {
      const r = await verifySdJwtVc(await present(leafOf([[0x86, ISS]]), ISS), { trustAnchors: anchors, vct: VCT });
      expect(errors(r)).toEqual([]);
      expect(r.issuer).toEqual({ iss: ISS, by: 'x5c', certificate: { subject: expect.stringContaining('Uni Issuer') } });
    });

    it('matches an https iss against a DNS SAN, and verifies without iss', async () => {
      expect(errors(await verifySdJwtVc(await present(leafOf([[0x82, 'uni.example.eu']]), ISS), { trustAnchors: anchors, vct: VCT }))).toEqual([]);
      const anon = await verifySdJwtVc(await present(leafOf([[0x82, 'uni.example.eu']]), undefined), { trustAnchors: anchors, vct: VCT });
      expect(errors(anon)).toEqual([]);
      expect(anon.issuer.certificate?.subject).toContain('Uni Issuer');
    });

    it('refuses an iss the certificate does not name, a chain to no anchor, an expired leaf, and x5c without anchors', async () => {
      expect(errors(await verifySdJwtVc(await present(leafOf([[0x86, 'https://other.example']]), ISS), { trustAnchors: anchors, vct: VCT }))).toEqual(['SDJWT_ISSUER_MISMATCH /payload/iss']);
      const strangerPair = nodeP256();
      const stranger = certificate({ subject: [['CN', 'Other Root']], issuer: [['CN', 'Other Root']], publicKey: strangerPair.publicKey, signingKey: strangerPair.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true)] });
      const untrusted = await verifySdJwtVc(await present(leafOf([[0x86, ISS]]), ISS), { trustAnchors: [stranger], vct: VCT });
      expect(codes(untrusted)).toContain('SDJWT_CERTIFICATE_INVALID');
      expect(untrusted.verified).toBe(false);
      const expired = leafOf([[0x86, ISS]], { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2021-01-01T00:00:00Z') });
      expect(errors(await verifySdJwtVc(await present(expired, ISS), { trustAnchors: anchors, vct: VCT }))).toEqual(['SDJWT_CERTIFICATE_INVALID /header/x5c']);
      expect(errors(await verifySdJwtVc(await present(leafOf([[0x86, ISS]]), ISS), { vct: VCT }))).toEqual(['SDJWT_ISSUER_KEY_UNKNOWN /header']);
    });
  });
});

describe('time, type, status', () => {
  const make = async (claims: Record<string, unknown>, header: Record<string, unknown> = {}) => {
    const key = await testKey('ES256');
    const jwt = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', ...header }, { iss: ISS, vct: VCT, ...claims }, key);
    return { key, sdJwt: sdJwtOf(jwt, []) };
  };

  it('exp, nbf and iat with the clock skew', async () => {
    const at = now();
    const check = async (claims: Record<string, unknown>, options: { clockSkew?: number } = {}) => {
      const { key, sdJwt } = await make(claims);
      return errors(await verifySdJwtVc(sdJwt, { issuerKeys: [key.publicJwk], vct: VCT, now: new Date(at * 1000), ...options }));
    };
    expect(await check({ iat: at - 10, exp: at + 10, nbf: at - 10 })).toEqual([]);
    expect(await check({ exp: at - 59 })).toEqual([]);
    expect(await check({ exp: at - 61 })).toEqual(['SDJWT_EXPIRED /payload/exp']);
    expect(await check({ exp: at - 61 }, { clockSkew: 120 })).toEqual([]);
    expect(await check({ nbf: at + 61 })).toEqual(['SDJWT_NOT_YET_VALID /payload/nbf']);
    expect(await check({ iat: at + 61 })).toEqual(['SDJWT_ISSUED_IN_FUTURE /payload/iat']);
    expect(await check({ exp: '2099-01-01' })).toEqual(['SDJWT_CLAIM_TIME_INVALID /payload/exp']);
    expect(await check({ iat: null, nbf: -1 })).toEqual(['SDJWT_CLAIM_TIME_INVALID /payload/nbf', 'SDJWT_CLAIM_TIME_INVALID /payload/iat']);
  });

  it('vct: the default, a list, a mismatch', async () => {
    const mc = await make({ vct: 'VerifiableMicroCredential' });
    expect(errors(await verifySdJwtVc(mc.sdJwt, { issuerKeys: [mc.key.publicJwk] }))).toEqual([]);
    const other = await make({});
    expect(errors(await verifySdJwtVc(other.sdJwt, { issuerKeys: [other.key.publicJwk] }))).toEqual(['SDJWT_VCT_MISMATCH /payload/vct']);
    expect(errors(await verifySdJwtVc(other.sdJwt, { issuerKeys: [other.key.publicJwk], vct: ['VerifiableMicroCredential', VCT] }))).toEqual([]);
    const none = await make({ vct: undefined });
    expect(errors(await verifySdJwtVc(none.sdJwt, { issuerKeys: [none.key.publicJwk], vct: VCT }))).toEqual(['SDJWT_VCT_MISMATCH /payload/vct']);
  });

  it('typ: dc+sd-jwt, vc+sd-jwt with a warning, anything else refused', async () => {
    const old = await make({}, { typ: 'vc+sd-jwt' });
    const r = await verifySdJwtVc(old.sdJwt, { issuerKeys: [old.key.publicJwk], vct: VCT });
    expect(r.verified).toBe(true);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['SDJWT_TYP_INVALID', 'warning']]);
    for (const typ of ['JWT', undefined, 'dc+sd-jwt+kb']) {
      const bad = await make({}, { typ });
      expect(errors(await verifySdJwtVc(bad.sdJwt, { issuerKeys: [bad.key.publicJwk], vct: VCT }))).toEqual(['SDJWT_TYP_INVALID /header/typ']);
    }
  });

  it('status: without its Status List Token an error, a warning with acceptUncheckedStatus (test/status-sd-jwt-vc.test.ts checks with tokens)', async () => {
    const { key, sdJwt } = await make({ status: { status_list: { idx: 3, uri: 'https://uni.example.eu/status/1' } } });
    const unknown = await verifySdJwtVc(sdJwt, { issuerKeys: [key.publicJwk], vct: VCT });
    expect(errors(unknown)).toEqual(['STATUS_UNKNOWN /payload/status/status_list']);
    expect(unknown.issues[0]!.details).toEqual({ list: 'https://uni.example.eu/status/1', index: 3, reason: 'list-missing' });
    const accepted = await verifySdJwtVc(sdJwt, { issuerKeys: [key.publicJwk], vct: VCT, acceptUncheckedStatus: true });
    expect(accepted.verified).toBe(true);
    expect(accepted.issues.map((i) => [i.code, i.severity])).toEqual([['STATUS_NOT_CHECKED', 'warning']]);
    expect(accepted.status).toEqual([{ format: 'token', purpose: 'status', list: 'https://uni.example.eu/status/1', index: 3, status: 'unknown', path: '/payload/status/status_list' }]);
  });
});

const MC_CLAIMS = {
  identifier: 'urn:uuid:3f1c6a1e-0d7e-4a8b-9f51-2c1d7a3b9e10', title: 'Data literacy', givenName: 'Erika', familyName: 'Mustermann', issuerCountry: 'DE',
  awardingBody: 'Uni', issuanceDate: '2026-01-15', learningOutcomes: ['Reads data'], notionalWorkload: { value: 3, unit: 'ECTS' },
  typeOfAssessment: 'written-examination', formOfParticipation: 'online', qualityAssurance: 'institutional-accreditation',
};

describe('the claims asked for, and type metadata', () => {
  it('requireClaims: names and pointers must be disclosed', async () => {
    const { issuer, sdJwt } = await issued('ES256');
    const presentation = await presentSdJwtVc(sdJwt, { disclose: ['given_name'] });
    const r = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], vct: VCT, requireClaims: ['given_name', 'family_name', '/address/locality', 'iss'] });
    expect(r.issues.map((i) => `${i.code} ${i.path} ${i.in}`)).toEqual(['SDJWT_CLAIM_MISSING /family_name claims', 'SDJWT_CLAIM_MISSING /address/locality claims']);
  });

  it("requireClaims 'rulebook': MC-IR-01 claims disclosed, and the rulebook's checks on them", async () => {
    const key = await testKey('ES256');
    const claims = MC_CLAIMS;
    const sdJwt = await issueSdJwtVcClaims({ vct: 'VerifiableMicroCredential', attestation_legal_category: 'non-qualified-EAA', ...claims }, { key: key.privateJwk as never, issuer: ISS, disclosable: Object.keys(claims) });
    const all = await verifySdJwtVc(await presentSdJwtVc(sdJwt, { disclose: 'all' }), { issuerKeys: [key.publicJwk], requireClaims: 'rulebook' });
    expect(errors(all)).toEqual([]);
    const some = await verifySdJwtVc(await presentSdJwtVc(sdJwt, { disclose: ['title', 'givenName'] }), { issuerKeys: [key.publicJwk], requireClaims: 'rulebook' });
    expect(errors(some).length).toBe(10);
    expect(errors(some)).toContain('SDJWT_CLAIM_MISSING /familyName');
    // A disclosed value the rulebook refuses (MC-IR-06), signed by the issuer.
    const bad = await issueSdJwtVcClaims({ vct: 'VerifiableMicroCredential', ...claims, notionalWorkload: { value: -3, unit: 'ECTS' } }, { key: key.privateJwk as never, issuer: ISS, disclosable: Object.keys(claims) });
    const r = await verifySdJwtVc(await presentSdJwtVc(bad, { disclose: 'all' }), { issuerKeys: [key.publicJwk], requireClaims: 'rulebook' });
    expect(codes(r)).toContain('SDJWT_WORKLOAD_INVALID');
    expect(r.verified).toBe(false);
  });

  it('typeMetadata: its vct, vct#integrity over the bytes, and its claim metadata', async () => {
    const key = await testKey('EdDSA');
    const metadata = createTypeMetadata();
    const bytes = new TextEncoder().encode(JSON.stringify(metadata));
    const claims = { vct: 'VerifiableMicroCredential', 'vct#integrity': await integrityOf(bytes), attestation_legal_category: 'non-qualified-EAA', ...MC_CLAIMS };
    const sdJwt = await issueSdJwtVcClaims(claims, { key: key.privateJwk as never, issuer: ISS, disclosable: Object.keys(MC_CLAIMS) });
    const ok = await verifySdJwtVc(sdJwt, { issuerKeys: [key.publicJwk], typeMetadata: bytes });
    expect(errors(ok)).toEqual([]);
    const changed = new TextEncoder().encode(JSON.stringify({ ...metadata, name: 'Changed' }));
    expect(errors(await verifySdJwtVc(sdJwt, { issuerKeys: [key.publicJwk], typeMetadata: changed }))).toEqual(['SDJWT_INTEGRITY_MISMATCH /payload/vct#integrity']);
    const asObject = await verifySdJwtVc(sdJwt, { issuerKeys: [key.publicJwk], typeMetadata: metadata });
    expect(asObject.issues.map((i) => [i.code, i.severity])).toEqual([['SDJWT_INTEGRITY_MISMATCH', 'warning']]);
    const otherType = await verifySdJwtVc(sdJwt, { issuerKeys: [key.publicJwk], typeMetadata: { ...metadata, vct: 'Other' } });
    expect(codes(otherType)).toContain('SDJWT_TYPE_METADATA_MISMATCH');
    // `title` is sd: always in the metadata: in the clear it is a mismatch.
    const { 'vct#integrity': _, ...unbound } = claims;
    const clear = await issueSdJwtVcClaims(unbound, { key: key.privateJwk as never, issuer: ISS, disclosable: Object.keys(MC_CLAIMS).filter((n) => n !== 'title') });
    const r = await verifySdJwtVc(clear, { issuerKeys: [key.publicJwk], typeMetadata: metadata });
    expect(errors(r)).toEqual(['SDJWT_TYPE_METADATA_MISMATCH /title']);
    // And a presentation that withholds mandatory claims is not refused for it (they may be behind digests).
    const partial = await verifySdJwtVc(await presentSdJwtVc(sdJwt, { disclose: ['title'] }), { issuerKeys: [key.publicJwk], typeMetadata: bytes });
    expect(errors(partial)).toEqual([]);
  });
});

describe('hostile input and options', () => {
  it('refuses what is not a presentation, without throwing', async () => {
    const inputs: unknown[] = [undefined, null, 42, {}, [], new Uint8Array(3), '', 'abc', 'a.b.c', 'a.b.c~', '~~~', '.~', `${'x'.repeat(10)}~`];
    for (const input of inputs) {
      const r = await verifySdJwtVc(input, { issuerKeys: [] });
      expect(r.verified, String(input)).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
      expect(r.issues.every((i) => i.code.startsWith('SDJWT_') && typeof i.path === 'string')).toBe(true);
    }
  });

  it('stops at the input limits quickly: 10 MB, thousands of ~, deep JSON', async () => {
    const started = Date.now();
    expect(codes(await verifySdJwtVc('a'.repeat(10 * 1024 * 1024), {}))).toEqual(['SDJWT_INPUT_LIMIT']);
    expect(codes(await verifySdJwtVc(`a.b.c${'~'.repeat(5000)}`, {}))).toEqual(['SDJWT_INPUT_LIMIT']);
    expect(codes(await verifySdJwtVc(`a.b.c${'~WyJhIiwiYiJd'.repeat(3000)}~`, {}))).toEqual(['SDJWT_INPUT_LIMIT']);
    const key = await testKey('ES256');
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { a: deep };
    const jwt = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt' }, { iss: ISS, vct: VCT, deep }, key);
    expect(codes(await verifySdJwtVc(sdJwtOf(jwt, []), { issuerKeys: [key.publicJwk], vct: VCT }))).toEqual(['SDJWT_INPUT_LIMIT']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports options that cannot be used, and never changes them', async () => {
    const { issuer, sdJwt } = await issued('ES256');
    const options = { issuerKeys: [issuer.publicJwk], vct: [VCT], now: new Date(), requireClaims: ['given_name'] };
    const copy = structuredClone(options);
    await verifySdJwtVc(await presentSdJwtVc(sdJwt, { disclose: 'all' }), options);
    expect(options).toEqual(copy);
    for (const bad of [{ now: new Date('x') }, { clockSkew: -1 }, { vct: 3 }, { nonce: 5 }, { trustAnchors: ['not a certificate'] }, { requireClaims: 'all' }, 'options']) {
      const r = await verifySdJwtVc(sdJwt, (typeof bad === 'object' ? { issuerKeys: [issuer.publicJwk], vct: VCT, ...bad } : bad) as never);
      expect(codes(r), JSON.stringify(bad)).toContain('SDJWT_OPTIONS_INVALID');
      expect(r.verified).toBe(false);
    }
    const throwing = new Proxy({}, { get: () => { throw new Error('boom'); } });
    const r = await verifySdJwtVc(sdJwt, throwing as never);
    expect(r.verified).toBe(false);
    expect(codes(r)).toEqual(['SDJWT_VERIFIER_FAILED']);
  });

  it('never throws on random changes to a presentation', async () => {
    const holder = await testKey('ES256');
    const { issuer, sdJwt } = await issued('ES256', holder);
    const presentation = await presentSdJwtVc(sdJwt, { disclose: 'all', holderKey: holder.privateJwk as never, audience: AUD, nonce: NONCE });
    const alphabet = 'AZaz09-_~.=+/ ';
    for (let n = 0; n < 200; n++) {
      const chars = [...presentation];
      const at = Math.floor(Math.random() * chars.length);
      chars[at] = alphabet[Math.floor(Math.random() * alphabet.length)]!;
      const changed = chars.join('');
      const r = await verifySdJwtVc(changed, { issuerKeys: [issuer.publicJwk], audience: AUD, nonce: NONCE, vct: VCT });
      if (changed !== presentation) expect(codes(r)).not.toContain('SDJWT_VERIFIER_FAILED');
    }
  });

});
