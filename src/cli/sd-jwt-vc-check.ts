/**
 * SD-JWT VC files in `eumc validate` and `eumc verify`. `validate` reads the claims the SD-JWT
 * carries (every disclosure in it put in place, no signature checked) and holds them to the WE BUILD
 * rulebook (`checkMicroCredentialClaims`: the mandatory claims, data types, code lists, MC-IR-01…08).
 * `verify` checks it with `verifySdJwtVc`: the issuer's signature with `--issuer-keys` or an `x5c`
 * chain to `--trust-anchors`, the disclosures' digests, the key-binding JWT (`--audience`,
 * `--nonce`), `exp`/`nbf`/`iat` at `--now`, the `vct`. As for EDC seals, a signature checked with no
 * key or anchor the user gave says nothing about who signed: without them `verify` never passes
 * it, and `--integrity-only` checks the signature with the `x5c` certificate's own key, saying so.
 *
 * Places: a finding's path is a JSON Pointer into the SD-JWT as decoded, `{ header, payload,
 * disclosures, kbJwt, claims }`: `/header/typ`, `/disclosures/2`, `/kbJwt/payload/nonce`, and
 * `/claims/title` for a claim with the disclosures in place.
 */
import type { Jwk, SdJwtVcIssue } from 'eu-micro-credentials/sd-jwt-vc';
import type { StatusCheck } from 'eu-micro-credentials/status';
import type { CheckOptions } from './check-types.js';
import { type Finding, finding } from './finding.js';
import { decodeSdJwt } from './sd-jwt-vc-decode.js';
import { sdJwtVcEntry } from './sd-jwt-vc-detect.js';
import { x5cLeafKey } from './sd-jwt-vc-keys.js';
import { statusOptions } from './status-options.js';

/** What `validate` and `verify` report of an SD-JWT VC beside its findings (the JSON report's `sdJwt`). */
export interface SdJwtPart {
  vct?: unknown;
  iss?: unknown;
  /** JSON Pointers (into `claims`) of the claims disclosed. */
  disclosed: string[];
  /** Digests with no disclosure: claims not disclosed, and decoys. */
  undisclosed: number;
  /** The claims: the payload with the disclosures in place (`_sd`, `_sd_alg` removed). */
  claims: Record<string, unknown>;
  /** `verify`: how the issuer's key was found (`issuerKeys`, `issuerMetadata`, `x5c`). */
  by?: string;
  /** `verify`: the key-binding JWT's `aud`, `nonce`, `iat`, when there is one. */
  keyBinding?: unknown;
}

/** The check of an SD-JWT VC file: findings, the signature part under `verify`, and {@link SdJwtPart}. */
export interface SdJwtChecked {
  issues: Finding[];
  assurance?: 'trusted' | 'integrity-only' | 'none';
  signature?: { type: 'sd-jwt'; status: 'passed' | 'failed'; assurance: 'trusted' | 'integrity-only' | 'none'; issues: Finding[]; statusEntries?: StatusCheck[] };
  sdJwt?: SdJwtPart;
}

/** The library's option names as the command line spells them. */
const FLAGS: readonly (readonly [RegExp, string])[] = [
  [/`?(?:options\.)?issuerKeys`?/g, '`--issuer-keys`'],
  [/`?(?:options\.)?issuerMetadata`?/g, '`--issuer-keys` (the JWKS of the issuer metadata)'],
  [/`(?:options\.)?audience`/g, '`--audience`'],
  [/`(?:options\.)?nonce`/g, '`--nonce`'],
];

/** An SD-JWT VC issue as a finding, its path a place in the decoded SD-JWT (see the file's comment). */
export function sdJwtFinding(issue: Pick<SdJwtVcIssue, 'code' | 'severity' | 'path' | 'message' | 'in' | 'element'>): Finding {
  let message = issue.message;
  for (const [pattern, flag] of FLAGS) message = message.replace(pattern, flag);
  const element = issue.element ?? undefined;
  const extra = element !== undefined ? { element } : {};
  if (issue.in === 'model') return finding(issue.code, issue.severity, '', message, { ...extra, modelPath: issue.path });
  return finding(issue.code, issue.severity, issue.in === 'claims' ? `/claims${issue.path}` : issue.path, message, extra);
}

/** `validate` checks no signature: a note (info) says so and names the command that does. */
const NOT_VERIFIED = 'The claims were checked, not the signature: `eumc verify --issuer-keys <jwks>` (or --trust-anchors for an x5c chain) checks who issued it.';

/** The claims of an SD-JWT with every disclosure in place, for `validate` and `convert --to model`. */
export async function decodeForCli(text: string): Promise<{ ok: true; claims: Record<string, unknown> } | { ok: false; issues: Finding[] }> {
  const decoded = await decodeSdJwt(text);
  if (!decoded.ok) return decoded;
  const errors = decoded.issues.filter((i) => i.severity === 'error');
  return errors.length > 0 ? { ok: false, issues: errors } : { ok: true, claims: decoded.claims };
}

