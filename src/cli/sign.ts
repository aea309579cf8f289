/**
 * `eumc sign`: one credential to standard output or `--out`, or a batch (a folder, several files,
 * a glob) to `--out-dir`, signed in one call of `signCredentials()`, which spreads a large batch
 * over worker threads. A batch is all or nothing: every input is read and checked first, and a
 * file is written only when every credential of the batch is signed, so that fixing one input and
 * running again never meets the files of the first run.
 */
import { access, constants, lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { exportToElm, validate } from 'eu-micro-credentials';
import type { IssuerKey, SuiteName } from 'eu-micro-credentials/vc';
import { detectKind } from './check.js';
import { badgeForm } from './ob3-detect.js';
import { prepareOut, writeOut } from './files.js';
import { errorLines, readJsonFile, reportProblems, say } from './io.js';
import { DEFAULT_MAX_BYTES, IMPLICIT_STDIN, type Input, expandInputs, loadDocument } from './inputs.js';
import { safeName } from './text.js';
import { unwrapInput } from './unwrap-input.js';
import { EXIT, UsageError } from './usage.js';

/** signCredentials() starts at most this many worker threads. */
const MAX_WORKERS = 64;

/** The options of `eumc sign`, as commander gives them. */
export interface SignCommandOptions {
  key?: string;
  suite: SuiteName;
  setIssuer: boolean;
  created?: string;
  out?: string;
  outDir?: string;
  force: boolean;
  workers?: number;
}

/** What stops the signing of a VC-JWT (one is signed already, and eumc makes embedded proofs only). */
const VC_JWT =
  'error: the document is an Open Badges 3.0 VC-JWT (a compact JWS): it is signed already, and VC-JWT is not produced by eumc, which signs with an embedded proof: sign the JSON badge (the credential as JSON, without a proof) instead';

/** What stops the signing of an image (a baked badge, or a picture). */
const imageProblem = (format: 'png' | 'svg') =>
  `error: the file is ${format === 'png' ? 'a PNG' : 'an SVG'} image (a baked badge, or none): eumc signs JSON credentials, not images: sign the JSON badge (\`eumc convert --to model\` reads a baked one), then bake the signed badge into the image with bakeBadge() of eu-micro-credentials/ob3`;

/** A credential ready to sign, or what stops it (one line each, `error …: message [CODE]`). */
type Prepared = { ok: true; doc: unknown; warnings: string[] } | { ok: false; problems: string[] };

/**
 * The credential a document gives: a wrapped one unwrapped, a micro-credential in the model
 * validated and exported to ELM (with the key's controller as issuer under `--set-issuer`).
 */
function prepare(json: unknown, key: IssuerKey, setIssuer: boolean): Prepared {
  const given = unwrapInput(json, 'credential');
  if (!given.ok) return { ok: false, problems: [given.problem] };
  const warnings = given.warning ? [given.warning] : [];
  const kind = detectKind(given.doc);
  // Signing an envelope would sign whatever sits beside the seal too: sign the credential itself.
  if (kind === 'sealed') return { ok: false, problems: ['error: the document is an EDC-sealed envelope: sign the credential itself (`eumc convert --to model` reads the sealed one)'] };
  if (badgeForm(given.doc) === 'jwt') return { ok: false, problems: [VC_JWT] };
  if (kind !== 'model') return { ok: true, doc: given.doc, warnings };
  const result = validate(given.doc);
  if (!result.ok) return { ok: false, problems: errorLines(result.issues) };
  const mc = setIssuer ? { ...result.value, issuer: { ...result.value.issuer, id: key.controller } } : result.value;
  const exported = exportToElm(mc);
  if (!exported.ok) return { ok: false, problems: errorLines(exported.issues) };
  return { ok: true, doc: exported.document, warnings };
}

/** The key from `--key` or `EUMC_ISSUER_KEY`, with its private part; a usage error otherwise. */
async function issuerKey(file: string | undefined): Promise<IssuerKey> {
  const env = process.env.EUMC_ISSUER_KEY;
  const keyJson = file ? await readJsonFile(file, 'the key file') : env ? parseKeyEnv(env) : undefined;
  if (keyJson === undefined) throw new UsageError('give the issuer key with --key <file> or the EUMC_ISSUER_KEY environment variable');
  const { importIssuerKey } = await import('eu-micro-credentials/vc');
  let key: IssuerKey;
  try {
    key = await importIssuerKey(keyJson as never);
  } catch (error) {
    throw new UsageError(`the issuer key cannot be used: ${error instanceof Error ? error.message.replace(/^importIssuerKey\(\): /, '') : 'unreadable'}`);
  }
  if (!key.canSign) throw new UsageError('the key has no private part: use the file written by `eumc keygen`');
  return key;
}

function parseKeyEnv(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError('EUMC_ISSUER_KEY is not valid JSON (it should hold the key file written by `eumc keygen`)');
  }
}

