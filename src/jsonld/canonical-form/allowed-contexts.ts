/**
 * The contexts a document may name (canonical-form check): URLs of allowed contexts only, each
 * once, at the top of a credential or presentation; no inline context, nor a remote one inside it.
 */
import { pointerSegment as seg } from '../../json/pointer.js';
import type { JsonValue } from '../../json/types.js';
import { type ActiveContext, processUrls } from './contexts.js';
import type { Problems } from './problems.js';

/** The URLs of a `@context` value, or undefined (with problems) when it is not a list of allowed URLs. */
export function contextUrls(p: Problems, value: JsonValue, pointer: string): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const urls: string[] = [];
  const named = new Set<string>();
  let ok = true;
  if (list.length > 64) {
    p.add('VC_CONTEXT_NOT_ALLOWED', pointer, `${list.length} contexts: a document names a few.`);
    return undefined;
  }
  list.forEach((item, i) => {
    const where = Array.isArray(value) ? pointer + seg(i) : pointer;
    if (typeof item === 'string') {
      if (!p.options.allowedContexts.has(item)) {
        p.add('VC_CONTEXT_NOT_BUNDLED', where, `The context ${JSON.stringify(item)} is not bundled (nor passed in \`documents\`); nothing was fetched.`);
        ok = false;
      } else if (named.has(item)) {
        p.notCanonical(where, `The context ${JSON.stringify(item)} is named twice.`);
        ok = false;
      } else {
        named.add(item);
        urls.push(item);
      }
      return;
    }
    ok = false;
    // A remote context inside an inline one is reported as such: it is the part that would be fetched.
    if (!remote(p, item, where)) {
      p.add('VC_CONTEXT_NOT_ALLOWED', where, `An inline context (${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}): it can rename or redefine terms after signing; only the URLs of bundled contexts (or of contexts passed in \`documents\`) are allowed.`);
    }
  });
  if (Array.isArray(value) && value.length === 0) {
    p.add('VC_CONTEXT_NOT_ALLOWED', pointer, 'An empty `@context`.');
    ok = false;
  }
  return ok ? urls : undefined;
}

/** Reports the URLs inside `value` that are not allowed (VC_CONTEXT_NOT_BUNDLED); whether there were any. */
export function remote(p: Problems, value: JsonValue, where: string): boolean {
  const urls = typeof value === 'string' ? [{ url: value, pointer: '' }] : remoteUrlsIn(value);
  let found = false;
  for (const url of urls) {
    if (p.options.allowedContexts.has(url.url)) continue;
    p.add('VC_CONTEXT_NOT_BUNDLED', where + url.pointer, `The context ${JSON.stringify(url.url)} is not bundled (nor passed in \`documents\`); nothing was fetched.`);
    found = true;
  }
  return found;
}

/** The active context after the contexts of `value` (a document's `@context`), or undefined (with problems). */
export async function withContexts(p: Problems, parent: ActiveContext | undefined, value: JsonValue, pointer: string): Promise<ActiveContext | undefined> {
  const urls = contextUrls(p, value, pointer);
  if (!urls) return undefined;
  p.ob3 = urls.some((u) => p.options.ob3Contexts?.has(u) === true);
  const cacheable = urls.every((u) => p.options.staticContexts.has(u));
  try {
    return await processUrls(urls, p.options.documentLoader, cacheable, parent);
  } catch (error) {
    p.add('VC_CONTEXT_NOT_ALLOWED', pointer, `The contexts cannot be combined: ${error instanceof Error ? error.message.slice(0, 200) : 'context processing failed'}.`);
    return undefined;
  }
}

/** The URLs named anywhere inside an inline context (`@context` values, `@import`), with pointers. */
function remoteUrlsIn(value: JsonValue, pointer = '', depth = 0): { url: string; pointer: string }[] {
  if (depth > 32 || value === null || typeof value !== 'object') return [];
  const out: { url: string; pointer: string }[] = [];
  const entries: [string | number, JsonValue][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, item] of entries) {
    if ((key === '@context' || key === '@import' || typeof key === 'number') && typeof item === 'string') out.push({ url: item, pointer: pointer + seg(key) });
    else if (key === '@context' && Array.isArray(item)) item.forEach((v, i) => (typeof v === 'string' ? out.push({ url: v, pointer: pointer + seg(key) + seg(i) }) : out.push(...remoteUrlsIn(v, pointer + seg(key) + seg(i), depth + 1))));
    else if (typeof item === 'object') out.push(...remoteUrlsIn(item, pointer + seg(key), depth + 1));
  }
  return out;
}
