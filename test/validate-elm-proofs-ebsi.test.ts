// validateElm on signed credentials (a W3C proof is not judged as EDC's elm:Proof) and on the EBSI
// profile (one wrong field gives a few issues, the cause first).
import { beforeAll, describe, expect, it } from 'vitest';
import { toElm } from '../src/index.js';
import { generateIssuerKey, type IssuerKey, signCredential } from '../src/vc.js';
import { validateElm } from '../src/validate-elm.js';
import { validFixtures } from './helpers/fixtures.js';
import { readJson } from './helpers/elm-sample.js';

describe('signed credentials are judged on their content', () => {
  let key: IssuerKey;
  const unsigned = () => {
    const mc = structuredClone(validFixtures.find((f) => f.name === 'higher-education')!.doc) as any;
    return toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller, identifiers: { eidas: 'FR-TEST-1' } } });
  };
  beforeAll(async () => {
    key = await generateIssuerKey({ seed: new Uint8Array(32).fill(7) });
  });

  it.each(['Ed25519Signature2020', 'eddsa-rdfc-2022'] as const)('a credential signed with %s passes, with a note that the proof is checked elsewhere', async (suite) => {
    const signed = await signCredential(unsigned(), { key, suite, created: '2025-06-30T12:00:00Z' });
    const { ok, issues } = await validateElm(signed);
    expect(ok).toBe(true);
    expect(issues).toEqual([expect.objectContaining({ code: 'ELM_W3C_PROOF', severity: 'info', path: '/proof', resultPath: 'sec:proof' })]);
    expect(issues[0]!.message).toMatch(/verifyCredential/);
  });

  it("still reports the content's own violations on a signed credential", async () => {
    const signed = structuredClone(await signCredential(unsigned(), { key })) as any;
    signed.validFrom = 'yesterday';
    const { ok, issues } = await validateElm(signed);
    expect(ok).toBe(false);
    expect(issues.map((i) => [i.code, i.path])).toEqual(expect.arrayContaining([['ELM_SHACL_VIOLATION', '/validFrom'], ['ELM_W3C_PROOF', '/proof']]));
  });

  it('checks a proof typed elm:Proof against the shapes, as EDC does', async () => {
    const doc = unsigned() as any;
    doc.proof = { type: 'Proof' };
    const { issues } = await validateElm(doc);
    expect(issues.some((i) => i.code === 'ELM_W3C_PROOF')).toBe(false);
    expect(issues.some((i) => i.code === 'ELM_SHACL_VIOLATION' && i.resultPath?.endsWith('proof'))).toBe(true);
  });
});

describe("profile 'ebsi': a few issues, the cause first", () => {
  const ebsi = () => readJson('fixtures/elm/ebsi-minimal.json');
  const check = (doc: unknown) => validateElm(doc, { profile: 'ebsi' });

  it('reports one wrong field once, not a branch explosion', async () => {
    const doc = ebsi();
    doc.credentialSubject.hasClaim.title = 5;
    const { issues } = await check(doc);
    expect(issues.length).toBeLessThanOrEqual(3);
    expect(issues[0]).toMatchObject({ code: 'EBSI_SCHEMA', path: '/credentialSubject/hasClaim/title' });
  });

  it.each([
    ['a page number as text', (d: any) => (d.displayParameter.individualDisplay.displayDetail.page = 'one'), '/displayParameter/individualDisplay/displayDetail/page'],
    ['a legal name as text', (d: any) => (d.credentialSubject.hasClaim.awardedBy.awardingBody.legalName = 'Zed'), '/credentialSubject/hasClaim/awardedBy/awardingBody/legalName'],
    ['an unknown member', (d: any) => (d.credentialSubject.hasClaim.favouriteColour = 'blue'), '/credentialSubject/hasClaim'],
  ])('%s: a few issues, the deepest cause first', async (_, change, pointer) => {
    const doc = ebsi();
    change(doc);
    const { ok, issues } = await check(doc);
    expect(ok).toBe(false);
    expect(issues.length).toBeLessThanOrEqual(3);
    expect(issues[0]!.path).toBe(pointer);
  });

  it('several wrong fields give an issue or so each', async () => {
    const doc = ebsi();
    doc.credentialSubject.hasClaim.title = 5;
    doc.displayParameter.individualDisplay.displayDetail.page = 'one';
    doc.credentialSubject.hasClaim.favouriteColour = 'blue';
    const { issues } = await check(doc);
    expect(issues.length).toBeLessThanOrEqual(6);
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['/credentialSubject/hasClaim/title', '/displayParameter/individualDisplay/displayDetail/page', '/credentialSubject/hasClaim']),
    );
  });

  it('names a key that looks like a property', async () => {
    const doc = ebsi();
    doc.credentialSubject.hasClaim['t\u0456tle'] = doc.credentialSubject.hasClaim.title;
    delete doc.credentialSubject.hasClaim.title;
    const { issues } = await check(doc);
    const lookalike = issues.find((i) => i.code === 'ELM_LOOKALIKE_TERM')!;
    expect(lookalike.message).toMatch(/`t\u0456tle` is not the term `title`: its 2nd character is U\+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I/);
    expect(lookalike.path).toBe('/credentialSubject/hasClaim');
  });
});
