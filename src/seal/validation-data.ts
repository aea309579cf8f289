/**
 * Integrity of the JAdES validation data a seal carries (ETSI TS 119 182-1 §5.3): the unsigned
 * `etsiU` header, which the JWS signature does not cover, and the signed `adoTst` time-stamp.
 *
 * Every object is checked with the material the seal itself (or the caller) provides:
 *
 * - certificates (`xVals`, and those inside time-stamp tokens and OCSP responses): their signature
 *   with their issuer's key, when the issuer is present (RFC 5280 §6.1.3 (a)(1), integrity only);
 * - CRLs: their signature by their issuer (RFC 5280 §6.3.3 (f));
 * - OCSP responses: their signature by the responder they name (RFC 6960 §3.2);
 * - time-stamp tokens: their CMS structure, messageDigest and TSA signature (RFC 5652 §5.6), and
 *   their message imprint against what JAdES says they cover: the base64url signature value for
 *   `sigTst` (§5.3.4), the payload for `adoTst` (§5.2.8.1), and for `arcTst` the payload, the
 *   protected header, the signature value and every `etsiU` element before it (§5.3.6.3.1.1).
 *
 * An object whose issuer is absent, or whose algorithm WebCrypto lacks, is reported as not checked;
 * one that fails a check is reported as invalid. Nothing here decides trust: a verified time-stamp
 * proves its bytes are what its TSA signed, not that the TSA is one to believe.
 * @module
 */
import { keyIdsConflict, sameName } from './chain.js';
import { isRecognisedAlgorithm, type SignatureScheme } from './algorithms.js';
import { parseSignedData, type SignedData } from './cms.js';
import { parseCrl, type Crl } from './crl.js';
import { DerError } from './der.js';
import { bytesEqual, lenientBase64ToBytes, utf8Encode, type Bytes } from '../json/encoding.js';
import type { EtsiU, EtsiUObject } from './jades.js';
import { isJsonObject, own } from './jws.js';
import { verifySignatureValue } from './keys.js';
import { parseOcspResponse, type BasicOcspResponse } from './ocsp.js';
import { verifyTimeStampToken, type ObjectCheck } from './timestamp.js';
import { tryParseCertificate, type Certificate } from './x509.js';

