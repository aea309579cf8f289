/**
 * The values of a document in their canonical spelling (canonical-form check): type names, IRIs,
 * typed literals and language maps.
 */
import { pointerSegment as seg } from '../../json/pointer.js';
import type { JsonValue } from '../../json/types.js';
import { type ActiveContext, type TermDefinition, compactIri, expandIri } from './contexts.js';
import { isObject, MAX_VALUES_PER_PROPERTY, type Problems } from './problems.js';

/** A language tag whose primary subtag is in lower case (`en`, `pt-BR`, `sr-Latn`; not `EN`). */
const LANGUAGE_TAG = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i;
const PRIMARY_LOWER = /^[a-z]+(-|$)/;
const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** Datatypes whose literals JSON writes natively (as JSON-LD's RDF conversion gives them back). */
const NATIVE_BOOLEAN: ReadonlySet<string> = new Set([`${XSD}boolean`]);
const NATIVE_NUMBER: ReadonlySet<string> = new Set([
  ...['integer', 'int', 'long', 'short', 'byte', 'positiveInteger', 'nonNegativeInteger', 'negativeInteger', 'nonPositiveInteger', 'unsignedInt', 'unsignedLong', 'unsignedShort', 'unsignedByte', 'double'].map((t) => XSD + t),
  // Bitstring Status List's `statusSize` (VC 2.0 and status/v1 contexts) is typed with an `https:`
  // XSD namespace; the REC writes it as a JSON number (`"statusSize": 2`), which signs as "2" does.
  'https://www.w3.org/2001/XMLSchema#integer',
]);
/** Open Badges 3.0 types these with an `https:` XSD namespace; its schema writes them as JSON numbers and booleans. */
const OB3_NATIVE: Readonly<Record<string, string>> = { 'https://www.w3.org/2001/XMLSchema#float': 'number', 'https://www.w3.org/2001/XMLSchema#boolean': 'boolean' };

/** The type names of a node's type member, checked for their canonical spelling. */
export function typeNames(p: Problems, value: JsonValue, ctx: ActiveContext, pointer: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && (value.length === 0 || (value.length === 1 && !p.ob3))) {
    p.notCanonical(pointer, value.length === 0 ? 'An empty list of types: remove the member.' : 'One type written as a one-element array: the canonical form writes the type itself.');
  }
  const out: string[] = [];
  list.forEach((t, i) => {
    const where = Array.isArray(value) ? pointer + seg(i) : pointer;
    if (typeof t !== 'string') {
      p.notCanonical(where, 'A type must be a string.');
      return;
    }
    const iri = expandIri(ctx, t, true);
    const canonical = iri === null ? null : compactIri(ctx, iri, true);
    // OB 3.0 names its credential type by either of two terms (`AchievementCredential` stands for `OpenBadgeCredential`).
    const alias = p.ob3 && iri !== null && ctx.mappings.get(t)?.['@id'] === iri;
    if (canonical !== t && !alias) p.notCanonical(where, `The type ${JSON.stringify(t)} is spelled ${canonical === null ? 'in no way the contexts define' : `${JSON.stringify(canonical)} by the contexts`}.`);
    else if (out.includes(t)) p.notCanonical(where, `The type ${JSON.stringify(t)} is given twice.`);
    out.push(t);
  });
  return out;
}

/** A typed literal (not an IRI) in the one JSON type JSON-LD's conversion from RDF gives it. */
export function literal(p: Problems, item: JsonValue, type: string, where: string): void {
if (type !== undefined) {
  // One spelling per literal: `"4"` and `4` (or `"true"` and `true`) sign the same; the
  // canonical one is what JSON-LD's conversion from RDF gives (native for booleans, integers
  // and doubles, a string for every other datatype).
  // In OB 3.0 the schema's JSON type (signed as it reads: "true", or the number's canonical
  // lexical form); not a string, which a reader takes for a text ("false" is truthy).
  const ob3 = p.ob3 ? OB3_NATIVE[type] : undefined;
  const want = ob3 ?? (NATIVE_BOOLEAN.has(type) ? 'boolean' : NATIVE_NUMBER.has(type) ? 'number' : 'string');
  if (typeof item !== want) p.notCanonical(where, `A ${typeof item} where the context types the value as ${type.replace(XSD, 'xsd:')}: write it as a ${want === 'string' ? 'string' : `JSON ${want}`}.`);
}
}

