/**
 * Issuance of SD-JWT VCs (src/sd-jwt-vc/issue.ts, issue/micro-credential.ts) and the keys it signs
 * with (keys.ts), checked from the outside: the JWS with jose, digests with node:crypto, the whole
 * SD-JWT with the independent verifier (test/helpers/independent-sd-jwt.ts), never with the
 * library's own decoder.
 */
import { compactVerify, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueSdJwtVcClaims } from '../src/sd-jwt-vc/issue.js';
import { issueSdJwtVc, SdJwtVcIssuanceError } from '../src/sd-jwt-vc/issue/micro-credential.js';
import { createJwtVcIssuerMetadata, jwtVcIssuerMetadataUrl } from '../src/sd-jwt-vc/issuer-metadata.js';
import { createSdJwtVcSigner, createSdJwtVcVerifier, generateSdJwtVcKeyPair, jwkThumbprint, sdJwtVcHasher, type SdJwtVcAlg } from '../src/sd-jwt-vc/keys.js';
import { NEVER_DISCLOSABLE, RULEBOOK_CLAIM } from '../src/sd-jwt-vc/rulebook.js';
import { validFixtures } from './helpers/fixtures.js';
import { digestOf, verifyIndependently } from './helpers/independent-sd-jwt.js';
import { ATTR, certificate, keys as pkiKeys } from './helpers/pki.js';

const ISSUER = 'https://issuer.example.eu';
const NOW = new Date('2026-06-15T10:00:00Z');
const iatOf = (d: Date) => Math.floor(d.getTime() / 1000);
const b64json = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;

interface Parsed {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** Each disclosure: its encoded form, digest (node:crypto) and decoded array. */
  disclosures: { encoded: string; digest: string; array: unknown[] }[];
  kb: string;
}

function parse(compact: string): Parsed {
  const parts = compact.split('~');
  const kb = parts.pop()!;
  const [jwt, ...ds] = parts;
  const [h, p] = jwt!.split('.');
  return {
    header: b64json(h!),
    payload: b64json(p!),
    disclosures: ds.map((encoded) => ({ encoded, digest: digestOf(encoded), array: JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown[] })),
    kb,
  };
}

/** Every digest referenced from `_sd` arrays and `...` elements, in the payload and inside disclosures. */
function referencedDigests(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencedDigests(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '_sd' && Array.isArray(v)) out.push(...(v as string[]));
      else if (k === '...' && typeof v === 'string') out.push(v);
      else referencedDigests(v, out);
    }
  }
  return out;
}

