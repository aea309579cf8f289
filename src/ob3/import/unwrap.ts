/**
 * Every form an Open Badges 3.0 credential arrives in, turned into the plain credential JSON: a
 * parsed object, JSON text, or a VC-JWT (compact JWS). Reading only: no signature is checked here.
 * @module
 */
import { hasDuplicateNames } from '../../json/duplicates.js';
import { base64UrlToBytes, utf8Decode } from '../../json/encoding.js';
import { pointerSegment } from '../../json/pointer.js';
import { INPUT_LIMITS, snapshot } from '../../json/snapshot.js';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { type Ob3Issue, type Ob3IssueCode, ob3Issue } from '../codes.js';

/**
 * What {@link unwrapBadge} found: the credential (absent when none could be read), where it is in
 * the input, what was wrong on the way, and the form it came in.
 *
 * @example
 * const { doc, prefix, issues, form }: UnwrappedBadge = unwrapBadge(jwsText);
 * // prefix '' (OB 3.0 VC-JWT) or '/vc' (VC 1.1-style JWT); form 'jwt'
 */
export interface UnwrappedBadge {
  /** The credential as plain JSON: a copy, never the caller's object. */
  doc?: JsonObject;
  /**
   * The JSON Pointer of the credential inside the input: `''` for an object, JSON text or an OB 3.0
   * VC-JWT, `'/vc'` for a VC 1.1-style JWT. A pointer `p` into `doc` is `prefix + p` in the input.
   */
  prefix: string;
  /**
   * Problems of the form, their paths JSON Pointers into the input as read: the object, the parsed
   * JSON text, or a JWT's decoded payload (the claims set; a header problem is at `''`).
   */
  issues: Ob3Issue[];
  /** `'jwt'` when the input was a compact JWS, `'json'` otherwise. */
  form: 'json' | 'jwt';
}

/** RFC 7519 §4.1: the registered claims. None is a property of an OB 3.0 credential. */
const REGISTERED_CLAIMS: ReadonlySet<string> = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
const JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const EXPECTED = 'an Open Badges 3.0 credential (a JSON object, JSON text or a compact JWS)';

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: JsonObject, key: string): JsonValue | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);

/**
 * The credential inside whatever form an Open Badges 3.0 credential comes in. Never throws.
 *
 * - A JSON object: read through the library's input snapshot (a copy; Proxies, getters, non-JSON
 *   values and inputs past `INPUT_LIMITS` are refused with `OB3_INPUT_UNREADABLE` / `OB3_INPUT_LIMIT`).
 * - A string: JSON text (starting with `{`), or a VC-JWT, a compact JWS (OB 3.0, "JSON Web Token
 *   Proof Format"): the header must be a JSON object with an `alg` (not `none`) and no private key
 *   (`jwk` with `d`); the payload is the credential with the JWT claims `iss`, `jti`, `nbf`, `sub`,
 *   `exp` beside it (OB 3.0), or, VC 1.1-style, a claims set whose `vc` claim holds the credential
 *   (`prefix` `'/vc'`). **Decoding is not verification**: an `OB3_JWT_NOT_VERIFIED` warning says so
 *   every time. Each claim is compared with the credential (`iss` = `issuer.id`, `jti` = `id`,
 *   `nbf` = `validFrom`, `sub` = `credentialSubject.id`, `exp` = `validUntil`): a disagreement is an
 *   `OB3_JWT_CLAIM_MISMATCH` error, since which to believe is unclear. The registered claims (RFC
 *   7519 §4.1) are not part of the returned credential. In the `vc` form a property left to its
 *   claim is copied from it (VC Data Model 1.1, "JWT Decoding"), with an `OB3_JWT_CLAIM_COPIED` warning.
 * - The VC 1.1-compatible form (`@context` `https://www.w3.org/2018/credentials/v1` with the OB
 *   context, `issuanceDate` / `expirationDate` instead of `validFrom` / `validUntil`) is returned as
 *   it is: the mapping reads `issuanceDate` as `validFrom` and `expirationDate` as `validUntil`.
 *
 * @example
 * const { doc, prefix, issues, form } = unwrapBadge(await file.text());
 * if (doc) for (const i of issues) console.log(i.code, i.path); // OB3_JWT_NOT_VERIFIED '' when form is 'jwt'
 */
