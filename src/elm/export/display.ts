/**
 * The 0.1.0 name of the render room's SVG page (src/render/svg.ts), kept for the root entry until
 * 1.0; toElm's pictures (display-parameter.ts) use the render room directly.
 */
import type { MicroCredential } from '../../model/types.js';
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
