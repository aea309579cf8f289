// The base64 and base64url encoders of src/json/encoding.ts agree with Node's Buffer on any bytes,
// and the decoders read back what they wrote.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, bytesToBase64, bytesToBase64Url } from '../src/json/encoding.js';

describe('base64 and base64url', () => {
  it('write what Buffer writes, for every length and byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
        expect(bytesToBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64UrlToBytes(bytesToBase64Url(bytes))).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('encode a status list of 4 MiB like Buffer does (one buffer, no quadratic strings)', () => {
    const bytes = new Uint8Array(4 * 1024 * 1024).map((_, i) => (i * 7919) & 255);
    expect(bytesToBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
  });
});
