/**
 * Token Status List for SD-JWT VC: an issuer's token list (StatusList), credentials issued with
 * `status: list.entry(i)`, the Status List Token made by createStatusListToken, and verifySdJwtVc
 * reading the status from it — valid, revoked, suspended, reinstated; every STATUS_UNKNOWN reason
 * a token can give; acceptUncheckedStatus; the options; the draft's own example token (verified
 * with the key of the draft's example generator); and an independent checker (jose + node:zlib,
 * nothing of src/) that agrees with the verdicts on random lists.
 */
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { compactVerify, decodeJwt, importJWK, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueSdJwtVcClaims } from '../src/sd-jwt-vc/issue.js';
import { generateSdJwtVcKeyPair } from '../src/sd-jwt-vc/keys.js';
import { createStatusListToken } from '../src/sd-jwt-vc/status/token.js';
import { verifySdJwtVc, type SdJwtVcVerification, type VerifySdJwtVcOptions } from '../src/sd-jwt-vc/verify.js';
import { StatusList } from '../src/status/list.js';
import { signJws } from './helpers/sd-jwt-forge.js';
import { at, ISS, sdJwtStatusKeys, T0, t0, VCT } from './helpers/status.js';

const LIST = 'https://uni.example.eu/status/1';
const { issuer } = await sdJwtStatusKeys();
const other = await generateSdJwtVcKeyPair('ES256', { kid: 'other-1' });

/** An SD-JWT VC of `ISS` (no holder binding: the presentation is the SD-JWT itself). */
const credential = (status: unknown, key = issuer.privateJwk, iss = ISS, now = T0) =>
  issueSdJwtVcClaims({ vct: VCT, given_name: 'Erika' }, { key, issuer: iss, status: status as never, now, disclosable: ['given_name'] });
/** A Status List Token of `list` by `ISS`, issued at T0, valid a day, ttl an hour. */
const tokenOf = (list: { id: string; encoded(): unknown }, options: Partial<Parameters<typeof createStatusListToken>[1]> = {}) =>
  createStatusListToken(list, { key: issuer.privateJwk, issuer: ISS, iat: T0, exp: at(86_400), ttl: 3600, ...options });
const verify = (sdJwt: string, options: VerifySdJwtVcOptions = {}) => verifySdJwtVc(sdJwt, { issuerKeys: [issuer.publicJwk], vct: VCT, now: at(60), ...options });

const codes = (r: SdJwtVcVerification) => r.issues.map((i) => `${i.code} ${i.severity} ${i.path}`);
const reason = (r: SdJwtVcVerification) => r.issues.find((i) => i.code === 'STATUS_UNKNOWN')?.details?.reason;
/** A hand-made token list: the bytes given, ZLIB by node:zlib (not the library's encoder). */
const handMade = (id: string, bytes: Uint8Array, bits: number) => ({ id, encoded: () => ({ bits, lst: deflateSync(bytes, { level: 9 }).toString('base64url') }) });

