import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { shorten } from '../../../json/describe.js';
import { pointerKeys } from '../../../json/pointer.js';
import type { JsonObject, JsonValue } from '../../../json/types.js';
import { lookalikeOf } from '../confusables.js';
import type { ElmValidationIssue } from '../validation-codes.js';
import { collapse, SchemaIndex } from './collapse.js';
import { ebsiStatusIssues } from './status.js';
import { EBSI_ATTESTATION_SCHEMA } from '../../../generated/ebsi-schemas.js';
import { EBSI_ATTESTATION_ID, EBSI_BRANCH_VALIDATORS, EBSI_EDC_ID, EBSI_EDC_ROOT, validateEbsiEdc } from '../../../generated/ajv-ebsi.js';

let check: { validate: ValidateFunction; index: SchemaIndex; properties: Set<string> } | undefined;

/** Every property name the schemas know: a key that only looks like one of them is named as such. */
function propertyNames(schema: unknown, into: Set<string>, depth = 0): Set<string> {
  if (typeof schema !== 'object' || schema === null || depth > 64) return into;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && typeof v === 'object' && v !== null) for (const name of Object.keys(v)) into.add(name);
    propertyNames(v, into, depth + 1);
  }
  return into;
}

/**
 * EBSI's schema, and the validator of each branch of its anyOf / oneOf, compiled by ajv when the
 * library is built (scripts/gen-ajv-validators.mjs), not at run time: compiling evaluates code,
 * which a strict Content Security Policy forbids. The index of the schemas' objects is made on
 * first use, then reused.
 */
function ebsiValidator(): NonNullable<typeof check> {
  if (check) return check;
  const index = new SchemaIndex({ getSchema: (ref) => EBSI_BRANCH_VALIDATORS.get(ref) }, [[EBSI_ATTESTATION_ID, EBSI_ATTESTATION_SCHEMA], [EBSI_EDC_ID, EBSI_EDC_ROOT]]);
  check = { validate: validateEbsiEdc, index, properties: propertyNames(EBSI_EDC_ROOT, propertyNames(EBSI_ATTESTATION_SCHEMA, new Set())) };
  return check;
}

/** The value at a JSON Pointer, and the `id` of the nearest object on the way to it. */
function locate(doc: JsonValue, pointer: string): { value: JsonValue | undefined; nodeId: string } {
  let value: JsonValue | undefined = doc;
  let nodeId = '';
  const segments = pointerKeys(pointer);
  for (const segment of [undefined, ...segments]) {
    if (segment !== undefined) {
      if (typeof value !== 'object' || value === null) return { value: undefined, nodeId };
      value = Array.isArray(value) ? (value as JsonValue[])[Number(segment)] : Object.hasOwn(value, segment) ? (value as JsonObject)[segment] : undefined;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as JsonObject).id === 'string') {
      nodeId = (value as JsonObject).id as string;
    }
  }
  return { value, nodeId };
}

function describe(e: ErrorObject, properties: Set<string>): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    const lookalike = lookalikeOf(String(params.additionalProperty), properties);
    if (lookalike) return `EBSI schema: ${e.instancePath || '(document)'}: ${lookalike}.`;
  }
  const extra =
    e.keyword === 'additionalProperties' ? ` (${String(params.additionalProperty)})`
    : e.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
    : e.keyword === 'const' ? ` (${JSON.stringify(params.allowedValue)})`
    : '';
  return `EBSI schema: ${e.instancePath || '(document)'} ${e.message ?? 'is invalid'}${extra}`;
}

/**
 * Checks `doc` against EBSI's JSON Schema for EDC credentials (with the attestation schema it
 * builds on). One issue per ajv error once each `anyOf`/`oneOf` is collapsed to the branch that got
 * furthest (see collapse.ts), deepest cause first; `path` is its `instancePath`. A status entry
 * with members the schema refuses is one `EBSI_STATUS_NOT_ALLOWED` naming them (status.ts).
 */
export function validateEbsiSchema(doc: JsonObject): ElmValidationIssue[] {
  const { validate, index, properties } = ebsiValidator();
  if (validate(doc)) return [];
  // A status entry's refused members and type are one finding, said once (status.ts).
  const found = ebsiStatusIssues(collapse(validate.errors ?? [], index), doc, (member) => lookalikeOf(member, properties) !== undefined);
  return found.map((e) => {
    if ('code' in e) return e;
    const { value, nodeId } = locate(doc, e.instancePath);
    const message = describe(e, properties);
    const issue: ElmValidationIssue = {
      code: e.keyword === 'additionalProperties' && message.includes(' is not the term ') ? 'ELM_LOOKALIKE_TERM' : 'EBSI_SCHEMA',
      severity: 'error',
      focusNode: nodeId,
      path: e.instancePath,
      message,
      shape: e.schemaPath,
    };
    if (value !== undefined && (typeof value !== 'object' || value === null)) issue.value = shorten(String(value));
    return issue;
  });
}
