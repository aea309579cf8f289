// The signing workers' jsonld.js shares term definitions between copies of the active context
// (src/vc/worker-jsonld.ts). Here, in this test file's own module instance: expansion and RDF
// canonicalization give exactly what stock jsonld.js gives, on every valid fixture's ELM export,
// the EU samples, signed credentials (proofs with their own type-scoped contexts), VC 2.0 and
// presentation documents, and generated credentials; and the change really is in effect.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import jsonld from 'jsonld';
import jsonldUtil from 'jsonld/lib/util.js';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, toElm, type MicroCredential } from '../src/index.js';
import { createPresentation, generateIssuerKey, signCredential, signPresentation } from '../src/vc.js';
import { shareTermDefinitions } from '../src/vc/worker-jsonld.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { validFixtures } from './helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(3) });
const created = '2025-06-30T12:00:00Z';
const documentLoader = createDocumentLoader({ documents: { [key.controller]: key.controllerDocument() } });

const withIssuer = (mc: MicroCredential): MicroCredential => ({ ...mc, issuer: { ...mc.issuer, id: key.controller } });
const eu = (name: string) => JSON.parse(readFileSync(join(root, 'test/vectors/eu-elm', name), 'utf8')) as Record<string, unknown>;

const documents: [string, Record<string, unknown>][] = [];
for (const f of validFixtures) documents.push([`fixture ${f.name}`, toElm(withIssuer(f.doc as MicroCredential), { incomplete: 'warn' }) as Record<string, unknown>]);
documents.push(['EU sample, unsigned', eu('Sample-MC-Annex1-unsigned.jsonld')]);
for (const suite of ['Ed25519Signature2020', 'eddsa-rdfc-2022'] as const) {
  const signed = await signCredential(documents[0]![1], { key, suite, created });
  documents.push([`signed, ${suite}`, signed]);
  const presentation = createPresentation({ credentials: [signed], holder: key.controller });
  documents.push([`presentation, ${suite}`, await signPresentation(presentation, { key, challenge: 'c-1', domain: 'example.org', suite, created })]);
}
documents.push([
  'VC 2.0',
  { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: key.controller, validFrom: created, credentialSubject: { id: 'did:example:learner', name: 'A' } },
]);
for (const [i, mc] of fc.sample(validMicroCredential, { seed: 20261123, numRuns: 40 }).entries()) {
  documents.push([`generated ${i}`, toElm(withIssuer(mc), { incomplete: 'warn' }) as Record<string, unknown>]);
}

async function process(doc: Record<string, unknown>): Promise<[unknown, string]> {
  const expanded = await jsonld.expand(doc, { documentLoader, safe: true });
  const nquads = await jsonld.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true });
  return [expanded, nquads];
}

describe('term definitions shared between active-context copies (the signing workers)', () => {
  it('expands and canonicalizes every document exactly as stock jsonld.js does', async () => {
    const map = new Map([['term', { '@id': 'https://example.org/term' }]]);
    expect((jsonldUtil.clone(map) as Map<string, unknown>).get('term')).not.toBe(map.get('term'));
    const stock = [];
    for (const [, doc] of documents) stock.push(await process(doc));

    expect(shareTermDefinitions()).toBe(true);
    expect(shareTermDefinitions()).toBe(true); // idempotent
    const copy = jsonldUtil.clone(map) as Map<string, unknown>;
    expect(copy).not.toBe(map);
    expect(copy.get('term')).toBe(map.get('term'));
    expect(jsonldUtil.clone({ a: [1, { b: 2 }] })).toEqual({ a: [1, { b: 2 }] });

    for (const [i, [name, doc]] of documents.entries()) {
      const [expanded, nquads] = await process(doc);
      expect(nquads, name).toBe(stock[i]![1]);
      expect(expanded, name).toEqual(stock[i]![0]);
    }
    expect(documents.length).toBeGreaterThanOrEqual(60);
  }, 120_000);

  it('leaves a module that is not jsonld.js util alone', () => {
    expect(shareTermDefinitions({} as never)).toBe(false);
    expect(shareTermDefinitions(null as never)).toBe(false);
  });
});
