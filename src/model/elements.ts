/**
 * The elements of an EU micro-credential: Council Recommendation of 16 June 2022 on a European
 * approach to micro-credentials for lifelong learning and employability, Annex I. M1-M11 are the
 * mandatory elements, O1-O5 the optional ones ("where relevant, non-exhaustive").
 */
import { z } from 'zod';
import { ESCO_SKILL_URI } from './formats.js';
import {
  CalendarDate,
  CountrySchema,
  DateTimeSchema,
  Email,
  LangStringSchema,
  NonBlankString,
  OrganisationSchema,
  SchemedIdentifierSchema,
  UriSchema,
} from './values.js';

const positive = () => z.number().positive();

/**
 * M1 Identification of the learner: a name or an identifier. The
 * zod schema checks structure; that at least one of them is given is a rule of `validate()`.
 *
 * @example
 * LearnerSchema.parse({ fullName: 'Anna Virtanen', email: 'anna@example.fi' });
 * LearnerSchema.safeParse({ fullName: 'Anna Virtanen', age: 30 }).success; // false: unknown member
 */
export const LearnerSchema = z.strictObject({
  id: UriSchema.optional(),
  fullName: NonBlankString.optional(),
  givenName: NonBlankString.optional(),
  familyName: NonBlankString.optional(),
  dateOfBirth: CalendarDate.optional(),
  nationalId: z.strictObject({ value: NonBlankString, country: CountrySchema }).optional(),
  email: Email.optional(),
  identifiers: z.array(SchemedIdentifierSchema).optional(),
}).meta({
  id: 'Learner',
  description:
    'Annex I M1, identification of the learner: a name (fullName, or givenName and familyName) or an identifier (id, nationalId, identifiers).',
});

/**
 * M6 One learning outcome.
 *
 * @example
 * LearningOutcomeSchema.parse({ title: 'Audit a web page against WCAG 2.2 level AA', type: 'skill' });
 * LearningOutcomeSchema.safeParse({ title: 'x', escoSkills: ['https://example.org/skill'] }).success; // false: not an ESCO skill URI
 */
export const LearningOutcomeSchema = z.strictObject({
  title: LangStringSchema,
  type: z.enum(['knowledge', 'skill', 'competence']).optional(),
  description: LangStringSchema.optional(),
  escoSkills: z.array(z.string().regex(ESCO_SKILL_URI)).optional().meta({
    description: 'ESCO skill URIs: http://data.europa.eu/esco/skill/<uuid>.',
  }),
  relatedSkills: z.array(UriSchema).optional(),
  reusability: z.enum(['transversal', 'cross-sector', 'sector-specific', 'occupation-specific']).optional(),
}).meta({ id: 'LearningOutcome', description: 'Annex I M6, one learning outcome.' });

/**
 * M7 Notional workload needed to achieve the learning outcomes, in ECTS credits wherever possible;
 * at least one of `ects`, `hours`, `credits`.
 *
 * @example
 * WorkloadSchema.parse({ ects: 7.5 });
 * WorkloadSchema.safeParse({}).success; // false: MC_WORKLOAD_EMPTY through validate()
 */
export const WorkloadSchema = z
  .strictObject({
    ects: positive().optional().meta({ description: 'ECTS credits; decimals allowed (7.5).' }),
    hours: positive().optional().meta({ description: 'Notional hours of learning.' }),
    credits: z
      .strictObject({
        system: z.union([z.literal('ECVET'), UriSchema]).meta({ description: '"ECVET" or the URI of another credit system.' }),
        value: positive(),
      })
      .optional(),
  })
  .refine((w) => w.ects !== undefined || w.hours !== undefined || w.credits !== undefined, {
    params: { mc: 'MC_WORKLOAD_EMPTY' },
    message: 'workload has no value',
  })
  .meta({
    id: 'Workload',
    minProperties: 1,
    description: 'Annex I M7, notional workload: ECTS credits wherever possible, hours, or credits of another system; at least one.',
  });

