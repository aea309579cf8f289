import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonObject, JsonValue } from '../../jsonld/json.js';
import { shorten } from '../input.js';
import type { ElmValidationIssue } from '../validation-codes.js';
import { EBSI_ATTESTATION_SCHEMA, EBSI_EDC_SCHEMA } from './schemas.js';

// The edc schema `$ref`s "./vcdm2.0-attestation-schema/schema.json": compiled under this base, the
// reference resolves to where the attestation schema is registered. The host is reserved
// (RFC 6761 .invalid) and ajv is given no loader: nothing is fetched.
const BASE = 'https://ebsi-schemas.invalid/';
const EDC_ID = `${BASE}vcdm2.0-europass-edc-schema.json`;
const ATTESTATION_ID = `${BASE}vcdm2.0-attestation-schema/schema.json`;

let check: ValidateFunction | undefined;

/** EBSI's schema, compiled once on first use (about 200 ms), then reused. */
function ebsiValidator(): ValidateFunction {
  if (check) return check;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema({ ...EBSI_ATTESTATION_SCHEMA }, ATTESTATION_ID);
  check = ajv.compile({ ...EBSI_EDC_SCHEMA, $id: EDC_ID });
  return check;
}

/** The value at a JSON Pointer, and the `id` of the nearest object on the way to it. */
function locate(doc: JsonValue, pointer: string): { value: JsonValue | undefined; nodeId: string } {
  let value: JsonValue | undefined = doc;
  let nodeId = '';
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
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

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  const extra =
    e.keyword === 'additionalProperties' ? ` (${String(params.additionalProperty)})`
    : e.keyword === 'enum' ? ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`
    : e.keyword === 'const' ? ` (${JSON.stringify(params.allowedValue)})`
    : '';
  return `EBSI schema: ${e.instancePath || '(document)'} ${e.message ?? 'is invalid'}${extra}`;
}

/**
 * Checks `doc` against EBSI's JSON Schema for EDC credentials (with the attestation schema it
 * builds on). One issue per ajv error, `path` its `instancePath`.
 */
export function validateEbsiSchema(doc: JsonObject): ElmValidationIssue[] {
  const validate = ebsiValidator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => {
    const { value, nodeId } = locate(doc, e.instancePath);
    const issue: ElmValidationIssue = {
      code: 'EBSI_SCHEMA',
      severity: 'error',
      focusNode: nodeId,
      path: e.instancePath,
      pointer: e.instancePath,
      message: describe(e),
      shape: e.schemaPath,
    };
    if (value !== undefined && (typeof value !== 'object' || value === null)) issue.value = shorten(String(value));
    return issue;
  });
}
