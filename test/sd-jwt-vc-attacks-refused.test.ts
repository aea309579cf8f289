/**
 * verifySdJwtVc under attack, the attacks it already refused (or rightly accepts): kept as
 * regression guards next to test/sd-jwt-vc-attacks.test.ts. Each presentation is forged with jose
 * and node:crypto (test/helpers/sd-jwt-forge.ts) and must get exactly the verdict and code shown.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySdJwtVc, type SdJwtVcVerification } from '../src/sd-jwt-vc/verify.js';
import type { VerifySdJwtVcOptions } from '../src/sd-jwt-vc/verify/options.js';
import { b64json, disclosure, kbJwt, respell, sdJwtOf, signJws, testKey, type TestKey } from './helpers/sd-jwt-forge.js';

const ISS = 'https://uni.example.eu';
const AUD = 'https://verifier.example';
const NONCE = 'nonce-1';
const VCT = 'https://credentials.example.com/identity_credential';
const now = () => Math.floor(Date.now() / 1000);
/** The order of P-256 (FIPS 186-4 D.1.2.3). */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

let issuer: TestKey;
let holder: TestKey;
let options: VerifySdJwtVcOptions;

beforeAll(async () => {
  issuer = await testKey('ES256', 'k1');
  holder = await testKey('ES256');
  options = { issuerKeys: [issuer.publicJwk], audience: AUD, nonce: NONCE, vct: VCT };
});

