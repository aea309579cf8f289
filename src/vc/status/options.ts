/**
 * The status options of `verifyCredential()` and `verifyPresentation()` (`StatusCheckOptions`),
 * checked: a wrong type is a `TypeError`, as for the verifiers' other options.
 * @module
 */
import type { StatusCheckOptions } from '../../status/check.js';

/**
 * At most this many items in `statusLists` or `trustedStatusIssuers`: each is read for every
 * credential verified, and a longer array (a sparse `new Array(2 ** 27)` included) is a misuse, said
 * before anything is copied.
 *
 * @example
 * MAX_STATUS_OPTION_ITEMS; // 10000
 */
export const MAX_STATUS_OPTION_ITEMS = 10_000;

/**
 * The status options of `options`, each checked; `where` names the function in messages.
 *
 * @example
 * const status = readStatusOptions(options, 'verifyCredential()'); // throws TypeError on `statusLists: 'x'`
 */
export function readStatusOptions(options: StatusCheckOptions, where: string): StatusCheckOptions {
  const { statusLists, fetchStatusList, trustedStatusIssuers, acceptUncheckedStatus } = options;
  if (statusLists !== undefined && !Array.isArray(statusLists)) throw new TypeError(`${where}: options.statusLists must be an array of status list credentials (objects or JSON text) or Status List Tokens`);
  for (const [name, value] of [['statusLists', statusLists], ['trustedStatusIssuers', trustedStatusIssuers]] as const) {
    if (Array.isArray(value) && value.length > MAX_STATUS_OPTION_ITEMS) throw new TypeError(`${where}: options.${name} has ${value.length} items, more than the ${MAX_STATUS_OPTION_ITEMS} read: pass the ones the credentials name`);
  }
  if (fetchStatusList !== undefined && typeof fetchStatusList !== 'function') throw new TypeError(`${where}: options.fetchStatusList must be a function (url) => Promise<list>`);
  if (trustedStatusIssuers !== undefined && (!Array.isArray(trustedStatusIssuers) || !trustedStatusIssuers.every((i) => typeof i === 'string'))) {
    throw new TypeError(`${where}: options.trustedStatusIssuers must be an array of issuer ids (strings)`);
  }
  if (acceptUncheckedStatus !== undefined && typeof acceptUncheckedStatus !== 'boolean') throw new TypeError(`${where}: options.acceptUncheckedStatus must be a boolean`);
  return {
    ...(statusLists === undefined ? {} : { statusLists: [...statusLists] }),
    ...(fetchStatusList === undefined ? {} : { fetchStatusList }),
    ...(trustedStatusIssuers === undefined ? {} : { trustedStatusIssuers: [...trustedStatusIssuers] }),
    ...(acceptUncheckedStatus === undefined ? {} : { acceptUncheckedStatus }),
  };
}
