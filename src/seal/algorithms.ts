/**
 * Signature and digest algorithm identifiers (RFC 4055, RFC 5754, RFC 5758) as WebCrypto needs
 * them, read with `@peculiar/asn1-x509`'s AlgorithmIdentifier and `@peculiar/asn1-rsa`'s
 * RSASSA-PSS parameters, after the strict DER gate.
 * @module
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import { DerError, checkDer, fields, readRoot } from './der.js';
import type { Bytes } from '../json/encoding.js';

/** Hashes WebCrypto knows. SHA-1 is read but refused for signatures on certificates. */
export type HashName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** How a signature was made, as WebCrypto needs it. */
export type SignatureScheme =
  | { readonly kind: 'rsa-pkcs1'; readonly hash: HashName }
  | { readonly kind: 'rsa-pss'; readonly hash: HashName; readonly saltLength: number }
  | { readonly kind: 'ecdsa'; readonly hash: HashName }
  | { readonly kind: 'unsupported'; readonly reason: string };

export const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecPublicKey: '1.2.840.10045.2.1',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

const HASH_OF_OID: Readonly<Record<string, HashName>> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

/** PKCS #1 and ECDSA signature algorithm OIDs (RFC 4055, RFC 5758). */
const SIGNATURE_OIDS: Readonly<Record<string, SignatureScheme>> = {
  '1.2.840.113549.1.1.5': { kind: 'rsa-pkcs1', hash: 'SHA-1' },
  '1.2.840.113549.1.1.11': { kind: 'rsa-pkcs1', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { kind: 'rsa-pkcs1', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { kind: 'rsa-pkcs1', hash: 'SHA-512' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'SHA-1' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'SHA-512' },
};

/**
 * Signature and digest algorithms that are defined and in use but that WebCrypto cannot verify:
 * an object using one is left unchecked. An identifier in none of the lists is no algorithm at all,
 * which, where the identifier is not itself signed (an OCSP response's or a SignerInfo's), means
 * it was changed.
 */
const RECOGNISED_UNSUPPORTED = new Set([
  '1.2.840.113549.1.1.2', '1.2.840.113549.1.1.4', '1.2.840.113549.1.1.14', '1.2.840.113549.1.1.15', '1.2.840.113549.1.1.16', // md2/md5/sha224/sha512-224/sha512-256 with RSA
  '1.2.840.10045.4.3.1', // ecdsa-with-SHA224
  '1.2.840.10040.4.3', '2.16.840.1.101.3.4.3.1', '2.16.840.1.101.3.4.3.2', // DSA
  ...['5', '6', '7', '8', '9', '10', '11', '12', '13', '14', '15', '16'].map((n) => `2.16.840.1.101.3.4.3.${n}`), // DSA, ECDSA, RSA with SHA-3
  '1.3.101.112', '1.3.101.113', // Ed25519, Ed448
  '1.2.156.10197.1.501', '1.2.643.7.1.1.3.2', '1.2.643.7.1.1.3.3', // SM2, GOST R 34.10-2012
  '1.2.840.113549.2.5', '1.2.840.113549.2.2', '1.3.36.3.2.1', '1.2.156.10197.1.401', // md5, md2, RIPEMD-160, SM3
  ...['4', '5', '6', '7', '8', '9', '10', '11', '12'].map((n) => `2.16.840.1.101.3.4.2.${n}`), // SHA-224, SHA-512/t, SHA-3, SHAKE
]);

/** Whether `oid` is a signature or digest algorithm at all (supported or not). */
export function isRecognisedAlgorithm(oid: string): boolean {
  return Object.hasOwn(SIGNATURE_OIDS, oid) || Object.hasOwn(HASH_OF_OID, oid) || oid === OID.rsassaPss || oid === OID.rsaEncryption || oid === OID.ecPublicKey || RECOGNISED_UNSUPPORTED.has(oid);
}

/**
 * Reads `der` (which passed the DER gate, or is inside something that did) with the schema `type`.
 * The schemas throw their own errors; they become {@link DerError}s, which the verifier reports.
 */
export function decode<T>(der: Bytes | ArrayBuffer, type: new () => T, what: string): T {
  try {
    return AsnConvert.parse(der, type);
  } catch (e) {
    throw new DerError(`${what} does not match its ASN.1 definition (${e instanceof Error ? e.message.slice(0, 120) : 'unreadable'})`);
  }
}

/** An AlgorithmIdentifier from its DER: at most an OID and one parameter. `typed`: already read with its container. */
export function algorithmIdentifier(der: Bytes, what: string, typed?: AlgorithmIdentifier): AlgorithmIdentifier {
  fields(readRoot(der), what, 1, 2);
  return typed ?? decode(der, AlgorithmIdentifier, what);
}

/** Absent or NULL parameters (the schema reads NULL as `null`). */
const noParameters = (alg: AlgorithmIdentifier): boolean => alg.parameters === undefined || alg.parameters === null;

function hashOf(alg: AlgorithmIdentifier, what: string): HashName | undefined {
  // Hash parameters are absent or NULL (RFC 4055 §2.1, RFC 5754 §2).
  if (!noParameters(alg)) throw new DerError(`${what}: unexpected parameters`);
  return HASH_OF_OID[alg.algorithm];
}

/**
 * Reads a digest AlgorithmIdentifier (parameters absent or NULL, RFC 5754 §2): the hash, or
 * `{ unsupported }` with its OID when WebCrypto has no such hash. Throws {@link DerError} when malformed.
 */
export function readHashAlgorithm(der: Bytes, what = 'digest algorithm'): { hash: HashName; oid: string } | { unsupported: string } {
  const alg = algorithmIdentifier(der, what);
  const hash = hashOf(alg, what);
  return hash === undefined ? { unsupported: alg.algorithm } : { hash, oid: alg.algorithm };
}

/**
 * RSASSA-PSS parameters (RFC 4055 §3.1). WebCrypto's RSA-PSS uses MGF1 with the message hash and
 * the trailer 0xBC, so other combinations are reported as unsupported rather than mis-verified.
 */
function pssScheme(params: ArrayBuffer | null | undefined): SignatureScheme {
  if (params === undefined) return { kind: 'unsupported', reason: 'RSASSA-PSS without parameters' };
  // The schema reads NULL as `null`: not RSASSA-PSS-params, which RFC 4055 §3.1 requires here.
  if (params === null) throw new DerError('RSASSA-PSS parameters are NULL, not RSASSA-PSS-params (RFC 4055 §3.1)');
  const bytes = new Uint8Array(params);
  fields(readRoot(bytes), 'RSASSA-PSS-params', 0, 4);
  const p = decode(bytes, RsaSaPssParams, 'RSASSA-PSS-params');
  const hash = hashOf(p.hashAlgorithm, 'PSS hash');
  if (hash === undefined) throw new DerError(`PSS hash: unsupported hash ${p.hashAlgorithm.algorithm}`);
  if (p.maskGenAlgorithm.algorithm !== OID.mgf1) return { kind: 'unsupported', reason: `RSASSA-PSS mask generation ${p.maskGenAlgorithm.algorithm}` };
  const mgfParams = p.maskGenAlgorithm.parameters;
  if (!mgfParams) throw new DerError('MGF1 without its hash');
  const mgfHash = hashOf(algorithmIdentifier(new Uint8Array(mgfParams), 'MGF1 hash'), 'MGF1 hash');
  if (mgfHash !== hash) return { kind: 'unsupported', reason: `RSASSA-PSS with MGF1 ${mgfHash ?? 'another hash'} and hash ${hash}` };
  if (p.trailerField !== 1) return { kind: 'unsupported', reason: `RSASSA-PSS trailer field ${p.trailerField}` };
  return { kind: 'rsa-pss', hash, saltLength: p.saltLength };
}

/** A signature AlgorithmIdentifier's OID, scheme, and DER (for exact comparisons). */
export interface SignatureAlgorithm {
  readonly oid: string;
  readonly scheme: SignatureScheme;
  readonly der: Bytes;
}

/** Reads a signature AlgorithmIdentifier (RFC 4055, RFC 5758) as a certificate's signed one. */
export function signatureScheme(der: Bytes, typed?: AlgorithmIdentifier): SignatureAlgorithm {
  const alg = algorithmIdentifier(der, 'signature algorithm', typed);
  if (alg.algorithm === OID.rsassaPss) return { oid: alg.algorithm, scheme: pssScheme(alg.parameters), der };
  return { oid: alg.algorithm, scheme: SIGNATURE_OIDS[alg.algorithm] ?? { kind: 'unsupported', reason: `signature algorithm ${alg.algorithm}` }, der };
}

/**
 * Reads a signature AlgorithmIdentifier and also holds the parameters to their definitions: NULL
 * or absent for PKCS #1 v1.5 (RFC 4055 §5), absent for ECDSA (RFC 5758 §3.2). Where the identifier
 * is not signed (OCSP responses, SignerInfos), other parameters could only be a change nothing
 * would show.
 *
 * @example
 * readSignatureAlgorithm(der).scheme; // { kind: 'rsa-pkcs1', hash: 'SHA-256' }
 */
export function readSignatureAlgorithm(der: Bytes): SignatureAlgorithm {
  checkDer(der);
  const alg = algorithmIdentifier(der, 'signature algorithm');
  const read = signatureScheme(der, alg);
  const kind = read.oid === OID.rsaEncryption ? 'rsa-pkcs1' : read.oid === OID.ecPublicKey ? 'ecdsa' : read.scheme.kind;
  if (kind === 'rsa-pkcs1' && !noParameters(alg)) throw new DerError('PKCS #1 v1.5 signature algorithm parameters must be NULL or absent (RFC 4055 §5)');
  if (kind === 'ecdsa' && read.oid !== OID.ecPublicKey && alg.parameters !== undefined) throw new DerError('ECDSA signature algorithm parameters must be absent (RFC 5758 §3.2)');
  return read;
}
