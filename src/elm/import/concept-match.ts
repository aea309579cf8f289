/**
 * Concepts written without an `id`: real documents give an EQF level as `{ type: 'Concept',
 * notation: '6' }` or the ECTS framework as `{ prefLabel: { en: 'ECTS' } }`. Such a concept is
 * matched to the EU vocabulary by its notation or its label when exactly one concept fits, and the
 * caller says it inferred the match (ELM_VALUE_INFERRED).
 */
import type { ConceptSet } from '../../vocab/lookup.js';
import { isNode, many } from './json.js';

type Node = Record<string, unknown>;


/** Lower case, one space between words, no punctuation at the ends: `Level 6.` and `level  6` match. */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, ' ').replace(/^[\s.:]+|[\s.:]+$/g, '');

/** Every text of a language map, a string, an array of them, or JSON-LD value objects. */
function texts(value: unknown): string[] {
  const out: string[] = [];
  for (const item of many(value)) {
    if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
    else if (isNode(item) && (typeof item['@value'] === 'string' || typeof item['@value'] === 'number')) out.push(String(item['@value']));
    else if (isNode(item)) for (const [k, v] of Object.entries(item)) if (k !== '@language' && k !== '@type') out.push(...texts(v));
  }
  return out;
}

/** Extra names a concept is known by, beyond its key, label and URI's last segment. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  ECTS: ['european credit transfer and accumulation system', 'european credit transfer system'],
  ECVET: ['european credit system for vocational education and training'],
};

function namesOf(key: string, label: string, uri: string): string[] {
  const names = [key, label, uri.slice(uri.lastIndexOf('/') + 1), ...(ALIASES[key] ?? [])].map(fold);
  // EQF levels: "6", "Level 6", "EQF level 6", "EQF 6".
  if (/^[1-8]$/.test(key)) names.push(`level ${key}`, `eqf level ${key}`, `eqf ${key}`, `eqf-${key}`);
  return names;
}

export interface ConceptMatch {
  uri: string;
  /** `notation` or `label`: what matched. */
  by: 'notation' | 'label';
  /** The text that matched, as written. */
  text: string;
}

/**
 * The one concept of `set` whose key, label or URI segment equals the node's `notation` (first) or
 * one of its `prefLabel`s; `undefined` when none or several do, or when the node names another
 * scheme in `inScheme`.
 *
 * @example
 * matchConcept(EQF_LEVEL, { type: 'Concept', notation: '6' }); // { uri: 'http://data.europa.eu/snb/eqf/6', by: 'notation', text: '6' }
 */
export function matchConcept(set: ConceptSet, node: unknown): ConceptMatch | undefined {
  if (!isNode(node)) return undefined;
  const scheme = node.inScheme;
  const schemeId = typeof scheme === 'string' ? scheme : isNode(scheme) ? (scheme.id ?? scheme['@id']) : undefined;
  if (typeof schemeId === 'string' && schemeId !== set.scheme) return undefined;
  for (const by of ['notation', 'label'] as const) {
    for (const text of texts(by === 'notation' ? node.notation : (node.prefLabel ?? node.altLabel))) {
      const wanted = fold(text);
      if (wanted === '') continue;
      // Several model keys may share one concept (supervision): the concept is what must be unique.
      const found = new Set(Object.entries(set.concepts).filter(([key, c]) => namesOf(key, c.label, c.uri).includes(wanted)).map(([, c]) => c.uri));
      if (found.size === 1) return { uri: [...found][0]!, by, text };
    }
  }
  return undefined;
}
