/**
 * Reading a file: its bytes to the container it came in (JSON or text, a baked PNG or SVG, a PDF
 * with the credential attached) and the document inside, as the library's verifiers take it (a
 * JSON value, or the compact text of a JWS or an SD-JWT). Nothing here verifies anything.
 */
import { describeWrapping } from 'eu-micro-credentials';
import { unbakeBadge } from 'eu-micro-credentials/ob3';
import { type PdfAttachmentFile, readPdfAttachments } from 'eu-micro-credentials/render';
import { base64UrlJson, isObject, readJson, utf8 } from './json.js';
import type { Container, PageIssue } from './types.js';

/** The largest file the page reads: a credential is kilobytes; a PDF of the library with pictures, a few MB. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** What was read out of a file. */
export interface ReadDocument {
  container: Container;
  /** The document: a parsed JSON value, or a string (a compact JWS or SD-JWT). Absent: `unreadable` says why. */
  document?: unknown;
  /** The exact text the document was read from (the credential's own bytes, for an export to attach). */
  text?: string;
  /** The media type of that text. */
  mediaType?: string;
  /** The PDF attachment it came from. */
  attachment?: string;
  /** The wrapper member's JSON Pointer, when the file wrapped the credential (EDC upload, DC4EU). */
  wrapper?: string;
  /** Notes on the reading (a wrapper, a badge baked twice, other attachments). */
  issues: PageIssue[];
  /** Why nothing could be read, in words. */
  unreadable?: string;
  /** The JSON has a member name twice (what the signature covers may not be what is shown). */
  duplicate?: string;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** A compact JWS (RFC 7515 §7.1): three base64url segments, the header a JSON object with `alg`. */
export function isCompactJws(text: string): boolean {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(text)) return false;
  const header = base64UrlJson(text.slice(0, text.indexOf('.')));
  return isObject(header) && typeof header.alg === 'string';
}

/** An SD-JWT in compact form: an issuer-signed JWT, `~`, disclosures and an optional key-binding JWT. */
export function isSdJwt(text: string): boolean {
  if (text.length > 4 * 1024 * 1024 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+~[A-Za-z0-9_.~-]*$/.test(text)) return false;
  const header = base64UrlJson(text.slice(0, text.indexOf('.')));
  return isObject(header) && typeof header.alg === 'string';
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text);

/** Text in UTF-16 with a byte order mark, or `undefined`. */
function utf16(bytes: Uint8Array): { text: string; form: string } | undefined {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return undefined;
  try {
    return { text: new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2)), form: le ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)' };
  } catch {
    return undefined;
  }
}

const issue = (code: string, severity: PageIssue['severity'], path: string, message: string): PageIssue => ({ code, severity, path, element: null, message, source: 'input' });

