/**
 * A small bounded map, least recently used first out: by number of entries and by a weight (the
 * characters and bytes an entry holds), so that a verifier fed many or large Status List Tokens
 * keeps a bounded amount of memory.
 * @module
 */

/**
 * A map of at most `maxEntries` entries whose weights add up to at most `maxWeight`; the least
 * recently used entries leave first. An entry heavier than `maxWeight` is not kept.
 *
 * @example
 * const cache = new BoundedCache<string>(2, 100);
 * cache.set('a', 'x', 10);
 * cache.get('a'); // 'x'
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; weight: number }>();
  #weight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
  ) {}

  /** The value for `key` (now the most recently used), or undefined. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` for `key` with its weight, making room by dropping the least recently used. */
  set(key: string, value: V, weight: number): void {
    this.delete(key);
    if (!(weight <= this.maxWeight)) return;
    this.#entries.set(key, { value, weight });
    this.#weight += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#weight <= this.maxWeight) break;
      this.#entries.delete(oldest);
      this.#weight -= entry.weight;
    }
  }

  /** Forgets `key`. */
  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#weight -= entry.weight;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#entries.size;
  }
}
