/**
 * What an attacker can do to a signed ELM credential, and the exact code each attempt gets. Where a
 * check other than the signature fires first, the test says which and why.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportToElm, toElm, type MicroCredential } from '../src/index.js';
import { documentLoader } from '../src/jsonld/loader.js';
import { type IssuerKey, generateIssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { createPresentation, signPresentation, verifyPresentation } from '../src/vc/presentation.js';
import { mutation, mutate, pathsOf, validMicroCredential } from './helpers/arbitraries.js';
import { validFixtures } from './helpers/fixtures.js';

type Doc = Record<string, any>;
type Path = (string | number)[];

const created = '2025-06-30T12:00:00Z';
/** Inside the fixture's validity: issued 2025-06-30, valid until 2030-06-30. */
const now = '2026-01-01T00:00:00Z';
const fixture = (name: string) => structuredClone(validFixtures.find((f) => f.name === name)!.doc) as MicroCredential;

let key: IssuerKey;
let signed: Doc;

async function issue(signer: IssuerKey, name = 'every-optional-element', id = 'urn:uuid:00000000-0000-4000-8000-000000000001'): Promise<Doc> {
  const mc = fixture(name);
  const credential = toElm({ ...mc, issuer: { ...mc.issuer, id: signer.controller, identifiers: { eidas: 'FR-TEST-1' } } }, { id });
  return signCredential(credential, { key: signer, created });
}

/** The codes of a verification, each once (one re-spelling can be reported at several places). */
const codes = async (doc: unknown, options: Parameters<typeof verifyCredential>[1] = {}) => [...new Set((await verifyCredential(doc, { now, ...options })).issues.map((i) => i.code))];

beforeAll(async () => {
  key = await generateIssuerKey({ seed: new Uint8Array(32).fill(7) });
  signed = await issue(key);
});

const BASE58 = /^z[1-9A-HJ-NP-Za-km-z]+$/;
/** What a changed proofValue gets: VC_PROOF_MALFORMED when it left base58btc (or its `z`), else VC_SIGNATURE_INVALID. */
const proofValueExpected = (value: string): string => (BASE58.test(value) && value.length >= 87 && value.length <= 89 ? 'VC_SIGNATURE_INVALID' : 'VC_PROOF_MALFORMED');

const at = (doc: Doc, path: Path): any => path.reduce((v: any, k) => v[k], doc);

/** A copy of `doc` with the character at `index` of the string at `path` replaced by a neighbour of the same kind. */
function changeChar(doc: Doc, path: Path, index: number): Doc {
  const copy = structuredClone(doc);
  const parent = at(copy, path.slice(0, -1));
  const s: string = parent[path[path.length - 1]!];
  const c = s[index]!;
  const next = /[0-9]/.test(c) ? (c === '0' ? '1' : String(Number(c) - 1)) : /[a-yA-Y]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 1) : /[zZ]/.test(c) ? String.fromCharCode(c.charCodeAt(0) - 1) : c === '.' ? ',' : '.';
  parent[path[path.length - 1]!] = s.slice(0, index) + next + s.slice(index + 1);
  return copy;
}

/**
 * The outcome of changing one character of the string at `path` (away from its first character,
 * which the date cases below cover), with the reason whenever it is not VC_SIGNATURE_INVALID.
 */
/** Ids of nodes written out in full more than once (EDC style: concepts, organisations). */
function repeatedIds(doc: Doc): Set<string> {
  const count = new Map<string, number>();
  const walk = (v: any) => {
    if (v === null || typeof v !== 'object') return;
    if (!Array.isArray(v) && typeof v.id === 'string' && Object.keys(v).length > 1) count.set(v.id, (count.get(v.id) ?? 0) + 1);
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x);
  };
  walk(doc);
  return new Set([...count].filter(([, n]) => n > 1).map(([id]) => id));
}

