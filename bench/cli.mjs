// `eumc validate` on 10 000 generated model files in one command (target: at most 5 s wall time on
// the reference 2-core machine), and on ELM files, reported separately. Run with `npm run bench:cli`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toElm } from '../dist/index.js';

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const fixtures = ['higher-education', 'vet-eqavet', 'private-provider', 'joint-award-two-countries', 'multilingual', 'every-optional-element'].map((n) =>
  JSON.parse(readFileSync(new URL(`../fixtures/valid/${n}.json`, import.meta.url), 'utf8')),
);
const root = mkdtempSync(join(tmpdir(), 'eumc-bench-'));

function generate(dir, count, make) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `mc-${String(i).padStart(5, '0')}.json`), JSON.stringify(make(i)));
}

function time(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = JSON.parse(r.stdout).summary;
  return { seconds, summary, code: r.status };
}

const N = Number(process.env.EUMC_BENCH_FILES ?? 10_000);
generate(join(root, 'model'), N, (i) => {
  const mc = structuredClone(fixtures[i % fixtures.length]);
  mc.id = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  if (i % 10 === 9) mc.dateOfIssue = '2024-06-28'; // one in ten invalid
  return mc;
});
const E = Number(process.env.EUMC_BENCH_ELM_FILES ?? 200);
generate(join(root, 'elm'), E, (i) => {
  const mc = structuredClone(fixtures[i % fixtures.length]);
  mc.issuer = { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: 'EIDAS-1' } };
  return toElm(mc, { id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
});

const model = time(['validate', '--format', 'json', join(root, 'model', '*.json')]);
const elm = time(['validate', '--format', 'json', join(root, 'elm', '*.json')]);
const startup = time(['validate', '--format', 'json', join(root, 'model', 'mc-00000.json')]);
rmSync(root, { recursive: true, force: true });

console.table([
  { run: `${N} model files`, 'wall s': model.seconds.toFixed(2), 'files/s': Math.round(N / model.seconds), passed: model.summary.passed, failed: model.summary.failed },
  { run: `${E} ELM files (EDC shapes)`, 'wall s': elm.seconds.toFixed(2), 'files/s': Math.round(E / elm.seconds), passed: elm.summary.passed, failed: elm.summary.failed },
  { run: '1 model file (start-up)', 'wall s': startup.seconds.toFixed(2), 'files/s': '', passed: startup.summary.passed, failed: startup.summary.failed },
]);
console.log(`Node ${process.version}. Target: ${N} model files in at most 5 s wall time: ${model.seconds <= 5 ? 'met' : 'NOT met'}.`);
