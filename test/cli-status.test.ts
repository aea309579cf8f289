// The built `eumc` (dist/cli.js, or EUMC_TEST_DIST) on status lists in local files: `eumc status
// create`, `allocate`, `revoke`, `suspend`, `reinstate`, `set`, `publish`, `check`, and `eumc verify
// --status-list`. Credentials carry the entries `allocate` printed: an Open Badges 3.0 credential and
// a plain VC 2.0 credential signed by `eumc sign`, an SD-JWT VC issued by the library (eumc has no
// issuing option for status yet). What the published lists say is also read with independent
// decoders (@digitalbazaar/vc-bitstring-status-list's decodeList, @sd-jwt/jwt-status-list), and the
// files' state with the library's StatusList. Concurrent runs on one list file, a stale lock and
// runs killed mid-write are exercised on real processes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error @digitalbazaar/vc-bitstring-status-list has no declaration file (test oracle only)
import * as digitalbazaar from '@digitalbazaar/vc-bitstring-status-list';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPTION_SYNTAX } from '../src/cli/flags.js';
import { issueSdJwtVc } from '../src/sd-jwt-vc.js';
import { StatusList } from '../src/status.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const env = { ...process.env, NO_COLOR: '1' };
const run = (args: string[], input = '') => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, env, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
/** The same, as a child process the test can run beside others (or kill). */
const start = (args: string[]) => {
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
};

const ISSUER = 'https://uni.example.eu';
const fixture = (name: string) => join(repo, 'fixtures', 'valid', `${name}.json`);

let dir: string;
const file = (name: string) => join(dir, name);
const text = (name: string) => readFileSync(file(name), 'utf8');
const json = (name: string) => JSON.parse(text(name));
const write = (name: string, value: unknown) => writeFileSync(file(name), typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
/** The list in a list file, read by the library. */
const listIn = (name: string) => StatusList.fromJSON(json(name).list);
/** The payload of a compact JWS. */
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.trim().split('.')[1]!, 'base64url').toString('utf8'));
/** The bit of `index` in a published list credential, read by digitalbazaar's decoder. */
const { decodeList } = digitalbazaar as { decodeList(o: { encodedList: string }): Promise<{ getStatus(index: number): boolean }> };
const bitIn = async (name: string, index: number) => (await decodeList({ encodedList: json(name).credentialSubject.encodedList })).getStatus(index);

