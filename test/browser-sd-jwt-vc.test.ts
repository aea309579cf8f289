/**
 * SD-JWT VC in a real browser: test/browser/sd-jwt-vc-page.js, which imports the BUILT package's
 * `eu-micro-credentials/sd-jwt-vc` (dist/, or the build named by EUMC_TEST_DIST), is bundled by
 * esbuild for the browser, served from 127.0.0.1 and opened in Debian's Chromium, headless, driven
 * by playwright-core (as test/browser.test.ts does). In the page: WebCrypto makes the issuer's and
 * the holder's keys, a micro-credential is issued, presented with a key-binding JWT and verified;
 * SD-JWT VCs issued in Node are verified and presented there; tampering is refused. Each result is
 * compared with what Node (and the independent verifier) gives for the same input.
 *
 * Needs /usr/bin/chromium. Without it the suite is skipped with a message, or fails when CI is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile, Plugin } from 'esbuild';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { issueSdJwtVc, presentSdJwtVc, verifySdJwtVc } from './helpers/sd-jwt-vc-api.js';
import { type BundledPage, CHROMIUM, haveChromium, openBundledPage } from './helpers/chromium.js';
import { validFixtures } from './helpers/fixtures.js';
import { verifyIndependently } from './helpers/independent-sd-jwt.js';
import { EXAMPLE_NAMES, readExample, readSettings } from './helpers/sd-jwt-yaml.js';

const root = join(import.meta.dirname, '..');
const dist = process.env.EUMC_TEST_DIST ?? join(root, 'dist');
if (!haveChromium && !process.env.CI) {
  console.warn(`test/browser-sd-jwt-vc.test.ts: skipped, ${CHROMIUM} not found (install Debian's chromium: apt-get install chromium)`);
}

const ISSUER = 'https://issuer.example.eu';
const AUDIENCE = 'https://employer.example.eu';
const NONCE = 'browser-nonce-1';
const issuedAt = '2026-03-01T10:00:00.000Z';
const now = '2026-03-01T10:02:00.000Z';
const DISCLOSE = ['title', 'givenName', 'familyName', 'awardingBody', 'issuanceDate'];
const mc = () => structuredClone(validFixtures.find((f) => f.name === 'higher-education')!.doc) as MicroCredential;
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
type Verification = Awaited<ReturnType<typeof verifySdJwtVc>>;
type Settled<T> = { value: T; error?: undefined } | { value?: undefined; error: { name?: string; message: string; code?: string } };

/** `eu-micro-credentials/<sub>` → the built file package.json `exports` names, under `dist`. */
const builtPackage: Plugin = {
  name: 'built-package',
  setup(b) {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { default: string } }> };
    b.onResolve({ filter: /^eu-micro-credentials(\/.*)?$/ }, (args) => {
      const target = pkg.exports[`.${args.path.slice('eu-micro-credentials'.length)}`]?.import?.default;
      if (!target) return { errors: [{ text: `${args.path} is not exported by package.json` }] };
      return { path: join(dist, target.replace(/^\.\/dist\//, '')) };
    });
  },
};

describe('in Chromium (SD-JWT VC)', () => {
  it.runIf(!haveChromium && !!process.env.CI)(`${CHROMIUM} is installed (CI is set)`, () => {
    expect.fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium)`);
  });
});

describe.runIf(haveChromium)('in Chromium (SD-JWT VC)', () => {
  let opened: BundledPage | undefined;
  let origin: string;
  let page: Page;
  let metafile: Metafile;
  let bundleWarnings: string[];
  let requests: string[] = [];
  let pageErrors: string[] = [];
  let consoleErrors: string[] = [];

  const inPage = <T>(name: string, ...args: unknown[]): Promise<Settled<T>> =>
    page.evaluate(([n, a]) => (window as unknown as { scenarios: Record<string, (...x: unknown[]) => unknown> }).scenarios[n as string]!(...(a as unknown[])), [name, args] as const) as Promise<Settled<T>>;
  const ok = async <T>(name: string, ...args: unknown[]): Promise<T> => {
    const settled = await inPage<T>(name, ...args);
    if (settled.error) throw new Error(`${name} failed in the page: ${JSON.stringify(settled.error)}`);
    return settled.value;
  };

  beforeAll(async () => {
    opened = await openBundledPage({ root, entry: 'test/browser/sd-jwt-vc-page.js', title: 'eu-micro-credentials SD-JWT VC', profilePrefix: 'eumc-chromium-sdjwt-', plugins: [builtPackage], nodePaths: [join(root, 'node_modules')] });
    ({ page, origin, metafile, bundleWarnings, requests, pageErrors, consoleErrors } = opened);
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('bundles the built sd-jwt-vc entry for the browser, with no Node built-in', () => {
    expect(bundleWarnings).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    const distRel = dist.startsWith(root) ? dist.slice(root.length + 1) : dist;
    expect(inputs).toContain(`${distRel}/sd-jwt-vc.js`);
    expect(inputs.filter((i) => i.startsWith('src/'))).toEqual([]);
    expect(inputs.some((i) => i.includes('node_modules/@sd-jwt/'))).toBe(true);
    const imports = Object.values(metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect(imports.filter((p) => p.startsWith('node:') || ['crypto', 'buffer', 'fs', 'path'].includes(p))).toEqual([]);
  });

  for (const alg of ['ES256', 'EdDSA'] as const) {
    for (const cryptoKey of [false, true]) {
      it(`issues, presents with key binding and verifies in the page: ${alg}, keys as ${cryptoKey ? 'CryptoKeys' : 'JWKs'}; Node agrees`, async () => {
        const r = await ok<{ sdJwt: string; presentation: string; issuerPublic: JWK; verification: Verification; tampered: string; tamperedVerification: Verification; webCrypto: string[] }>(
          'issuePresentVerify',
          mc(),
          alg,
          { issuer: ISSUER, audience: AUDIENCE, nonce: NONCE, issuedAt, now, disclose: DISCLOSE, cryptoKey },
        );
        expect(r.verification.issues).toEqual([]);
        expect(r.verification.verified).toBe(true);
        expect(r.verification.disclosed.toSorted()).toEqual(DISCLOSE.map((n) => `/${n}`).toSorted());
        expect(r.verification.keyBinding).toMatchObject({ aud: AUDIENCE, nonce: NONCE });
        // The browser's own WebCrypto signed: the issuer-signed JWT and the key-binding JWT.
        const signAlg = alg === 'ES256' ? 'ECDSA' : 'Ed25519';
        expect(r.webCrypto.filter((c) => c === `sign ${signAlg}`).length).toBeGreaterThanOrEqual(2);
        // Node verifies the page's presentation alike; so does the independent verifier.
        const options = { issuerKeys: [r.issuerPublic], audience: AUDIENCE, nonce: NONCE, now: new Date(now) };
        expect(r.verification).toEqual(json(await verifySdJwtVc(r.presentation, options)));
        const independent = await verifyIndependently(r.presentation, { issuerKeys: r.issuerPublic, audience: AUDIENCE, nonce: NONCE, now: new Date(now) });
        expect(independent.errors).toEqual([]);
        expect(independent.claims).toEqual(r.verification.claims);
        // A changed character in a disclosure: refused in the page, and in Node with the same issues.
        expect(r.tampered).not.toBe(r.presentation);
        expect(r.tamperedVerification.verified).toBe(false);
        expect(r.tamperedVerification.issues.length).toBeGreaterThan(0);
        expect(r.tamperedVerification).toEqual(json(await verifySdJwtVc(r.tampered, options)));
      });
    }
  }

  it('issues, presents and verifies the IETF draft`s examples in the page (their keys, !sd paths and holder disclosures)', async () => {
    const settings = readSettings();
    const { d: _d, ...issuerPublic } = settings.issuerKey;
    const { d: _h, ...holderPublic } = settings.holderKey;
    const at = new Date((settings.iat + 3600) * 1000).toISOString();
    for (const name of EXAMPLE_NAMES) {
      const example = readExample(name);
      const { iss, ...claims } = example.claims;
      const issuer = typeof iss === 'string' ? iss : settings.identifiers.issuer;
      const kb = example.keyBinding ? { audience: settings.identifiers.verifier, nonce: settings.nonce } : {};
      const r = await ok<{ sdJwt: string; presentation: string; verification: Verification }>(
        'example',
        claims,
        { key: settings.issuerKey, issuer, vct: claims.vct, disclosable: example.disclosable, now: new Date(settings.iat * 1000).toISOString(), expiresAt: new Date(settings.exp * 1000).toISOString(), ...(example.headers.kid ? { kid: example.headers.kid } : {}), ...(example.keyBinding ? { holderKey: holderPublic } : {}) },
        { disclose: example.disclosed, ...(example.keyBinding ? { holderKey: settings.holderKey } : {}), ...kb, now: at },
        { issuerKeys: [issuerPublic], vct: claims.vct, ...kb, now: at },
      );
      expect(r.verification.issues, name).toEqual([]);
      expect(r.verification.verified, name).toBe(true);
      expect(r.verification.claims, name).toEqual({ ...example.expected, iss: issuer, iat: settings.iat, exp: settings.exp, ...(example.keyBinding ? { cnf: { jwk: holderPublic } } : {}) });
      const independent = await verifyIndependently(r.presentation, { issuerKeys: issuerPublic as JWK, now: new Date(at), ...kb });
      expect(independent.errors, name).toEqual([]);
      expect(independent.claims, name).toEqual(r.verification.claims);
      expect(r.verification, name).toEqual(json(await verifySdJwtVc(r.presentation, { issuerKeys: [issuerPublic], vct: claims.vct as string, ...kb, now: new Date(at) })));
    }
  });

  describe('SD-JWT VCs issued in Node', () => {
    let issuerPublic: JWK;
    let holderPrivate: JWK;
    let sdJwt: string;
    let presentation: string;
    const options = () => ({ issuerKeys: [issuerPublic], audience: AUDIENCE, nonce: NONCE, now });
    const nodeOptions = () => ({ ...options(), now: new Date(now) });

    beforeAll(async () => {
      const issuer = await generateKeyPair('ES256', { extractable: true });
      const holder = await generateKeyPair('EdDSA', { extractable: true, crv: 'Ed25519' });
      issuerPublic = { ...(await exportJWK(issuer.publicKey)), kid: 'node-issuer' };
      holderPrivate = await exportJWK(holder.privateKey);
      const issuerPrivate = { ...(await exportJWK(issuer.privateKey)), kid: 'node-issuer' } as JWK & { kty: string };
      sdJwt = await issueSdJwtVc(mc(), { key: issuerPrivate, issuer: ISSUER, holderKey: (await exportJWK(holder.publicKey)) as JWK & { kty: string }, now: new Date(issuedAt) });
      presentation = await presentSdJwtVc(sdJwt, { disclose: DISCLOSE, holderKey: holderPrivate as JWK & { kty: string }, audience: AUDIENCE, nonce: NONCE, now: new Date(now) });
    });

    it('verifies in the page as in Node', async () => {
      const inNode = await verifySdJwtVc(presentation, nodeOptions());
      expect(inNode.verified).toBe(true);
      const fromPage = await ok<Verification>('verify', presentation, options());
      expect(fromPage).toEqual(json(inNode));
    });

    it('is presented by a holder in the page; Node verifies it', async () => {
      const fromPage = await ok<string>('present', sdJwt, { disclose: ['title', 'learningOutcomes'], holderKey: holderPrivate, audience: AUDIENCE, nonce: NONCE, now });
      const inNode = await verifySdJwtVc(fromPage, nodeOptions());
      expect(inNode.issues).toEqual([]);
      expect(inNode.verified).toBe(true);
      expect(inNode.disclosed.toSorted()).toEqual(['/learningOutcomes', '/title']);
    });

    it('refuses tampering in the page as Node does: payload, key-binding JWT, wrong nonce', async () => {
      const [jwt, ...rest] = presentation.split('~');
      const [h, p, s] = jwt!.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
      const forged = [`${h}.${Buffer.from(JSON.stringify({ ...payload, iss: 'https://evil.example' })).toString('base64url')}.${s}`, ...rest].join('~');
      const kb = rest.at(-1)!;
      const kbTampered = presentation.slice(0, presentation.length - kb.length) + kb.slice(0, -3) + (kb.at(-3) === 'A' ? 'B' : 'A') + kb.slice(-2);
      for (const [what, input, opts] of [
        ['payload', forged, options()],
        ['key-binding JWT', kbTampered, options()],
        ['nonce', presentation, { ...options(), nonce: 'other' }],
      ] as const) {
        const inNode = await verifySdJwtVc(input, { ...opts, now: new Date(now) });
        expect(inNode.verified, what).toBe(false);
        const fromPage = await ok<Verification>('verify', input, opts);
        expect(fromPage, what).toEqual(json(inNode));
      }
    });

    it('generates keys in the page with generateSdJwtVcKeyPair', async () => {
      for (const alg of ['ES256', 'EdDSA'] as const) {
        const pair = await ok<{ privateJwk: JWK; publicJwk: JWK }>('generate', alg);
        expect(pair.publicJwk.d, alg).toBeUndefined();
        expect(pair.privateJwk.d, alg).toBeTypeOf('string');
        expect(pair.publicJwk.kty, alg).toBe(alg === 'ES256' ? 'EC' : 'OKP');
      }
    });
  });

  it('made no request but to the local server, and logged no error', () => {
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
