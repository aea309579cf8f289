// Generates src/generated/edc-plan.ts: the EDC SHACL shapes compiled for the library's own SHACL
// engine (src/elm/validate/shacl/validator.ts), as plain arrays that cost nothing to build at run time.
//
// The shapes are compiled by rdf-validate-shacl itself (test/helpers/shacl-oracle.ts, the engine the
// library used before and the reference its tests hold the new one to), from the same table
// (src/generated/edc-shapes.ts): which shapes have targets and in which order, each shape's path,
// severity and constraints in the order that validator checks them, and the messages it would give.
// Validating the same data therefore yields the same results in the same order. Anything the EDC
// shapes might one day use and the engine does not implement (a complex path, sh:pattern, sh:in,
// sh:targetNode, a datatype whose lexical check is not written, a cycle through shapes) stops the
// generator with an error rather than being skipped.
//
// Run with `node scripts/gen-shacl-plan.mjs` after `npm run gen:shapes`; the output is committed,
// and a test runs `--stdout` and compares.
import { mkdirSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const SH = 'http://www.w3.org/ns/shacl#';
const RDFS_CLASS = 'http://www.w3.org/2000/01/rdf-schema#Class';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;

/** Constraint kinds, as src/elm/validate/shacl/plan.ts numbers them; `generic` ones are checked per value. */
const KINDS = {
  PropertyConstraintComponent: { kind: 0 },
  ClassConstraintComponent: { kind: 1, generic: true },
  MinCountConstraintComponent: { kind: 2, generic: false },
  MaxCountConstraintComponent: { kind: 3, generic: false },
  DatatypeConstraintComponent: { kind: 4, generic: true },
  NodeKindConstraintComponent: { kind: 5, generic: true },
  OrConstraintComponent: { kind: 6, generic: true },
  UniqueLangConstraintComponent: { kind: 7, generic: false },
  NodeConstraintComponent: { kind: 8, generic: true },
  HasValueConstraintComponent: { kind: 9, generic: false },
  MaxInclusiveConstraintComponent: { kind: 10, generic: true },
};

/** Datatypes whose lexical forms src/elm/validate/shacl/lexical.ts checks as rdf-validate-datatype does. */
const LEXICAL = ['anyURI', 'boolean', 'dateTime', 'decimal', 'duration', 'integer', 'positiveInteger', 'string'].map((l) => XSD + l);
/** Datatypes rdf-validate-datatype accepts any lexical form of (no validator registered, or `() => true`). */
const ANY_FORM = ['http://www.w3.org/1999/02/22-rdf-syntax-ns#langString', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML'];
const NUMERIC = ['integer', 'decimal', 'double', 'float', 'long', 'int', 'short', 'byte', 'positiveInteger', 'nonNegativeInteger'].map((l) => XSD + l);

/** The oracle module and the shapes table, bundled from TypeScript for this script. */
async function loadOracle() {
  const dir = new URL('node_modules/.cache/gen-shacl-plan/', root);
  mkdirSync(dir, { recursive: true });
  const outfile = new URL('oracle.mjs', dir).pathname;
  await build({
    stdin: {
      contents: "export * from './test/helpers/shacl-oracle.ts'; export { EDC_SHAPES_TERMS } from './src/generated/edc-shapes.ts';",
      resolveDir: root.pathname,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return import(`${outfile}?${Date.now()}`);
}

const { shaclOracle, EDC_SHAPES_TERMS } = await loadOracle();
const { validator, factory } = shaclOracle();
await validator.loadOwlImports();
const { shapesGraph, $shapes } = validator;
const { isInstanceOf, rdfListToArray } = await import('rdf-validate-shacl/src/dataset-utils.js');

const encode = (t) => {
  if (t.termType === 'NamedNode') return t.value;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.language) return [t.value, `@${t.language}`];
  return t.datatype.value === XSD_STRING ? [t.value] : [t.value, t.datatype.value];
};
const keyOf = (encoded) => (typeof encoded === 'string' ? encoded : JSON.stringify(encoded));
const termIndex = new Map(EDC_SHAPES_TERMS.map((t, i) => [keyOf(t), i]));
function term(t) {
  const i = termIndex.get(keyOf(encode(t)));
  if (i === undefined) throw new Error(`${t.value} is not a term of the shapes table`);
  return i;
}

// rdf-validate-shacl's message substitution (src/validation-engine.js: withSubstitutions, nodeLabel),
// applied here once, since a constraint's messages do not depend on the data.
function nodeLabel(constraint, param) {
  const node = constraint.getParameterValue(param);
  if (!node) return 'NULL';
  if (node.termType === 'NamedNode') return `<${node.value}>`;
  if (node.termType === 'BlankNode') {
    const set = [...constraint.nodeSet];
    if (set.length > 3) return `${set.slice(0, 3).map((x) => x.value).join(', ')} ... (and ${set.length - 3} more)`;
    return set.map((x) => x.value).join(', ');
  }
  return node.value;
}
function withSubstitutions(message, constraint) {
  const text = constraint.component.parameters.reduce((m, param) => {
    const name = param.value.slice(Math.max(param.value.lastIndexOf('#'), param.value.lastIndexOf('/')) + 1);
    const label = nodeLabel(constraint, param);
    return m.replace(`{$${name}}`, label).replace(`{?${name}}`, label);
  }, message.value);
  return encode(factory.literal(text, message.language || message.datatype));
}
/** The messages a result of this constraint carries (validation-engine.js: createResultMessages, steps 2-4). */
function messagesOf(constraint) {
  let messages = $shapes.node(constraint.shape.shapeNode).out(factory.namedNode(`${SH}message`)).terms;
  if (messages.length === 0) messages = constraint.componentMessages.map((m) => factory.literal(m));
  if (messages.length === 0) messages = $shapes.node(constraint.component.node).out(factory.namedNode(`${SH}message`)).terms;
  return messages.map((m) => withSubstitutions(m, constraint));
}

const shapeIds = new Map();
const shapes = [];
const lists = [];
const messageLists = [];
const messageIndex = new Map();

function messageRef(constraint) {
  const messages = messagesOf(constraint);
  if (messages.length === 0) return -1;
  const key = JSON.stringify(messages);
  if (!messageIndex.has(key)) {
    messageIndex.set(key, messageLists.length);
    messageLists.push(messages);
  }
  return messageIndex.get(key);
}

/** A numeric parameter: for sh:maxInclusive as rdf-literal's fromRdf reads it, for counts as Number() does. */
function numberOf(literal, what, compared) {
  if (literal.termType !== 'Literal' || !NUMERIC.includes(literal.datatype.value) || !Number.isFinite(Number(literal.value))) {
    throw new Error(`${what}: ${literal.value} is not a number`);
  }
  if (!compared) return Number(literal.value);
  return /(integer|Integer|long|int|short|byte)$/.test(literal.datatype.value) ? Number.parseInt(literal.value, 10) : Number.parseFloat(literal.value);
}

function compileConstraint(shape, constraint) {
  const name = constraint.component.node.value.slice(SH.length);
  const spec = KINDS[name];
  if (!spec || !constraint.component.node.value.startsWith(SH)) throw new Error(`${shape.shapeNode.value}: ${name} is not implemented by the engine`);
  const param = constraint.paramValue;
  if (!param) throw new Error(`${shape.shapeNode.value}: ${name} with several parameters`);
  if (spec.kind !== 0 && (!constraint.validate || Boolean(constraint.isValidationFunctionGeneric) !== spec.generic)) {
    throw new Error(`${shape.shapeNode.value}: ${name} is not checked the way the engine assumes`);
  }
  const where = `${shape.shapeNode.value} ${name}`;
  let value;
  switch (spec.kind) {
    case 0:
    case 8:
      value = shapeId(shapesGraph.getShape(param));
      break;
    case 1:
    case 5:
    case 9:
      value = term(param);
      break;
    case 4:
      if (!LEXICAL.includes(param.value) && !ANY_FORM.includes(param.value)) throw new Error(`${where}: no lexical check for ${param.value}`);
      value = term(param);
      break;
    case 2:
    case 3:
    case 10:
      value = numberOf(param, where, spec.kind === 10);
      break;
    case 6:
      lists.push(rdfListToArray($shapes.node(param)).map((s) => shapeId(shapesGraph.getShape(s))));
      value = lists.length - 1;
      break;
    case 7:
      value = param.termType === 'Literal' && param.value === 'true' && param.datatype.value === `${XSD}boolean` ? 1 : 0;
      break;
  }
  return [spec.kind, value, spec.kind === 0 ? -1 : messageRef(constraint)];
}

/** A shape's index in the plan, compiling it (and the shapes it refers to) on first sight. */
function shapeId(shape) {
  const key = shape.shapeNode.value;
  if (shapeIds.has(key)) return shapeIds.get(key);
  const id = shapes.length;
  shapeIds.set(key, id);
  shapes.push(null);
  let path = -1;
  if (shape.path?.term) {
    if (shape.pathObject?.termType !== 'NamedNode') throw new Error(`${key}: a complex path, which the engine does not implement`);
    path = term(shape.pathObject);
  }
  const row = [term(shape.shapeNode), path, term(shape.severity), shape.deactivated ? 1 : 0];
  for (const constraint of shape.constraints) row.push(...compileConstraint(shape, constraint));
  shapes[id] = row;
  return id;
}

const targets = [];
for (const shape of shapesGraph.shapesWithTarget) {
  const node = $shapes.node(shape.shapeNode);
  for (const p of ['targetNode', 'targetSubjectsOf', 'targetObjectsOf', 'target']) {
    if (node.out(factory.namedNode(SH + p)).terms.length > 0) throw new Error(`${shape.shapeNode.value}: sh:${p} is not implemented by the engine`);
  }
  // Shape.getTargetNodes: the instances of the shape itself when it is a class, then of each sh:targetClass.
  const classes = isInstanceOf(node, $shapes.node(factory.namedNode(RDFS_CLASS)), validator.ns) ? [shape.shapeNode] : [];
  for (const q of $shapes.dataset.match(shape.shapeNode, factory.namedNode(`${SH}targetClass`), null)) classes.push(q.object);
  targets.push([shapeId(shape), ...classes.map(term)]);
}

// The engine recurses through sh:property, sh:node and sh:or without a guard: there must be no cycle.
const state = new Map();
function visit(id) {
  state.set(id, 'open');
  const row = shapes[id];
  for (let i = 4; i < row.length; i += 3) {
    const next = row[i] === 0 || row[i] === 8 ? [row[i + 1]] : row[i] === 6 ? lists[row[i + 1]] : [];
    for (const n of next) {
      if (state.get(n) === 'open') throw new Error(`a cycle through shape ${EDC_SHAPES_TERMS[shapes[n][0]]}`);
      if (!state.has(n)) visit(n);
    }
  }
  state.set(id, 'done');
}
for (let id = 0; id < shapes.length; id++) if (!state.has(id)) visit(id);

const rows = (items) => items.map((r) => `  ${JSON.stringify(r)},`).join('\n');
const out = `// Generated by scripts/gen-shacl-plan.mjs from the EDC shapes table (edc-shapes.ts), compiled by
// rdf-validate-shacl ${(await import('rdf-validate-shacl/package.json', { with: { type: 'json' } })).default.version}. Do not edit by hand.
// ${shapes.length} shapes, ${targets.length} with targets, ${shapes.reduce((n, r) => n + (r.length - 4) / 3, 0)} constraints.
// Terms are indexes into EDC_SHAPES_TERMS; see plan.ts for how the rows read.

/** Shapes: [node, path (-1: a node shape), severity, deactivated (1), then kind, parameter, messages for each constraint]. */
export const EDC_PLAN_SHAPES: readonly (readonly number[])[] = [
${rows(shapes)}
];

/** The shapes with targets, in the order they are checked: [shape, class, class, …]. */
export const EDC_PLAN_TARGETS: readonly (readonly number[])[] = [
${rows(targets)}
];

/** The alternatives of each sh:or, as shape indexes. */
export const EDC_PLAN_LISTS: readonly (readonly number[])[] = [
${rows(lists)}
];

/** The messages of a constraint's results: literals as [value], [value, '@lang'] or [value, datatype]. */
export const EDC_PLAN_MESSAGES: readonly (readonly (readonly [string] | readonly [string, string])[])[] = [
${rows(messageLists)}
];
`;

if (process.argv.includes('--stdout')) process.stdout.write(out);
else {
  writeFileSync(new URL('src/generated/edc-plan.ts', root), out);
  console.log(`src/generated/edc-plan.ts: ${shapes.length} shapes, ${targets.length} with targets`);
}
