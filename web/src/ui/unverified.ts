/**
 * What the page shows of a credential whose signer it could not establish (unconfirmed), that is
 * not signed, or whose signature failed is only what the file claims: every such view (the
 * picture, the element table, the disclosed claims) carries a visible "Not verified" note saying
 * why, and the picture's alt text says so too.
 */
import type { InspectReport, VerdictState } from '../inspect/types.js';
import { h, icon } from './dom.js';
import { t, type TextKey } from './i18n.js';

const WHY: Partial<Record<VerdictState, TextKey>> = {
  unconfirmed: 'notVerifiedUnconfirmed',
  'not-signed': 'notVerifiedNotSigned',
  'not-genuine': 'notVerifiedNotGenuine',
};

/** Whether what `report` shows of the credential is unverified (a claim of the file only). */
export function isUnverified(report: InspectReport): boolean {
  return WHY[report.verdict.state] !== undefined;
}

/** Fills (or hides) every `.unverified-note` of the page for `report`. */
export function markUnverified(report: InspectReport): void {
  const why = WHY[report.verdict.state];
  for (const note of document.querySelectorAll<HTMLElement>('.unverified-note')) {
    if (why === undefined) {
      note.replaceChildren();
      note.hidden = true;
      continue;
    }
    note.replaceChildren(icon('warning', 'icon unverified-icon'), h('span', {}, h('strong', { class: 'unverified-label' }, t('notVerified')), ' ', t(why)));
    note.hidden = false;
  }
  document.getElementById('details')?.classList.toggle('unverified', why !== undefined);
  const frame = document.querySelector<HTMLElement>('.picture-frame');
  if (frame) {
    if (why === undefined) delete frame.dataset.mark;
    else frame.dataset.mark = t('notVerified');
  }
}
