/**
 * Every code example of README.md and docs/**\/*.md (but docs/api/, which is generated) is run
 * against the built package, as a user would run it, or is marked as not runnable with a reason
 * (the convention is in docs/development.md, "Documentation examples"):
 *
 * - `js` blocks are written to `.mjs` files inside the repository, so that
 *   `import … from 'eu-micro-credentials/vc'` resolves through the package's own `exports` map to
 *   dist/ (Node resolves a package's own name from files inside it), and run with node from the
 *   repository root (examples read `fixtures/…`).
 * - `ts` blocks are type-checked against dist/*.d.ts (one `tsc` run, module node16, so the package
 *   name self-resolves as well), then transpiled to ESM with `ts.transpileModule` and run like `js`.
 * - `sh` blocks of `eumc` commands run in a scratch workspace (a `credentials/` folder with the
 *   valid fixtures, `mc.json`, and the repository's `fixtures/` and `test/`), `npx eumc` being
 *   `node dist/cli.js`; each command must exit with the code its `# exit N` comment gives (0
 *   without one). The `eumc` lines of `yaml` CI snippets run there too and must exit 0.
 *
 * Examples assert their own results, so a wrong one fails here instead of rotting in the docs.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { VC_CODES } from '../src/vc/codes.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

type Lang = 'js' | 'ts' | 'sh' | 'yaml';

interface Block {
  doc: string;
  /** Line of the opening fence, 1-based. */
  line: number;
  lang: Lang;
  info: string;
  code: string;
  /** From a `<!-- example: … -->` comment on the line before the fence. */
  marker?: { kind: 'not run' | 'types only'; reason: string };
  /** A malformed marker comment: reported, never ignored. */
  badMarker?: string;
}

const LANGS: Record<string, Lang> = { js: 'js', javascript: 'js', mjs: 'js', ts: 'ts', typescript: 'ts', sh: 'sh', bash: 'sh', shell: 'sh', console: 'sh', yaml: 'yaml', yml: 'yaml' };
const MARKER = /^<!--\s*example:\s*(not run|types only)\s*(?:—|–|-|:)\s*(\S.*?)\s*-->$/;

function docFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .map((f) => `docs/${f.split('\\').join('/')}`)
    .filter((f) => f.endsWith('.md') && !f.startsWith('docs/api/'));
  return ['README.md', ...docs.sort()];
}

function blocksOf(doc: string): Block[] {
  const lines = readFileSync(join(root, doc), 'utf8').split('\n');
  const found: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const info = open[2]!.trim();
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(lines[end]!)) end++;
    const lang = LANGS[info.split(/\s+/)[0]!.toLowerCase()];
    if (lang) {
      const block: Block = { doc, line: i + 1, lang, info, code: lines.slice(i + 1, end).join('\n') };
      let prev = i - 1;
      while (prev >= 0 && lines[prev]!.trim() === '') prev--;
      const before = prev >= 0 ? lines[prev]!.trim() : '';
      if (before.startsWith('<!-- example')) {
        const m = MARKER.exec(before);
        if (m) block.marker = { kind: m[1] as 'not run' | 'types only', reason: m[2]! };
        else block.badMarker = before;
      }
      found.push(block);
    }
    i = end;
  }
  return found;
}

/** The anchors GitHub gives a Markdown file's headings (outside code blocks). */
function headingSlugs(file: string): Set<string> {
  const slugs = new Set<string>();
  let fence: string | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (f && (fence === undefined || (f[0] === fence[0] && f.length >= fence.length && line.trim() === f))) {
      fence = fence === undefined ? f : undefined;
      continue;
    }
    const heading = fence === undefined ? /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] : undefined;
    if (heading === undefined) continue;
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let slug = base;
    for (let n = 1; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
  }
  return slugs;
}

const blocks = docFiles().flatMap(blocksOf);
const name = (b: Block) => `${b.doc}:${b.line}`;
const slug = (b: Block) => name(b).replace(/[^a-z0-9]+/gi, '-');

/** A line of `sh` that runs `eumc` (possibly fed by `cat … |`). */
const EUMC_LINE = /^(?:cat\s+\S+\s*\|\s*)?(?:npx\s+)?eumc(?:\s|$)/;
const commandLines = (code: string) =>
  code
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

