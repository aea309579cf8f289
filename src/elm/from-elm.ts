/**
 * ELM JSON-LD → model. Reads what real documents contain: single values or arrays for the same
 * property, nodes written in full at every occurrence or referenced by `id`, VC 1.1 and the EBSI
 * VC 2.0 variant, language maps with string or array values, and the signed EDC envelope (JWS JSON
 * serialization whose `payload` is the credential). Never throws; reports what it cannot read.
 */
import type { LangString, MicroCredential } from '../model/types.js';
import type { ElementId } from '../rules/issue.js';
import { validate } from '../rules/validate.js';
import { ASSESSMENT_TYPE, CREDIT_SYSTEM, EQF_LEVEL, LEARNING_MODE, LEARNING_SETTING, QUALITY_ASSURANCE_TYPE, SKILL_REUSE_LEVEL, SKILL_TYPE, SUPERVISION } from '../vocab/elm.js';
import { LANGUAGE } from '../vocab/languages.js';
import type { ConceptSet } from '../vocab/lookup.js';
import { matchConcept } from './concept-match.js';
import { concepts } from './concepts.js';
import { snapshot } from './input.js';
import { insertInternalQa, readInternalQa } from './internal-qa.js';
import { type ElmIssue, importIssue } from './issues.js';
import { toEdcSpelling } from './spelling.js';
import { ELM_CONTEXT, NOTE_KIND, VC_V1_CONTEXT } from './terms.js';
import { describeWrapping } from './wrappers.js';

type Node = Record<string, unknown>;
type Path = (string | number)[];

/**
 * A micro-credential as far as it could be read: any part may be missing or malformed.
 *
 * @example
 * const result = fromElm(document);
 * const partial: PartialMicroCredential = result.value; // complete or not
 * if (!result.ok) prefillForm(partial); // let a person supply what is missing
 */
export type PartialMicroCredential = { [K in keyof MicroCredential]?: unknown };

/**
 * The result of `fromElm()`. `value` is the best model that can be read, complete or not.
 *
 * @example
 * const result: FromElmResult = fromElm({});
 * // { ok: false, value: { primaryLanguage: 'en' }, issues: [{ code: 'ELM_NOT_A_CREDENTIAL', in: 'elm', … }] }
 * if (result.ok) result.value.workload; // typed: a valid MicroCredential
 */
export type FromElmResult =
  | { ok: true; value: MicroCredential; issues: ElmIssue[] }
  | { ok: false; value: PartialMicroCredential; issues: ElmIssue[] };

const MAX_DEPTH = 256;
const MAX_NODES = 200_000;

const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (n: unknown, key: string): unknown => (isNode(n) && Object.hasOwn(n, key) ? n[key] : undefined);
const many = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/** A literal as a string: a string, a number, or a JSON-LD value object (`{ "@value": …, "@type": … }`, what compaction leaves of a literal with another datatype). */
const str = (v: unknown): string | undefined => {
  const literal = isNode(v) && Object.hasOwn(v, '@value') ? v['@value'] : v;
  return typeof literal === 'string' ? literal : typeof literal === 'number' || typeof literal === 'boolean' ? String(literal) : undefined;
};
const idOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : str(own(v, 'id')) ?? str(own(v, '@id')));
/** A reference to a node: `{ id }` or `{ id, type }` only. */
const isReference = (n: Node): boolean => Object.keys(n).every((k) => k === 'id' || k === '@id' || k === 'type' || k === '@type');
/** Whether node `a` says everything `b` says: each member of `b` is in `a`, with an agreeing value. */
function covers(a: Node, b: Node, depth = 0): boolean {
  for (const key of Object.keys(b)) if (!Object.hasOwn(a, key) || !agree(a[key], b[key], depth + 1)) return false;
  return true;
}
/** Equal, or one a reference (`"id"` or `{ id }`) to the other, or one node a fuller copy of the other. */
function agree(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > 64) return false;
  const refA = typeof a === 'string' ? a : isNode(a) && isReference(a) ? idOf(a) : undefined;
  const refB = typeof b === 'string' ? b : isNode(b) && isReference(b) ? idOf(b) : undefined;
  if (refA !== undefined && refA === idOf(b)) return true;
  if (refB !== undefined && refB === idOf(a)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => agree(v, b[i], depth + 1));
  if (isNode(a) && isNode(b)) return covers(a, b, depth) || covers(b, a, depth);
  return false;
}
const typesOf = (n: unknown): string[] => many(own(n, 'type') ?? own(n, '@type')).filter((t): t is string => typeof t === 'string');

/**
 * Reads an ELM credential into the micro-credential model. `ok` is true when the result is a valid
 * micro-credential; `issues` say what is missing or malformed (`in: 'elm'` paths point into the
 * document, `in: 'model'` ones into `value`).
 *
 * Every JSON-LD spelling of a credential reads the same: the EDC spelling is read as it is; any
 * other (compact or full IRIs as keys, expanded or flattened JSON-LD, other equivalent contexts) is
 * first expanded and compacted with the EDC contexts, offline, and an `ELM_SPELLING_NORMALISED`
 * warning says so. Wrappers (`{ "credential": … }`, `{ "elm": … }`) and sealed envelopes are
 * unwrapped, with a warning. Asynchronous since 0.2.0 (JSON-LD processing is); never rejects.
 *
 * @example
 * const { ok, value, issues } = await fromElm(JSON.parse(text));
 */
