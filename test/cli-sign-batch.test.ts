// `eumc sign` of a folder or several files into --out-dir (signCredentials, worker threads), with a
// real key from `eumc keygen`, real files, and the outputs checked with verifyCredential.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from 'eu-micro-credentials/vc';
import { validFixtures } from './helpers/fixtures.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: options.input ?? '', env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const model = (name: string) => JSON.stringify(validFixtures.find((f) => f.name === name)!.doc, null, 2);
let dir: string;
let key: string;
let creds: string;
let elm: string;
const at = (...parts: string[]) => join(dir, ...parts);
const fresh = (name: string) => {
  const out = at(name);
  mkdirSync(out);
  return out;
};
/** Every file under a folder, relative, sorted. */
const tree = (root: string): string[] =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-sign-batch-'));
  key = at('issuer-key.json');
  expect(run(['keygen', '--out', key]).code).toBe(0);
  // A cohort: micro-credentials in the model, in a folder with a subfolder, and an ELM credential.
  creds = at('creds');
  mkdirSync(join(creds, '2024'), { recursive: true });
  writeFileSync(join(creds, 'higher-education.json'), model('higher-education'));
  writeFileSync(join(creds, 'vet.json'), model('vet-eqavet'));
  writeFileSync(join(creds, '2024', 'private-provider.json'), model('private-provider'));
  writeFileSync(join(creds, 'notes.txt'), 'not a credential');
  const converted = run(['convert', '--to', 'elm', '--id', 'urn:uuid:00000000-0000-4000-8000-0000000000e1', join(creds, 'higher-education.json')]);
  expect(converted.code).toBe(0);
  elm = at('elm.jsonld');
  writeFileSync(elm, converted.out);
});

