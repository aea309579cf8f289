/**
 * The PDF of a micro-credential: one A4 landscape page per language, drawn from the same laid-out
 * pages as the SVG and PNG (layout.ts), with pdf-lib and its font kit.
 *
 * - Text is set in the embedded Noto Sans (Regular and Bold, subset to the glyphs used, with a
 *   ToUnicode map), so it is selectable, searchable and extractable; each page's text is marked
 *   with its language (a `/Span` with `/Lang`), the document's language is the first page's.
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
import fontkit from '@pdf-lib/fontkit';
import {
  AFRelationship,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  PDFString,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setCharacterSqueeze,
  setFillingRgbColor,
  type Color,
  type PDFFont,
  type PDFImage,
  type PDFPage,
} from 'pdf-lib';
import type { MicroCredential } from '../model/types.js';
import { checkFonts, loadFonts, type RenderFonts } from './fonts.js';
import { assertRenderable, checkRenderOptions, credentialLanguages, layoutCredential, type RenderOptions } from './layout.js';
import type { ImageItem, Page, QrItem, RectItem, TextItem } from './page.js';
import { svgToPng } from './raster.js';

/** What is attached to the PDF: the credential in the form the caller holds it. */
export interface PdfAttachment {
  /** The file's bytes, or its text (written as UTF-8). At most 10 MB. */
  content: Uint8Array | string;
  /** The file name shown by PDF readers: 1 to 255 characters, no `/` or `\`, no control characters, Latin-1 only. */
  filename: string;
  /** Its media type (`type/subtype`), e.g. `application/vc+ld+json`, `application/dc+sd-jwt`. */
  mimeType: string;
  /** A description shown by PDF readers (at most 1000 characters). */
  description?: string | undefined;
}

/** Options of `renderPdf`: the layout's (without `lang`), the languages, the attachment, the fonts, the date. */
export interface PdfOptions extends Omit<RenderOptions, 'lang'> {
  /** One page per language, in this order (1 to 64 BCP 47 tags). Default: `credentialLanguages(mc)`. */
  langs?: string[] | undefined;
  /** The file to attach. Default: the model JSON, `credential.json` (`application/json`). */
  attachment?: PdfAttachment | undefined;
  /** The font (Regular and Bold faces). Default: the fonts of `initRenderer`, else the embedded Noto Sans. */
  fonts?: RenderFonts | undefined;
  /** The document's creation and modification date, and the attachment's. Default: now. Give it for reproducible bytes. */
  creationDate?: Date | undefined;
}

const MAX_LANGS = 64;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_FILENAME = 255;
const MAX_DESCRIPTION = 1000;
/** A BCP 47 tag's shape (language, then subtags of letters and digits), as long as RFC 5646 asks parsers to accept. */
const LANG_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
/** RFC 6838 section 4.2: restricted-name "/" restricted-name (parameters are not taken). */
const MIME_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
/**
 * pdf-lib writes the name as the file specification's `/F` byte string unescaped and Latin-1 only
 * (`/UF` carries it as Unicode): so printable Latin-1 without path separators, and parentheses in
 * balanced pairs (a lone one would end or open the PDF string).
 */
const FILENAME_CHARS = /^[\x20-\x7e\xa0-\xff]+$/;
const LOGO_DPI = 300;
const CREATOR = 'eu-micro-credentials';
const PRODUCER = 'eu-micro-credentials (pdf-lib 1.17.1, @pdf-lib/fontkit 1.1.1)';

/** The options of `renderPdf`, checked and copied. */
export interface PdfSettings {
  langs: string[] | undefined;
  attachment: { content: Uint8Array; filename: string; mimeType: string; description: string };
  fonts: RenderFonts | undefined;
  date: Date;
  layout: Omit<RenderOptions, 'lang'>;
}

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

function checkLangs(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new TypeError(`renderPdf: options.langs must be an array of language tags (e.g. ['en', 'de']), not ${kind(value)}`);
  const length = value.length;
  if (length === 0) throw new RangeError('renderPdf: options.langs is empty; give at least one language, or leave it out for every language the credential carries');
  if (length > MAX_LANGS) throw new RangeError(`renderPdf: options.langs has ${length} languages; at most ${MAX_LANGS} pages are made`);
  const langs: string[] = [];
  for (let i = 0; i < length; i++) {
    const lang: unknown = value[i];
    if (typeof lang !== 'string' || lang.length > 35 || !LANG_TAG.test(lang)) throw new TypeError(`renderPdf: options.langs[${i}] must be a BCP 47 language tag such as 'de' or 'pt-BR', not ${typeof lang === 'string' ? JSON.stringify(lang.slice(0, 40)) : kind(lang)}`);
    if (langs.some((l) => l.toLowerCase() === lang.toLowerCase())) throw new RangeError(`renderPdf: options.langs has '${lang}' twice`);
    langs.push(lang);
  }
  return langs;
}

