/**
 * The house, drawn from the code (docs/architecture.md): every relative import in src/ (static,
 * re-export and dynamic `import()`), and the rules the folders keep.
 *
 * - Floors, from the ground up: json → jose → vocab → generated → jsonld, model → rules → elm → vc, seal →
 *   the entry points (src/*.ts) → cli. A file imports from its own folder or from a lower floor, never up.
 * - No import circle between files.
 * - Verification never imports signing: `verify`, `presentation` (whose verifier lives there too)
 *   and `stack` do not import `sign`.
 * - The command line uses the package as a user does: through its public entry points
 *   (`eu-micro-credentials`, `/validate-elm`, `/vc`, `/edc-seal`), with the one exception named below.
 * - The verifier page (web/src/) uses the library through its public entry points only, and no Node module.
 * - Hand-written files stay under about 400 lines and functions under about 80; generated files
 *   (marked "Do not edit by hand" or "Generated") are exempt. The files that are still over are
 *   listed with their size today: they must not grow, and the list only shrinks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('..', import.meta.url).pathname, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(root).map((path) => ({ path, rel: relative(root, path), text: readFileSync(path, 'utf8') }));

/** The module specifiers a file imports, with the TypeScript parser (comments and strings are not imports). */
function specifiers(path: string, text: string): string[] {
  const found: string[] = [];
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const graph = new Map<string, string[]>();
const packageImports = new Map<string, string[]>();
for (const f of files) {
  const specs = specifiers(f.path, f.text);
  graph.set(
    f.rel,
    specs.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(f.path), s)).replace(/\.js$/, '.ts')),
  );
  packageImports.set(f.rel, specs.filter((s) => !s.startsWith('.')));
}

/** The folder of a file under src/, or `(entry)` for the entry points at src/'s top. */
const folderOf = (rel: string) => (rel.includes('/') ? rel.split('/')[0]! : rel === 'cli.ts' ? 'cli' : '(entry)');

// `types`: declarations of untyped dependencies (.d.ts), below everything.
// `vocab`: how a vocabulary is held and looked up; `generated`: the data generated from the EU's
// sources (contexts, shapes, EBSI schemas, vocabulary tables), which only the floors above read.
const FLOORS: Record<string, number> = { types: 0, json: 1, jose: 1.2, vocab: 1.5, generated: 2, jsonld: 2.5, model: 3, rules: 4, status: 4.5, render: 4.6, elm: 5, ob3: 5, vc: 6, seal: 6, 'sd-jwt-vc': 6.5, '(entry)': 7, cli: 8 };

