/**
 * Controlled-vocabulary concepts as ELM writes them, `{ id, type: 'Concept', inScheme, prefLabel }`,
 * and back from a concept URI to the model's value. The tables are generated (src/generated/).
 */
import { COUNTRIES, COUNTRY_AUTHORITY_BASE, COUNTRY_AUTHORITY_SCHEME } from '../generated/countries.js';
import {
  ASSESSMENT_TYPE,
  CONTENT_ENCODING,
  CREDENTIAL_PROFILE,
  CREDIT_SYSTEM,
  EQF_LEVEL,
  FILE_TYPE,
  LEARNING_MODE,
  LEARNING_SETTING,
  QUALITY_ASSURANCE_TYPE,
  SKILL_REUSE_LEVEL,
  SKILL_TYPE,
  SUPERVISION,
} from '../generated/elm-vocabularies.js';
import { LANGUAGE } from '../generated/languages.js';
import { type ConceptSet, conceptOf, keyOfConcept, keysOfConcept } from '../vocab/lookup.js';

/** A SKOS concept as ELM JSON-LD writes it. */
export interface ConceptNode {
  id: string;
  type: 'Concept';
  inScheme?: { id: string; type: 'ConceptScheme' };
  prefLabel?: Record<string, string>;
}

/** The EU qualification-framework scheme of NQF levels (EDC shapes restrict `nqfLevel` to it). */
const QDR_SCHEME = 'http://data.europa.eu/snb/qdr/25831c2';
const ESCO_SKILLS_SCHEME = 'http://data.europa.eu/esco/concept-scheme/skills';

function node(set: ConceptSet, key: string | number): ConceptNode {
  const c = conceptOf(set, key);
  if (!c) throw new TypeError(`no concept for ${String(key)}`); // the model's types rule this out
  return { id: c.uri, type: 'Concept', inScheme: { id: set.scheme, type: 'ConceptScheme' }, prefLabel: { en: c.label } };
}

function nodeOrUndefined(set: ConceptSet, key: string): ConceptNode | undefined {
  return conceptOf(set, key) ? node(set, key) : undefined;
}

const reverse = <K>(set: ConceptSet) => (uri: string | undefined): K | undefined => (uri === undefined ? undefined : (keyOfConcept(set, uri) as K | undefined));

const COUNTRY_OF_AUTHORITY = new Map<string, string>(Object.entries(COUNTRIES).map(([alpha2, [, authority]]) => [`${COUNTRY_AUTHORITY_BASE}${authority}`, alpha2]));
const LANGUAGE_OF_URI = new Map<string, string>(Object.entries(LANGUAGE.concepts).map(([tag, c]): [string, string] => [c.uri, tag]));
const ASSESSMENT_BY_LABEL = new Map<string, string>(Object.entries(ASSESSMENT_TYPE.concepts).map(([key, c]) => [c.label.toLowerCase().replace(/[\s_-]+/g, ' '), key]));

/** Concepts for the model's values. */
export const concepts = {
  eqf: (level: number) => node(EQF_LEVEL, level),
  assessmentType: (key: string) => node(ASSESSMENT_TYPE, key),
  mode: (key: string) => node(LEARNING_MODE, key),
  setting: (key: string) => nodeOrUndefined(LEARNING_SETTING, key),
  credit: (key: 'ECTS' | 'ECVET') => node(CREDIT_SYSTEM, key),
  accreditation: (key: string) => nodeOrUndefined(QUALITY_ASSURANCE_TYPE, key),
  skillType: (key: string) => nodeOrUndefined(SKILL_TYPE, key),
  reuse: (key: string) => node(SKILL_REUSE_LEVEL, key),
  supervision: (key: string) => node(SUPERVISION, key),
  genericProfile: () => node(CREDENTIAL_PROFILE, 'generic'),
  base64: () => node(CONTENT_ENCODING, 'base64'),
  fileType: (mediaType: string) => node(FILE_TYPE, mediaType),
  country(alpha2: string): ConceptNode {
    const row = (COUNTRIES as Record<string, readonly [string, string, string]>)[alpha2]!;
    return { id: `${COUNTRY_AUTHORITY_BASE}${row[1]}`, type: 'Concept', inScheme: { id: COUNTRY_AUTHORITY_SCHEME, type: 'ConceptScheme' }, prefLabel: { en: row[2] } };
  },
  /** The EU language concept of a BCP 47 tag (by its primary language subtag). */
  language(tag: string): ConceptNode | undefined {
    const primary = tag.split('-')[0]!.toLowerCase();
    return conceptOf(LANGUAGE, primary) ? node(LANGUAGE, primary) : undefined;
  },
  escoSkill: (uri: string): ConceptNode => ({ id: uri, type: 'Concept', inScheme: { id: ESCO_SKILLS_SCHEME, type: 'ConceptScheme' } }),
  nqf: (uri: string, label: Record<string, string>): ConceptNode => ({ id: uri, type: 'Concept', inScheme: { id: QDR_SCHEME, type: 'ConceptScheme' }, prefLabel: label }),
  /** The EDC assessment type whose label matches, e.g. "artefact assessment" → `artefact-assessment`. */
  assessmentTypeByLabel: (label: string | undefined) => (label === undefined ? undefined : ASSESSMENT_BY_LABEL.get(label.toLowerCase().replace(/[\s_-]+/g, ' ').trim())),
  /** Whether several model supervision values share this EDC concept (the assessment mode tells them apart). */
  supervisionIsAmbiguous: (uri: string): boolean => keysOfConcept(SUPERVISION, uri).length > 1,
  keyOf: {
    eqf: reverse<number>(EQF_LEVEL),
    assessmentType: reverse<string>(ASSESSMENT_TYPE),
    mode: reverse<string>(LEARNING_MODE),
    setting: reverse<string>(LEARNING_SETTING),
    credit: reverse<'ECTS' | 'ECVET'>(CREDIT_SYSTEM),
    accreditation: reverse<string>(QUALITY_ASSURANCE_TYPE),
    skillType: reverse<string>(SKILL_TYPE),
    reuse: reverse<string>(SKILL_REUSE_LEVEL),
    country: (uri: string | undefined) => (uri === undefined ? undefined : COUNTRY_OF_AUTHORITY.get(uri)),
    language: (uri: string | undefined) => (uri === undefined ? undefined : LANGUAGE_OF_URI.get(uri)),
    /**
     * The supervision value of an EDC concept. EDC has one concept for supervised assessment with
     * identity verification; the assessment mode says whether it was online or onsite (onsite when
     * the mode does not say online).
     */
    supervision(uri: string | undefined, assessmentMode: string | undefined): string | undefined {
      if (uri === undefined) return undefined;
      const keys = keysOfConcept(SUPERVISION, uri) as readonly string[];
      if (keys.length <= 1) return keys[0];
      return keys.find((k) => (assessmentMode === 'online' ? k.includes('online') : k.includes('onsite'))) ?? keys[0];
    },
  },
};

/** Whether a URI is a concept of the EU qualification-framework (NQF levels) scheme. */
export function isEuQualificationFrameworkLevel(uri: string): boolean {
  return uri.startsWith('http://data.europa.eu/snb/qdr/');
}
