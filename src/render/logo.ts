/**
 * The issuer's logo: its size read from the image's own header (PNG IHDR, JPEG SOF, SVG
 * width/height or viewBox), so that it is drawn in its box with its aspect ratio kept.
 */
import type { ImageItem } from './page.js';

/** The logo's content types (options.ts's `LogoContentType`, named here from the page so that options.ts can read sizes). */
type LogoContentType = ImageItem['contentType'];

function pngSize(b: Uint8Array): [number, number] | undefined {
  if (b.length < 24) return undefined;
  const read = (o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  return [read(16), read(20)];
}

function jpegSize(b: Uint8Array): [number, number] | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    // SOF0-SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [(b[i + 7]! << 8) | b[i + 8]!, (b[i + 5]! << 8) | b[i + 6]!];
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    i += 2 + length;
  }
  return undefined;
}

function svgSize(b: Uint8Array): [number, number] | undefined {
  const text = new TextDecoder().decode(b.subarray(0, 8192));
  const tag = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (tag === undefined) return undefined;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)(?:px|pt)?\\s*["']`, 'i').exec(tag)?.[1];
  const w = Number(attr('width'));
  const h = Number(attr('height'));
  if (w > 0 && h > 0) return [w, h];
  const viewBox = /\sviewBox\s*=\s*["']([^"']*)["']/i.exec(tag)?.[1]?.trim().split(/[\s,]+/).map(Number);
  if (viewBox && viewBox.length === 4 && viewBox[2]! > 0 && viewBox[3]! > 0) return [viewBox[2]!, viewBox[3]!];
  return undefined;
}

/**
 * The intrinsic size of an image, or undefined when its header does not say.
 *
 * @example
 * imageSize(pngBytes, 'image/png'); // [400, 120]
 */
export function imageSize(content: Uint8Array, contentType: LogoContentType): [number, number] | undefined {
  const size = contentType === 'image/png' ? pngSize(content) : contentType === 'image/jpeg' ? jpegSize(content) : svgSize(content);
  return size && size[0] > 0 && size[1] > 0 && Number.isFinite(size[0]) && Number.isFinite(size[1]) ? size : undefined;
}

/**
 * The logo fitted into `box` keeping its aspect ratio, at the box's top right; an image whose size
 * cannot be read fills the box (an SVG then keeps its own aspect ratio inside it).
 *
 * @example
 * const item = logoBox({ content: png, contentType: 'image/png' }, { x: 680, y: 30, width: 120, height: 52 });
 */
export function logoBox(logo: { content: Uint8Array; contentType: LogoContentType }, box: { x: number; y: number; width: number; height: number }): ImageItem {
  const size = imageSize(logo.content, logo.contentType);
  let width = box.width;
  let height = box.height;
  if (size !== undefined) {
    const scale = Math.min(box.width / size[0], box.height / size[1]);
    width = Math.round(size[0] * scale * 1000) / 1000;
    height = Math.round(size[1] * scale * 1000) / 1000;
  }
  return { kind: 'image', x: box.x + box.width - width, y: box.y, width, height, content: logo.content, contentType: logo.contentType };
}
