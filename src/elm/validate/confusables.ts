/**
 * Keys that look like a term but are not: a Greek capital iota in `eIDASΙdentifier`, a Cyrillic `а`,
 * a zero-width space, another case, a trailing space. JSON-LD (and a JSON Schema) sees a different
 * key and drops or refuses it; people see the term. The issue says which character differs.
 */

/** Names of the characters most often mistaken for Latin letters or not seen at all (Unicode names). */
const NAMES: Readonly<Record<string, string>> = {
  '\u0020': 'SPACE',
  '\u00a0': 'NO-BREAK SPACE',
  '\u0009': 'CHARACTER TABULATION',
  '\u200b': 'ZERO WIDTH SPACE',
  '\u200c': 'ZERO WIDTH NON-JOINER',
  '\u200d': 'ZERO WIDTH JOINER',
  '\u2060': 'WORD JOINER',
  '\ufeff': 'ZERO WIDTH NO-BREAK SPACE',
  '\u00ad': 'SOFT HYPHEN',
  '\u0391': 'GREEK CAPITAL LETTER ALPHA', '\u0392': 'GREEK CAPITAL LETTER BETA', '\u0395': 'GREEK CAPITAL LETTER EPSILON',
  '\u0396': 'GREEK CAPITAL LETTER ZETA', '\u0397': 'GREEK CAPITAL LETTER ETA', '\u0399': 'GREEK CAPITAL LETTER IOTA',
  '\u039a': 'GREEK CAPITAL LETTER KAPPA', '\u039c': 'GREEK CAPITAL LETTER MU', '\u039d': 'GREEK CAPITAL LETTER NU',
  '\u039f': 'GREEK CAPITAL LETTER OMICRON', '\u03a1': 'GREEK CAPITAL LETTER RHO', '\u03a4': 'GREEK CAPITAL LETTER TAU',
  '\u03a5': 'GREEK CAPITAL LETTER UPSILON', '\u03a7': 'GREEK CAPITAL LETTER CHI', '\u03bf': 'GREEK SMALL LETTER OMICRON',
  '\u03b1': 'GREEK SMALL LETTER ALPHA', '\u03b9': 'GREEK SMALL LETTER IOTA', '\u03bd': 'GREEK SMALL LETTER NU',
  '\u0410': 'CYRILLIC CAPITAL LETTER A', '\u0412': 'CYRILLIC CAPITAL LETTER VE', '\u0415': 'CYRILLIC CAPITAL LETTER IE',
  '\u041a': 'CYRILLIC CAPITAL LETTER KA', '\u041c': 'CYRILLIC CAPITAL LETTER EM', '\u041d': 'CYRILLIC CAPITAL LETTER EN',
  '\u041e': 'CYRILLIC CAPITAL LETTER O', '\u0420': 'CYRILLIC CAPITAL LETTER ER', '\u0421': 'CYRILLIC CAPITAL LETTER ES',
  '\u0422': 'CYRILLIC CAPITAL LETTER TE', '\u0425': 'CYRILLIC CAPITAL LETTER HA', '\u0406': 'CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I',
  '\u0430': 'CYRILLIC SMALL LETTER A', '\u0435': 'CYRILLIC SMALL LETTER IE', '\u043e': 'CYRILLIC SMALL LETTER O',
  '\u0440': 'CYRILLIC SMALL LETTER ER', '\u0441': 'CYRILLIC SMALL LETTER ES', '\u0443': 'CYRILLIC SMALL LETTER U',
  '\u0445': 'CYRILLIC SMALL LETTER HA', '\u0456': 'CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I', '\u0458': 'CYRILLIC SMALL LETTER JE',
  '\u0455': 'CYRILLIC SMALL LETTER DZE', '\u0501': 'CYRILLIC SMALL LETTER KOMI DE',
  '\u0131': 'LATIN SMALL LETTER DOTLESS I', '\u0130': 'LATIN CAPITAL LETTER I WITH DOT ABOVE', '\u2010': 'HYPHEN', '\u2011': 'NON-BREAKING HYPHEN',
  '\u2013': 'EN DASH', '\uff3f': 'FULLWIDTH LOW LINE',
};

