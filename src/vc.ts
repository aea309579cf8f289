/**
 * eu-micro-credentials/vc: keys, signing and verification of W3C Verifiable Credentials and
 * Presentations (@digitalbazaar/vc, Ed25519). A separate entry point because its JSON-LD and
 * signature stack is much heavier than the model. EDC seals have their own entry point,
 * `eu-micro-credentials/edc-seal`.
 * @module eu-micro-credentials/vc
 */
export { generateIssuerKey, importIssuerKey, exportKey, IssuerKey, didKeyDocument, controllerDocumentOf } from './vc/keys.js';
export type { GenerateKeyOptions, ImportKeyInput, ExportedKey, VerificationMethod, ControllerDocument } from './vc/keys.js';
export { signCredential, SigningError } from './vc/sign.js';
export type { SignOptions, SignedCredential } from './vc/sign.js';
export { verifyCredential } from './vc/verify.js';
export { toCanonicalJson } from './vc/canonical.js';
export type { CanonicalJsonOptions, CanonicalJsonResult } from './vc/canonical.js';
export type { VerifyOptions, VerificationResult, VerificationCheck } from './vc/verify.js';
export { SUITES } from './vc/suites.js';
export type { SuiteName } from './vc/suites.js';
export { VC_CODES } from './vc/codes.js';
export type { VcCode, VcIssue } from './vc/codes.js';
export { createPresentation, signPresentation, verifyPresentation } from './vc/presentation.js';
export type {
  CreatePresentationOptions,
  Presentation,
  SignedPresentation,
  SignPresentationOptions,
  VerifyPresentationOptions,
  PresentationCheck,
  PresentedCredential,
  PresentationVerificationResult,
} from './vc/presentation.js';
export { summarizeStack, compareLearners, decimalSum } from './vc/stack.js';
export type { StackSummary, StackEntry, StackLearner, LearnerEvidence } from './vc/stack.js';
export { signCredentials, BatchSigningError } from './vc/batch.js';
export type { SignCredentialsOptions, AbortSignalLike } from './vc/batch.js';
// A verifier receives credentials in EDC's upload format or DC4EU's wrapper too: the same detector.
export { describeWrapping } from './elm/wrappers.js';
export { createStatusListCredential } from './vc/status/list-credential.js';
export type { StatusListCredentialOptions, BitstringStatusListCredential } from './vc/status/list-credential.js';
export type { StatusCheck, StatusCheckOptions } from './status/check.js';
export type { StatusIssue, StatusIssueCode, StatusIssueDetails, StatusUnknownReason } from './status/codes.js';
