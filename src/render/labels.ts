/**
 * The fixed labels of the credential picture, in the languages the EU translates them into.
 *
 * Every text other than English is the EU's own, copied verbatim from the EDC viewer's translation
 * files (EUPL-1.2) or the ELM 3.2 ontology's multilingual labels (CC-BY-4.0) by
 * scripts/gen-render-labels.mjs; a label the EU files do not translate into a language is shown
 * in English (its `sources` entry then says `'en'`). The English labels are the library's own, in
 * the EU's English terms. No text here is machine-translated.
 */
import { RENDER_LABEL_DATA, RENDER_LABEL_LANGUAGES } from '../generated/render-labels.js';

/**
 * The names of the fixed labels of the picture. Stable: the layout refers to them by name.
 *
 * @example
 * const key: LabelKey = 'learningOutcomes';
 * renderLabels('de')[key]; // the EU's German label
 */
export type LabelKey =
  /** The heading above the credential's title. */
  | 'header'
  /** The label before the learner's name. */
  | 'learner'
  /** The label before the awarding bodies. */
  | 'awardingBodies'
  /** The issuing organisation. */
  | 'issuer'
  /** The label before a country (the awarding body's country). */
  | 'country'
  /** The date the credential was issued (awarded). */
  | 'dateOfIssue'
  /** The date the credential expires. */
  | 'expiryDate'
  /** The volume of learning (notional workload). */
  | 'workload'
  /** The unit after a number of ECTS credits. */
  | 'ectsCredits'
  /** The unit after a number of hours. */
  | 'hours'
  /** The unit after the number 1 of hours (the EDC viewer's singular). */
  | 'hour'
  /** Credit points of a system other than ECTS. */
  | 'creditPoints'
  /** The EQF level. */
  | 'eqfLevel'
  /** The national qualifications framework level. */
  | 'nqfLevel'
  /** The learning outcomes. */
  | 'learningOutcomes'
  /** The type of assessment. */
  | 'assessment'
  /** The form of participation (mode of learning). */
  | 'participation'
  /** Quality assurance (accreditation). */
  | 'qualityAssurance'
  /** The grade. */
  | 'grade'
  /** The verification line (the issuer's URL where the credential can be checked). */
  | 'verification'
  /** The footer: what the document is (a picture of a credential), not who issued it. */
  | 'footer';

/**
 * Every label key, in the order the picture reads them.
 *
 * @example
 * for (const key of LABEL_KEYS) console.log(key, renderLabels('fi')[key]);
 */
export const LABEL_KEYS: readonly LabelKey[] = Object.freeze([
  'header',
  'learner',
  'awardingBodies',
  'issuer',
  'country',
  'dateOfIssue',
  'expiryDate',
  'workload',
  'ectsCredits',
  'hours',
  'hour',
  'creditPoints',
  'eqfLevel',
  'nqfLevel',
  'learningOutcomes',
  'assessment',
  'participation',
  'qualityAssurance',
  'grade',
  'verification',
  'footer',
] as const);

/**
 * The labels of the picture in one language: one text per {@link LabelKey}, the language they are
 * for, and where each text came from.
 *
 * @example
 * const labels: RenderLabels = renderLabels('el');
 * labels.sources.learningOutcomes; // 'edc:details.achievements-tab.learningOutcomes'
 */
export interface RenderLabels extends Readonly<Record<LabelKey, string>> {
  /** The language the labels were asked for, normalised (`'de'` for `'de-AT'`; `'en'` for an unknown one). */
  readonly lang: string;
  /**
   * Where each text came from: `edc:<key>` (an EDC viewer i18n key), `elm:<term>` (an ELM 3.2
   * ontology rdfs:label), or `en` for the library's own English: every English label, and the
   * English used where the EU files have no fit text in `lang`.
   */
  readonly sources: Readonly<Record<LabelKey, string>>;
}

/** The labels by key, then language: [source, text]. Checked against {@link LabelKey} both ways. */
const DATA: { readonly [K in LabelKey]: Readonly<Record<string, readonly [string, string]>> } = RENDER_LABEL_DATA;
type Extra = Exclude<keyof typeof RENDER_LABEL_DATA, LabelKey>;
const noExtraKeys: [Extra] extends [never] ? true : Extra = true;
void noExtraKeys;

