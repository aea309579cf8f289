/**
 * Signing credentials as W3C Verifiable Credentials with @digitalbazaar/vc. The input is never
 * handed to the library itself (its `issue()` mutates and appends), and every document goes
 * through JSON-LD safe mode: a term the contexts do not define is an error, not silently unsigned.
 */
import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';
import { findPlaces, snapshot } from '../elm/input.js';
import { ERROR_KIND, MicroCredentialError } from '../errors.js';
import { BUNDLED_CONTEXT_URLS } from '../jsonld/contexts.js';
import type { JsonObject, JsonValue } from '../jsonld/json.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import type { VcCode } from './codes.js';
import { IssuerKey } from './keys.js';
import { emptyIriMessage, emptyIriPointers } from './empty-iri.js';
import { keyLoader, refusedUrl, undefinedTerm } from './resolver.js';
import { SUITES, type SuiteName, signingSuite } from './suites.js';

/**
 * Options of `signCredential()`.
 *
 * @example
 * // Byte-identical output from run to run: a fixed key and a fixed time (for golden files).
 * const options: SignOptions = { key, suite: 'eddsa-rdfc-2022', created: '2025-06-30T12:00:00Z' };
 * const signed = await signCredential(credential, options);
 */
export interface SignOptions {
  /** The issuer's key (with its private part). */
  key: IssuerKey;
  /** The proof suite (default `Ed25519Signature2020`). */
  suite?: SuiteName;
  /** Set the credential's issuer to the key's controller (default false: they must already match). */
  setIssuer?: boolean;
  /** The proof's `created` time (default now). Fix it, with a fixed key seed, for byte-identical output. */
  created?: Date | string;
  /** Extra controller documents or contexts to serve offline, by URL. */
  documents?: Readonly<Record<string, object>>;
}

/**
 * A signed credential: the input with the suite's context appended and a `proof`.
 *
 * @example
 * const signed: SignedCredential = await signCredential(toElm(mc), { key });
 * signed.proof; // { type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod', verificationMethod: key.id, proofValue: 'z…', … }
 */
export type SignedCredential = JsonObject & { proof: JsonObject | JsonObject[] };

/**
 * Why signing failed: `reason` is a stable code; the message never contains key material.
 *
 * @example
 * try {
 *   await signCredential({ ...credential, nickname: 'Anna' }, { key });
 * } catch (e) {
 *   if (!(e instanceof SigningError)) throw e;
 *   e.code; // 'ERR_SIGNING'
 *   e.reason; // 'UNDEFINED_TERM': no context defines `nickname`, so it would not be signed
 * }
 */
export class SigningError extends MicroCredentialError {
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'SigningError';
  readonly reason: Extract<VcCode, 'CREDENTIAL_MALFORMED' | 'UNDEFINED_TERM' | 'CONTEXT_NOT_BUNDLED' | 'ISSUER_KEY_MISMATCH' | 'HOLDER_KEY_MISMATCH' | 'VERIFICATION_FAILED'>;
  constructor(reason: SigningError['reason'], message: string) {
    super('ERR_SIGNING', message);
    this.name = 'SigningError';
    this.reason = reason;
  }
}

const BUNDLED: ReadonlySet<string> = new Set(BUNDLED_CONTEXT_URLS);

/** The issuer's id, whether `issuer` is a string or an object. */
export function issuerIdOf(doc: JsonObject): string | undefined {
  const issuer: unknown = doc.issuer;
  if (typeof issuer === 'string') return issuer;
  const id = issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer) ? (issuer as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Context URLs of a document that the loader would refuse. */
export function unknownContexts(doc: JsonObject, documents: Readonly<Record<string, object>> = {}): string[] {
  const contexts = Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']];
  return contexts.filter((c): c is string => typeof c === 'string' && !BUNDLED.has(c) && !Object.hasOwn(documents, c));
}

/**
 * JSON Pointers of `__proto__` members. jsonld.js copies documents by assignment, which turns such a
 * member into the copy's prototype: it vanishes from what is signed without a safe-mode error, yet
 * stays in the JSON for whoever reads it next.
 */
export function prototypeKeys(doc: JsonObject): string[] {
  // findPlaces builds a JSON Pointer for every value it passes (a fifth of a millisecond on the EU
  // sample); almost no document has such a member, so look for one first without them.
  if (!hasPrototypeKey(doc)) return [];
  return findPlaces(doc, (key) => key === '__proto__').map((p) => p.pointer || '/');
}

/** Whether a `__proto__` member is anywhere in a snapshot (whose depth snapshot() has bounded). */
function hasPrototypeKey(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || hasPrototypeKey((value as JsonObject)[key]!)) return true;
  }
  return false;
}

/**
 * The loader serving a key's controller document, built once per key: building one copies and
 * freezes the document, which would otherwise be done for every credential a key signs.
 */
const keyLoaders = new WeakMap<IssuerKey, DocumentLoader>();
function loaderOf(key: IssuerKey): DocumentLoader {
  let loader = keyLoaders.get(key);
  if (!loader) keyLoaders.set(key, (loader = keyLoader([key.controllerDocument()])));
  return loader;
}

