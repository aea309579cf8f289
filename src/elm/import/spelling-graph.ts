/**
 * From the compacted form of a document to the one credential node the importer reads: the
 * credential picked from a `@graph`, blank nodes put back where they are used, the other nodes kept
 * beside it, and the few places where compaction writes differently from EDC put back in the
 * EDC spelling (compact IRIs as identifiers, lower-cased language tags, `@none` in language maps).
 */
import { edcTerms, type TermTable } from './spelling-terms.js';
import { isNode, many } from './json.js';

type Node = Record<string, unknown>;

const typesOf = (n: Node): string[] => many(n.type).filter((t): t is string => typeof t === 'string');
const isBlank = (id: unknown): id is string => typeof id === 'string' && id.startsWith('_:');

/** Blank nodes copied into the places that use them, at most: beyond it they stay references. */
const MAX_EMBEDDED = 100_000;

/** What the compacted document holds, once the credential is picked. */
export interface Picked {
  root: Node;
  others: Node[];
  /** The root came out of a Verifiable Presentation. */
  presentation: boolean;
  /** Credential nodes beside the one picked. */
  moreCredentials: number;
}

const isCredential = (n: Node) => typesOf(n).some((t) => t === 'VerifiableCredential' || t === 'EuropeanDigitalCredential');

/** The nodes of a graph container value (`{ "@graph": [...] }` or the node itself). */
function graphNodes(value: unknown): Node[] {
  return many(value).flatMap((v) => (isNode(v) && v['@graph'] !== undefined ? many(v['@graph']).filter(isNode) : isNode(v) ? [v] : []));
}

/** The credential node of a compacted document, and the other top-level nodes. */
export function pick(compacted: Node): Picked {
  const { '@context': _context, ...rest } = compacted;
  let nodes: Node[] = rest['@graph'] !== undefined && Object.keys(rest).length === 1 ? many(rest['@graph']).filter(isNode) : [rest];
  let presentation = false;
  const vp = nodes.find((n) => typesOf(n).includes('VerifiablePresentation'));
  if (vp && !nodes.some(isCredential)) {
    const inside = graphNodes(vp.verifiableCredential);
    if (inside.some(isCredential)) {
      presentation = true;
      nodes = [...inside, ...nodes.filter((n) => n !== vp)];
    }
  }
  const credentials = nodes.filter(isCredential);
  const root = credentials[0] ?? unreferenced(nodes) ?? nodes[0] ?? {};
  return { root, others: nodes.filter((n) => n !== root), presentation, moreCredentials: Math.max(0, credentials.length - 1) };
}

/** The first node no other node refers to (the top of a flattened tree). */
function unreferenced(nodes: Node[]): Node | undefined {
  const referenced = new Set<string>();
  const walk = (v: unknown, top: boolean): void => {
    if (typeof v === 'string') referenced.add(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, false);
    else if (isNode(v)) for (const [k, x] of Object.entries(v)) if (!(top && k === 'id') && k !== 'type') walk(x, false);
  };
  for (const n of nodes) walk(n, true);
  return nodes.find((n) => typeof n.id !== 'string' || !referenced.has(n.id));
}

/**
 * The root with its blank-node references replaced by the nodes (their `_:` labels removed: a
 * flattened document labels nodes that had no `id`), and the other nodes, rewritten the same way.
 * A blank node used in more than one place, or in a cycle, stays a reference and is included.
 */
export function assemble(picked: Picked, tags: ReadonlyMap<string, string>): { root: Node; nodes: Node[] } {
  const blank = new Map<string, Node>();
  const uses = new Map<string, number>();
  for (const n of [picked.root, ...picked.others]) if (isBlank(n.id)) blank.set(n.id, n);
  const count = (v: unknown): void => {
    if (isBlank(v)) uses.set(v, (uses.get(v) ?? 0) + 1);
    else if (Array.isArray(v)) for (const x of v) count(x);
    else if (isNode(v)) for (const [k, x] of Object.entries(v)) if (k !== 'type') count(x);
  };
  for (const n of [picked.root, ...picked.others]) for (const [k, x] of Object.entries(n)) if (k !== 'id' && k !== 'type') count(x);
  const embeddable = (id: string) => blank.has(id) && uses.get(id) === 1;
  const rewriter = new Rewriter(tags, embeddable, blank);
  const root = rewriter.node(picked.root, new Set());
  if (isBlank(root.id) && !uses.has(root.id)) delete root.id;
  const rewritten = picked.others.map((n) => rewriter.node(n, new Set()));
  const others = rewritten.filter((n) => !(isBlank(n.id) && rewriter.embedded.has(n.id)));
  return { root, nodes: others };
}

