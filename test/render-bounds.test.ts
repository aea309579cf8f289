/**
 * The layout's bounds (src/render/layout.ts, src/render/wrap.ts): however long the credential's
 * texts (a 2 MB title or name, a 1 MB word, 5 000 awarding bodies, 10 000 long outcomes), the page
 * holds only what its boxes show: every element is still there, no line leaves its box, the SVG
 * stays small, and a text that is cut ends in an ellipsis ('…'), its shown part the start of the
 * text. The assertions are on output sizes, never on wall time.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate, type MicroCredential } from '../src/index.js';
import { layoutCredential } from '../src/render/layout.js';
import { textWidth } from '../src/render/measure.js';
import { PAGE_HEIGHT, PAGE_WIDTH, type Page, type TextItem } from '../src/render/page.js';
import { pageToSvg } from '../src/render/svg.js';
import { ELLIPSIS, fitText, normaliseStart, normaliseText, wrapText } from '../src/render/wrap.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const base = JSON.parse(readFileSync(resolve(root, 'fixtures/valid/higher-education.json'), 'utf8')) as MicroCredential;
const URL_OPTION = { verifyUrl: 'https://verify.example.eu/credentials/6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' };
const MB = 1 << 20;

/** Words in several languages (Chinese has no spaces: its 2 MB is one word). */
const WORDS = { en: 'word ', el: 'λέξη ', bg: 'дума ', de: 'Weiterbildungsnachweis ', zh: '微证书' } as const;
const huge = (unit: string, units: number) => unit.repeat(Math.ceil(units / unit.length));

const texts = (page: Page, role?: string): TextItem[] => page.items.filter((i): i is TextItem => i.kind === 'text' && (role === undefined || i.role === role));
const squash = (s: string) => s.replace(/[\s\u00ad-]+/g, '');

/** The roles every page has, whatever its texts' length. */
const ROLES = ['header', 'title', 'label:learner', 'learner', 'label:awardingBodies', 'bodies', 'date', 'label:learningOutcomes', 'bullet', 'outcome', 'label:workload', 'workload', 'footer', 'verify-url'];

/** Every element is on the page, every line within its box and the page, and the SVG is small. */
function checkBounded(page: Page): string {
  for (const role of ROLES) expect(texts(page, role).length, role).toBeGreaterThan(0);
  expect(page.items.filter((i) => i.kind === 'qr')).toHaveLength(1);
  for (const item of texts(page)) {
    const where = `${item.role} ${JSON.stringify(item.text.slice(0, 40))}`;
    expect(item.text.length, where).toBeLessThanOrEqual(2001);
    expect(item.width, where).toBeCloseTo(textWidth(item.text, item.size, item.weight), 6);
    const left = item.anchor === 'start' ? item.x : item.anchor === 'middle' ? item.x - item.width / 2 : item.x - item.width;
    expect(left, where).toBeGreaterThanOrEqual(item.box.x - 1e-6);
    expect(left + item.width, where).toBeLessThanOrEqual(item.box.x + item.box.width + 1e-6);
    expect(item.y - item.size * 1.069, where).toBeGreaterThanOrEqual(0);
    expect(item.y + item.size * 0.293, where).toBeLessThanOrEqual(PAGE_HEIGHT);
    expect(item.box.x + item.box.width, where).toBeLessThanOrEqual(PAGE_WIDTH);
  }
  expect(page.items.length).toBeLessThan(400);
  expect(page.title.length).toBeLessThan(2100);
  const svg = pageToSvg(page);
  expect(svg.length).toBeLessThan(200_000);
  return svg;
}

/** The role's lines end in an ellipsis, and what they show is the start of `full`. */
function checkCut(page: Page, role: string, full: string): void {
  const lines = texts(page, role);
  expect(lines.length, role).toBeGreaterThan(0);
  const last = lines[lines.length - 1]!.text;
  expect(last.endsWith(ELLIPSIS), `${role} ends in an ellipsis: ${JSON.stringify(last.slice(-20))}`).toBe(true);
  const shown = squash(lines.map((l) => l.text).join('')).slice(0, -1);
  expect(shown.length, role).toBeGreaterThan(0);
  expect(squash(full).startsWith(shown), `${role} shows the start of its text`).toBe(true);
}

const layout = (mc: MicroCredential): Page => {
  const result = validate(mc);
  expect(result.ok, JSON.stringify(result.issues.slice(0, 2)).slice(0, 300)).toBe(true);
  return layoutCredential(mc, URL_OPTION);
};

