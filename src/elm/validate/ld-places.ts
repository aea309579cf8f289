import type { JsonLdApi, JsonLdQuad } from 'jsonld';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { documentLoader } from '../../jsonld/loader.js';
import { pointerSegment } from '../../json/pointer.js';

/**
 * Where the nodes and members of a JSON-LD document are in its JSON, read the way JSON-LD reads it:
 * each object's active context (embedded, type-scoped and property-scoped contexts included) says
 * which key is which IRI, which values are node objects, and which strings are IRIs (`@type: @id`).
 * Issues found in the RDF (SHACL results, which name nodes and predicates) are pointed back with it.
 *
 * Blank nodes have no id in the JSON. They are matched from the RDF, top-down: a blank node is the
 * object of (subject, predicate); the JSON objects without id held by the subject's members for that
 * predicate are its candidates, paired in the order jsonld.js issues blank node labels (`_:b0`,
 * `_:b1`…: a depth-first walk of the expanded document, properties sorted by IRI, arrays in order).
 */

/** A member of a node object: its key, the IRI it expands to, and where it is. */
export interface LdMember {
  key: string;
  iri: string;
  pointer: string;
  /** The term is `@type: @id` (or `@vocab`): its strings are IRIs. */
  idTyped: boolean;
  /** The `@graph` container: each node object value is a named graph's content (VC `proof`). */
  graph: boolean;
  /** Each value in order (nested arrays and `@list`/`@set` objects flattened): a string, a node, or other. */
  values: { pointer: string; text?: string; node?: LdNode }[];
}

/** One JSON object that JSON-LD reads as a node. */
export interface LdNode {
  pointer: string;
  /** `id` / `@id` as written; undefined for a blank node. */
  id?: string;
  members: LdMember[];
  /** Position in document order. */
  seq: number;
}

type ActiveContext = { mappings: Map<string, TermDefinition>; '@vocab'?: string };
type TermDefinition = { '@id'?: string; '@type'?: string; '@container'?: string[]; '@context'?: unknown; _prefix?: boolean };

const KEYWORD_ALIASES = new Set(['@id', '@type', '@value', '@list', '@set', '@graph', '@context', '@language', '@index', '@included', '@reverse', '@nest', '@direction', '@json']);
const SKIPPED_CONTAINERS = ['@language', '@index', '@id', '@type'];
const MAX_DEPTH = 300;

function keyword(key: string, ctx: ActiveContext): string | undefined {
  if (key.startsWith('@')) return key;
  const target = ctx.mappings.get(key)?.['@id'];
  return target !== undefined && KEYWORD_ALIASES.has(target) ? target : undefined;
}

/** The IRI a key expands to, or undefined when JSON-LD drops it. */
function expandKey(key: string, ctx: ActiveContext): string | undefined {
  const def = ctx.mappings.get(key);
  if (def) return def['@id'] ?? undefined;
  const colon = key.indexOf(':');
  if (colon > 0) {
    const prefix = key.slice(0, colon);
    const suffix = key.slice(colon + 1);
    if (suffix.startsWith('//')) return key;
    const ns = prefix !== '_' ? ctx.mappings.get(prefix)?.['@id'] : undefined;
    if (ns) return ns + suffix;
    return /^[a-z][\w+.-]*$/i.test(prefix) ? key : undefined;
  }
  return ctx['@vocab'] ? ctx['@vocab'] + key : undefined;
}

/**
 * Processed contexts, per jsonld instance: the initial context, and each (active context, local
 * context) pair's result. A local context written as a URL or a list of URLs is keyed by its text,
 * so every document in the EDC spelling finds its contexts processed; an inline context by its
 * identity. A map that grows past `MAX_CACHED` entries (documents with ever new inline contexts) is
 * emptied.
 */
const processedBy = new WeakMap<JsonLdApi, { initial: Promise<ActiveContext>; next: WeakMap<ActiveContext, Map<unknown, Promise<ActiveContext>>> }>();
const MAX_CACHED = 256;

function contextCache(api: JsonLdApi) {
  let cache = processedBy.get(api);
  if (!cache) {
    const initial = api.processContext(null as never, null as never, {} as never) as unknown as Promise<ActiveContext>;
    processedBy.set(api, (cache = { initial, next: new WeakMap() }));
  }
  return cache;
}

const isUrls = (local: unknown): local is string | string[] => typeof local === 'string' || (Array.isArray(local) && local.every((c) => typeof c === 'string'));

/** Builds the places of `doc`, or undefined when its contexts cannot be processed (never throws). */
export async function ldPlaces(doc: JsonObject, api: JsonLdApi): Promise<LdPlaces | undefined> {
  const cache = contextCache(api);
  const apply = (ctx: ActiveContext, local: unknown): Promise<ActiveContext> => {
    let byLocal = cache.next.get(ctx);
    if (!byLocal || byLocal.size > MAX_CACHED) cache.next.set(ctx, (byLocal = new Map()));
    const key = isUrls(local) ? JSON.stringify(local) : local;
    let next = byLocal.get(key);
    if (!next) {
      next = api.processContext(ctx as never, local as never, { documentLoader } as never) as unknown as Promise<ActiveContext>;
      // A refusal is not kept: the next document gets its own answer.
      next.catch(() => byLocal.delete(key));
      byLocal.set(key, next);
    }
    return next;
  };
  try {
    const places = new LdPlaces();
    await places.walk(doc, '', await cache.initial, apply);
    return places;
  } catch {
    return undefined;
  }
}

