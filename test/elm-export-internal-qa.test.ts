import { describe, expect, it } from 'vitest';
import { insertInternalQa, readInternalQa } from '../src/elm/internal-qa.js';
import { exportToElm, toElm, type MicroCredential, type Organisation, type QualityAssurance } from '../src/index.js';
import { validateElm } from '../src/validate-elm.js';
import { validFixtures } from './helpers/fixtures.js';

const rich = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential;
const OWN = 'urn:eu-micro-credentials:quality-assurance:internal-quality-assurance';
const agent: Organisation = { id: 'https://cert.example.eu', legalName: 'Example Certification', country: 'BE', identifiers: { eidas: 'NTRBE-0123456789', other: [{ scheme: 'ORCID', value: '0000-0002-1825-0097' }] } };
const internal: QualityAssurance = { type: 'internal-quality-assurance', title: 'Annual programme review', framework: 'ISO-21001', agent, url: 'https://www.example-ecole.fr/quality', issued: '2024-01-15T00:00:00+01:00', expires: '2029-01-14T23:59:59Z' };
const mc: MicroCredential = { ...rich, qualityAssurance: [rich.qualityAssurance[0]!, internal] };

type Note = { noteLiteral: Record<string, string>; subject: { id: string; prefLabel: { en: string } } };
const notesOf = (doc: Record<string, any>): Note[] => [doc.credentialSubject.hasClaim.specifiedBy.additionalNote].flat();

describe('toElm(): internal quality assurance as notes', () => {
  it('writes one labelled note per detail, the body in words, with subjects that name entry and detail', () => {
    const notes = notesOf(toElm(mc)).filter((n) => n.subject.id.startsWith(OWN));
    const shown = notes.map((n) => `${n.subject.prefLabel.en}: ${Object.values(n.noteLiteral).join(' / ')}`);
    expect(shown).toEqual([
      'Internal quality assurance: Annual programme review',
      'Internal quality assurance: framework: ISO-21001',
      'Internal quality assurance: web page: https://www.example-ecole.fr/quality',
      'Internal quality assurance: issued on: 2024-01-15T00:00:00+01:00',
      'Internal quality assurance: expires on: 2029-01-14T23:59:59Z',
      'Internal quality assurance: body carrying it out: Example Certification',
      "Internal quality assurance: body's identifier (URI): https://cert.example.eu",
      "Internal quality assurance: body's country (ISO 3166-1 code): BE",
      "Internal quality assurance: body's eIDAS identifier: NTRBE-0123456789",
      "Internal quality assurance: body's identifier 1: 0000-0002-1825-0097",
      "Internal quality assurance: scheme of the body's identifier 1: ORCID",
    ]);
    // The entry's position in `qualityAssurance` (2) is in every subject URI.
    expect(notes.every((n) => n.subject.id === `${OWN}:2` || n.subject.id.startsWith(`${OWN}:2:`))).toBe(true);
  });

  it('numbers the labels when there are several internal entries', () => {
    const two = { ...mc, qualityAssurance: [internal, { type: 'internal-quality-assurance' as const, title: 'Student feedback' }] };
    const labels = notesOf(toElm(two)).filter((n) => n.subject.id.startsWith(OWN)).map((n) => n.subject.prefLabel.en);
    expect(labels).toContain('Internal quality assurance 1: framework');
    expect(labels).toContain('Internal quality assurance 2');
  });

  it('reports no loss and passes the EDC shapes and EBSI\'s schema', async () => {
    const full = { ...mc, qualityAssurance: [{ ...internal, agent: { ...agent, region: 'BE100', address: '1 Rue X, Bruxelles', homepage: 'https://cert.example.eu', email: 'qa@cert.example.eu', identifiers: { ...agent.identifiers, vat: 'BE0123456789', registration: 'KBO 1' } } }] };
    const exported = exportToElm(full);
    expect(exported.issues.map((i) => i.code)).toEqual(['ELM_NQF_URI_DROPPED']); // the fixture's NQF level, not QA
    expect(exported.ok && (await validateElm(exported.document)).issues).toEqual([]);
    const ebsi = exportToElm(full, { profile: 'ebsi' });
    expect(ebsi.ok && (await validateElm(ebsi.document, { profile: 'ebsi' })).issues).toEqual([]);
  });
});

