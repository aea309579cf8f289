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
import { validateChain } from './chain.js';
import { DerError } from './der.js';
import { EDC_SEAL_CODES, type EdcSealCode, type EdcSealIssue, type EdcSealSeverity } from './codes.js';
import {
  base64ToBytes,
  base64UrlToBytes,
  bytesEqual,
  bytesToBase64,
  bytesToHex,
  hasLoneSurrogate,
  lenientBase64ToBytes,
  utf8Decode,
  utf8Encode,
  type Bytes,
} from '../json/encoding.js';
import { UNDERSTOOD_CRITICAL, UNVERIFIED_SIGNED_PARAMETERS, readDigest, readEtsiU } from './jades.js';
import { verifyValidationData } from './validation-data.js';
import {
  JWS_ALGORITHMS,
  REGISTERED_JWS_PARAMETERS,
  decodeProtectedHeader,
  isJsonObject,
  isoSeconds,
  own,
  parseRfc3339,
  readJws,
  type ExtraMember,
  type JsonObject,
  type RawSignature,
} from './jws.js';
import type { HashName } from './algorithms.js';
import { importVerifyKey, webCryptoParams } from './keys.js';
import { certificateBytesFrom, parseIssuerSerial, tryParseCertificate, type Certificate, type NameAttribute } from './x509.js';

export { EDC_SEAL_CODES } from './codes.js';
export type { EdcSealCode, EdcSealIssue, EdcSealSeverity } from './codes.js';
export type { NameAttribute } from './x509.js';

/**
 * Options of {@link verifyEdcSeal}. Pass `trustAnchors` (a trusted answer) or `integrityOnly: true`
 * (an answer about integrity alone); with neither, no seal is `verified`.
 *
 * @example
 * const options: VerifyEdcSealOptions = {
 *   trustAnchors: [await readFile('eseal-root-ca.pem', 'utf8')], // e.g. from the EU trusted lists
 *   intermediates: [await readFile('eseal-issuing-ca.pem', 'utf8')],
 *   now: new Date('2025-01-01T00:00:00Z'),
 * };
 * const result = await verifyEdcSeal(sealed, options); // result.assurance: 'trusted' when verified
 *
 * // Is the file intact, whoever sealed it? Ask for exactly that:
 * const intact = await verifyEdcSeal(sealed, { integrityOnly: true }); // intact.assurance: 'integrity-only' when verified
 */
export interface VerifyEdcSealOptions {
  /**
   * Certificates you trust as the top of the sealer's chain: PEM text (one or more blocks), bare
   * base64 DER, or DER bytes. When given, the seal is `verified` only if its certificate chains to
   * one of them; an empty list trusts nothing. When absent, trust is not checked, and the seal is
   * not `verified` unless `integrityOnly` is true.
   */
  readonly trustAnchors?: readonly (string | Uint8Array)[];
  /**
   * `true`: the caller asks whether the seal is intact and accepts that nobody checked who made it
   * (anyone can seal with a certificate of their own making). `verified` then means integrity only,
   * `assurance` is `'integrity-only'`, and `EDC_SEAL_TRUST_NOT_CHECKED` is a warning instead of an
   * error. Together with `trustAnchors` it is a `TypeError`: the two ask opposite questions.
   * Default `false`.
   */
  readonly integrityOnly?: boolean;
  /** Extra intermediate CA certificates for building the chain (same forms). Never trusted by themselves. */
  readonly intermediates?: readonly (string | Uint8Array)[];
  /**
   * The instant at which certificate validity is checked. Default: the signing time the seal
   * claims (`sigT`, or `iat`), else the current time.
   */
  readonly now?: Date;
}

/**
 * A certificate as the result shows it.
 *
 * @example
 * const { signer } = await verifyEdcSeal(sealed);
 * const certificate: EdcSealCertificate | undefined = signer;
 * certificate?.subject; // 'L=BARCELONA, ST=BARCELONA, organizationIdentifier=VATES-A00000000, …, CN=TEST SEAL, serialNumber=A00000000, C=ES'
 * certificate?.notAfter; // '2025-05-10T14:31:15Z'
 */
export interface EdcSealCertificate {
  /** Distinguished name for reading: `CN=TEST SEAL, O=ORGANIZACION TEST, C=ES` (RFC 4514 order and escaping, `, ` between RDNs). */
  readonly subject: string;
  readonly issuer: string;
  /** The subject's attributes in certificate order: `{ oid, name: 'CN', value }`. */
  readonly subjectAttributes: readonly NameAttribute[];
  readonly issuerAttributes: readonly NameAttribute[];
  /** Upper-case hex. */
  readonly serialNumber: string;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** Upper-case hex SHA-256 of the DER. */
  readonly sha256Fingerprint: string;
  /** The certificate, base64 DER. */
  readonly certificate: string;
}

