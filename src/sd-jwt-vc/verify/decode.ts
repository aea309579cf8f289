/**
 * The compact form of an SD-JWT (RFC 9901 §4) read into its parts, strictly: the issuer-signed JWT,
 * the disclosures and the key-binding JWT, each with the exact text it was presented as (digests
 * and `sd_hash` are computed over those characters, never over a re-encoding). Every problem is an
 * issue whose path points into the parts (`/header/typ`, `/disclosures/3`, `/kbJwt/payload/nonce`).
 *
 * Bounded on hostile input: at most 4 MiB of text, 1 000 disclosures and JSON nested 64 deep are
 * read; beyond that nothing else is (SDJWT_INPUT_LIMIT).
 * @module
 */
import { hasDuplicateNames } from '../../json/duplicates.js';
import { base64UrlToBytes, utf8Decode, type Bytes } from '../../json/encoding.js';
import { type SdJwtVcIssue, sdJwtVcIssue } from '../codes.js';

/** The limits of what is read (SDJWT_INPUT_LIMIT beyond them). */
export const SDJWT_LIMITS = Object.freeze({ chars: 4 * 1024 * 1024, disclosures: 1000, depth: 64 });

/** A JSON object read from the input (own members only; never mutated). */
export type Json = Record<string, unknown>;

/** A compact JWS read into its parts. */
export interface DecodedJwt {
  readonly encoded: string;
  readonly header: Json;
  readonly payload: Json;
  /** `header.payload`, the characters the signature is over. */
  readonly signingInput: string;
  /** The signature bytes; empty when the JWS has none (an `alg: none` JWT), which the checks refuse. */
  readonly signature: Bytes;
}

/** A disclosure (RFC 9901 §4.2.1, §4.2.2) that could be read. */
export interface DecodedDisclosure {
  /** Its position among the disclosures of the presentation. */
  readonly index: number;
  /** The exact base64url text presented: what its digest is over. */
  readonly encoded: string;
  readonly salt: string;
  /** The claim name; absent for an array element disclosure. */
  readonly name?: string;
  readonly value: unknown;
}

/** The presentation read into its parts. Disclosures that cannot be read are left out (and reported). */
export interface DecodedPresentation {
  readonly jwt: DecodedJwt;
  readonly disclosures: readonly DecodedDisclosure[];
  /** How many disclosure segments were presented, read or not. */
  readonly disclosureCount: number;
  /** The SD-JWT without the key-binding JWT, up to and including its last `~`: what `sd_hash` is over. */
  readonly sdJwt: string;
  /** The key-binding JWT, when one was presented and could be read. */
  readonly kbJwt?: DecodedJwt;
  /** Whether a key-binding JWT segment was presented (read or not). */
  readonly kbPresented: boolean;
}

const issue = (code: Parameters<typeof sdJwtVcIssue>[0], path: string, message: string): SdJwtVcIssue =>
  sdJwtVcIssue(code, 'error', path, null, message, 'sd-jwt');

/** The deepest nesting of a parsed JSON value, walked without recursion; stops counting past `max`. */
export function depthOf(value: unknown, max: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > deepest) deepest = d;
    if (deepest > max) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return deepest;
}

type JsonRead = { ok: true; value: unknown } | { ok: false; code: 'SDJWT_INPUT_MALFORMED' | 'SDJWT_INPUT_LIMIT'; why: string };

/** base64url (canonical, unpadded) → UTF-8 → JSON, nested at most `SDJWT_LIMITS.depth`. */
export function readBase64UrlJson(text: string): JsonRead {
  const bytes = base64UrlToBytes(text);
  if (bytes === undefined) return { ok: false, code: 'SDJWT_INPUT_MALFORMED', why: 'is not canonical unpadded base64url' };
  const json = utf8Decode(bytes);
  if (json === undefined) return { ok: false, code: 'SDJWT_INPUT_MALFORMED', why: 'is not UTF-8' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, code: 'SDJWT_INPUT_MALFORMED', why: 'is not JSON' };
  }
  if (depthOf(value, SDJWT_LIMITS.depth) > SDJWT_LIMITS.depth) return { ok: false, code: 'SDJWT_INPUT_LIMIT', why: `is JSON nested deeper than ${SDJWT_LIMITS.depth} levels` };
  if (hasDuplicateNames(json)) return { ok: false, code: 'SDJWT_INPUT_MALFORMED', why: 'has an object with two members of the same name (JSON parsers differ on which one counts)' };
  return { ok: true, value };
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A compact JWS (three base64url segments; header and payload JSON objects), or the issues saying why not. */
export function decodeJwt(encoded: string, at: '' | '/kbJwt', what: string): { jwt?: DecodedJwt; issues: SdJwtVcIssue[] } {
  const segments = encoded.split('.');
  if (segments.length !== 3) return { issues: [issue('SDJWT_INPUT_MALFORMED', at === '' ? '/header' : at, `The ${what} is not a compact JWS: ${segments.length} dot-separated segments instead of 3.`)] };
  const issues: SdJwtVcIssue[] = [];
  const parts: Json[] = [];
  for (const [i, part] of (['header', 'payload'] as const).entries()) {
    const read = readBase64UrlJson(segments[i]!);
    if (!read.ok) issues.push(issue(read.code, `${at}/${part}`, `The ${what}'s ${part} ${read.why}.`));
    else if (!isObject(read.value)) issues.push(issue('SDJWT_INPUT_MALFORMED', `${at}/${part}`, `The ${what}'s ${part} is not a JSON object.`));
    else parts.push(read.value);
  }
  // An empty signature is read (as no bytes): whoever checks the JWT reports its `alg` first (an
  // unsigned `alg: none` JWT is refused for its alg), then the missing signature.
  const signature = base64UrlToBytes(segments[2]!);
  if (signature === undefined) issues.push(issue('SDJWT_INPUT_MALFORMED', `${at}/signature`, `The ${what}'s signature is not canonical unpadded base64url.`));
  if (issues.length > 0 || signature === undefined) return { issues };
  return { jwt: { encoded, header: parts[0]!, payload: parts[1]!, signingInput: `${segments[0]}.${segments[1]}`, signature }, issues };
}

