import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromElm } from '../src/elm/import/from-elm.js';
import { toElm } from '../src/elm/export/to-elm.js';
import type { MicroCredential } from '../src/model/types.js';

type Node = Record<string, any>;

const mc = JSON.parse(readFileSync(new URL('../fixtures/valid/higher-education.json', import.meta.url), 'utf8')) as MicroCredential;
const signed = JSON.parse(readFileSync(new URL('./vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url), 'utf8')) as Node;
const exported = (): Node => toElm(mc) as Node;
const spec = (doc: Node): Node => doc.credentialSubject.hasClaim.specifiedBy;
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const at = (issues: { code: string; path: string }[], code: string) => issues.filter((i) => i.code === code).map((i) => i.path);

describe('fromElm: nothing dropped in silence', () => {
  it('reads the first of two ECTS credit points and says the second was not read', async () => {
    const doc = exported();
    const ects = spec(doc).creditPoint;
    spec(doc).creditPoint = [{ ...ects, point: '5' }, { ...ects, point: '3' }];
    const r = await fromElm(doc);
    expect(r.value.workload).toMatchObject({ ects: 5 });
    expect(at(r.issues, 'ELM_MULTIPLE_VALUES')).toEqual(['/credentialSubject/hasClaim/specifiedBy/creditPoint/1']);
    expect(r.issues.find((i) => i.code === 'ELM_MULTIPLE_VALUES')!.message).toMatch(/3 is not/);
  });

  it('reports a second mode, and reads the first', async () => {
    const doc = exported();
    const blended = spec(doc).mode;
    spec(doc).mode = [blended, { ...blended, id: 'http://data.europa.eu/snb/learning-assessment/920fbb3cbe', prefLabel: { en: 'Online' } }];
    const r = await fromElm(doc);
    expect((r.value.participation as Node).mode).toBe('blended');
    expect(at(r.issues, 'ELM_MULTIPLE_VALUES')).toContain('/credentialSubject/hasClaim/specifiedBy/mode');
  });

  it('reports the second issuer location that EDC adds when sealing, naming its country', async () => {
    const r = await fromElm(signed);
    const found = r.issues.find((i) => i.code === 'ELM_MULTIPLE_VALUES' && i.path === '/payload/issuer/location');
    expect(found?.message).toMatch(/first \(country IE\).*\(ES\)/);
    expect((r.value.issuer as Node).country).toBe('IE');
  });

  it('says which copy of a node with one id and two sets of details it read', async () => {
    const doc = exported();
    const body = doc.credentialSubject.hasClaim.provenBy.awardedBy.awardingBody;
    body.legalName = { en: 'Another University' };
    const r = await fromElm(doc);
    expect(codes(r.issues)).toContain('ELM_ORGANISATION_CONFLICT');
    expect(r.issues.find((i) => i.code === 'ELM_ORGANISATION_CONFLICT')!.message).toContain('/credentialSubject/hasClaim/provenBy/awardedBy/awardingBody');
  });

  it('does not call a fuller copy of a node a conflict', async () => {
    const r = await fromElm(exported());
    expect(codes(r.issues)).not.toContain('ELM_ORGANISATION_CONFLICT');
    expect(codes(r.issues)).not.toContain('ELM_NODE_CONFLICT');
  });
});

describe('fromElm: nothing guessed in silence', () => {
  it('matches an EQF level without id by its notation, and says so', async () => {
    const doc = exported();
    spec(doc).eqfLevel = { type: 'Concept', notation: '6' };
    const r = await fromElm(doc);
    expect(r.ok).toBe(true);
    expect((r.value.level as Node).eqf).toBe(6);
    expect(at(r.issues, 'ELM_VALUE_INFERRED')).toEqual(['/credentialSubject/hasClaim/specifiedBy/eqfLevel']);
  });

  it('matches the ECTS framework without id by its label, in any case', async () => {
    for (const prefLabel of [{ en: 'ECTS' }, { en: 'european credit transfer system' }, { fr: 'ECTS' }]) {
      const doc = exported();
      spec(doc).creditPoint = { type: 'CreditPoint', framework: { type: 'Concept', prefLabel }, point: '4' };
      const r = await fromElm(doc);
      expect((r.value.workload as Node).ects).toBe(4);
      expect(at(r.issues, 'ELM_VALUE_INFERRED')).toEqual(['/credentialSubject/hasClaim/specifiedBy/creditPoint/0/framework']);
    }
  });

  it('drops, with a warning, a concept without id that names no single concept, or names another scheme', async () => {
    for (const eqfLevel of [{ type: 'Concept', notation: '9' }, { type: 'Concept', prefLabel: { en: 'Level' } }, { type: 'Concept', notation: '6', inScheme: { id: 'http://example.org/levels' } }]) {
      const doc = exported();
      spec(doc).eqfLevel = eqfLevel;
      const r = await fromElm(doc);
      expect((r.value.level as Node | undefined)?.eqf).toBeUndefined();
      expect(at(r.issues, 'ELM_VALUE_DROPPED')).toEqual(['/credentialSubject/hasClaim/specifiedBy/eqfLevel']);
    }
  });

  it("takes a missing issuer country from its eIDAS identifier's spatial, or its registration's, and says so", async () => {
    for (const key of ['eIDASIdentifier', 'registration'] as const) {
      const doc = JSON.parse(JSON.stringify(exported())) as Node;
      const issuer = doc.issuer;
      const eidas = issuer.eIDASIdentifier;
      // The issuer's address is written at every place the issuer is: no copy may state the country.
      const addressId = issuer.location.address.id;
      const strip = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(strip);
        else if (v && typeof v === 'object') {
          if ((v as Node).id === addressId) delete (v as Node).countryCode;
          Object.values(v).forEach(strip);
        }
      };
      strip(doc);
      if (key === 'registration') {
        issuer.registration = { ...eidas, id: 'urn:x:registration', spatial: { id: 'http://publications.europa.eu/resource/authority/country/BEL' } };
        delete eidas.spatial;
      }
      const r = await fromElm(doc);
      expect((r.value.issuer as Node).country).toBe(key === 'registration' ? 'BE' : 'IE');
      expect(at(r.issues, 'ELM_VALUE_INFERRED')).toContain(`/issuer/${key}/spatial`);
    }
  });

  it('warns when it assumes onsite for a supervised-with-ID concept whose assessment states no mode', async () => {
    const doc = exported();
    const assessment = doc.credentialSubject.hasClaim.provenBy;
    // Only the EDC concept, none of the library's own exact notes.
    assessment.additionalNote = undefined;
    doc.credentialSubject.hasClaim.additionalNote = undefined;
    assessment.idVerification = { id: 'http://data.europa.eu/snb/supervision-verification/70be69aaf9', type: 'Concept' };
    const r = await fromElm(JSON.parse(JSON.stringify(doc)));
    expect(r.value.supervision).toBe('supervised-onsite-id-verification');
    const inferred = r.issues.find((i) => i.code === 'ELM_VALUE_INFERRED' && i.element === 'O2');
    expect(inferred?.message).toMatch(/assumed/);
  });

  it('takes the date of issue from validFrom only when nothing states it, and says so', async () => {
    const doc = exported();
    delete doc.issued;
    delete doc.issuanceDate;
    delete doc.credentialSubject.hasClaim.awardedBy.awardingDate;
    doc.validFrom = '2024-07-01T00:00:00Z';
    const r = await fromElm(doc);
    expect(r.value.dateOfIssue).toBe('2024-07-01T00:00:00Z');
    expect(at(r.issues, 'ELM_VALUE_INFERRED')).toEqual(['/validFrom']);
    expect(r.issues.find((i) => i.code === 'ELM_VALUE_INFERRED')!.message).toMatch(/no date of issue.*validFrom/);
    // A stated date wins, without a word.
    const stated = await fromElm(exported());
    expect(codes(stated.issues)).not.toContain('ELM_VALUE_INFERRED');
  });
});

describe('fromElm: values the ELM shapes allow map to valid model values', () => {
  it('reads an identifier without schemeName, with the scheme it says it picked', async () => {
    const doc = exported();
    doc.credentialSubject.identifier = [
      { type: 'Identifier', notation: 'S-123', schemeId: 'urn:example:students' },
      { type: 'Identifier', notation: 'S-456' },
    ];
    const r = await fromElm(doc);
    expect(r.ok).toBe(true);
    expect((r.value.learner as Node).identifiers).toEqual([
      { scheme: 'urn:example:students', value: 'S-123' },
      { scheme: 'unspecified', value: 'S-456' },
    ]);
    expect(at(r.issues, 'ELM_VALUE_MAPPED')).toEqual(['/credentialSubject/identifier/0', '/credentialSubject/identifier/1']);
  });

  it('reads a partial qualification without isPartOf as a valid model, with a warning', async () => {
    const doc = exported();
    delete spec(doc).isPartOf;
    spec(doc).isPartialQualification = true;
    const r = await fromElm(doc);
    expect(r.ok).toBe(true);
    expect(r.value.stackability).toBeUndefined();
    expect(at(r.issues, 'ELM_VALUE_MAPPED')).toEqual(['/credentialSubject/hasClaim/specifiedBy/isPartialQualification']);
  });

  it('reads a national id without country as an identifier', async () => {
    const doc = exported();
    doc.credentialSubject.nationalID = { type: 'LegalIdentifier', notation: '1234567AB' };
    const r = await fromElm(doc);
    expect(r.ok).toBe(true);
    expect((r.value.learner as Node).identifiers).toContainEqual({ scheme: 'national-id', value: '1234567AB' });
  });

  it('leaves a document exported by the library without any of these warnings', async () => {
    const r = await fromElm(exported());
    expect(r.ok).toBe(true);
    expect(codes(r.issues).filter((c) => /INFERRED|MAPPED|DROPPED|MULTIPLE/.test(c))).toEqual([]);
  });
});
