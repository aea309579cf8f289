import { z } from 'zod';
import { COUNTRIES, type CountryCode } from '../generated/countries.js';
import { DATE, DATE_TIME, EMAIL, LANGUAGE_TAG, NON_BLANK, URI } from './formats.js';

/** A string with at least one character that is not white space. */
export const NonBlankString = z.string().regex(NON_BLANK);

/** A BCP 47 language tag such as `en`, `ga` or `pt-BR`. */
export const LanguageTag = z.string().regex(LANGUAGE_TAG).meta({
  id: 'LanguageTag',
  description: 'A BCP 47 language tag (RFC 5646), for example "en", "ga" or "pt-BR".',
});

const LangMapInner = z.record(LanguageTag, NonBlankString);

/**
 * Stands in for an own `__proto__` key of a language map while zod checks it. zod's record skips
 * such a key silently (so that it cannot replace the output's prototype), which would be silent
 * data loss here; renamed, it fails the language-tag check like any other bad key, the other keys
 * are still checked, and the issue mapper puts `__proto__` back in the reported path.
 */
export const PROTO_KEY_STAND_IN = '\u0000__proto__';

export const LangMap = z.preprocess((input) => {
  if (input === null || typeof input !== 'object' || !Object.hasOwn(input, '__proto__')) return input;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) copy[key === '__proto__' ? PROTO_KEY_STAND_IN : key] = value;
  return copy;
}, LangMapInner.refine((map) => Object.keys(map).length > 0, { params: { mc: 'MC_EMPTY_TEXT' }, message: 'empty language map' }).meta({ minProperties: 1 }));

/**
 * Text in one or more languages: a plain string (in the credential's `primaryLanguage`) or a map
 * from BCP 47 language tags to non-blank strings.
 *
 * @example
 * LangStringSchema.parse({ en: 'Data literacy', ga: 'Litearthacht sonraí' });
 * LangStringSchema.safeParse('   ').success; // false: blank
 * LangStringSchema.safeParse({ english: 'Data literacy' }).success; // false: not a language tag
 */
export const LangStringSchema = z.union([NonBlankString, LangMap]).meta({
  id: 'LangString',
  description:
    'Text: a plain string in the credential\'s primaryLanguage, or a map from BCP 47 language tags to text, e.g. {"en": "Data literacy", "ga": "Litearthacht sonraí"}.',
});

/**
 * An RFC 3339 date-time with an offset, e.g. `2024-03-01T10:00:00Z`.
 *
 * @example
 * DateTimeSchema.safeParse('2024-03-01T10:00:00+01:00').success; // true
 * DateTimeSchema.safeParse('2024-03-01T10:00:00').success; // false: no offset
 * DateTimeSchema.safeParse('2024-02-30T10:00:00Z').success; // false: there is no 30 February
 */
export const DateTimeSchema = z.string().regex(DATE_TIME).meta({
  id: 'DateTime',
  format: 'date-time',
  description: 'An RFC 3339 date-time with seconds and an offset, e.g. "2024-03-01T10:00:00Z" or "2024-03-01T10:00:00+01:00".',
});

/** A calendar date, e.g. `1999-10-02`. */
export const CalendarDate = z.string().regex(DATE).meta({
  id: 'Date',
  format: 'date',
  description: 'A calendar date, e.g. "1999-10-02".',
});

/**
 * An absolute URI or IRI: `https://…`, `urn:uuid:…`, `did:web:…`, `mailto:…`.
 *
 * @example
 * UriSchema.safeParse('did:web:uni.example.eu').success; // true
 * UriSchema.safeParse('uni.example.eu').success; // false: no scheme
 */
export const UriSchema = z.string().regex(URI).meta({
  id: 'Uri',
  description: 'An absolute URI, e.g. "https://example.org/a", "urn:uuid:…", "did:web:example.org", "mailto:a@example.org".',
});

/** An e-mail address. */
export const Email = z.string().regex(EMAIL).meta({ id: 'Email', description: 'An e-mail address.' });

const COUNTRY_CODES = Object.keys(COUNTRIES) as [CountryCode, ...CountryCode[]];

/**
 * An ISO 3166-1 alpha-2 country code in upper case (`XK` for Kosovo).
 *
 * @example
 * CountrySchema.safeParse('IE').success; // true
 * CountrySchema.safeParse('ie').success; // false: upper case
 * CountrySchema.safeParse('IRL').success; // false: alpha-2, not alpha-3
 */
export const CountrySchema = z.enum(COUNTRY_CODES).meta({
  id: 'Country',
  description: 'An ISO 3166-1 alpha-2 country code in upper case, e.g. "IE" ("XK" for Kosovo).',
});

/** An identifier in a named scheme. */
export const SchemedIdentifierSchema = z.strictObject({
  scheme: NonBlankString.meta({ description: 'The identifier scheme, e.g. "ORCID" or a scheme URI.' }),
  value: NonBlankString,
}).meta({ id: 'SchemedIdentifier' });

/**
 * An organisation: issuer, awarding body, learning provider or quality-assurance body.
 *
 * @example
 * OrganisationSchema.parse({ id: 'https://uni.example.eu', legalName: 'Example University', country: 'FI', identifiers: { eidas: 'FI-1234567-8' } });
 * OrganisationSchema.safeParse({ id: 'https://uni.example.eu', legalName: 'Example University' }).success; // false: no country
 */
export const OrganisationSchema = z.strictObject({
  id: UriSchema.meta({ description: 'A stable identifier: homepage URL, did:web:…, urn:….' }),
  legalName: LangStringSchema,
  country: CountrySchema,
  region: NonBlankString.optional().meta({ description: 'A NUTS code (e.g. "IE061") or a region name.' }),
  address: NonBlankString.optional().meta({ description: 'The full postal address.' }),
  homepage: UriSchema.optional(),
  email: Email.optional(),
  identifiers: z
    .strictObject({
      eidas: NonBlankString.optional().meta({ description: 'The eIDAS legal identifier (required on the issuer by the EDC shapes).' }),
      vat: NonBlankString.optional(),
      registration: NonBlankString.optional(),
      other: z.array(SchemedIdentifierSchema).optional(),
    })
    .optional(),
}).meta({ id: 'Organisation', description: 'An organisation: issuer, awarding body, learning provider or quality-assurance body.' });
