/**
 * What makes a signed document unverifiable before any cryptography, shared by credentials and
 * presentations, for signing and verifying alike:
 *
 * - its proofs: each a JSON object of a supported suite, holding only the members that suite
 *   defines, with string values, and a `proofValue` in the one encoding the suite specifies
 *   (multibase base58btc, `z…`, of a 64-byte Ed25519 signature: "One signature, one spelling");
 * - its contexts and its JSON: bundled context URLs (or those the caller passed in `documents`) at
 *   the top only, and the one JSON form those contexts give the signed data (canonical-form.ts);
 * - `__proto__` members and empty IRIs, which jsonld.js drops without a safe-mode error.
 */
import { BUNDLED_CONTEXT_URLS, OB3_CONTEXT_URLS } from '../jsonld/contexts.js';
import { canonicalFormProblems } from '../jsonld/canonical-form.js';
import { pointerSegment } from '../json/pointer.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import { type VcIssue, vcIssue } from './codes.js';
import { emptyIriMessage, emptyIriPointers } from './empty-iri.js';
import { base58btcToBytes } from '../json/encoding.js';

const BUNDLED: ReadonlySet<string> = new Set(BUNDLED_CONTEXT_URLS);
/** The contexts that make a document an Open Badges 3.0 credential, written in the OB 3.0 schema's form. */
const OB3: ReadonlySet<string> = new Set(OB3_CONTEXT_URLS);

/** Whether a document names an Open Badges 3.0 context (a badge: `proof` and `type` are arrays in its schema). */
export function isOb3Document(doc: JsonObject): boolean {
  const context = doc['@context'];
  return (Array.isArray(context) ? context : [context]).some((c) => typeof c === 'string' && OB3.has(c));
}

/** The members each proof type defines (W3C Data Integrity 1.0 §2.1; Ed25519Signature2020). */
const PROOF_MEMBERS: Readonly<Record<string, ReadonlySet<string>>> = {
  Ed25519Signature2020: new Set(['type', 'created', 'verificationMethod', 'proofPurpose', 'proofValue', 'challenge', 'domain', 'nonce', 'id', 'expires']),
  DataIntegrityProof: new Set(['type', 'cryptosuite', 'created', 'expires', 'verificationMethod', 'proofPurpose', 'proofValue', 'challenge', 'domain', 'nonce', 'id', 'previousProof']),
};
const CRYPTOSUITES: ReadonlySet<unknown> = new Set(['eddsa-rdfc-2022', 'eddsa-jcs-2022', 'eddsa-2022']);
/** A base58btc Ed25519 signature is 86-88 characters; anything far longer is not one. */
const MAX_PROOF_VALUE = 128;

