/**
 * What the status list tests share: base64url both ways, the 1 GiB decompression bomb (GZIP for the
 * W3C bitstring, ZLIB for the IETF token list), the STATUS_LIST_MALFORMED assertion, and the
 * SD-JWT VC status set-up (the issuer, the credential type, the clock and the keys).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import { generateSdJwtVcKeyPair } from '../../src/sd-jwt-vc/keys.js';
import { StatusListError } from '../../src/status/errors.js';
import type { TestKey } from './sd-jwt-forge.js';

/** A key pair of generateSdJwtVcKeyPair. */
export type SdJwtVcKeyPair = Awaited<ReturnType<typeof generateSdJwtVcKeyPair>>;

export const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
export const fromB64u = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'));

/**
 * GZIP (or ZLIB) of `mebibytes` MiB of zeros, built from one megabyte compressed once: DEFLATE at
 * level 9 with a full flush ends byte-aligned and resets the dictionary, so the block can be
 * repeated; then the final empty block and the real trailer (CRC-32 and length, or ADLER-32).
 * 1024 MiB take about 1 MB.
 */
export function zeroBomb(container: 'gzip' | 'zlib', mebibytes: number): Uint8Array {
  const chunk = Buffer.alloc(1 << 20);
  const block = deflateRawSync(chunk, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0));
  const trailer = Buffer.alloc(container === 'gzip' ? 8 : 4);
  if (container === 'gzip') {
    let crc = 0;
    for (let i = 0; i < mebibytes; i++) crc = crc32(chunk, crc);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE((mebibytes * 2 ** 20) % 2 ** 32, 4);
  } else {
    trailer.writeUInt32BE((((mebibytes * 2 ** 20) % 65521) * 65536 + 1) >>> 0, 0); // zeros: a = 1, b = n mod 65521
  }
  const header = container === 'gzip' ? Buffer.from('1f8b0800000000000003', 'hex') : Buffer.from('78da', 'hex');
  return new Uint8Array(Buffer.concat([header, ...Array.from({ length: mebibytes }, () => block), last, trailer]));
}

/** `f` throws a StatusListError coded STATUS_LIST_MALFORMED whose message matches `message`. */
export function expectMalformed(f: () => unknown, message: RegExp): void {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'a StatusListError').toBeInstanceOf(StatusListError);
  expect((thrown as StatusListError).code).toBe('STATUS_LIST_MALFORMED');
  expect((thrown as StatusListError).message).toMatch(message);
}

// ——— SD-JWT VC and the Token Status List ———

/** The issuer of the SD-JWT VC status tests (its keys' kid is uni-1). */
export const ISS = 'https://uni.example.eu';
export const VCT = 'https://credentials.example.com/identity_credential';
/** The tests' clock: credentials and tokens are issued at T0 (`t0` in seconds); `at(s)` is s seconds later. */
export const T0 = new Date('2026-03-01T10:00:00Z');
export const t0 = T0.getTime() / 1000;
export const at = (seconds: number): Date => new Date((t0 + seconds) * 1000);

/** The issuer's ES256 key (kid uni-1), and mallory's: another ES256 key claiming the same kid. Made afresh for each test file. */
export async function sdJwtStatusKeys(): Promise<{ issuer: SdJwtVcKeyPair; mallory: SdJwtVcKeyPair }> {
  return { issuer: await generateSdJwtVcKeyPair('ES256', { kid: 'uni-1' }), mallory: await generateSdJwtVcKeyPair('ES256', { kid: 'uni-1' }) };
}

/** A key pair as the forging helpers (test/helpers/sd-jwt-forge.ts) take it. */
export const asTestKey = (pair: SdJwtVcKeyPair, alg: 'ES256' | 'EdDSA' = 'ES256'): TestKey => ({ alg, privateJwk: pair.privateJwk as never, publicJwk: pair.publicJwk as never });
