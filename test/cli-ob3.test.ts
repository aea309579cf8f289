// The built `eumc` (dist/cli.js) on Open Badges 3.0: `convert --to ob3` and back, `validate` of
// badges (kind `ob3`, and `signed` with an OB3 content check), `verify` of badges signed by
// `eumc sign` (eddsa-rdfc-2022, Ed25519Signature2020), VC-JWT badges (decoded by `validate`, verified by `verify`), and
// baked PNG/SVG badges. Every badge here is made by running the CLI and the library on fixtures.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge } from '../src/ob3.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
type Report = { summary: Record<string, number>; files: Record<string, any>[] };
const json = (args: string[]) => {
  const r = run([...args, '--format', 'json']);
  return { code: r.code, report: JSON.parse(r.out) as Report };
};
const codesOf = (issues: { code: string }[]) => issues.map((i) => i.code);

const fixture = (name: string) => join(repo, 'fixtures', 'valid', `${name}.json`);
const SUITES = ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const;

let dir: string;
const file = (name: string) => join(dir, name);
const read = (name: string) => JSON.parse(readFileSync(file(name), 'utf8'));

/**
 * A VC-JWT (OB 3.0, "JSON Web Token Proof Format"): the badge with its JWT claims, signed with a
 * fresh Ed25519 key by Node's crypto, and the issuer's controller document listing that key.
 */
