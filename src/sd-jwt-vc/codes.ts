/**
 * The codes of the SD-JWT VC functions (`SDJWT_`): the rulebook's claims and integrity rules,
 * issuance, presentation, verification and type metadata; and the issue shape they are reported in.
 */
import type { IssueBase } from '../json/issue.js';
import type { IssueCode } from '../rules/codes.js';
import type { ElementId } from '../rules/issue.js';
import type { StatusIssueCode, StatusIssueDetails } from '../status/codes.js';

/**
 * Codes of `toSdJwtVcClaims`, `fromSdJwtVcClaims`, `checkMicroCredentialClaims`, `issueSdJwtVc`,
 * `presentSdJwtVc`, `verifySdJwtVc`, `decodeSdJwtVc` and the type metadata functions, with their meaning
 * (docs/sd-jwt-vc.md explains them).
 *
 * @example
 * SDJWT_CODES.SDJWT_SIGNATURE_INVALID; // "The issuer's signature over the SD-JWT does not verify…"
 */
export const SDJWT_CODES = {
  // The rulebook's claims (toSdJwtVcClaims, fromSdJwtVcClaims, checkMicroCredentialClaims).
  SDJWT_CLAIM_MISSING:
    'MC-IR-01: a claim the WE BUILD micro-credential rulebook makes mandatory (`identifier`, `title`, `givenName`, `familyName`, `issuerCountry`, `awardingBody`, `issuanceDate`, `learningOutcomes`, `notionalWorkload`, `typeOfAssessment`, `formOfParticipation`, `qualityAssurance`) is absent, or the model has nothing to fill it with. In a presentation, reported only when the caller asks for the mandatory claims.',
  SDJWT_CLAIM_MALFORMED:
    'A claim whose value is not of the rulebook\'s data type or format: a string where an array of strings belongs, a date that is not an ISO 8601 calendar date, a country that is not ISO 3166-1 alpha-2, a `level` that is not `EQF-1`…`EQF-8`, a `mail` that is not an e-mail address. It was not read.',
  SDJWT_CODE_UNKNOWN:
    'Warning: a value outside the rulebook\'s code list where the list allows issuer-defined values (`typeOfAssessment`, `formOfParticipation`, `learningActivityType`, `idVerificationMethod`, `qualityAssurance`, `educationLevelDescriptor`: "issuer-defined" in §4.4): valid, but a relying party may not understand it. For a closed list (`level`, `notionalWorkload.unit`, `attestation_legal_category`) the value is an error.',
  SDJWT_CLAIM_UNKNOWN: 'Warning: a claim the rulebook does not define; it was not read into the model.',
  SDJWT_DATE_OF_BIRTH_IN_FUTURE: 'MC-IR-02: `dateOfBirth` is after the day of the check.',
  SDJWT_ISSUANCE_DATE_INVALID:
    'MC-IR-03: `issuanceDate` is in the future, or precedes the completion of the assessment (the model\'s `participation.endDate`).',
  SDJWT_GRADE_INCONSISTENT:
    'MC-IR-04: `grade` is present but `typeOfAssessment` names an assessment that produces no graded outcome; or (warning) `grade` is present without `gradingScheme`.',
  SDJWT_ESCO_REFERENCE_INVALID: 'MC-IR-05: an `escoReference` is not an ESCO skill or competence URI (`http://data.europa.eu/esco/skill/<id>`).',
  SDJWT_WORKLOAD_INVALID: 'MC-IR-06: `notionalWorkload.value` is not a positive finite number, or `notionalWorkload.unit` is neither `ECTS` nor `hours`.',
  SDJWT_STACKABLE_WITHOUT_TARGET: 'Warning, MC-IR-07: `stackable` is `true` but `partOfQualification` is absent.',
  SDJWT_ACCREDITATION_INCONSISTENT: 'MC-IR-08: `accreditation.type` differs from `qualityAssurance`.',
  SDJWT_DISCLOSURE_POLICY:
    'MC-IR-09 and the SD-JWT VC draft: a claim the rulebook says MUST be selectively disclosable is in the clear, or a claim that MUST NOT be (`iss`, `iat`, `nbf`, `exp`, `jti`, `cnf`, `status`, `vct`, `vct#integrity`, `attestation_legal_category`, `trust_anchor`, `cryptographically_bound_to`) is in a disclosure.',
  SDJWT_VALUE_NOT_CARRIED:
    'Warning: on export, a value of the model the rulebook has no claim for (a second awarding body, a language of a multilingual text, a learning outcome\'s type); it is not in the claims (path into the model). On import, a claim the model has no place for (`placeOfBirth`, `fieldOfEducation`); it was not read (path into the claims). docs/sd-jwt-vc.md lists both.',
  SDJWT_VALUE_MAPPED: 'Warning: a value of one vocabulary written as the nearest value of the other (the model\'s `onsite` as the rulebook\'s `on-site`); the message names both.',
  SDJWT_VALUE_INFERRED:
    'Warning, import: a value the model requires and the claims do not carry, taken from another claim or a default (the issuer\'s name from `awardingBody`, the time of `dateOfIssue` from `iat` or midnight UTC, an organisation id from `awardingBodyHomepage` or a fresh `urn:uuid:`); the message names the source. Export: the credential `identifier` generated because the model has no `id`.',
  SDJWT_ELEMENT_MISSING:
    'Import: an Annex I element the claims do not carry, so `fromSdJwtVcClaims` cannot fill it in the model (one issue per element, with its id).',
  // The compact form and the issuer-signed JWT.
  SDJWT_INPUT_MALFORMED:
    'The input is not an SD-JWT in compact form: not a string, no `~`-separated parts, an issuer-signed JWT that is not three base64url segments, a header or payload that is not a UTF-8 JSON object, or a presentation that does not end with `~` or a key-binding JWT.',
  SDJWT_INPUT_LIMIT: 'The input is larger than is read (more than 4 MiB of text, 1 000 disclosures, or JSON nested deeper than 64 levels). Nothing else was read.',
  SDJWT_TYP_INVALID:
    'The issuer-signed JWT\'s header `typ` is not `dc+sd-jwt` (the older `vc+sd-jwt` is accepted with a warning during the transition the draft allows).',
  SDJWT_ALG_UNSUPPORTED: 'The JWS `alg` is none, symmetric (HS*), or not one this library verifies (ES256, ES384, ES512, EdDSA/Ed25519, PS256, RS256); or the header has a `crit` member.',
  SDJWT_SIGNATURE_INVALID: "The issuer's signature over the SD-JWT does not verify with the issuer's key: the header or payload was changed after signing, or the key is not the signer's.",
  SDJWT_ISSUER_KEY_UNKNOWN:
    'No key to check the issuer\'s signature: none of `issuerKeys` matches the header\'s `kid` or `iss`, no `x5c` certificate chains to a given trust anchor, and no issuer metadata was given for `iss`.',
  SDJWT_CERTIFICATE_INVALID:
    'The `x5c` chain in the header does not validate: a certificate cannot be read, is expired or not yet valid at the time of the check, is not signed by the next, does not end at a trust anchor given, or its subject does not match `iss` (a URI SAN or DNS name).',
  SDJWT_ISSUER_MISMATCH: 'The issuer identified by the key (issuer metadata document or certificate) is not the `iss` of the SD-JWT.',
  SDJWT_CLAIM_TIME_INVALID: 'A time claim (`iat`, `nbf`, `exp`) is not a NumericDate (a finite number of seconds).',
  SDJWT_EXPIRED: '`exp` is before the time of the check (beyond the allowed clock skew).',
  SDJWT_NOT_YET_VALID: '`nbf` is after the time of the check (beyond the allowed clock skew).',
  SDJWT_ISSUED_IN_FUTURE: '`iat` is after the time of the check (beyond the allowed clock skew).',
  SDJWT_VCT_MISMATCH: 'The payload\'s `vct` is absent, not a string, or not the type the caller accepts (`VerifiableMicroCredential` by default).',
  // Disclosures.
  SDJWT_DISCLOSURE_MALFORMED:
    'A disclosure that cannot be read: not base64url, not a JSON array of 2 (array element) or 3 (salt, name, value) members, a salt or name that is not a string, a claim name `_sd` or `...`, or a name that already exists at its place.',
  SDJWT_DISCLOSURE_UNREFERENCED: 'A disclosure whose digest is in no `_sd` array nor `...` element of the payload or of another disclosure: it was added or changed after issuance.',
  SDJWT_DIGEST_DUPLICATE: 'A digest appears more than once in the payload and disclosures, or two disclosures have the same digest (RFC 9901 §7.1 says to reject).',
  SDJWT_HASH_ALG_UNSUPPORTED: '`_sd_alg` names a hash this library does not compute (sha-256, sha-384, sha-512 are supported).',
  // Key binding.
  SDJWT_KB_MISSING: 'The SD-JWT has a `cnf` (holder binding) but the presentation has no key-binding JWT, so it may be replayed by anyone who saw it.',
  SDJWT_KB_UNEXPECTED: 'The presentation has a key-binding JWT but the SD-JWT has no `cnf` key to check it with.',
  SDJWT_KB_MALFORMED: 'The key-binding JWT cannot be read: not a compact JWS, header `typ` not `kb+jwt`, or a claim (`iat`, `aud`, `nonce`, `sd_hash`) absent or of the wrong type.',
  SDJWT_KB_SIGNATURE_INVALID: "The key-binding JWT's signature does not verify with the `cnf` key of the SD-JWT: the holder did not make this presentation.",
  SDJWT_KB_SD_HASH_MISMATCH: "The key-binding JWT's `sd_hash` is not the digest of the presented SD-JWT (issuer-signed JWT and the disclosures, in order): a disclosure was added, removed or changed.",
  SDJWT_KB_AUDIENCE_MISMATCH: "The key-binding JWT's `aud` is not the audience the verifier expects.",
  SDJWT_KB_NONCE_MISMATCH: "The key-binding JWT's `nonce` is not the nonce the verifier gave.",
  SDJWT_KB_TIME_INVALID: "The key-binding JWT's `iat` is in the future or older than `maxKeyBindingAge` (default 300 s) at the time of the check.",
  SDJWT_KB_REPLAY_UNCHECKED:
    "Warning: the verifier gave no `nonce` (or no `audience`) to compare the key-binding JWT's with. The holder's signature and `sd_hash` were checked, but a presentation made for another verifier or an earlier request, replayed, would not be detected: pass the nonce and audience of your request. Also when the verifier gave them but the credential is not bound to a holder key (no `cnf`, no key-binding JWT): nothing could check them (`requireKeyBinding: true` refuses such credentials).",
  SDJWT_KEY_INVALID: 'A key given to the function (issuer, holder, `cnf`) cannot be used: not a JWK or CryptoKey of a supported type, a private key where a public one belongs (or the reverse), or a JWK with members that disagree.',
  // Type metadata.
  SDJWT_TYPE_METADATA_MALFORMED: 'A type metadata document that does not follow the SD-JWT VC draft (§6): no `vct`, a `display` without `locale`, a claim `path` that is not a non-empty array of strings, nulls and non-negative integers, an `sd` outside `always|allowed|never`, a duplicate or malformed `svg_id`.',
  SDJWT_TYPE_METADATA_MISMATCH:
    'The credential does not match the type metadata: a claim marked `mandatory` is absent, a claim with `sd: always` is in the clear, or one with `sd: never` is in a disclosure; or the metadata is for another `vct`.',
  SDJWT_SVG_TEMPLATE_REFUSED:
    'An SVG template of the type metadata was not rendered: a `{{placeholder}}` names no claim\'s `svg_id` (the draft says to refuse the template), a placeholder stands outside text content (in an attribute, comment, CDATA section, `<script>` or `<style>`), or the template is not a string.',
  SDJWT_INTEGRITY_MISMATCH: 'An integrity string (`vct#integrity`, `uri#integrity`, `extends#integrity`) does not match the digest of the document given, or is not a W3C SRI string with a supported algorithm.',
  SDJWT_OPTIONS_INVALID:
    'An option of `verifySdJwtVc` cannot be used: `now` not a valid Date, `clockSkew` or `maxKeyBindingAge` not a non-negative number, `vct` not a string or list of strings, `audience` or `nonce` not a string, a trust anchor that is not a certificate, `statusLists` or `trustedStatusIssuers` not a list, `fetchStatusList` not a function… The presentation is not reported verified.',
  SDJWT_VERIFIER_FAILED: 'The verifier (or `decodeSdJwtVc`) itself failed on this input (a bug: please report it with the input). The presentation was not fully checked and is not reported verified.',
  SDJWT_NOT_VERIFIED:
    'Warning, `decodeSdJwtVc`: decoded, not verified: who signed it was not checked, nor the key binding, the time claims, `typ`, `alg` or `vct`. The structure was read as `verifySdJwtVc` reads it; use `verifySdJwtVc` before relying on the claims.',
} as const;

