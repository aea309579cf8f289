/**
 * Verifying what a file carries, through the library's verifiers, with every piece of trust the
 * user loaded: W3C proofs (`verifyCredential`: controllers, status lists), EDC seals
 * (`verifyEdcSeal`: trust anchors; without one, integrity only, which is never `genuine`), and
 * SD-JWT VCs (`verifySdJwtVc`: issuer keys, trust anchors for `x5c`, status lists). Each verifier's
 * findings are sorted into what decides the verdict (integrity, the signer), the validity period,
 * the status, and the rest; a finding this file does not know stops `genuine` and is shown.
 */
import type { EdcSealVerification } from 'eu-micro-credentials/edc-seal';
import type { StatusCheck } from 'eu-micro-credentials/status';
import type { PageIssue, Reason, Signer, Trust, Verdict, VerdictState } from './types.js';
import { base64UrlJson, isObject } from './json.js';

// The verifiers' entry points, loaded on first use by each kind (in the page's one bundle they are already there).
const vcEntry = () => import('eu-micro-credentials/vc');
const sealEntry = () => import('eu-micro-credentials/edc-seal');
const sdJwtEntry = () => import('eu-micro-credentials/sd-jwt-vc');
const ob3Entry = () => import('eu-micro-credentials/ob3');

/** What the verification of one document found. */
export interface Verification {
  verdict: Verdict;
  /** The verified document (a signed credential, the sealed payload, a VC-JWT's credential): what its content is read from. */
  credential?: unknown;
  /** Where `credential` is in the file, after the page's prefix: `/vc` in a VC 1.1-style JWT's payload. */
  credentialAt?: string;
  /** A VC-JWT's `nbf` and `exp`: its validity period where its credential states none of its own. */
  period?: { from?: string; until?: string };
  /** SD-JWT VC: the claims with the presented disclosures in place. */
  claims?: Record<string, unknown>;
  /** SD-JWT VC: JSON Pointers of the claims that came from disclosures, and digests without one. */
  disclosed?: string[];
  undisclosed?: number;
  /** What the status lists say, when the credential has entries and they were checked. */
  status: StatusCheck[];
  /** Status findings (STATUS_ codes). */
  statusIssues: PageIssue[];
  /** Validity findings (expired, not yet valid). */
  validityIssues: PageIssue[];
  /** Every finding of the verifiers, as page issues. */
  issues: PageIssue[];
}

type Finding = { code: string; severity: string; path: string; message: string };
type Class = 'integrity' | 'signer' | 'validity' | 'status' | 'note' | 'content';

const VC_CLASSES: Record<string, Class> = {
  VC_SIGNATURE_INVALID: 'integrity',
  VC_PROOF_MALFORMED: 'integrity',
  VC_PROOF_MISSING: 'integrity',
  VC_JSON_NOT_CANONICAL: 'integrity',
  VC_CONTENT_AMBIGUOUS: 'integrity',
  VC_UNDEFINED_TERM: 'integrity',
  VC_ISSUER_KEY_MISMATCH: 'integrity',
  VC_KEY_NOT_AUTHORIZED: 'integrity',
  VC_CREDENTIAL_MALFORMED: 'integrity',
  VC_VERIFICATION_FAILED: 'integrity',
  VC_CONTEXT_NOT_ALLOWED: 'integrity',
  VC_CONTROLLER_UNKNOWN: 'signer',
  VC_UNTRUSTED_ISSUER: 'signer',
  VC_CONTEXT_NOT_BUNDLED: 'signer',
  VC_PROOF_UNSUPPORTED: 'signer',
  VC_EXPIRED: 'validity',
  VC_NOT_YET_VALID: 'validity',
  VC_CONTENT_INVALID: 'content',
};

const SEAL_CLASSES: Record<string, Class> = {
  EDC_SEAL_TRUST_NOT_CHECKED: 'signer',
  EDC_SEAL_UNTRUSTED: 'signer',
  EDC_SEAL_CHAIN_INVALID: 'signer',
  EDC_SEAL_TRUST_ANCHOR_INVALID: 'note',
  EDC_SEAL_CERTIFICATE_EXPIRED: 'signer',
  EDC_SEAL_CERTIFICATE_NOT_YET_VALID: 'signer',
  EDC_SEAL_KEY_USAGE: 'signer',
  EDC_SEAL_TIMESTAMP_NOT_CHECKED: 'note',
  EDC_SEAL_CLAIMED_TIME_USED: 'note',
  EDC_SEAL_UNSIGNED_DATA_UNVERIFIED: 'note',
};

