/**
 * The SVG card of `VerifiableMicroCredential` (the type metadata's `svg_templates`) and the
 * draft's SVG rendering: `{{svg_id}}` placeholders in text content, replaced by XML-escaped claim
 * values. The card is self-contained (no scripts, fonts, images or links), so showing it cannot
 * track the holder.
 * @module
 */
import { sdJwtVcIssue, type SdJwtVcIssue } from './codes.js';
import { selectClaims } from './type-metadata/path.js';
import type { TypeMetadata } from './type-metadata/types.js';

const LABEL = 'font-family="Arial, Helvetica, sans-serif" font-size="13" letter-spacing="1.5" fill="#5a6b85"';
const VALUE = 'font-family="Arial, Helvetica, sans-serif" font-size="23" fill="#0b1f44"';

/**
 * The library's SVG template for `VerifiableMicroCredential`: a landscape card (856 × 540, the
 * ID-1 ratio), light colour scheme, normal contrast, English captions. Placeholders: `title`,
 * `givenName`, `familyName`, `awardingBody`, `issuerCountry`, `issuanceDate`, `level`, `grade`,
 * `notionalWorkload_value`, `notionalWorkload_unit`.
 *
 * @example
 * MICRO_CREDENTIAL_SVG_TEMPLATE.includes('{{awardingBody}}'); // true
 */
export const MICRO_CREDENTIAL_SVG_TEMPLATE = `<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540" viewBox="0 0 856 540" role="img" aria-label="Micro-credential">
  <rect x="1" y="1" width="854" height="538" rx="30" fill="#ffffff" stroke="#c8d3e6" stroke-width="2"/>
  <path d="M1 31a30 30 0 0 1 30-30h794a30 30 0 0 1 30 30v125H1z" fill="#003399"/>
  <text x="48" y="58" font-family="Arial, Helvetica, sans-serif" font-size="15" font-weight="700" letter-spacing="3" fill="#ffcc00">MICRO-CREDENTIAL</text>
  <text x="48" y="114" font-family="Arial, Helvetica, sans-serif" font-size="30" font-weight="700" fill="#ffffff">{{title}}</text>
  <text x="48" y="200" ${LABEL}>LEARNER</text>
  <text x="48" y="230" ${VALUE}>{{givenName}} {{familyName}}</text>
  <text x="48" y="280" ${LABEL}>AWARDING BODY</text>
  <text x="48" y="310" ${VALUE}>{{awardingBody}}</text>
  <text x="48" y="360" ${LABEL}>DATE OF ISSUE</text>
  <text x="48" y="390" ${VALUE}>{{issuanceDate}}</text>
  <text x="320" y="360" ${LABEL}>COUNTRY</text>
  <text x="320" y="390" ${VALUE}>{{issuerCountry}}</text>
  <text x="560" y="360" ${LABEL}>LEVEL</text>
  <text x="560" y="390" ${VALUE}>{{level}}</text>
  <text x="48" y="440" ${LABEL}>WORKLOAD</text>
  <text x="48" y="470" ${VALUE}>{{notionalWorkload_value}} {{notionalWorkload_unit}}</text>
  <text x="320" y="440" ${LABEL}>GRADE</text>
  <text x="320" y="470" ${VALUE}>{{grade}}</text>
  <rect x="48" y="500" width="760" height="4" rx="2" fill="#ffcc00"/>
</svg>
`;

/**
 * The W3C SRI integrity of {@link MICRO_CREDENTIAL_SVG_TEMPLATE} (its UTF-8 octets), as the type
 * metadata's `uri#integrity` gives it (a test recomputes it).
 *
 * @example
 * await checkIntegrity(MICRO_CREDENTIAL_SVG_TEMPLATE, MICRO_CREDENTIAL_SVG_TEMPLATE_INTEGRITY); // { ok: true, … }
 */
export const MICRO_CREDENTIAL_SVG_TEMPLATE_INTEGRITY = 'sha256-2CDvoUqY+o5LomtzX5LgTMw7QZ650AvX9vAvSEYl/Mc=';

/**
 * The result of {@link renderSvgTemplate}: the SVG, or why the template was refused.
 *
 * @example
 * const r: SvgRendering = renderSvgTemplate(MICRO_CREDENTIAL_SVG_TEMPLATE, createTypeMetadata(), { title: 'Data Ethics' });
 * if (r.ok) document.body.innerHTML = r.svg;
 */
export type SvgRendering = { ok: true; svg: string; issues: SdJwtVcIssue[] } | { ok: false; issues: SdJwtVcIssue[] };

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** XML-escapes `& < > " '` (the draft's list). */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The text a claim value shows: strings, numbers and booleans as written; arrays and objects as their leaves, comma-separated. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter((s) => s !== '').join(', ');
  if (typeof value === 'object' && value !== null) return Object.values(value).map(textOf).filter((s) => s !== '').join(', ');
  return '';
}

