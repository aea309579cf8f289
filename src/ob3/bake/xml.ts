/**
 * A small XML tokenizer for baked SVG images: enough of XML 1.0 to find elements and their
 * attributes by position, so that baking can edit an SVG without rewriting the rest of it.
 *
 * It reads the prolog (XML declaration, comments, processing instructions, a DOCTYPE with its
 * internal subset), then tags, text, comments, CDATA sections and processing instructions, and
 * checks that every tag closes and that end tags match their start tags; it does not check the
 * full grammar (name characters, character ranges, entity references outside the element read).
 * It never expands entities declared in a DTD (no "billion laughs"). One pass, no recursion: its
 * cost is linear in the text whatever the nesting. Why not `fast-xml-parser`: it reports no
 * positions, and baking must leave every byte it does not change as it was.
 * @module
 */

/** An attribute as written: its name and its value between the quotes, entities not decoded. */
export interface XmlAttribute {
  readonly name: string;
  readonly value: string;
}

/** A start tag (or empty-element tag): where it starts, where its `>` or `/>` is, where it ends. */
export interface StartTag {
  readonly name: string;
  readonly start: number;
  /** The index of `/>` (an empty-element tag) or `>`. */
  readonly close: number;
  readonly end: number;
  readonly selfClosing: boolean;
  readonly attributes: readonly XmlAttribute[];
}

/** What the tokenizer meets after the prolog, in document order. Text and CDATA are ranges of the input. */
export type XmlEvent =
  | { readonly kind: 'start'; readonly tag: StartTag }
  | { readonly kind: 'end'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'text' | 'cdata'; readonly start: number; readonly end: number };

/** XML 1.0 §2.3: space, tab, CR, LF. */
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** Characters that end a name here: whitespace and `/ > = < ' " ! ? & ;` (names are not checked further). */
const ENDS_NAME = /* @__PURE__ */ (() => {
  const table = new Uint8Array(128);
  for (const c of ' \t\r\n/>=<\'"!?&;') table[c.charCodeAt(0)] = 1;
  return table;
})();

