/**
 * The WHATWG `URL` parser, reached through `globalThis`: every runtime the library targets has it,
 * but the core compiles without DOM or Node types, and src/types/web.d.ts does not declare it.
 * @module
 */

/** The parts of a parsed URL read here. */
export interface ParsedUrl {
  readonly host: string;
  readonly pathname: string;
}

type UrlConstructor = new (url: string) => ParsedUrl;

/** `text` parsed as an absolute URL, or `undefined` when it is not one. */
export function parseUrl(text: string): ParsedUrl | undefined {
  try {
    return new (globalThis as unknown as { URL: UrlConstructor }).URL(text);
  } catch {
    return undefined;
  }
}
