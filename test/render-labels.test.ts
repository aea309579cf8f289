// The picture's labels (src/render/labels.ts) and its Intl formatting (src/render/format.ts).
// Oracles: the EU translation files themselves (scripts/data/sd-jwt-vc-labels/, read here
// independently of the generator), Unicode script properties, and concrete Intl outputs written
// out by hand (comparing with Intl itself would be circular).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
// n3 ships no types: the one call used here, typed.
// @ts-expect-error n3 has no declaration file
import { Parser as N3Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import { RENDER_LABEL_DATA } from '../src/generated/render-labels.js';
import { countryName, formatDate, formatLocale, formatNumber, languageName } from '../src/render/format.js';
import { capitalise, LABEL_KEYS, type LabelKey, RENDER_LANGUAGES, renderLabels, renderLanguage } from '../src/render/labels.js';

interface Quad { subject: { value: string }; predicate: { value: string }; object: { value: string; language: string } }
const Parser = N3Parser as new () => { parse(text: string): Quad[] };

const root = join(import.meta.dirname, '..');
const data = join(root, 'scripts/data/sd-jwt-vc-labels');

const edc = new Map<string, Record<string, unknown>>();
for (const f of readdirSync(join(data, 'edc-viewer-i18n')).filter((f) => f.endsWith('.json'))) {
  edc.set(f.slice(0, -5), JSON.parse(readFileSync(join(data, 'edc-viewer-i18n', f), 'utf8')) as Record<string, unknown>);
}
const ELM = 'http://data.europa.eu/snb/model/elm/';
const elm = new Map<string, Map<string, string>>();
for (const q of new Parser().parse(readFileSync(join(data, 'ELM-3.2-ontology-multilingual.ttl'), 'utf8'))) {
  if (q.predicate.value !== 'http://www.w3.org/2000/01/rdf-schema#label' || !q.subject.value.startsWith(ELM)) continue;
  const term = q.subject.value.slice(ELM.length);
  if (!elm.has(term)) elm.set(term, new Map());
  elm.get(term)?.set(q.object.language, q.object.value);
}

/** The text `source` gives in `lang`'s own file, as stored. */
function sourceText(source: string, lang: string): unknown {
  if (source.startsWith('edc:')) return edc.get(lang)?.[source.slice(4)];
  if (source.startsWith('elm:')) return elm.get(source.slice(4))?.get(lang);
  return undefined;
}

const EU_OFFICIAL = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'];
const translated = (lang: string) => LABEL_KEYS.filter((k) => renderLabels(lang).sources[k] !== 'en');

describe('the generated labels', () => {
  it('are what the generator writes today', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-render-labels.mjs', '--stdout'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'src/generated/render-labels.ts'), 'utf8'));
  });

  it('cover exactly the label keys, each with English', () => {
    expect(Object.keys(RENDER_LABEL_DATA).sort()).toEqual([...LABEL_KEYS].sort());
    for (const key of LABEL_KEYS) expect(RENDER_LABEL_DATA[key].en, key).toBeDefined();
  });
});

