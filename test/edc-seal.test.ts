import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash, createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EDC_SEAL_CODES, verifyEdcSeal as verifyEdcSealAsCalled, type EdcSealVerification, type VerifyEdcSealOptions } from '../src/seal/edc-seal.js';
import {
  archiveInput,
  basicConstraints,
  certificate,
  crl,
  derChildren,
  etsiUEntry,
  ocspResponse,
  timeStampToken,
  tstComponent,
  extension,
  integer,
  keyIds,
  keyUsage,
  keys,
  name,
  oid,
  pem,
  seal,
  seq,
  signatureFor,
  explicit,
  tlv,
  type NameSpec,
  type SealedDoc,
  type SealSpec,
  type TokenSpec,
} from './helpers/pki.js';

/**
 * Most checks here are about integrity and pass no trust anchors. Since 0.2.0 a seal checked without
 * anchors is not verified unless the caller asks for an integrity-only answer, so they ask for it;
 * calls with `trustAnchors`, and options that are not an object (misuse), go through as written.
 * test/edc-seal-envelope.test.ts checks the answer without either.
 */
function verifyEdcSeal(doc: unknown, options?: VerifyEdcSealOptions): Promise<EdcSealVerification> {
  const plain = options === undefined || (typeof options === 'object' && options !== null && !Array.isArray(options));
  return verifyEdcSealAsCalled(doc, plain && options?.trustAnchors === undefined ? { ...options, integrityOnly: true } : options);
}

// --- The EU's sealed sample -------------------------------------------------------------------

const SAMPLE_PATH = new URL('./vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url);
const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');
const sample = (): SealedDoc => JSON.parse(SAMPLE_TEXT) as SealedDoc;
const SAMPLE = sample();
const SAMPLE_HEADER = JSON.parse(Buffer.from(SAMPLE.signatures[0]!.protected, 'base64url').toString('utf8')) as Record<string, unknown> & { x5c: string[] };
/** Certificates the seal carries in etsiU xVals (validation data): [Nowina test root, ANF OCSP responder, ANF eSeal CA, Nowina TSA]. */
const SAMPLE_XVALS = (() => {
  for (const entry of (SAMPLE.signatures[0]!.header as { etsiU: string[] }).etsiU) {
    const o = JSON.parse(Buffer.from(entry, 'base64url').toString('utf8')) as { xVals?: { x509Cert: { val: string } }[] };
    if (o.xVals) return o.xVals.map((x) => Buffer.from(x.x509Cert.val, 'base64'));
  }
  throw new Error('no xVals in the sample');
})();
const SAMPLE_LEAF = Buffer.from(SAMPLE_HEADER.x5c[0]!, 'base64');
const ANF_ESEAL_CA = SAMPLE_XVALS.find((c) => new X509Certificate(c).subject.includes('CN=ANF AC Qualified Certificates for eSeal\n') || new X509Certificate(c).subject.endsWith('CN=ANF AC Qualified Certificates for eSeal'))!;
const NOWINA_ROOT = SAMPLE_XVALS.find((c) => new X509Certificate(c).subject.includes('CN=root-ca'))!;

const SAMPLE_SUBJECT = 'L=BARCELONA, ST=BARCELONA, organizationIdentifier=VATES-A00000000, OU=Certificado Cualificado de Sello Electronico, O=ORGANIZACION TEST, CN=TEST SEAL, serialNumber=A00000000, C=ES';
const SAMPLE_ISSUER = 'CN=ANF AC Qualified Certificates for eSeal, OU=Certificados Cualificados de Sello Electronico, organizationIdentifier=VATES-G63287510, O=ANF Autoridad de Certificacion, C=ES';

const codes = (r: EdcSealVerification) => r.issues.map((i) => i.code);
const errors = (r: EdcSealVerification) => r.issues.filter((i) => i.severity === 'error').map((i) => i.code);

/** Replaces the character at `i` with another one from `alphabet` (or a neighbouring letter). */
function changeChar(s: string, i: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'): string {
  const c = s[i]!;
  const pick = alphabet.includes(c) ? alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]! : c === 'a' ? 'b' : 'a';
  return s.slice(0, i) + pick + s.slice(i + 1);
}
const withPayload = (doc: SealedDoc, payload: string): SealedDoc => ({ ...doc, payload });
const withSig = (doc: SealedDoc, i: number, patch: Partial<SealedDoc['signatures'][number]>): SealedDoc => ({
  ...doc,
  signatures: doc.signatures.map((s, k) => (k === i ? { ...s, ...patch } : s)),
});

/** Every failed integrity check must look like this: nothing returned that could be mistaken for a credential. */
function expectBroken(r: EdcSealVerification, allowed: string[] = ['EDC_SEAL_SIGNATURE_INVALID']): void {
  expect(r.verified).toBe(false);
  expect(r.integrity).toBe(false);
  expect(r.credential).toBeUndefined();
  expect(errors(r).length).toBeGreaterThan(0);
  expect(errors(r).every((c) => allowed.includes(c)), `unexpected error codes ${errors(r).join(', ')}`).toBe(true);
}

