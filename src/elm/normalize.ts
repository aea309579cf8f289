import type { MicroCredential } from '../model/types.js';
import { LANGUAGE_TAG } from '../model/formats.js';
import { isEuQualificationFrameworkLevel } from './concepts.js';

type Json = unknown;

/**
 * The form in which a micro-credential comes back from ELM: `fromElm(toElm(mc)).value` deep-equals
 * `normalizeForElm(mc)`. What changes (docs/elm.md, "Round trip"):
 * - `primaryLanguage` is explicit (`"en"` when absent) and `$schema` is dropped;
 * - a language map with one entry in the primary language becomes a plain string;
 * - an empty object (`identifiers: {}`) is left out;
 * - a grade `{ value }` with no scheme and no `passed` becomes the plain string `value`;
 * - a quality-assurance `agent` with the issuer's `id` is left out (no agent means the issuer);
 * - internal quality assurance keeps only `type` and `title`, and comes after the other entries;
 * - an NQF `uri` outside the EU qualification-framework scheme is dropped.
 *
 * @example
 * expect(fromElm(toElm(mc)).value).toEqual(normalizeForElm(mc));
 */
export function normalizeForElm(mc: MicroCredential): MicroCredential {
  const primary = mc.primaryLanguage ?? 'en';
  const out = collapse(structuredCloneJson(mc), primary) as MicroCredential & { $schema?: string };
  delete out.$schema;
  out.primaryLanguage = primary;
  if (out.grade !== undefined && typeof out.grade !== 'string' && out.grade.scheme === undefined && out.grade.passed === undefined) out.grade = out.grade.value;
  const internalLast = [...out.qualityAssurance.filter((qa) => qa.type !== 'internal-quality-assurance'), ...out.qualityAssurance.filter((qa) => qa.type === 'internal-quality-assurance')];
  out.qualityAssurance = internalLast.map((qa) => {
    if (qa.type === 'internal-quality-assurance') return { type: qa.type, title: qa.title };
    if (qa.agent && qa.agent.id === mc.issuer.id) {
      const { agent: _agent, ...rest } = qa;
      return rest;
    }
    return qa;
  });
  if (out.level?.nqf?.uri && !isEuQualificationFrameworkLevel(out.level.nqf.uri)) {
    const { uri: _uri, ...nqf } = out.level.nqf;
    out.level = { ...out.level, nqf };
  }
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
