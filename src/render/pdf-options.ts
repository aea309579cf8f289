/**
 * The options of `renderPdf`, checked and copied once: the languages, the attachment (at most
 * 10 MB, a plain Latin-1 file name, a `type/subtype` media type), the fonts and the date. Misuse is
 * a TypeError (a RangeError for sizes) whose message names the option.
 * @module
 */
import type { MicroCredential } from '../model/types.js';
import { checkFonts, type RenderFonts } from './fonts.js';
import { checkRenderOptions, type RenderOptions } from './options.js';

/**
 * What is attached to the PDF: the credential in the form the caller holds it, byte for byte.
 *
 * @example
 * const attachment: PdfAttachment = { content: JSON.stringify(signedVc), filename: 'credential.jsonld', mimeType: 'application/vc+ld+json', description: 'The signed credential' };
 */
export interface PdfAttachment {
  /** The file's bytes, or its text (written as UTF-8). At most 10 MB. */
  content: Uint8Array | string;
  /** The file name shown by PDF readers: 1 to 255 characters, no `/` or `\`, no control characters, Latin-1 only. */
  filename: string;
  /** Its media type (`type/subtype`), e.g. `application/vc+ld+json`, `application/dc+sd-jwt`. */
  mimeType: string;
  /** A description shown by PDF readers (at most 1000 characters). */
  description?: string | undefined;
}

/**
 * Options of `renderPdf`: the layout's (without `lang`), the languages, the attachment, the fonts, the date.
 *
 * @example
 * const options: PdfOptions = { langs: ['el', 'en'], verifyUrl: 'https://uni.example.eu/verify/123', creationDate: new Date('2025-06-30T12:00:00Z') };
 */
export interface PdfOptions extends Omit<RenderOptions, 'lang'> {
  /** One page per language, in this order (1 to 64 BCP 47 tags). Default: `credentialLanguages(mc)`. */
  langs?: string[] | undefined;
  /** The file to attach. Default: the model JSON, `credential.json` (`application/json`). */
  attachment?: PdfAttachment | undefined;
  /** The font (Regular and Bold faces). Default: the fonts of `initRenderer`, else the embedded Noto Sans. */
  fonts?: RenderFonts | undefined;
  /** The document's creation and modification date, and the attachment's. Default: now. Give it for reproducible bytes. */
  creationDate?: Date | undefined;
}

export const MAX_LANGS = 64;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_FILENAME = 255;
const MAX_DESCRIPTION = 1000;
/** A BCP 47 tag's shape (language, then subtags of letters and digits), as long as RFC 5646 asks parsers to accept. */
const LANG_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
/** RFC 6838 section 4.2: restricted-name "/" restricted-name (parameters are not taken). */
const MIME_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;
/**
 * pdf-lib writes the name as the file specification's `/F` byte string unescaped and Latin-1 only
 * (`/UF` carries it as Unicode): so printable Latin-1 without path separators, and parentheses in
 * balanced pairs (a lone one would end or open the PDF string).
 */
const FILENAME_CHARS = /^[\x20-\x7e\xa0-\xff]+$/;

/** The options of `renderPdf`, checked and copied. */
export interface PdfSettings {
  langs: string[] | undefined;
  attachment: { content: Uint8Array; filename: string; mimeType: string; description: string };
  fonts: RenderFonts | undefined;
  date: Date;
  layout: Omit<RenderOptions, 'lang'>;
}

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

function checkLangs(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new TypeError(`renderPdf: options.langs must be an array of language tags (e.g. ['en', 'de']), not ${kind(value)}`);
  const length = value.length;
  if (length === 0) throw new RangeError('renderPdf: options.langs is empty; give at least one language, or leave it out for every language the credential carries');
  if (length > MAX_LANGS) throw new RangeError(`renderPdf: options.langs has ${length} languages; at most ${MAX_LANGS} pages are made`);
  const langs: string[] = [];
  for (let i = 0; i < length; i++) {
    const lang: unknown = value[i];
    if (typeof lang !== 'string' || lang.length > 35 || !LANG_TAG.test(lang)) throw new TypeError(`renderPdf: options.langs[${i}] must be a BCP 47 language tag such as 'de' or 'pt-BR', not ${typeof lang === 'string' ? JSON.stringify(lang.slice(0, 40)) : kind(lang)}`);
    if (langs.some((l) => l.toLowerCase() === lang.toLowerCase())) throw new RangeError(`renderPdf: options.langs has '${lang}' twice`);
    langs.push(lang);
  }
  return langs;
}

