/**
 * Holds every named type of `types.ts` and `value-types.ts` equal to what zod infers from its
 * schema: change a schema without its type (or the reverse) and the library stops compiling here.
 * Types only: nothing imports this file, `tsc -p .` (and the type tests) check it.
 */
import type { z } from 'zod';
import type * as E from './elements.js';
import type { MicroCredentialSchema } from './micro-credential.js';
import type * as T from './types.js';
import type * as V from './values.js';
import type { CountryCode } from '../generated/countries.js';

/** True when A and B are the same type (not merely assignable both ways): the test vitest's `toEqualTypeOf` uses. */
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type Holds<Check extends true> = Check;

type Organisation = z.infer<typeof V.OrganisationSchema>;
type Learner = z.infer<typeof E.LearnerSchema>;
type Level = z.infer<typeof E.LevelSchema>;
type Assessment = z.infer<typeof E.AssessmentSchema>;
type Stackability = z.infer<typeof E.StackabilitySchema>;

export type ModelTypesMatchSchemas = [
  Holds<Same<T.MicroCredential, z.infer<typeof MicroCredentialSchema>>>,
  Holds<Same<T.LangString, z.infer<typeof V.LangStringSchema>>>,
  Holds<Same<T.SchemedIdentifier, z.infer<typeof V.SchemedIdentifierSchema>>>,
  Holds<Same<T.Organisation, Organisation>>,
  Holds<Same<T.OrganisationIdentifiers, NonNullable<Organisation['identifiers']>>>,
  Holds<Same<T.Learner, Learner>>,
  Holds<Same<T.NationalId, NonNullable<Learner['nationalId']>>>,
  Holds<Same<T.LearningOutcome, z.infer<typeof E.LearningOutcomeSchema>>>,
  Holds<Same<T.Workload, z.infer<typeof E.WorkloadSchema>>>,
  Holds<Same<T.WorkloadCredits, NonNullable<z.infer<typeof E.WorkloadSchema>['credits']>>>,
  Holds<Same<T.Level, Level>>,
  Holds<Same<T.NqfLevel, NonNullable<Level['nqf']>>>,
  Holds<Same<T.Assessment, Assessment>>,
  Holds<Same<T.AssessmentType, Extract<Assessment['type'], string>>>,
  Holds<Same<T.OtherAssessmentType, Exclude<Assessment['type'], string>>>,
  Holds<Same<T.Participation, z.infer<typeof E.ParticipationSchema>>>,
  Holds<Same<T.ParticipationMode, z.infer<typeof E.ParticipationSchema>['mode']>>,
  Holds<Same<T.QualityAssurance, z.infer<typeof E.QualityAssuranceSchema>>>,
  Holds<Same<T.QualityAssuranceType, z.infer<typeof E.QualityAssuranceSchema>['type']>>,
  Holds<Same<T.Supervision, z.infer<typeof E.SupervisionSchema>>>,
  Holds<Same<T.Grade, z.infer<typeof E.GradeSchema>>>,
  Holds<Same<T.StructuredGrade, Exclude<z.infer<typeof E.GradeSchema>, string>>>,
  Holds<Same<T.Stackability, Stackability>>,
  Holds<Same<T.Standalone, Extract<Stackability, { kind: 'standalone' }>>>,
  Holds<Same<T.Stackable, Extract<Stackability, { kind: 'stackable' }>>>,
  Holds<Same<T.StackTarget, Extract<Stackability, { kind: 'stackable' }>['towards'][number]>>,
  Holds<Same<T.FurtherInformation, z.infer<typeof E.FurtherInformationSchema>>>,
  Holds<Same<T.FurtherInformationLink, NonNullable<z.infer<typeof E.FurtherInformationSchema>['links']>[number]>>,
  Holds<Same<CountryCode, z.infer<typeof V.CountrySchema>>>,
];
