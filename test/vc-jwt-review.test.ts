/**
 * A review of VC-JWT verification: probes made with `jose` (never the library's own signer). A
 * probe that held is a test, so that it stays held; each weakness the review found (described in a
 * "Found in review" comment, as it was) was fixed, and its test states the secure behaviour.
 */
import { base64url, CompactSign, exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase58btc } from '../src/json/encoding.js';
import { type VerificationResult, verifyCredential, verifyPresentation } from '../src/vc.js';

type Doc = Record<string, any>;
type Signer = { alg: string; key: CryptoKey; pub: JWK };

const WEB = 'did:web:uni.example.eu';
const LEARNER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const now = '2026-01-01T00:00:00Z';
const secs = (date: string) => Math.floor(Date.parse(date) / 1000);
const text = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const brief = (r: VerificationResult) => ({ verified: r.verified, checks: r.checks.map((c) => (c.ok ? c.check : `!${c.check}`)), issues: r.issues.map((i) => `${i.code} ${i.path}`) });
const codes = (r: VerificationResult) => r.issues.map((i) => i.code);

async function signer(alg: 'EdDSA' | 'ES256'): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
  return { alg, key: privateKey as CryptoKey, pub: await exportJWK(publicKey) };
}
const didKeyOf = (pub: JWK) => `did:key:z${bytesToBase58btc(new Uint8Array([0xed, 0x01, ...base64url.decode(pub.x!)]))}`;

/** A VC Data Model 2.0 credential in its canonical JSON form. */
const plain = (issuer: unknown, extra: Doc = {}): Doc => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:6f1c2b1e-2c1a-4c51-9a52-0e4d1f3a7b10',
  type: ['VerifiableCredential', 'ExampleDegreeCredential'],
  issuer,
  validFrom: '2025-06-30T12:00:00Z',
  validUntil: '2030-06-30T12:00:00Z',
  credentialSubject: { id: LEARNER, name: 'Marie Dubois' },
  ...extra,
});
const idOf = (v: any): string => (typeof v === 'string' ? v : v.id);
const claimsOf = (c: Doc): Doc => ({
  iss: idOf(c.issuer),
  jti: c.id,
  ...(c.credentialSubject?.id ? { sub: c.credentialSubject.id } : {}),
  ...(c.validFrom ? { nbf: secs(c.validFrom) } : {}),
  ...(c.validUntil ? { exp: secs(c.validUntil) } : {}),
});
const sign = (s: Signer, payload: Doc, header: Doc = {}): Promise<string> =>
  new CompactSign(text(payload)).setProtectedHeader(JSON.parse(JSON.stringify({ alg: s.alg, ...header }))).sign(s.key);

let ed: Signer; // the did:key issuer
let edDid: string;
let web: Signer; // the did:web issuer's ES256 key
let web2: Signer; // a second assertion key of the did:web issuer
let stranger: Signer;
let strangerDid: string;
let controller: Doc;

beforeAll(async () => {
  [ed, web, web2, stranger] = await Promise.all([signer('EdDSA'), signer('ES256'), signer('ES256'), signer('EdDSA')]);
  edDid = didKeyOf(ed.pub);
  strangerDid = didKeyOf(stranger.pub);
  controller = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: WEB,
    verificationMethod: [
      { id: `${WEB}#key-1`, type: 'JsonWebKey2020', controller: WEB, publicKeyJwk: web.pub },
      { id: `${WEB}#key-2`, type: 'JsonWebKey2020', controller: WEB, publicKeyJwk: web2.pub },
    ],
    assertionMethod: [`${WEB}#key-1`, '#key-2'],
  };
});

