import type { Issue } from './rules/issue.js';
import { formatPath } from './rules/issue.js';

/** The codes of the errors this library throws. */
export type MicroCredentialErrorCode = 'ERR_INVALID_MICRO_CREDENTIAL' | 'ERR_ELM_EXPORT' | 'ERR_SIGNING';

/**
 * The base class of every error the library throws for bad data; switch on `code`. Misuse of the
 * API itself (a number where an options object belongs) is a plain `TypeError` instead.
 */
export class MicroCredentialError extends Error {
  readonly code: MicroCredentialErrorCode;
  constructor(code: MicroCredentialErrorCode, message: string) {
    super(message);
    this.name = 'MicroCredentialError';
    this.code = code;
  }
}

/**
 * Thrown by `parseMicroCredential()` when the input is not a valid micro-credential. `issues`
 * holds the same issues (errors and warnings) that `validate()` returns.
 *
 * @example
 * try { parseMicroCredential(doc) } catch (e) {
 *   if (e instanceof MicroCredentialValidationError) for (const i of e.issues) console.log(i.code, i.path)
 * }
 */
export class MicroCredentialValidationError extends MicroCredentialError {
  readonly issues: readonly Issue[];
  constructor(issues: readonly Issue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const shown = errors.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.code}`).join('; ');
    super(
      'ERR_INVALID_MICRO_CREDENTIAL',
      `Invalid micro-credential: ${errors.length} error${errors.length === 1 ? '' : 's'} (${shown}${errors.length > 3 ? '; …' : ''}). See \`issues\`.`,
    );
    this.name = 'MicroCredentialValidationError';
    this.issues = issues;
  }
}
