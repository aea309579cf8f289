/**
 * Verifying signed credentials. Never throws on the credential: every failure is an issue with a
 * stable code. The signature, the issuer's binding to the key, and the key's authorisation are
 * checked by @digitalbazaar/vc; the validity period, trust and content by this module, so that a
 * credential that is both tampered with and expired reports both.
 */
import * as vc from '@digitalbazaar/vc';
import jsonld from 'jsonld';
import { snapshot } from '../elm/input.js';
import { fromElm } from '../elm/from-elm.js';
import { CONTEXT_URLS } from '../jsonld/contexts.js';
import type { JsonObject } from '../jsonld/json.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import { type VcIssue, vcIssue } from './codes.js';
import { didKeyDocument } from './keys.js';
import { keyLoader, refusedContext, refusedUrl, undefinedTerm } from './resolver.js';
import { emptyIriMessage, emptyIriPointers } from './empty-iri.js';
import { issuerIdOf, prototypeKeys, unknownContexts } from './sign.js';
import { isSupportedProof, verifyingSuites } from './suites.js';

/**
 * Options of `verifyCredential()`.
 *
 * @example
 * const options: VerifyOptions = {
 *   controllers: [uniDidDocument], // fetched from https://uni.example.eu/.well-known/did.json
 *   trustedIssuers: ['did:web:uni.example.eu'],
 *   validateContent: true,
 *   now: '2026-01-15T00:00:00Z',
 * };
 * const result = await verifyCredential(signed, options);
 */
export interface VerifyOptions {
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
 * then `trust` and `content` when asked for.
 *
 * @example
 * const { checks } = await verifyCredential(signed, { controllers: [didDocument] });
 * const failed: VerificationCheck[] = checks.filter((c) => !c.ok); // e.g. [{ check: 'signature', ok: false }]
 */
export interface VerificationCheck {
  check: 'format' | 'signature' | 'issuer' | 'validity' | 'trust' | 'content';
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
 * //   issues: [{ code: 'SIGNATURE_INVALID', severity: 'error', message: '…' }],
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
 * What makes a signed document unverifiable before any cryptography: no proof, no supported proof,
 * a context the loader does not have, a `__proto__` member (shared by credentials and presentations).
 */
export function proofFormatIssues(doc: JsonObject, proofs: readonly unknown[], subject: 'credential' | 'presentation', documents?: Readonly<Record<string, object>>): VcIssue[] {
  const out: VcIssue[] = [];
  if (proofs.length === 0) {
    out.push(vcIssue('PROOF_MISSING', subject === 'credential' ? 'The credential has no proof: it is not signed.' : 'The presentation has no proof: it is not signed by its holder.'));
  } else if (!proofs.some(isSupportedProof)) {
    out.push(vcIssue('PROOF_UNSUPPORTED', `No proof${subject === 'credential' ? '' : ' of the presentation'} is Ed25519Signature2020 or a DataIntegrityProof with eddsa-rdfc-2022 or eddsa-jcs-2022.`));
  }
  const missing = unknownContexts(doc, documents);
  if (missing.length > 0) out.push(vcIssue('CONTEXT_NOT_BUNDLED', `The ${subject} names ${missing.map((u) => JSON.stringify(u)).join(', ')}, which the offline document loader does not have; nothing was fetched.`));
  const proto = prototypeKeys(doc);
  if (proto.length > 0) out.push(vcIssue('UNDEFINED_TERM', `A \`__proto__\` member at ${proto.join(', ')}: jsonld.js drops it without a safe-mode error, so it is neither signed nor checked.`));
  return out;
}

/** A `""` the contexts read as an IRI is neither signed nor checked (see empty-iri.ts): an issue. */
export async function emptyIriIssues(doc: JsonObject, loader: DocumentLoader, subject: 'credential' | 'presentation'): Promise<VcIssue[]> {
  const empty = await emptyIriPointers(doc, loader);
  return empty.length === 0 ? [] : [vcIssue('UNDEFINED_TERM', `${emptyIriMessage(empty)}, so it is neither signed nor checked in this ${subject}.`)];
}

/** The controller of the first proof's verification method, as the loader resolves it. */
export async function keyController(proofs: readonly unknown[], loader: (url: string) => Promise<{ document: unknown }>): Promise<string | undefined> {
  const method = (proofs[0] as { verificationMethod?: unknown } | undefined)?.verificationMethod;
  if (typeof method !== 'string') return undefined;
  try {
    const { document } = await loader(method);
    const controller = (document as { controller?: unknown }).controller;
    return typeof controller === 'string' ? controller : undefined;
  } catch {
    return undefined;
  }
}

/** Maps what @digitalbazaar/vc reports to issues. */
export function issuesOfVcError(error: unknown, subject: 'credential' | 'presentation' = 'credential'): VcIssue[] {
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
        ? vcIssue('CONTEXT_NOT_BUNDLED', `The ${subject} needs ${JSON.stringify(url)}, which the offline document loader does not have; nothing was fetched.`)
        : vcIssue('CONTROLLER_UNKNOWN', `The key or controller document ${JSON.stringify(url)} is not available offline; pass the ${subject === 'credential' ? 'issuer' : 'holder'}'s controller document in \`controllers\`.`));
    } else if (term !== undefined) {
      out.push(vcIssue('UNDEFINED_TERM', `JSON-LD safe mode: ${term}; the contexts do not define it.`));
    } else if (/issuer must match the verification method controller|holder must match/i.test(message)) {
      out.push(vcIssue('ISSUER_KEY_MISMATCH', `The ${subject}'s ${subject === 'credential' ? 'issuer' : 'holder'} is not the controller of the key that signed it.`));
    } else if (/not authorized by controller|not authorized/i.test(message)) {
      out.push(vcIssue('KEY_NOT_AUTHORIZED', `The signing key is not authorised by its controller for this purpose: ${message.slice(0, 200)}`));
    } else if (/invalid signature|signature.*(fail|invalid)|verification error|multibase encoding|proofValue|"signature" argument/i.test(message)) {
      // Also a proofValue that is not base58btc: the suites refuse its prefix, or hand Node an undecodable signature.
      out.push(vcIssue('SIGNATURE_INVALID', `The signature does not match the ${subject}: it was changed after signing, or the proof belongs to another document.`));
    } else if (/challenge/i.test(message)) {
      out.push(vcIssue('CHALLENGE_MISMATCH', `The proof's challenge is not the expected one.`));
    } else if (/domain/i.test(message)) {
      out.push(vcIssue('DOMAIN_MISMATCH', `The proof's domain is not the expected one.`));
    } else if (/No matching proofs found|Did not verify any proofs/i.test(message)) {
      out.push(vcIssue('SIGNATURE_INVALID', `No proof of the ${subject} verifies with a supported suite and purpose.`));
    } else {
      out.push(vcIssue('VERIFICATION_FAILED', `Verification failed: ${message.slice(0, 300)}`));
    }
  }
  if (out.length === 0) out.push(vcIssue('SIGNATURE_INVALID', `The ${subject}'s proof does not verify.`));
  // One issue per code is enough: a tampered document fails the same way for every proof.
  return out.filter((i, n) => out.findIndex((j) => j.code === i.code) === n);
}

