import type { MicroCredential } from '../../model/types.js';
import { LANGUAGE_TAG } from '../../model/formats.js';

type Json = unknown;

/**
 * The form in which a micro-credential comes back from ELM: `fromElm(toElm(mc)).value` deep-equals
 * `normalizeForElm(mc)`. Every field comes back; what changes is only how some are spelled, where
 * the model has two spellings of one fact and ELM one (docs/elm.md, "Round trip"):
 * - `primaryLanguage` is explicit (`"en"` when absent: the model's default), and `$schema` (an
 *   editor hint the model ignores) is dropped;
 * - a language map with one entry in the primary language becomes a plain string (the model
 *   defines a plain string as text in the primary language; ELM has language maps only);
 * - an empty object (`identifiers: {}`) is left out (it states nothing; RDF has no empty node);
 * - a grade `{ value }` with neither `scheme` nor `passed` becomes the string `value` (the model's
 *   shorthand for it);
 * - an external quality assurance's `agent` with the issuer's `id` is left out: the model defines
 *   "no agent" as the issuer, and ELM needs the accrediting agent (EDC shapes: 1..1), so both
 *   spellings are one `accreditingAgent`.
 *
 * @example
 * expect((await fromElm(toElm(mc))).value).toEqual(normalizeForElm(mc));
 */
export function normalizeForElm(mc: MicroCredential): MicroCredential {
  const primary = mc.primaryLanguage ?? 'en';
  const out = collapse(structuredCloneJson(mc), primary) as MicroCredential & { $schema?: string };
  delete out.$schema;
  out.primaryLanguage = primary;
  if (out.grade !== undefined && typeof out.grade !== 'string' && out.grade.scheme === undefined && out.grade.passed === undefined) out.grade = out.grade.value;
  out.qualityAssurance = out.qualityAssurance.map((qa) => {
    if (qa.type !== 'internal-quality-assurance' && qa.agent && qa.agent.id === mc.issuer.id) {
      const { agent: _agent, ...rest } = qa;
      return rest;
    }
    return qa;
  });
  return out;
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Language maps with a single entry in the primary language become plain strings, anywhere. */
function collapse(value: Json, primary: string): Json {
  if (Array.isArray(value)) return value.map((v) => collapse(v, primary));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === primary && typeof entries[0]![1] === 'string' && LANGUAGE_TAG.test(primary)) return entries[0]![1];
  const isEmptyObject = (v: Json) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
  return Object.fromEntries(entries.filter(([, v]) => !isEmptyObject(v)).map(([k, v]) => [k, collapse(v, primary)]));
}
