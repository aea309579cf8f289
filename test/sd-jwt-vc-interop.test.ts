/**
 * Interoperability with an independent SD-JWT VC implementation (test/helpers/independent-sd-jwt.ts:
 * jose for JWS/JWK, node:crypto for digests, its own disclosure and `_sd`/`...` processing).
 *
 * - Every valid fixture, with ES256 and EdDSA keys made by jose: `issueSdJwtVc` → `presentSdJwtVc`
 *   (all claims, and the mandatory ones only, with a key-binding JWT) → the independent verifier
 *   accepts it and reveals `toSdJwtVcClaims(mc).claims` plus the issuer's metadata, no more.
 *   A fixture the mapping refuses must make `issueSdJwtVc` throw with the same issues.
 * - The reverse: SD-JWT VCs made by the independent side verify with `verifySdJwtVc`, and each
 *   tampering of one part fails with its code.
 * - The oracle itself: the independent verifier refuses what it must (else it proves nothing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base64url, exportJWK, generateKeyPair, SignJWT, importJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { issueSdJwtVc, MANDATORY_ATTRIBUTES, MICRO_CREDENTIAL_VCT, presentSdJwtVc, RULEBOOK_CLAIM, RULEBOOK_CLAIMS, toSdJwtVcClaims, verifySdJwtVc } from './helpers/sd-jwt-vc-api.js';
import { validFixtures } from './helpers/fixtures.js';
import { digestOf, encodeDisclosure, issueIndependently, keyBindingJwt, presentIndependently, verifyIndependently, type IndependentIssued, type Path } from './helpers/independent-sd-jwt.js';

type Alg = 'ES256' | 'EdDSA';
const ALGS: Alg[] = ['ES256', 'EdDSA'];
const ISSUER = 'https://issuer.example.eu';
const AUDIENCE = 'https://employer.example.eu';
const NONCE = 'n-0S6_WzA2Mj';
const issuedAt = new Date('2026-03-01T10:00:00Z');
const iat = Math.floor(issuedAt.getTime() / 1000);
const presentedAt = new Date('2026-03-01T10:05:00Z');
const codes = (r: { issues: { code: string; severity: string }[] }) => r.issues.filter((i) => i.severity === 'error').map((i) => i.code);

type Jwk = JWK & { kty: string };
interface KeyPair {
  privateJwk: Jwk;
  publicJwk: Jwk;
}
async function keyPair(alg: Alg, kid?: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  const extra = kid ? { kid } : {};
  return { privateJwk: { ...(await exportJWK(privateKey)), ...extra } as Jwk, publicJwk: { ...(await exportJWK(publicKey)), ...extra } as Jwk };
}

/** The rulebook's claims a disclosure may carry (sd `always` or `allowed`). */
const DISCLOSABLE = new Set(RULEBOOK_CLAIMS.filter((c) => c.sd !== 'never').map((c) => c.name));
const MUST_DISCLOSE = RULEBOOK_CLAIMS.filter((c) => c.sd === 'always').map((c) => c.name);

/**
 * The published type metadata of `VerifiableMicroCredential` (SUNET, test/vectors/sunet-vctm/) as
 * a second oracle beside the library's own rulebook table: its claims, `mandatory` and `sd`.
 */
