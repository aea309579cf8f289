// The built `eumc` (dist/cli.js) reading Open Badges 3.0 badges from every file form `convert --to
// model` reads: baked PNG and SVG images (unbakeBadge in the main thread, then checked as the
// credential) and bare VC-JWT `.jwt`/`.jws` files, in `validate`, `verify` and folder walks; and
// `sign` refusing both with what to do instead. Every badge is made here by the CLI and baked with
// the library's bakeBadge on fixtures/ob3/bake-badge.png and .svg.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakeBadge, unbakeBadge } from '../src/ob3.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[], input: string | Uint8Array = '') => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
type Finding = { code: string; severity: string; path: string; message: string; check?: string };
type FileEntry = { file: string; kind: string | null; status: string; issues: Finding[]; signature?: { status: string }; content?: { kind: string; status: string } };
const json = (args: string[]) => {
  const r = run([...args, '--format', 'json']);
  return { code: r.code, files: (JSON.parse(r.out) as { files: FileEntry[] }).files, err: r.err };
};
const codesOf = (issues: Finding[]) => issues.map((i) => i.code);
/** A file's entry without its timing, to compare runs. */
const timeless = (f: FileEntry) => ({ ...f, durationMs: undefined });

const ob3Fixture = (name: string) => join(repo, 'fixtures', 'ob3', name);
const PNG = new Uint8Array(readFileSync(ob3Fixture('bake-badge.png')));
const SVG = readFileSync(ob3Fixture('bake-badge.svg'), 'utf8');

let dir: string;
const file = (...names: string[]) => join(dir, ...names);
const read = (name: string) => JSON.parse(readFileSync(file(name), 'utf8'));

