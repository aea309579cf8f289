/**
 * The canonical-form check against its oracle: jsonld.js's own compaction of the expanded
 * document with the document's contexts. Whatever the check accepts, the round trip gives back
 * unchanged (up to the case of language tags, which JSON-LD lower-cases and the check compares
 * without regard to case); real documents and everything toElm writes are accepted.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { canonicalFormProblems } from '../src/jsonld/canonical-form.js';
import { BUNDLED_CONTEXT_URLS, CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { createPresentation } from '../src/vc/presentation.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;
const bundled = new Set(BUNDLED_CONTEXT_URLS);
const options = { documentLoader, allowedContexts: bundled, staticContexts: bundled };
const check = (doc: Doc) => canonicalFormProblems(doc, options);

const euSample = (): Doc => {
  const { proof: _proof, ...doc } = JSON.parse(readFileSync(new URL('./vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld', import.meta.url), 'utf8'));
  return doc;
};
const exported = (name: string): Doc => {
  const mc = structuredClone(validFixtures.find((f) => f.name === name)!.doc) as MicroCredential;
  return toElm({ ...mc, issuer: { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: 'EIDAS-1' } } }, { id: 'urn:uuid:00000000-0000-4000-8000-000000000001' });
};
const exportable = validFixtures.filter((f) => !f.name.includes('expected')).map((f) => f.name);

/** JSON with members in one order and language tags in lower case (JSON-LD's own form of them). */
function normal(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v).map(([k, x]) => [/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(k) && (typeof x === 'string' || Array.isArray(x)) ? k.toLowerCase() : k, x] as const);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** jsonld.js's verdict: the document is what compaction of its expansion gives back. */
async function roundTrips(doc: Doc): Promise<boolean> {
  try {
    const expanded = await jsonld.expand(doc, { documentLoader, safe: true, base: null });
    const compacted = await jsonld.compact(expanded, doc['@context'], { documentLoader, base: null });
    return normal(compacted) === normal(doc);
  } catch {
    return false;
  }
}

describe('documents in their canonical form are accepted', () => {
  it("the EU's micro-credential sample", async () => {
    expect(await check(euSample())).toEqual([]);
    expect(await roundTrips(euSample())).toBe(true);
  });

  it.each(exportable)('toElm(%s)', async (name) => {
    const doc = exported(name);
    expect(await check(doc)).toEqual([]);
    expect(await roundTrips(doc)).toBe(true);
  });

  it('a presentation of two credentials, each with its own contexts', async () => {
    const vp = createPresentation({ credentials: [exported('higher-education'), exported('vet-eqavet')], holder: 'did:example:learner' });
    expect(await check(vp)).toEqual([]);
  });
});

