import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_TYPE, EQF_LEVEL, LEARNING_MODE, LEARNING_SETTING, QUALITY_ASSURANCE_TYPE, SKILL_REUSE_LEVEL, SKILL_TYPE } from '../src/generated/elm-vocabularies.js';
import { OB3_EXTENSION_CONTEXT, OB3_EXTENSION_CONTEXT_URL } from '../src/generated/ob3-extension-context.js';
import { canonicalFormProblems } from '../src/jsonld/canonical-form.js';
import { BUNDLED_CONTEXT_URLS, BUNDLED_CONTEXTS, OB3_CONTEXT_URLS } from '../src/jsonld/contexts.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { exportToOpenBadge, OpenBadgeExportError, toOpenBadge } from '../src/ob3/to-open-badge.js';
import { validateOpenBadge } from '../src/ob3/validate.js';
import type { MicroCredential } from '../src/index.js';
import { everyFieldMicroCredential } from './helpers/every-field.js';
import { validFixtures } from './helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
const schema = JSON.parse(readFileSync(join(root, 'scripts/data/ob3-schema/ob_v3p0_achievementcredential_schema.json'), 'utf8'));
const ajv = new (Ajv2019 as unknown as typeof Ajv2019.default)({ strict: false, allErrors: true });
(addFormats as unknown as typeof addFormats.default)(ajv);
const schemaValid = ajv.compile(schema);
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** JSON-LD expansion in safe mode (an undefined term, a relative IRI… is an error) with the bundled contexts. */
const expandSafe = (doc: unknown) => jsonld.expand(structuredClone(doc) as never, { safe: true, documentLoader } as never);
const rich = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential;
const fixtures = validFixtures.map((f) => [f.name, f.doc as MicroCredential] as const);

