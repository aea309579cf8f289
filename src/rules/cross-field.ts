/**
 * The rules that look at more than one field. They run on the raw input, not on zod's output, so
 * that a document with a structural error still gets every other finding in one pass; each rule
 * reads only own properties and skips itself when the fields it needs are malformed (the structural
 * check reports those).
 */
import { DATE_TIME } from '../model/formats.js';
import { type Issue, type Keys, issue } from './issue.js';

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: unknown, key: string): unknown => (isObject(o) && Object.hasOwn(o, key) ? o[key] : undefined);
const isText = (v: unknown): v is string => typeof v === 'string' && /\S/.test(v);
const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Milliseconds since the epoch of a well-formed date-time, or undefined. */
function instant(v: unknown): number | undefined {
  if (typeof v !== 'string' || !DATE_TIME.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** QF-EHEA cycle → the EQF level it corresponds to (Bologna Framework / EQF referencing). */
const EQF_OF_CYCLE: Record<string, number> = { 'short-cycle': 5, 'first-cycle': 6, 'second-cycle': 7, 'third-cycle': 8 };

/** ECTS Users' Guide (2015), section 3.1: one credit is 25 to 30 hours of work. */
const HOURS_PER_ECTS = { min: 25, max: 30 } as const;

/** Annex I: a micro-credential records a small volume of learning; 60 ECTS is a full year. */
const MAX_SMALL_VOLUME_ECTS = 60;

/** Runs every rule across fields on a (possibly malformed) micro-credential object. */
export function crossFieldIssues(mc: Obj): Issue[] {
  const out: Issue[] = [];
  learnerRules(own(mc, 'learner'), out);
  dateRules(mc, out);
  workloadRules(own(mc, 'workload'), out);
  levelRules(own(mc, 'level'), out);
  if (own(own(mc, 'assessment'), 'type') === 'level-of-attendance') {
    out.push(
      issue(
        'MC_ASSESSMENT_ATTENDANCE_ONLY',
        ['assessment', 'type'],
        '`assessment.type` is "level-of-attendance": a micro-credential records assessed learning outcomes (Annex I M9); name the assessment the learner passed, e.g. "quiz" or "practical-assessment".',
      ),
    );
  }
  if (own(mc, 'supervision') === 'unsupervised-id-verification') {
    out.push(
      issue(
        'MC_SUPERVISION_OUTSIDE_ANNEX',
        ['supervision'],
        '`supervision` is "unsupervised-id-verification", an EDC value outside the four Annex I options (O2); keep it only if it describes the assessment exactly.',
      ),
    );
  }
  return out;
}

function learnerRules(learner: unknown, out: Issue[]): void {
  if (!isObject(learner)) return;
  const hasName = isText(own(learner, 'fullName')) || (isText(own(learner, 'givenName')) && isText(own(learner, 'familyName')));
  if (hasName) return;
  const identifiers = own(learner, 'identifiers');
  const hasIdentifier =
    own(learner, 'id') !== undefined || own(learner, 'nationalId') !== undefined || (Array.isArray(identifiers) && identifiers.length > 0);
  const partial = isText(own(learner, 'givenName')) || isText(own(learner, 'familyName'));
  const nameAdvice = partial
    ? 'give both `givenName` and `familyName`, or `fullName`'
    : 'add `fullName` (or `givenName` and `familyName`)';
  if (hasIdentifier) {
    out.push(issue('MC_LEARNER_NAME_MISSING', ['learner'], `\`learner\` has an identifier but no name; employers reading the credential expect one: ${nameAdvice}.`));
  } else {
    out.push(
      issue(
        'MC_LEARNER_UNIDENTIFIED',
        ['learner'],
        `\`learner\` does not identify the learner (Annex I M1): ${nameAdvice}, or an identifier (\`id\`, \`nationalId\` or \`identifiers\`).`,
      ),
    );
  }
}

function dateRules(mc: Obj, out: Issue[]): void {
  const issued = instant(own(mc, 'dateOfIssue'));
  const validUntil = instant(own(own(mc, 'furtherInformation'), 'validUntil'));
  const participation = own(mc, 'participation');
  const start = instant(own(participation, 'startDate'));
  const end = instant(own(participation, 'endDate'));

  if (issued !== undefined && validUntil !== undefined && issued > validUntil) {
    out.push(issue('MC_DATE_OF_ISSUE_AFTER_VALIDITY', ['dateOfIssue'], '`dateOfIssue` is after `furtherInformation.validUntil`: the credential would expire before it is issued; correct one of the two dates.'));
  }
  if (issued !== undefined && end !== undefined && issued < end) {
    out.push(issue('MC_DATE_OF_ISSUE_BEFORE_END', ['dateOfIssue'], '`dateOfIssue` is before `participation.endDate`: a micro-credential is issued once the learning is complete; correct one of the two dates.'));
  }
  if (start !== undefined && end !== undefined && start > end) {
    out.push(issue('MC_PARTICIPATION_DATES_ORDER', ['participation', 'endDate'], '`participation.endDate` is before `participation.startDate`: swap or correct them.'));
  }

  const qa = own(mc, 'qualityAssurance');
  if (!Array.isArray(qa)) return;
  qa.forEach((entry, i) => {
    const path: Keys = ['qualityAssurance', i, 'expires'];
    const qaIssued = instant(own(entry, 'issued'));
    const expires = instant(own(entry, 'expires'));
    if (qaIssued !== undefined && expires !== undefined && qaIssued > expires) {
      out.push(issue('MC_QA_DATES_ORDER', path, `\`qualityAssurance[${i}].expires\` is before its \`issued\` date: correct one of the two dates.`));
    }
    if (expires !== undefined && issued !== undefined && expires < issued) {
      out.push(
        issue(
          'MC_QA_EXPIRED_BEFORE_ISSUE',
          path,
          `\`qualityAssurance[${i}]\` expired before \`dateOfIssue\`: the quality assurance did not cover the credential when it was issued; cite the assurance in force, or correct the date.`,
        ),
      );
    }
  });
}

function workloadRules(workload: unknown, out: Issue[]): void {
  if (!isObject(workload) || Object.keys(workload).length === 0) return;
  const ects = own(workload, 'ects');
  const hours = own(workload, 'hours');
  if (ects === undefined) {
    out.push(issue('MC_WORKLOAD_NO_ECTS', ['workload'], '`workload` has no `ects`: Annex I M7 asks for the notional workload in ECTS credits wherever possible; add `ects` if the learning can be expressed in them.'));
    return;
  }
  if (!positive(ects)) return;
  if (ects > MAX_SMALL_VOLUME_ECTS) {
    out.push(issue('MC_WORKLOAD_ABOVE_60_ECTS', ['workload', 'ects'], `\`workload.ects\` is ${ects}: more than ${MAX_SMALL_VOLUME_ECTS} ECTS (a full year of study) is not a small volume of learning; check the value.`));
  }
  if (positive(hours)) {
    const ratio = hours / ects;
    if (ratio < HOURS_PER_ECTS.min || ratio > HOURS_PER_ECTS.max) {
      out.push(
        issue(
          'MC_WORKLOAD_HOURS_ECTS_RATIO',
          ['workload'],
          `\`workload\` gives ${hours} hours for ${ects} ECTS (${round(ratio)} hours per credit); one ECTS credit is ${HOURS_PER_ECTS.min}-${HOURS_PER_ECTS.max} hours (ECTS Users' Guide), so expect ${round(ects * HOURS_PER_ECTS.min)}-${round(ects * HOURS_PER_ECTS.max)} hours.`,
        ),
      );
    }
  }
}

function levelRules(level: unknown, out: Issue[]): void {
  const eqf = own(level, 'eqf');
  const cycle = own(level, 'qfEhea');
  if (typeof cycle !== 'string' || !Object.hasOwn(EQF_OF_CYCLE, cycle)) return;
  if (typeof eqf !== 'number' || !Number.isInteger(eqf) || eqf < 1 || eqf > 8) return;
  const expected = EQF_OF_CYCLE[cycle]!;
  if (eqf !== expected) {
    out.push(
      issue(
        'MC_QF_EHEA_EQF_MISMATCH',
        ['level', 'qfEhea'],
        `\`level.qfEhea\` is "${cycle}", which corresponds to EQF level ${expected}, but \`level.eqf\` is ${eqf}: correct one of them (short cycle → 5, first → 6, second → 7, third → 8).`,
      ),
    );
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
