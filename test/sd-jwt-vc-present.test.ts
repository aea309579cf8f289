/**
 * Presentation of SD-JWT VCs (src/sd-jwt-vc/present.ts), checked from the outside: the disclosures
 * presented against the issued ones, the key-binding JWT with jose, `sd_hash` recomputed with
 * node:crypto over the exact presented SD-JWT, the whole presentation with the independent verifier.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { compactVerify, importJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueSdJwtVcClaims } from '../src/sd-jwt-vc/issue.js';
import { generateSdJwtVcKeyPair, type SdJwtVcAlg, type SdJwtVcJwk } from '../src/sd-jwt-vc/keys.js';
import { presentSdJwtVc } from '../src/sd-jwt-vc/present.js';
import { verifyIndependently } from './helpers/independent-sd-jwt.js';

const ISSUER = 'https://issuer.example.eu';
const AUDIENCE = 'https://employer.example';
const NONCE = 'n-0S6_WzA2Mj';
const NOW = new Date('2026-06-15T10:00:00Z');
const LATER = new Date('2026-06-15T10:02:00Z');
const b64json = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
const decoded = (d: string) => JSON.parse(Buffer.from(d, 'base64url').toString('utf8')) as unknown[];

const CLAIMS = {
  vct: 'https://credentials.example.com/identity_credential',
  given_name: 'Astrid',
  family_name: 'Holmgren',
  address: { street_address: 'Sjøgata 12', locality: 'Viken', country: 'ÆG' },
  nationalities: ['ÆG', 'SE'],
  is_over_18: true,
};
/** Every disclosable path, parents before children. */
const DISCLOSABLE: (string | number)[][] = [['given_name'], ['family_name'], ['address'], ['address', 'street_address'], ['address', 'locality'], ['nationalities', 0], ['nationalities', 1], ['is_over_18']];
const pointer = (p: (string | number)[]) => p.map((s) => `/${s}`).join('');

function split(presentation: string) {
  const parts = presentation.split('~');
  const kb = parts.pop()!;
  return { jwt: parts[0]!, disclosures: parts.slice(1), kb, presented: presentation.slice(0, presentation.length - kb.length) };
}

