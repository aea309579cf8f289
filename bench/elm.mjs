// toElm and fromElm per second on a typical micro-credential, in one process on one core. fromElm
// is asynchronous since 0.2.0 (it reads every JSON-LD spelling through jsonld when it must).
// Run with `npm run bench:elm` (builds first). Targets: at least 5 000 per second each.
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { fromElm, toElm, validate } from '../dist/index.js';

const typical = JSON.parse(readFileSync(new URL('../fixtures/valid/higher-education.json', import.meta.url), 'utf8'));
const exported = toElm(typical, { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' });
const sample = JSON.parse(readFileSync(new URL('../test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld', import.meta.url), 'utf8'));
if (!(await fromElm(exported)).ok) throw new Error('the exported document does not import cleanly');

const bench = new Bench({ time: 2000, warmupTime: 500 });
bench
  .add('toElm: typical micro-credential (with its SVG)', () => toElm(typical, { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' }))
  .add('fromElm: the same document', () => fromElm(exported))
  .add('fromElm: the EU sample (111 KB, images inline)', () => fromElm(sample))
  .add('baseline: validate() of the model alone', () => validate(typical));
await bench.run();

console.table(
  bench.tasks.map((t) => ({
    task: t.name,
    'ops/s': Math.round(t.result.throughput.mean),
    'median µs': (t.result.latency.p50 * 1000).toFixed(1),
    samples: t.result.latency.samplesCount,
  })),
);
console.log(`Node ${process.version}; exported document ${(JSON.stringify(exported).length / 1024).toFixed(1)} KB. Targets: toElm and fromElm ≥ 5 000/s.`);