const SDJWT_CLASSES: Record<string, Class> = {
  SDJWT_ISSUER_KEY_UNKNOWN: 'signer',
  SDJWT_CERTIFICATE_INVALID: 'signer',
  SDJWT_EXPIRED: 'validity',
  SDJWT_NOT_YET_VALID: 'validity',
  SDJWT_ISSUED_IN_FUTURE: 'validity',
  SDJWT_KB_MISSING: 'note',
  SDJWT_KB_REPLAY_UNCHECKED: 'note',
  SDJWT_KB_TIME_INVALID: 'note',
  SDJWT_VCT_MISMATCH: 'content',
  SDJWT_TYP_INVALID: 'content',
  SDJWT_CLAIM_UNKNOWN: 'content',
};

/** Plain words for what a finding means to a person reading the verdict. */
const WORDS: Record<string, string> = {
  VC_SIGNATURE_INVALID: 'The credential was changed after it was signed: its signature no longer matches its content.',
  VC_PROOF_MALFORMED: 'The credential\'s signature (its proof) is malformed: it cannot be checked, so nothing says the content is what was signed.',
  VC_JSON_NOT_CANONICAL: 'The file says something other than what was signed: a member is spelled in a way the signature does not cover.',
  VC_CONTENT_AMBIGUOUS: 'The file says something other than what was signed: part of it can be read in more than one way.',
  VC_UNDEFINED_TERM: 'The credential has data its signature does not cover (terms its contexts do not define).',
  VC_ISSUER_KEY_MISMATCH: 'The credential was signed with a key that does not belong to its issuer.',
  VC_KEY_NOT_AUTHORIZED: 'The key that signed the credential is not one its issuer lists for signing credentials.',
  VC_CONTROLLER_UNKNOWN: 'The issuer\'s DID document is not loaded, so the signature could not be checked: load the issuer\'s DID document (did.json) to check it.',
  VC_CONTEXT_NOT_BUNDLED: 'The credential uses a JSON-LD context this page does not carry, so its signature could not be checked.',
  VC_PROOF_UNSUPPORTED: 'The credential is signed with a kind of proof this page does not verify.',
  VC_EXPIRED: 'The credential\'s validity period has ended.',
  VC_NOT_YET_VALID: 'The credential is not valid yet: its validity period starts later.',
  EDC_SEAL_SIGNATURE_INVALID: 'The credential was changed after it was sealed: the seal no longer matches its content.',
  EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN: 'The file holds data beside the sealed credential that the seal does not cover: it is refused, so that nothing unsealed is shown as sealed.',
  EDC_SEAL_UNKNOWN_MEMBER: 'The seal has members this page does not know: it is refused.',
  EDC_SEAL_TRUST_NOT_CHECKED: 'The seal is intact, but no trust anchor is loaded, so nothing says who sealed it (anyone can seal with a certificate of their own making): load the trust anchor (a certificate) of the sealing organisation\'s certificate authority.',
  EDC_SEAL_UNTRUSTED: 'The seal\'s certificate does not chain to a trust anchor you loaded.',
  // EDC_SEAL_CERTIFICATE_EXPIRED / _NOT_YET_VALID: worded from the certificate's dates (certificateTimeWords), or the library's words for a certificate above the signer's.
  EDC_SEAL_THUMBPRINT_MISMATCH: 'The seal names a certificate other than the one it carries.',
  SDJWT_SIGNATURE_INVALID: 'The SD-JWT VC was changed after it was signed: its signature no longer matches its content.',
  SDJWT_ISSUER_KEY_UNKNOWN: 'No issuer key is loaded for this SD-JWT VC, so its signature could not be checked: load the issuer\'s public key (JWK) or the trust anchor of its certificate.',
  SDJWT_CERTIFICATE_INVALID: 'The SD-JWT VC\'s certificate does not chain to a trust anchor you loaded.',
  SDJWT_ISSUER_MISMATCH: 'The key that signed the SD-JWT VC belongs to another issuer than the one it names.',
  SDJWT_DISCLOSURE_MALFORMED: 'A disclosed claim of the SD-JWT VC is malformed.',
  SDJWT_DISCLOSURE_UNREFERENCED: 'The SD-JWT VC carries a claim its issuer did not sign.',
  SDJWT_KB_MISSING: 'The credential is bound to its holder\'s key, but this file has no key-binding proof from the holder: anyone with a copy could show it.',
  SDJWT_KB_SIGNATURE_INVALID: 'The holder\'s key-binding proof does not match: the presentation was changed.',
  SDJWT_KB_SD_HASH_MISMATCH: 'The holder\'s key-binding proof covers another presentation: claims were added or removed after the holder signed.',
  SDJWT_KB_REPLAY_UNCHECKED: 'The holder\'s key-binding proof is intact, but the page cannot tell whom the holder presented it to (its audience and nonce are not compared with anything): a presentation made for someone else reads the same.',
  SDJWT_EXPIRED: 'The SD-JWT VC has expired.',
  SDJWT_NOT_YET_VALID: 'The SD-JWT VC is not valid yet.',
  STATUS_REVOKED: 'The issuer has revoked this credential.',
  STATUS_SUSPENDED: 'The issuer has suspended this credential.',
  STATUS_NOT_CHECKED: 'The credential has a revocation status, which was not checked: load the issuer\'s status list to check it.',
  STATUS_UNKNOWN: 'The credential\'s status could not be established from the status list loaded.',
};

