// The built `eumc render` (dist/cli.js, or EUMC_TEST_DIST) on real files of every kind the command
// line reads: micro-credential JSON, ELM JSON-LD, a signed VC, an EDC-sealed envelope, Open Badges
// 3.0 (JSON and baked PNG), an SD-JWT VC. The outputs are read back as a person's tools read them:
// SVG text, PNG and JPEG decoded (pngjs, jpeg-js), the QR code decoded (jsQR), the PDF by Poppler
// (pdfinfo, pdftotext, pdfdetach), and the attached signed credential verified once extracted.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge } from '../src/ob3.js';
import { verifyCredential } from '../src/vc.js';
import { certificate, keyUsage, seal, type NameSpec } from './helpers/pki.js';

// jsqr is CommonJS typed as an ES module's default export: the function itself at run time, `.default` to the compiler.
const jsQR: typeof jsQRModule.default = typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default;
const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const env = { ...process.env, NO_COLOR: '1' };
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const tool = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' });

let dir: string;
const file = (name: string) => join(dir, name);
const bytes = (name: string) => readFileSync(file(name));
const render = (input: string, args: string[]) => run(['render', input.includes('/') ? input : file(input), ...args]);

const GREEK = JSON.parse(readFileSync(join(repo, 'fixtures', 'render', 'greek-university.json'), 'utf8'));
const TITLE_EL = GREEK.title.el as string;
const URL = 'https://uni.example.gr/verify/2025-0042';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-render-'));
  // The Greek credential with the eIDAS identifier the EDC shapes ask of an issuer.
  writeFileSync(file('mc.json'), JSON.stringify({ ...GREEK, issuer: { ...GREEK.issuer, identifiers: { ...GREEK.issuer.identifiers, eidas: 'EL-TEST-1' } } }, null, 2));
  const elm = run(['convert', '--to', 'elm', file('mc.json'), '--out', file('mc.jsonld')]);
  expect(elm, elm.err).toMatchObject({ code: 0 });
  expect(run(['keygen', '--out', file('key.json')]).code).toBe(0);
  const signed = run(['sign', '--key', file('key.json'), '--set-issuer', file('mc.json'), '--out', file('signed.jsonld')]);
  expect(signed, signed.err).toMatchObject({ code: 0 });
  // An EDC-style sealed envelope (JAdES, self-signed: render reads it with integrity only).
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const subject: NameSpec = [['C', 'GR'], ['CN', 'TEST SEAL'], ['O', 'EXAMPLE UNIVERSITY'], ['organizationIdentifier', 'VATEL-000000000']];
  const cert = certificate({ subject, issuer: subject, publicKey: key.publicKey, signingKey: key.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature', 'nonRepudiation')], notBefore: new Date('2023-01-01T00:00:00Z'), notAfter: new Date('2030-01-01T00:00:00Z') });
  writeFileSync(file('sealed.json'), JSON.stringify(seal(JSON.parse(readFileSync(file('mc.jsonld'), 'utf8')), { alg: 'RS256', key: key.privateKey, x5c: [cert], sigT: '2025-03-01T00:00:00Z' })));
  const badge = run(['convert', '--to', 'ob3', file('mc.json'), '--out', file('badge.json')]);
  expect(badge, badge.err).toMatchObject({ code: 0 });
  writeFileSync(file('badge.png'), bakeBadge(new Uint8Array(readFileSync(join(repo, 'fixtures', 'ob3', 'bake-badge.png'))), JSON.parse(readFileSync(file('badge.json'), 'utf8'))));
  expect(run(['keygen', '--format', 'jwk', '--out', file('jwk.json')]).code).toBe(0);
  const sdJwt = run(['convert', '--to', 'sd-jwt-vc', file('mc.json'), '--key', file('jwk.json'), '--issuer', 'https://uni.example.gr', '--out', file('mc.sd-jwt')]);
  expect(sdJwt, sdJwt.err).toMatchObject({ code: 0 });
  writeFileSync(file('logo.png'), readFileSync(join(repo, 'fixtures', 'ob3', 'bake-badge.png')));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eumc render: every kind of input', () => {
  it.each([
    ['micro-credential JSON', 'mc.json', 'el'],
    ['ELM JSON-LD', 'mc.jsonld', 'el'],
    ['a signed VC', 'signed.jsonld', 'el'],
    ['an EDC-sealed envelope', 'sealed.json', 'el'],
    ['an Open Badges 3.0 credential', 'badge.json', 'el'],
    ['a baked Open Badges PNG', 'badge.png', 'el'],
    // The rulebook's claims carry no language (SDJWT_VALUE_NOT_CARRIED): read back, the texts are
    // plain strings, which the model takes as English.
    ['an SD-JWT VC', 'mc.sd-jwt', 'en'],
  ])('%s → an SVG in the primary language, and a note that nothing was verified', (_, input, lang) => {
    const out = `${input}.svg`;
    const r = render(input, ['--format', 'svg', '--out', file(out)]);
    expect(r, r.err).toMatchObject({ code: 0, out: '' });
    const svg = bytes(out).toString('utf8');
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www\\.w3\\.org/2000/svg"[^>]* lang="${lang}"`));
    expect(svg).toContain('Παπαδοπούλου'); // the learner's name, in Greek
    expect(r.err).toMatch(/rendering verifies nothing: no signature or seal was checked \(`eumc verify` checks them\)/);
  });

  it('a document that is not a valid micro-credential: exit 1, the problems named, nothing written', () => {
    // The EU's own sealed sample has no quality assurance (Annex I M11).
    const eu = render(join(repo, 'test', 'vectors', 'eu-elm', 'Sample-MC-Annex1-signed.jsonld'), ['--format', 'png', '--out', file('eu.png')]);
    expect(eu.code).toBe(1);
    expect(eu.err).toContain('[MC_QUALITY_ASSURANCE_MISSING]');
    expect(eu.err).toContain('nothing rendered');
    expect(existsSync(file('eu.png'))).toBe(false);
    const noTitle = render(join(repo, 'fixtures', 'sd-jwt-vc', 'cli', 'without-title.sd-jwt'), ['--format', 'svg', '--out', file('t.svg')]);
    expect(noTitle.code).toBe(1);
    expect(existsSync(file('t.svg'))).toBe(false);
    writeFileSync(file('bad.json'), JSON.stringify({ ...GREEK, dateOfIssue: 'yesterday' }));
    const bad = render('bad.json', ['--format', 'svg', '--out', file('bad.svg')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\/dateOfIssue/);
  });

  it('input that cannot be read: exit 2', () => {
    writeFileSync(file('not.json'), '{ nope');
    expect(render('not.json', ['--format', 'svg', '--out', file('x.svg')])).toMatchObject({ code: 2, err: expect.stringMatching(/is not valid JSON/) });
    expect(render('missing.json', ['--format', 'svg', '--out', file('x.svg')])).toMatchObject({ code: 2, err: expect.stringMatching(/does not exist/) });
    expect(run(['render', '-', '--format', 'svg', '--out', file('x.svg')]).code).toBe(2);
    expect(existsSync(file('x.svg'))).toBe(false);
  });
});

describe('eumc render: formats, languages, QR code, logo', () => {
  it('PNG and JPEG: decoded, A4 landscape at 96 dpi; the QR code decodes to --verify-url', () => {
    expect(render('mc.json', ['--format', 'png', '--verify-url', URL, '--out', file('card.png')]).code).toBe(0);
    const png = PNG.sync.read(bytes('card.png'));
    expect([png.width, png.height]).toEqual([1123, 794]);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(URL);
    expect(render('mc.json', ['--format', 'jpeg', '--lang', 'en', '--out', file('card.jpg')]).code).toBe(0);
    const jpg = jpeg.decode(bytes('card.jpg'));
    expect([jpg.width, jpg.height]).toEqual([1123, 794]);
  });

  it('--lang: one language, several (a file each, the tag before the extension), all', () => {
    expect(render('mc.json', ['--format', 'svg', '--lang', 'en', '--out', file('en.svg')]).code).toBe(0);
    expect(bytes('en.svg').toString('utf8')).toContain(GREEK.title.en);
    const all = render('mc.json', ['--format', 'svg', '--lang', 'all', '--out', file('all.svg')]);
    expect(all, all.err).toMatchObject({ code: 0 });
    expect(readdirSync(dir).filter((f) => f.startsWith('all.')).sort()).toEqual(['all.el.svg', 'all.en.svg']);
    expect(bytes('all.el.svg').toString('utf8')).toContain('lang="el"');
    expect(bytes('all.en.svg').toString('utf8')).toContain('lang="en"');
    // Labels in a language the texts do not carry: the EU's German labels, the Greek texts.
    const list = render('mc.json', ['--format', 'png', '--lang', 'de,fr', '--out', file('list.png')]);
    expect(list, list.err).toMatchObject({ code: 0 });
    expect(existsSync(file('list.de.png')) && existsSync(file('list.fr.png'))).toBe(true);
    // One language in two cases is one file, one page.
    const cased = render('mc.json', ['--format', 'svg', '--lang', 'de,DE', '--out', file('cased.svg')]);
    expect(cased, cased.err).toMatchObject({ code: 0 });
    expect(existsSync(file('cased.svg')) && !existsSync(file('cased.de.svg')) && !existsSync(file('cased.DE.svg'))).toBe(true);
    expect(render('mc.json', ['--format', 'pdf', '--lang', 'de,DE', '--out', file('cased.pdf')]).code).toBe(0);
    for (const lang of ['el-', 'e', 'de;rm -rf', '']) expect(render('mc.json', ['--format', 'svg', '--lang', lang, '--out', file('bad.svg')]).code).toBe(2);
  }, 90_000);

  it('--logo: a PNG drawn; a file that is no picture is a usage error', () => {
    const withLogo = render('mc.json', ['--format', 'svg', '--logo', file('logo.png'), '--out', file('logo.svg')]);
    expect(withLogo, withLogo.err).toMatchObject({ code: 0 });
    expect(bytes('logo.svg').toString('utf8')).toMatch(/<image[^>]+data:image\/png;base64,/);
    expect(render('mc.json', ['--format', 'svg', '--logo', file('mc.json'), '--out', file('logo2.svg')])).toMatchObject({ code: 2, err: expect.stringMatching(/--logo .* is not a PNG, JPEG or SVG file/) });
    expect(render('mc.json', ['--format', 'svg', '--verify-url', 'ftp://x.example', '--out', file('url.svg')]).code).toBe(2);
  });
});

describe('eumc render --format pdf', () => {
  it('a page per language, the text selectable, the signed credential attached byte for byte and still verified', async () => {
    const r = render('signed.jsonld', ['--format', 'pdf', '--verify-url', URL, '--out', file('signed.pdf')]);
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(tool('pdfinfo', [file('signed.pdf')]).stdout).toMatch(/^Pages:\s+2$/m);
    const text = tool('pdftotext', ['-layout', file('signed.pdf'), '-']).stdout;
    expect(text).toContain(TITLE_EL);
    expect(text).toContain(GREEK.title.en);
    expect(tool('pdfdetach', ['-list', file('signed.pdf')]).stdout).toMatch(/^1: signed\.jsonld$/m);
    const out = file('extracted');
    expect(tool('pdfdetach', ['-save', '1', '-o', out, file('signed.pdf')]).status).toBe(0);
    expect(readFileSync(out).equals(bytes('signed.jsonld'))).toBe(true);
    expect((await verifyCredential(JSON.parse(readFileSync(out, 'utf8')), { now: '2026-01-01T00:00:00Z' })).verified).toBe(true);
    // The media type by kind (a PDF name: `/` is written #2F).
    expect(bytes('signed.pdf').toString('latin1')).toMatch(/\/Subtype \/application#2Fld\+json/);
  }, 60_000);

  it('--lang picks the pages; other kinds get their media type', () => {
    expect(render('mc.sd-jwt', ['--format', 'pdf', '--lang', 'en', '--out', file('sd.pdf')]).code).toBe(0);
    expect(tool('pdfinfo', [file('sd.pdf')]).stdout).toMatch(/^Pages:\s+1$/m);
    expect(tool('pdfdetach', ['-list', file('sd.pdf')]).stdout).toMatch(/^1: mc\.sd-jwt$/m);
    expect(bytes('sd.pdf').toString('latin1')).toMatch(/\/Subtype \/application#2Fdc\+sd-jwt/);
    expect(render('sealed.json', ['--format', 'pdf', '--out', file('sealed.pdf')]).code).toBe(0);
    expect(bytes('sealed.pdf').toString('latin1')).toMatch(/\/Subtype \/application#2Fjose\+json/);
    expect(render('badge.png', ['--format', 'pdf', '--out', file('badge.pdf')]).code).toBe(0);
    expect(bytes('badge.pdf').toString('latin1')).toMatch(/\/Subtype \/image#2Fpng/);
  }, 60_000);
});

describe('eumc render: output files', () => {
  it('never replaces an existing file without --force; with it, atomically', () => {
    writeFileSync(file('exists.png'), 'keep me');
    const r = render('mc.json', ['--format', 'png', '--out', file('exists.png')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/exists and eumc does not overwrite it: give --force/);
    expect(bytes('exists.png').toString('utf8')).toBe('keep me');
    expect(render('mc.json', ['--format', 'png', '--out', file('exists.png'), '--force']).code).toBe(0);
    expect(bytes('exists.png').subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('several languages: one existing file stops the run before anything is written', () => {
    writeFileSync(file('some.en.svg'), 'keep me');
    expect(render('mc.json', ['--format', 'svg', '--lang', 'all', '--out', file('some.svg')]).code).toBe(2);
    expect(existsSync(file('some.el.svg'))).toBe(false);
    expect(bytes('some.en.svg').toString('utf8')).toBe('keep me');
  });

  it('--out is required and its folder must exist; --format is required', () => {
    expect(render('mc.json', ['--format', 'svg']).code).toBe(2);
    expect(render('mc.json', ['--out', file('y.svg')]).code).toBe(2);
    expect(render('mc.json', ['--format', 'gif', '--out', file('y.gif')]).code).toBe(2);
    expect(render('mc.json', ['--format', 'svg', '--out', file('no/such/folder.svg')])).toMatchObject({ code: 2, err: expect.stringMatching(/does not exist/) });
  });

  it('--help says rendering verifies nothing, and lists the exit codes', () => {
    const help = run(['render', '--help']);
    expect(help.code).toBe(0);
    expect(help.out.replace(/\s+/g, ' ')).toContain('Rendering verifies nothing');
    expect(help.out).toMatch(/Exit codes:\n\s+0 /);
  });
});
