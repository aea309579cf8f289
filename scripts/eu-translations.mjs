// The EU's own translations copied under scripts/data/sd-jwt-vc-labels/ (SOURCE.md there), read
// once for the generators that use them: scripts/gen-sd-jwt-vc-labels.mjs (the SD-JWT VC type
// metadata's claim labels), scripts/gen-render-labels.mjs (the labels of the pictures) and
// scripts/gen-web-strings.mjs (the verifier page's words), with the lookup and the script check the
// last two share.
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

/**
 * The raw text of `source` (`edc:<key>` in the EDC viewer's strings, `elm:<term>` in the ontology's
 * labels) in `lang`, or undefined.
 */
export function rawText(edc, elm, source, lang) {
  const key = source.slice(4);
  if (source.startsWith('edc:')) return edc.get(lang)?.[key];
  if (source.startsWith('elm:')) return elm.get(key)?.get(lang);
  throw new Error(`unknown source ${source}`);
}

/**
 * The script a language's texts are written in. The EDC viewer's Serbian is in Latin script, so
 * the ontology's few Cyrillic Serbian labels are not mixed in.
 */
const SCRIPT = { bg: 'Cyrillic', el: 'Greek', mk: 'Cyrillic' };

/** Why `text` is not in the script of `lang` (Latin unless SCRIPT says otherwise), or undefined. */
export function scriptProblem(lang, text) {
  const script = SCRIPT[lang];
  if (script !== undefined && !new RegExp(`\\p{Script=${script}}`, 'u').test(text)) return `not in ${script} script`;
  if (script === undefined && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(text)) return 'not in Latin script';
  return undefined;
}
