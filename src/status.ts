/**
 * eu-micro-credentials/status: revocation and suspension of micro-credentials. W3C Bitstring Status
 * List v1.0 for W3C credentials (ELM, Open Badges 3.0) and the IETF Token Status List for SD-JWT VC:
 * the lists and their encodings, an issuer's list state and its storage, the list credential and
 * the Status List Token, and the codes the verifiers report (`verifyCredential`,
 * `verifyPresentation` and `verifySdJwtVc` check status offline, with the lists the caller holds).
 * @module eu-micro-credentials/status
 */
export { STATUS_CODES, statusIssue } from './status/codes.js';
export type { StatusIssue, StatusIssueCode, StatusIssueDetails, StatusUnknownReason } from './status/codes.js';
export type { StatusCheck, StatusCheckOptions } from './status/check.js';
export { StatusListError, StatusListConflictError } from './status/errors.js';
export { DEFAULT_MAX_STATUS_LIST_BYTES } from './status/inflate.js';
export { BITSTRING_MIN_ENTRIES, encodeBitstring, decodeBitstring, readBitstringStatus, writeBitstringStatus } from './status/bitstring.js';
export type { DecodeBitstringOptions } from './status/bitstring.js';
export { encodeTokenStatusList, decodeTokenStatusList, readTokenStatus, writeTokenStatus } from './status/token-list.js';
export type { TokenStatusBits, TokenStatusList, DecodedTokenStatusList, DecodeTokenStatusListOptions } from './status/token-list.js';
export { readStatusEntries } from './status/entry.js';
export type { BitstringStatusEntry, CredentialStatusEntry } from './status/entry.js';
export { StatusList, STATUS_LIST_MAX_ENTRIES } from './status/list.js';
export type {
  BitstringStatusListEntry,
  TokenStatusReference,
  StatusListEntryOf,
  StatusListEncodingOf,
  CreateStatusListOptions,
  StatusListData,
  StatusListFormat,
  StatusListPurpose,
  StatusMessage,
  StatusSize,
} from './status/list.js';
export { MemoryStatusListStore, updateStatusList, allocateStatus } from './status/store.js';
export type { StatusListStore, StoredStatusList, PublishedStatusList, UpdateStatusListOptions } from './status/store.js';
export { FileStatusListStore } from './status/file-store/file-store.js';
export type { FileStatusListStoreOptions } from './status/file-store/file-store.js';
export { publishStatusList, createStatusListHandler } from './status/publish.js';
export type { SignedStatusList, PublishStatusListOptions, StatusListHandlerOptions, StatusListRequest, StatusListResponse, MinimalResponse } from './status/publish.js';
