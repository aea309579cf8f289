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
import { lenientBase64ToBytes, utf8Encode, type Bytes } from '../json/encoding.js';
import { parseSignedData, type SignedData } from './cms.js';
import { parseCrl } from './crl.js';
import { DerError } from './der.js';
import type { EtsiU, EtsiUObject } from './jades.js';
import { isJsonObject, own } from './jws.js';
import { parseOcspResponse } from './ocsp.js';
import { DerSet, checkCertificate, checkCrl, checkOcsp, type Item, type Outcome, type ParsedCertificate, type ParsedCrl, type ParsedOcsp } from './revocation.js';
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

const describe = (o: { kind: EtsiUObject['kind']; component: string; path: readonly (string | number)[] }, where: string): string => {
  const what = o.kind === 'certificate' ? 'certificate' : o.kind === 'crl' ? 'CRL' : o.kind === 'ocsp' ? 'OCSP response' : 'time-stamp token';
  return `the ${o.component} ${what} at \`${where}${o.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}\``;
};

/** The objects to check, from `etsiU` and `adoTst`; what cannot be read as one is a finding. */
function collectItems(input: ValidationDataInput, findings: ValidationDataFinding[]): Item[] {
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

  return items;
}

/** What the objects parse to: tokens and OCSP responses carry certificates the others may need. */
interface Parsed {
  readonly certificates: ParsedCertificate[];
  readonly tokens: { sd: SignedData; item: Item }[];
  readonly crls: ParsedCrl[];
  readonly ocsps: ParsedOcsp[];
}

/** Parses every object; what does not parse is a finding. */
function parseItems(items: readonly Item[], findings: ValidationDataFinding[]): Parsed {
  const invalid = (item: { where: 'etsiU' | 'adoTst'; path: readonly (string | number)[] }, message: string) => findings.push({ status: 'invalid', where: item.where, path: item.path, message });
  const unverified = (item: { where: 'etsiU' | 'adoTst'; path: readonly (string | number)[] }, message: string) => findings.push({ status: 'unverified', where: item.where, path: item.path, message });
  const certificates: ParsedCertificate[] = [];
  const tokens: { sd: SignedData; item: Item }[] = [];
  const crls: ParsedCrl[] = [];
  const ocsps: ParsedOcsp[] = [];
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

  return { certificates, tokens, crls, ocsps };
}

/** A time-stamp token, with its message imprint against what JAdES says it covers. */
async function checkToken({ sd, item }: Parsed['tokens'][number], input: ValidationDataInput, pool: readonly Certificate[], payloadUtf8: (payload: string) => Bytes): Promise<Outcome> {
  const entries = input.etsiU?.entries ?? [];
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
  const unverified = (item: { where: 'etsiU' | 'adoTst'; path: readonly (string | number)[] }, message: string) => findings.push({ status: 'unverified', where: item.where, path: item.path, message });
  const invalid = (item: { where: 'etsiU' | 'adoTst'; path: readonly (string | number)[] }, message: string) => findings.push({ status: 'invalid', where: item.where, path: item.path, message });
  const { certificates, tokens, crls, ocsps } = parseItems(collectItems(input, findings), findings);
  const pool: Certificate[] = [];
  const inPool = new DerSet();
  for (const cert of [...input.known, ...certificates.map((c) => c.cert)]) if (inPool.add(cert.der)) pool.push(cert);
  let payloadBytes: Bytes | undefined;
  const payloadUtf8 = (payload: string): Bytes => (payloadBytes ??= utf8Encode(payload));
  // Every object is checked at once (the signature checks overlap in WebCrypto's thread pool); the
  // findings are then reported in a stable order: certificates, CRLs, OCSP responses, time-stamps.
  const outcomes = await Promise.all([...certificates.map((c) => checkCertificate(c, pool)), ...crls.map((c) => checkCrl(c, pool)), ...ocsps.map((o) => checkOcsp(o, pool)), ...tokens.map((t) => checkToken(t, input, pool, payloadUtf8))]);
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
