/**
 * The learning achievement a credential awards, in ELM (src/elm/export/to-elm.ts): who awarded it and
 * when, how it was assessed, the learning activity, and the qualification that specifies it.
 */
import { concepts } from '../concepts.js';
import { NOTE_KIND } from '../terms.js';
import { organisation } from './agents.js';
import { assessmentTitle, qualification } from './qualification.js';
import type { ElmNode } from './types.js';
import type { Exporter } from './values.js';

/** The learning achievement, with its assessment, activity and specification. */
export function achievement(ex: Exporter): ElmNode {
  const { mc } = ex;
  const node: ElmNode = {
    type: 'LearningAchievement',
    title: ex.lang(mc.title, ['title']),
    awardedBy: awardingProcess(ex),
    specifiedBy: qualification(ex),
  };
  const notes: ElmNode[] = [];
  if (mc.furtherInformation?.note) notes.push(ex.note(mc.furtherInformation.note, ['furtherInformation', 'note']));
  const assessment = learningAssessment(ex, notes);
  if (assessment) node.provenBy = [assessment];
  const p = mc.participation;
  if (p.startDate || p.endDate || p.provider) {
    node.influencedBy = [
      {
        type: 'LearningActivity',
        title: ex.lang(mc.title, ['title']),
        awardedBy: awardingProcess(ex),
        ...(p.startDate || p.endDate ? { temporal: [{ type: 'PeriodOfTime', ...(p.startDate ? { startDate: p.startDate } : {}), ...(p.endDate ? { endDate: p.endDate } : {}) }] } : {}),
        ...(p.provider ? { directedBy: [organisation(ex, p.provider, ['participation', 'provider'])] } : {}),
      },
    ];
  }
  if (notes.length) node.additionalNote = notes;
  return node;
}

/** The awarding bodies and the date of issue. */
function awardingProcess(ex: Exporter): ElmNode {
  return {
    type: 'AwardingProcess',
    awardingBody: ex.mc.awardingBodies.map((b, i) => organisation(ex, b, ['awardingBodies', i])),
    awardingDate: ex.mc.dateOfIssue,
  };
}

/** O2 and O3: a LearningAssessment needs a grade (EDC shapes: 1..1), so one is emitted only with a grade. */
function learningAssessment(ex: Exporter, achievementNotes: ElmNode[]): ElmNode | undefined {
  const { mc } = ex;
  const supervision = mc.supervision;
  const supervisionNote = supervision
    ? ex.ownNote(`${NOTE_KIND.supervision}${supervision}`, `Supervision and identity verification during assessment: ${supervision.replaceAll('-', ' ')}`)
    : undefined;
  if (mc.grade === undefined) {
    if (supervisionNote) achievementNotes.push(supervisionNote);
    return undefined;
  }
  const grade = typeof mc.grade === 'string' ? { value: mc.grade } : mc.grade;
  const node: ElmNode = {
    type: 'LearningAssessment',
    title: assessmentTitle(ex),
    grade: ex.note(grade.value, ['grade', 'value']),
    awardedBy: awardingProcess(ex),
  };
  const notes: ElmNode[] = [];
  if (supervision) {
    node.idVerification = concepts.supervision(supervision);
    notes.push(supervisionNote!);
  }
  if (grade.passed !== undefined) notes.push(ex.ownNote(`${NOTE_KIND.gradePassed}${grade.passed ? 'passed' : 'not-passed'}`, grade.passed ? 'Passed' : 'Not passed'));
  if (grade.scheme) {
    node.specifiedBy = { type: 'LearningAssessmentSpecification', title: assessmentTitle(ex), gradingScheme: { type: 'GradingScheme', title: ex.lang(grade.scheme, ['grade', 'scheme']) } };
  }
  if (notes.length) node.additionalNote = notes;
  return node;
}
