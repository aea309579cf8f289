import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MicroCredentialSchema, microCredentialJsonSchema } from '../src/index.js';
import { mutate, mutation, validMicroCredential } from './helpers/arbitraries.js';
import { allFixtures, validFixtures } from './helpers/fixtures.js';

const committedPath = join(import.meta.dirname, '..', 'schemas', 'micro-credential.schema.json');
const committed = JSON.parse(readFileSync(committedPath, 'utf8')) as Record<string, unknown>;

const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const checkJsonSchema = ajv.compile(committed);

describe('the JSON Schema', () => {
  it('is what the zod model generates (run `npm run gen:schema` after changing the model)', () => {
    expect(microCredentialJsonSchema()).toEqual(committed);
  });

  it('is draft 2020-12 and compiles in ajv strict mode', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof checkJsonSchema).toBe('function');
  });

  it.each(allFixtures.map((f) => [`${f.kind}/${f.name}`, f.doc] as const))('gives %s the structural verdict zod gives', (_, doc) => {
    expect(checkJsonSchema(doc)).toBe(MicroCredentialSchema.safeParse(doc).success);
  });

  it('accepts every valid fixture', () => {
    for (const f of validFixtures) expect(checkJsonSchema(f.doc), f.name).toBe(true);
  });

  it('agrees with zod on generated documents and on single mutations of them', () => {
    const docs = fc.oneof(
      validMicroCredential,
      fc.tuple(validMicroCredential, mutation).map(([doc, [pick, how, value, key]]) => mutate(doc, pick, how, value, key)),
    );
    fc.assert(
      fc.property(docs, (doc) => {
        expect(checkJsonSchema(doc)).toBe(MicroCredentialSchema.safeParse(doc).success);
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with zod on edge values of each format', () => {
    const base = validFixtures.find((f) => f.name === 'minimal-mandatory-only')!.doc as Record<string, unknown>;
    const variants: Record<string, unknown>[] = [];
    for (const d of ['2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T10:00:00.123456789+05:30', '2024-01-01t10:00:00z', '2024-01-01T10:00:60Z']) variants.push({ ...base, dateOfIssue: d });
    for (const id of ['https://a.b', 'http:/x', 'https:', 'urn:x', 'did:web:example.org', 'mailto:a@b.c', 'a b:c', 'https://ex.org/ä', 'https://ex.org/%zz', 'x:%41']) variants.push({ ...base, issuer: { ...(base.issuer as object), id } });
    for (const lang of ['en', 'pt-BR', 'sr-Latn-RS', 'x-private', 'english', 'e', 'en-', 'zh-Hant-TW', 'de-CH-1901']) variants.push({ ...base, primaryLanguage: lang });
    for (const c of ['IE', 'ie', 'XK', 'EU', 'UK', 'GR', 'EL']) variants.push({ ...base, issuer: { ...(base.issuer as object), country: c } });
    for (const e of [0, -1, 1e-9, 60.5, '1', null]) variants.push({ ...base, workload: { ects: e } });
    for (const v of variants) expect(checkJsonSchema(v), JSON.stringify(v).slice(0, 200)).toBe(MicroCredentialSchema.safeParse(v).success);
  });
});
