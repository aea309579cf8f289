/**
 * The EU's own ELM and EBSI documents (test/vectors/eu-elm/, test/vectors/eu-elm-ebsi/, copied
 * unchanged; sources in each folder's README.md) read by fromElm and checked by validateElm.
 *
 * Every file of the two folders is covered by the generic checks (fromElm never rejects, every
 * validateElm pointer resolves, the validator never fails, other JSON-LD spellings read the same), so a
 * new vector is checked as soon as it is copied there. What a file says (the learner, the title, the
 * issuer…) is written below as it stands in the file, with where it stands; only what was checked by
 * reading the document is recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { fromElm } from '../src/elm/import/from-elm.js';
import { EDC_CONTEXT } from '../src/elm/import/spelling-terms.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { validateElm } from '../src/validate-elm.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const VECTORS = new URL('./vectors/', import.meta.url);
const ELM_DIR = 'eu-elm/';
const EBSI_DIR = 'eu-elm-ebsi/';
const list = (dir: string): string[] =>
  readdirSync(new URL(dir, VECTORS))
    .filter((f) => /\.(json|jsonld)$/.test(f))
    .sort()
    .map((f) => `${dir}${f}`);
const ELM_FILES = list(ELM_DIR);
const EBSI_FILES = list(EBSI_DIR);
const read = (file: string): Node => JSON.parse(readFileSync(new URL(file, VECTORS), 'utf8')) as Node;

/** RFC 6901: the value a JSON pointer names, or `undefined` when it names nothing. A string met on the way that holds JSON text (a sealed envelope's `payload`) is parsed and the rest resolved inside it. */
function resolvePointer(doc: Json, pointer: string): { found: boolean; value?: Json } {
  if (pointer === '') return { found: true, value: doc };
  if (!pointer.startsWith('/')) return { found: false };
  let here: Json = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof here === 'string') {
      try {
        here = JSON.parse(here) as Json;
      } catch {
        return { found: false };
      }
    }
    if (Array.isArray(here)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= here.length) return { found: false };
      here = here[Number(token)]!;
    } else if (here !== null && typeof here === 'object') {
      if (!Object.prototype.hasOwnProperty.call(here, token)) return { found: false };
      here = here[token]!;
    } else return { found: false };
  }
  return { found: true, value: here };
}

describe('the RFC 6901 resolver of this test', () => {
  it('resolves members, indexes, escapes and JSON text, and refuses what is not there', () => {
    const doc: Json = { a: [{ 'b/c': 1, 'd~e': 2 }], p: '{"x":{"y":[5]}}' };
    expect(resolvePointer(doc, '')).toEqual({ found: true, value: doc });
    expect(resolvePointer(doc, '/a/0/b~1c')).toEqual({ found: true, value: 1 });
    expect(resolvePointer(doc, '/a/0/d~0e')).toEqual({ found: true, value: 2 });
    expect(resolvePointer(doc, '/p/x/y/0')).toEqual({ found: true, value: 5 });
    for (const bad of ['/a/1', '/a/01', '/a/-', '/z', 'a', '/p/x/z', '/a/0/b~1c/q']) expect(resolvePointer(doc, bad).found, bad).toBe(false);
  });
});

/** The credential a vector carries: itself, the `credential` of EDC's upload format, or a sealed envelope's payload. */
function credentialIn(doc: Node): Node {
  if (typeof doc.payload === 'string') return JSON.parse(doc.payload) as Node;
  if (doc.credential !== null && typeof doc.credential === 'object' && !Array.isArray(doc.credential)) return doc.credential as Node;
  return doc;
}

const isEdcJsonLd = (doc: Node): boolean => {
  const context = credentialIn(doc)['@context'];
  return Array.isArray(context) && context[0] === EDC_CONTEXT[0] && context[1] === EDC_CONTEXT[1];
};

// ---------------------------------------------------------------------------------------------------
// What each vector says, read from the file. Paths are JSON pointers into the file (into the parsed
// payload for the sealed one).

interface Expected {
  learner: Record<string, unknown>;
  title: unknown;
  issuer: Record<string, unknown>;
  awardingBodies: Record<string, unknown>[];
  dateOfIssue: string;
  ects?: number;
  eqf?: number;
}

const ANA = 'Ana Andromeda'; // /credentialSubject/fullName (givenName Ana, familyName Andromeda)
const MC_TITLE = 'Digital micro-credential creation'; // /credentialSubject/hasClaim/title, and its specifiedBy/title
const UNI_Z = { id: 'urn:epass:org:1', legalName: 'University of Zed', country: 'IE' }; // legalName {en}; location/address/countryCode …/country/IRL

