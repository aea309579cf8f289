/**
 * The PDF of a micro-credential: one A4 landscape page per language, drawn from the same laid-out
 * pages as the SVG and PNG (layout.ts), with pdf-lib and its font kit.
 *
 * - Text is set in the embedded Noto Sans (Regular and Bold, subset to the glyphs used, with a
 *   ToUnicode map), so it is selectable, searchable and extractable. The document's language is
 *   the first page's; a page or line in another language is marked with it (a `/Span` with
 *   `/Lang`), a line with characters the font lacks, or with default-ignorable ones (a soft hyphen,
 *   a zero-width joiner), carries its text as `/ActualText`.
 * - The QR code is drawn as vector squares (one filled path of runs of dark modules), crisp at any zoom.
 * - The credential itself is attached as an embedded file (an associated file of the document,
 *   `/AFRelationship /Source`): the model JSON by default, or the exact bytes the caller gives
 *   (an ELM credential, a signed VC, an Open Badge, an SD-JWT VC), so one file carries both the
 *   human and the machine version.
 * - The same input and `creationDate` give the same bytes: pdf-lib draws its random font-name
 *   suffixes from a fixed seed, the subset tags here are hashes of the text drawn, and the file
 *   identifier (`/ID`) is a SHA-256 of the pages, the attachment and the date.
 *
 * An SVG logo is rasterised (resvg, through `svgToPng`) at 300 dpi for its box: PDF has no SVG
 * image type, and drawing SVG as PDF paths would need an SVG interpreter of its own.
 * @module
 */
import type { Color, PDFDocument, PDFFont, PDFImage, PDFName, PDFOperator, PDFPage } from 'pdf-lib';
import type { MicroCredential } from '../model/types.js';
import { loadFonts, type RenderFonts } from './fonts.js';
import { assertRenderable, credentialLanguages, layoutCredential } from './layout.js';
import type { ImageItem, Page, QrItem, RectItem, TextItem } from './page.js';
import { MAX_LANGS, readOptions, type PdfOptions, type PdfSettings } from './pdf-options.js';
import { svgToPng } from './raster.js';

export type { PdfAttachment, PdfOptions } from './pdf-options.js';

type PdfLib = typeof import('pdf-lib');
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

let loading: Promise<{ pdfLib: PdfLib; fontkit: Fontkit }> | undefined;
/**
 * pdf-lib and its font kit, loaded on the first PDF: together they take longer to import than the
 * rest of the render room, which the SVG, PNG and JPEG functions (and the command line's other
 * formats) do not need.
 */
function loadLibraries(): Promise<{ pdfLib: PdfLib; fontkit: Fontkit }> {
  loading ??= Promise.all([import('pdf-lib'), import('@pdf-lib/fontkit')]).then(([pdfLib, kit]) => {
    // CommonJS in Node (the namespace's default is module.exports), an ES module's default elsewhere.
    const fontkit = ((kit as { default?: unknown }).default ?? kit) as Fontkit;
    return { pdfLib, fontkit };
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
/** The loaded pdf-lib; set by `pagesToPdf` before anything is drawn. */
let lib: PdfLib;

const LOGO_DPI = 300;
const CREATOR = 'eu-micro-credentials';
const PRODUCER = 'eu-micro-credentials (pdf-lib 1.17.1, @pdf-lib/fontkit 1.1.1)';

/** `#rgb` or `#rrggbb` (what the layout writes), `white` and `black`; anything else is black, `none` is no paint. */
function color(value: string | undefined): Color | undefined {
  if (value === undefined || value === 'none' || value === 'transparent') return undefined;
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1];
  if (hex === undefined) return value === 'white' ? lib.rgb(1, 1, 1) : lib.rgb(0, 0, 0);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = Number.parseInt(hex, 16);
  return lib.rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/** FNV-1a over the text drawn with a face: a six-capital-letter subset tag (PDF 32000-1, 9.6.4) that only changes with the text. */
function subsetTag(texts: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 0x0a, 0x01000193) >>> 0;
  }
  let tag = '';
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) tag += String.fromCharCode(65 + (h % 26));
  return tag;
}

/**
 * OpenType features that only move glyphs (kerning, mark placement): pdf-lib draws glyphs at their
 * advances and never reads positions, so shaping them is wasted time (half of it). Ligatures are
 * left out too, so that a line is drawn exactly as the layout measured it (advance by advance).
 */
