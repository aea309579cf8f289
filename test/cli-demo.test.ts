// `eumc demo` keeps what it makes in a folder it names: a new eumc-demo (-2, -3…) in the current
// folder, or --out (which must be empty unless --force); it never overwrites.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from 'eu-micro-credentials';
import { validateElm } from 'eu-micro-credentials/validate-elm';
import { verifyCredential } from 'eu-micro-credentials/vc';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000, cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const FILES = ['credential-signed.jsonld', 'credential.jsonld', 'credential.pdf', 'credential.sd-jwt', 'credential.svg', 'micro-credential.json'];

describe('eumc demo', () => {
  it('runs its steps, then writes the model, the ELM and signed credentials and the picture to ./eumc-demo', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eumc-demo-cwd-'));
    const r = run(['demo'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no violations');
    expect(r.out).toMatch(/after changing 5 ECTS to 50: rejected, VC_SIGNATURE_INVALID/);
    expect(r.out).toMatch(/verifySdJwtVc: verified, disclosed \/awardingBody, \/notionalWorkload, \/title;/);
    expect(r.out).toMatch(/at another verifier: rejected, SDJWT_KB_AUDIENCE_MISMATCH/);
    expect(r.out).toContain('== 6. The files, in eumc-demo');
    for (const f of FILES) expect(r.out).toMatch(new RegExp(`^eumc-demo/${f.replace('.', '\\.')} `, 'm'));
    const folder = join(cwd, 'eumc-demo');
    expect(readdirSync(folder).sort()).toEqual(FILES);
    const read = (f: string) => readFileSync(join(folder, f), 'utf8');
    expect(validate(JSON.parse(read('micro-credential.json'))).ok).toBe(true);
    expect((await validateElm(JSON.parse(read('credential.jsonld')))).ok).toBe(true);
    const signed = JSON.parse(read('credential-signed.jsonld'));
    expect((await verifyCredential(signed)).verified).toBe(true);
    expect(signed.id).toBe(JSON.parse(read('credential.jsonld')).id);
    const sdJwt = read('credential.sd-jwt').trim();
    expect(sdJwt.split('~').length).toBeGreaterThan(12);
    expect(sdJwt.endsWith('~')).toBe(true);
    expect(read('credential.svg')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The PDF carries the signed credential byte for byte (Poppler takes it out).
    const detached = mkdtempSync(join(tmpdir(), 'eumc-demo-pdf-'));
    const detach = spawnSync('pdfdetach', ['-saveall', '-o', detached, join(folder, 'credential.pdf')], { encoding: 'utf8' });
    expect(detach.status, detach.stderr).toBe(0);
    expect(readFileSync(join(detached, 'credential-signed.jsonld'), 'utf8')).toBe(read('credential-signed.jsonld'));
    rmSync(detached, { recursive: true, force: true });
    // The command line reads its own output back (the SD-JWT VC too: its claims, against the rulebook).
    expect(spawnSync(process.execPath, [cli, 'validate', 'eumc-demo'], { cwd, encoding: 'utf8' }).stdout).toMatch(/^4 passed, 0 failed$/m);
  });

  it('never overwrites: the next run takes eumc-demo-2, then -3, past a file of that name', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eumc-demo-cwd-'));
    mkdirSync(join(cwd, 'eumc-demo'));
    writeFileSync(join(cwd, 'eumc-demo', 'mine.txt'), 'keep me');
    writeFileSync(join(cwd, 'eumc-demo-2'), 'a file, not a folder');
    const r = run(['demo'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('== 6. The files, in eumc-demo-3');
    expect(readdirSync(join(cwd, 'eumc-demo'))).toEqual(['mine.txt']);
    expect(readFileSync(join(cwd, 'eumc-demo-2'), 'utf8')).toBe('a file, not a folder');
    expect(readdirSync(join(cwd, 'eumc-demo-3')).sort()).toEqual(FILES);
  });

  it('--out: made if missing, refused when not empty (exit 2) unless --force, never a link', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'eumc-demo-cwd-'));
    expect(run(['demo', '--out', 'made'], cwd).code).toBe(0);
    expect(readdirSync(join(cwd, 'made')).sort()).toEqual(FILES);
    const before = readFileSync(join(cwd, 'made', 'credential-signed.jsonld'), 'utf8');
    const again = run(['demo', '--out', 'made'], cwd);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/the folder made is not empty and eumc does not write into it: give --force/);
    expect(again.out).toBe(''); // refused before any step
    expect(readFileSync(join(cwd, 'made', 'credential-signed.jsonld'), 'utf8')).toBe(before);
    writeFileSync(join(cwd, 'made', 'mine.txt'), 'keep me');
    expect(run(['demo', '--out', 'made', '--force'], cwd).code).toBe(0);
    expect(readdirSync(join(cwd, 'made')).sort()).toEqual([...FILES, 'mine.txt'].sort());
    mkdirSync(join(cwd, 'empty'));
    expect(run(['demo', '--out', 'empty'], cwd).code).toBe(0);
    for (const [args, message] of [
      [['--out', 'no/such/parent'], /cannot make the folder no\/such\/parent: its parent folder does not exist/],
      [['--out', 'made/mine.txt'], /made\/mine\.txt exists and is not a folder/],
      [['--out', 'link'], /link is a symbolic link/],
    ] as const) {
      if (args[1] === 'link') symlinkSync(join(cwd, 'empty'), join(cwd, 'link'));
      const r = run(['demo', ...args], cwd);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
  });
});