describe('the EU sealed sample (Sample-MC-Annex1-signed.jsonld)', () => {
  it('has the seal the docs describe: RS256, b64 false, sigT, one certificate in x5c, JAdES etsiU', () => {
    expect(SAMPLE_HEADER.alg).toBe('RS256');
    expect(SAMPLE_HEADER.b64).toBe(false);
    expect(SAMPLE_HEADER.crit).toEqual(['b64', 'sigT', 'adoTst']);
    expect(SAMPLE_HEADER.sigT).toBe('2023-09-27T11:54:17Z');
    expect(SAMPLE_HEADER.x5c).toHaveLength(1);
    expect(SAMPLE_XVALS).toHaveLength(4);
  });

  it('verifies (integrity) with the exact signer and signing time', async () => {
    const r = await verifyEdcSeal(sample());
    expect(r.verified).toBe(true);
    expect(r.assurance).toBe('integrity-only');
    expect(r.integrity).toBe(true);
    expect(r.trusted).toBeUndefined();
    expect(r.signingTime).toBe('2023-09-27T11:54:17Z');
    expect(r.signer?.subject).toBe(SAMPLE_SUBJECT);
    expect(r.signer?.issuer).toBe(SAMPLE_ISSUER);
    expect(r.signer?.serialNumber).toBe('03378F4D568B289FB8ED0C03');
    expect(r.signer?.notBefore).toBe('2023-05-11T14:31:15Z');
    expect(r.signer?.notAfter).toBe('2025-05-10T14:31:15Z');
    expect(r.signer?.certificate).toBe(SAMPLE_HEADER.x5c[0]);
    expect(r.signer?.subjectAttributes.find((a) => a.name === 'CN')?.value).toBe('TEST SEAL');
    expect(r.signer?.subjectAttributes.find((a) => a.oid === '2.5.4.97')?.value).toBe('VATES-A00000000');
    // x5t#S256 in the header is the fingerprint of the certificate.
    expect(Buffer.from(r.signer!.sha256Fingerprint, 'hex').toString('base64url')).toBe(SAMPLE_HEADER['x5t#S256']);
    expect(r.signatures).toHaveLength(1);
    expect(r.signatures[0]!.algorithm).toBe('RS256');
    expect(r.signatures[0]!.protectedHeader?.sigT).toBe('2023-09-27T11:54:17Z');
    expect(errors(r)).toEqual([]);
    // Asked for integrity only: the issue list still says that trust was not checked.
    expect(codes(r)).toContain('EDC_SEAL_TRUST_NOT_CHECKED');
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_TRUST_NOT_CHECKED')?.severity).toBe('warning');
    expect(codes(r)).toContain('EDC_SEAL_TIMESTAMP_NOT_CHECKED');
  });

  it('without trust anchors and without asking for integrity only, is not verified (0.2.0)', async () => {
    const r = await verifyEdcSealAsCalled(sample());
    expect(r.verified).toBe(false);
    expect(r.assurance).toBe('none');
    expect(r.integrity).toBe(true);
    expect(errors(r)).toEqual(['EDC_SEAL_TRUST_NOT_CHECKED']);
    expect(r.signer?.subject).toBe(SAMPLE_SUBJECT);
  });

  it('returns the credential: the payload parsed as JSON', async () => {
    const r = await verifyEdcSeal(sample());
    expect(r.credential).toEqual(JSON.parse(SAMPLE.payload));
    expect((r.credential as { id: string }).id).toBe('urn:credential:1018d05f-21d5-4555-b7f0-8fabfd22ca75');
  });

  it('agrees with Node\'s X509Certificate on the signer certificate', async () => {
    const r = await verifyEdcSeal(sample());
    const node = new X509Certificate(SAMPLE_LEAF);
    expect(r.signer?.serialNumber).toBe(node.serialNumber);
    expect(r.signer?.sha256Fingerprint).toBe(node.fingerprint256.replace(/:/g, ''));
    expect(new Date(r.signer!.notAfter).getTime()).toBe(new Date(node.validTo).getTime());
    expect(r.signer?.subjectAttributes.map((a) => `${a.oid === '2.5.4.97' ? 'organizationIdentifier' : a.name}=${a.value}`)).toEqual(node.subject.split('\n'));
  });

  it('reads the document as JSON text and as UTF-8 bytes too, and does not change it', async () => {
    const doc = sample();
    const before = JSON.stringify(doc);
    expect((await verifyEdcSeal(SAMPLE_TEXT)).verified).toBe(true);
    expect((await verifyEdcSeal(new Uint8Array(Buffer.from(SAMPLE_TEXT)))).verified).toBe(true);
    await verifyEdcSeal(Object.freeze(doc), { trustAnchors: [ANF_ESEAL_CA] });
    expect(JSON.stringify(doc)).toBe(before);
  });

  describe('a one-character change to what is sealed fails', () => {
    const p = SAMPLE.payload;
    const positions: [string, number][] = [
      ['the first character', 0],
      ['inside the id string', p.indexOf('1018d05f') + 3],
      ['inside an English text value', p.indexOf('has successfu') + 5],
      ['a space inside a string value', p.indexOf('has successfu') + 3],
      ['a digit of issuanceDate', p.indexOf('"issuanceDate":"2023-09-27T13:54:17') + 33],
      ['a structural colon', p.indexOf('"type":') + 6],
      ['the last character', p.length - 1],
    ];
    for (const [what, at] of positions) {
      it(`payload: ${what} (offset ${at})`, async () => {
        expectBroken(await verifyEdcSeal(withPayload(sample(), changeChar(p, at, 'abcdefghijklmnopqrstuvwxyz0123456789 '))));
      });
    }
    it('payload: white space added between tokens (the payload has none outside strings)', async () => {
      const at = p.indexOf(',"type"');
      expectBroken(await verifyEdcSeal(withPayload(sample(), `${p.slice(0, at)} ${p.slice(at)}`)));
      expectBroken(await verifyEdcSeal(withPayload(sample(), `${p} `)));
      expectBroken(await verifyEdcSeal(withPayload(sample(), `\n${p}`)));
    });
    it('payload: a character removed, or a lookalike substituted', async () => {
      expectBroken(await verifyEdcSeal(withPayload(sample(), p.slice(0, 100) + p.slice(101))));
      // Cyrillic а for Latin a: same glyph, other bytes.
      const at = p.indexOf('has successfu') + 1;
      expectBroken(await verifyEdcSeal(withPayload(sample(), `${p.slice(0, at)}\u0430${p.slice(at + 1)}`)));
    });
    it('payload: the same credential re-serialized (pretty-printed) no longer verifies', async () => {
      expectBroken(await verifyEdcSeal(withPayload(sample(), JSON.stringify(JSON.parse(p), null, 2))));
    });

    it('protected header: a changed parameter (sigT one second later, re-encoded)', async () => {
      const header = { ...SAMPLE_HEADER, sigT: '2023-09-27T11:54:18Z' };
      const r = await verifyEdcSeal(withSig(sample(), 0, { protected: Buffer.from(JSON.stringify(header)).toString('base64url') }));
      expectBroken(r);
    });
    const prot = SAMPLE.signatures[0]!.protected;
    const headerCodes = ['EDC_SEAL_SIGNATURE_INVALID', 'EDC_SEAL_HEADER_INVALID', 'EDC_SEAL_CRITICAL_HEADER', 'EDC_SEAL_CERTIFICATE_INVALID', 'EDC_SEAL_THUMBPRINT_MISMATCH', 'EDC_SEAL_ALGORITHM_UNSUPPORTED', 'EDC_SEAL_CERTIFICATE_MISSING'];
    for (const at of [0, 5, 20, 200, 1000, 3000, prot.length - 40, prot.length - 2, prot.length - 1]) {
      it(`protected header: character ${at} of its base64url`, async () => {
        expectBroken(await verifyEdcSeal(withSig(sample(), 0, { protected: changeChar(prot, at) })), headerCodes);
      });
    }

    const sig = SAMPLE.signatures[0]!.signature;
    for (const at of [0, 1, 100, 170, sig.length - 3, sig.length - 2, sig.length - 1]) {
      it(`signature: character ${at} of its base64url`, async () => {
        expectBroken(await verifyEdcSeal(withSig(sample(), 0, { signature: changeChar(sig, at) })));
      });
    }
    it('signature: the last character changed only in its unused bits (a non-canonical spelling of the same bytes)', async () => {
      // 256 bytes end on a character carrying 2 data bits and 4 padding bits; 'A'..'P' share the data bits of the first 16.
      const last = sig[sig.length - 1]!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const twin = alphabet[(alphabet.indexOf(last) & ~0xf) | ((alphabet.indexOf(last) + 1) & 0xf)]!;
      expect(Buffer.from(sig.slice(0, -1) + twin, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
      expectBroken(await verifyEdcSeal(withSig(sample(), 0, { signature: sig.slice(0, -1) + twin })));
    });
    it('signature: removed, emptied, or replaced by another signature', async () => {
      expectBroken(await verifyEdcSeal(withSig(sample(), 0, { signature: '' })));
      expectBroken(await verifyEdcSeal(withSig(sample(), 0, { signature: Buffer.alloc(256, 7).toString('base64url') })));
    });
  });

  describe('the unprotected header (not covered by the signature, by the JWS design)', () => {
    it('a change that breaks its JAdES structure is reported, and the seal is not verified', async () => {
      const doc = sample();
      const etsiU = [...(doc.signatures[0]!.header as { etsiU: string[] }).etsiU];
      etsiU[1] = changeChar(etsiU[1]!, 10); // inside {"xVals":[{"x509Cert":…
      const r = await verifyEdcSeal(withSig(doc, 0, { header: { etsiU } }));
      expect(r.integrity).toBe(true);
      expect(r.verified).toBe(false);
      // The form problem, and the archive time-stamp, which covers the element's exact characters.
      expect(errors(r)).toEqual(['EDC_SEAL_UNPROTECTED_HEADER_INVALID', 'EDC_SEAL_UNSIGNED_DATA_INVALID']);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_INVALID')?.message).toMatch(/arcTst.*message imprint/);
    });
    it('removing etsiU entirely leaves the seal intact: it is validation data, not part of what was sealed', async () => {
      const r = await verifyEdcSeal(withSig(sample(), 0, { header: {} }));
      expect(r.verified).toBe(true);
      // adoTst in the protected header is still there, and still not verified.
      expect(codes(r)).toContain('EDC_SEAL_TIMESTAMP_NOT_CHECKED');
      // Without xVals, the issuing CA must come from the caller.
      expect((await verifyEdcSeal(withSig(sample(), 0, { header: {} }), { trustAnchors: [ANF_ESEAL_CA] })).trusted).toBe(true);
    });
    it('moving a protected parameter into the unprotected header is refused', async () => {
      const r = await verifyEdcSeal(withSig(sample(), 0, { header: { ...(SAMPLE.signatures[0]!.header as object), b64: false } }));
      expect(r.verified).toBe(false);
      expect(errors(r)).toContain('EDC_SEAL_HEADER_INVALID');
    });
  });

  describe('trust', () => {
    it('with the issuing CA (ANF eSeal CA, carried in etsiU) as anchor: trusted at the signing time', async () => {
      const r = await verifyEdcSeal(sample(), { trustAnchors: [ANF_ESEAL_CA] });
      expect(r.verified).toBe(true);
      expect(r.trusted).toBe(true);
      expect(r.signatures[0]!.chain?.map((c) => c.subject)).toEqual([SAMPLE_SUBJECT, SAMPLE_ISSUER]);
      expect(codes(r)).toContain('EDC_SEAL_CLAIMED_TIME_USED');
      expect(codes(r)).not.toContain('EDC_SEAL_TRUST_NOT_CHECKED');
    });
    it('accepts anchors as PEM, bare base64 and DER bytes', async () => {
      for (const anchor of [pem(ANF_ESEAL_CA), ANF_ESEAL_CA.toString('base64'), new Uint8Array(ANF_ESEAL_CA)]) {
        expect((await verifyEdcSeal(sample(), { trustAnchors: [anchor] })).trusted).toBe(true);
      }
    });
    it('with `now` inside the certificate\'s validity: trusted', async () => {
      const r = await verifyEdcSeal(sample(), { trustAnchors: [ANF_ESEAL_CA], now: new Date('2024-06-01T00:00:00Z') });
      expect(r.verified).toBe(true);
      expect(r.trusted).toBe(true);
      expect(codes(r)).not.toContain('EDC_SEAL_CLAIMED_TIME_USED');
    });
    it('with the signer certificate itself as anchor: trusted within its validity', async () => {
      const r = await verifyEdcSeal(sample(), { trustAnchors: [SAMPLE_LEAF], now: new Date('2024-06-01T00:00:00Z') });
      expect(r.trusted).toBe(true);
      expect(r.signatures[0]!.chain).toHaveLength(1);
    });
    it('at the current date: integrity holds, trust fails because the certificate expired', async () => {
      const r = await verifyEdcSeal(sample(), { trustAnchors: [ANF_ESEAL_CA], now: new Date() });
      expect(r.integrity).toBe(true);
      expect(r.trusted).toBe(false);
      expect(r.verified).toBe(false);
      expect(errors(r)).toEqual(['EDC_SEAL_CERTIFICATE_EXPIRED']);
      expect(r.credential).toEqual(JSON.parse(SAMPLE.payload));
    });
    it('without anchors, at the current date: the expiry is a warning and integrity still verifies', async () => {
      const r = await verifyEdcSeal(sample(), { now: new Date() });
      expect(r.verified).toBe(true);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_CERTIFICATE_EXPIRED')?.severity).toBe('warning');
    });
    it('with an unrelated anchor (the test TSA\'s root, or a CA made here): untrusted', async () => {
      for (const anchor of [NOWINA_ROOT, pki().root]) {
        const r = await verifyEdcSeal(sample(), { trustAnchors: [anchor] });
        expect(r.integrity).toBe(true);
        expect(r.trusted).toBe(false);
        expect(r.verified).toBe(false);
        expect(errors(r)).toEqual(['EDC_SEAL_UNTRUSTED']);
      }
    });
    it('with an empty anchor list: nothing is trusted', async () => {
      const r = await verifyEdcSeal(sample(), { trustAnchors: [] });
      expect(r.trusted).toBe(false);
      expect(errors(r)).toEqual(['EDC_SEAL_UNTRUSTED']);
    });
    it('a malformed anchor is skipped with a warning', async () => {
      const r = await verifyEdcSeal(sample(), { trustAnchors: ['not a certificate', ANF_ESEAL_CA] });
      expect(r.trusted).toBe(true);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_TRUST_ANCHOR_INVALID')?.severity).toBe('warning');
    });
    it('misuse of the options is a TypeError (the document never causes one)', async () => {
      await expect(verifyEdcSeal(sample(), 5 as never)).rejects.toThrow(TypeError);
      await expect(verifyEdcSealAsCalled(sample(), { trustAnchors: [ANF_ESEAL_CA], integrityOnly: true })).rejects.toThrow(TypeError);
      await expect(verifyEdcSealAsCalled(sample(), { integrityOnly: 'yes' as never })).rejects.toThrow(TypeError);
      await expect(verifyEdcSeal(sample(), { trustAnchors: 'x' as never })).rejects.toThrow(TypeError);
      await expect(verifyEdcSeal(sample(), { now: new Date('nope') })).rejects.toThrow(TypeError);
    });
  });
});

// --- Seals made here ---------------------------------------------------------------------------

const ROOT_NAME: NameSpec = [['C', 'BE'], ['O', 'Test Trust Services'], ['CN', 'Test eSeal Root CA']];
const SUB_NAME: NameSpec = [['C', 'BE'], ['O', 'Test Trust Services'], ['CN', 'Test eSeal EC Sub CA']];
const RSA_SEAL_NAME: NameSpec = [['C', 'BE'], ['organizationIdentifier', 'VATBE-0123456789'], ['O', 'Université de Test, Faculté + Sciences'], ['CN', 'Test University eSeal']];
const EC_SEAL_NAME: NameSpec = [['C', 'BE'], ['O', 'Test University'], ['CN', 'Test University EC eSeal']];
const LEAF_KU = keyUsage('digitalSignature', 'nonRepudiation');
const CA_KU = keyUsage('keyCertSign', 'cRLSign');

let pkiCache: ReturnType<typeof buildPki> | undefined;
function buildPki() {
  const root = keys('rsa2048', 0);
  const rsaLeaf = keys('rsa2048', 1);
  const ecLeaf = keys('p256', 0);
  const sub = keys('p384', 0);
  const subLeaf = keys('p256', 1);
  const rootCert = certificate({ subject: ROOT_NAME, issuer: ROOT_NAME, serial: 1n, publicKey: root.publicKey, signingKey: root.privateKey, alg: 'rsa-sha256', extensions: [basicConstraints(true), CA_KU, ...keyIds(root.publicKey, root.publicKey)], notAfter: new Date('2060-01-01T00:00:00Z') });
  const rsaLeafCert = certificate({ subject: RSA_SEAL_NAME, issuer: ROOT_NAME, serial: 0x00ff01n, publicKey: rsaLeaf.publicKey, signingKey: root.privateKey, alg: 'rsa-sha256', extensions: [basicConstraints(false), LEAF_KU, ...keyIds(rsaLeaf.publicKey, root.publicKey)] });
  const ecLeafCert = certificate({ subject: EC_SEAL_NAME, issuer: ROOT_NAME, serial: 0x7fn, publicKey: ecLeaf.publicKey, signingKey: root.privateKey, alg: 'rsa-sha256', extensions: [LEAF_KU] });
  // An EC sub-CA signed with RSA-PSS, and a leaf under it signed with ECDSA: both certificate signature families.
  const subCert = certificate({ subject: SUB_NAME, issuer: ROOT_NAME, serial: 2n, publicKey: sub.publicKey, signingKey: root.privateKey, alg: 'rsa-pss-sha256', extensions: [basicConstraints(true, 0), CA_KU], notAfter: new Date('2055-06-30T12:00:00Z'), generalizedTime: true });
  const subLeafCert = certificate({ subject: [['C', 'LU'], ['CN', 'Leaf under the EC sub CA']], issuer: SUB_NAME, serial: 3n, publicKey: subLeaf.publicKey, signingKey: sub.privateKey, alg: 'ecdsa-sha384', extensions: [LEAF_KU] });
  return { keys: { root, rsaLeaf, ecLeaf, sub, subLeaf }, root: rootCert, rsaLeaf: rsaLeafCert, ecLeaf: ecLeafCert, sub: subCert, subLeaf: subLeafCert };
}
function pki() {
  return (pkiCache ??= buildPki());
}

const CREDENTIAL = {
  id: 'urn:credential:test-1',
  type: ['VerifiableCredential', 'EuropeanDigitalCredential'],
  credentialSubject: { id: 'urn:epass:person:1', fullName: { en: 'Zoë Ñúñez-Łukasiewicz' }, note: 'quotes " and \\ and emoji 🎓' },
  issued: '2025-03-01T10:00:00Z',
};

describe('the test PKI itself (checked by Node and by OpenSSL, independently of the verifier)', () => {
  it('makes certificates Node reads and verifies', () => {
    const p = pki();
    const root = new X509Certificate(p.root);
    expect(new X509Certificate(p.rsaLeaf).verify(root.publicKey)).toBe(true);
    expect(new X509Certificate(p.ecLeaf).verify(root.publicKey)).toBe(true);
    expect(new X509Certificate(p.sub).verify(root.publicKey)).toBe(true);
    expect(new X509Certificate(p.subLeaf).verify(new X509Certificate(p.sub).publicKey)).toBe(true);
    expect(new X509Certificate(p.sub).ca).toBe(true);
  });
});

describe('seals made here with node:crypto', () => {
  const cases: { alg: SealSpec['alg']; leaf: () => Buffer; key: () => ReturnType<typeof keys> }[] = [
    { alg: 'RS256', leaf: () => pki().rsaLeaf, key: () => pki().keys.rsaLeaf },
    { alg: 'PS256', leaf: () => pki().rsaLeaf, key: () => pki().keys.rsaLeaf },
    { alg: 'ES256', leaf: () => pki().ecLeaf, key: () => pki().keys.ecLeaf },
    { alg: 'RS384', leaf: () => pki().rsaLeaf, key: () => pki().keys.rsaLeaf },
    { alg: 'RS512', leaf: () => pki().rsaLeaf, key: () => pki().keys.rsaLeaf },
    { alg: 'PS384', leaf: () => pki().rsaLeaf, key: () => pki().keys.rsaLeaf },
    { alg: 'PS512', leaf: () => pki().rsaLeaf, key: () => pki().keys.rsaLeaf },
  ];
  for (const c of cases) {
    describe(c.alg, () => {
      const make = (extra: Partial<SealSpec> = {}) => seal(CREDENTIAL, { alg: c.alg, key: c.key().privateKey, x5c: [c.leaf()], ...extra });
      it('verifies, with the credential and the signer', async () => {
        const r = await verifyEdcSeal(make());
        expect(r.verified).toBe(true);
        expect(r.integrity).toBe(true);
        expect(r.credential).toEqual(CREDENTIAL);
        expect(r.signingTime).toBe('2025-03-01T10:00:00Z');
        expect(r.signer?.issuer).toBe('CN=Test eSeal Root CA, O=Test Trust Services, C=BE');
      });
      it('chains to the CA: trusted; untrusted with another anchor', async () => {
        const ok = await verifyEdcSeal(make(), { trustAnchors: [pem(pki().root)] });
        expect(ok.trusted).toBe(true);
        expect(ok.verified).toBe(true);
        expect(ok.signatures[0]!.chain?.map((x) => x.subject)).toEqual([expect.stringContaining('eSeal'), 'CN=Test eSeal Root CA, O=Test Trust Services, C=BE']);
        const no = await verifyEdcSeal(make(), { trustAnchors: [ANF_ESEAL_CA] });
        expect(no.trusted).toBe(false);
        expect(errors(no)).toEqual(['EDC_SEAL_UNTRUSTED']);
      });
      it('fails when the payload, the protected header or the signature changes', async () => {
        const doc = make();
        expectBroken(await verifyEdcSeal(withPayload(doc, doc.payload.replace('test-1', 'test-2'))));
        expectBroken(await verifyEdcSeal(withPayload(doc, doc.payload.replace('Zoë', 'Zoe'))));
        expectBroken(await verifyEdcSeal(withSig(doc, 0, { protected: signatureFor(JSON.stringify(CREDENTIAL), { alg: c.alg, key: c.key().privateKey, x5c: [c.leaf()], sigT: '2025-03-01T10:00:01Z' }).protected })));
        const s = doc.signatures[0]!.signature;
        expectBroken(await verifyEdcSeal(withSig(doc, 0, { signature: changeChar(s, Math.floor(s.length / 2)) })));
      });
      it('verifies with b64 true (base64url payload) as well', async () => {
        const r = await verifyEdcSeal(make({ b64: true }));
        expect(r.verified).toBe(true);
        expect(r.credential).toEqual(CREDENTIAL);
      });
    });
  }

  it('ES384 and ES512 with P-384 and P-521 keys', async () => {
    for (const [alg, kind] of [['ES384', 'p384'], ['ES512', 'p521']] as const) {
      const k = keys(kind, 5);
      const cert = certificate({ subject: [['CN', alg]], issuer: [['CN', alg]], publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha384' });
      const r = await verifyEdcSeal(seal(CREDENTIAL, { alg, key: k.privateKey, x5c: [cert] }), { trustAnchors: [cert] });
      expect(r.verified, JSON.stringify(r.issues)).toBe(true);
    }
  });

  it('reads the flattened and compact serializations', async () => {
    const doc = seal(CREDENTIAL, { alg: 'ES256', key: pki().keys.ecLeaf.privateKey, x5c: [pki().ecLeaf], b64: true });
    const s = doc.signatures[0]!;
    expect((await verifyEdcSeal({ payload: doc.payload, protected: s.protected, signature: s.signature })).verified).toBe(true);
    expect((await verifyEdcSeal(`${s.protected}.${doc.payload}.${s.signature}`)).verified).toBe(true);
    expectBroken(await verifyEdcSeal(`${s.protected}.${changeChar(doc.payload, 3)}.${s.signature}`), ['EDC_SEAL_SIGNATURE_INVALID', 'EDC_SEAL_PAYLOAD_INVALID']);
  });

  it('builds a chain through an intermediate in x5c, checking RSA-PSS and ECDSA certificate signatures', async () => {
    const p = pki();
    const doc = seal(CREDENTIAL, { alg: 'ES256', key: p.keys.subLeaf.privateKey, x5c: [p.subLeaf, p.sub] });
    const r = await verifyEdcSeal(doc, { trustAnchors: [p.root] });
    expect(r.trusted, JSON.stringify(r.issues)).toBe(true);
    expect(r.signatures[0]!.chain?.map((c) => c.subject)).toEqual(['CN=Leaf under the EC sub CA, C=LU', 'CN=Test eSeal EC Sub CA, O=Test Trust Services, C=BE', 'CN=Test eSeal Root CA, O=Test Trust Services, C=BE']);
    // GeneralizedTime (2055) read as such.
    expect(r.signatures[0]!.chain?.[1]?.notAfter).toBe('2055-06-30T12:00:00Z');
    // The intermediate may come from options instead of x5c.
    const bare = seal(CREDENTIAL, { alg: 'ES256', key: p.keys.subLeaf.privateKey, x5c: [p.subLeaf] });
    expect((await verifyEdcSeal(bare, { trustAnchors: [p.root] })).trusted).toBe(false);
    expect((await verifyEdcSeal(bare, { trustAnchors: [p.root], intermediates: [pem(p.sub)] })).trusted).toBe(true);
    // With the sub CA as the anchor the root is not needed.
    expect((await verifyEdcSeal(bare, { trustAnchors: [p.sub] })).trusted).toBe(true);
  });

  it('checks validity periods at `now`, the signing time, or today', async () => {
    const p = pki();
    const doc = seal(CREDENTIAL, { alg: 'RS256', key: p.keys.rsaLeaf.privateKey, x5c: [p.rsaLeaf], sigT: '2023-06-01T00:00:00Z' });
    const early = await verifyEdcSeal(doc, { trustAnchors: [p.root] });
    // Both the signer certificate and the root (from 2024-01-01) were not yet valid in June 2023.
    expect(errors(early)).toEqual(['EDC_SEAL_CERTIFICATE_NOT_YET_VALID', 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID']);
    expect((await verifyEdcSeal(doc, { trustAnchors: [p.root], now: new Date('2030-01-01T00:00:00Z') })).trusted).toBe(true);
    expect(errors(await verifyEdcSeal(doc, { trustAnchors: [p.root], now: new Date('2040-01-01T00:00:00Z') }))).toEqual(['EDC_SEAL_CERTIFICATE_EXPIRED']);
    // iat (JAdES V1.2.1) instead of sigT.
    const iat = seal(CREDENTIAL, { alg: 'RS256', key: p.keys.rsaLeaf.privateKey, x5c: [p.rsaLeaf], sigT: null, protectedExtra: { iat: 1767225600 } });
    const r = await verifyEdcSeal(iat, { trustAnchors: [p.root] });
    expect(r.signingTime).toBe('2026-01-01T00:00:00Z');
    expect(r.verified).toBe(true);
  });

  describe('refuses what a CA may not do', () => {
    const leafUnder = (issuerName: NameSpec, issuerKey: ReturnType<typeof keys>, extra: Buffer[] = [LEAF_KU]) =>
      certificate({ subject: [['CN', 'Leaf']], issuer: issuerName, publicKey: pki().keys.rsaLeaf.publicKey, signingKey: issuerKey.privateKey, alg: 'rsa-sha256', extensions: extra });
    const sealWith = (leaf: Buffer, chain: Buffer[] = []) => seal(CREDENTIAL, { alg: 'RS256', key: pki().keys.rsaLeaf.privateKey, x5c: [leaf, ...chain] });
    const midKey = () => keys('rsa2048', 3);
    const mid = (exts: Buffer[]) => certificate({ subject: [['CN', 'Mid']], issuer: ROOT_NAME, publicKey: midKey().publicKey, signingKey: pki().keys.root.privateKey, alg: 'rsa-sha256', extensions: exts });

    it('an intermediate that is not a CA', async () => {
      const r = await verifyEdcSeal(sealWith(leafUnder([['CN', 'Mid']], midKey()), [mid([basicConstraints(false)])]), { trustAnchors: [pki().root] });
      expect(r.integrity).toBe(true);
      expect(errors(r)).toEqual(['EDC_SEAL_CHAIN_INVALID']);
    });
    it('an intermediate without keyCertSign', async () => {
      const r = await verifyEdcSeal(sealWith(leafUnder([['CN', 'Mid']], midKey()), [mid([basicConstraints(true), keyUsage('digitalSignature')])]), { trustAnchors: [pki().root] });
      expect(errors(r)).toEqual(['EDC_SEAL_CHAIN_INVALID']);
    });
    it('a path longer than a pathLenConstraint allows', async () => {
      const p = pki();
      // Root → sub (pathLen 0) → extra CA → leaf: one intermediate too many below the sub CA.
      const extra = keys('p256', 7);
      const extraCa = certificate({ subject: [['CN', 'Extra CA']], issuer: SUB_NAME, publicKey: extra.publicKey, signingKey: p.keys.sub.privateKey, alg: 'ecdsa-sha384', extensions: [basicConstraints(true), CA_KU] });
      const leaf = certificate({ subject: [['CN', 'Deep leaf']], issuer: [['CN', 'Extra CA']], publicKey: p.keys.rsaLeaf.publicKey, signingKey: extra.privateKey, alg: 'ecdsa-sha256', extensions: [LEAF_KU] });
      const r = await verifyEdcSeal(sealWith(leaf, [extraCa, p.sub]), { trustAnchors: [p.root] });
      expect(errors(r)).toEqual(['EDC_SEAL_CHAIN_INVALID']);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_CHAIN_INVALID')?.message).toMatch(/pathLenConstraint/);
    });
    it('an unknown critical extension on the signer certificate', async () => {
      const leaf = leafUnder(ROOT_NAME, pki().keys.root, [LEAF_KU, extension('1.2.3.4.5', true, tlv(0x05, Buffer.alloc(0)))]);
      const r = await verifyEdcSeal(sealWith(leaf), { trustAnchors: [pki().root] });
      expect(errors(r)).toEqual(['EDC_SEAL_CHAIN_INVALID']);
    });
    it('a certificate signed by another key under the same CA name', async () => {
      const impostor = keys('rsa2048', 4);
      const r = await verifyEdcSeal(sealWith(leafUnder(ROOT_NAME, impostor)), { trustAnchors: [pki().root] });
      expect(r.integrity).toBe(true);
      expect(errors(r)).toEqual(['EDC_SEAL_UNTRUSTED']);
    });
    it('a certificate signed with SHA-1', async () => {
      const leaf = certificate({ subject: [['CN', 'Leaf']], issuer: ROOT_NAME, publicKey: pki().keys.rsaLeaf.publicKey, signingKey: pki().keys.root.privateKey, alg: 'rsa-sha1', extensions: [LEAF_KU] });
      const r = await verifyEdcSeal(sealWith(leaf), { trustAnchors: [pki().root] });
      expect(errors(r)).toEqual(['EDC_SEAL_UNTRUSTED']);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNTRUSTED')?.message).toMatch(/SHA-1/);
    });
    it('a signer certificate whose keyUsage does not allow signatures', async () => {
      const leaf = leafUnder(ROOT_NAME, pki().keys.root, [keyUsage('keyEncipherment')]);
      const withAnchors = await verifyEdcSeal(sealWith(leaf), { trustAnchors: [pki().root] });
      expect(errors(withAnchors)).toEqual(['EDC_SEAL_KEY_USAGE']);
      expect(withAnchors.trusted).toBe(false);
      const without = await verifyEdcSeal(sealWith(leaf));
      expect(without.verified).toBe(true);
      expect(without.issues.find((i) => i.code === 'EDC_SEAL_KEY_USAGE')?.severity).toBe('warning');
    });
  });

  describe('headers', () => {
    const p = () => pki();
    const spec = (extra: Partial<SealSpec> = {}): SealSpec => ({ alg: 'RS256', key: p().keys.rsaLeaf.privateKey, x5c: [p().rsaLeaf], ...extra });
    const verifyWith = async (extra: Partial<SealSpec>) => verifyEdcSeal(seal(CREDENTIAL, spec(extra)));

    it('crit: an unknown critical parameter, sigD, a registered name, an absent name, a malformed list', async () => {
      for (const extra of [
        { protectedExtra: { crit: ['b64', 'sigT', 'foo'], foo: 1 } },
        { protectedExtra: { crit: ['b64', 'sigT', 'sigD'], sigD: { mId: 'http://uri.etsi.org/19182/ObjectIdByURI', pars: ['a'] } } },
        { protectedExtra: { crit: ['b64', 'alg'] } },
        { protectedExtra: { crit: ['b64', 'srCms'] } },
        { protectedExtra: { crit: [] } },
        { protectedExtra: { crit: 'b64' } },
      ]) {
        const r = await verifyWith(extra);
        expect(r.integrity, JSON.stringify(extra)).toBe(false);
        expect(errors(r)).toContain('EDC_SEAL_CRITICAL_HEADER');
      }
    });
    it('crit: b64 false without crit naming b64 (RFC 7797 §6)', async () => {
      const r = await verifyWith({ protectedExtra: { crit: ['sigT'] } });
      expect(errors(r)).toEqual(['EDC_SEAL_CRITICAL_HEADER']);
    });
    it('crit: the JAdES parameters it understands are accepted', async () => {
      const r = await verifyWith({ protectedExtra: { crit: ['b64', 'sigT', 'srCms', 'sigPId'], srCms: [{ commId: { id: 'http://uri.etsi.org/01903/v1.2.2#ProofOfOrigin' } }], sigPId: { id: 'urn:oid:1.2.3' } } });
      expect(r.verified).toBe(true);
      expect(codes(r)).toContain('EDC_SEAL_TIMESTAMP_NOT_CHECKED');
    });
    it('alg: none, HMAC, unknown; and keys that do not fit alg', async () => {
      for (const alg of ['none', 'HS256', 'EdDSA']) {
        const r = await verifyWith({ protectedExtra: { alg } });
        expect(errors(r)).toContain('EDC_SEAL_ALGORITHM_UNSUPPORTED');
      }
      const rsaKeyEsAlg = await verifyWith({ protectedExtra: { alg: 'ES256' } });
      expect(errors(rsaKeyEsAlg)).toContain('EDC_SEAL_KEY_UNSUPPORTED');
      const k384 = keys('p384', 6);
      const cert384 = certificate({ subject: [['CN', 'P-384']], issuer: [['CN', 'P-384']], publicKey: k384.publicKey, signingKey: k384.privateKey, alg: 'ecdsa-sha384' });
      const wrongCurve = await verifyEdcSeal(seal(CREDENTIAL, { alg: 'ES256', key: k384.privateKey, x5c: [cert384] }));
      expect(errors(wrongCurve)).toContain('EDC_SEAL_KEY_UNSUPPORTED');
      const weak = keys('rsa1024', 0);
      const weakCert = certificate({ subject: [['CN', 'weak']], issuer: [['CN', 'weak']], publicKey: weak.publicKey, signingKey: weak.privateKey, alg: 'rsa-sha256' });
      expect(errors(await verifyEdcSeal(seal(CREDENTIAL, { alg: 'RS256', key: weak.privateKey, x5c: [weakCert] })))).toEqual(['EDC_SEAL_KEY_UNSUPPORTED']);
    });
    it('an RSASSA-PSS key (id-RSASSA-PSS SPKI, which WebCrypto cannot import as such) verifies PS256', async () => {
      const k = keys('rsa-pss', 0);
      const cert = certificate({ subject: [['CN', 'PSS key']], issuer: ROOT_NAME, publicKey: k.publicKey, signingKey: pki().keys.root.privateKey, alg: 'rsa-sha256', extensions: [LEAF_KU] });
      const r = await verifyEdcSeal(seal(CREDENTIAL, { alg: 'PS256', key: k.privateKey, x5c: [cert] }), { trustAnchors: [pki().root] });
      expect(r.verified, JSON.stringify(r.issues)).toBe(true);
    });
    it('x5t#S256 naming another certificate', async () => {
      const r = await verifyWith({ protectedExtra: { 'x5t#S256': createHash('sha256').update(pki().ecLeaf).digest('base64url') } });
      expect(errors(r)).toEqual(['EDC_SEAL_THUMBPRINT_MISMATCH']);
    });
    it('x5t#o (JAdES) is checked too', async () => {
      const good = await verifyWith({ protectedExtra: { crit: ['b64', 'sigT', 'x5t#o'], 'x5t#o': { digAlg: 'http://www.w3.org/2001/04/xmlenc#sha512', digVal: createHash('sha512').update(pki().rsaLeaf).digest('base64url') } } });
      expect(good.verified).toBe(true);
      const bad = await verifyWith({ protectedExtra: { crit: ['b64', 'sigT', 'x5t#o'], 'x5t#o': { digAlg: 'http://www.w3.org/2001/04/xmlenc#sha512', digVal: createHash('sha512').update(pki().root).digest('base64url') } } });
      expect(errors(bad)).toEqual(['EDC_SEAL_THUMBPRINT_MISMATCH']);
    });
    it('kid as a JAdES IssuerSerial naming another certificate is a warning', async () => {
      const issuerSerial = (issuer: NameSpec, serial: bigint) => seq(seq(explicit(4, name(issuer))), integer(serial)).toString('base64');
      const ok = await verifyWith({ protectedExtra: { kid: issuerSerial(ROOT_NAME, 0xff01n) } });
      expect(codes(ok)).not.toContain('EDC_SEAL_KID_MISMATCH');
      const other = await verifyWith({ protectedExtra: { kid: issuerSerial(ROOT_NAME, 0xff02n) } });
      expect(other.verified).toBe(true);
      expect(other.issues.find((i) => i.code === 'EDC_SEAL_KID_MISMATCH')?.severity).toBe('warning');
      expect(codes(await verifyWith({ protectedExtra: { kid: 'my-key-1' } }))).not.toContain('EDC_SEAL_KID_MISMATCH');
    });
    it('the signer certificate found in etsiU xVals by a signed x5t#S256', async () => {
      const xVals = Buffer.from(JSON.stringify({ xVals: [{ x509Cert: { val: pki().rsaLeaf.toString('base64') } }] })).toString('base64url');
      const r = await verifyWith({ omit: ['x5c'], header: { etsiU: [xVals] } });
      expect(r.verified, JSON.stringify(r.issues)).toBe(true);
      expect(r.signer?.subject).toContain('Test University eSeal');
      const none = await verifyWith({ omit: ['x5c'] });
      expect(errors(none)).toEqual(['EDC_SEAL_CERTIFICATE_MISSING']);
    });
    it('x5c spelled as base64url or without padding is read (it is inside the signed header anyway)', async () => {
      const leaf = pki().rsaLeaf;
      for (const spelling of [leaf.toString('base64url'), leaf.toString('base64').replace(/=+$/, '')]) {
        const r = await verifyWith({ protectedExtra: { x5c: [spelling] } });
        expect(r.verified, JSON.stringify(r.issues)).toBe(true);
      }
    });
    it('a malformed extra x5c certificate is skipped with a warning; the signer certificate must be sound', async () => {
      const r = await verifyWith({ protectedExtra: { x5c: [pki().rsaLeaf.toString('base64'), 'MIIBAAAA'] } });
      expect(r.verified).toBe(true);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_CERTIFICATE_INVALID')?.severity).toBe('warning');
      const bad = await verifyWith({ protectedExtra: { x5c: ['MIIBAAAA', pki().rsaLeaf.toString('base64')] } });
      expect(errors(bad)).toEqual(['EDC_SEAL_CERTIFICATE_INVALID']);
    });
    it('etsiU entries as JSON objects, and validation data in unpadded base64, are read', async () => {
      const etsiU = [{ xVals: [{ x509Cert: { val: pki().root.toString('base64').replace(/=+$/, '') } }] }, Buffer.from(JSON.stringify({ rVals: { crlVals: [] } })).toString('base64url')];
      const r = await verifyWith({ header: { etsiU } });
      expect(r.verified, JSON.stringify(r.issues)).toBe(true);
    });
    it('x5c only in the unprotected header, bound by no signed digest', async () => {
      const r = await verifyWith({ omit: ['x5c', 'x5t#S256'], header: { x5c: [pki().rsaLeaf.toString('base64')] } });
      expect(r.integrity).toBe(true);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_CERTIFICATE_UNPROTECTED')?.severity).toBe('warning');
    });
    it('sigT that is not a date-time', async () => {
      expect(errors(await verifyWith({ sigT: '2025-02-30T10:00:00Z' }))).toContain('EDC_SEAL_HEADER_INVALID');
    });
    it('a payload that is intact but not a JSON object', async () => {
      for (const payload of ['hello', '[1,2]', '"x"']) {
        const r = await verifyEdcSeal(seal(payload, spec()));
        expect(r.integrity).toBe(true);
        expect(r.credential).toBeUndefined();
        expect(errors(r)).toEqual(['EDC_SEAL_PAYLOAD_NOT_JSON']);
      }
    });
    it('a payload with a lone surrogate (no UTF-8 form) is refused, not silently replaced', async () => {
      const doc = seal('{"a":"\uFFFD"}', spec());
      expect((await verifyEdcSeal(doc)).verified).toBe(true);
      // Encoders turn \uD800 into U+FFFD: the same signed bytes, another credential.
      const r = await verifyEdcSeal(withPayload(doc, '{"a":"\uD800"}'));
      expect(r.verified).toBe(false);
      expect(errors(r)).toContain('EDC_SEAL_PAYLOAD_INVALID');
    });
  });

  describe('several signatures', () => {
    it('all must verify; each is reported', async () => {
      const p = pki();
      const doc = seal(CREDENTIAL, { alg: 'RS256', key: p.keys.rsaLeaf.privateKey, x5c: [p.rsaLeaf] }, { alg: 'ES256', key: p.keys.ecLeaf.privateKey, x5c: [p.ecLeaf] });
      const both = await verifyEdcSeal(doc, { trustAnchors: [p.root] });
      expect(both.verified).toBe(true);
      expect(both.signatures.map((s) => [s.algorithm, s.integrity, s.trusted])).toEqual([['RS256', true, true], ['ES256', true, true]]);
      const broken = withSig(doc, 1, { signature: changeChar(doc.signatures[1]!.signature, 5) });
      const r = await verifyEdcSeal(broken);
      expect(r.verified).toBe(false);
      expect(r.integrity).toBe(false);
      expect(r.signatures.map((s) => s.integrity)).toEqual([true, false]);
      expect(r.issues.find((i) => i.code === 'EDC_SEAL_SIGNATURE_INVALID')?.signature).toBe(1);
    });
    it('signatures disagreeing on b64 are refused (RFC 7797 §3)', async () => {
      const p = pki();
      const text = JSON.stringify(CREDENTIAL);
      const a = signatureFor(text, { alg: 'RS256', key: p.keys.rsaLeaf.privateKey, x5c: [p.rsaLeaf] });
      const b = signatureFor(text, { alg: 'ES256', key: p.keys.ecLeaf.privateKey, x5c: [p.ecLeaf], b64: true });
      const r = await verifyEdcSeal({ payload: text, signatures: [a, b] });
      expect(r.verified).toBe(false);
      expect(errors(r)).toContain('EDC_SEAL_HEADER_INVALID');
    });
  });
});

// --- A PKI made by OpenSSL: an oracle independent of both the verifier and the test builder ---

const OPENSSL = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!OPENSSL)('a CA and a leaf made by the openssl CLI', () => {
  it('verifies ES256 and PS256 seals and trusts the chain CA → leaf', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edc-seal-'));
    try {
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
      writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
      writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nauthorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n');
      run('req', '-x509', '-newkey', 'rsa:3072', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/C=ES/O=OpenSSL Test CA/CN=OpenSSL Test eSeal CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
      for (const [leaf, keyArgs] of [['ec', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']], ['rsa', ['-newkey', 'rsa:2048']]] as const) {
        run('req', ...keyArgs, '-nodes', '-keyout', `${leaf}.key`, '-out', `${leaf}.csr`, '-subj', `/C=ES/O=Universidad de Prueba/CN=Sello ${leaf}`);
        run('x509', '-req', '-in', `${leaf}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '0x0a0b0c', '-days', '365', '-out', `${leaf}.pem`, '-extfile', 'leaf.ext', ...(leaf === 'rsa' ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32', '-sha256'] : []));
      }
      const der = (f: string) => Buffer.from(new X509Certificate(readFileSync(join(dir, f))).raw);
      const caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
      for (const [leaf, alg] of [['ec', 'ES256'], ['rsa', 'PS256']] as const) {
        const key = createPrivateKey(readFileSync(join(dir, `${leaf}.key`)));
        const doc = seal(CREDENTIAL, { alg, key, x5c: [der(`${leaf}.pem`)], sigT: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
        const r = await verifyEdcSeal(doc, { trustAnchors: [caPem] });
        expect(r.verified, JSON.stringify(r.issues)).toBe(true);
        expect(r.trusted).toBe(true);
        expect(r.signer?.subject).toBe(`CN=Sello ${leaf}, O=Universidad de Prueba, C=ES`);
        expect(r.signer?.serialNumber).toBe('0A0B0C');
        expectBroken(await verifyEdcSeal(withPayload(doc, doc.payload.replace('Zoë', 'Zoe'))));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// --- Validation data: the unsigned etsiU header and the adoTst time-stamp ----------------------

type EtsiUComponent = Record<string, unknown>;
/** The sample's etsiU elements, decoded: [sigTst, xVals, rVals, arcTst]. */
const sampleEtsiU = (): EtsiUComponent[] => (SAMPLE.signatures[0]!.header as { etsiU: string[] }).etsiU.map((e) => JSON.parse(Buffer.from(e, 'base64url').toString('utf8')) as EtsiUComponent);
const withEtsiU = (doc: SealedDoc, etsiU: unknown[]): SealedDoc => withSig(doc, 0, { header: { etsiU } });
const encodeAll = (components: EtsiUComponent[]) => components.map((c) => etsiUEntry(c));
/** The DER behind a `val` at `path` inside a decoded component, and a setter. */
function derAt(c: EtsiUComponent, path: (string | number)[]): { der: Buffer; set: (der: Buffer) => void } {
  let o = c as Record<string | number, unknown>;
  for (const p of path) o = o[p] as Record<string | number, unknown>;
  return { der: Buffer.from(o.val as string, 'base64'), set: (der) => { o.val = der.toString('base64'); } };
}
/** The sample with one byte of one etsiU object changed (`xor`), optionally without the archive time-stamp. */
function sampleWithChangedObject(entry: number, path: (string | number)[], at: (der: Buffer) => number, { dropArcTst = true, xor = 0x01 } = {}): SealedDoc {
  const comps = sampleEtsiU();
  const { der, set: put } = derAt(comps[entry]!, path);
  const i = at(der);
  der[i] = der[i]! ^ xor;
  put(der);
  return withEtsiU(sample(), encodeAll(dropArcTst ? comps.filter((c) => !('arcTst' in c)) : comps));
}
const sha256hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const unverifiedPaths = (r: EdcSealVerification) => r.issues.filter((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED').map((i) => i.path);

describe('the EU sample\'s validation data (etsiU, adoTst)', () => {
  it('verifies every object whose issuer the seal carries; the ANF eSeal CA (issuer absent) is reported as not checked', async () => {
    const r = await verifyEdcSeal(sample());
    expect(r.verified).toBe(true);
    expect(errors(r)).toEqual([]);
    expect(unverifiedPaths(r)).toEqual(['/signatures/0/header/etsiU/1/xVals/2/x509Cert/val']);
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED')?.severity).toBe('info');
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED')?.message).toMatch(/ANF Global Root CA/);
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_TIMESTAMP_NOT_CHECKED')?.message).toMatch(/Verified time-stamps: sigTst 2023-09-27T11:54:20Z, arcTst 2023-09-27T11:54:20Z, adoTst 2023-09-27T11:54:17Z\./);
  });

  it('what each time-stamp covers, checked with node:crypto: sigTst the base64url signature characters, adoTst the payload, arcTst everything before it', () => {
    const s = SAMPLE.signatures[0]!;
    const [sigTst, , , arcTst] = sampleEtsiU();
    const hex = (c: EtsiUComponent, name: string) => Buffer.from(((c[name] as { tstTokens: { val: string }[] }).tstTokens[0]!.val), 'base64').toString('hex');
    // ETSI TS 119 182-1 §5.3.4: the message imprint is over the base64url text, not the decoded signature bytes.
    expect(hex(sigTst!, 'sigTst')).toContain(sha256hex(s.signature));
    expect(hex(sigTst!, 'sigTst')).not.toContain(sha256hex(Buffer.from(s.signature, 'base64url')));
    const ado = Buffer.from((SAMPLE_HEADER.adoTst as { tstTokens: { val: string }[] }).tstTokens[0]!.val, 'base64').toString('hex');
    expect(ado).toContain(sha256hex(SAMPLE.payload));
    // §5.3.6.3.1.1: payload '.' protected '.' signature '.' and the etsiU elements before arcTst, as written.
    expect(hex(arcTst!, 'arcTst')).toContain(sha256hex(archiveInput(SAMPLE, (s.header as { etsiU: string[] }).etsiU.slice(0, 3))));
  });

  describe('a changed byte in one object fails that object\'s own check (archive time-stamp removed)', () => {
    const cases: [string, number, (string | number)[], (der: Buffer) => number, RegExp][] = [
      ['sigTst: the TSTInfo (its message imprint)', 0, ['sigTst', 'tstTokens', 0], (d) => d.indexOf(Buffer.from(sha256hex(SAMPLE.signatures[0]!.signature), 'hex')) + 5, /sigTst time-stamp token.*message-digest/],
      ['sigTst: the TSA signature', 0, ['sigTst', 'tstTokens', 0], (d) => d.length - 1, /sigTst time-stamp token.*signature by ".*CN=good-tsa" does not verify/],
      ['sigTst: the unsigned SignedData version', 0, ['sigTst', 'tstTokens', 0], () => 25, /SignedData version 2/],
      ['sigTst: the unsigned SignerInfo serial number', 0, ['sigTst', 'tstTokens', 0], (d) => d.lastIndexOf(Buffer.from('020201f4', 'hex')) + 3, /SignerInfo does not name the certificate its signingCertificate attribute hashes/],
      ['xVals: the TSA certificate', 1, ['xVals', 3, 'x509Cert'], () => 300, /xVals certificate.*CN=good-tsa.*does not verify with the key of ".*CN=root-ca"/],
      ['xVals: the self-signed Nowina root (its validity)', 1, ['xVals', 0, 'x509Cert'], (d) => d.indexOf(Buffer.from('220113160335Z')) + 5, /xVals certificate.*CN=root-ca.*does not verify with the key of ".*CN=root-ca"/],
      ['xVals: the OCSP responder certificate', 1, ['xVals', 1, 'x509Cert'], (d) => d.length - 10, /Responder 1468.*does not verify with the key of "CN=ANF AC Qualified Certificates for eSeal/],
      ['rVals: the CRL signature', 2, ['rVals', 'crlVals', 0], (d) => d.length - 1, /CRL.*issued by ".*CN=root-ca".*does not verify/],
      ['rVals: a revoked serial in the CRL', 2, ['rVals', 'crlVals', 0], (d) => d.indexOf(Buffer.from('020201f7', 'hex')) + 3, /CRL/],
      ['rVals: the OCSP producedAt time', 2, ['rVals', 'ocspVals', 0], (d) => d.indexOf(Buffer.from('20230927115417Z')) + 3, /OCSP response.*does not verify/],
      ['rVals: the OCSP responder key hash', 2, ['rVals', 'ocspVals', 0], (d) => d.indexOf(Buffer.from('AE7471C87073A60F', 'hex')) + 2, /ResponderID names none of the certificates it carries/],
      ['rVals: the OCSP response type', 2, ['rVals', 'ocspVals', 0], (d) => d.indexOf(Buffer.from('2b0601050507300101', 'hex')) + 8, /RFC 6960 §4.2.1 defines only id-pkix-ocsp-basic/],
    ];
    for (const [what, entry, path, at, message] of cases) {
      it(what, async () => {
        const r = await verifyEdcSeal(sampleWithChangedObject(entry, path, at));
        expect(r.integrity).toBe(true);
        expect(r.verified).toBe(false);
        expect(errors(r)).toEqual(['EDC_SEAL_UNSIGNED_DATA_INVALID']);
        expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_INVALID')?.message).toMatch(message);
        // The credential is still returned: the JWS signature holds, only the validation data was changed.
        expect(r.credential).toEqual(JSON.parse(SAMPLE.payload));
      });
    }
  });

  it('with the archive time-stamp, a change to any element before it also fails its message imprint, even one that keeps the content', async () => {
    const comps = sampleEtsiU();
    const respelled = [...(SAMPLE.signatures[0]!.header as { etsiU: string[] }).etsiU];
    respelled[1] = Buffer.from(JSON.stringify(comps[1], null, 1)).toString('base64url'); // same JSON, other text
    const r = await verifyEdcSeal(withEtsiU(sample(), respelled));
    expect(errors(r)).toEqual(['EDC_SEAL_UNSIGNED_DATA_INVALID']);
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_INVALID')?.message).toMatch(/arcTst time-stamp token.*message imprint/);
  });

  it('a copy of a certificate inside the archive time-stamp token, changed where no signature shows it (its issuer name), is caught by its twin', async () => {
    // The token's own certificates are not covered by its signature; root-ca with another issuer name has no issuer to check it with.
    const doc = sampleWithChangedObject(3, ['arcTst', 'tstTokens', 0], (d) => d.indexOf(Buffer.from('root-ca')) + 2, { dropArcTst: false });
    const r = await verifyEdcSeal(doc);
    expect(errors(r)).toEqual(['EDC_SEAL_UNSIGNED_DATA_INVALID']);
    expect(r.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_INVALID')?.message).toMatch(/inside the arcTst.*same signature value over different content/);
  });

  it('without the archive time-stamp (a JAdES-LT seal), or without xVals (the TSA certificate is in each token), it still verifies', async () => {
    const comps = sampleEtsiU();
    expect((await verifyEdcSeal(withEtsiU(sample(), encodeAll(comps.slice(0, 3))))).verified).toBe(true);
    const noXVals = await verifyEdcSeal(withEtsiU(sample(), encodeAll([comps[0]!, comps[2]!])));
    expect(noXVals.verified).toBe(true);
    // The CRL's issuer (root-ca) travels in the tokens, the OCSP responder's certificate in the response;
    // without xVals, the responder certificate's issuer (the ANF eSeal CA) is absent.
    expect(unverifiedPaths(noXVals)).toEqual(['/signatures/0/header/etsiU/1/rVals/ocspVals/0/val']);
    expect(noXVals.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED')?.message).toMatch(/^Certificate 0 inside the rVals OCSP response.*Responder 1468/);
  });

  it('an object whose issuer is absent is not checked (info), unless the caller supplies the issuer', async () => {
    const responder = derAt(sampleEtsiU()[1]!, ['xVals', 1, 'x509Cert']).der;
    const doc = withEtsiU(sample(), encodeAll([{ xVals: [{ x509Cert: { val: responder.toString('base64') } }] }]));
    const alone = await verifyEdcSeal(doc);
    expect(alone.verified).toBe(true);
    expect(unverifiedPaths(alone)).toEqual(['/signatures/0/header/etsiU/0/xVals/0/x509Cert/val']);
    const withIssuer = await verifyEdcSeal(doc, { intermediates: [ANF_ESEAL_CA] });
    expect(withIssuer.verified).toBe(true);
    expect(unverifiedPaths(withIssuer)).toEqual([]);
  });

  it('an etsiU component, a header parameter or a signature member with an unknown (damaged) name is refused', async () => {
    const etsiU = [...(SAMPLE.signatures[0]!.header as { etsiU: string[] }).etsiU];
    const comps = sampleEtsiU();
    const renamed = await verifyEdcSeal(withEtsiU(sample(), [...etsiU.slice(0, 3), etsiUEntry({ arcTsu: comps[3]!.arcTst })]));
    expect(errors(renamed)).toEqual(['EDC_SEAL_UNPROTECTED_HEADER_INVALID']);
    expect(renamed.issues[0]?.message).toMatch(/`arcTsu`, which is not a JAdES unsigned component/);
    const etsiV = await verifyEdcSeal(withSig(sample(), 0, { header: { etsiV: etsiU } }));
    expect(errors(etsiV)).toEqual(['EDC_SEAL_UNPROTECTED_HEADER_INVALID']);
    const s = SAMPLE.signatures[0]!;
    const headex = await verifyEdcSeal({ payload: SAMPLE.payload, signatures: [{ protected: s.protected, headex: s.header, signature: s.signature } as never] });
    expect(errors(headex)).toEqual(['EDC_SEAL_UNKNOWN_MEMBER']);
    expect(headex.integrity).toBe(true);
  });

  it('adoTst (in the signed header) is verified too: its token carries the TSA certificate', async () => {
    const r = await verifyEdcSeal(withSig(sample(), 0, { header: {} }));
    expect(r.verified).toBe(true);
    expect(unverifiedPaths(r)).toEqual([]);
    expect(codes(r)).not.toContain('EDC_SEAL_TIMESTAMP_INVALID');
  });
});

describe('validation data made here (RFC 3161 tokens, CRLs and OCSP responses built with node:crypto)', () => {
  const TSA_NAME: NameSpec = [['C', 'BE'], ['O', 'Test Trust Services'], ['CN', 'Test TSA']];
  const OCSP_NAME: NameSpec = [['C', 'BE'], ['O', 'Test Trust Services'], ['CN', 'Test OCSP Responder']];
  let cache: ReturnType<typeof build> | undefined;
  function build() {
    const p = pki();
    const tsaRsa = keys('rsa2048', 6);
    const tsaEc = keys('p256', 6);
    const rootKey = p.keys.root;
    // extendedKeyUsage timeStamping, critical (RFC 3161 §2.3), so that openssl ts -verify accepts it.
    const tsa = certificate({ subject: TSA_NAME, issuer: ROOT_NAME, serial: 0x7501n, publicKey: tsaRsa.publicKey, signingKey: rootKey.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature'), extension('2.5.29.37', true, seq(oid('1.3.6.1.5.5.7.3.8'))), ...keyIds(tsaRsa.publicKey, rootKey.publicKey)] });
    const tsaEcCert = certificate({ subject: [...TSA_NAME.slice(0, 2), ['CN', 'Test EC TSA']], issuer: ROOT_NAME, serial: 0x7502n, publicKey: tsaEc.publicKey, signingKey: rootKey.privateKey, alg: 'rsa-pss-sha256', extensions: [keyUsage('digitalSignature'), ...keyIds(tsaEc.publicKey, rootKey.publicKey)] });
    const responderKey = keys('p384', 6);
    const responder = certificate({ subject: OCSP_NAME, issuer: ROOT_NAME, serial: 0x0c5an, publicKey: responderKey.publicKey, signingKey: rootKey.privateKey, alg: 'rsa-sha256', extensions: [keyUsage('digitalSignature')] });
    return { p, tsa, tsaRsa, tsaEcCert, tsaEc, responder, responderKey };
  }
  const v = () => (cache ??= build());
  const skiOf = (k: ReturnType<typeof keys>) => createHash('sha1').update(k.publicKey.export({ type: 'spki', format: 'der' })).digest();

  /** An LTA-like seal: sigTst, xVals, rVals (CRL and OCSP), arcTst over all of it. */
  function ltaSeal(opts: { token?: Partial<TokenSpec>; xVals?: Buffer[]; crlKey?: KeyObject; crl?: Buffer; ocsp?: Partial<Parameters<typeof ocspResponse>[0]>; arcOver?: (entries: string[]) => string[] } = {}): SealedDoc {
    const { p, tsa, tsaRsa, responder, responderKey } = v();
    const doc = seal(CREDENTIAL, { alg: 'RS256', key: p.keys.rsaLeaf.privateKey, x5c: [p.rsaLeaf] });
    const tokenFor = (data: Buffer) => timeStampToken({ data, tsaCert: tsa, tsaKey: tsaRsa.privateKey, alg: 'rsa-sha256', ...opts.token });
    const entries = [
      etsiUEntry({ sigTst: tstComponent(tokenFor(Buffer.from(doc.signatures[0]!.signature))) }),
      etsiUEntry({ xVals: (opts.xVals ?? [p.root, tsa]).map((c) => ({ x509Cert: { val: c.toString('base64') } })) }),
      etsiUEntry({ rVals: {
        crlVals: [{ val: (opts.crl ?? crl({ issuer: name(ROOT_NAME), key: opts.crlKey ?? p.keys.root.privateKey, alg: 'rsa-sha256', revoked: [5n, 6n], aki: skiOf(p.keys.root) })).toString('base64') }],
        ocspVals: [{ val: ocspResponse({ responderCert: responder, key: responderKey.privateKey, alg: 'ecdsa-sha384', serial: 0x00ff01n, certs: [responder], ...opts.ocsp }).toString('base64') }],
      } }),
    ];
    const covered = opts.arcOver ? opts.arcOver(entries) : entries;
    entries.push(etsiUEntry({ arcTst: tstComponent(tokenFor(archiveInput(doc, covered))) }));
    return withEtsiU(doc, entries);
  }

  it('a complete seal verifies, with every object checked (nothing left unverified)', async () => {
    const r = await verifyEdcSeal(ltaSeal(), { trustAnchors: [v().p.root] });
    expect(r.verified, JSON.stringify(r.issues)).toBe(true);
    expect(unverifiedPaths(r)).toEqual([]);
  });

  it('token variants: ECDSA TSA named by key identifier, rsaEncryption as signature algorithm, no ESS or algorithm-protection attribute, SHA-384/512 imprints', async () => {
    const { tsaEcCert, tsaEc } = v();
    const variants: Partial<TokenSpec>[] = [
      { tsaCert: tsaEcCert, tsaKey: tsaEc.privateKey, alg: 'ecdsa-sha256', sid: { ski: skiOf(tsaEc) } },
      { rsaEncryptionOid: true },
      { noEss: true, noAlgorithmProtection: true },
      { hash: 'sha384' },
      { hash: 'sha512', certs: [] },
    ];
    for (const token of variants) {
      const xVals = [v().p.root, v().tsa, tsaEcCert];
      const r = await verifyEdcSeal(ltaSeal({ token, xVals }));
      expect(r.verified, `${JSON.stringify(Object.keys(token))}: ${JSON.stringify(r.issues.filter((i) => i.severity !== 'warning'))}`).toBe(true);
      expect(unverifiedPaths(r)).toEqual([]);
    }
  });

  it('a bare BasicOCSPResponse, a responder named by key hash, a responder certificate only in the response', async () => {
    const { p, tsa } = v();
    for (const ocsp of [{ bare: true }, { byKey: true }, { byKey: true, certs: [v().responder] }]) {
      const r = await verifyEdcSeal(ltaSeal({ ocsp, xVals: [p.root, tsa] }));
      expect(r.verified, JSON.stringify(r.issues)).toBe(true);
      expect(unverifiedPaths(r)).toEqual([]);
    }
  });

  /** The root's CRL, signed by the root, with `trailing` after the AuthorityKeyIdentifier inside its extnValue OCTET STRING. */
  const crlWithAkiTrailing = (trailing: Buffer) => {
    const root = v().p.keys.root;
    const [tbs, alg] = derChildren(crl({ issuer: name(ROOT_NAME), key: root.privateKey, alg: 'rsa-sha256', revoked: [5n, 6n], aki: skiOf(root) }));
    const aki = Buffer.concat([seq(tlv(0x80, skiOf(root))), trailing]);
    const signed = seq(...derChildren(tbs!).slice(0, -1), explicit(0, seq(extension('2.5.29.35', false, aki))));
    return seq(signed, alg!, tlv(0x03, Buffer.from([0]), nodeSign('sha256', signed, root.privateKey)));
  };

  it('a CRL signed as it is, with no trailing bytes after its authorityKeyIdentifier, verifies', async () => {
    const r = await verifyEdcSeal(ltaSeal({ crl: crlWithAkiTrailing(Buffer.alloc(0)) }));
    expect(r.verified, JSON.stringify(r.issues)).toBe(true);
    expect(unverifiedPaths(r)).toEqual([]);
  });

  const failing: [string, () => SealedDoc, RegExp][] = [
    ['a CRL with trailing bytes inside its authorityKeyIdentifier OCTET STRING (signed so)', () => ltaSeal({ crl: crlWithAkiTrailing(Buffer.from([0x05, 0x00])) }), /CRL.*is not a well-formed CRL.*trailing data/],
    ['a token over other data', () => ltaSeal({ token: { data: Buffer.from('something else') } }), /sigTst time-stamp token.*message imprint/],
    ['a SignedData version that RFC 5652 §5.1 does not allow', () => ltaSeal({ token: { version: 1 } }), /SignedData version 1, where RFC 5652 §5.1 requires 3/],
    ['a token signed by another key than the TSA certificate it names', () => ltaSeal({ token: { tsaKey: keys('rsa2048', 4).privateKey } }), /signature by "CN=Test TSA.*does not verify/],
    ['a CRL signed by another key under the root\'s name', () => ltaSeal({ crlKey: keys('rsa2048', 4).privateKey }), /CRL.*does not verify with the key of "CN=Test eSeal Root CA/],
    ['an OCSP response signed by another key than its responder', () => ltaSeal({ ocsp: { key: keys('p384', 7).privateKey } }), /OCSP response.*does not verify/],
    ['an archive time-stamp that does not cover the revocation values before it', () => ltaSeal({ arcOver: (e) => e.slice(0, 2) }), /arcTst time-stamp token.*message imprint/],
  ];
  for (const [what, make, message] of failing) {
    it(`fails: ${what}`, async () => {
      const r = await verifyEdcSeal(make());
      expect(r.integrity).toBe(true);
      expect(r.verified).toBe(false);
      expect(errors(r)).toContain('EDC_SEAL_UNSIGNED_DATA_INVALID');
      expect(r.issues.filter((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_INVALID').map((i) => i.message).join('\n')).toMatch(message);
    });
  }

  it('a token with unsigned attributes verifies, and an info says that nothing covers them', async () => {
    const r = await verifyEdcSeal(ltaSeal({ token: { unsignedAttr: true } }));
    expect(r.verified, JSON.stringify(r.issues)).toBe(true);
    expect(r.issues.filter((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_UNVERIFIED').map((i) => i.message)).toEqual([
      expect.stringMatching(/sigTst time-stamp token.*unsigned attributes are covered by nothing/),
      expect.stringMatching(/arcTst time-stamp token.*unsigned attributes are covered by nothing/),
    ]);
  });

  it('a TSA certificate that is nowhere in the seal leaves the tokens unchecked (info), and the seal verifies', async () => {
    const r = await verifyEdcSeal(ltaSeal({ token: { certs: [] }, xVals: [v().p.root] }));
    expect(r.verified, JSON.stringify(r.issues)).toBe(true);
    expect(unverifiedPaths(r)).toEqual(['/signatures/0/header/etsiU/0/sigTst/tstTokens/0/val', '/signatures/0/header/etsiU/3/arcTst/tstTokens/0/val']);
  });

  it('agrees with OpenSSL on the tokens it builds (openssl ts -verify)', () => {
    if (!OPENSSL) return;
    const { tsa, tsaRsa, p } = v();
    const dir = mkdtempSync(join(tmpdir(), 'edc-tst-'));
    try {
      const data = Buffer.from('the data');
      writeFileSync(join(dir, 'data'), data);
      writeFileSync(join(dir, 'tok.der'), timeStampToken({ data, tsaCert: tsa, tsaKey: tsaRsa.privateKey, alg: 'rsa-sha256', certs: [tsa] }));
      writeFileSync(join(dir, 'root.pem'), pem(p.root));
      const out = execFileSync('openssl', ['ts', '-verify', '-token_in', '-in', 'tok.der', '-data', 'data', '-CAfile', 'root.pem'], { cwd: dir, stdio: 'pipe' }).toString();
      expect(out).toMatch(/Verification: OK/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!OPENSSL)('validation data made by the openssl CLI (ts -reply, ca -gencrl, ocsp)', () => {
  it('a sigTst from `openssl ts`, a CRL from `openssl ca` and an OCSP response from `openssl ocsp` verify; changed ones fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edc-vd-'));
    try {
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
      writeFileSync(join(dir, 'tsa.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
      writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nauthorityKeyIdentifier=keyid\n');
      writeFileSync(join(dir, 'ts.cnf'), '[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ./tsaserial\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\ndigests = sha256, sha384\naccuracy = secs:1\ness_cert_id_alg = sha256\n');
      writeFileSync(join(dir, 'ca.cnf'), '[ ca ]\ndefault_ca = d\n[ d ]\ndatabase = index.txt\ncrlnumber = crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\ncertificate = ca.pem\nprivate_key = ca.key\n');
      writeFileSync(join(dir, 'index.txt'), '');
      writeFileSync(join(dir, 'crlnumber'), '01\n');
      writeFileSync(join(dir, 'tsaserial'), '01\n');
      run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/C=ES/O=OpenSSL VD Test/CN=OpenSSL VD CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
      for (const [who, keyArgs, ext] of [['tsa', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'tsa.ext'], ['leaf', ['-newkey', 'rsa:2048'], 'leaf.ext']] as const) {
        run('req', ...keyArgs, '-nodes', '-keyout', `${who}.key`, '-out', `${who}.csr`, '-subj', `/C=ES/O=OpenSSL VD Test/CN=${who}`);
        run('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', who === 'tsa' ? '0x1001' : '0x2002', '-days', '365', '-out', `${who}.pem`, '-extfile', ext);
      }
      const der = (f: string) => Buffer.from(new X509Certificate(readFileSync(join(dir, f))).raw);
      const doc = seal(CREDENTIAL, { alg: 'RS256', key: createPrivateKey(readFileSync(join(dir, 'leaf.key'))), x5c: [der('leaf.pem')], sigT: new Date().toISOString().replace(/\.\d+Z$/, 'Z') });
      writeFileSync(join(dir, 'sig.txt'), doc.signatures[0]!.signature);
      run('ts', '-query', '-data', 'sig.txt', '-sha256', '-cert', '-out', 'q.tsq');
      run('ts', '-reply', '-config', 'ts.cnf', '-queryfile', 'q.tsq', '-inkey', 'tsa.key', '-signer', 'tsa.pem', '-token_out', '-out', 'tok.der');
      run('ca', '-config', 'ca.cnf', '-gencrl', '-out', 'crl.pem');
      run('crl', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl.der');
      run('ocsp', '-issuer', 'ca.pem', '-cert', 'leaf.pem', '-no_nonce', '-reqout', 'req.der');
      run('ocsp', '-index', 'index.txt', '-rsigner', 'ca.pem', '-rkey', 'ca.key', '-CA', 'ca.pem', '-reqin', 'req.der', '-respout', 'resp.der', '-ndays', '1');
      const etsiU = [
        etsiUEntry({ sigTst: tstComponent(readFileSync(join(dir, 'tok.der'))) }),
        etsiUEntry({ xVals: [{ x509Cert: { val: der('ca.pem').toString('base64') } }] }),
        etsiUEntry({ rVals: { crlVals: [{ val: readFileSync(join(dir, 'crl.der')).toString('base64') }], ocspVals: [{ val: readFileSync(join(dir, 'resp.der')).toString('base64') }] } }),
      ];
      const r = await verifyEdcSeal(withEtsiU(doc, etsiU), { trustAnchors: [readFileSync(join(dir, 'ca.pem'), 'utf8')] });
      expect(r.verified, JSON.stringify(r.issues)).toBe(true);
      expect(unverifiedPaths(r)).toEqual([]);
      // The same token over another signature value: its message imprint no longer matches.
      const other = withSig(withEtsiU(doc, etsiU), 0, { signature: seal(CREDENTIAL, { alg: 'RS256', key: createPrivateKey(readFileSync(join(dir, 'leaf.key'))), x5c: [der('leaf.pem')], sigT: '2020-01-01T00:00:00Z' }).signatures[0]!.signature });
      expect(errors(await verifyEdcSeal(other))).toContain('EDC_SEAL_SIGNATURE_INVALID');
      const stale = etsiUEntry({ sigTst: tstComponent(readFileSync(join(dir, 'tok.der'))) });
      const resealed = seal({ ...CREDENTIAL, id: 'urn:credential:other' }, { alg: 'RS256', key: createPrivateKey(readFileSync(join(dir, 'leaf.key'))), x5c: [der('leaf.pem')] });
      const moved = await verifyEdcSeal(withEtsiU(resealed, [stale, ...etsiU.slice(1)]));
      expect(errors(moved)).toEqual(['EDC_SEAL_UNSIGNED_DATA_INVALID']);
      expect(moved.issues.find((i) => i.code === 'EDC_SEAL_UNSIGNED_DATA_INVALID')?.message).toMatch(/message imprint/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// --- Properties -------------------------------------------------------------------------------

describe('properties', () => {
  it('any single-character change to a sealed payload fails (seals made here)', async () => {
    const doc = seal(CREDENTIAL, { alg: 'ES256', key: pki().keys.ecLeaf.privateKey, x5c: [pki().ecLeaf] });
    await fc.assert(
      fc.asyncProperty(fc.nat(doc.payload.length - 1), fc.integer({ min: 0, max: 0xffff }), async (at, code) => {
        fc.pre(doc.payload.charCodeAt(at) !== code);
        const changed = doc.payload.slice(0, at) + String.fromCharCode(code) + doc.payload.slice(at + 1);
        const r = await verifyEdcSeal(withPayload(doc, changed));
        expect(r.verified).toBe(false);
        expect(r.integrity).toBe(false);
        expect(r.credential).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('any single-byte change to the EU sample\'s payload fails', async () => {
    const bytes = Buffer.from(SAMPLE.payload, 'utf8');
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ xor;
        // A byte change may break UTF-8: the payload string then holds U+FFFD, which still differs.
        const r = await verifyEdcSeal(withPayload(sample(), changed.toString('utf8')));
        expect(r.verified).toBe(false);
        expect(r.integrity).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('any single-character change to the protected header or the signature fails', async () => {
    const doc = seal(CREDENTIAL, { alg: 'PS256', key: pki().keys.rsaLeaf.privateKey, x5c: [pki().rsaLeaf] });
    const s = doc.signatures[0]!;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(10_000), fc.nat(63), async (inHeader, pos, k) => {
        const target = inHeader ? s.protected : s.signature;
        const at = pos % target.length;
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
        const c = alphabet[k]!;
        fc.pre(target[at] !== c);
        const changed = target.slice(0, at) + c + target.slice(at + 1);
        const r = await verifyEdcSeal(withSig(doc, 0, inHeader ? { protected: changed } : { signature: changed }));
        expect(r.verified).toBe(false);
        expect(r.integrity).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('never rejects, whatever JSON it is given', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const r = await verifyEdcSeal(value);
        expect(r.verified).toBe(false);
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.record({ payload: fc.oneof(fc.string(), fc.jsonValue()), signatures: fc.array(fc.record({ protected: fc.oneof(fc.base64String(), fc.string()), header: fc.jsonValue(), signature: fc.oneof(fc.base64String(), fc.string()) }), { maxLength: 3 }) }), async (value) => {
        const r = await verifyEdcSeal(value);
        expect(r.verified).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

// --- Hostile input ----------------------------------------------------------------------------

describe('hostile input never makes it throw', () => {
  const headerWith = (h: Record<string, unknown>) => Buffer.from(JSON.stringify(h)).toString('base64url');
  const withX5c = (x5c: unknown) => withSig(sample(), 0, { protected: headerWith({ ...SAMPLE_HEADER, x5c }) });
  const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const cyclic = () => {
    const o: Record<string, unknown> = { payload: 'x' };
    o.signatures = [{ protected: 'e30', header: o, signature: 'AA' }];
    return o;
  };
  const cases: [string, () => unknown][] = [
    ['null', () => null],
    ['undefined', () => undefined],
    ['a number', () => 42],
    ['NaN', () => NaN],
    ['a boolean', () => true],
    ['an array', () => [sample()]],
    ['an empty object', () => ({})],
    ['an empty string', () => ''],
    ['a string with two dots', () => 'a.b.c'],
    ['a 50 MB string', () => 'x'.repeat(50 * 1024 * 1024)],
    ['a 50 MB payload', () => ({ ...sample(), payload: 'x'.repeat(50 * 1024 * 1024) })],
    ['deeply nested JSON text', () => `{"payload":${deepJson(100_000)}}`],
    ['a deeply nested payload', () => withPayload(sample(), deepJson(200_000))],
    ['a deeply nested unprotected header', () => withSig(sample(), 0, { header: JSON.parse(deepJson(5_000)) })],
    ['a deeply nested protected header', () => withSig(sample(), 0, { protected: Buffer.from(`{"alg":${deepJson(100_000)}}`).toString('base64url') })],
    ['__proto__ keys everywhere', () => JSON.parse(`{"__proto__":{"polluted":1},"payload":"{\\"__proto__\\":{\\"x\\":1}}","signatures":[{"__proto__":{"signature":"AA"},"protected":"${headerWith({ __proto__: { alg: 'RS256' } } as never)}","header":{"__proto__":{"b64":false}}}]}`)],
    ['a protected header with __proto__ alg', () => withSig(sample(), 0, { protected: Buffer.from('{"__proto__":{"alg":"RS256"},"constructor":{"x5c":["AA=="]}}').toString('base64url') })],
    ['malformed base64url everywhere', () => ({ payload: '!!', signatures: [{ protected: '%%%', signature: '***' }] })],
    ['x5c: not an array', () => withX5c('MII=')],
    ['x5c: malformed base64', () => withX5c(['@@@@'])],
    ['x5c: base64url instead of base64', () => withX5c([SAMPLE_LEAF.toString('base64url')])],
    ['x5c: a truncated certificate', () => withX5c([SAMPLE_LEAF.subarray(0, 700).toString('base64')])],
    ['x5c: an absurd DER length', () => withX5c([Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00]).toString('base64')])],
    ['x5c: an indefinite DER length', () => withX5c([Buffer.from([0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00]).toString('base64')])],
    ['x5c: 100 000 nested SEQUENCE headers', () => withX5c([Buffer.concat([...Array.from({ length: 50_000 }, () => Buffer.from([0x30, 0x80]))]).toString('base64')])],
    ['x5c: a huge certificate', () => withX5c([Buffer.alloc(3 * 1024 * 1024, 0x30).toString('base64')])],
    ['x5c: 1000 certificates', () => withX5c(Array.from({ length: 1000 }, () => SAMPLE_HEADER.x5c[0]))],
    ['x5c: random bytes', () => withX5c([Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7919) % 256)).toString('base64')])],
    ['10 000 signatures', () => ({ payload: SAMPLE.payload, signatures: Array.from({ length: 10_000 }, () => SAMPLE.signatures[0]) })],
    ['etsiU with garbage', () => withSig(sample(), 0, { header: { etsiU: [42, 'not base64!', { xVals: 'no' }, { sigTst: { tstTokens: [{ val: 'AAAA' }] } }] } })],
    ['a cyclic header', cyclic],
    ['a throwing getter', () => Object.defineProperty({ payload: 'x' }, 'signatures', { enumerable: true, get: () => { throw new Error('boom'); } })],
    ['a throwing proxy', () => new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => { throw new Error('boom'); }, getOwnPropertyDescriptor: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } })],
  ];
  for (const [what, make] of cases) {
    it(what, async () => {
      const r = await verifyEdcSeal(make());
      expect(r.verified).toBe(false);
      expect(errors(r).length).toBeGreaterThan(0);
      expect(errors(r)).not.toContain('EDC_SEAL_INTERNAL_ERROR');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }, 60_000);
  }
});

describe('documentation', () => {
  it('docs/edc-seal.md lists every code', () => {
    const doc = readFileSync(new URL('../docs/edc-seal.md', import.meta.url), 'utf8');
    for (const code of Object.keys(EDC_SEAL_CODES)) expect(doc, code).toContain(`\`${code}\``);
  });
});
