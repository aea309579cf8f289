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
 * A place in the document: object keys and array indexes from the root.
 *
 * @example
 * const path: IssuePath = ['learningOutcomes', 0, 'title', 'en'];
 * formatPath(path); // 'learningOutcomes[0].title.en'
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
 *   path: ['learner', 'email'],
 *   element: 'M1',
 *   message: '`learner.email` is the value given, not an e-mail address such as "info@example.org".',
 * };
 */
export interface Issue {
  /** Stable code, see docs/validation-rules.md. */
  code: IssueCode;
  /** `error` makes the document invalid; `warning` does not. */
  severity: 'error' | 'warning';
  /** Where: object keys and array indexes from the root (`[]` is the document itself). */
  path: IssuePath;
  /** The Annex I element concerned, or `null` for fields outside the elements (`id`, `primaryLanguage`). */
  element: ElementId | null;
  /** What is wrong and what to change, in English. */
  message: string;
}

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
export function elementOf(path: IssuePath): ElementId | null {
  const first = path[0];
  return typeof first === 'string' && Object.hasOwn(ELEMENT_OF_FIELD, first) ? ELEMENT_OF_FIELD[first]! : null;
}

/** Builds an issue with the code's default severity and the path's element. */
export function issue(code: IssueCode, path: IssuePath, message: string): Issue {
  return { code, severity: ISSUE_CODES[code].severity, path, element: elementOf(path), message };
}

/**
 * `learner.nationalId.value`, `learningOutcomes[0].title.en`: a path as users read it.
 *
 * @example
 * formatPath(['learningOutcomes', 0, 'title', 'en']); // 'learningOutcomes[0].title.en'
 * formatPath(['title', 'pt-BR']); // 'title["pt-BR"]'
 * formatPath([]); // '(document)'
 */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? '(document)' : out;
}
