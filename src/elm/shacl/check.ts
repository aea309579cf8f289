import type { JsonLdQuad } from 'jsonld';
import type { ElmValidationIssue } from '../validation-codes.js';
import { shaclEngine } from './engine.js';
import { resultsToIssues } from './report.js';
import { toDataset } from './to-rdf.js';

/**
 * The EDC SHACL shapes (generic-full with generic-no-cv) run on a document's RDF: one issue per
 * result, with its focus node and path but no JSON Pointer yet (the caller points them back).
 */
export async function shapeCheck(quads: readonly JsonLdQuad[]): Promise<ElmValidationIssue[]> {
  const engine = shaclEngine();
  const report = await engine.validator.validate(toDataset(quads, engine.factory));
  return resultsToIssues(report.results, engine.shapes);
}
