// The few Web APIs the core uses that every target runtime has (Node ≥ 20, browsers, Deno, Bun),
// declared here because the core compiles without DOM or Node types on purpose.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare function atob(data: string): string;
/** An opaque WebCrypto key (merges with the DOM's `CryptoKey` where the DOM types are present). */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
interface CryptoKey {}
/** The WebCrypto algorithm parameters the seal verifier passes (RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA). */
interface WebCryptoAlgorithm {
  name: string;
  hash?: string;
  namedCurve?: string;
  saltLength?: number;
}
/** The part of `crypto.subtle` used here: the seal verifier (SPKI keys, verifying, hashing) and Ed25519 signing. */
interface SubtleCrypto {
  importKey(
    format: 'spki',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: WebCryptoAlgorithm,
    extractable: boolean,
    keyUsages: ['verify'],
  ): Promise<CryptoKey>;
  importKey(format: 'jwk', keyData: { kty: string; crv: string; x: string; d: string }, algorithm: 'Ed25519', extractable: false, keyUsages: ['sign']): Promise<CryptoKey>;
  sign(algorithm: 'Ed25519', key: CryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: WebCryptoAlgorithm, key: CryptoKey, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean>;
  digest(algorithm: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}
declare namespace globalThis {
  // eslint-disable-next-line no-var
  var crypto: { randomUUID(): string; getRandomValues<T extends Uint8Array>(array: T): T; subtle: SubtleCrypto };
}
