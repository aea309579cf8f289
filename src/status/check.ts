/**
 * What the verifiers take and give for status: the options `verifyCredential`,
 * `verifyPresentation` and `verifySdJwtVc` share, and the outcome of each status entry.
 */

/**
 * Status options of the verifiers. The library never fetches: it checks the lists the caller
 * holds, or asks the caller's own `fetchStatusList`.
 *
 * @example
 * const options: StatusCheckOptions = {
 *   statusLists: [revocationListCredential, statusListToken], // as published by the issuers
 *   fetchStatusList: async (url) => (await fetch(url)).text(), // optional: the caller's own fetch
 * };
 */
export interface StatusCheckOptions {
  /**
   * Status lists the caller already holds: `BitstringStatusListCredential`s (objects or JSON
   * text) for W3C credentials, Status List Tokens (compact `statuslist+jwt` text) for SD-JWT VCs.
   * Each is matched by its `id` (credential) or `sub` (token) to the credential's entries.
   */
  statusLists?: readonly unknown[];
  /**
   * Called for a list the credential names that is not in `statusLists`, with its URL; returns the
   * list as `statusLists` holds them (object or text). A rejection, or `undefined`, is a status
   * unknown (`fetch-failed`). The library itself never touches the network.
   */
  fetchStatusList?: (url: string) => Promise<unknown>;
  /**
   * Issuers trusted to publish status lists for credentials of other issuers (DIDs or URLs for
   * W3C lists; `iss` values for tokens). By default a list must come from the credential's issuer.
   */
  trustedStatusIssuers?: readonly string[];
  /**
   * With `true`, a credential whose status list is not given (and cannot be fetched) is reported
   * with a `STATUS_NOT_CHECKED` warning instead of a `STATUS_UNKNOWN` error. A list that is given
   * but does not verify, is expired or is signed by someone else is still an error.
   */
  acceptUncheckedStatus?: boolean;
}

/**
 * The outcome of one status entry of a credential.
 *
 * @example
 * const { status } = await verifyCredential(signed, { statusLists: [list] });
 * // [{ format: 'bitstring', purpose: 'revocation', list: 'https://uni.example.eu/status/1', index: 94567, status: 'revoked', value: 1, path: '/credentialStatus' }]
 */
export interface StatusCheck {
  /** `bitstring`: W3C Bitstring Status List; `token`: IETF Token Status List. */
  format: 'bitstring' | 'token';
  /** The entry's `statusPurpose` (`revocation`, `suspension`, `message`, `refresh`…); `status` for a token. */
  purpose: string;
  /** The list's URL (`statusListCredential` or `status_list.uri`). */
  list: string;
  /** The entry's index in the list. */
  index: number;
  /** What the list says; `unknown` when it could not be established (see the issues). */
  status: 'valid' | 'revoked' | 'suspended' | 'message' | 'unknown';
  /** The value read from the list, when it was read. */
  value?: number;
  /** For a `message` entry: the message for `value` from the entry's `statusMessage`. */
  message?: string;
  /** Where the entry is, as a JSON Pointer into the document given to the verifier. */
  path: string;
}
