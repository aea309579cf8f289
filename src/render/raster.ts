/**
 * PNG and JPEG pictures of a micro-credential: its SVG (svg.ts) drawn by resvg (`@resvg/resvg-wasm`,
 * the same WebAssembly in Node and browsers) with the embedded Noto Sans and no other font, on
 * white; JPEG encoded from resvg's pixels by `jpeg-js`. The same input gives the same bytes.
 *
 * Node loads the WebAssembly module and the font itself; a browser calls `initRenderer({ wasm,
 * fonts })` once first. Nothing is fetched: a URL is not accepted for the WebAssembly module (give
 * a `Response` of your own `fetch` instead), and SVG images other than embedded `data:` ones are not
 * loaded.
 * @module
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import jpeg from 'jpeg-js';
import type { MicroCredential } from '../model/types.js';
import { checkFonts, loadFonts, useFonts, type RenderFonts } from './fonts.js';
import { readPackageFile } from './node/files.js';
import { assertRenderable, checkRenderOptions, type RenderOptions } from './options.js';
import { renderSvg } from './svg.js';

/**
 * resvg's WebAssembly: the bytes of `@resvg/resvg-wasm/index_bg.wasm`, a fetch `Response` of it, or
 * a compiled `WebAssembly.Module` (the last two typed loosely: the library compiles without the DOM's
 * types; checked when given).
 *
 * @example
 * const wasm: RendererWasm = await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
 */
export type RendererWasm = Uint8Array | ArrayBuffer | { arrayBuffer(): Promise<ArrayBuffer> } | object;

/**
 * What `initRenderer` takes: resvg's WebAssembly module and the font, both optional in Node.
 *
 * @example
 * const init: RendererInit = { wasm: await (await fetch(wasmUrl)).arrayBuffer(), fonts: { regular, bold } };
 * await initRenderer(init);
 */
export interface RendererInit {
  /** `@resvg/resvg-wasm/index_bg.wasm`: its bytes, a `Response` of it, or a compiled `WebAssembly.Module`. Read from the package in Node when absent. */
  wasm?: RendererWasm | undefined;
  /** Noto Sans Regular and Bold (the package's `dist/fonts/`), or another font covering the texts. The embedded one in Node when absent. */
  fonts?: RenderFonts | undefined;
}

/**
 * Options of `svgToPng`.
 *
 * @example
 * const png = await svgToPng(svg, { width: 2246 } satisfies RasterOptions); // A4 at 192 dpi
 */
export interface RasterOptions {
  /** The picture's width in pixels, 16 to 5 000; the height follows the SVG's aspect ratio. Default 1123 (A4 landscape at 96 dpi). */
  width?: number | undefined;
}

/**
 * Options of `renderPng`: the layout's and the picture's width.
 *
 * @example
 * const options: PngOptions = { lang: 'bg', verifyUrl: 'https://uni.example.eu/verify/1', width: 1123 };
 * const png = await renderPng(mc, options);
 */
export interface PngOptions extends RenderOptions, RasterOptions {}

/**
 * Options of `renderJpeg`: the layout's, the width and the JPEG quality.
 *
 * @example
 * const options: JpegOptions = { lang: 'de', quality: 85 };
 * const jpeg = await renderJpeg(mc, options);
 */
export interface JpegOptions extends PngOptions {
  /** JPEG quality, 1 to 100. Default 90. */
  quality?: number | undefined;
}

/** A4 landscape (841.89 pt) at 96 dpi. */
const DEFAULT_WIDTH = 1123;
/** The widest picture: A4 at about 430 dpi (a 10 000 px page took 13 s and 700 MB). */
const MAX_WIDTH = 5000;
/** The most pixels a picture may have (an SVG of an extreme aspect ratio is refused, not drawn). */
const MAX_PIXELS = 25_000_000;
const DEFAULT_QUALITY = 90;
const WASM_PACKAGE_FILE = '@resvg/resvg-wasm/index_bg.wasm';
/** The font family name of Noto Sans; the SVG names it, and it is the default for any other name. */
const FONT_FAMILY = 'Noto Sans';

let wasmReady: Promise<void> | undefined;

const describe = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** What resvg's initWasm is given: bytes or a compiled module (a Response is read first, so no MIME type matters). */
type WasmInput = Uint8Array | ArrayBuffer | object;

/** The runtime's `Response` and `WebAssembly.Module` classes, where it has them. */
const runtimeClass = (name: 'Response' | 'Module'): (abstract new (...args: never[]) => object) | undefined => {
  const scope = globalThis as { Response?: unknown; WebAssembly?: { Module?: unknown } };
  const found = name === 'Response' ? scope.Response : scope.WebAssembly?.Module;
  return typeof found === 'function' ? (found as abstract new (...args: never[]) => object) : undefined;
};

