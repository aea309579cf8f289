/**
 * The proof suites: Ed25519Signature2020 (the default), DataIntegrityProof with eddsa-rdfc-2022,
 * and DataIntegrityProof with eddsa-jcs-2022 (JSON canonicalization: no RDF, much faster).
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { IssuerKey } from './keys.js';

/**
 * The proof suites `signCredential()` can use; `verifyCredential()` verifies all three.
 *
 * @example
 * for (const suite of SUITES) await signCredential(credential, { key, suite });
 */
export const SUITES = ['Ed25519Signature2020', 'eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const;
/**
 * A proof suite name (one of `SUITES`).
 *
 * @example
 * const suite: SuiteName = 'eddsa-jcs-2022'; // JSON canonicalization: much faster than the RDF suites
 * const signed = await signCredential(credential, { key, suite });
 */
export type SuiteName = (typeof SUITES)[number];

/** A signing suite of the @digitalbazaar libraries for a key. */
export function signingSuite(name: SuiteName, key: IssuerKey, date?: Date): unknown {
  const signer = key.signer();
  const when = date ? { date } : {};
  switch (name) {
    case 'Ed25519Signature2020':
      return new Ed25519Signature2020({ signer, ...when });
    case 'eddsa-rdfc-2022':
      return new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022, ...when });
    case 'eddsa-jcs-2022':
      return new DataIntegrityProof({ signer, cryptosuite: createSignCryptosuite(), ...when });
  }
}

/** Every suite a verifier accepts (a proof selects its own). */
export function verifyingSuites(): unknown[] {
  return [new Ed25519Signature2020(), new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() })];
}

/** Whether a proof is of a type and cryptosuite verifyingSuites() handles. */
export function isSupportedProof(proof: unknown): boolean {
  if (proof === null || typeof proof !== 'object') return false;
  const { type, cryptosuite } = proof as { type?: unknown; cryptosuite?: unknown };
  return type === 'Ed25519Signature2020' || (type === 'DataIntegrityProof' && (cryptosuite === 'eddsa-rdfc-2022' || cryptosuite === 'eddsa-jcs-2022'));
}
