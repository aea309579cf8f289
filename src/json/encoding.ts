/**
 * Base64, base64url, hex and UTF-8 helpers for the seal verifier, written for every JavaScript
 * runtime (no `Buffer`, no `atob` on attacker-sized input).
 *
 * Decoding is strict on purpose: a signature or certificate is read from exactly one spelling.
 * RFC 4648 §3.5 lets decoders reject non-canonical input (non-zero padding bits); accepting it
 * would let someone change the last character of a base64url signature without changing the
 * bytes that are verified, so "any one-character change fails" would not hold.
 * @module
 */

/** Bytes backed by a plain `ArrayBuffer`, the type WebCrypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>;

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function table(alphabet: string): Int16Array {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
// Pure: a bundler may drop the tables with the module when nothing uses them (the package has no side effects).
const STD_TABLE = /* @__PURE__ */ table(STD);
const URL_TABLE = /* @__PURE__ */ table(URL);

/**
 * Decodes `text` with the 64-character table; `undefined` unless it is the canonical encoding.
 * `padding`: 'required' (base64, RFC 4648 §4), 'forbidden' (base64url in JOSE, RFC 7515 §2).
 */
function decode(text: string, lookup: Int16Array, padding: 'required' | 'forbidden', canonical = true): Bytes | undefined {
  let len = text.length;
  if (padding === 'required') {
    if (len % 4 !== 0) return undefined;
    if (len > 0 && text.charCodeAt(len - 1) === 61 /* = */) len--;
    if (len > 0 && text.charCodeAt(len - 1) === 61) len--;
  }
  if (len % 4 === 1) return undefined; // 6 bits cannot end a byte (RFC 4648 §3.5)
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? lookup[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Non-zero leftover bits: a non-canonical spelling of the same bytes (RFC 4648 §3.5).
  if (canonical && bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/**
 * Canonical base64url without padding (RFC 7515 §2), or `undefined`.
 *
 * @example
 * base64UrlToBytes('AQ'); // Uint8Array [1]
 * base64UrlToBytes('AR'); // undefined: same byte, non-zero padding bits
 */
export function base64UrlToBytes(text: string): Bytes | undefined {
  return decode(text, URL_TABLE, 'forbidden');
}

/** Canonical base64 with padding (RFC 4648 §4, the `x5c` encoding of RFC 7515 §4.1.6), or `undefined`. */
export function base64ToBytes(text: string): Bytes | undefined {
  return decode(text, STD_TABLE, 'required');
}

/**
 * Base64 or base64url, padded or not, padding bits ignored: for bytes whose spelling carries no
 * security meaning (`x5c` inside the signed header, whose characters the signature already
 * covers, and the unsigned JAdES validation data), where refusing a producer's variant would only
 * refuse a valid seal. `undefined` when it is neither.
 */
export function lenientBase64ToBytes(text: string): Bytes | undefined {
  let end = text.length;
  if (end % 4 === 0 && text.charCodeAt(end - 1) === 61) end--;
  if (end % 4 === 3 && text.charCodeAt(end - 1) === 61) end--;
  const body = end === text.length ? text : text.slice(0, end);
  return decode(body, /[-_]/.test(body) ? URL_TABLE : STD_TABLE, 'forbidden', false);
}

/** The alphabets as character codes, for `encode`. */
const codesOf = (alphabet: string) => Uint8Array.from(alphabet, (c) => c.charCodeAt(0));
const STD_CODES = codesOf(STD);
const URL_CODES = codesOf(URL);
const ASCII = new TextDecoder('latin1');

/**
 * Base64 of `bytes` with `alphabet`: written as ASCII bytes into one buffer and decoded once
 * (string concatenation made a 512 KiB list take about 200 ms; this takes a few).
 */
function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  const table = alphabet === URL ? URL_CODES : alphabet === STD ? STD_CODES : codesOf(alphabet);
  const whole = bytes.length - (bytes.length % 3);
  const rest = bytes.length - whole;
  const out = new Uint8Array((whole / 3) * 4 + (rest === 0 ? 0 : pad ? 4 : rest + 1));
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = table[(n >> 18) & 63]!;
    out[o++] = table[(n >> 12) & 63]!;
    out[o++] = table[(n >> 6) & 63]!;
    out[o++] = table[n & 63]!;
  }
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = table[(n >> 18) & 63]!;
    out[o++] = table[(n >> 12) & 63]!;
    if (rest === 2) out[o++] = table[(n >> 6) & 63]!;
    else if (pad) out[o++] = 61;
    if (pad) out[o++] = 61;
  }
  return ASCII.decode(out);
}

/** Base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  return encode(bytes, STD, true);
}

/** Base64url without padding. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL, false);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 with the Bitcoin alphabet (multibase `z`), for short inputs such as keys (quadratic time). */
export function bytesToBase58btc(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i]! << 8;
      digits[i] = carry % 58;
      carry = (carry / 58) | 0;
    }
    for (; carry > 0; carry = (carry / 58) | 0) digits.push(carry % 58);
  }
  let out = '';
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) out += '1';
  for (let i = digits.length - 1; i >= 0; i--) out += BASE58[digits[i]!];
  return out;
}

/**
 * Bytes of a base58btc text (no multibase prefix), or undefined when a character is outside the
 * alphabet. For short inputs such as signatures (quadratic time): callers bound the length.
 */
export function base58btcToBytes(text: string): Bytes | undefined {
  const bytes: number[] = [];
  for (const char of text) {
    let carry = BASE58.indexOf(char);
    if (carry < 0) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    for (; carry > 0; carry >>= 8) bytes.push(carry & 0xff);
  }
  for (let i = 0; i < text.length && text[i] === '1'; i++) bytes.push(0);
  return new Uint8Array(bytes.reverse()) as Bytes;
}

/** Upper-case hexadecimal, no separators. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16);
  return out.toUpperCase();
}

/** UTF-8 bytes of a string. Callers reject lone surrogates first (see {@link hasLoneSurrogate}). */
export function utf8Encode(text: string): Bytes {
  // Copy into a fresh ArrayBuffer: TextEncoder's declared return type differs between lib versions.
  return new Uint8Array(new TextEncoder().encode(text));
}

/** Strict UTF-8 decoding, `undefined` on malformed input. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Whether a string holds an unpaired UTF-16 surrogate. Such a string has no UTF-8 form: encoders
 * replace the surrogate with U+FFFD, so two different payload strings would sign the same bytes.
 */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Constant-shape byte comparison (lengths and contents). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