/**
 * Whether the change at `path` lands in a node that is written out again elsewhere: the copies then
 * disagree, which the canonical-form check refuses before any signature is checked. A changed `id`
 * makes its own node another node; its parents still count.
 */
function inRepeatedNode(doc: Doc, path: Path): boolean {
  const repeated = repeatedIds(doc);
  const objects: any[] = [];
  let v: any = doc;
  for (const k of path.slice(0, -1)) {
    v = v[k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) objects.push(v);
  }
  const checked = path[path.length - 1] === 'id' ? objects.slice(0, -1) : objects;
  return checked.some((o) => typeof o.id === 'string' && repeated.has(o.id));
}

function expectedFor(path: Path): string[] {
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];
  // The offline loader has no document under the changed URL; found before anything is loaded.
  if (path[0] === '@context') return ['VC_CONTEXT_NOT_BUNDLED'];
  if (path[0] === 'proof') {
    // A proof type no suite handles is recognised before any verification.
    if (last === 'type') return ['VC_PROOF_UNSUPPORTED'];
    // The changed key id is not the key of its did:key, and nothing else would serve it.
    if (last === 'verificationMethod') return ['VC_CONTROLLER_UNKNOWN'];
    // A proofValue that is no longer base58btc of 64 bytes is refused before any cryptography.
    if (last === 'proofValue') return [proofValueExpected(changeChar(signed, path, Math.floor(at(signed, path).length / 2)).proof.proofValue)];
    return ['VC_SIGNATURE_INVALID'];
  }
  // Inside a node written out twice: the two copies no longer say the same.
  if (path[0] !== '@context' && path[0] !== 'type' && inRepeatedNode(signed, path)) return ['VC_JSON_NOT_CANONICAL'];
  // Without the VerifiableCredential type, the VC context's terms scoped to it (issuer, dates,
  // credentialSubject) are undefined: the canonical-form check names each.
  if (path.length === 2 && path[0] === 'type' && at(signed, path) === 'VerifiableCredential') return ['VC_UNDEFINED_TERM'];
  // A type name the ELM context does not define: JSON-LD safe mode refuses it before hashing.
  if (last === 'type' || parentKey === 'type') return ['VC_UNDEFINED_TERM'];
  // The changed issuer also no longer controls the key: both are reported.
  if (path.join('.') === 'issuer.id') return ['VC_SIGNATURE_INVALID', 'VC_ISSUER_KEY_MISMATCH'];
  return ['VC_SIGNATURE_INVALID'];
}

