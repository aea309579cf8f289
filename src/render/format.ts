/**
 * Dates, numbers, country and language names for the picture, formatted for its language with the
 * runtime's `Intl` (no data of our own).
 *
 * The language tag is cleaned before `Intl` sees it, so that one credential gives the same picture
 * on every machine and every glyph is one the embedded font has:
 * - a tag `Intl` rejects, or a language it does not support (it would silently use the machine's
 *   own), is formatted in English;
 * - Unicode extensions (`-u-ca-…`, `-u-nu-…`) are dropped: dates are Gregorian, digits Latin;
 * - a language written in a script other than Latin, Greek or Cyrillic (the scripts of the embedded
 *   Noto Sans) is formatted in English;
 * - bare `en` is British English (`4 April 2025`, the EU's style), bare `sr` is Serbian in Latin
 *   script (the script of the EU's Serbian labels, see labels.ts).
 */

const COVERED_SCRIPTS = new Set(['Latn', 'Grek', 'Cyrl']);
const FALLBACK = 'en-GB';
const DEFAULTS: Readonly<Record<string, string>> = { en: 'en-GB', sr: 'sr-Latn' };
/**
 * The script a language is formatted in when its tag names a region but no script: Serbian's labels
 * are the EU's, in Latin script, so `sr-RS` and `sr-ME` get Latin dates and names too (CLDR would
 * write `sr-RS` in Cyrillic, beside Latin labels). `sr-Cyrl` asks for Cyrillic and gets it.
 */
const SCRIPTS: Readonly<Record<string, string>> = { sr: 'Latn' };

type IntlKind = 'date' | 'number' | 'names';
const resolved = new Map<string, string>();

function supported(kind: IntlKind, tag: string): boolean {
  const list =
    kind === 'date'
      ? Intl.DateTimeFormat.supportedLocalesOf([tag])
      : kind === 'number'
        ? Intl.NumberFormat.supportedLocalesOf([tag])
        : Intl.DisplayNames.supportedLocalesOf([tag]);
  return list.length > 0;
}

/** The tag `Intl` is given for `lang` (see the module's comment). Never throws for a string. */
function intlLocale(lang: string, kind: IntlKind, where: string): string {
  if (typeof lang !== 'string') throw new TypeError(`${where}: lang must be a string (a BCP 47 language tag), got ${lang === null ? 'null' : typeof lang}`);
  if (lang.length > 128) return FALLBACK; // no language tag is this long
  const memo = `${kind}\u0000${lang}`;
  const hit = resolved.get(memo);
  if (hit !== undefined) return hit;
  let tag = FALLBACK;
  try {
    const locale = new Intl.Locale(lang.trim().replace(/_/g, '-'));
    const implied = locale.script === undefined ? SCRIPTS[locale.language] : undefined;
    const base = DEFAULTS[locale.baseName] ?? (implied === undefined ? locale.baseName : `${locale.language}-${implied}${locale.baseName.slice(locale.language.length)}`);
    // The script of the locale Intl will really use (`zh-Latn` resolves to `zh`, written in Han).
    const used = new Intl.DateTimeFormat(base).resolvedOptions().locale;
    const script = new Intl.Locale(used).maximize().script;
    if (script !== undefined && COVERED_SCRIPTS.has(script) && supported(kind, base)) tag = base;
  } catch {
    tag = FALLBACK; // a tag Intl rejects (RangeError)
  }
  if (resolved.size > 1000) resolved.clear();
  resolved.set(memo, tag);
  return tag;
}

/** The locale tag the picture's dates, numbers and names are formatted with for `lang`. */
export function formatLocale(lang: string): string {
  return intlLocale(lang, 'date', 'formatLocale');
}

/** Intl formatters by kind and locale: building one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    if (formatters.size > 500) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2})))?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
}

/**
 * A date for people, long form, in `lang`: `4. April 2025` (de), `4 avril 2025` (fr),
 * `4 Απριλίου 2025` (el). `iso` is an RFC 3339 date-time (`2025-04-04T08:00:00Z`,
 * `2025-04-04T23:30:00-05:00`) or a plain date (`2025-04-04`); the date shown is the calendar date
 * as written (the issuer's own), never shifted by the offset or the machine's time zone.
 *
 * @throws TypeError when `iso` is not such a string or names no real date (`2024-02-30`), or `lang` is not a string.
 * @example
 * formatDate('2025-04-04T08:00:00Z', 'de'); // "4. April 2025"
 * formatDate('2025-04-04', 'en');           // "4 April 2025"
 */
