/**
 * A test PKI: a tiny DER writer, an X.509 certificate builder signed with node:crypto, and a
 * sealer producing JAdES-like JWS JSON documents (b64: false by default), as EDC does.
 *
 * Written independently of src/vc (no import from it) so that the verifier is checked against a
 * second implementation; Node's X509Certificate and, where present, the openssl CLI check this one.
 */
import { createHash, generateKeyPairSync, sign as nodeSign, constants, type KeyObject } from 'node:crypto';

// --- DER writer (X.690) ---

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
export const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
export const seq = (...c: Buffer[]) => tlv(0x30, ...c);
export const set = (...c: Buffer[]) => tlv(0x31, ...c);
export const explicit = (n: number, ...c: Buffer[]) => tlv(0xa0 | n, ...c);
export const nul = () => Buffer.from([0x05, 0x00]);
export const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
export const octets = (b: Buffer) => tlv(0x04, b);
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
export const printable = (s: string) => tlv(0x13, Buffer.from(s, 'latin1'));
export const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);

export function integer(value: bigint | number | Buffer): Buffer {
  if (Buffer.isBuffer(value)) {
    let b = value;
    while (b.length > 1 && b[0] === 0 && (b[1]! & 0x80) === 0) b = b.subarray(1);
    if ((b[0]! & 0x80) !== 0) b = Buffer.concat([Buffer.from([0]), b]);
    return tlv(0x02, b);
  }
  let v = BigInt(value);
  const out: number[] = [];
  do {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((out[0]! & 0x80) !== 0) out.unshift(0);
  return tlv(0x02, Buffer.from(out));
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const body: number[] = [];
  const push = (v: bigint) => {
    const chunk: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    body.push(...chunk);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(0x06, Buffer.from(body));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (or when forced). */
export function time(d: Date, generalized = d.getUTCFullYear() >= 2050): Buffer {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return generalized ? tlv(0x18, Buffer.from(`${p(d.getUTCFullYear(), 4)}${body}`)) : tlv(0x17, Buffer.from(`${p(d.getUTCFullYear() % 100)}${body}`));
}

// --- Names, algorithms ---

export const ATTR = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3', serialNumber: '2.5.4.5', organizationIdentifier: '2.5.4.97', L: '2.5.4.7' } as const;
export type NameSpec = [keyof typeof ATTR | string, string][];

/** A Name with one attribute per RDN; C and serialNumber as PrintableString, the rest UTF8String. */
export function name(spec: NameSpec): Buffer {
  return seq(...spec.map(([k, v]) => {
    const type = (ATTR as Record<string, string>)[k] ?? k;
    return set(seq(oid(type), type === ATTR.C || type === ATTR.serialNumber ? printable(v) : utf8(v)));
  }));
}

export type CertAlg = 'rsa-sha256' | 'rsa-sha1' | 'rsa-pss-sha256' | 'ecdsa-sha256' | 'ecdsa-sha384';

function algorithmId(alg: CertAlg): Buffer {
  switch (alg) {
    case 'rsa-sha256': return seq(oid('1.2.840.113549.1.1.11'), nul());
    case 'rsa-sha1': return seq(oid('1.2.840.113549.1.1.5'), nul());
    case 'ecdsa-sha256': return seq(oid('1.2.840.10045.4.3.2'));
    case 'ecdsa-sha384': return seq(oid('1.2.840.10045.4.3.3'));
    case 'rsa-pss-sha256': {
      const sha256 = seq(oid('2.16.840.1.101.3.4.2.1'), nul());
      return seq(oid('1.2.840.113549.1.1.10'), seq(explicit(0, sha256), explicit(1, seq(oid('1.2.840.113549.1.1.8'), sha256)), explicit(2, integer(32))));
    }
  }
}

function signWith(alg: CertAlg, data: Buffer, key: KeyObject): Buffer {
  switch (alg) {
    case 'rsa-sha256': return nodeSign('sha256', data, key);
    case 'rsa-sha1': return nodeSign('sha1', data, key);
    case 'rsa-pss-sha256': return nodeSign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    case 'ecdsa-sha256': return nodeSign('sha256', data, key); // DER Ecdsa-Sig-Value, as X.509 wants
    case 'ecdsa-sha384': return nodeSign('sha384', data, key);
  }
}

// --- Extensions ---

export const KU = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

export function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}
export function basicConstraints(ca: boolean, pathLen?: number): Buffer {
  const inner: Buffer[] = [];
  if (ca) inner.push(bool(true));
  if (pathLen !== undefined) inner.push(integer(pathLen));
  return extension('2.5.29.19', true, seq(...inner));
}
export function keyUsage(...usages: (keyof typeof KU)[]): Buffer {
  let v = 0;
  for (const u of usages) v |= 0x8000 >> KU[u];
  const bytes = Buffer.from([v >> 8, v & 0xff]);
  const used = bytes[1] === 0 ? bytes.subarray(0, 1) : bytes;
  const last = used[used.length - 1]!;
  let unused = 0;
  while (unused < 7 && (last & (1 << unused)) === 0) unused++;
  return extension('2.5.29.15', true, bits(used, unused));
}
export function keyIds(subjectKey: KeyObject, issuerKey: KeyObject): Buffer[] {
  const id = (k: KeyObject) => createHash('sha1').update(k.export({ type: 'spki', format: 'der' })).digest();
  return [extension('2.5.29.14', false, octets(id(subjectKey))), extension('2.5.29.35', false, seq(tlv(0x80, id(issuerKey))))];
}

// --- Certificates ---

export interface CertSpec {
  subject: NameSpec;
  issuer: NameSpec;
  serial?: bigint;
  notBefore?: Date;
  notAfter?: Date;
  generalizedTime?: boolean;
  publicKey: KeyObject;
  signingKey: KeyObject;
  alg: CertAlg;
  /** Raw Extension DERs; default: none (a v3 certificate still). */
  extensions?: Buffer[];
  /** Override the SubjectPublicKeyInfo DER. */
  spki?: Buffer;
}

export function certificate(spec: CertSpec): Buffer {
  const algId = algorithmId(spec.alg);
  const notBefore = spec.notBefore ?? new Date('2024-01-01T00:00:00Z');
  const notAfter = spec.notAfter ?? new Date('2034-01-01T00:00:00Z');
  const tbs = seq(
    explicit(0, integer(2)),
    integer(spec.serial ?? 0x1234n),
    algId,
    name(spec.issuer),
    seq(time(notBefore, spec.generalizedTime), time(notAfter, spec.generalizedTime)),
    name(spec.subject),
    spec.spki ?? spec.publicKey.export({ type: 'spki', format: 'der' }),
    ...(spec.extensions && spec.extensions.length > 0 ? [tlv(0xa3, seq(...spec.extensions))] : []),
  );
  return seq(tbs, algId, bits(signWith(spec.alg, tbs, spec.signingKey)));
}

export const pem = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;

// --- Keys, cached per test run (RSA generation is the slow part) ---

const keyCache = new Map<string, { publicKey: KeyObject; privateKey: KeyObject }>();
export function keys(kind: 'rsa2048' | 'rsa1024' | 'rsa-pss' | 'p256' | 'p384' | 'p521', slot = 0) {
  const id = `${kind}:${slot}`;
  let pair = keyCache.get(id);
  if (!pair) {
    pair = kind === 'rsa2048' ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'rsa1024' ? generateKeyPairSync('rsa', { modulusLength: 1024 })
      : kind === 'rsa-pss' ? generateKeyPairSync('rsa-pss', { modulusLength: 2048, hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256' })
      : generateKeyPairSync('ec', { namedCurve: kind === 'p256' ? 'P-256' : kind === 'p384' ? 'P-384' : 'P-521' });
    keyCache.set(id, pair);
  }
  return pair;
}

// --- Seals (JWS JSON general serialization, RFC 7515 §7.2.1; RFC 7797) ---

export type JwsAlg = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

export function jwsSign(alg: JwsAlg, input: Buffer, key: KeyObject): Buffer {
  const hash = `sha${alg.slice(2)}`;
  if (alg.startsWith('RS')) return nodeSign(hash, input, key);
  if (alg.startsWith('PS')) return nodeSign(hash, input, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 });
  return nodeSign(hash, input, { key, dsaEncoding: 'ieee-p1363' }); // RFC 7518 §3.4: R‖S
}

export interface SealSpec {
  alg: JwsAlg;
  key: KeyObject;
  /** Certificates for `x5c`, signer first. */
  x5c: Buffer[];
  b64?: boolean;
  sigT?: string | null;
  /** Replace or add protected header parameters (after the defaults). */
  protectedExtra?: Record<string, unknown>;
  /** Remove these protected parameters. */
  omit?: string[];
  header?: Record<string, unknown>;
}

export interface SealedDoc {
  payload: string;
  signatures: { protected: string; header?: Record<string, unknown>; signature: string }[];
}

/** The protected header an EDC-like sealer writes, and its signature, for one signer. */
export function signatureFor(payload: string, spec: SealSpec): SealedDoc['signatures'][number] {
  const b64 = spec.b64 ?? false;
  const header: Record<string, unknown> = {
    alg: spec.alg,
    cty: 'octet-stream',
    'x5t#S256': createHash('sha256').update(spec.x5c[0]!).digest('base64url'),
    x5c: spec.x5c.map((c) => c.toString('base64')),
    typ: 'jose+json',
    ...(b64 ? {} : { b64: false }),
    ...(spec.sigT === null ? {} : { sigT: spec.sigT ?? '2025-03-01T10:00:00Z' }),
  };
  const crit = [...(b64 ? [] : ['b64']), ...(spec.sigT === null ? [] : ['sigT'])];
  if (crit.length > 0) header.crit = crit;
  Object.assign(header, spec.protectedExtra);
  for (const k of spec.omit ?? []) delete header[k];
  const protectedB64 = Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
  const encodedPayload = b64 ? Buffer.from(payload, 'utf8').toString('base64url') : payload;
  const signature = jwsSign(spec.alg, Buffer.from(`${protectedB64}.${encodedPayload}`, 'utf8'), spec.key).toString('base64url');
  return { protected: protectedB64, ...(spec.header ? { header: spec.header } : {}), signature };
}

/** Seals `credential` (an object, serialized compactly, or a payload string used as it is). */
export function seal(credential: unknown, ...specs: SealSpec[]): SealedDoc {
  const text = typeof credential === 'string' ? credential : JSON.stringify(credential);
  const b64 = specs[0]?.b64 ?? false;
  return {
    payload: b64 ? Buffer.from(text, 'utf8').toString('base64url') : text,
    signatures: specs.map((s) => signatureFor(text, s)),
  };
}

// --- JAdES validation data: time-stamp tokens (RFC 3161, CMS RFC 5652), CRLs (RFC 5280 §5), OCSP (RFC 6960) ---

export const gtime = (d: Date) => tlv(0x18, Buffer.from(d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z')));
const SHA_OIDS = { sha1: '1.3.14.3.2.26', sha256: '2.16.840.1.101.3.4.2.1', sha384: '2.16.840.1.101.3.4.2.2', sha512: '2.16.840.1.101.3.4.2.3' } as const;
export type HashId = keyof typeof SHA_OIDS;
export const hashAlg = (h: HashId) => seq(oid(SHA_OIDS[h]));

/** The children of the DER TLV at the start of `der` (a minimal reader, enough for well-formed DER). */
export function derChildren(der: Buffer): Buffer[] {
  const head = (b: Buffer, p: number): [number, number] => {
    const l0 = b[p + 1]!;
    if (l0 < 0x80) return [p + 2, l0];
    let n = 0;
    for (let i = 0; i < (l0 & 0x7f); i++) n = n * 256 + b[p + 2 + i]!;
    return [p + 2 + (l0 & 0x7f), n];
  };
  const [start, length] = head(der, 0);
  const out: Buffer[] = [];
  for (let p = start; p < start + length;) {
    const [cs, cl] = head(der, p);
    out.push(der.subarray(p, cs + cl));
    p = cs + cl;
  }
  return out;
}

/** A certificate's issuer Name, serial number INTEGER, SubjectPublicKeyInfo and SKI extension value (when any), as DER. */
export function certParts(cert: Buffer): { issuer: Buffer; serial: Buffer; subject: Buffer; spki: Buffer } {
  const tbs = derChildren(derChildren(cert)[0]!);
  const i = tbs[0]![0] === 0xa0 ? 1 : 0;
  return { serial: tbs[i]!, issuer: tbs[i + 2]!, subject: tbs[i + 4]!, spki: tbs[i + 5]! };
}

export interface TokenSpec {
  /** The data whose hash the token carries. */
  data: Buffer;
  hash?: HashId;
  tsaCert: Buffer;
  tsaKey: KeyObject;
  /** How the TSA signs the signed attributes. */
  alg: CertAlg;
  /** Certificates to put in the token (default: the TSA's). */
  certs?: Buffer[];
  /** Name the signer by issuer and serial (default) or by key identifier. */
  sid?: 'issuerSerial' | { ski: Buffer };
  /** `rsaEncryption` instead of sha256WithRSAEncryption as the signature algorithm (RFC 3370 §3.2). */
  rsaEncryptionOid?: boolean;
  /** Leave out signingCertificateV2 / CMSAlgorithmProtection. */
  noEss?: boolean;
  noAlgorithmProtection?: boolean;
  genTime?: Date;
  /** Override the SignedData version (default 3, as RFC 5652 §5.1 requires for a TSTInfo). */
  version?: number;
  /** Add an unsigned attribute (RFC 5652 §5.3 unsignedAttrs), which nothing signs. */
  unsignedAttr?: boolean;
}

/** An RFC 3161 TimeStampToken: ContentInfo(SignedData(TSTInfo)), signed with node:crypto. */
export function timeStampToken(spec: TokenSpec): Buffer {
  const h = spec.hash ?? 'sha256';
  const tstInfo = seq(
    integer(1),
    oid('1.2.3.4.1'),
    seq(hashAlg(h), octets(createHash(h).update(spec.data).digest())),
    integer(0x5eed),
    gtime(spec.genTime ?? new Date('2025-03-01T10:00:05Z')),
  );
  const digestAlg = hashAlg('sha256');
  const sigAlg = spec.rsaEncryptionOid ? seq(oid('1.2.840.113549.1.1.1'), nul()) : algorithmId(spec.alg);
  const attr = (type: string, value: Buffer) => seq(oid(type), set(value));
  const attrs = [
    attr('1.2.840.113549.1.9.3', oid('1.2.840.113549.1.9.16.1.4')),
    attr('1.2.840.113549.1.9.5', time(spec.genTime ?? new Date('2025-03-01T10:00:05Z'))),
    attr('1.2.840.113549.1.9.4', octets(createHash('sha256').update(tstInfo).digest())),
    ...(spec.noEss ? [] : [attr('1.2.840.113549.1.9.16.2.47', seq(seq(seq(octets(createHash('sha256').update(spec.tsaCert).digest())))))]),
    ...(spec.noAlgorithmProtection ? [] : [attr('1.2.840.113549.1.9.52', seq(digestAlg, tlv(0xa1, ...derChildren(sigAlg))))]),
  ];
  // DER orders a SET OF by encoding (X.690 §11.6).
  attrs.sort(Buffer.compare);
  const signedAttrs = set(...attrs);
  const signature = signWith(spec.alg, signedAttrs, spec.tsaKey);
  const parts = certParts(spec.tsaCert);
  const sid = spec.sid === undefined || spec.sid === 'issuerSerial' ? seq(parts.issuer, parts.serial) : tlv(0x80, spec.sid.ski);
  const unsigned = spec.unsignedAttr ? [tlv(0xa1, seq(oid('1.2.3.4.99'), set(utf8('not signed'))))] : [];
  const signerInfo = seq(integer(spec.sid === undefined || spec.sid === 'issuerSerial' ? 1 : 3), sid, digestAlg, tlv(0xa0, ...derChildren(signedAttrs)), sigAlg, octets(signature), ...unsigned);
  const signedData = seq(
    integer(spec.version ?? 3),
    set(digestAlg),
    seq(oid('1.2.840.113549.1.9.16.1.4'), explicit(0, octets(tstInfo))),
    tlv(0xa0, ...(spec.certs ?? [spec.tsaCert])),
    set(signerInfo),
  );
  return seq(oid('1.2.840.113549.1.7.2'), explicit(0, signedData));
}

/** An X.509 v2 CRL (RFC 5280 §5.1) revoking `revoked` serials, with an authorityKeyIdentifier when `aki` is given. */
export function crl(spec: { issuer: Buffer; key: KeyObject; alg: CertAlg; revoked?: bigint[]; aki?: Buffer }): Buffer {
  const algId = algorithmId(spec.alg);
  const tbs = seq(
    integer(1),
    algId,
    spec.issuer,
    time(new Date('2025-03-01T00:00:00Z')),
    time(new Date('2025-09-01T00:00:00Z')),
    ...(spec.revoked && spec.revoked.length > 0 ? [seq(...spec.revoked.map((r) => seq(integer(r), time(new Date('2024-06-01T00:00:00Z')))))] : []),
    ...(spec.aki ? [explicit(0, seq(extension('2.5.29.35', false, seq(tlv(0x80, spec.aki)))))] : []),
  );
  return seq(tbs, algId, bits(signWith(spec.alg, tbs, spec.key)));
}

/** An OCSPResponse (RFC 6960 §4.2.1) saying `good` for `serial`, signed by the responder. */
export function ocspResponse(spec: { responderCert: Buffer; key: KeyObject; alg: CertAlg; serial: bigint; byKey?: boolean; certs?: Buffer[]; bare?: boolean }): Buffer {
  const parts = certParts(spec.responderCert);
  const bitString = derChildren(parts.spki)[1]!;
  const headerLength = bitString[1]! < 0x80 ? 2 : 2 + (bitString[1]! & 0x7f);
  const keyBits = bitString.subarray(headerLength + 1); // after tag, length and the unused-bits octet
  const responderId = spec.byKey ? tlv(0xa2, octets(createHash('sha1').update(keyBits).digest())) : tlv(0xa1, parts.subject);
  const certId = seq(seq(oid(SHA_OIDS.sha1), nul()), octets(Buffer.alloc(20, 1)), octets(Buffer.alloc(20, 2)), integer(spec.serial));
  const tbs = seq(responderId, gtime(new Date('2025-03-01T10:00:00Z')), seq(seq(certId, tlv(0x80, Buffer.alloc(0)), gtime(new Date('2025-03-01T10:00:00Z')))));
  const basic = seq(tbs, algorithmId(spec.alg), bits(signWith(spec.alg, tbs, spec.key)), ...(spec.certs ? [explicit(0, seq(...spec.certs))] : []));
  if (spec.bare) return basic;
  return seq(tlv(0x0a, Buffer.from([0])), explicit(0, seq(oid('1.3.6.1.5.5.7.48.1.1'), octets(basic))));
}

/** `etsiU` elements as JAdES writes them: base64url of the JSON of one component each. */
export const etsiUEntry = (component: Record<string, unknown>) => Buffer.from(JSON.stringify(component), 'utf8').toString('base64url');
export const tstComponent = (token: Buffer) => ({ tstTokens: [{ val: token.toString('base64') }] });

/** What an archive time-stamp covers (ETSI TS 119 182-1 §5.3.6.3.1.1): payload, protected header, signature and the elements before it. */
export function archiveInput(doc: SealedDoc, before: string[]): Buffer {
  const s = doc.signatures[0]!;
  return Buffer.from(`${doc.payload}.${s.protected}.${s.signature}.${before.join('')}`, 'utf8');
}
