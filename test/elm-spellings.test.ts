import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { fromElm } from '../src/elm/import/from-elm.js';
import { toEdcSpelling } from '../src/elm/import/spelling.js';
import { EDC_CONTEXT, isEdcSpelling } from '../src/elm/import/spelling-terms.js';
import { exportToElm } from '../src/elm/export/to-elm.js';
import { BUNDLED_CONTEXT_URLS, CONTEXT_URLS } from '../src/jsonld/contexts.js';

// Every URL the bundled loader is asked for, to show that nothing outside the bundle is requested.
const requested = vi.hoisted(() => [] as string[]);
vi.mock('../src/jsonld/loader.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/jsonld/loader.js')>();
  return {
    ...original,
    documentLoader: (url: string) => {
      requested.push(url);
      return original.documentLoader(url);
    },
  };
});

type Node = Record<string, unknown>;
const root = new URL('../', import.meta.url);
const read = (path: string): Node => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const SPELLINGS_DIR = 'fixtures/elm/spellings/';
const spellingFiles = readdirSync(new URL(SPELLINGS_DIR, root)).filter((f) => f.endsWith('.json') && !f.endsWith('.edc.json'));

/** The credential payload of the EU's sealed sample (JWS JSON general serialization, unencoded payload). */
function signedPayload(): Node {
  const envelope = read('test/vectors/eu-elm/Sample-MC-Annex1-signed.jsonld');
  const payload = envelope.payload as string;
  try {
    return JSON.parse(payload);
  } catch {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  }
}

/** toElm of a model; a draft without the issuer's eIDAS identifier where the fixture has none. */
function exported(mc: Node): Node {
  const result = exportToElm(mc, { id: 'urn:uuid:00000000-0000-4000-8000-000000000001', incomplete: 'warn' });
  if (!result.ok) throw new Error(`cannot export: ${result.issues.map((i) => i.code).join(', ')}`);
  return result.document as unknown as Node;
}

/** Every EDC-spelled document the library knows: toElm of each valid fixture, the EU samples. */
function edcDocuments(): [string, Node][] {
  const dir = new URL('fixtures/valid/', root);
  const documents = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .map((f): [string, Node] => [`toElm(${f})`, exported(read(`fixtures/valid/${f}`))]);
  return [
    ...documents,
    ['EU sample (unsigned)', read('test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld')],
    ['EU sample (sealed payload)', signedPayload()],
  ];
}

describe('toEdcSpelling: the fast path gives what JSON-LD gives', () => {
  for (const [name, doc] of edcDocuments()) {
    it(`${name}: taken as is, and read the same as through expansion and compaction`, async () => {
      const fast = await toEdcSpelling(doc);
      expect(fast.normalised).toBe(false);
      expect(fast.doc).toBe(doc);
      expect(fast.issues).toEqual([]);
      const slow = await toEdcSpelling(doc, { force: true });
      expect(slow.normalised).toBe(true);
      expect(slow.nodes).toEqual([]);
      // What JSON-LD gives back is itself in the EDC spelling.
      expect(isEdcSpelling(slow.doc)).toBe(true);
      const a = await fromElm(fast.doc);
      const b = await fromElm(slow.doc);
      expect(b.value).toEqual(a.value);
      expect(b.ok).toBe(a.ok);
    });
  }
});

describe('toEdcSpelling: every spelling reads as the EDC one', () => {
  for (const file of spellingFiles) {
    const [source, spelling] = file.split('.') as [string, string];
    it(`${source} written as ${spelling}`, async () => {
      const edc = read(`${SPELLINGS_DIR}${source}.edc.json`);
      let doc = read(`${SPELLINGS_DIR}${file}`);
      // Expanded JSON-LD has no @context: fromElm reads such a document with the EDC contexts.
      if (doc['@context'] === undefined) doc = { '@context': [...EDC_CONTEXT], ...doc };
      const result = await toEdcSpelling(doc);
      const fast = spelling === 'keyword-ids';
      expect(result.normalised).toBe(!fast);
      if (!fast) expect(result.issues.map((i) => i.code)).toContain('ELM_SPELLING_NORMALISED');
      expect(result.issues.filter((i) => i.code !== 'ELM_SPELLING_NORMALISED')).toEqual([]);
      const expected = await fromElm(edc);
      const actual = await fromElm(doc);
      // Flattening merges every copy of a node with the same id into one (JSON-LD: they are one node),
      // so an organisation written twice with different details (issuer, awarding body) reads fuller.
      if (spelling === 'flattened') expect(actual.value).toMatchObject(expected.value);
      else expect(actual.value).toEqual(expected.value);
      expect(actual.ok).toBe(expected.ok);
    });
  }

  it('a flattened document: the credential is the root, the other nodes come beside it, blank nodes embedded', async () => {
    const flat = read(`${SPELLINGS_DIR}higher-education.flattened.json`);
    expect((flat['@graph'] as Node[]).length).toBeGreaterThan(5);
    const { doc, nodes } = await toEdcSpelling(flat);
    expect(doc.type).toEqual(['VerifiableCredential', 'EuropeanDigitalCredential']);
    expect(doc['@context']).toEqual(EDC_CONTEXT);
    expect(nodes.length).toBeGreaterThan(0);
    expect(JSON.stringify([doc, nodes])).not.toMatch(/"_:b\d+"/);
  });

  it('blank nodes used twice stay references, and resolve', async () => {
    const doc = {
      '@context': EDC_CONTEXT,
      '@graph': [
        { id: '_:org', type: 'Organisation', legalName: { en: 'Uni' } },
        { id: 'urn:c', type: ['VerifiableCredential', 'EuropeanDigitalCredential'], issuer: '_:org', credentialSubject: { id: 'urn:p', type: 'Person', hasClaim: { type: 'LearningAchievement', awardedBy: { type: 'AwardingProcess', awardingBody: '_:org' } } } },
      ],
    };
    const result = await toEdcSpelling(doc);
    expect(result.doc.issuer).toBe('_:org');
    expect(result.nodes).toEqual([{ id: '_:org', type: 'Organisation', legalName: { en: 'Uni' } }]);
  });
});

