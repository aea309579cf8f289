/**
 * A fast-check arbitrary of valid micro-credentials that uses every field of the model (the
 * `validMicroCredential` of arbitraries.ts leaves some out: an organisation's address, registration
 * and other identifiers, a learner's national id, hours alone, a credit system given by URI, an
 * NQF level of the EU scheme, the details of internal quality assurance, the EDC-only supervision
 * value…). For the ELM round trip, where a field that is never generated is a field never tested.
 */
import fc from 'fast-check';
import { ASSESSMENT_TYPES, COUNTRIES, type MicroCredential } from '../../src/index.js';
import { langString, sameIdSameDetails, text, uri } from './arbitraries.js';

const country = fc.constantFrom(...(Object.keys(COUNTRIES) as (keyof typeof COUNTRIES)[]));
const scheme = fc.constantFrom('ORCID', 'UAI', 'https://registry.example.eu/scheme');
const identifier = fc.record({ scheme, value: text });

/** Dates with and without an offset other than Z, in order. */
const instants = fc.array(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) }), { minLength: 7, maxLength: 7 }).chain((ms) =>
  fc.array(fc.constantFrom('Z', '+02:00', '-05:00'), { minLength: 7, maxLength: 7 }).map((offsets) =>
    [...ms].sort((a, b) => a - b).map((t, i) => {
      const offset = offsets[i]!;
      if (offset === 'Z') return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
      const minutes = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60);
      return `${new Date(Math.floor(t / 1000) * 1000 + minutes * 60_000).toISOString().slice(0, 19)}${offset}`;
    }),
  ),
);

