/**
 * PNG and JPEG pictures (src/render/raster.ts, src/render/fonts.ts, src/render/node/):
 * - PNG: the signature, the size asked for (the height from the SVG's aspect ratio), A4 landscape
 *   at 1123 × 794 by default; the same input gives the same bytes;
 * - JPEG: jpeg-js decodes it back to the size asked for, white where the page is white, and the
 *   quality changes the bytes;
 * - Greek and Cyrillic are drawn with real glyphs: every letter of the alphabets tested renders to a
 *   picture of its own, while two characters the font lacks (CJK) render to the same empty box,
 *   which is what a font without Greek or Cyrillic would give for every letter;
 * - the font comes from the font package (from the sources) and, after the build's copy script,
 *   from dist/fonts/ (with its licence); fonts given to initRenderer win;
 * - nothing is fetched (fetch is a trap during the whole file), and a URL for the wasm is refused;
 * - where Node's modules are not reachable (a Web Worker), a clear Error says to call initRenderer;
 * - options misuse is a TypeError or RangeError naming the option; inputs are not changed;
 * - the module bundles for browsers (no node: import left in the bundle's static graph), and in
 *   Chromium (test/helpers/chromium.ts; skipped without /usr/bin/chromium unless CI is set) it asks
 *   for initRenderer, then, given the wasm and the font as bytes, draws the same PNG as Node and a
 *   JPEG that decodes (jpeg-js's Node Buffer is not needed), requesting nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import jpeg from 'jpeg-js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MicroCredential } from '../src/model/types.js';
import { checkFonts, loadFonts } from '../src/render/fonts.js';
import { initRenderer, renderJpeg, renderPng, svgToPng } from '../src/render/raster.js';
import { type BundledPage, haveChromium, openBundledPage } from './helpers/chromium.js';

/** jsqr's CommonJS export, as TypeScript and Node see it. */
const jsQR: typeof jsQRModule.default = typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default;

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'fixtures', 'render');
const fixture = (name: string): MicroCredential => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as MicroCredential;
const packageFont = (face: 'regular' | 'bold') =>
  new Uint8Array(readFileSync(require.resolve(face === 'regular' ? '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf' : '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf')));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const decodePng = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes));