export function unwrapBadge(input: unknown): UnwrappedBadge {
  try {
    if (typeof input === 'string') return fromText(input);
    return fromObject(input, 'json');
  } catch (e) {
    // Unreachable on data (every reader returns issues); kept so that the promise "never throws" holds.
    return { prefix: '', form: 'json', issues: [ob3Issue('OB3_INPUT_UNREADABLE', 'error', '', null, `The input could not be read (${String(e instanceof Error ? e.name : 'error')}).`)] };
  }
}

/** A copy of an object through the input snapshot, or the refusal as an issue. */
function fromObject(input: unknown, form: 'json' | 'jwt', at = ''): UnwrappedBadge {
  const copy = snapshot(input, EXPECTED);
  if (copy.ok) return { doc: copy.value, prefix: '', issues: [], form };
  const code: Ob3IssueCode = copy.kind === 'limit' ? 'OB3_INPUT_LIMIT' : 'OB3_INPUT_UNREADABLE';
  return { prefix: '', form, issues: [ob3Issue(code, 'error', at + copy.pointer, null, copy.message)] };
}

/** `JSON.parse`, or undefined (a syntax error, or a parser that ran out of stack). */
function parse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function fromText(input: string): UnwrappedBadge {
  if (input.length > INPUT_LIMITS.chars) {
    return { prefix: '', form: 'json', issues: [ob3Issue('OB3_INPUT_LIMIT', 'error', '', null, `More than ${INPUT_LIMITS.chars} characters of text; not read.`)] };
  }
  const text = input.trim();
  if (text.startsWith('{')) {
    const parsed = parse(text);
    if (parsed) return fromObject(parsed.value, 'json');
    return { prefix: '', form: 'json', issues: [ob3Issue('OB3_INPUT_UNREADABLE', 'error', '', null, 'The text starts like a JSON object but is not JSON text.')] };
  }
  const jws = JWS.exec(text);
  if (jws) return fromJws(jws[1]!, jws[2]!);
  const what = text.length === 0 ? 'an empty string' : 'a string that is neither JSON text (an object) nor a compact JWS (three base64url segments separated by dots)';
  return { prefix: '', form: 'json', issues: [ob3Issue('OB3_INPUT_UNREADABLE', 'error', '', null, `Expected ${EXPECTED}, got ${what}.`)] };
}

/** A base64url segment as a JSON value, or why not. */
function segment(text: string): { value: unknown } | { why: string } {
  const bytes = base64UrlToBytes(text);
  if (!bytes) return { why: 'is not canonical base64url (RFC 7515 §2)' };
  const json = utf8Decode(bytes);
  if (json === undefined) return { why: 'is not UTF-8' };
  const parsed = parse(json);
  if (!parsed) return { why: 'is not JSON text' };
  // JSON.parse keeps the last of two members of one name, other readers the first (RFC 7515 §5.2).
  return hasDuplicateNames(json) ? { why: 'has an object with two members of the same name, which readers resolve differently' } : parsed;
}

const malformed = (message: string, path = ''): UnwrappedBadge => ({ prefix: '', form: 'jwt', issues: [ob3Issue('OB3_JWT_MALFORMED', 'error', path, null, message)] });

/** The header's problems: no `alg`, `alg` "none", a private key. */
function checkHeader(header: JsonObject): string | undefined {
  const alg = own(header, 'alg');
  if (typeof alg !== 'string' || alg === '') return 'The JWS header has no `alg` (RFC 7515 §4.1.1): it cannot be verified.';
  if (alg.toLowerCase() === 'none') return 'The JWS header says `alg` "none": an unsecured JWT, which no key can verify. OB 3.0 requires a signature (RS256 at least).';
  const jwk = own(header, 'jwk');
  if (isObject(jwk) && own(jwk, 'd') !== undefined) return 'The JWS header\'s `jwk` carries a private key (`d`): the signer\'s key is compromised. OB 3.0 ("JSON Web Token Proof Format"): a `jwk` must never hold `d`.';
  return undefined;
}

