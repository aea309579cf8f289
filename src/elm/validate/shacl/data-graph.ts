import type { JsonLdQuad } from 'jsonld';
import type { JsonLdTerm } from './terms.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS_SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const EMPTY: readonly JsonLdTerm[] = Object.freeze([]);

/**
 * A term's identity as a string, equal for equal RDF terms. IRIs and blank nodes are their own
 * value (jsonld writes blank nodes `_:b0`, and `_:` never starts an IRI in JSON-LD), so lookups by
 * node allocate nothing; a literal is `"value"@lang` or `"value"^^datatype`.
 */
export function termKey(t: JsonLdTerm): string {
  if (t.termType !== 'Literal') return t.value;
  return t.language ? `"${t.value}"@${t.language}` : `"${t.value}"^^${t.datatype?.value ?? XSD_STRING}`;
}

function sameTerm(a: JsonLdTerm, b: JsonLdTerm): boolean {
  if (a.termType !== b.termType || a.value !== b.value) return false;
  if (a.termType !== 'Literal' || b.termType !== 'Literal') return true;
  return (a.language ?? '') === (b.language ?? '') && a.datatype?.value === b.datatype?.value;
}

/** Past this many values of one property, duplicates are found by key rather than by comparison. */
const SCAN_LIMIT = 8;

/**
 * jsonld's quads indexed for SHACL validation, with strings as keys and jsonld's own term objects as
 * values (nothing is rebuilt). As rdf-validate-shacl reads an RDF/JS dataset, the graphs are merged
 * (a proof's named graph is checked as well) and each value of a property counts once, however
 * often it occurs; values keep the order of their first occurrence.
 */
export class DataGraph {
  readonly #out = new Map<string, Map<string, JsonLdTerm[]>>();
  readonly #keys = new Map<JsonLdTerm[], Set<string>>();
  /** The subjects of `rdf:type C`, by C's key. */
  readonly #instances = new Map<string, JsonLdTerm[]>();
  /** The subjects of `rdfs:subClassOf C`, by C's key. */
  readonly #subClasses = new Map<string, JsonLdTerm[]>();

  constructor(quads: readonly JsonLdQuad[]) {
    for (const q of quads) {
      if (!this.#add(q.subject, q.predicate.value, q.object)) continue;
      if (q.predicate.value === RDF_TYPE) push(this.#instances, termKey(q.object), q.subject);
      else if (q.predicate.value === RDFS_SUBCLASS_OF) push(this.#subClasses, termKey(q.object), q.subject);
    }
  }

  /** Adds the triple unless it is there already; true when added. */
  #add(subject: JsonLdTerm, predicate: string, object: JsonLdTerm): boolean {
    let byPredicate = this.#out.get(subject.value);
    if (!byPredicate) this.#out.set(subject.value, (byPredicate = new Map()));
    const values = byPredicate.get(predicate);
    if (!values) {
      byPredicate.set(predicate, [object]);
      return true;
    }
    if (values.length < SCAN_LIMIT) {
      for (const v of values) if (sameTerm(v, object)) return false;
    } else {
      let keys = this.#keys.get(values);
      if (!keys) this.#keys.set(values, (keys = new Set(values.map(termKey))));
      const key = termKey(object);
      if (keys.has(key)) return false;
      keys.add(key);
    }
    values.push(object);
    return true;
  }

  /** The values of `predicate` on `node` (a literal has none: it is never a subject). */
  objects(node: JsonLdTerm, predicate: string): readonly JsonLdTerm[] {
    if (node.termType === 'Literal') return EMPTY;
    return this.#out.get(node.value)?.get(predicate) ?? EMPTY;
  }

  /** Whether any triple says `rdfs:subClassOf`: without one, a class is only itself. */
  get hasSubClasses(): boolean {
    return this.#subClasses.size > 0;
  }

  /** The direct subclasses of a class (by key), in the order the data gives them. */
  subClassesOf(classKey: string): readonly JsonLdTerm[] {
    return this.#subClasses.get(classKey) ?? EMPTY;
  }

  /** The nodes typed with a class (by key), directly, in the order the data gives them. */
  instancesOf(classKey: string): readonly JsonLdTerm[] {
    return this.#instances.get(classKey) ?? EMPTY;
  }
}

function push(index: Map<string, JsonLdTerm[]>, key: string, term: JsonLdTerm): void {
  const list = index.get(key);
  if (list) list.push(term);
  else index.set(key, [term]);
}