describe('eumc sign --out-dir', () => {
  it('signs a folder in one batch on worker threads into a new --out-dir, mirroring its subfolders; every output verifies', async () => {
    const out = at('signed'); // made by eumc: its parent exists
    const r = run(['sign', '--key', key, '--set-issuer', '--workers', '2', '--out-dir', out, creds]);
    expect(r.err).toContain('eumc: signed 3 credentials into');
    expect(r.code).toBe(0);
    expect(tree(out)).toEqual(['2024/private-provider.json', 'higher-education.json', 'vet.json']);
    expect(r.out.trim().split('\n')).toEqual(['2024/private-provider.json', 'higher-education.json', 'vet.json'].map((f) => join(out, f)));
    const controller = JSON.parse(readFileSync(key, 'utf8')).controller as string;
    for (const file of tree(out)) {
      const signed = JSON.parse(readFileSync(join(out, file), 'utf8'));
      expect(signed.issuer.id ?? signed.issuer, file).toBe(controller);
      const result = await verifyCredential(signed);
      expect(result.verified, `${file}: ${JSON.stringify(result.issues)}`).toBe(true);
    }
    // And the command line agrees, on the folder.
    expect(run(['verify', out]).out).toMatch(/^3 passed, 0 failed$/m);
  });

  it('signs several named files and a glob, each by its name; in the main thread with --workers 0', async () => {
    const out = fresh('named');
    const r = run(['sign', '--key', key, '--set-issuer', '--workers', '0', '--out-dir', out, elm, join(creds, '2024', '*.json')]);
    expect(r.code).toBe(0);
    expect(tree(out)).toEqual(['elm.jsonld', 'private-provider.json']);
    for (const file of tree(out)) expect((await verifyCredential(JSON.parse(readFileSync(join(out, file), 'utf8')))).verified).toBe(true);
  });

  it('never overwrites an output without --force, and says so before signing anything', () => {
    const out = fresh('again');
    expect(run(['sign', '--key', key, '--set-issuer', '--out-dir', out, creds]).code).toBe(0);
    const before = readFileSync(join(out, 'vet.json'), 'utf8');
    const again = run(['sign', '--key', key, '--set-issuer', '--out-dir', out, creds]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/3 output files exist \(.*\) and eumc does not overwrite them: give --force/);
    expect(readFileSync(join(out, 'vet.json'), 'utf8')).toBe(before);
    const forced = run(['sign', '--key', key, '--set-issuer', '--created', '2030-01-01T00:00:00Z', '--force', '--out-dir', out, creds]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'vet.json'), 'utf8')).proof.created).toBe('2030-01-01T00:00:00Z');
    expect(tree(out)).toHaveLength(3); // no temporary file left beside them
  });

  it('names each file that cannot be signed and what is wrong with it (exit 1), and writes nothing', () => {
    const bad = fresh('bad');
    writeFileSync(join(bad, 'a-good.json'), model('higher-education'));
    writeFileSync(join(bad, 'b-invalid.json'), JSON.stringify({ ...JSON.parse(model('higher-education')), dateOfIssue: '2024-06-28' }));
    writeFileSync(join(bad, 'c-not-json.json'), '{ "title": ');
    writeFileSync(join(bad, 'd-sealed.json'), JSON.stringify({ payload: 'eyJ9', signatures: [{ protected: 'eyJ9', signature: 'AA' }] }));
    const term = JSON.parse(readFileSync(elm, 'utf8'));
    term.notATerm = 'x';
    writeFileSync(join(bad, 'e-undefined-term.jsonld'), JSON.stringify(term));
    const term2 = JSON.parse(readFileSync(elm, 'utf8'));
    term2.credentialSubject.alsoNotATerm = 'y';
    writeFileSync(join(bad, 'f-undefined-term.jsonld'), JSON.stringify(term2));
    // Valid, but the EDC shapes need its issuer's eIDAS identifier: it cannot be exported to ELM.
    writeFileSync(join(bad, 'g-incomplete.json'), model('multilingual'));
    const out = fresh('bad-out');
    const r = run(['sign', '--key', key, '--set-issuer', '--out-dir', out, bad]);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines.find((l) => l.includes('b-invalid.json'))).toMatch(/error \/dateOfIssue: .*\[MC_INVALID_DATETIME\]/);
    expect(lines.find((l) => l.includes('c-not-json.json'))).toMatch(/error: the file is not valid JSON/);
    expect(lines.find((l) => l.includes('d-sealed.json'))).toMatch(/EDC-sealed envelope: sign the credential itself/);
    expect(lines.find((l) => l.includes('g-incomplete.json'))).toMatch(/error \/issuer\/identifiers\/eidas: .*\[ELM_ISSUER_EIDAS_MISSING\]/);
    expect(lines.some((l) => l.includes('a-good.json'))).toBe(false);
    expect(lines.at(-1)).toBe('eumc: 4 of 7 files cannot be signed; nothing was written');
    expect(readdirSync(out)).toEqual([]);
    // Nothing written: not even a new --out-dir.
    expect(run(['sign', '--key', key, '--set-issuer', '--out-dir', at('never-made'), bad]).code).toBe(1);
    expect(existsSync(at('never-made'))).toBe(false);
    // Past the checks, signing itself refuses both credentials with an undefined term: both are named.
    for (const f of ['b-invalid.json', 'c-not-json.json', 'd-sealed.json', 'g-incomplete.json']) writeFileSync(join(bad, f), model('private-provider'));
    const signing = run(['sign', '--key', key, '--set-issuer', '--workers', '2', '--out-dir', out, bad]);
    expect(signing.code).toBe(1);
    expect(signing.err).toMatch(/e-undefined-term\.jsonld: error: At \/notATerm: .*\[VC_UNDEFINED_TERM\]/);
    expect(signing.err).toMatch(/f-undefined-term\.jsonld: error: At \/credentialSubject\/alsoNotATerm: .*\[VC_UNDEFINED_TERM\]/);
    expect(signing.err).toContain('eumc: 2 of 7 files cannot be signed; nothing was written');
    expect(readdirSync(out)).toEqual([]);
  });

  it('speaks in flags: a key that is not the issuer\'s points at --set-issuer', () => {
    const out = fresh('mismatch');
    const r = run(['sign', '--key', key, '--out-dir', out, elm]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/elm\.jsonld: error: .* or give --set-issuer\. \[VC_ISSUER_KEY_MISMATCH\]/);
    expect(r.err).not.toContain('setIssuer');
  });

  it('refuses what it cannot do with exit 2: no --out-dir for many, --out with --out-dir, a missing folder, a missing input', () => {
    const cases: [string[], RegExp][] = [
      [[creds], /signing several documents .* give --out-dir <folder>/],
      [[elm, elm], /give --out-dir <folder>/],
      [['--out', at('x.json'), '--out-dir', at('bad-out'), elm], /give --out .* or --out-dir .*not both/],
      [['--out-dir', at('no-such-folder', 'signed'), creds], /cannot make the --out-dir folder .*signed: its parent folder does not exist/],
      [['--out-dir', elm, creds], /--out-dir .*elm\.jsonld is not a folder/],
      [['--out-dir', at('bad-out'), '-'], /standard input is signed with --out/],
      [['--out-dir', at('bad-out'), at('one.json'), at('two', 'one.json')], /would both be written to/],
    ];
    mkdirSync(at('two'));
    writeFileSync(at('one.json'), model('higher-education'));
    writeFileSync(at('two', 'one.json'), model('higher-education'));
    for (const [args, message] of cases) {
      const r = run(['sign', '--key', key, '--set-issuer', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
    const missing = run(['sign', '--key', key, '--set-issuer', '--out-dir', at('bad-out'), elm, at('missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/missing\.json: error: the file does not exist/);
    const empty = fresh('empty');
    const nothing = run(['sign', '--key', key, '--out-dir', at('bad-out'), empty]);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toMatch(/empty: error: the folder has no \.json or \.jsonld file in it/);
    expect(readdirSync(at('bad-out'))).toEqual([]);
  });

  it('leaves the --out-dir out of the input folder it sits in', () => {
    const home = fresh('home');
    writeFileSync(join(home, 'mc.json'), model('higher-education'));
    mkdirSync(join(home, 'signed'));
    expect(run(['sign', '--key', key, '--set-issuer', '--out-dir', join(home, 'signed'), home]).code).toBe(0);
    // A second run reads the same one input, not the signed copy: the output exists, and is refused.
    const again = run(['sign', '--key', key, '--set-issuer', '--out-dir', join(home, 'signed'), home]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/signed\/mc\.json exists and eumc does not overwrite it: give --force/);
  });
});

describe('eumc sign of one file', () => {
  it('still writes to standard output, or --out', async () => {
    const r = run(['sign', '--key', key, '--set-issuer', join(creds, 'vet.json')]);
    expect(r.code).toBe(0);
    expect((await verifyCredential(JSON.parse(r.out))).verified).toBe(true);
    const out = at('one-signed.json');
    expect(run(['sign', '--key', key, '--set-issuer', join(creds, 'vet.json'), '--out', out]).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(run(['sign', '--key', key, '--set-issuer', join(creds, 'vet.json'), '--out', out]).code).toBe(2);
  });
});
