/**
 * toCanonicalJson(): a credential signed before 0.2.0, when toElm wrote one-element arrays, is
 * re-spelled in canonical form and verifies with its original RDF proof; a JCS proof does not
 * survive (it signs the JSON itself), and what cannot be re-spelled safely is refused.
 */
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { type IssuerKey, generateIssuerKey, toCanonicalJson, verifyCredential } from '../src/vc.js';
import { keyLoader } from '../src/vc/resolver.js';
import { signingSuite } from '../src/vc/suites.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;
const now = '2026-01-01T00:00:00Z';
let key: IssuerKey;

/** toElm's output as 0.1.0 wrote it: every single node value in a one-element array. */
function legacy(doc: Doc): Doc {
  const wrap = (v: any, k: string): any => {
    if (Array.isArray(v)) return v.map((x) => wrap(x, ''));
    if (v === null || typeof v !== 'object') return v;
    const out: Doc = {};
    for (const [key, value] of Object.entries(v)) {
      const inner = wrap(value, key);
      out[key] = inner !== null && typeof inner === 'object' && !Array.isArray(inner) && !['@context', 'issuer', 'credentialSubject', 'displayParameter'].includes(key) && !/^[a-z]{2}(-|$)/.test(Object.keys(inner)[0] ?? '') ? [inner] : inner;
    }
    return out;
  };
  return wrap(doc, '');
}

/** Signed as @digitalbazaar/vc signs anything: past this library's own refusal. */
async function signAsBefore(doc: Doc, suite: 'Ed25519Signature2020' | 'eddsa-rdfc-2022' | 'eddsa-jcs-2022'): Promise<Doc> {
  return vc.issue({ credential: structuredClone(doc), suite: signingSuite(suite, key, new Date('2025-06-30T12:00:00Z')), documentLoader: keyLoader([key.controllerDocument()]) });
}

beforeAll(async () => {
  key = await generateIssuerKey({ seed: new Uint8Array(32).fill(31) });
});

function exported(): Doc {
  const mc = structuredClone(validFixtures.find((f) => f.name === 'every-optional-element')!.doc) as MicroCredential;
  return toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller, identifiers: { eidas: 'FR-TEST-1' } } });
}

describe('toCanonicalJson()', () => {
  it.each(['Ed25519Signature2020', 'eddsa-rdfc-2022'] as const)('a 0.1.0 credential signed with %s verifies once re-spelled, with its own proof', async (suite) => {
    const old = legacy(exported());
    expect(JSON.stringify(old)).not.toBe(JSON.stringify(exported()));
    const signed = await signAsBefore(old, suite);
    const before = await verifyCredential(signed, { now });
    expect(before.verified).toBe(false);
    expect(before.issues.every((i) => i.code === 'VC_JSON_NOT_CANONICAL')).toBe(true);
    const result = await toCanonicalJson(signed);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changed).toBe(true);
    expect(result.document.proof).toEqual(signed.proof);
    const after = await verifyCredential(result.document, { now });
    expect(after.issues).toEqual([]);
    expect(after.verified).toBe(true);
    // The re-spelled credential is what toElm writes today, with the proof's context.
    const { proof: _p, ...body } = result.document as Doc;
    expect(body.credentialSubject).toEqual(exported().credentialSubject);
  });

  it('a JCS proof signs the JSON: re-spelled, it no longer verifies (issue it again)', async () => {
    const signed = await signAsBefore(legacy(exported()), 'eddsa-jcs-2022');
    const result = await toCanonicalJson(signed);
    expect(result.ok).toBe(true);
    if (result.ok) expect((await verifyCredential(result.document, { now })).issues.map((i) => i.code)).toEqual(['VC_SIGNATURE_INVALID']);
  });

  it('a canonical document is returned unchanged; inline contexts, presentations and hostile input are refused', async () => {
    const doc = exported();
    expect(await toCanonicalJson(doc)).toEqual({ ok: true, document: doc, changed: false });
    const inline = { ...doc, '@context': [...doc['@context'], { givenName: 'http://xmlns.com/foaf/0.1/familyName' }] };
    const refused = await toCanonicalJson(inline);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => [i.code, i.path])).toEqual([['VC_CONTEXT_NOT_ALLOWED', '/@context/2']]);
    const vp = await toCanonicalJson({ '@context': ['https://www.w3.org/2018/credentials/v1'], type: 'VerifiablePresentation' });
    expect(vp.ok).toBe(false);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    for (const bad of [null, 42, 'x', [], revoked.proxy, { ...doc, smuggled: 1 }]) expect((await toCanonicalJson(bad)).ok).toBe(false);
    await expect(toCanonicalJson(doc, null as never)).rejects.toThrow(TypeError);
  });
});
