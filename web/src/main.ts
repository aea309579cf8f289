/**
 * The verifier page: check a micro-credential file in the browser, nothing uploaded. At start it
 * fetches resvg's WebAssembly and the font from its own origin, starts the renderer and says
 * `html[data-ready=true]`; after that it makes no request. Checking is web/src/inspect/ (no DOM);
 * the views are web/src/ui/.
 */
import { initRenderer } from 'eu-micro-credentials/render';
import { inspect } from './inspect/index.js';
import type { InspectInput, InspectReport, Trust } from './inspect/types.js';
import { PAGE_LANGUAGES, pickPageLanguage } from './strings.js';
import { byId, h } from './ui/dom.js';
import { showElements } from './ui/elements.js';
import { refreshPngButton, showExports, wireExports } from './ui/exports.js';
import { language, nativeName, relabel, setLanguage, t } from './ui/i18n.js';
import { wireInput } from './ui/input.js';
import { showIssues } from './ui/issues.js';
import { onPictureDrawn, setRendererReady, showPicture } from './ui/picture.js';
import { showSdJwt } from './ui/sd-jwt.js';
import { markUnverified } from './ui/unverified.js';
import { currentTrust, relabelTrust, wireTrust } from './ui/trust.js';
import { clearVerdict, showVerdict } from './ui/verdict.js';

/** Trust embedded by `build-web --trust` (null without it). */
declare const __EUMC_PRELOADED_TRUST__: Trust | null;

const FONTS = { regular: 'fonts/NotoSans_400Regular.ttf', bold: 'fonts/NotoSans_700Bold.ttf' } as const;

async function fetchBytes(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, document.baseURI), { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Fetches the WebAssembly and the font once, starts the renderer and gives the page the same font. */
async function startRenderer(): Promise<boolean> {
  try {
    const [wasm, regular, bold] = await Promise.all([fetchBytes('resvg.wasm'), fetchBytes(FONTS.regular), fetchBytes(FONTS.bold)]);
    await initRenderer({ wasm, fonts: { regular, bold } });
    try {
      const faces = [new FontFace('Noto Sans', regular.slice().buffer, { weight: '400' }), new FontFace('Noto Sans', bold.slice().buffer, { weight: '700' })];
      for (const face of await Promise.all(faces.map((f) => f.load()))) document.fonts.add(face);
    } catch {
      // The page's own text falls back to the system font; the pictures have theirs.
    }
    return true;
  } catch {
    return false;
  }
}

// ---- The page language ----

function fillLanguages(select: HTMLSelectElement): void {
  select.replaceChildren(...PAGE_LANGUAGES.map((tag) => h('option', { value: tag, lang: tag }, nativeName(tag))));
  select.value = language();
}

function applyLanguage(lang: string): void {
  setLanguage(lang);
  document.documentElement.lang = language();
  relabel();
  document.title = t('pageTitle');
  relabelTrust();
}

// ---- Checking ----

let current: InspectInput | undefined;
let ticket = 0;
let renderer: Promise<boolean> = Promise.resolve(false);

const result = (): HTMLElement => byId('result');

/** Marks #result busy at once (synchronously, in the event that brought the file). */
function begin(name: string): void {
  const element = result();
  element.dataset.file = name;
  element.dataset.busy = 'true';
  element.setAttribute('aria-busy', 'true');
  delete element.dataset.kind;
  byId('result-busy').hidden = false;
  byId('result-empty').hidden = true;
}

/** A report for what inspect() should never do: throw. */
function failedReport(input: InspectInput, error: unknown): InspectReport {
  return {
    format: 'eumc-verifier-report/1',
    file: { name: input.name, size: input.bytes.length, sha256: '' },
    kind: 'unknown',
    container: 'text',
    checkedAt: new Date().toISOString(),
    verdict: { state: 'unreadable', mechanism: null, reasons: [{ code: 'page-error', text: `The page could not check this file: ${error instanceof Error ? error.message : String(error)}` }] },
    validity: { state: 'no-period' },
    revocation: { state: 'no-status', entries: [] },
    partial: false,
    languages: [],
    elements: [],
    issues: [],
  };
}

async function check(input: InspectInput, options: { scroll: boolean }): Promise<void> {
  const mine = ++ticket;
  current = input;
  begin(input.name);
  let report: InspectReport;
  try {
    report = await inspect(input, currentTrust(), { lang: language() });
  } catch (error) {
    report = failedReport(input, error);
  }
  await present(report, mine, options);
}

/** Shows `report` (of check number `mine`; a later check wins) and says so on #result. */
async function present(report: InspectReport, mine: number, options: { scroll: boolean }): Promise<void> {
  if (mine !== ticket) return;
  showVerdict(report);
  showElements(report);
  showIssues(report);
  showSdJwt(report);
  markUnverified(report);
  byId('details').hidden = false;
  document.body.classList.add('has-result');
  byId('details').classList.toggle('no-picture', report.model === undefined);
  // No model: nothing was read to show, and of a file that is not genuine nothing at all is shown.
  const noContent = report.model === undefined && (report.verdict.state === 'not-genuine' || !report.elements.some((row) => row.present));
  byId('elements').closest('section')!.hidden = noContent;
  if (noContent) byId('sd-jwt').hidden = true;
  // Nothing read and nothing found: "no issues found" would say the content was checked.
  byId('issues').closest('section')!.hidden = report.model === undefined && report.issues.length === 0;
  await renderer;
  if (mine !== ticket) return;
  await showPicture(report, language());
  await showExports(report);
  if (mine !== ticket) return;
  const element = result();
  element.dataset.kind = report.kind;
  delete element.dataset.busy;
  element.setAttribute('aria-busy', 'false');
  byId('result-busy').hidden = true;
  if (options.scroll) element.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'start' });
}

function recheck(): void {
  if (current !== undefined) void check(current, { scroll: false });
}

function main(): void {
  const preloaded = typeof __EUMC_PRELOADED_TRUST__ === 'undefined' ? null : __EUMC_PRELOADED_TRUST__;
  applyLanguage(pickPageLanguage(navigator.languages ?? [navigator.language]));
  const select = byId<HTMLSelectElement>('page-lang');
  fillLanguages(select);
  select.addEventListener('change', () => {
    applyLanguage(select.value);
    recheck();
  });
  clearVerdict();
  wireTrust(preloaded, recheck);
  wireExports();
  wireInput({
    begin,
    check: (input) => void check(input, { scroll: true }),
    fail: (name, error) => {
      const input = { name, bytes: new Uint8Array(0) };
      current = undefined;
      void present(failedReport(input, error), ++ticket, { scroll: true });
    },
  });
  onPictureDrawn(refreshPngButton);

  renderer = startRenderer();
  void renderer.then((ok) => {
    setRendererReady(ok);
    const loading = byId('loading');
    if (ok) {
      loading.hidden = true;
      document.documentElement.dataset.ready = 'true';
    } else {
      loading.textContent = t('loadFailed');
      loading.classList.add('problem');
      document.documentElement.dataset.ready = 'false';
    }
  });
}

main();
