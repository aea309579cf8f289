import { z } from 'zod';
import {
  AssessmentSchema,
  FurtherInformationSchema,
  GradeSchema,
  LearnerSchema,
  LearningOutcomeSchema,
  LevelSchema,
  ParticipationSchema,
  QualityAssuranceSchema,
  StackabilitySchema,
  SupervisionSchema,
  WorkloadSchema,
} from './elements.js';
import { DateTimeSchema, LangStringSchema, LanguageTag, OrganisationSchema, UriSchema } from './values.js';

/**
 * The zod schema of an EU micro-credential (the canonical JSON model). It checks structure only:
 * types, required fields, value sets and formats. The rules across fields (dates in order, QF-EHEA
 * cycle against EQF level, …) are applied by `validate()`, which is what users normally call.
 *
 * @example
 * // Reuse the model in your own zod schemas, e.g. a request body that carries a micro-credential:
 * const IssueRequest = z.object({ credential: MicroCredentialSchema, notify: z.boolean() });
 * // Structure only: use validate() for the issue codes and the rules across fields.
 * MicroCredentialSchema.safeParse(input).success;
 */
export const MicroCredentialSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Ignored: lets editors find the JSON Schema.' }),
    id: UriSchema.optional().meta({ description: 'The credential identifier; a urn:uuid: is generated on export when absent.' }),
    primaryLanguage: LanguageTag.optional().meta({ description: 'The language of plain-string texts; "en" when absent.' }),
    learner: LearnerSchema,
    title: LangStringSchema.meta({ description: 'Annex I M2, title of the micro-credential.' }),
    issuer: OrganisationSchema.meta({ description: 'Annex I M3: the issuing body, whose country and region are the element.' }),
    awardingBodies: z.array(OrganisationSchema).min(1).meta({ description: 'Annex I M4, awarding body(ies); joint awards have several.' }),
    dateOfIssue: DateTimeSchema.meta({ description: 'Annex I M5, date of issuing.' }),
    learningOutcomes: z.array(LearningOutcomeSchema).min(1).meta({ description: 'Annex I M6, learning outcomes; at least one.' }),
    workload: WorkloadSchema,
    level: LevelSchema.optional(),
    assessment: AssessmentSchema,
    participation: ParticipationSchema,
    qualityAssurance: z.array(QualityAssuranceSchema).min(1).meta({ description: 'Annex I M11, type(s) of quality assurance; at least one.' }),
    prerequisites: LangStringSchema.optional().meta({ description: 'Annex I O1, prerequisites needed to enrol in the learning activity.' }),
    supervision: SupervisionSchema.optional(),
    grade: GradeSchema.optional(),
    stackability: StackabilitySchema.optional(),
    furtherInformation: FurtherInformationSchema.optional(),
  })
  .meta({
    id: 'MicroCredential',
    title: 'EU micro-credential',
    description:
      'An EU micro-credential with the elements of Council Recommendation 2022/C 243/02, Annex I: mandatory M1-M11 and optional O1-O5.',
  });
