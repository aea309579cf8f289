/**
 * The types of the rulebook's claim set (`VerifiableMicroCredential`) and of the claim mapping's
 * results.
 */
import type { CountryCode } from '../../generated/countries.js';
import type { MicroCredential } from '../../model/types.js';
import type { SdJwtVcIssue } from '../codes.js';

/**
 * A value of an open code list: one of the rulebook's codes, or an issuer-defined string.
 *
 * @example
 * const type: OpenCode<'written-examination'> = 'viva-voce'; // issuer-defined
 */
export type OpenCode<Code extends string> = Code | (string & Record<never, never>);

/**
 * `notionalWorkload`: a positive number and its unit (MC-IR-06).
 *
 * @example
 * const workload: NotionalWorkload = { value: 3, unit: 'ECTS' };
 */
export interface NotionalWorkload {
  value: number;
  unit: 'ECTS' | 'hours';
}

/**
 * `accreditation`: the structured details underpinning `qualityAssurance` (rulebook §3.3); its
 * `type` is consistent with `qualityAssurance` (MC-IR-08).
 *
 * @example
 * const accreditation: RulebookAccreditation = { title: 'Institutional Accreditation 2024', type: 'institutional-accreditation', accreditingAgent: 'Swedish Higher Education Authority', decisionDate: '2024-01-15' };
 */
export interface RulebookAccreditation {
  title?: string;
  type?: QualityAssuranceCode;
  accreditingAgent?: string;
  decision?: string;
  /** ISO 8601 calendar date. */
  decisionDate?: string;
  /** ISO 8601 calendar date. */
  reviewDate?: string;
}

/**
 * The rulebook's `qualityAssurance` and `accreditation.type` codes, or an issuer-defined value.
 *
 * @example
 * const qa: QualityAssuranceCode = 'programme-accreditation';
 */
export type QualityAssuranceCode = OpenCode<'institutional-accreditation' | 'programme-accreditation' | 'national-quality-agency' | 'sectoral-quality-assurance'>;

/**
 * The attributes of a WE BUILD micro-credential (`vct` `VerifiableMicroCredential`): the 12
 * MC-IR-01 claims and `attestation_legal_category` are required, the others optional. Metadata
 * claims (`iss`, `iat`, `cnf`, `exp`, `status`, …) are the issuer's and not part of this type.
 *
 * @example
 * const claims: MicroCredentialClaims = {
 *   attestation_legal_category: 'non-qualified-EAA',
 *   identifier: 'MC-2026-0007421',
 *   title: 'Introduction to Applied Data Ethics',
 *   givenName: 'Elena',
 *   familyName: 'Kowalska',
 *   issuerCountry: 'SE',
 *   awardingBody: 'Linköping University',
 *   issuanceDate: '2026-06-15',
 *   learningOutcomes: ['Evaluates bias and fairness risks in a dataset'],
 *   notionalWorkload: { value: 3, unit: 'ECTS' },
 *   typeOfAssessment: 'written-examination',
 *   formOfParticipation: 'online',
 *   qualityAssurance: 'institutional-accreditation',
 * };
 */
