import { X509Certificate, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algorithmIdentifier, isRecognisedAlgorithm, readSignatureAlgorithm } from '../src/seal/algorithms.js';
import { DerError, checkDer, readRoot, readTlv, timeOf } from '../src/seal/der.js';
import { ecdsaDerToRaw, verifySignatureValue } from '../src/seal/keys.js';
import { verifyTimeStampToken } from '../src/seal/timestamp.js';
import { base64ToBytes, base64UrlToBytes, bytesToBase64, bytesToBase64Url, hasLoneSurrogate } from '../src/json/encoding.js';
import { certificateBytesFrom, parseCertificate, parseIssuerSerial, tryParseCertificate, verifyCertificateSignature } from '../src/seal/x509.js';
import { parseSignedData, parseTstInfo } from '../src/seal/cms.js';
import { parseCrl } from '../src/seal/crl.js';
import { parseOcspResponse } from '../src/seal/ocsp.js';
import { basicConstraints, certificate, crl, derChildren, explicit, extension, integer, keyUsage, keys, name, ocspResponse, octets, oid, seq, time, timeStampToken, tlv, type NameSpec } from './helpers/pki.js';

const u8 = (...b: number[]) => new Uint8Array(b);

/** The five certificates the EU sample carries: the signer (x5c) and the four of etsiU xVals. */
const SAMPLE_CERTS: Buffer[] = (() => {
  const doc = JSON.parse(readFileSync(new URL('./vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url), 'utf8')) as {
    signatures: { protected: string; header: { etsiU: string[] } }[];
  };
  const header = JSON.parse(Buffer.from(doc.signatures[0]!.protected, 'base64url').toString('utf8')) as { x5c: string[] };
  const out = [Buffer.from(header.x5c[0]!, 'base64')];
  for (const e of doc.signatures[0]!.header.etsiU) {
    const o = JSON.parse(Buffer.from(e, 'base64url').toString('utf8')) as { xVals?: { x509Cert: { val: string } }[] };
    for (const x of o.xVals ?? []) out.push(Buffer.from(x.x509Cert.val, 'base64'));
  }
  return out;
})();

describe('base64 and base64url', () => {
  it('decode only the canonical spelling (RFC 4648 §3.5)', () => {
    expect(base64UrlToBytes('AQ')).toEqual(u8(1));
    expect(base64UrlToBytes('AR')).toBeUndefined(); // same byte, non-zero padding bits
    expect(base64UrlToBytes('AQ==')).toBeUndefined(); // JOSE base64url has no padding
    expect(base64UrlToBytes('A')).toBeUndefined();
    expect(base64UrlToBytes('a+b/')).toBeUndefined();
    expect(base64UrlToBytes('')).toEqual(u8());
    expect(base64ToBytes('AQ==')).toEqual(u8(1));
    expect(base64ToBytes('AQ')).toBeUndefined(); // x5c is padded base64
    expect(base64ToBytes('AR==')).toBeUndefined();
    expect(base64ToBytes('A===')).toBeUndefined();
    expect(base64ToBytes('-_8=')).toBeUndefined();
    expect(base64ToBytes('AQ==\n')).toBeUndefined();
  });
  it('round-trip any bytes, and agree with Node', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const b = Buffer.from(bytes);
      expect(bytesToBase64(bytes)).toBe(b.toString('base64'));
      expect(bytesToBase64Url(bytes)).toBe(b.toString('base64url'));
      expect(base64ToBytes(b.toString('base64'))).toEqual(new Uint8Array(bytes));
      expect(base64UrlToBytes(b.toString('base64url'))).toEqual(new Uint8Array(bytes));
    }));
  });
  it('finds lone surrogates', () => {
    expect(hasLoneSurrogate('a\uD83C\uDF93b')).toBe(false);
    expect(hasLoneSurrogate('a\uD83Cb')).toBe(true);
    expect(hasLoneSurrogate('\uDF93')).toBe(true);
  });
});

