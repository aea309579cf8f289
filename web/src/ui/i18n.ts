/**
 * The page's words in the chosen language: the EU's translations and the page's own sentences from
 * web/src/strings.ts, plus a few English texts of the views below for keys strings.ts does not have.
 */
import { PAGE_LANGUAGES, pageStrings } from '../strings.js';

type Strings = ReturnType<typeof pageStrings>;

/** English texts the views use where strings.ts has no key (they carry `{name}` slots, filled here). */
const EXTRA = {
  skipToResult: 'Skip to the result',
  loading: 'Preparing the page…',
  loadFailed: 'The page could not load its picture renderer; files are still checked, without the picture.',
  dropHint: 'JSON, PNG or SVG badge, PDF, SD-JWT or JWS',
  chooseFile: 'Choose a file',
  trustHint: 'A signature says who made a file only when you know their key. Add the certificates, DID documents or keys of the issuers you trust, and the status lists they publish.',
  nothingChecked: 'Choose, drop or paste a micro-credential to check it.',
  fileTitle: 'File',
  name: 'Name',
  issuesColumn: 'Issues',
  sdJwtTitle: 'What the holder disclosed',
  footer: 'This page runs entirely in your browser and makes no request once loaded. Built with the open-source library eu-micro-credentials.',
  certificateIssuer: 'certificate issued by {issuer}',
  keyThumbprint: 'key {thumbprint}',
  keyFrom: 'from {by}',
  from: 'from {date}',
  until: 'until {date}',
  severityError: 'Error',
  severityWarning: 'Warning',
  severityInfo: 'Note',
  issueLink: '{count} (show)',
  pictureFailed: 'The picture could not be drawn: {reason}',
  noModel: 'There is no credential to show: the file could not be read as one.',
  exportFailed: 'The export failed: {reason}',
  removeItem: '{action}: {name}',
  attachment: 'Attached file checked',
  kind_model: 'micro-credential (model JSON)',
  kind_elm: 'European Learning Model credential',
  'kind_signed-vc': 'signed verifiable credential',
  kind_sealed: 'EDC sealed credential',
  kind_ob3: 'Open Badges 3.0 credential',
  'kind_ob3-jwt': 'Open Badges 3.0 VC-JWT',
  'kind_sd-jwt-vc': 'SD-JWT VC',
  kind_unknown: 'not a credential this page knows',
  container_png: 'baked in a PNG image',
  container_svg: 'baked in an SVG image',
  container_pdf: 'attached to a PDF',
} as const;

export type ExtraKey = keyof typeof EXTRA;
export type TextKey = keyof Strings | ExtraKey;

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

/** The text of `key` in the page language, its `{name}` slots filled from `values`. */
export function t(key: TextKey | string, values: Record<string, string | number> = {}): string {
  const own = (strings as Record<string, string | undefined>)[key];
  const text = own ?? (EXTRA as Record<string, string | undefined>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}

/** Re-labels every element under `root` with `data-i18n` (its text) or `data-i18n-title`. */
export function relabel(root: ParentNode = document): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) element.textContent = t(element.dataset.i18n!);
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) element.title = t(element.dataset.i18nTitle!);
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
