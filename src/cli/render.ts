/**
 * `eumc render`: a picture of a credential for people (SVG, PNG, JPEG: one language a file) or a
 * PDF (a page per language) that carries the input file itself, byte for byte, as an attachment.
 * Any document `convert --to model` reads is read the same way (readAsModel); a micro-credential
 * JSON is validated as it is. Rendering shows what a credential says and verifies nothing: a
 * forged credential renders as well as a genuine one (`eumc verify` checks signatures and seals).
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { describeWrapping, validate } from 'eu-micro-credentials';
import { detectKind } from './check.js';
import { readAsModel } from './convert.js';
import { type OutFile, prepareOut, writeOut } from './files.js';
import { DEFAULT_MAX_BYTES, parseDocument } from './inputs.js';
import { type ModelRead, issueLine, reportProblems, say } from './io.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** The options of `eumc render`, as commander gives them. */
export interface RenderCommandOptions {
  format: 'svg' | 'png' | 'jpeg' | 'pdf';
  lang?: string;
  verifyUrl?: string;
  logo?: string;
  out: string;
  force: boolean;
}

const TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** The bytes of a file named on the command line, or a usage error that says why not. */
async function readBytes(file: string, what: string, max: number): Promise<Buffer> {
  const name = `${what}${safeName(file)}`;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new UsageError(`${name} is not a regular file`);
    if (info.size > max) throw new UsageError(`${name} is ${(info.size / 1048576).toFixed(1)} MB, more than the ${max / 1048576} MB limit`);
    return await readFile(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${name} ${code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'I/O error'})`}`);
  }
}

/** `--logo`: a PNG, JPEG or SVG file, by its first bytes. */
async function readLogo(file: string): Promise<{ content: Uint8Array; contentType: 'image/png' | 'image/jpeg' | 'image/svg+xml' }> {
  const bytes = await readBytes(file, '--logo ', 2 * 1048576);
  const head = bytes.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  const contentType = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) ? 'image/png' : bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? 'image/jpeg' : head.startsWith('<') ? 'image/svg+xml' : undefined;
  if (contentType === undefined) throw new UsageError(`--logo ${safeName(file)} is not a PNG, JPEG or SVG file`);
  return { content: new Uint8Array(bytes), contentType };
}

/**
 * The media type of the attached file, by what it is: JSON-LD for ELM and signed credentials and
 * badges, the JOSE types for sealed ones and VC-JWTs, SD-JWT VC's own (draft 08, `dc+sd-jwt`).
 */
function mediaType(json: unknown, image: 'png' | 'svg' | undefined): string {
  if (image) return image === 'png' ? 'image/png' : 'image/svg+xml';
  switch (detectKind(json)) {
    case 'sd-jwt-vc':
      return 'application/dc+sd-jwt';
    case 'sealed':
      return typeof json === 'string' ? 'application/jose' : 'application/jose+json';
    case 'ob3':
      return typeof json === 'string' ? 'application/jwt' : 'application/ld+json';
    case 'elm':
    case 'signed':
      return 'application/ld+json';
    default:
      return 'application/json';
  }
}

/** A micro-credential JSON itself (not a credential, a wrapper or an envelope): validated as it is. */
function modelRead(json: unknown): ModelRead {
  const result = validate(json);
  for (const i of result.issues) say(issueLine(i));
  return result.ok ? { value: result.value, ok: true } : { value: json, ok: false };
}

/** `card.png` and `de` → `card.de.png`: the file of one language when several are written. */
function perLanguage(out: string, lang: string): string {
  const ext = extname(out);
  return `${ext ? out.slice(0, -ext.length) : out}.${lang}${ext}`;
}

/** Runs `eumc render`. */
export async function renderCommand(input: string, opts: RenderCommandOptions): Promise<void> {
  if (input === '-') throw new UsageError('render reads a file, not standard input (a PDF carries the file\'s own bytes)');
  const asked = opts.lang === undefined || opts.lang === 'all' ? [] : opts.lang.split(',').map((t) => t.trim());
  const bad = asked.find((t) => !TAG.test(t));
  if (bad !== undefined) throw new UsageError(`--lang must be a language tag (de, pt-BR), several separated by commas, or all; not ${JSON.stringify(bad.slice(0, 40))}`);
  if (opts.verifyUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(opts.verifyUrl)) throw new UsageError('--verify-url must be an http:// or https:// URL');
  const logo = opts.logo !== undefined ? await readLogo(opts.logo) : undefined;
  const bytes = await readBytes(input, '', DEFAULT_MAX_BYTES);
  const loaded = parseDocument(input, bytes);
  if (!loaded.ok) throw new UsageError(`${safeName(input)} ${loaded.message}`);
  const json = 'json' in loaded ? loaded.json : undefined;
  const isModel = 'json' in loaded && detectKind(json) === 'model' && describeWrapping(json) === undefined;
  const read = isModel ? modelRead(json) : await readAsModel('image' in loaded ? { image: loaded.image } : { json });
  if (read === undefined) return;
  if (!read.ok) return reportProblems(['error: the credential is not a valid micro-credential (above): nothing rendered']);
  const render = await import('eu-micro-credentials/render');
  const mc = read.value as Parameters<typeof render.renderSvg>[0];
  // One tag once, whatever its case (de and DE are one language, and one file on a case-insensitive disk).
  const langs = [...new Map((opts.lang === 'all' ? render.credentialLanguages(mc) : asked).map((t) => [t.toLowerCase(), t])).values()];
  const several = opts.lang === 'all' || langs.length > 1;
  const common = { ...(opts.verifyUrl !== undefined ? { verifyUrl: opts.verifyUrl } : {}), ...(logo ? { logo } : {}) };
  // Every output is checked before any is drawn: an existing file stops the run with nothing written.
  const jobs: { out: OutFile; lang: string | undefined }[] = [];
  if (opts.format === 'pdf' || !several) jobs.push({ out: await prepareOut(opts.out, 'document', opts.force), lang: langs[0] });
  else for (const lang of langs) jobs.push({ out: await prepareOut(perLanguage(opts.out, lang), 'document', opts.force), lang });
  const files: Uint8Array[] = [];
  try {
    if (opts.format === 'pdf') {
      // The attachment is the input as it is: a signed credential stays verifiable once extracted.
      const filename = basename(input).replace(/[^\x20-\x7e\xa0-\xff]|[()\\]/g, '_');
      const attachment = { content: new Uint8Array(bytes), filename, mimeType: mediaType(json, 'image' in loaded ? loaded.format : undefined), description: 'The credential this document shows: the file it was drawn from, byte for byte' };
      files.push(await render.renderPdf(mc, { ...common, ...(langs.length > 0 ? { langs } : {}), attachment }));
    } else {
      for (const { lang } of jobs) {
        const options = { ...common, ...(lang !== undefined ? { lang } : {}) };
        files.push(opts.format === 'svg' ? new TextEncoder().encode(render.renderSvg(mc, options)) : opts.format === 'png' ? await render.renderPng(mc, options) : await render.renderJpeg(mc, options));
      }
    }
  } catch (error) {
    // The credential is valid: what the library refuses is an option (a logo it cannot read, a URL too long).
    if (error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  for (const [i, { out }] of jobs.entries()) await writeOut(out, files[i]!);
  say(`${jobs.map((j) => safeName(j.out.shown)).join(', ')} written; rendering verifies nothing: no signature or seal was checked (\`eumc verify\` checks them)`);
}
