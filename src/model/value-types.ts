/**
 * The named types of the model's shared values (text, identifiers, organisations), declared so that
 * editors show their names instead of the expanded types zod infers; `type-checks.ts` holds them
 * equal to the zod schemas in `values.ts`.
 */
import type { CountryCode } from '../generated/countries.js';

/**
 * Text: a plain string in the credential's `primaryLanguage`, or a map from BCP 47 tags to text.
 *
 * @example
 * const plain: LangString = 'Data literacy';
 * const multilingual: LangString = { en: 'Data literacy', ga: 'Litearthacht sonraí' };
 */
export type LangString = string | Record<string, string>;

/**
 * An identifier in a named scheme: a learner's ORCID, an organisation's identifier in a national
 * register.
 *
 * @example
 * const orcid: SchemedIdentifier = { scheme: 'ORCID', value: '0000-0002-1825-0097' };
 */
export interface SchemedIdentifier {
  /** The identifier scheme, e.g. "ORCID" or a scheme URI. */
  scheme: string;
  value: string;
}

/**
 * An organisation's legal identifiers. The EDC shapes need `eidas` on the issuer for the ELM export.
 *
 * @example
 * const identifiers: OrganisationIdentifiers = { eidas: 'FR/SIRET/12345678900011', vat: 'FR40303265045' };
 */
export interface OrganisationIdentifiers {
  /** The eIDAS legal identifier (required on the issuer by the EDC shapes). */
  eidas?: string | undefined;
  vat?: string | undefined;
  registration?: string | undefined;
  other?: SchemedIdentifier[] | undefined;
}

/**
 * An issuer, awarding body, learning provider or quality-assurance body. The EDC shapes need the
 * issuer's eIDAS identifier (`identifiers.eidas`) for the ELM export.
 *
 * @example
 * const issuer: Organisation = {
 *   id: 'https://www.example-ecole.fr',
 *   legalName: { fr: 'École Exemple de Commerce', en: 'Example Business School' },
 *   country: 'FR',
 *   region: 'FR101',
 *   identifiers: { eidas: 'FR/SIRET/12345678900011' },
 * };
 */
export interface Organisation {
  /** A stable identifier: homepage URL, did:web:…, urn:…. */
  id: string;
  legalName: LangString;
  country: CountryCode;
  /** A NUTS code (e.g. "IE061") or a region name. */
  region?: string | undefined;
  /** The full postal address. */
  address?: string | undefined;
  homepage?: string | undefined;
  email?: string | undefined;
  identifiers?: OrganisationIdentifiers | undefined;
}
