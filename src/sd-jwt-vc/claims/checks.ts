/**
 * The data types and code lists of the rulebook's claims (§3.2, §3.3, §4.4), claim by claim, on a
 * plain-JSON copy of the claims. MC-IR-06 (`notionalWorkload`) is checked here with the types: it
 * is the type of that claim.
 */
import { COUNTRIES } from '../../generated/countries.js';
import type { JsonObject, JsonValue } from '../../json/types.js';
import { DATE, EMAIL, LANGUAGE_TAG, NON_BLANK, URI } from '../../model/formats.js';
import { RULEBOOK_CLAIM, type RulebookClaim } from '../rulebook.js';
import { type Findings, at, quote } from './values.js';

/**
 * MC-IR-04: the assessment types that produce no graded outcome. The rulebook lists none; this is
 * the conservative reading: only `level-of-attendance` (EDC), which records attendance, not an
 * assessed result. Every rulebook code (written, oral, practical, portfolio, peer, project) and
 * every other EDC type can produce a grade or a result (the rulebook's own example grades a written
 * examination "Pass" on a Pass/Fail scheme), so none of them is reported.
 *
 * @example
 * UNGRADED_ASSESSMENT_TYPES.has('level-of-attendance'); // true
 */
export const UNGRADED_ASSESSMENT_TYPES: ReadonlySet<string> = new Set(['level-of-attendance']);

/**
 * Names that are no attribute of the rulebook and no unknown claim either: the SD-JWT's own
 * members (`_sd`, `_sd_alg`, `...`), registered JWT claims and the SD-JWT VC draft's metadata.
 */
export const NOT_ATTRIBUTES: ReadonlySet<string> = new Set(['_sd', '_sd_alg', '...', 'sub', 'aud', 'vct#integrity', 'aka_vcts', 'extends', 'extends#integrity']);

/** ISCED-F 2013: a broad (2 digits), narrow (3) or detailed (4) field code. */
const ISCED_F = /^[0-9]{2}(?:[0-9]{1,2})?$/;

/** The members of `accreditation` and the type of each. */
const ACCREDITATION_MEMBERS: ReadonlyMap<string, 'string' | 'date'> = new Map([
  ['title', 'string'],
  ['type', 'string'],
  ['accreditingAgent', 'string'],
  ['decision', 'string'],
  ['decisionDate', 'date'],
  ['reviewDate', 'date'],
]);

const QA_CODES = RULEBOOK_CLAIM.get('qualityAssurance')!.codes!;

const isObject = (v: JsonValue | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const isText = (v: JsonValue | undefined): v is string => typeof v === 'string' && NON_BLANK.test(v);

/** What a value of each type must be, for the message. */
const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a non-empty string',
  date: 'an ISO 8601 calendar date such as "2026-06-15"',
  country: 'an ISO 3166-1 alpha-2 country code such as "SE"',
  email: 'an e-mail address such as "elena.kowalska@example.edu"',
  uri: 'an absolute URI such as "https://liu.se"',
  language: 'a BCP 47 language tag such as "en"',
  'string[]': 'a non-empty array of non-empty strings',
  boolean: 'true or false',
  'numeric-date': 'a NumericDate (seconds since 1970, a number)',
  workload: 'an object { "value": 3, "unit": "ECTS" }',
  accreditation: 'an object with title, type, accreditingAgent, decision, decisionDate, reviewDate',
  object: 'a JSON object',
};

