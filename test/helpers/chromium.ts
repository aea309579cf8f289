/**
 * The harness of the browser tests: a test page bundled by esbuild for the browser, served from
 * 127.0.0.1 and opened in Debian's Chromium (headless, a fresh profile), with every request, failed
 * request, page error and console error recorded. test/browser.test.ts and
 * test/browser-sd-jwt-vc.test.ts open their pages with it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** The arguments the brief of the browser tests fixes: no sandbox (containers), nothing that phones home. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** An opened test page, what it loaded and what it did. */
export interface BundledPage {
  page: Page;
  origin: string;
  metafile: Metafile;
  bundleWarnings: string[];
  requests: string[];
  failedRequests: string[];
  pageErrors: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Bundles `entry` (a file of the repository) for the browser, serves it on a free local port as the
 * only script of an HTML page titled `title`, opens the page in Chromium and waits for its
 * `window.pageReady`.
 */
export async function openBundledPage(options: { root: string; entry: string; title: string; plugins?: Plugin[]; nodePaths?: string[]; profilePrefix: string }): Promise<BundledPage> {
  const result = await build({
    entryPoints: [join(options.root, options.entry)],
    absWorkingDir: options.root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.nodePaths ? { nodePaths: options.nodePaths } : {}),
  });
  const script = result.outputFiles[0]!.text;
  const html = `<!doctype html><meta charset="utf-8"><title>${options.title}</title><script type="module" src="/app.js"></script>`;
  const server = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    else if (req.url === '/favicon.ico') res.writeHead(204).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A fresh, empty profile (playwright passes it as --user-data-dir).
  const profile = mkdtempSync(join(tmpdir(), options.profilePrefix));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const opened: BundledPage = {
    page: context.pages()[0] ?? (await context.newPage()),
    origin,
    metafile: result.metafile,
    bundleWarnings: result.warnings.map((w) => w.text),
    requests: [],
    failedRequests: [],
    pageErrors: [],
    consoleErrors: [],
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
  context.on('request', (r) => opened.requests.push(r.url()));
  context.on('requestfailed', (r) => opened.failedRequests.push(r.url()));
  opened.page.on('pageerror', (e) => opened.pageErrors.push(e.message));
  opened.page.on('console', (m) => {
    if (m.type() === 'error') opened.consoleErrors.push(`${m.location().url}: ${m.text()}`);
  });
  await opened.page.goto(`${origin}/`);
  await opened.page.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true, null, { timeout: 30_000 });
  return opened;
}
