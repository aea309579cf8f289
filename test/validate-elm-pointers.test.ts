// Every validateElm issue carries the JSON Pointer of what it is about: members in arrays and nested
// arrays, blank nodes (no id in the JSON), the field that makes a string an IRI, keys that only look
// like a term, and messages that say what is wrong.
import { describe, expect, it } from 'vitest';
import { type ElmValidationIssue, validateElm } from '../src/validate-elm.js';
import { fixedSample } from './helpers/elm-sample.js';

const at = (issues: ElmValidationIssue[]) => issues.map((i) => [i.code, i.resultPath, i.path]);
const identifier = (notation?: string) => ({ type: 'Identifier', ...(notation ? { notation } : {}) });

describe('SHACL results point at the member or the node', () => {
  it('points a value at its member, a language map included', async () => {
    const doc = fixedSample();
    doc.validFrom = 'yesterday';
    doc.credentialSubject.hasClaim.title = 5;
    const { issues } = await validateElm(doc);
    expect(at(issues)).toEqual(
      expect.arrayContaining([
        ['ELM_SHACL_VIOLATION', 'cred:validFrom', '/validFrom'],
        ['ELM_SHACL_VIOLATION', 'dc:title', '/credentialSubject/hasClaim/title'],
      ]),
    );
  });

  it('points a missing value at the node that lacks it, blank nodes in arrays and nested arrays included', async () => {
    const doc = fixedSample();
    doc.credentialSubject.hasClaim.identifier = [identifier('A'), [identifier(), identifier('C'), [identifier()]], identifier()];
    const { issues } = await validateElm(doc);
    const notation = issues.filter((i) => i.resultPath === 'skos:notation');
    expect(notation.map((i) => i.path).sort()).toEqual([
      '/credentialSubject/hasClaim/identifier/1/0',
      '/credentialSubject/hasClaim/identifier/1/2/0',
      '/credentialSubject/hasClaim/identifier/2',
    ]);
    for (const i of notation) expect(i.focusNode).toMatch(/^_:b\d+$/);
  });

  it('tells apart blank nodes in arrays under several parents', async () => {
    const doc = fixedSample();
    doc.credentialSubject.identifier = [identifier('P'), identifier()];
    doc.credentialSubject.hasClaim.identifier = [identifier(), identifier('Q')];
    doc.issuer.identifier = [identifier('R'), identifier('S'), identifier()];
    const { issues } = await validateElm(doc);
    expect(issues.filter((i) => i.resultPath === 'skos:notation').map((i) => i.path).sort()).toEqual([
      '/credentialSubject/hasClaim/identifier/0',
      '/credentialSubject/identifier/1',
      '/issuer/identifier/2',
    ]);
  });

  it('points a node written in several places at its fullest occurrence', async () => {
    const where = async (doc: Record<string, any>) => (await validateElm(doc)).issues.find((i) => i.resultPath === 'elm:eidasLegalIdentifier')!.path;
    // The issuer is written at /issuer and as each awarding body: whichever copy is fuller is named.
    const doc = fixedSample();
    delete doc.issuer.eIDASIdentifier;
    const full = doc.issuer;
    const stub = { id: full.id, type: full.type };
    const replace = (v: any, by: object): any =>
      Array.isArray(v) ? v.map((x) => replace(x, by)) : v && typeof v === 'object' ? (v.id === full.id ? by : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x, by)]))) : v;
    doc.credentialSubject = replace(doc.credentialSubject, stub);
    expect(await where(doc)).toBe('/issuer');
    doc.credentialSubject.hasClaim.awardedBy.awardingBody = full;
    doc.issuer = stub;
    expect(await where(doc)).toBe('/credentialSubject/hasClaim/awardedBy/awardingBody');
  });

  it('gives every issue a pointer', async () => {
    const doc = fixedSample();
    doc.validFrom = 'yesterday';
    delete doc.issued;
    doc.credentialSubject.hasClaim.identifier = [[identifier()]];
    doc.issuer.eIDASIdentifier.spatial = { id: 'http://example.org/not-a-country', type: 'Concept' };
    const { issues } = await validateElm(doc);
    expect(issues.length).toBeGreaterThanOrEqual(4);
    for (const i of issues) expect(i.path).toMatch(/^(\/[^/]*)*$/);
    for (const input of [null, {}, { '@context': 5 }, { credential: doc }]) for (const i of (await validateElm(input)).issues) expect(i.path).toMatch(/^(\/[^/]*)*$/);
  });

  it('says what is wrong when no alternative of sh:or holds', async () => {
    const doc = fixedSample();
    doc.credentialSubject.hasClaim.specifiedBy.identifier = { id: 'urn:epass:note:1', type: 'Note', noteLiteral: { en: 'x' } };
    const { issues } = await validateElm(doc);
    const or = issues.find((i) => i.message.startsWith('OrConstraintComponent'));
    if (or) {
      expect(or.message).toMatch(/must conform to at least one of: class elm:Identifier, class elm:LegalIdentifier; it conforms to none/);
      expect(or.path).toBe('/credentialSubject/hasClaim/specifiedBy/identifier');
    }
    for (const i of issues) expect(i.message).not.toMatch(/conforms to one of its alternatives/);
  });
});