export async function fromElm(doc: unknown): Promise<FromElmResult> {
  const issues: ElmIssue[] = [];
  let value: PartialMicroCredential = {};
  try {
    const read = await credentialOf(doc, issues);
    if (read === undefined) return { ok: false, value, issues };
    const start = issues.length;
    value = new Importer(read.credential, issues, read.nodes).read();
    // Paths of what the importer found point into the credential: put them where it is in the input.
    if (read.prefix.length > 0) for (let i = start; i < issues.length; i++) issues[i] = { ...issues[i]!, path: [...read.prefix, ...issues[i]!.path] };
  } catch (cause) {
    const what = cause instanceof RangeError ? 'it is nested too deeply' : 'reading it failed';
    issues.push(importIssue('ELM_INPUT_UNREADABLE', 'error', [], null, `The document could not be read (${what}); pass parsed JSON.`));
    return { ok: false, value, issues };
  }
  // Not a credential at all: what it is was said; listing every element it lacks would say nothing more.
  if (issues.some((i) => i.code === 'ELM_NOT_A_CREDENTIAL' && i.path.length === 0)) return { ok: false, value, issues };
  const checked = validate(value);
  for (const i of checked.issues) issues.push({ ...i, in: 'model' });
  const ok = checked.ok && !issues.some((i) => i.severity === 'error');
  return ok ? { ok: true, value: checked.value, issues } : { ok: false, value, issues };
}

/** Whether a list is expanded JSON-LD: node objects (at most the first ten looked at) in expanded form. */
function isExpandedList(doc: unknown): boolean {
  try {
    return Array.isArray(doc) && doc.length > 0 && doc.slice(0, 10).every(isExpanded);
  } catch {
    return false; // a hostile array: the snapshot below refuses it with its reason
  }
}

