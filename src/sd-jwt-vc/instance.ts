/**
 * The one configured `SDJwtVcInstance` of `@sd-jwt/sd-jwt-vc` that issuance, presentation and
 * verification share: the WebCrypto hasher and salt generator of keys.ts, `typ: dc+sd-jwt`, and no
 * network (the instance's status list and type metadata fetchers are replaced by ones that refuse).
 * @module
 */
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { HashAlgorithm, KbVerifier, Signer, Verifier } from '@sd-jwt/types';
import { sdJwtVcHasher, sdJwtVcSaltGenerator, type SdHashAlg } from './keys.js';

/**
 * What the instance is made with; every member optional (a verifier needs no signer).
 *
 * @example
 * const options: SdJwtVcInstanceOptions = { signer, signAlg: 'ES256' };
 */
export interface SdJwtVcInstanceOptions {
  /** Signs the issuer-signed JWT (from `createSdJwtVcSigner`). */
  signer?: Signer;
  signAlg?: string;
  /** Checks the issuer's signature (from `createSdJwtVcVerifier`). */
  verifier?: Verifier;
  /** Signs the key-binding JWT (the holder's key). */
  kbSigner?: Signer;
  kbSignAlg?: string;
  /** Checks the key-binding JWT. */
  kbVerifier?: KbVerifier;
  /** `_sd_alg` of new SD-JWTs. Default `sha-256`. */
  hashAlg?: SdHashAlg;
}

/** Status lists and type metadata are never fetched by this library: the caller passes what it has. */
const noFetch = async (uri: string): Promise<never> => {
  throw new Error(`eu-micro-credentials does not fetch from the network (asked for ${uri})`);
};

/**
 * A `@sd-jwt/sd-jwt-vc` instance with the library's WebCrypto hasher (sha-256/384/512) and salt
 * generator, header `typ: dc+sd-jwt`, `_sd_alg` sha-256 by default, and fetchers that refuse instead
 * of going to the network. A new instance per call: they hold keys, so they are not shared.
 *
 * @example
 * const { signer, alg } = await createSdJwtVcSigner(issuerPrivateJwk);
 * const sdjwt = createSdJwtVcInstance({ signer, signAlg: alg });
 * const compact = await sdjwt.issue({ vct: 'VerifiableMicroCredential', iss: 'https://uni.example.eu' }, { _sd: [] });
 */
export function createSdJwtVcInstance(options: SdJwtVcInstanceOptions = {}): SDJwtVcInstance {
  return new SDJwtVcInstance({
    hasher: sdJwtVcHasher,
    saltGenerator: sdJwtVcSaltGenerator,
    hashAlg: (options.hashAlg ?? 'sha-256') as HashAlgorithm,
    ...(options.signer ? { signer: options.signer } : {}),
    ...(options.signAlg ? { signAlg: options.signAlg } : {}),
    ...(options.verifier ? { verifier: options.verifier } : {}),
    ...(options.kbSigner ? { kbSigner: options.kbSigner } : {}),
    ...(options.kbSignAlg ? { kbSignAlg: options.kbSignAlg } : {}),
    ...(options.kbVerifier ? { kbVerifier: options.kbVerifier } : {}),
    statusListFetcher: noFetch,
    vctFetcher: noFetch,
    loadTypeMetadataFormat: false,
  });
}
