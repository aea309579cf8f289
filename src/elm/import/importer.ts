import type { PartialMicroCredential } from '../../model/types.js';
import { ASSESSMENT_TYPE, CREDIT_SYSTEM, EQF_LEVEL, LEARNING_MODE, LEARNING_SETTING, QUALITY_ASSURANCE_TYPE, SKILL_REUSE_LEVEL, SKILL_TYPE, SUPERVISION } from '../../generated/elm-vocabularies.js';
import { LANGUAGE } from '../../generated/languages.js';
import { concepts } from '../concepts.js';
import { insertInternalQa, readInternalQa } from '../internal-qa.js';
import { importIssue } from '../issues.js';
import { NOTE_KIND } from '../terms.js';
import { AgentReader } from './agents.js';
import { durationHours } from './dates.js';
import { idOf, isNode, many, type Node, own, type Path, str, typesOf } from './json.js';

/** The micro-credential of an ELM credential: its claim, qualification and everything they name. */
export class Importer extends AgentReader {
  read(): PartialMicroCredential {
    const doc = this.doc;
    const display = this.deref(own(doc, 'displayParameter'));
    const primary = concepts.keyOf.language(this.conceptUri(LANGUAGE, display, 'primaryLanguage', ['displayParameter'], null));
    if (primary) {
      // The concept names a language; the title's keys may name it with a region (pt-BR): keep that tag.
      const subject = this.deref(own(doc, 'credentialSubject'));
      const maps = [own(display, 'title'), own(subject, 'fullName'), own(subject, 'givenName'), own(subject, 'familyName'), own(this.deref(own(doc, 'issuer')), 'legalName')];
      const titleTags = maps.flatMap((m) => (isNode(m) ? Object.keys(m) : []));
      this.primary = titleTags.includes(primary) ? primary : (titleTags.filter((t) => t.toLowerCase().split('-')[0] === primary).sort()[0] ?? primary);
    }

    const subject = this.nodeOf(doc, 'credentialSubject', [], 'M1');
    const claims = this.nodesOf(subject, 'hasClaim');
    const claim = claims.find((c) => typesOf(c).includes('LearningAchievement')) ?? claims[0];
    if (!subject || !claim) {
      this.issues.push(importIssue('ELM_NOT_A_CREDENTIAL', 'error', subject ? ['credentialSubject', 'hasClaim'] : [], subject ? 'M6' : 'M1', subject ? 'The credential subject has no claim (`hasClaim`) to read the micro-credential from.' : `The document has no \`credentialSubject\`: ${whatItIs(doc)}`));
    }
    if (claims.length > 1) this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', ['credentialSubject', 'hasClaim'], null, `The subject has ${claims.length} claims; the learning achievement is read, the others are not part of the model.`));
    const claimPath: Path = ['credentialSubject', 'hasClaim'];
    const q = this.nodeOf(claim, 'specifiedBy', claimPath, null);
    const qPath: Path = [...claimPath, 'specifiedBy'];

    const mc: PartialMicroCredential = {};
    const id = idOf(doc);
    if (id !== undefined) mc.id = id;
    mc.primaryLanguage = this.primary;
    if (subject) mc.learner = this.learner(subject);
    mc.title = this.langString(own(claim, 'title') ?? own(q, 'title'), [...claimPath, 'title'], 'M2');
    const issuer = this.deref(own(doc, 'issuer'));
    if (issuer) mc.issuer = this.organisation(issuer, ['issuer'], 'M3');
    const awarding = this.nodeOf(claim, 'awardedBy', claimPath, 'M4');
    const bodies = this.nodesOf(awarding, 'awardingBody');
    if (bodies.length) mc.awardingBodies = bodies.map((b, i) => this.organisation(b, [...claimPath, 'awardedBy', 'awardingBody', i], 'M4'));
    mc.dateOfIssue = this.dateOfIssue(awarding);
    if (q) Object.assign(mc, this.qualification(q, qPath, claim, claimPath, issuer));
    const validUntil = str(own(doc, 'validUntil')) ?? str(own(doc, 'expirationDate'));
    const further = this.furtherInformation(claim, claimPath, q, validUntil);
    if (further) mc.furtherInformation = further;
    Object.assign(mc, this.supervisionAndGrade(claim, claimPath));
    for (const key of Object.keys(mc) as (keyof PartialMicroCredential)[]) if (mc[key] === undefined) delete mc[key];
    return mc;
  }

