import type { JsonObject, JsonValue } from '../jsonld/json.js';
import { copyJson, INPUT_LIMITS } from '../rules/snapshot.js';

export { describeError } from '../rules/snapshot.js';

/** Limits of what validateElm reads; the same depth and size bounds as `fromElm`. */
export { INPUT_LIMITS };

export type Snapshot =
  | { ok: true; value: JsonObject }
  | { ok: false; code: 'ELM_NOT_JSON_LD' | 'ELM_INPUT_LIMIT'; pointer: string; message: string };

/** `/a/b~1c`: a JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  if (typeof key === 'number') return `/${key}`;
  // Most keys need no escaping: skip the two replacements for them (pointers are built per member).
  return key.includes('~') || key.includes('/') ? `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}` : `/${key}`;
}

/**
 * A plain-JSON copy of the input, or why there is none. Everything after this step reads the copy:
 * getters run once, a proxy cannot answer differently twice, and nothing downstream (jsonld, ajv)
 * can touch the caller's object. Whatever reading the input throws (a getter, a proxy trap, a
 * revoked proxy, at the root or inside) is a refusal with the pointer where it happened. The walk
 * stops at the first limit it crosses, before any work proportional to a hostile input's size.
 */
export function snapshot(input: unknown): Snapshot {
  const notJsonLd = (what: string): Snapshot => ({ ok: false, code: 'ELM_NOT_JSON_LD', pointer: '', message: `Expected a JSON-LD object (an ELM credential), got ${what}.` });
  // The root first, so that a 10^6-element array is refused without being copied.
  if (input === null) return notJsonLd('null');
  if (typeof input !== 'object') return notJsonLd(typeof input === 'undefined' ? 'undefined' : `a ${typeof input}`);
  let isArray: boolean;
  try {
    isArray = Array.isArray(input);
  } catch {
    return { ok: false, code: 'ELM_NOT_JSON_LD', pointer: '', message: 'Reading the input failed: it is a revoked proxy.' };
  }
  if (isArray) return notJsonLd('an array');
  const copy = copyJson(input, (_value, what, keys, refuse) => refuse(keys.length === 0 ? `Expected a JSON-LD object (an ELM credential), got ${what}.` : `${what[0]!.toUpperCase()}${what.slice(1)} is not a JSON value.`));
  if (copy.ok) return { ok: true, value: copy.value as JsonObject };
  return { ok: false, code: copy.kind === 'limit' ? 'ELM_INPUT_LIMIT' : 'ELM_NOT_JSON_LD', pointer: copy.keys.map(pointerSegment).join(''), message: copy.message };
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
  // The keys from the root; a pointer is built only for a match (most walks match nothing).
  const path: (string | number)[] = [];
  const walk = (v: JsonValue, nodeId: string): void => {
    if (found.length >= limit || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i] as JsonValue, nodeId);
        path.pop();
      }
      return;
    }
    const obj = v as JsonObject;
    const own = typeof obj.id === 'string' ? obj.id : typeof obj['@id'] === 'string' ? (obj['@id'] as string) : nodeId;
    for (const key of Object.keys(obj)) {
      const value = obj[key]!;
      path.push(key);
      if (match(key, value)) {
        found.push({ pointer: path.map(pointerSegment).join(''), nodeId: own });
        if (found.length >= limit) return;
      }
      walk(value, own);
      path.pop();
    }
  };
  walk(doc, '');
  return found;
}

/** The JSON Pointer of the first object whose `id` (or `@id`) is `id`, if any. */
export function pointerOfNode(doc: JsonValue, id: string): string | undefined {
  return new PlaceIndex(doc).node(id);
}

/** The string a member's value is, or the strings it lists. */
function* strings(value: JsonValue): Iterable<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value as JsonValue[]) if (typeof item === 'string') yield item;
}

/**
 * Where keys, values and nodes first occur in a document (in document order, as `findPlaces` would
 * find them), from one walk: pointing thousands of issues back into the JSON costs one walk of the
 * document, not one per issue.
 */
export class PlaceIndex {
  private readonly byKey = new Map<string, Place>();
  private readonly byType = new Map<string, Place>();
  private readonly byId = new Map<string, Place>();
  private readonly byValue = new Map<string, Place>();
  private readonly nodes = new Map<string, string>();
  private empty: string | undefined;

  constructor(private readonly doc: JsonValue) {
    const first = (map: Map<string, Place>, key: string, pointer: string, nodeId: string) => {
      if (!map.has(key)) map.set(key, { pointer, nodeId });
    };
    const walk = (v: JsonValue, pointer: string, nodeId: string): void => {
      if (typeof v !== 'object' || v === null) return;
      if (Array.isArray(v)) {
        (v as JsonValue[]).forEach((item, i) => walk(item, pointer + pointerSegment(i), nodeId));
        return;
      }
      const obj = v as JsonObject;
      if (this.empty === undefined && pointer !== '' && Object.keys(obj).length === 0) this.empty = pointer;
      for (const key of ['id', '@id']) {
        const id = Object.hasOwn(obj, key) ? obj[key] : undefined;
        if (typeof id === 'string' && !this.nodes.has(id)) this.nodes.set(id, pointer);
      }
      const own = typeof obj.id === 'string' ? obj.id : typeof obj['@id'] === 'string' ? (obj['@id'] as string) : nodeId;
      for (const key of Object.keys(obj)) {
        const value = obj[key]!;
        const at = pointer + pointerSegment(key);
        first(this.byKey, key, at, own);
        if (key === 'type' || key === '@type') for (const t of strings(value)) first(this.byType, t, at, own);
        if ((key === 'id' || key === '@id') && typeof value === 'string') first(this.byId, value, at, own);
        for (const s of strings(value)) first(this.byValue, s, at, own);
        walk(value, at, own);
      }
    };
    walk(doc, '', '');
  }

  /** The first member named `key`. */
  key(key: string): Place | undefined {
    return this.byKey.get(key);
  }

  /** The first `type` or `@type` member that is or lists `type`. */
  type(type: string): Place | undefined {
    return this.byType.get(type);
  }

  /** The first `id` or `@id` member whose value is `id`. */
  id(id: string): Place | undefined {
    return this.byId.get(id);
  }

  /** The first member whose value is or lists the string `value`. */
  value(value: string): Place | undefined {
    return this.byValue.get(value);
  }

  /** The JSON Pointer of the first object (in document order, in arrays too) whose `id` or `@id` is `id`. */
  node(id: string): string | undefined {
    return this.nodes.get(id);
  }

  /** The first empty object below the root. */
  emptyObject(): string | undefined {
    return this.empty;
  }

  /** The `id` (or `@id`) of the nearest object on the way to `pointer`, if any. */
  nodeAt(pointer: string): string | undefined {
    let value: JsonValue | undefined = this.doc;
    let nodeId: string | undefined;
    const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    for (const segment of [undefined, ...segments]) {
      if (segment !== undefined) {
        if (typeof value !== 'object' || value === null) break;
        value = Array.isArray(value) ? (value as JsonValue[])[Number(segment)] : Object.hasOwn(value, segment) ? (value as JsonObject)[segment] : undefined;
      }
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const id = (value as JsonObject).id ?? (value as JsonObject)['@id'];
        if (typeof id === 'string') nodeId = id;
      }
    }
    return nodeId;
  }
}
