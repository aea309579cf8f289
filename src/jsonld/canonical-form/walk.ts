/**
 * The walk of the canonical-form check over a document's nodes and members: each member a term of
 * the active context, spelled as compaction spells it for its value, each value in its one form.
 */
import { pointerSegment as seg } from '../../json/pointer.js';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { remote, withContexts } from './allowed-contexts.js';
import { type ActiveContext, type TermDefinition, compactIri, expandIri, propagates, termsFor, withScoped } from './contexts.js';
import { checkCopies as compareCopies, type NodeCopies, repeatedItem } from './copies.js';
import { isObject, MAX_VALUES_PER_PROPERTY, Problems } from './problems.js';
import { iriValue, languageMap, literal, representative, typeNames } from './values.js';

const SEC_PROOF = 'https://w3id.org/security#proof';
/** Members the Open Badges 3.0 schema writes as arrays, even of one (`type` aside). */
const OB3_ARRAYS: ReadonlySet<string> = new Set(['credentialSchema', 'evidence', 'termsOfUse'].map((t) => `https://www.w3.org/2018/credentials#${t}`));
const OB3_ENDORSEMENT = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsement';
const KEYWORD_LIKE = /^@[a-z]+$/i;

/** One check of one document: the problems found, and the copies of nodes seen. */
export class Walk extends Problems {
  /** Nodes with an identifier and content, by identifier: each copy must be the same node. */
  private nodes: NodeCopies = new Map();

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
        if (!(Array.isArray(value) ? value.map((v, i) => remote(this, v, where + seg(i))).some(Boolean) : remote(this, value, where))) this.add('VC_CONTEXT_NOT_ALLOWED', where, 'A `@context` inside the document: it can rename or redefine terms after signing; contexts belong at the top of a credential or presentation only.');
        return;
      }
      const ctx = await withContexts(this, propagated, node['@context']!, pointer + seg('@context'));
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
      const types = typeNames(this, node[key]!, base, pointer + seg(key));
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
    compareCopies(this, this.nodes);
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
      else iriValue(this, value, active, false, where, 'identifier');
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
      languageMap(this, value, where);
      return;
    }
    if (this.ob3 && container.length === 1 && container[0] === '@list') {
      await this.list(value, where, key, def, active, def['@context'] === undefined ? forChildren : await this.scoped(forChildren, def['@context'], where));
      return;
    }
    if (container.some((c) => c !== '@set' && c !== '@graph')) {
      this.notCanonical(where, `The member \`${key}\` is a ${container.join(' ')} container, which the canonical profile does not use.`);
      return;
    }
    const items = this.valuesOf(value, key, where, container, iri);
    if (!items) return;
    const graph = container.includes('@graph');
    const child = def['@context'] === undefined ? forChildren : await this.scoped(forChildren, def['@context'], where);
    if (!child) return;
    for (let i = 0; i < items.length && !this.full; i++) {
      await this.item(items[i]!, def, await this.valueContext(active, def, where), child, Array.isArray(value) ? where + seg(i) : where, graph);
    }
  }

  /**
   * The values of a member as a list, checked for their one form (not null, not an empty array, an
   * array only for a set or several values, no value twice); undefined when there is none to walk.
   */
  valuesOf(value: JsonValue, key: string, where: string, container: string[], iri = ''): readonly JsonValue[] | undefined {
    const isSet = container.includes('@set');
    if (value === null) {
      this.notCanonical(where, `\`${key}\` is null: JSON-LD drops it, so it is not signed; remove the member.`);
      return undefined;
    }
    if (Array.isArray(value) && value.length > MAX_VALUES_PER_PROPERTY) {
      this.add('VC_CREDENTIAL_MALFORMED', where, `\`${key}\` has ${value.length} values, more than ${MAX_VALUES_PER_PROPERTY}: not checked.`);
      return undefined;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.notCanonical(where, `\`${key}\` is an empty array: it adds nothing to what is signed; remove the member.`);
        return undefined;
      }
      if (value.length === 1 && !isSet && !(this.ob3 && OB3_ARRAYS.has(iri))) this.notCanonical(where, `\`${key}\` is a one-element array: the canonical form writes the value itself.`);
      // A literal, an IRI or an identified node given twice is one value in RDF. (Two equal nodes
      // without an identifier are two nodes, and two equal credentials in a graph container two
      // graphs: both are signed as two.)
      const twice = container.includes('@graph') ? undefined : repeatedItem(value);
      if (twice !== undefined) this.notCanonical(where + seg(twice), `The same value twice in \`${key}\`: RDF holds it once, so the list shows more than what is signed.`);
      return value;
    }
    if (isSet) this.notCanonical(where, `\`${key}\` is one value where its context defines a set: the canonical form writes it in an array.`);
    return [value];
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

  /**
   * An ordered list in an OB 3.0 document (OB's `allowedValue`, lists of an extension context): an
   * array, even of one or none (the empty list is signed too), whose items are each in their one
   * form; a list may hold a value twice.
   */
  async list(value: JsonValue, where: string, key: string, def: TermDefinition, active: ActiveContext, child: ActiveContext | undefined): Promise<void> {
    if (!child) return;
    if (!Array.isArray(value)) {
      this.notCanonical(where, `\`${key}\` is an ordered list: the canonical form writes it as an array.`);
      return;
    }
    if (value.length > MAX_VALUES_PER_PROPERTY) {
      this.add('VC_CREDENTIAL_MALFORMED', where, `\`${key}\` has ${value.length} values, more than ${MAX_VALUES_PER_PROPERTY}: not checked.`);
      return;
    }
    for (let i = 0; i < value.length && !this.full; i++) {
      const v = value[i]!;
      if (isObject(v) && Object.keys(v).some((k) => k.startsWith('@'))) this.notCanonical(where + seg(i), `A JSON-LD keyword object in the list \`${key}\`: the canonical form writes the value itself.`);
      else await this.item(v, def, await this.valueContext(active, def, where), child, where + seg(i), false);
    }
  }

  /**
   * The context a member's IRI values are expanded in: the node's, with the member's
   * property-scoped context (JSON-LD applies it to the member's value, e.g. a scoped `@vocab` for
   * enumerated values), which `child` (for nested nodes) builds without the node's type-scoped one.
   */
  async valueContext(active: ActiveContext, def: TermDefinition, where: string): Promise<ActiveContext> {
    if (def['@context'] === undefined || (def['@type'] !== '@vocab' && def['@type'] !== '@id')) return active;
    return (await this.scoped(active, def['@context'], where)) ?? active;
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
      // OB 3.0.0 gives object-valued terms a datatype; JSON-LD does not coerce a node object.
      if (type !== undefined && type !== '@id' && type !== '@vocab' && !this.ob3) {
        this.notCanonical(where, `An object where the context types the value as ${type}: the canonical form writes the value as a string.`);
        return;
      }
      const keys = Object.keys(item).filter((k) => k !== '@context');
      if ((type === '@id' || type === '@vocab') && keys.length === 1 && child.mappings.get(keys[0]!)?.['@id'] === '@id' && typeof item[keys[0]!] === 'string') {
        this.notCanonical(where, 'A reference written as an object with only an identifier: the canonical form writes the identifier as a string.');
        return;
      }
      // An OB 3.0 endorsement is a credential with its own contexts, checked as a credential's are.
      const endorsement = this.ob3 && def['@id'] === OB3_ENDORSEMENT && Object.hasOwn(item, '@context');
      const ob3 = this.ob3;
      if (!graph) {
        await this.node(item, child, where, endorsement);
        this.ob3 = ob3;
        return;
      }
      // A graph container item (a credential in a presentation) is a graph of its own: its nodes
      // are not merged with those of the presentation or of the other credentials.
      const outer = this.nodes;
      this.nodes = new Map();
      await this.node(item, child, where, true);
      this.checkCopies();
      this.nodes = outer;
      this.ob3 = ob3;
      return;
    }
    if (graph) {
      this.notCanonical(where, 'A graph container holds nodes, not a value.');
      return;
    }
    if (type === '@id' || type === '@vocab') {
      if (typeof item !== 'string') this.notCanonical(where, `A ${typeof item} where the context expects an IRI.`);
      else iriValue(this, item, active, type === '@vocab', where, 'reference');
      return;
    }
    if (type !== undefined) literal(this, item, type, where);
  }
}
