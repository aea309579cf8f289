import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA } from '../src/generated/ob3-schema.js';
import { type Ob3Issue, OB3_CODES } from '../src/ob3/codes.js';
import { exportToOpenBadge } from '../src/ob3/to-open-badge.js';
import { validateOpenBadge } from '../src/ob3/validate.js';
import { fingerprint, hostileCases } from './helpers/hostile.js';

const root = join(import.meta.dirname, '..');
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, any>;
const EXAMPLES = 'test/vectors/1edtech-ob3-examples';
const example = (name: string) => readJson(`${EXAMPLES}/${name}.json`);
const vector = readJson('test/vectors/1edtech-ob3-vector/vector.json');
const key = (i: Pick<Ob3Issue, 'code' | 'severity' | 'path'>) => `${i.code} ${i.severity} ${i.path}`;
const keys = (issues: readonly Ob3Issue[]) => issues.map(key);

// Our own valid micro-credential badge (the invalid fixtures in fixtures/ob3/ are variants of it).
const badge = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:0b3f6a52-7c1e-4d2a-9f3b-5e8d2c1a4b60',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Data Literacy for Public Administration',
  issuer: { id: 'https://uni.example.eu/issuers/1', type: ['Profile'], name: 'Example University' },
  validFrom: '2025-03-01T09:00:00Z',
  credentialSubject: {
    id: 'did:example:learner-7',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://uni.example.eu/achievements/data-literacy',
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: 'Data Literacy for Public Administration',
      description: 'Reading, cleaning and presenting public-sector data sets.',
      criteria: { narrative: 'Passed the final project, assessed by two examiners.' },
    },
  },
};

describe("validateOpenBadge: 1EdTech's examples and test vector", () => {
  for (const name of ['Basic_OpenBadgeCredential', 'Complete_OpenBadgeCredential', 'Achievement_Alignment', 'Skill_Assertion']) {
    it(`${name} passes the schema and JSON-LD safe mode`, async () => {
      const result = await validateOpenBadge(example(name));
      expect(keys(result.issues)).toEqual([]);
      expect(result.ok).toBe(true);
    });
  }

  it('EndorsementCredential fails the AchievementCredential schema (it needs the endorsement schema)', async () => {
    const result = await validateOpenBadge(example('EndorsementCredential'));
    expect(result.ok).toBe(false);
    expect(keys(result.issues)).toContain('OB3_SCHEMA_VIOLATION error /type');
    expect(result.issues.find((i) => i.path === '/type')!.message).toContain('OpenBadgeCredential');
    // Its terms are all defined: JSON-LD safe mode has nothing to say.
    expect(result.issues.filter((i) => i.code !== 'OB3_SCHEMA_VIOLATION')).toEqual([]);
  });

  it("the spec vector's signed credential (one proof object) passes once proof is normalised; the raw schema rejects it", async () => {
    const signed = vector.signedCredential;
    expect(Array.isArray(signed.proof)).toBe(false);
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2019) => void)(ajv);
    const raw = ajv.compile(OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA);
    expect(raw(signed)).toBe(false);
    expect(raw.errors!.map((e) => `${e.instancePath} ${e.message}`)).toEqual(['/proof must be array']);
    const result = await validateOpenBadge(signed);
    expect(keys(result.issues)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(signed.proof).not.toBeInstanceOf(Array); // the caller's document is not changed
  });

  it('points an issue inside a single proof object at the object, not at the array it was checked as', async () => {
    const { cryptosuite: _c, ...proof } = vector.signedCredential.proof;
    const result = await validateOpenBadge({ ...vector.signedCredential, proof: { ...proof, type: 42 } });
    expect(keys(result.issues)).toContain('OB3_SCHEMA_VIOLATION error /proof/type');
    expect(result.issues.every((i) => !i.path.startsWith('/proof/0'))).toBe(true);
  });
});

