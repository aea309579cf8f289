import { pointerKeys, pointerOf } from '../json/pointer.js';
import type { IssueBase } from '../json/issue.js';
import { ISSUE_CODES, type IssueCode } from './codes.js';

/**
 * The Annex I elements: M1-M11 mandatory, O1-O5 optional. Every issue names the one it concerns.
 *
 * @example
 * const byElement = new Map<ElementId | null, Issue[]>();
 * for (const issue of validate(input).issues) byElement.set(issue.element, [...(byElement.get(issue.element) ?? []), issue]);
 */
export type ElementId =
  | 'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'M6' | 'M7' | 'M8' | 'M9' | 'M10' | 'M11'
  | 'O1' | 'O2' | 'O3' | 'O4' | 'O5';

/**
 * A place in the document as object keys and array indexes from the root: the form `Issue.path`
 * had before 0.2.0. `pointerKeys(issue.path)` gives the keys of a pointer.
 *
 * @deprecated since 0.2.0: `Issue.path` is a JSON Pointer string. `formatPath` still accepts this
 * form in 0.2.x.
 * @example
 * const keys: IssuePath = ['learningOutcomes', 0, 'title', 'en'];
 * formatPath(keys); // 'learningOutcomes[0].title.en'
 */
export type IssuePath = (string | number)[];

/**
 * One finding of the validator: its stable code, severity, place, Annex I element and a message
 * that says what to change.
 *
 * @example
 * const issue: Issue = {
 *   code: 'MC_INVALID_EMAIL',
 *   severity: 'error',
 *   path: '/learner/email',
 *   element: 'M1',
 *   message: '`learner.email` is the value given, not an e-mail address such as "info@example.org".',
 * };
 */
export interface Issue extends IssueBase<IssueCode> {
  /** Stable code, see docs/validation-rules.md and docs/codes.md. */
  code: IssueCode;
  /** `error` makes the document invalid; `warning` does not. */
  severity: 'error' | 'warning';
  /**
   * Where, as a JSON Pointer (RFC 6901) into the document given: `''` is the document itself,
   * `/learningOutcomes/0/title/en` the English title of the first learning outcome.
   * `formatPath(path)` writes it as people read it, `pointerKeys(path)` gives its keys.
   */
  path: string;
  /** The Annex I element concerned, or `null` for fields outside the elements (`id`, `primaryLanguage`). */
  element: ElementId | null;
  /** What is wrong and what to change, in English. */
  message: string;
}

/** Object keys and array indexes from the root: how the rules track a place before it becomes a pointer. */
export type Keys = readonly (string | number)[];

/**
 * The Annex I element of each top-level field of the model.
 *
 * @example
 * ELEMENT_OF_FIELD.workload; // 'M7'
 * ELEMENT_OF_FIELD.furtherInformation; // 'O5'
 */
export const ELEMENT_OF_FIELD: Readonly<Record<string, ElementId>> = Object.freeze({
  learner: 'M1',
  title: 'M2',
  issuer: 'M3',
  awardingBodies: 'M4',
  dateOfIssue: 'M5',
  learningOutcomes: 'M6',
  workload: 'M7',
  level: 'M8',
  assessment: 'M9',
  participation: 'M10',
  qualityAssurance: 'M11',
  prerequisites: 'O1',
  supervision: 'O2',
  grade: 'O3',
  stackability: 'O4',
  furtherInformation: 'O5',
});

/** The Annex I element a path belongs to: the element of its first key. */
export function elementOf(path: Keys): ElementId | null {
  const first = path[0];
  return typeof first === 'string' && Object.hasOwn(ELEMENT_OF_FIELD, first) ? ELEMENT_OF_FIELD[first]! : null;
}

/** Builds an issue at the place `keys` name, with the code's default severity and the place's element. */
export function issue(code: IssueCode, keys: Keys, message: string): Issue {
  return { code, severity: ISSUE_CODES[code].severity, path: pointerOf(keys), element: elementOf(keys), message };
}

/**
 * `learner.nationalId.value`, `learningOutcomes[0].title.en`: a place as people read it (the form
 * messages use). Takes an issue's `path`, a JSON Pointer; a segment of digits is shown as an index.
 * Also takes keys (the `IssuePath` arrays of 0.1), deprecated since 0.2.0.
 *
 * @example
 * formatPath('/learningOutcomes/0/title/en'); // 'learningOutcomes[0].title.en'
 * formatPath('/title/pt-BR'); // 'title["pt-BR"]'
 * formatPath(''); // '(document)'
 */
export function formatPath(path: string | IssuePath): string {
  const keys: Keys = typeof path === 'string' ? pointerKeys(path).map((k) => (/^(0|[1-9]\d*)$/.test(k) ? Number(k) : k)) : path;
  return formatKeys(keys);
}

/** Keys as people read them (see {@link formatPath}). */
export function formatKeys(keys: Keys): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '(document)' : out;
}
