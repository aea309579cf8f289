/**
 * The terms of the EDC spelling (the VC 1.1 and ELM contexts, as bundled) and the check that a
 * document is already written in it, so that reading it through JSON-LD would change nothing the
 * importer reads. Built once, lazily, from the bundled context documents.
 */
import { BUNDLED_CONTEXTS, CONTEXT_URLS } from '../../jsonld/contexts.js';
import { isNode } from './json.js';
import { isStatusEntrySpelling } from './status-spelling.js';

type Node = Record<string, unknown>;

/** What the importer needs to know of a term definition. */
export interface TermDef {
  /** The expanded IRI (or keyword, for `id` → `@id`). */
  iri: string;
  /** `@type` of the definition: `@id`, `@vocab`, a datatype IRI, or undefined. */
  type: string | undefined;
  /** `@container`, if any. */
  container: string | undefined;
  /** The definition carries a scoped context (type-scoped for a class, property-scoped otherwise). */
  scoped: boolean;
  /** Another term of the same table maps to the same IRI: compaction might choose the other one. */
  ambiguous: boolean;
}

export type TermTable = ReadonlyMap<string, TermDef>;

/** The EDC context pair, as EDC writes it. */
export const EDC_CONTEXT: readonly string[] = Object.freeze([CONTEXT_URLS.VC_V1, CONTEXT_URLS.ELM]);

/**
 * Contexts that may follow the EDC pair in a credential signed by this library: they define only
 * `proof` and the classes of its suites, which the importer never reads.
 */
export const PROOF_CONTEXTS: ReadonlySet<string> = new Set([CONTEXT_URLS.ED25519_2020, CONTEXT_URLS.DATA_INTEGRITY_V1, CONTEXT_URLS.DATA_INTEGRITY_V2]);

/**
 * The W3C status/v1 context, which an ELM credential with a Bitstring Status List entry names right
 * after the EDC pair (src/elm/export/status.ts): it defines only the status classes (their members
 * in type-scoped contexts) and `id`/`type` as VC 1.1 does, so no EDC term changes meaning.
 */
export const STATUS_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';

