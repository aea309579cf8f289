/**
 * The layout of the credential picture (src/render/layout.ts): no line wider than its box, no
 * text lost, every item on the page, labels in the page's language, "+N" for what does not fit,
 * the QR code of the verification URL, and options checked. The font metrics are checked against
 * the font itself (fontkit reading the TTFs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import jpegjs from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { pick } from '../src/render/content.js';
import { capitalise, RENDER_LANGUAGES, renderLabels } from '../src/render/labels.js';
import { assertRenderable, credentialLanguages, layoutCredential } from '../src/render/layout.js';
import { missingGlyphs, textWidth } from '../src/render/measure.js';
import { PAGE_HEIGHT, PAGE_WIDTH, type Page, type TextItem } from '../src/render/page.js';
import { validMicroCredential } from './helpers/arbitraries.js';

const root = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(import.meta.url);
const fontkit = require('@pdf-lib/fontkit') as { create(buffer: Uint8Array): { characterSet: number[]; glyphForCodePoint(cp: number): { advanceWidth: number }; unitsPerEm: number } };
const FONTS = join(root, 'node_modules/@expo-google-fonts/noto-sans');

/** A Greek credential written here (the fixtures belong to the reference renders). */
const greek: MicroCredential = {
  id: 'urn:uuid:3c0f6a2e-8d41-4b7a-9e15-2f6c7a1d0e99',
  primaryLanguage: 'el',
  learner: { fullName: 'Αικατερίνη Παπαδοπούλου' },
  title: { el: 'Ψηφιακή διακυβέρνηση και ανοικτά δεδομένα', en: 'Digital governance and open data' },
  issuer: { id: 'https://www.example-panepistimio.gr', legalName: { el: 'Παράδειγμα Πανεπιστήμιο Αθηνών', en: 'Example University of Athens' }, country: 'GR' },
  awardingBodies: [{ id: 'https://www.example-panepistimio.gr', legalName: { el: 'Παράδειγμα Πανεπιστήμιο Αθηνών', en: 'Example University of Athens' }, country: 'GR' }],
  dateOfIssue: '2025-02-14T11:00:00+02:00',
  learningOutcomes: [{ title: { el: 'Σχεδιάζει ψηφιακές δημόσιες υπηρεσίες', en: 'Design digital public services' } }],
  workload: { ects: 6, hours: 150 },
  level: { eqf: 7, qfEhea: 'second-cycle' },
  assessment: { type: 'project-work', mode: 'online' },
  participation: { mode: 'online' },
  qualityAssurance: [{ type: 'institutional-quality-assurance', title: { el: 'Πιστοποίηση ποιότητας', en: 'Quality certification' } }],
  grade: { value: '8,5', scheme: { el: 'Κλίμακα 0–10', en: 'Scale 0–10' } },
};

const texts = (page: Page, role?: string): TextItem[] => page.items.filter((i): i is TextItem => i.kind === 'text' && (role === undefined || i.role === role));
/** Text without spaces and hyphens: lines may be broken at a space or inside a word with a hyphen added. */
const squash = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\s\u00ad-]+/g, '');
const joined = (page: Page, role: string) => squash(texts(page, role).map((t) => t.text).join(''));

