/**
 * Model → the rulebook's claims, part by part. Each part writes the claims it can fill and reports,
 * with a path into the model, every value the rulebook has no claim for (`SDJWT_VALUE_NOT_CARRIED`),
 * every value written as the nearest code (`SDJWT_VALUE_MAPPED`), every issuer-defined value
 * (`SDJWT_CODE_UNKNOWN`) and every mandatory claim it cannot fill (`SDJWT_CLAIM_MISSING`).
 */
import type { MicroCredential, Organisation } from '../../model/types.js';
import { RULEBOOK_CLAIM } from '../rulebook.js';
import type { MicroCredentialClaims, RulebookAccreditation } from './types.js';
import { ASSESSMENT_CODES, type CodeMap, Findings, PARTICIPATION_CODES, QUALITY_ASSURANCE_CODES, SUPERVISION_CODES, at, dateAsWritten, oneText } from './values.js';
import { UNGRADED_ASSESSMENT_TYPES } from './checks.js';

/** The claims being written: every member optional until the end. */
export type Draft = Partial<MicroCredentialClaims>;

/** What every part gets: the model, its primary language, the claims and the findings. */
export interface Context {
  readonly mc: MicroCredential;
  readonly primary: string;
  readonly claims: Draft;
  readonly found: Findings;
}

/** The members of `value` named in `keys` that are present, each reported not carried. */
function lostMembers(value: object, path: string, keys: readonly string[], element: Parameters<Findings['lost']>[1], why: string, found: Findings): void {
  for (const key of keys) {
    const member = (value as Record<string, unknown>)[key];
    if (!Object.hasOwn(value, key) || member === undefined) continue;
    if (key === 'identifiers' && member !== null && typeof member === 'object' && !Array.isArray(member)) {
      for (const [scheme, v] of Object.entries(member)) {
        if (Array.isArray(v)) v.forEach((_, i) => found.lost(at(path, key, scheme, i), element, `An identifier of \`${scheme}\` ${why}`));
        else if (v !== undefined) found.lost(at(path, key, scheme), element, `The identifier \`${scheme}\` ${why}`);
      }
    } else if (Array.isArray(member)) {
      member.forEach((_, i) => found.lost(at(path, key, i), element, `\`${key}\` ${why}`));
    } else {
      found.lost(at(path, key), element, `\`${key}\` ${why}`);
    }
  }
}

/** A model value as a code: the same word, the nearest code (mapped), or an issuer-defined value. */
function code<M extends string>(value: M, map: CodeMap<M>, claim: string, path: string, ctx: Context): string {
  const spec = RULEBOOK_CLAIM.get(claim)!;
  const mapped = map.toCode.get(value);
  if (mapped !== undefined) {
    ctx.found.warn('SDJWT_VALUE_MAPPED', path, spec.element, `\`${value}\` is written as the rulebook's \`${mapped}\` in \`${claim}\`, its nearest code.`);
    return mapped;
  }
  if (!(spec.codes ?? []).includes(value)) {
    ctx.found.warn('SDJWT_CODE_UNKNOWN', path, spec.element, `\`${claim}\` is \`${value}\`, an issuer-defined value: the rulebook's code list (${(spec.codes ?? []).join(', ')}) has no equivalent, and a relying party may not understand it.`);
  }
  return value;
}

