/**
 * The files the verifier page is tested with, in Node (test/web-inspect.test.ts) and in Chromium
 * (the page's browser tests): one of every kind the page reads, good, tampered, untrusted, expired
 * and revoked, with the trust files that establish their signers and the verdict each must get.
 *
 * Made with the library's own functions (signing, sealing with the test PKI of pki.ts, SD-JWT VC
 * issuance, baking, renderPdf), afresh for each test run (keys are seeded where the library lets
 * them be; the SD-JWT VC and seal keys are new each run). Signed now: the files are meant to be
 * checked within the hour they are made, at the real time (the page has no other clock).
 */
import { createPrivateKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MicroCredential, toElm } from '../../src/index.js';
import { bakeBadge } from '../../src/ob3/bake.js';
import { toOpenBadge } from '../../src/ob3/to-open-badge.js';
import { renderPdf } from '../../src/render/pdf.js';
import { createStatusListToken, generateSdJwtVcKeyPair, issueSdJwtVc, presentSdJwtVc } from '../../src/sd-jwt-vc.js';
import { StatusList } from '../../src/status/list.js';
import { createStatusListCredential, exportKey, generateIssuerKey, type IssuerKey, signCredential } from '../../src/vc.js';
import type { Container, InputKind, Revocation, Validity, VerdictState } from '../../web/src/inspect/types.js';
import { basicConstraints, certificate, keyIds, keyUsage, keys, type NameSpec, pem, seal } from './pki.js';

/** What the page must say of one file. */
export interface WebFileExpectation {
  kind: InputKind;
  container: Container;
  /** The verdict with no trust loaded (what a fresh page says); `validity`, `revocation` and `model` are without trust too. */
  state: VerdictState;
  /** The verdict with every file of `trust` loaded. */
  withTrust: VerdictState;
  validity: Validity['state'];
  /** Revocation with no status list loaded. */
  revocation: Revocation['state'];
  /** Revocation with every file of `trust` loaded (the status list among them). */
  revocationWithTrust: Revocation['state'];
  /** Whether the page reads a model (picture, element table) out of it. */
  model: boolean;
  /** A word on what the file is. */
  about: string;
}

export interface WebFiles {
  /** The files to check, by file name. */
  files: Record<string, Uint8Array>;
  /** The trust files (certificate, DID document, issuer JWK, status list), by file name. */
  trust: Record<string, Uint8Array>;
  expected: Record<string, WebFileExpectation>;
  /** Which trust file each trust-dependent file needs (the file names of `trust`). */
  needs: Record<string, string[]>;
}

