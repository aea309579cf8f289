/**
 * Findings: what every check of the command line reports, in the shape every output format uses,
 * with messages in the command line's words (flags.ts).
 */
import type { IssueBase } from 'eu-micro-credentials';
import { cliMessage } from './flags.js';

/**
 * One finding: the library's issue shape (`code`, `severity`, `path`, `message`), `path` always a
 * JSON Pointer into the file given (`''` is the file's document itself).
 */
export interface Finding extends IssueBase {
  /** The Annex I element, for the model's and the ELM import's findings. */
  element?: string | null;
  /** `ELM_SHACL_VIOLATION`: the SHACL result path (`cred:issued`); the place in the file is `path`. */
  resultPath?: string;
  /**
   * `validate --model`: a finding about the micro-credential read from the file rather than a place
   * in the file (`path` is then `''`): its JSON Pointer in that micro-credential (`/dateOfIssue`).
   */
  modelPath?: string;
  /** Signed and sealed documents: which of the two checks found it. */
  check?: 'signature' | 'content';
}

/** What a finding may carry beside its code, severity, path and message. */
export type FindingExtra = Pick<Finding, 'element' | 'resultPath' | 'modelPath'>;

/** A finding, its message in the command line's words. */
export function finding(code: string, severity: Finding['severity'], path: string, message: string, extra: FindingExtra = {}): Finding {
  const out: Finding = { code, severity, path, message: cliMessage(message) };
  if (extra.element !== undefined) out.element = extra.element;
  if (extra.resultPath !== undefined) out.resultPath = extra.resultPath;
  if (extra.modelPath !== undefined) out.modelPath = extra.modelPath;
  return out;
}

/** Where a finding is, as one line prints it: its pointer (`/learner/email: `), `(model) /dateOfIssue: `, or nothing for the document itself. */
export function placeOf(f: Pick<Finding, 'path'> & { modelPath?: string | undefined }): string {
  if (f.modelPath !== undefined) return `(model) ${f.modelPath || '(document)'}: `;
  return f.path === '' ? '' : `${f.path}: `;
}

/** A check that threw: a bug, reported on the file rather than stopping the run. */
export const internalError = (error: unknown): Finding =>
  finding('EUMC_INTERNAL_ERROR', 'error', '', `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);

/** Whether findings fail a check: errors, and under `--strict` warnings. */
export const fails = (issues: readonly Finding[], strict: boolean | undefined): boolean => issues.some((i) => i.severity === 'error' || (strict === true && i.severity === 'warning'));