describe('renderLabels', () => {
  it('knows the 24 official EU languages and Icelandic, Macedonian, Norwegian, Serbian and Turkish', () => {
    expect([...RENDER_LANGUAGES].sort()).toEqual([...EU_OFFICIAL, 'is', 'mk', 'no', 'sr', 'tr'].sort());
  });

  it('gives every non-English text byte for byte as the EU file its source names says it, in that language', () => {
    let checked = 0;
    for (const lang of RENDER_LANGUAGES) {
      const labels = renderLabels(lang);
      expect(labels.lang).toBe(lang);
      for (const key of LABEL_KEYS) {
        const source = labels.sources[key];
        if (lang === 'en') continue; // the library's own English, checked below
        if (source === 'en') {
          // English because the files have no fit text in this language.
          expect(labels[key], `${lang} ${key}`).toBe(renderLabels('en')[key]);
          continue;
        }
        expect(source, `${lang} ${key}`).toMatch(/^(edc|elm):\S+$/);
        const raw = sourceText(source, lang);
        expect(typeof raw, `${lang} ${key} ${source}`).toBe('string');
        // Copied verbatim; only surrounding white space is dropped (one ontology label ends in a space).
        expect(labels[key], `${lang} ${key}`).toBe((raw as string).trim());
        checked += 1;
      }
    }
    expect(checked).toBe(585); // 21 keys × 28 languages other than English, less the 3 English fallbacks below
  });

  it('falls back to English only where the EU files have no fit text, and says so', () => {
    const fallbacks: string[] = [];
    for (const lang of RENDER_LANGUAGES) for (const key of LABEL_KEYS) if (lang !== 'en' && renderLabels(lang).sources[key] === 'en') fallbacks.push(`${key}@${lang}`);
    // grade: bg and nl files say "Ниво" (level) and "Titel" (title); country: the ontology's Serbian is "0.0".
    expect(fallbacks.sort()).toEqual(['country@sr', 'grade@bg', 'grade@nl']);
    expect(renderLabels('bg').grade).toBe('Grade');
    expect(renderLabels('sr').country).toBe('Country');
  });

  it('gives every language at least 20 of the 21 labels in its own words (the figures measured)', () => {
    expect(LABEL_KEYS).toHaveLength(21);
    const counts = Object.fromEntries(RENDER_LANGUAGES.filter((l) => l !== 'en').map((l) => [l, translated(l).length]));
    for (const [lang, n] of Object.entries(counts)) expect(n, lang).toBe(['bg', 'nl', 'sr'].includes(lang) ? 20 : 21);
  });

  it('writes Greek in Greek, Bulgarian and Macedonian in Cyrillic, Serbian and the rest in Latin script', () => {
    for (const lang of RENDER_LANGUAGES) {
      const labels = renderLabels(lang);
      for (const key of translated(lang)) {
        const text = labels[key];
        if (lang === 'el') expect(text, `${lang} ${key}`).toMatch(/\p{Script=Greek}/u);
        else if (lang === 'bg' || lang === 'mk') expect(text, `${lang} ${key}`).toMatch(/\p{Script=Cyrillic}/u);
        else expect(text, `${lang} ${key}`).not.toMatch(/[\p{Script=Greek}\p{Script=Cyrillic}]/u);
        if (lang === 'el' || lang === 'bg' || lang === 'mk') expect(text.replace(/ECTS/g, ''), `${lang} ${key}`).not.toMatch(/\p{Script=Latin}/u);
      }
    }
    expect(renderLabels('el').learningOutcomes).toBe('Μαθησιακά αποτελέσματα');
    expect(renderLabels('bg').awardingBodies).toBe('Присъждащ орган');
  });

  it('gives the texts a German reader expects', () => {
    const de = renderLabels('de');
    expect(de.grade).toBe('Note');
    expect(de.learningOutcomes).toBe('Lernergebnisse');
    expect(de.eqfLevel).toBe('EQR-Niveau');
    expect(de.hours).toBe('Stunden');
    expect(de.sources.awardingBodies).toBe('edc:details.achievements-tab.awardingBody');
    expect(de.sources.country).toBe('elm:countryCode');
  });

  it('has the library\'s English in English, and a footer that does not claim EDC issued anything', () => {
    const en = renderLabels('en');
    for (const key of LABEL_KEYS) expect(en.sources[key], key).toBe('en');
    expect(en.issuer).toBe('Issuing organisation');
    expect(en.learningOutcomes).toBe('Learning outcomes');
    for (const lang of RENDER_LANGUAGES) expect(renderLabels(lang).footer, lang).not.toMatch(/EDC|European Digital Credential|Europass|issued/i);
    expect(en.footer).toBe('Credential preview');
  });

  it('normalises language tags', () => {
    expect(renderLabels('de-AT').lang).toBe('de');
    expect(renderLabels('DE').lang).toBe('de');
    expect(renderLabels('de_CH').lang).toBe('de');
    expect(renderLabels(' el ').lang).toBe('el');
    expect(renderLabels('nb-NO').lang).toBe('no');
    expect(renderLabels('nn').lang).toBe('no');
    expect(renderLabels('sr-Latn-RS').lang).toBe('sr');
    expect(renderLabels('pt-BR').lang).toBe('pt');
    expect(renderLanguage('ga-IE')).toBe('ga');
  });

  it('falls back to English for unknown or odd tags, without throwing', () => {
    for (const odd of ['', 'xx', 'zh-Hant', 'x-private', 'i-klingon', '-', 'de--', 'e', '\u0000', 'déu', 'a'.repeat(100_000), 'de'.padEnd(300, '-x'), '__proto__', 'constructor', 'toString']) {
      const labels = renderLabels(odd);
      expect(labels.lang, JSON.stringify(odd.slice(0, 20))).toBe('en');
      expect(labels).toBe(renderLabels('en'));
    }
  });

  it('refuses a lang that is not a string with a TypeError naming it', () => {
    for (const bad of [undefined, null, 42, {}, ['de'], new String('de'), Symbol('de')]) {
      expect(() => renderLabels(bad as unknown as string)).toThrow(TypeError);
      expect(() => renderLabels(bad as unknown as string)).toThrow(/lang must be a string/);
    }
  });

  it('returns one frozen object per language, which cannot be changed', () => {
    const a = renderLabels('fr');
    expect(renderLabels('fr-BE')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.sources)).toBe(true);
    expect(() => {
      (a as { grade: string }).grade = 'x';
    }).toThrow(TypeError);
    expect(renderLabels('fr').grade).toBe('Note');
  });
});

