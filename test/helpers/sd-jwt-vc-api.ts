/**
 * The SD-JWT VC functions the SD-JWT VC tests call, in one place: from the entry point
 * `src/sd-jwt-vc.ts`, as users import them.
 */
export {
  toSdJwtVcClaims,
  issueSdJwtVcClaims,
  issueSdJwtVc,
  presentSdJwtVc,
  verifySdJwtVc,
  MANDATORY_ATTRIBUTES,
  MICRO_CREDENTIAL_VCT,
  RULEBOOK_CLAIM,
  RULEBOOK_CLAIMS,
} from '../../src/sd-jwt-vc.js';
