import type { IssueBase } from '../../json/issue.js';

/**
 * Every code `validateElm()` can report, with its meaning. Codes are stable: once released they are
 * never renamed. (The ELM export and import have their own table, `ELM_ISSUE_CODES`.)
 *
 * @example
 * import { ELM_VALIDATION_CODES } from 'eu-micro-credentials/validate-elm';
 * console.log(ELM_VALIDATION_CODES.ELM_SAFE_MODE);
 */
export const ELM_VALIDATION_CODES = Object.freeze({
  ELM_NOT_JSON_LD:
    'The input is not a JSON-LD object: null, an array, a string, a value JSON cannot hold (a function, a Date, NaN), an object whose reading threw, or JSON-LD that jsonld rejects as malformed (an invalid @context).',
  ELM_INPUT_LIMIT:
    'The input is larger than validateElm checks: nested deeper than 256 levels, more than 200 000 JSON values, or more than 32 million characters of text. Nothing else was checked.',
  ELM_CONTEXT_NOT_BUNDLED:
    'The document names a @context that is not bundled (see BUNDLED_CONTEXT_URLS). It was not fetched: validateElm never uses the network.',
  ELM_WRAPPED:
    "The document is not a credential but carries one in a member: EDC's upload format ({\"credential\": …}) or DC4EU's ({\"elm\": …}). The credential inside is checked too; its issues follow, their pointers starting with the member (/credential/…, continuing into the parsed text when the member holds JSON text).",
  ELM_NO_CONTEXT:
    'The document has a credential\'s members (credentialSubject, a credential type) but no @context: plain JSON, not JSON-LD. Nothing else was checked.',
  ELM_SEALED_ENVELOPE:
    'Warning: a sealed envelope (JWS JSON, general or flattened serialization). The credential in its payload is checked (pointers /payload/…, into the parsed payload); the seal is not: verify it with verifyEdcSeal.',
  ELM_W3C_PROOF:
    'Info: a W3C Data Integrity proof (Ed25519Signature2020, DataIntegrityProof…) is not checked against the EDC shapes\' elm:Proof, which describes EDC\'s own proof; its signature is checked by verifyCredential, not here. A proof typed elm:Proof is checked.',
  ELM_LOOKALIKE_TERM:
    'A key that looks like a term of the contexts (or, profile "ebsi", a property of the schema) but is not: another script\'s letter (Greek, Cyrillic), an invisible character, another case, a trailing space. The message names the term and the first character that differs.',
  ELM_SAFE_MODE:
    'JSON-LD safe mode: a property or type the @context does not define, a relative IRI, or another construct that JSON-LD processing would silently drop. Signing would fail on it, and EDC would not see the data.',
  ELM_NO_CREDENTIAL:
    'No node of type EuropeanDigitalCredential (elm:EuropeanDigitalCredential): the EDC shapes would have nothing to check.',
  ELM_SHACL_VIOLATION:
    'A constraint of the EDC SHACL shapes (generic-full, with the generic-no-cv shapes it imports) is not met; severity is the shape\'s sh:resultSeverity.',
  EBSI_SCHEMA: 'Profile "ebsi": the document does not match EBSI\'s JSON Schema for EDC credentials (vcdm2.0-europass-edc-schema 2.1.0).',
  EBSI_STATUS_NOT_ALLOWED:
    'Profile "ebsi": a `credentialStatus` entry with members EBSI\'s EDC schema 2.1.0 does not allow. It allows only `id` and `type` ("CredentialStatus" or "TrustedCredentialStatus2021"), so a W3C BitstringStatusListEntry (`statusPurpose`, `statusListIndex`, `statusListCredential`, …) or a StatusList2021Entry cannot be in an EBSI credential. One issue per entry names the members and the type; the schema errors it gathers are not listed again. (An entry whose only fault is its type is an EBSI_SCHEMA error listing the allowed types.)',
  ELM_TOO_MANY_ISSUES: 'More than 1000 issues; the rest are not listed.',
  ELM_VALIDATOR_FAILED: 'The validator itself failed on this input (a bug: please report it with the document). The document was not fully checked.',
} as const);

/**
 * A code of {@link ELM_VALIDATION_CODES}.
 *
 * @example
 * const blocking: ElmValidationCode[] = ['ELM_SAFE_MODE', 'ELM_SHACL_VIOLATION'];
 * const { issues } = await validateElm(credential);
 * const mustFix = issues.filter((i) => blocking.includes(i.code) && i.severity === 'error');
 */
export type ElmValidationCode = keyof typeof ELM_VALIDATION_CODES;

