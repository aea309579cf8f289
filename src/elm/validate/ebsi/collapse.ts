import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/**
 * ajv with `allErrors` reports every failed branch of every `anyOf` / `oneOf` on the way to a wrong
 * field: one title given as a number yields some twenty errors, most about branches that were never
 * meant (a LearningActivity, an array). Here each combinator's branch errors are replaced by those of
 * the one branch that got furthest, its own combinators collapsed the same way, so one wrong field
 * gives a few errors with its cause among them.
 *
 * "Furthest": a branch whose `type` discriminator matched (no const/enum error on `…/type`), then the
 * branch whose deepest error is deepest in the document, then the one with the fewest errors.
 */

/** The validators of a schema's parts by reference (`<schema id>#<JSON Pointer>`), as ajv's `getSchema`. */
export interface Validators {
  getSchema(ref: string): ValidateFunction | undefined;
}

/** Where each schema object of a resource is, to find a branch's validator by JSON Pointer. */
export class SchemaIndex {
  private readonly where = new WeakMap<object, string>();
  private readonly validators = new WeakMap<object, ValidateFunction | null>();

  constructor(
    private readonly ajv: Validators,
    resources: readonly (readonly [string, unknown])[],
  ) {
    for (const [id, schema] of resources) this.index(schema, id, '', 0);
  }

  private index(schema: unknown, id: string, pointer: string, depth: number): void {
    if (typeof schema !== 'object' || schema === null || depth > 64) return;
    if (!Array.isArray(schema) && !this.where.has(schema)) this.where.set(schema, `${id}#${pointer}`);
    for (const [k, v] of Object.entries(schema)) this.index(v, id, `${pointer}/${encodeURIComponent(k.replaceAll('~', '~0').replaceAll('/', '~1'))}`, depth + 1);
  }

  /** The validator of one branch (none for a branch ajv's strict mode refuses on its own). */
  validator(branch: unknown): ValidateFunction | undefined {
    if (typeof branch !== 'object' || branch === null) return undefined;
    const known = this.validators.get(branch);
    if (known !== undefined) return known ?? undefined;
    const ref = this.where.get(branch);
    let found: ValidateFunction | undefined;
    try {
      found = ref ? this.ajv.getSchema(ref) : undefined;
    } catch {
      found = undefined;
    }
    this.validators.set(branch, found ?? null);
    return found;
  }
}

const isCombinator = (e: ErrorObject) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && Array.isArray(e.schema);
const depthOf = (path: string) => (path === '' ? 0 : path.split('/').length - 1);
const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

function rank(errors: readonly ErrorObject[], base: string): [number, number, number] {
  const missed = errors.some((e) => (e.keyword === 'const' || e.keyword === 'enum') && e.instancePath === `${base}/type`) || errors.some((e) => e.keyword === 'type' && e.instancePath === base);
  return [missed ? 1 : 0, -Math.max(0, ...errors.map((e) => depthOf(e.instancePath))), errors.length];
}

const better = (a: [number, number, number], b: [number, number, number]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The errors of the branch of `error` (an anyOf/oneOf) that got furthest, collapsed in turn. */
function bestBranch(error: ErrorObject, index: SchemaIndex, depth: number): ErrorObject[] | undefined {
  let best: { errors: ErrorObject[]; rank: [number, number, number] } | undefined;
  for (const branch of error.schema as unknown[]) {
    const validate = index.validator(branch);
    if (!validate) return undefined;
    if (validate(error.data)) continue; // a passing branch: the combinator failed on oneOf's "more than one"
    const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: error.instancePath + e.instancePath }));
    const collapsed = collapse(errors, index, depth + 1);
    const r = rank(collapsed, error.instancePath);
    if (!best || better(r, best.rank) < 0) best = { errors: collapsed, rank: r };
  }
  return best?.errors;
}

/**
 * ajv's errors with each combinator's branch explosion replaced by its best branch, deepest cause
 * first, each distinct error once. ajv lists a combinator's branch errors just before the combinator's
 * own error, all at or under its instance path: those are the ones replaced.
 */
export function collapse(errors: readonly ErrorObject[], index: SchemaIndex, depth = 0): ErrorObject[] {
  let out: ErrorObject[] = [];
  for (const error of errors) {
    if (!isCombinator(error) || depth > 8) {
      out.push(error);
      continue;
    }
    const best = bestBranch(error, index, depth);
    if (best === undefined) {
      out.push(error);
      continue;
    }
    let start = out.length;
    while (start > 0 && under(out[start - 1]!.instancePath, error.instancePath)) start--;
    out = [...out.slice(0, start), ...(best.length > 0 ? best : [error])];
  }
  const seen = new Set<string>();
  const unique = out.filter((e) => {
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${e.message}\u0000${JSON.stringify(e.params)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return depth > 0 ? unique : [...unique].sort((a, b) => depthOf(b.instancePath) - depthOf(a.instancePath));
}