/** An identifier or reference: an absolute IRI (not a blank node), spelled as the contexts compact it. */
export function iriValue(p: Problems, value: string, ctx: ActiveContext, vocab: boolean, where: string, what: string): void {
  if (value === '') {
    p.add('VC_UNDEFINED_TERM', where, `An empty ${what} (""): JSON-LD drops it without a safe-mode error, so it is neither signed nor checked.`);
    return;
  }
  const iri = expandIri(ctx, value, vocab);
  if (iri === null || !/^([a-z][a-z0-9+.-]*:|_:)/i.test(iri)) {
    p.add('VC_UNDEFINED_TERM', where, `The ${what} ${JSON.stringify(value.slice(0, 100))} is not an absolute IRI: JSON-LD safe mode refuses it (it would be signed as nothing).`);
    return;
  }
  if (iri.startsWith('_:')) {
    p.notCanonical(where, `A blank node identifier (${JSON.stringify(value.slice(0, 100))}): it is not signed (canonicalization renames it), yet it joins or separates nodes in the JSON. Use an IRI, or no identifier.`);
    return;
  }
  const canonical = compactIri(ctx, iri, vocab);
  if (canonical !== value) p.notCanonical(where, `The ${what} ${JSON.stringify(value.slice(0, 100))} is spelled ${JSON.stringify(canonical.slice(0, 100))} by the contexts.`);
}

/** A language map: language tags (lower-case primary subtag, each language once), each with a text or several. */
export function languageMap(p: Problems, value: JsonValue, where: string): void {
  if (!isObject(value)) {
    p.notCanonical(where, 'A language map (an object of language tags) is expected here.');
    return;
  }
  const seen = new Map<string, string>();
  const entries = Object.keys(value);
  const texts = Object.values(value).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 1), 0);
  if (texts > MAX_VALUES_PER_PROPERTY) {
    p.add('VC_CREDENTIAL_MALFORMED', where, `A language map of ${texts} texts in ${entries.length} languages, more than ${MAX_VALUES_PER_PROPERTY}: not checked.`);
    return;
  }
  for (const [lang, text] of Object.entries(value)) {
    const at = where + seg(lang);
    if (!LANGUAGE_TAG.test(lang)) {
      p.notCanonical(at, `${JSON.stringify(lang)} is not a language tag.`);
      continue;
    }
    if (!PRIMARY_LOWER.test(lang)) {
      p.notCanonical(at, `The language tag ${JSON.stringify(lang)} is written with a capital language subtag: JSON-LD writes ${JSON.stringify(lang.toLowerCase())}; write ${JSON.stringify(lang.replace(/^[A-Za-z]+/, (p) => p.toLowerCase()))}.`);
      continue;
    }
    const lower = lang.toLowerCase();
    const other = seen.get(lower);
    if (other !== undefined) {
      p.notCanonical(at, `${JSON.stringify(lang)} and ${JSON.stringify(other)} are the same language: JSON-LD merges them.`);
      continue;
    }
    seen.set(lower, lang);
    if (typeof text === 'string') continue;
    if (Array.isArray(text) && text.length >= 2 && text.every((t) => typeof t === 'string')) {
      if (new Set(text).size !== text.length) p.notCanonical(at, 'The same text twice: it is signed once.');
      continue;
    }
    p.notCanonical(at, Array.isArray(text) && text.length === 0 ? 'An empty list of texts: it adds nothing to what is signed; remove the entry.' : Array.isArray(text) && text.length === 1 ? 'One text written as a one-element array: the canonical form writes the text itself.' : 'A language map holds texts (strings) only.');
  }
}

/** An expanded value standing for `value`, for jsonld.js's term selection. */
export function representative(value: JsonValue, def: TermDefinition): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  const type = def['@type'];
  if (isObject(first)) {
    // A language map holds language-tagged texts: compaction picks the term for such a value (a
    // `@language` container), not the one for a plain text of the same IRI.
    const entry = def['@container']?.includes('@language') ? Object.entries(first)[0] : undefined;
    return entry ? { '@value': Array.isArray(entry[1]) ? entry[1][0] : entry[1], '@language': entry[0] } : {};
  }
  if (type === '@id' || type === '@vocab') return { '@id': String(first) };
  if (type !== undefined) return { '@value': first, '@type': type };
  return { '@value': first };
}
