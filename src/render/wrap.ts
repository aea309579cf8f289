/**
 * Line breaking and fitting: a text is wrapped at spaces into lines no wider than a box, shrunk
 * when it does not fit, and only then broken inside a word. No character is ever dropped.
 */
import type { FontWeight } from './page.js';
import { textWidth } from './measure.js';

/**
 * How a word wider than the box is broken: not at all, with a hyphen added, or anywhere (URLs: no hyphen added).
 *
 * @example
 * const mode: WordBreak = 'anywhere';
 */
export type WordBreak = 'none' | 'hyphen' | 'anywhere';

/**
 * A fitted line and its measured width.
 *
 * @example
 * const line: Line = { text: 'Data literacy', width: 61.2 };
 */
export interface Line {
  text: string;
  width: number;
}

/**
 * Line height as a factor of the font size.
 *
 * @example
 * const leading = 10 * LINE_HEIGHT; // 12.8 points between baselines at 10 points
 */
export const LINE_HEIGHT = 1.28;

const COMBINING = /^[\p{M}\u200d\ufe0f]/u;

/** The text as clusters: a base character with the combining marks that follow it (never split). */
function clusters(word: string): string[] {
  const out: string[] = [];
  for (const ch of word) {
    if (out.length > 0 && COMBINING.test(ch)) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** Characters after which a URL (or any word broken 'anywhere') is best broken. */
const URL_BREAK_AFTER = new Set(['/', '?', '&', '=', '.', '-', '_', '#', ':', '@', '~', '+', ',', ';']);

/** Breaks one word wider than `width` into pieces that fit (the last piece is returned apart: it starts the next line). */
function breakWord(word: string, width: number, size: number, weight: FontWeight, mode: 'hyphen' | 'anywhere'): { full: Line[]; rest: string } {
  const hyphen = mode === 'hyphen' ? textWidth('-', size, weight) : 0;
  const full: Line[] = [];
  let piece: string[] = [];
  let pieceWidth = 0;
  for (const c of clusters(word)) {
    const w = textWidth(c, size, weight);
    if (piece.length > 0 && pieceWidth + w + hyphen > width) {
      let cut = piece.length;
      if (mode === 'anywhere') {
        // Prefer the last natural break in the second half of the piece.
        for (let i = piece.length - 1; i >= Math.ceil(piece.length / 2); i--) {
          if (URL_BREAK_AFTER.has(piece[i - 1]!)) {
            cut = i;
            break;
          }
        }
      }
      const head = piece.slice(0, cut).join('');
      const text = mode === 'hyphen' && !head.endsWith('-') ? `${head}-` : head;
      full.push({ text, width: textWidth(text, size, weight) });
      piece = piece.slice(cut);
      pieceWidth = textWidth(piece.join(''), size, weight);
    }
    piece.push(c);
    pieceWidth += w;
  }
  return { full, rest: piece.join('') };
}

/**
 * Text as the page draws it: whitespace runs (line breaks, tabs, other spaces) become one space;
 * a character nothing can draw (a control character, a lone surrogate, the non-characters U+FFFE
 * and U+FFFF, which XML cannot hold either) becomes U+FFFD, the replacement character, so that
 * its place stays visible instead of vanishing.
 *
 * @example
 * normaliseText('  Data\n literacy\u0007 '); // 'Data literacy\uFFFD'
 */
export function normaliseText(text: string): string {
  return text
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trim();
}

/**
 * Wraps `text` (already normalised) into lines no wider than `width` at `size`, breaking at
 * spaces. A word wider than the box is broken as `mode` says; with `'none'` the result is
 * `undefined` instead.
 *
 * @example
 * wrapText('Data literacy for public servants', 100, 10, 'normal', 'hyphen'); // [{ text: 'Data literacy for', … }, { text: 'public servants', … }]
 */
export function wrapText(text: string, width: number, size: number, weight: FontWeight, mode: WordBreak): Line[] | undefined {
  const lines: Line[] = [];
  const space = textWidth(' ', size, weight);
  let current = '';
  let currentWidth = 0;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const w = textWidth(word, size, weight);
    if (current !== '' && currentWidth + space + w <= width) {
      current += ` ${word}`;
      currentWidth += space + w;
      continue;
    }
    if (current !== '') lines.push({ text: current, width: currentWidth });
    if (w <= width) {
      current = word;
      currentWidth = w;
      continue;
    }
    if (mode === 'none') return undefined;
    const { full, rest } = breakWord(word, width, size, weight, mode);
    lines.push(...full);
    current = rest;
    currentWidth = textWidth(rest, size, weight);
  }
  if (current !== '') lines.push({ text: current, width: currentWidth });
  return lines;
}

/**
 * What a block of text may take: its width, its height, its largest and smallest size, and at most how many lines before it shrinks.
 *
 * @example
 * const title: FitSpec = { width: 760, maxHeight: 100, maxSize: 26, minSize: 14, maxLines: 3, weight: 'bold' };
 */
export interface FitSpec {
  width: number;
  maxHeight: number;
  maxSize: number;
  minSize: number;
  /** Lines allowed at sizes above `minSize`; at `minSize` and below, as many as the height holds. */
  maxLines: number;
  weight: FontWeight;
  /** How a word longer than the box is broken once the text is at `minSize` (`'hyphen'` by default). */
  wordBreak?: 'hyphen' | 'anywhere';
}

/**
 * A fitted block: the size chosen and its lines (each no wider than the box).
 *
 * @example
 * const { size, lines, height }: Fitted = fitText('Data literacy', title);
 */
export interface Fitted {
  size: number;
  lines: Line[];
  /** The block's height: lines × size × LINE_HEIGHT. */
  height: number;
}

const blockHeight = (lines: number, size: number) => lines * size * LINE_HEIGHT;

function fitsAt(text: string, spec: FitSpec, size: number, mode: WordBreak, maxLines: number): Fitted | undefined {
  const lines = wrapText(text, spec.width, size, spec.weight, mode);
  if (lines === undefined || lines.length > maxLines) return undefined;
  if (blockHeight(lines.length, size) > spec.maxHeight + 1e-9) return undefined;
  if (lines.some((l) => l.width > spec.width)) return undefined;
  return { size, lines, height: blockHeight(lines.length, size) };
}

/**
 * Fits `text` into a block: the largest size from `maxSize` down to `minSize` (in half points) at
 * which it wraps at spaces into at most `maxLines` lines; then, at `minSize`, as many lines as the
 * height holds, first at spaces, then breaking long words; then below `minSize`, as large as still
 * fits. Every character of the text is on a line; every line is at most `width` wide.
 *
 * @example
 * const { size, lines } = fitText('A very long title…', { width: 500, maxHeight: 100, maxSize: 26, minSize: 14, maxLines: 3, weight: 'bold' });
 */
export function fitText(text: string, spec: FitSpec): Fitted {
  const mode = spec.wordBreak ?? 'hyphen';
  if (text === '') return { size: spec.maxSize, lines: [], height: 0 };
  // A URL is broken anywhere at every size: it has no spaces to break at.
  const first = mode === 'anywhere' ? 'anywhere' : 'none';
  for (let size = spec.maxSize; size >= spec.minSize - 1e-9; size -= 0.5) {
    const found = fitsAt(text, spec, size, first, spec.maxLines);
    if (found) return found;
  }
  const byHeight = (size: number) => Math.max(1, Math.floor(spec.maxHeight / (size * LINE_HEIGHT) + 1e-9));
  const atMin = fitsAt(text, spec, spec.minSize, first, byHeight(spec.minSize)) ?? fitsAt(text, spec, spec.minSize, mode, byHeight(spec.minSize));
  if (atMin) return atMin;
  // Below the smallest readable size: a size at which the whole text fits on one line always exists.
  // Sizes below the smallest are kept to hundredths of a point (rounded down, so they still fit).
  const hundredths = (v: number) => Math.max(0.01, Math.floor(v * 100) / 100);
  const oneLine = hundredths(Math.min((spec.width / Math.max(textWidth(text, 1, spec.weight), 1e-6)) * 0.999, spec.maxHeight / LINE_HEIGHT));
  let best = fitsAt(text, spec, oneLine, mode, byHeight(oneLine)) ?? { size: oneLine, lines: [{ text, width: textWidth(text, oneLine, spec.weight) }], height: blockHeight(1, oneLine) };
  let lo = best.size;
  let hi = spec.minSize;
  for (let i = 0; i < 18 && hi - lo > 0.01; i++) {
    const mid = hundredths((lo + hi) / 2);
    if (mid <= lo) break;
    const found = fitsAt(text, spec, mid, mode, byHeight(mid));
    if (found) {
      best = found;
      lo = mid;
    } else hi = mid;
  }
  return best;
}
