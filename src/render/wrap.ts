/**
 * Line breaking and fitting: a text is wrapped at spaces into lines no wider than a box, shrunk
 * when it does not fit, and only then broken inside a word. No character is dropped without a
 * visible mark: a text too long for its box even at the smallest size ends in an ellipsis.
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

/**
 * At most this many UTF-16 code units on one line, whatever their width: characters the font draws
 * with no width (joiners, combining marks) cannot make a line, and the work on it, unbounded.
 */
export const LINE_UNITS = 2000;
/** A cluster (a base character and its combining marks) longer than this is split: a mark stack that tall is noise. */
const CLUSTER_UNITS = 32;
/**
 * The smallest size a text is shrunk to so that it shows whole. A text that does not fit at this
 * size is shown at its box's smallest size, cut, its last line ending in an ellipsis.
 */
export const FLOOR_SIZE = 4;
/** The mark that ends a cut text. */
export const ELLIPSIS = '\u2026';

/** The clusters of `word` one by one (a base character with the combining marks that follow it, never split unless absurdly long); `visit` returning true ends the walk. */
function eachCluster(word: string, visit: (cluster: string) => boolean): void {
  let pending = '';
  for (const ch of word) {
    if (pending !== '' && pending.length < CLUSTER_UNITS && COMBINING.test(ch)) {
      pending += ch;
      continue;
    }
    if (pending !== '' && visit(pending)) return;
    pending = ch;
  }
  if (pending !== '') visit(pending);
}

/** Characters after which a URL (or any word broken 'anywhere') is best broken. */
const URL_BREAK_AFTER = new Set(['/', '?', '&', '=', '.', '-', '_', '#', ':', '@', '~', '+', ',', ';']);

/**
 * Breaks one word wider than `width` into pieces that fit (the last piece is returned apart: it
 * starts the next line); stops once `room` full pieces are made, with `rest` then only a start.
 */
function breakWord(word: string, width: number, size: number, weight: FontWeight, mode: 'hyphen' | 'anywhere', room: number): { full: Line[]; rest: string } {
  const hyphen = mode === 'hyphen' ? textWidth('-', size, weight) : 0;
  const full: Line[] = [];
  let piece: string[] = [];
  let pieceWidth = 0;
  let pieceUnits = 0;
  eachCluster(word, (c) => {
    const w = textWidth(c, size, weight);
    if (piece.length > 0 && (pieceWidth + w + hyphen > width || pieceUnits + c.length + 1 > LINE_UNITS)) {
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
      const rest = piece.join('');
      pieceWidth = textWidth(rest, size, weight);
      pieceUnits = rest.length;
      if (full.length >= room) return true;
    }
    piece.push(c);
    pieceWidth += w;
    pieceUnits += c.length;
    return false;
  });
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
  return drawable(text).trim();
}

const drawable = (text: string) =>
  text
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const isHighSurrogate = (code: number) => code >= 0xd800 && code < 0xdc00;

/**
 * The start of `text` as {@link normaliseText} makes it, at most `maxUnits` code units long (never
 * splitting a surrogate pair), reading no more of `text` than that needs; `cut` says whether
 * something was left out.
 *
 * @example
 * normaliseStart('Data   literacy for all', 13); // { text: 'Data literacy', cut: true }
 */
export function normaliseStart(text: string, maxUnits: number): { text: string; cut: boolean } {
  const chunk = Math.max(4096, maxUnits);
  let out = '';
  for (let pos = 0; pos < text.length; ) {
    let end = Math.min(text.length, pos + chunk);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    let piece = drawable(text.slice(pos, end));
    pos = end;
    if ((out === '' || out.endsWith(' ')) && piece.startsWith(' ')) piece = piece.slice(1);
    out += piece;
    if (out.length > maxUnits) {
      const at = isHighSurrogate(out.charCodeAt(maxUnits - 1)) ? maxUnits - 1 : maxUnits;
      return { text: out.slice(0, at).trimEnd(), cut: true };
    }
  }
  return { text: out.trimEnd(), cut: false };
}

/**
 * Wraps `text` (already normalised) into lines no wider than `width` at `size`, breaking at
 * spaces. A word wider than the box is broken as `mode` says; with `'none'` the result is
 * `undefined` instead. With `maxLines`, the work stops once there is more than that: the result
 * then has `maxLines + 1` lines, the last only the start of what follows.
 *
 * @example
 * wrapText('Data literacy for public servants', 100, 10, 'normal', 'hyphen'); // [{ text: 'Data literacy for', … }, { text: 'public servants', … }]
 */