const SUNET = JSON.parse(readFileSync(join(import.meta.dirname, 'vectors/sunet-vctm/vctm_microcredential.sunet.json'), 'utf8')) as { claims: { path: string[]; mandatory?: boolean; sd?: string }[] };
const PUBLISHED = new Map(SUNET.claims.map((c) => [c.path[0]!, { mandatory: c.mandatory === true, sd: c.sd ?? 'allowed' }]));
/** The rulebook's data types and closed code lists (§3, §4.4), written from its text. */
const FORMAT: Record<string, (v: unknown) => boolean> = {
  issuerCountry: (v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v),
  citizenshipCountry: (v) => typeof v === 'string' && /^[A-Z]{2}$/.test(v),
  issuanceDate: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  dateOfBirth: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  level: (v) => typeof v === 'string' && /^EQF-[1-8]$/.test(v),
  learningOutcomes: (v) => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x !== ''),
  escoReference: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.startsWith('http://data.europa.eu/esco/skill/')),
  notionalWorkload: (v) => {
    const w = v as { value?: unknown; unit?: unknown };
    return typeof w?.value === 'number' && w.value > 0 && (w.unit === 'ECTS' || w.unit === 'hours') && Object.keys(w).length === 2;
  },
  stackable: (v) => typeof v === 'boolean',
  mail: (v) => typeof v === 'string' && /^[^@\s]+@[^@\s]+$/.test(v),
  attestation_legal_category: (v) => v === 'non-qualified-EAA',
  identifier: (v) => typeof v === 'string' && v !== '',
  title: (v) => typeof v === 'string' && v !== '',
  givenName: (v) => typeof v === 'string' && v !== '',
  familyName: (v) => typeof v === 'string' && v !== '',
  awardingBody: (v) => typeof v === 'string' && v !== '',
};

const keys: Partial<Record<Alg, { issuer: KeyPair; holder: KeyPair }>> = {};
beforeAll(async () => {
  for (const alg of ALGS) keys[alg] = { issuer: await keyPair(alg, `issuer-${alg}`), holder: await keyPair(alg) };
});

describe.each(ALGS)('issued by issueSdJwtVc (%s), verified by the independent verifier', (alg) => {
  for (const fixture of validFixtures) {
    it(fixture.name, async () => {
      const { issuer, holder } = keys[alg]!;
      // A fixed identifier where the fixture has none (else the mapping makes a fresh one each time).
      const doc = structuredClone(fixture.doc) as MicroCredential & { id?: string };
      const mc = { ...doc, id: doc.id ?? `urn:uuid:00000000-0000-4000-8000-${String(validFixtures.indexOf(fixture)).padStart(12, '0')}` };
      const converted = toSdJwtVcClaims(mc);
      const options = { key: issuer.privateJwk, issuer: ISSUER, holderKey: holder.publicJwk, now: issuedAt };
      if (!converted.ok) {
        // The mapping refuses it (e.g. a learner's fullName alone): issuance must refuse it alike.
        const error = await issueSdJwtVc(mc, options).then(
          () => undefined,
          (e: unknown) => e as { code?: string; issues?: unknown },
        );
        expect(error?.code).toBe('ERR_SDJWT_ISSUE');
        expect(error?.issues).toEqual(converted.issues);
        return;
      }
      const sdJwt = await issueSdJwtVc(mc, options);
      const metadata = { iss: ISSUER, iat, vct: MICRO_CREDENTIAL_VCT, cnf: { jwk: holder.publicJwk } };

      // Everything disclosed, with key binding.
      const all = await presentSdJwtVc(sdJwt, { disclose: 'all', holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now: presentedAt });
      const seen = await verifyIndependently(all, { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now: presentedAt });
      expect(seen.errors).toEqual([]);
      expect(seen.header).toMatchObject({ typ: 'dc+sd-jwt', alg, kid: `issuer-${alg}` });
      const { exp: _exp, ...revealed } = seen.claims!;
      expect(revealed).toEqual({ ...converted.claims, ...metadata });
      // Every claim the rulebook says MUST be disclosable came from a disclosure; none that MUST NOT did.
      const disclosedNames = seen.disclosed.map((p) => p.split('/')[1]!);
      for (const name of Object.keys(converted.claims)) {
        const rule = RULEBOOK_CLAIM.get(name);
        if (rule?.sd === 'always') expect(disclosedNames, name).toContain(name);
        if (rule?.sd === 'never') expect(disclosedNames, name).not.toContain(name);
      }
      for (const name of disclosedNames) expect(DISCLOSABLE.has(name), name).toBe(true);
      // Against the published type metadata and the rulebook's formats: every mandatory claim, no
      // claim it does not define, sd as it says, values of the rulebook's types and closed lists.
      for (const [name, published] of PUBLISHED) {
        if (published.mandatory) expect(seen.claims, name).toHaveProperty([name]);
        if (!(name in seen.claims!)) continue;
        if (published.sd === 'always') expect(disclosedNames, name).toContain(name);
        if (published.sd === 'never') expect(disclosedNames, name).not.toContain(name);
      }
      for (const [name, value] of Object.entries(seen.claims!)) {
        expect(PUBLISHED.has(name), `${name} is a claim of the published type metadata`).toBe(true);
        if (FORMAT[name]) expect(FORMAT[name](value), `${name}: ${JSON.stringify(value)}`).toBe(true);
      }

      // The mandatory attributes only: the independent verifier sees those and the metadata, nothing else.
      const mandatory = MANDATORY_ATTRIBUTES.filter((n) => n in converted.claims);
      const some = await presentSdJwtVc(sdJwt, { disclose: mandatory.map((n) => [n]), holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now: presentedAt });
      const partial = await verifyIndependently(some, { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now: presentedAt });
      expect(partial.errors).toEqual([]);
      const inClear = Object.fromEntries(Object.entries(converted.claims).filter(([n]) => !DISCLOSABLE.has(n)));
      const { exp: _exp2, ...partialClaims } = partial.claims!;
      expect(partialClaims).toEqual({ ...inClear, ...Object.fromEntries(mandatory.map((n) => [n, converted.claims[n as keyof typeof converted.claims]])), ...metadata });

      // And the library's verifier agrees on both.
      for (const [presentation, expected] of [
        [all, seen.claims],
        [some, partial.claims],
      ] as const) {
        const ours = await verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUDIENCE, nonce: NONCE, now: presentedAt });
        expect(codes(ours)).toEqual([]);
        expect(ours.verified).toBe(true);
        expect(ours.claims).toEqual(expected);
      }
    });
  }

  it('issues at least the fixtures that name the learner by given and family name', async () => {
    const issuable = validFixtures.filter((f) => toSdJwtVcClaims(structuredClone(f.doc), { identifier: 'urn:uuid:00000000-0000-4000-8000-000000000000' }).ok);
    expect(issuable.map((f) => f.name)).toEqual(expect.arrayContaining(['higher-education', 'every-optional-element', 'vet-eqavet', 'decimal-ects-short-cycle']));
  });
});

