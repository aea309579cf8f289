/**
 * The model ↔ the WE BUILD micro-credential rulebook's claims (`VerifiableMicroCredential`):
 * `toSdJwtVcClaims` writes the attributes a wallet credential carries, `fromSdJwtVcClaims` reads
 * them (all, or the ones a holder disclosed) back into the model. Metadata claims (`iss`, `iat`,
 * `cnf`, `exp`, `status`…) are the issuer's, not the mapping's. The parts: claims/to.ts,
 * claims/from.ts, claims/checks.ts, claims/values.ts; the integrity rules: integrity-rules.ts.
 */
import { validate } from '../rules/validate.js';
import type { SdJwtVcIssue } from './codes.js';
import { ATTESTATION_LEGAL_CATEGORY, RULEBOOK_CLAIMS } from './rulebook.js';
import { checkClaimsInto } from './integrity-rules.js';
import { achievementClaims, type Context, type Draft, learnerClaims, optionalClaims, organisationClaims, practiceClaims, qualityClaims } from './claims/to.js';
import { type Reading, achievementFrom, learnerFrom, notRead, optionalFrom, organisationsFrom, practiceFrom, qualityFrom, reader } from './claims/from.js';
import type { FromSdJwtVcClaimsOptions, FromSdJwtVcClaimsResult, MicroCredentialClaims, ToSdJwtVcClaimsOptions, ToSdJwtVcClaimsResult } from './claims/types.js';
import { Findings, randomUrn } from './claims/values.js';
import type { ElementId } from '../rules/issue.js';

export type {
  MicroCredentialClaims,
  NotionalWorkload,
  RulebookAccreditation,
  QualityAssuranceCode,
  OpenCode,
  ToSdJwtVcClaimsOptions,
  ToSdJwtVcClaimsResult,
  FromSdJwtVcClaimsOptions,
  FromSdJwtVcClaimsResult,
} from './claims/types.js';

/** The Annex I elements the model requires, in order, with what the claims lack for each. */
const ELEMENT_CLAIMS: Readonly<Record<string, string>> = {
  M1: '`givenName` and `familyName` (or `nationalID`)',
  M2: '`title`',
  M3: '`issuerCountry`',
  M4: '`awardingBody`',
  M5: '`issuanceDate`',
  M6: '`learningOutcomes`',
  M7: '`notionalWorkload`',
  M9: '`typeOfAssessment` (a rulebook code, an EDC assessment type or a URI)',
  M10: '`formOfParticipation` (`online`, `on-site`, `blended` or a form of the model)',
  M11: '`qualityAssurance` (a code with a model equivalent)',
};

/**
 * The WE BUILD rulebook's claims of a micro-credential: every mandatory claim, and every optional
 * one the model can fill, with the rulebook's data types and codes; `attestation_legal_category`
 * is always `non-qualified-EAA`. The model is validated first (its issues come back with
 * `in: 'model'`). What the model has and the rulebook cannot carry is a `SDJWT_VALUE_NOT_CARRIED`
 * warning per value, a value written as the nearest code a `SDJWT_VALUE_MAPPED` warning, an
 * issuer-defined code a `SDJWT_CODE_UNKNOWN` warning; a mandatory claim the model cannot fill
 * (`givenName`/`familyName` of a learner with only a `fullName`, a workload in other credits only)
 * is a `SDJWT_CLAIM_MISSING` error: nothing is invented, a full name is never split. Paths point
 * into the model. Never throws on data and never changes the input (a `TypeError` for bad options).
 *
 * @example
 * const result = toSdJwtVcClaims(mc);
 * if (result.ok) await issueSdJwtVcClaims({ vct: 'VerifiableMicroCredential', ...result.claims }, { key });
 * else console.error(result.issues.filter((i) => i.severity === 'error'));
 */
export function toSdJwtVcClaims(mc: unknown, options: ToSdJwtVcClaimsOptions = {}): ToSdJwtVcClaimsResult {
  const identifier = checkToOptions(options);
  const checked = validate(mc);
  const issues: SdJwtVcIssue[] = checked.issues.map((i) => ({ ...i, in: 'model' as const }));
  if (!checked.ok) return { ok: false, issues };
  const value = checked.value;
  const found = new Findings('model');
  const claims: Draft = { attestation_legal_category: ATTESTATION_LEGAL_CATEGORY };
  if (value.id !== undefined) claims.identifier = value.id;
  else {
    claims.identifier = identifier ?? randomUrn();
    found.warn('SDJWT_VALUE_INFERRED', '/id', null, `The model has no \`id\`: \`identifier\` is ${identifier === undefined ? `a fresh ${claims.identifier}` : 'the one given in options'}.`);
  }
  const primary = value.primaryLanguage ?? 'en';
  if (primary !== 'en') found.lost('/primaryLanguage', null, `The primary language \`${primary}\` is not carried: the claims are strings with no language.`);
  const ctx: Context = { mc: value, primary, claims, found };
  learnerClaims(ctx);
  organisationClaims(ctx);
  achievementClaims(ctx);
  practiceClaims(ctx);
  qualityClaims(ctx);
  optionalClaims(ctx);
  issues.push(...found.issues);
  if (found.errors > 0) return { ok: false, issues };
  return { ok: true, claims: inRulebookOrder(claims) as MicroCredentialClaims, issues };
}

