/**
 * The fixed labels of the credential picture, in the languages the EU translates them into.
 *
 * Every text other than English is the EU's own, copied verbatim from the EDC viewer's translation
 * files (EUPL-1.2) or the ELM 3.2 ontology's multilingual labels (CC-BY-4.0) by
 * scripts/gen-render-labels.mjs; a label the EU files do not translate into a language is shown
 * in English (its `sources` entry then says `'en'`). No text here is machine-translated.
 */

/** The names of the fixed labels of the picture. Stable: the layout refers to them by name. */
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

/** Every label key, in the order the picture reads them. */
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
 */
export interface RenderLabels extends Readonly<Record<LabelKey, string>> {
  /** The language the labels were asked for, normalised (`'de'` for `'de-AT'`; `'en'` for an unknown one). */
  readonly lang: string;
  /**
   * Where each text came from: `edc:<key>` (an EDC viewer i18n key), `elm:<term>` (an ELM 3.2
   * ontology rdfs:label), or `en` (the library's English, used where the EU files have no text in
   * `lang`).
   */
  readonly sources: Readonly<Record<LabelKey, string>>;
}

/** The library's English labels: used for English where the EU files have no English text, and as the fallback. */
const ENGLISH: Readonly<Record<LabelKey, string>> = Object.freeze({
  header: 'Certificate of achievement',
  learner: 'Credential owner',
  awardingBodies: 'Awarding body',
  issuer: 'Issuing organisation',
  country: 'Country',
  dateOfIssue: 'Date issued',
  expiryDate: 'Expiry date',
  workload: 'Volume of learning',
  ectsCredits: 'ECTS credit points',
  hours: 'hours',
  creditPoints: 'Credit points',
  eqfLevel: 'EQF level',
  nqfLevel: 'NQF level',
  learningOutcomes: 'Learning outcomes',
  assessment: 'Assessment type',
  participation: 'Mode of learning',
  qualityAssurance: 'Accreditation',
  grade: 'Grade',
  verification: 'Verification',
  footer: 'Credential preview',
});

/** The languages the EU files translate the labels into (BCP 47 primary subtags), English included. */
export const RENDER_LANGUAGES: readonly string[] = Object.freeze([
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'is', 'it',
  'lt', 'lv', 'mk', 'mt', 'nl', 'no', 'pl', 'pt', 'ro', 'sk', 'sl', 'sr', 'sv', 'tr',
]);

const cache = new Map<string, RenderLabels>();

/**
 * The language of `lang` the labels exist in: its primary subtag, lower-cased, when it is one of
 * {@link RENDER_LANGUAGES}; otherwise `'en'`.
 */
export function renderLanguage(lang: string): string {
  if (typeof lang !== 'string') return 'en';
  const primary = /^([A-Za-z]{2,3})(?:[-_]|$)/.exec(lang.trim())?.[1]?.toLowerCase();
  if (primary === undefined) return 'en';
  if (primary === 'nb') return 'no';
  return RENDER_LANGUAGES.includes(primary) ? primary : 'en';
}

/**
 * The picture's labels in `lang` (any BCP 47 tag; `de-AT` gives German). A label the EU files do
 * not translate into `lang`, and every label of a language they do not cover, is English. Never
 * throws; the result is frozen and shared between calls.
 *
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
    texts[key] = ENGLISH[key];
    sources[key] = 'en';
  }
  const labels: RenderLabels = Object.freeze({ ...texts, lang: language, sources: Object.freeze(sources) });
  cache.set(language, labels);
  return labels;
}

/**
 * `text` with its first letter in upper case for `lang` (the EU's labels are sometimes lower case:
 * the ontology's "awarding body"). Leaves the rest alone; an unknown `lang` uses the default rules.
 *
 * @example
 * capitalise('ημερομηνία', 'el'); // "Ημερομηνία"
 */
export function capitalise(text: string, lang: string): string {
  if (typeof text !== 'string') throw new TypeError('capitalise: text must be a string');
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const head = String.fromCodePoint(first);
  let upper: string;
  try {
    upper = head.toLocaleUpperCase(typeof lang === 'string' && lang !== '' ? lang : 'en');
  } catch {
    upper = head.toUpperCase();
  }
  return upper + text.slice(head.length);
}
