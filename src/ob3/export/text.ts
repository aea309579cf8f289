/**
 * Text of the model in OB 3.0: one string where OB 3.0 takes one, the full language map beside it,
 * and the defaults written where OB 3.0 requires what the model does not hold (docs/ob3.md, "Defaults").
 */
import { ASSESSMENT_TYPE, LEARNING_MODE } from '../../generated/elm-vocabularies.js';
import type { Assessment, LangString, LearningOutcome } from '../../model/types.js';
import { conceptOf } from '../../vocab/lookup.js';

/**
 * The one string OB 3.0 takes for a text: a plain string as it is; from a language map, the text in
 * the primary language, else the first one given.
 */
export function oneString(text: LangString, primary: string): string {
  if (typeof text === 'string') return text;
  if (Object.hasOwn(text, primary)) return text[primary]!;
  return Object.values(text)[0] ?? '';
}

/**
 * Writes `member` as one string and, when the text is a language map, `member + "Map"` with the
 * whole map (a `@container: @language` term of the extension context).
 */
export function putText(node: Record<string, unknown>, member: 'name' | 'description', text: LangString, primary: string): void {
  node[member] = oneString(text, primary);
  if (typeof text !== 'string') node[`${member}Map`] = { ...text };
}

/**
 * Writes a text of an extension term: a plain string as `key`, a language map as `key + "Map"` (a
 * `@container: @language` term of the same IRI). One member either way: the one JSON form JSON-LD
 * compaction gives the value, which a signature needs (docs/ob3.md, "The extension context").
 */
export function putLang(node: Record<string, unknown>, key: string, text: LangString): void {
  if (typeof text === 'string') node[key] = text;
  else node[`${key}Map`] = { ...text };
}

/**
 * The achievement `description` OB 3.0 requires and the model lacks: the titles of the learning
 * outcomes (Annex I M6), "Learning outcomes: A; B". Not a fact of its own: `fromOpenBadge` reads a
 * description equal to this as nothing.
 */
export function defaultDescription(outcomes: readonly LearningOutcome[], primary: string): string {
  return `Learning outcomes: ${outcomes.map((o) => oneString(o.title, primary)).join('; ')}`;
}

/**
 * The achievement `criteria.narrative` OB 3.0 requires and the model lacks: the type of assessment
 * (Annex I M9), its mode and description, "Assessment: written examination (onsite). …". Read back
 * as nothing when it equals this.
 */
export function defaultCriteria(assessment: Assessment, primary: string): string {
  const type = typeof assessment.type === 'string' ? (conceptOf(ASSESSMENT_TYPE, assessment.type)?.label ?? assessment.type) : oneString(assessment.type.label, primary);
  const mode = assessment.mode ? ` (${conceptOf(LEARNING_MODE, assessment.mode)?.label.toLowerCase() ?? assessment.mode})` : '';
  const description = assessment.description ? ` ${oneString(assessment.description, primary)}` : '';
  return `Assessment: ${type}${mode}.${description}`;
}