/** What signing failed on, as one line: the message and the library's reason code. */
function signingProblem(error: unknown): string {
  const reason = (error as { reason?: unknown }).reason;
  const message = error instanceof Error ? error.message.replace(/^Credential \d+: /, '') : String(error);
  return `error: ${message}${typeof reason === 'string' ? ` [${reason}]` : ''}`;
}

/** Is this input a batch of its own (a folder or a glob), whatever else is given? */
async function namesMany(input: string): Promise<boolean> {
  if (input === '-') return false;
  const { isDynamicPattern } = await import('tinyglobby');
  if (isDynamicPattern(input)) return true;
  return (await stat(input).catch(() => undefined))?.isDirectory() === true;
}

/** Runs `eumc sign`. */
export async function signCommand(inputs: string[], opts: SignCommandOptions): Promise<void> {
  if (opts.out !== undefined && opts.outDir !== undefined) throw new UsageError('give --out (one signed credential) or --out-dir (a folder for many), not both');
  if (opts.created !== undefined && Number.isNaN(new Date(opts.created).getTime())) throw new UsageError(`--created ${JSON.stringify(opts.created)} is not a date`);
  if (opts.workers !== undefined && opts.workers > MAX_WORKERS) throw new UsageError(`--workers must be at most ${MAX_WORKERS}`);
  const batch = opts.outDir !== undefined || inputs.length > 1 || (inputs.length === 1 && (await namesMany(inputs[0]!)));
  if (batch && opts.outDir === undefined) throw new UsageError('signing several documents (a folder, a glob, or more than one file) writes one file each: give --out-dir <folder>');
  if (batch) return signBatch(inputs, opts);

  const out = opts.out !== undefined ? await prepareOut(opts.out, 'document', opts.force) : undefined;
  const key = await issuerKey(opts.key);
  const loaded = await loadDocument(inputs[0] ?? IMPLICIT_STDIN, DEFAULT_MAX_BYTES, { jsonOnly: true });
  if (!loaded.ok) throw new UsageError(`${safeName(loaded.name)} ${loaded.message}`);
  if ('image' in loaded) return reportProblems([imageProblem(loaded.format)]);
  const prepared = prepare(loaded.json, key, opts.setIssuer);
  if (!prepared.ok) return reportProblems(prepared.problems);
  for (const warning of prepared.warnings) say(warning);
  const { signCredential } = await import('eu-micro-credentials/vc');
  let signed: unknown;
  try {
    signed = await signCredential(prepared.doc, { key, suite: opts.suite, setIssuer: opts.setIssuer, ...(opts.created ? { created: opts.created } : {}) });
  } catch (error) {
    return reportProblems([signingProblem(error)]);
  }
  await writeOut(out, `${JSON.stringify(signed, null, 2)}\n`);
}

/** An input of the batch and the file its signed credential goes to. */
interface Job {
  input: Input;
  /** The output path as shown (inside `--out-dir` as the user wrote it). */
  out: string;
}