function fromJws(head: string, body: string): UnwrappedBadge {
  const header = segment(head);
  if ('why' in header) return malformed(`The JWS header ${header.why}.`);
  const headerCopy = snapshot(header.value, 'a JSON object (a JWS header)');
  if (!headerCopy.ok) return malformed(`The JWS header is not a JSON object: ${headerCopy.message}`);
  const bad = checkHeader(headerCopy.value);
  if (bad) return malformed(bad);
  const payload = segment(body);
  if ('why' in payload) return malformed(`The JWS payload ${payload.why}.`);
  const read = fromObject(payload.value, 'jwt');
  if (!read.doc) {
    const issue = read.issues[0]!;
    return issue.code === 'OB3_INPUT_LIMIT' ? read : malformed(`The JWS payload is not a JSON object of claims: ${issue.message}`, issue.path);
  }
  const notVerified = ob3Issue(
    'OB3_JWT_NOT_VERIFIED',
    'warning',
    '',
    null,
    `The credential was taken out of a VC-JWT (alg ${JSON.stringify(String(own(headerCopy.value, 'alg')).slice(0, 20))}) whose signature was not checked: decoding is not verification. Verify the JWS with the issuer's key before trusting what it says.`,
  );
  const claims = read.doc;
  const vc = own(claims, 'vc');
  const vc11 = isObject(vc) && own(claims, 'credentialSubject') === undefined && own(claims, '@context') === undefined;
  const issues: Ob3Issue[] = [notVerified];
  const credential = vc11 ? fillFromClaims(vc, claims, issues) : withoutClaims(claims);
  issues.push(...compareClaims(claims, credential, vc11 ? '/vc' : ''));
  return { doc: credential, prefix: vc11 ? '/vc' : '', issues, form: 'jwt' };
}

/** The claims set minus the registered claims: the OB 3.0 credential. */
function withoutClaims(claims: JsonObject): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(claims)) {
    if (REGISTERED_CLAIMS.has(key)) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value: claims[key], enumerable: true, writable: true, configurable: true });
    else out[key] = claims[key]!;
  }
  return out;
}

/** The XML Schema dateTime of a NumericDate (seconds since the epoch), without milliseconds when they are zero. */
function dateOf(seconds: number): string | undefined {
  const ms = seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Seconds since the epoch of an XML Schema dateTime (no zone read as UTC), or undefined. */
function secondsOf(date: JsonValue | undefined): number | undefined {
  if (typeof date !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(date)) return undefined;
  const zoned = /(Z|[+-]\d\d:\d\d)$/i.test(date) ? date : `${date}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** The names of the date properties in the credential's data model: VC 1.1 or 2.0 (OB 3.0). */
function dateNames(credential: JsonObject): { from: string; until: string } {
  const context = own(credential, '@context');
  const first = Array.isArray(context) ? (context as JsonValue[])[0] : context;
  const v1 = first === VC_V1 || (own(credential, 'issuanceDate') !== undefined && own(credential, 'validFrom') === undefined);
  return v1 ? { from: 'issuanceDate', until: 'expirationDate' } : { from: 'validFrom', until: 'validUntil' };
}

/** The `id` of a member that is a node or an IRI (`issuer`), or of the first node of a list. */
function idOf(value: JsonValue | undefined): JsonValue | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return idOf((value as JsonValue[])[0]);
  return isObject(value) ? own(value, 'id') : undefined;
}

/** VC Data Model 1.1, "JWT Decoding": a property the `vc` claim leaves out is set from its claim. */
function fillFromClaims(vc: JsonObject, claims: JsonObject, issues: Ob3Issue[]): JsonObject {
  const out: Record<string, JsonValue> = { ...vc };
  const copied = (claim: string, property: string) =>
    issues.push(ob3Issue('OB3_JWT_CLAIM_COPIED', 'warning', pointerSegment(claim), null, `The credential in \`vc\` has no \`${property}\`: it was taken from the JWT claim \`${claim}\` (VC Data Model 1.1, "JWT Decoding").`));
  const names = dateNames(vc);
  const iss = own(claims, 'iss');
  if (typeof iss === 'string' && own(vc, 'issuer') === undefined) (out.issuer = iss), copied('iss', 'issuer');
  const jti = own(claims, 'jti');
  if (typeof jti === 'string' && own(vc, 'id') === undefined) (out.id = jti), copied('jti', 'id');
  for (const [claim, property] of [['nbf', names.from], ['exp', names.until]] as const) {
    const value = own(claims, claim);
    const date = typeof value === 'number' ? dateOf(value) : undefined;
    if (date !== undefined && own(vc, property) === undefined) (out[property] = date), copied(claim, property);
  }
  const sub = own(claims, 'sub');
  const subject = own(vc, 'credentialSubject');
  if (typeof sub === 'string' && isObject(subject) && own(subject, 'id') === undefined) {
    out.credentialSubject = { ...subject, id: sub };
    copied('sub', 'credentialSubject.id');
  }
  return out;
}

