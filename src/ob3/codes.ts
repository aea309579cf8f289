/**
 * The codes of the Open Badges 3.0 mapping, reading and validation (`OB3_`), and the issue shape
 * they are reported in.
 */
import type { IssueBase } from '../json/issue.js';
import type { IssueCode } from '../rules/codes.js';
import type { ElementId } from '../rules/issue.js';
import type { StatusIssueCode } from '../status/codes.js';

/**
 * Codes of `toOpenBadge`, `fromOpenBadge`, `validateOpenBadge`, `bakeBadge` and `unbakeBadge`, with
 * their meaning (docs/ob3.md explains them).
 *
 * @example
 * OB3_CODES.OB3_NOT_A_BADGE; // "The document is not an Open Badges 3.0 credential…"
 */
export const OB3_CODES = {
  OB3_NOT_A_BADGE: 'The document is not an Open Badges 3.0 credential (no `OpenBadgeCredential` or `AchievementCredential` type, or no `credentialSubject`).',
  OB3_ELEMENT_MISSING:
    'Import: an Annex I element the badge does not carry (one issue per element, with its id; the message says where OB 3.0 or the extension context carries it). Plain OB 3.0 has no place for most of them (docs/ob3.md).',
  OB3_VALUE_DROPPED: 'Warning, import: a member the model has no place for (or of a context whose terms are not read); it was not read. The path names it.',
  OB3_VALUE_UNMAPPED: 'Warning, import: a value of a known member that has no model value (an edubadges `participationType` such as "onsite or blended"); it was not read and the message names the value.',
  OB3_VALUE_MAPPED: 'Warning, import: a value of another vocabulary read as the nearest model value (edubadges "work experience" as `work-based`); the message names both.',
  OB3_VALUE_INFERRED: 'Warning, import: a value the badge does not state, taken by a documented rule (the issuer as the awarding body when no awarding body is named).',
  OB3_CONTEXT_UNKNOWN: 'Warning, import: the credential names a @context other than VC, OB 3.0, edubadges\' or this library\'s; nothing is fetched, and the members were read by name as the known contexts define them, which that context could contradict.',
  OB3_VALUE_MALFORMED: 'Import: a member whose value is not of the kind OB 3.0 or the extension context gives it (a number where a string belongs, an object where a list belongs); it was not read.',
  OB3_INPUT_UNREADABLE:
    'The input is not an Open Badges credential in any form read: not a JSON object, not JSON text, not a compact JWS; or a value inside is not JSON (a function, a Date, NaN), or reading it threw (a getter, a proxy). Nothing else was read.',
  OB3_INPUT_LIMIT: 'The input is larger than is read: nested deeper than 256 levels, more than 200 000 JSON values, or more than 32 million characters of text. Nothing else was read.',
  OB3_JWT_MALFORMED:
    'A compact JWS (VC-JWT) that cannot be read: a segment is not canonical base64url, the header or payload is not a UTF-8 JSON object, the header has no `alg` (or `alg` is "none"), or it carries a private key (`jwk` with `d`).',
  OB3_JWT_NOT_VERIFIED:
    'Warning: the credential was taken out of a VC-JWT (compact JWS) whose signature was not checked here. Decoding is not verification: check the JWS with the issuer\'s key before trusting the content.',
  OB3_JWT_CLAIM_MISMATCH:
    'A JWT claim disagrees with the credential it carries (OB 3.0, "JSON Web Token Proof Format": `iss` = `issuer.id`, `jti` = `id`, `nbf` = `validFrom`, `sub` = `credentialSubject.id`, `exp` = `validUntil`), or a date claim is not a NumericDate: which of the two to believe is unclear.',
  OB3_JWT_CLAIM_MISSING: 'Warning: a JWT claim that OB 3.0 requires beside a credential that has the matching property (`iss`, `jti`, `nbf`, `sub`; `exp` when `validUntil` is given) is absent.',
  OB3_JWT_CLAIM_COPIED:
    'Warning: a VC 1.1-style JWT (the credential in a `vc` claim) left a credential property to its JWT claim (`iss` → `issuer`, `jti` → `id`, `nbf` → issuance date, `sub` → `credentialSubject.id`, `exp` → expiration date); the value was copied into the credential, as the VC 1.1 JWT decoding rules say.',
  OB3_SCHEMA_VIOLATION:
    "The credential does not match 1EdTech's Open Badges 3.0 AchievementCredential JSON Schema (draft 2019-09): a required member missing, a wrong type, a value outside a list (`achievementType` not in the list and not `ext:`-prefixed), a wrong `@context` order, a date that is not an RFC 3339 date-time. A single `proof` object is accepted (the schema's array-only `proof` is a known defect).",
  OB3_SAFE_MODE:
    'JSON-LD safe mode (the OB 3.0 validity rule): a property or type the @context does not define, a relative IRI, a `__proto__` member, or another construct JSON-LD processing would silently drop, so no proof covers it and no reader sees it. Define the term in a context (an extension context) or remove it.',
  OB3_CONTEXT_NOT_BUNDLED: 'The credential names a @context that is not bundled (see BUNDLED_CONTEXT_URLS). It was not fetched (nothing ever is), so the terms were not checked in JSON-LD safe mode.',
  OB3_NOT_JSON_LD: 'The credential is not JSON-LD that can be processed: no @context, an invalid @context, or a protected term redefined by a later context.',
  OB3_VC1_FORM:
    'Warning: the VC 1.1-compatible form of OB 3.0 (the `https://www.w3.org/2018/credentials/v1` context, `issuanceDate`): readable (`issuanceDate` is read as `validFrom`), but OB 3.0 Final and its schema require the VC 2.0 form.',
  OB3_NOT_MICRO_CREDENTIAL:
    "Warning (profile \"micro-credential\"): the achievement's `achievementType` is not `MicroCredential` (or is absent). It is still a valid Open Badge; as a micro-credential it should say so.",
  OB3_TOO_MANY_ISSUES: 'More issues than are listed (100 schema violations, 1000 in all); the rest are counted, not listed.',
  OB3_VALIDATOR_FAILED: 'The validator itself failed on this input (a bug: please report it with the document). The document was not fully checked.',
  OB3_IMAGE_UNREADABLE:
    'The image given to `unbakeBadge` cannot be read: not a `Uint8Array` or string, neither a PNG (signature) nor an SVG (root `<svg>` element), larger than 16 MiB, or broken: a PNG chunk that is cut short, declares more bytes than remain, has a bad CRC, or no IEND; an SVG that is not UTF-8 or whose tags, comments or CDATA sections do not close. The message names the chunk or the place.',
  OB3_IMAGE_NOT_BAKED:
    'The image holds no Open Badges 3.0 credential: no PNG `iTXt` chunk with keyword `openbadgecredential`, no SVG `credential` element in the namespace `https://purl.imsglobal.org/ob/v3p0` (an Open Badges 2.0 assertion is named in the message, but not read).',
  OB3_BAKED_CREDENTIAL_MALFORMED:
    'The credential chunk or element is there but its content cannot be read: a compressed `iTXt` chunk (OB 3.0 forbids compression), text that is not UTF-8, an undefined entity, an element with child elements or with both a `verify` attribute and content, or a text that is neither a JSON object nor a compact JWS (three base64url segments, a header with `alg`).',
  OB3_IMAGE_BAKED_TWICE:
    'Warning: the image holds more than one credential chunk or element (OB 3.0: at most one); the first was read, as the spec says; the others were ignored (`bakeBadge` replaces them all).',
} as const;