/**
 * The outcome for one signature of the JWS.
 *
 * @example
 * const { signatures } = await verifyEdcSeal(sealed);
 * for (const s of signatures as readonly EdcSealSignature[]) console.log(s.index, s.algorithm, s.integrity, s.signingTime); // 0 'RS256' true '2023-09-27T11:54:17Z'
 */
export interface EdcSealSignature {
  /** Index in `signatures` (0 for the flattened and compact serializations). */
  readonly index: number;
  /** `alg`, when it is a string. */
  readonly algorithm?: string;
  /** The signature verifies over the protected header and the payload with the signer certificate's key. */
  readonly integrity: boolean;
  /** Only when trust anchors were given: the chain to an anchor is valid at the validation time. */
  readonly trusted?: boolean;
  /** The certificate the seal names as its signer. Believe it only when `integrity` (and `trusted`) hold. */
  readonly signer?: EdcSealCertificate;
  /** `sigT` as written, or `iat` as `YYYY-MM-DDTHH:MM:SSZ`: the time the sealer claims. */
  readonly signingTime?: string;
  /** When trust was checked and a path was found: signer certificate first, trust anchor last. */
  readonly chain?: readonly EdcSealCertificate[];
  /** The decoded protected header. */
  readonly protectedHeader?: Readonly<Record<string, unknown>>;
}

/**
 * What {@link verifyEdcSeal} found.
 *
 * @example
 * const result: EdcSealVerification = await verifyEdcSeal(sealed, { trustAnchors: [anchorPem] });
 * if (result.verified) {
 *   const credential = result.credential; // the sealed ELM document, parsed
 *   console.log('sealed by', result.signer?.subject, 'at', result.signingTime);
 * } else {
 *   for (const issue of result.issues) if (issue.severity === 'error') console.log(issue.code, issue.message);
 * }
 */
export interface EdcSealVerification {
  /**
   * No issue of severity `error`: the envelope holds only the JWS members, every signature
   * verifies, the payload is a JSON object, and trust was checked — every signer certificate
   * chains to one of the `trustAnchors` and was valid at the validation time — or the caller
   * asked for `integrityOnly`. `assurance` says which of the two a `true` means.
   */
  readonly verified: boolean;
  /**
   * What `verified` establishes: `'trusted'` (verified, with a chain to one of the caller's trust
   * anchors), `'integrity-only'` (verified with `integrityOnly: true`: the seal is intact, but
   * its certificate may be anyone's), `'none'` (not verified). Show `'integrity-only'` as such,
   * never as a trusted credential.
   */
  readonly assurance: 'trusted' | 'integrity-only' | 'none';
  /** Every signature verifies over its protected header and the payload (at least one signature). */
  readonly integrity: boolean;
  /** Only when trust anchors were given: every signature's chain is valid. */
  readonly trusted?: boolean;
  /** The first signature's signer certificate. */
  readonly signer?: EdcSealCertificate;
  /** The first signature's claimed signing time. */
  readonly signingTime?: string;
  /**
   * The sealed payload parsed as JSON: present only when `integrity` holds and it is a JSON object.
   * It is read from the signed `payload` alone, never from other members of the document; it is
   * returned even when `verified` is false (e.g. untrusted), so test `verified` before using it.
   */
  readonly credential?: unknown;
  /** One entry per signature checked. */
  readonly signatures: readonly EdcSealSignature[];
  readonly issues: readonly EdcSealIssue[];
}

const MAX_PROTECTED_HEADER_CHARS = 4 << 20;
const MAX_X5C = 16;
const MAX_CERTIFICATE_CHARS = 2 << 20;
const MAX_OPTION_CERTIFICATES = 1000;
const MAX_PROBLEMS_LISTED = 10;
/** 9999-12-31T23:59:59Z, the last instant `iat` may name. */
const MAX_IAT = 253_402_300_799;

type Path = readonly (string | number)[];

interface Context {
  readonly anchors: readonly Certificate[] | undefined;
  readonly intermediates: readonly Certificate[];
  readonly now: Date | undefined;
  readonly payload: unknown;
  readonly add: (code: EdcSealCode, path: Path, message: string, extra?: { signature?: number; severity?: EdcSealSeverity }) => void;
  /** Reported once for the document, not once per signature. */
  readonly payloadProblem: (b64: boolean) => string | undefined;
}

async function sha(hash: HashName, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, data));
}

async function summarize(cert: Certificate): Promise<EdcSealCertificate> {
  return {
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    subjectAttributes: cert.subject.attributes,
    issuerAttributes: cert.issuer.attributes,
    serialNumber: cert.serialNumber,
    notBefore: isoSeconds(cert.notBefore),
    notAfter: isoSeconds(cert.notAfter),
    sha256Fingerprint: bytesToHex(await sha('SHA-256', cert.der)),
    certificate: bytesToBase64(cert.der),
  };
}

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
      path: [],
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

