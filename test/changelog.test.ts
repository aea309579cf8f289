// CHANGELOG.md follows Keep a Changelog and has a dated section for the version in package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');

describe('CHANGELOG.md', () => {
  it('has an [Unreleased] section first, then a dated section for the package version', () => {
    const sections = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => [m[1], m[2]]);
    expect(sections[0]).toEqual(['Unreleased', undefined]);
    const release = sections.find(([name]) => name === version);
    expect(release, `no "## [${version}] - YYYY-MM-DD" section`).toBeDefined();
    expect(Number.isNaN(Date.parse(release![1]!))).toBe(false);
  });

  it('uses only Keep a Changelog\'s kinds of change', () => {
    const kinds = [...changelog.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) expect(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security']).toContain(kind);
  });
});
