/**
 * The credential envelope in ELM (src/elm/export/to-elm.ts): contexts, id, types, profile and schema,
 * issuer, dates, and the credential subject (the learner) holding the achievement.
 */
import { concepts } from '../concepts.js';
import { EDC_GENERIC_FULL_SCHEMA, ELM_CONTEXT, STATUS_V1_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT } from '../terms.js';
import { achievement } from './achievement.js';
import { organisation } from './agents.js';
import { displayParameter } from './display-parameter.js';
import type { ElmCredential, ElmNode } from './types.js';
import type { Exporter } from './values.js';

/**
 * The exported credential: the EDC profile in its one JSON form, or the EBSI profile with arrays.
 * A status entry (EDC profile only) brings the status/v1 context, after the EDC pair: the pair stays
 * where EDC and every ELM reader look for it, and status/v1 redefines none of its terms.
 */
export function credential(ex: Exporter, status?: ElmNode): ElmCredential {
  const { mc } = ex;
  const ebsi = ex.options.profile === 'ebsi';
  const validUntil = mc.furtherInformation?.validUntil;
  const id = mc.id ?? ex.options.id ?? `urn:uuid:${randomUuid()}`;
  const doc: ElmCredential = {
    '@context': ebsi ? [VC_V2_CONTEXT, ELM_CONTEXT] : [VC_V1_CONTEXT, ELM_CONTEXT, ...(status ? [STATUS_V1_CONTEXT] : [])],
    id,
    type: ebsi ? ['VerifiableCredential', 'VerifiableAttestation', 'EuropeanDigitalCredential'] : ['VerifiableCredential', 'EuropeanDigitalCredential'],
    credentialProfiles: [concepts.genericProfile()],
    credentialSchema: [{ ...EDC_GENERIC_FULL_SCHEMA }],
    ...(status ? { credentialStatus: status } : {}),
    displayParameter: displayParameter(ex, id),
    issuer: organisation(ex, mc.issuer, ['issuer'], true),
    ...(ebsi ? {} : { issuanceDate: mc.dateOfIssue, issued: mc.dateOfIssue }),
    validFrom: mc.dateOfIssue,
    ...(validUntil ? (ebsi ? { validUntil } : { validUntil, expirationDate: validUntil }) : {}),
    credentialSubject: person(ex),
  };
  if (ebsi) doc.issued = mc.dateOfIssue; // EBSI's schema requires `issued` next to `validFrom`
  // The EDC profile is written in the one JSON form JSON-LD compaction gives it (a single value
  // as itself, not in an array: the ELM context defines no sets), the form EDC itself writes and
  // the only one a verifier of this library accepts as signed. EBSI's JSON Schema wants arrays.
  return ebsi ? doc : (singleValues(doc) as ElmCredential);
}

/** The credential subject: the learner, holding the learning achievement. */
function person(ex: Exporter): ElmNode {
  const l = ex.mc.learner;
  const name = (value: string) => ex.lang(value, ['learner']);
  const node: ElmNode = { ...(l.id ? { id: l.id } : {}), type: 'Person' };
  if (l.fullName) node.fullName = name(l.fullName);
  if (l.givenName) node.givenName = name(l.givenName);
  if (l.familyName) node.familyName = name(l.familyName);
  if (l.dateOfBirth) node.dateOfBirth = `${l.dateOfBirth}T00:00:00Z`;
  if (l.nationalId) node.nationalID = { type: 'LegalIdentifier', notation: l.nationalId.value, spatial: concepts.country(l.nationalId.country) };
  if (l.email) node.contactPoint = [{ type: 'ContactPoint', emailAddress: [{ id: `mailto:${l.email}`, type: 'Mailbox' }] }];
  if (l.identifiers?.length) node.identifier = l.identifiers.map((i) => ({ type: 'Identifier', schemeName: i.scheme, notation: i.value }));
  node.hasClaim = [achievement(ex)];
  return node;
}

/** A copy with every one-element array (outside `@context`) replaced by its element. */
function singleValues(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => singleValues(v));
    return items.length === 1 && key !== '@context' ? items[0] : items;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = singleValues(v, k);
  return out;
}

/** A random v4 UUID from the platform's Web Crypto (Node ≥ 19 and every browser have it). */
function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}
