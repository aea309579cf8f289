/**
 * `eumc`: the command line for CI pipelines and issuers. Exit codes: 0 success, 1 a document is
 * invalid, unverified, or cannot be converted or signed, 2 usage error or unreadable input (each
 * command's `--help` says what they mean for it). It uses the library through the package's public
 * entry points only, as any user does. This is the only part of the library that touches the
 * process, files and the terminal.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { microCredentialJsonSchema } from 'eu-micro-credentials';
import { KINDS } from './check.js';
import type { ConvertOptions } from './convert.js';
import type { RenderCommandOptions } from './render.js';
import { shareJsonLdTermDefinitions } from './jsonld-speedup.js';
import { type OutFile, type Sink, openSink, prepareOut, removeTemporaryFiles, writeOut } from './files.js';
import { DEFAULT_MAX_BYTES, IMPLICIT_STDIN, expandInputs } from './inputs.js';
import { say } from './io.js';
import { type Reporter, type Summary, jsonReporter, junitReporter, paint, textReporter } from './report.js';
import { type Progress, checkFiles, progressLine } from './run.js';
import { checkOptionsFrom } from './check-options.js';
import { addStatus } from './status.js';
import { addStatusOptions } from './status-options.js';
import { safeLines, safeName } from './text.js';
import { EXIT, UsageError, collect, exitCodesHelp, positiveInt } from './usage.js';

export { EXIT } from './usage.js';

// The installed package's own manifest, read as JSON by require(): a static `import … with { type:
// 'json' }` of an external module loses its attribute in the build (target node20), and Node then
// refuses to load it.
const pkg = createRequire(import.meta.url)('eu-micro-credentials/package.json') as { version: string };

/**
 * Each command's exit codes, in its own `--help` (and in docs/cli.md): what 0, 1 and 2 mean
 * differs from one command to the next. The program's own help gives the rule they share.
 */
const EXIT_CODES = {
  eumc: [
    'success',
    'a document is invalid, not verified, or cannot be converted or signed',
    'usage error (bare `eumc` too), or an input or output file that cannot be used',
  ],
  validate: [
    'every document is valid (warnings allowed unless --strict)',
    'at least one document is invalid (including empty, binary or non-JSON files, and seals without --trust-anchors or --integrity-only)',
    'usage error, or an input could not be read (missing, a folder with no .json/.jsonld file, over --max-size, no permission), or --out cannot be written',
  ],
  verify: [
    'every document is verified',
    'at least one is not verified, or not signed at all (or is not JSON, or is a VC-JWT badge, whose signature this version does not verify), or is revoked or suspended, or its status is unknown (no --status-list for it, without --accept-unchecked-status)',
    'usage error, or an input could not be read (missing, a folder with no .json/.jsonld file, no permission), or --out cannot be written',
  ],
  convert: [
    'converted',
    'the document cannot be converted (the problems, with their codes, on standard error; with --status-list also a full list, or --profile ebsi), or a credential read to the model is not a valid micro-credential (the model is written all the same)',
    'usage error, the input cannot be read or is not JSON, a --key, --holder-key or --x5c that cannot be used (--to sd-jwt-vc), a --status-list file that cannot be used or holds a list of the other format, or --out exists (without --force) or cannot be written',
  ],
  keygen: ['the key is written', undefined, 'usage error: --out exists (without --force) or cannot be written, a bad --seed-file or --controller'],
  sign: [
    'every credential is signed and written',
    'a document cannot be signed (each named on standard error, with its codes); in a batch, nothing is written',
    'usage error: no key or an unusable one, an input that cannot be read (or, for one file, is not JSON), an output that exists (without --force) or cannot be written, an --out-dir whose parent folder does not exist',
  ],
  schema: ['the schema is written', undefined, 'usage error, or --out exists (without --force) or cannot be written'],
  render: [
    'the picture (or a file per language) or the PDF is written',
    'the input cannot be read as a credential, or is not a valid micro-credential (the problems on standard error); nothing is written',
    'usage error: the input or --logo cannot be read (or the input is not JSON, a PNG or an SVG), a bad --lang or --verify-url, or an output exists (without --force) or cannot be written',
  ],
  demo: ['every step ran', undefined, 'the folder cannot be used: --out is not empty (without --force), is a file or a link, or cannot be made'],
} as const satisfies Record<string, readonly [string, string | undefined, string]>;

