// The built `eumc` (dist/cli.js, built by `pretest`) run as a real process on real files.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { validFixtures } from './helpers/fixtures.js';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const run = (args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: options.input ?? '', env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: 60_000, ...(options.cwd ? { cwd: options.cwd } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let dir: string;
const good = JSON.stringify(validFixtures.find((f) => f.name === 'higher-education')!.doc);
const warned = JSON.stringify(validFixtures.find((f) => f.name === 'non-ects-workload')!.doc);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-'));
  mkdirSync(join(dir, 'creds'));
  writeFileSync(join(dir, 'creds', 'good.json'), good);
  writeFileSync(join(dir, 'creds', 'warned.json'), warned);
  writeFileSync(join(dir, 'creds', 'invalid.json'), JSON.stringify({ ...JSON.parse(good), dateOfIssue: '2024-06-28' }));
  writeFileSync(join(dir, 'not-json.json'), '{ "learner": ');
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'binary.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
  writeFileSync(join(dir, 'big.json'), Buffer.alloc(3 * 1024 * 1024, 0x20));
  mkdirSync(join(dir, 'a-directory.json'));
  writeFileSync(join(dir, 'locked.json'), good);
  chmodSync(join(dir, 'locked.json'), 0o000);
});

describe('eumc validate', () => {
  it('passes valid files (warnings allowed) with exit 0 and a summary line', () => {
    const r = run(['validate', join(dir, 'creds', 'good.json'), join(dir, 'creds', 'warned.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2 passed, 0 failed$/m);
    expect(r.out).toContain('MC_WORKLOAD_NO_ECTS');
  });

  it('fails on warnings with --strict', () => {
    expect(run(['validate', '--strict', join(dir, 'creds', 'warned.json')]).code).toBe(1);
  });

  it('reports invalid documents per file with path, code and message, exit 1', () => {
    const r = run(['validate', join(dir, 'creds', '*.json')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL .*invalid\.json \(model\)\n\s+error\s+\/dateOfIssue: .* \[MC_INVALID_DATETIME\]/);
    expect(r.out).toMatch(/^2 passed, 1 failed$/m);
    expect(r.err).toBe('');
  });

  it('reports bad files one by one and goes on; unreadable input gives exit 2', () => {
    const names = ['not-json.json', 'empty.json', 'binary.json', 'a-directory.json', 'missing.json', 'locked.json'];
    const r = run(['validate', join(dir, 'creds', 'good.json'), ...names.map((n) => join(dir, n))]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('is not valid JSON');
    expect(r.out).toContain('is empty');
    expect(r.out).toContain('is binary');
    expect(r.out).toContain('The folder has no .json or .jsonld file in it');
    expect(r.out).toContain('does not exist');
    if (process.getuid?.() !== 0) expect(r.out).toContain('permission denied'); // root reads anything
    expect(r.out).toMatch(/^[12] passed, [56] failed$/m); // root can read the locked file
    expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('reads standard input by default; nothing piped in is a missing argument (exit 2), not bad JSON', () => {
    expect(run(['validate'], { input: good }).out).toMatch(/^1 passed, 0 failed$/m);
    const r = run(['validate']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('Standard input is empty: nothing was piped in');
    expect(run(['validate', '-'], { input: '{ "learner": ' }).code).toBe(1); // piped, but not JSON
    expect(run(['validate', '-'], { input: ' \n\t' }).code).toBe(2); // only white space: nothing
  });

  it('says so when a pattern matches no file (exit 2)', () => {
    const r = run(['validate', join(dir, 'nothing-here', '**', '*.json')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('The file pattern matches no file.');
  });

  it('skips files over --max-size and says so', () => {
    const r = run(['validate', '--max-size', '1', join(dir, 'big.json')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('more than the 1 MB limit');
  });

  it('writes the documented JSON shape', () => {
    const r = run(['validate', '--format', 'json', join(dir, 'creds', '*.json')]);
    const report = JSON.parse(r.out);
    expect(report.summary).toMatchObject({ files: 3, passed: 2, failed: 1, unreadable: 0 });
    const invalid = report.files.find((f: { file: string }) => f.file.endsWith('invalid.json'));
    expect(invalid).toMatchObject({ kind: 'model', status: 'failed' });
    expect(invalid.issues[0]).toMatchObject({ code: 'MC_INVALID_DATETIME', severity: 'error', path: '/dateOfIssue', element: 'M5' });
  });

  it('writes JUnit XML that parses, one test case per file', () => {
    const out = join(dir, 'report.xml');
    const r = run(['validate', '--format', 'junit', '--out', out, join(dir, 'creds', '*.json'), join(dir, 'empty.json')]);
    expect(r.code).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(out, 'utf8'));
    const suite = xml.testsuites.testsuite;
    expect(suite.tests).toBe('4');
    expect(suite.failures).toBe('2');
    const cases = suite.testcase as { name: string; failure?: { type: string } }[];
    expect(cases).toHaveLength(4);
    expect(cases.find((c) => c.name.endsWith('invalid.json'))!.failure!.type).toBe('MC_INVALID_DATETIME');
    expect(r.err).toMatch(/2 passed, 2 failed/);
  });

  it('reads standard input', () => {
    expect(run(['validate', '-'], { input: good }).code).toBe(0);
    expect(run(['validate'], { input: '{}' }).code).toBe(1);
  });

  it('detects ELM, and validates it against the EU shapes', () => {
    const elm = run(['convert', '--to', 'elm', '--id', 'urn:uuid:00000000-0000-4000-8000-000000000001', join(dir, 'creds', 'good.json')]);
    expect(elm.code).toBe(0);
    writeFileSync(join(dir, 'good.jsonld'), elm.out);
    const r = run(['validate', '--format', 'json', join(dir, 'good.jsonld')]);
    expect(JSON.parse(r.out).files[0]).toMatchObject({ kind: 'elm', status: 'passed' });
    const back = run(['convert', '--to', 'model', join(dir, 'good.jsonld')]);
    expect(back.code).toBe(0);
    expect(JSON.parse(back.out).title).toBe(JSON.parse(good).title);
  });

  it('names every place one way, as a JSON Pointer into the file given: validate (text, JSON), --model, convert', () => {
    const doc = JSON.parse(run(['convert', '--to', 'elm', '--id', 'urn:uuid:00000000-0000-4000-8000-000000000002', join(dir, 'creds', 'good.json')]).out);
    delete doc.issued;
    doc.validFrom = 'yesterday';
    delete doc.credentialSubject.hasClaim.specifiedBy.learningOutcome; // the model read from it has none
    writeFileSync(join(dir, 'broken.jsonld'), JSON.stringify({ credential: doc }));
    const report = JSON.parse(run(['validate', '--format', 'json', '--model', join(dir, 'broken.jsonld')]).out);
    const issues = report.files[0].issues as { code: string; path: string; resultPath?: string; modelPath?: string }[];
    // SHACL: the place in the file is `path`, the RDF path its own field; both under the wrapper's member.
    expect(issues).toContainEqual(expect.objectContaining({ code: 'ELM_SHACL_VIOLATION', path: '/credential', resultPath: 'cred:issued' }));
    expect(issues).toContainEqual(expect.objectContaining({ code: 'ELM_SHACL_VIOLATION', path: '/credential/validFrom', resultPath: 'cred:validFrom' }));
    // --model: a finding about the micro-credential read from the file has no place in the file.
    expect(issues).toContainEqual(expect.objectContaining({ code: 'MC_LEARNING_OUTCOMES_MISSING', path: '', modelPath: '/learningOutcomes', element: 'M6' }));
    for (const i of issues) expect(i.path).toMatch(/^(\/[^/]*)*$/);
    const text = run(['validate', '--model', join(dir, 'broken.jsonld')]).out;
    expect(text).toMatch(/error\s+\/credential\/validFrom: .*\[ELM_SHACL_VIOLATION\]/);
    expect(text).toMatch(/error\s+\(model\) \/learningOutcomes: .*\[MC_LEARNING_OUTCOMES_MISSING\]/);
    // convert: the model's issues at their pointers, the ELM import's under the wrapper's member.
    expect(run(['convert', '--to', 'elm', join(dir, 'creds', 'invalid.json')]).err).toMatch(/^error \/dateOfIssue: .*\[MC_INVALID_DATETIME\]$/m);
    const back = run(['convert', '--to', 'model', join(dir, 'broken.jsonld')]);
    expect(back.err).toMatch(/^warning \/credential: .*\[ELM_WRAPPED\]$/m);
    expect(back.err).toMatch(/^error \(model\) \/learningOutcomes: .*\[MC_LEARNING_OUTCOMES_MISSING\]$/m);
    // A sealed file: the credential is the payload, its places under /payload (into the parsed payload).
    const sealed = run(['convert', '--to', 'model', join(import.meta.dirname, 'vectors', 'eu-elm', 'Sample-MC-Annex1-signed.jsonld')]);
    expect(sealed.err).toMatch(/^warning \/payload\/issuer\/location: .*\[ELM_MULTIPLE_VALUES\]$/m);
  });

  it('has --help on every command and --version', () => {
    for (const c of ['validate', 'convert', 'keygen', 'sign', 'verify', 'schema', 'demo']) {
      const r = run([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.out).toContain('Usage: eumc');
    }
    expect(run(['validate', '--help']).out).toContain('Exit codes:');
    expect(run(['--version']).out.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version);
  });

  it('makes usage errors exit 2 without a stack trace', () => {
    for (const args of [['validate', '--bogus'], ['validate', '--format', 'xml'], ['convert'], ['nope'], ['validate', '--concurrency', '0']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

describe('eumc keygen, sign, verify', () => {
  it('issues and verifies a did:key credential with no extra arguments; never prints the private key', () => {
    const keyFile = join(dir, 'key.json');
    const k = run(['keygen', '--out', keyFile]);
    expect(k.code).toBe(0);
    const secret = JSON.parse(readFileSync(keyFile, 'utf8')).secretKeyMultibase as string;
    expect(k.out + k.err).not.toContain(secret);
    const signed = run(['sign', '--key', keyFile, '--set-issuer', join(dir, 'creds', 'good.json')]);
    expect(signed.code).toBe(0);
    expect(signed.out + signed.err).not.toContain(secret);
    writeFileSync(join(dir, 'signed.json'), signed.out);
    expect(run(['verify', join(dir, 'signed.json')]).code).toBe(0);
    const tampered = JSON.parse(signed.out);
    const claim = tampered.credentialSubject.hasClaim;
    (Array.isArray(claim) ? claim[0] : claim).title.en = 'Something else';
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const v = run(['verify', join(dir, 'tampered.json')]);
    expect(v.code).toBe(1);
    expect(v.out).toContain('VC_SIGNATURE_INVALID');
    expect(run(['verify', join(dir, 'creds', 'good.json')]).code).toBe(1); // not signed
  });

  it('reads the key from EUMC_ISSUER_KEY, and checks trusted issuers', () => {
    const keyFile = join(dir, 'key2.json');
    run(['keygen', '--out', keyFile]);
    const key = readFileSync(keyFile, 'utf8');
    const signed = run(['sign', '--set-issuer', join(dir, 'creds', 'good.json')], { env: { EUMC_ISSUER_KEY: key } });
    expect(signed.code).toBe(0);
    writeFileSync(join(dir, 'signed2.json'), signed.out);
    writeFileSync(join(dir, 'issuers.json'), JSON.stringify(['did:web:someone-else.example']));
    const v = run(['verify', '--trusted-issuers', join(dir, 'issuers.json'), join(dir, 'signed2.json')]);
    expect(v.code).toBe(1);
    expect(v.out).toContain('VC_UNTRUSTED_ISSUER');
    expect(run(['sign', join(dir, 'creds', 'good.json')]).code).toBe(2); // no key
  });

  it('verifies did:web issuers with repeated --controllers, inputs before or after the options', () => {
    const docs: string[] = [];
    for (const host of ['uni-a.example.eu', 'uni-b.example.eu']) {
      const keyFile = join(dir, `${host}.key.json`);
      const k = run(['keygen', '--out', keyFile, '--controller', `did:web:${host}`]);
      expect(k.code).toBe(0);
      docs.push(join(dir, `${host}.did.json`));
      writeFileSync(docs.at(-1)!, JSON.stringify(JSON.parse(k.out).controllerDocument));
      const signed = run(['sign', '--key', keyFile, '--set-issuer', join(dir, 'creds', 'good.json')]);
      expect(signed.code).toBe(0);
      writeFileSync(join(dir, `${host}.signed.json`), signed.out);
    }
    const [a, b] = ['uni-a.example.eu', 'uni-b.example.eu'].map((h) => join(dir, `${h}.signed.json`)) as [string, string];
    const before = run(['verify', a, b, '--controllers', docs[0]!, '--controllers', docs[1]!]);
    expect(before.out).toMatch(/^2 passed, 0 failed$/m);
    expect(before.code).toBe(0);
    const after = run(['verify', '--controllers', docs[0]!, '--controllers', docs[1]!, a, b]);
    expect(after.out).toMatch(/^2 passed, 0 failed$/m);
    const one = run(['verify', '--controllers', docs[0]!, a, b]);
    expect(one.code).toBe(1);
    expect(one.out).toMatch(/^1 passed, 1 failed$/m);
    expect(one.out).toContain('VC_CONTROLLER_UNKNOWN');
  });

  it('prints the JSON Schema', () => {
    const r = run(['schema']);
    expect(JSON.parse(r.out).$id).toBe('urn:eu-micro-credentials:schema:micro-credential:v1');
  });

  it('runs the demo', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eumc-demo-'));
    const r = run(['demo'], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toContain('no violations');
    expect(r.out).toMatch(/after changing 5 ECTS to 50: rejected, VC_SIGNATURE_INVALID/);
  });
});
