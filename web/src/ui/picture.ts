/**
 * The credential drawn by the library (renderPng, 1123 px wide: A4 landscape at 96 dpi) in one of
 * the languages it carries, with a switch between them. The PNG is kept for the PNG export.
 *
 * When no whole credential could be read but the credential carries the issuer's own pictures
 * (ELM display images, JPEG or PNG, read by the core from what was verified only), the issuer's
 * picture in the chosen language is shown instead, with a visible note that the page did not draw
 * it. It is shown through a blob: URL in an <img> (which runs no script); it is not kept for the
 * PNG export (the export needs the page's own drawing).
 */
import type { MicroCredential } from 'eu-micro-credentials';
import { renderPng } from 'eu-micro-credentials/render';
import type { DisplayImage, InspectReport } from '../inspect/types.js';
import { byId, h } from './dom.js';
import { languageNameHere, nativeName, t } from './i18n.js';
import { isUnverified } from './unverified.js';

const WIDTH = 1123;
const HEIGHT = 794;
/** The `#picture-lang` value of an issuer's picture that names no language. */
const NO_LANGUAGE = '';

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

/** The visible note under the issuer's picture (made once, re-labelled with the page through data-i18n). */
function issuerNote(): HTMLElement {
  const existing = document.getElementById('picture-issuer-note');
  if (existing) return existing;
  const note = h('p', { id: 'picture-issuer-note', class: 'picture-issuer-note', 'data-i18n': 'issuerPictureNote' }, t('issuerPictureNote'));
  byId('picture-section').querySelector('.picture-frame')?.before(note);
  return note;
}

function showIssuerNote(on: boolean): void {
  const existing = document.getElementById('picture-issuer-note');
  if (on) {
    const note = issuerNote();
    note.textContent = t('issuerPictureNote');
    note.hidden = false;
  } else if (existing) existing.hidden = true;
  byId('picture').classList.toggle('issuer-picture', on);
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The issuer's picture of `lang` (its first page): the first image of that language, else the first of all. */
function issuerImageOf(images: readonly DisplayImage[], lang: string): DisplayImage | undefined {
  const of = images.filter((i) => (i.lang ?? NO_LANGUAGE) === lang);
  return [...(of.length > 0 ? of : images)].sort((a, b) => a.page - b.page)[0];
}

async function showIssuerImage(images: readonly DisplayImage[], lang: string): Promise<void> {
  const ticket = ++drawing;
  const img = byId<HTMLImageElement>('picture');
  const problem = byId('picture-problem');
  shown = undefined;
  const image = issuerImageOf(images, lang);
  if (image === undefined) return;
  const next = URL.createObjectURL(new Blob([bytesOf(image.base64) as Uint8Array<ArrayBuffer>], { type: image.mediaType }));
  const loaded = await new Promise<boolean>((resolve) => {
    img.addEventListener('load', () => resolve(true), { once: true });
    img.addEventListener('error', () => resolve(false), { once: true });
    img.src = next;
  });
  if (ticket !== drawing) {
    URL.revokeObjectURL(next);
    return;
  }
  setUrl(next);
  if (!loaded) {
    img.hidden = true;
    img.removeAttribute('src');
    setUrl(undefined);
    problem.textContent = t('pictureFailed');
    problem.hidden = false;
    showIssuerNote(false);
    drawn();
    return;
  }
  // The image's own proportions (the page's drawings are A4 landscape; the issuer's need not be).
  img.width = img.naturalWidth || WIDTH;
  img.height = img.naturalHeight || HEIGHT;
  img.alt = unverified ? `${t('notVerified')}: ${t('issuerPicture')}` : t('issuerPicture');
  if (image.lang === null) img.removeAttribute('lang');
  else img.lang = image.lang;
  img.hidden = false;
  problem.hidden = true;
  showIssuerNote(true);
  drawn();
}

/** Shows the picture of `report.model` (or hides the section when there is none). */
export async function showPicture(report: InspectReport, pageLang: string): Promise<void> {
  const section = byId('picture-section');
  const img = byId<HTMLImageElement>('picture');
  const select = byId<HTMLSelectElement>('picture-lang');
  const model = report.model;
  unverified = isUnverified(report);
  const images = report.displayImages ?? [];
  if (model === undefined && images.length > 0) {
    // No whole credential to draw, but the issuer's own picture: shown, and said to be the issuer's.
    section.hidden = false;
    document.getElementById('details')?.classList.remove('no-picture');
    const tags = [...new Set(images.map((i) => i.lang ?? NO_LANGUAGE))];
    const lang = pictureLanguage(tags.filter((tag) => tag !== NO_LANGUAGE), pageLang, typeof navigator === 'undefined' ? [] : (navigator.languages ?? [])) ?? tags[0]!;
    const label = (tag: string) => (tag === NO_LANGUAGE ? t('issuerPictureUnknownLanguage') : `${nativeName(tag)}${nativeName(tag) === languageNameHere(tag) ? '' : ` (${languageNameHere(tag)})`}`);
    select.replaceChildren(...tags.map((tag) => h('option', { value: tag, ...(tag === NO_LANGUAGE ? {} : { lang: tag }), selected: tag === lang }, label(tag))));
    select.value = lang;
    select.disabled = tags.length < 2;
    select.onchange = () => {
      void showIssuerImage(images, select.value);
    };
    await showIssuerImage(images, lang);
    return;
  }
  showIssuerNote(false);
  img.width = WIDTH;
  img.height = HEIGHT;
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