describe('made by the independent side, verified by verifySdJwtVc', () => {
  let issuer: KeyPair;
  let holder: KeyPair;
  let claims: Record<string, unknown>;
  let issued: IndependentIssued;
  let disclosable: string[];
  const verify = (presentation: string, extra: Record<string, unknown> = {}) =>
    verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUDIENCE, nonce: NONCE, now: presentedAt, ...extra });
  const kb = (): Parameters<typeof keyBindingJwt>[1] => ({ holderKey: holder.privateJwk, alg: 'ES256', aud: AUDIENCE, nonce: NONCE, iat: iat + 300 });
  const present = (keep: (d: IndependentIssued['disclosures'][number]) => boolean = () => true, over: Partial<Parameters<typeof keyBindingJwt>[1]> = {}) =>
    presentIndependently(issued, keep, { ...kb(), ...over });
  /** A presentation of `jwt` and `disclosures` with a correct key-binding JWT over exactly them. */
  const assemble = async (jwt: string, disclosures: string[]) => {
    const presented = `${jwt}~${disclosures.map((d) => `${d}~`).join('')}`;
    return presented + (await keyBindingJwt(presented, kb()));
  };
  const issue = (edit?: (payload: Record<string, unknown>) => void, extraDisclosable: string[] = [], header: Record<string, unknown> = {}) => {
    const payload = { iss: ISSUER, iat, vct: MICRO_CREDENTIAL_VCT, ...claims };
    edit?.(payload);
    return issueIndependently(payload, { issuerKey: issuer.privateJwk, alg: 'ES256', disclosable: [...disclosable, ...extraDisclosable].map((n) => [n]), holderKey: holder.publicJwk, header: { kid: 'ind-1', ...header }, decoys: 3 });
  };

  beforeAll(async () => {
    issuer = await keyPair('ES256', 'ind-1');
    holder = await keyPair('ES256');
    const converted = toSdJwtVcClaims(structuredClone(validFixtures.find((f) => f.name === 'every-optional-element')!.doc));
    if (!converted.ok) throw new Error(`every-optional-element does not convert: ${JSON.stringify(converted.issues)}`);
    claims = converted.claims as unknown as Record<string, unknown>;
    disclosable = Object.keys(claims).filter((n) => DISCLOSABLE.has(n));
    issued = await issue();
  });

  it('verifies, with every disclosure and with some, revealing exactly what was presented', async () => {
    const full = await verify(await present());
    expect(full.issues).toEqual([]);
    expect(full.verified).toBe(true);
    expect(full.claims).toEqual({ iss: ISSUER, iat, vct: MICRO_CREDENTIAL_VCT, cnf: { jwk: holder.publicJwk }, ...claims });
    expect(full.disclosed.toSorted()).toEqual(disclosable.map((n) => `/${n}`).toSorted());
    expect(full.undisclosed).toBe(3); // the decoys
    expect(full.issuer).toMatchObject({ iss: ISSUER, kid: 'ind-1', by: 'issuerKeys' });
    expect(full.keyBinding).toMatchObject({ aud: AUDIENCE, nonce: NONCE, iat: iat + 300 });

    const chosen = new Set(['title', 'familyName', 'givenName', 'issuanceDate']);
    const some = await verify(await present((d) => chosen.has(d.path[0] as string)));
    expect(some.issues).toEqual([]);
    expect(some.verified).toBe(true);
    expect(some.disclosed.toSorted()).toEqual([...chosen].map((n) => `/${n}`).toSorted());
    for (const name of disclosable) expect(name in some.claims, name).toBe(chosen.has(name));
    expect(some.undisclosed).toBe(disclosable.length - chosen.size + 3);
  });

  it('refuses each tampering with its code', async () => {
    const [jwt] = issued.sdJwt.split('~') as [string];
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const encoded = issued.disclosures.map((d) => d.encoded);
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const reencode = (v: unknown) => base64url.encode(JSON.stringify(v));
    const changedValue = (() => {
      const [salt, name] = JSON.parse(Buffer.from(encoded[0]!, 'base64url').toString('utf8')) as [string, string, unknown];
      return encodeDisclosure(salt, name, 'changed');
    })();
    const otherCredential = await issue();
    const resigned = async (header: Record<string, unknown>, body = payload) => `${await new SignJWT(body).setProtectedHeader(header as never).sign(await importJWK(issuer.privateJwk, 'ES256'))}`;

    const cases: [string, Promise<string> | string, string][] = [
      ['payload changed after signing', assemble(`${h}.${reencode({ ...payload, iss: 'https://evil.example' })}.${s}`, encoded), 'SDJWT_SIGNATURE_INVALID'],
      ['header changed after signing', assemble(`${reencode({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'ind-1', cty: 'x' })}.${p}.${s}`, encoded), 'SDJWT_SIGNATURE_INVALID'],
      ['signed with another key', assemble(await new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'ind-1' }).sign(await importJWK(holder.privateJwk, 'ES256')), encoded), 'SDJWT_SIGNATURE_INVALID'],
      ['typ JWT', assemble(await resigned({ alg: 'ES256', typ: 'JWT', kid: 'ind-1' }), encoded), 'SDJWT_TYP_INVALID'],
      ['alg none', assemble(`${reencode({ alg: 'none', typ: 'dc+sd-jwt', kid: 'ind-1' })}.${p}.${s}`, encoded), 'SDJWT_ALG_UNSUPPORTED'],
      ['alg HS256 (a MAC keyed with the issuer\'s public x)', assemble(await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'dc+sd-jwt', kid: 'ind-1' }).sign(base64url.decode(issuer.publicJwk.x!)), encoded), 'SDJWT_ALG_UNSUPPORTED'],
      ['a disclosure changed', assemble(jwt, [changedValue, ...encoded.slice(1)]), 'SDJWT_DISCLOSURE_UNREFERENCED'],
      ['a disclosure of another credential added', assemble(jwt, [...encoded, otherCredential.disclosures[0]!.encoded]), 'SDJWT_DISCLOSURE_UNREFERENCED'],
      ['a disclosure twice', assemble(jwt, [...encoded, encoded[0]!]), 'SDJWT_DIGEST_DUPLICATE'],
      ['a disclosure that is not base64url JSON', assemble(jwt, [...encoded, base64url.encode('not json')]), 'SDJWT_DISCLOSURE_MALFORMED'],
      ['key-binding JWT missing', issued.sdJwt, 'SDJWT_KB_MISSING'],
      ['key-binding JWT over other disclosures (sd_hash)', present(() => true, { sdHash: digestOf(`${jwt}~`) }), 'SDJWT_KB_SD_HASH_MISMATCH'],
      ['a disclosure dropped after key binding', (async () => (await present()).replace(`~${encoded[1]}~`, '~'))(), 'SDJWT_KB_SD_HASH_MISMATCH'],
      ['key-binding JWT by another key', present(() => true, { holderKey: issuer.privateJwk }), 'SDJWT_KB_SIGNATURE_INVALID'],
      ['key-binding JWT typ JWT', present(() => true, { typ: 'JWT' }), 'SDJWT_KB_MALFORMED'],
      ['key-binding JWT for another audience', present(() => true, { aud: 'https://other.example' }), 'SDJWT_KB_AUDIENCE_MISMATCH'],
      ['key-binding JWT with another nonce', present(() => true, { nonce: 'replayed' }), 'SDJWT_KB_NONCE_MISMATCH'],
      ['key-binding JWT from an hour ago', present(() => true, { iat: iat - 3600 }), 'SDJWT_KB_TIME_INVALID'],
    ];
    for (const [what, presentation, code] of cases) {
      const result = await verify(await presentation);
      expect(result.verified, what).toBe(false);
      expect(codes(result), what).toContain(code);
      const independent = await verifyIndependently(await presentation, { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now: presentedAt });
      expect(independent.ok, `${what} (independent)`).toBe(false);
    }
    // An unsecured JWT (RFC 7519 §6: alg none, empty signature) is refused, as not a JWS at all or as alg none.
    const unsecured = await verify(await assemble(`${reencode({ alg: 'none', typ: 'dc+sd-jwt' })}.${p}.`, encoded));
    expect(unsecured.verified).toBe(false);
    expect(codes(unsecured).some((c) => c === 'SDJWT_ALG_UNSUPPORTED' || c === 'SDJWT_INPUT_MALFORMED')).toBe(true);
  });

  it('refuses what the issuer got wrong: a duplicate digest, a claim the draft forbids disclosing, a name both clear and disclosed', async () => {
    const duplicate = await issue();
    // The same digest twice in _sd, re-signed.
    const [jwt, ...rest] = duplicate.sdJwt.split('~');
    const body = JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString('utf8')) as { _sd: string[] };
    body._sd.push(body._sd[0]!);
    const twice = await new SignJWT(body).setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'ind-1' }).sign(await importJWK(issuer.privateJwk, 'ES256'));
    const dup = await verify(await assemble(twice, rest.slice(0, -1)));
    expect(dup.verified).toBe(false);
    expect(codes(dup)).toContain('SDJWT_DIGEST_DUPLICATE');

    for (const forbidden of ['exp', 'status', 'vct', 'iss']) {
      const bad = await issue((payload) => {
        if (forbidden === 'exp') payload.exp = iat + 86_400;
        if (forbidden === 'status') payload.status = { status_list: { idx: 1, uri: 'https://issuer.example.eu/status/1' } };
      }, [forbidden]);
      const result = await verify(await presentIndependently(bad, () => true, kb()), { acceptUncheckedStatus: true });
      expect(result.verified, forbidden).toBe(false);
      expect(codes(result), forbidden).toContain('SDJWT_DISCLOSURE_POLICY');
    }

    // `title` in the clear and in a disclosure.
    const both = await issue();
    const [bothJwt, ...bothRest] = both.sdJwt.split('~');
    const bothBody = JSON.parse(Buffer.from(bothJwt!.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    bothBody.title = 'A title in the clear';
    const clear = await new SignJWT(bothBody).setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt', kid: 'ind-1' }).sign(await importJWK(issuer.privateJwk, 'ES256'));
    const clash = await verify(await assemble(clear, bothRest.slice(0, -1)));
    expect(clash.verified).toBe(false);
    expect(codes(clash)).toContain('SDJWT_DISCLOSURE_MALFORMED');
  });
});

