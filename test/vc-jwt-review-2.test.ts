/**
 * A second review of VC-JWT verification, through the verifier page's checking core (`inspect`)
 * and the command line: what the page shows against what `verifyCredential` verified, containers
 * and spellings of the token, keys listed in another controller's document (a VC-JWT's key, a
 * status list's), hostile controller files. Each weakness found (a "Found in review (fixed
 * since)" comment) was fixed, and its test states the fixed behaviour; each probe that held is a test.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MicroCredential } from '../src/index.js';
import { bakeBadge } from '../src/ob3/bake.js';
import { toOpenBadge } from '../src/ob3/to-open-badge.js';
import { renderPdf } from '../src/render/pdf.js';
import { StatusList } from '../src/status/list.js';
import { createStatusListCredential, exportKey, generateIssuerKey, type IssuerKey, signCredential, verifyCredential } from '../src/vc.js';
import { EMPTY_TRUST, type InspectReport, inspect, mergeTrust, readTrustFile, type Trust } from '../web/src/inspect/index.js';

const ROOT = join(import.meta.dirname, '..');
const WEB = 'did:web:uni.example.eu';
const LIST_ID = 'https://uni.example.eu/status/r2';
const utf8 = (t: string) => new TextEncoder().encode(t);
const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const fixture = (p: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures', p), 'utf8')) as MicroCredential;
const reasons = (r: InspectReport) => r.verdict.reasons.map((x) => x.code);
const secs = (d: string) => Math.floor(Date.parse(d) / 1000);

type Doc = Record<string, any>;
let didKey: IssuerKey;
let didWeb: IssuerKey;
let evil: IssuerKey; // a key whose id is under did:web:uni.example.eu, published only in another controller's document
let badge: Doc; // an OB 3.0 badge by the did:key issuer
let webBadge: Doc; // the same by did:web:uni.example.eu
let jwt: string; // badge as a VC-JWT, kid the did:key's key
let webDoc: Doc;
let evilDoc: Doc;
let trustWeb: Trust;

async function vcJwt(credential: Doc, key: IssuerKey, claims: Doc = {}, header: Doc = {}): Promise<string> {
  const c = credential as { id: string; issuer: { id: string }; validFrom: string };
  const input = `${b64u({ alg: 'EdDSA', typ: 'JWT', kid: key.id, ...header })}.${b64u({ ...credential, iss: c.issuer.id, jti: c.id, nbf: secs(c.validFrom), ...claims })}`;
  const jwk = (await exportKey(key, { includePrivate: true })).jwk as import('node:crypto').JsonWebKey;
  return `${input}.${nodeSign(null, Buffer.from(input), createPrivateKey({ key: jwk, format: 'jwk' })).toString('base64url')}`;
}
const page = (bytes: Uint8Array, trust: Trust = EMPTY_TRUST, name = 'badge.jwt') => inspect({ name, bytes }, trust, { elmShapes: false });
const trustDoc = (name: string, doc: unknown, base: Trust = EMPTY_TRUST): Trust => {
  const read = readTrustFile(name, utf8(JSON.stringify(doc)));
  expect(read.problem, name).toBeUndefined();
  return mergeTrust(base, read.added);
};

beforeAll(async () => {
  didKey = await generateIssuerKey({ seed: new Uint8Array(32).fill(81) });
  didWeb = await generateIssuerKey({ seed: new Uint8Array(32).fill(82), controller: WEB });
  evil = await generateIssuerKey({ seed: new Uint8Array(32).fill(83), controller: WEB, id: `${WEB}#evil` });
  const he = fixture('valid/higher-education.json');
  const withIssuer = (id: string): MicroCredential => ({ ...he, issuer: { ...he.issuer, id, identifiers: { eidas: 'VATIE-1234567T', ...he.issuer.identifiers } } });
  badge = toOpenBadge(withIssuer(didKey.controller)) as unknown as Doc;
  webBadge = toOpenBadge(withIssuer(WEB)) as unknown as Doc;
  jwt = await vcJwt(badge, didKey);
  webDoc = didWeb.controllerDocument() as unknown as Doc;
  // Another controller's document listing a key in did:web:uni.example.eu's name, as authorised by it.
  evilDoc = { ...(evil.controllerDocument() as unknown as Doc), id: 'did:web:evil.example' };
  trustWeb = trustDoc('uni.did.json', webDoc);
}, 60_000);

describe('the page: what it shows is what was verified', () => {
  it('control: the plain VC-JWT is genuine and its model is the badge', async () => {
    const r = await page(utf8(jwt));
    expect(r).toMatchObject({ kind: 'ob3-jwt', verdict: { state: 'genuine', signer: { kind: 'did', id: didKey.controller } } });
    expect(r.model?.title).toBe(badge.name);
  });

  it('whitespace, CRLF, a UTF-8 BOM and UTF-16 around the token: the same credential, genuine, the same title', async () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(`\r\n ${jwt}\n`, 'utf16le'))]);
    for (const bytes of [utf8(`\n\t ${jwt} \r\n\r\n`), new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`${jwt}\n`)]), le]) {
      const r = await page(bytes);
      expect(r.verdict.state).toBe('genuine');
      expect(r.model?.title).toBe(badge.name);
      expect(r.credential?.text).toBe(jwt);
    }
  });

  it('a JWT inside a JSON string file: the same token verified and shown; with spaces inside the string: not read as a credential', async () => {
    const r = await page(utf8(JSON.stringify(jwt)), EMPTY_TRUST, 'badge.json');
    expect(r.verdict.state).toBe('genuine');
    expect(r.model?.title).toBe(badge.name);
    const spaced = await page(utf8(JSON.stringify(` ${jwt}\n`)), EMPTY_TRUST, 'badge.json');
    expect(spaced.verdict.state).not.toBe('genuine');
    expect(spaced.model).toBeUndefined();
  });

  it('a wrapper holding a JWT as text ({"credential": jwt}): never shown as genuine content beside anything unverified; never a page failure', async () => {
    const r = await page(utf8(JSON.stringify({ credential: jwt, name: 'Another badge' })), EMPTY_TRUST, 'wrapped.json');
    expect(reasons(r)).not.toContain('EUMC_PAGE_FAILED');
    if (r.verdict.state === 'genuine') expect(r.model?.title).toBe(badge.name);
  });

  it('a baked PNG and SVG carrying the VC-JWT: genuine, the title from the JWT; a changed one baked: not genuine, nothing shown', async () => {
    const png = new Uint8Array(readFileSync(join(ROOT, 'fixtures', 'ob3', 'bake-badge.png')));
    const svg = readFileSync(join(ROOT, 'fixtures', 'ob3', 'bake-badge.svg'), 'utf8');
    const [h, , s] = jwt.split('.');
    const forged = `${h}.${b64u({ ...badge, name: 'Forged', iss: badge.issuer.id, jti: badge.id, nbf: secs(badge.validFrom) })}.${s}`;
    for (const [bytes, name] of [[bakeBadge(png, jwt), 'b.png'], [utf8(bakeBadge(svg, jwt)), 'b.svg']] as const) {
      const r = await page(bytes, EMPTY_TRUST, name);
      expect({ kind: r.kind, state: r.verdict.state, title: r.model?.title }).toEqual({ kind: 'ob3-jwt', state: 'genuine', title: badge.name });
    }
    for (const [bytes, name] of [[bakeBadge(png, forged), 'b.png'], [utf8(bakeBadge(svg, forged)), 'b.svg']] as const) {
      const r = await page(bytes, EMPTY_TRUST, name);
      expect(r.verdict.state).toBe('not-genuine');
      expect(r.model).toBeUndefined();
      expect(r.elements.filter((e) => e.present)).toEqual([]);
    }
  });

  it('a PDF whose attachment is the VC-JWT: genuine and shows the JWT\'s badge, not the PDF\'s pages', async () => {
    const other = { ...fixture('valid/multilingual.json') };
    const pdf = await renderPdf(other, { attachment: { content: utf8(`${jwt}\n`), filename: 'badge.jwt', mimeType: 'application/jwt' } });
    const r = await page(pdf, EMPTY_TRUST, 'c.pdf');
    expect({ container: r.container, kind: r.kind, state: r.verdict.state, title: r.model?.title }).toEqual({ container: 'pdf', kind: 'ob3-jwt', state: 'genuine', title: badge.name });
  }, 60_000);

  it('a VC 1.1-form JWT (`vc` claim) whose credential leaves its issuer and dates to the claims: the page shows the credential verifyCredential verified', async () => {
    const { issuer: _i, validFrom: _f, ...rest } = badge;
    const claims = { iss: didKey.controller, jti: badge.id, nbf: secs(badge.validFrom), vc: rest };
    const input = `${b64u({ alg: 'EdDSA', typ: 'JWT', kid: didKey.id })}.${b64u(claims)}`;
    const jwk = (await exportKey(didKey, { includePrivate: true })).jwk as import('node:crypto').JsonWebKey;
    const token = `${input}.${nodeSign(null, Buffer.from(input), createPrivateKey({ key: jwk, format: 'jwk' })).toString('base64url')}`;
    const lib = await verifyCredential(token);
    const r = await page(utf8(token));
    // Whatever the library decides, the page agrees: genuine only when verified, content only then.
    expect(r.verdict.state === 'genuine').toBe(lib.verified);
    if (r.model) expect(r.model.title).toBe(badge.name);
  });

  // Found in review (fixed since): a VC-JWT in the OB 3.0 form whose `exp` is past and whose credential states no
  // `validUntil`: verifyCredential reports VC_EXPIRED at /exp (jwtClaimValidity), but the page's
  // validity panel reads only the credential's own dates (web/src/inspect/index.ts `validityOf`;
  // unwrapBadge drops the registered claims from an OB 3.0-form credential), so the report says
  // `validity.state: 'valid'` beside a verdict whose reasons say it expired.
  it('an expired VC-JWT (`exp` past, no validUntil): the page\'s validity says expired, as the verifier does', async () => {
    const { validUntil: _u, ...open } = badge;
    const token = await vcJwt(open, didKey, { exp: secs('2025-01-01T00:00:00Z') });
    const lib = await verifyCredential(token);
    expect(lib.issues.map((i) => `${i.code} ${i.path}`)).toContain('VC_EXPIRED /exp');
    const r = await page(utf8(token));
    expect(reasons(r)).toContain('VC_EXPIRED');
    expect(r.validity.state).toBe('expired');
  });

  // Found in review (fixed since): the same for `nbf`: a VC-JWT whose credential states no `validFrom` and whose `nbf`
  // is in the future: verifyCredential says VC_NOT_YET_VALID at /nbf, the page's validity does not
  // say not-yet-valid (web/src/inspect/index.ts `validityOf` reads the credential's dates only).
  it('a VC-JWT not valid yet (`nbf` future, no validFrom): the page\'s validity says not-yet-valid, as the verifier does', async () => {
    const { validFrom: _f, ...open } = badge;
    const token = await vcJwt({ ...open, validFrom: undefined }, didKey, { nbf: secs('2099-01-01T00:00:00Z') });
    const lib = await verifyCredential(token);
    expect(lib.issues.map((i) => `${i.code} ${i.path}`)).toContain('VC_NOT_YET_VALID /nbf');
    const r = await page(utf8(token));
    expect(reasons(r)).toContain('VC_NOT_YET_VALID');
    expect(r.validity.state).toBe('not-yet-valid');
  });

  it('an expired VC-JWT whose credential states validUntil = exp: the page says expired', async () => {
    const token = await vcJwt({ ...badge, validUntil: '2025-01-01T00:00:00Z' }, didKey, { exp: secs('2025-01-01T00:00:00Z') });
    const r = await page(utf8(token));
    expect(r.validity.state).toBe('expired');
  });
});

describe('the page: signers', () => {
  it('forged: signed by a stranger\'s did:key in the did:web issuer\'s name: not genuine, nothing shown', async () => {
    const r = await page(utf8(await vcJwt(webBadge, didKey)), trustWeb);
    expect(r.verdict.state).toBe('not-genuine');
    expect(r.model).toBeUndefined();
  });

  it('a key listed in another controller\'s document under the issuer\'s id (did:web:evil.example lists did:web:uni.example.eu#evil): never genuine', async () => {
    const token = await vcJwt(webBadge, evil);
    for (const trust of [trustDoc('evil.did.json', evilDoc), trustDoc('evil.did.json', evilDoc, trustWeb)]) {
      const r = await page(utf8(token), trust);
      expect(r.verdict.state).not.toBe('genuine');
      expect(reasons(r)).not.toContain('EUMC_PAGE_FAILED');
    }
    // The library agrees.
    expect((await verifyCredential(token, { controllers: [webDoc, evilDoc] })).verified).toBe(false);
  });

  it('the issuer\'s own document naming the evil key in its assertionMethod, the key published elsewhere: never genuine', async () => {
    const uni = { ...webDoc, assertionMethod: [...webDoc.assertionMethod, `${WEB}#evil`] };
    const token = await vcJwt(webBadge, evil);
    const r = await page(utf8(token), trustDoc('evil.did.json', evilDoc, trustDoc('uni.did.json', uni)));
    expect(r.verdict.state).not.toBe('genuine');
  });

  it('a kid with a query or an empty fragment, or a relative kid: never genuine by a key in another document', async () => {
    for (const kid of [`${WEB}?v=1#evil`, `${WEB}#`, '#evil', WEB]) {
      const token = await vcJwt(webBadge, evil, {}, { kid });
      const r = await page(utf8(token), trustDoc('evil.did.json', evilDoc, trustWeb));
      expect(r.verdict.state, kid).not.toBe('genuine');
    }
  });

  it('a DID document of the issuer with its id given a fragment or trailing "#" is not the issuer\'s; nothing throws', async () => {
    for (const id of [`${WEB}#`, `${WEB}#x`, `${WEB}/`]) {
      const token = await vcJwt(webBadge, didWeb);
      const r = await page(utf8(token), trustDoc('odd.did.json', { ...webDoc, id }));
      expect(r.verdict.state, id).not.toBe('genuine');
      expect(reasons(r)).not.toContain('EUMC_PAGE_FAILED');
    }
  });

  it('hostile trust files: readTrustFile refuses a DID document without a string id (the page\'s own way in)', () => {
    for (const doc of [{ verificationMethod: [] }, { id: 5, verificationMethod: [] }, [webDoc]]) {
      expect(readTrustFile('odd.did.json', utf8(JSON.stringify(doc))).added.controllers ?? []).toEqual([]);
    }
  });

  // FINDING (low: reachable only by a host that builds a Trust itself, not through readTrustFile):
  // a controller document without a string `id` in the Trust given to inspect() makes
  // verifyCredential throw its TypeError (src/vc/resolver.ts keyLoader, via verifyProof in
  // web/src/inspect/verify.ts), and the page answers `unreadable` with EUMC_PAGE_FAILED ("a bug:
  // please report it") instead of setting the document aside, as normaliseTrust promises for a
  // trust that is malformed.
  it('a Trust holding a controller document without an id: no page failure (the document is set aside, said), never genuine', async () => {
    const token = await vcJwt(webBadge, didWeb);
    for (const document of [{}, { id: 5 }, { id: null }] as unknown as Trust['controllers'][number]['document'][]) {
      const trust: Trust = { ...trustWeb, controllers: [...trustWeb.controllers, { name: 'odd.json', document }] };
      const r = await page(utf8(token), trust);
      expect(reasons(r)).not.toContain('EUMC_PAGE_FAILED');
      expect(reasons(r)).toContain('EUMC_TRUST_SET_ASIDE');
      expect(r.verdict.state).toBe('genuine');
    }
  });
});

describe('the page: inputs that must not throw or hang', () => {
  it('a deeply nested payload, a huge kid, a payload of 4 MB: answered, not genuine, quickly', async () => {
    const deep = `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","OpenBadgeCredential"],"x":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const inputs = [
      `${b64u({ alg: 'EdDSA', kid: didKey.id })}.${Buffer.from(deep).toString('base64url')}.c2ln`,
      `${b64u({ alg: 'EdDSA', kid: `did:key:${'z'.repeat(200_000)}` })}.${b64u({ ...badge, iss: badge.issuer.id })}.c2ln`,
      `${b64u({ alg: 'EdDSA', kid: didKey.id })}.${b64u({ ...badge, pad: 'a'.repeat(4_000_000) })}.c2ln`,
    ];
    for (const input of inputs) {
      const t = Date.now();
      const r = await page(utf8(input));
      expect(reasons(r)).not.toContain('EUMC_PAGE_FAILED');
      expect(r.verdict.state).not.toBe('genuine');
      // Content is shown only beside a signature not checked at all, and then said to be unchecked.
      if (r.model !== undefined) expect({ state: r.verdict.state, unchecked: reasons(r).includes('EUMC_CONTENT_UNCHECKED') }).toEqual({ state: 'unconfirmed', unchecked: true });
      expect(Date.now() - t).toBeLessThan(20_000);
    }
  }, 90_000);
});

describe('status lists after the resolver change', () => {
  let list: StatusList;
  let good: number;
  let revoked: number;
  beforeAll(() => {
    list = StatusList.create({ id: LIST_ID, format: 'bitstring' });
    good = list.allocate();
    revoked = list.allocate();
    list.revoke(revoked);
  });

  it('a VC-JWT with a status entry: revoked by the issuer\'s own list; a list signed by a key only another controller lists is not the issuer\'s', async () => {
    const genuineList = await signCredential(createStatusListCredential(list, { issuer: WEB }), { key: didWeb });
    const revokedJwt = await vcJwt({ ...webBadge, credentialStatus: list.entry(revoked) }, didWeb);
    const goodJwt = await vcJwt({ ...webBadge, credentialStatus: list.entry(good) }, didWeb);
    const ok = await verifyCredential(goodJwt, { controllers: [webDoc], statusLists: [genuineList] });
    expect(ok.verified, JSON.stringify(ok.issues)).toBe(true);
    expect((await verifyCredential(revokedJwt, { controllers: [webDoc], statusLists: [genuineList] })).issues.map((i) => i.code)).toContain('STATUS_REVOKED');
    // A list saying "not revoked", issued in the issuer's name, signed with the key another controller's document lists.
    const clean = StatusList.create({ id: LIST_ID, format: 'bitstring' });
    clean.allocate();
    clean.allocate();
    const forgedList = await signCredential(createStatusListCredential(clean, { issuer: WEB }), { key: evil });
    const r = await verifyCredential(revokedJwt, { controllers: [webDoc, evilDoc], statusLists: [forgedList] });
    expect(r.verified).toBe(false);
    expect(r.status?.[0]?.status).not.toBe('valid');
    // And on the page.
    const trust = mergeTrust(trustDoc('evil.did.json', evilDoc, trustWeb), readTrustFile('list.json', utf8(JSON.stringify(forgedList))).added);
    const p = await page(utf8(revokedJwt), trust);
    expect(p.revocation.state).not.toBe('valid');
  }, 60_000);
});

describe('the command line with hostile controller files', () => {
  const run = promisify(execFile);
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eumc-r2-'));
    writeFileSync(join(dir, 'web.jwt'), `${await vcJwt(webBadge, didWeb)}\n`);
    const files: Record<string, unknown> = {
      'uni.json': webDoc,
      'evil.json': evilDoc,
      'noid.json': { verificationMethod: [] },
      'frag.json': { ...webDoc, id: `${WEB}#key` },
      'array.json': [webDoc, evilDoc],
      'array-twice.json': [webDoc, webDoc],
      'null.json': null,
      'numid.json': { id: 5 },
      'other-uni.json': { ...webDoc, verificationMethod: (evilDoc.verificationMethod as Doc[]).map((m) => ({ ...m })) },
    };
    for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(value));
  });
  const cli = async (...controllers: string[]) => {
    const args = [join(ROOT, 'dist', 'cli.js'), 'verify', ...controllers.flatMap((c) => ['--controllers', join(dir, c)]), join(dir, 'web.jwt')];
    try {
      const { stdout, stderr } = await run(process.execPath, args, { timeout: 60_000 });
      return { code: 0, out: stdout + stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  };
  const noCrash = (out: string) => {
    expect(out).not.toMatch(/EUMC_INTERNAL_ERROR/);
    expect(out).not.toMatch(/\n\s+at [\w.<>]+ \(/);
  };

  it('control: the issuer\'s document verifies the VC-JWT', async () => {
    const r = await cli('uni.json');
    expect(r.out).toMatch(/^1 passed, 0 failed$/m);
    expect(r.code).toBe(0);
  }, 60_000);

  it('the same document twice, or with another controller\'s document beside it: verified by the issuer\'s own key', async () => {
    for (const set of [['uni.json', 'uni.json'], ['uni.json', 'evil.json']]) {
      const r = await cli(...set);
      noCrash(r.out);
      expect({ code: r.code, out: r.out.trim() }).toEqual({ code: 0, out: '1 passed, 0 failed' });
    }
  }, 60_000);

  it('only another controller\'s document listing a key in the issuer\'s name, or the issuer\'s id with a fragment: FAIL, said', async () => {
    for (const set of [['evil.json'], ['frag.json']]) {
      const r = await cli(...set);
      noCrash(r.out);
      expect(r.code, set.join()).toBe(1);
      expect(r.out).toMatch(/VC_CONTROLLER_UNKNOWN/);
    }
  }, 60_000);

  it('a file with no string id, an array, null; two different documents of one id: refused in words (exit 2), no stack trace', async () => {
    for (const set of [['noid.json'], ['array.json'], ['array-twice.json'], ['null.json'], ['numid.json'], ['uni.json', 'noid.json'], ['uni.json', 'other-uni.json']]) {
      const r = await cli(...set);
      noCrash(r.out);
      expect(r.code, set.join()).toBe(2);
      expect(r.out).toMatch(/^eumc: .*(no string "id"|two different controller documents)/m);
    }
  }, 120_000);
});

describe('verifyPresentation after the resolver change', () => {
  it('a presentation signed by a key another controller\'s document lists in the holder\'s name: not verified; a VC-JWT string inside a presentation is not taken as verified JSON', async () => {
    const { createPresentation, signPresentation, verifyPresentation } = await import('../src/vc.js');
    const signedBadge = await signCredential(badge as never, { key: didKey });
    const vp = createPresentation({ credentials: [signedBadge as never], holder: WEB });
    const challenge = 'c-123';
    const domain = 'verifier.example';
    const forged = await signPresentation(vp, { key: evil, challenge, domain });
    const r = await verifyPresentation(forged, { challenge, domain, controllers: [webDoc, evilDoc] });
    expect(r.verified).toBe(false);
    const real = await signPresentation(vp, { key: didWeb, challenge, domain });
    const ok = await verifyPresentation(real, { challenge, domain, controllers: [webDoc] });
    expect(ok.verified, JSON.stringify(ok.issues.slice(0, 3))).toBe(true);
    const withJwt = await signPresentation({ ...vp, verifiableCredential: [jwt] }, { key: didWeb, challenge, domain }).catch((e: unknown) => e);
    if (!(withJwt instanceof Error)) {
      const j = await verifyPresentation(withJwt, { challenge, domain, controllers: [webDoc] });
      expect(j.verified).toBe(false);
    }
  }, 60_000);
});
