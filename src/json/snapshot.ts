/**
 * A plain copy of what a caller passes, read once, before anything else looks at it. Every reader
 * after this step reads the copy: a getter runs once, a proxy cannot answer differently twice, a
 * revoked proxy or a throwing trap is a refusal with the place it happened (not an exception), and
 * nothing downstream (zod, jsonld, ajv) can walk a typed array or a Map element by element. The
 * walk is bounded by the input limits, so its cost is linear in what it copies and stops at the
 * first limit crossed.
 */

/** What is read at most: the same bounds for `validate`, `fromElm`, `validateElm` and the verifiers. */
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

/** `a Uint8Array`, `a Date`, `undefined`, `NaN`, `a bigint`: what a non-JSON value is, for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'object' && typeof v !== 'function') return `a ${typeof v}`;
  if (typeof v === 'function') return 'a function';
  try {
    // Object.prototype.toString reads Symbol.toStringTag ("Uint8Array", "Map") and never calls
    // user code for built-in objects; a hostile object's own tag may throw, hence the catch.
    const tag = /^\[object (\w{1,40})\]$/.exec(Object.prototype.toString.call(v))?.[1];
    if (tag && tag !== 'Object') return `${/^[AEIO]/.test(tag) ? 'an' : 'a'} ${tag}`;
    const name: unknown = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === 'string' && /^\w{1,40}$/.test(name) ? `an instance of ${name}` : 'an object with a prototype';
  } catch {
    return 'an object that cannot be read';
  }
}

/** A short description of anything thrown, which may itself be hostile. */
export function describeError(e: unknown): string {
  try {
    if (e instanceof Error) return `${String(e.name)}: ${String(e.message)}`.slice(0, 300);
    return String(e).slice(0, 300);
  } catch {
    return 'an unprintable error';
  }
}

const STAND_IN = '\u0000not JSON: ';

/**
 * What `validate()` puts in its copy in place of an object JSON cannot hold (a typed array, a Map,
 * a Date, a class instance): a symbol, which every schema of the model rejects at once, at that
 * path, without looking inside. The symbol's description says what the value was.
 */
export function standIn(what: string): symbol {
  return Symbol(STAND_IN + what);
}

/** `a Uint8Array` for a stand-in made by `standIn`, undefined for anything else. */
export function standInOf(value: unknown): string | undefined {
  return typeof value === 'symbol' && value.description?.startsWith(STAND_IN) ? value.description.slice(STAND_IN.length) : undefined;
}
