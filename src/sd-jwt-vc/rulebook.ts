/**
 * The WE BUILD micro-credential rulebook (`VerifiableMicroCredential`, v0.2 of 2026-09-11) as data:
 * every claim with its data type, whether it is mandatory, whether it must, may or must not be
 * selectively disclosable, its code list, and the Annex I element it carries. Issuance, the claim
 * checks, verification and the type metadata all read this one table.
 */
import type { ElementId } from '../rules/issue.js';

/**
 * The `vct` of the rulebook.
 *
 * @example
 * await verifySdJwtVc(presentation, { issuerKeys, vct: MICRO_CREDENTIAL_VCT });
 */
export const MICRO_CREDENTIAL_VCT = 'VerifiableMicroCredential';

/**
 * The rulebook's value of `attestation_legal_category`.
 *
 * @example
 * claims.attestation_legal_category === ATTESTATION_LEGAL_CATEGORY; // 'non-qualified-EAA'
 */
export const ATTESTATION_LEGAL_CATEGORY = 'non-qualified-EAA';

/**
 * The data type of a claim: `date` is an ISO 8601 calendar date (`2026-06-15`); `country` an ISO
 * 3166-1 alpha-2 code; `numeric-date` a JWT NumericDate (seconds).
 *
 * @example
 * const type: RulebookClaimType | undefined = RULEBOOK_CLAIM.get('issuanceDate')?.type; // 'date'
 */
export type RulebookClaimType =
  | 'string'
  | 'date'
  | 'country'
  | 'email'
  | 'uri'
  | 'language'
  | 'string[]'
  | 'boolean'
  | 'numeric-date'
  | 'workload'
  | 'accreditation'
  | 'object';

/**
 * Selective disclosure as the rulebook states it, in the type metadata's words: `always` (MUST be
 * disclosable), `allowed` (MAY), `never` (MUST NOT).
 *
 * @example
 * const sd: RulebookDisclosure | undefined = RULEBOOK_CLAIM.get('title')?.sd; // 'always'
 */
export type RulebookDisclosure = 'always' | 'allowed' | 'never';

/**
 * One claim of the rulebook.
 *
 * @example
 * const title = RULEBOOK_CLAIMS.find((c) => c.name === 'title');
 * title?.mandatory; // true
 */
export interface RulebookClaim {
  /** The claim name (top level of the payload). */
  readonly name: string;
  /** Metadata (chapter 4) or an attribute of the attestation (chapter 3). */
  readonly kind: 'metadata' | 'attribute';
  readonly type: RulebookClaimType;
  /** Mandatory in the rulebook (MC-IR-01 for the attributes; §4.1 for the metadata). */
  readonly mandatory: boolean;
  readonly sd: RulebookDisclosure;
  /** The code list, when the rulebook gives one. */
  readonly codes?: readonly string[];
  /** Whether values outside `codes` are allowed ("issuer-defined"). */
  readonly openList?: boolean;
  /** The Annex I element the claim carries (all or part of), or `null`. */
  readonly element: ElementId | null;
  /** The English label of the published type metadata (SUNET). */
  readonly label: string;
  /** The English description (rulebook §3.2, §3.3, §4). */
  readonly description: string;
}

const QA_CODES = ['institutional-accreditation', 'programme-accreditation', 'national-quality-agency', 'sectoral-quality-assurance'] as const;

const meta = (name: string, type: RulebookClaimType, mandatory: boolean, label: string, description: string): RulebookClaim =>
  ({ name, kind: 'metadata', type, mandatory, sd: 'never', element: null, label, description });

const attr = (
  name: string,
  type: RulebookClaimType,
  mandatory: boolean,
  element: ElementId | null,
  label: string,
  description: string,
  list?: { codes: readonly string[]; open: boolean },
): RulebookClaim => ({
  name,
  kind: 'attribute',
  type,
  mandatory,
  sd: mandatory ? 'always' : 'allowed',
  element,
  label,
  description,
  ...(list ? { codes: list.codes, openList: list.open } : {}),
});

/**
 * Every claim of the rulebook, in its order (§3.2.1 metadata, then §3.2 mandatory attributes, then
 * §3.3 optional ones). 48 claims, the same as the published type metadata.
 *
 * @example
 * RULEBOOK_CLAIMS.filter((c) => c.sd === 'always').map((c) => c.name); // the 12 MC-IR-01 claims
 */
