/**
 * The model's values and the rulebook's codes, both ways, and the small helpers the mapping shares:
 * texts in one language, dates as written, the issue of a value not carried.
 */
import type { ElementId } from '../../rules/issue.js';
import type { AssessmentType, LangString, ParticipationMode, QualityAssuranceType, Supervision } from '../../model/types.js';
import { pointerSegment } from '../../json/pointer.js';
import { sdJwtVcIssue, type SdJwtVcIssue, type SdJwtVcIssueCode } from '../codes.js';
import { RULEBOOK_CLAIM } from '../rulebook.js';

/** A model value written as the nearest rulebook code (`SDJWT_VALUE_MAPPED`), and back. */
export interface CodeMap<Model extends string> {
  /** Model value → rulebook code, when the two differ. */
  readonly toCode: ReadonlyMap<Model, string>;
  /** Rulebook code → model value, when the two differ. */
  readonly toModel: ReadonlyMap<string, Model>;
}

function codeMap<Model extends string>(pairs: readonly (readonly [Model, string])[]): CodeMap<Model> {
  return { toCode: new Map(pairs), toModel: new Map(pairs.map(([m, c]) => [c, m])) };
}

/**
 * M9: the EDC assessment types the rulebook writes otherwise. `written-examination`,
 * `oral-examination`, `practical-assessment` and `peer-assessment` are the same word in both; the
 * other EDC types are written as they are, as issuer-defined values.
 */
export const ASSESSMENT_CODES = codeMap<AssessmentType>([
  ['portfolio', 'portfolio-assessment'],
  ['project-work', 'project-assessment'],
]);

/** M10: `onsite` is the rulebook's `on-site`; the model's other modes are issuer-defined values. */
export const PARTICIPATION_CODES = codeMap<ParticipationMode>([['onsite', 'on-site']]);

/**
 * M11: the nearest rulebook code of a quality-assurance type. Programme and institutional quality
 * assurance are written as programme and institutional accreditation; licences and internal quality
 * assurance have no code and are written as they are (issuer-defined). `national-quality-agency` and
 * `sectoral-quality-assurance` have no model type: they are not read.
 */
export const QUALITY_ASSURANCE_CODES = codeMap<QualityAssuranceType>([
  ['institutional-quality-assurance', 'institutional-accreditation'],
  ['programme-quality-assurance', 'programme-accreditation'],
]);

/**
 * O2: supervision as the rulebook's `idVerificationMethod`. Supervised online with identity
 * verification is a proctored online exam; supervised on site with it, in-person supervision. The
 * other values (no identity verification, or unsupervised with it) have no code and are written as
 * they are. `identity-verified-remote-exam` says nothing of supervision: it is not read.
 */
export const SUPERVISION_CODES = codeMap<Supervision>([
  ['supervised-online-id-verification', 'proctored-online-exam'],
  ['supervised-onsite-id-verification', 'in-person-supervision'],
]);

/** Collects the issues of one mapping run. */
export class Findings {
  readonly issues: SdJwtVcIssue[] = [];
  /** How many of `issues` are errors. */
  errors = 0;
  constructor(private readonly where: SdJwtVcIssue['in']) {}

  add(code: SdJwtVcIssueCode, severity: 'error' | 'warning', path: string, element: ElementId | null, message: string): void {
    if (severity === 'error') this.errors++;
    this.issues.push(sdJwtVcIssue(code, severity, path, element, message, this.where));
  }

  warn(code: SdJwtVcIssueCode, path: string, element: ElementId | null, message: string): void {
    this.add(code, 'warning', path, element, message);
  }

  /** `SDJWT_VALUE_NOT_CARRIED` for the value at `path`. */
  lost(path: string, element: ElementId | null, message: string): void {
    this.warn('SDJWT_VALUE_NOT_CARRIED', path, element, message);
  }
}

/** The Annex I element of a claim, from the rulebook table. */
export function elementOf(claim: string): ElementId | null {
  return RULEBOOK_CLAIM.get(claim)?.element ?? null;
}

/** `path` + `/key`, escaped (RFC 6901). */
export function at(path: string, ...keys: (string | number)[]): string {
  return path + keys.map(pointerSegment).join('');
}

/**
 * The one string a claim takes for a text: a plain string as it is; from a language map, the text
 * in the primary language, else the first one. Every other language is reported not carried, and
 * so is the language of the text chosen when it is not the primary one.
 */
export function oneText(text: LangString, primary: string, path: string, element: ElementId | null, claim: string, found: Findings): string {
  if (typeof text === 'string') return text;
  const keys = Object.keys(text);
  const chosen = Object.hasOwn(text, primary) ? primary : keys[0]!;
  for (const key of keys) {
    const message =
      key === chosen
        ? `\`${claim}\` has this text, but not its language \`${key}\`: the model has no text in the primary language \`${primary}\`, and a claim is one string with no language.`
        : `The text in \`${key}\` is not carried: \`${claim}\` is one string, in the primary language \`${primary}\`.`;
    if (key !== primary) found.lost(at(path, key), element, message);
  }
  return text[chosen]!;
}

/** The calendar date of an RFC 3339 date-time as written (its first ten characters). */
export function dateAsWritten(dateTime: string): string {
  return dateTime.slice(0, 10);
}

/** A value quoted in a message: at most 60 characters. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Array.isArray(value) ? 'an array' : typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A fresh `urn:uuid:` from the platform's Web Crypto. */
export function randomUrn(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}
