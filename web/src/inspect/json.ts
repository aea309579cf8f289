/**
 * Small readers the checking core shares, for browsers and Node alike (no Buffer): UTF-8 text,
 * base64url, and JSON read strictly (an object with two members of the same name is refused: JSON
 * parsers differ on which one counts, so such a file could show one thing and have another signed).
 */

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The bytes as UTF-8 text (a byte order mark dropped), or `undefined` when they are not UTF-8. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** Unpadded or padded base64url (or base64) to bytes; `undefined` when it is not. */
export function base64UrlBytes(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_+/-]*={0,2}$/.test(text)) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (b64.length % 4 === 1) return undefined;
  try {
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/** The JSON a base64url segment holds, or `undefined`. */
export function base64UrlJson(text: string): unknown {
  const bytes = base64UrlBytes(text);
  const json = bytes === undefined ? undefined : utf8(bytes);
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The JSON Pointer of the first object holding a member name twice (`/credentialSubject`, '' for
 * the top), or `undefined` when there is none. Assumes text JSON.parse accepted.
 */
export function duplicateName(json: string): { pointer: string; name: string } | undefined {
  // One frame per open object (its names and the name being read) or array (its index).
  type Frame = { names: Set<string>; key: string } | { index: number };
  const frames: Frame[] = [];
  const pointerOf = () =>
    frames
      .slice(0, -1)
      .map((f) => `/${'names' in f ? f.key.replace(/~/g, '~0').replace(/\//g, '~1') : String(f.index)}`)
      .join('');
  let nameNext = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (end < json.length && json.charCodeAt(end) !== 0x22) end += json.charCodeAt(end) === 0x5c ? 2 : 1;
      const top = frames[frames.length - 1];
      if (nameNext && top !== undefined && 'names' in top) {
        const raw = json.slice(i + 1, end);
        let name = raw;
        if (raw.includes('\\')) {
          try {
            name = JSON.parse(`"${raw}"`) as string;
          } catch {
            name = raw;
          }
        }
        if (top.names.has(name)) return { pointer: pointerOf(), name };
        top.names.add(name);
        top.key = name;
      }
      nameNext = false;
      i = end;
    } else if (c === 0x7b) {
      frames.push({ names: new Set(), key: '' });
      nameNext = true;
    } else if (c === 0x5b) {
      frames.push({ index: 0 });
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
    } else if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (top !== undefined && 'index' in top) top.index++;
      nameNext = top !== undefined && 'names' in top;
    }
  }
  return undefined;
}

/** JSON text read strictly: the value, or why not (not JSON; a member name twice). */
export function readJson(text: string): { ok: true; value: unknown } | { ok: false; code: 'not-json' | 'duplicate'; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message.slice(0, 160) : 'syntax error';
    return { ok: false, code: 'not-json', message: `It is not valid JSON (${detail}).` };
  }
  const twice = duplicateName(text);
  if (twice !== undefined) {
    return { ok: false, code: 'duplicate', message: `The object at ${twice.pointer || 'the top'} has the member "${twice.name}" twice: programs differ on which one counts, so what is shown could differ from what was signed.` };
  }
  return { ok: true, value };
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
