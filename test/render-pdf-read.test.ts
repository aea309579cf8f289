/**
 * readPdfAttachments: the files of renderPdf's PDFs read back byte for byte (and a signed credential
 * verified after reading), PDFs with attachments made by pdf-lib and by Poppler's pdfattach (checked
 * against Poppler's pdfdetach), the shapes other tools write (UTF-16 and UTF-8 names, /F only, name
 * trees with /Kids, duplicates between /AF and the tree, a lying /Params /Size), and hostile PDFs:
 * cut, mutated, cyclic, deep, zip bombs, cross-reference streams that declare billions of entries,
 * inputs that make pdf-lib's own loader re-read the same bytes for minutes. Each is refused quickly
 * with a TypeError or RangeError that says what is wrong.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflate, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { AFRelationship, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import type { Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { toElm, validate, type MicroCredential } from '../src/index.js';
import { readPdfAttachments, renderPdf, type PdfAttachmentFile } from '../src/render.js';
import { generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { type BundledPage, haveChromium, openBundledPage } from './helpers/chromium.js';

const ROOT = new URL('..', import.meta.url).pathname;
const fixture = (path: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures', path), 'utf8')) as MicroCredential;
const greek = fixture('render/greek-university.json');
const higherEducation = fixture('valid/higher-education.json');
const creationDate = new Date('2025-06-30T12:00:00Z');
const MiB = 1024 * 1024;

let dir: string;
let count = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'render-pdf-read-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const save = (pdf: Uint8Array): string => {
  const path = join(dir, `doc-${++count}.pdf`);
  writeFileSync(path, pdf);
  return path;
};
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** What Poppler's pdfdetach lists and extracts: the oracle for names and bytes. */
function detach(path: string): { names: string[]; files: Map<string, Uint8Array> } {
  const names = run('pdfdetach', ['-list', '-enc', 'UTF-8', path]).split('\n').slice(1).filter(Boolean).map((l) => l.replace(/^\d+: /, ''));
  const out = mkdtempSync(join(dir, 'detach-'));
  run('pdfdetach', ['-saveall', '-enc', 'UTF-8', '-o', out, path]);
  return { names, files: new Map(readdirSync(out).map((n) => [n, new Uint8Array(readFileSync(join(out, n)))])) };
}

const text = (file: PdfAttachmentFile | undefined) => new TextDecoder().decode(file?.bytes);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
function concat(...parts: (string | Uint8Array)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === 'string' ? latin1(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) out.set(b, (at += b.length) - b.length);
  return out;
}
const stream = (dict: string, data: Uint8Array | string) => concat(`<< ${dict} /Length ${data.length} >>\nstream\n`, data, '\nendstream');

/**
 * A PDF written by hand, to give the reader shapes pdf-lib does not write: objects numbered from 1,
 * a classic cross-reference table, a trailer whose /Root is object 1 unless said otherwise.
 */
