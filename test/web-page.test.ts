/**
 * The verifier page (web/) as a user meets it: built by `node scripts/build-web.mjs --out <tmp>`,
 * served as a static site from 127.0.0.1 and opened in Debian's Chromium (headless, driven by
 * playwright-core) with no network: every request not to the page's own origin is aborted and
 * recorded, and Chromium resolves no name but 127.0.0.1. Files go in through the page's own inputs
 * (`#file-input`, `#paste-input`, `#trust-input`, `#status-input`); every result is read back from
 * the DOM (the DOM contract of the page: scratch/PLAN.md, docs/verifier-page.md), as the user sees it.
 *
 * The files are those of test/helpers/web-files.ts (made afresh with the library: every kind, good,
 * tampered, untrusted, expired, revoked), the EU's own sealed sample (test/vectors/eu-elm/) with the
 * CA of its seal (fixtures/edc/anf-eseal-ca.pem), and the model fixtures whose expected issues are
 * written down (fixtures/). One build shared by all but one test (the issuer's copy with its trust
 * preloaded is a second build), one browser, a context for most checks (desktop, English) and a few
 * short-lived ones (German, a clock in 2024, the preloaded copy). axe-core is evaluated through
 * DevTools, so the page is checked with its Content Security Policy in force.
 *
 * Needs /usr/bin/chromium. Without it the suite is skipped with a message, or fails when CI is set.
 * Screenshots (phone 390×844, desktop 1280×900) go to test/artifacts/web/ (git-ignored; CI keeps them).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENT_OF_FIELD, type MicroCredential } from '../src/index.js';
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { credentialLanguages } from '../src/render/layout.js';
import { invalidFixtures, validFixtures } from './helpers/fixtures.js';
import { makeWebFiles, type WebFiles } from './helpers/web-files.js';
import { buildWebPage, CHROMIUM, haveChromium, launchChromium, type OpenedWebPage, openWebPage, serveDirectory, type StaticSite, temporaryFolder } from './helpers/web-server.js';

const root = join(import.meta.dirname, '..');
const ARTIFACTS = join(root, 'test', 'artifacts', 'web');
if (!haveChromium && !process.env.CI) {
  console.warn(`test/web-page.test.ts: skipped, ${CHROMIUM} not found (install Debian's chromium: apt-get install chromium)`);
}

const ELEMENT_IDS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'O1', 'O2', 'O3', 'O4', 'O5'];
/** The Annex I elements a model has (its top-level fields that are elements). */
const elementsOf = (mc: object) => ELEMENT_IDS.filter((id) => Object.entries(ELEMENT_OF_FIELD).some(([field, el]) => el === id && Object.hasOwn(mc, field)));
const fixture = (path: string) => JSON.parse(readFileSync(join(root, 'fixtures', path), 'utf8')) as MicroCredential;
const HIGHER_EDUCATION = fixture('valid/higher-education.json');
const MULTILINGUAL = fixture('valid/multilingual.json');
const EU_SEALED = readFileSync(join(root, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-signed.jsonld'));
const EU_UNSIGNED = readFileSync(join(root, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-unsigned.jsonld'));
const ANF_CA = readFileSync(join(root, 'fixtures', 'edc', 'anf-eseal-ca.pem'));
/** The EDC viewer's own strings (the EU's translations the page's text comes from), read here independently. */
const edcString = (lang: string, key: string) => (JSON.parse(readFileSync(join(root, 'scripts', 'data', 'sd-jwt-vc-labels', 'edc-viewer-i18n', `${lang}.json`), 'utf8')) as Record<string, string>)[key]!;

/** Which source model each file of web-files.ts was made from (for the element table's oracle). */
const SOURCE_OF: Record<string, MicroCredential> = {
  'model.json': HIGHER_EDUCATION,
  'elm.jsonld': HIGHER_EDUCATION,
  'signed-did-key.jsonld': MULTILINGUAL,
  'wrapped-signed.json': MULTILINGUAL,
  'credential.pdf': MULTILINGUAL,
  'signed-revoked.jsonld': HIGHER_EDUCATION,
  'signed-did-web.jsonld': HIGHER_EDUCATION,
  'sealed.json': HIGHER_EDUCATION,
};

const MEDIA_TYPE: Record<string, string> = { json: 'application/json', jsonld: 'application/ld+json', png: 'image/png', svg: 'image/svg+xml', pdf: 'application/pdf', pem: 'application/x-pem-file', txt: 'text/plain', 'sd-jwt': 'application/dc+sd-jwt' };
const fileOf = (name: string, bytes: Uint8Array) => ({ name, mimeType: MEDIA_TYPE[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream', buffer: Buffer.from(bytes) });

/** What the page shows of a checked file, read from the DOM (visible text, as a user reads it). */
interface Shown {
  file: string | undefined;
  kind: string | undefined;
  busy: boolean;
  state: string | undefined;
  title: string;
  signer: string;
  reasons: { code: string | undefined; text: string }[];
  validity: { state: string | undefined; text: string };
  revocation: { state: string | undefined; text: string };
  picture: { visible: boolean; src: string; alt: string; width: number };
  pictureLanguages: { value: string; selected: boolean; visible: boolean };
  pictureLanguageOptions: string[];
  elements: { id: string | undefined; present: string | undefined; cells: string[]; link: string | null; linkTarget: string | null }[];
  tableLabelled: boolean;
  issues: { element: string | undefined; items: { code: string | undefined; path: string | undefined; severity: string | undefined; text: string }[] }[];
  sdJwt: { visible: boolean; disclosed: string[]; undisclosed: string[] };
  exports: Record<string, { disabled: boolean; title: string }>;
}

function readShown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const $ = (sel: string) => document.querySelector(sel);
    const text = (el: Element | null) => (el instanceof HTMLElement ? el.innerText.trim() : '');
    const visible = (el: Element | null) => el instanceof HTMLElement && el.checkVisibility();
    const result = $('#result') as HTMLElement | null;
    const verdict = $('#verdict') as HTMLElement | null;
    const img = $('#picture') as HTMLImageElement | null;
    const langSelect = $('#picture-lang') as HTMLSelectElement | null;
    const table = $('#elements') as HTMLTableElement | null;
    return {
      file: result?.dataset.file,
      kind: result?.dataset.kind,
      busy: result?.hasAttribute('data-busy') ?? false,
      state: verdict?.dataset.state,
      title: text($('#verdict-title')),
      signer: visible($('#verdict-signer')) ? text($('#verdict-signer')) : '',
      reasons: Array.from(document.querySelectorAll<HTMLElement>('#verdict-reasons li')).map((li) => ({ code: li.dataset.code, text: li.innerText.trim() })),
      validity: { state: ($('#validity') as HTMLElement | null)?.dataset.state, text: text($('#validity')) },
      revocation: { state: ($('#revocation') as HTMLElement | null)?.dataset.state, text: text($('#revocation')) },
      picture: { visible: visible(img), src: img?.getAttribute('src') ?? '', alt: img?.alt ?? '', width: img?.naturalWidth ?? 0 },
      pictureLanguages: { value: langSelect?.value ?? '', selected: !!langSelect, visible: visible(langSelect) },
      pictureLanguageOptions: langSelect ? Array.from(langSelect.options).map((o) => o.value) : [],
      elements: visible(table)
        ? Array.from(table!.querySelectorAll<HTMLTableRowElement>('tr[data-element]')).map((tr) => {
            const link = tr.querySelector<HTMLAnchorElement>('a[href^="#"]');
            const target = link ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
            return {
              id: tr.dataset.element,
              present: tr.dataset.present,
              cells: Array.from(tr.cells).map((c) => c.innerText.trim()),
              link: link?.hash ?? null,
              linkTarget: target ? ((target.closest('section[data-element]') as HTMLElement | null)?.dataset.element ?? null) : null,
            };
          })
        : [],
      tableLabelled: !!table?.caption && text(table.caption) !== '' && table.querySelectorAll('th[scope="col"]').length >= 3,
      issues: Array.from(document.querySelectorAll<HTMLElement>('#issues section[data-element]'))
        .filter((s) => visible(s))
        .map((s) => ({
          element: s.dataset.element,
          items: Array.from(s.querySelectorAll<HTMLElement>('li[data-code]')).map((li) => ({ code: li.dataset.code, path: li.dataset.path, severity: li.dataset.severity, text: li.innerText.trim() })),
        })),
      sdJwt: {
        visible: visible($('#sd-jwt')),
        disclosed: Array.from(document.querySelectorAll<HTMLElement>('#sd-jwt-disclosed li[data-claim]')).map((li) => li.dataset.claim!),
        undisclosed: Array.from(document.querySelectorAll<HTMLElement>('#sd-jwt-undisclosed li[data-claim]')).map((li) => li.dataset.claim!),
      },
      exports: Object.fromEntries(
        ['export-png', 'export-pdf', 'export-elm', 'export-ob3', 'export-report'].map((id) => {
          const b = document.getElementById(id) as HTMLButtonElement | null;
          return [id, { disabled: !b || b.disabled, title: b?.title ?? '' }];
        }),
      ),
    };
  });
}

/** Counts finished checks: each time `#result` stops being busy. Installed once per page. */
async function watchChecks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { eumcChecksDone: number };
    w.eumcChecksDone = 0;
    new MutationObserver((records) => {
      const result = document.getElementById('result');
      if (records.some((r) => (r.target as Element).id === 'result') && result && !result.hasAttribute('data-busy')) w.eumcChecksDone++;
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-busy'] });
  });
}
const checksDone = (page: Page) => page.evaluate(() => (window as unknown as { eumcChecksDone: number }).eumcChecksDone);
/** Does `act` and waits until the page has finished the check it started, then reads the result. */
async function afterCheck(page: Page, act: () => Promise<unknown>): Promise<Shown> {
  const before = await checksDone(page);
  await act();
  await page.waitForFunction((n) => (window as unknown as { eumcChecksDone: number }).eumcChecksDone > n && document.querySelector('#result[data-kind]:not([data-busy])') !== null, before, { timeout: 30_000 });
  return readShown(page);
}
const pick = (page: Page, name: string, bytes: Uint8Array) => afterCheck(page, () => page.setInputFiles('#file-input', fileOf(name, bytes)));
const paste = (page: Page, text: string) =>
  afterCheck(page, async () => {
    await page.fill('#paste-input', text);
    await page.click('#paste-check');
  });

describe('the verifier page in Chromium', () => {
  it.runIf(!haveChromium && !!process.env.CI)(`${CHROMIUM} is installed (CI is set)`, () => {
    expect.fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y --no-install-recommends chromium)`);
  });
});

describe.runIf(haveChromium)('the verifier page in Chromium', () => {
  let out: ReturnType<typeof temporaryFolder>;
  let site: StaticSite;
  let browser: Browser;
  let main: OpenedWebPage;
  let page: Page;
  let web: WebFiles;
  let builtFiles: string[];

  beforeAll(async () => {
    out = temporaryFolder('eumc-web-page-');
    // The build runs in a child process while the files are made here and Chromium starts.
    const built = buildWebPage(root, out.dir);
    const launched = launchChromium();
    web = await makeWebFiles();
    await built;
    builtFiles = ['index.html', 'app.js', 'app.css', 'resvg.wasm', 'fonts/NotoSans_400Regular.ttf', 'fonts/NotoSans_700Bold.ttf'];
    site = await serveDirectory(out.dir);
    browser = await launched;
    main = await openWebPage(browser, site.origin, { locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = main.page;
    await watchChecks(page);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  // Each test starts with nothing trusted (a failed one may have left trust loaded).
  afterEach(async () => {
    if (page) await removeAllTrust(page);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    out?.remove();
  });

  describe('loading', () => {
    it('loads only its own files, from its own origin, and says when it is ready', () => {
      const loaded = main.requests.map((r) => r.url.replace(site.origin, ''));
      // index.html, the script, the style sheet, the renderer's WebAssembly and its fonts: nothing else.
      expect(new Set(loaded.map((u) => (u === '/' ? '/index.html' : u)))).toEqual(new Set(builtFiles.map((f) => `/${f}`)));
      expect(main.offOrigin).toEqual([]);
      expect(main.failedRequests).toEqual([]);
      expect(main.pageErrors).toEqual([]);
      expect(main.consoleErrors).toEqual([]);
      expect(site.served.filter((s) => s.status !== 200)).toEqual([]);
      expect(main.readyMs).toBeLessThan(20_000);
    });

    it('publishes the licences of what app.js holds beside it', () => {
      const licences = readFileSync(join(out.dir, 'THIRD-PARTY-LICENSES.md'), 'utf8');
      expect(licences).toContain('European Union Public Licence');
      for (const name of ['pdf-lib', 'jsonld', '@sd-jwt/core', 'zod', '@resvg/resvg-wasm', 'qrcode', 'asn1js']) expect(licences, name).toMatch(new RegExp(`^## ${name.replace(/[/.]/g, '\\$&')} \\d`, 'm'));
    });

    it('serves the WebAssembly as application/wasm (streaming compilation needs it)', () => {
      expect(site.served.find((s) => s.path === '/resvg.wasm')).toMatchObject({ status: 200, type: 'application/wasm' });
      // And the page fetched it (and its fonts) as data, from its own origin.
      expect(main.requests.filter((r) => /\.(wasm|ttf)$/.test(r.url)).map((r) => [r.url.replace(site.origin, ''), r.resourceType]).sort()).toEqual([
        ['/fonts/NotoSans_400Regular.ttf', 'fetch'],
        ['/fonts/NotoSans_700Bold.ttf', 'fetch'],
        ['/resvg.wasm', 'fetch'],
      ]);
    });

    it('has a strict Content Security Policy in a meta element, and no inline script or style', () => {
      const html = readFileSync(join(out.dir, 'index.html'), 'utf8');
      const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
      expect(metas).toHaveLength(1);
      const directives = new Map(
        metas[0]![1]!
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .filter((d) => d[0])
          .map(([name, ...values]) => [name!, values.sort().join(' ')]),
      );
      expect(directives.get('default-src')).toBe("'none'");
      expect(directives.get('connect-src')).toBe("'self'");
      expect(directives.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
      expect(directives.get('style-src')).toBe("'self'");
      expect(directives.get('font-src')).toBe("'self'");
      expect(directives.get('img-src')).toBe("'self' blob: data:");
      expect(directives.get('base-uri')).toBe("'none'");
      expect(directives.get('form-action')).toBe("'none'");
      expect(directives.get('object-src')).toBe("'none'");
      // Nothing inline: every script has a src, no <style>, no style="" attribute, no on*="" handler.
      expect([...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => !/\bsrc=/.test(tag))).toEqual([]);
      expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    });

    it('refuses, by its policy, to fetch anything from elsewhere or to run code made from text', async () => {
      const consoleBefore = main.consoleErrors.length;
      const attempt = await page.evaluate(async () => {
        const violations: string[] = [];
        const onViolation = (e: SecurityPolicyViolationEvent) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`);
        document.addEventListener('securitypolicyviolation', onViolation);
        let fetched: string;
        try {
          const r = await fetch('https://example.org/track?x=1');
          fetched = `status ${r.status}`;
        } catch (e) {
          fetched = (e as Error).name;
        }
        // eval from a task of the page's own (DevTools lets code it evaluates itself use eval).
        const evaluated = await new Promise<string>((resolve) =>
          setTimeout(() => {
            try {
              resolve(String((0, eval)('1 + 1')));
            } catch (e) {
              resolve((e as Error).name);
            }
          }, 0),
        );
        await new Promise((r) => setTimeout(r, 50));
        document.removeEventListener('securitypolicyviolation', onViolation);
        return { fetched, evaluated, violations };
      });
      expect(attempt.fetched).toBe('TypeError');
      expect(attempt.evaluated).toBe('EvalError');
      expect(attempt.violations).toEqual(['connect-src https://example.org/track?x=1', 'script-src eval']);
      // Refused before any request left: the harness saw none.
      expect(main.offOrigin).toEqual([]);
      expect(main.requests.filter((r) => r.url.includes('example.org'))).toEqual([]);
      // Chromium logs the refusals as console errors: those (and only those) are this test's own.
      const logged = main.consoleErrors.splice(consoleBefore);
      expect(logged.length).toBeGreaterThan(0);
      for (const line of logged) expect(line).toMatch(/Content Security Policy/);
    });

    it('is labelled and usable with a keyboard before anything is checked', async () => {
      const controls = await page.evaluate(() => {
        const labelOf = (id: string) => {
          const el = document.getElementById(id) as HTMLInputElement | null;
          if (!el) return null;
          const byLabel = Array.from((el.labels ?? [])).map((l) => l.innerText.trim()).join(' ');
          return (byLabel || el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') ?? '').split(' ').map((i) => document.getElementById(i)?.innerText ?? '').join(' ')).trim();
        };
        const dz = document.getElementById('drop-zone');
        return {
          lang: document.documentElement.lang,
          title: document.title,
          labels: Object.fromEntries(['file-input', 'paste-input', 'trust-input', 'status-input', 'page-lang'].map((id) => [id, labelOf(id)])),
          fileInput: (document.getElementById('file-input') as HTMLInputElement | null)?.type,
          trustMultiple: (document.getElementById('trust-input') as HTMLInputElement | null)?.multiple,
          statusMultiple: (document.getElementById('status-input') as HTMLInputElement | null)?.multiple,
          dropZoneIsButton: dz?.tagName === 'BUTTON' || dz?.getAttribute('role') === 'button',
          dropZoneFocusable: dz ? dz.tabIndex >= 0 : false,
          resultLive: document.getElementById('result')?.getAttribute('aria-live'),
          pageLangOptions: (document.getElementById('page-lang') as HTMLSelectElement | null)?.options.length,
          pageLang: (document.getElementById('page-lang') as HTMLSelectElement | null)?.value,
        };
      });
      expect(controls.lang).toBe('en');
      expect(controls.pageLang).toBe('en');
      expect(controls.pageLangOptions).toBe(29);
      for (const [id, label] of Object.entries(controls.labels)) expect(label, `${id} has a label`).toMatch(/\S/);
      expect(controls.fileInput).toBe('file');
      expect(controls.trustMultiple).toBe(true);
      expect(controls.statusMultiple).toBe(true);
      expect(controls.dropZoneIsButton).toBe(true);
      expect(controls.dropZoneFocusable).toBe(true);
      expect(controls.resultLive).toBe('polite');

      // The Tab key reaches the drop zone, which shows it has the focus, and opens the file picker.
      // (The chooser is intercepted once playwright has told Chromium to: a round trip before the key.)
      const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const path: string[] = [];
      for (let i = 0; i < 12 && path.at(-1) !== 'drop-zone'; i++) {
        await page.keyboard.press('Tab');
        path.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ''));
      }
      expect(path.at(-1), `Tab went ${path.join(' → ')}`).toBe('drop-zone');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { visible: el.matches(':focus-visible'), outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0, shadow: style.boxShadow !== 'none' };
      });
      expect(focus.visible).toBe(true);
      expect(focus.outline || focus.shadow, 'a visible focus ring').toBe(true);
      await page.keyboard.press('Enter');
      expect((await chooser).isMultiple()).toBe(false);
    });

    it('has no serious or critical accessibility violation (axe-core) before anything is checked', async () => {
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  describe('checking files', () => {
    /** What the page showed of each file of web-files.ts, with nothing trusted. */
    const seen: Record<string, Shown> = {};

    it('gives each kind of file, picked through the file input, its verdict, validity, revocation and element table', async () => {
      for (const [name, bytes] of Object.entries(web.files)) {
        const e = web.expected[name]!;
        const shown = await pick(page, name, bytes);
        seen[name] = shown;
        const what = `${name} (${e.about})`;
        expect(shown.file, what).toBe(name);
        expect(shown.busy, what).toBe(false);
        expect({ kind: shown.kind, state: shown.state, validity: shown.validity.state, revocation: shown.revocation.state }, what).toEqual({ kind: e.kind, state: e.state, validity: e.validity, revocation: e.revocation });
        expect(shown.title, what).toMatch(/\S/);
        expect(shown.validity.text, what).toMatch(/\S/);
        expect(shown.revocation.text, what).toMatch(/\S/);
        if (e.state === 'not-genuine' || e.state === 'unconfirmed' || e.state === 'unreadable') {
          // What went wrong, or what is missing, in words.
          expect(shown.reasons.length, what).toBeGreaterThan(0);
          for (const r of shown.reasons) expect(r.text, what).toMatch(/\w{3,}.*\w{3,}/);
        }
        if (e.model) {
          expect(shown.elements.map((r) => r.id), what).toEqual(ELEMENT_IDS);
          expect(shown.tableLabelled, what).toBe(true);
          for (const row of shown.elements) {
            expect(row.cells[0], what).toBe(row.id);
            expect(row.cells[1], `${what} ${row.id} has a label`).toMatch(/\w/);
            if (row.present === 'true') expect(row.cells[2], `${what} ${row.id} shows its value`).toMatch(/\S/);
            else expect(row.present, what).toBe('false');
          }
          expect(shown.picture.visible, what).toBe(true);
          expect(shown.picture.src, what).toMatch(/^blob:/);
          expect(shown.picture.width, what).toBe(1123);
          expect(shown.picture.alt, what).toMatch(/\w/);
          expect(shown.pictureLanguages.visible, what).toBe(true);
          const source = SOURCE_OF[name];
          if (source) {
            const present = shown.elements.filter((r) => r.present === 'true').map((r) => r.id);
            expect(present, `${what}: the elements the credential has`).toEqual(elementsOf(source));
            const title = typeof source.title === 'string' ? source.title : source.title.en!;
            expect(shown.elements.find((r) => r.id === 'M2')!.cells[2], what).toContain(title);
            expect(shown.elements.find((r) => r.id === 'M1')!.cells[2], what).toContain(source.learner.fullName!);
            expect(shown.picture.alt, what).toContain(title);
            expect(shown.pictureLanguageOptions, what).toEqual(credentialLanguages(source));
          }
        } else {
          expect(shown.picture.visible, what).toBe(false);
        }
        if (e.state === 'genuine') expect(shown.signer, `${what}: who signed`).toMatch(/\S/);
      }
      // The signer as people read it: the did:key of the issuer for the signed ELM.
      expect(seen['signed-did-key.jsonld']!.signer).toContain('did:key:z6Mk');
      // The sealed file without its anchor: intact, but not said to be genuine, and the certificate's subject is shown.
      expect(seen['sealed.json']!.signer).toContain('Test University eSeal');
      // The unreadable text says so, and offers nothing to export.
      for (const id of ['export-png', 'export-pdf', 'export-elm', 'export-ob3']) {
        const b = seen['not-a-credential.txt']!.exports[id]!;
        expect(b.disabled, id).toBe(true);
        expect(b.title, `${id} says why it is disabled`).toMatch(/\w{3,}/);
      }
    }, 120_000);

    it('never says of a file it finds not genuine that its seal or signature is intact', () => {
      const notGenuine = Object.keys(web.expected).filter((n) => web.expected[n]!.state === 'not-genuine');
      expect(notGenuine.length).toBeGreaterThanOrEqual(5);
      for (const name of notGenuine) {
        expect(seen[name]?.state, name).toBe('not-genuine');
        for (const r of seen[name]!.reasons) expect(r.text, `${name}: ${r.code}`).not.toMatch(/\bintact\b/i);
      }
    });

    it('says of bad input that it cannot read it, in words, without failing', async () => {
      const png = readFileSync(join(root, 'fixtures', 'ob3', 'bake-badge.png'));
      const pdf = web.files['credential.pdf']!;
      const bad: [string, Uint8Array][] = [
        ['empty.json', new Uint8Array(0)],
        ['random.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)],
        ['unbaked.png', png],
        ['list.json', new TextEncoder().encode('[1, 2, 3]')],
        ['cut.pdf', pdf.subarray(0, Math.floor(pdf.length / 2))],
        ['deep.json', new TextEncoder().encode(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)],
      ];
      for (const [name, bytes] of bad) {
        const shown = await pick(page, name, bytes);
        expect({ file: shown.file, state: shown.state }, name).toEqual({ file: name, state: 'unreadable' });
        expect(shown.reasons.length, name).toBeGreaterThan(0);
        expect(shown.reasons[0]!.text, name).toMatch(/\w{3,} \w{3,}/);
        expect(shown.picture.visible, name).toBe(false);
        expect(shown.exports['export-report']!.disabled, `${name}: the report can still be downloaded`).toBe(false);
      }
      expect(main.pageErrors).toEqual([]);
    });

    it('checks a file dropped on the drop zone, or anywhere on the page, without leaving the page', async () => {
      const drop = (selector: string, name: string, bytes: Uint8Array) =>
        afterCheck(page, () =>
          page.evaluate(
            ({ selector, name, data }) => {
              const transfer = new DataTransfer();
              transfer.items.add(new File([new Uint8Array(data)], name, { type: 'application/json' }));
              const target = document.querySelector(selector)!;
              for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
            },
            { selector, name, data: Array.from(bytes) },
          ),
        );
      const url = page.url();
      const onZone = await drop('#drop-zone', 'sealed.json', web.files['sealed.json']!);
      expect({ file: onZone.file, kind: onZone.kind, state: onZone.state }).toEqual({ file: 'sealed.json', kind: 'sealed', state: web.expected['sealed.json']!.state });
      const elsewhere = await drop('footer', 'model.json', web.files['model.json']!);
      expect({ file: elsewhere.file, kind: elsewhere.kind, state: elsewhere.state }).toEqual({ file: 'model.json', kind: 'model', state: 'not-signed' });
      expect(page.url()).toBe(url);
    });

    it('shows the file chosen last when a second is chosen while the first is being checked', async () => {
      const shown = await afterCheck(page, async () => {
        await page.setInputFiles('#file-input', fileOf('credential.pdf', web.files['credential.pdf']!));
        await page.setInputFiles('#file-input', fileOf('sealed-tampered.json', web.files['sealed-tampered.json']!));
      });
      // Let a late answer for the first file arrive, if it were to.
      await page.waitForTimeout(1_500);
      const settled = await readShown(page);
      expect({ file: settled.file, kind: settled.kind, state: settled.state }).toEqual({ file: 'sealed-tampered.json', kind: 'sealed', state: 'not-genuine' });
      expect(settled).toEqual(shown);
    });

    it('shows which SD-JWT VC claims were disclosed and which were withheld', async () => {
      const full = await pick(page, 'sd-jwt-vc.sd-jwt', web.files['sd-jwt-vc.sd-jwt']!);
      expect(full.sdJwt.visible).toBe(true);
      expect(full.sdJwt.disclosed.length).toBeGreaterThan(5);
      const presented = await pick(page, 'sd-jwt-vc-presented.sd-jwt', web.files['sd-jwt-vc-presented.sd-jwt']!);
      expect(presented.sdJwt.visible).toBe(true);
      expect(presented.sdJwt.undisclosed.length).toBeGreaterThan(0);
      expect(presented.sdJwt.disclosed.length).toBeLessThan(full.sdJwt.disclosed.length);
      // Withheld claims are neither listed as disclosed nor shown in the table.
      expect(presented.sdJwt.disclosed.filter((c) => presented.sdJwt.undisclosed.includes(c))).toEqual([]);
      expect(full.elements.find((r) => r.id === 'M6')?.present).toBe('true');
      expect(presented.elements.find((r) => r.id === 'M6')?.present).toBe('false');
      expect(presented.elements.find((r) => r.id === 'M2')?.present).toBe('true');
      // Any other kind: the SD-JWT section is hidden.
      const other = await pick(page, 'model.json', web.files['model.json']!);
      expect(other.sdJwt.visible).toBe(false);
    });

    it('checks the EU\'s own sealed sample: unconfirmed without its CA, and never blames the sealing for a certificate that expired later', async () => {
      const alone = await pick(page, 'Sample-MC-Annex1-signed.jsonld', EU_SEALED);
      expect({ kind: alone.kind, state: alone.state }).toEqual({ kind: 'sealed', state: 'unconfirmed' });
      expect(alone.signer).toContain('TEST SEAL');
      expect(alone.elements.filter((r) => r.present === 'true').length).toBeGreaterThanOrEqual(11);
      // It cannot be read as a whole micro-credential (no M11): the picture is the issuer's own JPEG
      // page from its displayParameter, said to be the issuer's and marked not verified.
      const picture = await page.evaluate(() => {
        const img = document.querySelector<HTMLImageElement>('#picture');
        const note = document.querySelector<HTMLElement>('#picture-issuer-note');
        return { src: img?.src ?? '', alt: img?.alt ?? '', shown: !!img && img.offsetParent !== null && img.naturalWidth > 0, ratio: img ? img.naturalHeight / img.naturalWidth : 0, note: note && note.offsetParent !== null ? note.textContent : null };
      });
      expect(picture.shown).toBe(true);
      expect(picture.src).toMatch(/^blob:/);
      expect(picture.ratio).toBeCloseTo(1123 / 794, 2);
      expect(picture.alt).toMatch(/^Not verified: /);
      expect(picture.note).toMatch(/issuer's own picture/);
      // Sealed on 27 September 2023 with a certificate valid until 10 May 2025, checked today with its
      // CA loaded: whatever the page concludes, the seal is intact, and the certificate had not
      // expired when the credential was sealed.
      const anchored = await afterCheck(page, () => page.setInputFiles('#trust-input', fileOf('anf-eseal-ca.pem', ANF_CA)));
      expect(anchored.state).not.toBe('not-genuine');
      for (const r of anchored.reasons) expect(r.text).not.toMatch(/expired when the credential was sealed/);
    }, 60_000);

    it('checks the EU\'s own sealed sample on a day its certificate was valid: genuine, chaining to the CA loaded, with the elements of the unsigned sample', async () => {
      // The seal's certificate was valid from 11 May 2023 to 10 May 2025: the page is opened on 1 June 2024.
      const then = await openWebPage(browser, site.origin, { locale: 'en-GB', fixedTime: new Date('2024-06-01T12:00:00Z') });
      try {
        const p = then.page;
        await watchChecks(p);
        await p.setInputFiles('#trust-input', fileOf('anf-eseal-ca.pem', ANF_CA));
        await expect.poll(() => trustItems(p)).toEqual([{ kind: 'anchor', text: expect.stringContaining('anf-eseal-ca.pem') }]);
        const sealed = await pick(p, 'Sample-MC-Annex1-signed.jsonld', EU_SEALED);
        expect({ kind: sealed.kind, state: sealed.state }).toEqual({ kind: 'sealed', state: 'genuine' });
        expect(sealed.signer).toContain('TEST SEAL');
        expect(sealed.signer).toContain('anf-eseal-ca.pem');
        const unsigned = await pick(p, 'Sample-MC-Annex1-unsigned.jsonld', EU_UNSIGNED);
        expect({ kind: unsigned.kind, state: unsigned.state }).toEqual({ kind: 'elm', state: 'not-signed' });
        // The EU's unsigned sample has the elements of the sealed one (its values differ a little: another issuer, date, e-mail).
        expect(sealed.elements.map((r) => [r.id, r.present])).toEqual(unsigned.elements.map((r) => [r.id, r.present]));
        expect(sealed.elements.find((r) => r.id === 'M2')!.cells[2]).toBe('Digital micro-credential creation');
        expect(then.offOrigin).toEqual([]);
        expect(then.pageErrors).toEqual([]);
        expect(then.requests.filter((r) => r.afterReady)).toEqual([]);
      } finally {
        await then.close();
      }
    }, 60_000);
  });

  describe('trust and status lists', () => {
    it('re-checks the shown file when a signer\'s DID document, trust anchor or key is loaded, and when it is removed', async () => {
      const cases: [file: string, trust: string, kind: string][] = [
        ['signed-did-web.jsonld', 'did-web.did.json', 'controller'],
        ['sealed.json', 'seal-root-ca.pem', 'anchor'],
        ['sd-jwt-vc.sd-jwt', 'sd-jwt-issuer.jwk.json', 'key'],
      ];
      for (const [file, trustFile, kind] of cases) {
        expect(web.needs[file]).toEqual([trustFile]);
        const before = await pick(page, file, web.files[file]!);
        expect(before.state, file).toBe(web.expected[file]!.state);
        const after = await afterCheck(page, () => page.setInputFiles('#trust-input', fileOf(trustFile, web.trust[trustFile]!)));
        expect(after.file, file).toBe(file);
        expect(after.state, `${file} with ${trustFile}`).toBe(web.expected[file]!.withTrust);
        const items = await trustItems(page);
        expect(items, file).toEqual([{ kind, text: expect.stringContaining(trustFile) }]);
        const removed = await afterCheck(page, () => page.click('#trust-list li button'));
        expect(removed.state, `${file} after removing ${trustFile}`).toBe(web.expected[file]!.state);
        expect(await trustItems(page)).toEqual([]);
      }
      // The seal's signer as people read it: the certificate's subject, and the anchor it chains to.
      await pick(page, 'sealed.json', web.files['sealed.json']!);
      const anchored = await afterCheck(page, () => page.setInputFiles('#trust-input', fileOf('seal-root-ca.pem', web.trust['seal-root-ca.pem']!)));
      expect(anchored.signer).toContain('Test University eSeal');
      expect(anchored.signer).toContain('seal-root-ca.pem');
    }, 60_000);

    it('says what is wrong with a file that is no trust material, in an alert', async () => {
      await page.setInputFiles('#trust-input', fileOf('holiday.txt', new TextEncoder().encode('not a certificate')));
      const problem = page.locator('#trust-problem');
      await problem.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await problem.getAttribute('role')).toBe('alert');
      expect(await problem.innerText()).toContain('holiday.txt');
      expect(await trustItems(page)).toEqual([]);
    });

    it('judges revocation with a status list loaded through the status input', async () => {
      const before = await pick(page, 'signed-revoked.jsonld', web.files['signed-revoked.jsonld']!);
      expect(before.revocation.state).toBe('not-checked');
      const after = await afterCheck(page, () => page.setInputFiles('#status-input', fileOf('status-list.json', web.trust['status-list.json']!)));
      expect(after.revocation.state).toBe('revoked');
      expect(after.state).toBe('genuine');
      expect(await trustItems(page)).toEqual([{ kind: 'status', text: expect.stringContaining('status-list.json') }]);
      const good = await pick(page, 'signed-did-key.jsonld', web.files['signed-did-key.jsonld']!);
      expect(good.revocation.state).toBe('valid');
      await removeAllTrust(page);
    });

    it('with every trust file loaded, gives every file its trusted verdict; tampered files stay not genuine', async () => {
      const trustFiles = Object.keys(web.trust).filter((n) => n !== 'status-list.json');
      await page.setInputFiles('#trust-input', trustFiles.map((n) => fileOf(n, web.trust[n]!)));
      await page.setInputFiles('#status-input', fileOf('status-list.json', web.trust['status-list.json']!));
      await expect.poll(() => trustItems(page).then((t) => t.length), { timeout: 10_000 }).toBe(Object.keys(web.trust).length);
      for (const [name, bytes] of Object.entries(web.files)) {
        const e = web.expected[name]!;
        if (e.withTrust === e.state && e.revocationWithTrust === e.revocation && e.state !== 'not-genuine') continue;
        const shown = await pick(page, name, bytes);
        expect({ state: shown.state, revocation: shown.revocation.state }, `${name} (${e.about}) with trust`).toEqual({ state: e.withTrust, revocation: e.revocationWithTrust });
      }
      await removeAllTrust(page);
    }, 60_000);
  });

  describe('an issuer\'s own copy with its trust preloaded (build-web --trust)', () => {
    it('starts with the trust files listed as preloaded, checks with them, and lets the user remove them', async () => {
      const folder = temporaryFolder('eumc-web-preloaded-');
      let preSite: StaticSite | undefined;
      let opened: OpenedWebPage | undefined;
      try {
        const files = join(folder.dir, 'trust');
        mkdirSync(files);
        for (const name of ['seal-root-ca.pem', 'did-web.did.json', 'status-list.json']) writeFileSync(join(files, name), web.trust[name]!);
        writeFileSync(join(files, 'trust.json'), JSON.stringify({ trustAnchors: ['seal-root-ca.pem'], controllers: ['did-web.did.json'], statusLists: ['status-list.json'] }));
        await buildWebPage(root, join(folder.dir, 'site'), { trust: join(files, 'trust.json') });
        preSite = await serveDirectory(join(folder.dir, 'site'));
        opened = await openWebPage(browser, preSite.origin, { locale: 'en-GB' });
        const p = opened.page;
        await watchChecks(p);
        const items = await trustItems(p);
        expect(items.map((i) => i.kind)).toEqual(['anchor', 'controller', 'status']);
        for (const [i, name] of ['seal-root-ca.pem', 'did-web.did.json', 'status-list.json'].entries()) {
          expect(items[i]!.text).toContain(name);
          expect(items[i]!.text.toLowerCase()).toContain('preloaded');
        }
        for (const name of ['sealed.json', 'signed-did-web.jsonld', 'signed-revoked.jsonld', 'sealed-tampered.json']) {
          const shown = await pick(p, name, web.files[name]!);
          const e = web.expected[name]!;
          expect({ state: shown.state, revocation: shown.revocation.state }, name).toEqual({ state: e.withTrust, revocation: e.revocationWithTrust });
        }
        // The user may still take the issuer's anchor away: the seal is then unconfirmed.
        await pick(p, 'sealed.json', web.files['sealed.json']!);
        const removed = await afterCheck(p, () => p.locator('#trust-list li[data-trust-kind="anchor"] button').click());
        expect(removed.state).toBe('unconfirmed');
        expect(opened.offOrigin).toEqual([]);
        expect(opened.pageErrors).toEqual([]);
        expect(opened.requests.filter((r) => r.afterReady)).toEqual([]);
      } finally {
        await opened?.close();
        await preSite?.close();
        folder.remove();
      }
    }, 60_000);
  });

  describe('paste', () => {
    it('checks pasted text: the issues of model JSON, grouped by element, with code, path and message', async () => {
      const cases = [invalidFixtures.find((f) => f.name === 'learner-email-invalid')!, invalidFixtures.find((f) => f.name === 'typo-in-element-name')!, validFixtures.find((f) => f.name === 'non-ects-workload')!];
      for (const f of cases) {
        const shown = await paste(page, JSON.stringify(f.doc, null, 2));
        expect(shown.file, f.name).toBe('pasted text');
        expect({ kind: shown.kind, state: shown.state }, f.name).toEqual({ kind: 'model', state: 'not-signed' });
        const listed = shown.issues.flatMap((s) => s.items.map((i) => ({ element: s.element, code: i.code, path: i.path, severity: i.severity })));
        const expected = f.expected.map((i) => ({ element: ELEMENT_OF_FIELD[i.path.split('/')[1]!] ?? 'other', code: i.code, path: i.path, severity: i.severity }));
        expect(listed.sort(byKey), f.name).toEqual(expected.sort(byKey));
        for (const s of shown.issues) for (const i of s.items) expect(i.text, f.name).toContain((i.path ?? '').split('/').pop()!);
        // The table counts them per element and links to their group.
        for (const id of new Set(expected.map((i) => i.element).filter((x) => x !== 'other'))) {
          const row = shown.elements.find((r) => r.id === id)!;
          expect(row.cells[3], `${f.name} ${id}`).toContain(String(expected.filter((i) => i.element === id).length));
          expect(row.linkTarget, `${f.name} ${id} links to its issues`).toBe(id);
        }
      }
    });

    it('shows markup in a credential as text: nothing in it becomes an element, a request or a script', async () => {
      const markup = '<img src="https://example.org/pixel.png" onerror="document.title=\'owned\'"><b>bold</b>';
      const doc = { ...HIGHER_EDUCATION, title: `Course ${markup}`, learner: { ...HIGHER_EDUCATION.learner, fullName: '<script>document.title="owned"</script>Aoife' } };
      const shown = await paste(page, JSON.stringify(doc));
      expect(shown.state).toBe('not-signed');
      expect(shown.elements.find((r) => r.id === 'M2')!.cells[2]).toContain(markup);
      expect(shown.elements.find((r) => r.id === 'M1')!.cells[2]).toContain('<script>');
      expect(shown.picture.alt).toContain(markup);
      const injected = await page.evaluate(() => ({
        images: Array.from(document.querySelectorAll('img')).filter((i) => i.id !== 'picture').length,
        bold: document.querySelectorAll('#result b, #details b').length,
        scripts: Array.from(document.scripts).filter((x) => !x.src).length,
        title: document.title,
      }));
      expect(injected).toEqual({ images: 0, bold: 0, scripts: 0, title: 'Micro-credential verifier' });
      expect(main.offOrigin).toEqual([]);
      expect(main.requests.filter((r) => r.url.includes('example.org'))).toEqual([]);
    });

    it('checks a pasted SD-JWT VC as the same file picked', async () => {
      const shown = await paste(page, new TextDecoder().decode(web.files['sd-jwt-vc.sd-jwt']!));
      expect({ file: shown.file, kind: shown.kind, state: shown.state }).toEqual({ file: 'pasted text', kind: 'sd-jwt-vc', state: 'unconfirmed' });
    });
  });

  describe('the picture', () => {
    it('switches the picture between the languages the credential carries', async () => {
      const shown = await pick(page, 'signed-did-key.jsonld', web.files['signed-did-key.jsonld']!);
      expect(shown.pictureLanguageOptions).toEqual(credentialLanguages(MULTILINGUAL));
      // The page is in English and the credential has English: the picture is in English.
      expect(shown.pictureLanguages.value).toBe('en');
      const english = await page.locator('#picture').screenshot();
      const srcBefore = shown.picture.src;
      await page.selectOption('#picture-lang', 'ga');
      await page.waitForFunction((src) => {
        const img = document.querySelector<HTMLImageElement>('#picture');
        return !!img && img.getAttribute('src') !== src && img.complete && img.naturalWidth > 0;
      }, srcBefore);
      const irish = await page.locator('#picture').screenshot();
      expect(Buffer.compare(english, irish)).not.toBe(0);
      expect(await page.locator('#picture').getAttribute('alt')).toContain('Gaeilge don Ionad Oibre');
      // The table stays in the page's language.
      expect((await readShown(page)).elements.find((r) => r.id === 'M2')!.cells[2]).toContain('Irish for the Workplace');
    });
  });

  describe('exports', () => {
    const download = async (id: string) => {
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click(`#${id}`)]);
      return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
    };

    it('downloads the picture, the PDF with the signed file attached, ELM, Open Badges and a report that says what the page says', async () => {
      const signedBytes = web.files['signed-did-key.jsonld']!;
      const shown = await pick(page, 'signed-did-key.jsonld', signedBytes);
      for (const [id, b] of Object.entries(shown.exports)) expect(b.disabled, id).toBe(false);

      const png = await download('export-png');
      expect(png.name).toMatch(/\.png$/);
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

      const pdf = await download('export-pdf');
      expect(pdf.name).toMatch(/\.pdf$/);
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The checked file rides along, byte for byte (read with pdf-lib, not with the page's reader).
      expect((await embeddedFiles(pdf.bytes)).map((b) => b.equals(Buffer.from(signedBytes)))).toContain(true);

      const elm = await download('export-elm');
      expect(elm.name).toMatch(/\.json(ld)?$/);
      expect((JSON.parse(elm.bytes.toString('utf8')) as { type: string[] }).type).toContain('EuropeanDigitalCredential');

      const ob3 = await download('export-ob3');
      expect(ob3.name).toMatch(/\.json(ld)?$/);
      expect((JSON.parse(ob3.bytes.toString('utf8')) as { type: string[] }).type).toContain('OpenBadgeCredential');

      const report = await download('export-report');
      expect(report.name).toMatch(/\.json$/);
      const parsed = JSON.parse(report.bytes.toString('utf8')) as { format: string; file: { name: string; size: number }; kind: string; verdict: { state: string }; revocation: { state: string }; validity: { state: string }; elements: { id: string; present: boolean }[] };
      expect(parsed.format).toBe('eumc-verifier-report/1');
      expect({ name: parsed.file.name, size: parsed.file.size, kind: parsed.kind, state: parsed.verdict.state, validity: parsed.validity.state, revocation: parsed.revocation.state }).toEqual({
        name: shown.file,
        size: signedBytes.length,
        kind: shown.kind,
        state: shown.state,
        validity: shown.validity.state,
        revocation: shown.revocation.state,
      });
      expect(parsed.elements.map((e) => [e.id, String(e.present)])).toEqual(shown.elements.map((r) => [r.id, r.present]));
    });

    it('a tampered file\'s report says not genuine too, and its PDF and ELM exports are refused with a reason', async () => {
      const shown = await pick(page, 'signed-did-key-tampered.jsonld', web.files['signed-did-key-tampered.jsonld']!);
      expect(shown.state).toBe('not-genuine');
      const report = JSON.parse((await download('export-report')).bytes.toString('utf8')) as { verdict: { state: string; reasons: { code: string }[] } };
      expect(report.verdict.state).toBe('not-genuine');
      expect(report.verdict.reasons.map((r) => r.code)).toEqual(shown.reasons.map((r) => r.code));
      for (const id of ['export-png', 'export-pdf', 'export-elm', 'export-ob3']) {
        expect(shown.exports[id]!.disabled, id).toBe(true);
        expect(shown.exports[id]!.title, id).toMatch(/\w{3,}/);
      }
    });
  });

  describe('language', () => {
    it('speaks the browser\'s language (de-DE → German), and re-labels itself when another is chosen', async () => {
      const german = await openWebPage(browser, site.origin, { locale: 'de-DE', viewport: { width: 1280, height: 900 } });
      try {
        const p = german.page;
        expect(await p.evaluate(() => [document.documentElement.lang, (document.getElementById('page-lang') as HTMLSelectElement).value])).toEqual(['de', 'de']);
        const body = await p.locator('body').innerText();
        expect(body).toContain(edcString('de', 'btn.uploadCredential'));
        expect(body).not.toContain('Upload credential');
        await p.selectOption('#page-lang', 'fr');
        await p.waitForFunction(() => document.documentElement.lang === 'fr');
        const french = await p.locator('body').innerText();
        expect(french).toContain(edcString('fr', 'btn.uploadCredential'));
        expect(french).not.toContain(edcString('de', 'btn.uploadCredential'));
        expect(german.pageErrors).toEqual([]);
        expect(german.offOrigin).toEqual([]);
        expect(german.requests.filter((r) => r.afterReady)).toEqual([]);
      } finally {
        await german.close();
      }
    });

    it('re-labels a shown result in the language chosen, with the same verdict', async () => {
      const labels = (s: Shown) => s.elements.map((r) => r.cells[1]);
      const en = await pick(page, 'sealed.json', web.files['sealed.json']!);
      const de = await afterCheck(page, () => page.selectOption('#page-lang', 'de'));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      expect({ file: de.file, state: de.state, present: de.elements.map((r) => r.present) }).toEqual({ file: en.file, state: en.state, present: en.elements.map((r) => r.present) });
      expect(labels(de)).not.toEqual(labels(en));
      const back = await afterCheck(page, () => page.selectOption('#page-lang', 'en'));
      expect(labels(back)).toEqual(labels(en));
    });
  });

  describe('screenshots and accessibility', () => {
    it('fits a phone (390×844) and a desktop (1280×900): screenshots of a genuine and a tampered check', async () => {
      for (const [name, file] of [
        ['genuine', 'signed-did-key.jsonld'],
        ['not-genuine', 'sealed-tampered.json'],
      ] as const) {
        await page.setViewportSize({ width: 1280, height: 900 });
        await pick(page, file, web.files[file]!);
        writeFileSync(join(ARTIFACTS, `desktop-${name}.png`), await page.screenshot({ fullPage: true }));
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForTimeout(100);
        // Nothing wider than the phone's screen (no sideways scrolling).
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} on a phone`).toBeLessThanOrEqual(390);
        writeFileSync(join(ARTIFACTS, `phone-${name}.png`), await page.screenshot({ fullPage: true }));
        // The narrowest phone the page is made for.
        await page.setViewportSize({ width: 360, height: 740 });
        await page.waitForTimeout(100);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at 360 px`).toBeLessThanOrEqual(360);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    it('has no serious or critical accessibility violation (axe-core) with a checked file', async () => {
      await pick(page, 'signed-did-key.jsonld', web.files['signed-did-key.jsonld']!);
      expect(await axeViolations(page), 'a genuine credential').toEqual([]);
      await pick(page, 'sd-jwt-vc-presented.sd-jwt', web.files['sd-jwt-vc-presented.sd-jwt']!);
      expect(await axeViolations(page), 'an SD-JWT VC presentation').toEqual([]);
      await paste(page, JSON.stringify(invalidFixtures.find((f) => f.name === 'all-mandatory-missing')!.doc));
      expect(await axeViolations(page), 'a model with issues').toEqual([]);
      await pick(page, 'not-a-credential.txt', web.files['not-a-credential.txt']!);
      expect(await axeViolations(page), 'an unreadable file').toEqual([]);
    });
  });

  describe('after all of it', () => {
    it('made no request after it was ready, and never tried to leave its origin', () => {
      // None at all, not even of the page's own blob: URLs (the picture, the downloads), which Chromium does not fetch.
      expect(main.requests.filter((r) => r.afterReady)).toEqual([]);
      expect(main.offOrigin).toEqual([]);
      expect(main.pageErrors).toEqual([]);
      expect(main.consoleErrors).toEqual([]);
      // The server agrees: the two pages that opened asked for the built files only.
      expect(new Set(site.served.map((s) => s.path.replace(/^\/$/, '/index.html')))).toEqual(new Set(builtFiles.map((f) => `/${f}`)));
    });
  });
});

const AXE = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * The serious and critical violations axe-core finds on the page as it is now. axe's script is
 * evaluated through DevTools (not added as a <script>, which the page's policy rightly refuses), so
 * the page is checked as served, its Content Security Policy in force.
 */
async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const byKey = (a: { element?: string; code?: string; path?: string }, b: typeof a) => `${a.element} ${a.code} ${a.path}`.localeCompare(`${b.element} ${b.code} ${b.path}`);

/** The embedded files of a PDF (its EmbeddedFile streams, decoded). */
async function embeddedFiles(pdf: Uint8Array): Promise<Buffer[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream && o.dict.get(PDFName.of('Type')) === PDFName.of('EmbeddedFile'))
    .map((o) => Buffer.from(decodePDFRawStream(o).decode()));
}

async function trustItems(page: Page): Promise<{ kind: string | undefined; text: string }[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('#trust-list li[data-trust-kind]')).map((li) => ({ kind: li.dataset.trustKind, text: li.innerText.trim() })));
}

/** Removes every loaded trust item through its remove button (the shown file is re-checked each time). */
async function removeAllTrust(page: Page): Promise<void> {
  while ((await page.locator('#trust-list li[data-trust-kind] button').count()) > 0) {
    const hasResult = (await page.locator('#result[data-kind]').count()) > 0;
    if (hasResult) await afterCheck(page, () => page.locator('#trust-list li[data-trust-kind] button').first().click());
    else await page.locator('#trust-list li[data-trust-kind] button').first().click();
  }
}
