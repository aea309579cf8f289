import { defineConfig } from 'tsup';

// ESM and CJS builds of the library with declarations for both (`.d.ts` and `.d.cts`).
// Dependencies stay external: zod and ajv ship both formats.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'neutral',
  splitting: false,
  treeshake: true,
});