describe('every valid fixture exports to a badge that', () => {
  it.each(fixtures)('%s: passes 1EdTech\'s AchievementCredential JSON Schema', (_, mc) => {
    const badge = toOpenBadge(mc);
    schemaValid(badge);
    expect(schemaValid.errors ?? []).toEqual([]);
  });

  it.each(fixtures)('%s: expands in JSON-LD safe mode with the bundled contexts', async (_, mc) => {
    const expanded = await expandSafe(toOpenBadge(mc));
    expect(expanded).toHaveLength(1);
  });

  it.each(fixtures)('%s: validateOpenBadge accepts, with the micro-credential profile', async (_, mc) => {
    const result = await validateOpenBadge(toOpenBadge(mc), { profile: 'micro-credential' });
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('the checks above can fail', () => {
  it('safe mode rejects a member no context defines, and the schema an achievement without criteria', async () => {
    const badge = toOpenBadge(rich);
    (badge.credentialSubject.achievement as Record<string, unknown>).workload = 4;
    await expect(expandSafe(badge)).rejects.toThrow(/safe mode/i);
    const bare = toOpenBadge(rich);
    delete bare.credentialSubject.achievement.criteria;
    expect(schemaValid(bare)).toBe(false);
  });
});

describe('RDF canonicalization (RDFC-1.0, what an eddsa-rdfc-2022 proof signs), with jsonld\'s default work limits', () => {
  const canonize = (doc: unknown) => jsonld.canonize(structuredClone(doc) as never, { algorithm: 'RDFC-1.0', format: 'application/n-quads', safe: true, documentLoader } as never);

  it.each(fixtures)('%s', async (_, mc) => {
    expect(await canonize(toOpenBadge(mc))).toContain('<https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType> "MicroCredential"');
  });

  // Lists (@list) of blank nodes, or the same alignment twice, once made generated badges exceed the
  // limits ("Maximum deep iterations exceeded"): such a badge cannot be signed.
  it('succeeds on generated micro-credentials that use every field', async () => {
    await fc.assert(fc.asyncProperty(everyFieldMicroCredential, async (mc) => void (await canonize(toOpenBadge(mc)))), { numRuns: 80 });
  }, 120_000);
});

describe('the one JSON form a signature needs (what signCredential checks before signing)', () => {
  const options = { documentLoader, allowedContexts: new Set(BUNDLED_CONTEXT_URLS), staticContexts: new Set(BUNDLED_CONTEXT_URLS), ob3Contexts: new Set(OB3_CONTEXT_URLS) };
  const problems = async (doc: unknown) => (await canonicalFormProblems(doc as never, options)).map((p) => `${p.pointer}: ${p.message}`);

  it.each(fixtures)('%s: every text in its one spelling (plain string or language map), one member per property', async (_, mc) => {
    expect(await problems(toOpenBadge(mc))).toEqual([]);
  });

  it('generated micro-credentials that use every field', async () => {
    await fc.assert(fc.asyncProperty(everyFieldMicroCredential, async (mc) => {
      expect(await problems(toOpenBadge(mc))).toEqual([]);
    }), { numRuns: 100 });
  }, 60_000);

  it('the check can fail: a plain text under a language-map term is refused', async () => {
    const badge = toOpenBadge(rich);
    (badge.credentialSubject.achievement as Record<string, unknown>).noteMap = 'A plain text';
    expect((await problems(badge)).join()).toMatch(/noteMap/);
  });
});

describe('generated micro-credentials that use every field', () => {
  it('export to badges that pass the schema and safe-mode expansion', async () => {
    await fc.assert(
      fc.asyncProperty(everyFieldMicroCredential, async (mc) => {
        const badge = toOpenBadge(mc);
        schemaValid(badge);
        expect(schemaValid.errors ?? []).toEqual([]);
        await expandSafe(badge);
      }),
      { numRuns: 60 },
    );
  });
});

describe('where each Annex I element goes (every-optional-element)', () => {
  const badge = toOpenBadge(rich, { achievementId: 'https://uni.example.eu/courses/accessibility' });
  const subject = badge.credentialSubject as Record<string, any>;
  const a = subject.achievement as Record<string, any>;
  const primary = rich.primaryLanguage ?? 'en';
  const one = (t: string | Record<string, string>) => (typeof t === 'string' ? t : (t[primary] ?? Object.values(t)[0]));

  it('envelope: contexts in the order the schema requires, types, achievementType MicroCredential', () => {
    expect(badge['@context']).toEqual([VC2, OB303, OB3_EXTENSION_CONTEXT_URL]);
    expect(badge.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(a.achievementType).toBe('MicroCredential');
    expect(a.id).toBe('https://uni.example.eu/courses/accessibility');
  });

  it('M1 learner: subject id and not-hashed IdentityObjects; names, birth date, national id in extension terms', () => {
    const l = rich.learner;
    if (l.id) expect(subject.id).toBe(l.id);
    if (l.fullName) expect(subject.identifier).toContainEqual({ type: 'IdentityObject', identityType: 'name', identityHash: l.fullName, hashed: false });
    if (l.email) expect(subject.identifier).toContainEqual({ type: 'IdentityObject', identityType: 'emailAddress', identityHash: l.email, hashed: false });
    if (l.nationalId) expect(subject.nationalId).toEqual({ notation: l.nationalId.value, countryCode: l.nationalId.country });
    if (l.dateOfBirth) expect(subject.dateOfBirth).toBe(l.dateOfBirth);
  });

  it('M2 title: achievement and credential name; the language map in nameMap', () => {
    expect(a.name).toBe(one(rich.title));
    expect(badge.name).toBe(one(rich.title));
    if (typeof rich.title !== 'string') expect(a.nameMap).toEqual(rich.title);
  });

  it('M3 issuer: a Profile with addressCountryCode and addressRegion', () => {
    expect(badge.issuer).toMatchObject({ id: rich.issuer.id, type: ['Profile'], name: one(rich.issuer.legalName), address: { type: ['Address'], addressCountryCode: rich.issuer.country } });
    if (rich.issuer.region) expect((badge.issuer as any).address.addressRegion).toBe(rich.issuer.region);
    if (rich.issuer.identifiers?.eidas) expect((badge.issuer as any).otherIdentifier).toContainEqual({ type: 'IdentifierEntry', identifier: rich.issuer.identifiers.eidas, identifierType: 'ext:eIDASLegalIdentifier' });
  });

  it('M4 awarding bodies: extension awardingBody, Profiles', () => {
    expect(a.awardingBody.map((p: any) => p.id)).toEqual(rich.awardingBodies.map((o) => o.id));
    expect(a.awardingBody.every((p: any) => p.type[0] === 'Profile')).toBe(true);
  });

  it('M5 date: validFrom and awardedDate; O5 validUntil', () => {
    expect(badge.validFrom).toBe(rich.dateOfIssue);
    expect(badge.awardedDate).toBe(rich.dateOfIssue);
    expect(badge.validUntil).toBe(rich.furtherInformation?.validUntil);
  });

  it('M6 learning outcomes: ESCO skills as ext:ESCOSkill alignments with the skill URI, the outcomes in learningOutcome', () => {
    const skills = rich.learningOutcomes.flatMap((o) => o.escoSkills ?? []);
    expect(skills.length).toBeGreaterThan(0);
    const esco = a.alignment.filter((x: any) => x.targetType === 'ext:ESCOSkill');
    expect(esco.map((x: any) => x.targetUrl)).toEqual(skills);
    expect(a.learningOutcome).toHaveLength(rich.learningOutcomes.length);
    expect(a.description).toBe(`Learning outcomes: ${rich.learningOutcomes.map((o) => one(o.title)).join('; ')}`);
  });

  it('M7 workload: ECTS (the edubadges name), workloadHours, credits; never creditsAvailable', () => {
    expect(a.ECTS).toBe(rich.workload.ects);
    if (rich.workload.hours !== undefined) expect(a.workloadHours).toBe(rich.workload.hours);
    expect(a.creditsAvailable).toBeUndefined();
  });

  it('M8 level: an ext:EQF alignment to the EQF concept, and eqfLevel / qfEheaLevel / nqfLevel', () => {
    const eqf = rich.level!.eqf!;
    expect(a.alignment).toContainEqual(expect.objectContaining({ targetType: 'ext:EQF', targetUrl: EQF_LEVEL.concepts[eqf as 6].uri, targetCode: String(eqf) }));
    expect(a.eqfLevel).toBe(eqf);
    if (rich.level!.qfEhea) expect(a.qfEheaLevel).toBe(rich.level!.qfEhea);
  });

  it('M9 assessment: assessmentType (edubadges name, EU concept in RDF), mode, description; criteria derived', () => {
    expect(a.assessmentType).toEqual(rich.assessment.type);
    expect(a.criteria.narrative).toMatch(/^Assessment: /);
  });

  it('M10 participation: participationType, learningSetting; the dates as activityStartDate / activityEndDate', () => {
    expect(a.participationType).toBe(rich.participation.mode);
    expect(subject.activityStartDate).toBe(rich.participation.startDate);
    expect(subject.activityEndDate).toBe(rich.participation.endDate);
  });

  it('M11 quality assurance: ext:QualityAssurance alignments, and qualityAssurance in full', () => {
    const qa = a.alignment.filter((x: any) => x.targetType === 'ext:QualityAssurance');
    expect(qa).toHaveLength(rich.qualityAssurance.length);
    expect(qa.map((x: any) => x.targetCode)).toEqual(rich.qualityAssurance.map((q) => q.type));
    expect(a.qualityAssurance).toHaveLength(rich.qualityAssurance.length);
  });

  it('O1-O4: prerequisites, supervisionType with identityChecked, grade as result and resultDescription, stackability', () => {
    if (rich.prerequisites) expect(a.prerequisites).toEqual(rich.prerequisites);
    expect(a.supervisionType).toBe(rich.supervision);
    expect(typeof a.identityChecked).toBe('boolean');
    const grade = typeof rich.grade === 'string' ? { value: rich.grade } : rich.grade!;
    expect(subject.result).toEqual([expect.objectContaining({ type: ['Result'], value: grade.value, resultDescription: a.resultDescription[0].id })]);
    expect(a.resultDescription[0]).toMatchObject({ type: ['ResultDescription'], resultType: 'Result' });
    expect(a.stackability).toBe(rich.stackability!.kind);
  });
});

describe('options, results and errors', () => {
  it('generates urn:uuid ids when none is given; options.id only when the model has none', () => {
    const { id: _id, ...noId } = rich;
    const badge = toOpenBadge(noId as MicroCredential);
    expect(badge.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect((badge.credentialSubject.achievement as { id: string }).id).toMatch(/^urn:uuid:/);
    expect(toOpenBadge(noId as MicroCredential, { id: 'https://uni.example.eu/b/1' }).id).toBe('https://uni.example.eu/b/1');
    if (rich.id) expect(toOpenBadge(rich, { id: 'https://uni.example.eu/b/1' }).id).toBe(rich.id);
  });

  it('validFrom: a re-issue date, while awardedDate keeps the date of issuing', () => {
    const badge = toOpenBadge(rich, { validFrom: '2031-01-01T00:00:00Z' });
    expect([badge.validFrom, badge.awardedDate]).toEqual(['2031-01-01T00:00:00Z', rich.dateOfIssue]);
  });

  it('bad options are a TypeError', () => {
    expect(() => toOpenBadge(rich, null as never)).toThrow(TypeError);
    expect(() => toOpenBadge(rich, { id: 'not a uri' })).toThrow(TypeError);
    expect(() => toOpenBadge(rich, { validFrom: '2025-01-01' })).toThrow(TypeError);
  });

  it('an invalid model: exportToOpenBadge returns the issues, toOpenBadge throws them', () => {
    const { workload: _w, ...bad } = rich;
    const result = exportToOpenBadge(bad);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'MC_WORKLOAD_MISSING', in: 'model', element: 'M7' }));
    expect(() => toOpenBadge(bad as MicroCredential)).toThrow(OpenBadgeExportError);
    try {
      toOpenBadge(bad as MicroCredential);
    } catch (e) {
      expect((e as OpenBadgeExportError).code).toBe('ERR_OB3_EXPORT');
      expect((e as OpenBadgeExportError).issues).toEqual(result.issues);
    }
    expect(exportToOpenBadge(null).ok).toBe(false);
  });

  it('does not change its input', () => {
    const copy = structuredClone(rich);
    toOpenBadge(rich);
    expect(rich).toEqual(copy);
  });
});

describe('the extension context', () => {
  const ext = OB3_EXTENSION_CONTEXT['@context'] as Record<string, any>;

  it('is JSON-LD 1.1, protected, under its URL, and bundled', () => {
    expect(OB3_EXTENSION_CONTEXT_URL).toBe('https://w3id.org/eu-micro-credentials/ob3/v1');
    expect(ext['@version']).toBe(1.1);
    expect(ext['@protected']).toBe(true);
    expect(BUNDLED_CONTEXTS.get(OB3_EXTENSION_CONTEXT_URL)).toEqual(OB3_EXTENSION_CONTEXT);
  });

  it('redefines no term of VC 2.0 or OB 3.0.3, unless with the very same definition', () => {
    const defined = new Map<string, unknown>();
    const walk = (ctx: Record<string, any>) => {
      for (const [k, v] of Object.entries(ctx)) {
        if (k.startsWith('@')) continue;
        defined.set(k, v);
        if (v && typeof v === 'object' && v['@context']) walk(v['@context']);
      }
    };
    walk((BUNDLED_CONTEXTS.get(VC2) as any)['@context']);
    walk((BUNDLED_CONTEXTS.get(OB303) as any)['@context']);
    for (const [term, definition] of Object.entries(ext)) {
      if (term.startsWith('@') || !defined.has(term)) continue;
      expect(definition, term).toEqual(defined.get(term));
    }
  });

  it('maps the model\'s values to the EU concepts (scoped @vocab), the others to its own vocabulary', () => {
    const map = (term: string) => ext[term]['@context'] as Record<string, string>;
    const uris = (set: { concepts: Record<string, { uri: string }> }) => Object.fromEntries(Object.entries(set.concepts).map(([k, c]) => [k, c.uri]));
    expect(map('assessmentType')).toEqual(uris(ASSESSMENT_TYPE));
    expect(map('participationType')).toEqual(uris(LEARNING_MODE));
    expect(map('learningSetting')).toEqual({ ...uris(LEARNING_SETTING), informal: 'eumc:informal' });
    expect(map('assuranceType')).toEqual({ ...uris(QUALITY_ASSURANCE_TYPE), 'internal-quality-assurance': 'eumc:internal-quality-assurance' });
    expect(map('outcomeType')).toEqual({ ...uris(SKILL_TYPE), competence: 'eumc:competence' });
    expect(map('reusability')).toEqual(uris(SKILL_REUSE_LEVEL));
  });

  it('gives every enumerated value an IRI in RDF: no value falls to the VC 2.0 issuer-dependent vocabulary', async () => {
    const expanded = JSON.stringify(await expandSafe(toOpenBadge(rich)));
    expect(expanded).not.toContain('issuer-dependent');
    expect(expanded).toContain(ASSESSMENT_TYPE.concepts[rich.assessment.type as 'portfolio']?.uri ?? 'urn:never');
  });
});