async function verify(doc: unknown, opts: ReturnType<typeof checkOptions>, issues: EdcSealIssue[]): Promise<EdcSealVerification> {
  const add: Context['add'] = (code, path, message, extra) => {
    issues.push({
      code,
      severity: extra?.severity ?? EDC_SEAL_CODES[code].severity,
      path: [...path],
      ...(extra?.signature !== undefined ? { signature: extra.signature } : {}),
      message,
    });
  };
  const fail = (): EdcSealVerification => ({ verified: false, assurance: 'none', integrity: false, signatures: [], issues });

  let jws: ReturnType<typeof readJws>;
  try {
    jws = readJws(doc);
  } catch {
    add('EDC_SEAL_INPUT_UNREADABLE', [], 'Reading the document threw (a getter, a proxy or a cycle); nothing was checked.');
    return fail();
  }
  if ('unreadable' in jws) {
    add('EDC_SEAL_INPUT_UNREADABLE', [], jws.unreadable);
    return fail();
  }
  if ('notJws' in jws) {
    add('EDC_SEAL_NOT_JWS', [], jws.notJws);
    return fail();
  }
  reportExtraMembers(jws.extraMembers, [], 'EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN', jws.form === 'general' ? '`payload` and `signatures` (RFC 7515 §7.2.1)' : '`payload`, `protected`, `header` and `signature` (RFC 7515 §7.2.2)', add);
  if (jws.skipped > 0) add('EDC_SEAL_LIMIT_EXCEEDED', ['signatures'], `The document has ${jws.signatures.length + jws.skipped} signatures; only the first ${jws.signatures.length} were checked.`);

  const payload = jws.payload;
  if (typeof payload !== 'string') {
    add('EDC_SEAL_PAYLOAD_INVALID', ['payload'], payload === undefined
      ? 'The JWS has no `payload`: detached payloads are not supported, and an EDC seal carries the credential in `payload`.'
      : '`payload` must be a string.');
  }
  const reported = new Set<string>();
  const payloadProblem = (b64: boolean): string | undefined => {
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

  const anchors = opts.anchors === undefined ? undefined : parseOptionCertificates(opts.anchors, 'trustAnchors', add);
  const intermediates = parseOptionCertificates(opts.intermediates, 'intermediates', add);
  const ctx: Context = { anchors, intermediates, now: opts.now, payload, add, payloadProblem };

  const results: EdcSealSignature[] = [];
  const b64Values: boolean[] = [];
  for (let i = 0; i < jws.signatures.length; i++) {
    const { result, b64 } = await checkSignature(jws.signatures[i]!, i, ctx);
    results.push(result);
    if (b64 !== undefined) {
      // RFC 7797 §3: with several signatures, `b64` must be the same for all of them.
      if (b64Values.length > 0 && b64Values[0] !== b64) {
        add('EDC_SEAL_HEADER_INVALID', [...jws.signatures[i]!.path, 'protected'], 'Signatures disagree on `b64`; it must be the same for all of them (RFC 7797 §3).', { signature: i });
      }
      b64Values.push(b64);
    }
  }
  if (anchors === undefined) {
    if (opts.integrityOnly) {
      add('EDC_SEAL_TRUST_NOT_CHECKED', [], 'Integrity only, as asked (`integrityOnly`): the seal was checked for changes, but nothing says who the signer certificate belongs to; anyone can seal with a certificate of their own making. Pass `trustAnchors` (e.g. the issuing CA of the EDC eSeal certificates) to check the chain.', { severity: 'warning' });
    } else {
      add('EDC_SEAL_TRUST_NOT_CHECKED', [], 'No trust anchors were given, so the seal is not verified: integrity alone proves nothing about the sealer, since anyone can seal with a certificate of their own making. Pass `trustAnchors` (e.g. the issuing CA of the EDC eSeal certificates) to check the chain, or `integrityOnly: true` to accept an integrity-only answer.');
    }
  }

  const integrity = results.length > 0 && results.every((r) => r.integrity);
  let credential: unknown;
  let hasCredential = false;
  if (integrity && typeof payload === 'string') {
    const b64 = b64Values[0] ?? true;
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
    if (ok && isJsonObject(parsed)) {
      credential = parsed;
      hasCredential = true;
    } else {
      add('EDC_SEAL_PAYLOAD_NOT_JSON', ['payload'], ok ? 'The sealed payload is JSON but not an object, so it is not a credential.' : 'The sealed payload is intact but is not JSON text (UTF-8), so it is not a credential.');
    }
  }

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
    ...(hasCredential ? { credential } : {}),
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

/** Reads `x5c`: the certificates, or the reason it cannot be used (RFC 7515 §4.1.6). */
function readX5c(value: unknown, path: Path, ctx: Context, index: number): Certificate[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    ctx.add('EDC_SEAL_HEADER_INVALID', path, '`x5c` must be a non-empty array of base64 certificates (RFC 7515 §4.1.6).', { signature: index });
    return undefined;
  }
  if (value.length > MAX_X5C) {
    ctx.add('EDC_SEAL_LIMIT_EXCEEDED', path, `\`x5c\` has ${value.length} certificates; at most ${MAX_X5C} are accepted.`, { signature: index });
    return undefined;
  }
  const certs: Certificate[] = [];
  for (let j = 0; j < value.length; j++) {
    const text = value[j] as string;
    // RFC 7515 §4.1.6 says base64; base64url and missing padding are accepted because the
    // characters are inside the signed header already, so their spelling cannot be altered unseen.
    const der = text.length > MAX_CERTIFICATE_CHARS ? undefined : lenientBase64ToBytes(text);
    const parsed = der === undefined ? { ok: false as const, reason: text.length > MAX_CERTIFICATE_CHARS ? 'larger than 2 MB' : 'not base64' } : tryParseCertificate(der);
    if (parsed.ok) certs.push(parsed.certificate);
    else if (j === 0) {
      ctx.add('EDC_SEAL_CERTIFICATE_INVALID', [...path, j], `\`x5c[0]\`, the signer certificate, is not a certificate: ${parsed.reason}.`, { signature: index });
      return undefined;
    } else {
      // The others only help build the chain: a bad one is skipped, and trust fails if it was needed.
      ctx.add('EDC_SEAL_CERTIFICATE_INVALID', [...path, j], `\`x5c[${j}]\` is not a certificate (${parsed.reason}); it was skipped.`, { signature: index, severity: 'warning' });
    }
  }
  return certs;
}

/** `20230927115420Z` (RFC 3161 genTime) as `2023-09-27T11:54:20Z`; fractions kept. */
function genTimeIso(t: string): string {
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12)}`;
}

async function checkSignature(raw: RawSignature, index: number, ctx: Context): Promise<{ result: EdcSealSignature; b64: boolean | undefined }> {
  const base = raw.path;
  const protPath = [...base, 'protected'];
  const headerPath = [...base, 'header'];
  const add = (code: EdcSealCode, path: Path, message: string, severity?: EdcSealSeverity) =>
    ctx.add(code, path, message, severity === undefined ? { signature: index } : { signature: index, severity });
  const result: { -readonly [K in keyof EdcSealSignature]: EdcSealSignature[K] } = { index, integrity: false };
  const done = (b64?: boolean) => ({ result, b64 });

  // --- Headers (RFC 7515 §5.2 steps 2-5) ---
  let protectedText = '';
  let prot: JsonObject = {};
  if (raw.protected !== undefined) {
    if (typeof raw.protected !== 'string') {
      add('EDC_SEAL_HEADER_INVALID', protPath, '`protected` must be a base64url string.');
      return done();
    }
    if (raw.protected.length > MAX_PROTECTED_HEADER_CHARS) {
      add('EDC_SEAL_LIMIT_EXCEEDED', protPath, `The protected header is longer than ${MAX_PROTECTED_HEADER_CHARS} characters.`);
      return done();
    }
    const decoded = decodeProtectedHeader(raw.protected);
    if (typeof decoded === 'string') {
      add('EDC_SEAL_HEADER_INVALID', protPath, `The protected header ${decoded}: it must be BASE64URL(UTF8(JSON object)) (RFC 7515 §7.2.1).`);
      return done();
    }
    prot = decoded;
    protectedText = raw.protected;
    result.protectedHeader = prot;
  }
  let unprot: JsonObject = {};
  if (raw.header !== undefined) {
    if (isJsonObject(raw.header)) unprot = raw.header;
    else add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', headerPath, '`header` must be a JSON object (RFC 7515 §7.2.1).');
  }
  if (raw.protected === undefined && raw.header === undefined) {
    add('EDC_SEAL_HEADER_INVALID', base, 'The signature has neither `protected` nor `header`: there is no `alg`.');
    return done();
  }
  // RFC 7515 §7.2.1 lets recipients ignore unknown members; a seal has none, and a renamed
  // `header` would drop the validation data unseen, so an unknown member is refused.
  reportExtraMembers(raw.unknownMembers ?? [], base, 'EDC_SEAL_UNKNOWN_MEMBER', '`protected`, `header` and `signature` (RFC 7515 §7.2.1)', add);
  for (const name of Object.keys(unprot)) {
    // RFC 7515 §7.2.1: the protected and unprotected header parameter names must be disjoint.
    if (Object.prototype.hasOwnProperty.call(prot, name)) add('EDC_SEAL_HEADER_INVALID', [...headerPath, name], `\`${name}\` is in both the protected and the unprotected header (RFC 7515 §7.2.1).`);
    // RFC 7515 §4 would ignore an unknown parameter; unprotected, it is unauthenticated, and in a
    // seal it can only be a damaged name (an `etsiU` renamed would drop the validation data unseen).
    else if (name !== 'etsiU' && !REGISTERED_JWS_PARAMETERS.has(name)) add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', [...headerPath, name], `The unprotected header has \`${name.slice(0, 40)}\`, which is neither \`etsiU\` nor a parameter RFC 7515/7518 define.`);
  }
  // RFC 7797 §3 and RFC 7515 §4.1.11: `b64` and `crit` must be integrity protected.
  for (const name of ['b64', 'crit']) {
    if (Object.prototype.hasOwnProperty.call(unprot, name)) add('EDC_SEAL_HEADER_INVALID', [...headerPath, name], `\`${name}\` must be in the protected header, where the signature covers it.`);
  }
  const b64Value = own(prot, 'b64');
  if (b64Value !== undefined && typeof b64Value !== 'boolean') {
    add('EDC_SEAL_HEADER_INVALID', protPath, '`b64` must be true or false (RFC 7797 §3).');
    return done();
  }
  const b64 = b64Value !== false;

  // --- crit (RFC 7515 §4.1.11): every listed parameter must be present and understood ---
  let critOk = true;
  const crit = own(prot, 'crit');
  const critNames = Array.isArray(crit) ? crit : [];
  if (crit !== undefined) {
    if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string')) {
      add('EDC_SEAL_CRITICAL_HEADER', protPath, '`crit` must be a non-empty array of header parameter names (RFC 7515 §4.1.11).');
      critOk = false;
    } else {
      const seen = new Set<string>();
      for (const name of crit as string[]) {
        let problem: string | undefined;
        if (seen.has(name)) problem = `\`crit\` lists \`${name}\` twice.`;
        else if (REGISTERED_JWS_PARAMETERS.has(name)) problem = `\`crit\` lists \`${name}\`, a parameter RFC 7515/7518 define, which it must not (RFC 7515 §4.1.11).`;
        else if (!Object.prototype.hasOwnProperty.call(prot, name)) problem = `\`crit\` lists \`${name}\`, which the protected header does not contain.`;
        else if (name === 'sigD') problem = '`sigD` (ETSI TS 119 182-1 §5.2.8) says the signed data is detached and referenced elsewhere; this verifier checks only the payload in the document, so it cannot process it.';
        else if (!UNDERSTOOD_CRITICAL.has(name)) problem = `\`crit\` lists \`${name}\`, which this verifier does not understand; RFC 7515 §4.1.11 requires rejecting the signature.`;
        seen.add(name);
        if (problem !== undefined) {
          add('EDC_SEAL_CRITICAL_HEADER', [...protPath, name], problem);
          critOk = false;
        }
      }
    }
  }
  if (critOk && own(prot, 'sigD') !== undefined && !critNames.includes('sigD')) {
    add('EDC_SEAL_CRITICAL_HEADER', [...protPath, 'sigD'], '`sigD` (a detached, referenced payload) is not supported, and JAdES requires it to be critical.');
    critOk = false;
  }
  // RFC 7797 §6: an unencoded payload must be announced as critical, or a verifier unaware of b64 would mis-verify.
  if (!b64 && !critNames.includes('b64')) {
    add('EDC_SEAL_CRITICAL_HEADER', protPath, '`b64: false` is used but `crit` does not list `b64` (RFC 7797 §6).');
    critOk = false;
  }

  // --- alg (RFC 7515 §4.1.1, RFC 7518 §3.1) ---
  const algName = own(prot, 'alg') ?? own(unprot, 'alg');
  if (typeof algName === 'string') result.algorithm = algName;
  const alg = typeof algName === 'string' && Object.prototype.hasOwnProperty.call(JWS_ALGORITHMS, algName) ? JWS_ALGORITHMS[algName] : undefined;
  if (alg === undefined) {
    const why = algName === undefined ? '`alg` is missing.'
      : algName === 'none' ? '`alg: none` is an unsecured JWS (RFC 7518 §3.6) and is refused.'
      : typeof algName === 'string' && /^HS/.test(algName) ? `\`${algName}\` is a shared-key MAC, not a seal with a certificate.`
      : `\`alg\` ${typeof algName === 'string' ? JSON.stringify(algName.slice(0, 40)) : `(a ${Array.isArray(algName) ? 'array' : typeof algName})`} is not supported (RS256/384/512, PS256/384/512, ES256/384/512).`;
    add('EDC_SEAL_ALGORITHM_UNSUPPORTED', [...protPath, 'alg'], why);
  }

  // --- Signing time: sigT (ETSI TS 119 182-1 §5.2.1) or iat (RFC 7519 §4.1.6, used by JAdES V1.2.1) ---
  let signingDate: Date | undefined;
  const sigT = own(prot, 'sigT');
  const iat = own(prot, 'iat');
  if (sigT !== undefined) {
    signingDate = typeof sigT === 'string' ? parseRfc3339(sigT) : undefined;
    if (signingDate === undefined) add('EDC_SEAL_HEADER_INVALID', [...protPath, 'sigT'], '`sigT` must be an RFC 3339 date-time such as 2023-09-27T11:54:17Z.');
    else result.signingTime = sigT as string;
  } else if (iat !== undefined) {
    if (typeof iat === 'number' && Number.isInteger(iat) && iat >= 0 && iat <= MAX_IAT) {
      signingDate = new Date(iat * 1000);
      result.signingTime = isoSeconds(signingDate);
    } else {
      add('EDC_SEAL_HEADER_INVALID', [...protPath, 'iat'], '`iat` must be a whole number of seconds since 1970 (RFC 7519 §2, NumericDate).');
    }
  }

  // --- etsiU: unsigned JAdES properties, read and checked for form here, verified below ---
  const etsiUValue = own(unprot, 'etsiU');
  const etsiU = etsiUValue === undefined ? undefined : readEtsiU(etsiUValue);
  if (etsiU) {
    for (const p of etsiU.problems.slice(0, MAX_PROBLEMS_LISTED)) add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', [...headerPath, 'etsiU', ...p.path], p.message);
    if (etsiU.problems.length > MAX_PROBLEMS_LISTED) add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', [...headerPath, 'etsiU'], `${etsiU.problems.length - MAX_PROBLEMS_LISTED} more problems in \`etsiU\` are not listed.`);
    if (etsiU.limited) add('EDC_SEAL_LIMIT_EXCEEDED', [...headerPath, 'etsiU'], '`etsiU` is larger than the verifier reads (256 entries, 64 MB); the rest was not checked.');
  }
  const etsiUCerts: Certificate[] = [];
  for (const der of etsiU?.certificates ?? []) {
    const parsed = tryParseCertificate(der);
    if (parsed.ok) etsiUCerts.push(parsed.certificate);
  }

  // --- The signer certificate: x5c[0] (RFC 7515 §4.1.6), else found by its signed digest ---
  const x5cProtected = own(prot, 'x5c') !== undefined;
  const x5cValue = x5cProtected ? own(prot, 'x5c') : own(unprot, 'x5c');
  const x5cPath = [...(x5cProtected ? protPath : headerPath), 'x5c'];
  let chainCerts: Certificate[] = [];
  let leaf: Certificate | undefined;
  if (x5cValue !== undefined) {
    chainCerts = readX5c(x5cValue, x5cPath, ctx, index) ?? [];
    leaf = chainCerts[0];
  }

  // Digests the header gives of the signer certificate: x5t#S256 (RFC 7515 §4.1.8), x5t (§4.1.7), x5t#o (ETSI TS 119 182-1 §5.2.2.2).
  const digests: { name: string; hash: HashName; digest: Bytes; signed: boolean }[] = [];
  for (const [name, hash, size] of [['x5t#S256', 'SHA-256', 32], ['x5t', 'SHA-1', 20]] as const) {
    const signed = own(prot, name) !== undefined;
    const value = signed ? own(prot, name) : own(unprot, name);
    if (value === undefined) continue;
    const digest = typeof value === 'string' ? base64UrlToBytes(value) : undefined;
    if (digest === undefined || digest.length !== size) add('EDC_SEAL_HEADER_INVALID', [...(signed ? protPath : headerPath), name], `\`${name}\` must be the base64url ${hash} digest of the certificate (${size} bytes).`);
    else digests.push({ name, hash, digest, signed });
  }
  const x5to = own(prot, 'x5t#o');
  if (x5to !== undefined) {
    const d = readDigest(x5to);
    if (d === undefined) add('EDC_SEAL_HEADER_INVALID', [...protPath, 'x5t#o'], '`x5t#o` must be `{ digAlg, digVal }` (ETSI TS 119 182-1 §5.2.2.2).');
    else if (d !== 'unknown') digests.push({ name: 'x5t#o', hash: d.hash, digest: d.digest, signed: true });
  }
  if (leaf === undefined && x5cValue === undefined) {
    // JAdES lets the certificate travel outside the signed header when its digest is signed.
    for (const candidate of [...etsiUCerts, ...ctx.intermediates]) {
      let matches = false;
      for (const d of digests) if (d.signed && bytesEqual(await sha(d.hash, candidate.der), d.digest)) matches = true;
      if (matches) {
        leaf = candidate;
        break;
      }
    }
    if (leaf === undefined) add('EDC_SEAL_CERTIFICATE_MISSING', protPath, 'No signer certificate: the header has no `x5c`, and no certificate in `etsiU` or `options.intermediates` matches a signed `x5t#S256`/`x5t#o`.');
  }
  if (leaf === undefined) return done(b64);
  result.signer = await summarize(leaf);

  let bound = x5cProtected;
  for (const d of digests) {
    const actual = await sha(d.hash, leaf.der);
    if (!bytesEqual(actual, d.digest)) {
      add('EDC_SEAL_THUMBPRINT_MISMATCH', [...(d.signed ? protPath : headerPath), d.name], `\`${d.name}\` is not the ${d.hash} digest of the signer certificate "${leaf.subject.text}": the header names another certificate.`);
    } else if (d.signed) {
      bound = true;
    }
  }
  if (!bound) add('EDC_SEAL_CERTIFICATE_UNPROTECTED', x5cPath, 'The signer certificate is only in the unprotected header and no signed digest (`x5t#S256`, `x5t#o`) binds it to the signature (ETSI TS 119 182-1 §5.1.7).');

  // kid: in JAdES, base64 of a DER IssuerSerial (ETSI TS 119 182-1 §5.1.4); elsewhere free-form, so only a readable IssuerSerial is compared.
  const kid = own(prot, 'kid');
  if (typeof kid === 'string' && kid.length < 65536) {
    const der = lenientBase64ToBytes(kid);
    const issuerSerial = der === undefined ? undefined : parseIssuerSerial(der);
    if (issuerSerial && !(bytesEqual(issuerSerial.issuer, leaf.issuer.der) && bytesEqual(issuerSerial.serial, leaf.serialBytes))) {
      add('EDC_SEAL_KID_MISMATCH', [...protPath, 'kid'], '`kid` is an IssuerSerial naming another certificate than the signer certificate.');
    }
  }

  // --- The key must fit the algorithm (RFC 7518 §3.3-3.5) ---
  let params: ReturnType<typeof webCryptoParams>;
  if (alg !== undefined) {
    params = webCryptoParams(alg.scheme, leaf.publicKey);
    const key = leaf.publicKey;
    let problem: string | undefined;
    if (params === undefined) problem = `The signer certificate's key (${key.type === 'unsupported' ? key.reason ?? key.oid : key.type}) cannot make ${String(algName)} signatures.`;
    else if (alg.curve !== undefined && key.curve !== alg.curve) problem = `${String(algName)} needs a ${alg.curve} key, the certificate has ${key.curve ?? key.type} (RFC 7518 §3.4).`;
    else if (key.type === 'RSA' && (key.bits ?? 0) < 2048) problem = `The signer's RSA key has ${key.bits ?? 0} bits; RFC 7518 §3.3 requires at least 2048.`;
    if (problem !== undefined) {
      add('EDC_SEAL_KEY_UNSUPPORTED', [...x5cPath, 0], problem);
      params = undefined;
    }
  }

  // --- The signature (RFC 7515 §5.2 steps 6-8) ---
  const sigPath = [...base, 'signature'];
  let signature: Bytes | undefined;
  if (typeof raw.signature !== 'string') add('EDC_SEAL_SIGNATURE_INVALID', sigPath, '`signature` must be a base64url string.');
  else {
    signature = base64UrlToBytes(raw.signature);
    // Canonical base64url only: another spelling of the same bytes would be a change that still verifies.
    if (signature === undefined) add('EDC_SEAL_SIGNATURE_INVALID', sigPath, 'The signature is not canonical base64url (RFC 7515 §2).');
    else if (alg?.signatureLength !== undefined && signature.length !== alg.signatureLength) {
      // RFC 7518 §3.4: an ECDSA JWS signature is R‖S of fixed length (not DER).
      add('EDC_SEAL_SIGNATURE_INVALID', sigPath, `A ${String(algName)} signature is ${alg.signatureLength} bytes (R‖S, RFC 7518 §3.4); this one is ${signature.length}.`);
      signature = undefined;
    } else if (leaf.publicKey.type === 'RSA' && alg?.scheme.kind !== 'ecdsa' && signature.length !== Math.ceil((leaf.publicKey.bits ?? 0) / 8)) {
      add('EDC_SEAL_SIGNATURE_INVALID', sigPath, `An RSA signature is as long as the modulus (${Math.ceil((leaf.publicKey.bits ?? 0) / 8)} bytes, RFC 8017 §8.2.2); this one is ${signature.length}.`);
      signature = undefined;
    }
  }

  const payloadProblem = ctx.payloadProblem(b64);
  if (critOk && alg !== undefined && params !== undefined && signature !== undefined && payloadProblem === undefined && typeof ctx.payload === 'string') {
    // RFC 7515 §5.1 / RFC 7797 §3: ASCII(BASE64URL(UTF8(protected))) '.' payload, the payload base64url-encoded
    // or, with b64 false, as it is. The protected part is ASCII, so encoding the joined string is the same.
    const signingInput = utf8Encode(`${protectedText}.${ctx.payload}`);
    try {
      const key = await importVerifyKey(leaf.publicKey.spki, params.importAlg);
      result.integrity = await globalThis.crypto.subtle.verify(params.verifyAlg, key, signature, signingInput);
      if (!result.integrity) add('EDC_SEAL_SIGNATURE_INVALID', sigPath, `The ${String(algName)} signature does not verify with the key of "${leaf.subject.text}": the protected header or the payload was changed after sealing, or the signature was.`);
    } catch (e) {
      add('EDC_SEAL_KEY_UNSUPPORTED', [...x5cPath, 0], `The signer certificate's key could not be used (${e instanceof DerError ? e.message : e instanceof Error ? e.name : 'error'}).`);
    }
  }

  // --- Time and trust ---
  const at = ctx.now ?? signingDate ?? new Date();
  if (ctx.now === undefined && signingDate !== undefined) {
    add('EDC_SEAL_CLAIMED_TIME_USED', [...protPath, sigT !== undefined ? 'sigT' : 'iat'], `Certificate validity was checked at ${result.signingTime ?? ''}, the signing time the seal claims; the seal's time-stamps are not used to prove it. Pass \`now\` to check at another time.`);
  }
  const trustSeverity: EdcSealSeverity = ctx.anchors === undefined ? 'warning' : 'error';
  const ku = leaf.extensions.keyUsage;
  const keyUsageOk = ku === undefined || ku[0] === true || ku[1] === true;
  if (!keyUsageOk) add('EDC_SEAL_KEY_USAGE', [...x5cPath, 0], `The signer certificate "${leaf.subject.text}" may not make signatures: its keyUsage has neither digitalSignature nor nonRepudiation (RFC 5280 §4.2.1.3).`, trustSeverity);
  if (ctx.anchors !== undefined) {
    const pool = [...chainCerts.slice(1), ...etsiUCerts, ...ctx.intermediates];
    const chain = await validateChain(leaf, pool, ctx.anchors, at);
    for (const p of chain.problems) add(p.code, x5cPath, p.message);
    result.trusted = chain.trusted && keyUsageOk;
    if (chain.path) result.chain = await Promise.all(chain.path.map(summarize));
  } else if (at.getTime() > leaf.notAfter.getTime()) {
    add('EDC_SEAL_CERTIFICATE_EXPIRED', [...x5cPath, 0], `The signer certificate expired on ${isoSeconds(leaf.notAfter)}, before the validation time ${isoSeconds(at)}.`, 'warning');
  } else if (at.getTime() < leaf.notBefore.getTime()) {
    add('EDC_SEAL_CERTIFICATE_NOT_YET_VALID', [...x5cPath, 0], `The signer certificate is valid only from ${isoSeconds(leaf.notBefore)}, after the validation time ${isoSeconds(at)}.`, 'warning');
  }

  // --- Validation data: etsiU (not covered by the signature) and adoTst (ETSI TS 119 182-1 §5.2.8.1, §5.3) ---
  // Checked against an intact seal only: when the signature fails, the time-stamps over it fail too,
  // and repeating that would only bury the one finding that matters.
  let stamped = '';
  if (result.integrity && (etsiU !== undefined || own(prot, 'adoTst') !== undefined)) {
    const known = [...chainCerts, ...(chainCerts.includes(leaf) ? [] : [leaf]), ...ctx.intermediates, ...(ctx.anchors ?? [])];
    const report = await verifyValidationData({ ...(etsiU ? { etsiU } : {}), adoTst: own(prot, 'adoTst'), payload: ctx.payload, protectedText, signature: raw.signature, known });
    const listed = { invalid: 0, unverified: 0 };
    for (const f of report.findings) {
      const code = f.status === 'invalid' ? (f.where === 'adoTst' ? 'EDC_SEAL_TIMESTAMP_INVALID' : 'EDC_SEAL_UNSIGNED_DATA_INVALID') : 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED';
      if (listed[f.status]++ < MAX_PROBLEMS_LISTED) add(code, [...base, ...f.path], f.message);
    }
    const times = report.timestamps.filter((t) => t.status === 'verified' && t.genTime !== undefined).map((t) => `${t.component} ${genTimeIso(t.genTime!)}`);
    if (times.length > 0) stamped = ` Verified time-stamps: ${times.join(', ')}.`;
    for (const status of ['invalid', 'unverified'] as const) {
      if (listed[status] > MAX_PROBLEMS_LISTED) {
        add(status === 'invalid' ? 'EDC_SEAL_UNSIGNED_DATA_INVALID' : 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED', [...headerPath, 'etsiU'], `${listed[status] - MAX_PROBLEMS_LISTED} more ${status === 'invalid' ? 'failed' : 'unchecked'} objects in the validation data are not listed.`);
      }
    }
  }
  if (etsiU?.hasUnverifiedData || UNVERIFIED_SIGNED_PARAMETERS.some((name) => own(prot, name) !== undefined)) {
    add('EDC_SEAL_TIMESTAMP_NOT_CHECKED', base, `The seal carries JAdES time-stamps, validation data or a signature policy (\`adoTst\`, \`sigPId\`, \`etsiU\`). Their integrity was checked; trust was not: no time-stamp authority, OCSP responder or CRL issuer is validated against trust anchors, the time-stamped times are not used, revocation is not evaluated, and a signature policy is not checked.${stamped}`);
  }
  return done(b64);
}
