// The ceiling for `eumc validate --workers`: `validateElm` called directly (no command line, no
// report) on the same ELM files, in the main thread, then spread over one worker thread per core.
// Also how many cores the one-thread run kept busy (CPU time / wall time): V8 compiles, marks and
// scavenges on helper threads, which a one-thread run finds idle cores for, so n threads on n cores
// can be at most n / that figure faster.
// bench/cli.mjs runs it; alone: node bench/elm-threads.mjs <folder of .json files>. Prints one
// JSON line: { one, threads, ratio, coresOfOne } (seconds, seconds, one / threads, cores).
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** Checks the files with validateElm, as the command line does (each file read, parsed, checked). */
async function check(files) {
  // What the command line's threads do first (src/cli/jsonld-speedup.ts): share jsonld.js's term
  // definitions between copies of a context, for the jsonld.js version that was reviewed.
  const { default: util } = await import('jsonld/lib/util.js');
  const { default: pkg } = await import('jsonld/package.json', { with: { type: 'json' } });
  if (pkg.version === '9.0.0' && !util.clone.shared) {
    const deep = util.clone;
    util.clone = Object.assign(function clone(value) {
      return value instanceof Map ? new Map(value) : deep.call(this, value);
    }, { shared: true });
  }
  const { validateElm } = await import('../dist/validate-elm.js');
  let issues = 0;
  for (const file of files) issues += (await validateElm(JSON.parse(readFileSync(file, 'utf8')))).issues.length;
  return issues;
}

if (isMainThread) {
  const folder = process.argv[2];
  const files = readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => join(folder, f));
  const n = availableParallelism();
  const inWorkers = (parts) => Promise.all(parts.map((part) => new Promise((resolve, reject) => new Worker(new URL(import.meta.url), { workerData: part }).once('message', resolve).once('error', reject))));
  const cpu = process.cpuUsage();
  let t = performance.now();
  const one = await check(files);
  const oneSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  // The workers load the library and warm up on their own, as the command line's do.
  t = performance.now();
  const many = await inWorkers(Array.from({ length: n }, (_, k) => files.filter((_, i) => i % n === k)));
  const threadSeconds = (performance.now() - t) / 1000;
  if (many.reduce((a, b) => a + b, 0) !== one) throw new Error('the threads found other issues than one thread');
  console.log(JSON.stringify({ one: oneSeconds, threads: threadSeconds, ratio: oneSeconds / threadSeconds, coresOfOne: (used.user + used.system) / 1e6 / oneSeconds }));
} else {
  parentPort.postMessage(await check(workerData));
}
