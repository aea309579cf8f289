/**
 * `eumc convert` and Open Badges 3.0: a micro-credential to an `OpenBadgeCredential`
 * (`exportToOpenBadge`), and a badge to the model (`fromOpenBadge`) from each form a badge comes in:
 * the credential as JSON (signed with an embedded proof or not), a VC-JWT (a compact JWS, as a JSON
 * string or as the text of a `.jwt`/`.jws` file), or baked into a PNG or SVG image. Nothing here
 * verifies a signature: `eumc verify` does, for embedded proofs.
 */
import { readFile, stat } from 'node:fs/promises';
import type { CredentialStatusEntry } from 'eu-micro-credentials/status';
import type { ConvertStatus } from './convert-status.js';
import { type OutFile, writeOut } from './files.js';
import { DEFAULT_MAX_BYTES } from './inputs.js';
import { type ModelRead, issueLine, readInput, reportProblems, say } from './io.js';
import { ob3Finding } from './ob3-content.js';
import { ob3Entry, readBadge, unbake } from './ob3-library.js';
import { isBadgeJws } from './ob3-detect.js';

/** What `convert --to model` was given: parsed JSON, or a baked image's bytes. */
export type ConvertInput = { json: unknown } | { image: Uint8Array };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Reads the input of `convert --to model`. A file that is a PNG, an SVG (text starting with `<`) or
 * a bare compact JWS is taken as it is (a baked badge, a VC-JWT); anything else, and standard input,
 * is read as JSON, as every command reads it (`readInput`, with its errors).
 */
export async function readConvertInput(input: string | undefined): Promise<ConvertInput> {
  if (input !== undefined && input !== '-') {
    const info = await stat(input).catch(() => undefined);
    if (info?.isFile() && info.size <= DEFAULT_MAX_BYTES) {
      const bytes = new Uint8Array(await readFile(input).catch(() => Buffer.alloc(0)));
      if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return { image: bytes };
      const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '').trim();
      if (text.startsWith('<')) return { image: bytes };
      if (isBadgeJws(text)) return { json: text };
    }
  }
  return { json: await readInput(input) };
}

/**
 * A micro-credential to an Open Badges 3.0 credential (unsigned: `eumc sign` signs it). Warnings go
 * to standard error; errors (the model's, paths into the input) make the exit code 1. With a
 * `status` (`--status-list`), the export runs with its preview entry first, and only when that
 * succeeds is an index allocated and the badge made with its entry as `credentialStatus`.
 */
export async function modelToBadge(doc: unknown, options: { id?: string; achievementId?: string }, out: OutFile | undefined, status?: ConvertStatus): Promise<void> {
  const { exportToOpenBadge } = await ob3Entry();
  const base = { ...(options.id ? { id: options.id } : {}), ...(options.achievementId ? { achievementId: options.achievementId } : {}) };
  const run = (entry: unknown) => exportToOpenBadge(doc, entry === undefined ? base : { ...base, credentialStatus: entry as CredentialStatusEntry });
  let exported = run(status?.preview);
  for (const i of exported.issues.filter((x) => x.severity !== 'error')) say(issueLine(i));
  if (!exported.ok) return reportProblems(exported.issues.filter((i) => i.severity === 'error').map(issueLine));
  if (status !== undefined) {
    const entry = await status.allocate();
    if (entry === undefined) return;
    exported = run(entry);
    if (!exported.ok) {
      reportProblems(exported.issues.filter((i) => i.severity === 'error').map(issueLine));
      return status.kept();
    }
  }
  return writeOut(out, `${JSON.stringify(exported.value, null, 2)}\n`);
}

/**
 * An Open Badges 3.0 credential (object or VC-JWT) to the model. An `ob3` issue is a place in the
 * file (`prefix` in front: a wrapper's member; a VC-JWT's places are in its decoded payload, `/vc/…`
 * for the VC 1.1 form); a
 * `model` one, a place in the micro-credential read. The model is given even when it is not a valid
 * micro-credential (`ok: false`), as `--to model` does for ELM.
 */
export async function badgeToModel(doc: unknown, prefix: string): Promise<ModelRead> {
  const read = await readBadge(doc);
  // OB3_JWT_NOT_VERIFIED says, in the command line's words, that a VC-JWT's signature is not verified.
  for (const i of read.issues) say(issueLine(ob3Finding(i, prefix)));
  if (doc !== null && typeof doc === 'object' && Object.hasOwn(doc, 'proof')) say('note: the badge\'s proof was not checked (`eumc verify` checks it)');
  return { value: read.value, ok: read.ok };
}

/** A baked badge (PNG or SVG) to the model: the credential taken out with `unbakeBadge`, then read as any badge. */
export async function imageToModel(image: Uint8Array): Promise<ModelRead | undefined> {
  const found = await unbake(image);
  if (!found.ok) return void reportProblems(found.issues.map(issueLine));
  for (const w of found.warnings) say(issueLine(w));
  say(`note: read the credential baked into the ${found.format.toUpperCase()} image (${found.form === 'jws' ? 'a VC-JWT' : 'JSON'}); places below are in that credential`);
  return badgeToModel(found.credential, '');
}