describe('validateOpenBadge: invalid fixtures (fixtures/ob3/invalid-*.json)', () => {
  const dir = join(root, 'fixtures', 'ob3');
  const names = readdirSync(dir).filter((f) => /^invalid-.*(?<!\.expected)\.json$/.test(f));

  it('has the fixtures', () => expect(names.length).toBeGreaterThanOrEqual(8));

  for (const file of names) {
    it(`${file}: exactly the expected issues`, async () => {
      const doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.json$/, '.expected.json')), 'utf8')) as { profile?: 'ob3' | 'micro-credential'; issues: Ob3Issue[] };
      const result = await validateOpenBadge(doc, { profile: expected.profile ?? 'ob3' });
      expect(keys(result.issues).sort()).toEqual(expected.issues.map(key).sort());
      expect(result.ok).toBe(!expected.issues.some((i) => i.severity === 'error'));
      for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(30);
    });
  }

  it('the plain OB 3.0 badge most of them vary is valid OB 3.0, but lacks Annex I elements as a micro-credential', async () => {
    expect(await validateOpenBadge(badge)).toEqual({ ok: true, issues: [] });
    const profiled = await validateOpenBadge(badge, { profile: 'micro-credential' });
    expect(profiled.ok).toBe(false);
    const missing = profiled.issues.filter((i) => i.code === 'OB3_ELEMENT_MISSING');
    expect(missing.map((i) => i.element)).toEqual(expect.arrayContaining(['M6', 'M7', 'M10', 'M11']));
    expect(missing.every((i) => i.in === 'ob3' && i.severity === 'error')).toBe(true);
    // The issuer is there but has no country (Annex I M3): the model says so, at its own path.
    expect(profiled.issues.filter((i) => i.in === 'model').map((i) => [i.code, i.element, i.path])).toContainEqual(['MC_REQUIRED', 'M3', '/issuer/country']);
    expect(profiled.issues.some((i) => i.code === 'OB3_NOT_MICRO_CREDENTIAL')).toBe(false);
  });
});

describe("validateOpenBadge: this library's badges (toOpenBadge of every valid model fixture)", () => {
  const dir = join(root, 'fixtures', 'valid');
  const models = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
  const exported = (file: string) => {
    const result = exportToOpenBadge(JSON.parse(readFileSync(join(dir, file), 'utf8')), { achievementId: 'https://uni.example.eu/achievements/1' });
    if (!result.ok) throw new Error(`${file}: ${result.issues.map((i) => i.code).join(', ')}`);
    return JSON.parse(JSON.stringify(result.value)) as Record<string, any>;
  };

  it('every one is a valid OB 3.0 badge and a complete micro-credential', async () => {
    expect(models.length).toBeGreaterThanOrEqual(10);
    for (const file of models) {
      const doc = exported(file);
      expect(keys((await validateOpenBadge(doc)).issues), file).toEqual([]);
      expect(keys((await validateOpenBadge(doc, { profile: 'micro-credential' })).issues), file).toEqual([]);
    }
  }, 60_000);

  it('a misspelt extension term is a safe-mode error; a removed element is missing in the profile only', async () => {
    const doc = exported('minimal-mandatory-only.json');
    const { ECTS, ...achievement } = doc.credentialSubject.achievement;
    const misspelt = { ...doc, credentialSubject: { ...doc.credentialSubject, achievement: { ...achievement, ECTs: ECTS } } };
    expect(keys((await validateOpenBadge(misspelt)).issues)).toEqual(['OB3_SAFE_MODE error /credentialSubject/achievement/ECTs']);
    const removed = { ...doc, credentialSubject: { ...doc.credentialSubject, achievement } };
    expect(keys((await validateOpenBadge(removed)).issues)).toEqual([]);
    const profiled = await validateOpenBadge(removed, { profile: 'micro-credential' });
    expect(profiled.issues.map((i) => [i.code, i.element, i.path])).toEqual([['OB3_ELEMENT_MISSING', 'M7', '/credentialSubject/achievement']]);
  });
});

