import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MicroCredentialSchema, parseMicroCredential, validate } from '../src/index.js';
import { mutate, mutation, validMicroCredential } from './helpers/arbitraries.js';
import { validFixtures } from './helpers/fixtures.js';

const RUNS = { numRuns: 300 };
const someValid = fc.oneof(validMicroCredential, fc.constantFrom(...validFixtures.map((f) => f.doc)));
const mutated = fc.tuple(someValid, mutation).map(([doc, [pick, how, value, key]]) => mutate(doc, pick, how, value, key));

describe('properties of validate()', () => {
  it('accepts every generated micro-credential, with no error and the value unchanged', () => {
    fc.assert(
      fc.property(validMicroCredential, (mc) => {
        const result = validate(mc);
        expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toEqual(mc);
      }),
      RUNS,
    );
  });

  it('never throws, on any JSON value or any JavaScript value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true })), (input) => {
        const result = validate(input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
      }),
      RUNS,
    );
  });

  it('never throws on single mutations of valid documents, and reports every rejection', () => {
    fc.assert(
      fc.property(mutated, (doc) => {
        const result = validate(doc);
        if (!result.ok) {
          expect(result.issues.filter((i) => i.severity === 'error').length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(issue.path).toMatch(/^(\/[^/]*)*$/); // a JSON Pointer
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('passes whatever it accepts through parseMicroCredential unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(someValid, mutated), (doc) => {
        const result = validate(doc);
        if (!result.ok) {
          expect(() => parseMicroCredential(doc)).toThrow();
          return;
        }
        expect(parseMicroCredential(doc)).toEqual(doc);
        expect(parseMicroCredential(result.value)).toEqual(result.value);
      }),
      { numRuns: 500 },
    );
  });

  it('gets the same structural verdict and value from the compiled and the runtime zod parser', () => {
    const compiled = z.compile(MicroCredentialSchema);
    fc.assert(
      fc.property(fc.oneof(someValid, mutated), (doc) => {
        const a = compiled.safeParse(doc);
        const b = MicroCredentialSchema.safeParse(doc);
        expect(a.success).toBe(b.success);
        if (a.success && b.success) expect(a.data).toEqual(b.data);
      }),
      { numRuns: 1000 },
    );
  });
});
