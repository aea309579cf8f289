/**
 * Verifiable Presentations: a learner (the holder) hands a verifier several credentials at once,
 * signed for that verifier's `challenge` and `domain` so that the presentation cannot be replayed
 * elsewhere. VC 1.1 presentations, because ELM credentials use the VC 1.1 context.
 */
import * as vc from '@digitalbazaar/vc';
import { CONTEXT_URLS } from '../jsonld/contexts.js';
import { pointerSegment } from '../json/pointer.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import { type VcIssue, vcIssue } from './codes.js';
import { readDocument, unreadableMessage } from './input.js';
import { IssuerKey } from './keys.js';
import { bindingIssues, holderIdOf, verifyPresentationProofs } from './presentation/proofs.js';
import { idMemberPointer } from './places.js';
import { documentIssues, MAX_PROOFS, proofIssues, proofListIssues, proofPointer, proofsOf } from './preflight.js';
import { keyLoader } from './resolver.js';
import { SigningError, assertSignable, translate } from './signing-error.js';
import { readStatusOptions } from './status/options.js';
import { SUITES, type SuiteName, signingSuite } from './suites.js';
import { type VerificationResult, type VerifyOptions, verifyCredential } from './verify.js';

/**
 * Options of `createPresentation()`.
 *
 * @example
 * const options: CreatePresentationOptions = { credentials: [signedA, signedB], holder: learnerKey.controller, id: 'urn:uuid:9b1f5c2e-3d4a-4e6f-8a7b-1c2d3e4f5a6b' };
 * const vp = createPresentation(options);
 */
export interface CreatePresentationOptions {
  /** The signed credentials to present, in the order the verifier will see them. */
  credentials: readonly unknown[];
  /** The learner's DID or URL: the controller of the key that will sign the presentation. */
  holder?: string;
  /** The presentation's id (a URI), e.g. `urn:uuid:…`. */
  id?: string;
}

/**
 * An unsigned VC 1.1 presentation.
 *
 * @example
 * const presentation: Presentation = createPresentation({ credentials: [signed], holder: learnerKey.controller });
 * // { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], holder: 'did:key:z6Mk…', verifiableCredential: [{ … }] }
 */
export type Presentation = JsonObject & { '@context': readonly string[]; type: string | readonly string[]; verifiableCredential: JsonObject | readonly JsonObject[] };

/**
 * A presentation with its holder's proof (`proofPurpose: 'authentication'`, `challenge`, `domain`).
 *
 * @example
 * const vp: SignedPresentation = await signPresentation(createPresentation({ credentials, holder: learnerKey.controller }), {
 *   key: learnerKey,
 *   challenge: 'n-0S6_WzA2Mj',
 *   domain: 'admissions.uni.example.eu',
 * });
 * const body = JSON.stringify(vp); // send it to the verifier
 */
export type SignedPresentation = JsonObject & { proof: JsonObject | readonly JsonObject[] };

/**
 * Options of `signPresentation()`.
 *
 * @example
 * const { challenge, domain } = await requestFromVerifier(); // the verifier's one-time request
 * const options: SignPresentationOptions = { key: learnerKey, challenge, domain };
 * const vp = await signPresentation(createPresentation({ credentials, holder: learnerKey.controller }), options);
 */
export interface SignPresentationOptions {
  /** The holder's key, with its private part; its controller must list it under `authentication`. */
  key: IssuerKey;
  /** The verifier's one-time challenge (a nonce it chose for this request). */
  challenge: string;
  /** The verifier's domain, e.g. `admissions.uni.example.eu`. */
  domain: string;
  /** The proof suite (default `Ed25519Signature2020`). */
  suite?: SuiteName;
  /** The proof's `created` time (default now). */
  created?: Date | string;
  /** Extra JSON-LD contexts the presentation or its credentials name, by URL (served offline). */
  documents?: Readonly<Record<string, object>>;
}

