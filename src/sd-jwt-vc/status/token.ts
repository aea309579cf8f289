/**
 * The Status List Token (Token Status List draft §5.1): the issuer's list signed as a compact JWS,
 * header `typ: statuslist+jwt`, claims `sub` (the list's URI, which credentials name in
 * `status.status_list.uri`), `iat`, `exp`, `ttl`, `iss` and `status_list: { bits, lst }`. Signed
 * with the keys `issueSdJwtVc` takes and identified the same way (`iss` for issuer keys or issuer
 * metadata, `x5c` for a certificate chain), so a verifier checks it with the keys it already
 * trusts for the credentials.
 * @module
 */
import { bytesToBase64Url, utf8Encode } from '../../json/encoding.js';
import { decodeTokenStatusList } from '../../status/token-list.js';
import { numericDate } from '../issue.js';
import { x5cHeaderOf } from '../issue/x5c.js';
import { createSdJwtVcSigner, type SdJwtVcAlg, type SdJwtVcJwk, type SdJwtVcKey } from '../keys.js';
import { isAbsoluteUri } from './claim.js';

/**
 * A list to put in a Status List Token: a token-format `StatusList` (eu-micro-credentials/status),
 * or anything with its `id` (the URI the token is published at) and its encoded `{ bits, lst }`.
 *
 * @example
 * const list = StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'token' });
 * const source: StatusListTokenSource = list;
 */
export interface StatusListTokenSource {
  /** The list's URI: the token's `sub`, and the `uri` of each credential's `status.status_list`. */
  readonly id: string;
  /** `bits` and the base64url ZLIB `lst` (draft §4.2). */
  encoded(): unknown;
  /** `token` for a Token Status List; a `bitstring` list (W3C) is refused. */
  readonly format?: string;
}

/**
 * Options of `createStatusListToken`.
 *
 * @example
 * const options: CreateStatusListTokenOptions = { key: issuerPrivateJwk, issuer: 'https://uni.example.eu', ttl: 43_200, exp: new Date(Date.now() + 86_400_000) };
 */
export interface CreateStatusListTokenOptions {
  /** The issuer's private key: a JWK with `d` (its `kid` becomes the header's), a private CryptoKey, or a key pair. */
  key: SdJwtVcKey;
  /** `ES256` or `EdDSA`; default: the key's. */
  alg?: SdJwtVcAlg;
  /** `iss`: the issuer, as in its credentials. Verifiers require it to be the credential's `iss` (or one they trust for status). */
  issuer?: string;
  /** The header's `kid`; default: the key JWK's `kid`, if any. */
  kid?: string;
  /** The issuer's certificate chain, leaf first (DER bytes, base64 DER or PEM): the header's `x5c`. */
  x5c?: readonly (string | Uint8Array)[];
  /** `iat`: when the token is issued; default now. */
  iat?: Date;
  /** `exp`: when verifiers stop relying on this token (draft: RECOMMENDED). */
  exp?: Date | string;
  /** `ttl`: seconds a verifier may cache the token before fetching a fresh one (draft: RECOMMENDED; a positive number). */
  ttl?: number;
}

/** `{ bits, lst }` of the list, checked by decoding it (a token is never made of a list that cannot be read). */
function statusListOf(list: StatusListTokenSource): { bits: number; lst: string } {
  if (typeof list !== 'object' || list === null || typeof list.encoded !== 'function') throw new TypeError('list must be a token StatusList, or an object with `id` and `encoded()` returning { bits, lst }');
  if (list.format !== undefined && list.format !== 'token') throw new TypeError(`list is a ${JSON.stringify(list.format)} list; a Status List Token carries a token list (StatusList.create({ format: 'token', … }))`);
  if (typeof list.id !== 'string' || !isAbsoluteUri(list.id)) throw new TypeError('list.id must be the absolute URI the token is published at (its `sub`)');
  const encoded = list.encoded() as { bits?: unknown; lst?: unknown } | null;
  try {
    decodeTokenStatusList(encoded);
  } catch (e) {
    throw new TypeError(`list.encoded() is not a Token Status List { bits, lst }: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { bits: encoded!.bits as number, lst: encoded!.lst as string };
}

/** `iat`, `exp`, `ttl`, checked. */
function timesOf(options: CreateStatusListTokenOptions): { iat: number; exp?: number; ttl?: number } {
  const iat = numericDate(options.iat ?? new Date(), 'iat');
  const exp = options.exp === undefined ? undefined : numericDate(options.exp, 'exp');
  if (exp !== undefined && exp <= iat) throw new TypeError(`exp (${new Date(exp * 1000).toISOString()}) is not after iat: the token would be born expired`);
  const { ttl } = options;
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isFinite(ttl) && ttl > 0)) throw new TypeError('ttl must be a positive number of seconds');
  return { iat, ...(exp !== undefined ? { exp } : {}), ...(ttl !== undefined ? { ttl } : {}) };
}

/**
 * Makes the Status List Token of a list: a compact JWS (`typ: statuslist+jwt`) with `sub` the list's
 * id, `iat`, `exp` and `ttl` when given, `iss` when given, and `status_list` — to publish at the
 * list's URI (media type `application/statuslist+jwt`) or give to verifiers in `statusLists`.
 * Sign it again whenever the list changes or the token nears `exp`. Misuse (no key, a bitstring
 * list, an unreadable list, `exp` not after `iat`) is a TypeError.
 *
 * @example
 * const list = StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'token' });
 * const index = list.allocate();
 * const credential = await issueSdJwtVc(mc, { key: issuerPrivateJwk, issuer: 'https://uni.example.eu', status: list.entry(index) });
 * list.revoke(index);
 * const token = await createStatusListToken(list, { key: issuerPrivateJwk, issuer: 'https://uni.example.eu', ttl: 3600 });
 * const result = await verifySdJwtVc(presentation, { issuerKeys: [issuerPublicJwk], statusLists: [token] });
 * result.issues.map((i) => i.code); // ['STATUS_REVOKED']
 */
export async function createStatusListToken(list: StatusListTokenSource, options: CreateStatusListTokenOptions): Promise<string> {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object with at least `key`');
  if (options.key === undefined || options.key === null) throw new TypeError("options.key is required: the issuer's private key (JWK or CryptoKey)");
  const statusList = statusListOf(list);
  const times = timesOf(options);
  if (options.issuer !== undefined && (typeof options.issuer !== 'string' || options.issuer === '')) throw new TypeError('issuer must be a non-empty string');
  if (options.kid !== undefined && (typeof options.kid !== 'string' || options.kid === '')) throw new TypeError('kid must be a non-empty string');
  const { signer, alg } = await createSdJwtVcSigner(options.key, options.alg);
  const keyKid = typeof (options.key as SdJwtVcJwk).kid === 'string' ? (options.key as SdJwtVcJwk).kid : undefined;
  const kid = options.kid ?? keyKid;
  const header: Record<string, unknown> = { alg, typ: 'statuslist+jwt', ...(kid !== undefined ? { kid } : {}) };
  if (options.x5c !== undefined) header.x5c = await x5cHeaderOf(options.x5c, signer, alg);
  const payload = { ...(options.issuer !== undefined ? { iss: options.issuer } : {}), sub: list.id, ...times, status_list: statusList };
  const input = `${bytesToBase64Url(utf8Encode(JSON.stringify(header)))}.${bytesToBase64Url(utf8Encode(JSON.stringify(payload)))}`;
  return `${input}.${await signer(input)}`;
}
