/**
 * The Annex I elements as a table (M1–M11, O1–O5): number, name in the page language, the value
 * as readable lines, and how many issues concern it (a link to them).
 */
import type { ElementRow, InspectReport } from '../inspect/types.js';
import { elementLabel } from '../strings.js';
import { append, byId, h, icon } from './dom.js';
import { language, t } from './i18n.js';

/** Lines shown before "show more". */
const FOLD = 6;

function valueCell(row: ElementRow): HTMLTableCellElement {
  const cell = h('td', { role: 'cell', class: 'value' });
  if (!row.present || row.lines.length === 0) {
    append(cell, h('span', { class: row.mandatory ? 'missing missing-mandatory' : 'missing' }, icon(row.mandatory ? 'warning' : 'minus', 'icon state-icon'), t('missing')));
    return cell;
  }
  if (row.lines.length === 1) {
    append(cell, h('span', { class: 'line' }, row.lines[0]!));
    return cell;
  }
  const list = h('ul', { class: 'lines' }, ...row.lines.map((line, i) => h('li', i >= FOLD ? { class: 'folded', hidden: true } : {}, line)));
  append(cell, list);
  if (row.lines.length > FOLD) {
    const more = h('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false' }, `${t('showMore')} (${row.lines.length - FOLD})`);
    more.addEventListener('click', () => {
      const open = more.getAttribute('aria-expanded') !== 'true';
      for (const item of list.querySelectorAll<HTMLElement>('li.folded')) item.hidden = !open;
      more.setAttribute('aria-expanded', String(open));
      more.textContent = open ? t('showLess') : `${t('showMore')} (${row.lines.length - FOLD})`;
    });
    append(cell, more);
  }
  return cell;
}

function countCell(row: ElementRow, label: string): HTMLTableCellElement {
  const cell = h('td', { role: 'cell', class: 'count' });
  if (row.issueCount > 0) {
    append(cell, h('a', { href: `#issues-${row.id}`, class: 'count-link', 'aria-label': `${row.issueCount} ${t('issuesColumn')}: ${row.id} ${label}` }, icon('warning', 'icon count-icon'), String(row.issueCount)));
  } else {
    append(cell, h('span', { class: 'muted zero' }, '0'));
  }
  return cell;
}

/** Fills the #elements table from `report.elements`. */
export function showElements(report: InspectReport): void {
  const body = byId<HTMLTableElement>('elements').tBodies[0]!;
  const lang = language();
  let firstOptional = true;
  body.replaceChildren(
    ...report.elements.map((row) => {
      const label = elementLabel(row.id, lang);
      const classes = [row.present ? 'present' : 'absent'];
      if (!row.mandatory && firstOptional) {
        classes.push('first-optional');
        firstOptional = false;
      }
      return h(
        'tr',
        { role: 'row', 'data-element': row.id, 'data-present': String(row.present), class: classes.join(' ') },
        h('th', { scope: 'row', role: 'rowheader', class: 'number' }, row.id),
        h('td', { role: 'cell', class: 'label' }, label),
        valueCell(row),
        countCell(row, label),
      );
    }),
  );
}
