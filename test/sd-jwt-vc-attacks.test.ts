/**
 * verifySdJwtVc under attack: presentations made to look verified, or to read differently from
 * what was signed. Each group is an attack that once verified (or was refused for the wrong
 * reason), with what the verifier now says. Forged with jose and node:crypto
 * (test/helpers/sd-jwt-forge.ts); no code shared with src/sd-jwt-vc/.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySdJwtVc, type SdJwtVcVerification } from '../src/sd-jwt-vc/verify.js';
import type { VerifySdJwtVcOptions } from '../src/sd-jwt-vc/verify/options.js';
import { b64json, digest, disclosure, kbJwt, nodeP256, sdJwtOf, signJws, testKey, testKeyFromNode, unsignedJws, type TestKey } from './helpers/sd-jwt-forge.js';
import { ATTR, basicConstraints, certificate, extension, keyIds, keyUsage, seq, tlv } from './helpers/pki.js';

const ISS = 'https://uni.example.eu';
const AUD = 'https://verifier.example';
const NONCE = 'nonce-1';
const VCT = 'https://credentials.example.com/identity_credential';
const now = () => Math.floor(Date.now() / 1000);

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
const b64text = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** A compact ES256 JWS over header and payload given as JSON text, exactly as written. */
function signText(headerText: string, payloadText: string, key: TestKey): string {
  const input = `${b64text(headerText)}.${b64text(payloadText)}`;
  const signature = sign('sha256', Buffer.from(input, 'ascii'), { key: createPrivateKey({ key: key.privateJwk as never, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** An SD-JWT bound to `cnf`, with no disclosures. */
async function boundTo(cnf: unknown): Promise<string> {
  return sdJwtOf(await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1' }, { ...base(), cnf }, issuer), []);
}

/** The signing input of a key-binding JWT over `sdJwt` (header `alg`, the verifier's aud and nonce). */
const kbInput = (sdJwt: string, alg: string, claims: Record<string, unknown> = {}) =>
  `${b64json({ alg, typ: 'kb+jwt' })}.${b64json({ iat: now(), aud: AUD, nonce: NONCE, sd_hash: digest(sdJwt), ...claims })}`;

describe('alg none with an empty signature', () => {
  it('the issuer-signed JWT: refused first for its alg', async () => {
    const r = await verifySdJwtVc(`${unsignedJws({ alg: 'none', typ: 'dc+sd-jwt' }, base(), '')}~`, options);
    expect(r.verified).toBe(false);
    expect(errors(r)[0]).toBe('SDJWT_ALG_UNSUPPORTED /header/alg');
  });

  it('the key-binding JWT: refused first for its alg', async () => {
    const sdJwt = await boundTo({ jwk: holder.publicJwk });
    const r = await verifySdJwtVc(`${sdJwt}${kbInput(sdJwt, 'none')}.`, options);
    expect(r.verified).toBe(false);
    expect(errors(r)[0]).toBe('SDJWT_ALG_UNSUPPORTED /kbJwt/header/alg');
  });

  it('an accepted alg with an empty signature is still refused', async () => {
    const [h, p] = (await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1' }, base(), issuer)).split('.');
    const r = await verifySdJwtVc(`${h}.${p}.~`, options);
    expect(r.verified).toBe(false);
    expect(errors(r)).toEqual(['SDJWT_INPUT_MALFORMED /signature']);
  });
});

describe('duplicate member names (parsers differ on which one counts)', () => {
  const header = '{"alg":"ES256","typ":"dc+sd-jwt","kid":"k1"}';
  const payload = (extra = '') => `{"iss":"${ISS}","vct":"${VCT}","iat":${now() - 10}${extra}}`;

  it('in the header: {"alg":"none",…,"alg":"ES256"} is refused, not read as its last alg', async () => {
    const r = await verifySdJwtVc(`${signText('{"alg":"none","typ":"dc+sd-jwt","kid":"k1","alg":"ES256"}', payload(), issuer)}~`, options);
    expect(errors(r)).toEqual(['SDJWT_INPUT_MALFORMED /header']);
  });

  it('in the payload, also when one name is spelt with escapes', async () => {
    for (const extra of [',"iss":"https://evil.example"', ',"\\u0069ss":"https://evil.example"', ',"address":{"locality":"Köln","locality":"Bonn"}']) {
      const r = await verifySdJwtVc(`${signText(header, payload(extra), issuer)}~`, options);
      expect(errors(r), extra).toEqual(['SDJWT_INPUT_MALFORMED /payload']);
    }
  });

  it('in a disclosure value', async () => {
    const encoded = b64text('["salt-1","address",{"locality":"Köln","locality":"Bonn"}]');
    const jwt = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'k1' }, { ...base(), _sd: [digest(encoded)] }, issuer);
    const r = await verifySdJwtVc(sdJwtOf(jwt, [encoded]), options);
    expect(errors(r)).toEqual(['SDJWT_DISCLOSURE_MALFORMED /disclosures/0']);
  });

  it('in the key-binding JWT', async () => {
    const sdJwt = await boundTo({ jwk: holder.publicJwk });
    const kb = signText('{"alg":"ES256","typ":"kb+jwt"}', `{"iat":${now()},"aud":"${AUD}","nonce":"other","nonce":"${NONCE}","sd_hash":"${digest(sdJwt)}"}`, holder);
    const r = await verifySdJwtVc(sdJwt + kb, options);
    expect(errors(r)).toEqual(['SDJWT_KB_MALFORMED /kbJwt/payload']);
  });

  it('the same name in different objects, or as a string value, is fine', async () => {
    const extra = ',"a":{"a":"a","b":[{"a":1},{"a":2}]},"b":"a","c":["\\"a\\":1"]';
    const r = await verifySdJwtVc(`${signText(header, payload(extra), issuer)}~`, options);
    expect(errors(r)).toEqual([]);
    expect(r.claims).toMatchObject({ a: { a: 'a', b: [{ a: 1 }, { a: 2 }] }, b: 'a', c: ['"a":1'] });
  });
});

describe('holder keys anyone can sign with', () => {
  /** The encodings of Ed25519's eight small-order points (the torsion subgroup), canonical or not, each sign bit. */
  const SMALL_ORDER = ['00'.repeat(32), `01${'00'.repeat(31)}`, '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', `ec${'ff'.repeat(30)}7f`, `ed${'ff'.repeat(30)}7f`, `ee${'ff'.repeat(30)}7f`];
  const withSign = SMALL_ORDER.flatMap((hex) => [hex, hex.slice(0, 62) + (parseInt(hex.slice(62), 16) | 0x80).toString(16)]);

  it('an Ed25519 cnf key of small order: a key-binding JWT nobody signed no longer verifies', async () => {
    const identity = Buffer.from(SMALL_ORDER[1]!, 'hex');
    const sdJwt = await boundTo({ jwk: { kty: 'OKP', crv: 'Ed25519', x: identity.toString('base64url') } });
    // R = the identity point, S = 0: [S]B = R + [k]A for every message when A is the identity.
    const forged = `${kbInput(sdJwt, 'EdDSA')}.${Buffer.concat([identity, Buffer.alloc(32)]).toString('base64url')}`;
    const r = await verifySdJwtVc(sdJwt + forged, options);
    expect(r.verified).toBe(false);
    expect(errors(r)).toEqual(['SDJWT_KEY_INVALID /payload/cnf/jwk']);
  });

  it('every small-order Ed25519 key is refused as cnf and as an issuer key', async () => {
    for (const hex of withSign) {
      const x = Buffer.from(hex, 'hex').toString('base64url');
      const sdJwt = await boundTo({ jwk: { kty: 'OKP', crv: 'Ed25519', x } });
      const r = await verifySdJwtVc(`${sdJwt}${kbInput(sdJwt, 'EdDSA')}.${Buffer.alloc(64).toString('base64url')}`, options);
      expect(errors(r), hex).toEqual(['SDJWT_KEY_INVALID /payload/cnf/jwk']);
      const forgedIssuer = `${b64json({ alg: 'EdDSA', typ: 'dc+sd-jwt' })}.${b64json(base())}.${Buffer.alloc(64).toString('base64url')}~`;
      const i = await verifySdJwtVc(forgedIssuer, { ...options, issuerKeys: [{ kty: 'OKP', crv: 'Ed25519', x }] });
      expect(i.issues.find((e) => e.code === 'SDJWT_SIGNATURE_INVALID')?.message, hex).toContain('small order');
    }
  });

  it('an RSA cnf key with public exponent 1 (the signature is the padded digest itself)', async () => {
    const { n } = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as { n: string };
    const sdJwt = await boundTo({ jwk: { kty: 'RSA', n, e: 'AQ' } });
    const input = kbInput(sdJwt, 'RS256');
    const t = Buffer.concat([Buffer.from('3031300d060960864801650304020105000420', 'hex'), createHash('sha256').update(input).digest()]);
    const em = Buffer.concat([Buffer.from([0, 1]), Buffer.alloc(Buffer.from(n, 'base64url').length - t.length - 3, 0xff), Buffer.from([0]), t]);
    const r = await verifySdJwtVc(`${sdJwt}${input}.${em.toString('base64url')}`, options);
    expect(r.verified).toBe(false);
    expect(errors(r)).toEqual(['SDJWT_KEY_INVALID /payload/cnf/jwk']);
    for (const e of ['Ag', 'AAE', '']) {
      const even = await verifySdJwtVc(`${await boundTo({ jwk: { kty: 'RSA', n, e } })}${input}.${em.toString('base64url')}`, options);
      expect(errors(even), e).toContain('SDJWT_KEY_INVALID /payload/cnf/jwk');
    }
  });
});

describe("the key-binding JWT's own exp and nbf", () => {
  const withClaims = async (claims: Record<string, unknown>) => {
    const sdJwt = await boundTo({ jwk: holder.publicJwk });
    return verifySdJwtVc(sdJwt + (await kbJwt(sdJwt, holder, claims as never)), options);
  };

  it('an expired key-binding JWT is refused (RFC 7519 §4.1.4), as is one not yet valid', async () => {
    expect(errors(await withClaims({ exp: now() - 120 }))).toEqual(['SDJWT_KB_TIME_INVALID /kbJwt/payload/exp']);
    expect(errors(await withClaims({ nbf: now() + 120 }))).toEqual(['SDJWT_KB_TIME_INVALID /kbJwt/payload/nbf']);
    expect(errors(await withClaims({ exp: '2099-01-01' }))).toEqual(['SDJWT_KB_MALFORMED /kbJwt/payload/exp']);
  });

  it('within the clock skew, or in the future, it verifies', async () => {
    expect(errors(await withClaims({ exp: now() - 30, nbf: now() + 30 }))).toEqual([]);
    expect(errors(await withClaims({ exp: now() + 300 }))).toEqual([]);
  });
});

describe('an x5c signing certificate that may not sign', () => {
  const rootPair = nodeP256();
  const leafPair = nodeP256();
  const rootName: [string, string][] = [[ATTR.CN, 'Attack Root']];
  const root = certificate({ subject: rootName, issuer: rootName, publicKey: rootPair.publicKey, signingKey: rootPair.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign')] });
  const san = extension('2.5.29.17', false, seq(tlv(0x86, Buffer.from(ISS, 'ascii'))));
  const leafWith = (...extensions: Buffer[]) =>
    certificate({ subject: [[ATTR.CN, 'Uni Issuer']], issuer: rootName, publicKey: leafPair.publicKey, signingKey: rootPair.privateKey, alg: 'ecdsa-sha256', extensions: [san, ...extensions, ...keyIds(leafPair.publicKey, rootPair.publicKey)] });
  const check = async (chain: Buffer[], pair = leafPair, anchors = [root]) => {
    const jwt = await signJws({ alg: 'ES256', typ: 'dc+sd-jwt', x5c: chain.map((c) => c.toString('base64')) }, base(), await testKeyFromNode('ES256', pair));
    return errors(await verifySdJwtVc(sdJwtOf(jwt, []), { trustAnchors: anchors.map((c) => c.toString('base64')), vct: VCT }));
  };

  it('a leaf whose keyUsage has neither digitalSignature nor nonRepudiation is refused', async () => {
    expect(await check([leafWith(keyUsage('digitalSignature')), root])).toEqual([]);
    expect(await check([leafWith(keyUsage('nonRepudiation')), root])).toEqual([]);
    expect(await check([leafWith(keyUsage('keyEncipherment')), root])).toEqual(['SDJWT_CERTIFICATE_INVALID /header/x5c/0']);
  });

  it('a CA certificate signing the credential itself is refused, unless it is the trust anchor the verifier pinned', async () => {
    expect(await check([leafWith(basicConstraints(true), keyUsage('digitalSignature', 'keyCertSign')), root])).toEqual(['SDJWT_CERTIFICATE_INVALID /header/x5c/0']);
    const pinned = certificate({ subject: rootName, issuer: rootName, publicKey: rootPair.publicKey, signingKey: rootPair.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true), keyUsage('digitalSignature', 'keyCertSign'), san] });
    expect(await check([pinned], rootPair, [pinned])).toEqual([]);
    // The root of the chain above may only sign certificates (keyUsage keyCertSign).
    expect(await check([root], rootPair)).toContain('SDJWT_CERTIFICATE_INVALID /header/x5c/0');
  });
});
