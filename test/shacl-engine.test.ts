// The library's SHACL engine (src/elm/validate/shacl/validator.ts) against rdf-validate-shacl, the validator it
// replaces: the same results, in the same order, on every ELM document the repository has and on
// several hundred variants of the EU sample.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld, { type JsonLdQuad } from 'jsonld';
import { validators } from 'rdf-validate-datatype';
import defaultEnvironment from 'rdf-validate-shacl/src/defaultEnv.js';
import { describe, expect, it } from 'vitest';
import { toElm } from '../src/elm/export/to-elm.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { DataGraph } from '../src/elm/validate/shacl/data-graph.js';
import { EDC_PLAN_SHAPES } from '../src/generated/edc-plan.js';
import { EDC_SHAPES_TERMS } from '../src/generated/edc-shapes.js';
import { isLexicalForm, LEXICALLY_CHECKED } from '../src/elm/validate/shacl/lexical.js';
import type { Term } from '../src/elm/validate/shacl/rdf.js';
import { resultsToIssues } from '../src/elm/validate/shacl/report.js';
import type { ShaclResult } from '../src/elm/validate/shacl/result.js';
import { edcShapesView } from '../src/elm/validate/shacl/shapes-view.js';
import { validateEdcShapes } from '../src/elm/validate/shacl/validator.js';
import { elmMutations } from './helpers/elm-mutations.js';
import { oracleResults, shaclOracle } from './helpers/shacl-oracle.js';

const root = join(import.meta.dirname, '..');
const euSample = () => JSON.parse(readFileSync(join(root, 'test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld'), 'utf8'));

const show = (t: Term | null | undefined): string | null => {
  if (!t) return null;
  if (t.termType === 'Literal') return `"${t.value}"${t.language ? `@${t.language}` : `^^${t.datatype.value}`}`;
  return `${t.termType === 'BlankNode' ? '_:' : ''}${t.value}`;
};

/** Everything a result says, nested results included, as comparable data. */
interface Said {
  focusNode: string | null;
  path: string | null;
  value: string | null;
  severity: string | null;
  sourceShape: string | null;
  component: string | null;
  messages: (string | null)[];
  detail: Said[];
}
const said = (r: ShaclResult): Said => ({
  focusNode: show(r.focusNode),
  path: show(r.path),
  value: show(r.value),
  severity: show(r.severity),
  sourceShape: show(r.sourceShape),
  component: show(r.sourceConstraintComponent),
  messages: r.message.map(show),
  detail: r.detail.map(said),
});

async function toQuads(doc: unknown): Promise<JsonLdQuad[] | undefined> {
  try {
    return await jsonld.toRDF(doc, { documentLoader, safe: true });
  } catch {
    return undefined;
  }
}

/** Both engines on one document's quads: their results, and the issues report.ts makes of them. */
async function both(quads: JsonLdQuad[]) {
  const reference = await oracleResults(quads);
  const ours = validateEdcShapes(quads);
  return {
    reference: reference.map(said),
    ours: ours.map(said),
    referenceIssues: resultsToIssues(reference, shaclOracle().shapes),
    ourIssues: resultsToIssues(ours, edcShapesView()),
  };
}

function documentsUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(json|jsonld)$/.test(e.name) && !e.name.endsWith('.expected.json'))
    .map((e) => join(e.parentPath, e.name));
}

