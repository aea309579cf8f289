/**
 * Every JSON-LD spelling of an ELM credential, brought to the one the importer reads: the EDC
 * compact form (contexts VC 1.1 + ELM, terms as member names, `id`/`type`, language maps). A
 * document already in that spelling is returned as it is, after a cheap check; any other is
 * expanded and compacted again with the bundled contexts. Nothing is fetched; nothing throws.
 */
import type { JsonLdApi, JsonLdError, JsonLdEvent } from 'jsonld';
import { BUNDLED_CONTEXTS, CONTEXT_URLS } from '../../jsonld/contexts.js';
import { DocumentNotBundledError, documentLoader } from '../../jsonld/loader.js';
import { shorten } from '../../json/describe.js';
import type { ElmIssueCode } from '../issues.js';
import { assemble, languageTags, pick } from './spelling-graph.js';
import { DROPPING_EVENTS, droppedMembers, type Path } from './spelling-pointers.js';
import { EDC_CONTEXT, isEdcSpelling, STATUS_CONTEXT } from './spelling-terms.js';
import { isNode } from './json.js';

type Node = Record<string, unknown>;

/**
 * An issue of {@link toEdcSpelling}; `path` points into the document as given (for
 * `ELM_SPELLING_NORMALISED`, the root).
 *
 * @example
 * const issue: SpellingIssue = { code: 'ELM_TERM_DROPPED', severity: 'warning', path: ['credentialSubject', 'nickname'], message: '…' };
 */
export interface SpellingIssue {
  code: ElmIssueCode | 'ELM_SPELLING_NOT_NORMALISED';
  severity: 'error' | 'warning';
  path: Path;
  message: string;
}

/**
 * What {@link toEdcSpelling} gives: the document to read, whether JSON-LD rewrote it, and issues.
 *
 * @example
 * const { doc, normalised, issues }: EdcSpelling = await toEdcSpelling(input);
 */
export interface EdcSpelling {
  /**
   * The credential in the EDC spelling. When `normalised` is false, the input object itself. When
   * true, a new object: the credential node, with `@context` the EDC pair (and status/v1 when it
   * has a `credentialStatus`, compacted with it). Blank nodes used once are
   * embedded where they are used, without their `_:` label (a flattened document labels nodes that
   * had no `id`).
   */
  doc: Node;
  /**
   * The document's other nodes (of a flattened document, a `@graph`, a presentation), each in the EDC
   * spelling, which `doc` may reference by `id` (a string, or `{ "id": … }`): index them with the
   * nodes of `doc` to resolve references. Empty when `normalised` is false.
   */
  nodes: Node[];
  normalised: boolean;
  issues: SpellingIssue[];
}

/** @internal Options for tests: `force` runs JSON-LD even on a document already in the EDC spelling. */
export interface SpellingOptions {
  force?: boolean;
}

/** Objects in a document JSON-LD is run on: the input limits allow 200 000 values, and jsonld.js takes about 70 ms per 1 000 objects (10 600 objects, 740 KB: 0.75 s warm). */
const MAX_OBJECTS = 30_000;
/** ELM_TERM_DROPPED issues listed one by one; the rest are counted in one more. */
const MAX_DROPPED_LISTED = 50;

// A jsonld instance of our own, as in validate-elm.ts: its cache of 'static' contexts is ours alone.
// jsonld is loaded on the first document that needs it: a document in the EDC spelling never does,
// and the package root stays free of it (and of its weight) until then.
let processor: Promise<JsonLdApi> | undefined;
const jsonldProcessor = (): Promise<JsonLdApi> => (processor ??= import('jsonld').then((m) => (m.default ?? m)()));

const issue = (code: SpellingIssue['code'], severity: SpellingIssue['severity'], path: Path, message: string): SpellingIssue => ({ code, severity, path, message });

/**
 * The document in the EDC compact spelling the importer reads, from any JSON-LD spelling of it:
 * compact IRIs (`elm:hasClaim`), full IRIs, expanded or flattened JSON-LD (a `@graph` with
 * references), an inline or nested `@context`, term aliases. Unchanged (`normalised: false`) when it
 * is already in that spelling, has no `@context`, is EBSI's VC 2.0 variant (JSON-LD cannot process
 * it: the VC 2.0 context protects `description`, which ELM redefines), names a context that is not
 * bundled (`ELM_CONTEXT_NOT_BUNDLED`), or is not valid JSON-LD (`ELM_SPELLING_NOT_NORMALISED`).
 * Never fetches, never throws.
 *
 * @example
 * const { doc, normalised, issues } = await toEdcSpelling(JSON.parse(text));
 * if (normalised) console.log('read through JSON-LD'); // issues hold ELM_SPELLING_NORMALISED
 */
export async function toEdcSpelling(doc: Node, options: SpellingOptions = {}): Promise<EdcSpelling> {
  const unchanged = (issues: SpellingIssue[] = []): EdcSpelling => ({ doc, nodes: [], normalised: false, issues });
  try {
    if (!isNode(doc) || doc['@context'] === undefined || isVc2(doc['@context'])) return unchanged();
    if (!options.force && isEdcSpelling(doc)) return unchanged();
    const foreign = foreignContexts(doc);
    if (foreign.length) return unchanged(foreign);
    const objects = countObjects(doc);
    if (objects > MAX_OBJECTS) {
      return unchanged([issue('ELM_SPELLING_NOT_NORMALISED', 'warning', [], `The document is not in the EDC spelling, and with ${objects} objects it is too large to read through JSON-LD (at most ${MAX_OBJECTS}); it was read by its member names only.`)]);
    }
    return await normalise(doc);
  } catch (error) {
    return unchanged(failure(error));
  }
}

