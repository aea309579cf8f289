/**
 * One OB 3.0 credential (plain JSON, as unwrapBadge returns it) → a partial micro-credential, read
 * by member names. The document's contexts say which names are read: OB 3.0's always, this
 * library's extension terms when its context is there, the edubadges names when theirs is.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import type { Assessment, LearningOutcome } from '../../model/types.js';
import { LANGUAGE_TAG } from '../../model/formats.js';
import { OB3_EXTENSION_CONTEXT_URL } from '../../generated/ob3-extension-context.js';
import { defaultCriteria, defaultDescription, oneString } from '../export/text.js';
import { reportLeftovers } from './leftovers.js';
import { readLearner } from './learner.js';
import { readOrganisation } from './organisation.js';
import { readOutcomesAndAlignments } from './outcomes.js';
import { readFurtherInformation, readGrade, readPrerequisites, readStackability } from './optional.js';
import { readAssessment, readParticipation, readSupervision, readWorkload } from './practice.js';
import { type Path, Reader, isObject, listOf } from './reader.js';

type Model = Record<string, unknown>;

const KNOWN_CONTEXT = [
  /^https:\/\/www\.w3\.org\/ns\/credentials\/v2$/,
  /^https:\/\/www\.w3\.org\/2018\/credentials\/v1$/,
  /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/(?:context(?:-3\.\d\.\d)?\.json|extensions\.json|context\/ob_v3p0\.jsonld)$/,
  // The proof suites' contexts, which signing appends: they define proof terms only.
  /^https:\/\/w3id\.org\/security\/(?:suites\/ed25519-2020\/v1|data-integrity\/v[12])$/,
];
const EDUBADGES_CONTEXT = /educredential/i;
const BADGE_TYPES: ReadonlySet<string> = new Set(['OpenBadgeCredential', 'AchievementCredential', 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential']);

/** The partial model read from a credential, and the issues (paths into the credential). */
export function readBadge(doc: JsonObject): { value: Model; issues: Reader['issues']; badge: boolean } {
  const contexts = listOf(doc['@context']);
  const ours = contexts.includes(OB3_EXTENSION_CONTEXT_URL);
  const subject = isObject(doc.credentialSubject) ? doc.credentialSubject : undefined;
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : undefined;
  const edubadges = !ours && (contexts.some((c) => typeof c === 'string' && EDUBADGES_CONTEXT.test(c)) || listOf(achievement?.type).includes('EducredentialAchievement'));
  const r = new Reader(ours, edubadges);
  const types = listOf(doc.type);
  if (!types.some((t) => typeof t === 'string' && BADGE_TYPES.has(t)) || !subject) {
    const why = subject ? 'its `type` names neither OpenBadgeCredential nor AchievementCredential' : 'it has no `credentialSubject` object';
    r.issue('OB3_NOT_A_BADGE', 'error', subject ? ['type'] : [], null, `The document is not an Open Badges 3.0 credential: ${why}.`);
    return { value: {}, issues: r.issues, badge: false };
  }
  contexts.forEach((c, i) => {
    if (typeof c === 'string' && (c === OB3_EXTENSION_CONTEXT_URL || KNOWN_CONTEXT.some((k) => k.test(c)) || EDUBADGES_CONTEXT.test(c))) return;
    r.issue('OB3_CONTEXT_UNKNOWN', 'warning', Array.isArray(doc['@context']) ? ['@context', i] : ['@context'], null, `The context ${typeof c === 'string' ? c : '(an inline object)'} is not one this mapping knows; it was not fetched, and the members were read by name as OB 3.0${ours ? ' and the extension context' : ''} define them.`);
  });
  r.take(['type']);
  // The status entry is not model data: fromOpenBadge returns it beside the model, or says why not.
  r.take(['credentialStatus']);
  const value = readAll(r, doc, subject, achievement ?? {});
  reportLeftovers(r, doc);
  return { value, issues: r.issues, badge: true };
}