describe('safe mode points at the field that causes it', () => {
  it('names the @id-typed member that makes a string an IRI, not the first equal string', async () => {
    const doc = fixedSample();
    doc.credentialSubject.hasClaim.title = { en: 'loc-1' };
    doc.issuer.location = 'loc-1';
    const { issues } = await validateElm(doc);
    expect(issues).toEqual([expect.objectContaining({ code: 'ELM_SAFE_MODE', term: 'loc-1', path: '/issuer/location', focusNode: 'urn:epass:org:1' })]);
    expect(issues[0]!.message).toContain('`location`');
  });

  it('points at the array item when the reference is one of several', async () => {
    const doc = fixedSample();
    doc.credentialSubject.hasClaim.title = { en: 'org-2' };
    doc.issuer.location = [doc.issuer.location, 'org-2'].flat();
    const { issues } = await validateElm(doc);
    expect(issues[0]!.path).toMatch(/^\/issuer\/location\/\d+$/);
  });
});

describe('keys that look like a term', () => {
  it.each([
    ['eIDAS\u0399dentifier', 'eIDASIdentifier', /6th character is U\+0399 GREEK CAPITAL LETTER IOTA/],
    ['eIDAS\u200bIdentifier', 'eIDASIdentifier', /6th character is U\+200B ZERO WIDTH SPACE/],
    ['EIDASIdentifier', 'eIDASIdentifier', /1st character is `E` where the term has `e`/],
    ['n\u0430tionalID', 'nationalID', /2nd character is U\+0430 CYRILLIC SMALL LETTER A, not the Latin `a`/],
    ['nationalID ', 'nationalID', /ends in U\+0020 SPACE/],
    ['nationalId', 'nationalID', /10th character is `d` where the term has `D`/],
  ])('%j is named as not the term %s', async (key, term, difference) => {
    const doc = fixedSample();
    doc.credentialSubject[key] = 'x';
    const { issues } = await validateElm(doc);
    expect(issues).toEqual([expect.objectContaining({ code: 'ELM_LOOKALIKE_TERM', term: key, path: `/credentialSubject/${key}` })]);
    expect(issues[0]!.message).toContain(`\`${key}\` is not the term \`${term}\``);
    expect(issues[0]!.message).toMatch(difference);
  });

  it('keeps ELM_SAFE_MODE for a key that resembles no term', async () => {
    const doc = fixedSample();
    doc.credentialSubject.favouriteColour = 'blue';
    expect((await validateElm(doc)).issues.map((i) => i.code)).toEqual(['ELM_SAFE_MODE']);
  });
});
