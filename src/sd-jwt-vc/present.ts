/**
 * Presentation of an SD-JWT VC by its holder, on `@sd-jwt/core`: the issuer-signed JWT unchanged,
 * only the chosen disclosures (and the parents a nested one needs), and a key-binding JWT (RFC 9901
 * §4.3: `typ: kb+jwt`, `iat`, `aud`, `nonce`, `sd_hash` over the exact SD-JWT presented) signed with
 * the holder's key, which must be the SD-JWT's `cnf.jwk`.
 * @module
 */
import { KBJwt, SDJwt } from '@sd-jwt/core';
import type { Disclosure } from '@sd-jwt/utils';
import { bytesToBase64Url } from '../json/encoding.js';
import { pointerOf } from '../json/pointer.js';
import { disclosureTree } from './issue/disclosure-tree.js';
import { describePath, resolveClaimPath, type SdJwtVcClaimPath } from './issue/paths.js';
import { createSdJwtVcSigner, createSdJwtVcVerifier, isSupportedHashAlg, publicJwkFromKey, sdJwtVcHasher, type SdJwtVcJwk, type SdJwtVcKey } from './keys.js';

/**
 * Options of `presentSdJwtVc`.
 *
 * @example
 * const options: PresentSdJwtVcOptions = { disclose: ['title', 'givenName', 'familyName'], holderKey, audience: 'https://employer.example', nonce: 'n-0S6_WzA2Mj' };
 */
export interface PresentSdJwtVcOptions {
  /**
   * What to disclose: claim names, JSON Pointers (`/address/street_address`) or arrays of names and
   * indexes (`['nationalities', 0]`), into the claims as the holder sees them (every disclosure in
   * place); or `'all'`. Disclosing a nested claim discloses the claims it is inside; disclosing an
   * object or array does not disclose its own selectively disclosable members: list them too.
   */
  disclose: readonly SdJwtVcClaimPath[] | 'all';
  /** The holder's private key (the one `cnf.jwk` names). Required when the SD-JWT has `cnf`. */
  holderKey?: SdJwtVcKey;
  /** `aud` of the key-binding JWT: the verifier. Required with key binding. */
  audience?: string;
  /** `nonce` of the key-binding JWT, as the verifier gave it. Required with key binding. */
  nonce?: string;
  /** `iat` of the key-binding JWT; default now. */
  now?: Date;
}

