import type { Issue } from './issue.js';
import { formatPath } from './issue.js';

/**
 * @internal Symbols registered globally (`Symbol.for`) so that every copy of the library shares
 * them: a class's identity, and the identities an error was made with. Their names carry the major
 * version (0 for 0.x): a later major version, whose errors may have other codes and fields, is not
 * recognised. Code in the same process could mark any object with them; nothing that crosses a
 * process (JSON, structured clone) can carry a symbol.
 */
export const ERROR_KIND: unique symbol = Symbol.for('eu-micro-credentials.v0.error-kind') as never;
const KINDS: unique symbol = Symbol.for('eu-micro-credentials.v0.error-kinds') as never;

/**
 * The codes of the errors this library throws (the `code` of `MicroCredentialError`).
 *
 * @example
 * function explain(code: MicroCredentialErrorCode): string {
 *   return { ERR_INVALID_MICRO_CREDENTIAL: 'invalid data', ERR_ELM_EXPORT: 'cannot be exported to ELM', ERR_SIGNING: 'cannot be signed' }[code];
 * }
 */
export type MicroCredentialErrorCode = 'ERR_INVALID_MICRO_CREDENTIAL' | 'ERR_ELM_EXPORT' | 'ERR_SIGNING' | 'ERR_OB3_EXPORT' | 'ERR_SDJWT_ISSUE';

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
  /** @internal This class's identity across copies of the library (see `Symbol.hasInstance`). */
  static readonly [ERROR_KIND]: string = 'MicroCredentialError';

  /**
   * `instanceof` that also recognises errors thrown by another copy of this library: each entry
   * point (`eu-micro-credentials`, `/vc`, `/validate-elm`) is built on its own, and a process may
   * load both the ES module and the CommonJS build. An error of any copy is an instance of this
   * class, and of a library subclass, when it was made by a class of the same name and place in
   * the hierarchy. Subclasses written by callers keep the ordinary `instanceof`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (value === null || typeof value !== 'object' || !Object.hasOwn(this, ERROR_KIND)) return false;
    const kinds: unknown = (value as { [KINDS]?: unknown })[KINDS];
    return Array.isArray(kinds) && kinds.includes((this as unknown as { [ERROR_KIND]: string })[ERROR_KIND]);
  }

  readonly code: MicroCredentialErrorCode;
  constructor(code: MicroCredentialErrorCode, message: string) {
    super(message);
    this.name = 'MicroCredentialError';
    this.code = code;
    Object.defineProperty(this, KINDS, { value: Object.freeze(kindsOf(new.target)) });
  }
}

/** The library classes an error was made by, from its own class up to MicroCredentialError. */
function kindsOf(made: unknown): string[] {
  const kinds: string[] = [];
  for (let c = made; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, ERROR_KIND)) kinds.push((c as unknown as { [ERROR_KIND]: string })[ERROR_KIND]);
  }
  return kinds;
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
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'MicroCredentialValidationError';
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
