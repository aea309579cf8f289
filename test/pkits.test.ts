/**
 * Our RFC 5280 path validation (src/seal/chain.ts) against NIST PKITS, the public test suite for
 * certification path validation (test/vectors/pkits/README.md says where the files come from).
 *
 * Each case is named by its PKITS number and title, gives the certificates from the trust anchor
 * down (the end entity last), and the outcome PKITS expects with the default settings. For the
 * invalid ones, the problem code our validator must report says it fails for the right reason.
 *
 * Out of scope, and why (not vendored):
 * - 4.1.4, 4.1.5, 4.1.6: DSA signatures. WebCrypto has no DSA, and EDC seals use RSA and ECDSA;
 *   a DSA-signed path is refused as unverifiable (4.1.6 would "pass" for that reason, not the right one).
 * - 4.4 (CRLs), 4.5.2, 4.5.5, 4.5.7, 4.7.4, 4.7.5, 4.14, 4.15: revocation. The chain does not
 *   check revocation (it would need the network); the seal reports that it did not
 *   (EDC_SEAL_TIMESTAMP_NOT_CHECKED). Their valid cases would pass and their invalid ones fail.
 * - 4.8-4.12 (certificate policies, policy mappings, requireExplicitPolicy, inhibitPolicyMapping,
 *   inhibitAnyPolicy): the chain validates as with initial-any-policy and no explicit policy
 *   (RFC 5280 §6.1.1), so only the default-setting outcomes could be checked, and most of those
 *   paths hold critical policy-constraint extensions that it refuses.
 * - 4.13 (name constraints): not processed; a critical nameConstraints extension makes the path
 *   invalid (unprocessed critical extension, RFC 5280 §4.2), so the valid cases would fail.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateChain } from '../src/seal/chain.js';
import { parseCrl } from '../src/seal/crl.js';
import { verifySignatureValue } from '../src/seal/keys.js';
import { parseCertificate, tryParseCertificate, type Certificate } from '../src/seal/x509.js';

const dir = new URL('./vectors/pkits/', import.meta.url);
const bytes = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(new URL(`certs/${name}.crt`, dir)));
const cert = (name: string): Certificate => parseCertificate(bytes(name));

/** Inside every PKITS certificate's validity (2010-01-01 to 2030-12-31) except the deliberately bad ones. */
const NOW = new Date('2020-06-01T00:00:00Z');

type Code = 'EDC_SEAL_UNTRUSTED' | 'EDC_SEAL_CHAIN_INVALID' | 'EDC_SEAL_CERTIFICATE_EXPIRED' | 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID';

interface Case {
  /** PKITS number and title. */
  readonly name: string;
  /** Intermediates from the anchor's side down; the end entity last. */
  readonly path: readonly string[];
  /** `true`, or the code of the problem that makes it invalid. */
  readonly expect: true | Code;
}

