import type { IssueBase } from '../json/issue.js';
import type { StatusIssueCode } from '../status/codes.js';

/**
 * Stable codes of signing and verification outcomes (docs/signing.md lists them), with their
 * meaning.
 *
 * @example
 * VC_CODES.SIGNATURE_INVALID; // 'The signature does not match the document: something changed after signing, …'
 * const { issues } = await verifyCredential(signed);
 * for (const issue of issues) console.log(issue.code, VC_CODES[issue.code]);
 */
export const VC_CODES = {
  VC_CREDENTIAL_MALFORMED: 'The credential is not a JSON object, or is larger or deeper than the limits.',
  VC_PROOF_MISSING: 'The document has no proof.',
  VC_PROOF_UNSUPPORTED: 'A proof of a type or cryptosuite the library does not verify.',
  VC_PROOF_MALFORMED: 'A proof with a member its suite does not define, a value that is not a string, or a `proofValue` not in the one encoding its suite specifies (multibase base58btc, `z…`, of a 64-byte signature).',
  VC_SIGNATURE_INVALID: 'The signature does not match the document: something changed after signing, or the proof belongs to another document.',
  VC_ISSUER_KEY_MISMATCH: 'The credential\'s issuer is not the controller of the key that signed it.',
  VC_HOLDER_KEY_MISMATCH: 'The presentation\'s `holder` is not the controller of the key that signed it.',
  VC_KEY_NOT_AUTHORIZED: 'The signing key is not listed under the controller\'s `assertionMethod` (or `authentication` for presentations), or its controller marked it `revoked`.',
  VC_CONTROLLER_UNKNOWN: 'The key\'s controller document is not available offline: pass it in `controllers` (did:key resolves by itself).',
  VC_UNDEFINED_TERM: 'A property or type the JSON-LD contexts do not define (or a `__proto__` member): it would be signed as nothing.',
  VC_CONTEXT_NOT_BUNDLED: 'A JSON-LD context the offline document loader does not have; nothing is fetched.',
  VC_CONTEXT_NOT_ALLOWED: 'An inline or nested `@context`, or contexts that cannot be combined: only the URLs of bundled contexts (or of contexts passed in `documents`), at the top of a credential or presentation.',
  VC_JSON_NOT_CANONICAL: 'The JSON is not the one form its contexts give the signed data (a member re-spelled, or one that adds nothing to what is signed): what it shows may not be what was signed.',
  VC_JWT_INVALID: 'A VC-JWT this verifier refuses: a header `alg` off the allow-list (`none`, HS*), another `typ`, a `crit` extension, a private key in `jwk`; a JWT claim (`iss`, `jti`, `sub`, `nbf`, `exp`) that disagrees with the credential; or an embedded `proof` inside it.',
  VC_NOT_YET_VALID: 'The credential\'s `validFrom` (or `issuanceDate`) is after `now`.',
  VC_EXPIRED: 'The credential\'s `validUntil` (or `expirationDate`), or its proof\'s `expires`, is before `now`.',
  VC_UNTRUSTED_ISSUER: 'The issuer is not in the caller\'s list of trusted issuers.',
  VC_CONTENT_INVALID: 'The credential is not a valid ELM micro-credential (fromElm + validate).',
  VC_CHALLENGE_MISMATCH: 'The presentation\'s proof has another `challenge` than the verifier expects.',
  VC_DOMAIN_MISMATCH: 'The presentation\'s proof has another `domain` than the verifier expects.',
  VC_LEARNER_MISMATCH: 'The credentials of a presentation do not name the same learner.',
  VC_HOLDER_NOT_LEARNER: 'A credential\'s learner (`credentialSubject.id`) is not the presentation\'s authenticated holder.',
  VC_LEARNER_NOT_BOUND: 'A credential names no learner id (`credentialSubject.id`), so nothing binds it to the presentation\'s holder.',
  VC_CONTENT_AMBIGUOUS: 'A credential in a stack holds several values where a micro-credential has one (two claims, two credit points): what it would count for depends on their order, which is not signed; it does not count.',
  VC_DUPLICATE_CREDENTIAL: 'The same credential (the same `id`, or the same signed content) is in a stack more than once; it counts once.',
  VC_VERIFICATION_FAILED: 'Verification failed for another reason; the message says which.',
} as const;

/**
 * A stable code of a signing or verification outcome (a key of `VC_CODES`).
 *
 * @example
 * const retryLater: VcCode[] = ['VC_CONTROLLER_UNKNOWN', 'VC_NOT_YET_VALID'];
 * const { verified, issues } = await verifyCredential(signed);
 * if (!verified && issues.every((i) => retryLater.includes(i.code))) schedule(signed);
 */
export type VcCode = keyof typeof VC_CODES;

/**
 * One finding of a verification: the one issue shape of the library (`IssueBase`), with a
 * verification code (`VcCode`) or, for a credential's status (`credentialStatus`), a status code
 * (`StatusIssueCode`: `STATUS_REVOKED`, `STATUS_SUSPENDED`, `STATUS_UNKNOWN`…, the same codes
 * whatever the format; `STATUS_CODES` in `eu-micro-credentials/status` says what each means).
 * `severity` is `info` only for `STATUS_MESSAGE`. `path` is always set: a JSON Pointer (RFC 6901) into the document given to the
 * function that returned the issue (docs/signing.md, "Where an issue points", lists the place of
 * each code). A member that is missing is pointed at where it would be (`/proof` for a credential
 * without one); `''` is the document itself, said only when the whole document is at fault.
 *
 * @example
 * // A credential changed after signing:
 * const issue: VcIssue = {
 *   code: 'VC_SIGNATURE_INVALID',
 *   severity: 'error',
 *   path: '/proof/proofValue',
 *   message: 'The signature does not match the credential: it was changed after signing, or the proof belongs to another document.',
 * };
 */
export interface VcIssue extends IssueBase<VcCode | StatusIssueCode> {
  severity: 'error' | 'warning' | 'info';
  /**
   * What else is known, by code:
   * - `VC_CONTENT_INVALID` from `verifyCredential()`: the `ElmIssue[]` of reading the credential
   *   (`fromElm` + `validate`); each says by `in` which document its own `path` is in (`elm`: the
   *   credential; `model`: the micro-credential read from it).
   * - `STATUS_` codes: the `StatusIssueDetails` of the entry (`list`, `index`, `purpose`, `value`,
   *   `reason` for `STATUS_UNKNOWN`, `statusList`: the list's position in `statusLists`).
   * - In a presentation's `issues`, an issue of an embedded credential: `{ credential: index }` (its
   *   own result in `credentials[index]` has the full details), beside the `StatusIssueDetails` of a
   *   `STATUS_` issue.
   * - From `summarizeStack()`: `{ credential }` for the credential at fault, with `reference` (the
   *   credential it is compared with) and `by` for VC_LEARNER_MISMATCH, `reference` (the first copy)
   *   for VC_DUPLICATE_CREDENTIAL.
   */
  details?: unknown;
}

/** An error issue at `path` (a JSON Pointer into the document given). */
export const vcIssue = (code: VcCode, message: string, path: string, details?: unknown): VcIssue => ({
  code,
  severity: 'error',
  path,
  message,
  ...(details === undefined ? {} : { details }),
});