const claims = () => ({
  vct: 'https://credentials.example.com/identity_credential',
  given_name: 'Astrid',
  family_name: 'Holmgren',
  address: { street_address: 'Sjøgata 12', locality: 'Viken', country: 'ÆG' },
  nationalities: ['ÆG', 'SE'],
  is_over_18: true,
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe.each(['ES256', 'EdDSA'] as SdJwtVcAlg[])('issueSdJwtVcClaims with %s', (alg) => {
  it('signs a dc+sd-jwt whose every disclosure is referenced and whose claims read back as given', async () => {
    const issuer = await generateSdJwtVcKeyPair(alg);
    const holder = await generateSdJwtVcKeyPair(alg === 'ES256' ? 'EdDSA' : 'ES256');
    const input = deepFreeze(claims());
    const before = JSON.stringify(input);
    const options = deepFreeze({ key: issuer.privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: NOW, disclosable: ['given_name', 'family_name', '/address/street_address', ['nationalities', 1], 'address'] });
    const sdJwt = await issueSdJwtVcClaims(input, options);
    expect(JSON.stringify(input)).toBe(before);

    // The JWS verifies with jose and the issuer's public key.
    const jwt = sdJwt.split('~')[0]!;
    const { protectedHeader } = await compactVerify(jwt, await importJWK(issuer.publicJwk as JWK, alg));
    expect(protectedHeader).toEqual({ typ: 'dc+sd-jwt', alg, kid: issuer.publicJwk.kid });
    expect(issuer.publicJwk.kid).toBe(await jwkThumbprint(issuer.publicJwk));

    const { payload, disclosures, kb } = parse(sdJwt);
    expect(kb).toBe('');
    expect(payload).toMatchObject({ iss: ISSUER, iat: iatOf(NOW), vct: input.vct, _sd_alg: 'sha-256', is_over_18: true });
    // cnf is the holder's public key, nothing more.
    expect(payload.cnf).toEqual({ jwk: holder.publicJwk });
    expect(JSON.stringify(payload.cnf)).not.toContain('"d"');
    // Exactly the five chosen disclosures; each digest referenced exactly once.
    expect(disclosures).toHaveLength(5);
    const refs = referencedDigests([payload, ...disclosures.map((d) => d.array)]);
    for (const d of disclosures) expect(refs.filter((r) => r === d.digest), d.encoded).toHaveLength(1);
    const names = disclosures.map((d) => (d.array.length === 3 ? d.array[1] : `[${JSON.stringify(d.array[1])}]`)).sort();
    expect(names).toEqual(['["SE"]', 'address', 'family_name', 'given_name', 'street_address']);
    for (const name of ['given_name', 'family_name', 'address']) expect(payload).not.toHaveProperty(name);
    expect((payload._sd as string[]).length).toBe(3);
    // Salts: 128 bits, base64url, all different.
    const salts = disclosures.map((d) => d.array[0] as string);
    expect(new Set(salts).size).toBe(salts.length);
    for (const s of salts) expect(Buffer.from(s, 'base64url')).toHaveLength(16);

    const independent = await verifyIndependently(sdJwt, { issuerKeys: issuer.publicJwk as JWK, now: NOW, requireKeyBinding: false });
    expect(independent.errors).toEqual([]);
    expect(independent.claims).toEqual({ ...input, iss: ISSUER, iat: iatOf(NOW), cnf: { jwk: holder.publicJwk } });
    expect(independent.disclosed.toSorted()).toEqual(['/address', '/address/street_address', '/family_name', '/given_name', '/nationalities/1']);
  });

  it('adds the decoys asked for, as digests with no disclosure', async () => {
    const issuer = await generateSdJwtVcKeyPair(alg);
    for (const decoys of [0, 1, 7]) {
      const sdJwt = await issueSdJwtVcClaims(claims(), { key: issuer.privateJwk, issuer: ISSUER, now: NOW, disclosable: ['given_name', 'family_name'], decoys });
      const { payload, disclosures } = parse(sdJwt);
      const sd = payload._sd as string[];
      expect(sd).toHaveLength(2 + decoys);
      expect(new Set(sd).size).toBe(sd.length);
      expect(sd.filter((d) => !disclosures.some((x) => x.digest === d))).toHaveLength(decoys);
      expect(sd).toEqual(sd.toSorted());
      const independent = await verifyIndependently(sdJwt, { issuerKeys: issuer.publicJwk as JWK, now: NOW });
      expect(independent.errors).toEqual([]);
      expect(independent.undisclosed).toBe(decoys);
    }
    await expect(issueSdJwtVcClaims(claims(), { key: issuer.privateJwk, issuer: ISSUER, decoys: -1 })).rejects.toThrow(TypeError);
  });
});

describe('issueSdJwtVcClaims: what is never disclosable, and misuse', () => {
  it('writes no _sd and no _sd_alg when nothing is disclosable', async () => {
    const { privateJwk, publicJwk } = await generateSdJwtVcKeyPair('ES256');
    const sdJwt = await issueSdJwtVcClaims(claims(), { key: privateJwk, issuer: ISSUER, now: NOW, disclosable: [] });
    const { payload, disclosures } = parse(sdJwt);
    expect(disclosures).toEqual([]);
    expect(sdJwt.split('~')).toHaveLength(2);
    expect(payload).not.toHaveProperty('_sd');
    expect(payload).not.toHaveProperty('_sd_alg');
    expect((await verifyIndependently(sdJwt, { issuerKeys: publicJwk as JWK, now: NOW })).errors).toEqual([]);
  });

  it('by default hides every top-level claim but the never-disclosable ones, which stay in the clear', async () => {
    const { privateJwk } = await generateSdJwtVcKeyPair('EdDSA');
    const status = { status_list: { idx: 412, uri: 'https://issuer.example.eu/status/1' } };
    const sdJwt = await issueSdJwtVcClaims(
      { ...claims(), attestation_legal_category: 'non-qualified-EAA' },
      { key: privateJwk, issuer: ISSUER, now: NOW, status, jti: 'urn:uuid:5d0e5d2a-9d44-4a43-a4f4-3f8a1c1f3f10', notBefore: NOW, expiresAt: '2030-01-01T00:00:00Z', trustAnchor: 'https://trust.example.eu', cryptographicallyBoundTo: 'urn:eudi:pid:1' },
    );
    const { payload, disclosures } = parse(sdJwt);
    const disclosedNames = disclosures.map((d) => d.array[1]);
    expect(disclosedNames.toSorted()).toEqual(['address', 'family_name', 'given_name', 'is_over_18', 'nationalities']);
    for (const never of NEVER_DISCLOSABLE) expect(disclosedNames).not.toContain(never);
    expect(payload).toMatchObject({ status, jti: 'urn:uuid:5d0e5d2a-9d44-4a43-a4f4-3f8a1c1f3f10', nbf: iatOf(NOW), exp: iatOf(new Date('2030-01-01T00:00:00Z')), trust_anchor: 'https://trust.example.eu', cryptographically_bound_to: 'urn:eudi:pid:1', attestation_legal_category: 'non-qualified-EAA', vct: claims().vct });
  });

  it('refuses to make a never-disclosable claim, or anything inside one, disclosable', async () => {
    const { privateJwk } = await generateSdJwtVcKeyPair('ES256');
    const status = { status_list: { idx: 1, uri: 'https://issuer.example.eu/status/1' } };
    for (const path of ['iss', 'vct', 'iat', '/status/status_list', ['status', 'status_list', 'idx'], 'cnf', 'attestation_legal_category']) {
      const input = { ...claims(), attestation_legal_category: 'non-qualified-EAA' };
      const holderKey = (await generateSdJwtVcKeyPair('ES256')).publicJwk;
      await expect(issueSdJwtVcClaims(input, { key: privateJwk, issuer: ISSUER, status, holderKey, disclosable: [path] }), JSON.stringify(path)).rejects.toThrow(/never be selectively disclosable/);
    }
  });

  it('refuses paths that are not in the claims, naming them', async () => {
    const { privateJwk } = await generateSdJwtVcKeyPair('ES256');
    await expect(issueSdJwtVcClaims(claims(), { key: privateJwk, issuer: ISSUER, disclosable: ['/address/postal_code'] })).rejects.toThrow(/\/address\/postal_code/);
    await expect(issueSdJwtVcClaims(claims(), { key: privateJwk, issuer: ISSUER, disclosable: [['nationalities', 2]] })).rejects.toThrow(/nationalities/);
  });

  it('refuses a private holder key, naming "d", and issuing without a key or an issuer', async () => {
    const { privateJwk } = await generateSdJwtVcKeyPair('ES256');
    const holder = await generateSdJwtVcKeyPair('ES256');
    await expect(issueSdJwtVcClaims(claims(), { key: privateJwk, issuer: ISSUER, holderKey: holder.privateJwk })).rejects.toThrow(/holderKey.*"d"/);
    await expect(issueSdJwtVcClaims(claims(), { issuer: ISSUER } as never)).rejects.toThrow(TypeError);
    await expect(issueSdJwtVcClaims(claims(), { key: holder.publicJwk, issuer: ISSUER })).rejects.toThrow(/private/);
    await expect(issueSdJwtVcClaims(claims(), { key: privateJwk })).rejects.toThrow(/issuer/);
    await expect(issueSdJwtVcClaims({ given_name: 'A' }, { key: privateJwk, issuer: ISSUER })).rejects.toThrow(/vct/);
    await expect(issueSdJwtVcClaims(claims(), { key: privateJwk, issuer: ISSUER, vct: 'urn:other' })).rejects.toThrow(/vct/);
    await expect(issueSdJwtVcClaims({ ...claims(), _sd: [] }, { key: privateJwk, issuer: ISSUER })).rejects.toThrow(/reserved/);
    await expect(issueSdJwtVcClaims(claims(), { key: privateJwk, issuer: ISSUER, now: NOW, expiresAt: new Date(NOW.getTime() - 1000) })).rejects.toThrow(/expired/);
  });

  it('puts the issuer certificate chain in x5c (base64 DER, leaf first) when it certifies the signing key, and refuses one that does not', async () => {
    const pair = pkiKeys('p256', 7);
    const other = pkiKeys('p256', 8);
    const leaf = certificate({ subject: [[ATTR.CN, 'issuer.example.eu']], issuer: [[ATTR.CN, 'Test CA']], publicKey: pair.publicKey, signingKey: other.privateKey, alg: 'ecdsa-sha256' });
    const ca = certificate({ subject: [[ATTR.CN, 'Test CA']], issuer: [[ATTR.CN, 'Test CA']], publicKey: other.publicKey, signingKey: other.privateKey, alg: 'ecdsa-sha256' });
    const key = pair.privateKey.export({ format: 'jwk' }) as JWK;
    const sdJwt = await issueSdJwtVcClaims(claims(), { key: key as never, x5c: [new Uint8Array(leaf), ca.toString('base64')], now: NOW });
    const { header, payload } = parse(sdJwt);
    expect(header.x5c).toEqual([leaf.toString('base64'), ca.toString('base64')]);
    expect(payload).not.toHaveProperty('iss');
    const wrongKey = other.privateKey.export({ format: 'jwk' }) as JWK;
    await expect(issueSdJwtVcClaims(claims(), { key: wrongKey as never, x5c: [leaf] })).rejects.toThrow(/another key/);
    await expect(issueSdJwtVcClaims(claims(), { key: key as never, x5c: ['AAAA'] })).rejects.toThrow(/x5c\[0\]/);
  });
});

describe('keys', () => {
  it('sign and verify across ES256 and EdDSA, and a verifier says false (never throws) for a wrong or malformed signature', async () => {
    for (const alg of ['ES256', 'EdDSA'] as const) {
      const { privateJwk, publicJwk } = await generateSdJwtVcKeyPair(alg);
      const { signer } = await createSdJwtVcSigner(privateJwk);
      const verifier = await createSdJwtVcVerifier(publicJwk);
      const sig = await signer('a.b');
      expect(await verifier('a.b', sig)).toBe(true);
      expect(await verifier('a.c', sig)).toBe(false);
      expect(await verifier('a.b', 'not base64url!')).toBe(false);
      expect(await verifier('a.b', sig.slice(0, -4))).toBe(false);
      expect(await (await createSdJwtVcVerifier(publicJwk, alg === 'ES256' ? 'EdDSA' : 'ES256'))('a.b', sig)).toBe(false);
    }
  });

  it('hash with sha-256, sha-384 and sha-512 as node:crypto does, and refuse other algorithms', async () => {
    const { createHash } = await import('node:crypto');
    for (const [alg, node] of [['sha-256', 'sha256'], ['sha-384', 'sha384'], ['sha-512', 'sha512']] as const) {
      expect(Buffer.from(await sdJwtVcHasher('WyJzYWx0IiwgIsOGIl0', alg)).toString('hex')).toBe(createHash(node).update('WyJzYWx0IiwgIsOGIl0').digest('hex'));
    }
    await expect(sdJwtVcHasher('x', 'md5')).rejects.toThrow(/unsupported/);
  });

  it('compute the RFC 7638 thumbprint of its example key', async () => {
    // RFC 7638 §3.1 is an RSA key; this is the same computation on the draft example issuer key, checked with jose.
    const { calculateJwkThumbprint } = await import('jose');
    const jwk = { kty: 'EC', crv: 'P-256', x: 'b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ', y: 'Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8' };
    expect(await jwkThumbprint(jwk)).toBe(await calculateJwkThumbprint(jwk as JWK));
  });
});

describe('issueSdJwtVc (a micro-credential, the rulebook)', () => {
  const mc = validFixtures.find((f) => f.name === 'higher-education')!.doc;

  it('makes every rulebook claim with sd always or allowed disclosable, and the rest clear', async () => {
    const { privateJwk, publicJwk } = await generateSdJwtVcKeyPair('ES256');
    const holder = await generateSdJwtVcKeyPair('ES256');
    const before = JSON.stringify(mc);
    const sdJwt = await issueSdJwtVc(mc, { key: privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: NOW });
    expect(JSON.stringify(mc)).toBe(before);
    const { header, payload, disclosures } = parse(sdJwt);
    expect(header.typ).toBe('dc+sd-jwt');
    expect(payload).toMatchObject({ vct: 'VerifiableMicroCredential', iss: ISSUER, iat: iatOf(NOW), _sd_alg: 'sha-256', attestation_legal_category: 'non-qualified-EAA', cnf: { jwk: holder.publicJwk } });
    const disclosed = disclosures.map((d) => d.array[1] as string);
    for (const name of disclosed) expect(['always', 'allowed'], name).toContain(RULEBOOK_CLAIM.get(name)?.sd);
    for (const name of Object.keys(payload)) if (!['_sd', '_sd_alg'].includes(name)) expect(RULEBOOK_CLAIM.get(name)?.sd ?? 'never', name).toBe('never');
    const always = [...RULEBOOK_CLAIM.values()].filter((c) => c.sd === 'always').map((c) => c.name);
    for (const name of always) expect(disclosed, name).toContain(name);
    const independent = await verifyIndependently(sdJwt, { issuerKeys: publicJwk as JWK, now: NOW, requireKeyBinding: false });
    expect(independent.errors).toEqual([]);
  });

  it('refuses a disclosable list that leaves out a claim the rulebook says must be disclosable', async () => {
    const { privateJwk } = await generateSdJwtVcKeyPair('ES256');
    await expect(issueSdJwtVc(mc, { key: privateJwk, issuer: ISSUER, disclosable: ['title'] })).rejects.toThrow(/MUST be selectively disclosable/);
  });

  it('throws SdJwtVcIssuanceError with issues for a model it cannot map', async () => {
    const { privateJwk } = await generateSdJwtVcKeyPair('ES256');
    const error = await issueSdJwtVc({ title: 'no learner, no issuer' }, { key: privateJwk, issuer: ISSUER }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdJwtVcIssuanceError);
    expect((error as SdJwtVcIssuanceError).code).toBe('ERR_SDJWT_ISSUE');
    expect((error as SdJwtVcIssuanceError).issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('takes exp from furtherInformation.validUntil, and refuses one before issuance', async () => {
    const { privateJwk } = await generateSdJwtVcKeyPair('ES256');
    const validUntil = '2031-12-31T23:59:59Z';
    const withValidity = { ...(mc as object), furtherInformation: { ...(mc as { furtherInformation?: object }).furtherInformation, validUntil } };
    const { payload } = parse(await issueSdJwtVc(withValidity, { key: privateJwk, issuer: ISSUER, now: NOW }));
    expect(payload.exp).toBe(iatOf(new Date(validUntil)));
    const error = await issueSdJwtVc(withValidity, { key: privateJwk, issuer: ISSUER, now: new Date('2032-01-01T00:00:00Z') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdJwtVcIssuanceError);
  });
});

describe('createJwtVcIssuerMetadata', () => {
  it('publishes the public keys by kid, and the keys find the issuer of an SD-JWT VC signed with kid', async () => {
    const es = await generateSdJwtVcKeyPair('ES256');
    const ed = await generateSdJwtVcKeyPair('EdDSA', { kid: 'ed-2026' });
    const keys = deepFreeze([es.publicJwk, ed.publicJwk]);
    const metadata = createJwtVcIssuerMetadata({ issuer: ISSUER, keys });
    expect(metadata).toEqual({ issuer: ISSUER, jwks: { keys: [es.publicJwk, ed.publicJwk] } });
    expect(metadata.jwks.keys[0]).not.toBe(es.publicJwk);
    const sdJwt = await issueSdJwtVcClaims(claims(), { key: ed.privateJwk, issuer: metadata.issuer, now: NOW });
    expect(parse(sdJwt).header.kid).toBe('ed-2026');
    const independent = await verifyIndependently(sdJwt, { issuerKeys: metadata.jwks.keys as JWK[], now: NOW });
    expect(independent.errors).toEqual([]);
  });

  it('refuses private keys (naming the member), keys without kid or with the same kid, and issuers that are not https URLs without query', async () => {
    const { privateJwk, publicJwk } = await generateSdJwtVcKeyPair('ES256');
    expect(() => createJwtVcIssuerMetadata({ issuer: ISSUER, keys: [privateJwk] })).toThrow(/"d"/);
    expect(() => createJwtVcIssuerMetadata({ issuer: ISSUER, keys: [{ ...publicJwk, kid: undefined }] })).toThrow(/kid/);
    expect(() => createJwtVcIssuerMetadata({ issuer: ISSUER, keys: [publicJwk, { ...publicJwk }] })).toThrow(/twice/);
    expect(() => createJwtVcIssuerMetadata({ issuer: ISSUER, keys: [] })).toThrow(TypeError);
    expect(() => createJwtVcIssuerMetadata({ issuer: ISSUER, keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 's' }] })).toThrow(TypeError);
    for (const issuer of ['http://issuer.example.eu', 'https://issuer.example.eu/?a=1', 'https://issuer.example.eu#x', 'issuer.example.eu', 'https://u:p@issuer.example.eu']) {
      expect(() => createJwtVcIssuerMetadata({ issuer, keys: [publicJwk] }), issuer).toThrow(TypeError);
    }
  });

  it("says where to publish it, as the draft's two examples do", () => {
    expect(jwtVcIssuerMetadataUrl('https://example.com')).toBe('https://example.com/.well-known/jwt-vc-issuer');
    expect(jwtVcIssuerMetadataUrl('https://example.com/tenant/1234')).toBe('https://example.com/.well-known/jwt-vc-issuer/tenant/1234');
    expect(jwtVcIssuerMetadataUrl('https://example.com/tenant/1234/')).toBe('https://example.com/.well-known/jwt-vc-issuer/tenant/1234');
  });
});