describe('issue with status, revoke, suspend, reinstate, verify', () => {
  it('follows the list through its changes, one token for several credentials', async () => {
    const list = StatusList.create({ id: LIST, format: 'token' });
    const i = list.allocate();
    const j = list.allocate();
    const a = await credential(list.entry(i));
    const b = await credential(list.entry(j));
    expect(decodeJwt(a.split('~')[0]!).status).toEqual({ status_list: { idx: i, uri: LIST } });

    const fresh = await verify(a, { statusLists: [await tokenOf(list)] });
    expect(fresh.verified).toBe(true);
    expect(fresh.issues).toEqual([]);
    expect(fresh.status).toEqual([{ format: 'token', purpose: 'status', list: LIST, index: i, status: 'valid', value: 0, path: '/payload/status/status_list' }]);

    list.revoke(i);
    list.suspend(j);
    const changed = await tokenOf(list);
    const revoked = await verify(a, { statusLists: [changed] });
    expect(revoked.verified).toBe(false);
    expect(codes(revoked)).toEqual(['STATUS_REVOKED error /payload/status/status_list']);
    expect(revoked.issues[0]!.details).toEqual({ list: LIST, index: i, value: 1 });
    expect(revoked.status[0]).toMatchObject({ status: 'revoked', value: 1, index: i });
    const suspended = await verify(b, { statusLists: [changed] });
    expect(codes(suspended)).toEqual(['STATUS_SUSPENDED error /payload/status/status_list']);
    expect(suspended.status[0]).toMatchObject({ status: 'suspended', value: 2, index: j });

    list.reinstate(j);
    const reinstated = await tokenOf(list);
    expect((await verify(b, { statusLists: [reinstated] })).status[0]!.status).toBe('valid');
    expect((await verify(a, { statusLists: [reinstated] })).status[0]!.status).toBe('revoked');
  });

  it('reads a 1-bit and a 4-bit list; a credential without status has none', async () => {
    for (const statusSize of [1, 4] as const) {
      const list = StatusList.create({ id: `${LIST}-${statusSize}`, format: 'token', statusSize, length: 4096 });
      const i = list.allocate();
      const sdJwt = await credential(list.entry(i));
      expect((await verify(sdJwt, { statusLists: [await tokenOf(list)] })).status[0]!.status).toBe('valid');
      list.revoke(i);
      expect(codes(await verify(sdJwt, { statusLists: [await tokenOf(list)] }))).toEqual(['STATUS_REVOKED error /payload/status/status_list']);
    }
    const none = await verify(await credential(undefined), { statusLists: ['not used'] });
    expect(none).toMatchObject({ verified: true, status: [], issues: [] });
  });

  it('finds the token by sub among other lists, and takes the newest valid one of a list given twice', async () => {
    const list = StatusList.create({ id: LIST, format: 'token', length: 64 });
    const i = list.allocate();
    const sdJwt = await credential(list.entry(i));
    const before = await tokenOf(list);
    list.revoke(i);
    const after = await tokenOf(list, { iat: at(30) });
    const unrelated = await tokenOf(StatusList.create({ id: `${LIST}-other`, format: 'token', length: 64 }));
    const statusLists = [{ type: 'BitstringStatusListCredential' }, '{"id":"x"}', unrelated, before, after];
    expect(codes(await verify(sdJwt, { statusLists }))).toEqual(['STATUS_REVOKED error /payload/status/status_list']);
    expect(codes(await verify(sdJwt, { statusLists: [after, before] }))).toEqual(['STATUS_REVOKED error /payload/status/status_list']);
    // Past the newer one's expiry but not the older's? Both expire a day after their iat: the older one expires first.
    expect(reason(await verify(sdJwt, { statusLists: [before, after], now: at(86_400 + 61) }))).toBe('list-expired');
  });

  it('asks fetchStatusList for a list not given, once, with the uri', async () => {
    const list = StatusList.create({ id: LIST, format: 'token', length: 64 });
    const sdJwt = await credential(list.entry(list.allocate()));
    const token = await tokenOf(list);
    const asked: string[] = [];
    const r = await verify(sdJwt, { fetchStatusList: async (url) => (asked.push(url), token) });
    expect(r.status[0]!.status).toBe('valid');
    expect(asked).toEqual([LIST]);
    asked.length = 0;
    await verify(sdJwt, { statusLists: [token], fetchStatusList: async (url) => (asked.push(url), token) });
    expect(asked).toEqual([]);
  });

  it('checks nothing, and fetches nothing, for a credential that already failed', async () => {
    const list = StatusList.create({ id: LIST, format: 'token', length: 64 });
    const sdJwt = await credential(list.entry(list.allocate()), other.privateJwk);
    const asked: string[] = [];
    const r = await verify(sdJwt, { fetchStatusList: async (url) => (asked.push(url), tokenOf(list)) });
    expect(r.verified).toBe(false);
    expect(asked).toEqual([]);
    expect(r.status).toEqual([{ format: 'token', purpose: 'status', list: LIST, index: expect.any(Number), status: 'unknown', path: '/payload/status/status_list' }]);
    expect(r.issues.filter((i) => i.code.startsWith('STATUS_'))).toEqual([]);
  });
});

