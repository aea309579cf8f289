/**
 * How EDC shows the credential (src/elm/export/to-elm.ts): its title, its languages, and pictures
 * of it, one `individualDisplay` per language (EDC shapes: `DisplayParameter.individualDisplay`
 * 1..*, each with its `language` and `displayDetail` pages). By default one SVG page per language
 * the credential carries, drawn by the render room; a caller may give its own pictures (the EU's
 * own sample carries JPEG pages), for one language or for each.
 */
import { concepts, type ConceptNode } from '../concepts.js';
import { elmIssue } from '../issues.js';
import { bytesToBase64 } from '../../json/encoding.js';
import { credentialLanguages } from '../../render/layout.js';
import { renderSvg } from '../../render/svg.js';
import type { DisplayImage, DisplayImages, ToElmOptions } from './types.js';
import type { ElmNode } from './types.js';
import type { Exporter } from './values.js';

const MEDIA_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'application/pdf', 'image/svg+xml'];
/** More pages than any certificate has; a bound, so that a runaway array is a TypeError, not a huge document. */
const MAX_PAGES = 100;

function checkImage(image: unknown, where: string): DisplayImage {
  if (image === null || typeof image !== 'object') throw new TypeError(`${where} must be an object { content, contentType }`);
  const { content, contentType } = image as Partial<DisplayImage>;
  if (!(content instanceof Uint8Array)) throw new TypeError(`${where}.content must be a Uint8Array (the file's bytes)`);
  if (typeof contentType !== 'string' || !MEDIA_TYPES.includes(contentType)) throw new TypeError(`${where}.contentType must be one of ${MEDIA_TYPES.join(', ')}`);
  return { content, contentType };
}

/**
 * The caller's pictures (`options.display`) as pages per language tag, checked, or `undefined` for
 * the default. A single image is the primary language's one page (as before pictures per language).
 *
 * @throws TypeError naming the member of a malformed option (`options.display.de[1].contentType`).
 */
export function displayPages(display: ToElmOptions['display'], primary: string): Map<string, DisplayImage[]> | undefined {
  if (display === undefined) return undefined;
  try {
    return readPages(display, primary);
  } catch (error) {
    // A getter or Proxy trap of the caller's that throws is misuse too, named like the rest.
    if (error instanceof TypeError) throw error;
    throw new TypeError(`toElm(): options.display could not be read (${error instanceof Error ? error.message : String(error)})`.slice(0, 300));
  }
}

function readPages(display: NonNullable<ToElmOptions['display']>, primary: string): Map<string, DisplayImage[]> {
  if (display === null || typeof display !== 'object' || Array.isArray(display)) throw new TypeError('toElm(): options.display must be an image { content, contentType } or an object of images by language tag');
  if ('content' in display) return new Map([[primary, [checkImage(display, 'toElm(): options.display')]]]);
  const pages = new Map<string, DisplayImage[]>();
  const seen = new Map<string, string>();
  for (const [tag, value] of Object.entries(display as DisplayImages)) {
    const where = `toElm(): options.display[${JSON.stringify(tag.slice(0, 40))}]`;
    const concept = concepts.language(tag);
    if (!concept) throw new TypeError(`${where}: "${tag.slice(0, 40)}" is not a language tag with a concept in the EU language table (e.g. "en", "de", "pt-BR")`);
    const other = seen.get(concept.id);
    if (other !== undefined) throw new TypeError(`${where}: "${tag}" and "${other}" are one language in ELM (${concept.id}); give one of them`);
    seen.set(concept.id, tag);
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.length > MAX_PAGES) throw new TypeError(`${where} must be an image or an array of 1 to ${MAX_PAGES} images (its pages)`);
    pages.set(tag, list.map((image, i) => checkImage(image, Array.isArray(value) ? `${where}[${i}]` : where)));
  }
  if (pages.size === 0) throw new TypeError('toElm(): options.display has no picture: give at least one language, or leave it out for the generated ones');
  return pages;
}

/**
 * One `IndividualDisplay`: a language and its pages. Its nodes are named after the credential
 * (`<id>#display-el`, `…-1`, `…-1-image`), not left blank: a presentation holding several copies of
 * a credential gives canonicalisation twins of every blank node, and a picture per language made
 * enough of them to exhaust rdf-canonize's work bound.
 */
function individualDisplay(base: string, language: ConceptNode, tag: string, pages: readonly DisplayImage[]): ElmNode {
  const id = `${base}#display-${tag}`;
  return {
    id,
    type: 'IndividualDisplay',
    language,
    displayDetail: pages.map((image, i) => ({
      id: `${id}-${i + 1}`,
      type: 'DisplayDetail',
      page: i + 1,
      image: { id: `${id}-${i + 1}-image`, type: 'MediaObject', content: bytesToBase64(image.content), contentType: concepts.fileType(image.contentType), contentEncoding: concepts.base64() },
    })),
  };
}

/**
 * The `displayParameter` of the credential: title, the languages the credential carries (the
 * primary first), the primary language, and one individual display per language: the caller's
 * pictures, or an SVG page per language (a language of the credential whose EU concept another tag
 * already gave, `pt-BR` after `pt`, gets none: ELM tells languages apart by concept).
 */
export function displayParameter(ex: Exporter, credentialId: string): ElmNode {
  const { mc } = ex;
  const title = ex.lang(mc.title, ['title']);
  const tags = [ex.primary, ...credentialLanguages(mc)];
  const languages: ConceptNode[] = [];
  const pictured = new Map<string, string>(); // concept id → the tag drawn for it
  for (const tag of tags) {
    const c = concepts.language(tag);
    if (c && !pictured.has(c.id)) {
      languages.push(c);
      pictured.set(c.id, tag);
    }
  }
  const primary = concepts.language(ex.primary);
  if (!primary) {
    ex.issues.push(elmIssue('ELM_LANGUAGE_UNKNOWN', 'error', ['primaryLanguage'], `The primary language "${ex.primary}" has no concept in the EU language table; use an ISO 639-1 language such as "en".`));
  }
  const given = displayPages(ex.options.display, ex.primary);
  const displays: ElmNode[] = [];
  if (given) {
    for (const [tag, pages] of given) {
      const c = concepts.language(tag);
      if (c) displays.push(individualDisplay(credentialId, c, tag, pages));
    }
  } else {
    for (const c of languages) {
      const svg = renderSvg(mc, { lang: pictured.get(c.id)! });
      displays.push(individualDisplay(credentialId, c, pictured.get(c.id)!, [{ content: new TextEncoder().encode(svg), contentType: 'image/svg+xml' }]));
    }
  }
  return {
    type: 'DisplayParameter',
    title,
    language: languages,
    ...(primary ? { primaryLanguage: primary } : {}),
    individualDisplay: displays,
  };
}