/**
 * Checks the `--out-dir` folder before any work: an existing folder must be writable; a missing one
 * is made when the files are written (never when nothing is), and its parent must exist: eumc
 * makes the folder named, not a tree (a typo in a path should not grow one). Its real path, when it
 * exists (the walk of an input folder leaves it out).
 */
async function checkOutDir(dir: string): Promise<string | undefined> {
  if (dir === '') throw new UsageError('--out-dir needs a folder name');
  const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new UsageError(`the --out-dir folder ${safeName(dir)} cannot be used (${error.code ?? 'I/O error'})`);
  });
  const writable = (folder: string, what: string) =>
    access(folder, constants.W_OK).catch(() => {
      throw new UsageError(`${what} is not writable (permission denied)`);
    });
  if (info === undefined) {
    const parent = await stat(dirname(resolve(dir))).catch(() => undefined);
    if (!parent?.isDirectory()) throw new UsageError(`cannot make the --out-dir folder ${safeName(dir)}: its parent folder does not exist (eumc makes only the folder named: create the rest first, e.g. mkdir -p)`);
    await writable(dirname(resolve(dir)), `the parent folder of --out-dir ${safeName(dir)}`);
    return undefined;
  }
  if (info.isSymbolicLink() && !(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`--out-dir ${safeName(dir)} is a symbolic link to no folder`);
  if (!info.isSymbolicLink() && !info.isDirectory()) throw new UsageError(`--out-dir ${safeName(dir)} is not a folder`);
  await writable(dir, `the --out-dir folder ${safeName(dir)}`);
  return realpath(dir);
}

/**
 * Where each signed credential goes: a file found in a folder argument at the same path relative to
 * `--out-dir` (`creds/2024/a.json` of `creds/` → `<out-dir>/2024/a.json`), a file named or matched by
 * a glob by its name alone. Two inputs bound for one file, an input that would be replaced by its
 * own output, and outputs that exist (without `--force`) are refused before any work.
 */
async function plan(inputs: readonly Input[], outDir: string, force: boolean): Promise<Job[]> {
  const jobs: Job[] = [];
  const byTarget = new Map<string, string>();
  const existing: string[] = [];
  for (const input of inputs) {
    // A folder with no document in it (or a pattern that matched none): reading it reports it.
    if (input.nothing) {
      jobs.push({ input, out: '' });
      continue;
    }
    const out = join(outDir, input.folder !== undefined ? relative(input.folder, input.name) : basename(input.name));
    const target = resolve(out);
    const other = byTarget.get(target);
    if (other !== undefined) throw new UsageError(`${safeName(other)} and ${safeName(input.name)} would both be written to ${safeName(out)}: sign them in separate runs, or give their folder instead of the files`);
    byTarget.set(target, input.name);
    if (target === resolve(input.name)) throw new UsageError(`${safeName(out)} is the input itself: choose an --out-dir other than the input's folder`);
    const info = await lstat(out).catch(() => undefined);
    if (info?.isSymbolicLink()) throw new UsageError(`${safeName(out)} is a symbolic link: eumc neither writes through one nor replaces it`);
    if (info?.isDirectory()) throw new UsageError(`cannot write ${safeName(out)}: it is a folder`);
    if (info && !force) existing.push(out);
    jobs.push({ input, out });
  }
  if (existing.length > 0) {
    const shown = existing.slice(0, 3).map(safeName).join(', ');
    const what = existing.length === 1 ? `${shown} exists and eumc does not overwrite it` : `${existing.length} output files exist (${shown}${existing.length > 3 ? ', …' : ''}) and eumc does not overwrite them`;
    throw new UsageError(`${what}: give --force to replace ${existing.length === 1 ? 'it' : 'them'}, or choose another --out-dir`);
  }
  return jobs;
}

/**
 * Signs many files into `--out-dir`. Every input is read and prepared first; if any cannot be
 * signed, each is named with what is wrong and nothing is written. Then one `signCredentials()` call
 * signs them all; should it refuse a credential, the rest are still tried, so that one run names
 * every credential to fix.
 */
