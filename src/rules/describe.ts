/**
 * Reads the zod model to tell users what a field expects ("an absolute URI such as …", "one of
 * "online", "onsite", …"). Only the error path uses it, so it favours clarity over speed.
 */
import type { z } from 'zod';
import { DATE, DATE_TIME, EMAIL, ESCO_SKILL_URI, LANGUAGE_TAG, NON_BLANK, URI } from '../model/formats.js';
import type { Keys } from './issue.js';
import { standInOf } from './stand-in.js';

/** The parts of zod's internal definition that this module reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  checks?: { _zod: { def: { check: string; pattern?: RegExp; format?: string } } }[];
  keyType?: z.ZodType;
}

export const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers that do not change what a value must look like. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.out) current = defOf(def.in!).type === 'transform' ? def.out : def.in!;
    else return current;
  }
}

/** The schema that governs the value at `path`, or undefined where the model defines nothing. */
export function schemaAt(root: z.ZodType, path: Keys): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(root);
  for (const key of path) {
    if (!current) return undefined;
    current = childOf(current, key);
    if (current) current = unwrap(current);
  }
  return current;
}

function childOf(schema: z.ZodType, key: string | number): z.ZodType | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return typeof key === 'string' && def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    case 'array':
      return typeof key === 'number' ? def.element : undefined;
    case 'record':
      return typeof key === 'string' ? def.valueType : undefined;
    case 'union':
      for (const option of def.options ?? []) {
        const child = childOf(unwrap(option), key);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** The field names an object at `path` may have (for "did you mean" suggestions). */
export function fieldsAt(root: z.ZodType, path: Keys): string[] {
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') {
    const names = new Set<string>();
    for (const option of def.options ?? []) {
      const od = defOf(unwrap(option));
      if (od.type === 'object') for (const k of Object.keys(od.shape ?? {})) names.add(k);
    }
    return [...names];
  }
  return [];
}

const FORMAT_WORDS: [RegExp, string][] = [
  [URI, 'an absolute URI such as "https://example.org/…" or "urn:uuid:…"'],
  [DATE_TIME, 'an RFC 3339 date-time with an offset, such as "2024-03-01T10:00:00Z"'],
  [DATE, 'a calendar date such as "1999-10-02"'],
  [EMAIL, 'an e-mail address'],
  [ESCO_SKILL_URI, 'an ESCO skill URI "http://data.europa.eu/esco/skill/<uuid>"'],
  [LANGUAGE_TAG, 'a BCP 47 language tag such as "en" or "pt-BR"'],
  [NON_BLANK, 'text'],
];

/** The format a regular expression stands for, by identity. */
export function formatWords(pattern: RegExp | undefined): string | undefined {
  return FORMAT_WORDS.find(([re]) => re === pattern)?.[1];
}

/** The allowed values of an enum or literal schema, or undefined for any other schema. */
export function allowedValues(schema: z.ZodType | undefined): string[] | undefined {
  if (!schema) return undefined;
  const def = defOf(schema);
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  if (def.type === 'literal') return (def.values ?? []).map(String);
  return undefined;
}

/** A short English description of what a schema accepts. */
export function describe(schema: z.ZodType | undefined): string {
  if (!schema) return 'a value';
  const def = defOf(unwrap(schema));
  switch (def.type) {
    case 'string': {
      const format = def.checks?.map((c) => formatWords(c._zod.def.pattern)).find(Boolean);
      return format ?? 'text';
    }
    case 'number':
    case 'int':
      return def.checks?.some((c) => c._zod.def.check === 'greater_than') ? 'a number greater than 0' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'enum':
    case 'literal': {
      const values = allowedValues(unwrap(schema)) ?? [];
      if (values.length > 20) return 'an ISO 3166-1 alpha-2 country code such as "IE"';
      return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    case 'array':
      return `a list of ${plural(describe(def.element))}`;
    case 'record':
      return 'a language map such as {"en": "…"}';
    case 'object':
      return 'an object';
    case 'union': {
      const parts = (def.options ?? []).map((o) => describe(o));
      if (parts.includes('text') && parts.includes('a language map such as {"en": "…"}')) return 'text or a language map such as {"en": "…"}';
      return parts.join(', or ');
    }
    default:
      return 'a value';
  }
}

function plural(words: string): string {
  return words.replace(/^(an?|one of) /, (m) => (m.startsWith('one') ? 'values, each one of ' : ''));
}

/** The JSON type of a value, as users read it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isFinite(value) ? 'a number' : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return standInOf(value) ?? 'a symbol';
    default:
      return `a ${typeof value}`;
  }
}