/** Said whenever a signature was not checked at all but the content is shown: nothing stands behind it. */
const UNCHECKED: Reason = { code: 'EUMC_CONTENT_UNCHECKED', text: 'Its signature was not checked, so nothing says the content shown is what was signed: it is shown as the file reads, and may have been changed.' };

export const wordsFor = (f: Finding): string => WORDS[f.code] ?? f.message;

const toIssue = (f: Finding, source: PageIssue['source'], prefix = ''): PageIssue => ({
  code: f.code,
  severity: f.severity === 'error' || f.severity === 'warning' ? f.severity : 'info',
  path: prefix + f.path,
  element: (f as { element?: PageIssue['element'] }).element ?? null,
  message: f.message,
  source: f.code.startsWith('STATUS_') ? 'status' : source,
});

/** Sorts findings into a verdict: any integrity error (or an error of a kind not known) is `not-genuine`; a signer not established is `unconfirmed`. */
function judge(findings: readonly Finding[], classes: Record<string, Class>, source: PageIssue['source'], prefix = ''): { state: 'ok' | 'unconfirmed' | 'not-genuine'; reasons: Reason[]; statusIssues: PageIssue[]; validityIssues: PageIssue[]; issues: PageIssue[] } {
  let integrity = false;
  let signer = false;
  const reasons: Reason[] = [];
  const statusIssues: PageIssue[] = [];
  const validityIssues: PageIssue[] = [];
  const issues: PageIssue[] = [];
  for (const f of findings) {
    const cls: Class = f.code.startsWith('STATUS_') ? 'status' : (classes[f.code] ?? (f.severity === 'error' ? 'integrity' : 'note'));
    const issue = toIssue(f, source, prefix);
    issues.push(issue);
    if (cls === 'status') statusIssues.push(issue);
    if (cls === 'validity') validityIssues.push(issue);
    if (cls === 'content') continue;
    if (cls === 'integrity' && f.severity === 'error') integrity = true;
    if (cls === 'signer' && f.severity === 'error') signer = true;
    if (f.severity === 'error' || f.severity === 'warning' || cls === 'signer') reasons.push({ code: f.code, text: wordsFor(f), ...(f.path ? { path: prefix + f.path } : {}), ...(cls === 'signer' ? { signer: true } : {}) } as Reason);
  }
  // Content changed after signing: who signed it is beside the point, and words about the signer
  // ("the seal is intact, but…") would contradict the verdict. Only the reasons it failed stay.
  const kept = (integrity ? reasons.filter((r) => !(r as { signer?: boolean }).signer) : reasons).map(({ signer: _s, ...r }: Reason & { signer?: boolean }) => r);
  return { state: integrity ? 'not-genuine' : signer ? 'unconfirmed' : 'ok', reasons: kept, statusIssues, validityIssues, issues };
}

