/**
 * The reference pictures: every credential of fixtures/render/ (Greek, Bulgarian, German,
 * Portuguese, French, Polish, Finnish and Swedish, and English pages of the multilingual ones) is
 * rendered to PNG in each of its languages and compared, with pixelmatch, with the committed
 * picture docs/render/<fixture>.<lang>.png that scripts/update-render-references.mjs wrote (the
 * same options: default width, a verification URL).
 *
 * The tolerance. On one machine the renderer gives the same pixels every time (resvg in WebAssembly,
 * whose arithmetic is the same on every CPU; the embedded font; no system fonts), so a reference
 * differs from a new render only when something changed: the code, the labels, the font, the
 * rasteriser, or Node's ICU (dates, country names). pixelmatch counts a pixel as different when its
 * colour moved by more than `THRESHOLD` 0.1 (its default, YIQ distance; a layout number that moved
 * by a hundredth of a pixel shifts edge pixels by less), anti-aliasing pixels included. At most
 * `MAX_DIFF_RATIO` = 0.002 % of the page's pixels may differ: 17 of 891 662 at 1123 × 794. Measured
 * on the Polish page: one letter changed in the learner's name (i → j) changes 43 pixels, one digit
 * of the grade 54, ę → ą in the name 482, a learning outcome left out about 31 000: all fail (the
 * last test keeps the first so). A diacritic lost in a 9-point outcome line (ą → a: 6 pixels) is
 * below what this test sees; the SVG and PDF tests check the texts themselves.
 *
 * Each new render's QR code is also read back (jsQR) to the verification URL.
 *
 * On failure the new render and a diff picture (changed pixels red) are written to
 * $RENDER_ARTIFACTS_DIR or <tmp>/eumc-render-reference/, and the message names them. When the
 * change is intended: node scripts/update-render-references.mjs, look at the pictures, commit them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/model/types.js';
import { validate } from '../src/rules/validate.js';
import { credentialLanguages } from '../src/render/layout.js';
import { renderPng } from '../src/render/raster.js';

/** jsqr's CommonJS export, as TypeScript and Node see it. */
const jsQR: typeof jsQRModule.default = typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default;

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, 'fixtures', 'render');
const REFERENCES = join(ROOT, 'docs', 'render');
const ARTIFACTS = process.env.RENDER_ARTIFACTS_DIR ?? join(tmpdir(), 'eumc-render-reference');

/** pixelmatch's colour threshold (its default): smaller counts fainter changes. */
const THRESHOLD = 0.1;
/** The share of a page's pixels that may differ: 0.002 % (17 pixels of an A4 page at 1123 × 794). */
const MAX_DIFF_RATIO = 0.00002;

/** As scripts/update-render-references.mjs draws them. */
const verifyUrlOf = (name: string) => `https://verify.example.eu/credentials/${name}`;

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.slice(0, -'.json'.length), mc: JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as MicroCredential }));
const cases = fixtures.flatMap(({ name, mc }) => credentialLanguages(mc).map((lang) => ({ name, mc, lang })));

interface Comparison {
  width: number;
  height: number;
  differing: number;
  diff: PNG;
}

function compare(expected: PNG, actual: PNG): Comparison {
  const { width, height } = expected;
  if (actual.width !== width || actual.height !== height) return { width, height, differing: Number.POSITIVE_INFINITY, diff: new PNG({ width: 1, height: 1 }) };
  const diff = new PNG({ width, height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, width, height, { threshold: THRESHOLD, includeAA: true });
  return { width, height, differing, diff };
}

describe('the reference pictures (docs/render/)', () => {
  it('cover at least 6 languages, Greek and Bulgarian among them, from valid credentials, and no stale picture is left', () => {
    for (const { name, mc } of fixtures) expect(validate(mc).ok, name).toBe(true);
    const langs = new Set(cases.map((c) => c.lang));
    expect(langs.size).toBeGreaterThanOrEqual(6);
    for (const lang of ['el', 'bg', 'de', 'pt', 'fr', 'pl']) expect(langs, lang).toContain(lang);
    const expected = cases.map((c) => `${c.name}.${c.lang}.png`).sort();
    expect(readdirSync(REFERENCES).filter((f) => f.endsWith('.png')).sort()).toEqual(expected);
  });

  it.each(cases.map((c) => [`${c.name}.${c.lang}`, c] as const))('%s renders as its reference', async (label, { name, mc, lang }) => {
    const actualBytes = await renderPng(mc, { lang, verifyUrl: verifyUrlOf(name) });
    const expected = PNG.sync.read(readFileSync(join(REFERENCES, `${label}.png`)));
    const actual = PNG.sync.read(Buffer.from(actualBytes));
    expect(jsQR(new Uint8ClampedArray(actual.data.buffer, actual.data.byteOffset, actual.data.length), actual.width, actual.height)?.data, 'the QR code').toBe(verifyUrlOf(name));
    const { width, height, differing, diff } = compare(expected, actual);
    const allowed = Math.floor(width * height * MAX_DIFF_RATIO);
    if (differing > allowed) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const actualPath = join(ARTIFACTS, `${label}.actual.png`);
      const diffPath = join(ARTIFACTS, `${label}.diff.png`);
      writeFileSync(actualPath, actualBytes);
      if (Number.isFinite(differing)) writeFileSync(diffPath, PNG.sync.write(diff));
      expect.fail(
        `${label}: ${Number.isFinite(differing) ? `${differing} pixels differ (at most ${allowed} may)` : `the size is ${actual.width} × ${actual.height}, not ${width} × ${height}`} from docs/render/${label}.png. ` +
          `The new render is ${actualPath}${Number.isFinite(differing) ? `, the differences (red) ${diffPath}` : ''}. If the change is intended: node scripts/update-render-references.mjs, look at the pictures, commit them.`,
      );
    }
  });

  it('fails for one letter changed in the learner’s name (the tolerance is not too loose)', async () => {
    const { name, mc } = fixtures.find((f) => f.name === 'polish-many-outcomes')!;
    const changed = { ...mc, learner: { ...mc.learner, fullName: 'Zofja Wiśniewska-Łęcka' } };
    const expected = PNG.sync.read(readFileSync(join(REFERENCES, `${name}.pl.png`)));
    const actual = PNG.sync.read(Buffer.from(await renderPng(changed, { lang: 'pl', verifyUrl: verifyUrlOf(name) })));
    const { width, height, differing } = compare(expected, actual);
    expect(differing).toBeGreaterThan(2 * width * height * MAX_DIFF_RATIO);
  });
});