function readAll(r: Reader, doc: JsonObject, subject: JsonObject, a: JsonObject): Model {
  const sPath: Path = ['credentialSubject'];
  const aPath: Path = ['credentialSubject', 'achievement'];
  r.enter(sPath);
  r.raw(subject, 'type', sPath);
  if (isObject(subject.achievement)) r.enter(aPath);
  const mc: Model = {};
  const id = r.str(doc, 'id', [], null);
  if (id !== undefined) mc.id = id;
  const language = r.str(a, 'inLanguage', aPath, null) ?? (r.ours ? r.str(a, 'primaryLanguage', aPath, null) : undefined);
  if (language !== undefined) mc.primaryLanguage = language;
  const primary = language !== undefined && LANGUAGE_TAG.test(language) ? language : 'en';
  const learner = readLearner(r, subject, sPath);
  if (learner) mc.learner = learner;
  readTitle(r, doc, a, aPath, mc, primary);
  readAgents(r, doc, a, aPath, mc);
  const date = r.str(doc, 'awardedDate', [], 'M5') ?? r.str(doc, 'validFrom', [], 'M5') ?? r.str(doc, 'issuanceDate', [], 'M5');
  if (date !== undefined) mc.dateOfIssue = date;
  r.raw(doc, 'validFrom', []); // a later re-issue's date: the awarded date is the date of issuing
  readOutcomesAndAlignments(r, a, aPath, mc);
  const workload = readWorkload(r, a, aPath);
  if (workload) mc.workload = workload;
  const assessment = readAssessment(r, a, aPath);
  if (assessment) mc.assessment = assessment;
  const participation = readParticipation(r, a, aPath, subject, sPath);
  if (participation) mc.participation = participation;
  const prerequisites = readPrerequisites(r, a, aPath);
  if (prerequisites !== undefined) mc.prerequisites = prerequisites;
  const supervision = readSupervision(r, a, aPath);
  if (supervision !== undefined) mc.supervision = supervision;
  const grade = readGrade(r, subject, sPath, a, aPath);
  if (grade !== undefined) mc.grade = grade;
  const stackability = readStackability(r, a, aPath);
  if (stackability) mc.stackability = stackability;
  const further = readFurtherInformation(r, doc, a, aPath);
  readDefaults(r, a, aPath, mc, further, primary);
  if (Object.keys(further).length > 0) mc.furtherInformation = further;
  if (r.ours) for (const key of ['id', 'type', 'achievementType']) r.raw(a, key, aPath);
  else {
    r.raw(a, 'type', aPath);
    if (a.achievementType === 'MicroCredential') r.raw(a, 'achievementType', aPath);
  }
  return mc;
}

/** M2: the achievement's `nameMap` (extension) or `name`, else the credential's `name`. */
function readTitle(r: Reader, doc: JsonObject, a: JsonObject, aPath: Path, mc: Model, primary: string): void {
  const title = (r.ours ? r.text(a, 'nameMap', aPath, 'M2') : undefined) ?? r.str(a, 'name', aPath, 'M2');
  if (title !== undefined) {
    mc.title = title;
    if (typeof a.name === 'string') r.raw(a, 'name', aPath);
    // The credential's display name: the title again, or another text the model has no place for.
    if (doc.name === oneString(title, primary) || doc.name === a.name) r.raw(doc, 'name', []);
    return;
  }
  const name = r.str(doc, 'name', [], 'M2');
  if (name !== undefined) mc.title = name;
}

/** M3 and M4: the issuer, and the awarding bodies (the extension's `awardingBody`, else the issuer). */
function readAgents(r: Reader, doc: JsonObject, a: JsonObject, aPath: Path, mc: Model): void {
  const issuer = Object.hasOwn(doc, 'issuer') ? readOrganisation(r, doc.issuer!, ['issuer'], 'M3') : undefined;
  if (issuer) mc.issuer = issuer;
  if (r.ours && Object.hasOwn(a, 'awardingBody')) {
    const v = a.awardingBody!;
    const items: [JsonValue, Path][] = Array.isArray(v) ? (v as readonly JsonValue[]).map((x, i) => [x, [...aPath, 'awardingBody', i]]) : [[v, [...aPath, 'awardingBody']]];
    r.enter([...aPath, 'awardingBody']);
    mc.awardingBodies = items.map(([x, at]) => readOrganisation(r, x, at, 'M4')).filter((o) => o !== undefined);
  } else if (issuer) {
    mc.awardingBodies = [issuer];
    r.issue('OB3_VALUE_INFERRED', 'warning', ['issuer'], 'M4', 'The badge names no awarding body (OB 3.0 has no such property): the issuer, who awards the badge in OB 3.0, was taken as the awarding body.');
  }
}

/**
 * The achievement's required `description` and `criteria.narrative`: read as nothing when they are
 * the defaults `toOpenBadge` writes; another issuer's description is further information (O5
 * `note`) and its criteria the assessment's description (M9), when the model has none of its own.
 */
function readDefaults(r: Reader, a: JsonObject, aPath: Path, mc: Model, further: Model, primary: string): void {
  const description = a.description;
  if (typeof description === 'string') {
    if (description === safeDefault(() => defaultDescription(mc.learningOutcomes as LearningOutcome[], primary))) r.raw(a, 'description', aPath);
    else if (further.note === undefined) {
      further.note = description;
      r.raw(a, 'description', aPath);
    }
  }
  const criteria = isObject(a.criteria) ? a.criteria : undefined;
  const narrative = criteria?.narrative;
  if (criteria === undefined || typeof narrative !== 'string') return;
  const at = [...aPath, 'criteria'];
  const assessment = mc.assessment as Model | undefined;
  if (narrative === safeDefault(() => defaultCriteria(assessment as unknown as Assessment, primary))) r.raw(criteria, 'narrative', at);
  else if (assessment?.description === undefined) {
    mc.assessment = { ...assessment, description: narrative };
    r.raw(criteria, 'narrative', at);
  }
}

/** A default text computed from what was read, or `undefined` when what was read is too incomplete for it. */
function safeDefault(make: () => string): string | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}