/**
 * A code of the SD-JWT VC functions (a key of `SDJWT_CODES`).
 *
 * @example
 * const code: SdJwtVcIssueCode = 'SDJWT_KB_MISSING';
 */
export type SdJwtVcIssueCode = keyof typeof SDJWT_CODES;

/**
 * An issue of the SD-JWT VC functions. `in` says which document `path` points into.
 * `verifySdJwtVc` also reports the credential's status with the `STATUS_` codes every verifier
 * shares (`STATUS_REVOKED`, `STATUS_SUSPENDED`, `STATUS_UNKNOWN`…), `in: 'sd-jwt'`, at
 * `/payload/status…`, with `details` (the list, the index, and for `STATUS_UNKNOWN` the reason).
 *
 * @example
 * const issue: SdJwtVcIssue = {
 *   code: 'SDJWT_CLAIM_MISSING',
 *   severity: 'error',
 *   path: '/title',
 *   element: 'M2',
 *   message: 'MC-IR-01: the mandatory claim `title` is absent.',
 *   in: 'claims',
 * };
 */
export interface SdJwtVcIssue extends IssueBase<SdJwtVcIssueCode | IssueCode | StatusIssueCode> {
  /** Stable code: an `SDJWT_` code, an `MC_` code of the model's validation, or a `STATUS_` code of the status check. docs/codes.md lists them. */
  code: SdJwtVcIssueCode | IssueCode | StatusIssueCode;
  severity: 'error' | 'warning';
  /**
   * Where, as a JSON Pointer (RFC 6901) into the document `in` names; `''` is the document itself.
   * For `sd-jwt`, the pointer is into the parts of the compact form: `/header/typ`, `/payload/iat`,
   * `/disclosures/2`, `/kbJwt/payload/nonce`.
   */
  path: string;
  /** The Annex I element concerned (`M1`…`M11`, `O1`…`O5`), or `null`. */
  element: ElementId | null;
  message: string;
  /**
   * `model`: the path is in the micro-credential; `claims`: in the (disclosed) claims, as an object
   * with every disclosure put in place; `sd-jwt`: in the parts of the compact form; `metadata`: in a
   * type metadata document.
   */
  in: 'model' | 'claims' | 'sd-jwt' | 'metadata';
  /** `STATUS_` issues: the status list, index and value concerned, and for `STATUS_UNKNOWN` the reason. */
  details?: StatusIssueDetails;
}

/**
 * An SD-JWT VC issue.
 *
 * @example
 * sdJwtVcIssue('SDJWT_KB_MISSING', 'error', '', null, 'The SD-JWT is bound to a holder key but has no key-binding JWT.', 'sd-jwt');
 */
export function sdJwtVcIssue(
  code: SdJwtVcIssueCode,
  severity: 'error' | 'warning',
  path: string,
  element: ElementId | null,
  message: string,
  where: SdJwtVcIssue['in'],
): SdJwtVcIssue {
  return { code, severity, path, element, message, in: where };
}
