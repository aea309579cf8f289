import { defineConfig } from 'tsup';

// ESM and CJS builds of the library with declarations for both (`.d.ts` and `.d.cts`).
// Dependencies stay external: zod and ajv ship both formats; jsonld and the
// context packages are required or imported as they are (Node 20.19+ can require() ESM).
// `validate-elm` and `vc` are entries of their own so that the RDF/SHACL and signing stacks stay out
// of the root's import graph.
// `sign-worker` is the worker thread of signCredentials(), an ES module (dist/sign-worker.js) that
// `vc` starts by a URL relative to itself, from the ES module and the CommonJS build alike (a
// worker thread loads an ES module whatever started it); not an entry users import, so it gets no
// declarations. The CommonJS build gets an `import.meta.url` (from `__filename`) to find it.
// No source maps: they were 8 of the package's 12 MB, and the build is not minified, so a stack
// trace names the library's own functions and lines as they are in dist/.
const libraryEntries = { index: 'src/index.ts', 'validate-elm': 'src/validate-elm.ts', vc: 'src/vc.ts', 'edc-seal': 'src/edc-seal.ts', vocab: 'src/vocab.ts', ob3: 'src/ob3.ts', 'sd-jwt-vc': 'src/sd-jwt-vc.ts', status: 'src/status.ts', render: 'src/render.ts' };
const common = {
  entry: libraryEntries,
  dts: { entry: libraryEntries },
  sourcemap: false,
  target: 'node20',
  platform: 'neutral',
  splitting: false,
  treeshake: true,
} as const;

/**
 * Dependencies published as ES modules only. Node cannot `require()` them where require(esm) is
 * off (Node < 20.19, or `--no-experimental-require-module`), so the CommonJS build carries them
 * (and what they import) inside; their licences are collected into dist/THIRD-PARTY-LICENSES.md.
 */
const ESM_ONLY = [/^@digitalbazaar\//];

/**
 * Removes `import './chunk-….js';` lines (imports of nothing, for ordering) from the files the
 * library's ES module build wrote (the command line's build, which has side effects, is untouched).
 */
const stripBareChunkImports = {
  name: 'strip-bare-chunk-imports',
  async buildEnd(ctx: { writtenFiles: readonly { name: string }[] }) {
    const { readFile, writeFile } = await import('node:fs/promises');
    for (const { name } of ctx.writtenFiles) {
      if (!name.endsWith('.js')) continue;
      const text = await readFile(name, 'utf8');
      const stripped = text.replace(/^import '\.\/chunk-[A-Z0-9]+\.js';\n/gm, '');
      if (stripped !== text) await writeFile(name, stripped);
    }
  },
};

export default defineConfig([
  // ES modules: every dependency stays external. Code the entries share goes into chunks of its
  // own, so that an application importing several entries (a wallet: the root and `vc`) loads it
  // once instead of once per entry.
  {
    ...common,
    entry: { ...libraryEntries, 'sign-worker': 'src/vc/batch/worker.ts' },
    format: ['esm'],
    clean: true,
    splitting: true,
    // esbuild adds bare imports of shared chunks to entries that re-export across chunks
    // (evanw/esbuild#2922); the package declares no side effects, so bundlers drop them anyway, with
    // a warning each. Every chunk is also imported by name where its code is used.
    plugins: [stripBareChunkImports],
    // The render entry's font (Noto Sans Regular and Bold, OFL-1.1) goes into dist/fonts/, where
    // src/render/node/ reads it in Node (after `clean`, which empties dist/).
    onSuccess: 'node scripts/copy-render-fonts.mjs',
  },
  // CommonJS (for Node; browsers and bundlers take the ES modules): the ESM-only dependencies
  // bundled in, and an `import.meta.url`.
  {
    ...common,
    format: ['cjs'],
    platform: 'node',
    clean: false,
    noExternal: ESM_ONLY,
    metafile: true,
    // `import.meta.url` (of this library and of the bundled packages) becomes the bundle's own file
    // URL, encoded properly (tsup's own shim writes `file:` + the path, which `#` breaks).
    define: { 'import.meta.url': 'importMetaUrl' },
    inject: ['scripts/build/cjs-import-meta-url.js'],
    // Each CommonJS entry carries its own copy of the code it needs (CommonJS has no shared chunks):
    // white space and syntax are minified to keep the package small; names are kept, so a stack
    // trace still names the functions.
    esbuildOptions(options) {
      options.minifyWhitespace = true;
      options.minifySyntax = true;
    },
  },
  // The `eumc` command line: Node only, ESM only, with its shebang; `cli-worker` is the worker
  // thread `eumc validate` starts beside it (src/cli/pool.ts), not an entry users import. Split
  // into chunks so that the two share code and each loads only what it runs (a worker checking ELM
  // files never loads the signing stack; a run over model files never loads jsonld): a worker
  // starts in about 0.25 s instead of 0.6 s.
  {
    entry: { cli: 'src/cli.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: true,
    // The command line uses the library as a user would, through the package's public entry points,
    // which Node resolves to the library's own build (a package may import itself by its name): the
    // library's code is not built twice.
    external: [/^eu-micro-credentials($|\/)/],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
