/**
 * Who signed a Status List Token, checked the way the credential's own issuer is (verify/issuer-key.ts,
 * SD-JWT VC draft §3.5; Token Status List draft §12.3, "the same key … or the same web-based key
 * resolution"): a key of `issuerKeys` (by the issuer's `iss` when given by issuer), of the issuer
 * metadata whose `issuer` is the issuer, or of an `x5c` certificate that chains to a trust anchor
 * and names the issuer (a subjectAltName URI, or the DNS name of an https issuer). The issuer is the
 * token's `iss`, or the credential's when the token has none.
 *
 * The outcome is kept with the token for the trust inputs it was made with (the keys, metadata and
 * anchors given, the issuer; the time too when a certificate chain is involved, whose validity
 * depends on it), so the same token checked again with the same inputs costs no signature check.
 * @module
 */
import { bytesToBase64 } from '../../json/encoding.js';
import type { Json } from '../verify/decode.js';
import { checkIssuerSignature, type IssuerKeySources } from '../verify/issuer-key.js';
import type { ReadToken, TokenTrust } from './read.js';

/** A few trust fingerprints per token are kept (a verifier rarely changes its keys). */
const MAX_TRUST_PER_TOKEN = 8;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Json, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** What a key check reads of a JWK (verify/signature.ts, issuer-key.ts), read the same way (inherited members too). */
const jwkView = (k: unknown): unknown => (isObject(k) ? [k.kty, k.crv, k.x, k.y, k.n, k.e, k.alg, k.use, k.key_ops, k.kid] : typeof k);

/** The JWKs the checks can use for `issuer`: the whole list, or the list given for the issuer. */
function keysView(keys: IssuerKeySources['issuerKeys'], issuer: string | undefined): unknown {
  if (keys === undefined) return null;
  if (Array.isArray(keys)) return ['any', keys.map(jwkView)];
  const mine = issuer === undefined ? undefined : own(keys as Json, issuer);
  return ['by-iss', Array.isArray(mine) ? mine.map(jwkView) : null];
}

/** The issuer metadata documents as the checks read them: whether each is the issuer's, and its keys. */
function metadataView(docs: IssuerKeySources['issuerMetadata'], issuer: string | undefined): unknown {
  return (docs ?? []).map((doc) => {
    if (!isObject(doc)) return null;
    if (issuer === undefined || own(doc, 'issuer') !== issuer) return 'other';
    const jwks = own(doc, 'jwks');
    const keys = isObject(jwks) ? own(jwks, 'keys') : undefined;
    return Array.isArray(keys) ? keys.map(jwkView) : 'no-keys';
  });
}

/**
 * The trust inputs as one string: what the checks read of them, so that two inputs with the same
 * fingerprint get the same answer. Undefined when they cannot be read (then nothing is kept).
 */
function fingerprintOf(issuer: string | undefined, sources: IssuerKeySources, withTime: boolean): string | undefined {
  try {
    return JSON.stringify([
      issuer ?? null,
      keysView(sources.issuerKeys, issuer),
      metadataView(sources.issuerMetadata, issuer),
      sources.trustAnchors.map((a) => bytesToBase64(a.der)),
      withTime ? sources.now.getTime() : null,
    ]);
  } catch {
    return undefined;
  }
}

/** The payload as checked: `iss` is the issuer the token speaks for (its own, or the credential's). */
function payloadFor(payload: Json, issuer: string | undefined): Json {
  const { iss: _ignored, ...rest } = payload;
  return issuer === undefined ? rest : { ...rest, iss: issuer };
}

/**
 * Checks the token's signature with a key of `issuer` from `sources`.
 *
 * @example
 * const trust = await trustStatusListToken(token, 'https://uni.example.eu', { issuerKeys: [issuerPublicJwk], trustAnchors: [], now: new Date() });
 * trust.ok; // true when a key of the issuer verified it
 */
export async function trustStatusListToken(token: ReadToken, issuer: string | undefined, sources: IssuerKeySources): Promise<TokenTrust> {
  const withTime = Object.prototype.hasOwnProperty.call(token.jwt.header, 'x5c') && sources.trustAnchors.length > 0;
  const fingerprint = fingerprintOf(issuer, sources, withTime);
  const known = fingerprint === undefined ? undefined : token.trust.get(fingerprint);
  if (known !== undefined) return known;
  const jwt = { ...token.jwt, payload: payloadFor(token.jwt.payload, issuer) };
  const signed = await checkIssuerSignature(jwt, token.alg, sources);
  const ok = signed.signatureValid && signed.issues.length === 0;
  const trust: TokenTrust = {
    ok,
    ...(ok ? {} : { problem: signed.issues.map((i) => i.message).join(' ') || 'Its signature does not verify.' }),
    ...(signed.issuer.by === 'x5c' && signed.issuer.certificate !== undefined ? { certificateSubject: signed.issuer.certificate.subject } : {}),
  };
  if (fingerprint !== undefined) {
    if (token.trust.size >= MAX_TRUST_PER_TOKEN) token.trust.clear();
    token.trust.set(fingerprint, trust);
  }
  return trust;
}
