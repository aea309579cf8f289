/**
 * Verifying signed credentials. Never throws on the credential: every failure is an issue with a
 * stable code. The signature, the issuer's binding to the key, and the key's authorisation are
 * checked by @digitalbazaar/vc; the validity period, trust and content by this module, so that a
 * credential that is both tampered with and expired reports both.
 */
import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';
import { fromElm } from '../elm/import/from-elm.js';
import { CONTEXT_URLS } from '../jsonld/contexts.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import type { StatusCheck, StatusCheckOptions } from '../status/check.js';
import { type VcIssue, vcIssue } from './codes.js';
import { readDocument } from './input.js';
import { didKeyDocument } from './keys.js';
import { documentIssues, issuerIdOf, MAX_PROOFS, proofIssues, proofListIssues, proofPointer, proofsOf } from './preflight.js';
import { contextPointer, elmPointerIn, idMemberPointer, termPointer } from './places.js';
import { keyLoader, refusedContext, refusedUrl, undefinedTerm, undefinedTermName } from './resolver.js';
import { checkCredentialStatus, type StatusOutcome } from './status/check.js';
import { proofExpiryIssues } from './status/proof-expiry.js';
import { readStatusOptions } from './status/options.js';
import { verifyingSuites } from './suites.js';
import { validityIssues } from './validity.js';

/**
 * Options of `verifyCredential()`, with the status options (`StatusCheckOptions`: `statusLists`,
 * `fetchStatusList`, `trustedStatusIssuers`, `acceptUncheckedStatus`) for a credential with a
 * `credentialStatus`.
 *
 * @example
 * const options: VerifyOptions = {
 *   controllers: [uniDidDocument], // fetched from https://uni.example.eu/.well-known/did.json
 *   trustedIssuers: ['did:web:uni.example.eu'],
 *   validateContent: true,
 *   now: '2026-01-15T00:00:00Z',
 *   statusLists: [revocationListCredential], // the issuer's published BitstringStatusListCredential
 * };
 * const result = await verifyCredential(signed, options);
 */
export interface VerifyOptions extends StatusCheckOptions {
  /** The time to check the validity period at (default: now). */
  now?: Date | string;
  /** Controller documents of issuers that are not `did:key` (did:web, https). */
  controllers?: readonly object[];
  /** Only these issuer ids are trusted; absent: any issuer whose signature verifies. */
  trustedIssuers?: readonly string[];
  /** Also read the credential as an ELM micro-credential and validate it (default false). */
  validateContent?: boolean;
  /** Extra JSON-LD contexts to serve offline, by URL (the same ones given to `signCredential`). */
  documents?: Readonly<Record<string, object>>;
}

/**
 * One check and its outcome, in the order they run: `format`, `signature`, `issuer`, `validity`,
 * `status` for a credential with a `credentialStatus` whose signature and issuer verified, then
 * `trust` and `content` when asked for.
 *
 * @example
 * const { checks } = await verifyCredential(signed, { controllers: [didDocument] });
 * const failed: VerificationCheck[] = checks.filter((c) => !c.ok); // e.g. [{ check: 'signature', ok: false }]
 */
export interface VerificationCheck {
  check: 'format' | 'signature' | 'issuer' | 'validity' | 'status' | 'trust' | 'content';
  ok: boolean;
}

/**
 * The result of `verifyCredential()`.
 *
 * @example
 * const result: VerificationResult = await verifyCredential(signed, { controllers: [didDocument] });
 * // A credential changed after signing:
 * // {
 * //   verified: false,
 * //   checks: [{ check: 'format', ok: true }, { check: 'signature', ok: false }, { check: 'issuer', ok: true }, { check: 'validity', ok: true }],
 * //   issues: [{ code: 'VC_SIGNATURE_INVALID', severity: 'error', path: '/proof/proofValue', message: '…' }],
 * //   issuer: 'did:web:uni.example.eu',
 * // }
 */
