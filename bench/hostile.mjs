// The cost of hostile input: for each 2 MB JSON text below, the median time of `validate()` on the
// parsed document against the median time of `JSON.parse` of the same text, in the same run. The
// target is validate at most 10x JSON.parse for every text: the validator's work must grow
// linearly with the input, whatever the input is (issue 10, item 6). A typed array passed directly
// has no text; its time is shown alone.
// Run with `npm run bench:hostile` (builds first), i.e. `tsup --silent && node bench/hostile.mjs`.
// Absolute figures vary with the machine's load: compare the ratios printed in one run.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fromElm, validate } from '../dist/index.js';

const SIZE = 2 * 1024 * 1024;
const RUNS = 7;
/** A case slower than this is run once more, not seven times: the before-the-fix figures took minutes. */
const SLOW_MS = 3000;

const base = JSON.parse(readFileSync(new URL('../fixtures/valid/every-optional-element.json', import.meta.url), 'utf8'));
const FIELDS = Object.keys(base);

/** Fills an object with `count` members made by `make(i)`, then pads the last value to reach SIZE. */
function padded(doc) {
  const text = JSON.stringify(doc);
  return text.length >= SIZE ? text : JSON.stringify({ ...doc, furtherInformation: { ...doc.furtherInformation, note: 'n'.repeat(SIZE - text.length) } });
}

/** Every word one edit away from `word` (deletion, transposition, substitution, insertion). */
function nearMisses(word) {
  const out = new Set();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) out.add(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const c of letters) {
      if (i < word.length) out.add(word.slice(0, i) + c + word.slice(i + 1));
      out.add(word.slice(0, i) + c + word.slice(i));
    }
  }
  for (const f of FIELDS) out.delete(f);
  return [...out];
}

const value = 'v'.repeat(48);
const texts = {
  '30 000 unknown keys at the top': padded({ ...base, ...Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`extraField${i}`, value])) }),
  '30 000 unknown keys in 3 000 nested objects': padded({
    ...base,
    learningOutcomes: Array.from({ length: 3_000 }, (_, i) => ({ title: `Outcome ${i}`, ...Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`note${k}`, value])) })),
  }),
  // 11-digit numbers: 190 000 of them, under the 200 000 values validate() reads, so that each is checked.
  'a 2 MB array of numbers where objects are expected': JSON.stringify({ ...base, learningOutcomes: Array.from({ length: 190_000 }, (_, i) => 10_000_000_000 + i) }),
  'a 2 MB array of 300 000 numbers (over the limit)': JSON.stringify({ ...base, learningOutcomes: Array.from({ length: SIZE / 7 }, (_, i) => 100_000 + i) }),
  'a 2 MB array of numbers as the learner': JSON.stringify({ ...base, learner: Array.from({ length: SIZE / 7 }, (_, i) => 100_000 + i) }),
  'objects nested 300 000 deep': JSON.stringify({ ...base, learner: { fullName: 'A' } }).replace('"fullName":"A"', `"fullName":"A","x":${'{"a":'.repeat(300_000)}1${'}'.repeat(300_000)}`),
  'arrays nested 1 000 000 deep': JSON.stringify({ ...base, learningOutcomes: 0 }).replace('"learningOutcomes":0', `"learningOutcomes":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`),
  'a 2 MB string and a 2 MB key': JSON.stringify({ ...base, title: 't'.repeat(SIZE / 2), [`k${'k'.repeat(SIZE / 2)}`]: 1 }),
  '30 000 near-miss keys (titel, learnr, …)': padded({
    ...base,
    ...Object.fromEntries(FIELDS.flatMap(nearMisses).slice(0, 20_000).map((k) => [k, 1])),
    learningOutcomes: Array.from({ length: 1_000 }, () => ({ title: 'x', ...Object.fromEntries(nearMisses('title').slice(0, 10).map((k) => [k, 1])) })),
  }),
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median milliseconds of `run()` over RUNS runs (one when the first is slower than SLOW_MS). */
async function time(run) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
    if (samples[0] > SLOW_MS) break;
  }
  return median(samples);
}

const rows = [];
for (const [name, text] of Object.entries(texts)) {
  const parsed = JSON.parse(text);
  const result = validate(parsed);
  if (result.ok) throw new Error(`${name}: validate() accepted a hostile document`);
  const parse = await time(() => JSON.parse(text));
  const check = await time(() => validate(parsed));
  const read = await time(() => fromElm(parsed));
  rows.push({
    input: name,
    MB: +(text.length / 1024 / 1024).toFixed(2),
    'JSON.parse ms': +parse.toFixed(1),
    'validate ms': +check.toFixed(1),
    'validate / parse': +(check / parse).toFixed(2),
    'fromElm ms': +read.toFixed(1),
    issues: result.issues.length,
  });
}
const typed = new Uint8Array(1_000_000);
rows.push({ input: 'Uint8Array(1e6) passed directly', MB: 0.95, 'JSON.parse ms': NaN, 'validate ms': +(await time(() => validate(typed))).toFixed(1), 'validate / parse': NaN, 'fromElm ms': +(await time(() => fromElm(typed))).toFixed(1), issues: validate(typed).issues.length });
const nested = { ...base, learner: typed };
rows.push({ input: 'Uint8Array(1e6) as the learner', MB: 0.95, 'JSON.parse ms': NaN, 'validate ms': +(await time(() => validate(nested))).toFixed(1), 'validate / parse': NaN, 'fromElm ms': +(await time(() => fromElm(nested))).toFixed(1), issues: validate(nested).issues.length });

console.table(rows);
const worst = Math.max(...rows.map((r) => r['validate / parse']).filter((r) => !Number.isNaN(r)));
console.log(`Node ${process.version}, median of ${RUNS} runs. Worst validate / JSON.parse: ${worst.toFixed(2)}x (target: at most 10x).`);
process.exitCode = worst <= 10 ? 0 : 1;
