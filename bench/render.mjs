// The layout and SVG of the credential picture (eu-micro-credentials/render), measured in the same
// run against baselines: JSON.stringify of the same micro-credential (the cost of reading it once)
// and validate() (which every render call runs first). The ratios say what the layout and the SVG
// add; compare ratios, not absolute numbers across machines. Run after a build:
// `tsup && node bench/render.mjs` (EUMC_RENDER_MODULE and EUMC_INDEX_MODULE name other builds).
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';

const render = await import(process.env.EUMC_RENDER_MODULE ?? '../dist/render.js');
const { validate } = await import(process.env.EUMC_INDEX_MODULE ?? '../dist/index.js');
const { layoutCredential, pageToSvg, renderSvg } = render;

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/render/${name}.json`, import.meta.url), 'utf8'));
const greek = fixture('greek-university');
const verifyUrl = 'https://verify.example.eu/credentials/greek-university';
// The hard case: a 300-character title, a long unbroken name, 40 outcomes, three awarding bodies.
const hard = {
  ...greek,
  title: 'Προηγμένες μέθοδοι στατιστικής ανάλυσης και μηχανικής μάθησης για τη δημόσια υγεία '.repeat(4).slice(0, 300),
  learner: { fullName: 'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz Maria Leonor Albuquerque Figueiredo Carvalho de Sousa' },
  learningOutcomes: Array.from({ length: 40 }, (_, i) => ({ title: `Αποτέλεσμα μάθησης αριθμός ${i + 1} με αρκετά μεγάλο κείμενο για να χρειαστεί χώρο` })),
  awardingBodies: [greek.awardingBodies[0], { id: 'https://b.example.eu', legalName: 'Universidade Exemplo do Porto', country: 'PT' }, { id: 'https://c.example.eu', legalName: 'Hochschule für öffentliche Verwaltung', country: 'DE' }],
};
const page = layoutCredential(greek, { verifyUrl });

const bench = new Bench({ time: 1500, warmupTime: 300 });
bench
  .add('baseline: JSON.stringify(mc), Greek', () => JSON.stringify(greek))
  .add('baseline: validate(mc), Greek', () => validate(greek))
  .add('layoutCredential, Greek', () => layoutCredential(greek, { verifyUrl }))
  .add('pageToSvg(page), Greek', () => pageToSvg(page))
  .add('renderSvg (layout + SVG), Greek', () => renderSvg(greek, { verifyUrl }))
  .add('renderSvg, hard case (300-char title, 40 outcomes)', () => renderSvg(hard, { verifyUrl }));
await bench.run();

const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean;
const base = mean('baseline: JSON.stringify(mc), Greek');
const rows = bench.tasks.map((t) => ({
  task: t.name,
  'mean (µs)': Math.round(t.result.latency.mean * 1000 * 10) / 10,
  'per second': Math.round(1000 / t.result.latency.mean),
  'x JSON.stringify': Math.round((t.result.latency.mean / base) * 10) / 10,
}));
console.table(rows);
console.log(`SVG size: ${renderSvg(greek, { verifyUrl }).length} characters (Greek), ${renderSvg(hard, { verifyUrl }).length} (hard case)`);
