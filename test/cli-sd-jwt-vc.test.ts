// The built `eumc` (dist/cli.js, or EUMC_TEST_DIST) on SD-JWT VC, the EU wallet's format: keys made
// by `eumc keygen --format jwk`, credentials issued by `eumc convert --to sd-jwt-vc` from the valid
// fixtures, then verified (`--issuer-keys`, `--trust-anchors`, `--integrity-only`, `--audience`,
// `--nonce`), tampered, checked with the wrong key, cut down to fewer disclosures (`validate` holds
// what is left to the rulebook), read back to the model, found in folders and on standard input.
// Presentations with a key-binding JWT are made with the library's presentSdJwtVc, as a wallet would.
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentSdJwtVc } from '../src/sd-jwt-vc.js';
import { basicConstraints, certificate, keyUsage, keys, pem } from './helpers/pki.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[], input = '') => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
type FileReport = Record<string, any>;
const report = (args: string[], input = '') => {
  const r = run([...args, '--format', 'json'], input);
  const parsed = r.out ? (JSON.parse(r.out) as { summary: Record<string, number>; files: FileReport[] }) : undefined;
  return { code: r.code, err: r.err, files: parsed?.files ?? [], summary: parsed?.summary };
};
const codesOf = (f: FileReport | undefined): string[] => (f?.issues ?? []).map((i: { code: string }) => i.code);

const fixture = (name: string) => join(repo, 'fixtures', 'valid', `${name}.json`);
const model = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8'));
const ISSUER = 'https://uni.example.eu';

let dir: string;
const file = (name: string) => join(dir, name);
const text = (name: string) => readFileSync(file(name), 'utf8');
const b64json = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
/** The parts of a compact SD-JWT: header and payload decoded, disclosures as written. */
const partsOf = (sdJwt: string) => {
  const [jwt, ...rest] = sdJwt.trim().split('~');
  const [h, p] = jwt!.split('.');
  return { header: b64json(h!), payload: b64json(p!), disclosures: rest.filter((d) => d !== '' && !d.includes('.')) };
};
/** The SD-JWT without the disclosure of a claim (a holder showing less). */
const withoutClaim = (sdJwt: string, name: string) =>
  sdJwt
    .trim()
    .split('~')
    .filter((part, i) => i === 0 || part === '' || b64json(part)[1] !== name)
    .join('~');

/** `eumc keygen --format jwk`: the private JWK in `<name>-key.json`, the public one printed, saved as `<name>-pub.json`. */
function keygen(name: string, extra: string[] = []): Record<string, string> {
  const r = run(['keygen', '--format', 'jwk', '--out', file(`${name}-key.json`), ...extra]);
  expect(r, r.err).toMatchObject({ code: 0 });
  writeFileSync(file(`${name}-pub.json`), r.out);
  return JSON.parse(r.out);
}

let issuerPub: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-sdjwt-'));
  issuerPub = keygen('issuer', ['--alg', 'ES256']);
  keygen('eddsa', ['--alg', 'EdDSA']);
  keygen('other');
  keygen('same-kid', ['--id', issuerPub.kid!]);
  keygen('holder');
  const convert = (input: string, out: string, extra: string[] = []) => {
    const r = run(['convert', '--to', 'sd-jwt-vc', input, '--key', file('issuer-key.json'), '--issuer', ISSUER, '--out', file(out), ...extra]);
    expect(r, r.err).toMatchObject({ code: 0 });
  };
  convert(fixture('higher-education'), 'mc.sd-jwt');
  convert(fixture('higher-education'), 'bound.sd-jwt', ['--holder-key', file('holder-pub.json')]);
  const eddsa = run(['convert', '--to', 'sd-jwt-vc', fixture('higher-education'), '--key', file('eddsa-key.json'), '--issuer', ISSUER, '--out', file('eddsa.sd-jwt')]);
  expect(eddsa, eddsa.err).toMatchObject({ code: 0 });
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eumc keygen --format jwk', () => {
  it('writes the private JWK (mode 0600) and prints the public one, with kid and alg', () => {
    const priv = JSON.parse(text('issuer-key.json'));
    expect(priv).toMatchObject({ kty: 'EC', crv: 'P-256', kid: issuerPub.kid, alg: 'ES256' });
    expect(typeof priv.d).toBe('string');
    expect(issuerPub).not.toHaveProperty('d');
    expect({ ...priv, d: undefined }).toEqual({ ...issuerPub, d: undefined });
    expect((statSync(file('issuer-key.json')).mode & 0o777).toString(8)).toBe('600');
    expect(JSON.parse(text('eddsa-pub.json'))).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(JSON.parse(text('same-kid-pub.json')).kid).toBe(issuerPub.kid);
  });

  it('refuses what belongs to the other format', () => {
    expect(run(['keygen', '--format', 'jwk', '--controller', 'https://uni.example.eu', '--out', file('x.json')]).code).toBe(2);
    expect(run(['keygen', '--alg', 'ES256', '--out', file('x.json')]).code).toBe(2);
    expect(run(['keygen', '--format', 'jwk', '--alg', 'RS256', '--out', file('x.json')]).code).toBe(2);
  });
});

