/**
 * `checkMicroCredentialClaims`: the WE BUILD micro-credential rulebook's claims checked as a
 * relying party or an issuer would: the data type and code list of every claim, and the integrity
 * rules MC-IR-01…08 (§4.5). MC-IR-09 (selective disclosure) is a property of the issued SD-JWT and
 * of the presentation, checked by issuance and verification, not here.
 */
import type { JsonObject, JsonValue } from '../json/types.js';
import { snapshot } from '../json/snapshot.js';
import { DATE, DATE_TIME } from '../model/formats.js';
import type { SdJwtVcIssue } from './codes.js';
import { ATTESTATION_LEGAL_CATEGORY, MANDATORY_ATTRIBUTES } from './rulebook.js';
import { UNGRADED_ASSESSMENT_TYPES, checkClaimValues } from './claims/checks.js';
import type { CheckMicroCredentialClaimsOptions } from './claims/types.js';
import { Findings, elementOf, quote } from './claims/values.js';

export type { CheckMicroCredentialClaimsOptions } from './claims/types.js';
export { UNGRADED_ASSESSMENT_TYPES } from './claims/checks.js';

/**
 * MC-IR-05: an ESCO skill or competence URI (`http://data.europa.eu/esco/skill/<id>`).
 *
 * @example
 * ESCO_REFERENCE.test('http://data.europa.eu/esco/skill/abc12345'); // true
 */
export const ESCO_REFERENCE = /^http:\/\/data\.europa\.eu\/esco\/skill\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The options, read once; a wrong one is misuse, a `TypeError`. */
interface Checked {
  /** The latest calendar date anywhere on Earth at `now` (UTC+14). */
  latestDate: string;
  disclosedOnly: boolean;
  completedAt?: string;
  /**
   * The latest `issuanceDate` that certainly precedes the completion: a calendar date given is the
   * completion day itself (the day before it precedes); for a date-time, the day that ends before the
   * completion in every time zone (UTC-12 at the latest).
   */
  completedOn?: string;
}

/** The day `completedAt` falls on, for MC-IR-03 (see `Checked.completedOn`). */
function completionDay(completedAt: string): string {
  if (DATE.test(completedAt)) return completedAt;
  // Day D ends everywhere by D+1 12:00 UTC: D precedes the completion when D+1 12:00 UTC ≤ it.
  return new Date(Date.parse(completedAt) - 12 * 3_600_000).toISOString().slice(0, 10);
}

function checkOptions(options: unknown): Checked {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError('checkMicroCredentialClaims(): options must be an object');
  const { now, disclosedOnly, completedAt } = options as CheckMicroCredentialClaimsOptions;
  if (now !== undefined && (!(now instanceof Date) || Number.isNaN(now.getTime()))) throw new TypeError('checkMicroCredentialClaims(): options.now must be a valid Date');
  if (disclosedOnly !== undefined && typeof disclosedOnly !== 'boolean') throw new TypeError('checkMicroCredentialClaims(): options.disclosedOnly must be a boolean');
  if (completedAt !== undefined && (typeof completedAt !== 'string' || !(DATE_TIME.test(completedAt) || DATE.test(completedAt)))) {
    throw new TypeError('checkMicroCredentialClaims(): options.completedAt must be an RFC 3339 date-time or a calendar date, e.g. "2026-06-12T16:00:00+02:00"');
  }
  const time = (now ?? new Date()).getTime() + 14 * 3_600_000;
  return { latestDate: new Date(time).toISOString().slice(0, 10), disclosedOnly: disclosedOnly === true, ...(completedAt === undefined ? {} : { completedAt, completedOn: completionDay(completedAt) }) };
}

/**
 * Checks the claims of a micro-credential against the WE BUILD rulebook: the data type and code
 * list of every claim (`SDJWT_CLAIM_MALFORMED`; `SDJWT_CODE_UNKNOWN`, a warning for the open lists
 * and an error for `level` and `attestation_legal_category`; `SDJWT_CLAIM_UNKNOWN` for a claim the
 * rulebook does not define), then the integrity rules: MC-IR-01 mandatory claims (not with
 * `disclosedOnly`), MC-IR-02 `dateOfBirth` not in the future, MC-IR-03 `issuanceDate` not in the
 * future and not before `completedAt`, MC-IR-04 `grade` and the type of assessment (only
 * `level-of-attendance` produces no graded outcome: `UNGRADED_ASSESSMENT_TYPES`), MC-IR-05 ESCO
 * URIs, MC-IR-06 `notionalWorkload`, MC-IR-07 `stackable` and `partOfQualification`, MC-IR-08
 * `accreditation.type` and `qualityAssurance`. "In the future" means after the day it is anywhere
 * on Earth at `now` (UTC+14), since the dates are written in the issuer's time zone.
 *
 * The claims are an object with every disclosure in place (as `verifySdJwtVc` gives them, or as
 * `toSdJwtVcClaims` makes them). Paths are JSON Pointers into them (`in: 'claims'`). Never throws on
 * data (a `TypeError` for bad options); the input is read once into a plain copy.
 *
 * @example
 * const issues = checkMicroCredentialClaims(verification.claims, { disclosedOnly: true });
 * const errors = issues.filter((i) => i.severity === 'error');
 */
export function checkMicroCredentialClaims(claims: unknown, options: CheckMicroCredentialClaimsOptions = {}): SdJwtVcIssue[] {
  const found = new Findings('claims');
  checkClaimsInto(claims, options, found);
  return found.issues;
}

/**
 * The checks of `checkMicroCredentialClaims` into `found`: the plain copy of the claims and the
 * names of the claims that cannot be read, or `undefined` when the input is no claim set.
 */
