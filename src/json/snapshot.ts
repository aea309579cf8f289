/**
 * A plain copy of what a caller passes, read once, before anything else looks at it. Every reader
 * after this step reads the copy: a getter runs once, a proxy cannot answer differently twice, a
 * revoked proxy or a throwing trap is a refusal with the place it happened (not an exception), and
 * nothing downstream (zod, jsonld, ajv) can walk a typed array or a Map element by element. The
 * walk is bounded by the input limits, so its cost is linear in what it copies and stops at the
 * first limit crossed.
 * @module
 */
import { describeError, describeValue } from './describe.js';
import { pointerOf } from './pointer.js';
import type { JsonObject } from './types.js';

/** What is read at most: the same bounds for `validate`, `fromElm`, `validateElm`, signing and the verifiers. */
export const INPUT_LIMITS = Object.freeze({ depth: 256, values: 200_000, chars: 32_000_000 });

export type Limits = { readonly depth: number; readonly values: number; readonly chars: number };

/** Object keys and array indexes from the root to a value. */
export type Keys = readonly (string | number)[];

/** Why a copy stopped: a limit crossed, a read that threw, or a value the caller's policy refuses. */
export type CopyRefusal = { kind: 'limit' | 'unreadable' | 'not-json'; keys: Keys; message: string };

export type Copy = { ok: true; value: unknown; values: number } | ({ ok: false } & CopyRefusal);

/**
 * Decides what takes the place of a value that is not JSON data (undefined, a non-finite number, a
 * bigint, a symbol, a function, an object that is neither a plain object nor an array): return the
 * value to put in the copy, or call `refuse`. Never called for anything it would have to walk.
 */
export type OtherValue = (value: unknown, what: string, keys: Keys, refuse: (message: string) => never) => unknown;

/**
 * Copies `input` into plain objects (own enumerable string keys; a `__proto__` key stays an own
 * data member, as JSON.parse makes it) and arrays (every index up to `length`, holes as
 * `undefined`). Symbol keys and non-enumerable members are not copied, as JSON.stringify does not.
 * An object is plain when its prototype is null or has none itself (Object.prototype of any realm).
 */
export function copyJson(input: unknown, other: OtherValue, limits: Limits = INPUT_LIMITS): Copy {
  let values = 0;
  let chars = 0;
  const keys: (string | number)[] = [];
  // Kept here, not recognised by `instanceof` in the catch: what a getter throws may be a proxy
  // whose traps throw again.
  let refusal: CopyRefusal | undefined;
  const stop = (kind: CopyRefusal['kind'], message: string): never => {
    refusal = { kind, keys: [...keys], message };
    throw refusal;
  };
  const refuse = (message: string): never => stop('not-json', message);
  const text = (s: string): void => {
    chars += s.length;
    if (chars > limits.chars) stop('limit', `More than ${limits.chars} characters of text; not checked.`);
  };

  const copy = (v: unknown): unknown => {
    if (++values > limits.values) stop('limit', `More than ${limits.values} values; not checked.`);
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      text(v);
      return v;
    }
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v !== 'object') return other(v, describeValue(v), keys, refuse);
    if (keys.length >= limits.depth) stop('limit', `Nested deeper than ${limits.depth} levels (or a cycle); not checked.`);
    // Array.isArray sees through a proxy to its target (and throws if the proxy is revoked).
    if (Array.isArray(v)) {
      const length: unknown = v.length;
      if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) stop('unreadable', 'An array whose length is not a whole number.');
      const out: unknown[] = [];
      for (let i = 0; i < (length as number); i++) {
        keys.push(i);
        out.push(copy(v[i]));
        keys.pop();
      }
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return other(v, describeValue(v), keys, refuse);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      text(key);
      keys.push(key);
      const value = copy((v as Record<string, unknown>)[key]);
      // defineProperty only for this key: defining every member this way makes V8 build slow
      // dictionary objects (the copy of the 111 KB EU sample took 0.3 ms instead of 0.05 ms).
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      keys.pop();
    }
    return out;
  };

  try {
    const value = copy(input);
    return { ok: true, value, values };
  } catch (e) {
    if (refusal !== undefined) return { ok: false, ...refusal };
    // A getter or a proxy trap threw (a revoked proxy throws on every operation), or a getter ran
    // out of stack: the input cannot be read as data. `keys` still says where the walk was.
    return { ok: false, kind: 'unreadable', keys: [...keys], message: `Reading the input failed: ${describeError(e)}.` };
  }
}


/**
 * Why a snapshot refused the input: `not-object` (the input itself is not a JSON object: null, a
 * string, an array, a Date), `not-json` (a value inside is not JSON), `limit` (a limit crossed),
 * `unreadable` (reading it threw). Each caller names the refusal with its own family's code.
 */
export type SnapshotRefusal = { kind: 'not-object' | CopyRefusal['kind']; pointer: string; message: string };

export type Snapshot = { ok: true; value: JsonObject } | ({ ok: false } & SnapshotRefusal);

/**
 * A plain-JSON copy of a JSON object, or why there is none. Everything after this step reads the
 * copy: getters run once, a proxy cannot answer differently twice, and nothing downstream (jsonld,
 * ajv) can touch the caller's object. Whatever reading the input throws (a getter, a proxy trap, a
 * revoked proxy, at the root or inside) is a refusal with the pointer where it happened. The walk
 * stops at the first limit it crosses, before any work proportional to a hostile input's size.
 * `expected` names what the caller wanted, for the message: `Expected ${expected}, got null.`
 *
 * @example
 * const copy = snapshot(input, 'a JSON-LD object (a credential)');
 * if (!copy.ok) return refuse(copy.kind === 'limit' ? 'TOO_LARGE' : 'MALFORMED', copy.message, copy.pointer);
 */
export function snapshot(input: unknown, expected = 'a JSON object'): Snapshot {
  const notObject = (what: string): Snapshot => ({ ok: false, kind: 'not-object', pointer: '', message: `Expected ${expected}, got ${what}.` });
  // The root first, so that a 10^6-element array is refused without being copied.
  if (input === null) return notObject('null');
  if (typeof input !== 'object') return notObject(typeof input === 'undefined' ? 'undefined' : `a ${typeof input}`);
  let isArray: boolean;
  try {
    isArray = Array.isArray(input);
  } catch {
    return { ok: false, kind: 'unreadable', pointer: '', message: 'Reading the input failed: it is a revoked proxy.' };
  }
  if (isArray) return notObject('an array');
  const copy = copyJson(input, (_value, what, keys, refuse) => refuse(keys.length === 0 ? `Expected ${expected}, got ${what}.` : `${what[0]!.toUpperCase()}${what.slice(1)} is not a JSON value.`));
  if (copy.ok) return { ok: true, value: copy.value as JsonObject };
  return { ok: false, kind: copy.kind === 'not-json' && copy.keys.length === 0 ? 'not-object' : copy.kind, pointer: pointerOf(copy.keys), message: copy.message };
}
