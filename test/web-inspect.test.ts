// The verifier page's checking core (web/src/inspect/) in Node: every kind of file the page reads
// (test/helpers/web-files.ts), good, changed after signing, with an unknown or unloaded signer,
// expired, revoked with its list, and unreadable; what is shown comes from verified data only;
// trust files; the Annex I table; the exports and the JSON report. The page runs the same code in
// Chromium (test/web-page.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { type MicroCredential, toElm } from '../src/index.js';
import { renderPdf } from '../src/render/pdf.js';
import { signCredential, generateIssuerKey } from '../src/vc.js';
import { EMPTY_TRUST, type InspectReport, type Trust, exportElm, exportOb3, exportProblems, inspect, mergeTrust, readTrustFile, reportJson } from '../web/src/inspect/index.js';
import { makeWebFiles } from './helpers/web-files.js';
import { basicConstraints, certificate, keyIds, keys, keyUsage, pem, seal } from './helpers/pki.js';

const web = await makeWebFiles();
const fixture = (path: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', path), 'utf8')) as MicroCredential;
const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The trust of every trust file, or of those named. */
function trustOf(...names: string[]): Trust {
  let trust = EMPTY_TRUST;
  for (const name of names.length > 0 ? names : Object.keys(web.trust)) {
    const read = readTrustFile(name, web.trust[name]!);
    expect(read.problem, name).toBeUndefined();
    trust = mergeTrust(trust, read.added);
  }
  return trust;
}
const ALL = trustOf();
const check = (name: string, trust: Trust = EMPTY_TRUST, options: Parameters<typeof inspect>[2] = {}) => inspect({ name, bytes: web.files[name]! }, trust, options);
const reasons = (r: InspectReport) => r.verdict.reasons.map((x) => x.code);

describe('every file of the page\'s tests gets the verdict it must', () => {
  for (const [name, expected] of Object.entries(web.expected)) {
    it(`${name} (${expected.about})`, async () => {
      const bare = await check(name);
      expect({ kind: bare.kind, container: bare.container, state: bare.verdict.state, validity: bare.validity.state, revocation: bare.revocation.state, model: bare.model !== undefined }).toEqual({
        kind: expected.kind,
        container: expected.container,
        state: expected.state,
        validity: expected.validity,
        revocation: expected.revocation,
        model: expected.model,
      });
      const trusted = await check(name, ALL);
      expect({ state: trusted.verdict.state, revocation: trusted.revocation.state }).toEqual({ state: expected.withTrust, revocation: expected.revocationWithTrust });
      // Only the trust files it needs change its verdict.
      if (web.needs[name]) expect((await check(name, trustOf(...web.needs[name]!))).verdict.state).toBe(expected.withTrust);
      // Nothing of a file that is not genuine is shown: no model, no element, no languages.
      for (const r of [bare, trusted]) {
        if (r.verdict.state === 'not-genuine' || r.verdict.state === 'unreadable') {
          expect(r.model).toBeUndefined();
          expect(r.elements.filter((e) => e.present)).toEqual([]);
          expect(r.languages).toEqual([]);
          expect(r.credential).toBeUndefined();
        }
        expect(r.verdict.state === 'genuine' ? r.verdict.signer : 'signer').toBeDefined();
        expect(r.verdict.reasons.every((x) => x.text.length > 20)).toBe(true);
      }
    });
  }
});

describe('signed credentials (W3C Data Integrity)', () => {
  it('genuine: the DID, the time of signing, the model and its languages', async () => {
    const r = await check('signed-did-key.jsonld', ALL);
    expect(r.verdict).toMatchObject({ state: 'genuine', mechanism: 'proof', signer: { kind: 'did', id: expect.stringMatching(/^did:key:z6Mk/) }, signedAt: expect.any(String) });
    expect(r.languages).toEqual(['ga', 'en', 'fr']);
    expect(r.elements.find((e) => e.id === 'M2')?.lines).toEqual(['Gaeilge don Ionad Oibre']);
    const fr = await check('signed-did-key.jsonld', ALL, { lang: 'fr' });
    expect(fr.elements.find((e) => e.id === 'M2')?.lines).toEqual(['L\'irlandais au travail']);
    // Units as the picture's labels give them in the language (the EU's translations), numbers and dates by Intl.
    const { renderLabels } = await import('../src/render/labels.js');
    expect(fr.elements.find((e) => e.id === 'M7')?.lines[0]).toMatch(new RegExp(`^[\\d,.\u202f\u00a0]+ ${renderLabels('fr').ectsCredits}$`));
    expect(r.credential?.text).toBe(text(web.files['signed-did-key.jsonld']!));
  });

  it('changed after signing: not genuine, in words, and nothing of it shown', async () => {
    const r = await check('signed-did-key-tampered.jsonld', ALL);
    expect(reasons(r)).toEqual(['VC_SIGNATURE_INVALID']);
    expect(r.verdict.reasons[0]!.text).toBe('The credential was changed after it was signed: its signature no longer matches its content.');
    expect(reportJson(r)).not.toContain('Oibrf');
  });

  it('did:web: unconfirmed until its DID document is loaded, then genuine; a changed one then not genuine', async () => {
    const bare = await check('signed-did-web.jsonld');
    expect(bare.verdict).toMatchObject({ state: 'unconfirmed', signer: { kind: 'did', id: 'did:web:uni.example.eu' } });
    expect(reasons(bare)).toEqual(['VC_CONTROLLER_UNKNOWN', 'EUMC_CONTENT_UNCHECKED']);
    expect(bare.verdict.reasons[0]!.text).toMatch(/DID document/);
    expect((await check('signed-did-web.jsonld', trustOf('did-web.did.json'))).verdict.state).toBe('genuine');
    expect((await check('signed-did-web-tampered.jsonld', trustOf('did-web.did.json'))).verdict.state).toBe('not-genuine');
  });

  it('expired: genuine, and its validity says it ended (with the dates); not yet valid before it starts', async () => {
    const r = await check('signed-expired.jsonld');
    expect(r.verdict.state).toBe('genuine');
    expect(r.validity).toMatchObject({ state: 'expired', validUntil: '2025-01-31T23:59:59Z' });
    expect(reasons(r)).toContain('VC_EXPIRED');
    const early = await check('signed-did-key.jsonld', EMPTY_TRUST, { now: new Date('2000-01-01T00:00:00Z') });
    expect(early.validity.state).toBe('not-yet-valid');
  });

  it('revoked: not checked without its list; revoked with it, with the entry', async () => {
    expect((await check('signed-revoked.jsonld')).revocation).toEqual({ state: 'not-checked', entries: [expect.objectContaining({ state: 'not-checked', list: 'https://uni.example.eu/status/1' })] });
    const r = await check('signed-revoked.jsonld', trustOf('status-list.json'));
    expect(r.revocation).toEqual({ state: 'revoked', entries: [{ purpose: 'revocation', state: 'revoked', list: 'https://uni.example.eu/status/1', index: expect.any(Number) }] });
    expect(reasons(r)).toContain('STATUS_REVOKED');
    expect((await check('signed-did-key.jsonld', trustOf('status-list.json'))).revocation.state).toBe('valid');
  });

  it('a status list of another issuer does not make a credential valid or revoked: unknown', async () => {
    const other = await generateIssuerKey({ seed: new Uint8Array(32).fill(99) });
    const list = JSON.parse(text(web.trust['status-list.json']!)) as Record<string, unknown>;
    const { proof: _proof, ...unsigned } = list;
    const forged = await signCredential({ ...unsigned, issuer: other.controller }, { key: other });
    const trust = mergeTrust(EMPTY_TRUST, readTrustFile('forged-list.json', utf8(JSON.stringify(forged))).added);
    const r = await check('signed-revoked.jsonld', trust);
    expect(r.verdict.state).toBe('genuine');
    expect(r.revocation.state).toBe('unknown');
  });

  it('a member twice: refused as not genuine (programs differ on which one counts), nothing shown', async () => {
    const signed = text(web.files['signed-did-key.jsonld']!);
    // JSON.parse keeps the last of two members, which is the signed one: the signature verifies, another program would show the first.
    const twice = signed.replace('{', '{\n  "id": "urn:mallory",');
    expect(twice).not.toBe(signed);
    const r = await inspect({ name: 'twice.jsonld', bytes: utf8(twice) }, ALL);
    expect(r.verdict.state).toBe('not-genuine');
    expect(reasons(r)).toEqual(['EUMC_JSON_DUPLICATE_NAME']);
    expect(r.verdict.reasons[0]!.text).toMatch(/the top has the member "id" twice/);
    expect(reportJson(r)).not.toContain('mallory');
    expect(r.model).toBeUndefined();
  });

  it('in EDC\'s upload wrapper: unwrapped, and said', async () => {
    const r = await check('wrapped-signed.json');
    expect(r.wrapper).toBe('/credential');
    expect(r.issues[0]).toMatchObject({ code: 'ELM_WRAPPED', path: '/credential', source: 'input' });
    expect(r.verdict.state).toBe('genuine');
  });
});

describe('EDC seals', () => {
  it('intact without a trust anchor: unconfirmed, never genuine; the sealed payload is the model', async () => {
    const r = await check('sealed.json');
    expect(r.verdict).toMatchObject({ state: 'unconfirmed', mechanism: 'seal', signer: { kind: 'certificate', subject: expect.stringContaining('Test University eSeal') } });
    expect(reasons(r)).toContain('EDC_SEAL_TRUST_NOT_CHECKED');
    expect(r.model?.learner.fullName).toBe('Aoife Byrne');
  });

  it('with its anchor: genuine, the certificate and the anchor it chains to named', async () => {
    const r = await check('sealed.json', trustOf('seal-root-ca.pem'));
    expect(r.verdict).toMatchObject({ state: 'genuine', signer: { kind: 'certificate', issuer: expect.stringContaining('Test eSeal Root CA'), anchor: 'seal-root-ca.pem' }, signedAt: '2025-03-01T10:00:00Z' });
  });

  it('with another anchor: unconfirmed, "does not chain to a trust anchor you loaded"', async () => {
    const k = keys('p256', 7);
    const other = certificate({ subject: [['CN', 'Another Root']], issuer: [['CN', 'Another Root']], publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign'), ...keyIds(k.publicKey, k.publicKey)] });
    const r = await check('sealed.json', mergeTrust(EMPTY_TRUST, readTrustFile('other.pem', utf8(pem(other))).added));
    expect(r.verdict.state).toBe('unconfirmed');
    expect(r.verdict.reasons.map((x) => x.text)).toContain('The seal\'s certificate does not chain to a trust anchor you loaded.');
  });

  it('an unsealed credential beside an intact seal: refused, and none of it shown', async () => {
    const r = await check('sealed-with-extra.json', ALL);
    expect(r.verdict.state).toBe('not-genuine');
    expect(reasons(r)).toContain('EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN');
    expect(reportJson(r)).not.toContain('Mallory');
  });

  it('a member twice in the sealed payload: refused, though the seal is intact over it', async () => {
    const k = keys('p256', 0);
    const cert = certificate({ subject: [['CN', 'Self']], issuer: [['CN', 'Self']], publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256' });
    const payload = JSON.stringify(JSON.parse(text(web.files['elm.jsonld']!))).replace('{', '{"id":"urn:mallory",');
    for (const b64 of [false, true]) {
      const r = await inspect({ name: 'twice.json', bytes: utf8(JSON.stringify(seal(payload, { alg: 'ES256', key: k.privateKey, x5c: [cert], b64 }))) }, mergeTrust(EMPTY_TRUST, readTrustFile('self.pem', utf8(pem(cert))).added));
      expect(r.verdict.state).toBe('not-genuine');
      expect(r.verdict.reasons[0]!.text).toMatch(/^In the sealed payload: The object at the top has the member "id" twice/);
      expect(r.model).toBeUndefined();
    }
  });

  it('a sealed credential whose own proof fails is not genuine, however intact the seal', async () => {
    const signed = JSON.parse(text(web.files['signed-did-key-tampered.jsonld']!)) as unknown;
    const k = keys('p256', 0);
    // The same leaf key the helper's seal uses is not needed: the seal is checked for integrity only here.
    const cert = certificate({ subject: [['CN', 'Self']], issuer: [['CN', 'Self']], publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256' });
    const r = await inspect({ name: 'sealed-signed.json', bytes: utf8(JSON.stringify(seal(signed, { alg: 'ES256', key: k.privateKey, x5c: [cert] }))) }, mergeTrust(EMPTY_TRUST, readTrustFile('self.pem', utf8(pem(cert))).added));
    expect(r.verdict.state).toBe('not-genuine');
    expect(reasons(r)).toContain('VC_SIGNATURE_INVALID');
    expect(r.model).toBeUndefined();
  });
});

describe('Open Badges 3.0', () => {
  it('baked PNG and SVG: the signed badge inside, genuine', async () => {
    for (const name of ['ob3-baked.png', 'ob3-baked.svg']) {
      const r = await check(name);
      expect(r.verdict.state).toBe('genuine');
      expect(r.model?.title).toBe('Data Protection and GDPR for Data Analysts');
    }
  });

  it('a VC-JWT: its JWS verified as a proof is; genuine by a did:key, the content read from the verified credential', async () => {
    const r = await check('ob3-vc-jwt.jwt');
    expect(r).toMatchObject({ kind: 'ob3-jwt', verdict: { state: 'genuine', mechanism: 'proof', signer: { kind: 'did', id: expect.stringMatching(/^did:key:z6Mk/) } } });
    expect(r.model?.title).toBe('Data Protection and GDPR for Data Analysts');
    expect(r.issues.map((i) => i.code)).not.toContain('OB3_JWT_NOT_VERIFIED');
    expect(r.verdict.reasons.map((x) => x.code)).toEqual(['EUMC_SIGNER_NOT_IDENTIFIED']);
  });

  it('a changed VC-JWT: not genuine, nothing of it shown; a did:web one: unconfirmed until its DID document is loaded', async () => {
    const tampered = await check('ob3-vc-jwt-tampered.jwt');
    expect(tampered.verdict).toMatchObject({ state: 'not-genuine', reasons: [{ code: 'VC_SIGNATURE_INVALID' }] });
    expect(tampered.model).toBeUndefined();
    const webJwt = await check('ob3-vc-jwt-did-web.jwt');
    expect(webJwt.verdict.state).toBe('unconfirmed');
    expect(webJwt.verdict.reasons.map((x) => x.code)).toEqual(['VC_CONTROLLER_UNKNOWN', 'EUMC_CONTENT_UNCHECKED']);
    expect((await check('ob3-vc-jwt-did-web.jwt', trustOf('did-web.did.json'))).verdict).toMatchObject({ state: 'genuine', signer: { kind: 'did', id: 'did:web:uni.example.eu' } });
  });

  it('the same DID document loaded twice (its members in another order) is one; two different documents of one DID: unconfirmed, said, nothing checked', async () => {
    const doc = web.trust['did-web.did.json']!;
    const reordered = utf8(JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text(doc)) as object).reverse())));
    const twice = mergeTrust(trustOf('did-web.did.json'), readTrustFile('again.did.json', reordered).added);
    expect((await check('ob3-vc-jwt-did-web.jwt', twice)).verdict.state).toBe('genuine');
    const other = JSON.parse(text(doc)) as { verificationMethod: { publicKeyMultibase: string }[] };
    other.verificationMethod[0]!.publicKeyMultibase = 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const conflict = mergeTrust(trustOf('did-web.did.json'), readTrustFile('other.did.json', utf8(JSON.stringify(other))).added);
    for (const name of ['ob3-vc-jwt-did-web.jwt', 'signed-did-web.jsonld']) {
      const r = await check(name, conflict);
      expect(r.verdict).toMatchObject({ state: 'unconfirmed', reasons: [{ code: 'EUMC_TRUST_CONFLICT', text: expect.stringMatching(/did-web\.did\.json, other\.did\.json/) }] });
    }
  });

  it('a VC-JWT whose only key is the one in its own header: the signature holds, the signer is not confirmed, in those words', async () => {
    const key = await generateIssuerKey();
    const badge = JSON.parse(text(web.files['ob3.json']!)) as { id: string; issuer: { id: string }; validFrom: string };
    const { createPrivateKey, sign } = await import('node:crypto');
    const { exportKey } = await import('../src/vc.js');
    const jwk = (await exportKey(key, { includePrivate: true })).jwk as { kty: string; crv: string; x: string };
    const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const stranger = { ...badge, issuer: { ...badge.issuer, id: 'https://uni.example.eu' } };
    const input = `${b64u({ alg: 'EdDSA', typ: 'JWT', jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } })}.${b64u({ ...stranger, iss: 'https://uni.example.eu', jti: badge.id, nbf: Date.parse(badge.validFrom) / 1000 })}`;
    const jwt = `${input}.${sign(null, Buffer.from(input), createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' })).toString('base64url')}`;
    const r = await inspect({ name: 'badge.jwt', bytes: utf8(jwt) }, ALL);
    expect(r.verdict.state).toBe('unconfirmed');
    expect(r.verdict.reasons).toEqual([expect.objectContaining({ code: 'VC_CONTROLLER_UNKNOWN', text: expect.stringMatching(/^The signature is intact, but it was made with a key the file itself carries/) })]);
  });
});

describe('SD-JWT VC', () => {
  it('with its issuer key: genuine, the key named, every claim disclosed', async () => {
    const r = await check('sd-jwt-vc.sd-jwt', trustOf('sd-jwt-issuer.jwk.json'));
    expect(r.verdict).toMatchObject({ state: 'genuine', mechanism: 'sd-jwt', signer: { kind: 'key', thumbprint: expect.stringMatching(/^[\w-]{43}$/), issuer: 'https://uni.example.eu', by: 'sd-jwt-issuer.jwk.json' } });
    expect(r.sdJwt).toMatchObject({ undisclosed: [], hiddenDigests: 0 });
    expect(r.sdJwt?.alwaysVisible).toEqual(expect.arrayContaining(['iss', 'vct']));
    expect(r.model?.title).toBe('Data Protection and GDPR for Data Analysts');
  });

  it('a presentation: only the disclosed claims shown, the withheld ones named', async () => {
    const r = await check('sd-jwt-vc-presented.sd-jwt', trustOf('sd-jwt-issuer.jwk.json'));
    expect(r.verdict.state).toBe('genuine');
    expect(r.sdJwt?.disclosed.map((d) => d.pointer).sort()).toEqual(['/awardingBody', '/familyName', '/givenName', '/issuanceDate', '/title']);
    expect(r.sdJwt?.undisclosed).toEqual(expect.arrayContaining(['learningOutcomes', 'notionalWorkload', 'dateOfBirth']));
    expect(r.sdJwt?.hiddenDigests).toBeGreaterThan(5);
    expect(r.model).toBeUndefined();
    expect(r.elements.find((e) => e.id === 'M2')).toMatchObject({ present: true, lines: ['Title: Data Protection and GDPR for Data Analysts'] });
    expect(r.elements.find((e) => e.id === 'M6')?.present).toBe(false);
    expect(reportJson(r)).not.toContain('aoife.byrne@example.ie');
  });

  it('revoked on a Token Status List: not checked without the key or the list; revoked with both', async () => {
    expect((await check('sd-jwt-vc-revoked.sd-jwt', trustOf('status-list.jwt'))).revocation.state).toBe('not-checked');
    expect((await check('sd-jwt-vc-revoked.sd-jwt', trustOf('sd-jwt-issuer.jwk.json'))).revocation.state).toBe('not-checked');
    const r = await check('sd-jwt-vc-revoked.sd-jwt', trustOf('sd-jwt-issuer.jwk.json', 'status-list.jwt'));
    expect(r.verdict.state).toBe('genuine');
    expect(r.revocation).toEqual({ state: 'revoked', entries: [expect.objectContaining({ state: 'revoked', list: 'https://uni.example.eu/status/token/1' })] });
  });

  it('changed after signing: not genuine with the key; unconfirmed without', async () => {
    expect(reasons(await check('sd-jwt-vc-tampered.sd-jwt', trustOf('sd-jwt-issuer.jwk.json')))).toContain('SDJWT_SIGNATURE_INVALID');
    expect(reasons(await check('sd-jwt-vc-tampered.sd-jwt'))).toEqual(['SDJWT_ISSUER_KEY_UNKNOWN', 'EUMC_CONTENT_UNCHECKED']);
  });
});

describe('PDFs of the library', () => {
  it('the attached credential is what is checked, and said', async () => {
    const r = await check('credential.pdf');
    expect(r).toMatchObject({ container: 'pdf', attachment: 'credential.jsonld', kind: 'signed-vc' });
    expect(r.issues[0]).toMatchObject({ code: 'PDF_ATTACHMENT', severity: 'info' });
    expect(r.credential?.text).toBe(text(web.files['signed-did-key.jsonld']!));
  });

  it('a PDF with the model attached reads as the model, not signed', async () => {
    const mc = fixture('valid/higher-education.json');
    const r = await inspect({ name: 'model.pdf', bytes: await renderPdf(mc) }, EMPTY_TRUST);
    expect(r).toMatchObject({ container: 'pdf', kind: 'model', verdict: { state: 'not-signed' } });
  });
});

describe('unsigned files', () => {
  it('model, ELM and Open Badge: not signed, their content shown with its issues', async () => {
    for (const name of ['model.json', 'elm.jsonld', 'ob3.json']) {
      const r = await check(name);
      expect(r.verdict).toEqual({ state: 'not-signed', mechanism: null, reasons: [expect.objectContaining({ code: 'EUMC_NOT_SIGNED' })] });
      expect(r.elements.filter((e) => e.mandatory).every((e) => e.present)).toBe(true);
    }
  });

  it('an element missing from the model: its row says so, its issue is grouped under it', async () => {
    const { title: _title, ...rest } = fixture('valid/higher-education.json');
    const r = await inspect({ name: 'no-title.json', bytes: utf8(JSON.stringify(rest)) }, EMPTY_TRUST);
    expect(r.model).toBeUndefined();
    expect(r.partial).toBe(true);
    expect(r.elements.find((e) => e.id === 'M2')).toMatchObject({ present: false, lines: [], issueCount: 1 });
    expect(r.issues.find((i) => i.element === 'M2')).toMatchObject({ path: '/title', severity: 'error', source: 'model' });
    expect(r.elements.find((e) => e.id === 'M1')?.lines[0]).toBe('Aoife Byrne');
  });
});

describe('files that are not credentials: unreadable, said in words, never a throw', () => {
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['binary', new Uint8Array([0, 159, 146, 150, 255, 1, 2])],
    ['cut JSON', utf8('{"title": "x", ')],
    ['a JSON array', utf8('[1, 2, 3]')],
    ['JSON of something else', utf8('{"hello": "world"}')],
    ['a PNG with no badge', web.files['ob3-baked.png']!.slice(0, 8)],
    ['a PDF that is not one', utf8('%PDF-1.7\nnot really\n')],
    ['SVG with no badge', utf8('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['a compact JWS of nothing', utf8('eyJhbGciOiJFUzI1NiJ9.bm90aGluZw.c2ln')],
    ['a JWT that is no credential', utf8(`${Buffer.from('{"alg":"ES256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"alice","iss":"https://idp.example"}').toString('base64url')}.c2ln`)],
    ['a presentation', utf8(JSON.stringify({ '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'], verifiableCredential: [], proof: {} }))],
  ];
  for (const [what, bytes] of cases) {
    it(what, async () => {
      const r = await inspect({ name: what, bytes }, EMPTY_TRUST);
      expect(r.verdict.state).toBe('unreadable');
      expect(r.verdict.reasons[0]!.text.length).toBeGreaterThan(15);
      expect(r.elements).toHaveLength(16);
      expect(JSON.parse(reportJson(r))).toMatchObject({ format: 'eumc-verifier-report/1', file: { name: what, size: bytes.length } });
    });
  }

  it('bad arguments and a bad trust object do not throw either', async () => {
    const r = await inspect({ name: 'x', bytes: 'not bytes' as never }, undefined as never);
    expect(r.verdict.state).toBe('unreadable');
    expect((await inspect({ name: 'x', bytes: web.files['sealed.json']! }, { trustAnchors: [{ name: 'bad', pem: 'nonsense' }] } as never)).verdict.state).toBe('unconfirmed');
  });
});

describe('trust files', () => {
  it('PEM and DER certificates, DID documents, JWKs and JWK Sets, status lists and tokens', () => {
    const pemText = text(web.trust['seal-root-ca.pem']!);
    const der = new Uint8Array(Buffer.from(pemText.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
    expect(readTrustFile('root.der', der).added.trustAnchors?.[0]?.pem.replace(/\s/g, '')).toBe(pemText.replace(/\s/g, ''));
    expect(readTrustFile('two.pem', utf8(pemText + pemText)).added.trustAnchors?.map((a) => a.name)).toEqual(['two.pem (1)', 'two.pem (2)']);
    expect(readTrustFile('did.json', web.trust['did-web.did.json']!).added.controllers?.[0]?.document.id).toBe('did:web:uni.example.eu');
    const jwk = JSON.parse(text(web.trust['sd-jwt-issuer.jwk.json']!)) as Record<string, unknown>;
    expect(readTrustFile('keys.json', utf8(JSON.stringify({ keys: [jwk, { ...jwk, kid: 'two' }] }))).added.issuerKeys?.map((k) => k.name)).toEqual(['keys.json (uni-1)', 'keys.json (two)']);
    expect(readTrustFile('list.json', web.trust['status-list.json']!).added.statusLists?.[0]?.name).toBe('list.json');
    const token = `${Buffer.from('{"alg":"ES256","typ":"statuslist+jwt"}').toString('base64url')}.e30.c2ln`;
    expect(readTrustFile('list.jwt', utf8(token)).added.statusLists?.[0]?.text).toBe(token);
  });

  it('refuses, in words: private keys, other JWTs, other JSON, other files', () => {
    const jwk = JSON.parse(text(web.trust['sd-jwt-issuer.jwk.json']!)) as Record<string, unknown>;
    const problems = [
      readTrustFile('private.jwk', utf8(JSON.stringify({ ...jwk, d: 'secret' }))),
      readTrustFile('key.pem', utf8('-----BEGIN PRIVATE KEY-----\nMC4CAQ==\n-----END PRIVATE KEY-----\n')),
      readTrustFile('id.jwt', utf8(`${Buffer.from('{"alg":"ES256","typ":"JWT"}').toString('base64url')}.e30.c2ln`)),
      readTrustFile('other.json', utf8('{"hello":"world"}')),
      readTrustFile('dup.json', utf8('{"kty":"EC","kty":"OKP"}')),
      readTrustFile('notes.txt', utf8('my notes')),
      readTrustFile('empty', new Uint8Array(0)),
    ];
    for (const p of problems) {
      expect(p.added).toEqual({});
      expect(p.problem).toMatch(/^\S+.{15,}/);
    }
    expect(problems[0]!.problem).toMatch(/private key/);
  });
});

describe('exports and the JSON report', () => {
  it('ELM and Open Badges from the model read from a verified credential', async () => {
    const r = await check('sealed.json', ALL);
    expect(JSON.parse(exportElm(r)).type).toContain('VerifiableCredential');
    expect(JSON.parse(exportOb3(r)).type).toContain('OpenBadgeCredential');
    expect(exportProblems(r)).toEqual({});
  });

  it('a clear Error when there is no model to export (not genuine), or it cannot be exported', async () => {
    const r = await check('signed-did-key-tampered.jsonld');
    expect(() => exportElm(r)).toThrow(/no micro-credential this page could read from verified data/);
    expect(exportProblems(r)).toEqual({ elm: expect.any(String), ob3: expect.any(String) });
    const mc = fixture('valid/higher-education.json');
    const noEidas: MicroCredential = { ...mc, issuer: { ...mc.issuer, identifiers: {} } };
    const model = await inspect({ name: 'm.json', bytes: utf8(JSON.stringify(noEidas)) }, EMPTY_TRUST);
    expect(() => exportElm(model)).toThrow(/cannot be exported as ELM: .*eIDAS/);
    expect(toElm(mc)).toBeDefined();
  });

  it('the report: stable key order, the same verdict, without the credential\'s text', async () => {
    const r = await check('signed-did-key.jsonld', ALL);
    const json = reportJson(r);
    expect(Object.keys(JSON.parse(json) as object).slice(0, 4)).toEqual(['format', 'file', 'kind', 'container']);
    expect(JSON.parse(json)).toMatchObject({ verdict: { state: 'genuine' }, file: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(json).not.toContain('"credential"');
    const timeless = (t: string) => t.replace(/"checkedAt": "[^"]+"/, '');
    expect(timeless(reportJson(await check('signed-did-key.jsonld', ALL)))).toBe(timeless(json));
  });
});

describe('the issuer\'s own pictures (ELM displayParameter images)', () => {
  const vector = (name: string) => readFileSync(join(import.meta.dirname, 'vectors', 'eu-elm', name));
  const unsigned = () => JSON.parse(vector('Sample-MC-Annex1-unsigned.jsonld').toString('utf8')) as Record<string, any>;
  const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
  const png = (() => {
    const p = new PNG({ width: 3, height: 2 });
    p.data.fill(200);
    return PNG.sync.write(p);
  })();
  const image = (content: string, type = 'JPEG') => ({ id: 'urn:x:img', type: 'MediaObject', content, contentType: { id: `http://publications.europa.eu/resource/authority/file-type/${type}`, type: 'Concept' }, contentEncoding: { id: 'http://data.europa.eu/snb/encoding/6146cde7dd', type: 'Concept' } });
  const withImages = (images: unknown[]) => {
    const doc = unsigned();
    doc.displayParameter.individualDisplay = [{ type: 'IndividualDisplay', language: { id: 'http://publications.europa.eu/resource/authority/language/DEU', type: 'Concept' }, displayDetail: images.map((img, i) => ({ type: 'DisplayDetail', page: i + 1, image: img })) }];
    return inspect({ name: 'hostile.jsonld', bytes: utf8(JSON.stringify(doc)) }, EMPTY_TRUST);
  };

  for (const name of ['Sample-MC-Annex1-unsigned.jsonld', 'Sample-MC-Annex1-signed.jsonld']) {
    it(`the EU sample ${name}: no whole model, but its English JPEG picture, which decodes`, async () => {
      const r = await inspect({ name, bytes: new Uint8Array(vector(name)) }, EMPTY_TRUST);
      expect(r.kind).toBe(name.endsWith('-signed.jsonld') ? 'sealed' : 'elm');
      expect(r.model).toBeUndefined();
      expect(r.partial).toBe(true);
      expect(r.displayImages).toHaveLength(1);
      const img = r.displayImages![0]!;
      expect({ lang: img.lang, mediaType: img.mediaType, page: img.page }).toEqual({ lang: 'en', mediaType: 'image/jpeg', page: 1 });
      const decoded = jpeg.decode(bytesOf(img.base64), { maxMemoryUsageInMB: 256 });
      expect(decoded.width).toBeGreaterThan(0);
      expect(decoded.height).toBeGreaterThan(0);
      // Large: not in the JSON report.
      expect(reportJson(r)).not.toContain('displayImages');
      expect(reportJson(r)).not.toContain(img.base64.slice(0, 40));
    });
  }

  it('a sealed file with a picture added beside the sealed payload never shows it', async () => {
    const envelope = JSON.parse(vector('Sample-MC-Annex1-signed.jsonld').toString('utf8')) as Record<string, unknown>;
    const planted = png.toString('base64');
    envelope.displayParameter = { type: 'DisplayParameter', individualDisplay: [{ type: 'IndividualDisplay', language: { id: 'http://publications.europa.eu/resource/authority/language/FRA' }, displayDetail: [{ type: 'DisplayDetail', page: 1, image: image(planted, 'PNG') }] }] };
    const r = await inspect({ name: 'planted.jsonld', bytes: utf8(JSON.stringify(envelope)) }, EMPTY_TRUST);
    expect(r.kind).toBe('sealed');
    // Data beside the sealed payload: the file is refused, and no picture is taken from it.
    expect(r.verdict.state).toBe('not-genuine');
    expect(reasons(r)).toContain('EDC_SEAL_ENVELOPE_MEMBER_UNKNOWN');
    expect(r.displayImages).toBeUndefined();
    // The same file as sealed gives the payload's own picture (so the check above is not vacuous).
    const sealed = await inspect({ name: 'sealed.jsonld', bytes: new Uint8Array(vector('Sample-MC-Annex1-signed.jsonld')) }, EMPTY_TRUST);
    expect(sealed.displayImages?.map((i) => i.lang)).toEqual(['en']);
    expect(sealed.displayImages?.[0]?.base64).not.toBe(planted);
    // A payload changed after sealing shows no picture at all.
    const payload = JSON.parse(envelope.payload as string) as Record<string, any>;
    payload.displayParameter.individualDisplay.displayDetail.image.content = planted;
    const changed = await inspect({ name: 'changed.jsonld', bytes: utf8(JSON.stringify({ ...envelope, payload: JSON.stringify(payload) })) }, EMPTY_TRUST);
    expect(changed.verdict.state).toBe('not-genuine');
    expect(changed.displayImages).toBeUndefined();
  });

  it('a PNG picture is taken as PNG; bytes that are not JPEG or PNG, SVG and a mislabelled type are refused with an issue', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    const r = await withImages([image(png.toString('base64'), 'PNG'), image(Buffer.from('GIF89a not a jpeg').toString('base64')), image(svg, 'SVG'), image(png.toString('base64'), 'JPEG'), { ...image('@@@not base64@@@') }]);
    expect(r.displayImages).toEqual([{ lang: 'de', mediaType: 'image/png', page: 1, base64: png.toString('base64') }]);
    const refused = r.issues.filter((i) => i.code === 'EUMC_DISPLAY_IMAGE_REFUSED');
    expect(refused.map((i) => i.path)).toEqual([2, 3, 4, 5].map((n) => `/displayParameter/individualDisplay/0/displayDetail/${n - 1}/image`));
    expect(refused[0]!.message).toMatch(/not a JPEG or PNG image/);
    expect(refused[1]!.message).toMatch(/SVG.*not JPEG or PNG/);
    expect(refused[2]!.message).toMatch(/PNG, not the type it declares/);
    expect(refused[3]!.message).toMatch(/not valid base64/);
  });

  it('a credential the page can draw itself: its own SVG pages are neither read nor reported', async () => {
    for (const name of ['elm.jsonld', 'signed-did-key.jsonld']) {
      const r = await inspect({ name, bytes: web.files[name]! }, EMPTY_TRUST);
      expect(r.model, name).toBeDefined();
      // The file does carry pictures (toElm's SVG pages): the page has no use for them.
      expect(JSON.stringify(JSON.parse(new TextDecoder().decode(web.files[name]!)).displayParameter), name).toContain('file-type/SVG');
      expect(r.displayImages, name).toBeUndefined();
      expect(r.issues.filter((i) => i.code.startsWith('EUMC_DISPLAY_')), name).toEqual([]);
    }
  });

  it('a huge picture (over 8 MB) is refused without decoding it; 1000 pictures: only the first 32 are read, and that is said', async () => {
    const huge = `/9j/${'A'.repeat(12 * 1024 * 1024)}`;
    const big = await withImages([image(huge)]);
    expect(big.displayImages).toBeUndefined();
    expect(big.issues.find((i) => i.code === 'EUMC_DISPLAY_IMAGE_REFUSED')?.message).toMatch(/larger than 8 MB/);
    const small = bytesOf('/9j/4AAQSkZJRgABAQ==');
    const many = await withImages(Array.from({ length: 1000 }, () => image(Buffer.from(small).toString('base64'))));
    expect(many.displayImages).toHaveLength(32);
    expect(many.issues.filter((i) => i.code === 'EUMC_DISPLAY_IMAGES_BOUNDED')).toHaveLength(1);
    expect(many.issues.filter((i) => i.code === 'EUMC_DISPLAY_IMAGE_REFUSED')).toHaveLength(0);
  });
});

describe('speed', () => {
  it('a second check of each kind takes under two seconds (the first loads the verifiers and the EU shapes)', async () => {
    const times: Record<string, number> = {};
    for (const name of Object.keys(web.files)) {
      await check(name, ALL);
      const t = performance.now();
      await check(name, ALL);
      times[name] = Math.round(performance.now() - t);
    }
    console.log('inspect, second check (ms):', JSON.stringify(times));
    for (const [name, ms] of Object.entries(times)) expect(ms, name).toBeLessThan(2000);
  });
});
