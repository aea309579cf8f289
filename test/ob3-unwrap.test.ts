import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapBadge } from '../src/ob3/import/unwrap.js';
import { deepObject, fingerprint, hostileCases, revoked } from './helpers/hostile.js';

// The unsigned credential of the spec's linked-data proof test vector (OB 3.0 Implementation Guide).
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'http://example.com/credentials/3527',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://example.edu/issuers/565049', type: ['Profile'], url: 'https://www.imsglobal.org', name: 'Example Corp' },
  validFrom: '2010-01-01T00:00:00Z',
  validUntil: '2030-01-01T00:00:00Z',
  name: 'Teamwork Badge',
  credentialSubject: {
    id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://example.com/achievements/21st-century-skills/teamwork',
      type: ['Achievement'],
      criteria: { narrative: 'Team members are nominated for this badge by their peers.' },
      description: 'This badge recognizes the development of the capacity to collaborate within a group environment.',
      name: 'Teamwork',
    },
  },
};

const claimsOf = (c: typeof credential) => ({
  iss: c.issuer.id,
  jti: c.id,
  nbf: Date.parse(c.validFrom) / 1000,
  exp: Date.parse(c.validUntil) / 1000,
  sub: c.credentialSubject.id,
});

// A compact JWS built by hand (RFC 7515 §7.1) with node:crypto Ed25519 (alg EdDSA, RFC 8037).
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
function jws(payload: unknown, header: unknown = { alg: 'EdDSA', typ: 'JWT', kid: 'https://example.edu/issuers/565049#key-1' }): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
}
const codes = (r: ReturnType<typeof unwrapBadge>) => r.issues.map((i) => `${i.code} ${i.severity} ${i.path}`);

