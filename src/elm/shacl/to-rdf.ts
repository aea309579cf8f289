import type { JsonLdQuad } from 'jsonld';
import { IndexedDataset } from './dataset.js';
import type { Quad, Term, TermFactory } from './rdf.js';

type JsonLdTerm = JsonLdQuad[keyof JsonLdQuad];

/**
 * jsonld's RDF output as an RDF/JS dataset. jsonld returns plain objects that look like RDF/JS terms
 * but lack `equals()`, which SHACL engines call; so each term is rebuilt with the factory.
 */
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
    dataset.add(
      factory.quad(
        term(q.subject) as Quad['subject'],
        term(q.predicate) as Quad['predicate'],
        term(q.object) as Quad['object'],
        term(q.graph) as Quad['graph'],
      ),
    );
  }
  return dataset;
}
