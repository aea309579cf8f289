// Writes fixtures/elm/spellings/: the same ELM credentials in other JSON-LD spellings, each of which
// must import as the EDC spelling does (test/elm-spellings.test.ts). Sources: the EU's unsigned
// micro-credential sample and toElm() of fixtures/valid/higher-education.json.
// Run after a build: `npx tsup --silent && node scripts/make-elm-spellings.mjs`. Offline: the bundled
// document loader serves the contexts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { CONTEXT_URLS, documentLoader, toElm } from '../dist/index.js';

const root = new URL('../', import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const EDC = [CONTEXT_URLS.VC_V1, CONTEXT_URLS.ELM];
const ELM_CONTEXT = (await documentLoader(CONTEXT_URLS.ELM)).document['@context'];
const PREFIXES = {
  cred: 'https://www.w3.org/2018/credentials#',
  elm: 'http://data.europa.eu/snb/model/elm/',
  dc: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  org: 'http://www.w3.org/ns/org#',
  rov: 'http://www.w3.org/ns/regorg#',
  person: 'http://www.w3.org/ns/person#',
  locn: 'http://www.w3.org/ns/locn#',
  adms: 'http://www.w3.org/ns/adms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const sources = {
  'eu-sample': read('test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld'),
  'higher-education': toElm(read('fixtures/valid/higher-education.json'), { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' }),
};

const withoutContext = ({ '@context': _, ...rest }) => rest;

/** Renames members everywhere (not inside @context). */
function rename(value, names) {
  if (Array.isArray(value)) return value.map((v) => rename(v, names));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [names[k] ?? k, k === '@context' ? v : rename(v, names)]));
}

/** The spellings of one EDC document, by name. */
async function spellings(doc) {
  const options = { documentLoader };
  const expanded = await jsonld.expand(doc, options);
  const fullIris = await jsonld.compact(expanded, {}, options);
  return {
    // Members as compact IRIs, with a context that declares only the prefixes.
    'compact-iris': await jsonld.compact(expanded, PREFIXES, options),
    // Members as full IRIs, `@id` and `@type`, under the EDC contexts.
    'full-iris': { '@context': EDC, ...withoutContext(fullIris) },
    // Expanded JSON-LD of the one node, without @context (as jsonld.expand writes it, but not in an array).
    expanded: expanded[0],
    // Flattened and compacted with the EDC contexts, as EDC itself writes some credentials.
    flattened: await jsonld.flatten(doc, EDC, options),
    // The ELM context written inline instead of its URL.
    'inline-context': { ...doc, '@context': [CONTEXT_URLS.VC_V1, ELM_CONTEXT] },
    // `@id` and `@type` for `id` and `type` (the keywords the VC context aliases).
    'keyword-ids': { '@context': doc['@context'], ...rename(withoutContext(doc), { id: '@id', type: '@type' }) },
    // Aliases of one's own: `uid` for `@id`, `kind` for `@type`, `claims` for `hasClaim`.
    aliases: {
      '@context': [...EDC, { uid: '@id', kind: '@type', claims: { '@id': 'elm:hasClaim', '@type': '@id' } }],
      ...rename(withoutContext(doc), { id: 'uid', type: 'kind', hasClaim: 'claims' }),
    },
    // A nested @context on the subject, with a member of its own that the importer does not read.
    'nested-context': {
      ...doc,
      credentialSubject: {
        '@context': { nickname: 'http://example.org/vocab#nickname', hasClaim: { '@id': 'http://data.europa.eu/snb/model/elm/hasClaim', '@type': '@id' } },
        ...doc.credentialSubject,
        nickname: 'Nick',
      },
    },
    // The credential as the one node of a @graph.
    graph: { '@context': EDC, '@graph': [withoutContext(doc)] },
  };
}

const out = new URL('fixtures/elm/spellings/', root);
mkdirSync(out, { recursive: true });
for (const [name, doc] of Object.entries(sources)) {
  for (const [spelling, variant] of Object.entries(await spellings(doc))) {
    writeFileSync(new URL(`${name}.${spelling}.json`, out), `${JSON.stringify(variant, null, 2)}\n`);
  }
  writeFileSync(new URL(`${name}.edc.json`, out), `${JSON.stringify(doc, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(sources).length} × 10 files to fixtures/elm/spellings/`);
