import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OB3_EXTENSION_CONTEXT_URL } from '../src/generated/ob3-extension-context.js';
import { fromOpenBadge } from '../src/ob3/from-open-badge.js';
import { toOpenBadge } from '../src/ob3/to-open-badge.js';
import { SUITES, generateIssuerKey, signCredential } from '../src/vc.js';
import type { MicroCredential } from '../src/index.js';
import { validFixtures } from './helpers/fixtures.js';
import { deepArray, deepObject, fingerprint, hostileCases } from './helpers/hostile.js';

const root = join(import.meta.dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, any>;
const example = (name: string) => read(`test/vectors/1edtech-ob3-examples/${name}.json`);
const rich = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential;
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
const missing = (issues: { code: string; element: string | null }[]) => issues.filter((i) => i.code === 'OB3_ELEMENT_MISSING').map((i) => i.element);

describe('1EdTech OB 3.0 examples (plain OB 3.0, another issuer)', () => {
  it('Basic: what OB 3.0 has is read, every element it lacks is one issue with its id', () => {
    const r = fromOpenBadge(example('Basic_OpenBadgeCredential'));
    expect(r.ok).toBe(false);
    expect(r.value).toMatchObject({
      id: 'http://example.com/credentials/3527',
      title: 'Teamwork',
      learner: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21' },
      issuer: { id: 'https://example.com/issuers/876543', legalName: 'Example Corp' },
      dateOfIssue: '2010-01-01T00:00:00Z',
    });
    expect(missing(r.issues)).toEqual(['M6', 'M7', 'M10', 'M11']);
    // One issue per missing element: the model's own "absent" codes are not repeated beside them.
    for (const element of ['M6', 'M7', 'M10', 'M11']) expect(r.issues.filter((i) => i.element === element)).toHaveLength(1);
    expect(r.issues.find((i) => i.element === 'M7')).toMatchObject({ severity: 'error', in: 'ob3', path: '/credentialSubject/achievement' });
    // Present but incomplete: the issuer has no country, the criteria give no type of assessment.
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'MC_REQUIRED', path: '/issuer/country', element: 'M3', in: 'model' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'MC_REQUIRED', path: '/assessment/type', element: 'M9', in: 'model' }));
    // Not a fact the badge states: the issuer as awarding body is said to be inferred.
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_INFERRED', element: 'M4', path: '/issuer' }));
  });

  it('Achievement_Alignment: a CASE alignment is a learning outcome', () => {
    const r = fromOpenBadge(example('Achievement_Alignment'));
    const alignment = example('Achievement_Alignment').credentialSubject.achievement.alignment[0];
    expect(r.value.learningOutcomes).toEqual([{ title: alignment.targetName, relatedSkills: [alignment.targetUrl] }]);
    expect(missing(r.issues)).toEqual(['M7', 'M10', 'M11']);
    // The alignment's code and framework have no place in the model: reported, not dropped silently.
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_DROPPED', path: '/credentialSubject/achievement/alignment/0/targetFramework' }));
  });

  it('Complete: country, region, dates, grade and identities are read; every member the model cannot hold is reported', () => {
    const doc = example('Complete_OpenBadgeCredential');
    const r = fromOpenBadge(doc);
    expect(r.value).toMatchObject({
      issuer: { country: 'US', region: 'TX', homepage: 'https://1edtech.edu', email: 'registrar@1edtech.edu' },
      participation: { startDate: '2010-01-01T00:00:00Z', endDate: '2010-01-02T00:00:00Z' },
      grade: 'A',
      learner: { email: 'student@1edtech.edu', identifiers: [{ scheme: 'emailAddress', value: 'somebody@gmail.com' }] },
      furtherInformation: { validUntil: '2030-01-01T00:00:00Z', note: doc.credentialSubject.achievement.description },
    });
    const dropped = r.issues.filter((i) => i.code === 'OB3_VALUE_DROPPED').map((i) => i.path);
    for (const path of ['/credentialSubject/licenseNumber', '/credentialSubject/achievement/creditsAvailable', '/evidence', '/issuer/phone', '/credentialSubject/achievement/achievementType']) {
      expect(dropped).toContain(path);
    }
    // Its status (1EdTech's revocation list, which this library does not check) is said as such, not as a dropped value.
    expect(dropped).not.toContain('/credentialStatus');
    expect(r.issues.filter((i) => i.code === 'STATUS_ENTRY_MALFORMED').map((i) => [i.severity, i.path])).toEqual([['warning', '/credentialStatus/type']]);
    expect(r.credentialStatus).toBeUndefined();
    // Not reported: JSON-LD and proof machinery.
    expect(dropped.some((p) => p.startsWith('/@context') || p.startsWith('/proof') || p.startsWith('/credentialSchema'))).toBe(false);
  });

  it('an EndorsementCredential is not a badge', () => {
    const r = fromOpenBadge(example('EndorsementCredential'));
    expect(r).toMatchObject({ ok: false, value: {} });
    expect(codes(r.issues)).toEqual(['OB3_NOT_A_BADGE']);
  });
});