/** One thing found wrong, or left unchecked. `path` is below the signature object. */
export interface ValidationDataFinding {
  readonly status: 'invalid' | 'unverified';
  /** `etsiU` (unsigned) or `adoTst` (in the protected header). */
  readonly where: 'etsiU' | 'adoTst';
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** What {@link verifyValidationData} found. */
export interface ValidationDataReport {
  readonly findings: readonly ValidationDataFinding[];
  /** How many objects verified, and how many time-stamp tokens among them. */
  readonly verified: number;
  readonly timestamps: readonly { readonly component: string; readonly genTime?: string; readonly status: ObjectCheck['status'] }[];
}

/** What the checks need from the signature. */
export interface ValidationDataInput {
  readonly etsiU?: EtsiU;
  /** The protected header's `adoTst`, as written. */
  readonly adoTst?: unknown;
  /** The `payload`, `protected` and `signature` members as written (the strings the time-stamps cover). */
  readonly payload: unknown;
  readonly protectedText: string;
  readonly signature: unknown;
  /** Certificates from elsewhere that may issue the embedded objects: `x5c`, the caller's intermediates and anchors. */
  readonly known: readonly Certificate[];
}

/** At most this many embedded objects are checked (tokens and OCSP responses carry certificates). */
const MAX_OBJECTS = 512;

interface Item {
  readonly kind: EtsiUObject['kind'];
  readonly component: string;
  readonly where: 'etsiU' | 'adoTst';
  readonly path: readonly (string | number)[];
  readonly label: string;
  readonly der: Bytes;
  /** For time-stamp tokens: the index of the `etsiU` element (arcTst covers the elements before it). */
  readonly entry?: number;
}

const describe = (o: { kind: EtsiUObject['kind']; component: string; path: readonly (string | number)[] }, where: string): string => {
  const what = o.kind === 'certificate' ? 'certificate' : o.kind === 'crl' ? 'CRL' : o.kind === 'ocsp' ? 'OCSP response' : 'time-stamp token';
  return `the ${o.component} ${what} at \`${where}${o.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}\``;
};

/** A set of DER blobs: FNV-1a buckets, compared in full. */
class DerSet {
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

/**
 * Checks the validation data of one signature. Never throws for bad data: every problem is a finding.
 *
 * @example
 * const report = await verifyValidationData({ etsiU: readEtsiU(header.etsiU), payload, protectedText, signature, known: [leaf] });
 * for (const f of report.findings) console.log(f.status, f.message);
 */
export async function verifyValidationData(input: ValidationDataInput): Promise<ValidationDataReport> {
  const findings: ValidationDataFinding[] = [];
  const timestamps: { component: string; genTime?: string; status: ObjectCheck['status'] }[] = [];
  let verified = 0;
  const items: Item[] = [];
  for (const o of input.etsiU?.objects ?? []) items.push({ kind: o.kind, component: o.component, where: 'etsiU', path: ['header', 'etsiU', ...o.path], label: describe(o, 'etsiU'), der: o.der, entry: o.entry });
  // adoTst (ETSI TS 119 182-1 §5.2.8.1) is signed, but its token is checked the same way.
  const ado = input.adoTst;
  if (ado !== undefined) {
    const tokens = isJsonObject(ado) ? own(ado, 'tstTokens') : undefined;
    if (!Array.isArray(tokens)) {
      findings.push({ status: 'unverified', where: 'adoTst', path: ['protected', 'adoTst'], message: '`adoTst` is not `{ tstTokens: [...] }`; it was not checked.' });
    } else {
      tokens.forEach((t: unknown, i) => {
        const val = isJsonObject(t) && own(t, 'encoding') === undefined ? own(t, 'val') : undefined;
        const der = typeof val === 'string' ? lenientBase64ToBytes(val) : undefined;
        const path = ['protected', 'adoTst', 'tstTokens', i, 'val'];
        if (der === undefined) findings.push({ status: 'unverified', where: 'adoTst', path, message: `\`adoTst.tstTokens[${i}]\` is not a base64 DER token; it was not checked.` });
        else items.push({ kind: 'timestamp', component: 'adoTst', where: 'adoTst', path, label: `the adoTst time-stamp token \`adoTst.tstTokens[${i}]\``, der });
      });
    }
  }
  for (const u of input.etsiU?.unchecked ?? []) {
    findings.push({ status: 'unverified', where: 'etsiU', path: ['header', 'etsiU', ...u.path], message: `${u.what} in \`etsiU\` is not checked.` });
  }

  // --- Parse everything first: tokens and OCSP responses carry certificates the others may need ---
  const invalid = (item: { where: 'etsiU' | 'adoTst'; path: readonly (string | number)[] }, message: string) => findings.push({ status: 'invalid', where: item.where, path: item.path, message });
  const unverified = (item: { where: 'etsiU' | 'adoTst'; path: readonly (string | number)[] }, message: string) => findings.push({ status: 'unverified', where: item.where, path: item.path, message });
  const certificates: { cert: Certificate; item: Item; label: string }[] = [];
  const tokens: { sd: SignedData; item: Item }[] = [];
  const crls: { crl: Crl; item: Item; label: string }[] = [];
  const ocsps: { ocsp: BasicOcspResponse; item: Item }[] = [];
  const seen = new DerSet();
  let budget = MAX_OBJECTS;
  const addCertificate = (der: Bytes, item: Item, label: string) => {
    if (!seen.add(der)) return;
    if (--budget < 0) return;
    const parsed = tryParseCertificate(der);
    // A certificate that does not parse cannot be checked, and was not produced like this: a CA
    // signs DER (RFC 5280 §4.1), so bytes that no longer read as a certificate were changed.
    if (!parsed.ok) invalid(item, `${label} is not a well-formed certificate (${parsed.reason}).`);
    else certificates.push({ cert: parsed.certificate, item, label });
  };
  const addCrl = (der: Bytes, item: Item, label: string) => {
    try {
      crls.push({ crl: parseCrl(der), item, label });
    } catch (e) {
      if (!(e instanceof DerError)) throw e;
      invalid(item, `${label} is not a well-formed CRL (${e.message}).`);
    }
  };
  for (const item of items) {
    try {
      if (item.kind === 'certificate') addCertificate(item.der, item, item.label);
      else if (item.kind === 'crl') addCrl(item.der, item, item.label);
      else if (item.kind === 'ocsp') {
        const r = parseOcspResponse(item.der);
        // RFC 6960 §4.2.1 defines one response type, id-pkix-ocsp-basic, which every client must read; another is a changed OID.
        if ('unsupported' in r) invalid(item, `${upper(item.label)} has the ${r.unsupported}; RFC 6960 §4.2.1 defines only id-pkix-ocsp-basic.`);
        else {
          ocsps.push({ ocsp: r, item });
          r.certificates.forEach((c, i) => addCertificate(c, item, `certificate ${i} inside ${item.label}`));
        }
      } else {
        const sd = parseSignedData(item.der);
        tokens.push({ sd, item });
        sd.certificates.forEach((c, i) => addCertificate(c, item, `certificate ${i} inside ${item.label}`));
        sd.crls.forEach((c, i) => addCrl(c, item, `CRL ${i} inside ${item.label}`));
      }
    } catch (e) {
      if (!(e instanceof DerError)) throw e;
      const what = item.kind === 'ocsp' ? 'an OCSP response (RFC 6960 §4.2.1)' : 'a time-stamp token (RFC 3161 §2.4.2, RFC 5652 §5)';
      invalid(item, `${item.label} is not well-formed as ${what}: ${e.message}.`);
    }
  }
  if (budget < 0) unverified({ where: 'etsiU', path: ['header', 'etsiU'] }, `The validation data holds more than ${MAX_OBJECTS} certificates; the rest were not checked.`);

  const pool: Certificate[] = [];
  const inPool = new DerSet();
  for (const cert of [...input.known, ...certificates.map((c) => c.cert)]) if (inPool.add(cert.der)) pool.push(cert);

  // --- Signed objects: find the issuer among the certificates, check the signature ---
  const checkSigned = async (
    o: { tbs: Uint8Array; signature: Uint8Array; scheme: SignatureScheme },
    issuerName: Certificate['subject'] | undefined,
    aki: Bytes | undefined,
    extra: (c: Certificate) => boolean,
  ): Promise<ObjectCheck & { issuer?: Certificate }> => {
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
  };

  // Every object is checked at once (the signature checks overlap in WebCrypto's thread pool); the
  // findings are then reported in a stable order: certificates, CRLs, OCSP responses, time-stamps.
  interface Outcome {
    readonly item: Item;
    readonly label: string;
    readonly check: ObjectCheck;
    /** Said after the reason when the object was not checked. */
    readonly detail?: string;
    /** A verified object with something it does not cover. */
    readonly gap?: string;
    readonly timestamp?: ValidationDataReport['timestamps'][number];
  }

  const checkCertificate = async ({ cert, item, label }: (typeof certificates)[number]): Promise<Outcome> => {
    let check: ObjectCheck = await checkSigned({ tbs: cert.tbs, signature: cert.signature, scheme: cert.signatureAlgorithm.scheme }, cert.issuer, cert.extensions.authorityKeyIdentifier, () => false);
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
  };

  const checkCrl = async ({ crl, item, label }: (typeof crls)[number]): Promise<Outcome> => {
    const check = await checkSigned({ tbs: crl.tbs, signature: crl.signature, scheme: crl.signatureAlgorithm.scheme }, crl.issuer, crl.authorityKeyIdentifier, () => false);
    return { item, label: `${label} (issued by "${crl.issuer.text}")`, check };
  };

  const checkOcsp = async ({ ocsp, item }: (typeof ocsps)[number]): Promise<Outcome> => {
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
    let check = await checkSigned({ tbs: ocsp.tbs, signature: ocsp.signature, scheme: ocsp.signatureAlgorithm.scheme }, 'byName' in responder ? responder.byName : undefined, undefined, named);
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
  };

  // --- Time-stamp tokens and what they cover ---
  const entries = input.etsiU?.entries ?? [];
  let payloadBytes: Bytes | undefined;
  const payloadUtf8 = (payload: string): Bytes => (payloadBytes ??= utf8Encode(payload));
  const checkToken = async ({ sd, item }: (typeof tokens)[number]): Promise<Outcome> => {
    let imprint: Uint8Array | undefined;
    let why = '';
    if (item.component === 'sigTst' && typeof input.signature === 'string') {
      // §5.3.4: the input is the base64url-encoded JWS Signature Value, as written.
      imprint = utf8Encode(input.signature);
    } else if (item.component === 'adoTst' && typeof input.payload === 'string') {
      // §5.2.8.1: the JWS Payload as it is in the signing input (as written, or its base64url).
      imprint = payloadUtf8(input.payload);
    } else if (item.component === 'arcTst' && typeof input.payload === 'string' && typeof input.signature === 'string' && item.entry !== undefined) {
      const before = entries.slice(0, item.entry);
      if (before.every((e): e is string => typeof e === 'string')) {
        // §5.3.6.3.1.1 (etsiU elements base64url-encoded): payload '.' protected '.' signature '.'
        // and every element before this one, as written. So the archive time-stamp covers the exact
        // characters of the seal and of the validation data preceding it.
        const head = payloadUtf8(input.payload);
        const tail = utf8Encode(`.${input.protectedText}.${input.signature}.${before.join('')}`);
        const joined = new Uint8Array(head.length + tail.length);
        joined.set(head, 0);
        joined.set(tail, head.length);
        imprint = joined;
      } else {
        why = ': the etsiU elements before it are clear JSON, whose canonicalization (§5.3.6.3.1.2) is not implemented';
      }
    } else {
      why = `: what a ${item.component} covers is not recomputed`;
    }
    const check = await verifyTimeStampToken(sd, imprint, pool);
    const timestamp = { component: item.component, ...(check.genTime !== undefined ? { genTime: check.genTime } : {}), status: imprint === undefined && check.status === 'verified' ? 'unverified' as const : check.status };
    // RFC 5652 §5.3: unsigned attributes are outside the signature; nothing else covers them.
    const gap = check.status !== 'verified' ? undefined : imprint === undefined ? `its message imprint was not checked${why}` : check.note;
    return { item, label: item.label, check, timestamp, ...(gap !== undefined ? { gap } : {}) };
  };

  const outcomes = await Promise.all([...certificates.map(checkCertificate), ...crls.map(checkCrl), ...ocsps.map(checkOcsp), ...tokens.map(checkToken)]);
  for (const { item, label, check, detail, gap, timestamp } of outcomes) {
    if (timestamp !== undefined) timestamps.push(timestamp);
    if (check.status === 'verified') {
      verified++;
      if (gap !== undefined) unverified(item, `${upper(label)}: its signature and content verify, but ${gap}.`);
    } else if (check.status === 'invalid') invalid(item, `${upper(label)}: ${check.reason}; it was changed or is not what it claims to be.`);
    else unverified(item, `${upper(label)} was not checked: ${check.reason}${detail ?? ''}.`);
  }
  return { findings, verified, timestamps };
}

function upper(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
