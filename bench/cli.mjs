// `eumc validate` on 10 000 generated model files in one command (target: at most 5 s wall time on
// the reference 2-core machine), and on ELM files: in worker threads (the default) and in the main
// thread (`--workers 0`), measured in the same run (target: workers at least 1.5x the rate of one
// thread), with the ceiling validateElm itself gives on the machine (bench/elm-threads.mjs); then the peak memory (RSS) of one run over 100 000 files, in each output format (target:
// under 300 MB). Run with `npm run bench:cli`. Environment: EUMC_BENCH_FILES (0 skips the model
// files), EUMC_BENCH_ELM_FILES, EUMC_BENCH_RSS_FILES (0 skips the memory run),
// EUMC_BENCH_RSS_FORMATS (text,json,junit), EUMC_BENCH_CLI (another build of the command line, to
// compare).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { toElm } from '../dist/index.js';

const cli = process.env.EUMC_BENCH_CLI ?? new URL('../dist/cli.js', import.meta.url).pathname;
const fixtures = ['higher-education', 'vet-eqavet', 'private-provider', 'joint-award-two-countries', 'multilingual', 'every-optional-element'].map((n) =>
  JSON.parse(readFileSync(new URL(`../fixtures/valid/${n}.json`, import.meta.url), 'utf8')),
);
const root = mkdtempSync(join(tmpdir(), 'eumc-bench-'));

function generate(dir, count, make) {
  mkdirSync(dir, { recursive: true });
  const width = String(count - 1).length;
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `mc-${String(i).padStart(Math.max(5, width), '0')}.json`), JSON.stringify(make(i)));
}

// The child reports its own peak RSS as it exits (getrusage's ru_maxrss, in kB): the same on every
// platform, whether or not /usr/bin/time exists, and for any build of the command line.
const PEAK_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('eumc-bench-maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

/** Peak RSS in MB of one run; its report goes to a file, so that nothing here holds it. */
function peakRss(args) {
  const report = join(root, 'report.out');
  const fd = openSync(report, 'w');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', PEAK_RSS, cli, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  closeSync(fd);
  const kb = Number(/eumc-bench-maxrss (\d+)/.exec(r.stderr)?.[1]);
  rmSync(report, { force: true });
  return { mb: kb / 1024, seconds, code: r.status, stderr: r.stderr };
}

function time(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = JSON.parse(r.stdout).summary;
  return { seconds, summary, code: r.status };
}

const N = Number(process.env.EUMC_BENCH_FILES ?? 10_000);
if (N > 0) generate(join(root, 'model'), N, (i) => {
  const mc = structuredClone(fixtures[i % fixtures.length]);
  mc.id = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  if (i % 10 === 9) mc.dateOfIssue = '2024-06-28'; // one in ten invalid
  return mc;
});
// ELM files: variants of the EU's sample (another id, an `issued` date on half of them) and exports
// of the model fixtures, alternately.
// 1 000 by default: each thread pays a start-up (loading the RDF stack, warming up the JIT) that a
// few hundred files do not repay.
const E = Number(process.env.EUMC_BENCH_ELM_FILES ?? 1000);
const euSample = JSON.parse(readFileSync(new URL('../test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld', import.meta.url), 'utf8'));
generate(join(root, 'elm'), E, (i) => {
  const id = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  if (i % 2 === 0) return { ...euSample, id, ...(i % 4 === 0 ? { issued: '2024-06-28T00:00:00Z' } : {}) };
  const mc = structuredClone(fixtures[(i >> 1) % fixtures.length]);
  mc.issuer = { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: 'EIDAS-1' } };
  return toElm(mc, { id });
});

const model = N > 0 ? time(['validate', '--format', 'json', join(root, 'model', '*.json')]) : undefined;
/**
 * How many cores the machine gives right now: the same pure computation in 1 thread, then in one
 * thread per available core, as `n × t(1) / t(n)` (2.0 on an idle 2-core machine). Worker threads
 * cannot beat it; on a shared machine it tells a slow machine from slow workers.
 */
async function parallelCapacity() {
  const SPIN = "let x = 0; for (let i = 0; i < 1e8; i++) x = (x + i * 7) % 1000003; require('node:worker_threads').parentPort.postMessage(x);";
  const spin = async (n) => {
    const started = performance.now();
    await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => new Worker(SPIN, { eval: true }).once('message', resolve))));
    return performance.now() - started;
  };
  const n = availableParallelism();
  return (n * (await spin(1))) / (await spin(n));
}

