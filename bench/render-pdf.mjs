// renderPdf of a two-language credential (Greek and English, with a verification URL and the
// default attachment) with the built package, against the least any PDF with this font costs:
// pdf-lib creating a two-page document with the same two Noto Sans faces embedded as subsets and
// saving it. In one run:
// - warm: the baseline, layoutCredential for both pages (the layout's share) and renderPdf, in
//   alternating rounds; each figure is the median round, each ratio the median of the rounds' ratios;
// - first call: renderPdf once in fresh processes (import and reading the font included), median.
// Run with `npm run build` first, then `node bench/render-pdf.mjs`.
import { alternate, median, printRatios } from './rounds.mjs';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { layoutCredential, renderPdf } from '../dist/render.js';

const ROUNDS = 15;
const PER_ROUND = 4;
const require = createRequire(import.meta.url);
const mcPath = new URL('../fixtures/render/greek-university.json', import.meta.url);
const mc = JSON.parse(readFileSync(mcPath, 'utf8'));
const regular = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')));
const bold = new Uint8Array(readFileSync(require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf')));
const options = { verifyUrl: 'https://uni.example.eu/verify/7f3a9c2e', creationDate: new Date('2025-06-30T12:00:00Z') };
let size = 0;

const tasks = {
  'pdf-lib, 2 pages, fonts embedded': async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    await doc.embedFont(regular, { subset: true });
    await doc.embedFont(bold, { subset: true });
    doc.addPage([841.89, 595.28]);
    doc.addPage([841.89, 595.28]);
    await doc.save();
  },
  'layoutCredential, el + en': async () => {
    layoutCredential(mc, { ...options, lang: 'el' });
    layoutCredential(mc, { ...options, lang: 'en' });
  },
  'renderPdf, el + en': async () => {
    size = (await renderPdf(mc, options)).length;
  },
};

const times = await alternate(tasks, { rounds: ROUNDS, perRound: PER_ROUND, warm: 3 });
console.log(`warm, ms per document (median of ${ROUNDS} rounds) and ratio to the pdf-lib baseline (median of rounds); the PDF has ${size} bytes:`);
printRatios(times, 'pdf-lib, 2 pages, fonts embedded', { ms: 1 });

const script = `const start = performance.now();
const { renderPdf } = await import(${JSON.stringify(new URL('../dist/render.js', import.meta.url).href)});
const { readFileSync } = await import('node:fs');
const mc = JSON.parse(readFileSync(${JSON.stringify(mcPath.pathname)}, 'utf8'));
await renderPdf(mc, { verifyUrl: 'https://uni.example.eu/verify/7f3a9c2e' });
console.log(performance.now() - start);`;
const first = [];
for (let i = 0; i < 5; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  first.push(Number(r.stdout.trim()));
}
console.log(`first call in a fresh process (import, font read, render), median of 5: ${median(first).toFixed(0)} ms`);
