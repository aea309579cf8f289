/**
 * What every command reads besides its documents (option files, one input document) and how it
 * speaks on standard error: one line per message, made safe, in the command line's words.
 */
import { readFile } from 'node:fs/promises';
import { placeOf } from './finding.js';
import { cliMessage } from './flags.js';
import { DEFAULT_MAX_BYTES, IMPLICIT_STDIN, load } from './inputs.js';
import { safeName, safeText } from './text.js';
import { EXIT, UsageError } from './usage.js';

/** Reads a JSON file given with an option (`--key`, `--controllers`…), or fails with a usage error naming it. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${what} ${safeName(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} ${safeName(path)} is not valid JSON`);
  }
}

/** Reads one input document (a file or `-`), or fails with a usage error naming it. */
export async function readInput(input: string | undefined, maxBytes = DEFAULT_MAX_BYTES): Promise<unknown> {
  const loaded = await load(input ?? IMPLICIT_STDIN, maxBytes);
  if (!loaded.ok) throw new UsageError(`${safeName(loaded.name)} ${loaded.message}`);
  return loaded.json;
}

/**
 * An issue as one line, its place a JSON Pointer as in every output: `error /learner/email: message
 * [CODE]`; `error message [CODE]` for the document itself; `(model) /dateOfIssue` for a place in the
 * micro-credential read from an ELM file.
 */
export function issueLine(issue: { severity: string; path: string; modelPath?: string | undefined; message: string; code: string }): string {
  return `${issue.severity} ${placeOf(issue)}${issue.message} [${issue.code}]`;
}

/** The error issues of a list, one line each. */
export const errorLines = (issues: readonly Parameters<typeof issueLine>[0][]): string[] => issues.filter((i) => i.severity === 'error').map(issueLine);

/** One line on standard error, made safe: messages quote documents and file names. */
export function say(line: string): void {
  process.stderr.write(`${safeText(cliMessage(line))}\n`);
}

/** A credential read into the model (`convert --to model`, `render`): the model, given even when it is not a valid micro-credential, and whether it is one. */
export interface ModelRead {
  value: unknown;
  ok: boolean;
}

/** The problems that stop a command, one line each on standard error; exit code 1. */
export function reportProblems(lines: readonly string[]): void {
  for (const line of lines) say(line);
  process.exitCode = EXIT.INVALID;
}
