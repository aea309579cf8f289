import type { JsonObject } from '../json/types.js';
import { BUNDLED_CONTEXTS, frozenObject } from './contexts.js';

/**
 * The codes of the errors a document loader rejects with.
 *
 * @example
 * const refused: DocumentLoaderErrorCode = 'ERR_DOCUMENT_NOT_BUNDLED';
 * await documentLoader('https://example.org/ctx').catch((e) => e.code === refused); // true
 */
export type DocumentLoaderErrorCode = 'ERR_DOCUMENT_NOT_BUNDLED';

/**
 * The loader was asked for a URL it does not serve: neither a bundled context nor one of the
 * documents given to {@link createDocumentLoader}. Nothing was fetched; nothing ever is.
 *
 * @example
 * try { await documentLoader('https://example.org/ctx') } catch (e) {
 *   if (e instanceof DocumentNotBundledError) console.log(e.code, e.url) // ERR_DOCUMENT_NOT_BUNDLED https://example.org/ctx
 * }
 */
export class DocumentNotBundledError extends Error {
  readonly code: DocumentLoaderErrorCode = 'ERR_DOCUMENT_NOT_BUNDLED';
  /** The URL that was refused. */
  readonly url: string;
  constructor(url: string) {
    super(
      `The document loader does not serve ${JSON.stringify(url)}: it serves only the bundled contexts and the ` +
        `documents given to createDocumentLoader({ documents }), and never fetches from the network.`,
    );
    this.name = 'DocumentNotBundledError';
    this.url = url;
  }
}

/**
 * The loader's refusal somewhere in the chain of causes jsonld.js and the signature suites wrap it
 * in (`details.cause`, `cause`), or undefined.
 */
export function refusalIn(error: unknown): DocumentNotBundledError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 10 && e && typeof e === 'object'; i++) {
    if (e instanceof DocumentNotBundledError) return e;
    e = (e as { details?: { cause?: unknown } }).details?.cause ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * What a document loader resolves to, in the form jsonld.js and the `@digitalbazaar` libraries expect.
 *
 * @example
 * const loaded: RemoteDocument = await documentLoader('https://www.w3.org/2018/credentials/v1');
 * // { contextUrl: null, documentUrl: 'https://www.w3.org/2018/credentials/v1', document: { '@context': { … } }, tag: 'static' }
 * Object.isFrozen(loaded.document); // true
 */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  /** Deeply frozen: a caller cannot change what later loads return. */
  document: JsonObject;
  /**
   * `'static'` for the bundled contexts: their content never changes, so jsonld.js may cache the
   * processed context by URL across calls. Absent for caller documents.
   */
  tag?: 'static';
}

/**
 * A jsonld.js-compatible document loader.
 *
 * @example
 * const loader: DocumentLoader = createDocumentLoader({ documents: { 'did:web:uni.example.eu': didDocument } });
 * await jsonld.expand(credential, { documentLoader: loader, safe: true });
 */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * Options of {@link createDocumentLoader}.
 *
 * @example
 * const options: DocumentLoaderOptions = { documents: { 'did:web:uni.example.eu': didDocument } };
 * const loader = createDocumentLoader(options);
 */
export interface DocumentLoaderOptions {
  /**
   * Extra documents to serve by exact URL: controller documents, verification keys, a presentation's
   * contexts. Copied (and frozen) when the loader is created. A URL of a bundled context cannot be
   * given: a context replaced under its own URL would change what signed credentials mean.
   */
  documents?: Readonly<Record<string, object>>;
}

/**
 * Creates an offline document loader for jsonld.js (and the libraries built on it): it serves the
 * bundled contexts (see `BUNDLED_CONTEXT_URLS`) and the given documents, by exact URL, and rejects
 * every other URL with a {@link DocumentNotBundledError}. It never touches the network.
 *
 * URLs are matched exactly: `https://` and `http://` forms, or a trailing slash, are different
 * URLs. The ELM context is served at `http://data.europa.eu/snb/model/context/edc-ap`, the form EDC
 * credentials (including the EU's own samples) use.
 *
 * @throws TypeError when `options` or a document is not a JSON object, or a document would replace
 *   a bundled context.
 * @example
 * const loader = createDocumentLoader({
 *   documents: { 'did:example:issuer': { '@context': 'https://www.w3.org/ns/did/v1', id: 'did:example:issuer' } },
 * });
 * const { document } = await loader('https://www.w3.org/2018/credentials/v1');
 * await jsonld.expand(credential, { documentLoader: loader, safe: true });
 */
export function createDocumentLoader(options?: DocumentLoaderOptions): DocumentLoader {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError('createDocumentLoader(options): options must be an object');
  }
  const given = options?.documents;
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    throw new TypeError('createDocumentLoader(options): options.documents must be an object of URL → document');
  }
  const documents = new Map<string, JsonObject>();
  for (const url of Object.keys(given ?? {})) {
    if (BUNDLED_CONTEXTS.has(url)) {
      throw new TypeError(`createDocumentLoader(options): ${url} is a bundled context and cannot be replaced`);
    }
    documents.set(url, frozenObject((given as Record<string, unknown>)[url], `options.documents[${JSON.stringify(url)}]`));
  }
  return async (url: string): Promise<RemoteDocument> => {
    const bundled = BUNDLED_CONTEXTS.get(url);
    if (bundled) return { contextUrl: null, documentUrl: url, document: bundled, tag: 'static' };
    const document = documents.get(url);
    if (document) return { contextUrl: null, documentUrl: url, document };
    throw new DocumentNotBundledError(String(url));
  };
}

/**
 * The offline document loader with the bundled contexts only.
 *
 * @example
 * const expanded = await jsonld.expand(credential, { documentLoader, safe: true });
 */
export const documentLoader: DocumentLoader = createDocumentLoader();
