/**
 * renderPdf read back by Poppler (Debian's poppler-utils: pdfinfo, pdftotext, pdffonts, pdftoppm,
 * pdfdetach, pdfimages), not by the library that wrote it: the pages and their text in each
 * language, the embedded subset fonts, the QR code decoded (jsQR) from Poppler's rendering, the
 * glyphs actually drawn (ink compared line by line with resvg's rendering of the same page), the
 * attachment extracted byte for byte and, for a signed credential, verified after extraction.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import jsQRModule from 'jsqr';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toElm, validate, type MicroCredential } from '../src/index.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { renderLabels } from '../src/render/labels.js';
import { credentialLanguages, layoutCredential } from '../src/render/layout.js';
import type { TextItem } from '../src/render/page.js';
import { renderPdf, type PdfOptions } from '../src/render/pdf.js';
import { renderPng } from '../src/render/raster.js';
import { generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';

// jsqr is CommonJS typed as an ES module's default export: the function itself at run time here, `.default` to the compiler.
const jsQR: typeof jsQRModule.default = typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default;
const ROOT = new URL('..', import.meta.url).pathname;
const fixture = (path: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures', path), 'utf8')) as MicroCredential;
const greek = fixture('render/greek-university.json');
const bulgarian = fixture('render/bulgarian-vet.json');
const multilingual = fixture('valid/multilingual.json');
const higherEducation = fixture('valid/higher-education.json');
const verifyUrl = 'https://uni.example.eu/verify/7f3a9c2e?lang=el&v=1';
const creationDate = new Date('2025-06-30T12:00:00Z');

let dir: string;
let count = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'render-pdf-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the PDF to a new file of the tmp dir and returns its path. */
function save(pdf: Uint8Array): string {
  const path = join(dir, `doc-${++count}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
/** Case folded, for labels: the layout capitalises a label's first letter ('όγκος σπουδών' is drawn 'Όγκος σπουδών'). */
const fold = (text: string) => normalise(text).toLowerCase();
const pageText = (path: string, page: number) => normalise(run('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', path, '-']));
const pdfinfo = (path: string) => Object.fromEntries(run('pdfinfo', [path]).split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));

/** Poppler's rendering of one page, as pngjs reads it. */
function rasterise(path: string, page: number, size?: { width: number; height: number }): PNG {
  const out = join(dir, `page-${++count}`);
  const scale = size ? ['-scale-to-x', String(size.width), '-scale-to-y', String(size.height)] : ['-r', '150'];
  run('pdftoppm', ['-f', String(page), '-l', String(page), '-singlefile', '-png', ...scale, path, out]);
  return PNG.sync.read(readFileSync(`${out}.png`));
}

/** The title as the page in `lang` shows it: in that language, else the primary one. */
function titleIn(mc: MicroCredential, lang: string): string {
  return typeof mc.title === 'string' ? mc.title : (mc.title[lang] ?? mc.title[mc.primaryLanguage ?? 'en']!);
}

/** Labels the picture always shows for these credentials (with a verification URL). */
const SHOWN_LABELS = ['learner', 'dateOfIssue', 'learningOutcomes', 'workload', 'verification', 'footer'] as const;

describe('renderPdf: pages and text, as Poppler reads them', () => {
  it('makes one page per language of the credential, each in its language (Greek and English)', async () => {
    const langs = credentialLanguages(greek);
    expect(langs).toEqual(['el', 'en']);
    const path = save(await renderPdf(greek, { verifyUrl, creationDate }));
    const info = pdfinfo(path);
    expect(info.Pages).toBe('2');
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    for (const [i, lang] of langs.entries()) {
      const text = pageText(path, i + 1);
      expect(text).toContain(titleIn(greek, lang));
      expect(text).toContain('Αικατερίνη Παπαδοπούλου');
      expect(text).toContain(verifyUrl);
      const labels = renderLabels(lang);
      for (const key of SHOWN_LABELS) expect(fold(text), `${lang} ${key}`).toContain(fold(labels[key]));
    }
    // The Greek labels really are Greek, and the English page does not carry them.
    expect(pageText(path, 1)).toContain(normalise(renderLabels('el').learningOutcomes));
    expect(pageText(path, 2)).not.toContain(normalise(renderLabels('el').learningOutcomes));
  });

  it('draws the languages asked for, in that order: Bulgarian, German, Greek, French of one credential', async () => {
    const langs = ['bg', 'de', 'el', 'fr'];
    const path = save(await renderPdf(bulgarian, { langs, verifyUrl, creationDate }));
    expect(pdfinfo(path).Pages).toBe('4');
    for (const [i, lang] of langs.entries()) {
      const text = pageText(path, i + 1);
      expect(text).toContain(titleIn(bulgarian, lang));
      expect(text).toContain('Светлана Иванова Петрова');
      const labels = renderLabels(lang);
      for (const key of SHOWN_LABELS) expect(fold(text), `${lang} ${key}`).toContain(fold(labels[key]));
    }
    expect(pageText(path, 1)).toMatch(/[\u0400-\u04ff]{4}/);
  });

  it('gives the document its title, language, creator, producer and dates', async () => {
    const pdf = await renderPdf(multilingual, { creationDate });
    const info = pdfinfo(save(pdf));
    const page = layoutCredential(multilingual, { lang: 'ga' });
    expect(info.Title).toBe(page.title);
    expect(info.Creator).toBe('eu-micro-credentials');
    expect(info.Producer).toMatch(/^eu-micro-credentials .*pdf-lib/);
    expect(info.CreationDate).toMatch(/Jun 30 12:00:00 2025 UTC/);
    expect(info.ModDate).toBe(info.CreationDate);
    expect(info.Pages).toBe(String(credentialLanguages(multilingual).length));
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('ga');
  });

  it('marks a page in another language than the document\'s with it (a /Span with /Lang)', async () => {
    const doc = await PDFDocument.load(await renderPdf(greek, { creationDate }), { updateMetadata: false });
    const content = (i: number) => {
      const stream = doc.getPage(i).node.Contents();
      const streams = stream instanceof PDFArray ? stream.asArray().map((r) => doc.context.lookup(r)) : [stream];
      return streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
    };
    expect(content(0)).not.toMatch(/\/Lang \(el\)/);
    expect(content(1)).toMatch(/\/Span <<\s*\/Lang \(en\)\s*>> BDC/);
  });

  it('keeps the text of characters the font has no glyph for (Chinese, emoji) as /ActualText', async () => {
    const fullName = '王小明 Ωmega 😀 Ἀθηνᾶ';
    const path = save(await renderPdf({ ...higherEducation, learner: { ...higherEducation.learner, fullName } }, { creationDate }));
    const text = pageText(path, 1);
    for (const part of fullName.split(' ')) expect(text).toContain(part);
  });

  it('embeds Noto Sans Regular and Bold as subsets with a Unicode map', async () => {
    const path = save(await renderPdf(greek, { creationDate }));
    const rows = run('pdffonts', [path]).split('\n').slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => r[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    for (const row of rows) {
      expect(row[0]).toMatch(/^[A-Z]{6}\+NotoSans-(Regular|Bold)$/);
      // name, type (two words), encoding, emb, sub, uni, object, generation
      expect(row.slice(4, 7), row.join(' ')).toEqual(['yes', 'yes', 'yes']);
    }
    // Subsets: two faces of some 600 KB each make a PDF of a few dozen.
    expect(readFileSync(path).length).toBeLessThan(80_000);
  });

  it('draws with the fonts given, and no line runs over its box even in a wider face than the layout measured', async () => {
    const face = (name: string) => new Uint8Array(readFileSync(join(ROOT, 'node_modules/@expo-google-fonts/noto-sans', name)));
    const fonts = { regular: face('800ExtraBold/NotoSans_800ExtraBold.ttf'), bold: face('900Black/NotoSans_900Black.ttf') };
    const mc = fixture('render/german-long-title.json');
    const path = save(await renderPdf(mc, { fonts, verifyUrl, creationDate }));
    expect(run('pdffonts', [path])).toMatch(/[A-Z]{6}\+NotoSans-Black\b[\s\S]*[A-Z]{6}\+NotoSans-ExtraBold\b|[A-Z]{6}\+NotoSans-ExtraBold\b[\s\S]*[A-Z]{6}\+NotoSans-Black\b/);
    // Lines as Poppler finds them, each matched with the layout's line of the same text: inside its box.
    const xml = run('pdftotext', ['-bbox-layout', '-f', '1', '-l', '1', path, '-']);
    const lines = [...xml.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g)].map((m) => ({
      xMin: Number(m[1]),
      xMax: Number(m[2]),
      text: [...m[3]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")).join(' '),
    }));
    const items = layoutCredential(mc, { verifyUrl }).items.filter((i): i is TextItem => i.kind === 'text');
    let matched = 0;
    for (const line of lines) {
      // A bullet is an item of its own, left of its line's box.
      const item = items.find((i) => normalise(i.text) === line.text.replace(/^• /, ''));
      if (item === undefined) continue;
      matched++;
      if (!line.text.startsWith('• ')) expect(line.xMin, line.text).toBeGreaterThanOrEqual(item.box.x - 0.5);
      expect(line.xMax, line.text).toBeLessThanOrEqual(item.box.x + item.box.width + 0.5);
    }
    expect(matched).toBeGreaterThan(10);
    expect(pageText(path, 1)).toContain(normalise(typeof mc.title === 'string' ? mc.title : ''));
  });

  it('loses no word of a long title and a long name', async () => {
    const title = 'Interdisciplinary foundations of sustainable urban mobility planning, participatory governance, climate adaptation, public transport economics and the evaluation of cycling infrastructure in medium-sized European municipalities';
    const fullName = 'Maria Leonor Albuquerque Figueiredo Carvalho de Sousa';
    const mc = { ...higherEducation, title, learner: { ...higherEducation.learner, fullName } };
    const path = save(await renderPdf(mc, { creationDate }));
    const text = pageText(path, 1);
    for (const word of `${title} ${fullName}`.split(/\s+/)) expect(text, word).toContain(word);
    expect(text).toContain(fullName);
  });
});

describe('renderPdf: random credentials', () => {
  it('gives a page per language, and Poppler extracts every line the layout drew', async () => {
    await fc.assert(
      fc.asyncProperty(validMicroCredential, async (mc) => {
        const langs = credentialLanguages(mc).slice(0, 3);
        const path = save(await renderPdf(mc, { langs, verifyUrl, creationDate }));
        expect(pdfinfo(path).Pages).toBe(String(langs.length));
        for (const [i, lang] of langs.entries()) {
          // -raw: in drawing order, and without joining a line that ends in '-' to the next (Poppler's dehyphenation).
          const text = normalise(run('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', path, '-']));
          for (const item of layoutCredential(mc, { lang, verifyUrl }).items) if (item.kind === 'text') expect(text, `${lang}: ${item.role}`).toContain(normalise(item.text));
        }
      }),
      { numRuns: 12, seed: 16 },
    );
  }, 120_000);
});

describe('renderPdf: what is drawn', () => {
  it('draws a QR code that decodes to exactly the verification URL, on every page', async () => {
    const path = save(await renderPdf(greek, { verifyUrl, creationDate }));
    for (const page of [1, 2]) {
      const png = rasterise(path, page);
      const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      expect(code?.data, `page ${page}`).toBe(verifyUrl);
    }
  });

  it('draws every glyph: the ink of each line matches resvg\'s rendering of the same page', async () => {
    // A subset whose glyph offsets are wrong still extracts as text but draws letters as nothing;
    // only the pixels tell. Both renderings are compared line by line (ink within about a fifth).
    for (const [mc, lang] of [[greek, 'el'], [bulgarian, 'bg'], [higherEducation, 'en']] as const) {
      const path = save(await renderPdf(mc, { langs: [lang], verifyUrl, creationDate }));
      const width = 1684;
      const reference = PNG.sync.read(Buffer.from(await renderPng(mc, { lang, verifyUrl, width })));
      const pdfPng = rasterise(path, 1, { width: reference.width, height: reference.height });
      const scale = reference.width / 841.89;
      const ink = (png: PNG, item: TextItem) => {
        let dark = 0;
        const [x0, x1] = [Math.floor(item.box.x * scale), Math.ceil((item.box.x + item.box.width) * scale)];
        const [y0, y1] = [Math.floor((item.y - item.size * 0.8) * scale), Math.ceil((item.y + item.size * 0.22) * scale)];
        for (let y = Math.max(0, y0); y < Math.min(png.height, y1); y++) {
          for (let x = Math.max(0, x0); x < Math.min(png.width, x1); x++) {
            const i = (y * png.width + x) * 4;
            if (png.data[i]! + png.data[i + 1]! + png.data[i + 2]! < 3 * 160) dark++;
          }
        }
        return dark;
      };
      const lines = layoutCredential(mc, { lang, verifyUrl }).items.filter((i): i is TextItem => i.kind === 'text' && i.size >= 9 && i.text.trim().length >= 4);
      expect(lines.length).toBeGreaterThan(8);
      for (const line of lines) {
        const [drawn, expected] = [ink(pdfPng, line), ink(reference, line)];
        expect(drawn / expected, `${lang} ${line.role}: ${line.text}`).toBeGreaterThan(0.8);
        expect(drawn / expected, `${lang} ${line.role}: ${line.text}`).toBeLessThan(1.25);
      }
    }
  });

  it('draws a PNG, a JPEG and an SVG logo as images (the SVG rasterised)', async () => {
    const png = new PNG({ width: 60, height: 30 });
    png.data.fill(0x80);
    const pngBytes = new Uint8Array(PNG.sync.write(png));
    const { default: jpeg } = await import('jpeg-js');
    const jpegBytes = new Uint8Array(jpeg.encode({ data: Buffer.alloc(40 * 20 * 4, 0x40), width: 40, height: 20 }, 90).data);
    const svgBytes = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#036"/></svg>');
    for (const [content, contentType, pixels] of [[pngBytes, 'image/png', '60 30'], [jpegBytes, 'image/jpeg', '40 20'], [svgBytes, 'image/svg+xml', '']] as const) {
      const path = save(await renderPdf(higherEducation, { logo: { content, contentType }, creationDate }));
      const images = run('pdfimages', ['-list', path]).split('\n').slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/)).filter((row) => row[2] === 'image');
      expect(images.length, contentType).toBe(1);
      if (pixels) expect(images[0]!.slice(3, 5).join(' ')).toBe(pixels);
      else expect(Number(images[0]![3])).toBeGreaterThanOrEqual(400); // 300 dpi for a box of some 120 points
    }
  });
});

describe('renderPdf: a well-formed file', () => {
  it('gives Poppler nothing to complain about: no syntax error or warning from any of its tools', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><circle cx="15" cy="15" r="12" fill="#fc0"/></svg>');
    const path = save(await renderPdf(bulgarian, { langs: ['bg', 'el', 'pt'], verifyUrl, logo: { content: svg, contentType: 'image/svg+xml' }, attachment: { content: 'eyJhbGciOiJFZERTQSJ9.e30.c2ln~', filename: 'credential.sd-jwt', mimeType: 'application/dc+sd-jwt' } }));
    const out = join(dir, `all-${++count}`);
    for (const [cmd, args] of [['pdfinfo', [path]], ['pdffonts', [path]], ['pdftotext', [path, '-']], ['pdfimages', ['-list', path]], ['pdfdetach', ['-list', path]], ['pdftoppm', ['-r', '40', '-png', path, out]]] as const) {
      const r = spawnSync(cmd, [...args], { encoding: 'utf8' });
      expect(r.status, cmd).toBe(0);
      expect(r.stderr, cmd).toBe('');
    }
    expect(readdirSync(dir).filter((n) => n.startsWith(`all-${count}`))).toHaveLength(3);
  });
});

describe('renderPdf: the attached credential', () => {
  function detach(path: string): { names: string[]; files: Map<string, Buffer> } {
    const names = run('pdfdetach', ['-list', path]).split('\n').slice(1).filter(Boolean).map((l) => l.replace(/^\d+: /, ''));
    const out = mkdtempSync(join(dir, 'detach-'));
    run('pdfdetach', ['-saveall', '-o', out, path]);
    return { names, files: new Map(readdirSync(out).map((n) => [n, readFileSync(join(out, n))])) };
  }

  it('attaches the model JSON by default, which parses and validates as the same credential', async () => {
    const pdf = await renderPdf(greek, { creationDate });
    const { names, files } = detach(save(pdf));
    expect(names).toEqual(['credential.json']);
    const back = JSON.parse(files.get('credential.json')!.toString('utf8'));
    const result = validate(back);
    expect(result.ok).toBe(true);
    expect(back).toEqual((validate(greek) as { value: unknown }).value);
    // An associated file of the document (PDF/A-3's /AF), with its type and date.
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const spec = doc.catalog.lookup(PDFName.of('AF'), PDFArray).lookup(0, PDFDict);
    expect(spec.get(PDFName.of('AFRelationship'))).toEqual(PDFName.of('Source'));
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
    expect(String((stream as unknown as { dict: PDFDict }).dict.get(PDFName.of('Subtype')))).toBe('/application#2Fjson');
  });

  it('attaches a signed credential byte for byte, and it verifies after extraction', async () => {
    const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(5) });
    const mc = { ...higherEducation, issuer: { ...higherEducation.issuer, id: key.controller, identifiers: { eidas: 'IE-TEST-1' } } };
    const credential = toElm(mc, { id: 'urn:uuid:00000000-0000-4000-8000-000000000016' });
    const signed = await signCredential(credential, { key, created: '2025-06-30T12:00:00Z' });
    const text = JSON.stringify(signed, null, 2);
    const path = save(await renderPdf(mc, { verifyUrl, creationDate, attachment: { content: text, filename: 'credential.jsonld', mimeType: 'application/vc+ld+json', description: 'The signed European Digital Credential' } }));
    const { names, files } = detach(path);
    expect(names).toEqual(['credential.jsonld']);
    expect(files.get('credential.jsonld')!.toString('utf8')).toBe(text);
    const result = await verifyCredential(JSON.parse(files.get('credential.jsonld')!.toString('utf8')));
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('attaches any bytes unchanged (an SD-JWT VC, binary, every byte value)', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 131 + (i >> 8)) & 255);
    const path = save(await renderPdf(higherEducation, { creationDate, attachment: { content: bytes, filename: 'credential (1).sd-jwt', mimeType: 'application/dc+sd-jwt' } }));
    const { names, files } = detach(path);
    expect(names).toEqual(['credential (1).sd-jwt']);
    expect(new Uint8Array(files.get('credential (1).sd-jwt')!)).toEqual(bytes);
  });
});

describe('renderPdf: options', () => {
  it('gives the same bytes for the same input and date, with a file identifier; another date, other bytes', async () => {
    const a = await renderPdf(greek, { verifyUrl, creationDate });
    const b = await renderPdf(structuredClone(greek), { verifyUrl, creationDate: new Date(creationDate) });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).toString('latin1')).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);
    const c = await renderPdf(greek, { verifyUrl, creationDate: new Date('2025-07-01T00:00:00Z') });
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it('dates the document now when no date is given', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const doc = await PDFDocument.load(await renderPdf(higherEducation), { updateMetadata: false });
    expect(doc.getCreationDate()!.getTime()).toBeGreaterThanOrEqual(before);
    expect(doc.getCreationDate()!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  const huge = new Uint8Array(10 * 1024 * 1024 + 1);
  const att = { content: '{}', filename: 'credential.json', mimeType: 'application/json' };
  const hostile: [string, unknown, ErrorConstructor, RegExp][] = [
    ['options null', null, TypeError, /options must be an object/],
    ['options a number', 5, TypeError, /options must be an object/],
    ['lang instead of langs', { lang: 'de' }, TypeError, /options\.langs/],
    ['langs a string', { langs: 'en' }, TypeError, /options\.langs must be an array/],
    ['langs empty', { langs: [] }, RangeError, /options\.langs is empty/],
    ['langs of a number', { langs: ['en', 3] }, TypeError, /options\.langs\[1\]/],
    ['langs with a path', { langs: ['../../etc/passwd'] }, TypeError, /options\.langs\[0\]/],
    ['langs twice', { langs: ['de', 'DE'] }, RangeError, /'DE' twice/],
    ['langs sparse and huge', { langs: new Array(2 ** 27) }, RangeError, /options\.langs has 134217728/],
    ['attachment a string', { attachment: 'x' }, TypeError, /options\.attachment must be an object/],
    ['filename with a path', { attachment: { ...att, filename: '../credential.json' } }, TypeError, /options\.attachment\.filename/],
    ['filename with a backslash', { attachment: { ...att, filename: 'a\\b.json' } }, TypeError, /options\.attachment\.filename/],
    ['filename dot-dot', { attachment: { ...att, filename: '..' } }, TypeError, /options\.attachment\.filename/],
    ['filename empty', { attachment: { ...att, filename: '' } }, TypeError, /options\.attachment\.filename/],
    ['filename too long', { attachment: { ...att, filename: `${'a'.repeat(251)}.json` } }, RangeError, /options\.attachment\.filename has 256/],
    ['filename with NUL', { attachment: { ...att, filename: 'a\u0000.json' } }, TypeError, /options\.attachment\.filename/],
    ['filename with a lone parenthesis', { attachment: { ...att, filename: 'a(.json' } }, TypeError, /options\.attachment\.filename/],
    ['filename beyond Latin-1', { attachment: { ...att, filename: 'Ĩ.json' } }, TypeError, /options\.attachment\.filename/],
    ['content a number', { attachment: { ...att, content: 42 } }, TypeError, /options\.attachment\.content/],
    ['content over 10 MB', { attachment: { ...att, content: huge } }, RangeError, /options\.attachment\.content has 10485761 bytes/],
    ['content text over 10 MB', { attachment: { ...att, content: 'x'.repeat(10 * 1024 * 1024 + 1) } }, RangeError, /options\.attachment\.content/],
    ['content with a lone surrogate', { attachment: { ...att, content: '{"a":"\ud800"}' } }, TypeError, /lone surrogate/],
    ['content empty', { attachment: { ...att, content: new Uint8Array(0) } }, RangeError, /options\.attachment\.content is empty/],
    ['mimeType without subtype', { attachment: { ...att, mimeType: 'json' } }, TypeError, /options\.attachment\.mimeType/],
    ['mimeType with parameters', { attachment: { ...att, mimeType: 'application/json; charset=utf-8' } }, TypeError, /options\.attachment\.mimeType/],
    ['mimeType a number', { attachment: { ...att, mimeType: 1 } }, TypeError, /options\.attachment\.mimeType/],
    ['description a number', { attachment: { ...att, description: 5 } }, TypeError, /options\.attachment\.description/],
    ['creationDate a string', { creationDate: '2025-01-01' }, TypeError, /options\.creationDate/],
    ['creationDate invalid', { creationDate: new Date(Number.NaN) }, TypeError, /options\.creationDate must be a valid Date, not an invalid Date/],
    ['fonts of numbers', { fonts: { regular: 1, bold: 2 } }, TypeError, /options\.fonts\.regular/],
    ['fonts not fonts', { fonts: { regular: new Uint8Array(100), bold: new Uint8Array(100) } }, TypeError, /options\.fonts\.regular/],
    ['verifyUrl javascript:', { verifyUrl: 'javascript:alert(1)' }, TypeError, /renderPdf: options\.verifyUrl/],
    ['logo not an image', { logo: { content: new Uint8Array(10), contentType: 'image/png' } }, TypeError, /renderPdf: options\.logo/],
    ['a throwing getter', { get langs() { throw new Error('boom'); } }, TypeError, /options could not be read \(boom\)/],
    ['langs a Proxy that throws', { langs: new Proxy(['en'], { get(t, k) { if (k === '0') throw new Error('trap'); return Reflect.get(t, k); } }) }, TypeError, /options\.langs could not be read \(trap\)/],
    ['attachment with a throwing getter', { attachment: { ...att, get content() { throw new Error('boom'); } } }, TypeError, /options\.attachment could not be read \(boom\)/],
    ['a Proxy that throws', new Proxy({}, { get() { throw new Error('trap'); } }), TypeError, /options could not be read \(trap\)/],
  ];
  it.each(hostile)('refuses %s with an error naming the option', async (_, options, type, message) => {
    const error = await renderPdf(higherEducation, options as PdfOptions).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^renderPdf: /);
  });

  it('refuses a credential that is not valid, naming the problem', async () => {
    const { title: _, ...untitled } = higherEducation;
    await expect(renderPdf(untitled as MicroCredential)).rejects.toThrow(/^renderPdf: the micro-credential is not valid: .*title/);
    await expect(renderPdf(null as unknown as MicroCredential)).rejects.toThrow(TypeError);
  });

  it('changes nothing of the caller\'s: credential, options, languages, attachment', async () => {
    const deepFreeze = <T>(value: T): T => {
      if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
        for (const v of Object.values(value)) deepFreeze(v);
        Object.freeze(value);
      }
      return value;
    };
    const mc = deepFreeze(structuredClone(greek));
    const content = new TextEncoder().encode('{"signed":true}');
    const options = deepFreeze({ langs: ['en', 'el'], verifyUrl, creationDate, attachment: { content, filename: 'vc.json', mimeType: 'application/json' } });
    const copies = structuredClone({ mc, options });
    await renderPdf(mc, options);
    expect({ mc, options }).toEqual(copies);
    expect(options.creationDate.getTime()).toBe(creationDate.getTime());
  });
});
