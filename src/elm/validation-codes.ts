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
  ELM_SAFE_MODE:
    'JSON-LD safe mode: a property or type the @context does not define, a relative IRI, or another construct that JSON-LD processing would silently drop. Signing would fail on it, and EDC would not see the data.',
  ELM_NO_CREDENTIAL:
    'No node of type EuropeanDigitalCredential (elm:EuropeanDigitalCredential): the EDC shapes would have nothing to check.',
  ELM_SHACL_VIOLATION:
    'A constraint of the EDC SHACL shapes (generic-full, with the generic-no-cv shapes it imports) is not met; severity is the shape\'s sh:resultSeverity.',
  EBSI_SCHEMA: 'Profile "ebsi": the document does not match EBSI\'s JSON Schema for EDC credentials (vcdm2.0-europass-edc-schema 2.1.0).',
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
 * One finding of `validateElm()`: a SHACL result, a JSON-LD safe-mode problem or an EBSI schema
 * error, with the node and the place in the document it concerns.
 *
 * @example
 * // A credential without its `issued` date:
 * const issue: ElmValidationIssue = {
 *   code: 'ELM_SHACL_VIOLATION',
 *   severity: 'error',
 *   focusNode: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11',
 *   path: 'cred:issued',
 *   pointer: '',
 *   message: 'MinCountConstraintComponent: cred:issued 1..1 (Less than 1 values)',
 *   shape: 'edc:EuropeanDigitalCredential-cred_issued',
 * };
 */
export interface ElmValidationIssue {
  /** Stable code, see {@link ELM_VALIDATION_CODES}. */
  code: ElmValidationCode;
  /** `error` makes the document invalid. SHACL results map `sh:Violation` → `error`, `sh:Warning` → `warning`, `sh:Info` → `info`. */
  severity: 'error' | 'warning' | 'info';
  /**
   * The RDF node concerned (SHACL `sh:focusNode`: an IRI, or `_:label` for a blank node); for the
   * EBSI schema and safe mode, the `id` of the nearest JSON object around the problem; `''` when none.
   */
  focusNode: string;
  /**
   * `ELM_SHACL_VIOLATION`: the SHACL result path, as a compact IRI where a prefix is known
   * (`cred:issued`, `elm:eidasLegalIdentifier`), else the full IRI. `EBSI_SCHEMA`: ajv's
   * `instancePath`, a JSON Pointer (`''` is the document). `ELM_SAFE_MODE`: the term or IRI at fault.
   * `ELM_CONTEXT_NOT_BUNDLED`: the context URL. Otherwise a JSON Pointer.
   */
  path: string;
  /**
   * Where in the document, as a JSON Pointer, when it can be told: for SHACL, the first place the
   * focus node is written (EDC writes a node in full wherever it occurs).
   */
  pointer?: string;
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
 * result.issues[0]; // { code: 'ELM_SAFE_MODE', path: 'nickname', pointer: '/nickname', … }
 */
export interface ElmValidationResult {
  ok: boolean;
  issues: ElmValidationIssue[];
}

/** Most issues listed; past it one `ELM_TOO_MANY_ISSUES` closes the list. */
export const MAX_ISSUES = 1000;
