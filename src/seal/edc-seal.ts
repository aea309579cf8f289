/**
 * Verification of credentials sealed by the EU's European Digital Credentials (EDC)
 * infrastructure: a JAdES signature (ETSI TS 119 182-1) in JWS JSON serialization (RFC 7515)
 * with an unencoded payload (RFC 7797), RS/PS/ES with the sealer's certificate in `x5c`.
 *
 * Integrity (the signature over the protected header and the payload) is always checked; trust
 * (a certification path from the sealer's certificate to an anchor the caller names) only when
 * the caller passes `trustAnchors`. Without anchors the seal is not `verified`, unless the caller
 * asks for an integrity-only answer (`integrityOnly: true`), and the result's `assurance` says
 * which answer it is. The envelope must hold the JWS members and nothing else: what a reader of the
 * document sees is what was sealed. The JAdES validation data (the unsigned `etsiU` header and
 * the `adoTst` time-stamp) is verified with the certificates the seal carries, so that a change to
 * it shows although the JWS signature does not cover it. The cryptography is WebCrypto's
 * (`globalThis.crypto.subtle`), so this runs in Node ≥ 20, browsers, Deno and Bun.
 * @module
 */
import { base64UrlToBytes, hasLoneSurrogate, utf8Decode } from '../json/encoding.js';
import { EDC_SEAL_CODES, type EdcSealCode, type EdcSealIssue } from './codes.js';
import { MAX_OPTION_CERTIFICATES, MAX_PROBLEMS_LISTED, pointerOf, type Context, type Path } from './context.js';
import { isJsonObject, readJws, type ExtraMember } from './jws.js';
import type { EdcSealSignature, EdcSealVerification, VerifyEdcSealOptions } from './result.js';
import { checkSignature } from './signature.js';
import { certificateBytesFrom, tryParseCertificate, type Certificate } from './x509.js';

export { EDC_SEAL_CODES } from './codes.js';
export type { EdcSealCode, EdcSealIssue, EdcSealSeverity } from './codes.js';
export type { EdcSealCertificate, EdcSealSignature, EdcSealVerification, VerifyEdcSealOptions } from './result.js';
export type { NameAttribute } from './x509.js';

function checkOptions(options: unknown): { anchors: unknown[] | undefined; intermediates: unknown[]; now: Date | undefined; integrityOnly: boolean } {
  if (options === undefined) return { anchors: undefined, intermediates: [], now: undefined, integrityOnly: false };
  // Misuse of the API is an exception (STYLE.md "Errors and results"); bad data never is.
  if (!isJsonObject(options)) throw new TypeError('verifyEdcSeal: `options` must be an object.');
  const anchors = options.trustAnchors;
  const intermediates = options.intermediates;
  const now = options.now;
  if (anchors !== undefined && !Array.isArray(anchors)) throw new TypeError('verifyEdcSeal: `options.trustAnchors` must be an array of certificates.');
  if (intermediates !== undefined && !Array.isArray(intermediates)) throw new TypeError('verifyEdcSeal: `options.intermediates` must be an array of certificates.');
  if (now !== undefined && !(now instanceof Date && Number.isFinite(now.getTime()))) throw new TypeError('verifyEdcSeal: `options.now` must be a valid Date.');
  const integrityOnly = options.integrityOnly;
  if (integrityOnly !== undefined && typeof integrityOnly !== 'boolean') throw new TypeError('verifyEdcSeal: `options.integrityOnly` must be true or false.');
  // Both at once is a contradiction, not a preference: one call gives one kind of answer.
  if (integrityOnly === true && anchors !== undefined) throw new TypeError('verifyEdcSeal: `options.integrityOnly` asks not to check trust, `options.trustAnchors` asks to check it; pass one of them.');
  return { anchors: anchors === undefined ? undefined : [...(anchors as unknown[])], intermediates: [...((intermediates as unknown[] | undefined) ?? [])], now, integrityOnly: integrityOnly === true };
}

