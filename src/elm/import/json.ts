/**
 * Reading plain ELM JSON: the helpers every part of the import shares. A node is a JSON object; a
 * property holds one value or an array of them; a node is referenced by its \`id\` (or \`@id\`).
 */

export type Node = Record<string, unknown>;
export type Path = (string | number)[];

export const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
export const own = (n: unknown, key: string): unknown => (isNode(n) && Object.hasOwn(n, key) ? n[key] : undefined);
export const many = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/** A literal as a string: a string, a number, or a JSON-LD value object (`{ "@value": …, "@type": … }`, what compaction leaves of a literal with another datatype). */
export const str = (v: unknown): string | undefined => {
  const literal = isNode(v) && Object.hasOwn(v, '@value') ? v['@value'] : v;
  return typeof literal === 'string' ? literal : typeof literal === 'number' || typeof literal === 'boolean' ? String(literal) : undefined;
};
export const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : str(own(v, 'id')) ?? str(own(v, '@id')));
/** A reference to a node: `{ id }` or `{ id, type }` only. */
export const isReference = (n: Node): boolean => Object.keys(n).every((k) => k === 'id' || k === '@id' || k === 'type' || k === '@type');
/** Whether node `a` says everything `b` says: each member of `b` is in `a`, with an agreeing value. */
export function covers(a: Node, b: Node, depth = 0): boolean {
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key) || !agree(a[key], b[key], depth + 1)) return false;
  return true;
}
/** Equal, or one a reference (`"id"` or `{ id }`) to the other, or one node a fuller copy of the other. */
export function agree(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > 64) return false;
  const refA = typeof a === 'string' ? a : isNode(a) && isReference(a) ? idOf(a) : undefined;
  const refB = typeof b === 'string' ? b : isNode(b) && isReference(b) ? idOf(b) : undefined;
  if (refA !== undefined && refA === idOf(b)) return true;
  if (refB !== undefined && refB === idOf(a)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => agree(v, b[i], depth + 1));
  if (isNode(a) && isNode(b)) return covers(a, b, depth) || covers(b, a, depth);
  return false;
}
export const typesOf = (n: unknown): string[] => many(own(n, 'type') ?? own(n, '@type')).filter((t): t is string => typeof t === 'string');
