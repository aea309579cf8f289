// The built `eumc` (dist/cli.js) as a real process: it loses no file (--out), leaks nothing to the
// terminal or the CI log (escaped names and findings), and never calls an unanchored seal verified.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { validFixtures } from './helpers/fixtures.js';
import { certificate, keyUsage, seal, type NameSpec } from './helpers/pki.js';

const repo = join(import.meta.dirname, '..');
const cli = join(repo, 'dist', 'cli.js');
const run = (args: string[], options: { input?: string; cwd?: string; umask?: string } = {}) => {
  const r = options.umask
    ? spawnSync('/bin/sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, cli, ...args], { encoding: 'utf8', input: options.input ?? '', cwd: options.cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 })
    : spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: options.input ?? '', cwd: options.cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const mode = (path: string) => statSync(path).mode & 0o777;
const good = validFixtures.find((f) => f.name === 'higher-education')!.doc as Record<string, unknown>;

let dir: string;
let n = 0;
/** A fresh folder per test: leftovers (temporary files) would show in its listing. */
const fresh = () => {
  const d = join(dir, `t${n++}`);
  mkdirSync(d);
  return d;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-safety-'));
  writeFileSync(join(dir, 'mc.json'), JSON.stringify(good));
});

describe('eumc keygen --out', () => {
  it('creates a new key file with mode 0600, whatever the umask', () => {
    const d = fresh();
    for (const umask of ['000', '022', '077']) {
      const key = join(d, `key-${umask}.json`);
      const r = run(['keygen', '--out', key], { umask });
      expect(r.code, r.err).toBe(0);
      expect(mode(key), umask).toBe(0o600);
      expect(JSON.parse(readFileSync(key, 'utf8')).secretKeyMultibase).toMatch(/^z/);
    }
  });

  it('refuses an existing file (exit 2) and leaves the first key as it was', () => {
    const d = fresh();
    const key = join(d, 'issuer-key.json');
    expect(run(['keygen', '--out', key]).code).toBe(0);
    const first = readFileSync(key, 'utf8');
    const r = run(['keygen', '--out', key]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/exists and eumc does not overwrite it .*--force/);
    expect(r.out).toBe(''); // no public key printed for a key that was not written
    expect(readFileSync(key, 'utf8')).toBe(first);
    expect(readdirSync(d)).toEqual(['issuer-key.json']);
  });

  it('replaces with --force atomically: a new file (new inode), mode 0600 even over a 0644 file, no temporary left', () => {
    const d = fresh();
    const key = join(d, 'issuer-key.json');
    writeFileSync(key, 'old key');
    chmodSync(key, 0o644);
    const before = statSync(key).ino;
    const r = run(['keygen', '--out', key, '--force']);
    expect(r.code, r.err).toBe(0);
    expect(mode(key)).toBe(0o600);
    expect(statSync(key).ino).not.toBe(before); // renamed over, not rewritten in place
    expect(JSON.parse(readFileSync(key, 'utf8')).secretKeyMultibase).toMatch(/^z/);
    expect(readdirSync(d)).toEqual(['issuer-key.json']);
  });

  it('never writes through a symbolic link: to a file, to a missing file (dangling), with or without --force', () => {
    const d = fresh();
    const target = join(d, 'victim.txt');
    writeFileSync(target, 'precious');
    chmodSync(target, 0o644);
    symlinkSync(target, join(d, 'link.json'));
    symlinkSync(join(d, 'created-through-link.json'), join(d, 'dangling.json'));
    for (const args of [['--out', join(d, 'link.json')], ['--out', join(d, 'link.json'), '--force'], ['--out', join(d, 'dangling.json')], ['--out', join(d, 'dangling.json'), '--force']]) {
      const r = run(['keygen', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('symbolic link');
    }
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(mode(target)).toBe(0o644);
    expect(existsSync(join(d, 'created-through-link.json'))).toBe(false);
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'dangling.json'))).toBe(join(d, 'created-through-link.json'));
  });

  it('fails before any work when the folder is missing, or the path is a folder (exit 2)', () => {
    const d = fresh();
    const r = run(['keygen', '--out', join(d, 'no', 'such', 'key.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the folder .*no.such does not exist/);
    expect(existsSync(join(d, 'no'))).toBe(false);
    mkdirSync(join(d, 'folder.json'));
    expect(run(['keygen', '--out', join(d, 'folder.json')]).err).toContain('it is a folder');
  });
});

describe('the --out of documents and reports', () => {
  it('sign, convert and schema refuse an existing file unless --force; --force keeps the old mode', () => {
    const d = fresh();
    const key = join(d, 'key.json');
    expect(run(['keygen', '--out', key]).code).toBe(0);
    const commands: [string, string[]][] = [
      ['signed.json', ['sign', '--key', key, '--set-issuer', join(dir, 'mc.json')]],
      ['mc.jsonld', ['convert', '--to', 'elm', '--id', 'urn:uuid:00000000-0000-4000-8000-000000000001', join(dir, 'mc.json')]],
      ['schema.json', ['schema']],
    ];
    for (const [file, args] of commands) {
      const out = join(d, file);
      writeFileSync(out, 'keep me');
      chmodSync(out, 0o640);
      const refused = run([...args, '--out', out]);
      expect(refused.code, file).toBe(2);
      expect(refused.err).toContain('--force');
      expect(readFileSync(out, 'utf8')).toBe('keep me');
      const forced = run([...args, '--out', out, '--force']);
      expect(forced.code, `${file}: ${forced.err}`).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toBeTypeOf('object');
      expect(mode(out), file).toBe(0o640);
      const fresh = join(d, `new-${file}`);
      expect(run([...args, '--out', fresh]).code).toBe(0);
      expect(JSON.parse(readFileSync(fresh, 'utf8'))).toBeTypeOf('object');
    }
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports are replaced on each run (CI), never through a symbolic link; a missing folder fails before any work', () => {
    const d = fresh();
    const report = join(d, 'eumc.xml');
    expect(run(['validate', '--format', 'junit', '--out', report, join(dir, 'mc.json')]).code).toBe(0);
    const first = statSync(report).ino;
    expect(run(['validate', '--format', 'junit', '--out', report, join(dir, 'mc.json')]).code).toBe(0);
    expect(statSync(report).ino).not.toBe(first);
    expect(readFileSync(report, 'utf8')).toContain('tests="1"');
    writeFileSync(join(d, 'victim.txt'), 'precious');
    symlinkSync(join(d, 'victim.txt'), join(d, 'link.xml'));
    const linked = run(['validate', '--format', 'junit', '--out', join(d, 'link.xml'), join(dir, 'mc.json')]);
    expect(linked.code).toBe(2);
    expect(readFileSync(join(d, 'victim.txt'), 'utf8')).toBe('precious');
    const missing = run(['validate', '--out', join(d, 'reports', 'eumc.txt'), join(dir, 'no-such-input.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/the folder .*reports does not exist/);
    expect(missing.out + missing.err).not.toContain('no-such-input'); // no file was looked at
    expect(readdirSync(d).sort()).toEqual(['eumc.xml', 'link.xml', 'victim.txt']);
  });
});

describe('escaping what eumc did not write itself', () => {
  // File names and document strings that would forge report lines, drive the terminal or command GitHub Actions.
  const HOSTILE = ['new\nline', 'FAIL fake\r', 'esc\u001b[2J\u001b]0;title\u0007', 'csi\u009b31m', 'del\u007f', 'bidi\u202Egnp.exe', 'iso\u2066late\u2069', '::error::forged', '##[error]old', 'tab\there', 'sep\u2028x', '"quoted"'];
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
  const COMMAND_LINE = /^\s*(::|##\[)/m;
  let d: string;
  const names: string[] = [];

  beforeAll(() => {
    d = fresh();
    for (let i = 0; i < 100; i++) {
      const hostile = HOSTILE[i % HOSTILE.length]!;
      const name = `${String(i).padStart(3, '0')}-${hostile}.json`;
      names.push(name);
      const doc: Record<string, unknown> = structuredClone(good);
      if (i % 2 === 1) {
        // Invalid, with the hostile string quoted back in the findings (a value and an unknown field's name).
        doc.dateOfIssue = `2024-06-28\n::error file=x::${hostile}`;
        doc[`\n::warning::${hostile}`] = 1;
      }
      writeFileSync(join(d, name), JSON.stringify(doc));
    }
  });

  it('text: no raw control or bidi character, no workflow command, one FAIL line per invalid file', () => {
    const r = run(['validate', join(d, '*.json')]);
    expect(r.code).toBe(1);
    expect(r.out).not.toMatch(RAW);
    expect(r.out).not.toMatch(COMMAND_LINE);
    expect(r.out.match(/^FAIL /gm)).toHaveLength(50);
    expect(r.out).toMatch(/^50 passed, 50 failed$/m);
    expect(r.out).toContain('/001-FAIL fake\\r.json" (model)'); // a name that needs escapes is quoted
    expect(r.out).toContain('/003-csi\\x9b31m.json" (model)');
    expect(r.out).toContain('/005-bidi\\u202egnp.exe.json" (model)');
    expect(r.err).toBe('');
    const verbose = run(['validate', '--verbose', join(d, '*.json')]);
    expect(verbose.out.match(/^PASS /gm)).toHaveLength(50);
    expect(verbose.out).not.toMatch(RAW);
    expect(verbose.out).not.toMatch(COMMAND_LINE);
  });

  it('JUnit: parses, one test case per file, no character XML 1.0 forbids or a terminal obeys', () => {
    const report = join(d, '..', 'junit-escape.xml');
    const r = run(['validate', '--format', 'junit', '--out', report, join(d, '*.json')]);
    expect(r.code).toBe(1);
    const text = readFileSync(report, 'utf8');
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(COMMAND_LINE);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true }).parse(text);
    const cases = xml.testsuites.testsuite.testcase as { name: string; failure?: unknown }[];
    expect(cases).toHaveLength(100);
    expect(cases.filter((c) => c.failure)).toHaveLength(50);
  });

  it('JSON: the exact file names and values come back from JSON.parse, with no raw C1 or bidi character in the text', () => {
    const r = run(['validate', '--format', 'json', join(d, '*.json')]);
    expect(r.out).not.toMatch(RAW);
    const report = JSON.parse(r.out);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(names.map((name) => join(d, name)).sort());
    expect(report.summary).toEqual({ files: 100, passed: 50, failed: 50, unreadable: 0, errors: report.summary.errors, warnings: report.summary.warnings });
  });

  it('messages on standard error', () => {
    const evil = join(d, 'missing\n::error::x\u001b[31m.json');
    for (const args of [['validate', '--trusted-issuers', evil, join(dir, 'mc.json')], ['sign', '--key', evil, join(dir, 'mc.json')], ['keygen', '--out', join(d, 'no\u001b]0;x', 'k.json')], ['validate', '--bogus\u001b[2J'], ['convert', '--to', 'model', evil]]) {
      const r = run(args);
      expect(r.code, JSON.stringify(args)).toBe(2);
      expect(r.err).not.toMatch(RAW);
      expect(r.err).not.toMatch(COMMAND_LINE);
      expect(r.err.trim().split('\n').length, r.err).toBeLessThanOrEqual(2);
    }
  });
});

describe('EDC seals: verified means the signer was checked, unless --integrity-only', () => {
  const sample = join(repo, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-signed.jsonld');
  const anchors = join(repo, 'fixtures', 'edc', 'anf-eseal-ca.pem');
  const payload = JSON.parse(JSON.parse(readFileSync(sample, 'utf8')).payload) as Record<string, unknown>;
  const forgedCredential = JSON.parse(JSON.stringify(payload).replaceAll('Andromeda', 'Malicious'));
  let d: string;
  let forged: string;
  let spread: string;
  beforeAll(() => {
    d = fresh();
    const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const sealer: NameSpec = [['C', 'ES'], ['serialNumber', 'A00000000'], ['CN', 'TEST SEAL'], ['O', 'ORGANIZACION TEST'], ['organizationIdentifier', 'VATES-A00000000']];
    const selfMade = certificate({ subject: sealer, issuer: sealer, publicKey: forger.publicKey, signingKey: forger.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature', 'nonRepudiation')], notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
    forged = join(d, 'forged-seal.jsonld');
    writeFileSync(forged, JSON.stringify(seal(forgedCredential, { alg: 'RS256', key: forger.privateKey, x5c: [selfMade], sigT: '2023-09-27T11:54:17Z' })));
    // An intact seal with a forged credential spread beside it.
    spread = join(d, 'spread.jsonld');
    writeFileSync(spread, JSON.stringify({ ...forgedCredential, ...JSON.parse(readFileSync(sample, 'utf8')) }));
  });

  it('verify and validate: a self-made seal and the EU sample fail without --trust-anchors (exit 1)', () => {
    for (const command of ['verify', 'validate']) {
      for (const file of [forged, sample]) {
        const r = run([command, file]);
        expect(r.code, `${command} ${file}`).toBe(1);
        expect(r.out).toContain('EDC_SEAL_TRUST_NOT_CHECKED');
        expect(r.out).toContain('no --trust-anchors');
      }
      const json = JSON.parse(run([command, '--format', 'json', forged]).out);
      expect(json.files[0]).toMatchObject({ kind: 'sealed', status: 'failed', assurance: 'none' });
    }
  });

  it('with --trust-anchors: the sample passes as trusted, the self-made seal fails', () => {
    expect(run(['verify', '--trust-anchors', anchors, sample]).code).toBe(0);
    expect(JSON.parse(run(['verify', '--format', 'json', '--trust-anchors', anchors, sample]).out).files[0].assurance).toBe('trusted');
    expect(run(['verify', '--trust-anchors', anchors, forged]).code).toBe(1);
    expect(run(['validate', '--trust-anchors', anchors, forged]).code).toBe(1);
  });

  it('--integrity-only passes an intact seal and says, everywhere, that the signer is not checked', () => {
    for (const command of ['verify', 'validate']) {
      const r = run([command, '--integrity-only', forged]);
      expect(r.code, command).toBe(0);
      expect(r.out).toContain('integrity only: the signer is not checked');
      expect(r.err).toContain('integrity only: the signer is not checked');
      const json = run([command, '--integrity-only', '--format', 'json', sample]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.out).files[0]).toMatchObject({ status: 'passed', assurance: 'integrity-only' });
      expect(json.err).toContain('integrity only: the signer is not checked');
    }
    expect(run(['validate', '--strict', '--integrity-only', sample]).code).toBe(1); // the warning fails under --strict
    expect(run(['verify', '--integrity-only', '--trust-anchors', anchors, sample]).code).toBe(2); // contradictory
  });

  it('an envelope with members beside the seal fails even with --integrity-only or --trust-anchors', () => {
    expect(run(['verify', '--integrity-only', spread]).code).toBe(1);
    expect(run(['verify', '--trust-anchors', anchors, spread]).code).toBe(1);
    expect(run(['validate', '--integrity-only', spread]).out).toContain('EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN');
  });

  it('convert --to model reads the signed payload only, and refuses an envelope with anything beside the seal', () => {
    const r = run(['convert', '--to', 'model', sample]);
    expect(r.err).toContain('integrity only: the signer is not checked');
    expect(JSON.stringify(JSON.parse(r.out))).toContain('Andromeda');
    const s = run(['convert', '--to', 'model', spread]);
    expect(s.code).toBe(1);
    expect(s.out).toBe('');
    expect(s.err).toContain('EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN');
    expect(s.err).not.toContain('Malicious');
  });

  it('sign refuses a sealed envelope (it would sign what sits beside the seal)', () => {
    const key = join(d, 'key.json');
    expect(run(['keygen', '--out', key]).code).toBe(0);
    const r = run(['sign', '--key', key, spread]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('EDC-sealed envelope');
  });
});
