/**
 * The one JSON form of a signed document. A linked-data proof signs the canonical RDF of a
 * document; people and code read its JSON. JSON-LD lets the same RDF be spelled many ways (a value
 * or a one-element array, a term or its full IRI, a value object or a plain string, an inline
 * context that renames terms…), and lets JSON carry members that add nothing to the RDF (`null`,
 * `[]`, an empty language entry). A reader of such JSON sees something else than what was signed.
 *
 * This module checks that a document is exactly what JSON-LD compaction with the document's own
 * (allow-listed, bundled) contexts produces from its expanded form, member by member, and reports
 * each place where it is not, with its JSON Pointer. The term definitions, type- and
 * property-scoped contexts, IRI expansion and compaction are jsonld.js's own (its context
 * processing and `compactIri`, of the pinned 9.0.0); what is ours is the walk, because jsonld.js's
 * `compact()` copies and re-inverts the active context at every typed node and costs twice a whole
 * verification (22 ms on the EU sample against 12 ms), where this walk costs a few percent of it.
 * The tests compare its verdicts with jsonld.js's compaction round trip over every fixture, the EU
 * sample and thousands of rewrites.
 *
 * The canonical profile is stricter than JSON-LD in one way, on purpose: it has no room for
 * JSON-LD features the bundled contexts do not use (`@nest`, `@index`, `@reverse`, `@list`, id and
 * type maps, nested `@context` except at an embedded credential's root). Language tags in language
 * maps are compared without regard to case (JSON-LD lower-cases them; `sr-Latn` is how people write
 * them), but one map may not hold two keys that differ only in case.
 */
import jsonld from 'jsonld';
import compactApi from 'jsonld/lib/compact.js';
import contextApi from 'jsonld/lib/context.js';
import { pointerSegment as seg } from '../json/pointer.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import type { DocumentLoader } from './loader.js';

/** What kind of problem: a re-spelled member, a context that is not allowed, or one that is not bundled. */
export type FormProblemCode = 'VC_JSON_NOT_CANONICAL' | 'VC_CONTEXT_NOT_ALLOWED' | 'VC_CONTEXT_NOT_BUNDLED' | 'VC_UNDEFINED_TERM' | 'VC_CREDENTIAL_MALFORMED';

/** One place where a document is not in its canonical JSON form. */
export interface FormProblem {
  code: FormProblemCode;
  /** JSON Pointer (RFC 6901) of the offending member or value in the document. */
  pointer: string;
  message: string;
}

/** A jsonld.js term definition (the parts read here). */
interface TermDefinition {
  '@id': string;
  reverse?: boolean;
  '@type'?: string;
  '@container'?: string[];
  '@context'?: unknown;
  '@nest'?: string;
  '@index'?: string;
}

/** A jsonld.js active context (the parts read here). */
interface ActiveContext {
  mappings: Map<string, TermDefinition>;
  '@vocab'?: string;
  getInverse(): Record<string, unknown>;
}

/** Options of `canonicalFormProblems()`. */
export interface CanonicalFormOptions {
  /** Serves every allowed context (and nothing is fetched). */
  documentLoader: DocumentLoader;
  /** Context URLs a document may name. */
  allowedContexts: ReadonlySet<string>;
  /** Context URLs whose content never changes (the bundled ones): their processing is cached. */
  staticContexts: ReadonlySet<string>;
  /** Stop after this many problems (default 20). */
  maxProblems?: number;
}

const SEC_PROOF = 'https://w3id.org/security#proof';
/** A language tag whose primary subtag is in lower case (`en`, `pt-BR`, `sr-Latn`; not `EN`). */
const LANGUAGE_TAG = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i;
const PRIMARY_LOWER = /^[a-z]+(-|$)/;
/**
 * Values of one property (an array, or a language map's entries) beyond which a document is not
 * checked: canonicalizing it takes time quadratic in their number (jsonld.js compares each new
 * value with those before it), 6 s for 20 000 and minutes for 100 000. No real credential comes near.
 */
