/**
 * Attacks on the status of an SD-JWT VC, one test per class, several variants each: a Status List
 * Token signed by someone else or for another issuer, a token of another list, an old token
 * replayed, a tampered list, bombs, header games, a status claim made unreadable or hidden in a
 * disclosure, x5c tokens naming another subject, and the verified-token cache asked to vouch for a
 * token under other trust inputs. None may yield "valid".
 */
import { createHmac } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { issueSdJwtVcClaims } from '../src/sd-jwt-vc/issue.js';
import { createStatusListToken } from '../src/sd-jwt-vc/status/token.js';
import { verifySdJwtVc, type SdJwtVcVerification, type VerifySdJwtVcOptions } from '../src/sd-jwt-vc/verify.js';
import { StatusList } from '../src/status/list.js';
import { ATTR, basicConstraints, certificate, extension, keyIds, keyUsage, seq, tlv } from './helpers/pki.js';
import { b64json, disclosure, fromB64json, nodeP256, respell, sdJwtOf, signJws, signRaw, testKeyFromNode, unsignedJws, type TestKey } from './helpers/sd-jwt-forge.js';
import { asTestKey, at, ISS, sdJwtStatusKeys, T0, t0, VCT } from './helpers/status.js';

const LIST = 'https://uni.example.eu/status/1';
const { issuer, mallory } = await sdJwtStatusKeys();

const list = StatusList.create({ id: LIST, format: 'token', length: 1024 });
const index = list.allocate();
list.revoke(index);
const credential = await issueSdJwtVcClaims({ vct: VCT, given_name: 'Erika' }, { key: issuer.privateJwk, issuer: ISS, status: list.entry(index), now: T0, disclosable: ['given_name'] });
const claims = { iss: ISS, sub: LIST, iat: t0, exp: t0 + 86_400, ttl: 3600 };
const tokenOf = (options: Partial<Parameters<typeof createStatusListToken>[1]> = {}, source: { id: string; encoded(): unknown } = list) =>
  createStatusListToken(source, { key: issuer.privateJwk, issuer: ISS, iat: T0, exp: at(86_400), ttl: 3600, ...options });
/** A token signed by `key` with any header and payload (jose). */
const forge = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256', typ: 'statuslist+jwt', kid: 'uni-1' }, key = asTestKey(issuer)) => signJws(header, payload, key);
const verify = (options: VerifySdJwtVcOptions, sdJwt = credential) => verifySdJwtVc(sdJwt, { issuerKeys: [issuer.publicJwk], vct: VCT, now: at(60), ...options });

const reason = (r: SdJwtVcVerification) => r.issues.find((i) => i.code === 'STATUS_UNKNOWN')?.details?.reason;
/** The attack failed: not verified, the status unknown for the given reason, and no "valid" anywhere. */
async function refused(options: VerifySdJwtVcOptions, why: string, sdJwt = credential): Promise<void> {
  const r = await verify(options, sdJwt);
  expect(r.verified).toBe(false);
  expect(reason(r)).toBe(why);
  expect(r.status.map((s) => s.status)).toEqual(['unknown']);
}

