/**
 * VC-JWT verification against another tool: every JWT here is made by `jose` (or by node:crypto,
 * where jose refuses to), never by the library. `verifyCredential()` must accept the genuine ones
 * (EdDSA did:key; ES256, ES384, RS256, PS256, Ed25519 under a did:web controller document; OB 3.0
 * and VC 1.1 `vc` forms) and refuse each attack with the exact checks, codes and JSON Pointers
 * (into the decoded claims set; header and signature at ''). Results are compared in short: checks
 * as `name` or `!name` (failed), issues as `CODE path`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { base64url, CompactSign, exportJWK, FlattenedSign, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { bytesToBase58btc } from '../src/json/encoding.js';
import { toOpenBadge } from '../src/ob3.js';
import { exportKey, generateIssuerKey, type IssuerKey, type VerificationResult, type VerifyOptions, verifyCredential } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;
type Form = 'ob3' | 'vc';
/** A key pair as jose signs with it (`key`), as node:crypto does (`node`), its public JWK, and its issuer. */
type Signer = { alg: string; kid?: string; key: CryptoKey | Uint8Array; node: KeyObject; pub: JWK; issuer: string };

const WEB = 'did:web:uni.example.eu';
const LEARNER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
/** Inside every credential's validity (2025-06-30 to 2030-06-30). */
const now = '2026-01-01T00:00:00Z';
const text = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const enc = (v: unknown) => base64url.encode(text(v));
const secs = (date: string) => Math.floor(Date.parse(date) / 1000);

/** The result in short. */
const brief = (r: VerificationResult) => ({ verified: r.verified, checks: r.checks.map((c) => (c.ok ? c.check : `!${c.check}`)), issues: r.issues.map((i) => `${i.code} ${i.path}`) });
const OK = ['format', 'signature', 'issuer', 'validity'];
const BAD_FORMAT = ['!format']; // the header refused: nothing more is read
const BAD_CLAIMS = ['!format', 'validity']; // the credential read but refused: its validity is still said
const BAD_SIGNATURE = ['format', '!signature', 'issuer', 'validity'];
const BAD_ISSUER = ['format', 'signature', '!issuer', 'validity'];
const refused = (code: string, path = '', checks = BAD_FORMAT) => ({ verified: false, checks, issues: [`${code} ${path}`] });
const failed = (checks: string[], ...issues: string[]) => ({ verified: false, checks, issues });
const verified = { verified: true, checks: OK, issues: [] };

const mc = structuredClone(validFixtures.find((f) => f.name === 'every-optional-element')!.doc) as MicroCredential;
/** The fixture as an Open Badges 3.0 credential of `issuer` (validFrom 2025-06-30, validUntil 2030-06-30). */
const badge = (issuer: string, id = mc.id): Doc => toOpenBadge({ ...mc, id, issuer: { ...mc.issuer, id: issuer } } as MicroCredential) as Doc;
/**
 * A plain VC: VC Data Model 2.0, or 1.1 (`issuanceDate`, `expirationDate`), in the JSON form its
 * contexts give it (a VC-JWT's credential is held to it as an embedded-proof credential is: one
 * type is a string, a VC 1.1 subject that is only an id is its IRI), or as many tools write it.
 */
const plain = (issuer: string, v1: boolean, respelled = false): Doc => ({
  '@context': [v1 ? 'https://www.w3.org/2018/credentials/v1' : 'https://www.w3.org/ns/credentials/v2'],
  id: 'urn:uuid:6f1c2b1e-2c1a-4c51-9a52-0e4d1f3a7b10',
  type: v1 ? (respelled ? ['VerifiableCredential'] : 'VerifiableCredential') : ['VerifiableCredential', 'ExampleDegreeCredential'],
  issuer,
  ...(v1 ? { issuanceDate: '2025-06-30T12:00:00Z', expirationDate: '2030-06-30T12:00:00Z' } : { validFrom: '2025-06-30T12:00:00Z', validUntil: '2030-06-30T12:00:00Z' }),
  credentialSubject: v1 ? (respelled ? { id: LEARNER } : LEARNER) : { id: LEARNER, name: 'Marie Dubois' },
});

