import { EDC_SHAPES_QUADS, EDC_SHAPES_TERMS } from '../../../generated/edc-shapes.js';
import type { Term } from './rdf.js';
import type { ShapesSource } from './result.js';
import { fromTable } from './terms.js';

/** Terms of the shapes table made so far, and the table index of each (to look them up again). */
const made: (Term | undefined)[] = [];
const indexOf = new WeakMap<Term, number>();

/** The term at index `i` of the shapes table (edc-shapes.ts), made once. */
export function tableTerm(i: number): Term {
  let t = made[i];
  if (!t) {
    t = made[i] = fromTable(EDC_SHAPES_TERMS[i]!);
    indexOf.set(t, i);
  }
  return t;
}

/** IRIs looked up by value (report.ts asks for sh:minCount, sh:message… as terms of its own). */
const iriIndex = new Map<string, number>();

function tableIndex(term: Term): number | undefined {
  const known = indexOf.get(term);
  if (known !== undefined) return known;
  if (term.termType !== 'NamedNode' && term.termType !== 'BlankNode') return undefined;
  const spelled = term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
  let i = iriIndex.get(spelled);
  if (i === undefined) {
    i = EDC_SHAPES_TERMS.indexOf(spelled);
    iriIndex.set(spelled, i);
  }
  return i < 0 ? undefined : i;
}

/** Offsets into EDC_SHAPES_QUADS of each subject's triples, indexed in one pass on the first lookup. */
let bySubject: Map<number, number[]> | undefined;

function triplesOf(subject: number): readonly number[] {
  if (!bySubject) {
    bySubject = new Map();
    for (let i = 0; i < EDC_SHAPES_QUADS.length; i += 3) {
      const s = EDC_SHAPES_QUADS[i]!;
      const list = bySubject.get(s);
      if (list) list.push(i);
      else bySubject.set(s, [i]);
    }
  }
  return bySubject.get(subject) ?? [];
}

/**
 * The EDC shapes graph, read straight from its table for the few lookups a report makes (a result
 * shape's sh:minCount, sh:message, the members of its sh:or list): terms are made only for what is
 * looked up. Literals are never subjects, so only IRIs and blank nodes are found.
 */
const view: ShapesSource = {
  match(subject: Term, predicate: Term): { object: Term }[] {
    const s = tableIndex(subject);
    const p = tableIndex(predicate);
    if (s === undefined || p === undefined) return [];
    const found: { object: Term }[] = [];
    for (const i of triplesOf(s)) if (EDC_SHAPES_QUADS[i + 1] === p) found.push({ object: tableTerm(EDC_SHAPES_QUADS[i + 2]!) });
    return found;
  },
};

/** The shapes graph for reading result parameters. */
export function edcShapesView(): ShapesSource {
  return view;
}
