/**
 * Key binding (RFC 9901 §4.3, §7.3; SD-JWT VC draft §3.4): when the SD-JWT carries a `cnf` key, the
 * presentation must end with a key-binding JWT (`typ` `kb+jwt`) signed by that key, whose `sd_hash`
 * is the digest of the exact SD-JWT presented (issuer-signed JWT and disclosures, in order, with
 * the last `~`), whose `aud` and `nonce` are the verifier's, and whose `iat` is recent.
 *
 * A verifier that gives no `nonce` or no `audience` cannot tell a fresh presentation from a replay
 * of one made for someone else: the key binding is still checked (signature, `sd_hash`, `iat`), and
 * a warning (SDJWT_KB_REPLAY_UNCHECKED) says what was not.
 * @module
 */
import { type SdJwtVcIssue, type SdJwtVcIssueCode, sdJwtVcIssue } from '../codes.js';
import type { DecodedPresentation, Json } from './decode.js';
import { digestOf, type HashName } from './digests.js';
import { ACCEPTED_ALGS, importJwk, isAcceptedAlg, verifyJws } from './signature.js';
import { isNumericDate } from './time.js';

/** What the caller asks of the key binding; times in seconds. */
export interface KeyBindingPolicy {
  readonly audience?: string;
  readonly nonce?: string;
  readonly now: number;
  readonly skew: number;
  readonly maxAge: number;
  /** Required even when the SD-JWT has no `cnf`. */
  readonly required: boolean;
}

