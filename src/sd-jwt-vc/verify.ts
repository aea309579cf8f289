/**
 * Verifying an SD-JWT VC presentation (RFC 9901 §7, SD-JWT VC draft §3.4–3.5): the compact form,
 * the issuer's signature and key, the disclosures, the key binding, the time claims, the type, the
 * status and, when asked, the claims a relying party needs. Never throws, never fetches, never
 * changes its input; every finding is an issue with a stable code and a JSON Pointer.
 *
 * Built from the parts in verify/: @sd-jwt/core's own `verify()` accepts presentations this
 * verifier must refuse (a disclosure nobody references, two disclosures with one digest, a
 * disclosure that overwrites a plain claim, a key-binding JWT with another `aud`, an `exp` that is a
 * string), so the verdict is built here, with the library's hasher (keys.ts) and WebCrypto.
 * @module
 */
import { describeError } from '../json/describe.js';
import type { StatusCheck } from '../status/check.js';
import { type SdJwtVcIssue, type SdJwtVcIssueCode, sdJwtVcIssue } from './codes.js';
import { checkMicroCredentialClaims } from './integrity-rules.js';
import { resolvePresented, sdAlgOf } from './decode.js';
import { MANDATORY_ATTRIBUTES, MICRO_CREDENTIAL_VCT, RULEBOOK_CLAIM } from './rulebook.js';
import { checkSdJwtVcStatus } from './status/check.js';
import { decodePresentation, type DecodedPresentation, type Json } from './verify/decode.js';
import { checkIssuerSignature, type IssuerIdentity } from './verify/issuer-key.js';
import { checkKeyBinding, type KeyBindingClaims } from './verify/key-binding.js';
import { readOptions, type Policy, type VerifySdJwtVcOptions } from './verify/options.js';
import { ACCEPTED_ALGS, isAcceptedAlg } from './verify/signature.js';
import { timeIssues } from './verify/time.js';
import { typeMetadataIssues } from './verify/type-metadata.js';

export type { JwtVcIssuerMetadataDocument, Jwk, VerifySdJwtVcOptions } from './verify/options.js';
export type { IssuerIdentity } from './verify/issuer-key.js';

/**
 * The result of `verifySdJwtVc()`. `claims` holds only what was read from the presentation: when
 * `verified` is false, do not use them.
 *
 * @example
 * const result: SdJwtVcVerification = await verifySdJwtVc(presentation, { issuerKeys: [issuerPublicJwk], audience, nonce });
 * // {
 * //   verified: true,
 * //   claims: { vct: 'VerifiableMicroCredential', iss: 'https://uni.example.eu', iat: 1767225600, title: 'Data literacy', … },
 * //   disclosed: ['/title', '/awardingBody'],
 * //   undisclosed: 10,
 * //   header: { alg: 'ES256', typ: 'dc+sd-jwt', kid: 'key-1' },
 * //   issuer: { iss: 'https://uni.example.eu', kid: 'key-1', by: 'issuerKeys' },
 * //   keyBinding: { aud: 'https://employer.example.com', nonce: 'n-0S6_WzA2Mj', iat: 1767225700 },
 * //   status: [{ format: 'token', purpose: 'status', list: 'https://uni.example.eu/status/1', index: 7, status: 'valid', value: 0, path: '/payload/status/status_list' }],
 * //   issues: [],
 * // }
 */
export interface SdJwtVcVerification {
  /** True when no issue is an error. */
  verified: boolean;
  /** The payload with the presented disclosures in place; `_sd`, `_sd_alg` and undisclosed `...` elements removed. */
  claims: Record<string, unknown>;
  /** JSON Pointers into `claims` of the claims (and array elements) that came from a disclosure. */
  disclosed: string[];
  /** How many digests have no disclosure in the presentation (withheld claims and decoys). */
  undisclosed: number;
  /** The issuer-signed JWT's header. */
  header: Record<string, unknown>;
  /** The issuer as the key identified it; `by` says where the key that verified the signature came from. */
  issuer: IssuerIdentity;
  /** The key-binding JWT's claims, when there is one. */
  keyBinding?: { aud: unknown; nonce: unknown; iat: unknown };
  /**
   * The credential's status (its `status.status_list` read in the Status List Token): one entry
   * when it has a readable `status` claim, none without one. `unknown` when it could not be
   * established (the issues say why), and when the credential failed before its status was checked.
   */
  status: StatusCheck[];
  issues: SdJwtVcIssue[];
}

const err = (code: SdJwtVcIssueCode, path: string, message: string, where: SdJwtVcIssue['in'] = 'sd-jwt', severity: 'error' | 'warning' = 'error') =>
  sdJwtVcIssue(code, severity, path, null, message, where);