/** The registered claims that stand for the credential's members. */
function claimsOf(cred: Doc): Doc {
  const id = (v: any): string => (typeof v === 'string' ? v : v.id);
  return { iss: id(cred.issuer), jti: cred.id, sub: id(cred.credentialSubject), nbf: secs(cred.validFrom ?? cred.issuanceDate), exp: secs(cred.validUntil ?? cred.expirationDate) };
}
/** The JWT claims set of a credential: OB 3.0 (the credential and its claims) or VC 1.1 (`vc`). */
const payloadOf = (cred: Doc, form: Form = 'ob3', extra: Doc = {}): Doc => (form === 'ob3' ? { ...cred, ...claimsOf(cred), ...extra } : { ...claimsOf(cred), vc: cred, ...extra });

/** A compact JWS made by jose: `header` is merged over `{ alg, kid }` (a member set to undefined is left out). */
const sign = (s: Signer, payload: Doc | string, header: Doc = {}): Promise<string> =>
  new CompactSign(text(payload)).setProtectedHeader(JSON.parse(JSON.stringify({ alg: s.alg, kid: s.kid, ...header }))).sign(s.key as CryptoKey);

/** A compact JWS signed by node:crypto over `header.payload`, for what jose refuses to make (a key that does not fit `alg`). */
function handSigned(header: Doc, payload: Doc, key: KeyObject, hash: string | null): string {
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${base64url.encode(nodeSign(hash, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }))}`;
}

/** A change of one character at `i`, to the next base64url character. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const changeAt = (jwt: string, i: number) => jwt.slice(0, i) + ALPHABET[(ALPHABET.indexOf(jwt[i]!) + 1) % 64] + jwt.slice(i + 1);
/** The payload text changed (valid JSON still), re-encoded, the header and signature kept. */
function changePayload(jwt: string, from: string, to: string): string {
  const [h, p, s] = jwt.split('.');
  const json = Buffer.from(p!, 'base64url').toString('utf8');
  expect(json).toContain(from);
  return `${h}.${enc(json.replace(from, to))}.${s}`;
}

const signers: Record<string, Signer> = {};
let ed: IssuerKey;
let stranger: IssuerKey;
let controller: Doc;

async function fromIssuerKey(key: IssuerKey): Promise<Signer> {
  const { jwk } = await exportKey(key, { includePrivate: true });
  const { d: _d, ...pub } = jwk;
  return { alg: 'EdDSA', kid: key.id, key: (await importJWK(jwk, 'EdDSA')) as CryptoKey, node: createPrivateKey({ key: jwk, format: 'jwk' }), pub, issuer: key.controller };
}

async function fromJose(alg: string, fragment: string): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const node = createPrivateKey({ key: (await exportJWK(privateKey)) as never, format: 'jwk' });
  return { alg, kid: `${WEB}#${fragment}`, key: privateKey, node, pub: await exportJWK(publicKey), issuer: WEB };
}

const method = (s: Signer, type = 'JsonWebKey2020', extra: Doc = {}) => ({ id: s.kid, type, controller: WEB, publicKeyJwk: s.pub, ...extra });

beforeAll(async () => {
  ed = await generateIssuerKey();
  stranger = await generateIssuerKey();
  const webEd = await generateIssuerKey({ controller: WEB, id: `${WEB}#ed25519` });
  for (const [name, key] of [['ed', ed], ['stranger', stranger], ['webEd', webEd]] as const) signers[name] = await fromIssuerKey(key); // webEd: publicKeyMultibase
  for (const [alg, fragment] of [['ES256', 'es256'], ['ES384', 'es384'], ['RS256', 'rs256'], ['PS256', 'ps256'], ['ES256', 'auth-only'], ['ES256', 'revoked'], ['ES256', 'unlisted']] as const) {
    signers[fragment] = await fromJose(alg, fragment);
  }
  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
  signers.rsa1024 = { alg: 'RS256', kid: `${WEB}#rsa1024`, key: new Uint8Array(), node: weak.privateKey, pub: weak.publicKey.export({ format: 'jwk' }) as JWK, issuer: WEB };
  const s = signers;
  controller = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
    id: WEB,
    verificationMethod: [method(s.es256!), method(s.es384!, 'JsonWebKey'), method(s.rs256!), method(s.ps256!, 'JsonWebKey'), webEd.verificationMethod(), method(s['auth-only']!), method(s.revoked!, 'JsonWebKey2020', { revoked: '2025-12-01T00:00:00Z' }), method(s.rsa1024!)],
    assertionMethod: [s.es256!.kid, s.es384!.kid, s.rs256!.kid, s.ps256!.kid, webEd.id, s.revoked!.kid, s.rsa1024!.kid],
    authentication: [s['auth-only']!.kid],
  };
});

