/**
 * The `Achievement` of the badge: the title (Annex I M2) as `name`, `achievementType`
 * `MicroCredential`, the required `description` and `criteria` (defaults, see text.ts), ESCO skills,
 * the EQF level and quality assurance as `alignment` entries with their concept URIs, the grade's
 * `resultDescription`, and every element OB 3.0 has no place for in the extension context's terms.
 */
import { EQF_LEVEL, QUALITY_ASSURANCE_TYPE } from '../../generated/elm-vocabularies.js';
import type { MicroCredential, QualityAssurance } from '../../model/types.js';
import { conceptOf } from '../../vocab/lookup.js';
import { profile } from './profile.js';
import { defaultCriteria, defaultDescription, oneString, putLang, putText } from './text.js';
import { EXTENSION_VOCAB, TARGET_TYPE } from './types.js';

/** OB 3.0's `inLanguage` pattern (the schema's): a narrower BCP 47 than the model's. */
const OB3_LANGUAGE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;

/** Whether the supervision value includes a check of the learner's identity (edubadges' `identityChecked`). */
export const IDENTITY_CHECKED: Readonly<Record<string, boolean>> = Object.freeze({
  'unsupervised-no-id-verification': false,
  'supervised-no-id-verification': false,
  'supervised-online-id-verification': true,
  'supervised-onsite-id-verification': true,
  'unsupervised-id-verification': true,
});

/** The achievement of `mc`, with the ids it needs. */
export function achievement(mc: MicroCredential, id: string, gradeId: string | undefined): Record<string, unknown> {
  const primary = mc.primaryLanguage ?? 'en';
  const node: Record<string, unknown> = { id, type: ['Achievement'], achievementType: 'MicroCredential' };
  putText(node, 'name', mc.title, primary);
  node.description = defaultDescription(mc.learningOutcomes, primary);
  node.criteria = { narrative: defaultCriteria(mc.assessment, primary) };
  if (mc.primaryLanguage !== undefined) {
    if (OB3_LANGUAGE.test(mc.primaryLanguage)) node.inLanguage = mc.primaryLanguage;
    else node.primaryLanguage = mc.primaryLanguage;
  }
  const alignment = alignments(mc, primary);
  if (alignment.length > 0) node.alignment = alignment;
  if (mc.grade !== undefined && gradeId !== undefined) node.resultDescription = [gradeDescription(mc, gradeId, primary)];
  node.awardingBody = mc.awardingBodies.map((o) => profile(o, primary));
  Object.assign(node, outcomeMembers(mc), workloadMembers(mc), assessmentMembers(mc, primary), optionalMembers(mc));
  return node;
}

