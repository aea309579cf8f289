/**
 * Baked SVG images (OB 3.0, "Baked Badge", SVG): the `openbadges` prefix bound to
 * `https://purl.imsglobal.org/ob/v3p0` on the root `<svg>`, and right after its start tag one
 * `<openbadges:credential>` element, with a `verify` attribute holding the compact JWS (VC-JWT) or
 * the credential JSON in a CDATA section (embedded proof).
 * @module
 */
import { decodeReferences, placeOf, type StartTag, tokenizeXml, type XmlEvent } from './xml.js';

/** OB 3.0, "Baked Badge", SVG: the namespace of the `credential` element. */
export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
/** Open Badges 2.0 baking: the namespace of an `assertion` element (named in messages, not read). */
const OB2_SVG_NAMESPACE = 'http://openbadges.org';
const PREFIX = 'openbadges';

/** A credential element: its range in the text, its start tag, and (for the first one) its content. */
export interface CredentialElement {
  readonly tag: StartTag;
  readonly start: number;
  end: number;
  /** Text runs (references not decoded) and CDATA sections of the content, in order. */
  readonly pieces: { kind: 'text' | 'cdata'; start: number; end: number }[];
  /** The name of the first child element, if any (the content must be text). */
  child?: string;
}

/** The root start tag, the credential elements (outermost ones, in document order), and whether an OB 2.0 assertion was seen. */
export type SvgScan = { ok: true; root: StartTag; elements: CredentialElement[]; ob2: boolean } | { ok: false; message: string };

/** The scope of an element that declares no namespace: shared, so that deep nesting costs no array per element. */
const NONE: string[] = [];
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/**
 * Finds the credential elements of an SVG text: elements whose local name is `credential` and
 * whose prefix (or default namespace) is bound to the OB 3.0 namespace where they stand, by any
 * prefix (XML Namespaces 1.0 §6). Bindings are kept per prefix as stacks, so the walk stays
 * linear however deep the nesting.
 */
export function scanSvg(text: string): SvgScan {
  const bindings = new Map<string, string[]>();
  const scopes: string[][] = [];
  const elements: CredentialElement[] = [];
  let root: StartTag | undefined;
  let ob2 = false;
  let current: CredentialElement | undefined;
  let currentDepth = -1;

  const resolve = (name: string): string | undefined => {
    const colon = name.indexOf(':');
    const stack = bindings.get(colon < 0 ? '' : name.slice(0, colon));
    return stack?.[stack.length - 1];
  };
  const onStart = (tag: StartTag): void => {
    root ??= tag;
    let pushed = NONE;
    for (const { name, value } of tag.attributes) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      if (pushed === NONE) pushed = [];
      const prefix = name === 'xmlns' ? '' : name.slice(6);
      const uri = decodeReferences(value);
      let stack = bindings.get(prefix);
      if (stack === undefined) bindings.set(prefix, (stack = []));
      stack.push(uri.ok ? uri.text : value);
      pushed.push(prefix);
    }
    scopes.push(pushed);
    const local = localName(tag.name);
    if (current !== undefined) current.child ??= tag.name;
    else if (local === 'credential' && resolve(tag.name) === OB3_SVG_NAMESPACE) {
      current = { tag, start: tag.start, end: tag.end, pieces: [] };
      currentDepth = scopes.length;
      elements.push(current);
    } else if (local === 'assertion' && resolve(tag.name) === OB2_SVG_NAMESPACE) ob2 = true;
  };
  const onEvent = (event: XmlEvent): void => {
    if (event.kind === 'start') return onStart(event.tag);
    if (event.kind === 'end') {
      if (current !== undefined && scopes.length === currentDepth) {
        current.end = event.end;
        current = undefined;
      }
      for (const prefix of scopes.pop()!) bindings.get(prefix)!.pop();
      return;
    }
    // Only the first element's content is read; the others are removed or ignored whole.
    if (current !== undefined && current === elements[0]) current.pieces.push({ kind: event.kind, start: event.start, end: event.end });
  };

  const error = tokenizeXml(text, onEvent);
  if (error !== undefined) return { ok: false, message: error };
  if (root === undefined || localName(root.name) !== 'svg') return { ok: false, message: `Its root element is <${root?.name ?? ''}>, not <svg>.` };
  return { ok: true, root, elements, ob2 };
}

