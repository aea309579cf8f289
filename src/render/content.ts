/**
 * What the picture says, before where it goes: the credential's texts in the page's language,
 * the learner as named or identified, and the facts of the right-hand column with their labels.
 */
import {
  ASSESSMENT_TYPE,
  LEARNING_MODE,
  LEARNING_SETTING,
} from '../generated/elm-vocabularies.js';
import type { LangString, MicroCredential, Organisation } from '../model/types.js';
import { conceptOf } from '../vocab/lookup.js';
import { countryName, formatDate, formatLocale, formatNumber } from './format.js';
import { capitalise, type LabelKey, type RenderLabels } from './labels.js';
import { assertRenderable } from './options.js';

/** A text and the language it is in. */
export interface Localised {
  text: string;
  lang: string;
}

const primaryOf = (tag: string) => tag.toLowerCase().split(/[-_]/)[0]!;

/**
 * The key of `value` that best matches `lang`: the same tag (in any case), then the tag with its
 * last subtags cut off (BCP 47 lookup: `pt-PT` finds `pt` before a sibling `pt-BR`), then any tag of
 * the same primary language.
 */
function matchKey(keys: readonly string[], lang: string): string | undefined {
  const exact = keys.find((k) => k === lang);
  if (exact !== undefined) return exact;
  const subtags = lang.toLowerCase().split(/[-_]/);
  for (let n = subtags.length; n > 0; n--) {
    const prefix = subtags.slice(0, n).join('-');
    const found = keys.find((k) => k.toLowerCase().replace(/_/g, '-') === prefix);
    if (found !== undefined) return found;
  }
  return keys.find((k) => primaryOf(k) === primaryOf(lang));
}

/**
 * A LangString in `lang`: its text in that language, else in the credential's primary language,
 * else its first text. A plain string is in the primary language.
 *
 * @example
 * pick({ en: 'Data literacy', el: 'Ψηφιακός γραμματισμός' }, 'el', 'en'); // { text: 'Ψηφιακός γραμματισμός', lang: 'el' }
 */
export function pick(value: LangString, lang: string, primary: string): Localised {
  if (typeof value === 'string') return { text: value, lang: primary };
  const keys = Object.keys(value);
  const key = matchKey(keys, lang) ?? matchKey(keys, primary) ?? keys[0];
  return key === undefined ? { text: '', lang: primary } : { text: value[key] ?? '', lang: key };
}

/** The LangStrings the picture shows. */
function shownTexts(mc: MicroCredential): LangString[] {
  const out: LangString[] = [mc.title, mc.issuer.legalName, ...mc.awardingBodies.map((b) => b.legalName), ...mc.learningOutcomes.map((o) => o.title)];
  if (mc.level?.nqf) out.push(mc.level.nqf.label);
  if (typeof mc.assessment.type === 'object') out.push(mc.assessment.type.label);
  out.push(...mc.qualityAssurance.map((q) => q.title));
  if (typeof mc.grade === 'object' && mc.grade.scheme !== undefined) out.push(mc.grade.scheme);
  return out;
}

/**
 * The languages to draw a credential in: its primary language first, then every other language its
 * shown texts carry, in the order they first appear. Without a `primaryLanguage`, `en` comes first
 * only when some text is a plain string (which is then English) or has an English version.
 * Throws a TypeError when `mc` is not a valid micro-credential.
 *
 * @example
 * credentialLanguages({ ...mc, primaryLanguage: 'el', title: { el: 'Τίτλος', en: 'Title' } }); // ['el', 'en']
 */
export function credentialLanguages(mc: MicroCredential): string[] {
  mc = assertRenderable(mc, 'credentialLanguages');
  const texts = shownTexts(mc);
  const seen = new Map<string, string>();
  const add = (tag: string) => {
    if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  };
  if (mc.primaryLanguage !== undefined) add(mc.primaryLanguage);
  else if (texts.some((t) => typeof t === 'string' || Object.keys(t).some((k) => primaryOf(k) === 'en'))) add('en');
  for (const t of texts) if (typeof t !== 'string') for (const k of Object.keys(t)) add(k);
  return seen.size > 0 ? [...seen.values()] : ['en'];
}

/**
 * The learner as the picture names them: the full name, else given and family name, else the
 * identifier the credential holds (id, national identifier, a schemed identifier, email).
 */
export function learnerText(mc: MicroCredential): string {
  const l = mc.learner;
  if (l.fullName !== undefined && l.fullName.trim() !== '') return l.fullName;
  const name = [l.givenName, l.familyName].filter((p) => p !== undefined && p.trim() !== '').join(' ');
  if (name !== '') return name;
  if (l.id !== undefined) return l.id;
  if (l.nationalId !== undefined) return `${l.nationalId.value} (${l.nationalId.country})`;
  const first = l.identifiers?.[0];
  if (first !== undefined) return `${first.scheme} ${first.value}`;
  return l.email ?? '';
}

/** An organisation with its country in the page's language: `Name (Country)`. */
export function organisationText(o: Organisation, lang: string, primary: string): string {
  return `${pick(o.legalName, lang, primary).text} (${countryName(o.country, lang)})`;
}

/** One fact of the right-hand column: a label and its value. */
export interface Fact {
  /** The label's key, or 'qfEhea' (a name of its own, the same in every language). */
  key: LabelKey | 'qfEhea';
  label: string;
  value: string;
  /** The language of the value when it is a single text of the credential or an English concept label. */
  lang?: string | undefined;
}