/**
 * The languages the EU files translate the labels into (BCP 47 primary subtags as the files name
 * them), English included: the 24 official EU languages and Icelandic, Macedonian, Norwegian,
 * Serbian (Latin script) and Turkish.
 *
 * @example
 * RENDER_LANGUAGES.includes('bg'); // true
 */
export const RENDER_LANGUAGES: readonly string[] = Object.freeze([...RENDER_LABEL_LANGUAGES]);

const cache = new Map<string, RenderLabels>();

/**
 * The language the labels are given in for `lang` (any BCP 47 tag, case-insensitive, `_` accepted
 * for `-`): its primary subtag when the EU files translate into it, else `'en'`. `nb` (Bokmål) and
 * `nn` (Nynorsk) give `no`, the EU's Norwegian (in Bokmål, which Unicode CLDR also treats as the
 * parent of both); `sr-Cyrl` gives `sr`, whose EU labels are in Latin script.
 *
 * @throws TypeError when `lang` is not a string.
 * @example
 * renderLanguage('de-AT'); // "de"
 * renderLanguage('nb-NO'); // "no"
 * renderLanguage('zz');    // "en"
 */
export function renderLanguage(lang: string): string {
  if (typeof lang !== 'string') throw new TypeError(`lang must be a string (a BCP 47 language tag), got ${lang === null ? 'null' : typeof lang}`);
  const primary = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$/.exec(lang.length > 256 ? '' : lang)?.[1]?.toLowerCase();
  if (primary === undefined) return 'en';
  if (primary === 'nb' || primary === 'nn') return RENDER_LANGUAGES.includes('no') ? 'no' : 'en';
  return RENDER_LANGUAGES.includes(primary) ? primary : 'en';
}

/**
 * The picture's labels in `lang` (any BCP 47 tag; `de-AT` gives German; see {@link renderLanguage}).
 * A label the EU files do not translate into `lang`, and every label of a language they do not
 * cover, is English. Never throws for a string; the result is frozen and shared between calls.
 *
 * @throws TypeError when `lang` is not a string.
 * @example
 * renderLabels('de').grade; // "Note"
 * renderLabels('xx').lang;  // "en"
 */
export function renderLabels(lang: string): RenderLabels {
  const language = renderLanguage(lang);
  const cached = cache.get(language);
  if (cached !== undefined) return cached;
  const sources = {} as Record<LabelKey, string>;
  const texts = {} as Record<LabelKey, string>;
  for (const key of LABEL_KEYS) {
    const own = DATA[key][language];
    const english = DATA[key].en;
    if (english === undefined) throw new Error(`render labels: no English text for ${key}`); // the generator always writes one
    sources[key] = own?.[0] ?? 'en';
    texts[key] = (own ?? english)[1];
  }
  const labels: RenderLabels = Object.freeze({ ...texts, lang: language, sources: Object.freeze(sources) });
  cache.set(language, labels);
  return labels;
}

/**
 * `text` with its first letter in upper case for `lang` (the EU's labels are sometimes lower case:
 * the ontology's "awarding body"). Leaves the rest alone; a tag the runtime rejects uses the
 * default rules.
 *
 * @throws TypeError when `text` or `lang` is not a string.
 * @example
 * capitalise('ημερομηνία', 'el'); // "Ημερομηνία"
 */
export function capitalise(text: string, lang: string): string {
  if (typeof text !== 'string') throw new TypeError(`capitalise: text must be a string, got ${text === null ? 'null' : typeof text}`);
  if (typeof lang !== 'string') throw new TypeError(`capitalise: lang must be a string (a BCP 47 language tag), got ${lang === null ? 'null' : typeof lang}`);
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  let upper: string;
  try {
    // Greek's own rules are for words in capitals (they drop the accent: "όγκος" → "ΟΓΚΟΣ"); a
    // capital initial keeps it ("Όγκος"), which the root rules give.
    const rules = lang.length > 0 && lang.length <= 128 && !/^el(?:-|$)/i.test(lang) ? lang : 'en';
    upper = head.toLocaleUpperCase(rules);
  } catch {
    upper = head.toUpperCase();
  }
  return upper + text.slice(head.length);
}
