import type { JsonLdQuad } from 'jsonld';
import type { ElmValidationIssue } from '../validation-codes.js';
import { resultsToIssues } from './report.js';
import { edcShapesView } from './shapes-view.js';
import { validateEdcShapes } from './validator.js';

/**
 * The EDC SHACL shapes (generic-full with generic-no-cv) run on a document's RDF: one issue per
 * result, with its focus node and result path but no JSON Pointer yet (`path` is `''`: the caller points them back).
 */
export async function shapeCheck(quads: readonly JsonLdQuad[]): Promise<ElmValidationIssue[]> {
  const results = validateEdcShapes(quads);
  return results.length === 0 ? [] : resultsToIssues(results, edcShapesView());
}
