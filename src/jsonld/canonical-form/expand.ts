/**
 * JSON-LD expansion as jsonld.js's `expand()` does it, without its deep copies of term definitions.
 *
 * jsonld.js copies the active context whenever it enters a node with a type-scoped context, leaves
 * one, or processes a context it has not cached for that active context, and each copy deep-clones
 * every term definition, with the scoped contexts they hold, and the context it reverts to. The
 * Open Badges 3.0 context scopes a context to nearly every type (`OpenBadgeCredential`,
 * `Achievement`, `Profile`, `Result`, …), so one expansion of a 4.5 KB badge made dozens of such
 * copies: 13 ms of it, against 3 ms without them, most of it garbage collection.
 *
 * An active context is never changed once jsonld.js has built it (context.js of 9.0.0 writes only
 * to the copy `process` has just made: term definitions inside createTermDefinition, which always
 * starts a new object and puts it into that copy's own Map, `@base`, `@vocab`, `@language` and
 * `previousContext` in `process`; expand.js writes to none), so a copy may share what it copies: a
 * new Map over the same definitions means the same as a deep copy (src/vc/worker-jsonld.ts makes
 * the same argument for the signing workers), and the context to revert to, which nothing changes,
 * may be that context itself rather than a copy of it. (jsonld.js's own context.js has a TODO for
 * the latter.) The only lazily set member, the inverse context, is computed from the definitions,
 * so a shared context's inverse is the one any copy of it would compute.
 *
 * The signing workers change jsonld.js's `util.clone` for their whole module instance; here nothing
 * of jsonld.js is changed: expansion starts from an initial active context of this module's own,
 * whose `clone` and `revertToPreviousContext` are jsonld.js's without the deep copies, and every
 * context derived from it inherits both. The caller's jsonld.js, and this library's other uses of
 * it, are untouched. When jsonld.js's own `clone` is not the one reviewed (another version, a
 * minified build), expansion is jsonld.js's `expand()` as it is. test/jsonld-expand.test.ts
 * compares the two on every OB 3.0 and ELM document the tests have, and on generated variants.
 */
import jsonld, { type JsonLdApi, type JsonLdEvent } from 'jsonld';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import contextApi from 'jsonld/lib/context.js';
import events from 'jsonld/lib/events.js';
import expandApi from 'jsonld/lib/expand.js';
import jsonldUtil from 'jsonld/lib/util.js';
import type { DocumentLoader } from '../loader.js';

/** jsonld.js 9.0.0's `_cloneActiveContext` and `_revertToPreviousContext`, white space removed: what the two below stand for. */
const REVIEWED_CLONE =
  "function_cloneActiveContext(){constchild={};child.mappings=util.clone(this.mappings);child.clone=this.clone;child.inverse=null;child.getInverse=this.getInverse;child.protected=util.clone(this.protected);if(this.previousContext){child.previousContext=this.previousContext.clone();}child.revertToPreviousContext=this.revertToPreviousContext;if('@base'inthis){child['@base']=this['@base'];}if('@language'inthis){child['@language']=this['@language'];}if('@vocab'inthis){child['@vocab']=this['@vocab'];}returnchild;}";
const REVIEWED_REVERT = 'function_revertToPreviousContext(){if(!this.previousContext){returnthis;}returnthis.previousContext.clone();}';
const source = (f: unknown) => (typeof f === 'function' ? f.toString().replace(/\s+/g, '') : '');

/** The parts of a jsonld.js active context the copy reads and writes. */
interface Ctx {
  mappings: Map<string, unknown>;
  protected: Record<string, unknown>;
  previousContext?: Ctx;
  clone(this: Ctx): Ctx;
  [key: string]: unknown;
}

/** jsonld.js's `_cloneActiveContext`, sharing the term definitions and the context to revert to (`protected` holds booleans). */
function cloneSharing(this: Ctx): Ctx {
  const child: Ctx = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
  };
  if (this.previousContext) child.previousContext = this.previousContext;
  child.revertToPreviousContext = this.revertToPreviousContext;
  if ('@base' in this) child['@base'] = this['@base'];
  if ('@language' in this) child['@language'] = this['@language'];
  if ('@vocab' in this) child['@vocab'] = this['@vocab'];
  return child;
}

