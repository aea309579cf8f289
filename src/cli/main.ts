/**
 * `eumc`: the command line for CI pipelines and issuers. Exit codes: 0 all valid (or verified),
 * 1 at least one invalid (or unverified) document, 2 usage error or unreadable input.
 * This is the only part of the library that touches the process, files and the terminal.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { fromElm, microCredentialJsonSchema, toElm, validate } from '../index.js';
import { type CheckOptions, type FileResult, KINDS, type Kind, check, detectKind } from './check.js';
import { DEFAULT_MAX_BYTES, IMPLICIT_STDIN, expandInputs, load } from './inputs.js';
import { jsonReport, junitReport, paint, summarize, textReport } from './report.js';

/** Exit codes, documented in `--help` and docs/cli.md. */
export const EXIT = { OK: 0, INVALID: 1, USAGE: 2 } as const;

/** A user error: printed as one line, never as a stack trace. */
class UsageError extends Error {}

const EXIT_HELP = `
Exit codes:
  0  every document is valid (warnings allowed unless --strict)
  1  at least one document is invalid (or, for verify, not verified)
  2  usage error, or an input could not be read (missing, a directory, too large, unreadable)`;

const colours = () => process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

async function output(text: string, out: string | undefined): Promise<void> {
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} ${path} is not valid JSON`);
  }
}

/** Reads one input document (a file or `-`), or fails with a usage error naming it. */
async function readInput(input: string | undefined, maxBytes = DEFAULT_MAX_BYTES): Promise<unknown> {
  const loaded = await load(input ?? IMPLICIT_STDIN, maxBytes);
  if (!loaded.ok) throw new UsageError(`${loaded.name} ${loaded.message}`);
  return loaded.json;
}

async function checkOptionsFrom(opts: { now?: string; trustedIssuers?: string; controllers?: string[]; trustAnchors?: string[]; profile?: 'edc' | 'ebsi' }): Promise<CheckOptions> {
  const out: CheckOptions = {};
  if (opts.now) {
    const now = new Date(opts.now);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${JSON.stringify(opts.now)} is not a date`);
    out.now = now;
  }
  if (opts.trustedIssuers) {
    const list = await readJsonFile(opts.trustedIssuers, 'the trusted-issuers file');
    const ids = Array.isArray(list) ? list : (list as { issuers?: unknown })?.issuers;
    if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string')) throw new UsageError('the trusted-issuers file must hold a JSON array of issuer ids (or { "issuers": [...] })');
    out.trustedIssuers = ids as string[];
  }
  if (opts.controllers?.length) out.controllers = (await Promise.all(opts.controllers.map((c) => readJsonFile(c, 'the controller document')))) as object[];
  if (opts.trustAnchors?.length) out.trustAnchors = await Promise.all(opts.trustAnchors.map((f) => readFile(f, 'utf8')));
  if (opts.profile) out.profile = opts.profile;
  return out;
}

/** Validates many files in parallel, streaming: at most `concurrency` documents are in memory. */
async function validateFiles(
  names: readonly string[],
  options: { kind: Kind | 'auto'; concurrency: number; maxBytes: number; strict: boolean; check: CheckOptions; progress: boolean; verifyOnly?: boolean },
): Promise<FileResult[]> {
  const results: FileResult[] = new Array(names.length);
  let next = 0;
  let done = 0;
  const showProgress = options.progress && process.stderr.isTTY === true && !process.env.CI && names.length > 1;
  let lastShown = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= names.length) return;
      const started = performance.now();
      const loaded = await load(names[index]!, options.maxBytes);
      let result: FileResult;
      if (!loaded.ok) {
        result = {
          file: loaded.name,
          kind: null,
          status: loaded.reason === 'unreadable' ? 'unreadable' : 'failed',
          issues: [{ code: loaded.reason === 'unreadable' ? 'EUMC_UNREADABLE' : 'EUMC_NOT_JSON', severity: 'error', path: '', message: `${loaded.name === '(stdin)' ? 'Standard input' : 'The file'} ${loaded.message}.` }],
          durationMs: performance.now() - started,
        };
      } else {
        const kind = options.kind === 'auto' ? detectKind(loaded.json) : options.kind;
        let issues;
        if (options.verifyOnly && kind !== 'signed' && kind !== 'sealed') {
          issues = [{ code: 'EUMC_NOT_SIGNED', severity: 'error' as const, path: '', message: 'The document has no proof and no seal: there is nothing to verify (sign it with `eumc sign`).' }];
        } else {
          issues = await check(loaded.json, kind, options.check);
        }
        const failed = issues.some((i) => i.severity === 'error' || (options.strict && i.severity === 'warning'));
        result = { file: loaded.name, kind, status: failed ? 'failed' : 'passed', issues, durationMs: performance.now() - started };
      }
      results[index] = result;
      done++;
      if (showProgress && performance.now() - lastShown > 100) {
        lastShown = performance.now();
        process.stderr.write(`\r${done}/${names.length} checked`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, names.length)) }, worker));
  if (showProgress) process.stderr.write('\r\u001b[K');
  return results;
}