export interface VerificationResult {
  /** True when every check passed. */
  verified: boolean;
  checks: VerificationCheck[];
  issues: VcIssue[];
  /** The issuer's id, when the credential names one. */
  issuer?: string;
  /**
   * The outcome of each status entry (`credentialStatus`), in order, when the credential has one and
   * its signature and issuer verified; the `STATUS_` issues say why a status is not `valid`.
   */
  status?: StatusCheck[];
}

const MAX_CLOCK_SKEW_MS = 0;

/**
 * Loaders for did:key issuers' credentials verified without `controllers` or `documents`, by DID,
 * serving the issuer's DID document directly: the general loader finds a did:key document only
 * after the bundled loader has refused it, an exception for each of the three lookups a credential
 * needs. Bounded: a verifier meets any number of issuers.
 */
const didKeyLoaders = new Map<string, DocumentLoader>();
const DID_KEY_LOADERS_MAX = 256;

function loaderFor(issuer: string | undefined, options: VerifyOptions): DocumentLoader {
  const document = issuer !== undefined && (options.controllers ?? []).length === 0 && options.documents === undefined ? didKeyDocument(issuer) : undefined;
  if (!document) return keyLoader(options.controllers ?? [], options.documents);
  let loader = didKeyLoaders.get(document.id);
  if (!loader) {
    if (didKeyLoaders.size >= DID_KEY_LOADERS_MAX) didKeyLoaders.clear();
    didKeyLoaders.set(document.id, (loader = keyLoader([document])));
  }
  return loader;
}

/** The instant of a date-time property, or undefined. */
function instantOf(doc: JsonObject, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = doc[key];
    if (typeof v === 'string') {
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return t;
    }
  }
  return undefined;
}

/**
 * @digitalbazaar/vc refuses a credential with a `credentialStatus` unless given a `checkStatus`
 * function, which it calls once the signature holds. Status is checked by this module itself
 * (status/check.ts) after the signature, issuer and validity, with the caller's lists: this one
 * only lets the library verify the proof.
 */
const statusCheckedApart = async (): Promise<{ verified: true }> => ({ verified: true });

