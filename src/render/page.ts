/**
 * A laid-out page: what every output format draws. The layout (layout.ts) turns a micro-credential
 * into one `Page` per language; the SVG writer (svg.ts), the rasteriser (raster.ts, through the SVG)
 * and the PDF writer (pdf.ts) draw the same items, so the picture and the PDF page say the same.
 *
 * Units are PDF points (1/72 inch) on an A4 landscape page, origin top left, y downwards; a text's
 * `y` is its baseline.
 */

/**
 * The width of an A4 landscape page in points (297 mm).
 *
 * @example
 * const scale = 1123 / PAGE_WIDTH; // pixels per point of an A4 picture 1123 px wide (96 dpi)
 */
export const PAGE_WIDTH = 841.89;
/**
 * The height of an A4 landscape page in points (210 mm).
 *
 * @example
 * const aspect = PAGE_WIDTH / PAGE_HEIGHT; // √2, as every A-series page
 */
export const PAGE_HEIGHT = 595.28;

/**
 * The two faces of the embedded font (Noto Sans Regular and Bold).
 *
 * @example
 * const bold = layoutCredential(mc).items.filter((i) => i.kind === 'text' && i.weight === 'bold');
 */
export type FontWeight = 'normal' | 'bold';

/**
 * One line of text, already fitted: `width` (measured with the embedded font's advances) is at most `box.width`.
 *
 * @example
 * const title = layoutCredential(mc, { lang: 'el' }).items.filter((i) => i.kind === 'text' && i.role === 'title').map((i) => i.text).join(' ');
 */
export interface TextItem {
  kind: 'text';
  /** The anchor point's x: the start, middle or end of the line as `anchor` says. */
  x: number;
  /** The baseline. */
  y: number;
  size: number;
  weight: FontWeight;
  color: string;
  anchor: 'start' | 'middle' | 'end';
  text: string;
  /** The measured advance width of `text` at `size`. */
  width: number;
  /** The box the line was fitted into (its left edge and width); `width <= box.width` always. */
  box: { x: number; width: number };
  /** What the line shows, for tests and readers: e.g. 'title', 'learner', 'label:grade', 'outcome', 'more', 'footer'. */
  role: string;
  /** Language of the text (BCP 47), when it differs from the page's. */
  lang?: string | undefined;
}

/**
 * A rectangle (frames, rules, QR modules are not drawn this way: see `QrItem`).
 *
 * @example
 * const frames = layoutCredential(mc).items.filter((i): i is RectItem => i.kind === 'rect');
 */
export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: string | undefined;
  stroke?: string | undefined;
  strokeWidth?: number | undefined;
}

/**
 * A QR code: `modules[row][column]` true for a dark module, drawn in a `size` × `size` square.
 *
 * @example
 * const qr = layoutCredential(mc, { verifyUrl: 'https://uni.example.eu/verify/1' }).items.find((i): i is QrItem => i.kind === 'qr');
 * qr?.text; // 'https://uni.example.eu/verify/1'
 */
export interface QrItem {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
  modules: readonly (readonly boolean[])[];
  /** The encoded text (the verification URL). */
  text: string;
}

/**
 * An image (the issuer's logo), fitted into the box keeping its aspect ratio.
 *
 * @example
 * const logo = layoutCredential(mc, { logo: { content: png, contentType: 'image/png' } }).items.find((i): i is ImageItem => i.kind === 'image');
 */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  content: Uint8Array;
  contentType: 'image/png' | 'image/jpeg' | 'image/svg+xml';
}

/**
 * Anything drawn on a page.
 *
 * @example
 * for (const item of layoutCredential(mc).items) if (item.kind === 'text') console.log(item.role, item.text);
 */
export type PageItem = TextItem | RectItem | QrItem | ImageItem;

/**
 * One page of a credential in one language.
 *
 * @example
 * const page = layoutCredential(mc, { lang: 'bg' });
 * const svg = pageToSvg(page); // the same page as SVG
 */
export interface Page {
  width: number;
  height: number;
  /** The language of the page's labels and texts (BCP 47). */
  lang: string;
  /** A one-line description for accessibility (`<title>` in SVG, the PDF's title). */
  title: string;
  items: PageItem[];
}
