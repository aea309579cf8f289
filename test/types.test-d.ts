import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type Assessment,
  type AssessmentSchema,
  type AssessmentType,
  type CountryCode,
  type CountrySchema,
  type FurtherInformation,
  type FurtherInformationLink,
  type FurtherInformationSchema,
  type Grade,
  type GradeSchema,
  type ElmIssue,
  type Issue,
  type IssueBase,
  type LangString,
  type LangStringSchema,
  type Learner,
  type LearnerSchema,
  type LearningOutcome,
  type LearningOutcomeSchema,
  type Level,
  type LevelSchema,
  type MicroCredential,
  type MicroCredentialSchema,
  type NationalId,
  type NqfLevel,
  type Organisation,
  type OrganisationIdentifiers,
  type OrganisationSchema,
  type OtherAssessmentType,
  type Participation,
  type ParticipationMode,
  type ParticipationSchema,
  type QualityAssurance,
  type QualityAssuranceSchema,
  type QualityAssuranceType,
  type SchemedIdentifier,
  type Stackability,
  type StackabilitySchema,
  type Stackable,
  type StackTarget,
  type Standalone,
  type StructuredGrade,
  type Supervision,
  type SupervisionSchema,
  type ValidationResult,
  type Workload,
  type WorkloadCredits,
  type WorkloadSchema,
  ASSESSMENT_TYPES,
  SUPERVISION_VALUES,
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
    expectTypeOf<Issue['path']>().toEqualTypeOf<string>();
    expectTypeOf<Issue>().toExtend<IssueBase>();
    expectTypeOf<ElmIssue>().toExtend<IssueBase>();
    expectTypeOf<ElmIssue['path']>().toEqualTypeOf<string>();
    expectTypeOf<import('../src/validate-elm.js').ElmValidationIssue>().toExtend<IssueBase>();
    expectTypeOf<import('../src/validate-elm.js').ElmValidationIssue['path']>().toEqualTypeOf<string>();
    expectTypeOf<import('../src/validate-elm.js').ElmValidationIssue['resultPath']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<import('../src/vc.js').VcIssue>().toExtend<IssueBase>();
    expectTypeOf<import('../src/vc.js').VcIssue['path']>().toEqualTypeOf<string>();
    expectTypeOf<import('../src/edc-seal.js').EdcSealIssue>().toExtend<IssueBase>();
    expectTypeOf<import('../src/edc-seal.js').EdcSealIssue['path']>().toEqualTypeOf<string>();
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

describe('named model types', () => {
  it('each is what zod infers from its schema', () => {
    expectTypeOf<MicroCredential>().toEqualTypeOf<z.infer<typeof MicroCredentialSchema>>();
    expectTypeOf<LangString>().toEqualTypeOf<z.infer<typeof LangStringSchema>>();
    expectTypeOf<Organisation>().toEqualTypeOf<z.infer<typeof OrganisationSchema>>();
    expectTypeOf<CountryCode>().toEqualTypeOf<z.infer<typeof CountrySchema>>();
    expectTypeOf<Learner>().toEqualTypeOf<z.infer<typeof LearnerSchema>>();
    expectTypeOf<LearningOutcome>().toEqualTypeOf<z.infer<typeof LearningOutcomeSchema>>();
    expectTypeOf<Workload>().toEqualTypeOf<z.infer<typeof WorkloadSchema>>();
    expectTypeOf<Level>().toEqualTypeOf<z.infer<typeof LevelSchema>>();
    expectTypeOf<Assessment>().toEqualTypeOf<z.infer<typeof AssessmentSchema>>();
    expectTypeOf<Participation>().toEqualTypeOf<z.infer<typeof ParticipationSchema>>();
    expectTypeOf<QualityAssurance>().toEqualTypeOf<z.infer<typeof QualityAssuranceSchema>>();
    expectTypeOf<Supervision>().toEqualTypeOf<z.infer<typeof SupervisionSchema>>();
    expectTypeOf<Grade>().toEqualTypeOf<z.infer<typeof GradeSchema>>();
    expectTypeOf<Stackability>().toEqualTypeOf<z.infer<typeof StackabilitySchema>>();
    expectTypeOf<FurtherInformation>().toEqualTypeOf<z.infer<typeof FurtherInformationSchema>>();
  });

  it('names the objects and value sets inside the elements', () => {
    expectTypeOf<MicroCredential['learner']>().toEqualTypeOf<Learner>();
    expectTypeOf<MicroCredential['issuer']>().toEqualTypeOf<Organisation>();
    expectTypeOf<Organisation['country']>().toEqualTypeOf<CountryCode>();
    expectTypeOf<NonNullable<Organisation['identifiers']>>().toEqualTypeOf<OrganisationIdentifiers>();
    expectTypeOf<NonNullable<OrganisationIdentifiers['other']>[number]>().toEqualTypeOf<SchemedIdentifier>();
    expectTypeOf<NonNullable<Learner['nationalId']>>().toEqualTypeOf<NationalId>();
    expectTypeOf<NationalId['country']>().toEqualTypeOf<CountryCode>();
    expectTypeOf<NonNullable<Workload['credits']>>().toEqualTypeOf<WorkloadCredits>();
    expectTypeOf<NonNullable<Level['nqf']>>().toEqualTypeOf<NqfLevel>();
    expectTypeOf<Assessment['type']>().toEqualTypeOf<AssessmentType | OtherAssessmentType>();
    expectTypeOf<AssessmentType>().toEqualTypeOf<(typeof ASSESSMENT_TYPES)[number]>();
    expectTypeOf<Supervision>().toEqualTypeOf<(typeof SUPERVISION_VALUES)[number]>();
    expectTypeOf<Participation['mode']>().toEqualTypeOf<ParticipationMode>();
    expectTypeOf<QualityAssurance['type']>().toEqualTypeOf<QualityAssuranceType>();
    expectTypeOf<Grade>().toEqualTypeOf<string | StructuredGrade>();
    expectTypeOf<Stackability>().toEqualTypeOf<Standalone | Stackable>();
    expectTypeOf<Stackable['towards'][number]>().toEqualTypeOf<StackTarget>();
    expectTypeOf<NonNullable<FurtherInformation['links']>[number]>().toEqualTypeOf<FurtherInformationLink>();
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

describe('eu-micro-credentials/vocab', () => {
  it('exports the vocabularies and lookups of the root, with their key types', async () => {
    const vocab = await import('../src/vocab.js');
    const root = await import('../src/index.js');
    expectTypeOf(vocab.EQF_LEVEL).toEqualTypeOf(root.EQF_LEVEL);
    expectTypeOf(vocab.keyOfConcept).toEqualTypeOf(root.keyOfConcept);
    expectTypeOf<import('../src/vocab.js').CountryCode>().toEqualTypeOf<import('../src/index.js').CountryCode>();
    expectTypeOf<'DE'>().toExtend<import('../src/vocab.js').CountryCode>();
  });
});
