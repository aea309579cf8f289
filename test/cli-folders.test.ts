// `eumc validate` and `eumc verify` given folders: walked recursively for *.json and *.jsonld, in
// sorted order, skipping hidden folders and node_modules; links to files are read, links to folders
// are not walked (no loop, no file twice).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validFixtures } from './helpers/fixtures.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[], cwd?: string) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000, ...(cwd ? { cwd } : {}) });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const files = (args: string[], cwd?: string) => {
  const r = run([...args, '--format', 'json'], cwd);
  return { code: r.code, names: (JSON.parse(r.out) as { files: { file: string; status: string }[] }).files.map((f) => f.file) };
};

const good = JSON.stringify(validFixtures.find((f) => f.name === 'higher-education')!.doc);
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-folders-'));
  const tree: Record<string, string> = {
    'creds/b.json': good,
    'creds/a.jsonld': good,
    'creds/sub/c.json': good,
    'creds/sub-d.json': good, // sorts before sub/ as a glob's results do ('-' < '/')
    'creds/sub/deeper/e.json': good,
    'creds/notes.txt': 'not a document',
    'creds/data.json.bak': 'not a document',
    'creds/.hidden/x.json': '{ broken',
    'creds/.dotfile.json': '{ broken',
    'creds/node_modules/pkg/package.json': '{ broken',
    'creds/sub/node_modules/y.json': '{ broken',
    'plain/b.json': good,
    'plain/a.jsonld': good,
    'plain/sub/c.json': good,
    'plain/sub-d.json': good,
    'plain/sub/deeper/e.json': good,
    'empty/readme.txt': 'no documents here',
    'empty/.git/config.json': '{}',
  };
  for (const [name, text] of Object.entries(tree)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  // A loop back up the tree, a second way into a folder, a link to a file, and a dangling link.
  symlinkSync('..', join(dir, 'creds', 'sub', 'up'));
  symlinkSync(join(dir, 'creds', 'sub', 'deeper'), join(dir, 'creds', 'z-link'));
  symlinkSync(join(dir, 'plain', 'b.json'), join(dir, 'creds', 'linked.json'));
  mkdirSync(join(dir, 'dangling'));
  symlinkSync(join(dir, 'nowhere.json'), join(dir, 'dangling', 'gone.json'));
});

describe('a folder argument', () => {
  it('is walked for *.json and *.jsonld, sorted, without hidden folders, node_modules or links to folders', () => {
    const r = files(['validate', 'creds'], dir);
    expect(r.names).toEqual(['creds/a.jsonld', 'creds/b.json', 'creds/linked.json', 'creds/sub-d.json', 'creds/sub/c.json', 'creds/sub/deeper/e.json']);
    expect(r.code).toBe(0);
    expect(files(['validate', join(dir, 'creds', 'sub')]).names).toEqual([join(dir, 'creds', 'sub', 'c.json'), join(dir, 'creds', 'sub', 'deeper', 'e.json')]);
  });

  it('gives its files in the order a glob gives them', () => {
    const walked = files(['validate', 'plain'], dir).names;
    expect(walked).toEqual(['plain/a.jsonld', 'plain/b.json', 'plain/sub-d.json', 'plain/sub/c.json', 'plain/sub/deeper/e.json']);
    expect(files(['validate', 'plain/**/*.json*'], dir).names).toEqual(walked);
  });

  it('mixes with files and globs, each argument expanded in its place', () => {
    const r = files(['validate', 'creds/b.json', 'creds/sub', 'creds/*.jsonld'], dir);
    expect(r.names).toEqual(['creds/b.json', 'creds/sub/c.json', 'creds/sub/deeper/e.json', 'creds/a.jsonld']);
  });

  it('with no document in it is reported, never passed: exit 2', () => {
    const r = run(['validate', 'empty'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('READ empty');
    expect(r.out).toContain('The folder has no .json or .jsonld file in it, nor in its subfolders');
    expect(r.out).toMatch(/^0 passed, 1 failed$/m);
    const v = run(['verify', 'empty', 'creds/b.json'], dir);
    expect(v.code).toBe(2);
    expect(v.out).toContain('The folder has no .json or .jsonld file in it');
  });

  it('reports a dangling link named like a document as missing', () => {
    const r = run(['validate', 'dangling'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/READ dangling\/gone\.json\n\s+error\s+The file does not exist/);
  });

  it('works for verify: every document in it is checked for a signature', () => {
    const r = run(['verify', 'creds/sub'], dir);
    expect(r.code).toBe(1);
    expect(r.out.match(/EUMC_NOT_SIGNED/g)).toHaveLength(2);
  });
});
