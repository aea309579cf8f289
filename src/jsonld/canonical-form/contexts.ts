/**
 * Active contexts for the canonical-form check, and IRI expansion and compaction in them: jsonld.js's
 * own (`processContext`, `expandIri`, `compactIri`), memoised per active context.
 */
import jsonld from 'jsonld';
import compactApi from 'jsonld/lib/compact.js';
import contextApi from 'jsonld/lib/context.js';
import type { DocumentLoader } from '../loader.js';
import { isObject } from './problems.js';

/** A jsonld.js term definition (the parts read here). */
export interface TermDefinition {
  '@id': string;
  reverse?: boolean;
  '@type'?: string;
  '@container'?: string[];
  '@context'?: unknown;
  '@nest'?: string;
  '@index'?: string;
}

/** A jsonld.js active context (the parts read here). */
export interface ActiveContext {
  mappings: Map<string, TermDefinition>;
  '@vocab'?: string;
  getInverse(): Record<string, unknown>;
}

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

export async function processUrls(urls: readonly string[], loader: DocumentLoader, cacheable: boolean, parent?: ActiveContext): Promise<ActiveContext> {
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
export function withScoped(active: ActiveContext, scoped: unknown, loader: DocumentLoader): Promise<ActiveContext> {
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
export const propagates = (scoped: unknown): boolean => isObject(scoped) && scoped['@propagate'] === true;

export function expandIri(ctx: ActiveContext, value: string, vocab: boolean): string | null {
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

export function compactIri(ctx: ActiveContext, iri: string, vocab: boolean, value: unknown = null): string {
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
export function termsFor(ctx: ActiveContext, iri: string): number {
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