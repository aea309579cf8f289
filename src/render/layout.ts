/**
 * The layout: a micro-credential becomes one `Page` in one language. Every line is measured with
 * the embedded font's advances and fitted into its box (wrapped at spaces, shrunk, and only then
 * broken inside a word with a hyphen); a block that cannot show everything says how many entries
 * it leaves out ("+N"). Nothing is cut in silence: a text too long for its box even at the
 * smallest size ends in an ellipsis, and the work (and the page) stays bounded by what the boxes
 * hold, however long the credential's texts. The same input gives the same page.
 *
 * The page (A4 landscape, points, y down): a header and the title; the learner; the awarding
 * bodies with their countries and the date of issue; then two columns, the learning outcomes and
 * the facts (issuer, workload, level, assessment, participation, quality assurance, grade, expiry);
 * at the bottom the verification URL with its QR code, and the footer. The issuer's logo, when
 * given, sits in the top right corner.
 */
import type { MicroCredential } from '../model/types.js';
import { credentialFacts, credentialLanguages, learnerText, organisationText, pick, type Fact } from './content.js';
import { formatDate } from './format.js';
import { capitalise, LABEL_KEYS, renderLabels, type LabelKey, type RenderLabels } from './labels.js';
import { logoBox } from './logo.js';
import { textWidth } from './measure.js';
import { assertRenderable, checkRenderOptions, type RenderOptions } from './options.js';
import { PAGE_HEIGHT, PAGE_WIDTH, type FontWeight, type Page, type PageItem, type QrItem, type TextItem } from './page.js';
import { qrModules } from './qr.js';
import { ellipsize, ELLIPSIS, fitCapacity, fitText, LINE_HEIGHT, LINE_UNITS, normaliseStart, wrapText, type FitSpec, type Fitted, type Line } from './wrap.js';

export { assertRenderable, checkRenderOptions, credentialLanguages };
export type { RenderOptions };

const COLOR = { accent: '#003399', text: '#1b2a4a', muted: '#5a6478', gold: '#ffcc00', rule: '#c9d2e3' } as const;
/** The content area inside the frame. */
const LEFT = 40;
const RIGHT = PAGE_WIDTH - 40;
const TOP = 34;
const BOTTOM = PAGE_HEIGHT - 30;
const CONTENT_WIDTH = RIGHT - LEFT;
/** The logo's box in the top right corner; the header and title keep clear of it. */
const LOGO = { width: 120, height: 52 };
const QR_MIN = 74;
const QR_MAX = 104;
/** At most this many code units of the title and of the learner's name go into the document's title. */
const TITLE_UNITS = 1000;
/** Baseline of a line below its top: the font's ascender (1.069 em) less a little of the line gap. */
const ASCENT = 1.02;

/** The state of a page being laid out: its language, labels and the items so far. */
interface Sheet {
  lang: string;
  primary: string;
  labels: RenderLabels;
  items: PageItem[];
}

interface Box {
  x: number;
  width: number;
}

interface Style {
  weight: FontWeight;
  color: string;
  anchor: TextItem['anchor'];
  role: string;
  lang?: string | undefined;
}

/** The labels in `lang`, each starting with a capital letter (some of the EU's are lower case). */
const displayed = new Map<string, RenderLabels>();
function displayLabels(lang: string): RenderLabels {
  const labels = renderLabels(lang);
  const cached = displayed.get(labels.lang);
  if (cached !== undefined) return cached;
  const texts = {} as Record<LabelKey, string>;
  for (const key of LABEL_KEYS) texts[key] = capitalise(labels[key], labels.sources[key] === 'en' ? 'en' : labels.lang);
  // Units stay as the EU writes them ("hour", "hours" follow a number).
  texts.hours = labels.hours;
  texts.hour = labels.hour;
  const made = Object.freeze({ ...texts, lang: labels.lang, sources: labels.sources });
  displayed.set(labels.lang, made);
  return made;
}