const options = (extra: VerifyOptions = {}): VerifyOptions => ({ now, controllers: [controller], ...extra });
const check = async (jwt: string, extra: VerifyOptions = {}) => brief(await verifyCredential(jwt, options(extra)));

describe('genuine VC-JWTs made by jose verify', () => {
  const SIGNERS = ['ed', 'webEd', 'es256', 'es384', 'rs256', 'ps256'];
  const CASES: [string, Form, (issuer: string) => Doc][] = [
    ['an OB 3.0 badge as the payload', 'ob3', (i) => badge(i)],
    ['a VC 1.1 credential in the vc claim', 'vc', (i) => plain(i, true)],
    ['a VC 2.0 credential as the payload', 'ob3', (i) => plain(i, false)],
    ['an OB 3.0 badge in the vc claim', 'vc', (i) => badge(i)],
  ];
  it.each(SIGNERS.flatMap((s) => CASES.map((c) => [s, ...c] as const)))('%s: %s (SignJWT, typ JWT)', async (name, _what, form, make) => {
    const s = signers[name]!;
    const cred = make(s.issuer);
    const c = claimsOf(cred);
    const jwt = await new SignJWT(form === 'ob3' ? cred : { vc: cred })
      .setProtectedHeader({ alg: s.alg, kid: s.kid!, typ: 'JWT' })
      .setIssuer(c.iss).setJti(c.jti).setSubject(c.sub).setNotBefore(c.nbf).setExpirationTime(c.exp).setIssuedAt(c.nbf)
      .sign(s.key as CryptoKey);
    const result = await verifyCredential(jwt, options());
    expect(brief(result)).toEqual(verified);
    expect(result.issuer).toBe(s.issuer);
  });

  it.each([undefined, 'JWT', 'jwt', 'vc+jwt', 'application/vc+jwt', 'VC+LD+JWT', 'application/vc+ld+jwt'])('typ %s is accepted', async (typ) => {
    expect(await check(await sign(signers.ed!, payloadOf(badge(ed.controller)), { typ }))).toEqual(verified);
  });

  it('a header jwk alone (no kid) that is the did:key issuer\'s own key is bound to it', async () => {
    expect(await check(await sign(signers.ed!, payloadOf(badge(ed.controller)), { kid: undefined, jwk: signers.ed!.pub }))).toEqual(verified);
  });

  it('a header jwk alone with an https or did:web issuer: the signature holds, nothing ties the key to the issuer', async () => {
    for (const issuer of ['https://www.example-ecole.fr', WEB]) {
      const jwt = await sign(signers.es256!, payloadOf(badge(issuer)), { kid: undefined, jwk: signers.es256!.pub });
      expect(await check(jwt, { controllers: [] })).toEqual(refused('VC_CONTROLLER_UNKNOWN', '/issuer/id', BAD_ISSUER));
    }
  });
});

