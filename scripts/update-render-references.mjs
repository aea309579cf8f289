// Renders the reference pictures: every credential of fixtures/render/ in each of its languages
// (credentialLanguages: the primary one first, then every language its texts carry), as PNG at the
// default width (1123 px, A4 landscape at 96 dpi), with a verification URL so that the QR code
// shows, into docs/render/<fixture>.<lang>.png. These are the committed references that
// test/render-reference.test.ts compares new renders with, and the pictures docs/render.md shows.
//
//   node scripts/update-render-references.mjs           rewrite them all (and remove stale ones)
//   node scripts/update-render-references.mjs --check   write nothing; exit 1 when one would change
//
// It renders the library's sources (bundled here with esbuild), so no build is needed and the
// pictures are those of the code the test runs. Run it after a change to the layout, the labels or
// the font, look at the pictures (git diff shows which changed), and commit them.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSources } from './import-sources.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures', 'render');
const OUT = join(ROOT, 'docs', 'render');
const check = process.argv.includes('--check');

/** The verification URL drawn on each reference (text and QR code). Keep in step with test/render-reference.test.ts. */
export const verifyUrlOf = (name) => `https://verify.example.eu/credentials/${name}`;

// The sources (their packages resolved from node_modules, the font from @expo-google-fonts/noto-sans as in the tests).
const render = await importSources("export { renderPng } from './src/render/raster.ts'; export { credentialLanguages } from './src/render/layout.ts';", 'render-references');

mkdirSync(OUT, { recursive: true });
const written = new Set();
let changed = 0;
for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()) {
  const name = file.slice(0, -'.json'.length);
  const mc = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
  for (const lang of render.credentialLanguages(mc)) {
    const target = `${name}.${lang}.png`;
    const png = await render.renderPng(mc, { lang, verifyUrl: verifyUrlOf(name) });
    written.add(target);
    let old;
    try {
      old = readFileSync(join(OUT, target));
    } catch {
      old = undefined;
    }
    const same = old !== undefined && old.equals(Buffer.from(png));
    if (!same) changed++;
    if (!check && !same) writeFileSync(join(OUT, target), png);
    console.log(`${same ? 'same   ' : old === undefined ? 'new    ' : 'changed'} docs/render/${target} (${png.length} bytes)`);
  }
}
for (const stale of readdirSync(OUT).filter((f) => f.endsWith('.png') && !written.has(f))) {
  changed++;
  console.log(`stale   docs/render/${stale}`);
  if (!check) rmSync(join(OUT, stale));
}
if (check && changed > 0) {
  console.error(`${changed} reference picture(s) would change: run node scripts/update-render-references.mjs`);
  process.exit(1);
}
