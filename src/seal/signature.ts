/**
 * One signature of a seal, checked phase by phase: its headers (`headers.ts`), its signer
 * certificate (`certificates.ts`), the signature itself (RFC 7515 §5.2 steps 6-8, here), then
 * time and trust and the validation data it carries (`trust.ts`).
 * @module
 */
import { base64UrlToBytes, utf8Encode, type Bytes } from '../json/encoding.js';
import { findSigner, keyParams } from './certificates.js';
import { summarize, type Context, type Path, type Scope } from './context.js';
import { DerError } from './der.js';
import { checkCrit, readAlgorithm, readHeaders, readSigningTime, type Headers } from './headers.js';
import { own, type ExtraMember, type JwsAlgorithm, type RawSignature } from './jws.js';
import { importVerifyKey } from './keys.js';
import type { EdcSealSignature } from './result.js';
import { checkTrust, checkValidationData, readEtsiUHeader } from './trust.js';
import type { Certificate } from './x509.js';

/** Reads the signature value: canonical base64url of the length `alg` and the key give, or `undefined` (reported). */
function readSignatureValue(raw: RawSignature, alg: JwsAlgorithm | undefined, leaf: Certificate, s: Scope): Bytes | undefined {
  const sigPath = [...s.base, 'signature'];
  const algName = String(s.result.algorithm);
  if (typeof raw.signature !== 'string') {
    s.add('EDC_SEAL_SIGNATURE_INVALID', sigPath, '`signature` must be a base64url string.');
    return undefined;
  }
  const signature = base64UrlToBytes(raw.signature);
  // Canonical base64url only: another spelling of the same bytes would be a change that still verifies.
  if (signature === undefined) s.add('EDC_SEAL_SIGNATURE_INVALID', sigPath, 'The signature is not canonical base64url (RFC 7515 §2).');
  else if (alg?.signatureLength !== undefined && signature.length !== alg.signatureLength) {
    // RFC 7518 §3.4: an ECDSA JWS signature is R‖S of fixed length (not DER).
    s.add('EDC_SEAL_SIGNATURE_INVALID', sigPath, `A ${algName} signature is ${alg.signatureLength} bytes (R‖S, RFC 7518 §3.4); this one is ${signature.length}.`);
    return undefined;
  } else if (leaf.publicKey.type === 'RSA' && alg?.scheme.kind !== 'ecdsa' && signature.length !== Math.ceil((leaf.publicKey.bits ?? 0) / 8)) {
    s.add('EDC_SEAL_SIGNATURE_INVALID', sigPath, `An RSA signature is as long as the modulus (${Math.ceil((leaf.publicKey.bits ?? 0) / 8)} bytes, RFC 8017 §8.2.2); this one is ${signature.length}.`);
    return undefined;
  }
  return signature;
}

/** Verifies the signature over the signing input with the signer's key (RFC 7515 §5.1, RFC 7797 §3). */
async function verifyIntegrity(h: Headers, params: NonNullable<ReturnType<typeof keyParams>>, signature: Bytes, leaf: Certificate, x5cPath: Path, s: Scope): Promise<void> {
  // ASCII(BASE64URL(UTF8(protected))) '.' payload, the payload base64url-encoded or, with b64 false,
  // as it is. The protected part is ASCII, so encoding the joined string is the same.
  const signingInput = utf8Encode(`${h.protectedText}.${String(s.ctx.payload)}`);
  try {
    const key = await importVerifyKey(leaf.publicKey.spki, params.importAlg);
    s.result.integrity = await globalThis.crypto.subtle.verify(params.verifyAlg, key, signature, signingInput);
    if (!s.result.integrity) s.add('EDC_SEAL_SIGNATURE_INVALID', [...s.base, 'signature'], `The ${String(s.result.algorithm)} signature does not verify with the key of "${leaf.subject.text}": the protected header or the payload was changed after sealing, or the signature was.`);
  } catch (e) {
    s.add('EDC_SEAL_KEY_UNSUPPORTED', [...x5cPath, 0], `The signer certificate's key could not be used (${e instanceof DerError ? e.message : e instanceof Error ? e.name : 'error'}).`);
  }
}

/**
 * Checks one signature of the JWS. `b64` is the signature's `b64` header when its headers could
 * be read (RFC 7797 §3 wants it the same for all signatures).
 */
export async function checkSignature(
  raw: RawSignature,
  index: number,
  ctx: Context,
  reportExtraMembers: (members: readonly ExtraMember[], base: Path, add: Scope['add']) => void,
): Promise<{ result: EdcSealSignature; b64: boolean | undefined }> {
  const s: Scope = {
    ctx,
    index,
    base: raw.path,
    protPath: [...raw.path, 'protected'],
    headerPath: [...raw.path, 'header'],
    add: (code, path, message, severity) => ctx.add(code, path, message, severity === undefined ? { signature: index } : { signature: index, severity }),
    result: { index, integrity: false },
  };
  const h = readHeaders(raw, s, () => reportExtraMembers(raw.unknownMembers ?? [], s.base, s.add));
  if (h === undefined) return { result: s.result, b64: undefined };
  const critOk = checkCrit(h, s);
  const alg = readAlgorithm(h, s);
  const signingTime = readSigningTime(h, s);
  const { etsiU, certificates: etsiUCerts } = readEtsiUHeader(own(h.unprot, 'etsiU'), s);
  const signer = await findSigner(h, s, etsiUCerts);
  const leaf = signer.leaf;
  if (leaf === undefined) return { result: s.result, b64: h.b64 };
  s.result.signer = await summarize(leaf);
  const params = alg === undefined ? undefined : keyParams(alg, leaf, signer.x5cPath, s);
  const signature = readSignatureValue(raw, alg, leaf, s);
  const payloadProblem = ctx.payloadProblem(h.b64);
  if (critOk && params !== undefined && signature !== undefined && payloadProblem === undefined && typeof ctx.payload === 'string') {
    await verifyIntegrity(h, params, signature, leaf, signer.x5cPath, s);
  }
  await checkTrust(leaf, signer, etsiUCerts, signingTime, s);
  await checkValidationData(raw, h, etsiU, leaf, signer, s);
  return { result: s.result, b64: h.b64 };
}
