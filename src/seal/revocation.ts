/**
 * Checking the signed objects of a seal's validation data against the certificates it carries:
 * certificates (RFC 5280 §6.1.3 (a)(1), integrity only), CRLs (RFC 5280 §6.3.3 (f)) and OCSP
 * responses (RFC 6960 §3.2). The revocation information itself is not evaluated.
 * @module
 */
import { bytesEqual, type Bytes } from '../json/encoding.js';
import { isRecognisedAlgorithm, type SignatureScheme } from './algorithms.js';
import { sameName } from './chain.js';
import type { Crl } from './crl.js';
import type { EtsiUObject } from './jades.js';
import { verifySignatureValue } from './keys.js';
import type { BasicOcspResponse } from './ocsp.js';
import type { ObjectCheck } from './timestamp.js';
import type { Certificate } from './x509.js';

/** One object of the validation data, with where it is. */
export interface Item {
  readonly kind: EtsiUObject['kind'];
  readonly component: string;
  readonly where: 'etsiU' | 'adoTst';
  readonly path: readonly (string | number)[];
  readonly label: string;
  readonly der: Bytes;
  /** For time-stamp tokens: the index of the `etsiU` element (arcTst covers the elements before it). */
  readonly entry?: number;
}

export interface Outcome {
  readonly item: Item;
  readonly label: string;
  readonly check: ObjectCheck;
  /** Said after the reason when the object was not checked. */
  readonly detail?: string;
  /** A verified object with something it does not cover. */
  readonly gap?: string;
  readonly timestamp?: { readonly component: string; readonly genTime?: string; readonly status: ObjectCheck['status'] };
}

/** A set of DER blobs: FNV-1a buckets, compared in full. */
export class DerSet {
  private readonly buckets = new Map<number, Bytes[]>();
  /** Adds `der`; false when it was there already. */
  add(der: Bytes): boolean {
    let h = 0x811c9dc5;
    for (let i = 0; i < der.length; i++) h = Math.imul(h ^ der[i]!, 0x01000193);
    const bucket = this.buckets.get(h >>> 0);
    if (bucket === undefined) {
      this.buckets.set(h >>> 0, [der]);
      return true;
    }
    if (bucket.some((b) => bytesEqual(b, der))) return false;
    bucket.push(der);
    return true;
  }
}

/** Parsed objects waiting for their check. */
export interface ParsedCertificate { readonly cert: Certificate; readonly item: Item; readonly label: string }
export interface ParsedCrl { readonly crl: Crl; readonly item: Item; readonly label: string }
export interface ParsedOcsp { readonly ocsp: BasicOcspResponse; readonly item: Item }

/**
 * Finds the issuer of a signed object among `pool` and checks the signature: `verified` with the
 * issuer, `invalid` when a certificate that must be the issuer does not verify it, `unverified`
 * when none is there or the algorithm is unsupported.
 */
export async function checkSigned(
  pool: readonly Certificate[],
  o: { tbs: Uint8Array; signature: Uint8Array; scheme: SignatureScheme },
  issuerName: Certificate['subject'] | undefined,
  aki: Bytes | undefined,
  extra: (c: Certificate) => boolean,
): Promise<ObjectCheck & { issuer?: Certificate }> {
  // Strong candidates: the name matches and no key identifier contradicts it, or the key
  // identifier matches (RFC 5280 §4.2.1.1) whatever the name says. A weak candidate (same name,
  // other key identifier) may be a re-keyed CA, so its failure means "issuer absent", not "changed".
  const strong: Certificate[] = [];
  const weak: Certificate[] = [];
  for (const c of pool) {
    const ski = c.extensions.subjectKeyIdentifier;
    const byName = issuerName !== undefined && sameName(c.subject, issuerName);
    const keyMatch = aki !== undefined && ski !== undefined && bytesEqual(aki, ski);
    const keyConflict = aki !== undefined && ski !== undefined && !keyMatch;
    if ((byName && !keyConflict) || keyMatch || extra(c)) strong.push(c);
    else if (byName) weak.push(c);
  }
  let failure: string | undefined;
  let unsupported: string | undefined;
  for (const c of [...strong, ...weak]) {
    const check = await verifySignatureValue(o.scheme, c.publicKey, o.tbs, o.signature, { allowSha1: true });
    if (check.ok) return { status: 'verified', issuer: c };
    if (check.unsupported) unsupported ??= check.reason;
    else if (strong.includes(c)) failure ??= `its signature does not verify with the key of "${c.subject.text}" (${check.reason})`;
  }
  if (failure !== undefined) return { status: 'invalid', reason: failure };
  if (unsupported !== undefined) return { status: 'unverified', reason: `its signature cannot be checked (${unsupported})`, unsupported: true };
  return { status: 'unverified', reason: weak.length > 0 ? 'the certificates named like its issuer have other keys' : 'its issuer\'s certificate is not in the seal' };
}