/**
 * M8 Level (and cycle) of the learning experience leading to the micro-credential, if applicable:
 * EQF level 1-8, QF-EHEA cycle, national framework level.
 *
 * @example
 * LevelSchema.parse({ eqf: 6, qfEhea: 'first-cycle' });
 * LevelSchema.safeParse({ eqf: 9 }).success; // false: there is no EQF level 9
 */
export const LevelSchema = z
  .strictObject({
    eqf: z.int().min(1).max(8).optional().meta({ description: 'European Qualifications Framework level, 1 to 8.' }),
    qfEhea: z.enum(['short-cycle', 'first-cycle', 'second-cycle', 'third-cycle']).optional(),
    nqf: z.strictObject({ label: LangStringSchema, uri: UriSchema.optional() }).optional().meta({
      description: 'A National Qualifications Framework level; never taken for an EQF level.',
    }),
  })
  .refine((l) => l.eqf !== undefined || l.qfEhea !== undefined || l.nqf !== undefined, {
    params: { mc: 'MC_LEVEL_EMPTY' },
    message: 'level has no value',
  })
  .meta({
    id: 'Level',
    minProperties: 1,
    description: 'Annex I M8, level (and cycle) of the learning experience, if applicable: EQF, QF-EHEA cycle, NQF; at least one.',
  });

/**
 * The assessment types of the EDC vocabulary (europass-learning-assessment-types), as the model
 * writes them in `assessment.type`.
 *
 * @example
 * ASSESSMENT_TYPES.includes('written-examination'); // true
 * const options = ASSESSMENT_TYPES.map((type) => ({ value: type, label: conceptOf(ASSESSMENT_TYPE, type).label })); // 'peer assessment', …
 */
export const ASSESSMENT_TYPES = [
  'peer-assessment',
  'marked-assignment',
  'continuous-evaluation',
  'portfolio',
  'group-performance',
  'practical-assessment',
  'written-examination',
  'level-of-attendance',
  'project-work',
  'peer-review',
  'quiz',
  'problem-based-learning',
  'oral-examination',
  'artefact-assessment',
] as const;

const Mode = z.enum(['online', 'onsite', 'blended']);

/**
 * M9 Type of assessment: one of `ASSESSMENT_TYPES`, or
 * `{ uri, label }` for a type of another vocabulary.
 *
 * @example
 * AssessmentSchema.parse({ type: 'oral-examination', mode: 'onsite' });
 * AssessmentSchema.parse({ type: { uri: 'https://uni.example.eu/assessment/viva', label: 'Viva voce' } });
 */
export const AssessmentSchema = z.strictObject({
  type: z.union([
    z.enum(ASSESSMENT_TYPES),
    z.strictObject({ uri: UriSchema, label: LangStringSchema }).meta({ description: 'An assessment type from another vocabulary.' }),
  ]),
  mode: Mode.optional(),
  description: LangStringSchema.optional(),
}).meta({ id: 'Assessment', description: 'Annex I M9, type of assessment.' });

/**
 * M10 Form of participation in the learning activity.
 *
 * @example
 * ParticipationSchema.parse({ mode: 'online', setting: 'non-formal', startDate: '2025-01-13T09:00:00+01:00' });
 * ParticipationSchema.safeParse({ mode: 'hybrid' }).success; // false: 'blended' is the value
 */
export const ParticipationSchema = z.strictObject({
  mode: z.enum(['online', 'onsite', 'blended', 'work-based', 'project-based', 'research-lab-based']),
  setting: z.enum(['formal', 'non-formal', 'informal']).optional(),
  startDate: DateTimeSchema.optional(),
  endDate: DateTimeSchema.optional(),
  provider: OrganisationSchema.optional().meta({ description: 'The learning provider, when it differs from the awarding body.' }),
}).meta({ id: 'Participation', description: 'Annex I M10, form of participation in the learning activity.' });