/**
 * A code of the Open Badges 3.0 functions (a key of `OB3_CODES`).
 *
 * @example
 * const code: Ob3IssueCode = 'OB3_NOT_A_BADGE';
 */
export type Ob3IssueCode = keyof typeof OB3_CODES;

/**
 * An issue of the Open Badges 3.0 functions. `in` says which document `path` points into.
 *
 * @example
 * const issue: Ob3Issue = {
 *   code: 'OB3_NOT_A_BADGE',
 *   severity: 'error',
 *   path: '/type',
 *   element: null,
 *   message: 'The document is not an Open Badges 3.0 credential: its `type` names neither OpenBadgeCredential nor AchievementCredential.',
 *   in: 'ob3',
 * };
 */
export interface Ob3Issue extends IssueBase<Ob3IssueCode | IssueCode | StatusIssueCode> {
  /**
   * Stable code: an `OB3_` code, an `MC_` code of the model's validation, or (import)
   * `STATUS_ENTRY_MALFORMED` for a `credentialStatus` that is not a well-formed Bitstring Status
   * List entry. docs/codes.md lists them.
   */
  code: Ob3IssueCode | IssueCode | StatusIssueCode;
  severity: 'error' | 'warning';
  /** Where, as a JSON Pointer (RFC 6901) into the document `in` names; `''` is the document itself. */
  path: string;
  /** The Annex I element concerned, or `null`. */
  element: ElementId | null;
  message: string;
  /** `model`: the path is in the micro-credential; `ob3`: in the Open Badges document. */
  in: 'model' | 'ob3';
}

/** An issue at a place of the Open Badges document. */
export function ob3Issue(code: Ob3IssueCode, severity: 'error' | 'warning', path: string, element: ElementId | null, message: string): Ob3Issue {
  return { code, severity, path, element, message, in: 'ob3' };
}