describe('toEdcSpelling: what is dropped, and documents it leaves alone', () => {
  const edc = () => read(`${SPELLINGS_DIR}higher-education.edc.json`);

  it('reports members the context does not define, with their pointers in the original', async () => {
    const doc = edc();
    const subject = doc.credentialSubject as Node;
    const claim = (Array.isArray(subject.hasClaim) ? subject.hasClaim[0] : subject.hasClaim) as Node;
    claim.nickname = 'x';
    subject['elm:hasClaim'] = subject.hasClaim;
    subject.eIDASΙdentifier = 'greek iota';
    delete subject.hasClaim;
    doc.unknownTopLevel = { nested: { deeper: 1 } };
    const result = await toEdcSpelling(doc);
    expect(result.normalised).toBe(true);
    const dropped = result.issues.filter((i) => i.code === 'ELM_TERM_DROPPED').map((i) => i.path);
    expect(dropped).toEqual(expect.arrayContaining([['credentialSubject', 'elm:hasClaim', 'nickname'], ['credentialSubject', 'eIDASΙdentifier'], ['unknownTopLevel']]));
    expect(dropped).toHaveLength(3);
    expect((await fromElm(doc)).value).toMatchObject({ title: expect.anything() });
  });

  it('reports a member dropped inside an array with its index', async () => {
    const doc = edc();
    const claim = (doc.credentialSubject as Node).hasClaim as Node;
    const q = claim.specifiedBy as Node;
    const outcomes = q.learningOutcome as Node[];
    outcomes[1]!.notATerm = true;
    q['@context'] = {};
    const result = await toEdcSpelling(doc);
    const dropped = result.issues.filter((i) => i.code === 'ELM_TERM_DROPPED');
    expect(dropped.map((i) => i.path)).toEqual([['credentialSubject', 'hasClaim', 'specifiedBy', 'learningOutcome', 1, 'notATerm']]);
  });

  it('a context that is not bundled: unchanged, quoted exactly, with its pointer', async () => {
    const doc = { ...edc(), '@context': [CONTEXT_URLS.VC_V1, 'http://data.europa.eu/snb/model/context/edc-ap '] };
    const result = await toEdcSpelling(doc);
    expect(result).toMatchObject({ doc, normalised: false, nodes: [] });
    expect(result.issues).toEqual([expect.objectContaining({ code: 'ELM_CONTEXT_NOT_BUNDLED', path: ['@context', 1], message: expect.stringContaining('"http://data.europa.eu/snb/model/context/edc-ap "') })]);
    const nested = edc();
    (nested.credentialSubject as Node)['@context'] = ['https://example.org/ctx'];
    const inner = await toEdcSpelling(nested);
    expect(inner.issues.map((i) => i.path)).toEqual([['credentialSubject', '@context', 0]]);
  });

  it("EBSI's VC 2.0 variant and plain JSON: unchanged, no issue", async () => {
    const ebsi = read('fixtures/elm/ebsi-minimal.json');
    expect(await toEdcSpelling(ebsi)).toEqual({ doc: ebsi, nodes: [], normalised: false, issues: [] });
    const { '@context': _, ...plain } = edc();
    expect(await toEdcSpelling(plain)).toEqual({ doc: plain, nodes: [], normalised: false, issues: [] });
  });

  it('invalid JSON-LD: unchanged, with what jsonld.js says', async () => {
    const doc = { ...edc(), '@context': [...EDC_CONTEXT, { '@version': 2 }] };
    const result = await toEdcSpelling(doc);
    expect(result.normalised).toBe(false);
    expect(result.doc).toBe(doc);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'ELM_SPELLING_NOT_NORMALISED', severity: 'warning', message: expect.stringContaining('@version') })]);
  });

  it('a presentation: the credential inside is read', async () => {
    const { '@context': _, ...credential } = edc();
    const vp = { '@context': EDC_CONTEXT, type: 'VerifiablePresentation', verifiableCredential: credential };
    const result = await toEdcSpelling(vp);
    expect(result.issues.map((i) => i.code)).toEqual(['ELM_SPELLING_NORMALISED', 'ELM_WRAPPED']);
    expect((await fromElm(result.doc)).value).toEqual((await fromElm(edc())).value);
  });

  it('never asked the loader for a URL outside the bundle', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => !BUNDLED_CONTEXT_URLS.includes(u))).toEqual([]);
  });
});
