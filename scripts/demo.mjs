// `npm run demo`: builds the package only when dist/ is missing or older than its sources, then
// runs `eumc demo` from dist/ with the arguments given (`npm run demo -- --out my-folder`).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, staleness } from './build/stale.mjs';

const why = staleness();
if (why) {
  console.error(`Building the package first (${why}).`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
}
try {
  execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'demo', ...process.argv.slice(2)], { stdio: 'inherit' });
} catch (e) {
  process.exit(typeof e.status === 'number' ? e.status : 1);
}