function exitCodeOf(results: readonly FileResult[]): number {
  if (results.some((r) => r.status === 'unreadable')) return EXIT.USAGE;
  if (results.some((r) => r.status === 'failed')) return EXIT.INVALID;
  return EXIT.OK;
}

/**
 * Collects a repeatable option (`--controllers a.json --controllers b.json`). One value per option:
 * a variadic option would take the input files written after it for more of its own values.
 */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of at least 1`);
    return n;
  };
}

/** Builds the program. */
export function program(): Command {
  const p = new Command('eumc')
    .description('EU micro-credentials: validate, convert to and from ELM, sign and verify.')
    .version(pkg.version, '-V, --version')
    .addHelpText('after', EXIT_HELP)
    .showSuggestionAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });

  p.command('validate')
    .description('Validate documents: micro-credential JSON, ELM JSON-LD, signed VCs, EDC-sealed envelopes (kind detected per file).')
    .argument('[inputs...]', 'files, globs (quote them: "credentials/**/*.json"), or - for standard input (the default)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .addOption(new Option('-k, --kind <kind>', 'force the document kind').choices(['auto', ...KINDS]).default('auto'))
    .addOption(new Option('--profile <profile>', 'ELM profile: the EDC shapes, or EBSI\'s JSON Schema').choices(['edc', 'ebsi']).default('edc'))
    .option('--strict', 'warnings fail too', false)
    .option('-o, --out <file>', 'write the report to a file instead of standard output')
    .option('--concurrency <n>', 'files checked at once', positiveInt('--concurrency'), 16)
    .option('--max-size <mb>', 'skip and report files larger than this many megabytes', positiveInt('--max-size'), DEFAULT_MAX_BYTES / 1048576)
    .option('--now <date>', 'check validity periods at this time (signed documents)')
    .option('--trusted-issuers <file>', 'JSON array of trusted issuer ids (signed documents)')
    .option('--controllers <file>', 'a controller document of a did:web / https issuer (repeat for more)', collect)
    .option('--trust-anchors <file>', 'a PEM file of certificates trusted for EDC seals (repeat for more)', collect)
    .option('-v, --verbose', 'list passing files and info-level findings', false)
    .option('--no-progress', 'no progress line on a terminal')
    .addHelpText('after', `${EXIT_HELP}\n\nExamples:\n  eumc validate 'credentials/**/*.json'\n  eumc validate --format junit --out eumc.xml 'credentials/**/*.json'\n  cat mc.json | eumc validate -`)
    .action(async (inputs: string[], opts) => {
      const started = performance.now();
      const names = await expandInputs(inputs.length > 0 ? inputs : [IMPLICIT_STDIN]);
      const results = await validateFiles(names, {
        kind: opts.kind,
        concurrency: opts.concurrency,
        maxBytes: opts.maxSize * 1048576,
        strict: opts.strict,
        check: await checkOptionsFrom(opts),
        progress: opts.progress,
      });
      const seconds = (performance.now() - started) / 1000;
      const report =
        opts.format === 'json' ? jsonReport(results, pkg.version) : opts.format === 'junit' ? junitReport(results, seconds) : textReport(results, paint(!opts.out && colours()), opts.verbose);
      await output(report, opts.out);
      if (opts.out && opts.format !== 'text') {
        const s = summarize(results);
        process.stderr.write(`${s.passed} passed, ${s.failed} failed\n`);
      }
      process.exitCode = exitCodeOf(results);
    });

  p.command('convert')
    .description('Convert a micro-credential to ELM JSON-LD, or an ELM credential to the model.')
    .argument('[input]', 'a file, or - for standard input (the default)')
    .addOption(new Option('--to <format>', 'target').choices(['elm', 'model']).makeOptionMandatory())
    .addOption(new Option('--profile <profile>', 'ELM profile').choices(['edc', 'ebsi']).default('edc'))
    .option('--id <uri>', 'the credential id when the model has none (default: a new urn:uuid:)')
    .option('--incomplete <mode>', '"warn": export even when the EDC shapes need facts the model lacks', 'error')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .addHelpText('after', `${EXIT_HELP}\n\nExamples:\n  eumc convert --to elm mc.json --out mc.jsonld\n  eumc convert --to model edc-credential.jsonld`)
    .action(async (input: string, opts) => {
      const doc = await readInput(input);
      if (opts.incomplete !== 'error' && opts.incomplete !== 'warn') throw new UsageError('--incomplete must be "error" or "warn"');
      if (opts.to === 'elm') {
        const result = validate(doc);
        if (!result.ok) return reportProblems(result.issues.map((i) => `${i.severity} ${i.path.join('.')}: ${i.message} [${i.code}]`));
        const { exportToElm } = await import('../elm/to-elm.js');
        const exported = exportToElm(result.value, { profile: opts.profile, incomplete: opts.incomplete, ...(opts.id ? { id: opts.id } : {}) });
        for (const i of exported.issues.filter((x) => x.severity !== 'error')) process.stderr.write(`warning ${i.path.join('.')}: ${i.message} [${i.code}]\n`);
        if (!exported.ok) return reportProblems(exported.issues.filter((x) => x.severity === 'error').map((i) => `error ${i.path.join('.')}: ${i.message} [${i.code}]`));
        await output(`${JSON.stringify(exported.document, null, 2)}\n`, opts.out);
      } else {
        const result = fromElm(doc);
        for (const i of result.issues) process.stderr.write(`${i.severity} ${i.in}:${Array.isArray(i.path) ? i.path.join('.') : ''}: ${i.message} [${i.code}]\n`);
        await output(`${JSON.stringify(result.value, null, 2)}\n`, opts.out);
        if (!result.ok) process.exitCode = EXIT.INVALID;
      }
    });

  p.command('keygen')
    .description('Generate an Ed25519 issuer key. The key file holds the private key: keep it secret.')
    .requiredOption('-o, --out <file>', 'where to write the key (JSON, created with mode 0600; never printed)')
    .option('--seed-file <file>', 'a file with a 32-byte seed (raw, or 64 hex characters): the same seed gives the same key')
    .option('--controller <id>', 'the issuer: did:web:… or https://… (default: the key\'s did:key)')
    .option('--id <id>', 'the key id (default: <controller>#<fingerprint>)')
    .addHelpText('after', `${EXIT_HELP}\n\nPrints the public part (and, for did:web/https issuers, the controller document to publish).`)
    .action(async (opts) => {
      let seed: Uint8Array | undefined;
      if (opts.seedFile) {
        const raw = await readFile(opts.seedFile).catch(() => {
          throw new UsageError(`the seed file ${opts.seedFile} cannot be read`);
        });
        const text = raw.toString('utf8').trim();
        seed = /^[0-9a-fA-F]{64}$/.test(text) ? Uint8Array.from(Buffer.from(text, 'hex')) : raw.length === 32 ? new Uint8Array(raw) : undefined;
        if (!seed) throw new UsageError('the seed file must hold exactly 32 bytes, or 64 hexadecimal characters');
      }
      const { exportKey, generateIssuerKey } = await import('../vc/keys.js');
      let key;
      try {
        key = await generateIssuerKey({ ...(seed ? { seed } : {}), ...(opts.controller ? { controller: opts.controller } : {}), ...(opts.id ? { id: opts.id } : {}) });
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
      const secret = await exportKey(key, { includePrivate: true });
      await writeFile(opts.out, `${JSON.stringify(secret, null, 2)}\n`, { mode: 0o600 });
      const pub = await exportKey(key);
      process.stdout.write(`${JSON.stringify({ key: pub, ...(key.controller.startsWith('did:key:') ? {} : { controllerDocument: key.controllerDocument() }) }, null, 2)}\n`);
      process.stderr.write(`Private key written to ${opts.out}\n`);
    });

  p.command('sign')
    .description('Sign a credential (ELM JSON-LD, any VC 1.1/2.0, or a micro-credential, which is exported to ELM first).')
    .argument('[input]', 'a file, or - for standard input (the default)')
    .option('--key <file>', 'the issuer key file from `eumc keygen` (or set EUMC_ISSUER_KEY to its JSON)')
    .addOption(new Option('--suite <suite>', 'proof suite').choices(['Ed25519Signature2020', 'eddsa-rdfc-2022', 'eddsa-jcs-2022']).default('Ed25519Signature2020'))
    .option('--set-issuer', 'set the credential\'s issuer to the key\'s controller', false)
    .option('--created <date>', 'the proof\'s created time (default now)')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .addHelpText('after', `${EXIT_HELP}\n\nPrivate keys are read from a file or the environment, never from the command line.`)
    .action(async (input: string, opts) => {
      const keyJson = opts.key ? await readJsonFile(opts.key, 'the key file') : process.env.EUMC_ISSUER_KEY ? parseKeyEnv(process.env.EUMC_ISSUER_KEY) : undefined;
      if (keyJson === undefined) throw new UsageError('give the issuer key with --key <file> or the EUMC_ISSUER_KEY environment variable');
      const { importIssuerKey } = await import('../vc/keys.js');
      const { signCredential } = await import('../vc/sign.js');
      let key;
      try {
        key = await importIssuerKey(keyJson as never);
      } catch (error) {
        throw new UsageError(`the issuer key cannot be used: ${error instanceof Error ? error.message.replace(/^importIssuerKey\(\): /, '') : 'unreadable'}`);
      }
      if (!key.canSign) throw new UsageError('the key has no private part: use the file written by `eumc keygen`');
      let doc = await readInput(input);
      if (detectKind(doc) === 'model') {
        const result = validate(doc);
        if (!result.ok) return reportProblems(result.issues.filter((i) => i.severity === 'error').map((i) => `error ${i.path.join('.')}: ${i.message} [${i.code}]`));
        const mc = opts.setIssuer ? { ...result.value, issuer: { ...result.value.issuer, id: key.controller } } : result.value;
        doc = toElm(mc);
      }
      try {
        const signed = await signCredential(doc, { key, suite: opts.suite, setIssuer: opts.setIssuer, ...(opts.created ? { created: opts.created } : {}) });
        await output(`${JSON.stringify(signed, null, 2)}\n`, opts.out);
      } catch (error) {
        const reason = (error as { reason?: string }).reason;
        return reportProblems([`error: ${error instanceof Error ? error.message : String(error)}${reason ? ` [${reason}]` : ''}`]);
      }
    });

  p.command('verify')
    .description('Verify signed credentials (W3C VC proofs) and EDC-sealed credentials.')
    .argument('[inputs...]', 'files, globs, or - for standard input (the default)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .option('--now <date>', 'check validity periods at this time')
    .option('--trusted-issuers <file>', 'JSON array of trusted issuer ids')
    .option('--controllers <file>', 'a controller document of a did:web / https issuer (repeat for more; did:key needs none)', collect)
    .option('--trust-anchors <file>', 'a PEM file of certificates trusted for EDC seals (repeat for more)', collect)
    .option('-o, --out <file>', 'write the report to a file')
    .option('-v, --verbose', 'list passing files', false)
    .addHelpText('after', `${EXIT_HELP.replace('is invalid', 'is not verified')}\n\nExample:\n  eumc verify signed.json --trusted-issuers issuers.json`)
    .action(async (inputs: string[], opts) => {
      const started = performance.now();
      const names = await expandInputs(inputs.length > 0 ? inputs : [IMPLICIT_STDIN]);
      const results = await validateFiles(names, { kind: 'auto', concurrency: 8, maxBytes: DEFAULT_MAX_BYTES, strict: false, check: await checkOptionsFrom(opts), progress: true, verifyOnly: true });
      const seconds = (performance.now() - started) / 1000;
      const report = opts.format === 'json' ? jsonReport(results, pkg.version) : opts.format === 'junit' ? junitReport(results, seconds) : textReport(results, paint(!opts.out && colours()), opts.verbose);
      await output(report, opts.out);
      process.exitCode = exitCodeOf(results);
    });

  p.command('schema')
    .description('Print the JSON Schema (draft 2020-12) of the micro-credential model.')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (opts) => {
      await output(`${JSON.stringify(microCredentialJsonSchema(), null, 2)}\n`, opts.out);
    });

  p.command('demo')
    .description('Build the built-in example, validate it, export it to ELM, check the EU shapes, sign and verify it.')
    .action(async () => {
      const { runDemo } = await import('./demo.js');
      await runDemo(paint(colours()));
    });

  return p;
}

function parseKeyEnv(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError('EUMC_ISSUER_KEY is not valid JSON (it should hold the key file written by `eumc keygen`)');
  }
}

function reportProblems(lines: string[]): void {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exitCode = EXIT.INVALID;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const p = program();
  p.exitOverride();
  for (const c of p.commands) c.exitOverride();
  try {
    await p.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE; // commander has printed the message
    }
    if (error instanceof UsageError) {
      process.stderr.write(`eumc: ${error.message}\n`);
      return EXIT.USAGE;
    }
    process.stderr.write(`eumc: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.USAGE;
  }
}