describe('the strict DER gate and the DER reader', () => {
  const der = (...b: number[]) => new Uint8Array(b);
  it('reads short, long and high-tag forms', () => {
    expect(readTlv(der(0x04, 0x01, 0xaa), 0, 3).end).toBe(3);
    const long = new Uint8Array([0x04, 0x81, 0x80, ...new Array<number>(0x80).fill(1)]);
    expect(readRoot(long).contentStart).toBe(3);
    expect(readTlv(der(0x9f, 0x20, 0x00), 0, 3).tagNumber).toBe(32);
  });
  it('refuses what DER forbids and what runs past the data, which the asn1 schemas would accept', () => {
    const bad: [string, Uint8Array<ArrayBuffer>][] = [
      ['empty', der()],
      ['no length', der(0x30)],
      ['length past the end', der(0x04, 0x05, 0x00)],
      ['absurd length', der(0x30, 0x84, 0xff, 0xff, 0xff, 0xff)],
      ['length of length too long', der(0x30, 0x85, 0, 0, 0, 0, 1, 0)],
      ['non-minimal long form', der(0x04, 0x81, 0x01, 0xaa)],
      ['leading zero in long form', der(0x04, 0x82, 0x00, 0x81, ...new Array<number>(0x81).fill(0))],
      ['indefinite length', der(0x30, 0x80, 0x00, 0x00)],
      ['high tag number in low form', der(0x1f, 0x05, 0x00)],
      ['high tag number with leading 0x80', der(0x1f, 0x80, 0x20, 0x00)],
      ['trailing data', der(0x05, 0x00, 0x00)],
      ['BOOLEAN true as 01', der(0x30, 0x03, 0x01, 0x01, 0x01)],
      ['INTEGER with a leading zero', der(0x02, 0x02, 0x00, 0x05)],
      ['INTEGER with a leading FF', der(0x02, 0x02, 0xff, 0x85)],
      ['empty INTEGER', der(0x02, 0x00)],
      ['BIT STRING with non-zero padding', der(0x03, 0x02, 0x01, 0x01)],
      ['BIT STRING with 8 unused bits', der(0x03, 0x02, 0x08, 0x00)],
      ['NULL with content', der(0x05, 0x01, 0x00)],
      ['constructed OCTET STRING', der(0x24, 0x03, 0x04, 0x01, 0xaa)],
      ['UTCTime without seconds', new Uint8Array(tlv(0x17, Buffer.from('2302011200Z')))],
      ['nested trailing zero length past a SEQUENCE', der(0x30, 0x02, 0x05, 0x00, 0x00)],
    ];
    for (const [what, bytes] of bad) expect(() => checkDer(bytes), what).toThrow(DerError);
    for (const [what, bytes] of bad.slice(0, 11)) expect(() => readRoot(bytes), what).toThrow(DerError);
  });
  it('reads with the asn1 schemas without a global Reflect.metadata polyfill, and installs none', () => {
    expect('metadata' in Reflect).toBe(false);
    expect(parseCertificate(new Uint8Array(SAMPLE_CERTS[1]!)).subject.text).toBe(new X509Certificate(SAMPLE_CERTS[1]!).subject.split('\n').reverse().join(', '));
    expect('metadata' in Reflect).toBe(false);
  });
  it('lets through only certificates whose every element the X.509 schema reads', () => {
    const [tbs, alg, sig] = derChildren(SAMPLE_CERTS[0]!);
    // The schema alone would accept an element after the signature; the field count refuses it.
    expect(() => parseCertificate(new Uint8Array(seq(tbs!, alg!, sig!, tlv(0x05, Buffer.alloc(0)))))).toThrow(/Certificate has 4 fields/);
    expect(() => parseCertificate(new Uint8Array(seq(tbs!, seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)), tlv(0x05, Buffer.alloc(0))), sig!)))).toThrow(DerError);
    expect(parseCertificate(new Uint8Array(seq(tbs!, alg!, sig!))).serialNumber).toBe(new X509Certificate(SAMPLE_CERTS[0]!).serialNumber);
  });
  it('reads OIDs, arcs of any size, and refuses padded arcs', () => {
    expect(algorithmIdentifier(new Uint8Array(seq(oid('1.2.840.113549.1.1.11'))), 'alg').algorithm).toBe('1.2.840.113549.1.1.11');
    expect(() => checkDer(new Uint8Array(oid('2.999.18446744073709551616')))).not.toThrow();
    expect(() => checkDer(der(0x06, 0x02, 0x80, 0x01))).toThrow(DerError);
    expect(() => checkDer(der(0x06, 0x03, 0x2a, 0x80, 0x01))).toThrow(DerError);
    expect(() => checkDer(der(0x06, 0x01, 0x81))).toThrow(DerError);
  });
  it('reads validity times (RFC 5280 §4.1.2.5) and refuses impossible dates', () => {
    const t = (d: string) => timeOf(readRoot(new Uint8Array(time(new Date(d))))).toISOString();
    expect(t('1950-01-01T00:00:00Z')).toBe('1950-01-01T00:00:00.000Z');
    expect(t('2049-12-31T23:59:59Z')).toBe('2049-12-31T23:59:59.000Z');
    expect(t('2050-01-01T00:00:00Z')).toBe('2050-01-01T00:00:00.000Z'); // GeneralizedTime
    expect(t('9999-12-31T23:59:59Z')).toBe('9999-12-31T23:59:59.000Z');
    const raw = (tag: number, s: string) => timeOf(readRoot(new Uint8Array(tlv(tag, Buffer.from(s)))));
    expect(raw(0x18, '00050101000000Z').getUTCFullYear()).toBe(5); // not 1905
    for (const [tag, s] of [[0x17, '230230120000Z'], [0x17, '2302011200Z'], [0x17, '230201120000+0100'], [0x18, '20230201120000.5Z'], [0x18, '20231301120000Z'], [0x17, '23020112000AZ']] as const) {
      expect(() => raw(tag, s), s).toThrow(DerError);
    }
  });
  it('walks DER and BER without recursion, with a depth limit', () => {
    const ber = { ber: true };
    expect(() => checkDer(der(0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00), ber)).not.toThrow();
    expect(() => checkDer(der(0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00))).toThrow(DerError);
    expect(() => checkDer(der(0x30, 0x80, 0x02, 0x01, 0x05), ber)).toThrow(DerError);
    expect(() => checkDer(der(0x30, 0x03, 0x02, 0x01, 0x05, 0x00), ber)).toThrow(DerError);
    const deep = new Uint8Array(2 * 100_000);
    for (let i = 0; i < deep.length; i += 2) deep[i] = 0x30, deep[i + 1] = 0x80;
    expect(() => checkDer(deep, ber)).toThrow(/nested too deeply/);
    for (const c of SAMPLE_CERTS) expect(() => checkDer(new Uint8Array(c))).not.toThrow();
  });
  it('converts ECDSA signatures from DER to R‖S', () => {
    const sig = seq(integer(Buffer.from([0x00, 0x80, ...new Array<number>(31).fill(1)])), integer(5));
    const raw = ecdsaDerToRaw(sig, 'P-256');
    expect(raw.length).toBe(64);
    expect(raw[0]).toBe(0x80);
    expect(raw[63]).toBe(5);
    expect(raw.subarray(32, 63).every((b) => b === 0)).toBe(true);
    expect(() => ecdsaDerToRaw(seq(integer(Buffer.alloc(33, 1)), integer(1)), 'P-256')).toThrow(DerError);
    expect(() => ecdsaDerToRaw(seq(tlv(0x02, Buffer.from([0xff])), integer(1)), 'P-256')).toThrow(DerError);
  });
});