describe('validateOpenBadge: schema messages and pointers', () => {
  it('names the missing member of a nested object, and what each alternative of a oneOf accepts', async () => {
    const noId = await validateOpenBadge({ ...badge, issuer: { type: ['Profile'], name: 'Example University' } });
    expect(keys(noId.issues)).toEqual(['OB3_SCHEMA_VIOLATION error /issuer/id']);
    const number = await validateOpenBadge({ ...badge, issuer: 5 });
    expect(keys(number.issues)).toEqual(['OB3_SCHEMA_VIOLATION error /issuer']);
    expect(number.issues[0]!.message).toMatch(/string.*object/);
    const type = await validateOpenBadge(readJson('fixtures/ob3/invalid-achievement-type.json'));
    expect(type.issues[0]!.message).toMatch(/MicroCredential|"ext:…"/);
    const ext = { ...badge, credentialSubject: { ...badge.credentialSubject, achievement: { ...badge.credentialSubject.achievement, achievementType: 'ext:ShortCourse' } } };
    expect(keys((await validateOpenBadge(ext)).issues)).toEqual([]);
  });

  it('reports a credential type missing once, saying which types are accepted', async () => {
    const result = await validateOpenBadge({ ...badge, type: ['VerifiableCredential'] });
    expect(keys(result.issues)).toEqual(['OB3_SCHEMA_VIOLATION error /type']);
    expect(result.issues[0]!.message).toContain('"AchievementCredential", "OpenBadgeCredential"');
  });

  it('lists at most 100 schema violations, then counts the rest', async () => {
    const alignment = Array.from({ length: 150 }, (_, i) => ({ type: ['Alignment'], targetName: `Outcome ${i}` }));
    const doc = { ...badge, credentialSubject: { ...badge.credentialSubject, achievement: { ...badge.credentialSubject.achievement, alignment } } };
    const { issues } = await validateOpenBadge(doc);
    const schema = issues.filter((i) => i.code === 'OB3_SCHEMA_VIOLATION');
    expect(schema).toHaveLength(100);
    expect(schema[0]!.path).toBe('/credentialSubject/achievement/alignment/0/targetUrl');
    const more = issues.find((i) => i.code === 'OB3_TOO_MANY_ISSUES')!;
    expect(more.message).toMatch(/^50 more/);
  });
});

describe('validateOpenBadge: JSON-LD safe mode', () => {
  it('reports every undefined term and type at each member that uses it', async () => {
    const doc = { ...badge, nickname: 'Anna', type: [...badge.type, 'MicroBadge'], issuer: { ...badge.issuer, nickname: 'EU' } };
    const { issues } = await validateOpenBadge(doc);
    expect(keys(issues).sort()).toEqual(['OB3_SAFE_MODE error /issuer/nickname', 'OB3_SAFE_MODE error /nickname', 'OB3_SAFE_MODE error /type'].sort());
    expect(issues.find((i) => i.path === '/type')!.message).toContain('"MicroBadge"');
  });

  it('points at the right member when a term is undefined in one node and defined in another', async () => {
    // `achievementType` is defined in the Achievement's scope (OB 3.0 context), not in the credential's.
    const { issues } = await validateOpenBadge({ ...badge, achievementType: 'MicroCredential' });
    expect(keys(issues)).toEqual(['OB3_SAFE_MODE error /achievementType']);
  });

  it('reports every unbundled context and fetches nothing', async () => {
    const doc = { ...badge, '@context': [...badge['@context'], 'https://a.example/ctx.json', { '@version': 1.1 }, 'https://b.example/ctx.json'] };
    expect(keys((await validateOpenBadge(doc)).issues)).toEqual(['OB3_CONTEXT_NOT_BUNDLED error /@context/2', 'OB3_CONTEXT_NOT_BUNDLED error /@context/4']);
  });

  it('reports a __proto__ member, which JSON-LD processing drops without a safe-mode error', async () => {
    const doc = JSON.parse(JSON.stringify(badge).replace('"name":"Example University"', '"name":"Example University","__proto__":{"x":1}'));
    expect(keys((await validateOpenBadge(doc)).issues)).toEqual(['OB3_SAFE_MODE error /issuer/__proto__']);
  });

  it('names the VC 1.1-compatible form, and what it lacks for OB 3.0 Final', async () => {
    const { validFrom, ...rest } = badge;
    const v11 = { ...rest, '@context': ['https://www.w3.org/2018/credentials/v1', badge['@context'][1]], issuanceDate: validFrom };
    const { ok, issues } = await validateOpenBadge(v11);
    expect(ok).toBe(false);
    expect(keys(issues)).toEqual(expect.arrayContaining(['OB3_VC1_FORM warning /@context/0', 'OB3_SCHEMA_VIOLATION error /validFrom', 'OB3_SCHEMA_VIOLATION error /@context/0']));
  });
});

