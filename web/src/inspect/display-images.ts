/**
 * The issuer's own pictures an ELM credential carries (`displayParameter.individualDisplay[]`, one
 * per language, each `displayDetail[].image` a MediaObject with base64 `content`), read from the
 * document that was verified only (the signed credential, the sealed payload; for a file with
 * nothing to verify, its own document). The library reads no images, so they are read here,
 * bounded: at most MAX_IMAGES images, each at most MAX_IMAGE_BYTES decoded, only JPEG and PNG
 * whose bytes start with their magic numbers. SVG is never taken (it can carry script); neither is
 * any image the page would have to fetch (`contentUrl`).
 */
import { keyOfConcept, LANGUAGE } from 'eu-micro-credentials';
import { isObject } from './json.js';
import type { DisplayImage, PageIssue } from './types.js';

export const MAX_IMAGES = 32;
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const esc = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** A concept's id (or a plain string), for comparing against the EU's URIs and media types. */
function conceptId(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObject(v) && typeof v.id === 'string') return v.id;
  return undefined;
}

/** The declared type: 'image/jpeg', 'image/png', another one (refused), or undefined (none declared). */
function declaredType(v: unknown): string | undefined {
  const id = conceptId(v);
  if (id === undefined) return undefined;
  const last = id.split('/').pop()?.toUpperCase() ?? '';
  if (last === 'JPEG' || last === 'JPG') return 'image/jpeg';
  if (last === 'PNG') return 'image/png';
  return id;
}

function isBase64Encoding(v: unknown): boolean {
  if (v === undefined) return true;
  const id = conceptId(v);
  if (id === 'http://data.europa.eu/snb/encoding/6146cde7dd' || id?.toLowerCase() === 'base64') return true;
  const label = isObject(v) && isObject(v.prefLabel) ? Object.values(v.prefLabel) : [];
  return label.some((l) => typeof l === 'string' && l.toLowerCase() === 'base64');
}

function languageOf(v: unknown): string | null {
  const id = conceptId(v);
  if (id === undefined) return null;
  if (/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(id)) return id;
  return keyOfConcept(LANGUAGE, id) ?? null;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The display images of `doc` (an ELM credential as verified), with an issue for each image it
 * refused and for images past the bound. `prefix` is the JSON Pointer of `doc` in the file.
 */
export function displayImagesOf(doc: unknown, prefix: string): { images: DisplayImage[]; issues: PageIssue[] } {
  const images: DisplayImage[] = [];
  const issues: PageIssue[] = [];
  if (!isObject(doc) || !isObject(doc.displayParameter)) return { images, issues };
  const refuse = (path: string, why: string) => {
    if (issues.length < MAX_IMAGES) issues.push({ code: 'EUMC_DISPLAY_IMAGE_REFUSED', severity: 'warning', path, element: null, message: `The issuer's picture at ${path} is not shown: ${why}.`, source: 'elm' });
  };
  let seen = 0;
  const displays = list(doc.displayParameter.individualDisplay);
  const base = `${prefix}/displayParameter/individualDisplay`;
  outer: for (let i = 0; i < displays.length; i++) {
    const display = displays[i];
    if (!isObject(display)) continue;
    const at = Array.isArray(doc.displayParameter.individualDisplay) ? `${base}/${i}` : base;
    const lang = languageOf(display.language);
    const details = list(display.displayDetail);
    for (let j = 0; j < details.length; j++) {
      const detail = details[j];
      if (!isObject(detail) || detail.image === undefined) continue;
      const path = `${at}/displayDetail${Array.isArray(display.displayDetail) ? `/${j}` : ''}/image`;
      seen++;
      if (seen > MAX_IMAGES) {
        issues.push({ code: 'EUMC_DISPLAY_IMAGES_BOUNDED', severity: 'warning', path: base, element: null, message: `The credential carries more than ${MAX_IMAGES} pictures of its own: only the first ${MAX_IMAGES} were read.`, source: 'elm' });
        break outer;
      }
      const image = detail.image;
      if (!isObject(image)) {
        refuse(path, 'it is not a media object');
        continue;
      }
      if (typeof image.content !== 'string') {
        refuse(path, 'it has no content in the credential (the page fetches nothing)');
        continue;
      }
      if (!isBase64Encoding(image.contentEncoding)) {
        refuse(path, 'its content is not base64');
        continue;
      }
      const declared = declaredType(image.contentType);
      if (declared !== undefined && declared !== 'image/jpeg' && declared !== 'image/png') {
        refuse(path, `its type (${declared.slice(0, 100)}) is not JPEG or PNG, the only pictures the page shows`);
        continue;
      }
      const text = image.content.length <= Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 1024 ? image.content.replace(/\s+/g, '') : undefined;
      if (text === undefined || Math.floor((text.length * 3) / 4) > MAX_IMAGE_BYTES + 2) {
        refuse(path, `it is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
        continue;
      }
      if (text.length % 4 !== 0 || !BASE64.test(text)) {
        refuse(path, 'its content is not valid base64');
        continue;
      }
      const bytes = decodeBase64(text);
      if (bytes.length > MAX_IMAGE_BYTES) {
        refuse(path, `it is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
        continue;
      }
      const mediaType = startsWith(bytes, JPEG_MAGIC) ? 'image/jpeg' : startsWith(bytes, PNG_MAGIC) ? 'image/png' : undefined;
      if (mediaType === undefined || (declared !== undefined && declared !== mediaType)) {
        refuse(path, mediaType === undefined ? 'its bytes are not a JPEG or PNG image' : `its bytes are ${mediaType === 'image/png' ? 'PNG' : 'JPEG'}, not the type it declares`);
        continue;
      }
      const page = typeof detail.page === 'number' && Number.isInteger(detail.page) && detail.page >= 1 ? detail.page : 1;
      images.push({ lang, mediaType, page, base64: text });
    }
  }
  return { images, issues };
}
