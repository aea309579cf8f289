/**
 * What every render function checks first: the micro-credential is valid (the model's own
 * `validate`), and the options are what they say. Misuse is a TypeError naming the option.
 */
import { describeError } from '../json/describe.js';
import { LANGUAGE_TAG } from '../model/formats.js';
import type { MicroCredential } from '../model/types.js';
import { validate } from '../rules/validate.js';
import { imageSize } from './logo.js';

/**
 * The content types of a logo, each recognised by its first bytes.
 *
 * @example
 * const logo = { content: readFileSync('logo.png'), contentType: 'image/png' as LogoContentType };
 */
export type LogoContentType = 'image/png' | 'image/jpeg' | 'image/svg+xml';

/**
 * Options of the pictures: the language, a verification URL and the issuer's logo.
 *
 * @example
 * const options: RenderOptions = { lang: 'el', verifyUrl: 'https://uni.example.eu/verify/123' };
 */
export interface RenderOptions {
  /** The page's language (BCP 47): labels, dates, numbers and the credential's texts. Default: the credential's `primaryLanguage`, else `en`. */
  lang?: string | undefined;
  /** An http(s) URL where the credential can be checked: shown as text and as a QR code. */
  verifyUrl?: string | undefined;
  /** The issuer's logo (PNG, JPEG or SVG, at most 2 MB), drawn in the top right corner keeping its aspect ratio. */
  logo?: { content: Uint8Array; contentType: LogoContentType } | undefined;
}

/** The largest logo accepted, in bytes. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** The longest verification URL accepted: a QR code at level M holds at most 2 331 bytes. */
export const MAX_URL_LENGTH = 2000;
/** The most bytes a QR code holds at level M (version 40, byte mode): a URL's UTF-8 must fit. */
export const MAX_QR_BYTES = 2331;
/**
 * The largest PNG or JPEG logo, by the size its header declares: decoding it takes width × height
 * × 4 bytes (pdf-lib decodes a PNG whole), so a small file declaring 60 000 × 60 000 pixels would
 * take minutes and gigabytes. A logo is drawn 120 points wide: 25 million pixels is far more than enough.
 */
export const MAX_LOGO_PIXELS = 25_000_000;
/** The longest side of a PNG or JPEG logo, in pixels. */
export const MAX_LOGO_SIDE = 10_000;

const LOGO_TYPES: readonly LogoContentType[] = ['image/png', 'image/jpeg', 'image/svg+xml'];

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Throws a TypeError, naming `where` and the first problems, unless `mc` is a valid
 * micro-credential (warnings allowed); returns the validated copy, which nothing of the caller's
 * can change afterwards.
 *
 * @example
 * const checked = assertRenderable(mc, 'renderPdf'); // TypeError: renderPdf: the micro-credential is not valid: …
 */
export function assertRenderable(mc: unknown, where: string): MicroCredential {
  const result = validate(mc);
  if (result.ok) return result.value;
  const errors = result.issues.filter((i) => i.severity === 'error');
  const shown = errors.slice(0, 3).map((i) => `${i.code} at ${i.path || '/'}: ${i.message}`);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  throw new TypeError(`${where}: the micro-credential is not valid: ${shown.join('; ')}${more}`);
}

/** The logo's content type from its first bytes, or undefined when it is none of PNG, JPEG and SVG. */
export function sniffImage(bytes: Uint8Array): LogoContentType | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

