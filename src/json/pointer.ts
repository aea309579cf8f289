/**
 * JSON Pointers (RFC 6901), and finding places in a document: pointing an issue back into the
 * JSON a person reads.
 * @module
 */
import type { JsonObject, JsonValue } from './types.js';

/** `/a/b~1c`: a JSON Pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  if (typeof key === 'number') return `/${key}`;
  // Most keys need no escaping: skip the two replacements for them (pointers are built per member).
  return key.includes('~') || key.includes('/') ? `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}` : `/${key}`;
}

/**
 * `['a', 'b/c']` for `/a/b~1c`: the keys a JSON Pointer names, as strings (RFC 6901 §4). An issue's
 * `path` is a JSON Pointer: this gives its keys.
 *
 * @example
 * pointerKeys('/learningOutcomes/0/title/en'); // ['learningOutcomes', '0', 'title', 'en']
 * pointerKeys(''); // [] (the document itself)
 */
export function pointerKeys(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The JSON Pointer of the value at `keys` from the root (RFC 6901: `~` and `/` in a key escaped).
 *
 * @example
 * pointerOf(['learningOutcomes', 0, 'title']); // '/learningOutcomes/0/title'
 * validate(doc).issues.filter((i) => i.path.startsWith(pointerOf(['learner']))); // the learner's issues
 */
export function pointerOf(keys: readonly (string | number)[]): string {
  return keys.map(pointerSegment).join('');
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
        found.push({ pointer: pointerOf(path), nodeId: own });
        if (found.length >= limit) return;
      }
      walk(value, own);
      path.pop();
    }
  };
  walk(doc, '');
  return found;
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
    for (const segment of [undefined, ...pointerKeys(pointer)]) {
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
