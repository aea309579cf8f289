/**
 * What the user trusts: certificates (trust anchors), DID documents, issuer keys and status lists,
 * read from files they pick (web/src/inspect/trust.ts says what each file is), listed with a remove
 * button each. Trust embedded at build time (build-web --trust) is listed as "preloaded".
 */
import { readTrustFile } from '../inspect/index.js';
import type { Trust } from '../inspect/types.js';
import { append, byId, h, icon } from './dom.js';
import { t, type TextKey } from './i18n.js';

type TrustKind = 'anchor' | 'controller' | 'key' | 'status';

interface Item {
  kind: TrustKind;
  name: string;
  preloaded: boolean;
  add(trust: Trust): void;
}

const items: Item[] = [];

const KIND_KEY: Record<TrustKind, TextKey> = { anchor: 'trustAnchor', controller: 'controller', key: 'issuerKey', status: 'statusList' };

/** The items of a (partial) Trust, in list order. */
function itemsOf(trust: Partial<Trust>, preloaded: boolean): Item[] {
  const found: Item[] = [];
  for (const anchor of trust.trustAnchors ?? []) found.push({ kind: 'anchor', name: anchor.name, preloaded, add: (into) => into.trustAnchors.push(anchor) });
  for (const controller of trust.controllers ?? []) found.push({ kind: 'controller', name: controller.name, preloaded, add: (into) => into.controllers.push(controller) });
  for (const key of trust.issuerKeys ?? []) found.push({ kind: 'key', name: key.name, preloaded, add: (into) => into.issuerKeys.push(key) });
  for (const list of trust.statusLists ?? []) found.push({ kind: 'status', name: list.name, preloaded, add: (into) => into.statusLists.push(list) });
  return found;
}

/** Everything trusted now, as inspect() takes it. */
export function currentTrust(): Trust {
  const trust: Trust = { trustAnchors: [], controllers: [], issuerKeys: [], statusLists: [] };
  for (const item of items) item.add(trust);
  return trust;
}

let changed: () => void = () => {};

function render(): void {
  const list = byId('trust-list');
  list.replaceChildren(
    ...items.map((item) => {
      const remove = h('button', { type: 'button', class: 'link-button remove', 'aria-label': `${t('removeTrust')}: ${item.name}` }, icon('remove', 'icon'), h('span', {}, t('removeTrust')));
      remove.addEventListener('click', () => {
        const at = items.indexOf(item);
        if (at >= 0) items.splice(at, 1);
        render();
        byId<HTMLInputElement>(item.kind === 'status' ? 'status-input' : 'trust-input').focus();
        changed();
      });
      const label = h('span', { class: 'trust-text' }, h('span', { class: 'trust-name' }, item.name));
      const kind = h('span', { class: `trust-kind kind-${item.kind}` }, t(KIND_KEY[item.kind]));
      append(label, kind);
      if (item.preloaded) append(label, h('span', { class: 'trust-preloaded' }, t('preloaded')));
      return h('li', { 'data-trust-kind': item.kind, class: 'trust-item' }, icon(item.kind === 'status' ? 'file' : 'shield', 'icon trust-icon'), label, remove);
    }),
  );
  byId('trust-empty').hidden = items.length > 0;
}

/** Re-labels the list in the page language. */
export function relabelTrust(): void {
  render();
}

async function load(files: FileList | null): Promise<void> {
  if (files === null || files.length === 0) return;
  const problems: string[] = [];
  let added = 0;
  for (const file of Array.from(files)) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (error) {
      problems.push(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const read = readTrustFile(file.name, bytes);
    if (read.problem !== undefined) problems.push(read.problem.startsWith(file.name) ? read.problem : `${file.name}: ${read.problem}`);
    const found = itemsOf(read.added, false);
    items.push(...found);
    added += found.length;
  }
  const problem = byId('trust-problem');
  problem.textContent = problems.join(' ');
  problem.hidden = problems.length === 0;
  render();
  if (added > 0) changed();
}

/** Wires the two file inputs; `onChange` runs when what is trusted changed (to check the file again). */
export function wireTrust(preloaded: Trust | null, onChange: () => void): void {
  changed = onChange;
  if (preloaded) items.push(...itemsOf(preloaded, true));
  for (const id of ['trust-input', 'status-input']) {
    const input = byId<HTMLInputElement>(id);
    input.addEventListener('change', () => {
      void load(input.files).finally(() => {
        input.value = '';
      });
    });
  }
  render();
}