/** The Latin letter each look-alike is taken for. */
const LOOKS_LIKE: Readonly<Record<string, string>> = {
  '\u0391': 'A', '\u0392': 'B', '\u0395': 'E', '\u0396': 'Z', '\u0397': 'H', '\u0399': 'I', '\u039a': 'K', '\u039c': 'M', '\u039d': 'N',
  '\u039f': 'O', '\u03a1': 'P', '\u03a4': 'T', '\u03a5': 'Y', '\u03a7': 'X', '\u03bf': 'o', '\u03b1': 'a', '\u03b9': 'i', '\u03bd': 'v',
  '\u0410': 'A', '\u0412': 'B', '\u0415': 'E', '\u041a': 'K', '\u041c': 'M', '\u041d': 'H', '\u041e': 'O', '\u0420': 'P', '\u0421': 'C',
  '\u0422': 'T', '\u0425': 'X', '\u0406': 'I', '\u0430': 'a', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0441': 'c', '\u0443': 'y',
  '\u0445': 'x', '\u0456': 'i', '\u0458': 'j', '\u0455': 's', '\u0501': 'd', '\u0131': 'i', '\u0130': 'I', '\u2010': '-', '\u2011': '-', '\u2013': '-',
};

const INVISIBLE = /[\p{Cf}\p{Zs}\t\r\n]/u;

/** `U+0399 GREEK CAPITAL LETTER IOTA`. */
export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  const name = NAMES[ch];
  return `U+${code}${name ? ` ${name}` : ''}`;
}

/** The form two keys share when one only looks like the other: look-alikes mapped, invisibles dropped, case folded. */
function skeleton(key: string): string {
  let out = '';
  for (const ch of key.normalize('NFKC')) {
    if (INVISIBLE.test(ch)) continue;
    out += LOOKS_LIKE[ch] ?? ch;
  }
  return out.toLowerCase();
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

/** What differs between a key and the term it looks like, in words. */
function difference(key: string, term: string): string {
  const k = [...key];
  const t = [...term];
  let i = 0;
  while (i < k.length && i < t.length && k[i] === t[i]) i++;
  if (i === t.length && i < k.length) {
    const rest = k.slice(i);
    return rest.every((c) => /\s/.test(c)) ? `it ends in ${rest.map(describeCharacter).join(', ')}` : `its ${ordinal(i + 1)} character is ${describeCharacter(k[i]!)}`;
  }
  const ch = k[i]!;
  if (t[i] !== undefined && ch.toLowerCase() === t[i]!.toLowerCase()) {
    return `its ${ordinal(i + 1)} character is \`${ch}\` where the term has \`${t[i]}\` (JSON-LD terms are case-sensitive)`;
  }
  return `its ${ordinal(i + 1)} character is ${describeCharacter(ch)}${LOOKS_LIKE[ch] ? `, not the Latin \`${LOOKS_LIKE[ch]}\`` : ''}`;
}

/**
 * When `key` is not one of `terms` but looks like exactly one of them, a sentence naming both and the
 * first character that differs; otherwise undefined.
 *
 * @example
 * lookalikeOf('eIDAS\u0399dentifier', ['eIDASIdentifier']);
 * // '`eIDASΙdentifier` is not the term `eIDASIdentifier`: its 6th character is U+0399 GREEK CAPITAL LETTER IOTA, not the Latin `I`'
 */
export function lookalikeOf(key: string, terms: Iterable<string>): string | undefined {
  const target = skeleton(key);
  if (target === '') return undefined;
  let match: string | undefined;
  for (const term of terms) {
    if (term === key) return undefined;
    if (skeleton(term) !== target) continue;
    if (match !== undefined && match !== term) return undefined; // ambiguous: say nothing rather than guess
    match = term;
  }
  return match === undefined ? undefined : `\`${key}\` is not the term \`${match}\`: ${difference(key, match)}`;
}