describe('the SHACL engine gives rdf-validate-shacl’s results', () => {
  it('on the EU sample: the two violations, with the same terms, messages and details', async () => {
    const quads = (await toQuads(euSample()))!;
    const { reference, ours, referenceIssues, ourIssues } = await both(quads);
    expect(reference).toHaveLength(2);
    expect(ours).toEqual(reference);
    expect(ourIssues).toEqual(referenceIssues);
    // One of them comes through sh:node: the nested result must be there too.
    expect(ours.some((r) => r.detail.length > 0)).toBe(true);
  });

  it('on every document under test/vectors and fixtures, and on the model fixtures exported to ELM', async () => {
    let compared = 0;
    let withResults = 0;
    for (const file of [...documentsUnder('test/vectors'), ...documentsUnder('fixtures')]) {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      const docs = [doc];
      try {
        docs.push(toElm(doc as never, { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' }));
      } catch {
        // Not a valid model: only the document itself.
      }
      for (const d of docs) {
        const quads = await toQuads(d);
        if (!quads || quads.length === 0) continue;
        const { reference, ours, referenceIssues, ourIssues } = await both(quads);
        expect(ours, file).toEqual(reference);
        expect(ourIssues, file).toEqual(referenceIssues);
        compared++;
        if (reference.length > 0) withResults++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(withResults).toBeGreaterThan(5);
  }, 120_000);

  it('on variants of the EU sample: dropped, duplicated, retyped and mistyped values, extra nodes, language duplicates', async () => {
    const variants = elmMutations(euSample(), 9);
    let compared = 0;
    const components = new Set<string | null>();
    for (const { name, doc } of variants) {
      const quads = await toQuads(doc);
      if (!quads) continue;
      const { reference, ours, referenceIssues, ourIssues } = await both(quads);
      expect(ours, name).toEqual(reference);
      expect(ourIssues, name).toEqual(referenceIssues);
      compared++;
      const visit = (r: Said): void => {
        components.add(r.component);
        r.detail.forEach(visit);
      };
      reference.forEach(visit);
    }
    expect(compared).toBeGreaterThan(150);
    // The variants reach every kind of constraint the EDC shapes use.
    for (const c of ['MinCount', 'MaxCount', 'Class', 'Datatype', 'NodeKind', 'Or', 'Node', 'UniqueLang', 'MaxInclusive']) {
      expect(components, c).toContain(`http://www.w3.org/ns/shacl#${c}ConstraintComponent`);
    }
  }, 300_000);
});

describe('the data graph', () => {
  const iri = (value: string) => ({ termType: 'NamedNode' as const, value });
  const lit = (value: string, datatype: string) => ({ termType: 'Literal' as const, value, datatype: iri(datatype) });
  const quad = (s: string, p: string, o: ReturnType<typeof iri> | ReturnType<typeof lit>, g = '') => ({
    subject: iri(s),
    predicate: iri(p),
    object: o,
    graph: g ? iri(g) : { termType: 'DefaultGraph' as const, value: '' as const },
  });

  it('merges the graphs and counts a value once, however often it occurs', () => {
    const int = 'http://www.w3.org/2001/XMLSchema#integer';
    const graph = new DataGraph([
      quad('urn:a', 'urn:p', lit('1', int)),
      quad('urn:a', 'urn:p', lit('1', int), 'urn:g'),
      quad('urn:a', 'urn:p', lit('1', 'http://www.w3.org/2001/XMLSchema#string')),
      quad('urn:a', 'urn:p', iri('urn:b'), 'urn:g'),
    ]);
    expect(graph.objects(iri('urn:a'), 'urn:p').map((t) => t.value)).toEqual(['1', '1', 'urn:b']);
  });

  it('finds duplicates among many values too', () => {
    const quads = Array.from({ length: 40 }, (_, i) => quad('urn:a', 'urn:p', iri(`urn:v${i % 20}`)));
    expect(new DataGraph(quads).objects(iri('urn:a'), 'urn:p')).toHaveLength(20);
  });

  it('survives a cycle of rdfs:subClassOf, where rdf-validate-shacl overflows its stack', async () => {
    const sub = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
    const type = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
    const elm = 'http://data.europa.eu/snb/model/elm/';
    const quads = [quad('urn:x', type, iri('urn:A')), quad('urn:A', sub, iri(`${elm}Note`)), quad(`${elm}Note`, sub, iri('urn:A'))] as JsonLdQuad[];
    await expect(oracleResults(quads)).rejects.toThrow(RangeError);
    const results = validateEdcShapes(quads);
    expect(results.map((r) => r.focusNode?.value)).toContain('urn:x');
  });
});

describe('lexical forms', () => {
  const samples = [
    '', '0', '1', '-1', '+1', '007', '1.5', '.5', '5.', '-.5', '+-1', '1e3', 'abc', 'true', 'false', 'TRUE',
    '2024-01-01', '2024-01-01T00:00:00', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00.123+01:00', '-0001-01-01T00:00:00Z',
    '99999-01-01T00:00:00Z', '2024-1-01T00:00:00Z', '2024-01-01T00:00:00+1:00', 'P1Y', 'P1Y2M3DT4H5M6.5S', 'PT1M', 'P', 'PT', '-P1D',
    'P1.5Y', 'http://example.org/a b', '\ufffe', 'mailto:x@y', '18446744073709551616',
  ];
  const factory = defaultEnvironment;

  it('match rdf-validate-datatype for every datatype the plan checks', () => {
    for (const datatype of LEXICALLY_CHECKED) {
      const validate = validators.find(factory.namedNode(datatype))!;
      expect(validate, datatype).toBeTypeOf('function');
      for (const s of samples) expect(isLexicalForm(s, datatype), `${datatype} ${JSON.stringify(s)}`).toBe(validate(s));
    }
  });

  it('cover every datatype the EDC shapes name, or it is one rdf-validate-datatype accepts in any form', () => {
    const datatypes = new Set<string>();
    for (const row of EDC_PLAN_SHAPES) for (let i = 4; i < row.length; i += 3) if (row[i] === 4) datatypes.add(EDC_SHAPES_TERMS[row[i + 1]!] as string);
    expect(datatypes.size).toBeGreaterThan(5);
    for (const d of datatypes) {
      const validate = validators.find(factory.namedNode(d));
      if (!LEXICALLY_CHECKED.includes(d)) expect(!validate || samples.every((s) => validate(s)), d).toBe(true);
    }
  });
});

describe('generated files', () => {
  it('fixtures/elm/perf/many-achievements.jsonld is what scripts/gen-large-elm.mjs makes, and has over 4 000 quads', async () => {
    const generated = execFileSync(process.execPath, [join(root, 'scripts/gen-large-elm.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(generated).toBe(readFileSync(join(root, 'fixtures/elm/perf/many-achievements.jsonld'), 'utf8'));
    expect((await toQuads(JSON.parse(generated)))!.length).toBeGreaterThanOrEqual(4000);
  }, 60_000);

  it('src/generated/edc-plan.ts is what scripts/gen-shacl-plan.mjs compiles from the shapes table', () => {
    const generated = execFileSync(process.execPath, [join(root, 'scripts/gen-shacl-plan.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(generated).toBe(readFileSync(join(root, 'src/generated/edc-plan.ts'), 'utf8'));
  });
});
