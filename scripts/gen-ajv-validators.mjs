// Generates the library's JSON Schema validators ahead of time with ajv's standalone code, so that
// no schema is compiled at run time: ajv compiles a schema into a function with `new Function`,
// which a page under a strict Content Security Policy (no 'unsafe-eval') may not call.
//   src/generated/ajv-ob3.ts   1EdTech's Open Badges 3.0 AchievementCredential schema (draft 2019-09)
//   src/generated/ajv-ebsi.ts  EBSI's EDC schema with the attestation schema it builds on (draft
//                              2020-12), and a validator for each branch of their anyOf / oneOf
// Same schemas (read from scripts/data/, as src/generated/ob3-schema.ts and ebsi-schemas.ts are),
// same options as a run-time compile, hence the same verdicts and the same error objects. The code
// refers to the schemas' own objects in those two modules (an error's `schema` and `parentSchema`
// are the schema's objects, as with a run-time compile) instead of carrying copies of them.
// Run with `npm run gen:ajv` (after `gen:json-data` or the OB 3.0 schema's generator, and after an
// ajv or ajv-formats upgrade); the output is committed, and test/no-eval.test.ts checks it is what
// this script writes. `--out <dir>` writes into another folder.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ajvModule from 'ajv';
import ajv2019Module from 'ajv/dist/2019.js';
import ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';

const { _ } = ajvModule;
const { Ajv2019 } = ajv2019Module;
const { Ajv2020 } = ajv2020Module;
const standaloneCode = standaloneModule.default;
const addFormats = addFormatsModule.default;

const root = new URL('..', import.meta.url).pathname;
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? process.argv[outArg + 1] : join(root, 'src/generated');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

// Formats that are functions (date-time, uri…) are taken from ajv-formats' table at run time; the
// ones that are regular expressions are written into the code by ajv.
const FORMATS_NAME = 'fullFormats';
const codeOptions = { source: true, esm: true, lines: true, formats: _`fullFormats` };

/** ajv's own `stringify` (codegen), with which it writes a schema into the code. */
const safeStringify = (x) => JSON.stringify(x).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Every object and array under `roots` → a JavaScript expression reaching it from its root's name. */
function locations(roots) {
  const where = new Map();
  const visit = (value, expression) => {
    if (typeof value !== 'object' || value === null || where.has(value)) return;
    where.set(value, expression);
    for (const [k, v] of Object.entries(value)) visit(v, `${expression}[${JSON.stringify(Array.isArray(value) ? Number(k) : k)}]`);
  };
  for (const [name, schema] of roots) visit(schema, name);
  return where;
}

/**
 * ajv's standalone module for `exports` (export name → schema reference), rewritten: each schema
 * written out as a literal becomes a reference into `roots` (name → the object the module's prelude
 * binds to that name); the exports become plain constants (the caller exports them with types).
 */