/** M1: the learner's names and personal data. */
export function learnerClaims(ctx: Context): void {
  const { mc, claims, found } = ctx;
  const learner = mc.learner;
  for (const name of ['givenName', 'familyName'] as const) {
    const value = learner[name];
    if (value !== undefined) claims[name] = value;
    else {
      const has = learner.fullName !== undefined ? 'only a `fullName`, which is never split into names' : 'no name';
      found.add('SDJWT_CLAIM_MISSING', 'error', at('/learner', name), 'M1', `MC-IR-01: the rulebook requires \`${name}\`, and the learner has ${has}: give \`learner.givenName\` and \`learner.familyName\`.`);
    }
  }
  if (learner.fullName !== undefined && learner.givenName !== undefined && learner.familyName !== undefined) {
    found.lost('/learner/fullName', 'M1', '`fullName` is not carried: the rulebook has `givenName` and `familyName` only.');
  }
  if (learner.dateOfBirth !== undefined) claims.dateOfBirth = learner.dateOfBirth;
  if (learner.email !== undefined) claims.mail = learner.email;
  if (learner.nationalId !== undefined) {
    claims.nationalID = learner.nationalId.value;
    found.lost('/learner/nationalId/country', 'M1', 'The country that issued the national identifier is not carried: `nationalID` is the value alone (and `citizenshipCountry` is another fact).');
  }
  lostMembers(learner, '/learner', ['id', 'identifiers'], 'M1', 'is not carried: the rulebook identifies the learner by name and `nationalID` only.', found);
}

/** M3 and M4: the issuer's country; the first awarding body's name, id, address and homepage. */
export function organisationClaims(ctx: Context): void {
  const { mc, primary, claims, found } = ctx;
  claims.issuerCountry = mc.issuer.country;
  lostMembers(mc.issuer, '/issuer', ['id', 'legalName', 'region', 'address', 'homepage', 'email', 'identifiers'], 'M3', "is not carried: the rulebook has only the issuer's country (`issuerCountry`); the SD-JWT's `iss` or certificate names the issuer.", found);
  const [first, ...others] = mc.awardingBodies as [Organisation, ...Organisation[]];
  claims.awardingBody = oneText(first.legalName, primary, '/awardingBodies/0/legalName', 'M4', 'awardingBody', found);
  claims.awardingBodyIdentifier = first.id;
  if (first.address !== undefined) claims.awardingBodyAddress = first.address;
  if (first.homepage !== undefined) claims.awardingBodyHomepage = first.homepage;
  lostMembers(first, '/awardingBodies/0', ['country', 'region', 'email', 'identifiers'], 'M4', "is not carried: the rulebook has the awarding body's name, identifier, address and homepage only.", found);
  others.forEach((_, i) => found.lost(at('/awardingBodies', i + 1), 'M4', 'A second awarding body is not carried: `awardingBody` names one (the first).'));
}

/** M2, M5, M6, M7 and M8: title, date of issue, learning outcomes, workload, level. */
export function achievementClaims(ctx: Context): void {
  const { mc, primary, claims, found } = ctx;
  claims.title = oneText(mc.title, primary, '/title', 'M2', 'title', found);
  claims.issuanceDate = dateAsWritten(mc.dateOfIssue);
  found.lost('/dateOfIssue', 'M5', '`issuanceDate` is the date of `dateOfIssue` as written; its time and offset are not carried (the SD-JWT\'s `iat` may carry the instant).');
  outcomeClaims(ctx);
  const { ects, hours, credits } = mc.workload;
  if (ects !== undefined) claims.notionalWorkload = { value: ects, unit: 'ECTS' };
  else if (hours !== undefined) claims.notionalWorkload = { value: hours, unit: 'hours' };
  else found.add('SDJWT_CLAIM_MISSING', 'error', '/workload', 'M7', 'MC-IR-01: the rulebook requires `notionalWorkload` in ECTS or hours, and the workload has neither (credits of another system cannot be converted): give `workload.ects` or `workload.hours`.');
  if (ects !== undefined && hours !== undefined) found.lost('/workload/hours', 'M7', 'The hours are not carried: `notionalWorkload` is one value, in ECTS here.');
  if (credits !== undefined) found.lost('/workload/credits', 'M7', `Credits of ${credits.system} are not carried: \`notionalWorkload\` is in ECTS or hours.`);
  const level = mc.level;
  if (level === undefined) return;
  if (level.eqf !== undefined) claims.level = `EQF-${level.eqf}` as MicroCredentialClaims['level'];
  if (level.nqf !== undefined) claims.nationalQualificationsFrameworkLevel = oneText(level.nqf.label, primary, '/level/nqf/label', 'M8', 'nationalQualificationsFrameworkLevel', found);
  if (level.nqf?.uri !== undefined) found.lost('/level/nqf/uri', 'M8', 'The URI of the NQF level is not carried: `nationalQualificationsFrameworkLevel` is its label.');
  if (level.qfEhea !== undefined) found.lost('/level/qfEhea', 'M8', 'The QF-EHEA cycle is not carried: the rulebook has the EQF and NQF levels only.');
}

