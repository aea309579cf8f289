/**
 * decodeSdJwtVc: one reading for the tools and the verifier. On valid presentations (the
 * higher-education fixture issued by issueSdJwtVc, and the IETF draft's examples) it gives the
 * claims, disclosed pointers and undisclosed count verifySdJwtVc gives (and, for the examples, what
 * the YAML says a verifier reveals); on broken ones, the same structural issues, codes, paths and
 * messages; on hostile input it never throws; and it always says nothing was verified, also for a
 * presentation verifySdJwtVc refuses for its signature.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeSdJwtVc,
  generateSdJwtVcKeyPair,
  issueSdJwtVc,
  issueSdJwtVcClaims,
  presentSdJwtVc,
  verifySdJwtVc,
  type DecodedSdJwtVc,
  type SdJwtVcIssue,
  type SdJwtVcVerification,
} from '../src/sd-jwt-vc.js';
import { b64json, digest, disclosure, sdJwtOf, signJws, testKey } from './helpers/sd-jwt-forge.js';
import { EXAMPLE_NAMES, readExample, readSettings } from './helpers/sd-jwt-yaml.js';

const ISS = 'https://uni.example.eu';
const AUD = 'https://employer.example.com';
const NONCE = 'n-0S6_WzA2Mj';
const VCT = 'https://credentials.example.com/identity_credential';
const mc = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'valid', 'higher-education.json'), 'utf8')) as unknown;

const errors = (r: { issues: SdJwtVcIssue[] }) => r.issues.filter((i) => i.severity === 'error');
const b64text = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** What both functions say the SD-JWT carries. */
const reading = (r: DecodedSdJwtVc | SdJwtVcVerification) => ({ claims: r.claims, disclosed: r.disclosed, undisclosed: r.undisclosed, header: r.header });

function expectNotVerifiedNote(r: DecodedSdJwtVc): void {
  const notes = r.issues.filter((i) => i.code === 'SDJWT_NOT_VERIFIED');
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ severity: 'warning', path: '', in: 'sd-jwt' });
  expect(notes[0]!.message).toMatch(/not verified/i);
}

