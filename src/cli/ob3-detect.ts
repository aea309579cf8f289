/**
 * Telling an Open Badges 3.0 credential from the other documents `eumc` reads, without loading the
 * library: a JSON object whose `type` names `OpenBadgeCredential` or `AchievementCredential`, or a
 * compact JWS (VC-JWT) whose decoded payload is one (the OB 3.0 form, or the VC 1.1 form with the
 * credential in the `vc` claim). Every other compact JWS is an EDC seal, as before. Decoding is not
 * verification: these functions only say what a document claims to be.
 */

/** The `type` values that make a credential an Open Badges 3.0 one (OB 3.0, "AchievementCredential"). */
const BADGE_TYPES: ReadonlySet<string> = new Set(['OpenBadgeCredential', 'AchievementCredential']);
/** A compact JWS (RFC 7515 §7.1) with a payload: three base64url segments separated by dots. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a JSON value is an object whose own `type` (a string or a list) names an OB 3.0 credential type. */
export function isBadgeObject(json: unknown): boolean {
  if (!isObject(json) || !Object.hasOwn(json, 'type')) return false;
  const type = json.type;
  const types: unknown[] = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && BADGE_TYPES.has(t));
}

/** The decoded payload of a compact JWS, parsed; `undefined` when it is not base64url JSON. */
function jwsPayload(text: string): unknown {
  const body = text.split('.')[1] ?? '';
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Whether a string is a compact JWS whose payload is an OB 3.0 credential (a VC-JWT badge). */
export function isBadgeJws(text: string): boolean {
  const trimmed = text.trim();
  if (!COMPACT_JWS.test(trimmed)) return false;
  const payload = jwsPayload(trimmed);
  return isBadgeObject(payload) || (isObject(payload) && isBadgeObject(payload.vc));
}

/**
 * The form an OB 3.0 credential is in: `object` (the credential as JSON, signed with an embedded
 * proof or not), `jwt` (a compact JWS whose payload is one), or `undefined` (not a badge).
 */
export function badgeForm(json: unknown): 'object' | 'jwt' | undefined {
  if (typeof json === 'string') return isBadgeJws(json) ? 'jwt' : undefined;
  return isBadgeObject(json) ? 'object' : undefined;
}