function checkWasm(wasm: unknown): Uint8Array | ArrayBuffer | { arrayBuffer(): Promise<ArrayBuffer> } | object {
  if (wasm instanceof Uint8Array || wasm instanceof ArrayBuffer) return wasm;
  const Module = runtimeClass('Module');
  const ResponseClass = runtimeClass('Response');
  if ((Module && wasm instanceof Module) || (ResponseClass && wasm instanceof ResponseClass)) return wasm as object;
  throw new TypeError(`initRenderer: wasm must be the bytes of @resvg/resvg-wasm/index_bg.wasm (Uint8Array or ArrayBuffer), a Response of it or a WebAssembly.Module, not ${describe(wasm)}${typeof wasm === 'string' || wasm instanceof URL ? ' (the library fetches nothing: fetch it yourself and pass the Response)' : ''}`);
}

async function startWasm(wasm: RendererWasm | undefined): Promise<void> {
  let input: WasmInput | undefined = wasm;
  const ResponseClass = runtimeClass('Response');
  if (ResponseClass && wasm instanceof ResponseClass) input = await (wasm as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer();
  if (input === undefined) {
    input = await readPackageFile(WASM_PACKAGE_FILE);
    if (input === undefined) throw new Error(`The renderer's WebAssembly module is not loaded: outside Node.js call initRenderer({ wasm }) first with ${WASM_PACKAGE_FILE} (its bytes, a Response of it or a WebAssembly.Module).`);
  }
  try {
    await initWasm(input as Parameters<typeof initWasm>[0]);
  } catch (error) {
    // Another user of the same resvg-wasm module (the application itself) initialised it already.
    if (!/Already initialized/i.test(String((error as { message?: unknown } | null)?.message))) throw error;
  }
}

/** Starts resvg's WebAssembly once; a failed start may be retried. */
function ensureWasm(wasm?: RendererWasm): Promise<void> {
  wasmReady ??= startWasm(wasm).catch((error: unknown) => {
    wasmReady = undefined;
    throw error;
  });
  return wasmReady;
}

/**
 * Prepares the rasteriser: starts resvg's WebAssembly (once; later calls' `wasm` is not used) and
 * sets the fonts every later PNG and JPEG (and PDF) uses. Browsers must call it before rendering PNG
 * or JPEG, with both; Node loads both itself, so there it is needed only for other fonts.
 *
 * @example
 * // In a browser, with the bytes of resvg's WebAssembly and of the package's font (eu-micro-credentials/fonts/*):
 * await initRenderer({ wasm, fonts: { regular, bold } });
 * const png = await renderPng(mc);
 */
export async function initRenderer(options?: RendererInit): Promise<void> {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) throw new TypeError(`initRenderer: options must be an object { wasm?, fonts? }, not ${describe(options)}`);
  let given: { wasm?: unknown; fonts?: unknown } = {};
  try {
    if (options !== undefined) given = { wasm: options.wasm, fonts: options.fonts };
  } catch (error) {
    throw new TypeError(`initRenderer: options could not be read (${String((error as { message?: unknown } | null)?.message ?? error)})`);
  }
  const wasm = given.wasm === undefined ? undefined : checkWasm(given.wasm);
  if (given.fonts !== undefined) useFonts(checkFonts(given.fonts, 'initRenderer: fonts'));
  await ensureWasm(wasm);
}

function checkInteger(value: unknown, name: string, min: number, max: number, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError(`${where}: ${name} must be an integer from ${min} to ${max}, not ${typeof value === 'number' ? String(value) : describe(value)}`);
  if (value < min || value > max) throw new RangeError(`${where}: ${name} must be an integer from ${min} to ${max}, not ${value}`);
  return value;
}

/** The picture's own options (`width`, `quality`), each read once. */
function checkOptions(options: unknown, where: string): { width?: unknown; quality?: unknown } {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`${where}: options must be an object, not ${describe(options)}`);
  try {
    const { width, quality } = options as Record<string, unknown>;
    return { width, quality };
  } catch (error) {
    throw new TypeError(`${where}: options could not be read (${String((error as { message?: unknown } | null)?.message ?? error)})`);
  }
}

/** The credential's SVG page, checked under the caller's name (`renderPng: …`). */
async function credentialSvg(mc: unknown, options: unknown, where: string): Promise<string> {
  const checked = assertRenderable(mc, where);
  const opts = checkRenderOptions(options, where);
  if (opts.logo !== undefined) await assertLogoDecodes(opts.logo, where);
  return renderSvg(checked, opts);
}

/**
 * Decodes the logo once, as `renderPdf` does: resvg leaves out an image it cannot decode without a
 * word, so a cut-off PNG or a malformed SVG would vanish from the picture in silence.
 */
async function assertLogoDecodes(logo: NonNullable<RenderOptions['logo']>, where: string): Promise<void> {
  try {
    if (logo.contentType === 'image/jpeg') jpeg.decode(logo.content, { useTArray: true, maxResolutionInMP: 25, maxMemoryUsageInMB: 256 });
    else if (logo.contentType === 'image/png') {
      const { PDFDocument } = await import('pdf-lib');
      await (await PDFDocument.create()).embedPng(logo.content);
    } else {
      await ensureWasm();
      new Resvg(new TextDecoder().decode(logo.content)).free();
    }
  } catch (error) {
    const message = String((error as { message?: unknown } | null)?.message ?? error).slice(0, 200);
    throw new TypeError(`${where}: options.logo.content cannot be drawn, it is not a whole ${logo.contentType} image (${message})`);
  }
}

