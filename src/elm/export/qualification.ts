/**
 * The qualification a micro-credential specifies, in ELM (src/elm/export/to-elm.ts): its learning
 * outcomes, workload, level, assessment, participation, quality assurance and stackability.
 */
import type { LearningOutcome } from '../../model/types.js';
import { type ConceptNode, concepts, isEuQualificationFrameworkLevel } from '../concepts.js';
import { internalQaNotes } from '../internal-qa.js';
import { elmIssue } from '../issues.js';
import { NOTE_KIND } from '../terms.js';
import { organisation } from './agents.js';
import type { ElmNode } from './types.js';
import { decimal, type Exporter, hoursDuration } from './values.js';

/** The qualification: what the micro-credential specifies (ELM `specifiedBy`). */
export function qualification(ex: Exporter): ElmNode {
  const { mc } = ex;
  const q: ElmNode = { type: 'Qualification', title: ex.lang(mc.title, ['title']) };
  const notes: ElmNode[] = [];

  q.learningOutcome = mc.learningOutcomes.map((o, i) => learningOutcome(ex, o, i));

  const w = mc.workload;
  const credits: ElmNode[] = [];
  if (w.ects !== undefined) credits.push({ type: 'CreditPoint', framework: concepts.credit('ECTS'), point: decimal(w.ects) });
  if (w.credits) {
    const framework: ConceptNode = w.credits.system === 'ECVET' ? concepts.credit('ECVET') : { id: w.credits.system, type: 'Concept' };
    credits.push({ type: 'CreditPoint', framework, point: decimal(w.credits.value) });
  }
  if (credits.length) q.creditPoint = credits;
  if (w.hours !== undefined) q.volumeOfLearning = hoursDuration(w.hours);

  const level = mc.level;
  if (level?.eqf !== undefined) q.eqfLevel = concepts.eqf(level.eqf);
  if (level?.nqf) {
    if (level.nqf.uri && isEuQualificationFrameworkLevel(level.nqf.uri)) {
      q.nqfLevel = [concepts.nqf(level.nqf.uri, ex.lang(level.nqf.label, ['level', 'nqf', 'label']))];
    } else {
      // EDC shapes: NQF levels must be concepts of the EU qualification-framework scheme.
      notes.push(ex.ownNote(NOTE_KIND.nqf, 'National Qualifications Framework level', ex.lang(level.nqf.label, ['level', 'nqf', 'label'])));
      if (level.nqf.uri) {
        notes.push(ex.ownNote(NOTE_KIND.nqfUri, 'National Qualifications Framework level: URI', ex.lang(level.nqf.uri, ['level', 'nqf', 'uri'])));
        ex.issues.push(elmIssue('ELM_NQF_URI_DROPPED', 'warning', ['level', 'nqf', 'uri'], 'ELM takes NQF levels only as concepts of the EU qualification-framework scheme (http://data.europa.eu/snb/qdr/…): the level is not an ELM `nqfLevel` but two notes, its label and this URI, which EDC shows as notes.'));
      }
    }
  }
  if (level?.qfEhea) notes.push(ex.ownNote(`${NOTE_KIND.qfEhea}${level.qfEhea}`, `QF-EHEA ${level.qfEhea.replace('-', ' ')}`));

  const a = mc.assessment;
  const assessmentType: ConceptNode =
    typeof a.type === 'string' ? concepts.assessmentType(a.type) : { id: a.type.uri, type: 'Concept', prefLabel: ex.lang(a.type.label, ['assessment', 'type', 'label']) };
  q.provenBy = [
    {
      type: 'LearningAssessmentSpecification',
      title: assessmentTitle(ex),
      dcType: assessmentType,
      ...(a.mode ? { mode: [concepts.mode(a.mode)] } : {}),
      ...(a.description ? { description: ex.lang(a.description, ['assessment', 'description']) } : {}),
    },
  ];

  const p = mc.participation;
  q.mode = [concepts.mode(p.mode)];
  if (p.setting) {
    const setting = concepts.setting(p.setting);
    if (setting) q.learningSetting = setting;
    else notes.push(ex.ownNote(`${NOTE_KIND.setting}${p.setting}`, `${p.setting} learning`));
  }

  const accreditations = qualityAssurance(ex, notes);
  if (accreditations.length) q.accreditation = accreditations;

  if (mc.prerequisites) q.entryRequirement = ex.note(mc.prerequisites, ['prerequisites']);
  if (mc.stackability) {
    q.isPartialQualification = mc.stackability.kind === 'stackable';
    if (mc.stackability.kind === 'stackable') {
      q.isPartOf = mc.stackability.towards.map((t, i) => ({
        ...(t.id ? { id: t.id } : {}),
        type: 'Qualification',
        title: ex.lang(t.title, ['stackability', 'towards', i, 'title']),
        ...(t.url ? { homepage: [ex.webResource(t.url)] } : {}),
      }));
    }
  }
  const links = mc.furtherInformation?.links;
  if (links?.length) q.supplementaryDocument = links.map((l, i) => ex.webResource(l.url, l.title, ['furtherInformation', 'links', i, 'title']));
  if (notes.length) q.additionalNote = notes;
  return q;
}

