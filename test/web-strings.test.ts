// The verifier page's texts (web/src/strings.ts, web/src/generated/page-strings.ts).
// Oracles: the EU translation files themselves (scripts/data/sd-jwt-vc-labels/, read here
// independently of the generator), the Annex I element names written out by hand from the
// specification's model, and language choices written out by hand.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
// n3 ships no types: the one call used here, typed.
// @ts-expect-error n3 has no declaration file
import { Parser as N3Parser } from 'n3';
import { describe, expect, it } from 'vitest';
import type { ElementId } from 'eu-micro-credentials';
import { capitalise, type LabelKey, RENDER_LANGUAGES, renderLabels } from 'eu-micro-credentials/render';
import { ELEMENT_LABEL_DATA, PAGE_STRING_DATA, PAGE_STRING_LANGUAGES } from '../web/src/generated/page-strings.js';
import { ELEMENT_IDS, ELEMENT_NAMES, elementLabel, PAGE_KEYS, PAGE_LANGUAGES, type PageKey, pageStrings, pickPageLanguage, stringOrigin, stringSource } from '../web/src/strings.js';

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

const ALL_KEYS: readonly (PageKey | ElementId)[] = [...PAGE_KEYS, ...ELEMENT_IDS];
const OTHER_LANGUAGES = PAGE_LANGUAGES.filter((l) => l !== 'en');
const PLAIN = /^[^\n\r\t<>{}]+$/u;

describe('the generated page strings', () => {
  it('are what the generator writes today', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-web-strings.mjs', '--stdout'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'web/src/generated/page-strings.ts'), 'utf8'));
  });

  it('hold, for every non-English entry, the text of the EU file entry its source names, byte for byte', () => {
    let checked = 0;
    const entries: [string, string, readonly [string, string]][] = [];
    for (const [key, byLang] of Object.entries(PAGE_STRING_DATA)) for (const [lang, pair] of Object.entries(byLang)) entries.push([key, lang, pair]);
    for (const [id, element] of Object.entries(ELEMENT_LABEL_DATA)) for (const [lang, pair] of Object.entries(element.texts)) entries.push([id, lang, pair]);
    for (const [key, lang, [source, text]] of entries) {
      if (lang === 'en') {
        expect(source, key).toBe('en');
        continue;
      }
      expect(source, `${lang} ${key}`).toMatch(/^(edc|elm):\S+$/);
      const raw = sourceText(source, lang);
      expect(typeof raw, `${lang} ${key} ${source}`).toBe('string');
      // Copied verbatim; only surrounding white space is dropped (some ontology labels end in a space).
      expect(text, `${lang} ${key}`).toBe((raw as string).trim());
      checked += 1;
    }
    expect(checked).toBe(1003); // measured: 28 languages × (32 page keys + 4 elements with EU texts), less the 4 wrong texts and 1 untranslated copy
  });

  it('cover the page languages, which are the picture\'s 29', () => {
    expect([...PAGE_STRING_LANGUAGES].sort()).toEqual([...RENDER_LANGUAGES].sort());
    expect(PAGE_LANGUAGES).toEqual(RENDER_LANGUAGES);
    expect(PAGE_LANGUAGES).toHaveLength(29);
    expect(Object.keys(ELEMENT_LABEL_DATA)).toEqual([...ELEMENT_IDS]);
  });
});