describe('capitalise', () => {
  it('upper-cases the first letter by the language\'s rules', () => {
    expect(capitalise('awarding body', 'en')).toBe('Awarding body');
    expect(capitalise('ημερομηνία', 'el')).toBe('Ημερομηνία');
    expect(capitalise('όγκος σπουδών', 'el')).toBe('Όγκος σπουδών'); // a capital initial keeps its accent
    expect(capitalise('istanbul', 'tr')).toBe('İstanbul');
    expect(capitalise('istanbul', 'en')).toBe('Istanbul');
    expect(capitalise('проверка', 'bg')).toBe('Проверка');
    expect(capitalise('', 'en')).toBe('');
    expect(capitalise('𝒳y', 'en')).toBe('𝒳y');
    expect(capitalise('grade', 'not a tag!')).toBe('Grade');
    expect(() => capitalise(1 as unknown as string, 'en')).toThrow(TypeError);
    expect(() => capitalise('x', null as unknown as string)).toThrow(TypeError);
  });
});

describe('formatDate', () => {
  const day = '2025-04-04T08:00:00Z';
  it('writes the long date in the language', () => {
    expect(formatDate(day, 'de')).toBe('4. April 2025');
    expect(formatDate(day, 'el')).toBe('4 Απριλίου 2025');
    expect(formatDate(day, 'bg')).toBe('4 април 2025 г.');
    expect(formatDate(day, 'fr')).toBe('4 avril 2025');
    expect(formatDate(day, 'pl')).toBe('4 kwietnia 2025');
    expect(formatDate(day, 'fi')).toBe('4. huhtikuuta 2025');
    expect(formatDate(day, 'en')).toBe('4 April 2025');
    expect(formatDate(day, 'en-US')).toBe('April 4, 2025');
    expect(formatDate(day, 'sr')).toBe('4. april 2025.'); // Latin, as the EU's Serbian labels
  });

  it('accepts plain dates and any RFC 3339 offset, showing the date as written', () => {
    expect(formatDate('2025-04-04', 'de')).toBe('4. April 2025');
    expect(formatDate('2025-04-04T23:30:00-05:00', 'de')).toBe('4. April 2025');
    expect(formatDate('2025-04-05T00:30:00+02:00', 'de')).toBe('5. April 2025');
    expect(formatDate('2024-02-29t10:00:00.123456z', 'de')).toBe('29. Februar 2024');
    expect(formatDate('2016-12-31T23:59:60Z', 'en')).toBe('31 December 2016');
    expect(formatDate('0099-01-01', 'en')).toBe('1 January 99');
  });

  it('refuses anything else with a TypeError', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '2025-04-04T08:00:00', '2025-04-04T24:00:00Z', '2025-04-04T08:00:00+24:00', '4 April 2025', '2025-4-4', '', ' 2025-04-04', `2025-04-04${'0'.repeat(100_000)}`, 'Invalid Date']) {
      expect(() => formatDate(bad, 'de'), bad.slice(0, 30)).toThrow(TypeError);
    }
    for (const bad of [undefined, null, 20250404, new Date(), { toString: () => '2025-04-04' }]) {
      expect(() => formatDate(bad as unknown as string, 'de')).toThrow(/formatDate: iso must be/);
    }
    expect(() => formatDate('2024-02-30', 'de')).toThrow(/not a real date/);
  });

  it('never throws for an odd lang string, and never uses the machine\'s locale or another script', () => {
    for (const odd of ['', 'xx', '!!', 'a'.repeat(10_000), 'ja', 'ar', 'zh-Latn', 'hy', '\u0000']) expect(formatDate(day, odd), odd.slice(0, 10)).toBe('4 April 2025');
    expect(formatDate(day, 'de-u-ca-islamic-nu-arab')).toBe('4. April 2025');
    expect(formatLocale('de-AT-u-nu-thai')).toBe('de-AT');
    expect(() => formatDate(day, 7 as unknown as string)).toThrow(/lang must be a string/);
  });
});

