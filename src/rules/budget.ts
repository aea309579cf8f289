/**
 * Bounds zod's work on a hostile document. zod describes every failing entry of a list or a
 * language map with an issue object of its own: 190 000 numbers where learning outcomes belong make
 * 190 000 issues, seconds of work and garbage, of which `validate()` lists 100. This walks the
 * document with the model, in the order its issues are listed (elements M1…O5, then fields of no
 * element; within one, in zod's order), and keeps in each list and language map the entries up to
 * the one that uses up the budget of failing entries; the entries after it are counted, not
 * described. The listed issues are the same as without the walk: each failing entry has at least
 * one issue, so none beyond the budget could be listed.
 */
import { z } from 'zod';
import { defOf, unwrap } from './describe.js';
import { ELEMENT_OF_FIELD } from './issue.js';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Compiled copies of the schemas of list entries and map members. `validate` answers yes or no
 * without describing anything (the compiled check, or zod's runtime stopping at the first issue).
 */
const compiled = new WeakMap<z.ZodType, z.ZodType>();
function passes(schema: z.ZodType, value: unknown): boolean {
  let fast = compiled.get(schema);
  if (fast === undefined) {
    try {
      fast = z.compile(schema);
    } catch {
      fast = schema;
    }
    compiled.set(schema, fast);
  }
  return fast.validate(value);
}

/** Elements in Annex I order, then the fields that belong to none: the order issues are listed in. */
const RANK = Object.keys(ELEMENT_OF_FIELD);
const rankOf = (key: string) => {
  const r = RANK.indexOf(key);
  return r < 0 ? RANK.length : r;
};

/**
 * Cuts the lists and language maps of `doc` (a plain copy, cut in place) so that, in listing order,
 * at most `budget` of their entries fail (and at least one per list, so that no list turns empty).
 * Returns how many failing entries were cut.
 */
export function cutFailingEntries(doc: unknown, root: z.ZodType, budget: number): number {
  let left = budget;
  let cut = 0;

  /** Whether to keep entry `failing` of a container: yes while the budget lasts, and the first one always. */
  const keep = (firstFailing: boolean) => {
    if (left > 0) {
      left--;
      return true;
    }
    return firstFailing;
  };

  const visit = (value: unknown, schema: z.ZodType, top = false): void => {
    const s = unwrap(schema);
    const def = defOf(s);
    if (def.type === 'union') {
      const kind = Array.isArray(value) ? ['array'] : isObject(value) ? ['object', 'record'] : [];
      const option = (def.options ?? []).find((o) => kind.includes(defOf(unwrap(o)).type));
      if (option) visit(value, option);
      return;
    }
    if (def.type === 'array' && Array.isArray(value) && def.element) {
      let failing = 0;
      for (let i = 0; i < value.length; i++) {
        if (passes(def.element, value[i])) continue;
        if (keep(failing++ === 0)) {
          visit(value[i], def.element);
          continue;
        }
        for (let j = i; j < value.length; j++) if (!passes(def.element, value[j])) cut++;
        value.length = i;
        return;
      }
      return;
    }
    if (def.type === 'record' && isObject(value) && def.valueType) {
      let failing = 0;
      let cutting = false;
      for (const key of Object.keys(value)) {
        if (cutting) {
          if (!(def.keyType ? passes(def.keyType, key) : true) || !passes(def.valueType, value[key])) cut++;
          delete value[key];
          continue;
        }
        if ((def.keyType ? passes(def.keyType, key) : true) && passes(def.valueType, value[key])) continue;
        if (keep(failing++ === 0)) continue;
        cutting = true;
        cut++;
        delete value[key];
      }
      return;
    }
    if (def.type === 'object' && isObject(value) && def.shape) {
      const keys = Object.keys(def.shape);
      if (top) keys.sort((a, b) => rankOf(a) - rankOf(b));
      for (const key of keys) if (Object.hasOwn(value, key)) visit(value[key], def.shape[key]!);
    }
  };

  visit(doc, root, true);
  return cut;
}