// Workers and the main thread alternately, twice each: the machine is shared, so each gets its best.
const elmGlob = join(root, 'elm', '*.json');
const elmRuns = { workers: [], main: [] };
const capacity = [await parallelCapacity()];
for (let round = 0; round < 2; round++) {
  elmRuns.main.push(time(['validate', '--format', 'json', '--workers', '0', elmGlob]));
  elmRuns.workers.push(time(['validate', '--format', 'json', elmGlob]));
}
capacity.push(await parallelCapacity());
const best = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const elmMain = best(elmRuns.main);
const elmWorkers = best(elmRuns.workers);
// validateElm alone on the same files: one thread, then one worker thread per core (no command line).
const ceilingRun = spawnSync(process.execPath, [new URL('./elm-threads.mjs', import.meta.url).pathname, join(root, 'elm')], { encoding: 'utf8' });
if (ceilingRun.status !== 0) throw new Error(`bench/elm-threads.mjs failed: ${ceilingRun.stderr}`);
const ceiling = JSON.parse(ceilingRun.stdout);
const startup = N > 0 ? time(['validate', '--format', 'json', join(root, 'model', 'mc-00000.json')]) : undefined;
rmSync(join(root, 'model'), { recursive: true, force: true });
rmSync(join(root, 'elm'), { recursive: true, force: true });

// Memory: 100 000 files, one in ten invalid by a date and one in ten by 24 findings (unknown
// fields and more), so that a run that kept every result or built its report in memory shows it.
const R = Number(process.env.EUMC_BENCH_RSS_FILES ?? 100_000);
const RSS_LIMIT_MB = 300;
const rss = [];
if (R > 0) {
  generate(join(root, 'rss'), R, (i) => {
    const mc = structuredClone(fixtures[i % fixtures.length]);
    mc.id = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    if (i % 10 === 9) mc.dateOfIssue = '2024-06-28';
    if (i % 10 === 8) {
      mc.dateOfIssue = '2024-06-28';
      mc.issuer = { ...mc.issuer, country: 'IRL' };
      delete mc.learningOutcomes;
      for (let k = 0; k < 20; k++) mc[`unknownField${k}`] = k;
    }
    return mc;
  });
  for (const format of (process.env.EUMC_BENCH_RSS_FORMATS ?? 'text,json,junit').split(',')) {
    const run = peakRss(['validate', '--format', format, join(root, 'rss', '*.json')]);
    rss.push({ run: `${R} files, --format ${format}`, 'peak RSS MB': Number.isFinite(run.mb) ? Math.round(run.mb) : `none (${run.stderr.trim().split('\n').at(-1)})`, 'wall s': run.seconds.toFixed(1), exit: run.code });
  }
}
rmSync(root, { recursive: true, force: true });

const row = (run, r, n) => ({ run, 'wall s': r.seconds.toFixed(2), 'files/s': n ? Math.round(n / r.seconds) : '', passed: r.summary.passed, failed: r.summary.failed });
console.table([
  ...(model ? [row(`${N} model files`, model, N)] : []),
  ...elmRuns.main.map((r, i) => row(`${E} ELM files, main thread (--workers 0), run ${i + 1}`, r, E)),
  ...elmRuns.workers.map((r, i) => row(`${E} ELM files, ${availableParallelism()} worker threads, run ${i + 1}`, r, E)),
  ...(startup ? [row('1 model file (start-up)', startup, 0)] : []),
]);
const ratio = elmMain.seconds / elmWorkers.seconds;
const same = JSON.stringify(elmMain.summary) === JSON.stringify(elmWorkers.summary);
console.log(`Node ${process.version}, ${availableParallelism()} available cores.`);
if (model) console.log(`Target: ${N} model files in at most 5 s wall time: ${model.seconds <= 5 ? 'met' : 'NOT met'}.`);
console.log(`Parallel capacity the machine gave (a pure computation on ${availableParallelism()} threads vs 1), before and after the ELM runs: ${capacity.map((c) => `${c.toFixed(2)}x`).join(', ')}.`);
console.log(`ELM files: worker threads ${Math.round(E / elmWorkers.seconds)} files/s, main thread ${Math.round(E / elmMain.seconds)} files/s (best of 2 each): ${ratio.toFixed(2)}x. Target: at least 1.5x: ${ratio >= 1.5 ? 'met' : 'NOT met'}. Same verdicts: ${same ? 'yes' : 'NO'}.`);
console.log(`Ceiling: validateElm alone on the same files (no command line) runs ${ceiling.ratio.toFixed(2)}x as fast in ${availableParallelism()} worker threads as in one thread (${ceiling.one.toFixed(2)} s, ${ceiling.threads.toFixed(2)} s); the one-thread run kept ${ceiling.coresOfOne.toFixed(2)} cores busy (V8's compiler and garbage collector run on helper threads), so ${availableParallelism()} threads can be at most ${(availableParallelism() / ceiling.coresOfOne).toFixed(2)}x faster.`);
if (rss.length > 0) {
  console.table(rss);
  const worst = Math.max(...rss.map((r) => (typeof r['peak RSS MB'] === 'number' ? r['peak RSS MB'] : Infinity)));
  console.log(`Peak RSS of one \`eumc validate\` over ${R} files (${cli}): at most ${worst} MB. Target: under ${RSS_LIMIT_MB} MB: ${worst < RSS_LIMIT_MB ? 'met' : 'NOT met'}.`);
}