const ROOT = new URL('../..', import.meta.url).pathname;
const fixture = (path: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures', path), 'utf8')) as MicroCredential;
const utf8 = (text: string) => new TextEncoder().encode(text);
const json = (value: unknown) => utf8(`${JSON.stringify(value, null, 2)}\n`);

/** The status list's URL: the list credential's `id`. */
export const WEB_STATUS_LIST = 'https://uni.example.eu/status/1';
export const WEB_DID_WEB = 'did:web:uni.example.eu';
/** The Token Status List's URL: the Status List Token's `sub`. */
export const WEB_TOKEN_STATUS_LIST = 'https://uni.example.eu/status/token/1';

const SEAL_ROOT: NameSpec = [['C', 'BE'], ['O', 'Test Trust Services'], ['CN', 'Test eSeal Root CA']];
const SEAL_LEAF: NameSpec = [['C', 'BE'], ['organizationIdentifier', 'VATBE-0123456789'], ['O', 'Université de Test'], ['CN', 'Test University eSeal']];

/** Changes one character of a signed text in the middle of a value that is signed: `from` → `to`, once. */
function changed(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`web-files: ${JSON.stringify(from)} not found to tamper with`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

async function make(): Promise<WebFiles> {
  const files: Record<string, Uint8Array> = {};
  const trust: Record<string, Uint8Array> = {};
  const expected: Record<string, WebFileExpectation> = {};
  const needs: Record<string, string[]> = {};
  const add = (name: string, bytes: Uint8Array, e: Omit<WebFileExpectation, 'withTrust' | 'revocationWithTrust' | 'validity' | 'revocation' | 'model'> & Partial<WebFileExpectation>, need: string[] = []) => {
    files[name] = bytes;
    // A validity period is read from verified data only (and SD-JWT VCs of the fixture have no nbf/exp, the model no validUntil).
    const period = e.kind !== 'model' && e.kind !== 'sd-jwt-vc' && e.state !== 'not-genuine' && e.state !== 'unreadable';
    expected[name] = { validity: period ? 'valid' : 'no-period', revocation: 'no-status', model: true, withTrust: e.state, revocationWithTrust: e.revocation ?? 'no-status', ...e };
    if (need.length > 0) needs[name] = need;
  };

  const he = fixture('valid/higher-education.json');
  const multi = fixture('valid/multilingual.json');
  const didKey = await generateIssuerKey({ seed: new Uint8Array(32).fill(71) });
  const didWeb = await generateIssuerKey({ seed: new Uint8Array(32).fill(72), controller: WEB_DID_WEB });
  const withIssuer = (mc: MicroCredential, id: string): MicroCredential => ({ ...mc, issuer: { ...mc.issuer, id, identifiers: { eidas: 'VATIE-1234567T', ...mc.issuer.identifiers } } });

  // --- Unsigned: the model, ELM, Open Badges 3.0 ---
  add('model.json', json(he), { kind: 'model', container: 'json', state: 'not-signed', about: 'the library\'s model JSON' });
  add('elm.jsonld', json(toElm(he)), { kind: 'elm', container: 'json', state: 'not-signed', about: 'an ELM credential, not signed' });
  const badge = toOpenBadge(withIssuer(he, didKey.controller));
  add('ob3.json', json(badge), { kind: 'ob3', container: 'json', state: 'not-signed', about: 'an Open Badges 3.0 credential, not signed' });

  // --- Status list: the did:key issuer's, revoking one credential ---
  const list = StatusList.create({ id: WEB_STATUS_LIST, format: 'bitstring' });
  const goodIndex = list.allocate();
  const revokedIndex = list.allocate();
  list.revoke(revokedIndex);
  const listCredential = await signCredential(createStatusListCredential(list, { issuer: didKey.controller }), { key: didKey });
  trust['status-list.json'] = json(listCredential);

  // --- Signed VCs (W3C Data Integrity) ---
  const signedText = JSON.stringify(await signCredential(toElm(withIssuer(multi, didKey.controller), { credentialStatus: list.entry(goodIndex) }), { key: didKey }), null, 2);
  add('signed-did-key.jsonld', utf8(signedText), { kind: 'signed-vc', container: 'json', state: 'genuine', revocation: 'not-checked', revocationWithTrust: 'valid', about: 'an ELM credential signed by a did:key, with a status entry (not revoked)' }, ['status-list.json']);
  add('signed-did-key-tampered.jsonld', utf8(changed(signedText, 'Gaeilge don Ionad Oibre', 'Gaeilge don Ionad Oibrf')), { kind: 'signed-vc', container: 'json', state: 'not-genuine', revocation: 'not-checked', revocationWithTrust: 'not-checked', model: false, about: 'the signed credential with its title changed after signing' });
  const revokedText = JSON.stringify(await signCredential(toElm(withIssuer(he, didKey.controller), { credentialStatus: list.entry(revokedIndex) }), { key: didKey }), null, 2);
  add('signed-revoked.jsonld', utf8(revokedText), { kind: 'signed-vc', container: 'json', state: 'genuine', revocation: 'not-checked', revocationWithTrust: 'revoked', about: 'a signed credential its issuer revoked (status-list.json says so)' }, ['status-list.json']);
  const expiredMc: MicroCredential = { ...withIssuer(he, didKey.controller), furtherInformation: { ...he.furtherInformation, validUntil: '2025-01-31T23:59:59Z' } };
  add('signed-expired.jsonld', json(await signCredential(toElm(expiredMc), { key: didKey })), { kind: 'signed-vc', container: 'json', state: 'genuine', validity: 'expired', about: 'a signed credential whose validity ended on 31 January 2025' });
  const webText = JSON.stringify(await signCredential(toElm(withIssuer(he, WEB_DID_WEB)), { key: didWeb }), null, 2);
  trust['did-web.did.json'] = json(didWeb.controllerDocument());
  add('signed-did-web.jsonld', utf8(webText), { kind: 'signed-vc', container: 'json', state: 'unconfirmed', withTrust: 'genuine', about: 'an ELM credential signed by did:web:uni.example.eu (its DID document: did-web.did.json)' }, ['did-web.did.json']);
  add('signed-did-web-tampered.jsonld', utf8(changed(webText, 'Aoife Byrne', 'Aoife Byrme')), { kind: 'signed-vc', container: 'json', state: 'unconfirmed', withTrust: 'not-genuine', about: 'the did:web credential with the learner\'s name changed: without its DID document the signature cannot be checked' }, ['did-web.did.json']);
  add('wrapped-signed.json', json({ credential: JSON.parse(signedText) as unknown }), { kind: 'signed-vc', container: 'json', state: 'genuine', revocation: 'not-checked', revocationWithTrust: 'valid', about: 'the did:key credential in EDC\'s upload wrapper ({ "credential": … })' }, ['status-list.json']);

  // --- EDC seal (JAdES, test PKI) ---
  const root = keys('rsa2048', 0);
  const leaf = keys('p256', 0);
  const rootCert = certificate({ subject: SEAL_ROOT, issuer: SEAL_ROOT, serial: 1n, publicKey: root.publicKey, signingKey: root.privateKey, alg: 'rsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign', 'cRLSign'), ...keyIds(root.publicKey, root.publicKey)], notAfter: new Date('2060-01-01T00:00:00Z') });
  const leafCert = certificate({ subject: SEAL_LEAF, issuer: SEAL_ROOT, serial: 0x7fn, publicKey: leaf.publicKey, signingKey: root.privateKey, alg: 'rsa-sha256', extensions: [basicConstraints(false), keyUsage('digitalSignature', 'nonRepudiation'), ...keyIds(leaf.publicKey, root.publicKey)] });
  trust['seal-root-ca.pem'] = utf8(pem(rootCert));
  const sealedElm = toElm(he);
  const sealed = seal(sealedElm, { alg: 'ES256', key: leaf.privateKey, x5c: [leafCert] });
  add('sealed.json', json(sealed), { kind: 'sealed', container: 'json', state: 'unconfirmed', withTrust: 'genuine', about: 'an EDC-sealed ELM credential (JAdES, ES256), its certificate under seal-root-ca.pem' }, ['seal-root-ca.pem']);
  add('sealed-tampered.json', json({ ...sealed, payload: changed(sealed.payload, 'Aoife Byrne', 'Aoife Byrme') }), { kind: 'sealed', container: 'json', state: 'not-genuine', model: false, about: 'the sealed credential with the learner\'s name changed in the payload' });
  // The seal intact, a forged credential beside it: only the sealed payload may be read, and the envelope is refused.
  add('sealed-with-extra.json', json({ ...sealed, credentialSubject: { fullName: 'Mallory' } }), { kind: 'sealed', container: 'json', state: 'not-genuine', model: false, about: 'an intact seal with an unsealed credentialSubject beside it' });

  // --- Open Badges 3.0, signed and baked ---
  const signedBadge = await signCredential(badge, { key: didKey, suite: 'eddsa-rdfc-2022' });
  add('ob3-signed.json', json(signedBadge), { kind: 'signed-vc', container: 'json', state: 'genuine', about: 'an Open Badges 3.0 credential signed by a did:key (eddsa-rdfc-2022)' });
  const png = new Uint8Array(readFileSync(join(ROOT, 'fixtures', 'ob3', 'bake-badge.png')));
  const svg = readFileSync(join(ROOT, 'fixtures', 'ob3', 'bake-badge.svg'), 'utf8');
  add('ob3-baked.png', bakeBadge(png, signedBadge), { kind: 'signed-vc', container: 'png', state: 'genuine', about: 'the signed badge baked into a PNG' });
  add('ob3-baked.svg', utf8(bakeBadge(svg, signedBadge)), { kind: 'signed-vc', container: 'svg', state: 'genuine', about: 'the signed badge baked into an SVG' });
  const forgedBadge = JSON.parse(changed(JSON.stringify(signedBadge), he.title as string, `${he.title as string}!`)) as object;
  add('ob3-baked-tampered.png', bakeBadge(png, forgedBadge), { kind: 'signed-vc', container: 'png', state: 'not-genuine', model: false, about: 'a baked PNG whose badge\'s title was changed after signing' });
  // Open Badges VC-JWTs (OB 3.0, "JSON Web Token Proof Format"), signed by Node's crypto with the issuers' keys.
  const vcJwt = async (b: object, key: IssuerKey) => {
    const credential = b as { id: string; issuer: { id: string }; validFrom: string };
    const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${b64u({ alg: 'EdDSA', typ: 'JWT', kid: key.id })}.${b64u({ ...credential, iss: credential.issuer.id, jti: credential.id, nbf: Date.parse(credential.validFrom) / 1000 })}`;
    const jwk = (await exportKey(key, { includePrivate: true })).jwk as import('node:crypto').JsonWebKey;
    return `${input}.${sign(null, Buffer.from(input), createPrivateKey({ key: jwk, format: 'jwk' })).toString('base64url')}`;
  };
  const badgeJwt = await vcJwt(badge, didKey);
  add('ob3-vc-jwt.jwt', utf8(badgeJwt), { kind: 'ob3-jwt', container: 'text', state: 'genuine', about: 'an Open Badges 3.0 VC-JWT signed by a did:key (EdDSA, kid its DID URL)' });
  const [jh, jp, js] = badgeJwt.split('.') as [string, string, string];
  const jwtPayload = JSON.parse(Buffer.from(jp, 'base64url').toString('utf8')) as Record<string, unknown>;
  add('ob3-vc-jwt-tampered.jwt', utf8(`${jh}.${Buffer.from(JSON.stringify({ ...jwtPayload, name: 'Another badge' })).toString('base64url')}.${js}`), { kind: 'ob3-jwt', container: 'text', state: 'not-genuine', model: false, about: 'the VC-JWT with its badge\'s name changed after signing' });
  add('ob3-vc-jwt-did-web.jwt', utf8(await vcJwt(toOpenBadge(withIssuer(he, WEB_DID_WEB)), didWeb)), { kind: 'ob3-jwt', container: 'text', state: 'unconfirmed', withTrust: 'genuine', about: 'an Open Badges 3.0 VC-JWT signed by did:web:uni.example.eu (its DID document: did-web.did.json)' }, ['did-web.did.json']);

  // --- SD-JWT VC (ES256), a presentation with claims withheld ---
  const issuerPair = await generateSdJwtVcKeyPair('ES256', { kid: 'uni-1' });
  const holder = await generateSdJwtVcKeyPair('ES256');
  trust['sd-jwt-issuer.jwk.json'] = json(issuerPair.publicJwk);
  const sdJwt = await issueSdJwtVc(he, { key: issuerPair.privateJwk, issuer: 'https://uni.example.eu' });
  add('sd-jwt-vc.sd-jwt', utf8(sdJwt), { kind: 'sd-jwt-vc', container: 'text', state: 'unconfirmed', withTrust: 'genuine', about: 'an SD-JWT VC (ES256, not bound to a holder key), every claim disclosed; its issuer key: sd-jwt-issuer.jwk.json' }, ['sd-jwt-issuer.jwk.json']);
  const bound = await issueSdJwtVc(he, { key: issuerPair.privateJwk, issuer: 'https://uni.example.eu', holderKey: holder.publicJwk });
  const presented = await presentSdJwtVc(bound, { disclose: ['title', 'givenName', 'familyName', 'awardingBody', 'issuanceDate'], holderKey: holder.privateJwk, audience: 'https://employer.example', nonce: 'n-0S6_WzA2Mj' });
  add('sd-jwt-vc-presented.sd-jwt', utf8(presented), { kind: 'sd-jwt-vc', container: 'text', state: 'unconfirmed', withTrust: 'genuine', model: false, about: 'a presentation of a holder-bound SD-JWT VC with a key-binding JWT, most claims withheld' }, ['sd-jwt-issuer.jwk.json']);
  // Revoked on the issuer's Token Status List (the IETF list SD-JWT VCs use), published as a Status List Token.
  const tokenList = StatusList.create({ id: WEB_TOKEN_STATUS_LIST, format: 'token' });
  const tokenIndex = tokenList.allocate();
  tokenList.revoke(tokenIndex);
  trust['status-list.jwt'] = utf8(await createStatusListToken(tokenList, { key: issuerPair.privateJwk, issuer: 'https://uni.example.eu' }));
  const revokedSdJwt = await issueSdJwtVc(he, { key: issuerPair.privateJwk, issuer: 'https://uni.example.eu', status: tokenList.entry(tokenIndex) });
  add('sd-jwt-vc-revoked.sd-jwt', utf8(revokedSdJwt), { kind: 'sd-jwt-vc', container: 'text', state: 'unconfirmed', withTrust: 'genuine', revocation: 'not-checked', revocationWithTrust: 'revoked', about: 'an SD-JWT VC its issuer revoked on a Token Status List (status-list.jwt)' }, ['sd-jwt-issuer.jwk.json', 'status-list.jwt']);
  const [jwt, ...disclosures] = sdJwt.split('~');
  const [h, p, s] = jwt!.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forgedJwt = `${h}.${Buffer.from(JSON.stringify({ ...payload, iss: 'https://mallory.example' })).toString('base64url')}.${s}`;
  add('sd-jwt-vc-tampered.sd-jwt', utf8([forgedJwt, ...disclosures].join('~')), { kind: 'sd-jwt-vc', container: 'text', state: 'unconfirmed', withTrust: 'not-genuine', about: 'the SD-JWT VC with its issuer-signed payload changed (iss): without the issuer\'s key it cannot be checked' }, ['sd-jwt-issuer.jwk.json']);

  // --- A PDF of the library with the signed VC attached, and one with a forged VC attached ---
  const attachment = (text: string) => ({ content: utf8(text), filename: 'credential.jsonld', mimeType: 'application/vc+ld+json' });
  add('credential.pdf', await renderPdf(multi, { attachment: attachment(signedText) }), { kind: 'signed-vc', container: 'pdf', state: 'genuine', revocation: 'not-checked', revocationWithTrust: 'valid', about: 'a PDF of renderPdf with the did:key credential attached' }, ['status-list.json']);
  add('credential-tampered.pdf', await renderPdf(multi, { attachment: attachment(changed(signedText, 'Gaeilge don Ionad Oibre', 'Gaeilge don Ionad Oibrf')) }), { kind: 'signed-vc', container: 'pdf', state: 'not-genuine', revocation: 'not-checked', revocationWithTrust: 'not-checked', model: false, about: 'a PDF with the changed credential attached' });

  // --- Not a credential ---
  add('not-a-credential.txt', utf8('Dear hiring manager, please find my certificate attached.\n'), { kind: 'unknown', container: 'text', state: 'unreadable', model: false, about: 'plain text' });
  return { files, trust, expected, needs };
}

let made: Promise<WebFiles> | undefined;

/**
 * The verifier page's test files (made once per process), and with `dir`, written there too (the
 * files in `dir`, the trust files in `dir/trust/`) for a browser's file input.
 */
export async function makeWebFiles(dir?: string): Promise<WebFiles> {
  made ??= make();
  const web = await made;
  if (dir !== undefined) {
    mkdirSync(join(dir, 'trust'), { recursive: true });
    for (const [name, bytes] of Object.entries(web.files)) writeFileSync(join(dir, name), bytes);
    for (const [name, bytes] of Object.entries(web.trust)) writeFileSync(join(dir, 'trust', name), bytes);
  }
  return web;
}
