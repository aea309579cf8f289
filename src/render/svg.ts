/**
 * The SVG writer: a laid-out `Page` as a self-contained SVG document. Text in "Noto Sans" (the
 * font the layout measured with) and then common fallbacks; the QR code as one path; images as
 * data URLs. No external references, no scripts, no styles: safe to show inline or as an image.
 */
import { bytesToBase64 } from '../json/encoding.js';
import type { MicroCredential } from '../model/types.js';
import { layoutCredential, type RenderOptions } from './layout.js';
import type { Page, PageItem, TextItem } from './page.js';
import { qrPath } from './qr.js';

export type { RenderOptions };

const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/svg+xml']);
const FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

/** Characters XML 1.0 does not allow (controls, lone surrogates, U+FFFE/U+FFFF) are dropped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text for XML character data and attribute values: `& < > " '` escaped, characters XML cannot
 * hold dropped.
 *
 * @example
 * xmlText('Smith & <Sons>'); // 'Smith &amp; &lt;Sons&gt;'
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const num = (v: number) => String(Math.round(v * 100) / 100);

/**
 * A colour of a page given by a caller: a hex colour, a colour keyword or `rgb()`, else black. A paint
 * such as `url(https://…#p)` would be a reference to another file, which the picture never has.
 */
function colour(value: string | undefined, none: string): string {
  if (value === undefined) return none;
  return /^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,32}|rgba?\([0-9.,%\s]{1,64}\))$/.test(value) ? value : '#000000';
}

function textElement(t: TextItem): string {
  const attrs = [
    `x="${num(t.x)}"`,
    `y="${num(t.y)}"`,
    `font-size="${num(t.size)}"`,
    t.weight === 'bold' ? 'font-weight="bold"' : '',
    `fill="${colour(typeof t.color === 'string' ? t.color : undefined, '#000000')}"`,
    t.anchor === 'middle' || t.anchor === 'end' ? `text-anchor="${t.anchor}"` : '',
    t.lang === undefined ? '' : `xml:lang="${xmlText(t.lang)}"`,
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${xmlText(t.text)}</text>`;
}

function itemElement(item: PageItem): string {
  switch (item.kind) {
    case 'text':
      return textElement(item);
    case 'rect': {
      const paint = [
        `fill="${colour(item.fill, 'none')}"`,
        item.stroke === undefined ? '' : `stroke="${colour(item.stroke, 'none')}" stroke-width="${num(item.strokeWidth ?? 1)}"`,
      ].filter(Boolean);
      return `<rect x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" ${paint.join(' ')}/>`;
    }
    case 'qr': {
      const unit = item.modules.length === 0 ? 1 : item.size / item.modules.length;
      return `<path transform="translate(${num(item.x)} ${num(item.y)}) scale(${Math.round(unit * 1e6) / 1e6})" d="${qrPath(item)}" fill="#000000" shape-rendering="crispEdges"><title>${xmlText(item.text)}</title></path>`;
    }
    case 'image':
      if (!IMAGE_TYPES.has(item.contentType)) return '';
      return `<image x="${num(item.x)}" y="${num(item.y)}" width="${num(item.width)}" height="${num(item.height)}" preserveAspectRatio="xMaxYMin meet" href="data:${item.contentType};base64,${bytesToBase64(item.content)}"/>`;
  }
}

const KINDS = new Set(['text', 'rect', 'qr', 'image']);

/** A page given by a caller (one of `layoutCredential`'s, or one made by hand) is what the writer can draw. */
function checkPage(page: unknown): asserts page is Page {
  const fail = (what: string) => {
    throw new TypeError(`pageToSvg: ${what}`);
  };
  if (typeof page !== 'object' || page === null) fail('page must be a Page (from layoutCredential)');
  const p = page as Record<string, unknown>;
  if (!Number.isFinite(p.width) || !Number.isFinite(p.height)) fail('page.width and page.height must be finite numbers');
  if (typeof p.lang !== 'string' || typeof p.title !== 'string') fail('page.lang and page.title must be strings');
  if (!Array.isArray(p.items)) fail('page.items must be an array');
  (p.items as unknown[]).forEach((item, i) => {
    const it = item as Record<string, unknown> | null;
    if (typeof it !== 'object' || it === null || !KINDS.has(it.kind as string)) fail(`page.items[${i}] must be a text, rect, qr or image item`);
    if (!Number.isFinite(it!.x) || !Number.isFinite(it!.y)) fail(`page.items[${i}].x and .y must be finite numbers`);
    if (it!.kind === 'text' && (typeof it!.text !== 'string' || !Number.isFinite(it!.size))) fail(`page.items[${i}] needs a text and a finite size`);
    if (it!.kind === 'qr' && (!Array.isArray(it!.modules) || !Number.isFinite(it!.size))) fail(`page.items[${i}] needs modules and a finite size`);
    if (it!.kind === 'image' && !(it!.content instanceof Uint8Array)) fail(`page.items[${i}].content must be a Uint8Array`);
  });
}

/**
 * A laid-out page as an SVG document (a string), 841.89 × 595.28 user units (A4 landscape in
 * points), with its title and language.
 *
 * @example
 * const svg = pageToSvg(layoutCredential(mc, { lang: 'de' })); // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export function pageToSvg(page: Page): string {
  checkPage(page);
  const lang = xmlText(page.lang);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(page.width)}pt" height="${num(page.height)}pt" viewBox="0 0 ${num(page.width)} ${num(page.height)}" font-family="${FONT_FAMILY}" lang="${lang}" xml:lang="${lang}" role="img">`,
    `<title>${xmlText(page.title)}</title>`,
    ...page.items.map(itemElement),
    '</svg>',
    '',
  ].join('\n');
}

/**
 * A picture of a micro-credential in one language, as an SVG document: `layoutCredential` drawn by
 * `pageToSvg`. Throws a TypeError when `mc` is not valid or an option is wrong.
 *
 * @example
 * const svg = renderSvg(mc, { lang: 'el', verifyUrl: 'https://uni.example.eu/verify/123' });
 */
export function renderSvg(mc: MicroCredential, options?: RenderOptions): string {
  return pageToSvg(layoutCredential(mc, options));
}