/** EBSI's variant: the VC 2.0 context at the top. */
function isVc2(context: unknown): boolean {
  return (Array.isArray(context) ? context : [context]).includes(CONTEXT_URLS.VC_V2);
}

async function normalise(doc: Node): Promise<EdcSpelling> {
  const p = await jsonldProcessor();
  let dropping = 0;
  const eventHandler = ({ event }: { event: JsonLdEvent }) => {
    if (DROPPING_EVENTS.has(event.code)) dropping++;
  };
  const expanded = await p.expand(doc, { documentLoader, eventHandler });
  // With status/v1 too: a Bitstring Status List entry comes back in its terms, as fromElm returns it.
  const compacted = await p.compact(expanded, [...EDC_CONTEXT, STATUS_CONTEXT], { documentLoader });
  const picked = pick(compacted);
  const { root, nodes } = assemble(picked, languageTags(doc));
  const issues = [issue('ELM_SPELLING_NORMALISED', 'warning', [], 'The document is not written in the EDC spelling (its @context, compact or full IRIs as member names, expanded or flattened JSON-LD): it was read through JSON-LD expansion and compaction with the VC 1.1 and ELM contexts. Paths of the other issues point into that compacted form.')];
  if (picked.presentation) {
    issues.push(issue('ELM_WRAPPED', 'warning', [], 'The document is a Verifiable Presentation: the credential in its `verifiableCredential` was read.'));
  }
  if (picked.moreCredentials > 0) {
    issues.push(issue('ELM_MULTIPLE_VALUES', 'warning', [], `The document holds ${picked.moreCredentials + 1} credentials; the first is read.`));
  }
  if (dropping > 0) issues.push(...(await droppedIssues(p, doc)));
  const context = Object.hasOwn(root, 'credentialStatus') ? [...EDC_CONTEXT, STATUS_CONTEXT] : [...EDC_CONTEXT];
  return { doc: { '@context': context, ...root }, nodes, normalised: true, issues };
}

async function droppedIssues(p: JsonLdApi, doc: Node): Promise<SpellingIssue[]> {
  const dropped = await droppedMembers(p, doc);
  const issues = dropped.slice(0, MAX_DROPPED_LISTED).map((d) => {
    const name = JSON.stringify(shorten(d.what, 80));
    const what =
      d.code === 'invalid property'
        ? `The member ${name} is not defined by the document's @context`
        : d.code === 'reserved term'
          ? `${name} looks like a JSON-LD keyword but is not one`
          : `A value is not valid JSON-LD here (${d.code}${d.what ? `: ${name}` : ''})`;
    return issue('ELM_TERM_DROPPED', 'warning', d.path, `${what}: JSON-LD drops it, so it was not read.`);
  });
  if (dropped.length > MAX_DROPPED_LISTED) {
    issues.push(issue('ELM_TERM_DROPPED', 'warning', [], `${dropped.length - MAX_DROPPED_LISTED} more members were dropped by JSON-LD and are not listed.`));
  }
  return issues;
}

/** Every context URL the document names (at the top, nested, in scoped contexts) that is not bundled. */
function foreignContexts(doc: Node): SpellingIssue[] {
  const found: SpellingIssue[] = [];
  const url = (value: unknown, path: Path): void => {
    if (typeof value === 'string' && !BUNDLED_CONTEXTS.has(value)) {
      found.push(issue('ELM_CONTEXT_NOT_BUNDLED', 'warning', path, `The @context ${JSON.stringify(value)} is not bundled, and nothing is fetched: the document was not read through JSON-LD but by its member names only. Use the EDC contexts ${EDC_CONTEXT.map((u) => JSON.stringify(u)).join(' and ')}.`));
    }
  };
  const context = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) value.forEach((v, i) => context(v, [...path, i]));
    else if (typeof value === 'string') url(value, path);
    else if (isNode(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k === '@import') url(v, [...path, k]);
        else if (isNode(v) && v['@context'] !== undefined) context(v['@context'], [...path, k, '@context']);
      }
    }
  };
  const walk = (value: unknown, path: Path, depth: number): void => {
    if (found.length >= MAX_DROPPED_LISTED || depth > 300) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], depth + 1));
    else if (isNode(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (k === '@context') context(v, [...path, k]);
        else if (v !== null && typeof v === 'object') walk(v, [...path, k], depth + 1);
      }
    }
  };
  walk(doc, [], 0);
  return found;
}

function countObjects(doc: Node): number {
  let count = 0;
  const stack: unknown[] = [doc];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    count++;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (x !== null && typeof x === 'object') stack.push(x);
  }
  return count;
}

/** The issue for a JSON-LD error: the loader's refusal of a URL, or what jsonld.js says. */
function failure(error: unknown): SpellingIssue[] {
  let e: unknown = error;
  for (let i = 0; i < 8 && e && typeof e === 'object'; i++) {
    if (e instanceof DocumentNotBundledError) {
      return [issue('ELM_CONTEXT_NOT_BUNDLED', 'warning', [], `The @context ${JSON.stringify(e.url)} is not bundled, and nothing is fetched: the document was read by its member names only.`)];
    }
    e = (e as JsonLdError).details?.cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && error.name.startsWith('jsonld.') ? (error as JsonLdError).details?.code : undefined;
  return [issue('ELM_SPELLING_NOT_NORMALISED', 'warning', [], `The document is not valid JSON-LD (${shorten(message, 160)}${typeof code === 'string' ? `: ${code}` : ''}), so it could not be brought to the EDC spelling; it was read by its member names only.`)];
}