/** A disclosure segment read (RFC 9901 §4.2.1, §4.2.2), or the issue saying why not. */
export function decodeDisclosure(encoded: string, index: number): DecodedDisclosure | SdJwtVcIssue {
  const at = `/disclosures/${index}`;
  const bad = (why: string) => issue('SDJWT_DISCLOSURE_MALFORMED', at, `Disclosure ${index} ${why}.`);
  if (encoded === '') return bad('is empty (two `~` in a row)');
  const read = readBase64UrlJson(encoded);
  if (!read.ok) return read.code === 'SDJWT_INPUT_LIMIT' ? issue('SDJWT_INPUT_LIMIT', at, `Disclosure ${index} ${read.why}.`) : bad(read.why);
  const array = read.value;
  if (!Array.isArray(array) || (array.length !== 2 && array.length !== 3)) return bad('is not a JSON array of 2 (array element) or 3 (salt, claim name, value) members');
  if (typeof array[0] !== 'string') return bad('has a salt that is not a string');
  if (array.length === 2) return { index, encoded, salt: array[0], value: array[1] };
  const name: unknown = array[1];
  if (typeof name !== 'string') return bad('has a claim name that is not a string');
  // RFC 9901 §4.2.1: the claim name must not be `_sd` nor `...`.
  if (name === '_sd' || name === '...') return bad(`has the reserved claim name \`${name}\``);
  return { index, encoded, salt: array[0], name, value: array[2] };
}

/** Counts `c` in `text`, stopping once past `max`. */
function countOf(text: string, c: string, max: number): number {
  let n = 0;
  for (let i = text.indexOf(c); i !== -1 && n <= max; i = text.indexOf(c, i + 1)) n++;
  return n;
}

/**
 * Reads a presentation in compact form: `<JWT>~<D1>~…~<Dn>~` or `<JWT>~<D1>~…~<Dn>~<KB-JWT>`.
 * `decoded` is absent when the issuer-signed JWT itself cannot be read.
 *
 * @example
 * const { decoded, issues } = decodePresentation(presentation);
 * decoded?.jwt.header.typ; // 'dc+sd-jwt'
 */
export function decodePresentation(input: unknown): { decoded?: DecodedPresentation; issues: SdJwtVcIssue[] } {
  if (typeof input !== 'string') return { issues: [issue('SDJWT_INPUT_MALFORMED', '', `The presentation is ${input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`}, not an SD-JWT in compact form (a string).`)] };
  if (input.length > SDJWT_LIMITS.chars) return { issues: [issue('SDJWT_INPUT_LIMIT', '', `The presentation is ${input.length} characters long; at most ${SDJWT_LIMITS.chars} are read.`)] };
  const tildes = countOf(input, '~', SDJWT_LIMITS.disclosures + 1);
  if (tildes === 0) return { issues: [issue('SDJWT_INPUT_MALFORMED', '', 'The input has no `~`: it is not an SD-JWT in compact form (a presentation ends with `~` or a key-binding JWT).')] };
  if (tildes > SDJWT_LIMITS.disclosures + 1) return { issues: [issue('SDJWT_INPUT_LIMIT', '', `The presentation has more than ${SDJWT_LIMITS.disclosures} disclosures; none was read.`)] };
  const segments = input.split('~');
  const last = input.lastIndexOf('~');
  const sdJwt = input.slice(0, last + 1);
  const kbText = input.slice(last + 1);
  const disclosureTexts = segments.slice(1, -1);
  const issues: SdJwtVcIssue[] = [];
  const { jwt, issues: jwtIssues } = decodeJwt(segments[0]!, '', 'issuer-signed JWT');
  issues.push(...jwtIssues);
  const disclosures: DecodedDisclosure[] = [];
  disclosureTexts.forEach((text, i) => {
    const d = decodeDisclosure(text, i);
    if ('code' in d) issues.push(d);
    else disclosures.push(d);
  });
  let kbJwt: DecodedJwt | undefined;
  if (kbText !== '') {
    const kb = decodeJwt(kbText, '/kbJwt', 'key-binding JWT');
    // A key-binding JWT that cannot be read is SDJWT_KB_MALFORMED (a limit stays a limit).
    issues.push(...kb.issues.map((i) => (i.code === 'SDJWT_INPUT_MALFORMED' ? { ...i, code: 'SDJWT_KB_MALFORMED' as const } : i)));
    kbJwt = kb.jwt;
  }
  if (jwt === undefined) return { issues };
  const decoded: DecodedPresentation = { jwt, disclosures, disclosureCount: disclosureTexts.length, sdJwt, kbPresented: kbText !== '', ...(kbJwt ? { kbJwt } : {}) };
  return { decoded, issues };
}
