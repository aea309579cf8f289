/**
 * The verifier page's own texts, in the languages the EU translates its credential viewer into.
 *
 * Every text other than English is the EU's own, copied verbatim by scripts/gen-web-strings.mjs from
 * the EDC viewer's translation files (EUPL-1.2) or the ELM 3.2 ontology's multilingual labels
 * (CC-BY-4.0), or is the credential picture's label (src/render/labels.ts, taken from the same
 * files), so the page and the picture say the same. The page's own sentences, which the EU files do
 * not have, are English in every language, and so is every text the files do not give in a language:
 * `stringSource` says which. No text here is machine-translated.
 *
 * The texts are shown with their first letter in upper case (`capitalise`, as the picture does: the
 * EU files write some in lower case); `stringOrigin` names the file entry each comes from.
 */
import type { ElementId } from 'eu-micro-credentials';
import { capitalise, type LabelKey, RENDER_LANGUAGES, renderLabels, renderLanguage } from 'eu-micro-credentials/render';
import { ELEMENT_LABEL_DATA, PAGE_STRING_DATA } from './generated/page-strings.js';

/** The name of one text of the page (`pageStrings(lang).verified`). */
export type PageKey = keyof typeof PAGE_STRING_DATA;

/** Every page key, in the generator's order. */
export const PAGE_KEYS: readonly PageKey[] = Object.freeze(Object.keys(PAGE_STRING_DATA) as PageKey[]);

/** The Annex I elements in the order of the Annex: M1–M11 mandatory, O1–O5 optional. */
export const ELEMENT_IDS: readonly ElementId[] = Object.freeze(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'O1', 'O2', 'O3', 'O4', 'O5'] as const);

/** The generated element data, checked against {@link ElementId} both ways. */
const ELEMENTS: { readonly [K in ElementId]: { readonly name: string; readonly render?: LabelKey; readonly texts: Readonly<Record<string, readonly [string, string]>> } } = ELEMENT_LABEL_DATA;
type ExtraElement = Exclude<keyof typeof ELEMENT_LABEL_DATA, ElementId>;
const noExtraElements: [ExtraElement] extends [never] ? true : ExtraElement = true;
void noExtraElements;

const STRINGS: { readonly [K in PageKey]: Readonly<Record<string, readonly [string, string]>> } = PAGE_STRING_DATA;

/**
 * The English names of the Annex I elements (Council Recommendation of 16 June 2022, Annex I, as
 * the library's model names them): the English table, and the fallback of every language.
 */
export const ELEMENT_NAMES: Readonly<Record<ElementId, string>> = Object.freeze(Object.fromEntries(ELEMENT_IDS.map((id) => [id, ELEMENTS[id].name])) as Record<ElementId, string>);

/**
 * The languages the page speaks: those of the credential picture (the 24 official EU languages and
 * Icelandic, Macedonian, Norwegian, Serbian in Latin script, Turkish), English included.
 */
export const PAGE_LANGUAGES: readonly string[] = RENDER_LANGUAGES;

/**
 * The page's language for the browser's preferred languages (`navigator.languages`, best first):
 * the first of them the page speaks, by its whole tag or else its primary subtag (`de-DE` → `de`,
 * `pt-BR` → `pt`), case-insensitive, `_` taken for `-`; `nb` and `nn` (Norwegian Bokmål, Nynorsk)
 * give `no`, the EU's Norwegian (Bokmål), as the picture does; `sr-Cyrl` gives `sr` (Latin script).
 * A language the page does not speak is passed over for the next; none, or no list: `en`.
 *
 * @example
 * pickPageLanguage(['zh-CN', 'de-AT', 'en']); // "de"
 * pickPageLanguage([]);                       // "en"
 */
export function pickPageLanguage(navigatorLanguages: readonly string[]): string {
  if (!Array.isArray(navigatorLanguages)) return 'en';
  for (const tag of navigatorLanguages.slice(0, 64)) {
    if (typeof tag !== 'string') continue;
    const lang = renderLanguage(tag);
    if (lang !== 'en') return lang;
    // renderLanguage says `en` for English and for a language it does not know: only English stops here.
    if (/^\s*en(?:[-_]|\s*$)/i.test(tag)) return 'en';
  }
  return 'en';
}

/** The language a text is looked up in: a page language (`de` for `de-AT`), else `en`. */
function languageOf(lang: string): string {
  if (typeof lang !== 'string') throw new TypeError(`lang must be a string (a BCP 47 language tag), got ${lang === null ? 'null' : typeof lang}`);
  return renderLanguage(lang);
}

