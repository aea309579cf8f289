// The built `eumc` (dist/cli.js) on signed and sealed files: the signature (or seal) and the content
// are two checks, both shown in text, JSON and JUnit, and a file fails when either fails.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { validFixtures } from './helpers/fixtures.js';
import { type NameSpec, certificate, keyUsage, seal } from './helpers/pki.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const json = (args: string[]) => {
  const r = run([...args, '--format', 'json']);
  return { code: r.code, report: JSON.parse(r.out) as { summary: Record<string, number>; files: Record<string, any>[] } };
};
const junit = (args: string[]) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(run([...args, '--format', 'junit']).out);

const sample = join(repo, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-signed.jsonld');
const unsignedSample = join(repo, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-unsigned.jsonld');
const anchors = join(repo, 'fixtures', 'edc', 'anf-eseal-ca.pem');
const ELM_CONTEXT = ['https://www.w3.org/2018/credentials/v1', 'http://data.europa.eu/snb/model/context/edc-ap'];

let dir: string;
const file = (name: string) => join(dir, name);

/** Seals `payload` with a certificate of the test's own making (intact; passes only with --integrity-only). */
function selfSealed(payload: unknown): unknown {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const subject: NameSpec = [['C', 'ES'], ['CN', 'TEST SEAL'], ['O', 'ORGANIZACION TEST'], ['organizationIdentifier', 'VATES-A00000000']];
  const cert = certificate({ subject, issuer: subject, publicKey: key.publicKey, signingKey: key.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature', 'nonRepudiation')], notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
  return seal(payload, { alg: 'RS256', key: key.privateKey, x5c: [cert], sigT: '2024-01-01T00:00:00Z' });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-signed-'));
  writeFileSync(file('mc.json'), JSON.stringify(validFixtures.find((f) => f.name === 'higher-education')!.doc));
  expect(run(['keygen', '--out', file('key.json')]).code).toBe(0);
  expect(run(['sign', '--key', file('key.json'), '--set-issuer', file('mc.json'), '--out', file('signed-good.json')]).code).toBe(0);
  // The EU's unsigned sample lacks `issued` (and the issuer's eIDAS identifier): signed, it is a signed credential with bad content.
  expect(run(['sign', '--key', file('key.json'), '--set-issuer', unsignedSample, '--out', file('signed-bad-content.json')]).code).toBe(0);
  const tampered = JSON.parse(readFileSync(file('signed-good.json'), 'utf8'));
  tampered.credentialSubject.id = 'urn:uuid:00000000-0000-4000-8000-000000000bad';
  writeFileSync(file('signed-tampered.json'), JSON.stringify(tampered));
  writeFileSync(file('sealed-empty-presentation.json'), JSON.stringify(selfSealed({ '@context': ELM_CONTEXT, type: ['VerifiablePresentation'] })));
  writeFileSync(file('sealed-not-a-credential.json'), JSON.stringify(selfSealed({ hello: 'world' })));
  writeFileSync(file('sealed-no-context.json'), JSON.stringify(selfSealed({ type: ['VerifiableCredential'], credentialSubject: { id: 'urn:x' } })));
}, 120_000);

describe('signed credentials: the proof and the content', () => {
  it('a signed, valid credential passes both checks (exit 0), in every format', () => {
    const { code, report } = json(['validate', file('signed-good.json')]);
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ kind: 'signed', status: 'passed', signature: { type: 'proof', status: 'passed' }, content: { status: 'passed', kind: 'elm', profile: 'edc' } });
    expect(run(['validate', '--verbose', file('signed-good.json')]).out).toMatch(/PASS .*signed-good\.json \(signed\)\n {2}signature: passed\n {2}content: passed \(ELM, edc profile\)/);
    const testcase = junit(['validate', file('signed-good.json')]).testsuites.testsuite.testcase;
    expect(testcase.properties.property).toEqual([{ name: 'signature', value: 'passed' }, { name: 'content', value: 'passed' }, { name: 'profile', value: 'edc' }]);
    expect(testcase.failure).toBeUndefined();
  });

  it('a good signature over bad content fails on content (exit 1), and says which check failed', () => {
    const text = run(['validate', file('signed-bad-content.json')]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/FAIL .*signed-bad-content\.json \(signed\)\n {2}signature: passed\n {2}content: failed \(ELM, edc profile\)\n {2}error {3}.*\[ELM_SHACL_VIOLATION\]/);
    const { report } = json(['validate', file('signed-bad-content.json')]);
    const f = report.files[0]!;
    expect(f).toMatchObject({ status: 'failed', signature: { status: 'passed', issues: [] }, content: { status: 'failed' } });
    expect(f.content.issues.map((i: { code: string }) => i.code)).toContain('ELM_SHACL_VIOLATION');
    // The top-level list keeps every finding, each naming its check.
    expect(f.issues.length).toBe(f.signature.issues.length + f.content.issues.length);
    expect(f.issues.every((i: { check?: string }) => i.check === 'signature' || i.check === 'content')).toBe(true);
    // A W3C proof is not a shape violation (the content check reports it as info at most).
    expect(f.content.issues.filter((i: { path: string; severity: string }) => i.path.startsWith('/proof') && i.severity !== 'info')).toEqual([]);
    const testcase = junit(['validate', file('signed-bad-content.json')]).testsuites.testsuite.testcase;
    expect(testcase.properties.property).toContainEqual({ name: 'signature', value: 'passed' });
    expect(testcase.properties.property).toContainEqual({ name: 'content', value: 'failed' });
    expect(testcase.failure.message).toMatch(/^content: ELM_SHACL_VIOLATION: /);
    expect(testcase.failure['#text']).toContain('[content] error');
  });

  it('a changed credential fails on its signature', () => {
    const { code, report } = json(['validate', file('signed-tampered.json')]);
    expect(code).toBe(1);
    expect(report.files[0]!.signature.status).toBe('failed');
    expect(run(['validate', file('signed-tampered.json')]).out).toMatch(/\n {2}signature: failed\n/);
  });

  it('eumc verify checks the signature only: no content part', () => {
    const { code, report } = json(['verify', file('signed-bad-content.json')]);
    expect(code).toBe(0);
    expect(report.files[0]!.signature.status).toBe('passed');
    expect(report.files[0]!.content).toBeUndefined();
  });
});

describe('sealed envelopes: the seal and the payload', () => {
  it('the EU sample: seal trusted with --trust-anchors, content passes (exit 0)', () => {
    const { code, report } = json(['validate', '--trust-anchors', anchors, sample]);
    expect(code).toBe(0);
    expect(report.files[0]).toMatchObject({ kind: 'sealed', status: 'passed', assurance: 'trusted', signature: { type: 'seal', status: 'passed', assurance: 'trusted' }, content: { status: 'passed', kind: 'elm' } });
  });

  it('the EU sample without anchors: the seal fails, the content is still judged and shown', () => {
    const { code, report } = json(['validate', sample]);
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ status: 'failed', signature: { status: 'failed', assurance: 'none' }, content: { status: 'passed' } });
    const text = run(['validate', sample]).out;
    expect(text).toContain('  seal: failed\n');
    expect(text).toContain('  content: passed (ELM, edc profile)');
  });

  it('a sealed empty presentation fails on content, even with an intact seal (--integrity-only)', () => {
    const { code, report } = json(['validate', '--integrity-only', file('sealed-empty-presentation.json')]);
    expect(code).toBe(1);
    const f = report.files[0]!;
    expect(f).toMatchObject({ status: 'failed', assurance: 'integrity-only', signature: { status: 'passed' }, content: { status: 'failed' } });
    expect(f.content.issues.map((i: { code: string }) => i.code)).toContain('ELM_NO_CREDENTIAL');
    const testcase = junit(['validate', '--integrity-only', file('sealed-empty-presentation.json')]).testsuites.testsuite.testcase;
    expect(testcase.properties.property).toContainEqual({ name: 'seal', value: 'passed' });
    expect(testcase.properties.property).toContainEqual({ name: 'content', value: 'failed' });
    expect(testcase.failure.message).toMatch(/^content: ELM_NO_CREDENTIAL/);
  });

  it('a sealed payload that is not a credential, or has no @context, fails on content', () => {
    for (const name of ['sealed-not-a-credential.json', 'sealed-no-context.json']) {
      const { code, report } = json(['validate', '--integrity-only', file(name)]);
      expect(code, name).toBe(1);
      expect(report.files[0], name).toMatchObject({ signature: { status: 'passed' }, content: { status: 'failed' } });
    }
    const noContext = json(['validate', '--integrity-only', file('sealed-no-context.json')]).report.files[0]!;
    expect(noContext.content.issues.map((i: { code: string }) => i.code)).toEqual(['ELM_NO_CONTEXT']);
  });

  it('a broken seal: content not checked (nothing trustworthy to read)', () => {
    const broken = JSON.parse(readFileSync(sample, 'utf8'));
    broken.payload = broken.payload.replace('Andromeda', 'Malicious');
    writeFileSync(file('sealed-broken.json'), JSON.stringify(broken));
    const { code, report } = json(['validate', '--integrity-only', file('sealed-broken.json')]);
    expect(code).toBe(1);
    expect(report.files[0]).toMatchObject({ signature: { status: 'failed' }, content: { status: 'not-checked', kind: null, issues: [] } });
  });

  it('--model also reads the content into the micro-credential model and applies Annex I', () => {
    const plain = json(['validate', '--trust-anchors', anchors, sample]).report.files[0]!;
    const model = json(['validate', '--model', '--trust-anchors', anchors, sample]).report.files[0]!;
    const codes = (f: Record<string, any>) => f.content.issues.map((i: { code: string }) => i.code) as string[];
    expect(codes(plain).some((c) => c.startsWith('MC_'))).toBe(false);
    // Whatever the model reading finds on the EU sample, it is reported under content.
    expect(codes(model).length).toBeGreaterThanOrEqual(codes(plain).length);
    expect(model.content.status).toBe(model.content.issues.some((i: { severity: string }) => i.severity === 'error') ? 'failed' : 'passed');
  });
});