export interface MicroCredentialClaims {
  attestation_legal_category: 'non-qualified-EAA';
  identifier: string;
  title: string;
  givenName: string;
  familyName: string;
  /** ISO 3166-1 alpha-2: the country of the organisation that sealed/issued the credential. */
  issuerCountry: CountryCode;
  awardingBody: string;
  /** ISO 8601 calendar date. */
  issuanceDate: string;
  learningOutcomes: string[];
  notionalWorkload: NotionalWorkload;
  typeOfAssessment: OpenCode<'written-examination' | 'oral-examination' | 'practical-assessment' | 'portfolio-assessment' | 'peer-assessment' | 'project-assessment'>;
  formOfParticipation: OpenCode<'online' | 'on-site' | 'blended'>;
  qualityAssurance: QualityAssuranceCode;
  dateOfBirth?: string;
  placeOfBirth?: string;
  citizenshipCountry?: CountryCode;
  nationalID?: string;
  registeredAddress?: string;
  mail?: string;
  level?: 'EQF-1' | 'EQF-2' | 'EQF-3' | 'EQF-4' | 'EQF-5' | 'EQF-6' | 'EQF-7' | 'EQF-8';
  nationalQualificationsFrameworkLevel?: string;
  educationLevelDescriptor?: OpenCode<'beginner' | 'intermediate' | 'advanced'>;
  learningOutcomeSummary?: string;
  /** ISCED-F 2013 code: 2, 3 or 4 digits. */
  fieldOfEducation?: string;
  /** ESCO skill or competence URIs (`http://data.europa.eu/esco/skill/…`). */
  escoReference?: string[];
  learningActivityType?: OpenCode<'classroom-coursework' | 'e-learning' | 'internship' | 'volunteering'>;
  /** BCP 47 language tag. */
  languageOfAssessment?: string;
  idVerificationMethod?: OpenCode<'proctored-online-exam' | 'in-person-supervision' | 'identity-verified-remote-exam'>;
  grade?: string;
  gradingScheme?: string;
  entryRequirements?: string[];
  stackable?: boolean;
  partOfQualification?: string;
  accreditation?: RulebookAccreditation;
  awardingBodyAddress?: string;
  awardingBodyHomepage?: string;
  awardingBodyIdentifier?: string;
  additionalNote?: string;
}

/**
 * Options of `toSdJwtVcClaims()`.
 *
 * @example
 * toSdJwtVcClaims(mc, { identifier: 'MC-2026-0007421' });
 */
export interface ToSdJwtVcClaimsOptions {
  /** The `identifier` when the model has no `id` (else a fresh `urn:uuid:`, with a warning). */
  identifier?: string;
}

/**
 * The result of `toSdJwtVcClaims()`: the claims and the warnings, or the errors.
 *
 * @example
 * const result: ToSdJwtVcClaimsResult = toSdJwtVcClaims(mc);
 * if (result.ok) issue(result.claims);
 */
export type ToSdJwtVcClaimsResult = { ok: true; claims: MicroCredentialClaims; issues: SdJwtVcIssue[] } | { ok: false; issues: SdJwtVcIssue[] };

/**
 * Options of `fromSdJwtVcClaims()`.
 *
 * @example
 * fromSdJwtVcClaims(verification.claims, { now: new Date('2026-12-01T00:00:00Z') });
 */
export interface FromSdJwtVcClaimsOptions {
  /** The time of the checks MC-IR-02 and MC-IR-03 (default: now). */
  now?: Date;
}

/**
 * The result of `fromSdJwtVcClaims()`: `value` when every Annex I element the model requires could
 * be read; `ok` when, in addition, no issue is an error.
 *
 * @example
 * const result: FromSdJwtVcClaimsResult = fromSdJwtVcClaims(claims);
 * if (result.value) show(result.value);
 */
export interface FromSdJwtVcClaimsResult {
  ok: boolean;
  value?: MicroCredential;
  issues: SdJwtVcIssue[];
}

/**
 * Options of `checkMicroCredentialClaims()`.
 *
 * @example
 * checkMicroCredentialClaims(claims, { now: new Date(), disclosedOnly: true, completedAt: '2026-06-12' });
 */
export interface CheckMicroCredentialClaimsOptions {
  /** The time of MC-IR-02 and MC-IR-03 (default: now). */
  now?: Date;
  /**
   * The claims are what a holder disclosed: an absent claim may be undisclosed, so MC-IR-01 and the
   * rules that need a second claim (a `gradingScheme` beside `grade`, `partOfQualification` beside
   * `stackable`) are not reported when that claim is absent.
   */
  disclosedOnly?: boolean;
  /** When the assessment was completed (RFC 3339 date-time or a calendar date): MC-IR-03. */
  completedAt?: string;
}
