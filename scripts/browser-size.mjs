// Sizes of browser bundles of the BUILT package (run `npm run size`, which builds first): what an
// application bundling it with esbuild for the browser (`platform: 'browser'`, minified, ES2022)
// ships, for a few import sets. Bytes of the bundle, minified, and minified then gzipped (level 9).
// The figures in docs/browser.md come from this script.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;

/** What each bundle imports, through the package's public specifiers (resolved to dist/). */
const CASES = [
  ['validate() only', "export { validate } from 'eu-micro-credentials';"],
  ['eu-micro-credentials (root)', "export * from 'eu-micro-credentials';"],
  ['eu-micro-credentials/validate-elm', "export * from 'eu-micro-credentials/validate-elm';"],
  ['eu-micro-credentials/vc', "export * from 'eu-micro-credentials/vc';"],
  ['eu-micro-credentials/render', "export * from 'eu-micro-credentials/render';"],
  ['everything (root + validate-elm + vc)', "export * from 'eu-micro-credentials';\nexport * from 'eu-micro-credentials/validate-elm';\nexport * from 'eu-micro-credentials/vc';"],
];

async function bundle(contents, minify) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'entry.js' },
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify,
    legalComments: 'none',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].contents;
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const rows = [];
for (const [name, contents] of CASES) {
  const plain = await bundle(contents, false);
  const minified = await bundle(contents, true);
  const gzipped = gzipSync(minified, { level: 9 });
  rows.push({ name, plain: plain.length, minified: minified.length, gzipped: gzipped.length });
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  console.log('| Bundle | Not minified | Minified | Minified + gzip |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${kB(r.plain)} | ${kB(r.minified)} | ${kB(r.gzipped)} |`);
  console.log(`\nesbuild ${(await import('esbuild')).version}, platform browser, ES2022; gzip level 9 (node:zlib). 1 kB = 1024 bytes.`);
}
