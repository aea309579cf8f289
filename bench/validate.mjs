// Validations per second, in one process on one core, of the built package.
// Run with `npm run bench` (builds first). Figures vary with the machine's load: compare the
// ratios printed in one run, not absolute numbers across runs.
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { MicroCredentialSchema, validate } from '../dist/index.js';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/valid/${name}.json`, import.meta.url), 'utf8'));

const typical = fixture('higher-education');
// Maximal: every optional element and field, with long lists.
const full = fixture('every-optional-element');
const maximal = {
  ...full,
  awardingBodies: Array.from({ length: 5 }, (_, i) => ({ ...full.awardingBodies[0], id: `https://body-${i}.example.eu` })),
  learningOutcomes: Array.from({ length: 25 }, (_, i) => ({ ...full.learningOutcomes[0], title: { en: `Outcome ${i}`, fr: `Acquis ${i}` } })),
  qualityAssurance: [...full.qualityAssurance, ...full.qualityAssurance, ...full.qualityAssurance],
};
const invalid = { ...typical, dateOfIssue: '2024-06-28', learningOutcomes: [], issuer: { ...typical.issuer, country: 'IRL' } };

for (const [name, doc] of [['typical', typical], ['maximal', maximal]]) {
  if (!validate(doc).ok) throw new Error(`the ${name} document is not valid`);
}
if (validate(invalid).ok) throw new Error('the invalid document passed');

const bench = new Bench({ time: 2000, warmupTime: 500 });
bench
  .add('validate: typical micro-credential', () => validate(typical))
  .add('validate: maximal micro-credential', () => validate(maximal))
  .add('validate: invalid micro-credential (3 errors)', () => validate(invalid))
  .add('baseline: MicroCredentialSchema.safeParse (runtime zod, structure only), typical', () => MicroCredentialSchema.safeParse(typical));

await bench.run();

const rows = bench.tasks.map((t) => ({
  task: t.name,
  'ops/s': Math.round(t.result.throughput.mean),
  'median µs': (t.result.latency.p50 * 1000).toFixed(1),
  samples: t.result.latency.samplesCount,
}));
console.table(rows);
console.log(`Node ${process.version}, ${(JSON.stringify(typical).length / 1024).toFixed(1)} KB typical, ${(JSON.stringify(maximal).length / 1024).toFixed(1)} KB maximal. Target: ≥ 50 000 validations/s of the typical document on one core.`);