/** Places fitted lines from `top` down; returns the bottom of the block. */
function place(sheet: Sheet, fitted: Fitted, box: Box, top: number, style: Style): number {
  const x = style.anchor === 'start' ? box.x : style.anchor === 'middle' ? box.x + box.width / 2 : box.x + box.width;
  const lang = style.lang !== undefined && primaryTag(style.lang) !== primaryTag(sheet.lang) ? style.lang : undefined;
  fitted.lines.forEach((line, i) => {
    sheet.items.push({
      kind: 'text',
      x,
      y: round(top + fitted.size * ASCENT + i * fitted.size * LINE_HEIGHT),
      size: fitted.size,
      weight: style.weight,
      color: style.color,
      anchor: style.anchor,
      text: line.text,
      width: line.width,
      box: { x: box.x, width: box.width },
      role: style.role,
      ...(lang === undefined ? {} : { lang }),
    });
  });
  return top + fitted.height;
}

const primaryTag = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
/** The language a label is written in: the page's labels' language, or English where the EU files have no text in it. */
const labelLang = (sheet: Sheet, key: LabelKey) => (sheet.labels.sources[key] === 'en' ? 'en' : sheet.labels.lang);

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Fits a text into a box and places it; returns the bottom. Only as much of the text is read as the box can show; `more` says the text given is already cut. */
function block(sheet: Sheet, text: string, box: Box, top: number, spec: Omit<FitSpec, 'width' | 'weight' | 'cut'>, style: Style, more = false): number {
  const start = normaliseStart(text, fitCapacity(spec));
  return place(sheet, fitText(start.text, { ...spec, width: box.width, weight: style.weight, cut: start.cut || more }), box, top, style);
}

/** A text shown in a single line of the document's metadata: its start, ending in an ellipsis when cut. */
function shortText(text: string, maxUnits: number): string {
  const start = normaliseStart(text, maxUnits);
  return start.cut ? `${start.text}${ELLIPSIS}` : start.text;
}

function frame(sheet: Sheet): void {
  sheet.items.push(
    { kind: 'rect', x: 0, y: 0, width: PAGE_WIDTH, height: PAGE_HEIGHT, fill: '#ffffff' },
    { kind: 'rect', x: 14, y: 14, width: PAGE_WIDTH - 28, height: PAGE_HEIGHT - 28, stroke: COLOR.accent, strokeWidth: 4 },
    { kind: 'rect', x: 21, y: 21, width: PAGE_WIDTH - 42, height: PAGE_HEIGHT - 42, stroke: COLOR.gold, strokeWidth: 1.2 },
  );
}

/** The header, title, learner, awarding bodies and date, centred; returns the bottom. */
function topZone(sheet: Sheet, mc: MicroCredential, hasLogo: boolean): number {
  const { labels, lang, primary } = sheet;
  const inset = hasLogo ? LOGO.width + 12 : 0;
  const narrow: Box = { x: LEFT + inset, width: CONTENT_WIDTH - 2 * inset };
  const wide: Box = { x: LEFT, width: CONTENT_WIDTH };
  const centred = (role: string, weight: FontWeight, color: string, textLang?: string): Style => ({ weight, color, anchor: 'middle', role, lang: textLang });
  const label = (text: string, key: string, top: number) =>
    block(sheet, text, wide, top, { maxHeight: 24, maxSize: 9, minSize: 6, maxLines: 1 }, centred(`label:${key}`, 'normal', COLOR.muted, labelLang(sheet, key as LabelKey)));

  let y = block(sheet, labels.header, narrow, TOP, { maxHeight: 28, maxSize: 11, minSize: 7, maxLines: 1 }, centred('header', 'bold', COLOR.accent, labelLang(sheet, 'header')));
  const title = pick(mc.title, lang, primary);
  y = block(sheet, title.text, hasLogo ? narrow : wide, y + 10, { maxHeight: 100, maxSize: 26, minSize: 14, maxLines: 3 }, centred('title', 'bold', COLOR.text, title.lang));
  y = label(labels.learner, 'learner', y + 12);
  y = block(sheet, learnerText(mc), wide, y + 1, { maxHeight: 52, maxSize: 20, minSize: 11, maxLines: 2 }, centred('learner', 'bold', COLOR.text));
  y = label(labels.awardingBodies, 'awardingBodies', y + 8);
  const bodiesSpec = { maxHeight: 32, maxSize: 12, minSize: 8, maxLines: 2 };
  // Bodies are named only as far as the box can hold them: the rest is marked by the ellipsis.
  const bodyTexts: string[] = [];
  let bodyUnits = 0;
  for (const b of mc.awardingBodies) {
    if (bodyUnits > fitCapacity(bodiesSpec)) break;
    const t = organisationText(b, lang, primary);
    bodyTexts.push(t);
    bodyUnits += t.length + 3;
  }
  y = block(sheet, bodyTexts.join(' · '), wide, y + 1, bodiesSpec, centred('bodies', 'normal', COLOR.text), bodyTexts.length < mc.awardingBodies.length);
  const date = `${labels.dateOfIssue}: ${formatDate(mc.dateOfIssue, lang)}`;
  y = block(sheet, date, wide, y + 6, { maxHeight: 26, maxSize: 10, minSize: 7, maxLines: 1 }, centred('date', 'normal', COLOR.text));
  return y;
}

