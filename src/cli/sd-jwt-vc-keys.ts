/**
 * The keys and certificates the SD-JWT VC commands read from files: the issuer's private JWK
 * (`convert --to sd-jwt-vc --key`), the holder's public JWK (`--holder-key`), the issuer's public
 * keys for `verify` (`--issuer-keys`: a JWK or a JWK Set), and PEM certificates (`--x5c`). Private
 * keys are read from files only, never printed; a private key where a public one belongs is refused
 * (it should not have left its owner). Every problem is a usage error naming the option and file.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readJsonFile } from './io.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** A JSON Web Key as read from a file (RFC 7517): an object with `kty`. */
export type Jwk = Record<string, unknown> & { kty: string };

/** The members of a JWK that belong to its private part (RFC 7518 §6). */
const PRIVATE_MEMBERS: readonly string[] = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const MAKE_ONE = 'make one with `eumc keygen --format jwk --alg ES256 --out issuer-key.json` (the public key is printed)';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isJwk = (v: unknown): v is Jwk => isObject(v) && typeof v.kty === 'string';
/** Whether a JWK holds a private part. */
export const isPrivateJwk = (jwk: Jwk): boolean => PRIVATE_MEMBERS.some((m) => Object.hasOwn(jwk, m));

/** What a file that is JSON but not a JWK is, in the message that refuses it. */
function notJwk(option: string, path: string, doc: unknown): UsageError {
  const multikey = isObject(doc) && (typeof doc.secretKeyMultibase === 'string' || typeof doc.publicKeyMultibase === 'string');
  const what = multikey ? 'an eumc signing key (Multikey, for `eumc sign`), not a JWK' : 'not a JWK (a JSON object with "kty")';
  return new UsageError(`${option} ${safeName(path)} is ${what}: an SD-JWT VC is signed with a JWK; ${MAKE_ONE}`);
}

/** `--key`: the issuer's private JWK (ES256 on P-256, or EdDSA on Ed25519). */
export async function readIssuerKey(path: string): Promise<Jwk> {
  const doc = await readJsonFile(path, '--key');
  if (!isJwk(doc)) throw notJwk('--key', path, doc);
  if (!isPrivateJwk(doc)) throw new UsageError(`--key ${safeName(path)} holds a public key: signing needs the issuer's private key (the file \`eumc keygen --format jwk --out\` wrote)`);
  return doc;
}

/** `--holder-key`: the holder's public JWK, put in the credential's `cnf`. A private key is refused. */
export async function readHolderKey(path: string): Promise<Jwk> {
  const doc = await readJsonFile(path, '--holder-key');
  if (!isJwk(doc)) throw notJwk('--holder-key', path, doc);
  if (isPrivateJwk(doc)) {
    throw new UsageError(`--holder-key ${safeName(path)} holds a private key: give the holder's public key (what \`eumc keygen --format jwk\` printed); the holder's private key should never reach the issuer`);
  }
  return doc;
}

/** `--issuer-keys` (repeatable): each file a public JWK or a JWK Set (`{ "keys": [...] }`). Private keys are refused. */
export async function readIssuerKeys(paths: readonly string[]): Promise<Jwk[]> {
  const keys: Jwk[] = [];
  for (const path of paths) {
    const doc = await readJsonFile(path, '--issuer-keys');
    const found = isObject(doc) && Array.isArray(doc.keys) ? doc.keys : [doc];
    if (found.length === 0 || !found.every(isJwk)) throw new UsageError(`--issuer-keys ${safeName(path)} is neither a JWK nor a JWK Set ({ "keys": [ … ] }) of them`);
    if (found.some(isPrivateJwk)) throw new UsageError(`--issuer-keys ${safeName(path)} holds a private key: give the issuer's public keys only`);
    keys.push(...found);
  }
  return keys;
}

/** The certificates of a PEM file, base64 DER each, in the file's order (`--x5c`: leaf first). */
export async function readPemCertificates(path: string, option: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${option} ${safeName(path)} cannot be read (${error.code ?? 'I/O error'})`);
  });
  const certificates = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => m[1]!.replace(/\s+/g, ''));
  if (certificates.length === 0) throw new UsageError(`${option} ${safeName(path)} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return certificates;
}

/**
 * The public key of the leaf certificate in a compact SD-JWT's `x5c` header, as a JWK: what
 * `--integrity-only` checks the signature with when no key is given. `undefined` when there is no
 * readable certificate. The certificate is not checked: that is what `--trust-anchors` is for.
 */
export function x5cLeafKey(sdJwt: string): Jwk | undefined {
  try {
    const header: unknown = JSON.parse(Buffer.from(sdJwt.trim().split('.')[0]!, 'base64url').toString('utf8'));
    const x5c = isObject(header) ? header.x5c : undefined;
    if (!Array.isArray(x5c) || typeof x5c[0] !== 'string') return undefined;
    const jwk: unknown = new X509Certificate(Buffer.from(x5c[0], 'base64')).publicKey.export({ format: 'jwk' });
    return isJwk(jwk) ? jwk : undefined;
  } catch {
    return undefined;
  }
}
