/**
 * Issuer keys: Ed25519, identified by `did:key` by default or under a caller's controller
 * (`https:` or `did:web:` issuers, who publish the controller document). One key signs with every
 * suite the library offers (Ed25519Signature2020, eddsa-rdfc-2022, eddsa-jcs-2022).
 */
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Ed25519MultikeyPair } from '@digitalbazaar/ed25519-multikey';
import { CONTEXT_URLS } from '../jsonld/contexts.js';
import { base64UrlToBytes, bytesEqual, bytesToBase58btc, bytesToBase64Url } from '../json/encoding.js';

/**
 * The public part of a key as a verification method of a controller document.
 *
 * @example
 * const method: VerificationMethod = key.verificationMethod();
 * // { id: 'did:web:uni.example.eu#z6Mk…', type: 'Ed25519VerificationKey2020', controller: 'did:web:uni.example.eu', publicKeyMultibase: 'z6Mk…' }
 */
export interface VerificationMethod {
  id: string;
  type: 'Ed25519VerificationKey2020';
  controller: string;
  publicKeyMultibase: string;
}

/**
 * A key's parts, as multibase strings (the Multikey encoding) and as a JSON Web Key (RFC 8037).
 * Either form can be imported again with `importIssuerKey()`.
 *
 * @example
 * const exported: ExportedKey = await exportKey(key);
 * // { id, controller, publicKeyMultibase: 'z6Mk…', jwk: { kty: 'OKP', crv: 'Ed25519', x: '…' } }
 * const withSecret: ExportedKey = await exportKey(key, { includePrivate: true }); // adds secretKeyMultibase and jwk.d
 */
export interface ExportedKey {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  /** Only with `{ includePrivate: true }`. */
  secretKeyMultibase?: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; d?: string };
}

/**
 * Options of `generateIssuerKey()`.
 *
 * @example
 * const options: GenerateKeyOptions = { controller: 'did:web:uni.example.eu', id: 'did:web:uni.example.eu#key-2025' };
 * const key = await generateIssuerKey(options);
 */
export interface GenerateKeyOptions {
  /** 32 bytes: the same seed always gives the same key (for tests and golden files). */
  seed?: Uint8Array;
  /** The issuer: `did:web:…` or `https://…`. Default: the key's own `did:key`. */
  controller?: string;
  /** The key's id. Default: `<controller>#<fingerprint>`. */
  id?: string;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * @internal The key pair of `@digitalbazaar/ed25519-multikey`, as far as this module uses it. Declared
 * here so that the published declarations do not refer to that untyped package.
 */
export interface KeyPair {
  publicKeyMultibase: string;
  secretKeyMultibase?: string;
  signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
}

/**
 * The one way out for the private key: `exportKey()` reads it through this table, which only this
 * module can reach. An IssuerKey itself has no method or property that yields it.
 */
const exporters = new WeakMap<IssuerKey, (includePrivate: boolean) => Promise<ExportedKey>>();

/**
 * An Ed25519 issuer key. The private part stays inside: it is never enumerable, never serialized
 * by `JSON.stringify`, never printed by `console.log`, and never quoted in errors. Get it only with
 * `exportKey({ includePrivate: true })`.
 *
 * @example
 * const key: IssuerKey = await generateIssuerKey({ controller: 'did:web:uni.example.eu' });
 * key.id; // 'did:web:uni.example.eu#z6Mk…'
 * key.canSign; // true
 * JSON.stringify(key); // the public verification method only
 * const signed = await signCredential(toElm(mc), { key });
 */
export class IssuerKey {
  readonly type = 'Ed25519' as const;
  readonly id: string;
  readonly controller: string;
  readonly publicKeyMultibase: string;
  readonly #pair: Ed25519MultikeyPair;
  /** The WebCrypto form of the private key, made on first use by signer() (undefined: none). */
  #webKey: Promise<CryptoKey | undefined> | undefined;

