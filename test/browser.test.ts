/**
 * The core (everything but the CLI) in a real browser: test/browser/page.js, which imports the
 * BUILT package by its public specifiers (`eu-micro-credentials`, `/validate-elm`, `/vc`), is
 * bundled by esbuild for the browser (honouring the `browser` fields of the @digitalbazaar
 * packages, jsonld and rdf-canonize, which swap Node's crypto for WebCrypto), served from
 * 127.0.0.1 and opened in Debian's Chromium, headless, driven by playwright-core. The page
 * validates, exports to ELM, checks the ELM against the EDC shapes, verifies credentials signed
 * here in Node, and signs credentials itself; every result is compared with what Node gives for
 * the same input.
 *
 * Needs /usr/bin/chromium (Debian's `chromium` package; .ci/run installs it). Without it the suite
 * is skipped with a message, or fails when CI is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toElm, validate, type MicroCredential } from '../src/index.js';
import { validateElm } from '../src/validate-elm.js';
import { exportKey, generateIssuerKey, signCredential, signCredentials, SUITES, verifyCredential, type SignedCredential } from '../src/vc.js';
import { type BundledPage, CHROMIUM, haveChromium, openBundledPage } from './helpers/chromium.js';
import { invalidFixtures, validFixtures } from './helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
if (!haveChromium && !process.env.CI) {
  console.warn(`test/browser.test.ts: skipped, ${CHROMIUM} not found (install Debian's chromium: apt-get install chromium)`);
}

const seed = Array.from({ length: 32 }, (_, i) => i + 1);
const created = '2025-06-30T12:00:00Z';
const now = '2026-01-15T00:00:00Z';
const credentialId = 'urn:uuid:00000000-0000-4000-8000-0000000000b1';
const valid = (name: string) => structuredClone(validFixtures.find((f) => f.name === name)!.doc) as MicroCredential;
/** Results as they cross from the page: through JSON (undefined members dropped). */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type Settled<T> = { value: T; error?: undefined } | { value?: undefined; error: { name?: string; message: string; code?: string; reason?: string } };