/** Status lists as the verifiers take them: list credentials parsed, tokens as text. */
function statusListsOf(trust: Trust): unknown[] {
  return trust.statusLists.map((l) => {
    try {
      return l.text.trim().startsWith('{') ? (JSON.parse(l.text) as unknown) : l.text.trim();
    } catch {
      return l.text;
    }
  });
}

const empty = (state: VerdictState, mechanism: Verdict['mechanism'], reasons: Reason[] = []): Verification => ({ verdict: { state, mechanism, reasons }, status: [], statusIssues: [], validityIssues: [], issues: [] });

/** Said instead of VC_CONTROLLER_UNKNOWN's words when the signature held with a key the VC-JWT itself carries. */
const OWN_KEY: Reason = { code: 'VC_CONTROLLER_UNKNOWN', text: 'The signature is intact, but it was made with a key the file itself carries, which nothing ties to the issuer: anyone can sign with a key of their own. Load the issuer\'s DID document (did.json) to check whose key it is.' };

/** A NumericDate as an instant, or undefined. */
const instantOf = (v: unknown): string | undefined => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e11 ? new Date(v * 1000).toISOString() : undefined);

/** A VC-JWT's credential (what its content is read from, once verified), where it is in the payload, when it was signed (`iat`), and its `nbf`/`exp`. */
async function jwtCredential(text: string): Promise<{ credential?: unknown; at: string; signedAt?: string; period: { from?: string; until?: string } }> {
  const { unwrapBadge } = await ob3Entry();
  const read = unwrapBadge(text);
  const claims = base64UrlJson(text.trim().split('.')[1] ?? '');
  const claim = (name: string) => (isObject(claims) ? instantOf(claims[name]) : undefined);
  const [signedAt, from, until] = [claim('iat'), claim('nbf'), claim('exp')];
  return { ...(read.doc ? { credential: read.doc } : {}), at: read.prefix, ...(signedAt ? { signedAt } : {}), period: { ...(from ? { from } : {}), ...(until ? { until } : {}) } };
}

/** Whether two JSON values are the same, whatever the order of their members. */
const sameJson = (a: unknown, b: unknown): boolean => {
  const text = (v: unknown) => JSON.stringify(v, (_, x: unknown) => (isObject(x) ? Object.fromEntries(Object.entries(x).sort(([k], [l]) => (k < l ? -1 : k > l ? 1 : 0))) : x));
  return text(a) === text(b);
};

