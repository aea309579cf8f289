/**
 * The named types of the model: one per element of Annex I, per object inside one and per long
 * value set, declared so that editors show `learner: Learner` and `country: CountryCode` where
 * zod's inferred types would spell out every member (and all 250 country codes). `type-checks.ts`
 * holds each equal to what zod infers from its schema, so the two cannot drift apart.
 */
import type { CountryCode } from '../generated/countries.js';
import type { LangString, Organisation, SchemedIdentifier } from './value-types.js';

export type { LangString, Organisation, OrganisationIdentifiers, SchemedIdentifier } from './value-types.js';

/**
 * An EU micro-credential in the canonical JSON model: the elements of Annex I (M1-M11 mandatory,
 * O1-O5 optional). `validate()` turns unknown input into this type.
 *
 * @example
 * const mc: MicroCredential = {
 *   learner: { fullName: 'Anna Virtanen' },
 *   title: 'Basics of Accessibility in Web Design',
 *   issuer: { id: 'https://uni.example.eu', legalName: 'Example University', country: 'FI', identifiers: { eidas: 'FI-1234567-8' } },
 *   awardingBodies: [{ id: 'https://uni.example.eu', legalName: 'Example University', country: 'FI' }],
 *   dateOfIssue: '2025-04-04T08:00:00Z',
 *   learningOutcomes: [{ title: 'Audit a web page against WCAG 2.2 level AA' }],
 *   workload: { ects: 1 },
 *   assessment: { type: 'marked-assignment' },
 *   participation: { mode: 'online' },
 *   qualityAssurance: [{ type: 'internal-quality-assurance', title: 'Internal quality system' }],
 * };
 */
export interface MicroCredential {
  /** Ignored: lets editors find the JSON Schema. */
  $schema?: string | undefined;
  /** The credential identifier; a urn:uuid: is generated on export when absent. */
  id?: string | undefined;
  /** The language of plain-string texts; "en" when absent. */
  primaryLanguage?: string | undefined;
  /** Annex I M1, identification of the learner. */
  learner: Learner;
  /** Annex I M2, title of the micro-credential. */
  title: LangString;
  /** Annex I M3: the issuing body, whose country and region are the element. */
  issuer: Organisation;
  /** Annex I M4, awarding body(ies); joint awards have several. */
  awardingBodies: Organisation[];
  /** Annex I M5, date of issuing (RFC 3339 date-time). */
  dateOfIssue: string;
  /** Annex I M6, learning outcomes; at least one. */
  learningOutcomes: LearningOutcome[];
  /** Annex I M7, notional workload. */
  workload: Workload;
  /** Annex I M8, level (and cycle) of the learning experience, if applicable. */
  level?: Level | undefined;
  /** Annex I M9, type of assessment. */
  assessment: Assessment;
  /** Annex I M10, form of participation in the learning activity. */
  participation: Participation;
  /** Annex I M11, type(s) of quality assurance; at least one. */
  qualityAssurance: QualityAssurance[];
  /** Annex I O1, prerequisites needed to enrol in the learning activity. */
  prerequisites?: LangString | undefined;
  /** Annex I O2, supervision and identity verification during assessment. */
  supervision?: Supervision | undefined;
  /** Annex I O3, grade achieved. */
  grade?: Grade | undefined;
  /** Annex I O4, integration and stackability options. */
  stackability?: Stackability | undefined;
  /** Annex I O5, further information. */
  furtherInformation?: FurtherInformation | undefined;
}
/**
 * A micro-credential as far as it could be read: any part may be missing or malformed.
 *
 * @example
 * const result = fromElm(document);
 * const partial: PartialMicroCredential = result.value; // complete or not
 * if (!result.ok) prefillForm(partial); // let a person supply what is missing
 */
export type PartialMicroCredential = { [K in keyof MicroCredential]?: unknown };

/**
 * M1 Identification of the learner: a name (`fullName`, or `givenName` and `familyName`) or an
 * identifier (`id`, `nationalId`, `identifiers`).
 *
 * @example
 * const learner: Learner = { fullName: 'Marie Dubois', email: 'marie.dubois@example.fr', identifiers: [{ scheme: 'ORCID', value: '0000-0002-1825-0097' }] };
 */
export interface Learner {
  id?: string | undefined;
  fullName?: string | undefined;
  givenName?: string | undefined;
  familyName?: string | undefined;
  /** A calendar date, e.g. "1999-10-02". */
  dateOfBirth?: string | undefined;
  nationalId?: NationalId | undefined;
  email?: string | undefined;
  identifiers?: SchemedIdentifier[] | undefined;
}
/**
 * A learner's national identifier and the country that issued it.
 *
 * @example
 * const nationalId: NationalId = { value: '010203-123A', country: 'FI' };
 */
