// PNG and JPEG pictures (eu-micro-credentials/render), measured in the same run against a baseline:
// resvg drawing a trivial SVG (one rectangle, no text) at the same width through svgToPng, which
// carries the fixed cost of every picture (handing the two font faces to resvg, filling and
// encoding a 1123 × 794 PNG). The ratios say what the credential's own page adds; the first call
// (starting the WebAssembly, reading the font) is timed on its own. Run after a build:
// `tsup && node bench/render-raster.mjs`.
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';

const render = await import(process.env.EUMC_RENDER_MODULE ?? '../dist/render.js');
const { renderJpeg, renderPng, renderSvg, svgToPng } = render;

const fixture = (name) => JSON.parse(readFileSync(new URL(`../fixtures/render/${name}.json`, import.meta.url), 'utf8'));
const greek = fixture('greek-university');
const polish = fixture('polish-many-outcomes');
const verifyUrl = 'https://verify.example.eu/credentials/greek-university';
const trivial = '<svg xmlns="http://www.w3.org/2000/svg" width="841.89" height="595.28" viewBox="0 0 841.89 595.28"><rect x="20" y="20" width="800" height="555" fill="#003399"/></svg>';

let start = performance.now();
await svgToPng(trivial);
const firstCall = performance.now() - start;
start = performance.now();
const png = await renderPng(greek, { verifyUrl });
const firstPage = performance.now() - start;
const jpeg = await renderJpeg(greek, { verifyUrl });

const bench = new Bench({ time: 2000, warmupTime: 300 });
bench
  .add('baseline: svgToPng(trivial SVG), 1123 px', () => svgToPng(trivial))
  .add('renderSvg (layout + SVG), Greek', () => renderSvg(greek, { verifyUrl }))
  .add('renderPng 1123 px, Greek', () => renderPng(greek, { verifyUrl }))
  .add('renderPng 1123 px, Polish (14 outcomes)', () => renderPng(polish))
  .add('renderJpeg 1123 px q90, Greek', () => renderJpeg(greek, { verifyUrl }))
  .add('renderPng 2246 px, Greek', () => renderPng(greek, { verifyUrl, width: 2246 }));
await bench.run();

const median = (task) => task.result.latency.p50;
const base = median(bench.tasks[0]);
console.table(bench.tasks.map((t) => ({ task: t.name, 'median ms': median(t).toFixed(2), 'x baseline': (median(t) / base).toFixed(2) })));
console.log(`Node ${process.version}; first call (WebAssembly start, font read, trivial SVG) ${firstCall.toFixed(0)} ms, then the first Greek page ${firstPage.toFixed(0)} ms; PNG ${(png.length / 1024).toFixed(0)} KB, JPEG q90 ${(jpeg.length / 1024).toFixed(0)} KB.`);