export function wrapText(text: string, width: number, size: number, weight: FontWeight, mode: WordBreak, maxLines = Infinity): Line[] | undefined {
  const lines: Line[] = [];
  const space = textWidth(' ', size, weight);
  let current = '';
  let currentWidth = 0;
  for (let pos = 0; pos <= text.length && lines.length <= maxLines; ) {
    let end = text.indexOf(' ', pos);
    if (end < 0) end = text.length;
    const word = text.slice(pos, end);
    pos = end + 1;
    if (word === '') continue;
    // A word longer than a line may hold is measured no further: it is broken whatever its width.
    const w = word.length > LINE_UNITS ? Infinity : textWidth(word, size, weight);
    if (current !== '' && currentWidth + space + w <= width && current.length + 1 + word.length <= LINE_UNITS) {
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
    const { full, rest } = breakWord(word, width, size, weight, mode, maxLines + 1 - lines.length);
    lines.push(...full);
    current = rest;
    currentWidth = textWidth(rest, size, weight);
  }
  if (current !== '' && lines.length <= maxLines) lines.push({ text: current, width: currentWidth });
  return lines;
}

/**
 * `line` ended with an ellipsis, shortened as needed so that it is still at most `width` wide
 * (a hyphen that broke a word gives way to the ellipsis).
 *
 * @example
 * ellipsize({ text: 'Data literacy', width: 61.2 }, 50, 10, 'normal'); // { text: 'Data lite…', … }
 */
export function ellipsize(line: Line, width: number, size: number, weight: FontWeight): Line {
  const mark = textWidth(ELLIPSIS, size, weight);
  const points = Array.from(line.text.replace(/-$/, ''));
  let w = textWidth(points.join(''), size, weight);
  while (points.length > 0 && w + mark > width) w -= textWidth(points.pop()!, size, weight);
  const text = `${points.join('').trimEnd()}${ELLIPSIS}`;
  return { text, width: textWidth(text, size, weight) };
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
  /** The text is only the start of a longer one (see {@link normaliseStart}): it is shown cut, with an ellipsis. */
  cut?: boolean;
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
/** Lines the block holds at `size` when the height alone counts (at least one). */
const linesByHeight = (spec: FitSpec, size: number) => Math.max(1, Math.floor(spec.maxHeight / (size * LINE_HEIGHT) + 1e-9));

/**
 * The most code units a block can show whole (at {@link FLOOR_SIZE}): a text longer than this is
 * cut in any case, so no more of it needs reading.
 *
 * @example
 * normaliseStart(title, fitCapacity(spec));
 */
export function fitCapacity(spec: Pick<FitSpec, 'maxHeight' | 'minSize'>): number {
  const size = Math.min(FLOOR_SIZE, spec.minSize);
  return (Math.max(1, Math.floor(spec.maxHeight / (size * LINE_HEIGHT) + 1e-9)) + 1) * (LINE_UNITS + 1);
}

function fitsAt(text: string, spec: FitSpec, size: number, mode: WordBreak, maxLines: number): Fitted | undefined {
  const lines = wrapText(text, spec.width, size, spec.weight, mode, maxLines);
  if (lines === undefined || lines.length > maxLines) return undefined;
  if (blockHeight(lines.length, size) > spec.maxHeight + 1e-9) return undefined;
  if (lines.some((l) => l.width > spec.width)) return undefined;
  return { size, lines, height: blockHeight(lines.length, size) };
}

/**
 * Fits `text` into a block: the largest size from `maxSize` down to `minSize` (in half points) at
 * which it wraps at spaces into at most `maxLines` lines; then, at `minSize`, as many lines as the
 * height holds, first at spaces, then breaking long words; then below `minSize` (down to
 * {@link FLOOR_SIZE}), as large as still fits. Every character of the text is on a line; every
 * line is at most `width` wide. A text that does not fit even so (or is marked `cut`) is shown at
 * `minSize` in as many lines as the height holds, the last ending in an ellipsis: nothing is lost
 * without a visible mark. The work is bounded by what the block can hold, not by the text's length.
 *
 * @example
 * const { size, lines } = fitText('A very long title…', { width: 500, maxHeight: 100, maxSize: 26, minSize: 14, maxLines: 3, weight: 'bold' });
 */
export function fitText(text: string, spec: FitSpec): Fitted {
  const mode = spec.wordBreak ?? 'hyphen';
  if (spec.cut !== true) {
    const whole = fitWhole(text, spec, mode);
    if (whole) return whole;
  }
  const size = spec.minSize;
  const room = linesByHeight(spec, size);
  const lines = (wrapText(text, spec.width, size, spec.weight, mode, room) ?? []).slice(0, room);
  const last = lines.pop() ?? { text: '', width: 0 };
  lines.push(ellipsize(last, spec.width, size, spec.weight));
  return { size, lines, height: blockHeight(lines.length, size) };
}

/** The text whole in the block, or `undefined` when it does not fit at {@link FLOOR_SIZE}. */
function fitWhole(text: string, spec: FitSpec, mode: 'hyphen' | 'anywhere'): Fitted | undefined {
  if (text === '') return { size: spec.maxSize, lines: [], height: 0 };
  // A URL is broken anywhere at every size: it has no spaces to break at.
  const first = mode === 'anywhere' ? 'anywhere' : 'none';
  for (let size = spec.maxSize; size >= spec.minSize - 1e-9; size -= 0.5) {
    const found = fitsAt(text, spec, size, first, spec.maxLines);
    if (found) return found;
  }
  const byHeight = (size: number) => linesByHeight(spec, size);
  const atMin = fitsAt(text, spec, spec.minSize, first, byHeight(spec.minSize)) ?? fitsAt(text, spec, spec.minSize, mode, byHeight(spec.minSize));
  if (atMin) return atMin;
  // Below the smallest readable size, down to the floor: only a text that fits there is measured
  // whole (it is then at most the block's capacity long).
  const floor = Math.min(FLOOR_SIZE, spec.minSize);
  if (!fitsAt(text, spec, floor, mode, byHeight(floor))) return undefined;
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