const EXPECTED: Record<string, Expected> = {
  'eu-elm/Sample-MC-Annex1-unsigned.jsonld': {
    learner: { fullName: ANA, givenName: 'Ana', familyName: 'Andromeda', email: 'ana.andromeda@email.com' }, // /credentialSubject/contactPoint/emailAddress/id
    title: MC_TITLE,
    issuer: UNI_Z, // /issuer
    awardingBodies: [UNI_Z], // /credentialSubject/hasClaim/awardedBy/awardingBody, the same node as the issuer
    dateOfIssue: '2022-12-31T23:00:00Z', // no issued, issuanceDate or awardingDate: /validFrom
    ects: 2, // /credentialSubject/hasClaim/specifiedBy/creditPoint: framework ECTS, point "2"
    eqf: 6, // /credentialSubject/hasClaim/specifiedBy/eqfLevel: …/snb/eqf/6
  },
  'eu-elm/Sample-MC-Annex1-unsigned-uploadable.json': {
    // The same credential under "credential"; only the learner's address differs from the unsigned file.
    learner: { fullName: ANA, email: 'ana.andromeda.4edc@gmail.com' }, // /credential/credentialSubject/contactPoint/emailAddress/id
    title: MC_TITLE,
    issuer: UNI_Z,
    awardingBodies: [UNI_Z],
    dateOfIssue: '2022-12-31T23:00:00Z', // /credential/validFrom
    ects: 2,
    eqf: 6,
  },
  'eu-elm/Sample-MC-Annex1-signed.jsonld': {
    learner: { fullName: ANA, email: 'ana.andromeda.4edc@gmail.com' }, // /payload/credentialSubject/contactPoint/emailAddress/id
    title: MC_TITLE,
    // Sealing rewrote the issuer from the seal's certificate: /payload/issuer has legalName ORGANIZACION TEST,
    // eIDASIdentifier notation VATES-A00000000, and two locations, IRL first (then ESP, the certificate's).
    issuer: { id: 'urn:epass:org:1f0de2587-9348-4fa9-b4d7-a77e34a9ac8a', legalName: 'ORGANIZACION TEST', country: 'IE', identifiers: expect.objectContaining({ eidas: 'VATES-A00000000' }) },
    awardingBodies: [UNI_Z], // /payload/credentialSubject/hasClaim/awardedBy/awardingBody: still urn:epass:org:1
    dateOfIssue: '2023-09-27T13:54:17+02:00', // /payload/issued
    ects: 2,
    eqf: 6,
  },
  'eu-elm/credential-sample-v3.1.jsonld': {
    learner: { fullName: 'Max Power', givenName: 'Max', familyName: 'Power' }, // /credentialSubject/fullName, givenName, familyName
    title: { en: 'some kind of learning achievement', fr: 'une sorte de réussite scolaire' }, // /credentialSubject/hasClaim/title
    // /issuer: legalName in English and French, eIDASIdentifier notation 126839, location/address/countryCode …/country/FRA
    issuer: { id: 'http://example.org/issuer565049', legalName: { en: 'some legal name', fr: 'un nom légal' }, country: 'FR', identifiers: { eidas: '126839' } },
    awardingBodies: [{ id: 'http://example.org/org1', legalName: 'some legal name of the organisation', country: 'FR' }], // /credentialSubject/hasClaim/awardedBy/awardingBody
    dateOfIssue: '2010-01-01T00:00:00', // /issued (no time zone, as written)
  },
};

/** The learner's name, title, issuer and its country, awarding bodies, date of issue, ECTS and EQF of a read model. */
function essentials(value: Record<string, any>) {
  return {
    fullName: value.learner?.fullName,
    title: value.title,
    issuer: value.issuer === undefined ? undefined : { legalName: value.issuer.legalName, country: value.issuer.country },
    awardingBodies: (value.awardingBodies as Record<string, any>[] | undefined)?.map((b) => ({ legalName: b.legalName, country: b.country })),
    ects: value.workload?.ects,
    eqf: value.level?.eqf,
  };
}

/** The `in: 'elm'` issue paths of fromElm that name no place of the document (a path may name a missing member: then its parent exists). */
async function unresolvedPaths(doc: Node): Promise<string[]> {
  const { issues } = await fromElm(doc);
  const wrong: string[] = [];
  for (const issue of issues.filter((i) => i.in === 'elm')) {
    const pointer = issue.path;
    const parent = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
    if (!resolvePointer(doc, pointer).found && !resolvePointer(doc, parent).found) wrong.push(`${issue.code} ${pointer}`);
  }
  return wrong;
}


