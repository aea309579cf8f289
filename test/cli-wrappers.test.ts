// The built `eumc` on documents that carry a credential without being one (EDC's upload format,
// DC4EU's) and on JSON without @context; and the words of its messages: CLI flags, never API options.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_OPTION_SYNTAX, cliMessage } from '../src/cli/flags.js';
import { validFixtures } from './helpers/fixtures.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const unsigned = JSON.parse(readFileSync(join(repo, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-unsigned.jsonld'), 'utf8')) as Record<string, unknown>;
const sample = join(repo, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-signed.jsonld');

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-wrappers-'));
  writeFileSync(file('edc-upload.json'), JSON.stringify({ credential: unsigned }));
  writeFileSync(file('dc4eu.json'), JSON.stringify({ elm: JSON.stringify(unsigned) }));
  const { '@context': _, ...noContext } = unsigned;
  writeFileSync(file('no-context.json'), JSON.stringify(noContext));
  writeFileSync(file('sealed-upload.json'), JSON.stringify({ credential: JSON.parse(readFileSync(sample, 'utf8')) }));
  writeFileSync(file('mc.json'), JSON.stringify(validFixtures.find((f) => f.name === 'higher-education')!.doc));
  expect(run(['convert', '--to', 'elm', '--profile', 'ebsi', file('mc.json'), '--out', file('ebsi.json')]).code).toBe(0);
});