/**
 * Verifies an EDC-sealed credential: the JAdES/JWS document EDC produces (its parsed JSON, its
 * JSON text, or its UTF-8 bytes; the flattened and compact serializations are read too).
 *
 * Never rejects because of the document: everything wrong with it is an issue. Rejects with a
 * `TypeError` only when `options` has the wrong shape (or sets both `trustAnchors` and `integrityOnly`).
 *
 * - envelope: the document holds the JWS JSON members and nothing else (general: `payload`,
 *   `signatures`; flattened: `payload`, `protected`, `header`, `signature`; each `signatures[i]`:
 *   `protected`, `header`, `signature`). A forged credential spread beside an intact seal is an
 *   `EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN` error, and `credential` is always the signed payload.
 * - `integrity`: every signature verifies over its protected header and the payload with the
 *   public key of the signer certificate (`x5c[0]`), whose digest must match `x5t#S256` when present.
 * - `trusted` (only with `options.trustAnchors`): the signer certificate chains to an anchor, each
 *   link's signature checks, and every certificate is valid at `options.now ?? signingTime ?? now`.
 * - validation data: every certificate, CRL, OCSP response and time-stamp token in `etsiU` (and
 *   `adoTst`) verifies with its issuer's key when the seal or the options hold it, and every
 *   time-stamp's message imprint matches what it covers (an error otherwise; an info when it
 *   cannot be checked).
 * - `verified`: no `error` issue, i.e. a strict envelope, integrity, intact validation data, and
 *   trust. Without `trustAnchors` a seal proves integrity only, so it is not `verified`
 *   (`EDC_SEAL_TRUST_NOT_CHECKED` is an error) unless `options.integrityOnly` is true.
 * - `assurance`: `'trusted'`, `'integrity-only'` or `'none'`: what a `verified` answer means.
 *
 * @example
 * import { readFile } from 'node:fs/promises';
 * import { verifyEdcSeal } from 'eu-micro-credentials/edc-seal';
 *
 * const sealed = JSON.parse(await readFile('credential.jsonld', 'utf8'));
 * const result = await verifyEdcSeal(sealed, { trustAnchors: [await readFile('eseal-ca.pem', 'utf8')] });
 * if (result.verified) console.log('Sealed by', result.signer?.subject, 'at', result.signingTime, result.credential); // result.assurance === 'trusted'
 * else for (const issue of result.issues) console.log(issue.severity, issue.code, issue.message);
 *
 * // Only whether the file is intact (the signer may be anyone): say so, and show it as such.
 * const intact = await verifyEdcSeal(sealed, { integrityOnly: true });
 * if (intact.verified) console.log('intact (integrity only, signer not checked)'); // intact.assurance === 'integrity-only'
 */
export async function verifyEdcSeal(doc: unknown, options?: VerifyEdcSealOptions): Promise<EdcSealVerification> {
  const opts = checkOptions(options);
  const issues: EdcSealIssue[] = [];
  try {
    return await verify(doc, opts, issues);
  } catch (e) {
    // A safety net: nothing above is expected to throw, and a seal that could not be checked is not verified.
    issues.push({
      code: 'EDC_SEAL_INTERNAL_ERROR',
      severity: 'error',
      path: '',
      message: `The verifier failed unexpectedly (${e instanceof Error ? e.name : typeof e}); the seal is not considered verified.`,
    });
    return { verified: false, assurance: 'none', integrity: false, signatures: [], issues };
  }
}

function parseOptionCertificates(list: readonly unknown[], name: string, add: Context['add']): Certificate[] {
  const out: Certificate[] = [];
  list.slice(0, MAX_OPTION_CERTIFICATES).forEach((item, i) => {
    const blobs = typeof item === 'string' || item instanceof Uint8Array ? certificateBytesFrom(item) : undefined;
    if (blobs === undefined) {
      add('EDC_SEAL_TRUST_ANCHOR_INVALID', [], `\`options.${name}[${i}]\` is neither PEM, base64 nor DER bytes of a certificate; it was skipped.`);
      return;
    }
    for (const der of blobs) {
      const parsed = tryParseCertificate(der);
      if (parsed.ok) out.push(parsed.certificate);
      else add('EDC_SEAL_TRUST_ANCHOR_INVALID', [], `\`options.${name}[${i}]\` is not a readable certificate (${parsed.reason}); it was skipped.`);
    }
  });
  if (list.length > MAX_OPTION_CERTIFICATES) add('EDC_SEAL_LIMIT_EXCEEDED', [], `Only the first ${MAX_OPTION_CERTIFICATES} certificates of \`options.${name}\` were read.`);
  return out;
}


