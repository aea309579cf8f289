import type { BaseQuad, DatasetCore, Quad, Term } from '../../src/elm/validate/shacl/rdf.js';

/**
 * A key that identifies an RDF term by value, whatever library built it. IRIs are their own key
 * (an IRI cannot start with `_:` or `"`), so the commonest lookups allocate nothing.
 */
export function termKey(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return term.value;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal':
      return term.language
        ? `"${term.value}"@${term.language}${term.direction ? `--${term.direction}` : ''}`
        : `"${term.value}"^^${term.datatype.value}`;
    case 'DefaultGraph':
      return '';
    case 'Variable':
      return `?${term.value}`;
    case 'Quad':
      return `<<${quadKey(term)}>>`;
  }
}

function quadKey(q: BaseQuad): string {
  return `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)} ${termKey(q.graph)}`;
}

type Index = Map<string, Map<string, Quad[]>>;

/** Under this inner key, every quad of the outer key: a predicate key is never empty. */
const ANY = '';

function push2(index: Index, a: string, b: string, q: Quad): void {
  let inner = index.get(a);
  if (!inner) index.set(a, (inner = new Map([[ANY, []]])));
  inner.get(ANY)!.push(q);
  const list = inner.get(b);
  if (list) list.push(q);
  else inner.set(b, [q]);
}

const EMPTY: readonly Quad[] = Object.freeze([]);

/**
 * An in-memory RDF/JS `DatasetCore`, indexed for the lookups a SHACL engine makes: by subject and
 * predicate (property paths), by object and predicate (inverse paths, `sh:targetClass`), and by
 * predicate alone (`sh:targetSubjectsOf`).
 *
 * Why not `@rdfjs/dataset` or the n3 Store: SHACL validation of one EDC credential makes tens of
 * thousands of `match()` calls, and both of those spend most of that time encoding terms and
 * building result datasets; this one indexes lazily, on first lookup, and returns results as
 * unindexed views, which made validation of the EU sample 2-3 times faster (see
 * bench/elm-validate.mjs).
 */
export class IndexedDataset implements DatasetCore {
  #quads: Quad[];
  /** Quad keys, built on the first add/has/delete: match() results rarely need them. */
  #keys: Map<string, Quad> | null = null;
  #bySubject: Index | null = null;
  #byObject: Index | null = null;
  #byPredicate: Map<string, Quad[]> | null = null;

  /**
   * @param quads the initial quads (duplicates are dropped)
   * @example
   * const ds = new IndexedDataset(quads);
   * for (const q of ds.match(subject, predicate)) console.log(q.object.value);
   */
  constructor(quads?: Iterable<Quad>) {
    this.#quads = [];
    if (quads) for (const q of quads) this.add(q);
  }

  /** Wraps quads already known to be distinct (a match result) without copying or keying them. */
  static #view(quads: Quad[]): IndexedDataset {
    const ds = new IndexedDataset();
    ds.#quads = quads;
    return ds;
  }

  get size(): number {
    return this.#quads.length;
  }

  #keyMap(): Map<string, Quad> {
    if (!this.#keys) {
      this.#keys = new Map();
      for (const q of this.#quads) this.#keys.set(quadKey(q), q);
    }
    return this.#keys;
  }

  #dropIndexes(): void {
    this.#bySubject = null;
    this.#byObject = null;
    this.#byPredicate = null;
  }

  add(quad: Quad): this {
    const key = quadKey(quad);
    const keys = this.#keyMap();
    if (keys.has(key)) return this;
    keys.set(key, quad);
    this.#quads.push(quad);
    if (this.#bySubject) {
      const p = termKey(quad.predicate);
      push2(this.#bySubject, termKey(quad.subject), p, quad);
      push2(this.#byObject!, termKey(quad.object), p, quad);
      const list = this.#byPredicate!.get(p);
      if (list) list.push(quad);
      else this.#byPredicate!.set(p, [quad]);
    }
    return this;
  }

  delete(quad: Quad): this {
    const key = quadKey(quad);
    const keys = this.#keyMap();
    const stored = keys.get(key);
    if (stored) {
      keys.delete(key);
      this.#quads = this.#quads.filter((q) => q !== stored);
      this.#dropIndexes();
    }
    return this;
  }

  has(quad: Quad): boolean {
    return this.#keyMap().has(quadKey(quad));
  }

  #index(): void {
    const bySubject: Index = new Map();
    const byObject: Index = new Map();
    const byPredicate = new Map<string, Quad[]>();
    for (const q of this.#quads) {
      const p = termKey(q.predicate);
      push2(bySubject, termKey(q.subject), p, q);
      push2(byObject, termKey(q.object), p, q);
      const list = byPredicate.get(p);
      if (list) list.push(q);
      else byPredicate.set(p, [q]);
    }
    this.#bySubject = bySubject;
    this.#byObject = byObject;
    this.#byPredicate = byPredicate;
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): IndexedDataset {
    let found: readonly Quad[];
    if (!subject && !predicate && !object) {
      found = this.#quads;
    } else {
      if (!this.#bySubject) this.#index();
      if (subject) {
        found = pick(this.#bySubject!.get(termKey(subject)), predicate);
        if (object) found = filter(found, 'object', object);
      } else if (object) {
        found = pick(this.#byObject!.get(termKey(object)), predicate);
      } else {
        found = this.#byPredicate!.get(termKey(predicate!)) ?? EMPTY;
      }
    }
    if (graph) found = filter(found, 'graph', graph);
    // A copy, so that a later add() to this dataset cannot change a result already handed out.
    return IndexedDataset.#view(found.slice());
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.#quads[Symbol.iterator]();
  }
}

function pick(byPredicate: Map<string, Quad[]> | undefined, predicate: Term | null | undefined): readonly Quad[] {
  if (!byPredicate) return EMPTY;
  return byPredicate.get(predicate ? termKey(predicate) : ANY) ?? EMPTY;
}

function filter(quads: readonly Quad[], position: 'object' | 'graph', term: Term): readonly Quad[] {
  const key = termKey(term);
  return quads.filter((q) => termKey(q[position]) === key);
}