export const fullOrganisation = fc.record(
  {
    id: uri,
    legalName: langString,
    country,
    region: fc.constantFrom('IE061', 'FR101', 'Île-de-France'),
    address: text,
    homepage: uri,
    email: fc.constantFrom('info@example.org', 'qa@agency.example.eu'),
    identifiers: fc.record(
      { eidas: fc.constantFrom('VATES-A00000000', 'FR/SIRET/12345678900011'), vat: fc.constantFrom('IE1234567T'), registration: text, other: fc.array(identifier, { minLength: 1, maxLength: 2 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['id', 'legalName', 'country'] },
);

const learner = fc
  .record(
    {
      id: uri,
      fullName: text,
      givenName: text,
      familyName: text,
      dateOfBirth: fc.constantFrom('1999-10-02', '2000-02-29', '1975-12-31'),
      nationalId: fc.record({ value: text, country }),
      email: fc.constant('learner@example.org'),
      identifiers: fc.array(identifier, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: [] },
  )
  .filter((l) => l.fullName !== undefined || (l.givenName !== undefined && l.familyName !== undefined) || l.id !== undefined || l.nationalId !== undefined || l.identifiers !== undefined);

const outcome = fc.record(
  {
    title: langString,
    type: fc.constantFrom('knowledge', 'skill', 'competence'),
    description: langString,
    escoSkills: fc.array(fc.uuid().map((u) => `http://data.europa.eu/esco/skill/${u}`), { minLength: 1, maxLength: 2 }),
    relatedSkills: fc.array(uri, { minLength: 1, maxLength: 2 }),
    reusability: fc.constantFrom('transversal', 'cross-sector', 'sector-specific', 'occupation-specific'),
  },
  { requiredKeys: ['title'] },
);

const workload = fc.oneof(
  fc.record({ ects: fc.integer({ min: 1, max: 120 }).map((h) => h / 2), hours: fc.constantFrom(25, 187.5, 60.25), credits: fc.record({ system: fc.oneof(fc.constant('ECVET' as const), fc.constant('https://credits.example.eu/system')), value: fc.constantFrom(1, 2.5, 4) }) }, { requiredKeys: ['ects'] }),
  fc.record({ hours: fc.constantFrom(12, 40.5, 0.75) }),
  fc.record({ credits: fc.record({ system: fc.constant('https://credits.example.eu/system'), value: fc.constantFrom(3, 7.5) }) }),
);

const CYCLE_OF: Record<number, 'short-cycle' | 'first-cycle' | 'second-cycle' | 'third-cycle'> = { 5: 'short-cycle', 6: 'first-cycle', 7: 'second-cycle', 8: 'third-cycle' };
const level = fc
  .record(
    {
      eqf: fc.integer({ min: 1, max: 8 }),
      cycle: fc.boolean(),
      nqf: fc.record({ label: langString, uri: fc.oneof(uri, fc.constantFrom('http://data.europa.eu/snb/qdr/c_8bb0a6f2', 'http://data.europa.eu/snb/qdr/c_3d6a9ba0')) }, { requiredKeys: ['label'] }),
    },
    { requiredKeys: ['eqf', 'cycle'] },
  )
  .map(({ eqf, cycle, nqf }) => ({ eqf, ...(cycle && CYCLE_OF[eqf] ? { qfEhea: CYCLE_OF[eqf] } : {}), ...(nqf ? { nqf } : {}) }));

const assessment = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...ASSESSMENT_TYPES), fc.record({ uri, label: langString })),
    mode: fc.constantFrom('online', 'onsite', 'blended'),
    description: langString,
  },
  { requiredKeys: ['type'] },
);

const qualityAssurance = fc.record(
  {
    type: fc.constantFrom('programme-quality-assurance', 'institutional-quality-assurance', 'programme-licence', 'institutional-licence', 'internal-quality-assurance', 'internal-quality-assurance'),
    title: langString,
    framework: fc.constantFrom('ESG', 'EQAVET', 'ISO-21001', 'Another framework: quality (2024)'),
    agent: fullOrganisation,
    url: uri,
    dates: fc.boolean(),
  },
  { requiredKeys: ['type', 'title', 'dates'] },
);

/** A valid micro-credential in which each optional field of the model may occur. */
export const everyFieldMicroCredential: fc.Arbitrary<MicroCredential> = fc
  .record({
    times: instants,
    id: fc.option(fc.uuid().map((u) => `urn:uuid:${u}`), { nil: undefined }),
    primaryLanguage: fc.option(fc.constantFrom('en', 'ga', 'fr', 'pt-BR'), { nil: undefined }),
    learner,
    title: langString,
    issuer: fullOrganisation,
    issuerAsBody: fc.boolean(),
    awardingBodies: fc.array(fullOrganisation, { minLength: 1, maxLength: 2 }),
    learningOutcomes: fc.array(outcome, { minLength: 1, maxLength: 3 }),
    workload,
    level: fc.option(level, { nil: undefined }),
    assessment,
    mode: fc.constantFrom('online', 'onsite', 'blended', 'work-based', 'project-based', 'research-lab-based'),
    setting: fc.option(fc.constantFrom('formal', 'non-formal', 'informal'), { nil: undefined }),
    participationDates: fc.boolean(),
    provider: fc.option(fullOrganisation, { nil: undefined }),
    qa: fc.array(qualityAssurance, { minLength: 1, maxLength: 4 }),
    issuerAsAgent: fc.boolean(),
    prerequisites: fc.option(langString, { nil: undefined }),
    supervision: fc.option(fc.constantFrom('unsupervised-no-id-verification', 'supervised-no-id-verification', 'supervised-online-id-verification', 'supervised-onsite-id-verification', 'unsupervised-id-verification'), { nil: undefined }),
    grade: fc.option(fc.oneof(text, fc.record({ value: text, scheme: langString, passed: fc.boolean() }, { requiredKeys: ['value'] })), { nil: undefined }),
    stackability: fc.option(
      fc.oneof(
        fc.constant({ kind: 'standalone' as const }),
        fc.record({ kind: fc.constant('stackable' as const), towards: fc.array(fc.record({ title: langString, id: uri, url: uri }, { requiredKeys: ['title'] }), { minLength: 1, maxLength: 2 }) }),
      ),
      { nil: undefined },
    ),
    note: fc.option(langString, { nil: undefined }),
    links: fc.option(fc.array(fc.record({ url: uri, title: langString }, { requiredKeys: ['url'] }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
    validity: fc.boolean(),
  })
  .map((r) => {
    const [start, end, issue, qaIssued, qaExpires, , validUntil] = r.times as [string, string, string, string, string, string, string];
    const mc: Record<string, unknown> = {};
    if (r.id) mc.id = r.id;
    if (r.primaryLanguage) mc.primaryLanguage = r.primaryLanguage;
    const awardingBodies = r.issuerAsBody ? [r.issuer, ...r.awardingBodies.slice(1)] : r.awardingBodies;
    Object.assign(mc, { learner: r.learner, title: r.title, issuer: r.issuer, awardingBodies, dateOfIssue: issue, learningOutcomes: r.learningOutcomes, workload: r.workload });
    if (r.level) mc.level = r.level;
    mc.assessment = r.assessment;
    mc.participation = { mode: r.mode, ...(r.setting ? { setting: r.setting } : {}), ...(r.participationDates ? { startDate: start, endDate: end } : {}), ...(r.provider ? { provider: r.provider } : {}) };
    mc.qualityAssurance = r.qa.map(({ dates, ...q }, i) => ({
      ...q,
      ...(i === 0 && r.issuerAsAgent ? { agent: r.issuer } : {}),
      ...(dates ? { issued: qaIssued, expires: qaExpires } : {}),
    }));
    if (r.prerequisites) mc.prerequisites = r.prerequisites;
    if (r.supervision) mc.supervision = r.supervision;
    if (r.grade) mc.grade = r.grade;
    if (r.stackability) mc.stackability = r.stackability;
    const further = { ...(r.note ? { note: r.note } : {}), ...(r.validity ? { validUntil } : {}), ...(r.links ? { links: r.links } : {}) };
    if (Object.keys(further).length) mc.furtherInformation = further;
    return sameIdSameDetails(mc as unknown as MicroCredential);
  });