describe('a token not from the credential\'s issuer', () => {
  it('signed by another key, whatever its kid, iss or header says', async () => {
    await refused({ statusLists: [await tokenOf({ key: mallory.privateJwk })] }, 'list-unverified');
    await refused({ statusLists: [await tokenOf({ key: mallory.privateJwk, kid: 'other' })] }, 'list-unverified');
    await refused({ statusLists: [await tokenOf({ key: mallory.privateJwk, issuer: undefined })] }, 'list-unverified');
    // The attacker's key in the header itself is never used.
    await refused({ statusLists: [await forge({ ...claims, status_list: list.encoded() }, { alg: 'ES256', typ: 'statuslist+jwt', jwk: mallory.publicJwk }, asTestKey(mallory))] }, 'list-unverified');
    // The issuer's signature kept, the list swapped for one where nobody is revoked.
    const honest = await tokenOf();
    const clean = StatusList.create({ id: LIST, format: 'token', length: 1024 }).encoded();
    await refused({ statusLists: [respell(honest, { payload: (p) => ({ ...p, status_list: clean }) })] }, 'list-unverified');
  });

  it('another issuer\'s token: refused unless the caller trusts that issuer for status', async () => {
    const registry = 'https://registry.example.eu';
    const keys = { [ISS]: [issuer.publicJwk], [registry]: [mallory.publicJwk] };
    const theirs = await tokenOf({ key: mallory.privateJwk, issuer: registry });
    await refused({ issuerKeys: keys, statusLists: [theirs] }, 'list-issuer-mismatch');
    await refused({ issuerKeys: keys, statusLists: [theirs], trustedStatusIssuers: ['https://registry.example.eu/'] }, 'list-issuer-mismatch');
    // Without iss it speaks for the credential's issuer, and that issuer's keys do not verify it.
    await refused({ issuerKeys: keys, statusLists: [await tokenOf({ key: mallory.privateJwk, issuer: undefined })] }, 'list-unverified');
    // The credential's own issuer name on the other issuer's key.
    await refused({ issuerKeys: keys, statusLists: [await tokenOf({ key: mallory.privateJwk })] }, 'list-unverified');
    expect((await verify({ issuerKeys: keys, statusLists: [theirs], trustedStatusIssuers: [registry] })).status[0]!.status).toBe('revoked');
  });

  it('alg none, HS256 with the public key as secret, crit, an empty signature, x5c without anchors', async () => {
    const payload = { ...claims, status_list: list.encoded() };
    await refused({ statusLists: [unsignedJws({ alg: 'none', typ: 'statuslist+jwt' }, payload, '')] }, 'list-unverified');
    const header = b64json({ alg: 'HS256', typ: 'statuslist+jwt' });
    const input = `${header}.${b64json(payload)}`;
    const mac = createHmac('sha256', JSON.stringify(issuer.publicJwk)).update(input).digest('base64url');
    await refused({ statusLists: [`${input}.${mac}`] }, 'list-unverified');
    await refused({ statusLists: [unsignedJws({ alg: 'ES256', typ: 'statuslist+jwt' }, payload, '')] }, 'list-unverified');
    await refused({ statusLists: [signRaw({ alg: 'ES256', typ: 'statuslist+jwt', crit: ['exp'], exp: 1 }, payload, asTestKey(issuer))] }, 'list-unverified');
    await refused({ statusLists: [await forge(payload, { alg: 'ES256', typ: 'statuslist+jwt', x5c: ['MIIB'] }, asTestKey(mallory))] }, 'list-unverified');
  });
});

