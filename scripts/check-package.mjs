// Checks the package as published: packs it, runs publint and arethetypeswrong on the tarball, then
// installs the tarball into a fresh temporary project and runs the validate → ELM → sign → verify
// flow as an ES module consumer, a CommonJS consumer under --no-experimental-require-module, and a
// TypeScript consumer compiled with moduleResolution node16 and bundler. Run: npm run check:package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const here = new URL('./package-check/', import.meta.url).pathname;
const run = (cmd, args, cwd, extra = {}) => {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return execFileSync(cmd, args, { cwd, stdio: 'inherit', ...extra });
};

const work = mkdtempSync(join(tmpdir(), 'eumc-package-'));
try {
  run('npm', ['pack', '--pack-destination', work, '--silent'], root);
  const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));
  run(join(root, 'node_modules/.bin/publint'), ['--strict', tarball], root);
  // node10 resolution (TypeScript's legacy `moduleResolution: node`) cannot see subpath exports;
  // the package requires Node >= 20.19, which resolves them, so that profile is not checked.
  run(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'node16'], root);

  const consumer = join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer);
  for (const f of ['flow.mjs', 'flow.cjs', 'flow.ts']) copyFileSync(join(here, f), join(consumer, f));
  copyFileSync(join(root, 'fixtures/valid/higher-education.json'), join(consumer, 'mc.json'));

  run(process.execPath, ['flow.mjs'], consumer);
  run(process.execPath, ['--no-experimental-require-module', 'flow.cjs'], consumer);
  const tsc = join(root, 'node_modules/.bin/tsc');
  for (const [resolution, module] of [['node16', 'node16'], ['bundler', 'esnext']]) {
    const outDir = join(consumer, `out-${resolution}`);
    writeFileSync(
      join(consumer, `tsconfig.${resolution}.json`),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module, moduleResolution: resolution, strict: true, outDir, types: [], skipLibCheck: false, lib: ['ES2023'], typeRoots: [join(root, 'node_modules/@types')] },
        files: ['flow.ts'],
      }),
    );
    run(tsc, ['-p', `tsconfig.${resolution}.json`, '--types', 'node'], consumer);
    // The node16 output is CommonJS here (no "type": "module"): run it as such.
    if (resolution === 'node16') run(process.execPath, [join(outDir, 'flow.js')], consumer);
  }
  console.log('package check: all consumers passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}
