/**
 * The values of the edubadges (SURF) micro-credential profile, read by name only: their
 * `assessmentType`, `participationType` and `supervisionType` strings and glossary IRIs, and what
 * each becomes in the model. The glossary IRIs are written here as edubadges' glossary page names
 * them (`https://edubadges.nl/static/obv3-glossary.html#…`); their context misspells three of them
 * (`eduabages.nl`, `edubaadges.nl`), which are read too. docs/ob3.md, "Reading edubadges badges".
 */
import type { OtherAssessmentType, ParticipationMode, Supervision } from '../../model/types.js';

const GLOSSARY = 'https://edubadges.nl/static/obv3-glossary.html#';
const MISSPELT = [/^https:\/\/eduabages\.nl\//, /^https:\/\/edubaadges\.nl\//];

/** A glossary IRI with edubadges' misspelt hosts put right. */
function glossaryIri(value: string): string {
  let out = value;
  for (const bad of MISSPELT) out = out.replace(bad, 'https://edubadges.nl/');
  return out;
}

/** The edubadges value a string names: the value itself, or the one whose glossary IRI it is. */
function valueOf(table: Readonly<Record<string, string>>, value: string): string | undefined {
  if (Object.hasOwn(table, value)) return value;
  const iri = glossaryIri(value);
  return Object.keys(table).find((k) => table[k] === iri);
}

const ASSESSMENT: Readonly<Record<string, string>> = {
  testing: `${GLOSSARY}assessment-type-testing`,
  'application of a skill': `${GLOSSARY}assessment-type-application-of-a-skill`,
  portfolio: `${GLOSSARY}assessment-type-portfolio`,
  'recognition of prior learning': `${GLOSSARY}assessment-type-recognition-of-prior-learning`,
};

const PARTICIPATION: Readonly<Record<string, string>> = {
  online: `${GLOSSARY}participation-type-online`,
  'onsite or blended': `${GLOSSARY}participation-type-onsite-or-blended`,
  volunteering: `${GLOSSARY}participation-type-volunteering`,
  'work experience': `${GLOSSARY}participation-type-work-experience`,
  'personalized learning activities': `${GLOSSARY}participation-type-personalized-learning-activities`,
};

const SUPERVISION: Readonly<Record<string, string>> = {
  'unsupervised with no identity verification': `${GLOSSARY}supervision-type-unsupervised-with-no-identity-verification`,
  'supervised with no identity verification': `${GLOSSARY}supervision-type-supervised-with-no-identity-verification`,
  'supervised online': `${GLOSSARY}supervision-type-supervised-online`,
  'onsite with identity verification': `${GLOSSARY}supervision-type-onsite-with-identity-verification`,
};

/**
 * An edubadges assessment type as a custom assessment type of the model (its glossary IRI and
 * name): edubadges' four types are not the EU's, so none is taken for an EU one.
 */
export function edubadgesAssessment(value: string): OtherAssessmentType | undefined {
  const key = valueOf(ASSESSMENT, value);
  return key === undefined ? undefined : { uri: ASSESSMENT[key]!, label: key };
}

/** An edubadges participation type as a model mode: `exact`, `nearest` (with a warning), or none. */
export function edubadgesParticipation(value: string): { mode?: ParticipationMode; how: 'exact' | 'nearest' | 'none'; key?: string } {
  const key = valueOf(PARTICIPATION, value);
  if (key === 'online') return { mode: 'online', how: 'exact', key };
  if (key === 'work experience') return { mode: 'work-based', how: 'nearest', key };
  return key === undefined ? { how: 'none' } : { how: 'none', key };
}

/**
 * An edubadges supervision type as an Annex I supervision value; "supervised online" says nothing
 * of identity verification, so it needs `identityChecked` to be one.
 */
export function edubadgesSupervision(value: string, identityChecked: boolean | undefined): Supervision | undefined {
  const key = valueOf(SUPERVISION, value);
  if (key === 'unsupervised with no identity verification') return 'unsupervised-no-id-verification';
  if (key === 'supervised with no identity verification') return 'supervised-no-id-verification';
  if (key === 'onsite with identity verification') return 'supervised-onsite-id-verification';
  if (key === 'supervised online' && identityChecked === true) return 'supervised-online-id-verification';
  if (key === 'supervised online' && identityChecked === false) return 'supervised-no-id-verification';
  return undefined;
}