const CYCLES = { 'short-cycle': 'Short cycle', 'first-cycle': 'First cycle', 'second-cycle': 'Second cycle', 'third-cycle': 'Third cycle' } as const;

/** Whether `n` takes the singular in `lang` (`1 hour`, `1 Stunde`; French also `1,5 heure`): the EU gives a singular and a plural. */
function pluralOne(n: number, lang: string): boolean {
  try {
    return new Intl.PluralRules(formatLocale(lang)).select(n) === 'one';
  } catch {
    return n === 1;
  }
}

function workloadText(mc: MicroCredential, lang: string, labels: RenderLabels): string {
  const w = mc.workload;
  const parts: string[] = [];
  if (w.ects !== undefined) parts.push(`${formatNumber(w.ects, lang)} ${labels.ectsCredits}`);
  if (w.hours !== undefined) parts.push(`${formatNumber(w.hours, lang)} ${pluralOne(w.hours, lang) ? labels.hour : labels.hours}`);
  if (w.credits !== undefined) {
    const system = w.credits.system === 'ECVET' ? 'ECVET' : w.credits.system;
    parts.push(`${formatNumber(w.credits.value, lang)} ${labels.creditPoints} (${system})`);
  }
  return parts.join(' · ');
}

function levelFacts(mc: MicroCredential, lang: string, primary: string, labels: RenderLabels): Fact[] {
  const level = mc.level;
  if (level === undefined) return [];
  const out: Fact[] = [];
  if (level.eqf !== undefined) out.push({ key: 'eqfLevel', label: labels.eqfLevel, value: formatNumber(level.eqf, lang) });
  if (level.qfEhea !== undefined) out.push({ key: 'qfEhea', label: 'QF-EHEA', value: CYCLES[level.qfEhea], lang: 'en' });
  if (level.nqf !== undefined) {
    const nqf = pick(level.nqf.label, lang, primary);
    out.push({ key: 'nqfLevel', label: labels.nqfLevel, value: nqf.text, lang: nqf.lang });
  }
  return out;
}

function assessmentFact(mc: MicroCredential, lang: string, primary: string, labels: RenderLabels): Fact {
  const { type, mode } = mc.assessment;
  const typeText = typeof type === 'string' ? { text: capitalise(conceptOf(ASSESSMENT_TYPE, type).label, 'en'), lang: 'en' } : pick(type.label, lang, primary);
  const modeText = mode === undefined ? '' : ` (${conceptOf(LEARNING_MODE, mode).label})`;
  return { key: 'assessment', label: labels.assessment, value: `${typeText.text}${modeText}`, lang: typeText.lang };
}

function participationFact(mc: MicroCredential, labels: RenderLabels): Fact {
  const { mode, setting } = mc.participation;
  const settingConcept = setting === undefined ? undefined : conceptOf(LEARNING_SETTING, setting);
  const settingText = settingConcept === undefined ? '' : ` · ${capitalise(settingConcept.label, 'en')}`;
  return { key: 'participation', label: labels.participation, value: `${conceptOf(LEARNING_MODE, mode).label}${settingText}`, lang: 'en' };
}

function gradeFact(mc: MicroCredential, lang: string, primary: string, labels: RenderLabels): Fact | undefined {
  const grade = mc.grade;
  if (grade === undefined) return undefined;
  if (typeof grade === 'string') return { key: 'grade', label: labels.grade, value: grade };
  const scheme = grade.scheme === undefined ? '' : ` (${pick(grade.scheme, lang, primary).text})`;
  return { key: 'grade', label: labels.grade, value: `${grade.value}${scheme}` };
}

/**
 * More than any box of the page can show (the layout reads no further): a list joined into one
 * text stops once longer, and ends in an ellipsis so that the cut stays visible.
 */
const MAX_JOINED = 200_000;

/** `parts` joined by `separator`, as far as a page can show them: cut after {@link MAX_JOINED} code units, with an ellipsis. */
function joinStart(parts: readonly string[], separator: string): string {
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    text += (i > 0 ? separator : '') + parts[i]!;
    if (text.length > MAX_JOINED && i < parts.length - 1) return `${text} \u2026`;
  }
  return text;
}

/**
 * The facts of the right-hand column, in reading order: the issuer (when it is not an awarding
 * body), workload, level, assessment, participation, quality assurance, grade and expiry date.
 */
export function credentialFacts(mc: MicroCredential, lang: string, labels: RenderLabels): Fact[] {
  const primary = mc.primaryLanguage ?? 'en';
  const facts: Fact[] = [];
  if (!mc.awardingBodies.some((b) => b.id === mc.issuer.id)) facts.push({ key: 'issuer', label: labels.issuer, value: organisationText(mc.issuer, lang, primary) });
  facts.push({ key: 'workload', label: labels.workload, value: workloadText(mc, lang, labels) });
  facts.push(...levelFacts(mc, lang, primary, labels));
  facts.push(assessmentFact(mc, lang, primary, labels));
  facts.push(participationFact(mc, labels));
  const qa = mc.qualityAssurance.map((q) => pick(q.title, lang, primary));
  facts.push({ key: 'qualityAssurance', label: labels.qualityAssurance, value: joinStart(qa.map((q) => q.text), ' · '), lang: qa.length === 1 ? qa[0]!.lang : undefined });
  const grade = gradeFact(mc, lang, primary, labels);
  if (grade) facts.push(grade);
  const until = mc.furtherInformation?.validUntil;
  if (until !== undefined) facts.push({ key: 'expiryDate', label: labels.expiryDate, value: formatDate(until, lang) });
  return facts;
}
