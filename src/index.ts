/**
 * eu-micro-credentials: the EU standard for micro-credentials (Council Recommendation of 16 June
 * 2022, Annex I) as typed models, validators and JSON Schema.
 * @module eu-micro-credentials
 */
export { validate, parseMicroCredential } from './rules/validate.js';
export type { ValidateOptions, ValidationResult } from './rules/validate.js';
export type { Issue, IssuePath, ElementId } from './rules/issue.js';
export { formatPath, ELEMENT_OF_FIELD } from './rules/issue.js';
export type { IssueBase, Severity } from './json/issue.js';
export { pointerKeys, pointerOf } from './json/pointer.js';
export { ISSUE_CODES, RULE_CODES } from './rules/codes.js';
export type { IssueCode, RuleCode } from './rules/codes.js';
export { formatIssues } from './rules/format.js';
export { MicroCredentialError, MicroCredentialValidationError } from './rules/errors.js';
export type { MicroCredentialErrorCode } from './rules/errors.js';
export { MicroCredentialSchema } from './model/micro-credential.js';
export {
  LearnerSchema,
  LearningOutcomeSchema,
  WorkloadSchema,
  LevelSchema,
  AssessmentSchema,
  ParticipationSchema,
  QualityAssuranceSchema,
  SupervisionSchema,
  GradeSchema,
  StackabilitySchema,
  FurtherInformationSchema,
  ASSESSMENT_TYPES,
  SUPERVISION_VALUES,
} from './model/elements.js';
export { LangStringSchema, OrganisationSchema, DateTimeSchema, UriSchema, CountrySchema } from './model/values.js';
export { microCredentialJsonSchema, JSON_SCHEMA_ID } from './model/json-schema.js';
export type {
  MicroCredential,
  LangString,
  Organisation,
  OrganisationIdentifiers,
  SchemedIdentifier,
  Learner,
  NationalId,
  LearningOutcome,
  Workload,
  WorkloadCredits,
  Level,
  NqfLevel,
  Assessment,
  AssessmentType,
  OtherAssessmentType,
  Participation,
  ParticipationMode,
  QualityAssurance,
  QualityAssuranceType,
  Supervision,
  Grade,
  StructuredGrade,
  Stackability,
  Standalone,
  Stackable,
  StackTarget,
  FurtherInformation,
  FurtherInformationLink,
} from './model/types.js';

// Europass Learning Model (ELM v3)
export { toElm, exportToElm, ElmExportError } from './elm/export/to-elm.js';
export type { ElmCredential, ElmNode, ToElmOptions, ElmExportResult, DisplayImage, DisplayImages, CredentialStatusEntry } from './elm/export/to-elm.js';
export { fromElm } from './elm/import/from-elm.js';
export type { FromElmResult, PartialMicroCredential } from './elm/import/from-elm.js';
export { normalizeForElm } from './elm/export/normalize.js';
export { renderCredentialSvg } from './elm/export/display.js';
export { ELM_ISSUE_CODES } from './elm/issues.js';
export type { ElmIssue, ElmIssueCode } from './elm/issues.js';

// Controlled vocabularies, languages and countries (generated from the EU's data): the same
// exports as eu-micro-credentials/vocab.
export * from './vocab.js';

// Offline JSON-LD document loader (bundled contexts; never the network)
export { createDocumentLoader, documentLoader, DocumentNotBundledError } from './jsonld/loader.js';
export type { DocumentLoader, DocumentLoaderOptions, RemoteDocument, DocumentLoaderErrorCode } from './jsonld/loader.js';
export { CONTEXT_URLS, BUNDLED_CONTEXT_URLS } from './jsonld/contexts.js';
export type { BundledContextUrl } from './jsonld/contexts.js';

// EDC seals: their entry point is `eu-micro-credentials/edc-seal`; the root keeps them for 0.2.x.
export { verifyEdcSeal, EDC_SEAL_CODES } from './deprecated-seal.js';
export type { VerifyEdcSealOptions, EdcSealVerification, EdcSealSignature, EdcSealCertificate, EdcSealIssue, EdcSealCode, EdcSealSeverity, NameAttribute } from './seal/edc-seal.js';
export { describeWrapping } from './elm/wrappers.js';
export type { Wrapping } from './elm/wrappers.js';