export function checkClaimsInto(claims: unknown, options: CheckMicroCredentialClaimsOptions, found: Findings): { copy: JsonObject; unreadable: Set<string> } | undefined {
  const opts = checkOptions(options);
  const copy = snapshot(claims, 'the claims as a JSON object');
  if (!copy.ok) {
    const code = copy.kind === 'limit' ? 'SDJWT_INPUT_LIMIT' : 'SDJWT_CLAIM_MALFORMED';
    found.add(code, 'error', copy.pointer, null, copy.kind === 'not-object' ? `${copy.message} The claims of a micro-credential are one JSON object.` : copy.message);
    return undefined;
  }
  const doc = copy.value;
  const unreadable = checkClaimValues(doc, found);
  const get = (name: string): JsonValue | undefined => (Object.hasOwn(doc, name) && !unreadable.has(name) ? (doc[name] as JsonValue) : undefined);
  if (!opts.disclosedOnly) mandatory(doc, found);
  dates(get, opts, found);
  gradeRule(get, opts, found);
  escoRule(get, found);
  const stackable = get('stackable');
  if (stackable === true && get('partOfQualification') === undefined && !(opts.disclosedOnly || Object.hasOwn(doc, 'partOfQualification'))) {
    found.warn('SDJWT_STACKABLE_WITHOUT_TARGET', '/stackable', 'O4', 'MC-IR-07: `stackable` is true but `partOfQualification` is absent: name the qualification this micro-credential counts towards.');
  }
  const accreditation = get('accreditation') as JsonObject | undefined;
  const qa = get('qualityAssurance');
  const type = accreditation !== undefined && Object.hasOwn(accreditation, 'type') ? accreditation.type : undefined;
  if (typeof type === 'string' && typeof qa === 'string' && type !== qa) {
    found.add('SDJWT_ACCREDITATION_INCONSISTENT', 'error', '/accreditation/type', 'M11', `MC-IR-08: \`accreditation.type\` is ${quote(type)} but \`qualityAssurance\` is ${quote(qa)}; they must agree.`);
  }
  return { copy: doc, unreadable };
}

/** MC-IR-01: the 12 mandatory attributes, and `attestation_legal_category` (§3.1). */
function mandatory(doc: JsonObject, found: Findings): void {
  for (const name of ['attestation_legal_category', ...MANDATORY_ATTRIBUTES]) {
    if (Object.hasOwn(doc, name)) continue;
    const why = name === 'attestation_legal_category' ? `§3.1: \`attestation_legal_category\` SHALL be present, with the value \`${ATTESTATION_LEGAL_CATEGORY}\`.` : `MC-IR-01: the mandatory claim \`${name}\` is absent.`;
    found.add('SDJWT_CLAIM_MISSING', 'error', `/${name}`, elementOf(name), why);
  }
}

/** MC-IR-02 and MC-IR-03. */
function dates(get: (name: string) => JsonValue | undefined, opts: Checked, found: Findings): void {
  const birth = get('dateOfBirth');
  if (typeof birth === 'string' && birth > opts.latestDate) {
    found.add('SDJWT_DATE_OF_BIRTH_IN_FUTURE', 'error', '/dateOfBirth', 'M1', `MC-IR-02: \`dateOfBirth\` ${birth} is in the future (it is ${opts.latestDate} at the latest anywhere today).`);
  }
  const issued = get('issuanceDate');
  if (typeof issued !== 'string') return;
  if (issued > opts.latestDate) {
    found.add('SDJWT_ISSUANCE_DATE_INVALID', 'error', '/issuanceDate', 'M5', `MC-IR-03: \`issuanceDate\` ${issued} is in the future (it is ${opts.latestDate} at the latest anywhere today).`);
  }
  if (opts.completedOn !== undefined && issued < opts.completedOn) {
    found.add('SDJWT_ISSUANCE_DATE_INVALID', 'error', '/issuanceDate', 'M5', `MC-IR-03: \`issuanceDate\` ${issued} precedes the completion of the assessment (${opts.completedAt}).`);
  }
}

/** MC-IR-04: a grade only for an assessment that produces one; its scheme beside it. */
function gradeRule(get: (name: string) => JsonValue | undefined, opts: Checked, found: Findings): void {
  if (get('grade') === undefined) return;
  const type = get('typeOfAssessment');
  if (typeof type === 'string' && UNGRADED_ASSESSMENT_TYPES.has(type)) {
    found.add('SDJWT_GRADE_INCONSISTENT', 'error', '/grade', 'O3', `MC-IR-04: \`grade\` is present but \`typeOfAssessment\` is \`${type}\`, which produces no graded outcome.`);
  }
  if (get('gradingScheme') === undefined && !opts.disclosedOnly) {
    found.warn('SDJWT_GRADE_INCONSISTENT', '/grade', 'O3', 'MC-IR-04: `grade` is present without `gradingScheme`: a relying party cannot interpret it. Add the grading scheme.');
  }
}

/** MC-IR-05: every `escoReference` an ESCO skill or competence URI. */
function escoRule(get: (name: string) => JsonValue | undefined, found: Findings): void {
  const refs = get('escoReference');
  if (!Array.isArray(refs)) return;
  (refs as JsonValue[]).forEach((ref, i) => {
    if (typeof ref === 'string' && !ESCO_REFERENCE.test(ref)) {
      found.add('SDJWT_ESCO_REFERENCE_INVALID', 'error', `/escoReference/${i}`, 'M6', `MC-IR-05: ${quote(ref)} is not an ESCO skill or competence URI (http://data.europa.eu/esco/skill/<id>).`);
    }
  });
}
