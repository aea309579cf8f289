/**
 * Open Badges 3.0 → model. Reads this library's badges (every Annex I element, back exactly as it
 * went) and other issuers' badges: plain OB 3.0, the edubadges micro-credential profile, the VC 1.1
 * form, a VC-JWT. Never throws, never fetches. docs/ob3.md is the mapping as implemented.
 *
 * The parts, in ./import/: the input forms (unwrap.ts), the credential (badge.ts) and its elements
 * (learner.ts, organisation.ts, outcomes.ts, practice.ts, optional.ts, edubadges.ts), the typed
 * reading that remembers what it read (reader.ts) and the report of what it did not (leftovers.ts).
 */
import { pointerOf } from '../json/pointer.js';
import type { MicroCredential, PartialMicroCredential } from '../model/types.js';
import type { ElementId } from '../rules/issue.js';
import type { JsonObject } from '../json/types.js';
import { validate } from '../rules/validate.js';
import { readStatusEntries } from '../status/entry.js';
import { type Ob3Issue, ob3Issue } from './codes.js';
import type { CredentialStatusEntry } from './export/types.js';
import { readBadge } from './import/badge.js';
import { unwrapBadge } from './import/unwrap.js';

/**
 * The result of `fromOpenBadge()`. `value` is the best model that can be read, complete or not.
 *
 * @example
 * const result: FromOpenBadgeResult = fromOpenBadge(badge);
 * if (result.ok) result.value.workload; // typed: a valid MicroCredential
 * else result.issues.filter((i) => i.code === 'OB3_ELEMENT_MISSING').map((i) => i.element); // e.g. ['M7', 'M9']
 * result.credentialStatus; // the badge's BitstringStatusListEntry, as written, when it has one
 */
export type FromOpenBadgeResult =
  | { ok: true; value: MicroCredential; issues: Ob3Issue[]; credentialStatus?: CredentialStatusEntry | CredentialStatusEntry[] }
  | { ok: false; value: PartialMicroCredential; issues: Ob3Issue[]; credentialStatus?: CredentialStatusEntry | CredentialStatusEntry[] };

/** The mandatory elements, their model field and where a badge carries them. */
const MANDATORY: readonly [ElementId, string, string, string][] = [
  ['M1', 'learner', '/credentialSubject', 'the subject\'s `id` or an `identifier` (IdentityObject)'],
  ['M2', 'title', '/credentialSubject/achievement', 'the achievement\'s `name`'],
  ['M3', 'issuer', '/issuer', 'the `issuer` Profile with `address.addressCountryCode`'],
  ['M4', 'awardingBodies', '/credentialSubject/achievement', 'the extension\'s `awardingBody`, else the `issuer`'],
  ['M5', 'dateOfIssue', '', '`awardedDate` or `validFrom`'],
  ['M6', 'learningOutcomes', '/credentialSubject/achievement', '`alignment` entries, or the extension\'s `learningOutcome`'],
  ['M7', 'workload', '/credentialSubject/achievement', '`ECTS` (extension context or edubadges), `workloadHours` or `credits`'],
  ['M9', 'assessment', '/credentialSubject/achievement', '`assessmentType` (extension context or edubadges)'],
  ['M10', 'participation', '/credentialSubject/achievement', '`participationType` (extension context or edubadges) or the subject\'s activity dates'],
  ['M11', 'qualityAssurance', '/credentialSubject/achievement', '`ext:QualityAssurance` alignments, or the extension\'s `qualityAssurance`'],
];

/** The model's "element is absent" codes, replaced by OB3_ELEMENT_MISSING (one issue per element). */
const MODEL_MISSING: ReadonlySet<string> = new Set([
  'MC_LEARNER_MISSING', 'MC_TITLE_MISSING', 'MC_ISSUER_MISSING', 'MC_AWARDING_BODIES_MISSING', 'MC_DATE_OF_ISSUE_MISSING',
  'MC_LEARNING_OUTCOMES_MISSING', 'MC_WORKLOAD_MISSING', 'MC_ASSESSMENT_MISSING', 'MC_PARTICIPATION_MISSING', 'MC_QUALITY_ASSURANCE_MISSING',
]);

