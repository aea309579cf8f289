/**
 * The last phases of a signature's check: time and trust (the signer certificate's key usage and
 * validity, and with trust anchors a certification path, `chain.ts`), and the JAdES validation
 * data it carries (the unsigned `etsiU` header and the signed `adoTst`, ETSI TS 119 182-1 §5.2.8.1,
 * §5.3), whose findings `validation-data.ts` makes and this reports.
 * @module
 */
import { validateChain } from './chain.js';
import { MAX_PROBLEMS_LISTED, summarize, type Scope } from './context.js';
import type { Signer } from './certificates.js';
import type { EdcSealSeverity } from './codes.js';
import type { Headers } from './headers.js';
import { UNVERIFIED_SIGNED_PARAMETERS, readEtsiU, type EtsiU } from './jades.js';
import { isoSeconds, own, type RawSignature } from './jws.js';
import { verifyValidationData } from './validation-data.js';
import { tryParseCertificate, type Certificate } from './x509.js';

/** Reads `etsiU` (unsigned JAdES properties) for form, reporting its problems; its certificates may be the signer's. */
export function readEtsiUHeader(value: unknown, s: Scope): { etsiU?: EtsiU; certificates: Certificate[] } {
  if (value === undefined) return { certificates: [] };
  const etsiU = readEtsiU(value);
  const at = [...s.headerPath, 'etsiU'];
  for (const p of etsiU.problems.slice(0, MAX_PROBLEMS_LISTED)) s.add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', [...at, ...p.path], p.message);
  if (etsiU.problems.length > MAX_PROBLEMS_LISTED) s.add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', at, `${etsiU.problems.length - MAX_PROBLEMS_LISTED} more problems in \`etsiU\` are not listed.`);
  if (etsiU.limited) s.add('EDC_SEAL_LIMIT_EXCEEDED', at, '`etsiU` is larger than the verifier reads (256 entries, 64 MB); the rest was not checked.');
  const certificates: Certificate[] = [];
  for (const der of etsiU.certificates) {
    const parsed = tryParseCertificate(der);
    if (parsed.ok) certificates.push(parsed.certificate);
  }
  return { etsiU, certificates };
}

/**
 * Time and trust: the signer certificate may make signatures (RFC 5280 §4.2.1.3), and with trust
 * anchors it chains to one of them and every certificate is valid at `options.now ?? signingTime ?? now`.
 */
export async function checkTrust(leaf: Certificate, signer: Signer, etsiUCerts: readonly Certificate[], signingTime: { date?: Date; name?: 'sigT' | 'iat' }, s: Scope): Promise<void> {
  const { ctx } = s;
  const at = ctx.now ?? signingTime.date ?? new Date();
  if (ctx.now === undefined && signingTime.name !== undefined) {
    s.add('EDC_SEAL_CLAIMED_TIME_USED', [...s.protPath, signingTime.name], `Certificate validity was checked at ${s.result.signingTime ?? ''}, the signing time the seal claims; the seal's time-stamps are not used to prove it. Pass \`now\` to check at another time.`);
  }
  const trustSeverity: EdcSealSeverity = ctx.anchors === undefined ? 'warning' : 'error';
  const leafPath = [...signer.x5cPath, 0];
  const ku = leaf.extensions.keyUsage;
  const keyUsageOk = ku === undefined || ku[0] === true || ku[1] === true;
  if (!keyUsageOk) s.add('EDC_SEAL_KEY_USAGE', leafPath, `The signer certificate "${leaf.subject.text}" may not make signatures: its keyUsage has neither digitalSignature nor nonRepudiation (RFC 5280 §4.2.1.3).`, trustSeverity);
  if (ctx.anchors !== undefined) {
    const pool = [...signer.chain.slice(1), ...etsiUCerts, ...ctx.intermediates];
    const chain = await validateChain(leaf, pool, ctx.anchors, at);
    for (const p of chain.problems) s.add(p.code, signer.x5cPath, p.message);
    s.result.trusted = chain.trusted && keyUsageOk;
    if (chain.path) s.result.chain = await Promise.all(chain.path.map(summarize));
  } else if (at.getTime() > leaf.notAfter.getTime()) {
    s.add('EDC_SEAL_CERTIFICATE_EXPIRED', leafPath, `The signer certificate expired on ${isoSeconds(leaf.notAfter)}, before the validation time ${isoSeconds(at)}.`, 'warning');
  } else if (at.getTime() < leaf.notBefore.getTime()) {
    s.add('EDC_SEAL_CERTIFICATE_NOT_YET_VALID', leafPath, `The signer certificate is valid only from ${isoSeconds(leaf.notBefore)}, after the validation time ${isoSeconds(at)}.`, 'warning');
  }
}

