/**
 * Baked Open Badges 3.0 badges in `eumc validate` and `eumc verify`: the credential is taken out of
 * the PNG or SVG image with `unbakeBadge` in the main thread (a scan of the image, cheap), then
 * checked as the same credential in a JSON file would be, in a worker thread or here. Its findings'
 * paths are places in that credential; a note (`EUMC_BAKED_BADGE`, info) says where it was found.
 * An image with no badge baked in, or whose badge cannot be read, fails (exit 1) with the library's
 * code (`OB3_IMAGE_NOT_BAKED`, `OB3_IMAGE_UNREADABLE`, `OB3_BAKED_CREDENTIAL_MALFORMED`), as a file
 * that is not JSON does: the file was read, its content is what is wrong.
 */
import type { FileResult } from './check.js';
import { type Finding, fails, finding, internalError } from './finding.js';
import type { LoadedImage } from './inputs.js';
import { ob3Finding } from './ob3-content.js';
import { unbake } from './ob3-library.js';

/** The credential baked into an image, as JSON to check, with the findings to put in front of its own; or the image's verdict. */
export type Unbaked = { ok: true; json: unknown; text: string; notes: Finding[] } | { ok: false; result: FileResult };

/** Where the credential sits in an image of this format (unbakeBadge reads the first such chunk or element). */
const PLACE = {
  png: 'the iTXt chunk with keyword "openbadgecredential" of the PNG image',
  svg: 'the credential element (namespace https://purl.imsglobal.org/ob/v3p0, `<openbadges:credential>`) of the SVG image',
} as const;

/** Takes the credential out of a baked image; never throws. `started`: when reading the file began. */
export async function unbakeImage(loaded: LoadedImage, started: number): Promise<Unbaked> {
  const failed = (issues: Finding[]): Unbaked => ({ ok: false, result: { file: loaded.name, kind: null, status: 'failed', issues, durationMs: performance.now() - started } });
  let found;
  try {
    found = await unbake(loaded.image);
  } catch (error) {
    return failed([internalError(error)]); // unbakeBadge never throws on bad data: a bug, reported on the file
  }
  if (!found.ok) return failed(found.issues.map((i) => ob3Finding(i)));
  const form = found.form === 'jws' ? 'a VC-JWT (compact JWS)' : 'the credential as JSON';
  const note = finding(
    'EUMC_BAKED_BADGE',
    'info',
    '',
    `The badge was baked into ${PLACE[found.format]}: eumc took it out (unbakeBadge, ${form}) and checked it as that credential in a file would be. Paths below are places in that credential.`,
  );
  return { ok: true, json: found.credential, text: JSON.stringify(found.credential), notes: [note, ...found.warnings.map((w) => ob3Finding(w))] };
}

/** A baked badge's verdict: the image's notes first; a warning among them (`OB3_IMAGE_BAKED_TWICE`) fails the file under `--strict`. */
export function withImageNotes(result: FileResult, notes: readonly Finding[], strict: boolean): FileResult {
  const failed = result.status === 'failed' || fails(notes, strict);
  return { ...result, status: failed ? 'failed' : result.status, issues: [...notes, ...result.issues] };
}