describe('unwrapBadge: plain JSON', () => {
  it('returns a copy of a parsed object, with no issues', () => {
    const r = unwrapBadge(credential);
    expect(r).toMatchObject({ prefix: '', form: 'json', issues: [] });
    expect(r.doc).toEqual(credential);
    expect(r.doc).not.toBe(credential);
  });

  it('parses JSON text, white space around it included', () => {
    const r = unwrapBadge(`\n  ${JSON.stringify(credential)}\n`);
    expect(r).toMatchObject({ prefix: '', form: 'json', issues: [] });
    expect(r.doc).toEqual(credential);
  });

  it('returns the VC 1.1-compatible form as it is (issuanceDate, expirationDate)', () => {
    const { validFrom, validUntil, ...rest } = credential;
    const v11 = { ...rest, '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], issuanceDate: validFrom, expirationDate: validUntil };
    const r = unwrapBadge(v11);
    expect(r.issues).toEqual([]);
    expect(r.doc).toEqual(v11);
  });

  it('refuses text that is neither JSON nor a JWS, and broken JSON text', () => {
    expect(codes(unwrapBadge('hello'))).toEqual(['OB3_INPUT_UNREADABLE error ']);
    expect(codes(unwrapBadge(''))).toEqual(['OB3_INPUT_UNREADABLE error ']);
    expect(codes(unwrapBadge('{"id": '))).toEqual(['OB3_INPUT_UNREADABLE error ']);
    expect(codes(unwrapBadge('[1, 2]'))).toEqual(['OB3_INPUT_UNREADABLE error ']);
  });
});

describe('unwrapBadge: VC-JWT', () => {
  const claims = claimsOf(credential);

  it('reads an OB 3.0 VC-JWT: the credential without the JOSE claims, and a warning that nothing was verified', () => {
    const token = jws({ ...credential, ...claims, iat: claims.nbf });
    // The test's JWS is a real one: the signature verifies over the signing input.
    const [h, p, s] = token.split('.');
    expect(verify(null, Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s!, 'base64url'))).toBe(true);
    const r = unwrapBadge(`${token}\n`);
    expect(r.form).toBe('jwt');
    expect(r.prefix).toBe('');
    expect(r.doc).toEqual(credential);
    expect(codes(r)).toEqual(['OB3_JWT_NOT_VERIFIED warning ']);
    expect(r.issues[0]!.message).toContain('not checked');
  });

  it('says the signature was not checked even when it is garbage', () => {
    const token = jws({ ...credential, ...claims });
    const r = unwrapBadge(`${token.slice(0, token.lastIndexOf('.'))}.AAAA`);
    expect(r.doc).toEqual(credential);
    expect(codes(r)).toEqual(['OB3_JWT_NOT_VERIFIED warning ']);
  });

  it('refuses a header or payload with a member twice (readers differ on which one counts)', () => {
    const [h, p, sig] = jws({ ...credential, ...claims }).split('.') as [string, string, string];
    const twice = (segment: string, member: string) => Buffer.from(`{${member},${Buffer.from(segment, 'base64url').toString().slice(1)}`).toString('base64url');
    expect(codes(unwrapBadge(`${twice(h, '"alg":"none"')}.${p}.${sig}`))).toEqual(['OB3_JWT_MALFORMED error ']);
    const r = unwrapBadge(`${h}.${twice(p, `"iss":"https://evil.example/issuer"`)}.${sig}`);
    expect(codes(r)).toEqual(['OB3_JWT_MALFORMED error ']);
    expect(r.issues[0]!.message).toContain('two members of the same name');
    // Escaped spellings of one name are one name.
    expect(codes(unwrapBadge(`${h}.${twice(p, `"\\u0069ss":"https://evil.example/issuer"`)}.${sig}`))).toEqual(['OB3_JWT_MALFORMED error ']);
  });

  it('reports each claim that disagrees with the credential, at the claim', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['iss', { iss: 'https://evil.example/issuer' }],
      ['jti', { jti: 'urn:uuid:other' }],
      ['sub', { sub: 'did:example:someone-else' }],
      ['nbf', { nbf: claims.nbf + 3600 }],
      ['exp', { exp: claims.exp - 1 }],
      ['nbf', { nbf: '2010-01-01T00:00:00Z' }],
      ['exp', { exp: Number.MAX_VALUE }],
    ];
    for (const [claim, change] of cases) {
      const r = unwrapBadge(jws({ ...credential, ...claims, ...change }));
      expect(codes(r), claim).toEqual(['OB3_JWT_NOT_VERIFIED warning ', `OB3_JWT_CLAIM_MISMATCH error /${claim}`]);
      expect(r.doc, claim).toEqual(credential);
    }
  });

  it('compares dates as instants: another zone or milliseconds are the same date; a zone-less date is UTC', () => {
    const same = { ...credential, validFrom: '2010-01-01T01:00:00+01:00', validUntil: '2030-01-01T00:00:00.000Z' };
    expect(codes(unwrapBadge(jws({ ...same, ...claims })))).toEqual(['OB3_JWT_NOT_VERIFIED warning ']);
    const zoneless = { ...credential, validFrom: '2010-01-01T00:00:00' };
    expect(codes(unwrapBadge(jws({ ...zoneless, ...claims })))).toEqual(['OB3_JWT_NOT_VERIFIED warning ']);
    const notADate = { ...credential, validFrom: 'yesterday' };
    expect(codes(unwrapBadge(jws({ ...notADate, ...claims })))).toEqual(['OB3_JWT_NOT_VERIFIED warning ', 'OB3_JWT_CLAIM_MISMATCH error /nbf']);
  });

  it('warns about a required claim that is absent', () => {
    const { sub: _sub, nbf: _nbf, ...rest } = claims;
    const r = unwrapBadge(jws({ ...credential, ...rest }));
    expect(codes(r)).toEqual(['OB3_JWT_NOT_VERIFIED warning ', 'OB3_JWT_CLAIM_MISSING warning ', 'OB3_JWT_CLAIM_MISSING warning ']);
    expect(r.issues.map((i) => i.message).join(' ')).toMatch(/`sub`.*`nbf`/);
  });

  it('reads a VC 1.1-style JWT: the credential in `vc`, prefix /vc, properties left to claims copied', () => {
    const { id: _id, issuer: _issuer, validFrom: _from, validUntil: _until, ...vc } = credential;
    const v11 = { ...vc, '@context': ['https://www.w3.org/2018/credentials/v1', credential['@context'][1]] };
    const r = unwrapBadge(jws({ ...claims, vc: v11 }));
    expect(r.prefix).toBe('/vc');
    expect(r.form).toBe('jwt');
    expect(r.doc).toEqual({ ...v11, id: claims.jti, issuer: claims.iss, issuanceDate: '2010-01-01T00:00:00Z', expirationDate: '2030-01-01T00:00:00Z' });
    expect(codes(r)).toEqual(['OB3_JWT_NOT_VERIFIED warning ', ...['iss', 'jti', 'nbf', 'exp'].map((c) => `OB3_JWT_CLAIM_COPIED warning /${c}`)]);
  });

  it('checks the claims of a VC 1.1-style JWT against the credential in `vc`', () => {
    const r = unwrapBadge(jws({ ...claims, jti: 'urn:uuid:other', vc: credential }));
    expect(r.prefix).toBe('/vc');
    expect(r.doc).toEqual(credential);
    expect(codes(r)).toEqual(['OB3_JWT_NOT_VERIFIED warning ', 'OB3_JWT_CLAIM_MISMATCH error /jti']);
  });

  it('refuses a JWS whose header cannot be trusted to say how to verify it', () => {
    const payload = { ...credential, ...claims };
    const headers: [string, unknown][] = [
      ['no alg', { typ: 'JWT' }],
      ['alg none', { alg: 'none' }],
      ['a private jwk', { alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'BBBB' } }],
      ['a header that is a list', ['EdDSA']],
    ];
    for (const [name, header] of headers) {
      const r = unwrapBadge(jws(payload, header));
      expect(r.doc, name).toBeUndefined();
      expect(codes(r), name).toEqual(['OB3_JWT_MALFORMED error ']);
    }
  });

  it('refuses segments that are not base64url JSON objects', () => {
    const good = jws({ ...credential, ...claims });
    const [h, , s] = good.split('.');
    expect(codes(unwrapBadge(`${h}.${b64('not json')}.${s}`))).toEqual(['OB3_JWT_MALFORMED error ']);
    expect(codes(unwrapBadge(`${h}.${b64([1])}.${s}`))).toEqual(['OB3_JWT_MALFORMED error ']);
    // 'AR' is not the canonical spelling of the byte 0x01 (RFC 4648 §3.5).
    expect(codes(unwrapBadge(`AR.${good.split('.')[1]}.${s}`))).toEqual(['OB3_JWT_MALFORMED error ']);
  });
});