describe.each(['ES256', 'EdDSA'] as SdJwtVcAlg[])('presentSdJwtVc with a %s holder key', (alg) => {
  let issuer: { privateJwk: SdJwtVcJwk; publicJwk: SdJwtVcJwk };
  let holder: { privateJwk: SdJwtVcJwk; publicJwk: SdJwtVcJwk };
  let sdJwt: string;
  beforeAll(async () => {
    issuer = await generateSdJwtVcKeyPair('ES256');
    holder = await generateSdJwtVcKeyPair(alg);
    sdJwt = await issueSdJwtVcClaims(CLAIMS, { key: issuer.privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: NOW, disclosable: DISCLOSABLE, decoys: 2 });
  });

  it('presents exactly the chosen disclosures, with a key-binding JWT whose sd_hash is over the presented SD-JWT', async () => {
    const options = Object.freeze({ disclose: Object.freeze(['given_name', '/address/street_address', ['nationalities', 1]]), holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now: LATER });
    const presentation = await presentSdJwtVc(sdJwt, options);
    const { jwt, disclosures, kb, presented } = split(presentation);
    expect(jwt).toBe(sdJwt.split('~')[0]);
    const issued = sdJwt.split('~').slice(1, -1);
    for (const d of disclosures) expect(issued).toContain(d);
    // The street address needs its parent: address; nothing else.
    const shown = disclosures.map((d) => decoded(d)).map((a) => (a.length === 3 ? a[1] : a[1]));
    expect(shown.toSorted()).toEqual(['SE', 'address', 'given_name', 'street_address'].toSorted());
    // In the order they were issued.
    expect(disclosures).toEqual(issued.filter((d) => disclosures.includes(d)));

    const { payload, protectedHeader } = await compactVerify(kb, await importJWK(holder.publicJwk as JWK, alg));
    expect(protectedHeader).toEqual({ typ: 'kb+jwt', alg });
    const kbPayload = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    expect(kbPayload).toEqual({
      iat: Math.floor(LATER.getTime() / 1000),
      aud: AUDIENCE,
      nonce: NONCE,
      sd_hash: createHash('sha256').update(presented, 'ascii').digest('base64url'),
    });
    expect(presented.endsWith('~')).toBe(true);

    const result = await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk as JWK, audience: AUDIENCE, nonce: NONCE, now: LATER });
    expect(result.errors).toEqual([]);
    expect(result.claims).toEqual({ vct: CLAIMS.vct, iss: ISSUER, iat: Math.floor(NOW.getTime() / 1000), cnf: { jwk: holder.publicJwk }, given_name: 'Astrid', address: { street_address: 'Sjøgata 12', country: 'ÆG' }, nationalities: ['SE'] });
    expect(result.undisclosed).toBe(2 + 4); // the decoys, family_name, is_over_18, locality, nationalities[0]
  });

  it("presents every disclosure with 'all', and none (only the key-binding JWT) with []", async () => {
    const all = split(await presentSdJwtVc(sdJwt, { disclose: 'all', holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now: LATER }));
    expect(all.disclosures).toEqual(sdJwt.split('~').slice(1, -1));
    const none = split(await presentSdJwtVc(sdJwt, { disclose: [], holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now: LATER }));
    expect(none.disclosures).toEqual([]);
    expect(none.presented).toBe(`${none.jwt}~`);
    const result = await verifyIndependently(`${none.presented}${none.kb}`, { issuerKeys: issuer.publicJwk as JWK, audience: AUDIENCE, nonce: NONCE, now: LATER });
    expect(result.errors).toEqual([]);
    expect(result.claims).toEqual({ vct: CLAIMS.vct, iss: ISSUER, iat: Math.floor(NOW.getTime() / 1000), cnf: { jwk: holder.publicJwk }, nationalities: [] });
  });

  it('reveals exactly any subset of the disclosable claims it is asked for (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray(DISCLOSABLE), async (chosen) => {
        const presentation = await presentSdJwtVc(sdJwt, { disclose: chosen, holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now: LATER });
        const result = await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk as JWK, audience: AUDIENCE, nonce: NONCE, now: LATER });
        expect(result.errors).toEqual([]);
        // What is revealed: the chosen paths and the parents they need; indexes as the holder counts them.
        const needed = new Set(chosen.flatMap((p) => (p[0] === 'address' && p.length === 2 ? ['/address', pointer(p)] : [pointer(p)])));
        const revealedAs = (p: string) => (p.startsWith('/nationalities/') ? `/nationalities/${CLAIMS.nationalities[Number(p.split('/')[2])]}` : p);
        const disclosed = result.disclosed.map((p) => (p.startsWith('/nationalities/') ? `/nationalities/${(result.claims!.nationalities as string[])[Number(p.split('/')[2])]}` : p));
        expect(disclosed.toSorted()).toEqual([...needed].map(revealedAs).toSorted());
      }),
      { numRuns: 25 },
    );
  });

  it('refuses to present without the holder key, with another key, or without audience and nonce', async () => {
    const stranger = await generateSdJwtVcKeyPair(alg);
    await expect(presentSdJwtVc(sdJwt, { disclose: ['given_name'], audience: AUDIENCE, nonce: NONCE })).rejects.toThrow(/holderKey is required/);
    await expect(presentSdJwtVc(sdJwt, { disclose: ['given_name'], holderKey: stranger.privateJwk, audience: AUDIENCE, nonce: NONCE })).rejects.toThrow(/not the key the SD-JWT is bound to/);
    await expect(presentSdJwtVc(sdJwt, { disclose: ['given_name'], holderKey: holder.privateJwk, nonce: NONCE })).rejects.toThrow(/audience/);
    await expect(presentSdJwtVc(sdJwt, { disclose: ['given_name'], holderKey: holder.privateJwk, audience: AUDIENCE })).rejects.toThrow(/nonce/);
  });

  it('names the path it has no disclosure for', async () => {
    const base = { holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE };
    await expect(presentSdJwtVc(sdJwt, { ...base, disclose: ['/address/postal_code'] })).rejects.toThrow(/\/address\/postal_code/);
    await expect(presentSdJwtVc(sdJwt, { ...base, disclose: ['iss'] })).rejects.toThrow(/disclose \/iss: the SD-JWT has no disclosure/);
    await expect(presentSdJwtVc(sdJwt, { ...base, disclose: [['nationalities', 5]] })).rejects.toThrow(/nationalities/);
  });
});

