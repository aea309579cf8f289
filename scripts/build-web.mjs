// Builds the verifier page (web/) into a static folder any web server can host:
//   index.html, app.js (web/src/main.ts and the library, one minified ES module, nothing loaded
//   later), app.css (web/style.css), resvg.wasm (@resvg/resvg-wasm's WebAssembly, for the pictures),
//   fonts/ (Noto Sans Regular and Bold and their licence, from the library's dist/fonts/).
// The page imports the library through its public specifiers, which resolve to dist/ through
// package.json `exports`: build the library first (`npm run build:web` runs tsup, then this).
//
//   node scripts/build-web.mjs [--out <dir>] [--trust <trust.json>]
//
// --out    the folder to write (default web/dist); files of an earlier build in it are replaced.
// --trust  a JSON file { "trustAnchors": ["ca.pem"], "controllers": ["did.json"], "issuerKeys":
//          ["key.jwk"], "statusLists": ["list.json"] } (paths relative to that file): embedded in
//          app.js, so the page starts with these trusted (shown as "preloaded"). For an issuer who
//          hosts the page on their own domain with their trust anchors.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { importSources } from './import-sources.mjs';
import { bundledPackages, licenceSections } from './licences.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const require = createRequire(import.meta.url);

/** A problem the user can fix: printed without a stack, exit code 2. */
class UsageError extends Error {}

function parseArgs(argv) {
  const args = { out: join(web, 'dist'), trust: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') {
      console.log('Usage: node scripts/build-web.mjs [--out <dir>] [--trust <trust.json>]');
      process.exit(0);
    }
    if (flag !== '--out' && flag !== '--trust') throw new UsageError(`build-web: unknown argument ${JSON.stringify(arg)} (known: --out <dir>, --trust <file.json>)`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`build-web: ${flag} needs a value`);
    args[flag.slice(2)] = resolve(value);
  }
  return args;
}

// ---- Preloaded trust (--trust) ----

const TRUST_LISTS = ['trustAnchors', 'controllers', 'issuerKeys', 'statusLists'];

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads the --trust file and the files it names into the page's `Trust` object, each file with the
 * page's own reader (web/src/inspect/trust.ts: what a user loads is read the same way), which must
 * find in it what the list it is named under holds.
 */
async function readTrust(trustFile) {
  if (!statSync(trustFile, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`build-web: --trust ${trustFile} is not a file`);
  let spec;
  try {
    spec = JSON.parse(readFileSync(trustFile, 'utf8'));
  } catch (error) {
    throw new UsageError(`build-web: --trust ${trustFile} is not JSON: ${error.message}`);
  }
  if (!isObject(spec)) throw new UsageError(`build-web: --trust ${trustFile} must be a JSON object { "trustAnchors": [...], "controllers": [...], "issuerKeys": [...], "statusLists": [...] }`);
  for (const key of Object.keys(spec)) {
    if (!TRUST_LISTS.includes(key)) throw new UsageError(`build-web: --trust ${trustFile} has an unknown member "${key}" (known: ${TRUST_LISTS.join(', ')})`);
  }
  const { readTrustFile } = await importSources("export { readTrustFile } from './web/src/inspect/trust.ts';", 'build-web-trust');
  const trust = { trustAnchors: [], controllers: [], issuerKeys: [], statusLists: [] };
  for (const list of TRUST_LISTS) {
    const paths = spec[list] ?? [];
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p !== '')) throw new UsageError(`build-web: --trust ${trustFile}: "${list}" must be an array of file paths (relative to that file)`);
    for (const path of paths) {
      const file = resolve(dirname(trustFile), path);
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`build-web: --trust ${trustFile}: ${list} names ${path}, which is not a file (${file})`);
      // A private key would be published in app.js: the reader refuses it, with the reason.
      const { added, problem } = readTrustFile(basename(file), new Uint8Array(readFileSync(file)));
      if (problem !== undefined) throw new UsageError(`build-web: ${file} (${list}): ${problem}`);
      const found = TRUST_LISTS.filter((l) => (added[l] ?? []).length > 0);
      if (found.length !== 1 || found[0] !== list) throw new UsageError(`build-web: ${file} is named under "${list}" but holds ${found.join(', ') || 'nothing the page reads'}`);
      trust[list].push(...added[list]);
    }
  }
  return trust;
}

