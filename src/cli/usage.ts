/** Exit codes, documented in `--help` and docs/cli.md. */
export const EXIT = { OK: 0, INVALID: 1, USAGE: 2 } as const;

/** A user error: printed as one line (made safe to show), never as a stack trace; exit code 2. */
export class UsageError extends Error {}

/** Wraps a help line at 80 columns, the following lines indented under the first one's text. */
function wrap(first: string, text: string): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > 80 && line.trim() !== first.trim()) {
      lines.push(line);
      line = `${' '.repeat(first.length)}${word}`;
    } else line = line.endsWith(' ') ? `${line}${word}` : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

/**
 * `Exit codes:` and what each code means for a command, for its `--help`; `undefined`: the command
 * never ends with that code.
 *
 * @example
 * exitCodesHelp(['the key is written', undefined, 'usage error']); // '\nExit codes:\n  0  the key is written\n  2  usage error'
 */
export function exitCodesHelp(meanings: readonly (string | undefined)[]): string {
  const lines = meanings.flatMap((meaning, code) => (meaning === undefined ? [] : [wrap(`  ${code}  `, meaning)]));
  return `\nExit codes:\n${lines.join('\n')}`;
}

/**
 * Collects a repeatable option (`--controllers a.json --controllers b.json`). One value per option:
 * a variadic option would take the input files written after it for more of its own values.
 */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A commander parser of a whole number of at least `least`, named `name` in its usage error. */
export function positiveInt(name: string, least = 1) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < least) throw new UsageError(`${name} must be a whole number of at least ${least}`);
    return n;
  };
}