export const RULEBOOK_CLAIMS: readonly RulebookClaim[] = Object.freeze([
  meta('iss', 'uri', true, 'Issuer', 'Identifier of the issuer of the credential.'),
  meta('iat', 'numeric-date', true, 'Issued at', 'Time at which the credential was issued.'),
  meta('nbf', 'numeric-date', false, 'Not before', 'Time before which the credential MUST NOT be accepted.'),
  meta('exp', 'numeric-date', false, 'Expires', 'Expiration time of the credential instance (its technical validity, not the achievement\'s).'),
  meta('jti', 'string', false, 'Credential instance identifier', 'Unique identifier of the credential instance.'),
  meta('cnf', 'object', false, 'Holder binding', 'Confirmation claim binding the credential to key material controlled by the Holder.'),
  meta('status', 'object', false, 'Status', 'Status information enabling revocation or correction checks.'),
  meta('vct', 'string', true, 'Credential type', 'Verifiable Credential Type identifying this attestation type.'),
  { ...meta('attestation_legal_category', 'string', true, 'Legal category', 'Legal category of the attestation. SHALL be non-qualified-EAA.'), kind: 'attribute', codes: [ATTESTATION_LEGAL_CATEGORY], openList: false },
  { ...meta('trust_anchor', 'uri', false, 'Trust anchor', 'Location or identifier of the trust anchor or trust framework entry used to verify issuer authorisation.'), kind: 'attribute' },
  { ...meta('cryptographically_bound_to', 'string', false, 'Cryptographically bound to', 'Identifier of another attestation type to which this attestation is cryptographically bound, where used.'), kind: 'attribute' },
  attr('identifier', 'string', true, null, 'Identifier', 'Unique identifier of the micro-credential instance, assigned by the awarding body.'),
  attr('title', 'string', true, 'M2', 'Title', 'Title of the micro-credential.'),
  attr('givenName', 'string', true, 'M1', 'Given name', 'Learner given name.'),
  attr('familyName', 'string', true, 'M1', 'Family name', 'Learner family name.'),
  attr('issuerCountry', 'country', true, 'M3', 'Issuer country', 'Country or region of the organisation that sealed/issued the credential.'),
  attr('awardingBody', 'string', true, 'M4', 'Awarding body', 'Name of the formal education provider that awarded the micro-credential.'),
  attr('issuanceDate', 'date', true, 'M5', 'Issuance date', 'Date on which the credential was sealed and issued.'),
  attr('learningOutcomes', 'string[]', true, 'M6', 'Learning outcomes', 'Description of the learning outcomes acquired by the learner.'),
  attr('notionalWorkload', 'workload', true, 'M7', 'Notional workload', 'Notional workload needed to complete the learning activity, expressed as a value and a unit.'),
  attr('typeOfAssessment', 'string', true, 'M9', 'Type of assessment', 'Type of assessment used to validate the learning outcomes.', {
    codes: ['written-examination', 'oral-examination', 'practical-assessment', 'portfolio-assessment', 'peer-assessment', 'project-assessment'],
    open: true,
  }),
  attr('formOfParticipation', 'string', true, 'M10', 'Form of participation', 'Form of participation in the learning activity.', { codes: ['online', 'on-site', 'blended'], open: true }),
  attr('qualityAssurance', 'string', true, 'M11', 'Quality assurance', 'Type of quality assurance used to underpin the micro-credential.', { codes: QA_CODES, open: true }),
  attr('dateOfBirth', 'date', false, 'M1', 'Date of birth', 'Learner date of birth.'),
  attr('placeOfBirth', 'string', false, 'M1', 'Place of birth', 'Learner place of birth.'),
  attr('citizenshipCountry', 'country', false, 'M1', 'Citizenship country', 'Learner country of citizenship.'),
  attr('nationalID', 'string', false, 'M1', 'National ID', 'National or other government-issued identifier of the learner.'),
  attr('registeredAddress', 'string', false, 'M1', 'Registered address', "Learner's registered or contact address."),
  attr('mail', 'email', false, 'M1', 'Email', 'Learner email address.'),
  attr('level', 'string', false, 'M8', 'Level', 'Level of the learning outcomes, expressed against the EQF or an applicable framework, where applicable.', {
    codes: ['EQF-1', 'EQF-2', 'EQF-3', 'EQF-4', 'EQF-5', 'EQF-6', 'EQF-7', 'EQF-8'],
    open: false,
  }),
  attr('nationalQualificationsFrameworkLevel', 'string', false, 'M8', 'NQF level', 'Level expressed against a national or regional qualifications framework, where used.'),
  attr('educationLevelDescriptor', 'string', false, 'M8', 'Education level descriptor', 'Framework-independent descriptor of the learning experience level.', {
    codes: ['beginner', 'intermediate', 'advanced'],
    open: true,
  }),
  attr('learningOutcomeSummary', 'string', false, 'M6', 'Learning outcome summary', 'Free-text collective description of the learning outcomes.'),
  attr('fieldOfEducation', 'string', false, null, 'Field of education', 'Field of education or training classification code (ISCED-F 2013).'),
  attr('escoReference', 'string[]', false, 'M6', 'ESCO reference', 'One or more references to the ESCO classification of the skill or competence attested.'),
  attr('learningActivityType', 'string', false, 'M10', 'Learning activity type', 'Categorisation of the learning activity.', {
    codes: ['classroom-coursework', 'e-learning', 'internship', 'volunteering'],
    open: true,
  }),
  attr('languageOfAssessment', 'language', false, 'M9', 'Language of assessment', 'Language in which the assessment was conducted (BCP 47).'),
  attr('idVerificationMethod', 'string', false, 'O2', 'ID verification method', 'Method used to supervise the assessment and verify the identity of the learner during assessment.', {
    codes: ['proctored-online-exam', 'in-person-supervision', 'identity-verified-remote-exam'],
    open: true,
  }),
  attr('grade', 'string', false, 'O3', 'Grade', 'Grade or result obtained in the assessment, where the type of assessment produces one.'),
  attr('gradingScheme', 'string', false, 'O3', 'Grading scheme', 'Description of the grading scheme, enabling a third party to interpret the disclosed grade.'),
  attr('entryRequirements', 'string[]', false, 'O1', 'Entry requirements', 'Prerequisites the learner needed to fulfil to enrol in the learning activity.'),
  attr('stackable', 'boolean', false, 'O4', 'Stackable', 'Indicates whether the micro-credential is designed to stack towards a larger qualification.'),
  attr('partOfQualification', 'string', false, 'O4', 'Part of qualification', 'Identifier or title of the larger qualification this micro-credential can contribute towards.'),
  attr('accreditation', 'accreditation', false, 'M11', 'Accreditation', 'Structured accreditation details underpinning the quality assurance.'),
  attr('awardingBodyAddress', 'string', false, 'M4', 'Awarding body address', 'Registered or contact address of the awarding body.'),
  attr('awardingBodyHomepage', 'uri', false, 'M4', 'Awarding body homepage', 'Homepage URL of the awarding body.'),
  attr('awardingBodyIdentifier', 'string', false, 'M4', 'Awarding body identifier', 'Additional identifier(s) for the awarding body, e.g. a national registry or ROR identifier.'),
  attr('additionalNote', 'string', false, 'O5', 'Additional note', 'Free-text field for information not covered by another attribute in this Rulebook.'),
]);