function vcJwt(badge: Record<string, any>): { jws: string; controller: object } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const kid = `${badge.issuer.id}#key-1`;
  const head = b64({ alg: 'EdDSA', typ: 'JWT', kid });
  const body = b64({ ...badge, iss: badge.issuer.id, jti: badge.id, nbf: Date.parse(badge.validFrom) / 1000 });
  const jws = `${head}.${body}.${sign(null, Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
  const method = { id: kid, type: 'JsonWebKey', controller: badge.issuer.id, publicKeyJwk: publicKey.export({ format: 'jwk' }) };
  return { jws, controller: { '@context': ['https://www.w3.org/ns/did/v1'], id: badge.issuer.id, verificationMethod: [method], assertionMethod: [kid] } };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-ob3-'));
  // The model → OB 3.0 badges, by the CLI.
  expect(run(['convert', '--to', 'ob3', fixture('higher-education'), '--out', file('badge.json')]).code).toBe(0);
  const { id: _, ...withoutId } = JSON.parse(readFileSync(fixture('higher-education'), 'utf8'));
  writeFileSync(file('mc-without-id.json'), JSON.stringify(withoutId));
  expect(run(['convert', '--to', 'ob3', fixture('minimal-mandatory-only'), '--out', file('minimal.json')]).code).toBe(0);
  expect(run(['keygen', '--out', file('key.json')]).code).toBe(0);
  for (const suite of SUITES) {
    const signed = run(['sign', '--key', file('key.json'), '--set-issuer', '--suite', suite, file('minimal.json'), '--out', file(`signed-${suite}.json`)]);
    expect(signed, signed.err).toMatchObject({ code: 0 });
  }
  const tampered = read('signed-eddsa-rdfc-2022.json');
  tampered.credentialSubject.achievement.ECTS = 30;
  writeFileSync(file('signed-tampered.json'), JSON.stringify(tampered));
  // 1EdTech's basic badge shape (fixtures/ob3/sign-basic.json): a valid Open Badge, not a micro-credential.
  expect(run(['sign', '--key', file('key.json'), '--set-issuer', join(repo, 'fixtures', 'ob3', 'sign-basic.json'), '--out', file('signed-basic.json')]).code).toBe(0);
  writeFileSync(file('undefined-term.json'), JSON.stringify({ ...read('badge.json'), nickname: 'Anna' }));
  const { jws, controller } = vcJwt(read('minimal.json'));
  writeFileSync(file('controller.json'), JSON.stringify(controller));
  const [h, p, sig] = jws.split('.') as [string, string, string];
  const changed = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), name: 'Another badge' })).toString('base64url');
  writeFileSync(file('badge-tampered.jwt'), `${h}.${changed}.${sig}`);
  writeFileSync(file('badge.jwt'), jws);
  writeFileSync(file('badge-jwt.json'), JSON.stringify(jws));
  writeFileSync(file('baked.png'), bakeBadge(new Uint8Array(readFileSync(join(repo, 'fixtures', 'ob3', 'bake-badge.png'))), read('signed-eddsa-rdfc-2022.json')));
  writeFileSync(file('baked.svg'), bakeBadge(readFileSync(join(repo, 'fixtures', 'ob3', 'bake-badge.svg'), 'utf8'), jws));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eumc convert --to ob3', () => {
  it('writes an OpenBadgeCredential, with --id for a model without id, and nothing on standard error', () => {
    expect(read('badge.json').id).toBe(JSON.parse(readFileSync(fixture('higher-education'), 'utf8')).id);
    const r = run(['convert', '--to', 'ob3', file('mc-without-id.json'), '--id', 'urn:uuid:5c1b1b0e-7d0e-4d7a-9a0e-000000000002', '--achievement-id', 'https://uni.example.eu/courses/x']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const badge = JSON.parse(r.out);
    expect(badge.type).toContain('OpenBadgeCredential');
    expect(badge.id).toBe('urn:uuid:5c1b1b0e-7d0e-4d7a-9a0e-000000000002');
    expect(badge.credentialSubject.achievement.id).toBe('https://uni.example.eu/courses/x');
    expect(badge.credentialSubject.achievement.achievementType).toBe('MicroCredential');
  });

  it('an invalid micro-credential: exit 1, every error with its code and place on standard error, nothing written', () => {
    const input = join(repo, 'fixtures', 'invalid', 'all-mandatory-missing.json');
    const expected = JSON.parse(readFileSync(join(repo, 'fixtures', 'invalid', 'all-mandatory-missing.expected.json'), 'utf8')).issues as { code: string; path: string }[];
    const r = run(['convert', '--to', 'ob3', input, '--out', file('never.json')]);
    expect(r.code).toBe(1);
    for (const i of expected) expect(r.err).toContain(`error ${i.path}: `), expect(r.err).toContain(`[${i.code}]`);
    expect(() => readFileSync(file('never.json'))).toThrow();
  });

  it('a badge is not a micro-credential to convert: `--to ob3` and `--to elm` point at `--to model`', () => {
    for (const to of ['ob3', 'elm']) {
      const r = run(['convert', '--to', to, file('badge.json')]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/the input is an Open Badges 3\.0 credential: .*`convert --to model` reads this one/);
    }
  });

  it('--achievement-id without --to ob3 is a usage error', () => {
    expect(run(['convert', '--to', 'elm', fixture('higher-education'), '--achievement-id', 'https://x.example']).code).toBe(2);
  });
});

describe('eumc convert --to model of a badge', () => {
  it('reads an exported badge back to the micro-credential it came from', () => {
    const r = run(['convert', '--to', 'model', file('badge.json')]);
    expect(r.code).toBe(0);
    const { $schema: _, ...original } = JSON.parse(readFileSync(fixture('higher-education'), 'utf8'));
    expect(JSON.parse(r.out)).toEqual(original);
  });

  it('a signed badge: read, with a note that its proof was not checked', () => {
    const r = run(['convert', '--to', 'model', file('signed-eddsa-rdfc-2022.json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).title).toBe(read('minimal.json').credentialSubject.achievement.name);
    expect(r.err).toMatch(/proof was not checked/);
  });

  it('a VC-JWT, as a .jwt file or a JSON string: decoded, with OB3_JWT_NOT_VERIFIED saying the signature is not verified', () => {
    for (const name of ['badge.jwt', 'badge-jwt.json']) {
      const r = run(['convert', '--to', 'model', file(name)]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).title).toBe(read('minimal.json').credentialSubject.achievement.name);
      expect(r.err).toMatch(/^warning .*did not verify its JWS signature.* \[OB3_JWT_NOT_VERIFIED\]$/m);
    }
  });

  it('baked badges: the credential out of a PNG (embedded proof) and an SVG (VC-JWT)', () => {
    for (const [name, format] of [['baked.png', 'PNG'], ['baked.svg', 'SVG']]) {
      const r = run(['convert', '--to', 'model', file(name!)]);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).title).toBe(read('minimal.json').credentialSubject.achievement.name);
      expect(r.err).toContain(`read the credential baked into the ${format} image`);
    }
  });

  it('an image with no badge baked in: exit 1, OB3_IMAGE_NOT_BAKED', () => {
    const r = run(['convert', '--to', 'model', join(repo, 'fixtures', 'ob3', 'bake-badge.png')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/\[OB3_IMAGE_NOT_BAKED\]/);
  });

  it('a badge that lacks Annex I elements: the model is written, exit 1, OB3_ELEMENT_MISSING at the place in the file', () => {
    const r = run(['convert', '--to', 'model', file('signed-basic.json')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ title: expect.any(String) });
    expect(r.err).toMatch(/^error \/credentialSubject\/achievement: Annex I M7 .*\[OB3_ELEMENT_MISSING\]$/m);
  });
});

describe('eumc validate: kind ob3', () => {
  it('an exported badge is kind ob3 and passes, in text, JSON and JUnit', () => {
    const text = run(['validate', '--verbose', file('badge.json')]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^PASS .*badge\.json \(ob3\)$/m);
    const { code, report } = json(['validate', file('badge.json'), file('minimal.json')]);
    expect(code).toBe(0);
    expect(report.files.map((f) => [f.kind, f.status])).toEqual([['ob3', 'passed'], ['ob3', 'passed']]);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run(['validate', '--format', 'junit', file('badge.json')]).out);
    expect(junit.testsuites.testsuite.testcase.classname).toBe('eumc.validate.ob3');
  });

  it('an undefined term fails with OB3_SAFE_MODE at its pointer (exit 1)', () => {
    const { code, report } = json(['validate', file('undefined-term.json')]);
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ kind: 'ob3', status: 'failed' });
    expect(report.files[0]!.issues).toContainEqual(expect.objectContaining({ code: 'OB3_SAFE_MODE', severity: 'error', path: '/nickname' }));
    expect(run(['validate', file('undefined-term.json')]).out).toMatch(/^ {2}error {3}\/nickname: .*\[OB3_SAFE_MODE\]$/m);
  });

  it('each invalid OB3 fixture fails with the codes and pointers its .expected.json names', () => {
    const names = ['invalid-undefined-term', 'invalid-missing-issuer', 'invalid-context-order', 'invalid-bad-date'];
    const { code, report } = json(['validate', '--workers', '0', ...names.map((n) => join(repo, 'fixtures', 'ob3', `${n}.json`))]);
    expect(code).toBe(1);
    names.forEach((name, i) => {
      const expected = JSON.parse(readFileSync(join(repo, 'fixtures', 'ob3', `${name}.expected.json`), 'utf8')).issues as { code: string; path: string }[];
      expect(report.files[i]).toMatchObject({ kind: 'ob3', status: 'failed' });
      for (const e of expected) expect(report.files[i]!.issues, name).toContainEqual(expect.objectContaining({ code: e.code, path: e.path }));
    });
  });

  it('a badge that is not a micro-credential fails on the Annex I elements it lacks', () => {
    const { code, report } = json(['validate', join(repo, 'fixtures', 'ob3', 'sign-basic.json')]);
    expect(code).toBe(1);
    expect(report.files[0]!.kind).toBe('ob3');
    expect(report.files[0]!.issues).toContainEqual(expect.objectContaining({ code: 'OB3_ELEMENT_MISSING', element: 'M7', path: '/credentialSubject/achievement' }));
  });

  it('--kind ob3 forces the kind: a micro-credential is not a badge', () => {
    const { code, report } = json(['validate', '--kind', 'ob3', fixture('higher-education')]);
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ kind: 'ob3', status: 'failed' });
    expect(codesOf(report.files[0]!.issues).some((c) => c.startsWith('OB3_'))).toBe(true);
    expect(json(['validate', fixture('higher-education')]).report.files[0]!.kind).toBe('model');
  });

  it('--model adds what fromOpenBadge reports beside the errors (values not read, model warnings), each finding once', () => {
    const badge = join(repo, 'fixtures', 'ob3', 'edubadges-style-unmappable.json');
    const key = (i: Record<string, string>) => `${i.code} ${i.path} ${i.modelPath ?? ''}`;
    const plain = json(['validate', badge]).report.files[0]!.issues.map(key);
    const model = json(['validate', '--model', badge]).report.files[0]!.issues.map(key);
    expect(new Set(model).size).toBe(model.length);
    for (const k of plain) expect(model).toContain(k);
    const unmapped = 'OB3_VALUE_UNMAPPED /credentialSubject/achievement/participationType ';
    expect(plain).not.toContain(unmapped);
    expect(model).toContain(unmapped);
  });
});

describe('eumc validate and verify: signed badges', () => {
  for (const suite of SUITES) {
    it(`${suite}, signed by eumc sign: verify passes; validate checks the proof and the content as OB 3.0`, () => {
      const verified = run(['verify', file(`signed-${suite}.json`)]);
      expect(verified, verified.out).toMatchObject({ code: 0 });
      const { code, report } = json(['validate', file(`signed-${suite}.json`)]);
      expect(code).toBe(0);
      expect(report.files[0]).toMatchObject({ kind: 'signed', status: 'passed', signature: { type: 'proof', status: 'passed' }, content: { status: 'passed', kind: 'ob3', profile: 'micro-credential' } });
      expect(run(['validate', '--verbose', file(`signed-${suite}.json`)]).out).toMatch(/signature: passed; content: passed \(Open Badges 3\.0, micro-credential profile\)/);
    });
  }

  it('a tampered signed badge fails verify (exit 1) and validate on its signature', () => {
    const r = run(['verify', file('signed-tampered.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL .*signed-tampered\.json \(signed\)$/m);
    const { report } = json(['validate', file('signed-tampered.json')]);
    expect(report.files[0]).toMatchObject({ kind: 'signed', status: 'failed', signature: { status: 'failed' }, content: { kind: 'ob3' } });
  });

  it('a good proof over a badge that is not a micro-credential: verify passes, validate fails on content', () => {
    expect(run(['verify', file('signed-basic.json')]).code).toBe(0);
    const { code, report } = json(['validate', file('signed-basic.json')]);
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ kind: 'signed', signature: { status: 'passed' }, content: { status: 'failed', kind: 'ob3' } });
    expect(codesOf(report.files[0]!.content.issues)).toContain('OB3_ELEMENT_MISSING');
  });

  it('an unsigned badge is not signed: verify fails with EUMC_NOT_SIGNED', () => {
    const { code, report } = json(['verify', file('badge.json')]);
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ kind: 'ob3', status: 'failed', issues: [{ code: 'EUMC_NOT_SIGNED' }] });
  });
});

describe('VC-JWT badges', () => {
  it('validate: kind ob3 (not sealed), content checked, a warning that the JWS signature is not verified; --strict fails it', () => {
    const { code, report } = json(['validate', file('badge-jwt.json')]);
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ kind: 'ob3', status: 'passed' });
    expect(report.files[0]!.issues).toContainEqual(expect.objectContaining({ code: 'OB3_JWT_NOT_VERIFIED', severity: 'warning', message: expect.stringMatching(/did not verify its JWS signature/) }));
    expect(run(['validate', '--strict', file('badge-jwt.json')]).code).toBe(1);
  });

  it('verify: the JWS verified with the key of the issuer\'s controller document (--controllers); without it, or changed, a failure', () => {
    const passed = json(['verify', '--controllers', file('controller.json'), file('badge-jwt.json')]);
    expect(passed.code).toBe(0);
    expect(passed.report.files[0]).toMatchObject({ kind: 'ob3', status: 'passed', signature: { type: 'proof', status: 'passed' }, issues: [] });
    expect(run(['verify', '--controllers', file('controller.json'), file('badge.jwt')]).code).toBe(0);
    const r = run(['verify', file('badge-jwt.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^ {2}error {3}.*is not available offline.*\[VC_CONTROLLER_UNKNOWN\]$/m);
    // The same document given twice is one; two different documents of one id are a usage error.
    expect(run(['verify', '--controllers', file('controller.json'), '--controllers', file('controller.json'), file('badge.jwt')]).code).toBe(0);
    writeFileSync(file('controller-other.json'), JSON.stringify({ ...read('controller.json'), assertionMethod: [] }));
    const conflict = run(['verify', '--controllers', file('controller.json'), '--controllers', file('controller-other.json'), file('badge.jwt')]);
    expect(conflict.code).toBe(2);
    expect(conflict.err).toMatch(/controller\.json and .*controller-other\.json are two different controller documents of "https:/);
    const tampered = json(['verify', '--controllers', file('controller.json'), file('badge-tampered.jwt')]);
    expect(tampered.code).toBe(1);
    expect(tampered.report.files[0]).toMatchObject({ kind: 'ob3', status: 'failed', issues: [{ code: 'VC_SIGNATURE_INVALID', severity: 'error', path: '' }] });
  });

  it('a compact JWS whose payload is not a badge is still taken for an EDC seal', () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    writeFileSync(file('other-jws.json'), JSON.stringify(`${b64({ alg: 'RS256' })}.${b64({ type: ['VerifiableCredential'] })}.c2ln`));
    expect(json(['validate', file('other-jws.json')]).report.files[0]!.kind).toBe('sealed');
  });
});