describe('presentSdJwtVc without holder binding, and misuse', () => {
  it('signs with WebCrypto keys: a non-extractable issuer key pair, an extractable public holder key for cnf, its private key for key binding', async () => {
    const subtle = globalThis.crypto.subtle;
    const issuer = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const holder = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    const sdJwt = await issueSdJwtVcClaims(CLAIMS, { key: issuer, issuer: ISSUER, holderKey: holder.publicKey, now: NOW, disclosable: DISCLOSABLE });
    const holderJwk = await subtle.exportKey('jwk', holder.publicKey);
    expect(b64json(sdJwt.split('.')[1]!).cnf).toEqual({ jwk: { kty: 'OKP', crv: 'Ed25519', x: holderJwk.x } });
    const presentation = await presentSdJwtVc(sdJwt, { disclose: ['given_name'], holderKey: holder.privateKey, audience: AUDIENCE, nonce: NONCE, now: NOW });
    const { payload } = await compactVerify(split(presentation).kb, await importJWK(holderJwk as JWK, 'EdDSA'));
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ aud: AUDIENCE, nonce: NONCE });
    // The issuer key is not extractable: its signature checked with the public CryptoKey through jose.
    await compactVerify(split(presentation).jwt, issuer.publicKey);
    await expect(presentSdJwtVc(sdJwt, { disclose: [], holderKey: holder.publicKey as never, audience: AUDIENCE, nonce: NONCE })).rejects.toThrow(/private/);
  });

  it('presents an SD-JWT without cnf with no key-binding JWT, and refuses a holder key, audience or nonce for it', async () => {
    const issuer = await generateSdJwtVcKeyPair('EdDSA');
    const holder = await generateSdJwtVcKeyPair('EdDSA');
    const sdJwt = await issueSdJwtVcClaims(CLAIMS, { key: issuer.privateJwk, issuer: ISSUER, now: NOW, disclosable: DISCLOSABLE });
    const presentation = await presentSdJwtVc(sdJwt, { disclose: ['family_name'] });
    expect(presentation.endsWith('~')).toBe(true);
    expect(split(presentation).disclosures.map((d) => decoded(d)[1])).toEqual(['family_name']);
    const result = await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk as JWK, now: NOW });
    expect(result.errors).toEqual([]);
    await expect(presentSdJwtVc(sdJwt, { disclose: [], holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE })).rejects.toThrow(/no cnf/);
    await expect(presentSdJwtVc(sdJwt, { disclose: [], nonce: NONCE })).rejects.toThrow(/no cnf/);
  });

  it('refuses what is not an SD-JWT as issued', async () => {
    const issuer = await generateSdJwtVcKeyPair('ES256');
    const holder = await generateSdJwtVcKeyPair('ES256');
    const sdJwt = await issueSdJwtVcClaims(CLAIMS, { key: issuer.privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: NOW });
    const presentation = await presentSdJwtVc(sdJwt, { disclose: 'all', holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE });
    await expect(presentSdJwtVc(presentation, { disclose: 'all', holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE })).rejects.toThrow(/key-binding JWT/);
    await expect(presentSdJwtVc('not an sd-jwt', { disclose: 'all' })).rejects.toThrow(TypeError);
    await expect(presentSdJwtVc('a.b~', { disclose: 'all' })).rejects.toThrow(TypeError);
    await expect(presentSdJwtVc(sdJwt, {} as never)).rejects.toThrow(/disclose/);
    expect(b64json(sdJwt.split('.')[0]!).typ).toBe('dc+sd-jwt');
  });
});