describe('formatNumber, countryName, languageName', () => {
  it('format numbers for the language, in Latin digits', () => {
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'fr')).toBe('1\u202f234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(7.5, 'el')).toBe('7,5');
    expect(formatNumber(1234.5, 'de-u-nu-arab')).toBe('1.234,5');
    expect(formatNumber(0.1 + 0.2, 'en')).toBe('0.3');
    expect(formatNumber(6, 'xx')).toBe('6');
    expect(() => formatNumber('6' as unknown as number, 'en')).toThrow(TypeError);
    expect(() => formatNumber(Number.NaN, 'en')).toThrow(RangeError);
    expect(() => formatNumber(Number.POSITIVE_INFINITY, 'en')).toThrow(RangeError);
  });

  it('name countries in the language, and give back a code they cannot name', () => {
    expect(countryName('GR', 'el')).toBe('Ελλάδα');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('fi', 'fi')).toBe('Suomi');
    expect(countryName('BG', 'bg')).toBe('България');
    expect(countryName('XK', 'en')).toBe('Kosovo');
    expect(countryName('DE', 'ja')).toBe('Germany'); // a script the font lacks: English
    for (const code of ['ZZ', 'EU1', '', 'D', '12', 'ÄÖ', 'x'.repeat(1000)]) expect(countryName(code, 'de')).toBe(code);
    expect(() => countryName(49 as unknown as string, 'de')).toThrow(TypeError);
    expect(() => countryName('DE', undefined as unknown as string)).toThrow(TypeError);
  });

  it('name languages in the language', () => {
    expect(languageName('el', 'de')).toBe('Griechisch');
    expect(languageName('de', 'de')).toBe('Deutsch');
    expect(languageName('bg', 'en')).toBe('Bulgarian');
    expect(languageName('not a tag', 'de')).toBe('not a tag');
    expect(() => languageName({} as unknown as string, 'de')).toThrow(TypeError);
  });
});

describe('labels for every key', () => {
  it('are non-blank single lines in every language', () => {
    for (const lang of RENDER_LANGUAGES) {
      const labels = renderLabels(lang);
      for (const key of LABEL_KEYS as readonly LabelKey[]) {
        expect(labels[key].trim(), `${lang} ${key}`).toBe(labels[key]);
        expect(labels[key], `${lang} ${key}`).toMatch(/\p{L}/u);
        expect(labels[key], `${lang} ${key}`).not.toMatch(/[\n\r<>{}]/);
      }
    }
  });
});

describe('the embedded font', () => {
  it('(Noto Sans Regular and Bold) has a glyph for every character of every label, date and number', async () => {
    const fontkit = (await import('@pdf-lib/fontkit')).default as unknown as { create(bytes: Uint8Array): { hasGlyphForCodePoint(c: number): boolean } };
    const dir = join(root, 'node_modules/@expo-google-fonts/noto-sans');
    const fonts = ['400Regular/NotoSans_400Regular.ttf', '700Bold/NotoSans_700Bold.ttf'].map((f) => fontkit.create(readFileSync(join(dir, f))));
    const texts = new Set<string>();
    for (const lang of RENDER_LANGUAGES) {
      const labels = renderLabels(lang);
      for (const key of LABEL_KEYS) texts.add(capitalise(labels[key], lang));
      for (let month = 1; month <= 12; month += 1) texts.add(formatDate(`2025-${String(month).padStart(2, '0')}-04`, lang));
      texts.add(formatNumber(1234567.891, lang));
    }
    const missing = new Set<string>();
    for (const text of texts) for (const ch of text) for (const font of fonts) if (!font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) missing.add(`U+${(ch.codePointAt(0) ?? 0).toString(16)} in ${JSON.stringify(text)}`);
    expect([...missing]).toEqual([]);
    expect(texts.size).toBeGreaterThan(29 * 20);
  });
});
