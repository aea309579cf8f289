import { EDC_PLAN_LISTS, EDC_PLAN_MESSAGES, EDC_PLAN_SHAPES, EDC_PLAN_TARGETS } from './edc-plan.js';
import { EDC_SHAPES_TERMS } from './edc-shapes.js';
import type { Term } from './rdf.js';
import { fromTable, namedNode } from './terms.js';

const SH = 'http://www.w3.org/ns/shacl#';

/** The constraint kinds of the plan, numbered as scripts/gen-shacl-plan.mjs writes them. */
export const KIND = {
  property: 0,
  class: 1,
  minCount: 2,
  maxCount: 3,
  datatype: 4,
  nodeKind: 5,
  or: 6,
  uniqueLang: 7,
  node: 8,
  hasValue: 9,
  maxInclusive: 10,
} as const;

const COMPONENTS = ['Property', 'Class', 'MinCount', 'MaxCount', 'Datatype', 'NodeKind', 'Or', 'UniqueLang', 'Node', 'HasValue', 'MaxInclusive'].map((c) =>
  namedNode(`${SH}${c}ConstraintComponent`),
);

/** One constraint of a shape: its kind, and its parameter in the form the engine compares. */
export interface PlanConstraint {
  kind: number;
  /** A shape index (property, node), a number (counts, maxInclusive), 1/0 (uniqueLang), unused otherwise. */
  n: number;
  /** The parameter's key (class, datatype, nodeKind, hasValue): see termKey in data-graph.ts. */
  key: string;
  /** The alternatives of sh:or, as shape indexes. */
  shapes: readonly number[];
  component: Term;
  messages: readonly Term[];
}

export interface PlanShape {
  node: Term;
  /** The path's IRI; undefined for a node shape. */
  path: string | undefined;
  pathTerm: Term | null;
  severity: Term;
  deactivated: boolean;
  constraints: readonly PlanConstraint[];
}

export interface Plan {
  shapes: readonly PlanShape[];
  /** The shapes with targets, in the order they are checked, with their target classes' keys. */
  targets: readonly { shape: number; classes: readonly string[] }[];
}

/** A table term's key, as data-graph.ts keys jsonld's terms (a literal's datatype written out). */
function keyOf(index: number): string {
  const t = EDC_SHAPES_TERMS[index]!;
  if (typeof t === 'string') return t;
  const [value, tag] = t;
  if (tag?.startsWith('@')) return `"${value}"@${tag.slice(1)}`;
  return `"${value}"^^${tag ?? 'http://www.w3.org/2001/XMLSchema#string'}`;
}

function decodeShape(row: readonly number[], terms: (i: number) => Term, messages: (i: number) => readonly Term[]): PlanShape {
  const constraints: PlanConstraint[] = [];
  for (let i = 4; i < row.length; i += 3) {
    const kind = row[i]!;
    const param = row[i + 1]!;
    const termParam = kind === KIND.class || kind === KIND.datatype || kind === KIND.nodeKind || kind === KIND.hasValue;
    constraints.push({
      kind,
      n: termParam ? -1 : param,
      key: termParam ? keyOf(param) : '',
      shapes: kind === KIND.or ? EDC_PLAN_LISTS[param]! : [],
      component: COMPONENTS[kind]!,
      messages: messages(row[i + 2]!),
    });
  }
  return {
    node: terms(row[0]!),
    path: row[1]! < 0 ? undefined : (EDC_SHAPES_TERMS[row[1]!] as string),
    pathTerm: row[1]! < 0 ? null : terms(row[1]!),
    severity: terms(row[2]!),
    deactivated: row[3] === 1,
    constraints,
  };
}

let plan: Plan | undefined;

/** The EDC shapes as the engine runs them, decoded from edc-plan.ts on first use (under a millisecond). */
export function edcPlan(): Plan {
  if (plan) return plan;
  const termCache = new Map<number, Term>();
  const terms = (i: number): Term => {
    let t = termCache.get(i);
    if (!t) termCache.set(i, (t = fromTable(EDC_SHAPES_TERMS[i]!)));
    return t;
  };
  const messageCache = EDC_PLAN_MESSAGES.map((list) => list.map((m) => fromTable(m)));
  const messages = (i: number): readonly Term[] => (i < 0 ? [] : messageCache[i]!);
  plan = {
    shapes: EDC_PLAN_SHAPES.map((row) => decodeShape(row, terms, messages)),
    targets: EDC_PLAN_TARGETS.map(([shape, ...classes]) => ({ shape: shape!, classes: classes.map(keyOf) })),
  };
  return plan;
}
