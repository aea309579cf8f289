import SHACLValidator, { type Options } from 'rdf-validate-shacl';
import defaultEnvironment from 'rdf-validate-shacl/src/defaultEnv.js';
import { IndexedDataset } from './dataset.js';
import { EDC_SHAPES_IMPORTED } from './edc-shapes.js';
import type { NamedNode, TermFactory } from './rdf.js';
import { loadEdcShapes } from './shapes.js';

/** The SHACL validator with the EDC shapes, built once and reused by every validation. */
export interface ShaclEngine {
  validator: SHACLValidator;
  /** The shapes graph, for reading a result's shape parameters (sh:minCount, sh:message…). */
  shapes: IndexedDataset;
  factory: TermFactory;
}

let engine: ShaclEngine | undefined;

/**
 * The shared engine, built on first use (about 30 ms: the shapes graph from its table, then the
 * validator's own compilation of 540 shapes). Reusing it is what makes a validation take
 * milliseconds instead of the 100 ms or more that building per call costs.
 *
 * rdf-validate-shacl's environment is used with one change: its datasets are {@link IndexedDataset}s,
 * which halves validation time (see dataset.ts). Its `validate()` is safe to share: after its first
 * call (which resolves `owl:imports`) it runs synchronously, and it resets its report each time.
 */
export function shaclEngine(): ShaclEngine {
  if (engine) return engine;
  const factory = Object.create(defaultEnvironment as object) as typeof defaultEnvironment & TermFactory;
  (factory as { dataset: (quads?: Iterable<never>) => IndexedDataset }).dataset = (quads) => new IndexedDataset(quads);
  const shapes = loadEdcShapes(factory);
  // `maxNodeChecks` is read by rdf-validate-shacl's engine (src/validation-engine.js) but missing
  // from its Options type.
  const options: Options & { maxNodeChecks: number } = {
    factory,
    // rdf-validate-shacl counts how often each (node, shape) pair is checked, keyed by
    // JSON.stringify of the node: for EDC's base64 images that copies 100 KB strings thousands of
    // times (a third of the validation time), and past 50 checks it silently stops checking. The
    // count guards against recursive shapes; the EDC shapes have none (no cycle through sh:node,
    // sh:property or the logical constraints, checked in test/validate-elm.test.ts), so it is off.
    maxNodeChecks: 0,
    // EDC-generic-full imports EDC-generic-no-cv, whose triples are already in the shapes graph:
    // resolve that import locally, and refuse any other (nothing is ever fetched).
    importGraph: (url: NamedNode) => {
      if (url.value === EDC_SHAPES_IMPORTED) return new IndexedDataset();
      throw new Error(`The EDC shapes import ${url.value}, which is not bundled`);
    },
  };
  const validator = new SHACLValidator(shapes, options);
  engine = { validator, shapes, factory };
  return engine;
}
