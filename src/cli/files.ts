/**
 * Writing the user's files (`--out`): nothing lost, nothing leaked.
 *
 * - Keys and documents (`keygen`, `sign`, `convert`, `schema`) never replace an existing file
 *   unless `--force`: a second `keygen --out issuer-key.json` would destroy the only copy of a
 *   private key. A new file is created exclusively (O_CREAT|O_EXCL, plus O_NOFOLLOW): no race can
 *   make it write into a file that appeared meanwhile, or through a symbolic link, dangling or not.
 * - Reports (`validate --out`, `verify --out`) are replaced on every run, as a CI job expects.
 * - Every replacement is atomic: a temporary file in the same folder, written, flushed to disk
 *   (fsync) and renamed over the old one, so that a reader sees the old file or the new one, never
 *   half of one; rename replaces a symbolic link itself and never writes through it.
 * - A key file is mode 0600 whatever the umask and whatever the file it replaces; a replaced
 *   document keeps the mode of the old one (it may hold a learner's personal data).
 * - A symbolic link at the path is refused, and so is a missing folder (eumc creates none: a typo
 *   in a path should not silently grow a tree), before any work.
 */
import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { type FileHandle, access, lstat, mkdtemp, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** What a file is, which decides whether an existing one may be replaced, and its mode. */
export type OutKind = 'key' | 'document' | 'report';

/** An output file checked by {@link prepareOut}. */
export interface OutFile {
  /** As the user wrote it, for messages. */
  readonly shown: string;
  readonly path: string;
  readonly kind: OutKind;
  /** Replace the file if there is one (reports always; keys and documents with `--force`). */
  readonly replace: boolean;
  /** Permission bits of the file replaced, if any. */
  readonly existingMode?: number;
}

const KEY_MODE = 0o600;
const FILE_MODE = 0o666; // less the umask, as any program writes files
// O_NOFOLLOW is POSIX; Windows has no such flag (0 there), and no symbolic links made by default.
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** Temporary files of this process, removed on exit and on Ctrl-C (main.ts calls {@link removeTemporaryFiles}). */
const temporary = new Set<string>();

/** Removes what an interrupted run leaves behind: temporary files and spool folders. Synchronous, for exit handlers. */
export function removeTemporaryFiles(): void {
  for (const path of temporary) rmSync(path, { force: true, recursive: true });
  temporary.clear();
}

/**
 * Checks an `--out` path before any work is done: its folder exists and is writable, the path is
 * not a symbolic link, a folder or a device, and an existing file may be replaced. Throws a
 * {@link UsageError} (exit 2) that says what to do.
 */
export async function prepareOut(shown: string, kind: OutKind, force: boolean): Promise<OutFile> {
  if (shown === '') throw new UsageError('--out needs a file name');
  const path = resolve(shown);
  const folder = dirname(path);
  const name = safeName(shown);
  let info;
  try {
    info = await stat(folder);
  } catch (error) {
    if (code(error) === 'ENOENT') throw new UsageError(`cannot write ${name}: the folder ${safeName(dirname(shown))} does not exist (eumc creates no folders: create it first, e.g. mkdir -p)`);
    throw new UsageError(`cannot write ${name}: its folder cannot be used (${code(error) ?? 'I/O error'})`);
  }
  if (!info.isDirectory()) throw new UsageError(`cannot write ${name}: ${safeName(dirname(shown))} is not a folder`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new UsageError(`cannot write ${name}: its folder is not writable (permission denied)`);
  }
  let existing;
  try {
    existing = await lstat(path);
  } catch (error) {
    if (code(error) === 'ENOENT') return { shown, path, kind, replace: kind === 'report' || force };
    throw new UsageError(`cannot write ${name} (${code(error) ?? 'I/O error'})`);
  }
  if (existing.isSymbolicLink()) throw new UsageError(`${name} is a symbolic link: eumc neither writes through one nor replaces it (remove it, or name the file it points to)`);
  if (existing.isDirectory()) throw new UsageError(`cannot write ${name}: it is a folder`);
  if (!existing.isFile()) throw new UsageError(`cannot write ${name}: it is not a regular file (for standard output, leave out --out)`);
  if (kind !== 'report' && !force) {
    const why = kind === 'key' ? ' (it may hold the only copy of a private key)' : '';
    throw new UsageError(`${name} exists and eumc does not overwrite it${why}: give --force to replace it, or choose another name`);
  }
  return { shown, path, kind, replace: true, existingMode: existing.mode & 0o777 };
}

/** Where text goes, a piece at a time: standard output, or a file committed only by {@link Sink.close}. */
export interface Sink {
  /** Text (written as UTF-8) or bytes (a picture, a PDF). */
  write(text: string | Uint8Array): Promise<void>;
  /** Writes what is buffered and, for a file, flushes it to disk and puts it in place. */
  close(): Promise<void>;
  /** Gives up: a file being written is removed (the old one, if any, stays as it was). */
  abort(): Promise<void>;
}

const BUFFER_CHARS = 1 << 16;

function handleSink(handle: FileHandle, commit: () => Promise<void>, discard: () => Promise<void>): Sink {
  let parts: (string | Uint8Array)[] = [];
  let size = 0;
  let closed = false;
  const flush = async () => {
    if (size === 0) return;
    const text = parts.every((p) => typeof p === 'string') ? parts.join('') : undefined;
    const bytes = text === undefined ? Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))) : undefined;
    parts = [];
    size = 0;
    if (bytes) await handle.write(bytes);
    else await handle.write(text!);
  };
  return {
    async write(text) {
      parts.push(text);
      size += text.length;
      if (size >= BUFFER_CHARS) await flush();
    },
    async close() {
      await flush();
      await handle.sync();
      closed = true;
      await handle.close();
      await commit();
    },
    async abort() {
      if (!closed) await handle.close().catch(() => undefined);
      closed = true;
      await discard();
    },
  };
}

