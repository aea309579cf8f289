/**
 * Ids that JSON-LD would merge into one node (src/elm/export/to-elm.ts reports them before exporting):
 * two organisations with one id and other details, or one id for two kinds of node.
 */
import type { MicroCredential, Organisation } from '../../model/types.js';
import { isEuQualificationFrameworkLevel } from '../concepts.js';
import { type ElmIssue, elmIssue } from '../issues.js';
import { formatKeys } from '../../rules/issue.js';

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

/**
 * One id, two kinds of node: an organisation's id used as a custom assessment type, an EU NQF level,
 * a target qualification or the learner's id. JSON-LD makes them one node (an organisation that is
 * also a concept), which no verifier reads as meant and which signing refuses. Reported as an error.
 */
export function nodeKindConflicts(mc: MicroCredential): ElmIssue[] {
  const organisations: [string, (string | number)[]][] = [
    [mc.issuer.id, ['issuer', 'id']],
    ...mc.awardingBodies.map((b, i): [string, (string | number)[]] => [b.id, ['awardingBodies', i, 'id']]),
    ...(mc.participation.provider ? [[mc.participation.provider.id, ['participation', 'provider', 'id']] as [string, (string | number)[]]] : []),
    ...mc.qualityAssurance.flatMap((q, i): [string, (string | number)[]][] => (q.agent ? [[q.agent.id, ['qualityAssurance', i, 'agent', 'id']]] : [])),
  ];
  const others: [string, (string | number)[], string][] = [
    ...(mc.learner.id !== undefined ? [[mc.learner.id, ['learner', 'id'], 'the learner'] as [string, (string | number)[], string]] : []),
    ...(typeof mc.assessment.type === 'object' ? [[mc.assessment.type.uri, ['assessment', 'type', 'uri'], 'the assessment type'] as [string, (string | number)[], string]] : []),
    ...(mc.level?.nqf?.uri !== undefined && isEuQualificationFrameworkLevel(mc.level.nqf.uri) ? [[mc.level.nqf.uri, ['level', 'nqf', 'uri'], 'the NQF level'] as [string, (string | number)[], string]] : []),
    ...(mc.stackability?.kind === 'stackable' ? mc.stackability.towards.flatMap((t, i): [string, (string | number)[], string][] => (t.id !== undefined ? [[t.id, ['stackability', 'towards', i, 'id'], 'a qualification it stacks towards']] : [])) : []),
  ];
  const seen = new Map<string, [(string | number)[], string]>(organisations.map(([id, path]) => [id, [path, 'an organisation']]));
  const out: ElmIssue[] = [];
  for (const [id, path, what] of others) {
    const first = seen.get(id);
    if (first && first[1] !== what) {
      out.push(elmIssue('ELM_NODE_CONFLICT', 'error', path, `\`${formatKeys(path)}\` (${what}) has the id of \`${formatKeys(first[0])}\` (${first[1]}): in ELM an id names one node, so they would merge into one thing that is both. Give them different ids.`));
    } else if (!first) seen.set(id, [path, what]);
  }
  return out;
}