/**
 * Options of `verifyPresentation()`: the presentation's challenge and domain, and what
 * `verifyCredential()` takes for each credential (its status options included: each embedded
 * credential's `credentialStatus` is checked against the same `statusLists`).
 *
 * @example
 * const options: VerifyPresentationOptions = {
 *   challenge: 'n-0S6_WzA2Mj', // the nonce this verifier issued for the request
 *   domain: 'admissions.uni.example.eu',
 *   controllers: [uniDidDocument],
 *   trustedIssuers: ['did:web:uni.example.eu'],
 * };
 * const result = await verifyPresentation(vp, options);
 */
export interface VerifyPresentationOptions extends VerifyOptions {
  /** The challenge the verifier issued for this presentation. */
  challenge: string;
  /** The verifier's own domain. */
  domain: string;
}

/**
 * One check of a presentation and its outcome.
 *
 * @example
 * const { checks } = await verifyPresentation(vp, { challenge: 'another-nonce', domain: 'admissions.uni.example.eu' });
 * const challenge: PresentationCheck | undefined = checks.find((c) => c.check === 'challenge'); // { check: 'challenge', ok: false }
 */
export interface PresentationCheck {
  check: 'format' | 'signature' | 'holder' | 'challenge' | 'domain' | 'credentials';
  ok: boolean;
}

/**
 * The result of verifying one embedded credential, with the copy of it that was verified.
 *
 * @example
 * const { credentials } = await verifyPresentation(vp, { challenge, domain, controllers: [uniDidDocument] });
 * const accepted = credentials.filter((c: PresentedCredential) => c.verified).map((c) => c.credential);
 */
export interface PresentedCredential extends VerificationResult {
  /** The credential as it was verified (a copy; absent when it was not a JSON object). */
  credential?: JsonObject;
  /**
   * Where the credential is in the presentation, a JSON Pointer: `/verifiableCredential/2`, or
   * `/verifiableCredential` when the presentation holds one credential as itself. Set by
   * `verifyPresentation()`. The result's own `issues` point into the credential; prefix them with
   * this pointer to point into the presentation.
   */
  path?: string;
}

/**
 * The result of `verifyPresentation()`.
 *
 * @example
 * const result: PresentationVerificationResult = await verifyPresentation(vp, { challenge, domain, controllers: [uniDidDocument] });
 * // Signed for another request's challenge:
 * // {
 * //   verified: false,
 * //   checks: [{ check: 'format', ok: true }, { check: 'challenge', ok: false }, { check: 'domain', ok: true }, …],
 * //   issues: [{ code: 'VC_CHALLENGE_MISMATCH', severity: 'error', path: '/proof/challenge', message: '…' }],
 * //   credentials: [{ verified: true, checks: […], issues: [], issuer: 'did:web:uni.example.eu', path: '/verifiableCredential', credential: { … } }],
 * //   holder: 'did:key:z6Mk…',
 * // }
 */
export interface PresentationVerificationResult {
  /** True when the presentation's proof and every embedded credential verified. */
  verified: boolean;
  checks: PresentationCheck[];
  /**
   * The presentation's issues, then each credential's, with `details: { credential: index }`. Every
   * `path` points into the presentation: an embedded credential's issue at
   * `/verifiableCredential/2/proof/proofValue` (its pointer in `credentials[2]`, prefixed).
   */
  issues: VcIssue[];
  /**
   * One result per embedded credential, in order, as `verifyCredential()` gives it: its issues point
   * into that credential, and its `path` says where the credential is in the presentation.
   */
  credentials: PresentedCredential[];
  /** The controller of the key that signed the presentation, once the proof verified. */
  holder?: string;
}

const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
const PRESENTATION_CONTEXTS: ReadonlySet<unknown> = new Set([CONTEXT_URLS.VC_V1, CONTEXT_URLS.VC_V2]);

const valuesOf = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The pointer of the `i`th embedded credential: one credential is written as itself (`/verifiableCredential`), several as a list (`/verifiableCredential/2`). */
const credentialPointer = (doc: JsonObject, i: number): string => `/verifiableCredential${Array.isArray(doc.verifiableCredential) ? pointerSegment(i) : ''}`;

function checkNonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${what} must be a non-empty string`);
  return value;
}

/**
 * Wraps signed credentials in an unsigned presentation of their data model version: VC 2.0 when
 * every credential's first context is VC 2.0 (Open Badges 3.0, EBSI), VC 1.1 otherwise (ELM). The
 * VC 2.0 context protects the terms VC 1.1 redefines, so one presentation cannot hold both: that
 * is a `TypeError`. The credentials are copied, not checked: a verifier checks each one. Throws
 * `TypeError` on misuse and `SigningError` (`VC_CREDENTIAL_MALFORMED`) for a credential that is not
 * a JSON object within the input limits.
 *
 * @example
 * const vp = createPresentation({ credentials: [signedA, signedB], holder: learnerKey.controller });
 */
export function createPresentation(options: CreatePresentationOptions): Presentation {
  if (options === null || typeof options !== 'object') throw new TypeError('createPresentation(): options must be an object with `credentials`');
  const { credentials, holder, id } = options;
  if (!Array.isArray(credentials)) throw new TypeError('createPresentation(): options.credentials must be an array of signed credentials');
  if (holder !== undefined && (typeof holder !== 'string' || !URI.test(holder))) throw new TypeError('createPresentation(): options.holder must be a DID or URL');
  if (id !== undefined && (typeof id !== 'string' || !URI.test(id))) throw new TypeError('createPresentation(): options.id must be a URI');
  const copies = credentials.map((credential: unknown, i: number) => {
    const copy = readDocument(credential);
    if (!copy.ok) throw new SigningError('VC_CREDENTIAL_MALFORMED', `credentials[${i}]: ${unreadableMessage(copy)}`);
    return copy.value;
  });
  const v2 = copies.map((c) => valuesOf(c['@context'])[0] === CONTEXT_URLS.VC_V2);
  if (v2.includes(true) && v2.includes(false)) throw new TypeError('createPresentation(): the credentials mix VC 2.0 and VC 1.1; present each data model version in a presentation of its own');
  // The canonical JSON form (what verifiers accept): one type or credential as itself, not in an array.
  return {
    '@context': [v2.length > 0 && !v2.includes(false) ? CONTEXT_URLS.VC_V2 : CONTEXT_URLS.VC_V1],
    type: 'VerifiablePresentation',
    ...(id === undefined ? {} : { id }),
    ...(holder === undefined ? {} : { holder }),
    verifiableCredential: copies.length === 1 ? copies[0]! : copies,
  };
}

function checkSignOptions(options: unknown): asserts options is SignPresentationOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('signPresentation(): options must be an object with `key`, `challenge` and `domain`');
  const o = options as SignPresentationOptions;
  if (!(o.key instanceof IssuerKey)) throw new TypeError('signPresentation(): options.key must be an IssuerKey (generateIssuerKey() or importIssuerKey())');
  if (!o.key.canSign) throw new TypeError(`signPresentation(): the key ${o.key.id} has no private part`);
  checkNonEmpty(o.challenge, 'signPresentation(): options.challenge');
  checkNonEmpty(o.domain, 'signPresentation(): options.domain');
  if (o.suite !== undefined && !SUITES.includes(o.suite)) throw new TypeError(`signPresentation(): options.suite must be one of ${SUITES.join(', ')}`);
  if (o.created !== undefined && Number.isNaN(new Date(o.created).getTime())) throw new TypeError('signPresentation(): options.created is not a date');
  if (o.documents !== undefined && (o.documents === null || typeof o.documents !== 'object')) throw new TypeError('signPresentation(): options.documents must be an object of documents by URL');
}

/**
 * Signs a presentation as its holder, for one verifier's `challenge` and `domain`, and returns the
 * signed copy; the input is not changed. A proof the presentation already has is replaced: a
 * presentation is signed anew for every request. Throws `SigningError` with the same reasons as
 * `signCredential()`, and `VC_HOLDER_KEY_MISMATCH` when the presentation names another holder.
 *
 * @example
 * const { challenge, domain } = await requestFromVerifier(); // the verifier's one-time request
 * const signed = await signPresentation(createPresentation({ credentials, holder: learnerKey.controller }), { key: learnerKey, challenge, domain });
 */
export async function signPresentation(presentation: unknown, options: SignPresentationOptions): Promise<SignedPresentation> {
  checkSignOptions(options);
  const copy = readDocument(presentation, 'presentation');
  if (!copy.ok) throw new SigningError('VC_CREDENTIAL_MALFORMED', unreadableMessage(copy), copy.pointer);
  const doc = copy.value as Record<string, unknown> as JsonObject & Record<string, unknown>;
  if (!valuesOf(doc.type).includes('VerifiablePresentation')) throw new SigningError('VC_CREDENTIAL_MALFORMED', 'Not a presentation: `type` does not include "VerifiablePresentation". Build one with createPresentation().');
  const { key } = options;
  const holder = holderIdOf(doc);
  if (doc.holder !== undefined && holder !== key.controller) {
    throw new SigningError('VC_HOLDER_KEY_MISMATCH', `The presentation's holder is ${holder === undefined ? 'unreadable' : JSON.stringify(holder)} but the key belongs to ${JSON.stringify(key.controller)}: verifiers would reject it.`);
  }
  delete doc.proof;
  let loader: DocumentLoader;
  try {
    loader = keyLoader([key.controllerDocument()], options.documents ?? {});
  } catch (e) {
    throw e instanceof TypeError ? new TypeError(`signPresentation(): ${e.message}`) : e;
  }
  const suiteName = options.suite ?? 'Ed25519Signature2020';
  await assertSignable(doc, 'presentation', loader, options.documents, suiteName === 'eddsa-jcs-2022');
  try {
    const created = options.created === undefined ? undefined : new Date(options.created);
    return (await vc.signPresentation({ presentation: doc, suite: signingSuite(suiteName, key, created), documentLoader: loader, challenge: options.challenge, domain: options.domain })) as SignedPresentation;
  } catch (error) {
    throw translate(error);
  }
}