function balanced(name: string): boolean {
  let depth = 0;
  for (const c of name) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function checkAttachment(value: unknown): PdfSettings['attachment'] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`renderPdf: options.attachment must be an object { content, filename, mimeType, description? }, not ${kind(value)}`);
  const { content, filename, mimeType, description } = value as Record<string, unknown>;
  if (typeof filename !== 'string' || filename.length === 0) throw new TypeError('renderPdf: options.attachment.filename must be a non-empty string such as "credential.jsonld"');
  if (filename.length > MAX_FILENAME) throw new RangeError(`renderPdf: options.attachment.filename has ${filename.length} characters; at most ${MAX_FILENAME}`);
  if (/[/\\]/.test(filename) || filename === '.' || filename === '..') throw new TypeError('renderPdf: options.attachment.filename must be a plain file name, without a path (no / or \\, not . or ..)');
  if (!FILENAME_CHARS.test(filename) || !balanced(filename)) throw new TypeError('renderPdf: options.attachment.filename must be printable Latin-1 characters (no control characters), with parentheses in pairs');
  if (typeof mimeType !== 'string' || !MIME_TYPE.test(mimeType)) throw new TypeError(`renderPdf: options.attachment.mimeType must be a media type such as "application/vc+ld+json" (type/subtype, no parameters), not ${typeof mimeType === 'string' ? JSON.stringify(mimeType.slice(0, 60)) : kind(mimeType)}`);
  if (description !== undefined && typeof description !== 'string') throw new TypeError(`renderPdf: options.attachment.description must be a string, not ${kind(description)}`);
  if (description !== undefined && description.length > MAX_DESCRIPTION) throw new RangeError(`renderPdf: options.attachment.description has ${description.length} characters; at most ${MAX_DESCRIPTION}`);
  let bytes: Uint8Array;
  if (typeof content === 'string') {
    // UTF-8 never has fewer bytes than the string has UTF-16 units: a longer string is too big before encoding.
    if (content.length > MAX_ATTACHMENT_BYTES) throw new RangeError(`renderPdf: options.attachment.content is larger than ${MAX_ATTACHMENT_BYTES} bytes (10 MB)`);
    if (/\p{Cs}/u.test(content)) throw new TypeError('renderPdf: options.attachment.content has a lone surrogate, which UTF-8 cannot carry; give the bytes instead');
    bytes = new TextEncoder().encode(content);
  } else if (content instanceof Uint8Array) {
    bytes = content.slice();
  } else {
    throw new TypeError(`renderPdf: options.attachment.content must be a Uint8Array or a string, not ${kind(content)}`);
  }
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new RangeError(`renderPdf: options.attachment.content has ${bytes.length} bytes; at most ${MAX_ATTACHMENT_BYTES} (10 MB)`);
  if (bytes.length === 0) throw new RangeError('renderPdf: options.attachment.content is empty');
  return { content: bytes, filename, mimeType, description: description ?? `${filename}: the credential this document shows` };
}

/** Runs a check of a caller's value; a getter or Proxy trap of theirs that throws is a TypeError naming the option. */
function readSafely<T>(check: () => T, what: string): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) throw e;
    throw new TypeError(`renderPdf: ${what} could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Reads the options once (a getter runs once, a later change by the caller changes nothing here). */
export function readOptions(mc: MicroCredential, options: unknown): PdfSettings {
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`renderPdf: options must be an object, not ${kind(options)}`);
  let o: Record<string, unknown>;
  try {
    const { lang, langs, attachment, fonts, creationDate, verifyUrl, logo } = options as Record<string, unknown>;
    o = { lang, langs, attachment, fonts, creationDate, verifyUrl, logo };
  } catch (e) {
    throw new TypeError(`renderPdf: options could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  if (o.lang !== undefined) throw new TypeError("renderPdf: options.lang is not an option of renderPdf; give options.langs (one page per language), e.g. { langs: ['de'] }");
  const { creationDate } = o;
  if (creationDate !== undefined && !(creationDate instanceof Date && Number.isFinite(creationDate.getTime()))) throw new TypeError(`renderPdf: options.creationDate must be a valid Date, not ${creationDate instanceof Date ? 'an invalid Date' : kind(creationDate)}`);
  const date = new Date(creationDate instanceof Date ? creationDate.getTime() : Date.now());
  // A PDF date has whole seconds; cutting here keeps the file's date and the attachment's the same.
  date.setUTCMilliseconds(0);
  return {
    langs: readSafely(() => checkLangs(o.langs), 'options.langs'),
    attachment: readSafely(() => checkAttachment(o.attachment), 'options.attachment') ?? defaultAttachment(mc),
    fonts: o.fonts === undefined ? undefined : checkFonts(o.fonts, 'renderPdf: options.fonts'),
    date,
    layout: checkRenderOptions({ verifyUrl: o.verifyUrl, logo: o.logo }, 'renderPdf'),
  };
}

function defaultAttachment(mc: MicroCredential): PdfSettings['attachment'] {
  return {
    content: new TextEncoder().encode(`${JSON.stringify(mc, null, 2)}\n`),
    filename: 'credential.json',
    mimeType: 'application/json',
    description: 'The micro-credential this document shows, as eu-micro-credentials model JSON',
  };
}
