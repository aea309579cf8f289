/**
 * The sixteen elements of Annex I of the Council Recommendation of 16 June 2022 on micro-credentials
 * (eleven mandatory, five optional), as a table of readable lines: what the credential says for
 * each, in the chosen language where it carries one, and how many issues were found in it.
 */
import type { ElementId } from 'eu-micro-credentials';
import { type RenderLabels, countryName, formatDate, formatNumber, renderLabels } from 'eu-micro-credentials/render';
import { isObject } from './json.js';
import type { ElementRow, PageIssue } from './types.js';

/** Annex I, in the Recommendation's English words: id, model field, name. */
export const ANNEX_I: readonly { id: ElementId; field: string; name: string }[] = Object.freeze([
  { id: 'M1', field: 'learner', name: 'Identification of the learner' },
  { id: 'M2', field: 'title', name: 'Title of the micro-credential' },
  { id: 'M3', field: 'issuer', name: 'Country(ies)/Region(s) of the issuer' },
  { id: 'M4', field: 'awardingBodies', name: 'Awarding body(ies)' },
  { id: 'M5', field: 'dateOfIssue', name: 'Date of issuing' },
  { id: 'M6', field: 'learningOutcomes', name: 'Learning outcomes' },
  { id: 'M7', field: 'workload', name: 'Notional workload needed to achieve the learning outcomes (in ECTS credits, wherever possible)' },
  { id: 'M8', field: 'level', name: 'Level (and cycle, if applicable) of the learning experience leading to the micro-credential (EQF, QF-EHEA), if applicable' },
  { id: 'M9', field: 'assessment', name: 'Type of assessment' },
  { id: 'M10', field: 'participation', name: 'Form of participation in the learning activity' },
  { id: 'M11', field: 'qualityAssurance', name: 'Type of quality assurance used to underpin the micro-credential' },
  { id: 'O1', field: 'prerequisites', name: 'Prerequisites needed to enrol in the learning activity' },
  { id: 'O2', field: 'supervision', name: 'Type of supervision and identity verification during assessment' },
  { id: 'O3', field: 'grade', name: 'Grade achieved' },
  { id: 'O4', field: 'stackability', name: 'Integration/stackability options' },
  { id: 'O5', field: 'furtherInformation', name: 'Further information' },
] as const);

type Any = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
/** `written-examination` → `written examination` (a code of the model's vocabularies, as words). */
const words = (code: unknown): string | undefined => (typeof code === 'string' ? code.replace(/-/g, ' ') : undefined);

/** Reads values in one language, with fall-backs, never throwing on odd data. */
class Reader {
  /** The picture's labels in the language (the EU's translations): units and level names read as on the picture. */
  readonly labels: RenderLabels;

  constructor(
    readonly lang: string,
    readonly primary: string | undefined,
  ) {
    let labels: RenderLabels;
    try {
      labels = renderLabels(lang);
    } catch {
      labels = renderLabels('en');
    }
    this.labels = labels;
  }

  text(v: unknown): string | undefined {
    if (typeof v === 'string') return str(v);
    if (!isObject(v)) return undefined;
    const entries = Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string');
    const pick = (tag: string | undefined) => (tag === undefined ? undefined : entries.find(([k]) => k.toLowerCase() === tag.toLowerCase())?.[1]);
    return pick(this.lang) ?? pick(this.lang.split('-')[0]) ?? pick(this.primary) ?? pick('en') ?? entries[0]?.[1];
  }

  date(v: unknown): string | undefined {
    if (typeof v !== 'string') return undefined;
    try {
      return formatDate(v, this.lang);
    } catch {
      return v;
    }
  }

  number(v: unknown): string | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    try {
      return formatNumber(v, this.lang);
    } catch {
      return String(v);
    }
  }

  country(v: unknown): string | undefined {
    if (typeof v !== 'string') return undefined;
    try {
      return countryName(v, this.lang);
    } catch {
      return v;
    }
  }

  organisation(v: unknown): string | undefined {
    if (!isObject(v)) return undefined;
    const name = this.text(v.legalName) ?? str(v.id);
    const where = [this.country(v.country), str(v.region)].filter(Boolean).join(', ');
    return [name, where ? `(${where})` : ''].filter(Boolean).join(' ') || undefined;
  }
}