/** `status check`, its entry lines (`revoked https://… index 7 (revocation)`) as [status, list, index]. */
const entriesOf = (out: string) => [...out.matchAll(/^(\w+)\s+(\S+) index (\d+) \((\w+)/gm)].map((m) => ({ status: m[1], list: m[2], index: Number(m[3]), purpose: m[4] }));
/** `verify --format json`: the codes of the one file's findings. */
const verifyCodes = (args: string[]) => {
  const r = run(['verify', ...args, '--format', 'json']);
  const report = JSON.parse(r.out) as { files: { status: string; issues: { code: string; severity: string }[]; signature?: { statusEntries?: { status: string }[] } }[] };
  return { code: r.code, file: report.files[0]!, codes: report.files[0]!.issues.map((i) => i.code) };
};

let did: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-status-'));
  const key = run(['keygen', '--out', file('issuer-key.json')]);
  expect(key, key.err).toMatchObject({ code: 0 });
  did = JSON.parse(key.out).key.controller;
  const jwk = run(['keygen', '--format', 'jwk', '--alg', 'ES256', '--out', file('jwk-key.json')]);
  expect(jwk, jwk.err).toMatchObject({ code: 0 });
  write('jwk-pub.json', jwk.out);
  expect(run(['convert', '--to', 'ob3', fixture('higher-education'), '--out', file('badge.json')]).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('eumc status --help', () => {
  it('lists the subcommands, each with its own options and exit codes', () => {
    const r = run(['status', '--help']);
    expect(r.code).toBe(0);
    for (const sub of ['create', 'allocate', 'revoke', 'suspend', 'reinstate', 'set', 'publish', 'check']) expect(r.out).toMatch(new RegExp(`^ {2}${sub} `, 'm'));
    const check = run(['status', 'check', '--help']).out.replace(/\s+/g, ' ');
    expect(check).toContain('--list <file>');
    expect(check).toContain('--issuer-keys <file>');
    expect(check).toMatch(/Exit codes: 0 the credential is verified and every status entry is valid 1 a status entry is revoked, suspended or unknown/);
    expect(run(['status', 'create', '--help']).out.replace(/\s+/g, ' ')).toMatch(/--format <format> bitstring \(W3C credentials\) or token \(SD-JWT VC\) \(choices: "bitstring", "token", default: "bitstring"\)/);
    expect(run(['verify', '--help']).out.replace(/\s+/g, ' ')).toContain('--status-list <file>');
  });

  it('an unknown subcommand is a usage error (2)', () => {
    const r = run(['status', 'delete', file('x.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'delete'/);
  });
});

describe('a bitstring revocation list and an Open Badges 3.0 credential', () => {
  const LIST = `${ISSUER}/status/1`;
  let index: number;

  beforeAll(() => {
    const created = run(['status', 'create', file('revocation.json'), '--id', LIST]);
    expect(created, created.err).toMatchObject({ code: 0 });
    const allocated = run(['status', 'allocate', file('revocation.json')]);
    expect(allocated, allocated.err).toMatchObject({ code: 0 });
    const entry = JSON.parse(allocated.out);
    index = Number(entry.statusListIndex);
    write('badge-status.json', { ...json('badge.json'), credentialStatus: entry });
    const signed = run(['sign', '--key', file('issuer-key.json'), '--set-issuer', file('badge-status.json'), '--out', file('signed.json')]);
    expect(signed, signed.err).toMatchObject({ code: 0 });
    const published = run(['status', 'publish', file('revocation.json'), '--key', file('issuer-key.json'), '--out', file('list-1.json')]);
    expect(published, published.err).toMatchObject({ code: 0 });
  }, 120_000);

  it('create writes the list state; allocate prints the credential\'s entry and saves the index', () => {
    const list = listIn('revocation.json');
    expect({ id: list.id, format: list.format, purpose: list.purpose, statusSize: list.statusSize, length: list.length }).toEqual({ id: LIST, format: 'bitstring', purpose: 'revocation', statusSize: 1, length: 131072 });
    expect(list.isAllocated(index)).toBe(true);
    expect(json('badge-status.json').credentialStatus).toEqual({ id: `${LIST}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: LIST });
  });

  it('publish writes a signed BitstringStatusListCredential of the list, and keeps it beside the state', () => {
    const published = json('list-1.json');
    expect(published).toMatchObject({ id: LIST, type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: did, credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' } });
    expect(published.proof).toMatchObject({ verificationMethod: expect.stringMatching(/^did:key:/) });
    expect(json('revocation.json').published).toMatchObject({ revision: listIn('revocation.json').revision });
  });

  it('check: valid (exit 0); verify with --status-list passes, without it fails STATUS_UNKNOWN unless --accept-unchecked-status', async () => {
    const r = run(['status', 'check', file('signed.json'), '--list', file('list-1.json')]);
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(entriesOf(r.out)).toEqual([{ status: 'valid', list: LIST, index, purpose: 'revocation' }]);
    expect(await bitIn('list-1.json', index)).toBe(false);

    const verified = verifyCodes([file('signed.json'), '--status-list', file('list-1.json')]);
    expect(verified.code).toBe(0);
    expect(verified.file.signature?.statusEntries?.map((e) => e.status)).toEqual(['valid']);
    const unknown = verifyCodes([file('signed.json')]);
    expect(unknown.code).toBe(1);
    expect(unknown.codes).toContain('STATUS_UNKNOWN');
    const said = unknown.file.issues.find((i) => i.code === 'STATUS_UNKNOWN') as unknown as { message: string };
    expect(said.message).toMatch(/`--status-list <file>`/);
    expect(said.message).not.toMatch(API_OPTION_SYNTAX);
    const accepted = verifyCodes([file('signed.json'), '--accept-unchecked-status']);
    expect(accepted.code).toBe(0);
    expect(accepted.codes).toContain('STATUS_NOT_CHECKED');
    // validate checks the signature of a signed file too, with the same status options.
    expect(run(['validate', file('signed.json'), '--status-list', file('list-1.json')]).code).toBe(0);
    expect(run(['validate', file('signed.json')]).code).toBe(1);
  }, 60_000);

  it('revoke, then publish again over the earlier publication: check says revoked (exit 1), and so does an independent decoder', async () => {
    const before = text('list-1.json');
    const revoked = run(['status', 'revoke', file('revocation.json'), String(index)]);
    expect(revoked, revoked.err).toMatchObject({ code: 0 });
    expect(revoked.err).toMatch(/publish/);
    expect(listIn('revocation.json').get(index)).toBe(1);
    // Verifiers still hold the earlier publication: the change shows once the list is published again.
    expect(text('list-1.json')).toBe(before);
    expect(entriesOf(run(['status', 'check', file('signed.json'), '--list', file('list-1.json')]).out)[0]?.status).toBe('valid');

    const again = run(['status', 'publish', file('revocation.json'), '--key', file('issuer-key.json'), '--out', file('list-1.json')]);
    expect(again, again.err).toMatchObject({ code: 0 });
    expect(await bitIn('list-1.json', index)).toBe(true);
    const r = run(['status', 'check', file('signed.json'), '--list', file('list-1.json')]);
    expect(r.code).toBe(1);
    expect(entriesOf(r.out)).toEqual([{ status: 'revoked', list: LIST, index, purpose: 'revocation' }]);
    expect(r.err).toContain('[STATUS_REVOKED]');
    const asJson = JSON.parse(run(['status', 'check', file('signed.json'), '--list', file('list-1.json'), '--json']).out);
    expect(asJson).toMatchObject({ verified: false, valid: false, status: [{ status: 'revoked', index, list: LIST }] });
    expect(verifyCodes([file('signed.json'), '--status-list', file('list-1.json')])).toMatchObject({ code: 1, codes: expect.arrayContaining(['STATUS_REVOKED']) });
  }, 60_000);

  it('revocation is final and a revocation list has nothing to reinstate or suspend (exit 1, the file unchanged)', () => {
    const before = text('revocation.json');
    for (const change of ['reinstate', 'suspend']) {
      const r = run(['status', change, file('revocation.json'), String(index)]);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(/revocation list/);
      expect(r.err).toMatch(/nothing was changed/);
    }
    expect(text('revocation.json')).toBe(before);
  });

  it('a list published by another issuer is unknown, unless that issuer is trusted for status (--trusted-status-issuers)', () => {
    const other = run(['keygen', '--out', file('other-key.json')]);
    expect(other.code).toBe(0);
    write('status-issuers.json', [JSON.parse(other.out).key.controller]);
    expect(run(['status', 'publish', file('revocation.json'), '--key', file('other-key.json'), '--out', file('list-by-other.json')]).code).toBe(0);
    const untrusted = run(['status', 'check', file('signed.json'), '--list', file('list-by-other.json')]);
    expect(untrusted.code).toBe(1);
    expect(entriesOf(untrusted.out)[0]?.status).toBe('unknown');
    expect(untrusted.err).toMatch(/--trusted-status-issuers/);
    const trusted = run(['status', 'check', file('signed.json'), '--list', file('list-by-other.json'), '--trusted-status-issuers', file('status-issuers.json')]);
    expect(entriesOf(trusted.out)[0]?.status).toBe('revoked');
  }, 60_000);

  it('a credential whose list is not given is unknown; one without a status entry is not reported valid', () => {
    const other = run(['status', 'create', file('other.json'), '--id', `${ISSUER}/status/other`]);
    expect(other.code).toBe(0);
    expect(run(['status', 'publish', file('other.json'), '--key', file('issuer-key.json'), '--out', file('other-list.json')]).code).toBe(0);
    const missing = run(['status', 'check', file('signed.json'), '--list', file('other-list.json')]);
    expect(missing.code).toBe(1);
    expect(entriesOf(missing.out)).toEqual([{ status: 'unknown', list: LIST, index, purpose: 'revocation' }]);
    expect(missing.err).toContain('[STATUS_UNKNOWN]');
    // In the command line's words: the flag that gives a list, not the library's option.
    expect(missing.err).toMatch(/give the published list with `--list <file>`/);
    expect(missing.err).not.toMatch(API_OPTION_SYNTAX);

    expect(run(['sign', '--key', file('issuer-key.json'), '--set-issuer', file('badge.json'), '--out', file('signed-plain.json')]).code).toBe(0);
    const none = run(['status', 'check', file('signed-plain.json'), '--list', file('list-1.json')]);
    expect(none.code).toBe(1);
    expect(none.out).toBe('');
    expect(none.err).toMatch(/no status entry/);
  }, 60_000);
});

describe('a suspension list beside a revocation list, on one credential', () => {
  let revocation: number;
  let suspension: number;
  const check = () => run(['status', 'check', file('two.json'), '--list', file('r.json'), '--list', file('s.json')]);
  const publish = (name: string) => {
    const r = run(['status', 'publish', file(`${name}-state.json`), '--key', file('issuer-key.json'), '--out', file(`${name}.json`)]);
    expect(r, r.err).toMatchObject({ code: 0 });
  };

  beforeAll(() => {
    expect(run(['status', 'create', file('r-state.json'), '--id', `${ISSUER}/status/r`]).code).toBe(0);
    expect(run(['status', 'create', file('s-state.json'), '--id', `${ISSUER}/status/s`, '--purpose', 'suspension']).code).toBe(0);
    const r = JSON.parse(run(['status', 'allocate', file('r-state.json')]).out);
    const s = JSON.parse(run(['status', 'allocate', file('s-state.json')]).out);
    revocation = Number(r.statusListIndex);
    suspension = Number(s.statusListIndex);
    expect(s.statusPurpose).toBe('suspension');
    write('two-unsigned.json', {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'VerifiableCredential',
      issuer: did,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner', name: 'A. Learner' },
      credentialStatus: [r, s],
    });
    const signed = run(['sign', '--key', file('issuer-key.json'), '--suite', 'eddsa-rdfc-2022', file('two-unsigned.json'), '--out', file('two.json')]);
    expect(signed, signed.err).toMatchObject({ code: 0 });
    publish('r');
    publish('s');
  }, 120_000);

  it('both entries valid; suspend → suspended (1); reinstate → valid again (0)', () => {
    const valid = check();
    expect(valid, valid.err).toMatchObject({ code: 0 });
    expect(entriesOf(valid.out).map((e) => [e.status, e.purpose, e.index])).toEqual([
      ['valid', 'revocation', revocation],
      ['valid', 'suspension', suspension],
    ]);
    expect(run(['status', 'suspend', file('s-state.json'), String(suspension)]).code).toBe(0);
    publish('s');
    const suspended = check();
    expect(suspended.code).toBe(1);
    expect(entriesOf(suspended.out).map((e) => e.status)).toEqual(['valid', 'suspended']);
    expect(suspended.err).toContain('[STATUS_SUSPENDED]');
    expect(run(['status', 'reinstate', file('s-state.json'), String(suspension)]).code).toBe(0);
    publish('s');
    expect(entriesOf(check().out).map((e) => e.status)).toEqual(['valid', 'valid']);
    expect(check().code).toBe(0);
  }, 120_000);

  it('a suspension list does not revoke (exit 1)', () => {
    const r = run(['status', 'revoke', file('s-state.json'), String(suspension)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/suspension list/);
  });
});

describe('a token list and an SD-JWT VC', () => {
  const LIST = `${ISSUER}/status/t`;
  let idx: number;
  let second: number;
  const check = () => run(['status', 'check', file('mc.sd-jwt'), '--list', file('t.jwt'), '--issuer-keys', file('jwk-pub.json')]);
  const publish = () => {
    const r = run(['status', 'publish', file('t-state.json'), '--key', file('jwk-key.json'), '--issuer', ISSUER, '--out', file('t.jwt'), '--ttl', '1h']);
    expect(r, r.err).toMatchObject({ code: 0 });
  };

  beforeAll(async () => {
    expect(run(['status', 'create', file('t-state.json'), '--format', 'token', '--id', LIST]).code).toBe(0);
    const allocated = run(['status', 'allocate', file('t-state.json'), '--count', '2']);
    expect(allocated, allocated.err).toMatchObject({ code: 0 });
    const [entry, other] = JSON.parse(allocated.out);
    idx = entry.status_list.idx;
    second = other.status_list.idx;
    expect(entry).toEqual({ status_list: { idx, uri: LIST } });
    const mc = JSON.parse(readFileSync(fixture('higher-education'), 'utf8'));
    write('mc.sd-jwt', `${await issueSdJwtVc(mc, { key: json('jwk-key.json'), issuer: ISSUER, status: entry })}\n`);
    publish();
  }, 120_000);

  it('publish writes a Status List Token of the list (statuslist+jwt, sub, iss, ttl in seconds)', () => {
    const token = text('t.jwt').trim();
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'))).toMatchObject({ typ: 'statuslist+jwt', alg: 'ES256' });
    expect(payloadOf(token)).toMatchObject({ sub: LIST, iss: ISSUER, ttl: 3600, status_list: { bits: 2 } });
  });

  it('valid (0); revoked after revoke and publish (1), as @sd-jwt/jwt-status-list reads it; verify --status-list says so too', () => {
    const valid = check();
    expect(valid, valid.err).toMatchObject({ code: 0 });
    expect(entriesOf(valid.out)).toEqual([{ status: 'valid', list: LIST, index: idx, purpose: 'status' }]);
    expect(run(['status', 'revoke', file('t-state.json'), String(idx)]).code).toBe(0);
    publish();
    expect(getListFromStatusListJWT(text('t.jwt').trim()).getStatus(idx)).toBe(1);
    expect(getListFromStatusListJWT(text('t.jwt').trim()).getStatus(second)).toBe(0);
    const revoked = check();
    expect(revoked.code).toBe(1);
    expect(entriesOf(revoked.out)[0]?.status).toBe('revoked');
    expect(revoked.err).toContain('[STATUS_REVOKED]');
    expect(verifyCodes([file('mc.sd-jwt'), '--issuer-keys', file('jwk-pub.json'), '--status-list', file('t.jwt')])).toMatchObject({ code: 1, codes: expect.arrayContaining(['STATUS_REVOKED']) });
  }, 60_000);

  it('a revoked index is not reinstated (1); suspend and reinstate another one; set an application value', () => {
    const r = run(['status', 'reinstate', file('t-state.json'), String(idx)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/revocation is final/);
    expect(run(['status', 'suspend', file('t-state.json'), String(second)]).code).toBe(0);
    expect(listIn('t-state.json').get(second)).toBe(2);
    expect(run(['status', 'reinstate', file('t-state.json'), String(second)]).code).toBe(0);
    expect(listIn('t-state.json').get(second)).toBe(0);
    expect(run(['status', 'set', file('t-state.json'), '0x3', String(second)]).code).toBe(0);
    expect(listIn('t-state.json').get(second)).toBe(3);
    expect(run(['status', 'set', file('t-state.json'), '4', String(second)]).code).toBe(1);
  });

  it('no --issuer-keys: the SD-JWT VC is not verified, so its status is not reported valid (1)', () => {
    const r = run(['status', 'check', file('mc.sd-jwt'), '--list', file('t.jwt')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('[SDJWT_ISSUER_KEY_UNKNOWN]');
  });
});

describe('refusals', () => {
  beforeAll(() => {
    expect(run(['status', 'create', file('list.json'), '--id', `${ISSUER}/status/9`]).code).toBe(0);
    expect(run(['status', 'publish', file('list.json'), '--key', file('issuer-key.json'), '--out', file('list-9.json')]).code).toBe(0);
  }, 60_000);

  it('create never replaces a file without --force; with it, the list is new', () => {
    expect(run(['status', 'allocate', file('list.json')]).code).toBe(0);
    const before = text('list.json');
    const r = run(['status', 'create', file('list.json'), '--id', `${ISSUER}/status/9`]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/exists and eumc does not overwrite it: give --force/);
    expect(text('list.json')).toBe(before);
    write('notes.txt', 'my notes\n');
    expect(run(['status', 'create', file('notes.txt'), '--id', `${ISSUER}/status/n`]).code).toBe(2);
    expect(text('notes.txt')).toBe('my notes\n');
    const forced = run(['status', 'create', file('forced.json'), '--id', `${ISSUER}/status/f`]);
    expect(forced.code).toBe(0);
    expect(run(['status', 'allocate', file('forced.json')]).code).toBe(0);
    expect(run(['status', 'create', file('forced.json'), '--id', `${ISSUER}/status/f`, '--force']).code).toBe(0);
    expect(listIn('forced.json').allocatedCount).toBe(0);
  });

  it('options a list cannot take are usage errors (2)', () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'token', '--purpose', 'revocation'], /--purpose is for bitstring lists/],
      [['--length', '1000'], /cannot be made/],
      [['--purpose', 'message', '--status-size', '2'], /cannot be made/],
      [['--messages', file('notes.txt'), '--purpose', 'message'], /not valid JSON/],
    ];
    for (const [args, message] of cases) {
      const r = run(['status', 'create', file('never.json'), '--id', `${ISSUER}/status/x`, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(run(['status', 'create', file('never.json'), '--id', 'not a url']).code).toBe(2);
    expect(existsSync(file('never.json'))).toBe(false);
  });

  it('a message list: the entries carry the messages, set takes a value', () => {
    const messages = [0, 1, 2, 3].map((v) => ({ status: `0x${v}`, message: ['pending', 'accepted', 'rejected', 'withdrawn'][v]! }));
    write('messages.json', messages);
    expect(run(['status', 'create', file('m.json'), '--id', `${ISSUER}/status/m`, '--purpose', 'message', '--status-size', '2', '--messages', file('messages.json')]).code).toBe(0);
    const entry = JSON.parse(run(['status', 'allocate', file('m.json')]).out);
    expect(entry).toMatchObject({ statusPurpose: 'message', statusSize: 2, statusMessage: messages });
    expect(run(['status', 'set', file('m.json'), '2', entry.statusListIndex]).code).toBe(0);
    expect(listIn('m.json').get(Number(entry.statusListIndex))).toBe(2);
  });

  it('an index never allocated, or not written as an index: nothing changes', () => {
    const before = text('list.json');
    const allocated = listIn('list.json');
    const free = [0, 1, 2, 3, 4].find((i) => !allocated.isAllocated(i))!;
    const r = run(['status', 'revoke', file('list.json'), String(free)]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`index ${free} was never allocated`));
    for (const bad of ['01', '-1', '1.5', 'x', '1e3']) {
      const u = run(['status', 'revoke', file('list.json'), bad]);
      expect(u.code, bad).toBe(2);
      expect(u.err).toMatch(/is not an index/);
    }
    // All or nothing: one good index and one never allocated, and neither is revoked.
    const good = [...Array(131072).keys()].find((i) => allocated.isAllocated(i))!;
    expect(run(['status', 'revoke', file('list.json'), String(good), String(free)]).code).toBe(1);
    expect(text('list.json')).toBe(before);
  });

  it('a list file that is missing, not JSON, damaged, or a publication: a usage error naming it (2)', () => {
    write('garbage.json', '{ not json');
    const damaged = json('list.json');
    damaged.list.revision = 'seven';
    write('damaged.json', damaged);
    const cases: [string, RegExp][] = [
      ['absent.json', /does not exist/],
      ['garbage.json', /is not JSON/],
      ['damaged.json', /is not a status list's state: .*revision/],
      ['list-9.json', /is a published list/],
    ];
    for (const [name, message] of cases) {
      const r = run(['status', 'allocate', file(name)]);
      expect(r.code, name).toBe(2);
      expect(r.err).toMatch(message);
    }
    for (const args of [['status', 'check', file('signed.json'), '--list'], ['verify', file('signed.json'), '--status-list']]) {
      const r = run([...args, file('list.json')]);
      expect(r.code, args[0]).toBe(2);
      expect(r.err).toMatch(/is a status list's state .*not a published list/);
    }
    const trusted = run(['verify', file('signed.json'), '--status-list', file('list-1.json'), '--trusted-status-issuers', file('garbage.json')]);
    expect(trusted.code).toBe(2);
    expect(trusted.err).toMatch(/trusted-status-issuers file .* is not valid JSON/);
  });

  it('publish: --out over another file needs --force, never over the list itself; keys of the wrong kind; --ttl needs a unit', () => {
    write('keep.json', '{"mine": true}\n');
    const r = run(['status', 'publish', file('list.json'), '--key', file('issuer-key.json'), '--out', file('keep.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a publication of the list/);
    expect(text('keep.json')).toBe('{"mine": true}\n');
    // Another list's publication is not this one's either.
    expect(run(['status', 'publish', file('list.json'), '--key', file('issuer-key.json'), '--out', file('list-1.json')]).code).toBe(2);
    expect(run(['status', 'publish', file('list.json'), '--key', file('issuer-key.json'), '--out', file('keep.json'), '--force']).code).toBe(0);
    expect(json('keep.json').id).toBe(`${ISSUER}/status/9`);
    expect(run(['status', 'publish', file('list.json'), '--key', file('issuer-key.json'), '--out', file('list.json'), '--force']).code).toBe(2);
    expect(run(['status', 'publish', file('list.json'), '--key', file('jwk-key.json'), '--out', file('list-9.json')]).err).toMatch(/JWK/);
    expect(run(['status', 'publish', file('t-state.json'), '--key', file('issuer-key.json'), '--out', file('t.jwt')]).err).toMatch(/Multikey/);
    const ttl = run(['status', 'publish', file('list.json'), '--key', file('issuer-key.json'), '--out', file('list-9.json'), '--ttl', '3600']);
    expect(ttl.code).toBe(2);
    expect(ttl.err).toMatch(/a number and a unit/);
  }, 60_000);
});

describe('concurrent runs and interrupted ones', () => {
  beforeAll(() => {
    expect(run(['status', 'create', file('busy.json'), '--id', `${ISSUER}/status/busy`, '--format', 'token']).code).toBe(0);
  });

  it('eight allocations at once on one file: eight different indexes, all saved', async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => start(['status', 'allocate', file('busy.json'), '--count', '3']).done));
    for (const r of runs) expect(r.code, r.err).toBe(0);
    const indexes = runs.flatMap((r) => (JSON.parse(r.out) as { status_list: { idx: number } }[]).map((e) => e.status_list.idx));
    expect(new Set(indexes).size).toBe(24);
    const list = listIn('busy.json');
    expect(list.allocatedCount).toBe(24);
    for (const i of indexes) expect(list.isAllocated(i)).toBe(true);
    expect(existsSync(file('busy.json.lock'))).toBe(false);
  }, 120_000);

  it('a lock left by a dead process is broken', () => {
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    write('busy.json.lock', JSON.stringify({ pid: Number(dead.stdout.trim()), host: hostname(), token: 'x', created: Date.now() }));
    const r = run(['status', 'allocate', file('busy.json')]);
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(existsSync(file('busy.json.lock'))).toBe(false);
  });

  it('runs killed at random moments leave a whole list, and no allocation printed is lost', async () => {
    // How long a run takes here: the kills fall from the middle of a run to just past its end.
    const t0 = performance.now();
    expect((await start(['status', 'allocate', file('busy.json'), '--count', '2000']).done).code).toBe(0);
    const took = performance.now() - t0;
    const printed: number[] = [];
    let kills = 0;
    for (let round = 0; round < 8; round++) {
      const killed = start(['status', 'allocate', file('busy.json'), '--count', '2000']);
      const survivor = start(['status', 'allocate', file('busy.json')]);
      setTimeout(() => killed.child.kill('SIGKILL'), took * (0.5 + 0.6 * Math.random()));
      const [k, s] = await Promise.all([killed.done, survivor.done]);
      if (k.signal === 'SIGKILL') kills++;
      expect(s.code, s.err).toBe(0);
      printed.push(JSON.parse(s.out).status_list.idx);
      if (k.code === 0) printed.push(...(JSON.parse(k.out) as { status_list: { idx: number } }[]).map((e) => e.status_list.idx));
      const list = listIn('busy.json'); // a whole record: it parses and passes fromJSON
      for (const i of printed) expect(list.isAllocated(i)).toBe(true);
    }
    expect(kills).toBeGreaterThan(0);
    // The next run breaks a lock a killed run left, and removes its temporary files.
    expect(run(['status', 'allocate', file('busy.json')]).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('.busy.json.'))).toEqual([]);
  }, 180_000);
});
