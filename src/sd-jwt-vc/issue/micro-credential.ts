/**
 * Issuance of a micro-credential as the WE BUILD rulebook's SD-JWT VC `VerifiableMicroCredential`:
 * the model mapped with `toSdJwtVcClaims`, the rulebook's selective disclosure, `exp` from the
 * model's `furtherInformation.validUntil`.
 * @module
 */
import { ERROR_KIND, MicroCredentialError } from '../../rules/errors.js';
import { formatPath } from '../../rules/issue.js';
import { toSdJwtVcClaims } from '../claims.js';
import { sdJwtVcIssue, type SdJwtVcIssue } from '../codes.js';
import { checkOptions, metadataOf, numericDate, payloadOf, signPayload, type IssueSdJwtVcOptions } from '../issue.js';
import { MICRO_CREDENTIAL_VCT, NEVER_DISCLOSABLE, RULEBOOK_CLAIM } from '../rulebook.js';
import { jsonCopy } from './frame.js';
import { describePath, type SdJwtVcClaimPath } from './paths.js';

/**
 * Thrown by `issueSdJwtVc` when the micro-credential cannot be issued as the rulebook's claims;
 * `issues` says what to fix (paths into the model or the claims).
 *
 * @example
 * try {
 *   await issueSdJwtVc(mc, { key, issuer: 'https://uni.example.eu' });
 * } catch (e) {
 *   if (!(e instanceof SdJwtVcIssuanceError)) throw e;
 *   e.code; // 'ERR_SDJWT_ISSUE'
 *   e.issues.map((i) => i.code); // e.g. ['SDJWT_CLAIM_MISSING']
 * }
 */
export class SdJwtVcIssuanceError extends MicroCredentialError {
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'SdJwtVcIssuanceError';
  readonly issues: readonly SdJwtVcIssue[];
  constructor(issues: readonly SdJwtVcIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const listed = errors.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message} [${i.code}]`);
    super('ERR_SDJWT_ISSUE', `Cannot issue the micro-credential as an SD-JWT VC. ${listed.join(' ')}${errors.length > 3 ? ` (${errors.length - 3} more in \`issues\`.)` : ''}`);
    this.name = 'SdJwtVcIssuanceError';
    this.issues = issues;
  }
}

/** `validUntil` of the model, if it is a date-time. */
function validUntilOf(mc: unknown): string | undefined {
  const info = (mc as { furtherInformation?: { validUntil?: unknown } } | null)?.furtherInformation;
  return typeof info?.validUntil === 'string' ? info.validUntil : undefined;
}

/** The rulebook's disclosable set for the claims, or the caller's after checking it keeps every `always` claim. */
function rulebookDisclosable(claims: Record<string, unknown>, disclosable: readonly SdJwtVcClaimPath[] | undefined): readonly SdJwtVcClaimPath[] {
  const present = Object.keys(claims);
  if (disclosable === undefined) return present.filter((name) => RULEBOOK_CLAIM.get(name)?.sd !== 'never' && !NEVER_DISCLOSABLE.has(name));
  if (!Array.isArray(disclosable)) throw new TypeError('disclosable must be an array of claim paths');
  const listed = new Set(disclosable.map((p) => describePath(p)));
  const missing = present.filter((name) => RULEBOOK_CLAIM.get(name)?.sd === 'always' && !listed.has(describePath(name)));
  if (missing.length > 0) {
    throw new TypeError(`disclosable leaves out ${missing.map((n) => `\`${n}\``).join(', ')}, which the rulebook says MUST be selectively disclosable (MC-IR-09): list ${missing.length > 1 ? 'them' : 'it'} too`);
  }
  return disclosable;
}

/**
 * Issues a micro-credential as the WE BUILD rulebook's SD-JWT VC `VerifiableMicroCredential`: the
 * model mapped with `toSdJwtVcClaims`, every claim the rulebook marks `always` or `allowed`
 * selectively disclosable (`disclosable` narrows the `allowed` ones), the metadata and
 * `attestation_legal_category` in the clear, `exp` from `furtherInformation.validUntil` unless
 * `expiresAt` is given. Throws `SdJwtVcIssuanceError` when the model cannot be mapped; misuse of the
 * options is a TypeError.
 *
 * @example
 * const { privateJwk } = await generateSdJwtVcKeyPair('ES256');
 * const holder = await generateSdJwtVcKeyPair('ES256');
 * const sdJwt = await issueSdJwtVc(mc, { key: privateJwk, issuer: 'https://uni.example.eu', holderKey: holder.publicJwk });
 * // 'eyJ0eXAiOiJkYytzZC1qd3QiLCJhbGciOiJFUzI1NiIs…~WyJ…~'
 */
export async function issueSdJwtVc(mc: unknown, options: IssueSdJwtVcOptions): Promise<string> {
  checkOptions(options);
  const mapped = toSdJwtVcClaims(mc);
  if (!mapped.ok) throw new SdJwtVcIssuanceError(mapped.issues);
  const claims = jsonCopy(mapped.claims) as Record<string, unknown>;
  let expiresAt = options.expiresAt;
  const validUntil = validUntilOf(mc);
  if (expiresAt === undefined && validUntil !== undefined) {
    const iat = numericDate(options.now ?? new Date(), 'now');
    const exp = Date.parse(validUntil);
    if (Number.isFinite(exp) && Math.floor(exp / 1000) <= iat) {
      throw new SdJwtVcIssuanceError([
        sdJwtVcIssue('SDJWT_EXPIRED', 'error', '/furtherInformation/validUntil', 'O5', `furtherInformation.validUntil (${validUntil}) is not after the time of issuance, so the SD-JWT VC would be born expired (its \`exp\`). Give expiresAt to choose another technical validity.`, 'model'),
      ]);
    }
    if (Number.isFinite(exp)) expiresAt = validUntil;
  }
  const meta = await metadataOf({ ...options, vct: options.vct ?? MICRO_CREDENTIAL_VCT, ...(expiresAt !== undefined ? { expiresAt } : {}) });
  const payload = payloadOf(claims, meta);
  return signPayload(payload, rulebookDisclosable(claims, options.disclosable), options);
}
