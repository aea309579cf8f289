/**
 * The copies of a node (canonical-form check): a node written out more than once is one node in
 * RDF, so one copy must hold what all the others say; and a value given twice in a list is once in RDF.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import type { Problems } from './problems.js';

/** Nodes with an identifier and content, by identifier, each copy with its JSON Pointer. */
export type NodeCopies = Map<string, { node: JsonObject; pointer: string }[]>;

/** The number of JSON values in `value` (bounded by the input limits of the callers). */
function size(value: JsonValue): number {
  if (value === null || typeof value !== 'object') return 1;
  let n = 1;
  for (const v of Array.isArray(value) ? value : Object.values(value)) n += size(v);
  return n;
}

/** Work allowed for comparing the copies of nodes in one document (steps of `contains`). */
const CONTAINMENT_BUDGET = 2_000_000;

/** One text per JSON value, members in order, memoised per object (each object is written once). */
const keys = new WeakMap<object, string>();
function keyOf(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let key = keys.get(value);
  if (key === undefined) {
    key = Array.isArray(value)
      ? `[${value.map(keyOf).join(',')}]`
      : `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${keyOf((value as JsonObject)[k]!)}`)
          .join(',')}}`;
    keys.set(value, key);
  }
  return key;
}

/** The index of the first item of `list` that repeats an earlier one (nodes without `id` aside), or undefined. */
export function repeatedItem(list: readonly JsonValue[]): number | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && typeof (item as JsonObject).id !== 'string') continue;
    const key = keyOf(item);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return undefined;
}

/**
 * Whether `part` says nothing `whole` does not: every member, value and list entry of it is in
 * `whole`. Equal values are matched by their text first; the rest pairwise, within `budget`.
 */
function contains(whole: JsonValue, part: JsonValue, budget: { left: number }, depth = 0): boolean {
  if (--budget.left < 0 || depth > 64) return false;
  if (part === null || typeof part !== 'object' || whole === null || typeof whole !== 'object') return part === whole;
  if (Array.isArray(part) || Array.isArray(whole)) {
    const wholeList = Array.isArray(whole) ? whole : [whole];
    const exact = new Set(wholeList.map(keyOf));
    budget.left -= wholeList.length;
    return (Array.isArray(part) ? part : [part]).every((p) => exact.has(keyOf(p)) || wholeList.some((w) => contains(w, p, budget, depth + 1)));
  }
  if (keyOf(whole) === keyOf(part)) return true;
  return Object.keys(part).every((k) => Object.hasOwn(whole, k) && contains((whole as JsonObject)[k]!, (part as JsonObject)[k]!, budget, depth + 1));
}


/**
 * A node written out more than once must have one copy that holds all the others (the issuer in
 * full, the same organisation as an awarding body with fewer details): JSON-LD merges the copies,
 * so copies that complete each other would each show only a part of what is signed, and a reader
 * of one of them would miss the rest.
 */
export function checkCopies(p: Problems, nodes: NodeCopies): void {
  // Only for a document whose members are otherwise in order: the comparison reads raw JSON.
  if (p.problems.length > 0) return;
  const budget = { left: CONTAINMENT_BUDGET };
  for (const [id, copies] of nodes) {
    if (copies.length < 2) continue;
    // Most copies are the same node written out again (EDC's concepts): equal texts, nothing to compare.
    const first = keyOf(copies[0]!.node);
    if (copies.every((c) => keyOf(c.node) === first)) continue;
    let fullest = copies[0]!;
    let most = size(fullest.node);
    for (const c of copies) {
      const n = size(c.node);
      if (n > most) [fullest, most] = [c, n];
    }
    for (const copy of copies) {
      if (copy === fullest) continue;
      const held = contains(fullest.node, copy.node, budget);
      if (budget.left < 0) {
        p.add('VC_CREDENTIAL_MALFORMED', copy.pointer, `The copies of the node ${JSON.stringify(id.slice(0, 100))} are too many or too large to compare: not checked.`);
        return;
      }
      if (!held) {
        p.notCanonical(copy.pointer, `The node ${JSON.stringify(id.slice(0, 100))} is also written at ${fullest.pointer || '/'} with content this copy does not share: JSON-LD merges the copies, so each shows only part of what is signed. Write it in full once; other copies may only repeat what it says.`);
      }
    }
  }
}