/** A text of one line at 40 px in an SVG of 200 × 60. */
const textSvg = (text: string, weight = 'normal') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><text x="10" y="44" font-family="Noto Sans" font-weight="${weight}" font-size="40" fill="#000">${text}</text></svg>`;

/** How many pixels are darker than mid grey. */
function darkPixels(png: { data: Uint8Array | Buffer }): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 128) n++;
  return n;
}

const fetchCalls: unknown[] = [];
const realFetch = globalThis.fetch;

beforeAll(() => {
  // The library never fetches: a call here fails the test at the end, whatever caught its error.
  globalThis.fetch = ((...args: unknown[]) => {
    fetchCalls.push(args[0]);
    return Promise.reject(new Error('the renderer must not fetch'));
  }) as typeof fetch;
});

afterAll(() => {
  globalThis.fetch = realFetch;
  expect(fetchCalls).toEqual([]);
});

describe('PNG', () => {
  it('is a PNG of the width asked for, the height following the SVG', async () => {
    const bytes = await svgToPng(textSvg('Test'), { width: 400 });
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([400, 120]);
    // White background (resvg leaves undrawn pixels transparent; the renderer fills white).
    expect([...png.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
  });

  it('draws a credential on A4 landscape, 1123 × 794 by default, any width from 16 to 5 000 px', async () => {
    const mc = fixture('greek-university');
    const def = decodePng(await renderPng(mc));
    expect([def.width, def.height]).toEqual([1123, 794]);
    const small = decodePng(await renderPng(mc, { width: 16 }));
    expect([small.width, small.height]).toEqual([16, 11]);
    const wide = decodePng(await renderPng(mc, { width: 2000, lang: 'en' }));
    expect([wide.width, wide.height]).toEqual([2000, 1414]);
    // Something is drawn: a page of text is a few percent dark pixels, not zero.
    expect(darkPixels(def) / (def.width * def.height)).toBeGreaterThan(0.005);
  });

  it('gives the same bytes for the same input', async () => {
    const mc = fixture('bulgarian-vet');
    const a = await renderPng(mc, { width: 600 });
    const b = await renderPng(mc, { width: 600 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('does not change the credential or the options', async () => {
    const mc = fixture('french-quality-assurance');
    const before = JSON.stringify(mc);
    const options = Object.freeze({ width: 300, lang: 'en' });
    await renderPng(deepFreeze(mc), options);
    expect(JSON.stringify(mc)).toBe(before);
    expect(options).toEqual({ width: 300, lang: 'en' });
  });
});

describe('JPEG', () => {
  it('decodes back (jpeg-js) to the size asked for, white where the page is white', async () => {
    const bytes = await renderJpeg(fixture('german-long-title'), { width: 500 });
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    expect([image.width, image.height]).toEqual([500, 354]);
    // The top left corner is the page's white margin (not black: the alpha was composited on white).
    expect(image.data[0]).toBeGreaterThan(245);
    expect(darkPixels(image) / (image.width * image.height)).toBeGreaterThan(0.005);
  });

  it('keeps the QR code readable at the default size and quality (jsQR)', async () => {
    const url = 'https://verify.example.eu/credentials/jpeg?id=0123456789';
    const image = jpeg.decode(await renderJpeg(fixture('bulgarian-vet'), { verifyUrl: url }), { useTArray: true, formatAsRGBA: true });
    expect(jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data).toBe(url);
  });

  it('uses the quality: 30 gives fewer bytes than 95; default 90', async () => {
    const mc = fixture('polish-many-outcomes');
    const low = await renderJpeg(mc, { width: 600, quality: 30 });
    const high = await renderJpeg(mc, { width: 600, quality: 95 });
    const def = await renderJpeg(mc, { width: 600 });
    expect(low.length).toBeLessThan(high.length);
    expect(Buffer.from(def).equals(Buffer.from(await renderJpeg(mc, { width: 600, quality: 90 })))).toBe(true);
    expect(Buffer.from(def).equals(Buffer.from(high))).toBe(false);
  });

  it('returns a plain Uint8Array', async () => {
    const bytes = await renderJpeg(fixture('portuguese-long-name'), { width: 64 });
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
  });
});

describe('Greek and Cyrillic', () => {
  /** Each character in a cell of its own (60 × 60 px, a whole number of pixels apart), drawn at once; the cells' pixels. */
  async function cells(chars: readonly string[], weight: string): Promise<Buffer[]> {
    const columns = 16;
    const rows = Math.ceil(chars.length / columns);
    const texts = chars.map((c, i) => `<text x="${(i % columns) * 60 + 10}" y="${Math.floor(i / columns) * 60 + 44}">${c}</text>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${columns * 60}" height="${rows * 60}"><g font-family="Noto Sans" font-weight="${weight}" font-size="40">${texts}</g></svg>`;
    const png = decodePng(await svgToPng(svg, { width: columns * 60 }));
    return chars.map((_, i) => {
      const x0 = (i % columns) * 60;
      const y0 = Math.floor(i / columns) * 60;
      const rowsOfCell = Array.from({ length: 60 }, (_, y) => png.data.subarray(((y0 + y) * png.width + x0) * 4, ((y0 + y) * png.width + x0 + 60) * 4));
      return Buffer.concat(rowsOfCell);
    });
  }

  it('draws every letter of the Greek and Cyrillic alphabets (upper and lower case) with a glyph of its own, in both faces', async () => {
    const letters = [...'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωάέήίόύώ', ...'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯабвгдежзийклмнопрстуфхцчшщъьюя'];
    for (const weight of ['normal', 'bold']) {
      const images = await cells(letters, weight);
      const seen = new Map<string, string>();
      letters.forEach((letter, i) => {
        const key = images[i]!.toString('base64');
        // Letters that look the same in any font (Greek Α and Cyrillic А) may share a picture with
        // a letter of the other alphabet, never with one of their own.
        const other = seen.get(key);
        if (other !== undefined) expect(isGreek(other) !== isGreek(letter), `${letter} is drawn as ${other} (${weight})`).toBe(true);
        seen.set(key, letter);
        expect(darkPixels({ data: images[i]! }), `${letter} draws nothing (${weight})`).toBeGreaterThan(20);
      });
    }
  });

  it('would notice a missing glyph: two CJK characters (not in Noto Sans) give the same empty box', async () => {
    // What a font without Greek or Cyrillic would do to every letter above.
    const [han, zi, omega] = await cells(['漢', '字', 'Ω'], 'normal');
    expect(han!.equals(zi!)).toBe(true);
    expect(darkPixels({ data: han! })).toBeGreaterThan(20);
    expect(omega!.equals(han!)).toBe(false);
  });

  it('draws the Greek and Bulgarian credentials with their own texts: the pages differ from the English ones', async () => {
    for (const name of ['greek-university', 'bulgarian-vet']) {
      const mc = fixture(name);
      const own = decodePng(await renderPng(mc, { width: 800 }));
      const english = decodePng(await renderPng(mc, { width: 800, lang: 'en' }));
      expect(Buffer.from(own.data).equals(Buffer.from(english.data)), name).toBe(false);
    }
  });
});

