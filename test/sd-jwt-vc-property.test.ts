/**
 * Properties of selective disclosure (fast-check):
 * - any subset of a micro-credential's disclosable claims, presented (in any of the three path
 *   spellings) with a key-binding JWT, verifies with `verifySdJwtVc`, which reveals exactly that
 *   subset: the disclosed names are the subset, the undisclosed never appear; the independent
 *   verifier (test/helpers/independent-sd-jwt.ts) sees the same;
 * - the same over the fixtures the mapping accepts, issued afresh with ES256 or EdDSA;
 * - a single character changed anywhere in a presentation (with or without key binding) never
 *   verifies.
 * The disclosable names come from the independent verifier's reading of the SD-JWT, not from the
 * library.
 */
import fc from 'fast-check';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { issueSdJwtVc, MANDATORY_ATTRIBUTES, presentSdJwtVc, toSdJwtVcClaims, verifySdJwtVc } from './helpers/sd-jwt-vc-api.js';
import { validFixtures } from './helpers/fixtures.js';
import { verifyIndependently } from './helpers/independent-sd-jwt.js';

type Alg = 'ES256' | 'EdDSA';
const ISSUER = 'https://issuer.example.eu';
const AUDIENCE = 'https://employer.example.eu';
const NONCE = 'nonce-7f3a';
const issuedAt = new Date('2026-03-01T10:00:00Z');
const now = new Date('2026-03-01T10:01:00Z');
const RUNS = { numRuns: 60 };

type Jwk = JWK & { kty: string };
async function keyPair(alg: Alg): Promise<{ privateJwk: Jwk; publicJwk: Jwk }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { privateJwk: (await exportJWK(privateKey)) as Jwk, publicJwk: (await exportJWK(publicKey)) as Jwk };
}

type Spelling = 'name' | 'pointer' | 'array';
const spell = (name: string, how: Spelling) => (how === 'name' ? name : how === 'pointer' ? `/${name}` : [name]);

const keys: Partial<Record<Alg, { issuer: { privateJwk: Jwk; publicJwk: Jwk }; holder: { privateJwk: Jwk; publicJwk: Jwk } }>> = {};
const issuable = validFixtures
  .map((f) => ({ name: f.name, mc: { id: `urn:uuid:00000000-0000-4000-8000-00000000${String(validFixtures.indexOf(f)).padStart(4, '0')}`, ...(structuredClone(f.doc) as object) } as MicroCredential }))
  .filter((f) => toSdJwtVcClaims(f.mc).ok);

/** The top-level names behind a disclosure in `sdJwt`, as the independent verifier reads them. */
async function disclosableNames(sdJwt: string, issuerKey: JWK): Promise<string[]> {
  const all = await verifyIndependently(sdJwt, { issuerKeys: issuerKey, now, requireKeyBinding: false });
  if (!all.ok) throw new Error(`the independent verifier refuses the issued SD-JWT: ${all.errors.join(', ')}`);
  return all.disclosed.filter((p) => p.split('/').length === 2).map((p) => p.slice(1));
}

/** Presents `subset` and checks both verifiers reveal exactly it. */
async function presentAndCheck(sdJwt: string, names: string[], subset: string[], how: Spelling, alg: Alg) {
  const { issuer, holder } = keys[alg]!;
  const presentation = await presentSdJwtVc(sdJwt, { disclose: subset.map((n) => spell(n, how)), holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now });
  const result = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUDIENCE, nonce: NONCE, now });
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(result.verified).toBe(true);
  expect(result.disclosed.toSorted()).toEqual(subset.map((n) => `/${n}`).toSorted());
  for (const name of names) expect(Object.hasOwn(result.claims, name), name).toBe(subset.includes(name));
  expect(presentation.split('~').length - 2).toBe(subset.length);
  const independent = await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now });
  expect(independent.errors).toEqual([]);
  expect(independent.claims).toEqual(result.claims);
}

beforeAll(async () => {
  for (const alg of ['ES256', 'EdDSA'] as const) keys[alg] = { issuer: await keyPair(alg), holder: await keyPair(alg) };
});

