/**
 * What to say in a message about a value or an error that may be hostile: short, and never a
 * second throw.
 * @module
 */

/** `a Uint8Array`, `a Date`, `undefined`, `NaN`, `a bigint`: what a non-JSON value is, for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'object' && typeof v !== 'function') return `a ${typeof v}`;
  if (typeof v === 'function') return 'a function';
  try {
    // Object.prototype.toString reads Symbol.toStringTag ("Uint8Array", "Map") and never calls
    // user code for built-in objects; a hostile object's own tag may throw, hence the catch.
    const tag = /^\[object (\w{1,40})\]$/.exec(Object.prototype.toString.call(v))?.[1];
    if (tag && tag !== 'Object') return `${/^[AEIO]/.test(tag) ? 'an' : 'a'} ${tag}`;
    const name: unknown = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === 'string' && /^\w{1,40}$/.test(name) ? `an instance of ${name}` : 'an object with a prototype';
  } catch {
    return 'an object that cannot be read';
  }
}

/** A short description of anything thrown, which may itself be hostile. */
export function describeError(e: unknown): string {
  try {
    if (e instanceof Error) return `${String(e.name)}: ${String(e.message)}`.slice(0, 300);
    return String(e).slice(0, 300);
  } catch {
    return 'an unprintable error';
  }
}

/** Shortens a value for an issue: huge base64 images must not flood a report. */
export function shorten(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
