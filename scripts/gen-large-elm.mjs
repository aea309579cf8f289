// Generates fixtures/elm/perf/many-achievements.jsonld: an EDC credential of more than 4 000 RDF
// quads, for `npm run bench:elm` (validateElm against a bare jsonld.toRDF on a large document).
//
// Made from the EU micro-credential sample (test/vectors/eu-elm/), completed the way EDC seals it
// (`issued`, the issuer's eIDAS identifier) so that it conforms to the EDC shapes, with its learning
// achievement repeated: each copy is a claim of its own (its `urn:epass:` ids numbered), with its
// own awarding process, specification, learning outcomes and assessments; concepts of the EU
// vocabularies (http IRIs) stay shared, as in real documents.
//
// Run with `node scripts/gen-large-elm.mjs`; the output is committed. `--stdout` prints it instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { contexts as credentialContexts } from '@digitalbazaar/credentials-context';
import jsonld from 'jsonld';

const root = new URL('../', import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const MIN_QUADS = 4000;

const contexts = new Map([
  ['https://www.w3.org/2018/credentials/v1', credentialContexts.get('https://www.w3.org/2018/credentials/v1')],
  ['http://data.europa.eu/snb/model/context/edc-ap', read('scripts/data/elm-context/edc-ap-context-3.2.jsonld')],
]);
const documentLoader = async (url) => {
  if (!contexts.has(url)) throw new Error(`${url} is not bundled`);
  return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
};

const sample = read('test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld');
sample.issued = '2023-01-01T09:00:00Z';
sample.issuer.eIDASIdentifier = {
  id: 'urn:epass:legalIdentifier:eidas',
  type: 'LegalIdentifier',
  notation: 'IE-654321',
  spatial: sample.issuer.vatIdentifier.spatial,
};
const claim = sample.credentialSubject.hasClaim;

/**
 * The claim again, every `urn:epass:` id of it numbered `-n`, except the organisations': those are
 * the same organisations, given by reference (`{ "id": … }`), their details (and logos) being in
 * the first claim already.
 */
function copyOf(n) {
  const copy = JSON.parse(JSON.stringify(claim), (key, value) => {
    if (value && typeof value === 'object' && typeof value.id === 'string' && value.id.startsWith('urn:epass:org:')) return { id: value.id };
    if (key === 'id' && typeof value === 'string' && value.startsWith('urn:epass:') && !value.startsWith('urn:epass:org:')) return `${value}-${n}`;
    return value;
  });
  copy.title = { en: `Micro-module ${n}` };
  return copy;
}

const doc = structuredClone(sample);
const withCopies = async (n) => {
  doc.credentialSubject.hasClaim = [claim, ...Array.from({ length: n }, (_, i) => copyOf(i + 1))];
  return (await jsonld.toRDF(doc, { documentLoader, safe: true })).length;
};
// Each copy adds the same number of quads: the fewest copies that reach MIN_QUADS, from two counts.
const [none, one] = [await withCopies(0), await withCopies(1)];
let n = Math.ceil((MIN_QUADS - none) / (one - none));
let quads = await withCopies(n);
while (quads < MIN_QUADS) quads = await withCopies(++n);

const out = `${JSON.stringify(doc, null, 2)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(out);
else {
  writeFileSync(new URL('fixtures/elm/perf/many-achievements.jsonld', root), out);
  console.log(`fixtures/elm/perf/many-achievements.jsonld: ${doc.credentialSubject.hasClaim.length} claims, ${quads} quads, ${(out.length / 1024).toFixed(0)} KB`);
}
