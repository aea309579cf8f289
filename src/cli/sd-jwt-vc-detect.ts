/**
 * Telling an SD-JWT VC (RFC 9901's compact form, the EU wallet's format) from the other documents
 * `eumc` reads, without loading the library: text whose trimmed form is `~`-separated parts, the
 * first an issuer-signed JWT (a compact JWS whose header is a JSON object with `alg`), the others
 * disclosures and, last, an optional key-binding JWT. Whether it is a good one is the library's
 * question (`verifySdJwtVc`, with its `SDJWT_` codes): a malformed disclosure is still an SD-JWT
 * here, so that it is reported as such, not as a file that is not JSON.
 */

/** The compact form: a JWS, then `~` and base64url disclosures, and a key-binding JWT (dots) or nothing at the end. */
const COMPACT_SD_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+~[A-Za-z0-9_.~-]*$/;

/** The names of files that hold an SD-JWT (a folder walk of `validate` and `verify` takes them). */
export const SD_JWT_FILE = /\.(?:sd-jwt|sdjwt)$/;

/** Whether a text, trimmed, is an SD-JWT in compact form (the header of its issuer-signed JWT a JSON object with `alg`). */
export function isSdJwt(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const trimmed = text.trim();
  if (trimmed.length > 4 * 1024 * 1024 || !COMPACT_SD_JWT.test(trimmed)) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(trimmed.slice(0, trimmed.indexOf('.')), 'base64url').toString('utf8'));
    return header !== null && typeof header === 'object' && !Array.isArray(header) && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** The `/sd-jwt-vc` entry point, loaded on first use: a run over other documents never loads it. */
export const sdJwtVcEntry = () => import('eu-micro-credentials/sd-jwt-vc');
