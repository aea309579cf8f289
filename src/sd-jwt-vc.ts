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
export { generateSdJwtVcKeyPair, jwkThumbprint } from './sd-jwt-vc/keys.js';
export type { SdJwtVcAlg, SdJwtVcJwk, SdJwtVcKey, WebCryptoKey } from './sd-jwt-vc/keys.js';
export { issueSdJwtVcClaims } from './sd-jwt-vc/issue.js';
export type { IssueSdJwtVcOptions, SdJwtVcClaimPath } from './sd-jwt-vc/issue.js';
export { issueSdJwtVc, SdJwtVcIssuanceError } from './sd-jwt-vc/issue/micro-credential.js';
export { presentSdJwtVc } from './sd-jwt-vc/present.js';
export type { PresentSdJwtVcOptions } from './sd-jwt-vc/present.js';
export { integrityOf, checkIntegrity } from './sd-jwt-vc/integrity.js';
export type { IntegrityAlgorithm, IntegrityCheck } from './sd-jwt-vc/integrity.js';
export { createTypeMetadata } from './sd-jwt-vc/type-metadata.js';
export type { CreateTypeMetadataOptions } from './sd-jwt-vc/type-metadata.js';
export { validateTypeMetadata } from './sd-jwt-vc/type-metadata/validate.js';
export { checkClaimsAgainstTypeMetadata } from './sd-jwt-vc/type-metadata/check.js';
export type { PresentedClaimsView } from './sd-jwt-vc/type-metadata/check.js';
export type { TypeMetadata, ClaimMetadata, ClaimDisplay, ClaimPath, TypeDisplay, Rendering, SvgTemplate, SvgTemplateProperties } from './sd-jwt-vc/type-metadata/types.js';
export { renderSvgTemplate, MICRO_CREDENTIAL_SVG_TEMPLATE, MICRO_CREDENTIAL_SVG_TEMPLATE_INTEGRITY } from './sd-jwt-vc/svg-template.js';
export type { SvgRendering } from './sd-jwt-vc/svg-template.js';
export { toSdJwtVcClaims, fromSdJwtVcClaims } from './sd-jwt-vc/claims.js';
export type {
  MicroCredentialClaims,
  NotionalWorkload,
  RulebookAccreditation,
  QualityAssuranceCode,
  OpenCode,
  ToSdJwtVcClaimsOptions,
  ToSdJwtVcClaimsResult,
  FromSdJwtVcClaimsOptions,
  FromSdJwtVcClaimsResult,
} from './sd-jwt-vc/claims.js';
export { checkMicroCredentialClaims, UNGRADED_ASSESSMENT_TYPES, ESCO_REFERENCE } from './sd-jwt-vc/integrity-rules.js';
export type { CheckMicroCredentialClaimsOptions } from './sd-jwt-vc/integrity-rules.js';
export { createJwtVcIssuerMetadata, jwtVcIssuerMetadataUrl } from './sd-jwt-vc/issuer-metadata.js';
export type { JwtVcIssuerMetadata } from './sd-jwt-vc/issuer-metadata.js';
export { verifySdJwtVc } from './sd-jwt-vc/verify.js';
export type { SdJwtVcVerification, VerifySdJwtVcOptions, JwtVcIssuerMetadataDocument, Jwk, IssuerIdentity } from './sd-jwt-vc/verify.js';
export { decodeSdJwtVc } from './sd-jwt-vc/decode.js';
export type { DecodedSdJwtVc } from './sd-jwt-vc/decode.js';
export { createStatusListToken } from './sd-jwt-vc/status/token.js';
export type { CreateStatusListTokenOptions, StatusListTokenSource } from './sd-jwt-vc/status/token.js';
export type { StatusCheck, StatusCheckOptions } from './status/check.js';
export type { StatusIssue, StatusIssueCode, StatusIssueDetails, StatusUnknownReason } from './status/codes.js';
