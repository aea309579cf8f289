// Each command's --help lists its own options and its own exit codes; a bare `eumc` is a usage error.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

/** The long option names a help text lists in its Options section. */
const optionsOf = (help: string): string[] => {
  const section = help.split(/^Options:$/m)[1]!.split(/^\S/m)[0]!;
  return [...section.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!).sort();
};
/** `code meaning` of the Exit codes section, the meaning's lines joined. */
const exitCodesOf = (help: string): Record<string, string> => {
  const section = help.split(/^Exit codes:$/m)[1]!.split(/\n\n/)[0]!;
  const out: Record<string, string> = {};
  let code = '';
  for (const line of section.split('\n').filter(Boolean)) {
    const m = /^ {2}(\d) {2}(.*)$/.exec(line);
    if (m) out[(code = m[1]!)] = m[2]!;
    else out[code] += ` ${line.trim()}`;
  }
  return out;
};

const OPTIONS: Record<string, string[]> = {
  validate: ['--accept-unchecked-status', '--concurrency', '--controllers', '--format', '--help', '--integrity-only', '--kind', '--max-size', '--model', '--no-progress', '--now', '--out', '--profile', '--status-list', '--strict', '--trust-anchors', '--trusted-issuers', '--trusted-status-issuers', '--verbose', '--workers'],
  convert: ['--achievement-id', '--force', '--help', '--holder-key', '--id', '--incomplete', '--issuer', '--key', '--out', '--profile', '--status-list', '--to', '--vct', '--x5c'],
  keygen: ['--alg', '--controller', '--force', '--format', '--help', '--id', '--out', '--seed-file'],
  sign: ['--created', '--force', '--help', '--key', '--out', '--out-dir', '--set-issuer', '--suite', '--workers'],
  verify: ['--accept-unchecked-status', '--audience', '--controllers', '--format', '--help', '--integrity-only', '--issuer-keys', '--nonce', '--now', '--out', '--status-list', '--trust-anchors', '--trusted-issuers', '--trusted-status-issuers', '--verbose', '--workers'],
  schema: ['--force', '--help', '--out'],
  demo: ['--force', '--help', '--out'],
  render: ['--force', '--format', '--help', '--lang', '--logo', '--out', '--verify-url'],
};

/** What each command's exit codes must say (a fragment of each meaning), and the codes it cannot end with. */
const EXIT_CODES: Record<string, Record<string, RegExp | undefined>> = {
  validate: { 0: /every document is valid/, 1: /at least one document is invalid/, 2: /usage error, or an input could not be read .*folder with no \.json\/\.jsonld file/ },
  verify: { 0: /every document is verified/, 1: /not verified, or not signed at all/, 2: /usage error/ },
  convert: { 0: /^converted$/, 1: /cannot be converted/, 2: /--out exists \(without --force\)/ },
  keygen: { 0: /the key is written/, 1: undefined, 2: /--out exists \(without --force\)/ },
  sign: { 0: /every credential is signed and written/, 1: /cannot be signed .* in a batch, nothing is written/, 2: /no key or an unusable one.* an --out-dir whose parent folder does not exist/ },
  schema: { 0: /the schema is written/, 1: undefined, 2: /usage error/ },
  demo: { 0: /every step ran/, 1: undefined, 2: /--out is not empty \(without --force\)/ },
  render: { 0: /the picture .* or the PDF is written/, 1: /not a valid micro-credential .* nothing is written/, 2: /usage error: .* an output exists \(without --force\)/ },
};

describe('eumc <command> --help', () => {
  for (const command of Object.keys(OPTIONS)) {
    it(`${command}: its own options and its own exit codes`, () => {
      const r = run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(new RegExp(`^Usage: eumc ${command} `));
      expect(optionsOf(r.out)).toEqual(OPTIONS[command]);
      const codes = exitCodesOf(r.out);
      for (const [code, meaning] of Object.entries(EXIT_CODES[command]!)) {
        if (meaning === undefined) expect(codes[code], `${command} exit ${code}`).toBeUndefined();
        else expect(codes[code], `${command} exit ${code}`).toMatch(meaning);
      }
      // No other command's meaning leaks in (they used to share validate's list).
      if (command !== 'validate') expect(r.out).not.toContain('every document is valid');
    });
  }

  it('the Open Badges 3.0 choices: `validate --kind ob3`, `convert --to ob3`', () => {
    // Help text wraps at 80 columns: compared with its white space made single spaces.
    const help = (command: string) => run([command, '--help']).out.replace(/\s+/g, ' ');
    expect(help('validate')).toContain('--kind <kind> force the document kind (choices: "auto", "model", "elm", "ob3", "signed", "sealed", "sd-jwt-vc"');
    expect(help('convert')).toContain('--to <format> target: elm, ob3 (Open Badges 3.0), sd-jwt-vc (the EU wallet\'s SD-JWT VC), or model (choices: "elm", "ob3", "sd-jwt-vc", "model")');
    expect(help('verify')).toContain('VC-JWT badges are not verified by this version');
  });

  it('the SD-JWT VC options: `convert --to sd-jwt-vc --key --holder-key`, `verify --issuer-keys --audience --nonce`, `keygen --format jwk --alg`', () => {
    const help = (command: string) => run([command, '--help']).out.replace(/\s+/g, ' ');
    expect(help('convert')).toContain("--key <file> --to sd-jwt-vc: the issuer's private JWK");
    expect(help('convert')).toContain("--holder-key <file> --to sd-jwt-vc: the holder's public JWK");
    expect(help('verify')).toContain('--issuer-keys <file> SD-JWT VC: the issuer\'s public keys, a JWK or a JWK Set file (repeat for more)');
    expect(help('keygen')).toContain('(choices: "multikey", "jwk", default: "multikey")');
    expect(help('keygen')).toContain('(choices: "ES256", "EdDSA")');
  });

  it('`eumc help <command>` is the same help', () => {
    expect(run(['help', 'sign']).out).toBe(run(['sign', '--help']).out);
  });
});

describe('eumc with no command', () => {
  it('prints the general help to standard error, exit 2', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: eumc \[options\] \[command\]/);
    for (const command of Object.keys(OPTIONS)) expect(r.err).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    expect(exitCodesOf(r.err)).toMatchObject({ 0: 'success', 2: expect.stringMatching(/usage error/) });
    expect(r.err).toContain("`eumc <command> --help` lists the command's options and what its exit codes mean.");
  });

  it('--help and `eumc help` print the same help to standard output, exit 0', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toBe(run([]).err);
    expect(run(['help'])).toMatchObject({ code: 0, out: help.out });
  });
});
