import type { Issue } from './rules/issue.js';
import { formatPath } from './rules/issue.js';

/**
 * The codes of the errors this library throws (the `code` of `MicroCredentialError`).
 *
 * @example
 * function explain(code: MicroCredentialErrorCode): string {
 *   return { ERR_INVALID_MICRO_CREDENTIAL: 'invalid data', ERR_ELM_EXPORT: 'cannot be exported to ELM', ERR_SIGNING: 'cannot be signed' }[code];
 * }
 */
export type MicroCredentialErrorCode = 'ERR_INVALID_MICRO_CREDENTIAL' | 'ERR_ELM_EXPORT' | 'ERR_SIGNING';

/**
 * The base class of every error the library throws for bad data; switch on `code`. Misuse of the
 * API itself (a number where an options object belongs) is a plain `TypeError` instead.
 *
 * @example
 * try {
 *   toElm(parseMicroCredential(input));
 * } catch (e) {
 *   if (!(e instanceof MicroCredentialError)) throw e; // a TypeError: a bug in the caller
 *   if (e.code === 'ERR_INVALID_MICRO_CREDENTIAL') console.error('not a valid micro-credential');
 *   if (e.code === 'ERR_ELM_EXPORT') console.error('valid, but the ELM export needs more');
 * }
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