/** The issuer's id, whether `issuer` is a string or an object. */
export function issuerIdOf(doc: JsonObject): string | undefined {
  const issuer: unknown = doc.issuer;
  if (typeof issuer === 'string') return issuer;
  const id = issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer) ? (issuer as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The proofs of a document, as a list (a single proof object is a list of one). */
export const proofsOf = (doc: JsonObject): readonly JsonValue[] => (doc.proof === undefined ? [] : Array.isArray(doc.proof) ? doc.proof : [doc.proof]);

/**
 * A document's `proof` written as an array of one: the canonical form writes the proof itself,
 * except in an Open Badges 3.0 credential, whose schema requires an array (VC 2.0 and 1EdTech's
 * own test vector write the object): both forms, which sign the same, are accepted there.
 */
export function proofListIssues(doc: JsonObject): VcIssue[] {
  if (!Array.isArray(doc.proof)) return [];
  if (doc.proof.length === 1 && !isOb3Document(doc)) return [vcIssue('VC_PROOF_MALFORMED', 'One proof written as a one-element array: the canonical form writes the proof itself.', '/proof')];
  // Each proof canonicalizes the whole document: their number is bounded, as the input's size is.
  if (doc.proof.length > MAX_PROOFS) return [vcIssue('VC_PROOF_MALFORMED', `${doc.proof.length} proofs, more than ${MAX_PROOFS}: not checked.`, '/proof')];
  return [];
}

/** Proofs a document may carry (a proof set or chain is a few signatures, not hundreds). */
export const MAX_PROOFS = 8;

/** The JSON Pointer of the i-th proof. */
export const proofPointer = (doc: JsonObject, i: number): string => (Array.isArray(doc.proof) ? `/proof${pointerSegment(i)}` : '/proof');

/** The issues of one proof's shape and encoding (none when it is a well-formed supported proof). */
export function proofIssues(proof: JsonValue, pointer: string, documentContext?: JsonValue): VcIssue[] {
  if (proof === null || typeof proof !== 'object' || Array.isArray(proof)) {
    return [vcIssue('VC_PROOF_MALFORMED', 'A proof must be a JSON object.', pointer)];
  }
  const { type, cryptosuite, proofValue } = proof as Record<string, JsonValue>;
  const members = typeof type === 'string' ? PROOF_MEMBERS[type] : undefined;
  if (members === undefined || (type === 'DataIntegrityProof' && !CRYPTOSUITES.has(cryptosuite))) {
    return [vcIssue('VC_PROOF_UNSUPPORTED', `A proof of type ${JSON.stringify(type)}${cryptosuite === undefined ? '' : ` with cryptosuite ${JSON.stringify(cryptosuite)}`}: only Ed25519Signature2020 and DataIntegrityProof with eddsa-rdfc-2022 (or its earlier name eddsa-2022) or eddsa-jcs-2022 are verified.`, pointer)];
  }
  const out: VcIssue[] = [];
  for (const key of Object.keys(proof)) {
    const value = (proof as Record<string, JsonValue>)[key]!;
    const at = pointer + pointerSegment(key);
    if (key === '@context' && type === 'DataIntegrityProof' && cryptosuite === 'eddsa-jcs-2022') {
      // eddsa-jcs-2022 copies the document's contexts into its proof; they must be those.
      if (JSON.stringify(value) !== JSON.stringify(documentContext)) out.push(vcIssue('VC_PROOF_MALFORMED', 'The proof\'s `@context` is not the document\'s.', at));
    } else if (!members.has(key)) out.push(vcIssue('VC_PROOF_MALFORMED', `The proof member \`${key}\` is not defined by ${type}: it would be read by no one and signed as nothing.`, at));
    else if (key === 'domain' ? !(typeof value === 'string' || (Array.isArray(value) && value.length > 1 && value.every((d) => typeof d === 'string'))) : typeof value !== 'string') {
      out.push(vcIssue('VC_PROOF_MALFORMED', `The proof member \`${key}\` must be a string${key === 'domain' ? ' (or a list of several)' : ''}.`, at));
    }
  }
  const id = (proof as Record<string, JsonValue>).id;
  if (typeof id === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(id)) out.push(vcIssue('VC_PROOF_MALFORMED', 'A proof `id` must be an absolute IRI.', `${pointer}/id`));
  else if (typeof id === 'string' && id.startsWith('_:')) out.push(vcIssue('VC_PROOF_MALFORMED', 'A proof `id` that is a blank node identifier is not signed: use an IRI, or no `id`.', `${pointer}/id`));
  for (const key of ['verificationMethod', 'proofPurpose', 'proofValue']) {
    // A missing member is pointed at where it would be.
    if (!Object.hasOwn(proof, key)) out.push(vcIssue('VC_PROOF_MALFORMED', `The proof has no \`${key}\`.`, pointer + pointerSegment(key)));
  }
  if (typeof proofValue === 'string') {
    const decoded = proofValue.startsWith('z') && proofValue.length <= MAX_PROOF_VALUE ? base58btcToBytes(proofValue.slice(1)) : undefined;
    if (decoded?.length !== 64) {
      out.push(vcIssue('VC_PROOF_MALFORMED', `The \`proofValue\` is not a multibase base58btc ("z…") Ed25519 signature of 64 bytes, the one encoding ${type === 'DataIntegrityProof' ? String(cryptosuite) : type} specifies.`, pointer + '/proofValue'));
    }
  }
  return out;
}

/** JSON Pointers of `__proto__` members (jsonld.js turns such a member into a prototype: it vanishes unsigned). */
export function prototypePointers(value: JsonValue, pointer = '', out: string[] = []): string[] {
  if (value === null || typeof value !== 'object' || out.length >= 5) return out;
  if (Array.isArray(value)) {
    value.forEach((v, i) => prototypePointers(v, pointer + pointerSegment(i), out));
    return out;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') out.push(pointer + pointerSegment(key));
    else prototypePointers((value as JsonObject)[key]!, pointer + pointerSegment(key), out);
  }
  return out;
}

/** Whether a `__proto__` member is anywhere (quick: no pointers; almost no document has one). */
function hasPrototypeKey(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasPrototypeKey);
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || hasPrototypeKey((value as JsonObject)[key]!)) return true;
  }
  return false;
}

/** Options of the document checks. */
export interface DocumentCheckOptions {
  documentLoader: DocumentLoader;
  /** Context documents the caller passed by URL: allowed besides the bundled ones. */
  documents?: Readonly<Record<string, object>>;
}

/**
 * The issues of a document's JSON (its proofs aside): `__proto__` members, contexts, the canonical
 * form, empty IRIs. Each issue carries the JSON Pointer of its place.
 */
export async function documentIssues(doc: JsonObject, subject: 'credential' | 'presentation', options: DocumentCheckOptions): Promise<VcIssue[]> {
  if (hasPrototypeKey(doc)) {
    return prototypePointers(doc).map((p) => vcIssue('VC_UNDEFINED_TERM', 'A `__proto__` member: jsonld.js drops it without a safe-mode error, so it is neither signed nor checked.', p));
  }
  const { proof: _proof, ...unsigned } = doc;
  const extra = Object.keys(options.documents ?? {});
  const allowed = extra.length === 0 ? BUNDLED : new Set([...BUNDLED, ...extra]);
  const problems = await canonicalFormProblems(unsigned, { documentLoader: options.documentLoader, allowedContexts: allowed, staticContexts: BUNDLED, ob3Contexts: OB3 });
  const out = problems.map((p) => vcIssue(p.code, `${p.message}${p.code === 'VC_JSON_NOT_CANONICAL' ? ` The ${subject}'s JSON is not the one form its contexts give the signed data.` : ''}`, p.pointer));
  if (out.length > 0) return out;
  const empty = await emptyIriPointers(unsigned, options.documentLoader);
  return empty.map((p) => vcIssue('VC_UNDEFINED_TERM', `${emptyIriMessage([p])}, so it is neither signed nor checked in this ${subject}.`, p));
}
