/**
 * Certification path building and validation (RFC 5280 §6.1, the parts a seal needs): from the
 * signer certificate through candidate intermediates to a caller-given trust anchor, checking each
 * signature with the issuer's key, the validity periods at one instant, and the CA constraints.
 * Revocation is not checked (it needs the network); policies are treated as with
 * initial-any-policy and no explicit policy required (§6.1.1).
 * @module
 */
import { bytesEqual } from '../json/encoding.js';
import { verifyCertificateSignature, type Certificate } from './x509.js';

/** A problem found while validating a chain. */
export interface ChainProblem {
  readonly code: 'EDC_SEAL_UNTRUSTED' | 'EDC_SEAL_CHAIN_INVALID' | 'EDC_SEAL_CERTIFICATE_EXPIRED' | 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID';
  readonly message: string;
}

/** The outcome: the path (signer first, anchor last) when one was found, and what is wrong with it. */
export interface ChainResult {
  readonly trusted: boolean;
  readonly path?: readonly Certificate[];
  readonly problems: readonly ChainProblem[];
}

const MAX_PATH_LENGTH = 10;
const MAX_SIGNATURE_CHECKS = 200;

/** keyUsage bit 5 (RFC 5280 §4.2.1.3). */
const KEY_CERT_SIGN = 5;

/** Names match when their DER is equal, or when they read the same once case and spaces are folded (RFC 5280 §7.1, simplified). */
export function sameName(a: Certificate['subject'], b: Certificate['subject']): boolean {
  if (bytesEqual(a.der, b.der)) return true;
  if (a.attributes.length !== b.attributes.length) return false;
  const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return a.attributes.every((x, i) => x.oid === b.attributes[i]!.oid && fold(x.value) === fold(b.attributes[i]!.value));
}

function isSelfIssued(c: Certificate): boolean {
  return sameName(c.subject, c.issuer);
}

/** Where a key identifier pair says two certificates cannot match; absent identifiers do not exclude. */
export function keyIdsConflict(child: Certificate, issuer: Certificate): boolean {
  const aki = child.extensions.authorityKeyIdentifier;
  const ski = issuer.extensions.subjectKeyIdentifier;
  return aki !== undefined && ski !== undefined && !bytesEqual(aki, ski);
}

