/**
 * Checking many files in one run with bounded memory: at most `concurrency` documents are read and
 * checked at once, and each result goes to the report as soon as every file before it has gone
 * (the report keeps the order of the inputs). Files that finish early wait in a window of at most
 * `4 × concurrency` results; a slow file makes the others wait instead of piling up results.
 */
import { availableParallelism } from 'node:os';
import type { FileResult } from './check.js';
import { type FileCheckOptions, checkParsed, kindOf } from './check-file.js';
import { loadDocument } from './inputs.js';
import { unbakeImage, withImageNotes } from './ob3-image.js';
import { type Pool, createPool, workerScript } from './pool.js';

export interface RunOptions extends FileCheckOptions {
  /** Files read and checked at once. */
  concurrency: number;
  /** Worker threads for the files that are not in the model (ELM, signed, sealed); 0: none. Default: the available parallelism. */
  workers?: number;
  maxBytes: number;
  /** Counts files as they are checked (a line on a terminal); see {@link progressLine}. */
  progress?: Progress;
}

/** The options a worker needs (no functions: they are cloned to it). */
const fileOptions = (o: RunOptions): FileCheckOptions => ({ kind: o.kind, strict: o.strict, check: o.check, ...(o.verifyOnly ? { verifyOnly: true } : {}) });

/**
 * Reads one file and checks it: a model file in this thread (a fraction of a millisecond), any
 * other in a worker when there is a pool (the ELM shapes cost about 15 ms a file, a signature more).
 * A baked badge (PNG, SVG) is taken out of its image here, then checked as its credential.
 */
async function checkFile(name: string, options: RunOptions, pool: Pool | undefined): Promise<FileResult> {
  const started = performance.now();
  const loaded = await loadDocument(name, options.maxBytes);
  if (!loaded.ok) {
    const unreadable = loaded.reason === 'unreadable';
    return {
      file: loaded.name,
      kind: null,
      status: unreadable ? 'unreadable' : 'failed',
      issues: [{ code: unreadable ? 'EUMC_UNREADABLE' : 'EUMC_NOT_JSON', severity: 'error', path: '', message: `${loaded.name === '(stdin)' ? 'Standard input' : loaded.folder ? 'The folder' : 'The file'} ${loaded.message}.` }],
      durationMs: performance.now() - started,
    };
  }
  if (!('image' in loaded)) return checkJson(loaded.name, loaded.json, loaded.text, options, pool, started);
  const baked = await unbakeImage(loaded, started);
  if (!baked.ok) return baked.result;
  return withImageNotes(await checkJson(loaded.name, baked.json, baked.text, options, pool, started), baked.notes, options.strict);
}

/** Checks a document read as JSON (`text`: what a worker is sent), here or in a worker. */
async function checkJson(name: string, json: unknown, text: string, options: RunOptions, pool: Pool | undefined, started: number): Promise<FileResult> {
  const kind = await kindOf(json, options);
  if (pool === undefined || kind === 'model') return checkParsed(name, json, fileOptions(options), started);
  const readMs = performance.now() - started;
  const result = await pool.check(name, text, kind);
  return { ...result, durationMs: result.durationMs + readMs };
}

/** A pool for a run of more than one file, unless `--workers 0` (or the worker script is missing). */
function poolFor(total: number, options: RunOptions): Pool | undefined {
  const size = Math.min(options.workers ?? availableParallelism(), options.concurrency, total);
  const script = size > 0 && total > 1 ? workerScript() : undefined;
  if (script === undefined) return undefined;
  const init = { options: fileOptions(options) };
  return createPool(size, script, init, (name, text) => checkParsed(name, JSON.parse(text) as unknown, init.options, performance.now()));
}

/**
 * Checks the files and hands each result to `emit`, in the order of `names`, one at a time.
 * Rejects only when `emit` does (the output cannot be written).
 */
export async function checkFiles(names: readonly string[], options: RunOptions, emit: (result: FileResult) => Promise<void>): Promise<void> {
  const total = names.length;
  const concurrency = Math.max(1, Math.min(options.concurrency, total));
  const window = Math.max(4 * concurrency, 16);
  const finished = new Map<number, FileResult>();
  let next = 0;
  let emitted = 0;
  let failure: { error: unknown } | undefined;
  let waiting: (() => void)[] = [];
  const wake = () => {
    const all = waiting;
    waiting = [];
    for (const resolve of all) resolve();
  };
  const progress = options.progress ?? progressLine(false, 0);
  const pool = poolFor(total, options);

  let emitting = Promise.resolve();
  const drain = async () => {
    while (failure === undefined && finished.has(emitted)) {
      const result = finished.get(emitted)!;
      finished.delete(emitted);
      emitted++;
      await emit(result);
    }
    wake();
  };

  const worker = async () => {
    for (;;) {
      while (failure === undefined && next - emitted >= window) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure !== undefined || next >= total) return;
      const index = next++;
      finished.set(index, await checkFile(names[index]!, options, pool));
      progress.done();
      emitting = emitting.then(drain).catch((error: unknown) => {
        failure ??= { error };
        wake();
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    await emitting;
  } finally {
    await pool?.close();
  }
  progress.clear();
  if (failure) throw failure.error;
}

export interface Progress {
  done(): void;
  /** Removes the line; call it before writing to the terminal. */
  clear(): void;
}

/** `123/100000 checked` on standard error, only on a terminal and never in CI. */
export function progressLine(wanted: boolean, total: number): Progress {
  const show = wanted && total > 1 && process.stderr.isTTY === true && !process.env.CI;
  let count = 0;
  let shownAt = 0;
  let visible = false;
  return {
    done() {
      count++;
      if (!show || performance.now() - shownAt < 100) return;
      shownAt = performance.now();
      visible = true;
      process.stderr.write(`\r${count}/${total} checked`);
    },
    clear() {
      if (!visible) return;
      visible = false;
      process.stderr.write('\r\u001b[K');
    },
  };
}
