/**
 * Organisations in ELM (src/elm/export/to-elm.ts): each written in full wherever it occurs, its
 * parts with identifiers derived from its own.
 */
import type { Organisation } from '../../model/types.js';
import { concepts } from '../concepts.js';
import { elmIssue } from '../issues.js';
import type { ElmNode } from './types.js';
import type { Exporter } from './values.js';

/**
 * What the eIDAS identifier is, where it comes from, an example, and how to export without it
 * (EDC shapes: the issuer's `eIDASIdentifier` 1..1; the EU's sealed sample has `VATES-A00000000`,
 * the `organizationIdentifier` of its seal certificate, ETSI EN 319 412-1 clause 5.1.4).
 */
const EIDAS_MISSING =
  "Add `issuer.identifiers.eidas`: the EDC shapes require the issuer's eIDAS identifier (`eIDASIdentifier`). It is the issuer's legal-person identifier " +
  'under the eIDAS Regulation (EU) No 910/2014, as written in the `organizationIdentifier` of its qualified electronic-seal certificate: three letters ' +
  'for the register (VAT, NTR for a national trade register, LEI…), the two-letter country, a hyphen and the number in that register, e.g. ' +
  '"VATES-A00000000" (the EU\'s sealed sample) or "NTRFR-12345678900011". Take it from the e-seal certificate EDC will seal with (EDC\'s sealing ' +
  'writes it from there) or from the national register it cites. Example: `issuer: { …, identifiers: { eidas: "VATES-A00000000" } }`. To export ' +
  'without it, a draft that the EDC shapes reject until EDC seals it: `exportToElm(mc, { incomplete: "warn" })` or `toElm(mc, { incomplete: "warn" })` ' +
  '(CLI: `eumc convert --to elm --incomplete warn`).';

/**
 * An organisation is written in full wherever it occurs (as EDC does). Its parts get identifiers
 * derived from the organisation's `id`, so that the occurrences are one node in RDF: blank nodes
 * would make the issuer that is also an awarding body hold two eIDAS identifiers (shapes: 0..1).
 */
export function organisation(ex: Exporter, org: Organisation, path: (string | number)[], isIssuer = false): ElmNode {
  const country = concepts.country(org.country);
  const part = (role: string) => nodeId(org.id, role);
  const legal = (role: string, notation: string): ElmNode => ({ id: part(role), type: 'LegalIdentifier', notation, spatial: country });
  const node: ElmNode = {
    id: org.id,
    type: 'Organisation',
    legalName: ex.lang(org.legalName, [...path, 'legalName']),
    location: [
      {
        id: part('location'),
        type: 'Location',
        address: [{ id: part('address'), type: 'Address', countryCode: country, ...(org.address ? { fullAddress: { id: part('full-address'), ...ex.note(org.address, [...path, 'address']) } } : {}) }],
        ...(org.region ? region(ex, org.region) : {}),
      },
    ],
  };
  const ids = org.identifiers;
  if (ids?.eidas) node.eIDASIdentifier = legal('eidas', ids.eidas);
  else if (isIssuer) {
    // EDC shapes: the issuer needs an eIDAS legal identifier (the EDC sealing step adds it).
    const severity = ex.options.incomplete === 'warn' ? 'warning' : 'error';
    ex.issues.push(elmIssue('ELM_ISSUER_EIDAS_MISSING', severity, [...path, 'identifiers', 'eidas'], EIDAS_MISSING));
  }
  if (ids?.vat) node.vatIdentifier = [legal('vat', ids.vat)];
  if (ids?.registration) node.registration = legal('registration', ids.registration);
  if (ids?.other?.length) node.identifier = ids.other.map((o, i) => ({ id: part(`identifier-${i}`), type: 'Identifier', schemeName: o.scheme, notation: o.value }));
  if (org.homepage) node.homepage = [{ id: part('homepage'), ...ex.webResource(org.homepage) }];
  if (org.email) node.contactPoint = [{ id: part('contact-point'), type: 'ContactPoint', emailAddress: [{ id: `mailto:${org.email}`, type: 'Mailbox' }] }];
  return node;
}

/** EBSI's schema types `geographicName` as an address, so the EBSI profile names the region in a `spatialCode` label. */
function region(ex: Exporter, region: string): ElmNode {
  const names = ex.lang(region, []);
  return ex.ebsi ? { spatialCode: [{ type: 'Concept', prefLabel: names }] } : { geographicName: names };
}

/**
 * A stable identifier for a part of an organisation: `urn:eu-micro-credentials:node:<hash>-<role>`,
 * with a 64-bit FNV-1a hash of the organisation's `id`.
 */
function nodeId(orgId: string, role: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(orgId)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return `urn:eu-micro-credentials:node:${h.toString(16).padStart(16, '0')}-${role}`;
}
