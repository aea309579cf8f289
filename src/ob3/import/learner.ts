/**
 * The learner (Annex I M1) out of the `credentialSubject`: `id`, the IdentityObjects of `identifier`
 * (name, e-mail address, national identity number, other identifiers; hashed ones cannot be read),
 * and the extension's names, birth date, national id with its country and schemed identifiers.
 */
import type { JsonObject } from '../../json/types.js';
import { type Path, type Reader } from './reader.js';

/** The learner the subject identifies, as far as it can be read (`undefined` when nothing identifies one). */
export function readLearner(r: Reader, subject: JsonObject, path: Path): Record<string, unknown> | undefined {
  const learner: Record<string, unknown> = {};
  const id = r.str(subject, 'id', path, 'M1');
  if (id !== undefined) learner.id = id;
  const nationalExt = r.ours ? r.obj(subject, 'nationalId', path, 'M1') : undefined;
  const schemedExt = r.ours ? r.objects(subject, 'learnerIdentifier', path, 'M1') : [];
  const hasSchemed = r.ours && Object.hasOwn(subject, 'learnerIdentifier');
  const identifiers: { scheme: string; value: string }[] = [];
  for (const { node, path: at } of r.objects(subject, 'identifier', path, 'M1')) {
    r.raw(node, 'type', at);
    r.raw(node, 'salt', at);
    const type = r.str(node, 'identityType', at, 'M1');
    const value = r.str(node, 'identityHash', at, 'M1');
    const hashed = r.bool(node, 'hashed', at, 'M1');
    if (type === undefined || value === undefined) continue;
    if (hashed === undefined) {
      r.issue('OB3_VALUE_MALFORMED', 'warning', at, 'M1', `An IdentityObject (\`${type}\`) without \`hashed\` (OB 3.0 requires it): whether \`identityHash\` is the value or its hash is unknown; it was not read.`);
      continue;
    }
    if (hashed) {
      r.issue('OB3_VALUE_DROPPED', 'warning', at, 'M1', `A hashed identity (\`${type}\`) is a value a verifier can match, not the value itself; it was not read.`);
      continue;
    }
    if (type === 'name' && learner.fullName === undefined) learner.fullName = value;
    else if (type === 'emailAddress' && learner.email === undefined) learner.email = value;
    else if (type === 'nationalIdentityNumber' && nationalExt) continue; // the extension has it with its country
    else if (type === 'identifier' && hasSchemed) continue; // the extension has it with its scheme
    else identifiers.push({ scheme: type, value });
  }
  if (r.ours) {
    for (const key of ['givenName', 'familyName', 'dateOfBirth'] as const) {
      const v = r.str(subject, key, path, 'M1');
      if (v !== undefined) learner[key] = v;
    }
    if (nationalExt) {
      const at = [...path, 'nationalId'];
      const value = r.str(nationalExt, 'notation', at, 'M1');
      const country = r.str(nationalExt, 'countryCode', at, 'M1');
      learner.nationalId = { ...(value === undefined ? {} : { value }), ...(country === undefined ? {} : { country }) };
    }
    for (const { node, path: at } of schemedExt) {
      const scheme = r.str(node, 'scheme', at, 'M1');
      const value = r.str(node, 'notation', at, 'M1');
      if (scheme !== undefined && value !== undefined) identifiers.push({ scheme, value });
    }
  }
  if (identifiers.length > 0 || hasSchemed) learner.identifiers = identifiers;
  return Object.keys(learner).length > 0 ? learner : undefined;
}
