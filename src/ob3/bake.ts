/**
 * Baked badges (OB 3.0, "Open Badges Document Formats", "Baked Badge"): an Open Badges 3.0
 * credential carried inside its PNG or SVG image. `bakeBadge` puts a credential in, `unbakeBadge`
 * takes it out. Neither checks a signature: pass what `unbakeBadge` returns to the verifier.
 * @module
 */
import { describeValue } from '../json/describe.js';
import type { JsonObject } from '../json/types.js';
import { credentialText, readCredentialText } from './bake/credential.js';
import { bakePng, credentialChunk, hasOb2Chunk, hasPngSignature, isITxtWithKeyword, PNG_KEYWORD, readITxt, scanPng } from './bake/png.js';
import { bakeSvg, type CredentialElement, scanSvg, svgCredentialText } from './bake/svg.js';
import { type Ob3Issue, type Ob3IssueCode, ob3Issue } from './codes.js';

/**
 * The largest image `unbakeBadge` reads and `bakeBadge` writes: 16 MiB (bytes of a PNG or SVG, or
 * UTF-16 code units of SVG text). Badge pictures are kilobytes; the bound keeps hostile input cheap.
 *
 * @example
 * if (file.size > BAKED_IMAGE_MAX_SIZE) throw new Error('Too large for a badge image');
 */
export const BAKED_IMAGE_MAX_SIZE = 16 * 1024 * 1024;

/**
 * What `unbakeBadge` found: the credential, the image format, and the form the credential was in
 * (`json`: an embedded-proof credential, parsed; `jws`: a VC-JWT compact JWS, as written). No
 * signature has been checked. `warnings` holds `OB3_IMAGE_BAKED_TWICE` when the image had more than
 * one credential.
 *
 * @example
 * const found = unbakeBadge(png);
 * if (found.ok && found.form === 'json') console.log(found.credential.name);
 */
export type UnbakedBadge = { ok: true; format: 'png' | 'svg'; warnings: Ob3Issue[] } & ({ form: 'json'; credential: JsonObject } | { form: 'jws'; credential: string });

/**
 * The result of `unbakeBadge`: the credential, or the issues (never empty) that say why there is
 * none. Every issue's `path` is `''` (the image); its message names the chunk or element.
 *
 * @example
 * const result: UnbakeBadgeResult = unbakeBadge(svgText);
 * if (!result.ok) console.log(result.issues.map((i) => i.code)); // e.g. ['OB3_IMAGE_NOT_BAKED']
 */
export type UnbakeBadgeResult = UnbakedBadge | { ok: false; issues: Ob3Issue[] };

/**
 * A credential to bake: an embedded-proof credential as a JSON object (copied as plain JSON, then
 * written with `JSON.stringify`, no spaces), or a VC-JWT as its compact JWS string. Typed `object`
 * so that any credential interface fits; anything that is not plain JSON is a `TypeError`.
 *
 * @example
 * const credential: BakeableCredential = 'eyJhbGciOiJFZERTQSJ9.eyJ0eXBlIjpbXX0.c2ln';
 */
export type BakeableCredential = object | string;

type Image = { kind: 'png'; bytes: Uint8Array<ArrayBuffer> } | { kind: 'svg'; text: string; bytes: boolean } | { kind: 'refused'; message: string };

const TYPED_ARRAY = /* @__PURE__ */ Object.getPrototypeOf(Uint8Array.prototype) as object;
const intrinsic = (key: PropertyKey): ((this: unknown) => unknown) => Object.getOwnPropertyDescriptor(TYPED_ARRAY, key)!.get!;
// The %TypedArray% getters, which no subclass or proxy can answer for: a Uint8Array of any realm.
const TAG = /* @__PURE__ */ intrinsic(Symbol.toStringTag);
const BUFFER = /* @__PURE__ */ intrinsic('buffer');
const OFFSET = /* @__PURE__ */ intrinsic('byteOffset');
const LENGTH = /* @__PURE__ */ intrinsic('byteLength');
const MIB = BAKED_IMAGE_MAX_SIZE / 1024 / 1024;

/** A copy of the caller's bytes, read once through the intrinsic getters; `undefined` for anything but a Uint8Array, or why not. */
function copyBytes(image: unknown): Uint8Array<ArrayBuffer> | string | undefined {
  if (TAG.call(image) !== 'Uint8Array') return undefined;
  try {
    const length = LENGTH.call(image) as number;
    if (length > BAKED_IMAGE_MAX_SIZE) return `It is ${length} bytes long, more than the ${MIB} MiB read.`;
    return new Uint8Array(new Uint8Array(BUFFER.call(image) as ArrayBuffer, OFFSET.call(image) as number, length));
  } catch {
    return 'Its bytes cannot be read (a detached buffer).';
  }
}

