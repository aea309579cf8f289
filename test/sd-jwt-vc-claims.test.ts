/**
 * The model ↔ the WE BUILD rulebook's claims: every valid fixture and generated micro-credential
 * maps (or fails only for the learner's names it lacks), passes checkMicroCredentialClaims, and
 * comes back as `expected()` says: the mapping table of the report, written once here.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LangString, type MicroCredential, validate } from '../src/index.js';
import { fromSdJwtVcClaims, toSdJwtVcClaims } from '../src/sd-jwt-vc/claims.js';
import { checkMicroCredentialClaims } from '../src/sd-jwt-vc/integrity-rules.js';
import { MANDATORY_ATTRIBUTES, RULEBOOK_CLAIM } from '../src/sd-jwt-vc/rulebook.js';
import { pointerKeys } from '../src/json/pointer.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { everyFieldMicroCredential } from './helpers/every-field.js';
import { validFixtures } from './helpers/fixtures.js';

const LATER = new Date('2036-06-01T00:00:00Z'); // after every generated and fixture date
const example = JSON.parse(readFileSync(new URL('./vectors/we-build-rulebook/example-claim-set.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const disclosed = JSON.parse(readFileSync(new URL('./vectors/we-build-rulebook/example-disclosed-payload.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const hasNames = (mc: MicroCredential) => mc.learner.givenName !== undefined && mc.learner.familyName !== undefined;
const withNames = (mc: MicroCredential): MicroCredential => ({ ...mc, learner: { ...mc.learner, givenName: mc.learner.givenName ?? 'Given', familyName: mc.learner.familyName ?? 'Family' } });

/** The value at a JSON Pointer, or undefined. */
function at(doc: unknown, pointer: string): unknown {
  let v: unknown = doc;
  for (const k of pointerKeys(pointer)) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** What comes back from the claims (with `iss` = the issuer's id and `iat` = the date of issue): the mapping table. */
function expected(mc: MicroCredential, backId: string | undefined): Record<string, unknown> {
  const primary = mc.primaryLanguage ?? 'en';
  const t = (s: LangString): string => (typeof s === 'string' ? s : (s[primary] ?? Object.values(s)[0]!));
  const body = mc.awardingBodies[0]!;
  const l = mc.learner;
  const ms = Math.floor(Date.parse(mc.dateOfIssue) / 1000) * 1000;
  const utc = new Date(ms).toISOString().replace('.000Z', 'Z');
  const out: Record<string, unknown> = {
    ...(backId === undefined ? {} : { id: mc.id ?? backId }),
    learner: {
      givenName: l.givenName,
      familyName: l.familyName,
      ...(l.dateOfBirth === undefined ? {} : { dateOfBirth: l.dateOfBirth }),
      ...(l.nationalId === undefined ? {} : { identifiers: [{ scheme: 'nationalID', value: l.nationalId.value }] }),
      ...(l.email === undefined ? {} : { email: l.email }),
    },
    title: t(mc.title),
    issuer: { id: mc.issuer.id, legalName: t(body.legalName), country: mc.issuer.country },
    awardingBodies: [{ id: body.id, legalName: t(body.legalName), country: mc.issuer.country, ...(body.address ? { address: body.address } : {}), ...(body.homepage ? { homepage: body.homepage } : {}) }],
    dateOfIssue: utc.slice(0, 10) === mc.dateOfIssue.slice(0, 10) ? utc : `${mc.dateOfIssue.slice(0, 10)}T00:00:00Z`,
    learningOutcomes: mc.learningOutcomes.map((o) => {
      const esco = mc.learningOutcomes.length === 1 ? [...new Set(o.escoSkills ?? [])] : [];
      return { title: t(o.title), ...(esco.length > 0 ? { escoSkills: esco } : {}) };
    }),
    workload: mc.workload.ects !== undefined ? { ects: mc.workload.ects } : { hours: mc.workload.hours },
    assessment: { type: typeof mc.assessment.type === 'string' ? mc.assessment.type : { uri: mc.assessment.type.uri, label: mc.assessment.type.uri } },
    participation: { mode: mc.participation.mode },
  };
  const level = { ...(mc.level?.eqf === undefined ? {} : { eqf: mc.level.eqf }), ...(mc.level?.nqf === undefined ? {} : { nqf: { label: t(mc.level.nqf.label) } }) };
  if (Object.keys(level).length > 0) out.level = level;
  const qa = mc.qualityAssurance[0]!;
  out.qualityAssurance = [{ type: qa.type, title: t(qa.title), ...(qa.issued === undefined ? {} : { issued: `${qa.issued.slice(0, 10)}T00:00:00Z` }) }];
  if (mc.prerequisites !== undefined) out.prerequisites = t(mc.prerequisites);
  if (mc.supervision !== undefined) out.supervision = mc.supervision;
  const g = mc.grade;
  if (g !== undefined) out.grade = typeof g === 'string' ? g : g.scheme === undefined ? g.value : { value: g.value, scheme: t(g.scheme) };
  const s = mc.stackability;
  if (s !== undefined) out.stackability = s.kind === 'standalone' ? s : { kind: 'stackable', towards: [{ title: t(s.towards[0]!.title) }] };
  if (mc.furtherInformation?.note !== undefined) out.furtherInformation = { note: t(mc.furtherInformation.note) };
  return out;
}

/**
 * The errors of a model with both names: a workload in other credits only (MC-IR-01), a grade for
 * an attendance-only assessment (MC-IR-04).
 */
function expectedErrors(mc: MicroCredential): string[] {
  const errors: string[] = [];
  if (mc.workload.ects === undefined && mc.workload.hours === undefined) errors.push('SDJWT_CLAIM_MISSING /workload');
  if (mc.grade !== undefined && mc.assessment.type === 'level-of-attendance') errors.push('SDJWT_GRADE_INCONSISTENT /grade');
  return errors;
}

/** Model → claims → model, as issuance and verification would carry it (`iss`, `iat` beside the claims). */
function roundTrip(mc: MicroCredential) {
  const to = toSdJwtVcClaims(mc);
  if (!to.ok) throw new Error(JSON.stringify(to.issues.filter((i) => i.severity === 'error')));
  expect(checkMicroCredentialClaims(to.claims, { now: LATER }).filter((i) => i.severity === 'error')).toEqual([]);
  // Every value reported lost is a value of the model.
  for (const i of to.issues.filter((i) => i.code === 'SDJWT_VALUE_NOT_CARRIED')) expect(at(mc, i.path), i.path).toBeDefined();
  const iat = Math.floor(Date.parse(mc.dateOfIssue) / 1000);
  const back = fromSdJwtVcClaims({ iss: mc.issuer.id, iat, vct: 'VerifiableMicroCredential', ...to.claims }, { now: LATER });
  expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(back.ok).toBe(true);
  expect(back.value).toEqual(expected(mc, back.value?.id));
  if (mc.id === undefined) expect(back.value?.id).toBe(to.claims.identifier);
  return { to, back };
}

describe('toSdJwtVcClaims and fromSdJwtVcClaims on the valid fixtures', () => {
  it.each(validFixtures.map((f) => [f.name, f.doc as MicroCredential] as const))('%s', (_, mc) => {
    const before = JSON.stringify(mc);
    const result = toSdJwtVcClaims(mc);
    expect(JSON.stringify(mc)).toBe(before);
    if (!hasNames(mc)) {
      // A full name is never split; an identifier is no name.
      expect(result.ok).toBe(false);
      const errors = result.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.path}`);
      expect(errors).toEqual(['givenName', 'familyName'].filter((n) => (mc.learner as Record<string, unknown>)[n] === undefined).map((n) => `SDJWT_CLAIM_MISSING /learner/${n}`));
    }
    const { to } = roundTrip(withNames(mc));
    expect(to.ok && to.claims.attestation_legal_category).toBe('non-qualified-EAA');
    if (to.ok) for (const name of MANDATORY_ATTRIBUTES) expect(Object.hasOwn(to.claims, name), name).toBe(true);
  });
});

describe('generated micro-credentials', () => {
  it('map, pass the checks and come back as the mapping table says', () => {
    fc.assert(
      fc.property(validMicroCredential, (mc) => {
        const result = toSdJwtVcClaims(mc);
        expect(result.ok).toBe(hasNames(mc) && expectedErrors(mc).length === 0);
        if (expectedErrors(mc).length === 0) roundTrip(withNames(mc));
      }),
      { numRuns: 150 },
    );
  });

  it('that use every field of the model', () => {
    fc.assert(
      fc.property(everyFieldMicroCredential, (mc) => {
        const errors = expectedErrors(withNames(mc));
        if (errors.length > 0) {
          const r = toSdJwtVcClaims(withNames(mc));
          expect(r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.path}`)).toEqual(errors);
        } else roundTrip(withNames(mc));
      }),
      { numRuns: 150 },
    );
  });

  it('any subset of the claims (what a holder discloses) reads back iff the model can be filled', () => {
    const full = toSdJwtVcClaims(withNames(validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential));
    if (!full.ok) throw new Error('every-optional-element does not map');
    const names = Object.keys(full.claims);
    const needed = ['title', 'issuerCountry', 'awardingBody', 'issuanceDate', 'learningOutcomes', 'notionalWorkload', 'typeOfAssessment', 'formOfParticipation', 'qualityAssurance'];
    fc.assert(
      fc.property(fc.subarray(names), (shown) => {
        const claims = Object.fromEntries(shown.map((n) => [n, (full.claims as unknown as Record<string, unknown>)[n]]));
        const back = fromSdJwtVcClaims(claims, { now: LATER });
        const identified = (shown.includes('givenName') && shown.includes('familyName')) || shown.includes('nationalID');
        const complete = identified && needed.every((n) => shown.includes(n));
        expect(back.value !== undefined).toBe(complete);
        const missing = back.issues.filter((i) => i.code === 'SDJWT_ELEMENT_MISSING').map((i) => i.element);
        expect(missing.length === 0).toBe(complete);
        for (const n of needed) if (!shown.includes(n)) expect(missing).toContain(RULEBOOK_CLAIM.get(n)!.element);
        if (back.value) expect(validate(back.value).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the mapping, value by value', () => {
  const base = withNames(validFixtures.find((f) => f.name === 'minimal-mandatory-only')!.doc as MicroCredential);
  const claimsOf = (mc: unknown) => {
    const r = toSdJwtVcClaims(mc);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r;
  };

  it('writes the nearest rulebook code with SDJWT_VALUE_MAPPED, and reads it back', () => {
    const r = claimsOf({ ...base, assessment: { type: 'portfolio' }, participation: { mode: 'onsite' }, supervision: 'supervised-online-id-verification' });
    expect([r.claims.typeOfAssessment, r.claims.formOfParticipation, r.claims.idVerificationMethod]).toEqual(['portfolio-assessment', 'on-site', 'proctored-online-exam']);
    expect(r.issues.filter((i) => i.code === 'SDJWT_VALUE_MAPPED').map((i) => i.path).sort()).toEqual(['/assessment/type', '/participation/mode', '/supervision']);
  });

  it('writes a model value with no rulebook code as an issuer-defined value (SDJWT_CODE_UNKNOWN)', () => {
    const r = claimsOf({ ...base, assessment: { type: 'quiz' }, participation: { mode: 'work-based' } });
    expect([r.claims.typeOfAssessment, r.claims.formOfParticipation]).toEqual(['quiz', 'work-based']);
    const paths = r.issues.filter((i) => i.code === 'SDJWT_CODE_UNKNOWN').map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/assessment/type', '/participation/mode']));
    expect(claimsOf({ ...base, assessment: { type: 'written-examination' }, participation: { mode: 'online' } }).issues.filter((i) => i.code === 'SDJWT_CODE_UNKNOWN').map((i) => i.path)).not.toEqual(expect.arrayContaining(['/assessment/type']));
  });

  it('never splits a full name, and fails a workload in other credits only', () => {
    const r = toSdJwtVcClaims({ ...base, learner: { fullName: 'Anna Virtanen' }, workload: { credits: { system: 'ECVET', value: 4 } } });
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path, i.element])).toEqual([
      ['SDJWT_CLAIM_MISSING', '/learner/givenName', 'M1'],
      ['SDJWT_CLAIM_MISSING', '/learner/familyName', 'M1'],
      ['SDJWT_CLAIM_MISSING', '/workload', 'M7'],
    ]);
  });

  it('refuses a grade for an attendance-only assessment (MC-IR-04)', () => {
    const r = toSdJwtVcClaims({ ...base, assessment: { type: 'level-of-attendance' }, grade: 'Pass' });
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['SDJWT_GRADE_INCONSISTENT']);
  });

  it('reports every second awarding body and QA entry, other languages and the primary language as not carried', () => {
    const second = { ...base.awardingBodies[0]!, id: 'https://other.example.eu' };
    const r = claimsOf({ ...base, primaryLanguage: 'ga', title: { ga: 'Teideal', en: 'Title' }, awardingBodies: [base.awardingBodies[0], second], qualityAssurance: [base.qualityAssurance[0], base.qualityAssurance[0]] });
    expect(r.claims.title).toBe('Teideal');
    const lost = r.issues.filter((i) => i.code === 'SDJWT_VALUE_NOT_CARRIED').map((i) => i.path);
    expect(lost).toEqual(expect.arrayContaining(['/primaryLanguage', '/title/en', '/awardingBodies/1', '/qualityAssurance/1']));
  });

  it('uses options.identifier when the model has no id, else a fresh urn:uuid, with a warning', () => {
    const { id: _, ...noId } = { ...base, id: 'x' };
    expect(claimsOf(noId).claims.identifier).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const r = toSdJwtVcClaims(noId, { identifier: 'MC-2026-0007421' });
    expect(r.ok && r.claims.identifier).toBe('MC-2026-0007421');
    expect(r.issues.some((i) => i.code === 'SDJWT_VALUE_INFERRED' && i.path === '/id')).toBe(true);
    expect(() => toSdJwtVcClaims(noId, { identifier: '' })).toThrow(TypeError);
  });

  it('returns the model\'s errors with in: model for an invalid micro-credential, and never throws', () => {
    for (const input of [null, [], 'x', 42, {}, { ...base, title: '' }]) {
      const r = toSdJwtVcClaims(input);
      expect(r.ok).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
      for (const i of r.issues) expect(i.in).toBe('model');
      expect(r.issues.every((i) => i.code.startsWith('MC_'))).toBe(true);
    }
  });
});