  /** @internal Use `generateIssuerKey()` or `importIssuerKey()`. */
  constructor(pair: KeyPair, id: string, controller: string) {
    this.#pair = pair as Ed25519MultikeyPair;
    this.id = id;
    this.controller = controller;
    this.publicKeyMultibase = pair.publicKeyMultibase;
    exporters.set(this, (includePrivate) => this.#exportParts(includePrivate));
    Object.freeze(this);
  }

  /** Whether this key can sign (it was generated, or imported with its private part). */
  get canSign(): boolean {
    return this.#pair.secretKeyMultibase !== undefined;
  }

  /** The key as a verification method (Ed25519VerificationKey2020, which every suite here accepts). */
  verificationMethod(): VerificationMethod {
    return { id: this.id, type: 'Ed25519VerificationKey2020', controller: this.controller, publicKeyMultibase: this.publicKeyMultibase };
  }

  /**
   * The controller document a `did:web` or `https` issuer publishes (at `/.well-known/did.json`
   * for did:web), and that verifiers pass to `verifyCredential({ controllers })`.
   *
   * @example
   * const key = await generateIssuerKey({ controller: 'did:web:uni.example.eu' });
   * writeFileSync('did.json', JSON.stringify(key.controllerDocument(), null, 2));
   */
  controllerDocument(): ControllerDocument {
    return controllerDocumentOf(this.verificationMethod());
  }

  /**
   * @internal The signer the `@digitalbazaar` suites call. It signs with the runtime's WebCrypto
   * Ed25519 key, imported once per IssuerKey: ed25519-multikey decodes the private key again for
   * every signature, which in Node (OpenSSL 3 parsing PKCS #8) costs about 0.7 ms, five times the
   * signature itself. Where WebCrypto has no Ed25519, or disagrees with ed25519-multikey on a test
   * signature, it signs as ed25519-multikey does. Ed25519 is deterministic: same bytes either way.
   */
  signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> } {
    if (!this.canSign) throw new TypeError(`the key ${this.id} has no private part: import it with secretKeyMultibase or a JWK with "d" to sign`);
    const inner = this.#pair.signer();
    const sign = async (options: { data: Uint8Array }): Promise<Uint8Array> => {
      const web = await (this.#webKey ??= this.#webCryptoKey(inner));
      if (web === undefined) return inner.sign(options);
      return new Uint8Array(await globalThis.crypto.subtle.sign('Ed25519', web, options.data));
    };
    return { id: this.id, algorithm: inner.algorithm, sign };
  }

  /** The private key as a non-extractable WebCrypto key, if the runtime signs exactly as ed25519-multikey does. */
  async #webCryptoKey(inner: { sign(options: { data: Uint8Array }): Promise<Uint8Array> }): Promise<CryptoKey | undefined> {
    const subtle = globalThis.crypto?.subtle;
    if (typeof subtle?.importKey !== 'function' || typeof subtle.sign !== 'function') return undefined;
    try {
      const { jwk } = await this.#exportParts(true);
      if (typeof jwk.d !== 'string') return undefined;
      const key = await subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d }, 'Ed25519', false, ['sign']);
      const probe = new TextEncoder().encode(`eu-micro-credentials signer check ${this.id}`);
      const [theirs, ours] = await Promise.all([inner.sign({ data: probe }), subtle.sign('Ed25519', key, probe)]);
      return bytesEqual(new Uint8Array(theirs), new Uint8Array(ours)) ? key : undefined;
    } catch {
      // Kept for the key's lifetime: a runtime that cannot import it once will not later.
      return undefined;
    }
  }

  async #exportParts(includePrivate: boolean): Promise<ExportedKey> {
    // The JWK is written here, from the raw bytes: ed25519-multikey's toJwk encodes with Node's
    // Buffer (so fails in browsers), and writes `d` in the 64-byte expanded form (private || public)
    // that its own fromJwk refuses. RFC 8037 section 2: `d` is the 32-byte private key.
    const raw = await this.#pair.export({ publicKey: true, secretKey: includePrivate, raw: true, canonicalize: true });
    const jwk: ExportedKey['jwk'] = { kty: 'OKP', crv: 'Ed25519', x: bytesToBase64Url(raw.publicKey!) };
    if (includePrivate && raw.secretKey) {
      // A copy to encode and wipe: export() may hand out a view of the key pair's own bytes (a
      // Node Buffer's slice() is a view), which must not be wiped.
      const d = new Uint8Array(raw.secretKey.subarray(0, 32));
      jwk.d = bytesToBase64Url(d);
      d.fill(0);
    }
    return {
      id: this.id,
      controller: this.controller,
      publicKeyMultibase: this.publicKeyMultibase,
      ...(includePrivate ? { secretKeyMultibase: this.#pair.secretKeyMultibase } : {}),
      jwk,
    };
  }

  toJSON(): VerificationMethod {
    return this.verificationMethod();
  }

  [INSPECT](): string {
    return `IssuerKey { id: ${JSON.stringify(this.id)}, canSign: ${this.canSign} }`;
  }
}

