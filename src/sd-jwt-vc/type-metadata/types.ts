/**
 * The shape of an SD-JWT VC type metadata document (draft-ietf-oauth-sd-jwt-vc, "SD-JWT VC Type
 * Metadata"), as this library writes it. `validateTypeMetadata` checks documents of any origin.
 */

/**
 * A claim path: strings select keys, `null` every array element, integers one element.
 *
 * @example
 * const everyOutcome: ClaimPath = ['learningOutcomes', null];
 */
export type ClaimPath = (string | null | number)[];

/**
 * The display of one claim in one language.
 *
 * @example
 * const d: ClaimDisplay = { locale: 'de', label: 'Lernergebnisse' };
 */
export interface ClaimDisplay {
  locale: string;
  label: string;
  description?: string;
}

/**
 * The metadata of one claim (or of the claims its path selects).
 *
 * @example
 * const c: ClaimMetadata = { path: ['title'], mandatory: true, sd: 'always', svg_id: 'title' };
 */
export interface ClaimMetadata {
  path: ClaimPath;
  display?: ClaimDisplay[];
  mandatory?: boolean;
  sd?: 'always' | 'allowed' | 'never';
  svg_id?: string;
}

/**
 * The properties of an SVG template, to choose one.
 *
 * @example
 * const p: SvgTemplateProperties = { orientation: 'landscape', color_scheme: 'light', contrast: 'normal' };
 */
export interface SvgTemplateProperties {
  orientation?: 'portrait' | 'landscape';
  color_scheme?: 'light' | 'dark';
  contrast?: 'normal' | 'high';
}

/**
 * An SVG template reference: an HTTPS URL or a `data:` URI, with its integrity.
 *
 * @example
 * const t: SvgTemplate = { uri: 'https://example.org/card.svg', 'uri#integrity': 'sha256-…', properties: { orientation: 'landscape' } };
 */
export interface SvgTemplate {
  uri: string;
  'uri#integrity'?: string;
  properties?: SvgTemplateProperties;
}

/**
 * How to draw a credential of the type: `simple` (colours, logo) and `svg_templates`.
 *
 * @example
 * const r: Rendering = { simple: { background_color: '#003399', text_color: '#ffffff' } };
 */
export interface Rendering {
  simple?: {
    logo?: { uri: string; 'uri#integrity'?: string; alt_text?: string };
    background_image?: { uri: string; 'uri#integrity'?: string };
    background_color?: string;
    text_color?: string;
  };
  svg_templates?: SvgTemplate[];
}

/**
 * The display of the type in one language.
 *
 * @example
 * const d: TypeDisplay = { locale: 'en', name: 'Micro-credential' };
 */
export interface TypeDisplay {
  locale: string;
  name: string;
  description?: string;
  rendering?: Rendering;
}

/**
 * An SD-JWT VC type metadata document.
 *
 * @example
 * const tm: TypeMetadata = { vct: 'VerifiableMicroCredential', claims: [{ path: ['title'], sd: 'always' }] };
 */
export interface TypeMetadata {
  vct: string;
  name?: string;
  description?: string;
  extends?: string;
  'extends#integrity'?: string;
  display?: TypeDisplay[];
  claims?: ClaimMetadata[];
}