export interface NationalId {
  value: string;
  country: CountryCode;
}

/**
 * One M6 learning outcome, optionally typed and linked to ESCO skills.
 *
 * @example
 * const outcome: LearningOutcome = {
 *   title: 'Measure the carbon footprint of a supply chain (scopes 1-3)',
 *   type: 'skill',
 *   escoSkills: ['http://data.europa.eu/esco/skill/a9c1f2d8-3b4e-4f5a-9c6d-7e8f9a0b1c2d'],
 *   reusability: 'cross-sector',
 * };
 */
export interface LearningOutcome {
  title: LangString;
  type?: 'knowledge' | 'skill' | 'competence' | undefined;
  description?: LangString | undefined;
  /** ESCO skill URIs: http://data.europa.eu/esco/skill/<uuid>. */
  escoSkills?: string[] | undefined;
  relatedSkills?: string[] | undefined;
  reusability?: 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific' | undefined;
}

/**
 * M7 Notional workload: ECTS credits wherever possible, hours, or credits of another system (at
 * least one).
 *
 * @example
 * const workload: Workload = { ects: 4, hours: 110 };
 * const vet: Workload = { credits: { system: 'ECVET', value: 4 } };
 */
export interface Workload {
  /** ECTS credits; decimals allowed (7.5). */
  ects?: number | undefined;
  /** Notional hours of learning. */
  hours?: number | undefined;
  credits?: WorkloadCredits | undefined;
}
/**
 * Credits of a system other than ECTS: `ECVET`, or the URI of another credit system.
 *
 * @example
 * const credits: WorkloadCredits = { system: 'ECVET', value: 4 };
 */
export interface WorkloadCredits {
  /** "ECVET" or the URI of another credit system. */
  system: string;
  value: number;
}

/**
 * M8 Level of the learning experience: EQF level, QF-EHEA cycle and/or a national framework level.
 *
 * @example
 * const level: Level = { eqf: 7, qfEhea: 'second-cycle', nqf: { label: 'French NQF level 7' } };
 */
export interface Level {
  /** European Qualifications Framework level, 1 to 8. */
  eqf?: number | undefined;
  qfEhea?: 'short-cycle' | 'first-cycle' | 'second-cycle' | 'third-cycle' | undefined;
  /** A National Qualifications Framework level; never taken for an EQF level. */
  nqf?: NqfLevel | undefined;
}
/**
 * A level of a National Qualifications Framework, by its label and, where it has one, its URI.
 *
 * @example
 * const nqf: NqfLevel = { label: { fr: 'Niveau 7', en: 'French NQF level 7' } };
 */
export interface NqfLevel {
  label: LangString;
  uri?: string | undefined;
}

/**
 * M9 Type of assessment: one of the EDC assessment types, or a concept of another vocabulary.
 *
 * @example
 * const assessment: Assessment = { type: 'portfolio', mode: 'blended', description: 'Three audits, defended orally.' };
 * const custom: Assessment = { type: { uri: 'https://uni.example.eu/assessment/viva', label: 'Viva voce' } };
 */
export interface Assessment {
  type: AssessmentType | OtherAssessmentType;
  mode?: 'online' | 'onsite' | 'blended' | undefined;
  description?: LangString | undefined;
}
/**
 * One of the EDC assessment types (the values of `ASSESSMENT_TYPES`).
 *
 * @example
 * const type: AssessmentType = 'written-examination';
 */
export type AssessmentType =
  | 'peer-assessment'
  | 'marked-assignment'
  | 'continuous-evaluation'
  | 'portfolio'
  | 'group-performance'
  | 'practical-assessment'
  | 'written-examination'
  | 'level-of-attendance'
  | 'project-work'
  | 'peer-review'
  | 'quiz'
  | 'problem-based-learning'
  | 'oral-examination'
  | 'artefact-assessment';
/**
 * An assessment type from another vocabulary than the EDC one, by its URI and label.
 *
 * @example
 * const viva: OtherAssessmentType = { uri: 'https://uni.example.eu/assessment/viva', label: 'Viva voce' };
 */
export interface OtherAssessmentType {
  uri: string;
  label: LangString;
}

/**
 * M10 Form of participation in the learning activity, with its dates and the learning provider.
 *
 * @example
 * const participation: Participation = { mode: 'blended', setting: 'formal', startDate: '2025-03-03T09:00:00+01:00', endDate: '2025-06-20T18:00:00+02:00' };
 */
