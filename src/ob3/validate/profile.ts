/**
 * The rules of this library's micro-credential profile of Open Badges 3.0, beside OB 3.0 validity:
 * the achievement says it is a `MicroCredential` (CTDL's term, in OB 3.0's `achievementType` list),
 * and the badge carries every mandatory Annex I element (as `fromOpenBadge` reads them).
 * @module
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import { type Ob3Issue, ob3Issue } from '../codes.js';
import { fromOpenBadge } from '../from-open-badge.js';

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: JsonObject, key: string): JsonValue | undefined => (Object.hasOwn(o, key) ? o[key] : undefined);

/**
 * `OB3_NOT_MICRO_CREDENTIAL` (a warning) when `credentialSubject.achievement.achievementType` is
 * absent or another value. An achievement typed otherwise is still a valid Open Badge, and may
 * carry every Annex I element: it is not an error. Paths are `prefix` + the pointer into `doc`.
 */
export function achievementTypeIssues(doc: JsonObject, prefix: string): Ob3Issue[] {
  const subject = own(doc, 'credentialSubject');
  const achievement = isObject(subject) ? own(subject, 'achievement') : undefined;
  if (!isObject(achievement)) return []; // no achievement: the schema (and fromOpenBadge) say so
  const type = own(achievement, 'achievementType');
  if (type === 'MicroCredential') return [];
  const at = `${prefix}/credentialSubject/achievement`;
  if (type === undefined) {
    return [ob3Issue('OB3_NOT_MICRO_CREDENTIAL', 'warning', at, null, 'The achievement has no `achievementType`: as a micro-credential it should say "achievementType": "MicroCredential" (OB 3.0 lists it, after CTDL).')];
  }
  return [ob3Issue('OB3_NOT_MICRO_CREDENTIAL', 'warning', `${at}/achievementType`, null, `The achievement's \`achievementType\` is ${JSON.stringify(type).slice(0, 80)}, not "MicroCredential": a valid Open Badge, but not one that says it is a micro-credential.`)];
}

/**
 * The Annex I elements the badge does not carry, or carries in a form the model refuses:
 * `fromOpenBadge`'s `OB3_ELEMENT_MISSING` issues (errors: without them it is not a micro-credential
 * under the Council Recommendation), one per element at the place the badge would carry it (paths
 * `prefix` + the pointer into `doc`), and the model's errors about an Annex I element in what was
 * read (`in: 'model'`, paths into the model `fromOpenBadge` returns: an issuer without a country is
 * `/issuer/country`). Its warnings and its report of what it did not read are `fromOpenBadge`'s.
 */
export function annexIssues(doc: JsonObject, prefix: string): Ob3Issue[] {
  const issues: Ob3Issue[] = [];
  for (const i of fromOpenBadge(doc).issues) {
    if (i.code === 'OB3_ELEMENT_MISSING' && i.in === 'ob3') issues.push({ ...i, path: prefix + i.path });
    else if (i.in === 'model' && i.severity === 'error' && i.element !== null) issues.push(i);
  }
  return issues;
}
