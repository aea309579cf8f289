/**
 * Workload (M7), assessment (M9), participation (M10) and supervision (O2) out of the achievement:
 * this library's extension terms, and the names the edubadges profile gives the same facts (`ECTS`,
 * `SBU`, `assessmentType`, `participationType`, `supervisionType`, `identityChecked`) with its values.
 */
import { ASSESSMENT_TYPE } from '../../generated/elm-vocabularies.js';
import type { JsonObject } from '../../json/types.js';
import { keyOfConcept } from '../../vocab/lookup.js';
import { edubadgesAssessment, edubadgesParticipation, edubadgesSupervision } from './edubadges.js';
import { readOrganisation } from './organisation.js';
import { type Path, type Reader, isObject, langOf } from './reader.js';

type Model = Record<string, unknown>;

/** M7: `ECTS` (this library and edubadges), `workloadHours` and `credits` (this library), `SBU` (edubadges' study load hours). */
export function readWorkload(r: Reader, a: JsonObject, path: Path): Model | undefined {
  const w: Model = {};
  if (r.ours || r.edubadges) {
    const ects = r.num(a, 'ECTS', path, 'M7');
    if (ects !== undefined) w.ects = ects;
  }
  if (r.ours) {
    const hours = r.num(a, 'workloadHours', path, 'M7');
    if (hours !== undefined) w.hours = hours;
    const credits = r.obj(a, 'credits', path, 'M7');
    if (credits) {
      const at = [...path, 'credits'];
      const system = r.str(credits, 'creditSystem', at, 'M7');
      const value = r.num(credits, 'creditValue', at, 'M7');
      w.credits = { ...(system === undefined ? {} : { system }), ...(value === undefined ? {} : { value }) };
    }
  } else if (r.edubadges) {
    // SBU, "studiebelastingsuren": study load hours, the notional hours of Annex I M7.
    const sbu = r.num(a, 'SBU', path, 'M7');
    if (sbu !== undefined) w.hours = sbu;
  }
  return Object.keys(w).length > 0 ? w : undefined;
}

/** M9 from the extension's `assessmentType` (a model key or `{ id, label }`), mode and description, or edubadges' `assessmentType`. */
export function readAssessment(r: Reader, a: JsonObject, path: Path): Model | undefined {
  const out: Model = {};
  if (r.ours && Object.hasOwn(a, 'assessmentType')) {
    const v = a.assessmentType!;
    if (isObject(v)) {
      const at = [...path, 'assessmentType'];
      r.enter(at);
      const uri = r.str(v, 'id', at, 'M9');
      const label = langOf(r, v, 'label', at, 'M9');
      out.type = { ...(uri === undefined ? {} : { uri }), ...(label === undefined ? {} : { label }) };
    } else {
      const type = r.str(a, 'assessmentType', path, 'M9');
      if (type !== undefined) out.type = keyOfConcept(ASSESSMENT_TYPE, type) ?? type;
    }
    const mode = r.str(a, 'assessmentMode', path, 'M9');
    if (mode !== undefined) out.mode = mode;
    const description = langOf(r, a, 'assessmentDescription', path, 'M9');
    if (description !== undefined) out.description = description;
  } else if (r.edubadges) {
    const type = r.str(a, 'assessmentType', path, 'M9');
    if (type !== undefined) {
      const eu = keyOfConcept(ASSESSMENT_TYPE, type);
      const theirs = edubadgesAssessment(type);
      if (eu !== undefined) out.type = eu;
      else if (theirs) out.type = theirs;
      else r.issue('OB3_VALUE_UNMAPPED', 'warning', [...path, 'assessmentType'], 'M9', `The assessment type ${JSON.stringify(type)} is neither one of edubadges' four nor an EU assessment type; it was not read.`);
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** M10 from the extension's (or edubadges') `participationType`, `learningSetting`, `learningProvider`, and the subject's activity dates. */
export function readParticipation(r: Reader, a: JsonObject, aPath: Path, subject: JsonObject, sPath: Path): Model | undefined {
  const p: Model = {};
  if (r.ours) {
    const mode = r.str(a, 'participationType', aPath, 'M10');
    if (mode !== undefined) p.mode = mode;
    const setting = r.str(a, 'learningSetting', aPath, 'M10');
    if (setting !== undefined) p.setting = setting;
    if (Object.hasOwn(a, 'learningProvider')) {
      const provider = readOrganisation(r, a.learningProvider, [...aPath, 'learningProvider'], 'M10');
      if (provider) p.provider = provider;
    }
  } else if (r.edubadges) {
    const type = r.str(a, 'participationType', aPath, 'M10');
    if (type !== undefined) {
      const read = edubadgesParticipation(type);
      const at = [...aPath, 'participationType'];
      if (read.mode !== undefined) p.mode = read.mode;
      if (read.how === 'nearest') r.issue('OB3_VALUE_MAPPED', 'warning', at, 'M10', `The edubadges participation type ${JSON.stringify(read.key)} was read as the nearest form of participation, "${read.mode}".`);
      if (read.how === 'none') r.issue('OB3_VALUE_UNMAPPED', 'warning', at, 'M10', `The participation type ${JSON.stringify(type)} has no Annex I form of participation (${read.key === 'onsite or blended' ? 'it does not say which of "onsite" or "blended"' : 'the model has online, onsite, blended, work-based, project-based and research-lab-based'}); it was not read.`);
    }
  }
  const start = r.str(subject, 'activityStartDate', sPath, 'M10');
  if (start !== undefined) p.startDate = start;
  const end = r.str(subject, 'activityEndDate', sPath, 'M10');
  if (end !== undefined) p.endDate = end;
  return Object.keys(p).length > 0 ? p : undefined;
}

/** O2 from the extension's `supervisionType` or edubadges' `supervisionType` with `identityChecked`. */
export function readSupervision(r: Reader, a: JsonObject, path: Path): string | undefined {
  if (!r.ours && !r.edubadges) return undefined;
  const type = r.str(a, 'supervisionType', path, 'O2');
  const checked = r.bool(a, 'identityChecked', path, 'O2');
  if (type === undefined) {
    if (checked !== undefined) r.issue('OB3_VALUE_UNMAPPED', 'warning', [...path, 'identityChecked'], 'O2', '`identityChecked` without `supervisionType` does not say whether the assessment was supervised; it was not read.');
    return undefined;
  }
  if (r.ours) return type;
  const value = edubadgesSupervision(type, checked);
  if (value === undefined) r.issue('OB3_VALUE_UNMAPPED', 'warning', [...path, 'supervisionType'], 'O2', `The supervision type ${JSON.stringify(type)}${checked === undefined ? ' (without `identityChecked`)' : ''} has no Annex I supervision value; it was not read.`);
  return value;
}
