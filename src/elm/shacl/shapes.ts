import { IndexedDataset } from './dataset.js';
import { EDC_SHAPES_QUADS, EDC_SHAPES_TERMS } from './edc-shapes.js';
import type { Quad, TermFactory } from './rdf.js';

/**
 * The EDC shapes graph (generic-full with the generic-no-cv shapes it imports) as an indexed
 * dataset, built from the table scripts/gen-shapes.mjs generated from the EU's Turtle files.
 */
export function loadEdcShapes(factory: TermFactory): IndexedDataset {
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
    shapes.add(
      factory.quad(
        terms[EDC_SHAPES_QUADS[i]!] as Quad['subject'],
        terms[EDC_SHAPES_QUADS[i + 1]!] as Quad['predicate'],
        terms[EDC_SHAPES_QUADS[i + 2]!] as Quad['object'],
      ),
    );
  }
  return shapes;
}