/** A proof's verification method as the loader resolves it (undefined when it cannot be). */
async function methodOf(proof: unknown, loader: (url: string) => Promise<{ document: unknown }>): Promise<{ controller?: unknown; revoked?: unknown } | undefined> {
  const method = (proof as { verificationMethod?: unknown } | null | undefined)?.verificationMethod;
  if (typeof method !== 'string') return undefined;
  try {
    const { document } = await loader(method);
    return document !== null && typeof document === 'object' ? (document as { controller?: unknown; revoked?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** The controller of a proof's verification method, as the loader resolves it. */
export async function keyController(proof: unknown, loader: (url: string) => Promise<{ document: unknown }>): Promise<string | undefined> {
  const controller = (await methodOf(proof, loader))?.controller;
  return typeof controller === 'string' ? controller : undefined;
}

/**
 * VC_KEY_NOT_AUTHORIZED when the proof's verification method is marked `revoked` by its
 * controller (Controller Documents 1.0): Ed25519Signature2020 refuses such a key, the
 * DataIntegrityProof suites do not look, so a leaked key revoked by the issuer would still sign.
 * For presentations too (the holder's key).
 *
 * @example
 * found.push(...(await revokedKeyIssues(proof, loader, '/proof', found)));
 */
export async function revokedKeyIssues(proof: unknown, loader: DocumentLoader, path: string, found: readonly VcIssue[]): Promise<VcIssue[]> {
  const revoked = (await methodOf(proof, loader))?.revoked;
  if (revoked === undefined || found.some((f) => f.code === 'VC_KEY_NOT_AUTHORIZED')) return [];
  const when = typeof revoked === 'string' ? ` (revoked ${revoked.slice(0, 40)})` : '';
  return [vcIssue('VC_KEY_NOT_AUTHORIZED', `The signing key is not authorised by its controller for this purpose: its controller has revoked it${when}.`, `${path}/verificationMethod`)];
}

/**
 * Maps what @digitalbazaar/vc reports on the proof at `proofPath` of `doc` to issues, each at the
 * member at fault: the proof's `proofValue` (a signature that does not hold), its
 * `verificationMethod` (a key not authorised, or not available offline), `challenge`, `domain`,
 * the issuer or holder (a key of someone else), the context or term JSON-LD refused, or the proof.
 */
export function issuesOfVcError(error: unknown, subject: 'credential' | 'presentation', doc: JsonObject, proofPath: string): VcIssue[] {
  const signer = idMemberPointer(doc, subject === 'credential' ? 'issuer' : 'holder');
  const method = `${proofPath}/verificationMethod`;
  const proofValue = `${proofPath}/proofValue`;
  const errors: unknown[] = [];
  const collect = (e: unknown, depth = 0) => {
    if (!e || depth > 5) return;
    const nested = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(nested) && nested.length > 0) for (const n of nested) collect(n, depth + 1);
    else errors.push(e);
  };
  collect(error);
  const out: VcIssue[] = [];
  for (const e of errors) {
    const message = e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
    const url = refusedUrl(e);
    const term = undefinedTerm(e);
    if (url !== undefined) {
      // jsonld wraps a refused context in 'loading remote context failed'; the suites ask the loader
      // for keys and controller documents directly. The URL's form says nothing (contexts can be https).
      out.push(refusedContext(e)
        ? vcIssue('VC_CONTEXT_NOT_BUNDLED', `The ${subject} needs ${JSON.stringify(url)}, which the offline document loader does not have; nothing was fetched.`, contextPointer(doc, url))
        : vcIssue('VC_CONTROLLER_UNKNOWN', `The key or controller document ${JSON.stringify(url)} is not available offline; pass the ${subject === 'credential' ? 'issuer' : 'holder'}'s controller document in \`controllers\`.`, method));
    } else if (term !== undefined) {
      out.push(vcIssue('VC_UNDEFINED_TERM', `JSON-LD safe mode: ${term}; the contexts do not define it.`, termPointer(doc, undefinedTermName(e))));
    } else if (/issuer must match the verification method controller|holder must match/i.test(message)) {
      out.push(vcIssue('VC_ISSUER_KEY_MISMATCH', `The ${subject}'s ${subject === 'credential' ? 'issuer' : 'holder'} is not the controller of the key that signed it.`, signer));
    } else if (/not authorized by controller|not authorized|verification method has been revoked/i.test(message)) {
      out.push(vcIssue('VC_KEY_NOT_AUTHORIZED', `The signing key is not authorised by its controller for this purpose: ${message.slice(0, 200)}`, method));
    } else if (/invalid signature|signature.*(fail|invalid)|verification error|multibase encoding|proofValue|"signature" argument/i.test(message)) {
      // Also a proofValue that is not base58btc: the suites refuse its prefix, or hand Node an undecodable signature.
      out.push(vcIssue('VC_SIGNATURE_INVALID', `The signature does not match the ${subject}: it was changed after signing, or the proof belongs to another document.`, proofValue));
    } else if (/challenge/i.test(message)) {
      out.push(vcIssue('VC_CHALLENGE_MISMATCH', `The proof's challenge is not the expected one.`, `${proofPath}/challenge`));
    } else if (/domain/i.test(message)) {
      out.push(vcIssue('VC_DOMAIN_MISMATCH', `The proof's domain is not the expected one.`, `${proofPath}/domain`));
    } else if (/No matching proofs found|Did not verify any proofs/i.test(message)) {
      out.push(vcIssue('VC_SIGNATURE_INVALID', `No proof of the ${subject} verifies with a supported suite and purpose.`, proofPath));
    } else {
      out.push(vcIssue('VC_VERIFICATION_FAILED', `Verification failed: ${message.slice(0, 300)}`, proofPath));
    }
  }
  if (out.length === 0) out.push(vcIssue('VC_SIGNATURE_INVALID', `The ${subject}'s proof does not verify.`, proofValue));
  // One issue per code is enough: the library wraps one failure in several errors.
  return out.filter((i, n) => out.findIndex((j) => j.code === i.code) === n);
}

/**
 * Verifies each proof of a credential on its own, and compares the issuer with the controller of
 * each proof's key. A mismatch is reported for a proof whose signature holds, or, when none holds,
 * for proofs whose keys all belong to someone else (an issuer swapped after signing breaks the
 * signature too, and both are said); a broken proof beside a good one is just a broken proof.
 */
async function verifyEachProof(doc: JsonObject, proofs: readonly JsonValue[], issuer: string | undefined, loader: DocumentLoader, now: number): Promise<VcIssue[]> {
  // @digitalbazaar/vc checks `issuanceDate` and `expirationDate` of a VC 1.1 credential, and
  // `validFrom` and `validUntil` of a VC 2.0 one, against this time before the signature: give it
  // the start it checks, so that a date changed by someone else fails on the signature.
  const v1 = (Array.isArray(doc['@context']) ? doc['@context'][0] : doc['@context']) === CONTEXT_URLS.VC_V1;
  const inside = (v1 ? instantOf(doc, 'issuanceDate', 'validFrom', 'issued') : instantOf(doc, 'validFrom', 'issuanceDate', 'issued')) ?? now;
  const results = await Promise.all(
    proofs.map(async (proof, i) => {
      const path = proofPointer(doc, i);
      let found: VcIssue[];
      try {
        const result = await vc.verifyCredential({ credential: { ...doc, proof }, suite: verifyingSuites(), documentLoader: loader, now: new Date(inside + MAX_CLOCK_SKEW_MS), checkStatus: statusCheckedApart });
        found = result.verified && result.results?.length === 1 ? [] : issuesOfVcError(result.error ?? result.results?.find((r) => !r.verified)?.error, 'credential', doc, path);
      } catch (error) {
        found = issuesOfVcError(error, 'credential', doc, path);
      }
      // eddsa-jcs-2022 signs the JSON as it is and never looks at JSON-LD: run the safe-mode
      // expansion the RDF suites run, so that what it signs means the same to a JSON-LD reader.
      if ((proof as { cryptosuite?: unknown }).cryptosuite === 'eddsa-jcs-2022' && !found.some((f) => f.code === 'VC_UNDEFINED_TERM')) {
        const { proof: _proof, ...unsigned } = doc;
        try {
          await jsonld.expand(unsigned, { documentLoader: loader, safe: true });
        } catch (error) {
          found.push(vcIssue('VC_UNDEFINED_TERM', `JSON-LD safe mode: ${undefinedTerm(error) ?? 'the document cannot be expanded'}; the contexts do not define it.`, termPointer(doc, undefinedTermName(error))));
        }
      }
      found.push(...(await revokedKeyIssues(proof, loader, path, found)));
      return { found, controller: await keyController(proof, loader), path };
    }),
  );
  const out = results.flatMap((r) => r.found);
  const signed = (r: (typeof results)[number]) => !r.found.some((f) => f.code !== 'VC_ISSUER_KEY_MISMATCH' && f.code !== 'VC_KEY_NOT_AUTHORIZED');
  const noneByIssuer = results.every((r) => r.controller !== issuer);
  for (const r of results) {
    if (r.found.some((f) => f.code === 'VC_ISSUER_KEY_MISMATCH') || r.controller === undefined || r.controller === issuer) continue;
    if (signed(r) || noneByIssuer) {
      out.push(vcIssue('VC_ISSUER_KEY_MISMATCH', `The credential's issuer is ${issuer === undefined ? 'missing' : JSON.stringify(issuer)} but the proof's key belongs to ${JSON.stringify(r.controller)}.`, idMemberPointer(doc, 'issuer')));
    }
  }
  return out;
}

/** The format issues of a credential (its proofs' shape, contexts, canonical form), and, when there are none, the issues of its proofs and issuer binding. */
async function integrityIssues(doc: JsonObject, issuer: string | undefined, loader: DocumentLoader, options: VerifyOptions, now: number): Promise<{ format: VcIssue[]; proofs?: VcIssue[] }> {
  const proofs = proofsOf(doc);
  const format: VcIssue[] = [];
  if (proofs.length === 0) format.push(vcIssue('VC_PROOF_MISSING', 'The credential has no proof: it is not signed.', '/proof'));
  format.push(...proofListIssues(doc));
  proofs.slice(0, MAX_PROOFS).forEach((p, i) => format.push(...proofIssues(p, proofPointer(doc, i), doc['@context'])));
  format.push(...(await documentIssues(doc, 'credential', { documentLoader: loader, ...(options.documents ? { documents: options.documents } : {}) })));
  // Signature, issuer binding and key authorisation, for every proof: @digitalbazaar/vc accepts a
  // document when any one of its proofs verifies, so each is verified alone. The validity period
  // is checked apart, at the caller's `now`; here the library is given a time inside it so that
  // the two are reported apart.
  return format.length === 0 ? { format, proofs: await verifyEachProof(doc, proofs, issuer, loader, now) } : { format };
}

/** The trust inputs a status list's verification depends on, as text (the verified-list cache key). */
function trustKeyOf(options: VerifyOptions): string {
  try {
    return JSON.stringify([options.controllers ?? [], options.documents ?? {}]);
  } catch {
    // Not JSON (the loader accepted it): a key of its own, never shared.
    return `unshared:${Math.random()}`;
  }
}

/**
 * The `status` check of a credential whose signature and issuer verified: each entry of its
 * `credentialStatus` against its status list, the list verified with this verifier's own checks
 * (format, proofs, issuer binding; never the list's own status).
 */
async function statusOf(doc: JsonObject, issuer: string | undefined, options: VerifyOptions, now: number): Promise<StatusOutcome> {
  const verifyList = async (list: JsonObject): Promise<VcIssue[]> => {
    const listIssuer = issuerIdOf(list);
    const found = await integrityIssues(list, listIssuer, loaderFor(listIssuer, options), options, now);
    return [...found.format, ...(found.proofs ?? [])];
  };
  return checkCredentialStatus(doc.credentialStatus, { issuer, now, options, trustKey: trustKeyOf(options), verifyList });
}

/**
 * Verifies a signed credential: signature, issuer bound to the key and authorised by its
 * controller, validity period, status (revocation, suspension: `credentialStatus` checked against
 * the status list credentials in `statusLists` or from `fetchStatusList`), and optionally trust and
 * content. Never throws on the credential; `TypeError` on misuse of the options.
 *
 * A credential with a `credentialStatus` is verified only when its status is established: without
 * its list it fails with `STATUS_UNKNOWN` (or, with `acceptUncheckedStatus: true`, passes with a
 * `STATUS_NOT_CHECKED` warning). Status is checked once the credential's signature and issuer
 * verified, so that no list is looked up (or fetched) for a forgery.
 *
 * @example
 * const result = await verifyCredential(signed, { trustedIssuers: ['did:web:uni.example.eu'], controllers: [didDocument], statusLists: [listCredential] });
 * if (!result.verified) for (const i of result.issues) console.log(i.code, i.path, i.message); // STATUS_REVOKED /credentialStatus The credential is revoked …
 */
export async function verifyCredential(credential: unknown, options: VerifyOptions = {}): Promise<VerificationResult> {
  if (options === null || typeof options !== 'object') throw new TypeError('verifyCredential(): options must be an object');
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (Number.isNaN(now)) throw new TypeError('verifyCredential(): options.now is not a date');
  const statusOptions = readStatusOptions(options, 'verifyCredential()');
  const checks: VerificationCheck[] = [];
  const issues: VcIssue[] = [];
  let status: StatusCheck[] | undefined;
  const finish = (issuer?: string): VerificationResult => ({ verified: issues.every((i) => i.severity !== 'error') && checks.every((c) => c.ok), checks, issues, ...(issuer ? { issuer } : {}), ...(status ? { status } : {}) });

  let loader: DocumentLoader;
  try {
    loader = loaderFor(undefined, options);
  } catch (e) {
    throw e instanceof TypeError ? new TypeError(`verifyCredential(): ${e.message}`) : e;
  }
  const copy = readDocument(credential);
  if (!copy.ok) {
    checks.push({ check: 'format', ok: false });
    // The place inside the document that could not be read, or the document itself.
    issues.push(vcIssue('VC_CREDENTIAL_MALFORMED', copy.message, copy.pointer ?? ''));
    return finish();
  }
  const doc = copy.value;
  const issuer = issuerIdOf(doc);
  if (issuer !== undefined) loader = loaderFor(issuer, options);
  const { format: formatIssues, proofs: found } = await integrityIssues(doc, issuer, loader, options, now);
  checks.push({ check: 'format', ok: formatIssues.length === 0 });
  issues.push(...formatIssues);
  if (found) {
    checks.push({ check: 'signature', ok: !found.some((i) => i.code !== 'VC_ISSUER_KEY_MISMATCH' && i.code !== 'VC_KEY_NOT_AUTHORIZED') });
    checks.push({ check: 'issuer', ok: !found.some((i) => i.code === 'VC_ISSUER_KEY_MISMATCH' || i.code === 'VC_KEY_NOT_AUTHORIZED') });
    issues.push(...found);
  }

  // From a document in its canonical form the JSON is what was signed; from any other, the dates
  // are read from its JSON-LD expansion, so that a re-spelled end date (an array, a value object,
  // an IRI key) still says VC_EXPIRED beside the form issue. A document refused for its contexts
  // or its size is not expanded: its JSON is read loosely.
  const expandable = !formatIssues.some((i) => i.code.startsWith('VC_CONTEXT') || i.code === 'VC_CREDENTIAL_MALFORMED');
  // A proof past its `expires` verifies with the suites: its end is the document's too.
  const validity = [...(await validityIssues(doc, formatIssues.length === 0 ? 'canonical' : expandable ? 'expand' : 'loose', loader, now)), ...proofExpiryIssues(doc, now)];
  checks.push({ check: 'validity', ok: validity.length === 0 });
  issues.push(...validity);

  // Status entries are read from signed data only: after the signature and issuer verified.
  if (doc.credentialStatus !== undefined && found !== undefined && found.length === 0) {
    const outcome = await statusOf(doc, issuer, { ...options, ...statusOptions }, now);
    status = outcome.status;
    checks.push({ check: 'status', ok: !outcome.issues.some((i) => i.severity === 'error') });
    issues.push(...outcome.issues);
  }

  if (options.trustedIssuers !== undefined) {
    const trusted = issuer !== undefined && options.trustedIssuers.includes(issuer);
    checks.push({ check: 'trust', ok: trusted });
    if (!trusted) issues.push(vcIssue('VC_UNTRUSTED_ISSUER', `The issuer ${issuer === undefined ? '(none)' : JSON.stringify(issuer)} is not in the list of trusted issuers.`, idMemberPointer(doc, 'issuer')));
  }

  if (options.validateContent) {
    const content = await contentIssues(doc);
    checks.push({ check: 'content', ok: content.length === 0 });
    issues.push(...content);
  }
  return finish(issuer);
}

/**
 * VC_CONTENT_INVALID when the credential is not a valid ELM micro-credential (fromElm + validate),
 * with the ELM issues as `details`. It points at the first error's place in the credential, or at
 * `/credentialSubject` when that place is in the micro-credential read from it (an `in: 'model'`
 * issue) or cannot be found.
 */
async function contentIssues(doc: JsonObject): Promise<VcIssue[]> {
  const content = await fromElm(doc);
  if (content.ok) return [];
  const errors = content.issues.filter((i) => i.severity === 'error');
  const first = errors.find((i) => i.in === 'elm');
  const path = (first && elmPointerIn(doc, first.path)) ?? '/credentialSubject';
  return [vcIssue('VC_CONTENT_INVALID', `The credential is not a valid micro-credential: ${errors.slice(0, 3).map((i) => i.code).join(', ')}${errors.length > 3 ? ', …' : ''}.`, path, content.issues)];
}
