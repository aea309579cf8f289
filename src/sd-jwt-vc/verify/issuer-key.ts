/**
 * The issuer's key (SD-JWT VC draft §3.5, "Issuer Verification Key Discovery and Validation"),
 * from what the caller gives, never fetched:
 * - `x5c` in the protected header, with `trustAnchors`: the chain is validated to an anchor at the
 *   time of the check (src/seal/chain.ts); the issuer is the end-entity certificate's subject, and
 *   an `iss` must be one of its subjectAltName URIs or, for an `https` `iss`, its host one of its DNS
 *   names. Without `trustAnchors` an `x5c` key is not used: anyone can put a certificate there.
 * - `issuerMetadata`: JWT VC Issuer Metadata documents (`{ issuer, jwks }`, draft §4); a document is
 *   used only when its `issuer` is identical to `iss` (§4.3).
 * - `issuerKeys`: JWKs, or JWKs by `iss`.
 * JWKs are matched on the header's `kid` when both have one. A key carried in the header itself
 * (`jwk`, `jku`, `x5u`) is never used.
 * @module
 */
import { Certificate as AsnCertificate, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { bytesEqual } from '../../json/encoding.js';
import { decode } from '../../seal/algorithms.js';
import { validateChain } from '../../seal/chain.js';
import { certificateBytesFrom, extensionValue, tryParseCertificate, type Certificate } from '../../seal/x509.js';
import { type SdJwtVcIssue, type SdJwtVcIssueCode, sdJwtVcIssue } from '../codes.js';
import type { DecodedJwt, Json } from './decode.js';
import { importCertificateKey, importJwk, verifyJws, type ImportedKey, type JwsAlg } from './signature.js';

/**
 * Who the issuer is, as far as the key tells: the result's `issuer`.
 *
 * @example
 * const { issuer } = await verifySdJwtVc(presentation, { trustAnchors: [rootPem] });
 * issuer; // { iss: 'https://uni.example.eu', by: 'x5c', certificate: { subject: 'CN=Uni Issuer, O=Uni' } }
 */
export interface IssuerIdentity {
  iss?: string;
  kid?: string;
  /** The end-entity certificate of `x5c`, when the key came from it. */
  certificate?: { subject: string };
  /** Where the key that verified the signature came from; absent when none did. */
  by?: 'issuerKeys' | 'issuerMetadata' | 'x5c';
}

/** The caller's sources of issuer keys (already read from the options). */
export interface IssuerKeySources {
  readonly issuerKeys?: readonly unknown[] | Readonly<Record<string, readonly unknown[]>>;
  readonly issuerMetadata?: readonly unknown[];
  readonly trustAnchors: readonly Certificate[];
  readonly now: Date;
}

type Candidate = { by: 'issuerKeys' | 'issuerMetadata'; jwk: unknown } | { by: 'x5c'; certificate: Certificate };

const MAX_CANDIDATES = 16;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: object, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? (o as Json)[k] : undefined);

/** subjectAltName URIs and DNS names of a certificate (which passed the DER gate). */
function altNames(cert: Certificate): { uris: string[]; dns: string[] } {
  const uris: string[] = [];
  const dns: string[] = [];
  try {
    const ext = decode(cert.der, AsnCertificate, 'Certificate').tbsCertificate.extensions?.find((e) => e.extnID === '2.5.29.17');
    if (ext) {
      for (const name of extensionValue(ext, SubjectAlternativeName, 'SubjectAlternativeName', 256)) {
        if (name.uniformResourceIdentifier !== undefined) uris.push(name.uniformResourceIdentifier);
        if (name.dNSName !== undefined) dns.push(name.dNSName.toLowerCase());
      }
    }
  } catch {
    // An unreadable subjectAltName names nobody.
  }
  return { uris, dns };
}

/** Whether `iss` names the certificate's subject: a URI SAN equal to it, or an https `iss` whose host is a DNS SAN. */
function issMatches(iss: string, cert: Certificate): boolean {
  const { uris, dns } = altNames(cert);
  if (uris.includes(iss)) return true;
  let host: string | undefined;
  try {
    const url = new URL(iss);
    if (url.protocol === 'https:') host = url.hostname.toLowerCase();
  } catch {
    return false;
  }
  return host !== undefined && dns.includes(host);
}

