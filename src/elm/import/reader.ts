import type { LangString } from '../../model/types.js';
import type { ElementId } from '../../rules/issue.js';
import type { ConceptSet } from '../../vocab/lookup.js';
import { matchConcept } from './concept-match.js';
import { type ElmIssue, importIssue } from '../issues.js';
import { covers, idOf, isNode, isReference, many, type Node, own, type Path, str, typesOf } from './json.js';

const MAX_DEPTH = 256;
const MAX_NODES = 200_000;

/**
 * The reading of an ELM document that every part of the import uses: an index of its nodes by id
 * (references resolve to the fullest copy; copies that disagree are reported), single values with
 * the others reported, concepts by id or, without one, by notation or label, language maps and
 * notes.
 */
export class ElmReader {
  /** The fullest occurrence of every node with an `id`, so that references by `id` resolve. */
  protected readonly nodes = new Map<string, Node>();
  protected primary = 'en';

  constructor(
    protected readonly doc: Node,
    protected readonly issues: ElmIssue[],
    /** Other top-level nodes of a flattened document, which references resolve to. */
    protected readonly others: readonly Node[] = [],
  ) {
    this.index();
  }

  protected index(): void {
    const stack: [unknown, number, Path][] = this.others.map((n, i): [unknown, number, Path] => [n, 1, ['@graph', i]]).reverse();
    stack.push([this.doc, 0, []]);
    const where = new Map<string, Path>();
    const conflicts = new Map<string, Path[]>();
    let seen = 0;
    while (stack.length > 0) {
      const [value, depth, path] = stack.pop()!;
      if (++seen > MAX_NODES || depth > MAX_DEPTH) throw new RangeError('document too large');
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (value[i] !== null && typeof value[i] === 'object') stack.push([value[i], depth + 1, [...path, i]]);
        continue;
      }
      if (!isNode(value)) continue;
      const id = idOf(value);
      if (id !== undefined && !isReference(value)) {
        const known = this.nodes.get(id);
        if (!known) {
          this.nodes.set(id, value);
          where.set(id, path);
        } else if (known !== value) {
          const fuller = covers(value, known) ? value : covers(known, value) ? known : undefined;
          if (fuller === undefined) conflicts.set(id, [...(conflicts.get(id) ?? [where.get(id)!]), path]);
          if (fuller === value || (fuller === undefined && Object.keys(value).length > Object.keys(known).length)) {
            this.nodes.set(id, value);
            where.set(id, path);
          }
        }
      }
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k--) {
        const v = value[keys[k]!];
        if (v !== null && typeof v === 'object') stack.push([v, depth + 1, [...path, keys[k]!]]);
      }
    }
    for (const [id, paths] of conflicts) {
      const organisation = typesOf(this.nodes.get(id)).some((t) => /Organi[sz]ation$/.test(t));
      const read = where.get(id)!;
      this.issues.push(
        importIssue(
          organisation ? 'ELM_ORGANISATION_CONFLICT' : 'ELM_NODE_CONFLICT',
          'warning',
          read,
          null,
          `${organisation ? 'The organisation' : 'The node'} ${JSON.stringify(id.slice(0, 100))} is written ${paths.length} times with different details (at ${paths.slice(0, 4).map((p) => `/${p.join('/')}`).join(', ')}): it is one node, so one set of details is read, the fullest one, at /${read.join('/')}.`,
        ),
      );
    }
  }

  /** A node itself, or the full node an `id` reference (a string or `{ id }`) points to. */
  protected deref(value: unknown): Node | undefined {
    if (typeof value === 'string') return this.nodes.get(value) ?? { id: value };
    if (!isNode(value)) return undefined;
    const id = idOf(value);
    if (id !== undefined && Object.keys(value).every((k) => k === 'id' || k === '@id' || k === 'type' || k === '@type')) {
      return this.nodes.get(id) ?? value;
    }
    return value;
  }

  protected nodesOf(parent: unknown, key: string): Node[] {
    return many(own(parent, key)).map((v) => this.deref(v)).filter((n): n is Node => n !== undefined);
  }

  /** The single node of a property; a second one is reported and ignored. */
  protected nodeOf(parent: unknown, key: string, path: Path, element: ElementId | null): Node | undefined {
    const found = this.nodesOf(parent, key);
    if (found.length > 1) {
      const others = found.slice(1, 4).map((n) => idOf(n) ?? this.text(own(n, 'prefLabel') ?? own(n, 'title') ?? own(n, 'legalName'), [], null) ?? '(a node without id)');
      this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', [...path, key], element, `\`${key}\` has ${found.length} values; the model holds one, so the first${idOf(found[0]) ? ` (${idOf(found[0])})` : ''} is read and the other${found.length > 2 ? 's' : ''} (${others.map((o) => JSON.stringify(o.slice(0, 80))).join(', ')}${found.length > 4 ? ', …' : ''}) not.`));
    }
    return found[0];
  }

  /**
   * The URI of the concept a property holds: its `id`, or, for a concept written without one, the
   * single concept of `set` its notation or label names (said in an ELM_VALUE_INFERRED warning).
   * A second concept is reported (ELM_MULTIPLE_VALUES) and not read.
   */
  protected conceptUri(set: ConceptSet, parent: unknown, key: string, path: Path, element: ElementId | null): string | undefined {
    const node = this.nodeOf(parent, key, path, element);
    if (node === undefined) return undefined;
    const uri = idOf(node);
    if (uri !== undefined) return uri;
    const match = matchConcept(set, node);
    if (match) {
      this.issues.push(importIssue('ELM_VALUE_INFERRED', 'warning', [...path, key], element, `\`${key}\` is a concept without \`id\`; its ${match.by} ${JSON.stringify(match.text.slice(0, 80))} names one concept of the EU vocabulary, ${match.uri}, which was read.`));
      return match.uri;
    }
    this.issues.push(importIssue('ELM_VALUE_DROPPED', 'warning', [...path, key], element, `\`${key}\` is a concept without \`id\`, and neither its notation nor its labels name a single concept of the EU vocabulary (${set.scheme}); it was not read. Give the concept's URI as its \`id\`.`));
    return undefined;
  }

  /** The path of the `index`-th value of `parent[key]`: with the index when the property holds an array, without when it holds the value itself. */
  protected at(parent: unknown, key: string, index: number, base: Path): Path {
    return Array.isArray(own(parent, key)) ? [...base, key, index] : [...base, key];
  }

  /** A language map (string or array values, or JSON-LD value objects) as a model LangString. */
  protected langString(value: unknown, path: Path, element: ElementId | null): LangString | undefined {
    const map: Record<string, string> = {};
    const add = (lang: string, text: unknown) => {
      const t = many(text).find((x): x is string => typeof x === 'string' && /\S/.test(x));
      if (t !== undefined && !Object.hasOwn(map, lang)) map[lang] = t;
      if (many(text).length > 1) this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', path, element, `More than one text in "${lang}"; the first is read.`));
    };
    for (const item of many(value)) {
      if (typeof item === 'string') add(this.primary, item);
      else if (isNode(item) && typeof own(item, '@value') === 'string') add(str(own(item, '@language')) ?? this.primary, own(item, '@value'));
      else if (isNode(item)) for (const [lang, text] of Object.entries(item)) if (lang !== '__proto__') add(lang, text);
    }
    const keys = Object.keys(map);
    if (keys.length === 0) return undefined;
    if (keys.length === 1 && keys[0] === this.primary) return map[this.primary];
    return map;
  }

  /** One text of a language map, preferring the primary language (for model fields that are plain strings). */
  protected text(value: unknown, path: Path, element: ElementId | null): string | undefined {
    const ls = this.langString(value, path, element);
    if (ls === undefined || typeof ls === 'string') return ls;
    return this.oneText(ls);
  }

  /**
   * One text of a language string: the primary language's, else the first language in sorted order
   * (not in document order: JSON-LD does not keep the order of a language map, so every spelling of
   * a document must read the same text).
   */
  protected oneText(ls: LangString): string {
    if (typeof ls === 'string') return ls;
    return ls[this.primary] ?? ls[Object.keys(ls).sort()[0]!]!;
  }

  protected noteText(note: unknown, path: Path, element: ElementId | null): LangString | undefined {
    return this.langString(own(this.deref(note), 'noteLiteral'), [...path, 'noteLiteral'], element);
  }

  /** Notes of a node, split into the library's own fact notes (by subject) and plain notes. */
  protected notes(parent: unknown): { own: Map<string, Node>; plain: Node[] } {
    const ownNotes = new Map<string, Node>();
    const plain: Node[] = [];
    for (const n of this.nodesOf(parent, 'additionalNote')) {
      const subject = idOf(own(n, 'subject'));
      if (subject?.startsWith('urn:eu-micro-credentials:')) ownNotes.set(subject, n);
      else plain.push(n);
    }
    return { own: ownNotes, plain };
  }

  protected ownNoteValue(notes: Map<string, Node>, prefix: string): string | undefined {
    for (const key of notes.keys()) if (key.startsWith(prefix)) return key.slice(prefix.length);
    return undefined;
  }

  // ---- the document ------------------------------------------------------------------------
}