describe('unwrapBadge: hostile input never throws and is refused with a pointer', () => {
  it('refuses Proxies, getters, non-JSON values and deep nesting', () => {
    expect(codes(unwrapBadge(null))).toEqual(['OB3_INPUT_UNREADABLE error ']);
    expect(codes(unwrapBadge(42))).toEqual(['OB3_INPUT_UNREADABLE error ']);
    expect(codes(unwrapBadge(revoked()))).toEqual(['OB3_INPUT_UNREADABLE error ']);
    const getter = Object.defineProperty({ ...credential }, 'name', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(codes(unwrapBadge(getter))).toEqual(['OB3_INPUT_UNREADABLE error /name']);
    expect(codes(unwrapBadge({ ...credential, validFrom: new Date() }))).toEqual(['OB3_INPUT_UNREADABLE error /validFrom']);
    expect(codes(unwrapBadge({ ...credential, name: deepObject(10_000) }))[0]).toMatch(/^OB3_INPUT_LIMIT error \/name(\/a)+$/);
    expect(codes(unwrapBadge(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`))[0]).toMatch(/^OB3_INPUT_LIMIT error (\/a)+$/);
    expect(codes(unwrapBadge(jws(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`))).map((c) => c.split(' ')[0])).toEqual(['OB3_INPUT_LIMIT']);
  });

  it('keeps a __proto__ key as an own member and pollutes nothing', () => {
    const text = JSON.stringify({ ...credential, x: 1 }).replace('"x":1', '"__proto__":{"polluted":true}');
    for (const r of [unwrapBadge(text), unwrapBadge(jws(JSON.parse(text)))]) {
      expect(Object.hasOwn(r.doc!, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('never throws on the shared bank of hostile inputs, and never changes the input', () => {
    for (const c of hostileCases(credential as unknown as Record<string, unknown>, 'name')) {
      const input = c.make();
      const before = c.noFingerprint ? undefined : fingerprint(input);
      const r = unwrapBadge(input);
      expect(Array.isArray(r.issues), c.name).toBe(true);
      expect(r.doc !== undefined || r.issues.some((i) => i.severity === 'error'), c.name).toBe(true);
      if (before !== undefined) expect(fingerprint(input), c.name).toBe(before);
    }
  });
});
