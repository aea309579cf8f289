/**
 * Text measurement with the embedded font's advance widths (src/generated/font-metrics.ts), so that
 * the layout is synchronous and the same in Node and browsers, without the font bytes.
 *
 * A width is the sum of the characters' advances, without kerning: kerning pairs in Noto Sans
 * mostly bring letters closer, so an SVG renderer that kerns draws a line no wider than measured,
 * and the PDF writer (which does not kern) draws it exactly as measured.
 */
import { CODE_POINT_RANGES, FACE_METRICS, UNITS_PER_EM, WIDTH_DIGITS } from '../generated/font-metrics.js';
import type { FontWeight } from './page.js';

const MISSING = 0xffff;

/**
 * The advance counted for a character the font lacks: a whole em, the width of the wide glyphs
 * (CJK, emoji) a fallback font draws, and more than the .notdef box the embedded font draws.
 */
const FALLBACK_ADVANCE = UNITS_PER_EM;

interface Table {
  /** Advances of the Basic Multilingual Plane by code point; `MISSING` where the face has no glyph. */
  bmp: Uint16Array;
  /** Advances above U+FFFF. */
  astral: Map<number, number>;
}

const tables: Partial<Record<FontWeight, Table>> = {};

function digit(c: string): number {
  return WIDTH_DIGITS.indexOf(c);
}

/** Decodes a face's advances on first use (about 3 000 characters, once per face). */
function table(weight: FontWeight): Table {
  const cached = tables[weight];
  if (cached) return cached;
  const widths = FACE_METRICS[weight].widths;
  const bmp = new Uint16Array(0x10000).fill(MISSING);
  const astral = new Map<number, number>();
  let i = 0;
  for (const [first, last] of CODE_POINT_RANGES) {
    for (let cp = first; cp <= last; cp++, i += 2) {
      const advance = (digit(widths[i]!) << 6) | digit(widths[i + 1]!);
      if (cp < 0x10000) bmp[cp] = advance;
      else astral.set(cp, advance);
    }
  }
  const made = { bmp, astral };
  tables[weight] = made;
  return made;
}

/** The advance of one code point in font units, or `undefined` when the face has no glyph for it. */
function advanceOf(t: Table, cp: number): number | undefined {
  if (cp < 0x10000) {
    const a = t.bmp[cp]!;
    return a === MISSING ? undefined : a;
  }
  return t.astral.get(cp);
}

/**
 * The advance width of `text` in points at `size` points: the sum of the advances of Noto Sans
 * (Regular or Bold); a character the font lacks counts as one em.
 *
 * @example
 * textWidth('Micro-credential', 12, 'bold'); // ≈ 104
 */
export function textWidth(text: string, size: number, weight: FontWeight = 'normal'): number {
  const t = table(weight);
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    units += advanceOf(t, cp) ?? FALLBACK_ADVANCE;
  }
  return (units * size) / UNITS_PER_EM;
}

/**
 * The characters of `text` the embedded font cannot draw (each once, in order of appearance):
 * a renderer shows them with a fallback font or as a box.
 *
 * @example
 * missingGlyphs('Ελληνικά 中文'); // ['中', '文']
 */
export function missingGlyphs(text: string): string[] {
  const t = table('normal');
  const seen = new Set<string>();
  for (const ch of text) {
    if (advanceOf(t, ch.codePointAt(0)!) === undefined) seen.add(ch);
  }
  return [...seen];
}

/**
 * The font's ascender and descender (a positive depth below the baseline) at `size` points.
 *
 * @example
 * const { ascent, descent } = verticalMetrics(10); // ascent ≈ 10.7, descent ≈ 2.9
 */
export function verticalMetrics(size: number, weight: FontWeight = 'normal'): { ascent: number; descent: number; capHeight: number } {
  const face = FACE_METRICS[weight];
  return {
    ascent: (face.ascender * size) / UNITS_PER_EM,
    descent: (-face.descender * size) / UNITS_PER_EM,
    capHeight: (face.capHeight * size) / UNITS_PER_EM,
  };
}