// ---------------------------------------------------------------------------------------------------

describe('the vectors', () => {
  it('are all there, parse, and every ELM JSON-LD one has its expectations written down', () => {
    expect(ELM_FILES.length).toBeGreaterThanOrEqual(4);
    expect(EBSI_FILES.length).toBeGreaterThanOrEqual(1);
    for (const file of [...ELM_FILES, ...EBSI_FILES]) expect(() => read(file), file).not.toThrow();
    for (const file of ELM_FILES) if (isEdcJsonLd(read(file))) expect(Object.keys(EXPECTED), file).toContain(file);
  });
});

describe.each([...ELM_FILES, ...EBSI_FILES])('%s', (file) => {
  it('fromElm never rejects, on the document and on its JSON text', async () => {
    const doc = read(file);
    await expect(fromElm(doc)).resolves.toMatchObject({ ok: expect.any(Boolean), issues: expect.any(Array) });
    await expect(fromElm(readFileSync(new URL(file, VECTORS), 'utf8'))).resolves.toMatchObject({ ok: false });
  });

  it('fromElm: every issue about the document points at a place that exists in it (a property written as one value has no index)', async () => {
    expect(await unresolvedPaths(read(file))).toEqual([]);
  });

  it('validateElm: no validator failure, and every pointer resolves in the JSON', async () => {
    const doc = read(file);
    for (const options of [undefined, { profile: 'ebsi' as const }]) {
      const { issues } = await validateElm(doc, options);
      expect(issues.map((i) => i.code)).not.toContain('ELM_VALIDATOR_FAILED');
      for (const issue of issues) {
        expect(issue.path, `${issue.code} ${issue.resultPath ?? issue.term ?? ''}`).toMatch(/^(\/[^/]*)*$/);
        expect(resolvePointer(doc, issue.path).found, `${issue.code} ${issue.resultPath ?? issue.term ?? ''} at ${issue.path}`).toBe(true);
      }
    }
  });
});

describe('fromElm reads what the EU documents say', () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(file, async () => {
      const { value } = await fromElm(read(file));
      const v = value as Record<string, any>;
      expect(v.learner).toMatchObject(expected.learner);
      expect(v.title).toEqual(expected.title);
      expect(v.issuer).toMatchObject(expected.issuer);
      expect(v.awardingBodies).toHaveLength(expected.awardingBodies.length);
      expected.awardingBodies.forEach((body, i) => expect(v.awardingBodies[i]).toMatchObject(body));
      expect(v.dateOfIssue).toBe(expected.dateOfIssue);
      expect(v.workload?.ects).toBe(expected.ects);
      expect(v.level?.eqf).toBe(expected.eqf);
    });
  }

  it('the sealed sample: the second issuer location (the certificate\'s country) is named, not dropped in silence', async () => {
    const { issues } = await fromElm(read('eu-elm/Sample-MC-Annex1-signed.jsonld'));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'ELM_MULTIPLE_VALUES', in: 'elm', path: '/payload/issuer/location' }));
  });

  it('the v3.1 sample (compact IRI key "cred:proof") is read through JSON-LD, with a warning', async () => {
    const { issues } = await fromElm(read('eu-elm/credential-sample-v3.1.jsonld'));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'ELM_SPELLING_NORMALISED', severity: 'warning' }));
    // /issued is "2010-01-01T00:00:00": no time zone, which the model's date of issue requires.
    expect(issues).toContainEqual(expect.objectContaining({ code: 'MC_INVALID_DATETIME', in: 'model', path: '/dateOfIssue' }));
  });

  it('EBSI examples: the few ELM-like members they have are read', async () => {
    // VerifiableAttestation-Europass.json: /credentialSubject/@id, /credentialSubject/dateOfBirth, /issuer, /issuanceDate.
    const europass = (await fromElm(read('eu-elm-ebsi/VerifiableAttestation-Europass.json'))).value as Record<string, any>;
    expect(europass).toMatchObject({ learner: { id: 'did:essif:123121', dateOfBirth: '2021-02-15' }, issuer: { id: 'did:ebsi:00000001' }, dateOfIssue: '2019-06-22T14:11:44Z' });
    // VerifiableAccreditation.json: /credentialSubject/id, /issuer, /issuanceDate.
    const accreditation = (await fromElm(read('eu-elm-ebsi/VerifiableAccreditation.json'))).value as Record<string, any>;
    expect(accreditation).toMatchObject({ learner: { id: 'did:ebsi:00001235' }, issuer: { id: 'did:ebsi:00001234' }, dateOfIssue: '2020-06-22T14:11:44Z' });
  });
});