describe('badges in the edubadges micro-credential profile (fixtures/ob3, written for these tests)', () => {
  it('reads ECTS, assessmentType, participationType, supervisionType, identityChecked, EQF and QA alignments, an ECTS grade', () => {
    const r = fromOpenBadge(read('fixtures/ob3/edubadges-style-micro-credential.json'));
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({
      workload: { ects: 3 },
      level: { eqf: 6 },
      assessment: { type: { uri: 'https://edubadges.nl/static/obv3-glossary.html#assessment-type-portfolio', label: 'portfolio' }, description: 'A redesign portfolio, reviewed by two lecturers.' },
      participation: { mode: 'online' },
      supervision: 'supervised-onsite-id-verification',
      qualityAssurance: [{ type: 'programme-quality-assurance', title: 'Programme accreditation by the national accreditation organisation' }],
      grade: { value: 'B', scheme: 'ECTS grade' },
      learner: { fullName: 'Jan de Vries', email: 'jan.devries@student.example.nl' },
    });
    // The extra credentialSchema entry is read as what it is: schema metadata, nothing to report.
    expect(r.issues.some((i) => i.path.startsWith('/credentialSchema'))).toBe(false);
  });

  it('reports what it cannot map: "onsite or blended", "supervised online" without identityChecked, QA without a type', () => {
    const r = fromOpenBadge(read('fixtures/ob3/edubadges-style-unmappable.json'));
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_UNMAPPED', path: '/credentialSubject/achievement/participationType', element: 'M10' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_UNMAPPED', path: '/credentialSubject/achievement/supervisionType', element: 'O2' }));
    expect(missing(r.issues)).toEqual(['M10']);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'MC_REQUIRED', path: '/qualityAssurance/0/type', element: 'M11', in: 'model' }));
    // SBU (study load hours) is the notional workload in hours; a misspelt glossary IRI is read as the right one.
    expect(r.value.workload).toEqual({ hours: 84 });
    expect(r.value.assessment).toMatchObject({ type: { uri: 'https://edubadges.nl/static/obv3-glossary.html#assessment-type-application-of-a-skill' } });
  });

  it('reads no edubadges name in a badge without their context (the terms are undefined there)', () => {
    const doc = read('fixtures/ob3/edubadges-style-micro-credential.json');
    doc['@context'] = doc['@context'].slice(0, 2);
    doc.credentialSubject.achievement.type = ['Achievement'];
    const r = fromOpenBadge(doc);
    expect(r.value.workload).toBeUndefined();
    expect(missing(r.issues)).toEqual(['M7', 'M10']);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_DROPPED', path: '/credentialSubject/achievement/ECTS' }));
  });
});