/** A W3C credential with an embedded proof (ELM or Open Badges 3.0), or secured as a VC-JWT (the compact JWS text). */
export async function verifyProof(doc: unknown, trust: Trust, now: Date, prefix = ''): Promise<Verification> {
  const { verifyCredential } = await vcEntry();
  // The same DID document loaded twice (preloaded and by the user) is one; two that differ are
  // refused; one without an id (only a host's own trust can hold one: readTrustFile refuses it) is set aside.
  const usable = trust.controllers.filter((c) => isObject(c.document) && typeof c.document.id === 'string');
  const controllers = usable.filter((c, i) => usable.findIndex((d) => sameJson(d.document, c.document)) === i);
  const twice = controllers.find((c, i) => controllers.findIndex((d) => d.document.id === c.document.id) !== i);
  if (twice) {
    const names = controllers.filter((c) => c.document.id === twice.document.id).map((c) => c.name).join(', ');
    return refused('unconfirmed', 'proof', { code: 'EUMC_TRUST_CONFLICT', text: `Two different DID documents of ${twice.document.id} are loaded (${names}): which one is the issuer's is unclear, so the signature was not checked. Remove the one you do not trust.` });
  }
  const result = await verifyCredential(doc, { now, controllers: controllers.map((c) => c.document), statusLists: statusListsOf(trust), acceptUncheckedStatus: true });
  const judged = judge(result.issues, VC_CLASSES, 'signature', prefix);
  const signatureOk = result.checks.some((c) => c.check === 'signature' && c.ok);
  if (signatureOk) judged.reasons = judged.reasons.map((r) => (r.code === 'VC_CONTROLLER_UNKNOWN' ? { ...OWN_KEY, ...(r.path !== undefined ? { path: r.path } : {}) } : r));
  const checksOk = ['format', 'signature', 'issuer'].every((name) => result.checks.some((c) => c.check === name && c.ok));
  let state: VerdictState = judged.state === 'not-genuine' ? 'not-genuine' : judged.state === 'unconfirmed' ? 'unconfirmed' : checksOk ? 'genuine' : 'not-genuine';
  if (state === 'not-genuine' && judged.reasons.length === 0) judged.reasons.push({ code: 'EUMC_NOT_VERIFIED', text: 'The credential\'s signature did not verify.' });
  if (usable.length < trust.controllers.length) judged.reasons.push({ code: 'EUMC_TRUST_SET_ASIDE', text: `${trust.controllers.length - usable.length} loaded DID document(s) without an "id" were set aside.` });
  const proof = isObject(doc) ? ([] as unknown[]).concat(doc.proof ?? [])[0] : undefined;
  const jwt = typeof doc === 'string' ? await jwtCredential(doc) : undefined;
  const created = isObject(proof) && typeof proof.created === 'string' ? proof.created : jwt?.signedAt;
  const signer: Signer | undefined = result.issuer !== undefined ? { kind: 'did', id: result.issuer } : undefined;
  if (state === 'genuine' && signer === undefined) state = 'unconfirmed';
  // Anyone can make a DID (a did:key is a key anyone can generate): the signature proves the holder
  // of this DID's key signed, not who that is. Unless the user (or the page's host) loaded this
  // DID's document as trusted, the verdict says so. The state stays genuine: the credential is
  // unchanged and the signer is established as this DID, which the verdict names.
  // The signature not checked at all (no DID document, a context or proof the page does not know): what is shown is as the file reads.
  if (state === 'unconfirmed' && !signatureOk) judged.reasons.push({ ...UNCHECKED });
  if (state === 'genuine' && signer?.kind === 'did' && !trust.controllers.some((c) => c.document.id === signer.id)) {
    judged.reasons.push({ code: 'EUMC_SIGNER_NOT_IDENTIFIED', text: `The page cannot tell who holds the key of ${signer.id}: anyone can make a DID. Compare it with the DID the issuer publishes (or load the issuer's DID document as trusted).` });
  }
  return {
    verdict: { state, mechanism: 'proof', ...(signer ? { signer } : {}), ...(created ? { signedAt: created } : {}), reasons: judged.reasons },
    ...(state !== 'not-genuine' ? (jwt ? { ...(jwt.credential !== undefined ? { credential: jwt.credential } : {}), credentialAt: jwt.at, period: jwt.period } : { credential: doc }) : {}),
    status: result.status ?? [],
    statusIssues: judged.statusIssues,
    validityIssues: judged.validityIssues,
    issues: judged.issues,
  };
}

const certificateSigner = (result: EdcSealVerification, anchor: string | undefined): Signer | undefined => {
  const s = result.signer;
  if (!s) return undefined;
  return { kind: 'certificate', subject: s.subject, issuer: s.issuer, serialNumber: s.serialNumber, notBefore: s.notBefore, notAfter: s.notAfter, ...(anchor ? { anchor } : {}) };
};

const day = (iso: string | undefined): string | undefined => (iso !== undefined && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toISOString().slice(0, 10) : undefined);

/**
 * Exact words for a seal certificate out of its validity period. The page judges the certificate
 * at the time of the check (`now`): the seal's own signing time is only what the seal claims, and
 * the page does not check the time-stamps that could prove it. So whether the certificate was valid
 * when the credential was sealed is said from the dates, as claimed, never assumed.
 */