describe('the house', () => {
  it('has a floor for every folder of src/', () => {
    expect([...new Set(files.map((f) => folderOf(f.rel)))].filter((folder) => FLOORS[folder] === undefined)).toEqual([]);
  });

  it('imports only from its own folder or a lower floor, never up', () => {
    const up: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) {
        const a = folderOf(from);
        const b = folderOf(to);
        if (a !== b && FLOORS[b]! >= FLOORS[a]!) up.push(`${from} → ${to}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('has no import circle between files', () => {
    // Tarjan's strongly connected components; a component of more than one file is a circle.
    let index = 0;
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const connect = (v: string): void => {
      indexOf.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!indexOf.has(w)) {
          connect(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
      }
      if (low.get(v) === indexOf.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const v of graph.keys()) if (!indexOf.has(v)) connect(v);
    expect(circles).toEqual([]);
  });

  it('verifies without importing the signing code', () => {
    const verifying = ['vc/verify.ts', 'vc/presentation.ts', 'vc/stack.ts'];
    for (const file of verifying) expect(graph.get(file), file).not.toContain('vc/sign.ts');
  });

  it('builds the command line on the public entry points only', () => {
    const PUBLIC = /^eu-micro-credentials(\/(validate-elm|vc|edc-seal|vocab|ob3|sd-jwt-vc|status|render|examples\/micro-credential\.json|package\.json))?$/;
    // The one exception: the command line's threads run only this library's code, so they may let
    // jsonld.js share term definitions (src/vc/worker-jsonld.ts says why that is safe).
    const ALLOWED_INTERNAL = new Set(['cli/jsonld-speedup.ts → vc/worker-jsonld.ts']);
    const inward: string[] = [];
    for (const [from, targets] of graph) {
      if (folderOf(from) !== 'cli') continue;
      for (const to of targets) if (folderOf(to) !== 'cli' && !ALLOWED_INTERNAL.has(`${from} → ${to}`) && to !== '../package.json') inward.push(`${from} → ${to}`);
      for (const spec of packageImports.get(from) ?? []) if (spec.startsWith('eu-micro-credentials') && !PUBLIC.test(spec)) inward.push(`${from} → ${spec}`);
    }
    expect(inward).toEqual([]);
  });
});

/** Hand-written files still over the limits, with their size today: they only shrink (0.2.0 splits them). */
const STILL_TO_SPLIT: Record<string, { lines?: number; functions?: Record<string, number> }> = {
};

describe('the size of files and functions', () => {
  const GENERATED = /Do not edit by hand|^\/\/ Generated|^\/\* Generated/m;
  it('keeps generated data in one place: src/generated/ holds every generated file, and only those', () => {
    const generated = files.filter((f) => GENERATED.test(f.text.slice(0, 800))).map((f) => f.rel);
    expect(generated.filter((rel) => folderOf(rel) !== 'generated')).toEqual([]);
    expect(files.filter((f) => folderOf(f.rel) === 'generated' && !generated.includes(f.rel)).map((f) => f.rel)).toEqual([]);
    expect(generated.length).toBeGreaterThanOrEqual(7);
  });

  const measured = files
    .filter((f) => !GENERATED.test(f.text.slice(0, 800)))
    .map((f) => {
      const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true);
      const functions: Record<string, number> = {};
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const lines = sf.getLineAndCharacterOfPosition(node.end).line - sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
          if (lines > 80) functions[name] = Math.max(functions[name] ?? 0, lines);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
      return { rel: f.rel, lines: f.text.split('\n').length, functions };
    });

  it('keeps hand-written files under about 400 lines (420), except those still listed, which do not grow', () => {
    const over = measured.filter((m) => m.lines > 420 && !(STILL_TO_SPLIT[m.rel]?.lines !== undefined && m.lines <= STILL_TO_SPLIT[m.rel]!.lines!));
    expect(over.map((m) => `${m.rel}: ${m.lines} lines`)).toEqual([]);
  });

  it('keeps functions under about 80 lines (90), except those still listed, which do not grow', () => {
    const over = measured.flatMap((m) =>
      Object.entries(m.functions)
        .filter(([name, lines]) => lines > 90 && !(STILL_TO_SPLIT[m.rel]?.functions?.[name] !== undefined && lines <= STILL_TO_SPLIT[m.rel]!.functions![name]!))
        .map(([name, lines]) => `${m.rel}: ${name} ${lines} lines`),
    );
    expect(over).toEqual([]);
  });

  it('lists no file that is already within the limits', () => {
    const stale = Object.keys(STILL_TO_SPLIT).filter((rel) => {
      const m = measured.find((x) => x.rel === rel);
      return !m || (m.lines <= 420 && Object.values(m.functions).every((l) => l <= 90));
    });
    expect(stale).toEqual([]);
  });
});

describe('the runtime', () => {
  it('reaches node:* only from the command line, the batch signer, the file-backed status store and the Node loader of the render font and wasm (src/cli/, src/vc/batch/, src/status/file-store/, src/render/node/)', () => {
    // The core runs in any JavaScript runtime (docs/architecture.md). Checked with the parser:
    // import and export declarations, import() and require() of a Node module (`node:fs`, or a
    // built-in by its bare name, `fs`), and any string that names a `node:` module, such as the
    // constant a dynamic import is given so that bundlers leave it alone. Comments may name them.
    const builtins = new Set(builtinModules);
    const NODE_ONLY = /^(cli\/|cli\.ts$|vc\/batch\/|status\/file-store\/|render\/node\/)/;
    const found: string[] = [];
    for (const f of files) {
      if (NODE_ONLY.test(f.rel)) continue;
      for (const spec of packageImports.get(f.rel) ?? []) if (spec.startsWith('node:') || builtins.has(spec)) found.push(`${f.rel}: import ${spec}`);
      const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && /^node:/.test(node.text)) found.push(`${f.rel}: '${node.text}'`);
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments[0] && ts.isStringLiteral(node.arguments[0]) && builtins.has(node.arguments[0].text)) found.push(`${f.rel}: require ${node.arguments[0].text}`);
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(found).toEqual([]);
  });
});

describe('the verifier page (web/src/)', () => {
  const webRoot = resolve(root, '..', 'web', 'src');
  const webFiles = sources(webRoot).map((path) => ({ path, rel: relative(webRoot, path), text: readFileSync(path, 'utf8') }));
  const PUBLIC = /^eu-micro-credentials(\/(validate-elm|vc|edc-seal|vocab|ob3|sd-jwt-vc|status|render))?$/;

  it('uses the library as any application would: its public entry points, nothing of Node, nothing outside web/src/', () => {
    const builtins = new Set(builtinModules);
    const found: string[] = [];
    for (const f of webFiles) {
      for (const spec of specifiers(f.path, f.text)) {
        if (spec.startsWith('.')) {
          if (relative(webRoot, resolve(dirname(f.path), spec)).startsWith('..')) found.push(`${f.rel}: ${spec} (outside web/src/)`);
        } else if (spec.startsWith('node:') || builtins.has(spec) || !PUBLIC.test(spec)) found.push(`${f.rel}: ${spec}`);
      }
    }
    expect(webFiles.length).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });

  it('keeps hand-written files under about 400 lines (420)', () => {
    const over = webFiles.filter((f) => !/Do not edit by hand|^\/\/ Generated/m.test(f.text.slice(0, 800)) && f.text.split('\n').length > 420);
    expect(over.map((f) => f.rel)).toEqual([]);
  });
});
