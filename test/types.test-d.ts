import { describe, expectTypeOf, it } from 'vitest';
import {
  type Issue,
  type LangString,
  type MicroCredential,
  type ValidationResult,
  parseMicroCredential,
  validate,
} from '../src/index.js';

describe('inferred types', () => {
  it('validate() narrows on ok', () => {
    const result = validate({} as unknown);
    expectTypeOf(result).toEqualTypeOf<ValidationResult>();
    if (result.ok) {
      expectTypeOf(result.value).toEqualTypeOf<MicroCredential>();
      expectTypeOf(result.issues).toEqualTypeOf<Issue[]>();
    } else {
      // @ts-expect-error: no value on failure
      void result.value;
    }
  });

  it('models every element with its JSON type', () => {
    expectTypeOf(parseMicroCredential).returns.toEqualTypeOf<MicroCredential>();
    expectTypeOf<MicroCredential['title']>().toEqualTypeOf<LangString>();
    expectTypeOf<LangString>().toEqualTypeOf<string | Record<string, string>>();
    expectTypeOf<MicroCredential['awardingBodies'][number]['country']>().toExtend<string>();
    expectTypeOf<MicroCredential['workload']['ects']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<MicroCredential['level']>().toExtend<{ eqf?: number } | undefined>();
    expectTypeOf<MicroCredential['participation']['mode']>().toEqualTypeOf<
      'online' | 'onsite' | 'blended' | 'work-based' | 'project-based' | 'research-lab-based'
    >();
    expectTypeOf<NonNullable<MicroCredential['stackability']>>().toEqualTypeOf<
      { kind: 'standalone' } | { kind: 'stackable'; towards: { title: LangString; id?: string; url?: string }[] }
    >();
    expectTypeOf<Issue['element']>().toEqualTypeOf<
      'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'M6' | 'M7' | 'M8' | 'M9' | 'M10' | 'M11' | 'O1' | 'O2' | 'O3' | 'O4' | 'O5' | null
    >();
  });

  it('rejects a document missing a mandatory element at compile time', () => {
    // @ts-expect-error: learningOutcomes is required
    const mc: MicroCredential = {
      learner: { fullName: 'A' },
      title: 'T',
      issuer: { id: 'https://a.eu', legalName: 'A', country: 'IE' },
      awardingBodies: [{ id: 'https://a.eu', legalName: 'A', country: 'IE' }],
      dateOfIssue: '2024-01-01T00:00:00Z',
      workload: { ects: 1 },
      assessment: { type: 'quiz' },
      participation: { mode: 'online' },
      qualityAssurance: [{ type: 'internal-quality-assurance', title: 'QA' }],
    };
    void mc;
  });
});

describe('eu-micro-credentials/edc-seal', () => {
  it('verifyEdcSeal resolves to a named result type, the same function the root re-exports (deprecated)', async () => {
    const seal = await import('../src/edc-seal.js');
    const root = await import('../src/index.js');
    expectTypeOf(seal.verifyEdcSeal).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(seal.verifyEdcSeal).returns.resolves.toEqualTypeOf<import('../src/edc-seal.js').EdcSealVerification>();
    expectTypeOf(root.verifyEdcSeal).toEqualTypeOf(seal.verifyEdcSeal);
    expectTypeOf<import('../src/edc-seal.js').EdcSealIssue['code']>().toEqualTypeOf<import('../src/edc-seal.js').EdcSealCode>();
    expectTypeOf(seal.EDC_SEAL_CODES.EDC_SEAL_NOT_JWS.severity).toEqualTypeOf<'error'>();
    // @ts-expect-error: options is an object, not a PEM string
    void seal.verifyEdcSeal({}, 'pem');
  });
});
