/**
 * The types and constants of the model → Open Badges 3.0 mapping (docs/ob3.md).
 */
import type { CredentialStatusEntry } from '../../status/entry.js';
import { OB3_EXTENSION_CONTEXT_URL } from '../../generated/ob3-extension-context.js';

/** The VC Data Model 2.0 context: item 0 of every OB 3.0 credential's `@context` (the schema requires it). */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** The OB 3.0 context this mapping writes: version 3.0.3, the current one. */
export const OB3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** The contexts of an exported badge, in the order the OB 3.0 schema requires. */
export const OB3_CONTEXTS = [VC_V2_CONTEXT, OB3_CONTEXT, OB3_EXTENSION_CONTEXT_URL] as const;

/** `alignment[].targetType` of the alignments the mapping writes (edubadges spells EQF and QA so). */
export const TARGET_TYPE = Object.freeze({ eqf: 'ext:EQF', qualityAssurance: 'ext:QualityAssurance', esco: 'ext:ESCOSkill' } as const);

/** `otherIdentifier[].identifierType` of an organisation's legal identifiers. */
export const ORG_IDENTIFIER_TYPE = Object.freeze({ eidas: 'ext:eIDASLegalIdentifier', vat: 'ext:VATNumber', registration: 'ext:RegistrationNumber' } as const);

/** The vocabulary of the extension context, for concepts the EU vocabularies do not have. */
export const EXTENSION_VOCAB = 'https://w3id.org/eu-micro-credentials/ob3/vocab#';

/**
 * An Open Badges 3.0 `OpenBadgeCredential` as `toOpenBadge` writes it: a JSON-LD document whose
 * `@context` is VC 2.0, OB 3.0.3 and this library's extension context; the rest is plain JSON.
 *
 * @example
 * const badge: OpenBadgeCredential = toOpenBadge(mc);
 * badge.type; // ['VerifiableCredential', 'OpenBadgeCredential']
 * badge.credentialSubject.achievement.achievementType; // 'MicroCredential'
 */
export interface OpenBadgeCredential {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  issuer: Record<string, unknown>;
  validFrom: string;
  awardedDate: string;
  validUntil?: string;
  credentialSubject: { type: string[]; achievement: Record<string, unknown>; [member: string]: unknown };
  [member: string]: unknown;
}

/**
 * Options of `toOpenBadge` and `exportToOpenBadge`.
 *
 * @example
 * const options: ToOpenBadgeOptions = {
 *   id: 'https://uni.example.eu/badges/2025/0042',
 *   achievementId: 'https://uni.example.eu/courses/web-accessibility',
 * };
 */
export interface ToOpenBadgeOptions {
  /** The credential `id` when the model has none (default: a new `urn:uuid:`). The model's `id` wins. */
  id?: string;
  /**
   * The achievement's `id` (OB 3.0 requires one; the model has none): the URL of the course or the
   * badge class, shared by every learner's badge for it. Default: a new `urn:uuid:` per export.
   */
  achievementId?: string;
  /**
   * `validFrom` when it differs from the date of issuing (default: `dateOfIssue`). OB 3.0 updates a
   * credential by re-issuing it with a later `validFrom`; `awardedDate` keeps the date of issuing.
   */
  validFrom?: string;
  /**
   * The badge's status entry (`StatusList.entry(i)`), checked by `readStatusEntries`: written as
   * `credentialStatus`, typed `BitstringStatusListEntry` (VC 2.0 defines it: no context is added),
   * with an `id`, as 1EdTech's schema requires. One entry (or an array of one): the schema takes one
   * object. A `TypeError` names the member of a malformed entry.
   */
  credentialStatus?: CredentialStatusEntry | readonly CredentialStatusEntry[];
}

export type { CredentialStatusEntry };
