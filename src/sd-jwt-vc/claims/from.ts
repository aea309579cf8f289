/**
 * The rulebook's claims → a model draft, part by part. A part reads only claims that passed their
 * type check; a mandatory element it cannot fill is added to `missing`; a value it takes from
 * another claim or a default is a `SDJWT_VALUE_INFERRED` warning; a claim the model has no place
 * for is a `SDJWT_VALUE_NOT_CARRIED` warning (paths into the claims).
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import { ASSESSMENT_TYPES, SUPERVISION_VALUES } from '../../model/elements.js';
import { DATE_TIME, ESCO_SKILL_URI, URI } from '../../model/formats.js';
import type { ParticipationMode, QualityAssuranceType } from '../../model/types.js';
import type { ElementId } from '../../rules/issue.js';
import { ASSESSMENT_CODES, type CodeMap, type Findings, PARTICIPATION_CODES, QUALITY_ASSURANCE_CODES, SUPERVISION_CODES, elementOf, quote, randomUrn } from './values.js';

const PARTICIPATION_MODES: readonly ParticipationMode[] = ['online', 'onsite', 'blended', 'work-based', 'project-based', 'research-lab-based'];
const QUALITY_ASSURANCE_TYPES: readonly QualityAssuranceType[] = ['programme-quality-assurance', 'institutional-quality-assurance', 'programme-licence', 'institutional-licence', 'internal-quality-assurance'];

/** The claims with no place in the model: reported, not read. */
const NO_PLACE: Readonly<Record<string, string>> = {
  placeOfBirth: 'the model has no place of birth',
  citizenshipCountry: 'the model has no citizenship',
  registeredAddress: "the model has no learner's address",
  educationLevelDescriptor: 'the model has no level descriptor besides the EQF, QF-EHEA and NQF levels',
  learningOutcomeSummary: 'the model has no summary of the learning outcomes',
  fieldOfEducation: 'the model has no field of education',
  learningActivityType: 'the model has no type of learning activity',
  languageOfAssessment: 'the model has no language of assessment',
};

/** What every part gets: a reader of the readable claims, the draft, the findings, the missing elements. */
export interface Reading {
  /** The claim's value when present and of its type; else undefined. */
  readonly get: (name: string) => JsonValue | undefined;
  readonly draft: Record<string, unknown>;
  readonly found: Findings;
  readonly missing: Set<ElementId>;
}

/** A reader of `doc` that skips the claims in `unreadable`. */
export function reader(doc: JsonObject, unreadable: ReadonlySet<string>): Reading['get'] {
  return (name) => (Object.hasOwn(doc, name) && !unreadable.has(name) ? (doc[name] as JsonValue) : undefined);
}

const text = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function inferred(r: Reading, claim: string, message: string): void {
  r.found.warn('SDJWT_VALUE_INFERRED', `/${claim}`, elementOf(claim), message);
}

/** A rulebook code as a model value: the same word, the model's nearest value (mapped), or undefined. */
function fromCode<M extends string>(r: Reading, claim: string, value: string, map: CodeMap<M>, values: readonly M[]): M | undefined {
  const mapped = map.toModel.get(value);
  if (mapped !== undefined) {
    r.found.warn('SDJWT_VALUE_MAPPED', `/${claim}`, elementOf(claim), `The rulebook's \`${value}\` is read as the model's \`${mapped}\`, its nearest value.`);
    return mapped;
  }
  return (values as readonly string[]).includes(value) ? (value as M) : undefined;
}

/** Claims with no place in the model, and the `identifier` when it is not a URI. */
export function notRead(r: Reading): void {
  for (const [claim, why] of Object.entries(NO_PLACE)) {
    if (r.get(claim) !== undefined) r.found.lost(`/${claim}`, elementOf(claim), `\`${claim}\` is not read: ${why}.`);
  }
  const identifier = text(r.get('identifier'));
  if (identifier !== undefined && URI.test(identifier)) r.draft.id = identifier;
  else if (identifier !== undefined) r.found.lost('/identifier', null, `\`identifier\` ${quote(identifier)} is not read: the model's \`id\` is an absolute URI.`);
}