/** What is wrong with the certificate at `i` of `path` (signer first, anchor last), validated at `at`. */
function certificateProblems(path: readonly Certificate[], i: number, at: Date): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const cert = path[i]!;
  const anchorIndex = path.length - 1;
  const who = i === 0 ? `The signer certificate "${cert.subject.text}"` : i === anchorIndex ? `The trust anchor "${cert.subject.text}"` : `The intermediate certificate "${cert.subject.text}"`;
  // RFC 5280 §6.1.3 (a)(2): each certificate is valid at the validation time. The anchor is
  // checked too, as most validators do: an expired anchor is a configuration error worth seeing.
  if (at.getTime() > cert.notAfter.getTime()) {
    problems.push({ code: 'EDC_SEAL_CERTIFICATE_EXPIRED', message: `${who} expired on ${cert.notAfter.toISOString()}, before the validation time ${at.toISOString()}.` });
  } else if (at.getTime() < cert.notBefore.getTime()) {
    problems.push({ code: 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID', message: `${who} is valid only from ${cert.notBefore.toISOString()}, after the validation time ${at.toISOString()}.` });
  }
  // §4.2: a critical extension the verifier does not process makes the certificate unusable.
  // The anchor's extensions are not part of path processing (§6.1.1 (d)).
  if (i !== anchorIndex && cert.extensions.unhandledCritical.length > 0) {
    problems.push({ code: 'EDC_SEAL_CHAIN_INVALID', message: `${who} has critical extensions this verifier does not process: ${cert.extensions.unhandledCritical.join(', ')}.` });
  }
  if (i === 0) return problems;
  // Issuers: §6.1.4 (k) basicConstraints cA, (n) keyCertSign, (l)/(m) path length.
  const bc = cert.extensions.basicConstraints;
  if (i !== anchorIndex ? bc?.ca !== true : bc !== undefined && !bc.ca) {
    problems.push({ code: 'EDC_SEAL_CHAIN_INVALID', message: `${who} signs certificates but is not a CA (basicConstraints cA is not true, RFC 5280 §4.2.1.9).` });
  }
  const ku = cert.extensions.keyUsage;
  if (ku !== undefined && ku[KEY_CERT_SIGN] !== true) {
    problems.push({ code: 'EDC_SEAL_CHAIN_INVALID', message: `${who} signs certificates but its keyUsage lacks keyCertSign (RFC 5280 §4.2.1.3).` });
  }
  if (bc?.pathLength !== undefined) {
    // Intermediates below this one, not counting the signer certificate or self-issued ones.
    const below = path.slice(1, i).filter((c) => !isSelfIssued(c)).length;
    if (below > bc.pathLength) {
      problems.push({ code: 'EDC_SEAL_CHAIN_INVALID', message: `${who} allows ${bc.pathLength} intermediate certificates below it, the chain has ${below} (pathLenConstraint, RFC 5280 §4.2.1.9).` });
    }
  }
  return problems;
}

/**
 * Builds a path from `leaf` to one of `anchors` through `pool`, and validates it at `at`.
 * A certificate equal to an anchor ends the path (the leaf itself may be an anchor).
 *
 * @example
 * const { trusted, path, problems } = await validateChain(leaf, [intermediate], [root], new Date());
 */
export async function validateChain(leaf: Certificate, pool: readonly Certificate[], anchors: readonly Certificate[], at: Date): Promise<ChainResult> {
  let checks = 0;
  const cache = new Map<string, Promise<{ ok: boolean; reason?: string }>>();
  const certId = new Map<Certificate, number>();
  const idOf = (c: Certificate): number => {
    let id = certId.get(c);
    if (id === undefined) certId.set(c, (id = certId.size));
    return id;
  };
  const signedBy = (child: Certificate, issuer: Certificate) => {
    const key = `${idOf(child)}>${idOf(issuer)}`;
    let p = cache.get(key);
    if (p === undefined) {
      checks++;
      p = verifyCertificateSignature(child, issuer);
      cache.set(key, p);
    }
    return p;
  };
  const isAnchor = (c: Certificate) => anchors.some((a) => bytesEqual(a.der, c.der));
  const failures: string[] = [];

  // Depth-first search; the depth is bounded by MAX_PATH_LENGTH and the work by MAX_SIGNATURE_CHECKS.
  const extend = async (path: Certificate[]): Promise<Certificate[] | undefined> => {
    const current = path[path.length - 1]!;
    if (isAnchor(current)) return path;
    if (path.length > MAX_PATH_LENGTH) return undefined;
    const candidates = [...anchors, ...pool].filter(
      (c) => sameName(c.subject, current.issuer) && !keyIdsConflict(current, c) && !path.some((p) => bytesEqual(p.der, c.der)),
    );
    for (const candidate of candidates) {
      if (checks >= MAX_SIGNATURE_CHECKS) return undefined;
      const verdict = await signedBy(current, candidate);
      if (!verdict.ok) {
        failures.push(`"${current.subject.text}" names "${candidate.subject.text}" as its issuer, but ${verdict.reason ?? 'its signature does not verify'}`);
        continue;
      }
      const found = await extend([...path, candidate]);
      if (found) return found;
    }
    return undefined;
  };

  const path = await extend([leaf]);
  if (path === undefined) {
    const detail = failures.length > 0 ? ` ${failures.slice(0, 3).join('; ')}.` : ` No trust anchor or intermediate certificate is named "${leaf.issuer.text}" (or the chain above it ends without an anchor).`;
    return { trusted: false, problems: [{ code: 'EDC_SEAL_UNTRUSTED', message: `No chain from "${leaf.subject.text}" to a trust anchor.${detail}` }] };
  }

  const problems: ChainProblem[] = [];
  path.forEach((_, i) => problems.push(...certificateProblems(path, i, at)));
  return { trusted: problems.length === 0, path, problems };
}