function moduleCode(ajv, exports, roots) {
  let code = standaloneCode(ajv, exports);
  const where = locations(roots);
  // ajv keeps the values its code refers to (schemas, formats, functions) in its value scope.
  const schemaValues = ajv.scope._values.schema;
  if (!(schemaValues instanceof Map)) throw new Error('ajv has no value scope of schemas: has its version changed?');
  for (const name of schemaValues.values()) {
    const declaration = `const ${name.str} = `;
    const at = code.indexOf(declaration);
    if (at < 0) continue;
    const literal = safeStringify(name.value.ref);
    if (!code.startsWith(`${literal};`, at + declaration.length)) throw new Error(`${name.str} is not the literal ajv should have written`);
    const expression = where.get(name.value.ref);
    if (expression === undefined) throw new Error(`${name.str} is not an object of the schemas given`);
    code = code.slice(0, at + declaration.length) + expression + code.slice(at + declaration.length + literal.length);
  }
  if (/\bconst schema\d+ = [{[]/.test(code)) throw new Error('a schema literal was left in the code');
  // ajv's run-time helpers (ajv/dist/runtime/*) are CommonJS modules whose function is `exports.default`.
  const helpers = [];
  code = code.replace(/^const (func\d+) = require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)\.default;$/gim, (_line, name, path) => {
    helpers.push(`import ${name}Module from '${path}.js';`);
    // Node and esbuild in Node's mode give module.exports as the default import, other bundlers exports.default.
    return `const ${name} = typeof ${name}Module === 'function' ? ${name}Module : ${name}Module.default;`;
  });
  if (code.includes('require(')) throw new Error('the code requires a module this script does not import');
  if (/\bnew Function\b|\beval\(/.test(code)) throw new Error('the code would evaluate code');
  code = code.replace(/^"use strict";\n/, '');
  code = code.replace(/^export const (\w+) = (validate\d+);$/gm, 'const $1 = $2;');
  if (/^export /m.test(code)) throw new Error('ajv exported something unexpected');
  return { helpers, code };
}

const header = (what) => `// Generated by scripts/gen-ajv-validators.mjs (ajv ${readJson('node_modules/ajv/package.json').version}, ajv-formats ${readJson('node_modules/ajv-formats/package.json').version}):
// ${what}
// Do not edit by hand: run \`npm run gen:ajv\` after a change of the schemas or of ajv.
// ajv's code, not type-checked.
// @ts-nocheck
`;

const outputs = {};

// Open Badges 3.0: the options schema.ts gave ajv. strictTuples off: the schema's `@context` is a
// 2-tuple with `additionalItems` but no `minItems` equal to it, which strict mode refuses; the
// schema is 1EdTech's and may not be changed.
{
  const schema = readJson('scripts/data/ob3-schema/ob_v3p0_achievementcredential_schema.json');
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTuples: false, code: codeOptions });
  addFormats(ajv);
  ajv.addSchema(schema);
  const { helpers, code } = moduleCode(ajv, { ob3: schema.$id }, [['OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA', schema]]);
  outputs['ajv-ob3.ts'] = `${header("1EdTech's Open Badges 3.0 AchievementCredential schema (src/generated/ob3-schema.ts),\n// compiled with { allErrors: true, strict: true, strictTuples: false } and ajv-formats.")}
import type { ValidateFunction } from 'ajv/dist/2019.js';
import { ${FORMATS_NAME} } from 'ajv-formats/dist/formats.js';
${helpers.map((line) => `${line}\n`).join('')}import { OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA } from './ob3-schema.js';

${code}

/** Checks a document against 1EdTech's AchievementCredential schema; its \`errors\` are ajv's. */
export const validateOb3Schema: ValidateFunction = ob3;
`;
}

