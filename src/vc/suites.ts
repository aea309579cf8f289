/**
 * The proof suites: Ed25519Signature2020 (the default), DataIntegrityProof with eddsa-rdfc-2022,
 * and DataIntegrityProof with eddsa-jcs-2022 (JSON canonicalization: no RDF, much faster). Proofs
 * with eddsa-2022, the name eddsa-rdfc-2022 had in drafts of 2022-2023 (and in Open Badges 3.0
 * badges of that time), are verified, never made.
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

/**
 * eddsa-2022: eddsa-rdfc-2022 under its earlier name. The algorithm is the same (URDNA2015, renamed
 * RDFC-1.0; SHA-256 of the proof options and of the document; Ed25519), and so is the code of its
 * implementation, @digitalbazaar/eddsa-2022-cryptosuite 1.0.0, save the name and that its
 * canonicalization is not in safe mode by default (the proof suite asks for safe mode either way).
 * That package, never updated since, would bring jsonld 8 beside jsonld 9; this takes the
 * maintained implementation and gives it the old name. A test verifies proofs made by that package.
 */
const eddsa2022 = Object.freeze({ ...eddsaRdfc2022, name: 'eddsa-2022' });

/** Every suite a verifier accepts (a proof selects its own). */
export function verifyingSuites(): unknown[] {
  return [
    new Ed25519Signature2020(),
    new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }),
    new DataIntegrityProof({ cryptosuite: eddsa2022 }),
  ];
}

/** Whether a proof is of a type and cryptosuite verifyingSuites() handles. */
export function isSupportedProof(proof: unknown): boolean {
  if (proof === null || typeof proof !== 'object') return false;
  const { type, cryptosuite } = proof as { type?: unknown; cryptosuite?: unknown };
  return type === 'Ed25519Signature2020' || (type === 'DataIntegrityProof' && (cryptosuite === 'eddsa-rdfc-2022' || cryptosuite === 'eddsa-jcs-2022' || cryptosuite === 'eddsa-2022'));
}