describe('the font', () => {
  it('comes from the font package when the library runs from its sources', async () => {
    const fonts = await loadFonts();
    expect(Buffer.from(fonts.regular).equals(Buffer.from(packageFont('regular')))).toBe(true);
    expect(Buffer.from(fonts.bold).equals(Buffer.from(packageFont('bold')))).toBe(true);
  });

  it('is copied by the build into dist/fonts/ with its licence (scripts/copy-render-fonts.mjs)', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'copy-render-fonts.mjs')], { cwd: ROOT, stdio: 'pipe' });
    const dir = join(ROOT, 'dist', 'fonts');
    expect(readdirSync(dir).sort()).toEqual(['NotoSans_400Regular.ttf', 'NotoSans_700Bold.ttf', 'OFL.txt']);
    expect(readFileSync(join(dir, 'NotoSans_400Regular.ttf')).equals(Buffer.from(packageFont('regular')))).toBe(true);
    expect(readFileSync(join(dir, 'NotoSans_700Bold.ttf')).equals(Buffer.from(packageFont('bold')))).toBe(true);
    expect(readFileSync(join(dir, 'OFL.txt'), 'utf8')).toMatch(/SIL OPEN FONT LICENSE Version 1\.1/);
  });

  it('checks fonts given by a caller and copies them', () => {
    expect(() => checkFonts(null, 'f')).toThrow(TypeError);
    expect(() => checkFonts({ regular: packageFont('regular') }, 'initRenderer: fonts')).toThrow(/initRenderer: fonts\.bold must be a Uint8Array/);
    expect(() => checkFonts({ regular: new Uint8Array(100), bold: packageFont('bold') }, 'initRenderer: fonts')).toThrow(/fonts\.regular is not a TrueType or OpenType font/);
    expect(() => checkFonts(Object.defineProperty({}, 'regular', { get: () => { throw new Error('boom'); } }), 'f')).toThrow(new TypeError('f.regular could not be read (boom)'));
    const regular = packageFont('regular');
    const checked = checkFonts({ regular, bold: packageFont('bold') }, 'f');
    regular[100] = regular[100]! ^ 0xff;
    expect(checked.regular[100]).not.toBe(regular[100]);
  });
});