describe('on valid presentations it reads what verifySdJwtVc reads', () => {
  it('the higher-education micro-credential: a presentation with key binding, and the whole SD-JWT', async () => {
    const issuer = await generateSdJwtVcKeyPair('ES256');
    const holder = await generateSdJwtVcKeyPair('ES256');
    const sdJwt = await issueSdJwtVc(mc, { key: issuer.privateJwk, issuer: ISS, holderKey: holder.publicJwk, decoys: 3 });
    const presentation = await presentSdJwtVc(sdJwt, { disclose: ['title', 'awardingBody', 'learningOutcomes', 'notionalWorkload'], holderKey: holder.privateJwk, audience: AUD, nonce: NONCE });

    const verified = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUD, nonce: NONCE });
    expect(errors(verified)).toEqual([]);
    const decoded = await decodeSdJwtVc(presentation);
    expect(decoded.ok).toBe(true);
    expect(reading(decoded)).toEqual(reading(verified));
    // In the order of the digests in `_sd` (sorted at issuance), not the order asked for.
    expect([...decoded.disclosed].sort()).toEqual(['/awardingBody', '/learningOutcomes', '/notionalWorkload', '/title']);
    expect(decoded.undisclosed).toBeGreaterThan(3);
    expect(decoded.keyBinding).toBe(true);
    expect(decoded.payload._sd_alg).toBe('sha-256');
    expect(Array.isArray(decoded.payload._sd)).toBe(true);
    expect(decoded.claims).not.toHaveProperty('_sd');
    expect(decoded.issues.map((i) => i.code)).toEqual(['SDJWT_NOT_VERIFIED']);

    // The SD-JWT as issued: every disclosure, no key-binding JWT (the verifier wants one: cnf).
    const whole = await decodeSdJwtVc(sdJwt);
    const wholeVerified = await verifySdJwtVc(sdJwt, { issuerKeys: [issuer.publicJwk] });
    expect(errors(wholeVerified).map((i) => i.code)).toEqual(['SDJWT_KB_MISSING']);
    expect(reading(whole)).toEqual(reading(wholeVerified));
    expect(whole.keyBinding).toBe(false);
    expect(whole.undisclosed).toBe(3);
    expect(whole.disclosed.length).toBeGreaterThan(decoded.disclosed.length);
  });

  it.each(EXAMPLE_NAMES)('the draft example %s: what the YAML says a verifier reveals', async (name) => {
    const settings = readSettings();
    const example = readExample(name);
    const { d: _d, ...issuerPublic } = settings.issuerKey;
    const { d: _h, ...holderPublic } = settings.holderKey;
    const { iss: claimedIss, ...claims } = example.claims;
    const iss = typeof claimedIss === 'string' ? claimedIss : settings.identifiers.issuer;
    const now = new Date((settings.iat + 3600) * 1000);
    const kid = example.headers.kid;
    const sdJwt = await issueSdJwtVcClaims(claims, {
      key: { ...settings.issuerKey, ...(kid ? { kid } : {}) } as never,
      issuer: iss,
      vct: claims.vct as string,
      disclosable: example.disclosable,
      now: new Date(settings.iat * 1000),
      expiresAt: new Date(settings.exp * 1000),
      ...(kid ? { kid } : {}),
      ...(example.keyBinding ? { holderKey: holderPublic as never } : {}),
      decoys: 0,
    });
    const presentation = await presentSdJwtVc(sdJwt, {
      disclose: example.disclosed,
      ...(example.keyBinding ? { holderKey: settings.holderKey as never, audience: settings.identifiers.verifier, nonce: settings.nonce } : {}),
      now,
    });
    const verified = await verifySdJwtVc(presentation, { issuerKeys: [issuerPublic as never], vct: claims.vct as string, now, ...(example.keyBinding ? { audience: settings.identifiers.verifier, nonce: settings.nonce } : {}) });
    expect(errors(verified)).toEqual([]);
    const decoded = await decodeSdJwtVc(presentation);
    expect(decoded.ok).toBe(true);
    expect(reading(decoded)).toEqual(reading(verified));
    expect(decoded.keyBinding).toBe(example.keyBinding);
    const expected = { ...example.expected, iss, iat: settings.iat, exp: settings.exp, ...(example.keyBinding ? { cnf: { jwk: holderPublic } } : {}) };
    expect(decoded.claims).toEqual(expected);
  });
});

