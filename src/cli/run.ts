/**
 * Checking many files in one run with bounded memory: at most `concurrency` documents are read and
 * checked at once, and each result goes to the report as soon as every file before it has gone
 * (the report keeps the order of the inputs). Files that finish early wait in a window of at most
 * `4 × concurrency` results; a slow file makes the others wait instead of piling up results.
 */
import { type CheckOptions, type FileResult, type Finding, type Kind, checkWithAssurance, detectKind } from './check.js';
import { load } from './inputs.js';

export interface RunOptions {
  kind: Kind | 'auto';
  concurrency: number;
  maxBytes: number;
  strict: boolean;
  check: CheckOptions;
  /** Counts files as they are checked (a line on a terminal); see {@link progressLine}. */
  progress?: Progress;
  /** `eumc verify`: a document with neither proof nor seal fails. */
  verifyOnly?: boolean;
}

async function checkFile(name: string, options: RunOptions): Promise<FileResult> {
  const started = performance.now();
  const loaded = await load(name, options.maxBytes);
  if (!loaded.ok) {
    const unreadable = loaded.reason === 'unreadable';
    return {
      file: loaded.name,
      kind: null,
      status: unreadable ? 'unreadable' : 'failed',
      issues: [{ code: unreadable ? 'EUMC_UNREADABLE' : 'EUMC_NOT_JSON', severity: 'error', path: '', message: `${loaded.name === '(stdin)' ? 'Standard input' : 'The file'} ${loaded.message}.` }],
      durationMs: performance.now() - started,
    };
  }
  const kind = options.kind === 'auto' ? detectKind(loaded.json) : options.kind;
  let issues: Finding[];
  let assurance: FileResult['assurance'];
  if (options.verifyOnly && kind !== 'signed' && kind !== 'sealed') {
    issues = [{ code: 'EUMC_NOT_SIGNED', severity: 'error', path: '', message: 'The document has no proof and no seal: there is nothing to verify (sign it with `eumc sign`).' }];
  } else {
    const checked = await checkWithAssurance(loaded.json, kind, options.check);
    issues = checked.findings;
    assurance = checked.assurance;
  }
  const failed = issues.some((i) => i.severity === 'error' || (options.strict && i.severity === 'warning'));
  return { file: loaded.name, kind, status: failed ? 'failed' : 'passed', issues, durationMs: performance.now() - started, ...(assurance ? { assurance } : {}) };
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
      finished.set(index, await checkFile(names[index]!, options));
      progress.done();
      emitting = emitting.then(drain).catch((error: unknown) => {
        failure ??= { error };
        wake();
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await emitting;
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