/** The template split into text runs (where placeholders belong) and markup (where they must not be). */
function segments(template: string): { text: boolean; value: string; where: string }[] {
  const out: { text: boolean; value: string; where: string }[] = [];
  let i = 0;
  let rawUntil: string | undefined; // inside <script> or <style>
  const closers: [string, string, string][] = [
    ['<!--', '-->', 'a comment'],
    ['<![CDATA[', ']]>', 'a CDATA section'],
    ['<?', '?>', 'a processing instruction'],
    ['<!', '>', 'a declaration'],
  ];
  while (i < template.length) {
    const lt = template.indexOf('<', i);
    const end = lt < 0 ? template.length : lt;
    if (end > i) out.push({ text: rawUntil === undefined, value: template.slice(i, end), where: `a <${rawUntil}> element` });
    if (lt < 0) break;
    const special = closers.find(([open]) => template.startsWith(open, lt));
    let stop: number;
    if (special) {
      const close = template.indexOf(special[1], lt + special[0].length);
      stop = close < 0 ? template.length : close + special[1].length;
      out.push({ text: false, value: template.slice(lt, stop), where: special[2] });
    } else {
      stop = tagEnd(template, lt);
      const tag = template.slice(lt, stop);
      out.push({ text: false, value: tag, where: 'a tag or attribute' });
      const name = /^<\/?\s*([A-Za-z_][\w:.-]*)/.exec(tag)?.[1]?.toLowerCase().replace(/^.*:/, '');
      if (name === 'script' || name === 'style') rawUntil = tag.startsWith('</') || tag.endsWith('/>') ? undefined : name;
    }
    i = stop;
  }
  return out;
}

/** The index after the `>` that ends the tag starting at `lt` (quotes respected). */
function tagEnd(s: string, lt: number): number {
  let quote: string | undefined;
  for (let j = lt + 1; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  return s.length;
}

/**
 * Renders an SVG template as the SD-JWT VC draft says: each `{{svg_id}}` in text content becomes
 * the XML-escaped value of the claim whose metadata has that `svg_id` (empty when the claim is
 * absent). Refuses the template, with `SDJWT_SVG_TEMPLATE_REFUSED` issues, when a placeholder
 * names no `svg_id` of `metadata` or stands outside text content. Never throws on data.
 *
 * @example
 * const r = renderSvgTemplate('<svg><text>{{title}}</text></svg>', { vct: 'X', claims: [{ path: ['title'], svg_id: 'title' }] }, { title: 'R&D <1>' });
 * r.ok && r.svg; // "<svg><text>R&amp;D &lt;1&gt;</text></svg>"
 */
export function renderSvgTemplate(template: string, metadata: TypeMetadata, claims: Record<string, unknown>): SvgRendering {
  const refuse = (message: string): SdJwtVcIssue => sdJwtVcIssue('SDJWT_SVG_TEMPLATE_REFUSED', 'error', '', null, message, 'metadata');
  if (typeof template !== 'string') return { ok: false, issues: [refuse('The SVG template is not a string.')] };
  const ids = new Map<string, (string | null | number)[]>();
  try {
    const list: unknown = (metadata as { claims?: unknown } | null)?.claims;
    for (const c of Array.isArray(list) ? (list as unknown[]) : []) {
      const { svg_id: id, path } = (c ?? {}) as { svg_id?: unknown; path?: unknown };
      if (typeof id === 'string' && Array.isArray(path) && !ids.has(id)) ids.set(id, path as (string | null | number)[]);
    }
  } catch {
    return { ok: false, issues: [refuse('The type metadata could not be read (a property threw when read).')] };
  }
  const issues: SdJwtVcIssue[] = [];
  const parts = segments(template);
  for (const part of parts) {
    for (const m of part.value.matchAll(PLACEHOLDER)) {
      if (!part.text) issues.push(refuse(`The placeholder ${m[0]} stands in ${part.where}; the draft allows placeholders only in text content.`));
      else if (!ids.has(m[1]!)) issues.push(refuse(`The placeholder ${m[0]} names no claim's svg_id in the type metadata; the draft says to refuse such a template.`));
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const valueOf = (id: string): string => {
    try {
      const r = selectClaims(claims, ids.get(id)!);
      return 'error' in r ? '' : escapeXml(r.selected.map((s) => textOf(s.value)).filter((s) => s !== '').join(', '));
    } catch {
      return ''; // a claim that cannot be read (a throwing getter, a cycle) shows as absent
    }
  };
  const svg = parts.map((p) => (p.text ? p.value.replace(PLACEHOLDER, (_, id: string) => valueOf(id)) : p.value)).join('');
  return { ok: true, svg, issues: [] };
}