  protected dateOfIssue(awarding: Node | undefined): string | undefined {
    // `issued` (VC 1.1, set by EDC sealing) is the date of issuing; `validFrom` may be earlier.
    const stated = str(own(this.doc, 'issued')) ?? str(own(this.doc, 'issuanceDate')) ?? str(own(awarding, 'awardingDate'));
    if (stated !== undefined) return stated;
    const validFrom = str(own(this.doc, 'validFrom'));
    if (validFrom !== undefined) {
      this.issues.push(importIssue('ELM_VALUE_INFERRED', 'warning', ['validFrom'], 'M5', `The credential states no date of issue (\`issued\`, \`issuanceDate\` or the awarding process's \`awardingDate\`); the start of its validity, \`validFrom\` (${JSON.stringify(validFrom.slice(0, 40))}), was read as the date of issue.`));
    }
    return validFrom;
  }

  protected qualification(q: Node, qPath: Path, claim: Node | undefined, claimPath: Path, issuer: Node | undefined): PartialMicroCredential {
    const mc: PartialMicroCredential = {};
    const notes = this.notes(q);

    mc.learningOutcomes = this.nodesOf(q, 'learningOutcome').map((o, i) => this.outcome(o, [...qPath, 'learningOutcome', i]));
    if ((mc.learningOutcomes as unknown[]).length === 0) delete mc.learningOutcomes;

    const workload = this.workload(q, qPath);
    if (workload) mc.workload = workload;

    const level = this.level(q, qPath, notes);
    if (level) mc.level = level;

    mc.assessment = this.assessment(q, qPath, claim, claimPath);

    const participation = this.participation(q, qPath, claim, claimPath, notes);
    if (participation) mc.participation = participation;

    const qa = this.qualityAssurance(q, qPath, issuer);
    if (qa.length) mc.qualityAssurance = qa;

    const entry = own(q, 'entryRequirement');
    if (entry !== undefined) mc.prerequisites = this.noteText(entry, [...qPath, 'entryRequirement'], 'O1');

    const stackability = this.stackability(q, qPath);
    if (stackability) mc.stackability = stackability;
    return mc;
  }

  /** M7: credit points (the first per system) and the volume of learning. */
  protected workload(q: Node, qPath: Path): Node | undefined {
    const workload: Node = {};
    const read = new Map<string, { value: number; index: number }>();
    for (const [i, cp] of this.nodesOf(q, 'creditPoint').entries()) {
      const path = [...qPath, 'creditPoint', i];
      const framework = this.conceptUri(CREDIT_SYSTEM, cp, 'framework', path, 'M7');
      const point = Number(str(own(cp, 'point')));
      if (!Number.isFinite(point)) {
        this.issues.push(importIssue('ELM_VALUE_MALFORMED', 'warning', [...path, 'point'], 'M7', 'A credit point that is not a number is skipped.'));
        continue;
      }
      const system = concepts.keyOf.credit(framework) ?? framework ?? '(no framework)';
      const first = read.get(system);
      if (first !== undefined) {
        this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', path, 'M7', `A second ${system} credit point (${point}) beside the first (${first.value}, creditPoint ${first.index}): the model holds one workload per system, so the first is read and ${point} is not.`));
        continue;
      }
      read.set(system, { value: point, index: i });
      if (system === 'ECTS') workload.ects = point;
      else if (workload.credits !== undefined) this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', path, 'M7', `Credit points in a second system other than ECTS (${system}): the model holds one, so only the first is read.`));
      else if (system === 'ECVET') workload.credits = { system: 'ECVET', value: point };
      else if (framework) workload.credits = { system: framework, value: point };
      else this.issues.push(importIssue('ELM_VALUE_DROPPED', 'warning', path, 'M7', `A credit point (${point}) without a \`framework\`: the model needs the credit system, so it is not read.`));
    }
    const volume = own(q, 'volumeOfLearning');
    if (volume !== undefined) {
      const hours = durationHours(str(volume));
      if (hours === undefined) this.issues.push(importIssue('ELM_VALUE_MALFORMED', 'warning', [...qPath, 'volumeOfLearning'], 'M7', `\`volumeOfLearning\` ${JSON.stringify(String(volume)).slice(0, 40)} is not a duration in days, hours or minutes; it is skipped.`));
      else workload.hours = hours;
    }
    return Object.keys(workload).length ? workload : undefined;
  }

