import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExpectedIssue {
  code: string;
  severity: 'error' | 'warning';
  /** A JSON Pointer into the fixture, as `Issue.path` is. */
  path: string;
}

export interface Fixture {
  name: string;
  kind: 'valid' | 'invalid';
  file: string;
  /** The document as JSON.parse reads it (so `__proto__` keys are own data properties). */
  doc: unknown;
  description?: string;
  /** Every issue the validator must report, no more and no fewer. */
  expected: ExpectedIssue[];
}

export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures');

function load(kind: 'valid' | 'invalid'): Fixture[] {
  const dir = join(FIXTURES_DIR, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.json'.length);
      const expectedFile = join(dir, `${name}.expected.json`);
      let expected: ExpectedIssue[] = [];
      let description: string | undefined;
      try {
        const sibling = JSON.parse(readFileSync(expectedFile, 'utf8')) as { issues: ExpectedIssue[]; description?: string };
        expected = sibling.issues;
        description = sibling.description;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        if (kind === 'invalid') throw new Error(`${kind}/${f} has no sibling ${name}.expected.json`);
      }
      return { name, kind, file: join(dir, f), doc: JSON.parse(readFileSync(join(dir, f), 'utf8')), description, expected };
    });
}

export const validFixtures = load('valid');
export const invalidFixtures = load('invalid');
export const allFixtures = [...validFixtures, ...invalidFixtures];

/** A sortable key of an issue, for comparing lists regardless of order. */
export const issueKey = (i: ExpectedIssue) => `${i.severity} ${i.code} ${JSON.stringify(i.path)}`;
