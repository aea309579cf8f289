/**
 * `eumc keygen --format jwk`: a key pair for SD-JWT VC (ES256 on P-256, what the EU wallet
 * ecosystem requires, or EdDSA on Ed25519), made by the library's `generateSdJwtVcKeyPair`. The
 * private JWK goes to the `--out` file only (mode 0600); the public JWK is printed, ready for
 * `eumc verify --issuer-keys` (an issuer's) or `eumc convert --to sd-jwt-vc --holder-key` (a holder's).
 * Both carry `alg` and a `kid`: the RFC 7638 thumbprint of the public key unless `--id` names one.
 */
import { type OutFile, writeOut } from './files.js';
import { say } from './io.js';
import { sdJwtVcEntry } from './sd-jwt-vc-detect.js';
import { safeName } from './text.js';

/** Writes a new SD-JWT VC key pair: the private JWK to `out`, the public JWK to standard output. */
export async function keygenJwk(out: OutFile, name: string, options: { alg: 'ES256' | 'EdDSA'; id?: string }): Promise<void> {
  const { generateSdJwtVcKeyPair } = await sdJwtVcEntry();
  const { privateJwk, publicJwk } = await generateSdJwtVcKeyPair(options.alg, options.id !== undefined ? { kid: options.id } : {});
  await writeOut(out, `${JSON.stringify(privateJwk, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(publicJwk, null, 2)}\n`);
  say(`Private key written to ${safeName(name)} (mode 0600). The public key above is what verifiers give to --issuer-keys (an issuer's key) or the issuer to --holder-key (a holder's key).`);
}