/**
 * A DID document or controller document listing keys allowed to issue credentials
 * (`assertionMethod`) and sign presentations (`authentication`).
 *
 * @example
 * const didDocument: ControllerDocument = key.controllerDocument(); // publish at https://uni.example.eu/.well-known/did.json
 * const result = await verifyCredential(signed, { controllers: [didDocument] });
 */
export interface ControllerDocument {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

/**
 * The controller document with one verification method, authorised to assert and authenticate.
 *
 * @example
 * // Rotation: publish the old and the new key together.
 * const doc = controllerDocumentOf(newKey.verificationMethod());
 * doc.verificationMethod.push(oldKey.verificationMethod());
 * doc.assertionMethod.push(oldKey.id);
 */
export function controllerDocumentOf(method: VerificationMethod): ControllerDocument {
  return {
    '@context': [CONTEXT_URLS.DID_V1, CONTEXT_URLS.ED25519_2020],
    id: method.controller,
    verificationMethod: [method],
    assertionMethod: [method.id],
    authentication: [method.id],
  };
}

function checkSeed(seed: unknown): Uint8Array | undefined {
  if (seed === undefined) return undefined;
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new TypeError('generateIssuerKey(): seed must be a Uint8Array of 32 bytes');
  return seed;
}

function checkController(controller: unknown, what: string): string | undefined {
  if (controller === undefined) return undefined;
  if (typeof controller !== 'string' || !/^(?:did:[a-z0-9]+:\S+|https:\/\/\S+)$/.test(controller)) {
    throw new TypeError(`${what}: controller must be a DID (did:web:…) or an https: URL`);
  }
  return controller;
}

/**
 * Generates an Ed25519 issuer key: random, or from a 32-byte seed.
 *
 * @example
 * const key = await generateIssuerKey(); // key.controller === 'did:key:z6Mk…'
 * const web = await generateIssuerKey({ controller: 'did:web:uni.example.eu' });
 */
export async function generateIssuerKey(options: GenerateKeyOptions = {}): Promise<IssuerKey> {
  if (options === null || typeof options !== 'object') throw new TypeError('generateIssuerKey(): options must be an object');
  const seed = checkSeed(options.seed);
  const controllerOption = checkController(options.controller, 'generateIssuerKey()');
  const pair = await Ed25519Multikey.generate(seed ? { seed } : {});
  return withIdentity(pair, controllerOption, options.id);
}

/**
 * What `importIssuerKey()` takes: multibase parts or a JWK, with the identity of the key.
 *
 * @example
 * const stored: ImportKeyInput = JSON.parse(await secrets.get('issuer-key')); // an exportKey(key, { includePrivate: true }) result
 * const fromJwk: ImportKeyInput = { jwk: { kty: 'OKP', crv: 'Ed25519', x: 'iojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w' }, controller: 'did:web:uni.example.eu' };
 * const verifier = await importIssuerKey(fromJwk); // public only: verifies, cannot sign
 */
export type ImportKeyInput =
  | { publicKeyMultibase: string; secretKeyMultibase?: string; controller?: string; id?: string }
  | { jwk: { kty: string; crv: string; x: string; d?: string }; controller?: string; id?: string };

/**
 * Imports a key exported by `exportKey()` (multibase or JWK; public only, or with the private part).
 *
 * @example
 * const key = await importIssuerKey(JSON.parse(readFileSync('issuer-key.json', 'utf8')));
 */
export async function importIssuerKey(input: ImportKeyInput): Promise<IssuerKey> {
  if (input === null || typeof input !== 'object') throw new TypeError('importIssuerKey(): expected { publicKeyMultibase, secretKeyMultibase? } or { jwk }');
  const controller = checkController(input.controller, 'importIssuerKey()');
  let pair: Ed25519MultikeyPair;
  try {
    if ('jwk' in input && input.jwk) {
      const jwk = input.jwk;
      if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 OKP key');
      // Decoded here, not by ed25519-multikey's fromJwk, which needs Node's Buffer (see exportParts()).
      const x = base64UrlToBytes(jwk.x);
      if (!x || x.length !== 32) throw new Error('not an Ed25519 public key (x must be 32 bytes)');
      if (typeof jwk.d === 'string') {
        const d = base64UrlToBytes(jwk.d);
        // 32 bytes, or the 64-byte expanded form (private || public) older exports wrote.
        if (!d || (d.length !== 32 && d.length !== 64)) throw new Error('not an Ed25519 private key (d must be 32 bytes)');
        try {
          pair = await Ed25519Multikey.generate({ seed: d.subarray(0, 32) });
        } finally {
          d.fill(0);
        }
        const own = await pair.export({ publicKey: true, raw: true });
        if (!bytesEqual(own.publicKey!, x)) throw new Error('not an Ed25519 key pair: the private part does not belong to the public part');
      } else {
        // Multikey: multibase base58btc (`z`) of the multicodec ed25519-pub (0xed 0x01) and the key.
        pair = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: `z${bytesToBase58btc(Uint8Array.of(0xed, 0x01, ...x))}` });
      }
    } else if ('publicKeyMultibase' in input && typeof input.publicKeyMultibase === 'string') {
      if (!input.publicKeyMultibase.startsWith('z6Mk')) throw new Error('not an Ed25519 public key (z6Mk…)');
      pair = await Ed25519Multikey.from({
        type: 'Multikey',
        publicKeyMultibase: input.publicKeyMultibase,
        ...(typeof input.secretKeyMultibase === 'string' ? { secretKeyMultibase: input.secretKeyMultibase } : {}),
      });
    } else {
      throw new Error('expected publicKeyMultibase or jwk');
    }
    if (pair.secretKeyMultibase !== undefined && !(await privateMatchesPublic(pair))) throw new Error('not an Ed25519 key pair: the private part does not belong to the public part');
  } catch (cause) {
    // The cause may quote the private key: say what is wrong without it.
    const reason = cause instanceof Error && /^(not an|expected)/.test(cause.message) ? cause.message : 'the key material could not be decoded';
    throw new TypeError(`importIssuerKey(): ${reason}`);
  }
  return withIdentity(pair, controller, typeof input.id === 'string' ? input.id : undefined);
}