// EBSI: the edc schema `$ref`s "./vcdm2.0-attestation-schema/schema.json": compiled under this
// base, the reference resolves to where the attestation schema is registered. The host is reserved
// (RFC 6761 .invalid) and ajv is given no loader: nothing is fetched. verbose: a combinator's error
// carries its branches and data, for src/elm/validate/ebsi/collapse.ts to find the branch that got
// furthest, by that branch's own validator.
{
  const BASE = 'https://ebsi-schemas.invalid/';
  const EDC_ID = `${BASE}vcdm2.0-europass-edc-schema.json`;
  const ATTESTATION_ID = `${BASE}vcdm2.0-attestation-schema/schema.json`;
  const attestation = readJson('scripts/data/ebsi-schemas/vcdm2.0-attestation-schema.json');
  const edc = { ...readJson('scripts/data/ebsi-schemas/vcdm2.0-europass-edc-schema.json'), $id: EDC_ID };
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, code: codeOptions });
  addFormats(ajv);
  ajv.addSchema(attestation, ATTESTATION_ID);
  ajv.addSchema(edc);
  const main = ajv.getSchema(EDC_ID);

  // Every branch of an anyOf / oneOf, by the reference collapse.ts's SchemaIndex asks for. A
  // branch strict mode refuses to compile on its own has no validator, as at run time.
  const branches = [];
  const walk = (schema, id, pointer, depth) => {
    if (typeof schema !== 'object' || schema === null || depth > 64) return;
    for (const [k, v] of Object.entries(schema)) {
      const at = `${pointer}/${encodeURIComponent(k.replaceAll('~', '~0').replaceAll('/', '~1'))}`;
      if ((k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) v.forEach((branch, i) => typeof branch === 'object' && branch !== null && !Array.isArray(branch) && branches.push(`${id}#${at}/${i}`));
      walk(v, id, at, depth + 1);
    }
  };
  walk(attestation, ATTESTATION_ID, '', 0);
  walk(edc, EDC_ID, '', 0);

  // A branch that is only a `$ref` is compiled by ajv.getSchema() afresh, a second copy of the code
  // of a definition the schema's validator already has: that one is taken instead when its code is
  // the same but for the names of functions.
  const compiledRefs = new Map();
  for (const id of [ATTESTATION_ID, EDC_ID]) for (const [ref, env] of Object.entries(ajv.schemas[id].root.refs)) if (env?.validate) compiledRefs.set(ref, env.validate);
  const normalise = (validate) => validate.source.validateCode.replace(/\bwrapper\d+\.validate\b/g, 'V').replace(/\bvalidate\d+\b/g, 'V');
  const chosen = new Map();
  const exports = { ebsi: EDC_ID };
  const table = [];
  for (const ref of branches) {
    let fresh;
    try {
      fresh = ajv.getSchema(ref);
    } catch {
      fresh = undefined;
    }
    if (!fresh) continue;
    const name = `branch${table.length}`;
    exports[name] = ref;
    table.push([ref, name]);
    const [base, fragment] = ref.split('#');
    const schema = fragment.split('/').slice(1).reduce((o, k) => o[decodeURIComponent(k).replaceAll('~1', '/').replaceAll('~0', '~')], base === EDC_ID ? edc : attestation);
    if (Object.keys(schema).length !== 1 || typeof schema.$ref !== 'string') continue;
    const shared = compiledRefs.get(new URL(schema.$ref, base).href);
    if (shared && shared !== fresh && normalise(shared) === normalise(fresh)) chosen.set(ref, shared);
  }
  console.log(`EBSI: ${table.length} branch validators, ${chosen.size} of them the schema's own`);
  const getSchema = ajv.getSchema.bind(ajv);
  ajv.getSchema = (ref) => chosen.get(ref) ?? getSchema(ref);
  if (!main) throw new Error('the EDC schema did not compile');
  const { helpers, code } = moduleCode(ajv, exports, [['EBSI_EDC_ROOT', edc], ['EBSI_ATTESTATION_SCHEMA', attestation]]);
  outputs['ajv-ebsi.ts'] = `${header(`EBSI's EDC schema and the attestation schema (src/generated/ebsi-schemas.ts), compiled with\n// { allErrors: true, strict: true, verbose: true } and ajv-formats, and ${table.length} of their anyOf / oneOf branches.`)}
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { ${FORMATS_NAME} } from 'ajv-formats/dist/formats.js';
${helpers.map((line) => `${line}\n`).join('')}import { EBSI_ATTESTATION_SCHEMA, EBSI_EDC_SCHEMA } from './ebsi-schemas.js';

/** The \`$id\` the EDC schema is compiled under: its \`$ref\` to the attestation schema resolves to {@link EBSI_ATTESTATION_ID}. */
export const EBSI_EDC_ID = ${JSON.stringify(EDC_ID)};
/** Where the attestation schema is registered (a reserved host, RFC 6761: nothing is fetched). */
export const EBSI_ATTESTATION_ID = ${JSON.stringify(ATTESTATION_ID)};
/** The EDC schema as compiled (with its \`$id\`): the objects errors' \`schema\` and \`parentSchema\` are. */
export const EBSI_EDC_ROOT: Readonly<Record<string, unknown>> = { ...EBSI_EDC_SCHEMA, $id: EBSI_EDC_ID };

${code}

/** Checks a document against EBSI's EDC schema; its \`errors\` are ajv's (verbose). */
export const validateEbsiEdc: ValidateFunction = ebsi;

/** The validator of each anyOf / oneOf branch, by \`<schema id>#<JSON Pointer, URI-encoded>\`. */
export const EBSI_BRANCH_VALIDATORS: ReadonlyMap<string, ValidateFunction> = new Map([
${table.map(([ref, name]) => `  [${JSON.stringify(ref)}, ${name}],`).join('\n')}
]);
`;
}

mkdirSync(outDir, { recursive: true });
for (const [name, text] of Object.entries(outputs)) writeFileSync(join(outDir, name), text);
console.log(`wrote ${Object.keys(outputs).map((name) => join(outDir, name)).join(', ')}`);