describe('on broken SD-JWTs it gives the verifier\'s structural issues', () => {
  const CLAIMS = { vct: VCT, given_name: 'Erika', family_name: 'Mustermann', address: { street_address: 'Heidestraße 17', locality: 'Köln' }, nationalities: ['DE', 'FR'] };

  async function baseline() {
    const issuer = await testKey('ES256', 'k1');
    const sdJwt = await issueSdJwtVcClaims(CLAIMS, { key: issuer.privateJwk as never, issuer: ISS, vct: VCT, disclosable: ['given_name', 'family_name', '/address/locality', ['nationalities', 1]], decoys: 2 });
    return { issuer, sdJwt, options: { issuerKeys: [issuer.publicJwk as never], vct: VCT } };
  }

  /** Decodes and verifies `input`: the decoder's errors are exactly the verifier's (whole issues, messages included). */
  async function same(input: string, options: Parameters<typeof verifySdJwtVc>[1]) {
    const decoded = await decodeSdJwtVc(input);
    const verified = await verifySdJwtVc(input, options);
    expect(errors(decoded)).toEqual(errors(verified));
    expect(decoded.ok).toBe(errors(decoded).length === 0);
    return decoded;
  }

  it('the untouched SD-JWT: no error from either', async () => {
    const { sdJwt, options } = await baseline();
    const decoded = await same(sdJwt, options);
    expect(decoded.ok).toBe(true);
    expect(errors(await verifySdJwtVc(sdJwt, options))).toEqual([]);
  });

  it('a disclosure no digest references (added after issuance)', async () => {
    const { sdJwt, options } = await baseline();
    const foreign = disclosure('given_name', 'Mallory').encoded;
    const decoded = await same(`${sdJwt}${foreign}~`, options);
    const n = sdJwt.split('~').length - 2;
    expect(errors(decoded).map((i) => `${i.code} ${i.path}`)).toEqual([`SDJWT_DISCLOSURE_UNREFERENCED /disclosures/${n}`]);
    expect(decoded.ok).toBe(false);
    expect(decoded.claims.given_name).toBe('Erika');
  });

  it('a disclosure presented twice', async () => {
    const { sdJwt, options } = await baseline();
    const first = sdJwt.split('~')[1]!;
    const decoded = await same(`${sdJwt}${first}~`, options);
    const n = sdJwt.split('~').length - 2;
    expect(errors(decoded).map((i) => `${i.code} ${i.path}`)).toEqual([`SDJWT_DIGEST_DUPLICATE /disclosures/${n}`]);
  });

  it('a member named twice: in the header, in the payload (also spelt with escapes), in a disclosure', async () => {
    const { issuer, options } = await baseline();
    const payload = `{"iss":"${ISS}","vct":"${VCT}","iat":1767225600`;
    const header = b64text('{"alg":"ES256","typ":"dc+sd-jwt","kid":"k1"}');
    const inHeader = await same(`${b64text('{"alg":"none","typ":"dc+sd-jwt","alg":"ES256"}')}.${b64text(`${payload}}`)}.c2ln~`, options);
    expect(errors(inHeader).map((i) => `${i.code} ${i.path}`)).toEqual(['SDJWT_INPUT_MALFORMED /header']);
    const inPayload = await same(`${header}.${b64text(`${payload},"\\u0069ss":"https://evil.example"}`)}.c2ln~`, options);
    expect(errors(inPayload).map((i) => `${i.code} ${i.path}`)).toEqual(['SDJWT_INPUT_MALFORMED /payload']);
    const encoded = b64text('["salt-1","address",{"locality":"Köln","locality":"Bonn"}]');
    const jwt = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1' }, { iss: ISS, vct: VCT, iat: 1767225600, _sd: [digest(encoded)] }, issuer);
    const inDisclosure = await same(sdJwtOf(jwt, [encoded]), { ...options, now: new Date(1767225600_000) });
    expect(errors(inDisclosure).map((i) => `${i.code} ${i.path}`)).toEqual(['SDJWT_DISCLOSURE_MALFORMED /disclosures/0']);
    expect(inDisclosure.claims).not.toHaveProperty('address');
  });

  it('an input of 4 MiB + 1 characters: nothing read', async () => {
    const { options } = await baseline();
    const decoded = await same('a'.repeat(4 * 1024 * 1024 + 1), options);
    expect(decoded.issues.map((i) => `${i.code} ${i.path}`)).toEqual(['SDJWT_INPUT_LIMIT ']);
    expect(decoded).toMatchObject({ ok: false, header: {}, payload: {}, claims: {}, disclosed: [], undisclosed: 0, keyBinding: false });
  });

  it('a disclosure of a claim that must stay in the clear, and an _sd_alg not supported', async () => {
    const { issuer, options } = await baseline();
    const at = { ...options, now: new Date(1767225600_000) };
    const iss = disclosure('iss', 'https://evil.example');
    const policy = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1' }, { vct: VCT, iat: 1767225600, _sd: [iss.digest] }, issuer);
    const decoded = await decodeSdJwtVc(sdJwtOf(policy, [iss.encoded]));
    const verified = await verifySdJwtVc(sdJwtOf(policy, [iss.encoded]), at);
    expect(errors(decoded).map((i) => i.code)).toEqual(['SDJWT_DISCLOSURE_POLICY']);
    expect(errors(verified)).toEqual(expect.arrayContaining(errors(decoded)));
    const md5 = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1' }, { iss: ISS, vct: VCT, iat: 1767225600, _sd_alg: 'md5', _sd: [digest(iss.encoded)] }, issuer);
    const unsupported = await same(sdJwtOf(md5, [iss.encoded]), at);
    expect(errors(unsupported).map((i) => `${i.code} ${i.path}`)).toEqual(['SDJWT_HASH_ALG_UNSUPPORTED /payload/_sd_alg']);
  });
});

