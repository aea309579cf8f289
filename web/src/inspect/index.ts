/**
 * The verifier page's checking core: one file (dropped, picked or pasted) and the trust the user
 * loaded in, one report out. Runs in browsers and in Node (no DOM); never throws.
 *
 * Soundness first: `genuine` only when every proof, seal or signature verified and its signer is
 * established; the model and every value shown come from what was verified (the signed credential,
 * the sealed payload, the disclosed claims), never from data beside it; a failed check shows no
 * content at all; whatever the page does not know is said.
 */
import type { MicroCredential } from 'eu-micro-credentials';
import { credentialLanguages } from 'eu-micro-credentials/render';
import { RULEBOOK_CLAIMS } from 'eu-micro-credentials/sd-jwt-vc';
import { displayImagesOf } from './display-images.js';
import { elementRows } from './elements.js';
import { base64UrlBytes, base64UrlJson, isObject, readJson, utf8 } from './json.js';
import { type Content, elmContent, modelContent, ob3Content, sdJwtContent } from './model.js';
import { isCompactJws, isSdJwt, readDocument } from './read-input.js';
import type { Disclosure, InputKind, InspectInput, InspectReport, PageIssue, Revocation, Trust, Validity, Verdict } from './types.js';
import { type Verification, notSigned, refused, verifyProof, verifySdJwt, verifySeal } from './verify.js';

export type * from './types.js';
export { EMPTY_TRUST } from './types.js';
export { readTrustFile, mergeTrust } from './trust.js';
export { exportElm, exportOb3, exportProblems, reportJson } from './export.js';
export { ANNEX_I } from './elements.js';

export interface InspectOptions {
  /** The time to judge validity and certificates at (default: now). */
  now?: Date;
  /** The language of the element table's lines (default: the credential's first language). */
  lang?: string;
  /**
   * Check ELM content against the EU's shapes (validateElm: JSON-LD and SHACL), default true.
   * The slowest check by far; the page may turn it off to answer first.
   */
  elmShapes?: boolean;
}

const BADGE_TYPES = new Set(['OpenBadgeCredential', 'AchievementCredential']);
const isBadge = (v: unknown) => isObject(v) && Object.hasOwn(v, 'type') && ([] as unknown[]).concat(v.type).some((t) => typeof t === 'string' && BADGE_TYPES.has(t));
const MODEL_KEYS = ['learner', 'title', 'issuer', 'awardingBodies', 'dateOfIssue', 'learningOutcomes', 'workload', 'assessment', 'participation', 'qualityAssurance'];

/** The kind of a document, as the command line's detectKind tells it (src/cli/check.ts), and `unknown` for JSON that is none. */
export function detectKind(doc: unknown): InputKind {
  if (typeof doc === 'string') {
    if (isSdJwt(doc)) return 'sd-jwt-vc';
    if (isCompactJws(doc)) {
      const payload = base64UrlJson(doc.split('.')[1] ?? '');
      if (isBadge(payload) || (isObject(payload) && isBadge(payload.vc))) return 'ob3-jwt';
      // An EDC seal's payload is the credential; a JWS of anything else (an ID token, a status list) is not one.
      return isObject(payload) && ['@context', 'type', 'credentialSubject'].some((k) => Object.hasOwn(payload, k)) ? 'sealed' : 'unknown';
    }
    return 'unknown';
  }
  if (!isObject(doc)) return 'unknown';
  if (typeof doc.payload === 'string' && (Array.isArray(doc.signatures) || typeof doc.signature === 'string')) return 'sealed';
  if (doc.proof !== undefined) return 'signed-vc';
  if (isBadge(doc)) return 'ob3';
  const types = ([] as unknown[]).concat(doc.type ?? []);
  if (doc['@context'] !== undefined || types.includes('EuropeanDigitalCredential') || types.includes('VerifiableCredential')) return 'elm';
  return MODEL_KEYS.some((k) => Object.hasOwn(doc, k)) ? 'model' : 'unknown';
}

async function sha256(bytes: Uint8Array): Promise<string> {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return '';
  }
}

const inputIssue = (code: string, severity: PageIssue['severity'], message: string, path = ''): PageIssue => ({ code, severity, path, element: null, message, source: 'input' });

