/**
 * checkMicroCredentialClaims: the rulebook's data types and code lists, and MC-IR-01…08, each
 * firing on a claim set that breaks it and silent on its near miss; hostile input gives issues.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMicroCredentialClaims, UNGRADED_ASSESSMENT_TYPES } from '../src/sd-jwt-vc/integrity-rules.js';
import { MANDATORY_ATTRIBUTES, RULEBOOK_CLAIM, RULEBOOK_CLAIMS } from '../src/sd-jwt-vc/rulebook.js';
import type { SdJwtVcIssue } from '../src/sd-jwt-vc/codes.js';

const example = JSON.parse(readFileSync(new URL('./vectors/we-build-rulebook/example-claim-set.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const NOW = new Date('2026-12-01T00:00:00Z');
const check = (changes: Record<string, unknown>, options: Parameters<typeof checkMicroCredentialClaims>[1] = {}, base = example) =>
  checkMicroCredentialClaims({ ...base, ...changes }, { now: NOW, ...options });
const codes = (issues: SdJwtVcIssue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.path}`);
const without = (name: string) => Object.fromEntries(Object.entries(example).filter(([k]) => k !== name));

describe('the rulebook\'s example claim set (§3.2.4)', () => {
  it('passes at 2026-12-01 with no issue', () => {
    expect(checkMicroCredentialClaims(example, { now: NOW })).toEqual([]);
  });
  it('is in the future on 2026-06-01 (MC-IR-03)', () => {
    expect(codes(checkMicroCredentialClaims(example, { now: new Date('2026-06-01T00:00:00Z') }))).toEqual(['error SDJWT_ISSUANCE_DATE_INVALID /issuanceDate']);
  });
});

describe('MC-IR-01: mandatory claims', () => {
  it.each(['attestation_legal_category', ...MANDATORY_ATTRIBUTES])('%s absent fires, with its element; not with disclosedOnly', (name) => {
    const issues = checkMicroCredentialClaims(without(name), { now: NOW });
    expect(issues.map((i) => [i.code, i.path, i.element, i.in])).toEqual([['SDJWT_CLAIM_MISSING', `/${name}`, RULEBOOK_CLAIM.get(name)!.element, 'claims']]);
    expect(checkMicroCredentialClaims(without(name), { now: NOW, disclosedOnly: true }).filter((i) => i.code === 'SDJWT_CLAIM_MISSING')).toEqual([]);
  });
});

describe('MC-IR-02 to MC-IR-08', () => {
  it('MC-IR-02: dateOfBirth after today anywhere fires; today does not', () => {
    expect(codes(check({ dateOfBirth: '2026-12-03' }))).toEqual(['error SDJWT_DATE_OF_BIRTH_IN_FUTURE /dateOfBirth']);
    expect(check({ dateOfBirth: '2026-12-01' })).toEqual([]);
    expect(check({ dateOfBirth: '1998-11-02' })).toEqual([]);
  });

  it('MC-IR-03: issuanceDate in the future or before completedAt fires; the day of completion does not', () => {
    expect(codes(check({ issuanceDate: '2026-12-03' }))).toEqual(['error SDJWT_ISSUANCE_DATE_INVALID /issuanceDate']);
    expect(check({ issuanceDate: '2026-12-01' })).toEqual([]);
    expect(codes(check({}, { completedAt: '2026-06-16' }))).toEqual(['error SDJWT_ISSUANCE_DATE_INVALID /issuanceDate']);
    expect(check({}, { completedAt: '2026-06-15' })).toEqual([]);
    expect(codes(check({}, { completedAt: '2026-06-17T09:00:00Z' }))).toEqual(['error SDJWT_ISSUANCE_DATE_INVALID /issuanceDate']);
    // Late on the 15th in UTC-5 is the 16th in UTC: the 15th does not certainly precede it.
    expect(check({}, { completedAt: '2026-06-15T22:00:00-05:00' })).toEqual([]);
    expect(() => check({}, { completedAt: '15/06/2026' })).toThrow(TypeError);
  });

  it('MC-IR-04: a grade for an assessment with no graded outcome fires; a grade without its scheme warns', () => {
    expect(UNGRADED_ASSESSMENT_TYPES.size).toBeGreaterThan(0);
    for (const type of UNGRADED_ASSESSMENT_TYPES) expect(codes(check({ typeOfAssessment: type }))).toEqual(['warning SDJWT_CODE_UNKNOWN /typeOfAssessment', 'error SDJWT_GRADE_INCONSISTENT /grade']);
    for (const type of RULEBOOK_CLAIM.get('typeOfAssessment')!.codes!) expect(codes(check({ typeOfAssessment: type }))).toEqual([]);
    const noScheme = without('gradingScheme');
    expect(codes(checkMicroCredentialClaims(noScheme, { now: NOW }))).toEqual(['warning SDJWT_GRADE_INCONSISTENT /grade']);
    expect(checkMicroCredentialClaims(noScheme, { now: NOW, disclosedOnly: true })).toEqual([]);
    expect(codes(check({ typeOfAssessment: 'level-of-attendance' }, {}, without('grade')))).toEqual(['warning SDJWT_CODE_UNKNOWN /typeOfAssessment']);
  });

  it('MC-IR-05: an escoReference that is not an ESCO skill URI fires', () => {
    const refs = ['http://data.europa.eu/esco/skill/abc12345', 'https://data.europa.eu/esco/skill/abc', 'http://data.europa.eu/esco/occupation/abc', 'http://data.europa.eu/esco/skill/'];
    expect(codes(check({ escoReference: refs }))).toEqual([1, 2, 3].map((i) => `error SDJWT_ESCO_REFERENCE_INVALID /escoReference/${i}`));
    expect(check({ escoReference: ['http://data.europa.eu/esco/skill/a9c1f2d8-3b4e-4f5a-9c6d-7e8f9a0b1c2d'] })).toEqual([]);
  });

  it('MC-IR-06: notionalWorkload a positive number in ECTS or hours', () => {
    for (const value of [0, -1, '3', null]) expect(codes(check({ notionalWorkload: { value, unit: 'ECTS' } }))).toEqual(['error SDJWT_WORKLOAD_INVALID /notionalWorkload/value']);
    expect(codes(check({ notionalWorkload: { value: 3, unit: 'credits' } }))).toEqual(['error SDJWT_WORKLOAD_INVALID /notionalWorkload/unit']);
    expect(codes(check({ notionalWorkload: { value: 3 } }))).toEqual(['error SDJWT_WORKLOAD_INVALID /notionalWorkload/unit']);
    expect(codes(check({ notionalWorkload: 3 }))).toEqual(['error SDJWT_CLAIM_MALFORMED /notionalWorkload']);
    expect(check({ notionalWorkload: { value: 7.5, unit: 'hours' } })).toEqual([]);
  });

  it('MC-IR-07: stackable without partOfQualification warns; not when it may be undisclosed', () => {
    const alone = without('partOfQualification');
    expect(codes(checkMicroCredentialClaims(alone, { now: NOW }))).toEqual(['warning SDJWT_STACKABLE_WITHOUT_TARGET /stackable']);
    expect(checkMicroCredentialClaims(alone, { now: NOW, disclosedOnly: true })).toEqual([]);
    expect(checkMicroCredentialClaims({ ...alone, stackable: false }, { now: NOW })).toEqual([]);
  });

  it('MC-IR-08: accreditation.type must agree with qualityAssurance', () => {
    const accreditation = { ...(example.accreditation as object), type: 'programme-accreditation' };
    expect(codes(check({ accreditation }))).toEqual(['error SDJWT_ACCREDITATION_INCONSISTENT /accreditation/type']);
    expect(check({ accreditation, qualityAssurance: 'programme-accreditation' })).toEqual([]);
    expect(check({ accreditation: { title: 'No type' } })).toEqual([]);
  });
});

describe('data types and code lists', () => {
  it.each(RULEBOOK_CLAIMS.map((c) => [c.name, c.type] as const))('%s (%s) of the wrong type is an error at its path', (name, type) => {
    const wrong = type === 'numeric-date' || type === 'boolean' ? 'not a number' : type === 'string' || type === 'country' || type === 'date' ? 12345 : 'x y';
    const issues = check({ [name]: wrong }).filter((i) => i.severity === 'error' && i.path.startsWith(`/${name}`));
    expect(issues.length, JSON.stringify(issues)).toBeGreaterThan(0);
    expect(issues.every((i) => ['SDJWT_CLAIM_MALFORMED', 'SDJWT_WORKLOAD_INVALID'].includes(i.code))).toBe(true);
  });

  it('checks formats: dates, countries, e-mail, URI, language, ISCED-F, arrays', () => {
    const bad = { issuanceDate: '2026-02-30', issuerCountry: 'se', mail: 'nobody', awardingBodyHomepage: 'liu.se', languageOfAssessment: 'english', fieldOfEducation: '6', learningOutcomes: [], escoReference: ['ok', ''] };
    expect(codes(check(bad)).sort()).toEqual([...Object.keys(bad).filter((k) => k !== 'escoReference'), 'escoReference/1'].map((p) => `error SDJWT_CLAIM_MALFORMED /${p}`).sort());
    expect(check({ fieldOfEducation: '06', languageOfAssessment: 'pt-BR', issuerCountry: 'XK' })).toEqual([]);
  });

  it('a value outside an open list warns; outside a closed one fails', () => {
    expect(codes(check({ typeOfAssessment: 'viva-voce', formOfParticipation: 'hybrid', qualityAssurance: 'iso-9001', accreditation: { type: 'iso-9001' } }))).toEqual([
      'warning SDJWT_CODE_UNKNOWN /typeOfAssessment',
      'warning SDJWT_CODE_UNKNOWN /formOfParticipation',
      'warning SDJWT_CODE_UNKNOWN /qualityAssurance',
      'warning SDJWT_CODE_UNKNOWN /accreditation/type',
    ]);
    expect(codes(check({ level: 'EQF-9', attestation_legal_category: 'QEAA' }))).toEqual(['error SDJWT_CODE_UNKNOWN /attestation_legal_category', 'error SDJWT_CODE_UNKNOWN /level']);
  });

  it('unknown claims warn; the SD-JWT\'s members and JWT metadata do not', () => {
    const issues = check({ _sd: ['a'], _sd_alg: 'sha-256', iss: 'https://issuer.example.eu', sub: 'x', cnf: { jwk: {} }, status: { status_list: {} }, exp: 2, extra: 1, 'a/b': 2 });
    expect(codes(issues)).toEqual(['warning SDJWT_CLAIM_UNKNOWN /extra', 'warning SDJWT_CLAIM_UNKNOWN /a~1b']);
  });
});

describe('hostile input', () => {
  it('gives issues, never throws, never changes the input', () => {
    const throwing = Object.defineProperty({}, 'title', { enumerable: true, get() { throw new Error('boom'); } });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}');
    for (const input of [null, undefined, [], 'x', 42, throwing, proxy, { title: deep }, { title: 'x'.repeat(10_000_000) }, proto, new Date(), new Map()]) {
      const issues = checkMicroCredentialClaims(input, { now: NOW });
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) expect(typeof i.path === 'string' && (i.path === '' || i.path.startsWith('/'))).toBe(true);
    }
    expect(codes(checkMicroCredentialClaims(proto, { disclosedOnly: true }))).toEqual(['warning SDJWT_CLAIM_UNKNOWN /__proto__', 'warning SDJWT_CLAIM_UNKNOWN /constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const before = JSON.stringify(example);
    checkMicroCredentialClaims(example, { now: NOW });
    expect(JSON.stringify(example)).toBe(before);
    expect(() => checkMicroCredentialClaims(example, { now: new Date('x') })).toThrow(TypeError);
  });

  it('never throws on any JSON value, and every issue names its document and a pointer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...RULEBOOK_CLAIMS.map((c) => c.name), 'x'), fc.jsonValue({ maxDepth: 2 }))), (input) => {
        for (const i of checkMicroCredentialClaims(input, { now: NOW })) {
          expect(i.in).toBe('claims');
          expect(i.path === '' || i.path.startsWith('/')).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
