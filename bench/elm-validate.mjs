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

/**
 * Medians of validateElm and of the bare toRDF on one document, timed in alternation (one call of
 * each per round, for `seconds`), so that a change of the machine's load weighs on both alike.
 */
async function pair(doc, seconds) {
  for (let i = 0; i < 20; i++) await Promise.all([validateElm(doc), toRdf(doc)]);
  const ours = [];
  const base = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until || ours.length < 30) {
    let t = performance.now();
    await validateElm(doc);
    ours.push(performance.now() - t);
    t = performance.now();
    await toRdf(doc);
    base.push(performance.now() - t);
  }
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return { ours: median(ours), base: median(base), rounds: ours.length };
}

const fixed = structuredClone(sample);
fixed.issued = '2023-01-01T09:00:00Z';
fixed.issuer.eIDASIdentifier = { id: 'urn:epass:legalIdentifier:eidas', type: 'LegalIdentifier', notation: 'IE-654321', spatial: sample.issuer.vatIdentifier.spatial };
if (!(await validateElm(fixed)).ok) throw new Error('the completed sample should conform');
const warm = [
  [`EU sample (${quads.sample} quads, 2 violations)`, await pair(sample, 6)],
  ['EU sample completed (conforms: no pointing of results)', await pair(fixed, 4)],
  [`many-achievements (${quads.large} quads, conforms)`, await pair(large, 8)],
];
console.table(
  warm.map(([doc, r]) => ({
    document: doc,
    'validateElm median ms': r.ours.toFixed(2),
    'jsonld.toRDF median ms': r.base.toFixed(2),
    ratio: (r.ours / r.base).toFixed(2),
    rounds: r.rounds,
  })),
);
console.log('validateElm / toRDF, medians of alternating calls: target ≤ 1.5x on the EU sample and on many-achievements.');

// Fresh processes: import, first call, warm calls. Seven of each; the medians are shown.
const fresh = (what, file) => {
  const runs = Array.from({ length: 7 }, () => JSON.parse(execFileSync(process.execPath, [path('bench/elm-first-call.mjs'), what, file], { encoding: 'utf8' })));
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[3];
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
console.log(`Node ${process.version}. First call / warm call (medians of 7 processes): target ≤ 4x.`);
