/**
 * The three output formats of `eumc validate` and `eumc verify`: human text, JSON, and JUnit XML.
 * Each file's result is written as soon as it is known and then forgotten: a run keeps counts, not
 * results, so memory does not grow with the number of files. JSON and JUnit put totals before the
 * files, so their bodies go to a private scratch file first and are copied after the head.
 * Every file name and every finding (which may quote the document) is made safe to show (text.ts).
 */
import type { FileResult, Finding } from './check.js';
import { type Sink, openSpool } from './files.js';
import { placeOf } from './finding.js';
import { safeJson, safeName, safeText, xmlText } from './text.js';

/** Counts of a run; `failed` includes unreadable files. */
export interface Summary {
  files: number;
  passed: number;
  failed: number;
  unreadable: number;
  errors: number;
  warnings: number;
}

/** A run's counts, added to one file at a time. */
export class Tally {
  readonly summary: Summary = { files: 0, passed: 0, failed: 0, unreadable: 0, errors: 0, warnings: 0 };
  /** Sealed documents passed on integrity alone (`--integrity-only`). */
  integrityOnly = 0;

  add(r: FileResult): void {
    const s = this.summary;
    s.files++;
    if (r.status === 'passed') s.passed++;
    else s.failed++;
    if (r.status === 'unreadable') s.unreadable++;
    for (const i of r.issues) {
      if (i.severity === 'error') s.errors++;
      else if (i.severity === 'warning') s.warnings++;
    }
    if (r.status === 'passed' && r.assurance === 'integrity-only') this.integrityOnly++;
  }
}

/** ANSI colours, or none. */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** Writes one run's report: {@link Reporter.file} per result, in order, then {@link Reporter.end}. */
export interface Reporter {
  readonly tally: Tally;
  file(r: FileResult): Promise<void>;
  /** Writes the totals; the sink is closed by the caller. */
  end(seconds: number): Promise<void>;
  /** Frees what the reporter holds (its scratch file), whether or not the run ended. */
  dispose(): Promise<void>;
}

const INTEGRITY_ONLY = 'integrity only: the signer is not checked';

/** `seal: passed`, `content: failed (ELM, edc profile)`: the verdicts of a signed or sealed file's two checks. */
function partLines(r: FileResult): { signature?: string; content?: string } {
  const sig = r.signature;
  const content = r.content;
  return {
    ...(sig ? { signature: `${sig.type === 'seal' ? 'seal' : 'signature'}: ${sig.status}${sig.assurance === 'integrity-only' && sig.status === 'passed' ? ` (${INTEGRITY_ONLY})` : ''}` } : {}),
    ...(content ? { content: `content: ${content.status}${content.kind ? ` (${content.kind === 'ob3' ? 'Open Badges 3.0' : 'ELM'}, ${content.profile} profile)` : ' (nothing to check: the seal is broken)'}` } : {}),
  };
}

/** `(sealed, integrity only: …)`, `(elm, unwrapped from EDC's upload format)`. */
function kindLabel(r: FileResult): string {
  if (!r.kind) return '';
  const notes: string[] = [r.kind];
  if (r.assurance === 'integrity-only') notes.push(INTEGRITY_ONLY);
  if (r.wrapper) notes.push(`unwrapped from ${r.wrapper.format}, \`${r.wrapper.member}\``);
  return ` (${notes.join(', ')})`;
}

/** `disclosed (2): /title, /givenName; 10 digests not disclosed`: what an SD-JWT VC showed. */
function disclosedLine(s: NonNullable<FileResult['sdJwt']>): string {
  const names = s.disclosed.length > 0 ? `: ${[...s.disclosed].sort().map(safeText).join(', ')}` : '';
  return `disclosed (${s.disclosed.length})${names}; ${s.undisclosed} digest${s.undisclosed === 1 ? '' : 's'} not disclosed`;
}

/** Text for people: the problems grouped per file (and per check for signed and sealed files), then `N passed, N failed`. */
export function textReporter(sink: Sink, p: Paint, verbose: boolean): Reporter {
  const tally = new Tally();
  const line = (i: Finding) => {
    const sev = i.severity === 'error' ? p.red('error  ') : i.severity === 'warning' ? p.yellow('warning') : p.dim('info   ');
    const where = safeText(placeOf(i));
    return `  ${sev} ${where}${safeText(i.message)} ${p.dim(`[${safeText(i.code)}]`)}`;
  };
  return {
    tally,
    async file(r) {
      tally.add(r);
      const kind = p.dim(kindLabel(r));
      const parts = partLines(r);
      const both = [parts.signature, parts.content].filter((x) => x !== undefined).join('; ');
      // A verified SD-JWT VC is always listed, with the claims it disclosed: what the verifier may rely on.
      if (r.status === 'passed' && (r.issues.length === 0 || !verbose) && !r.issues.some((i) => i.severity === 'warning') && r.signature?.type !== 'sd-jwt') {
        if (verbose) await sink.write(`${p.green('PASS')} ${safeName(r.file)}${kind}${both ? p.dim(` ${both}`) : ''}\n`);
        return;
      }
      const label = r.status === 'passed' ? p.green('PASS') : r.status === 'unreadable' ? p.red('READ') : p.red('FAIL');
      const lines = [`${label} ${safeName(r.file)}${kind}`];
      const shown = (i: Finding) => i.severity !== 'info' || verbose;
      const top = r.signature ? r.issues.filter((i) => i.check === undefined) : r.issues;
      for (const i of top.filter(shown)) lines.push(line(i));
      // Signed and sealed files: each check's verdict, then its findings.
      for (const [title, part] of [[parts.signature, r.signature], [parts.content, r.content]] as const) {
        if (title === undefined || part === undefined) continue;
        lines.push(`  ${part.status === 'failed' ? p.red(title) : title}`);
        for (const i of part.issues.filter(shown)) lines.push(line(i));
      }
      if (r.sdJwt) lines.push(`  ${disclosedLine(r.sdJwt)}`);
      await sink.write(`${lines.join('\n')}\n`);
    },
    async end() {
      await sink.write(`${tally.summary.passed} passed, ${tally.summary.failed} failed\n`);
    },
    async dispose() {},
  };
}

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

