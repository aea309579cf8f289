/**
 * An OB 3.0 `Profile` (or a bare issuer URI) → an organisation of the model: `id`, `name` (or the
 * extension's `nameMap`) as the legal name, `address.addressCountryCode` / `addressRegion` as country
 * and region, `url` as homepage, `email`, and `otherIdentifier` entries as legal identifiers.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import type { ElementId } from '../../rules/issue.js';
import { ORG_IDENTIFIER_TYPE } from '../export/types.js';
import { type Path, type Reader, isObject, kindOf } from './reader.js';

const KEY_OF_IDENTIFIER_TYPE: ReadonlyMap<string, 'eidas' | 'vat' | 'registration'> = new Map(
  Object.entries(ORG_IDENTIFIER_TYPE).map(([key, type]) => [type, key as 'eidas' | 'vat' | 'registration']),
);

/** The organisation a profile (or a URI naming one) describes, as far as it can be read. */
export function readOrganisation(r: Reader, value: JsonValue | undefined, path: Path, element: ElementId): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    r.take(path);
    return { id: value };
  }
  if (!isObject(value)) {
    r.take(path);
    r.issue('OB3_VALUE_MALFORMED', 'warning', path, element, `The organisation is ${kindOf(value)}, not a Profile object or its URI; it was not read.`);
    return undefined;
  }
  r.enter(path);
  r.raw(value, 'type', path);
  const org: Record<string, unknown> = {};
  const id = r.str(value, 'id', path, element);
  if (id !== undefined) org.id = id;
  const map = r.ours ? r.text(value, 'nameMap', path, element) : undefined;
  const name = r.str(value, 'name', path, element);
  if (map !== undefined || name !== undefined) org.legalName = map ?? name;
  const address = r.obj(value, 'address', path, element);
  if (address) {
    const at = [...path, 'address'];
    r.raw(address, 'type', at);
    const country = r.str(address, 'addressCountryCode', at, element);
    if (country !== undefined) org.country = country;
    const region = r.str(address, 'addressRegion', at, element);
    if (region !== undefined) org.region = region;
    const full = r.ours ? r.str(address, 'fullAddress', at, element) : undefined;
    if (full !== undefined) org.address = full;
  }
  const homepage = r.str(value, 'url', path, element);
  if (homepage !== undefined) org.homepage = homepage;
  const email = r.str(value, 'email', path, element);
  if (email !== undefined) org.email = email;
  const identifiers = readIdentifiers(r, value, path, element);
  if (identifiers) org.identifiers = identifiers;
  return org;
}

function readIdentifiers(r: Reader, profile: JsonObject, path: Path, element: ElementId): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const other: { scheme: string; value: string }[] = [];
  for (const entry of r.objects(profile, 'otherIdentifier', path, element)) {
    r.raw(entry.node, 'type', entry.path);
    const type = r.str(entry.node, 'identifierType', entry.path, element);
    const value = r.str(entry.node, 'identifier', entry.path, element);
    if (type === undefined || value === undefined) continue;
    const key = KEY_OF_IDENTIFIER_TYPE.get(type);
    if (key !== undefined && out[key] === undefined) out[key] = value;
    else other.push({ scheme: type, value });
  }
  if (r.ours) {
    for (const entry of r.objects(profile, 'schemedIdentifier', path, element)) {
      const scheme = r.str(entry.node, 'scheme', entry.path, element);
      const value = r.str(entry.node, 'notation', entry.path, element);
      if (scheme !== undefined && value !== undefined) other.push({ scheme, value });
    }
  }
  if (other.length > 0 || (r.ours && Object.hasOwn(profile, 'schemedIdentifier'))) out.other = other;
  return Object.keys(out).length > 0 ? out : undefined;
}
