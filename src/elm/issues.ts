import type { IssueBase } from '../json/issue.js';
import { pointerOf } from '../json/pointer.js';
import type { ElementId } from '../rules/issue.js';
import type { IssueCode } from '../rules/codes.js';
import type { StatusIssueCode } from '../status/codes.js';

/**
 * Codes of the ELM export and import, with their meaning (docs/elm.md lists them).
 *
 * @example
 * ELM_ISSUE_CODES.ELM_ISSUER_EIDAS_MISSING; // "Export: the EDC shapes need the issuer's eIDAS identifier and the model has none."
 */
export const ELM_ISSUE_CODES = {
  ELM_ISSUER_EIDAS_MISSING: 'Export: the EDC shapes need the issuer\'s eIDAS identifier (the `organizationIdentifier` of its e-seal certificate, e.g. `VATES-A00000000`) and the model has none; an error unless `incomplete: "warn"`.',
  ELM_LANGUAGE_TAG_NOT_TWO_LETTER: 'Export: a language tag with a region or script (pt-BR) is kept as it is; EDC and EBSI expect two letters.',
  ELM_LANGUAGE_UNKNOWN: 'A language with no concept in the EU language table.',
  ELM_NQF_URI_DROPPED: 'Export: an NQF level URI outside the EU qualification-framework scheme cannot be an ELM NQF level (the EDC shapes take the EU scheme only); the label and the URI are kept in notes, and fromElm reads both back.',
  ELM_INTERNAL_QA_DETAILS_DROPPED: 'Deprecated, no longer reported: internal quality assurance is exported as notes with all its fields (docs/elm.md).',
  ELM_ORGANISATION_CONFLICT: 'Two organisations with the same `id` disagree on a detail (legal name, country, identifiers), or each has a detail the other lacks: in ELM they are one node. Export: an error. Import: a warning, and the fullest copy is read.',
  ELM_NODE_CONFLICT: 'One `id` names two different nodes. Export: an error, when an id the model gives (an organisation, the learner, the credential, the status entry, a skill, a custom assessment type or credit system, an NQF level, a target qualification) is also the id of another node with other content, such as a related skill that is an organisation\'s id (JSON-LD would merge them; signing refuses the result). Import: a warning, when two copies of a node (other than an organisation) disagree; the fullest copy is read.',
  ELM_INPUT_UNREADABLE: 'Import: the input is not a JSON object, or reading it failed.',
  ELM_NOT_A_CREDENTIAL: 'Import: the document has no credentialSubject or no claim to read.',
  ELM_ENVELOPE_INVALID: 'Import: a signed envelope (JWS JSON serialization) whose payload is not a JSON credential.',
  ELM_ENVELOPE_MEMBER_IGNORED: 'Import: a signed envelope (JWS JSON serialization) with members beside the JWS ones (a `credentialSubject`, an `@context`…): the seal does not cover them and they are not read, only the payload is (an error). A warning when a credential has a `payload` but no JWS signature: it is read as the credential and `payload` is not.',
  ELM_LOCAL_CONCEPT: 'Import: a concept outside the EU vocabulary where the model expects one of its values (kept as a custom value where the model allows it).',
  ELM_UNKNOWN_CONCEPT: 'Import: a concept of a known EU scheme that the model has no value for; it is skipped.',
  ELM_VALUE_MALFORMED: 'Import: a value that cannot be read (a duration, a number, a date).',
  ELM_MULTIPLE_VALUES: 'Import: several values where the model holds one; the first is taken.',
  ELM_WRAPPED: "Import: the credential came inside a wrapper (EDC's upload format `{ \"credential\": … }`, DC4EU's `{ \"elm\": … }`); it was unwrapped and read.",
  ELM_NO_CONTEXT: 'Import: a credential in plain JSON without `@context`; it was read as if it had the EDC contexts (VC 1.1 and ELM).',
  ELM_SPELLING_NORMALISED: 'Import: the document is not written in the EDC spelling (compact IRIs, full IRIs, expanded or flattened JSON-LD, another context); it was read through JSON-LD expansion and compaction with the ELM context, and paths point into that compacted form.',
  ELM_SPELLING_NOT_NORMALISED: 'Import: the document is not in the EDC spelling and could not be brought to it (not valid JSON-LD, or too large for JSON-LD processing); it was read by its member names only.',
  ELM_CONTEXT_NOT_BUNDLED: 'Import: the document names a @context that is not bundled; nothing is fetched, so JSON-LD could not be applied and the document was read by its member names only.',
  ELM_TERM_DROPPED: 'Import: a member that the document\'s @context does not define (or that is not JSON-LD): JSON-LD drops it, so it was not read.',
  ELM_VALUE_INFERRED: 'Import: a value the document does not state, inferred by a documented rule (issuer country from its eIDAS identifier or registration, a concept without `id` matched by notation or label, supervision online or onsite).',
  ELM_VALUE_MAPPED: 'Import: a value the ELM shapes allow but the model does not hold as written, mapped to a valid model value (an identifier without scheme name, a partial qualification without target).',
  ELM_VALUE_DROPPED: 'Import: a value the model has no place for; it was not read.',
} as const;

