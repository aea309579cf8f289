/**
 * The codes of the Open Badges 3.0 mapping, reading and validation (`OB3_`), and the issue shape
 * they are reported in.
 */
import type { IssueBase } from '../json/issue.js';
import type { IssueCode } from '../rules/codes.js';
import type { ElementId } from '../rules/issue.js';

/**
 * Codes of `toOpenBadge`, `fromOpenBadge`, `validateOpenBadge`, `bakeBadge` and `unbakeBadge`, with
 * their meaning (docs/ob3.md explains them).
 *
 * @example
 * OB3_CODES.OB3_NOT_A_BADGE; // "The document is not an Open Badges 3.0 credential…"
 */
export const OB3_CODES = {
  OB3_NOT_A_BADGE: 'The document is not an Open Badges 3.0 credential (no `OpenBadgeCredential` or `AchievementCredential` type, or no `credentialSubject`).',
} as const;

/**
 * A code of the Open Badges 3.0 functions (a key of `OB3_CODES`).
 *
 * @example
 * const code: Ob3IssueCode = 'OB3_NOT_A_BADGE';
 */
export type Ob3IssueCode = keyof typeof OB3_CODES;

/**
 * An issue of the Open Badges 3.0 functions. `in` says which document `path` points into.
 *
 * @example
 * const issue: Ob3Issue = {
 *   code: 'OB3_NOT_A_BADGE',
 *   severity: 'error',
 *   path: '/type',
 *   element: null,
 *   message: 'The document is not an Open Badges 3.0 credential: its `type` names neither OpenBadgeCredential nor AchievementCredential.',
 *   in: 'ob3',
 * };
 */
export interface Ob3Issue extends IssueBase<Ob3IssueCode | IssueCode> {
  /** Stable code: an `OB3_` code, or an `MC_` code of the model's validation. docs/codes.md lists them. */
  code: Ob3IssueCode | IssueCode;
  severity: 'error' | 'warning';
  /** Where, as a JSON Pointer (RFC 6901) into the document `in` names; `''` is the document itself. */
  path: string;
  /** The Annex I element concerned, or `null`. */
  element: ElementId | null;
  message: string;
  /** `model`: the path is in the micro-credential; `ob3`: in the Open Badges document. */
  in: 'model' | 'ob3';
}

/** An issue at a place of the Open Badges document. */
export function ob3Issue(code: Ob3IssueCode, severity: 'error' | 'warning', path: string, element: ElementId | null, message: string): Ob3Issue {
  return { code, severity, path, element, message, in: 'ob3' };
}