function checkLogo(logo: unknown, where: string): RenderOptions['logo'] {
  if (logo === undefined) return undefined;
  if (typeof logo !== 'object' || logo === null || Array.isArray(logo)) throw new TypeError(`${where}: options.logo must be an object { content, contentType }, not ${kind(logo)}`);
  const { content, contentType } = logo as Record<string, unknown>;
  if (!(content instanceof Uint8Array)) throw new TypeError(`${where}: options.logo.content must be a Uint8Array (the image's bytes), not ${kind(content)}`);
  if (typeof contentType !== 'string' || !LOGO_TYPES.includes(contentType as LogoContentType)) {
    throw new TypeError(`${where}: options.logo.contentType must be one of ${LOGO_TYPES.join(', ')}, not ${typeof contentType === 'string' ? JSON.stringify(contentType.slice(0, 40)) : kind(contentType)}`);
  }
  if (content.length > MAX_LOGO_BYTES) throw new TypeError(`${where}: options.logo.content is ${content.length} bytes; a logo may have at most ${MAX_LOGO_BYTES} (2 MB)`);
  const sniffed = sniffImage(content);
  if (sniffed === undefined && contentType === 'image/svg+xml' && /<!DOCTYPE\s+svg[^>[]*\[/i.test(new TextDecoder().decode(content.subarray(0, 4096)))) {
    // Entity declarations can expand a few bytes into gigabytes ("billion laughs") in whatever draws the logo.
    throw new TypeError(`${where}: options.logo.content is an SVG with a DOCTYPE that declares entities (<!DOCTYPE svg [ … ]>), which is not accepted: save the logo without its DOCTYPE`);
  }
  if (sniffed !== contentType) {
    throw new TypeError(`${where}: options.logo.content is ${sniffed === undefined ? 'not a PNG, JPEG or SVG image' : `a ${sniffed} image`}, but options.logo.contentType says ${contentType}`);
  }
  if (contentType !== 'image/svg+xml') checkRasterSize(content, contentType as 'image/png' | 'image/jpeg', where);
  // A copy: the caller may reuse its buffer.
  return { content: content.slice(), contentType: contentType as LogoContentType };
}

/** A PNG's or JPEG's header must say its size (it is truncated or corrupt otherwise), and the size must be one a logo can have. */
function checkRasterSize(content: Uint8Array, contentType: 'image/png' | 'image/jpeg', where: string): void {
  const ihdr = contentType !== 'image/png' || (content.length >= 24 && String.fromCharCode(...content.subarray(12, 16)) === 'IHDR');
  const size = ihdr ? imageSize(content, contentType) : undefined;
  const name = contentType === 'image/png' ? 'PNG' : 'JPEG';
  if (size === undefined) throw new TypeError(`${where}: options.logo.content is a truncated or corrupt ${name}: its header gives no size`);
  const [width, height] = size;
  if (width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE || width * height > MAX_LOGO_PIXELS) {
    throw new TypeError(`${where}: options.logo.content is a ${name} of ${width} × ${height} pixels; a logo may have at most ${MAX_LOGO_SIDE} pixels a side and ${MAX_LOGO_PIXELS} in all (it is drawn 120 points wide)`);
  }
}

function checkUrl(url: unknown, where: string): string | undefined {
  if (url === undefined) return undefined;
  if (typeof url !== 'string') throw new TypeError(`${where}: options.verifyUrl must be a string (an http or https URL), not ${kind(url)}`);
  if (url.length > MAX_URL_LENGTH) throw new TypeError(`${where}: options.verifyUrl is ${url.length} characters long; at most ${MAX_URL_LENGTH} fit in a QR code that a phone reads`);
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || url !== url.trim() || /[\s\u0000-\u001f\u007f]/.test(url)) {
    throw new TypeError(`${where}: options.verifyUrl must be an http or https URL without spaces, e.g. 'https://uni.example.eu/verify/123', not ${JSON.stringify(url.slice(0, 80))}`);
  }
  // Invisible characters (zero-width spaces, joiners, soft hyphens) and bidirectional controls would
  // make the URL people read differ from the one the QR code holds (U+202E reverses what follows).
  const hidden = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/u.exec(url);
  if (hidden !== null) {
    throw new TypeError(`${where}: options.verifyUrl has the invisible or direction-changing character U+${hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}; percent-encode it, so that the URL shown is the URL in the QR code`);
  }
  const bytes = new TextEncoder().encode(url).length;
  if (bytes > MAX_QR_BYTES) throw new TypeError(`${where}: options.verifyUrl is ${bytes} bytes in UTF-8; a QR code holds at most ${MAX_QR_BYTES}`);
  return url;
}

/**
 * Reads the render options once into a plain object (a getter runs once; a later change by the
 * caller changes nothing). Options other than `lang`, `verifyUrl` and `logo` are left alone, for
 * the functions that take more.
 *
 * @example
 * const { lang, verifyUrl } = checkRenderOptions(options, 'renderSvg');
 */
export function checkRenderOptions(options: unknown, where: string): RenderOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`${where}: options must be an object, not ${kind(options)}`);
  let lang: unknown;
  let verifyUrl: unknown;
  let logo: unknown;
  try {
    ({ lang, verifyUrl, logo } = options as Record<string, unknown>);
  } catch (e) {
    throw new TypeError(`${where}: options could not be read (${describeError(e)})`);
  }
  // The model's own test of a language tag: every tag a credential's texts carry is a page language.
  if (lang !== undefined && (typeof lang !== 'string' || !LANGUAGE_TAG.test(lang))) {
    throw new TypeError(`${where}: options.lang must be a BCP 47 language tag such as 'de' or 'pt-BR', not ${typeof lang === 'string' ? JSON.stringify(lang.slice(0, 40)) : kind(lang)}`);
  }
  const out: RenderOptions = {};
  if (lang !== undefined) out.lang = lang as string;
  const url = checkUrl(verifyUrl, where);
  if (url !== undefined) out.verifyUrl = url;
  const checkedLogo = checkLogo(logo, where);
  if (checkedLogo !== undefined) out.logo = checkedLogo;
  return out;
}
