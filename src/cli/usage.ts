/** Exit codes, documented in `--help` and docs/cli.md. */
export const EXIT = { OK: 0, INVALID: 1, USAGE: 2 } as const;

/** A user error: printed as one line (made safe to show), never as a stack trace; exit code 2. */
export class UsageError extends Error {}