/** OB 3.0, "JSON Web Token Proof Format": each claim against the property it stands for. */
function compareClaims(claims: JsonObject, credential: JsonObject, prefix: string): Ob3Issue[] {
  const issues: Ob3Issue[] = [];
  const names = dateNames(credential);
  const mismatch = (claim: string, message: string) => issues.push(ob3Issue('OB3_JWT_CLAIM_MISMATCH', 'error', pointerSegment(claim), null, message));
  const missing = (claim: string, property: string) =>
    issues.push(ob3Issue('OB3_JWT_CLAIM_MISSING', 'warning', '', null, `The JWT has no \`${claim}\` claim, which OB 3.0 ("JSON Web Token Proof Format") requires beside the credential's \`${property}\` (at ${prefix}${property.startsWith('credentialSubject') ? '/credentialSubject/id' : pointerSegment(property.replace(/\.id$/, ''))}).`));
  const strings: [string, string, JsonValue | undefined][] = [
    ['iss', 'issuer.id', idOf(own(credential, 'issuer'))],
    ['jti', 'id', own(credential, 'id')],
    ['sub', 'credentialSubject.id', idOf(own(credential, 'credentialSubject'))],
  ];
  // `sub` names one subject: beside a list of several, which one it names is unclear.
  const subjects = own(credential, 'credentialSubject');
  if (own(claims, 'sub') !== undefined && Array.isArray(subjects) && subjects.length !== 1) {
    mismatch('sub', `The JWT claim \`sub\` names one subject, but the credential has ${subjects.length} in \`credentialSubject\`: which one it is, is unclear.`);
    strings.pop();
  }
  for (const [claim, property, expected] of strings) {
    const value = own(claims, claim);
    if (value === undefined) {
      if (expected !== undefined) missing(claim, property);
    } else if (expected !== undefined && value !== expected) {
      mismatch(claim, `The JWT claim \`${claim}\` is ${shortJson(value)} but the credential's \`${property}\` is ${shortJson(expected)}: OB 3.0 ("JSON Web Token Proof Format") says they are equal, and which to believe is unclear.`);
    } else if (expected === undefined && typeof value !== 'string') {
      mismatch(claim, `The JWT claim \`${claim}\` is ${shortJson(value)}, not a string (RFC 7519 §4.1).`);
    }
  }
  for (const [claim, property] of [['nbf', names.from], ['exp', names.until]] as const) {
    const value = own(claims, claim);
    const date = own(credential, property);
    if (value === undefined) {
      if (date !== undefined) missing(claim, property);
      continue;
    }
    if (typeof value !== 'number' || dateOf(value) === undefined) {
      mismatch(claim, `The JWT claim \`${claim}\` is ${shortJson(value)}, not a NumericDate (seconds since 1970, RFC 7519 §2).`);
      continue;
    }
    if (date === undefined) continue;
    const seconds = secondsOf(date);
    if (seconds === undefined) mismatch(claim, `The JWT claim \`${claim}\` (${dateOf(value)}) cannot be compared with the credential's \`${property}\` ${shortJson(date)}, which is not a date-time.`);
    else if (seconds !== Math.floor(value)) mismatch(claim, `The JWT claim \`${claim}\` is ${dateOf(value)} but the credential's \`${property}\` is ${shortJson(date)}: OB 3.0 ("JSON Web Token Proof Format") says they are the same instant, and which to believe is unclear.`);
  }
  return issues;
}

function shortJson(value: JsonValue): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
