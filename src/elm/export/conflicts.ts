/**
 * Ids that JSON-LD would merge into one node (src/elm/export/to-elm.ts reports them): two
 * organisations with one id and other details (from the model, before exporting), or one id for
 * nodes of other content (from the exported document, named by their places in the model).
 */
import type { MicroCredential, Organisation } from '../../model/types.js';
import { concepts, isEuQualificationFrameworkLevel } from '../concepts.js';
import { type ElmIssue, elmIssue } from '../issues.js';
import { formatKeys } from '../../rules/issue.js';
import type { ElmNode, ToElmOptions } from './types.js';

/**
 * Organisations with the same `id` are one node in JSON-LD: their properties merge. Two that
 * disagree (another legal name in the same language, another country) would make one organisation
 * with two names or two countries, which the EDC shapes reject and which is wrong anyway.
 */
export function organisationConflicts(mc: MicroCredential): ElmIssue[] {
  const primary = mc.primaryLanguage ?? 'en';
  const places: [Organisation, (string | number)[]][] = [
    [mc.issuer, ['issuer']],
    ...mc.awardingBodies.map((b, i): [Organisation, (string | number)[]] => [b, ['awardingBodies', i]]),
    ...(mc.participation.provider ? [[mc.participation.provider, ['participation', 'provider']] as [Organisation, (string | number)[]]] : []),
    ...mc.qualityAssurance.flatMap((q, i): [Organisation, (string | number)[]][] => (q.agent ? [[q.agent, ['qualityAssurance', i, 'agent']]] : [])),
  ];
  const seen = new Map<string, [Organisation, (string | number)[]]>();
  const out: ElmIssue[] = [];
  const norm = (v: unknown) => JSON.stringify(typeof v === 'string' ? { [primary]: v } : v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
  for (const [org, path] of places) {
    const first = seen.get(org.id);
    if (!first) {
      seen.set(org.id, [org, path]);
      continue;
    }
    for (const key of Object.keys(org) as (keyof Organisation)[]) {
      if (key === 'id' || first[0][key] === undefined) continue;
      const a = first[0][key];
      const b = org[key];
      const differs =
        key === 'identifiers'
          ? (['eidas', 'vat', 'registration', 'other'] as const).some((k) => org.identifiers?.[k] !== undefined && first[0].identifiers?.[k] !== undefined && norm(org.identifiers[k]) !== norm(first[0].identifiers[k]))
          : key === 'legalName'
          ? Object.entries(JSON.parse(norm(b)) as Record<string, string>).some(([lang, text]) => {
              const other = (JSON.parse(norm(a)) as Record<string, string>)[lang];
              return other !== undefined && other !== text;
            })
          : norm(a) !== norm(b);
      if (differs) {
        out.push(
          elmIssue('ELM_ORGANISATION_CONFLICT', 'error', [...path, key], `\`${formatKeys(path)}\` has the id of \`${formatKeys(first[1])}\` but another \`${key}\`: in ELM an id names one organisation, so both would merge into one with two values. Use the same details, or different ids.`),
        );
      }
    }
  }
  return out;
}

/** A place in the model (or an option) that gives an exported node its id: the id, the issue's path, how a message names it, and what the node is. */
type IdPlace = { id: string; path: (string | number)[]; name: string; what: string };

const place = (id: string, path: (string | number)[], what: string): IdPlace => ({ id, path, name: formatKeys(path), what });

/**
 * Every id the model (or an option) gives a node of the exported credential: the credential, its
 * status entry, the organisations, the learner, a custom assessment type, an EU NQF level, the
 * qualifications it stacks towards, the skills of the learning outcomes (ESCO and related) and a
 * credit system other than ECTS and ECVET.
 */
function idPlaces(mc: MicroCredential, options: ToElmOptions, statusId: string | undefined): IdPlace[] {
  const places: IdPlace[] = [];
  if (mc.id !== undefined) places.push(place(mc.id, ['id'], 'the credential'));
  else if (typeof options.id === 'string') places.push({ id: options.id, path: [], name: 'options.id', what: 'the credential' });
  if (statusId !== undefined) places.push({ id: statusId, path: [], name: 'options.credentialStatus.id', what: 'the status entry' });
  places.push(place(mc.issuer.id, ['issuer', 'id'], 'an organisation'));
  mc.awardingBodies.forEach((b, i) => places.push(place(b.id, ['awardingBodies', i, 'id'], 'an organisation')));
  if (mc.participation.provider) places.push(place(mc.participation.provider.id, ['participation', 'provider', 'id'], 'an organisation'));
  // An internal quality assurance is written as notes (src/elm/internal-qa.ts): its agent is no node.
  mc.qualityAssurance.forEach((q, i) => q.agent && concepts.accreditation(q.type) && places.push(place(q.agent.id, ['qualityAssurance', i, 'agent', 'id'], 'an organisation')));
  if (mc.learner.id !== undefined) places.push(place(mc.learner.id, ['learner', 'id'], 'the learner'));
  if (typeof mc.assessment.type === 'object') places.push(place(mc.assessment.type.uri, ['assessment', 'type', 'uri'], 'the assessment type'));
  if (mc.level?.nqf?.uri !== undefined && isEuQualificationFrameworkLevel(mc.level.nqf.uri)) places.push(place(mc.level.nqf.uri, ['level', 'nqf', 'uri'], 'the NQF level'));
  if (mc.stackability?.kind === 'stackable') mc.stackability.towards.forEach((t, i) => t.id !== undefined && places.push(place(t.id, ['stackability', 'towards', i, 'id'], 'a qualification it stacks towards')));
  mc.learningOutcomes.forEach((o, i) => {
    o.escoSkills?.forEach((uri, j) => places.push(place(uri, ['learningOutcomes', i, 'escoSkills', j], 'an ESCO skill')));
    o.relatedSkills?.forEach((uri, j) => places.push(place(uri, ['learningOutcomes', i, 'relatedSkills', j], 'a related skill')));
  });
  if (mc.workload.credits && mc.workload.credits.system !== 'ECVET') places.push(place(mc.workload.credits.system, ['workload', 'credits', 'system'], 'a credit system'));
  return places;
}

/** The nodes of an exported document that have an id and content, by id (a node that is only `{ id }` refers to one). */
function nodesById(value: unknown, out = new Map<string, ElmNode[]>()): Map<string, ElmNode[]> {
  if (Array.isArray(value)) for (const v of value) nodesById(v, out);
  else if (value !== null && typeof value === 'object') {
    const node = value as ElmNode;
    if (typeof node.id === 'string' && Object.keys(node).length > 1) {
      const copies = out.get(node.id);
      if (copies) copies.push(node);
      else out.set(node.id, [node]);
    }
    for (const v of Object.values(node)) nodesById(v, out);
  }
  return out;
}

/** The ids the export derives for the parts of an organisation (src/elm/export/agents.ts). */
const PART_ID = 'urn:eu-micro-credentials:node:';

/** The organisation of the model at a place's path. */
function organisationAt(mc: MicroCredential, path: (string | number)[]): Organisation | undefined {
  const [head, i] = path;
  if (head === 'issuer') return mc.issuer;
  if (head === 'awardingBodies') return mc.awardingBodies[i as number];
  if (head === 'participation') return mc.participation.provider;
  if (head === 'qualityAssurance') return mc.qualityAssurance[i as number]?.agent;
  return undefined;
}

/** An organisation's details, one name each: `homepage`, `identifiers.vat`, `legalName.fr`… */
function detailsOf(org: Organisation, primary: string): string[] {
  return (Object.keys(org) as (keyof Organisation)[]).flatMap((k) => {
    const v = org[k];
    if (k === 'id' || v === undefined) return [];
    if (k === 'legalName' && typeof v === 'string') return [`legalName.${primary}`];
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).filter((sub) => (v as Record<string, unknown>)[sub] !== undefined).map((sub) => `${k}.${sub}`) : [k];
  });
}

