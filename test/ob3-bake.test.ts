/**
 * Baked badges (OB 3.0, "Baked Badge"): bakeBadge and unbakeBadge on PNG and SVG, with JSON and
 * JWS credentials. The oracles are independent of the library: a Python writer and reader of PNG
 * chunks (fixtures/ob3/bake-tools.py, zlib and struct only), the pngjs decoder (which checks every
 * CRC and inflates the pixels), fast-xml-parser for the baked SVG, and SVG written by hand as the
 * spec's examples show.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { bakeBadge, unbakeBadge, type UnbakeBadgeResult } from '../src/ob3/bake.js';
import { fingerprint, hostileCases } from './helpers/hostile.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'ob3');
const TOOLS = join(fixtures, 'bake-tools.py');
const PNG_FIXTURE = new Uint8Array(readFileSync(join(fixtures, 'bake-badge.png')));
const SVG_FIXTURE = readFileSync(join(fixtures, 'bake-badge.svg'), 'utf8');
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Buffer } } } };

const b64u = (text: string) => Buffer.from(text).toString('base64url');
/** A compact JWS of the right shape (the signature is not checked by baking). */
const jws = (payload: object = { vc: { type: ['VerifiableCredential', 'OpenBadgeCredential'] } }) => `${b64u('{"alg":"EdDSA","typ":"JWT"}')}.${b64u(JSON.stringify(payload))}.${b64u('sixty-four bytes of signature, or so they say, for this test only!')}`;

/** A credential with text that XML and PNG writers must carry as it is. */
const credential = () => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:9f2c7a30-1111-4c1a-9a47-2f3d2b6c8e01',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://uni.example.eu/issuers/1', type: ['Profile'], name: 'Université d’Exemple & Co <b>' },
  name: 'CDATA ends with ]]> and ]]]]> here; </openbadges:credential> too; U+FFFE: \uFFFE; emoji 🎓; NUL \u0000',
  credentialSubject: { type: ['AchievementSubject'], achievement: { id: 'urn:x', type: ['Achievement'], name: 'x', criteria: { narrative: '&amp; stays &amp;' } } },
  proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofValue: 'z58DAdFfa9SkqZMVPxAQp' }],
});

