/**
 * The default visual of an exported credential: an SVG page with the title, learner, awarding
 * bodies, date, workload and level, generated in plain TypeScript (no DOM, no fonts to embed).
 * EDC shows `displayParameter` images to people; the shapes require one.
 */
import type { LangString, MicroCredential } from '../../model/types.js';

const WIDTH = 1123; // A4 landscape at 96 dpi
const HEIGHT = 794;

/** Escapes text for XML character data and attribute values. */
function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** The text of a LangString in `lang`, falling back to the first language given. */
export function textIn(value: LangString | undefined, lang: string): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[lang] ?? Object.values(value)[0] ?? '';
}

/** Splits text into lines of at most `max` characters, at spaces where possible, at most `lines` lines. */
function wrap(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= max) current = candidate;
    else {
      if (current) out.push(current);
      current = word.length > max ? `${word.slice(0, max - 1)}…` : word;
    }
    if (out.length === lines) break;
  }
  if (current && out.length < lines) out.push(current);
  if (out.length === lines && text.length > out.join(' ').length) out[lines - 1] = `${out[lines - 1]!.slice(0, max - 1)}…`;
  return out;
}

/** A short date for people: `28 June 2024`, in UTC from the credential's own date-time. */
function humanDate(dateTime: string): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [y, m, d] = dateTime.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1] ?? ''} ${y}`;
}

function learnerName(mc: MicroCredential): string {
  const l = mc.learner;
  return l.fullName ?? ([l.givenName, l.familyName].filter(Boolean).join(' ') || 'the learner');
}

/**
 * Renders a legible SVG summary of a micro-credential in one language.
 *
 * @example
 * const svg = renderCredentialSvg(mc, 'en'); // '<svg xmlns="http://www.w3.org/2000/svg" …'
 */
export function renderCredentialSvg(mc: MicroCredential, lang: string): string {
  const title = wrap(textIn(mc.title, lang), 42, 3);
  const bodies = mc.awardingBodies.map((b) => textIn(b.legalName, lang)).join(' · ');
  const workload = [
    mc.workload.ects !== undefined ? `${mc.workload.ects} ECTS` : '',
    mc.workload.hours !== undefined ? `${mc.workload.hours} hours` : '',
    mc.workload.credits ? `${mc.workload.credits.value} ${mc.workload.credits.system === 'ECVET' ? 'ECVET points' : 'credits'}` : '',
  ].filter(Boolean).join(' · ');
  const level = [
    mc.level?.eqf !== undefined ? `EQF level ${mc.level.eqf}` : '',
    mc.level?.qfEhea ? `QF-EHEA ${mc.level.qfEhea.replace('-', ' ')}` : '',
    mc.level?.nqf ? textIn(mc.level.nqf.label, lang) : '',
  ].filter(Boolean).join(' · ');

  const lines: string[] = [];
  const text = (y: number, size: number, content: string, weight = 'normal', fill = '#1b2a4a') =>
    lines.push(`<text x="${WIDTH / 2}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="middle">${xml(content)}</text>`);

  text(120, 22, 'MICRO-CREDENTIAL', 'bold', '#003399');
  title.forEach((line, i) => text(190 + i * 46, 38, line, 'bold'));
  let y = 190 + title.length * 46 + 40;
  text(y, 20, 'awarded to');
  text((y += 44), 32, wrap(learnerName(mc), 50, 1)[0] ?? '', 'bold');
  text((y += 50), 20, 'by');
  for (const line of wrap(bodies, 80, 2)) text((y += 36), 22, line);
  text((y += 54), 20, `on ${humanDate(mc.dateOfIssue)}`);
  if (workload) text((y += 44), 20, workload);
  if (level) text((y += 34), 20, level);
  text(HEIGHT - 50, 14, 'Issued as a European Digital Credential (Council Recommendation 2022/C 243/02, Annex I)', 'normal', '#5a6478');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Arial, Helvetica, sans-serif" lang="${xml(lang)}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<rect x="24" y="24" width="${WIDTH - 48}" height="${HEIGHT - 48}" fill="none" stroke="#003399" stroke-width="6"/>`,
    `<rect x="40" y="40" width="${WIDTH - 80}" height="${HEIGHT - 80}" fill="none" stroke="#ffcc00" stroke-width="2"/>`,
    ...lines,
    '</svg>',
  ].join('\n');
}

/** The SVG page of `lang` that toElm embeds. */
export function credentialSvg(mc: MicroCredential, lang: string): string {
  return renderCredentialSvg(mc, lang);
}

/** The languages toElm draws a page in: the primary first, then every language the credential's texts carry. */
export function pictureLanguages(mc: MicroCredential, primary: string, titleTags: readonly string[]): string[] {
  return [...new Set([primary, ...titleTags])];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of bytes, in plain TypeScript (no Buffer, no btoa with its Latin-1 limit). */
export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}${B64[(n >> 6) & 63]!}=`;
  }
  return out;
}