/** Checks one file against the trust given; never throws (a failure of the page itself is an `unreadable` report naming it). */
export async function inspect(input: InspectInput, trust: Trust, options: InspectOptions = {}): Promise<InspectReport> {
  const now = options.now ?? new Date();
  const bytes = input?.bytes instanceof Uint8Array ? input.bytes : new Uint8Array(0);
  const name = typeof input?.name === 'string' ? input.name : 'file';
  const base = {
    format: 'eumc-verifier-report/1' as const,
    file: { name, size: bytes.length, sha256: await sha256(bytes) },
    checkedAt: now.toISOString(),
  };
  try {
    return await check(base, bytes, trust, now, options);
  } catch (error) {
    return unreadableReport(base, 'text', 'unknown', { code: 'EUMC_PAGE_FAILED', text: `The page failed while checking this file (a bug: please report it): ${error instanceof Error ? error.message : String(error)}` });
  }
}

type Base = Pick<InspectReport, 'format' | 'file' | 'checkedAt'>;

function unreadableReport(base: Base, container: InspectReport['container'], kind: InputKind, reason: { code: string; text: string }, issues: PageIssue[] = []): InspectReport {
  return {
    ...base,
    kind,
    container,
    verdict: { state: 'unreadable', mechanism: null, reasons: [reason] },
    validity: { state: 'no-period' },
    revocation: { state: 'no-status', entries: [] },
    partial: false,
    languages: [],
    elements: elementRows(undefined, 'en', []),
    issues,
  };
}

