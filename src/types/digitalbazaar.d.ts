// Minimal declarations of the @digitalbazaar packages used for signing (none ships its own types):
// only what src/vc uses, checked against @digitalbazaar/vc 7.3.0, ed25519-signature-2020 5.4.0,
// ed25519-verification-key-2020 4.2.0, data-integrity 2.5.0, ed25519-multikey 1.3.1,
// eddsa-rdfc-2022-cryptosuite 1.3.0 and eddsa-jcs-2022-cryptosuite 1.0.0.

declare module '@digitalbazaar/vc' {
  type Loader = (url: string) => Promise<unknown>;
  export interface VcVerifyResult {
    verified: boolean;
    results?: { verified: boolean; error?: unknown; proof?: unknown; purposeResult?: unknown }[];
    error?: unknown;
  }
  export function issue(options: { credential: object; suite: unknown; documentLoader: Loader; now?: Date | string }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: { credential: object; suite: unknown | unknown[]; documentLoader: Loader; now?: Date; checkStatus?: unknown }): Promise<VcVerifyResult>;
  export function createPresentation(options: { verifiableCredential?: object | object[]; holder?: string; id?: string; version?: 1 | 2 }): Record<string, unknown>;
  export function signPresentation(options: { presentation: object; suite: unknown; documentLoader: Loader; challenge?: string; domain?: string }): Promise<Record<string, unknown>>;
  export function verify(options: {
    presentation: object;
    suite: unknown | unknown[];
    documentLoader: Loader;
    challenge?: string;
    domain?: string;
    unsignedPresentation?: boolean;
    now?: Date;
  }): Promise<VcVerifyResult & { presentationResult?: VcVerifyResult; credentialResults?: (VcVerifyResult & { credentialId?: string })[] }>;
}

declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    privateKeyMultibase?: string;
    static generate(options?: { seed?: Uint8Array; controller?: string; id?: string }): Promise<Ed25519VerificationKey2020>;
    static from(options: { id?: string; controller?: string; publicKeyMultibase: string; privateKeyMultibase?: string; type?: string }): Promise<Ed25519VerificationKey2020>;
    fingerprint(): string;
    export(options?: { publicKey?: boolean; privateKey?: boolean; includeContext?: boolean }): Promise<Record<string, string>>;
    signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
  }
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
  }
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519MultikeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { id: string; algorithm: string; verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, string>>;
    /** The raw key bytes (copies); with `canonicalize`, the 32-byte private key rather than the 64-byte expanded form. */
    export(options: { publicKey?: boolean; secretKey?: boolean; raw: true; canonicalize?: boolean }): Promise<{ publicKey?: Uint8Array; secretKey?: Uint8Array }>;
  }
  export function generate(options?: { seed?: Uint8Array; id?: string; controller?: string }): Promise<Ed25519MultikeyPair>;
  export function from(key: object): Promise<Ed25519MultikeyPair>;
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}

declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createSignCryptosuite(): { name: string };
  export function createVerifyCryptosuite(): { name: string };
}
