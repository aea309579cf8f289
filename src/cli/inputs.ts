/**
 * Reading the documents named on the command line: files, folders, globs, and `-` for standard
 * input. Every problem is a per-file result, never an exception that stops the run.
 */
import { open, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isSdJwt } from './sd-jwt-vc-detect.js';

/** Files larger than this are reported, not read (a credential is kilobytes; EDC images make it ~150 KB). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * A document as read: its parsed JSON, or why it could not be read. A file whose text is a bare
 * compact JWS (a `.jwt` or `.jws` file: a VC-JWT badge, an EDC seal) reads as that string, as if it
 * were the JSON string of it.
 */
export type Loaded =
  | { name: string; ok: true; json: unknown; bytes: number; /** The JSON text, as parsed (what a worker thread is sent). */ text: string }
  | { name: string; ok: false; reason: 'unreadable' | 'not-json'; message: string; /** The name is a folder (with no document in it). */ folder?: true };

/** A PNG or SVG image as read by {@link loadDocument}: a baked badge, or a picture with none (`unbakeBadge` tells). */
export type LoadedImage = { name: string; ok: true; image: Uint8Array; format: 'png' | 'svg'; bytes: number };

/**
 * Standard input when the command line names no input (`-` names it explicitly). Only then is a
 * terminal on standard input refused: the user forgot the argument, rather than means to type.
 */
export const IMPLICIT_STDIN = '\u0000stdin';

/** One input to read: its name as shown, and for a file found in a folder argument, that folder. */
export interface Input {
  name: string;
  /** The folder argument the file was found in (`name` is inside it); absent for a file named or matched by a glob. */
  folder?: string;
  /** A folder argument with no document in it, or a pattern that matches no file: reading it says so. */
  nothing?: true;
}

/** The documents a folder argument holds: what `eumc validate credentials/` reads. */
const DOCUMENT = /\.json(?:ld)?$/;
/** What `validate` and `verify` also read in a folder: baked badges (PNG, SVG) and bare VC-JWTs (`.jwt`, `.jws`). */
const DOCUMENT_OR_BADGE = /\.(?:json(?:ld)?|png|svg|jwt|jws|sd-jwt|sdjwt)$/;
/** Where a folder holds no document, what it lacks (the folder's message). */
const NO_DOCUMENT = 'has no .json or .jsonld file in it, nor in its subfolders';
const NO_BADGE = ', nor a .png, .svg, .jwt, .jws or .sd-jwt file';
/**
 * What every Open Badges 3.0 baked image holds: the PNG chunk keyword or the SVG namespace. A
 * picture found in a folder without either is a picture, not a badge (a logo, the demo's
 * rendering): the walk leaves it out. Named on the command line, it is checked, and fails.
 */
const BADGE_MARKERS = [Buffer.from('openbadgecredential'), Buffer.from('purl.imsglobal.org/ob/v3p0')];
/** Whether an image a folder walk found may be a baked badge; a file too large to scan, or unreadable, is kept (reading it reports it). */
async function mayBeBadge(path: string): Promise<boolean> {
  try {
    if ((await stat(path)).size > DEFAULT_MAX_BYTES) return true;
    const bytes = await readFile(path);
    return BADGE_MARKERS.some((marker) => bytes.includes(marker));
  } catch {
    return true;
  }
}
const IMAGE = /\.(?:png|svg)$/;

/** Folders a walk never enters: installed packages, and hidden ones (`.git`), as globs skip them. */
const skipped = (name: string) => name.startsWith('.') || name === 'node_modules';

/**
 * The `*.json` and `*.jsonld` files under a folder (with `badges`, the `*.jwt` and `*.jws` files
 * too, and the `*.png` and `*.svg` files that may be baked badges), recursively, sorted as glob results are (by path). Hidden files and folders and `node_modules` are skipped. A symbolic link to a file is read
 * (a dangling one is kept, and reported as missing), but a symbolic link to a folder is not walked,
 * as `find` does without `-L`: the walk stays in the tree named and a link cannot make it loop or
 * read a file twice. `exclude`: real paths of folders to leave out (`eumc sign --out-dir` inside an
 * input folder).
 */
export async function walkFolder(folder: string, exclude: ReadonlySet<string> = new Set(), badges = false): Promise<string[]> {
  const found: string[] = [];
  const wanted = badges ? DOCUMENT_OR_BADGE : DOCUMENT;
  const walk = async (dir: string): Promise<void> => {
    if (exclude.size > 0 && exclude.has(await realpath(dir).catch(() => dir))) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // vanished meanwhile, or unreadable: the folder argument itself is checked by load()
    }
    for (const entry of entries) {
      if (skipped(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (!wanted.test(entry.name)) continue;
      else if (badges && IMAGE.test(entry.name) && !(await mayBeBadge(path))) continue;
      else if (entry.isFile()) found.push(path);
      else if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        if (target === undefined || target.isFile()) found.push(path);
      }
    }
  };
  await walk(folder);
  return found.sort();
}