/** The stable JSON report (docs/cli.md, "JSON output"). */
export async function jsonReporter(sink: Sink, version: string): Promise<Reporter> {
  const tally = new Tally();
  const spool = await openSpool();
  return {
    tally,
    async file(r) {
      tally.add(r);
      const entry = {
        file: r.file,
        kind: r.kind,
        status: r.status,
        ...(r.assurance ? { assurance: r.assurance } : {}),
        ...(r.wrapper ? { wrapper: r.wrapper } : {}),
        issues: r.issues,
        ...(r.signature ? { signature: r.signature } : {}),
        ...(r.content ? { content: r.content } : {}),
        ...(r.sdJwt ? { sdJwt: r.sdJwt } : {}),
      };
      await spool.sink.write(`${tally.summary.files > 1 ? ',\n' : ''}    ${indent(safeJson(entry, 2), '    ')}`);
    },
    async end() {
      await spool.sink.close();
      await sink.write(`{\n  "tool": "eumc",\n  "version": ${safeJson(version)},\n  "summary": ${indent(safeJson(tally.summary, 2), '  ')},\n  "files": [`);
      if (tally.summary.files > 0) {
        await sink.write('\n');
        for await (const chunk of spool.read()) await sink.write(chunk);
        await sink.write('\n  ');
      }
      await sink.write(']\n}\n');
    },
    dispose: () => spool.dispose(),
  };
}

/**
 * The verdicts of a signed or sealed file's two checks as test case properties (`signature` or
 * `seal`, `content`, `assurance`, `wrapper`), or `''`.
 */
function junitProperties(r: FileResult): string {
  const props: [string, string][] = [];
  if (r.signature) props.push([r.signature.type === 'seal' ? 'seal' : 'signature', r.signature.status]);
  if (r.signature?.assurance) props.push(['assurance', r.signature.assurance]);
  if (r.content) props.push(['content', r.content.status], ...(r.content.profile ? [['profile', r.content.profile] as [string, string]] : []));
  if (r.wrapper) props.push(['wrapper', r.wrapper.member]);
  if (props.length === 0) return '';
  return `      <properties>\n${props.map(([n, v]) => `        <property name="${xmlText(n)}" value="${xmlText(v)}"/>\n`).join('')}      </properties>\n`;
}

/**
 * JUnit XML: one test suite, one test case per file; problems as failures (or errors for unreadable
 * files). A signed or sealed file's test case fails when either check fails; its properties give
 * each check's verdict, and each finding line names its check (`[seal]`, `[content]`).
 */
export async function junitReporter(sink: Sink): Promise<Reporter> {
  const tally = new Tally();
  const spool = await openSpool();
  return {
    tally,
    async file(r) {
      tally.add(r);
      const time = (r.durationMs / 1000).toFixed(3);
      const head = `    <testcase classname="eumc.validate${r.kind ? `.${r.kind}` : ''}" name="${xmlText(r.file)}" time="${time}"`;
      // Each piece is made safe on its own, so that the only raw newlines are those between findings.
      const checkName = (i: Finding) => (i.check === 'signature' ? (r.signature?.type === 'seal' ? 'seal' : 'signature') : i.check);
      const text = r.issues.map((i) => xmlText(`${i.check ? `[${checkName(i)}] ` : ''}${i.severity} ${placeOf(i)}${i.message} [${i.code}]`)).join('\n');
      const properties = junitProperties(r);
      let testcase: string;
      if (r.status === 'passed') {
        const out = r.assurance === 'integrity-only' ? `${xmlText(INTEGRITY_ONLY)}${text ? `\n${text}` : ''}` : text;
        testcase = out === '' && properties === '' ? `${head}/>` : `${head}>\n${properties}${out === '' ? '' : `      <system-out>${out}</system-out>\n`}    </testcase>`;
      } else {
        const first = r.issues.find((i) => i.severity === 'error') ?? r.issues[0];
        const tag = r.status === 'unreadable' ? 'error' : 'failure';
        const message = first ? `${first.check ? `${checkName(first)}: ` : ''}${first.code}: ${first.message}` : 'invalid';
        testcase = `${head}>\n${properties}      <${tag} message="${xmlText(message.slice(0, 500))}" type="${xmlText(first?.code ?? 'INVALID')}">${text}</${tag}>\n    </testcase>`;
      }
      await spool.sink.write(`${testcase}\n`);
    },
    async end(seconds) {
      await spool.sink.close();
      const s = tally.summary;
      const counts = `tests="${s.files}" failures="${s.failed - s.unreadable}" errors="${s.unreadable}"`;
      await sink.write(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          `<testsuites name="eumc validate" ${counts} time="${seconds.toFixed(3)}">`,
          `  <testsuite name="eumc validate" ${counts} skipped="0" time="${seconds.toFixed(3)}">`,
          '',
        ].join('\n'),
      );
      for await (const chunk of spool.read()) await sink.write(chunk);
      await sink.write('  </testsuite>\n</testsuites>\n');
    },
    dispose: () => spool.dispose(),
  };
}