/** What the first credential element holds: the raw credential text and where it came from, or why it cannot be read. */
export type SvgCredentialText = { ok: true; text: string; from: 'verify' | 'content'; where: string } | { ok: false; message: string };

/** XML 1.0 §3.3.3: an attribute value's references decoded and its tabs and line ends read as spaces. */
function attributeValue(raw: string): { ok: true; text: string } | { ok: false; message: string } {
  const decoded = decodeReferences(raw.replace(/[\t\n\r]/g, ' '));
  return decoded.ok ? { ok: true, text: decoded.text } : decoded;
}

/** The text of the first credential element: its `verify` attribute, or its text and CDATA content. */
export function svgCredentialText(text: string, element: CredentialElement): SvgCredentialText {
  const where = `the <${element.tag.name}> element at ${placeOf(text, element.start)}`;
  if (element.child !== undefined) return { ok: false, message: `${where} holds a child element <${element.child}>; its content must be text or CDATA` };
  let content = '';
  for (const piece of element.pieces) {
    const raw = text.slice(piece.start, piece.end);
    if (piece.kind === 'cdata') content += raw;
    else {
      const decoded = decodeReferences(raw);
      if (!decoded.ok) return { ok: false, message: `the content of ${where}: ${decoded.message}` };
      content += decoded.text;
    }
  }
  const verify = element.tag.attributes.find((a) => a.name === 'verify');
  if (verify === undefined) return { ok: true, text: content, from: 'content', where };
  if (/[^ \t\r\n]/.test(content)) return { ok: false, message: `${where} has both a verify attribute and content; OB 3.0 puts a VC-JWT in the attribute or an embedded-proof credential in the content, not both` };
  const value = attributeValue(verify.value);
  if (!value.ok) return { ok: false, message: `the verify attribute of ${where}: ${value.message}` };
  return { ok: true, text: value.text, from: 'verify', where: `the verify attribute of ${where}` };
}

/** The credential element to write: the JWS in `verify`, or the JSON in CDATA, `]]>` split across two sections. */
function credentialElement(text: string, form: 'json' | 'jws'): string {
  const name = `${PREFIX}:credential`;
  // A compact JWS is base64url and dots: nothing in it needs escaping in an attribute.
  if (form === 'jws') return `<${name} verify="${text}"></${name}>`;
  return `<${name}><![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]></${name}>`;
}

/**
 * A new SVG text: the `xmlns:openbadges` declaration added to the root start tag (unless it is
 * there with the OB 3.0 namespace), every credential element removed, and the new one written
 * directly after the root start tag. Everything else stays as it was. A `TypeError` when the root
 * binds `openbadges` to another namespace (an Open Badges 2.0 image: `http://openbadges.org`).
 */
export function bakeSvg(text: string, scan: Extract<SvgScan, { ok: true }>, credential: string, form: 'json' | 'jws'): string {
  const { root, elements } = scan;
  const declared = root.attributes.find((a) => a.name === `xmlns:${PREFIX}`);
  const declaredUri = declared === undefined ? undefined : attributeValue(declared.value);
  if (declared !== undefined && !(declaredUri?.ok === true && declaredUri.text === OB3_SVG_NAMESPACE)) {
    throw new TypeError(`bakeBadge: the root <${root.name}> binds the prefix "${PREFIX}" to "${declared.value}", not to ${OB3_SVG_NAMESPACE}; an Open Badges 2.0 image must have its assertion and that declaration removed first.`);
  }
  const declaration = declared === undefined ? ` xmlns:${PREFIX}="${OB3_SVG_NAMESPACE}"` : '';
  const element = credentialElement(credential, form);
  const parts = [text.slice(0, root.close), declaration];
  if (root.selfClosing) parts.push('>', element, `</${root.name}>`, text.slice(root.end));
  else {
    parts.push(text.slice(root.close, root.end), element);
    let at = root.end;
    for (const e of elements) {
      parts.push(text.slice(at, e.start));
      at = e.end;
    }
    parts.push(text.slice(at));
  }
  return parts.join('');
}
