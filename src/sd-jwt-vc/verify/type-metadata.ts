/**
 * Type metadata given to the verifier (SD-JWT VC draft §6.8, "Processing Type Metadata"): it must
 * be well-formed and for the credential's `vct`, its bytes must match a `vct#integrity` of the payload (§7), and
 * the claims must agree with its claim metadata (`mandatory`, `sd`). Never fetched: the caller
 * passes the document it retrieved, ideally as the retrieved bytes so the integrity can be checked.
 * @module
 */
import { utf8Decode, utf8Encode } from '../../json/encoding.js';
import { type SdJwtVcIssue, sdJwtVcIssue } from '../codes.js';
import { checkIntegrity } from '../integrity.js';
import { checkClaimsAgainstTypeMetadata, type PresentedClaimsView } from '../type-metadata/check.js';
import { depthOf, SDJWT_LIMITS, type Json } from './decode.js';

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The document and, when it came as bytes or text, the bytes. */
function readDocument(input: unknown): { doc?: Json; bytes?: Uint8Array } {
  if (isObject(input) && !(input instanceof Uint8Array)) return { doc: input };
  const bytes = input instanceof Uint8Array ? input : typeof input === 'string' ? utf8Encode(input) : undefined;
  if (bytes === undefined || bytes.length > SDJWT_LIMITS.chars) return {};
  const text = utf8Decode(bytes);
  if (text === undefined) return { bytes };
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) && depthOf(value, SDJWT_LIMITS.depth) <= SDJWT_LIMITS.depth ? { doc: value, bytes } : { bytes };
  } catch {
    return { bytes };
  }
}

/**
 * Checks the credential against the type metadata given.
 *
 * @example
 * await typeMetadataIssues(metadataBytes, decoded.jwt.payload, { claims, disclosedPaths, undisclosedDigests: 3 }); // [] or SDJWT_TYPE_METADATA_MISMATCH, SDJWT_INTEGRITY_MISMATCH…
 */
export async function typeMetadataIssues(input: unknown, payload: Json, view: PresentedClaimsView): Promise<SdJwtVcIssue[]> {
  const issues: SdJwtVcIssue[] = [];
  const { doc, bytes } = readDocument(input);
  if (doc === undefined) {
    return [sdJwtVcIssue('SDJWT_TYPE_METADATA_MALFORMED', 'error', '', null, 'The type metadata given (`typeMetadata`) is not a JSON object (as an object, JSON text or UTF-8 bytes).', 'metadata')];
  }
  if (Object.prototype.hasOwnProperty.call(payload, 'vct#integrity')) {
    const integrity = payload['vct#integrity'];
    const path = '/payload/vct#integrity';
    if (typeof integrity !== 'string') {
      issues.push(sdJwtVcIssue('SDJWT_INTEGRITY_MISMATCH', 'error', path, null, '`vct#integrity` is not a string (W3C SRI syntax).', 'sd-jwt'));
    } else if (bytes === undefined) {
      issues.push(sdJwtVcIssue('SDJWT_INTEGRITY_MISMATCH', 'warning', path, null, 'The credential has `vct#integrity`, but the type metadata was given as an object, not as the bytes retrieved: its integrity was not checked. Pass the retrieved bytes (or text) to check it.', 'sd-jwt'));
    } else {
      const check = await checkIntegrity(bytes, integrity);
      if (!check.ok) issues.push(sdJwtVcIssue('SDJWT_INTEGRITY_MISMATCH', 'error', path, null, `The type metadata given does not match \`vct#integrity\`: ${check.reason ?? 'the digests differ'}.`, 'sd-jwt'));
    }
  }
  // The metadata's own form, its `vct`, and its claim metadata (`mandatory`, `sd`) against what was
  // presented (draft §6.8: reject when they do not match).
  issues.push(...checkClaimsAgainstTypeMetadata(doc, view));
  return issues;
}
