// The verifier page's checking (web/src/inspect/: inspect()) against the library's own verifier of
// each kind called directly on the same document, in one run: what the page adds (reading the file,
// the content checks, the model, the Annex I rows) on top of the verification any verifier does.
// The files are test/helpers/web-files.ts's, with every trust file loaded (each verdict the
// trusted one). Warm: the pairs alternate in rounds; each figure is the median round, each ratio
// the median of the rounds' ratios. The page's bundle is what the browser runs; this bench runs the
// same TypeScript in Node (bundled with esbuild, the library from dist/).
// Run with `npm run build` first, then `node bench/web-inspect.mjs`.
import { importSources } from '../scripts/import-sources.mjs';
import { validate } from '../dist/index.js';
import { verifyEdcSeal } from '../dist/edc-seal.js';
import { verifySdJwtVc } from '../dist/sd-jwt-vc.js';
import { verifyCredential } from '../dist/vc.js';

const ROUNDS = 9;
const PER_ROUND = 3;

// The page's core and the test files (the library from dist/, by its own name).
const page = await importSources("export { makeWebFiles } from './test/helpers/web-files.ts'; export { inspect, readTrustFile, mergeTrust, EMPTY_TRUST } from './web/src/inspect/index.ts';", 'bench-web-inspect');

const web = await page.makeWebFiles();
let trust = page.EMPTY_TRUST;
for (const [name, bytes] of Object.entries(web.trust)) trust = page.mergeTrust(trust, page.readTrustFile(name, bytes).added);
const text = (name) => new TextDecoder().decode(web.files[name]);
const anchors = trust.trustAnchors.map((a) => a.pem);
const controllers = trust.controllers.map((c) => c.document);
const statusLists = trust.statusLists.map((s) => s.text);

// Each kind: the file, and the library's verifier of that kind on the same document (the baseline).
const cases = {
  'model JSON': { file: 'model.json', bare: () => validate(JSON.parse(text('model.json'))) },
  'signed VC (did:key)': { file: 'signed-did-key.jsonld', bare: () => verifyCredential(JSON.parse(text('signed-did-key.jsonld')), { controllers, statusLists }) },
  'EDC seal': { file: 'sealed.json', bare: () => verifyEdcSeal(JSON.parse(text('sealed.json')), { trustAnchors: anchors }) },
  'SD-JWT VC': { file: 'sd-jwt-vc.sd-jwt', bare: () => verifySdJwtVc(text('sd-jwt-vc.sd-jwt'), { issuerKeys: trust.issuerKeys.map((k) => k.jwk), statusLists }) },
};
for (const c of Object.values(cases)) if (!web.files[c.file]) throw new Error(`bench/web-inspect: test/helpers/web-files.ts has no ${c.file}`);

const inspectOf = (file) => () => page.inspect({ name: file, bytes: web.files[file] }, trust, {});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (task) => {
  const start = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await task();
  return (performance.now() - start) / PER_ROUND;
};

console.log(`warm, ms per file (median of ${ROUNDS} rounds): the library's verifier alone, the page's inspect(), and the ratio (median of rounds):`);
for (const [name, c] of Object.entries(cases)) {
  const full = inspectOf(c.file);
  const first = await full();
  for (let i = 0; i < 2; i++) {
    await c.bare();
    await full();
  }
  const bare = [];
  const inspected = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await time(c.bare));
    inspected.push(await time(full));
  }
  const ratio = median(inspected.map((x, i) => x / bare[i]));
  console.log(`  ${name.padEnd(20)} ${first.verdict.state.padEnd(10)} ${median(bare).toFixed(1).padStart(8)} ms ${median(inspected).toFixed(1).padStart(8)} ms ${ratio.toFixed(2).padStart(7)}×`);
}
