/** For an SD-JWT VC: the claims the holder disclosed and the rulebook's claims they did not. */
import type { InspectReport } from '../inspect/types.js';
import { byId, h } from './dom.js';
import { t } from './i18n.js';

export function showSdJwt(report: InspectReport): void {
  const section = byId('sd-jwt');
  const disclosure = report.sdJwt;
  section.hidden = disclosure === undefined;
  const disclosed = byId('sd-jwt-disclosed');
  const undisclosed = byId('sd-jwt-undisclosed');
  if (disclosure === undefined) {
    disclosed.replaceChildren();
    undisclosed.replaceChildren();
    return;
  }
  disclosed.replaceChildren(...disclosure.disclosed.map((claim) => h('li', { 'data-claim': claim.pointer }, h('code', { class: 'claim' }, claim.pointer), h('span', { class: 'claim-value' }, claim.value))));
  undisclosed.replaceChildren(...disclosure.undisclosed.map((claim) => h('li', { 'data-claim': claim }, h('code', { class: 'claim' }, claim))));
  if (disclosure.disclosed.length === 0) disclosed.append(h('li', { class: 'muted' }, '—'));
  if (disclosure.undisclosed.length === 0) undisclosed.append(h('li', { class: 'muted' }, '—'));
  const summary = [`${t('hiddenDigests')}: ${disclosure.hiddenDigests}.`];
  if (disclosure.alwaysVisible.length > 0) summary.push(`${t('alwaysVisible')}: ${disclosure.alwaysVisible.join(', ')}.`);
  byId('sd-jwt-summary').textContent = summary.join(' ');
}
