/**
 * The second phase of a signature's check: its signer certificate. Found in `x5c` (RFC 7515
 * §4.1.6), or by a signed digest among the validation data and the caller's intermediates (JAdES
 * lets it travel outside the header when `x5t#S256`/`x5t#o` binds it); then held to the digests
 * and `kid` the header gives, and its key to the algorithm (RFC 7518 §3.3-3.5).
 * @module
 */
import { base64UrlToBytes, bytesEqual, lenientBase64ToBytes, type Bytes } from '../json/encoding.js';
import type { HashName } from './algorithms.js';
import { MAX_CERTIFICATE_CHARS, MAX_X5C, sha, type Path, type Scope } from './context.js';
import type { Headers } from './headers.js';
import { readDigest } from './jades.js';
import { own, type JwsAlgorithm } from './jws.js';
import { webCryptoParams } from './keys.js';
import { parseIssuerSerial, tryParseCertificate, type Certificate } from './x509.js';

/** A digest of the signer certificate that the header gives. */
interface CertificateDigest {
  readonly name: string;
  readonly hash: HashName;
  readonly digest: Bytes;
  /** In the protected header. */
  readonly signed: boolean;
}

/** The signer certificate and the certificates that came with it. */
export interface Signer {
  readonly leaf?: Certificate;
  /** `x5c`, signer first. */
  readonly chain: readonly Certificate[];
  /** Where `x5c` is (or would be). */
  readonly x5cPath: Path;
}

/** Reads `x5c`: the certificates, or the reason it cannot be used (RFC 7515 §4.1.6). */
function readX5c(value: unknown, path: Path, s: Scope): Certificate[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    s.add('EDC_SEAL_HEADER_INVALID', path, '`x5c` must be a non-empty array of base64 certificates (RFC 7515 §4.1.6).');
    return undefined;
  }
  if (value.length > MAX_X5C) {
    s.add('EDC_SEAL_LIMIT_EXCEEDED', path, `\`x5c\` has ${value.length} certificates; at most ${MAX_X5C} are accepted.`);
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
      s.add('EDC_SEAL_CERTIFICATE_INVALID', [...path, j], `\`x5c[0]\`, the signer certificate, is not a certificate: ${parsed.reason}.`);
      return undefined;
    } else {
      // The others only help build the chain: a bad one is skipped, and trust fails if it was needed.
      s.add('EDC_SEAL_CERTIFICATE_INVALID', [...path, j], `\`x5c[${j}]\` is not a certificate (${parsed.reason}); it was skipped.`, 'warning');
    }
  }
  return certs;
}

/** Digests the header gives of the signer certificate: x5t#S256 (RFC 7515 §4.1.8), x5t (§4.1.7), x5t#o (ETSI TS 119 182-1 §5.2.2.2). */
function readDigests({ prot, unprot }: Headers, s: Scope): CertificateDigest[] {
  const digests: CertificateDigest[] = [];
  for (const [name, hash, size] of [['x5t#S256', 'SHA-256', 32], ['x5t', 'SHA-1', 20]] as const) {
    const signed = own(prot, name) !== undefined;
    const value = signed ? own(prot, name) : own(unprot, name);
    if (value === undefined) continue;
    const digest = typeof value === 'string' ? base64UrlToBytes(value) : undefined;
    if (digest === undefined || digest.length !== size) s.add('EDC_SEAL_HEADER_INVALID', [...(signed ? s.protPath : s.headerPath), name], `\`${name}\` must be the base64url ${hash} digest of the certificate (${size} bytes).`);
    else digests.push({ name, hash, digest, signed });
  }
  const x5to = own(prot, 'x5t#o');
  if (x5to !== undefined) {
    const d = readDigest(x5to);
    if (d === undefined) s.add('EDC_SEAL_HEADER_INVALID', [...s.protPath, 'x5t#o'], '`x5t#o` must be `{ digAlg, digVal }` (ETSI TS 119 182-1 §5.2.2.2).');
    else if (d !== 'unknown') digests.push({ name: 'x5t#o', hash: d.hash, digest: d.digest, signed: true });
  }
  return digests;
}