describe('layoutCredential: bounded by the page', () => {
  for (const [lang, word] of Object.entries(WORDS)) {
    it(`a 2 MB title (${lang}) shows as much as the title box holds, then '…'`, () => {
      const title = huge(word, 2 * MB);
      const page = layout({ ...base, primaryLanguage: lang, title: { [lang]: title } });
      checkBounded(page);
      checkCut(page, 'title', title);
      expect(texts(page, 'title')[0]!.size).toBe(14);
      expect(page.title.startsWith(normaliseText(title.slice(0, 900)))).toBe(true);
      expect(page.title).toContain(`${ELLIPSIS} — Aoife Byrne`);
    });

    it(`a 2 MB learner name (${lang}) is cut with '…', the rest of the page as usual`, () => {
      const name = huge(word, 2 * MB);
      const page = layout({ ...base, learner: { fullName: name } });
      checkBounded(page);
      checkCut(page, 'learner', name);
      expect(texts(page, 'title').map((t) => t.text).join(' ')).toBe(base.title);
    });
  }

  it('a 1 MB word without spaces (Latin, Greek, with combining marks, of zero-width characters) is broken and cut', () => {
    for (const word of ['Donaudampfschifffahrtsgesellschaft', 'Ψηφιακός', 'e\u0301\u0302', '\u200b']) {
      const long = huge(word, MB);
      const page = layout({ ...base, title: long, learner: { fullName: long } });
      checkBounded(page);
      checkCut(page, 'title', long);
      checkCut(page, 'learner', long);
    }
  });

  it('5 000 awarding bodies: as many as the box holds, then \'…\'', () => {
    const bodies = Array.from({ length: 5000 }, (_, i) => ({ id: `https://body-${i}.example.eu`, legalName: { en: `Awarding body number ${i}` }, country: 'IE' as const }));
    const page = layout({ ...base, awardingBodies: bodies });
    checkBounded(page);
    checkCut(page, 'bodies', bodies.map((b) => `${b.legalName.en} (Ireland)`).join(' · '));
  });

  it('10 000 outcomes of 10 kB each: the first cut with \'…\', then "+9999"', () => {
    const outcomes = Array.from({ length: 10_000 }, (_, i) => ({ title: `${i} ${huge('Προηγμένη ανάλυση δεδομένων ', 10_000)}` }));
    const page = layout({ ...base, learningOutcomes: outcomes });
    checkBounded(page);
    checkCut(page, 'outcome', outcomes[0]!.title);
    expect(texts(page, 'bullet')).toHaveLength(1);
    expect(texts(page, 'more').filter((t) => t.box.x < 300).map((t) => t.text)).toEqual(['+9999']);
  });

  it('a 2 MB issuer name and 1 000 quality assurances of 10 kB: the facts are cut with \'…\', the others counted', () => {
    const issuer = { ...base.issuer, id: 'https://issuer.example.eu', legalName: huge('Академия за цифрови умения ', 2 * MB) };
    const qualityAssurance = Array.from({ length: 1000 }, () => ({ ...base.qualityAssurance[0]!, title: huge('Quality certification ', 10_000) }));
    const page = layoutCredential({ ...base, issuer, qualityAssurance }, URL_OPTION);
    for (const role of ROLES.filter((r) => r !== 'label:workload' && r !== 'workload')) expect(texts(page, role).length, role).toBeGreaterThan(0);
    expect(pageToSvg(page).length).toBeLessThan(200_000);
    checkCut(page, 'issuer', `${issuer.legalName} (Ireland)`);
    const more = texts(page, 'more').filter((t) => t.box.x > 300);
    expect(more).toHaveLength(1);
  });

  it('keeps every text whole that fits: a normal credential is laid out as before, with no ellipsis', () => {
    const page = layoutCredential(base, URL_OPTION);
    checkBounded(page);
    expect(texts(page).some((t) => t.text.includes(ELLIPSIS))).toBe(false);
    expect(texts(page, 'title').map((t) => t.text).join(' ')).toBe(base.title);
  });
});

describe('wrap: bounded work', () => {
  const spec = { width: 500, maxHeight: 100, maxSize: 26, minSize: 14, maxLines: 3, weight: 'bold' as const };

  it('wrapText stops after maxLines + 1 lines', () => {
    const text = normaliseText(huge('word ', MB));
    expect(wrapText(text, 200, 10, 'normal', 'hyphen', 3)).toHaveLength(4);
    expect(wrapText(huge('x', MB), 200, 10, 'normal', 'hyphen', 2)).toHaveLength(3);
    expect(wrapText(huge('x', MB), 200, 10, 'normal', 'none', 2)).toBeUndefined();
    expect(wrapText('Data literacy for public servants', 100, 10, 'normal', 'hyphen', 1)!.map((l) => l.text)).toEqual(['Data literacy for', 'public servants']);
  });

  it('normaliseStart reads only the start, and agrees with normaliseText', () => {
    const text = ` \n Ψηφιακή\t\tδιακυβέρνηση \u0007 ${'a'.repeat(5000)}   \u2028 b\uD83D\uDE00  `.repeat(3);
    expect(normaliseStart(text, 1e9)).toEqual({ text: normaliseText(text), cut: false });
    const start = normaliseStart(text, 100);
    expect(start.cut).toBe(true);
    expect(start.text.length).toBeLessThanOrEqual(100);
    expect(normaliseText(text).startsWith(start.text)).toBe(true);
    // A surrogate pair is never split at the cut, nor at a chunk's end.
    const emoji = '\uD83D\uDE00'.repeat(5000);
    expect(normaliseStart(emoji, 101).text).toBe('\uD83D\uDE00'.repeat(50));
    expect(normaliseStart(`${'a'.repeat(4095)}${emoji}`, 1e9).text).toBe(`${'a'.repeat(4095)}${emoji}`);
  });

  it('fitText shows a cut text at the smallest size in the lines the height holds, the last with an ellipsis', () => {
    const fitted = fitText(normaliseText(huge('λέξη ', 100_000)), spec);
    expect(fitted.size).toBe(14);
    expect(fitted.lines).toHaveLength(5);
    expect(fitted.lines.at(-1)!.text.endsWith(ELLIPSIS)).toBe(true);
    for (const l of fitted.lines) expect(l.width).toBeLessThanOrEqual(500);
    // A short text marked as cut still shows its mark; an empty one shows just the mark.
    expect(fitText('Data literacy', { ...spec, cut: true }).lines.map((l) => l.text)).toEqual([`Data literacy${ELLIPSIS}`]);
    expect(fitText('', { ...spec, cut: true }).lines.map((l) => l.text)).toEqual([ELLIPSIS]);
    // What fits below the smallest size (down to the floor) is still shown whole.
    const fits = 'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz '.repeat(8).trim();
    const whole = fitText(fits, spec);
    expect(whole.size).toBeLessThan(14);
    expect(squash(whole.lines.map((l) => l.text).join(''))).toBe(squash(fits));
  });
});