/** Reads one file; never throws. */
export async function readDocument(name: string, bytes: Uint8Array): Promise<ReadDocument> {
  try {
    if (bytes.length === 0) return { container: 'text', issues: [], unreadable: 'The file is empty.' };
    if (bytes.length > MAX_FILE_BYTES) return { container: 'text', issues: [], unreadable: `The file is ${(bytes.length / 1048576).toFixed(1)} MB, more than the ${MAX_FILE_BYTES / 1048576} MB this page reads.` };
    if (startsWith(bytes, PNG_MAGIC)) return fromBadge(bytes, 'png');
    if (startsWith(bytes, PDF_MAGIC)) return await fromPdf(bytes);
    const wide = utf16(bytes);
    if (wide !== undefined) {
      // Text saved as UTF-16 (with its byte order mark, as Windows editors do): read as the same text, and said.
      const read = wide.text.trim().startsWith('<') ? fromBadge(utf8Bytes(wide.text), 'svg') : fromText(wide.text, wide.text.trim(), 'text');
      if (read.unreadable === undefined) read.issues.unshift(issue('EUMC_UTF16', 'info', '', `The file is ${wide.form} text; it was read as that text (the signature covers the credential's content, not its encoding).`));
      return read;
    }
    const text = utf8(bytes);
    if (text === undefined) return { container: 'text', issues: [], unreadable: `The file is neither text (UTF-8 or UTF-16 with a byte order mark) nor a PNG, SVG or PDF file: not a credential this page knows.` };
    const trimmed = text.trim();
    if (trimmed.startsWith('<')) return fromBadge(bytes, 'svg');
    return fromText(text, trimmed, 'text');
  } catch (error) {
    return { container: 'text', issues: [], unreadable: `The file could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** Text: a compact SD-JWT or JWS as the string itself, else JSON (strictly), unwrapped from EDC's or DC4EU's wrapper. */
function fromText(text: string, trimmed: string, as: 'text'): ReadDocument {
  if (isSdJwt(trimmed)) return { container: as, document: trimmed, text: trimmed, mediaType: 'application/dc+sd-jwt', issues: [] };
  if (isCompactJws(trimmed)) return { container: as, document: trimmed, text: trimmed, mediaType: 'application/jose', issues: [] };
  const json = readJson(text);
  if (!json.ok && json.code === 'not-json') return { container: as, issues: [], unreadable: `The file is not a credential this page knows: not JSON, nor a compact JWS or SD-JWT. ${json.message}` };
  const value = JSON.parse(text) as unknown;
  const read: ReadDocument = { container: 'json', document: value, text, mediaType: 'application/json', issues: [] };
  if (!json.ok) read.duplicate = json.message;
  return unwrap(read);
}

/** A credential carried in a wrapper (EDC's upload format, DC4EU's) is unwrapped, and said. */
function unwrap(read: ReadDocument): ReadDocument {
  const doc = read.document;
  if (!isObject(doc) || Object.hasOwn(doc, '@context')) return read;
  const wrapping = describeWrapping(doc);
  if (wrapping?.kind !== 'wrapper') return read;
  const inner = (doc as Record<string, unknown>)[wrapping.member];
  const innerText = typeof inner === 'string' ? inner : undefined;
  const out: ReadDocument = {
    ...read,
    document: wrapping.inner,
    wrapper: wrapping.pointer,
    issues: [...read.issues, issue('ELM_WRAPPED', 'warning', wrapping.pointer, `${wrapping.message} The page unwrapped it and checked the credential.`)],
  };
  // The credential's own text, when the wrapper holds it as text: what was signed, byte for byte.
  if (innerText !== undefined) {
    out.text = innerText;
    const strict = readJson(innerText);
    if (!strict.ok && strict.code === 'duplicate') out.duplicate = strict.message;
  } else out.text = JSON.stringify(wrapping.inner);
  return out;
}

/** A baked badge (PNG or SVG): the credential it carries. */
function fromBadge(bytes: Uint8Array, container: 'png' | 'svg'): ReadDocument {
  const found = unbakeBadge(container === 'png' ? bytes : (utf8(bytes) ?? ''));
  if (!found.ok) {
    const why = found.issues.map((i) => i.message).join(' ');
    return { container, issues: found.issues.map((i) => issue(i.code, i.severity, i.path, i.message)), unreadable: `The ${container.toUpperCase()} image carries no Open Badges credential: ${why}` };
  }
  const issues = found.warnings.map((i) => issue(i.code, i.severity, i.path, i.message));
  if (found.form === 'jws') return { container, document: found.credential, text: found.credential, mediaType: 'application/jwt', issues };
  const text = JSON.stringify(found.credential);
  const out: ReadDocument = { container, document: found.credential, text, mediaType: 'application/vc+ld+json', issues };
  // The image's JSON text as written: a member twice is refused as in a JSON file (the reader keeps the last; other programs show the first).
  for (const raw of bakedTexts(bytes, container)) {
    const strict = raw.trimStart().startsWith('{') ? readJson(raw) : undefined;
    if (strict !== undefined && !strict.ok && strict.code === 'duplicate') {
      out.duplicate = `In the credential baked in the image: ${strict.message}`;
      break;
    }
  }
  return out;
}

/** The credential texts baked in an image as written (every iTXt chunk "openbadgecredential"; every credential element's text), for the strict JSON check only. */
function bakedTexts(bytes: Uint8Array, container: 'png' | 'svg'): string[] {
  const out: string[] = [];
  try {
    if (container === 'png') {
      const keyword = utf8Bytes('openbadgecredential\0');
      for (let at = 8; at + 12 <= bytes.length; ) {
        const length = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
        const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
        const data = bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + length));
        if (type === 'iTXt' && keyword.every((b, i) => data[i] === b) && data[keyword.length] === 0) {
          // keyword NUL, compression flag, method, language NUL, translated keyword NUL, text
          let p = keyword.length + 2;
          for (let nul = 0; nul < 2 && p < data.length; p++) if (data[p] === 0) nul++;
          const text = utf8(data.subarray(p));
          if (text !== undefined) out.push(text);
        }
        at += 12 + length;
      }
    } else {
      const svg = utf8(bytes) ?? '';
      const unescape = (t: string) => t.replace(/&(#x[0-9a-f]+|#\d+|quot|apos|lt|gt|amp);/gi, (_m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' } as Record<string, string>)[e.toLowerCase()]!));
      // A linear scan (no regular expression that backtracks over a large image): each element's text, at most 16.
      for (let pos = 0, n = 0; n < 16; ) {
        const at = svg.indexOf('credential', pos);
        if (at < 0) break;
        pos = at + 10;
        const before = svg.slice(Math.max(0, at - 64), at);
        const lt = before.lastIndexOf('<');
        const prefix = lt < 0 ? undefined : before.slice(lt + 1);
        if (prefix === undefined || !/^([\w.-]+:)?$/.test(prefix) || !/[\s/>]/.test(svg[at + 10] ?? '')) continue;
        const gt = svg.indexOf('>', at);
        if (gt < 0) break;
        const close = svg.indexOf(`</${prefix}credential`, gt);
        if (close < 0) break;
        n++;
        pos = close + 1;
        if (svg[gt - 1] === '/') continue; // <credential verify="…"/>: a JWS, no JSON text
        const inner = svg.slice(gt + 1, close);
        const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(inner);
        out.push(cdata ? cdata[1]! : unescape(inner));
      }
    }
  } catch {
    // Only ever adds a refusal: a reading that fails here leaves the library's reading as it is.
  }
  return out;
}

/** A PDF: the first attachment that is a credential the page knows (the library's PDFs attach one, as their Source). */
async function fromPdf(bytes: Uint8Array): Promise<ReadDocument> {
  let files: PdfAttachmentFile[];
  try {
    files = await readPdfAttachments(bytes, { maxBytes: MAX_FILE_BYTES });
  } catch (error) {
    return { container: 'pdf', issues: [], unreadable: `The PDF could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (files.length === 0) return { container: 'pdf', issues: [], unreadable: 'The PDF has no attached file: it carries no credential to check (a PDF of this library attaches the credential it shows).' };
  const tried: string[] = [];
  // The credential a PDF is a picture of is its Source (what renderPdf attaches): tried first.
  const ordered = [...files.filter((f) => f.relationship === 'Source'), ...files.filter((f) => f.relationship !== 'Source')];
  for (const file of ordered) {
    const inner = await readDocument(file.name, file.bytes);
    if (inner.unreadable !== undefined || inner.container === 'pdf' || !looksLikeCredential(inner.document)) {
      tried.push(file.name);
      continue;
    }
    const others = files.filter((f) => f !== file).map((f) => f.name);
    const issues = [...inner.issues];
    issues.unshift(issue('PDF_ATTACHMENT', 'info', '', `The credential checked is the PDF's attached file "${file.name}"${file.mediaType ? ` (${file.mediaType})` : ''}; the PDF's pages are a picture of it and are not checked.`));
    if (others.length > 0) issues.push(issue('PDF_OTHER_ATTACHMENTS', 'warning', '', `The PDF has other attached files, not checked: ${others.map((n) => `"${n}"`).join(', ')}.`));
    return { ...inner, container: 'pdf', attachment: file.name, mediaType: file.mediaType ?? inner.mediaType, issues };
  }
  return { container: 'pdf', issues: [], unreadable: `None of the PDF's attached files is a credential this page knows (${tried.map((n) => `"${n}"`).join(', ')}).` };
}

/** Whether a document read from an attachment is a credential (or the model), not any JSON. */
function looksLikeCredential(doc: unknown): boolean {
  if (typeof doc === 'string') return true;
  if (!isObject(doc)) return false;
  return ['@context', 'proof', 'payload', 'type', 'learner', 'title', 'learningOutcomes'].some((k) => Object.hasOwn(doc, k));
}