function alignments(mc: MicroCredential, primary: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const outcome of mc.learningOutcomes) {
    for (const skill of outcome.escoSkills ?? []) {
      out.push({ type: ['Alignment'], targetName: oneString(outcome.title, primary), targetUrl: skill, targetFramework: 'ESCO', targetType: TARGET_TYPE.esco, targetCode: skill.slice(skill.lastIndexOf('/') + 1) });
    }
  }
  const eqf = mc.level?.eqf;
  const concept = eqf === undefined ? undefined : conceptOf(EQF_LEVEL, eqf);
  if (eqf !== undefined && concept) {
    out.push({ type: ['Alignment'], targetName: `EQF level ${eqf}`, targetUrl: concept.uri, targetFramework: 'European Qualifications Framework', targetType: TARGET_TYPE.eqf, targetCode: String(eqf) });
  }
  for (const qa of mc.qualityAssurance) out.push(qaAlignment(qa, primary));
  // The same alignment twice (two outcomes with one title and skill) says nothing more, and two
  // identical blank nodes make RDF canonicalization (what a Data Integrity proof signs) costly.
  const seen = new Set<string>();
  return out.filter((a) => {
    const key = JSON.stringify(a);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function qaAlignment(qa: QualityAssurance, primary: string): Record<string, unknown> {
  const concept = conceptOf(QUALITY_ASSURANCE_TYPE, qa.type);
  const alignment: Record<string, unknown> = {
    type: ['Alignment'],
    targetName: oneString(qa.title, primary),
    targetUrl: qa.url ?? concept?.uri ?? `${EXTENSION_VOCAB}${qa.type}`,
    targetType: TARGET_TYPE.qualityAssurance,
    targetCode: qa.type,
  };
  if (qa.framework !== undefined) alignment.targetFramework = qa.framework;
  return alignment;
}

function gradeDescription(mc: MicroCredential, id: string, primary: string): Record<string, unknown> {
  const scheme = typeof mc.grade === 'object' ? mc.grade.scheme : undefined;
  const node: Record<string, unknown> = { id, type: ['ResultDescription'], name: scheme === undefined ? 'Grade' : oneString(scheme, primary), resultType: 'Result' };
  if (scheme !== undefined) putLang(node, 'gradingScheme', scheme);
  return node;
}

function outcomeMembers(mc: MicroCredential): Record<string, unknown> {
  return {
    learningOutcome: mc.learningOutcomes.map((o) => {
      const node: Record<string, unknown> = {};
      putLang(node, 'title', o.title);
      if (o.type !== undefined) node.outcomeType = o.type;
      if (o.description !== undefined) putLang(node, 'description', o.description);
      if (o.escoSkills !== undefined) node.escoSkill = [...o.escoSkills];
      if (o.relatedSkills !== undefined) node.relatedSkill = [...o.relatedSkills];
      if (o.reusability !== undefined) node.reusability = o.reusability;
      return node;
    }),
  };
}

function workloadMembers(mc: MicroCredential): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const w = mc.workload;
  if (w.ects !== undefined) out.ECTS = w.ects;
  if (w.hours !== undefined) out.workloadHours = w.hours;
  if (w.credits !== undefined) out.credits = { creditSystem: w.credits.system, creditValue: w.credits.value };
  const level = mc.level;
  if (level?.eqf !== undefined) out.eqfLevel = level.eqf;
  if (level?.qfEhea !== undefined) out.qfEheaLevel = level.qfEhea;
  if (level?.nqf !== undefined) {
    const nqf: Record<string, unknown> = level.nqf.uri === undefined ? {} : { id: level.nqf.uri };
    putLang(nqf, 'label', level.nqf.label);
    out.nqfLevel = nqf;
  }
  return out;
}

function assessmentMembers(mc: MicroCredential, primary: string): Record<string, unknown> {
  const a = mc.assessment;
  const out: Record<string, unknown> = {};
  if (typeof a.type === 'string') out.assessmentType = a.type;
  else {
    const custom: Record<string, unknown> = { id: a.type.uri };
    putLang(custom, 'label', a.type.label);
    out.assessmentType = custom;
  }
  if (a.mode !== undefined) out.assessmentMode = a.mode;
  if (a.description !== undefined) putLang(out, 'assessmentDescription', a.description);
  const p = mc.participation;
  out.participationType = p.mode;
  if (p.setting !== undefined) out.learningSetting = p.setting;
  if (p.provider !== undefined) out.learningProvider = profile(p.provider, primary);
  out.qualityAssurance = mc.qualityAssurance.map((q) => {
    const node: Record<string, unknown> = { assuranceType: q.type };
    putLang(node, 'title', q.title);
    if (q.framework !== undefined) node.framework = q.framework;
    if (q.agent !== undefined) node.assuranceBody = profile(q.agent, primary);
    if (q.url !== undefined) node.url = q.url;
    if (q.issued !== undefined) node.issuedOn = q.issued;
    if (q.expires !== undefined) node.expiresOn = q.expires;
    return node;
  });
  return out;
}

function optionalMembers(mc: MicroCredential): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (mc.prerequisites !== undefined) putLang(out, 'prerequisites', mc.prerequisites);
  if (mc.supervision !== undefined) {
    out.supervisionType = mc.supervision;
    out.identityChecked = IDENTITY_CHECKED[mc.supervision];
  }
  const s = mc.stackability;
  if (s !== undefined) {
    out.stackability = s.kind;
    if (s.kind === 'stackable') {
      out.stacksTowards = s.towards.map((t) => {
        const node: Record<string, unknown> = t.id === undefined ? {} : { id: t.id };
        putLang(node, 'title', t.title);
        if (t.url !== undefined) node.url = t.url;
        return node;
      });
    }
  }
  const f = mc.furtherInformation;
  if (f?.note !== undefined) putLang(out, 'note', f.note);
  if (f?.links !== undefined) {
    out.link = f.links.map((l) => {
      const node: Record<string, unknown> = { url: l.url };
      if (l.title !== undefined) putLang(node, 'title', l.title);
      return node;
    });
  }
  return out;
}