/** Which image the caller gave: PNG bytes (by signature), SVG bytes (UTF-8) or SVG text. */
function readImage(image: unknown): Image {
  if (typeof image === 'string') {
    if (image.length > BAKED_IMAGE_MAX_SIZE) return { kind: 'refused', message: `The SVG text is ${image.length} characters long, more than the ${MIB} Mi read.` };
    return { kind: 'svg', text: image, bytes: false };
  }
  const bytes = copyBytes(image);
  if (bytes === undefined) return { kind: 'refused', message: `Expected the image as a Uint8Array (PNG or SVG bytes) or a string (SVG text), got ${image === null ? 'null' : describeValue(image)}.` };
  if (typeof bytes === 'string') return { kind: 'refused', message: bytes };
  if (hasPngSignature(bytes)) return { kind: 'png', bytes };
  try {
    // The decoder drops one UTF-8 byte-order mark; it is put back, so that baking writes it again.
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
    return { kind: 'svg', text: bom + new TextDecoder('utf-8', { fatal: true }).decode(bytes), bytes: true };
  } catch {
    return { kind: 'refused', message: 'It is neither a PNG (no PNG signature) nor an SVG in UTF-8.' };
  }
}

const refuse = (code: Ob3IssueCode, message: string): UnbakeBadgeResult => ({ ok: false, issues: [ob3Issue(code, 'error', '', null, message)] });
const twice = (count: number, what: string): Ob3Issue[] =>
  count > 1 ? [ob3Issue('OB3_IMAGE_BAKED_TWICE', 'warning', '', null, `The image holds ${count} ${what}; OB 3.0 allows one. The first was read, the others were ignored.`)] : [];

function found(format: 'png' | 'svg', text: string, where: string, warnings: Ob3Issue[], jwsOnly = false): UnbakeBadgeResult {
  const read = readCredentialText(text);
  if (!read.ok) return refuse('OB3_BAKED_CREDENTIAL_MALFORMED', `The credential in ${where} cannot be read: ${read.message}.`);
  if (jwsOnly && read.form !== 'jws') return refuse('OB3_BAKED_CREDENTIAL_MALFORMED', `The credential in ${where} cannot be read: a verify attribute must hold a compact JWS (VC-JWT), and this one holds JSON.`);
  return read.form === 'json' ? { ok: true, format, form: 'json', credential: read.credential, warnings } : { ok: true, format, form: 'jws', credential: read.credential, warnings };
}

function unbakePng(bytes: Uint8Array): UnbakeBadgeResult {
  const scan = scanPng(bytes);
  if (!scan.ok) return refuse('OB3_IMAGE_UNREADABLE', `The PNG cannot be read: ${scan.message}`);
  const baked = scan.chunks.filter((c) => isITxtWithKeyword(bytes, c, PNG_KEYWORD));
  const first = baked[0];
  if (first === undefined) {
    const ob2 = hasOb2Chunk(bytes, scan.chunks) ? ' It holds an Open Badges 2.0 assertion (an iTXt chunk with keyword "openbadges"), which is not read here.' : '';
    return refuse('OB3_IMAGE_NOT_BAKED', `The PNG has no iTXt chunk with keyword "${PNG_KEYWORD}".${ob2}`);
  }
  const where = `the iTXt chunk "${PNG_KEYWORD}" (chunk ${scan.chunks.indexOf(first) + 1}, at byte ${first.start})`;
  const itxt = readITxt(bytes, first);
  if (itxt === undefined) return refuse('OB3_BAKED_CREDENTIAL_MALFORMED', `The credential in ${where} cannot be read: the chunk lacks the NUL separators of iTXt (PNG §11.3.3.4).`);
  if (itxt.compressed) return refuse('OB3_BAKED_CREDENTIAL_MALFORMED', `The credential in ${where} cannot be read: it is compressed, and OB 3.0 says "Compression MUST NOT be used".`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(itxt.text);
  } catch {
    return refuse('OB3_BAKED_CREDENTIAL_MALFORMED', `The credential in ${where} cannot be read: its text is not UTF-8.`);
  }
  return found('png', text, where, twice(baked.length, `iTXt chunks with keyword "${PNG_KEYWORD}"`));
}

function unbakeSvg(text: string): UnbakeBadgeResult {
  const scan = scanSvg(text);
  if (!scan.ok) return refuse('OB3_IMAGE_UNREADABLE', `The SVG cannot be read: ${scan.message}`);
  const first: CredentialElement | undefined = scan.elements[0];
  if (first === undefined) {
    const ob2 = scan.ob2 ? ' It holds an Open Badges 2.0 assertion (an assertion element in the namespace http://openbadges.org), which is not read here.' : '';
    return refuse('OB3_IMAGE_NOT_BAKED', `The SVG has no credential element in the namespace https://purl.imsglobal.org/ob/v3p0 (such as <openbadges:credential>).${ob2}`);
  }
  const content = svgCredentialText(text, first);
  if (!content.ok) return refuse('OB3_BAKED_CREDENTIAL_MALFORMED', `The credential cannot be read: ${content.message}.`);
  return found('svg', content.text, content.where, twice(scan.elements.length, 'credential elements'), content.from === 'verify');
}