async function check(base: Base, bytes: Uint8Array, trustIn: Trust, now: Date, options: InspectOptions): Promise<InspectReport> {
  const trust = normaliseTrust(trustIn);
  const read = await readDocument(base.file.name, bytes);
  if (read.unreadable !== undefined) return unreadableReport(base, read.container, 'unknown', { code: 'EUMC_UNREADABLE', text: read.unreadable }, read.issues);
  const doc = read.document;
  const kind = detectKind(doc);
  if (isObject(doc) && ([] as unknown[]).concat(doc.type ?? []).includes('VerifiablePresentation')) {
    return unreadableReport(base, read.container, 'unknown', { code: 'EUMC_PRESENTATION', text: 'The file is a Verifiable Presentation (credentials a holder signed together): this page checks one credential at a time. Save a credential of its verifiableCredential list as a file of its own and check that.' }, read.issues);
  }
  if (kind === 'unknown') {
    const what = typeof doc === 'string' ? 'text' : Array.isArray(doc) ? 'a JSON array' : isObject(doc) ? 'JSON' : 'a JSON value';
    return unreadableReport(base, read.container, 'unknown', { code: 'EUMC_NOT_A_CREDENTIAL', text: `The file is ${what}, but not a credential this page knows (a micro-credential, ELM, a signed or sealed credential, an Open Badge, an SD-JWT VC).` }, read.issues);
  }
  const signedKind = kind === 'signed-vc' || kind === 'sealed' || kind === 'sd-jwt-vc' || kind === 'ob3-jwt';
  const issues: PageIssue[] = [...read.issues];
  let verification: Verification;
  let content: Content | undefined;
  const shapes = options.elmShapes !== false;
  const prefix = read.wrapper ?? '';

  // A sealed payload is JSON text of its own: a member twice in it is refused as in the file.
  if (kind === 'sealed' && read.duplicate === undefined) read.duplicate = sealedPayloadDuplicate(doc);
  if (read.duplicate !== undefined && signedKind) {
    // What is shown could differ from what was signed: nothing is shown, and the file is refused.
    verification = refused('not-genuine', kind === 'sealed' ? 'seal' : kind === 'sd-jwt-vc' ? 'sd-jwt' : 'proof', { code: 'EUMC_JSON_DUPLICATE_NAME', text: read.duplicate });
  } else if (kind === 'signed-vc') {
    verification = await verifyProof(doc, trust, now, prefix);
    if (verification.credential !== undefined) content = await credentialContent(verification.credential, prefix, shapes);
  } else if (kind === 'sealed') {
    verification = await verifySeal(doc, trust, now);
    if (verification.credential !== undefined) content = await credentialContent(verification.credential, `${prefix}/payload`, shapes);
  } else if (kind === 'sd-jwt-vc') {
    verification = await verifySdJwt(doc as string, trust, now);
    if (verification.claims !== undefined) content = await sdJwtContent(verification.claims, now);
  } else if (kind === 'ob3-jwt') {
    // The JWS is verified as a proof is; the content is read from the credential it secures.
    verification = await verifyProof(doc, trust, now, prefix);
    if (verification.credential !== undefined) content = await ob3Content(verification.credential, prefix + (verification.credentialAt ?? ''));
  } else {
    verification = notSigned({ code: 'EUMC_NOT_SIGNED', text: 'The file has no signature and no seal: nothing says who made it or that it is unchanged. Its content is shown as it reads.' });
    if (read.duplicate !== undefined) issues.push(inputIssue('EUMC_JSON_DUPLICATE_NAME', 'error', read.duplicate));
    content = kind === 'model' ? await modelContent(doc) : kind === 'ob3' ? await ob3Content(doc, prefix) : await elmContent(doc, prefix, shapes);
  }

  issues.push(...verification.issues);
  if (content) issues.push(...content.issues);
  const model = content?.model;
  // The issuer's pictures, only when the page cannot draw the credential itself (no whole model):
  // from the verified credential (a signed or sealed one), or an unsigned ELM file's own document;
  // never from beside what was verified.
  const displaySource = kind === 'signed-vc' ? [verification.credential, prefix] as const : kind === 'sealed' ? [verification.credential, `${prefix}/payload`] as const : kind === 'elm' ? [doc, prefix] as const : undefined;
  const display = displaySource && model === undefined && verification.verdict.state !== 'not-genuine' ? displayImagesOf(displaySource[0], displaySource[1]) : undefined;
  if (display) issues.push(...display.issues);
  const languages = model ? languagesOf(model) : [];
  const lang = options.lang ?? languages[0] ?? 'en';
  const elements = elementRows(content?.value, lang, issues);
  // Disclosed claims that do not make a whole micro-credential still show, each in its element's row.
  if (kind === 'sd-jwt-vc' && verification.claims && content?.value === undefined) fillFromClaims(elements, verification.claims);

  const validity = validityOf(kind, verification, content, doc, now);
  const revocation = revocationOf(kind, verification, doc);
  verification.verdict.reasons.push(...unsaid(verification.verdict, validity, revocation, read.issues));
  const report: InspectReport = {
    ...base,
    kind,
    container: read.container,
    ...(read.wrapper !== undefined ? { wrapper: read.wrapper } : {}),
    ...(read.attachment !== undefined ? { attachment: read.attachment } : {}),
    verdict: verification.verdict,
    validity,
    revocation,
    ...(model ? { model } : {}),
    partial: content !== undefined && content.partial,
    languages,
    elements,
    issues,
    ...(kind === 'sd-jwt-vc' && verification.claims ? { sdJwt: disclosureOf(verification) } : {}),
    ...(display && display.images.length > 0 ? { displayImages: display.images } : {}),
    ...(read.text !== undefined && (verification.verdict.state === 'genuine' || verification.verdict.state === 'unconfirmed') && signedKind ? { credential: { text: read.text, mediaType: read.mediaType ?? 'application/json' } } : {}),
  };
  return report;
}

/** People's words for what the reading set aside (the library's messages speak to developers). */
const READING_WORDS: Record<string, string> = {
  ELM_WRAPPED: 'The credential came in a wrapper (EDC\'s upload format): the page checked the credential inside it; nothing else in the wrapper is covered by its signature or shown.',
};

const VALIDITY_CODES = { expired: ['VC_EXPIRED', 'SDJWT_EXPIRED'], 'not-yet-valid': ['VC_NOT_YET_VALID', 'SDJWT_NOT_YET_VALID'] } as const;

/**
 * What the verdict's reasons must say and the verifiers may not have: that the credential expired
 * or is not valid yet, that it is revoked, suspended or of unknown status, and what the reading of
 * the file set aside (other attachments of a PDF, a second credential baked in an image). A verdict
 * never reads plainly "genuine" over any of these.
 */
