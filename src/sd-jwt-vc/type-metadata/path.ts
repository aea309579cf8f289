/**
 * Claim path processing as the SD-JWT VC draft defines it ("Processing of `path`"): select the
 * elements of a (processed) payload a claim metadata `path` addresses.
 */
import type { ClaimPath } from './types.js';

/** One selected element: where it is (keys and indexes) and its value. */
export interface SelectedClaim {
  at: (string | number)[];
  value: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The elements `path` selects in `root`, or `{ error, at }` (where it failed) when the draft says processing fails (a key
 * applied to a non-object, an index or `null` applied to a non-array).
 *
 * @example
 * selectClaims({ a: [{ b: 1 }, { b: 2 }] }, ['a', null, 'b']); // { selected: [{ at: ['a', 0, 'b'], value: 1 }, { at: ['a', 1, 'b'], value: 2 }] }
 */
export function selectClaims(root: unknown, path: ClaimPath): { selected: SelectedClaim[] } | { error: string; at: (string | number)[] } {
  let current: SelectedClaim[] = [{ at: [], value: root }];
  for (const component of path) {
    const next: SelectedClaim[] = [];
    for (const { at, value } of current) {
      if (typeof component === 'string') {
        if (!isObject(value)) return { error: `"${component}" is applied to ${describe(at)}, which is not an object`, at };
        if (Object.hasOwn(value, component)) next.push({ at: [...at, component], value: value[component] });
      } else {
        if (!Array.isArray(value)) return { error: `${component === null ? 'null' : component} is applied to ${describe(at)}, which is not an array`, at };
        if (component === null) value.forEach((v: unknown, i) => next.push({ at: [...at, i], value: v }));
        else if (component < value.length) next.push({ at: [...at, component], value: value[component] });
      }
    }
    current = next;
  }
  return { selected: current };
}

function describe(at: (string | number)[]): string {
  return at.length === 0 ? 'the payload' : `/${at.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/**
 * A JSON Pointer (RFC 6901) from keys and indexes.
 *
 * @example
 * pointerOf(['accreditation', 'type']); // "/accreditation/type"
 */
export function pointerOf(at: readonly (string | number | null)[]): string {
  return at.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