describe('wrapped credentials: unwrapped, with a warning, findings pointing into the file', () => {
  it("EDC's upload format: checked as the ELM credential inside, pointers start with /credential", () => {
    const r = run(['validate', '--format', 'json', file('edc-upload.json')]);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.out).files[0];
    expect(f).toMatchObject({ kind: 'elm', wrapper: { member: 'credential', format: "EDC's upload format", pointer: '/credential' } });
    expect(f.issues[0]).toMatchObject({ code: 'ELM_WRAPPED', severity: 'warning', path: '/credential' });
    const shapes = f.issues.filter((i: { code: string }) => i.code === 'ELM_SHACL_VIOLATION');
    expect(shapes.length).toBeGreaterThan(0);
    for (const i of shapes) expect(i.path).toMatch(/^\/credential(\/|$)/);
    expect(f.issues.some((i: { code: string }) => i.code.startsWith('MC_'))).toBe(false);
    const text = run(['validate', file('edc-upload.json')]).out;
    expect(text).toMatch(/FAIL .*edc-upload\.json \(elm, unwrapped from EDC's upload format, `credential`\)/);
    expect(text).toContain('eumc unwrapped it');
  });

  it("DC4EU's format (JSON text in `elm`): unwrapped, and the warning says where the paths are", () => {
    const f = JSON.parse(run(['validate', '--format', 'json', file('dc4eu.json')]).out).files[0];
    expect(f).toMatchObject({ kind: 'elm', wrapper: { member: 'elm', pointer: '/elm' } });
    expect(f.issues[0].code).toBe('ELM_WRAPPED');
    expect(f.issues[0].message).toContain("in the credential's JSON text");
  });

  it('a sealed envelope in a wrapper is checked as a sealed file (seal and content)', () => {
    const f = JSON.parse(run(['validate', '--format', 'json', '--integrity-only', file('sealed-upload.json')]).out).files[0];
    expect(f).toMatchObject({ kind: 'sealed', status: 'passed', wrapper: { member: 'credential' }, signature: { type: 'seal', status: 'passed' }, content: { status: 'passed' } });
    expect(run(['validate', '--strict', '--integrity-only', file('sealed-upload.json')]).code).toBe(1); // the warnings fail under --strict
  });

  it('JSON without @context: one clear error naming it, not a missing element per member', () => {
    const r = run(['validate', '--format', 'json', file('no-context.json')]);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.out).files[0];
    expect(f.kind).toBe('elm');
    expect(f.issues.map((i: { code: string }) => i.code)).toEqual(['ELM_NO_CONTEXT']);
    expect(f.issues[0].message).toContain('no `@context`');
  });

  it('convert --to model unwraps with a warning; JSON without @context is refused (exit 1)', () => {
    const wrapped = run(['convert', '--to', 'model', file('edc-upload.json')]);
    expect(wrapped.err).toMatch(/^warning \/credential: This is EDC's upload format.*\[ELM_WRAPPED\]$/m);
    expect(JSON.parse(wrapped.out).title).toBeDefined();
    const sealed = run(['convert', '--to', 'model', file('sealed-upload.json')]);
    expect(JSON.stringify(JSON.parse(sealed.out))).toContain('Andromeda');
    const bare = run(['convert', '--to', 'model', file('no-context.json')]);
    expect(bare.code).toBe(1);
    expect(bare.out).toBe('');
    expect(bare.err).toContain('[ELM_NO_CONTEXT]');
    expect(bare.err).not.toContain('MC_LEARNER_MISSING');
    const backwards = run(['convert', '--to', 'elm', file('edc-upload.json')]);
    expect(backwards.code).toBe(1);
    expect(backwards.err).toContain('convert --to model');
  });

  it('sign unwraps a wrapped credential with a warning', () => {
    expect(run(['keygen', '--out', file('key.json')]).code).toBe(0);
    const r = run(['sign', '--key', file('key.json'), '--set-issuer', file('edc-upload.json'), '--out', file('signed.json')]);
    expect(r.err).toContain('[ELM_WRAPPED]');
    expect(JSON.parse(readFileSync(file('signed.json'), 'utf8')).proof).toBeDefined();
  });
});

describe('messages name command-line flags, not API options', () => {
  it('cliMessage rewrites the library\'s option advice into flags', () => {
    const cases: [string, string][] = [
      ["this is EBSI's variant, check it with { profile: 'ebsi' }.", '`--profile ebsi`'],
      ['Pass `trustAnchors` (e.g. the issuing CA) to check the chain, or `integrityOnly: true` to accept an integrity-only answer.', '`--trust-anchors <pem>`'],
      ['Integrity only, as asked (`integrityOnly`): the seal was checked.', '(`--integrity-only`)'],
      ['the seal\'s time-stamps are not used to prove that time; pass `now` to check at another time.', '`--now <date>`'],
      ["The issuer's controller document is not available offline: pass it in `controllers` (did:key resolves by itself).", '`--controllers <file>`'],
      ["The credential's `validUntil` (or `expirationDate`) is before `now`.", '`--now`'],
      ['No signer certificate: no certificate in `etsiU` or `options.intermediates` matches.', 'in `etsiU` matches'],
      ['Its signature is checked by verifyCredential, not here.', 'checked separately'],
      ['The context "https://x.example/c" is not bundled (nor passed in `documents`); nothing was fetched.', 'is not bundled; nothing was fetched'],
    ];
    for (const [api, flag] of cases) {
      const shown = cliMessage(api);
      expect(shown, api).toContain(flag);
      expect(shown, api).not.toMatch(API_OPTION_SYNTAX);
    }
  });

  it('every message string of the checks the CLI runs reads without API option syntax once translated', () => {
    // The string literals of the verifiers and validators whose messages the CLI shows; misuse
    // errors (`fn(): options must be …`, TypeErrors the CLI never causes) are left out.
    const roots = ['src/vc', 'src/elm', 'src/rules', 'src/jsonld'];
    const literals: string[] = [];
    for (const root of roots) {
      for (const name of readdirSync(join(repo, root), { recursive: true }) as string[]) {
        if (!name.endsWith('.ts') || /shapes|generated|sign|batch|keys/.test(name)) continue;
        const source = readFileSync(join(repo, root, name), 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
        for (const m of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
          // Placeholders (`${maxIssues}`) are values once the message is made, not words of it.
          const text = (m[1] ?? m[2] ?? '').replaceAll('\\`', '`').replace(/\$\{[^}]*\}/g, '…');
          if (text.length < 25 || text.includes('\n') || /^\w+(\.\w+)?\([^)]*\)|TypeError|must be (an?|one of)/.test(text)) continue;
          if (API_OPTION_SYNTAX.test(text)) literals.push(text);
        }
      }
    }
    expect(literals.length).toBeGreaterThan(3); // the scan finds the library's option advice…
    const left = literals.map(cliMessage).filter((t) => API_OPTION_SYNTAX.test(t));
    expect(left).toEqual([]); // …and the CLI translates every one
  });

  it('no output of the cases the CLI can produce shows API option syntax', () => {
    const outputs = [
      run(['validate', sample]), // seal without anchors
      run(['validate', '--integrity-only', '--verbose', sample]),
      run(['verify', '--format', 'json', sample]),
      run(['validate', '--profile', 'edc', '--format', 'json', file('ebsi.json')]), // the EBSI variant checked as EDC
      run(['validate', '--format', 'junit', file('edc-upload.json'), file('no-context.json')]),
      run(['convert', '--to', 'model', sample]),
      // EBSI's signed example: an unsupported proof and a context that is not bundled.
      run(['validate', '--format', 'json', join(repo, 'test', 'vectors', 'eu-elm-ebsi', 'VerifiableAttestation-Europass.json')]),
    ];
    const ebsiAsEdc = JSON.parse(outputs[3]!.out).files[0];
    expect(ebsiAsEdc.status).toBe('failed');
    expect(JSON.stringify(ebsiAsEdc)).toContain('--profile ebsi');
    for (const r of outputs) {
      expect(r.out).not.toMatch(API_OPTION_SYNTAX);
      expect(r.err).not.toMatch(API_OPTION_SYNTAX);
    }
  });

  it('without --profile, a VC 2.0 credential is checked with the EBSI profile, a VC 1.1 one with the EDC shapes', () => {
    const f = JSON.parse(run(['validate', '--format', 'json', file('ebsi.json')]).out).files[0];
    expect(f.status).toBe('passed');
  });
});
