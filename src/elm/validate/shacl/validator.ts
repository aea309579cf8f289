import type { JsonLdQuad } from 'jsonld';
import { DataGraph, termKey } from './data-graph.js';
import { isLexicalForm } from './lexical.js';
import { componentOf, KIND, messagesOf, type PlanConstraint, type PlanShape, shapeAt, targetsOf } from './plan.js';
import type { Term } from './rdf.js';
import type { ShaclResult } from './result.js';
import { edcShapesView, tableTerm } from './shapes-view.js';
import { fromJsonLd, type JsonLdTerm, literal } from './terms.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SH = 'http://www.w3.org/ns/shacl#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** The node kinds sh:nodeKind accepts for each term type (SHACL 4.1.3). */
const NODE_KINDS: Record<JsonLdTerm['termType'], ReadonlySet<string>> = {
  NamedNode: new Set([`${SH}IRI`, `${SH}BlankNodeOrIRI`, `${SH}IRIOrLiteral`]),
  BlankNode: new Set([`${SH}BlankNode`, `${SH}BlankNodeOrIRI`, `${SH}BlankNodeOrLiteral`]),
  Literal: new Set([`${SH}Literal`, `${SH}BlankNodeOrLiteral`, `${SH}IRIOrLiteral`]),
};

/** The datatypes rdf-literal reads as JavaScript numbers (integers with parseInt, the rest with parseFloat). */
const INTEGERS = new Set(
  ['integer', 'long', 'int', 'byte', 'short', 'negativeInteger', 'nonNegativeInteger', 'nonPositiveInteger', 'positiveInteger', 'unsignedByte', 'unsignedInt', 'unsignedLong', 'unsignedShort'].map(
    (l) => XSD + l,
  ),
);
const FLOATS = new Set(['double', 'decimal', 'float'].map((l) => XSD + l));

/** A literal's number as rdf-validate-shacl compares it (sh:maxInclusive); undefined when not comparable with one. */
function numberOf(v: JsonLdTerm): number | undefined {
  if (v.termType !== 'Literal') return undefined;
  if (INTEGERS.has(v.datatype.value)) return Number.parseInt(v.value, 10);
  if (FLOATS.has(v.datatype.value)) return Number.parseFloat(v.value);
  return undefined;
}

/**
 * One validation of a data graph against the plan. Results are collected in `out`; with `out`
 * null (the alternatives of sh:or), the first violation decides and nothing is built.
 *
 * The walk is rdf-validate-shacl's (src/validation-engine.js): each shape with targets, in the
 * plan's order, over its focus nodes; each constraint of a shape in order; sh:property and sh:node
 * recursing into the shapes they name, a sh:node result carrying the nested results as sh:detail.
 */
class Run {
  /** For each class (by key) with subclasses in the data: the keys of the class and its subclasses, in order. */
  readonly #classes = new Map<string, readonly string[]>();

  constructor(readonly graph: DataGraph) {}

  all(): ShaclResult[] {
    const results: ShaclResult[] = [];
    for (const { shape, classes } of targetsOf()) {
      for (const focus of this.targetNodes(classes)) this.shape(focus, shape, results);
    }
    return results;
  }

  /**
   * The class and its subclasses, subclasses first (dataset-utils.js: getInstancesOf, getSubClassesOf).
   * Unlike rdf-validate-shacl, which overflows its stack, a cycle of rdfs:subClassOf ends the walk.
   */
  #closure(classKey: string, visiting = new Set<string>()): readonly string[] {
    const cached = this.#classes.get(classKey);
    if (cached) return cached;
    visiting.add(classKey);
    const direct = this.graph.subClassesOf(classKey).map(termKey);
    const all = new Set(direct);
    for (const sub of direct) {
      if (visiting.has(sub)) continue;
      for (const k of this.#closure(sub, visiting)) if (k !== sub) all.add(k);
    }
    visiting.delete(classKey);
    all.delete(classKey);
    const closure = [...all, classKey];
    if (visiting.size === 0) this.#classes.set(classKey, closure);
    return closure;
  }

  targetNodes(classes: readonly string[]): readonly JsonLdTerm[] {
    if (classes.length === 1 && !this.graph.hasSubClasses) return this.graph.instancesOf(classes[0]!);
    const seen = new Set<string>();
    const nodes: JsonLdTerm[] = [];
    for (const c of classes) {
      for (const k of this.graph.hasSubClasses ? this.#closure(c) : [c]) {
        for (const n of this.graph.instancesOf(k)) {
          if (!seen.has(n.value)) {
            seen.add(n.value);
            nodes.push(n);
          }
        }
      }
    }
    return nodes;
  }

  isInstance(node: JsonLdTerm, classKey: string): boolean {
    const types = this.graph.objects(node, RDF_TYPE);
    if (!this.graph.hasSubClasses) return types.some((t) => termKey(t) === classKey);
    const classes = this.#closure(classKey);
    return types.some((t) => classes.includes(termKey(t)));
  }

