/**
 * A page under a strict Content Security Policy (no 'unsafe-eval') can validate with the library:
 * its JSON Schemas (Open Badges 3.0, EBSI's EDC schema) are compiled by ajv when the library is
 * built (scripts/gen-ajv-validators.mjs → src/generated/ajv-*.ts), not at run time.
 *
 * - Each browser entry of the BUILT package (dist/, as `npm test` builds it first), bundled by esbuild
 *   for the browser, holds none of ajv's compiler, and no dependency code that compiles code but the
 *   known ones below, each said why it does no harm.
 * - The generated validators are what the script writes, and give the very verdicts and error
 *   objects ajv gives when it compiles the same schemas at run time.
 * - In Chromium, on a page whose CSP forbids eval, validateOpenBadge and validateElm (profile 'ebsi')
 *   give the issues they give in Node.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { build, type Metafile } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EBSI_ATTESTATION_ID, EBSI_BRANCH_VALIDATORS, EBSI_EDC_ID, validateEbsiEdc } from '../src/generated/ajv-ebsi.js';
import { validateOb3Schema } from '../src/generated/ajv-ob3.js';
import { EBSI_ATTESTATION_SCHEMA, EBSI_EDC_SCHEMA } from '../src/generated/ebsi-schemas.js';
import { OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA } from '../src/generated/ob3-schema.js';
import { validateOpenBadge } from '../src/ob3.js';
import { validateElm } from '../src/validate-elm.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from './helpers/chromium.js';
import { elmMutations } from './helpers/elm-mutations.js';

const root = join(import.meta.dirname, '..');
const readJson = (path: string): any => JSON.parse(readFileSync(join(root, path), 'utf8'));

/** The package's entry points a browser application imports. */
const BROWSER_ENTRIES = ['eu-micro-credentials', 'eu-micro-credentials/validate-elm', 'eu-micro-credentials/ob3', 'eu-micro-credentials/vc', 'eu-micro-credentials/edc-seal', 'eu-micro-credentials/sd-jwt-vc', 'eu-micro-credentials/status', 'eu-micro-credentials/render'];

/** ajv's files a bundle may hold: its run-time helpers, and ajv-formats' table of formats. */
const AJV_RUNTIME = /^node_modules\/(ajv\/dist\/runtime\/|ajv-formats\/dist\/formats\.js$)/;

