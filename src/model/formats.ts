/**
 * String formats of the model, as regular expressions that mean the same thing in zod (JavaScript)
 * and in the generated JSON Schema (`pattern`, ECMA-262 with the `u` flag, as ajv runs it). Every
 * pattern is linear-time: no nested quantifiers over overlapping alternatives, so a 50 MB string
 * cannot make validation hang.
 */

/** At least one character that is not white space ("non-empty after trimming"). */
export const NON_BLANK = /\S/;

/**
 * A well-formed BCP 47 language tag (RFC 5646 section 2.1, the `langtag` and `privateuse`
 * productions). The primary language subtag is limited to the 2-3 letters that the IANA registry
 * actually assigns (4-8 letter subtags are reserved and none is registered), so that a key such as
 * `english` is reported instead of passing; grandfathered tags such as `i-klingon` are not accepted.
 */
export const LANGUAGE_TAG =
  /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?|[Xx](?:-[A-Za-z0-9]{1,8})+)$/;

/**
 * An absolute URI (RFC 3986 section 4.3) or IRI (RFC 3987): a scheme, a colon, then characters
 * with no white space, controls or the delimiters RFC 3986 excludes, and `%` only as a valid
 * percent-encoding. `http:` and `https:` URIs must have an authority (`https://host…`).
 */
export const URI =
  /^(?![Hh][Tt][Tt][Pp][Ss]?:(?!\/\/[^/?#]))[A-Za-z][A-Za-z0-9+.-]*:(?:[^\s<>"{}|\\^`%\u0000-\u001F\u007F]|%[0-9A-Fa-f]{2})+$/;

/** A calendar date `YYYY-MM-DD` that exists (February 29 only in leap years). */
const CALENDAR_DATE =
  '(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';

/** A calendar date, as used for `learner.dateOfBirth`. */
export const DATE = new RegExp(`^${CALENDAR_DATE}$`);

/**
 * An RFC 3339 date-time with seconds and an explicit offset (`Z` or `±hh:mm`). Leap seconds and
 * lower-case `t`/`z` are not accepted.
 */
export const DATE_TIME = new RegExp(
  `^${CALENDAR_DATE}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$`,
);

/** An e-mail address: something, `@`, then a domain with at least one dot. */
export const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** An ESCO skill URI: `http://data.europa.eu/esco/skill/<uuid>`. */
export const ESCO_SKILL_URI =
  /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