/**
 * Takes the Open Badges 3.0 credential out of a baked PNG or SVG image. Never throws on bad data:
 * what cannot be read is an `OB3_` issue. The credential is not verified.
 *
 * - `image`: PNG or SVG bytes (`Uint8Array`, the format told by the PNG signature), or SVG text.
 *   At most `BAKED_IMAGE_MAX_SIZE` (16 MiB); a PNG must read to its IEND chunk with every CRC
 *   right; an SVG must be UTF-8 with its tags, comments and CDATA sections closed.
 * - PNG: the first `iTXt` chunk with keyword `openbadgecredential`, uncompressed.
 * - SVG: the first element named `credential` in the namespace `https://purl.imsglobal.org/ob/v3p0`,
 *   by any prefix (`openbadges:` in the spec) or as the default namespace: its `verify` attribute
 *   (a compact JWS) or its text and CDATA content (a JSON object, or a compact JWS).
 * - The text, whitespace around it ignored: a JSON object (starting with `{`, within the library's
 *   input limits) or a compact JWS (three base64url segments, a header with `alg`).
 *
 * @example
 * const result = unbakeBadge(new Uint8Array(await (await fetch(badgeUrl)).arrayBuffer()));
 * if (result.ok) console.log(result.format, result.form); // 'png' 'jws'
 * else console.log(result.issues[0]!.code); // 'OB3_IMAGE_NOT_BAKED'
 */
export function unbakeBadge(image: Uint8Array | string): UnbakeBadgeResult {
  const read = readImage(image);
  if (read.kind === 'refused') return refuse('OB3_IMAGE_UNREADABLE', read.message);
  return read.kind === 'png' ? unbakePng(read.bytes) : unbakeSvg(read.text);
}

/**
 * Bakes an Open Badges 3.0 credential into a PNG or SVG image and returns the new image, of the
 * same kind as the one given (bytes for bytes, text for text); the input is not changed.
 *
 * - PNG: one `iTXt` chunk, keyword `openbadgecredential`, uncompressed, placed before IEND; an
 *   existing one (or several) is replaced. Every other chunk is kept byte for byte.
 * - SVG: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` added to the root `<svg>`, and
 *   `<openbadges:credential verify="…">` (VC-JWT) or `<openbadges:credential><![CDATA[…]]>`
 *   (embedded proof) written directly after its start tag; existing credential elements are removed.
 *
 * Throws a `TypeError` on misuse: an image that is neither readable PNG nor SVG (the message is
 * `unbakeBadge`'s issue), a credential that is neither a JSON object nor a compact JWS, an SVG root
 * that binds `openbadges` to another namespace; a `RangeError` when the baked image would exceed
 * `BAKED_IMAGE_MAX_SIZE`. No signature is made or checked: bake a signed credential.
 *
 * @example
 * const baked = bakeBadge(pngBytes, signedCredential); // Uint8Array
 * const again = bakeBadge(baked, jws); // replaces the credential
 * unbakeBadge(again); // { ok: true, format: 'png', form: 'jws', credential: jws, warnings: [] }
 */
export function bakeBadge(image: Uint8Array, credential: BakeableCredential): Uint8Array<ArrayBuffer>;
export function bakeBadge(image: string, credential: BakeableCredential): string;
export function bakeBadge(image: Uint8Array | string, credential: BakeableCredential): Uint8Array<ArrayBuffer> | string;
export function bakeBadge(image: Uint8Array | string, credential: BakeableCredential): Uint8Array<ArrayBuffer> | string {
  const read = readImage(image);
  if (read.kind === 'refused') throw new TypeError(`bakeBadge: ${read.message}`);
  const { text, form } = credentialText(credential);
  let out: Uint8Array<ArrayBuffer> | string;
  if (read.kind === 'png') {
    const scan = scanPng(read.bytes);
    if (!scan.ok) throw new TypeError(`bakeBadge: the PNG cannot be read: ${scan.message}`);
    out = bakePng(read.bytes, scan.chunks, credentialChunk(new TextEncoder().encode(text))) as Uint8Array<ArrayBuffer>;
  } else {
    const scan = scanSvg(read.text);
    if (!scan.ok) throw new TypeError(`bakeBadge: the SVG cannot be read: ${scan.message}`);
    const svg = bakeSvg(read.text, scan, text, form);
    out = read.bytes ? new Uint8Array(new TextEncoder().encode(svg)) : svg;
  }
  if (out.length > BAKED_IMAGE_MAX_SIZE) throw new RangeError(`bakeBadge: the baked image would be ${out.length} ${typeof out === 'string' ? 'characters' : 'bytes'} long, more than the ${MIB} MiB that unbakeBadge reads.`);
  return out;
}
