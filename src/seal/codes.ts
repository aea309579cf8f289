/**
 * The issue codes of {@link verifyEdcSeal}, with default severity and meaning. Codes are stable:
 * once released they are never renamed (docs/edc-seal.md lists them; a test keeps the two in step).
 * @module
 */
import type { IssueBase } from '../json/issue.js';

/**
 * How much an issue matters: `error` makes `verified` false; `warning` and `info` do not.
 *
 * @example
 * const { issues } = await verifyEdcSeal(sealed);
 * const shown: EdcSealSeverity[] = ['error', 'warning'];
 * const worthShowing = issues.filter((i) => shown.includes(i.severity)); // without trust anchors: EDC_SEAL_TRUST_NOT_CHECKED (an error)
 */
export type EdcSealSeverity = 'error' | 'warning' | 'info';

/**
 * Every code `verifyEdcSeal()` can report. The severities are the defaults; the certificate-time
 * and key-usage codes are warnings when no trust anchors were given and errors when they were, and
 * `EDC_SEAL_TRUST_NOT_CHECKED` is a warning with `integrityOnly: true` and an error without it.
 *
 * @example
 * import { EDC_SEAL_CODES } from 'eu-micro-credentials/edc-seal';
 * for (const i of result.issues) console.log(i.code, EDC_SEAL_CODES[i.code].meaning);
 */
export const EDC_SEAL_CODES = {
  // The document
  EDC_SEAL_INPUT_UNREADABLE: { severity: 'error', meaning: 'Reading the input threw (a getter or proxy that throws), or it is not valid UTF-8 text.' },
  EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN: { severity: 'error', meaning: 'The envelope has a member the JWS JSON serialization does not define (general: only `payload` and `signatures`; flattened: only `payload`, `protected`, `header` and `signature`), as its own or inherited through its prototype: a `credentialSubject`, an `@context`, an `issuer`, even a `__proto__`. RFC 7515 §7.2 lets recipients ignore it, but it is not covered by the seal and a reader of the document would see it: the envelope must be exactly what was sealed.' },
  EDC_SEAL_NOT_JWS: { severity: 'error', meaning: 'Not a JWS: neither JSON general or flattened serialization (`payload` with `signatures`, or with `protected` and `signature`) nor compact serialization.' },
  EDC_SEAL_LIMIT_EXCEEDED: { severity: 'error', meaning: 'More signatures, certificates or header bytes than the verifier accepts; nothing beyond the limit was checked.' },
  EDC_SEAL_PAYLOAD_INVALID: { severity: 'error', meaning: 'The payload is missing, is not a string, is not canonical base64url (when `b64` is true), or is text with no UTF-8 form.' },
  EDC_SEAL_PAYLOAD_NOT_JSON: { severity: 'error', meaning: 'The sealed payload is intact but is not a JSON object, so there is no credential to return.' },

  // Headers
  EDC_SEAL_HEADER_INVALID: { severity: 'error', meaning: 'The protected header is not base64url of a JSON object, a parameter has the wrong type (`x5c`, `sigT`, `iat`, `b64`…), a parameter appears in both headers, or `b64`/`crit` is outside the protected header.' },
  EDC_SEAL_CRITICAL_HEADER: { severity: 'error', meaning: '`crit` is malformed, lists a parameter that is absent or that the verifier does not process (e.g. `sigD`, a detached payload), or `b64: false` is used without `crit` naming it (RFC 7515 §4.1.11, RFC 7797 §6).' },
  EDC_SEAL_UNPROTECTED_HEADER_INVALID: { severity: 'error', meaning: 'The unprotected header is not a JSON object, holds a parameter that is neither `etsiU` nor one RFC 7515/7518 define, or its JAdES `etsiU` entries are not base64url JSON objects, name a component ETSI TS 119 182-1 does not define, or hold malformed certificates, time-stamps or revocation data. It is not covered by the signature, but a malformed one is a malformed seal.' },
  EDC_SEAL_UNKNOWN_MEMBER: { severity: 'error', meaning: 'A signature object of the general serialization (`signatures[i]`) has a member other than `protected`, `header` and `signature` (own or inherited). RFC 7515 lets recipients ignore it, but in a seal it can only be a damaged name or something added: a renamed `header` would silently drop the validation data.' },
  EDC_SEAL_ALGORITHM_UNSUPPORTED: { severity: 'error', meaning: '`alg` is missing or not one of RS256/384/512, PS256/384/512, ES256/384/512 (`none` and HMAC are refused).' },

  // The signer's certificate
  EDC_SEAL_CERTIFICATE_MISSING: { severity: 'error', meaning: 'No signer certificate: no `x5c`, and none in `etsiU` matching `x5t#S256`.' },
  EDC_SEAL_CERTIFICATE_INVALID: { severity: 'error', meaning: 'The signer certificate (`x5c[0]`) is not base64 of a well-formed X.509 certificate. For another `x5c` entry it is a warning: that certificate is skipped.' },
  EDC_SEAL_CERTIFICATE_UNPROTECTED: { severity: 'warning', meaning: 'The signer certificate is only in the unprotected header and no protected header parameter (`x5t#S256`, `x5t#o`, `x5t`) binds it to the signature.' },
  EDC_SEAL_KEY_UNSUPPORTED: { severity: 'error', meaning: 'The certificate\'s key does not fit `alg` (an EC key for RS256, P-384 for ES256…), is an RSA key under 2048 bits (RFC 7518 §3.3), or cannot be imported.' },
  EDC_SEAL_THUMBPRINT_MISMATCH: { severity: 'error', meaning: '`x5t#S256`, `x5t` or `x5t#o` in the header is not the digest of the signer certificate.' },
  EDC_SEAL_KID_MISMATCH: { severity: 'warning', meaning: '`kid` is a JAdES IssuerSerial that names another certificate than the signer certificate.' },

  // The signature
  EDC_SEAL_SIGNATURE_INVALID: { severity: 'error', meaning: 'The signature does not verify over the protected header and the payload, or is not canonical base64url of the right length: the seal or the credential was changed.' },

  // Validation data: the unsigned etsiU header and the adoTst time-stamp
  EDC_SEAL_UNSIGNED_DATA_INVALID: { severity: 'error', meaning: 'An object in the unsigned `etsiU` header fails its check: a certificate, CRL or OCSP response whose signature does not verify with its issuer\'s key, a time-stamp token that is malformed, whose messageDigest or TSA signature does not verify, or whose message imprint does not match what it covers (the signature value for `sigTst`; the payload, headers, signature and earlier `etsiU` elements for `arcTst`). The JWS signature does not cover `etsiU`, so this is how a change there shows.' },
  EDC_SEAL_UNSIGNED_DATA_UNVERIFIED: { severity: 'info', meaning: 'An object in `etsiU` (or the `adoTst` token) could not be checked: its issuer\'s or TSA\'s certificate is not in the seal or the options, its algorithm is not supported, or it is a kind the verifier does not check (references, other formats). It is not used for anything.' },
  EDC_SEAL_TIMESTAMP_INVALID: { severity: 'error', meaning: 'The signed `adoTst` time-stamp token is malformed, its TSA signature or messageDigest does not verify, or its message imprint is not the hash of the payload.' },

  // Trust
  EDC_SEAL_TRUST_NOT_CHECKED: { severity: 'error', meaning: 'No trust anchors were given: integrity was checked, but not who the signer is, so the seal is not verified. A warning instead when the caller asked for `integrityOnly`: then `verified` means integrity only, and `assurance` is `integrity-only`.' },
  EDC_SEAL_TRUST_ANCHOR_INVALID: { severity: 'warning', meaning: 'An entry of `options.trustAnchors` or `options.intermediates` is not a certificate; it was skipped.' },
  EDC_SEAL_UNTRUSTED: { severity: 'error', meaning: 'No chain from the signer certificate to a trust anchor, through the certificates in `x5c`, `etsiU` and `options.intermediates`.' },
  EDC_SEAL_CHAIN_INVALID: { severity: 'error', meaning: 'A certificate on the chain is not allowed to sign certificates (basicConstraints, keyUsage, path length), has a critical extension the verifier does not process, or is signed with an unsupported or SHA-1 algorithm.' },
  EDC_SEAL_CERTIFICATE_EXPIRED: { severity: 'error', meaning: 'A certificate on the chain had expired at the validation time (`options.now`, else the signing time, else now).' },
  EDC_SEAL_CERTIFICATE_NOT_YET_VALID: { severity: 'error', meaning: 'A certificate on the chain was not yet valid at the validation time.' },
  EDC_SEAL_KEY_USAGE: { severity: 'error', meaning: 'The signer certificate\'s keyUsage allows neither digitalSignature nor nonRepudiation (RFC 5280 §4.2.1.3).' },

  // What is not checked
  EDC_SEAL_TIMESTAMP_NOT_CHECKED: { severity: 'info', meaning: 'The seal carries JAdES time-stamps or validation data (`adoTst`, `sigTst`, `arcTst`, `xVals`, `rVals`) or a signature policy (`sigPId`). Their integrity is checked (see `EDC_SEAL_UNSIGNED_DATA_INVALID`), but not trust: no time-stamp authority, OCSP responder or CRL issuer is validated against the trust anchors, the time-stamped times are not used, revocation is not evaluated, and a signature policy is not checked.' },
  EDC_SEAL_CLAIMED_TIME_USED: { severity: 'info', meaning: 'Certificates were checked at the signing time the sealer claims (`sigT`/`iat`); the seal\'s time-stamps are verified for integrity but not used to prove that time; pass `now` to check at another time.' },
  EDC_SEAL_INTERNAL_ERROR: { severity: 'error', meaning: 'The verifier failed unexpectedly; please report it. The seal is not considered verified.' },
} as const satisfies Record<string, { severity: EdcSealSeverity; meaning: string }>;

