/**
 * The issues of a check grouped by the Annex I element they concern (in table order; "other" for
 * those tied to none), each with its severity in words, its message and its JSON path.
 */
import type { ElementId } from 'eu-micro-credentials';
import type { InspectReport, PageIssue } from '../inspect/types.js';
import { elementLabel } from '../strings.js';
import { append, byId, h, icon, type IconName } from './dom.js';
import { language, t, type TextKey } from './i18n.js';

const SEVERITY: Record<PageIssue['severity'], { icon: IconName; key: TextKey }> = {
  error: { icon: 'cross', key: 'error' },
  warning: { icon: 'warning', key: 'severityWarning' },
  info: { icon: 'info', key: 'severityInfo' },
};

/** Fills #issues from `report.issues`. */
export function showIssues(report: InspectReport): void {
  const container = byId('issues');
  const lang = language();
  const groups = new Map<ElementId | 'other', PageIssue[]>();
  // Table order first, then anything else the report names, then "other".
  for (const row of report.elements) groups.set(row.id, []);
  for (const issue of report.issues) {
    const key = issue.element ?? 'other';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(issue);
  }
  const other = groups.get('other');
  if (other) {
    groups.delete('other');
    groups.set('other', other);
  }
  const sections: HTMLElement[] = [];
  for (const [element, issues] of groups) {
    if (issues.length === 0) continue;
    const title = element === 'other' ? t('otherIssues') : `${element} · ${elementLabel(element, lang)}`;
    const headingId = `issues-${element}-title`;
    const list = h(
      'ul',
      { class: 'issue-list' },
      ...issues.map((issue) => {
        const severity = SEVERITY[issue.severity] ?? SEVERITY.info;
        const item = h('li', { class: `issue issue-${issue.severity}`, 'data-code': issue.code, 'data-path': issue.path, 'data-severity': issue.severity });
        append(item, icon(severity.icon, 'icon issue-icon'), h('span', { class: 'issue-severity' }, `${t(severity.key)}: `), h('span', { class: 'issue-message' }, issue.message));
        const meta = h('span', { class: 'issue-meta' });
        append(meta, h('code', { class: 'path' }, issue.path === '' ? '/' : issue.path), ' ', h('code', { class: 'code' }, issue.code));
        append(item, ' ', meta);
        return item;
      }),
    );
    sections.push(h('section', { class: 'issue-group', id: `issues-${element}`, 'data-element': element, 'aria-labelledby': headingId, tabindex: '-1' }, h('h3', { id: headingId }, title), list));
  }
  container.replaceChildren(...sections);
  byId('no-issues').hidden = sections.length > 0;
}