/**
 * M11 One type of quality assurance used to underpin the micro-credential; without `agent`, the
 * issuer itself assures quality.
 *
 * @example
 * QualityAssuranceSchema.parse({ type: 'institutional-quality-assurance', title: 'Institutional accreditation', framework: 'ESG' });
 */
export const QualityAssuranceSchema = z.strictObject({
  type: z.enum([
    'programme-quality-assurance',
    'institutional-quality-assurance',
    'programme-licence',
    'institutional-licence',
    'internal-quality-assurance',
  ]),
  title: LangStringSchema,
  framework: NonBlankString.optional().meta({
    description: 'ESG, EQAVET, EQF-Annex-IV, ISO-21001, ISO-29993, ISO-17024, ISO-9001, EFQM, or another framework\'s name.',
  }),
  agent: OrganisationSchema.optional().meta({ description: 'The accrediting or quality-assurance body; absent means the issuer (internal QA).' }),
  url: UriSchema.optional(),
  issued: DateTimeSchema.optional(),
  expires: DateTimeSchema.optional(),
}).meta({ id: 'QualityAssurance', description: 'Annex I M11, one type of quality assurance underpinning the micro-credential.' });

/**
 * The values of O2, supervision and identity verification during assessment, as the model writes
 * them in `supervision`.
 *
 * @example
 * SUPERVISION_VALUES.includes('supervised-onsite-id-verification'); // true
 */
export const SUPERVISION_VALUES = [
  'unsupervised-no-id-verification',
  'supervised-no-id-verification',
  'supervised-online-id-verification',
  'supervised-onsite-id-verification',
  'unsupervised-id-verification',
] as const;
/**
 * O2 Supervision and identity verification during assessment:
 * one of `SUPERVISION_VALUES`.
 *
 * @example
 * SupervisionSchema.parse('unsupervised-no-id-verification');
 * SupervisionSchema.options; // the five values
 */
export const SupervisionSchema = z.enum(SUPERVISION_VALUES).meta({
  id: 'Supervision',
  description: 'Annex I O2, supervision and identity verification during assessment.',
});

/**
 * O3 Grade achieved: a string, or `{ value, scheme?, passed? }`.
 *
 * @example
 * GradeSchema.parse('B+');
 * GradeSchema.parse({ value: '8.5', scheme: 'Dutch grading scale 1-10', passed: true });
 */
export const GradeSchema = z
  .union([
    NonBlankString,
    z.strictObject({ value: NonBlankString, scheme: LangStringSchema.optional(), passed: z.boolean().optional() }),
  ])
  .meta({ id: 'Grade', description: 'Annex I O3, grade achieved: a string, or { value, scheme?, passed? }.' });

/**
 * O4 Integration / stackability options.
 *
 * @example
 * StackabilitySchema.parse({ kind: 'standalone' });
 * StackabilitySchema.parse({ kind: 'stackable', towards: [{ title: 'Certificate in Data Science', url: 'https://uni.example.eu/cds' }] });
 */
export const StackabilitySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('standalone') }),
    z.strictObject({
      kind: z.literal('stackable'),
      towards: z.array(z.strictObject({ title: LangStringSchema, id: UriSchema.optional(), url: UriSchema.optional() })).min(1),
    }),
  ])
  .meta({ id: 'Stackability', description: 'Annex I O4, integration/stackability options.' });

/**
 * O5 Further information, including the duration of validity.
 *
 * @example
 * FurtherInformationSchema.parse({ validUntil: '2030-12-31T23:59:59Z', links: [{ url: 'https://uni.example.eu/course' }] });
 */
export const FurtherInformationSchema = z.strictObject({
  note: LangStringSchema.optional(),
  validUntil: DateTimeSchema.optional().meta({ description: 'End of validity of the micro-credential.' }),
  links: z.array(z.strictObject({ url: UriSchema, title: LangStringSchema.optional() })).optional(),
}).meta({ id: 'FurtherInformation', description: 'Annex I O5, further information, including the duration of validity.' });