const LINES: Record<string, (v: unknown, r: Reader) => (string | undefined)[]> = {
  learner: (v, r) => {
    if (!isObject(v)) return [];
    const name = str(v.fullName) ?? ([str(v.givenName), str(v.familyName)].filter(Boolean).join(' ') || undefined);
    const nid = isObject(v.nationalId) ? `National ID: ${String(v.nationalId.value)} (${r.country(v.nationalId.country) ?? ''})` : undefined;
    const ids = Array.isArray(v.identifiers) ? v.identifiers.filter(isObject).map((i) => `${String(i.scheme)}: ${String(i.value)}`) : [];
    return [name, v.dateOfBirth !== undefined ? `Born ${r.date(v.dateOfBirth) ?? ''}` : undefined, str(v.id), nid, str(v.email), ...ids];
  },
  title: (v, r) => [r.text(v)],
  issuer: (v, r) => [r.organisation(v)],
  awardingBodies: (v, r) => (Array.isArray(v) ? v.map((o) => r.organisation(o)) : []),
  dateOfIssue: (v, r) => [r.date(v)],
  learningOutcomes: (v, r) => (Array.isArray(v) ? v.filter(isObject).map((o) => [r.text(o.title), o.type !== undefined ? `(${String(o.type)})` : ''].filter(Boolean).join(' ')) : []),
  workload: (v, r) => {
    if (!isObject(v)) return [];
    const L = r.labels;
    const credits = isObject(v.credits) ? `${r.number(v.credits.value) ?? ''} ${L.creditPoints} (${String(v.credits.system)})` : undefined;
    return [v.ects !== undefined ? `${r.number(v.ects) ?? ''} ${L.ectsCredits}` : undefined, v.hours !== undefined ? `${r.number(v.hours) ?? ''} ${v.hours === 1 ? L.hour : L.hours}` : undefined, credits];
  },
  level: (v, r) => {
    if (!isObject(v)) return [];
    return [v.eqf !== undefined ? `${r.labels.eqfLevel}: ${r.number(v.eqf) ?? ''}` : undefined, v.qfEhea !== undefined ? `QF-EHEA: ${words(v.qfEhea) ?? ''}` : undefined, isObject(v.nqf) ? `${r.labels.nqfLevel}: ${r.text(v.nqf.label) ?? ''}` : undefined];
  },
  assessment: (v, r) => {
    if (!isObject(v)) return [];
    const type = isObject(v.type) ? r.text(v.type.label) : words(v.type);
    return [type, v.mode !== undefined ? `Mode: ${words(v.mode) ?? ''}` : undefined, r.text(v.description)];
  },
  participation: (v, r) => {
    if (!isObject(v)) return [];
    const dates = [r.date(v.startDate), r.date(v.endDate)].filter(Boolean).join(' – ');
    return [[words(v.mode), v.setting !== undefined ? `(${words(v.setting) ?? ''})` : ''].filter(Boolean).join(' '), dates || undefined, isObject(v.provider) ? `Provider: ${r.organisation(v.provider) ?? ''}` : undefined];
  },
  qualityAssurance: (v, r) =>
    Array.isArray(v)
      ? v.filter(isObject).map((q) => [r.text(q.title), `(${[words(q.type), str(q.framework)].filter(Boolean).join(', ')})`, isObject(q.agent) ? `by ${r.organisation(q.agent) ?? ''}` : ''].filter(Boolean).join(' '))
      : [],
  prerequisites: (v, r) => [r.text(v)],
  supervision: (v) => [words(v)],
  grade: (v, r) => {
    if (typeof v === 'string') return [v];
    if (!isObject(v)) return [];
    return [[str(v.value), r.text(v.scheme) ? `(${r.text(v.scheme) ?? ''})` : ''].filter(Boolean).join(' '), v.passed === true ? 'Passed' : v.passed === false ? 'Not passed' : undefined];
  },
  stackability: (v, r) => {
    if (!isObject(v)) return [];
    if (v.kind === 'standalone') return ['Stand-alone, independent micro-credential'];
    const towards = Array.isArray(v.towards) ? v.towards.filter(isObject).map((t) => `Stackable towards: ${r.text(t.title) ?? str(t.url) ?? str(t.id) ?? ''}`) : [];
    return towards.length > 0 ? towards : [words(v.kind)];
  },
  furtherInformation: (v, r) => {
    if (!isObject(v)) return [];
    const links = Array.isArray(v.links) ? v.links.filter(isObject).map((l) => [r.text(l.title), str(l.url)].filter(Boolean).join(': ')) : [];
    return [r.text(v.note), v.validUntil !== undefined ? `${r.labels.expiryDate}: ${r.date(v.validUntil) ?? ''}` : undefined, ...links];
  },
};

/** The table: one row per Annex I element, from a model (whole or partial) or nothing. */
export function elementRows(value: unknown, lang: string, issues: readonly PageIssue[]): ElementRow[] {
  const mc: Any = isObject(value) ? value : {};
  const reader = new Reader(lang, str(mc.primaryLanguage));
  return ANNEX_I.map(({ id, field, name }) => {
    const v = mc[field];
    let lines: string[] = [];
    try {
      lines = v === undefined || v === null ? [] : LINES[field]!(v, reader).filter((l): l is string => typeof l === 'string' && l.trim() !== '');
    } catch {
      lines = [];
    }
    return { id, mandatory: id.startsWith('M'), field, name, lines, present: lines.length > 0, issueCount: issues.filter((i) => i.element === id).length };
  });
}