describe('readInternalQa()', () => {
  it('works on plain ELM JSON, with references resolved by the deref passed in', () => {
    const byId = new Map<string, Record<string, unknown>>([['urn:n:1', { type: 'Note', noteLiteral: { en: 'EQAVET' }, subject: { id: `${OWN}:1:framework` } }]]);
    const q = { additionalNote: [{ noteLiteral: { en: 'Peer review' }, subject: `${OWN}:1` }, 'urn:n:1', { noteLiteral: { en: 'Other' }, subject: { id: 'urn:other' } }] };
    const deref = (v: unknown) => (typeof v === 'string' ? (byId.get(v) ?? { id: v }) : (v as Record<string, unknown>));
    const lang = (v: unknown) => (v as Record<string, string>).en;
    expect(readInternalQa(q, deref, lang)).toEqual([{ position: 1, value: { type: 'internal-quality-assurance', title: 'Peer review', framework: 'EQAVET' } }]);
    expect(readInternalQa({}, deref, lang)).toEqual([]);
    expect(readInternalQa(null, deref, lang)).toEqual([]);
  });

  it('insertInternalQa puts entries back at their positions', () => {
    const qa: Record<string, unknown>[] = [{ n: 'B' }, { n: 'D' }];
    insertInternalQa(qa, [
      { position: 1, value: { type: 'internal-quality-assurance', title: 'A' } },
      { position: 3, value: { type: 'internal-quality-assurance', title: 'C' } },
      { position: 9, value: { type: 'internal-quality-assurance', title: 'E' } },
      { position: undefined, value: { type: 'internal-quality-assurance', title: 'F' } },
    ]);
    expect(qa.map((q) => q.n ?? q.title)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });
});

describe('toElm() without the issuer\'s eIDAS identifier', () => {
  const minimal = validFixtures.find((f) => f.name === 'minimal-mandatory-only')!.doc as MicroCredential;

  it('throws a message that says what the identifier is, where it comes from, an example, and how to export without it', () => {
    let message = '';
    try {
      toElm(minimal);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Cannot export to ELM\. issuer\.identifiers\.eidas: /);
    expect(message).toContain('issuer.identifiers.eidas');
    expect(message).toMatch(/legal-person identifier under the eIDAS Regulation/); // what it is
    expect(message).toMatch(/organizationIdentifier.*electronic-seal certificate/); // where it comes from
    expect(message).toContain('national register');
    expect(message).toContain('"VATES-A00000000"'); // what it looks like (the EU's sealed sample)
    expect(message).toContain('incomplete: "warn"'); // how to export without it
    expect(message).toContain('--incomplete warn');
    expect(message).toContain('[ELM_ISSUER_EIDAS_MISSING]');
  });

  it('exports with incomplete: "warn", with the same explanation as a warning, and the shapes then name the one gap', async () => {
    const draft = exportToElm(minimal, { incomplete: 'warn' });
    expect(draft.ok).toBe(true);
    expect(draft.issues).toEqual([expect.objectContaining({ code: 'ELM_ISSUER_EIDAS_MISSING', severity: 'warning', message: expect.stringContaining('VATES-A00000000') })]);
    const report = await validateElm(draft.ok ? draft.document : {});
    expect(report.issues.map((i) => i.message).join('\n')).toMatch(/legal identifier|eidas/i);
    expect(report.issues).toHaveLength(1);
  });

  it('the example given is the form of the EU sample\'s sealed issuer', async () => {
    const { readFileSync } = await import('node:fs');
    const signed = JSON.parse(readFileSync(new URL('./vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url), 'utf8')) as { payload: string };
    // JAdES with `b64: false`: the payload is the credential's JSON as it is.
    const payload = JSON.parse(signed.payload) as { issuer: { eIDASIdentifier: { notation: string } } };
    expect(payload.issuer.eIDASIdentifier.notation).toBe('VATES-A00000000');
  });
});
