import type { Term } from './rdf.js';

/** Where a result's shape parameters are read from: the shapes graph, by subject and predicate. */
export interface ShapesSource {
  match(subject: Term, predicate: Term): Iterable<{ readonly object: Term }>;
}

/**
 * One SHACL validation result (https://www.w3.org/TR/shacl/#results-validation-result), with the
 * fields of rdf-validate-shacl's `ValidationResult`, so that report.ts reads either engine's results.
 */
export interface ShaclResult {
  readonly focusNode: Term | null;
  /** sh:resultPath: the property shape's path; null for a node shape's results. */
  readonly path: Term | null;
  /** sh:value: absent (null) for cardinality results, where there is no single offending value. */
  readonly value: Term | null;
  readonly severity: Term;
  readonly sourceShape: Term | null;
  readonly sourceConstraintComponent: Term | null;
  readonly message: readonly Term[];
  /** sh:detail: for a sh:node result, the results of the value against that shape. */
  readonly detail: readonly ShaclResult[];
  /** Where a complex result path's structure can be read (the shapes graph). */
  readonly dataset: ShapesSource;
}