const errors = (r: SdJwtVcVerification) => r.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.path}`);
const base = () => ({ iss: ISS, vct: VCT, iat: now() - 10 });
const issued = async (payload: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key?: TestKey) =>
  signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1', ...header }, { ...base(), ...payload }, key ?? issuer);
const check = async (presentation: string, opts: VerifySdJwtVcOptions = options) => errors(await verifySdJwtVc(presentation, opts));

describe('the issuer-signed JWT', () => {
  it('typ spelt otherwise than dc+sd-jwt (the draft: MUST be dc+sd-jwt)', async () => {
    for (const typ of ['DC+SD-JWT', 'application/dc+sd-jwt', 'dc+sd-jwt ', 'sd-jwt', 'JWT']) expect(await check(`${await issued({}, { typ })}~`), typ).toEqual(['SDJWT_TYP_INVALID /header/typ']);
  });

  it('an ES256 signature in DER instead of r‖s', async () => {
    const [h, p] = (await issued()).split('.');
    const der = sign('sha256', Buffer.from(`${h}.${p}`), { key: createPrivateKey({ key: issuer.privateJwk as never, format: 'jwk' }), dsaEncoding: 'der' });
    expect(await check(`${h}.${p}.${der.toString('base64url')}~`)).toEqual(['SDJWT_SIGNATURE_INVALID /signature']);
  });

  it('the high-S twin of a signature verifies (JOSE has no low-S rule), but no longer matches a key binding', async () => {
    const jwt = await issued({ cnf: { jwk: holder.publicJwk } });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const sig = Buffer.from(s, 'base64url');
    const twinS = (P256_N - BigInt(`0x${sig.subarray(32).toString('hex')}`)).toString(16).padStart(64, '0');
    const twin = `${h}.${p}.${Buffer.concat([sig.subarray(0, 32), Buffer.from(twinS, 'hex')]).toString('base64url')}`;
    const sdJwt = sdJwtOf(jwt, []);
    const kb = await kbJwt(sdJwt, holder);
    expect(await check(sdJwt + kb)).toEqual([]);
    expect(await check(sdJwtOf(twin, []) + (await kbJwt(sdJwtOf(twin, []), holder)))).toEqual([]);
    expect(await check(sdJwtOf(twin, []) + kb)).toEqual(['SDJWT_KB_SD_HASH_MISMATCH /kbJwt/payload/sd_hash']);
  });

  it('padded, space-separated or re-encoded segments', async () => {
    const jwt = await issued();
    const [h, p, s] = jwt.split('.') as [string, string, string];
    expect(await check(`${h}=.${p}.${s}~`)).toEqual(['SDJWT_INPUT_MALFORMED /header']);
    expect(await check(`${h}.${p} .${s}~`)).toEqual(['SDJWT_INPUT_MALFORMED /payload']);
    expect(await check(`${h}.${p}.${s}==~`)).toEqual(['SDJWT_INPUT_MALFORMED /signature']);
    expect(await check(`${h}.${Buffer.from(p, 'base64url').toString('base64')}.${s}~`)).toEqual(expect.arrayContaining([expect.stringMatching(/^SDJWT_(INPUT_MALFORMED \/payload|SIGNATURE_INVALID)/)]));
    expect(await check(` ${jwt}~`)).toEqual(['SDJWT_INPUT_MALFORMED /header']);
  });

  it('_sd_alg spelt upper case, or unknown; vct as an array', async () => {
    for (const alg of ['SHA-256', 'sha256', 'md5']) expect(await check(`${await issued({ _sd_alg: alg })}~`), alg).toEqual(['SDJWT_HASH_ALG_UNSUPPORTED /payload/_sd_alg']);
    expect(await check(`${await issued({ vct: [VCT] })}~`)).toEqual(['SDJWT_VCT_MISMATCH /payload/vct']);
  });

  it('exp, nbf, iat as strings, negative or huge', async () => {
    expect(await check(`${await issued({ exp: String(now() + 100) })}~`)).toEqual(['SDJWT_CLAIM_TIME_INVALID /payload/exp']);
    expect(await check(`${await issued({ nbf: -1 })}~`)).toEqual(['SDJWT_CLAIM_TIME_INVALID /payload/nbf']);
    expect(await check(`${await issued({ iat: 1e300 })}~`)).toEqual(['SDJWT_ISSUED_IN_FUTURE /payload/iat']);
  });
});

describe('the issuer key', () => {
  it('issuerKeys by iss: an iss of __proto__, constructor or hasOwnProperty finds no key', async () => {
    for (const iss of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      expect(await check(`${await issued({ iss })}~`, { ...options, issuerKeys: { [ISS]: [issuer.publicJwk] } }), iss).toEqual(['SDJWT_ISSUER_KEY_UNKNOWN /header/kid']);
    }
  });

  it('issuer metadata whose issuer differs by a trailing slash or case', async () => {
    const issuerMetadata = { issuer: ISS, jwks: { keys: [issuer.publicJwk] } };
    for (const iss of [`${ISS}/`, 'https://UNI.example.eu', 'https://uni.example.eu.evil.com']) {
      expect(await check(`${await issued({ iss })}~`, { ...options, issuerKeys: undefined, issuerMetadata }), iss).toEqual(['SDJWT_ISSUER_MISMATCH /payload/iss']);
    }
  });

  it('a kid two keys share: the one that verifies is used, the other never', async () => {
    const attacker = await testKey('ES256', 'k1');
    expect(await check(`${await issued()}~`, { ...options, issuerKeys: [attacker.publicJwk, issuer.publicJwk] })).toEqual([]);
    expect(await check(`${await issued({}, {}, attacker)}~`)).toEqual(['SDJWT_SIGNATURE_INVALID /signature']);
  });
});

describe('disclosures', () => {
  it('names with / and ~ are escaped in disclosed; __proto__ is an own claim, nothing polluted', async () => {
    const a = disclosure('a/b~c', 1);
    const p = disclosure('__proto__', { polluted: true });
    const r = await verifySdJwtVc(sdJwtOf(await issued({ _sd: [a.digest, p.digest] }), [a.encoded, p.encoded]), { ...options, requireClaims: ['a/b~c', '/__proto__/polluted'] });
    expect(errors(r)).toEqual([]);
    expect(r.disclosed.sort()).toEqual(['/__proto__', '/a~1b~0c']);
    expect(Object.getPrototypeOf(r.claims)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('_sd and ... as names, kinds swapped, a chain of 300 nested disclosures', async () => {
    for (const name of ['_sd', '...']) {
      const d = disclosure(name, 'x');
      expect(await check(sdJwtOf(await issued({ _sd: [d.digest] }), [d.encoded])), name).toEqual(['SDJWT_DISCLOSURE_MALFORMED /disclosures/0']);
    }
    const el = disclosure(undefined, 'x');
    const named = disclosure('n', 'y');
    expect((await check(sdJwtOf(await issued({ _sd: [el.digest], arr: [{ '...': named.digest }] }), [el.encoded, named.encoded]))).sort()).toEqual(['SDJWT_DISCLOSURE_MALFORMED /disclosures/0', 'SDJWT_DISCLOSURE_MALFORMED /disclosures/1']);
    let top = disclosure('leaf', 1);
    const chain = [top.encoded];
    for (let i = 0; i < 300; i++) chain.push((top = disclosure('n', { _sd: [top.digest] })).encoded);
    const r = await verifySdJwtVc(sdJwtOf(await issued({ _sd: [top.digest] }), chain), options);
    expect(r.verified).toBe(false);
    expect(errors(r)[0]).toMatch(/^SDJWT_INPUT_LIMIT/);
  });
});

describe('the key-binding JWT', () => {
  const bound = async (cnf: unknown = { jwk: holder.publicJwk }) => sdJwtOf(await issued({ cnf }), []);

  it('typ spelt otherwise, iat as a string, aud as an array, bound to another SD-JWT', async () => {
    const sdJwt = await bound();
    for (const typ of ['KB+JWT', 'application/kb+jwt', 'JWT']) expect(await check(sdJwt + (await kbJwt(sdJwt, holder, {}, { typ }))), typ).toEqual(['SDJWT_KB_MALFORMED /kbJwt/header/typ']);
    expect(await check(sdJwt + (await kbJwt(sdJwt, holder, { iat: String(now()) })))).toEqual(['SDJWT_KB_MALFORMED /kbJwt/payload/iat']);
    expect(await check(sdJwt + (await kbJwt(sdJwt, holder, { aud: [AUD] })))).toEqual(['SDJWT_KB_MALFORMED /kbJwt/payload/aud']);
    const other = await bound();
    expect(await check(sdJwt + (await kbJwt(other, holder)))).toEqual(['SDJWT_KB_SD_HASH_MISMATCH /kbJwt/payload/sd_hash']);
  });

  it("signed by the issuer's key, or with its own key in the header", async () => {
    const sdJwt = await bound();
    expect(await check(sdJwt + (await kbJwt(sdJwt, issuer)))).toEqual(['SDJWT_KB_SIGNATURE_INVALID /kbJwt/signature']);
    const attacker = await testKey('ES256');
    expect(await check(sdJwt + (await kbJwt(sdJwt, attacker, {}, { jwk: attacker.publicJwk })))).toEqual(['SDJWT_KB_SIGNATURE_INVALID /kbJwt/signature']);
  });

  it('cnf with a private key, a kid or jku only, an unsupported key type', async () => {
    const withD = await bound({ jwk: holder.privateJwk });
    expect(await check(withD + (await kbJwt(withD, holder)))).toEqual(['SDJWT_KEY_INVALID /payload/cnf/jwk/d']);
    for (const cnf of [{ kid: 'holder-1' }, { jku: 'https://evil.example/jwks' }, { jwk: { kty: 'oct', k: 'c2VjcmV0' } }]) {
      const sdJwt = await bound(cnf);
      expect(await check(sdJwt + (await kbJwt(sdJwt, holder))), JSON.stringify(cnf)).toEqual([expect.stringMatching(/^SDJWT_KEY_INVALID \/payload\/cnf/)]);
    }
  });

  it('a key-binding JWT taken off a presentation and replayed elsewhere', async () => {
    const sdJwt = await bound();
    const kb = await kbJwt(sdJwt, holder);
    expect(await check(sdJwt + kb, { ...options, audience: 'https://other.example' })).toEqual(['SDJWT_KB_AUDIENCE_MISMATCH /kbJwt/payload/aud']);
    expect(await check(sdJwt + kb, { ...options, nonce: 'n-2' })).toEqual(['SDJWT_KB_NONCE_MISMATCH /kbJwt/payload/nonce']);
    expect(await check(sdJwt)).toEqual(['SDJWT_KB_MISSING /kbJwt']);
    expect(await check(`${respell(sdJwt.slice(0, -1), { payload: (q) => ({ ...q, cnf: undefined }) })}~${kb}`)).toContain('SDJWT_SIGNATURE_INVALID /signature');
  });
});

describe('size', () => {
  it('4 MiB + 1 characters, and 1 001 disclosures, are not read', async () => {
    const jwt = await issued();
    expect(await check(`${jwt}~${'A'.repeat(4 * 1024 * 1024 - jwt.length)}`)).toEqual(['SDJWT_INPUT_LIMIT ']);
    expect(await check(`${jwt}~${`${b64json(['s', 'n', 1])}~`.repeat(1001)}`)).toEqual(['SDJWT_INPUT_LIMIT ']);
  });
});
