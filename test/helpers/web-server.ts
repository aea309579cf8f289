/**
 * The harness of the verifier page's browser tests (test/web-page.test.ts) and of
 * scripts/update-web-screenshots.mjs: builds the page (`node scripts/build-web.mjs --out <dir>`),
 * serves the built folder as a static site from 127.0.0.1 (no server logic: what any static host
 * does, with the right media types, application/wasm included), and opens it in Debian's Chromium
 * (headless, a fresh profile, no name resolution beyond 127.0.0.1) with every request, every attempt
 * to leave the origin (aborted), every page error and console error recorded.
 *
 * Node only (node:http, node:child_process); no import from src/ or web/, so that the script can
 * bundle it with esbuild.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/**
 * Chromium's arguments: those of the browser tests (test/helpers/chromium.ts: no sandbox, nothing
 * that phones home), and no name resolution at all except 127.0.0.1, so that a request that
 * escaped the page's policy and the harness's routing still could not reach anything.
 */
export const WEB_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** The media types a static host gives the built page's files. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
});

/**
 * Builds the page into `out` with the repository's script (a child process: the caller may make its
 * files meanwhile); rejects with the script's output when it fails.
 */
export function buildWebPage(root: string, out: string, options: { trust?: string } = {}): Promise<{ ms: number }> {
  const started = Date.now();
  const args = [join(root, 'scripts', 'build-web.mjs'), '--out', out, ...(options.trust ? ['--trust', options.trust] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 180_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`node ${args.join(' ')} failed (${error.code ?? error.signal ?? error.message}):\n${stdout}\n${stderr}`));
      if (!existsSync(join(out, 'index.html'))) return reject(new Error(`node ${args.join(' ')} wrote no index.html into ${out}`));
      resolve({ ms: Date.now() - started });
    });
  });
}

/** One request the static server answered. */
export interface ServedRequest {
  at: number;
  method: string;
  path: string;
  status: number;
  /** The media type answered (`content-type`), when a file was. */
  type?: string;
}

export interface StaticSite {
  origin: string;
  /** Every request the server received, in order. */
  served: ServedRequest[];
  close(): Promise<void>;
}

/** Serves `dir` read-only from 127.0.0.1 on a free port: GET/HEAD of its files, `/` → index.html, 404 otherwise. */
export async function serveDirectory(dir: string): Promise<StaticSite> {
  const served: ServedRequest[] = [];
  const server = createServer((req, res) => {
    const answer = (status: number, headers: Record<string, string> = {}, body?: Buffer) => {
      served.push({ at: Date.now(), method: req.method ?? '', path: req.url ?? '', status, ...(headers['content-type'] ? { type: headers['content-type'] } : {}) });
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return answer(400);
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir) + sep) || !existsSync(file) || !statSync(file).isFile()) return answer(404);
    const type = MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return answer(200, { 'content-type': type }, readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Launches Debian's Chromium (playwright gives it a fresh, temporary profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: WEB_CHROMIUM_ARGS });
}

/** A request the page made, and whether it came after the page said it was ready. */
export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  afterReady: boolean;
}

/** One opened verifier page in its own browser context, and everything it did. */
export interface OpenedWebPage {
  context: BrowserContext;
  page: Page;
  origin: string;
  /** Every request of the context (network, blob: and data: alike), in order. */
  requests: RecordedRequest[];
  /** Requests to anything but `origin` (aborted by the harness). */
  offOrigin: string[];
  /** Requests that failed (an abort by the harness included). */
  failedRequests: string[];
  pageErrors: string[];
  consoleErrors: string[];
  /** The time from `goto` to `html[data-ready=true]`, in ms. */
  readyMs: number;
  close(): Promise<void>;
}

/**
 * Opens `origin`'s page in a new context of `browser` (its own empty storage; with `fixedTime`, a
 * clock that says that time), routes every request
 * not to `origin` to an abort (recorded in `offOrigin`), records every request and error, and waits
 * until the page says it is ready (`document.documentElement.dataset.ready === 'true'`).
 */
export async function openWebPage(browser: Browser, origin: string, options: BrowserContextOptions & { fixedTime?: Date } = {}): Promise<OpenedWebPage> {
  const { fixedTime, ...contextOptions } = options;
  const context = await browser.newContext({ acceptDownloads: true, ...contextOptions });
  // A page that lives at another time (`Date` says `fixedTime`; timers run as usual).
  if (fixedTime) await context.clock.setFixedTime(fixedTime);
  const page = await context.newPage();
  let ready = false;
  const opened: OpenedWebPage = {
    context,
    page,
    origin,
    requests: [],
    offOrigin: [],
    failedRequests: [],
    pageErrors: [],
    consoleErrors: [],
    readyMs: NaN,
    close: () => context.close(),
  };
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      opened.offOrigin.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  context.on('request', (r) => opened.requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType(), afterReady: ready }));
  context.on('requestfailed', (r) => opened.failedRequests.push(`${r.url()}: ${r.failure()?.errorText ?? ''}`));
  page.on('pageerror', (e) => opened.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') opened.consoleErrors.push(`${m.location().url}: ${m.text()}`);
  });
  const started = Date.now();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 30_000 });
  opened.readyMs = Date.now() - started;
  ready = true;
  return opened;
}

/** A temporary folder, removed by the returned function. */
export function temporaryFolder(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