/** jsonld.js's `_revertToPreviousContext`, without copying the context it reverts to. */
function revertSharing(this: Ctx): Ctx {
  return this.previousContext ?? this;
}

let initial: Ctx | null | undefined;

/** An initial active context whose copies share definitions; null when jsonld.js is not the one reviewed. */
function initialContext(): Ctx | null {
  if (initial !== undefined) return initial;
  try {
    const stock = (contextApi as unknown as { getInitialContext(options: object): Ctx }).getInitialContext({});
    const reviewed = source(stock.clone) === REVIEWED_CLONE && source(stock.revertToPreviousContext) === REVIEWED_REVERT;
    const shape = stock.mappings instanceof Map && stock.mappings.size === 0 && Object.keys(stock).sort().join() === 'clone,getInverse,inverse,mappings,processingMode,protected,revertToPreviousContext';
    initial = reviewed && shape ? { ...stock, mappings: new Map(), protected: {}, inverse: null, clone: cloneSharing, revertToPreviousContext: revertSharing } : null;
  } catch {
    initial = null;
  }
  return initial;
}

/**
 * Resolved contexts, per document loader (a context is cached by URL: another loader may serve
 * another document under the same URL), as jsonld.js's instances keep them: by URL, with the
 * active contexts processed from each. Bounded like jsonld.js's (100 contexts per loader).
 */
const caches = new WeakMap<DocumentLoader, Map<string, unknown>>();
function cacheFor(loader: DocumentLoader): { get(key: string): unknown; set(key: string, value: unknown): void } {
  let cache = caches.get(loader);
  if (!cache) caches.set(loader, (cache = new Map()));
  const map = cache;
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      if (map.size >= 100) map.clear();
      map.set(key, value);
    },
  };
}

/**
 * Whether expansion shares term definitions: false when jsonld.js's own copy of an active context
 * is not the reviewed one (then {@link expandSharingDefinitions} is jsonld.js's `expand()`).
 *
 * @example
 * sharesDefinitions(); // true with jsonld.js 9.0.0, as package.json pins it
 */
export const sharesDefinitions = (): boolean => initialContext() !== null;

let fallback: JsonLdApi | undefined;

/** Options of {@link expandSharingDefinitions}: those of jsonld.js's `expand()` this library uses. */
export interface ExpandOptions {
  documentLoader: DocumentLoader;
  safe?: boolean;
  /** As jsonld.js's: absent is `''`. */
  base?: string | null;
  eventHandler?: (args: { event: JsonLdEvent; next: () => void }) => void;
}

/**
 * What `jsonld.expand(input, options)` gives (the same expanded form, events and errors), with
 * copies of the active context that share term definitions. `input` is a JSON document (not a URL).
 *
 * @example
 * const expanded = await expandSharingDefinitions(badge, { documentLoader, safe: true });
 */
export async function expandSharingDefinitions(input: unknown, options: ExpandOptions): Promise<unknown[]> {
  const activeCtx = initialContext();
  if (activeCtx === null) return (fallback ??= jsonld()).expand(input, { ...options }) as Promise<unknown[]>;
  // jsonld.js's expand(): its defaults, its event handlers (safe mode first), a copy of the input.
  const opts: Record<string, unknown> = {
    documentLoader: options.documentLoader,
    keepFreeFloatingNodes: false,
    contextResolver: new ContextResolver({ sharedCache: cacheFor(options.documentLoader) }),
    base: 'base' in options ? options.base : '',
    ...(options.safe === undefined ? {} : { safe: options.safe }),
    ...(options.eventHandler === undefined ? {} : { eventHandler: options.eventHandler }),
  };
  opts.eventHandler = events.setupEventHandler({ options: opts });
  let expanded = await expandApi.expand({ activeCtx, element: jsonldUtil.clone(input), options: opts });
  if (isObject(expanded) && '@graph' in expanded && Object.keys(expanded).length === 1) expanded = expanded['@graph'];
  else if (expanded === null) expanded = [];
  return Array.isArray(expanded) ? expanded : [expanded];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