describe('tampering: VC_SIGNATURE_INVALID', () => {
  let jwt: string;
  beforeAll(async () => void (jwt = await sign(signers.ed!, payloadOf(badge(ed.controller)))));

  it.each([
    ['the badge name', '"name":"Sustainable', '"name":"Sustainablf'], ['the learner\'s given name', '"givenName":"Marie"', '"givenName":"Maria"'],
    ['the achievement description', 'carbon footprint', 'carbon footprinu'], ['an awarded date', 'awardedDate":"2025-06-30T14:00:00', 'awardedDate":"2025-06-30T14:00:01'],
  ])('one character changed in %s (valid JSON, claims still agreeing)', async (_what, from, to) => {
    expect(await check(changePayload(jwt, from, to))).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
  });

  it('one character changed in the signature, at its start and in its middle', async () => {
    const at = jwt.lastIndexOf('.') + 1;
    for (const i of [at, at + 40]) expect(await check(changeAt(jwt, i))).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
  });

  it('the header of another JWT of the same key, or its signature', async () => {
    const other = await sign(signers.ed!, payloadOf(badge(ed.controller, 'urn:uuid:0b7d3c52-9c1e-4d8e-8f25-6a4e1f7c9d31')), { typ: 'vc+jwt' });
    const [[h, p, s], [oh, , os]] = [jwt.split('.'), other.split('.')];
    for (const mixed of [`${oh}.${p}.${s}`, `${h}.${p}.${os}`]) expect(await check(mixed)).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
  });

  it('property: any one character changed in the signing input or the signature fails, even one that changes only unused bits (the same bytes)', async () => {
    const dots = [jwt.indexOf('.'), jwt.lastIndexOf('.')] as const;
    const parts = jwt.split('.').map((s) => Buffer.from(s, 'base64url'));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.nat({ max: dots[1] - 1 }), fc.integer({ min: dots[1] + 1, max: jwt.length - 1 })), fc.nat({ max: 62 }), async (i, shift) => {
        fc.pre(i !== dots[0]);
        const c = ALPHABET[(ALPHABET.indexOf(jwt[i]!) + 1 + shift) % 64]!;
        const changed = jwt.slice(0, i) + c + jwt.slice(i + 1);
        const result = await verifyCredential(changed, options());
        // Decoded, a change of unused bits only is the same bytes spelled otherwise: refused too (one JWT, one spelling).
        const same = changed.split('.').every((s, k) => Buffer.from(s, 'base64url').equals(parts[k]!));
        expect(result.verified, `${same ? 'the same bytes re-spelled' : 'changed'} at ${i}`).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('a segment re-spelled with non-zero unused bits (the same bytes): the header VC_CREDENTIAL_MALFORMED, the signature VC_SIGNATURE_INVALID', async () => {
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const respell = (seg: string) => seg.slice(0, -1) + ALPHABET[ALPHABET.indexOf(seg.at(-1)!) + 1];
    expect(Buffer.from(respell(s), 'base64url')).toEqual(Buffer.from(s, 'base64url'));
    expect(await check(`${h}.${p}.${respell(s)}`)).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
    // A header with unused bits in its last character (101 bytes): the jwk-only form.
    const [jh, jp, js] = (await sign(signers.ed!, payloadOf(badge(ed.controller)), { kid: undefined, jwk: signers.ed!.pub })).split('.') as [string, string, string];
    expect(Buffer.from(respell(jh), 'base64url')).toEqual(Buffer.from(jh, 'base64url'));
    expect(await check(`${respell(jh)}.${jp}.${js}`)).toEqual(refused('VC_CREDENTIAL_MALFORMED'));
  });
});

describe('the header: VC_JWT_INVALID at \'\'', () => {
  let cred: Doc;
  let genuine: string;
  beforeAll(async () => {
    cred = payloadOf(badge(ed.controller));
    genuine = (await sign(signers.ed!, cred)).split('.')[2]!;
  });
  /** The genuine payload and signature under another header. */
  const under = (header: Doc) => `${enc(header)}.${enc(cred)}.${genuine}`;
  const ALGS = ['none', 'None', 'NONE', 'HS256', 'HS384', 'HS512', 'ES256K', 'RS512', 'EdDSA ', 'es256', ''];
  const TYPS = ['dc+sd-jwt', 'statuslist+jwt', 'vc+sd-jwt', 'application/json', 'kb+jwt'];

  it.each<[string, () => Promise<string> | string]>([
    ...ALGS.map((alg) => [`alg ${JSON.stringify(alg)} with the genuine signature kept`, () => under({ alg, kid: ed.id })] as [string, () => string]),
    ...TYPS.map((typ) => [`typ ${typ} (type confusion)`, () => sign(signers.ed!, cred, { typ })] as [string, () => Promise<string>]),
    ['a jwk with its private part d', async () => sign(signers.ed!, cred, { kid: undefined, jwk: (await exportKey(ed, { includePrivate: true })).jwk })],
    ['a crit extension (one jose was told it understands)', () => new CompactSign(text(cred)).setProtectedHeader({ alg: 'EdDSA', kid: ed.id, crit: ['urn:example:x'], 'urn:example:x': 1 }).sign(signers.ed!.key as CryptoKey, { crit: { 'urn:example:x': true } })],
    // RFC 7797: the signing input is the header and the payload as it is; here the payload is the
    // base64url text of the credential, so a verifier that ignores `b64` would accept it.
    ['b64: false over the same bytes', async () => {
      const flat = await new FlattenedSign(text(enc(cred))).setProtectedHeader({ alg: 'EdDSA', kid: ed.id, b64: false, crit: ['b64'] }).sign(signers.ed!.key as CryptoKey);
      return `${flat.protected}.${enc(cred)}.${flat.signature}`;
    }],
  ])('%s', async (_what, make) => {
    expect(await check(await make())).toEqual(refused('VC_JWT_INVALID'));
  });

  it('HS256 keyed with the public key (the classic confusion): its raw bytes, its JWK text, its PEM', async () => {
    const es = signers.es256!;
    const pem = createPublicKey(es.node).export({ type: 'spki', format: 'pem' }) as string;
    for (const [s, secret, payload] of [[signers.ed!, Buffer.from(signers.ed!.pub.x!, 'base64url'), cred], [es, text(es.pub), payloadOf(badge(WEB))], [es, text(pem), payloadOf(badge(WEB))]] as const) {
      expect(await check(await sign({ ...s, alg: 'HS256', key: secret }, payload))).toEqual(refused('VC_JWT_INVALID'));
    }
  });

  it('an unsecured JWT (alg none, empty signature, RFC 7519 §6) is refused', async () => {
    expect(await check(`${enc({ alg: 'none' })}.${enc(cred)}.`)).toMatchObject({ verified: false, checks: BAD_FORMAT });
  });

  it('an unsecured JWT says VC_JWT_INVALID, as the contract says', async () => {
    expect(await check(`${enc({ alg: 'none' })}.${enc(cred)}.`)).toEqual(refused('VC_JWT_INVALID'));
  });
});

describe('a key that does not fit the alg: VC_SIGNATURE_INVALID at \'\'', () => {
  it('ES256 ↔ ES384 swapped (each key signing with the other\'s hash), RS256 over an Ed25519 key, a 1024-bit RSA key', async () => {
    const s = signers;
    const web = payloadOf(badge(WEB));
    const cases: [string, string][] = [
      ['ES384 with a P-256 key', handSigned({ alg: 'ES384', kid: s.es256!.kid }, web, s.es256!.node, 'sha384')],
      ['ES256 with a P-384 key', handSigned({ alg: 'ES256', kid: s.es384!.kid }, web, s.es384!.node, 'sha256')],
      ['RS256 with an Ed25519 key', handSigned({ alg: 'RS256', kid: ed.id }, payloadOf(badge(ed.controller)), s.ed!.node, null)],
      ['RS256 with a 1024-bit key', handSigned({ alg: 'RS256', kid: s.rsa1024!.kid }, web, s.rsa1024!.node, 'sha256')],
    ];
    for (const [what, jwt] of cases) expect(await check(jwt), what).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
    // As a header jwk: nothing ties it to the did:web issuer either.
    const jwk = handSigned({ alg: 'RS256', jwk: s.rsa1024!.pub }, web, s.rsa1024!.node, 'sha256');
    expect(await check(jwk)).toEqual(failed(['format', '!signature', '!issuer', 'validity'], 'VC_SIGNATURE_INVALID ', 'VC_CONTROLLER_UNKNOWN /issuer/id'));
  });

  it('an Ed25519 key of small order (the did:key of the point 1), with the signature R = 1, S = 0 that holds for any message', async () => {
    const point = Uint8Array.of(1, ...new Uint8Array(31));
    const did = `did:key:z${bytesToBase58btc(Uint8Array.of(0xed, 0x01, ...point))}`;
    const jwt = (header: Doc) => `${enc(header)}.${enc(payloadOf(badge(did)))}.${base64url.encode(Uint8Array.of(1, ...new Uint8Array(63)))}`;
    expect(await check(jwt({ alg: 'EdDSA', kid: `${did}#${did.slice(8)}` }))).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
    expect(await check(jwt({ alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(point) } }))).toEqual(failed(['format', '!signature', '!issuer', 'validity'], 'VC_SIGNATURE_INVALID ', 'VC_CONTROLLER_UNKNOWN /issuer/id'));
  });
});

describe('whose key: the issuer, its controller document, and its authorisation', () => {
  it('a stranger signs with their own did:key and names the victim as issuer and iss: VC_ISSUER_KEY_MISMATCH', async () => {
    const victim = payloadOf(badge(ed.controller));
    expect(await check(await sign(signers.stranger!, victim))).toEqual(refused('VC_ISSUER_KEY_MISMATCH', '/issuer/id', BAD_ISSUER));
    expect(await check(await sign(signers.stranger!, payloadOf(plain(ed.controller, true), 'vc')))).toEqual(refused('VC_ISSUER_KEY_MISMATCH', '/vc/issuer', BAD_ISSUER));
    // A key of the did:web issuer's document on a credential of the did:key issuer.
    expect(await check(await sign(signers.es256!, victim))).toEqual(refused('VC_ISSUER_KEY_MISMATCH', '/issuer/id', BAD_ISSUER));
    // The stranger names the victim's key as kid instead.
    expect(await check(await sign(signers.stranger!, victim, { kid: ed.id }))).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
  });

  it('a kid and a header jwk that are different keys (signed by either): VC_SIGNATURE_INVALID', async () => {
    const web = payloadOf(badge(WEB));
    const other = signers.unlisted!;
    for (const jwt of [await sign(other, web, { kid: signers.es256!.kid, jwk: other.pub }), await sign(signers.es256!, web, { jwk: other.pub })]) {
      expect(await check(jwt)).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
    }
  });

  it('a key of the controller document not under assertionMethod, or marked revoked: VC_KEY_NOT_AUTHORIZED', async () => {
    for (const name of ['auth-only', 'revoked']) {
      expect(await check(await sign(signers[name]!, payloadOf(badge(WEB)))), name).toEqual(refused('VC_KEY_NOT_AUTHORIZED', '', BAD_ISSUER));
    }
  });

  /** Another issuer's controller document, given beside the victim's, with the attacker's key under `id` and the victim as its controller. */
  const evil = (id: string) => ({ '@context': controller['@context'], id: 'did:web:evil.example', verificationMethod: [{ ...method(signers.unlisted!), id }], assertionMethod: [id] });

  it('another controller document whose method claims the victim as controller (VC_KEY_NOT_AUTHORIZED), or has the id of the victim\'s key, given after it', async () => {
    const jwt = await sign({ ...signers.unlisted!, kid: 'did:web:evil.example#k' }, payloadOf(badge(WEB)));
    for (const controllers of [[controller, evil('did:web:evil.example#k')], [evil('did:web:evil.example#k'), controller]]) {
      expect(await check(jwt, { controllers })).toEqual(refused('VC_KEY_NOT_AUTHORIZED', '', BAD_ISSUER));
    }
    const forged = await sign({ ...signers.unlisted!, kid: signers.es256!.kid }, payloadOf(badge(WEB)));
    expect(await check(forged, { controllers: [controller, evil(signers.es256!.kid!)] })).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
  });

  // Only the document at the kid's DID (Controller Documents 1.0, "Retrieve Verification Method")
  // may say what that key is, wherever another document that lists the same id is given.
  it('the same, given before the victim\'s: the forgery does not verify', async () => {
    const forged = await sign({ ...signers.unlisted!, kid: signers.es256!.kid }, payloadOf(badge(WEB)));
    expect(await check(forged, { controllers: [evil(signers.es256!.kid!), controller] })).toEqual(refused('VC_SIGNATURE_INVALID', '', BAD_SIGNATURE));
  });

  it('a did:web kid without its controller document: VC_CONTROLLER_UNKNOWN, and nothing is fetched', async () => {
    const fetched: unknown[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: unknown) => Promise.reject(new Error(`fetched ${fetched.push(url)}`))) as typeof fetch;
    try {
      const jwt = await sign(signers.es256!, payloadOf(badge(WEB)));
      expect(await check(jwt, { controllers: [] })).toEqual(refused('VC_CONTROLLER_UNKNOWN', '', BAD_SIGNATURE));
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched).toEqual([]);
  });
});