  /** Validates `focus` against shape `index`; true when it does not conform. */
  shape(focus: JsonLdTerm, index: number, out: ShaclResult[] | null): boolean {
    const shape = shapeAt(index);
    if (shape.deactivated) return false;
    const values = shape.path === undefined ? [focus] : this.graph.objects(focus, shape.path);
    let failed = false;
    for (const c of shape.constraints) {
      if (this.constraint(focus, values, shape, c, out)) {
        if (!out) return true;
        failed = true;
      }
    }
    return failed;
  }

  constraint(focus: JsonLdTerm, values: readonly JsonLdTerm[], shape: PlanShape, c: PlanConstraint, out: ShaclResult[] | null): boolean {
    switch (c.kind) {
      case KIND.property: {
        let failed = false;
        for (const v of values) {
          if (this.shape(v, c.n, out)) {
            if (!out) return true;
            failed = true;
          }
        }
        return failed;
      }
      case KIND.minCount:
        return values.length < c.n && report(out, focus, shape, c, null);
      case KIND.maxCount:
        return values.length > c.n && report(out, focus, shape, c, null);
      case KIND.hasValue: {
        const found = shape.path === undefined ? termKey(focus) === c.key : values.some((v) => termKey(v) === c.key);
        return !found && report(out, focus, shape, c, null);
      }
      case KIND.uniqueLang:
        return c.n === 1 && this.uniqueLang(focus, values, shape, c, out);
      default: {
        let failed = false;
        for (const v of values) {
          const detail: ShaclResult[] | null = c.kind === KIND.node && out ? [] : null;
          if (!this.conforms(v, c, detail)) {
            if (!out) return true;
            failed = true;
            report(out, focus, shape, c, v, detail ?? []);
          }
        }
        return failed;
      }
    }
  }

  /** One result per language used by more than one value (validators.js: validateUniqueLang). */
  uniqueLang(focus: JsonLdTerm, values: readonly JsonLdTerm[], shape: PlanShape, c: PlanConstraint, out: ShaclResult[] | null): boolean {
    const counts: Record<string, number> = Object.create(null);
    for (const v of values) if (v.termType === 'Literal' && v.language) counts[v.language] = (counts[v.language] ?? 0) + 1;
    let failed = false;
    for (const lang in counts) {
      if (counts[lang]! > 1) {
        failed = true;
        report(out, focus, shape, c, null, [], [literal(`Language "${lang}" has been used by ${counts[lang]} values`)]);
      }
    }
    return failed;
  }

  /** Whether one value satisfies a constraint checked value by value. */
  conforms(v: JsonLdTerm, c: PlanConstraint, detail: ShaclResult[] | null): boolean {
    switch (c.kind) {
      case KIND.class:
        return this.isInstance(v, c.key);
      case KIND.datatype:
        return v.termType === 'Literal' && v.datatype.value === c.key && isLexicalForm(v.value, c.key);
      case KIND.nodeKind:
        return NODE_KINDS[v.termType].has(c.key);
      case KIND.node:
        return !this.shape(v, c.n, detail);
      case KIND.or:
        return c.shapes.some((s) => !this.shape(v, s, null));
      case KIND.maxInclusive: {
        const n = numberOf(v);
        return n !== undefined && n - c.n <= 0;
      }
      default:
        throw new Error(`constraint kind ${c.kind} is not checked value by value`);
    }
  }
}

/** Records a result (when results are collected); always true, for `violated && report(…)`. */
function report(
  out: ShaclResult[] | null,
  focus: JsonLdTerm,
  shape: PlanShape,
  c: PlanConstraint,
  value: JsonLdTerm | null,
  detail: readonly ShaclResult[] = [],
  messages: readonly Term[] = messagesOf(c.messages),
): true {
  out?.push({
    focusNode: fromJsonLd(focus),
    path: shape.pathIndex < 0 ? null : tableTerm(shape.pathIndex),
    value: value && fromJsonLd(value),
    severity: tableTerm(shape.severity),
    sourceShape: tableTerm(shape.node),
    sourceConstraintComponent: componentOf(c.kind),
    message: messages,
    detail,
    dataset: edcShapesView(),
  });
  return true;
}

/**
 * The EDC SHACL shapes run on jsonld's quads: rdf-validate-shacl's results (same focus nodes, paths,
 * values, shapes, components, severities and messages, in the same order), from a validator that
 * implements only the constraints those shapes use, compiled ahead of time (edc-plan.ts).
 *
 * @example
 * const results = validateEdcShapes(await jsonld.toRDF(doc, { documentLoader, safe: true }));
 * for (const r of results) console.log(r.focusNode?.value, r.path?.value, r.sourceConstraintComponent?.value);
 */
export function validateEdcShapes(quads: readonly JsonLdQuad[]): ShaclResult[] {
  return new Run(new DataGraph(quads)).all();
}