function balanced(name: string): boolean {
  let depth = 0;
  for (const c of name) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function checkAttachment(value: unknown): PdfSettings['attachment'] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`renderPdf: options.attachment must be an object { content, filename, mimeType, description? }, not ${kind(value)}`);
  const { content, filename, mimeType, description } = value as Record<string, unknown>;
  if (typeof filename !== 'string' || filename.length === 0) throw new TypeError('renderPdf: options.attachment.filename must be a non-empty string such as "credential.jsonld"');
  if (filename.length > MAX_FILENAME) throw new RangeError(`renderPdf: options.attachment.filename has ${filename.length} characters; at most ${MAX_FILENAME}`);
  if (/[/\\]/.test(filename) || filename === '.' || filename === '..') throw new TypeError('renderPdf: options.attachment.filename must be a plain file name, without a path (no / or \\, not . or ..)');
  if (!FILENAME_CHARS.test(filename) || !balanced(filename)) throw new TypeError('renderPdf: options.attachment.filename must be printable Latin-1 characters (no control characters), with parentheses in pairs');
  if (typeof mimeType !== 'string' || !MIME_TYPE.test(mimeType)) throw new TypeError(`renderPdf: options.attachment.mimeType must be a media type such as "application/vc+ld+json" (type/subtype, no parameters), not ${typeof mimeType === 'string' ? JSON.stringify(mimeType.slice(0, 60)) : kind(mimeType)}`);
  if (description !== undefined && typeof description !== 'string') throw new TypeError(`renderPdf: options.attachment.description must be a string, not ${kind(description)}`);
  if (description !== undefined && description.length > MAX_DESCRIPTION) throw new RangeError(`renderPdf: options.attachment.description has ${description.length} characters; at most ${MAX_DESCRIPTION}`);
  let bytes: Uint8Array;
  if (typeof content === 'string') {
    // UTF-8 never has fewer bytes than the string has UTF-16 units: a longer string is too big before encoding.
    if (content.length > MAX_ATTACHMENT_BYTES) throw new RangeError(`renderPdf: options.attachment.content is larger than ${MAX_ATTACHMENT_BYTES} bytes (10 MB)`);
    if (/\p{Cs}/u.test(content)) throw new TypeError('renderPdf: options.attachment.content has a lone surrogate, which UTF-8 cannot carry; give the bytes instead');
    bytes = new TextEncoder().encode(content);
  } else if (content instanceof Uint8Array) {
    bytes = content.slice();
  } else {
    throw new TypeError(`renderPdf: options.attachment.content must be a Uint8Array or a string, not ${kind(content)}`);
  }
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new RangeError(`renderPdf: options.attachment.content has ${bytes.length} bytes; at most ${MAX_ATTACHMENT_BYTES} (10 MB)`);
  if (bytes.length === 0) throw new RangeError('renderPdf: options.attachment.content is empty');
  return { content: bytes, filename, mimeType, description: description ?? `${filename}: the credential this document shows` };
}

/** Runs a check of a caller's value; a getter or Proxy trap of theirs that throws is a TypeError naming the option. */
function readSafely<T>(check: () => T, what: string): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) throw e;
    throw new TypeError(`renderPdf: ${what} could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Reads the options once (a getter runs once, a later change by the caller changes nothing here). */
function readOptions(mc: MicroCredential, options: unknown): PdfSettings {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`renderPdf: options must be an object, not ${kind(options)}`);
  let o: Record<string, unknown>;
  try {
    const { lang, langs, attachment, fonts, creationDate, verifyUrl, logo } = options as Record<string, unknown>;
    o = { lang, langs, attachment, fonts, creationDate, verifyUrl, logo };
  } catch (e) {
    throw new TypeError(`renderPdf: options could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  if (o.lang !== undefined) throw new TypeError("renderPdf: options.lang is not an option of renderPdf; give options.langs (one page per language), e.g. { langs: ['de'] }");
  const { creationDate } = o;
  if (creationDate !== undefined && !(creationDate instanceof Date && Number.isFinite(creationDate.getTime()))) throw new TypeError(`renderPdf: options.creationDate must be a valid Date, not ${creationDate instanceof Date ? 'an invalid Date' : kind(creationDate)}`);
  const date = new Date(creationDate instanceof Date ? creationDate.getTime() : Date.now());
  // A PDF date has whole seconds; cutting here keeps the file's date and the attachment's the same.
  date.setUTCMilliseconds(0);
  return {
    langs: readSafely(() => checkLangs(o.langs), 'options.langs'),
    attachment: readSafely(() => checkAttachment(o.attachment), 'options.attachment') ?? defaultAttachment(mc),
    fonts: o.fonts === undefined ? undefined : checkFonts(o.fonts, 'renderPdf: options.fonts'),
    date,
    layout: checkRenderOptions({ verifyUrl: o.verifyUrl, logo: o.logo }, 'renderPdf'),
  };
}

