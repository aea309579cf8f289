// Whether dist/ is older than what it is built from: the sources, the build configuration, the
// package manifest and the lockfile. Used by `npm run demo` and the `prepare` script, so that a
// current build is not redone.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;

/** The newest modification time among the files under `dir` (0 when there is none). */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** The files every build writes; the oldest of them is the build's time. */
const OUTPUTS = ['dist/index.js', 'dist/index.cjs', 'dist/validate-elm.js', 'dist/vc.js', 'dist/cli.js', 'dist/cli-worker.js', 'dist/sign-worker.js', 'dist/index.d.ts'];

/** Why dist/ must be built, or undefined when it is current. */
export function staleness() {
  const missing = OUTPUTS.find((f) => !existsSync(join(root, f)));
  if (missing) return `${missing} is missing`;
  // `tsup` alone (the tests' pretest) leaves esbuild's metafile and writes no licence notice:
  // only `npm run build` makes what the package ships.
  if (!existsSync(join(root, 'dist/THIRD-PARTY-LICENSES.md')) || readdirSync(join(root, 'dist')).some((f) => f.startsWith('metafile-'))) {
    return 'dist/ was built by tsup alone, without the licence notice';
  }
  const built = Math.min(...OUTPUTS.map((f) => statSync(join(root, f)).mtimeMs));
  const inputs = ['src', 'tsup.config.ts', 'package.json', 'package-lock.json', 'fixtures/valid/higher-education.json'];
  const changed = inputs.find((p) => existsSync(join(root, p)) && (statSync(join(root, p)).isDirectory() ? newest(join(root, p)) : statSync(join(root, p)).mtimeMs) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

/** Whether the build tools (development dependencies) are installed here. */
export const canBuild = () => existsSync(join(root, 'node_modules/.bin/tsup'));