/** Signs a fixed message and checks it with the public key: a corrupted private part fails here, not at signing. */
async function privateMatchesPublic(pair: Ed25519MultikeyPair): Promise<boolean> {
  const data = new TextEncoder().encode('eu-micro-credentials key check');
  try {
    const signature = await pair.signer().sign({ data });
    const publicOnly = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: pair.publicKeyMultibase });
    return await publicOnly.verifier().verify({ data, signature });
  } catch {
    return false;
  }
}

function withIdentity(pair: Ed25519MultikeyPair, controller: string | undefined, id: string | undefined): IssuerKey {
  const fingerprint = pair.publicKeyMultibase;
  const owner = controller ?? `did:key:${fingerprint}`;
  return new IssuerKey(pair, id ?? `${owner}#${fingerprint}`, owner);
}

/**
 * A key's parts for storage or publication. Without `includePrivate` only the public part.
 *
 * @example
 * const pub = await exportKey(key); // { id, controller, publicKeyMultibase, jwk: { kty, crv, x } }
 * const all = await exportKey(key, { includePrivate: true }); // adds secretKeyMultibase and jwk.d
 */
export async function exportKey(key: IssuerKey, options: { includePrivate?: boolean } = {}): Promise<ExportedKey> {
  if (!(key instanceof IssuerKey)) throw new TypeError('exportKey(): expected an IssuerKey');
  if (options.includePrivate && !key.canSign) throw new TypeError('exportKey(): this key has no private part');
  const exporter = exporters.get(key);
  if (exporter === undefined) throw new TypeError('exportKey(): this IssuerKey was made by another copy of the library; export it with that copy');
  return exporter(options.includePrivate === true);
}

/**
 * The DID document of a `did:key` Ed25519 key (`did:key:z6Mk…`), built offline; undefined for other DIDs.
 *
 * @example
 * const doc = didKeyDocument('did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX');
 * doc?.assertionMethod; // ['did:key:z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX#z6Mkon3Necd6NkkyfoGoHxid2znGc59LU3K7mubaRcFbLfLX']
 * didKeyDocument('did:web:uni.example.eu'); // undefined: fetch and pass did:web documents yourself
 */
export function didKeyDocument(did: string): ControllerDocument | undefined {
  const m = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]{40,50})$/.exec(did);
  if (!m) return undefined;
  const fingerprint = m[1]!;
  return controllerDocumentOf({ id: `${did}#${fingerprint}`, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: fingerprint });
}