/** The checks every page must pass. */
function checkPage(page: Page): void {
  expect(page.width).toBe(PAGE_WIDTH);
  expect(page.height).toBe(PAGE_HEIGHT);
  for (const item of page.items) {
    if (item.kind === 'text') {
      const where = `${item.role} ${JSON.stringify(item.text.slice(0, 40))}`;
      expect(item.width, where).toBeLessThanOrEqual(item.box.width + 1e-6);
      expect(item.width, where).toBeCloseTo(textWidth(item.text, item.size, item.weight), 6);
      expect(item.box.x, where).toBeGreaterThanOrEqual(0);
      expect(item.box.x + item.box.width, where).toBeLessThanOrEqual(PAGE_WIDTH);
      expect(item.y - item.size * 1.069, where).toBeGreaterThanOrEqual(0);
      expect(item.y + item.size * 0.293, where).toBeLessThanOrEqual(PAGE_HEIGHT);
      expect(item.size, where).toBeGreaterThan(0);
      expect(item.text.trim(), where).not.toBe('');
      // The drawn line lies within its box, whatever its anchor.
      const left = item.anchor === 'start' ? item.x : item.anchor === 'middle' ? item.x - item.width / 2 : item.x - item.width;
      expect(left, where).toBeGreaterThanOrEqual(item.box.x - 1e-6);
      expect(left + item.width, where).toBeLessThanOrEqual(item.box.x + item.box.width + 1e-6);
    } else {
      const w = item.kind === 'qr' ? item.size : item.width;
      const h = item.kind === 'qr' ? item.size : item.height;
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.y).toBeGreaterThanOrEqual(0);
      expect(item.x + w).toBeLessThanOrEqual(PAGE_WIDTH + 1e-6);
      expect(item.y + h).toBeLessThanOrEqual(PAGE_HEIGHT + 1e-6);
    }
  }
}

/** The ink of a line, roughly: from its x-height-and-a-bit above the baseline to its descenders; a QR code or image whole. */
function extent(item: Page['items'][number]): { left: number; right: number; top: number; bottom: number } | undefined {
  if (item.kind === 'text') {
    const left = item.anchor === 'start' ? item.x : item.anchor === 'middle' ? item.x - item.width / 2 : item.x - item.width;
    return { left, right: left + item.width, top: item.y - 0.72 * item.size, bottom: item.y + 0.22 * item.size };
  }
  if (item.kind === 'qr') return { left: item.x, right: item.x + item.size, top: item.y, bottom: item.y + item.size };
  if (item.kind === 'image') return { left: item.x, right: item.x + item.width, top: item.y, bottom: item.y + item.height };
  return undefined;
}

/** No text is drawn over another text, the QR code or the logo. */
function checkNoOverlap(page: Page): void {
  const boxes = page.items.map((item) => ({ item, e: extent(item) })).filter((b) => b.e !== undefined);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!.e!;
      const b = boxes[j]!.e!;
      const overlap = a.left < b.right - 0.01 && b.left < a.right - 0.01 && a.top < b.bottom - 0.01 && b.top < a.bottom - 0.01;
      if (overlap) expect.fail(`${JSON.stringify(boxes[i]!.item).slice(0, 160)} overlaps ${JSON.stringify(boxes[j]!.item).slice(0, 160)}`);
    }
  }
}

/** Nothing of the title, learner, bodies is lost; the outcomes shown and "+N" add up. */
function checkNothingLost(mc: MicroCredential, page: Page): void {
  const primary = mc.primaryLanguage ?? 'en';
  expect(joined(page, 'title')).toBe(squash(pick(mc.title, page.lang, primary).text));
  const l = mc.learner;
  const learner = l.fullName ?? [l.givenName, l.familyName].filter(Boolean).join(' ');
  expect(joined(page, 'learner')).toBe(squash(learner));
  const bodies = joined(page, 'bodies');
  for (const b of mc.awardingBodies) expect(bodies).toContain(squash(pick(b.legalName, page.lang, primary).text));
  const more = texts(page, 'more').filter((t) => t.box.x < 300);
  const hidden = more.length === 0 ? 0 : Number(more[0]!.text.replace('+', ''));
  expect(texts(page, 'bullet').length + hidden).toBe(mc.learningOutcomes.length);
}