  /** M8: the EQF level, the NQF level (a concept, or the library's notes), the QF-EHEA cycle. */
  protected level(q: Node, qPath: Path, notes: { own: Map<string, Node> }): Node | undefined {
    const level: Node = {};
    const eqfUri = this.conceptUri(EQF_LEVEL, q, 'eqfLevel', qPath, 'M8');
    if (eqfUri) {
      const eqf = concepts.keyOf.eqf(eqfUri);
      if (eqf === undefined) this.issues.push(importIssue('ELM_UNKNOWN_CONCEPT', 'warning', [...qPath, 'eqfLevel'], 'M8', `\`eqfLevel\` ${eqfUri} is not an EQF level concept; it is skipped.`));
      else level.eqf = eqf;
    }
    const nqf = this.nodeOf(q, 'nqfLevel', qPath, 'M8');
    if (nqf) level.nqf = { label: this.langString(own(nqf, 'prefLabel'), [...qPath, 'nqfLevel', 'prefLabel'], 'M8') ?? idOf(nqf), ...(idOf(nqf) ? { uri: idOf(nqf) } : {}) };
    else if (notes.own.has(NOTE_KIND.nqf)) {
      const uri = this.text(own(notes.own.get(NOTE_KIND.nqfUri), 'noteLiteral'), [...qPath, 'additionalNote'], 'M8');
      level.nqf = { label: this.noteText(notes.own.get(NOTE_KIND.nqf), [...qPath, 'additionalNote'], 'M8'), ...(uri !== undefined ? { uri } : {}) };
    }
    const cycle = this.ownNoteValue(notes.own, NOTE_KIND.qfEhea);
    if (cycle) level.qfEhea = cycle;
    return Object.keys(level).length ? level : undefined;
  }

  /** M10: mode, setting, and the learning activity's period and provider. */
  protected participation(q: Node, qPath: Path, claim: Node | undefined, claimPath: Path, notes: { own: Map<string, Node> }): Node | undefined {
    const participation: Node = {};
    const modeUri = this.conceptUri(LEARNING_MODE, q, 'mode', qPath, 'M10');
    const modeKey = concepts.keyOf.mode(modeUri);
    if (modeKey) participation.mode = modeKey;
    else if (modeUri) this.issues.push(importIssue('ELM_UNKNOWN_CONCEPT', 'warning', [...qPath, 'mode'], 'M10', `\`mode\` ${modeUri} is not a mode of the EDC vocabulary.`));
    const settingUri = this.conceptUri(LEARNING_SETTING, q, 'learningSetting', qPath, 'M10');
    const setting = concepts.keyOf.setting(settingUri) ?? this.ownNoteValue(notes.own, NOTE_KIND.setting);
    if (setting) participation.setting = setting;
    const activity = this.nodeOf(claim, 'influencedBy', claimPath, 'M10');
    if (activity) {
      const activityPath = this.at(claim, 'influencedBy', 0, claimPath);
      const period = this.nodeOf(activity, 'temporal', activityPath, 'M10');
      const start = str(own(period, 'startDate'));
      const end = str(own(period, 'endDate'));
      if (start) participation.startDate = start;
      if (end) participation.endDate = end;
      const provider = this.nodeOf(activity, 'directedBy', activityPath, 'M10');
      if (provider) participation.provider = this.organisation(provider, this.at(activity, 'directedBy', 0, activityPath), 'M10');
      if (!participation.mode) {
        const spec = this.deref(own(activity, 'specifiedBy'));
        const activityMode = concepts.keyOf.mode(this.conceptUri(LEARNING_MODE, spec, 'mode', [...activityPath, 'specifiedBy'], 'M10'));
        if (activityMode) participation.mode = activityMode;
      }
    }
    return Object.keys(participation).length ? participation : undefined;
  }