describe('validateOpenBadge: VC-JWT', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const jws = (payload: unknown) => {
    const input = `${b64({ alg: 'EdDSA', typ: 'JWT' })}.${b64(payload)}`;
    return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
  };
  const claims = { iss: badge.issuer.id, jti: badge.id, nbf: Date.parse(badge.validFrom) / 1000, sub: badge.credentialSubject.id };

  it('validates the credential inside a compact JWS, warning that the signature was not checked', async () => {
    const result = await validateOpenBadge(jws({ ...badge, ...claims }));
    expect(keys(result.issues)).toEqual(['OB3_JWT_NOT_VERIFIED warning ']);
    expect(result.ok).toBe(true);
  });

  it('points into the credential (OB 3.0 form) or the `vc` claim (VC 1.1 form)', async () => {
    const bad = { ...badge, nickname: 'x', validFrom: 'soon' };
    const ob3 = await validateOpenBadge(jws({ ...bad, ...claims }));
    expect(keys(ob3.issues)).toEqual(['OB3_JWT_NOT_VERIFIED warning ', 'OB3_JWT_CLAIM_MISMATCH error /nbf', 'OB3_SCHEMA_VIOLATION error /validFrom', 'OB3_SAFE_MODE error /nickname']);
    const vc = await validateOpenBadge(jws({ ...claims, vc: bad }));
    expect(keys(vc.issues)).toEqual(['OB3_JWT_NOT_VERIFIED warning ', 'OB3_JWT_CLAIM_MISMATCH error /nbf', 'OB3_SCHEMA_VIOLATION error /vc/validFrom', 'OB3_SAFE_MODE error /vc/nickname']);
  });
});

describe('validateOpenBadge: never throws on data, rejects misused options', () => {
  it('answers every hostile input of the shared bank with issues, and changes none', async () => {
    for (const c of hostileCases(badge as unknown as Record<string, unknown>, 'credentialSubject')) {
      const input = c.make();
      const before = c.noFingerprint ? undefined : fingerprint(input);
      for (const profile of ['ob3', 'micro-credential'] as const) {
        const result = await validateOpenBadge(input, { profile });
        expect(typeof result.ok, c.name).toBe('boolean');
        expect(result.issues.every((i) => (i.code in OB3_CODES || i.code.startsWith('MC_')) && typeof i.path === 'string'), c.name).toBe(true);
        if (!c.acceptable && !['the document as a JSON string', 'symbol keys beside the fields'].includes(c.name)) expect(result.ok, c.name).toBe(false);
      }
      if (before !== undefined) expect(fingerprint(input), c.name).toBe(before);
    }
  }, 60_000);

  it('rejects options that are not an options object, or an unknown profile, with a TypeError', async () => {
    await expect(validateOpenBadge(badge, 42 as never)).rejects.toThrow(TypeError);
    await expect(validateOpenBadge(badge, { profile: 'edc' } as never)).rejects.toThrow(/unknown profile/);
    const throwing = Object.defineProperty({}, 'profile', { get: () => { throw new Error('boom'); } });
    await expect(validateOpenBadge(badge, throwing)).rejects.toThrow(TypeError);
  });
});

describe('scripts/gen-ob3-schema.mjs', () => {
  it('the generated module is what the script makes from the verbatim schema', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-ob3-schema.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(OB3_ACHIEVEMENT_CREDENTIAL_SCHEMA).toEqual(readJson('scripts/data/ob3-schema/ob_v3p0_achievementcredential_schema.json'));
  });
});
