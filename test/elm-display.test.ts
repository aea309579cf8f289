// toElm's pictures: one individualDisplay per language the credential carries, each an SVG page in
// its language, or the caller's pages per language (JPEG, as EDC makes them); checked against the
// EDC shapes (validateElm), read back by fromElm, and signed and verified in that form.
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { exportToElm, fromElm, normalizeForElm, renderCredentialSvg, toElm, type DisplayImage, type MicroCredential } from '../src/index.js';
import { validateElm } from '../src/validate-elm.js';
import { generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';

const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const LANGUAGE = 'http://publications.europa.eu/resource/authority/language/';
const ID = 'urn:uuid:2f0c1d6e-8b7a-4c39-9e51-6a2d4b8f0e13';

const base = validFixtures.find((f) => f.name === 'higher-education')!.doc as MicroCredential;
const withEidas = (mc: MicroCredential): MicroCredential => ({ ...mc, issuer: { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: mc.issuer.identifiers?.eidas ?? 'EIDAS-TEST-1' } } });
const en = (s: unknown) => (typeof s === 'string' ? s : (s as Record<string, string>).en!);

/** The credential in `langs` (the first primary): its title, learner-facing texts and bodies in each. */
function inLanguages(langs: readonly string[]): MicroCredential {
  const mc = withEidas(structuredClone(base));
  const title = en(mc.title);
  mc.primaryLanguage = langs[0]!;
  mc.title = Object.fromEntries(langs.map((l) => [l, `${title} (${l})`]));
  mc.learningOutcomes = mc.learningOutcomes.map((o) => ({ ...o, title: Object.fromEntries(langs.map((l) => [l, `${en(o.title)} (${l})`])) }));
  return mc;
}

/** The individual displays, always as an array (the EDC profile writes one as itself). */
const displays = (doc: Record<string, any>): any[] => [doc.displayParameter.individualDisplay].flat();
const pages = (display: any): any[] => [display.displayDetail].flat();
const decoded = (image: any) => Buffer.from(image.content, 'base64');

/** A real JPEG of a few pixels, in the colour given. */
function tinyJpeg(rgb: [number, number, number]): Uint8Array {
  const data = Buffer.alloc(8 * 8 * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...rgb, 255], i);
  return new Uint8Array(jpeg.encode({ data, width: 8, height: 8 }, 90).data);
}

describe('toElm(): one picture per language the credential carries', () => {
  it.each([[['en']], [['de', 'en']], [['el', 'bg', 'en']]] as const)('%j: an SVG page per language, the EDC shapes pass, fromElm reads it back', async (langs) => {
    const mc = inLanguages(langs);
    const doc: Record<string, any> = toElm(mc, { id: ID });
    expect(await validateElm(doc)).toEqual({ ok: true, issues: [] });
    const list = displays(doc);
    expect(list.map((d) => d.language.id)).toEqual(langs.map((l) => `${LANGUAGE}${({ en: 'ENG', de: 'DEU', el: 'ELL', bg: 'BUL' } as Record<string, string>)[l]}`));
    expect([doc.displayParameter.language].flat().map((c: any) => c.id)).toEqual(list.map((d) => d.language.id));
    expect(doc.displayParameter.primaryLanguage.id).toBe(list[0].language.id);
    list.forEach((d, i) => {
      expect(pages(d)).toHaveLength(1);
      const [page] = pages(d);
      expect(page.page).toBe(1);
      expect(page.image.contentType.id).toBe(`${FILE_TYPE}SVG`);
      const svg = decoded(page.image).toString('utf8');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(svg).toContain(`lang="${langs[i]}"`);
      expect(svg).toContain(`(${langs[i]})`); // the title in that language
      expect(svg).toBe(renderCredentialSvg(mc, langs[i]!));
    });
    // One language: written as itself (the canonical JSON-LD form); several: an array.
    expect(Array.isArray(doc.displayParameter.individualDisplay)).toBe(langs.length > 1);
    const back = await fromElm(doc);
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(back.value).toEqual(normalizeForElm({ id: ID, ...mc }));
  });

  it('the multilingual fixture: its languages (pt-BR is ELM\'s Portuguese), in the EBSI profile too', async () => {
    const mc = withEidas(validFixtures.find((f) => f.name === 'multilingual')!.doc as MicroCredential);
    const doc = toElm(mc);
    expect(await validateElm(doc)).toEqual({ ok: true, issues: [] });
    const ids = displays(doc).map((d) => d.language.id.replace(LANGUAGE, ''));
    expect(ids.slice(0, 3)).toEqual(['GLE', 'ENG', 'FRA']);
    expect(new Set(ids).size).toBe(ids.length);
    const ebsi = toElm(mc, { profile: 'ebsi' });
    expect((await validateElm(ebsi, { profile: 'ebsi' })).issues).toEqual([]);
    expect(ebsi.displayParameter).toMatchObject({ individualDisplay: expect.any(Array) });
  });

  it('names every display node after the credential (no blank nodes: a presentation of several copies canonicalises within its bound)', () => {
    const mc = { ...withEidas(base), title: { en: 'Data', de: 'Daten', 'pt-BR': 'Dados' } } as MicroCredential;
    const doc = toElm({ ...mc, id: ID }) as unknown as { displayParameter: { individualDisplay: { id: string; displayDetail: { id: string; image: { id: string } }[] }[] } };
    const ids = doc.displayParameter.individualDisplay.flatMap((d) => [d.id, ...[d.displayDetail].flat().flatMap((p) => [p.id, p.image.id])]);
    expect(ids).toContain(`${ID}#display-pt-BR-1-image`);
    expect(ids.every((i) => i.startsWith(`${ID}#display-`))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('signs and verifies with three pictures', async () => {
    const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(7) });
    const mc = inLanguages(['el', 'bg', 'en']);
    const doc = toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller } }, { id: ID });
    const signed = await signCredential(doc, { key });
    expect((await verifyCredential(signed)).verified).toBe(true);
  }, 60_000);
});

