/**
 * Where the renderer's bytes come from: the embedded font (Noto Sans Regular and Bold, SIL Open Font
 * License 1.1, from the Noto project's Latin-Greek-Cyrillic family) and, for the rasteriser, resvg's
 * WebAssembly module.
 *
 * Fonts given to `initRenderer` win. Otherwise, in Node, the font is read from `fonts/` next to the
 * built module (the build copies the two TTFs and the licence into `dist/fonts/`), or, when the
 * library runs from its sources (tests), from the `@expo-google-fonts/noto-sans` package. Node's
 * modules are loaded on first use only (`node/files.ts`), so that the module still loads in a
 * browser or a bundle for one; there, without fonts given, loading them is an error that says to
 * call `initRenderer({ fonts })`. Nothing is fetched.
 * @module
 */
import { moduleUrl, nodeFiles } from './node/files.js';

/**
 * The two faces of the embedded font, as TrueType (or OpenType) files.
 *
 * @example
 * const fonts: RenderFonts = { regular: await readFile('NotoSans-Regular.ttf'), bold: await readFile('NotoSans-Bold.ttf') };
 * await initRenderer({ fonts });
 */
export interface RenderFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The files of the font, as the build copies them next to the module and as the font package has them. */
const FONT_FILES = { regular: 'NotoSans_400Regular.ttf', bold: 'NotoSans_700Bold.ttf' } as const;
const FONT_PACKAGE = { regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf' } as const;

let given: RenderFonts | undefined;
let loaded: Promise<RenderFonts> | undefined;

/** The first 4 bytes of a TrueType (1.0 or 'true'), OpenType ('OTTO') or collection ('ttcf') file. */
const FONT_SIGNATURES = ['\x00\x01\x00\x00', 'true', 'OTTO', 'ttcf'];

/** Checks fonts given by a caller and copies them (later changes to the caller's arrays change nothing here). */
export function checkFonts(fonts: unknown, where: string): RenderFonts {
  if (typeof fonts !== 'object' || fonts === null || Array.isArray(fonts)) throw new TypeError(`${where} must be an object { regular: Uint8Array, bold: Uint8Array } (the two faces of a TrueType or OpenType font)`);
  const face = (name: 'regular' | 'bold'): Uint8Array => {
    let bytes: unknown;
    try {
      bytes = (fonts as Record<string, unknown>)[name];
    } catch (error) {
      throw new TypeError(`${where}.${name} could not be read (${String((error as { message?: unknown } | null)?.message ?? error)})`);
    }
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`${where}.${name} must be a Uint8Array (the bytes of a TrueType or OpenType font file)`);
    const signature = String.fromCharCode(...bytes.subarray(0, 4));
    if (bytes.length < 12 || !FONT_SIGNATURES.includes(signature)) throw new TypeError(`${where}.${name} is not a TrueType or OpenType font file (it does not start with one of their signatures)`);
    return bytes.slice();
  };
  return { regular: face('regular'), bold: face('bold') };
}

/** Sets the fonts every later rendering uses (from `initRenderer({ fonts })`); they win over the embedded ones. */
export function useFonts(fonts: RenderFonts): void {
  given = fonts;
}

async function loadFromNode(): Promise<RenderFonts> {
  const node = await nodeFiles();
  if (node === undefined) {
    throw new Error('The renderer has no fonts here: outside Node.js it cannot read its embedded font, so call initRenderer({ fonts: { regular, bold } }) first with the bytes of Noto Sans Regular and Bold (the package has them in dist/fonts/).');
  }
  const here = moduleUrl()!;
  const read = async (name: 'regular' | 'bold'): Promise<Uint8Array> => {
    try {
      return await node.readFile(new URL(`./fonts/${FONT_FILES[name]}`, here));
    } catch {
      // Running from the sources (tests): the font package, a development dependency.
      try {
        return await node.readFile(node.resolve(FONT_PACKAGE[name]));
      } catch {
        throw new Error(`The renderer cannot find its font: neither ${new URL(`./fonts/${FONT_FILES[name]}`, here).href} nor the package ${FONT_PACKAGE[name]} can be read. Reinstall eu-micro-credentials, or call initRenderer({ fonts: { regular, bold } }) with the bytes of Noto Sans Regular and Bold.`);
      }
    }
  };
  const [regular, bold] = await Promise.all([read('regular'), read('bold')]);
  return { regular, bold };
}

/**
 * The fonts to render with: those given to `initRenderer`, else (in Node) the embedded Noto Sans,
 * read once. In a browser without fonts given, an Error saying to call `initRenderer({ fonts })`.
 */
export function loadFonts(): Promise<RenderFonts> {
  if (given !== undefined) return Promise.resolve(given);
  loaded ??= loadFromNode().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