describe('held-out SD-JWTs of any vct, made by the independent side: the right verdict from verifySdJwtVc', () => {
  const VCT = 'urn:example:held-out:1';
  const at = new Date((iat + 60) * 1000);
  let issuer: KeyPair;
  let holder: KeyPair;
  const nested = { given_name: 'Astrid', address: { street: 'Sjøgata 12', locality: 'Viken' }, nationalities: ['AE', 'NO', 'SE'], ages: { '18': true, '65': false } };
  const nestedPaths = [['given_name'], ['address'], ['address', 'street'], ['nationalities', 0], ['nationalities', 2], ['ages'], ['ages', '18'], ['ages', '65']];
  const kbOf = (over: Partial<Parameters<typeof keyBindingJwt>[1]> = {}): Parameters<typeof keyBindingJwt>[1] => ({ holderKey: holder.privateJwk, alg: 'ES256', aud: AUDIENCE, nonce: NONCE, iat: iat + 30, ...over });
  const verify = (presentation: string, extra: Record<string, unknown> = {}) =>
    verifySdJwtVc(presentation, { issuerKeys: [issuer.publicJwk], audience: AUDIENCE, nonce: NONCE, now: at, vct: VCT, ...extra });
  const mint = (options: Partial<Parameters<typeof issueIndependently>[1]> = {}, claims: Record<string, unknown> = nested) =>
    issueIndependently({ iss: ISSUER, iat, vct: VCT, ...claims }, { issuerKey: issuer.privateJwk, alg: 'ES256', disclosable: nestedPaths, holderKey: holder.publicJwk, decoys: 2, ...options });
  const pathIs = (...wanted: Path[]) => (d: { path: Path }) => wanted.some((w) => w.length === d.path.length && w.every((p, i) => p === d.path[i]));

  beforeAll(async () => {
    issuer = await keyPair('ES256');
    holder = await keyPair('ES256');
  });

  it('nested and array-element disclosures, with sha-256, sha-384 and sha-512: the same claims as the independent verifier', async () => {
    for (const hashAlg of ['sha-256', 'sha-384', 'sha-512'] as const) {
      const issued = await mint({ hashAlg });
      for (const keep of [() => true, pathIs(['address'], ['nationalities', 2], ['ages'], ['ages', '65']), () => false]) {
        const presentation = await presentIndependently(issued, keep, kbOf({ hashAlg }));
        const ours = await verify(presentation);
        const theirs = await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now: at });
        expect(theirs.errors, hashAlg).toEqual([]);
        expect(codes(ours), hashAlg).toEqual([]);
        expect(ours.verified, hashAlg).toBe(true);
        expect(ours.claims, hashAlg).toEqual(theirs.claims);
        expect(ours.disclosed.toSorted(), hashAlg).toEqual(theirs.disclosed.toSorted());
        expect(ours.undisclosed, hashAlg).toBe(theirs.undisclosed);
      }
    }
  });

  it('the library presents an SD-JWT issued elsewhere, by nested paths', async () => {
    const issued = await mint();
    const presentation = await presentSdJwtVc(issued.sdJwt, { disclose: [['address'], '/ages/18', ['nationalities', 2]], holderKey: holder.privateJwk, audience: AUDIENCE, nonce: NONCE, now: at });
    const theirs = await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now: at });
    expect(theirs.errors).toEqual([]);
    const { iss: _i, iat: _t, vct: _v, cnf: _c, ...revealed } = theirs.claims!;
    // `ages` must come with `/ages/18` (a disclosure inside an undisclosed one is unreferenced).
    expect(revealed).toEqual({ address: { locality: 'Viken' }, nationalities: ['NO', 'SE'], ages: { '18': true } });
  });

  it('refuses: a child disclosure without its parent, a kind mismatch, an unknown _sd_alg, a name twice, _sd as a name, a key-binding JWT with no cnf', async () => {
    const issued = await mint();
    const [jwt] = issued.sdJwt.split('~') as [string];
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const signWith = async (body: Record<string, unknown>) => new SignJWT(body).setProtectedHeader({ alg: 'ES256', typ: 'dc+sd-jwt' }).sign(await importJWK(issuer.privateJwk, 'ES256'));
    const assemble = async (j: string, disclosures: string[], kb = true) => {
      const presented = `${j}~${disclosures.map((d) => `${d}~`).join('')}`;
      return kb ? presented + (await keyBindingJwt(presented, kbOf())) : presented;
    };
    const extra = (name: string | undefined, value: unknown) => (name === undefined ? encodeDisclosure('c2FsdC0x', value) : encodeDisclosure('c2FsdC0x', name, value));
    const withDigest = async (edit: (body: Record<string, unknown>, digest: string) => void, disclosure: string, alg = 'sha-256') => {
      const body = structuredClone(payload);
      edit(body, digestOf(disclosure, alg));
      return assemble(await signWith(body), [disclosure]);
    };
    const unbound = await issueIndependently({ iss: ISSUER, iat, vct: VCT, ...nested }, { issuerKey: issuer.privateJwk, alg: 'ES256', disclosable: nestedPaths });
    const cases: [string, string, string][] = [
      ['/ages/18 without /ages', await presentIndependently(issued, pathIs(['ages', '18']), kbOf()), 'SDJWT_DISCLOSURE_UNREFERENCED'],
      ['/address/street without /address', await presentIndependently(issued, pathIs(['address', 'street'], ['given_name']), kbOf()), 'SDJWT_DISCLOSURE_UNREFERENCED'],
      ['an array-element disclosure referenced from _sd', await withDigest((b, d) => (b._sd as string[]).push(d), extra(undefined, 'x')), 'SDJWT_DISCLOSURE_MALFORMED'],
      ['an object-member disclosure referenced from an array', await withDigest((b, d) => (b.list = [{ '...': d }]), extra('member', 'x')), 'SDJWT_DISCLOSURE_MALFORMED'],
      ['a disclosure named _sd', await withDigest((b, d) => (b._sd as string[]).push(d), extra('_sd', ['x'])), 'SDJWT_DISCLOSURE_MALFORMED'],
      ['a disclosure named ...', await withDigest((b, d) => (b._sd as string[]).push(d), extra('...', 'x')), 'SDJWT_DISCLOSURE_MALFORMED'],
      ['a disclosed name that is also in the clear', await withDigest((b, d) => ((b._sd as string[]).push(d), (b.clear = 1)), extra('clear', 2)), 'SDJWT_DISCLOSURE_MALFORMED'],
      ['a disclosure of 4 members', await withDigest((b, d) => (b._sd as string[]).push(d), base64url.encode(JSON.stringify(['c2FsdA', 'a', 1, 2]))), 'SDJWT_DISCLOSURE_MALFORMED'],
      ['_sd_alg md5', await withDigest((b, d) => ((b._sd as string[]).push(d), (b._sd_alg = 'md5')), extra('a2', 1)), 'SDJWT_HASH_ALG_UNSUPPORTED'],
      ['a digest in two places', await withDigest((b, d) => ((b._sd as string[]).push(d), (b.box = { _sd: [d] })), extra('twice', 1)), 'SDJWT_DIGEST_DUPLICATE'],
      ['a key-binding JWT on an SD-JWT without cnf', await presentIndependently(unbound, () => true, kbOf()), 'SDJWT_KB_UNEXPECTED'],
      ['a key-binding JWT from the future', await presentIndependently(issued, () => true, kbOf({ iat: iat + 3600 })), 'SDJWT_KB_TIME_INVALID'],
    ];
    // Without the final ~, the last disclosure stands where a key-binding JWT belongs: not one.
    const cut = await verify((await presentIndependently(issued, () => true)).slice(0, -1));
    expect(cut.verified).toBe(false);
    expect(codes(cut).some((c) => c === 'SDJWT_INPUT_MALFORMED' || c === 'SDJWT_KB_MALFORMED'), codes(cut).join()).toBe(true);
    for (const [what, presentation, code] of cases) {
      const result = await verify(presentation);
      expect(result.verified, what).toBe(false);
      expect(codes(result), what).toContain(code);
      expect((await verifyIndependently(presentation, { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now: at })).ok, `${what} (independent)`).toBe(false);
    }
  });

  it('accepts typ vc+sd-jwt with a warning (the transition the draft allows), refuses typ JWT', async () => {
    const old = await mint({ header: { typ: 'vc+sd-jwt' } });
    const result = await verify(await presentIndependently(old, () => true, kbOf()));
    expect(result.verified).toBe(true);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([['SDJWT_TYP_INVALID', 'warning']]);
  });
});