describe('the X.509 reader', () => {
  it('agrees with Node on every certificate of the EU sample', () => {
    for (const der of SAMPLE_CERTS) {
      const ours = parseCertificate(new Uint8Array(der));
      const node = new X509Certificate(der);
      expect(ours.serialNumber).toBe(node.serialNumber);
      expect(ours.notBefore.getTime()).toBe(new Date(node.validFrom).getTime());
      expect(ours.notAfter.getTime()).toBe(new Date(node.validTo).getTime());
      expect(ours.subject.attributes.map((a) => `${a.name}=${a.value}`)).toEqual(node.subject.split('\n'));
      expect(ours.issuer.attributes.map((a) => `${a.name}=${a.value}`)).toEqual(node.issuer.split('\n'));
      expect(ours.extensions.basicConstraints?.ca ?? false).toBe(node.ca);
      expect(ours.publicKey.type).toBe('RSA');
      expect(ours.publicKey.bits).toBe(node.publicKey.asymmetricKeyDetails?.modulusLength);
      expect(ours.version).toBe(3);
    }
  });
  it('shows names in RFC 4514 order with escaping, and hex-escapes control and bidi characters', () => {
    const k = keys('p256', 0);
    const subject: NameSpec = [['C', 'BE'], ['O', 'Acme, Inc. + "Co" <x>;\\'], ['OU', '#1 '], ['CN', 'evil\u202Etxt.exe\nline']];
    const cert = parseCertificate(new Uint8Array(certificate({ subject, issuer: subject, publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256' })));
    expect(cert.subject.text).toBe('CN=evil\\E2\\80\\AEtxt.exe\\0Aline, OU=\\#1\\ , O=Acme\\, Inc. \\+ \\"Co\\" \\<x\\>\\;\\\\, C=BE');
    expect(cert.subject.attributes.map((a) => a.value)).toEqual(['BE', 'Acme, Inc. + "Co" <x>;\\', '#1 ', 'evil\u202Etxt.exe\nline']);
    expect(cert.publicKey).toMatchObject({ type: 'EC', curve: 'P-256' });
  });
  it('reads extensions and refuses duplicates and version mismatches', () => {
    const k = keys('p256', 0);
    const base = { subject: [['CN', 'x']] as NameSpec, issuer: [['CN', 'x']] as NameSpec, publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256' as const };
    const ca = parseCertificate(new Uint8Array(certificate({ ...base, extensions: [basicConstraints(true, 2), keyUsage('keyCertSign', 'cRLSign')] })));
    expect(ca.extensions.basicConstraints).toEqual({ ca: true, pathLength: 2 });
    expect(ca.extensions.keyUsage?.[5]).toBe(true);
    expect(ca.extensions.keyUsage?.[0]).toBe(false);
    // Unreadable extensions (here a duplicate, RFC 5280 §4.2) leave the key usable but bar the certificate from any chain.
    const dup = parseCertificate(new Uint8Array(certificate({ ...base, extensions: [basicConstraints(true), basicConstraints(true)] })));
    expect(dup.extensions.unhandledCritical).toEqual([expect.stringMatching(/unreadable extensions: extension 2\.5\.29\.19 appears twice/)]);
    expect(dup.extensions.basicConstraints).toBeUndefined();
  });
  it('reads the EU sample\'s kid as a JAdES IssuerSerial naming its signer certificate', () => {
    const doc = JSON.parse(readFileSync(new URL('./vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url), 'utf8')) as { signatures: { protected: string }[] };
    const { kid } = JSON.parse(Buffer.from(doc.signatures[0]!.protected, 'base64url').toString('utf8')) as { kid: string };
    const leaf = parseCertificate(new Uint8Array(SAMPLE_CERTS[0]!));
    const issuerSerial = parseIssuerSerial(new Uint8Array(Buffer.from(kid, 'base64')));
    expect(issuerSerial).toBeDefined();
    expect(Buffer.from(issuerSerial!.issuer)).toEqual(Buffer.from(leaf.issuer.der));
    expect(Buffer.from(issuerSerial!.serial)).toEqual(Buffer.from(leaf.serialBytes));
  });
  it('reads large certificates as small ones, without keeping them in its cache', async () => {
    const k = keys('p256', 0);
    const make = (size: number) => certificate({ subject: [['CN', `big ${size}`]], issuer: [['CN', `big ${size}`]], publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256', extensions: [extension('1.2.3.4.5', false, Buffer.alloc(size, 0x41)), basicConstraints(true)] });
    const small = new Uint8Array(make(100));
    const big = new Uint8Array(make(40_000));
    expect(small.length).toBeLessThan(16 * 1024);
    expect(big.length).toBeGreaterThan(16 * 1024);
    for (const der of [small, big]) {
      const cert = parseCertificate(der);
      const node = new X509Certificate(der);
      expect(Buffer.from(cert.der)).toEqual(Buffer.from(der));
      expect(cert.subject.attributes.map((a) => `${a.name}=${a.value}`)).toEqual(node.subject.split('\n'));
      expect(cert.serialNumber).toBe(node.serialNumber);
      expect(cert.extensions).toEqual({ basicConstraints: { ca: true }, unhandledCritical: [] });
      expect(await verifyCertificateSignature(cert, cert)).toEqual({ ok: true });
    }
    // A cache hit returns the same frozen object; the large certificate is read afresh each time.
    expect(parseCertificate(small)).toBe(parseCertificate(small));
    const first = parseCertificate(big);
    const second = parseCertificate(big);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    // Each owns a copy of its bytes: a change to the caller's array after the call shows in neither.
    big[big.length - 1] = big[big.length - 1]! ^ 1;
    expect(first.der[big.length - 1]).not.toBe(big[big.length - 1]);
    expect(parseCertificate(big).signature).not.toEqual(first.signature);
  });
  it('reads PEM bundles, bare base64 and bytes as certificates', () => {
    const [a, b] = SAMPLE_CERTS;
    const pemText = [a!, b!].map((c) => `-----BEGIN CERTIFICATE-----\r\n${c.toString('base64').replace(/.{64}/g, '$&\r\n')}\r\n-----END CERTIFICATE-----`).join('\n');
    expect(certificateBytesFrom(pemText)?.map((x) => Buffer.from(x))).toEqual([a, b]);
    expect(certificateBytesFrom(a!.toString('base64'))?.[0]).toEqual(new Uint8Array(a!));
    expect(certificateBytesFrom('not base64: at all!')).toBeUndefined();
    // base64url and unpadded base64 are read too (anchors are the caller's own data).
    expect(certificateBytesFrom(a!.toString('base64url'))?.[0]).toEqual(new Uint8Array(a!));
  });
  it('never throws on random bytes or on any one-byte change to a real certificate', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      expect(() => tryParseCertificate(bytes)).not.toThrow();
    }), { numRuns: 2000 });
    const leaf = SAMPLE_CERTS[0]!;
    fc.assert(fc.property(fc.nat(leaf.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
      const changed = new Uint8Array(leaf);
      changed[at] = changed[at]! ^ xor;
      const r = tryParseCertificate(changed);
      // Either refused, or read (a changed value inside, e.g. the signature or a name).
      if (r.ok) expect(r.certificate.der.length).toBe(leaf.length);
    }), { numRuns: 3000 });
    fc.assert(fc.property(fc.nat(leaf.length - 1), (cut) => {
      expect(tryParseCertificate(new Uint8Array(leaf.subarray(0, cut))).ok).toBe(false);
    }), { numRuns: 500 });
  });
});

describe('the validation-data readers (CMS, CRL, OCSP) and signature checks', () => {
  const key = () => keys('rsa2048', 9);
  const self = (alg: 'rsa-sha256' | 'rsa-sha1' = 'rsa-sha256') => certificate({ subject: [['CN', 'Reader CA']], issuer: [['CN', 'Reader CA']], publicKey: key().publicKey, signingKey: key().privateKey, alg, extensions: [basicConstraints(true), keyUsage('keyCertSign', 'cRLSign')] });

  it('refuses SHA-1 on certificates, accepts it where only integrity is checked', async () => {
    const cert = parseCertificate(new Uint8Array(self('rsa-sha1')));
    expect((await verifyCertificateSignature(cert, cert)).ok).toBe(false);
    expect(await verifySignatureValue(cert.signatureAlgorithm.scheme, cert.publicKey, cert.tbs, cert.signature, { allowSha1: true })).toEqual({ ok: true });
    const changed = new Uint8Array(cert.tbs);
    changed[changed.length - 1] = changed[changed.length - 1]! ^ 1;
    expect((await verifySignatureValue(cert.signatureAlgorithm.scheme, cert.publicKey, changed, cert.signature, { allowSha1: true })).ok).toBe(false);
  });

  it('holds signature algorithm parameters to their definitions where the identifier is not signed (RFC 4055 §5, RFC 5758 §3.2)', () => {
    const read = (der: Buffer) => readSignatureAlgorithm(new Uint8Array(der));
    expect(read(seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0)))).scheme).toEqual({ kind: 'rsa-pkcs1', hash: 'SHA-256' });
    expect(read(seq(oid('1.2.840.113549.1.1.11'))).scheme).toEqual({ kind: 'rsa-pkcs1', hash: 'SHA-256' });
    expect(() => read(seq(oid('1.2.840.113549.1.1.11'), tlv(0x04, Buffer.alloc(0))))).toThrow(DerError);
    expect(read(seq(oid('1.2.840.10045.4.3.2'))).scheme).toEqual({ kind: 'ecdsa', hash: 'SHA-256' });
    // An unsigned sha256WithRSAEncryption changed into RSASSA-PSS keeps its NULL: malformed, not "unsupported".
    expect(() => read(seq(oid('1.2.840.113549.1.1.10'), tlv(0x05, Buffer.alloc(0))))).toThrow(DerError);
    expect(read(seq(oid('1.2.840.113549.1.1.10'))).scheme.kind).toBe('unsupported');
    expect(() => read(seq(oid('1.2.840.10045.4.3.2'), tlv(0x05, Buffer.alloc(0))))).toThrow(DerError);
    expect(isRecognisedAlgorithm('1.3.101.112')).toBe(true); // Ed25519: known, not supported
    expect(isRecognisedAlgorithm('1.2.840.113549.1.1.99')).toBe(false);
  });

  it('reads CRLs and refuses an outer algorithm that differs from the signed one (RFC 5280 §5.1.1.2)', () => {
    const der = crl({ issuer: name([['CN', 'Reader CA']]), key: key().privateKey, alg: 'rsa-sha256', revoked: [7n], aki: Buffer.alloc(20, 3) });
    const parsed = parseCrl(new Uint8Array(der));
    expect(parsed.issuer.text).toBe('CN=Reader CA');
    expect(Buffer.from(parsed.authorityKeyIdentifier!)).toEqual(Buffer.alloc(20, 3));
    const [tbs, , sig] = derChildren(der);
    expect(() => parseCrl(new Uint8Array(seq(tbs!, seq(oid('1.2.840.113549.1.1.12'), tlv(0x05, Buffer.alloc(0))), sig!)))).toThrow(/differs from tbsCertList.signature/);
  });

  it('holds the CRL authorityKeyIdentifier inside its OCTET STRING to DER, as a certificate\'s (trailing bytes, long-form length)', () => {
    // The CRL is re-signed, so only the bytes inside extnValue differ from a well-formed one.
    const withAki = (value: Buffer) => {
      const [tbs, alg] = derChildren(crl({ issuer: name([['CN', 'Reader CA']]), key: key().privateKey, alg: 'rsa-sha256', aki: Buffer.alloc(20, 3) }));
      const signed = seq(...derChildren(tbs!).slice(0, -1), explicit(0, seq(seq(oid('2.5.29.35'), octets(value)))));
      return new Uint8Array(seq(signed, alg!, tlv(0x03, Buffer.from([0]), nodeSign('sha256', signed, key().privateKey))));
    };
    const keyId = tlv(0x80, Buffer.alloc(20, 3));
    expect(Buffer.from(parseCrl(withAki(seq(keyId))).authorityKeyIdentifier!)).toEqual(Buffer.alloc(20, 3));
    expect(() => parseCrl(withAki(Buffer.concat([seq(keyId), Buffer.from([0x05, 0x00])])))).toThrow(DerError);
    expect(() => parseCrl(withAki(Buffer.concat([seq(keyId), Buffer.from([0x05, 0x00])])))).toThrow(/trailing data/);
    expect(() => parseCrl(withAki(Buffer.concat([Buffer.from([0x30, 0x81, keyId.length]), keyId])))).toThrow(DerError);
  });

  it('reads OCSP responses, bare or wrapped, and refuses an unsuccessful status with responseBytes', () => {
    const responder = self();
    const wrapped = parseOcspResponse(new Uint8Array(ocspResponse({ responderCert: responder, key: key().privateKey, alg: 'rsa-sha256', serial: 5n, byKey: true, certs: [responder] })));
    expect('byKey' in (wrapped as { responder: object }).responder).toBe(true);
    const bare = parseOcspResponse(new Uint8Array(ocspResponse({ responderCert: responder, key: key().privateKey, alg: 'rsa-sha256', serial: 5n, bare: true })));
    expect('byName' in (bare as { responder: object }).responder).toBe(true);
    const der = ocspResponse({ responderCert: responder, key: key().privateKey, alg: 'rsa-sha256', serial: 5n });
    der[6] = 1; // responseStatus malformedRequest, responseBytes still there
    expect(() => parseOcspResponse(new Uint8Array(der))).toThrow(/unsuccessful status 1/);
    const otherType = seq(tlv(0x0a, Buffer.from([0])), explicit(0, seq(oid('1.3.6.1.5.5.7.48.1.2'), octets(Buffer.from([0x30, 0])))));
    expect(parseOcspResponse(new Uint8Array(otherType))).toEqual({ unsupported: 'OCSP response type 1.3.6.1.5.5.7.48.1.2' });
  });

  it('refuses an outer SEQUENCE re-tagged as SET, where no signature covers it (token, OCSP response)', () => {
    const tsa = self();
    const token = timeStampToken({ data: Buffer.from('x'), tsaCert: tsa, tsaKey: key().privateKey, alg: 'rsa-sha256' });
    expect(() => parseSignedData(new Uint8Array(token))).not.toThrow();
    token[0] = 0x31;
    expect(() => parseSignedData(new Uint8Array(token))).toThrow(DerError);
    const bare = ocspResponse({ responderCert: tsa, key: key().privateKey, alg: 'rsa-sha256', serial: 5n, bare: true });
    bare[0] = 0x31;
    expect(() => parseOcspResponse(new Uint8Array(bare))).toThrow(DerError);
    const wrapped = ocspResponse({ responderCert: tsa, key: key().privateKey, alg: 'rsa-sha256', serial: 5n });
    const inner = wrapped.indexOf(Buffer.from([0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01])) + 11;
    const at = inner + (wrapped[inner + 1]! & 0x80 ? 2 + (wrapped[inner + 1]! & 0x7f) : 2);
    expect(wrapped[at]).toBe(0x30);
    wrapped[at] = 0x31;
    expect(() => parseOcspResponse(new Uint8Array(wrapped))).toThrow(DerError);
  });

  it('reads time-stamp tokens and holds their unsigned version numbers to RFC 5652 §5.1/§5.3', async () => {
    const tsa = self();
    const good = parseSignedData(new Uint8Array(timeStampToken({ data: Buffer.from('x'), tsaCert: tsa, tsaKey: key().privateKey, alg: 'rsa-sha256' })));
    expect(good.eContentType).toBe('1.2.840.113549.1.9.16.1.4');
    expect(good.certificates).toHaveLength(1);
    expect(parseTstInfo(good.eContent!).genTime).toBe('20250301100005Z');
    const pool = [parseCertificate(new Uint8Array(tsa))];
    expect((await verifyTimeStampToken(good, new Uint8Array(Buffer.from('x')), pool)).status).toBe('verified');
    expect((await verifyTimeStampToken(good, new Uint8Array(Buffer.from('y')), pool)).status).toBe('invalid');
    expect((await verifyTimeStampToken(good, new Uint8Array(Buffer.from('x')), [])).status).toBe('unverified');
    for (const version of [1, 4, 5]) {
      expect(() => parseSignedData(new Uint8Array(timeStampToken({ data: Buffer.from('x'), tsaCert: tsa, tsaKey: key().privateKey, alg: 'rsa-sha256', version })))).toThrow(/RFC 5652 §5.1 requires 3/);
    }
  });
});