const FEATURES = { kern: false, mark: false, mkmk: false, liga: false, clig: false };

interface Embedder {
  customName?: string | undefined;
  subset?: { _addGlyph?: (gid: number) => number; loca?: { version?: number } };
}

/**
 * Makes pdf-lib's subset right, reaching into its embedder (both packages are pinned exactly):
 *
 * - fontkit 1.1.1 writes a subset's glyph offsets (`loca`) in the short format whenever the glyph
 *   data is under 128 KB; that format stores offsets halved, so a glyph of odd length (Noto Sans
 *   has some 1 300) shifts every later one and they draw as nothing, while the text still
 *   extracts. Setting the long format before the first glyph is added keeps every offset exact.
 * - A subset's name starts with a tag of six capitals and `+` (PDF 32000-1, 9.6.4), which readers
 *   (and pdffonts) take as "subset"; pdf-lib names it `Name-1234` instead.
 *
 * Returns false where the embedder is not the one this was written for.
 */
function fixSubset(font: PDFFont, tag: string): boolean {
  const embedder = (font as unknown as { embedder?: Embedder }).embedder;
  const subset = embedder?.subset;
  const add = subset?._addGlyph;
  if (embedder === undefined || subset === undefined || typeof add !== 'function') return false;
  subset._addGlyph = function (this: NonNullable<Embedder['subset']>, gid: number): number {
    if (this.loca !== undefined) this.loca.version = 1;
    return add.call(this, gid);
  };
  embedder.customName = `${tag}+${font.name.replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`;
  return true;
}

async function embedFace(doc: PDFDocument, bytes: Uint8Array, texts: readonly string[]): Promise<PDFFont> {
  const font = await doc.embedFont(bytes, { subset: true, features: FEATURES });
  // Should the fix not apply, the whole font is embedded instead (larger, but every glyph drawn).
  return fixSubset(font, subsetTag(texts)) ? font : doc.embedFont(bytes, { subset: false, features: FEATURES });
}

/**
 * Marked content (PDF 32000-1, 14.6) with a language (14.9.2.2: a page or a text in another language
 * than the document's) and, for a line with characters the font has no glyph for, its text as
 * `/ActualText` (14.9.4): the font draws those as empty boxes and could not map them back to text,
 * so readers copy and search the real text instead.
 */
function beginSpan(page: PDFPage, props: { lang?: string | undefined; actualText?: string | undefined }): void {
  const dict = page.doc.context.obj({
    ...(props.lang !== undefined ? { Lang: lib.PDFString.of(props.lang) } : {}),
    ...(props.actualText !== undefined ? { ActualText: lib.PDFHexString.fromText(props.actualText) } : {}),
  });
  // An inline property list is allowed here (14.6.2); pdf-lib's operator type only leaves it out.
  page.pushOperators(lib.PDFOperator.of(lib.PDFOperatorNames.BeginMarkedContentSequence, [lib.PDFName.of('Span'), dict as unknown as PDFName]));
}

function endSpan(page: PDFPage): void {
  page.pushOperators(lib.PDFOperator.of(lib.PDFOperatorNames.EndMarkedContent));
}

const characterSets = new WeakMap<PDFFont, ReadonlySet<number>>();

/** Whether the face lacks a glyph for some character of `text` (Chinese, Arabic, emoji in a Latin-Greek-Cyrillic font). */
function lacksGlyphs(font: PDFFont, text: string): boolean {
  let set = characterSets.get(font);
  if (set === undefined) characterSets.set(font, (set = new Set(font.getCharacterSet())));
  for (const c of text) if (!set.has(c.codePointAt(0)!)) return true;
  return false;
}

/**
 * Default-ignorable characters (soft hyphen, zero-width joiner and space, variation selectors):
 * the font kit's shaping draws them as the space glyph, which maps back to U+0020, so
 * "Donau\u00ADdampf" would be copied as "Donau dampf". Such a line carries its text as `/ActualText`.
 */
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;

