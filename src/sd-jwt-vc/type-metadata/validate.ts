/**
 * `validateTypeMetadata`: the SD-JWT VC draft's rules for a type metadata document ("SD-JWT VC
 * Type Metadata", "Display Metadata", "Rendering Metadata", "Claim Metadata", "Document
 * Integrity"). Unknown properties are ignored, as the draft says.
 * @module
 */
import { sdJwtVcIssue, type SdJwtVcIssue } from '../codes.js';
import { isIntegrityString } from '../integrity.js';
import { pointerOf } from './path.js';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const SVG_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
// RFC 5646 §2.1, the common shapes (language, script, region, variants, extensions, private use).
const LANGUAGE_TAG = /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*(?:-x(?:-[A-Za-z\d]{1,8})+)?$|^x(?:-[A-Za-z\d]{1,8})+$/;
const ENUMS: Record<string, readonly string[]> = {
  orientation: ['portrait', 'landscape'],
  color_scheme: ['light', 'dark'],
  contrast: ['normal', 'high'],
};

class Findings {
  readonly issues: SdJwtVcIssue[] = [];
  error(path: string, message: string): void {
    this.issues.push(sdJwtVcIssue('SDJWT_TYPE_METADATA_MALFORMED', 'error', path, null, message, 'metadata'));
  }
  warn(path: string, message: string): void {
    this.issues.push(sdJwtVcIssue('SDJWT_TYPE_METADATA_MALFORMED', 'warning', path, null, message, 'metadata'));
  }
  optionalString(o: Obj, key: string, at: string): void {
    if (key in o && typeof o[key] !== 'string') this.error(`${at}/${esc(key)}`, `\`${key}\` must be a string.`);
  }
  integrity(o: Obj, key: string, at: string): void {
    if (!(key in o)) return;
    if (typeof o[key] !== 'string' || !isIntegrityString(o[key])) {
      this.error(`${at}/${esc(key)}`, `\`${key}\` is not a W3C SRI integrity string with a sha256, sha384 or sha512 hash ("sha256-<base64>").`);
    }
  }
}

const esc = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** `locale` required (RFC 5646); the pre-draft-06 `lang` flagged. */
function checkLocale(f: Findings, o: Obj, at: string): void {
  if (typeof o.locale === 'string') {
    if (!LANGUAGE_TAG.test(o.locale)) f.error(`${at}/locale`, `\`locale\` "${o.locale}" is not a language tag (RFC 5646).`);
    if ('lang' in o) f.warn(`${at}/lang`, '`lang` is the old name of `locale`; it is ignored beside `locale`.');
  } else if ('lang' in o) {
    f.error(`${at}/lang`, 'The display entry uses `lang`, the name of older drafts; the current draft requires `locale`.');
  } else if ('locale' in o) f.error(`${at}/locale`, '`locale` must be a string (a language tag).');
  else f.error(at, 'The display entry has no `locale` (required: a language tag, RFC 5646).');
}