/**
 * The badge's status entries, as written, when they are well-formed Bitstring Status List entries;
 * otherwise warnings at the member (the model has no place for a status, so nothing else is lost).
 */
function statusOf(doc: JsonObject, prefix: string, issues: Ob3Issue[]): CredentialStatusEntry | CredentialStatusEntry[] | undefined {
  if (!Object.hasOwn(doc, 'credentialStatus')) return undefined;
  const value = doc.credentialStatus;
  const read = readStatusEntries(value, `${prefix}/credentialStatus`);
  if (read.issues.length === 0) return JSON.parse(JSON.stringify(value)) as CredentialStatusEntry | CredentialStatusEntry[];
  for (const i of read.issues) issues.push({ code: i.code, severity: 'warning', path: i.path, element: null, message: `${i.message} The badge's \`credentialStatus\` is not returned beside the model.`, in: 'ob3' });
  return undefined;
}

/**
 * Reads an Open Badges 3.0 credential into the micro-credential model. `ok` is true when the result
 * is a valid micro-credential; `issues` say which Annex I elements are missing
 * (`OB3_ELEMENT_MISSING`, one per element), what was read another way or not at all, and the
 * model's own findings (`in: 'model'`, paths into `value`); `in: 'ob3'` paths point into the input.
 *
 * Takes the credential as an object, JSON text or a VC-JWT (decoded, not verified: an
 * `OB3_JWT_NOT_VERIFIED` warning says so). Synchronous: it reads member names as OB 3.0, this
 * library's extension context and the edubadges profile define them, and expands no JSON-LD (the
 * edubadges context cannot be expanded at all). Never throws, never fetches.
 *
 * A `credentialStatus` is not part of the model: when it is one or more well-formed W3C
 * `BitstringStatusListEntry` (read by `readStatusEntries`), it is returned as written in
 * `credentialStatus`, beside the model (pass it to `toOpenBadge` to issue the badge again with the
 * same entry); anything else (1EdTech's `1EdTechRevocationList`, a `StatusList2021Entry`, a
 * malformed entry) is a `STATUS_ENTRY_MALFORMED` warning at its member, and not returned. Either way
 * the status is not checked here: `verifyCredential` checks it.
 *
 * @example
 * const { ok, value, issues } = fromOpenBadge(JSON.parse(text));
 * if (!ok) for (const i of issues) console.log(i.element, i.code, i.path);
 */
export function fromOpenBadge(input: unknown): FromOpenBadgeResult {
  const issues: Ob3Issue[] = [];
  let value: PartialMicroCredential = {};
  try {
    const unwrapped = unwrapBadge(input);
    issues.push(...unwrapped.issues);
    if (unwrapped.doc === undefined) return { ok: false, value, issues };
    const read = readBadge(unwrapped.doc);
    for (const i of read.issues) issues.push({ ...i, path: unwrapped.prefix + i.path });
    if (!read.badge) return { ok: false, value, issues };
    value = read.value as PartialMicroCredential;
    const missing = new Set<ElementId>();
    for (const [element, field, at, carrier] of MANDATORY) {
      if (Object.hasOwn(value, field)) continue;
      missing.add(element);
      issues.push(ob3Issue('OB3_ELEMENT_MISSING', 'error', unwrapped.prefix + at, element, `Annex I ${element} (\`${field}\` in the model) is not in the badge: OB 3.0 carries it as ${carrier}.`));
    }
    const credentialStatus = statusOf(unwrapped.doc, unwrapped.prefix, issues);
    const status = credentialStatus === undefined ? {} : { credentialStatus };
    const checked = validate(value);
    for (const i of checked.issues) if (!(MODEL_MISSING.has(i.code) && i.element !== null && missing.has(i.element))) issues.push({ ...i, in: 'model' });
    const ok = checked.ok && !issues.some((i) => i.severity === 'error');
    return ok ? { ok: true, value: checked.value, issues, ...status } : { ok: false, value, issues, ...status };
  } catch (cause) {
    const what = cause instanceof RangeError ? 'it is nested too deeply' : 'reading it failed';
    issues.push(ob3Issue('OB3_INPUT_UNREADABLE', 'error', pointerOf([]), null, `The badge could not be read (${what}); pass the credential as parsed JSON, JSON text or a compact JWS.`));
    return { ok: false, value, issues };
  }
}