export class LdPlaces {
  /** Node objects in document order. */
  readonly nodes: LdNode[] = [];
  readonly roots: LdNode[] = [];
  private readonly byId = new Map<string, LdNode[]>();
  private readonly idRefs = new Map<string, string>();
  private blanks?: Map<string, LdNode>;

  /** @internal */
  async walk(obj: JsonObject, pointer: string, inherited: ActiveContext, apply: (ctx: ActiveContext, local: unknown) => Promise<ActiveContext>, depth = 0, parent?: LdMember): Promise<LdNode | undefined> {
    if (depth > MAX_DEPTH) return undefined;
    let ctx = inherited;
    if (Object.hasOwn(obj, '@context')) ctx = await apply(ctx, obj['@context']);
    const base = ctx;
    // Type-scoped contexts apply to this node only (JSON-LD 1.1 §4.1.8), in lexicographic order.
    const types: string[] = [];
    for (const key of Object.keys(obj)) if (keyword(key, ctx) === '@type') for (const t of ([] as JsonValue[]).concat(obj[key]!)) if (typeof t === 'string') types.push(t);
    let propagate = false;
    for (const t of [...types].sort()) {
      const scoped = base.mappings.get(t)?.['@context'];
      if (scoped !== undefined) {
        ctx = await apply(ctx, scoped);
        if (typeof scoped === 'object' && scoped !== null && (scoped as JsonObject)['@propagate'] === true) propagate = true;
      }
    }
    const childBase = propagate ? ctx : base;
    if (Object.keys(obj).some((k) => keyword(k, ctx) === '@value')) return undefined;
    const node: LdNode = { pointer, members: [], seq: this.nodes.length };
    this.nodes.push(node);
    if (!parent) this.roots.push(node);
    for (const key of Object.keys(obj)) {
      const at = pointer + pointerSegment(key);
      const value = obj[key]!;
      const kw = keyword(key, ctx);
      if (kw === '@id' && typeof value === 'string') {
        node.id = value;
        this.byId.set(value, [...(this.byId.get(value) ?? []), node]);
      }
      if (kw === '@graph' || kw === '@included') {
        for (const item of flatten(value, at)) if (isObject(item.value)) await this.walk(item.value, item.pointer, childBase, apply, depth + 1);
      }
      if (kw !== undefined) continue;
      const iri = expandKey(key, ctx);
      const def = ctx.mappings.get(key);
      if (iri === undefined) continue;
      const idTyped = def?.['@type'] === '@id' || def?.['@type'] === '@vocab';
      const member: LdMember = { key, iri, pointer: at, idTyped, graph: (def?.['@container'] ?? []).includes('@graph'), values: [] };
      node.members.push(member);
      // A language map, an index map or a JSON literal holds no node objects: the member is enough.
      if (def?.['@type'] === '@json' || (def?.['@container'] ?? []).some((c) => SKIPPED_CONTAINERS.includes(c))) continue;
      const valueCtx = def?.['@context'] !== undefined ? await apply(childBase, def['@context']) : childBase;
      for (const item of flatten(value, at, valueCtx)) {
        if (typeof item.value === 'string') {
          member.values.push({ pointer: item.pointer, text: item.value });
          if (idTyped && !this.idRefs.has(item.value)) this.idRefs.set(item.value, item.pointer);
        } else if (isObject(item.value)) {
          const child = await this.walk(item.value, item.pointer, valueCtx, apply, depth + 1, member);
          member.values.push(child ? { pointer: item.pointer, node: child, ...(child.id !== undefined ? { text: child.id } : {}) } : { pointer: item.pointer });
        } else member.values.push({ pointer: item.pointer, text: String(item.value) });
      }
    }
    return node;
  }

  /** Every object written with this id, in document order. */
  occurrences(id: string): LdNode[] {
    return this.byId.get(id) ?? [];
  }

  /** The first member whose term is `@type: @id` and which holds the string `value` (the array item when in an array). */
  idReference(value: string): string | undefined {
    return this.idRefs.get(value);
  }

  /** The JSON objects of an RDF node: an IRI's occurrences, or the object a blank node (`_:b3`) was read from. */
  nodesOf(focusNode: string, quads: readonly JsonLdQuad[]): LdNode[] {
    if (!focusNode.startsWith('_:')) return this.occurrences(focusNode);
    this.blanks ??= matchBlankNodes(this, quads);
    const node = this.blanks.get(focusNode.slice(2));
    return node ? [node] : [];
  }

