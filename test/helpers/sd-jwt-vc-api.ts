/**
 * The SD-JWT VC functions the SD-JWT VC tests call, in one place: from the entry point
 * `src/sd-jwt-vc.ts` once it exports them, from their modules until then.
 */
export { toSdJwtVcClaims } from '../../src/sd-jwt-vc/claims.js';
export { issueSdJwtVcClaims } from '../../src/sd-jwt-vc/issue.js';
export { issueSdJwtVc } from '../../src/sd-jwt-vc/issue/micro-credential.js';
export { presentSdJwtVc } from '../../src/sd-jwt-vc/present.js';
export { verifySdJwtVc } from '../../src/sd-jwt-vc/verify.js';
export { MANDATORY_ATTRIBUTES, MICRO_CREDENTIAL_VCT, RULEBOOK_CLAIM, RULEBOOK_CLAIMS } from '../../src/sd-jwt-vc/rulebook.js';
