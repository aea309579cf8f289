// Declarations for the parts of jsonld 9 (https://github.com/digitalbazaar/jsonld.js) this library
// uses; the package ships none. Only what is called is declared, with the shapes jsonld really
// produces (checked against lib/toRdf.js and lib/events.js of 9.0.0).
declare module 'jsonld' {
  /** A term of jsonld's RDF output: plain objects in the RDF/JS shape, without `equals()`. */
  export interface JsonLdNamedNode {
    termType: 'NamedNode';
    value: string;
  }
  export interface JsonLdBlankNode {
    termType: 'BlankNode';
    /** With its `_:` prefix, e.g. `_:b0`. */
    value: string;
  }
  export interface JsonLdLiteral {
    termType: 'Literal';
    value: string;
    datatype: JsonLdNamedNode;
    language?: string;
  }
  export interface JsonLdDefaultGraph {
    termType: 'DefaultGraph';
    value: '';
  }
  export interface JsonLdQuad {
    subject: JsonLdNamedNode | JsonLdBlankNode;
    predicate: JsonLdNamedNode | JsonLdBlankNode;
    object: JsonLdNamedNode | JsonLdBlankNode | JsonLdLiteral;
    graph: JsonLdNamedNode | JsonLdBlankNode | JsonLdDefaultGraph;
  }

  /** What a document loader resolves to. `tag: 'static'` lets jsonld cache the context by URL. */
  export interface JsonLdRemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
    tag?: 'static';
  }

  /** A warning or notice raised while processing (safe mode turns the unsafe warnings into errors). */
  export interface JsonLdEvent {
    type: string[];
    code: string;
    level: 'warning' | 'info' | string;
    message: string;
    details?: Record<string, unknown>;
  }

  export interface JsonLdToRdfOptions {
    documentLoader: (url: string) => Promise<JsonLdRemoteDocument>;
    /** Fail on data that would otherwise be silently dropped (undefined terms, relative IRIs). */
    safe?: boolean;
    eventHandler?: (args: { event: JsonLdEvent; next: () => void }) => void;
    base?: string | null;
  }

  /** The error jsonld throws: `name` is e.g. `jsonld.ValidationError`, `jsonld.SyntaxError`. */
  export interface JsonLdError extends Error {
    details?: Record<string, unknown> & { code?: string; event?: JsonLdEvent; url?: string; cause?: unknown };
  }

  export interface JsonLdApi {
    /** Expands `input` and returns its RDF dataset as an array of quads. */
    toRDF(input: unknown, options: JsonLdToRdfOptions): Promise<JsonLdQuad[]>;
    /** Expands `input` (with `safe: true`, fails on terms the contexts do not define). */
    expand(input: unknown, options: JsonLdToRdfOptions): Promise<unknown[]>;
    /** RDF dataset canonicalization of `input` as N-Quads (what the RDF proof suites hash; used by tests). */
    canonize(input: unknown, options: JsonLdToRdfOptions & { algorithm: 'RDFC-1.0'; format: 'application/n-quads' }): Promise<string>;
    /** Compacts `input` with `context` (used by tests, as the oracle of the canonical-form check). */
    compact(input: unknown, context: unknown, options: Partial<JsonLdToRdfOptions>): Promise<Record<string, unknown>>;
    /**
     * Processes `localCtx` on top of `activeCtx` (`null` and `null`: the initial context) and
     * returns jsonld.js's active context object (term definitions in `mappings`).
     */
    processContext(activeCtx: unknown, localCtx: unknown, options: Partial<JsonLdToRdfOptions>): Promise<unknown>;
  }

  /** The package exports a factory: calling it returns a new instance with its own context cache. */
  export interface JsonLdFactory extends JsonLdApi {
    (): JsonLdApi;
  }

  const jsonld: JsonLdFactory;
  export default jsonld;
}

// jsonld.js's internal util module, used by the signing workers (src/vc/worker-jsonld.ts).
declare module 'jsonld/lib/util.js' {
  const util: { clone(value: unknown): unknown };
  export default util;
}

// jsonld.js's context processing and IRI compaction, used by the canonical-form check
// (src/jsonld/canonical-form.ts): IRI expansion and compaction as jsonld.js itself does them.
declare module 'jsonld/lib/context.js' {
  const context: {
    expandIri(activeCtx: unknown, value: string, relativeTo: { vocab?: boolean; base?: boolean }, options: { base: string | null }): unknown;
  };
  export default context;
}
declare module 'jsonld/lib/compact.js' {
  const compact: {
    compactIri(args: { activeCtx: unknown; iri: string; value?: unknown; relativeTo?: { vocab: boolean }; base?: string | null }): unknown;
  };
  export default compact;
}