describe('this library\'s badges', () => {
  it('read with no issue of the mapping at all', () => {
    const r = fromOpenBadge(toOpenBadge(rich));
    expect(r.issues.filter((i) => i.in === 'ob3')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('signed with each suite: the proof and the suite context it appends are no issue, and the model comes back', async () => {
    const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(7) });
    const badge = toOpenBadge({ ...rich, issuer: { ...rich.issuer, id: key.controller }, awardingBodies: [{ ...rich.awardingBodies[0]!, id: key.controller }] });
    for (const suite of SUITES) {
      const signed = await signCredential(badge, { key, suite });
      const r = fromOpenBadge(signed);
      expect(r.issues, suite).toEqual([]);
      expect(r.value).toEqual(fromOpenBadge(badge).value);
    }
  });

  it('without the extension context: its terms are not read, and the elements only they carry are missing', () => {
    const doc = toOpenBadge(rich);
    doc['@context'] = doc['@context'].filter((c) => c !== OB3_EXTENSION_CONTEXT_URL);
    const r = fromOpenBadge(doc);
    expect(missing(r.issues)).toEqual(['M7']);
    // The form of participation is only in the extension; the activity dates are OB 3.0's own.
    expect(r.value.participation).toEqual({ startDate: rich.participation.startDate, endDate: rich.participation.endDate });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'MC_REQUIRED', path: '/participation/mode', element: 'M10', in: 'model' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_DROPPED', path: '/credentialSubject/achievement/ECTS' }));
    // What OB 3.0 itself carries still comes back: title, issuer, EQF level from its alignment.
    expect(r.value).toMatchObject({ title: typeof rich.title === 'string' ? rich.title : expect.any(String), level: { eqf: rich.level!.eqf } });
  });

  it('an unknown context is named, and the badge still read by member names', () => {
    const doc = toOpenBadge(rich);
    doc['@context'].push('https://example.org/other-context.json');
    const r = fromOpenBadge(doc);
    expect(r.ok).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_CONTEXT_UNKNOWN', path: '/@context/3', severity: 'warning' }));
  });

  it('in the VC 1.1-compatible form (issuanceDate)', () => {
    const doc = toOpenBadge(rich) as Record<string, unknown>;
    doc.issuanceDate = doc.awardedDate;
    delete doc.awardedDate;
    delete doc.validFrom;
    expect(fromOpenBadge(doc).value.dateOfIssue).toBe(rich.dateOfIssue);
  });

  it('as a VC-JWT: decoded, read, and said not to be verified', () => {
    const doc = toOpenBadge({ ...rich, learner: { ...rich.learner, id: 'did:example:learner' } });
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const nbf = Date.parse(doc.validFrom) / 1000;
    const claims = { ...doc, iss: (doc.issuer as { id: string }).id, jti: doc.id, nbf, sub: 'did:example:learner' };
    const r = fromOpenBadge(`${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64(claims)}.${Buffer.from('not a signature').toString('base64url')}`);
    expect(r.value.title).toEqual(rich.title);
    expect(codes(r.issues)).toContain('OB3_JWT_NOT_VERIFIED');
  });

  it('a value of the wrong kind is reported where it is, and its element missing', () => {
    const doc = toOpenBadge(rich);
    doc.credentialSubject.achievement.ECTS = '4';
    delete doc.credentialSubject.achievement.workloadHours;
    delete doc.credentialSubject.achievement.credits;
    const r = fromOpenBadge(doc);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_MALFORMED', path: '/credentialSubject/achievement/ECTS', element: 'M7' }));
    expect(missing(r.issues)).toEqual(['M7']);
  });

  it('a description or criteria changed after export are not taken for the defaults', () => {
    const doc = toOpenBadge({ ...rich, furtherInformation: { validUntil: rich.furtherInformation!.validUntil! } });
    doc.credentialSubject.achievement.description = 'Edited by hand.';
    const r = fromOpenBadge(doc);
    expect(r.value.furtherInformation).toEqual({ validUntil: rich.furtherInformation!.validUntil, note: 'Edited by hand.' });
  });
});

describe('hostile input: never throws, never mutates, never reads through the prototype', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [toOpenBadge(rich)]],
    ['a number', 42],
    ['a string that is no badge', 'not a badge'],
    ['JSON text of an array', '[1, 2, 3]'],
    ['deep nesting', deepObject(100_000)],
    ['a deep array', deepArray(100_000)],
    ['an empty object', {}],
  ])('%s', (_, input) => {
    const r = fromOpenBadge(input);
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('every case of the shared hostile bank', () => {
    const base = toOpenBadge(rich) as unknown as Record<string, unknown>;
    for (const field of ['credentialSubject', 'issuer', 'name']) {
      for (const c of hostileCases(base, field)) {
        const input = c.make();
        const before = c.noFingerprint ? undefined : fingerprint(input);
        const r = fromOpenBadge(input);
        expect(Array.isArray(r.issues), c.name).toBe(true);
        if (before !== undefined) expect(fingerprint(input), c.name).toBe(before);
      }
    }
  });

  it('__proto__ keys are data: a language map keeps one as its own key, and no prototype changes', () => {
    const badge = toOpenBadge({ ...rich, title: { en: 'Data literacy', ga: 'Litearthacht sonraí' } });
    const doc = JSON.parse(JSON.stringify(badge));
    doc.credentialSubject.achievement.nameMap = JSON.parse('{"__proto__": "polluted", "en": "Data literacy"}');
    expect(Object.hasOwn(doc.credentialSubject.achievement.nameMap, '__proto__')).toBe(true);
    const r = fromOpenBadge(doc);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(r.value.title as object, '__proto__')).toBe(true);
    expect(r.issues).toContainEqual(expect.objectContaining({ in: 'model', path: '/title/__proto__' }));
  });
});

describe('identities', () => {
  it('a hashed identity is reported, not read as the learner\'s name or e-mail; one without `hashed` is malformed', () => {
    const doc = example('Basic_OpenBadgeCredential');
    doc.credentialSubject.identifier = [
      { type: 'IdentityObject', identityType: 'emailAddress', identityHash: 'sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5', hashed: true, salt: 'deadsea' },
      { type: 'IdentityObject', identityType: 'name', identityHash: 'Maria Silva' },
    ];
    const r = fromOpenBadge(doc);
    expect(r.value.learner).toEqual({ id: doc.credentialSubject.id });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_DROPPED', path: '/credentialSubject/identifier/0', element: 'M1' }));
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'OB3_VALUE_MALFORMED', path: '/credentialSubject/identifier/1', element: 'M1' }));
  });
});