/** `20230927115420Z` (RFC 3161 genTime) as `2023-09-27T11:54:20Z`; fractions kept. */
function genTimeIso(t: string): string {
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12)}`;
}

/** Verifies the validation data and reports its findings (at most {@link MAX_PROBLEMS_LISTED} of each kind); the verified time-stamps as text. */
async function reportValidationData(raw: RawSignature, h: Headers, etsiU: EtsiU | undefined, leaf: Certificate, signer: Signer, s: Scope): Promise<string> {
  const { ctx } = s;
  const known = [...signer.chain, ...(signer.chain.includes(leaf) ? [] : [leaf]), ...ctx.intermediates, ...(ctx.anchors ?? [])];
  const report = await verifyValidationData({ ...(etsiU ? { etsiU } : {}), adoTst: own(h.prot, 'adoTst'), payload: ctx.payload, protectedText: h.protectedText, signature: raw.signature, known });
  const listed = { invalid: 0, unverified: 0 };
  for (const f of report.findings) {
    const code = f.status === 'invalid' ? (f.where === 'adoTst' ? 'EDC_SEAL_TIMESTAMP_INVALID' : 'EDC_SEAL_UNSIGNED_DATA_INVALID') : 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED';
    if (listed[f.status]++ < MAX_PROBLEMS_LISTED) s.add(code, [...s.base, ...f.path], f.message);
  }
  for (const status of ['invalid', 'unverified'] as const) {
    if (listed[status] > MAX_PROBLEMS_LISTED) {
      s.add(status === 'invalid' ? 'EDC_SEAL_UNSIGNED_DATA_INVALID' : 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED', [...s.headerPath, 'etsiU'], `${listed[status] - MAX_PROBLEMS_LISTED} more ${status === 'invalid' ? 'failed' : 'unchecked'} objects in the validation data are not listed.`);
    }
  }
  const times = report.timestamps.filter((t) => t.status === 'verified' && t.genTime !== undefined).map((t) => `${t.component} ${genTimeIso(t.genTime!)}`);
  return times.length > 0 ? ` Verified time-stamps: ${times.join(', ')}.` : '';
}

/**
 * The validation data: `etsiU` (not covered by the signature) and `adoTst`. Checked against an
 * intact seal only: when the signature fails, the time-stamps over it fail too, and repeating that
 * would only bury the one finding that matters.
 */
export async function checkValidationData(raw: RawSignature, h: Headers, etsiU: EtsiU | undefined, leaf: Certificate, signer: Signer, s: Scope): Promise<void> {
  const stamped = s.result.integrity && (etsiU !== undefined || own(h.prot, 'adoTst') !== undefined) ? await reportValidationData(raw, h, etsiU, leaf, signer, s) : '';
  if (etsiU?.hasUnverifiedData || UNVERIFIED_SIGNED_PARAMETERS.some((name) => own(h.prot, name) !== undefined)) {
    s.add('EDC_SEAL_TIMESTAMP_NOT_CHECKED', s.base, `The seal carries JAdES time-stamps, validation data or a signature policy (\`adoTst\`, \`sigPId\`, \`etsiU\`). Their integrity was checked; trust was not: no time-stamp authority, OCSP responder or CRL issuer is validated against trust anchors, the time-stamped times are not used, revocation is not evaluated, and a signature policy is not checked.${stamped}`);
  }
}