/** Opens the output file for writing, as its kind and `--force` say. */
export async function openOut(out: OutFile): Promise<Sink> {
  const mode = out.kind === 'key' ? KEY_MODE : (out.existingMode ?? FILE_MODE);
  if (!out.replace) {
    let handle: FileHandle;
    try {
      handle = await open(out.path, CREATE_NEW, mode);
    } catch (error) {
      throw refused(out, error);
    }
    temporary.add(out.path);
    if (out.kind === 'key') await handle.chmod(KEY_MODE); // whatever the umask
    const done = () => temporary.delete(out.path);
    return handleSink(handle, async () => void done(), async () => {
      done();
      await unlink(out.path).catch(() => undefined); // the file this run created, half written
    });
  }
  const temp = join(dirname(out.path), `.${basename(out.path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, CREATE_NEW, mode);
  } catch (error) {
    throw refused(out, error);
  }
  temporary.add(temp);
  if (out.kind === 'key' || out.existingMode !== undefined) await handle.chmod(mode);
  return handleSink(
    handle,
    async () => {
      await rename(temp, out.path);
      temporary.delete(temp);
      await syncFolder(dirname(out.path));
    },
    async () => {
      temporary.delete(temp);
      await unlink(temp).catch(() => undefined);
    },
  );
}

function refused(out: OutFile, error: unknown): UsageError {
  const name = safeName(out.shown);
  switch (code(error)) {
    case 'EEXIST':
      return new UsageError(`${name} exists and eumc does not overwrite it: give --force to replace it, or choose another name`);
    case 'ELOOP':
      return new UsageError(`${name} is a symbolic link: eumc neither writes through one nor replaces it`);
    case 'ENOENT':
      return new UsageError(`cannot write ${name}: its folder does not exist`);
    case 'EACCES':
    case 'EPERM':
      return new UsageError(`cannot write ${name} (permission denied)`);
    default:
      return new UsageError(`cannot write ${name} (${code(error) ?? 'I/O error'})`);
  }
}

/** Makes a rename durable (POSIX); not every platform can open a folder, so failures are ignored. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows, or a file system without directory fsync: the rename stands, only its durability is weaker.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Writes a whole text (or a file's bytes) to the output file, or to standard output. */
export async function writeOut(out: OutFile | undefined, text: string | Uint8Array): Promise<void> {
  const sink = await openSink(out);
  try {
    await sink.write(text);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Standard output as a sink, waiting when the pipe is full. */
export function stdoutSink(): Sink {
  return {
    write: (text) =>
      new Promise<void>((done) => {
        if (process.stdout.write(text)) done();
        else process.stdout.once('drain', done);
      }),
    close: async () => undefined,
    abort: async () => undefined,
  };
}

export async function openSink(out: OutFile | undefined): Promise<Sink> {
  return out ? openOut(out) : stdoutSink();
}

/**
 * A private scratch file (a folder of mode 0700 in the temporary folder) for a report's body,
 * whose head needs the totals: JSON's `summary` and JUnit's counts come before the files.
 */
export async function openSpool(): Promise<{ sink: Sink; read: () => AsyncIterable<string>; dispose: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'eumc-'));
  temporary.add(folder);
  const path = join(folder, 'report.part');
  const handle = await open(path, CREATE_NEW, 0o600);
  const sink = handleSink(handle, async () => undefined, async () => undefined);
  return {
    sink,
    read: async function* () {
      const reader = await open(path, 'r');
      try {
        for await (const chunk of reader.createReadStream({ encoding: 'utf8', highWaterMark: BUFFER_CHARS })) yield chunk as string;
      } finally {
        await reader.close().catch(() => undefined);
      }
    },
    dispose: async () => {
      await sink.abort().catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
      temporary.delete(folder);
    },
  };
}
