/**
 * The SVG writer (src/render/svg.ts): well-formed XML by a real XML parser (Chromium's DOMParser,
 * as a browser reads the picture), every text of the page in it, hostile strings escaped,
 * nothing external, no scripts.
 */
import fc from 'fast-check';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { layoutCredential } from '../src/render/layout.js';
import type { TextItem } from '../src/render/page.js';
import { pageToSvg, renderSvg, xmlText } from '../src/render/svg.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from './helpers/chromium.js';

const base: MicroCredential = {
  primaryLanguage: 'bg',
  learner: { fullName: 'Иван Петров' },
  title: { bg: 'Цифрово управление и отворени данни', en: 'Digital governance and open data' },
  issuer: { id: 'https://uni.example.bg', legalName: 'Примерен университет', country: 'BG' },
  awardingBodies: [{ id: 'https://uni.example.bg', legalName: 'Примерен университет', country: 'BG' }],
  dateOfIssue: '2025-05-06T10:00:00Z',
  learningOutcomes: [{ title: 'Прилага принципите на отворените данни' }],
  workload: { ects: 3 },
  assessment: { type: 'written-examination' },
  participation: { mode: 'blended' },
  qualityAssurance: [{ type: 'internal-quality-assurance', title: 'Вътрешна система за качество' }],
};

/** Hostile strings: markup, entities, quotes, XML-forbidden characters, lone surrogates, bidi controls. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "Smith & Sons' <b>\"Ltd\"</b> &amp; &#x3C; &lt;",
  ']]><!ENTITY x "y">&x;',
  'Null\u0000Bell\u0007Vertical\u000bFormfeed\u000cEsc\u001b End',
  'Lone \ud800 high and \udc00 low surrogates, \ufffe \uffff non-characters',
  'Right-to-left \u202e override \u200f mark',
  '<?xml-stylesheet href="http://evil.example/x.css"?>',
  'url(http://evil.example/a.png) @import "http://evil.example/b.css";',
];

let browser: Browser | undefined;
beforeAll(async () => {
  if (haveChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Parses SVGs with Chromium's XML parser: for each, the parser error (if any) and the texts of its <text> elements. */
async function parseInBrowser(svgs: string[]): Promise<{ error: string | null; root: string; texts: string[]; title: string | null }[]> {
  const page = await browser!.newPage();
  try {
    return await page.evaluate((documents) => {
      return documents.map((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const error = doc.getElementsByTagName('parsererror')[0];
        return {
          error: error ? error.textContent : null,
          root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
          texts: Array.from(doc.getElementsByTagName('text'), (t) => t.textContent ?? ''),
          title: doc.querySelector('svg > title')?.textContent ?? null,
        };
      });
    }, svgs);
  } finally {
    await page.close();
  }
}