describe('options and misuse', () => {
  it('refuses a width or quality out of range, naming the option', async () => {
    const mc = fixture('greek-university');
    for (const width of [0, 15, 5001, 10_000, -5]) await expect(renderPng(mc, { width })).rejects.toThrow(new RangeError(`renderPng: width must be an integer from 16 to 5000, not ${width}`));
    for (const width of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) await expect(svgToPng(textSvg('x'), { width })).rejects.toThrow(/^svgToPng: width must be an integer from 16 to 5000/);
    // An SVG of an extreme aspect ratio would be a picture of billions of pixels: refused, not drawn.
    await expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"/>', { width: 5000 })).rejects.toThrow(/^svg: a picture 5000 px wide would be 500000000 px high/);
    await expect(renderJpeg(mc, { width: '800' as unknown as number })).rejects.toThrow(new TypeError('renderJpeg: width must be an integer from 16 to 5000, not string'));
    for (const quality of [0, 101]) await expect(renderJpeg(mc, { quality })).rejects.toThrow(new RangeError(`renderJpeg: quality must be an integer from 1 to 100, not ${quality}`));
    await expect(renderJpeg(mc, { quality: 50.5 })).rejects.toThrow(TypeError);
    await expect(renderJpeg(mc, { quality: null as unknown as number })).rejects.toThrow(/renderJpeg: quality must be an integer from 1 to 100, not null/);
  });

  it('refuses options that are not an object, and an SVG that is not a string or not SVG', async () => {
    const mc = fixture('greek-university');
    for (const options of [null, 5, 'x', []]) {
      await expect(renderPng(mc, options as never)).rejects.toThrow(/^renderPng: options must be an object/);
      await expect(renderJpeg(mc, options as never)).rejects.toThrow(/^renderJpeg: options must be an object/);
      await expect(svgToPng(textSvg('x'), options as never)).rejects.toThrow(/^svgToPng: options must be an object/);
    }
    await expect(svgToPng(new Uint8Array(3) as never)).rejects.toThrow(/^svgToPng: svg must be a string/);
    await expect(svgToPng('<html>not svg</html>')).rejects.toThrow(/^svg: resvg cannot read it/);
  });

  it('refuses an invalid micro-credential and wrong layout options with a TypeError naming the function', async () => {
    const { title: _title, ...untitled } = fixture('greek-university');
    await expect(renderPng(untitled as MicroCredential)).rejects.toThrow(/^renderPng: the micro-credential is not valid: .*title/);
    await expect(renderJpeg(null as unknown as MicroCredential)).rejects.toThrow(/^renderJpeg: the micro-credential is not valid/);
    await expect(renderJpeg(fixture('greek-university'), { lang: 5 as never })).rejects.toThrow(/^renderJpeg: options\.lang must be/);
    await expect(renderPng(fixture('greek-university'), { verifyUrl: 'ftp://x.example' })).rejects.toThrow(/^renderPng: options\.verifyUrl must be an http or https URL/);
    const throwing = Object.defineProperty({}, 'width', { get: () => { throw new Error('boom'); } });
    await expect(renderPng(fixture('greek-university'), throwing)).rejects.toThrow(/^renderPng: options could not be read \(boom\)/);
  });

  it('loads no image an SVG links to (a URL, a file path): resvg-wasm has no network or files, and the renderer resolves none', async () => {
    const linked = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="50" height="50"><image href="https://example.com/a.png" width="50" height="50"/><image xlink:href="/etc/hostname" width="50" height="50"/></svg>';
    const png = decodePng(await svgToPng(linked, { width: 50 }));
    expect(darkPixels(png)).toBe(0);
  });

  it('draws a logo given as PNG or SVG (embedded data, nothing loaded)', async () => {
    const logoSvg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="#c00"/></svg>');
    const logoPng = await svgToPng(new TextDecoder().decode(logoSvg), { width: 100 });
    const mc = fixture('german-long-title');
    const plain = decodePng(await renderPng(mc, { width: 600 }));
    for (const logo of [{ content: logoSvg, contentType: 'image/svg+xml' as const }, { content: logoPng, contentType: 'image/png' as const }]) {
      const withLogo = decodePng(await renderPng(mc, { width: 600, logo }));
      // Red pixels appear somewhere (the logo), none in the plain picture.
      const red = (png: { data: Uint8Array | Buffer }) => {
        let n = 0;
        for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > 180 && png.data[i + 1]! < 60 && png.data[i + 2]! < 60) n++;
        return n;
      };
      expect(red(plain)).toBe(0);
      expect(red(withLogo), logo.contentType).toBeGreaterThan(200);
    }
  });

  it('initRenderer refuses a URL for the WebAssembly (it fetches nothing) and other wrong inputs', async () => {
    await expect(initRenderer({ wasm: 'https://cdn.example/index_bg.wasm' as never })).rejects.toThrow(/initRenderer: wasm must be .*fetches nothing/);
    await expect(initRenderer({ wasm: new URL('https://cdn.example/index_bg.wasm') as never })).rejects.toThrow(/fetches nothing/);
    await expect(initRenderer({ wasm: 42 as never })).rejects.toThrow(/not number/);
    await expect(initRenderer(7 as never)).rejects.toThrow(/^initRenderer: options must be an object/);
    await expect(initRenderer({ fonts: { regular: 'x', bold: 'y' } as never })).rejects.toThrow(/^initRenderer: fonts\.regular must be a Uint8Array/);
    await expect(initRenderer(Object.defineProperty({}, 'wasm', { get: () => { throw new Error('boom'); } }))).rejects.toThrow(new TypeError('initRenderer: options could not be read (boom)'));
    await expect(initRenderer()).resolves.toBeUndefined();
  });

  it('uses the fonts given to initRenderer: the bold face given as both changes the regular text', async () => {
    const regularText = async () => Buffer.from(await svgToPng(textSvg('Ελληνικά'), { width: 200 }));
    const before = await regularText();
    try {
      await initRenderer({ fonts: { regular: packageFont('bold'), bold: packageFont('bold') } });
      expect((await regularText()).equals(before)).toBe(false);
    } finally {
      await initRenderer({ fonts: { regular: packageFont('regular'), bold: packageFont('bold') } });
    }
    expect((await regularText()).equals(before)).toBe(true);
  });
});