/** The claims of a key-binding JWT that was read. */
export interface KeyBindingClaims {
  aud: unknown;
  nonce: unknown;
  iat: unknown;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks the key binding of a presentation against the `cnf` of its (signed) payload.
 *
 * @example
 * const { keyBinding, issues } = await checkKeyBinding(decoded, decoded.jwt.payload, 'sha-256', { audience, nonce, now, skew: 60, maxAge: 300, required: false });
 */
export async function checkKeyBinding(
  decoded: DecodedPresentation,
  payload: Json,
  hash: HashName,
  policy: KeyBindingPolicy,
): Promise<{ keyBinding?: KeyBindingClaims; issues: SdJwtVcIssue[] }> {
  const issues: SdJwtVcIssue[] = [];
  const add = (code: SdJwtVcIssueCode, path: string, message: string, severity: 'error' | 'warning' = 'error') => issues.push(sdJwtVcIssue(code, severity, path, null, message, 'sd-jwt'));
  const hasCnf = Object.prototype.hasOwnProperty.call(payload, 'cnf');
  if (!decoded.kbPresented) {
    if (hasCnf) add('SDJWT_KB_MISSING', '/kbJwt', 'The SD-JWT is bound to a holder key (`cnf`) but the presentation has no key-binding JWT (it ends with `~`): anyone who saw the credential could present it.');
    else if (policy.required) add('SDJWT_KB_MISSING', '/kbJwt', 'Key binding is required (`requireKeyBinding`), but the SD-JWT has no `cnf` and the presentation no key-binding JWT.');
    else if (policy.audience !== undefined || policy.nonce !== undefined) {
      // The caller asked for a fresh presentation to it; an unbound credential cannot give one: say so.
      add('SDJWT_KB_REPLAY_UNCHECKED', '/payload', 'The SD-JWT is not bound to a holder key (no `cnf`) and the presentation has no key-binding JWT: the `audience` and `nonce` given were not checked, and anyone holding the credential can present it. Pass `requireKeyBinding: true` to refuse unbound credentials.', 'warning');
    }
    return { issues };
  }
  const kb = decoded.kbJwt;
  if (kb === undefined) return { issues }; // unreadable: reported by the decoder (SDJWT_KB_MALFORMED)
  const keyBinding: KeyBindingClaims = { aud: kb.payload.aud, nonce: kb.payload.nonce, iat: kb.payload.iat };
  if (!hasCnf) {
    add('SDJWT_KB_UNEXPECTED', '/kbJwt', 'The presentation has a key-binding JWT, but the SD-JWT has no `cnf` key to check it with.');
    return { keyBinding, issues };
  }
  // RFC 9901 §4.3: typ kb+jwt; the JWS alg, as for the issuer, from the allow-list.
  const { header, payload: claims } = kb;
  if (header.typ !== 'kb+jwt') add('SDJWT_KB_MALFORMED', '/kbJwt/header/typ', `The key-binding JWT's \`typ\` is ${JSON.stringify(header.typ) ?? 'absent'}, not "kb+jwt" (RFC 9901 §4.3).`);
  if (Object.prototype.hasOwnProperty.call(header, 'crit')) add('SDJWT_ALG_UNSUPPORTED', '/kbJwt/header/crit', 'The key-binding JWT\'s header has `crit`: extensions this verifier does not process (RFC 7515 §4.1.11), so it is refused.');
  const alg = header.alg;
  if (!isAcceptedAlg(alg)) add('SDJWT_ALG_UNSUPPORTED', '/kbJwt/header/alg', `The key-binding JWT's \`alg\` ${JSON.stringify(alg) ?? 'is absent'}; accepted: ${ACCEPTED_ALGS.join(', ')}.`);
  const types = { iat: 'a NumericDate', aud: 'a string', nonce: 'a string', sd_hash: 'a string' } as const;
  for (const [name, what] of Object.entries(types)) {
    const v = claims[name];
    if (name === 'iat' ? !isNumericDate(v) : typeof v !== 'string') add('SDJWT_KB_MALFORMED', `/kbJwt/payload/${name}`, `The key-binding JWT's \`${name}\` is ${v === undefined ? 'absent' : JSON.stringify(v)}, not ${what} (RFC 9901 §4.3).`);
  }
  if (kb.signature.length === 0) add('SDJWT_KB_MALFORMED', '/kbJwt/signature', 'The key-binding JWT has no signature (an empty third segment): the holder did not sign it.');
  await checkSignature(payload.cnf, kb.signingInput, kb.signature, alg, add);
  if (typeof claims.sd_hash === 'string' && claims.sd_hash !== (await digestOf(decoded.sdJwt, hash))) {
    add('SDJWT_KB_SD_HASH_MISMATCH', '/kbJwt/payload/sd_hash', "The key-binding JWT's `sd_hash` is not the digest of the SD-JWT presented with it: a disclosure was added, removed, reordered or changed, or the key-binding JWT was made for another presentation.");
  }
  checkAudienceAndNonce(claims, policy, add);
  keyBindingValidity(claims, policy, add);
  if (isNumericDate(claims.iat)) {
    if (claims.iat - policy.skew > policy.now) add('SDJWT_KB_TIME_INVALID', '/kbJwt/payload/iat', `The key-binding JWT's \`iat\` is ${Math.round(claims.iat - policy.now)} s after the time of the check (clock skew ${policy.skew} s).`);
    else if (claims.iat + policy.maxAge + policy.skew < policy.now) add('SDJWT_KB_TIME_INVALID', '/kbJwt/payload/iat', `The key-binding JWT was made ${Math.round(policy.now - claims.iat)} s before the time of the check; at most ${policy.maxAge} s (\`maxKeyBindingAge\`) are accepted.`);
  }
  return { keyBinding, issues };
}

type Add = (code: SdJwtVcIssueCode, path: string, message: string, severity?: 'error' | 'warning') => void;

async function checkSignature(cnf: unknown, signingInput: string, signature: Uint8Array, alg: unknown, add: Add): Promise<void> {
  if (!isObject(cnf) || !isObject(cnf.jwk)) {
    add('SDJWT_KEY_INVALID', '/payload/cnf', 'The `cnf` of the SD-JWT has no `jwk` (RFC 7800 §3.2): the holder\'s key cannot be read, so the key binding cannot be checked.');
    return;
  }
  if (Object.prototype.hasOwnProperty.call(cnf.jwk, 'd')) add('SDJWT_KEY_INVALID', '/payload/cnf/jwk/d', 'The `cnf` key of the SD-JWT is a private key: the issuer disclosed the holder\'s private key.');
  if (!isAcceptedAlg(alg) || signature.length === 0) return;
  const imported = await importJwk(cnf.jwk, alg);
  if (!imported.ok) {
    add('SDJWT_KEY_INVALID', '/payload/cnf/jwk', `The holder's key (\`cnf.jwk\`) cannot check the key-binding JWT: ${imported.reason}.`);
    return;
  }
  if (!(await verifyJws(alg, imported.key, signingInput, new Uint8Array(signature)))) {
    add('SDJWT_KB_SIGNATURE_INVALID', '/kbJwt/signature', "The key-binding JWT's signature does not verify with the holder's key (`cnf.jwk`): the holder did not make this presentation, or it was changed after.");
  }
}

/** A key-binding JWT is a JWT: an `exp` or `nbf` it carries holds too (RFC 7519 §4.1.4, §4.1.5). */
function keyBindingValidity(claims: Json, policy: KeyBindingPolicy, add: Add): void {
  for (const name of ['exp', 'nbf'] as const) {
    if (!Object.prototype.hasOwnProperty.call(claims, name)) continue;
    const v = claims[name];
    const path = `/kbJwt/payload/${name}`;
    if (!isNumericDate(v)) add('SDJWT_KB_MALFORMED', path, `The key-binding JWT's \`${name}\` is ${JSON.stringify(v)}, not a NumericDate (RFC 7519 §2).`);
    else if (name === 'exp' && v + policy.skew < policy.now) add('SDJWT_KB_TIME_INVALID', path, `The key-binding JWT expired ${Math.round(policy.now - v)} s before the time of the check (\`exp\`, clock skew ${policy.skew} s).`);
    else if (name === 'nbf' && v - policy.skew > policy.now) add('SDJWT_KB_TIME_INVALID', path, `The key-binding JWT is valid only ${Math.round(v - policy.now)} s after the time of the check (\`nbf\`, clock skew ${policy.skew} s).`);
  }
}

function checkAudienceAndNonce(claims: Json, policy: KeyBindingPolicy, add: Add): void {
  if (policy.audience !== undefined && typeof claims.aud === 'string' && claims.aud !== policy.audience) {
    add('SDJWT_KB_AUDIENCE_MISMATCH', '/kbJwt/payload/aud', `The key-binding JWT is for the audience ${JSON.stringify(claims.aud)}, not ${JSON.stringify(policy.audience)}.`);
  }
  if (policy.nonce !== undefined && typeof claims.nonce === 'string' && claims.nonce !== policy.nonce) {
    add('SDJWT_KB_NONCE_MISMATCH', '/kbJwt/payload/nonce', "The key-binding JWT's `nonce` is not the nonce the verifier gave: it was made for another request (a replay).");
  }
  const unchecked = [policy.audience === undefined ? '`audience`' : '', policy.nonce === undefined ? '`nonce`' : ''].filter(Boolean);
  if (unchecked.length > 0) {
    add(
      'SDJWT_KB_REPLAY_UNCHECKED',
      `/kbJwt/payload/${policy.nonce === undefined ? 'nonce' : 'aud'}`,
      `No ${unchecked.join(' and no ')} was given to compare the key-binding JWT's with: the holder's signature and \`sd_hash\` were checked, but a presentation replayed from another verifier or request would not be detected.`,
      'warning',
    );
  }
}
