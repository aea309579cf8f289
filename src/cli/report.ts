/** The three output formats of `eumc validate`: human text, JSON, and JUnit XML. */
import type { FileResult } from './check.js';

/** Counts of a run; `failed` includes unreadable files. */
export interface Summary {
  files: number;
  passed: number;
  failed: number;
  unreadable: number;
  errors: number;
  warnings: number;
}

export function summarize(results: readonly FileResult[]): Summary {
  const s: Summary = { files: results.length, passed: 0, failed: 0, unreadable: 0, errors: 0, warnings: 0 };
  for (const r of results) {
    if (r.status === 'passed') s.passed++;
    else s.failed++;
    if (r.status === 'unreadable') s.unreadable++;
    for (const i of r.issues) {
      if (i.severity === 'error') s.errors++;
      else if (i.severity === 'warning') s.warnings++;
    }
  }
  return s;
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

/** Text for people: the problems grouped per file, then `N passed, N failed`. */
export function textReport(results: readonly FileResult[], p: Paint, verbose: boolean): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.status === 'passed' && (r.issues.length === 0 || !verbose) && !r.issues.some((i) => i.severity === 'warning')) {
      if (verbose) lines.push(`${p.green('PASS')} ${r.file}${r.kind ? p.dim(` (${r.kind})`) : ''}`);
      continue;
    }
    const label = r.status === 'passed' ? p.green('PASS') : r.status === 'unreadable' ? p.red('READ') : p.red('FAIL');
    lines.push(`${label} ${r.file}${r.kind ? p.dim(` (${r.kind})`) : ''}`);
    for (const i of r.issues) {
      if (i.severity === 'info' && !verbose) continue;
      const sev = i.severity === 'error' ? p.red('error  ') : i.severity === 'warning' ? p.yellow('warning') : p.dim('info   ');
      const where = i.path ? `${i.path}: ` : '';
      lines.push(`  ${sev} ${where}${i.message} ${p.dim(`[${i.code}]`)}`);
    }
  }
  const s = summarize(results);
  lines.push(`${s.passed} passed, ${s.failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** The stable JSON report (docs/cli.md, "JSON output"). */
export function jsonReport(results: readonly FileResult[], version: string): string {
  return `${JSON.stringify(
    {
      tool: 'eumc',
      version,
      summary: summarize(results),
      files: results.map((r) => ({ file: r.file, kind: r.kind, status: r.status, issues: r.issues })),
    },
    null,
    2,
  )}\n`;
}

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

/** JUnit XML: one test suite, one test case per file; problems as failures (or errors for unreadable files). */
export function junitReport(results: readonly FileResult[], seconds: number): string {
  const s = summarize(results);
  const cases = results.map((r) => {
    const time = (r.durationMs / 1000).toFixed(3);
    const head = `    <testcase classname="eumc.validate${r.kind ? `.${r.kind}` : ''}" name="${xml(r.file)}" time="${time}"`;
    const text = r.issues.map((i) => `${i.severity} ${i.path ? `${i.path}: ` : ''}${i.message} [${i.code}]`).join('\n');
    if (r.status === 'passed') {
      return r.issues.length === 0 ? `${head}/>` : `${head}>\n      <system-out>${xml(text)}</system-out>\n    </testcase>`;
    }
    const first = r.issues.find((i) => i.severity === 'error') ?? r.issues[0];
    const tag = r.status === 'unreadable' ? 'error' : 'failure';
    const message = first ? `${first.code}: ${first.message}` : 'invalid';
    return `${head}>\n      <${tag} message="${xml(message.slice(0, 500))}" type="${xml(first?.code ?? 'INVALID')}">${xml(text)}</${tag}>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="eumc validate" tests="${s.files}" failures="${s.failed - s.unreadable}" errors="${s.unreadable}" time="${seconds.toFixed(3)}">`,
    `  <testsuite name="eumc validate" tests="${s.files}" failures="${s.failed - s.unreadable}" errors="${s.unreadable}" skipped="0" time="${seconds.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