/** M6: the titles of the learning outcomes, and their ESCO skills as `escoReference`. */
function outcomeClaims(ctx: Context): void {
  const { mc, primary, claims, found } = ctx;
  const several = mc.learningOutcomes.length > 1;
  const esco: string[] = [];
  claims.learningOutcomes = mc.learningOutcomes.map((outcome, i) => {
    const path = at('/learningOutcomes', i);
    lostMembers(outcome, path, ['type', 'description', 'relatedSkills', 'reusability'], 'M6', 'is not carried: a learning outcome is its title in `learningOutcomes`.', found);
    (outcome.escoSkills ?? []).forEach((uri, j) => {
      if (!esco.includes(uri)) esco.push(uri);
      if (several) found.lost(at(path, 'escoSkills', j), 'M6', 'This ESCO skill is in `escoReference`, but not which learning outcome it belongs to: `escoReference` is one list for the credential.');
    });
    return oneText(outcome.title, primary, at(path, 'title'), 'M6', 'learningOutcomes', found);
  });
  if (esco.length > 0) claims.escoReference = esco;
}

/** M9 and M10: type of assessment and form of participation. */
export function practiceClaims(ctx: Context): void {
  const { mc, primary, claims, found } = ctx;
  const type = mc.assessment.type;
  if (typeof type === 'string') claims.typeOfAssessment = code(type, ASSESSMENT_CODES, 'typeOfAssessment', '/assessment/type', ctx);
  else {
    claims.typeOfAssessment = type.uri;
    found.warn('SDJWT_CODE_UNKNOWN', '/assessment/type/uri', 'M9', `\`typeOfAssessment\` is the URI of the assessment type, an issuer-defined value a relying party may not understand (\`${oneText(type.label, primary, '/assessment/type/label', 'M9', 'typeOfAssessment', new Findings('model'))}\`).`);
    found.lost('/assessment/type/label', 'M9', 'The label of the assessment type is not carried: `typeOfAssessment` is its URI.');
  }
  lostMembers(mc.assessment, '/assessment', ['mode', 'description'], 'M9', 'of the assessment is not carried: the rulebook has its type only.', found);
  const participation = mc.participation;
  claims.formOfParticipation = code(participation.mode, PARTICIPATION_CODES, 'formOfParticipation', '/participation/mode', ctx);
  lostMembers(participation, '/participation', ['setting', 'startDate', 'endDate', 'provider'], 'M10', 'of the participation is not carried: the rulebook has its form only.', found);
}

/** M11: the first quality-assurance entry as `qualityAssurance` and `accreditation`. */
export function qualityClaims(ctx: Context): void {
  const { mc, primary, claims, found } = ctx;
  const [first] = mc.qualityAssurance;
  if (first === undefined) return;
  // accreditation.type is the same value: its warnings once, on `qualityAssurance`.
  claims.qualityAssurance = code(first.type, QUALITY_ASSURANCE_CODES, 'qualityAssurance', '/qualityAssurance/0/type', ctx);
  const accreditation: RulebookAccreditation = { title: oneText(first.title, primary, '/qualityAssurance/0/title', 'M11', 'accreditation.title', found), type: claims.qualityAssurance };
  if (first.agent !== undefined) {
    accreditation.accreditingAgent = oneText(first.agent.legalName, primary, '/qualityAssurance/0/agent/legalName', 'M11', 'accreditation.accreditingAgent', found);
    lostMembers(first.agent, '/qualityAssurance/0/agent', ['id', 'country', 'region', 'address', 'homepage', 'email', 'identifiers'], 'M11', 'of the quality-assurance body is not carried: `accreditation.accreditingAgent` is its name.', found);
  }
  if (first.issued !== undefined) {
    accreditation.decisionDate = dateAsWritten(first.issued);
    found.lost('/qualityAssurance/0/issued', 'M11', '`accreditation.decisionDate` is the date of `issued` as written; its time and offset are not carried.');
  }
  lostMembers(first, '/qualityAssurance/0', ['framework', 'url', 'expires'], 'M11', 'is not carried: `accreditation` has no place for it.', found);
  claims.accreditation = accreditation;
  mc.qualityAssurance.slice(1).forEach((_, i) => found.lost(at('/qualityAssurance', i + 1), 'M11', 'A second quality-assurance entry is not carried: `qualityAssurance` and `accreditation` describe one.'));
}

