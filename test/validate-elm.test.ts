import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDC_SHAPES_QUADS, EDC_SHAPES_SOURCES, EDC_SHAPES_TERMS } from '../src/generated/edc-shapes.js';
import { ELM_VALIDATION_CODES, type ElmValidationIssue, validateElm } from '../src/validate-elm.js';

const root = join(import.meta.dirname, '..');
const readJson = (path: string): Record<string, any> => JSON.parse(readFileSync(join(root, path), 'utf8'));
const euSample = () => readJson('test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld');
const ebsiFixture = () => readJson('fixtures/elm/ebsi-minimal.json');
const COUNTRY_IRL = {
  id: 'http://publications.europa.eu/resource/authority/country/IRL',
  type: 'Concept',
  inScheme: { id: 'http://publications.europa.eu/resource/authority/country', type: 'ConceptScheme' },
  notation: 'country',
  prefLabel: { en: 'Ireland' },
};

/** The EU sample with what EDC's sealing adds and the shapes require (EDC shapes: `issued` 1..1, issuer `eidasLegalIdentifier` 1..1). */
function fixedSample(): Record<string, any> {
  const doc = euSample();
  doc.issued = '2023-01-01T09:00:00Z';
  // A LegalIdentifier (ELM-3.1.ttl: a subclass of Identifier with dc:spatial), which the shapes
  // want with a notation and exactly one spatial concept from the EU country table.
  doc.issuer.eIDASIdentifier = { id: 'urn:epass:legalIdentifier:eidas', type: 'LegalIdentifier', notation: 'IE-654321', spatial: COUNTRY_IRL };
  return doc;
}

const summary = (issues: ElmValidationIssue[]) =>
  issues.map((i) => ({ code: i.code, focusNode: i.focusNode, resultPath: i.resultPath, component: i.message.split(':')[0] }));

