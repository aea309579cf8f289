/**
 * Claim paths of issuance (`disclosable`) and presentation (`disclose`): a top-level claim name
 * (`'title'`), a JSON Pointer (RFC 6901: `'/address/street_address'`, `'/nationalities/0'`), or an
 * array of names and indexes (`['nationalities', 0]`, the type metadata's `path` without `null`).
 * @module
 */
import { pointerOf } from '../../json/pointer.js';

/**
 * A claim path as the SD-JWT VC functions take it.
 *
 * @example
 * const paths: SdJwtVcClaimPath[] = ['title', '/address/street_address', ['nationalities', 0]];
 */
export type SdJwtVcClaimPath = string | readonly (string | number)[];

/** The path as segments: names as written, array indexes still strings for pointers. */
function segmentsOf(path: SdJwtVcClaimPath): (string | number)[] {
  if (typeof path === 'string') {
    if (path === '') throw new TypeError('a claim path must not be empty ("" would be the whole payload)');
    if (!path.startsWith('/')) return [path];
    return path
      .slice(1)
      .split('/')
      .map((s) => {
        if (/~(?![01])/.test(s)) throw new TypeError(`${JSON.stringify(path)} is not a JSON Pointer: "~" must be followed by 0 or 1`);
        return s.replaceAll('~1', '/').replaceAll('~0', '~');
      });
  }
  if (!Array.isArray(path) || path.length === 0) throw new TypeError('a claim path is a claim name, a JSON Pointer, or a non-empty array of names and indexes');
  return path.map((s) => {
    if (typeof s === 'string') return s;
    if (typeof s === 'number' && Number.isSafeInteger(s) && s >= 0) return s;
    throw new TypeError(`claim path ${JSON.stringify(path)}: ${JSON.stringify(s)} is neither a name nor a non-negative integer index`);
  });
}

/** The JSON Pointer of a path as the caller wrote it, for messages. */
export function describePath(path: SdJwtVcClaimPath): string {
  try {
    return typeof path === 'string' && path.startsWith('/') ? path : pointerOf(segmentsOf(path));
  } catch {
    return JSON.stringify(path);
  }
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Resolves a path in `data`: the segments with array indexes as numbers and object members as
 * strings. Throws a TypeError naming the path when a step is not there.
 *
 * @example
 * resolveClaimPath({ nationalities: ['DE'] }, '/nationalities/0'); // ['nationalities', 0]
 */
export function resolveClaimPath(data: unknown, path: SdJwtVcClaimPath, what: string): (string | number)[] {
  const segments = segmentsOf(path);
  const out: (string | number)[] = [];
  let at: unknown = data;
  for (const s of segments) {
    if (Array.isArray(at)) {
      const i = typeof s === 'number' ? s : INDEX.test(s) ? Number(s) : NaN;
      if (!Number.isSafeInteger(i) || i >= at.length) throw new TypeError(`${what} ${describePath(path)}: no element ${JSON.stringify(s)} in the array at ${pointerOf(out) || '(top)'}`);
      out.push(i);
      at = at[i];
    } else if (typeof at === 'object' && at !== null) {
      const name = String(s);
      if (!Object.hasOwn(at, name)) throw new TypeError(`${what} ${describePath(path)}: there is no claim ${JSON.stringify(name)} at ${pointerOf(out) || '(top)'}`);
      out.push(name);
      at = (at as Record<string, unknown>)[name];
    } else {
      throw new TypeError(`${what} ${describePath(path)}: ${pointerOf(out)} is not an object or array`);
    }
  }
  return out;
}