/** O1-O5: prerequisites, supervision, grade, stackability, further information. */
export function optionalClaims(ctx: Context): void {
  const { mc, primary, claims, found } = ctx;
  if (mc.prerequisites !== undefined) claims.entryRequirements = [oneText(mc.prerequisites, primary, '/prerequisites', 'O1', 'entryRequirements', found)];
  if (mc.supervision !== undefined) claims.idVerificationMethod = code(mc.supervision, SUPERVISION_CODES, 'idVerificationMethod', '/supervision', ctx);
  gradeClaims(ctx);
  const stack = mc.stackability;
  if (stack?.kind === 'standalone') claims.stackable = false;
  if (stack?.kind === 'stackable') {
    claims.stackable = true;
    const [target, ...others] = stack.towards;
    if (target !== undefined) {
      claims.partOfQualification = oneText(target.title, primary, '/stackability/towards/0/title', 'O4', 'partOfQualification', found);
      lostMembers(target, '/stackability/towards/0', ['id', 'url'], 'O4', 'of the target qualification is not carried: `partOfQualification` is its title.', found);
    }
    others.forEach((_, i) => found.lost(at('/stackability/towards', i + 1), 'O4', 'A second target qualification is not carried: `partOfQualification` names one.'));
  }
  const info = mc.furtherInformation;
  if (info?.note !== undefined) claims.additionalNote = oneText(info.note, primary, '/furtherInformation/note', 'O5', 'additionalNote', found);
  if (info?.validUntil !== undefined) found.lost('/furtherInformation/validUntil', 'O5', 'The end of validity is not an attribute of the rulebook: issueSdJwtVc writes it as the SD-JWT\'s `exp` (technical validity).');
  (info?.links ?? []).forEach((_, i) => found.lost(at('/furtherInformation/links', i), 'O5', 'A link is not carried: the rulebook has no claim for links.'));
}

/** O3: the grade and its scheme; MC-IR-04 for an assessment that produces no graded outcome. */
function gradeClaims(ctx: Context): void {
  const { mc, primary, claims, found } = ctx;
  const grade = mc.grade;
  if (grade === undefined) return;
  claims.grade = typeof grade === 'string' ? grade : grade.value;
  if (typeof grade === 'object' && grade.scheme !== undefined) claims.gradingScheme = oneText(grade.scheme, primary, '/grade/scheme', 'O3', 'gradingScheme', found);
  if (typeof grade === 'object' && grade.passed !== undefined) found.lost('/grade/passed', 'O3', 'Whether the grade is a pass is not carried: the rulebook has the grade and its scheme only.');
  const type = mc.assessment.type;
  if (typeof type === 'string' && UNGRADED_ASSESSMENT_TYPES.has(type)) {
    found.add('SDJWT_GRADE_INCONSISTENT', 'error', '/grade', 'O3', `MC-IR-04: a grade is given for an assessment of type \`${type}\`, which produces no graded outcome; the rulebook forbids the issuer to include it. Remove the grade or give the type of assessment that produced it.`);
  }
}
