/**
 * What `validate()` puts in its copy of the input where the input holds something JSON cannot
 * (json/snapshot.ts makes the copy; the model's schemas refuse the stand-in at its path).
 */

const STAND_IN = '\u0000not JSON: ';

/**
 * What `validate()` puts in its copy in place of an object JSON cannot hold (a typed array, a Map,
 * a Date, a class instance): a symbol, which every schema of the model rejects at once, at that
 * path, without looking inside. The symbol's description says what the value was.
 */
export function standIn(what: string): symbol {
  return Symbol(STAND_IN + what);
}

/** `a Uint8Array` for a stand-in made by `standIn`, undefined for anything else. */
export function standInOf(value: unknown): string | undefined {
  return typeof value === 'symbol' && value.description?.startsWith(STAND_IN) ? value.description.slice(STAND_IN.length) : undefined;
}