describe('pageStrings and stringOrigin', () => {
  it('give every key in every page language, plain one-line text, no markup and no placeholder', () => {
    for (const lang of PAGE_LANGUAGES) {
      const texts = pageStrings(lang);
      expect(Object.keys(texts).sort(), lang).toEqual([...PAGE_KEYS].sort());
      for (const key of PAGE_KEYS) {
        expect(texts[key], `${lang} ${key}`).toMatch(PLAIN);
        expect(texts[key], `${lang} ${key}`).toMatch(/\p{L}/u);
        expect(texts[key].trim(), `${lang} ${key}`).toBe(texts[key]);
        expect(texts[key], `${lang} ${key}`).not.toMatch(/&[a-z#0-9]+;|\$\{|%s/i);
      }
      for (const id of ELEMENT_IDS) expect(elementLabel(id, lang), `${lang} ${id}`).toMatch(PLAIN);
    }
  });

  it('show every EU text as its file gives it, first letter in upper case, and say where it came from', () => {
    let checked = 0;
    for (const lang of OTHER_LANGUAGES) {
      const texts = pageStrings(lang);
      for (const key of ALL_KEYS) {
        const shown = ELEMENT_IDS.includes(key as ElementId) ? elementLabel(key as ElementId, lang) : texts[key as PageKey];
        const origin = stringOrigin(lang, key);
        const source = stringSource(lang, key);
        if (origin === 'en') {
          expect(source, `${lang} ${key}`).toBe('en');
          expect(shown, `${lang} ${key}`).toBe(ELEMENT_IDS.includes(key as ElementId) ? ELEMENT_NAMES[key as ElementId] : pageStrings('en')[key as PageKey]);
          continue;
        }
        expect(origin, `${lang} ${key}`).toMatch(/^(edc|elm):\S+$/);
        if (source !== 'render') expect(source, `${lang} ${key}`).toBe(origin.slice(0, 3));
        const raw = sourceText(origin, lang);
        expect(typeof raw, `${lang} ${key} ${origin}`).toBe('string');
        expect(shown, `${lang} ${key}`).toBe(capitalise((raw as string).trim(), lang));
        checked += 1;
      }
    }
    expect(checked).toBe(1003 + 278); // the generated texts, and the elements named by the picture's labels (10 × 28, less its English grade in bg and nl)
  });

  it('fall back to English only where the EU files have no fit text, and say so', () => {
    const fallbacks = new Map<string, string[]>();
    for (const lang of OTHER_LANGUAGES) {
      for (const key of ALL_KEYS) if (stringSource(lang, key) === 'en') fallbacks.set(key, [...(fallbacks.get(key) ?? []), lang]);
    }
    const everywhere = [...fallbacks].filter(([, langs]) => langs.length === OTHER_LANGUAGES.length).map(([key]) => key);
    const some = Object.fromEntries([...fallbacks].filter(([, langs]) => langs.length < OTHER_LANGUAGES.length));
    // The page's own sentences, the two texts the viewer has in English only, and the two elements no EU text names.
    const own = PAGE_KEYS.filter((k) => Object.keys(PAGE_STRING_DATA[k]).length === 1);
    expect(everywhere.sort()).toEqual([...own, 'M3', 'O4'].sort());
    expect(own).toEqual(expect.arrayContaining(['pageTitle', 'genuine', 'notGenuine', 'nothingUploaded', 'signedBy', 'description']));
    expect(some).toEqual({
      verificationFailed: ['lv'], // "Verifikācija netika veikta": "verification was not carried out"
      validFrom: ['ro'], // "Format valabil": "valid format"
      downloadPdf: ['da'], // the English words, untranslated
      language: ['fr', 'ro'], // "Langage", "Limbaj": language as a faculty, not a language
      O3: ['bg', 'nl'], // the picture's grade: "Ниво" (level), "Titel" (title)
    });
    expect(pageStrings('lv').verificationFailed).toBe('Verification failed');
    expect(pageStrings('fr').language).toBe('Language');
    expect(elementLabel('O3', 'nl')).toBe('Grade achieved');
  });

  it('write Greek in Greek, Bulgarian and Macedonian in Cyrillic, Serbian and the rest in Latin script', () => {
    for (const lang of OTHER_LANGUAGES) {
      for (const key of ALL_KEYS) {
        if (stringSource(lang, key) === 'en') continue;
        const text = ELEMENT_IDS.includes(key as ElementId) ? elementLabel(key as ElementId, lang) : pageStrings(lang)[key as PageKey];
        if (lang === 'el') expect(text, `${lang} ${key}`).toMatch(/\p{Script=Greek}/u);
        else if (lang === 'bg' || lang === 'mk') expect(text, `${lang} ${key}`).toMatch(/\p{Script=Cyrillic}/u);
        else expect(text, `${lang} ${key}`).not.toMatch(/[\p{Script=Greek}\p{Script=Cyrillic}]/u);
      }
    }
  });

  it('give the texts a German reader expects, and the English page in English', () => {
    const de = pageStrings('de');
    expect(de.verified).toBe('Überprüft');
    expect(de.verificationFailed).toBe('Überprüfung fehlgeschlagen');
    expect(de.upload).toBe('Zertifikat hochladen');
    expect(de.selectLanguage).toBe('Wählen Sie Ihre Sprache');
    expect(de.validUntil).toBe('Gültig bis');
    expect(de.revocation).toBe('Widerruf');
    expect(de.pictureTitle).toBe('Vorschau Zertifikat');
    expect(de.genuine).toBe('Genuine');
    expect(stringOrigin('de', 'verified')).toBe('edc:details.verification-tab.ribbon-correct');
    expect(stringSource('de', 'genuine')).toBe('en');
    expect(pageStrings('de-DE')).toBe(de);
    expect(pageStrings('DE_at')).toBe(de);
    const en = pageStrings('en');
    expect(en.pageTitle).toBe('Micro-credential verifier');
    expect(en.nothingUploaded).toBe('Nothing leaves your browser: the file is checked on this device.');
    expect(en.verified).toBe('Verified');
    for (const key of PAGE_KEYS) expect(stringSource('en', key), key).toBe('en');
    expect(pageStrings('xx')).toBe(en);
    expect(pageStrings('zh-Hans')).toBe(en);
  });

  it('put the first letter in upper case by the language\'s rules (the files write some in lower case)', () => {
    expect(sourceText('edc:details.verification-tab.ribbon-correct', 'bg')).toBe('проверено');
    expect(pageStrings('bg').verified).toBe('Проверено');
    expect(sourceText('edc:btn.download', 'tr')).toBe('indir');
    expect(pageStrings('tr').download).toBe('İndir');
    expect(pageStrings('es').no).toBe('No');
  });

  it('are frozen, and refuse a language that is not a string or a key that names no text', () => {
    expect(Object.isFrozen(pageStrings('fi'))).toBe(true);
    expect(() => pageStrings(7 as unknown as string)).toThrow(TypeError);
    expect(() => pageStrings(null as unknown as string)).toThrow(/lang must be a string/);
    expect(() => stringSource('de', 'nope' as PageKey)).toThrow(/no page text named "nope"/);
    expect(() => stringOrigin('de', 'toString' as PageKey)).toThrow(TypeError);
    expect(() => elementLabel('M12' as ElementId, 'de')).toThrow(/not an Annex I element/);
    expect(() => elementLabel('M1', undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('the page\'s use of its texts', () => {
  it('names only page texts in index.html (data-i18n), so every word of the page comes through pageStrings', () => {
    const html = readFileSync(join(root, 'web/index.html'), 'utf8');
    const named = [...html.matchAll(/data-i18n(?:-title)?="([^"]*)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(30);
    for (const key of named) expect(PAGE_KEYS, key).toContain(key);
  });

  it('never give a genuine credential that is not in force the plain headline', () => {
    const en = pageStrings('en');
    const headlines = [en.genuineExpired, en.genuineNotYetValid, en.genuineRevoked, en.genuineSuspended];
    expect(headlines).toEqual(['Genuine — but expired', 'Genuine — but not valid yet', 'Genuine — but revoked', 'Genuine — but suspended']);
    expect(new Set([...headlines, en.genuine]).size).toBe(5);
    for (const key of ['genuineExpired', 'notVerified', 'notVerifiedNotSigned', 'kindSdJwtVc', 'skipToResult'] as const) expect(stringSource('de', key), key).toBe('en');
  });
});

describe('elementLabel', () => {
  it('names the 16 Annex I elements in English as the specification\'s model does', () => {
    expect(ELEMENT_NAMES).toEqual({
      M1: 'Identification of the learner',
      M2: 'Title of the micro-credential',
      M3: 'Country(ies)/Region(s) of the issuer',
      M4: 'Awarding body(ies)',
      M5: 'Date of issuing',
      M6: 'Learning outcomes',
      M7: 'Notional workload (in ECTS credits, where possible)',
      M8: 'Level (and cycle) of the learning experience (EQF, QF-EHEA), if applicable',
      M9: 'Type of assessment',
      M10: 'Form of participation in the learning activity',
      M11: 'Type of quality assurance used to underpin the micro-credential',
      O1: 'Prerequisites needed to enrol',
      O2: 'Supervision and identity verification during assessment',
      O3: 'Grade achieved',
      O4: 'Integration / stackability options',
      O5: 'Further information',
    });
    for (const id of ELEMENT_IDS) expect(elementLabel(id, 'en'), id).toBe(ELEMENT_NAMES[id]);
    for (const id of ELEMENT_IDS) expect(elementLabel(id, 'ja'), id).toBe(ELEMENT_NAMES[id]);
  });

  it('says what the picture says where the picture\'s label names the element', () => {
    const RENDERED: Partial<Record<ElementId, LabelKey>> = { M1: 'learner', M4: 'awardingBodies', M5: 'dateOfIssue', M6: 'learningOutcomes', M7: 'workload', M8: 'eqfLevel', M9: 'assessment', M10: 'participation', M11: 'qualityAssurance', O3: 'grade' };
    let same = 0;
    for (const lang of OTHER_LANGUAGES) {
      const labels = renderLabels(lang);
      for (const [id, key] of Object.entries(RENDERED) as [ElementId, LabelKey][]) {
        if (labels.sources[key] === 'en') {
          expect(elementLabel(id, lang), `${lang} ${id}`).toBe(ELEMENT_NAMES[id]);
          continue;
        }
        expect(stringSource(lang, id), `${lang} ${id}`).toBe('render');
        expect(stringOrigin(lang, id), `${lang} ${id}`).toBe(labels.sources[key]);
        expect(elementLabel(id, lang), `${lang} ${id}`).toBe(capitalise(labels[key], lang));
        same += 1;
      }
    }
    expect(same).toBe(278); // 10 elements × 28 languages, less the picture's English grade in bg and nl
  });

  it('gives the names a German reader expects', () => {
    expect(elementLabel('M4', 'de')).toBe('Ausstellende Stelle');
    expect(elementLabel('M6', 'de')).toBe('Lernergebnisse');
    expect(elementLabel('M7', 'de')).toBe('Lernumfang');
    expect(elementLabel('M8', 'de')).toBe('EQR-Niveau');
    expect(elementLabel('O1', 'de')).toBe('Zugangsvoraussetzungen');
    expect(elementLabel('O2', 'de')).toBe('Methoden für Beurteilung, Aufsicht und Identitätsprüfung');
    expect(elementLabel('O3', 'de')).toBe('Note');
    expect(elementLabel('O5', 'de')).toBe('Weitere Informationen');
    expect(elementLabel('M3', 'de')).toBe('Country(ies)/Region(s) of the issuer');
    expect(stringSource('de', 'M3')).toBe('en');
    expect(elementLabel('O1', 'el')).toBe('Απαιτήσεις εισαγωγής');
  });
});

describe('pickPageLanguage', () => {
  it('takes the first preferred language the page speaks, by its whole tag or its primary subtag', () => {
    expect(pickPageLanguage(['de-DE'])).toBe('de');
    expect(pickPageLanguage(['pt-BR', 'en'])).toBe('pt');
    expect(pickPageLanguage(['fr'])).toBe('fr');
    expect(pickPageLanguage(['ga-IE'])).toBe('ga');
    expect(pickPageLanguage(['zh-CN', 'de-AT', 'en'])).toBe('de');
    expect(pickPageLanguage(['en-GB', 'de'])).toBe('en');
    expect(pickPageLanguage(['ja', 'en-US', 'fr'])).toBe('en');
  });

  it('is case-insensitive and takes _ for -', () => {
    expect(pickPageLanguage(['DE-de'])).toBe('de');
    expect(pickPageLanguage(['EL'])).toBe('el');
    expect(pickPageLanguage(['sv_SE'])).toBe('sv');
    expect(pickPageLanguage([' it-IT '])).toBe('it');
  });

  it('gives the EU\'s Norwegian (Bokmål) for nb and nn, and its Latin Serbian for sr-Cyrl', () => {
    expect(pickPageLanguage(['nb-NO'])).toBe('no');
    expect(pickPageLanguage(['nn'])).toBe('no');
    expect(pickPageLanguage(['no'])).toBe('no');
    expect(pickPageLanguage(['sr-Cyrl-RS'])).toBe('sr');
  });

  it('falls back to English for no list, an empty list, or only languages the page does not speak', () => {
    expect(pickPageLanguage([])).toBe('en');
    expect(pickPageLanguage(['zh'])).toBe('en');
    expect(pickPageLanguage(['zh', 'ar', 'xx-YY', '', '!!', 'eng'])).toBe('en');
    expect(pickPageLanguage(undefined as unknown as string[])).toBe('en');
    expect(pickPageLanguage('de' as unknown as string[])).toBe('en');
    expect(pickPageLanguage([7, null, 'fi'] as unknown as string[])).toBe('fi');
    expect(pickPageLanguage(['x'.repeat(100_000), 'lt'])).toBe('lt');
  });
});