/** The interpreter itself, asked once: a version manager's `python3` shim costs half a second a call. */
const PYTHON = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim() || 'python3';
function python(...args: string[]): string {
  const run = spawnSync(PYTHON, [TOOLS, ...args], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}
const scratch = mkdtempSync(join(tmpdir(), 'ob3-bake-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** The chunks of a PNG as Python's reader lists them. */
function chunksOf(png: Uint8Array): Record<string, unknown>[] {
  const file = join(scratch, `chunks-${Math.random().toString(36).slice(2)}.png`);
  writeFileSync(file, png);
  return python('chunks', file).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}
/** The PNG baked by Python with one iTXt chunk per text, after IHDR. */
function bakedByPython(png: Uint8Array, ...texts: string[]): Uint8Array {
  const name = Math.random().toString(36).slice(2);
  writeFileSync(join(scratch, `${name}.png`), png);
  const files = texts.map((t, i) => {
    writeFileSync(join(scratch, `${name}-${i}.txt`), t);
    return join(scratch, `${name}-${i}.txt`);
  });
  python('bake', join(scratch, `${name}.png`), join(scratch, `${name}-out.png`), ...files);
  return new Uint8Array(readFileSync(join(scratch, `${name}-out.png`)));
}
const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
const ok = (r: UnbakeBadgeResult) => {
  if (!r.ok) expect.fail(JSON.stringify(r.issues));
  return r;
};
const codes = (r: UnbakeBadgeResult) => (r.ok ? [] : r.issues.map((i) => i.code));
const itxt = (chunks: Record<string, unknown>[]) => chunks.filter((c) => c.type === 'iTXt' && c.keyword === 'openbadgecredential');

describe('the fixtures', () => {
  it('are a real PNG and SVG, not baked', () => {
    expect(decode(PNG_FIXTURE)).toMatchObject({ width: 8, height: 8 });
    expect(XMLValidator.validate(SVG_FIXTURE)).toBe(true);
    for (const image of [PNG_FIXTURE, SVG_FIXTURE, new TextEncoder().encode(SVG_FIXTURE)]) expect(codes(unbakeBadge(image))).toEqual(['OB3_IMAGE_NOT_BAKED']);
  });
});

describe('PNG', () => {
  it('round trip with an embedded-proof credential: one uncompressed iTXt chunk before IEND, the picture unchanged', () => {
    const before = PNG_FIXTURE.slice();
    const baked = bakeBadge(PNG_FIXTURE, credential());
    expect(PNG_FIXTURE).toEqual(before);
    expect(baked).toBeInstanceOf(Uint8Array);
    const decoded = decode(baked);
    expect(decoded.data.equals(decode(PNG_FIXTURE).data)).toBe(true);
    const chunks = chunksOf(baked);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'iTXt', 'IEND']);
    expect(chunks.every((c) => c.crcOk === true)).toBe(true);
    expect(chunks[3]).toMatchObject({ keyword: 'openbadgecredential', compression: 0, method: 0, language: '', translated: '' });
    expect(JSON.parse(chunks[3]!.text as string)).toEqual(credential());
    expect(chunks[3]!.text).not.toMatch(/\n|": /); // no pretty-printing
    const r = ok(unbakeBadge(baked));
    expect(r).toMatchObject({ format: 'png', form: 'json', warnings: [] });
    expect(r.credential).toEqual(credential());
  });

  it('round trip with a VC-JWT: the chunk text is the compact JWS', () => {
    const token = jws();
    const baked = bakeBadge(PNG_FIXTURE, token);
    expect(itxt(chunksOf(baked)).map((c) => c.text)).toEqual([token]);
    expect(ok(unbakeBadge(baked))).toEqual({ ok: true, format: 'png', form: 'jws', credential: token, warnings: [] });
    expect(decode(baked).width).toBe(8);
  });

  it('re-baking replaces the chunk: never two, the same bytes as baking once', () => {
    const twice = bakeBadge(bakeBadge(PNG_FIXTURE, credential()), jws());
    expect(twice).toEqual(bakeBadge(PNG_FIXTURE, jws()));
    expect(itxt(chunksOf(twice))).toHaveLength(1);
  });

  it('reads a PNG baked by another implementation (Python, the chunk after IHDR)', () => {
    const text = JSON.stringify(credential(), null, 2);
    const baked = bakedByPython(PNG_FIXTURE, `\n${text}\n`);
    expect(decode(baked).width).toBe(8);
    expect(ok(unbakeBadge(baked)).credential).toEqual(credential());
    const token = jws();
    expect(ok(unbakeBadge(bakedByPython(PNG_FIXTURE, token))).credential).toBe(token);
  });

  it('reads the first of two chunks, with a warning; baking leaves one', () => {
    const [a, b] = [jws({ n: 1 }), jws({ n: 2 })];
    const two = bakedByPython(PNG_FIXTURE, a, b);
    const r = ok(unbakeBadge(two));
    expect(r.credential).toBe(a);
    expect(r.warnings.map((w) => [w.code, w.severity, w.path])).toEqual([['OB3_IMAGE_BAKED_TWICE', 'warning', '']]);
    const rebaked = bakeBadge(two, b);
    expect(itxt(chunksOf(rebaked)).map((c) => c.text)).toEqual([b]);
    expect(decode(rebaked).data.equals(decode(PNG_FIXTURE).data)).toBe(true);
  });

  it('takes a Node Buffer and a view into a larger buffer, and returns a plain Uint8Array', () => {
    const token = jws();
    const inside = new Uint8Array(PNG_FIXTURE.length + 20);
    inside.set(PNG_FIXTURE, 10);
    for (const image of [Buffer.from(PNG_FIXTURE), inside.subarray(10, 10 + PNG_FIXTURE.length)]) {
      const baked = bakeBadge(image, token);
      expect(Object.getPrototypeOf(baked)).toBe(Uint8Array.prototype);
      expect(baked).toEqual(bakeBadge(PNG_FIXTURE, token));
      expect(ok(unbakeBadge(Buffer.from(baked))).credential).toBe(token);
    }
    expect([...inside.subarray(0, 10), ...inside.subarray(-10)]).toEqual(new Array(20).fill(0));
  });

  it('keeps every other chunk byte for byte, including bytes after IEND', () => {
    const trailing = new Uint8Array([...PNG_FIXTURE, 1, 2, 3]);
    const baked = bakeBadge(trailing, jws());
    expect([...baked.subarray(baked.length - 15)]).toEqual([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82, 1, 2, 3]);
    expect(baked.subarray(0, 8 + 25 + 34 + 47)).toEqual(PNG_FIXTURE.subarray(0, 8 + 25 + 34 + 47));
  });
});

describe('SVG', () => {
  const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata', preserveOrder: true });
  /** The children of the root <svg>, as fast-xml-parser reads them. */
  const rootChildren = (svg: string) => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = parser.parse(svg) as Record<string, unknown>[];
    const root = doc.find((n) => 'svg' in n)!;
    return { attributes: root[':@'] as Record<string, string>, children: root.svg as Record<string, unknown>[] };
  };

  it('round trip with an embedded-proof credential: the namespace on <svg>, the JSON in CDATA right after its start tag', () => {
    const baked = bakeBadge(SVG_FIXTURE, credential());
    expect(typeof baked).toBe('string');
    const { attributes, children } = rootChildren(baked);
    expect(attributes['@_xmlns:openbadges']).toBe('https://purl.imsglobal.org/ob/v3p0');
    const first = children[0]!['openbadges:credential'] as { '#cdata': { '#text': string }[] }[];
    expect(JSON.parse(first.map((c) => c['#cdata'][0]!['#text']).join(''))).toEqual(credential());
    expect(baked).toMatch(/viewBox="0 0 64 64" width="64" height="64" xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"><openbadges:credential><!\[CDATA\[\{/);
    expect(baked.replace(/ xmlns:openbadges="[^"]*"><openbadges:credential>.*<\/openbadges:credential>/s, '>')).toBe(SVG_FIXTURE);
    expect(ok(unbakeBadge(baked))).toEqual({ ok: true, format: 'svg', form: 'json', credential: credential(), warnings: [] });
  });

  it('round trip with a VC-JWT in the verify attribute; bytes in, bytes out', () => {
    const token = jws();
    const bytes = new TextEncoder().encode(SVG_FIXTURE);
    const baked = bakeBadge(bytes, token);
    expect(baked).toBeInstanceOf(Uint8Array);
    const text = new TextDecoder().decode(baked);
    expect(rootChildren(text).children[0]).toMatchObject({ 'openbadges:credential': [], ':@': { '@_verify': token } });
    expect(ok(unbakeBadge(baked))).toEqual({ ok: true, format: 'svg', form: 'jws', credential: token, warnings: [] });
    expect(ok(unbakeBadge(text)).credential).toBe(token);
  });

  it('re-baking replaces the element and keeps one declaration; a byte-order mark and an empty <svg/> survive', () => {
    expect(bakeBadge(bakeBadge(SVG_FIXTURE, credential()), jws())).toBe(bakeBadge(SVG_FIXTURE, jws()));
    const bom = `\uFEFF${SVG_FIXTURE}`;
    const baked = bakeBadge(new TextEncoder().encode(bom), jws());
    expect([...baked.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const empty = bakeBadge('<svg xmlns="http://www.w3.org/2000/svg" />', jws());
    expect(empty).toBe(`<svg xmlns="http://www.w3.org/2000/svg"  xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="${jws()}"></openbadges:credential></svg>`);
    expect(ok(unbakeBadge(empty)).credential).toBe(jws());
  });

  const spec = (inner: string, declaration = 'xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"') =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"\n  ${declaration}\n  viewBox="0 0 512 512">\n  ${inner}\n\n  <!-- rest-of-image -->\n</svg>\n`;
  it('reads SVG written by hand as the spec examples show', () => {
    const token = jws();
    expect(ok(unbakeBadge(spec(`<openbadges:credential verify="${token}"></openbadges:credential>`))).credential).toBe(token);
    const example = { ...credential(), name: 'Example University Degree' };
    const pretty = JSON.stringify(example, null, 10);
    expect(ok(unbakeBadge(spec(`<openbadges:credential>\n    <![CDATA[\n${pretty}\n    ]]>\n  </openbadges:credential>`))).credential).toEqual(example);
  });

  it('reads any prefix bound to the OB 3.0 namespace, quotes, references, comments and split CDATA', () => {
    const token = jws();
    const dotted = token.replaceAll('.', '&#46;');
    const json = JSON.stringify(credential());
    const cases: [string, string | object][] = [
      [spec(`<ob:credential verify='${dotted}'/>`, 'xmlns:ob="https://purl.imsglobal.org/ob/v3p0"'), token],
      [spec(`<g><credential xmlns="https://purl.imsglobal.org/ob/v3p0" verify="\n${token}\t"/></g>`, ''), token],
      [spec(`<!-- <openbadges:credential verify="x.y.z"/> --><openbadges:credential><![CDATA[${json.replaceAll(']]>', ']]]]><![CDATA[>')}]]></openbadges:credential>`), credential()],
      [spec(`<openbadges:credential>${json.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}<!-- a comment --></openbadges:credential>`), credential()],
      [spec(`<openbadges:credential><?pi x?>${token}</openbadges:credential>`), token],
    ];
    for (const [svg, expected] of cases) expect(ok(unbakeBadge(svg)).credential, svg.slice(0, 300)).toEqual(expected);
  });

  it('does not read an element whose prefix is bound elsewhere or unbound, and names an OB 2.0 assertion', () => {
    const unbound = '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential verify="a.b.c"/></svg>';
    expect(codes(unbakeBadge(unbound))).toEqual(['OB3_IMAGE_NOT_BAKED']);
    const ob2 = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://x.example/a"/></svg>';
    const r = unbakeBadge(ob2);
    expect(codes(r)).toEqual(['OB3_IMAGE_NOT_BAKED']);
    expect(!r.ok && r.issues[0]!.message).toMatch(/Open Badges 2\.0 assertion/);
    expect(() => bakeBadge(ob2, jws())).toThrow(/binds the prefix "openbadges" to "http:\/\/openbadges.org"/);
  });

  it('reads the first of two elements, with a warning; baking leaves one', () => {
    const [a, b] = [jws({ n: 1 }), jws({ n: 2 })];
    const two = spec(`<openbadges:credential verify="${a}"/><g><openbadges:credential verify="${b}"/></g>`);
    const r = ok(unbakeBadge(two));
    expect([r.credential, r.warnings.map((w) => w.code)]).toEqual([a, ['OB3_IMAGE_BAKED_TWICE']]);
    const rebaked = bakeBadge(two, b);
    expect(rebaked.match(/<openbadges:credential/g)).toHaveLength(1);
    expect(rebaked).toContain('<g></g>');
  });
});

describe('misuse: bakeBadge throws a TypeError', () => {
  const cases: [string, unknown, unknown, RegExp][] = [
    ['a number as the image', 42, jws(), /Expected the image as a Uint8Array/],
    ['an array as the image', [...PNG_FIXTURE], jws(), /got an Array/],
    ['a Uint16Array as the image', new Uint16Array(8), jws(), /got a Uint16Array/],
    ['bytes that are neither PNG nor SVG', new Uint8Array([0xff, 0xfe, 0, 0x3c]), jws(), /neither a PNG/],
    ['text that is not SVG', '<html></html>', jws(), /root element is <html>, not <svg>/],
    ['a PNG with a bad CRC', Uint8Array.from(PNG_FIXTURE, (b, i) => (i === 45 ? b ^ 1 : b)), jws(), /Chunk 2 \(tEXt, at byte 33\) has a bad CRC/],
    ['JSON text as the credential', PNG_FIXTURE, JSON.stringify(credential()), /not a compact JWS.*as an object/],
    ['two segments', PNG_FIXTURE, 'a.b', /three non-empty base64url segments/],
    ['alg none', PNG_FIXTURE, `${b64u('{"alg":"none"}')}.${b64u('{}')}.c2ln`, /header/],
    ['null as the credential', PNG_FIXTURE, null, /got null/],
    ['an array as the credential', SVG_FIXTURE, [credential()], /got an array/],
    ['a credential with a function', SVG_FIXTURE, { ...credential(), f: () => 1 }, /\(at \/f\)/],
  ];
  it.each(cases)('%s', (_, image, cred, message) => {
    expect(() => bakeBadge(image as Uint8Array, cred as string)).toThrow(TypeError);
    expect(() => bakeBadge(image as Uint8Array, cred as string)).toThrow(message);
  });
});

/** A PNG built here chunk by chunk (the test's own writer), for chunks no baker would write. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (bytes: Uint8Array) => (bytes.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
function pngWith(...extra: [string, Uint8Array][]): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...Buffer.from(type, 'latin1'), ...data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    out.set(body, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const iend = PNG_FIXTURE.length - 12;
  return new Uint8Array([...PNG_FIXTURE.subarray(0, iend), ...extra.flatMap(([t, d]) => [...chunk(t, d)]), ...PNG_FIXTURE.subarray(iend)]);
}
const itxtData = (head: number[], text: string | Uint8Array) => new Uint8Array([...Buffer.from('openbadgecredential'), ...head, ...(typeof text === 'string' ? Buffer.from(text) : text)]);

describe('bad data: unbakeBadge returns issues, never throws', () => {
  const deep = `${'['.repeat(300)}${']'.repeat(300)}`;
  const cases: [string, () => unknown, string, RegExp][] = [
    ['null', () => null, 'OB3_IMAGE_UNREADABLE', /got null/],
    ['a revoked proxy', () => {
      const { proxy, revoke } = Proxy.revocable(new Uint8Array(8), {});
      revoke();
      return proxy;
    }, 'OB3_IMAGE_UNREADABLE', /got an object that cannot be read/],
    ['a proxy of PNG bytes', () => new Proxy(PNG_FIXTURE, {}), 'OB3_IMAGE_UNREADABLE', /Expected the image/],
    ['a detached buffer', () => {
      const bytes = PNG_FIXTURE.slice();
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      return bytes;
    }, 'OB3_IMAGE_UNREADABLE', /detached/],
    ['more than 16 MiB', () => new Uint8Array(16 * 1024 * 1024 + 1), 'OB3_IMAGE_UNREADABLE', /16777217 bytes long, more than the 16 MiB/],
    ['SVG text over 16 Mi characters', () => `<svg>${' '.repeat(16 * 1024 * 1024)}</svg>`, 'OB3_IMAGE_UNREADABLE', /more than the 16 Mi/],
    ['UTF-16 SVG', () => new Uint8Array(Buffer.from(`\uFEFF${SVG_FIXTURE}`, 'utf16le')), 'OB3_IMAGE_UNREADABLE', /neither a PNG .* nor an SVG in UTF-8/],
    ['the PNG signature alone', () => PNG_FIXTURE.subarray(0, 8), 'OB3_IMAGE_UNREADABLE', /ends after 0 chunks without an IEND/],
    ['a chunk declaring 4 GiB', () => new Uint8Array([...PNG_FIXTURE.subarray(0, 8), 0xff, 0xff, 0xff, 0xf0, ...Buffer.from('IHDR'), 0, 0, 0, 0]), 'OB3_IMAGE_UNREADABLE', /declares 4294967280 bytes of data, more than PNG allows/],
    ['a chunk declaring more than remains', () => Uint8Array.from(PNG_FIXTURE, (b, i) => (i === 35 ? 0xff : b)), 'OB3_IMAGE_UNREADABLE', /Chunk 2 \(tEXt, at byte 33\) declares 65302 bytes of data, but only 81 remain before its CRC/],
    ['a bad CRC in IDAT', () => Uint8Array.from(PNG_FIXTURE, (b, i) => (i === 80 ? b ^ 0x80 : b)), 'OB3_IMAGE_UNREADABLE', /Chunk 3 \(IDAT, at byte 67\) has a bad CRC/],
    ['no IHDR first', () => new Uint8Array([...PNG_FIXTURE.subarray(0, 8), ...PNG_FIXTURE.subarray(33)]), 'OB3_IMAGE_UNREADABLE', /first chunk is tEXt/],
    ['a compressed chunk', () => pngWith(['iTXt', itxtData([0, 1, 0, 0, 0], jws())]), 'OB3_BAKED_CREDENTIAL_MALFORMED', /chunk 4, at byte 114\) cannot be read: it is compressed/],
    ['a chunk without separators', () => pngWith(['iTXt', itxtData([0, 0, 0], 'x')]), 'OB3_BAKED_CREDENTIAL_MALFORMED', /NUL separators/],
    ['text that is not UTF-8', () => pngWith(['iTXt', itxtData([0, 0, 0, 0, 0], new Uint8Array([0x7b, 0xff, 0x7d]))]), 'OB3_BAKED_CREDENTIAL_MALFORMED', /not UTF-8/],
    ['a JSON array', () => pngWith(['iTXt', itxtData([0, 0, 0, 0, 0], '[{}]')]), 'OB3_BAKED_CREDENTIAL_MALFORMED', /neither a JSON object nor a compact JWS/],
    ['broken JSON', () => pngWith(['iTXt', itxtData([0, 0, 0, 0, 0], '{"a":')]), 'OB3_BAKED_CREDENTIAL_MALFORMED', /starts with "\{" but is not JSON/],
    ['JSON nested 300 deep', () => pngWith(['iTXt', itxtData([0, 0, 0, 0, 0], `{"a":${deep}}`)]), 'OB3_BAKED_CREDENTIAL_MALFORMED', /nested deeper than 256 levels/],
    ['an empty text', () => pngWith(['iTXt', itxtData([0, 0, 0, 0, 0], ' \n')]), 'OB3_BAKED_CREDENTIAL_MALFORMED', /empty/],
    ['a tEXt chunk only', () => pngWith(['tEXt', itxtData([0], jws())]), 'OB3_IMAGE_NOT_BAKED', /no iTXt chunk/],
    ['an OB 2.0 chunk', () => pngWith(['iTXt', new Uint8Array([...Buffer.from('openbadges'), 0, 0, 0, 0, 0, ...Buffer.from(jws())])]), 'OB3_IMAGE_NOT_BAKED', /Open Badges 2\.0 assertion/],
    ['an unclosed comment', () => `<svg><!-- <openbadges:credential/></svg>`, 'OB3_IMAGE_UNREADABLE', /A comment that does not close with "-->" \(line 1, column 6\)/],
    ['mismatched tags', () => '<svg><g></svg>', 'OB3_IMAGE_UNREADABLE', /<\/svg> does not match <g>/],
    ['an unquoted attribute', () => '<svg width=3></svg>', 'OB3_IMAGE_UNREADABLE', /not quoted/],
    ['a duplicate attribute', () => '<svg a="1" a="2"></svg>', 'OB3_IMAGE_UNREADABLE', /attribute a twice/],
    ['an unclosed CDATA section', () => '<svg><![CDATA[ x </svg>', 'OB3_IMAGE_UNREADABLE', /CDATA section that does not close/],
    ['text after the root', () => '<svg/>x', 'OB3_IMAGE_UNREADABLE', /after the root/],
    ['an undefined entity in verify', () => '<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="&lol;"/></svg>', 'OB3_BAKED_CREDENTIAL_MALFORMED', /verify attribute of the <o:credential> element at line 1, column 51: "&lol;" is not a predefined entity/],
    ['an entity from the DTD (not expanded)', () => '<!DOCTYPE svg [<!ENTITY a "{}"><!-- ] > -->]><svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential>&a;</o:credential></svg>', 'OB3_BAKED_CREDENTIAL_MALFORMED', /"&a;" is not a predefined entity/],
    ['a child element', () => '<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential><b/>{}</o:credential></svg>', 'OB3_BAKED_CREDENTIAL_MALFORMED', /child element <b>/],
    ['verify and content', () => `<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="${jws()}">{}</o:credential></svg>`, 'OB3_BAKED_CREDENTIAL_MALFORMED', /both a verify attribute and content/],
    ['JSON in verify', () => `<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="{&quot;a&quot;:1}"/></svg>`, 'OB3_BAKED_CREDENTIAL_MALFORMED', /must hold a compact JWS/],
    ['a bad JWS', () => '<svg xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="a.b.c"/></svg>', 'OB3_BAKED_CREDENTIAL_MALFORMED', /header is not base64url/],
    ['an HTML page', () => '<!doctype html><html></html>', 'OB3_IMAGE_UNREADABLE', /Text before the root element/],
  ];
  it.each(cases)('%s', (_, make, code, message) => {
    const r = unbakeBadge(make() as Uint8Array);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code, severity: 'error', path: '', element: null, in: 'ob3' });
    expect(r.issues[0]!.message).toMatch(message);
  });
});

describe('hostile input: never throws, returns quickly, leaves the input as it was', () => {
  const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
  const baked = { png: bakeBadge(PNG_FIXTURE, credential()), svg: bakeBadge(SVG_FIXTURE, credential()) };
  const unbakeOk = (image: unknown) => {
    let r: UnbakeBadgeResult | undefined;
    expect(() => (r = unbakeBadge(image as Uint8Array))).not.toThrow();
    expect(typeof r!.ok).toBe('boolean');
    if (!r!.ok) expect(r!.issues.length).toBeGreaterThan(0);
    return r!;
  };

  it('the shared bank of hostile inputs, as the image and as the credential', () => {
    for (const c of hostileCases(credential(), 'name')) {
      const input = c.make();
      const before = c.noFingerprint ? undefined : fingerprint(input);
      expect(unbakeOk(input).ok, c.name).toBe(false);
      try {
        expect(ok(unbakeBadge(bakeBadge(PNG_FIXTURE, input as object))).form, c.name).toBe('json');
      } catch (e) {
        expect(e, c.name).toBeInstanceOf(TypeError);
        expect(c.acceptable, c.name).not.toBe(true);
      }
      if (before !== undefined) expect(fingerprint(input), c.name).toBe(before);
    }
  }, 120_000);

  it('random bytes, and random bytes after the PNG signature', () => {
    const signature = PNG_FIXTURE.subarray(0, 8);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, png) => {
      unbakeOk(png ? new Uint8Array([...signature, ...bytes]) : bytes);
    }), { numRuns: 2000 });
  });

  it('truncated at every length, one byte flipped anywhere, a chunk length rewritten', () => {
    for (const image of [baked.png, bakedByPython(PNG_FIXTURE, jws())]) {
      for (let n = 0; n < image.length; n++) expect(unbakeOk(image.subarray(0, n)).ok).toBe(false);
      for (let i = 0; i < image.length; i++) {
        const flipped = image.slice();
        flipped[i]! ^= 0x10;
        // Every byte is the signature, a length checked against what remains, or under a CRC.
        expect(unbakeOk(flipped).ok).toBe(false);
      }
    }
    const starts = chunksOf(baked.png).reduce<number[]>((at, c) => [...at, at[at.length - 1]! + 12 + (c.length as number)], [8]).slice(0, -1);
    fc.assert(fc.property(fc.constantFrom(...starts), fc.integer({ min: 0, max: 0xffffffff }), (at, length) => {
      const image = baked.png.slice();
      new DataView(image.buffer).setUint32(at, length);
      unbakeOk(image);
    }), { numRuns: 1000 });
  });

  it('SVG made of random XML pieces around a baked element', () => {
    const piece = fc.constantFrom('<', '>', '/>', '</', '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '"', "'", '=', '&', '&amp;', '&#x;', ';', ' ', '\n', 'svg', 'g', 'credential', 'openbadges:', `xmlns:o="${OB3}"`, 'verify=', jws(), '{}', '<!DOCTYPE', '[', ']', '\uFEFF', '\u0000');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.array(piece, { maxLength: 40 }), (head, tail) => {
      unbakeOk(`${head.join('')}${baked.svg}${tail.join('')}`);
      unbakeOk(`<svg xmlns:o="${OB3}">${head.join('')}<o:credential>${tail.join('')}</o:credential></svg>`);
    }), { numRuns: 3000 });
  });

  it('round trip of any JSON object, with text that XML must escape, in PNG and SVG, text and bytes', () => {
    const svgBytes = new TextEncoder().encode(SVG_FIXTURE);
    const xmlish = fc.string({ unit: fc.constantFrom(']]>', ']]', '>', '<', '&', '&amp;', '"', "'", '\uFFFE', '\uFFFF', '\uD800', 'a', '</openbadges:credential>') });
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.string({ unit: 'binary' }), xmlish), fc.oneof(fc.jsonValue(), xmlish)), (value) => {
      const expected = JSON.parse(JSON.stringify(value)) as unknown;
      for (const image of [PNG_FIXTURE, SVG_FIXTURE, svgBytes]) expect(ok(unbakeBadge(bakeBadge(image, value))).credential).toEqual(expected);
    }), { numRuns: 300 });
  });

  const MiB16 = 16 * 1024 * 1024;
  const worst: [string, () => unknown][] = [
    ['5.6 million unclosed nested SVG elements', () => `<svg>${'<a>'.repeat((MiB16 - 100) / 3)}`],
    ['800 000 attributes', () => `<svg ${Array.from({ length: 800_000 }, (_, i) => `a${i}="1"`).join(' ')}/>`],
    ['400 000 namespace declarations in scope', () => `<svg>${`<a xmlns:o="${OB3}">`.repeat(400_000)}`],
    ['3 million references in the credential', () => `<svg xmlns:o="${OB3}"><o:credential>${'&amp;'.repeat(3_000_000)}</o:credential></svg>`],
    ['8 million nested JSON arrays in the credential', () => `<svg xmlns:o="${OB3}"><o:credential>{"a":${'['.repeat(8_000_000)}</o:credential></svg>`],
    ['4 million comments, none closed', () => `<svg>${'<!--'.repeat(4_000_000)}`],
    ['1.4 million empty PNG chunks', () => {
      const empty = Buffer.from([0, 0, 0, 0, 0x61, 0x62, 0x63, 0x64, 0, 0, 0, 0]);
      empty.writeUInt32BE(crc(Buffer.from('abcd')), 8);
      const n = Math.floor((MiB16 - 150) / 12);
      return new Uint8Array(Buffer.concat([PNG_FIXTURE.subarray(0, 114), Buffer.concat(Array.from({ length: n }, () => empty)), PNG_FIXTURE.subarray(114)]));
    }],
    ['a 16 MiB IDAT with a bad CRC', () => {
      const image = new Uint8Array(MiB16);
      image.set(PNG_FIXTURE.subarray(0, 33));
      new DataView(image.buffer).setUint32(33, MiB16 - 33 - 12 - 12);
      image.set(Buffer.from('IDAT'), 37);
      return image;
    }],
  ];
  it.each(worst)('%s', (_, make) => {
    const image = make();
    const start = performance.now();
    expect(unbakeOk(image).ok).toBe(false);
    // Linear passes over 16 MiB take one or two seconds on a loaded machine; the bound is only against hanging.
    expect(performance.now() - start).toBeLessThan(15_000);
  }, 60_000);

  it('bakeBadge refuses to write an image that unbakeBadge would refuse', () => {
    expect(() => bakeBadge(`<svg>${' '.repeat(MiB16 - 20)}</svg>`, jws())).toThrow(RangeError);
  });
});