/**
 * Verifies a signed presentation: the holder's proof (signature, `authentication` key of its
 * controller, `challenge`, `domain`, holder bound to the key), and every embedded credential with
 * `verifyCredential()` and the same options. Never throws on the presentation; `TypeError` on
 * misuse (a missing challenge or domain).
 *
 * @example
 * const result = await verifyPresentation(vp, { challenge, domain: 'admissions.uni.example.eu', controllers: [uniDidDocument] });
 * if (result.verified) console.log(result.holder, result.credentials.length);
 * else for (const i of result.issues) console.log(i.code, i.path, i.message); // VC_SIGNATURE_INVALID /verifiableCredential/1/proof/proofValue …
 */
export async function verifyPresentation(presentation: unknown, options: VerifyPresentationOptions): Promise<PresentationVerificationResult> {
  const { challenge, domain, credentialOptions, loader } = readVerifyOptions(options);
  const checks: PresentationCheck[] = [];
  const issues: VcIssue[] = [];
  const credentials: PresentedCredential[] = [];
  let holder: string | undefined;
  const finish = (): PresentationVerificationResult => ({
    verified: checks.every((c) => c.ok) && issues.every((i) => i.severity !== 'error'),
    checks,
    issues,
    credentials,
    ...(holder === undefined ? {} : { holder }),
  });

  const copy = readDocument(presentation, 'presentation');
  if (!copy.ok) {
    checks.push({ check: 'format', ok: false });
    issues.push(vcIssue('VC_CREDENTIAL_MALFORMED', `The presentation cannot be read: ${copy.message}`, copy.pointer ?? ''));
    return finish();
  }
  const doc = copy.value;
  const proofs = proofsOf(doc);
  const format = await formatIssues(doc, proofs, loader, options);
  checks.push({ check: 'format', ok: format.length === 0 });
  issues.push(...format);
  checkBinding(doc, proofs, challenge, domain, checks, issues);
  if (format.length === 0) holder = await checkHolder(doc, proofs, loader, challenge, domain, checks, issues);
  await verifyEmbedded(doc, credentialOptions, checks, issues, credentials);
  return finish();
}