describe("EDC's upload format reads as the credential it wraps", () => {
  const uploadable = ELM_FILES.filter((f) => /-uploadable\.json$/.test(f));

  it('there is at least one, and each has its unsigned counterpart', () => {
    expect(uploadable.length).toBeGreaterThan(0);
    for (const file of uploadable) expect(ELM_FILES).toContain(file.replace(/-uploadable\.json$/, '.jsonld'));
  });

  for (const file of uploadable) {
    it(`${file}: {"credential": {…}} (an object, not JSON text), the same model as the unsigned file, ELM_WRAPPED`, async () => {
      const doc = read(file);
      expect(Object.keys(doc)).toEqual(['credential']);
      expect(typeof doc.credential).toBe('object');
      const unsigned = await fromElm(read(file.replace(/-uploadable\.json$/, '.jsonld')));
      const wrapped = await fromElm(doc);
      expect(wrapped.issues[0]).toMatchObject({ code: 'ELM_WRAPPED', severity: 'warning', path: '/credential' });
      // The files differ in one value only, the learner's e-mail address (see EXPECTED).
      const { learner: wl, ...wrest } = wrapped.value as Record<string, any>;
      const { learner: ul, ...urest } = unsigned.value as Record<string, any>;
      expect(wrest).toEqual(urest);
      expect({ ...wl, email: undefined }).toEqual({ ...ul, email: undefined });
      expect(wrapped.ok).toBe(unsigned.ok);
      // Every other issue is the unsigned file's, its path under /credential.
      const moved = unsigned.issues.map((i) => (i.in === 'elm' ? { ...i, path: `/credential${i.path}` } : i));
      expect(wrapped.issues.slice(1)).toEqual(moved);
    });
  }
});

describe('validateElm on the EU documents (EDC profile)', () => {
  const summary = async (file: string) => (await validateElm(read(file))).issues.map((i) => ({ code: i.code, severity: i.severity, resultPath: i.resultPath, path: i.path }));

  it('the unsigned micro-credential: no issued, and no eIDAS identifier on its issuer', async () => {
    // The issuer node urn:epass:org:1 is written in full at /credentialSubject/hasClaim/awardedBy/awardingBody
    // first (and again at /issuer); it has no eIDASIdentifier. The credential (the root) has no issued.
    expect(await summary('eu-elm/Sample-MC-Annex1-unsigned.jsonld')).toEqual([
      { code: 'ELM_SHACL_VIOLATION', severity: 'error', resultPath: 'elm:eidasLegalIdentifier', path: '/credentialSubject/hasClaim/awardedBy/awardingBody' },
      { code: 'ELM_SHACL_VIOLATION', severity: 'error', resultPath: 'cred:issued', path: '' },
    ]);
  });

  it('the uploadable one: the wrapper named, then the same two violations under /credential', async () => {
    expect(await summary('eu-elm/Sample-MC-Annex1-unsigned-uploadable.json')).toEqual([
      expect.objectContaining({ code: 'ELM_WRAPPED', path: '' }),
      { code: 'ELM_SHACL_VIOLATION', severity: 'error', resultPath: 'elm:eidasLegalIdentifier', path: '/credential/credentialSubject/hasClaim/awardedBy/awardingBody' },
      { code: 'ELM_SHACL_VIOLATION', severity: 'error', resultPath: 'cred:issued', path: '/credential' },
    ]);
  });

  it('the sealed one: its payload conforms (sealing added issued and the eIDAS identifier); the seal is named', async () => {
    const result = await validateElm(read('eu-elm/Sample-MC-Annex1-signed.jsonld'));
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['ELM_SEALED_ENVELOPE', 'warning']]);
  });

  it('the v3.1 sample: termsOfUse and credentialStatus are literals ({"@value": …, "type": "xsd:anyURI"}), not nodes', async () => {
    const issues = await summary('eu-elm/credential-sample-v3.1.jsonld');
    expect(issues.map((i) => i.code)).toEqual(['ELM_SHACL_VIOLATION', 'ELM_SHACL_VIOLATION', 'ELM_SHACL_VIOLATION']);
    expect(issues.map((i) => [i.resultPath, i.path])).toEqual(
      expect.arrayContaining([
        ['cred:termsOfUse', '/termsOfUse'],
        ['cred:credentialStatus', '/credentialStatus'],
      ]),
    );
  });

  it('the EBSI examples (VC 1.1 + the 2020 EBSI context): the context is not bundled, said once, with its pointer', async () => {
    for (const file of EBSI_FILES) {
      const issues = await summary(file);
      expect(issues, file).toEqual([expect.objectContaining({ code: 'ELM_CONTEXT_NOT_BUNDLED', path: '/@context/1' })]);
    }
  });
});