function handPdf(objects: (string | Uint8Array)[], trailer = '/Root 1 0 R'): Uint8Array {
  const parts: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((o, i) => {
    const part = concat(`${i + 1} 0 obj\n`, o, '\nendobj\n');
    offsets.push(length);
    parts.push(part);
    length += part.length;
  });
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(latin1(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${length}\n%%EOF\n`));
  return concat(...parts);
}
/** Catalog (1) and pages (2) of a hand-written PDF, with the catalog's extra entries. */
const CATALOG = (extra: string) => [`<< /Type /Catalog /Pages 2 0 R ${extra} >>`, '<< /Type /Pages /Kids [] /Count 0 >>'];
const embedded = (data: Uint8Array | string, extra = '') => stream(`/Type /EmbeddedFile /Filter /FlateDecode ${extra}`, deflateSync(typeof data === 'string' ? latin1(data) : data));

/** zlib data that inflates to `size` zero bytes, made a mebibyte at a time (the test never holds the whole). */
async function zeroBomb(size: number): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.alloc(MiB);
  for (let left = size; left > 0; left -= MiB) {
    if (!deflate.write(left >= MiB ? block : block.subarray(0, left))) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Runs a read, returning its files or the error it threw, and how long it took. */
async function attempt(bytes: unknown, options?: unknown): Promise<{ result: PdfAttachmentFile[] | Error; ms: number }> {
  const start = performance.now();
  try {
    return { result: await readPdfAttachments(bytes as Uint8Array, options as { maxBytes?: number }), ms: performance.now() - start };
  } catch (error) {
    return { result: error as Error, ms: performance.now() - start };
  }
}

describe('readPdfAttachments: the credential renderPdf attached', () => {
  it('reads the model JSON of the default attachment, byte for byte as Poppler extracts it', async () => {
    const pdf = await renderPdf(greek, { creationDate });
    const files = await readPdfAttachments(pdf);
    expect(files.map(({ bytes, ...rest }) => rest)).toEqual([{ name: 'credential.json', mediaType: 'application/json', relationship: 'Source', description: 'The micro-credential this document shows, as eu-micro-credentials model JSON' }]);
    expect(files[0]!.bytes).toEqual(detach(save(pdf)).files.get('credential.json'));
    expect(JSON.parse(text(files[0]))).toEqual((validate(greek) as { value: unknown }).value);
  });

  it('reads a signed credential byte for byte, and it verifies after reading', async () => {
    const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(7) });
    const mc = { ...higherEducation, issuer: { ...higherEducation.issuer, id: key.controller, identifiers: { eidas: 'IE-TEST-1' } } };
    const signed = await signCredential(toElm(mc, { id: 'urn:uuid:00000000-0000-4000-8000-000000000017' }), { key, created: '2025-06-30T12:00:00Z' });
    const json = JSON.stringify(signed, null, 2);
    const pdf = await renderPdf(mc, { creationDate, attachment: { content: json, filename: 'credential.jsonld', mimeType: 'application/vc+ld+json', description: 'The signed European Digital Credential' } });
    const [file, ...rest] = await readPdfAttachments(pdf);
    expect(rest).toEqual([]);
    expect(file).toMatchObject({ name: 'credential.jsonld', mediaType: 'application/vc+ld+json', relationship: 'Source', description: 'The signed European Digital Credential' });
    expect(text(file)).toBe(json);
    const result = await verifyCredential(JSON.parse(text(file)));
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('reads any bytes unchanged (every byte value, 70 000 of them) and a name with parentheses', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 131 + (i >> 8)) & 255);
    const pdf = await renderPdf(higherEducation, { creationDate, attachment: { content: bytes, filename: 'credential (1).sd-jwt', mimeType: 'application/dc+sd-jwt' } });
    const files = await readPdfAttachments(pdf);
    expect(files.map((f) => [f.name, f.mediaType])).toEqual([['credential (1).sd-jwt', 'application/dc+sd-jwt']]);
    expect(files[0]!.bytes).toEqual(bytes);
  });

  it('changes nothing of the caller\'s, and returns bytes shared with nothing', async () => {
    const pdf = await renderPdf(higherEducation, { creationDate });
    const before = pdf.slice();
    const reading = readPdfAttachments(pdf);
    pdf.fill(0); // after the call has started: the reader works on its own copy
    const files = await reading;
    expect(JSON.parse(text(files[0]))).toMatchObject({ title: higherEducation.title });
    pdf.set(before);
    const again = await readPdfAttachments(pdf);
    expect(pdf).toEqual(before);
    expect(again[0]!.bytes.buffer).not.toBe(pdf.buffer);
    again[0]!.bytes.fill(1);
    expect((await readPdfAttachments(pdf))[0]!.bytes).toEqual(files[0]!.bytes);
  });
});

describe('readPdfAttachments: PDFs of other makers', () => {
  async function twoFiles(useObjectStreams: boolean): Promise<Uint8Array> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage();
    await doc.attach(latin1('{"a":1}'), 'credential.json', { mimeType: 'application/json', description: 'Dé', afRelationship: AFRelationship.Source });
    await doc.attach(new Uint8Array([0, 1, 2, 255]), 'data é.bin', { mimeType: 'application/octet-stream', afRelationship: AFRelationship.Data });
    return doc.save({ useObjectStreams });
  }

  it.each([true, false])('reads two files of a pdf-lib PDF (object streams: %s), in /AF order, each once', async (useObjectStreams) => {
    const pdf = await twoFiles(useObjectStreams);
    const files = await readPdfAttachments(pdf);
    expect(files).toEqual([
      { name: 'credential.json', mediaType: 'application/json', description: 'Dé', relationship: 'Source', bytes: latin1('{"a":1}') },
      { name: 'data é.bin', mediaType: 'application/octet-stream', relationship: 'Data', bytes: new Uint8Array([0, 1, 2, 255]) },
    ]);
    const poppler = detach(save(pdf));
    expect(poppler.names).toEqual(files.map((f) => f.name));
    for (const f of files) expect(f.bytes).toEqual(poppler.files.get(f.name));
  });

  it('reads the file Poppler\'s pdfattach adds to renderPdf\'s PDF (an incremental update), as pdfdetach does', async () => {
    const path = save(await renderPdf(greek, { creationDate }));
    const extra = join(dir, 'Βεβαίωση σπουδών.txt');
    writeFileSync(extra, 'Ein Zeugnis, ένα πιστοποιητικό\n');
    const out = join(dir, `attached-${++count}.pdf`);
    run('pdfattach', [path, extra, out]);
    const files = await readPdfAttachments(new Uint8Array(readFileSync(out)));
    const poppler = detach(out);
    expect(files.map((f) => f.name).sort()).toEqual([...poppler.names].sort());
    expect(files.map((f) => f.name)).toEqual(['credential.json', 'Βεβαίωση σπουδών.txt']);
    for (const f of files) expect(f.bytes, f.name).toEqual(poppler.files.get(f.name));
  });

  it('reads names in UTF-16BE and UTF-8 (/UF), PDFDocEncoding (/F only), and the tree\'s key when the specification has none', async () => {
    const utf16 = `<${PDFHexString.fromText('Πιστοποιητικό 😀.json').asString()}>`;
    const utf8 = `<${Buffer.from('\ufeffдиплома.json', 'utf8').toString('hex')}>`;
    const pdf = handPdf([
      ...CATALOG('/Names << /EmbeddedFiles << /Names [(a) 3 0 R (b) 5 0 R (c) 7 0 R (key-only.txt) 9 0 R] >> >>'),
      `<< /Type /Filespec /F (ignored.json) /UF ${utf16} /EF << /F 4 0 R >> /Desc <FEFF00C90074> >>`,
      embedded('one', '/Subtype /application#2Fjson'),
      `<< /Type /Filespec /UF ${utf8} /EF << /F 6 0 R >> >>`,
      embedded('two'),
      '<< /Type /Filespec /F (caf\\351 \\200.txt) /EF << /F 8 0 R >> >>',
      embedded('three', '/Subtype /text#2Fplain#3B#20charset#3Dutf-8'),
      '<< /Type /Filespec /EF << /F 10 0 R >> >>',
      embedded('four'),
    ]);
    const files = await readPdfAttachments(pdf);
    expect(files.map(({ bytes, ...rest }) => ({ ...rest, text: text({ name: '', bytes }) }))).toEqual([
      { name: 'Πιστοποιητικό 😀.json', mediaType: 'application/json', description: 'Ét', text: 'one' },
      { name: 'диплома.json', text: 'two' },
      { name: 'café •.txt', mediaType: 'text/plain; charset=utf-8', text: 'three' },
      { name: 'key-only.txt', text: 'four' },
    ]);
  });

  it('reads a name tree of /Kids (two levels) in order, and a file in /AF and the tree (or two specifications of one stream) once', async () => {
    const pdf = handPdf([
      ...CATALOG('/AF [5 0 R 9 0 R] /Names << /EmbeddedFiles 3 0 R >>'),
      '<< /Kids [4 0 R 11 0 R] >>',
      '<< /Kids [12 0 R] /Limits [(a) (b)] >>',
      '<< /Type /Filespec /F (a.txt) /EF << /F 6 0 R >> /AFRelationship /Source >>',
      embedded('A'),
      '<< /Type /Filespec /F (b.txt) /EF << /F 8 0 R >> >>',
      embedded('B'),
      '<< /Type /Filespec /F (c.txt) /EF << /F 10 0 R >> /AFRelationship /Supplement >>',
      embedded('C'),
      '<< /Names [(c) 9 0 R (d) 13 0 R] /Limits [(c) (d)] >>',
      '<< /Names [(a) 5 0 R (b) 7 0 R] /Limits [(a) (b)] >>',
      '<< /Type /Filespec /F (same-as-b.txt) /EF << /F 8 0 R >> >>',
    ]);
    const files = await readPdfAttachments(pdf);
    expect(files.map((f) => [f.name, f.relationship, text(f)])).toEqual([
      ['a.txt', 'Source', 'A'],
      ['c.txt', 'Supplement', 'C'],
      ['b.txt', undefined, 'B'],
    ]);
  });

  it('returns the bytes there are when /Params /Size lies (too small, or a trillion), allocating nothing for it', async () => {
    for (const size of [1, 1e12, -5]) {
      const pdf = handPdf([...CATALOG('/Names << /EmbeddedFiles << /Names [(x) 3 0 R] >> >>'), '<< /Type /Filespec /F (x.json) /EF << /F 4 0 R >> >>', embedded('{"real":true}', `/Params << /Size ${size} >>`)]);
      const { result, ms } = await attempt(pdf);
      expect(result).toEqual([{ name: 'x.json', bytes: latin1('{"real":true}') }]);
      expect(ms).toBeLessThan(2000);
    }
  });

  it('skips file specifications that embed nothing (a file outside, a string) and reads a PDF without attachments as none', async () => {
    const pdf = handPdf([...CATALOG('/AF [3 0 R] /Names << /EmbeddedFiles << /Names [(url) 3 0 R (str) (outside.pdf)] >> >>'), '<< /Type /Filespec /FS /URL /F (https://example.org/x.pdf) >>']);
    expect(await readPdfAttachments(pdf)).toEqual([]);
    const plain = await PDFDocument.create();
    plain.addPage();
    expect(await readPdfAttachments(await plain.save())).toEqual([]);
  });

  it('reads files whose stream /Length is missing or wrong, as pdf-lib does, within the parsing bound', async () => {
    const big = 'x'.repeat(200_000);
    const pdf = handPdf([
      ...CATALOG('/Names << /EmbeddedFiles << /Names [(a) 3 0 R (b) 5 0 R] >> >>'),
      '<< /Type /Filespec /F (no-length.txt) /EF << /F 4 0 R >> >>',
      concat('<< /Type /EmbeddedFile >>\nstream\n', big, '\nendstream'),
      '<< /Type /Filespec /F (wrong-length.txt) /EF << /F 6 0 R >> >>',
      concat('<< /Type /EmbeddedFile /Length 7 >>\nstream\n', big, '\nendstream'),
    ]);
    const files = await readPdfAttachments(pdf);
    // pdf-lib keeps the end of line before `endstream` (PDF 32000-1 7.3.8.1 counts it out of the data).
    expect(files.map((f) => [f.name, text(f).trimEnd() === big])).toEqual([['no-length.txt', true], ['wrong-length.txt', true]]);
  });

  it('reads uncompressed and ASCIIHex-encoded files, and applies maxBytes to the decoded size', async () => {
    const pdf = handPdf([
      ...CATALOG('/Names << /EmbeddedFiles << /Names [(p) 3 0 R (h) 5 0 R] >> >>'),
      '<< /Type /Filespec /F (plain.txt) /EF << /F 4 0 R >> >>',
      stream('/Type /EmbeddedFile', 'plain text'),
      '<< /Type /Filespec /F (hex.txt) /EF << /F 6 0 R >> >>',
      stream('/Type /EmbeddedFile /Filter [/ASCIIHexDecode /FlateDecode]', `${Buffer.from(deflateSync(latin1('through two filters'))).toString('hex')}>`),
    ]);
    expect((await readPdfAttachments(pdf)).map(text)).toEqual(['plain text', 'through two filters']);
    expect((await readPdfAttachments(pdf, { maxBytes: 19 })).map(text)).toEqual(['plain text', 'through two filters']);
    await expect(readPdfAttachments(pdf, { maxBytes: 18 })).rejects.toThrow(new RangeError('readPdfAttachments: the attached file "hex.txt" has more than 18 bytes (options.maxBytes)'));
  });
});

describe('readPdfAttachments: what is not a PDF, or not one to read', () => {
  it.each([
    ['a string', '%PDF-1.7', TypeError, /bytes must be a Uint8Array/],
    ['an ArrayBuffer', new ArrayBuffer(8), TypeError, /not an ArrayBuffer \(wrap it/],
    ['null', null, TypeError, /bytes must be a Uint8Array/],
    ['an array of numbers', [37, 80, 68, 70], TypeError, /bytes must be a Uint8Array/],
    ['no bytes', new Uint8Array(0), TypeError, /not a PDF \(no "%PDF-" header/],
    ['a PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), TypeError, /not a PDF/],
    ['JSON', latin1('{"@context":[]}'), TypeError, /not a PDF/],
    ['a header after 1024 bytes', concat(' '.repeat(1024), '%PDF-1.7\n'), TypeError, /not a PDF/],
    ['a header alone', latin1('%PDF-1.7\n'), TypeError, /no document catalog/],
    ['a header and junk', latin1('%PDF-1.7\n1 0 obj\n<< /Type /Catalog'), TypeError, /not a PDF that can be read|no document catalog/],
  ])('refuses %s', async (_, input, type, message) => {
    const { result } = await attempt(input);
    expect(result).toBeInstanceOf(type);
    expect(String(result)).toMatch(message);
  });

  it('refuses a PDF of more than 64 MiB before copying it', async () => {
    const { result, ms } = await attempt(new Uint8Array(64 * MiB + 1));
    expect(result).toEqual(new RangeError('readPdfAttachments: the PDF has 67108865 bytes; at most 67108864 (64 MiB) are read'));
    expect(ms).toBeLessThan(1000);
  });

  it.each([
    ['a number', 5, TypeError, /options must be an object/],
    ['maxBytes a string', { maxBytes: '10' }, TypeError, /options\.maxBytes must be a whole number/],
    ['maxBytes fractional', { maxBytes: 1.5 }, TypeError, /options\.maxBytes must be a whole number of bytes, not 1\.5/],
    ['maxBytes zero', { maxBytes: 0 }, RangeError, /options\.maxBytes is 0/],
    ['maxBytes 1 GiB', { maxBytes: 1024 * MiB }, RangeError, /it must be 1 to 268435456/],
    ['a throwing getter', { get maxBytes() { throw new Error('boom'); } }, TypeError, /options\.maxBytes could not be read \(boom\)/],
  ])('refuses options: %s', async (_, options, type, message) => {
    const { result } = await attempt(latin1('%PDF-1.7\n'), options);
    expect(result).toBeInstanceOf(type);
    expect(String(result)).toMatch(message);
  });

  it('refuses an encrypted PDF, which it cannot read without decrypting', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(latin1('{}'), 'credential.json', { mimeType: 'application/json' });
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -4, O: PDFString.of('x'), U: PDFString.of('y') }));
    await expect(readPdfAttachments(await doc.save({ useObjectStreams: false }))).rejects.toThrow(/readPdfAttachments: the PDF is encrypted \(its trailer has \/Encrypt\)/);
  });

  it.each([
    ['/AF not an array', CATALOG('/AF 5'), TypeError, /the catalog's \/AF \(associated files\) is not an array/],
    ['/AF holding a number', CATALOG('/AF [7]'), TypeError, /\/AF\[0\] of the catalog is not a file specification dictionary/],
    ['/Names not a dictionary', CATALOG('/Names [1]'), TypeError, /the catalog's \/Names is not a dictionary/],
    ['a tree node that is a number', CATALOG('/Names << /EmbeddedFiles 5 >>'), TypeError, /a node of the \/EmbeddedFiles name tree .* is not a dictionary/],
    ['/Kids not an array', CATALOG('/Names << /EmbeddedFiles << /Kids 3 >> >>'), TypeError, /a \/Kids entry of the \/EmbeddedFiles name tree .* is not an array/],
    ['a tree value that is a number', CATALOG('/Names << /EmbeddedFiles << /Names [(a.json) 5] >> >>'), TypeError, /the attached file "a\.json" of the \/EmbeddedFiles name tree is not a file specification dictionary/],
    ['a tree value that could not be parsed', [...CATALOG('/Names << /EmbeddedFiles << /Names [(a.json) 3 0 R] >> >>'), '<< /F (a.json) /UF FEFF0061 >>'], TypeError, /"a\.json" of the \/EmbeddedFiles name tree is not a file specification dictionary/],
    ['a tree value that refers to no object', CATALOG('/Names << /EmbeddedFiles << /Names [(a.json) 9 0 R] >> >>'), TypeError, /"a\.json" of the \/EmbeddedFiles name tree is not a file specification \(it refers to no object\)/],
    ['/EF not a dictionary', [...CATALOG('/AF [3 0 R]'), '<< /F (a) /EF 5 >>'], TypeError, /the \/EF entry of \/AF\[0\] is not a dictionary/],
    ['an embedded file that is no stream', [...CATALOG('/AF [3 0 R]'), '<< /F (a) /EF << /F << /Length 5 >> >> >>'], TypeError, /the embedded file of \/AF\[0\] is not a stream/],
    ['no name anywhere', [...CATALOG('/AF [3 0 R]'), '<< /EF << /F 4 0 R >> >>', embedded('x')], TypeError, /an attached file has no name/],
    ['a filter pdf-lib has no decoder for', [...CATALOG('/AF [3 0 R]'), '<< /F (a.jpg) /EF << /F 4 0 R >> >>', stream('/Filter /DCTDecode', 'xx')], TypeError, /the attached file "a\.jpg" cannot be decoded/],
    ['Flate data that is not', [...CATALOG('/AF [3 0 R]'), '<< /F (a.json) /EF << /F 4 0 R >> >>', stream('/Filter /FlateDecode', 'not zlib at all')], TypeError, /the attached file "a\.json" cannot be decoded/],
    ['a predictor', [...CATALOG('/AF [3 0 R]'), '<< /F (a.json) /EF << /F 4 0 R >> >>', stream('/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>', deflateSync(latin1('x')))], TypeError, /"a\.json" is encoded with a predictor/],
  ])('refuses a broken structure: %s', async (_, objects, type, message) => {
    const { result } = await attempt(handPdf(objects));
    expect(result).toBeInstanceOf(type);
    expect(String(result)).toMatch(message);
  });

  it('refuses a name tree that comes back to itself (directly, or through a child) or is 40 levels deep', async () => {
    for (const objects of [
      [...CATALOG('/Names << /EmbeddedFiles 3 0 R >>'), '<< /Kids [3 0 R] >>'],
      [...CATALOG('/Names << /EmbeddedFiles 3 0 R >>'), '<< /Kids [4 0 R] >>', '<< /Kids [5 0 R 3 0 R] >>', '<< /Names [] >>'],
    ]) {
      await expect(readPdfAttachments(handPdf(objects))).rejects.toThrow(new TypeError('readPdfAttachments: the /EmbeddedFiles name tree (/Names /EmbeddedFiles) comes back to a node it has already read (a cycle)'));
    }
    const deep = Array.from({ length: 40 }, (_, i) => `<< /Kids [${i + 4} 0 R] >>`);
    await expect(readPdfAttachments(handPdf([...CATALOG('/Names << /EmbeddedFiles 3 0 R >>'), ...deep, '<< /Names [] >>']))).rejects.toThrow(/is more than 32 levels deep/);
  });

  it('refuses more than 64 files, and files larger than maxBytes, alone or together', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    for (let i = 0; i < 65; i++) await doc.attach(latin1(`file ${i}`), `f${i}.txt`, { mimeType: 'text/plain' });
    await expect(readPdfAttachments(await doc.save())).rejects.toThrow(new RangeError('readPdfAttachments: the PDF has more than 64 attached files'));
    const five = await PDFDocument.create();
    five.addPage();
    for (let i = 0; i < 5; i++) await five.attach(new Uint8Array(5 * MiB).fill(i), `big-${i}.bin`);
    const pdf = await five.save();
    await expect(readPdfAttachments(pdf, { maxBytes: 4 * MiB })).rejects.toThrow(new RangeError('readPdfAttachments: the attached file "big-0.bin" has more than 4194304 bytes (options.maxBytes)'));
    await expect(readPdfAttachments(pdf, { maxBytes: 6 * MiB })).rejects.toThrow(new RangeError('readPdfAttachments: the attached files have more than 25165824 bytes together (4 × options.maxBytes)'));
    expect((await readPdfAttachments(pdf, { maxBytes: 7 * MiB })).map((f) => f.bytes.length)).toEqual([5, 5, 5, 5, 5].map((n) => n * MiB));
  });
});

describe('readPdfAttachments: hostile PDFs, refused quickly', () => {
  // pdf-lib reports each object it cannot parse on the console; these PDFs are made of them.
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it('ignores a cross-reference stream declaring a billion entries (pdf-lib\'s loader builds them all)', async () => {
    const pdf = handPdf([...CATALOG(''), stream('/Type /XRef /Size 1000000000 /W [1 4 2] /Root 1 0 R', '')]);
    const { result, ms } = await attempt(pdf);
    expect(result).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it('stops an attached file that inflates to 512 MiB at the limit, having decoded little more than the limit', async () => {
    const bomb = await zeroBomb(512 * MiB);
    expect(bomb.length).toBeLessThan(MiB);
    const pdf = handPdf([...CATALOG('/AF [3 0 R]'), '<< /F (bomb.json) /EF << /F 4 0 R >> >>', stream('/Type /EmbeddedFile /Filter /FlateDecode /Params << /Size 10 >>', bomb)]);
    const { result, ms } = await attempt(pdf);
    expect(result).toEqual(new RangeError('readPdfAttachments: the attached file "bomb.json" has more than 16777216 bytes (options.maxBytes)'));
    expect(ms).toBeLessThan(10_000);
  });

  it('stops an object stream that inflates to 512 MiB (pdf-lib\'s loader would inflate it whole)', async () => {
    const bomb = await zeroBomb(512 * MiB);
    const pdf = handPdf([...CATALOG(''), stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', bomb)]);
    const { result, ms } = await attempt(pdf);
    expect(result).toEqual(new RangeError('readPdfAttachments: an object stream of the PDF decodes to more than 16777216 bytes'));
    expect(ms).toBeLessThan(10_000);
  });

  it.each([
    // pdf-lib's loader: two minutes for 80 KB of these digits (each position re-reads the run).
    ['digits between objects', () => concat('%PDF-1.7\n1 0 obj\n<< >>\nendobj\nx ', '1'.repeat(200_000), '\n')],
    ['objects whose strings never close', () => concat('%PDF-1.7\n', '1 0 obj ( endobj\n'.repeat(20_000))],
    ['streams that never end', () => concat('%PDF-1.7\n', '1 0 obj << >> stream\nx endobj\n'.repeat(30_000))],
    ['an object stream whose 20 000 entries all start in one long string', () => {
      const entries = Array.from({ length: 20_000 }, (_, i) => `${i + 10} ${i}`).join(' ');
      const data = concat(entries, ' ', '('.repeat(20_000), ')'.repeat(20_000));
      return handPdf([...CATALOG(''), stream(`/Type /ObjStm /N 20000 /First ${entries.length + 1}`, data)]);
    }],
  ])('refuses %s for taking too many parsing steps', async (_, make) => {
    const { result, ms } = await attempt(make());
    expect(result).toBeInstanceOf(RangeError);
    expect(String(result)).toMatch(/readPdfAttachments: the PDF takes more than 8 parsing steps a byte/);
    expect(ms).toBeLessThan(10_000);
  });

  it('survives arrays and dictionaries nested 100 000 deep', async () => {
    for (const open of ['[', '<< /a ']) {
      const { result, ms } = await attempt(handPdf([...CATALOG('/AF [3 0 R]'), open.repeat(100_000)]));
      expect(result).toBeInstanceOf(TypeError);
      expect(ms).toBeLessThan(10_000);
    }
  });

  it('refuses or reads right renderPdf\'s PDF cut anywhere: never other bytes than those attached', async () => {
    const content = JSON.stringify({ credential: 'x'.repeat(3000) });
    const pdf = await renderPdf(higherEducation, { creationDate, attachment: { content, filename: 'c.json', mimeType: 'application/json' } });
    const outcomes = new Set<string>();
    for (let cut = 0; cut < pdf.length; cut += Math.ceil(pdf.length / 97)) {
      const { result } = await attempt(pdf.subarray(0, cut));
      if (Array.isArray(result)) {
        for (const f of result) expect(text(f)).toBe(content);
        outcomes.add(`read ${result.length}`);
      } else {
        expect(result.constructor === TypeError || result.constructor === RangeError, String(result)).toBe(true);
        outcomes.add(result.constructor.name);
      }
    }
    expect(outcomes).toContain('TypeError');
  });

  it('throws only TypeError or RangeError, within seconds, for random changes to a PDF with two files', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(latin1('{"a":1}'), 'a.json', { mimeType: 'application/json', afRelationship: AFRelationship.Source });
    await doc.attach(latin1('second'), 'b.txt');
    const base = await doc.save({ useObjectStreams: false });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { minLength: 1, maxLength: 8 }),
        async (edits) => {
          let bytes = Array.from(base);
          for (const [at, value, op] of edits) {
            if (op === 'set') bytes[at % bytes.length] = value;
            else if (op === 'insert') bytes.splice(at % (bytes.length + 1), 0, value);
            else bytes.splice(at % bytes.length, 1);
          }
          const { result, ms } = await attempt(new Uint8Array(bytes));
          expect(ms).toBeLessThan(3000);
          if (!Array.isArray(result)) expect(result.constructor === TypeError || result.constructor === RangeError, String(result)).toBe(true);
          else for (const f of result) expect(f.bytes).toBeInstanceOf(Uint8Array);
          bytes = [];
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  }, 120_000);
});

describe.skipIf(!haveChromium && !process.env.CI)('readPdfAttachments in Chromium', () => {
  // The reader bundled for the browser (esbuild, platform browser) as the verifier page bundles it,
  // on a page of its own: the page is a module made here, not a file of the repository.
  const page: Plugin = {
    name: 'pdf-read-page',
    setup(build) {
      build.onResolve({ filter: /pdf-read-page\.js$/ }, (args) => ({ path: args.path, namespace: 'pdf-read-page' }));
      build.onLoad({ filter: /.*/, namespace: 'pdf-read-page' }, () => ({
        resolveDir: ROOT,
        loader: 'js',
        contents: `import { readPdfAttachments } from './src/render/pdf-read.ts';
          window.read = async (bytes) => {
            try {
              const files = await readPdfAttachments(new Uint8Array(bytes));
              return files.map((f) => ({ ...f, bytes: Array.from(f.bytes) }));
            } catch (e) {
              return { error: e.constructor.name + ': ' + e.message };
            }
          };
          window.pageReady = true;`,
      }));
    },
  };
  let opened: BundledPage | undefined;
  afterAll(async () => {
    await opened?.close();
  });

  it('reads renderPdf\'s attachment and refuses what is not a PDF, importing nothing of Node\'s', async () => {
    opened = await openBundledPage({ root: ROOT, entry: 'pdf-read-page.js', title: 'readPdfAttachments', profilePrefix: 'eumc-chromium-pdf-read-', plugins: [page] });
    // The reader and pdf-lib (with its fonts, PNG and zlib packages), nothing else.
    expect(Object.keys(opened.metafile.inputs).filter((f) => !/^(pdf-read-page:|src\/render\/pdf-read\.ts$|node_modules\/(pdf-lib|@pdf-lib|pako|tslib)\/)/.test(f))).toEqual([]);
    const pdf = await renderPdf(greek, { creationDate });
    const read = (bytes: Uint8Array) => opened!.page.evaluate((b) => (window as unknown as { read(b: number[]): Promise<unknown> }).read(b), Array.from(bytes));
    expect(await read(pdf)).toEqual((await readPdfAttachments(pdf)).map((f) => ({ ...f, bytes: Array.from(f.bytes) })));
    expect(await read(latin1('{"not":"a pdf"}'))).toEqual({ error: 'TypeError: readPdfAttachments: the bytes are not a PDF (no "%PDF-" header in the first 1024 bytes)' });
    expect(opened.pageErrors).toEqual([]);
    expect(opened.failedRequests).toEqual([]);
  }, 120_000);
});

describe('readPdfAttachments: what pdf-lib wrote, read by pdf-lib too', () => {
  it('finds the same file specification in /AF as the test reads by hand', async () => {
    const pdf = await renderPdf(greek, { creationDate });
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const spec = doc.catalog.lookup(PDFName.of('AF'), PDFArray).lookup(0, PDFDict);
    const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
    expect(names.get(1) as PDFRef).toBe(doc.catalog.lookup(PDFName.of('AF'), PDFArray).get(0));
    expect((spec.lookup(PDFName.of('UF')) as PDFHexString).decodeText()).toBe((await readPdfAttachments(pdf))[0]!.name);
  });
});
