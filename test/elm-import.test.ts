import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromElm, toElm } from '../src/index.js';
import type { MicroCredential } from '../src/index.js';
import { validFixtures } from './helpers/fixtures.js';

const vectors = join(import.meta.dirname, 'vectors', 'eu-elm');
const unsigned = () => JSON.parse(readFileSync(join(vectors, 'Sample-MC-Annex1-unsigned.jsonld'), 'utf8')) as Record<string, unknown>;
const signed = () => JSON.parse(readFileSync(join(vectors, 'Sample-MC-Annex1-signed.jsonld'), 'utf8')) as Record<string, unknown>;

const sampleResult = await fromElm(unsigned());

describe('fromElm() on the EU micro-credential sample', () => {
  const result = sampleResult;
  const value = result.value as MicroCredential;

  it('reads the Annex I elements', () => {
    expect(value.learner.fullName).toBe('Ana Andromeda');
    expect(value.learner.dateOfBirth).toBe('1999-10-02'); // 1999-10-01T22:00:00Z is local midnight
    expect(value.title).toBe('Digital micro-credential creation');
    expect(value.workload).toEqual({ ects: 2, hours: 60 });
    expect(value.level?.eqf).toBe(6);
    expect(value.participation.mode).toBe('blended');
    expect(value.participation.setting).toBe('non-formal');
    expect(value.issuer.country).toBe('IE');
    expect(value.awardingBodies.map((b) => b.legalName)).toEqual(['University of Zed']);
    expect(value.learningOutcomes).toHaveLength(2);
    expect(value.supervision).toBe('unsupervised-no-id-verification');
    expect(value.grade).toEqual({ value: 'Pass', scheme: 'Standard grading' });
    expect(value.stackability).toEqual({ kind: 'standalone' });
  });

  it('reports the missing quality assurance and the local assessment concept', () => {
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'MC_QUALITY_ASSURANCE_MISSING', element: 'M11', severity: 'error', in: 'model' }));
    const local = result.issues.find((i) => i.code === 'ELM_LOCAL_CONCEPT');
    expect(local).toMatchObject({ element: 'M9', severity: 'warning', in: 'elm' });
    expect(local!.message).toContain('http://data.europa.eu/snb/assessment/de4d165a6c');
    expect(value.assessment.type).toEqual({ uri: 'urn:epass:concept:d1ebf223-3c68-449a-9023-90bc245a0079', label: 'artefact assessment' });
  });

  it('reads the sealed envelope (JWS JSON serialization) the same way', async () => {
    const sealed = await fromElm(signed());
    const v = sealed.value as MicroCredential;
    expect(v.learner.fullName).toBe('Ana Andromeda');
    expect(v.workload).toEqual({ ects: 2, hours: 60 });
    expect(typeof v.dateOfIssue).toBe('string');
    expect(sealed.issues.some((i) => i.code === 'MC_QUALITY_ASSURANCE_MISSING')).toBe(true);
  });

  it('re-exports, with quality assurance and the two seal fields supplied, to a valid model', async () => {
    const mc: MicroCredential = {
      ...value,
      dateOfIssue: '2023-06-30T10:00:00Z',
      issuer: { ...value.issuer, identifiers: { ...value.issuer.identifiers, eidas: 'IE-TEST-0001' } },
      qualityAssurance: [{ type: 'institutional-quality-assurance', title: 'Institutional review' }],
    };
    const again = await fromElm(toElm(mc));
    expect(again.ok).toBe(true);
  });
});

const everyOptional = toElm({ ...(validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential) });
const everyOptionalRead = (await fromElm(everyOptional)).value;

describe('fromElm() on the shapes real documents take', () => {
  const doc = everyOptional;
  const expected = everyOptionalRead;

  /** Turns every one-element array into its element, as other writers do for 0..* properties. */
  const singles = (v: unknown): unknown => (Array.isArray(v) ? (v.length === 1 ? singles(v[0]) : v.map(singles)) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, singles(x)])) : v);
  /** Language-map values as arrays. */
  const isLanguageMap = (v: object) => Object.keys(v).length > 0 && Object.entries(v).every(([k, x]) => /^[a-z]{2}(-[A-Za-z]+)?$/.test(k) && k !== 'id' && typeof x === 'string');
  const arrays = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(arrays)
      : v && typeof v === 'object'
        ? isLanguageMap(v)
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, [x]]))
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, arrays(x)]))
        : v;

  it('accepts single values where arrays were written', async () => {
    expect((await fromElm(singles(doc))).value).toEqual(expected);
  });

  it('accepts language maps with array values', async () => {
    expect((await fromElm(arrays(doc))).value).toEqual(expected);
  });

  it('resolves organisations referenced by id instead of repeated in full', async () => {
    const copy = structuredClone(doc) as Record<string, any>;
    const claim = [copy.credentialSubject.hasClaim].flat()[0];
    claim.awardedBy.awardingBody = [claim.awardedBy.awardingBody].flat().map((o: { id: string }) => o.id);
    // Nodes with one id are one node: a reference reads the fullest occurrence (here the issuer's).
    const core = (v: unknown) => {
      const mc = v as MicroCredential;
      return { ...mc, awardingBodies: mc.awardingBodies.map((b) => ({ id: b.id, legalName: b.legalName, country: b.country })) };
    };
    expect(core((await fromElm(copy)).value)).toEqual(core(expected));
  });

  it('reads the base64url payload of a compact-payload envelope', async () => {
    const payload = Buffer.from(JSON.stringify(doc)).toString('base64url');
    expect((await fromElm({ payload, signatures: [{ protected: 'e30', signature: 'AA' }] })).value).toEqual(expected);
  });

  it('reads the EBSI variant', async () => {
    const ebsi = toElm(validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential, { profile: 'ebsi' });
    const back = await fromElm(ebsi);
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((back.value as MicroCredential).title).toEqual((expected as MicroCredential).title);
  });

  it('never throws, on any value or mutation of a real document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.jsonValue()), async (input) => {
        const r = await fromElm(input);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    const keys = JSON.stringify(doc).match(/"[A-Za-z]+":/g)!.map((k) => k.slice(1, -2));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }), async (key, replacement) => {
        const text = JSON.stringify(doc);
        const mutated = JSON.parse(text, (k, v) => (k === key ? replacement : v));
        const r = await fromElm(mutated);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('reports hostile input instead of throwing', async () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { credentialSubject: deep };
    expect((await fromElm(deep)).issues[0]!.code).toBe('ELM_INPUT_UNREADABLE');
    expect((await fromElm(JSON.parse('{"__proto__": {"x": 1}, "credentialSubject": {"__proto__": 1}}'))).ok).toBe(false);
    expect((await fromElm({ payload: 'not json', signatures: [] })).issues[0]!.code).toBe('ELM_ENVELOPE_INVALID');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
