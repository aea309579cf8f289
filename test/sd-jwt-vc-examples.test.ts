/**
 * The IETF SD-JWT VC draft's own example inputs (test/vectors/ietf-sd-jwt-vc/, read by
 * test/helpers/sd-jwt-yaml.ts): for 01, 02 and 03-pid, the claims are issued with the example
 * issuer key and exactly the `!sd` claims disclosable, presented with exactly the holder's
 * disclosures (with a key-binding JWT where the example has one: the example holder key, nonce
 * `1234567890`, audience the example verifier), and verified by `verifySdJwtVc` and by the
 * independent verifier (test/helpers/independent-sd-jwt.ts). What both reveal is computed from
 * the YAML, not written here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueSdJwtVcClaims, presentSdJwtVc, verifySdJwtVc } from './helpers/sd-jwt-vc-api.js';
import { digestOf, encodeDisclosure, keyBindingJwt, verifyIndependently } from './helpers/independent-sd-jwt.js';
import { EXAMPLE_NAMES, EXAMPLES_DIR, pointer, readExample, readSettings, type Example } from './helpers/sd-jwt-yaml.js';

const settings = readSettings();
const publicOf = <T extends { d?: string }>({ d: _d, ...pub }: T): Omit<T, 'd'> => pub;
const issuerPublic = publicOf(settings.issuerKey);
const holderPublic = publicOf(settings.holderKey);
/** The time of presentation and verification: an hour after the examples' `iat`, long before `exp`. */
const now = new Date((settings.iat + 3600) * 1000);
const audience = settings.identifiers.verifier;
const nonce = settings.nonce;

const codes = (r: { issues: { code: string; severity: string }[] }) => r.issues.filter((i) => i.severity === 'error').map((i) => i.code);
const decodeSegment = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;

interface Run {
  example: Example;
  iss: string;
  sdJwt: string;
  presentation: string;
  /** What a verifier must reveal: the example's disclosed claims and the issuer's metadata. */
  expected: Record<string, unknown>;
}

async function run(name: string): Promise<Run> {
  const example = readExample(name);
  const { iss: claimedIss, ...claims } = example.claims;
  const iss = typeof claimedIss === 'string' ? claimedIss : settings.identifiers.issuer;
  const sdJwt = await issueSdJwtVcClaims(claims, {
    key: { ...settings.issuerKey, ...(example.headers.kid ? { kid: example.headers.kid } : {}) },
    issuer: iss,
    vct: claims.vct as string,
    disclosable: example.disclosable,
    now: new Date(settings.iat * 1000),
    expiresAt: new Date(settings.exp * 1000),
    ...(example.headers.kid ? { kid: example.headers.kid } : {}),
    ...(example.keyBinding ? { holderKey: holderPublic } : {}),
    decoys: 0,
  });
  const presentation = await presentSdJwtVc(sdJwt, {
    disclose: example.disclosed,
    ...(example.keyBinding ? { holderKey: settings.holderKey, audience, nonce } : {}),
    now,
  });
  const expected = { ...example.expected, iss, iat: settings.iat, exp: settings.exp, ...(example.keyBinding ? { cnf: { jwk: holderPublic } } : {}) };
  return { example, iss, sdJwt, presentation, expected };
}

const verifyOptions = (r: Run) => ({
  issuerKeys: [issuerPublic],
  vct: r.example.claims.vct as string,
  now,
  ...(r.example.keyBinding ? { audience, nonce } : {}),
});