/** M1: the learner. */
export function learnerFrom(r: Reading): void {
  const learner: Record<string, unknown> = {};
  const given = text(r.get('givenName'));
  const family = text(r.get('familyName'));
  if (given !== undefined) learner.givenName = given;
  if (family !== undefined) learner.familyName = family;
  const birth = text(r.get('dateOfBirth'));
  if (birth !== undefined) learner.dateOfBirth = birth;
  const nationalId = text(r.get('nationalID'));
  if (nationalId !== undefined) {
    learner.identifiers = [{ scheme: 'nationalID', value: nationalId }];
    r.found.warn('SDJWT_VALUE_MAPPED', '/nationalID', 'M1', "`nationalID` is read as a learner identifier of scheme `nationalID`: the model's `nationalId` needs the country that issued it, which the claims do not carry.");
  }
  const mail = text(r.get('mail'));
  if (mail !== undefined) learner.email = mail;
  if ((given === undefined || family === undefined) && nationalId === undefined) r.missing.add('M1');
  r.draft.learner = learner;
}

/** M3 and M4: the issuer and the awarding body. */
export function organisationsFrom(r: Reading): void {
  const name = text(r.get('awardingBody'));
  const country = text(r.get('issuerCountry'));
  if (country === undefined) r.missing.add('M3');
  if (name === undefined) r.missing.add('M4');
  if (name === undefined || country === undefined) return;
  const body: Record<string, unknown> = { id: awardingBodyId(r), legalName: name, country };
  inferred(r, 'issuerCountry', "The awarding body's country is taken to be `issuerCountry`: the rulebook does not carry it.");
  const address = text(r.get('awardingBodyAddress'));
  if (address !== undefined) body.address = address;
  const homepage = text(r.get('awardingBodyHomepage'));
  if (homepage !== undefined && URI.test(homepage)) body.homepage = homepage;
  const identifier = text(r.get('awardingBodyIdentifier'));
  if (identifier !== undefined && !URI.test(identifier)) {
    body.identifiers = { registration: identifier };
    inferred(r, 'awardingBodyIdentifier', `\`awardingBodyIdentifier\` ${quote(identifier)} is not a URI: it is read as the awarding body's registration identifier.`);
  }
  const iss = text(r.get('iss'));
  const issuerId = iss !== undefined && URI.test(iss) ? iss : (body.id as string);
  if (issuerId === iss) inferred(r, 'iss', "The issuer's `id` is the SD-JWT's `iss`.");
  else inferred(r, 'awardingBody', `The claims have no \`iss\` that is a URI: the issuer's \`id\` is taken to be the awarding body's (${quote(issuerId)}).`);
  inferred(r, 'awardingBody', "The issuer's name is taken to be the awarding body's: the rulebook names the awarding body only (`iss` or the certificate names the issuer).");
  r.draft.issuer = { id: issuerId, legalName: name, country };
  r.draft.awardingBodies = [body];
}

/** The awarding body's id: `awardingBodyIdentifier` when a URI, else its homepage, else a fresh `urn:uuid:`. */
function awardingBodyId(r: Reading): string {
  const identifier = text(r.get('awardingBodyIdentifier'));
  if (identifier !== undefined && URI.test(identifier)) return identifier;
  const homepage = text(r.get('awardingBodyHomepage'));
  if (homepage !== undefined && URI.test(homepage)) {
    inferred(r, 'awardingBodyHomepage', "The awarding body's `id` is taken to be its homepage: `awardingBodyIdentifier` is absent or not a URI.");
    return homepage;
  }
  const id = randomUrn();
  inferred(r, 'awardingBody', `The awarding body has no identifier or homepage that is a URI: its \`id\` is a fresh ${id}.`);
  return id;
}

/** M5: the date of issue, with the time of `iat` when it falls on that date (UTC), else midnight UTC. */
function dateOfIssueFrom(r: Reading, date: string): string {
  const iat = r.get('iat');
  const ms = typeof iat === 'number' ? iat * 1000 : Number.NaN;
  if (Number.isFinite(ms) && Math.abs(ms) <= 8.64e15) {
    const iso = new Date(ms).toISOString();
    const written = Number.isInteger(iat) ? iso.replace('.000Z', 'Z') : iso;
    if (iso.slice(0, 10) === date && DATE_TIME.test(written)) {
      inferred(r, 'issuanceDate', `The time of \`dateOfIssue\` is taken from \`iat\` (${written}), which falls on \`issuanceDate\` in UTC.`);
      return written;
    }
  }
  const why = iat === undefined ? 'there is no `iat`' : '`iat` does not fall on `issuanceDate` in UTC';
  inferred(r, 'issuanceDate', `\`dateOfIssue\` is \`issuanceDate\` at midnight UTC: ${why}, and the rulebook's date has no time.`);
  return `${date}T00:00:00Z`;
}

