// Checks the package as published: packs it, checks its unpacked size (at most 9 MB: each entry
// point costs about 0.5 MB as ES module, CommonJS and declarations; 3 MB held until Open Badges
// 3.0 came, 4 MB until SD-JWT VC, 4.6 MB until status lists (4.63 MB), 5 MB until rendering, whose
// entry point and font (Noto Sans Regular and Bold, 1.26 MB) came at 6.35 MB, 1.93 MB packed; 7 MB
// until the OB 3.0 and EBSI schema validators were generated ahead of time, as code in both the
// ES module and the CommonJS build, so no schema is compiled at run time: 8.38 MB, 2.05 MB packed), runs publint
// and arethetypeswrong on the tarball, then installs the tarball into a fresh temporary project and
// runs the validate → ELM → sign → verify flow as an ES module consumer, a CommonJS consumer under
// --no-experimental-require-module, and a TypeScript consumer compiled with moduleResolution node10
// (`module: commonjs`), node16 and bundler. Then installs the package from a git URL (this
// repository's HEAD) and from a local folder (a fresh clone, never built: its `prepare` script
// builds it) and runs the ES module flow on each. Run: npm run check:package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const here = new URL('./package-check/', import.meta.url).pathname;
const run = (cmd, args, cwd, extra = {}) => {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return execFileSync(cmd, args, { cwd, stdio: 'inherit', ...extra });
};

/** A fresh project in `dir` with the package installed from `spec`, the given flows and the sample. */
function consumerProject(dir, spec, flows) {
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: basename(dir), version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', spec], dir);
  for (const f of flows) copyFileSync(join(here, f), join(dir, f));
  copyFileSync(join(root, 'fixtures/valid/higher-education.json'), join(dir, 'mc.json'));
  return dir;
}

const work = mkdtempSync(join(tmpdir(), 'eumc-package-'));
try {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--pack-destination', work, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  const tarball = join(work, packed.filename);
  console.log(`package: ${packed.entryCount} files, ${(packed.size / 1e6).toFixed(2)} MB packed, ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked`);
  if (packed.unpackedSize > 9e6) throw new Error(`the package unpacks to ${packed.unpackedSize} bytes, over 9 MB`);
  run(join(root, 'node_modules/.bin/publint'), ['--strict', tarball], root);
  // Every resolution, node10 (TypeScript's `moduleResolution: node`, which reads typesVersions) too.
  run(join(root, 'node_modules/.bin/attw'), [tarball], root);

  const consumer = consumerProject(join(work, 'consumer'), tarball, ['flow.mjs', 'flow.cjs', 'flow.ts']);

  run(process.execPath, ['flow.mjs'], consumer);
  run(process.execPath, ['--no-experimental-require-module', 'flow.cjs'], consumer);
  const tsc = join(root, 'node_modules/.bin/tsc');
  for (const [resolution, module] of [['node10', 'commonjs'], ['node16', 'node16'], ['bundler', 'esnext']]) {
    const outDir = join(consumer, `out-${resolution}`);
    writeFileSync(
      join(consumer, `tsconfig.${resolution}.json`),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module,
          moduleResolution: resolution,
          strict: true,
          outDir,
          types: [],
          skipLibCheck: false,
          lib: ['ES2023'],
          typeRoots: [join(root, 'node_modules/@types')],
          // As `tsc --init` writes it for a CommonJS project (zod's own .d.cts files need it).
          ...(module === 'commonjs' ? { esModuleInterop: true } : {}),
        },
        files: ['flow.ts'],
      }),
    );
    run(tsc, ['-p', `tsconfig.${resolution}.json`, '--types', 'node'], consumer);
    // The node10 and node16 outputs are CommonJS here (no "type": "module"): run them as such.
    if (resolution !== 'bundler') run(process.execPath, [join(outDir, 'flow.js')], consumer);
  }

  // From a git URL (npm clones, installs the development dependencies, runs `prepare`, packs) and
  // from a local folder (npm links it; `prepare` installs its build tools and builds it).
  const fresh = join(work, 'fresh-clone');
  run('git', ['clone', '--quiet', root, fresh], work);
  for (const [name, spec] of [['git', `git+file://${root}`], ['folder', fresh]]) {
    const dir = consumerProject(join(work, `consumer-${name}`), spec, ['flow.mjs']);
    run(process.execPath, ['flow.mjs'], dir);
  }
  console.log('package check: all consumers passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}