describe('font metrics', () => {
  it('are what scripts/gen-font-metrics.mjs writes (src/generated/font-metrics.ts is up to date), under 60 KB', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-font-metrics.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const committed = readFileSync(join(root, 'src/generated/font-metrics.ts'), 'utf8');
    expect(committed).toBe(run.stdout);
    expect(committed.length).toBeLessThan(60_000);
  });

  it('give the advances fontkit reads from the TTFs, for every character the fonts map', () => {
    for (const [file, weight] of [['400Regular/NotoSans_400Regular.ttf', 'normal'], ['700Bold/NotoSans_700Bold.ttf', 'bold']] as const) {
      const font = fontkit.create(readFileSync(join(FONTS, file)));
      const cps = font.characterSet.filter((cp) => cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0));
      for (const cp of cps) {
        const expected = (font.glyphForCodePoint(cp).advanceWidth * 10) / font.unitsPerEm;
        if (Math.abs(textWidth(String.fromCodePoint(cp), 10, weight) - expected) > 1e-9) expect.fail(`U+${cp.toString(16)} ${weight}`);
      }
      const sample = 'Ψηφιακή διακυβέρνηση — Цифрово управление, Łęcka ß';
      const sum = [...sample].reduce((s, ch) => s + font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth, 0);
      expect(textWidth(sample, 12, weight)).toBeCloseTo((sum * 12) / font.unitsPerEm, 9);
    }
  });

  it('count a character the font lacks as one em, and name it', () => {
    expect(textWidth('中', 10)).toBe(10);
    expect(textWidth('😀', 10, 'bold')).toBe(10);
    expect(missingGlyphs('Ελληνικά 中文 кириллица 中')).toEqual(['中', '文']);
    expect(missingGlyphs('Łódź Ἀθῆναι Београд')).toEqual([]);
  });
});

