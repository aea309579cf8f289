/**
 * Findings: what every check of the command line reports, in the shape every output format uses,
 * with messages in the command line's words (flags.ts).
 */
import { cliMessage } from './flags.js';

/** One finding. */
export interface Finding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** Where in the document: a model path (`learningOutcomes[0].title`), a JSON Pointer, or an RDF path. */
  path: string;
  element?: string | null;
  message: string;
  /** Signed and sealed documents: which of the two checks found it. */
  check?: 'signature' | 'content';
}

/** A finding, its message in the command line's words. */
export function finding(code: string, severity: Finding['severity'], path: string, message: string, element?: string | null): Finding {
  return { code, severity, path, ...(element !== undefined ? { element } : {}), message: cliMessage(message) };
}

/** A check that threw: a bug, reported on the file rather than stopping the run. */
export const internalError = (error: unknown): Finding =>
  finding('EUMC_INTERNAL_ERROR', 'error', '', `The check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);

/** Whether findings fail a check: errors, and under `--strict` warnings. */
export const fails = (issues: readonly Finding[], strict: boolean | undefined): boolean => issues.some((i) => i.severity === 'error' || (strict === true && i.severity === 'warning'));
