// Open Badges 3.0 against ELM, measured in the same run on the same micro-credential, as ratios:
// toOpenBadge / toElm, fromOpenBadge / fromElm, validateOpenBadge / validateElm, and signing and
// verifying a badge / an ELM credential with eddsa-rdfc-2022 (what 1EdTech certifies). The ELM
// side is the baseline: the library's first format, whose costs docs/development.md records.
// Run with `npm run bench:ob3` (builds first).
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { fromElm, toElm, validate } from '../dist/index.js';
import { fromOpenBadge, toOpenBadge, validateOpenBadge } from '../dist/ob3.js';
import { validateElm } from '../dist/validate-elm.js';
import { generateIssuerKey, signCredential, verifyCredential } from '../dist/vc.js';

const mc = JSON.parse(readFileSync(new URL('../fixtures/valid/higher-education.json', import.meta.url), 'utf8'));
const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(3) });
const ours = { ...mc, issuer: { ...mc.issuer, id: key.controller } };
const id = 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11';
const elm = toElm(ours, { id });
const badge = toOpenBadge(ours, { id, achievementId: 'https://uni.example.eu/courses/gdpr' });
const created = '2025-01-01T00:00:00Z';
const signedElm = await signCredential(elm, { key, suite: 'eddsa-rdfc-2022', created });
const signedBadge = await signCredential(badge, { key, suite: 'eddsa-rdfc-2022', created });
for (const [what, ok] of [
  ['fromElm', (await fromElm(elm)).ok],
  ['fromOpenBadge', fromOpenBadge(badge).ok],
  ['validateElm', (await validateElm(elm)).ok],
  ['validateOpenBadge', (await validateOpenBadge(badge, { profile: 'micro-credential' })).ok],
  ['verify ELM', (await verifyCredential(signedElm)).verified],
  ['verify badge', (await verifyCredential(signedBadge)).verified],
]) if (!ok) throw new Error(`${what} does not pass on the benchmark's documents`);

const pairs = [
  ['export', () => toElm(ours, { id }), () => toOpenBadge(ours, { id, achievementId: 'https://uni.example.eu/courses/gdpr' })],
  ['import', () => fromElm(elm), () => fromOpenBadge(badge)],
  ['validate (format + Annex I)', () => validateElm(elm), () => validateOpenBadge(badge, { profile: 'micro-credential' })],
  ['sign eddsa-rdfc-2022', () => signCredential(elm, { key, suite: 'eddsa-rdfc-2022', created }), () => signCredential(badge, { key, suite: 'eddsa-rdfc-2022', created })],
  ['verify', () => verifyCredential(signedElm), () => verifyCredential(signedBadge)],
];
const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const [name, elmTask, ob3Task] of pairs) bench.add(`${name}: ELM`, elmTask).add(`${name}: OB3`, ob3Task);
bench.add('model validate() alone', () => validate(ours));
await bench.run();

const median = (name) => bench.tasks.find((t) => t.name === name).result.latency.p50;
console.table(
  pairs.map(([name]) => ({
    task: name,
    'ELM median ms': median(`${name}: ELM`).toFixed(3),
    'OB3 median ms': median(`${name}: OB3`).toFixed(3),
    'OB3 / ELM': (median(`${name}: OB3`) / median(`${name}: ELM`)).toFixed(2),
  })),
);
console.log(`Node ${process.version}; model validate() alone ${median('model validate() alone').toFixed(3)} ms; ELM ${(JSON.stringify(elm).length / 1024).toFixed(1)} KB, badge ${(JSON.stringify(badge).length / 1024).toFixed(1)} KB.`);