/** A node object in expanded form: no `@context`, and every key a keyword or an absolute IRI. */
function isExpanded(node: unknown): boolean {
  if (!isNode(node) || Object.hasOwn(node, '@context')) return false;
  const keys = Object.keys(node);
  return keys.length > 0 && keys.every((k) => k.startsWith('@') || /^[a-z][a-z0-9+.-]*:\/\//i.test(k)) && keys.some((k) => !k.startsWith('@'));
}

/** The EDC contexts an ELM credential without `@context` is read with (ELM_NO_CONTEXT). */
const EDC_CONTEXTS = [VC_V1_CONTEXT, ELM_CONTEXT];

/**
 * The credential to read, in the EDC spelling, with the other top-level nodes of a flattened
 * document and the path of the credential in the input; or `undefined` when there is none (the
 * issues say why).
 */
async function credentialOf(doc: unknown, issues: ElmIssue[]): Promise<{ credential: Node; nodes: Node[]; prefix: Path } | undefined> {
  // Expanded JSON-LD (what jsonld.expand returns) is a list of node objects: read it as a graph.
  if (isExpandedList(doc)) doc = { '@context': EDC_CONTEXTS, '@graph': doc };
  // One plain copy first: getters run once, a proxy cannot lie about an array's length, and the
  // walk below is bounded by the input limits whatever the input claims.
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const copy = snapshot(doc);
    if (!copy.ok) {
      const path = copy.pointer === '' ? [] : copy.pointer.slice(1).split('/').map((s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
      issues.push(importIssue('ELM_INPUT_UNREADABLE', 'error', path, null, `The document could not be read: ${copy.message} Pass parsed JSON.`));
      return undefined;
    }
    doc = copy.value;
  }
  let prefix: Path = [];
  const wrapping = describeWrapping(doc);
  if (wrapping?.kind === 'wrapper') {
    issues.push(importIssue('ELM_WRAPPED', 'warning', [wrapping.member], null, `${wrapping.message} It was unwrapped and read; paths point into the whole document.`));
    doc = wrapping.inner;
    prefix = [wrapping.member];
  }
  const envelopeIssues: ElmIssue[] = [];
  const unwrapped = unwrapEnvelope(doc, envelopeIssues);
  for (const i of envelopeIssues) issues.push({ ...i, path: [...prefix, ...i.path] });
  if (unwrapped === undefined) return undefined;
  let credential = unwrapped;
  if (unwrapped !== doc) prefix = [...prefix, 'payload'];
  if (isExpanded(credential)) {
    // Expanded JSON-LD needs no context: its keys are IRIs and keywords. The EDC contexts are added
    // so that it is compacted to the EDC spelling (absolute IRIs are not changed by a context).
    credential = { '@context': EDC_CONTEXTS, ...credential };
  } else if (describeWrapping(credential)?.kind === 'no-context') {
    issues.push(importIssue('ELM_NO_CONTEXT', 'warning', prefix, null, `The credential has no \`@context\`: it is plain JSON, not JSON-LD. It was read as if it had the EDC contexts, ${JSON.stringify(EDC_CONTEXTS)}; add them so that every tool reads it the same.`));
    credential = { '@context': EDC_CONTEXTS, ...credential };
  }
  if (isPresentation(credential)) {
    issues.push(importIssue('ELM_NOT_A_CREDENTIAL', 'error', prefix, null, `The document has no \`credentialSubject\`: ${whatItIs(credential)}`));
    return undefined;
  }
  const spelled = await toEdcSpelling(credential);
  for (const i of spelled.issues) issues.push(importIssue(i.code, i.severity, [...prefix, ...i.path], null, i.message));
  return { credential: spelled.doc, nodes: spelled.nodes ?? [], prefix: spelled.normalised ? [] : prefix };
}

/** A presentation (in any spelling of its type): it holds credentials, it is not one. */
function isPresentation(doc: Node): boolean {
  return !Object.hasOwn(doc, 'credentialSubject') && typesOf(doc).some((t) => /(^|[/#:])(VerifiablePresentation|EuropeanDigitalPresentation)$/.test(t));
}

/** What a document without `credentialSubject` is, in words, and what to do with it. */
function whatItIs(doc: Node): string {
  const types = typesOf(doc).map((t) => t.slice(Math.max(t.lastIndexOf('/'), t.lastIndexOf('#'), t.lastIndexOf(':')) + 1));
  if (types.includes('VerifiablePresentation') || types.includes('EuropeanDigitalPresentation')) {
    return 'it is a presentation, not a credential. Read each credential of its `verifiableCredential` (verifyPresentation() checks them).';
  }
  if (['learner', 'awardingBodies', 'learningOutcomes', 'dateOfIssue'].some((k) => Object.hasOwn(doc, k))) {
    return "it is a micro-credential in this library's model, not ELM: check it with validate(), or export it with toElm().";
  }
  if (Object.hasOwn(doc, 'vct') || Object.hasOwn(doc, '_sd')) return 'it looks like the claims of an SD-JWT VC, not an ELM credential.';
  return 'it is not an ELM credential (an ELM credential has `@context`, `type` ["VerifiableCredential", "EuropeanDigitalCredential"], `issuer` and `credentialSubject` with `hasClaim`).';
}

/** RFC 7515 §7.2.1: the members of the general JWS JSON serialization. */
const GENERAL_JWS_MEMBERS: ReadonlySet<string> = new Set(['payload', 'signatures']);
/** RFC 7515 §7.2.2: the members of the flattened JWS JSON serialization. */
const FLATTENED_JWS_MEMBERS: ReadonlySet<string> = new Set(['payload', 'protected', 'header', 'signature']);
/** Extra members listed one by one; the rest are counted. */
const MAX_MEMBERS_LISTED = 10;

/**
 * The credential inside a JWS JSON serialization envelope (an EDC seal), or the document itself.
 *
 * A document with `payload` and a JWS member (`signatures`, `signature`, `protected`, `header`), or
 * with `payload` and no `credentialSubject`, is an envelope: only its payload is read, which is what
 * the seal covers. Anything else beside the JWS members (a forged `credentialSubject` next to an
 * intact seal) is not read, and an error says it is there. A document with `credentialSubject`
 * and `payload` but no JWS member is not a seal: it is read as the credential, and a warning says
 * that `payload` was not.
 */
function unwrapEnvelope(doc: unknown, issues: ElmIssue[]): Node | undefined {
  if (!isNode(doc)) {
    issues.push(importIssue('ELM_INPUT_UNREADABLE', 'error', [], null, `An ELM credential is a JSON object, not ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}.`));
    return undefined;
  }
  const payload = own(doc, 'payload');
  if (payload === undefined) return doc;
  const general = own(doc, 'signatures') !== undefined;
  const jwsShaped = general || ['signature', 'protected', 'header'].some((k) => own(doc, k) !== undefined);
  if (!jwsShaped && own(doc, 'credentialSubject') !== undefined) {
    issues.push(importIssue('ELM_ENVELOPE_MEMBER_IGNORED', 'warning', ['payload'], null, 'The document has a `credentialSubject` and a `payload` but no JWS signature (`signatures` or `signature`): it is read as an unsealed credential, and `payload` is not read.'));
    return doc;
  }
  const allowed = general ? GENERAL_JWS_MEMBERS : FLATTENED_JWS_MEMBERS;
  const extra = Object.keys(doc).filter((k) => !allowed.has(k));
  const names = general ? '`payload` and `signatures`' : '`payload`, `protected`, `header` and `signature`';
  for (const name of extra.slice(0, MAX_MEMBERS_LISTED)) {
    issues.push(importIssue('ELM_ENVELOPE_MEMBER_IGNORED', 'error', [name], null, `The sealed envelope has a member ${JSON.stringify(name.slice(0, 40))} beside ${names}. The seal does not cover it, so it was not read: only the sealed \`payload\` is. Remove it (and check the seal with verifyEdcSeal).`));
  }
  if (extra.length > MAX_MEMBERS_LISTED) {
    issues.push(importIssue('ELM_ENVELOPE_MEMBER_IGNORED', 'error', [], null, `${extra.length - MAX_MEMBERS_LISTED} more members beside ${names} were not read and are not listed.`));
  }
  if (typeof payload === 'string') {
    for (const text of [payload, decodeBase64Url(payload)]) {
      if (text === undefined) continue;
      try {
        const parsed: unknown = JSON.parse(text);
        if (isNode(parsed)) return parsed;
      } catch {
        // not this encoding; try the next
      }
    }
  }
  issues.push(importIssue('ELM_ENVELOPE_INVALID', 'error', ['payload'], null, 'The envelope\'s `payload` is neither a JSON credential nor base64url-encoded JSON.'));
  return undefined;
}

function decodeBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = globalThis.atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

class Importer {
  /** The fullest occurrence of every node with an `id`, so that references by `id` resolve. */
  private readonly nodes = new Map<string, Node>();
  private primary = 'en';

  constructor(
    private readonly doc: Node,
    private readonly issues: ElmIssue[],
    /** Other top-level nodes of a flattened document, which references resolve to. */
    private readonly others: readonly Node[] = [],
  ) {
    this.index();
  }

  private index(): void {
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
  private deref(value: unknown): Node | undefined {
    if (typeof value === 'string') return this.nodes.get(value) ?? { id: value };
    if (!isNode(value)) return undefined;
    const id = idOf(value);
    if (id !== undefined && Object.keys(value).every((k) => k === 'id' || k === '@id' || k === 'type' || k === '@type')) {
      return this.nodes.get(id) ?? value;
    }
    return value;
  }

  private nodesOf(parent: unknown, key: string): Node[] {
    return many(own(parent, key)).map((v) => this.deref(v)).filter((n): n is Node => n !== undefined);
  }

  /** The single node of a property; a second one is reported and ignored. */
  private nodeOf(parent: unknown, key: string, path: Path, element: ElementId | null): Node | undefined {
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
  private conceptUri(set: ConceptSet, parent: unknown, key: string, path: Path, element: ElementId | null): string | undefined {
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

  /** A language map (string or array values, or JSON-LD value objects) as a model LangString. */
  private langString(value: unknown, path: Path, element: ElementId | null): LangString | undefined {
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
  private text(value: unknown, path: Path, element: ElementId | null): string | undefined {
    const ls = this.langString(value, path, element);
    if (ls === undefined || typeof ls === 'string') return ls;
    return this.oneText(ls);
  }

  /**
   * One text of a language string: the primary language's, else the first language in sorted order
   * (not in document order: JSON-LD does not keep the order of a language map, so every spelling of
   * a document must read the same text).
   */
  private oneText(ls: LangString): string {
    if (typeof ls === 'string') return ls;
    return ls[this.primary] ?? ls[Object.keys(ls).sort()[0]!]!;
  }

  private noteText(note: unknown, path: Path, element: ElementId | null): LangString | undefined {
    return this.langString(own(this.deref(note), 'noteLiteral'), [...path, 'noteLiteral'], element);
  }

  /** Notes of a node, split into the library's own fact notes (by subject) and plain notes. */
  private notes(parent: unknown): { own: Map<string, Node>; plain: Node[] } {
    const ownNotes = new Map<string, Node>();
    const plain: Node[] = [];
    for (const n of this.nodesOf(parent, 'additionalNote')) {
      const subject = idOf(own(n, 'subject'));
      if (subject?.startsWith('urn:eu-micro-credentials:')) ownNotes.set(subject, n);
      else plain.push(n);
    }
    return { own: ownNotes, plain };
  }

  private ownNoteValue(notes: Map<string, Node>, prefix: string): string | undefined {
    for (const key of notes.keys()) if (key.startsWith(prefix)) return key.slice(prefix.length);
    return undefined;
  }

  // ---- the document ------------------------------------------------------------------------

  read(): PartialMicroCredential {
    const doc = this.doc;
    const display = this.deref(own(doc, 'displayParameter'));
    const primary = concepts.keyOf.language(this.conceptUri(LANGUAGE, display, 'primaryLanguage', ['displayParameter'], null));
    if (primary) {
      // The concept names a language; the title's keys may name it with a region (pt-BR): keep that tag.
      const subject = this.deref(own(doc, 'credentialSubject'));
      const maps = [own(display, 'title'), own(subject, 'fullName'), own(subject, 'givenName'), own(subject, 'familyName'), own(this.deref(own(doc, 'issuer')), 'legalName')];
      const titleTags = maps.flatMap((m) => (isNode(m) ? Object.keys(m) : []));
      this.primary = titleTags.includes(primary) ? primary : (titleTags.filter((t) => t.toLowerCase().split('-')[0] === primary).sort()[0] ?? primary);
    }

    const subject = this.nodeOf(doc, 'credentialSubject', [], 'M1');
    const claims = this.nodesOf(subject, 'hasClaim');
    const claim = claims.find((c) => typesOf(c).includes('LearningAchievement')) ?? claims[0];
    if (!subject || !claim) {
      this.issues.push(importIssue('ELM_NOT_A_CREDENTIAL', 'error', subject ? ['credentialSubject', 'hasClaim'] : [], subject ? 'M6' : 'M1', subject ? 'The credential subject has no claim (`hasClaim`) to read the micro-credential from.' : `The document has no \`credentialSubject\`: ${whatItIs(doc)}`));
    }
    if (claims.length > 1) this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', ['credentialSubject', 'hasClaim'], null, `The subject has ${claims.length} claims; the learning achievement is read, the others are not part of the model.`));
    const claimPath: Path = ['credentialSubject', 'hasClaim'];
    const q = this.nodeOf(claim, 'specifiedBy', claimPath, null);
    const qPath: Path = [...claimPath, 'specifiedBy'];

    const mc: PartialMicroCredential = {};
    const id = idOf(doc);
    if (id !== undefined) mc.id = id;
    mc.primaryLanguage = this.primary;
    if (subject) mc.learner = this.learner(subject);
    mc.title = this.langString(own(claim, 'title') ?? own(q, 'title'), [...claimPath, 'title'], 'M2');
    const issuer = this.deref(own(doc, 'issuer'));
    if (issuer) mc.issuer = this.organisation(issuer, ['issuer'], 'M3');
    const awarding = this.nodeOf(claim, 'awardedBy', claimPath, 'M4');
    const bodies = this.nodesOf(awarding, 'awardingBody');
    if (bodies.length) mc.awardingBodies = bodies.map((b, i) => this.organisation(b, [...claimPath, 'awardedBy', 'awardingBody', i], 'M4'));
    mc.dateOfIssue = this.dateOfIssue(awarding);
    if (q) Object.assign(mc, this.qualification(q, qPath, claim, claimPath, issuer));
    const validUntil = str(own(doc, 'validUntil')) ?? str(own(doc, 'expirationDate'));
    const further = this.furtherInformation(claim, claimPath, q, validUntil);
    if (further) mc.furtherInformation = further;
    Object.assign(mc, this.supervisionAndGrade(claim, claimPath));
    for (const key of Object.keys(mc) as (keyof PartialMicroCredential)[]) if (mc[key] === undefined) delete mc[key];
    return mc;
  }

  private dateOfIssue(awarding: Node | undefined): string | undefined {
    // `issued` (VC 1.1, set by EDC sealing) is the date of issuing; `validFrom` may be earlier.
    return str(own(this.doc, 'issued')) ?? str(own(this.doc, 'issuanceDate')) ?? str(own(awarding, 'awardingDate')) ?? str(own(this.doc, 'validFrom'));
  }

  private learner(person: Node): Node {
    const path: Path = ['credentialSubject'];
    const learner: Node = {};
    const id = idOf(person);
    // EDC numbers its nodes `urn:epass:person:1`: a node label, not an identifier of the learner.
    if (id !== undefined && !id.startsWith('urn:epass:')) learner.id = id;
    for (const key of ['fullName', 'givenName', 'familyName'] as const) {
      const name = this.text(own(person, key), [...path, key], 'M1');
      if (name !== undefined) learner[key] = name;
    }
    const birth = str(own(person, 'dateOfBirth'));
    if (birth !== undefined) learner.dateOfBirth = calendarDate(birth) ?? birth;
    const national = this.deref(own(person, 'nationalID') ?? own(person, 'nationalId'));
    if (national) {
      learner.nationalId = { value: str(own(national, 'notation')), country: concepts.keyOf.country(idOf(own(national, 'spatial'))) };
    }
    const email = this.email(person);
    if (email) learner.email = email;
    const identifiers = this.identifiers(person, path, 'M1');
    if (learner.nationalId !== undefined && (learner.nationalId as Node).country === undefined && typeof (learner.nationalId as Node).value === 'string') {
      identifiers.push({ scheme: 'national-id', value: (learner.nationalId as Node).value as string });
      delete learner.nationalId;
      this.issues.push(importIssue('ELM_VALUE_MAPPED', 'warning', [...path, 'nationalID'], 'M1', 'The national identifier states no country (`spatial`), which the model\'s `nationalId` requires: it is read as an identifier with the scheme "national-id".'));
    }
    if (identifiers.length) learner.identifiers = identifiers;
    return learner;
  }

  private email(agent: Node): string | undefined {
    for (const contact of this.nodesOf(agent, 'contactPoint')) {
      for (const box of many(own(contact, 'emailAddress'))) {
        const address = idOf(box);
        if (address) return address.replace(/^mailto:/i, '');
      }
    }
    return undefined;
  }

  /** Identifiers other than the legal ones; one without a scheme name gets the scheme the rule below picks. */
  private identifiers(agent: Node, path: Path, element: ElementId): { scheme: string; value: string }[] {
    const out: { scheme: string; value: string }[] = [];
    for (const [i, node] of this.nodesOf(agent, 'identifier').entries()) {
      const at = [...path, 'identifier', i];
      const value = str(own(node, 'notation'));
      if (value === undefined) {
        this.issues.push(importIssue('ELM_VALUE_DROPPED', 'warning', at, element, 'An identifier without `notation` (its value) was not read.'));
        continue;
      }
      const named = str(own(node, 'schemeName'));
      if (named !== undefined) {
        out.push({ scheme: named, value });
        continue;
      }
      const scheme = str(own(node, 'schemeId')) ?? this.text(own(this.deref(own(node, 'schemeAgency')), 'prefLabel') ?? own(node, 'schemeAgency'), [...at, 'schemeAgency'], element) ?? 'unspecified';
      this.issues.push(importIssue('ELM_VALUE_MAPPED', 'warning', at, element, `The identifier ${JSON.stringify(value.slice(0, 60))} has no \`schemeName\`, which ELM allows and the model requires: its scheme is read as ${JSON.stringify(scheme.slice(0, 80))}${scheme === 'unspecified' ? ' (it names no scheme id or agency either)' : ' (its scheme id or agency)'}.`));
      out.push({ scheme, value });
    }
    return out;
  }

  /** The organisation's country: its address, else (inferred, with a warning) its legal identifiers' `spatial`. */
  private country(org: Node, location: Node | undefined, path: Path, element: ElementId): string | undefined {
    const address = this.nodeOf(location, 'address', [...path, 'location', 0], element);
    const countryUri = idOf(own(address, 'countryCode'));
    if (countryUri !== undefined) return concepts.keyOf.country(countryUri) ?? countryUri;
    for (const key of ['eIDASIdentifier', 'registration', 'vatIdentifier']) {
      const spatial = idOf(own(this.nodesOf(org, key)[0], 'spatial'));
      const country = concepts.keyOf.country(spatial);
      if (country === undefined) continue;
      this.issues.push(importIssue('ELM_VALUE_INFERRED', 'warning', [...path, key, 'spatial'], element, `The organisation's address states no country; the country of its \`${key}\` (${country}) was read as its country.`));
      return country;
    }
    return undefined;
  }

  private organisation(org: Node, path: Path, element: ElementId): Node {
    const out: Node = { id: idOf(org), legalName: this.langString(own(org, 'legalName') ?? own(org, 'prefLabel'), [...path, 'legalName'], element) };
    const locations = this.nodesOf(org, 'location');
    const location = locations[0];
    out.country = this.country(org, location, path, element);
    if (locations.length > 1) {
      const others = locations.slice(1).map((l) => concepts.keyOf.country(idOf(own(this.nodesOf(l, 'address')[0], 'countryCode'))) ?? idOf(l) ?? '?');
      this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', [...path, 'location'], element, `The organisation has ${locations.length} locations; the model holds one, so the first (country ${String(out.country ?? 'not stated')}) is read and the other${others.length > 1 ? 's' : ''} (${others.join(', ')}) not. EDC adds the seal certificate's country as a location when it seals.`));
    }
    const region = this.text(own(location, 'geographicName'), [...path, 'location', 'geographicName'], element) ?? this.text(own(this.deref(own(location, 'spatialCode')), 'prefLabel'), [...path, 'location', 'spatialCode'], element);
    if (region) out.region = region;
    const full = own(this.nodesOf(location, 'address')[0], 'fullAddress');
    if (full !== undefined) {
      const text = this.noteText(full, [...path, 'location', 'address', 'fullAddress'], element);
      if (text !== undefined) out.address = this.oneText(text);
    }
    const homepage = str(own(this.nodeOf(org, 'homepage', path, element), 'contentURL'));
    if (homepage) out.homepage = homepage;
    const email = this.email(org);
    if (email) out.email = email;
    const identifiers: Node = {};
    const eidas = str(own(this.nodeOf(org, 'eIDASIdentifier', path, element), 'notation'));
    if (eidas) identifiers.eidas = eidas;
    const vat = str(own(this.nodeOf(org, 'vatIdentifier', path, element), 'notation'));
    if (vat) identifiers.vat = vat;
    const registration = str(own(this.nodeOf(org, 'registration', path, element), 'notation'));
    if (registration) identifiers.registration = registration;
    const other = this.identifiers(org, path, element);
    if (other.length) identifiers.other = other;
    if (Object.keys(identifiers).length) out.identifiers = identifiers;
    return out;
  }

  private qualification(q: Node, qPath: Path, claim: Node | undefined, claimPath: Path, issuer: Node | undefined): PartialMicroCredential {
    const mc: PartialMicroCredential = {};
    const notes = this.notes(q);

    mc.learningOutcomes = this.nodesOf(q, 'learningOutcome').map((o, i) => this.outcome(o, [...qPath, 'learningOutcome', i]));
    if ((mc.learningOutcomes as unknown[]).length === 0) delete mc.learningOutcomes;

    const workload: Node = {};
    const read = new Map<string, { value: number; index: number }>();
    for (const [i, cp] of this.nodesOf(q, 'creditPoint').entries()) {
      const path = [...qPath, 'creditPoint', i];
      const framework = this.conceptUri(CREDIT_SYSTEM, cp, 'framework', path, 'M7');
      const point = Number(str(own(cp, 'point')));
      if (!Number.isFinite(point)) {
        this.issues.push(importIssue('ELM_VALUE_MALFORMED', 'warning', [...path, 'point'], 'M7', 'A credit point that is not a number is skipped.'));
        continue;
      }
      const system = concepts.keyOf.credit(framework) ?? framework ?? '(no framework)';
      const first = read.get(system);
      if (first !== undefined) {
        this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', path, 'M7', `A second ${system} credit point (${point}) beside the first (${first.value}, creditPoint ${first.index}): the model holds one workload per system, so the first is read and ${point} is not.`));
        continue;
      }
      read.set(system, { value: point, index: i });
      if (system === 'ECTS') workload.ects = point;
      else if (workload.credits !== undefined) this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', path, 'M7', `Credit points in a second system other than ECTS (${system}): the model holds one, so only the first is read.`));
      else if (system === 'ECVET') workload.credits = { system: 'ECVET', value: point };
      else if (framework) workload.credits = { system: framework, value: point };
      else this.issues.push(importIssue('ELM_VALUE_DROPPED', 'warning', path, 'M7', `A credit point (${point}) without a \`framework\`: the model needs the credit system, so it is not read.`));
    }
    const volume = own(q, 'volumeOfLearning');
    if (volume !== undefined) {
      const hours = durationHours(str(volume));
      if (hours === undefined) this.issues.push(importIssue('ELM_VALUE_MALFORMED', 'warning', [...qPath, 'volumeOfLearning'], 'M7', `\`volumeOfLearning\` ${JSON.stringify(String(volume)).slice(0, 40)} is not a duration in days, hours or minutes; it is skipped.`));
      else workload.hours = hours;
    }
    if (Object.keys(workload).length) mc.workload = workload;

    const level: Node = {};
    const eqfUri = this.conceptUri(EQF_LEVEL, q, 'eqfLevel', qPath, 'M8');
    if (eqfUri) {
      const eqf = concepts.keyOf.eqf(eqfUri);
      if (eqf === undefined) this.issues.push(importIssue('ELM_UNKNOWN_CONCEPT', 'warning', [...qPath, 'eqfLevel'], 'M8', `\`eqfLevel\` ${eqfUri} is not an EQF level concept; it is skipped.`));
      else level.eqf = eqf;
    }
    const nqf = this.nodeOf(q, 'nqfLevel', qPath, 'M8');
    if (nqf) level.nqf = { label: this.langString(own(nqf, 'prefLabel'), [...qPath, 'nqfLevel', 'prefLabel'], 'M8') ?? idOf(nqf), ...(idOf(nqf) ? { uri: idOf(nqf) } : {}) };
    else if (notes.own.has(NOTE_KIND.nqf)) {
      const uri = this.text(own(notes.own.get(NOTE_KIND.nqfUri), 'noteLiteral'), [...qPath, 'additionalNote'], 'M8');
      level.nqf = { label: this.noteText(notes.own.get(NOTE_KIND.nqf), [...qPath, 'additionalNote'], 'M8'), ...(uri !== undefined ? { uri } : {}) };
    }
    const cycle = this.ownNoteValue(notes.own, NOTE_KIND.qfEhea);
    if (cycle) level.qfEhea = cycle;
    if (Object.keys(level).length) mc.level = level;

    mc.assessment = this.assessment(q, qPath, claim, claimPath);

    const participation: Node = {};
    const modeUri = this.conceptUri(LEARNING_MODE, q, 'mode', qPath, 'M10');
    const modeKey = concepts.keyOf.mode(modeUri);
    if (modeKey) participation.mode = modeKey;
    else if (modeUri) this.issues.push(importIssue('ELM_UNKNOWN_CONCEPT', 'warning', [...qPath, 'mode'], 'M10', `\`mode\` ${modeUri} is not a mode of the EDC vocabulary.`));
    const settingUri = this.conceptUri(LEARNING_SETTING, q, 'learningSetting', qPath, 'M10');
    const setting = concepts.keyOf.setting(settingUri) ?? this.ownNoteValue(notes.own, NOTE_KIND.setting);
    if (setting) participation.setting = setting;
    const activity = this.nodeOf(claim, 'influencedBy', claimPath, 'M10');
    if (activity) {
      const activityPath = [...claimPath, 'influencedBy', 0];
      const period = this.nodeOf(activity, 'temporal', activityPath, 'M10');
      const start = str(own(period, 'startDate'));
      const end = str(own(period, 'endDate'));
      if (start) participation.startDate = start;
      if (end) participation.endDate = end;
      const provider = this.nodeOf(activity, 'directedBy', activityPath, 'M10');
      if (provider) participation.provider = this.organisation(provider, [...activityPath, 'directedBy', 0], 'M10');
      if (!participation.mode) {
        const spec = this.deref(own(activity, 'specifiedBy'));
        const activityMode = concepts.keyOf.mode(this.conceptUri(LEARNING_MODE, spec, 'mode', [...activityPath, 'specifiedBy'], 'M10'));
        if (activityMode) participation.mode = activityMode;
      }
    }
    if (Object.keys(participation).length) mc.participation = participation;

    const qa: Node[] = this.nodesOf(q, 'accreditation').map((a, i) => this.accreditation(a, [...qPath, 'accreditation', i], issuer));
    insertInternalQa(qa, readInternalQa(q, (v) => this.deref(v), (v, p) => this.langString(v, p, 'M11'), [...qPath, 'additionalNote']));
    if (qa.length) mc.qualityAssurance = qa;

    const entry = own(q, 'entryRequirement');
    if (entry !== undefined) mc.prerequisites = this.noteText(entry, [...qPath, 'entryRequirement'], 'O1');

    const partial = str(own(q, 'isPartialQualification'));
    const targets = this.nodesOf(q, 'isPartOf').map((t, i) => {
      const target: Node = { title: this.langString(own(t, 'title'), [...qPath, 'isPartOf', i, 'title'], 'O4') };
      const tid = idOf(t);
      if (tid) target.id = tid;
      const url = str(own(this.nodesOf(t, 'homepage')[0], 'contentURL'));
      if (url) target.url = url;
      return target;
    });
    if (targets.length) mc.stackability = { kind: 'stackable', towards: targets };
    else if (partial === 'true') {
      this.issues.push(importIssue('ELM_VALUE_MAPPED', 'warning', [...qPath, 'isPartialQualification'], 'O4', 'The qualification is partial (`isPartialQualification`) but names no qualification it is part of (`isPartOf`), which ELM allows; the model\'s stackability needs a target, so stackability is left out.'));
    } else if (partial === 'false') mc.stackability = { kind: 'standalone' };
    return mc;
  }

  private outcome(o: Node, path: Path): Node {
    const out: Node = { title: this.langString(own(o, 'title'), [...path, 'title'], 'M6') };
    const notes = this.notes(o);
    const typeUri = this.conceptUri(SKILL_TYPE, o, 'dcType', path, 'M6');
    const type = concepts.keyOf.skillType(typeUri) ?? this.ownNoteValue(notes.own, NOTE_KIND.outcomeType);
    if (type) out.type = type;
    const description = notes.plain[0] ? this.noteText(notes.plain[0], [...path, 'additionalNote'], 'M6') : undefined;
    if (notes.plain.length > 1) this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', [...path, 'additionalNote'], 'M6', `The learning outcome has ${notes.plain.length} notes; the model holds one description, so the first is read.`));
    if (description !== undefined) out.description = description;
    const esco = many(own(o, 'relatedESCOSkill')).map(idOf).filter((x): x is string => x !== undefined);
    if (esco.length) out.escoSkills = esco;
    const related = many(own(o, 'relatedSkill')).map(idOf).filter((x): x is string => x !== undefined);
    if (related.length) out.relatedSkills = related;
    const reuse = concepts.keyOf.reuse(this.conceptUri(SKILL_REUSE_LEVEL, o, 'reusabilityLevel', path, 'M6'));
    if (reuse) out.reusability = reuse;
    return out;
  }

  private assessment(q: Node, qPath: Path, claim: Node | undefined, claimPath: Path): Node | undefined {
    // The specification on the qualification, else the one behind the achievement's assessment.
    let spec = this.nodeOf(q, 'provenBy', qPath, 'M9');
    let specPath: Path = [...qPath, 'provenBy', 0];
    if (!spec) {
      spec = this.nodeOf(this.nodeOf(claim, 'provenBy', claimPath, 'M9'), 'specifiedBy', [...claimPath, 'provenBy', 0], 'M9');
      specPath = [...claimPath, 'provenBy', 0, 'specifiedBy'];
    }
    if (!spec) return undefined;
    const out: Node = {};
    const typeNode = this.deref(own(spec, 'dcType'));
    const typeUri = this.conceptUri(ASSESSMENT_TYPE, spec, 'dcType', specPath, 'M9');
    const key = concepts.keyOf.assessmentType(typeUri);
    if (key) out.type = key;
    else if (typeUri) {
      const label = this.langString(own(typeNode, 'prefLabel'), [...specPath, 'dcType', 'prefLabel'], 'M9');
      out.type = { uri: typeUri, label: label ?? typeUri };
      const hint = concepts.assessmentTypeByLabel(typeof label === 'string' ? label : label ? (label.en ?? Object.values(label)[0]) : undefined);
      this.issues.push(
        importIssue('ELM_LOCAL_CONCEPT', 'warning', [...specPath, 'dcType'], 'M9', `The assessment type ${typeUri} is not a concept of the EDC assessment vocabulary; it is kept as a custom type.${hint ? ` Its label matches the EDC concept "${hint}" (${concepts.assessmentType(hint).id}): use that concept.` : ''}`),
      );
    }
    const mode = concepts.keyOf.mode(this.conceptUri(LEARNING_MODE, spec, 'mode', specPath, 'M9'));
    if (mode === 'online' || mode === 'onsite' || mode === 'blended') out.mode = mode;
    else if (mode !== undefined) this.issues.push(importIssue('ELM_VALUE_DROPPED', 'warning', [...specPath, 'mode'], 'M9', `The assessment's mode ${JSON.stringify(mode)} is not one the model holds for an assessment (online, onsite or blended); it was not read.`));
    const description = this.langString(own(spec, 'description'), [...specPath, 'description'], 'M9');
    if (description !== undefined) out.description = description;
    return out;
  }

  private accreditation(a: Node, path: Path, issuer: Node | undefined): Node {
    const out: Node = {};
    const typeUri = this.conceptUri(QUALITY_ASSURANCE_TYPE, a, 'dcType', path, 'M11');
    const type = concepts.keyOf.accreditation(typeUri);
    out.type = type ?? typeUri;
    if (!type) this.issues.push(importIssue('ELM_UNKNOWN_CONCEPT', 'warning', [...path, 'dcType'], 'M11', `The accreditation type ${typeUri ?? '(none)'} is not one of the EDC accreditation types.`));
    out.title = this.langString(own(a, 'title'), [...path, 'title'], 'M11');
    const agent = this.deref(own(a, 'accreditingAgent'));
    if (agent && idOf(agent) !== idOf(issuer)) out.agent = this.organisation(agent, [...path, 'accreditingAgent'], 'M11');
    const url = str(own(this.nodesOf(a, 'homepage')[0], 'contentURL')) ?? str(own(this.deref(own(a, 'report')), 'contentURL'));
    if (url) out.url = url;
    const issued = str(own(a, 'dateIssued'));
    if (issued) out.issued = issued;
    const expires = str(own(a, 'expiryDate'));
    if (expires) out.expires = expires;
    const framework = this.notes(a).own.get(NOTE_KIND.qaFramework);
    if (framework) {
      const text = this.noteText(framework, [...path, 'additionalNote'], 'M11');
      out.framework = text === undefined ? undefined : this.oneText(text);
    }
    return out;
  }

  private furtherInformation(claim: Node | undefined, claimPath: Path, q: Node | undefined, validUntil: string | undefined): Node | undefined {
    const out: Node = {};
    const notes = this.notes(claim);
    if (notes.plain[0]) out.note = this.noteText(notes.plain[0], [...claimPath, 'additionalNote'], 'O5');
    if (validUntil) out.validUntil = validUntil;
    const links = this.nodesOf(q, 'supplementaryDocument').map((d, i) => {
      const link: Node = { url: str(own(d, 'contentURL')) };
      const title = this.langString(own(d, 'title'), [...claimPath, 'specifiedBy', 'supplementaryDocument', i, 'title'], 'O5');
      if (title !== undefined) link.title = title;
      return link;
    });
    if (links.length) out.links = links;
    return Object.keys(out).length ? out : undefined;
  }

  /** O2 and O3 live on the achievement's assessment (and, without a grade, in a note on the achievement). */
  private supervisionAndGrade(claim: Node | undefined, claimPath: Path): { supervision?: string; grade?: unknown } {
    const out: { supervision?: string; grade?: unknown } = {};
    const assessment = this.nodesOf(claim, 'provenBy')[0];
    const notes = this.notes(assessment).own;
    const exact = this.ownNoteValue(this.notes(claim).own, NOTE_KIND.supervision) ?? this.ownNoteValue(notes, NOTE_KIND.supervision);
    const assessmentPath: Path = [...claimPath, 'provenBy', 0];
    const spec = this.deref(own(assessment, 'specifiedBy'));
    let supervision = exact;
    if (supervision === undefined) {
      const uri = this.conceptUri(SUPERVISION, assessment, 'idVerification', assessmentPath, 'O2');
      const mode = concepts.keyOf.mode(this.conceptUri(LEARNING_MODE, spec, 'mode', [...assessmentPath, 'specifiedBy'], 'O2'));
      supervision = concepts.keyOf.supervision(uri, mode);
      if (uri !== undefined && supervision !== undefined && concepts.supervisionIsAmbiguous(uri)) {
        const stated = mode === 'online' || mode === 'onsite';
        this.issues.push(
          importIssue('ELM_VALUE_INFERRED', 'warning', [...assessmentPath, 'idVerification'], 'O2', stated
            ? `EDC has one concept for supervised assessment with identity verification, online or onsite; the assessment's mode (${mode}) says which: ${supervision}.`
            : `EDC has one concept for supervised assessment with identity verification, online or onsite, and the assessment states no mode (online or onsite): ${supervision} was assumed. State the mode on the assessment specification to be exact.`),
        );
      }
    }
    if (supervision) out.supervision = supervision;
    const grade = own(assessment, 'grade');
    if (grade !== undefined) {
      const gradePath = [...claimPath, 'provenBy', 0];
      const value = this.text(own(this.deref(grade), 'noteLiteral'), [...gradePath, 'grade'], 'O3');
      const scheme = this.langString(own(this.deref(own(spec, 'gradingScheme')), 'title'), [...gradePath, 'specifiedBy', 'gradingScheme', 'title'], 'O3');
      const passed = this.ownNoteValue(notes, NOTE_KIND.gradePassed);
      out.grade = scheme === undefined && passed === undefined ? value : { value, ...(scheme !== undefined ? { scheme } : {}), ...(passed ? { passed: passed === 'passed' } : {}) };
    }
    return out;
  }
}
/** `1999-10-01T22:00:00Z` → `1999-10-02`: EDC writes a date of birth as local midnight in UTC, so round to the nearest day. */
export function calendarDate(dateTime: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dateTime)) return dateTime;
  const t = Date.parse(dateTime);
  if (Number.isNaN(t)) return undefined;
  return new Date(t + 12 * 3600_000).toISOString().slice(0, 10);
}

/** Hours in an xsd:duration made of days, hours, minutes and seconds (`PT60H`, `P2DT4H`); undefined for years or months. */
export function durationHours(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  const hours = Number(d) * 24 + Number(h) + Number(min) / 60 + Number(s) / 3600;
  return hours > 0 ? Math.round(hours * 1e6) / 1e6 : undefined;
}
