// Minimal declarations of pako 2.1.0 (GZIP/ZLIB, ships no types of its own): only what src/status
// uses, checked against pako's lib/inflate.js and lib/deflate.js. The streaming `Inflate` is used
// on its own (never the one-shot `inflate`/`ungzip`, which have no output bound).
declare module 'pako' {
  /** Options of `new Inflate()`: `windowBits` 15 reads ZLIB only, 31 (16 + 15) GZIP only. */
  export interface InflateOptions {
    windowBits?: number;
    chunkSize?: number;
  }
  /** The zlib stream state, of which the counters are read. */
  export interface InflateStream {
    /** Compressed bytes consumed by the current stream (reset when a new member starts). */
    total_in: number;
    /** Compressed bytes not consumed yet by the last `push`. */
    avail_in: number;
  }
  /** Streaming inflate: `push` the input, output arrives through `onData`, the end through `onEnd`. */
  export class Inflate {
    constructor(options?: InflateOptions);
    push(data: Uint8Array, flushMode?: number | boolean): boolean;
    onData(chunk: Uint8Array): void;
    onEnd(status: number): void;
    /** 0 after a successful end; a zlib error status otherwise. */
    err: number;
    /** zlib's message for `err`. */
    msg: string;
    /** Whether the stream ended (successfully or not). */
    ended: boolean;
    strm: InflateStream;
  }
  /** Options of `deflate`/`gzip` (level 0–9; `header` for GZIP: pako writes mtime 0 and OS 3 by default). */
  export interface DeflateOptions {
    level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
    windowBits?: number;
    memLevel?: number;
    strategy?: number;
  }
  /** ZLIB (RFC 1950) container around DEFLATE. */
  export function deflate(data: Uint8Array, options?: DeflateOptions): Uint8Array;
  /** GZIP (RFC 1952) container around DEFLATE. */
  export function gzip(data: Uint8Array, options?: DeflateOptions): Uint8Array;
}