  /**
   * The JSON Pointer of a result: the member of `focusNode` that expands to `predicate` and holds
   * `value` (the array item when one item is it), else that member, else the node itself: the
   * occurrence with most members, the first of those in document order.
   */
  pointer(focusNode: string, quads: readonly JsonLdQuad[], predicate?: string, value?: string): string | undefined {
    const nodes = this.nodesOf(focusNode, quads);
    if (nodes.length === 0) return undefined;
    if (predicate !== undefined) {
      const members = nodes.flatMap((n) => n.members.filter((m) => m.iri === predicate));
      if (value !== undefined) {
        const blank = value.startsWith('_:') ? this.nodesOf(value, quads)[0] : undefined;
        for (const m of members) {
          const hit = m.values.find((v) => (blank ? v.node === blank : v.text === value));
          if (hit) return m.values.length > 1 ? hit.pointer : m.pointer;
        }
      }
      if (members.length > 0) return members[0]!.pointer;
    }
    return nodes.reduce((best, n) => (n.members.length > best.members.length ? n : best)).pointer;
  }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A member's values with their pointers: nested arrays and `@list` / `@set` objects flattened. */
function flatten(value: JsonValue, pointer: string, ctx?: ActiveContext, depth = 0): { value: JsonValue; pointer: string }[] {
  if (depth > MAX_DEPTH) return [];
  if (Array.isArray(value)) return (value as JsonValue[]).flatMap((v, i) => flatten(v, pointer + pointerSegment(i), ctx, depth + 1));
  if (isObject(value) && ctx) {
    const list = Object.keys(value).find((k) => ['@list', '@set'].includes(keyword(k, ctx) ?? ''));
    if (list !== undefined) return flatten(value[list]!, pointer + pointerSegment(list), ctx, depth + 1);
  }
  return [{ value, pointer }];
}

/** jsonld.js labels blank nodes `_:b<n>` in the order it meets them. */
const labelNumber = (label: string) => Number(/(\d+)$/.exec(label)?.[1] ?? Number.MAX_SAFE_INTEGER);

/** Pairs each blank node of the RDF with the JSON object it was read from (see the module comment). */
function matchBlankNodes(places: LdPlaces, quads: readonly JsonLdQuad[]): Map<string, LdNode> {
  const children = new Map<string, string[]>();
  const graphRoots = new Map<string, string[]>();
  const objects = new Set<string>();
  const key = (t: { termType: string; value: string }) => (t.termType === 'BlankNode' ? `_:${t.value.replace(/^_:/, '')}` : t.value);
  for (const q of quads) {
    if (q.object.termType === 'BlankNode') {
      const k = `${key(q.subject)}\u0000${q.predicate.value}`;
      children.set(k, [...(children.get(k) ?? []), key(q.object)]);
      objects.add(key(q.object));
    }
  }
  for (const q of quads) {
    const s = key(q.subject);
    if (q.subject.termType === 'BlankNode' && !objects.has(s)) {
      const g = q.graph.termType === 'DefaultGraph' ? '' : key(q.graph);
      const roots = graphRoots.get(g) ?? [];
      if (!roots.includes(s)) roots.push(s);
      graphRoots.set(g, roots);
    }
  }
  const order = (labels: string[]) => [...new Set(labels)].sort((a, b) => labelNumber(a) - labelNumber(b));
  const found = new Map<string, LdNode>();
  const queue: [string, LdNode[]][] = [];
  const pair = (labels: string[], nodes: LdNode[]) => {
    order(labels).forEach((label, i) => {
      const node = nodes[i];
      if (node && !found.has(label.slice(2))) {
        found.set(label.slice(2), node);
        queue.push([label, [node]]);
      }
    });
  };
  pair(graphRoots.get('') ?? [], places.roots.filter((n) => n.id === undefined));
  const seen = new Set<string>();
  for (const n of places.nodes) if (n.id !== undefined && !seen.has(n.id)) (seen.add(n.id), queue.push([n.id, places.occurrences(n.id)]));
  for (let i = 0; i < queue.length; i++) {
    const [subject, nodes] = queue[i]!;
    const byIri = new Map<string, { member: LdMember; nodes: LdNode[] }[]>();
    for (const n of nodes) for (const m of [...n.members].sort((a, b) => (a.iri === b.iri ? (a.key < b.key ? -1 : 1) : 0))) {
      const blank = m.values.flatMap((v) => (v.node && v.node.id === undefined ? [v.node] : []));
      if (blank.length) byIri.set(m.iri, [...(byIri.get(m.iri) ?? []), { member: m, nodes: blank }]);
    }
    for (const [iri, groups] of byIri) {
      const labels = children.get(`${subject}\u0000${iri}`) ?? [];
      const jsonNodes = groups.flatMap((g) => g.nodes);
      if (groups.some((g) => g.member.graph)) {
        // `proof`: the object is a graph's name; the node inside is that graph's root.
        order(labels).forEach((g, k) => {
          const node = jsonNodes[k];
          if (!node) return;
          found.set(g.slice(2), node);
          pair(graphRoots.get(g) ?? [], [node]);
        });
      } else pair(labels, jsonNodes);
    }
  }
  return found;
}