describe('re-spellings are refused, each at its place', () => {
  // Policy, not compaction: JSON-LD itself accepts these in a round trip (an inline or nested
  // context, `@index`, an empty array, a repeated type, an undefined prefix read as a scheme), but
  // each shows JSON that is not what is signed, so the check refuses them too.
  const policy = new Set(['an inline context setting @base', 'an inline context swapping names', 'a remote context inside an inline scoped context', 'a nested context', 'an empty array', 'a type given twice', 'an @index map', 'a compact-IRI key']);
  const cases: [string, (d: Doc) => void, string, string][] = [
    ['a date as a one-element array', (d) => (d.validFrom = [d.validFrom]), 'VC_JSON_NOT_CANONICAL', '/validFrom'],
    ['a date as a value object', (d) => (d.issuanceDate = { '@value': d.issuanceDate, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' }), 'VC_JSON_NOT_CANONICAL', '/issuanceDate'],
    ['a full-IRI key', (d) => ((d['https://www.w3.org/2018/credentials#issuanceDate'] = d.issuanceDate), delete d.issuanceDate), 'VC_JSON_NOT_CANONICAL', '/https:~1~1www.w3.org~12018~1credentials#issuanceDate'],
    ['a compact-IRI key', (d) => ((d['cred:issuanceDate'] = d.issuanceDate), delete d.issuanceDate), 'VC_UNDEFINED_TERM', '/cred:issuanceDate'],
    ['an ELM compact-IRI key', (d) => ((d.credentialSubject['elm:hasClaim'] = d.credentialSubject.hasClaim), delete d.credentialSubject.hasClaim), 'VC_JSON_NOT_CANONICAL', '/credentialSubject/elm:hasClaim'],
    ['@nest', (d) => ((d['@nest'] = { issuanceDate: d.issuanceDate }), delete d.issuanceDate), 'VC_JSON_NOT_CANONICAL', '/@nest'],
    ['@id for id', (d) => ((d['@id'] = d.id), delete d.id), 'VC_JSON_NOT_CANONICAL', '/@id'],
    ['an inline context swapping names', (d) => d['@context'].push({ givenName: 'http://xmlns.com/foaf/0.1/familyName' }), 'VC_CONTEXT_NOT_ALLOWED', '/@context/2'],
    ['an inline context setting @base', (d) => d['@context'].push({ '@base': 'https://evil.example/' }), 'VC_CONTEXT_NOT_ALLOWED', '/@context/2'],
    ['a remote context inside an inline scoped context', (d) => d['@context'].push({ Person: { '@id': 'http://www.w3.org/ns/person#Person', '@context': 'https://evil.example/ctx' } }), 'VC_CONTEXT_NOT_BUNDLED', '/@context/2/Person/@context'],
    ['a nested context', (d) => (d.credentialSubject['@context'] = CONTEXT_URLS.VC_V1), 'VC_CONTEXT_NOT_ALLOWED', '/credentialSubject/@context'],
    ['a term set to null', (d) => (d.credentialSubject.fullName = null), 'VC_JSON_NOT_CANONICAL', '/credentialSubject/fullName'],
    ['an empty language entry', (d) => (d.credentialSubject.fullName = { ...d.credentialSubject.fullName, de: [] }), 'VC_JSON_NOT_CANONICAL', '/credentialSubject/fullName/de'],
    ['a language twice in two cases', (d) => (d.credentialSubject.fullName = { ...d.credentialSubject.fullName, EN: 'Someone Else' }), 'VC_JSON_NOT_CANONICAL', '/credentialSubject/fullName/EN'],
    ['an empty array', (d) => (d.credentialSubject.hasClaim = []), 'VC_JSON_NOT_CANONICAL', '/credentialSubject/hasClaim'],
    ['a type as a one-element array', (d) => (d.credentialSubject.type = [d.credentialSubject.type]), 'VC_JSON_NOT_CANONICAL', '/credentialSubject/type'],
    ['a type given twice', (d) => (d.type = [...d.type, d.type[1]]), 'VC_JSON_NOT_CANONICAL', '/type/2'],
    ['a reference as an object with an id only', (d) => (d.credentialSchema = { id: d.credentialSchema.id }), 'VC_JSON_NOT_CANONICAL', '/credentialSchema'],
    ['an @index map', (d) => (d.credentialSubject['@index'] = 'free text'), 'VC_JSON_NOT_CANONICAL', '/credentialSubject/@index'],
  ];
  it.each(cases)('%s', async (what, change, code, pointer) => {
    const doc = exported('every-optional-element');
    change(doc);
    const problems = await check(doc);
    expect(problems.map((p) => [p.code, p.pointer])).toContainEqual([code, pointer]);
    // The oracle agrees that the JSON is not what compaction gives.
    if (!policy.has(what)) expect(await roundTrips(doc)).toBe(false);
  });
});

/** Places in a document: every member of every node, with its parent. */
function places(doc: Doc): { parent: any; key: string | number }[] {
  const out: { parent: any; key: string | number }[] = [];
  const walk = (v: any) => {
    if (v === null || typeof v !== 'object') return;
    for (const key of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      if (key === '@context') continue;
      out.push({ parent: v, key });
      walk(v[key]);
    }
  };
  walk(doc);
  return out;
}

/** Rewrites JSON-LD allows (most keep the RDF), applied at a place. */
const REWRITES: Record<string, (parent: any, key: string | number) => void> = {
  wrap: (p, k) => (p[k] = [p[k]]),
  unwrap: (p, k) => Array.isArray(p[k]) && p[k].length > 0 && (p[k] = p[k][0]),
  valueObject: (p, k) => typeof p[k] === 'string' && (p[k] = { '@value': p[k] }),
  idObject: (p, k) => typeof p[k] === 'string' && /^[a-z]+:/.test(p[k]) && (p[k] = { id: p[k] }),
  nullify: (p, k) => (p[k] = null),
  empty: (p, k) => (p[k] = []),
  fullIri: (p, k) => typeof k === 'string' && !Array.isArray(p) && ((p[`http://data.europa.eu/snb/model/elm/${k}`] = p[k]), delete p[k]),
  keyword: (p, k) => k === 'id' && !Array.isArray(p) && ((p['@id'] = p[k]), delete p[k]),
  upperCase: (p, k) => typeof k === 'string' && /^[a-z]{2}$/.test(k) && !Array.isArray(p) && ((p[k.toUpperCase()] = p[k]), delete p[k]),
  duplicate: (p, k) => Array.isArray(p) && p.push(p[k as number]),
  reorder: (p) => !Array.isArray(p) && Object.assign(p, Object.fromEntries(Object.entries(p).reverse().map(([k, v]) => (delete p[k], [k, v])))),
  number: (p, k) => typeof p[k] === 'string' && /^\d+$/.test(p[k]) && (p[k] = Number(p[k])),
};

describe('whatever the check accepts round-trips through jsonld.js compaction', () => {
  it('on random rewrites of real and exported documents', async () => {
    const bases = [euSample(), exported('every-optional-element'), exported('multilingual'), exported('joint-award-two-countries')];
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bases.length - 1 }), fc.array(fc.tuple(fc.constantFrom(...Object.keys(REWRITES)), fc.nat()), { minLength: 1, maxLength: 3 }), async (b, steps) => {
        const doc = structuredClone(bases[b]!);
        for (const [name, n] of steps) {
          const all = places(doc);
          const place = all[n % all.length]!;
          REWRITES[name]!(place.parent, place.key);
        }
        const problems = await check(doc);
        if (problems.length === 0) {
          accepted++;
          expect(await roundTrips(doc)).toBe(true);
        } else refused++;
      }),
      { numRuns: Number(process.env.CANONICAL_RUNS ?? 300), seed: Number(process.env.CANONICAL_SEED ?? 20261203) },
    );
    // Both sides were exercised: reordering and harmless rewrites are accepted, the rest refused.
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(100);
  }, 120_000);
});