describe.each(EXAMPLE_NAMES)('the draft example %s', (name) => {
  let r: Run;
  beforeAll(async () => {
    r = await run(name);
  });

  it('is issued as the example says: header typ (and kid), iss, vct, iat, exp, cnf, every !sd claim a digest and nothing else', async () => {
    const [jwt, ...rest] = r.sdJwt.split('~');
    expect(rest.at(-1)).toBe(''); // an SD-JWT without key binding ends with ~
    const [h, p] = jwt!.split('.');
    const header = decodeSegment(h!);
    const payload = decodeSegment(p!);
    expect(header).toMatchObject({ ...r.example.headers, alg: 'ES256' });
    expect(payload).toMatchObject({ iss: r.iss, vct: r.example.claims.vct, iat: settings.iat, exp: settings.exp, _sd_alg: 'sha-256' });
    if (r.example.keyBinding) expect(payload.cnf).toEqual({ jwk: holderPublic });
    else expect(payload).not.toHaveProperty('cnf');
    // No disclosable claim in the clear at the top; every one of them behind a digest.
    const topLevel = r.example.disclosable.filter((p) => p.length === 1).map((p) => p[0] as string);
    for (const claim of topLevel) expect(payload, claim).not.toHaveProperty(claim);
    const disclosures = rest.slice(0, -1);
    expect(disclosures).toHaveLength(r.example.disclosable.length);
    const digests = new Set(disclosures.map((d) => digestOf(d)));
    expect((payload._sd as string[]).filter((d) => digests.has(d))).toHaveLength(topLevel.length);
    // The independent verifier sees the whole credential with every disclosure.
    const all = await verifyIndependently(r.sdJwt, { issuerKeys: issuerPublic as JWK, now, requireKeyBinding: false });
    expect(all.errors).toEqual([]);
    expect(all.claims).toEqual({ ...r.example.claims, iss: r.iss, iat: settings.iat, exp: settings.exp, ...(r.example.keyBinding ? { cnf: { jwk: holderPublic } } : {}) });
    expect(all.disclosed.toSorted()).toEqual(r.example.disclosable.map(pointer).toSorted());
  });

  it('is presented with exactly the holder_disclosed_claims, and a key-binding JWT when the example has one', () => {
    const parts = r.presentation.split('~');
    const kb = parts.pop()!;
    // The issuer-signed JWT unchanged, and as many of the issued disclosures, unchanged, as the holder chose.
    expect(parts[0]).toBe(r.sdJwt.split('~')[0]);
    const issued = new Set(r.sdJwt.split('~').slice(1, -1));
    const presented = parts.slice(1);
    expect(presented).toHaveLength(r.example.disclosed.length);
    for (const d of presented) expect(issued.has(d)).toBe(true);
    if (r.example.keyBinding) {
      const [h, p] = kb.split('.');
      expect(decodeSegment(h!)).toMatchObject({ typ: 'kb+jwt', alg: 'ES256' });
      expect(decodeSegment(p!)).toMatchObject({ aud: audience, nonce, iat: Math.floor(now.getTime() / 1000), sd_hash: digestOf(r.presentation.slice(0, r.presentation.length - kb.length)) });
    } else expect(kb).toBe('');
  });

  it('verifies with verifySdJwtVc, revealing exactly the disclosed claims', async () => {
    const result = await verifySdJwtVc(r.presentation, verifyOptions(r));
    expect(result.issues).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.claims).toEqual(r.expected);
    expect(result.disclosed.toSorted()).toEqual(r.example.disclosed.map(pointer).toSorted());
    expect(result.undisclosed).toBe(r.example.disclosable.length - r.example.disclosed.length - hiddenUnderUndisclosed(r.example));
    if (r.example.keyBinding) expect(result.keyBinding).toMatchObject({ aud: audience, nonce, iat: Math.floor(now.getTime() / 1000) });
    else expect(result.keyBinding).toBeUndefined();
  });

  it('verifies with the independent verifier, revealing the same claims', async () => {
    const result = await verifyIndependently(r.presentation, { issuerKeys: issuerPublic as JWK, now, audience, nonce });
    expect(result.errors).toEqual([]);
    expect(result.claims).toEqual(r.expected);
    expect(result.disclosed.toSorted()).toEqual(r.example.disclosed.map(pointer).toSorted());
  });

  it('is refused by both verifiers outside iat..exp, for another vct, and (with key binding) for another nonce or audience', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['after exp', { now: new Date((settings.exp + 3600) * 1000) }, 'SDJWT_EXPIRED'],
      ['another vct', { vct: 'https://credentials.example.com/another' }, 'SDJWT_VCT_MISMATCH'],
    ];
    if (r.example.keyBinding) {
      cases.push(['another nonce', { nonce: '0987654321' }, 'SDJWT_KB_NONCE_MISMATCH'], ['another audience', { audience: 'https://example.com/other' }, 'SDJWT_KB_AUDIENCE_MISMATCH']);
    }
    for (const [what, change, code] of cases) {
      const result = await verifySdJwtVc(r.presentation, { ...verifyOptions(r), ...change });
      expect(result.verified, what).toBe(false);
      expect(codes(result), what).toContain(code);
      if (what === 'another vct') continue; // the independent verifier does not choose a vct
      const independent = await verifyIndependently(r.presentation, { issuerKeys: issuerPublic as JWK, audience, nonce, now, ...change } as never);
      expect(independent.ok, what).toBe(false);
    }
    // Before iat (the presentation's own key-binding iat is then in the future too).
    const early = await verifySdJwtVc(r.presentation, { ...verifyOptions(r), now: new Date((settings.iat - 3600) * 1000) });
    expect(early.verified).toBe(false);
    expect(codes(early)).toContain('SDJWT_ISSUED_IN_FUTURE');
  });

  it('refuses each of its disclosures changed (same salt and name, another value), with a correct key-binding JWT: SDJWT_DISCLOSURE_UNREFERENCED at /disclosures/<i> and at the ones inside it', async () => {
    const all = await presentSdJwtVc(r.sdJwt, { disclose: 'all', ...(r.example.keyBinding ? { holderKey: settings.holderKey, audience, nonce } : {}), now });
    const [jwt, ...rest] = all.split('~');
    const disclosures = rest.slice(0, -1);
    expect(disclosures).toHaveLength(r.example.disclosable.length);
    for (let i = 0; i < disclosures.length; i++) {
      const decoded = decodeSegment(disclosures[i]!) as unknown as unknown[];
      const changed = decoded.length === 3 ? encodeDisclosure(decoded[0] as string, decoded[1] as string, 'changed') : encodeDisclosure(decoded[0] as string, 'changed');
      const list = disclosures.with(i, changed);
      const presented = `${jwt}~${list.map((d) => `${d}~`).join('')}`;
      const kb = r.example.keyBinding ? await keyBindingJwt(presented, { holderKey: settings.holderKey as JWK, alg: 'ES256', aud: audience, nonce, iat: Math.floor(now.getTime() / 1000) }) : '';
      const result = await verifySdJwtVc(presented + kb, verifyOptions(r));
      expect(result.verified, `disclosure ${i}`).toBe(false);
      // The changed one, and the ones inside it (their digests were in its value): as the independent verifier finds.
      const independent = await verifyIndependently(presented + kb, { issuerKeys: issuerPublic as JWK, now, audience, nonce });
      expect(independent.errors, `disclosure ${i}`).toContain(`disclosure-unreferenced /disclosures/${i}`);
      expect(independent.errors.every((e) => e.startsWith('disclosure-unreferenced ')), `disclosure ${i}`).toBe(true);
      const unreferenced = independent.errors.map((e) => ['SDJWT_DISCLOSURE_UNREFERENCED', e.split(' ')[1]]);
      expect(result.issues.filter((x) => x.severity === 'error').map((x) => [x.code, x.path]), `disclosure ${i}`).toEqual(unreferenced);
    }
  });

  it('is refused with the issuer key of another issuer (the holder key)', async () => {
    const result = await verifySdJwtVc(r.presentation, { ...verifyOptions(r), issuerKeys: [holderPublic] });
    expect(result.verified).toBe(false);
    expect(codes(result)).toEqual(expect.arrayContaining([expect.stringMatching(/^SDJWT_(SIGNATURE_INVALID|ISSUER_KEY_UNKNOWN)$/)]));
    expect((await verifyIndependently(r.presentation, { issuerKeys: holderPublic as JWK, now, audience, nonce })).ok).toBe(false);
  });
});