function checkUri(f: Findings, o: Obj, at: string): void {
  if (typeof o.uri !== 'string') {
    f.error('uri' in o ? `${at}/uri` : at, '`uri` is required and must be a string.');
    return;
  }
  if (!/^https:\/\/[^/?#\s]+/i.test(o.uri) && !/^data:/i.test(o.uri)) {
    f.error(`${at}/uri`, 'A rendering `uri` must be an HTTPS URL or a `data:` URI.');
  }
  f.integrity(o, 'uri#integrity', at);
}

function checkRendering(f: Findings, r: unknown, at: string): void {
  if (!isObject(r)) return f.error(at, '`rendering` must be an object.');
  if ('simple' in r) {
    const s = r.simple;
    if (!isObject(s)) f.error(`${at}/simple`, '`simple` must be an object.');
    else {
      for (const key of ['logo', 'background_image']) {
        if (!(key in s)) continue;
        if (isObject(s[key])) checkUri(f, s[key], `${at}/simple/${key}`);
        else f.error(`${at}/simple/${key}`, `\`${key}\` must be an object with a \`uri\`.`);
      }
      if (isObject(s.logo)) f.optionalString(s.logo, 'alt_text', `${at}/simple/logo`);
      f.optionalString(s, 'background_color', `${at}/simple`);
      f.optionalString(s, 'text_color', `${at}/simple`);
    }
  }
  if (!('svg_templates' in r)) return;
  const list = r.svg_templates;
  if (!Array.isArray(list)) return f.error(`${at}/svg_templates`, '`svg_templates` must be an array.');
  list.forEach((t: unknown, i) => {
    const tAt = `${at}/svg_templates/${i}`;
    if (!isObject(t)) return f.error(tAt, 'An SVG template must be an object with a `uri`.');
    checkUri(f, t, tAt);
    if (!('properties' in t)) {
      if (list.length > 1) f.error(tAt, '`properties` is required when there is more than one SVG template.');
      return;
    }
    const p = t.properties;
    if (!isObject(p)) return f.error(`${tAt}/properties`, '`properties` must be an object.');
    if (!Object.keys(ENUMS).some((k) => k in p)) f.error(`${tAt}/properties`, '`properties` must have `orientation`, `color_scheme` or `contrast`.');
    for (const [k, values] of Object.entries(ENUMS)) {
      if (k in p && !values.includes(p[k] as string)) f.error(`${tAt}/properties/${k}`, `\`${k}\` must be one of ${values.join(', ')}.`);
    }
  });
}

function checkDisplayList(f: Findings, list: unknown, at: string, nameKey: 'name' | 'label'): void {
  if (!Array.isArray(list)) return f.error(at, '`display` must be an array.');
  const seen = new Set<string>();
  list.forEach((d: unknown, i) => {
    const dAt = `${at}/${i}`;
    if (!isObject(d)) return f.error(dAt, 'A display entry must be an object.');
    checkLocale(f, d, dAt);
    const locale = typeof d.locale === 'string' ? d.locale : typeof d.lang === 'string' ? d.lang : undefined;
    if (locale !== undefined) {
      if (seen.has(locale.toLowerCase())) f.warn(dAt, `A second display entry for locale "${locale}".`);
      seen.add(locale.toLowerCase());
    }
    if (typeof d[nameKey] !== 'string') f.error(nameKey in d ? `${dAt}/${nameKey}` : dAt, `\`${nameKey}\` is required and must be a string.`);
    f.optionalString(d, 'description', dAt);
    if (nameKey === 'name' && 'rendering' in d) checkRendering(f, d.rendering, `${dAt}/rendering`);
  });
}

function checkPath(f: Findings, path: unknown, at: string): boolean {
  if (!Array.isArray(path) || path.length === 0) {
    f.error(at, '`path` is required: a non-empty array of strings, nulls and non-negative integers.');
    return false;
  }
  let ok = true;
  path.forEach((p: unknown, j) => {
    const pAt = `${at}/${j}`;
    if (typeof p === 'string') {
      if (/\[(?:\d*|\*)\]$/.test(p)) {
        f.error(pAt, `"${p}" is a name with an array index in it: each key and each index is its own element of \`path\` (["a", 0, "b"], or null for every element).`);
        ok = false;
      }
    } else if (p === null || (typeof p === 'number' && Number.isInteger(p) && p >= 0)) {
      if (j === 0) {
        f.error(pAt, 'The first element of `path` must be a claim name: the payload is an object, not an array.');
        ok = false;
      }
    } else {
      f.error(pAt, 'A `path` element must be a string, null or a non-negative integer.');
      ok = false;
    }
  });
  return ok;
}

function checkClaims(f: Findings, claims: unknown): void {
  if (!Array.isArray(claims)) return f.error('/claims', '`claims` must be an array.');
  const svgIds = new Map<string, number>();
  const paths = new Map<string, number>();
  claims.forEach((c: unknown, i) => {
    const at = `/claims/${i}`;
    if (!isObject(c)) return f.error(at, 'A claim metadata entry must be an object.');
    if (checkPath(f, c.path, 'path' in c ? `${at}/path` : at)) {
      const key = JSON.stringify(c.path);
      if (paths.has(key)) f.warn(`${at}/path`, `The same path as /claims/${paths.get(key)} (${pointerOf(c.path as string[])}).`);
      else paths.set(key, i);
    }
    if ('display' in c) checkDisplayList(f, c.display, `${at}/display`, 'label');
    if ('mandatory' in c && typeof c.mandatory !== 'boolean') f.error(`${at}/mandatory`, '`mandatory` must be true or false.');
    if ('sd' in c && !['always', 'allowed', 'never'].includes(c.sd as string)) f.error(`${at}/sd`, '`sd` must be "always", "allowed" or "never".');
    if ('svg_id' in c) {
      const id = c.svg_id;
      if (typeof id !== 'string' || !SVG_ID.test(id)) {
        f.error(`${at}/svg_id`, '`svg_id` must be letters, digits and underscores, not starting with a digit.');
      } else if (svgIds.has(id)) {
        f.error(`${at}/svg_id`, `\`svg_id\` "${id}" is already used by /claims/${svgIds.get(id)}; it must be unique.`);
      } else svgIds.set(id, i);
    }
  });
}

/**
 * Checks a type metadata document against the SD-JWT VC draft: `vct` required; `display` entries
 * with `locale` (the old `lang` is flagged) and `name`; rendering `uri`s HTTPS or `data:`, SRI
 * integrity strings, `properties` when there is more than one SVG template; `claims` with a valid
 * `path` (an index is its own element: `"result[0]"` is refused), `sd` in `always|allowed|never`,
 * `mandatory` boolean, `svg_id` well-formed and unique; `extends#integrity` only with `extends`.
 * Issues are `SDJWT_TYPE_METADATA_MALFORMED` with JSON pointers into `doc` (`in: 'metadata'`).
 * Never throws.
 *
 * @example
 * validateTypeMetadata(createTypeMetadata()).ok; // true
 * validateTypeMetadata({ display: [{ lang: 'en', name: 'X' }] }).issues.map((i) => i.path); // ["/vct", "/display/0/lang"]
 */
export function validateTypeMetadata(doc: unknown): { ok: boolean; issues: SdJwtVcIssue[] } {
  const f = new Findings();
  try {
    if (!isObject(doc)) {
      f.error('', 'The type metadata document must be a JSON object.');
    } else {
      if (typeof doc.vct !== 'string' || doc.vct === '') f.error('/vct', '`vct` is required: the type this document describes.');
      f.optionalString(doc, 'name', '');
      f.optionalString(doc, 'description', '');
      if ('extends' in doc && (typeof doc.extends !== 'string' || doc.extends === '')) f.error('/extends', '`extends` must be a URI.');
      if ('extends#integrity' in doc && !('extends' in doc)) {
        f.error('/extends#integrity', '`extends#integrity` is given but there is no `extends`: it protects nothing.');
      }
      f.integrity(doc, 'extends#integrity', '');
      if ('display' in doc) checkDisplayList(f, doc.display, '/display', 'name');
      if ('claims' in doc) checkClaims(f, doc.claims);
    }
  } catch {
    // A Proxy or getter that throws: the document cannot be read.
    f.error('', 'The type metadata document could not be read (a property threw when read).');
  }
  return { ok: !f.issues.some((i) => i.severity === 'error'), issues: f.issues };
}
