import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
export const readJson = (path: string): Record<string, any> => JSON.parse(readFileSync(join(root, path), 'utf8'));
export const euSample = () => readJson('test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld');

/** The EU sample with what EDC's sealing adds and the shapes require: it passes the EDC shapes. */
export function fixedSample(): Record<string, any> {
  const doc = euSample();
  doc.issued = '2023-01-01T09:00:00Z';
  doc.issuer.eIDASIdentifier = {
    id: 'urn:epass:legalIdentifier:eidas',
    type: 'LegalIdentifier',
    notation: 'IE-654321',
    spatial: {
      id: 'http://publications.europa.eu/resource/authority/country/IRL',
      type: 'Concept',
      inScheme: { id: 'http://publications.europa.eu/resource/authority/country', type: 'ConceptScheme' },
      notation: 'country',
      prefLabel: { en: 'Ireland' },
    },
  };
  return doc;
}
