/**
 * What the phases of seal verification share: the caller's certificates and time, the payload,
 * the issue sink, limits, and the certificate summary the result shows.
 * @module
 */
import { pointerOf } from '../json/pointer.js';
import { bytesToBase64, bytesToHex, type Bytes } from '../json/encoding.js';
import type { HashName } from './algorithms.js';
import type { EdcSealCode, EdcSealSeverity } from './codes.js';
import { isoSeconds } from './jws.js';
import type { EdcSealCertificate, EdcSealSignature } from './result.js';
import type { Certificate } from './x509.js';

export const MAX_PROTECTED_HEADER_CHARS = 4 << 20;
export const MAX_X5C = 16;
export const MAX_CERTIFICATE_CHARS = 2 << 20;
export const MAX_OPTION_CERTIFICATES = 1000;
export const MAX_PROBLEMS_LISTED = 10;
/** 9999-12-31T23:59:59Z, the last instant `iat` may name. */
export const MAX_IAT = 253_402_300_799;

/** The keys from the document's root to a value; an issue shows it as a JSON Pointer ({@link pointerOf}). */
export type Path = readonly (string | number)[];

export { pointerOf };

/** What every signature's check reads, and where it reports. */
export interface Context {
  readonly anchors: readonly Certificate[] | undefined;
  readonly intermediates: readonly Certificate[];
  readonly now: Date | undefined;
  readonly payload: unknown;
  readonly add: (code: EdcSealCode, path: Path, message: string, extra?: { signature?: number; severity?: EdcSealSeverity }) => void;
  /** Reported once for the document, not once per signature. */
  readonly payloadProblem: (b64: boolean) => string | undefined;
}

/** The digest of `data`, with WebCrypto. */
export async function sha(hash: HashName, data: Bytes): Promise<Bytes> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash, data));
}

/** A certificate as the result shows it. */
export async function summarize(cert: Certificate): Promise<EdcSealCertificate> {
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

/** The result of one signature, filled in as its check goes. */
export type SignatureResult = { -readonly [K in keyof EdcSealSignature]: EdcSealSignature[K] };

/** One signature's check: where it is, where it reports, what it found so far. */
export interface Scope {
  readonly ctx: Context;
  readonly index: number;
  /** `['signatures', i]`, or `[]` for the flattened and compact serializations. */
  readonly base: Path;
  readonly protPath: Path;
  readonly headerPath: Path;
  readonly add: (code: EdcSealCode, path: Path, message: string, severity?: EdcSealSeverity) => void;
  readonly result: SignatureResult;
}