describe('layoutCredential: properties', () => {
  const longGreek = fc.constant('Προηγμένες μέθοδοι ανάλυσης δεδομένων '.repeat(8).trim());
  const longWord = fc.integer({ min: 40, max: 160 }).map((n) => 'Donaudampfschifffahrtsgesellschaftskapitänsmütze'.repeat(4).slice(0, n));
  const cyrillic = fc.constantFrom('Цифрово управление и отворени данни', 'Български университет за приложни науки „Св. Климент Охридски“');
  const portugueseName = fc.constant('Maria Leonor Albuquerque Figueiredo Carvalho de Sousa');
  const hugeText = fc.oneof(longGreek, longWord, cyrillic, portugueseName, fc.string({ minLength: 1, maxLength: 400, unit: 'binary' }).filter((s) => /[^\s\u0000-\u001f]/.test(s)));
  const langs = fc.constantFrom('el', 'bg', 'pt', 'de', 'en', 'fi', 'pl', 'fr', 'xx');

  const stretched = fc
    .tuple(validMicroCredential, hugeText, hugeText, hugeText, fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.boolean())
    .map(([mc, title, name, body, outcomes, givenFamily, url]) => {
      const learner = givenFamily ? { givenName: name, familyName: 'Ñúñez-Łęcka' } : { fullName: name };
      const out: MicroCredential = {
        ...mc,
        title: mc.primaryLanguage ? { [mc.primaryLanguage]: title, el: title } : title,
        learner,
        awardingBodies: [{ ...mc.awardingBodies[0]!, legalName: body }, ...mc.awardingBodies.slice(1)],
        learningOutcomes: Array.from({ length: outcomes }, (_, i) => ({ title: i % 3 === 0 ? `${body} ${i}` : `Outcome ${i}` })),
      };
      return { mc: out, url };
    })
    .filter(({ mc }) => assertRenderableOk(mc));

  function assertRenderableOk(mc: MicroCredential): boolean {
    try {
      assertRenderable(mc, 'test');
      return true;
    } catch {
      return false;
    }
  }

  /** A PNG header of the given size: enough for the layout, which reads only the size. */
  const pngOfSize = ([w, h]: [number, number]) => {
    const png = new Uint8Array(33);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(png.buffer).setUint32(16, w);
    new DataView(png.buffer).setUint32(20, h);
    return { content: png, contentType: 'image/png' as const };
  };
  const logo = fc.option(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 })).map(pngOfSize), { nil: undefined });

  it('never draws a line wider than its box or over another, keeps every item on the page, and loses no text', () => {
    fc.assert(
      fc.property(stretched, langs, logo, ({ mc, url }, lang, logoOption) => {
        const page = layoutCredential(mc, { lang, logo: logoOption, ...(url ? { verifyUrl: `https://verify.example.eu/${'x'.repeat(120)}/${encodeURIComponent(String(mc.id))}` } : {}) });
        checkPage(page);
        checkNoOverlap(page);
        checkNothingLost(mc, page);
      }),
      { numRuns: 150 },
    );
  });

  it('holds for the model generator as it is, in every language the EU files cover', () => {
    fc.assert(
      fc.property(validMicroCredential, fc.constantFrom(...RENDER_LANGUAGES), (mc, lang) => {
        const page = layoutCredential(mc, { lang });
        checkPage(page);
        checkNothingLost(mc, page);
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic and leaves its input alone', () => {
    fc.assert(
      fc.property(validMicroCredential, (mc) => {
        const before = JSON.stringify(mc);
        const a = layoutCredential(mc, { lang: 'de', verifyUrl: 'https://verify.example.eu/1' });
        const b = layoutCredential(structuredClone(mc), { lang: 'de', verifyUrl: 'https://verify.example.eu/1' });
        expect(JSON.stringify(mc)).toBe(before);
        expect(b).toEqual(a);
      }),
      { numRuns: 30 },
    );
  });
});

describe('layoutCredential: what the page shows', () => {
  it('labels a Greek credential in Greek, with its Greek texts, date and country', () => {
    const page = layoutCredential(greek);
    expect(page.lang).toBe('el');
    const el = renderLabels('el');
    for (const key of ['header', 'learner', 'awardingBodies', 'learningOutcomes', 'workload', 'grade', 'footer'] as const) {
      expect(el.sources[key], key).not.toBe('en');
      const shown = texts(page).filter((t) => t.role === `label:${key}` || (t.role === key && (key === 'header' || key === 'footer'))).map((t) => t.text).join(' ');
      // The EU's text with an initial capital (a Greek initial keeps its accent: "Όγκος").
      expect(shown, key).toBe(el[key].charAt(0).toUpperCase() + el[key].slice(1));
      expect(shown, key).toMatch(/[\u0370-\u03ff]/);
    }
    expect(joined(page, 'title')).toBe(squash('Ψηφιακή διακυβέρνηση και ανοικτά δεδομένα'));
    expect(texts(page, 'bodies').map((t) => t.text).join(' ')).toContain('(Ελλάδα)');
    expect(texts(page, 'date')[0]!.text).toContain('Φεβρουαρίου 2025');
    expect(texts(page).some((t) => /awarded to|the learner/i.test(t.text))).toBe(false);
    // The same credential in English takes its English texts and labels.
    const en = layoutCredential(greek, { lang: 'en' });
    expect(joined(en, 'title')).toBe(squash('Digital governance and open data'));
    expect(texts(en, 'label:learner')[0]!.text).toBe(capitalise(renderLabels('en').learner, 'en'));
  });

  it('names a learner known only by an identifier by that identifier', () => {
    const cases: [MicroCredential['learner'], string][] = [
      [{ id: 'urn:example:learner:42' }, 'urn:example:learner:42'],
      [{ identifiers: [{ scheme: 'ORCID', value: '0000-0002-1825-0097' }] }, 'ORCID 0000-0002-1825-0097'],
      [{ nationalId: { value: '010203-123A', country: 'FI' } }, '010203-123A (FI)'],
    ];
    for (const [learner, expected] of cases) {
      const page = layoutCredential({ ...greek, learner });
      expect(texts(page, 'learner').map((t) => t.text).join(' ')).toBe(expected);
      expect(texts(page).some((t) => /the learner/i.test(t.text))).toBe(false);
    }
  });

  it('shows given and family name, and a 53-character Portuguese name whole', () => {
    const name = 'Maria Leonor Albuquerque Figueiredo Carvalho de Sousa';
    expect(name.length).toBe(53);
    const page = layoutCredential({ ...greek, primaryLanguage: 'pt', learner: { fullName: name } });
    expect(texts(page, 'learner').map((t) => t.text).join(' ')).toBe(name);
    const split = layoutCredential({ ...greek, learner: { givenName: 'Ana', familyName: 'Sousa' } });
    expect(texts(split, 'learner').map((t) => t.text).join(' ')).toBe('Ana Sousa');
  });

  it('lists 40 outcomes as far as they fit, then "+N" with the right N', () => {
    const outcomes = Array.from({ length: 40 }, (_, i) => ({ title: `Αποτέλεσμα μάθησης αριθμός ${i + 1} με αρκετά μεγάλο κείμενο για να χρειαστεί χώρο` }));
    const page = layoutCredential({ ...greek, learningOutcomes: outcomes }, { verifyUrl: 'https://verify.example.eu/abc' });
    checkPage(page);
    checkNoOverlap(page);
    const shown = texts(page, 'bullet').length;
    expect(shown).toBeGreaterThan(3);
    expect(shown).toBeLessThan(40);
    const more = texts(page, 'more');
    expect(more.map((t) => t.text)).toEqual([`+${40 - shown}`]);
    // The outcomes shown are the first ones, in order, each whole.
    const lines = texts(page, 'outcome').map((t) => t.text).join(' ');
    for (let i = 0; i < shown; i++) expect(lines).toContain(`αριθμός ${i + 1} με`);
    expect(lines).not.toContain(`αριθμός ${shown + 1} με`);
  });

  it('shrinks a 300-character Greek title and breaks an unbroken word with hyphens, losing nothing', () => {
    const title = 'Προηγμένες μέθοδοι στατιστικής ανάλυσης και μηχανικής μάθησης για τη δημόσια υγεία '.repeat(4).slice(0, 300);
    const page = layoutCredential({ ...greek, title });
    checkPage(page);
    const lines = texts(page, 'title');
    expect(lines[0]!.size).toBeLessThan(26);
    expect(joined(page, 'title')).toBe(squash(title));
    const word = 'Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz'.repeat(3);
    const long = layoutCredential({ ...greek, title: word, learner: { fullName: word } });
    checkPage(long);
    expect(texts(long, 'title').length).toBeGreaterThan(1);
    expect(texts(long, 'title')[0]!.text.endsWith('-')).toBe(true);
    expect(joined(long, 'title')).toBe(word);
    expect(joined(long, 'learner')).toBe(word);
  });

  it('draws the QR code of the verification URL (modules equal to qrcode\'s at level M) and the URL whole', () => {
    const url = `https://verify.example.eu/credentials/${'0123456789abcdef'.repeat(8)}?lang=el&check=1`;
    const page = layoutCredential(greek, { verifyUrl: url });
    const qr = page.items.filter((i) => i.kind === 'qr');
    expect(qr).toHaveLength(1);
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const q = qr[0]!;
    if (q.kind !== 'qr') throw new Error('not a QR item');
    expect(q.text).toBe(url);
    expect(q.modules.length).toBe(expected.size);
    for (let r = 0; r < expected.size; r++) for (let c = 0; c < expected.size; c++) expect(q.modules[r]![c]).toBe(Boolean(expected.get(r, c)));
    expect(texts(page, 'verify-url').map((t) => t.text).join('')).toBe(url);
    expect(layoutCredential(greek).items.some((i) => i.kind === 'qr')).toBe(false);
  });

  it('has a footer that says what the document is and never claims EDC issued it, in every language', () => {
    for (const lang of [...RENDER_LANGUAGES, 'xx']) {
      const page = layoutCredential(greek, { lang });
      const footer = texts(page, 'footer').map((t) => t.text).join(' ');
      expect(footer).not.toBe('');
      expect(footer).not.toMatch(/European Digital Credential|Europass/i);
    }
  });

  it('draws the logo in the top right corner keeping its aspect ratio', () => {
    const png = new Uint8Array(33);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0x90, 0, 0, 0, 100]);
    const page = layoutCredential(greek, { logo: { content: png, contentType: 'image/png' } });
    const image = page.items.find((i) => i.kind === 'image');
    if (image?.kind !== 'image') throw new Error('no image');
    expect(image.width / image.height).toBeCloseTo(4, 6);
    expect(image.x + image.width).toBeGreaterThan(PAGE_WIDTH - 60);
    expect(image.y).toBeLessThan(60);
    // The title keeps clear of it.
    for (const t of texts(page, 'title')) expect(t.box.x + t.box.width).toBeLessThanOrEqual(image.x);
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 50 100"><rect width="50" height="100"/></svg>');
    const tall = layoutCredential(greek, { logo: { content: svg, contentType: 'image/svg+xml' } }).items.find((i) => i.kind === 'image');
    if (tall?.kind !== 'image') throw new Error('no image');
    expect(tall.width / tall.height).toBeCloseTo(0.5, 6);
  });

  it('reads the size of real PNG, JPEG and SVG logos (with an XML prolog and a byte-order mark)', () => {
    const rgba = new Uint8Array(300 * 100 * 4).fill(200);
    const jpeg = new Uint8Array(jpegjs.encode({ data: rgba, width: 300, height: 100 }, 80).data);
    const png = new PNG({ width: 50, height: 150 });
    png.data.fill(255);
    const logos = [
      [{ content: jpeg, contentType: 'image/jpeg' as const }, 3],
      [{ content: new Uint8Array(PNG.sync.write(png)), contentType: 'image/png' as const }, 1 / 3],
      [{ content: new TextEncoder().encode('\uFEFF<?xml version="1.0"?>\n<!-- logo -->\n<svg xmlns="http://www.w3.org/2000/svg" width="80px" height="20px"/>'), contentType: 'image/svg+xml' as const }, 4],
    ] as const;
    for (const [logo, ratio] of logos) {
      const image = layoutCredential(greek, { logo }).items.find((i) => i.kind === 'image');
      if (image?.kind !== 'image') throw new Error('no image');
      expect(image.width / image.height, logo.contentType).toBeCloseTo(ratio, 3);
      expect(image.content).toEqual(logo.content);
      expect(image.content).not.toBe(logo.content);
    }
  });

  it('shows the facts: workload, level, assessment, participation, quality assurance, grade', () => {
    const page = layoutCredential({ ...greek, workload: { ects: 7.5, hours: 190, credits: { system: 'ECVET', value: 8 } }, assessment: { type: { uri: 'https://uni.example.eu/viva', label: { el: 'Προφορική υποστήριξη', en: 'Viva voce' } } } });
    const all = texts(page).map((t) => t.text).join('\n');
    expect(all).toContain('7,5');
    expect(all).toContain('190');
    expect(all).toContain('(ECVET)');
    expect(texts(page, 'eqfLevel')[0]!.text).toBe('7');
    expect(texts(page, 'qfEhea')[0]!.text).toBe('Second cycle');
    expect(texts(page, 'assessment')[0]!.text).toBe('Προφορική υποστήριξη');
    expect(texts(page, 'participation')[0]!.text).toBe('Online');
    expect(texts(page, 'qualityAssurance')[0]!.text).toBe('Πιστοποίηση ποιότητας');
    expect(texts(page, 'grade')[0]!.text).toBe('8,5 (Κλίμακα 0–10)');
    // An English concept label on a Greek page says it is English.
    expect(texts(page, 'participation')[0]!.lang).toBe('en');
  });

  it('gives the credential\'s languages, primary first', () => {
    expect(credentialLanguages(greek)).toEqual(['el', 'en']);
    expect(credentialLanguages({ ...greek, primaryLanguage: undefined, title: 'Plain' })).toEqual(['en', 'el']);
    expect(credentialLanguages({ ...greek, primaryLanguage: 'bg', title: { bg: 'Заглавие' }, awardingBodies: [{ ...greek.awardingBodies[0]!, legalName: { bg: 'Университет' } }], issuer: { ...greek.issuer, legalName: 'Университет' }, learningOutcomes: [{ title: 'Резултат' }], qualityAssurance: [{ type: 'internal-quality-assurance', title: 'Качество' }], grade: 'Отличен' })).toEqual(['bg']);
  });
});

