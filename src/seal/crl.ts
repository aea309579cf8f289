/**
 * X.509 CRLs (RFC 5280 §5) as far as checking their integrity needs: the signed part, who issued
 * it, the key identifier of the issuer's key, and the signature. Revocation itself is not evaluated.
 * @module
 */
import { DerError, TAG, bitStringOf, booleanOf, childrenOf, contentOf, encodingOf, expectTag, oidOf, readRoot, smallInteger, timeOf, type Tlv } from './der.js';
import { bytesEqual, type Bytes } from '../json/encoding.js';
import { parseName, readSignatureAlgorithm, type DistinguishedName, type SignatureScheme } from './x509.js';

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

function authorityKeyIdentifierOf(tlv: Tlv): Bytes | undefined {
  // crlExtensions [0] EXPLICIT Extensions (RFC 5280 §5.1)
  const [list, extra] = childrenOf(tlv);
  if (extra !== undefined) throw new DerError('crlExtensions: extra fields');
  let aki: Bytes | undefined;
  for (const ext of childrenOf(expectTag(list, TAG.SEQUENCE, 'Extensions'))) {
    const fields = childrenOf(expectTag(ext, TAG.SEQUENCE, 'Extension'));
    const oid = oidOf(expectTag(fields[0], TAG.OID, 'extnID'));
    let i = 1;
    if (fields[i]?.tag === TAG.BOOLEAN) booleanOf(fields[i++]!);
    const value = contentOf(expectTag(fields[i], TAG.OCTET_STRING, 'extnValue'));
    if (oid === '2.5.29.35') {
      for (const f of childrenOf(expectTag(readRoot(value), TAG.SEQUENCE, 'AuthorityKeyIdentifier'))) if (f.tag === 0x80) aki = contentOf(f);
    }
  }
  return aki;
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
  const [tbsTlv, algTlv, sigTlv, extra] = childrenOf(expectTag(readRoot(der), TAG.SEQUENCE, 'CertificateList'));
  if (extra !== undefined) throw new DerError('CertificateList has extra fields');
  const tbs = childrenOf(expectTag(tbsTlv, TAG.SEQUENCE, 'tbsCertList'));
  let i = 0;
  if (tbs[0]?.tag === TAG.INTEGER && smallInteger(tbs[i++]!) !== 1) throw new DerError('CRL version is not v2');
  const inner = readSignatureAlgorithm(tbs[i++]);
  const issuer = parseName(expectTag(tbs[i++], TAG.SEQUENCE, 'issuer'));
  timeOf(tbs[i++]!);
  if (tbs[i]?.tag === TAG.UTC_TIME || tbs[i]?.tag === TAG.GENERALIZED_TIME) timeOf(tbs[i++]!);
  if (tbs[i]?.tag === TAG.SEQUENCE) i++; // revokedCertificates: covered by the signature, not evaluated
  let aki: Bytes | undefined;
  if (tbs[i]?.tag === 0xa0) aki = authorityKeyIdentifierOf(tbs[i++]!);
  if (i !== tbs.length) throw new DerError('tbsCertList has unexpected fields');
  const outer = readSignatureAlgorithm(algTlv);
  if (!bytesEqual(outer.der, inner.der)) throw new DerError('signatureAlgorithm differs from tbsCertList.signature (RFC 5280 §5.1.1.2)');
  const sig = bitStringOf(expectTag(sigTlv, TAG.BIT_STRING, 'signatureValue'));
  if (sig.unusedBits !== 0) throw new DerError('signatureValue has unused bits');
  return {
    tbs: encodingOf(tbsTlv!),
    issuer,
    ...(aki ? { authorityKeyIdentifier: aki } : {}),
    signatureAlgorithm: { oid: outer.oid, scheme: outer.scheme },
    signature: sig.bytes,
  };
}
