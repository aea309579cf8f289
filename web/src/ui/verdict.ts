/**
 * The headline of a check, first on the page: the verdict in big plain words with an icon and a
 * colour (never the colour alone), who signed, why; then validity, revocation and the file.
 */
import type { InspectReport, Revocation, Signer, Validity, VerdictState } from '../inspect/types.js';
import { append, byId, clear, h, icon, type IconName } from './dom.js';
import { formatDate, formatDay, t, type TextKey } from './i18n.js';

const LOOK: Record<VerdictState, { icon: IconName; title: TextKey; ribbon?: TextKey }> = {
  genuine: { icon: 'check', title: 'genuine', ribbon: 'verified' },
  unconfirmed: { icon: 'warning', title: 'unconfirmed', ribbon: 'partiallyVerified' },
  'not-genuine': { icon: 'cross', title: 'notGenuine', ribbon: 'verificationFailed' },
  'not-signed': { icon: 'info', title: 'notSigned' },
  unreadable: { icon: 'question', title: 'unreadable' },
};

/** A label and a value on one line: "Signed by: did:web:…". */
function pair(label: string, value: string, valueClass?: string): HTMLElement {
  return h('span', { class: 'pair' }, h('span', { class: 'pair-label' }, `${label}: `), h('span', { class: valueClass ?? 'pair-value' }, value));
}

function signerLine(signer: Signer | undefined, signedAt: string | undefined, mechanism: string | null): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (signer?.kind === 'did') {
    parts.push(pair(t('signedBy'), signer.id, 'pair-value mono'));
  } else if (signer?.kind === 'certificate') {
    parts.push(pair(t(mechanism === 'seal' ? 'sealingOrganisation' : 'signedBy'), signer.subject));
    parts.push(signer.anchor ? pair(t('chainsTo'), signer.anchor) : h('span', { class: 'chain-missing' }, icon('warning', 'icon state-icon'), t('noChain')));
    if (signer.issuer && signer.issuer !== signer.subject) parts.push(pair(t('certificateIssuer'), signer.issuer, 'pair-value muted'));
  } else if (signer?.kind === 'key') {
    if (signer.issuer) parts.push(pair(t('signedBy'), signer.issuer, 'pair-value mono'));
    if (signer.thumbprint) parts.push(pair(t('keyFingerprint'), signer.thumbprint, 'pair-value mono muted'));
    if (signer.by) parts.push(pair(t('keyFrom'), signer.by, 'pair-value muted'));
  }
  if (signedAt) parts.push(pair(t('signedOn'), formatDate(signedAt)));
  return parts;
}

function showValidity(validity: Validity): void {
  const element = byId('validity');
  element.dataset.state = validity.state;
  clear(element);
  const period = h('span', { class: 'period' });
  if (validity.validFrom) append(period, h('span', { class: 'block' }, pair(t('validFrom'), formatDay(validity.validFrom))));
  if (validity.validUntil) append(period, h('span', { class: 'block' }, pair(t('validUntil'), formatDay(validity.validUntil))));
  switch (validity.state) {
    case 'valid':
      append(element, icon('check', 'icon state-icon'), h('span', { class: 'fact-text' }, period.childNodes.length > 0 ? period : t('noValidityPeriod')));
      break;
    case 'expired':
      append(element, icon('cross', 'icon state-icon'), h('span', { class: 'fact-text' }, h('strong', { class: 'block' }, t('expired')), period));
      break;
    case 'not-yet-valid':
      append(element, icon('clock', 'icon state-icon'), h('span', { class: 'fact-text' }, h('strong', { class: 'block' }, t('notYetValid')), period));
      break;
    default:
      append(element, icon('minus', 'icon state-icon'), h('span', { class: 'fact-text' }, t('noValidityPeriod')));
  }
}

const REVOCATION: Record<Revocation['state'], { icon: IconName; key: TextKey }> = {
  'no-status': { icon: 'minus', key: 'noStatus' },
  'not-checked': { icon: 'info', key: 'statusNotChecked' },
  valid: { icon: 'check', key: 'notRevoked' },
  revoked: { icon: 'cross', key: 'revoked' },
  suspended: { icon: 'warning', key: 'suspended' },
  unknown: { icon: 'question', key: 'statusUnknown' },
};

function showRevocation(revocation: Revocation): void {
  const element = byId('revocation');
  element.dataset.state = revocation.state;
  clear(element);
  const look = REVOCATION[revocation.state] ?? REVOCATION.unknown;
  const strong = revocation.state === 'revoked' || revocation.state === 'suspended';
  const text = h('span', { class: 'fact-text' }, h(strong ? 'strong' : 'span', { class: 'block' }, t(look.key)));
  const messages = revocation.entries.map((entry) => entry.message).filter((m): m is string => typeof m === 'string' && m !== '');
  if (messages.length > 0) append(text, h('span', { class: 'muted block' }, messages.join(' ')));
  append(element, icon(look.icon, 'icon state-icon'), text);
}

const KIND: Record<InspectReport['kind'], TextKey> = {
  model: 'kindModel',
  elm: 'kindElm',
  'signed-vc': 'kindSignedVc',
  sealed: 'kindSealed',
  ob3: 'kindOb3',
  'ob3-jwt': 'kindOb3Jwt',
  'sd-jwt-vc': 'kindSdJwtVc',
  unknown: 'kindUnknown',
};

const CONTAINER: Record<'png' | 'svg' | 'pdf', TextKey> = { png: 'containerPng', svg: 'containerSvg', pdf: 'containerPdf' };

/**
 * The headline of a genuine credential that is not in force (revoked or suspended first, then
 * expired or not yet valid): never the plain "Genuine". Undefined when it is in force.
 */
