// The EU's own translations copied under scripts/data/sd-jwt-vc-labels/ (SOURCE.md there), read
// once for the two generators that use them: scripts/gen-sd-jwt-vc-labels.mjs (the SD-JWT VC type
// metadata's claim labels) and scripts/gen-render-labels.mjs (the labels of the pictures).
import { readFileSync, readdirSync } from 'node:fs';
import { Parser } from 'n3';

export const DATA = new URL('./data/sd-jwt-vc-labels/', import.meta.url);
const ELM = 'http://data.europa.eu/snb/model/elm/';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

/**
 * The EDC viewer's interface strings by language (`de` → its flat key → text map). Its `lo.json` is
 * not a language (its values are the keys): not copied, not read.
 */
export function readEdcStrings() {
  const edcDir = new URL('edc-viewer-i18n/', DATA);
  const edc = new Map();
  for (const file of readdirSync(edcDir).filter((f) => f.endsWith('.json')).sort()) {
    edc.set(file.slice(0, -5), JSON.parse(readFileSync(new URL(file, edcDir), 'utf8')));
  }
  if (edc.size !== 29) throw new Error(`expected 29 EDC language files, found ${edc.size}`);
  return edc;
}

/** The ELM 3.2 ontology's rdfs:label values: term (`awardingBody`) → Map(language → label). */
export function readElmLabels() {
  const quads = new Parser().parse(readFileSync(new URL('ELM-3.2-ontology-multilingual.ttl', DATA), 'utf8'));
  const elm = new Map();
  for (const q of quads) {
    if (q.predicate.value !== RDFS_LABEL || !q.subject.value.startsWith(ELM) || !q.object.language) continue;
    const term = q.subject.value.slice(ELM.length);
    if (!elm.has(term)) elm.set(term, new Map());
    elm.get(term).set(q.object.language, q.object.value);
  }
  return elm;
}
