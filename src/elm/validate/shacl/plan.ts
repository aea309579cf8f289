import { EDC_PLAN_LISTS, EDC_PLAN_MESSAGES, EDC_PLAN_SHAPES, EDC_PLAN_TARGETS } from '../../../generated/edc-plan.js';
import { EDC_SHAPES_TERMS } from '../../../generated/edc-shapes.js';
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

const COMPONENT_NAMES = ['Property', 'Class', 'MinCount', 'MaxCount', 'Datatype', 'NodeKind', 'Or', 'UniqueLang', 'Node', 'HasValue', 'MaxInclusive'];
const components: Term[] = [];

/** sh:…ConstraintComponent of a kind. */
export function componentOf(kind: number): Term {
  return (components[kind] ??= namedNode(`${SH}${COMPONENT_NAMES[kind]}ConstraintComponent`));
}

const messageLists: (readonly Term[] | undefined)[] = [];
const NO_MESSAGES: readonly Term[] = Object.freeze([]);

/** The messages a result of the constraint carries (index into EDC_PLAN_MESSAGES; -1: none). */
export function messagesOf(index: number): readonly Term[] {
  if (index < 0) return NO_MESSAGES;
  return (messageLists[index] ??= EDC_PLAN_MESSAGES[index]!.map((m) => fromTable(m)));
}

/** One constraint of a shape: its kind, and its parameter in the form the engine compares. */
export interface PlanConstraint {
  kind: number;
  /** A shape index (property, node), a number (counts, maxInclusive), 1/0 (uniqueLang); -1 otherwise. */
  n: number;
  /** The parameter's key (class, datatype, nodeKind, hasValue), as data-graph.ts's termKey spells terms. */
  key: string;
  /** The alternatives of sh:or, as shape indexes. */
  shapes: readonly number[];
  /** Index into EDC_PLAN_MESSAGES, or -1. */
  messages: number;
}

/** A shape: terms as indexes into EDC_SHAPES_TERMS, made into terms only for results. */
export interface PlanShape {
  node: number;
  /** The path's IRI; undefined for a node shape. */
  path: string | undefined;
  /** The path's index, or -1. */
  pathIndex: number;
  severity: number;
  deactivated: boolean;
  constraints: readonly PlanConstraint[];
}

/** A table term's key, as data-graph.ts keys jsonld's terms (a literal's datatype written out). */
function keyOf(index: number): string {
  const t = EDC_SHAPES_TERMS[index]!;
  if (typeof t === 'string') return t;
  const [value, tag] = t;
  if (tag?.startsWith('@')) return `"${value}"@${tag.slice(1)}`;
  return `"${value}"^^${tag ?? 'http://www.w3.org/2001/XMLSchema#string'}`;
}

function decode(row: readonly number[]): PlanShape {
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
      messages: row[i + 2]!,
    });
  }
  const path = row[1]!;
  return {
    node: row[0]!,
    path: path < 0 ? undefined : (EDC_SHAPES_TERMS[path] as string),
    pathIndex: path,
    severity: row[2]!,
    deactivated: row[3] === 1,
    constraints,
  };
}

const decoded: (PlanShape | undefined)[] = [];

/** Shape `index` of the plan, decoded on first use: a validation visits only the shapes its data reaches. */
export function shapeAt(index: number): PlanShape {
  return (decoded[index] ??= decode(EDC_PLAN_SHAPES[index]!));
}

let targets: readonly { shape: number; classes: readonly string[] }[] | undefined;

/** The shapes with targets, in the order they are checked, with their target classes' keys. */
export function targetsOf(): readonly { shape: number; classes: readonly string[] }[] {
  return (targets ??= EDC_PLAN_TARGETS.map(([shape, ...classes]) => ({ shape: shape!, classes: classes.map(keyOf) })));
}
