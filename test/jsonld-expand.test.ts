// expandSharingDefinitions (src/jsonld/canonical-form/expand.ts): jsonld.js's expansion from an
// active context whose copies share term definitions. The oracle is stock jsonld.js: a new instance
// (its context caches empty) expands every document, and ours must give the same expanded form, the
// same events in the same order, and the same error (name, code, the safe-mode event) when it fails:
// Open Badges 3.0 credentials (our exports of every valid fixture, our OB3 fixtures, 1EdTech's
// examples and signed vector, badges signed with each suite), ELM credentials, and each of these
// with an undefined term, a relative IRI or a context nullification put in at generated places.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import jsonld, { type JsonLdEvent } from 'jsonld';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, documentLoader, toElm, type MicroCredential } from '../src/index.js';
import { expandSharingDefinitions, sharesDefinitions } from '../src/jsonld/canonical-form/expand.js';
import { exportToOpenBadge } from '../src/ob3/to-open-badge.js';
import { generateIssuerKey, signCredential } from '../src/vc.js';
import { fingerprint } from './helpers/hostile.js';
import { validFixtures } from './helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(5) });
const withIssuer = (mc: MicroCredential): MicroCredential => ({ ...mc, issuer: { ...mc.issuer, id: key.controller } });

type Doc = Record<string, unknown>;
const documents: [string, Doc][] = [];
for (const f of validFixtures) {
  const mc = withIssuer(f.doc as MicroCredential);
  const exported = exportToOpenBadge(mc, { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11', achievementId: 'https://uni.example.eu/a/1' });
  if (exported.ok) documents.push([`badge of ${f.name}`, exported.value as unknown as Doc]);
  documents.push([`ELM of ${f.name}`, toElm(mc, { incomplete: 'warn' }) as Doc]);
}
for (const name of readdirSync(join(root, 'fixtures/ob3')).filter((n) => n.endsWith('.json') && !n.endsWith('.expected.json'))) {
  documents.push([`fixtures/ob3/${name}`, readJson(`fixtures/ob3/${name}`)]);
}
for (const name of readdirSync(join(root, 'test/vectors/1edtech-ob3-examples')).filter((n) => n.endsWith('.json'))) {
  documents.push([`1EdTech ${name}`, readJson(`test/vectors/1edtech-ob3-examples/${name}`)]);
}
documents.push(['1EdTech signed vector', readJson('test/vectors/1edtech-ob3-vector/vector.json')]);
for (const suite of ['Ed25519Signature2020', 'eddsa-rdfc-2022'] as const) {
  documents.push([`badge signed with ${suite}`, (await signCredential(documents[0]![1], { key, suite, created: '2025-01-01T00:00:00Z' })) as Doc]);
}

/** What an expansion gave: its result or its error, and its events. */
async function outcome(run: (eventHandler: (a: { event: JsonLdEvent; next: () => void }) => void) => Promise<unknown>): Promise<unknown> {
  const events: unknown[] = [];
  const eventHandler = ({ event, next }: { event: JsonLdEvent; next: () => void }) => {
    events.push({ code: event.code, level: event.level, details: event.details });
    next();
  };
  try {
    return { result: await run(eventHandler), events };
  } catch (e) {
    const error = e as Error & { details?: { code?: unknown; event?: JsonLdEvent } };
    return { error: { name: error.name, message: error.message, code: error.details?.code, event: error.details?.event?.code, details: error.details?.event?.details }, events };
  }
}

/** Stock jsonld.js (a new instance) and ours, on the same document, safe mode on and off. */
async function both(doc: unknown, loader = documentLoader): Promise<[unknown, unknown][]> {
  const out: [unknown, unknown][] = [];
  for (const safe of [true, false]) {
    const stock = await outcome((eventHandler) => jsonld().expand(doc, { documentLoader: loader, safe, eventHandler }));
    const ours = await outcome((eventHandler) => expandSharingDefinitions(doc, { documentLoader: loader, safe, eventHandler }));
    out.push([ours, stock]);
  }
  return out;
}

/** Every object of a document (a pointer to it and the object), for putting something in at a generated place. */
function objectsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const here = Array.isArray(value) ? [] : [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...here, ...entries.flatMap(([k, v]) => (k === '@context' ? [] : objectsOf(v, [...at, k])))];
}
function withMember(doc: Doc, at: (string | number)[], key: string, value: unknown): Doc {
  const copy = structuredClone(doc);
  let node: any = copy;
  for (const k of at) node = node[k];
  node[key] = value;
  return copy;
}

describe('expandSharingDefinitions', () => {
  it('shares term definitions with the pinned jsonld.js (else it would be jsonld.js itself, and this file would test nothing)', () => {
    expect(sharesDefinitions()).toBe(true);
  });

  it('expands every document as jsonld.js does, with the same events, in safe mode and not', async () => {
    expect(documents.length).toBeGreaterThan(20);
    for (const [name, doc] of documents) {
      for (const [ours, stock] of await both(doc)) expect(ours, name).toEqual(stock);
    }
  });

  it('expands the documents as jsonld.js does when they are processed again (its caches warm, ours too)', async () => {
    const stock = jsonld();
    for (const [name, doc] of documents.slice(0, 6)) {
      for (let pass = 0; pass < 2; pass++) {
        expect(await expandSharingDefinitions(doc, { documentLoader, safe: true }), name).toEqual(await stock.expand(doc, { documentLoader, safe: true }));
      }
    }
  });

  it('fails, and reports, as jsonld.js does on an undefined term, a relative IRI, a nullified or inline context at a generated place', async () => {
    const ob3 = documents.filter(([name]) => name.startsWith('badge of') || name.startsWith('1EdTech')).map(([, d]) => d);
    // Members put in one object; a context with a `@vocab` or a `@base` is kept by the copies of the
    // active context the typed nodes below it make, so it comes with terms it gives a meaning to.
    const additions: [string, unknown][][] = [
      [['nickname', 'Anna']],
      [['id', 'relative/iri']],
      [['type', 'NotAType']],
      [['@context', null]],
      [['@context', { extra: 'https://example.org/extra' }], ['extra', 'x']],
      [['@context', { '@vocab': 'https://example.org/v#' }], ['nickname', 'Anna'], ['more', { type: 'Profile', nickname: 'B', id: 'rel' }]],
      [['@context', { '@base': 'https://example.org/b/', '@vocab': 'https://example.org/v#' }], ['more', { type: 'Achievement', id: 'rel' }]],
      [['@context', { '@language': 'fr' }], ['more', { type: 'Achievement', name: 'nom' }]],
      [['name', { '@value': 'x', '@language': 'not a tag!' }]],
      [['description', {}]],
    ];
    const cases = fc.sample(
      fc.tuple(fc.constantFrom(...ob3), fc.constantFrom(...additions), fc.nat()).map(([doc, members, n]) => {
        const places = objectsOf(doc);
        return members.reduce((d, [k, v]) => withMember(d, places[n % places.length]!, k, v), doc);
      }),
      { seed: 20250601, numRuns: 160 },
    );
    let failed = 0;
    for (const doc of cases) {
      for (const [ours, stock] of await both(doc)) {
        expect(ours).toEqual(stock);
        if ((stock as { error?: unknown }).error) failed++;
      }
    }
    expect(failed).toBeGreaterThan(20); // the cases do reach the failures
  });

  it('leaves its input unchanged', async () => {
    for (const [name, doc] of documents.slice(0, 4)) {
      const before = fingerprint(doc);
      await expandSharingDefinitions(doc, { documentLoader, safe: true });
      expect(fingerprint(doc), name).toBe(before);
    }
  });

  it('keeps what one document loader served apart from what another serves under the same URL', async () => {
    const url = 'https://example.org/contexts/one.json';
    const doc = { '@context': url, '@id': 'https://example.org/x', term: 'v' };
    const a = createDocumentLoader({ documents: { [url]: { '@context': { term: 'https://example.org/a#term' } } } });
    const b = createDocumentLoader({ documents: { [url]: { '@context': { term: 'https://example.org/b#term' } } } });
    const first = await expandSharingDefinitions(doc, { documentLoader: a, safe: true });
    const second = await expandSharingDefinitions(doc, { documentLoader: b, safe: true });
    expect(JSON.stringify(first)).toContain('https://example.org/a#term');
    expect(JSON.stringify(second)).toContain('https://example.org/b#term');
    for (const [ours, stock] of await both(doc, b)) expect(ours).toEqual(stock);
  });
});
