/**
 * Reading an SD-JWT (VC) without verifying it: the compact form read as strictly as
 * `verifySdJwtVc` reads it (verify/decode.ts: limits, canonical base64url, no duplicate member
 * names) and every disclosure it carries put in place by the same walk (verify/digests.ts: each
 * disclosure referenced exactly once, no duplicate digest, no name clash). One decoder, so a tool
 * that shows the claims and the verifier that judges them never read the same input two ways.
 *
 * Nothing is verified here: not the issuer's signature, not the key binding, not the time claims,
 * `typ`, `alg` or `vct`. Every result says so with a `SDJWT_NOT_VERIFIED` warning.
 * @module
 */
import { describeError } from '../json/describe.js';
import { type SdJwtVcIssue, sdJwtVcIssue } from './codes.js';
import { DRAFT_NEVER_DISCLOSABLE, MICRO_CREDENTIAL_VCT, NEVER_DISCLOSABLE } from './rulebook.js';
import { decodePresentation, type DecodedDisclosure, type Json } from './verify/decode.js';
import { hashOf, resolveDisclosures, type HashName, type Resolution } from './verify/digests.js';

/**
 * The result of `decodeSdJwtVc()`: what the SD-JWT says, not whether it is true. No signature was
 * checked (the `SDJWT_NOT_VERIFIED` warning in `issues` says so): never act on these claims without
 * `verifySdJwtVc`.
 *
 * @example
 * const decoded: DecodedSdJwtVc = await decodeSdJwtVc(presentation);
 * // {
 * //   ok: true,
 * //   header: { alg: 'ES256', typ: 'dc+sd-jwt', kid: 'key-1' },
 * //   payload: { _sd: ['…', …], _sd_alg: 'sha-256', iss: 'https://uni.example.eu', vct: 'VerifiableMicroCredential', … },
 * //   claims: { iss: 'https://uni.example.eu', vct: 'VerifiableMicroCredential', title: 'Data literacy', … },
 * //   disclosed: ['/title', '/awardingBody'],
 * //   undisclosed: 10,
 * //   keyBinding: true,
 * //   issues: [{ code: 'SDJWT_NOT_VERIFIED', severity: 'warning', path: '', … }],
 * // }
 */
export interface DecodedSdJwtVc {
  /** True when no issue is an error: the SD-JWT is well formed. It says nothing about who signed it. */
  ok: boolean;
  /** The issuer-signed JWT's header (`{}` when it could not be read). */
  header: Record<string, unknown>;
  /** The issuer-signed JWT's payload as signed, `_sd` and `_sd_alg` included (`{}` when it could not be read). */
  payload: Record<string, unknown>;
  /** The payload with every disclosure the SD-JWT carries in place; `_sd`, `_sd_alg` and undisclosed `...` elements removed. */
  claims: Record<string, unknown>;
  /** JSON Pointers into `claims` of the claims (and array elements) that came from a disclosure. */
  disclosed: string[];
  /** How many digests have no disclosure in the SD-JWT (withheld claims and decoys). */
  undisclosed: number;
  /** A key-binding JWT follows the disclosures (read, not checked); false when the SD-JWT could not be read. */
  keyBinding: boolean;
  /** Structural problems, with the codes and paths `verifySdJwtVc` gives them, and the `SDJWT_NOT_VERIFIED` warning. */
  issues: SdJwtVcIssue[];
}

/**
 * The hash `_sd_alg` names, or the issue saying it is not supported (then no disclosure is read).
 * Shared with `verifySdJwtVc`, so that both say the same.
 */
export function sdAlgOf(payload: Json): { hash?: HashName; issues: SdJwtVcIssue[] } {
  const hash = hashOf(payload._sd_alg);
  if (hash !== undefined) return { hash, issues: [] };
  const message = `\`_sd_alg\` is ${JSON.stringify(payload._sd_alg)}; supported: sha-256, sha-384, sha-512. The disclosures and the key binding were not checked.`;
  return { issues: [sdJwtVcIssue('SDJWT_HASH_ALG_UNSUPPORTED', 'error', '/payload/_sd_alg', null, message, 'sd-jwt')] };
}