export function formatDate(iso: string, lang: string): string {
  if (typeof iso !== 'string') throw new TypeError(`formatDate: iso must be an RFC 3339 date-time or a date (YYYY-MM-DD), got ${iso === null ? 'null' : typeof iso}`);
  const m = iso.length <= 64 ? RFC3339.exec(iso) : null;
  const shown = iso.length > 40 ? `${iso.slice(0, 40)}…` : iso;
  if (m === null) throw new TypeError(`formatDate: iso must be an RFC 3339 date-time or a date (YYYY-MM-DD), got ${JSON.stringify(shown)}`);
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[] as [
    number, number, number, number, number, number, number, number,
  ];
  const real =
    month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) &&
    hour <= 23 && minute <= 59 && second <= 60 && offH <= 23 && offM <= 59;
  if (!real) throw new TypeError(`formatDate: ${JSON.stringify(shown)} is not a real date and time`);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const locale = intlLocale(lang, 'date', 'formatDate');
  return formatter(`date ${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC', calendar: 'gregory', numberingSystem: 'latn' })).format(date);
}

/**
 * A number for people in `lang`: `1 234,5` (fr), `1.234,5` (de), `1,234.5` (en).
 *
 * @throws TypeError when `n` is not a number; RangeError when it is NaN or infinite.
 * @example
 * formatNumber(7.5, 'de'); // "7,5"
 */
export function formatNumber(n: number, lang: string): string {
  if (typeof n !== 'number') throw new TypeError(`formatNumber: n must be a number, got ${n === null ? 'null' : typeof n}`);
  if (!Number.isFinite(n)) throw new RangeError(`formatNumber: n must be finite, got ${String(n)}`);
  const locale = intlLocale(lang, 'number', 'formatNumber');
  return formatter(`number ${locale}`, () => new Intl.NumberFormat(locale, { numberingSystem: 'latn', maximumFractionDigits: 3 })).format(n);
}

function displayName(type: 'region' | 'language', code: string, lang: string, where: string): string {
  const locale = intlLocale(lang, 'names', where);
  try {
    return formatter(`${type} ${locale}`, () => new Intl.DisplayNames(locale, { type, fallback: 'code' })).of(code) ?? code;
  } catch {
    return code; // not a well-formed code (RangeError)
  }
}

/**
 * A country's name in `lang` from its ISO 3166-1 alpha-2 code (as the model stores it): `Suomi`
 * for `FI` in `fi`, `Φινλανδία` in `el`. An unknown or malformed code is returned as given.
 *
 * @throws TypeError when `code` or `lang` is not a string.
 * @example
 * countryName('DE', 'fr'); // "Allemagne"
 */
export function countryName(code: string, lang: string): string {
  if (typeof code !== 'string') throw new TypeError(`countryName: code must be a string (ISO 3166-1 alpha-2), got ${code === null ? 'null' : typeof code}`);
  // ZZ is CLDR's "Unknown Region": not a country to print.
  if (!/^[A-Za-z]{2}$/.test(code) || code.toUpperCase() === 'ZZ') return code;
  return displayName('region', code.toUpperCase(), lang, 'countryName');
}

/**
 * A language's name in `lang` from its BCP 47 tag, as `Intl` names it: `Deutsch` for `de` in `de`. An unknown or malformed tag is returned as given.
 *
 * @throws TypeError when `tag` or `lang` is not a string.
 * @example
 * languageName('el', 'de'); // "Griechisch"
 */
export function languageName(tag: string, lang: string): string {
  if (typeof tag !== 'string') throw new TypeError(`languageName: tag must be a string (a BCP 47 language tag), got ${tag === null ? 'null' : typeof tag}`);
  if (tag.length > 64 || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return tag;
  return displayName('language', tag, lang, 'languageName');
}
