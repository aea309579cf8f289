// The `prepare` script: npm runs it after `npm install` in this repository, before `npm pack`, and
// when the package is installed from a git URL or a local folder, so that such an install gets a
// built package. What it runs writes to standard error, so that `npm pack --json` stays JSON.
// - dist/ current: nothing to do (a second install does not rebuild).
// - the build tools installed (this repository after `npm install`, or npm's clone of a git URL,
//   where npm installs the development dependencies first): build.
// - neither (a local folder installed before its own `npm install`, which npm links without
//   installing its dependencies): install them into the folder, without scripts, then build.
import { execFileSync } from 'node:child_process';
import { canBuild, root, staleness } from './build/stale.mjs';

const why = staleness();
if (why) {
  const npm = (args) => execFileSync('npm', args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (!canBuild()) {
    console.error(`eu-micro-credentials: installing its build tools into ${root} to build it (${why}).`);
    npm(['install', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund']);
  }
  console.error(`eu-micro-credentials: building (${why}).`);
  npm(['run', 'build', '--silent']);
}
