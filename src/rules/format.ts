import { formatPath, type Issue } from './issue.js';

/**
 * Renders issues as lines of text, one per issue: severity, element, path, message and code.
 *
 * @example
 * console.log(formatIssues(validate(doc).issues));
 * // error   M6  learningOutcomes: Add `learningOutcomes` (Annex I M6): … [MC_LEARNING_OUTCOMES_MISSING]
 */
export function formatIssues(issues: readonly Issue[]): string {
  return issues
    .map((i) => `${i.severity.padEnd(7)} ${(i.element ?? '-').padEnd(3)} ${formatPath(i.path)}: ${i.message} [${i.code}]`)
    .join('\n');
}