/**
 * Expands folders (their `*.json`, `*.jsonld`, `*.png`, `*.svg`, `*.jwt` and `*.jws` files,
 * recursively, as `validate` and `verify` read them; with `jsonOnly`, as `sign` does, the first two
 * only) and globs (sorted, files only),
 * and keeps plain paths as given, so that a missing file is reported. A folder with no document in
 * it, or a pattern that matches nothing, stays as given: reading it reports it.
 */
export async function expandInputs(patterns: readonly string[], options: { exclude?: ReadonlySet<string>; jsonOnly?: boolean } = {}): Promise<Input[]> {
  const out: Input[] = [];
  for (const pattern of patterns) {
    if (pattern === '-' || pattern === IMPLICIT_STDIN) out.push({ name: pattern });
    else if (isDynamicPattern(pattern)) {
      const found = await glob(pattern, { onlyFiles: true, dot: false, expandDirectories: false, absolute: isAbsolute(pattern) });
      found.sort();
      if (found.length === 0) out.push({ name: pattern, nothing: true }); // reported as "The file pattern matches no file."
      else out.push(...found.map((name) => ({ name })));
    } else if ((await stat(pattern).catch(() => undefined))?.isDirectory()) {
      const found = await walkFolder(pattern, options.exclude, options.jsonOnly !== true);
      if (found.length === 0) out.push({ name: pattern, nothing: true }); // reported as a folder with no document
      else out.push(...found.map((name) => ({ name, folder: pattern })));
    } else out.push({ name: pattern });
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
  const read = await readBytes(name, maxBytes, stdin, NO_DOCUMENT);
  return 'data' in read ? parse(read.name, read.data) : read;
}

/**
 * Reads one document as `validate` and `verify` do; never throws. A PNG (by its signature) or an
 * SVG (text that starts with `<`) is an image, for `unbakeBadge`; anything else is read as
 * {@link load} reads it: JSON, or a bare compact JWS. `jsonOnly`: the folders were walked for JSON
 * files only (`sign`), as a folder with none says.
 */
export async function loadDocument(name: string, maxBytes: number, options: { stdin?: () => Promise<Buffer | string>; jsonOnly?: boolean } = {}): Promise<Loaded | LoadedImage> {
  const read = await readBytes(name, maxBytes, options.stdin, options.jsonOnly ? NO_DOCUMENT : NO_DOCUMENT + NO_BADGE);
  return 'data' in read ? parseDocument(read.name, read.data) : read;
}

/** A document's bytes read as {@link loadDocument} reads them: a PNG or SVG image, or JSON (a bare compact JWS or SD-JWT as its string). */
export function parseDocument(name: string, data: Buffer): Loaded | LoadedImage {
  const format = imageFormat(data);
  if (format !== undefined) return { name, ok: true, image: new Uint8Array(data), format, bytes: data.length };
  return parse(name, data);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `png` for bytes with the PNG signature, `svg` for text that starts with `<` (after a byte order mark and white space). */
export function imageFormat(bytes: Buffer): 'png' | 'svg' | undefined {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  const head = bytes.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<') ? 'svg' : undefined;
}

/** The bytes of a file or of standard input, or why they cannot be read. */
async function readBytes(name: string, maxBytes: number, stdin: (() => Promise<Buffer | string>) | undefined, noDocument: string): Promise<{ name: string; data: Buffer } | Loaded> {
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
      // expandInputs() walks a folder argument: one left here holds no document to read.
      if (info.isDirectory()) return { name, ok: false, reason: 'unreadable', message: `${noDocument} (hidden folders and node_modules are skipped)`, folder: true };
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
  return { name, data: bytes };
}

/** A compact JWS (RFC 7515 §7.1): three base64url segments separated by dots. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/** Whether a text is a compact JWS: three base64url segments, the first a JSON object header with `alg`. */
function isCompactJws(text: string): boolean {
  if (!COMPACT_JWS.test(text)) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(text.slice(0, text.indexOf('.')), 'base64url').toString('utf8'));
    return header !== null && typeof header === 'object' && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

function parse(name: string, bytes: Buffer): Loaded {
  if (bytes.length === 0) return { name, ok: false, reason: 'not-json', message: 'is empty' };
  if (bytes.includes(0)) return { name, ok: false, reason: 'not-json', message: 'is binary, not JSON text' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte order mark
  // A bare VC-JWT or compact seal (a .jwt or .jws file) is the JSON string of it.
  const bare = text.trim();
  if (isCompactJws(bare)) return { name, ok: true, json: bare, bytes: bytes.length, text: JSON.stringify(bare) };
  // So is an SD-JWT VC in compact form (a .sd-jwt file, or any text that is one).
  if (isSdJwt(bare)) return { name, ok: true, json: bare, bytes: bytes.length, text: JSON.stringify(bare) };
  try {
    return { name, ok: true, json: JSON.parse(text), bytes: bytes.length, text };
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.replace(/^JSON\.parse: /, '') : 'syntax error';
    return { name, ok: false, reason: 'not-json', message: `is not valid JSON (${detail.slice(0, 160)})` };
  }
}