export function genuineButTitle(report: InspectReport): TextKey | undefined {
  if (report.verdict.state !== 'genuine') return undefined;
  if (report.revocation.state === 'revoked') return 'genuineRevoked';
  if (report.revocation.state === 'suspended') return 'genuineSuspended';
  if (report.validity.state === 'expired') return 'genuineExpired';
  if (report.validity.state === 'not-yet-valid') return 'genuineNotYetValid';
  return undefined;
}

/** Revoked, suspended, expired, not yet valid: said in the verdict box itself, with the date. */
function standingLines(report: InspectReport): HTMLElement[] {
  const lines: HTMLElement[] = [];
  const { revocation, validity } = report;
  if (revocation.state === 'revoked' || revocation.state === 'suspended') {
    lines.push(h('span', { class: 'standing-line' }, icon(revocation.state === 'revoked' ? 'cross' : 'warning', 'icon state-icon'), h('strong', {}, t(revocation.state))));
  }
  if (validity.state === 'expired') {
    lines.push(h('span', { class: 'standing-line' }, icon('cross', 'icon state-icon'), validity.validUntil ? pair(t('expired'), formatDay(validity.validUntil)) : h('strong', {}, t('expired'))));
  } else if (validity.state === 'not-yet-valid') {
    lines.push(h('span', { class: 'standing-line' }, icon('clock', 'icon state-icon'), validity.validFrom ? pair(t('notYetValid'), `${t('validFrom')} ${formatDay(validity.validFrom)}`) : h('strong', {}, t('notYetValid'))));
  }
  return lines;
}

function showFile(report: InspectReport): void {
  const element = byId('file-facts');
  clear(element);
  const kind = [t(KIND[report.kind] ?? 'kindUnknown')];
  if (report.container === 'png' || report.container === 'svg' || report.container === 'pdf') kind.push(t(CONTAINER[report.container]));
  append(element, h('span', { class: 'file-name' }, report.file.name), h('span', { class: 'block' }, pair(t('fileKind'), kind.join(', '))));
  if (report.attachment !== undefined) append(element, h('span', { class: 'block' }, pair(t('attachment'), report.attachment, 'pair-value mono')));
  if (report.wrapper !== undefined) append(element, h('span', { class: 'block' }, pair(t('unwrapped'), report.wrapper || '/', 'pair-value mono')));
  if (report.partial) append(element, h('span', { class: 'block muted' }, t('partialReading')));
  if (report.file.sha256) append(element, h('span', { class: 'muted block mono small sha', title: report.file.sha256 }, `SHA-256 ${report.file.sha256.slice(0, 16)}…`));
}

/** Shows the verdict, validity, revocation and file of `report` in #result. */
export function showVerdict(report: InspectReport): void {
  const look = LOOK[report.verdict.state] ?? LOOK.unreadable;
  const verdict = byId('verdict');
  verdict.dataset.state = report.verdict.state;
  verdict.dataset.validity = report.validity.state;
  verdict.dataset.revocation = report.revocation.state;
  const notInForce = genuineButTitle(report);
  verdict.classList.toggle('not-in-force', notInForce !== undefined);
  verdict.hidden = false;
  byId('result-empty').hidden = true;
  byId('facts').hidden = false;

  const iconBox = byId('verdict-icon');
  iconBox.replaceChildren(icon(notInForce ? 'warning' : look.icon, 'verdict-svg'));
  const ribbonKey = notInForce ? 'partiallyVerified' : look.ribbon;
  const ribbon = byId('verdict-ribbon');
  ribbon.textContent = ribbonKey ? t(ribbonKey) : '';
  ribbon.hidden = ribbonKey === undefined;
  byId('verdict-title').textContent = t(notInForce ?? look.title);

  const signer = byId('verdict-signer');
  // Who a failed signature names is not who signed: said only when the signature held.
  const held = report.verdict.state === 'genuine' || report.verdict.state === 'unconfirmed';
  const parts = held ? signerLine(report.verdict.signer, report.verdict.signedAt, report.verdict.mechanism) : [];
  signer.replaceChildren(...parts);
  signer.hidden = parts.length === 0;

  // Whether it is in force, in the box itself, where the signature held (else it is only a claim of the file).
  const standing = byId('verdict-standing');
  const lines = held ? standingLines(report) : [];
  standing.replaceChildren(...lines);
  standing.hidden = lines.length === 0;

  const reasons = byId('verdict-reasons');
  reasons.replaceChildren(
    ...report.verdict.reasons.map((reason) => {
      const item = h('li', { 'data-code': reason.code }, reason.text);
      if (reason.path) append(item, ' ', h('code', { class: 'path' }, reason.path));
      return item;
    }),
  );
  reasons.hidden = report.verdict.reasons.length === 0;

  showValidity(report.validity);
  showRevocation(report.revocation);
  showFile(report);
  // Nothing read (unreadable, or a failed signature shows no content): "no period" and "no status" would be guesses.
  const nothingRead = report.model === undefined && !report.elements.some((row) => row.present);
  // Of a file that is not genuine and shows nothing, its status entries are not worth a status list.
  const failed = nothingRead && report.verdict.state === 'not-genuine';
  byId('validity').closest<HTMLElement>('.fact')!.hidden = nothingRead && (failed || report.validity.state === 'no-period');
  byId('revocation').closest<HTMLElement>('.fact')!.hidden = nothingRead && (failed || report.revocation.state === 'no-status');
}

/** Back to the empty state (nothing checked). */
export function clearVerdict(): void {
  byId('verdict').hidden = true;
  byId('facts').hidden = true;
  byId('result-empty').hidden = false;
}