const GEN_DELIM = /[:/?#[\]@]$/;

function contextOf(url: string): Node {
  const ctx = BUNDLED_CONTEXTS.get(url)?.['@context'];
  // Packaging invariant: both contexts are bundled objects (guarded by the loader tests).
  if (!isNode(ctx)) throw new Error(`${url} is not bundled as a context object`);
  return ctx;
}

/** Adds the term definitions of one context object to `table` (later definitions win). */
function addTerms(table: Map<string, TermDef>, ctx: Node): void {
  const prefixes = new Map<string, string>();
  for (const [term, def] of Object.entries(ctx)) {
    if (typeof def === 'string' && GEN_DELIM.test(def)) prefixes.set(term, def);
  }
  const expand = (iri: string): string => {
    const colon = iri.indexOf(':');
    const prefix = colon > 0 ? iri.slice(0, colon) : undefined;
    return prefix !== undefined && prefixes.has(prefix) && !iri.startsWith('//', colon + 1) ? prefixes.get(prefix)! + iri.slice(colon + 1) : iri;
  };
  for (const [term, def] of Object.entries(ctx)) {
    if (term.startsWith('@')) continue;
    if (typeof def === 'string') {
      table.set(term, { iri: expand(def), type: undefined, container: undefined, scoped: false, ambiguous: false });
    } else if (isNode(def)) {
      const id = typeof def['@id'] === 'string' ? def['@id'] : term;
      const type = typeof def['@type'] === 'string' ? def['@type'] : undefined;
      const container = typeof def['@container'] === 'string' ? def['@container'] : undefined;
      table.set(term, { iri: expand(id), type, container, scoped: !harmless(def['@context']), ambiguous: false });
    }
  }
}

/**
 * A scoped context that defines only `id`, `type` and class or prefix names (VC 1.1's
 * `credentialSchema`): the members of the nodes under it are read with the base terms either way.
 */
function harmless(scoped: unknown): boolean {
  if (scoped === undefined) return true;
  if (!isNode(scoped)) return false;
  return Object.entries(scoped).every(([k, v]) => (k.startsWith('@') ? k === '@version' || k === '@protected' : typeof v === 'string'));
}

function markAmbiguous(table: Map<string, TermDef>): Map<string, TermDef> {
  const count = new Map<string, number>();
  for (const [term, def] of table) if (!GEN_DELIM.test(def.iri) && !term.includes(':')) count.set(def.iri, (count.get(def.iri) ?? 0) + 1);
  for (const [term, def] of table) if ((count.get(def.iri) ?? 0) > 1) table.set(term, { ...def, ambiguous: true });
  return table;
}

/** The term tables of the EDC spelling. */
export interface EdcTerms {
  /** Terms of every node (VC 1.1 top level, then ELM). */
  base: TermTable;
  /** Terms of a node typed `VerifiableCredential`: the base ones and the type-scoped VC 1.1 ones. */
  credential: TermTable;
  /** Prefixes (terms whose IRI ends with a gen-delim), by name: what compaction makes compact IRIs of. */
  prefixes: ReadonlyMap<string, string>;
}

let terms: EdcTerms | undefined;

/** The term tables, built on first use. */
export function edcTerms(): EdcTerms {
  if (terms) return terms;
  const vc = contextOf(CONTEXT_URLS.VC_V1);
  const base = new Map<string, TermDef>();
  addTerms(base, vc);
  addTerms(base, contextOf(CONTEXT_URLS.ELM));
  const credential = new Map(base);
  const scoped = (vc.VerifiableCredential as Node | undefined)?.['@context'];
  if (isNode(scoped)) addTerms(credential, scoped);
  const prefixes = new Map<string, string>();
  for (const table of [base, credential]) for (const [term, def] of table) if (!def.scoped && def.type === undefined && def.container === undefined && GEN_DELIM.test(def.iri)) prefixes.set(term, def.iri);
  terms = { base: markAmbiguous(base), credential: markAmbiguous(credential), prefixes };
  return terms;
}

/** A budget of values the check walks; beyond it the document is simply not on the fast path. */
const MAX_VALUES = 500_000;

/**
 * Whether `doc` is provably in the EDC spelling: `@context` the EDC pair (optionally followed by
 * the status/v1 context, with the status entry in its terms, then by the proof contexts of a signed
 * credential), no other `@context`, no `@graph`, every member a term
 * of the bundled contexts used as its definition says, so that expansion and compaction with the
 * EDC pair would give back what the importer reads.
 */
export function isEdcSpelling(doc: Node): boolean {
  const context = doc['@context'];
  if (!Array.isArray(context) || context.length < 2 || context[0] !== EDC_CONTEXT[0] || context[1] !== EDC_CONTEXT[1]) return false;
  const status = context[2] === STATUS_CONTEXT;
  const proofContexts = context.slice(status ? 3 : 2);
  if (!proofContexts.every((c) => typeof c === 'string' && PROOF_CONTEXTS.has(c))) return false;
  // With the status/v1 context, the credential's status entry is in its terms (never read into the model).
  if (status && Object.hasOwn(doc, 'credentialStatus') && !isStatusEntrySpelling(doc.credentialStatus)) return false;
  const checker = new SpellingCheck(edcTerms());
  return checker.node(doc, true, proofContexts.length > 0, status);
}

class SpellingCheck {
  private budget = MAX_VALUES;
  /** Language tags with capitals, by their lower-case form: JSON-LD lower-cases them, and two spellings of one tag cannot both be restored. */
  private readonly tags = new Map<string, string>();

  constructor(private readonly t: EdcTerms) {}

  /** A node object and everything under it. */
  node(n: Node, root: boolean, signed: boolean, status = false): boolean {
    const types = n.type ?? n['@type'];
    const typeList = Array.isArray(types) ? types : types === undefined ? [] : [types];
    if (!typeList.every((x) => typeof x === 'string' && this.isClass(x))) return false;
    if (typeList.includes('VerifiablePresentation')) return false;
    const table = typeList.includes('VerifiableCredential') ? this.t.credential : this.t.base;
    for (const key of Object.keys(n)) {
      if (--this.budget < 0) return false;
      const value = n[key];
      if (key === 'id' || key === '@id') {
        if (typeof value !== 'string' || this.isCompactIri(value) || (key === '@id' && Object.hasOwn(n, 'id'))) return false;
      } else if (key === 'type' || key === '@type') {
        if (key === '@type' && Object.hasOwn(n, 'type')) return false;
      } else if (root && key === '@context') {
        continue;
      } else if (root && signed && key === 'proof') {
        continue; // the proof of a signed credential: never read by the importer
      } else if (root && status && key === 'credentialStatus') {
        continue; // checked by isStatusEntrySpelling
      } else {
        const def = table.get(key);
        if (!def || def.ambiguous || def.scoped || !this.values(value, def)) return false;
      }
    }
    return true;
  }

  private isClass(type: string): boolean {
    const def = this.t.base.get(type);
    if (!def || def.ambiguous || def.type !== undefined || def.container !== undefined) return false;
    return !def.scoped || type === 'VerifiableCredential';
  }

  /** `elm:x`: a compact IRI, which expansion would rewrite. */
  private isCompactIri(value: string): boolean {
    const colon = value.indexOf(':');
    return colon > 0 && this.t.prefixes.has(value.slice(0, colon)) && !value.startsWith('//', colon + 1);
  }

  private values(value: unknown, def: TermDef): boolean {
    if (Array.isArray(value)) {
      for (const v of value) if (--this.budget < 0 || Array.isArray(v) || !this.value(v, def)) return false;
      return true;
    }
    return this.value(value, def);
  }

  private value(value: unknown, def: TermDef): boolean {
    if (def.container === '@language') return this.languageMap(value);
    if (def.container !== undefined) return false;
    if (isNode(value)) return def.type === undefined || def.type === '@id' ? this.node(value, false, false) : false;
    if (typeof value === 'string') return def.type === '@id' ? !this.isCompactIri(value) : def.type !== '@vocab';
    if (typeof value === 'number' || typeof value === 'boolean') return def.type !== '@id' && def.type !== '@vocab';
    return false;
  }

  private languageMap(value: unknown): boolean {
    if (!isNode(value)) return false;
    for (const tag of Object.keys(value)) {
      if (tag.startsWith('@') || !this.tag(tag)) return false;
      const texts = value[tag];
      if (typeof texts === 'string') continue;
      if (!Array.isArray(texts) || !texts.every((x) => typeof x === 'string')) return false;
    }
    return true;
  }

  private tag(tag: string): boolean {
    const lower = tag.toLowerCase();
    if (lower === tag) return !this.tags.has(lower) || this.tags.get(lower) === tag;
    const known = this.tags.get(lower);
    if (known === undefined) this.tags.set(lower, tag);
    return known === undefined || known === tag;
  }
}
