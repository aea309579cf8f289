/**
 * The holder's view of an SD-JWT: the claims with every disclosure in place, and for each claim or
 * array element that a disclosure carries, that disclosure (by the claim's JSON Pointer). Used by
 * presentation to find the disclosures a path needs; verification has its own, stricter reader.
 * @module
 */
import type { Disclosure } from '@sd-jwt/utils';
import { pointerOf } from '../../json/pointer.js';

/** The claims with the disclosures in place, and which disclosure carries which claim. */
export interface DisclosureTree {
  /** The payload with every disclosure in place; `_sd`, `_sd_alg` and unresolved `...` removed. */
  claims: Record<string, unknown>;
  /** JSON Pointer of a claim or element → the disclosure that carries it. */
  byPointer: Map<string, Disclosure>;
}

const MAX_DEPTH = 64;

/** Walks `payload`, putting each disclosure whose digest it references in place (once). */
export function disclosureTree(payload: Record<string, unknown>, disclosures: readonly Disclosure[]): DisclosureTree {
  const byDigest = new Map<string, Disclosure>();
  for (const d of disclosures) if (d._digest !== undefined && !byDigest.has(d._digest)) byDigest.set(d._digest, d);
  const byPointer = new Map<string, Disclosure>();
  const used = new Set<string>();
  const take = (digest: unknown): Disclosure | undefined => {
    if (typeof digest !== 'string' || used.has(digest)) return undefined;
    const d = byDigest.get(digest);
    if (d !== undefined) used.add(digest);
    return d;
  };
  const walk = (value: unknown, at: (string | number)[]): unknown => {
    if (at.length > MAX_DEPTH) throw new TypeError(`the SD-JWT's claims are nested deeper than ${MAX_DEPTH} levels`);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const element of value) {
        const isRef = typeof element === 'object' && element !== null && !Array.isArray(element) && Object.keys(element).length === 1 && Object.hasOwn(element, '...');
        if (!isRef) {
          out.push(walk(element, [...at, out.length]));
          continue;
        }
        const d = take((element as Record<string, unknown>)['...']);
        if (d === undefined || d.key !== undefined) continue; // a decoy, or not an array element disclosure
        byPointer.set(pointerOf([...at, out.length]), d);
        out.push(walk(d.value, [...at, out.length]));
      }
      return out;
    }
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    const put = (key: string, v: unknown) => Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [key, child] of Object.entries(value)) {
      if (key === '_sd' || (key === '_sd_alg' && at.length === 0)) continue;
      put(key, walk(child, [...at, key]));
    }
    const sd = (value as Record<string, unknown>)._sd;
    for (const digest of Array.isArray(sd) ? sd : []) {
      const d = take(digest);
      if (d === undefined || d.key === undefined || Object.hasOwn(out, d.key)) continue;
      byPointer.set(pointerOf([...at, d.key]), d);
      put(d.key, walk(d.value, [...at, d.key]));
    }
    return out;
  };
  return { claims: walk(payload, []) as Record<string, unknown>, byPointer };
}
