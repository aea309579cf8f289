/**
 * `checkClaimsAgainstTypeMetadata`: the verifier's claim metadata validation (SD-JWT VC draft,
 * "Claim Metadata", since -17): `sd` and `mandatory` against what was presented.
 * @module
 */
import { sdJwtVcIssue, type SdJwtVcIssue } from '../codes.js';
import { pointerOf, selectClaims } from './path.js';
import type { ClaimMetadata, ClaimPath } from './types.js';
import { validateTypeMetadata } from './validate.js';

/**
 * What a verifier knows of a presentation, for {@link checkClaimsAgainstTypeMetadata}.
 *
 * @example
 * const view: PresentedClaimsView = { claims: { title: 'Data Ethics' }, disclosedPaths: [['title']], undisclosedDigests: 11 };
 */
export interface PresentedClaimsView {
  /** The processed payload: the claims in the clear with every presented disclosure in place. */
  claims: Record<string, unknown>;
  /** The paths (keys and array indexes) of the claims that came from disclosures. */
  disclosedPaths: readonly (readonly (string | number)[])[];
  /** How many digests of the SD-JWT no presented disclosure matches (decoys included). */
  undisclosedDigests: number;
}

const mismatch = (path: string, message: string): SdJwtVcIssue =>
  sdJwtVcIssue('SDJWT_TYPE_METADATA_MISMATCH', 'error', path, null, message, 'claims');

/** The path up to its first `null` or index: where an absent claim would have been. */
function pointerUpToWildcard(path: ClaimPath): string {
  const head: string[] = [];
  for (const p of path) {
    if (typeof p !== 'string') break;
    head.push(p);
  }
  return pointerOf(head);
}

function checkOne(c: ClaimMetadata, i: number, view: PresentedClaimsView, disclosed: ReadonlySet<string>): SdJwtVcIssue[] {
  const issues: SdJwtVcIssue[] = [];
  const r = selectClaims(view.claims, c.path);
  if ('error' in r) {
    return [mismatch(pointerOf(r.at), `The path ${JSON.stringify(c.path)} of claim metadata /claims/${i} cannot be processed on the claims: ${r.error}.`)];
  }
  for (const { at } of r.selected) {
    const fromDisclosure = disclosed.has(JSON.stringify(at.map(String)));
    if (c.sd === 'always' && !fromDisclosure) {
      issues.push(mismatch(pointerOf(at), `The type metadata says \`sd: always\` for ${pointerOf(at)}, but the claim is in the clear (in the issuer-signed payload, not in a disclosure).`));
    }
    if (c.sd === 'never' && fromDisclosure) {
      issues.push(mismatch(pointerOf(at), `The type metadata says \`sd: never\` for ${pointerOf(at)}, but the claim came from a disclosure.`));
    }
  }
  if (c.mandatory === true && r.selected.length === 0) {
    // Absent from what was presented. It may still be in the credential, hidden behind a digest the
    // holder did not disclose, unless nothing is hidden at all, or the claim may not be hidden.
    const where = pointerUpToWildcard(c.path);
    if (c.sd === 'never') {
      issues.push(mismatch(where, `The mandatory claim ${where} is absent, and its \`sd: never\` means it cannot be behind an undisclosed digest: the issuer left it out or hid it against the metadata.`));
    } else if (view.undisclosedDigests === 0) {
      issues.push(mismatch(where, `The mandatory claim ${where} is absent, and the SD-JWT has no undisclosed digest it could be behind: the issuer left it out.`));
    }
  }
  return issues;
}

/**
 * Validates presented claims against type metadata as the SD-JWT VC draft (-17 and later) asks
 * of a verifier. Returns `SDJWT_TYPE_METADATA_MISMATCH` issues (pointers into `view.claims`):
 *
 * - a claim the metadata marks `sd: always` that is in the clear (not from a disclosure; a
 *   claim inside a disclosed object does not count as disclosable itself, as the draft says);
 * - a claim marked `sd: never` that came from a disclosure;
 * - a `mandatory` claim that is absent AND cannot be hidden: either the SD-JWT has no undisclosed
 *   digest at all (`undisclosedDigests === 0`), or the claim is `sd: never` (then it cannot
 *   lawfully be behind a digest). A mandatory claim that is absent while some digest stays
 *   undisclosed is not reported: a verifier must not treat an undisclosed claim as missing;
 * - a `path` whose processing fails on the claims (a key applied to a non-object, an index to a
 *   non-array);
 * - a `vct` in the claims other than the metadata's.
 *
 * Malformed metadata gives its `SDJWT_TYPE_METADATA_MALFORMED` issues instead (the draft: claim
 * metadata processing fails, the credential is rejected). Limit: array indexes are evaluated on
 * the presented array, not the issued one (undisclosed array elements are not counted). Never throws.
 *
 * @example
 * checkClaimsAgainstTypeMetadata(createTypeMetadata(), {
 *   claims: { vct: 'VerifiableMicroCredential', title: 'Data ethics' },
 *   disclosedPaths: [],
 *   undisclosedDigests: 0,
 * }); // title in the clear (sd: always), iss, iat … absent: mismatches
 */
export function checkClaimsAgainstTypeMetadata(metadata: unknown, view: PresentedClaimsView): SdJwtVcIssue[] {
  const validation = validateTypeMetadata(metadata);
  if (!validation.ok) return validation.issues.filter((i) => i.severity === 'error');
  if (typeof view !== 'object' || view === null || typeof view.claims !== 'object' || view.claims === null) {
    return [mismatch('', 'There are no claims to check against the type metadata.')];
  }
  try {
    return checkAll(metadata as { vct: string; claims?: ClaimMetadata[] }, view);
  } catch {
    // A Proxy or getter in the claims that throws when read.
    return [mismatch('', 'The claims could not be read (a property threw when read); they were not checked against the type metadata.')];
  }
}

function checkAll(md: { vct: string; claims?: ClaimMetadata[] }, view: PresentedClaimsView): SdJwtVcIssue[] {
  const issues: SdJwtVcIssue[] = [];
  const vct = view.claims.vct;
  if (vct !== undefined && vct !== md.vct) {
    issues.push(mismatch('/vct', `The type metadata is for \`vct\` "${md.vct}", the credential's is ${JSON.stringify(vct)}.`));
  }
  const disclosed = new Set((Array.isArray(view.disclosedPaths) ? view.disclosedPaths : []).map((p) => JSON.stringify(p.map(String))));
  const undisclosedDigests = typeof view.undisclosedDigests === 'number' && view.undisclosedDigests >= 0 ? view.undisclosedDigests : Infinity;
  (md.claims ?? []).forEach((c, i) => issues.push(...checkOne(c, i, { ...view, undisclosedDigests }, disclosed)));
  return issues;
}
