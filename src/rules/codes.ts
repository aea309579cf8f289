/**
 * Every issue code the validator can report, with its default severity and what it means. Codes
 * are stable: once released they are never renamed (docs/validation-rules.md lists them all; a test
 * keeps the two in step).
 *
 * @example
 * ISSUE_CODES.MC_WORKLOAD_NO_ECTS; // { severity: 'warning', meaning: 'M7: no `ects`; Annex I asks for ECTS credits wherever possible.' }
 * const warnings = Object.entries(ISSUE_CODES).filter(([, c]) => c.severity === 'warning').map(([code]) => code);
 */
export const ISSUE_CODES = {
  // Input as a whole
  MC_NOT_AN_OBJECT: { severity: 'error', meaning: 'The input is not a JSON object (null, an array, a string, a number…).' },
  MC_INPUT_UNREADABLE: { severity: 'error', meaning: 'Reading the input threw (a getter or proxy that throws, a revoked proxy); nothing else was checked.' },
  MC_INPUT_LIMIT: { severity: 'error', meaning: 'The input is larger than validate() reads: nested deeper than 256 levels (or a cycle), or more than 200 000 values; nothing else was checked.' },
  MC_TOO_MANY_ISSUES: { severity: 'error', meaning: 'More issues than `maxIssues`; the rest were not listed.' },

  // A mandatory element is absent (or an empty list where at least one entry is required)
  MC_LEARNER_MISSING: { severity: 'error', meaning: 'M1 `learner` is absent.' },
  MC_TITLE_MISSING: { severity: 'error', meaning: 'M2 `title` is absent.' },
  MC_ISSUER_MISSING: { severity: 'error', meaning: 'M3 `issuer` (with its country) is absent.' },
  MC_AWARDING_BODIES_MISSING: { severity: 'error', meaning: 'M4 `awardingBodies` is absent or empty.' },
  MC_DATE_OF_ISSUE_MISSING: { severity: 'error', meaning: 'M5 `dateOfIssue` is absent.' },
  MC_LEARNING_OUTCOMES_MISSING: { severity: 'error', meaning: 'M6 `learningOutcomes` is absent or empty.' },
  MC_WORKLOAD_MISSING: { severity: 'error', meaning: 'M7 `workload` is absent.' },
  MC_ASSESSMENT_MISSING: { severity: 'error', meaning: 'M9 `assessment` is absent.' },
  MC_PARTICIPATION_MISSING: { severity: 'error', meaning: 'M10 `participation` is absent.' },
  MC_QUALITY_ASSURANCE_MISSING: { severity: 'error', meaning: 'M11 `qualityAssurance` is absent or empty.' },

  // Structure and formats, anywhere in the document
  MC_REQUIRED: { severity: 'error', meaning: 'A required field inside an element is absent (e.g. `issuer.country`).' },
  MC_UNKNOWN_FIELD: { severity: 'error', meaning: 'A field the model does not define (often a typo); put extra information in `furtherInformation`.' },
  MC_WRONG_TYPE: { severity: 'error', meaning: 'A value of the wrong JSON type (e.g. a number where text is expected).' },
  MC_NOT_ALLOWED_VALUE: { severity: 'error', meaning: 'A value outside the element\'s value set (e.g. an unknown assessment type).' },
  MC_EMPTY_TEXT: { severity: 'error', meaning: 'Text that is empty or only white space, or a language map with no entry.' },
  MC_EMPTY_LIST: { severity: 'error', meaning: 'A list that must have at least one entry is empty.' },
  MC_INVALID_LANGUAGE_TAG: { severity: 'error', meaning: 'A language-map key or `primaryLanguage` that is not a BCP 47 language tag.' },
  MC_INVALID_URI: { severity: 'error', meaning: 'Not an absolute URI (`https://…`, `urn:…`, `did:…`, `mailto:…`).' },
  MC_INVALID_DATETIME: { severity: 'error', meaning: 'Not an RFC 3339 date-time with seconds and an offset (a bare date is rejected; the message shows the fix).' },
  MC_INVALID_DATE: { severity: 'error', meaning: 'Not a calendar date `YYYY-MM-DD` that exists.' },
  MC_INVALID_COUNTRY: { severity: 'error', meaning: 'Not an ISO 3166-1 alpha-2 country code in upper case.' },
  MC_INVALID_EMAIL: { severity: 'error', meaning: 'Not an e-mail address.' },
  MC_INVALID_ESCO_SKILL: { severity: 'error', meaning: 'An `escoSkills` entry that is not an ESCO skill URI `http://data.europa.eu/esco/skill/<uuid>`.' },
  MC_NOT_POSITIVE: { severity: 'error', meaning: 'A workload or credit value that is zero or negative.' },
  MC_NOT_FINITE: { severity: 'error', meaning: 'A number that is NaN or infinite.' },
  MC_EQF_LEVEL_INVALID: { severity: 'error', meaning: '`level.eqf` is not a whole number from 1 to 8.' },
  MC_WORKLOAD_EMPTY: { severity: 'error', meaning: 'M7 `workload` has none of `ects`, `hours`, `credits`.' },
  MC_LEVEL_EMPTY: { severity: 'error', meaning: 'M8 `level` is present but has none of `eqf`, `qfEhea`, `nqf`.' },

  // Rules across fields (Annex I and the model's rules)
  MC_LEARNER_UNIDENTIFIED: { severity: 'error', meaning: 'M1: the learner has neither a name (`fullName`, or `givenName` and `familyName`) nor an identifier.' },
  MC_LEARNER_NAME_MISSING: { severity: 'warning', meaning: 'M1: the learner is identified but has no name; employers expect one.' },
  MC_DATE_OF_ISSUE_AFTER_VALIDITY: { severity: 'error', meaning: 'M5: `dateOfIssue` is after `furtherInformation.validUntil`.' },
  MC_DATE_OF_ISSUE_BEFORE_END: { severity: 'error', meaning: 'M5: `dateOfIssue` is before `participation.endDate`: a credential is issued after the learning.' },
  MC_WORKLOAD_NO_ECTS: { severity: 'warning', meaning: 'M7: no `ects`; Annex I asks for ECTS credits wherever possible.' },
  MC_WORKLOAD_HOURS_ECTS_RATIO: { severity: 'warning', meaning: 'M7: `hours / ects` is outside 25-30 hours per credit (ECTS Users\' Guide).' },
  MC_WORKLOAD_ABOVE_60_ECTS: { severity: 'warning', meaning: 'M7: more than 60 ECTS (a full year of study) is not a small volume of learning.' },
  MC_QF_EHEA_EQF_MISMATCH: { severity: 'error', meaning: 'M8: the QF-EHEA cycle contradicts the EQF level (short → 5, first → 6, second → 7, third → 8).' },
  MC_ASSESSMENT_ATTENDANCE_ONLY: { severity: 'warning', meaning: 'M9: `level-of-attendance` records attendance, not assessed learning outcomes.' },
  MC_PARTICIPATION_DATES_ORDER: { severity: 'error', meaning: 'M10: `participation.startDate` is after `participation.endDate`.' },
  MC_QA_DATES_ORDER: { severity: 'error', meaning: 'M11: a quality-assurance entry is `issued` after it `expires`.' },
  MC_QA_EXPIRED_BEFORE_ISSUE: { severity: 'warning', meaning: 'M11: a quality-assurance entry `expires` before the credential\'s `dateOfIssue`.' },
  MC_SUPERVISION_OUTSIDE_ANNEX: { severity: 'warning', meaning: 'O2: `unsupervised-id-verification` is an EDC value, not one of the four Annex I options.' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; meaning: string }>;

/**
 * A stable issue code (a key of `ISSUE_CODES`).
 *
 * @example
 * const blocking: IssueCode[] = ['MC_LEARNER_MISSING', 'MC_INVALID_EMAIL'];
 * const stop = validate(input).issues.some((i) => blocking.includes(i.code));
 */
export type IssueCode = keyof typeof ISSUE_CODES;

/**
 * The codes of the rules across fields: the ones whose severity a caller may change or turn off
 * with `validate(input, { rules })`.
 *
 * @example
 * RULE_CODES.includes('MC_WORKLOAD_NO_ECTS'); // true
 * // Every rule across fields as an error: the strictest reading.
 * const strict = validate(input, { rules: Object.fromEntries(RULE_CODES.map((code) => [code, 'error'])) });
 */
export const RULE_CODES = [
  'MC_LEARNER_UNIDENTIFIED',
  'MC_LEARNER_NAME_MISSING',
  'MC_DATE_OF_ISSUE_AFTER_VALIDITY',
  'MC_DATE_OF_ISSUE_BEFORE_END',
  'MC_WORKLOAD_NO_ECTS',
  'MC_WORKLOAD_HOURS_ECTS_RATIO',
  'MC_WORKLOAD_ABOVE_60_ECTS',
  'MC_QF_EHEA_EQF_MISMATCH',
  'MC_ASSESSMENT_ATTENDANCE_ONLY',
  'MC_PARTICIPATION_DATES_ORDER',
  'MC_QA_DATES_ORDER',
  'MC_QA_EXPIRED_BEFORE_ISSUE',
  'MC_SUPERVISION_OUTSIDE_ANNEX',
] as const satisfies readonly IssueCode[];

/**
 * A code of a rule across fields (one of `RULE_CODES`).
 *
 * @example
 * const relaxed: Partial<Record<RuleCode, 'off'>> = { MC_WORKLOAD_HOURS_ECTS_RATIO: 'off' };
 * validate(input, { rules: relaxed });
 */
export type RuleCode = (typeof RULE_CODES)[number];