describe('eumc convert --to sd-jwt-vc', () => {
  it('writes one compact SD-JWT line: dc+sd-jwt, the key\'s kid, iss, vct, the rulebook claims as disclosures', () => {
    const written = text('mc.sd-jwt');
    expect(written.endsWith('~\n')).toBe(true);
    expect(written.trim().split('\n')).toHaveLength(1);
    const { header, payload, disclosures } = partsOf(written);
    expect(header).toMatchObject({ typ: 'dc+sd-jwt', alg: 'ES256', kid: issuerPub.kid });
    expect(payload).toMatchObject({ iss: ISSUER, vct: 'VerifiableMicroCredential' });
    expect(payload).not.toHaveProperty('cnf');
    const names = disclosures.map((d) => b64json(d)[1]);
    expect(names).toContain('title');
    expect(names).toContain('givenName');
    expect(disclosures.map((d) => b64json(d)[2])).toContain(model('higher-education').learner.givenName);
  });

  it('binds the holder\'s public key in cnf with --holder-key, and takes --vct', () => {
    expect(partsOf(text('bound.sd-jwt')).payload.cnf.jwk).toMatchObject({ kty: 'EC', x: JSON.parse(text('holder-pub.json')).x });
    const r = run(['convert', '--to', 'sd-jwt-vc', fixture('higher-education'), '--key', file('issuer-key.json'), '--issuer', ISSUER, '--vct', 'https://uni.example.eu/vct/mc']);
    expect(r.code, r.err).toBe(0);
    expect(partsOf(r.out).payload.vct).toBe('https://uni.example.eu/vct/mc');
  });

  it('fails a model that is not a micro-credential with its problems, exit 1, nothing written', () => {
    const broken = { ...model('higher-education'), dateOfIssue: 'yesterday' };
    writeFileSync(file('broken.json'), JSON.stringify(broken));
    const r = run(['convert', '--to', 'sd-jwt-vc', file('broken.json'), '--key', file('issuer-key.json'), '--issuer', ISSUER, '--out', file('broken.sd-jwt')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\/dateOfIssue: .*\[MC_/);
    expect(r.out).toBe('');
  });

  it('refuses keys that do not fit: a private --holder-key, a --key that is not a JWK or is public, no --key, no --issuer', () => {
    const issue = (...extra: string[]) => run(['convert', '--to', 'sd-jwt-vc', fixture('higher-education'), '--issuer', ISSUER, ...extra]);
    const holderPrivate = issue('--key', file('issuer-key.json'), '--holder-key', file('holder-key.json'));
    expect(holderPrivate.code).toBe(2);
    expect(holderPrivate.err).toMatch(/--holder-key .* holds a private key/);
    expect(holderPrivate.out).toBe('');
    expect(run(['keygen', '--out', file('multikey.json')]).code).toBe(0);
    const multikey = issue('--key', file('multikey.json'));
    expect(multikey).toMatchObject({ code: 2 });
    expect(multikey.err).toMatch(/is an eumc signing key \(Multikey.*not a JWK.*eumc keygen --format jwk/);
    writeFileSync(file('not-json.txt'), 'hello');
    expect(issue('--key', file('not-json.txt'))).toMatchObject({ code: 2, err: expect.stringMatching(/--key .* is not valid JSON/) });
    expect(issue('--key', file('issuer-pub.json'))).toMatchObject({ code: 2, err: expect.stringMatching(/holds a public key/) });
    writeFileSync(file('rsa-key.json'), JSON.stringify(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })));
    expect(issue('--key', file('rsa-key.json'))).toMatchObject({ code: 2, out: '', err: expect.stringMatching(/cannot be issued with these options: .*ES256/) });
    expect(issue()).toMatchObject({ code: 2, err: expect.stringMatching(/needs --key/) });
    expect(run(['convert', '--to', 'sd-jwt-vc', fixture('higher-education'), '--key', file('issuer-key.json')])).toMatchObject({ code: 2, err: expect.stringMatching(/needs --issuer <uri> .* or --x5c/) });
    expect(run(['convert', '--to', 'elm', fixture('higher-education'), '--key', file('issuer-key.json')])).toMatchObject({ code: 2, err: expect.stringMatching(/--key is for --to sd-jwt-vc/) });
  });
});

describe('eumc verify of an SD-JWT VC', () => {
  it('verifies with the issuer\'s public JWK or JWK Set: verdict, disclosed claims', () => {
    const r = report(['verify', '--issuer-keys', file('issuer-pub.json'), file('mc.sd-jwt')]);
    expect(r.code, JSON.stringify(r.files)).toBe(0);
    const [f] = r.files;
    expect(f).toMatchObject({ kind: 'sd-jwt-vc', status: 'passed', assurance: 'trusted', signature: { type: 'sd-jwt', status: 'passed' } });
    expect(f!.sdJwt.disclosed).toContain('/title');
    expect(f!.sdJwt.claims.givenName).toBe(model('higher-education').learner.givenName);
    expect(f!.sdJwt.iss).toBe(ISSUER);
    writeFileSync(file('jwks.json'), JSON.stringify({ keys: [JSON.parse(text('other-pub.json')), issuerPub] }));
    const shown = run(['verify', '--issuer-keys', file('jwks.json'), file('mc.sd-jwt')]);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^PASS .*mc\.sd-jwt \(sd-jwt-vc\)\n {2}signature: passed\n {2}disclosed \(\d+\): .*\/title/m);
    expect(run(['verify', '--issuer-keys', file('eddsa-pub.json'), file('eddsa.sd-jwt')]).code).toBe(0);
  });

  it('fails a changed payload or disclosure with its code, exit 1', () => {
    const sdJwt = text('mc.sd-jwt').trim();
    const [jwt, ...rest] = sdJwt.split('~');
    const [h, p, s] = jwt!.split('.');
    const payload = b64json(p!);
    const forged = Buffer.from(JSON.stringify({ ...payload, iss: 'https://evil.example' })).toString('base64url');
    writeFileSync(file('payload.sd-jwt'), [[h, forged, s].join('.'), ...rest].join('~'));
    const a = report(['verify', '--issuer-keys', file('issuer-pub.json'), file('payload.sd-jwt')]);
    expect(a.code).toBe(1);
    expect(codesOf(a.files[0])).toContain('SDJWT_SIGNATURE_INVALID');
    // A disclosure with the same salt and name but another value: its digest is in no _sd array.
    const i = rest.findIndex((d) => d !== '' && b64json(d)[1] === 'title');
    const [salt, name] = b64json(rest[i]!);
    rest[i] = Buffer.from(JSON.stringify([salt, name, 'Brain surgery'])).toString('base64url');
    writeFileSync(file('disclosure.sd-jwt'), [jwt, ...rest].join('~'));
    const b = report(['verify', '--issuer-keys', file('issuer-pub.json'), file('disclosure.sd-jwt')]);
    expect(b.code).toBe(1);
    expect(codesOf(b.files[0])).toContain('SDJWT_DISCLOSURE_UNREFERENCED');
    expect(JSON.stringify(b.files[0]!.sdJwt.claims)).not.toContain('Brain surgery');
    // One byte of the signature.
    const flipped = `${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
    writeFileSync(file('signature.sd-jwt'), [[h, p, flipped].join('.'), ...rest].join('~'));
    expect(codesOf(report(['verify', '--issuer-keys', file('issuer-pub.json'), file('signature.sd-jwt')]).files[0])).toContain('SDJWT_SIGNATURE_INVALID');
  });

  it('fails with the wrong key: same kid (bad signature), or a key for another kid', () => {
    const same = report(['verify', '--issuer-keys', file('same-kid-pub.json'), file('mc.sd-jwt')]);
    expect(same.code).toBe(1);
    expect(codesOf(same.files[0])).toContain('SDJWT_SIGNATURE_INVALID');
    const other = report(['verify', '--issuer-keys', file('other-pub.json'), file('mc.sd-jwt')]);
    expect(other.code).toBe(1);
    expect(other.files[0]).toMatchObject({ status: 'failed', signature: { status: 'failed' } });
    expect(codesOf(other.files[0]).some((c) => c === 'SDJWT_ISSUER_KEY_UNKNOWN' || c === 'SDJWT_SIGNATURE_INVALID')).toBe(true);
  });

  it('never says verified without a key or anchor of the user\'s; --integrity-only needs an x5c', () => {
    const none = report(['verify', file('mc.sd-jwt')]);
    expect(none.code).toBe(1);
    expect(none.files[0]).toMatchObject({ status: 'failed', assurance: 'none' });
    const issue = none.files[0]!.issues.find((i: { code: string }) => i.code === 'SDJWT_ISSUER_KEY_UNKNOWN');
    expect(issue?.message).toMatch(/--issuer-keys/);
    expect(JSON.stringify(none.files[0]!.issues)).not.toMatch(/issuerKeys|trustAnchors/);
    const integrity = report(['verify', '--integrity-only', file('mc.sd-jwt')]);
    expect(integrity.code).toBe(1);
    expect(integrity.files[0]!.issues[0].message).toMatch(/has none/);
    expect(run(['verify', '--integrity-only', '--issuer-keys', file('issuer-pub.json'), file('mc.sd-jwt')]).code).toBe(2);
    expect(run(['verify', '--issuer-keys', file('issuer-key.json'), file('mc.sd-jwt')])).toMatchObject({ code: 2, err: expect.stringMatching(/private key/) });
    expect(run(['verify', '--issuer-keys', file('mc.sd-jwt'), file('mc.sd-jwt')]).code).toBe(2);
  });

  it('a credential bound to a holder: no key-binding JWT fails; the holder\'s presentation verifies with --audience and --nonce', async () => {
    const missing = report(['verify', '--issuer-keys', file('issuer-pub.json'), file('bound.sd-jwt')]);
    expect(missing.code).toBe(1);
    expect(codesOf(missing.files[0])).toContain('SDJWT_KB_MISSING');
    const presentation = await presentSdJwtVc(text('bound.sd-jwt').trim(), {
      disclose: ['title', 'awardingBody'],
      holderKey: JSON.parse(text('holder-key.json')),
      audience: 'https://employer.example.eu',
      nonce: 'n-0S6_WzA2Mj',
    });
    writeFileSync(file('presentation.sd-jwt'), presentation);
    const ok = report(['verify', '--issuer-keys', file('issuer-pub.json'), '--audience', 'https://employer.example.eu', '--nonce', 'n-0S6_WzA2Mj', file('presentation.sd-jwt')]);
    expect(ok.code, JSON.stringify(ok.files)).toBe(0);
    expect([...ok.files[0]!.sdJwt.disclosed].sort()).toEqual(['/awardingBody', '/title']);
    expect(ok.files[0]!.sdJwt.claims).not.toHaveProperty('givenName');
    const nonce = report(['verify', '--issuer-keys', file('issuer-pub.json'), '--audience', 'https://employer.example.eu', '--nonce', 'another', file('presentation.sd-jwt')]);
    expect(nonce.code).toBe(1);
    expect(codesOf(nonce.files[0])).toContain('SDJWT_KB_NONCE_MISMATCH');
  });

  it('an x5c chain: verified with --trust-anchors, integrity only (a warning, said on standard error) without', () => {
    const root = keys('p256', 41);
    const leaf = keys('p256', 42);
    const rootName: [string, string][] = [['C', 'BE'], ['O', 'Test Root'], ['CN', 'SD-JWT test root']];
    const rootCert = certificate({ subject: rootName, issuer: rootName, publicKey: root.publicKey, signingKey: root.privateKey, alg: 'ecdsa-sha256', extensions: [basicConstraints(true), keyUsage('keyCertSign')] });
    const leafCert = certificate({ subject: [['C', 'BE'], ['O', 'Uni'], ['CN', 'uni.example.eu']], issuer: rootName, serial: 7n, publicKey: leaf.publicKey, signingKey: root.privateKey, alg: 'ecdsa-sha256', extensions: [keyUsage('digitalSignature')] });
    expect(new X509Certificate(leafCert).verify(new X509Certificate(rootCert).publicKey)).toBe(true);
    writeFileSync(file('chain.pem'), pem(leafCert));
    writeFileSync(file('root.pem'), pem(rootCert));
    writeFileSync(file('x5c-key.json'), JSON.stringify({ ...leaf.privateKey.export({ format: 'jwk' }), alg: 'ES256' }));
    const issued = run(['convert', '--to', 'sd-jwt-vc', fixture('higher-education'), '--key', file('x5c-key.json'), '--x5c', file('chain.pem'), '--out', file('x5c.sd-jwt')]);
    expect(issued, issued.err).toMatchObject({ code: 0 });
    expect(partsOf(text('x5c.sd-jwt')).header.x5c).toEqual([leafCert.toString('base64')]);
    // A certificate of another key than the signing one is refused before anything is written.
    expect(run(['convert', '--to', 'sd-jwt-vc', fixture('higher-education'), '--key', file('issuer-key.json'), '--x5c', file('chain.pem')])).toMatchObject({ code: 2, out: '' });
    const trusted = report(['verify', '--trust-anchors', file('root.pem'), file('x5c.sd-jwt')]);
    expect(trusted.code, JSON.stringify(trusted.files)).toBe(0);
    expect(trusted.files[0]).toMatchObject({ assurance: 'trusted' });
    const integrity = report(['verify', '--integrity-only', file('x5c.sd-jwt')]);
    expect(integrity.code, JSON.stringify(integrity.files)).toBe(0);
    expect(integrity.files[0]).toMatchObject({ status: 'passed', assurance: 'integrity-only' });
    expect(codesOf(integrity.files[0])).toContain('EUMC_SD_JWT_SIGNER_NOT_CHECKED');
    expect(integrity.err).toMatch(/integrity only: the signer is not checked/);
    expect(run(['verify', '--integrity-only', '--strict', file('x5c.sd-jwt')]).code).not.toBe(0);
    expect(report(['verify', file('x5c.sd-jwt')]).code).toBe(1);
  });
});

describe('eumc validate of an SD-JWT VC', () => {
  it('holds the claims it carries to the rulebook: all of them pass; without title, SDJWT_CLAIM_MISSING', () => {
    const ok = report(['validate', file('mc.sd-jwt')]);
    expect(ok.code, JSON.stringify(ok.files)).toBe(0);
    expect(ok.files[0]).toMatchObject({ kind: 'sd-jwt-vc', status: 'passed' });
    expect(codesOf(ok.files[0])).toContain('EUMC_SD_JWT_NOT_VERIFIED');
    writeFileSync(file('no-title.sd-jwt'), withoutClaim(text('mc.sd-jwt'), 'title'));
    const missing = report(['validate', file('no-title.sd-jwt')]);
    expect(missing.code).toBe(1);
    const issue = missing.files[0]!.issues.find((i: { code: string }) => i.code === 'SDJWT_CLAIM_MISSING');
    expect(issue).toMatchObject({ severity: 'error', path: '/claims/title' });
    // Its signature still holds: a holder may show fewer claims; `verify` does not ask for the rulebook's.
    expect(run(['verify', '--issuer-keys', file('issuer-pub.json'), file('no-title.sd-jwt')]).code).toBe(0);
    const textReport = run(['validate', file('no-title.sd-jwt')]);
    expect(textReport.out).toMatch(/FAIL .*no-title\.sd-jwt \(sd-jwt-vc\)\n {2}error {3}\/claims\/title: .*\[SDJWT_CLAIM_MISSING\]/);
  });

  it('reports a disclosure that belongs to no digest, and reads a .sdjwt file, standard input, and a folder', () => {
    const forged = `${text('mc.sd-jwt').trim()}${Buffer.from(JSON.stringify(['salt', 'title', 'Forged'])).toString('base64url')}~`;
    writeFileSync(file('added.sdjwt'), forged);
    const added = report(['validate', file('added.sdjwt')]);
    expect(added.code).toBe(1);
    expect(added.files[0]!.issues.find((i: { code: string }) => i.code === 'SDJWT_DISCLOSURE_UNREFERENCED')?.path).toMatch(/^\/disclosures\/\d+$/);
    expect(report(['verify', '--issuer-keys', file('issuer-pub.json'), '-'], text('mc.sd-jwt')).code).toBe(0);
    expect(report(['validate', '-'], `  ${text('mc.sd-jwt')}\n\n`).files[0]).toMatchObject({ kind: 'sd-jwt-vc', status: 'passed' });
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.sd-jwt'), text('mc.sd-jwt'));
    writeFileSync(join(folder, 'b.json'), readFileSync(fixture('higher-education')));
    writeFileSync(join(folder, 'c.txt'), text('mc.sd-jwt'));
    const walked = report(['validate', '--workers', '0', folder]);
    expect(walked.files.map((f) => [f.file.slice(folder.length + 1), f.kind])).toEqual([['a.sd-jwt', 'sd-jwt-vc'], ['b.json', 'model']]);
    // The same in worker threads.
    const pooled = report(['verify', '--workers', '2', '--issuer-keys', file('issuer-pub.json'), file('mc.sd-jwt'), file('eddsa.sd-jwt'), file('payload.sd-jwt')]);
    expect(pooled.files.map((f) => f.status)).toEqual(['passed', 'failed', 'failed']);
  });

  it('--kind sd-jwt-vc is a choice; a model file forced to it fails', () => {
    expect(report(['validate', '--kind', 'sd-jwt-vc', fixture('higher-education')]).code).toBe(1);
  });
});

describe('eumc convert --to model of an SD-JWT VC', () => {
  it('reads the claims back into the model, noting that no signature was checked', () => {
    const r = run(['convert', '--to', 'model', file('mc.sd-jwt')]);
    expect([0, 1]).toContain(r.code);
    const back = JSON.parse(r.out);
    const original = model('higher-education');
    expect(back.learner.givenName).toBe(original.learner.givenName);
    expect(back.learner.familyName).toBe(original.learner.familyName);
    expect(r.err).toMatch(/signature was not checked/);
    expect(run(['convert', '--to', 'elm', file('mc.sd-jwt')])).toMatchObject({ code: 1, err: expect.stringMatching(/is an SD-JWT VC/) });
  });
});

it('the digest the test computes for a disclosure is the one in the payload (a check of this file\'s reading)', () => {
  const { payload, disclosures } = partsOf(text('mc.sd-jwt'));
  const digests = disclosures.map((d) => createHash('sha256').update(d).digest('base64url'));
  for (const d of digests) expect(payload._sd).toContain(d);
});