/** The payload's problem for a signature's `b64`, each reported once for the document. */
function payloadChecker(payload: unknown, add: Context['add']): Context['payloadProblem'] {
  if (typeof payload !== 'string') {
    add('EDC_SEAL_PAYLOAD_INVALID', ['payload'], payload === undefined
      ? 'The JWS has no `payload`: detached payloads are not supported, and an EDC seal carries the credential in `payload`.'
      : '`payload` must be a string.');
  }
  const reported = new Set<string>();
  return (b64) => {
    if (typeof payload !== 'string') return 'missing';
    let problem: string | undefined;
    // RFC 7797 §5.2: with b64 false the payload is used as it is; a string with a lone surrogate has no UTF-8 form.
    if (!b64 && hasLoneSurrogate(payload)) problem = 'The payload contains an unpaired UTF-16 surrogate, which has no UTF-8 form: it cannot be what was signed.';
    // RFC 7515 §7.2.1: otherwise the payload member is BASE64URL(JWS Payload).
    if (b64 && base64UrlToBytes(payload) === undefined) problem = 'The header says the payload is base64url (`b64` absent or true), but it is not canonical base64url.';
    if (problem !== undefined && !reported.has(problem)) {
      reported.add(problem);
      add('EDC_SEAL_PAYLOAD_INVALID', ['payload'], problem);
    }
    return problem;
  };
}

/** The sealed payload as a JSON object, or `undefined` (reported) when it is not one. */
function credentialOf(payload: string, b64: boolean, add: Context['add']): { credential?: unknown } {
  const bytes = b64 ? base64UrlToBytes(payload) : undefined;
  const text = b64 ? (bytes === undefined ? undefined : utf8Decode(bytes)) : payload;
  let parsed: unknown;
  let ok = false;
  try {
    if (text !== undefined) {
      parsed = JSON.parse(text);
      ok = true;
    }
  } catch {
    ok = false;
  }
  if (ok && isJsonObject(parsed)) return { credential: parsed };
  add('EDC_SEAL_PAYLOAD_NOT_JSON', ['payload'], ok ? 'The sealed payload is JSON but not an object, so it is not a credential.' : 'The sealed payload is intact but is not JSON text (UTF-8), so it is not a credential.');
  return {};
}

/** Reads the document as a JWS; `undefined` (reported) when it is none. */
function readDocument(doc: unknown, add: Context['add']): Extract<ReturnType<typeof readJws>, { signatures: unknown }> | undefined {
  let jws: ReturnType<typeof readJws>;
  try {
    jws = readJws(doc);
  } catch {
    add('EDC_SEAL_INPUT_UNREADABLE', [], 'Reading the document threw (a getter, a proxy or a cycle); nothing was checked.');
    return undefined;
  }
  if ('unreadable' in jws) add('EDC_SEAL_INPUT_UNREADABLE', [], jws.unreadable);
  else if ('notJws' in jws) add('EDC_SEAL_NOT_JWS', [], jws.notJws);
  else return jws;
  return undefined;
}

/** Checks every signature; the `b64` they agree on (RFC 7797 §3). */
async function checkSignatures(jws: NonNullable<ReturnType<typeof readDocument>>, ctx: Context): Promise<{ results: EdcSealSignature[]; b64: boolean }> {
  const results: EdcSealSignature[] = [];
  const b64Values: boolean[] = [];
  const extra = (members: readonly ExtraMember[], base: Path, add: (code: EdcSealCode, path: Path, message: string) => void) =>
    reportExtraMembers(members, base, 'EDC_SEAL_UNKNOWN_MEMBER', '`protected`, `header` and `signature` (RFC 7515 §7.2.1)', add);
  for (let i = 0; i < jws.signatures.length; i++) {
    const { result, b64 } = await checkSignature(jws.signatures[i]!, i, ctx, extra);
    results.push(result);
    if (b64 === undefined) continue;
    // RFC 7797 §3: with several signatures, `b64` must be the same for all of them.
    if (b64Values.length > 0 && b64Values[0] !== b64) {
      ctx.add('EDC_SEAL_HEADER_INVALID', [...jws.signatures[i]!.path, 'protected'], 'Signatures disagree on `b64`; it must be the same for all of them (RFC 7797 §3).', { signature: i });
    }
    b64Values.push(b64);
  }
  return { results, b64: b64Values[0] ?? true };
}