describe('every reason a status is unknown', () => {
  const list = StatusList.create({ id: LIST, format: 'token', length: 64 });
  const i = list.allocate();
  const sdJwtP = credential(list.entry(i));

  it('list-missing and fetch-failed; with acceptUncheckedStatus a warning, never valid', async () => {
    const sdJwt = await sdJwtP;
    const missing = await verify(sdJwt, { statusLists: ['eyJhbGciOiJub25lIn0.e30.', { id: LIST }] });
    expect(codes(missing)).toEqual(['STATUS_UNKNOWN error /payload/status/status_list']);
    expect(missing.issues[0]!.details).toEqual({ list: LIST, index: i, reason: 'list-missing' });
    expect(missing.issues[0]!.message).toContain('1 of the strings in `statusLists` could not be read');
    expect(missing.status[0]!.status).toBe('unknown');
    expect(reason(await verify(sdJwt))).toBe('list-missing');
    expect(reason(await verify(sdJwt, { fetchStatusList: () => Promise.reject(new Error('503')) }))).toBe('fetch-failed');
    expect(reason(await verify(sdJwt, { fetchStatusList: async () => undefined }))).toBe('fetch-failed');
    for (const options of [{}, { fetchStatusList: async () => undefined }]) {
      const accepted = await verify(sdJwt, { ...options, acceptUncheckedStatus: true });
      expect(accepted.verified).toBe(true);
      expect(codes(accepted)).toEqual(['STATUS_NOT_CHECKED warning /payload/status/status_list']);
      expect(accepted.status[0]!.status).toBe('unknown');
    }
  });

  it('list-unverified, list-issuer-mismatch: a token not signed by the credential\'s issuer (acceptUncheckedStatus does not help)', async () => {
    const sdJwt = await sdJwtP;
    const forged = await tokenOf(list, { key: other.privateJwk });
    for (const acceptUncheckedStatus of [false, true]) {
      const r = await verify(sdJwt, { statusLists: [forged], acceptUncheckedStatus });
      expect(codes(r)).toEqual(['STATUS_UNKNOWN error /payload/status/status_list']);
      expect(reason(r)).toBe('list-unverified');
    }
    const foreign = await tokenOf(list, { key: other.privateJwk, issuer: 'https://registry.example.eu' });
    const keys = { [ISS]: [issuer.publicJwk], 'https://registry.example.eu': [other.publicJwk] };
    expect(reason(await verify(sdJwt, { issuerKeys: keys, statusLists: [foreign] }))).toBe('list-issuer-mismatch');
    const trusted = await verify(sdJwt, { issuerKeys: keys, statusLists: [foreign], trustedStatusIssuers: ['https://registry.example.eu'] });
    expect(trusted.issues).toEqual([]);
    expect(trusted.status[0]!.status).toBe('valid');
    // Trusted by name, but signed by a key that is not that issuer's.
    const pretender = await tokenOf(list, { issuer: 'https://registry.example.eu' });
    expect(reason(await verify(sdJwt, { issuerKeys: keys, statusLists: [pretender], trustedStatusIssuers: ['https://registry.example.eu'] }))).toBe('list-unverified');
  });

  it('list-expired, list-not-yet-valid, list-stale: with the clock skew', async () => {
    const sdJwt = await sdJwtP;
    const token = await tokenOf(list); // iat T0, exp T0 + 1 day, ttl 1 hour
    expect(reason(await verify(sdJwt, { statusLists: [token], now: at(3600 + 59) }))).toBeUndefined();
    expect(reason(await verify(sdJwt, { statusLists: [token], now: at(3600 + 61) }))).toBe('list-stale');
    const noTtl = await tokenOf(list, { ttl: undefined });
    expect(reason(await verify(sdJwt, { statusLists: [noTtl], now: at(86_400 + 59) }))).toBeUndefined();
    expect(reason(await verify(sdJwt, { statusLists: [noTtl], now: at(86_400 + 61) }))).toBe('list-expired');
    const early = await tokenOf(list, { iat: at(600), exp: at(7200) });
    expect(reason(await verify(sdJwt, { statusLists: [early], now: at(500) }))).toBe('list-not-yet-valid');
    expect(reason(await verify(sdJwt, { statusLists: [early], now: at(540), clockSkew: 120 }))).toBeUndefined();
    const notBefore = await signJws({ alg: 'ES256', typ: 'statuslist+jwt' }, { sub: LIST, iss: ISS, iat: t0, nbf: t0 + 600, status_list: list.encoded() }, { alg: 'ES256', ...issuer } as never);
    expect(reason(await verify(sdJwt, { statusLists: [notBefore], now: at(300) }))).toBe('list-not-yet-valid');
  });

  it('list-malformed, index-out-of-range, value-undefined', async () => {
    const sdJwt = await sdJwtP;
    const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'ES256', typ: 'statuslist+jwt' }) => signJws(header, payload, { alg: 'ES256', ...issuer } as never);
    const claims = { sub: LIST, iss: ISS, iat: t0 };
    const bits3 = await sign({ ...claims, status_list: { ...list.encoded(), bits: 3 } });
    const notZlib = await sign({ ...claims, status_list: { bits: 2, lst: Buffer.from('not zlib at all').toString('base64url') } });
    const noList = await sign({ ...claims });
    const iatString = await sign({ ...claims, iat: '2026-03-01', status_list: list.encoded() });
    for (const token of [bits3, notZlib, noList, iatString]) expect(reason(await verify(sdJwt, { statusLists: [token] }))).toBe('list-malformed');
    const jwtTyp = await sign({ ...claims, status_list: list.encoded() }, { alg: 'ES256', typ: 'JWT' });
    expect(reason(await verify(sdJwt, { fetchStatusList: async () => jwtTyp }))).toBe('list-malformed');
    expect(reason(await verify(sdJwt, { fetchStatusList: async () => ({ token: jwtTyp }) }))).toBe('list-malformed');

    const short = StatusList.create({ id: LIST, format: 'token', length: 16 });
    const far = await credential({ status_list: { idx: 16, uri: LIST } });
    const outside = await verify(far, { statusLists: [await tokenOf(short)] });
    expect(codes(outside)).toEqual(['STATUS_UNKNOWN error /payload/status/status_list']);
    expect(outside.issues[0]!.details).toEqual({ list: LIST, index: 16, reason: 'index-out-of-range' });

    const app = StatusList.create({ id: LIST, format: 'token', statusSize: 4, length: 64 });
    for (const value of [3, 0x0c, 0x0f, 4, 0x10 - 1]) {
      const k = app.allocate();
      app.set(k, value);
      const r = await verify(await credential(app.entry(k)), { statusLists: [await tokenOf(app)] });
      expect(r.issues[0]!.details).toEqual({ list: LIST, index: k, value, reason: 'value-undefined' });
      expect(r.status[0]).toMatchObject({ status: 'unknown', value });
    }
  });
});