describe('validateElm on the EU micro-credential sample', () => {
  it('reports exactly the two constraints the unsealed sample fails: issued, and the issuer eIDAS identifier', async () => {
    const result = await validateElm(euSample());
    expect(result.ok).toBe(false);
    expect(summary(result.issues)).toEqual(
      expect.arrayContaining([
        { code: 'ELM_SHACL_VIOLATION', focusNode: 'urn:credential:3ef0ac26-9a1f-41c6-871b-2b82e670907b', resultPath: 'cred:issued', component: 'MinCountConstraintComponent' },
        { code: 'ELM_SHACL_VIOLATION', focusNode: 'urn:epass:org:1', resultPath: 'elm:eidasLegalIdentifier', component: 'MinCountConstraintComponent' },
      ]),
    );
    expect(result.issues).toHaveLength(2);
    const issued = result.issues.find((i) => i.resultPath === 'cred:issued')!;
    const eidas = result.issues.find((i) => i.resultPath === 'elm:eidasLegalIdentifier')!;
    expect(issued).toMatchObject({ severity: 'error', shape: 'edc:EuropeanDigitalCredential-cred_issued', path: '' });
    expect(issued.message).toBe('MinCountConstraintComponent: cred:issued 1..1 (Less than 1 values)');
    expect(eidas.severity).toBe('error');
    expect(eidas.message).toMatch(/^MinCountConstraintComponent: elm:eidasLegalIdentifier 1\.\.1 .*required by cred:issuer .*edc:EuropeanDigitalCredential-cred_issuer/);
    expect(eidas.value).toBeUndefined();
    // EDC writes the issuer in full wherever it occurs; the pointer is the first place.
    expect(eidas.path).toBe('/credentialSubject/hasClaim/awardedBy/awardingBody');
  });

  it('finds no violation once issued and issuer.eIDASIdentifier are added, and leaves the input as it was', async () => {
    const doc = fixedSample();
    const before = JSON.stringify(doc);
    expect(await validateElm(doc)).toEqual({ ok: true, issues: [] });
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('finds no violation in the credential EDC sealed (the signed sample payload)', async () => {
    const envelope = readJson('test/vectors/eu-elm/Sample-MC-Annex1-signed.jsonld');
    expect(await validateElm(JSON.parse(envelope.payload))).toEqual({ ok: true, issues: [] });
    // On the envelope: its payload's content is checked, and a warning says the seal is not.
    const onEnvelope = await validateElm(envelope);
    expect(onEnvelope.ok).toBe(true);
    expect(onEnvelope.issues.map((i) => [i.code, i.severity])).toEqual([['ELM_SEALED_ENVELOPE', 'warning']]);
    expect(onEnvelope.issues[0]!.message).toMatch(/payload.*seal is not checked/);
  });

  it('reports further constraint violations with their paths, values and components', async () => {
    const doc = fixedSample();
    doc.validFrom = 'yesterday';
    delete doc.credentialSubject.hasClaim.title;
    doc.issuer.eIDASIdentifier.spatial = { id: 'http://example.org/not-a-country', type: 'Concept' };
    const { ok, issues } = await validateElm(doc);
    expect(ok).toBe(false);
    expect(summary(issues)).toEqual(
      expect.arrayContaining([
        { code: 'ELM_SHACL_VIOLATION', focusNode: doc.id, resultPath: 'cred:validFrom', component: 'DatatypeConstraintComponent' },
        { code: 'ELM_SHACL_VIOLATION', focusNode: 'urn:epass:learningAchievement:1', resultPath: 'dc:title', component: 'MinCountConstraintComponent' },
        { code: 'ELM_SHACL_VIOLATION', focusNode: 'http://example.org/not-a-country', resultPath: 'skos:inScheme', component: 'HasValueConstraintComponent' },
      ]),
    );
    expect(issues).toHaveLength(3);
    const validFrom = issues.find((i) => i.resultPath === 'cred:validFrom')!;
    expect(validFrom).toMatchObject({ value: 'yesterday', path: '/validFrom' });
    expect(validFrom.message).toMatch(/^DatatypeConstraintComponent: cred:validFrom datatype xsd:dateTime/);
    expect(issues.find((i) => i.resultPath === 'dc:title')!.path).toBe('/credentialSubject/hasClaim');
  });

  it('gives the same answers when validations run concurrently on the shared validator', async () => {
    const results = await Promise.all([euSample(), fixedSample(), euSample(), fixedSample()].map((d) => validateElm(d)));
    expect(results.map((r) => r.issues.length)).toEqual([2, 0, 2, 0]);
  });
});

describe('JSON-LD processing', () => {
  it('reports a property the context does not define as ELM_SAFE_MODE, naming it', async () => {
    const doc = fixedSample();
    doc.credentialSubject.favouriteColour = 'blue';
    const { ok, issues } = await validateElm(doc);
    expect(ok).toBe(false);
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'ELM_SAFE_MODE',
        term: 'favouriteColour',
        path: '/credentialSubject/favouriteColour',
        focusNode: doc.credentialSubject.id,
      }),
    ]);
    expect(issues[0]!.message).toContain('"favouriteColour"');
  });

  it('lists every unsafe construct, not only the first', async () => {
    const doc = fixedSample();
    doc.credentialSubject.favouriteColour = 'blue';
    doc.issuer.type = ['Organisation', 'University'];
    doc.displayParameter.id = 'display-1';
    const { issues } = await validateElm(doc);
    expect(issues.map((i) => [i.code, i.term, i.path])).toEqual(
      expect.arrayContaining([
        ['ELM_SAFE_MODE', 'favouriteColour', '/credentialSubject/favouriteColour'],
        ['ELM_SAFE_MODE', 'University', '/issuer/type'],
        ['ELM_SAFE_MODE', 'display-1', '/displayParameter/id'],
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it('reports a context that would need the network, and does not fetch it', async () => {
    let requests = 0;
    const server = createServer((_, res) => {
      requests++;
      res.setHeader('content-type', 'application/ld+json');
      res.end('{"@context": {"favouriteColour": "https://example.org/favouriteColour"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/context.jsonld`;
      const doc = fixedSample();
      doc['@context'] = [...doc['@context'], url];
      doc.credentialSubject.favouriteColour = 'blue';
      const { ok, issues } = await validateElm(doc);
      expect(ok).toBe(false);
      expect(issues).toEqual([expect.objectContaining({ code: 'ELM_CONTEXT_NOT_BUNDLED', term: url, path: '/@context/2' })]);
      expect(issues[0]!.message).toContain(url);
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports the https form of the ELM context URL as not bundled (EDC uses http)', async () => {
    const doc = fixedSample();
    doc['@context'] = ['https://www.w3.org/2018/credentials/v1', 'https://data.europa.eu/snb/model/context/edc-ap'];
    const { issues } = await validateElm(doc);
    expect(issues.map((i) => [i.code, i.term, i.path])).toEqual([['ELM_CONTEXT_NOT_BUNDLED', 'https://data.europa.eu/snb/model/context/edc-ap', '/@context/1']]);
  });

  it("explains that EBSI's VC 2.0 variant is not JSON-LD the ELM context can process", async () => {
    const { issues } = await validateElm(ebsiFixture());
    expect(issues.map((i) => i.code)).toEqual(['ELM_NOT_JSON_LD']);
    expect(issues[0]!.message).toMatch(/protected term.*EBSI profile/);
    expect(issues[0]!.hint).toEqual({ option: 'profile', value: 'ebsi', api: "{ profile: 'ebsi' }", cli: '--profile ebsi' });
  });

  it('reports malformed JSON-LD and a document with no credential', async () => {
    expect((await validateElm({ '@context': 5 })).issues.map((i) => i.code)).toEqual(['ELM_NOT_JSON_LD']);
    const notEdc = { '@context': ['https://www.w3.org/2018/credentials/v1'], id: 'urn:x', type: ['VerifiableCredential'], issuer: 'did:example:1', issuanceDate: '2024-01-01T00:00:00Z', credentialSubject: { id: 'did:example:2' } };
    const result = await validateElm(notEdc);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(['ELM_NO_CREDENTIAL']);
  });
});

describe('hostile input', () => {
  const deep = (depth: number, wrap: (inner: unknown) => unknown): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = wrap(v);
    return v;
  };
  const cyclic: Record<string, unknown> = { '@context': 'https://www.w3.org/2018/credentials/v1' };
  cyclic.self = cyclic;
  const throwingGetter = Object.defineProperty({}, 'id', { enumerable: true, get: () => { throw new Error('boom'); } });
  const throwingProxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
  const big = 'x'.repeat(50_000_000);

  const inputs: [string, unknown, string][] = [
    ['null', null, 'ELM_NOT_JSON_LD'],
    ['undefined', undefined, 'ELM_NOT_JSON_LD'],
    ['an array', [euSample()], 'ELM_NOT_JSON_LD'],
    ['a string', 'not a credential', 'ELM_NOT_JSON_LD'],
    ['a 50 MB string', big, 'ELM_NOT_JSON_LD'],
    ['a 50 MB string inside a credential', { ...fixedSample(), note: big }, 'ELM_INPUT_LIMIT'],
    ['a number', 42, 'ELM_NOT_JSON_LD'],
    ['NaN inside', { ...fixedSample(), n: Number.NaN }, 'ELM_NOT_JSON_LD'],
    ['a Date inside', { ...fixedSample(), issued: new Date() }, 'ELM_NOT_JSON_LD'],
    ['a function', () => 1, 'ELM_NOT_JSON_LD'],
    ['a BigInt inside', { a: 1n }, 'ELM_NOT_JSON_LD'],
    ['objects nested 100 000 deep', deep(100_000, (inner) => ({ a: inner })), 'ELM_INPUT_LIMIT'],
    ['arrays nested 100 000 deep', { '@context': deep(100_000, (inner) => [inner]) }, 'ELM_INPUT_LIMIT'],
    ['300 000 values', { '@context': 'https://www.w3.org/2018/credentials/v1', list: Array.from({ length: 300_000 }, () => 1) }, 'ELM_INPUT_LIMIT'],
    ['a cycle', cyclic, 'ELM_INPUT_LIMIT'],
    ['a throwing getter', throwingGetter, 'ELM_NOT_JSON_LD'],
    ['a throwing proxy', throwingProxy, 'ELM_NOT_JSON_LD'],
    ['an empty object', {}, 'ELM_SAFE_MODE'],
    ['a __proto__ key', JSON.parse('{"@context": ["https://www.w3.org/2018/credentials/v1"], "__proto__": {"@context": {"x": "urn:x"}}, "x": 1}'), 'ELM_SAFE_MODE'],
    // jsonld loses a "__proto__" term; safe mode catches what is left (an object with only @id).
    ['a __proto__ context term', JSON.parse('{"@context": {"__proto__": "urn:p", "id": "@id"}, "id": "urn:x", "__proto__": 1}'), 'ELM_SAFE_MODE'],
    ['a context array of nulls', { '@context': [null, null], '@id': 'urn:x' }, 'ELM_SAFE_MODE'],
    ['an @context loop through @import', { '@context': { '@version': 1.1, '@import': 'urn:loop' } }, 'ELM_CONTEXT_NOT_BUNDLED'],
  ];

  it.each(inputs)('%s gives issues, not an exception', async (_, input, code) => {
    const result = await validateElm(input);
    expect(result.ok).toBe(false);
    expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues[0]!.code).toBe(code);
    for (const i of result.issues) expect(ELM_VALIDATION_CODES).toHaveProperty(i.code);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('answers a 50 MB string quickly, without handing it to jsonld', async () => {
    const started = performance.now();
    await validateElm(big);
    await validateElm({ note: big });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects misuse of the options with a TypeError', async () => {
    await expect(validateElm({}, 5 as never)).rejects.toThrow(TypeError);
    await expect(validateElm({}, { profile: 'edx' as never })).rejects.toThrow(/unknown profile/);
  });

  it('caps the issue list', async () => {
    const doc = fixedSample();
    doc.credentialSubject.hasClaim = Array.from({ length: 1200 }, (_, i) => ({ id: `urn:claim:${i}`, type: 'LearningAchievement' }));
    const { issues } = await validateElm(doc);
    expect(issues).toHaveLength(1001);
    expect(issues.at(-1)!.code).toBe('ELM_TOO_MANY_ISSUES');
  });
});

describe("profile 'ebsi'", () => {
  it('accepts a minimal EBSI-shaped EDC credential', async () => {
    expect(await validateElm(ebsiFixture(), { profile: 'ebsi' })).toEqual({ ok: true, issues: [] });
  });

  it('rejects a broken copy with the instancePath of each error', async () => {
    const doc = ebsiFixture();
    delete doc.issued;
    doc.credentialSubject.hasClaim.favouriteColour = 'blue';
    doc.displayParameter.individualDisplay.displayDetail.page = 'one';
    const { ok, issues } = await validateElm(doc, { profile: 'ebsi' });
    expect(ok).toBe(false);
    for (const i of issues) expect(i.code).toBe('EBSI_SCHEMA');
    const at = (path: string) => issues.filter((i) => i.path === path);
    expect(at('').map((i) => i.message)).toContain("EBSI schema: (document) must have required property 'issued'");
    expect(at('/credentialSubject/hasClaim').some((i) => i.message.includes('additional properties (favouriteColour)'))).toBe(true);
    expect(at('/credentialSubject/hasClaim')[0]!.focusNode).toBe('urn:epass:learningAchievement:1');
    expect(at('/displayParameter/individualDisplay/displayDetail/page')[0]).toMatchObject({ value: 'one', path: '/displayParameter/individualDisplay/displayDetail/page' });
  });

  it("rejects EDC's own VC 1.1 sample, which EBSI's schema does not accept", async () => {
    const { ok, issues } = await validateElm(euSample(), { profile: 'ebsi' });
    expect(ok).toBe(false);
    expect(issues.map((i) => i.path)).toContain('/@context/0');
  });

  it('never throws on hostile input either', async () => {
    for (const input of [null, [], 'x', { a: Number.POSITIVE_INFINITY }, {}]) {
      const result = await validateElm(input, { profile: 'ebsi' });
      expect(result.ok).toBe(false);
    }
  });
});

describe('packaging', () => {
  it('keeps jsonld and the SHACL stack out of the package root (jsonld is loaded on demand, for documents in another JSON-LD spelling)', () => {
    // Every module the root imports, followed through relative imports.
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      // Type-only imports are erased: they load nothing. A dynamic import() loads on first use only.
      for (const [, spec] of source.matchAll(/(?:^|\n)\s*(?:import|export)(?!\s+type\b)[^'"]*?from\s+'([^']+)'/g)) {
        if (spec!.startsWith('.')) visit(join(file, '..', spec!.replace(/\.js$/, '.ts')));
        else external.add(spec!);
      }
    };
    visit(join(root, 'src', 'index.ts'));
    expect([...external].filter((m) => /jsonld|shacl|rdf/.test(m))).toEqual([]);
    expect([...seen].some((f) => f.includes(join('elm', 'validate', 'shacl')) || f.endsWith('validate-elm.ts'))).toBe(false);
  });

  it('src/generated/edc-shapes.ts is what scripts/gen-shapes.mjs generates from both shape files', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-shapes.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(root, 'src', 'generated', 'edc-shapes.ts'), 'utf8'));
    expect(EDC_SHAPES_SOURCES.map((s) => s.file)).toEqual(['EDC-generic-no-cv.ttl', 'EDC-generic-full.ttl']);
  });

  it('the shapes have no cycle through shape references (the validator runs without a recursion guard)', () => {
    const SH = 'http://www.w3.org/ns/shacl#';
    const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
    const links = new Set([...['node', 'property', 'or', 'and', 'not', 'xone', 'qualifiedValueShape'].map((l) => SH + l), `${RDF}first`, `${RDF}rest`]);
    const next = new Map<string, string[]>();
    for (let i = 0; i < EDC_SHAPES_QUADS.length; i += 3) {
      const [s, p, o] = [0, 1, 2].map((k) => EDC_SHAPES_TERMS[EDC_SHAPES_QUADS[i + k]!]);
      if (typeof s === 'string' && typeof p === 'string' && typeof o === 'string' && links.has(p)) next.set(s, [...(next.get(s) ?? []), o]);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'open');
      for (const to of next.get(node) ?? []) {
        if (state.get(to) === 'open') cycles.push(`${node} -> ${to}`);
        else if (!state.has(to)) visit(to);
      }
      state.set(node, 'done');
    };
    for (const node of next.keys()) if (!state.has(node)) visit(node);
    expect(next.size).toBeGreaterThan(100);
    expect(cycles).toEqual([]);
  });

  it('the generated context and EBSI schema modules match their sources', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-json-data.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
