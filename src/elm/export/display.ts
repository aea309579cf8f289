/**
 * The pictures toElm embeds (display-parameter.ts): the render room's SVG page of the credential
 * in each language it carries (src/render/: EU labels, Noto Sans metrics, nothing cut), and the
 * base64 its `MediaObject` holds. EDC shows `displayParameter` images to people; the shapes
 * require one.
 */
import type { MicroCredential } from '../../model/types.js';
import { credentialLanguages } from '../../render/layout.js';
import { renderSvg } from '../../render/svg.js';

/**
 * Renders a picture of a micro-credential in one language as an SVG document: `renderSvg(mc, { lang })`
 * of `eu-micro-credentials/render`, which also takes a verification URL and a logo. Throws a
 * TypeError when `mc` is not a valid micro-credential or `lang` is not a language tag.
 *
 * @deprecated Use `renderSvg(mc, { lang })` of `eu-micro-credentials/render` (one name for one
 * picture, with the verification URL and logo options); this alias goes in 1.0.
 * @example
 * const svg = renderCredentialSvg(mc, 'en'); // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export function renderCredentialSvg(mc: MicroCredential, lang: string): string {
  return renderSvg(mc, { lang });
}

/** The SVG page of `lang` that toElm embeds. */
export function credentialSvg(mc: MicroCredential, lang: string): string {
  return renderSvg(mc, { lang });
}

/** The languages toElm draws a page in: the primary first, then every language the credential's texts carry. */
export function pictureLanguages(mc: MicroCredential): string[] {
  return credentialLanguages(mc);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, in plain TypeScript (no Buffer, no btoa with its Latin-1 limit). */
export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}${B64[(n >> 6) & 63]!}=`;
  }
  return out;
}
