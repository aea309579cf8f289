/**
 * The QR code of the verification URL, from the `qrcode` package (error correction level M: the
 * code still reads with 15 % of it damaged, a smudged print or a fold).
 */
import QRCode from 'qrcode';
import type { QrItem } from './page.js';

/**
 * The modules of the QR code of `text`: `modules[row][column]` is true for a dark module. The
 * quiet zone (four modules of white around the code) is not included; the layout leaves room for it.
 *
 * @example
 * const modules = qrModules('https://uni.example.eu/verify/123');
 * modules.length; // 29 (version 3)
 */
export function qrModules(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const out: boolean[][] = [];
  for (let row = 0; row < modules.size; row++) {
    const line: boolean[] = [];
    for (let column = 0; column < modules.size; column++) line.push(Boolean(modules.get(row, column)));
    out.push(line);
  }
  return out;
}

/**
 * A QR item of `text` drawn in a `size` × `size` square at (`x`, `y`).
 *
 * @example
 * const item = qrItem('https://uni.example.eu/verify/123', 40, 480, 72);
 */
export function qrItem(text: string, x: number, y: number, size: number): QrItem {
  return { kind: 'qr', x, y, size, modules: qrModules(text), text };
}

/**
 * The SVG path data of the dark modules of a QR item in module units (one module is 1 × 1, the
 * code's top left corner is 0 0): one `M column row h length v1 h -length z` per horizontal run of
 * dark modules. The SVG writer places and scales it with a transform.
 *
 * @example
 * const d = qrPath(qrItem('https://uni.example.eu/verify/123', 40, 480, 72)); // 'M0 0h7v1h-7zM8 0h1v1h-1z…'
 */
export function qrPath(item: QrItem): string {
  const parts: string[] = [];
  item.modules.forEach((line, row) => {
    let column = 0;
    while (column < line.length) {
      if (!line[column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < line.length && line[column]) column++;
      parts.push(`M${start} ${row}h${column - start}v1h-${column - start}z`);
    }
  });
  return parts.join('');
}
