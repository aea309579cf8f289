/**
 * The page's words in the chosen language: every text comes from web/src/strings.ts (the EU's
 * translations, and the page's own sentences in English where the EU has none).
 */
import { PAGE_LANGUAGES, type PageKey, pageStrings, stringSource } from '../strings.js';

type Strings = ReturnType<typeof pageStrings>;

export type TextKey = PageKey;

let current = 'en';
let strings: Strings = pageStrings('en');

/** The locale dates are written in: the browser's own variant of the page language (en-GB for en), else the language. */
let dateLocale = 'en';

export function setLanguage(lang: string): void {
  current = PAGE_LANGUAGES.includes(lang) ? lang : 'en';
  strings = pageStrings(current);
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  const own = typeof navigator === 'undefined' ? undefined : (navigator.languages ?? []).find((tag) => primary(tag) === primary(current));
  dateLocale = current;
  if (own !== undefined) {
    try {
      dateLocale = Intl.DateTimeFormat.supportedLocalesOf([own]).length > 0 ? own : current;
    } catch {
      dateLocale = current;
    }
  }
}

export function language(): string {
  return current;
}

/** The text of `key` in the page language. */
export function t(key: TextKey): string {
  return strings[key];
}

/** Whether `key` names a page text (for `data-i18n` attributes read from the HTML). */
function isKey(key: string | undefined): key is TextKey {
  return key !== undefined && Object.hasOwn(strings, key);
}

/** Re-labels every element under `root` with `data-i18n` (its text) or `data-i18n-title`. */
export function relabel(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n;
    if (!isKey(key)) continue;
    element.textContent = t(key);
    // A text the EU does not give in the page language is English: said so, for screen readers' voices.
    if (current !== 'en' && stringSource(current, key) === 'en') element.lang = 'en';
    else element.removeAttribute('lang');
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) if (isKey(element.dataset.i18nTitle)) element.title = t(element.dataset.i18nTitle);
}

/** A language's own name for itself ("Deutsch"), with a capital where its script has one. */
export function nativeName(tag: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
  } catch {
    name = undefined;
  }
  if (name === undefined || name === '') return tag;
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** A language's name in the page language ("German" on an English page). */
export function languageNameHere(tag: string): string {
  try {
    const name = new Intl.DisplayNames([current], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(current) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}

/** A date (ISO 8601 text) for people in the page language; the text itself when it is not a date. */
export function formatDate(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (!Number.isFinite(date.getTime())) return iso;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  try {
    return new Intl.DateTimeFormat(dateLocale, dateOnly ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short' }).format(date);
  } catch {
    return iso;
  }
}

/** A day (the date of an ISO 8601 text, in UTC) for people in the page language. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (!Number.isFinite(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(dateLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return iso;
  }
}