/**
 * A stable issue code of `verifyEdcSeal()` (a key of `EDC_SEAL_CODES`).
 *
 * @example
 * const code: EdcSealCode = 'EDC_SEAL_UNTRUSTED';
 * EDC_SEAL_CODES[code].severity; // 'error'
 */
export type EdcSealCode = keyof typeof EDC_SEAL_CODES;

/**
 * One finding of `verifyEdcSeal()`: the library's issue shape ({@link IssueBase}), with the
 * signature it concerns.
 *
 * @example
 * // The EU's signed sample, checked with an empty list of trust anchors:
 * const issue: EdcSealIssue = {
 *   code: 'EDC_SEAL_UNTRUSTED',
 *   severity: 'error',
 *   path: '/signatures/0/protected/x5c',
 *   signature: 0,
 *   message: 'No chain from "L=BARCELONA, …, CN=TEST SEAL, serialNumber=A00000000, C=ES" to a trust anchor. …',
 * };
 */
export interface EdcSealIssue extends IssueBase<EdcSealCode> {
  readonly code: EdcSealCode;
  readonly severity: EdcSealSeverity;
  /**
   * Where, as a JSON Pointer (RFC 6901) from the root of the JWS JSON document the caller gave:
   * `/signatures/0/protected/x5c/0`; `''` is the document itself. (Before 0.2.0 this was an
   * array of keys; `pointerKeys(issue.path)` gives them back.)
   */
  readonly path: string;
  /** Which signature the issue concerns, when it concerns one (index into `signatures`). */
  readonly signature?: number;
  /** What is wrong, in English. */
  readonly message: string;
}
