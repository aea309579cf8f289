/**
 * The `credentialSubject` (OB 3.0 `AchievementSubject`): the learner (Annex I M1) natively as `id`
 * and `identifier[]` (IdentityObject, not hashed), the names, birth date, national id's country and
 * schemed identifiers in extension terms; the participation dates (M10) as `activityStartDate` /
 * `activityEndDate`; the grade (O3) as a `result` linked to the achievement's `resultDescription`.
 */
import type { Grade, MicroCredential } from '../../model/types.js';

const identity = (identityType: string, value: string) => ({ type: 'IdentityObject', identityHash: value, identityType, hashed: false });

/** The learner's members of the subject. */
export function learnerMembers(mc: MicroCredential): Record<string, unknown> {
  const l = mc.learner;
  const out: Record<string, unknown> = {};
  if (l.id !== undefined) out.id = l.id;
  out.type = ['AchievementSubject'];
  const identifiers: Record<string, unknown>[] = [];
  if (l.fullName !== undefined) identifiers.push(identity('name', l.fullName));
  if (l.email !== undefined) identifiers.push(identity('emailAddress', l.email));
  if (l.nationalId !== undefined) identifiers.push(identity('nationalIdentityNumber', l.nationalId.value));
  for (const i of l.identifiers ?? []) identifiers.push(identity('identifier', i.value));
  if (identifiers.length > 0) out.identifier = identifiers;
  if (l.givenName !== undefined) out.givenName = l.givenName;
  if (l.familyName !== undefined) out.familyName = l.familyName;
  if (l.dateOfBirth !== undefined) out.dateOfBirth = l.dateOfBirth;
  if (l.nationalId !== undefined) out.nationalId = { notation: l.nationalId.value, countryCode: l.nationalId.country };
  if (l.identifiers !== undefined) out.learnerIdentifier = l.identifiers.map((i) => ({ scheme: i.scheme, notation: i.value }));
  return out;
}

/** The `result` of a grade, linked to the result description `descriptionId`. */
export function gradeResult(grade: Grade, descriptionId: string): Record<string, unknown> {
  const g = typeof grade === 'string' ? { value: grade } : grade;
  const result: Record<string, unknown> = { type: ['Result'], resultDescription: descriptionId, value: g.value };
  if (g.passed !== undefined) result.passed = g.passed;
  return result;
}