describe('a token of another list, or not a token', () => {
  it('sub swapped: the token of another list is not found, fetched it is refused, re-labelled it does not verify', async () => {
    const otherList = StatusList.create({ id: `${LIST}-2`, format: 'token', length: 1024 });
    const other = await tokenOf({}, otherList);
    await refused({ statusLists: [other] }, 'list-missing');
    await refused({ fetchStatusList: async () => other }, 'list-unverified');
    await refused({ statusLists: [respell(other, { payload: (p) => ({ ...p, sub: LIST }) })] }, 'list-unverified');
    // Two subs: JSON.parse keeps the last, other parsers the first.
    const [h, , s] = other.split('.');
    const twice = `{"sub":"${LIST}-2","iss":"${ISS}","iat":${t0},"status_list":${JSON.stringify(otherList.encoded())},"sub":"${LIST}"}`;
    await refused({ fetchStatusList: async () => `${h}.${Buffer.from(twice).toString('base64url')}.${s}` }, 'list-malformed');
  });

  it('wrong typ, claims of the wrong type, re-encoded segments, too long, and what a fetch may return', async () => {
    const payload = { ...claims, status_list: list.encoded() };
    for (const typ of ['JWT', 'application/statuslist+jwt', 'StatusList+JWT', undefined]) await refused({ fetchStatusList: async () => forge(payload, { alg: 'ES256', typ }) }, 'list-malformed');
    for (const bad of [{ iat: String(t0) }, { iat: undefined }, { exp: '2099-01-01' }, { ttl: 0 }, { ttl: -5 }, { ttl: '3600' }, { sub: 1 }, { iss: ['a'] }, { status_list: 'eNrbuRgAAhcBXQ' }]) {
      const token = await forge({ ...payload, ...bad });
      await refused({ fetchStatusList: async () => token }, 'list-malformed');
    }
    const honest = await tokenOf();
    const [h, p, s] = honest.split('.');
    await refused({ fetchStatusList: async () => `${h}=.${p}.${s}` }, 'list-malformed');
    await refused({ fetchStatusList: async () => `${h}.${p}.${s}.` }, 'list-malformed');
    await refused({ fetchStatusList: async () => `${honest}${' '.repeat(4 * 1024 * 1024)}` }, 'list-malformed');
    await refused({ fetchStatusList: async () => ({ toString: () => honest }) }, 'list-malformed');
    await refused({ fetchStatusList: async () => new TextEncoder().encode(honest) }, 'list-malformed');
    await refused({ fetchStatusList: (() => { throw new Error('sync'); }) as never }, 'fetch-failed');
    // A thenable whose `then` throws: the fetch's promise rejects.
    await refused({ fetchStatusList: async () => new Proxy({}, { get: () => { throw new Error('trap'); } }) }, 'fetch-failed');
    // Hostile items in statusLists are passed over.
    const hostile = [null, 1, new Proxy({}, { get: () => { throw new Error('trap'); } }), { get sub() { throw new Error('getter'); } }, ['x']];
    expect((await verify({ statusLists: [...hostile, honest] })).status[0]!.status).toBe('revoked');
  });
});