/** One learning outcome, with its type, description and skills. */
function learningOutcome(ex: Exporter, o: LearningOutcome, i: number): ElmNode {
  const path = ['learningOutcomes', i];
  const node: ElmNode = { type: 'LearningOutcome', title: ex.lang(o.title, [...path, 'title']) };
  const outcomeNotes: ElmNode[] = [];
  if (o.type) {
    const skillType = concepts.skillType(o.type);
    if (skillType) node.dcType = skillType;
    else outcomeNotes.push(ex.ownNote(`${NOTE_KIND.outcomeType}${o.type}`, `Type of learning outcome: ${o.type}`));
  }
  if (o.description) outcomeNotes.push(ex.note(o.description, [...path, 'description']));
  if (o.escoSkills?.length) node.relatedESCOSkill = o.escoSkills.map((uri) => concepts.escoSkill(uri));
  if (o.relatedSkills?.length) node.relatedSkill = o.relatedSkills.map((uri): ConceptNode => ({ id: uri, type: 'Concept' }));
  if (o.reusability) node.reusabilityLevel = concepts.reuse(o.reusability);
  if (outcomeNotes.length) node.additionalNote = outcomeNotes;
  return node;
}

/**
 * M11: an accreditation per external entry; an internal entry (no EDC accreditation type exists
 * for it) becomes notes on the qualification, one per detail (src/elm/internal-qa.ts).
 */
function qualityAssurance(ex: Exporter, notes: ElmNode[]): ElmNode[] {
  const { mc } = ex;
  const internalCount = mc.qualityAssurance.filter((qa) => !concepts.accreditation(qa.type)).length;
  let ordinal = 0;
  const accreditations: ElmNode[] = [];
  mc.qualityAssurance.forEach((qa, i) => {
    const path = ['qualityAssurance', i];
    const type = concepts.accreditation(qa.type);
    if (!type) {
      ordinal += 1;
      notes.push(...internalQaNotes(qa, i + 1, internalCount > 1 ? ordinal : undefined, (v, p) => ex.lang(v, p), path));
      return;
    }
    const node: ElmNode = {
      type: 'Accreditation',
      dcType: type,
      title: ex.lang(qa.title, [...path, 'title']),
      accreditingAgent: organisation(ex, qa.agent ?? mc.issuer, qa.agent ? [...path, 'agent'] : ['issuer']),
    };
    if (qa.url) node.homepage = [ex.webResource(qa.url)];
    if (qa.issued) node.dateIssued = qa.issued;
    if (qa.expires) node.expiryDate = qa.expires;
    if (qa.framework) node.additionalNote = [ex.ownNote(NOTE_KIND.qaFramework, 'Quality assurance framework', qa.framework)];
    accreditations.push(node);
  });
  return accreditations;
}

/** The title of the assessment: the label of its type. */
export function assessmentTitle(ex: Exporter): Record<string, string> {
  const type = ex.mc.assessment.type;
  return typeof type === 'string' ? { en: concepts.assessmentType(type).prefLabel?.en ?? type } : ex.lang(type.label, ['assessment', 'type', 'label']);
}