/** [origin, text as the file gives it] of a page key or element in a page language. */
function lookup(language: string, key: PageKey | ElementId): readonly [string, string, 'edc' | 'elm' | 'render' | 'en'] {
  if (Object.hasOwn(ELEMENTS, key)) {
    const element = ELEMENTS[key as ElementId];
    if (language !== 'en') {
      if (element.render !== undefined) {
        const labels = renderLabels(language);
        const origin = labels.sources[element.render];
        if (origin !== 'en') return [origin, labels[element.render], 'render'];
      }
      const own = element.texts[language];
      if (own !== undefined) return [own[0], own[1], own[0].startsWith('elm:') ? 'elm' : 'edc'];
    }
    return ['en', element.name, 'en'];
  }
  if (!Object.hasOwn(STRINGS, key)) throw new TypeError(`no page text named ${JSON.stringify(String(key)).slice(0, 80)}`);
  const entry = STRINGS[key as PageKey];
  const own = entry[language];
  if (own !== undefined && own[0] !== 'en') return [own[0], own[1], own[0].startsWith('elm:') ? 'elm' : 'edc'];
  const english = entry.en;
  if (english === undefined) throw new Error(`page strings: no English text for ${key}`); // the generator always writes one
  return ['en', english[1], 'en'];
}

const cache = new Map<string, Readonly<Record<PageKey, string>>>();

/**
 * Every text of the page in `lang` (any BCP 47 tag: `de-AT` gives German), first letter in upper
 * case. A text the EU files do not give in `lang`, and every text of a language the page does not
 * speak, is English. The result is frozen and shared between calls.
 *
 * @throws TypeError when `lang` is not a string.
 * @example
 * pageStrings('de').verified; // "Überprüft"
 * pageStrings('de').genuine;  // "Genuine" (the page's own words: English)
 */
export function pageStrings(lang: string): Readonly<Record<PageKey, string>> {
  const language = languageOf(lang);
  const cached = cache.get(language);
  if (cached !== undefined) return cached;
  const texts = {} as Record<PageKey, string>;
  for (const key of PAGE_KEYS) texts[key] = capitalise(lookup(language, key)[1], language);
  const frozen = Object.freeze(texts);
  cache.set(language, frozen);
  return frozen;
}

/**
 * Where the text `key` (a page key or an Annex I element) shown in `lang` comes from: `edc` (the
 * EDC viewer's translations), `elm` (the ELM 3.2 ontology's labels), `render` (the credential
 * picture's label, itself from one of those) or `en` (English: the page's own words, or no EU text
 * for `lang`).
 *
 * @throws TypeError when `lang` is not a string or `key` names no text.
 * @example
 * stringSource('de', 'verified'); // "edc"
 * stringSource('de', 'M4');       // "render"
 * stringSource('de', 'genuine');  // "en"
 */
export function stringSource(lang: string, key: PageKey | ElementId): 'edc' | 'elm' | 'render' | 'en' {
  return lookup(languageOf(lang), key)[2];
}

/**
 * The file entry the text `key` shown in `lang` is copied from: `edc:<key>` (an EDC viewer i18n
 * key), `elm:<term>` (an ELM 3.2 rdfs:label; for `render` texts the picture label's own entry), or
 * `en` for English.
 *
 * @throws TypeError when `lang` is not a string or `key` names no text.
 * @example
 * stringOrigin('de', 'verified'); // "edc:details.verification-tab.ribbon-correct"
 */
export function stringOrigin(lang: string, key: PageKey | ElementId): string {
  return lookup(languageOf(lang), key)[0];
}

/**
 * The name of an Annex I element in `lang`, first letter in upper case: the EU's text where it names
 * the element (the picture's label for the awarding body, the learning outcomes, the workload, the
 * EQF level, the assessment, the mode of learning, the accreditation, the grade, the learner; the EDC
 * viewer's title, entry requirements, assessment supervision method and more information), else the
 * English name ({@link ELEMENT_NAMES}).
 *
 * @throws TypeError when `lang` is not a string or `id` is not an element.
 * @example
 * elementLabel('M6', 'de'); // "Lernergebnisse"
 * elementLabel('O4', 'de'); // "Integration / stackability options"
 */
export function elementLabel(id: ElementId, lang: string): string {
  if (typeof id !== 'string' || !Object.hasOwn(ELEMENTS, id)) throw new TypeError(`not an Annex I element: ${JSON.stringify(String(id)).slice(0, 80)}`);
  const language = languageOf(lang);
  return capitalise(lookup(language, id)[1], language);
}