describe('the claims and the credential', () => {
  it.each([
    ['iss', { iss: 'did:web:other.example.eu' }], ['jti', { jti: 'urn:uuid:00000000-0000-4000-8000-000000000000' }], ['sub', { sub: 'did:example:someone-else' }],
    ['exp', { exp: secs('2040-01-01T00:00:00Z') }], ['nbf', { nbf: secs('2020-01-01T00:00:00Z') }],
  ])('%s disagreeing with the credential: VC_JWT_INVALID at the claim, in both forms', async (claim, change) => {
    for (const form of ['ob3', 'vc'] as const) {
      const jwt = await sign(signers.ed!, payloadOf(badge(ed.controller), form, change));
      expect(await check(jwt), form).toEqual(refused('VC_JWT_INVALID', `/${claim}`, BAD_CLAIMS));
    }
  });

  it('an embedded proof inside the JWT\'s credential: VC_JWT_INVALID', async () => {
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', verificationMethod: ed.id, proofPurpose: 'assertionMethod', proofValue: 'z1111' };
    expect(await check(await sign(signers.ed!, payloadOf({ ...badge(ed.controller), proof })))).toEqual(refused('VC_JWT_INVALID', '/proof', BAD_CLAIMS));
    expect(await check(await sign(signers.ed!, payloadOf({ ...plain(ed.controller, true), proof }, 'vc')))).toEqual(refused('VC_JWT_INVALID', '/vc/proof', BAD_CLAIMS));
  });

  it('duplicate member names in the payload: VC_CREDENTIAL_MALFORMED', async () => {
    const json = JSON.stringify(payloadOf(badge(ed.controller)));
    for (const dup of [`{"iss":"${stranger.controller}",`, `{"name":"Another course",`]) {
      expect(await check(await sign(signers.ed!, json.replace('{', dup)))).toEqual(refused('VC_CREDENTIAL_MALFORMED'));
    }
  });

  it('expired (exp and validUntil, or expirationDate): VC_EXPIRED, the signature verified', async () => {
    const later = { now: '2031-01-01T00:00:00Z' };
    const expired = ['format', 'signature', 'issuer', '!validity'];
    expect(await check(await sign(signers.ed!, payloadOf(badge(ed.controller))), later)).toEqual(refused('VC_EXPIRED', '/validUntil', expired));
    expect(await check(await sign(signers.es256!, payloadOf(plain(WEB, true), 'vc')), later)).toEqual(refused('VC_EXPIRED', '/vc/expirationDate', expired));
  });

  it('exp past (nbf ahead) with no end (start) in the credential: VC_EXPIRED at /exp (VC_NOT_YET_VALID at /nbf)', async () => {
    const { validUntil: _u, validFrom: _f, ...open } = plain(ed.controller, false);
    const jwt = await sign(signers.ed!, { ...open, ...claimsOf({ ...open, validFrom: '2027-01-01T00:00:00Z', validUntil: '2025-07-01T00:00:00Z' }) });
    expect(await check(jwt)).toEqual(failed(['format', 'signature', 'issuer', '!validity'], 'VC_EXPIRED /exp', 'VC_NOT_YET_VALID /nbf'));
  });

  it('a credential in a JSON form its contexts re-spell is refused as an embedded-proof one is: VC_JSON_NOT_CANONICAL', async () => {
    const jwt = await sign(signers.ed!, payloadOf(plain(ed.controller, true, true), 'vc'));
    expect(await check(jwt)).toEqual(failed(BAD_CLAIMS, 'VC_JSON_NOT_CANONICAL /vc/type', 'VC_JSON_NOT_CANONICAL /vc/credentialSubject'));
  });

  it('nbf and validFrom in the future: VC_NOT_YET_VALID', async () => {
    const jwt = await sign(signers.ed!, payloadOf(badge(ed.controller)));
    expect(await check(jwt, { now: '2025-01-01T00:00:00Z' })).toEqual(refused('VC_NOT_YET_VALID', '/validFrom', ['format', 'signature', 'issuer', '!validity']));
  });

  it('trustedIssuers: VC_UNTRUSTED_ISSUER unless listed', async () => {
    const jwt = await sign(signers.ed!, payloadOf(badge(ed.controller)));
    expect(await check(jwt, { trustedIssuers: [WEB] })).toEqual(refused('VC_UNTRUSTED_ISSUER', '/issuer/id', [...OK, '!trust']));
    expect(await check(jwt, { trustedIssuers: [WEB, ed.controller] })).toEqual({ ...verified, checks: [...OK, 'trust'] });
  });
});

