// The verifier page's checking core (web/src/inspect/) attacked as an outsider would, in Node: files
// made to read as genuine when they are not, or to show what was not verified, or to crash or hang
// the page. Each case states what the page must say; each class of problem found has its variants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { type MicroCredential, toElm } from '../src/index.js';
import { generateSdJwtVcKeyPair, issueSdJwtVc, presentSdJwtVc } from '../src/sd-jwt-vc.js';
import { generateIssuerKey, signCredential } from '../src/vc.js';
import { EMPTY_TRUST, type InspectReport, type Trust, inspect, mergeTrust, readTrustFile, reportJson } from '../web/src/inspect/index.js';
import { certificate, keys, pem, seal } from './helpers/pki.js';
import { makeWebFiles } from './helpers/web-files.js';

const web = await makeWebFiles();
const ROOT = join(import.meta.dirname, '..');
const utf8 = (t: string) => new TextEncoder().encode(t);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const fixture = (path: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures', path), 'utf8')) as MicroCredential;
function trustOf(...names: string[]): Trust {
  let t = EMPTY_TRUST;
  for (const n of names.length > 0 ? names : Object.keys(web.trust)) t = mergeTrust(t, readTrustFile(n, web.trust[n]!).added);
  return t;
}
const ALL = trustOf();
const run = (name: string, bytes: Uint8Array, trust: Trust = EMPTY_TRUST, now?: Date) => inspect({ name, bytes }, trust, { elmShapes: false, ...(now ? { now } : {}) });
const codes = (r: InspectReport) => r.verdict.reasons.map((x) => x.code);
const words = (r: InspectReport) => r.verdict.reasons.map((x) => x.text).join('\n');

/** What every report must be, whatever the file: reasons consistent with the state. */
function consistent(r: InspectReport): void {
  if (r.verdict.state === 'not-genuine') {
    expect(words(r), 'a not-genuine verdict never calls the file intact').not.toMatch(/\bis intact\b|\bverified\b/i);
    expect(r.model).toBeUndefined();
    expect(r.elements.filter((e) => e.present)).toEqual([]);
  }
  if (r.verdict.state !== 'genuine' && r.verdict.state !== 'not-signed') expect(r.verdict.reasons.length).toBeGreaterThan(0);
  if (r.validity.state === 'expired' || r.validity.state === 'not-yet-valid') expect(words(r)).toMatch(/valid/);
  if (r.revocation.state === 'revoked') expect(codes(r)).toContain('STATUS_REVOKED');
  if (r.revocation.state === 'unknown') expect(codes(r)).toContain('STATUS_UNKNOWN');
}

describe('reasons agree with the verdict', () => {
  it('a tampered seal: "changed after it was sealed", never "the seal is intact" (with and without an anchor)', async () => {
    for (const trust of [EMPTY_TRUST, ALL, trustOf('did-web.did.json')]) {
      const r = await run('sealed-tampered.json', web.files['sealed-tampered.json']!, trust);
      expect(r.verdict.state).toBe('not-genuine');
      expect(codes(r)).toEqual(['EDC_SEAL_SIGNATURE_INVALID']);
      consistent(r);
    }
  });

  it('every file of the page\'s tests, with no trust and with all: reasons consistent with the state', async () => {
    for (const [name, bytes] of Object.entries(web.files)) for (const trust of [EMPTY_TRUST, ALL]) consistent(await run(name, bytes, trust));
  });

  it('a changed did:web credential with its document: only the change is said, not "load its DID document"', async () => {
    const r = await run('x', web.files['signed-did-web-tampered.jsonld']!, trustOf('did-web.did.json'));
    expect(r.verdict.state).toBe('not-genuine');
    expect(words(r)).not.toMatch(/load the issuer/i);
  });
});

describe('content shown whose signature was not checked: said so', () => {
  it('a changed did:web credential without its DID document, a changed SD-JWT VC without its key, an unknown proof type', async () => {
    const signed = JSON.parse(text(web.files['signed-did-key.jsonld']!)) as Record<string, unknown>;
    const unknownProof = { ...signed, proof: { ...(signed.proof as object), type: 'JwtProof2020', cryptosuite: undefined } };
    const files: [string, Uint8Array][] = [
      ['signed-did-web-tampered.jsonld', web.files['signed-did-web-tampered.jsonld']!],
      ['sd-jwt-vc-tampered.sd-jwt', web.files['sd-jwt-vc-tampered.sd-jwt']!],
      ['jwt-proof.jsonld', utf8(JSON.stringify(unknownProof))],
    ];
    let unconfirmed = 0;
    for (const [name, bytes] of files) {
      const r = await run(name, bytes);
      if (r.verdict.state === 'not-genuine') continue; // refused outright: nothing shown
      unconfirmed++;
      expect(r.verdict.state, name).toBe('unconfirmed');
      expect(r.verdict.reasons.find((x) => x.code === 'EUMC_CONTENT_UNCHECKED')?.text, name).toMatch(/not checked, so nothing says the content shown is what was signed/);
    }
    expect(unconfirmed).toBeGreaterThanOrEqual(2);
  });
  it('a sealed credential whose own did:web proof cannot be checked: unconfirmed, but not "unchecked" (the seal covers it)', async () => {
    const k = keys('p256', 4);
    const cert = certificate({ subject: [['CN', 'Self']], issuer: [['CN', 'Self']], publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256' });
    const signedWeb = JSON.parse(text(web.files['signed-did-web.jsonld']!)) as unknown;
    const r = await run('sealed-web.json', utf8(JSON.stringify(seal(signedWeb, { alg: 'ES256', key: k.privateKey, x5c: [cert] }))), mergeTrust(EMPTY_TRUST, readTrustFile('self.pem', utf8(pem(cert))).added));
    expect(r.verdict.state).toBe('unconfirmed');
    expect(codes(r)).toContain('VC_CONTROLLER_UNKNOWN');
    expect(codes(r)).not.toContain('EUMC_CONTENT_UNCHECKED');
  });

  it('an intact seal with no anchor is not "unchecked": its content is what was sealed', async () => {
    const r = await run('sealed.json', web.files['sealed.json']!);
    expect(r.verdict.state).toBe('unconfirmed');
    expect(codes(r)).not.toContain('EUMC_CONTENT_UNCHECKED');
  });
});

describe('the EU\'s sealed sample: the certificate\'s dates said exactly', () => {
  const bytes = readFileSync(join(ROOT, 'test/vectors/eu-elm/Sample-MC-Annex1-signed.jsonld'));
  it('sealed 2023-09-27 while its certificate was valid (2023-05-11 to 2025-05-10); expired by the time of the check', async () => {
    const r = await run('eu.jsonld', bytes, EMPTY_TRUST, new Date('2026-12-04T00:00:00Z'));
    expect(r.verdict).toMatchObject({ state: 'unconfirmed', signedAt: '2023-09-27T11:54:17Z', signer: { notBefore: '2023-05-11T14:31:15Z', notAfter: '2025-05-10T14:31:15Z' } });
    const expired = r.verdict.reasons.find((x) => x.code === 'EDC_SEAL_CERTIFICATE_EXPIRED')!;
    expect(expired.text).not.toMatch(/had expired when/);
    expect(expired.text).toMatch(/^The seal's certificate expired on 2025-05-10, before 2026-12-04, the time of this check\. The seal says it was made on 2023-09-27, while the certificate was valid, but nothing this page checks proves that time/);
    consistent(r);
  });
  it('checked while the certificate was valid: no word of expiry', async () => {
    const r = await run('eu.jsonld', bytes, EMPTY_TRUST, new Date('2024-01-01T00:00:00Z'));
    expect(codes(r)).not.toContain('EDC_SEAL_CERTIFICATE_EXPIRED');
    expect(r.verdict.state).toBe('unconfirmed');
  });
  it('checked before the certificate was valid: "valid only from"', async () => {
    const r = await run('eu.jsonld', bytes, EMPTY_TRUST, new Date('2023-01-01T00:00:00Z'));
    expect(r.verdict.reasons.find((x) => x.code === 'EDC_SEAL_CERTIFICATE_NOT_YET_VALID')?.text).toMatch(/^The seal's certificate is valid only from 2023-05-11, after 2023-01-01/);
  });
});

describe('a DID anyone can make: the verdict says the page cannot tell whose key it is', () => {
  it('did:key (ELM, Open Badge, baked, in a PDF): genuine, with the reason', async () => {
    for (const name of ['signed-did-key.jsonld', 'ob3-signed.json', 'ob3-baked.png', 'credential.pdf']) {
      const r = await run(name, web.files[name]!, ALL);
      expect(r.verdict.state, name).toBe('genuine');
      expect(r.verdict.reasons.find((x) => x.code === 'EUMC_SIGNER_NOT_IDENTIFIED')?.text, name).toMatch(/^The page cannot tell who holds the key of did:key:z6Mk\w+: anyone can make a DID\. Compare it with the DID the issuer publishes/);
    }
  });
  it('a DID whose document the user loaded as trusted: no such reason', async () => {
    const r = await run('x', web.files['signed-did-web.jsonld']!, trustOf('did-web.did.json'));
    expect(r.verdict.state).toBe('genuine');
    expect(codes(r)).not.toContain('EUMC_SIGNER_NOT_IDENTIFIED');
  });
});

describe('validity and status: never a plain "genuine" over an expired, not yet valid or revoked credential', () => {
  const he = fixture('valid/higher-education.json');
  it('an expired sealed credential: the seal genuine with its anchor, and the reasons say it expired', async () => {
    const k = keys('p256', 3);
    const cert = certificate({ subject: [['CN', 'Self']], issuer: [['CN', 'Self']], publicKey: k.publicKey, signingKey: k.privateKey, alg: 'ecdsa-sha256' });
    const elm = toElm({ ...he, furtherInformation: { ...he.furtherInformation, validUntil: '2025-01-31T23:59:59Z' } });
    const r = await run('sealed-expired.json', utf8(JSON.stringify(seal(elm, { alg: 'ES256', key: k.privateKey, x5c: [cert] }))), mergeTrust(EMPTY_TRUST, readTrustFile('self.pem', utf8(pem(cert))).added));
    expect(r.validity.state).toBe('expired');
    expect(r.verdict.reasons.find((x) => x.code === 'EUMC_EXPIRED' || x.code === 'VC_EXPIRED')?.text).toMatch(/ended/);
    consistent(r);
  });
  it('a signed credential checked before it starts: not yet valid, said', async () => {
    const r = await run('x', web.files['signed-did-key.jsonld']!, ALL, new Date('2000-01-01T00:00:00Z'));
    expect(r.validity.state).toBe('not-yet-valid');
    expect(words(r)).toMatch(/not valid yet/);
    consistent(r);
  });
  it('revoked and expired: both said', async () => {
    const r = await run('x', web.files['signed-revoked.jsonld']!, ALL);
    expect(codes(r)).toContain('STATUS_REVOKED');
    consistent(r);
  });
  it('a status list signed by another DID, or changed: unknown, and said', async () => {
    const list = JSON.parse(text(web.trust['status-list.json']!)) as Record<string, unknown>;
    const other = await generateIssuerKey({ seed: new Uint8Array(32).fill(98) });
    const { proof: _proof, ...unsigned } = list;
    const forged = await signCredential({ ...unsigned, issuer: other.controller }, { key: other });
    const changed = { ...list, id: `${String(list.id)}#x` };
    for (const bad of [forged, changed, unsigned]) {
      const r = await run('x', web.files['signed-revoked.jsonld']!, mergeTrust(EMPTY_TRUST, readTrustFile('list.json', utf8(JSON.stringify(bad))).added));
      expect(r.verdict.state).toBe('genuine');
      expect(['unknown', 'not-checked']).toContain(r.revocation.state);
      expect(r.revocation.state === 'unknown' ? codes(r) : ['STATUS_UNKNOWN']).toContain('STATUS_UNKNOWN');
      consistent(r);
    }
  });
});

describe('more than the verified credential in one file', () => {
  const signed = JSON.parse(text(web.files['signed-did-key.jsonld']!)) as Record<string, unknown>;
  it('a second credential in a member beside the proof\'s reach, or a presentation, or an array: never genuine', async () => {
    const files = {
      beside: { ...signed, verifiableCredential: [{ learner: { fullName: 'Mallory' } }] },
      presentation: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: 'VerifiablePresentation', verifiableCredential: [signed] },
      array: [signed, { learner: { fullName: 'Mallory' } }],
    };
    for (const [what, doc] of Object.entries(files)) {
      const r = await run(what, utf8(JSON.stringify(doc)), ALL);
      expect(['not-genuine', 'unreadable'], what).toContain(r.verdict.state);
      expect(reportJson(r)).not.toContain('Mallory');
    }
  });

  it('a seal with two signatures, one bad (either order): not genuine', async () => {
    const sealed = JSON.parse(text(web.files['sealed.json']!)) as { signatures: { signature: string }[] };
    const good = sealed.signatures[0]!;
    const bad = { ...good, signature: good.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    for (const signatures of [[good, bad], [bad, good]]) {
      const r = await run('two.json', utf8(JSON.stringify({ ...sealed, signatures })), ALL);
      expect(r.verdict.state).toBe('not-genuine');
      consistent(r);
    }
  });

  it('a PDF with a forged credential attached as its Source too: which one was checked is said in the reasons, and the other', async () => {
    const other = await generateIssuerKey({ seed: new Uint8Array(32).fill(5) });
    const { proof: _p, ...unsigned } = signed;
    const forged = await signCredential({ ...unsigned, issuer: other.controller }, { key: other });
    // First: a forged one named like the real one, before it, as Source; second: the library's own PDF with a forged one added.
    const first = await PDFDocument.create();
    first.addPage();
    await first.attach(utf8(JSON.stringify(forged)), 'credential.jsonld', { mimeType: 'application/vc+ld+json', afRelationship: 'Source' as never });
    await first.attach(web.files['signed-did-key.jsonld']!, 'credential-2.jsonld', { mimeType: 'application/vc+ld+json', afRelationship: 'Source' as never });
    const second = await PDFDocument.load(web.files['credential.pdf']!);
    await second.attach(utf8(JSON.stringify(forged)), 'forged.jsonld', { mimeType: 'application/vc+ld+json', afRelationship: 'Source' as never });
    for (const pdf of [await first.save(), await second.save()]) {
      const r = await run('two.pdf', pdf, ALL);
      expect(r.verdict.state).toBe('genuine');
      const signer = (r.verdict.signer as { id: string }).id;
      expect(codes(r)).toContain('PDF_OTHER_ATTACHMENTS');
      expect(r.attachment).toBeDefined();
      expect(r.issues[0]!.message).toContain(`"${r.attachment}"`);
      // The DID named is the one that signed the attachment checked, and the reasons say that anyone can make one.
      expect(words(r)).toContain(signer);
    }
  });

  it('an image baked with two credentials: the first is checked, and the reasons say the other was not', async () => {
    const badge = text(web.files['ob3-baked.svg']!);
    const element = /<openbadges:credential[\s\S]*?<\/openbadges:credential>/.exec(badge)?.[0];
    expect(element).toBeDefined();
    const twice = badge.replace(element!, element! + element!);
    const r = await run('twice.svg', utf8(twice), ALL);
    expect(r.verdict.state).toBe('genuine');
    expect(codes(r)).toContain('OB3_IMAGE_BAKED_TWICE');
  });
});

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
/** A baked PNG with its iTXt "openbadgecredential" chunk's text replaced by `credential` (written by hand: the library's baker refuses such text). */
function withCredentialChunk(png: Uint8Array, credential: string): Uint8Array {
  const buf = Buffer.from(png);
  const at = buf.indexOf('iTXtopenbadgecredential\0') - 4;
  expect(at).toBeGreaterThan(0);
  const length = buf.readUInt32BE(at);
  const data = Buffer.concat([Buffer.from('openbadgecredential\0\0\0\0\0'), Buffer.from(credential, 'utf8')]);
  const typed = Buffer.concat([Buffer.from('iTXt'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typed.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typed), 8 + data.length);
  return new Uint8Array(Buffer.concat([buf.subarray(0, at), chunk, buf.subarray(at + 12 + length)]));
}

describe('a member twice, in every carrier: refused as in a JSON file', () => {
  it('a baked SVG and PNG whose credential text has a member twice (the signed one last): not genuine, nothing shown', async () => {
    const svg = text(web.files['ob3-baked.svg']!);
    // The credential as the image holds it: JSON text in a CDATA section or escaped, with "id" put first a second time.
    const twiceSvg = svg.replace(/(<openbadges:credential[^>]*>\s*(?:<!\[CDATA\[)?\s*)\{/, '$1{"id":"urn:mallory",');
    expect(twiceSvg).not.toBe(svg);
    const badge = JSON.parse(text(web.files['ob3-signed.json']!)) as Record<string, unknown>;
    const twicePng = withCredentialChunk(web.files['ob3-baked.png']!, JSON.stringify(badge).replace('{', '{"id":"urn:mallory",'));
    for (const [name, bytes] of [['twice.svg', utf8(twiceSvg)], ['twice.png', twicePng]] as [string, Uint8Array][]) {
      const r = await run(name, bytes, ALL);
      expect(r.verdict.state, name).toBe('not-genuine');
      expect(codes(r), name).toEqual(['EUMC_JSON_DUPLICATE_NAME']);
      expect(reportJson(r), name).not.toContain('mallory');
    }
    // The same images without the second member, the PNG through the same hand-written chunk, are genuine.
    expect((await run('once.svg', web.files['ob3-baked.svg']!, ALL)).verdict.state).toBe('genuine');
    expect((await run('once.png', withCredentialChunk(web.files['ob3-baked.png']!, JSON.stringify(badge)), ALL)).verdict.state).toBe('genuine');
  });
});

describe('what the reading set aside, in people\'s words', () => {
  it('a wrapper with data beside the credential: the reasons say the page checked the credential inside, and nothing else is shown', async () => {
    const signed = JSON.parse(text(web.files['signed-did-key.jsonld']!)) as unknown;
    const r = await run('wrapped.json', utf8(JSON.stringify({ credential: signed, note: 'Mallory was here' })), ALL);
    expect(r.verdict.state).toBe('genuine');
    expect(r.verdict.reasons.find((x) => x.code === 'ELM_WRAPPED')?.text).toMatch(/^The credential came in a wrapper .*nothing else in the wrapper is covered by its signature or shown\.$/);
    expect(reportJson(r)).not.toContain('Mallory');
  });
});

describe('SD-JWT VC presentations', () => {
  const he = fixture('valid/higher-education.json');
  it('a disclosure no digest references, a disclosure twice, a key binding for another audience', async () => {
    const issuer = await generateSdJwtVcKeyPair('ES256', { kid: 'k' });
    const holder = await generateSdJwtVcKeyPair('ES256');
    const trust = mergeTrust(EMPTY_TRUST, { issuerKeys: [{ name: 'issuer.jwk', jwk: issuer.publicJwk as never }] });
    const sdJwt = await issueSdJwtVc(he, { key: issuer.privateJwk, issuer: 'https://uni.example.eu' });
    const [jwt, ...rest] = sdJwt.split('~');
    const disclosures = rest.filter(Boolean);
    const extra = Buffer.from(JSON.stringify(['c2FsdHNhbHRzYWx0', 'title', 'Forged title'])).toString('base64url');
    const unreferenced = await run('x', utf8([jwt, extra, ...disclosures, ''].join('~')), trust);
    expect(unreferenced.verdict.state).toBe('not-genuine');
    expect(reportJson(unreferenced)).not.toContain('Forged title');
    const duplicated = await run('x', utf8([jwt, disclosures[0], ...disclosures, ''].join('~')), trust);
    expect(duplicated.verdict.state).toBe('not-genuine');
    consistent(duplicated);
    const bound = await issueSdJwtVc(he, { key: issuer.privateJwk, issuer: 'https://uni.example.eu', holderKey: holder.publicJwk });
    const presented = await presentSdJwtVc(bound, { disclose: ['title'], holderKey: holder.privateJwk, audience: 'https://someone-else.example', nonce: 'n' });
    const r = await run('x', utf8(presented), trust);
    expect(r.verdict.state).toBe('genuine');
    // The page is no relying party: it cannot know whom the holder meant it for, and says so.
    expect(r.verdict.reasons.find((x) => x.code === 'SDJWT_KB_REPLAY_UNCHECKED')?.text).toMatch(/^The holder's key-binding proof is intact, but the page cannot tell whom the holder presented it to/);
  });
});

describe('any input: a verdict, never a throw or a hang', () => {
  const signedText = text(web.files['signed-did-key.jsonld']!);
  it('UTF-16 text (with its byte order mark) reads as the same credential; a BOM in UTF-8 too', async () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...signedText].map((c) => c.charCodeAt(0))).buffer)]);
    const r = await run('utf16.jsonld', le, ALL);
    expect(r.verdict.state).toBe('genuine');
    expect(r.issues.some((i) => i.code === 'EUMC_UTF16')).toBe(true);
    expect((await run('bom.jsonld', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(signedText)]), ALL)).verdict.state).toBe('genuine');
  });
  it('huge and deeply nested inputs are bounded', async () => {
    const t = performance.now();
    const big = await run('big.json', new Uint8Array(100 * 1024 * 1024), ALL);
    expect(big.verdict.state).toBe('unreadable');
    expect(big.verdict.reasons[0]!.text).toMatch(/100\.0 MB, more than the 32 MB/);
    const deep = await run('deep.json', utf8(`{"learner":${'['.repeat(500000)}${']'.repeat(500000)}}`), ALL);
    expect(['not-signed', 'unreadable']).toContain(deep.verdict.state);
    const deepSigned = await run('deep.jsonld', utf8(signedText.replace('{', `{"x":${'['.repeat(200000)}${']'.repeat(200000)},`)), ALL);
    expect(deepSigned.verdict.state).toBe('not-genuine');
    expect(performance.now() - t).toBeLessThan(20000);
  });
  it('a large image: one credential, then a million unclosed credential elements, or two million bare openings: an answer in seconds', async () => {
    const svg = text(web.files['ob3-baked.svg']!);
    const t = performance.now();
    const manySvg = await run('many.svg', utf8(svg.replace('</svg>', `${'<x:credential a="1">'.repeat(1_000_000)}</svg>`)), ALL);
    const lonelySvg = await run('lonely.svg', utf8(svg.replace('</svg>', `${'<credential '.repeat(2_000_000)}</svg>`)), ALL);
    expect(performance.now() - t).toBeLessThan(15000);
    for (const r of [manySvg, lonelySvg]) expect(['genuine', 'not-genuine', 'unreadable']).toContain(r.verdict.state);
  });

  it('a file name with markup is only text', async () => {
    const name = '<img src=x onerror=alert(1)>.json';
    const r = await run(name, new Uint8Array([0, 1, 2, 255]), ALL);
    expect(r.verdict.state).toBe('unreadable');
    expect(r.file.name).toBe(name);
    expect(words(r)).not.toContain('<img');
  });
});
