import type { z } from 'zod';
import type * as E from './elements.js';
import type { MicroCredentialSchema } from './micro-credential.js';
import type * as V from './values.js';

/** An EU micro-credential in the canonical JSON model. */
export type MicroCredential = z.infer<typeof MicroCredentialSchema>;
/** Text: a plain string in the primary language, or a map from BCP 47 tags to text. */
export type LangString = z.infer<typeof V.LangString>;
/** An issuer, awarding body, learning provider or quality-assurance body. */
export type Organisation = z.infer<typeof V.Organisation>;
/** M1 */
export type Learner = z.infer<typeof E.Learner>;
/** One M6 learning outcome. */
export type LearningOutcome = z.infer<typeof E.LearningOutcome>;
/** M7 */
export type Workload = z.infer<typeof E.Workload>;
/** M8 */
export type Level = z.infer<typeof E.Level>;
/** M9 */
export type Assessment = z.infer<typeof E.Assessment>;
/** One of the EDC assessment types. */
export type AssessmentType = Extract<Assessment['type'], string>;
/** M10 */
export type Participation = z.infer<typeof E.Participation>;
/** One M11 quality-assurance entry. */
export type QualityAssurance = z.infer<typeof E.QualityAssurance>;
/** O2 */
export type Supervision = z.infer<typeof E.Supervision>;
/** O3 */
export type Grade = z.infer<typeof E.Grade>;
/** O4 */
export type Stackability = z.infer<typeof E.Stackability>;
/** O5 */
export type FurtherInformation = z.infer<typeof E.FurtherInformation>;
