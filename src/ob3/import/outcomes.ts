/**
 * Learning outcomes (M6), the EQF level (M8) and quality assurance (M11) out of the achievement:
 * from the extension's `learningOutcome`, `eqfLevel` and `qualityAssurance` in this library's badges
 * (the `alignment` entries written beside them are then only read as consumed), and from the
 * `alignment` entries of other badges: `ext:EQF` as the EQF level, `ext:QualityAssurance` as quality
 * assurance, every other alignment as a learning outcome (ESCO skill URIs as `escoSkills`).
 */
import { EQF_LEVEL, QUALITY_ASSURANCE_TYPE } from '../../generated/elm-vocabularies.js';
import type { JsonObject } from '../../json/types.js';
import { ESCO_SKILL_URI } from '../../model/formats.js';
import { keyOfConcept } from '../../vocab/lookup.js';
import { EXTENSION_VOCAB, TARGET_TYPE } from '../export/types.js';
import { readOrganisation } from './organisation.js';
import { type Path, type Reader, langOf } from './reader.js';

type Model = Record<string, unknown>;
interface Alignment { node: JsonObject; path: Path; kind: 'eqf' | 'qa' | 'esco' | 'other'; url?: string }

const QA_TYPES: ReadonlySet<string> = new Set([...Object.keys(QUALITY_ASSURANCE_TYPE.concepts), 'internal-quality-assurance']);

/** Reads M6, M8 (EQF from alignments) and M11 into `mc`. */
export function readOutcomesAndAlignments(r: Reader, a: JsonObject, path: Path, mc: Model): void {
  const alignments: Alignment[] = r.objects(a, 'alignment', path, 'M6').map(({ node, path: at }) => {
    const type = typeof node.targetType === 'string' ? node.targetType : undefined;
    const url = typeof node.targetUrl === 'string' ? node.targetUrl : undefined;
    const kind = type === TARGET_TYPE.eqf ? 'eqf' : type === TARGET_TYPE.qualityAssurance ? 'qa' : type === TARGET_TYPE.esco || (url !== undefined && ESCO_SKILL_URI.test(url)) ? 'esco' : 'other';
    return { node, path: at, kind, ...(url === undefined ? {} : { url }) };
  });
  if (r.ours && Object.hasOwn(a, 'learningOutcome')) mc.learningOutcomes = ownOutcomes(r, a, path);
  else {
    const outcomes = alignments.filter((x) => x.kind === 'esco' || x.kind === 'other').map((x) => outcomeOfAlignment(r, x));
    if (outcomes.length > 0) mc.learningOutcomes = outcomes;
  }
  const level: Model = {};
  if (r.ours) readOwnLevel(r, a, path, level);
  if (level.eqf === undefined) {
    const eqf = alignments.find((x) => x.kind === 'eqf');
    const n = eqf ? eqfOfAlignment(r, eqf) : undefined;
    if (n !== undefined) level.eqf = n;
  }
  if (Object.keys(level).length > 0) mc.level = level;
  if (r.ours && Object.hasOwn(a, 'qualityAssurance')) mc.qualityAssurance = ownQualityAssurance(r, a, path);
  else {
    const qa = alignments.filter((x) => x.kind === 'qa').map((x) => qaOfAlignment(r, x));
    if (qa.length > 0) mc.qualityAssurance = qa;
  }
  if (r.ours) {
    // The alignments this mapping writes beside the extension terms say nothing more: read as consumed.
    const skills = new Set((mc.learningOutcomes as Model[] | undefined)?.flatMap((o) => (o.escoSkills as string[] | undefined) ?? []) ?? []);
    for (const x of alignments) {
      if ((x.kind === 'esco' && x.url !== undefined && skills.has(x.url)) || (x.kind === 'eqf' && level.eqf !== undefined) || (x.kind === 'qa' && mc.qualityAssurance !== undefined)) r.take(x.path);
    }
  }
}

function ownOutcomes(r: Reader, a: JsonObject, path: Path): Model[] {
  return r.objects(a, 'learningOutcome', path, 'M6').map(({ node, path: at }) => {
    const o: Model = {};
    const title = langOf(r, node, 'title', at, 'M6');
    if (title !== undefined) o.title = title;
    const type = r.str(node, 'outcomeType', at, 'M6');
    if (type !== undefined) o.type = type;
    const description = langOf(r, node, 'description', at, 'M6');
    if (description !== undefined) o.description = description;
    const esco = r.strings(node, 'escoSkill', at, 'M6');
    if (esco !== undefined) o.escoSkills = esco;
    const related = r.strings(node, 'relatedSkill', at, 'M6');
    if (related !== undefined) o.relatedSkills = related;
    const reusability = r.str(node, 'reusability', at, 'M6');
    if (reusability !== undefined) o.reusability = reusability;
    return o;
  });
}

