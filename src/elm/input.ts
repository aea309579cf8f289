import type { JsonObject, JsonValue } from '../jsonld/json.js';

/** Limits of what validateElm reads; the same depth and size bounds as `fromElm`. */
export const INPUT_LIMITS = Object.freeze({ depth: 256, values: 200_000, chars: 32_000_000 });

export type Snapshot =
  | { ok: true; value: JsonObject }
  | { ok: false; code: 'ELM_NOT_JSON_LD' | 'ELM_INPUT_LIMIT'; pointer: string; message: string };

class Refusal {
  constructor(
    readonly code: 'ELM_NOT_JSON_LD' | 'ELM_INPUT_LIMIT',
    readonly pointer: string,
    readonly message: string,
  ) {}
}

/** `/a/b~1c`: a JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/**
 * A plain-JSON copy of the input, or why there is none. Everything after this step reads the copy:
 * getters run once, a proxy cannot answer differently twice, and nothing downstream (jsonld, ajv)
 * can touch the caller's object. The walk stops at the first limit it crosses, before any work
 * proportional to a hostile input's size is done.
 */
export function snapshot(input: unknown): Snapshot {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const what = input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`;
    return { ok: false, code: 'ELM_NOT_JSON_LD', pointer: '', message: `Expected a JSON-LD object (an ELM credential), got ${what}.` };
  }
  let values = 0;
  let chars = 0;
  // The keys from the root to the value being copied; turned into a JSON Pointer only on refusal.
  const keys: (string | number)[] = [];
  const refuse = (code: Refusal['code'], message: string): never => {
    throw new Refusal(code, keys.map(pointerSegment).join(''), message);
  };
  const copy = (v: unknown): JsonValue => {
    if (++values > INPUT_LIMITS.values) refuse('ELM_INPUT_LIMIT', `More than ${INPUT_LIMITS.values} JSON values; not checked.`);
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      chars += v.length;
      if (chars > INPUT_LIMITS.chars) refuse('ELM_INPUT_LIMIT', `More than ${INPUT_LIMITS.chars} characters of text; not checked.`);
      return v;
    }
    if (typeof v === 'number') return Number.isFinite(v) ? v : refuse('ELM_NOT_JSON_LD', `${v} is not a JSON number.`);
    if (typeof v !== 'object') return refuse('ELM_NOT_JSON_LD', `A ${typeof v} is not a JSON value.`);
    if (keys.length >= INPUT_LIMITS.depth) refuse('ELM_INPUT_LIMIT', `Nested deeper than ${INPUT_LIMITS.depth} levels; not checked.`);
    if (Array.isArray(v)) {
      const out: JsonValue[] = [];
      for (let i = 0; i < v.length; i++) {
        keys.push(i);
        out.push(copy(v[i]));
        keys.pop();
      }
      return out;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
      refuse('ELM_NOT_JSON_LD', `${typeof name === 'string' && name ? `A ${name}` : 'An object with a prototype'} is not a JSON value.`);
    }
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(v)) {
      keys.push(key);
      const value = copy((v as Record<string, unknown>)[key]);
      // defineProperty: a "__proto__" key stays an own data property, as JSON.parse makes it. Only
      // for that key: defining every member this way makes V8 build slow dictionary objects (the
      // copy of the 111 KB EU sample took 0.3 ms instead of 0.05 ms, on every sign and verify).
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      keys.pop();
    }
    return out;
  };
  try {
    return { ok: true, value: copy(input) as JsonObject };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, pointer: e.pointer, message: e.message };
    // A getter or proxy trap threw, or the stack ran out: the input cannot be read as JSON.
    return { ok: false, code: 'ELM_NOT_JSON_LD', pointer: '', message: `Reading the input failed: ${describeError(e)}.` };
  }
}

/** A short description of anything thrown, which may itself be hostile. */
export function describeError(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 300);
    return String(e).slice(0, 300);
  } catch {
    return 'an unprintable error';
  }
}

/** Shortens a value for an issue: huge base64 images must not flood a report. */
export function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A found place of a key or value in the document: its JSON Pointer and the nearest enclosing `id`. */
export interface Place {
  pointer: string;
  nodeId: string;
}

/**
 * The places in `doc` where `match` holds for an object member (key, value), first `limit` of them,
 * in document order. Used to point issues about terms and nodes back into the JSON.
 */
export function findPlaces(doc: JsonValue, match: (key: string, value: JsonValue) => boolean, limit = 5): Place[] {
  const found: Place[] = [];
  const walk = (v: JsonValue, pointer: string, nodeId: string): void => {
    if (found.length >= limit || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      v.forEach((item: JsonValue, i: number) => walk(item, pointer + pointerSegment(i), nodeId));
      return;
    }
    const obj = v as JsonObject;
    const own = typeof obj.id === 'string' ? obj.id : typeof obj['@id'] === 'string' ? (obj['@id'] as string) : nodeId;
    for (const key of Object.keys(obj)) {
      const value = obj[key]!;
      if (match(key, value)) {
        found.push({ pointer: pointer + pointerSegment(key), nodeId: own });
        if (found.length >= limit) return;
      }
      walk(value, pointer + pointerSegment(key), own);
    }
  };
  walk(doc, '', '');
  return found;
}

/** The JSON Pointer of the first object whose `id` (or `@id`) is `id`, if any. */
export function pointerOfNode(doc: JsonValue, id: string): string | undefined {
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const root = doc as JsonObject;
    if (root.id === id || root['@id'] === id) return '';
  }
  const [place] = findPlaces(doc, (key, value) => typeof value === 'object' && value !== null && !Array.isArray(value) && ((value as JsonObject).id === id || (value as JsonObject)['@id'] === id), 1);
  return place?.pointer;
}