export const MAX_VALUES_PER_PROPERTY = 10_000;
const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** Datatypes whose literals JSON writes natively (as JSON-LD's RDF conversion gives them back). */
const NATIVE_BOOLEAN: ReadonlySet<string> = new Set([`${XSD}boolean`]);
const NATIVE_NUMBER: ReadonlySet<string> = new Set(['integer', 'int', 'long', 'short', 'byte', 'positiveInteger', 'nonNegativeInteger', 'negativeInteger', 'nonPositiveInteger', 'unsignedInt', 'unsignedLong', 'unsignedShort', 'unsignedByte', 'double'].map((t) => XSD + t));
const KEYWORD_LIKE = /^@[a-z]+$/i;

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---- contexts: processed by jsonld.js, memoised so that each active context is one object whose
// inverse jsonld.js builds once (jsonld.js's own compaction builds it again for every typed node).

/**
 * A jsonld.js instance of this module's own: its resolved-context cache keeps up to ten processed
 * active contexts per context, and this module's would push out those of the proof suites'
 * expansion (which then processes them again: signing took 25 % longer when they shared it).
 */
const processor = jsonld();

let initial: Promise<ActiveContext> | undefined;
const topContexts = new Map<string, Promise<ActiveContext>>();
const scopedContexts = new WeakMap<ActiveContext, Map<unknown, Promise<ActiveContext>>>();
const TOP_CONTEXTS_MAX = 64;

function initialContext(): Promise<ActiveContext> {
  initial ??= processor.processContext(null, null, {}) as Promise<ActiveContext>;
  return initial;
}

async function processUrls(urls: readonly string[], loader: DocumentLoader, cacheable: boolean, parent?: ActiveContext): Promise<ActiveContext> {
  const run = async () => processor.processContext(parent ?? (await initialContext()), [...urls], { documentLoader: loader, base: null }) as Promise<ActiveContext>;
  if (!cacheable || parent !== undefined) return run();
  const key = urls.join(' ');
  let ctx = topContexts.get(key);
  if (!ctx) {
    if (topContexts.size >= TOP_CONTEXTS_MAX) topContexts.clear();
    topContexts.set(key, (ctx = run()));
    ctx.catch(() => topContexts.delete(key));
  }
  return ctx;
}

/** The active context after a scoped context (type- or property-scoped) of a term definition. */
function withScoped(active: ActiveContext, scoped: unknown, loader: DocumentLoader): Promise<ActiveContext> {
  let byScoped = scopedContexts.get(active);
  if (!byScoped) scopedContexts.set(active, (byScoped = new Map()));
  let ctx = byScoped.get(scoped);
  if (!ctx) {
    byScoped.set(scoped, (ctx = processor.processContext(active, scoped, { documentLoader: loader, base: null }) as Promise<ActiveContext>));
    ctx.catch(() => byScoped!.delete(scoped));
  }
  return ctx;
}

/** Whether a scoped context propagates into nested nodes (type-scoped ones do not, by default). */
const propagates = (scoped: unknown): boolean => isObject(scoped) && scoped['@propagate'] === true;

function expandIri(ctx: ActiveContext, value: string, vocab: boolean): string | null {
  const memo = memoOf(ctx)[vocab ? 'expandVocab' : 'expandBase'];
  let out = memo.get(value);
  if (out === undefined) {
    if (memo.size > 4096) memo.clear();
    memo.set(value, (out = contextApi.expandIri(ctx, value, vocab ? { vocab: true } : { base: true }, { base: null }) as string | null));
  }
  return out;
}

/** Per active context: IRI compactions without a value (vocab and not), and the number of terms per IRI. */
interface Memo {
  vocab: Map<string, string>;
  base: Map<string, string>;
  expandVocab: Map<string, string | null>;
  expandBase: Map<string, string | null>;
  terms: Map<string, number>;
}
const memos = new WeakMap<ActiveContext, Memo>();
function memoOf(ctx: ActiveContext): Memo {
  let memo = memos.get(ctx);
  if (!memo) memos.set(ctx, (memo = { vocab: new Map(), base: new Map(), expandVocab: new Map(), expandBase: new Map(), terms: new Map() }));
  return memo;
}

function compactIri(ctx: ActiveContext, iri: string, vocab: boolean, value: unknown = null): string {
  const run = () => compactApi.compactIri({ activeCtx: ctx, iri, value, relativeTo: { vocab }, base: null }) as string;
  if (value !== null) return run();
  const memo = memoOf(ctx)[vocab ? 'vocab' : 'base'];
  let out = memo.get(iri);
  if (out === undefined) {
    // Bounded: a hostile document can name any number of distinct IRIs.
    if (memo.size > 4096) memo.clear();
    memo.set(iri, (out = run()));
  }
  return out;
}

/** The terms of an active context that compact to `iri` (more than one: the choice depends on the value). */
function termsFor(ctx: ActiveContext, iri: string): number {
  const memo = memoOf(ctx).terms;
  const known = memo.get(iri);
  if (known !== undefined) return known;
  const entry = ctx.getInverse()[iri];
  const terms = new Set<string>();
  const collect = (v: unknown) => {
    if (typeof v === 'string') terms.add(v);
    else if (isObject(v)) for (const x of Object.values(v)) collect(x);
  };
  if (isObject(entry)) collect(entry);
  if (memo.size > 4096) memo.clear();
  memo.set(iri, terms.size);
  return terms.size;
}

// ---- the walk

class Walk {
  readonly problems: FormProblem[] = [];
  /** Nodes with an identifier and content, by identifier: each copy must be the same node. */
  private nodes = new Map<string, { node: JsonObject; pointer: string }[]>();
  private readonly max: number;
  constructor(readonly options: CanonicalFormOptions) {
    this.max = options.maxProblems ?? 20;
  }

  get full(): boolean {
    return this.problems.length >= this.max;
  }

  add(code: FormProblemCode, pointer: string, message: string): void {
    if (!this.full) this.problems.push({ code, pointer, message });
  }

  notCanonical(pointer: string, message: string): void {
    this.add('VC_JSON_NOT_CANONICAL', pointer, message);
  }

  /** The URLs of a `@context` value, or undefined (with problems) when it is not a list of allowed URLs. */
  contextUrls(value: JsonValue, pointer: string): string[] | undefined {
    const list = Array.isArray(value) ? value : [value];
    const urls: string[] = [];
    const named = new Set<string>();
    let ok = true;
    if (list.length > 64) {
      this.add('VC_CONTEXT_NOT_ALLOWED', pointer, `${list.length} contexts: a document names a few.`);
      return undefined;
    }
    list.forEach((item, i) => {
      const where = Array.isArray(value) ? pointer + seg(i) : pointer;
      if (typeof item === 'string') {
        if (!this.options.allowedContexts.has(item)) {
          this.add('VC_CONTEXT_NOT_BUNDLED', where, `The context ${JSON.stringify(item)} is not bundled (nor passed in \`documents\`); nothing was fetched.`);
          ok = false;
        } else if (named.has(item)) {
          this.notCanonical(where, `The context ${JSON.stringify(item)} is named twice.`);
          ok = false;
        } else {
          named.add(item);
          urls.push(item);
        }
        return;
      }
      ok = false;
      // A remote context inside an inline one is reported as such: it is the part that would be fetched.
      if (!this.remote(item, where)) {
        this.add('VC_CONTEXT_NOT_ALLOWED', where, `An inline context (${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}): it can rename or redefine terms after signing; only the URLs of bundled contexts (or of contexts passed in \`documents\`) are allowed.`);
      }
    });
    if (Array.isArray(value) && value.length === 0) {
      this.add('VC_CONTEXT_NOT_ALLOWED', pointer, 'An empty `@context`.');
      ok = false;
    }
    return ok ? urls : undefined;
  }

  /** Reports the URLs inside `value` that are not allowed (VC_CONTEXT_NOT_BUNDLED); whether there were any. */
  remote(value: JsonValue, where: string): boolean {
    const urls = typeof value === 'string' ? [{ url: value, pointer: '' }] : remoteUrlsIn(value);
    let found = false;
    for (const url of urls) {
      if (this.options.allowedContexts.has(url.url)) continue;
      this.add('VC_CONTEXT_NOT_BUNDLED', where + url.pointer, `The context ${JSON.stringify(url.url)} is not bundled (nor passed in \`documents\`); nothing was fetched.`);
      found = true;
    }
    return found;
  }

  async withContexts(parent: ActiveContext | undefined, value: JsonValue, pointer: string): Promise<ActiveContext | undefined> {
    const urls = this.contextUrls(value, pointer);
    if (!urls) return undefined;
    const cacheable = urls.every((u) => this.options.staticContexts.has(u));
    try {
      return await processUrls(urls, this.options.documentLoader, cacheable, parent);
    } catch (error) {
      this.add('VC_CONTEXT_NOT_ALLOWED', pointer, `The contexts cannot be combined: ${error instanceof Error ? error.message.slice(0, 200) : 'context processing failed'}.`);
      return undefined;
    }
  }

  /**
   * A node object. `propagated` is the context its parent passes down (without the parent's
   * type-scoped context), `scoped` a property-scoped context of the member that holds it.
   */
  async node(node: JsonObject, propagated: ActiveContext, pointer: string, root: boolean): Promise<void> {
    if (this.full) return;
    let base = propagated;
    if (Object.hasOwn(node, '@context')) {
      if (!root) {
        const where = pointer + seg('@context');
        const value = node['@context']!;
        if (!(Array.isArray(value) ? value.map((v, i) => this.remote(v, where + seg(i))).some(Boolean) : this.remote(value, where))) this.add('VC_CONTEXT_NOT_ALLOWED', where, 'A `@context` inside the document: it can rename or redefine terms after signing; contexts belong at the top of a credential or presentation only.');
        return;
      }
      const ctx = await this.withContexts(propagated, node['@context']!, pointer + seg('@context'));
      if (!ctx) return;
      base = ctx;
    }
    const keys = Object.keys(node).filter((k) => k !== '@context');
    // Types, and the type-scoped contexts they bring (in lexicographic order, as JSON-LD applies them).
    let active = base;
    let forChildren = base;
    const typeKeys = keys.filter((k) => base.mappings.get(k)?.['@id'] === '@type');
    if (typeKeys.length > 1) this.notCanonical(pointer, `The node's types are given under ${typeKeys.map((k) => JSON.stringify(k)).join(' and ')}: one member only.`);
    for (const key of typeKeys) {
      const types = this.types(node[key]!, base, pointer + seg(key));
      for (const t of [...types].sort()) {
        const scoped = base.mappings.get(t)?.['@context'];
        if (scoped === undefined) continue;
        try {
          active = await withScoped(active, scoped, this.options.documentLoader);
        } catch (error) {
          this.add('VC_CONTEXT_NOT_ALLOWED', pointer + seg(key), `The context scoped to the type ${JSON.stringify(t)} cannot be applied: ${error instanceof Error ? error.message.slice(0, 200) : 'failed'}.`);
          return;
        }
        if (propagates(scoped)) forChildren = active;
      }
    }
    const seen = new Map<string, string>();
    for (const key of keys) {
      if (this.full) return;
      if (typeKeys.includes(key)) continue;
      await this.member(node, key, active, forChildren, pointer, seen, root || pointer === '');
    }
    const idKey = keys.find((k) => active.mappings.get(k)?.['@id'] === '@id');
    const id = idKey === undefined ? undefined : node[idKey];
    if (typeof id === 'string' && keys.length > 1) this.copyOf(id, node, pointer);
  }

  /** Records a copy of a node with an identifier (EDC writes organisations and concepts out again). */
  copyOf(id: string, node: JsonObject, pointer: string): void {
    const copies = this.nodes.get(id);
    if (copies === undefined) this.nodes.set(id, [{ node, pointer }]);
    else copies.push({ node, pointer });
  }

  /**
   * A node written out more than once must have one copy that holds all the others (the issuer in
   * full, the same organisation as an awarding body with fewer details): JSON-LD merges the copies,
   * so copies that complete each other would each show only a part of what is signed, and a reader
   * of one of them would miss the rest.
   */
  checkCopies(): void {
    // Only for a document whose members are otherwise in order: the comparison reads raw JSON.
    if (this.problems.length > 0) return;
    const budget = { left: CONTAINMENT_BUDGET };
    for (const [id, copies] of this.nodes) {
      if (copies.length < 2) continue;
      // Most copies are the same node written out again (EDC's concepts): equal texts, nothing to compare.
      const first = keyOf(copies[0]!.node);
      if (copies.every((c) => keyOf(c.node) === first)) continue;
      let fullest = copies[0]!;
      let most = size(fullest.node);
      for (const c of copies) {
        const n = size(c.node);
        if (n > most) [fullest, most] = [c, n];
      }
      for (const copy of copies) {
        if (copy === fullest) continue;
        const held = contains(fullest.node, copy.node, budget);
        if (budget.left < 0) {
          this.add('VC_CREDENTIAL_MALFORMED', copy.pointer, `The copies of the node ${JSON.stringify(id.slice(0, 100))} are too many or too large to compare: not checked.`);
          return;
        }
        if (!held) {
          this.notCanonical(copy.pointer, `The node ${JSON.stringify(id.slice(0, 100))} is also written at ${fullest.pointer || '/'} with content this copy does not share: JSON-LD merges the copies, so each shows only part of what is signed. Write it in full once; other copies may only repeat what it says.`);
        }
      }
    }
  }

  /** The type names of a node's type member, checked for their canonical spelling. */
  types(value: JsonValue, ctx: ActiveContext, pointer: string): string[] {
    const list = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && value.length < 2) {
      this.notCanonical(pointer, value.length === 0 ? 'An empty list of types: remove the member.' : 'One type written as a one-element array: the canonical form writes the type itself.');
    }
    const out: string[] = [];
    list.forEach((t, i) => {
      const where = Array.isArray(value) ? pointer + seg(i) : pointer;
      if (typeof t !== 'string') {
        this.notCanonical(where, 'A type must be a string.');
        return;
      }
      const iri = expandIri(ctx, t, true);
      const canonical = iri === null ? null : compactIri(ctx, iri, true);
      if (canonical !== t) this.notCanonical(where, `The type ${JSON.stringify(t)} is spelled ${canonical === null ? 'in no way the contexts define' : `${JSON.stringify(canonical)} by the contexts`}.`);
      else if (out.includes(t)) this.notCanonical(where, `The type ${JSON.stringify(t)} is given twice.`);
      out.push(t);
    });
    return out;
  }

  async member(node: JsonObject, key: string, active: ActiveContext, forChildren: ActiveContext, pointer: string, seen: Map<string, string>, root: boolean): Promise<void> {
    const where = pointer + seg(key);
    const value = node[key]!;
    if (KEYWORD_LIKE.test(key) || key.startsWith('@')) {
      this.notCanonical(where, `The JSON-LD keyword \`${key}\` written as is: the canonical form ${key === '@id' || key === '@type' ? `uses the context's alias (\`${key.slice(1)}\`)` : 'has no such member'}.`);
      return;
    }
    let def = active.mappings.get(key);
    if (!def) {
      const iri = expandIri(active, key, true);
      if (key.includes(':') || iri === null || active['@vocab'] === undefined) {
        const canonical = iri !== null && /^[a-z][a-z0-9+.-]*:/i.test(iri) ? compactIri(active, iri, true) : undefined;
        if (canonical !== undefined && canonical !== key) this.notCanonical(where, `The member \`${key}\` is written as an IRI: the contexts name it \`${canonical}\`.`);
        else this.add('VC_UNDEFINED_TERM', where, `The member \`${key}\` is not a term of the document's contexts.`);
        return;
      }
      def = { '@id': iri };
    }
    const iri = def['@id'];
    if (iri === '@id') {
      if (typeof value !== 'string') this.notCanonical(where, 'A node identifier must be a string.');
      else this.iriValue(value, active, false, where, 'identifier');
      this.once(seen, '@id', key, where);
      return;
    }
    if (iri.startsWith('@') || def.reverse || def['@nest'] !== undefined) {
      this.notCanonical(where, `The member \`${key}\` stands for the JSON-LD keyword ${def.reverse ? '@reverse' : def['@nest'] !== undefined ? '@nest' : iri}: the canonical form has no such member.`);
      return;
    }
    if (!this.once(seen, iri, key, where)) return;
    // The proofs of a credential or presentation are checked on their own, member by member; a
    // `proof` anywhere else is data like any other, and walked.
    if (iri === SEC_PROOF && root) return;
    if (termsFor(active, iri) > 1) {
      const chosen = compactIri(active, iri, true, representative(value, def));
      if (chosen !== key) {
        this.notCanonical(where, `The member \`${key}\` is spelled \`${chosen}\` by the contexts for this value.`);
        return;
      }
    }
    const container = def['@container'] ?? [];
    if (container.includes('@language')) {
      this.languageMap(value, where);
      return;
    }
    if (container.some((c) => c !== '@set' && c !== '@graph')) {
      this.notCanonical(where, `The member \`${key}\` is a ${container.join(' ')} container, which the canonical profile does not use.`);
      return;
    }
    const isSet = container.includes('@set');
    if (value === null) {
      this.notCanonical(where, `\`${key}\` is null: JSON-LD drops it, so it is not signed; remove the member.`);
      return;
    }
    let items: readonly JsonValue[];
    if (Array.isArray(value) && value.length > MAX_VALUES_PER_PROPERTY) {
      this.add('VC_CREDENTIAL_MALFORMED', where, `\`${key}\` has ${value.length} values, more than ${MAX_VALUES_PER_PROPERTY}: not checked.`);
      return;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.notCanonical(where, `\`${key}\` is an empty array: it adds nothing to what is signed; remove the member.`);
        return;
      }
      if (value.length === 1 && !isSet) this.notCanonical(where, `\`${key}\` is a one-element array: the canonical form writes the value itself.`);
      // A literal, an IRI or an identified node given twice is one value in RDF. (Two equal nodes
      // without an identifier are two nodes, and two equal credentials in a graph container two
      // graphs: both are signed as two.)
      const twice = container.includes('@graph') ? undefined : repeatedItem(value);
      if (twice !== undefined) this.notCanonical(where + seg(twice), `The same value twice in \`${key}\`: RDF holds it once, so the list shows more than what is signed.`);
      items = value;
    } else {
      if (isSet) this.notCanonical(where, `\`${key}\` is one value where its context defines a set: the canonical form writes it in an array.`);
      items = [value];
    }
    const graph = container.includes('@graph');
    const child = def['@context'] === undefined ? forChildren : await this.scoped(forChildren, def['@context'], where);
    if (!child) return;
    for (let i = 0; i < items.length && !this.full; i++) {
      await this.item(items[i]!, def, active, child, Array.isArray(value) ? where + seg(i) : where, graph);
    }
  }

  async scoped(ctx: ActiveContext, scoped: unknown, where: string): Promise<ActiveContext | undefined> {
    try {
      return await withScoped(ctx, scoped, this.options.documentLoader);
    } catch (error) {
      this.add('VC_CONTEXT_NOT_ALLOWED', where, `The context scoped to this member cannot be applied: ${error instanceof Error ? error.message.slice(0, 200) : 'failed'}.`);
      return undefined;
    }
  }

  /** Records the IRI a member stands for; false (with a problem) when another member of the node has it. */
  once(seen: Map<string, string>, iri: string, key: string, where: string): boolean {
    const other = seen.get(iri);
    if (other !== undefined) {
      this.notCanonical(where, `\`${key}\` and \`${other}\` are the same property: JSON-LD merges them, the canonical form has one member.`);
      return false;
    }
    seen.set(iri, key);
    return true;
  }

  async item(item: JsonValue, def: TermDefinition, active: ActiveContext, child: ActiveContext, where: string, graph: boolean): Promise<void> {
    const type = def['@type'];
    if (item === null) {
      this.notCanonical(where, 'A null in a list of values: JSON-LD drops it; remove it.');
      return;
    }
    if (Array.isArray(item)) {
      this.notCanonical(where, 'An array inside an array: JSON-LD flattens it; write one array.');
      return;
    }
    if (type === '@json') return; // a JSON literal: signed as it is written
    if (isObject(item)) {
      if (type !== undefined && type !== '@id' && type !== '@vocab') {
        this.notCanonical(where, `An object where the context types the value as ${type}: the canonical form writes the value as a string.`);
        return;
      }
      const keys = Object.keys(item).filter((k) => k !== '@context');
      if ((type === '@id' || type === '@vocab') && keys.length === 1 && child.mappings.get(keys[0]!)?.['@id'] === '@id' && typeof item[keys[0]!] === 'string') {
        this.notCanonical(where, 'A reference written as an object with only an identifier: the canonical form writes the identifier as a string.');
        return;
      }
      if (!graph) {
        await this.node(item, child, where, false);
        return;
      }
      // A graph container item (a credential in a presentation) is a graph of its own: its nodes
      // are not merged with those of the presentation or of the other credentials.
      const outer = this.nodes;
      this.nodes = new Map();
      await this.node(item, child, where, true);
      this.checkCopies();
      this.nodes = outer;
      return;
    }
    if (graph) {
      this.notCanonical(where, 'A graph container holds nodes, not a value.');
      return;
    }
    if (type === '@id' || type === '@vocab') {
      if (typeof item !== 'string') this.notCanonical(where, `A ${typeof item} where the context expects an IRI.`);
      else this.iriValue(item, active, type === '@vocab', where, 'reference');
      return;
    }
    if (type !== undefined) {
      // One spelling per literal: `"4"` and `4` (or `"true"` and `true`) sign the same; the
      // canonical one is what JSON-LD's conversion from RDF gives (native for booleans, integers
      // and doubles, a string for every other datatype).
      const want = NATIVE_BOOLEAN.has(type) ? 'boolean' : NATIVE_NUMBER.has(type) ? 'number' : 'string';
      if (typeof item !== want) this.notCanonical(where, `A ${typeof item} where the context types the value as ${type.replace(XSD, 'xsd:')}: write it as a ${want === 'string' ? 'string' : `JSON ${want}`}.`);
    }
  }

  iriValue(value: string, ctx: ActiveContext, vocab: boolean, where: string, what: string): void {
    if (value === '') {
      this.add('VC_UNDEFINED_TERM', where, `An empty ${what} (""): JSON-LD drops it without a safe-mode error, so it is neither signed nor checked.`);
      return;
    }
    const iri = expandIri(ctx, value, vocab);
    if (iri === null || !/^([a-z][a-z0-9+.-]*:|_:)/i.test(iri)) {
      this.add('VC_UNDEFINED_TERM', where, `The ${what} ${JSON.stringify(value.slice(0, 100))} is not an absolute IRI: JSON-LD safe mode refuses it (it would be signed as nothing).`);
      return;
    }
    if (iri.startsWith('_:')) {
      this.notCanonical(where, `A blank node identifier (${JSON.stringify(value.slice(0, 100))}): it is not signed (canonicalization renames it), yet it joins or separates nodes in the JSON. Use an IRI, or no identifier.`);
      return;
    }
    const canonical = compactIri(ctx, iri, vocab);
    if (canonical !== value) this.notCanonical(where, `The ${what} ${JSON.stringify(value.slice(0, 100))} is spelled ${JSON.stringify(canonical.slice(0, 100))} by the contexts.`);
  }

  languageMap(value: JsonValue, where: string): void {
    if (!isObject(value)) {
      this.notCanonical(where, 'A language map (an object of language tags) is expected here.');
      return;
    }
    const seen = new Map<string, string>();
    const entries = Object.keys(value);
    const texts = Object.values(value).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 1), 0);
    if (texts > MAX_VALUES_PER_PROPERTY) {
      this.add('VC_CREDENTIAL_MALFORMED', where, `A language map of ${texts} texts in ${entries.length} languages, more than ${MAX_VALUES_PER_PROPERTY}: not checked.`);
      return;
    }
    for (const [lang, text] of Object.entries(value)) {
      const at = where + seg(lang);
      if (!LANGUAGE_TAG.test(lang)) {
        this.notCanonical(at, `${JSON.stringify(lang)} is not a language tag.`);
        continue;
      }
      if (!PRIMARY_LOWER.test(lang)) {
        this.notCanonical(at, `The language tag ${JSON.stringify(lang)} is written with a capital language subtag: JSON-LD writes ${JSON.stringify(lang.toLowerCase())}; write ${JSON.stringify(lang.replace(/^[A-Za-z]+/, (p) => p.toLowerCase()))}.`);
        continue;
      }
      const lower = lang.toLowerCase();
      const other = seen.get(lower);
      if (other !== undefined) {
        this.notCanonical(at, `${JSON.stringify(lang)} and ${JSON.stringify(other)} are the same language: JSON-LD merges them.`);
        continue;
      }
      seen.set(lower, lang);
      if (typeof text === 'string') continue;
      if (Array.isArray(text) && text.length >= 2 && text.every((t) => typeof t === 'string')) {
        if (new Set(text).size !== text.length) this.notCanonical(at, 'The same text twice: it is signed once.');
        continue;
      }
      this.notCanonical(at, Array.isArray(text) && text.length === 0 ? 'An empty list of texts: it adds nothing to what is signed; remove the entry.' : Array.isArray(text) && text.length === 1 ? 'One text written as a one-element array: the canonical form writes the text itself.' : 'A language map holds texts (strings) only.');
    }
  }
}

