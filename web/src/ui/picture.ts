/**
 * The credential drawn by the library (renderPng, 1123 px wide: A4 landscape at 96 dpi) in one of
 * the languages it carries, with a switch between them. The PNG is kept for the PNG export.
 */
import type { MicroCredential } from 'eu-micro-credentials';
import { renderPng } from 'eu-micro-credentials/render';
import type { InspectReport } from '../inspect/types.js';
import { byId, h } from './dom.js';
import { languageNameHere, nativeName, t } from './i18n.js';
import { isUnverified } from './unverified.js';

const WIDTH = 1123;

interface Shown {
  model: MicroCredential;
  lang: string;
  png: Uint8Array;
}

let shown: Shown | undefined;
let url: string | undefined;
let drawing = 0;
let rendererReady = false;
let drawn: () => void = () => {};
/** The picture is of an unverified credential: its alt text says so. */
let unverified = false;

/** `listener` runs after each drawing (or failure to draw). */
export function onPictureDrawn(listener: () => void): void {
  drawn = listener;
}

export function setRendererReady(ready: boolean): void {
  rendererReady = ready;
}

/** The PNG on show and its language, for the export. */
export function currentPicture(): { png: Uint8Array; lang: string } | undefined {
  return shown && { png: shown.png, lang: shown.lang };
}

/**
 * The credential's language to draw it in: the page's, else one the browser asks for, else English
 * (each by its whole tag, then its primary subtag), else the credential's first.
 */
export function pictureLanguage(languages: readonly string[], pageLang: string, wanted: readonly string[] = []): string | undefined {
  const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  for (const want of [pageLang, ...wanted, 'en']) {
    const found = languages.find((l) => l.toLowerCase() === want.toLowerCase()) ?? languages.find((l) => primary(l) === primary(want));
    if (found !== undefined) return found;
  }
  return languages[0];
}

function setUrl(next: string | undefined): void {
  if (url !== undefined) URL.revokeObjectURL(url);
  url = next;
}

function titleOf(model: MicroCredential, lang: string): string {
  const title = (model as { title?: unknown }).title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object') {
    const texts = title as Record<string, unknown>;
    const text = texts[lang] ?? Object.values(texts).find((v) => typeof v === 'string');
    if (typeof text === 'string') return text;
  }
  return t('pictureTitle');
}

async function draw(model: MicroCredential, lang: string): Promise<void> {
  const ticket = ++drawing;
  const img = byId<HTMLImageElement>('picture');
  const problem = byId('picture-problem');
  if (!rendererReady) {
    problem.textContent = t('loadFailed');
    problem.hidden = false;
    img.hidden = true;
    return;
  }
  try {
    const png = await renderPng(model, { lang, width: WIDTH });
    if (ticket !== drawing) return;
    const next = URL.createObjectURL(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
    await new Promise<void>((resolve) => {
      img.addEventListener('load', () => resolve(), { once: true });
      img.addEventListener('error', () => resolve(), { once: true });
      img.src = next;
    });
    setUrl(next);
    img.alt = unverified ? `${t('notVerified')}: ${titleOf(model, lang)}` : titleOf(model, lang);
    img.lang = lang;
    img.hidden = false;
    problem.hidden = true;
    shown = { model, lang, png };
    drawn();
  } catch (error) {
    if (ticket !== drawing) return;
    shown = undefined;
    img.hidden = true;
    img.removeAttribute('src');
    setUrl(undefined);
    problem.textContent = `${t('pictureFailed')}: ${error instanceof Error ? error.message : String(error)}`;
    problem.hidden = false;
    drawn();
  }
}

/** Shows the picture of `report.model` (or hides the section when there is none). */
export async function showPicture(report: InspectReport, pageLang: string): Promise<void> {
  const section = byId('picture-section');
  const img = byId<HTMLImageElement>('picture');
  const select = byId<HTMLSelectElement>('picture-lang');
  const model = report.model;
  unverified = isUnverified(report);
  if (model === undefined) {
    drawing++;
    shown = undefined;
    section.hidden = true;
    img.hidden = true;
    img.removeAttribute('src');
    setUrl(undefined);
    select.replaceChildren();
    return;
  }
  section.hidden = false;
  const languages = report.languages.length > 0 ? report.languages : ['en'];
  const lang = pictureLanguage(languages, pageLang, typeof navigator === 'undefined' ? [] : (navigator.languages ?? [])) ?? 'en';
  select.replaceChildren(...languages.map((tag) => h('option', { value: tag, lang: tag, selected: tag === lang }, `${nativeName(tag)}${nativeName(tag) === languageNameHere(tag) ? '' : ` (${languageNameHere(tag)})`}`)));
  select.value = lang;
  select.disabled = languages.length < 2;
  select.onchange = () => {
    void draw(model, select.value);
  };
  await draw(model, lang);
}