class Rewriter {
  readonly embedded = new Set<string>();
  private budget = MAX_EMBEDDED;
  private readonly t = edcTerms();

  constructor(
    private readonly tags: ReadonlyMap<string, string>,
    private readonly embeddable: (id: string) => boolean,
    private readonly blank: ReadonlyMap<string, Node>,
  ) {}

  /** A copy of a node in the EDC spelling, blank references embedded. `path` holds the blank nodes being embedded (cycles). */
  node(n: Node, path: Set<string>): Node {
    const table: TermTable = typesOf(n).includes('VerifiableCredential') ? this.t.credential : this.t.base;
    const out: Node = {};
    for (const [key, value] of Object.entries(n)) {
      if (key === 'id') out.id = typeof value === 'string' ? this.iri(value) : value;
      else if (key === 'type' || key === '@context') out[key] = value;
      else {
        const def = table.get(key);
        out[key] = this.values(value, def?.container === '@language', def?.type === '@id', path);
      }
    }
    return out;
  }

  private values(value: unknown, languageMap: boolean, iri: boolean, path: Set<string>): unknown {
    if (Array.isArray(value)) return value.map((v) => this.value(v, languageMap, iri, path));
    return this.value(value, languageMap, iri, path);
  }

  private value(value: unknown, languageMap: boolean, iri: boolean, path: Set<string>): unknown {
    if (languageMap && isNode(value)) return this.languageMap(value);
    if (isBlank(value) || (isNode(value) && isBlank(value.id) && Object.keys(value).length === 1)) {
      const id = (isNode(value) ? value.id : value) as string;
      const target = this.blank.get(id);
      if (target && this.embeddable(id) && !path.has(id) && --this.budget >= 0) {
        this.embedded.add(id);
        const { id: _label, ...rest } = this.node(target, new Set([...path, id]));
        return rest;
      }
      return value;
    }
    if (typeof value === 'string') return iri ? this.iri(value) : value;
    if (isNode(value)) {
      if (value['@value'] !== undefined) return typeof value['@language'] === 'string' ? { ...value, '@language': this.tag(value['@language']) } : value;
      return this.node(value, path);
    }
    return value;
  }

  /** `elm:x` → `http://data.europa.eu/snb/model/elm/x`: compaction shortens identifiers with the contexts' prefixes; EDC writes them in full. */
  private iri(value: string): string {
    const colon = value.indexOf(':');
    const prefix = colon > 0 ? this.t.prefixes.get(value.slice(0, colon)) : undefined;
    return prefix !== undefined && !value.startsWith('//', colon + 1) ? prefix + value.slice(colon + 1) : value;
  }

  private tag(tag: string): string {
    return this.tags.get(tag) ?? tag;
  }

  /** Tags as the document wrote them; texts without a language (`@none`) as plain strings, which the importer reads in the primary language. */
  private languageMap(map: Node): unknown {
    const out: Node = {};
    for (const [tag, texts] of Object.entries(map)) if (tag !== '@none') out[this.tag(tag)] = texts;
    if (map['@none'] === undefined) return out;
    const plain = many(map['@none']);
    return Object.keys(out).length ? [...plain, out] : plain.length === 1 ? plain[0] : plain;
  }
}

/** Every language tag the original document writes with capitals, by its lower-case form (the first spelling wins). */
export function languageTags(doc: unknown): Map<string, string> {
  const tags = new Map<string, string>();
  const note = (tag: string) => {
    const lower = tag.toLowerCase();
    if (lower !== tag && !tags.has(lower)) tags.set(lower, tag);
  };
  const stack: unknown[] = [doc];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (isNode(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(k)) note(k);
        if (k === '@language' && typeof x === 'string') note(x);
        if (x !== null && typeof x === 'object') stack.push(x);
      }
    }
  }
  return tags;
}
