/**
 * Reading an SD-JWT's claims without checking its signature, for `eumc validate` and
 * `eumc convert --to model`: the library's `decodeSdJwtVc`, the same strict reading and disclosure
 * walk as `verifySdJwtVc` (`eumc verify`), so the two commands never read one file two ways. A
 * malformed part, a disclosure no digest references, one presented twice or a member named twice
 * is a finding with the verifier's code and path. Who signed it is `eumc verify`'s question.
 */
import type { DecodedSdJwtVc, SdJwtVcIssue } from 'eu-micro-credentials/sd-jwt-vc';
import { type Finding, finding } from './finding.js';
import { sdJwtVcEntry } from './sd-jwt-vc-detect.js';

/** The decoded parts of a compact SD-JWT: the library's reading, with its issues as the command line's findings. */
export type DecodedSdJwt = Omit<DecodedSdJwtVc, 'ok' | 'issues'> & { ok: true; issues: Finding[] };

/** A decoder issue as a finding: its path a place in the decoded SD-JWT (`/disclosures/2`, `/payload`). */
const toFinding = (i: SdJwtVcIssue): Finding => finding(i.code, i.severity, i.in === 'claims' ? `/claims${i.path}` : i.path, i.message);

/**
 * Decodes a compact SD-JWT; never throws. `ok: false` when there are no claims to hold to the
 * rulebook (the issuer-signed JWT cannot be read, an input limit, an `_sd_alg` not supported);
 * otherwise the claims, with the structural findings beside them. The library's `SDJWT_NOT_VERIFIED`
 * warning is left to the callers, which say it in the command line's words.
 */
export async function decodeSdJwt(text: string): Promise<DecodedSdJwt | { ok: false; issues: Finding[] }> {
  const { decodeSdJwtVc } = await sdJwtVcEntry();
  const decoded = await decodeSdJwtVc(text);
  const issues = decoded.issues.filter((i) => i.code !== 'SDJWT_NOT_VERIFIED').map(toFinding);
  const unread = Object.keys(decoded.payload).length === 0 || decoded.issues.some((i) => i.code === 'SDJWT_HASH_ALG_UNSUPPORTED' || i.code === 'SDJWT_VERIFIER_FAILED');
  if (!decoded.ok && unread) return { ok: false, issues };
  const { header, payload, claims, disclosed, undisclosed, keyBinding } = decoded;
  return { ok: true, header, payload, claims, disclosed, undisclosed, keyBinding, issues };
}