/** M2, M5, M6, M7, M8. */
export function achievementFrom(r: Reading): void {
  const title = text(r.get('title'));
  if (title === undefined) r.missing.add('M2');
  else r.draft.title = title;
  const date = text(r.get('issuanceDate'));
  if (date === undefined) r.missing.add('M5');
  else r.draft.dateOfIssue = dateOfIssueFrom(r, date);
  const outcomes = r.get('learningOutcomes');
  if (!Array.isArray(outcomes)) r.missing.add('M6');
  else r.draft.learningOutcomes = outcomesFrom(r, outcomes as string[]);
  const workload = r.get('notionalWorkload') as { value: number; unit: 'ECTS' | 'hours' } | undefined;
  if (workload === undefined) r.missing.add('M7');
  else r.draft.workload = workload.unit === 'ECTS' ? { ects: workload.value } : { hours: workload.value };
  const level: Record<string, unknown> = {};
  const eqf = text(r.get('level'));
  if (eqf !== undefined) level.eqf = Number(eqf.slice(4));
  const nqf = text(r.get('nationalQualificationsFrameworkLevel'));
  if (nqf !== undefined) level.nqf = { label: nqf };
  if (Object.keys(level).length > 0) r.draft.level = level;
}

/** M6: one outcome per string; `escoReference` on it when there is one outcome, else not read. */
function outcomesFrom(r: Reading, titles: readonly string[]): Record<string, unknown>[] {
  const outcomes: Record<string, unknown>[] = titles.map((title) => ({ title }));
  const refs = r.get('escoReference');
  if (!Array.isArray(refs)) return outcomes;
  const list = refs as JsonValue[];
  if (outcomes.length !== 1) {
    r.found.lost('/escoReference', 'M6', 'The ESCO references are not read: the model links ESCO skills to a learning outcome, and the claims do not say which of the outcomes each belongs to.');
    return outcomes;
  }
  const esco = list.filter((v): v is string => typeof v === 'string' && ESCO_SKILL_URI.test(v));
  const other = list.filter((v): v is string => typeof v === 'string' && !ESCO_SKILL_URI.test(v) && URI.test(v));
  if (esco.length > 0) {
    outcomes[0]!.escoSkills = esco;
    inferred(r, 'escoReference', 'The ESCO references are read as the ESCO skills of the one learning outcome.');
  }
  if (other.length > 0) {
    outcomes[0]!.relatedSkills = other;
    r.found.warn('SDJWT_VALUE_MAPPED', '/escoReference', 'M6', "ESCO references that are not ESCO skill URIs of the model's form (http://data.europa.eu/esco/skill/<uuid>) are read as related skills of the one learning outcome.");
  }
  list.forEach((v, i) => {
    if (typeof v === 'string' && !URI.test(v)) r.found.lost(`/escoReference/${i}`, 'M6', `${quote(v)} is not read: it is not a URI.`);
  });
  return outcomes;
}

/** M9 and M10. */
export function practiceFrom(r: Reading): void {
  const type = text(r.get('typeOfAssessment'));
  const modelType = type === undefined ? undefined : fromCode(r, 'typeOfAssessment', type, ASSESSMENT_CODES, ASSESSMENT_TYPES);
  if (modelType !== undefined) r.draft.assessment = { type: modelType };
  else if (type !== undefined && URI.test(type)) {
    r.draft.assessment = { type: { uri: type, label: type } };
    inferred(r, 'typeOfAssessment', 'The label of the assessment type is its URI: the claim carries the URI only.');
  } else {
    if (type !== undefined) r.found.warn('SDJWT_VALUE_NOT_CARRIED', '/typeOfAssessment', 'M9', `\`typeOfAssessment\` ${quote(type)} is not read: it is neither a rulebook code, an EDC assessment type nor a URI, and the model holds only those.`);
    r.missing.add('M9');
  }
  const mode = text(r.get('formOfParticipation'));
  const modelMode = mode === undefined ? undefined : fromCode(r, 'formOfParticipation', mode, PARTICIPATION_CODES, PARTICIPATION_MODES);
  if (modelMode !== undefined) r.draft.participation = { mode: modelMode };
  else {
    if (mode !== undefined) r.found.warn('SDJWT_VALUE_NOT_CARRIED', '/formOfParticipation', 'M10', `\`formOfParticipation\` ${quote(mode)} is not read: the model's forms are ${PARTICIPATION_MODES.join(', ')}.`);
    r.missing.add('M10');
  }
}