async function signBatch(inputs: string[], opts: SignCommandOptions): Promise<void> {
  const outDir = opts.outDir!;
  if (inputs.length === 0 || inputs.includes('-')) throw new UsageError('--out-dir signs files: name them (a folder, files or a glob); standard input is signed with --out or to standard output');
  const existingOutDir = await checkOutDir(outDir);
  const key = await issuerKey(opts.key);
  // Signed files written inside an input folder are not inputs of the next run.
  const found = await expandInputs(inputs, { exclude: new Set(existingOutDir ? [existingOutDir] : []), jsonOnly: true });
  const jobs = await plan(found, outDir, opts.force);

  const docs: unknown[] = [];
  let unreadable = false;
  let refused = 0;
  for (const job of jobs) {
    const loaded = await loadDocument(job.input.name, DEFAULT_MAX_BYTES, { jsonOnly: true });
    if (!loaded.ok) {
      unreadable ||= loaded.reason === 'unreadable';
      refused++;
      say(`${safeName(loaded.name)}: error: the ${loaded.folder ? 'folder' : 'file'} ${loaded.message}`);
      continue;
    }
    const prepared: Prepared = 'image' in loaded ? { ok: false, problems: [imageProblem(loaded.format)] } : prepare(loaded.json, key, opts.setIssuer);
    for (const warning of prepared.ok ? prepared.warnings : []) say(`${safeName(job.input.name)}: ${warning}`);
    if (!prepared.ok) {
      refused++;
      for (const problem of prepared.problems) say(`${safeName(job.input.name)}: ${problem}`);
      continue;
    }
    docs.push(prepared.doc);
  }
  if (refused > 0) {
    say(`eumc: ${refused} of ${jobs.length} file${jobs.length === 1 ? '' : 's'} cannot be signed; nothing was written`);
    process.exitCode = unreadable ? EXIT.USAGE : EXIT.INVALID;
    return;
  }

  const vc = await import('eu-micro-credentials/vc');
  const options = { key, suite: opts.suite, setIssuer: opts.setIssuer, workers: opts.workers ?? ('auto' as const), ...(opts.created ? { created: opts.created } : {}) };
  let signed: unknown[] | undefined;
  let from = 0;
  const failures: number[] = [];
  while (from < docs.length) {
    try {
      const part = await vc.signCredentials(docs.slice(from), options);
      if (from === 0) signed = part;
      break;
    } catch (error) {
      if (!(error instanceof vc.BatchSigningError)) throw error;
      const index = from + error.index;
      failures.push(index);
      say(`${safeName(jobs[index]!.input.name)}: ${signingProblem(error)}`);
      from = index + 1;
    }
  }
  if (failures.length > 0 || signed === undefined) {
    say(`eumc: ${failures.length} of ${jobs.length} file${jobs.length === 1 ? '' : 's'} cannot be signed; nothing was written`);
    process.exitCode = EXIT.INVALID;
    return;
  }

  await mkdir(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw new UsageError(`cannot make the --out-dir folder ${safeName(outDir)} (${error.code ?? 'I/O error'})`);
  });
  const outDirReal = await realpath(outDir);
  for (const [i, job] of jobs.entries()) {
    // Only folders inside --out-dir, mirroring an input folder's; never through a link out of it.
    await mkdir(dirname(job.out), { recursive: true });
    const folder = await realpath(dirname(job.out));
    if (folder !== outDirReal && !folder.startsWith(`${outDirReal}${sep}`)) throw new UsageError(`cannot write ${safeName(job.out)}: its folder is a symbolic link out of --out-dir`);
    await writeOut(await prepareOut(job.out, 'document', opts.force), `${JSON.stringify(signed[i], null, 2)}\n`);
    process.stdout.write(`${safeName(job.out)}\n`);
  }
  say(`eumc: signed ${jobs.length} credential${jobs.length === 1 ? '' : 's'} into ${safeName(outDir)}`);
}