/** `Exit codes:` and the codes the command can end with, for its `--help`. */
const exitHelp = (command: keyof typeof EXIT_CODES): string => exitCodesHelp(EXIT_CODES[command]);

const colours = () => process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';

function exitCodeOf(summary: Summary): number {
  if (summary.unreadable > 0) return EXIT.USAGE;
  if (summary.failed > 0) return EXIT.INVALID;
  return EXIT.OK;
}

interface ReportOptions {
  format: 'text' | 'json' | 'junit';
  verbose?: boolean;
  out?: string;
}

/**
 * `validate` and `verify`: checks the files and streams the report to standard output or to the
 * `--out` file (replaced atomically at the end, so a reader never sees half a report).
 */
async function checkAndReport(inputs: string[], opts: ReportOptions, run: Omit<Parameters<typeof checkFiles>[1], 'progress'>, progressWanted: boolean): Promise<void> {
  const started = performance.now();
  // Before any work: a report that cannot be written is a usage error, not a surprise at the end.
  const out: OutFile | undefined = opts.out !== undefined ? await prepareOut(opts.out, 'report', false) : undefined;
  const names = (await expandInputs(inputs.length > 0 ? inputs : [IMPLICIT_STDIN])).map((input) => input.name);
  const progress: Progress = progressLine(progressWanted, names.length);
  const sink = await openSink(out);
  // Standard output on the terminal shares the screen with the progress line: clear it first.
  const shown: Sink = out ? sink : { ...sink, write: (text) => (progress.clear(), sink.write(text)) };
  let reporter: Reporter | undefined;
  try {
    reporter = opts.format === 'json' ? await jsonReporter(shown, pkg.version) : opts.format === 'junit' ? await junitReporter(shown) : textReporter(shown, paint(!out && colours()), opts.verbose === true);
    const r = reporter;
    await checkFiles(names, { ...run, progress }, (result) => r.file(result));
    await r.end((performance.now() - started) / 1000);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  } finally {
    await reporter?.dispose();
  }
  const { summary, integrityOnly } = reporter.tally;
  if (out && opts.format !== 'text') process.stderr.write(`${summary.passed} passed, ${summary.failed} failed\n`);
  if (integrityOnly > 0) process.stderr.write(`eumc: integrity only: the signer is not checked (--integrity-only) for ${integrityOnly} sealed document${integrityOnly === 1 ? '' : 's'} or SD-JWT VC${integrityOnly === 1 ? '' : 's'}\n`);
  process.exitCode = exitCodeOf(summary);
}

const WORKERS_HELP = 'worker threads for ELM, signed and sealed files (0: check them in the main thread)';
const PROFILE_HELP = "ELM profile: the EDC shapes, or EBSI's JSON Schema (default: by the credential's @context, VC 2.0: ebsi, else edc)";

/** Builds the program: one function adds each command. */
export function program(): Command {
  const p = new Command('eumc')
    .description('EU micro-credentials: validate, convert to and from ELM, Open Badges 3.0 and SD-JWT VC (the EU wallet\'s format), sign and verify.')
    .version(pkg.version, '-V, --version')
    .addHelpText('after', `${exitHelp('eumc')}\n\n\`eumc <command> --help\` lists the command's options and what its exit codes mean.`)
    .showSuggestionAfterError()
    // commander quotes what was typed (`unknown option '…'`): made safe like every other message.
    .configureOutput({ outputError: (text, write) => write(safeLines(text)) });
  for (const add of [addValidate, addConvert, addKeygen, addSign, addVerify, addStatus, addRender, addSchema, addDemo]) add(p);
  return p;
}

