import { z } from 'zod';
import { MicroCredentialSchema } from './micro-credential.js';

/**
 * The `$id` of the generated schema (a URN: the schema is shipped in the package, not served).
 *
 * @example
 * microCredentialJsonSchema().$id === JSON_SCHEMA_ID; // true
 * // In a document, point editors at the shipped file instead: "$schema": "./node_modules/eu-micro-credentials/schemas/micro-credential.schema.json"
 */
export const JSON_SCHEMA_ID = 'urn:eu-micro-credentials:schema:micro-credential:v1';

/**
 * The JSON Schema (draft 2020-12) of the micro-credential model, generated from the zod model.
 * It carries the structural rules (types, required fields, value sets, formats as `pattern`); the
 * rules across fields need `validate()`. The package ships the same schema as
 * `eu-micro-credentials/schema.json`.
 *
 * @example
 * const ajv = new Ajv2020(); const check = ajv.compile(microCredentialJsonSchema());
 */
export function microCredentialJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(MicroCredentialSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  const defs = { ...(generated.$defs as Record<string, Record<string, unknown>>) };
  const root = defs.MicroCredential!;
  delete defs.MicroCredential;
  return { $schema: generated.$schema, $id: JSON_SCHEMA_ID, ...root, $defs: defs };
}
