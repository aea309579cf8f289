/**
 * Showing strings we do not control — file names, and values quoted from documents in findings —
 * on a terminal, in a CI log, in XML. Such a string may hold a newline (a forged report line), a
 * terminal escape (ESC, CSI as C1 U+009B: rewrites the screen or the window title), a bidi override
 * (U+202E: `txt.json` shown for `nosj.txt`), or start with `::` (a GitHub Actions workflow command,
 * `::error::…`, `::add-mask::`) or `##[` (the older spelling). Each is written as a visible escape.
 */

/**
 * Characters never written raw: C0 controls (newline and tab included), DEL, C1 controls, the bidi
 * marks, embeddings, overrides and isolates (Unicode UAX #9), the line and paragraph separators, the
 * byte order mark, the noncharacters U+FFFE/U+FFFF (not XML 1.0 characters), and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|\p{Cs}/gu;
const UNSAFE_ONE = new RegExp(UNSAFE.source, 'u');
/** The same set without the C0 controls, which JSON.stringify escapes already. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;
/** A workflow command of GitHub Actions (`::name::`, and the older `##[name]`), even after blanks. */
const WORKFLOW_COMMAND = /^(\s*)(:(?=:)|#(?=#\[))/;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');
const escapeChar = (c: string) => SHORT[c] ?? (c.charCodeAt(0) < 0x100 ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`);

/**
 * One line of text, safe to print: unsafe characters as `\n`, `\x1b`, `\u202e`, and a leading
 * `::` or `##[` with its first character escaped (`\x3a:error::…`).
 *
 * @example
 * safeText('a\nb\u001b[2J'); // 'a\\nb\\x1b[2J'
 * safeText('::error::forged'); // '\\x3a:error::forged'
 */
export function safeText(s: string): string {
  return s.replace(UNSAFE, escapeChar).replace(WORKFLOW_COMMAND, (_, blanks: string, c: string) => `${blanks}${escapeChar(c)}`);
}

/**
 * A file name as text shows it: as it is when that is safe, otherwise in double quotes with
 * JSON-like escapes, so that a name cannot pass for another one (`"a\nb.json"`).
 *
 * @example
 * safeName('credentials/a.json'); // 'credentials/a.json'
 * safeName('evil\u202Enosj.txt'); // '"evil\\u202enosj.txt"'
 */
export function safeName(name: string): string {
  if (!UNSAFE_ONE.test(name) && !name.startsWith('"') && !WORKFLOW_COMMAND.test(name)) return name;
  return `"${safeText(name.replace(/["\\]/g, (c) => `\\${c}`))}"`;
}

/** Text for XML 1.0 content and attribute values: {@link safeText}, then the five markup characters. */
export function xmlText(s: string): string {
  return safeText(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON text whose strings hold no terminal or bidi control: `JSON.stringify` escapes C0 controls and
 * lone surrogates; this escapes the rest of {@link safeText}'s set as `\uXXXX` too (the same data).
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (c) => `\\u${hex(c, 4)}`);
}

/** Several lines (commander's messages): each made safe on its own. */
export function safeLines(text: string): string {
  return text
    .split('\n')
    .map((line, i, all) => (i === all.length - 1 && line === '' ? '' : safeText(line)))
    .join('\n');
}