/** The SD-JWT decoded by the library, refusing (TypeError) what is not an SD-JWT to present. */
async function decode(sdJwt: string): Promise<{ sdjwt: SDJwt; payload: Record<string, unknown>; alg: string }> {
  if (typeof sdJwt !== 'string' || !sdJwt.includes('~')) throw new TypeError('sdJwt must be an SD-JWT in compact form (issuer-signed JWT~disclosures~)');
  if (!sdJwt.endsWith('~')) throw new TypeError('sdJwt already ends with a key-binding JWT: present the SD-JWT as issued');
  const jwt = sdJwt.slice(0, sdJwt.indexOf('~'));
  if (jwt.split('.').length !== 3) throw new TypeError('sdJwt does not start with a compact JWS (header.payload.signature)');
  let payload: Record<string, unknown> | undefined;
  try {
    payload = (await SDJwt.extractJwt<Record<string, unknown>, Record<string, unknown>>(sdJwt)).payload;
  } catch {
    payload = undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError('the issuer-signed JWT of sdJwt has no JSON object payload');
  const alg = payload._sd_alg ?? 'sha-256';
  if (!isSupportedHashAlg(alg)) throw new TypeError(`the SD-JWT's _sd_alg ${JSON.stringify(alg)} is not supported (sha-256, sha-384, sha-512)`);
  try {
    return { sdjwt: await SDJwt.fromEncode(sdJwt, sdJwtVcHasher), payload, alg };
  } catch (e) {
    throw new TypeError(`sdJwt cannot be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The disclosures `disclose` selects, in the order of the SD-JWT; a path with none is a TypeError naming it. */
function select(payload: Record<string, unknown>, disclosures: readonly Disclosure[], disclose: PresentSdJwtVcOptions['disclose']): Disclosure[] {
  const { claims, byPointer } = disclosureTree(payload, disclosures);
  if (disclose === 'all') return disclosures.filter((d) => [...byPointer.values()].includes(d));
  if (!Array.isArray(disclose)) throw new TypeError("disclose must be an array of claim paths or 'all'");
  const chosen = new Set<Disclosure>();
  for (const path of disclose) {
    const resolved = resolveClaimPath(claims, path, 'disclose');
    const needed: Disclosure[] = [];
    for (let n = 1; n <= resolved.length; n++) {
      const d = byPointer.get(pointerOf(resolved.slice(0, n)));
      if (d !== undefined) needed.push(d);
    }
    if (needed.length === 0) {
      throw new TypeError(`disclose ${describePath(path)}: the SD-JWT has no disclosure for it (it is not selectively disclosable, so every presentation shows it already)`);
    }
    for (const d of needed) chosen.add(d);
  }
  return disclosures.filter((d) => chosen.has(d));
}

/** The key-binding JWT over `presented`, checked against `cnf.jwk`. */
async function keyBinding(presented: string, alg: string, cnf: unknown, options: PresentSdJwtVcOptions): Promise<string> {
  if (options.holderKey === undefined) throw new TypeError('the SD-JWT is bound to a holder key (cnf): holderKey is required to sign the key-binding JWT');
  const jwk = (cnf as { jwk?: unknown } | null)?.jwk;
  if (typeof jwk !== 'object' || jwk === null) throw new TypeError('the SD-JWT\'s cnf has no jwk: only cnf.jwk holder binding is supported');
  for (const [name, value] of [['audience', options.audience], ['nonce', options.nonce]] as const) {
    if (typeof value !== 'string' || value === '') throw new TypeError(`${name} is required for the key-binding JWT (a non-empty string, as the verifier gave it)`);
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) throw new TypeError('now must be a valid Date');
  const { signer, alg: kbAlg } = await createSdJwtVcSigner(options.holderKey);
  const sdHash = bytesToBase64Url(await sdJwtVcHasher(presented, alg));
  const kbJwt = new KBJwt({
    header: { typ: 'kb+jwt', alg: kbAlg },
    payload: { iat: Math.floor(now.getTime() / 1000), aud: options.audience!, nonce: options.nonce!, sd_hash: sdHash },
  });
  const compact = await kbJwt.sign(signer);
  const [h, p, s] = compact.split('.');
  const bound = await publicJwkFromKey(jwk as SdJwtVcJwk, 'cnf.jwk').catch(() => undefined);
  const verifier = bound === undefined ? undefined : await createSdJwtVcVerifier(bound, kbAlg).catch(() => undefined);
  if (verifier === undefined || !(await verifier(`${h}.${p}`, s!))) {
    throw new TypeError('holderKey is not the key the SD-JWT is bound to (its cnf.jwk): a verifier would refuse the key-binding JWT');
  }
  return compact;
}

/**
 * Presents an SD-JWT VC: the issuer-signed JWT as issued, only the disclosures `disclose` asks for
 * (with the parents a nested claim needs), and, when the SD-JWT has `cnf`, a key-binding JWT signed
 * with `holderKey` (`typ: kb+jwt`, `iat`, `aud`, `nonce`, `sd_hash` over the presented SD-JWT).
 * Throws a TypeError for misuse: a path the SD-JWT has no disclosure for, no `holderKey` (or one
 * that is not `cnf.jwk`) when `cnf` is present, a `holderKey` when there is no `cnf`, no
 * `audience`/`nonce` with key binding.
 *
 * @example
 * const presentation = await presentSdJwtVc(sdJwt, {
 *   disclose: ['title', 'givenName', 'familyName', 'awardingBody'],
 *   holderKey: holderPrivateJwk,
 *   audience: 'https://employer.example',
 *   nonce: 'n-0S6_WzA2Mj',
 * });
 * // 'eyJ0eXAiOiJkYytzZC1qd3Qi…~WyJ…~WyJ…~WyJ…~WyJ…~eyJ0eXAiOiJrYitqd3Qi…'
 */
export async function presentSdJwtVc(sdJwt: string, options: PresentSdJwtVcOptions): Promise<string> {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object with `disclose`');
  if (options.disclose === undefined) throw new TypeError("options.disclose is required: the claim paths to disclose, [] for none, or 'all'");
  const { sdjwt, payload, alg } = await decode(sdJwt);
  const selected = select(payload, sdjwt.disclosures ?? [], options.disclose);
  const presented = new SDJwt({ jwt: sdjwt.jwt!, disclosures: selected }).encodeSDJwt();
  if (payload.cnf === undefined) {
    if (options.holderKey !== undefined) throw new TypeError('holderKey given, but the SD-JWT has no cnf: it is not bound to a holder key, and a verifier would refuse a key-binding JWT it cannot check');
    if (options.audience !== undefined || options.nonce !== undefined) throw new TypeError('audience and nonce go into a key-binding JWT, but the SD-JWT has no cnf (no holder binding), so there is none');
    return presented;
  }
  return presented + (await keyBinding(presented, alg, payload.cnf, options));
}
