/**
 * The SD-JWT VC type metadata of `VerifiableMicroCredential`: the rulebook's 48 claims with
 * `mandatory`, `sd` and localised labels, and the library's SVG card. Labels other than English
 * come only from the EU's own translations (src/generated/sd-jwt-vc-labels.ts); English comes from
 * the rulebook.
 * @module
 */
import { bytesToBase64 } from '../json/encoding.js';
import { SD_JWT_VC_LABELS } from '../generated/sd-jwt-vc-labels.js';
import { MICRO_CREDENTIAL_VCT, RULEBOOK_CLAIMS } from './rulebook.js';
import { MICRO_CREDENTIAL_SVG_TEMPLATE, MICRO_CREDENTIAL_SVG_TEMPLATE_INTEGRITY } from './svg-template.js';
import type { ClaimDisplay, ClaimMetadata, TypeDisplay, TypeMetadata } from './type-metadata/types.js';

export type {
  ClaimDisplay,
  ClaimMetadata,
  ClaimPath,
  Rendering,
  SvgTemplate,
  SvgTemplateProperties,
  TypeDisplay,
  TypeMetadata,
} from './type-metadata/types.js';

/**
 * Options of {@link createTypeMetadata}.
 *
 * @example
 * const options: CreateTypeMetadataOptions = { vct: 'VerifiableMicroCredential' };
 */
export interface CreateTypeMetadataOptions {
  /** The `vct` (default `VerifiableMicroCredential`). */
  vct?: string;
  /**
   * The languages of the claim labels (BCP 47, as `SD_JWT_VC_LABEL_LOCALES` names them); default
   * every language the EU translations cover. English is always included.
   */
  locales?: string[];
  /** An HTTPS URL where the SVG template is served, instead of the `data:` URI (same `uri#integrity`). */
  svgTemplateUri?: string;
  /** Include the SVG template (default `true`). */
  includeSvgTemplate?: boolean;
}

/** The claims that get a placeholder in the SVG card, by claim path. */
const SVG_IDS: Record<string, string> = {
  title: 'title',
  givenName: 'givenName',
  familyName: 'familyName',
  issuerCountry: 'issuerCountry',
  awardingBody: 'awardingBody',
  issuanceDate: 'issuanceDate',
  level: 'level',
  grade: 'grade',
  'notionalWorkload.value': 'notionalWorkload_value',
  'notionalWorkload.unit': 'notionalWorkload_unit',
};

/** Members of object claims that get claim metadata of their own (for the card and the EU labels). */
const SUB_PATHS: string[][] = [
  ['notionalWorkload', 'value'],
  ['notionalWorkload', 'unit'],
  ['accreditation', 'accreditingAgent'],
  ['accreditation', 'decision'],
  ['accreditation', 'reviewDate'],
];

function labelsOf(key: string, english: string | undefined, description: string | undefined, locales: ReadonlySet<string> | undefined): ClaimDisplay[] {
  const display: ClaimDisplay[] = [];
  const eu = SD_JWT_VC_LABELS[key]?.labels ?? {};
  const en = english ?? eu.en;
  if (en !== undefined) display.push({ locale: 'en', label: en, ...(description ? { description } : {}) });
  for (const [locale, label] of Object.entries(eu)) {
    if (locale === 'en' || (locales && !locales.has(locale))) continue;
    display.push({ locale, label });
  }
  return display;
}

/**
 * The type metadata document of `VerifiableMicroCredential`: `display` (English: the type's
 * name, description, the SVG card with its `uri#integrity` and properties, simple colours) and
 * `claims` for the rulebook's 48 claims (`mandatory` and `sd` as the rulebook says, `svg_id` for
 * the card's placeholders, labels in English and in every language the EU's translations give),
 * plus the members of `notionalWorkload` and `accreditation` that the card or the EU labels name.
 * A new object on each call.
 *
 * @example
 * const tm = createTypeMetadata({ locales: ['de', 'fr'] });
 * tm.claims?.find((c) => c.path[0] === 'learningOutcomes')?.display; // en, de "Lernergebnisse", fr …
 */
export function createTypeMetadata(options: CreateTypeMetadataOptions = {}): TypeMetadata {
  if (typeof options !== 'object' || options === null) throw new TypeError('createTypeMetadata: options must be an object');
  const locales = options.locales ? new Set(options.locales) : undefined;
  const claims: ClaimMetadata[] = [];
  for (const c of RULEBOOK_CLAIMS) {
    const display = labelsOf(c.name, c.label, c.description, locales);
    const svgId = SVG_IDS[c.name];
    claims.push({ path: [c.name], mandatory: c.mandatory, sd: c.sd, ...(svgId ? { svg_id: svgId } : {}), display });
  }
  for (const path of SUB_PATHS) {
    const key = path.join('.');
    const display = labelsOf(key, undefined, undefined, locales);
    const svgId = SVG_IDS[key];
    claims.push({ path: [...path], ...(svgId ? { svg_id: svgId } : {}), ...(display.length > 0 ? { display } : {}) });
  }
  const english: TypeDisplay = {
    locale: 'en',
    name: 'Micro-credential',
    description: 'A micro-credential: the learning outcomes a learner achieved, awarded by a formal education provider (WE BUILD micro-credential rulebook).',
    rendering: {
      simple: { background_color: '#003399', text_color: '#ffffff' },
      ...(options.includeSvgTemplate === false
        ? {}
        : {
            svg_templates: [
              {
                uri: options.svgTemplateUri ?? `data:image/svg+xml;base64,${bytesToBase64(new TextEncoder().encode(MICRO_CREDENTIAL_SVG_TEMPLATE))}`,
                'uri#integrity': MICRO_CREDENTIAL_SVG_TEMPLATE_INTEGRITY,
                properties: { orientation: 'landscape', color_scheme: 'light', contrast: 'normal' },
              },
            ],
          }),
    },
  };
  return {
    vct: options.vct ?? MICRO_CREDENTIAL_VCT,
    name: 'VerifiableMicroCredential',
    description: 'SD-JWT VC type metadata of the WE BUILD micro-credential rulebook (VerifiableMicroCredential), made by eu-micro-credentials.',
    display: [english],
    claims,
  };
}