function unsaid(verdict: Verdict, validity: Validity, revocation: Revocation, readIssues: readonly PageIssue[]): Verdict['reasons'] {
  const have = new Set(verdict.reasons.map((r) => r.code));
  const out: Verdict['reasons'] = [];
  if (verdict.state !== 'not-genuine' && verdict.state !== 'unreadable') {
    if (validity.state === 'expired' && !VALIDITY_CODES.expired.some((c) => have.has(c))) out.push({ code: 'EUMC_EXPIRED', text: `The credential's validity period ended on ${validity.validUntil}.` });
    if (validity.state === 'not-yet-valid' && !VALIDITY_CODES['not-yet-valid'].some((c) => have.has(c))) out.push({ code: 'EUMC_NOT_YET_VALID', text: `The credential is not valid yet: its validity period starts on ${validity.validFrom}.` });
    if (revocation.state === 'revoked' && !have.has('STATUS_REVOKED')) out.push({ code: 'STATUS_REVOKED', text: 'The issuer has revoked this credential.' });
    if (revocation.state === 'suspended' && !have.has('STATUS_SUSPENDED')) out.push({ code: 'STATUS_SUSPENDED', text: 'The issuer has suspended this credential.' });
    if (revocation.state === 'unknown' && !have.has('STATUS_UNKNOWN')) out.push({ code: 'STATUS_UNKNOWN', text: 'The credential\'s status could not be established from the status list loaded.' });
  }
  for (const i of readIssues) if (i.severity !== 'info' && !have.has(i.code)) out.push({ code: i.code, text: READING_WORDS[i.code] ?? i.message, ...(i.path ? { path: i.path } : {}) });
  return out;
}

/** A member twice in a sealed envelope's payload (JSON text as it is, or base64url of it), in words. */
function sealedPayloadDuplicate(doc: unknown): string | undefined {
  const payload = typeof doc === 'string' ? doc.split('.')[1] : isObject(doc) && typeof doc.payload === 'string' ? doc.payload : undefined;
  if (payload === undefined) return undefined;
  const asText = payload.trimStart().startsWith('{') ? payload : (() => {
    const bytes = base64UrlBytes(payload);
    return bytes === undefined ? undefined : utf8(bytes);
  })();
  if (asText === undefined) return undefined;
  const read = readJson(asText);
  return !read.ok && read.code === 'duplicate' ? `In the sealed payload: ${read.message}` : undefined;
}

/** The content of a verified credential: an Open Badge, or ELM. */
const credentialContent = (doc: unknown, prefix: string, shapes: boolean): Promise<Content> => (isBadge(doc) ? ob3Content(doc, prefix) : elmContent(doc, prefix, shapes));

function languagesOf(model: MicroCredential): string[] {
  try {
    return credentialLanguages(model);
  } catch {
    return [];
  }
}

/** Trust as given, or empty lists where something is missing (a page bug must not throw here). */
function normaliseTrust(t: Trust | undefined): Trust {
  const list = <T>(v: readonly T[] | undefined): T[] => (Array.isArray(v) ? [...v] : []);
  return { trustAnchors: list(t?.trustAnchors), controllers: list(t?.controllers), issuerKeys: list(t?.issuerKeys), statusLists: list(t?.statusLists) };
}

// --- Validity ---

const dateOf = (v: unknown): string | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined);
const secondsOf = (v: unknown): string | undefined => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e11 ? new Date(v * 1000).toISOString() : undefined);

/** The validity period of what was verified (or of the unsigned file), judged at `now`. */
function validityOf(kind: InputKind, v: Verification, content: Content | undefined, unsigned: unknown, now: Date): Validity {
  let from: string | undefined;
  let until: string | undefined;
  if (kind === 'sd-jwt-vc') {
    from = secondsOf(v.claims?.nbf);
    until = secondsOf(v.claims?.exp);
  } else {
    // The verified credential; for a file with nothing to verify, the file's own document.
    const doc = kind === 'signed-vc' || kind === 'sealed' || kind === 'ob3-jwt' ? v.credential : kind === 'elm' || kind === 'ob3' ? unsigned : undefined;
    if (isObject(doc)) {
      from = dateOf(doc.validFrom) ?? dateOf(doc.issuanceDate);
      until = dateOf(doc.validUntil) ?? dateOf(doc.expirationDate);
    }
    // A VC-JWT's nbf and exp count where its credential states no start or end (as the verifier reads them).
    from ??= v.period?.from;
    until ??= v.period?.until;
    const mc = content?.value;
    if (until === undefined && isObject(mc) && isObject(mc.furtherInformation)) until = dateOf(mc.furtherInformation.validUntil);
  }
  if (kind === 'sd-jwt-vc' && until === undefined && v.claims === undefined) return { state: 'no-period' };
  const t = now.getTime();
  const state: Validity['state'] =
    from === undefined && until === undefined ? 'no-period' : from !== undefined && Date.parse(from) > t ? 'not-yet-valid' : until !== undefined && Date.parse(until) < t ? 'expired' : 'valid';
  return { ...(from ? { validFrom: from } : {}), ...(until ? { validUntil: until } : {}), state };
}