/** The certificates of `x5c` (leaf first), with issues for what cannot be read. */
function readX5c(value: unknown, add: (code: SdJwtVcIssueCode, path: string, message: string) => void): Certificate[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 10) {
    add('SDJWT_CERTIFICATE_INVALID', '/header/x5c', '`x5c` is not an array of 1 to 10 base64 certificates (RFC 7515 §4.1.6).');
    return undefined;
  }
  const certs: Certificate[] = [];
  for (const [i, text] of value.entries()) {
    const bytes = typeof text === 'string' ? certificateBytesFrom(text) : undefined;
    const parsed = bytes?.length === 1 ? tryParseCertificate(bytes[0]!) : { ok: false as const, reason: 'not a base64 DER certificate' };
    if (!parsed.ok) {
      add('SDJWT_CERTIFICATE_INVALID', `/header/x5c/${i}`, `Certificate ${i} of \`x5c\` cannot be read: ${parsed.reason}.`);
      return undefined;
    }
    certs.push(parsed.certificate);
  }
  return certs;
}

/**
 * What forbids the signing certificate to sign the credential (RFC 5280 §4.2.1.3, §4.2.1.9): a
 * keyUsage with neither digitalSignature nor nonRepudiation (as the seal's trust check), and a CA
 * certificate, whose key is for certificates, unless the verifier pinned it as a trust anchor.
 */
function signerProblems(leaf: Certificate, anchors: readonly Certificate[], add: (code: SdJwtVcIssueCode, path: string, message: string) => void): void {
  const ku = leaf.extensions.keyUsage;
  if (ku !== undefined && ku[0] !== true && ku[1] !== true) {
    add('SDJWT_CERTIFICATE_INVALID', '/header/x5c/0', `The signing certificate "${leaf.subject.text}" may not make signatures: its keyUsage has neither digitalSignature nor nonRepudiation (RFC 5280 §4.2.1.3).`);
  }
  if (leaf.extensions.basicConstraints?.ca === true && !anchors.some((a) => bytesEqual(a.der, leaf.der))) {
    add('SDJWT_CERTIFICATE_INVALID', '/header/x5c/0', `The signing certificate "${leaf.subject.text}" is a CA certificate (basicConstraints cA): its key signs certificates, not credentials; an issuer signs with an end-entity certificate.`);
  }
}

async function x5cCandidate(header: Json, iss: string | undefined, sources: IssuerKeySources, add: (code: SdJwtVcIssueCode, path: string, message: string) => void): Promise<Candidate | undefined> {
  const certs = readX5c(header.x5c, add);
  if (certs === undefined) return undefined;
  const [leaf, ...pool] = certs;
  const chain = await validateChain(leaf!, pool, sources.trustAnchors, sources.now);
  for (const p of chain.problems) add('SDJWT_CERTIFICATE_INVALID', '/header/x5c', p.message);
  signerProblems(leaf!, sources.trustAnchors, add);
  if (iss !== undefined && !issMatches(iss, leaf!)) {
    add('SDJWT_ISSUER_MISMATCH', '/payload/iss', `\`iss\` ${JSON.stringify(iss)} is neither a subjectAltName URI of the signing certificate "${leaf!.subject.text}" nor, for an https \`iss\`, a DNS name of it.`);
  }
  return { by: 'x5c', certificate: leaf! };
}

/** JWKs of the issuer metadata documents whose `issuer` is `iss`. */
function metadataKeys(docs: readonly unknown[], iss: string | undefined, add: (code: SdJwtVcIssueCode, path: string, message: string) => void): unknown[] {
  const keys: unknown[] = [];
  const others: string[] = [];
  for (const doc of docs) {
    if (!isObject(doc)) continue;
    const issuer = own(doc, 'issuer');
    if (iss === undefined || issuer !== iss) {
      others.push(JSON.stringify(issuer));
      continue;
    }
    const jwks = own(doc, 'jwks');
    const list = isObject(jwks) ? own(jwks, 'keys') : undefined;
    if (Array.isArray(list)) keys.push(...list);
    else add('SDJWT_ISSUER_KEY_UNKNOWN', '/payload/iss', `The issuer metadata of ${JSON.stringify(iss)} has no \`jwks\` with \`keys\` (a \`jwks_uri\` is not fetched: fetch it and pass its keys as \`jwks\`).`);
  }
  if (keys.length === 0 && others.length > 0) {
    add('SDJWT_ISSUER_MISMATCH', '/payload/iss', `No issuer metadata document given is for \`iss\` ${JSON.stringify(iss) ?? '(absent)'}: their \`issuer\` is ${others.slice(0, 3).join(', ')} (draft §4.3: it must be identical to \`iss\`).`);
  }
  return keys;
}

/** JWKs whose `kid` is the header's; when none has it, the JWKs without a `kid` (RFC 7515 §4.1.4: a hint). */
function byKid(jwks: unknown[], kid: string | undefined): unknown[] {
  if (kid === undefined) return jwks;
  const same = jwks.filter((k) => isObject(k) && k.kid === kid);
  return same.length > 0 ? same : jwks.filter((k) => isObject(k) && k.kid === undefined);
}