/** A certificate's signature by its issuer, when the seal carries it; a twin with the same signature or content shows a change. */
export async function checkCertificate({ cert, item, label }: ParsedCertificate, pool: readonly Certificate[]): Promise<Outcome> {
  let check: ObjectCheck = await checkSigned(pool, { tbs: cert.tbs, signature: cert.signature, scheme: cert.signatureAlgorithm.scheme }, cert.issuer, cert.extensions.authorityKeyIdentifier, () => false);
  if (check.status === 'unverified') {
    // Its issuer is absent, but another certificate in the seal may be its twin: a signature value
    // belongs to one content (RSA PKCS #1 v1.5 is deterministic, and equal ECDSA or PSS values over
    // different data would be a forgery), and a CA signs one content once. Two different
    // certificates sharing either are an original and a copy changed where no signature could show it.
    const twin = pool.find((c) => !bytesEqual(c.der, cert.der) && (bytesEqual(c.signature, cert.signature) || bytesEqual(c.tbs, cert.tbs)));
    if (twin !== undefined) {
      check = { status: 'invalid', reason: `another certificate in the seal ("${twin.subject.text}") has the same ${bytesEqual(twin.signature, cert.signature) ? 'signature value over different content' : 'content with another signature value'}, so one of them was altered (RFC 5280 §4.1.1.3)` };
    }
  }
  return { item, label: `${label} ("${cert.subject.text}")`, check, detail: ` ("${cert.issuer.text}")` };
}

/** A CRL's signature by its issuer (RFC 5280 §6.3.3 (f)). */
export async function checkCrl({ crl, item, label }: ParsedCrl, pool: readonly Certificate[]): Promise<Outcome> {
  const check = await checkSigned(pool, { tbs: crl.tbs, signature: crl.signature, scheme: crl.signatureAlgorithm.scheme }, crl.issuer, crl.authorityKeyIdentifier, () => false);
  return { item, label: `${label} (issued by "${crl.issuer.text}")`, check };
}

/** An OCSP response's signature by the responder its ResponderID names (RFC 6960 §4.2.2.3). */
export async function checkOcsp({ ocsp, item }: ParsedOcsp, pool: readonly Certificate[]): Promise<Outcome> {
  // The OCSP signatureAlgorithm is outside the signed data (RFC 6960 §4.2.1): an identifier that names no algorithm was changed.
  if (!isRecognisedAlgorithm(ocsp.signatureAlgorithm.oid)) {
    return { item, label: item.label, check: { status: 'invalid', reason: `its signatureAlgorithm ${ocsp.signatureAlgorithm.oid} is no signature algorithm` } };
  }
  const responder = ocsp.responder;
  const byKey = new Set<Certificate>();
  if ('byKey' in responder) {
    await Promise.all(pool.map(async (c) => {
      // RFC 6960 §4.2.1: KeyHash is the SHA-1 of the responder's subjectPublicKey bits.
      if (bytesEqual(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', new Uint8Array(c.publicKey.keyBits))), responder.byKey)) byKey.add(c);
    }));
  }
  const named = (c: Certificate) => byKey.has(c);
  let check = await checkSigned(pool, { tbs: ocsp.tbs, signature: ocsp.signature, scheme: ocsp.signatureAlgorithm.scheme }, 'byName' in responder ? responder.byName : undefined, undefined, named);
  if (check.status === 'verified' && check.issuer !== undefined && !('byName' in responder ? sameName(check.issuer.subject, responder.byName) : named(check.issuer))) {
    check = { status: 'invalid', reason: 'it is signed by another certificate than the responder its ResponderID names (RFC 6960 §4.2.2.3)' };
  }
  if (check.status === 'unverified' && check.unsupported !== true && ocsp.certificates.length > 0) {
    // RFC 6960 §4.2.1: `certs` is there to help verify the responder's signature. When the
    // ResponderID names none of the certificates in the seal although the response carries some,
    // the signed ResponderID (and so the response) was changed, or it was signed by another key.
    let signer: Certificate | undefined;
    for (const der of ocsp.certificates) {
      const c = pool.find((p) => bytesEqual(p.der, der));
      if (c && (await verifySignatureValue(ocsp.signatureAlgorithm.scheme, c.publicKey, ocsp.tbs, ocsp.signature, { allowSha1: true })).ok) signer = c;
    }
    check = {
      status: 'invalid',
      reason: signer !== undefined
        ? `it is signed by "${signer.subject.text}", which its ResponderID does not name (RFC 6960 §4.2.2.3)`
        : 'its ResponderID names none of the certificates it carries, and none of them verifies it (RFC 6960 §4.2.1)',
    };
  }
  return { item, label: item.label, check };
}