/** The number of JSON values in `value` (bounded by the input limits of the callers). */
function size(value: JsonValue): number {
  if (value === null || typeof value !== 'object') return 1;
  let n = 1;
  for (const v of Array.isArray(value) ? value : Object.values(value)) n += size(v);
  return n;
}

/** Work allowed for comparing the copies of nodes in one document (steps of `contains`). */
const CONTAINMENT_BUDGET = 2_000_000;

/** One text per JSON value, members in order, memoised per object (each object is written once). */
const keys = new WeakMap<object, string>();
function keyOf(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let key = keys.get(value);
  if (key === undefined) {
    key = Array.isArray(value)
      ? `[${value.map(keyOf).join(',')}]`
      : `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${keyOf((value as JsonObject)[k]!)}`)
          .join(',')}}`;
    keys.set(value, key);
  }
  return key;
}

/** The index of the first item of `list` that repeats an earlier one (nodes without `id` aside), or undefined. */
function repeatedItem(list: readonly JsonValue[]): number | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && typeof (item as JsonObject).id !== 'string') continue;
    const key = keyOf(item);
    if (seen.has(key)) return i;
    seen.add(key);
  }
  return undefined;
}

/**
 * Whether `part` says nothing `whole` does not: every member, value and list entry of it is in
 * `whole`. Equal values are matched by their text first; the rest pairwise, within `budget`.
 */
function contains(whole: JsonValue, part: JsonValue, budget: { left: number }, depth = 0): boolean {
  if (--budget.left < 0 || depth > 64) return false;
  if (part === null || typeof part !== 'object' || whole === null || typeof whole !== 'object') return part === whole;
  if (Array.isArray(part) || Array.isArray(whole)) {
    const wholeList = Array.isArray(whole) ? whole : [whole];
    const exact = new Set(wholeList.map(keyOf));
    budget.left -= wholeList.length;
    return (Array.isArray(part) ? part : [part]).every((p) => exact.has(keyOf(p)) || wholeList.some((w) => contains(w, p, budget, depth + 1)));
  }
  if (keyOf(whole) === keyOf(part)) return true;
  return Object.keys(part).every((k) => Object.hasOwn(whole, k) && contains((whole as JsonObject)[k]!, (part as JsonObject)[k]!, budget, depth + 1));
}

/** An expanded value standing for `value`, for jsonld.js's term selection. */
function representative(value: JsonValue, def: TermDefinition): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  const type = def['@type'];
  if (isObject(first)) return {};
  if (type === '@id' || type === '@vocab') return { '@id': String(first) };
  if (type !== undefined) return { '@value': first, '@type': type };
  return { '@value': first };
}

/** The URLs named anywhere inside an inline context (`@context` values, `@import`), with pointers. */
function remoteUrlsIn(value: JsonValue, pointer = '', depth = 0): { url: string; pointer: string }[] {
  if (depth > 32 || value === null || typeof value !== 'object') return [];
  const out: { url: string; pointer: string }[] = [];
  const entries: [string | number, JsonValue][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, item] of entries) {
    if ((key === '@context' || key === '@import' || typeof key === 'number') && typeof item === 'string') out.push({ url: item, pointer: pointer + seg(key) });
    else if (key === '@context' && Array.isArray(item)) item.forEach((v, i) => (typeof v === 'string' ? out.push({ url: v, pointer: pointer + seg(key) + seg(i) }) : out.push(...remoteUrlsIn(v, pointer + seg(key) + seg(i), depth + 1))));
    else if (typeof item === 'object') out.push(...remoteUrlsIn(item, pointer + seg(key), depth + 1));
  }
  return out;
}

/**
 * The places where `doc` (a credential or presentation, its `proof` members aside) is not in the
 * one JSON form its contexts give its signed data; empty when it is. Never throws on the document.
 *
 * @example
 * const problems = await canonicalFormProblems(doc, { documentLoader, allowedContexts, staticContexts });
 * // [{ code: 'VC_JSON_NOT_CANONICAL', pointer: '/expirationDate', message: '`expirationDate` is a one-element array: …' }]
 */
export async function canonicalFormProblems(doc: JsonObject, options: CanonicalFormOptions): Promise<FormProblem[]> {
  const walk = new Walk(options);
  if (!Object.hasOwn(doc, '@context')) {
    walk.add('VC_CONTEXT_NOT_ALLOWED', '', 'The document has no `@context`.');
    return walk.problems;
  }
  try {
    const ctx = await walk.withContexts(undefined, doc['@context']!, seg('@context'));
    if (!ctx) return walk.problems;
    const { '@context': _, ...rest } = doc;
    await walk.node(rest, ctx, '', false);
    walk.checkCopies();
  } catch (error) {
    walk.add('VC_JSON_NOT_CANONICAL', '', `The document's form cannot be checked: ${error instanceof Error ? error.message.slice(0, 200) : 'failed'}.`);
  }
  return walk.problems;
}
