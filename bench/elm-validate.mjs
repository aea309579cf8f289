// validateElm (profile 'edc') against a bare jsonld.toRDF of the same document (safe mode, the
// package's offline document loader): the JSON-LD processing any shape check needs, measured in the
// same run. Documents: the EU micro-credential sample (111 KB, 292 quads, 2 violations) and
// fixtures/elm/perf/many-achievements.jsonld (made by scripts/gen-large-elm.mjs: 47 achievements,
// over 4 000 quads, conforming). Then the first call in fresh processes (bench/elm-first-call.mjs).
// Run with `npm run bench:elm` (builds first). Compare the ratios printed in one run: absolute
// figures vary with the machine's load.
// Targets: validateElm median ≤ 1.5× toRDF on both documents; first call ≤ 4× a warm call.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import jsonld from 'jsonld';
import { Bench } from 'tinybench';
import { documentLoader } from '../dist/index.js';
import { validateElm } from '../dist/validate-elm.js';

const path = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const SAMPLE = path('test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld');
const LARGE = path('fixtures/elm/perf/many-achievements.jsonld');
const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const toRdf = (doc) => jsonld.toRDF(doc, { documentLoader, safe: true });

const sample = read(SAMPLE);
const large = read(LARGE);
// The answers are the expected ones before anything is timed.
if ((await validateElm(sample)).issues.length !== 2) throw new Error('the sample should fail exactly two constraints');
if (!(await validateElm(large)).ok) throw new Error('the large document should conform');
const quads = { sample: (await toRdf(sample)).length, large: (await toRdf(large)).length };
if (quads.large < 4000) throw new Error(`the large document has ${quads.large} quads, fewer than 4 000`);

const bench = new Bench({ time: 3000, warmupTime: 1000 });
bench
  .add(`validateElm: EU sample (${quads.sample} quads, 2 violations)`, () => validateElm(sample))
  .add('baseline: jsonld.toRDF of the EU sample', () => toRdf(sample))
  .add(`validateElm: many-achievements (${quads.large} quads, conforms)`, () => validateElm(large))
  .add('baseline: jsonld.toRDF of many-achievements', () => toRdf(large));
await bench.run();

const p50 = (i) => bench.tasks[i].result.latency.p50;
console.table(
  bench.tasks.map((t) => ({
    task: t.name,
    'ops/s': Math.round(t.result.throughput.mean),
    'median ms': t.result.latency.p50.toFixed(2),
    'p99 ms': t.result.latency.p99.toFixed(2),
    samples: t.result.latency.samplesCount,
  })),
);
console.log(`validateElm / toRDF (medians): EU sample ${(p50(0) / p50(1)).toFixed(2)}x, many-achievements ${(p50(2) / p50(3)).toFixed(2)}x (target ≤ 1.5x)`);

// Fresh processes: import, first call, warm calls. Five of each; the medians are shown.
const fresh = (what, file) => {
  const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath, [path('bench/elm-first-call.mjs'), what, file], { encoding: 'utf8' })));
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[2];
  return { import: median('import'), first: median('first'), early: median('early'), warm: median('warm') };
};
const rows = [
  ['validateElm, EU sample', fresh('validateElm', SAMPLE)],
  ['jsonld.toRDF, EU sample', fresh('toRDF', SAMPLE)],
  ['validateElm, many-achievements', fresh('validateElm', LARGE)],
];
console.table(
  rows.map(([task, r]) => ({
    'fresh process': task,
    'import ms': r.import.toFixed(0),
    'first call ms': r.first.toFixed(1),
    'calls 2-21 ms': r.early.toFixed(2),
    'calls 102-201 ms': r.warm.toFixed(2),
    'first / warm': (r.first / r.warm).toFixed(1),
  })),
);
console.log(`Node ${process.version}. First call / warm call (median of 5 processes): target ≤ 4x.`);