/**
 * Verifies a signed credential: signature, issuer bound to the key and authorised by its
 * controller, validity period, and optionally trust and content. Never throws on the credential.
 *
 * @example
 * const result = await verifyCredential(signed, { trustedIssuers: ['did:web:uni.example.eu'], controllers: [didDocument] });
 * if (!result.verified) for (const i of result.issues) console.log(i.code, i.message);
 */
export async function verifyCredential(credential: unknown, options: VerifyOptions = {}): Promise<VerificationResult> {
  if (options === null || typeof options !== 'object') throw new TypeError('verifyCredential(): options must be an object');
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  if (Number.isNaN(now)) throw new TypeError('verifyCredential(): options.now is not a date');
  const checks: VerificationCheck[] = [];
  const issues: VcIssue[] = [];
  const finish = (issuer?: string): VerificationResult => ({ verified: issues.every((i) => i.severity !== 'error') && checks.every((c) => c.ok), checks, issues, ...(issuer ? { issuer } : {}) });

  const copy = snapshot(credential);
  if (!copy.ok) {
    checks.push({ check: 'format', ok: false });
    issues.push(vcIssue('CREDENTIAL_MALFORMED', `${copy.message}${copy.pointer ? ` (at ${copy.pointer})` : ''}`));
    return finish();
  }
  const doc = copy.value;
  const issuer = issuerIdOf(doc);
  const proofs = doc.proof === undefined ? [] : Array.isArray(doc.proof) ? doc.proof : [doc.proof];
  const formatIssues = proofFormatIssues(doc, proofs, 'credential', options.documents);
  checks.push({ check: 'format', ok: formatIssues.length === 0 });
  issues.push(...formatIssues);

  // Signature, issuer binding and key authorisation. The validity period is checked below, at the
  // caller's `now`; here the library is given a time inside it so that the two are reported apart.
  if (formatIssues.length === 0) {
    let loader;
    try {
      loader = loaderFor(issuer, options);
    } catch (e) {
      throw e instanceof TypeError ? new TypeError(`verifyCredential(): ${e.message}`) : e;
    }
    // @digitalbazaar/vc checks `issuanceDate` and `expirationDate` of a VC 1.1 credential, and
    // `validFrom` and `validUntil` of a VC 2.0 one, against this time before the signature: give it
    // the start it checks, so that a date changed by someone else fails on the signature.
    const v1 = (Array.isArray(doc['@context']) ? doc['@context'][0] : doc['@context']) === CONTEXT_URLS.VC_V1;
    const inside = (v1 ? instantOf(doc, 'issuanceDate', 'validFrom', 'issued') : instantOf(doc, 'validFrom', 'issuanceDate', 'issued')) ?? now;
    try {
      const result = await vc.verifyCredential({ credential: doc, suite: verifyingSuites(), documentLoader: loader, now: new Date(inside + MAX_CLOCK_SKEW_MS) });
      const found = result.verified ? [] : issuesOfVcError(result.error ?? result.results?.find((r) => !r.verified)?.error);
      if (!found.some((i) => i.code === 'UNDEFINED_TERM')) found.push(...(await emptyIriIssues(doc, loader, 'credential')));
      // eddsa-jcs-2022 signs the JSON as it is and never looks at JSON-LD: a term no context
      // defines would verify, yet mean nothing to a JSON-LD reader. signCredential refuses such
      // documents; refuse them here too (safe-mode expansion of the document without its proof).
      if (proofs.some((p) => (p as { cryptosuite?: unknown }).cryptosuite === 'eddsa-jcs-2022') && !found.some((i) => i.code === 'UNDEFINED_TERM')) {
        const { proof: _proof, ...unsigned } = doc as Record<string, unknown>;
        try {
          await jsonld.expand(unsigned, { documentLoader: loader, safe: true });
        } catch (error) {
          const term = undefinedTerm(error);
          found.push(vcIssue('UNDEFINED_TERM', `JSON-LD safe mode: ${term ?? 'the document cannot be expanded'}; the contexts do not define it.`));
        }
      }
      // A swapped issuer also breaks the signature, and the library then never compares issuer and
      // key: compare them here so that both findings are reported.
      if (!found.some((i) => i.code === 'ISSUER_KEY_MISMATCH')) {
        const controller = await keyController(proofs, loader);
        if (controller !== undefined && controller !== issuer) {
          found.push(vcIssue('ISSUER_KEY_MISMATCH', `The credential's issuer is ${issuer === undefined ? 'missing' : JSON.stringify(issuer)} but the proof's key belongs to ${JSON.stringify(controller)}.`));
        }
      }
      checks.push({ check: 'signature', ok: !found.some((i) => i.code !== 'ISSUER_KEY_MISMATCH' && i.code !== 'KEY_NOT_AUTHORIZED') });
      checks.push({ check: 'issuer', ok: !found.some((i) => i.code === 'ISSUER_KEY_MISMATCH' || i.code === 'KEY_NOT_AUTHORIZED') });
      issues.push(...found);
    } catch (error) {
      checks.push({ check: 'signature', ok: false });
      issues.push(...issuesOfVcError(error));
    }
  }

  const from = instantOf(doc, 'validFrom', 'issuanceDate');
  const until = instantOf(doc, 'validUntil', 'expirationDate');
  const validityIssues: VcIssue[] = [];
  if (from !== undefined && from > now) validityIssues.push(vcIssue('NOT_YET_VALID', `The credential is valid from ${new Date(from).toISOString()}, after ${new Date(now).toISOString()}.`));
  if (until !== undefined && until < now) validityIssues.push(vcIssue('EXPIRED', `The credential expired at ${new Date(until).toISOString()}, before ${new Date(now).toISOString()}.`));
  checks.push({ check: 'validity', ok: validityIssues.length === 0 });
  issues.push(...validityIssues);

  if (options.trustedIssuers !== undefined) {
    const trusted = issuer !== undefined && options.trustedIssuers.includes(issuer);
    checks.push({ check: 'trust', ok: trusted });
    if (!trusted) issues.push(vcIssue('UNTRUSTED_ISSUER', `The issuer ${issuer === undefined ? '(none)' : JSON.stringify(issuer)} is not in the list of trusted issuers.`));
  }

  if (options.validateContent) {
    const content = fromElm(doc);
    checks.push({ check: 'content', ok: content.ok });
    if (!content.ok) {
      const errors = content.issues.filter((i) => i.severity === 'error');
      issues.push(vcIssue('CONTENT_INVALID', `The credential is not a valid micro-credential: ${errors.slice(0, 3).map((i) => i.code).join(', ')}${errors.length > 3 ? ', …' : ''}.`, content.issues));
    }
  }
  return finish(issuer);
}
