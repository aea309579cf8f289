/**
 * The 1EdTech JSON Schema of an Open Badges 3.0 credential, checked with ajv (draft 2019-09), each
 * error an issue with a JSON Pointer into the caller's document.
 * @module
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2019.js';
import { validateOb3Schema } from '../../generated/ajv-ob3.js';
import { shorten } from '../../json/describe.js';
import { pointerSegment } from '../../json/pointer.js';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { type Ob3Issue, ob3Issue } from '../codes.js';

/** Most schema violations listed; past it one `OB3_TOO_MANY_ISSUES` says how many more there are. */
export const MAX_SCHEMA_ISSUES = 100;

/**
 * The schema's validator, compiled by ajv when the library is built (scripts/gen-ajv-validators.mjs),
 * not at run time: compiling evaluates code, which a strict Content Security Policy forbids.
 */
const validator = (): ValidateFunction => validateOb3Schema;

const under = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/** An ajv error, with the branch or item errors it stands for once collapsed. */
type Found = ErrorObject & { causes?: ErrorObject[] };

/**
 * ajv with `allErrors` reports every failed branch of a `oneOf` and every failing item of a
 * `contains`. A `oneOf` whose branches failed only on `type` but one is replaced by that branch's
 * errors (an `issuer` object missing its `id` says so, not "must be string"); one whose branches all
 * failed on the value itself (an `achievementType` neither in the list nor `ext:`) stays one error
 * that names what each branch accepts. A `contains` error keeps its items' errors as causes.
 * ajv lists a combinator's branch errors just before the combinator's own error, all at or under its
 * instance path: those are the ones replaced.
 */
function collapse(errors: readonly ErrorObject[]): Found[] {
  let out: Found[] = [];
  for (const error of errors) {
    if ((error.keyword === 'oneOf' || error.keyword === 'anyOf') && !(error.params as { passingSchemas?: unknown }).passingSchemas) {
      let start = out.length;
      while (start > 0 && under(out[start - 1]!.instancePath, error.instancePath)) start--;
      const branches = out.slice(start);
      out = out.slice(0, start);
      const real = branches.filter((b) => !(b.keyword === 'type' && b.instancePath === error.instancePath));
      const onValue = real.every((b) => b.instancePath === error.instancePath && ['enum', 'const', 'pattern', 'format'].includes(b.keyword));
      if (real.length > 0 && !onValue) out.push(...real);
      else out.push({ ...error, causes: branches });
    } else if (error.keyword === 'contains') {
      const prefix = `${error.schemaPath}/`;
      const items = out.filter((b) => b.schemaPath.startsWith(prefix) && under(b.instancePath, error.instancePath));
      out = out.filter((b) => !items.includes(b));
      out.push({ ...error, causes: items });
    } else {
      out.push(error);
    }
  }
  return out;
}

const list = (values: readonly unknown[], max = 8) =>
  values.length > max ? `${values.slice(0, max).map((v) => JSON.stringify(v)).join(', ')}, … (${values.length} values)` : values.map((v) => JSON.stringify(v)).join(', ');

/** What one ajv error (or one branch of a `oneOf`) accepts, in words. */
function accepts(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum': {
      const values = p.allowedValues as unknown[];
      return values.length === 1 ? JSON.stringify(values[0]) : `one of ${list(values)}`;
    }
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'pattern':
      if (String(p.pattern).startsWith('(ext:)')) return `an extension name "ext:…" (pattern ${String(p.pattern)})`;
      if (String(p.pattern).includes('purl\\.imsglobal\\.org')) return `the Open Badges 3.0 context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" (pattern ${String(p.pattern)})`;
      return `a string matching ${String(p.pattern)}`;
    case 'type':
      return `of type ${String(p.type)}`;
    case 'format':
      return formatWords(String(p.format));
    default:
      return e.message ?? 'valid';
  }
}

function formatWords(format: string): string {
  if (format === 'date-time') return 'a date-time with a time zone (RFC 3339, e.g. "2024-05-01T09:00:00Z")';
  if (format === 'date') return 'a date (RFC 3339 full-date, e.g. "2024-05-01")';
  return `in the format ${format}`;
}

/** The pointer of an error: the missing or extra member for `required` / `additionalProperties`. */
function pointerOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return e.instancePath + pointerSegment(String(p.missingProperty));
  if (e.keyword === 'additionalProperties') return e.instancePath + pointerSegment(String(p.additionalProperty));
  return e.instancePath;
}

/** A readable message for one (collapsed) error. */
function describe(e: Found): string {
  const p = e.params as Record<string, unknown>;
  const where = e.instancePath === '' ? 'The credential' : `\`${e.instancePath}\``;
  switch (e.keyword) {
    case 'required':
      return `${where} has no \`${String(p.missingProperty)}\`, which the OB 3.0 schema requires.`;
    case 'additionalProperties':
      return `${where} has a member \`${shorten(String(p.additionalProperty), 80)}\` the OB 3.0 schema does not allow.`;
    case 'oneOf':
    case 'anyOf': {
      const options = [...new Set((e.causes ?? []).map(accepts))];
      return `${where} must be ${options.length > 0 ? options.join(', or ') : 'valid against one of the schema\'s alternatives'} (OB 3.0 schema).`;
    }
    case 'contains': {
      const values = (e.causes ?? []).filter((c) => c.keyword === 'enum' || c.keyword === 'const').map(accepts);
      return `${where} must list ${values.length > 0 ? values[0] : 'at least one valid item'} (OB 3.0 schema).`;
    }
    case 'enum':
    case 'const':
    case 'pattern':
    case 'format':
    case 'type':
      return `${where} must be ${accepts(e)} (OB 3.0 schema).`;
    default:
      return `${where} ${e.message ?? 'is invalid'} (OB 3.0 schema, ${e.keyword}).`;
  }
}

/**
 * Checks `doc` (a credential) against 1EdTech's AchievementCredential schema. A single `proof`
 * object (VC 2.0's form, and the spec's own signed test vector) is put in an array on a copy first,
 * since the schema types `proof` as an array only; issues inside it point at the object. Paths are
 * `prefix` + the pointer into `doc`.
 */
export function schemaIssues(doc: JsonObject, prefix: string): Ob3Issue[] {
  const proof = Object.hasOwn(doc, 'proof') ? doc.proof : undefined;
  const single = typeof proof === 'object' && proof !== null && !Array.isArray(proof);
  const checked = single ? { ...doc, proof: [proof as JsonValue] } : doc;
  const validate = validator();
  if (validate(checked)) return [];
  const back = (pointer: string) => (single && under(pointer, '/proof/0') ? `/proof${pointer.slice('/proof/0'.length)}` : pointer);
  const found = collapse(validate.errors ?? []);
  const seen = new Set<string>();
  const issues: Ob3Issue[] = [];
  for (const e of found) {
    const path = prefix + back(pointerOf(e));
    const message = describe({ ...e, instancePath: back(e.instancePath) });
    if (seen.has(`${path}\u0000${message}`)) continue;
    seen.add(`${path}\u0000${message}`);
    issues.push(ob3Issue('OB3_SCHEMA_VIOLATION', 'error', path, null, message));
  }
  if (issues.length <= MAX_SCHEMA_ISSUES) return issues;
  const more = issues.length - MAX_SCHEMA_ISSUES;
  return [...issues.slice(0, MAX_SCHEMA_ISSUES), ob3Issue('OB3_TOO_MANY_ISSUES', 'error', prefix, null, `${more} more OB 3.0 schema violation${more === 1 ? '' : 's'} not listed.`)];
}