/** An entry of a list column: its lines, laid out at one size. */
interface Entry {
  label?: Line[] | undefined;
  lines: Line[];
  height: number;
}

/** How many entries fit, from the first, in `height` (with room for a "+N" line when not all do); lays out no entry after the first that does not fit. */
function countFitting(entry: (index: number) => Entry, count: number, height: number, gap: number, moreHeight: number): number {
  let used = 0;
  for (let i = 0; i < count; i++) {
    const next = used + entry(i).height + (i > 0 ? gap : 0);
    const reserve = i < count - 1 ? moreHeight + gap : 0;
    if (next + reserve > height + 1e-9) return i;
    used = next;
  }
  return count;
}

interface ListSpec {
  box: Box;
  top: number;
  bottom: number;
  sizes: readonly number[];
  gap: number;
  /** Lays out one entry at a size, in no more lines than `maxLines` (plus one when there is more). */
  entry: (size: number, maxLines: number) => (index: number) => Entry;
  count: number;
  /** The entry cut to `height` at `size`, its last line ending in an ellipsis; `undefined` when not even that fits. */
  clip: (entry: Entry, size: number, height: number) => Entry | undefined;
  /** Draws the entries that fit, from `top`, at `size`. */
  draw: (entries: readonly Entry[], size: number, top: number) => number;
}

/**
 * A column of entries: the largest size at which all fit; else, at the smallest size, as many as
 * fit and a last line "+N" saying how many more there are. When not even the first fits, it is
 * shown cut, ending in an ellipsis. Only the entries looked at are laid out, each in no more lines
 * than the column holds.
 */
function listColumn(sheet: Sheet, spec: ListSpec): void {
  const height = spec.bottom - spec.top;
  let entries: Entry[] = [];
  let size = spec.sizes[spec.sizes.length - 1]!;
  let shown = 0;
  for (const s of spec.sizes) {
    size = s;
    const layOut = spec.entry(s, Math.max(1, Math.floor(height / (s * LINE_HEIGHT) + 1e-9)));
    const made: Entry[] = [];
    shown = countFitting((i) => (made[i] ??= layOut(i)), spec.count, height, spec.gap, s * LINE_HEIGHT);
    entries = made;
    if (shown === spec.count) break;
  }
  const first = entries[0];
  entries = entries.slice(0, shown);
  if (shown === 0 && first !== undefined) {
    const reserve = spec.count > 1 ? size * LINE_HEIGHT + spec.gap : 0;
    const clipped = spec.clip(first, size, height - reserve);
    if (clipped) {
      entries = [clipped];
      shown = 1;
    }
  }
  const y = spec.draw(entries, size, spec.top);
  const rest = spec.count - shown;
  if (rest > 0) {
    const more = `+${rest}`;
    place(sheet, fitText(more, { width: spec.box.width, maxHeight: size * LINE_HEIGHT * 2, maxSize: size, minSize: size, maxLines: 1, weight: 'bold' }), spec.box, shown > 0 ? y + spec.gap : y, { weight: 'bold', color: COLOR.accent, anchor: 'start', role: 'more' });
  }
}

/** The lines of an entry's text at `size`, no more than `maxLines` (plus one when there is more). */
function lines(text: string, width: number, size: number, weight: FontWeight, maxLines: number): Line[] {
  const start = normaliseStart(text, (maxLines + 1) * (LINE_UNITS + 1));
  const wrapped = wrapText(start.text, width, size, weight, 'hyphen', maxLines) ?? [];
  // A text read only in part has more than the lines it shows.
  if (start.cut && wrapped.length <= maxLines) wrapped.push({ text: ELLIPSIS, width: textWidth(ELLIPSIS, size, weight) });
  return wrapped;
}