describe('baseline: genuine tokens verify', () => {
  it('did:key EdDSA and did:web ES256 (absolute and relative kid)', async () => {
    const a = plain(edDid);
    expect(brief(await verifyCredential(await sign(ed, { ...a, ...claimsOf(a) }, { kid: `${edDid}#${edDid.slice(8)}` }), { now }))).toMatchObject({ verified: true });
    const b = plain(WEB);
    for (const kid of [`${WEB}#key-1`, '#key-1']) {
      expect(brief(await verifyCredential(await sign(web, { ...b, ...claimsOf(b) }, { kid }), { now, controllers: [controller] }))).toMatchObject({ verified: true });
    }
    // The issuer as an object: the relative kid is read against its id.
    const c = plain({ id: WEB, name: 'Uni' });
    expect((await verifyCredential(await sign(web2, { ...c, ...claimsOf(c) }, { kid: '#key-2' }), { now, controllers: [controller] })).verified).toBe(true);
  });
});

const kidOf = (did: string) => `${did}#${did.slice(8)}`;
const ENTRY = { id: 'https://uni.example.eu/status/1#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: 'https://uni.example.eu/status/1' };

describe('findings', () => {
  // Found in review (fixed since): an exp (nbf) outside the range of a JS Date, in a credential with no end (start) of
  // its own, makes verifyCredential throw a RangeError instead of returning a result: readJwtCredential
  // reports VC_JWT_INVALID /exp, but jwtClaimValidity (src/vc/jwt.ts) still formats
  // `new Date(exp * 1000).toISOString()` for any number below (above) now.
  it('exp of -1e300 or nbf of 1e300 / 9e12 with no date of the credential\'s own: a result (VC_JWT_INVALID), never a throw', async () => {
    const noEnd = plain(edDid);
    delete noEnd.validUntil;
    const noStart = plain(edDid);
    delete noStart.validFrom;
    for (const jwt of [
      await sign(ed, { ...noEnd, ...claimsOf(noEnd), exp: -1e300 }, { kid: kidOf(edDid) }),
      await sign(ed, { ...noStart, ...claimsOf(noStart), nbf: 1e300 }, { kid: kidOf(edDid) }),
      await sign(ed, { ...noStart, ...claimsOf(noStart), nbf: 9e12 }, { kid: kidOf(edDid) }),
    ]) {
      const r = await verifyCredential(jwt, { now });
      expect(r.verified).toBe(false);
      expect(codes(r)).toContain('VC_JWT_INVALID');
    }
  });

  // Found in review (fixed since): a status entry under the full IRI of `credentialStatus` (a re-spelling the VC-JWT path
  // accepts: anySpelling) is the same signed RDF as `credentialStatus`, but verifyCredential
  // (src/vc/verify.ts) reads `doc.credentialStatus` from the JSON only: no status check runs, and a
  // credential whose status cannot be established (or is revoked) verifies. Dates of a re-spelled
  // credential are read through JSON-LD; its status entries are not.
  it('a credentialStatus under its full IRI is checked as credentialStatus is: STATUS_UNKNOWN without the list', async () => {
    const spelled = plain(edDid, { credentialStatus: ENTRY });
    const plainResult = await verifyCredential(await sign(ed, { ...spelled, ...claimsOf(spelled) }, { kid: kidOf(edDid) }), { now });
    expect(brief(plainResult)).toEqual({ verified: false, checks: ['format', 'signature', 'issuer', 'validity', '!status'], issues: ['STATUS_UNKNOWN /credentialStatus'] });
    const iri = plain(edDid, { 'https://www.w3.org/2018/credentials#credentialStatus': ENTRY });
    const r = await verifyCredential(await sign(ed, { ...iri, ...claimsOf(iri) }, { kid: kidOf(edDid) }), { now });
    expect(r.verified).toBe(false);
  });

  // Found in review (fixed since): `sub` is compared only with the first subject's id (unwrap.ts idOf of a list is its
  // first element's id; with none, any string passes). A JWT whose `sub` names one learner while
  // the credential names another (second subject) verifies: the claims disagree, which the
  // contract says is VC_JWT_INVALID.
  it('sub naming someone else than the credential\'s subjects: VC_JWT_INVALID /sub', async () => {
    const two = plain(edDid, { credentialSubject: [{ name: 'A' }, { id: 'did:example:x', name: 'B' }] });
    const r = await verifyCredential(await sign(ed, { ...two, ...claimsOf(plain(edDid)), sub: 'did:example:y' }, { kid: kidOf(edDid) }), { now });
    expect(brief(r)).toMatchObject({ verified: false, issues: ['VC_JWT_INVALID /sub'] });
  });

  // Found in review (fixed since): a `kid` that names no key available (a did:web key without its document, a key the
  // document does not have, a did:key fragment of another key) beside a header `jwk` that is the
  // did:key issuer's own: the jwk is used as if there were no kid, and the JWT verifies. The
  // contract: the jwk is used when there is no kid; with a kid it must be the same key. checkJwtProof
  // (src/vc/jwt.ts), `const key = found?.jwk ?? headerJwk`.
  it('a kid that names no available key, beside the issuer\'s own jwk: not verified (VC_CONTROLLER_UNKNOWN)', async () => {
    const cred = plain(edDid);
    for (const [kid, controllers] of [[`${WEB}#key-1`, []], [`${WEB}#key-9`, [controller]], [`${strangerDid}#${edDid.slice(8)}`, []]] as const) {
      const r = await verifyCredential(await sign(ed, { ...cred, ...claimsOf(cred) }, { kid, jwk: ed.pub }), { now, controllers });
      expect(r.verified).toBe(false);
    }
  });
});

describe('findings: one property under two keys', () => {
  // Found in review (fixed since): the VC-JWT path accepts any JSON spelling (documentIssues with anySpelling drops every
  // VC_JSON_NOT_CANONICAL, src/vc/preflight.ts), including "two keys for one property". A payload
  // with `issuer` and the full IRI of issuer (or `credentialSubject` and its IRI) verifies: this
  // library reads the JSON member (issuer = the signer's did:key, subject = LEARNER), while the
  // signed RDF also names the victim as issuer / another person as subject, which a JSON-LD reader
  // of the same verified credential shows. The same root as the status finding above. Expected:
  // refused (VC_JSON_NOT_CANONICAL, or a VC-JWT-specific code) when a property is under two keys.
  it('issuer, or credentialSubject, also under its full IRI: not verified', async () => {
    const kid = `${strangerDid}#${strangerDid.slice(8)}`;
    const issuers = plain(strangerDid, { 'https://www.w3.org/2018/credentials#issuer': WEB });
    const subjects = plain(strangerDid, { 'https://www.w3.org/2018/credentials#credentialSubject': { id: 'did:example:other', name: 'Eve' } });
    for (const cred of [issuers, subjects]) {
      const r = await verifyCredential(await sign(stranger, { ...cred, ...claimsOf(cred) }, { kid }), { now });
      expect(r.verified).toBe(false);
    }
  });
});

describe('probes that held', () => {
  const kid = () => kidOf(edDid);

  it('a kid equal to the DID of a controller with two assertion keys, a kid with a query, a #fragment kid with an issuer list: VC_CONTROLLER_UNKNOWN', async () => {
    const w = plain(WEB);
    for (const [k, payload] of [[WEB, { ...w, ...claimsOf(w) }], [`${WEB}?versionId=1#key-1`, { ...w, ...claimsOf(w) }], ['#key-1', { ...plain([WEB, edDid]), ...claimsOf(w) }]] as const) {
      expect(brief(await verifyCredential(await sign(web, payload, { kid: k }), { now, controllers: [controller] }))).toEqual({ verified: false, checks: ['format', '!signature', 'issuer', 'validity'], issues: ['VC_CONTROLLER_UNKNOWN '] });
    }
  });

  it('a did:key kid whose fragment is the key of another did:key, a garbage did:key: not verified, never a throw', async () => {
    const cred = plain(edDid);
    for (const k of [`${strangerDid}#${edDid.slice(8)}`, `${edDid}#${strangerDid.slice(8)}`, `did:key:z${'1'.repeat(5000)}`, 'did:key:#x', '#']) {
      const r = await verifyCredential(await sign(ed, { ...cred, ...claimsOf(cred) }, { kid: k }), { now });
      expect(r.verified).toBe(false);
    }
  });

  it('header jwk members: alg of another algorithm or use "enc" refused; x5c ignored; the issuer\'s key bound', async () => {
    const cred = plain(edDid);
    const payload = { ...cred, ...claimsOf(cred) };
    expect(codes(await verifyCredential(await sign(ed, payload, { jwk: { ...ed.pub, alg: 'ES256' } }), { now }))).toContain('VC_SIGNATURE_INVALID');
    expect(codes(await verifyCredential(await sign(ed, payload, { jwk: { ...ed.pub, use: 'enc' } }), { now }))).toContain('VC_SIGNATURE_INVALID');
    expect(codes(await verifyCredential(await sign(ed, payload, { jwk: { ...ed.pub, key_ops: 'verify' } }), { now }))).toContain('VC_SIGNATURE_INVALID');
    expect((await verifyCredential(await sign(ed, payload, { jwk: { ...ed.pub, x5c: ['AAAA'] } }), { now })).verified).toBe(true);
    // An Ed25519 key's x given as a P-256 JWK: not an ES256 key.
    const fake = await sign(web, payload, { jwk: { kty: 'EC', crv: 'P-256', x: ed.pub.x, y: ed.pub.x } });
    expect((await verifyCredential(fake, { now })).verified).toBe(false);
  });

  it('alg "Ed25519" verifies as EdDSA; a __proto__ member of the header holding crit is not a crit', async () => {
    const cred = plain(edDid);
    expect((await verifyCredential(await sign({ ...ed, alg: 'Ed25519' }, { ...cred, ...claimsOf(cred) }, { kid: kid() }), { now })).verified).toBe(true);
    const r = await verifyCredential(await sign(ed, { ...cred, ...claimsOf(cred) }, { kid: kid(), ['__proto__']: { crit: ['b64'] } }), { now });
    expect(r.verified).toBe(true);
  });

  it('exp and nbf: a string, 1e300 are VC_JWT_INVALID; validUntil past and no exp is VC_EXPIRED', async () => {
    const cred = plain(edDid);
    for (const exp of ['2030-06-30', 1e300]) {
      expect(brief(await verifyCredential(await sign(ed, { ...cred, ...claimsOf(cred), exp }, { kid: kid() }), { now }))).toEqual({ verified: false, checks: ['!format', 'validity'], issues: ['VC_JWT_INVALID /exp'] });
    }
    const ended = plain(edDid, { validUntil: '2025-07-01T00:00:00Z' });
    const { exp: _exp, ...claims } = claimsOf(ended);
    expect(brief(await verifyCredential(await sign(ed, { ...ended, ...claims }, { kid: kid() }), { now }))).toMatchObject({ verified: false, issues: ['VC_EXPIRED /validUntil'] });
  });

  it('an end or start the VC 2.0 context does not define (expirationDate, issuanceDate) cannot stand in for exp/nbf: VC_UNDEFINED_TERM', async () => {
    const a = plain(edDid, { expirationDate: '2099-01-01T00:00:00Z' });
    delete a.validUntil;
    expect(codes(await verifyCredential(await sign(ed, { ...a, ...claimsOf(a), exp: secs('2025-12-01T00:00:00Z') }, { kid: kid() }), { now }))).toContain('VC_UNDEFINED_TERM');
    const b = plain(edDid, { issuanceDate: '2025-06-30T12:00:00Z' });
    delete b.validFrom;
    expect(codes(await verifyCredential(await sign(ed, { ...b, ...claimsOf(b), nbf: secs('2025-06-30T12:00:00Z'), exp: secs('2025-12-01T00:00:00Z') }, { kid: kid() }), { now }))).toContain('VC_UNDEFINED_TERM');
  });

  it('a status entry in the VC 1.1 form is checked: STATUS_UNKNOWN without its list; written as a list of one (re-spelled) or with @id/@type keywords it is refused', async () => {
    const vcs = plain(edDid, { credentialStatus: ENTRY });
    expect(brief(await verifyCredential(await sign(ed, { ...claimsOf(vcs), vc: vcs }, { kid: kid() }), { now }))).toMatchObject({ verified: false, issues: ['STATUS_UNKNOWN /vc/credentialStatus'] });
    const list = plain(edDid, { credentialStatus: [ENTRY] });
    expect(brief(await verifyCredential(await sign(ed, { ...list, ...claimsOf(list) }, { kid: kid() }), { now }))).toMatchObject({ verified: false, issues: ['VC_JSON_NOT_CANONICAL /credentialStatus'] });
    const kw = plain(edDid, { credentialStatus: { '@id': ENTRY.id, '@type': ENTRY.type, statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: ENTRY.statusListCredential } });
    expect((await verifyCredential(await sign(ed, { ...kw, ...claimsOf(kw) }, { kid: kid() }), { now })).verified).toBe(false);
  });

  it('the VC 1.1 form: an issuer left to iss is the iss, and a stranger\'s key under it is VC_ISSUER_KEY_MISMATCH', async () => {
    const v = plain(WEB);
    delete v.issuer;
    expect((await verifyCredential(await sign(web, { ...claimsOf(plain(WEB)), vc: v }, { kid: `${WEB}#key-1` }), { now, controllers: [controller] })).verified).toBe(true);
    const r = await verifyCredential(await sign(stranger, { ...claimsOf(plain(WEB)), vc: v }, { kid: kidOf(strangerDid) }), { now, controllers: [controller] });
    expect(brief(r)).toMatchObject({ verified: false, checks: ['format', 'signature', '!issuer', 'validity'], issues: ['VC_ISSUER_KEY_MISMATCH /vc/issuer'] });
  });

  it('controller documents: relative method ids resolve; an embedded assertion method verifies; revoked: false is still revoked', async () => {
    const w = plain(WEB);
    const payload = { ...w, ...claimsOf(w) };
    const rel = { ...controller, verificationMethod: [{ id: '#key-1', type: 'JsonWebKey2020', controller: WEB, publicKeyJwk: web.pub }], assertionMethod: ['#key-1'] };
    expect((await verifyCredential(await sign(web, payload, { kid: `${WEB}#key-1` }), { now, controllers: [rel] })).verified).toBe(true);
    const emb = { ...controller, verificationMethod: [], assertionMethod: [{ id: `${WEB}#key-3`, type: 'JsonWebKey2020', controller: WEB, publicKeyJwk: web2.pub }] };
    expect((await verifyCredential(await sign(web2, payload, { kid: `${WEB}#key-3` }), { now, controllers: [emb] })).verified).toBe(true);
    // A key of the document that is only a verification method is not authorised, even when the embedded one is.
    const both = { ...emb, verificationMethod: [controller.verificationMethod[0]] };
    expect(codes(await verifyCredential(await sign(web, payload, { kid: `${WEB}#key-1` }), { now, controllers: [both] }))).toEqual(['VC_KEY_NOT_AUTHORIZED']);
    const revoked = { ...controller, verificationMethod: [{ ...controller.verificationMethod[0], revoked: false }] };
    expect(codes(await verifyCredential(await sign(web, payload, { kid: `${WEB}#key-1` }), { now, controllers: [revoked] }))).toEqual(['VC_KEY_NOT_AUTHORIZED']);
  });

  it('verifyPresentation given a VC-JWT string among its credentials: not verified (an embedded credential must be an object)', async () => {
    const cred = plain(edDid);
    const jwt = await sign(ed, { ...cred, ...claimsOf(cred) }, { kid: kid() });
    const r = await verifyPresentation({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [jwt] } as never, { challenge: 'c', domain: 'd' } as never);
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => `${i.code} ${i.path}`)).toContain('VC_CREDENTIAL_MALFORMED /verifiableCredential/0');
  });
});