/**
 * A code of the ELM export or import (a key of `ELM_ISSUE_CODES`).
 *
 * @example
 * const lossy: ElmIssueCode[] = ['ELM_NQF_URI_DROPPED', 'ELM_INTERNAL_QA_DETAILS_DROPPED'];
 * const lost = exportToElm(mc).issues.filter((i) => (lossy as string[]).includes(i.code));
 */
export type ElmIssueCode = keyof typeof ELM_ISSUE_CODES;

/**
 * An issue of the ELM export or import. `in` says which document `path` points into.
 *
 * @example
 * const issue: ElmIssue = {
 *   code: 'ELM_NOT_A_CREDENTIAL',
 *   severity: 'error',
 *   path: '/credentialSubject',
 *   element: 'M1',
 *   message: 'The document has no `credentialSubject`: it is not a credential.',
 *   in: 'elm',
 * };
 */
export interface ElmIssue extends IssueBase<ElmIssueCode | IssueCode | StatusIssueCode> {
  /**
   * Stable code: an `ELM_` code, an `MC_` code of the model's validation, or (import)
   * `STATUS_ENTRY_MALFORMED` for a `credentialStatus` that is not a well-formed Bitstring Status
   * List entry. docs/codes.md lists them.
   */
  code: ElmIssueCode | IssueCode | StatusIssueCode;
  severity: 'error' | 'warning';
  /**
   * Where, as a JSON Pointer (RFC 6901) into the document `in` names: the micro-credential given to
   * the export (`/issuer/identifiers/eidas`), or the ELM document given to the import
   * (`/credentialSubject/hasClaim/0/title`); `''` is the document itself.
   */
  path: string;
  /** The Annex I element concerned, or `null`. */
  element: ElementId | null;
  message: string;
  /** `model`: the path is in the micro-credential; `elm`: in the ELM document. */
  in: 'model' | 'elm';
}

const ELEMENT_OF_MODEL_FIELD: Record<string, ElementId> = {
  learner: 'M1', title: 'M2', issuer: 'M3', awardingBodies: 'M4', dateOfIssue: 'M5', learningOutcomes: 'M6', workload: 'M7',
  level: 'M8', assessment: 'M9', participation: 'M10', qualityAssurance: 'M11', prerequisites: 'O1', supervision: 'O2',
  grade: 'O3', stackability: 'O4', furtherInformation: 'O5',
};

/** An export issue at the model place `keys` name (its element follows from the place). */
export function elmIssue(code: ElmIssueCode, severity: 'error' | 'warning', keys: readonly (string | number)[], message: string): ElmIssue {
  const first = keys[0];
  const element = typeof first === 'string' && Object.hasOwn(ELEMENT_OF_MODEL_FIELD, first) ? ELEMENT_OF_MODEL_FIELD[first]! : null;
  return { code, severity, path: pointerOf(keys), element, message, in: 'model' };
}

/** An import issue at the place of the ELM document `keys` name, about an Annex I element. */
export function importIssue(code: ElmIssueCode, severity: 'error' | 'warning', keys: readonly (string | number)[], element: ElementId | null, message: string): ElmIssue {
  return { code, severity, path: pointerOf(keys), element, message, in: 'elm' };
}
