/**
 * The credential text a baked image carries (OB 3.0, "Baked Badge"): the credential JSON for an
 * embedded proof, or the compact JWS for VC-JWT. Written from a caller's object or string, read
 * back from a chunk or element. Reading only: no signature is checked here.
 * @module
 */
import { base64UrlToBytes, utf8Decode } from '../../json/encoding.js';
import { copyJson, INPUT_LIMITS, snapshot } from '../../json/snapshot.js';
import type { JsonObject } from '../../json/types.js';

/** A compact JWS (RFC 7515 §7.1): three base64url segments; for VC-JWT none is empty (no detached payload, no `alg: none`). */
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The credential text to bake and its form. */
export interface CredentialText {
  readonly text: string;
  readonly form: 'json' | 'jws';
}

/** What a credential text reads as: the parsed object or the JWS, or why neither. */
export type ReadCredential = { ok: true; credential: JsonObject; form: 'json' } | { ok: true; credential: string; form: 'jws' } | { ok: false; message: string };

/**
 * Why `text` is not a compact JWS for VC-JWT, or `undefined` when it is: three base64url segments
 * (RFC 7515 §7.1), none empty, whose header decodes to a JSON object with an `alg` other than
 * `none` (RFC 7515 §4.1.1). The signature is not checked.
 */
export function jwsProblem(text: string): string | undefined {
  const m = COMPACT_JWS.exec(text);
  if (m === null) return 'it is not three non-empty base64url segments joined by dots (a compact JWS)';
  const header = base64UrlToBytes(m[1]!);
  const json = header && utf8Decode(header);
  let alg: unknown;
  try {
    const parsed: unknown = json === undefined ? undefined : JSON.parse(json);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) alg = (parsed as Record<string, unknown>).alg;
  } catch {
    // Not JSON: reported below.
  }
  if (typeof alg !== 'string' || alg === '' || alg === 'none') return 'its header is not base64url of a JSON object with an `alg` other than "none"';
  return undefined;
}

/**
 * The text of a credential to bake: `JSON.stringify` of a plain-JSON copy (no spaces), or the
 * compact JWS as given. U+FFFE and U+FFFF, which XML does not allow and JSON.stringify leaves
 * as they are, are written as JSON escapes (the same JSON value). A `TypeError` for anything else.
 */
export function credentialText(credential: unknown): CredentialText {
  if (typeof credential === 'string') {
    const problem = jwsProblem(credential);
    if (problem !== undefined) throw new TypeError(`bakeBadge: the credential string is not a compact JWS (VC-JWT): ${problem}. Pass an embedded-proof credential as an object, not as JSON text.`);
    return { text: credential, form: 'jws' };
  }
  if (typeof credential !== 'object' || credential === null) throw new TypeError(`bakeBadge: the credential must be a JSON object (embedded proof) or a compact JWS string (VC-JWT), got ${credential === null ? 'null' : typeof credential}.`);
  const copy = snapshot(credential, 'a credential: a JSON object (embedded proof) or a compact JWS string (VC-JWT)');
  if (!copy.ok) throw new TypeError(`bakeBadge: ${copy.message}${copy.pointer === '' ? '' : ` (at ${copy.pointer})`}`);
  const text = JSON.stringify(copy.value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return { text, form: 'json' };
}

const isXmlSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** `text` without leading and trailing XML/JSON whitespace (space, tab, CR, LF; not String#trim's Unicode set). */
export function trimSpace(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && isXmlSpace(text.charCodeAt(from))) from++;
  while (to > from && isXmlSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/** Whether JSON text opens more than `limit` arrays or objects at once (brackets inside strings not counted). */
function nestedDeeper(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
}

/**
 * The credential in a baked text, whitespace around it ignored: a JSON object (the text starts with
 * `{`), read within the library's input limits, or a compact JWS.
 */
export function readCredentialText(raw: string): ReadCredential {
  const text = trimSpace(raw);
  if (text === '') return { ok: false, message: 'it is empty' };
  if (text[0] !== '{') {
    const problem = jwsProblem(text);
    return problem === undefined ? { ok: true, credential: text, form: 'jws' } : { ok: false, message: `it is neither a JSON object nor a compact JWS: ${problem}` };
  }
  // Counted before JSON.parse, which takes seconds to build (or refuse) millions of nested arrays.
  if (nestedDeeper(text, INPUT_LIMITS.depth)) return { ok: false, message: `its JSON is nested deeper than ${INPUT_LIMITS.depth} levels, more than the library reads` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `it starts with "{" but is not JSON (${e instanceof Error ? e.message : 'parse error'})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, message: 'it is not a JSON object' };
  // The same depth and size limits as every other reader of the library: what comes out is handed to validators.
  const copy = copyJson(parsed, (_v, _what, _keys, refuse) => refuse('not JSON'), INPUT_LIMITS);
  if (!copy.ok) return { ok: false, message: `its JSON is larger than the library reads: ${copy.message}` };
  return { ok: true, credential: copy.value as JsonObject, form: 'json' };
}
