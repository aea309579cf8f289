/**
 * The codes of status lists (`STATUS_`): what `verifyCredential`, `verifyPresentation` and
 * `verifySdJwtVc` say about a credential's revocation or suspension, and what the status list
 * functions say about a list or an entry; and the issue shape they are reported in.
 */
import type { IssueBase } from '../json/issue.js';

/**
 * Codes of status checking and of the status list functions, with their meaning (docs/status.md
 * explains them).
 *
 * @example
 * STATUS_CODES.STATUS_REVOKED; // 'The credential is revoked: …'
 */
export const STATUS_CODES = {
  STATUS_REVOKED: 'The credential is revoked: its bit in a `revocation` status list (W3C Bitstring Status List) is set, or its status in a Token Status List is INVALID (0x01). Revocation is final.',
  STATUS_SUSPENDED: 'The credential is suspended: its bit in a `suspension` status list is set, or its status in a Token Status List is SUSPENDED (0x02). The issuer may reinstate it.',
  STATUS_MESSAGE: 'Information: the credential\'s value in a `message` status list, with the message the credential\'s entry gives for it (`statusMessage`). A message does not by itself make the credential invalid.',
  STATUS_UNKNOWN:
    'The credential\'s status could not be established, so it is not reported verified: the status list is missing (not in `statusLists`, and no `fetchStatusList` or it failed), its signature does not verify, it was issued by someone other than the credential\'s issuer (and not by an issuer in `trustedStatusIssuers`), it is expired, not yet valid or older than its `ttl`, it cannot be decoded, it is shorter than the minimum, the index is outside it, the entry\'s purpose is not the list\'s, or the value has no defined meaning. `details.reason` says which.',
  STATUS_NOT_CHECKED:
    'Warning: the credential carries a status entry and no status list for it was given (`acceptUncheckedStatus: true`): revocation and suspension were not checked. Check them before relying on the credential.',
  STATUS_ENTRY_MALFORMED:
    'The credential\'s status entry cannot be read: a `BitstringStatusListEntry` without `statusPurpose`, `statusListIndex` (a base-10 string) or `statusListCredential` (a URL), an `id` equal to the list\'s URL, a `statusSize` that is not 1, 2, 4 or 8, a `statusMessage` without one message per value; a status type this library does not check; or an SD-JWT `status` claim that is not `{ "status_list": { "idx": <non-negative integer>, "uri": <URI> } }`.',
  STATUS_LIST_MALFORMED:
    'The code of a `StatusListError`, thrown by the decoders (`decodeBitstring`, `decodeTokenStatusList`) and by `StatusList.fromJSON` when a list cannot be read: an `encodedList` that is not Multibase base64url (`u…`) of GZIP data, a token list that is not `{bits, lst}` of ZLIB data, state that does not hold together, or data that decompresses to more than the limit (16 MiB). The verifiers do not throw: they report a list they cannot read as `STATUS_UNKNOWN` with reason `list-malformed`.',
} as const;

/**
 * A code of status lists (a key of `STATUS_CODES`).
 *
 * @example
 * const final: StatusIssueCode = 'STATUS_REVOKED';
 */
export type StatusIssueCode = keyof typeof STATUS_CODES;

/**
 * Why a status is unknown (`details.reason` of a `STATUS_UNKNOWN` issue).
 *
 * @example
 * const retry: StatusUnknownReason[] = ['list-missing', 'fetch-failed', 'list-stale', 'list-expired'];
 */
export type StatusUnknownReason =
  | 'list-missing'
  | 'fetch-failed'
  | 'list-unverified'
  | 'list-issuer-mismatch'
  | 'list-expired'
  | 'list-not-yet-valid'
  | 'list-stale'
  | 'list-malformed'
  | 'list-too-short'
  | 'index-out-of-range'
  | 'purpose-mismatch'
  | 'value-undefined';

/**
 * An issue of status checking: the one issue shape of the library (`IssueBase`) with a `STATUS_`
 * code. `path` points, in the document given to the verifier, at the status entry concerned
 * (`/credentialStatus`, `/credentialStatus/1`; `/payload/status/status_list` in an SD-JWT).
 *
 * @example
 * const issue: StatusIssue = {
 *   code: 'STATUS_REVOKED',
 *   severity: 'error',
 *   path: '/credentialStatus',
 *   message: 'The credential is revoked (https://uni.example.eu/status/1, index 94567).',
 *   details: { list: 'https://uni.example.eu/status/1', index: 94567, purpose: 'revocation', value: 1 },
 * };
 */
export interface StatusIssue extends IssueBase<StatusIssueCode> {
  severity: 'error' | 'warning' | 'info';
  /** The list, index, purpose and value concerned; for `STATUS_UNKNOWN` also `reason`, and the position `statusList` of the list in `statusLists` when it was given there. */
  details?: StatusIssueDetails;
}

/**
 * What a status issue is about.
 *
 * @example
 * const details: StatusIssueDetails = { list: 'https://uni.example.eu/status/1', index: 94567, purpose: 'revocation', reason: 'list-expired' };
 */
export interface StatusIssueDetails {
  list?: string;
  index?: number;
  purpose?: string;
  value?: number;
  reason?: StatusUnknownReason;
  /** Index into `statusLists` of the list concerned, when it was given there. */
  statusList?: number;
}

/**
 * A status issue at `path`.
 *
 * @example
 * statusIssue('STATUS_UNKNOWN', 'error', '/credentialStatus', 'No status list for …', { reason: 'list-missing' });
 */
export const statusIssue = (code: StatusIssueCode, severity: StatusIssue['severity'], path: string, message: string, details?: StatusIssueDetails): StatusIssue => ({
  code,
  severity,
  path,
  message,
  ...(details === undefined ? {} : { details }),
});
