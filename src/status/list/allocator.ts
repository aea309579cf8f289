/**
 * Random allocation of list indexes: each new index is drawn uniformly from the indexes never
 * handed out, with the platform's cryptographic generator (`crypto.getRandomValues`), so that an
 * index says nothing about when or in which order credentials were issued (REC §6 "herd privacy",
 * EUDI ARF VCR_17). Indexes are never reused: the allocation map is part of the list's state and
 * survives `toJSON`/`fromJSON`.
 *
 * Cost: while at least half of the list is free, an index is drawn from the whole list and drawn
 * again when taken (two draws on average, no set-up). Past half, the free indexes are gathered once
 * into an array (O(length), amortised over the ≥ length/2 allocations still possible) and each
 * allocation takes a random element and moves the last one into its place: O(1), also when the
 * list is 99 % full. Both ways give every free index the same chance.
 * @module
 */

/** Uniform random integers below a bound, from `crypto.getRandomValues`, drawn in batches. */
export class RandomSource {
  #words = new Uint32Array(0);
  #next = 0;

  /** A 32-bit random word. */
  word(): number {
    if (this.#next >= this.#words.length) {
      // getRandomValues is declared for Uint8Array here (src/types/web.d.ts); the words view its bytes.
      const bytes = new Uint8Array(1024);
      globalThis.crypto.getRandomValues(bytes);
      this.#words = new Uint32Array(bytes.buffer);
      this.#next = 0;
    }
    return this.#words[this.#next++]!;
  }

  /** A uniform integer in [0, bound), bound ≤ 2^32: words above the largest multiple of `bound` are drawn again (no modulo bias). */
  below(bound: number): number {
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const w = this.word();
      if (w < limit) return w % bound;
    }
  }
}

/** Tries of drawing from the whole list before gathering the free indexes anyway (2^-32 to get there at half full). */
const MAX_TRIES = 32;

/** Allocation over an allocation map (one bit per index, MSB-first), which it marks. */
export class IndexAllocator {
  readonly #map: Uint8Array;
  readonly #length: number;
  readonly #random = new RandomSource();
  #count: number;
  /** The free indexes, gathered once past half full; `#free[0..#freeCount)` are still free. */
  #free: Uint32Array | undefined;
  #freeCount = 0;

  constructor(map: Uint8Array, length: number) {
    this.#map = map;
    this.#length = length;
    let count = 0;
    for (const byte of map) count += popcount(byte);
    this.#count = count;
  }

  /** Number of indexes handed out. */
  get count(): number {
    return this.#count;
  }

  /** Whether `index` (in range) was handed out. */
  has(index: number): boolean {
    return (this.#map[index >> 3]! & (0x80 >> (index & 7))) !== 0;
  }

  /** A random free index, now marked; `undefined` when none is left. */
  next(): number | undefined {
    if (this.#count >= this.#length) return undefined;
    let index: number | undefined;
    if (this.#free === undefined && this.#count * 2 <= this.#length) {
      for (let t = 0; t < MAX_TRIES && index === undefined; t++) {
        const i = this.#random.below(this.#length);
        if (!this.has(i)) index = i;
      }
    }
    index ??= this.#fromFree();
    this.#map[index >> 3]! |= 0x80 >> (index & 7);
    this.#count++;
    return index;
  }

  #fromFree(): number {
    if (this.#free === undefined) {
      const free = new Uint32Array(this.#length - this.#count);
      let n = 0;
      for (let i = 0; i < this.#length; i++) if (!this.has(i)) free[n++] = i;
      this.#free = free;
      this.#freeCount = n;
    }
    const free = this.#free;
    const r = this.#random.below(this.#freeCount);
    const index = free[r]!;
    free[r] = free[--this.#freeCount]!;
    return index;
  }
}

function popcount(byte: number): number {
  let b = byte - ((byte >> 1) & 0x55);
  b = (b & 0x33) + ((b >> 2) & 0x33);
  return (b + (b >> 4)) & 0x0f;
}
