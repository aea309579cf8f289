/**
 * eu-micro-credentials/vocab: the EU's controlled vocabularies the model uses (ELM concept schemes,
 * EU languages, the country authority table), with the lookups from a model key to its concept URI
 * and back. Data only: it loads neither zod, jsonld nor any signing code, for forms, pickers and
 * mappers that need the code lists alone. The root entry exports the same tables.
 * @module eu-micro-credentials/vocab
 */
export {
  EQF_LEVEL,
  ASSESSMENT_TYPE,
  LEARNING_MODE,
  LEARNING_SETTING,
  CREDIT_SYSTEM,
  QUALITY_ASSURANCE_TYPE,
  SKILL_TYPE,
  SKILL_REUSE_LEVEL,
  CREDENTIAL_PROFILE,
  CONTENT_ENCODING,
  LEARNING_OPPORTUNITY_TYPE,
  LEARNING_ACTIVITY_TYPE,
  FILE_TYPE,
  SUPERVISION,
  WITHOUT_CONCEPT,
} from './generated/elm-vocabularies.js';
export { LANGUAGE } from './generated/languages.js';
export { COUNTRIES, COUNTRY_AUTHORITY_BASE, COUNTRY_AUTHORITY_SCHEME } from './generated/countries.js';
export type { CountryCode } from './generated/countries.js';
export { conceptOf, keyOfConcept, keysOfConcept } from './vocab/lookup.js';
export type { Concept, ConceptSet, ConceptKey } from './vocab/lookup.js';