function drawText(page: PDFPage, height: number, item: TextItem, font: PDFFont, pageLang: string): void {
  const width = font.widthOfTextAtSize(item.text, item.size);
  // The layout measured with the same advances; should pdf-lib's shaping come out wider than the
  // box (a font other than Noto Sans given as options.fonts), the line is narrowed to fit its box.
  const squeeze = width > item.box.width && width > 0 ? item.box.width / width : 1;
  const drawn = width * squeeze;
  const x = item.anchor === 'middle' ? item.x - drawn / 2 : item.anchor === 'end' ? item.x - drawn : item.x;
  const lang = item.lang !== undefined && item.lang !== pageLang ? item.lang : undefined;
  const actualText = lacksGlyphs(font, item.text) || IGNORABLE.test(item.text) ? item.text : undefined;
  const span = lang !== undefined || actualText !== undefined;
  if (span) beginSpan(page, { lang, actualText });
  if (squeeze < 1) page.pushOperators(lib.pushGraphicsState(), lib.setCharacterSqueeze(squeeze * 100));
  page.drawText(item.text, { x, y: height - item.y, size: item.size, font, color: color(item.color) ?? lib.rgb(0, 0, 0) });
  if (squeeze < 1) page.pushOperators(lib.popGraphicsState());
  if (span) endSpan(page);
}

function drawRect(page: PDFPage, height: number, item: RectItem): void {
  const fill = color(item.fill);
  const stroke = color(item.stroke);
  if (fill === undefined && stroke === undefined) return;
  page.drawRectangle({
    x: item.x,
    y: height - item.y - item.height,
    width: item.width,
    height: item.height,
    ...(fill ? { color: fill } : {}),
    ...(stroke ? { borderColor: stroke, borderWidth: item.strokeWidth ?? 1 } : {}),
  });
}

/** The dark modules as runs along each row, one filled path: no seams between modules, few operators. */
function drawQr(page: PDFPage, height: number, item: QrItem): void {
  const n = item.modules.length;
  if (n === 0) return;
  const unit = item.size / n;
  const top = height - item.y;
  const ops: PDFOperator[] = [lib.pushGraphicsState(), lib.setFillingRgbColor(0, 0, 0)];
  const at = (v: number) => Math.round(v * 1000) / 1000;
  for (let row = 0; row < n; row++) {
    const cells = item.modules[row]!;
    for (let col = 0; col < cells.length; col++) {
      if (!cells[col]) continue;
      let end = col;
      while (end + 1 < cells.length && cells[end + 1]) end++;
      ops.push(lib.rectangle(at(item.x + col * unit), at(top - (row + 1) * unit), at((end - col + 1) * unit), at(unit)));
      col = end;
    }
  }
  ops.push(lib.fill(), lib.popGraphicsState());
  page.pushOperators(...ops);
}

async function embedImage(doc: PDFDocument, item: ImageItem): Promise<PDFImage> {
  try {
    if (item.contentType === 'image/png') return await doc.embedPng(item.content);
    if (item.contentType === 'image/jpeg') return await doc.embedJpg(item.content);
    const width = Math.min(4000, Math.max(16, Math.ceil((item.width * LOGO_DPI) / 72)));
    return await doc.embedPng(await svgToPng(new TextDecoder().decode(item.content), { width }));
  } catch (error) {
    // A truncated or corrupt image is the caller's logo: say so, whatever the decoder threw.
    const message = String((error as { message?: unknown } | null)?.message ?? error).replace(/^svg: /, '').slice(0, 200);
    throw new TypeError(`renderPdf: options.logo.content cannot be drawn, it is not a whole ${item.contentType} image (${message})`);
  }
}