/** `eumc validate`: documents of every kind, reported as text, JSON or JUnit. */
function addValidate(p: Command): void {
  const command = p
    .command('validate')
    .description('Validate documents: micro-credential JSON, ELM JSON-LD, Open Badges 3.0 credentials (JSON, or a VC-JWT as a JSON string), signed VCs and EDC-sealed envelopes (their signature or seal, and their content), SD-JWT VCs (their claims, against the micro-credential rulebook; `verify` checks their signature); the kind is detected per file, wrappers are unwrapped.')
    .argument('[inputs...]', 'files, folders (their *.json and *.jsonld files, recursively), globs (quote them: "credentials/**/*.json"), or - for standard input (the default)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .addOption(new Option('-k, --kind <kind>', 'force the document kind').choices(['auto', ...KINDS]).default('auto'))
    .addOption(new Option('--profile <profile>', PROFILE_HELP).choices(['edc', 'ebsi']))
    .option('--model', 'also read ELM and Open Badges 3.0 credentials (signed, sealed or not) into the model and hold them to the Annex I rules', false)
    .option('--strict', 'warnings fail too', false)
    .option('-o, --out <file>', 'write the report to a file instead of standard output (replaced on each run; its folder must exist)')
    .option('--concurrency <n>', 'files checked at once', positiveInt('--concurrency'), 16)
    .option('--workers <n>', `${WORKERS_HELP} (default: ${availableParallelism()}, the available parallelism)`, positiveInt('--workers', 0))
    .option('--max-size <mb>', 'skip and report files larger than this many megabytes', positiveInt('--max-size'), DEFAULT_MAX_BYTES / 1048576)
    .option('--now <date>', 'check validity periods at this time (signed documents)')
    .option('--trusted-issuers <file>', 'JSON array of trusted issuer ids (signed documents)')
    .option('--controllers <file>', 'a controller document of a did:web / https issuer (repeat for more)', collect)
    .option('--trust-anchors <file>', 'a PEM file of certificates trusted for EDC seals (repeat for more)', collect)
    .option('--integrity-only', 'EDC seals without --trust-anchors pass on integrity alone: the signer is not checked', false)
    .option('-v, --verbose', 'list passing files and info-level findings', false)
    .option('--no-progress', 'no progress line on a terminal')
    .addHelpText('after', `${exitHelp('validate')}\n\nExamples:\n  eumc validate credentials/\n  eumc validate 'credentials/**/*.json'\n  eumc validate --format junit --out eumc.xml 'credentials/**/*.json'\n  cat mc.json | eumc validate -`)
    .action(async (inputs: string[], opts) => {
      const check = await checkOptionsFrom(opts);
      await checkAndReport(inputs, opts, { kind: opts.kind, concurrency: opts.concurrency, ...(opts.workers !== undefined ? { workers: opts.workers } : {}), maxBytes: opts.maxSize * 1048576, strict: opts.strict, check }, opts.progress);
    });
  addStatusOptions(command);
}

/** `eumc convert` (convert.ts). */
function addConvert(p: Command): void {
  p.command('convert')
    .description('Convert a micro-credential to ELM JSON-LD or to an Open Badges 3.0 credential, or an ELM or Open Badges 3.0 credential to the model.')
    .argument('[input]', 'a file, or - for standard input (the default); for --to model also a badge baked into a PNG or SVG file, or a VC-JWT in a .jwt/.jws file')
    .addOption(new Option('--to <format>', 'target: elm, ob3 (Open Badges 3.0), sd-jwt-vc (the EU wallet\'s SD-JWT VC), or model').choices(['elm', 'ob3', 'sd-jwt-vc', 'model']).makeOptionMandatory())
    .addOption(new Option('--profile <profile>', 'ELM profile').choices(['edc', 'ebsi']).default('edc'))
    .option('--id <uri>', 'the credential id when the model has none (default: a new urn:uuid:)')
    .option('--achievement-id <uri>', '--to ob3: the achievement\'s id, the course or badge class every learner\'s badge shares (default: a new urn:uuid:)')
    .option('--incomplete <mode>', '"warn": export even when the EDC shapes need facts the model lacks', 'error')
    .option('--key <file>', '--to sd-jwt-vc: the issuer\'s private JWK (ES256 or EdDSA; `eumc keygen --format jwk`)')
    .option('--holder-key <file>', '--to sd-jwt-vc: the holder\'s public JWK, bound in `cnf` (a presentation then needs the holder\'s key-binding JWT)')
    .option('--issuer <uri>', '--to sd-jwt-vc: the `iss` claim (e.g. https://uni.example.eu, which publishes its keys)')
    .option('--x5c <pem>', '--to sd-jwt-vc: a PEM file of the issuer\'s certificate chain (leaf first) for the `x5c` header')
    .option('--vct <type>', '--to sd-jwt-vc: the credential type (default: VerifiableMicroCredential)')
    .option('--status-list <list-file>', '--to elm, ob3 or sd-jwt-vc: allocate an index in this list file (`eumc status create`; bitstring for elm and ob3, token for sd-jwt-vc) and put its entry into the credential. The list is saved before the credential is written; if the conversion fails after that, the index stays allocated, never reused')
    .option('-o, --out <file>', 'write to a new file instead of standard output (its folder must exist)')
    .option('--force', 'replace the --out file if it exists', false)
    .addHelpText('after', `${exitHelp('convert')}\n\nExamples:\n  eumc convert --to elm mc.json --out mc.jsonld\n  eumc convert --to ob3 mc.json --out badge.json\n  eumc convert --to sd-jwt-vc mc.json --key issuer-key.json --issuer https://uni.example.eu --out mc.sd-jwt\n  eumc convert --to elm mc.json --status-list revocation.json --out mc.jsonld\n  eumc convert --to model edc-credential.jsonld\n  eumc convert --to model badge.png`)
    .action(async (input: string | undefined, opts: ConvertOptions) => {
      const { convertCommand } = await import('./convert.js');
      await convertCommand(input, opts);
    });
}

/** `eumc keygen`. */
function addKeygen(p: Command): void {
  p.command('keygen')
    .description('Generate an issuer key: Ed25519 for `eumc sign` (default), or with --format jwk a JWK for SD-JWT VC (also a holder\'s key). The key file holds the private key: keep it secret.')
    .requiredOption('-o, --out <file>', 'a new file for the key (JSON, mode 0600; never printed; never overwritten without --force)')
    .option('--force', 'replace an existing key file (atomically; the old key is gone)', false)
    .option('--seed-file <file>', 'a file with a 32-byte seed (raw, or 64 hex characters): the same seed gives the same key')
    .option('--controller <id>', 'the issuer: did:web:… or https://… (default: the key\'s did:key)')
    .option('--id <id>', 'the key id (default: <controller>#<fingerprint>; for --format jwk, the JWK thumbprint)')
    .addOption(new Option('--format <format>', 'multikey: for `eumc sign`; jwk: a JWK for SD-JWT VC (the public JWK is printed)').choices(['multikey', 'jwk']).default('multikey'))
    .addOption(new Option('--alg <alg>', '--format jwk: ES256 (P-256, the EU wallet\'s) or EdDSA (Ed25519)').choices(['ES256', 'EdDSA']))
    .addHelpText('after', `${exitHelp('keygen')}\n\nPrints the public part (and, for did:web/https issuers, the controller document to publish).`)
    .action(keygen);
}

/** `eumc keygen`: a new issuer key, written to a new file; its public part printed. */
async function keygen(opts: { out: string; force: boolean; seedFile?: string; controller?: string; id?: string; format: 'multikey' | 'jwk'; alg?: 'ES256' | 'EdDSA' }): Promise<void> {
  if (opts.format === 'jwk' && (opts.seedFile !== undefined || opts.controller !== undefined)) throw new UsageError('--seed-file and --controller are for --format multikey (eumc sign\'s keys)');
  if (opts.format !== 'jwk' && opts.alg !== undefined) throw new UsageError('--alg is for --format jwk');
  const out = await prepareOut(opts.out, 'key', opts.force);
  if (opts.format === 'jwk') return (await import('./sd-jwt-vc-keygen.js')).keygenJwk(out, opts.out, { alg: opts.alg ?? 'ES256', ...(opts.id !== undefined ? { id: opts.id } : {}) });
  let seed: Uint8Array | undefined;
  const seedFile = opts.seedFile;
  if (seedFile) {
    const raw = await readFile(seedFile).catch(() => {
      throw new UsageError(`the seed file ${safeName(seedFile)} cannot be read`);
    });
    const text = raw.toString('utf8').trim();
    seed = /^[0-9a-fA-F]{64}$/.test(text) ? Uint8Array.from(Buffer.from(text, 'hex')) : raw.length === 32 ? new Uint8Array(raw) : undefined;
    if (!seed) throw new UsageError('the seed file must hold exactly 32 bytes, or 64 hexadecimal characters');
  }
  const { exportKey, generateIssuerKey } = await import('eu-micro-credentials/vc');
  let key;
  try {
    key = await generateIssuerKey({ ...(seed ? { seed } : {}), ...(opts.controller ? { controller: opts.controller } : {}), ...(opts.id ? { id: opts.id } : {}) });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const secret = await exportKey(key, { includePrivate: true });
  await writeOut(out, `${JSON.stringify(secret, null, 2)}\n`);
  const pub = await exportKey(key);
  process.stdout.write(`${JSON.stringify({ key: pub, ...(key.controller.startsWith('did:key:') ? {} : { controllerDocument: key.controllerDocument() }) }, null, 2)}\n`);
  say(`Private key written to ${safeName(opts.out)} (mode 0600)`);
}

/** `eumc sign` (sign.ts). */
function addSign(p: Command): void {
  p.command('sign')
    .description('Sign credentials (ELM JSON-LD, any VC 1.1/2.0, or micro-credentials, which are exported to ELM first): one to standard output or --out, or a batch (a folder, several files, a glob) into --out-dir.')
    .argument('[inputs...]', 'a file or - for standard input (the default); or, with --out-dir, files, folders (their *.json and *.jsonld files, recursively) and globs')
    .option('--key <file>', 'the issuer key file from `eumc keygen` (or set EUMC_ISSUER_KEY to its JSON)')
    .addOption(new Option('--suite <suite>', 'proof suite').choices(['Ed25519Signature2020', 'eddsa-rdfc-2022', 'eddsa-jcs-2022']).default('Ed25519Signature2020'))
    .option('--set-issuer', 'set the credential\'s issuer to the key\'s controller', false)
    .option('--created <date>', 'the proof\'s created time (default now; one time for the whole batch)')
    .option('-o, --out <file>', 'write one signed credential to a new file instead of standard output (its folder must exist)')
    .option('--out-dir <folder>', 'write each signed credential to this folder (made if missing; its parent must exist): a file found in an input folder at the same path inside it, any other by its name')
    .option('--force', 'replace output files that exist', false)
    .option('--workers <n>', 'worker threads signing a batch (0: sign in the main thread; default: one per core for a large batch, none for a small one)', positiveInt('--workers', 0))
    .addHelpText('after', `${exitHelp('sign')}\n\nExamples:\n  eumc sign --key issuer-key.json --set-issuer mc.json --out signed.json\n  eumc sign --key issuer-key.json --set-issuer credentials/ --out-dir signed/\n\nPrivate keys are read from a file or the environment, never from the command line.`)
    .action(async (inputs: string[], opts) => {
      const { signCommand } = await import('./sign.js');
      await signCommand(inputs, opts);
    });
}

/** `eumc verify`: signed and sealed documents. */
function addVerify(p: Command): void {
  const command = p
    .command('verify')
    .description('Verify signed credentials (W3C VC proofs, Open Badges 3.0 with an embedded proof included), EDC-sealed credentials and SD-JWT VCs (issued or presented: the issuer\'s signature with --issuer-keys or --trust-anchors, the disclosures, the key binding). VC-JWT badges are not verified by this version: they fail.')
    .argument('[inputs...]', 'files, folders (their *.json and *.jsonld files, recursively), globs, or - for standard input (the default)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'junit']).default('text'))
    .option('--now <date>', 'check validity periods at this time')
    .option('--trusted-issuers <file>', 'JSON array of trusted issuer ids')
    .option('--controllers <file>', 'a controller document of a did:web / https issuer (repeat for more; did:key needs none)', collect)
    .option('--trust-anchors <file>', 'a PEM file of certificates trusted for EDC seals (repeat for more)', collect)
    .option('--integrity-only', 'EDC seals without --trust-anchors, and SD-JWT VCs with an x5c header, pass on integrity alone: the signer is not checked', false)
    .option('--issuer-keys <file>', 'SD-JWT VC: the issuer\'s public keys, a JWK or a JWK Set file (repeat for more)', collect)
    .option('--audience <aud>', 'SD-JWT VC: the audience the key-binding JWT must name (the verifier)')
    .option('--nonce <nonce>', 'SD-JWT VC: the nonce the key-binding JWT must carry')
    .option('--workers <n>', WORKERS_HELP, positiveInt('--workers', 0))
    .option('-o, --out <file>', 'write the report to a file (replaced on each run; its folder must exist)')
    .option('-v, --verbose', 'list passing files', false)
    .addHelpText('after', `${exitHelp('verify')}\n\nExamples:\n  eumc verify signed.json --trusted-issuers issuers.json\n  eumc verify signed/\n  eumc verify --issuer-keys issuer-jwks.json mc.sd-jwt\n  eumc verify signed.json --status-list revocation-list.json`)
    .action(async (inputs: string[], opts) => {
      const check = await checkOptionsFrom(opts);
      await checkAndReport(inputs, opts, { kind: 'auto', concurrency: 8, ...(opts.workers !== undefined ? { workers: opts.workers } : {}), maxBytes: DEFAULT_MAX_BYTES, strict: false, check, verifyOnly: true }, true);
    });
  addStatusOptions(command);
}

/** `eumc render` (render.ts). */
function addRender(p: Command): void {
  p.command('render')
    .description('Draw a credential for people: an SVG, PNG or JPEG picture, or a PDF (a page per language, the input file attached as it is), labelled in the credential\'s languages. Reads what `convert --to model` reads, and micro-credential JSON. Rendering verifies nothing: a forged credential renders as well as a genuine one (`eumc verify` checks signatures and seals).')
    .argument('<file>', 'micro-credential JSON, ELM JSON-LD (wrapped, signed or sealed), an Open Badges 3.0 credential (JSON, VC-JWT, baked PNG or SVG), or an SD-JWT VC')
    .addOption(new Option('--format <format>', 'what to write').choices(['svg', 'png', 'jpeg', 'pdf']).makeOptionMandatory())
    .option('--lang <tags>', 'the language: a tag (de), several separated by commas, or all (the credential\'s languages). Default: the primary language; for pdf, a page per language the credential carries. Several languages in svg, png or jpeg: a file each, --out with the tag before its extension (card.png: card.de.png, card.en.png)')
    .option('--verify-url <url>', 'an http(s) URL where the credential can be checked: printed and drawn as a QR code')
    .option('--logo <file>', 'the issuer\'s logo, a PNG, JPEG or SVG file (at most 2 MB)')
    .requiredOption('-o, --out <file>', 'the file to write (its folder must exist)')
    .option('--force', 'replace output files that exist', false)
    .addHelpText('after', `${exitHelp('render')}\n\nExamples:\n  eumc render mc.json --format pdf --verify-url https://uni.example.eu/verify/123 --out mc.pdf\n  eumc render signed.jsonld --format png --lang de --out card.png\n  eumc render badge.png --format svg --lang all --out card.svg`)
    .action(async (input: string, opts: RenderCommandOptions) => {
      const { renderCommand } = await import('./render.js');
      await renderCommand(input, opts);
    });
}

/** `eumc schema`: the JSON Schema of the model. */
function addSchema(p: Command): void {
  p.command('schema')
    .description('Print the JSON Schema (draft 2020-12) of the micro-credential model.')
    .option('-o, --out <file>', 'write to a new file instead of standard output (its folder must exist)')
    .option('--force', 'replace the --out file if it exists', false)
    .addHelpText('after', exitHelp('schema'))
    .action(async (opts) => {
      const out = opts.out !== undefined ? await prepareOut(opts.out, 'document', opts.force) : undefined;
      await writeOut(out, `${JSON.stringify(microCredentialJsonSchema(), null, 2)}\n`);
    });
}

/** `eumc demo` (demo.ts). */
function addDemo(p: Command): void {
  p.command('demo')
    .description('Build the built-in example, validate it, export it to ELM, check the EU shapes, sign and verify it, and write what it made to a new folder.')
    .option('-o, --out <folder>', 'the folder to write to (made if it does not exist; must be empty) (default: a new eumc-demo, eumc-demo-2, … in the current folder)')
    .option('--force', 'write into a --out folder that is not empty, replacing the demo\'s files there', false)
    .addHelpText('after', `${exitHelp('demo')}\n\nWrites micro-credential.json (the model), credential.jsonld (ELM), credential-signed.jsonld and credential.svg (its picture).`)
    .action(async (opts: { out?: string; force: boolean }) => {
      const { runDemo } = await import('./demo.js');
      await runDemo(paint(colours()), { ...(opts.out !== undefined ? { out: opts.out } : {}), force: opts.force });
    });
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  shareJsonLdTermDefinitions();
  // An interrupted run leaves no temporary file beside the user's (nor a half-written new one).
  process.once('exit', removeTemporaryFiles);
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
    process.once(signal, () => {
      removeTemporaryFiles();
      process.exit(128 + number);
    });
  }
  // A reader that goes away (`eumc validate … | head`): the report cannot be written, exit 2.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.USAGE);
    throw error;
  });
  const p = program();
  // Every command, `status`'s subcommands too, ends through the catch below rather than process.exit.
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(p);
  try {
    await p.parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // `--help`, `eumc help`: asked for (0). A bare `eumc` has commander print the help to standard
      // error as an error (its exitCode 1): a command is missing, a usage error (2).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.OK;
      if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return EXIT.USAGE; // commander has printed the message
    }
    if (error instanceof UsageError) {
      say(`eumc: ${error.message}`);
      return EXIT.USAGE;
    }
    say(`eumc: unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.USAGE;
  }
}
