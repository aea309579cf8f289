/**
 * What the page downloads besides the picture: the credential as ELM or Open Badges 3.0 (made from
 * the report's model with the library's exporters, unsigned) and the JSON report of the check.
 */
import { exportToElm } from 'eu-micro-credentials';
import { exportToOpenBadge } from 'eu-micro-credentials/ob3';
import type { InspectReport } from './types.js';

const messages = (issues: readonly { severity: string; message: string }[]) =>
  issues
    .filter((i) => i.severity === 'error')
    .slice(0, 3)
    .map((i) => i.message)
    .join(' ');

function modelOf(report: InspectReport, to: string) {
  if (report.model === undefined) throw new Error(`No ${to} export: the file has no micro-credential this page could read${report.verdict.state === 'not-genuine' ? ' from verified data' : ''}.`);
  return report.model;
}

/** The model as an ELM credential (JSON text, unsigned); an Error saying why when it cannot be. */
export function exportElm(report: InspectReport): string {
  const result = exportToElm(modelOf(report, 'ELM'));
  if (!result.ok) throw new Error(`The credential cannot be exported as ELM: ${messages(result.issues)}`);
  return `${JSON.stringify(result.document, null, 2)}\n`;
}

/** The model as an Open Badges 3.0 credential (JSON text, unsigned); an Error saying why when it cannot be. */
export function exportOb3(report: InspectReport): string {
  const result = exportToOpenBadge(modelOf(report, 'Open Badges'));
  if (!result.ok) throw new Error(`The credential cannot be exported as an Open Badge: ${messages(result.issues)}`);
  return `${JSON.stringify(result.value, null, 2)}\n`;
}

/** Why each export is not possible (absent: it is), for the page to disable its buttons with a reason. */
export function exportProblems(report: InspectReport): { elm?: string; ob3?: string } {
  const out: { elm?: string; ob3?: string } = {};
  for (const [to, run] of [['elm', exportElm], ['ob3', exportOb3]] as const) {
    try {
      run(report);
    } catch (error) {
      out[to] = error instanceof Error ? error.message : String(error);
    }
  }
  return out;
}

/** The report's keys in the contract's order (types.ts), then any other. */
const ORDER = ['format', 'file', 'kind', 'container', 'wrapper', 'attachment', 'checkedAt', 'verdict', 'validity', 'revocation', 'languages', 'partial', 'elements', 'issues', 'sdJwt', 'model'];

/** The JSON report of the check: the report's keys in a stable order, nested keys as written, two-space indented. */
export function reportJson(report: InspectReport): string {
  const record = report as unknown as Record<string, unknown>;
  const keys = [...ORDER.filter((k) => Object.hasOwn(record, k)), ...Object.keys(record).filter((k) => !ORDER.includes(k) && k !== 'credential' && k !== 'displayImages').sort()];
  const ordered = Object.fromEntries(keys.map((k) => [k, record[k]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