// --- Revocation ---

function hasStatusEntries(kind: InputKind, v: Verification, doc: unknown): boolean {
  if (kind === 'sd-jwt-vc') return isObject(v.claims?.status);
  // A credentialStatus member, readable or not, is a status the page has not confirmed (the verifier reports malformed entries).
  return isObject(doc) && doc.credentialStatus !== undefined;
}

function revocationOf(kind: InputKind, v: Verification, fileDoc: unknown): Revocation {
  // Nothing verified: whether the file has status entries is said, never what a list says of them.
  if (v.verdict.state === 'not-genuine') return { state: hasStatusEntries(kind, v, kind === 'signed-vc' ? fileDoc : undefined) ? 'not-checked' : 'no-status', entries: [] };
  const doc = v.credential;
  const has = hasStatusEntries(kind, v, doc) || v.status.length > 0;
  if (!has) return { state: 'no-status', entries: [] };
  // Not checked: no list was loaded, or the signer is not established (the verifier then checks no status: its entries are unknown with no STATUS_UNKNOWN to say why).
  const notChecked = v.statusIssues.some((i) => i.code === 'STATUS_NOT_CHECKED') || (v.verdict.state !== 'genuine' && !v.statusIssues.some((i) => i.code === 'STATUS_UNKNOWN'));
  const entries: Revocation['entries'] = v.status.map((s) => ({
    purpose: s.purpose,
    state: notChecked && s.status === 'unknown' ? 'not-checked' : s.status,
    list: s.list,
    index: s.index,
    ...(s.message !== undefined ? { message: s.message } : {}),
  }));
  if (entries.length === 0) return { state: 'not-checked', entries };
  const states = entries.map((e) => e.state);
  const state: Revocation['state'] = states.includes('revoked')
    ? 'revoked'
    : states.includes('suspended')
      ? 'suspended'
      : states.includes('unknown')
        ? 'unknown'
        : states.includes('not-checked')
          ? 'not-checked'
          : 'valid';
  return { state, entries };
}

// --- SD-JWT VC ---

const pointerText = (claims: Record<string, unknown>, pointer: string): string => {
  let at: unknown = claims;
  for (const key of pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))) at = isObject(at) || Array.isArray(at) ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' ? at : JSON.stringify(at) ?? '';
};

function disclosureOf(v: Verification): Disclosure {
  const claims = v.claims ?? {};
  const disclosed = v.disclosed ?? [];
  const top = new Set(disclosed.map((p) => p.split('/')[1]));
  return {
    disclosed: disclosed.map((pointer) => ({ pointer, value: pointerText(claims, pointer) })),
    // Digests without a disclosure may hide any rulebook claim not shown (or be decoys); none means nothing was withheld.
    undisclosed: (v.undisclosed ?? 0) > 0 ? RULEBOOK_CLAIMS.filter((c) => c.sd !== 'never' && !Object.hasOwn(claims, c.name)).map((c) => c.name) : [],
    hiddenDigests: v.undisclosed ?? 0,
    alwaysVisible: Object.keys(claims).filter((k) => !top.has(k)),
  };
}

/** An SD-JWT VC whose disclosed claims do not make a whole micro-credential: the claims in the rows of their elements (the rulebook's). */
function fillFromClaims(rows: InspectReport['elements'], claims: Record<string, unknown>): void {
  for (const claim of RULEBOOK_CLAIMS) {
    if (claim.element === null || !Object.hasOwn(claims, claim.name)) continue;
    const row = rows.find((r) => r.id === claim.element);
    if (!row) continue;
    const value = claims[claim.name];
    row.lines.push(`${claim.label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    row.present = true;
  }
}
