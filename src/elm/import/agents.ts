import type { ElementId } from '../../rules/issue.js';
import { concepts } from '../concepts.js';
import { importIssue } from '../issues.js';
import { calendarDate } from './dates.js';
import { idOf, many, type Node, own, type Path, str } from './json.js';
import { ElmReader } from './reader.js';

/** People and organisations: the learner, the issuer, awarding bodies, providers, accrediting agents. */
export class AgentReader extends ElmReader {
  protected learner(person: Node): Node {
    const path: Path = ['credentialSubject'];
    const learner: Node = {};
    const id = idOf(person);
    // EDC numbers its nodes `urn:epass:person:1`: a node label, not an identifier of the learner.
    if (id !== undefined && !id.startsWith('urn:epass:')) learner.id = id;
    for (const key of ['fullName', 'givenName', 'familyName'] as const) {
      const name = this.text(own(person, key), [...path, key], 'M1');
      if (name !== undefined) learner[key] = name;
    }
    const birth = str(own(person, 'dateOfBirth'));
    if (birth !== undefined) learner.dateOfBirth = calendarDate(birth) ?? birth;
    const national = this.deref(own(person, 'nationalID') ?? own(person, 'nationalId'));
    if (national) {
      learner.nationalId = { value: str(own(national, 'notation')), country: concepts.keyOf.country(idOf(own(national, 'spatial'))) };
    }
    const email = this.email(person);
    if (email) learner.email = email;
    const identifiers = this.identifiers(person, path, 'M1');
    if (learner.nationalId !== undefined && (learner.nationalId as Node).country === undefined && typeof (learner.nationalId as Node).value === 'string') {
      identifiers.push({ scheme: 'national-id', value: (learner.nationalId as Node).value as string });
      delete learner.nationalId;
      this.issues.push(importIssue('ELM_VALUE_MAPPED', 'warning', [...path, 'nationalID'], 'M1', 'The national identifier states no country (`spatial`), which the model\'s `nationalId` requires: it is read as an identifier with the scheme "national-id".'));
    }
    if (identifiers.length) learner.identifiers = identifiers;
    return learner;
  }

  protected email(agent: Node): string | undefined {
    for (const contact of this.nodesOf(agent, 'contactPoint')) {
      for (const box of many(own(contact, 'emailAddress'))) {
        const address = idOf(box);
        if (address) return address.replace(/^mailto:/i, '');
      }
    }
    return undefined;
  }

  /** Identifiers other than the legal ones; one without a scheme name gets the scheme the rule below picks. */
  protected identifiers(agent: Node, path: Path, element: ElementId): { scheme: string; value: string }[] {
    const out: { scheme: string; value: string }[] = [];
    for (const [i, node] of this.nodesOf(agent, 'identifier').entries()) {
      const at = [...path, 'identifier', i];
      const value = str(own(node, 'notation'));
      if (value === undefined) {
        this.issues.push(importIssue('ELM_VALUE_DROPPED', 'warning', at, element, 'An identifier without `notation` (its value) was not read.'));
        continue;
      }
      const named = str(own(node, 'schemeName'));
      if (named !== undefined) {
        out.push({ scheme: named, value });
        continue;
      }
      const scheme = str(own(node, 'schemeId')) ?? this.text(own(this.deref(own(node, 'schemeAgency')), 'prefLabel') ?? own(node, 'schemeAgency'), [...at, 'schemeAgency'], element) ?? 'unspecified';
      this.issues.push(importIssue('ELM_VALUE_MAPPED', 'warning', at, element, `The identifier ${JSON.stringify(value.slice(0, 60))} has no \`schemeName\`, which ELM allows and the model requires: its scheme is read as ${JSON.stringify(scheme.slice(0, 80))}${scheme === 'unspecified' ? ' (it names no scheme id or agency either)' : ' (its scheme id or agency)'}.`));
      out.push({ scheme, value });
    }
    return out;
  }

  /** The organisation's country: its address, else (inferred, with a warning) its legal identifiers' `spatial`. */
  protected country(org: Node, location: Node | undefined, path: Path, element: ElementId): string | undefined {
    const address = this.nodeOf(location, 'address', this.at(org, 'location', 0, path), element);
    const countryUri = idOf(own(address, 'countryCode'));
    if (countryUri !== undefined) return concepts.keyOf.country(countryUri) ?? countryUri;
    for (const key of ['eIDASIdentifier', 'registration', 'vatIdentifier']) {
      const spatial = idOf(own(this.nodesOf(org, key)[0], 'spatial'));
      const country = concepts.keyOf.country(spatial);
      if (country === undefined) continue;
      this.issues.push(importIssue('ELM_VALUE_INFERRED', 'warning', [...path, key, 'spatial'], element, `The organisation's address states no country; the country of its \`${key}\` (${country}) was read as its country.`));
      return country;
    }
    return undefined;
  }

  protected organisation(org: Node, path: Path, element: ElementId): Node {
    const out: Node = { id: idOf(org), legalName: this.langString(own(org, 'legalName') ?? own(org, 'prefLabel'), [...path, 'legalName'], element) };
    const locations = this.nodesOf(org, 'location');
    const location = locations[0];
    out.country = this.country(org, location, path, element);
    if (locations.length > 1) {
      const others = locations.slice(1).map((l) => concepts.keyOf.country(idOf(own(this.nodesOf(l, 'address')[0], 'countryCode'))) ?? idOf(l) ?? '?');
      this.issues.push(importIssue('ELM_MULTIPLE_VALUES', 'warning', [...path, 'location'], element, `The organisation has ${locations.length} locations; the model holds one, so the first (country ${String(out.country ?? 'not stated')}) is read and the other${others.length > 1 ? 's' : ''} (${others.join(', ')}) not. EDC adds the seal certificate's country as a location when it seals.`));
    }
    const region = this.text(own(location, 'geographicName'), [...path, 'location', 'geographicName'], element) ?? this.text(own(this.deref(own(location, 'spatialCode')), 'prefLabel'), [...path, 'location', 'spatialCode'], element);
    if (region) out.region = region;
    const full = own(this.nodesOf(location, 'address')[0], 'fullAddress');
    if (full !== undefined) {
      const text = this.noteText(full, [...path, 'location', 'address', 'fullAddress'], element);
      if (text !== undefined) out.address = this.oneText(text);
    }
    const homepage = str(own(this.nodeOf(org, 'homepage', path, element), 'contentURL'));
    if (homepage) out.homepage = homepage;
    const email = this.email(org);
    if (email) out.email = email;
    const identifiers: Node = {};
    const eidas = str(own(this.nodeOf(org, 'eIDASIdentifier', path, element), 'notation'));
    if (eidas) identifiers.eidas = eidas;
    const vat = str(own(this.nodeOf(org, 'vatIdentifier', path, element), 'notation'));
    if (vat) identifiers.vat = vat;
    const registration = str(own(this.nodeOf(org, 'registration', path, element), 'notation'));
    if (registration) identifiers.registration = registration;
    const other = this.identifiers(org, path, element);
    if (other.length) identifiers.other = other;
    if (Object.keys(identifiers).length) out.identifiers = identifiers;
    return out;
  }
}
