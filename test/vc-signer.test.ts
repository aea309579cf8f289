// IssuerKey's signer signs through a WebCrypto Ed25519 key imported once (src/vc/keys.ts): the same
// bytes as ed25519-multikey, which decodes the private key for every signature; and where WebCrypto
// cannot import the key, it signs as ed25519-multikey does.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportKey, generateIssuerKey, importIssuerKey } from '../src/vc.js';

afterEach(() => vi.restoreAllMocks());

async function multikeySigner(seed: Uint8Array) {
  const pair = await Ed25519Multikey.generate({ seed });
  return pair.signer();
}

describe('IssuerKey signer', () => {
  it('gives the signatures ed25519-multikey gives, for any key and data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 256 }), async (seed, data) => {
        const key = await generateIssuerKey({ seed });
        const ours = await key.signer().sign({ data });
        const theirs = await (await multikeySigner(seed)).sign({ data });
        expect(Buffer.from(ours).toString('hex')).toBe(Buffer.from(theirs).toString('hex'));
      }),
      { numRuns: 40 },
    );
  });

  it('imports the WebCrypto key once per IssuerKey, also for keys imported from their parts', async () => {
    const seed = new Uint8Array(32).fill(9);
    const key = await importIssuerKey(await exportKey(await generateIssuerKey({ seed }), { includePrivate: true }));
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    const data = new Uint8Array([1, 2, 3]);
    const signatures = await Promise.all([key.signer().sign({ data }), key.signer().sign({ data }), key.signer().sign({ data })]);
    expect(importKey).toHaveBeenCalledTimes(1);
    expect(new Set(signatures.map((s) => Buffer.from(s).toString('hex'))).size).toBe(1);
    expect(Buffer.from(signatures[0]!)).toEqual(Buffer.from(await (await multikeySigner(seed)).sign({ data })));
  });

  it('signs as ed25519-multikey does where WebCrypto cannot import the key', async () => {
    const seed = new Uint8Array(32).fill(11);
    const key = await generateIssuerKey({ seed });
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey').mockRejectedValue(new DOMException('Ed25519 not supported', 'NotSupportedError'));
    const data = new Uint8Array([4, 5, 6]);
    const signature = await key.signer().sign({ data });
    expect(importKey).toHaveBeenCalledTimes(1);
    expect(Buffer.from(signature)).toEqual(Buffer.from(await (await multikeySigner(seed)).sign({ data })));
  });
});
