// The signing workers' jsonld.js shares term definitions between copies of the active context
// (src/vc/worker-jsonld.ts). Here, in this test file's own module instance, each pass with a new
// jsonld.js instance (whose context caches start empty, so that the second pass builds its contexts
// on shared definitions instead of reusing the first pass's): expansion and RDF canonicalization give
// exactly what stock jsonld.js gives, on every valid fixture's ELM export, the EU samples, signed
// credentials (proofs with their own type-scoped contexts), VC 2.0 and presentation documents, and
// generated credentials; jsonld.js's own context processing really shares definitions; and the built
// workers (dist/, built by `pretest`) do share them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import jsonld from 'jsonld';
import jsonldUtil from 'jsonld/lib/util.js';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, toElm, type MicroCredential } from '../src/index.js';
import { createPresentation, exportKey, generateIssuerKey, signCredential, signPresentation } from '../src/vc.js';
import { JSONLD_VERSION_REVIEWED, shareTermDefinitions, shareTermDefinitionsFor } from '../src/vc/worker-jsonld.js';
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

/** Expansion and N-Quads of every document, by a new jsonld.js instance: its context caches start empty. */
async function processAll(): Promise<[unknown, string][]> {
  const instance = jsonld();
  const out: [unknown, string][] = [];
  for (const [, doc] of documents) {
    const expanded = await instance.expand(doc, { documentLoader, safe: true });
    const nquads = await instance.canonize(doc, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true });
    out.push([expanded, nquads]);
  }
  return out;
}

/** Two active contexts, the second built on the first: do they hold the same definition of `a`? */
async function definitionShared(): Promise<boolean> {
  const instance = jsonld() as unknown as {
    processContext(active: unknown, local: unknown, options: object): Promise<{ mappings: Map<string, object> }>;
  };
  const initial = await instance.processContext(null, null, {});
  const first = await instance.processContext(initial, { a: 'https://example.org/a' }, {});
  const second = await instance.processContext(first, { b: 'https://example.org/b' }, {});
  expect(second.mappings.get('a')).toEqual(first.mappings.get('a'));
  return second.mappings.get('a') === first.mappings.get('a');
}

describe('term definitions shared between active-context copies (the signing workers)', () => {
  it('expands and canonicalizes every document exactly as stock jsonld.js does, each from cold caches', async () => {
    expect(await definitionShared()).toBe(false);
    const stock = await processAll();

    expect(shareTermDefinitions()).toBe(true);
    expect(shareTermDefinitions()).toBe(true); // idempotent
    // In effect where it matters: jsonld.js's own context processing now shares definitions.
    expect(await definitionShared()).toBe(true);
    expect(jsonldUtil.clone({ a: [1, { b: 2 }] })).toEqual({ a: [1, { b: 2 }] });

    const shared = await processAll();
    for (const [i, [name]] of documents.entries()) {
      expect(shared[i]![1], name).toBe(stock[i]![1]);
      expect(shared[i]![0], name).toEqual(stock[i]![0]);
    }
    expect(documents.length).toBeGreaterThanOrEqual(60);
  }, 120_000);

  it('is in effect in the built worker (it reads the jsonld.js version it loads)', async () => {
    const parts = await exportKey(key, { includePrivate: true });
    for (const script of ['sign-worker.js']) {
      const worker = new Worker(new URL(`../dist/${script}`, import.meta.url));
      try {
        const ready = new Promise<{ type: string; termDefinitionsShared?: boolean }>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        });
        const init = { id: parts.id, controller: parts.controller, publicKeyMultibase: parts.publicKeyMultibase, secretKeyMultibase: parts.secretKeyMultibase! };
        worker.postMessage({ type: 'init', key: init, suite: 'Ed25519Signature2020', created, setIssuer: false });
        expect(await ready, script).toEqual({ type: 'ready', termDefinitionsShared: true });
      } finally {
        await worker.terminate();
      }
    }
  });

  it('shares only under the jsonld.js version whose code was reviewed for it', () => {
    expect(JSONLD_VERSION_REVIEWED).toBe('9.0.0');
    expect(shareTermDefinitionsFor('9.0.1', {} as never)).toBe(false);
    expect(shareTermDefinitionsFor(undefined, {} as never)).toBe(false);
  });

  it('leaves a module that is not jsonld.js util alone', () => {
    expect(shareTermDefinitions({} as never)).toBe(false);
    expect(shareTermDefinitions(null as never)).toBe(false);
  });
});