function outcomeOfAlignment(r: Reader, x: Alignment): Model {
  r.raw(x.node, 'type', x.path);
  r.raw(x.node, 'targetType', x.path);
  const o: Model = {};
  const title = r.str(x.node, 'targetName', x.path, 'M6');
  if (title !== undefined) o.title = title;
  const description = r.str(x.node, 'targetDescription', x.path, 'M6');
  if (description !== undefined) o.description = description;
  const url = r.str(x.node, 'targetUrl', x.path, 'M6');
  if (url !== undefined) {
    if (x.kind === 'esco') {
      o.escoSkills = [url];
      // An ESCO alignment's code and framework only repeat its URI.
      r.raw(x.node, 'targetCode', x.path);
      r.raw(x.node, 'targetFramework', x.path);
    } else o.relatedSkills = [url];
  }
  return o;
}

function readOwnLevel(r: Reader, a: JsonObject, path: Path, level: Model): void {
  const eqf = r.num(a, 'eqfLevel', path, 'M8');
  if (eqf !== undefined) level.eqf = eqf;
  const cycle = r.str(a, 'qfEheaLevel', path, 'M8');
  if (cycle !== undefined) level.qfEhea = cycle;
  const nqf = r.obj(a, 'nqfLevel', path, 'M8');
  if (nqf) {
    const at = [...path, 'nqfLevel'];
    const uri = r.str(nqf, 'id', at, 'M8');
    const label = langOf(r, nqf, 'label', at, 'M8');
    level.nqf = { ...(label === undefined ? {} : { label }), ...(uri === undefined ? {} : { uri }) };
  }
}

/** The EQF level of an `ext:EQF` alignment: its EQF concept URI, else a code or name that is only the level. */
function eqfOfAlignment(r: Reader, x: Alignment): number | undefined {
  const fromUrl = x.url === undefined ? undefined : keyOfConcept(EQF_LEVEL, x.url);
  const code = typeof x.node.targetCode === 'string' ? x.node.targetCode : '';
  const name = typeof x.node.targetName === 'string' ? x.node.targetName : '';
  const fromText = /^(?:EQF\s*(?:level\s*)?)?([1-8])$/i.exec(code.trim()) ?? /^(?:EQF\s*(?:level\s*)?|level\s*)([1-8])$/i.exec(name.trim());
  const level = fromUrl !== undefined ? Number(fromUrl) : fromText ? Number(fromText[1]) : undefined;
  if (level === undefined) {
    r.issue('OB3_VALUE_UNMAPPED', 'warning', x.path, 'M8', 'An `ext:EQF` alignment whose URL is not an EQF level of the EU vocabulary (http://data.europa.eu/snb/eqf/1…8) and whose code and name do not state a level 1-8; it was not read.');
    r.take(x.path);
    return undefined;
  }
  for (const key of ['type', 'targetType', 'targetUrl', 'targetCode', 'targetName', 'targetFramework']) r.raw(x.node, key, x.path);
  return level;
}

function ownQualityAssurance(r: Reader, a: JsonObject, path: Path): Model[] {
  return r.objects(a, 'qualityAssurance', path, 'M11').map(({ node, path: at }) => {
    const q: Model = {};
    const type = r.str(node, 'assuranceType', at, 'M11');
    if (type !== undefined) q.type = type;
    const title = langOf(r, node, 'title', at, 'M11');
    if (title !== undefined) q.title = title;
    const framework = r.str(node, 'framework', at, 'M11');
    if (framework !== undefined) q.framework = framework;
    if (Object.hasOwn(node, 'assuranceBody')) {
      const agent = readOrganisation(r, node.assuranceBody, [...at, 'assuranceBody'], 'M11');
      if (agent) q.agent = agent;
    }
    for (const [key, field] of [['url', 'url'], ['issuedOn', 'issued'], ['expiresOn', 'expires']] as const) {
      const v = r.str(node, key, at, 'M11');
      if (v !== undefined) q[field] = v;
    }
    return q;
  });
}

/**
 * An `ext:QualityAssurance` alignment: its name as the title, its URL (unless it is only the
 * concept of the type), its framework; the type from an EU accreditation concept URL or a code
 * that is a model type. Without one, the entry has no type and validation says so (M11).
 */
function qaOfAlignment(r: Reader, x: Alignment): Model {
  r.raw(x.node, 'type', x.path);
  r.raw(x.node, 'targetType', x.path);
  const q: Model = {};
  const code = typeof x.node.targetCode === 'string' && QA_TYPES.has(x.node.targetCode) ? x.node.targetCode : undefined;
  if (code !== undefined) r.raw(x.node, 'targetCode', x.path);
  const fromUrl = x.url === undefined ? undefined : keyOfConcept(QUALITY_ASSURANCE_TYPE, x.url) ?? (x.url === `${EXTENSION_VOCAB}internal-quality-assurance` ? 'internal-quality-assurance' : undefined);
  const type = code ?? fromUrl;
  if (type !== undefined) q.type = type;
  const title = r.str(x.node, 'targetName', x.path, 'M11');
  if (title !== undefined) q.title = title;
  const url = r.str(x.node, 'targetUrl', x.path, 'M11');
  if (url !== undefined && fromUrl === undefined) q.url = url;
  const framework = r.str(x.node, 'targetFramework', x.path, 'M11');
  if (framework !== undefined) q.framework = framework;
  return q;
}