/** resvg's picture of `svg`, `width` pixels wide, on white: its RGBA pixels and its PNG. */
async function draw<T>(svg: string, width: number, take: (image: { width: number; height: number; pixels: () => Uint8Array; png: () => Uint8Array }) => T): Promise<T> {
  await ensureWasm();
  const fonts = await loadFonts();
  let resvg: InstanceType<typeof Resvg>;
  try {
    resvg = new Resvg(svg, {
      fitTo: { mode: 'width', value: width },
      background: '#ffffff',
      font: { fontBuffers: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    });
  } catch (error) {
    throw new TypeError(`svg: resvg cannot read it: ${String((error as { message?: unknown } | null)?.message ?? error)}`);
  }
  try {
    const height = Math.ceil((width * resvg.height) / resvg.width);
    if (!(height * width <= MAX_PIXELS)) throw new RangeError(`svg: a picture ${width} px wide would be ${Number.isFinite(height) ? height : 'infinitely many'} px high (at most ${MAX_PIXELS} pixels are drawn): its aspect ratio is too extreme`);
    const image = resvg.render();
    try {
      return take({ width: image.width, height: image.height, pixels: () => image.pixels, png: () => image.asPng() });
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/**
 * A PNG of an SVG document, `width` pixels wide (default 1123), drawn with the renderer's font only
 * (Noto Sans, or the fonts given to `initRenderer`) on white. For pictures of other SVGs than the
 * credential's own, such as the pages `toElm` embeds.
 *
 * @example
 * const png = await svgToPng(renderSvg(mc, { lang: 'el' }), { width: 800 });
 */
export async function svgToPng(svg: string, options?: RasterOptions): Promise<Uint8Array> {
  if (typeof svg !== 'string') throw new TypeError(`svgToPng: svg must be a string (an SVG document), not ${describe(svg)}`);
  const width = checkInteger(checkOptions(options, 'svgToPng').width, 'width', 16, MAX_WIDTH, DEFAULT_WIDTH, 'svgToPng');
  return draw(svg, width, (image) => image.png());
}

/**
 * A PNG picture of a micro-credential in one language (`options.lang`, default its primary
 * language): `renderSvg`'s page drawn `width` pixels wide (default 1123, A4 landscape at 96 dpi).
 * An invalid micro-credential is a TypeError naming its first problems.
 *
 * @example
 * const png = await renderPng(mc, { lang: 'el', verifyUrl: 'https://uni.example.eu/verify/1' });
 * await writeFile('credential.el.png', png);
 */
export async function renderPng(mc: MicroCredential, options?: PngOptions): Promise<Uint8Array> {
  const width = checkInteger(checkOptions(options, 'renderPng').width, 'width', 16, MAX_WIDTH, DEFAULT_WIDTH, 'renderPng');
  const svg = await credentialSvg(mc, options, 'renderPng');
  return draw(svg, width, (image) => image.png());
}

/**
 * A JPEG picture of a micro-credential (as `renderPng`), encoded at `quality` (1 to 100, default 90)
 * by jpeg-js from resvg's pixels on white.
 *
 * @example
 * const display = { el: { content: await renderJpeg(mc, { lang: 'el' }), contentType: 'image/jpeg' as const } };
 * const credential = toElm(mc, { display }); // EDC's JPEG page
 */
export async function renderJpeg(mc: MicroCredential, options?: JpegOptions): Promise<Uint8Array> {
  const opts = checkOptions(options, 'renderJpeg');
  const width = checkInteger(opts.width, 'width', 16, MAX_WIDTH, DEFAULT_WIDTH, 'renderJpeg');
  const quality = checkInteger(opts.quality, 'quality', 1, 100, DEFAULT_QUALITY, 'renderJpeg');
  const svg = await credentialSvg(mc, options, 'renderJpeg');
  return draw(svg, width, (image) => encodeJpeg(image.pixels(), image.width, image.height, quality));
}

/**
 * jpeg-js's baseline encoder. It returns a Node `Buffer` whenever it was loaded as a CommonJS module,
 * which a bundle for browsers also does, where there is no `Buffer`: there it gets, for the
 * (synchronous) call only, a stand-in whose `from` makes a Uint8Array.
 */
function encodeJpeg(rgba: Uint8Array, width: number, height: number, quality: number): Uint8Array {
  const scope = globalThis as { Buffer?: unknown };
  const standIn = scope.Buffer === undefined;
  if (standIn) scope.Buffer = { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes) };
  try {
    const { data } = jpeg.encode({ data: rgba, width, height }, quality);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } finally {
    if (standIn) delete scope.Buffer;
  }
}
