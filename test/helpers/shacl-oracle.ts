// rdf-validate-shacl with the EDC shapes: the reference the library's own SHACL engine
// (src/elm/validate/shacl/validator.ts) is held to. Tests compare the two result for result
// (test/shacl-engine.test.ts), and scripts/gen-shacl-plan.mjs reads the compiled shapes (their
// order, constraints and messages) from this validator.
//
// Set up as the library ran it before it had its own engine: the shapes graph from the generated
// table, rdf-validate-shacl's environment with IndexedDataset datasets (the order of a dataset's
// quads decides the order of the results), `maxNodeChecks: 0` and the import resolved locally.
import type { JsonLdQuad } from 'jsonld';
import SHACLValidator, { type Options } from 'rdf-validate-shacl';
import defaultEnvironment from 'rdf-validate-shacl/src/defaultEnv.js';
import type { ValidationResult } from 'rdf-validate-shacl/src/validation-report.js';
import { EDC_SHAPES_IMPORTED, EDC_SHAPES_QUADS, EDC_SHAPES_TERMS } from '../../src/generated/edc-shapes.js';
import type { NamedNode, Quad, Term, TermFactory } from '../../src/elm/validate/shacl/rdf.js';
import { IndexedDataset } from './indexed-dataset.js';

export interface ShaclOracle {
  validator: SHACLValidator;
  shapes: IndexedDataset;
  factory: TermFactory;
}

let oracle: ShaclOracle | undefined;

function loadShapes(factory: TermFactory): IndexedDataset {
  const terms = EDC_SHAPES_TERMS.map((t) => {
    if (typeof t !== 'string') {
      const [value, tag] = t;
      if (tag === undefined) return factory.literal(value);
      return tag.startsWith('@') ? factory.literal(value, tag.slice(1)) : factory.literal(value, factory.namedNode(tag));
    }
    return t.startsWith('_:') ? factory.blankNode(t.slice(2)) : factory.namedNode(t);
  });
  const shapes = new IndexedDataset();
  for (let i = 0; i < EDC_SHAPES_QUADS.length; i += 3) {
    shapes.add(factory.quad(terms[EDC_SHAPES_QUADS[i]!] as Quad['subject'], terms[EDC_SHAPES_QUADS[i + 1]!] as Quad['predicate'], terms[EDC_SHAPES_QUADS[i + 2]!] as Quad['object']));
  }
  return shapes;
}

/** The validator, built once. */
export function shaclOracle(): ShaclOracle {
  if (oracle) return oracle;
  const factory = Object.create(defaultEnvironment as object) as typeof defaultEnvironment & TermFactory;
  (factory as { dataset: (quads?: Iterable<never>) => IndexedDataset }).dataset = (quads) => new IndexedDataset(quads);
  const shapes = loadShapes(factory);
  // `maxNodeChecks` is read by rdf-validate-shacl's engine but missing from its Options type; 0
  // turns off its count of checks per (node, shape) pair, which silently stops checking past 50.
  const options: Options & { maxNodeChecks: number } = {
    factory,
    maxNodeChecks: 0,
    importGraph: (url: NamedNode) => {
      if (url.value === EDC_SHAPES_IMPORTED) return new IndexedDataset();
      throw new Error(`The EDC shapes import ${url.value}, which is not bundled`);
    },
  };
  oracle = { validator: new SHACLValidator(shapes, options), shapes, factory };
  return oracle;
}

type JsonLdTerm = JsonLdQuad[keyof JsonLdQuad];

/** jsonld's quads as RDF/JS terms with `equals()`, which rdf-validate-shacl calls. */
export function toDataset(quads: readonly JsonLdQuad[], factory: TermFactory): IndexedDataset {
  const term = (t: JsonLdTerm): Term => {
    switch (t.termType) {
      case 'NamedNode':
        return factory.namedNode(t.value);
      case 'BlankNode':
        return factory.blankNode(t.value.startsWith('_:') ? t.value.slice(2) : t.value);
      case 'Literal':
        return t.language ? factory.literal(t.value, t.language) : factory.literal(t.value, factory.namedNode(t.datatype.value));
      case 'DefaultGraph':
        return factory.defaultGraph();
    }
  };
  const dataset = new IndexedDataset();
  for (const q of quads) {
    dataset.add(factory.quad(term(q.subject) as Quad['subject'], term(q.predicate) as Quad['predicate'], term(q.object) as Quad['object'], term(q.graph) as Quad['graph']));
  }
  return dataset;
}

/** rdf-validate-shacl's results for a document's quads. */
export async function oracleResults(quads: readonly JsonLdQuad[]): Promise<ValidationResult[]> {
  const { validator, factory } = shaclOracle();
  return (await validator.validate(toDataset(quads, factory))).results;
}