describe('options and the status claim', () => {
  it('refuses status options it cannot use', async () => {
    const sdJwt = await credential(undefined);
    for (const bad of [{ statusLists: 'token' }, { statusLists: new Array(1001).fill('x') }, { fetchStatusList: 'https://x' }, { trustedStatusIssuers: [1] }, { trustedStatusIssuers: ISS }, { acceptUncheckedStatus: 'yes' }]) {
      const r = await verify(sdJwt, bad as never);
      expect(r.verified, JSON.stringify(bad).slice(0, 60)).toBe(false);
      expect(codes(r)).toEqual(['SDJWT_OPTIONS_INVALID error ']);
    }
  });

  it('refuses a status claim it cannot read, at the member concerned', async () => {
    const forge = (status: unknown) => signJws({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'uni-1' }, { iss: ISS, vct: VCT, iat: t0, _sd_alg: 'sha-256', status }, { alg: 'ES256', ...issuer } as never).then((jwt) => `${jwt}~`);
    const cases: [unknown, string[]][] = [
      ['revoked', ['/payload/status']],
      [null, ['/payload/status']],
      [[{ status_list: { idx: 1, uri: LIST } }], ['/payload/status']],
      [{}, ['/payload/status/status_list']],
      [{ status_list: [1, LIST] }, ['/payload/status/status_list']],
      [{ status_list: { idx: -1, uri: LIST } }, ['/payload/status/status_list/idx']],
      [{ status_list: { idx: 1.5, uri: LIST } }, ['/payload/status/status_list/idx']],
      [{ status_list: { idx: '1', uri: LIST } }, ['/payload/status/status_list/idx']],
      [{ status_list: { idx: 2 ** 53, uri: LIST } }, ['/payload/status/status_list/idx']],
      [{ status_list: { uri: LIST } }, ['/payload/status/status_list/idx']],
      [{ status_list: { idx: 1, uri: '/status/1' } }, ['/payload/status/status_list/uri']],
      [{ status_list: { idx: 1, uri: 'https://uni.example.eu/status 1' } }, ['/payload/status/status_list/uri']],
      [{ status_list: { idx: 1 } }, ['/payload/status/status_list/uri']],
      [{ status_list: { idx: 1, uri: LIST }, status_crl: { uri: LIST } }, ['/payload/status/status_crl']],
      [{ status_list: { idx: 1, uri: LIST, purpose: 'suspension' } }, ['/payload/status/status_list/purpose']],
    ];
    for (const [status, paths] of cases) {
      const r = await verify(await forge(status), { acceptUncheckedStatus: true });
      expect(r.verified, JSON.stringify(status)).toBe(false);
      expect(r.issues.filter((x) => x.severity === 'error').map((x) => `${x.code} ${x.path}`), JSON.stringify(status)).toEqual(paths.map((p) => `STATUS_ENTRY_MALFORMED ${p}`));
    }
  });

  it('checks the token with issuer metadata and keys by iss, as the credential', async () => {
    const list = StatusList.create({ id: LIST, format: 'token', length: 64 });
    const i = list.allocate();
    const sdJwt = await credential(list.entry(i));
    list.revoke(i);
    const token = await tokenOf(list);
    const metadata = { issuer: ISS, jwks: { keys: [issuer.publicJwk] } };
    expect(codes(await verify(sdJwt, { issuerKeys: undefined, issuerMetadata: metadata, statusLists: [token] }))).toEqual(['STATUS_REVOKED error /payload/status/status_list']);
    expect(codes(await verify(sdJwt, { issuerKeys: { [ISS]: [issuer.publicJwk] }, statusLists: [token] }))).toEqual(['STATUS_REVOKED error /payload/status/status_list']);
    // A token without iss speaks for the credential's issuer, checked with that issuer's keys.
    const anonymous = await tokenOf(list, { issuer: undefined });
    expect(decodeJwt(anonymous).iss).toBeUndefined();
    expect(codes(await verify(sdJwt, { issuerKeys: { [ISS]: [issuer.publicJwk] }, statusLists: [anonymous] }))).toEqual(['STATUS_REVOKED error /payload/status/status_list']);
  });
});

