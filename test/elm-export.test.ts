import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportToElm, toElm, ElmExportError, type MicroCredential } from '../src/index.js';
import { validateElm } from '../src/validate-elm.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { everyFieldMicroCredential } from './helpers/every-field.js';
import { validFixtures } from './helpers/fixtures.js';

const withEidas = (mc: MicroCredential): MicroCredential => ({
  ...mc,
  issuer: { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: mc.issuer.identifiers?.eidas ?? 'EIDAS-TEST-1' } },
});
const fixtures = validFixtures.map((f) => [f.name, withEidas(f.doc as MicroCredential)] as const);

describe('toElm(): the EDC profile', () => {
  it.each(fixtures)('%s passes JSON-LD safe mode and the EDC shapes with zero violations', async (_, mc) => {
    const report = await validateElm(toElm(mc));
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('passes for generated micro-credentials', async () => {
    await fc.assert(
      fc.asyncProperty(validMicroCredential, async (doc) => {
        const exported = exportToElm(withEidas(doc));
        // Generated organisations may share an id with other details: reported, not exported.
        if (!exported.ok) {
          expect(exported.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(expect.arrayContaining(['ELM_ORGANISATION_CONFLICT']));
          expect(exported.issues.every((i) => i.severity !== 'error' || i.code === 'ELM_ORGANISATION_CONFLICT')).toBe(true);
          return;
        }
        const report = await validateElm(exported.document);
        expect(report.issues).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('passes for generated micro-credentials that use every field of the model', async () => {
    await fc.assert(
      fc.asyncProperty(everyFieldMicroCredential, async (doc) => {
        const exported = exportToElm(withEidas(doc));
        expect(exported.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(exported.issues.map((i) => i.code)).not.toContain('ELM_INTERNAL_QA_DETAILS_DROPPED');
        const report = exported.ok ? await validateElm(exported.document) : undefined;
        expect(report?.issues).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('reports the missing eIDAS identifier instead of inventing one', () => {
    const mc = validFixtures.find((f) => f.name === 'minimal-mandatory-only')!.doc as MicroCredential;
    const result = exportToElm(mc);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'ELM_ISSUER_EIDAS_MISSING', severity: 'error', path: '/issuer/identifiers/eidas', element: 'M3' })]);
    expect(() => toElm(mc)).toThrow(ElmExportError);
    const lenient = exportToElm(mc, { incomplete: 'warn' });
    expect(lenient.ok).toBe(true);
  });

  it('refuses two organisations that share an id but not their details', () => {
    const [, mc] = fixtures.find(([n]) => n === 'higher-education')!;
    const conflicting = { ...mc, awardingBodies: [{ ...mc.awardingBodies[0]!, legalName: 'Another Name University' }] };
    const result = exportToElm(conflicting);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'ELM_ORGANISATION_CONFLICT', path: '/awardingBodies/0/legalName', element: 'M4' })]);
    // A detail only one of them gives is not a conflict (the issuer has identifiers, the body not).
    expect(exportToElm(mc).ok).toBe(true);
    const partly = { ...mc, awardingBodies: [{ ...mc.awardingBodies[0]!, identifiers: { vat: mc.issuer.identifiers!.vat! } }] };
    expect(exportToElm(partly).ok).toBe(true);
    const otherVat = { ...mc, awardingBodies: [{ ...mc.awardingBodies[0]!, identifiers: { vat: 'IE0000000X' } }] };
    expect(exportToElm(otherVat).issues.map((i) => i.code)).toEqual(['ELM_ORGANISATION_CONFLICT']);
  });

  it('refuses an invalid model with its validation issues', () => {
    const result = exportToElm({ title: 'only a title' });
    expect(result.ok).toBe(false);
    expect(result.issues.some((i) => i.code === 'MC_LEARNER_MISSING' && i.in === 'model')).toBe(true);
  });

  it('never mutates its input and is deterministic given an id', () => {
    const [, mc] = fixtures.find(([n]) => n === 'every-optional-element')!;
    const before = JSON.stringify(mc);
    const a = toElm(Object.freeze(structuredClone(mc)), { id: 'urn:uuid:11111111-1111-4111-8111-111111111111' });
    const b = toElm(mc, { id: 'urn:uuid:11111111-1111-4111-8111-111111111111' });
    expect(JSON.stringify(mc)).toBe(before);
    expect(a).toEqual(b);
  });

  it('embeds an SVG picture by default, and a caller\'s image when given', () => {
    const [, mc] = fixtures[0]!;
    // The EDC profile is in canonical JSON-LD form: one display, one detail, written as themselves.
    const image = (doc: Record<string, any>) => doc.displayParameter.individualDisplay.displayDetail.image;
    const svg = image(toElm(mc));
    expect(svg.contentType.id).toBe('http://publications.europa.eu/resource/authority/file-type/SVG');
    expect(Buffer.from(svg.content, 'base64').toString('utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const png = image(toElm(mc, { display: { content: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' } }));
    expect(png).toMatchObject({ content: 'iVBORw==', contentType: { id: 'http://publications.europa.eu/resource/authority/file-type/PNG' } });
  });

  it('warns about language tags with a region instead of dropping them', () => {
    const [, mc] = fixtures.find(([n]) => n === 'multilingual')!;
    const result = exportToElm(mc);
    expect(result.ok).toBe(true);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'ELM_LANGUAGE_TAG_NOT_TWO_LETTER', severity: 'warning' }));
    expect(JSON.stringify(result.ok && result.document)).toContain('"pt-BR"');
  });
});

describe('toElm(): the EBSI profile', () => {
  it.each(fixtures)('%s passes EBSI\'s JSON Schema', async (_, mc) => {
    const doc = toElm(mc, { profile: 'ebsi' });
    expect(doc['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
    expect(doc.type).toEqual(['VerifiableCredential', 'VerifiableAttestation', 'EuropeanDigitalCredential']);
    const report = await validateElm(doc, { profile: 'ebsi' });
    expect(report.issues).toEqual([]);
  });

  it('passes for generated micro-credentials', async () => {
    await fc.assert(
      fc.asyncProperty(validMicroCredential, async (doc) => {
        const exported = exportToElm(withEidas(doc), { profile: 'ebsi' });
        if (!exported.ok) return; // organisation conflicts: see the EDC profile's test
        const report = await validateElm(exported.document, { profile: 'ebsi' });
        expect(report.issues).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('is rejected by EBSI\'s schema in the EDC profile, as EDC\'s own samples are', async () => {
    const report = await validateElm(fixtures[0]![1] ? toElm(fixtures[0]![1]) : {}, { profile: 'ebsi' });
    expect(report.ok).toBe(false);
  });
});

describe('ELM issue codes', () => {
  it('are all documented in docs/elm.md', async () => {
    const { readFileSync } = await import('node:fs');
    const { ELM_ISSUE_CODES } = await import('../src/index.js');
    const { ELM_VALIDATION_CODES } = await import('../src/validate-elm.js');
    const text = readFileSync(new URL('../docs/elm.md', import.meta.url), 'utf8');
    for (const code of [...Object.keys(ELM_ISSUE_CODES), ...Object.keys(ELM_VALIDATION_CODES)]) expect(text, code).toContain(`\`${code}\``);
  });
});

describe('validateElm and __proto__ members', () => {
  it('reports them: jsonld.js would drop them silently', async () => {
    const mc = withEidas(validFixtures.find((f) => f.name === 'minimal-mandatory-only')!.doc as MicroCredential);
    const text = JSON.stringify(toElm(mc)).replace('"type":["VerifiableCredential"', '"__proto__":{"x":1},"type":["VerifiableCredential"');
    const report = await validateElm(JSON.parse(text));
    expect(report.ok).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'ELM_SAFE_MODE', term: '__proto__', path: '/__proto__' }));
  });
});

describe('toElm(): id conflicts', () => {
  it('names both places in the readable form, and points at the member that differs', () => {
    const mc = structuredClone(fixtures[0]![1]) as unknown as { issuer: { id?: string; legalName: Record<string, string> }; awardingBodies: { id?: string; legalName: Record<string, string> }[] };
    mc.issuer.id = 'urn:uuid:4a1f7a3e-5c39-4d1b-9a8e-0d3c2a1b9e77';
    mc.awardingBodies[0]!.id = mc.issuer.id;
    mc.awardingBodies[0]!.legalName = { en: 'Another name' };
    const conflict = exportToElm(mc as never).issues.find((i) => i.code === 'ELM_ORGANISATION_CONFLICT');
    expect(conflict?.path).toBe('/awardingBodies/0/legalName');
    expect(conflict?.message).toMatch(/^`awardingBodies\[0\]` has the id of `issuer` but another `legalName`/);
  });
});