  /** M11: accreditations, and internal quality assurance in its place among them. */
  protected qualityAssurance(q: Node, qPath: Path, issuer: Node | undefined): Node[] {
    const qa: Node[] = this.nodesOf(q, 'accreditation').map((a, i) => this.accreditation(a, [...qPath, 'accreditation', i], issuer));
    insertInternalQa(qa, readInternalQa(q, (v) => this.deref(v), (v, p) => this.langString(v, p, 'M11'), [...qPath, 'additionalNote']));
    return qa;
  }

  /** O4: the qualifications this one is part of. */
  protected stackability(q: Node, qPath: Path): Node | undefined {
    const partial = str(own(q, 'isPartialQualification'));
    const targets = this.nodesOf(q, 'isPartOf').map((t, i) => {
      const target: Node = { title: this.langString(own(t, 'title'), [...qPath, 'isPartOf', i, 'title'], 'O4') };
      const tid = idOf(t);
      if (tid) target.id = tid;
      const url = str(own(this.nodesOf(t, 'homepage')[0], 'contentURL'));
      if (url) target.url = url;
      return target;
    });
    if (targets.length) return { kind: 'stackable', towards: targets };
    else if (partial === 'true') {
      this.issues.push(importIssue('ELM_VALUE_MAPPED', 'warning', [...qPath, 'isPartialQualification'], 'O4', 'The qualification is partial (`isPartialQualification`) but names no qualification it is part of (`isPartOf`), which ELM allows; the model\'s stackability needs a target, so stackability is left out.'));
    } else if (partial === 'false') return { kind: 'standalone' };
    return undefined;
  }

  protected outcome(o: Node, path: Path): Node {
    const out: Node = { title: this.langString(own(o, 'title'), [...path, 'title'], 'M6') };
    const notes = this.notes(o);
    const typeUri = this.conceptUri(SKILL_TYPE, o, 'dcType', path, 'M6');
    const type = concepts.keyOf.skillType(typeUri) ?? this.ownNoteValue(notes.own, NOTE_KIND.outcomeType);
    if (type) out.type = type;
    const description = notes.plain[0] ? this.noteText(notes.plain[0], [...path, 'additionalNote'], 'M6') : undefined;
    if (notes.plain.length > 1) this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', [...path, 'additionalNote'], 'M6', `The learning outcome has ${notes.plain.length} notes; the model holds one description, so the first is read.`));
    if (description !== undefined) out.description = description;
    const esco = many(own(o, 'relatedESCOSkill')).map(idOf).filter((x): x is string => x !== undefined);
    if (esco.length) out.escoSkills = esco;
    const related = many(own(o, 'relatedSkill')).map(idOf).filter((x): x is string => x !== undefined);
    if (related.length) out.relatedSkills = related;
    const reuse = concepts.keyOf.reuse(this.conceptUri(SKILL_REUSE_LEVEL, o, 'reusabilityLevel', path, 'M6'));
    if (reuse) out.reusability = reuse;
    return out;
  }