/** M11: `qualityAssurance`, with the title and decision date of a consistent `accreditation`. */
export function qualityFrom(r: Reading): void {
  const code = text(r.get('qualityAssurance'));
  const type = code === undefined ? undefined : fromCode(r, 'qualityAssurance', code, QUALITY_ASSURANCE_CODES, QUALITY_ASSURANCE_TYPES);
  if (type === undefined) {
    if (code !== undefined) r.found.warn('SDJWT_VALUE_NOT_CARRIED', '/qualityAssurance', 'M11', `\`qualityAssurance\` ${quote(code)} is not read: the model's quality-assurance types have no equivalent.`);
    r.missing.add('M11');
    return;
  }
  const acc = r.get('accreditation') as Record<string, string> | undefined;
  const consistent = acc !== undefined && (acc.type === undefined || acc.type === code);
  const entry: Record<string, unknown> = { type };
  if (consistent && acc.title !== undefined) entry.title = acc.title;
  else {
    entry.title = code!.replaceAll('-', ' ').replace(/^./, (c) => c.toUpperCase());
    inferred(r, 'qualityAssurance', `The title of the quality assurance is its type (${quote(entry.title)}): ${consistent || acc === undefined ? 'there is no `accreditation.title`' : '`accreditation` disagrees with `qualityAssurance` (MC-IR-08) and is not read'}.`);
  }
  if (consistent && acc.decisionDate !== undefined) {
    entry.issued = `${acc.decisionDate}T00:00:00Z`;
    r.found.warn('SDJWT_VALUE_INFERRED', '/accreditation/decisionDate', 'M11', 'The quality assurance was `issued` on `accreditation.decisionDate` at midnight UTC: the claim has no time.');
  }
  if (consistent) {
    for (const key of ['accreditingAgent', 'decision', 'reviewDate'] as const) {
      if (acc[key] !== undefined) r.found.lost(`/accreditation/${key}`, 'M11', `\`accreditation.${key}\` is not read: ${key === 'accreditingAgent' ? "the model's quality-assurance body is an organisation with an id and a country, which the claims do not carry" : 'the model has no place for it'}.`);
    }
  }
  r.draft.qualityAssurance = [entry];
}

/** O1-O5. */
export function optionalFrom(r: Reading): void {
  const requirements = r.get('entryRequirements') as string[] | undefined;
  if (requirements !== undefined) {
    r.draft.prerequisites = requirements.join('\n');
    if (requirements.length > 1) inferred(r, 'entryRequirements', 'The entry requirements are read as one text of prerequisites, one per line.');
  }
  const method = text(r.get('idVerificationMethod'));
  const supervision = method === undefined ? undefined : fromCode(r, 'idVerificationMethod', method, SUPERVISION_CODES, SUPERVISION_VALUES);
  if (supervision !== undefined) r.draft.supervision = supervision;
  else if (method !== undefined) r.found.lost('/idVerificationMethod', 'O2', `\`idVerificationMethod\` ${quote(method)} is not read: the model's supervision values (Annex I) have no equivalent.`);
  const grade = text(r.get('grade'));
  const scheme = text(r.get('gradingScheme'));
  if (grade !== undefined) r.draft.grade = scheme === undefined ? grade : { value: grade, scheme };
  else if (scheme !== undefined) r.found.lost('/gradingScheme', 'O3', '`gradingScheme` is not read: there is no `grade` (the model has a scheme only with a grade).');
  stackabilityFrom(r);
  const note = text(r.get('additionalNote'));
  if (note !== undefined) r.draft.furtherInformation = { note };
}

/** O4: `stackable` and `partOfQualification`. */
function stackabilityFrom(r: Reading): void {
  const stackable = r.get('stackable');
  const target = text(r.get('partOfQualification'));
  if (stackable === false) {
    r.draft.stackability = { kind: 'standalone' };
    if (target !== undefined) r.found.lost('/partOfQualification', 'O4', '`partOfQualification` is not read: `stackable` is false.');
  } else if (target !== undefined) {
    r.draft.stackability = { kind: 'stackable', towards: [{ title: target }] };
    if (stackable !== true) inferred(r, 'partOfQualification', 'The micro-credential is read as stackable: it names a qualification it is part of (`stackable` is not disclosed).');
  } else if (stackable === true) {
    r.found.lost('/stackable', 'O4', '`stackable` is not read: the model records stackability with the qualification it counts towards, and `partOfQualification` is absent.');
  }
}