export interface Participation {
  mode: ParticipationMode;
  setting?: 'formal' | 'non-formal' | 'informal' | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  /** The learning provider, when it differs from the awarding body. */
  provider?: Organisation | undefined;
}
/**
 * The form of participation (M10 `participation.mode`).
 *
 * @example
 * const mode: ParticipationMode = 'work-based';
 */
export type ParticipationMode = 'online' | 'onsite' | 'blended' | 'work-based' | 'project-based' | 'research-lab-based';

/**
 * One M11 quality-assurance entry: its type, a title and, for external QA, the agency.
 *
 * @example
 * const qa: QualityAssurance = {
 *   type: 'programme-quality-assurance',
 *   title: 'Programme accreditation by the national agency',
 *   framework: 'ESG',
 *   agent: { id: 'https://agency.example.eu', legalName: 'Example Accreditation Agency', country: 'FI' },
 * };
 */
export interface QualityAssurance {
  type: QualityAssuranceType;
  title: LangString;
  /** ESG, EQAVET, EQF-Annex-IV, ISO-21001, ISO-29993, ISO-17024, ISO-9001, EFQM, or another framework's name. */
  framework?: string | undefined;
  /** The accrediting or quality-assurance body; absent means the issuer (internal QA). */
  agent?: Organisation | undefined;
  url?: string | undefined;
  issued?: string | undefined;
  expires?: string | undefined;
}
/**
 * The type of a quality-assurance entry (M11 `qualityAssurance[].type`).
 *
 * @example
 * const type: QualityAssuranceType = 'institutional-quality-assurance';
 */
export type QualityAssuranceType =
  | 'programme-quality-assurance'
  | 'institutional-quality-assurance'
  | 'programme-licence'
  | 'institutional-licence'
  | 'internal-quality-assurance';

/**
 * O2 Supervision and identity verification during assessment (one of `SUPERVISION_VALUES`).
 *
 * @example
 * const supervision: Supervision = 'supervised-online-id-verification';
 */
export type Supervision =
  | 'unsupervised-no-id-verification'
  | 'supervised-no-id-verification'
  | 'supervised-online-id-verification'
  | 'supervised-onsite-id-verification'
  | 'unsupervised-id-verification';

/**
 * O3 Grade achieved: a string, or `{ value, scheme?, passed? }`.
 *
 * @example
 * const grade: Grade = { value: 'A', scheme: 'ECTS grading scale A-F', passed: true };
 * const plain: Grade = 'Pass';
 */
export type Grade = string | StructuredGrade;
/**
 * A grade with its grading scheme and whether it is a pass.
 *
 * @example
 * const grade: StructuredGrade = { value: '8.5', scheme: 'Dutch grading scale 1-10', passed: true };
 */
export interface StructuredGrade {
  value: string;
  scheme?: LangString | undefined;
  passed?: boolean | undefined;
}

/**
 * O4 Integration and stackability options: standalone, or stackable towards other credentials.
 *
 * @example
 * const stackability: Stackability = { kind: 'stackable', towards: [{ title: 'MSc in Sustainable Operations', url: 'https://uni.example.eu/msc' }] };
 */
export type Stackability = Standalone | Stackable;
/**
 * O4: the micro-credential stands alone.
 *
 * @example
 * const stackability: Standalone = { kind: 'standalone' };
 */
export interface Standalone {
  kind: 'standalone';
}
/**
 * O4: the micro-credential counts towards one or more other credentials.
 *
 * @example
 * const stackability: Stackable = { kind: 'stackable', towards: [{ title: 'Certificate in Data Science', url: 'https://uni.example.eu/cds' }] };
 */
export interface Stackable {
  kind: 'stackable';
  towards: StackTarget[];
}
/**
 * A credential that a stackable micro-credential counts towards.
 *
 * @example
 * const target: StackTarget = { title: 'MSc in Sustainable Operations', url: 'https://uni.example.eu/msc' };
 */
export interface StackTarget {
  title: LangString;
  id?: string | undefined;
  url?: string | undefined;
}

/**
 * O5 Further information, including the end of the credential's validity.
 *
 * @example
 * const info: FurtherInformation = { note: 'Taught in English.', validUntil: '2030-06-30T23:59:59Z', links: [{ url: 'https://uni.example.eu/course', title: 'Course page' }] };
 */
export interface FurtherInformation {
  note?: LangString | undefined;
  /** End of validity of the micro-credential. */
  validUntil?: string | undefined;
  links?: FurtherInformationLink[] | undefined;
}
/**
 * A link given as further information (O5), with an optional title.
 *
 * @example
 * const link: FurtherInformationLink = { url: 'https://uni.example.eu/course', title: 'Course page' };
 */
export interface FurtherInformationLink {
  url: string;
  title?: LangString | undefined;
}