/**
 * Organisations of one id that complete each other: a later one has details the first lacks and
 * lacks some the first has. Written in full wherever it occurs, each copy would show only part of
 * the one organisation JSON-LD makes of them.
 */
function completingOrganisations(mc: MicroCredential, at: IdPlace[]): ElmIssue[] {
  const primary = mc.primaryLanguage ?? 'en';
  const [first, ...rest] = at.map((p) => ({ p, org: organisationAt(mc, p.path) }));
  if (!first?.org || rest.length === 0) return [];
  const mine = detailsOf(first.org, primary);
  const names = (keys: string[]) => keys.map((k) => `\`${k}\``).join(', ');
  const found = rest.map((other) => {
    const theirs = other.org ? detailsOf(other.org, primary) : [];
    return { other, missing: theirs.filter((k) => !mine.includes(k)), lacks: mine.filter((k) => !theirs.includes(k)) };
  });
  const { other, missing, lacks } = found.find((f) => f.missing.length > 0 && f.lacks.length > 0) ?? found[0]!;
  const path = other.p.path.slice(0, -1);
  const what = missing.length > 0 && lacks.length > 0 ? ` with ${names(missing)}, which it does not have, and without its ${names(lacks)}` : ' and details that complete each other';
  return [
    elmIssue(
      'ELM_ORGANISATION_CONFLICT',
      'error',
      path,
      `\`${formatKeys(path)}\` has the id of \`${formatKeys(first.p.path.slice(0, -1))}\`${what}: in ELM an id names one organisation, written in full wherever it occurs, so each copy would show only part of it (signing refuses such a document). Give one of them all the details, or use different ids.`,
    ),
  ];
}

/** One text per JSON value, members sorted. */
const textOf = (value: unknown): string =>
  JSON.stringify(value, (_, x: unknown) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));

/**
 * Whether `part` says nothing `whole` does not (a value as one of a list's values), as signing
 * compares a node's copies (src/jsonld/canonical-form/copies.ts). Past `budget` steps it answers
 * yes: signing, which has its own bound, then says what it finds.
 */
