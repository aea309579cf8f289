/**
 * What the proof suites of @digitalbazaar/vc report, in the library's issues: each failure at the
 * member at fault, and the key's controller and revocation read from its controller document.
 * Shared by credentials and presentations.
 * @module
 */
import type { JsonObject } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import { type VcIssue, vcIssue } from './codes.js';
import { contextPointer, idMemberPointer, termPointer } from './places.js';
import { refusedContext, refusedUrl, undefinedTerm, undefinedTermName } from './resolver.js';

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
