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
