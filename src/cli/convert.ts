/**
 * `eumc convert`: a micro-credential to ELM JSON-LD or to an Open Badges 3.0 credential, or an ELM
 * credential (wrapped, sealed or neither) or an Open Badges 3.0 one (JSON, VC-JWT, baked image:
 * ob3-convert.ts) to the model. Problems go to standard error, one line each, their places JSON
 * Pointers into the file given (`(model) /dateOfIssue` for a place in the micro-credential read from it).
 * `--status-list <list-file>` allocates an index in a list file of `eumc status create` and puts
 * its entry into the credential made (`credentialStatus`, or the SD-JWT VC's `status` claim).
 */
import { exportToElm, fromElm, validate } from 'eu-micro-credentials';
import { detectKind } from './check.js';
import type { CredentialStatusEntry } from 'eu-micro-credentials/status';
import { type OutFile, prepareOut, writeOut } from './files.js';
import { type ModelRead, errorLines, issueLine, readInput, reportProblems, say } from './io.js';
import { type ConvertInput, badgeToModel, imageToModel, modelToBadge, readConvertInput } from './ob3-convert.js';
import { badgeForm } from './ob3-detect.js';
import { type ConvertStatus, openStatusList } from './convert-status.js';
import { checkSeal } from './seal.js';
import { type SdJwtVcConvertOptions, modelToSdJwtVc, refuseSdJwtVcOptions, sdJwtVcIssueOptions, sdJwtVcToModel } from './sd-jwt-vc-convert.js';
import { isSdJwt } from './sd-jwt-vc-detect.js';
import { unwrapInput } from './unwrap-input.js';
import { EXIT, UsageError } from './usage.js';

/** The options of `eumc convert`, as commander gives them. */
export interface ConvertOptions extends SdJwtVcConvertOptions {
  to: 'elm' | 'model' | 'ob3' | 'sd-jwt-vc';
  profile: 'edc' | 'ebsi';
  id?: string;
  /** `--to ob3`: the achievement's `id` (default: a new `urn:uuid:`). */
  achievementId?: string;
  incomplete: string;
  out?: string;
  force: boolean;
  /** `--to elm|ob3|sd-jwt-vc`: the list file to allocate the credential's status entry in. */
  statusList?: string;
}

/** Runs `eumc convert`. */
export async function convertCommand(input: string | undefined, opts: ConvertOptions): Promise<void> {
  if (opts.incomplete !== 'error' && opts.incomplete !== 'warn') throw new UsageError('--incomplete must be "error" or "warn"');
  if (opts.achievementId !== undefined && opts.to !== 'ob3') throw new UsageError('--achievement-id is for --to ob3');
  if (opts.to !== 'sd-jwt-vc') refuseSdJwtVcOptions(opts.to, opts);
  const issuing = opts.to === 'sd-jwt-vc' ? await sdJwtVcIssueOptions(opts) : undefined;
  const status = opts.statusList !== undefined ? await openStatusList(opts.statusList, opts.to) : undefined;
  if (opts.statusList !== undefined && status === undefined) return;
  const out = opts.out !== undefined ? await prepareOut(opts.out, 'document', opts.force) : undefined;
  const raw = opts.to === 'model' ? await readConvertInput(input) : { json: await readInput(input) };
  if (opts.to === 'model') {
    const read = await readAsModel(raw);
    if (read === undefined) return;
    await writeOut(out, `${JSON.stringify(read.value ?? null, null, 2)}\n`);
    if (!read.ok) process.exitCode = EXIT.INVALID;
    return;
  }
  const { json } = raw as { json: unknown };
  if (isSdJwt(json)) return reportProblems([`error: the input is an SD-JWT VC: \`convert --to ${opts.to}\` converts a micro-credential; \`convert --to model\` reads this one`]);
  // A badge is read as a badge, before the ELM wrapper rules (a badge without @context included).
  if (badgeForm(json) !== undefined) return reportProblems([`error: the input is an Open Badges 3.0 credential: \`convert --to ${opts.to}\` converts a micro-credential; \`convert --to model\` reads this one`]);
  const given = unwrapInput(json, 'model');
  if (!given.ok) return reportProblems([given.problem]);
  if (given.warning) say(given.warning);
  if (opts.to === 'ob3') return modelToBadge(given.doc, opts, out, status);
  if (issuing !== undefined) return modelToSdJwtVc(given.doc, issuing, out, status);
  return modelToElm(given.doc, opts, out, status);
}