/** Code that compiles code: `new Function(…)`, `Function(…)`, `eval(…)`, or `Function` taken under another name. */
const EVALUATES = /(?<![\w$.])(?:new\s+)?Function\s*\(|(?<![\w$.])eval\s*\(|=\s*Function\s*;/;

/** The dependency files of the browser bundles that may compile code, and why that does no harm. */
const KNOWN_EVALUATORS: Record<string, string> = {
  'node_modules/zod/v4/core/util.js': "zod's probe `allowsEval`: `new Function('')` in a try; false under a strict CSP",
  'node_modules/zod/v4/core/doc.js': "zod's compiled object parser, built only where the probe said yes",
  'node_modules/zod/v4/core/compile.js': "`z.compile`, in a try; the library falls back to zod's runtime parser (src/rules/validate.ts, budget.ts)",
  'node_modules/setimmediate/setImmediate.js': "setImmediate's polyfill compiles a string callback only; rdf-canonize passes functions",
  'node_modules/@pdf-lib/fontkit/dist/fontkit.es.js': 'a Function.prototype.bind polyfill, used only where bind is missing',
};

async function browserBundle(contents: string): Promise<{ text: string; inputs: Metafile['outputs'][string]['inputs'] }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { text: result.outputFiles[0]!.text, inputs: Object.values(result.metafile.outputs)[0]!.inputs };
}

/** The bundle's files (those with code in it) that are ajv's compiler, and those that compile code. */
function suspects(inputs: Metafile['outputs'][string]['inputs']): { compiler: string[]; evaluators: string[] } {
  const files = Object.entries(inputs).filter(([path, { bytesInOutput }]) => bytesInOutput > 0 && !path.startsWith('('));
  return {
    compiler: files.map(([path]) => path).filter((path) => /^node_modules\/ajv(-formats)?\//.test(path) && !AJV_RUNTIME.test(path)),
    evaluators: files.map(([path]) => path).filter((path) => path.startsWith('node_modules/') && EVALUATES.test(readFileSync(join(root, path), 'utf8'))),
  };
}

describe('browser bundles without eval', () => {
  it('the check finds ajv\'s compiler where it is (the control)', async () => {
    const { inputs } = await browserBundle("import { Ajv2020 } from 'ajv/dist/2020.js'; export const check = new Ajv2020().compile({ type: 'string' });");
    const { compiler, evaluators } = suspects(inputs);
    expect(compiler).toContain('node_modules/ajv/dist/compile/index.js');
    expect(compiler).toContain('node_modules/ajv/dist/core.js');
    expect(evaluators).toContain('node_modules/ajv/dist/compile/index.js');
  });

  it.each(BROWSER_ENTRIES)('%s: no ajv compiler, and no code compiling code but the known', async (entry) => {
    const { inputs } = await browserBundle(`export * from '${entry}';`);
    const { compiler, evaluators } = suspects(inputs);
    expect(compiler).toEqual([]);
    expect(evaluators.filter((path) => KNOWN_EVALUATORS[path] === undefined)).toEqual([]);
    if (entry.endsWith('/validate-elm') || entry.endsWith('/ob3')) expect(Object.keys(inputs)).toContain('node_modules/ajv-formats/dist/formats.js');
  });
});

describe('the generated validators', () => {
  it('are what scripts/gen-ajv-validators.mjs writes', () => {
    const out = mkdtempSync(join(tmpdir(), 'eumc-gen-ajv-'));
    try {
      execFileSync(process.execPath, [join(root, 'scripts/gen-ajv-validators.mjs'), '--out', out], { cwd: root, stdio: 'pipe' });
      const written = readdirSync(out).sort();
      expect(written).toEqual(['ajv-ebsi.ts', 'ajv-ob3.ts']);
      for (const name of written) expect(readFileSync(join(out, name), 'utf8') === readFileSync(join(root, 'src/generated', name), 'utf8'), name).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  /** Every value in a document: the document, its members and items, at any depth. */
  const values = (doc: unknown, out: unknown[] = []): unknown[] => {
    out.push(doc);
    if (typeof doc === 'object' && doc !== null) for (const v of Object.values(doc)) values(v, out);
    return out;
  };
  const run = (validate: ValidateFunction, data: unknown) => ({ valid: validate(data), errors: validate.errors ?? null });

  it('OB 3.0: the same verdicts and errors as ajv compiling the schema at run time', () => {
    const ajv = new Ajv2019({ allErrors: true, strict: true, strictTuples: false });
    (addFormats as unknown as (a: Ajv2019) => void)(ajv);
    const compiled = ajv.compile(OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA);
    const docs = readdirSync(join(root, 'fixtures/ob3')).filter((name) => name.endsWith('.json') && !name.endsWith('.expected.json')).map((name) => readJson(`fixtures/ob3/${name}`));
    expect(docs.length).toBeGreaterThan(10);
    let invalid = 0;
    for (const doc of docs) {
      for (const data of [doc, { ...doc, proof: [doc.proof] }, { ...doc, validFrom: '2024-13-01' }, { ...doc, credentialSubject: [] }]) {
        const expected = run(compiled, data);
        expect(run(validateOb3Schema, data)).toEqual(expected);
        if (!expected.valid) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(docs.length);
  });

  it('EBSI: the same verdicts and errors, for the schema and each anyOf / oneOf branch, as ajv at run time', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    ajv.addSchema({ ...EBSI_ATTESTATION_SCHEMA }, EBSI_ATTESTATION_ID);
    const compiled = ajv.compile({ ...EBSI_EDC_SCHEMA, $id: EBSI_EDC_ID });
    const base = readJson('fixtures/elm/ebsi-minimal.json');
    const docs = [base, ...elmMutations(base, 7).map((m) => m.doc)];
    expect(docs.length).toBeGreaterThan(20);
    let invalid = 0;
    for (const doc of docs) {
      const expected = run(compiled, doc);
      expect(run(validateEbsiEdc, doc)).toEqual(expected);
      if (!expected.valid) invalid++;
    }
    expect(invalid).toBeGreaterThan(docs.length / 2);
    // Each branch on every value of the sample document, and of a few of its variants.
    const samples = [base, ...docs.slice(1, 4)].flatMap((doc) => values(doc));
    expect(EBSI_BRANCH_VALIDATORS.size).toBeGreaterThan(100);
    for (const [ref, validate] of EBSI_BRANCH_VALIDATORS) {
      const runtime = ajv.getSchema(ref)!;
      for (const data of samples) expect(run(validate, data), ref).toEqual(run(runtime, data));
    }
  });
});

describe.runIf(haveChromium)('in Chromium, on a page whose Content Security Policy forbids eval', () => {
  it('validates an Open Badge and an EBSI credential as in Node', async () => {
    const badge = readJson('fixtures/ob3/invalid-bad-date.json');
    const edc = readJson('fixtures/elm/ebsi-minimal.json');
    edc.credentialSubject.hasClaim.title = 5;
    // The page checks what it fetches by itself: code that page.evaluate() runs is exempt from the CSP.
    const { text } = await browserBundle(`
      import { validateOpenBadge } from 'eu-micro-credentials/ob3';
      import { validateElm } from 'eu-micro-credentials/validate-elm';
      let evalBlocked = false;
      try { new Function(''); } catch { evalBlocked = true; }
      try {
        const { badge, edc } = await (await fetch('/input.json')).json();
        window.result = JSON.stringify({ evalBlocked, badge: await validateOpenBadge(badge), edc: await validateElm(edc, { profile: 'ebsi' }) });
      } catch (e) {
        window.result = JSON.stringify({ evalBlocked, error: String(e?.stack ?? e) });
      }`);
    const origin = 'http://eumc.test';
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.route(`${origin}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        if (path === '/') {
          return route.fulfill({
            contentType: 'text/html; charset=utf-8',
            headers: { 'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'" },
            body: '<!doctype html><meta charset="utf-8"><title>no eval</title><script type="module" src="/app.js"></script>',
          });
        }
        if (path === '/app.js') return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: text });
        if (path === '/input.json') return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ badge, edc }) });
        return route.fulfill({ status: 404 });
      });
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => typeof (window as any).result === 'string', undefined, { timeout: 90_000 });
      expect(pageErrors).toEqual([]);
      const inPage = JSON.parse(await page.evaluate(() => (window as any).result as string));
      expect(inPage.error).toBeUndefined();
      expect(inPage.evalBlocked).toBe(true);
      const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
      const inNode = { badge: json(await validateOpenBadge(badge)), edc: json(await validateElm(edc, { profile: 'ebsi' })) };
      expect(inNode.badge.issues.map((i: { code: string }) => i.code)).toContain('OB3_SCHEMA_VIOLATION');
      expect(inNode.edc.issues.map((i: { code: string }) => i.code)).toContain('EBSI_SCHEMA');
      expect({ badge: inPage.badge, edc: inPage.edc }).toEqual(inNode);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