describe('layoutCredential: misuse', () => {
  it('refuses an invalid micro-credential with a TypeError naming the problem', () => {
    expect(() => layoutCredential({ ...greek, title: '' } as MicroCredential)).toThrow(TypeError);
    expect(() => layoutCredential({ ...greek, title: '' } as MicroCredential)).toThrow(/layoutCredential: the micro-credential is not valid: .*\/title/);
    expect(() => layoutCredential(null as unknown as MicroCredential)).toThrow(TypeError);
    expect(() => assertRenderable({}, 'renderPdf')).toThrow(/^renderPdf: /);
  });

  it('refuses wrong options with a TypeError naming the option', () => {
    const cases: [unknown, RegExp][] = [
      [5, /options must be an object/],
      [{ lang: 5 }, /options\.lang/],
      [{ lang: 'not a tag!' }, /options\.lang/],
      [{ verifyUrl: 'ftp://example.eu/x' }, /options\.verifyUrl/],
      [{ verifyUrl: 'javascript:alert(1)' }, /options\.verifyUrl/],
      [{ verifyUrl: 'https://example.eu/a b' }, /options\.verifyUrl/],
      [{ verifyUrl: `https://example.eu/${'x'.repeat(3000)}` }, /options\.verifyUrl/],
      [{ verifyUrl: new URL('https://example.eu') }, /options\.verifyUrl/],
      [{ logo: 'logo.png' }, /options\.logo/],
      [{ logo: { content: new Uint8Array([1, 2, 3]), contentType: 'image/png' } }, /options\.logo\.content is not a PNG/],
      [{ logo: { content: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), contentType: 'image/png' } }, /options\.logo\.content is a image\/jpeg image, but options\.logo\.contentType says image\/png/],
      [{ logo: { content: new Uint8Array([0x89, 0x50]), contentType: 'image/gif' } }, /options\.logo\.contentType/],
      [{ logo: { content: new Uint8Array(2 * 1024 * 1024 + 1), contentType: 'image/jpeg' } }, /options\.logo\.content is 2097153 bytes/],
      [{ logo: { content: [0xff, 0xd8, 0xff], contentType: 'image/jpeg' } }, /options\.logo\.content must be a Uint8Array/],
      [{ get lang(): string { throw new Error('boom'); } }, /options could not be read \(.*boom/],
    ];
    for (const [options, message] of cases) {
      expect(() => layoutCredential(greek, options as never), String(message)).toThrow(TypeError);
      expect(() => layoutCredential(greek, options as never)).toThrow(message);
    }
  });

  it('accepts any BCP 47 tag as the language, falling back to English labels', () => {
    const page = layoutCredential(greek, { lang: 'zh-Hant-TW' });
    expect(page.lang).toBe('zh-Hant-TW');
    expect(renderLabels('zh-Hant-TW').lang).toBe('en');
    expect(texts(page, 'label:learner')[0]!.text).toBe(capitalise(renderLabels('en').learner, 'en'));
    expect(texts(page, 'label:learner')[0]!.lang).toBe('en');
    checkPage(page);
  });
});