  protected assessment(q: Node, qPath: Path, claim: Node | undefined, claimPath: Path): Node | undefined {
    // The specification on the qualification, else the one behind the achievement's assessment.
    let spec = this.nodeOf(q, 'provenBy', qPath, 'M9');
    let specPath: Path = this.at(q, 'provenBy', 0, qPath);
    if (!spec) {
      spec = this.nodeOf(this.nodeOf(claim, 'provenBy', claimPath, 'M9'), 'specifiedBy', this.at(claim, 'provenBy', 0, claimPath), 'M9');
      specPath = [...this.at(claim, 'provenBy', 0, claimPath), 'specifiedBy'];
    }
    if (!spec) return undefined;
    const out: Node = {};
    const typeNode = this.deref(own(spec, 'dcType'));
    const typeUri = this.conceptUri(ASSESSMENT_TYPE, spec, 'dcType', specPath, 'M9');
    const key = concepts.keyOf.assessmentType(typeUri);
    if (key) out.type = key;
    else if (typeUri) {
      const label = this.langString(own(typeNode, 'prefLabel'), [...specPath, 'dcType', 'prefLabel'], 'M9');
      out.type = { uri: typeUri, label: label ?? typeUri };
      const hint = concepts.assessmentTypeByLabel(typeof label === 'string' ? label : label ? (label.en ?? Object.values(label)[0]) : undefined);
      this.issues.push(
        importIssue('ELM_LOCAL_CONCEPT', 'warning', [...specPath, 'dcType'], 'M9', `The assessment type ${typeUri} is not a concept of the EDC assessment vocabulary; it is kept as a custom type.${hint ? ` Its label matches the EDC concept "${hint}" (${concepts.assessmentType(hint).id}): use that concept.` : ''}`),
      );
    }
    const mode = concepts.keyOf.mode(this.conceptUri(LEARNING_MODE, spec, 'mode', specPath, 'M9'));
    if (mode === 'online' || mode === 'onsite' || mode === 'blended') out.mode = mode;
    else if (mode !== undefined) this.issues.push(importIssue('ELM_VALUE_DROPPED', 'warning', [...specPath, 'mode'], 'M9', `The assessment's mode ${JSON.stringify(mode)} is not one the model holds for an assessment (online, onsite or blended); it was not read.`));
    const description = this.langString(own(spec, 'description'), [...specPath, 'description'], 'M9');
    if (description !== undefined) out.description = description;
    return out;
  }

  protected accreditation(a: Node, path: Path, issuer: Node | undefined): Node {
    const out: Node = {};
    const typeUri = this.conceptUri(QUALITY_ASSURANCE_TYPE, a, 'dcType', path, 'M11');
    const type = concepts.keyOf.accreditation(typeUri);
    out.type = type ?? typeUri;
    if (!type) this.issues.push(importIssue('ELM_UNKNOWN_CONCEPT', 'warning', [...path, 'dcType'], 'M11', `The accreditation type ${typeUri ?? '(none)'} is not one of the EDC accreditation types.`));
    out.title = this.langString(own(a, 'title'), [...path, 'title'], 'M11');
    const agent = this.deref(own(a, 'accreditingAgent'));
    if (agent && idOf(agent) !== idOf(issuer)) out.agent = this.organisation(agent, [...path, 'accreditingAgent'], 'M11');
    const url = str(own(this.nodesOf(a, 'homepage')[0], 'contentURL')) ?? str(own(this.deref(own(a, 'report')), 'contentURL'));
    if (url) out.url = url;
    const issued = str(own(a, 'dateIssued'));
    if (issued) out.issued = issued;
    const expires = str(own(a, 'expiryDate'));
    if (expires) out.expires = expires;
    const framework = this.notes(a).own.get(NOTE_KIND.qaFramework);
    if (framework) {
      const text = this.noteText(framework, [...path, 'additionalNote'], 'M11');
      out.framework = text === undefined ? undefined : this.oneText(text);
    }
    return out;
  }

  protected furtherInformation(claim: Node | undefined, claimPath: Path, q: Node | undefined, validUntil: string | undefined): Node | undefined {
    const out: Node = {};
    const notes = this.notes(claim);
    if (notes.plain[0]) out.note = this.noteText(notes.plain[0], [...claimPath, 'additionalNote'], 'O5');
    if (validUntil) out.validUntil = validUntil;
    const links = this.nodesOf(q, 'supplementaryDocument').map((d, i) => {
      const link: Node = { url: str(own(d, 'contentURL')) };
      const title = this.langString(own(d, 'title'), [...claimPath, 'specifiedBy', 'supplementaryDocument', i, 'title'], 'O5');
      if (title !== undefined) link.title = title;
      return link;
    });
    if (links.length) out.links = links;
    return Object.keys(out).length ? out : undefined;
  }

