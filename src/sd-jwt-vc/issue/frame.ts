/**
 * From claims and the caller's `disclosable` paths to what `@sd-jwt/core` issues: a JSON copy of the
 * claims (never the caller's objects) and the disclosure frame (`_sd` lists per object and array,
 * `_sd_decoy` at the top).
 * @module
 */
import type { DisclosureFrame } from '@sd-jwt/types';
import { pointerOf } from '../../json/pointer.js';
import { NEVER_DISCLOSABLE } from '../rulebook.js';
import { describePath, resolveClaimPath, type SdJwtVcClaimPath } from './paths.js';

/** Member names RFC 9901 reserves (§4.2.1, §4.2.4.2): claims must not use them. */
const RESERVED = new Set(['_sd', '...', '_sd_alg']);
const MAX_DEPTH = 64;

/**
 * A plain JSON copy of `value`; a TypeError at the first value JSON cannot carry (undefined, a
 * function, NaN, a Date, a class instance, a reserved member name, a cycle).
 */
export function jsonCopy(value: unknown, at: (string | number)[] = [], depth = 0): unknown {
  const where = () => pointerOf(at) || '(top)';
  if (depth > MAX_DEPTH) throw new TypeError(`claims nested deeper than ${MAX_DEPTH} levels at ${where()}`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`claim ${where()} is ${value}, which JSON cannot carry`);
    return value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(jsonCopy(value[i], [...at, i], depth + 1));
    return out;
  }
  if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (RESERVED.has(key)) throw new TypeError(`claim ${pointerOf([...at, key])}: the member name ${JSON.stringify(key)} is reserved by SD-JWT (RFC 9901)`);
      if (key === '__proto__') throw new TypeError(`claim ${pointerOf([...at, key])}: the member name "__proto__" is refused (JavaScript readers, @sd-jwt's among them, would drop it or change an object's prototype)`);
      if (child === undefined) continue;
      Object.defineProperty(out, key, { value: jsonCopy(child, [...at, key], depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  throw new TypeError(`claim ${where()} is ${value === undefined ? 'undefined' : `a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`}, not a JSON value`);
}

/**
 * Resolves the `disclosable` paths in the claims, refusing (TypeError) one that is not there or
 * that names a claim that must never be disclosable; duplicates are dropped.
 */
export function resolveDisclosable(claims: Record<string, unknown>, paths: readonly SdJwtVcClaimPath[]): (string | number)[][] {
  if (!Array.isArray(paths)) throw new TypeError('disclosable must be an array of claim paths');
  const seen = new Set<string>();
  const out: (string | number)[][] = [];
  for (const path of paths) {
    const resolved = resolveClaimPath(claims, path, 'disclosable');
    const top = String(resolved[0]);
    if (NEVER_DISCLOSABLE.has(top)) {
      throw new TypeError(`disclosable ${describePath(path)}: \`${top}\` must never be selectively disclosable (SD-JWT VC draft §3.2.2; the WE BUILD rulebook), nor anything inside it`);
    }
    const key = pointerOf(resolved);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(resolved);
    }
  }
  return out;
}

type FrameNode = Record<string, unknown> & { _sd?: (string | number)[] };

/**
 * The `@sd-jwt/core` disclosure frame for resolved paths and top-level decoys; `undefined` when
 * nothing is disclosable and there are no decoys, so that the SD-JWT has no `_sd` and no `_sd_alg`
 * (the SD-JWT VC draft: no selectively disclosable claim, no `_sd`).
 */
export function disclosureFrameOf(paths: readonly (string | number)[][], decoys: number): DisclosureFrame<Record<string, unknown>> | undefined {
  if (paths.length === 0 && decoys === 0) return undefined;
  const root: FrameNode = {};
  for (const path of paths) {
    let node = root;
    for (const step of path.slice(0, -1)) {
      const key = String(step);
      const next = Object.hasOwn(node, key) ? (node[key] as FrameNode) : undefined;
      if (next !== undefined) node = next;
      else {
        const made: FrameNode = {};
        Object.defineProperty(node, key, { value: made, enumerable: true, writable: true, configurable: true });
        node = made;
      }
    }
    (node._sd ??= []).push(path[path.length - 1]!);
  }
  if (decoys > 0) root._sd_decoy = decoys;
  return root as DisclosureFrame<Record<string, unknown>>;
}
