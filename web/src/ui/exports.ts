/**
 * The downloads of a check: the picture (PNG), the PDF (every language, with the file as it came
 * attached when it was signed, sealed or an SD-JWT VC, else the model JSON), the ELM and Open
 * Badges forms and the JSON report. Each goes through a blob: URL and an <a download>; a button
 * that cannot work is disabled with the reason in its title.
 */
import { renderPdf } from 'eu-micro-credentials/render';
import { exportElm, exportOb3, reportJson } from '../inspect/index.js';
import type { InspectReport } from '../inspect/types.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { currentPicture } from './picture.js';
import { isUnverified } from './unverified.js';

type Prepared = { ok: true; text: string } | { ok: false; reason: string };

let report: InspectReport | undefined;
let elm: Prepared | undefined;
let ob3: Prepared | undefined;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Saves `bytes` as a file named `name` through a blob: URL (no request leaves the page). */
export function download(bytes: Uint8Array | string, name: string, type: string): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : (bytes as BlobPart)], { type });
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** The file's name without its extension, as a safe download name. */
function baseName(name: string): string {
  const base = name.replace(/\.[A-Za-z0-9+-]{1,10}$/, '').replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').trim();
  return base === '' || base === 'pasted text' ? 'credential' : base.slice(0, 120);
}

/** A file name pdf-lib can write: printable Latin-1, no path, no parentheses. */
function pdfFileName(name: string, fallback: string): string {
  const cleaned = name.replace(/[^\x20-\x7e\xa0-\xff]|[()\\/]/g, '_').trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' || cleaned === 'pasted text' ? fallback : cleaned;
}

/** The file extension for a credential's media type. */
const EXTENSION: Record<string, string> = {
  'application/dc+sd-jwt': '.sd-jwt',
  'application/vc+sd-jwt': '.sd-jwt',
  'application/jose': '.jws',
  'application/jwt': '.jwt',
  'application/vc+jwt': '.jwt',
  'application/vc+ld+json': '.jsonld',
  'application/ld+json': '.jsonld',
};

/**
 * What renderPdf attaches: the credential exactly as it was verified (the signed or sealed file,
 * the SD-JWT, a baked badge's credential, a PDF's attachment) when its signature held, else
 * nothing (renderPdf attaches the model JSON).
 */
function attachmentOf(current: InspectReport): { content: string; filename: string; mimeType: string; description: string } | undefined {
  const credential = current.credential;
  if (credential === undefined || credential.text === '') return undefined;
  const mimeType = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/.test(credential.mediaType) ? credential.mediaType : 'application/octet-stream';
  const extension = EXTENSION[mimeType] ?? '.json';
  const filename = pdfFileName(`${baseName(current.attachment ?? current.file.name)}${extension}`, `credential${extension}`);
  return { content: credential.text, filename, mimeType, description: `${filename}: the credential this document shows, as it was checked` };
}

async function prepare(make: (r: InspectReport) => unknown, current: InspectReport): Promise<Prepared> {
  try {
    const value = await make(current);
    const text = typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : `${JSON.stringify(value, null, 2)}\n`;
    return { ok: true, text };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

function setButton(id: string, reason: string | undefined): void {
  const button = byId<HTMLButtonElement>(id);
  button.disabled = reason !== undefined;
  if (reason === undefined) button.removeAttribute('title');
  else button.title = `${t('exportUnavailable')}: ${reason.length > 300 ? `${reason.slice(0, 299)}…` : reason}`;
}

function problem(text: string | undefined): void {
  const element = byId('export-problem');
  element.textContent = text ?? '';
  element.hidden = text === undefined;
}

/** Prepares the exports of `current` and sets which buttons work. */
export async function showExports(current: InspectReport): Promise<void> {
  report = current;
  problem(undefined);
  const noModel = current.model === undefined ? t('noModel') : undefined;
  [elm, ob3] = current.model === undefined ? [undefined, undefined] : await Promise.all([prepare(exportElm, current), prepare(exportOb3, current)]);
  if (report !== current) return;
  setButton('export-png', noModel ?? (currentPicture() ? undefined : t('loadFailed')));
  setButton('export-pdf', noModel);
  setButton('export-elm', noModel ?? (elm && !elm.ok ? elm.reason : undefined));
  setButton('export-ob3', noModel ?? (ob3 && !ob3.ok ? ob3.reason : undefined));
  setButton('export-report', undefined);
}

/** Re-checks whether the PNG can be saved (after the picture changed language). */
export function refreshPngButton(): void {
  if (report?.model !== undefined) setButton('export-png', currentPicture() ? undefined : t('loadFailed'));
}

export function wireExports(): void {
  byId('export-png').addEventListener('click', () => {
    const picture = currentPicture();
    if (report && picture) download(picture.png, `${baseName(report.file.name)}-${picture.lang}${isUnverified(report) ? '-not-verified' : ''}.png`, 'image/png');
  });
  byId('export-pdf').addEventListener('click', async () => {
    const current = report;
    if (current?.model === undefined) return;
    const button = byId<HTMLButtonElement>('export-pdf');
    button.setAttribute('aria-busy', 'true');
    try {
      const attachment = attachmentOf(current);
      const pdf = await renderPdf(current.model, attachment ? { attachment } : {});
      // The picture and the PDF do not say the credential was not verified: their names do.
      download(pdf, `${baseName(current.file.name)}${isUnverified(current) ? '-not-verified' : ''}.pdf`, 'application/pdf');
      problem(undefined);
    } catch (error) {
      problem(`${t('exportFailed')}: ${reasonOf(error)}`);
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
  byId('export-elm').addEventListener('click', () => {
    if (report && elm?.ok) download(elm.text, `${baseName(report.file.name)}.elm.jsonld`, 'application/ld+json');
  });
  byId('export-ob3').addEventListener('click', () => {
    if (report && ob3?.ok) download(ob3.text, `${baseName(report.file.name)}.ob3.json`, 'application/json');
  });
  byId('export-report').addEventListener('click', () => {
    if (!report) return;
    try {
      download(reportJson(report), `${baseName(report.file.name)}.report.json`, 'application/json');
      problem(undefined);
    } catch (error) {
      problem(`${t('exportFailed')}: ${reasonOf(error)}`);
    }
  });
}
