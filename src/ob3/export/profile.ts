/**
 * An organisation of the model (issuer, awarding body, learning provider, quality-assurance body) as
 * an OB 3.0 `Profile`: natively its id, name, homepage, e-mail, country and region (`address`) and
 * legal identifiers (`otherIdentifier`); in extension terms the name's language map, the full postal
 * address and identifiers of other schemes.
 */
import type { Organisation } from '../../model/types.js';
import { putText } from './text.js';
import { ORG_IDENTIFIER_TYPE } from './types.js';

/** The `Profile` of an organisation. */
export function profile(org: Organisation, primary: string): Record<string, unknown> {
  const node: Record<string, unknown> = { id: org.id, type: ['Profile'] };
  putText(node, 'name', org.legalName, primary);
  if (org.homepage !== undefined) node.url = org.homepage;
  if (org.email !== undefined) node.email = org.email;
  const address: Record<string, unknown> = { type: ['Address'], addressCountryCode: org.country };
  if (org.region !== undefined) address.addressRegion = org.region;
  if (org.address !== undefined) address.fullAddress = org.address;
  node.address = address;
  const ids = org.identifiers;
  if (ids) {
    const entries: Record<string, unknown>[] = [];
    for (const key of ['eidas', 'vat', 'registration'] as const) {
      const value = ids[key];
      if (value !== undefined) entries.push({ type: 'IdentifierEntry', identifier: value, identifierType: ORG_IDENTIFIER_TYPE[key] });
    }
    if (entries.length > 0) node.otherIdentifier = entries;
    if (ids.other !== undefined) node.schemedIdentifier = ids.other.map((i) => ({ scheme: i.scheme, notation: i.value }));
  }
  return node;
}
