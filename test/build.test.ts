// The built package, through its own `exports` map (package self-reference), in both module
// systems. `npm test` builds first (the `pretest` script).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const fixture = JSON.stringify(join(root, 'fixtures', 'valid', 'higher-education.json'));

function run(args: string[], code: string) {
  const result = spawnSync(process.execPath, [...args, code], { cwd: root, encoding: 'utf8' });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr };
}

const check = `
  const doc = JSON.parse(fs.readFileSync(${fixture}, 'utf8'));
  const good = m.validate(doc);
  const bad = m.validate({ ...doc, dateOfIssue: '2024-06-28' });
  let thrown = '';
  try { m.parseMicroCredential({}); } catch (e) { thrown = e instanceof m.MicroCredentialValidationError ? e.code : 'wrong class'; }
  console.log(JSON.stringify([good.ok, bad.ok, bad.issues[0].code, thrown, schema.$id]));
`;
const expected = JSON.stringify([true, false, 'MC_INVALID_DATETIME', 'ERR_INVALID_MICRO_CREDENTIAL', 'urn:eu-micro-credentials:schema:micro-credential:v1']);

describe('the built package', () => {
  it('works as ESM', () => {
    const r = run(['--input-type=module', '-e'], `
      import fs from 'node:fs';
      import * as m from 'eu-micro-credentials';
      import schema from 'eu-micro-credentials/schema.json' with { type: 'json' };
      ${check}`);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
  });

  it('works as CommonJS, also where Node cannot require() ES modules', () => {
    const code = `
      const fs = require('node:fs');
      const m = require('eu-micro-credentials');
      const schema = require('eu-micro-credentials/schema.json');
      ${check}`;
    for (const flags of [[], ['--no-experimental-require-module']]) {
      const r = run([...flags, '-e'], code);
      expect(r.err, flags.join(' ')).toBe('');
      expect(r.out).toBe(expected);
    }
  });
});

describe('eu-micro-credentials/vocab', () => {
  const probe = `
    const out = [v.EQF_LEVEL.concepts['6'].uri, v.keyOfConcept(v.LANGUAGE, 'http://publications.europa.eu/resource/authority/language/ELL'), v.COUNTRIES.DE !== undefined];`;
  it('gives the same tables as the root, in ESM and CommonJS, and loads neither zod nor jsonld', () => {
    const esm = run(['--input-type=module', '-e'], `
      import { createRequire } from 'node:module';
      const v = await import('eu-micro-credentials/vocab');
      ${probe}
      const root = await import('eu-micro-credentials');
      console.log(JSON.stringify([...out, v.EQF_LEVEL === root.EQF_LEVEL, v.COUNTRIES === root.COUNTRIES]));`);
    expect(esm.err).toBe('');
    const [uri, greek, de, sameEqf, sameCountries] = JSON.parse(esm.out) as unknown[];
    expect(uri).toMatch(/^http:\/\/data\.europa\.eu\/snb\/eqf\/6$/);
    expect([greek, de, sameEqf, sameCountries]).toEqual(['el', true, true, true]);

    const cjs = run(['-e'], `
      const v = require('eu-micro-credentials/vocab');
      ${probe}
      const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](zod|jsonld)[\\\\/]/.test(f));
      console.log(JSON.stringify([...out, loaded]));`);
    expect(cjs.err).toBe('');
    expect(JSON.parse(cjs.out)).toEqual([uri, 'el', true, []]);
  });
});
