/**
 * The W3C status list credential (Bitstring Status List v1.0 §2.2, `BitstringStatusListCredential`)
 * of an issuer's list, unsigned: the issuer signs it with `signCredential()`, with the same suite as
 * the credentials that point to it (REC §3.6), and publishes it at the list's URL.
 * @module
 */
import { CONTEXT_URLS } from '../../jsonld/contexts.js';
import type { JsonObject } from '../../json/types.js';
import type { StatusList } from '../../status/list.js';

/**
 * Options of `createStatusListCredential()`.
 *
 * @example
 * const options: StatusListCredentialOptions = {
 *   issuer: 'did:web:uni.example.eu', // the issuer of the credentials on the list, who signs it
 *   validUntil: '2026-02-15T00:00:00Z',
 *   ttl: 24 * 60 * 60 * 1000, // verifiers refresh it daily
 * };
 */
export interface StatusListCredentialOptions {
  /** The list's issuer and signer: a DID or URL, or an object with one as `id` (and, e.g., `name`). Verifiers require the credentials' own issuer unless they trust another. */
  issuer: string | { readonly id: string; readonly [member: string]: unknown };
  /** When the list starts to be valid (default: now). Also the start of `ttl`. */
  validFrom?: Date | string;
  /** When the list stops being valid: verifiers refuse it after (`STATUS_UNKNOWN`, `list-expired`). */
  validUntil?: Date | string;
  /** Time to live in milliseconds (REC §2.2): verifiers hold the list stale after `validFrom + ttl` (`list-stale`). */
  ttl?: number;
  /** `2.0` (default): a VC 2.0 credential; `1.1`: VC 1.1 with the status/v1 context (`issuanceDate`, `expirationDate`), as ELM credentials are. */
  vc?: '2.0' | '1.1';
  /** The credential's `id` (default and normally: the list's `id`, the URL its entries name). */
  id?: string;
}

/**
 * An unsigned `BitstringStatusListCredential`.
 *
 * @example
 * const unsigned: BitstringStatusListCredential = createStatusListCredential(list, { issuer: key.controller });
 * unsigned.credentialSubject.encodedList; // 'uH4sI…'
 */
export type BitstringStatusListCredential = JsonObject & {
  '@context': readonly string[];
  id: string;
  type: readonly ['VerifiableCredential', 'BitstringStatusListCredential'];
  credentialSubject: { id: string; type: 'BitstringStatusList'; statusPurpose: string; encodedList: string; ttl?: number };
};

const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;
/** A date-time in UTC, seconds precision, as VC 1.1 and 2.0 both accept it. */
const dateTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An XML Schema dateTimeStamp (`2026-01-15T00:00:00Z`, with a zone); its day checked against its month (no 2026-02-30). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function readDate(value: unknown, what: string): Date | undefined {
  if (value === undefined) return undefined;
  const parts = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  const day = parts ? new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))) : undefined;
  const real = day !== undefined && day.getUTCMonth() === Number(parts![2]) - 1 && day.getUTCDate() === Number(parts![3]);
  const date = value instanceof Date ? new Date(value.getTime()) : real ? new Date(value as string) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) throw new TypeError(`createStatusListCredential(): options.${what} is not a date-time with a time zone (2026-01-15T00:00:00Z) or a Date`);
  return date;
}

function readIssuer(issuer: unknown): string | JsonObject {
  if (typeof issuer === 'string' && URI.test(issuer)) return issuer;
  if (issuer !== null && typeof issuer === 'object' && !Array.isArray(issuer) && typeof (issuer as { id?: unknown }).id === 'string' && URI.test((issuer as { id: string }).id)) {
    return JSON.parse(JSON.stringify(issuer)) as JsonObject;
  }
  throw new TypeError('createStatusListCredential(): options.issuer must be a DID or URL, or an object with one as `id`');
}

/**
 * The unsigned status list credential of a W3C list (`format: 'bitstring'`): `id` the list's URL,
 * `type` `["VerifiableCredential", "BitstringStatusListCredential"]`, `credentialSubject` `{ id:
 * <list URL>#list, type: "BitstringStatusList", statusPurpose, encodedList, ttl? }`. VC 2.0 by
 * default (`validFrom`, `validUntil`); with `vc: '1.1'`, VC 1.1 and the status/v1 context
 * (`issuanceDate`, `expirationDate`) for issuers of VC 1.1 (ELM) credentials. A `message` list's
 * `statusSize` and messages are in each credential's entry, not here: neither context defines them
 * on the list (REC issues #175, #176). Sign it with `signCredential()`; publish it at the list's URL.
 * Misuse (not a bitstring list, a bad date, issuer or ttl) is a `TypeError`.
 *
 * @example
 * const list = StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring', purpose: 'revocation' });
 * const credential = await signCredential({ ...unsigned, credentialStatus: list.entry(list.allocate()) }, { key });
 * const published = await signCredential(createStatusListCredential(list, { issuer: key.controller, ttl: 86_400_000 }), { key });
 */
export function createStatusListCredential(list: StatusList, options: StatusListCredentialOptions): BitstringStatusListCredential {
  // Read through its getters, not `instanceof`: the CommonJS build of each entry point has its own copy of the class.
  const isList = list !== null && typeof list === 'object' && typeof list.encoded === 'function' && typeof list.id === 'string' && typeof list.purpose === 'string';
  if (!isList || list.format !== 'bitstring') throw new TypeError('createStatusListCredential(): list must be a StatusList of format "bitstring" (a token list is published with createStatusListToken())');
  if (options === null || typeof options !== 'object') throw new TypeError('createStatusListCredential(): options must be an object with `issuer`');
  const issuer = readIssuer(options.issuer);
  const from = readDate(options.validFrom, 'validFrom') ?? new Date();
  const until = readDate(options.validUntil, 'validUntil');
  if (until !== undefined && until.getTime() < from.getTime()) throw new TypeError('createStatusListCredential(): options.validUntil is before validFrom');
  const { ttl, vc = '2.0', id = list.id } = options;
  if (ttl !== undefined && !(Number.isSafeInteger(ttl) && ttl > 0)) throw new TypeError('createStatusListCredential(): options.ttl must be a positive whole number of milliseconds');
  if (vc !== '2.0' && vc !== '1.1') throw new TypeError("createStatusListCredential(): options.vc must be '2.0' or '1.1'");
  if (typeof id !== 'string' || !URI.test(id)) throw new TypeError('createStatusListCredential(): options.id must be a URL');
  const v1 = vc === '1.1';
  return {
    '@context': v1 ? [CONTEXT_URLS.VC_V1, CONTEXT_URLS.STATUS_V1] : [CONTEXT_URLS.VC_V2],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    [v1 ? 'issuanceDate' : 'validFrom']: dateTime(from),
    ...(until === undefined ? {} : { [v1 ? 'expirationDate' : 'validUntil']: dateTime(until) }),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: list.purpose,
      encodedList: list.encoded() as string,
      ...(ttl === undefined ? {} : { ttl }),
    },
  };
}