describe('the draft\'s example Status List Token', () => {
  const raw = readFileSync(new URL('./vectors/ietf-token-status-list/status_list_jwt_raw.md', import.meta.url), 'utf8').replace(/\s+/g, '');
  const draftKey = JSON.parse(readFileSync(new URL('./vectors/ietf-token-status-list-key/example-key.public.json', import.meta.url), 'utf8')) as JWK;
  // status[0..15] of the draft's §4.1 example, 1 bit each.
  const DRAFT = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
  const iat = 1686920170;
  const issued = new Date(iat * 1000);

  it('verifies with the key of the draft\'s example generator (jose)', async () => {
    const { protectedHeader, payload } = await compactVerify(raw, await importJWK(draftKey, 'ES256'));
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: '12', typ: 'statuslist+jwt' });
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ iat, iss: 'https://example.com', sub: 'https://example.com/statuslists/1', ttl: 43200 });
  });

  it('gives each of its 16 statuses to credentials of its issuer, and nothing past them', async () => {
    const keys = { 'https://example.com': [issuer.publicJwk, draftKey] };
    const verdicts: string[] = [];
    for (let idx = 0; idx <= 16; idx++) {
      const sdJwt = await credential({ status_list: { idx, uri: 'https://example.com/statuslists/1' } }, issuer.privateJwk, 'https://example.com', issued);
      const r = await verify(sdJwt, { issuerKeys: keys, statusLists: [raw], now: new Date((iat + 1000) * 1000) });
      verdicts.push(r.status[0]!.status);
    }
    expect(verdicts).toEqual([...DRAFT.map((v) => (v === 1 ? 'revoked' : 'valid')), 'unknown']);
    const sdJwt = await credential({ status_list: { idx: 1, uri: 'https://example.com/statuslists/1' } }, issuer.privateJwk, 'https://example.com', issued);
    // Today the token is older than its ttl (12 hours after 2023-06-16).
    expect(reason(await verify(sdJwt, { issuerKeys: keys, statusLists: [raw], now: new Date() }))).toBe('list-stale');
    // Without the draft's key, nobody vouches for it.
    expect(reason(await verify(sdJwt, { issuerKeys: { 'https://example.com': [issuer.publicJwk] }, statusLists: [raw], now: new Date((iat + 1000) * 1000) }))).toBe('list-unverified');
  });
});

