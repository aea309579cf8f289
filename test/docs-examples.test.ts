/**
 * The `js` examples of docs/signing.md (and the README's blocks marked `js runnable`) run against
 * the built package, as a user would run them: each block is written to a `.mjs` file inside the
 * repository, so that `import … from 'eu-micro-credentials/vc'` resolves through the package's own
 * `exports` map to dist/ (Node resolves a package's own name from files inside it). The examples
 * assert their own results, so a wrong one fails here instead of rotting in the docs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { VC_CODES } from '../src/vc/codes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

interface Example {
  doc: string;
  line: number;
  code: string;
}

/** The fenced blocks whose info string is exactly `js` (or `js runnable` in files that mark them). */
function examples(doc: string, marker: RegExp): Example[] {
  const text = readFileSync(join(root, doc), 'utf8');
  const found: Example[] = [];
  const fence = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    if (marker.test(m[1]!.trim())) found.push({ doc, line: text.slice(0, m.index).split('\n').length, code: m[2]! });
  }
  return found;
}

const blocks = [...examples('docs/signing.md', /^js$/), ...examples('README.md', /^js runnable$/)];
// Inside the repository (for the self-reference) but in the ignored scratch folder.
mkdirSync(join(root, '.scratch'), { recursive: true });
const dir = mkdtempSync(join(root, '.scratch', 'doc-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('documentation examples run against the built package', () => {
  it('docs/signing.md has examples, and the package is built', () => {
    expect(blocks.filter((b) => b.doc === 'docs/signing.md').length).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(root, 'dist', 'vc.js')), 'dist/vc.js is missing: run `npm run build` (npm test does it in `pretest`)').toBe(true);
  });

  it.each(blocks.map((b) => [`${b.doc}:${b.line}`, b] as const))('%s', async (name, block) => {
    const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.mjs`);
    writeFileSync(file, block.code);
    try {
      await run(process.execPath, [file], { cwd: root, timeout: 60_000 });
    } catch (error) {
      const { stderr = '', stdout = '', code } = error as { stderr?: string; stdout?: string; code?: unknown };
      expect.fail(`${name} exited with ${String(code)}:\n${stderr || stdout}`);
    }
  }, 90_000);

  it('docs/signing.md documents every verification code', () => {
    const text = readFileSync(join(root, 'docs/signing.md'), 'utf8');
    const missing = Object.keys(VC_CODES).filter((code) => !text.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });
});
