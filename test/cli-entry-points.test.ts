// The command line uses the library as a user does, through the package's public entry points
// (`eu-micro-credentials`, `/validate-elm`, `/vc`), which Node resolves to the library's own build:
// the CLI's build holds none of the library's code, and each thread loads only what it runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { validFixtures } from './helpers/fixtures.js';

const repo = join(import.meta.dirname, '..');
const dist = process.env.EUMC_TEST_DIST ?? join(repo, 'dist');
const cli = join(dist, 'cli.js');

/** Every `import … from '…'`, `export … from '…'` and `import('…')` specifier of a source or built file. */
const specifiers = (text: string): string[] => [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

const sources = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));

describe('the command line imports the package by its public names', () => {
  it('in the source: node:*, its own dependencies, its own folder, and the public entry points only', () => {
    const allowed = /^(node:|commander$|tinyglobby$|eu-micro-credentials(\/(validate-elm|vc|edc-seal|vocab|ob3|sd-jwt-vc|status|render|package\.json|examples\/micro-credential\.json))?$|\.\/)/;
    const files = [join(repo, 'src', 'cli.ts'), ...sources(join(repo, 'src', 'cli'))];
    const outside: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const where = `${relative(repo, file)}: ${spec}`;
        // The one exception (jsonld-speedup.ts says why): it patches the process's jsonld.js.
        if (where === 'src/cli/jsonld-speedup.ts: ../vc/worker-jsonld.js') continue;
        if (file.endsWith('cli.ts') && spec === './cli/main.js') continue;
        if (!allowed.test(spec)) outside.push(where);
      }
    }
    expect(outside).toEqual([]);
  });

  it('in the build: dist/cli.js and what it loads hold no copy of the library', () => {
    // The CLI's own files: cli.js, cli-worker.js and the chunks they import by relative path.
    const own = new Set<string>();
    const walk = (file: string) => {
      if (own.has(file)) return;
      own.add(file);
      for (const spec of specifiers(readFileSync(file, 'utf8'))) if (spec.startsWith('.')) walk(join(dirname(file), spec));
    };
    walk(cli);
    walk(join(dist, 'cli-worker.js'));
    const text = [...own].map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const definition of ['function validateElm(', 'function exportToElm(', 'function signCredential(', 'function verifyEdcSeal(', 'function renderCredentialSvg(', 'MicroCredentialSchema =', 'function inflateBounded(', 'function readStatusEntries(', 'class StatusList ']) {
      expect(text, definition).not.toContain(definition);
    }
    expect(text).toMatch(/from "eu-micro-credentials"/);
    // 0.1.0's command line carried the library inside: 929 KB of JavaScript in 28 files; now about
    // 156 KB of its own commands (`eumc status` and `convert --status-list` added about 25 KB).
    const bytes = [...own].reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeLessThan(180_000);
  });
});

/**
 * Runs the built command line with module hooks that log every module each thread resolves
 * (`<threadId> <url>`): the ES modules a run loads. (CommonJS modules a package requires inside
 * itself are not seen, but the package's entry is.)
 */
function traced(args: string[], dir: string): { code: number | null; out: string; threads: Map<string, string[]> } {
  const log = join(dir, `trace-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(join(dir, 'trace-hooks.mjs'), "import { appendFileSync } from 'node:fs';\nlet thread, log;\nexport function initialize(data) { ({ thread, log } = data); }\nexport async function resolve(specifier, context, next) {\n  const r = await next(specifier, context);\n  appendFileSync(log, `${thread} ${r.url}\\n`);\n  return r;\n}\n");
  writeFileSync(join(dir, 'trace.mjs'), "import { register } from 'node:module';\nimport { threadId } from 'node:worker_threads';\nregister('./trace-hooks.mjs', import.meta.url, { data: { thread: threadId, log: process.env.EUMC_TRACE_LOG } });\n");
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'trace.mjs')).href, cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1', EUMC_TRACE_LOG: log }, timeout: 120_000 });
  const threads = new Map<string, string[]>();
  for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
    const [thread, url] = line.split(' ') as [string, string];
    threads.set(thread, [...(threads.get(thread) ?? []), url]);
  }
  return { code: r.status, out: r.stdout, threads };
}

const JSONLD = /\/node_modules\/jsonld\/lib\/(?!util\.js)/; // util.js: jsonld-speedup.ts's patch, loaded everywhere
const entry = (name: string) => pathToFileURL(join(dist, name)).href;
const SIGNING = (url: string) => /\/node_modules\/@digitalbazaar\/(vc|data-integrity|ed25519-signature-2020|ed25519-multikey|eddsa-[\w-]+)\//.test(url) || url === entry('vc.js');
const MODEL = (url: string) => /\/node_modules\/zod\//.test(url) || url === entry('index.js');

describe('each thread loads only what it runs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'eumc-entry-points-'));
    for (const name of ['higher-education', 'vet-eqavet']) writeFileSync(join(dir, `${name}.json`), JSON.stringify(validFixtures.find((f) => f.name === name)!.doc));
    const elm = spawnSync(process.execPath, [cli, 'convert', '--to', 'elm', join(dir, 'higher-education.json')], { encoding: 'utf8' });
    writeFileSync(join(dir, 'a.jsonld'), elm.stdout);
    copyFileSync(join(dir, 'a.jsonld'), join(dir, 'b.jsonld'));
  });

  it('a run over model files loads neither jsonld nor the ELM validation', () => {
    const r = traced(['validate', '--workers', '0', join(dir, 'higher-education.json'), join(dir, 'vet-eqavet.json')], dir);
    expect(r.out).toMatch(/^2 passed, 0 failed$/m);
    const loaded = [...r.threads.values()].flat();
    expect(loaded.some((u) => u === entry('index.js'))).toBe(true); // the trace works
    expect(loaded.filter((u) => JSONLD.test(u) || u === entry('validate-elm.js') || SIGNING(u))).toEqual([]);
  });

  it('a worker checking ELM files loads the ELM validation, and neither the signing stack nor the model', () => {
    const r = traced(['validate', '--workers', '1', join(dir, 'a.jsonld'), join(dir, 'b.jsonld')], dir);
    expect(r.out).toMatch(/^2 passed, 0 failed$/m);
    const workers = [...r.threads.entries()].filter(([, urls]) => urls.some((u) => u === entry('cli-worker.js')));
    expect(workers).toHaveLength(1);
    const urls = workers[0]![1];
    expect(urls.some((u) => u === entry('validate-elm.js'))).toBe(true);
    expect(urls.filter((u) => SIGNING(u) || MODEL(u)), urls.join("\n")).toEqual([]);
  });
});