function candidatesOf(iss: string | undefined, kid: string | undefined, sources: IssuerKeySources, add: (code: SdJwtVcIssueCode, path: string, message: string) => void): Candidate[] {
  const out: Candidate[] = [];
  if (sources.issuerMetadata !== undefined) for (const jwk of byKid(metadataKeys(sources.issuerMetadata, iss, add), kid)) out.push({ by: 'issuerMetadata', jwk });
  const keys = sources.issuerKeys;
  if (keys !== undefined) {
    const list = Array.isArray(keys) ? keys : iss !== undefined ? own(keys, iss) : undefined;
    if (Array.isArray(list)) for (const jwk of byKid(list, kid)) out.push({ by: 'issuerKeys', jwk });
  }
  return out;
}

/**
 * Finds the issuer's key and checks the signature of the issuer-signed JWT with it.
 *
 * @example
 * const { issuer, signatureValid, issues } = await checkIssuerSignature(decoded.jwt, 'ES256', { issuerKeys: [publicJwk], trustAnchors: [], now: new Date() });
 */
export async function checkIssuerSignature(jwt: DecodedJwt, alg: JwsAlg, sources: IssuerKeySources): Promise<{ issuer: IssuerIdentity; signatureValid: boolean; issues: SdJwtVcIssue[] }> {
  const issues: SdJwtVcIssue[] = [];
  const add = (code: SdJwtVcIssueCode, path: string, message: string) => issues.push(sdJwtVcIssue(code, 'error', path, null, message, 'sd-jwt'));
  const { header, payload } = jwt;
  const iss = typeof payload.iss === 'string' ? payload.iss : undefined;
  if (payload.iss !== undefined && iss === undefined) add('SDJWT_INPUT_MALFORMED', '/payload/iss', '`iss` is not a string (RFC 7519 §4.1.1).');
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const issuer: IssuerIdentity = { ...(iss !== undefined ? { iss } : {}), ...(kid !== undefined ? { kid } : {}) };
  const candidates: Candidate[] = [];
  const hasX5c = Object.prototype.hasOwnProperty.call(header, 'x5c');
  if (hasX5c && sources.trustAnchors.length > 0) {
    const c = await x5cCandidate(header, iss, sources, add);
    if (c) candidates.push(c);
  }
  candidates.push(...candidatesOf(iss, kid, sources, add));
  if (candidates.length === 0) {
    if (!issues.some((i) => i.code === 'SDJWT_CERTIFICATE_INVALID' || i.code === 'SDJWT_ISSUER_MISMATCH' || i.code === 'SDJWT_ISSUER_KEY_UNKNOWN')) {
      const why = hasX5c && sources.trustAnchors.length === 0 ? ' The header has `x5c`, but no `trustAnchors` were given to validate it with.' : '';
      add('SDJWT_ISSUER_KEY_UNKNOWN', kid !== undefined ? '/header/kid' : '/header', `No issuer key to check the signature with: none of \`issuerKeys\` or \`issuerMetadata\` is for ${iss !== undefined ? `\`iss\` ${JSON.stringify(iss)}` : 'this SD-JWT (it has no `iss`)'}${kid !== undefined ? ` with \`kid\` ${JSON.stringify(kid)}` : ''}.${why}`);
    }
    return { issuer, signatureValid: false, issues };
  }
  const reasons: string[] = [];
  for (const c of candidates.slice(0, MAX_CANDIDATES)) {
    const imported: ImportedKey = c.by === 'x5c' ? await importCertificateKey(c.certificate, alg) : await importJwk(c.jwk, alg);
    if (!imported.ok) {
      reasons.push(imported.reason);
      continue;
    }
    if (await verifyJws(alg, imported.key, jwt.signingInput, jwt.signature)) {
      issuer.by = c.by;
      if (c.by === 'x5c') issuer.certificate = { subject: c.certificate.subject.text };
      return { issuer, signatureValid: true, issues };
    }
  }
  const unusable = reasons.length > 0 ? ` (${[...new Set(reasons)].slice(0, 3).join('; ')})` : '';
  add('SDJWT_SIGNATURE_INVALID', '/signature', `The issuer's signature does not verify with ${candidates.length === 1 ? 'the issuer key' : `any of the ${Math.min(candidates.length, MAX_CANDIDATES)} issuer keys`} found${unusable}: the header or payload was changed after signing, or the key is not the signer's.`);
  return { issuer, signatureValid: false, issues };
}