/** The first `count` of `lines`, the last ending in an ellipsis when any were left out. */
function cutLines(all: readonly Line[], count: number, width: number, size: number, weight: FontWeight): Line[] {
  if (count <= 0) return [];
  if (all.length <= count) return [...all];
  const kept = all.slice(0, count);
  if (count > 0) kept[count - 1] = ellipsize(kept[count - 1]!, width, size, weight);
  return kept;
}

/** The learning outcomes as a bulleted list: as many as fit, then "+N". */
function outcomesColumn(sheet: Sheet, mc: MicroCredential, box: Box, top: number, bottom: number): void {
  const { labels, lang, primary } = sheet;
  const headingBottom = block(sheet, labels.learningOutcomes, box, top, { maxHeight: 30, maxSize: 10.5, minSize: 7, maxLines: 1 }, { weight: 'bold', color: COLOR.accent, anchor: 'start', role: 'label:learningOutcomes', lang: labelLang(sheet, 'learningOutcomes') });
  const texts = mc.learningOutcomes.map((o) => pick(o.title, lang, primary));
  const indent = 11;
  const textBox: Box = { x: box.x + indent, width: box.width - indent };
  listColumn(sheet, {
    box,
    top: headingBottom + 4,
    bottom,
    sizes: [10, 9.5, 9, 8.5, 8],
    gap: 3,
    count: texts.length,
    entry: (size, maxLines) => (i) => {
      const l = lines(texts[i]!.text, textBox.width, size, 'normal', maxLines);
      return { lines: l, height: l.length * size * LINE_HEIGHT };
    },
    clip: (e, size, height) => {
      const l = cutLines(e.lines, Math.floor(height / (size * LINE_HEIGHT) + 1e-9), textBox.width, size, 'normal');
      return l.length === 0 ? undefined : { lines: l, height: l.length * size * LINE_HEIGHT };
    },
    draw: (entries, size, y) => {
      entries.forEach((e, i) => {
        place(sheet, { size, lines: [{ text: '•', width: textWidth('•', size, 'bold') }], height: 0 }, { x: box.x + 2, width: indent - 2 }, y, { weight: 'bold', color: COLOR.accent, anchor: 'start', role: 'bullet' });
        y = place(sheet, { size, lines: e.lines, height: e.height }, textBox, y, { weight: 'normal', color: COLOR.text, anchor: 'start', role: 'outcome', lang: texts[i]!.lang }) + 3;
      });
      return y - 3;
    },
  });
}

/** The facts: a small label above each value; as many as fit, then "+N". */
function factsColumn(sheet: Sheet, facts: readonly Fact[], box: Box, top: number, bottom: number): void {
  listColumn(sheet, {
    box,
    top,
    bottom,
    sizes: [10, 9.5, 9, 8.5, 8, 7.5, 7],
    gap: 5,
    count: facts.length,
    entry: (size, maxLines) => (i) => {
      const labelSize = Math.min(8, size);
      const label = lines(facts[i]!.label, box.width, labelSize, 'bold', maxLines);
      const value = lines(facts[i]!.value, box.width, size, 'normal', maxLines);
      return { label, lines: value, height: label.length * labelSize * LINE_HEIGHT + value.length * size * LINE_HEIGHT };
    },
    clip: (e, size, height) => {
      const labelSize = Math.min(8, size);
      const labelHeight = (e.label?.length ?? 0) * labelSize * LINE_HEIGHT;
      const value = cutLines(e.lines, Math.floor((height - labelHeight) / (size * LINE_HEIGHT) + 1e-9), box.width, size, 'normal');
      return value.length === 0 ? undefined : { label: e.label, lines: value, height: labelHeight + value.length * size * LINE_HEIGHT };
    },
    draw: (entries, size, y) => {
      const labelSize = Math.min(8, size);
      entries.forEach((e, i) => {
        const fact = facts[i]!;
        const factLabelLang = fact.key === 'qfEhea' ? undefined : labelLang(sheet, fact.key);
        y = place(sheet, { size: labelSize, lines: e.label ?? [], height: (e.label?.length ?? 0) * labelSize * LINE_HEIGHT }, box, y, { weight: 'bold', color: COLOR.muted, anchor: 'start', role: `label:${fact.key}`, lang: factLabelLang });
        y = place(sheet, { size, lines: e.lines, height: e.lines.length * size * LINE_HEIGHT }, box, y, { weight: 'normal', color: COLOR.text, anchor: 'start', role: fact.key, lang: fact.lang }) + 5;
      });
      return y - 5;
    },
  });
}

