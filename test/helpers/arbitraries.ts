/**
 * fast-check arbitraries: valid micro-credentials (structure and every rule across fields
 * respected), and single mutations of a document.
 */
import fc from 'fast-check';
import { ASSESSMENT_TYPES, COUNTRIES, type MicroCredential } from '../../src/index.js';

const TAGS = ['en', 'ga', 'fr', 'de', 'pl', 'pt-BR', 'sr-Latn', 'el'] as const;

const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 ,.'()-]{0,30}$/);
export const text = word.filter((s) => /\S/.test(s));
export const langString = fc.oneof(text, fc.dictionary(fc.constantFrom(...TAGS), text, { minKeys: 1, maxKeys: 3 }));

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const domain = fc.tuple(label, fc.constantFrom('eu', 'ie', 'de', 'example.org')).map(([a, b]) => `${a}.${b}`);
export const uri = fc.oneof(
  fc.tuple(domain, fc.array(label, { maxLength: 3 })).map(([d, p]) => `https://${d}/${p.join('/')}`),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  domain.map((d) => `did:web:${d}`),
);
export const country = fc.constantFrom(...(Object.keys(COUNTRIES) as (keyof typeof COUNTRIES)[]));

const MIN = Date.UTC(2000, 0, 1);
const MAX = Date.UTC(2035, 11, 31);
const offsets = ['Z', '+01:00', '+02:00', '-05:00', '+05:30'] as const;
/** An instant and its RFC 3339 text, written with one of several offsets. */
const instant = fc.tuple(fc.integer({ min: MIN, max: MAX }), fc.constantFrom(...offsets));
function rfc3339(ms: number, offset: (typeof offsets)[number]): string {
  if (offset === 'Z') return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const sign = offset[0] === '-' ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(Math.floor(ms / 1000) * 1000 + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
}

export const organisation = fc.record(
  {
    id: uri,
    legalName: langString,
    country,
    region: fc.constantFrom('IE061', 'DE929', 'Île-de-France'),
    homepage: uri,
    email: fc.constantFrom('info@example.org', 'registrar@uni.example.eu'),
    identifiers: fc.record({ eidas: fc.constantFrom('IE-CRO-1', 'DE/HRB/2'), vat: fc.constantFrom('IE1234567T') }, { requiredKeys: [] }),
  },
  { requiredKeys: ['id', 'legalName', 'country'] },
);

const learner = fc.oneof(
  fc.record({ fullName: text, email: fc.constant('learner@example.org'), dateOfBirth: fc.constantFrom('1999-10-02', '2000-02-29') }, { requiredKeys: ['fullName'] }),
  fc.record({ givenName: text, familyName: text, id: uri }, { requiredKeys: ['givenName', 'familyName'] }),
);

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

/** ECTS in half credits up to 60, hours at 25-30 per credit when given. */
const workload = fc
  .tuple(fc.integer({ min: 1, max: 120 }), fc.option(fc.integer({ min: 25, max: 30 }), { nil: undefined }), fc.boolean())
  .map(([halves, perCredit, ecvet]) => {
    const ects = halves / 2;
    return {
      ects,
      ...(perCredit === undefined ? {} : { hours: ects * perCredit }),
      ...(ecvet ? { credits: { system: 'ECVET' as const, value: Math.max(1, Math.round(ects)) } } : {}),
    };
  });

const CYCLES = [undefined, undefined, undefined, undefined, 'short-cycle', 'first-cycle', 'second-cycle', 'third-cycle'] as const;
const level = fc.integer({ min: 1, max: 8 }).chain((eqf) =>
  fc.record(
    {
      eqf: fc.constant(eqf),
      ...(CYCLES[eqf - 1] ? { qfEhea: fc.constant(CYCLES[eqf - 1]!) } : {}),
      nqf: fc.record({ label: langString, uri }, { requiredKeys: ['label'] }),
    },
    { requiredKeys: ['eqf'] },
  ),
);

const assessment = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...ASSESSMENT_TYPES.filter((t) => t !== 'level-of-attendance')), fc.record({ uri, label: langString })),
    mode: fc.constantFrom('online', 'onsite', 'blended'),
    description: langString,
  },
  { requiredKeys: ['type'] },
);

