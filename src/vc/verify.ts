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
import { issuesOfVcError, keyController, revokedKeyIssues } from './proof-errors.js';
import { checkJwtProof, type JwtCredential, jwtClaimValidity, readJwtCredential } from './jwt.js';
import { didKeyDocument } from './keys.js';
import { documentIssues, issuerIdOf, MAX_PROOFS, proofIssues, proofListIssues, proofPointer, proofsOf } from './preflight.js';
import { elmPointerIn, idMemberPointer, termPointer } from './places.js';
import { keyLoader, undefinedTerm, undefinedTermName } from './resolver.js';
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

/** The codes of a key's tie to the issuer (the `issuer` check); every other proof issue is the `signature` check's. */
const BINDING: ReadonlySet<string> = new Set(['VC_ISSUER_KEY_MISMATCH', 'VC_KEY_NOT_AUTHORIZED']);

/** A credential as read for verification: JSON with embedded proofs, or a VC-JWT (a string). */
interface ReadCredential {
  doc?: JsonObject;
  issuer?: string;
  /** Where the credential is in what was given: `''`, or `'/vc'` in a VC 1.1-style JWT's payload. */
  prefix: string;
  format: VcIssue[];
  /** The issues of the proofs and of the issuer's tie to their keys, when the format allowed checking them. */
  proofs?: VcIssue[];
  /** A VC-JWT's outcomes of the two checks (an embedded proof's are read from the codes in `proofs`). */
  signatureOk?: boolean;
  issuerOk?: boolean;
  jwt?: JwtCredential;
  /** The loader the credential was checked with (its issuer's), for the checks that follow. */
  loader?: DocumentLoader;
}

/** Reads a credential and checks its form, its proofs (or JWS) and the issuer's tie to the keys. */
async function readCredential(credential: unknown, options: VerifyOptions, now: number): Promise<ReadCredential> {
  if (typeof credential === 'string') {
    const jwt = readJwtCredential(credential);
    if (!jwt.doc) return { prefix: jwt.prefix, format: jwt.format, jwt };
    const doc = jwt.doc;
    const issuer = issuerIdOf(doc);
    const loader = loaderFor(issuer, options);
    // Held to the canonical form as a credential with a proof is: the JWS signs the JSON, but the
    // library (and any JSON-LD reader) reads it by its terms, so a property under two keys, or under
    // an IRI, would say one thing to one reader and another to the next.
    const documents = await documentIssues(doc, 'credential', { documentLoader: loader, ...(options.documents ? { documents: options.documents } : {}) });
    const format = [...jwt.format, ...documents.map((i) => ({ ...i, path: jwt.prefix + i.path }))];
    const base = { doc, prefix: jwt.prefix, format, jwt, loader, ...(issuer !== undefined ? { issuer } : {}) };
    if (format.length > 0) return base;
    const { signature, binding } = await checkJwtProof(jwt, options.controllers ?? []);
    // A key only the JWT itself names (VC_CONTROLLER_UNKNOWN beside a signature that holds) fails the issuer check, not the signature's.
    return { ...base, proofs: [...signature, ...binding], signatureOk: signature.length === 0, issuerOk: binding.length === 0 };
  }
  const copy = readDocument(credential);
  // The place inside the document that could not be read, or the document itself.
  if (!copy.ok) return { prefix: '', format: [vcIssue('VC_CREDENTIAL_MALFORMED', copy.message, copy.pointer ?? '')] };
  const doc = copy.value;
  const issuer = issuerIdOf(doc);
  const loader = loaderFor(issuer, options);
  const { format, proofs } = await integrityIssues(doc, issuer, loader, options, now);
  return { doc, prefix: '', format, loader, ...(proofs ? { proofs } : {}), ...(issuer !== undefined ? { issuer } : {}) };
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
 * content. Never throws on the credential; `TypeError` on misuse of the options. A string is read
 * as a VC-JWT (a compact JWS: Open Badges 3.0's "JSON Web Token Proof Format", the VC 1.1 `vc` claim
 * form), its JWS checked with the key its header names (src/vc/jwt.ts), its issues' paths into the
 * JWT's decoded payload.
 *
 * A credential with a `credentialStatus` is verified only when its status is established: without
 * its list it fails with `STATUS_UNKNOWN` (or, with `acceptUncheckedStatus: true`, passes with a
 * `STATUS_NOT_CHECKED` warning). Status is checked once the credential's signature and issuer
 * verified, so that no list is looked up (or fetched) for a forgery.
 *
 * @example
 * const result = await verifyCredential(signed, { trustedIssuers: ['did:web:uni.example.eu'], controllers: [didDocument], statusLists: [listCredential] });
 * if (!result.verified) for (const i of result.issues) console.log(i.code, i.path, i.message); // STATUS_REVOKED /credentialStatus The credential is revoked …
 * const fromJwt = await verifyCredential(vcJwtText, { controllers: [didDocument] }); // the same checks for a VC-JWT
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
  const read = await readCredential(credential, options, now);
  const { doc, issuer, prefix, proofs: found } = read;
  checks.push({ check: 'format', ok: read.format.length === 0 });
  issues.push(...read.format);
  if (!doc) return finish();
  loader = read.loader ?? loader;
  if (found) {
    checks.push({ check: 'signature', ok: read.signatureOk ?? !found.some((i) => !BINDING.has(i.code)) }, { check: 'issuer', ok: read.issuerOk ?? !found.some((i) => BINDING.has(i.code)) });
    issues.push(...found);
  }
  const at = (list: VcIssue[]): VcIssue[] => (prefix === '' ? list : list.map((i) => ({ ...i, path: prefix + i.path })));

  // From a document in its canonical form the JSON is what was signed; from any other, the dates
  // are read from its JSON-LD expansion, so that a re-spelled end date (an array, a value object,
  // an IRI key) still says VC_EXPIRED beside the form issue. A document refused for its contexts
  // or its size is not expanded: its JSON is read loosely. A VC-JWT's `exp` and `nbf` count too.
  const expandable = !read.format.some((i) => i.code.startsWith('VC_CONTEXT') || i.code === 'VC_CREDENTIAL_MALFORMED');
  const form = read.format.length === 0 ? 'canonical' : expandable ? 'expand' : 'loose';
  // A proof past its `expires` verifies with the suites: its end is the document's too.
  const validity = [...at(await validityIssues(doc, form, loader, now)), ...(read.jwt ? jwtClaimValidity(read.jwt, now) : proofExpiryIssues(doc, now))];
  checks.push({ check: 'validity', ok: validity.length === 0 });
  issues.push(...validity);

  // Status entries are read from signed data only: after the signature and issuer verified.
  if (doc.credentialStatus !== undefined && found !== undefined && found.length === 0) {
    const outcome = await statusOf(doc, issuer, { ...options, ...statusOptions }, now);
    status = outcome.status;
    checks.push({ check: 'status', ok: !outcome.issues.some((i) => i.severity === 'error') });
    issues.push(...at(outcome.issues));
  }

  if (options.trustedIssuers !== undefined) {
    const trusted = issuer !== undefined && options.trustedIssuers.includes(issuer);
    checks.push({ check: 'trust', ok: trusted });
    if (!trusted) issues.push(vcIssue('VC_UNTRUSTED_ISSUER', `The issuer ${issuer === undefined ? '(none)' : JSON.stringify(issuer)} is not in the list of trusted issuers.`, prefix + idMemberPointer(doc, 'issuer')));
  }

  if (options.validateContent) {
    const content = at(await contentIssues(doc));
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