/** The independent checker: jose and node:zlib only. The status a token gives the credential, or why none. */
async function independentStatus(sdJwt: string, token: string, publicJwk: JWK): Promise<string> {
  const claim = decodeJwt(sdJwt.split('~')[0]!).status as { status_list: { idx: number; uri: string } };
  const { protectedHeader, payload } = await compactVerify(token, await importJWK(publicJwk, 'ES256'));
  const claims = JSON.parse(new TextDecoder().decode(payload)) as { sub: string; status_list: { bits: number; lst: string } };
  if (protectedHeader.typ !== 'statuslist+jwt' || claims.sub !== claim.status_list.uri) return 'unknown';
  const { bits, lst } = claims.status_list;
  const bytes = inflateSync(Buffer.from(lst, 'base64url'));
  const { idx } = claim.status_list;
  const byte = bytes[Math.floor((idx * bits) / 8)];
  if (byte === undefined) return 'unknown';
  const value = (byte >> ((idx * bits) % 8)) & ((1 << bits) - 1);
  return ['valid', 'revoked', 'suspended'][value] ?? 'unknown';
}

describe('an independent checker agrees', () => {
  it('on random hand-made lists of 1, 2, 4 and 8 bits', async () => {
    for (const bits of [1, 2, 4, 8]) {
      // Statuses drawn among 0, 1, 2 and any other value that fits, packed LSB-first here.
      const count = 256;
      const values = Array.from({ length: count }, () => Math.floor(Math.random() * (Math.random() < 0.75 ? Math.min(3, 2 ** bits) : 2 ** bits)));
      const bytes = new Uint8Array((count * bits) / 8);
      values.forEach((v, k) => (bytes[Math.floor((k * bits) / 8)]! |= v << ((k * bits) % 8)));
      const id = `${LIST}/${bits}`;
      const token = await tokenOf(handMade(id, bytes, bits));
      const seen = new Set<string>();
      for (let n = 0; n < 16; n++) {
        const idx = Math.floor(Math.random() * (count + 4));
        const sdJwt = await credential({ status_list: { idx, uri: id } });
        const ours = (await verify(sdJwt, { statusLists: [token] })).status[0]!.status;
        expect(ours, `bits ${bits} idx ${idx}`).toBe(await independentStatus(sdJwt, token, issuer.publicJwk));
        seen.add(ours);
      }
      expect(seen.size, `bits ${bits}: more than one verdict`).toBeGreaterThan(1);
    }
  });

  it('on a 131 072-entry list revoked and suspended at random by StatusList', async () => {
    const list = StatusList.create({ id: LIST, format: 'token' });
    const indexes = Array.from({ length: 30 }, () => list.allocate());
    indexes.forEach((k, n) => (n % 3 === 0 ? list.revoke(k) : n % 3 === 1 ? list.suspend(k) : undefined));
    const token = await tokenOf(list);
    for (const k of indexes) {
      const sdJwt = await credential(list.entry(k));
      const r = await verify(sdJwt, { statusLists: [token] });
      expect(r.status[0]!.status).toBe(await independentStatus(sdJwt, token, issuer.publicJwk));
    }
  });
});

describe('issuance refuses a status claim the verifier would refuse', () => {
  it.each([
    ['an extra member beside status_list', { status_list: { idx: 1, uri: LIST }, other: 1 }, 'status/other'],
    ['an extra member inside status_list', { status_list: { idx: 1, uri: LIST, bits: 2 } }, 'status/status_list/bits'],
    ['a relative uri', { status_list: { idx: 1, uri: 'status/1' } }, 'status/status_list/uri'],
    ['a negative idx', { status_list: { idx: -1, uri: LIST } }, 'status/status_list/idx'],
    ['a string idx', { status_list: { idx: '1', uri: LIST } }, 'status/status_list/idx'],
    ['no status_list', {}, 'status/status_list'],
  ])('%s', async (_, status, member) => {
    await expect(credential(status)).rejects.toThrow(TypeError);
    await expect(credential(status)).rejects.toThrow(member);
  });

  it('writes what it was given as a fresh object, and the verifier reads it', async () => {
    const given = { status_list: { idx: 3, uri: LIST } };
    const sdJwt = await credential(given);
    expect(decodeJwt(sdJwt.split('~')[0]!).status).toEqual(given);
    expect(given).toEqual({ status_list: { idx: 3, uri: LIST } });
  });
});