async function verify(doc: unknown, opts: ReturnType<typeof checkOptions>, issues: EdcSealIssue[]): Promise<EdcSealVerification> {
  const add: Context['add'] = (code, path, message, extra) => {
    issues.push({
      code,
      severity: extra?.severity ?? EDC_SEAL_CODES[code].severity,
      path: pointerOf(path),
      ...(extra?.signature !== undefined ? { signature: extra.signature } : {}),
      message,
    });
  };
  const jws = readDocument(doc, add);
  if (jws === undefined) return { verified: false, assurance: 'none', integrity: false, signatures: [], issues };
  reportExtraMembers(jws.extraMembers, [], 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', jws.form === 'general' ? '`payload` and `signatures` (RFC 7515 §7.2.1)' : '`payload`, `protected`, `header` and `signature` (RFC 7515 §7.2.2)', add);
  if (jws.skipped > 0) add('EDC_SEAL_LIMIT_EXCEEDED', ['signatures'], `The document has ${jws.signatures.length + jws.skipped} signatures; only the first ${jws.signatures.length} were checked.`);
  const payload = jws.payload;
  const payloadProblem = payloadChecker(payload, add);
  const anchors = opts.anchors === undefined ? undefined : parseOptionCertificates(opts.anchors, 'trustAnchors', add);
  const intermediates = parseOptionCertificates(opts.intermediates, 'intermediates', add);
  const { results, b64 } = await checkSignatures(jws, { anchors, intermediates, now: opts.now, payload, add, payloadProblem });
  if (anchors === undefined) {
    if (opts.integrityOnly) {
      add('EDC_SEAL_TRUST_NOT_CHECKED', [], 'Integrity only, as asked (`integrityOnly`): the seal was checked for changes, but nothing says who the signer certificate belongs to; anyone can seal with a certificate of their own making. Pass `trustAnchors` (e.g. the issuing CA of the EDC eSeal certificates) to check the chain.', { severity: 'warning' });
    } else {
      add('EDC_SEAL_TRUST_NOT_CHECKED', [], 'No trust anchors were given, so the seal is not verified: integrity alone proves nothing about the sealer, since anyone can seal with a certificate of their own making. Pass `trustAnchors` (e.g. the issuing CA of the EDC eSeal certificates) to check the chain, or `integrityOnly: true` to accept an integrity-only answer.');
    }
  }
  const integrity = results.length > 0 && results.every((r) => r.integrity);
  const read = integrity && typeof payload === 'string' ? credentialOf(payload, b64, add) : {};
  const first = results[0];
  const trusted = anchors === undefined ? undefined : results.length > 0 && results.every((r) => r.trusted === true);
  // Equivalent by construction (every failure adds an error); spelled out so that no path can forget one.
  const verified = integrity && (trusted === true || (anchors === undefined && opts.integrityOnly)) && !issues.some((i) => i.severity === 'error');
  return {
    verified,
    assurance: !verified ? 'none' : trusted === true ? 'trusted' : 'integrity-only',
    integrity,
    ...(trusted === undefined ? {} : { trusted }),
    ...(first?.signer ? { signer: first.signer } : {}),
    ...(first?.signingTime !== undefined ? { signingTime: first.signingTime } : {}),
    ...('credential' in read ? { credential: read.credential } : {}),
    signatures: results,
    issues,
  };
}

/**
 * Reports members a JWS object may not have (RFC 7515 §7.2.1 would have them ignored; a reader of
 * the document would not ignore them: a forged `credentialSubject` beside an intact seal).
 */
function reportExtraMembers(members: readonly ExtraMember[], base: Path, code: 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN' | 'EDC_SEAL_UNKNOWN_MEMBER', allowed: string, add: (code: EdcSealCode, path: Path, message: string) => void): void {
  const what = base.length === 0 ? 'The envelope' : 'The signature object';
  for (const m of members.slice(0, MAX_PROBLEMS_LISTED)) {
    const name = JSON.stringify(m.name.slice(0, 40));
    add(code, [...base, m.name], m.inherited
      ? `${what} inherits a member ${name} through its prototype. Only ${allowed} are allowed, as the document's own members: anything else is not what was sealed.`
      : `${what} has a member ${name}, which is not one of ${allowed}. It is not covered by the seal, and a reader of the document would see it as if it were: remove it.`);
  }
  if (members.length > MAX_PROBLEMS_LISTED) add(code, base, `${members.length - MAX_PROBLEMS_LISTED} more members that are not allowed are not listed.`);
}

