// Integrity strings (W3C SRI) of SD-JWT VC: `vct#integrity`, `extends#integrity`, `uri#integrity`.
// Oracles: the dc4eu card SVG and its VCTM's `uri#integrity` (test/vectors/dc4eu-vctm/), and
// digests computed here by node:crypto (another implementation than the WebCrypto one under test).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, integrityOf } from '../src/sd-jwt-vc/integrity.js';

const dir = join(import.meta.dirname, 'vectors', 'dc4eu-vctm');
const svg = new Uint8Array(readFileSync(join(dir, 'generic-microcredential-card-svg-dc4eu-01.svg')));
const vctm = JSON.parse(readFileSync(join(dir, 'vctm_microcredential.dc4eu.json'), 'utf8')) as {
  display: { rendering: { svg_templates: { 'uri#integrity': string }[]; simple: { logo: { 'uri#integrity': string } } } }[];
};
const nodeSri = (alg: 'sha256' | 'sha384' | 'sha512', bytes: Uint8Array | string) =>
  `${alg}-${createHash(alg).update(bytes).digest('base64')}`;

describe('the dc4eu vector: the SVG card and its type metadata', () => {
  const published = vctm.display[0]!.rendering.svg_templates[0]!['uri#integrity'];

  it('integrityOf(svg) is the uri#integrity the VCTM publishes', async () => {
    expect(published).toBe('sha256-1745iaqJtlhk18cYXe6D80bmAzbjLZHA77+9TF4aiLk=');
    expect(await integrityOf(svg)).toBe(published);
    expect(vctm.display[0]!.rendering.simple.logo['uri#integrity']).toBe(published);
  });

  it('checkIntegrity accepts the SVG and refuses it with one byte changed', async () => {
    expect(await checkIntegrity(svg, published)).toEqual({ ok: true, algorithm: 'sha256' });
    const changed = svg.slice();
    changed[changed.length - 2] = changed[changed.length - 2]! ^ 1;
    const r = await checkIntegrity(changed, published);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/sha256 digest of the document/);
  });
});

describe('integrityOf', () => {
  it('agrees with node:crypto for every algorithm, bytes and strings (UTF-8)', async () => {
    for (const alg of ['sha256', 'sha384', 'sha512'] as const) {
      expect(await integrityOf(svg, alg)).toBe(nodeSri(alg, svg));
      expect(await integrityOf('Mikrozeugnis – Ελλάδα', alg)).toBe(nodeSri(alg, 'Mikrozeugnis – Ελλάδα'));
    }
    expect(await integrityOf(new Uint8Array(0))).toBe(nodeSri('sha256', new Uint8Array(0)));
  });

  it('reads a view into a larger buffer by its own bytes only', async () => {
    const big = new Uint8Array([9, 9, 1, 2, 3, 9]);
    expect(await integrityOf(big.subarray(2, 5))).toBe(nodeSri('sha256', new Uint8Array([1, 2, 3])));
  });

  it('refuses an unknown algorithm or a non-bytes input (misuse)', async () => {
    await expect(integrityOf(svg, 'md5' as never)).rejects.toThrow(TypeError);
    await expect(integrityOf(42 as never)).rejects.toThrow(TypeError);
  });
});

describe('checkIntegrity: SRI parsing', () => {
  const text = 'hello, wallet';
  const s256 = nodeSri('sha256', text);
  const s384 = nodeSri('sha384', text);
  const s512 = nodeSri('sha512', text);
  const wrong256 = nodeSri('sha256', 'other');
  const wrong512 = nodeSri('sha512', 'other');

  it('the strongest algorithm decides: a wrong sha512 fails even beside a right sha256', async () => {
    expect((await checkIntegrity(text, `${s256} ${wrong512}`)).ok).toBe(false);
    expect(await checkIntegrity(text, `${wrong256} ${s512}`)).toEqual({ ok: true, algorithm: 'sha512' });
    expect(await checkIntegrity(text, `${wrong256} ${s384}`)).toEqual({ ok: true, algorithm: 'sha384' });
  });

  it('any hash of the strongest algorithm may match', async () => {
    expect((await checkIntegrity(text, `${wrong512}  ${s512}\t${s256}`)).ok).toBe(true);
  });

  it('ignores options after "?" and unknown algorithms; takes base64url and unpadded spellings', async () => {
    expect((await checkIntegrity(text, `${s256}?ct=image/svg+xml`)).ok).toBe(true);
    expect((await checkIntegrity(text, `md5-XUFAKrxLKna5cZ2REBfFkg== ${s256}`)).ok).toBe(true);
    const url = s256.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect((await checkIntegrity(text, url)).ok).toBe(true);
    expect((await checkIntegrity(text, 'SHA256-' + s256.slice(7))).ok).toBe(true);
  });

  it('is not ok, with a reason, when no usable hash is given', async () => {
    for (const bad of ['', '   ', 'sha256', 'sha256-', 'sha1-AAAA', 'sha256-abc', `sha256-${'A'.repeat(44)}==`]) {
      const r = await checkIntegrity(text, bad);
      expect(r.ok, bad).toBe(false);
      expect(r.reason, bad).toMatch(/W3C SRI/);
    }
  });

  it('never throws on data that is not a string or bytes', async () => {
    for (const v of [null, undefined, 42, {}, ['sha256-x']]) {
      expect((await checkIntegrity(text, v as never)).ok).toBe(false);
      expect((await checkIntegrity(v as never, s256)).ok).toBe(false);
    }
  });
});
