import { EDC_SHAPES_QUADS, EDC_SHAPES_TERMS } from './edc-shapes.js';
import type { Term } from './rdf.js';
import type { ShapesSource } from './result.js';
import { fromTable } from './terms.js';

/** The key of a term, as the shapes table spells it: an IRI, `_:bN`, or a literal's JSON. */
function tableKey(term: Term): string {
  if (term.termType === 'NamedNode') return term.value;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType !== 'Literal') return '';
  if (term.language) return JSON.stringify([term.value, `@${term.language}`]);
  return JSON.stringify(term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? [term.value] : [term.value, term.datatype.value]);
}

/**
 * The EDC shapes graph, read straight from its table for the few lookups a report makes (a
 * result's sh:minCount, sh:message…): an index by subject, built on the first lookup, and terms
 * made only for what is looked up.
 */
class ShapesTable implements ShapesSource {
  #bySubject: Map<number, number[]> | undefined;
  #termIndex: Map<string, number> | undefined;
  readonly #terms: (Term | undefined)[] = [];

  #term(i: number): Term {
    return (this.#terms[i] ??= fromTable(EDC_SHAPES_TERMS[i]!));
  }

  #index(): void {
    this.#termIndex = new Map(EDC_SHAPES_TERMS.map((t, i) => [typeof t === 'string' ? t : JSON.stringify(t), i]));
    this.#bySubject = new Map();
    for (let i = 0; i < EDC_SHAPES_QUADS.length; i += 3) {
      const s = EDC_SHAPES_QUADS[i]!;
      const list = this.#bySubject.get(s);
      if (list) list.push(i);
      else this.#bySubject.set(s, [i]);
    }
  }

  match(subject: Term, predicate: Term): { object: Term }[] {
    if (!this.#bySubject) this.#index();
    const s = this.#termIndex!.get(tableKey(subject));
    const p = this.#termIndex!.get(tableKey(predicate));
    if (s === undefined || p === undefined) return [];
    const found: { object: Term }[] = [];
    for (const i of this.#bySubject!.get(s) ?? []) {
      if (EDC_SHAPES_QUADS[i + 1] === p) found.push({ object: this.#term(EDC_SHAPES_QUADS[i + 2]!) });
    }
    return found;
  }
}

let view: ShapesTable | undefined;

/** The shapes graph for reading result parameters, shared. */
export function edcShapesView(): ShapesSource {
  return (view ??= new ShapesTable());
}