/**
 * An option of validateElm that would check the document as it is meant, spelled for each surface:
 * a program passes `api`, the command line shows `cli`. Messages name the option in words only
 * ("check it with the EBSI profile").
 *
 * @example
 * const hint: ElmValidationHint = { option: 'profile', value: 'ebsi', api: "{ profile: 'ebsi' }", cli: '--profile ebsi' };
 */
export interface ElmValidationHint {
  option: 'profile';
  value: 'edc' | 'ebsi';
  /** As validateElm's options spell it: `{ profile: 'ebsi' }`. */
  api: string;
  /** As `eumc validate` spells it: `--profile ebsi`. */
  cli: string;
}

/** The hint for checking a document with the EBSI profile. */
export const EBSI_PROFILE_HINT: Readonly<ElmValidationHint> = Object.freeze({ option: 'profile', value: 'ebsi', api: "{ profile: 'ebsi' }", cli: '--profile ebsi' });

/**
 * One finding of `validateElm()`: a SHACL result, a JSON-LD safe-mode problem or an EBSI schema
 * error, with the place in the document and the node it concerns.
 *
 * @example
 * // A credential without its `issued` date:
 * const issue: ElmValidationIssue = {
 *   code: 'ELM_SHACL_VIOLATION',
 *   severity: 'error',
 *   path: '',
 *   focusNode: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11',
 *   resultPath: 'cred:issued',
 *   message: 'MinCountConstraintComponent: cred:issued 1..1 (Less than 1 values)',
 *   shape: 'edc:EuropeanDigitalCredential-cred_issued',
 * };
 */
export interface ElmValidationIssue extends IssueBase<ElmValidationCode> {
  /** Stable code, see {@link ELM_VALIDATION_CODES} and docs/codes.md. */
  code: ElmValidationCode;
  /** `error` makes the document invalid. SHACL results map `sh:Violation` → `error`, `sh:Warning` → `warning`, `sh:Info` → `info`. */
  severity: 'error' | 'warning' | 'info';
  /**
   * Where in the document given, as a JSON Pointer (RFC 6901; `''` is the document itself); set on
   * every issue. SHACL: the member holding the offending value (the array item when it is one of
   * several), or for a missing value (minCount) the node that lacks it; a node written in several
   * places is pointed at where it has most members, the first such place in document order; a
   * blank node at the JSON object it was read from. Safe mode: the key, type, id or `@type: @id`
   * member at fault. EBSI: ajv's `instancePath`. Inside a wrapper or an envelope the pointer starts
   * with the member (`/credential/…`, `/elm/…`, `/payload/…`) and, when that member holds JSON
   * text, continues into the parsed text.
   */
  path: string;
  /**
   * The RDF node concerned (SHACL `sh:focusNode`: an IRI, or `_:label` for a blank node); for the
   * EBSI schema and safe mode, the `id` of the nearest JSON object around the problem; `''` when none.
   */
  focusNode: string;
  /**
   * `ELM_SHACL_VIOLATION`: the SHACL result path (`sh:resultPath`), as a compact IRI where a prefix
   * is known (`cred:issued`, `elm:eidasLegalIdentifier`), else the full IRI or the path written
   * out (`^elm:x`, `a/b`); absent when the shape has none. `ELM_W3C_PROOF`: `sec:proof`.
   */
  resultPath?: string;
  /**
   * `ELM_SAFE_MODE`, `ELM_LOOKALIKE_TERM` (profile `edc`): the term, type or IRI at fault (`nickname`, `__proto__`), shortened to 200
   * characters; absent when the problem has none (an empty object). `ELM_CONTEXT_NOT_BUNDLED`: the
   * context URL as written.
   */
  term?: string;
  /** An option of validateElm that would check the document as it is meant (see {@link ElmValidationHint}). */
  hint?: ElmValidationHint;
  /** What is wrong: the shape's `sh:message`, or the constraint component and what it requires. */
  message: string;
  /** The offending value (`sh:value`, or the JSON value), shortened to 200 characters. */
  value?: string;
  /** The SHACL source shape (compact IRI; absent for blank-node shapes), or the EBSI schema path. */
  shape?: string;
}

/**
 * The result of `validateElm()`: `ok` is true when no issue is an error.
 *
 * @example
 * const result: ElmValidationResult = await validateElm({ ...toElm(mc), nickname: 'Anna' });
 * result.ok; // false
 * result.issues[0]; // { code: 'ELM_SAFE_MODE', path: '/nickname', term: 'nickname', … }
 */
export interface ElmValidationResult {
  ok: boolean;
  issues: ElmValidationIssue[];
}

/** Most issues listed; past it one `ELM_TOO_MANY_ISSUES` closes the list. */
export const MAX_ISSUES = 1000;