describe("validateElm on the EBSI examples with { profile: 'ebsi' }", () => {
  for (const file of EBSI_FILES) {
    it(`${file}: the cause first (a VC 1.1 context where the schema wants VC 2.0), a bounded list, every pointer resolving`, async () => {
      const doc = read(file);
      const { ok, issues } = await validateElm(doc, { profile: 'ebsi' });
      expect(ok).toBe(false);
      expect(issues.every((i) => i.code === 'EBSI_SCHEMA')).toBe(true);
      expect(issues[0]).toMatchObject({ path: '/@context/0' });
      expect(resolvePointer(doc, '/@context/0').value).toBe('https://www.w3.org/2018/credentials/v1');
      // Both are drafts of 2019-2020, wrong in many members; still far from the flood of 57.
      expect(issues.length).toBeLessThanOrEqual(25);
    });
  }

  it('VerifiableAttestation-Europass.json: a date of birth without a time, a proof of another type', async () => {
    const pointers = (await validateElm(read('eu-elm-ebsi/VerifiableAttestation-Europass.json'), { profile: 'ebsi' })).issues.map((i) => i.path);
    // /credentialSubject/dateOfBirth is "2021-02-15"; /proof/type is "EcdsaSecp256k1Signature2019".
    expect(pointers).toEqual(expect.arrayContaining(['/credentialSubject/dateOfBirth', '/proof/type']));
  });
});

// ---------------------------------------------------------------------------------------------------
// Other JSON-LD spellings of each ELM JSON-LD vector. test/elm-spellings.test.ts covers the unsigned
// micro-credential sample (fixtures/elm/spellings/eu-sample.*); the others are covered here.

const COVERED_BY_SPELLING_FIXTURES = new Set(['eu-elm/Sample-MC-Annex1-unsigned.jsonld']);

const PREFIXES = {
  cred: 'https://www.w3.org/2018/credentials#',
  elm: 'http://data.europa.eu/snb/model/elm/',
  dc: 'http://purl.org/dc/terms/',
  adms: 'http://www.w3.org/ns/adms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  org: 'http://www.w3.org/ns/org#',
  rov: 'http://www.w3.org/ns/regorg#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  person: 'http://www.w3.org/ns/person#',
  locn: 'http://www.w3.org/ns/locn#',
  sec: 'https://w3id.org/security#',
};

const loader = documentLoader as unknown as (url: string) => Promise<any>;
// jsonld.flatten(input, context, options): in jsonld.js, not in the project's declarations of it.
const flatten = (jsonld as unknown as { flatten: (input: unknown, context: unknown, options: unknown) => Promise<unknown> }).flatten;

describe('other JSON-LD spellings of the vectors read the same', () => {
  const files = ELM_FILES.filter((f) => isEdcJsonLd(read(f)) && !COVERED_BY_SPELLING_FIXTURES.has(f));

  it('there are vectors to respell', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    const spellings: [string, (credential: Node) => Promise<Node>][] = [
      [
        'compact IRIs (expanded, then compacted with prefixes only)',
        async (credential) => (await jsonld.compact(await jsonld.expand(credential as any, { documentLoader: loader }), PREFIXES as any, { documentLoader: loader })) as Node,
      ],
      ['flattened (@graph, compacted with the EDC contexts)', async (credential) => (await flatten(credential, [...EDC_CONTEXT], { documentLoader: loader })) as Node],
    ];
    for (const [name, respell] of spellings) {
      it(`${file} as ${name}`, async () => {
        const credential = credentialIn(read(file));
        const original = await fromElm(credential);
        const doc = await respell(credential);
        const text = JSON.stringify(doc);
        if (name.startsWith('compact')) expect(text).toContain('"elm:hasClaim"');
        else expect(Array.isArray(doc['@graph'])).toBe(true);
        const result = await fromElm(doc);
        expect(result.issues).toContainEqual(expect.objectContaining({ code: 'ELM_SPELLING_NORMALISED', severity: 'warning' }));
        expect(essentials(result.value as Record<string, any>)).toEqual(essentials(original.value as Record<string, any>));
        const expected = EXPECTED[file];
        if (expected) {
          expect((result.value as Record<string, any>).learner).toMatchObject({ fullName: expected.learner.fullName });
          expect((result.value as Record<string, any>).title).toEqual(expected.title);
        }
      }, 60_000);
    }
  }
});
