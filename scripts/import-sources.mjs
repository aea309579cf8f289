// Imports the repository's TypeScript sources into a Node script (the scripts and benches that run
// the library's or the page's code without a build of their own): `contents` (an ES module of
// export lines, relative to the root) bundled by esbuild into one module, written inside the
// package, two folders below the root as node_modules/.cache/x.mjs would be (`.scratch/sources/`,
// git-ignored: the test helpers find the fixtures at '../..' from themselves), so that its packages
// resolve from node_modules and `eu-micro-credentials` resolves by its own name to dist/; imported,
// and deleted.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function importSources(contents, name) {
  const bundled = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}-entry.ts` },
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    write: false,
    logLevel: 'error',
  });
  const folder = join(ROOT, '.scratch', 'sources');
  mkdirSync(folder, { recursive: true });
  const modulePath = join(folder, `${name}-${process.pid}.mjs`);
  writeFileSync(modulePath, bundled.outputFiles[0].text);
  try {
    return await import(pathToFileURL(modulePath).href);
  } finally {
    rmSync(modulePath, { force: true });
  }
}