const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What no picture may hold: scripts, event handlers, styles, references outside the document. */
function checkSelfContained(svg: string): void {
  expect(svg).not.toMatch(XML_FORBIDDEN);
  // Markup only: the texts (escaped) may say anything.
  const outside = svg.replace(/<(text|title)\b([^>]*)>[^<]*<\/\1>/g, '<$1$2/>');
  expect(outside).not.toMatch(/<(script|style|foreignObject|iframe|use|a)\b|xlink:href|@import|url\(/i);
  // No event handler attribute (attribute values, escaped, may say anything).
  expect(outside.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  for (const m of outside.matchAll(/\shref="([^"]*)"/g)) expect(m[1]).toMatch(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]*$/);
  // The only URL in the markup is the SVG namespace.
  expect(outside.match(/https?:\/\/[^"'\s<]*/g) ?? []).toEqual(['http://www.w3.org/2000/svg']);
}

describe('pageToSvg', () => {
  it('writes the page: size, title, language, Noto Sans first, one <text> per text item, the QR code as one path', () => {
    const page = layoutCredential(base, { verifyUrl: 'https://verify.example.bg/1' });
    const svg = pageToSvg(page);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="841\.89pt" height="595\.28pt" viewBox="0 0 841\.89 595\.28"/);
    expect(svg).toMatch(/font-family="'Noto Sans', /);
    expect(svg).toContain('lang="bg"');
    expect(svg).toContain(`<title>${xmlText(page.title)}</title>`);
    const items = page.items.filter((i): i is TextItem => i.kind === 'text');
    expect(svg.match(/<text /g)).toHaveLength(items.length);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('text-anchor="middle"');
    expect(renderSvg(base, { verifyUrl: 'https://verify.example.bg/1' })).toBe(svg);
    checkSelfContained(svg);
  });

  it('draws the QR code\'s dark modules, and only those, in its square', () => {
    const url = `https://verify.example.bg/credentials/${'x'.repeat(90)}`;
    const page = layoutCredential(base, { verifyUrl: url });
    const qr = page.items.find((i) => i.kind === 'qr');
    if (qr?.kind !== 'qr') throw new Error('no QR item');
    const svg = pageToSvg(page);
    const m = /<path transform="translate\(([\d.]+) ([\d.]+)\) scale\(([\d.]+)\)" d="([^"]*)"/.exec(svg)!;
    expect(Number(m[1])).toBeCloseTo(qr.x, 2);
    expect(Number(m[2])).toBeCloseTo(qr.y, 2);
    expect(Number(m[3]) * qr.modules.length).toBeCloseTo(qr.size, 3);
    const n = qr.modules.length;
    const drawn = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
    for (const run of m[4]!.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
      const [column, row, length, back] = run.slice(1).map(Number) as [number, number, number, number];
      expect(back).toBe(length);
      for (let c = column; c < column + length; c++) {
        expect(drawn[row]![c]).toBe(false);
        drawn[row]![c] = true;
      }
    }
    expect(m[4]!.replace(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g, '')).toBe('');
    expect(drawn).toEqual(qr.modules.map((r) => [...r]));
  });

  it('embeds the logo as a data URL', () => {
    const logo = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#039"/></svg>');
    const svg = renderSvg(base, { logo: { content: logo, contentType: 'image/svg+xml' } });
    const href = /<image [^>]*href="data:image\/svg\+xml;base64,([^"]+)"/.exec(svg)?.[1];
    expect(new TextDecoder().decode(Uint8Array.from(atob(href!), (c) => c.charCodeAt(0)))).toBe(new TextDecoder().decode(logo));
    checkSelfContained(svg);
  });

  it('refuses what is not a page, and writes nothing of a hand-made page outside its attributes', () => {
    for (const bad of [null, 5, {}, { width: 1, height: 1, lang: 'en', title: 't', items: [{ kind: 'script' }] }, { width: NaN, height: 1, lang: 'en', title: 't', items: [] }]) {
      expect(() => pageToSvg(bad as never)).toThrow(TypeError);
    }
    const page = layoutCredential(base);
    const evil = {
      ...page,
      items: [
        { kind: 'text', x: 1, y: 10, size: 5, weight: 'bold', color: '"/><script>', anchor: '"><script>alert(1)</script>', text: 't', width: 1, box: { x: 0, width: 10 }, role: 'x', lang: '"><a' },
        { kind: 'image', x: 1, y: 1, width: 1, height: 1, content: new Uint8Array([1]), contentType: 'text/html"><script>' },
        { kind: 'rect', x: 1, y: 1, width: 1, height: 1, fill: '"><script>', stroke: 'red" onclick="x' },
      ],
    };
    const svg = pageToSvg(evil as never);
    checkSelfContained(svg);
    expect(svg).not.toContain('<script');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlText('a\u0000b\ud800c\uffffd\u{1F600}')).toBe('abcd\u{1F600}');
  });
});

describe.skipIf(!haveChromium)('SVG read by a real XML parser (Chromium)', () => {
  it('parses hostile texts into exactly those texts, with nothing executable', async () => {
    const svgs = HOSTILE.map((h) => {
      const mc: MicroCredential = {
        ...base,
        title: `${h} title`,
        learner: { fullName: `${h} learner` },
        awardingBodies: [{ ...base.awardingBodies[0]!, legalName: `${h} body` }],
        learningOutcomes: [{ title: `${h} outcome` }],
        grade: { value: h, scheme: h },
      };
      return renderSvg(mc, { verifyUrl: 'https://verify.example.bg/?a=1&b=<2>' });
    });
    for (const svg of svgs) checkSelfContained(svg);
    const parsed = await parseInBrowser(svgs);
    parsed.forEach((p, i) => {
      expect(p.error, HOSTILE[i]).toBeNull();
      expect(p.root).toBe('http://www.w3.org/2000/svg svg');
      // What cannot be drawn shows as U+FFFD (the layout's normaliseText); whitespace and hyphens may differ by wrapping.
      const squash = (s: string) => s.replace(/\s+/g, ' ').replace(new RegExp(`${XML_FORBIDDEN.source}|[\u0000-\u001f\u007f-\u009f]`, 'g'), '\uFFFD').replace(/[\s-]+/g, '');
      const all = squash(p.texts.join(''));
      expect(all).toContain(squash(`${HOSTILE[i]!} title`.replace(/\s+/g, ' ')));
      expect(all).toContain(squash(`${HOSTILE[i]!} learner`));
      expect(p.title).toContain('title');
    });
  }, 60_000);

  it('is well-formed for random credentials in several languages', async () => {
    const svgs = fc.sample(fc.tuple(validMicroCredential, fc.constantFrom('el', 'bg', 'de', 'pt', 'en', 'fi')), { numRuns: 60, seed: 16 }).map(([mc, lang]) => renderSvg(mc, { lang, verifyUrl: 'https://verify.example.eu/c?id=1&x=2' }));
    for (const svg of svgs) checkSelfContained(svg);
    const parsed = await parseInBrowser(svgs);
    for (const p of parsed) {
      expect(p.error).toBeNull();
      expect(p.texts.length).toBeGreaterThan(10);
    }
  }, 60_000);
});