/**
 * The disclosures put in place in the payload (none when `hash` is undefined), with the claims no
 * disclosure may carry for its `vct` (the rulebook's for a micro-credential, else the draft's).
 * Shared with `verifySdJwtVc`.
 */
export function resolvePresented(payload: Json, disclosures: readonly DecodedDisclosure[], hash: HashName | undefined): Promise<Resolution> {
  const mc = payload.vct === MICRO_CREDENTIAL_VCT;
  const never = mc ? NEVER_DISCLOSABLE : DRAFT_NEVER_DISCLOSABLE;
  const rule = mc ? 'the micro-credential rulebook and the SD-JWT VC draft' : 'the SD-JWT VC draft, registered JWT claims';
  return resolveDisclosures(payload, hash === undefined ? [] : disclosures, hash ?? 'sha-256', never, rule);
}

const NOT_VERIFIED = sdJwtVcIssue(
  'SDJWT_NOT_VERIFIED',
  'warning',
  '',
  null,
  'Decoded, not verified: who signed it was not checked, nor the key binding, the time claims, `typ`, `alg` or `vct`. Use `verifySdJwtVc` before relying on these claims.',
  'sd-jwt',
);

const unread = (issues: SdJwtVcIssue[]): DecodedSdJwtVc => ({ ok: false, header: {}, payload: {}, claims: {}, disclosed: [], undisclosed: 0, keyBinding: false, issues });

/**
 * Decodes an SD-JWT or SD-JWT VC presentation in compact form, with or without a key-binding JWT,
 * **without verifying it**: no signature, key binding, time claim, `typ`, `alg` or `vct` is checked,
 * and a `SDJWT_NOT_VERIFIED` warning in `issues` says so. For showing or converting what an SD-JWT
 * carries; to rely on it, use `verifySdJwtVc`.
 *
 * It reads exactly as `verifySdJwtVc` reads (the same decoder and disclosure walk): a malformed
 * part, an input over the limits, a JSON object with a member named twice, a disclosure no digest
 * references, a digest or disclosure met twice, a disclosure of a claim that must stay in the clear,
 * are the same issues with the same codes and paths; `ok` is false when any issue is an error.
 * Never throws, never fetches, never changes its input.
 *
 * @example
 * const decoded = await decodeSdJwtVc(sdJwt);
 * if (decoded.ok) console.log(decoded.claims.title, decoded.disclosed); // 'Data literacy' ['/title', …]
 * else console.log(decoded.issues.map((i) => `${i.code} ${i.path}`)); // ['SDJWT_DISCLOSURE_UNREFERENCED /disclosures/3', 'SDJWT_NOT_VERIFIED ']
 */
export async function decodeSdJwtVc(input: unknown): Promise<DecodedSdJwtVc> {
  try {
    const { decoded, issues } = decodePresentation(input);
    if (decoded === undefined || issues.some((i) => i.code === 'SDJWT_INPUT_LIMIT')) return unread(issues);
    const { header, payload } = decoded.jwt;
    const alg = sdAlgOf(payload);
    const resolved = await resolvePresented(payload, decoded.disclosures, alg.hash);
    issues.push(...alg.issues, ...resolved.issues, { ...NOT_VERIFIED });
    return {
      ok: !issues.some((i) => i.severity === 'error'),
      header: { ...header },
      payload: { ...payload },
      claims: resolved.claims,
      disclosed: resolved.disclosed,
      undisclosed: resolved.undisclosed,
      keyBinding: decoded.kbPresented,
      issues,
    };
  } catch (e) {
    return unread([sdJwtVcIssue('SDJWT_VERIFIER_FAILED', 'error', '', null, `The decoder failed on this input (${describeError(e)}); it was not fully read. Please report it with the input.`, 'sd-jwt')]);
  }
}