describe('one changed character anywhere in a signed ELM credential', () => {
  it('every string value, changed in its middle, gets the exact code', async () => {
    const strings = pathsOf(signed).filter((p) => p.length > 0 && typeof at(signed, p) === 'string' && at(signed, p).length > 0);
    expect(strings.length).toBeGreaterThan(300);
    const wrong: string[] = [];
    for (const path of strings) {
      const s: string = at(signed, path);
      const got = await codes(changeChar(signed, path, Math.floor(s.length / 2)));
      const want = expectedFor(path);
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${path.join('.')}: ${got.join('+')} (expected ${want.join('+')})`);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['the title', ['credentialSubject', 'hasClaim', 'title', 'en']],
    ['the learner\'s name', ['credentialSubject', 'fullName', 'en']],
    ['the learner\'s national id', ['credentialSubject', 'nationalID', 'notation']],
    ['the ECTS point', ['credentialSubject', 'hasClaim', 'specifiedBy', 'creditPoint', 0, 'point']],
    ['the EQF level concept', ['credentialSubject', 'hasClaim', 'specifiedBy', 'eqfLevel', 'id']],
    ['the credential id', ['id']],
    ['the proof value', ['proof', 'proofValue']],
    ['the proof\'s purpose', ['proof', 'proofPurpose']],
    ['the proof\'s date', ['proof', 'created']],
  ] as [string, Path][])('%s, at its first, middle and last character: VC_SIGNATURE_INVALID', async (_what, path) => {
    const s: string = at(signed, path);
    for (const index of [0, Math.floor(s.length / 2), s.length - 1]) {
      const changed = changeChar(signed, path, index);
      const want = path[1] === 'proofValue' ? proofValueExpected(changed.proof.proofValue) : 'VC_SIGNATURE_INVALID';
      expect(await codes(changed), `${path.join('.')}[${index}]`).toEqual([want]);
    }
  });

  it('the verification method, anywhere: VC_CONTROLLER_UNKNOWN (no key answers to the changed id)', async () => {
    const s: string = signed.proof.verificationMethod;
    for (const index of [0, 20, s.indexOf('#') + 5, s.length - 1]) {
      expect(await codes(changeChar(signed, ['proof', 'verificationMethod'], index))).toEqual(['VC_CONTROLLER_UNKNOWN']);
    }
  });

  it('the dates: VC_SIGNATURE_INVALID, with the validity finding when the change crosses `now`', async () => {
    for (const date of ['issuanceDate', 'validFrom', 'issued']) {
      for (const index of [0, 3, 12, 24]) expect(await codes(changeChar(signed, [date], index)), `${date}[${index}]`).toEqual(['VC_SIGNATURE_INVALID']);
    }
    expect(await codes(changeChar(signed, ['validUntil'], 12))).toEqual(['VC_SIGNATURE_INVALID']);
    // 2030 → 1030: before `now`.
    expect(await codes(changeChar(signed, ['validUntil'], 0))).toEqual(['VC_SIGNATURE_INVALID', 'VC_EXPIRED']);
    // Moved after `now`: not yet valid.
    const later = structuredClone(signed);
    later.validFrom = '2035-06-30T14:00:00+02:00';
    expect(await codes(later)).toEqual(['VC_SIGNATURE_INVALID', 'VC_NOT_YET_VALID']);
  });

  it('a VC 1.1 expirationDate moved before the issuance date: VC_VERIFICATION_FAILED, because @digitalbazaar/vc compares the two before it checks the signature, and VC_EXPIRED', async () => {
    const t = changeChar(signed, ['expirationDate'], 0); // 2030 → 1030
    const result = await verifyCredential(t, { now });
    // …and it is expired at `now`, which the validity check says too.
    expect(result.issues.map((i) => i.code)).toEqual(['VC_VERIFICATION_FAILED', 'VC_EXPIRED']);
    expect(result.issues[0]!.message).toMatch(/expired/i);
    expect(await codes(changeChar(signed, ['expirationDate'], 12))).toEqual(['VC_SIGNATURE_INVALID']);
  });
});

describe('additions the contexts do not define', () => {
  it('an added property, at the top or deep inside: VC_UNDEFINED_TERM', async () => {
    expect(await codes({ ...signed, smuggled: 'x' })).toEqual(['VC_UNDEFINED_TERM']);
    const deep = structuredClone(signed);
    deep.credentialSubject.hasClaim.specifiedBy.grade = 'A+';
    expect(await codes(deep)).toEqual(['VC_UNDEFINED_TERM']);
    const type = structuredClone(signed);
    type.credentialSubject.type = ['Person', 'Wizard'];
    expect(await codes(type)).toEqual(['VC_UNDEFINED_TERM']);
  });

  it('a `__proto__` member (jsonld.js would drop it silently): VC_UNDEFINED_TERM, and nothing is polluted', async () => {
    // JSON.parse makes `__proto__` an own member; a reader that copies the subject with
    // Object.assign or a for…in loop would get the smuggled object as the copy's prototype.
    const text = JSON.stringify(signed);
    for (const smuggled of [
      text.replace('"credentialSubject":{', '"credentialSubject":{"__proto__":{"familyName":{"en":"Forged"}},'),
      text.replace('{', '{"__proto__":{"isAdmin":true},'),
    ]) {
      const doc = JSON.parse(smuggled);
      expect(await codes(doc)).toEqual(['VC_UNDEFINED_TERM']);
    }
    // In a proof it is also a member no suite defines.
    expect(await codes(JSON.parse(text.replace('"proof":{', '"proof":{"__proto__":"x",')))).toEqual(['VC_PROOF_MALFORMED', 'VC_UNDEFINED_TERM']);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const unsigned = JSON.parse(JSON.stringify(toElm({ ...fixture('higher-education'), issuer: { ...fixture('higher-education').issuer, id: key.controller, identifiers: { eidas: 'X' } } })).replace('{', '{"__proto__":{"x":1},'));
    await expect(signCredential(unsigned, { key })).rejects.toMatchObject({ reason: 'VC_UNDEFINED_TERM' });
  });
});

describe('an empty IRI ("") where the contexts expect an IRI (dropped by JSON-LD without a safe-mode error)', () => {
  // Found by the mutation property below: with `base: null`, as the proof suites run it, jsonld.js
  // keeps `{"@id": ""}` and leaves it out of the RDF. The language concept is written out elsewhere
  // too, so the signed statements were unchanged and the signature held; the JSON said otherwise.
  it('a node replaced by "" in a signed credential: VC_UNDEFINED_TERM, naming the place', async () => {
    const changed = structuredClone(signed);
    changed.displayParameter.individualDisplay[0].language.inScheme = ''; // one display per language: en, fr
    const result = await verifyCredential(changed, { now });
    expect(result.verified).toBe(false);
    // (The language concept is written out elsewhere too; the copies are compared only in a
    // document otherwise in order.)
    expect(result.issues.map((i) => i.code)).toEqual(['VC_UNDEFINED_TERM']);
    expect(result.issues[0]!.path).toBe('/displayParameter/individualDisplay/0/language/inScheme');
    for (const suite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
      const { proof: _proof, ...unsigned } = structuredClone(signed);
      const other: Doc = await signCredential({ ...unsigned, '@context': signed['@context'].slice(0, 2) }, { key, suite, created });
      other.displayParameter.individualDisplay[0].language.inScheme = '';
      // JCS signs the JSON itself, so its signature breaks as well.
      // Found before any cryptography now, for every suite.
      expect(await codes(other), suite).toEqual(['VC_UNDEFINED_TERM']);
    }
  });

  it('signing refuses it; an empty literal ("" as a text) is signed as it is', async () => {
    const { proof: _proof, ...unsigned } = structuredClone(signed);
    unsigned['@context'] = unsigned['@context'].slice(0, 2);
    const withEmptyIri = structuredClone(unsigned);
    withEmptyIri.credentialSubject.hasClaim.id = 'urn:uuid:00000000-0000-4000-8000-0000000000aa';
    withEmptyIri.credentialSubject.hasClaim.specifiedBy.learningOutcome = '';
    await expect(signCredential(withEmptyIri, { key, created })).rejects.toMatchObject({ reason: 'VC_UNDEFINED_TERM', path: '/credentialSubject/hasClaim/specifiedBy/learningOutcome' });
    const withEmptyText = structuredClone(unsigned);
    withEmptyText.credentialSubject.hasClaim.title = { en: '' };
    const ok = await signCredential(withEmptyText, { key, created });
    expect((await verifyCredential(ok, { now })).verified).toBe(true);
  });

  it('a presentation holding one is refused when signed and when verified', async () => {
    const emptied = { ...structuredClone(signed), credentialSubject: { ...signed.credentialSubject, hasClaim: '' } };
    const presentation = { ...createPresentation({ credentials: [signed], holder: key.controller }), verifiableCredential: emptied };
    await expect(signPresentation(presentation, { key, challenge: 'c', domain: 'd.example', created })).rejects.toMatchObject({ reason: 'VC_UNDEFINED_TERM' });
    const good = await signPresentation(createPresentation({ credentials: [signed], holder: key.controller }), { key, challenge: 'c', domain: 'd.example', created });
    const forged = { ...good, verifiableCredential: emptied };
    const result = await verifyPresentation(forged, { challenge: 'c', domain: 'd.example', now });
    expect(result.verified).toBe(false);
    expect(result.issues.map((i) => i.code)).toContain('VC_UNDEFINED_TERM');
  });
});

describe('a changed @context: refused by the offline loader, nothing fetched', () => {
  let server: Server;
  let requests = 0;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.setHeader('content-type', 'application/ld+json');
      res.end('{"@context":{"smuggled":"https://evil.example/smuggled"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/context.jsonld`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('at the top, nested in a node, or as an https URL', async () => {
    const top = { ...signed, '@context': [...signed['@context'], url] };
    const nested = structuredClone(signed);
    nested.credentialSubject = { '@context': url, ...nested.credentialSubject };
    const https = structuredClone(signed);
    https.credentialSubject = { '@context': 'https://evil.example/context.jsonld', ...https.credentialSubject };
    for (const doc of [top, nested, https]) {
      const result = await verifyCredential(doc, { now });
      expect(result.issues.map((i) => i.code)).toEqual(['VC_CONTEXT_NOT_BUNDLED']);
      expect(result.issues[0]!.message).toContain('nothing was fetched');
      expect(result.issues[0]!.message).not.toMatch(/ECONNREFUSED|fetch failed|socket/i);
    }
    expect(result0(await verifyCredential(nested, { now }))).toContain(url);
    expect(requests).toBe(0);
    const { proof: _proof, ...bare } = structuredClone(signed);
    await expect(signCredential({ ...bare, '@context': [...signed['@context'], url] }, { key })).rejects.toMatchObject({ reason: 'VC_CONTEXT_NOT_BUNDLED' });
    expect(requests).toBe(0);
  });
});

const result0 = (r: { issues: { message: string }[] }) => r.issues[0]?.message ?? '';

describe('issuer and key', () => {
  it('the issuer swapped for another: VC_SIGNATURE_INVALID and VC_ISSUER_KEY_MISMATCH', async () => {
    const other = await generateIssuerKey({ seed: new Uint8Array(32).fill(9) });
    const t = structuredClone(signed);
    t.issuer.id = other.controller;
    expect(await codes(t)).toEqual(['VC_SIGNATURE_INVALID', 'VC_ISSUER_KEY_MISMATCH']);
    t.issuer = other.controller;
    expect(await codes(t)).toEqual(['VC_SIGNATURE_INVALID', 'VC_ISSUER_KEY_MISMATCH']);
  });

  it('re-signed by a forger under their own name: genuine as far as signatures go, caught by trustedIssuers', async () => {
    const forger = await generateIssuerKey({ seed: new Uint8Array(32).fill(66) });
    const { proof: _proof, ...bare } = structuredClone(signed);
    bare['@context'] = bare['@context'].filter((c: string) => !c.includes('ed25519'));
    const forged = await signCredential(bare, { key: forger, setIssuer: true });
    expect(await codes(forged)).toEqual([]);
    expect(await codes(forged, { trustedIssuers: [key.controller] })).toEqual(['VC_UNTRUSTED_ISSUER']);
  });

  it('a did:web key listed only under `authentication`: VC_KEY_NOT_AUTHORIZED', async () => {
    const web = await generateIssuerKey({ seed: new Uint8Array(32).fill(8), controller: 'did:web:uni.example.eu' });
    const credential = await issue(web);
    const authOnly = { ...web.controllerDocument(), assertionMethod: [] };
    expect(await codes(credential, { controllers: [authOnly] })).toEqual(['VC_KEY_NOT_AUTHORIZED']);
    expect(await codes(credential)).toEqual(['VC_CONTROLLER_UNKNOWN']);
    // A controller document that lists another key: this key is not among its methods.
    const otherKey = await generateIssuerKey({ seed: new Uint8Array(32).fill(10), controller: 'did:web:uni.example.eu' });
    expect(await codes(credential, { controllers: [otherKey.controllerDocument()] })).toEqual(['VC_CONTROLLER_UNKNOWN']);
    expect(await codes(credential, { controllers: [web.controllerDocument()] })).toEqual([]);
  });
});

describe('validity, proofs', () => {
  it('expired, and not yet valid', async () => {
    expect(await codes(signed, { now: '2031-01-01T00:00:00Z' })).toEqual(['VC_EXPIRED']);
    expect(await codes(signed, { now: '2025-06-30T11:59:59Z' })).toEqual(['VC_NOT_YET_VALID']);
  });

  it('the proof removed, emptied or nulled', async () => {
    const { proof: _p, ...bare } = signed;
    expect(await codes(bare)).toEqual(['VC_PROOF_MISSING']);
    expect(await codes({ ...signed, proof: [] })).toEqual(['VC_PROOF_MISSING']);
    expect(await codes({ ...signed, proof: null })).toEqual(['VC_PROOF_MALFORMED']);
    expect(await codes({ ...signed, proof: { ...signed.proof, type: 'RsaSignature2018' } })).toEqual(['VC_PROOF_UNSUPPORTED']);
  });

  it('a proof from another credential of the same issuer, or from a presentation', async () => {
    const other = await issue(key, 'higher-education');
    expect(await codes({ ...signed, proof: other.proof })).toEqual(['VC_SIGNATURE_INVALID']);
    const vp = await signPresentation(createPresentation({ credentials: [signed], holder: key.controller }), { key, challenge: 'c', domain: 'd' });
    // An authentication proof is no issuance proof: no proof matches the assertion purpose.
    expect(await codes({ ...signed, proof: vp.proof })).toEqual(['VC_SIGNATURE_INVALID']);
    // Two proofs, one genuine and one copied: every proof must verify, so it does not.
    const both = await verifyCredential({ ...signed, proof: [signed.proof, other.proof] }, { now });
    expect(both.issues.map((i) => [i.code, i.path])).toEqual([['VC_SIGNATURE_INVALID', '/proof/1/proofValue']]);
  });
});

describe('what is not checked is not accepted silently', () => {
  it('a credentialStatus of a type the library does not check (StatusList2021): STATUS_ENTRY_MALFORMED, not verified', async () => {
    const { proof: _proof, ...bare } = structuredClone(signed);
    const withStatus = await signCredential({ ...bare, credentialStatus: { id: 'https://uni.example.eu/status/1#5', type: 'https://w3id.org/vc/status-list#StatusList2021Entry' } }, { key, created });
    const result = await verifyCredential(withStatus, { now });
    expect(result.verified).toBe(false);
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['STATUS_ENTRY_MALFORMED', '/credentialStatus/type']]);
    expect(result.issues[0]!.message).toContain('not checked by this library');
  });
});

describe('hostile input: VC_CREDENTIAL_MALFORMED, never a throw', () => {
  it('a 33 MB string (over the 32 million character limit), and 30 MB under it', async () => {
    const huge = structuredClone(signed);
    huge.credentialSubject.fullName = { en: 'x'.repeat(33_000_000) };
    expect(await codes(huge)).toEqual(['VC_CREDENTIAL_MALFORMED']);
    // Under the limit the document is processed, slowly but safely: it is simply not what was signed.
    huge.credentialSubject.fullName = { en: 'x'.repeat(30_000_000) };
    expect(await codes(huge)).toEqual(['VC_SIGNATURE_INVALID']);
  });

  it('100 000 levels of nesting, and 200 001 values', async () => {
    let deep: Doc = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(await codes(deep)).toEqual(['VC_CREDENTIAL_MALFORMED']);
    expect(await codes({ ...signed, evidence: deep })).toEqual(['VC_CREDENTIAL_MALFORMED']);
    expect(await codes({ ...signed, evidence: new Array(200_001).fill(0) })).toEqual(['VC_CREDENTIAL_MALFORMED']);
  });

  it('null, arrays, strings, numbers, class instances, throwing getters', async () => {
    const getter = Object.defineProperty({ ...signed }, 'issuer', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const input of [null, undefined, [], [signed], 'signed', JSON.stringify(signed), 42, NaN, new Map(), new Date(), getter, { ...signed, n: Infinity }]) {
      const result = await verifyCredential(input, { now });
      expect(result.verified).toBe(false);
      expect(result.issues.map((i) => i.code)).toEqual(['VC_CREDENTIAL_MALFORMED']);
    }
  });
});

describe('properties', () => {
  const stripProof = ({ proof: _proof, ...rest }: Doc) => rest;
  // jsonld's declarations (src/types/jsonld.d.ts) cover what the library calls; canonize is the test's own.
  const { canonize } = jsonld as unknown as { canonize(doc: unknown, options: object): Promise<string> };
  // As the proof suites canonicalize: RDFC-1.0 in safe mode with no base IRI.
  const canonical = (doc: Doc) => canonize(stripProof(doc), { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true, base: null });

  /**
   * The generator draws now and then a model whose related-skill URI is also an awarding body's id:
   * JSON-LD would make both one node with two contents, so toElm refuses it (ELM_NODE_CONFLICT, at
   * the skill) rather than writing a document signCredential would refuse as not canonical.
   */
  const skillIsOrganisation = (mc: MicroCredential) => {
    const orgs = new Set([mc.issuer.id, ...mc.awardingBodies.map((b) => b.id)]);
    return mc.learningOutcomes.some((o) => (o.relatedSkills ?? []).some((s) => orgs.has(s)));
  };

  /** The signed export of a generated model; undefined when toElm refuses it, which it may only do for one id given to two nodes. */
  async function signedFrom(mc: MicroCredential): Promise<{ doc: Doc; now: string } | undefined> {
    const prepared = { ...mc, issuer: { ...mc.issuer, id: key.controller, identifiers: { ...mc.issuer.identifiers, eidas: 'IE-TEST-1' } } };
    const exported = exportToElm(prepared);
    if (skillIsOrganisation(prepared)) expect(exported.ok).toBe(false);
    if (!exported.ok) {
      const errors = exported.issues.filter((i) => i.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((i) => i.code)).toEqual(errors.map(() => 'ELM_NODE_CONFLICT'));
      if (skillIsOrganisation(prepared)) expect(errors.some((i) => /^\/learningOutcomes\/\d+\/relatedSkills\/\d+$/.test(i.path))).toBe(true);
      return undefined;
    }
    return { doc: await signCredential(exported.document, { key, created }), now: mc.dateOfIssue };
  }

  it('sign → verify holds for generated micro-credentials (toElm refuses those with one id for two nodes)', async () => {
    await fc.assert(
      fc.asyncProperty(validMicroCredential, async (mc) => {
        const signed = await signedFrom(mc);
        if (!signed) return;
        const result = await verifyCredential(signed.doc, { now: signed.now, validateContent: true });
        expect(result.issues).toEqual([]);
        expect(result.verified).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  // Some mutations do verify (a value replaced by an equal one, a change to the proof's own
  // members); the property is that none of them changed what was signed.
  it('one random mutation of a signed document makes verification fail, or leaves its canonical content unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(validMicroCredential, mutation, async (mc, [pick, how, replacement, key]) => {
        const signed = await signedFrom(mc);
        if (!signed) return;
        const { doc, now: at } = signed;
        const mutated = mutate(doc, pick, how, replacement, key) as Doc;
        const result = await verifyCredential(mutated, { now: at });
        if (!result.verified) return;
        expect(await canonical(mutated)).toBe(await canonical(doc));
      }),
      { numRuns: 150 },
    );
    // Room for fast-check to shrink a counterexample and report it (150 runs take about 4 s).
  }, 180_000);
});
