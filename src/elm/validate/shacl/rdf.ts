// The RDF/JS interfaces (https://rdf.js.org/data-model-spec/), types only: jsonld's output is
// converted to them (to-rdf.ts) and the SHACL engine speaks them.
export type { BaseQuad, BlankNode, DatasetCore, DefaultGraph, Literal, NamedNode, Quad, Term } from '@rdfjs/types';
import type { BlankNode, DefaultGraph, Literal, NamedNode, Quad } from '@rdfjs/types';

/** The term constructors this library uses (a subset of an RDF/JS `DataFactory`). */
export interface TermFactory {
  namedNode(value: string): NamedNode;
  blankNode(value?: string): BlankNode;
  literal(value: string, languageOrDatatype?: string | NamedNode): Literal;
  defaultGraph(): DefaultGraph;
  quad(subject: Quad['subject'], predicate: Quad['predicate'], object: Quad['object'], graph?: Quad['graph']): Quad;
}