describe('the independent verifier refuses what it must (else it proves nothing)', () => {
  it('computes RFC 9901`s example digest', () => {
    // RFC 9901 §4.2.3 / §5.1 (the family_name disclosure of the example).
    expect(digestOf('WyI2cU1RdlJMNWhhaiIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0')).toBe('uutlBuYeMDyjLLTpf6Jxi7yNkEF35jdyWMn9U7b_RYY');
  });

  it('accepts its own, refuses tampering', async () => {
    const issuer = await keyPair('EdDSA');
    const holder = await keyPair('ES256');
    const issued = await issueIndependently(
      { iss: ISSUER, iat, vct: 'urn:example', a: 1, b: { c: [1, 2] } },
      { issuerKey: issuer.privateJwk, alg: 'EdDSA', disclosable: [['a'], ['b'], ['b', 'c', 1]], holderKey: holder.publicJwk },
    );
    const kb = { holderKey: holder.privateJwk, alg: 'ES256' as const, aud: AUDIENCE, nonce: NONCE, iat: iat + 1 };
    const good = await presentIndependently(issued, (d) => d.path.length < 3, kb);
    const options = { issuerKeys: issuer.publicJwk, audience: AUDIENCE, nonce: NONCE, now: new Date((iat + 2) * 1000) };
    const ok = await verifyIndependently(good, options);
    expect(ok.errors).toEqual([]);
    expect(ok.claims).toEqual({ iss: ISSUER, iat, vct: 'urn:example', a: 1, b: { c: [1] }, cnf: { jwk: holder.publicJwk } });
    expect(ok.disclosed.toSorted()).toEqual(['/a', '/b']);
    const all = await verifyIndependently(await presentIndependently(issued, () => true, kb), options);
    expect(all.claims?.b).toEqual({ c: [1, 2] });
    expect(all.disclosed.toSorted()).toEqual(['/a', '/b', '/b/c/1']);

    const parts = good.split('~');
    for (const [what, bad] of [
      ['no key binding', `${parts.slice(0, -1).join('~')}~`],
      ['a disclosure dropped', [parts[0], ...parts.slice(2)].join('~')],
      ['payload flipped', good.replace(/\.(.)/, (_m, c: string) => `.${c === 'e' ? 'f' : 'e'}`)],
      ['wrong nonce', good],
    ] as const) {
      const r = await verifyIndependently(bad, what === 'wrong nonce' ? { ...options, nonce: 'x' } : options);
      expect(r.ok, what).toBe(false);
    }
  });
});