/**
 * The rulebook's claims by name.
 *
 * @example
 * RULEBOOK_CLAIM.get('formOfParticipation')?.codes; // ['online', 'on-site', 'blended']
 */
export const RULEBOOK_CLAIM: ReadonlyMap<string, RulebookClaim> = new Map(RULEBOOK_CLAIMS.map((c) => [c.name, c]));

/**
 * The claims the SD-JWT VC draft never lets a disclosure carry, whatever the type (§3.2.2.2): `iss`,
 * `nbf`, `exp`, `cnf`, `vct`, `vct#integrity`, `aka_vcts`, `status`.
 *
 * @example
 * DRAFT_NEVER_DISCLOSABLE.has('iat'); // false: the draft lets iat be disclosable
 */
export const DRAFT_NEVER_DISCLOSABLE: ReadonlySet<string> = new Set(['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'aka_vcts', 'status']);

/**
 * Claims that are never selectively disclosable in a micro-credential: the draft's list
 * (`DRAFT_NEVER_DISCLOSABLE`) and the rulebook's (`iat`, `jti`, `attestation_legal_category`,
 * `trust_anchor`, `cryptographically_bound_to`). Issuance applies it whatever the type.
 *
 * @example
 * NEVER_DISCLOSABLE.has('cnf'); // true
 */
export const NEVER_DISCLOSABLE: ReadonlySet<string> = new Set([
  ...DRAFT_NEVER_DISCLOSABLE,
  'iat',
  'jti',
  'attestation_legal_category',
  'trust_anchor',
  'cryptographically_bound_to',
]);

/**
 * The 12 attributes MC-IR-01 makes mandatory, in the rulebook's order.
 *
 * @example
 * await presentSdJwtVc(sdJwt, { disclose: MANDATORY_ATTRIBUTES, holderKey, audience, nonce });
 */
export const MANDATORY_ATTRIBUTES: readonly string[] = Object.freeze(RULEBOOK_CLAIMS.filter((c) => c.sd === 'always').map((c) => c.name));