function holds(whole: unknown, part: unknown, budget: { left: number }, depth = 0): boolean {
  if (--budget.left < 0 || depth > 64) return budget.left < 0;
  if (part === null || typeof part !== 'object' || whole === null || typeof whole !== 'object') return part === whole;
  if (Array.isArray(part) || Array.isArray(whole)) {
    const wholes = Array.isArray(whole) ? whole : [whole];
    return (Array.isArray(part) ? part : [part]).every((p) => wholes.some((w) => holds(w, p, budget, depth + 1)));
  }
  return Object.keys(part).every((k) => Object.hasOwn(whole, k) && holds((whole as ElmNode)[k], (part as ElmNode)[k], budget, depth + 1));
}

const typesOf = (node: ElmNode): string[] => (Array.isArray(node.type) ? node.type : [node.type]).filter((t): t is string => typeof t === 'string');

/** The type of the node each kind of place gives its id to. */
const NODE_TYPE: Readonly<Record<string, string>> = {
  'the credential': 'VerifiableCredential',
  'the status entry': 'BitstringStatusListEntry',
  'an organisation': 'Organisation',
  'the learner': 'Person',
  'a qualification it stacks towards': 'Qualification',
};

/** What a node the exporter wrote on its own is, for the message, from its type. */
function kindOf(node: ElmNode): string {
  const types = typesOf(node);
  if (types.includes('Concept')) return 'a concept of a vocabulary the credential uses';
  if (types.includes('Mailbox')) return 'an email address';
  return types.length > 0 ? `a ${types.join('/')} node the export writes` : 'a node the export writes';
}

/**
 * One id, two nodes: JSON-LD makes the nodes of one id one node, so each of their copies in the
 * exported document must say nothing the fullest does not (as signing requires: the same
 * organisation written again with fewer details, the same skill twice, a related skill that is also
 * an ESCO skill). Otherwise, an organisation's id used for a skill or the learner, a skill's URI
 * for a target qualification, an id that is also an EU concept's, two target qualifications of
 * one id with other titles… would be one thing that is both, which no verifier reads as meant and
 * which signing refuses. Each such id is an error at its place in the model. Organisations of one
 * id whose copies complete each other (each has a detail the other lacks) are
 * ELM_ORGANISATION_CONFLICT, unless organisationConflicts has already reported a disagreement.
 */
export function nodeConflicts(mc: MicroCredential, document: ElmNode, options: ToElmOptions = {}, organisationsReported = false): ElmIssue[] {
  const status = document.credentialStatus as ElmNode | undefined;
  const places = idPlaces(mc, options, typeof status?.id === 'string' ? status.id : undefined);
  const out: ElmIssue[] = [];
  const budget = { left: 2_000_000 };
  for (const [id, copies] of nodesById(document)) {
    if (copies.length < 2) continue;
    const texts = copies.map(textOf);
    if (texts.every((t) => t === texts[0])) continue;
    let most = 0;
    texts.forEach((t, i) => (t.length > texts[most]!.length ? (most = i) : undefined));
    const fullest = copies[most]!;
    if (copies.every((c) => c === fullest || holds(fullest, c, budget))) continue;
    const at = places.filter((p) => p.id === id);
    if (at.length === 0 && id.startsWith(PART_ID)) continue; // a part of organisations whose copies differ: reported for the organisations
    if (copies.every((c) => typesOf(c).includes('Organisation'))) {
      if (!organisationsReported) out.push(...completingOrganisations(mc, at));
      continue;
    }
    const first = at[0];
    const second = at.find((p) => p.what !== first?.what) ?? at[1];
    const why = 'in ELM an id names one node, so they would merge into one thing that is both (signing refuses such a document). Give them different ids.';
    if (first && second) {
      const path = second.path.length > 0 ? second.path : first.path;
      const message =
        first.what === second.what
          ? `\`${second.name}\` (${second.what}) has the id of \`${first.name}\` but other content: in ELM an id names one node, so both would merge into one with both contents (signing refuses such a document). Give them the same content, or different ids.`
          : `\`${second.name}\` (${second.what}) has the id of \`${first.name}\` (${first.what}): ${why}`;
      out.push(elmIssue('ELM_NODE_CONFLICT', 'error', path, message));
    } else {
      // The other node is one the export writes on its own: an EU concept, a part of an organisation, an email address.
      const own = (c: ElmNode) => first !== undefined && typesOf(c).includes(NODE_TYPE[first.what] ?? '');
      const other = copies.find((c) => !own(c)) ?? copies[0]!;
      out.push(elmIssue('ELM_NODE_CONFLICT', 'error', first?.path ?? [], `\`${first?.name ?? id.slice(0, 100)}\`${first ? ` (${first.what})` : ''} is also the id of ${kindOf(other)} (${JSON.stringify(id.slice(0, 100))}): ${why}`));
    }
  }
  return out;
}
