/**
 * Bringing a document into its canonical JSON form: JSON-LD compaction of its expanded form with
 * its own contexts, the form verifiers accept. For credentials signed before 0.2.0 (toElm wrote
 * one-element arrays then): an RDF proof (Ed25519Signature2020, eddsa-rdfc-2022) signs the RDF,
 * which compaction keeps, so the re-spelled credential verifies with its original proof. An
 * eddsa-jcs-2022 proof signs the JSON itself: such a credential must be issued again.
 */
import jsonld from 'jsonld';
import type { JsonObject } from '../json/types.js';
import { type VcIssue, vcIssue } from './codes.js';
import { readDocument } from './input.js';
import { documentIssues, proofsOf } from './preflight.js';
import { contextPointer, termPointer } from './places.js';
import { keyLoader, refusedUrl, undefinedTerm, undefinedTermName } from './resolver.js';

/**
 * Options of `toCanonicalJson()`.
 *
 * @example
 * const options: CanonicalJsonOptions = { documents: { 'https://example.org/context/v1': ownContext } };
 * const { document } = await toCanonicalJson(legacy, options);
 */
export interface CanonicalJsonOptions {
  /** Extra JSON-LD contexts the document names, by URL (served offline; nothing is fetched). */
  documents?: Readonly<Record<string, object>>;
}

/**
 * The result of `toCanonicalJson()`: the document in its canonical form, with its proofs as they
 * were, or why there is none.
 *
 * @example
 * const result: CanonicalJsonResult = await toCanonicalJson(legacy);
 * if (result.ok) await verifyCredential(result.document);
 * else console.log(result.issues.map((i) => `${i.code} ${i.path}`)); // e.g. ['VC_CONTEXT_NOT_BUNDLED /@context/1']
 */
export type CanonicalJsonResult = { ok: true; document: JsonObject; changed: boolean } | { ok: false; issues: VcIssue[] };

/**
 * Re-spells a credential in the one JSON form its contexts give its data, keeping
 * its proofs, and checks the result as verifiers do. The data (the RDF) is unchanged; members JSON-LD
 * drops (`null`, an empty array) are dropped. Contexts must still be bundled URLs (or passed in
 * `documents`) at the top: an inline context is not resolved here, since it may rename what was
 * signed. Never throws on the document.
 *
 * @example
 * // A credential issued with 0.1.0, whose toElm wrote one-element arrays:
 * const result = await toCanonicalJson(legacySigned);
 * if (result.ok) {
 *   const check = await verifyCredential(result.document); // the same proof, now in canonical form
 * }
 */
export async function toCanonicalJson(document: unknown, options: CanonicalJsonOptions = {}): Promise<CanonicalJsonResult> {
  if (options === null || typeof options !== 'object') throw new TypeError('toCanonicalJson(): options must be an object');
  const copy = readDocument(document);
  if (!copy.ok) return { ok: false, issues: [vcIssue('VC_CREDENTIAL_MALFORMED', copy.message, copy.pointer ?? '')] };
  const doc = copy.value;
  const types = [doc.type].flat();
  if (types.includes('VerifiablePresentation')) {
    return { ok: false, issues: [vcIssue('VC_CREDENTIAL_MALFORMED', 'A presentation is signed anew for every request: build it with createPresentation() from canonical credentials and sign it.', '/type')] };
  }
  let loader;
  try {
    loader = keyLoader([], options.documents ?? {});
  } catch (e) {
    throw e instanceof TypeError ? new TypeError(`toCanonicalJson(): ${e.message}`) : e;
  }
  const context = doc['@context'];
  const contextIssues = (await documentIssues({ '@context': context ?? null }, 'credential', { documentLoader: loader, ...(options.documents ? { documents: options.documents } : {}) })).filter((i) => i.code.startsWith('VC_CONTEXT'));
  if (context === undefined || contextIssues.length > 0) {
    return { ok: false, issues: contextIssues.length > 0 ? contextIssues : [vcIssue('VC_CONTEXT_NOT_ALLOWED', 'The document has no `@context`.', '/@context')] };
  }
  const checkOptions = { documentLoader: loader, ...(options.documents ? { documents: options.documents } : {}) };
  // Already in canonical form: returned as it is (member order included).
  if ((await documentIssues(doc, 'credential', checkOptions)).length === 0) return { ok: true, document: doc, changed: false };
  const proofs = proofsOf(doc);
  const { proof: _proof, ...unsigned } = doc;
  let compacted: Record<string, unknown>;
  try {
    const expanded = await jsonld.expand(unsigned, { documentLoader: loader, safe: true, base: null });
    compacted = await jsonld.compact(expanded, context, { documentLoader: loader, base: null });
  } catch (error) {
    const url = refusedUrl(error);
    const term = undefinedTerm(error);
    return {
      ok: false,
      issues: [
        url !== undefined
          ? vcIssue('VC_CONTEXT_NOT_BUNDLED', `The document needs ${JSON.stringify(url)}, which the offline document loader does not have; nothing was fetched.`, contextPointer(doc, url))
          : vcIssue('VC_UNDEFINED_TERM', `JSON-LD safe mode: ${term ?? 'the document cannot be expanded'}; it cannot be re-spelled without losing data.`, termPointer(doc, undefinedTermName(error))),
      ],
    };
  }
  // Compaction writes the contexts as given; the proofs go back as they were (an array of one as itself).
  const out: Record<string, unknown> = { '@context': context, ...Object.fromEntries(Object.entries(compacted).filter(([k]) => k !== '@context')) };
  if (proofs.length > 0) out.proof = proofs.length === 1 ? proofs[0] : proofs;
  const result = out as JsonObject;
  const remaining = await documentIssues(result, 'credential', checkOptions);
  if (remaining.length > 0) return { ok: false, issues: remaining };
  return { ok: true, document: result, changed: true };
}
