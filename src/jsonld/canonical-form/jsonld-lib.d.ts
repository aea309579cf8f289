// jsonld.js's internal modules behind `expand()`, used by src/jsonld/canonical-form/expand.ts to
// expand from an initial active context of its own (the parts it calls; jsonld.js 9.0.0).
declare module 'jsonld/lib/expand.js' {
  const expand: {
    expand(args: { activeCtx: unknown; element: unknown; options: Record<string, unknown> }): Promise<unknown>;
  };
  export default expand;
}
declare module 'jsonld/lib/events.js' {
  const events: { setupEventHandler(args: { options: Record<string, unknown> }): unknown };
  export default events;
}
declare module 'jsonld/lib/ContextResolver.js' {
  class ContextResolver {
    constructor(args: { sharedCache: { get(key: string): unknown; set(key: string, value: unknown): void } });
  }
  export default ContextResolver;
}