describe('in Chromium', () => {
  it.runIf(!haveChromium && !!process.env.CI)(`${CHROMIUM} is installed (CI is set)`, () => {
    expect.fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium)`);
  });
});

describe.runIf(haveChromium)('in Chromium', () => {
  let opened: BundledPage | undefined;
  let origin: string;
  let page: Page;
  let metafile: Metafile;
  let bundleWarnings: string[];
  let requests: string[] = [];
  let failedRequests: string[] = [];
  let pageErrors: string[] = [];
  let consoleErrors: string[] = [];

  /** Runs one of window.scenarios in the page; arguments and result cross as JSON. */
  const inPage = <T>(name: string, ...args: unknown[]): Promise<Settled<T>> =>
    page.evaluate(([n, a]) => (window as unknown as { scenarios: Record<string, (...x: unknown[]) => unknown> }).scenarios[n as string]!(...(a as unknown[])), [name, args] as const) as Promise<Settled<T>>;
  const ok = async <T>(name: string, ...args: unknown[]): Promise<T> => {
    const settled = await inPage<T>(name, ...args);
    if (settled.error) throw new Error(`${name} failed in the page: ${JSON.stringify(settled.error)}`);
    return settled.value;
  };

  beforeAll(async () => {
    opened = await openBundledPage({ root, entry: 'test/browser/page.js', title: 'eu-micro-credentials', profilePrefix: 'eumc-chromium-' });
    ({ page, origin, metafile, bundleWarnings, requests, pageErrors, consoleErrors, failedRequests } = opened);
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
  });

  it('bundles the built package for the browser: dist/ through `exports`, WebCrypto builds of the dependencies', () => {
    expect(bundleWarnings).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    // The three entries and the chunks of code they share (the ESM build is split).
    const fromDist = inputs.filter((i) => i.startsWith('dist/')).sort();
    // (`edc-seal-….js`: the seal verifier, which the root's deprecated verifyEdcSeal loads on first call.)
    expect(fromDist.filter((i) => !/^dist\/(chunk|edc-seal)-[A-Z0-9]+\.js$/.test(i))).toEqual(['dist/index.js', 'dist/validate-elm.js', 'dist/vc.js']);
    expect(fromDist.length).toBeGreaterThan(3);
    expect(inputs.filter((i) => i.startsWith('src/'))).toEqual([]);
    // The `browser` fields are honoured: each of these replaces a file that requires Node's crypto.
    for (const browserFile of [
      'node_modules/@digitalbazaar/ed25519-verification-key-2020/lib/ed25519-browser.js',
      'node_modules/@digitalbazaar/ed25519-multikey/lib/ed25519-browser.js',
      'node_modules/@digitalbazaar/data-integrity/lib/sha256digest-browser.js',
      'node_modules/@digitalbazaar/eddsa-jcs-2022-cryptosuite/lib/sha-browser.js',
      'node_modules/rdf-canonize/lib/MessageDigest-webcrypto.js',
      'node_modules/jsonld/lib/platform-browser.js',
    ]) {
      expect(inputs, browserFile).toContain(browserFile);
    }
    expect(inputs.filter((i) => /\/(ed25519|sha256digest|sha|MessageDigest|platform)\.js$/.test(i) && /@digitalbazaar|rdf-canonize|jsonld\//.test(i))).toEqual([]);
    // No Node built-in is left for the browser to resolve.
    const imports = Object.values(metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect(imports.filter((p) => p.startsWith('node:'))).toEqual([]);
  });

  it('has WebCrypto', async () => {
    expect(await page.evaluate(() => (window as unknown as { scenarios: { webCrypto: () => boolean } }).scenarios.webCrypto())).toBe(true);
  });

  it('validates a valid micro-credential as Node does', async () => {
    for (const name of ['higher-education', 'every-optional-element', 'non-ects-workload']) {
      const doc = valid(name);
      const result = await ok<ReturnType<typeof validate>>('validate', doc);
      expect(result.ok, name).toBe(true);
      expect(result, name).toEqual(json(validate(doc)));
    }
    const warned = await ok<ReturnType<typeof validate>>('validate', valid('non-ects-workload'));
    expect(warned.issues.map((i) => [i.code, i.severity])).toEqual([['MC_WORKLOAD_NO_ECTS', 'warning']]);
  });

  it('reports exactly the expected issues of invalid documents', async () => {
    for (const name of ['all-mandatory-missing', 'typo-in-element-name', 'date-of-issue-february-30', 'constructor-key-in-learner']) {
      const fixture = invalidFixtures.find((f) => f.name === name)!;
      const result = await ok<ReturnType<typeof validate>>('validate', fixture.doc);
      expect(result.ok, name).toBe(false);
      expect(result.issues.map(({ code, severity, path }) => ({ code, severity, path })), name).toEqual(fixture.expected);
      expect(result, name).toEqual(json(validate(fixture.doc)));
    }
  });

  it('exports to ELM as Node does, and the ELM passes the EDC shapes (SHACL) in the page', async () => {
    const doc = valid('higher-education');
    const elm = await ok<ReturnType<typeof toElm>>('toElm', doc, { id: credentialId });
    expect(elm).toEqual(json(toElm(doc, { id: credentialId })));
    expect(elm.type).toEqual(['VerifiableCredential', 'EuropeanDigitalCredential']);
    expect(await ok('validateElm', elm)).toEqual({ ok: true, issues: [] });

    // Broken ELM: the page finds what Node finds.
    const broken = { ...elm, credentialSubject: { ...(elm.credentialSubject as object), hasClaim: undefined } };
    const fromPage = await ok<Awaited<ReturnType<typeof validateElm>>>('validateElm', json(broken));
    expect(fromPage.ok).toBe(false);
    expect(fromPage.issues.length).toBeGreaterThan(0);
    expect(fromPage).toEqual(json(await validateElm(json(broken))));
  });

  describe('signatures', () => {
    let signedInNode: Record<string, SignedCredential>;
    let credential: ReturnType<typeof toElm>;
    beforeAll(async () => {
      const key = await generateIssuerKey({ seed: Uint8Array.from(seed) });
      const mc = valid('higher-education');
      credential = toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller } }, { id: credentialId });
      signedInNode = {};
      for (const suite of SUITES) signedInNode[suite] = await signCredential(credential, { key, suite, created });
    });

    it('verifies credentials signed in Node, with every suite', async () => {
      for (const suite of SUITES) {
        const result = await ok<Awaited<ReturnType<typeof verifyCredential>>>('verify', signedInNode[suite], { now });
        expect(result, suite).toEqual(json(await verifyCredential(signedInNode[suite], { now })));
        expect(result.verified, suite).toBe(true);
        expect(result.issues, suite).toEqual([]);
        expect(result.checks, suite).toEqual([
          { check: 'format', ok: true },
          { check: 'signature', ok: true },
          { check: 'issuer', ok: true },
          { check: 'validity', ok: true },
        ]);
      }
    });

    it('rejects a tampered credential with VC_SIGNATURE_INVALID, as Node does', async () => {
      for (const suite of SUITES) {
        const signed = signedInNode[suite]!;
        const tampered = { ...signed, credentialSubject: { ...(signed.credentialSubject as object), id: 'urn:uuid:00000000-0000-4000-8000-00000000dead' } };
        const result = await ok<Awaited<ReturnType<typeof verifyCredential>>>('verify', tampered, { now });
        expect(result.verified, suite).toBe(false);
        expect(result.issues.map((i) => i.code), suite).toEqual(['VC_SIGNATURE_INVALID']);
        expect(result.checks.find((c) => c.check === 'signature'), suite).toEqual({ check: 'signature', ok: false });
        expect(result, suite).toEqual(json(await verifyCredential(tampered, { now })));
      }
    });

    it('signs in the page byte for byte as Node does, and verifies its own signature', async () => {
      for (const suite of SUITES) {
        const result = await ok<{ controller: string; signed: SignedCredential; verification: Awaited<ReturnType<typeof verifyCredential>>; webCrypto: { importKey: string[]; sign: string[] } }>(
          'signAndVerify',
          credential,
          seed,
          created,
          suite,
        );
        // With the browser's own Ed25519: the key imported once, and the proof signed by it (after
        // one check signature against @noble/ed25519's).
        expect(result.webCrypto, suite).toEqual({ importKey: ['Ed25519'], sign: ['Ed25519', 'Ed25519'] });
        expect(JSON.stringify(result.signed), suite).toBe(JSON.stringify(signedInNode[suite]));
        expect(result.verification.verified, suite).toBe(true);
        expect((await verifyCredential(result.signed, { now })).verified, suite).toBe(true);
      }
    });

    it('exports and imports keys (JWK and multibase) as Node does', async () => {
      const result = await ok<{ exported: unknown; fromJwk: boolean; fromMultibase: boolean; publicJwk: boolean }>('keyRoundTrip', seed);
      expect(result).toEqual({ exported: await exportKey(await generateIssuerKey({ seed: Uint8Array.from(seed) }), { includePrivate: true }), fromJwk: true, fromMultibase: true, publicJwk: true });
    });

    it('signs a batch with signCredentials() in the page thread (no worker threads in a browser)', async () => {
      const key = await generateIssuerKey({ seed: Uint8Array.from(seed) });
      const cohort = ['Anna Virtanen', 'Jan Novák', 'Maria Rossi'].map((fullName, i) => {
        const mc = valid('higher-education');
        return toElm({ ...mc, learner: { fullName }, issuer: { ...mc.issuer, id: key.controller } }, { id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}` });
      });
      const expected = await signCredentials(cohort, { key, created, workers: 0 });
      for (const workers of ['auto', 2] as const) {
        const result = await ok<{ signed: SignedCredential[]; progress: string[] }>('signBatch', cohort, seed, created, workers);
        expect(JSON.stringify(result.signed), String(workers)).toBe(JSON.stringify(expected));
        expect(result.progress.at(-1), String(workers)).toBe('3/3');
      }
    });

    it('throws on misuse as Node does (an unknown suite is a TypeError)', async () => {
      const settled = await inPage('signAndVerify', credential, seed, created, 'no-such-suite');
      expect(settled.error?.name).toBe('TypeError');
      const key = await generateIssuerKey({ seed: Uint8Array.from(seed) });
      await expect(signCredential(credential, { key, suite: 'no-such-suite' as never })).rejects.toThrow(settled.error!.message);
    });
  });

  it('made no request but to the local server, and logged no error', () => {
    expect(requests.length).toBeGreaterThanOrEqual(2);
    // signCredentials(…, { workers: 2 }) in the page does not even try `node:worker_threads`.
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(failedRequests).toEqual([]);
    expect(requests).toContain(`${origin}/app.js`);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