/** "line L, column C" of an index, for messages. */
export function placeOf(text: string, at: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${at - lineStart + 1}`;
}

class XmlError {
  constructor(
    readonly at: number,
    readonly what: string,
  ) {}
}

function skipWs(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

function nameAt(text: string, at: number): string | undefined {
  let end = at;
  for (let c = text.charCodeAt(end); end < text.length && (c >= 128 || ENDS_NAME[c] === 0); c = text.charCodeAt(++end));
  return end === at ? undefined : text.slice(at, end);
}

/** The index just after `close`, searched from `from`; an error naming `what` when it is missing. */
function after(text: string, from: number, close: string, what: string, start: number): number {
  const i = text.indexOf(close, from);
  if (i < 0) throw new XmlError(start, `${what} that does not close with "${close}"`);
  return i + close.length;
}

/** A DOCTYPE declaration, with its quoted identifiers and internal subset (whose comments and literals may hold `]` or `>`). */
function skipDoctype(text: string, start: number): number {
  let i = start + 9;
  let inSubset = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") i = after(text, i + 1, c, 'A DOCTYPE literal', i);
    else if (inSubset && text.startsWith('<!--', i)) i = after(text, i + 4, '-->', 'A comment', i);
    else if (c === '[' && !inSubset) (inSubset = true), i++;
    else if (c === ']' && inSubset) (inSubset = false), i++;
    else if (c === '>' && !inSubset) return i + 1;
    else i++;
  }
  throw new XmlError(start, 'A DOCTYPE declaration that does not close');
}

/** Comments, processing instructions, a DOCTYPE and whitespace before the root; the index of the root's `<`. */
function skipProlog(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    i = skipWs(text, i);
    if (text.startsWith('<!--', i)) i = after(text, i + 4, '-->', 'A comment', i);
    else if (text.startsWith('<?', i)) i = after(text, i + 2, '?>', 'A processing instruction', i);
    else if (text.startsWith('<!DOCTYPE', i)) i = skipDoctype(text, i);
    else if (text[i] === '<' && nameAt(text, i + 1) !== undefined) return i;
    else throw new XmlError(i, i >= text.length ? 'No root element' : 'Text before the root element');
  }
}

/** A start tag from its `<`: the name, then attributes (`name="…"` or `name='…'`), then `>` or `/>`. */
function startTag(text: string, start: number, name: string): StartTag {
  const attributes: XmlAttribute[] = [];
  // Made at the second attribute: most tags have none or one, and a deep document has millions of tags.
  let seen: Set<string> | undefined;
  let i = start + 1 + name.length;
  for (;;) {
    const beforeWs = i;
    i = skipWs(text, i);
    if (text[i] === '>') return { name, start, close: i, end: i + 1, selfClosing: false, attributes };
    if (text.startsWith('/>', i)) return { name, start, close: i, end: i + 2, selfClosing: true, attributes };
    const attr = nameAt(text, i);
    if (attr === undefined || i === beforeWs) throw new XmlError(i, `The tag <${name}> is malformed (an attribute or its spacing)`);
    if (attributes.length === 1) seen = new Set([attributes[0]!.name]);
    if (seen?.has(attr)) throw new XmlError(i, `The tag <${name}> has the attribute ${attr} twice`);
    seen?.add(attr);
    i = skipWs(text, i + attr.length);
    if (text[i] !== '=') throw new XmlError(i, `The attribute ${attr} of <${name}> has no value`);
    i = skipWs(text, i + 1);
    const quote = text[i];
    if (quote !== '"' && quote !== "'") throw new XmlError(i, `The value of the attribute ${attr} of <${name}> is not quoted`);
    const close = text.indexOf(quote, i + 1);
    if (close < 0) throw new XmlError(i, `The value of the attribute ${attr} of <${name}> does not close`);
    const value = text.slice(i + 1, close);
    if (value.includes('<')) throw new XmlError(i, `The value of the attribute ${attr} of <${name}> holds a "<"`);
    attributes.push({ name: attr, value });
    i = close + 1;
  }
}

/** An end tag from its `<`: `</name>` with optional whitespace before `>`. */
function endTag(text: string, start: number, open: string | undefined): { name: string; end: number } {
  const name = nameAt(text, start + 2);
  const close = name === undefined ? start + 2 : skipWs(text, start + 2 + name.length);
  if (name === undefined || text[close] !== '>') throw new XmlError(start, 'A malformed end tag');
  if (name !== open) throw new XmlError(start, open === undefined ? `The end tag </${name}> closes no element` : `The end tag </${name}> does not match <${open}>`);
  return { name, end: close + 1 };
}

/** The root element and everything in it, as events; then only comments, processing instructions and whitespace. */
function content(text: string, root: number, onEvent: (event: XmlEvent) => void): void {
  const open: string[] = [];
  let name: string | undefined;
  let i = root;
  do {
    const lt = text.indexOf('<', i);
    if (lt < 0) throw new XmlError(i, `The element <${open[open.length - 1]}> does not close`);
    if (lt > i) onEvent({ kind: 'text', start: i, end: lt });
    if (text.startsWith('<!--', lt)) i = after(text, lt + 4, '-->', 'A comment', lt);
    else if (text.startsWith('<![CDATA[', lt)) {
      i = after(text, lt + 9, ']]>', 'A CDATA section', lt);
      onEvent({ kind: 'cdata', start: lt + 9, end: i - 3 });
    } else if (text.startsWith('<?', lt)) i = after(text, lt + 2, '?>', 'A processing instruction', lt);
    else if (text.startsWith('</', lt)) {
      const end = endTag(text, lt, open.pop());
      onEvent({ kind: 'end', name: end.name, start: lt, end: end.end });
      i = end.end;
    } else if ((name = nameAt(text, lt + 1)) !== undefined) {
      const tag = startTag(text, lt, name);
      onEvent({ kind: 'start', tag });
      if (tag.selfClosing) onEvent({ kind: 'end', name: tag.name, start: tag.end, end: tag.end });
      else open.push(tag.name);
      i = tag.end;
    } else throw new XmlError(lt, 'A "<" that starts no tag, comment or CDATA section');
  } while (open.length > 0);
  for (;;) {
    i = skipWs(text, i);
    if (i >= text.length) return;
    if (text.startsWith('<!--', i)) i = after(text, i + 4, '-->', 'A comment', i);
    else if (text.startsWith('<?', i)) i = after(text, i + 2, '?>', 'A processing instruction', i);
    else throw new XmlError(i, 'Content after the root element');
  }
}

/**
 * Tokenizes `text`, calling `onEvent` for each tag, text run and CDATA section from the root
 * element on (in document order; an empty-element tag gives a start and an end). Returns
 * `undefined` when the text reads to its end, or what is wrong and where. A visitor may stop the
 * walk by throwing; what it throws is passed on.
 */
export function tokenizeXml(text: string, onEvent: (event: XmlEvent) => void): string | undefined {
  try {
    content(text, skipProlog(text), onEvent);
    return undefined;
  } catch (e) {
    if (e instanceof XmlError) return `${e.what} (${placeOf(text, e.at)}).`;
    throw e;
  }
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0 §2.2: the characters a character reference may name. */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * Text with its references decoded: the five predefined entities and character references
 * (`&#123;`, `&#x7B;`). Anything else after `&` (an entity a DTD would have to declare, a bare `&`)
 * is an error message.
 */
export function decodeReferences(raw: string): { ok: true; text: string } | { ok: false; message: string } {
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
    const semi = raw.indexOf(';', amp);
    const ref = semi < 0 ? '' : raw.slice(amp + 1, semi);
    let value = Object.hasOwn(PREDEFINED, ref) ? PREDEFINED[ref] : undefined;
    const num = ref[0] === '#' ? /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref) : null;
    if (num) {
      const cp = num[1] !== undefined ? parseInt(num[1], 16) : parseInt(num[2]!, 10);
      if (isXmlChar(cp)) value = String.fromCodePoint(cp);
    }
    if (value === undefined) {
      const shown = semi < 0 || semi - amp > 20 ? raw.slice(amp, amp + 12) : raw.slice(amp, semi + 1);
      return { ok: false, message: `"${shown}" is not a predefined entity or a character reference` };
    }
    out += raw.slice(from, amp) + value;
    from = semi + 1;
  }
  return { ok: true, text: out + raw.slice(from) };
}
