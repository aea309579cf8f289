/**
 * X.509 CRLs (RFC 5280 §5) as far as checking their integrity needs: the signed part, who issued
 * it, the key identifier of the issuer's key, and the signature. Read with `@peculiar/asn1-x509`'s
 * CertificateList after the strict DER gate. Revocation itself is not evaluated.
 * @module
 */
import { AuthorityKeyIdentifier, CertificateList, id_ce_authorityKeyIdentifier } from '@peculiar/asn1-x509';
import { decode, readSignatureAlgorithm, signatureScheme, type SignatureScheme } from './algorithms.js';
import { DerError, checkDer, childrenOf, encodingOf, fields, readRoot, timeOf } from './der.js';
import { parseName, type DistinguishedName } from './names.js';
import { extensionValue, signatureBits } from './x509.js';
import { bytesEqual, type Bytes } from '../json/encoding.js';

/** A parsed CRL. */
export interface Crl {
  /** tbsCertList, what the signature covers. */
  readonly tbs: Bytes;
  readonly issuer: DistinguishedName;
  /** keyIdentifier of the authorityKeyIdentifier CRL extension (RFC 5280 §5.2.1), when present. */
  readonly authorityKeyIdentifier?: Bytes;
  readonly signatureAlgorithm: { readonly oid: string; readonly scheme: SignatureScheme };
  readonly signature: Bytes;
}

/**
 * Parses a DER CertificateList (RFC 5280 §5.1). Throws {@link DerError} when malformed, and when
 * the outer signatureAlgorithm differs from tbsCertList.signature (§5.1.1.2), which is not signed.
 *
 * @example
 * const crl = parseCrl(der);
 * crl.issuer.text; // 'CN=root-ca, OU=PKI-TEST, O=Nowina Solutions, C=LU'
 */
export function parseCrl(der: Bytes): Crl {
  checkDer(der);
  const [tbsTlv, algTlv, sigTlv] = fields(readRoot(der), 'CertificateList', 3);
  const typed = decode(der, CertificateList, 'CertificateList').tbsCertList;
  const tbs = childrenOf(tbsTlv!);
  // version is v2 when present (RFC 5280 §5.1.2.1); the schema reads it as 1.
  let i = typed.version === undefined ? 0 : 1;
  if (typed.version !== undefined && typed.version !== 1) throw new DerError('CRL version is not v2');
  const inner = signatureScheme(encodingOf(tbs[i++]!));
  const issuer = parseName(encodingOf(tbs[i++]!));
  timeOf(tbs[i++]!);
  if (typed.nextUpdate !== undefined) timeOf(tbs[i++]!);
  if (typed.revokedCertificates !== undefined) i++; // covered by the signature, not evaluated
  let aki: Bytes | undefined;
  if (typed.crlExtensions !== undefined) {
    i++;
    const ext = typed.crlExtensions.find((e) => e.extnID === id_ce_authorityKeyIdentifier);
    const id = ext === undefined ? undefined : extensionValue(ext, AuthorityKeyIdentifier, 'AuthorityKeyIdentifier', 3).keyIdentifier;
    if (id !== undefined) aki = new Uint8Array(id.buffer);
  }
  if (i !== tbs.length) throw new DerError('tbsCertList has unexpected fields');
  const outer = readSignatureAlgorithm(encodingOf(algTlv!));
  if (!bytesEqual(outer.der, inner.der)) throw new DerError('signatureAlgorithm differs from tbsCertList.signature (RFC 5280 §5.1.1.2)');
  return {
    tbs: encodingOf(tbsTlv!),
    issuer,
    ...(aki ? { authorityKeyIdentifier: aki } : {}),
    signatureAlgorithm: { oid: outer.oid, scheme: outer.scheme },
    signature: signatureBits(sigTlv, 'signatureValue'),
  };
}
