// One fresh process's figures for bench/elm-validate.mjs (which spawns it): how long importing the
// built package takes, the first call, and warm calls. Usage: node bench/elm-first-call.mjs
// validateElm|toRDF <document>; prints one JSON line. The document is read before anything is timed.
import { readFileSync } from 'node:fs';

const [what, file] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(file, 'utf8'));

const t0 = performance.now();
let call;
if (what === 'validateElm') {
  const { validateElm } = await import('../dist/validate-elm.js');
  call = () => validateElm(doc);
} else {
  const { default: jsonld } = await import('jsonld');
  const { documentLoader } = await import('../dist/index.js');
  call = () => jsonld.toRDF(doc, { documentLoader, safe: true });
}
const t1 = performance.now();
await call();
const t2 = performance.now();

const times = [];
for (let i = 0; i < 200; i++) {
  const start = performance.now();
  await call();
  times.push(performance.now() - start);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  JSON.stringify({
    import: t1 - t0,
    first: t2 - t1,
    // The next 20 calls (what a short-lived process, a CLI run, sees), and calls 101-200 (steady state).
    early: median(times.slice(0, 20)),
    warm: median(times.slice(100)),
  }),
);