function defaultAttachment(mc: MicroCredential): PdfSettings['attachment'] {
  return {
    content: new TextEncoder().encode(`${JSON.stringify(mc, null, 2)}\n`),
    filename: 'credential.json',
    mimeType: 'application/json',
    description: 'The micro-credential this document shows, as eu-micro-credentials model JSON',
  };
}

/** `#rgb` or `#rrggbb` (what the layout writes), `white` and `black`; anything else is black, `none` is no paint. */
function color(value: string | undefined): Color | undefined {
  if (value === undefined || value === 'none' || value === 'transparent') return undefined;
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1];
  if (hex === undefined) return value === 'white' ? rgb(1, 1, 1) : rgb(0, 0, 0);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = Number.parseInt(hex, 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
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

/** Marked content with a language (PDF 32000-1, 14.9.2.2): a page or a text in another language than the document's. */
function beginLang(page: PDFPage, lang: string): void {
  // An inline property list is allowed here (14.6.2); pdf-lib's operator type only leaves it out.
  const props = page.doc.context.obj({ Lang: PDFString.of(lang) }) as unknown as PDFName;
  page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), props]));
}

function endLang(page: PDFPage): void {
  page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
}

function drawText(page: PDFPage, height: number, item: TextItem, font: PDFFont, pageLang: string): void {
  const width = font.widthOfTextAtSize(item.text, item.size);
  // The layout measured with the same advances; should pdf-lib's shaping come out wider than the
  // box (a ligature, a missing glyph), the line is narrowed to fit rather than run over its box.
  const squeeze = width > item.box.width && width > 0 ? item.box.width / width : 1;
  const drawn = width * squeeze;
  const x = item.anchor === 'middle' ? item.x - drawn / 2 : item.anchor === 'end' ? item.x - drawn : item.x;
  const own = item.lang !== undefined && item.lang !== pageLang;
  if (own) beginLang(page, item.lang!);
  if (squeeze < 1) page.pushOperators(pushGraphicsState(), setCharacterSqueeze(squeeze * 100));
  page.drawText(item.text, { x, y: height - item.y, size: item.size, font, color: color(item.color) ?? rgb(0, 0, 0) });
  if (squeeze < 1) page.pushOperators(popGraphicsState());
  if (own) endLang(page);
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
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(0, 0, 0)];
  const at = (v: number) => Math.round(v * 1000) / 1000;
  for (let row = 0; row < n; row++) {
    const cells = item.modules[row]!;
    for (let col = 0; col < cells.length; col++) {
      if (!cells[col]) continue;
      let end = col;
      while (end + 1 < cells.length && cells[end + 1]) end++;
      ops.push(rectangle(at(item.x + col * unit), at(top - (row + 1) * unit), at((end - col + 1) * unit), at(unit)));
      col = end;
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}

async function embedImage(doc: PDFDocument, item: ImageItem): Promise<PDFImage> {
  if (item.contentType === 'image/png') return doc.embedPng(item.content);
  if (item.contentType === 'image/jpeg') return doc.embedJpg(item.content);
  const width = Math.min(4000, Math.max(16, Math.ceil((item.width * LOGO_DPI) / 72)));
  return doc.embedPng(await svgToPng(new TextDecoder().decode(item.content), { width }));
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
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
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
    if (own) beginLang(pdfPage, page.lang);
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
    if (own) endLang(pdfPage);
  }
  doc.setTitle(pages[0]!.title, { showInWindowTitleBar: true });
  doc.setLanguage(docLang);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(settings.date);
  doc.setModificationDate(settings.date);
  const { content, filename, mimeType, description } = settings.attachment;
  await doc.attach(content, filename, { mimeType, description, creationDate: settings.date, modificationDate: settings.date, afRelationship: AFRelationship.Source });
  const id = await fileId(pages, settings);
  if (id !== undefined) doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
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
  const pages = langs.map((lang) => layoutCredential(checked, { ...settings.layout, lang }));
  const fonts = settings.fonts ?? (await loadFonts());
  return pagesToPdf(pages, { ...settings, fonts });
}
