/**
 * Reading an Open Badges 3.0 credential by member names: typed getters that remember what they read,
 * so that whatever was not read can be reported (leftovers.ts) instead of silently dropped.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import { pointerOf } from '../../json/pointer.js';
import type { ElementId } from '../../rules/issue.js';
import { type Ob3Issue, type Ob3IssueCode, ob3Issue } from '../codes.js';

/** A place in the credential: object keys and array indexes from its root. */
export type Path = readonly (string | number)[];

/** A JSON object (not an array, not null). */
export const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A single value or a list of values, as a list (JSON-LD allows both for most members). */
export function listOf(v: JsonValue | undefined): readonly JsonValue[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? (v as readonly JsonValue[]) : [v];
}

/** The reading state: the issues found and the places read (taken whole, or entered and read in part). */
export class Reader {
  readonly issues: Ob3Issue[] = [];
  readonly taken = new Set<string>();
  readonly entered = new Set<string>();

  /** Whether the document is written with this library's extension context (its terms are read). */
  constructor(readonly ours: boolean, readonly edubadges: boolean) {}

  issue(code: Ob3IssueCode, severity: 'error' | 'warning', path: Path, element: ElementId | null, message: string): void {
    this.issues.push(ob3Issue(code, severity, pointerOf(path), element, message));
  }

  /** Marks a place as read whole. */
  take(path: Path): void {
    this.taken.add(pointerOf(path));
  }

  /** Marks a place (and the places above it) as entered: its members are read one by one. */
  enter(path: Path): void {
    for (let i = 0; i <= path.length; i++) this.entered.add(pointerOf(path.slice(0, i)));
  }

  /** The member `key` of `node`, marked as read; `undefined` when absent. */
  raw(node: JsonObject, key: string, path: Path): JsonValue | undefined {
    if (!Object.hasOwn(node, key)) return undefined;
    this.enter(path);
    this.take([...path, key]);
    return node[key];
  }

  /** A string member; another kind of value is reported (OB3_VALUE_MALFORMED) and not read. */
  str(node: JsonObject, key: string, path: Path, element: ElementId | null): string | undefined {
    const v = this.raw(node, key, path);
    if (v === undefined || typeof v === 'string') return v;
    this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key], element, `\`${key}\` is ${kindOf(v)}, not a string; it was not read.`);
    return undefined;
  }

  /** A finite number member (a numeric string is not one). */
  num(node: JsonObject, key: string, path: Path, element: ElementId | null): number | undefined {
    const v = this.raw(node, key, path);
    if (v === undefined || (typeof v === 'number' && Number.isFinite(v))) return v;
    this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key], element, `\`${key}\` is ${kindOf(v)}, not a number; it was not read.`);
    return undefined;
  }

  /** A boolean member. */
  bool(node: JsonObject, key: string, path: Path, element: ElementId | null): boolean | undefined {
    const v = this.raw(node, key, path);
    if (v === undefined || typeof v === 'boolean') return v;
    this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key], element, `\`${key}\` is ${kindOf(v)}, not true or false; it was not read.`);
    return undefined;
  }

  /** An object member, entered (its members are read one by one). */
  obj(node: JsonObject, key: string, path: Path, element: ElementId | null): JsonObject | undefined {
    if (!Object.hasOwn(node, key)) return undefined;
    const v = node[key];
    if (isObject(v)) {
      this.enter([...path, key]);
      return v;
    }
    this.take([...path, key]);
    this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key], element, `\`${key}\` is ${kindOf(v)}, not an object; it was not read.`);
    return undefined;
  }

  /** The objects of a member that holds one object or a list of them, with their paths; other items are reported. */
  objects(node: JsonObject, key: string, path: Path, element: ElementId | null): { node: JsonObject; path: Path }[] {
    if (!Object.hasOwn(node, key)) return [];
    const v = node[key]!;
    if (isObject(v)) {
      this.enter([...path, key]);
      return [{ node: v, path: [...path, key] }];
    }
    if (!Array.isArray(v)) {
      this.take([...path, key]);
      this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key], element, `\`${key}\` is ${kindOf(v)}, not an object or a list of objects; it was not read.`);
      return [];
    }
    this.enter([...path, key]);
    const out: { node: JsonObject; path: Path }[] = [];
    (v as readonly JsonValue[]).forEach((item, i) => {
      if (isObject(item)) out.push({ node: item, path: [...path, key, i] });
      else {
        this.take([...path, key, i]);
        this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key, i], element, `An item of \`${key}\` is ${kindOf(item)}, not an object; it was not read.`);
      }
    });
    return out;
  }

  /** The strings of a member that holds one string or a list of them. */
  strings(node: JsonObject, key: string, path: Path, element: ElementId | null): string[] | undefined {
    const v = this.raw(node, key, path);
    if (v === undefined) return undefined;
    const items = listOf(v);
    if (items.every((i) => typeof i === 'string')) return items as string[];
    this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key], element, `\`${key}\` is not a string or a list of strings; it was not read.`);
    return undefined;
  }

  /**
   * A text: a string, or (a `@container: @language` term) a map from language tags to strings.
   * Anything else is reported and not read.
   */
  text(node: JsonObject, key: string, path: Path, element: ElementId | null): string | Record<string, string> | undefined {
    const v = this.raw(node, key, path);
    if (v === undefined || typeof v === 'string') return v;
    if (isObject(v) && Object.values(v).every((t) => typeof t === 'string')) {
      const map: Record<string, string> = {};
      for (const [tag, t] of Object.entries(v)) Object.defineProperty(map, tag, { value: t, enumerable: true, writable: true, configurable: true });
      return map;
    }
    this.issue('OB3_VALUE_MALFORMED', 'warning', [...path, key], element, `\`${key}\` is ${kindOf(v)}, not a text or a map from language tags to texts; it was not read.`);
    return undefined;
  }
}

/**
 * A text of an extension term written in its one JSON form: a plain string as `key`, a language
 * map as `key + "Map"` (the map wins should both be there).
 */
export function langOf(r: Reader, node: JsonObject, key: string, path: Path, element: ElementId | null): string | Record<string, string> | undefined {
  const map = r.text(node, `${key}Map`, path, element);
  const plain = r.str(node, key, path, element);
  return map ?? plain;
}

/** What a JSON value is, for messages. */
export function kindOf(v: JsonValue | undefined): string {
  if (v === undefined) return 'absent';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}