/** The signer's certificate must be the one the signed header names (ETSI TS 119 182-1 §5.1.7, §5.1.4). */
async function checkBinding(leaf: Certificate, digests: readonly CertificateDigest[], x5cProtected: boolean, x5cPath: Path, { prot }: Headers, s: Scope): Promise<void> {
  let bound = x5cProtected;
  for (const d of digests) {
    if (!bytesEqual(await sha(d.hash, leaf.der), d.digest)) {
      s.add('EDC_SEAL_THUMBPRINT_MISMATCH', [...(d.signed ? s.protPath : s.headerPath), d.name], `\`${d.name}\` is not the ${d.hash} digest of the signer certificate "${leaf.subject.text}": the header names another certificate.`);
    } else if (d.signed) {
      bound = true;
    }
  }
  if (!bound) s.add('EDC_SEAL_CERTIFICATE_UNPROTECTED', x5cPath, 'The signer certificate is only in the unprotected header and no signed digest (`x5t#S256`, `x5t#o`) binds it to the signature (ETSI TS 119 182-1 §5.1.7).');
  // kid: in JAdES, base64 of a DER IssuerSerial (ETSI TS 119 182-1 §5.1.4); elsewhere free-form, so only a readable IssuerSerial is compared.
  const kid = own(prot, 'kid');
  if (typeof kid === 'string' && kid.length < 65536) {
    const der = lenientBase64ToBytes(kid);
    const issuerSerial = der === undefined ? undefined : parseIssuerSerial(der);
    if (issuerSerial && !(bytesEqual(issuerSerial.issuer, leaf.issuer.der) && bytesEqual(issuerSerial.serial, leaf.serialBytes))) {
      s.add('EDC_SEAL_KID_MISMATCH', [...s.protPath, 'kid'], '`kid` is an IssuerSerial naming another certificate than the signer certificate.');
    }
  }
}

/**
 * Finds the signer certificate: `x5c[0]`, else (JAdES) a certificate in `etsiU` or the caller's
 * intermediates that a signed digest names. Reports what is wrong; `leaf` is absent when none is found.
 */
export async function findSigner(h: Headers, s: Scope, etsiUCerts: readonly Certificate[]): Promise<Signer> {
  const x5cProtected = own(h.prot, 'x5c') !== undefined;
  const x5cValue = x5cProtected ? own(h.prot, 'x5c') : own(h.unprot, 'x5c');
  const x5cPath = [...(x5cProtected ? s.protPath : s.headerPath), 'x5c'];
  const chain = x5cValue === undefined ? [] : readX5c(x5cValue, x5cPath, s) ?? [];
  let leaf = chain[0];
  const digests = readDigests(h, s);
  if (leaf === undefined && x5cValue === undefined) {
    for (const candidate of [...etsiUCerts, ...s.ctx.intermediates]) {
      let matches = false;
      for (const d of digests) if (d.signed && bytesEqual(await sha(d.hash, candidate.der), d.digest)) matches = true;
      if (matches) {
        leaf = candidate;
        break;
      }
    }
    if (leaf === undefined) s.add('EDC_SEAL_CERTIFICATE_MISSING', s.protPath, 'No signer certificate: the header has no `x5c`, and no certificate in `etsiU` or `options.intermediates` matches a signed `x5t#S256`/`x5t#o`.');
  }
  if (leaf !== undefined) await checkBinding(leaf, digests, x5cProtected, x5cPath, h, s);
  return { ...(leaf ? { leaf } : {}), chain, x5cPath };
}

/** The WebCrypto parameters for verifying with the signer's key, or `undefined` (reported) when the key does not fit `alg` (RFC 7518 §3.3-3.5). */
export function keyParams(alg: JwsAlgorithm, leaf: Certificate, x5cPath: Path, s: Scope): ReturnType<typeof webCryptoParams> {
  const algName = String(s.result.algorithm);
  const params = webCryptoParams(alg.scheme, leaf.publicKey);
  const key = leaf.publicKey;
  let problem: string | undefined;
  if (params === undefined) problem = `The signer certificate's key (${key.type === 'unsupported' ? key.reason ?? key.oid : key.type}) cannot make ${algName} signatures.`;
  else if (alg.curve !== undefined && key.curve !== alg.curve) problem = `${algName} needs a ${alg.curve} key, the certificate has ${key.curve ?? key.type} (RFC 7518 §3.4).`;
  else if (key.type === 'RSA' && (key.bits ?? 0) < 2048) problem = `The signer's RSA key has ${key.bits ?? 0} bits; RFC 7518 §3.3 requires at least 2048.`;
  if (problem === undefined) return params;
  s.add('EDC_SEAL_KEY_UNSUPPORTED', [...x5cPath, 0], problem);
  return undefined;
}