/** Whether a scalar value is of the claim type (arrays and objects are checked by their own functions). */
function scalarOk(type: string, v: JsonValue): boolean {
  switch (type) {
    case 'string':
      return isText(v);
    case 'date':
      return typeof v === 'string' && DATE.test(v);
    case 'country':
      return typeof v === 'string' && Object.hasOwn(COUNTRIES, v);
    case 'email':
      return typeof v === 'string' && EMAIL.test(v);
    case 'uri':
      return typeof v === 'string' && URI.test(v);
    case 'language':
      return typeof v === 'string' && LANGUAGE_TAG.test(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'numeric-date':
      return typeof v === 'number' && v >= 0;
    case 'object':
      return isObject(v);
    default:
      return false;
  }
}

/**
 * Checks every claim of `claims` against its rulebook type and code list; claims the rulebook does
 * not define are `SDJWT_CLAIM_UNKNOWN` warnings. Returns the names of the claims that cannot be
 * read (an error at or under them).
 */
export function checkClaimValues(claims: JsonObject, found: Findings): Set<string> {
  const unreadable = new Set<string>();
  for (const name of Object.keys(claims)) {
    const value = claims[name] as JsonValue;
    const spec = RULEBOOK_CLAIM.get(name);
    if (spec === undefined) {
      if (!NOT_ATTRIBUTES.has(name)) found.warn('SDJWT_CLAIM_UNKNOWN', at('', name), null, `\`${name}\` is not a claim of the WE BUILD micro-credential rulebook; it is not read.`);
      continue;
    }
    const before = found.errors;
    checkClaim(spec, value, found);
    if (found.errors > before) unreadable.add(name);
  }
  return unreadable;
}

function malformed(spec: RulebookClaim, path: string, value: JsonValue, expected: string, found: Findings): void {
  found.add('SDJWT_CLAIM_MALFORMED', 'error', path, spec.element, `\`${spec.name}\` must be ${expected}; it is ${quote(value)}.`);
}

function checkClaim(spec: RulebookClaim, value: JsonValue, found: Findings): void {
  const path = at('', spec.name);
  if (spec.type === 'string[]') return checkStrings(spec, value, path, found);
  if (spec.type === 'workload') return checkWorkload(spec, value, path, found);
  if (spec.type === 'accreditation') return checkAccreditation(spec, value, path, found);
  if (!scalarOk(spec.type, value)) return malformed(spec, path, value, EXPECTED[spec.type]!, found);
  if (spec.name === 'fieldOfEducation' && !ISCED_F.test(value as string)) return malformed(spec, path, value, 'an ISCED-F 2013 field code of 2, 3 or 4 digits such as "0613"', found);
  if (spec.codes !== undefined) checkCode(spec.name, spec, value as string, path, found);
}

/** A value outside a code list: a warning for an open list, an error for a closed one. */
function checkCode(claim: string, spec: RulebookClaim, value: string, path: string, found: Findings): void {
  const codes = claim === 'accreditation.type' ? QA_CODES : spec.codes!;
  if (codes.includes(value)) return;
  const open = claim === 'accreditation.type' || spec.openList === true;
  const list = codes.map((c) => `\`${c}\``).join(', ');
  if (open) found.warn('SDJWT_CODE_UNKNOWN', path, spec.element, `\`${claim}\` is ${quote(value)}, not a code of the rulebook (${list}): valid as an issuer-defined value, but a relying party may not understand it.`);
  else found.add('SDJWT_CODE_UNKNOWN', 'error', path, spec.element, `\`${claim}\` must be one of ${list}; it is ${quote(value)}.`);
}

function checkStrings(spec: RulebookClaim, value: JsonValue, path: string, found: Findings): void {
  if (!Array.isArray(value) || value.length === 0) return malformed(spec, path, value, EXPECTED['string[]']!, found);
  (value as JsonValue[]).forEach((entry, i) => {
    if (!isText(entry)) malformed(spec, at(path, i), entry, 'a list of non-empty strings', found);
  });
}

/** MC-IR-06: `notionalWorkload.value` a positive finite number, `unit` `ECTS` or `hours`. */
function checkWorkload(spec: RulebookClaim, value: JsonValue, path: string, found: Findings): void {
  if (!isObject(value)) return malformed(spec, path, value, EXPECTED.workload!, found);
  const amount = value.value;
  if (typeof amount !== 'number' || !(amount > 0)) {
    found.add('SDJWT_WORKLOAD_INVALID', 'error', at(path, 'value'), 'M7', `MC-IR-06: \`notionalWorkload.value\` must be a positive number; it is ${Object.hasOwn(value, 'value') ? quote(amount) : 'absent'}.`);
  }
  const unit = value.unit;
  if (unit !== 'ECTS' && unit !== 'hours') {
    found.add('SDJWT_WORKLOAD_INVALID', 'error', at(path, 'unit'), 'M7', `MC-IR-06: \`notionalWorkload.unit\` must be \`ECTS\` or \`hours\`; it is ${Object.hasOwn(value, 'unit') ? quote(unit) : 'absent'}.`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'value' && key !== 'unit') found.warn('SDJWT_CLAIM_UNKNOWN', at(path, key), 'M7', `\`notionalWorkload.${key}\` is not a member the rulebook defines (\`value\`, \`unit\`); it is not read.`);
  }
}

function checkAccreditation(spec: RulebookClaim, value: JsonValue, path: string, found: Findings): void {
  if (!isObject(value)) return malformed(spec, path, value, EXPECTED.accreditation!, found);
  for (const key of Object.keys(value)) {
    const type = ACCREDITATION_MEMBERS.get(key);
    const member = value[key] as JsonValue;
    if (type === undefined) {
      found.warn('SDJWT_CLAIM_UNKNOWN', at(path, key), 'M11', `\`accreditation.${key}\` is not a member the rulebook defines (${[...ACCREDITATION_MEMBERS.keys()].join(', ')}); it is not read.`);
    } else if (!scalarOk(type, member)) {
      found.add('SDJWT_CLAIM_MALFORMED', 'error', at(path, key), 'M11', `\`accreditation.${key}\` must be ${EXPECTED[type]}; it is ${quote(member)}.`);
    } else if (key === 'type') {
      checkCode('accreditation.type', spec, member as string, at(path, key), found);
    }
  }
}