const CASES: readonly Case[] = [
  // 4.1 Signature Verification
  { name: '4.1.1 Valid Signatures Test1', path: ['GoodCACert', 'ValidCertificatePathTest1EE'], expect: true },
  { name: '4.1.2 Invalid CA Signature Test2', path: ['BadSignedCACert', 'InvalidCASignatureTest2EE'], expect: 'EDC_SEAL_UNTRUSTED' },
  { name: '4.1.3 Invalid EE Signature Test3', path: ['GoodCACert', 'InvalidEESignatureTest3EE'], expect: 'EDC_SEAL_UNTRUSTED' },
  // 4.2 Validity Periods
  { name: '4.2.1 Invalid CA notBefore Date Test1', path: ['BadnotBeforeDateCACert', 'InvalidCAnotBeforeDateTest1EE'], expect: 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID' },
  { name: '4.2.2 Invalid EE notBefore Date Test2', path: ['GoodCACert', 'InvalidEEnotBeforeDateTest2EE'], expect: 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID' },
  { name: '4.2.3 Valid pre2000 UTC notBefore Date Test3', path: ['GoodCACert', 'Validpre2000UTCnotBeforeDateTest3EE'], expect: true },
  { name: '4.2.4 Valid GeneralizedTime notBefore Date Test4', path: ['GoodCACert', 'ValidGeneralizedTimenotBeforeDateTest4EE'], expect: true },
  { name: '4.2.5 Invalid CA notAfter Date Test5', path: ['BadnotAfterDateCACert', 'InvalidCAnotAfterDateTest5EE'], expect: 'EDC_SEAL_CERTIFICATE_EXPIRED' },
  { name: '4.2.6 Invalid EE notAfter Date Test6', path: ['GoodCACert', 'InvalidEEnotAfterDateTest6EE'], expect: 'EDC_SEAL_CERTIFICATE_EXPIRED' },
  { name: '4.2.7 Invalid pre2000 UTC EE notAfter Date Test7', path: ['GoodCACert', 'Invalidpre2000UTCEEnotAfterDateTest7EE'], expect: 'EDC_SEAL_CERTIFICATE_EXPIRED' },
  { name: '4.2.8 Valid GeneralizedTime notAfter Date Test8', path: ['GoodCACert', 'ValidGeneralizedTimenotAfterDateTest8EE'], expect: true },
  // 4.3 Verifying Name Chaining
  { name: '4.3.1 Invalid Name Chaining EE Test1', path: ['GoodCACert', 'InvalidNameChainingTest1EE'], expect: 'EDC_SEAL_UNTRUSTED' },
  { name: '4.3.2 Invalid Name Chaining Order Test2', path: ['NameOrderingCACert', 'InvalidNameChainingOrderTest2EE'], expect: 'EDC_SEAL_UNTRUSTED' },
  { name: '4.3.3 Valid Name Chaining Whitespace Test3', path: ['GoodCACert', 'ValidNameChainingWhitespaceTest3EE'], expect: true },
  { name: '4.3.4 Valid Name Chaining Whitespace Test4', path: ['GoodCACert', 'ValidNameChainingWhitespaceTest4EE'], expect: true },
  { name: '4.3.5 Valid Name Chaining Capitalization Test5', path: ['GoodCACert', 'ValidNameChainingCapitalizationTest5EE'], expect: true },
  { name: '4.3.6 Valid Name Chaining UIDs Test6', path: ['UIDCACert', 'ValidNameUIDsTest6EE'], expect: true },
  { name: '4.3.7 Valid RFC3280 Mandatory Attribute Types Test7', path: ['RFC3280MandatoryAttributeTypesCACert', 'ValidRFC3280MandatoryAttributeTypesTest7EE'], expect: true },
  { name: '4.3.8 Valid RFC3280 Optional Attribute Types Test8', path: ['RFC3280OptionalAttributeTypesCACert', 'ValidRFC3280OptionalAttributeTypesTest8EE'], expect: true },
  { name: '4.3.9 Valid UTF8String Encoded Names Test9', path: ['UTF8StringEncodedNamesCACert', 'ValidUTF8StringEncodedNamesTest9EE'], expect: true },
  { name: '4.3.10 Valid Rollover from PrintableString to UTF8String Test10', path: ['RolloverfromPrintableStringtoUTF8StringCACert', 'ValidRolloverfromPrintableStringtoUTF8StringTest10EE'], expect: true },
  { name: '4.3.11 Valid UTF8String Case Insensitive Match Test11', path: ['UTF8StringCaseInsensitiveMatchCACert', 'ValidUTF8StringCaseInsensitiveMatchTest11EE'], expect: true },
  // 4.5 Verifying Paths with Self-Issued Certificates (the cases that do not need revocation)
  { name: '4.5.1 Valid Basic Self-Issued Old With New Test1', path: ['BasicSelfIssuedNewKeyCACert', 'BasicSelfIssuedNewKeyOldWithNewCACert', 'ValidBasicSelfIssuedOldWithNewTest1EE'], expect: true },
  { name: '4.5.3 Valid Basic Self-Issued New With Old Test3', path: ['BasicSelfIssuedOldKeyCACert', 'BasicSelfIssuedOldKeyNewWithOldCACert', 'ValidBasicSelfIssuedNewWithOldTest3EE'], expect: true },
  { name: '4.5.4 Valid Basic Self-Issued New With Old Test4', path: ['BasicSelfIssuedOldKeyCACert', 'BasicSelfIssuedOldKeyNewWithOldCACert', 'ValidBasicSelfIssuedNewWithOldTest4EE'], expect: true },
  { name: '4.5.6 Valid Basic Self-Issued CRL Signing Key Test6', path: ['BasicSelfIssuedCRLSigningKeyCACert', 'BasicSelfIssuedCRLSigningKeyCRLCert', 'ValidBasicSelfIssuedCRLSigningKeyTest6EE'], expect: true },
  { name: '4.5.8 Invalid Basic Self-Issued CRL Signing Key Test8', path: ['BasicSelfIssuedCRLSigningKeyCACert', 'BasicSelfIssuedCRLSigningKeyCRLCert', 'InvalidBasicSelfIssuedCRLSigningKeyTest8EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  // 4.6 Verifying Basic Constraints
  { name: '4.6.1 Invalid Missing basicConstraints Test1', path: ['MissingbasicConstraintsCACert', 'InvalidMissingbasicConstraintsTest1EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.2 Invalid cA False Test2', path: ['basicConstraintsCriticalcAFalseCACert', 'InvalidcAFalseTest2EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.3 Invalid cA False Test3', path: ['basicConstraintsNotCriticalcAFalseCACert', 'InvalidcAFalseTest3EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.4 Valid basicConstraints Not Critical Test4', path: ['basicConstraintsNotCriticalCACert', 'ValidbasicConstraintsNotCriticalTest4EE'], expect: true },
  { name: '4.6.5 Invalid pathLenConstraint Test5', path: ['pathLenConstraint0CACert', 'pathLenConstraint0subCACert', 'InvalidpathLenConstraintTest5EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.6 Invalid pathLenConstraint Test6', path: ['pathLenConstraint0CACert', 'pathLenConstraint0subCACert', 'InvalidpathLenConstraintTest6EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.7 Valid pathLenConstraint Test7', path: ['pathLenConstraint0CACert', 'ValidpathLenConstraintTest7EE'], expect: true },
  { name: '4.6.8 Valid pathLenConstraint Test8', path: ['pathLenConstraint0CACert', 'ValidpathLenConstraintTest8EE'], expect: true },
  { name: '4.6.9 Invalid pathLenConstraint Test9', path: ['pathLenConstraint6CACert', 'pathLenConstraint6subCA0Cert', 'pathLenConstraint6subsubCA00Cert', 'InvalidpathLenConstraintTest9EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.10 Invalid pathLenConstraint Test10', path: ['pathLenConstraint6CACert', 'pathLenConstraint6subCA0Cert', 'pathLenConstraint6subsubCA00Cert', 'InvalidpathLenConstraintTest10EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.11 Invalid pathLenConstraint Test11', path: ['pathLenConstraint6CACert', 'pathLenConstraint6subCA1Cert', 'pathLenConstraint6subsubCA11Cert', 'pathLenConstraint6subsubsubCA11XCert', 'InvalidpathLenConstraintTest11EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.12 Invalid pathLenConstraint Test12', path: ['pathLenConstraint6CACert', 'pathLenConstraint6subCA1Cert', 'pathLenConstraint6subsubCA11Cert', 'pathLenConstraint6subsubsubCA11XCert', 'InvalidpathLenConstraintTest12EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.13 Valid pathLenConstraint Test13', path: ['pathLenConstraint6CACert', 'pathLenConstraint6subCA4Cert', 'pathLenConstraint6subsubCA41Cert', 'pathLenConstraint6subsubsubCA41XCert', 'ValidpathLenConstraintTest13EE'], expect: true },
  { name: '4.6.14 Valid pathLenConstraint Test14', path: ['pathLenConstraint6CACert', 'pathLenConstraint6subCA4Cert', 'pathLenConstraint6subsubCA41Cert', 'pathLenConstraint6subsubsubCA41XCert', 'ValidpathLenConstraintTest14EE'], expect: true },
  { name: '4.6.15 Valid Self-Issued pathLenConstraint Test15', path: ['pathLenConstraint0CACert', 'pathLenConstraint0SelfIssuedCACert', 'ValidSelfIssuedpathLenConstraintTest15EE'], expect: true },
  { name: '4.6.16 Invalid Self-Issued pathLenConstraint Test16', path: ['pathLenConstraint0CACert', 'pathLenConstraint0SelfIssuedCACert', 'pathLenConstraint0subCA2Cert', 'InvalidSelfIssuedpathLenConstraintTest16EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.6.17 Valid Self-Issued pathLenConstraint Test17', path: ['pathLenConstraint1CACert', 'pathLenConstraint1SelfIssuedCACert', 'pathLenConstraint1subCACert', 'pathLenConstraint1SelfIssuedsubCACert', 'ValidSelfIssuedpathLenConstraintTest17EE'], expect: true },
  // 4.7 Key Usage (4.7.4 and 4.7.5 are about signing CRLs: revocation, out of scope)
  { name: '4.7.1 Invalid keyUsage Critical keyCertSign False Test1', path: ['keyUsageCriticalkeyCertSignFalseCACert', 'InvalidkeyUsageCriticalkeyCertSignFalseTest1EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.7.2 Invalid keyUsage Not Critical keyCertSign False Test2', path: ['keyUsageNotCriticalkeyCertSignFalseCACert', 'InvalidkeyUsageNotCriticalkeyCertSignFalseTest2EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
  { name: '4.7.3 Valid keyUsage Not Critical Test3', path: ['keyUsageNotCriticalCACert', 'ValidkeyUsageNotCriticalTest3EE'], expect: true },
  // 4.16 Private Certificate Extensions
  { name: '4.16.1 Valid Unknown Not Critical Certificate Extension Test1', path: ['ValidUnknownNotCriticalCertificateExtensionTest1EE'], expect: true },
  { name: '4.16.2 Invalid Unknown Critical Certificate Extension Test2', path: ['InvalidUnknownCriticalCertificateExtensionTest2EE'], expect: 'EDC_SEAL_CHAIN_INVALID' },
];

describe('NIST PKITS path validation (test/vectors/pkits)', () => {
  const anchor = cert('TrustAnchorRootCertificate');

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // As the seal reads x5c: a certificate that is not DER is skipped. 4.1.2's BadSignedCACert is
    // one: its signature was spoiled by setting the BIT STRING's unused-bits octet to 1.
    const certs = c.path.flatMap((name) => {
      const parsed = tryParseCertificate(bytes(name));
      return parsed.ok ? [parsed.certificate] : [];
    });
    const leaf = cert(c.path[c.path.length - 1]!);
    // The pool in reverse: the path builder must find the order itself.
    const result = await validateChain(leaf, certs.slice(0, -1).reverse(), [anchor], NOW);
    if (c.expect === true) {
      expect(result.problems).toEqual([]);
      expect(result.trusted).toBe(true);
      // Signer first, anchor last (4.5.4 and 4.5.6 need only some of the certificates given).
      expect(result.path?.[0]).toBe(leaf);
      expect(result.path?.at(-1)).toBe(anchor);
    } else {
      expect(result.trusted).toBe(false);
      expect(result.problems.map((p) => p.code)).toContain(c.expect);
    }
  });

  it('reads the CAs\' CRLs and checks their signatures with the issuing CA\'s key', async () => {
    const crls: [string, Certificate, boolean][] = [
      ['TrustAnchorRootCRL', anchor, true],
      ['GoodCACRL', cert('GoodCACert'), true],
      ['pathLenConstraint0CACRL', cert('pathLenConstraint0CACert'), true],
      ['keyUsageNotCriticalCACRL', cert('keyUsageNotCriticalCACert'), true],
      // A CRL checked with the wrong CA's key does not verify.
      ['GoodCACRL', anchor, false],
    ];
    for (const [name, issuer, ok] of crls) {
      const crl = parseCrl(new Uint8Array(readFileSync(new URL(`crls/${name}.crl`, dir))));
      expect(crl.issuer.text, name).toBe(ok ? issuer.subject.text : cert('GoodCACert').subject.text);
      const check = await verifySignatureValue(crl.signatureAlgorithm.scheme, issuer.publicKey, crl.tbs, crl.signature);
      expect(check.ok, name).toBe(ok);
    }
  });
});
