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

  it('exporting the private part leaves the key intact (a wiped copy, never the key\'s own bytes)', async () => {
    const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(13) });
    const data = new Uint8Array([7, 8, 9]);
    const before = Buffer.from(await key.signer().sign({ data })).toString('hex');
    const exported = await exportKey(key, { includePrivate: true });
    expect(Buffer.from(exported.jwk.d!, 'base64url')).toEqual(Buffer.alloc(32, 13));
    const after = Buffer.from(await (await generateIssuerKey({ seed: new Uint8Array(32).fill(13) })).signer().sign({ data })).toString('hex');
    expect(Buffer.from(await key.signer().sign({ data })).toString('hex')).toBe(before);
    expect(after).toBe(before);
  });

  it('imports JWKs without Node\'s Buffer: the same key from x and d, x alone, or the 64-byte d', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async (seed) => {
        const key = await generateIssuerKey({ seed });
        const { jwk } = await exportKey(key, { includePrivate: true });
        const data = new Uint8Array([1]);
        const signature = Buffer.from(await key.signer().sign({ data })).toString('hex');
        const withPrivate = await importIssuerKey({ jwk });
        expect(withPrivate.publicKeyMultibase).toBe(key.publicKeyMultibase);
        expect(Buffer.from(await withPrivate.signer().sign({ data })).toString('hex')).toBe(signature);
        const publicOnly = await importIssuerKey({ jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } });
        expect(publicOnly.publicKeyMultibase).toBe(key.publicKeyMultibase);
        expect(publicOnly.canSign).toBe(false);
        const expanded = Buffer.concat([Buffer.from(jwk.d!, 'base64url'), Buffer.from(jwk.x, 'base64url')]).toString('base64url');
        expect((await importIssuerKey({ jwk: { ...jwk, d: expanded } })).publicKeyMultibase).toBe(key.publicKeyMultibase);
      }),
      { numRuns: 25 },
    );
    const a = await exportKey(await generateIssuerKey({ seed: new Uint8Array(32).fill(1) }), { includePrivate: true });
    const b = await exportKey(await generateIssuerKey({ seed: new Uint8Array(32).fill(2) }), { includePrivate: true });
    await expect(importIssuerKey({ jwk: { ...a.jwk, d: b.jwk.d } })).rejects.toThrow('the private part does not belong to the public part');
    await expect(importIssuerKey({ jwk: { ...a.jwk, x: 'AAAA' } })).rejects.toThrow(TypeError);
  });
});