/** The header: `typ` (draft §3.2.1), `alg` from the allow-list, no `crit`. */
function headerIssues(header: Json): SdJwtVcIssue[] {
  const issues: SdJwtVcIssue[] = [];
  if (header.typ === 'vc+sd-jwt') {
    issues.push(err('SDJWT_TYP_INVALID', '/header/typ', '`typ` is the former "vc+sd-jwt"; the SD-JWT VC draft now requires "dc+sd-jwt" (accepted during the transition the draft allows).', 'sd-jwt', 'warning'));
  } else if (header.typ !== 'dc+sd-jwt') {
    issues.push(err('SDJWT_TYP_INVALID', '/header/typ', `\`typ\` is ${JSON.stringify(header.typ) ?? 'absent'}, not "dc+sd-jwt" (SD-JWT VC draft §3.2.1): this is not an SD-JWT VC.`));
  }
  if (!isAcceptedAlg(header.alg)) issues.push(err('SDJWT_ALG_UNSUPPORTED', '/header/alg', `\`alg\` ${JSON.stringify(header.alg) ?? 'is absent'}; accepted: ${ACCEPTED_ALGS.join(', ')} (never none or HS*).`));
  if (Object.prototype.hasOwnProperty.call(header, 'crit')) issues.push(err('SDJWT_ALG_UNSUPPORTED', '/header/crit', 'The header has `crit`: extensions this verifier does not process (RFC 7515 §4.1.11), so the SD-JWT is refused.'));
  return issues;
}

/** `vct` accepted, the rulebook's always-disclosable claims not in the clear. */
function contentIssues(payload: Json, policy: Policy): SdJwtVcIssue[] {
  const issues: SdJwtVcIssue[] = [];
  const vct = payload.vct;
  if (typeof vct !== 'string' || !policy.vct.includes(vct)) {
    issues.push(err('SDJWT_VCT_MISMATCH', '/payload/vct', `\`vct\` is ${JSON.stringify(vct) ?? 'absent'}; accepted: ${policy.vct.map((v) => JSON.stringify(v)).join(', ')}.`));
  }
  if (vct === MICRO_CREDENTIAL_VCT) {
    // MC-IR-09: the rulebook's mandatory attributes MUST be selectively disclosable. The data is
    // still the issuer's, so this is a warning about the issuer, not a failure of the presentation.
    for (const name of MANDATORY_ATTRIBUTES) {
      if (Object.prototype.hasOwnProperty.call(payload, name)) {
        issues.push(sdJwtVcIssue('SDJWT_DISCLOSURE_POLICY', 'warning', `/payload/${name}`, RULEBOOK_CLAIM.get(name)?.element ?? null, `\`${name}\` is in the clear; the micro-credential rulebook says it MUST be selectively disclosable (MC-IR-09), so the holder cannot withhold it.`, 'sd-jwt'));
      }
    }
  }
  return issues;
}

/** The claims the caller requires to be disclosed (`requireClaims`). */
async function requiredClaimIssues(claims: Json, disclosedOrPlain: (pointer: string) => boolean, policy: Policy): Promise<SdJwtVcIssue[]> {
  const required = policy.requireClaims;
  if (required === undefined) return [];
  const issues: SdJwtVcIssue[] = [];
  const pointers = required === 'rulebook' ? MANDATORY_ATTRIBUTES.map((n) => `/${n}`) : required.map((n) => (n.startsWith('/') ? n : `/${n.replaceAll('~', '~0').replaceAll('/', '~1')}`));
  for (const pointer of pointers) {
    if (disclosedOrPlain(pointer)) continue;
    const name = pointer.slice(1).split('/')[0]!;
    const element = RULEBOOK_CLAIM.get(name)?.element ?? null;
    const rule = required === 'rulebook' ? 'MC-IR-01: the rulebook makes it mandatory' : 'the verifier requires it';
    issues.push(sdJwtVcIssue('SDJWT_CLAIM_MISSING', 'error', pointer, element, `The claim ${pointer} is not in the presentation (${rule}): not disclosed, or absent from the credential.`, 'claims'));
  }
  // MC-IR-02…08, data types and code lists, on what was disclosed (an absent claim may be withheld).
  if (required === 'rulebook') issues.push(...checkMicroCredentialClaims(claims, { now: policy.now, disclosedOnly: true }));
  return issues;
}

/** Whether the claims hold a value at `pointer` (RFC 6901). */
function has(claims: Json, pointer: string): boolean {
  let node: unknown = claims;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Json)[key];
  }
  return node !== undefined;
}

interface Read {
  decoded: DecodedPresentation;
  policy: Policy;
  issues: SdJwtVcIssue[];
}

