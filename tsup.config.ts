import { defineConfig } from 'tsup';

// ESM and CJS builds of the library with declarations for both (`.d.ts` and `.d.cts`).
// Dependencies stay external: zod and ajv ship both formats; jsonld, rdf-validate-shacl and the
// context packages are required or imported as they are (Node 20.19+ can require() ESM).
// `validate-elm` and `vc` are entries of their own so that the RDF/SHACL and signing stacks stay out
// of the root's import graph.
export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'validate-elm': 'src/validate-elm.ts', vc: 'src/vc.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
  },
  // The `eumc` command line: Node only, ESM only, one file with its shebang.
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