/** `validate`: the claims the SD-JWT carries, held to the rulebook; no signature. Never throws (the caller catches bugs). */
async function validateSdJwtVc(text: string, options: CheckOptions): Promise<SdJwtChecked> {
  const decoded = await decodeSdJwt(text);
  if (!decoded.ok) return { issues: decoded.issues };
  const { checkMicroCredentialClaims } = await sdJwtVcEntry();
  const claimIssues = checkMicroCredentialClaims(decoded.claims, options.now ? { now: options.now } : {}).map(sdJwtFinding);
  return {
    issues: [...decoded.issues, ...claimIssues, finding('EUMC_SD_JWT_NOT_VERIFIED', 'info', '', NOT_VERIFIED)],
    sdJwt: { vct: decoded.claims.vct, iss: decoded.claims.iss, disclosed: decoded.disclosed, undisclosed: decoded.undisclosed, claims: decoded.claims },
  };
}

const NO_KEY = {
  refused:
    'Not verified: no --issuer-keys or --trust-anchors were given, so nothing says who issued this SD-JWT VC (anyone can sign one with a key of their own). Give --issuer-keys <jwks> (the issuer\'s public keys), --trust-anchors <pem> for an x5c chain, or --integrity-only to check it against its own x5c certificate.',
  noX5c: 'Not verified: --integrity-only checks the signature with the x5c certificate in the header, and this SD-JWT has none. Give --issuer-keys <jwks> (the issuer\'s public keys).',
  integrityOnly:
    'Integrity only (--integrity-only): the signature was checked with the x5c certificate in the header, which nothing vouches for: the SD-JWT is unchanged since it was signed, but the signer is not checked. Give --issuer-keys or --trust-anchors to check the signer.',
};

/** `verify`: `verifySdJwtVc` with the keys and anchors the user gave, and the command line's rule for a check with none. */
async function verifySdJwt(text: string, options: CheckOptions): Promise<SdJwtChecked> {
  const { verifySdJwtVc } = await sdJwtVcEntry();
  const given = (options.issuerKeys?.length ?? 0) > 0 || (options.trustAnchors?.length ?? 0) > 0;
  const leaf = !given && options.integrityOnly === true ? x5cLeafKey(text) : undefined;
  const issuerKeys = options.issuerKeys?.length ? options.issuerKeys : leaf ? [leaf] : undefined;
  const result = await verifySdJwtVc(text, {
    ...(issuerKeys ? { issuerKeys: issuerKeys as readonly Jwk[] as Jwk[] } : {}),
    ...(options.trustAnchors?.length ? { trustAnchors: [...options.trustAnchors] } : {}),
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
    ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...statusOptions(options),
  });
  let issues = result.issues.map(sdJwtFinding);
  if (!given) {
    // Without a key or anchor of the user's, the library's own "no key" finding gives way to the command line's.
    issues = issues.filter((i) => i.code !== 'SDJWT_ISSUER_KEY_UNKNOWN');
    if (leaf) issues.unshift(finding('EUMC_SD_JWT_SIGNER_NOT_CHECKED', 'warning', '/header/x5c', NO_KEY.integrityOnly));
    else issues.unshift(finding('SDJWT_ISSUER_KEY_UNKNOWN', 'error', '', options.integrityOnly ? NO_KEY.noX5c : NO_KEY.refused));
  }
  const passed = result.verified && !issues.some((i) => i.severity === 'error' || (options.strict === true && i.severity === 'warning'));
  if (!passed && !issues.some((i) => i.severity === 'error')) issues.push(finding('EUMC_NOT_VERIFIED', 'error', '', 'The SD-JWT VC is not verified.'));
  const assurance = !passed ? 'none' : given ? 'trusted' : 'integrity-only';
  const tagged = issues.map((i) => ({ ...i, check: 'signature' as const }));
  return {
    issues: tagged,
    assurance,
    signature: { type: 'sd-jwt', status: passed ? 'passed' : 'failed', assurance, issues: tagged, ...(result.status?.length ? { statusEntries: result.status } : {}) },
    sdJwt: {
      vct: result.claims?.vct,
      iss: result.issuer?.iss ?? result.claims?.iss,
      disclosed: result.disclosed ?? [],
      undisclosed: result.undisclosed,
      claims: result.claims ?? {},
      ...(result.issuer?.by ? { by: result.issuer.by } : {}),
      ...(result.keyBinding ? { keyBinding: result.keyBinding } : {}),
    },
  };
}

/** Checks an SD-JWT VC file: `verify` (`signatureOnly`) or `validate`. */
export function checkSdJwtVc(text: string, options: CheckOptions): Promise<SdJwtChecked> {
  return options.signatureOnly ? verifySdJwt(text.trim(), options) : validateSdJwtVc(text.trim(), options);
}