/** What the test does with a block: run it, only type-check it, or nothing (marked). */
function plan(b: Block): 'run' | 'typecheck' | 'skip' | 'unmarked' {
  if (b.badMarker) return 'unmarked';
  if (b.marker?.kind === 'not run') return 'skip';
  if (b.marker?.kind === 'types only') return b.lang === 'ts' ? 'typecheck' : 'unmarked';
  if (b.lang === 'sh') return commandLines(b.code).every((l) => EUMC_LINE.test(l)) ? 'run' : 'unmarked';
  if (b.lang === 'yaml') return 'run';
  return 'run';
}

// --- Processes: at most two at a time (the machine is shared) --------------------------------

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}
function spawn(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): Promise<Exit> {
  return limited(
    () =>
      new Promise<Exit>((resolve) => {
        const child = execFile(file, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeout ?? 90_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && typeof error.code !== 'number' ? `\n${error.message}` : '') });
        });
        // Nothing is piped in: an example that reads standard input sees it end, as in a CI job.
        child.stdin?.end();
      }),
  );
}

// --- Scratch space: inside the repository (for the self-reference), in the ignored .scratch ----

mkdirSync(join(root, '.scratch'), { recursive: true });
const dir = mkdtempSync(join(root, '.scratch', 'doc-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsBlocks = blocks.filter((b) => b.lang === 'ts' && (plan(b) === 'run' || plan(b) === 'typecheck'));
let typecheckRun: Promise<Map<string, string[]>> | undefined;
/** One `tsc` over every TypeScript example; diagnostics by example file. */
function typecheck(): Promise<Map<string, string[]>> {
  typecheckRun ??= (async () => {
    const tsDir = join(dir, 'ts');
    mkdirSync(tsDir, { recursive: true });
    for (const b of tsBlocks) writeFileSync(join(tsDir, `${slug(b)}.ts`), `${b.code}\nexport {};\n`);
    const config = {
      compilerOptions: {
        target: 'ES2022',
        module: 'node16',
        moduleResolution: 'node16',
        lib: ['ES2023'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        isolatedModules: true,
      },
      files: tsBlocks.map((b) => `${slug(b)}.ts`),
    };
    writeFileSync(join(tsDir, 'tsconfig.json'), JSON.stringify(config, null, 2));
    const { stdout, stderr, code } = await spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(tsDir, 'tsconfig.json'), '--pretty', 'false'], { cwd: root, timeout: 180_000 });
    const byFile = new Map<string, string[]>();
    for (const line of stdout.split('\n')) {
      const m = /^(.*?)\((\d+),\d+\): (error .*)$/.exec(line.trim());
      if (!m) continue;
      const file = m[1]!.split(/[\\/]/).pop()!.replace(/\.ts$/, '');
      byFile.set(file, [...(byFile.get(file) ?? []), `line ${m[2]}: ${m[3]}`]);
    }
    if (code !== 0 && byFile.size === 0) byFile.set('(tsc)', [`tsc exited with ${code}:\n${stdout}${stderr}`]);
    return byFile;
  })();
  return typecheckRun;
}

async function runScript(b: Block): Promise<void> {
  const source =
    b.lang === 'ts'
      ? ts.transpileModule(b.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false }, fileName: `${slug(b)}.ts` }).outputText
      : b.code;
  const file = join(dir, `${slug(b)}.mjs`);
  writeFileSync(file, source);
  const { code, stdout, stderr } = await spawn(process.execPath, [file], { cwd: root });
  if (code !== 0) expect.fail(`${name(b)} exited with ${code}:\n${stderr || stdout}`);
}

