/**
 * eu-micro-credentials/sd-jwt-vc: EU micro-credentials in the EU Digital Identity Wallet's format,
 * SD-JWT VC (RFC 9901 and the IETF SD-JWT VC draft), following the WE BUILD micro-credential
 * rulebook (`VerifiableMicroCredential`): the model to the rulebook's claims and back with its
 * integrity rules MC-IR-01…09, issuance with selective disclosure and holder binding, presentation
 * with a key-binding JWT, verification that never throws, and the type metadata.
 * @module eu-micro-credentials/sd-jwt-vc
 */
export { SDJWT_CODES, sdJwtVcIssue } from './sd-jwt-vc/codes.js';
export type { SdJwtVcIssue, SdJwtVcIssueCode } from './sd-jwt-vc/codes.js';
export { MICRO_CREDENTIAL_VCT, ATTESTATION_LEGAL_CATEGORY, RULEBOOK_CLAIMS, RULEBOOK_CLAIM, NEVER_DISCLOSABLE, MANDATORY_ATTRIBUTES } from './sd-jwt-vc/rulebook.js';
export type { RulebookClaim, RulebookClaimType, RulebookDisclosure } from './sd-jwt-vc/rulebook.js';