/** A VC-JWT of the badge (its JWT claims beside it), signed with a fresh Ed25519 key whose controller document no test gives: `verify` cannot tie it to the issuer. */
function vcJwt(badge: Record<string, any>): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'EdDSA', typ: 'JWT', kid: `${badge.issuer.id}#key-1` });
  const body = b64({ ...badge, iss: badge.issuer.id, jti: badge.id, nbf: Date.parse(badge.validFrom) / 1000 });
  return `${head}.${body}.${sign(null, Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
}

/** CRC-32 (PNG §5.3), to write a valid chunk by hand. */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The PNG with a private ancillary chunk (`prVt`) of `size` bytes before IEND: a valid, larger image. */
function padded(png: Uint8Array, size: number): Uint8Array {
  const body = new Uint8Array(4 + size);
  body.set(new TextEncoder().encode('prVt'));
  const chunk = Buffer.alloc(12 + size);
  chunk.writeUInt32BE(size, 0);
  chunk.set(body, 4);
  chunk.writeUInt32BE(crc32(body), 8 + size);
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-ob3-files-'));
  const fixture = join(repo, 'fixtures', 'valid', 'minimal-mandatory-only.json');
  expect(run(['convert', '--to', 'ob3', fixture, '--out', file('badge.json')]).code).toBe(0);
  expect(run(['keygen', '--out', file('key.json')]).code).toBe(0);
  const signed = run(['sign', '--key', file('key.json'), '--set-issuer', file('badge.json'), '--out', file('signed.json')]);
  expect(signed, signed.err).toMatchObject({ code: 0 });
  const tampered = read('signed.json');
  tampered.credentialSubject.achievement.ECTS = 30;
  const jws = vcJwt(read('badge.json'));

  writeFileSync(file('signed.png'), bakeBadge(PNG, read('signed.json')));
  writeFileSync(file('tampered.png'), bakeBadge(PNG, tampered));
  writeFileSync(file('unsigned.svg'), bakeBadge(SVG, read('badge.json')));
  writeFileSync(file('jwt.svg'), bakeBadge(SVG, jws));
  writeFileSync(file('nickname.svg'), bakeBadge(SVG, { ...read('badge.json'), nickname: 'Anna' }));
  writeFileSync(file('badge.jwt'), `${jws}\n`);
  writeFileSync(file('badge-jwt.json'), JSON.stringify(jws));
  copyFileSync(ob3Fixture('bake-badge.png'), file('plain.png'));
  copyFileSync(ob3Fixture('bake-badge.svg'), file('plain.svg'));
  writeFileSync(file('big.png'), padded(bakeBadge(PNG, read('signed.json')), 1_100_000));

  // A folder of every form, with files a walk leaves out (other extensions, hidden folders).
  mkdirSync(file('mix', 'nested'), { recursive: true });
  mkdirSync(file('mix', '.hidden'));
  copyFileSync(file('badge.json'), file('mix', 'a.json'));
  copyFileSync(file('signed.png'), file('mix', 'b.png'));
  copyFileSync(file('unsigned.svg'), file('mix', 'c.svg'));
  copyFileSync(file('badge.jwt'), file('mix', 'd.jwt'));
  writeFileSync(file('mix', 'e.txt'), 'not a document');
  copyFileSync(file('plain.png'), file('mix', 'nested', 'f.png'));
  copyFileSync(file('signed.png'), file('mix', '.hidden', 'g.png'));
  mkdirSync(file('images'));
  copyFileSync(file('signed.png'), file('images', 'only.png'));
  mkdirSync(file('pictures'));
  copyFileSync(file('plain.png'), file('pictures', 'logo.png'));
  copyFileSync(file('plain.svg'), file('pictures', 'logo.svg'));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('baked badges: validate', () => {
  it('the fixtures are what the tests say: baked images unbake to the credential, the plain ones hold none', () => {
    expect(unbakeBadge(new Uint8Array(readFileSync(file('signed.png'))))).toMatchObject({ ok: true, format: 'png', form: 'json', credential: read('signed.json') });
    expect(unbakeBadge(new Uint8Array(readFileSync(file('plain.png'))))).toMatchObject({ ok: false, issues: [{ code: 'OB3_IMAGE_NOT_BAKED' }] });
  });

  it('a signed badge baked into a PNG is checked as the signed JSON is (kind signed, proof and OB3 content), with a note naming the chunk', () => {
    const image = json(['validate', file('signed.png')]);
    const plain = json(['validate', file('signed.json')]);
    expect(image.code).toBe(0);
    const [f] = image.files;
    expect(f).toMatchObject({ kind: 'signed', status: 'passed', signature: { status: 'passed' }, content: { kind: 'ob3', status: 'passed' } });
    expect(f!.issues[0]).toMatchObject({ code: 'EUMC_BAKED_BADGE', severity: 'info', path: '', message: expect.stringContaining('iTXt chunk with keyword "openbadgecredential" of the PNG image') });
    // Apart from the note, the same findings as the JSON file.
    expect(f!.issues.slice(1)).toEqual(plain.files[0]!.issues);
  });

  it('an unsigned badge baked into an SVG is kind ob3, the note names the credential element', () => {
    const { code, files } = json(['validate', file('unsigned.svg')]);
    expect(code).toBe(0);
    expect(files[0]).toMatchObject({ kind: 'ob3', status: 'passed' });
    expect(files[0]!.issues[0]).toMatchObject({ code: 'EUMC_BAKED_BADGE', message: expect.stringMatching(/credential element .* of the SVG image.*the credential as JSON/) });
  });

  it("a baked badge's findings point into the credential (OB3_SAFE_MODE at /nickname)", () => {
    const { code, files } = json(['validate', file('nickname.svg')]);
    expect(code).toBe(1);
    expect(files[0]).toMatchObject({ kind: 'ob3', status: 'failed' });
    expect(files[0]!.issues).toContainEqual(expect.objectContaining({ code: 'OB3_SAFE_MODE', severity: 'error', path: '/nickname' }));
  });

  it('a VC-JWT baked into an SVG is kind ob3 with OB3_JWT_NOT_VERIFIED, as the .jwt file is', () => {
    const { code, files } = json(['validate', file('jwt.svg')]);
    expect(code).toBe(0);
    expect(files[0]).toMatchObject({ kind: 'ob3', status: 'passed' });
    expect(files[0]!.issues[0]!.message).toMatch(/a VC-JWT/);
    expect(codesOf(files[0]!.issues)).toContain('OB3_JWT_NOT_VERIFIED');
  });

  it('an image with no badge fails (exit 1, kind null) with the library code, in text and JSON; it never crashes', () => {
    for (const name of ['plain.png', 'plain.svg']) {
      const { code, files } = json(['validate', file(name)]);
      expect(code).toBe(1);
      expect(files[0]).toMatchObject({ kind: null, status: 'failed', issues: [{ code: 'OB3_IMAGE_NOT_BAKED', severity: 'error', path: '' }] });
      const text = run(['validate', file(name)]);
      expect(text.code).toBe(1);
      expect(text.out).toMatch(new RegExp(`^FAIL .*${name.replace('.', '\\.')}$`, 'm'));
      expect(text.out).toMatch(/\[OB3_IMAGE_NOT_BAKED\]/);
    }
  });

  it('a broken PNG (its bytes cut short) fails with OB3_IMAGE_UNREADABLE', () => {
    writeFileSync(file('cut.png'), readFileSync(file('signed.png')).subarray(0, 200));
    const { code, files } = json(['validate', file('cut.png')]);
    expect(code).toBe(1);
    expect(files[0]).toMatchObject({ kind: null, status: 'failed', issues: [{ code: 'OB3_IMAGE_UNREADABLE' }] });
  });

  it('--max-size applies to images: over it, the file is unreadable (exit 2); under the default, read', () => {
    const over = json(['validate', '--max-size', '1', file('big.png')]);
    expect(over.code).toBe(2);
    expect(over.files[0]).toMatchObject({ status: 'unreadable', issues: [{ code: 'EUMC_UNREADABLE', message: expect.stringContaining('--max-size') }] });
    const under = json(['validate', file('big.png')]);
    expect(under.code).toBe(0);
    expect(under.files[0]).toMatchObject({ kind: 'signed', status: 'passed' });
  });

  it('a baked PNG on standard input is read as the file is', () => {
    const r = run(['validate', '--format', 'json', '-'], new Uint8Array(readFileSync(file('signed.png'))));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files[0]).toMatchObject({ file: '(stdin)', kind: 'signed', status: 'passed', issues: [{ code: 'EUMC_BAKED_BADGE' }] });
  });
});

describe('bare VC-JWT files', () => {
  it('validate: the .jwt file is the JSON string of it (kind ob3, OB3_JWT_NOT_VERIFIED warning; --strict fails it)', () => {
    const bare = json(['validate', file('badge.jwt')]);
    const quoted = json(['validate', file('badge-jwt.json')]);
    expect(bare.code).toBe(0);
    expect(bare.files[0]).toMatchObject({ kind: 'ob3', status: 'passed' });
    expect(bare.files[0]!.issues).toEqual(quoted.files[0]!.issues);
    expect(codesOf(bare.files[0]!.issues)).toContain('OB3_JWT_NOT_VERIFIED');
    expect(run(['validate', '--strict', file('badge.jwt')]).code).toBe(1);
  });

  it('verify: the JWS is checked, for the .jwt file and the baked one: without the issuer\'s controller document, VC_CONTROLLER_UNKNOWN (exit 1)', () => {
    for (const name of ['badge.jwt', 'jwt.svg']) {
      const { code, files } = json(['verify', file(name)]);
      expect(code).toBe(1);
      expect(files[0]).toMatchObject({ kind: 'ob3', status: 'failed', signature: { type: 'proof', status: 'failed' } });
      expect(codesOf(files[0]!.issues).filter((c) => c !== 'EUMC_BAKED_BADGE')).toEqual(['VC_CONTROLLER_UNKNOWN']);
    }
  });

  it('a .jwt file that is no JWS is not JSON either: EUMC_NOT_JSON (exit 1)', () => {
    writeFileSync(file('garbage.jwt'), 'not.a-jws at all');
    const { code, files } = json(['validate', file('garbage.jwt')]);
    expect(code).toBe(1);
    expect(files[0]).toMatchObject({ kind: null, status: 'failed', issues: [{ code: 'EUMC_NOT_JSON' }] });
  });
});

describe('baked badges: verify', () => {
  it('a signed badge baked into a PNG verifies (exit 0); the note is there', () => {
    const { code, files } = json(['verify', file('signed.png')]);
    expect(code).toBe(0);
    expect(files[0]).toMatchObject({ kind: 'signed', status: 'passed', signature: { status: 'passed' } });
    expect(files[0]!.issues[0]!.code).toBe('EUMC_BAKED_BADGE');
  });

  it('a tampered signed badge baked into a PNG fails verify (exit 1) on its proof', () => {
    const { code, files } = json(['verify', file('tampered.png')]);
    expect(code).toBe(1);
    expect(files[0]).toMatchObject({ kind: 'signed', status: 'failed', signature: { status: 'failed' } });
    expect(run(['verify', file('tampered.png')]).out).toMatch(/^FAIL .*tampered\.png \(signed\)$/m);
  });

  it('an unsigned baked badge has nothing to verify (EUMC_NOT_SIGNED); an image with no badge fails with OB3_IMAGE_NOT_BAKED', () => {
    expect(json(['verify', file('unsigned.svg')]).files[0]).toMatchObject({ kind: 'ob3', status: 'failed' });
    expect(codesOf(json(['verify', file('unsigned.svg')]).files[0]!.issues)).toContain('EUMC_NOT_SIGNED');
    const plain = json(['verify', file('plain.png')]);
    expect(plain.code).toBe(1);
    expect(plain.files[0]).toMatchObject({ kind: null, status: 'failed', issues: [{ code: 'OB3_IMAGE_NOT_BAKED' }] });
  });
});

describe('folders mixing JSON, images and VC-JWTs', () => {
  const expected = [
    ['a.json', 'ob3', 'passed'],
    ['b.png', 'signed', 'passed'],
    ['c.svg', 'ob3', 'passed'],
    ['d.jwt', 'ob3', 'passed'],
  ];

  it('validate reads .json, .png, .svg and .jwt files in sorted order (not .txt, not hidden folders, not pictures with no badge in them), the same with and without worker threads', () => {
    const pooled = json(['validate', '--workers', '2', file('mix')]);
    expect(pooled.code).toBe(0);
    expect(pooled.files.map((f) => [f.file.slice(file('mix').length + 1), f.kind, f.status])).toEqual(expected);
    const single = json(['validate', '--workers', '0', file('mix')]);
    expect(single.files.map(timeless)).toEqual(pooled.files.map(timeless));
  });

  it('verify over the folder: only the signed baked badge verifies', () => {
    const { code, files } = json(['verify', file('mix')]);
    expect(code).toBe(1);
    expect(files.map((f) => f.status)).toEqual(['failed', 'passed', 'failed', 'failed']);
  });

  it('a folder of pictures with no badge baked in holds no document (exit 2); each picture named on its own fails (exit 1)', () => {
    const folder = json(['validate', file('pictures')]);
    expect(folder.code).toBe(2);
    expect(codesOf(folder.files[0]!.issues)).toEqual(['EUMC_UNREADABLE']);
    for (const name of ['logo.png', 'logo.svg']) expect(json(['validate', file('pictures', name)]).code).toBe(1);
  });

  it('a folder holding only a baked badge is not empty', () => {
    const { code, files } = json(['validate', file('images')]);
    expect(code).toBe(0);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ kind: 'signed', status: 'passed' });
  });

  it('a folder with no document names every extension read', () => {
    mkdirSync(file('empty'));
    writeFileSync(file('empty', 'notes.txt'), 'x');
    const r = run(['validate', file('empty')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('The folder has no .json or .jsonld file in it, nor in its subfolders, nor a .png, .svg, .jwt, .jws or .sd-jwt file');
  });
});

describe('eumc sign refuses VC-JWTs and images, saying what to do', () => {
  it('a .jwt file (and a VC-JWT as a JSON string): exit 1, VC-JWT is not produced by eumc, sign the JSON badge', () => {
    for (const name of ['badge.jwt', 'badge-jwt.json']) {
      const r = run(['sign', '--key', file('key.json'), file(name)]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/VC-JWT is not produced by eumc.*sign the JSON badge/);
    }
  });

  it('a baked PNG or SVG: exit 1, sign the JSON badge then bake it', () => {
    for (const name of ['signed.png', 'unsigned.svg', 'plain.png']) {
      const r = run(['sign', '--key', file('key.json'), file(name)]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/image .*eumc signs JSON credentials, not images: sign the JSON badge/);
    }
  });

  it('a batch naming an image: exit 1, each named, nothing written; a folder walk for sign takes JSON files only', () => {
    const out = file('signed-out');
    const r = run(['sign', '--key', file('key.json'), '--out-dir', out, file('badge.json'), file('signed.png'), file('badge.jwt')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/signed\.png: error: the file is a PNG image/);
    expect(r.err).toMatch(/badge\.jwt: error: .*VC-JWT is not produced by eumc/);
    expect(existsSync(out)).toBe(false);
    const folder = run(['sign', '--key', file('key.json'), '--set-issuer', '--out-dir', out, file('mix')]);
    expect(folder, folder.err).toMatchObject({ code: 0 });
    expect(readdirSync(out)).toEqual(['a.json']);
  });
});
