/**
 * The API reference (`npm run docs:api`, typedoc over the four entry points of typedoc.json) is
 * generated from the JSDoc in src/. This runs typedoc as the script does, writes its JSON output to a
 * temporary directory, and checks that:
 *
 * - typedoc reports no warning and no error (typedoc.json also sets treatWarningsAsErrors);
 * - every declaration exported by `eu-micro-credentials`, `/validate-elm`, `/vc`, `/edc-seal`, `/vocab`, `/ob3`, `/sd-jwt-vc`, `/status` and `/render` (function,
 *   class, interface, type alias, variable) has a doc comment with an `@example` with code in it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Application, Logger, LogLevel, ReflectionKind, type MinimalNode, type MinimalSourceFile } from 'typedoc';
import type { JSONOutput } from 'typedoc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const ENTRIES = ['eu-micro-credentials', 'eu-micro-credentials/edc-seal', 'eu-micro-credentials/ob3', 'eu-micro-credentials/render', 'eu-micro-credentials/sd-jwt-vc', 'eu-micro-credentials/status', 'eu-micro-credentials/validate-elm', 'eu-micro-credentials/vc', 'eu-micro-credentials/vocab'];

/** Keeps typedoc's messages, each with the file it concerns, instead of printing them. */
class CollectingLogger extends Logger {
  readonly messages: { level: LogLevel; message: string; file?: string }[] = [];
  #file: string | undefined;
  protected override addContext(message: string, _level: Exclude<LogLevel, LogLevel.None>, ...args: [MinimalNode?] | [number, MinimalSourceFile]): string {
    const [first, second] = args;
    const file = typeof first === 'number' ? second?.fileName : first?.getSourceFile().fileName;
    this.#file = file === undefined ? undefined : relative(root, file).split(sep).join('/');
    return message;
  }
  override log(message: string, level: LogLevel): void {
    super.log(message, level);
    this.messages.push({ level, message: this.#file ? `${this.#file}: ${message}` : message, ...(this.#file ? { file: this.#file } : {}) });
    this.#file = undefined;
  }
}

const DECLARATION_KINDS = ReflectionKind.Function | ReflectionKind.Class | ReflectionKind.Interface | ReflectionKind.TypeAlias | ReflectionKind.Variable | ReflectionKind.Enum | ReflectionKind.Namespace;

let out: string;
let logger: CollectingLogger;
let project: JSONOutput.ProjectReflection;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'eumc-typedoc-'));
  const app = await Application.bootstrapWithPlugins({
    options: join(root, 'typedoc.json'),
    // Source file names in the JSON, to name offenders; typedoc.json leaves sources out of the
    // pages (the package names no repository to link them to).
    disableSources: false,
    disableGit: true,
    sourceLinkTemplate: 'file:///{path}#L{line}',
  });
  logger = new CollectingLogger();
  app.logger = logger;
  const converted = await app.convert();
  if (!converted) throw new Error(`typedoc could not convert the project:\n${logger.messages.map((m) => m.message).join('\n')}`);
  app.validate(converted);
  await app.generateJson(converted, join(out, 'api.json'));
  project = JSON.parse(readFileSync(join(out, 'api.json'), 'utf8')) as JSONOutput.ProjectReflection;
}, 90_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

type Declaration = JSONOutput.DeclarationReflection;

/** The comment of a declaration: its own, or (functions) that of its first documented signature. */
function commentOf(d: Declaration): JSONOutput.Comment | undefined {
  return d.comment ?? d.signatures?.find((s) => s.comment)?.comment;
}

const text = (parts: readonly JSONOutput.CommentDisplayPart[] | undefined) => (parts ?? []).map((p) => p.text).join('');

describe('API reference (typedoc)', () => {
  it('generates without warnings or errors', () => {
    expect(logger.messages.filter((m) => m.level >= LogLevel.Warn).map((m) => m.message)).toEqual([]);
  });

  it('covers every entry point, named by their import specifiers', () => {
    expect(project.children?.map((m) => m.name).sort()).toEqual(ENTRIES);
  });

  it('documents every export, each with an @example', () => {
    const offenders: string[] = [];
    let checked = 0;
    for (const module of project.children ?? []) {
      const entry = module.name;
      for (const d of module.children ?? []) {
        if (!(d.kind & DECLARATION_KINDS)) continue; // re-exports (references) are checked where declared
        checked++;
        const file = d.sources?.[0]?.fileName;
        const where = `${entry}: ${ReflectionKind[d.kind]} ${d.name} (${file ?? '?'}:${d.sources?.[0]?.line ?? '?'})`;
        const report = (problem: string) => offenders.push(`${where}: ${problem}`);
        const comment = commentOf(d);
        if (!comment || text(comment.summary).trim() === '') {
          report('no doc comment');
          continue;
        }
        const examples = (comment.blockTags ?? []).filter((t) => t.tag === '@example').map((t) => text(t.content).trim());
        if (examples.length === 0) report('no @example');
        else if (examples.some((e) => e === '' || e.replace(/```\w*/g, '').trim() === '')) report('an empty @example');
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(offenders, `${offenders.length} exports lack documentation:\n${offenders.join('\n')}`).toEqual([]);
  });
});
