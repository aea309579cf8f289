/**
 * The problems the canonical-form check reports (src/jsonld/canonical-form.ts): their codes and
 * shape, the check's options, and the list that stops growing at `maxProblems`.
 */
import type { JsonObject } from '../../json/types.js';
import type { DocumentLoader } from '../loader.js';

/** What kind of problem: a re-spelled member, a context that is not allowed, or one that is not bundled. */
export type FormProblemCode = 'VC_JSON_NOT_CANONICAL' | 'VC_CONTEXT_NOT_ALLOWED' | 'VC_CONTEXT_NOT_BUNDLED' | 'VC_UNDEFINED_TERM' | 'VC_CREDENTIAL_MALFORMED';

/** One place where a document is not in its canonical JSON form. */
export interface FormProblem {
  code: FormProblemCode;
  /** JSON Pointer (RFC 6901) of the offending member or value in the document. */
  pointer: string;
  message: string;
}

/** Options of `canonicalFormProblems()`. */
export interface CanonicalFormOptions {
  /** Serves every allowed context (and nothing is fetched). */
  documentLoader: DocumentLoader;
  /** Context URLs a document may name. */
  allowedContexts: ReadonlySet<string>;
  /** Context URLs whose content never changes (the bundled ones): their processing is cached. */
  staticContexts: ReadonlySet<string>;
  /** Stop after this many problems (default 20). */
  maxProblems?: number;
  /**
   * Context URLs that put a document, or a credential embedded in one, in the Open Badges 3.0 form
   * (the OB 3.0 contexts). There the form the OB 3.0 schema requires is also canonical: a one-element
   * array for every `type` and for `credentialSchema`, `evidence`, `termsOfUse`; the alias
   * `AchievementCredential`; JSON numbers and booleans for OB's `https://www.w3.org/2001/XMLSchema#`
   * float and boolean; node objects under OB 3.0.0's typed terms (JSON-LD does not coerce a node); an
   * `allowedValue` list of texts; and an `endorsement` credential with its own contexts (allowed ones).
   * Each is signed as it reads. Absent: none.
   */
  ob3Contexts?: ReadonlySet<string>;
}

/**
 * Values of one property (an array, or a language map's entries) beyond which a document is not
 * checked: canonicalizing it takes time quadratic in their number (jsonld.js compares each new
 * value with those before it), 6 s for 20 000 and minutes for 100 000. No real credential comes near.
 */
export const MAX_VALUES_PER_PROPERTY = 10_000;

/** A JSON object: not null, not an array. */
export const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The problems found so far, up to `maxProblems`. */
export class Problems {
  readonly problems: FormProblem[] = [];
  /** Whether the node being walked is in an Open Badges 3.0 document (see `ob3Contexts`). */
  ob3 = false;
  private readonly max: number;
  constructor(readonly options: CanonicalFormOptions) {
    this.max = options.maxProblems ?? 20;
  }

  get full(): boolean {
    return this.problems.length >= this.max;
  }

  add(code: FormProblemCode, pointer: string, message: string): void {
    if (!this.full) this.problems.push({ code, pointer, message });
  }

  notCanonical(pointer: string, message: string): void {
    this.add('VC_JSON_NOT_CANONICAL', pointer, message);
  }
}