/** Disclosable claims below an undisclosed one: their digests are inside a disclosure not presented. */
function hiddenUnderUndisclosed(example: Example): number {
  const shown = new Set(example.disclosed.map(pointer));
  const undisclosed = example.disclosable.filter((p) => !shown.has(pointer(p)));
  return undisclosed.filter((p) => undisclosed.some((q) => q.length < p.length && pointer(p).startsWith(pointer(q) + '/'))).length;
}

describe('the example inputs as read', () => {
  it('have the draft generator`s settings and what each example discloses', () => {
    expect(settings.issuerKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(settings.issuerKey.d).toBeTypeOf('string');
    const ex = Object.fromEntries(EXAMPLE_NAMES.map((n) => [n, readExample(n)]));
    // Read from the tags, not written here: counted against the raw text.
    for (const n of EXAMPLE_NAMES) {
      const text = readFileText(n);
      expect(ex[n]!.disclosable.length, n).toBe((text.match(/!sd /g) ?? []).length);
    }
    expect(ex['03-pid']!.disclosed.map(pointer)).toEqual(['/nationalities', '/age_equal_or_over', '/age_equal_or_over/18']);
    expect(ex['01']!.keyBinding && !ex['02']!.keyBinding && ex['03-pid']!.keyBinding).toBe(true);
  });
});

function readFileText(name: string): string {
  return readFileSync(join(EXAMPLES_DIR, name, 'specification.yml'), 'utf8');
}