describe('outside Node', () => {
  it('says to call initRenderer when neither the font nor the WebAssembly can be read (a Web Worker)', async () => {
    vi.resetModules();
    const scope = globalThis as { importScripts?: unknown };
    scope.importScripts = () => undefined;
    try {
      const fonts = await import('../src/render/fonts.js');
      await expect(fonts.loadFonts()).rejects.toThrow(/call initRenderer\(\{ fonts: \{ regular, bold \} \}\) first/);
      const raster = await import('../src/render/raster.js');
      await expect(raster.svgToPng(textSvg('x'))).rejects.toThrow(/call initRenderer\(\{ wasm \}\) first with @resvg\/resvg-wasm\/index_bg\.wasm/);
      // Given both (the wasm as bytes, as a page would after fetching it), it renders.
      const wasm = new Uint8Array(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
      await raster.initRenderer({ wasm });
      await expect(raster.svgToPng(textSvg('x'))).rejects.toThrow(/call initRenderer\(\{ fonts: \{ regular, bold \} \}\) first/);
      await raster.initRenderer({ fonts: { regular: packageFont('regular'), bold: packageFont('bold') } });
      expect(decodePng(await raster.svgToPng(textSvg('Ω'), { width: 100 })).width).toBe(100);
    } finally {
      delete scope.importScripts;
      vi.resetModules();
    }
  });

  it('bundles for browsers: esbuild resolves every import without Node built-ins', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'render', 'raster.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.includes('resvg-wasm'))).toBe(true);
    expect(inputs.filter((f) => /^node:|(^|\/)(fs|module|path)$/.test(f))).toEqual([]);
    // The node: names are left as dynamic imports of constants, loaded only in Node.
    const text = result.outputFiles[0]!.text;
    expect(text).not.toMatch(/^import .* from "node:/m);
  });
});

describe.runIf(haveChromium || !!process.env.CI)('in Chromium', () => {
  let opened: BundledPage | undefined;
  let dir: string | undefined;
  type Result = { ok: true; value: string } | { ok: false; error: string };
  const inPage = (name: string, ...args: unknown[]): Promise<Result> =>
    opened!.page.evaluate(([n, a]) => (window as unknown as { scenarios: Record<string, (...x: unknown[]) => Promise<Result>> }).scenarios[n as string]!(...(a as unknown[])), [name, args] as const);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  beforeAll(async () => {
    // A page importing the sources; bare imports resolve from the repository's node_modules.
    dir = mkdtempSync(join(tmpdir(), 'eumc-render-page-'));
    const entry = join(dir, 'page.ts');
    writeFileSync(
      entry,
      `import { initRenderer, renderJpeg, svgToPng } from ${JSON.stringify(join(ROOT, 'src', 'render', 'raster.ts'))};
const bytes = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const text = (data: Uint8Array) => { let s = ''; for (const b of data) s += String.fromCharCode(b); return btoa(s); };
const settle = async (run: () => Promise<string>) => { try { return { ok: true, value: await run() }; } catch (e) { return { ok: false, error: String((e as Error).message) }; } };
(window as any).scenarios = {
  svgToPng: (svg: string) => settle(async () => text(await svgToPng(svg, { width: 200 }))),
  init: (wasm: string, regular: string, bold: string) => settle(async () => { await initRenderer({ wasm: bytes(wasm), fonts: { regular: bytes(regular), bold: bytes(bold) } }); return 'ok'; }),
  jpeg: (mc: unknown) => settle(async () => { const out = text(await renderJpeg(mc as never, { width: 300 })); return 'Buffer' in globalThis ? 'Buffer left behind' : out; }),
};
(window as any).pageReady = true;
`,
    );
    opened = await openBundledPage({ root: ROOT, entry: relative(ROOT, entry), title: 'eu-micro-credentials render', profilePrefix: 'eumc-chromium-render-', nodePaths: [join(ROOT, 'node_modules')] });
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('asks for initRenderer, then draws the same PNG as Node and a JPEG, fetching nothing', async () => {
    const svg = textSvg('Ελληνικά Бълг');
    expect(await inPage('svgToPng', svg)).toEqual({ ok: false, error: expect.stringMatching(/call initRenderer\(\{ wasm \}\) first/) });
    const wasm = readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
    expect(await inPage('init', b64(wasm), b64(packageFont('regular')), b64(packageFont('bold')))).toEqual({ ok: true, value: 'ok' });
    const png = await inPage('svgToPng', svg);
    expect(png.ok).toBe(true);
    expect(png.ok && Buffer.from(png.value, 'base64').equals(Buffer.from(await svgToPng(svg, { width: 200 })))).toBe(true);
    const jpg = await inPage('jpeg', fixture('greek-university'));
    expect(jpg.ok, jpg.ok ? '' : jpg.error).toBe(true);
    const image = jpeg.decode(Buffer.from(jpg.ok ? jpg.value : '', 'base64'), { useTArray: true });
    expect([image.width, image.height]).toEqual([300, 212]);
    const origin = new URL(opened!.page.url()).origin;
    expect(opened!.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
    expect(opened!.pageErrors).toEqual([]);
  }, 60_000);
});

const isGreek = (letter: string) => /\p{Script=Greek}/u.test(letter);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