describe('fromSdJwtVcClaims', () => {
  it('reads the rulebook\'s example claim set (§3.2.4) into the model; what it cannot read is reported', () => {
    const back = fromSdJwtVcClaims(example, { now: new Date('2026-12-01T00:00:00Z') });
    expect(back.ok).toBe(true);
    const v = back.value!;
    expect([v.learner.givenName, v.learner.familyName, v.title, v.issuer.country, v.awardingBodies[0]!.legalName]).toEqual([example.givenName, example.familyName, example.title, example.issuerCountry, example.awardingBody]);
    expect(v.learningOutcomes.map((o) => o.title)).toEqual(example.learningOutcomes);
    expect(v.workload).toEqual({ ects: 3 });
    expect(v.level).toEqual({ eqf: 6 });
    expect(v.dateOfIssue).toBe(`${example.issuanceDate as string}T00:00:00Z`); // iat is another day
    expect(v.issuer.id).toBe(example.iss);
    // Not read: what the model has no place for.
    const notRead = back.issues.filter((i) => i.code === 'SDJWT_VALUE_NOT_CARRIED').map((i) => i.path).sort();
    expect(notRead).toEqual(['/accreditation/accreditingAgent', '/accreditation/decision', '/accreditation/reviewDate', '/escoReference', '/fieldOfEducation', '/identifier']);
    expect(back.issues.filter((i) => i.code === 'SDJWT_CLAIM_UNKNOWN')).toEqual([]);
  });

  it('reports the elements a disclosed subset (§3.2.6) lacks, one issue each, and gives no value', () => {
    const back = fromSdJwtVcClaims(disclosed, { now: new Date('2026-12-01T00:00:00Z') });
    expect(back.value).toBeUndefined();
    const absent = MANDATORY_ATTRIBUTES.filter((n) => n !== 'identifier' && !Object.hasOwn(disclosed, n)).map((n) => RULEBOOK_CLAIM.get(n)!.element);
    expect(back.issues.filter((i) => i.code === 'SDJWT_ELEMENT_MISSING').map((i) => i.element)).toEqual(absent);
    expect(absent.length).toBeGreaterThan(0);
  });

  it('reports unknown claims, but not the SD-JWT\'s own members nor JWT metadata', () => {
    const back = fromSdJwtVcClaims({ ...example, _sd: ['x'], _sd_alg: 'sha-256', sub: 'did:example:1', exp: 1, cnf: { jwk: {} }, status: {}, favouriteColour: 'blue', __proto__: 1 } as never);
    expect(back.issues.filter((i) => i.code === 'SDJWT_CLAIM_UNKNOWN').map((i) => i.path)).toEqual(['/favouriteColour']);
    const proto = JSON.parse('{"__proto__": {"polluted": true}}');
    expect(fromSdJwtVcClaims({ ...example, ...proto }).issues.filter((i) => i.code === 'SDJWT_CLAIM_UNKNOWN').map((i) => i.path)).toEqual(['/__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not read a malformed claim, and never throws on hostile input', () => {
    const back = fromSdJwtVcClaims({ ...example, learningOutcomes: 'one string' });
    expect(back.value).toBeUndefined();
    expect(back.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['SDJWT_CLAIM_MALFORMED', 'SDJWT_ELEMENT_MISSING']));
    const throwing = Object.defineProperty({ ...example }, 'title', { enumerable: true, get() { throw new Error('boom'); } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [null, undefined, [], 'x', 42, throwing, proxy, { title: 'x'.repeat(5_000_000) }]) {
      const r = fromSdJwtVcClaims(input);
      expect(r.ok).toBe(false);
      expect(r.issues.length).toBeGreaterThan(0);
    }
    fc.assert(fc.property(fc.object(), (o) => void fromSdJwtVcClaims(o)), { numRuns: 200 });
  });

  it('takes the time of dateOfIssue from iat only when it falls on issuanceDate in UTC', () => {
    const iat = Date.parse('2026-06-15T09:30:00Z') / 1000;
    expect(fromSdJwtVcClaims({ ...example, iat }).value?.dateOfIssue).toBe('2026-06-15T09:30:00Z');
    expect(fromSdJwtVcClaims({ ...example, iat: iat + 86_400 }).value?.dateOfIssue).toBe('2026-06-15T00:00:00Z');
  });
});

describe('fixtures/sd-jwt-vc', () => {
  it('claims-every-optional-element.json is what toSdJwtVcClaims makes of fixtures/valid/every-optional-element.json', () => {
    const file = JSON.parse(readFileSync(new URL('../fixtures/sd-jwt-vc/claims-every-optional-element.json', import.meta.url), 'utf8')) as unknown;
    const r = toSdJwtVcClaims(validFixtures.find((f) => f.name === 'every-optional-element')!.doc);
    expect(r.ok && r.claims).toEqual(file);
    // project-based has no rulebook code: an issuer-defined value, a warning.
    expect(codesOf(checkMicroCredentialClaims(file, { now: LATER }))).toEqual(['warning SDJWT_CODE_UNKNOWN /formOfParticipation']);
  });
});

const codesOf = (issues: { severity: string; code: string; path: string }[]) => issues.map((i) => `${i.severity} ${i.code} ${i.path}`);
