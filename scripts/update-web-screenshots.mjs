// Takes the screenshots docs/verifier-page.md shows: the verifier page (web/) built into a temporary
// folder, served from 127.0.0.1 and opened in Debian's Chromium (as test/web-page.test.ts does), a
// genuine and a tampered credential checked through the page's file input, each seen on a phone
// (390×844: the first screen, the verdict first) and on a desktop (1280 wide: the whole page):
//
//   docs/verifier-page/phone-genuine.png      docs/verifier-page/desktop-genuine.png
//   docs/verifier-page/phone-not-genuine.png  docs/verifier-page/desktop-not-genuine.png
//
//   node scripts/update-web-screenshots.mjs
//
// Needs the library's build (`npx tsup`: the page bundles dist/) and /usr/bin/chromium. The
// credentials are test/helpers/web-files.ts's (made afresh with the library's sources, bundled here
// with esbuild as scripts/update-render-references.mjs does), so the pictures change a little on
// each run (keys, times): run it after a visible change to the page, look at them, commit them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSources } from './import-sources.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs', 'verifier-page');

const SHOTS = [
  { name: 'genuine', file: 'signed-did-key.jsonld', state: 'genuine' },
  { name: 'not-genuine', file: 'signed-did-key-tampered.jsonld', state: 'not-genuine' },
];
const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
];

// The test helpers (web-files.ts finds the fixtures at '../..' from itself; packages resolve from node_modules).
const helpers = await importSources("export * from './test/helpers/web-server.ts'; export { makeWebFiles } from './test/helpers/web-files.ts';", 'web-screenshots');
if (!helpers.haveChromium) {
  console.error(`update-web-screenshots: ${helpers.CHROMIUM} is missing (apt-get install chromium)`);
  process.exit(1);
}

const web = await helpers.makeWebFiles();
const folder = helpers.temporaryFolder('eumc-web-screenshots-');
let site;
let browser;
try {
  await helpers.buildWebPage(ROOT, folder.dir);
  site = await helpers.serveDirectory(folder.dir);
  browser = await helpers.launchChromium();
  mkdirSync(OUT, { recursive: true });
  for (const { name: device, viewport } of VIEWPORTS) {
    const opened = await helpers.openWebPage(browser, site.origin, { locale: 'en-GB', viewport, colorScheme: 'light', reducedMotion: 'reduce' });
    try {
      for (const shot of SHOTS) {
        await opened.page.setInputFiles('#file-input', { name: shot.file, mimeType: 'application/ld+json', buffer: Buffer.from(web.files[shot.file]) });
        await opened.page.waitForFunction(
          ({ file }) => document.querySelector(`#result[data-file="${file}"][data-kind]:not([data-busy])`) !== null,
          { file: shot.file },
          { timeout: 60_000 },
        );
        const state = await opened.page.getAttribute('#verdict', 'data-state');
        if (state !== shot.state) throw new Error(`update-web-screenshots: ${shot.file} is ${state} on the page, expected ${shot.state}`);
        // From the top: on a phone the first screen (the page puts the verdict first), on a desktop the whole page.
        await opened.page.evaluate(() => window.scrollTo(0, 0));
        await opened.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const target = join(OUT, `${device}-${shot.name}.png`);
        writeFileSync(target, await opened.page.screenshot({ fullPage: device === 'desktop' }));
        console.log(`update-web-screenshots: ${target.slice(ROOT.length)} (${shot.file}: ${state})`);
      }
      if (opened.offOrigin.length > 0 || opened.pageErrors.length > 0) {
        throw new Error(`update-web-screenshots: the page tried to leave its origin (${opened.offOrigin.join(', ')}) or failed (${opened.pageErrors.join('; ')})`);
      }
    } finally {
      await opened.close();
    }
  }
} finally {
  await browser?.close();
  await site?.close();
  folder.remove();
}
