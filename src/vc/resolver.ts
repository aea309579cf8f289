/**
 * The document loader used for signing and verifying: the bundled contexts, `did:key` documents
 * built offline, and the controller documents a caller supplies. Nothing else, never the network.
 */
import { type DocumentLoader, DocumentNotBundledError, createDocumentLoader, refusalIn } from '../jsonld/loader.js';
import { type ControllerDocument, didKeyDocument } from './keys.js';

const cache = new Map<string, DocumentLoader>();

/** The document a verification method's id is in: the id without its fragment. */
export const methodBase = (id: string): string => (id.includes('#') ? id.slice(0, id.indexOf('#')) : id);

/**
 * A loader that also serves each controller document, and each of its verification methods by id
 * (what the proof suites ask for), with the document's contexts.
 */
export function keyLoader(controllers: readonly unknown[] = [], extra: Readonly<Record<string, object>> = {}): DocumentLoader {
  // Extra documents by URL (contexts, keys) first; controller documents and their keys override them.
  const documents: Record<string, object> = { ...extra };
  const ids = new Set<string>();
  for (const c of controllers) {
    if (c === null || typeof c !== 'object' || typeof (c as { id?: unknown }).id !== 'string') {
      throw new TypeError('controllers: each controller document needs a string `id`');
    }
    const doc = c as ControllerDocument;
    if (ids.has(doc.id)) throw new TypeError(`controllers: two controller documents have the id ${JSON.stringify(doc.id.slice(0, 200))}; which one is the controller's is unclear`);
    ids.add(doc.id);
    documents[doc.id] = doc;
    for (const vm of Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []) {
      // A key is served only from the document its id is in (Controller Documents 1.0, "Retrieve
      // Verification Method"): a document listing a method under another controller's id would
      // otherwise publish a key of its own in that controller's name.
      if (vm && typeof vm === 'object' && typeof vm.id === 'string' && methodBase(vm.id) === doc.id) documents[vm.id] = { '@context': doc['@context'], ...vm };
    }
  }
  const base = controllers.length === 0 && Object.keys(extra).length === 0 ? (cache.get('') ?? cache.set('', createDocumentLoader()).get('')!) : createDocumentLoader({ documents });
  return async (url: string) => {
    try {
      return await base(url);
    } catch (error) {
      if (!(error instanceof DocumentNotBundledError) || !url.startsWith('did:key:')) throw error;
      const did = url.split('#')[0]!;
      const doc = didKeyDocument(did);
      if (!doc) throw error;
      const method = doc.verificationMethod[0]!;
      const document = url.includes('#') ? (url === method.id ? { '@context': doc['@context'], ...method } : undefined) : doc;
      if (!document) throw error;
      return { contextUrl: null, documentUrl: url, document: document as never };
    }
  };
}

/** The loader refusal somewhere in the chain of causes jsonld and the suites wrap errors in. */
export function refusedUrl(error: unknown): string | undefined {
  const refused = refusalIn(error);
  if (refused) return refused.url;
  const text = error instanceof Error ? error.message : '';
  return /does not serve "([^"]+)"/.exec(text)?.[1];
}

/** The safe-mode event of a jsonld.ValidationError anywhere in the chain. */
function safeModeEvent(error: unknown): { code: string; details: Record<string, unknown> } | undefined {
  let e: unknown = error;
  for (let i = 0; i < 10 && e && typeof e === 'object'; i++) {
    const details = (e as { details?: { event?: { code?: string; details?: Record<string, unknown> }; cause?: unknown } }).details;
    const event = details?.event;
    if (event?.code) return { code: event.code, details: event.details ?? {} };
    e = details?.cause ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const termOf = (d: Record<string, unknown>): unknown => d.property ?? d.type ?? d.iri ?? d.id ?? d.term;

/** The term JSON-LD safe mode rejected, from a jsonld.ValidationError anywhere in the chain. */
export function undefinedTerm(error: unknown): string | undefined {
  const event = safeModeEvent(error);
  if (event) {
    const term = termOf(event.details);
    return `${event.code}${term !== undefined ? `: ${typeof term === 'string' ? term : JSON.stringify(term)}` : ''}`;
  }
  const text = error instanceof Error ? error.message : '';
  return /Safe mode validation error/i.test(text) ? 'an undefined term' : undefined;
}

/** The property or type JSON-LD safe mode rejected, as the document writes it, when the error names one. */
export function undefinedTermName(error: unknown): string | undefined {
  const event = safeModeEvent(error);
  const term = event ? termOf(event.details) : undefined;
  return typeof term === 'string' ? term : undefined;
}

/** Whether a refusal happened while jsonld loaded a context (rather than a suite loading a key). */
export function refusedContext(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 10 && e && typeof e === 'object'; i++) {
    const details = (e as { details?: { code?: unknown; cause?: unknown } }).details;
    if (details?.code === 'loading remote context failed') return true;
    e = details?.cause ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
