import type { JsonLdQuad } from 'jsonld';
import type { BlankNode, Literal, NamedNode, Term } from './rdf.js';

/** A term as jsonld's toRDF gives it: a plain object, blank node labels with their `_:`. */
export type JsonLdTerm = JsonLdQuad['subject'] | JsonLdQuad['object'];

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/**
 * RDF/JS terms for what the SHACL engine reports (focus nodes, values, shapes, messages). Only
 * results are made of them: the engine itself compares jsonld's plain terms by value.
 */
class Named implements NamedNode {
  readonly termType = 'NamedNode' as const;
  constructor(readonly value: string) {}
  equals(other: Term | null | undefined): boolean {
    return !!other && other.termType === 'NamedNode' && other.value === this.value;
  }
}

class Blank implements BlankNode {
  readonly termType = 'BlankNode' as const;
  constructor(readonly value: string) {}
  equals(other: Term | null | undefined): boolean {
    return !!other && other.termType === 'BlankNode' && other.value === this.value;
  }
}

class Lit implements Literal {
  readonly termType = 'Literal' as const;
  readonly direction = '' as const;
  constructor(
    readonly value: string,
    readonly language: string,
    readonly datatype: NamedNode,
  ) {}
  equals(other: Term | null | undefined): boolean {
    return !!other && other.termType === 'Literal' && other.value === this.value && other.language === this.language && this.datatype.equals(other.datatype);
  }
}

export const namedNode = (iri: string): NamedNode => new Named(iri);
export const blankNode = (label: string): BlankNode => new Blank(label);

/** A literal: with a language tag (`@en`), a datatype IRI, or xsd:string. */
export function literal(value: string, tag?: string): Literal {
  if (tag?.startsWith('@')) return new Lit(value, tag.slice(1), namedNode(RDF_LANG_STRING));
  return new Lit(value, '', namedNode(tag ?? XSD_STRING));
}

/** A term of the shapes table (edc-shapes.ts): an IRI, `_:bN`, or a literal as [value, tag?]. */
export function fromTable(encoded: string | readonly [string] | readonly [string, string]): Term {
  if (typeof encoded !== 'string') return literal(encoded[0], encoded[1]);
  return encoded.startsWith('_:') ? blankNode(encoded.slice(2)) : namedNode(encoded);
}

/** jsonld's plain term as an RDF/JS term; a blank node's label without its `_:`, as RDF/JS has it. */
export function fromJsonLd(t: JsonLdTerm): Term {
  switch (t.termType) {
    case 'NamedNode':
      return namedNode(t.value);
    case 'BlankNode':
      return blankNode(t.value.startsWith('_:') ? t.value.slice(2) : t.value);
    default:
      return t.language ? new Lit(t.value, t.language, namedNode(RDF_LANG_STRING)) : new Lit(t.value, '', namedNode(t.datatype.value));
  }
}