describe('hostile input', () => {
  const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
  const header = b64json({ alg: 'ES256', typ: 'dc+sd-jwt' });
  const HOSTILE: unknown[] = [
    undefined,
    null,
    42,
    {},
    [],
    Symbol('x'),
    () => 'x',
    '',
    '~',
    '~~~',
    '.~',
    'a.b.c~',
    '==.==.==~',
    `${header}.${b64json({ _sd: 'not an array' })}.c2ln~`,
    `${header}.${b64json({ _sd: [1, null, {}] })}.c2ln~~~`,
    `${header}.${b64json([1, 2])}.c2ln~`,
    `${header}.${b64text(deep)}.c2ln~`,
    `${header}.${b64json({ a: 1 })}.c2ln~${b64text(deep)}~`,
    `${header}.${b64json({ a: 1 })}.c2ln~${'~'.repeat(1001)}`,
    `${header}.${b64json({ a: [{ '...': 1 }, { '...': 'x', extra: 1 }] })}.c2ln~not.a.jwt.at.all`,
    `${header}.${b64json({ a: 1 })}.c2ln~${b64json(['s', '_sd', 1])}~${b64json(['s', '...', 1])}~${b64json([1, 'x', 2])}~${b64json(['s'])}~`,
    `${header}.${b64text('{"a":1}\u0000')}.c2ln~`,
    `${header}.${b64json({ a: 1 })}.c2ln~\uD800~`,
  ];

  it('never throws: every input gives a result of the documented shape', async () => {
    for (const input of HOSTILE) {
      const label = typeof input === 'string' ? input.slice(0, 80) : String(typeof input);
      const r = await decodeSdJwtVc(input);
      expect(Object.keys(r).sort(), label).toEqual(['claims', 'disclosed', 'header', 'issues', 'keyBinding', 'ok', 'payload', 'undisclosed']);
      expect(r.ok, label).toBe(false);
      expect(errors(r).length, label).toBeGreaterThan(0);
      for (const i of r.issues) expect(i.path === '' || i.path.startsWith('/'), label).toBe(true);
      expect(r.issues.some((i) => i.code === 'SDJWT_VERIFIER_FAILED'), label).toBe(false);
    }
  });

  it('a disclosure named __proto__ is an own claim; nothing is polluted', async () => {
    const issuer = await testKey('ES256', 'k1');
    const proto = disclosure('__proto__', { polluted: true });
    const jwt = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1' }, { iss: ISS, vct: VCT, _sd: [proto.digest] }, issuer);
    const r = await decodeSdJwtVc(sdJwtOf(jwt, [proto.encoded]));
    expect(r.ok).toBe(true);
    expect(Object.getPrototypeOf(r.claims)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(r.claims, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.disclosed).toEqual(['/__proto__']);
  });
});

describe('it says nothing was verified', () => {
  it('a presentation signed by someone else decodes, with the SDJWT_NOT_VERIFIED warning; verifySdJwtVc refuses it', async () => {
    const issuer = await generateSdJwtVcKeyPair('ES256');
    const mallory = await generateSdJwtVcKeyPair('ES256');
    const forged = await issueSdJwtVc(mc, { key: { ...mallory.privateJwk, kid: issuer.publicJwk.kid } as never, issuer: ISS });
    const decoded = await decodeSdJwtVc(forged);
    expect(decoded.ok).toBe(true);
    expect(decoded.claims.iss).toBe(ISS);
    expectNotVerifiedNote(decoded);
    const verified = await verifySdJwtVc(forged, { issuerKeys: [issuer.publicJwk] });
    expect(verified.verified).toBe(false);
    expect(verified.issues.map((i) => i.code)).toContain('SDJWT_SIGNATURE_INVALID');
    expect(verified.issues.map((i) => i.code)).not.toContain('SDJWT_NOT_VERIFIED');
  });

  it('an unsigned (alg none) SD-JWT and a broken one say it too, when they could be read', async () => {
    const header = b64json({ alg: 'none', typ: 'dc+sd-jwt' });
    const unsigned = await decodeSdJwtVc(`${header}.${b64json({ iss: ISS, vct: VCT })}.~`);
    expect(unsigned.ok).toBe(true);
    expectNotVerifiedNote(unsigned);
    const broken = await decodeSdJwtVc(`${header}.${b64json({ iss: ISS })}.~${disclosure('a', 1).encoded}~`);
    expect(broken.ok).toBe(false);
    expectNotVerifiedNote(broken);
  });
});
