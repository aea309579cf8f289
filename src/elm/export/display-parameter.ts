/**
 * How EDC shows the credential (src/elm/export/to-elm.ts): its title, languages and a picture (the
 * caller's, or an SVG rendering in the primary language).
 */
import { type ConceptNode, concepts } from '../concepts.js';
import { elmIssue } from '../issues.js';
import { base64, renderCredentialSvg } from './display.js';
import type { ElmNode } from './types.js';
import type { Exporter } from './values.js';

/** The `displayParameter` of the credential: title, languages, primary language and one page's picture. */
export function displayParameter(ex: Exporter): ElmNode {
  const { mc } = ex;
  const title = ex.lang(mc.title, ['title']);
  const languages: ConceptNode[] = [];
  for (const tag of new Set([ex.primary, ...Object.keys(title)])) {
    const c = concepts.language(tag);
    if (c && !languages.some((l) => l.id === c.id)) languages.push(c);
  }
  const primary = concepts.language(ex.primary);
  if (!primary) {
    ex.issues.push(elmIssue('ELM_LANGUAGE_UNKNOWN', 'error', ['primaryLanguage'], `The primary language "${ex.primary}" has no concept in the EU language table; use an ISO 639-1 language such as "en".`));
  }
  const image = ex.options.display ?? { content: new TextEncoder().encode(renderCredentialSvg(mc, ex.primary)), contentType: 'image/svg+xml' as const };
  return {
    type: 'DisplayParameter',
    title,
    language: languages,
    ...(primary ? { primaryLanguage: primary } : {}),
    individualDisplay: [
      {
        type: 'IndividualDisplay',
        ...(primary ? { language: primary } : {}),
        displayDetail: [
          {
            type: 'DisplayDetail',
            page: 1,
            image: { type: 'MediaObject', content: base64(image.content), contentType: concepts.fileType(image.contentType), contentEncoding: concepts.base64() },
          },
        ],
      },
    ],
  };
}
