/**
 * Duplicate member names in JSON text, which readers resolve differently.
 * @module
 */

/**
 * Whether JSON text (that `JSON.parse` read) has an object with two members of the same name,
 * compared after unescaping (`"iss"` and `"\\u0069ss"` are one name). `JSON.parse` keeps the last
 * one and other parsers the first, so such a header, payload or disclosure could be read one way
 * and signed, checked or shown another (RFC 7515 §5.2, RFC 8259 §4): it is refused. One pass, no
 * recursion.
 *
 * @example
 * hasDuplicateNames('{"alg":"none","alg":"ES256"}'); // true
 * hasDuplicateNames('{"a":{"a":1},"b":"a"}'); // false
 */
export function hasDuplicateNames(json: string): boolean {
  const objects: (Set<string> | undefined)[] = []; // one entry per open object (a Set) or array (undefined)
  let nameNext = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      let end = i + 1;
      while (json.charCodeAt(end) !== 0x22) end += json.charCodeAt(end) === 0x5c ? 2 : 1;
      const names = objects[objects.length - 1];
      if (nameNext && names !== undefined) {
        const raw = json.slice(i + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (names.has(name)) return true;
        names.add(name);
      }
      nameNext = false;
      i = end;
    } else if (c === 0x7b) {
      objects.push(new Set());
      nameNext = true;
    } else if (c === 0x5b) {
      objects.push(undefined);
    } else if (c === 0x7d || c === 0x5d) {
      objects.pop();
    } else if (c === 0x2c) {
      nameNext = objects[objects.length - 1] !== undefined;
    }
  }
  return false;
}