/**
 * Reads a credential of any kind into the model, as `convert --to model` does (and `render`): an
 * SD-JWT VC, an Open Badges 3.0 credential (JSON, VC-JWT, baked image), an ELM credential (wrapped,
 * sealed or neither; a sealed one through the seal verifier, integrity only). Issues and notes go
 * to standard error; `undefined` when problems stopped it (reported, exit code 1).
 */
export async function readAsModel(raw: ConvertInput): Promise<ModelRead | undefined> {
  if ('image' in raw) return imageToModel(raw.image);
  if (isSdJwt(raw.json)) return sdJwtVcToModel(raw.json);
  // A badge is read as a badge, before the ELM wrapper rules (a badge without @context included).
  if (badgeForm(raw.json) !== undefined) return badgeToModel(raw.json, '');
  const given = unwrapInput(raw.json, 'credential');
  if (!given.ok) return void reportProblems([given.problem]);
  if (given.warning) say(given.warning);
  let doc = given.doc;
  let prefix = given.pointer ?? '';
  if (detectKind(doc) === 'sealed') {
    // A sealed file is read through the seal verifier: the credential is the signed payload,
    // and nothing beside it (a forged credential spread next to an intact seal is refused).
    const seal = await sealedPayload(doc);
    if (seal === undefined) return;
    doc = seal;
    prefix = `${prefix}/payload`;
  }
  if (badgeForm(doc) !== undefined) return badgeToModel(doc, prefix);
  const result = await fromElm(doc);
  // An `elm` issue is a place in the file; a `model` one, a place in the micro-credential read.
  for (const i of result.issues) say(issueLine(i.in === 'elm' ? { ...i, path: prefix + i.path } : { ...i, path: '', modelPath: i.path }));
  return { value: result.value, ok: result.ok };
}

/** The library's words for the EBSI profile's refusal of a status entry, in the command line's. */
const ELM_SPELLINGS: readonly (readonly [RegExp, string])[] = [
  [/^toElm\(\): options\.credentialStatus /, '--status-list: the status entry '],
  [/\(profile '(\w+)'\)/g, '(--profile $1)'],
  [/profile '(\w+)'/g, '--profile $1'],
  [/without credentialStatus/g, 'without --status-list'],
];

/**
 * A micro-credential to ELM JSON-LD, with the status entry of `--status-list` when given: the
 * export runs with the preview entry first (the EBSI profile's refusal of an entry, the model's
 * problems: nothing allocated), then with the entry allocated.
 */
async function modelToElm(doc: unknown, opts: ConvertOptions, out: OutFile | undefined, status: ConvertStatus | undefined): Promise<void> {
  const result = validate(doc);
  if (!result.ok) return reportProblems(result.issues.map(issueLine));
  const options = { profile: opts.profile, incomplete: opts.incomplete as 'error' | 'warn', ...(opts.id ? { id: opts.id } : {}) };
  const run = (entry: unknown) => {
    try {
      return exportToElm(result.value, entry === undefined ? options : { ...options, credentialStatus: entry as CredentialStatusEntry });
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      let message = error.message;
      for (const [pattern, words] of ELM_SPELLINGS) message = message.replace(pattern, words);
      reportProblems([`error: ${message}`]);
      return undefined;
    }
  };
  let exported = run(status?.preview);
  if (exported === undefined) return;
  for (const i of exported.issues.filter((x) => x.severity !== 'error')) say(issueLine(i));
  if (!exported.ok) return reportProblems(errorLines(exported.issues));
  if (status !== undefined) {
    const entry = await status.allocate();
    if (entry === undefined) return;
    exported = run(entry);
    if (exported === undefined || !exported.ok) {
      if (exported !== undefined) reportProblems(errorLines(exported.issues));
      return status.kept();
    }
  }
  return writeOut(out, `${JSON.stringify(exported.document, null, 2)}\n`);
}

/**
 * The credential of a sealed file: the signed payload as the seal verifier reads it, never a member
 * of the envelope. Its integrity must hold and the envelope must hold nothing beside the seal;
 * who sealed it is `eumc verify --trust-anchors`'s question, not this one's.
 */
async function sealedPayload(doc: unknown): Promise<unknown> {
  const seal = await checkSeal(doc, { integrityOnly: true });
  const errors = seal.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    reportProblems(errors.map(issueLine));
    return undefined;
  }
  const { credential } = seal;
  if (credential === undefined) {
    reportProblems(['error: the sealed payload is not a credential']);
    return undefined;
  }
  say('note: converted the sealed payload; integrity only: the signer is not checked (eumc verify --trust-anchors checks it)');
  return credential;
}