async function verifyDecoded({ decoded, policy, issues }: Read): Promise<SdJwtVcVerification> {
  const { header, payload } = decoded.jwt;
  issues.push(...headerIssues(header));
  const now = policy.now.getTime() / 1000;
  const { hash, issues: algIssues } = sdAlgOf(payload);
  issues.push(...algIssues);
  let issuer: IssuerIdentity = { ...(typeof payload.iss === 'string' ? { iss: payload.iss } : {}), ...(typeof header.kid === 'string' ? { kid: header.kid } : {}) };
  if (decoded.jwt.signature.length === 0) issues.push(err('SDJWT_INPUT_MALFORMED', '/signature', 'The issuer-signed JWT has no signature (an empty third segment): it is not signed.'));
  else if (isAcceptedAlg(header.alg)) {
    const signed = await checkIssuerSignature(decoded.jwt, header.alg, policy);
    issuer = signed.issuer;
    issues.push(...signed.issues);
  }
  // The same reading as decodeSdJwtVc's (decode.ts): one walk, one set of claims no disclosure may carry.
  const resolved = await resolvePresented(payload, decoded.disclosures, hash);
  issues.push(...resolved.issues);
  const { claims } = resolved;
  issues.push(...timeIssues(payload, claims, now, policy.clockSkew), ...contentIssues(payload, policy));
  let keyBinding: KeyBindingClaims | undefined;
  if (hash !== undefined) {
    const kb = await checkKeyBinding(decoded, payload, hash, { ...policy, now, skew: policy.clockSkew, maxAge: policy.maxKeyBindingAge, required: policy.requireKeyBinding });
    keyBinding = kb.keyBinding;
    issues.push(...kb.issues);
  }
  issues.push(...(await requiredClaimIssues(claims, (p) => has(claims, p), policy)));
  if (policy.typeMetadata !== undefined) issues.push(...(await typeMetadataIssues(policy.typeMetadata, payload, { claims, disclosedPaths: resolved.disclosedPaths, undisclosedDigests: resolved.undisclosed })));
  // Last: the draft's validation rules check the credential first, and its status only if it holds.
  const status = await checkSdJwtVcStatus({ payload, issuer, policy, failed: issues.some((i) => i.severity === 'error') });
  issues.push(...status.issues);
  return {
    verified: !issues.some((i) => i.severity === 'error'),
    claims,
    disclosed: resolved.disclosed,
    undisclosed: resolved.undisclosed,
    header: { ...header },
    issuer,
    ...(keyBinding ? { keyBinding } : {}),
    status: status.status,
    issues,
  };
}

const unread = (issues: SdJwtVcIssue[]): SdJwtVcVerification => ({ verified: false, claims: {}, disclosed: [], undisclosed: 0, header: {}, issuer: {}, status: [], issues });

/**
 * Verifies an SD-JWT VC presentation (compact form, with or without a key-binding JWT): the
 * issuer's signature with a key the caller trusts (`issuerKeys`, `issuerMetadata`, or an `x5c` chain
 * to `trustAnchors`), `typ` `dc+sd-jwt`, every disclosure referenced exactly once, no disclosure of
 * a claim that must stay in the clear, the key binding (required with `cnf`: holder's signature,
 * `sd_hash`, `aud`, `nonce`, `iat`), `exp`/`nbf`/`iat` with clock skew, `vct`, the claims asked
 * for, and the `status` (Token Status List): the Status List Token from `statusLists` or the
 * caller's `fetchStatusList`, signed by the credential's issuer, valid and fresh (`exp`, `ttl`);
 * revoked, suspended or unknown is an error. Never throws; `verified` is true only when no issue is
 * an error.
 *
 * Give `nonce` and `audience`: without them the key binding is checked but a replayed
 * presentation is not detected (a SDJWT_KB_REPLAY_UNCHECKED warning says so).
 *
 * @example
 * // A credential with a status claim, checked against the issuer's Status List Token.
 * const checked = await verifySdJwtVc(presentation, { issuerKeys: [issuerPublicJwk], statusLists: [statusListToken], audience, nonce });
 * checked.status; // [{ format: 'token', purpose: 'status', list: 'https://uni.example.eu/status/1', index: 7, status: 'revoked', value: 1, path: '/payload/status/status_list' }]
 * checked.issues.map((i) => i.code); // ['STATUS_REVOKED']
 *
 * @example
 * const result = await verifySdJwtVc(presentation, {
 *   issuerKeys: [issuerPublicJwk],
 *   audience: 'https://employer.example.com',
 *   nonce: 'n-0S6_WzA2Mj',
 *   requireClaims: ['title', 'awardingBody'],
 * });
 * if (result.verified) console.log(result.claims.title, result.issuer.iss);
 * else console.log(result.issues.map((i) => `${i.code} ${i.path}`)); // ['SDJWT_KB_NONCE_MISMATCH /kbJwt/payload/nonce']
 */
export async function verifySdJwtVc(presentation: unknown, options?: VerifySdJwtVcOptions): Promise<SdJwtVcVerification> {
  try {
    const { policy, issues } = readOptions(options);
    const { decoded, issues: decodeIssues } = decodePresentation(presentation);
    issues.push(...decodeIssues);
    if (decoded === undefined || decodeIssues.some((i) => i.code === 'SDJWT_INPUT_LIMIT')) return unread(issues);
    return await verifyDecoded({ decoded, policy, issues });
  } catch (e) {
    return unread([err('SDJWT_VERIFIER_FAILED', '', `The verifier failed on this input (${describeError(e)}); it was not fully checked. Please report it with the input.`)]);
  }
}
