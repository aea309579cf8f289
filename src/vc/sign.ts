/**
 * Signing credentials as W3C Verifiable Credentials with @digitalbazaar/vc. The input is never
 * handed to the library itself (its `issue()` mutates and appends), and every document goes
 * through JSON-LD safe mode: a term the contexts do not define is an error, not silently unsigned.
 */
import * as vc from '@digitalbazaar/vc';
import type { JsonObject } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import { readDocument, unreadableMessage } from './input.js';
import { IssuerKey } from './keys.js';
import { keyLoader } from './resolver.js';
import { issuerIdOf } from './preflight.js';
import { SigningError, assertSignable, translate } from './signing-error.js';
import { SUITES, type SuiteName, signingSuite } from './suites.js';

export { SigningError };

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
  const copy = readDocument(credential);
  if (!copy.ok) throw new SigningError('VC_CREDENTIAL_MALFORMED', unreadableMessage(copy));
  // readDocument() returns a fresh plain copy: writable here, whatever its type says.
  const doc = copy.value as Record<string, unknown> as JsonObject & Record<string, unknown>;
  const { key } = options;
  if (options.setIssuer) {
    const issuer = doc.issuer;
    doc.issuer = issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer) ? { ...issuer, id: key.controller } : key.controller;
  }
  const issuerId = issuerIdOf(doc);
  if (issuerId !== key.controller) {
    throw new SigningError(
      'VC_ISSUER_KEY_MISMATCH',
      `The credential's issuer is ${issuerId === undefined ? 'missing' : JSON.stringify(issuerId)} but the key belongs to ${JSON.stringify(key.controller)}: verifiers would reject it. Sign with the issuer's key, or pass setIssuer: true.`,
    );
  }
  const documents = { ...options.documents, [key.controller]: key.controllerDocument() };
  const isController = (d: object) => typeof (d as { id?: unknown }).id === 'string' && 'verificationMethod' in d;
  const loader =
    options.documents === undefined
      ? loaderOf(key)
      : keyLoader(Object.values(documents).filter(isController), Object.fromEntries(Object.entries(options.documents).filter(([, d]) => !isController(d))));
  const suiteName = options.suite ?? 'Ed25519Signature2020';
  // What a verifier refuses is refused here: contexts, the canonical JSON form, empty IRIs, and
  // for JCS (which does not look at JSON-LD) the safe-mode expansion the RDF suites run.
  await assertSignable(doc, 'credential', loader, options.documents, suiteName === 'eddsa-jcs-2022');
  try {
    const created = options.created === undefined ? undefined : new Date(options.created);
    return (await vc.issue({ credential: doc, suite: signingSuite(suiteName, key, created), documentLoader: loader })) as SignedCredential;
  } catch (error) {
    throw translate(error);
  }
}