export function certificateTimeWords(code: string, cert: { notBefore?: string; notAfter?: string } | undefined, signingTime: string | undefined, now: Date): string {
  const from = day(cert?.notBefore);
  const until = day(cert?.notAfter);
  const sealed = day(signingTime);
  const t = (iso: string | undefined) => (iso === undefined ? Number.NaN : Date.parse(iso));
  const claimed = signingTime === undefined ? '' : t(signingTime) >= t(cert?.notBefore) && t(signingTime) <= t(cert?.notAfter)
    ? ` The seal says it was made on ${sealed}, while the certificate was valid, but nothing this page checks proves that time (the seal's time-stamps are not verified here), so the certificate is judged at the time of this check.`
    : ` The seal says it was made on ${sealed}, outside the certificate's validity too.`;
  if (code === 'EDC_SEAL_CERTIFICATE_EXPIRED') return `The seal's certificate expired on ${until ?? 'a date it gives'}, before ${day(now.toISOString())}, the time of this check.${claimed}`;
  return `The seal's certificate is valid only from ${from ?? 'a later date'}, after ${day(now.toISOString())}, the time of this check.${claimed}`;
}

/** The name of the loaded anchor a seal's chain ends at (the chain's last certificate), else its subject. */
function anchorName(result: EdcSealVerification, trust: Trust): string | undefined {
  const chain = result.signatures[0]?.chain ?? [];
  const top = chain[chain.length - 1];
  if (!top) return undefined;
  const body = (text: string) => text.replace(/-----[A-Z ]+-----|\s/g, '');
  return trust.trustAnchors.find((a) => body(a.pem) === body(top.certificate))?.name ?? top.subject;
}

