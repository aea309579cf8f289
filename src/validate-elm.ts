/**
 * eu-micro-credentials/validate-elm: checks ELM documents the way the EU does (JSON-LD safe mode and
 * the EDC SHACL shapes, or EBSI's JSON Schema). A separate entry point because its RDF and SHACL
 * stack (jsonld, the SHACL engine and the shapes) is far heavier than the rest of the library: code
 * that imports only the package root never loads it.
 * @module eu-micro-credentials/validate-elm
 */
export { validateElm } from './elm/validate/validate-elm.js';
export type { ValidateElmOptions } from './elm/validate/validate-elm.js';
export { ELM_VALIDATION_CODES } from './elm/validate/validation-codes.js';
export type { ElmValidationCode, ElmValidationHint, ElmValidationIssue, ElmValidationResult } from './elm/validate/validation-codes.js';