/** Throws a TypeError for misuse of `verifyPresentation()`; returns the request, the credentials' options and the document loader. */
function readVerifyOptions(options: VerifyPresentationOptions): { challenge: string; domain: string; credentialOptions: VerifyOptions; loader: DocumentLoader } {
  if (options === null || typeof options !== 'object') throw new TypeError('verifyPresentation(): options must be an object with `challenge` and `domain`');
  const challenge = checkNonEmpty(options.challenge, 'verifyPresentation(): options.challenge');
  const domain = checkNonEmpty(options.domain, 'verifyPresentation(): options.domain');
  const credentialOptions: VerifyOptions = {
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.controllers === undefined ? {} : { controllers: options.controllers }),
    ...(options.trustedIssuers === undefined ? {} : { trustedIssuers: options.trustedIssuers }),
    ...(options.validateContent === undefined ? {} : { validateContent: options.validateContent }),
    ...(options.documents === undefined ? {} : { documents: options.documents }),
    // Each credential's status, against the same lists (checked here, so that misuse is said once).
    ...readStatusOptions(options, 'verifyPresentation()'),
  };
  if (options.now !== undefined && Number.isNaN(new Date(options.now).getTime())) throw new TypeError('verifyPresentation(): options.now is not a date');
  let loader;
  try {
    loader = keyLoader(options.controllers ?? [], options.documents);
  } catch (e) {
    throw e instanceof TypeError ? new TypeError(`verifyPresentation(): ${e.message}`) : e;
  }
  return { challenge, domain, credentialOptions, loader };
}

/** The presentation's format issues: its type, first context, proofs, embedded credentials and JSON-LD form. */
async function formatIssues(doc: JsonObject, proofs: readonly JsonValue[], loader: DocumentLoader, options: VerifyPresentationOptions): Promise<VcIssue[]> {
  const format: VcIssue[] = [];
  if (!valuesOf(doc.type).includes('VerifiablePresentation')) format.push(vcIssue('VC_CREDENTIAL_MALFORMED', 'Not a presentation: `type` does not include "VerifiablePresentation".', '/type'));
  if (!PRESENTATION_CONTEXTS.has(valuesOf(doc['@context'])[0])) format.push(vcIssue('VC_CREDENTIAL_MALFORMED', `The presentation's first context must be ${CONTEXT_URLS.VC_V1} (or ${CONTEXT_URLS.VC_V2}).`, '/@context'));
  if (proofs.length === 0) format.push(vcIssue('VC_PROOF_MISSING', 'The presentation has no proof: it is not signed by its holder.', '/proof'));
  format.push(...proofListIssues(doc));
  proofs.slice(0, MAX_PROOFS).forEach((p, i) => format.push(...proofIssues(p, proofPointer(doc, i), doc['@context'])));
  valuesOf(doc.verifiableCredential).forEach((c, i) => {
    if (c === null || typeof c !== 'object' || Array.isArray(c)) format.push(vcIssue('VC_CREDENTIAL_MALFORMED', 'An embedded credential must be a JSON object (a credential given by reference is not verified).', credentialPointer(doc, i)));
  });
  format.push(...(await documentIssues(doc, 'presentation', { documentLoader: loader, ...(options.documents ? { documents: options.documents } : {}) })));
  return format;
}

/** Adds the `challenge` and `domain` checks (when there are proofs) and every proof's binding issues. */
function checkBinding(doc: JsonObject, proofs: readonly JsonValue[], challenge: string, domain: string, checks: PresentationCheck[], issues: VcIssue[]): void {
  // Every proof is read for its purpose, challenge and domain, so that a wrong one is reported
  // even when the signature fails too: each must be an authentication proof for this very request.
  const binding = proofs.map((p, i) => bindingIssues(p, proofPointer(doc, i), challenge, domain));
  if (proofs.length > 0) {
    const challengeOk = binding.every((b) => !b.some((i) => i.code === 'VC_CHALLENGE_MISMATCH' || i.code === 'VC_KEY_NOT_AUTHORIZED'));
    const domainOk = binding.every((b) => !b.some((i) => i.code === 'VC_DOMAIN_MISMATCH' || i.code === 'VC_KEY_NOT_AUTHORIZED'));
    checks.push({ check: 'challenge', ok: challengeOk }, { check: 'domain', ok: domainOk });
    issues.push(...binding.flat());
  }
}

