/**
 * The `status` claim of an SD-JWT VC (Token Status List draft §6.2, "Referenced Token in JOSE"):
 * `{ "status_list": { "idx": <non-negative integer>, "uri": <URI> } }`, read from the payload as
 * signed (the claim is never selectively disclosable: a disclosure named `status` is refused
 * before this is read). What this library cannot check is refused, never ignored: another status
 * mechanism beside `status_list`, or members of `status_list` it does not know.
 * @module
 */
import type { StatusIssueCode, StatusIssueDetails } from '../../status/codes.js';
import type { SdJwtVcIssue } from '../codes.js';

/**
 * Where the reference is, as a JSON Pointer into the parts of the SD-JWT: the `path` of the
 * status issues and of the `StatusCheck`.
 *
 * @example
 * result.status[0]?.path === STATUS_LIST_PATH; // '/payload/status/status_list'
 */
export const STATUS_LIST_PATH = '/payload/status/status_list';

/**
 * A reference to an entry of a Status List Token, as the credential's `status.status_list` gives it.
 *
 * @example
 * const ref: StatusReference = { idx: 7, uri: 'https://uni.example.eu/status/1' };
 */
export interface StatusReference {
  readonly idx: number;
  readonly uri: string;
}

/**
 * A `STATUS_` issue of `verifySdJwtVc`, in the SD-JWT VC issue shape (`element: null`, `in: 'sd-jwt'`).
 *
 * @example
 * sdJwtStatusIssue('STATUS_REVOKED', 'error', STATUS_LIST_PATH, 'The credential is revoked …', { list: uri, index: 7, value: 1 });
 */
export function sdJwtStatusIssue(code: StatusIssueCode, severity: 'error' | 'warning', path: string, message: string, details?: StatusIssueDetails): SdJwtVcIssue {
  return { code, severity, path, element: null, message, in: 'sd-jwt', ...(details === undefined ? {} : { details }) };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const MAX_URI = 2048;
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s\u0000-\u001f\u007f]+$/;

/**
 * Whether `text` is an absolute URI of at most 2 048 characters (RFC 3986 §4.3: a scheme, then no
 * whitespace or control characters).
 *
 * @example
 * isAbsoluteUri('https://uni.example.eu/status/1'); // true
 * isAbsoluteUri('/status/1'); // false
 */
export function isAbsoluteUri(text: unknown): text is string {
  return typeof text === 'string' && text.length <= MAX_URI && URI.test(text);
}

/**
 * Reads the `status` claim: the reference, or the STATUS_ENTRY_MALFORMED issues saying why not.
 * An unknown member beside a readable `status_list` is an issue too, and the reference is kept.
 *
 * @example
 * readStatusClaim({ status_list: { idx: 7, uri: 'https://uni.example.eu/status/1' } }); // { reference: { idx: 7, uri: … }, issues: [] }
 */
export function readStatusClaim(status: unknown): { reference?: StatusReference; issues: SdJwtVcIssue[] } {
  const issues: SdJwtVcIssue[] = [];
  const bad = (path: string, message: string) => issues.push(sdJwtStatusIssue('STATUS_ENTRY_MALFORMED', 'error', path, message));
  if (!isObject(status)) {
    bad('/payload/status', `\`status\` is ${status === null ? 'null' : Array.isArray(status) ? 'an array' : `a ${typeof status}`}, not an object with \`status_list\` (Token Status List draft §6.2).`);
    return { issues };
  }
  for (const name of Object.keys(status)) {
    if (name !== 'status_list') bad(`/payload/status/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`, `\`status\` has the member \`${name}\`, a status mechanism this library does not check: the credential's status cannot be established.`);
  }
  const list = Object.prototype.hasOwnProperty.call(status, 'status_list') ? status.status_list : undefined;
  if (!isObject(list)) {
    bad(STATUS_LIST_PATH, `\`status.status_list\` is ${list === undefined ? 'absent' : 'not an object'}: it must be { "idx": <non-negative integer>, "uri": <URI of the Status List Token> }.`);
    return { issues };
  }
  for (const name of Object.keys(list)) {
    if (name !== 'idx' && name !== 'uri') bad(`${STATUS_LIST_PATH}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`, `\`status.status_list\` has the member \`${name}\`, which this library does not know: it may change what the reference means, so it is not checked.`);
  }
  const { idx, uri } = list;
  const idxOk = typeof idx === 'number' && Number.isSafeInteger(idx) && idx >= 0;
  if (!idxOk) bad(`${STATUS_LIST_PATH}/idx`, `\`status.status_list.idx\` is ${JSON.stringify(idx) ?? 'absent'}, not a non-negative integer.`);
  const uriOk = isAbsoluteUri(uri);
  if (!uriOk) bad(`${STATUS_LIST_PATH}/uri`, `\`status.status_list.uri\` is ${typeof uri === 'string' ? JSON.stringify(uri.slice(0, 100)) : 'absent or not a string'}, not an absolute URI (RFC 3986) of at most ${MAX_URI} characters.`);
  if (!idxOk || !uriOk) return { issues };
  return { reference: { idx: idx as number, uri: uri as string }, issues };
}