/** The verification line: the QR code, the label and the URL (wrapped anywhere, shrunk, never cut). */
function verification(sheet: Sheet, url: string, top: number, qr: QrItem): void {
  sheet.items.push(qr);
  const box: Box = { x: LEFT + qr.size + 10, width: 300 };
  const y = block(sheet, sheet.labels.verification, box, top + 2, { maxHeight: 14, maxSize: 9, minSize: 6, maxLines: 1 }, { weight: 'bold', color: COLOR.accent, anchor: 'start', role: 'label:verification', lang: labelLang(sheet, 'verification') });
  block(sheet, url, box, y + 2, { maxHeight: top + qr.size - y - 2, maxSize: 9, minSize: 5, maxLines: 3, wordBreak: 'anywhere' }, { weight: 'normal', color: COLOR.text, anchor: 'start', role: 'verify-url' });
}

/**
 * Lays out a micro-credential on one A4 landscape page in one language (`options.lang`, default
 * its primary language). Labels are the EU's in that language (English where the EU has none);
 * the credential's texts are taken in that language, else in its primary language, else the first
 * given. Throws a TypeError when `mc` is not a valid micro-credential or an option is wrong.
 *
 * @example
 * const page = layoutCredential(mc, { lang: 'el', verifyUrl: 'https://uni.example.eu/verify/123' });
 * page.items.filter((i) => i.kind === 'text' && i.role === 'title').map((i) => i.text);
 */
export function layoutCredential(mc: MicroCredential, options?: RenderOptions): Page {
  const checked = assertRenderable(mc, 'layoutCredential');
  const opts = checkRenderOptions(options, 'layoutCredential');
  const primary = checked.primaryLanguage ?? 'en';
  const lang = opts.lang ?? primary;
  const sheet: Sheet = { lang, primary, labels: displayLabels(lang), items: [] };
  frame(sheet);
  if (opts.logo) sheet.items.push(logoBox(opts.logo, { x: RIGHT - LOGO.width, y: TOP - 4, width: LOGO.width, height: LOGO.height }));
  const y = topZone(sheet, checked, opts.logo !== undefined) + 8;
  sheet.items.push({ kind: 'rect', x: LEFT + 60, y, width: CONTENT_WIDTH - 120, height: 0.8, fill: COLOR.rule });
  const columnsTop = y + 12;
  const footerTop = BOTTOM - 12;
  // The QR code grows with its version, so that a module stays about 2 points (0.7 mm) wide.
  const modules = opts.verifyUrl === undefined ? [] : qrModules(opts.verifyUrl);
  const qrSize = Math.min(QR_MAX, Math.max(QR_MIN, modules.length * 2));
  const bandTop = footerTop - 4 - qrSize;
  const gutter = 28;
  const leftWidth = Math.round((CONTENT_WIDTH - gutter) * 0.56);
  outcomesColumn(sheet, checked, { x: LEFT, width: leftWidth }, columnsTop, opts.verifyUrl !== undefined ? bandTop - 10 : footerTop - 6);
  factsColumn(sheet, credentialFacts(checked, lang, sheet.labels), { x: LEFT + leftWidth + gutter, width: CONTENT_WIDTH - leftWidth - gutter }, columnsTop, footerTop - 6);
  if (opts.verifyUrl !== undefined) verification(sheet, opts.verifyUrl, bandTop, { kind: 'qr', x: LEFT, y: bandTop, size: qrSize, modules, text: opts.verifyUrl });
  block(sheet, sheet.labels.footer, { x: LEFT + 120, width: CONTENT_WIDTH - 240 }, footerTop, { maxHeight: 12, maxSize: 7.5, minSize: 5, maxLines: 1 }, { weight: 'normal', color: COLOR.muted, anchor: 'middle', role: 'footer', lang: labelLang(sheet, 'footer') });
  // The document's title (SVG <title>, PDF metadata) is one line: the start of each text, marked when cut.
  const titleText = shortText(pick(checked.title, lang, primary).text, TITLE_UNITS);
  return { width: PAGE_WIDTH, height: PAGE_HEIGHT, lang, title: `${titleText} — ${shortText(learnerText(checked), TITLE_UNITS)}`, items: sheet.items };
}