describe('toElm(): the caller\'s pictures', () => {
  const red = tinyJpeg([200, 0, 0]);
  const blue = tinyJpeg([0, 0, 200]);

  it('JPEG pages by language, as EDC makes them: the EDC shapes pass', async () => {
    const mc = inLanguages(['de', 'en']);
    const display = { de: { content: red, contentType: 'image/jpeg' as const }, en: [{ content: blue, contentType: 'image/jpeg' as const }, { content: red, contentType: 'image/jpeg' as const }] };
    const before = JSON.stringify(display, (_, v) => (v instanceof Uint8Array ? [...v] : v));
    const doc = toElm(mc, { id: ID, display });
    expect(await validateElm(doc)).toEqual({ ok: true, issues: [] });
    const list = displays(doc);
    expect(list.map((d) => d.language.id)).toEqual([`${LANGUAGE}DEU`, `${LANGUAGE}ENG`]);
    expect(pages(list[0]).map((p) => p.page)).toEqual([1]);
    expect(pages(list[1]).map((p) => p.page)).toEqual([1, 2]);
    expect([...decoded(pages(list[1])[0].image)]).toEqual([...blue]);
    expect([...decoded(pages(list[1])[1].image)]).toEqual([...red]);
    for (const d of list) for (const p of pages(d)) expect(p.image.contentType.id).toBe(`${FILE_TYPE}JPEG`);
    expect(JSON.stringify(display, (_, v) => (v instanceof Uint8Array ? [...v] : v))).toBe(before);
    expect((await fromElm(doc)).value).toEqual(normalizeForElm({ id: ID, ...mc }));
  });

  it('one image, as before: the primary language\'s only picture', async () => {
    const mc = inLanguages(['de', 'en']);
    const doc: Record<string, any> = toElm(mc, { id: ID, display: { content: red, contentType: 'image/jpeg' } });
    expect(await validateElm(doc)).toEqual({ ok: true, issues: [] });
    const list = displays(doc);
    expect(list).toHaveLength(1);
    expect(list[0].language.id).toBe(`${LANGUAGE}DEU`);
    expect([...decoded(pages(list[0])[0].image)]).toEqual([...red]);
    // The languages the credential is available in are still all listed.
    expect(doc.displayParameter.language.map((c: any) => c.id)).toEqual([`${LANGUAGE}DEU`, `${LANGUAGE}ENG`]);
  });

  it.each([
    ['not an object', 5, /options\.display must be an image/],
    ['an array', [], /options\.display must be an image/],
    ['no picture', {}, /has no picture/],
    ['content not bytes', { content: 'abc', contentType: 'image/png' }, /options\.display\.content must be a Uint8Array/],
    ['an unknown media type', { content: new Uint8Array(1), contentType: 'image/gif' }, /options\.display\.contentType must be one of/],
    ['an unknown language', { xx: { content: new Uint8Array(1), contentType: 'image/png' } }, /options\.display\["xx"\]: "xx" is not a language tag/],
    ['not a tag', { 'not a tag': { content: new Uint8Array(1), contentType: 'image/png' } }, /not a language tag/],
    ['one language twice', { pt: { content: new Uint8Array(1), contentType: 'image/png' }, 'pt-BR': { content: new Uint8Array(1), contentType: 'image/png' } }, /"pt-BR" and "pt" are one language/],
    ['no pages', { en: [] }, /options\.display\["en"\] must be an image or an array of 1 to 100/],
    ['a bad page', { en: [{ content: new Uint8Array(1), contentType: 'image/png' }, null] }, /options\.display\["en"\]\[1\] must be an object/],
    ['a page without its type', { de: { content: new Uint8Array(1) } }, /options\.display\["de"\]\.contentType/],
  ])('a malformed display (%s) is a TypeError naming the member, before any work', (_, display, message) => {
    expect(() => exportToElm({}, { display: display as never })).toThrow(TypeError);
    expect(() => exportToElm({}, { display: display as never })).toThrow(message);
  });

  it('a display whose getters throw is a TypeError too, and the caller\'s objects are read, never changed', () => {
    const trap = new Proxy({}, { has: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
    expect(() => exportToElm({}, { display: trap as never })).toThrow(/options\.display could not be read \(boom\)/);
    const getter = { get content(): Uint8Array { throw new RangeError('no'); }, contentType: 'image/png' };
    expect(() => exportToElm({}, { display: getter as never })).toThrow(TypeError);
    const frozen = Object.freeze({ en: Object.freeze([Object.freeze({ content: red, contentType: 'image/jpeg' as const })]) });
    expect(exportToElm(inLanguages(['en']), { display: frozen }).ok).toBe(true);
  });

  it('a Buffer is bytes too', () => {
    const image: DisplayImage = { content: Buffer.from(red), contentType: 'image/jpeg' };
    expect(exportToElm(inLanguages(['en']), { display: { en: image } }).ok).toBe(true);
  });
});
