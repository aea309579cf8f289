// validateElm on the EU micro-credential sample (111 KB, about 300 triples), against the built
// package, with the naive approach as the baseline in the same run: Turtle parsed and the SHACL
// validator built for every validation, with rdf-validate-shacl's own datasets.
// Run with `npm run bench:elm` (builds first). Compare the ratios printed in one run: absolute
// figures vary with the machine's load.
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import environment from 'rdf-validate-shacl/src/defaultEnv.js';
import { Bench } from 'tinybench';
import { validateElm } from '../dist/validate-elm.js';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const sample = JSON.parse(read('../test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld'));
const fixed = structuredClone(sample);
fixed.issued = '2023-01-01T09:00:00Z';
fixed.issuer.eIDASIdentifier = { id: 'urn:epass:legalIdentifier:eidas', type: 'LegalIdentifier', notation: 'IE-654321', spatial: sample.issuer.vatIdentifier.spatial };

const shapesTurtle = ['EDC-generic-no-cv.ttl', 'EDC-generic-full.ttl'].map((f) => read(`../scripts/data/elm-shapes/${f}`));
const contexts = new Map([
  ['https://www.w3.org/2018/credentials/v1', (await import('@digitalbazaar/credentials-context')).contexts.get('https://www.w3.org/2018/credentials/v1')],
  ['http://data.europa.eu/snb/model/context/edc-ap', JSON.parse(read('../scripts/data/elm-context/edc-ap-context-3.2.jsonld'))],
]);
const naiveLoader = async (url) => ({ contextUrl: null, documentUrl: url, document: contexts.get(url) });
const term = (t) =>
  t.termType === 'NamedNode' ? environment.namedNode(t.value)
  : t.termType === 'BlankNode' ? environment.blankNode(t.value.slice(2))
  : t.termType === 'Literal' ? environment.literal(t.value, t.language || environment.namedNode(t.datatype.value))
  : environment.defaultGraph();

/** What one would write first: everything built for each document. */
async function naive(doc) {
  const shapes = environment.dataset();
  for (const text of shapesTurtle) for (const q of new Parser().parse(text)) shapes.add(q);
  const validator = new SHACLValidator(shapes, { importGraph: () => environment.dataset() });
  const data = environment.dataset();
  for (const q of await jsonld.toRDF(doc, { documentLoader: naiveLoader, safe: true })) {
    data.add(environment.quad(term(q.subject), term(q.predicate), term(q.object), term(q.graph)));
  }
  return validator.validate(data);
}

// Same verdicts before timing anything.
const shared = await validateElm(sample);
const baseline = await naive(sample);
if (shared.issues.length !== 2 || baseline.results.length !== 2) throw new Error('the sample should fail exactly two constraints');
if (!(await validateElm(fixed)).ok) throw new Error('the fixed sample should pass');

const bench = new Bench({ time: 3000, warmupTime: 1000 });
bench
  .add('validateElm: EU sample (2 violations), validator built once', () => validateElm(sample))
  .add('validateElm: EU sample with issued + eIDASIdentifier (conforms)', () => validateElm(fixed))
  .add("validateElm(profile 'ebsi'): EU sample (JSON Schema only)", () => validateElm(sample, { profile: 'ebsi' }))
  .add('baseline: Turtle parsed and validator built per call', () => naive(sample));
await bench.run();

const rows = bench.tasks.map((t) => ({
  task: t.name,
  'ops/s': Math.round(t.result.throughput.mean),
  'median ms': t.result.latency.p50.toFixed(2),
  'p99 ms': t.result.latency.p99.toFixed(2),
  samples: t.result.latency.samplesCount,
}));
console.table(rows);
const ratio = bench.tasks[3].result.latency.p50 / bench.tasks[0].result.latency.p50;
console.log(`Node ${process.version}. validateElm is ${ratio.toFixed(1)}x faster than building per call. Target: median under 15 ms on the EU sample.`);
