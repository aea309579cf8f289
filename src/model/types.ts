import type { z } from 'zod';
import type * as E from './elements.js';
import type { MicroCredentialSchema } from './micro-credential.js';
import type * as V from './values.js';

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
export type MicroCredential = z.infer<typeof MicroCredentialSchema>;
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
 * Text: a plain string in the credential's `primaryLanguage`, or a map from BCP 47 tags to text.
 *
 * @example
 * const plain: LangString = 'Data literacy';
 * const multilingual: LangString = { en: 'Data literacy', ga: 'Litearthacht sonraí' };
 */
export type LangString = z.infer<typeof V.LangString>;
/**
 * An issuer, awarding body, learning provider or quality-assurance body. The EDC shapes need the
 * issuer's eIDAS identifier (`identifiers.eidas`) for the ELM export.
 *
 * @example
 * const issuer: Organisation = {
 *   id: 'https://www.example-ecole.fr',
 *   legalName: { fr: 'École Exemple de Commerce', en: 'Example Business School' },
 *   country: 'FR',
 *   region: 'FR101',
 *   identifiers: { eidas: 'FR/SIRET/12345678900011' },
 * };
 */
export type Organisation = z.infer<typeof V.Organisation>;
/**
 * M1 Identification of the learner: a name (`fullName`, or `givenName` and `familyName`) or an
 * identifier (`id`, `nationalId`, `identifiers`).
 *
 * @example
 * const learner: Learner = { fullName: 'Marie Dubois', email: 'marie.dubois@example.fr', identifiers: [{ scheme: 'ORCID', value: '0000-0002-1825-0097' }] };
 */
export type Learner = z.infer<typeof E.Learner>;
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
export type LearningOutcome = z.infer<typeof E.LearningOutcome>;
/**
 * M7 Notional workload: ECTS credits wherever possible, hours, or credits of another system (at
 * least one).
 *
 * @example
 * const workload: Workload = { ects: 4, hours: 110 };
 * const vet: Workload = { credits: { system: 'ECVET', value: 4 } };
 */
export type Workload = z.infer<typeof E.Workload>;
/**
 * M8 Level of the learning experience: EQF level, QF-EHEA cycle and/or a national framework level.
 *
 * @example
 * const level: Level = { eqf: 7, qfEhea: 'second-cycle', nqf: { label: 'French NQF level 7' } };
 */
export type Level = z.infer<typeof E.Level>;
/**
 * M9 Type of assessment: one of the EDC assessment types, or a concept of another vocabulary.
 *
 * @example
 * const assessment: Assessment = { type: 'portfolio', mode: 'blended', description: 'Three audits, defended orally.' };
 * const custom: Assessment = { type: { uri: 'https://uni.example.eu/assessment/viva', label: 'Viva voce' } };
 */
export type Assessment = z.infer<typeof E.Assessment>;
/**
 * One of the EDC assessment types (the values of `ASSESSMENT_TYPES`).
 *
 * @example
 * const type: AssessmentType = 'written-examination';
 */
export type AssessmentType = Extract<Assessment['type'], string>;
/**
 * M10 Form of participation in the learning activity, with its dates and the learning provider.
 *
 * @example
 * const participation: Participation = { mode: 'blended', setting: 'formal', startDate: '2025-03-03T09:00:00+01:00', endDate: '2025-06-20T18:00:00+02:00' };
 */
export type Participation = z.infer<typeof E.Participation>;
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
export type QualityAssurance = z.infer<typeof E.QualityAssurance>;
/**
 * O2 Supervision and identity verification during assessment (one of `SUPERVISION_VALUES`).
 *
 * @example
 * const supervision: Supervision = 'supervised-online-id-verification';
 */
export type Supervision = z.infer<typeof E.Supervision>;
/**
 * O3 Grade achieved: a string, or `{ value, scheme?, passed? }`.
 *
 * @example
 * const grade: Grade = { value: 'A', scheme: 'ECTS grading scale A-F', passed: true };
 * const plain: Grade = 'Pass';
 */
export type Grade = z.infer<typeof E.Grade>;
/**
 * O4 Integration and stackability options: standalone, or stackable towards other credentials.
 *
 * @example
 * const stackability: Stackability = { kind: 'stackable', towards: [{ title: 'MSc in Sustainable Operations', url: 'https://uni.example.eu/msc' }] };
 */
export type Stackability = z.infer<typeof E.Stackability>;
/**
 * O5 Further information, including the end of the credential's validity.
 *
 * @example
 * const info: FurtherInformation = { note: 'Taught in English.', validUntil: '2030-06-30T23:59:59Z', links: [{ url: 'https://uni.example.eu/course', title: 'Course page' }] };
 */
export type FurtherInformation = z.infer<typeof E.FurtherInformation>;