/** An EDC-sealed envelope: the seal, then the sealed payload's own proof when it has one. */
export async function verifySeal(doc: unknown, trust: Trust, now: Date): Promise<Verification> {
  const { verifyEdcSeal } = await sealEntry();
  const anchors = trust.trustAnchors.map((a) => a.pem);
  const result = await verifyEdcSeal(doc, anchors.length > 0 ? { trustAnchors: anchors, now } : { integrityOnly: true, now });
  const findings: Finding[] = result.issues.filter((i) => anchors.length > 0 || i.code !== 'EDC_SEAL_TRUST_NOT_CHECKED');
  // Without anchors the seal is at best intact: say who is not established, as an error of the signer (only when it is intact: never beside "it was changed").
  if (anchors.length === 0 && result.integrity) findings.push({ code: 'EDC_SEAL_TRUST_NOT_CHECKED', severity: 'error', path: '', message: 'No trust anchor is loaded: the seal\'s signer is not checked.' });
  const judged = judge(findings, SEAL_CLASSES, 'signature');
  for (const r of judged.reasons) if ((r.code === 'EDC_SEAL_CERTIFICATE_EXPIRED' || r.code === 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID') && /\/x5c\/0$/.test(r.path ?? '')) r.text = certificateTimeWords(r.code, result.signer, result.signingTime, now);
  let state: VerdictState;
  if (!result.integrity || judged.state === 'not-genuine') state = 'not-genuine';
  else if (judged.state === 'unconfirmed' || result.trusted !== true || !result.verified) state = 'unconfirmed';
  else state = 'genuine';
  if (state === 'not-genuine' && judged.reasons.length === 0) judged.reasons.push({ code: 'EUMC_NOT_VERIFIED', text: 'The seal did not verify.' });
  if (state === 'unconfirmed' && judged.reasons.length === 0) judged.reasons.push({ code: 'EDC_SEAL_UNTRUSTED', text: WORDS.EDC_SEAL_UNTRUSTED! });
  const anchor = state === 'genuine' ? anchorName(result, trust) : undefined;
  const signer = certificateSigner(result, anchor);
  const out: Verification = {
    verdict: { state, mechanism: 'seal', ...(signer ? { signer } : {}), ...(result.signingTime ? { signedAt: result.signingTime } : {}), reasons: judged.reasons },
    status: [],
    statusIssues: judged.statusIssues,
    validityIssues: judged.validityIssues,
    issues: judged.issues,
  };
  if (state === 'not-genuine' || result.credential === undefined) return out;
  out.credential = result.credential;
  // A sealed credential that is also signed: its own proof must verify too.
  if (isObject(result.credential) && result.credential.proof !== undefined) {
    const inner = await verifyProof(result.credential, trust, now, '/payload');
    out.issues.push(...inner.issues);
    out.statusIssues.push(...inner.statusIssues);
    out.validityIssues.push(...inner.validityIssues);
    out.status = inner.status;
    // The seal is intact over the payload: its content is what was sealed, even where its own proof could not be checked.
    out.verdict.reasons.push(...inner.verdict.reasons.filter((r) => r.code !== 'EUMC_CONTENT_UNCHECKED'));
    if (inner.verdict.state === 'not-genuine') {
      out.verdict.state = 'not-genuine';
      delete out.credential;
    } else if (inner.verdict.state === 'unconfirmed' && out.verdict.state === 'genuine') out.verdict.state = 'unconfirmed';
  }
  return out;
}

/** An SD-JWT VC: the issuer's signature with the loaded keys or anchors, the disclosures, the key binding. */
export async function verifySdJwt(text: string, trust: Trust, now: Date): Promise<Verification> {
  const { verifySdJwtVc, jwkThumbprint } = await sdJwtEntry();
  const keys = trust.issuerKeys.map((k) => k.jwk);
  const anchors = trust.trustAnchors.map((a) => a.pem);
  const result = await verifySdJwtVc(text, {
    ...(keys.length > 0 ? { issuerKeys: keys as never } : {}),
    ...(anchors.length > 0 ? { trustAnchors: anchors } : {}),
    statusLists: statusListsOf(trust),
    acceptUncheckedStatus: true,
    now,
  });
  const judged = judge(result.issues, SDJWT_CLASSES, 'signature');
  let state: VerdictState = judged.state === 'not-genuine' ? 'not-genuine' : judged.state === 'unconfirmed' ? 'unconfirmed' : 'genuine';
  if (state === 'genuine' && result.issuer.by === undefined) state = 'unconfirmed';
  if (state === 'not-genuine' && judged.reasons.length === 0) judged.reasons.push({ code: 'EUMC_NOT_VERIFIED', text: 'The SD-JWT VC did not verify.' });
  let signer: Signer | undefined;
  if (result.issuer.by !== undefined && state !== 'not-genuine') {
    const by = result.issuer.by;
    const key = by === 'issuerKeys' ? trust.issuerKeys.find((k) => typeof k.jwk.kid === 'string' && k.jwk.kid === result.issuer.kid) ?? (trust.issuerKeys.length === 1 ? trust.issuerKeys[0] : undefined) : undefined;
    let thumbprint = '';
    try {
      if (key) thumbprint = await jwkThumbprint(key.jwk as never);
    } catch {
      thumbprint = '';
    }
    signer = by === 'x5c' && result.issuer.certificate
      ? { kind: 'certificate', subject: result.issuer.certificate.subject, issuer: '', ...(trust.trustAnchors.length === 1 ? { anchor: trust.trustAnchors[0]!.name } : {}) }
      : { kind: 'key', thumbprint, ...(result.issuer.iss ? { issuer: result.issuer.iss } : {}), by: key ? key.name : by };
  }
  if (state === 'unconfirmed' && result.issuer.by === undefined) judged.reasons.push({ ...UNCHECKED });
  const iat = result.claims?.iat;
  const claimsShown = state !== 'not-genuine';
  return {
    verdict: { state, mechanism: 'sd-jwt', ...(signer ? { signer } : {}), ...(typeof iat === 'number' && Number.isFinite(iat) ? { signedAt: new Date(iat * 1000).toISOString() } : {}), reasons: judged.reasons },
    ...(claimsShown ? { claims: result.claims, disclosed: result.disclosed, undisclosed: result.undisclosed } : {}),
    status: result.status ?? [],
    statusIssues: judged.statusIssues,
    validityIssues: judged.validityIssues,
    issues: judged.issues,
  };
}

export const notSigned = (reason?: Reason): Verification => empty('not-signed', null, reason ? [reason] : []);
export const refused = (state: VerdictState, mechanism: Verdict['mechanism'], reason: Reason): Verification => empty(state, mechanism, [reason]);