/** The file identifier (PDF 32000-1, 14.4): a digest of what the document is made of, so the same input gives the same bytes. */
async function fileId(pages: readonly Page[], settings: PdfSettings): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  const parts: Uint8Array[] = [];
  const text = JSON.stringify({ date: settings.date.toISOString(), name: settings.attachment.filename, type: settings.attachment.mimeType, pages }, (key, value: unknown) => {
    if (key === 'content' && value instanceof Uint8Array) {
      parts.push(value);
      return value.length;
    }
    return value;
  });
  parts.unshift(new TextEncoder().encode(text), settings.attachment.content);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) all.set(p, (at += p.length) - p.length);
  const digest = new Uint8Array(await subtle.digest('SHA-256', all));
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Writes laid-out pages, with the attachment and the document's information, into a PDF. */
export async function pagesToPdf(pages: readonly Page[], settings: PdfSettings & { fonts: RenderFonts }): Promise<Uint8Array> {
  const libs = await loadLibraries();
  lib = libs.pdfLib;
  const doc = await lib.PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(libs.fontkit);
  const texts = { normal: [] as string[], bold: [] as string[] };
  for (const page of pages) for (const item of page.items) if (item.kind === 'text') texts[item.weight === 'bold' ? 'bold' : 'normal'].push(item.text);
  const faces = {
    normal: await embedFace(doc, settings.fonts.regular, texts.normal),
    bold: await embedFace(doc, settings.fonts.bold, texts.bold),
  };
  const images = new Map<Uint8Array, PDFImage>();
  const docLang = pages[0]!.lang;
  for (const page of pages) {
    const pdfPage = doc.addPage([page.width, page.height]);
    const own = page.lang !== docLang;
    if (own) beginSpan(pdfPage, { lang: page.lang });
    for (const item of page.items) {
      if (item.kind === 'text') drawText(pdfPage, page.height, item, faces[item.weight === 'bold' ? 'bold' : 'normal'], page.lang);
      else if (item.kind === 'rect') drawRect(pdfPage, page.height, item);
      else if (item.kind === 'qr') drawQr(pdfPage, page.height, item);
      else if (item.kind === 'image') {
        let image = images.get(item.content);
        if (image === undefined) images.set(item.content, (image = await embedImage(doc, item)));
        pdfPage.drawImage(image, { x: item.x, y: page.height - item.y - item.height, width: item.width, height: item.height });
      }
    }
    if (own) endSpan(pdfPage);
  }
  doc.setTitle(pages[0]!.title, { showInWindowTitleBar: true });
  doc.setLanguage(docLang);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(settings.date);
  doc.setModificationDate(settings.date);
  const { content, filename, mimeType, description } = settings.attachment;
  // pdf-lib decodes `#xx` in a name before writing it ('a#41' would become 'aA'): '#23' is decoded to '#' and written as '#23'.
  await doc.attach(content, filename, { mimeType: mimeType.replace(/#/g, '#23'), description, creationDate: settings.date, modificationDate: settings.date, afRelationship: lib.AFRelationship.Source });
  const id = await fileId(pages, settings);
  if (id !== undefined) doc.context.trailerInfo.ID = doc.context.obj([lib.PDFHexString.of(id), lib.PDFHexString.of(id)]);
  return doc.save({ useObjectStreams: true });
}

/**
 * Renders a micro-credential as a PDF: one A4 landscape page per language (the credential's own
 * languages by default), its text selectable in the embedded Noto Sans, the verification URL as
 * text and QR code, and the credential itself attached (`credential.json`, or the file given as
 * `options.attachment`: a signed VC, an ELM credential, an Open Badge, an SD-JWT VC, byte for byte).
 *
 * Throws a `TypeError` for a credential that is not valid and for bad options (naming the option),
 * a `RangeError` for sizes out of bounds. Never fetches anything. In a browser, call
 * `initRenderer({ fonts })` first, or give `options.fonts`.
 *
 * @example
 * const pdf = await renderPdf(mc, {
 *   verifyUrl: 'https://uni.example.eu/verify/123',
 *   attachment: { content: JSON.stringify(signedVc), filename: 'credential.jsonld', mimeType: 'application/vc+ld+json' },
 *   creationDate: new Date('2025-06-30T12:00:00Z'),
 * });
 * await writeFile('credential.pdf', pdf);
 */
export async function renderPdf(mc: MicroCredential, options?: PdfOptions): Promise<Uint8Array> {
  const checked = assertRenderable(mc, 'renderPdf');
  const settings = readOptions(checked, options);
  const langs = settings.langs ?? credentialLanguages(checked);
  // A credential whose texts carry hundreds of tags would make a PDF of hundreds of pages: the same bound as `langs`.
  if (langs.length > MAX_LANGS) throw new RangeError(`renderPdf: the credential's texts carry ${langs.length} languages, more than the ${MAX_LANGS} pages a PDF is made of; choose them with options.langs`);
  const pages = langs.map((lang) => layoutCredential(checked, { ...settings.layout, lang }));
  const fonts = settings.fonts ?? (await loadFonts());
  return pagesToPdf(pages, { ...settings, fonts });
}