describe('any subset of the disclosures verifies and reveals exactly that subset', () => {
  let sdJwt: string;
  let names: string[];
  beforeAll(async () => {
    const mc = issuable.find((f) => f.name === 'every-optional-element')!.mc;
    sdJwt = await issueSdJwtVc(mc, { key: keys.ES256!.issuer.privateJwk, issuer: ISSUER, holderKey: keys.ES256!.holder.publicJwk, now: issuedAt, decoys: 2 });
    names = await disclosableNames(sdJwt, keys.ES256!.issuer.publicJwk);
  });

  it('has many disclosable claims to choose from', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it('every-optional-element, ES256, every path spelling', async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(names), fc.constantFrom<Spelling>('name', 'pointer', 'array'), (subset, how) => presentAndCheck(sdJwt, names, subset, how, 'ES256')),
      RUNS,
    );
  });

  it('the fixtures the mapping accepts, issued afresh with ES256 or EdDSA', async () => {
    expect(issuable.length).toBeGreaterThanOrEqual(3);
    const arbitrary = fc
      .record({ fixture: fc.constantFrom(...issuable), alg: fc.constantFrom<Alg>('ES256', 'EdDSA'), pick: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }) });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ fixture, alg, pick }) => {
        const { issuer, holder } = keys[alg]!;
        const issued = await issueSdJwtVc(fixture.mc, { key: issuer.privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: issuedAt });
        const all = await disclosableNames(issued, issuer.publicJwk);
        await presentAndCheck(issued, all, all.filter((_, i) => pick[i % pick.length]), 'array', alg);
      }),
      { numRuns: 40 },
    );
  });
});

describe('generated micro-credentials (test/helpers/arbitraries.ts)', () => {
  it('any subset verifies; with requireClaims "rulebook", exactly the withheld mandatory claims are reported missing', async () => {
    const convertible = validMicroCredential.filter((mc) => toSdJwtVcClaims(mc).ok);
    const arbitrary = fc.tuple(convertible, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }));
    const { issuer, holder } = keys.ES256!;
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([mc, pick]) => {
        const sdJwt = await issueSdJwtVc(mc, { key: issuer.privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: issuedAt, expiresAt: new Date('2027-03-01T00:00:00Z') });
        const names = await disclosableNames(sdJwt, issuer.publicJwk);
        const subset = names.filter((_, i) => pick[i % pick.length]);
        await presentAndCheck(sdJwt, names, subset, 'name', 'ES256');
        const presentation = await presentSdJwtVc(sdJwt, { disclose: subset, holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now });
        const strict = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUDIENCE, nonce: NONCE, now, requireClaims: 'rulebook' });
        const withheld = MANDATORY_ATTRIBUTES.filter((n) => !subset.includes(n)).map((n) => `/${n}`);
        const missing = strict.issues.filter((i) => i.code === 'SDJWT_CLAIM_MISSING').map((i) => i.path);
        expect(missing.toSorted()).toEqual(withheld.toSorted());
        if (withheld.length > 0) expect(strict.verified).toBe(false);
        expect(strict.verified).toBe(!strict.issues.some((i) => i.severity === 'error'));
      }),
      { numRuns: 40 },
    );
  });
});

describe('a single changed character never verifies', () => {
  const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const ALPHABET = `${BASE64URL}~.=`;
  let withKb: string;
  let withoutKb: string;
  const verify = (p: string) => verifySdJwtVc(p, { issuerKeys: [keys.ES256!.issuer.publicJwk], audience: AUDIENCE, nonce: NONCE, now });

  beforeAll(async () => {
    const mc = issuable.find((f) => f.name === 'higher-education')!.mc;
    const { issuer, holder } = keys.ES256!;
    const bound = await issueSdJwtVc(mc, { key: issuer.privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: issuedAt });
    withKb = await presentSdJwtVc(bound, { disclose: ['title', 'givenName', 'familyName', 'learningOutcomes'], holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now });
    const unbound = await issueSdJwtVc(mc, { key: issuer.privateJwk, issuer: ISSUER, now: issuedAt });
    withoutKb = await presentSdJwtVc(unbound, { disclose: ['title', 'awardingBody'], now });
  });

  it('the untouched presentations verify', async () => {
    expect((await verify(withKb)).verified).toBe(true);
    expect((await verify(withoutKb)).verified).toBe(true);
  });

  it('every position, changed to the character one bit away (the last character of a base64url segment may carry unused bits)', async () => {
    for (const presentation of [withKb, withoutKb]) {
      const refused: boolean[] = [];
      for (let at = 0; at < presentation.length; at++) {
        const c = presentation[at]!;
        const i = BASE64URL.indexOf(c);
        const other = i < 0 ? (c === '~' ? '.' : '~') : BASE64URL[i ^ 1]!;
        refused.push(!(await verify(presentation.slice(0, at) + other + presentation.slice(at + 1))).verified);
      }
      expect(refused.flatMap((r, at) => (r ? [] : [at]))).toEqual([]);
    }
  }, 120_000);

  for (const which of ['with key binding', 'without key binding'] as const) {
    it(which, async () => {
      const presentation = which === 'with key binding' ? withKb : withoutKb;
      const arbitrary = fc
        .tuple(fc.nat({ max: presentation.length - 1 }), fc.constantFrom(...ALPHABET))
        .filter(([at, c]) => presentation[at] !== c)
        .map(([at, c]) => ({ at, tampered: presentation.slice(0, at) + c + presentation.slice(at + 1) }));
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ at, tampered }) => {
          const result = await verify(tampered);
          expect(result.verified, `character ${at}`).toBe(false);
          expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
        }),
        { numRuns: 100 },
      );
    });
  }
});
