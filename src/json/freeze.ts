import type { JsonValue } from './types.js';

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deeply frozen copy of a JSON value. Throws a `TypeError` naming `where` for anything that is not
 * JSON (functions, class instances, cycles, NaN): this is for data the library or a caller hands to
 * the loader, so bad data there is misuse, not a validation result.
 */
export function deepFreezeCopy(value: unknown, where: string): JsonValue {
  const seen = new Set<object>();
  const copy = (v: unknown, path: string): JsonValue => {
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new TypeError(`${where}: ${path} is not a finite number`);
      return v;
    }
    if (typeof v !== 'object') throw new TypeError(`${where}: ${path} is a ${typeof v}, not JSON`);
    if (seen.has(v)) throw new TypeError(`${where}: ${path} is a cycle, not JSON`);
    seen.add(v);
    let out: JsonValue;
    if (Array.isArray(v)) {
      out = Object.freeze(v.map((item, i) => copy(item, `${path}[${i}]`)));
    } else {
      if (!isPlainObject(v)) throw new TypeError(`${where}: ${path} is not a plain object`);
      const obj: Record<string, JsonValue> = {};
      for (const key of Object.keys(v)) {
        // defineProperty, not assignment: a "__proto__" key stays an own data property, as in JSON.parse.
        Object.defineProperty(obj, key, {
          value: copy((v as Record<string, unknown>)[key], `${path}.${key}`),
          enumerable: true,
          writable: false,
          configurable: false,
        });
      }
      out = Object.freeze(obj);
    }
    seen.delete(v);
    return out;
  };
  return copy(value, '$');
}