/**
 * Verifies the holder's proofs and adds the `signature` and `holder` checks and their issues;
 * returns the authenticated holder, or undefined when none is.
 */
async function checkHolder(doc: JsonObject, proofs: readonly JsonValue[], loader: DocumentLoader, challenge: string, domain: string, checks: PresentationCheck[], issues: VcIssue[]): Promise<string | undefined> {
  const found = await verifyPresentationProofs(doc, proofs, loader, challenge, domain);
  // The library checks the purpose, challenge and domain after the signature: a proof failing
  // only on those is a valid signature for another request (reported as such above).
  const BINDING = new Set(['VC_CHALLENGE_MISMATCH', 'VC_DOMAIN_MISMATCH', 'VC_KEY_NOT_AUTHORIZED']);
  checks.push({ check: 'signature', ok: found.every((r) => r.issues.every((i) => BINDING.has(i.code))) });
  const signatureOk = found.every((r) => r.ok);
  // The library's own word on a challenge, domain or purpose is already said, with its place.
  issues.push(...found.flatMap((r) => r.issues).filter((i) => !issues.some((j) => j.code === i.code)));
  const named = holderIdOf(doc);
  const controllers = [...new Set(found.filter((r) => r.ok).map((r) => r.controller))];
  const holderIssues: VcIssue[] = [];
  if (controllers.length > 1) {
    holderIssues.push(vcIssue('VC_HOLDER_KEY_MISMATCH', `The presentation is signed by keys of ${controllers.length} different controllers: one holder signs a presentation.`, '/proof'));
  }
  // A stated holder must be the controller of the keys that signed; when no proof holds, the
  // mismatch is said only if no proof's key belongs to the stated holder.
  const compared = signatureOk ? controllers : found.every((r) => r.controller !== named) ? [...new Set(found.map((r) => r.controller))] : [];
  if (doc.holder !== undefined) {
    for (const controller of compared) {
      if (controller !== undefined && controller !== named) holderIssues.push(vcIssue('VC_HOLDER_KEY_MISMATCH', `The presentation's holder is ${named === undefined ? 'unreadable' : JSON.stringify(named)} but its proof's key belongs to ${JSON.stringify(controller)}.`, idMemberPointer(doc, 'holder')));
    }
  }
  const authenticated = signatureOk && controllers.length === 1 ? controllers[0] : undefined;
  checks.push({ check: 'holder', ok: holderIssues.length === 0 && authenticated !== undefined });
  issues.push(...holderIssues);
  return holderIssues.length === 0 && authenticated !== undefined ? authenticated : undefined;
}

/** Verifies each embedded credential with `verifyCredential()`, adding its result, its issues and the `credentials` check. */
async function verifyEmbedded(doc: JsonObject, credentialOptions: VerifyOptions, checks: PresentationCheck[], issues: VcIssue[], credentials: PresentedCredential[]): Promise<void> {
  const embedded = valuesOf(doc.verifiableCredential);
  if (embedded.length === 0) {
    issues.push(vcIssue('VC_CREDENTIAL_MALFORMED', 'The presentation holds no credential.', '/verifiableCredential'));
  }
  for (const [index, credential] of embedded.entries()) {
    const result = await verifyCredential(credential, credentialOptions);
    const isObject = credential !== null && typeof credential === 'object' && !Array.isArray(credential);
    const path = credentialPointer(doc, index);
    credentials.push({ ...result, path, ...(isObject ? { credential: credential as JsonObject } : {}) });
    // Its result points into the credential; the presentation's issues into the presentation. A
    // status issue keeps its list, index and reason beside the credential's index.
    for (const issue of result.issues) {
      const status = issue.code.startsWith('STATUS_') && issue.details !== null && typeof issue.details === 'object' ? issue.details : {};
      issues.push({ ...issue, path: path + issue.path, details: { ...status, credential: index } });
    }
  }
  checks.push({ check: 'credentials', ok: embedded.length > 0 && credentials.every((c) => c.verified) });
}