/** The claims in the rulebook's order (the order of its tables). */
function inRulebookOrder(claims: Draft): Draft {
  const out: Record<string, unknown> = {};
  for (const { name } of RULEBOOK_CLAIMS) if (Object.hasOwn(claims, name)) out[name] = (claims as Record<string, unknown>)[name];
  return out as Draft;
}

function checkToOptions(options: unknown): string | undefined {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError('toSdJwtVcClaims(): options must be an object');
  const { identifier } = options as ToSdJwtVcClaimsOptions;
  if (identifier !== undefined && (typeof identifier !== 'string' || !/\S/.test(identifier))) throw new TypeError('toSdJwtVcClaims(): options.identifier must be a non-empty string');
  return identifier;
}

/**
 * Reads the WE BUILD rulebook's claims (all of them, or only the ones a holder disclosed: what
 * `verifySdJwtVc` returns) back into the model. The claims are checked first as
 * `checkMicroCredentialClaims` does with `disclosedOnly` (a claim of the wrong type is reported and
 * not read). `value` is given when every Annex I element the model requires is there, else one
 * `SDJWT_ELEMENT_MISSING` per missing element; `ok` when, in addition, no issue is an error. Every
 * value the claims do not carry and the model requires is taken from another claim or a default
 * with a `SDJWT_VALUE_INFERRED` warning: the issuer's `id` from `iss`, the issuer's name from
 * `awardingBody`, the awarding body's country from `issuerCountry`, the time of `dateOfIssue` from
 * `iat` when it falls on `issuanceDate` in UTC (else midnight UTC). A claim the model has no place
 * for is a `SDJWT_VALUE_NOT_CARRIED` warning, a claim the rulebook does not define a
 * `SDJWT_CLAIM_UNKNOWN` warning (the SD-JWT's `_sd`, `_sd_alg` and JWT metadata are neither).
 * Never throws on data and never changes the input.
 *
 * @example
 * const verification = await verifySdJwtVc(presentation, { issuerKeys, audience, nonce });
 * const result = fromSdJwtVcClaims(verification.claims);
 * if (result.value) console.log(result.value.title, result.value.learningOutcomes);
 */
export function fromSdJwtVcClaims(claims: unknown, options: FromSdJwtVcClaimsOptions = {}): FromSdJwtVcClaimsResult {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError('fromSdJwtVcClaims(): options must be an object');
  const found = new Findings('claims');
  const checked = checkClaimsInto(claims, { disclosedOnly: true, ...(options.now === undefined ? {} : { now: options.now }) }, found);
  if (checked === undefined) return { ok: false, issues: found.issues };
  const r: Reading = { get: reader(checked.copy, checked.unreadable), draft: {}, found, missing: new Set<ElementId>() };
  notRead(r);
  learnerFrom(r);
  achievementFrom(r);
  organisationsFrom(r);
  practiceFrom(r);
  qualityFrom(r);
  optionalFrom(r);
  for (const element of ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M9', 'M10', 'M11'] as const) {
    if (r.missing.has(element)) found.add('SDJWT_ELEMENT_MISSING', 'error', '', element, `Annex I ${element} cannot be filled: the claims have no readable ${ELEMENT_CLAIMS[element]}.`);
  }
  if (r.missing.size > 0) return { ok: false, issues: found.issues };
  const model = validate(inModelOrder(r.draft));
  const issues: SdJwtVcIssue[] = [...found.issues, ...model.issues.map((i) => ({ ...i, in: 'model' as const }))];
  if (!model.ok) return { ok: false, issues };
  return { ok: found.errors === 0, value: model.value, issues };
}

const MODEL_ORDER = ['id', 'learner', 'title', 'issuer', 'awardingBodies', 'dateOfIssue', 'learningOutcomes', 'workload', 'level', 'assessment', 'participation', 'qualityAssurance', 'prerequisites', 'supervision', 'grade', 'stackability', 'furtherInformation'];

function inModelOrder(draft: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of MODEL_ORDER) if (Object.hasOwn(draft, key)) out[key] = draft[key];
  return out;
}
