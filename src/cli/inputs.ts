/**
 * Reading the documents named on the command line: files, globs, and `-` for standard input.
 * Every problem is a per-file result, never an exception that stops the run.
 */
import { open, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Files larger than this are reported, not read (a credential is kilobytes; EDC images make it ~150 KB). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** A document as read: its parsed JSON, or why it could not be read. */
export type Loaded =
  | { name: string; ok: true; json: unknown; bytes: number; /** The JSON text, as parsed (what a worker thread is sent). */ text: string }
  | { name: string; ok: false; reason: 'unreadable' | 'not-json'; message: string };

/**
 * Standard input when the command line names no input (`-` names it explicitly). Only then is a
 * terminal on standard input refused: the user forgot the argument, rather than means to type.
 */
export const IMPLICIT_STDIN = '\u0000stdin';

/** Expands globs (sorted, files only) and keeps plain paths as given, so that a missing file is reported. */
export async function expandInputs(patterns: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const pattern of patterns) {
    if (pattern === '-' || pattern === IMPLICIT_STDIN) out.push(pattern);
    else if (isDynamicPattern(pattern)) {
      const found = await glob(pattern, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(pattern) });
      found.sort();
      if (found.length === 0) out.push(pattern); // reported as "The file pattern matches no file."
      else out.push(...found);
    } else out.push(pattern);
  }
  return out;
}

/** Reads standard input to the end, up to `max` bytes. */
export async function readStdin(max: number): Promise<Buffer | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > max) return `is larger than ${max} bytes`;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses one document; never throws. */
export async function load(name: string, maxBytes: number, stdin?: () => Promise<Buffer | string>): Promise<Loaded> {
  let bytes: Buffer;
  if (name === '-' || name === IMPLICIT_STDIN) {
    // A command given no input reads standard input: on a terminal it would wait for typing, and in
    // a CI job with nothing piped in it reads nothing. Both are a missing argument, not bad JSON.
    if (name === IMPLICIT_STDIN && !stdin && process.stdin.isTTY) return { name: '(stdin)', ok: false, reason: 'unreadable', message: 'is a terminal: give files or globs as arguments, or pipe a document in' };
    const read = await (stdin ?? (() => readStdin(maxBytes)))();
    if (typeof read === 'string') return { name: '(stdin)', ok: false, reason: 'unreadable', message: read };
    if (read.length < 4096 && /^\s*$/.test(read.toString('utf8'))) return { name: '(stdin)', ok: false, reason: 'unreadable', message: 'is empty: nothing was piped in (give files or globs as arguments, or pipe a document in)' };
    bytes = read;
    name = '(stdin)';
  } else {
    try {
      const info = await stat(name);
      if (info.isDirectory()) return { name, ok: false, reason: 'unreadable', message: 'is a directory (give a glob such as "dir/**/*.json")' };
      if (!info.isFile()) return { name, ok: false, reason: 'unreadable', message: 'is not a regular file' };
      if (info.size > maxBytes) return { name, ok: false, reason: 'unreadable', message: `is ${(info.size / 1048576).toFixed(1)} MB, more than the ${(maxBytes / 1048576).toFixed(0)} MB limit (--max-size)` };
      const handle = await open(name, 'r');
      try {
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? (/[*?[{]/.test(name) ? 'pattern matches no file' : 'does not exist') : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'I/O error'})`;
      return { name, ok: false, reason: 'unreadable', message: why };
    }
  }
  return parse(name, bytes);
}

function parse(name: string, bytes: Buffer): Loaded {
  if (bytes.length === 0) return { name, ok: false, reason: 'not-json', message: 'is empty' };
  if (bytes.includes(0)) return { name, ok: false, reason: 'not-json', message: 'is binary, not JSON text' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark
  try {
    return { name, ok: true, json: JSON.parse(text), bytes: bytes.length, text };
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.replace(/^JSON\.parse: /, '') : 'syntax error';
    return { name, ok: false, reason: 'not-json', message: `is not valid JSON (${detail.slice(0, 160)})` };
  }
}