/** A micro-credential that passes validation with no error (warnings possible only for names). */
export const validMicroCredential: fc.Arbitrary<MicroCredential> = fc
  .record({
    times: fc.array(instant, { minLength: 5, maxLength: 5 }),
    learner,
    title: langString,
    issuer: organisation,
    awardingBodies: fc.array(organisation, { minLength: 1, maxLength: 3 }),
    learningOutcomes: fc.array(outcome, { minLength: 1, maxLength: 4 }),
    workload,
    level: fc.option(level, { nil: undefined }),
    assessment,
    mode: fc.constantFrom('online', 'onsite', 'blended', 'work-based', 'project-based', 'research-lab-based'),
    setting: fc.option(fc.constantFrom('formal', 'non-formal', 'informal'), { nil: undefined }),
    provider: fc.option(organisation, { nil: undefined }),
    qa: fc.array(
      fc.record(
        {
          type: fc.constantFrom('programme-quality-assurance', 'institutional-quality-assurance', 'programme-licence', 'institutional-licence', 'internal-quality-assurance'),
          title: langString,
          framework: fc.constantFrom('ESG', 'EQAVET', 'ISO-21001', 'Another framework'),
          agent: organisation,
          url: uri,
        },
        { requiredKeys: ['type', 'title'] },
      ),
      { minLength: 1, maxLength: 2 },
    ),
    optional: fc.record(
      {
        id: fc.uuid().map((u) => `urn:uuid:${u}`),
        primaryLanguage: fc.constantFrom('en', 'ga', 'pt-BR'),
        prerequisites: langString,
        supervision: fc.constantFrom('unsupervised-no-id-verification', 'supervised-no-id-verification', 'supervised-online-id-verification', 'supervised-onsite-id-verification'),
        grade: fc.oneof(text, fc.record({ value: text, scheme: langString, passed: fc.boolean() }, { requiredKeys: ['value'] })),
        stackability: fc.oneof(
          fc.constant({ kind: 'standalone' as const }),
          fc.record({ kind: fc.constant('stackable' as const), towards: fc.array(fc.record({ title: langString, id: uri, url: uri }, { requiredKeys: ['title'] }), { minLength: 1, maxLength: 2 }) }),
        ),
        note: langString,
        links: fc.array(fc.record({ url: uri, title: langString }, { requiredKeys: ['url'] }), { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
    withDates: fc.boolean(),
    withValidity: fc.boolean(),
  })
  .map((r) => {
    // Order the five instants: start ≤ end ≤ QA issued… no: start ≤ end ≤ issue ≤ QA expiry, validity.
    const sorted = [...r.times].sort((a, b) => a[0] - b[0]);
    const [start, end, issue, expiry, validUntil] = sorted.map(([ms, off]) => rfc3339(ms, off)) as [string, string, string, string, string];
    const mc: Record<string, unknown> = {};
    if (r.optional.id) mc.id = r.optional.id;
    if (r.optional.primaryLanguage) mc.primaryLanguage = r.optional.primaryLanguage;
    Object.assign(mc, {
      learner: r.learner,
      title: r.title,
      issuer: r.issuer,
      awardingBodies: r.awardingBodies,
      dateOfIssue: issue,
      learningOutcomes: r.learningOutcomes,
      workload: r.workload,
    });
    if (r.level) mc.level = r.level;
    mc.assessment = r.assessment;
    mc.participation = {
      mode: r.mode,
      ...(r.setting ? { setting: r.setting } : {}),
      ...(r.withDates ? { startDate: start, endDate: end } : {}),
      ...(r.provider ? { provider: r.provider } : {}),
    };
    mc.qualityAssurance = r.qa.map((q, i) => (i === 0 ? { ...q, issued: start, expires: expiry } : q));
    if (r.optional.prerequisites) mc.prerequisites = r.optional.prerequisites;
    if (r.optional.supervision) mc.supervision = r.optional.supervision;
    if (r.optional.grade) mc.grade = r.optional.grade;
    if (r.optional.stackability) mc.stackability = r.optional.stackability;
    const further = {
      ...(r.optional.note ? { note: r.optional.note } : {}),
      ...(r.withValidity ? { validUntil } : {}),
      ...(r.optional.links ? { links: r.optional.links } : {}),
    };
    if (Object.keys(further).length > 0) mc.furtherInformation = further;
    return sameIdSameDetails(mc as unknown as MicroCredential);
  });

/**
 * Organisations that happen to share an id get the details of the first one: in JSON-LD an id is
 * one node, and the exporter rightly refuses two that disagree (ELM_ORGANISATION_CONFLICT).
 */
export function sameIdSameDetails(mc: MicroCredential): MicroCredential {
  const first = new Map<string, MicroCredential['issuer']>();
  const pick = <T extends MicroCredential['issuer']>(org: T): T => {
    const known = first.get(org.id);
    if (known) return known as T;
    first.set(org.id, org);
    return org;
  };
  const issuer = pick(mc.issuer);
  const awardingBodies = mc.awardingBodies.map(pick);
  const provider = mc.participation.provider ? pick(mc.participation.provider) : undefined;
  const qualityAssurance = mc.qualityAssurance.map((q) => (q.agent ? { ...q, agent: pick(q.agent) } : q));
  return distinctKinds({ ...mc, issuer, awardingBodies, participation: { ...mc.participation, ...(provider ? { provider } : {}) }, qualityAssurance }, new Set(first.keys()));
}

/**
 * No two different nodes share an id: the credential, the learner, a custom assessment type, an EU
 * NQF level, a target qualification and a related skill each have an id no organisation and no
 * other of them has (a target qualification with the assessment type's URI, two target
 * qualifications of one id and other titles, a related skill that is the learner…). JSON-LD would
 * make them one node, and the exporter refuses that (ELM_NODE_CONFLICT). Such ids are replaced by
 * ones of their own; the same related skill may still recur, as it is the same node.
 */
function distinctKinds(mc: MicroCredential, organisations: ReadonlySet<string>): MicroCredential {
  const taken = new Map([...organisations].map((id) => [id, 'organisation']));
  const own = (id: string, kind: string, shared = false) => {
    const known = taken.get(id);
    const out = known === undefined || (shared && known === kind) ? id : `urn:example:${kind}-${taken.size}`;
    taken.set(out, kind);
    return out;
  };
  const out = { ...mc };
  if (out.id !== undefined) out.id = own(out.id, 'credential');
  if (out.learner.id !== undefined) out.learner = { ...out.learner, id: own(out.learner.id, 'learner') };
  if (typeof out.assessment.type === 'object') out.assessment = { ...out.assessment, type: { ...out.assessment.type, uri: own(out.assessment.type.uri, 'assessment-type') } };
  if (out.level?.nqf?.uri !== undefined) out.level = { ...out.level, nqf: { ...out.level.nqf, uri: own(out.level.nqf.uri, 'nqf-level') } };
  if (out.stackability?.kind === 'stackable') {
    out.stackability = { ...out.stackability, towards: out.stackability.towards.map((t) => (t.id === undefined ? t : { ...t, id: own(t.id, 'qualification') })) } as typeof out.stackability;
  }
  out.learningOutcomes = out.learningOutcomes.map((o) => (o.relatedSkills ? { ...o, relatedSkills: o.relatedSkills.map((uri) => own(uri, 'skill', true)) } : o)) as typeof out.learningOutcomes;
  return out;
}

/** Every path to a value inside a JSON document. */
export function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

export type Mutation = 'delete' | 'replace' | 'add-key';

/** A copy of `doc` with one change at one path. */
export function mutate(doc: unknown, pick: number, how: Mutation, replacement: unknown, key: string): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const paths = pathsOf(copy).slice(1);
  if (paths.length === 0) return replacement;
  const path = paths[pick % paths.length]!;
  let parent: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (how === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (how === 'replace') {
    parent[last] = replacement;
  } else {
    const target = parent[last];
    // defineProperty, so that a `__proto__` key is an own data property, as JSON.parse makes it.
    const own = { value: replacement, enumerable: true, writable: true, configurable: true };
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, key, own);
    else parent[last] = Object.defineProperty({}, key, own);
  }
  return copy;
}

export const mutation = fc.tuple(fc.nat(), fc.constantFrom<Mutation>('delete', 'replace', 'add-key'), fc.jsonValue({ maxDepth: 2 }), fc.oneof(fc.constantFrom('__proto__', 'constructor', 'en', 'toString'), fc.string({ maxLength: 8 })));