describe('not a VC-JWT: a result, never a throw, VC_CREDENTIAL_MALFORMED, in bounded time', () => {
  let header: string;
  beforeAll(() => void (header = enc({ alg: 'EdDSA', kid: ed.id })));
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  it.each([
    ['empty', () => ''], ['garbage', () => 'not a JWT at all'], ['dots only', () => '..'],
    ['two segments', () => `${header}.${enc({ iss: 'x' })}`], ['four segments', () => `${header}.${enc({ iss: 'x' })}.AAAA.AAAA`],
    ['a header that is not JSON', () => `${enc('{"alg":')}.${enc({})}.AAAA`], ['a header that is an array', () => `${enc(['EdDSA'])}.${enc({})}.AAAA`],
    ['a payload that is not JSON', () => `${header}.${enc('{"iss"')}.AAAA`], ['a payload that is a number', () => `${header}.${enc(1)}.AAAA`],
    ['a payload that is not UTF-8', () => `${header}.${base64url.encode(Uint8Array.of(0x7b, 0xff, 0x7d))}.AAAA`],
    ['base64 instead of base64url', () => `${header}.${Buffer.from('{"a":"??>>"}').toString('base64')}.AAAA`],
    ['5 MB of text', () => 'eyJ'.padEnd(5_000_000, 'A') + '.a.b'], ['5 MB of dots', () => '.'.repeat(5_000_000)],
  ])('%s', async (_what, make) => {
    const started = performance.now();
    const result = await verifyCredential(make(), options());
    expect(performance.now() - started).toBeLessThan(5000);
    expect(brief(result)).toEqual(refused('VC_CREDENTIAL_MALFORMED'));
  });

  it('a deeply nested payload, or a badge with a deep member, signed: refused where the depth limit (256) is crossed', async () => {
    const inBadge = JSON.stringify({ ...payloadOf(badge(ed.controller)), deep: JSON.parse(deep(300)) });
    for (const [payload, path] of [[deep(100_000), '/a'.repeat(256)], [inBadge, `/deep${'/a'.repeat(255)}`]] as const) {
      const started = performance.now();
      const result = await verifyCredential(await sign(signers.ed!, payload), options());
      expect(performance.now() - started).toBeLessThan(5000);
      expect(brief(result)).toEqual(refused('VC_CREDENTIAL_MALFORMED', path));
    }
  });
});

describe('the caller\'s input', () => {
  it('neither the string nor the options are changed (frozen options verify too)', async () => {
    const jwt = await sign(signers.es256!, payloadOf(badge(WEB)));
    const copy = `${jwt}`;
    const freeze = <T>(v: T): T => (v && typeof v === 'object' && Object.values(v).forEach(freeze), Object.freeze(v));
    const given = freeze({ now, controllers: [structuredClone(controller)], trustedIssuers: [WEB] });
    const before = JSON.stringify(given);
    expect(brief(await verifyCredential(jwt, given))).toEqual({ ...verified, checks: [...OK, 'trust'] });
    expect(JSON.stringify(given)).toBe(before);
    expect(jwt).toBe(copy);
  });
});
