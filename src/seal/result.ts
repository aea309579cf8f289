/**
 * The options and the result of {@link verifyEdcSeal}: what a caller passes and reads.
 * @module
 */
import type { EdcSealIssue } from './codes.js';
import type { NameAttribute } from './x509.js';

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
