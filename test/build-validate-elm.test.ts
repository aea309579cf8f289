// The built `eu-micro-credentials/validate-elm` entry, through the package's own `exports` map, in
// both module systems. `npm test` builds first (the `pretest` script).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const sample = JSON.stringify(join(root, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-unsigned.jsonld'));

function run(args: string[], code: string) {
  const result = spawnSync(process.execPath, [...args, code], { cwd: root, encoding: 'utf8' });
  return { status: result.status, out: result.stdout.trim(), err: result.stderr };
}

const check = `
  const doc = JSON.parse(fs.readFileSync(${sample}, 'utf8'));
  m.validateElm(doc).then((r) => console.log(JSON.stringify([r.ok, r.issues.map((i) => [i.resultPath, i.path]).sort(), Object.keys(m.ELM_VALIDATION_CODES).length > 5])));
`;
const expected = JSON.stringify([false, [['cred:issued', ''], ['elm:eidasLegalIdentifier', '/credentialSubject/hasClaim/awardedBy/awardingBody']], true]);

describe('the built validate-elm entry', () => {
  it('works as ESM', () => {
    const r = run(['--input-type=module', '-e'], `import fs from 'node:fs'; import * as m from 'eu-micro-credentials/validate-elm'; ${check}`);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
  });

  it('works as CommonJS', () => {
    const r = run(['-e'], `const fs = require('node:fs'); const m = require('eu-micro-credentials/validate-elm'); ${check}`);
    expect(r.err).toBe('');
    expect(r.out).toBe(expected);
  });
});