function checkOptions(options: unknown): asserts options is SignOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('signCredential(): options must be an object with a `key`');
  const o = options as SignOptions;
  if (!(o.key instanceof IssuerKey)) throw new TypeError('signCredential(): options.key must be an IssuerKey (generateIssuerKey() or importIssuerKey())');
  if (!o.key.canSign) throw new TypeError(`signCredential(): the key ${o.key.id} has no private part`);
  if (o.suite !== undefined && !SUITES.includes(o.suite)) throw new TypeError(`signCredential(): options.suite must be one of ${SUITES.join(', ')}`);
  if (o.created !== undefined && Number.isNaN(new Date(o.created).getTime())) throw new TypeError('signCredential(): options.created is not a date');
}

/** Expands in JSON-LD safe mode and reports the first term that would be lost. */
export async function assertSafe(doc: JsonObject, loader: DocumentLoader): Promise<void> {
  try {
    await jsonld.expand(doc, { documentLoader: loader, safe: true });
  } catch (error) {
    throw translate(error);
  }
}

/** Refuses a `""` the contexts read as an IRI: JSON-LD drops it without a safe-mode error (see empty-iri.ts). */
export async function assertNoEmptyIri(doc: JsonObject, loader: DocumentLoader): Promise<void> {
  const empty = await emptyIriPointers(doc, loader);
  if (empty.length > 0) {
    throw new SigningError('UNDEFINED_TERM', `${emptyIriMessage(empty)}, so it would not be signed. Give an IRI or remove the member.`);
  }
}

export function translate(error: unknown): SigningError {
  if (error instanceof SigningError) return error;
  const url = refusedUrl(error);
  if (url !== undefined) return new SigningError('CONTEXT_NOT_BUNDLED', `The document needs ${JSON.stringify(url)}, which the offline document loader does not have; nothing was fetched. Use a bundled context or pass the document in \`documents\`.`);
  const term = undefinedTerm(error);
  if (term !== undefined) return new SigningError('UNDEFINED_TERM', `JSON-LD safe mode: ${term}. The contexts do not define it, so it would not be signed; define it in a context or remove it.`);
  const message = error instanceof Error ? error.message : String(error);
  return new SigningError('VERIFICATION_FAILED', `Signing failed: ${message.slice(0, 300)}`);
}

/**
 * Signs a credential (an ELM credential from `toElm`, or any VC 1.1 or 2.0 credential) and returns
 * the signed copy; the input is not changed.
 *
 * @example
 * const key = await generateIssuerKey();
 * const signed = await signCredential(toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller } }), { key });
 */
export async function signCredential(credential: unknown, options: SignOptions): Promise<SignedCredential> {
  checkOptions(options);
  const copy = snapshot(credential);
  if (!copy.ok) throw new SigningError('CREDENTIAL_MALFORMED', `${copy.message}${copy.pointer ? ` (at ${copy.pointer})` : ''}`);
  // snapshot() returns a fresh plain copy: writable here, whatever its type says.
  const doc = copy.value as Record<string, unknown> as JsonObject & Record<string, unknown>;
  const { key } = options;
  if (options.setIssuer) {
    const issuer = doc.issuer;
    doc.issuer = issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer) ? { ...issuer, id: key.controller } : key.controller;
  }
  const issuerId = issuerIdOf(doc);
  if (issuerId !== key.controller) {
    throw new SigningError(
      'ISSUER_KEY_MISMATCH',
      `The credential's issuer is ${issuerId === undefined ? 'missing' : JSON.stringify(issuerId)} but the key belongs to ${JSON.stringify(key.controller)}: verifiers would reject it. Sign with the issuer's key, or pass setIssuer: true.`,
    );
  }
  const proto = prototypeKeys(doc);
  if (proto.length > 0) throw new SigningError('UNDEFINED_TERM', `A \`__proto__\` member at ${proto.join(', ')}: jsonld.js drops it silently, so it would not be signed. Remove it.`);
  const documents = { ...options.documents, [key.controller]: key.controllerDocument() };
  const missing = unknownContexts(doc, documents);
  if (missing.length > 0) {
    throw new SigningError('CONTEXT_NOT_BUNDLED', `The credential names ${missing.map((u) => JSON.stringify(u)).join(', ')}, which the offline document loader does not have; nothing was fetched.`);
  }
  const isController = (d: object) => typeof (d as { id?: unknown }).id === 'string' && 'verificationMethod' in d;
  const loader =
    options.documents === undefined
      ? loaderOf(key)
      : keyLoader(Object.values(documents).filter(isController), Object.fromEntries(Object.entries(options.documents).filter(([, d]) => !isController(d))));
  await assertNoEmptyIri(doc, loader);
  const suiteName = options.suite ?? 'Ed25519Signature2020';
  // RDF canonicalization runs in safe mode; JCS does not look at JSON-LD, so check it here.
  if (suiteName === 'eddsa-jcs-2022') await assertSafe(doc, loader);
  try {
    const created = options.created === undefined ? undefined : new Date(options.created);
    return (await vc.issue({ credential: doc, suite: signingSuite(suiteName, key, created), documentLoader: loader })) as SignedCredential;
  } catch (error) {
    throw translate(error);
  }
}
