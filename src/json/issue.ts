/**
 * The one shape of every finding the library reports: the model's validator, the ELM mapping and
 * validator, credential and presentation verification, stacks, the EDC seal verifier and the CLI's
 * JSON output all extend it with fields of their own (`element`, `focusNode`, `shape`, `signature`…).
 */

/**
 * How much a finding weighs: `error` makes the result fail; `warning` does not; `info` only informs.
 *
 * @example
 * const blocking = (issues: readonly IssueBase[]) => issues.filter((i) => i.severity === 'error');
 */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A finding: its stable code, severity, place and message.
 *
 * @example
 * const issue: IssueBase = {
 *   code: 'MC_INVALID_EMAIL',
 *   severity: 'error',
 *   path: '/learner/email',
 *   message: '`learner.email` is the value given, not an e-mail address such as "info@example.org".',
 * };
 */
export interface IssueBase<Code extends string = string> {
  /**
   * Stable code, prefixed by its family: `MC_` (the model), `ELM_` (ELM mapping and validation),
   * `EBSI_` (EBSI's schemas), `OB3_` (Open Badges 3.0), `SDJWT_` (SD-JWT VC), `STATUS_` (status lists), `VC_` (signatures and presentations), `EDC_SEAL_` (EDC seals),
   * `EUMC_` (the command line). docs/codes.md lists them all.
   */
  code: Code;
  /** `error` makes the document fail; `warning` does not; `info` only informs. */
  severity: Severity;
  /**
   * Where, as a JSON Pointer (RFC 6901) into the document the caller gave: `''` is the document
   * itself, `/learningOutcomes/0/title` the title of its first learning outcome.
   */
  path: string;
  /** What is wrong and what to change, in English. */
  message: string;
}
