import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ISSUE_CODES,
  MicroCredentialError,
  MicroCredentialValidationError,
  RULE_CODES,
  formatIssues,
  formatPath,
  parseMicroCredential,
  pointerKeys,
  pointerOf,
  validate,
} from '../src/index.js';
import { allFixtures, validFixtures } from './helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
const doc = (name: string) => structuredClone(validFixtures.find((f) => f.name === name)!.doc) as Record<string, unknown>;

describe('parseMicroCredential()', () => {
  it('returns the typed value of a valid document', () => {
    const mc = parseMicroCredential(doc('higher-education'));
    expect(mc.workload.ects).toBe(5);
  });

  it('throws one error class carrying the same issues as validate()', () => {
    const bad = { ...doc('minimal-mandatory-only'), dateOfIssue: '2025-04-04' };
    let caught: unknown;
    try {
      parseMicroCredential(bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(MicroCredentialValidationError);
    expect(caught).toBeInstanceOf(MicroCredentialError);
    const error = caught as MicroCredentialValidationError;
    expect(error.code).toBe('ERR_INVALID_MICRO_CREDENTIAL');
    expect(error.issues).toEqual(validate(bad).issues);
    expect(error.message).toContain('dateOfIssue: MC_INVALID_DATETIME');
  });
});

describe('options', () => {
  it('changes the severity of a rule across fields, or turns it off', () => {
    const input = doc('non-ects-workload');
    expect(validate(input).ok).toBe(true);
    const strict = validate(input, { rules: { MC_WORKLOAD_NO_ECTS: 'error' } });
    expect(strict.ok).toBe(false);
    expect(strict.issues[0]).toMatchObject({ code: 'MC_WORKLOAD_NO_ECTS', severity: 'error' });
    expect(validate(input, { rules: { MC_WORKLOAD_NO_ECTS: 'off' } }).issues).toEqual([]);
  });

  it('throws TypeError for misuse of the API, never for bad data', () => {
    const input = doc('higher-education');
    for (const bad of [5, 'strict', null, [], { maxIssues: 0 }, { maxIssues: 1.5 }, { rules: 5 }, { rules: { NOPE: 'off' } }, { rules: { MC_WRONG_TYPE: 'off' } }, { rules: { MC_WORKLOAD_NO_ECTS: 'loud' } }, { rules: { toString: 'off' } }]) {
      expect(() => validate(input, bad as never), JSON.stringify(bad)).toThrow(TypeError);
    }
  });
});

describe('inputs are never mutated', () => {
  it.each(allFixtures.map((f) => [`${f.kind}/${f.name}`, f.doc] as const))('%s', (_, fixture) => {
    const input = structuredClone(fixture);
    const before = JSON.stringify(input);
    const result = validate(input, { rules: { MC_WORKLOAD_NO_ECTS: 'error' } });
    expect(JSON.stringify(input)).toBe(before);
    if (result.ok) {
      // The value is a fresh copy: changing it does not reach the caller's document.
      (result.value as unknown as Record<string, unknown>).title = 'changed';
      expect(JSON.stringify(input)).toBe(before);
    }
  });
});

describe('issue codes', () => {
  const docsText = readFileSync(join(root, 'docs', 'validation-rules.md'), 'utf8');

  it('are all documented in docs/validation-rules.md, and nothing else is', () => {
    const documented = new Set(docsText.match(/\bMC_[A-Z0-9_]+\b/g));
    expect([...documented].sort()).toEqual(Object.keys(ISSUE_CODES).sort());
  });

  it('name every rule code as a known code', () => {
    for (const code of RULE_CODES) expect(Object.hasOwn(ISSUE_CODES, code)).toBe(true);
  });

  it('are each exercised by a fixture or a test', () => {
    const seen = new Set(allFixtures.flatMap((f) => f.expected.map((i) => i.code)));
    const tested = ['MC_INPUT_UNREADABLE', 'MC_INPUT_LIMIT', 'MC_TOO_MANY_ISSUES', 'MC_NOT_FINITE'];
    for (const code of Object.keys(ISSUE_CODES)) expect(seen.has(code) || tested.includes(code), code).toBe(true);
  });
});

describe('formatPath() and pointerKeys(): an issue path as people read it, and its keys', () => {
  it('writes a JSON Pointer in the dotted form messages use; an index as [n]; a key that is no identifier quoted', () => {
    expect(formatPath('/learningOutcomes/0/title/en')).toBe('learningOutcomes[0].title.en');
    expect(formatPath('/title/pt-BR')).toBe('title["pt-BR"]');
    expect(formatPath('/a~1b/c~0d')).toBe('["a/b"]["c~d"]');
    expect(formatPath('')).toBe('(document)');
    // The 0.1 array form, deprecated, still reads the same.
    expect(formatPath(['learningOutcomes', 0, 'title', 'en'])).toBe('learningOutcomes[0].title.en');
    expect(pointerKeys('/learningOutcomes/0/title')).toEqual(['learningOutcomes', '0', 'title']);
    expect(pointerOf(['a/b', 0, 'c~d'])).toBe('/a~1b/0/c~0d');
  });

  it('points an issue at its place (an index, a language tag), and its keys rebuild the pointer', () => {
    const result = validate({ ...doc('minimal-mandatory-only'), learningOutcomes: [{ title: { 'pt-BR': ' ' } }] });
    expect(result.issues.map((i) => i.path)).toEqual(['/learningOutcomes/0/title/pt-BR']);
    for (const i of result.issues) expect(pointerOf(pointerKeys(i.path))).toBe(i.path);
  });
});

describe('formatIssues()', () => {
  it('prints one line per issue with element, path, message and code', () => {
    const text = formatIssues(validate({ ...doc('minimal-mandatory-only'), title: ' ' }).issues);
    expect(text).toMatch(/^error\s+M2\s+title: .* \[MC_EMPTY_TEXT\]$/);
  });
});

describe('generated vocabulary', () => {
  it('src/generated/countries.ts is what scripts/gen-countries.mjs generates', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-countries.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(root, 'src', 'generated', 'countries.ts'), 'utf8'));
  });
});

describe('the core runs in any JavaScript runtime', () => {
  it('no file outside src/cli imports a node: module or uses process or Buffer', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(root, 'src'));
    const core = files.filter((f) => !f.includes(`${join('src', 'cli')}`) && !f.endsWith(join('src', 'cli.ts')) && !f.endsWith('.d.ts'));
    expect(core.length).toBeGreaterThan(20);
    for (const file of core) {
      // Code lines only: JSDoc examples may show Node usage to callers.
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
        .join('\n');
      expect(code, file).not.toMatch(/^\s*import[^;]*from ['"]node:|require\(['"]node:|import\(['"]node:|\bprocess\.(env|argv|exit|stdout|stderr|stdin|cwd|platform|versions?)\b|\bBuffer\.(from|alloc|concat|isBuffer)\b/m);
    }
  });
});