describe('an old token, a tampered list, bombs', () => {
  it('an expired or stale token, or an older one after a newer, never makes a revoked credential valid', async () => {
    const before = await tokenOf({}, StatusList.create({ id: LIST, format: 'token', length: 1024 }));
    await refused({ statusLists: [before], now: at(3600 + 120) }, 'list-stale');
    await refused({ statusLists: [before], now: at(86_400 + 120) }, 'list-expired');
    await refused({ statusLists: [await tokenOf({ exp: at(120), ttl: undefined })], now: at(240) }, 'list-expired');
    const later = await tokenOf({ iat: at(30) });
    expect((await verify({ statusLists: [before, later] })).status[0]!.status).toBe('revoked');
    expect((await verify({ statusLists: [later, before] })).status[0]!.status).toBe('revoked');
  });

  it('bits 3, a list that is not ZLIB, and a bomb: refused when signed, never inflated when not', async () => {
    const bits3 = await forge({ ...claims, status_list: { ...list.encoded(), bits: 3 } });
    await refused({ statusLists: [bits3] }, 'list-malformed');
    for (const lst of [gzipSync(new Uint8Array(256)).toString('base64url'), `${deflateSync(new Uint8Array(256), { level: 9 }).toString('base64url')}=`, `${deflateSync(new Uint8Array(256)).toString('base64url')}AA`, '']) {
      await refused({ statusLists: [await forge({ ...claims, status_list: { bits: 2, lst } })] }, 'list-malformed');
    }
    // 64 MiB of zeros: about 64 KiB of ZLIB.
    const bomb = { bits: 1, lst: deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }).toString('base64url') };
    const started = performance.now();
    const signed = await verify({ statusLists: [await forge({ ...claims, status_list: bomb })] });
    expect(reason(signed)).toBe('list-malformed');
    expect(signed.issues.find((i) => i.code === 'STATUS_UNKNOWN')!.message).toMatch(/16777216|16 MiB|limit/);
    // Nobody signed this one: it is refused for its signature, before anything is inflated.
    const unsigned = respell(await tokenOf(), { payload: (p) => ({ ...p, status_list: bomb }) });
    await refused({ statusLists: [unsigned] }, 'list-unverified');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('the status claim', () => {
  it('an index outside the list, negative, fractional or a string', async () => {
    const far = await issueSdJwtVcClaims({ vct: VCT }, { key: issuer.privateJwk, issuer: ISS, status: { status_list: { idx: 1024, uri: LIST } }, now: T0 });
    await refused({ statusLists: [await tokenOf()] }, 'index-out-of-range', far);
    for (const idx of [-1, 0.5, '0', 1e21, null]) {
      const jwt = await forge({ iss: ISS, vct: VCT, iat: t0, _sd_alg: 'sha-256', status: { status_list: { idx, uri: LIST } } }, { alg: 'ES256', typ: 'dc+sd-jwt', kid: 'uni-1' });
      const r = await verify({ statusLists: [await tokenOf()] }, `${jwt}~`);
      expect(r.verified).toBe(false);
      expect(r.issues.map((i) => `${i.code} ${i.path}`)).toEqual(['STATUS_ENTRY_MALFORMED /payload/status/status_list/idx']);
      expect(r.status).toEqual([]);
    }
  });

  it('extra members, another mechanism, and a status hidden in a disclosure', async () => {
    const sign = (payload: Record<string, unknown>) => forge({ iss: ISS, vct: VCT, iat: t0, _sd_alg: 'sha-256', ...payload }, { alg: 'ES256', typ: 'dc+sd-jwt', kid: 'uni-1' });
    for (const status of [{ status_list: { idx: index, uri: LIST, uri2: `${LIST}-2` } }, { status_list: { idx: index, uri: LIST }, status_list_2: { idx: 0, uri: `${LIST}-2` } }]) {
      const r = await verify({ statusLists: [await tokenOf()] }, `${await sign({ status })}~`);
      expect(r.verified).toBe(false);
      expect(r.issues.map((i) => i.code).sort()).toEqual(['STATUS_ENTRY_MALFORMED', 'STATUS_REVOKED']);
    }
    // status as a disclosure (the holder could withhold it): refused before any status is read.
    const d = disclosure('status', { status_list: { idx: index, uri: LIST } });
    const hidden = sdJwtOf(await sign({ _sd: [d.digest] }), [d.encoded]);
    const r = await verify({ statusLists: [await tokenOf()] }, hidden);
    expect(r.verified).toBe(false);
    expect(r.issues.map((i) => i.code)).toContain('SDJWT_DISCLOSURE_POLICY');
    expect(r.status).toEqual([]);
    // Withheld, the credential still carries no status in the clear: nothing to check, and the disclosure's digest stays.
    const withheld = await verify({ statusLists: [await tokenOf()] }, sdJwtOf(await sign({ _sd: [d.digest] }), []));
    expect(withheld.undisclosed).toBe(1);
    expect(withheld.status).toEqual([]);
  });
});

describe('certificates', () => {
  const rootPair = nodeP256();
  const rootName: [string, string][] = [['CN', 'Status Test Root']];
  const root = certificate({ subject: rootName, issuer: rootName, publicKey: rootPair.publicKey, signingKey: rootPair.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign')] });
  const san = (uri: string) => extension('2.5.29.17', false, seq(tlv(0x86, Buffer.from(uri, 'ascii'))));
  const leaf = (cn: string, uri: string) => {
    const pair = nodeP256();
    const der = certificate({ subject: [[ATTR.CN, cn]], issuer: rootName, publicKey: pair.publicKey, signingKey: rootPair.privateKey, alg: 'ecdsa-sha256', extensions: [san(uri), keyUsage('digitalSignature'), ...keyIds(pair.publicKey, rootPair.publicKey)] });
    return { der, key: pair };
  };
  const uni = leaf('Uni Issuer', ISS);
  // A certificate naming the issuer, from a root the verifier does not trust.
  const otherRootPair = nodeP256();
  const otherRoot = certificate({ subject: [['CN', 'Other Root']], issuer: [['CN', 'Other Root']], publicKey: otherRootPair.publicKey, signingKey: otherRootPair.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign')] });
  const imposterPair = nodeP256();
  const imposter = certificate({ subject: [[ATTR.CN, 'Uni Issuer']], issuer: [['CN', 'Other Root']], publicKey: imposterPair.publicKey, signingKey: otherRootPair.privateKey, alg: 'ecdsa-sha256', extensions: [san(ISS), keyUsage('digitalSignature'), ...keyIds(imposterPair.publicKey, otherRootPair.publicKey)] });
  const stranger = leaf('Stranger', 'https://stranger.example');
  const twin = leaf('Uni Issuer Twin', ISS);
  const anchors = [root.toString('base64')];

  it('a token must chain to an anchor and name the credential\'s issuer; without iss, its certificate subject', async () => {
    const uniKey = (await testKeyFromNode('ES256', uni.key)).privateJwk as never;
    const strangerKey = (await testKeyFromNode('ES256', stranger.key)).privateJwk as never;
    const twinKey = (await testKeyFromNode('ES256', twin.key)).privateJwk as never;
    const imposterKey = (await testKeyFromNode('ES256', imposterPair)).privateJwk as never;
    const chain = (c: Buffer) => [c, root];
    for (const iss of [ISS, undefined]) {
      const sdJwt = await issueSdJwtVcClaims({ vct: VCT }, { key: uniKey, ...(iss ? { issuer: iss } : {}), x5c: chain(uni.der), status: list.entry(index), now: T0 });
      const options = { issuerKeys: undefined, trustAnchors: anchors };
      const own = await tokenOf({ key: uniKey, issuer: iss, x5c: chain(uni.der) });
      expect((await verify({ ...options, statusLists: [own] }, sdJwt)).status[0]!.status, String(iss)).toBe('revoked');
      await refused({ ...options, statusLists: [await tokenOf({ key: strangerKey, issuer: undefined, x5c: chain(stranger.der) })] }, 'list-unverified', sdJwt);
      await refused({ ...options, statusLists: [await tokenOf({ key: imposterKey, issuer: iss, x5c: [imposter, otherRoot] })] }, 'list-unverified', sdJwt);
      // Same SAN URI, another certificate subject: fine when the issuer is named by iss, not when only the subject identifies it.
      const twinToken = await tokenOf({ key: twinKey, issuer: iss, x5c: chain(twin.der) });
      const r = await verify({ ...options, statusLists: [twinToken] }, sdJwt);
      if (iss) expect(r.status[0]!.status).toBe('revoked');
      else expect(reason(r)).toBe('list-unverified');
    }
  });
});

describe('the verified-token cache', () => {
  it('does not vouch for a token under other trust inputs, nor after the caller\'s keys change', async () => {
    const byMallory = await tokenOf({ key: mallory.privateJwk, kid: 'm' });
    const both = { [ISS]: [issuer.publicJwk, { ...mallory.publicJwk, kid: 'm' }] };
    expect((await verify({ issuerKeys: both, statusLists: [byMallory] })).status[0]!.status).toBe('revoked');
    await refused({ issuerKeys: { [ISS]: [issuer.publicJwk] }, statusLists: [byMallory] }, 'list-unverified');
    const keys = [issuer.publicJwk, { ...mallory.publicJwk, kid: 'm' }];
    expect((await verify({ issuerKeys: keys, statusLists: [byMallory] })).status[0]!.status).toBe('revoked');
    keys.pop();
    await refused({ issuerKeys: keys, statusLists: [byMallory] }, 'list-unverified');
    // A key object whose members change between calls.
    const changing = { ...mallory.publicJwk, kid: 'm' };
    expect((await verify({ issuerKeys: [issuer.publicJwk, changing], statusLists: [byMallory] })).status[0]!.status).toBe('revoked');
    changing.x = issuer.publicJwk.x!;
    await refused({ issuerKeys: [issuer.publicJwk, changing], statusLists: [byMallory] }, 'list-unverified');
    // The same text checked at another time is checked again for time.
    const token = await tokenOf();
    expect((await verify({ statusLists: [token] })).status[0]!.status).toBe('revoked');
    await refused({ statusLists: [token], now: at(86_400 * 2) }, 'list-expired');
    expect(fromB64json(token.split('.')[1]!).sub).toBe(LIST);
  });
});
