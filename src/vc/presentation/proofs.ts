/**
 * The holder's proofs on a presentation: what each says of its purpose, challenge and domain, and
 * each verified on its own, with the controller of its key.
 */
import * as vc from '@digitalbazaar/vc';
import type { JsonObject, JsonValue } from '../../json/types.js';
import type { DocumentLoader } from '../../jsonld/loader.js';
import { type VcIssue, vcIssue } from '../codes.js';
import { proofPointer } from '../preflight.js';
import { verifyingSuites } from '../suites.js';
import { issuesOfVcError, keyController, revokedKeyIssues } from '../proof-errors.js';

/**
 * A proof purpose no proof matches. `vc.verify()` verifies every embedded credential as well as the
 * presentation, passing its options on to each; here the credentials are verified by
 * `verifyCredential()`, which checks more (validity at `now`, issuer binding, trust, content), so
 * the library's own pass over them is turned into a cheap "no matching proof". Should a later
 * version stop passing `purpose` on, the credentials are merely verified twice.
 */
const NO_CREDENTIAL_PROOF = Object.freeze({
  match: async () => false,
  validate: async () => ({ valid: false }),
  update: async (proof: unknown) => proof,
});

/** The holder's id as the presentation states it (`holder`, or `holder.id`). */
export function holderIdOf(doc: JsonObject): string | undefined {
  const holder: unknown = doc.holder;
  if (typeof holder === 'string') return holder;
  const id = holder !== null && typeof holder === 'object' && !Array.isArray(holder) ? (holder as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * What a proof says of its purpose, challenge and domain, against the verifier's request, each at
 * the proof's member at fault (`/proof/challenge`; a missing one where it would be).
 */
export function bindingIssues(proof: JsonValue, path: string, challenge: string, domain: string): VcIssue[] {
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) return [];
  const p = proof as JsonObject;
  if (p.proofPurpose !== 'authentication') {
    return [vcIssue('VC_KEY_NOT_AUTHORIZED', `A presentation's proof must be made for \`authentication\`, bound to the verifier's challenge and domain; this one is for ${JSON.stringify(p.proofPurpose ?? null)}.`, `${path}/proofPurpose`)];
  }
  const out: VcIssue[] = [];
  if (p.challenge !== challenge) out.push(vcIssue('VC_CHALLENGE_MISMATCH', `The presentation was signed for another challenge than ${JSON.stringify(challenge)}: it may be replayed from another request.`, `${path}/challenge`));
  const domains = Array.isArray(p.domain) ? p.domain : [p.domain];
  if (!domains.includes(domain)) out.push(vcIssue('VC_DOMAIN_MISMATCH', `The presentation was signed for another domain than ${JSON.stringify(domain)}.`, `${path}/domain`));
  return out;
}

/**
 * Verifies each proof of a presentation on its own (@digitalbazaar/vc accepts a presentation when
 * any one proof verifies), for this challenge and domain, with the controller of its key.
 */
export async function verifyPresentationProofs(doc: JsonObject, proofs: readonly JsonValue[], loader: DocumentLoader, challenge: string, domain: string): Promise<{ ok: boolean; issues: VcIssue[]; controller: string | undefined }[]> {
  return Promise.all(
    proofs.map(async (proof, i) => {
      const path = proofPointer(doc, i);
      let found: VcIssue[];
      try {
        // vc.verify() rejects (rather than returning) on some bad input; absorb it.
        const result = await vc.verify({ presentation: { ...doc, proof }, suite: verifyingSuites(), documentLoader: loader, challenge, domain, purpose: NO_CREDENTIAL_PROOF } as Parameters<typeof vc.verify>[0]);
        const proofResult = result.presentationResult ?? result;
        found = proofResult.verified && proofResult.results?.length === 1 ? [] : issuesOfVcError(proofResult.error ?? proofResult.results?.find((r) => !r.verified)?.error, 'presentation', doc, path);
      } catch (error) {
        found = issuesOfVcError(error, 'presentation', doc, path);
      }
      // The DataIntegrityProof suites do not look at a key its controller marked revoked.
      found.push(...(await revokedKeyIssues(proof, loader, path, found)));
      return { ok: found.length === 0, issues: found, controller: await keyController(proof, loader) };
    }),
  );
}