/** A fresh workspace for shell examples: what the docs' commands expect to find. */
function workspace(b: Block): string {
  const ws = join(dir, 'sh', slug(b));
  mkdirSync(join(ws, 'credentials'), { recursive: true });
  mkdirSync(join(ws, 'bin'), { recursive: true });
  for (const f of readdirSync(join(root, 'fixtures/valid'))) {
    if (!f.endsWith('.expected.json')) copyFileSync(join(root, 'fixtures/valid', f), join(ws, 'credentials', f));
  }
  copyFileSync(join(root, 'fixtures/valid/higher-education.json'), join(ws, 'mc.json'));
  symlinkSync(join(root, 'fixtures'), join(ws, 'fixtures'), 'dir');
  symlinkSync(join(root, 'test'), join(ws, 'test'), 'dir');
  writeFileSync(join(ws, 'bin', 'eumc'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist', 'cli.js')}" "$@"\n`, { mode: 0o755 });
  return ws;
}

async function runCommands(b: Block, commands: readonly { line: string; exit: number }[]): Promise<void> {
  const ws = workspace(b);
  const env = { ...process.env, PATH: `${join(ws, 'bin')}:${process.env.PATH ?? ''}`, CI: '1', NO_COLOR: '1' };
  for (const { line, exit } of commands) {
    const command = line.replace(/#.*$/, '').replace(/\bnpx\s+eumc\b/g, 'eumc').trim();
    const { code, stdout, stderr } = await spawn('/bin/sh', ['-c', command], { cwd: ws, env });
    if (code !== exit) expect.fail(`${name(b)}: \`${line}\` exited with ${code}, the doc says ${exit}:\n${stderr || stdout}`.slice(0, 4000));
  }
}

function shCommands(b: Block): { line: string; exit: number }[] {
  return commandLines(b.code).map((line) => ({ line, exit: Number(/#.*?\bexit (\d)\b/.exec(line)?.[1] ?? 0) }));
}

function yamlCommands(b: Block): { line: string; exit: number }[] {
  const out: { line: string; exit: number }[] = [];
  for (const raw of b.code.split('\n')) {
    const m = /^\s*(?:-\s+)?(?:run:\s+)?(npx eumc\s.*)$/.exec(raw);
    if (m) out.push({ line: m[1]!.trim(), exit: 0 });
  }
  return out;
}

// --- The tests --------------------------------------------------------------------------------

describe('documentation examples', () => {
  it('are found, and the package is built', () => {
    expect(blocks.filter((b) => b.doc === 'docs/signing.md' && plan(b) === 'run').length).toBeGreaterThanOrEqual(5);
    expect(blocks.filter((b) => b.doc.startsWith('docs/recipes/') && plan(b) === 'run').length).toBeGreaterThanOrEqual(6);
    for (const file of ['index.js', 'vc.js', 'validate-elm.js', 'cli.js', 'index.d.ts', 'vc.d.ts', 'validate-elm.d.ts']) {
      expect(existsSync(join(root, 'dist', file)), `dist/${file} is missing: run \`npm run build\` (npm test does it in \`pretest\`)`).toBe(true);
    }
  });

  it('every js, ts and sh block is run or marked `<!-- example: not run — reason -->`', () => {
    const unmarked = blocks
      .filter((b) => plan(b) === 'unmarked')
      .map((b) =>
        b.badMarker
          ? `${name(b)}: malformed marker ${b.badMarker} (write <!-- example: not run — reason --> or, for ts, <!-- example: types only — reason -->)`
          : b.marker?.kind === 'types only'
            ? `${name(b)}: "types only" is for ts blocks`
            : `${name(b)}: a ${b.lang} block with commands other than eumc: mark it not run, with the reason`,
      );
    expect(unmarked).toEqual([]);
    for (const b of blocks.filter((x) => x.lang === 'yaml' && plan(x) === 'run')) expect(yamlCommands(b).length, `${name(b)} has no eumc command`).toBeGreaterThan(0);
  });

  it('each doc links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const doc of docFiles()) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s#]*)(?:#([^)\s]*))?\)/g)) {
        const [, target = '', anchor] = m;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || (target === '' && anchor === undefined)) continue;
        const file = target === '' ? join(root, doc) : join(root, dirname(doc), target);
        if (!existsSync(file)) broken.push(`${doc}: ${target}`);
        else if (anchor && file.endsWith('.md') && !headingSlugs(file).has(decodeURIComponent(anchor))) broken.push(`${doc}: ${target}#${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });

  describe.concurrent('run against the built package', () => {
    const runnable = blocks.filter((b) => plan(b) === 'run' || plan(b) === 'typecheck');
    it.each(runnable.map((b) => [`${name(b)} (${b.lang}${plan(b) === 'typecheck' ? ', types only' : ''})`, b] as const))('%s', async (_, b) => {
      if (b.lang === 'ts') {
        const diagnostics = (await typecheck()).get(slug(b)) ?? (await typecheck()).get('(tsc)');
        if (diagnostics) expect.fail(`${name(b)} does not type-check:\n${diagnostics.join('\n')}`);
        if (plan(b) === 'run') await runScript(b);
      } else if (b.lang === 'js') await runScript(b);
      else if (b.lang === 'sh') await runCommands(b, shCommands(b));
      else await runCommands(b, yamlCommands(b));
    }, 300_000);
  });

  it('docs/signing.md documents every verification code', () => {
    const text = readFileSync(join(root, 'docs/signing.md'), 'utf8');
    const missing = Object.keys(VC_CODES).filter((code) => !text.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });
});