// ---- The build ----

function need(path, what) {
  if (!existsSync(path)) throw new UsageError(`build-web: ${path} is missing: ${what}`);
  return path;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const distLib = join(root, 'dist');
  need(join(distLib, 'index.js'), 'the library is not built. Run `npx tsup` (or `npm run build:web`, which builds it first).');
  need(join(distLib, 'render.js'), 'the library build has no render entry. Run `npx tsup`.');
  const fontsDir = need(join(distLib, 'fonts'), 'the library build has no fonts. Run `npx tsup` (it copies the fonts into dist/fonts/).');
  const fonts = ['NotoSans_400Regular.ttf', 'NotoSans_700Bold.ttf', 'OFL.txt'].map((name) => need(join(fontsDir, name), 'the library build is incomplete. Run `npx tsup`.'));
  let wasm;
  try {
    wasm = require.resolve('@resvg/resvg-wasm/index_bg.wasm');
  } catch {
    throw new UsageError('build-web: @resvg/resvg-wasm/index_bg.wasm cannot be found (run npm ci)');
  }
  const trust = args.trust === undefined ? null : await readTrust(args.trust);

  const result = await build({
    entryPoints: [join(web, 'src', 'main.ts')],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    splitting: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    legalComments: 'none',
    tsconfig: join(web, 'tsconfig.json'),
    define: { __EUMC_PRELOADED_TRUST__: JSON.stringify(trust) },
    metafile: true,
    write: false,
    logLevel: 'silent',
  }).catch((error) => {
    const messages = (error.errors ?? []).map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
    throw new UsageError(`build-web: esbuild failed:\n  ${messages.join('\n  ') || error.message}`);
  });
  if (result.outputFiles.length !== 1) throw new Error(`build-web: esbuild wrote ${result.outputFiles.length} files; the page must be one script`);
  for (const warning of result.warnings) console.warn(`build-web: warning: ${warning.location ? `${warning.location.file}:${warning.location.line}: ` : ''}${warning.text}`);

  const out = args.out;
  mkdirSync(out, { recursive: true });
  for (const old of ['index.html', 'app.js', 'app.css', 'resvg.wasm', 'fonts', 'THIRD-PARTY-LICENSES.md']) rmSync(join(out, old), { recursive: true, force: true });
  mkdirSync(join(out, 'fonts'));
  writeFileSync(join(out, 'app.js'), result.outputFiles[0].contents);
  copyFileSync(need(join(web, 'index.html'), 'the page itself'), join(out, 'index.html'));
  copyFileSync(need(join(web, 'style.css'), 'the page\'s style sheet'), join(out, 'app.css'));
  copyFileSync(wasm, join(out, 'resvg.wasm'));
  for (const font of fonts) copyFileSync(font, join(out, 'fonts', basename(font)));
  // The bundle carries the library and its dependencies without their comments: their licences
  // travel beside it (the font's OFL is in fonts/).
  const packages = bundledPackages([...Object.keys(result.metafile.inputs), wasm].map((p) => relative(root, resolve(root, p))));
  const own = readFileSync(join(root, 'LICENSE'), 'utf8').trim();
  writeFileSync(
    join(out, 'THIRD-PARTY-LICENSES.md'),
    `# Licences of the code in this page\n\napp.js holds the page and the library eu-micro-credentials (EUPL-1.2), and the packages below; resvg.wasm is @resvg/resvg-wasm's; fonts/ holds Noto Sans (SIL Open Font License, fonts/OFL.txt).\n\n## eu-micro-credentials\n\n\`\`\`\n${own}\n\`\`\`\n\n${licenceSections(packages, root).join('\n')}`,
  );

  const size = (name) => `${(statSync(join(out, name)).size / 1024).toFixed(0)} kB`;
  const preloaded = trust === null ? '' : `, preloaded trust: ${TRUST_LISTS.map((l) => `${trust[l].length} ${l}`).join(', ')}`;
  console.log(`build-web: ${out} (app.js ${size('app.js')}, app.css ${size('app.css')}, resvg.wasm ${size('resvg.wasm')}${preloaded})`);
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