  /** O2 and O3 live on the achievement's assessment (and, without a grade, in a note on the achievement). */
  protected supervisionAndGrade(claim: Node | undefined, claimPath: Path): { supervision?: string; grade?: unknown } {
    const out: { supervision?: string; grade?: unknown } = {};
    const assessment = this.nodesOf(claim, 'provenBy')[0];
    const notes = this.notes(assessment).own;
    const exact = this.ownNoteValue(this.notes(claim).own, NOTE_KIND.supervision) ?? this.ownNoteValue(notes, NOTE_KIND.supervision);
    const assessmentPath: Path = this.at(claim, 'provenBy', 0, claimPath);
    const spec = this.deref(own(assessment, 'specifiedBy'));
    let supervision = exact;
    if (supervision === undefined) {
      const uri = this.conceptUri(SUPERVISION, assessment, 'idVerification', assessmentPath, 'O2');
      const mode = concepts.keyOf.mode(this.conceptUri(LEARNING_MODE, spec, 'mode', [...assessmentPath, 'specifiedBy'], 'O2'));
      supervision = concepts.keyOf.supervision(uri, mode);
      if (uri !== undefined && supervision !== undefined && concepts.supervisionIsAmbiguous(uri)) {
        const stated = mode === 'online' || mode === 'onsite';
        this.issues.push(
          importIssue('ELM_VALUE_INFERRED', 'warning', [...assessmentPath, 'idVerification'], 'O2', stated
            ? `EDC has one concept for supervised assessment with identity verification, online or onsite; the assessment's mode (${mode}) says which: ${supervision}.`
            : `EDC has one concept for supervised assessment with identity verification, online or onsite, and the assessment states no mode (online or onsite): ${supervision} was assumed. State the mode on the assessment specification to be exact.`),
        );
      }
    }
    if (supervision) out.supervision = supervision;
    const grade = own(assessment, 'grade');
    if (grade !== undefined) {
      const gradePath = this.at(claim, 'provenBy', 0, claimPath);
      const value = this.text(own(this.deref(grade), 'noteLiteral'), [...gradePath, 'grade'], 'O3');
      const scheme = this.langString(own(this.deref(own(spec, 'gradingScheme')), 'title'), [...gradePath, 'specifiedBy', 'gradingScheme', 'title'], 'O3');
      const passed = this.ownNoteValue(notes, NOTE_KIND.gradePassed);
      out.grade = scheme === undefined && passed === undefined ? value : { value, ...(scheme !== undefined ? { scheme } : {}), ...(passed ? { passed: passed === 'passed' } : {}) };
    }
    return out;
  }
}

/** What a document without `credentialSubject` is, in words, and what to do with it. */
export function whatItIs(doc: Node): string {
  const types = typesOf(doc).map((t) => t.slice(Math.max(t.lastIndexOf('/'), t.lastIndexOf('#'), t.lastIndexOf(':')) + 1));
  if (types.includes('VerifiablePresentation') || types.includes('EuropeanDigitalPresentation')) {
    return 'it is a presentation, not a credential. Read each credential of its `verifiableCredential` (verifyPresentation() checks them).';
  }
  if (['learner', 'awardingBodies', 'learningOutcomes', 'dateOfIssue'].some((k) => Object.hasOwn(doc, k))) {
    return "it is a micro-credential in this library's model, not ELM: check it with validate(), or export it with toElm().";
  }
  if (Object.hasOwn(doc, 'vct') || Object.hasOwn(doc, '_sd')) return 'it looks like the claims of an SD-JWT VC, not an ELM credential.';
  return 'it is not an ELM credential (an ELM credential has `@context`, `type` ["VerifiableCredential", "EuropeanDigitalCredential"], `issuer` and `credentialSubject` with `hasClaim`).';
}
