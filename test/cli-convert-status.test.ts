// The built `eumc` (dist/cli.js, or EUMC_TEST_DIST) issuing revocable credentials on real files:
// `eumc convert --status-list <list-file>` allocates an index in a list of `eumc status create` and
// puts its entry into the credential (ELM and Open Badges 3.0: `credentialStatus`; SD-JWT VC: the
// `status` claim). The issuer's whole flow runs as an issuer runs it: convert → sign → status
// publish → status check (valid) → status revoke of the index the credential carries → publish →
// check (revoked). The list files' state is read with the library's StatusList; the refusals (a
// list of the other format, the EBSI profile, --to model, a full list, an input that cannot be
// converted) are checked to leave the list as it was.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPTION_SYNTAX } from '../src/cli/flags.js';
import { StatusList } from '../src/status.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const env = { ...process.env, NO_COLOR: '1' };
const run = (args: string[], input = '') => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input, env, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const ISSUER = 'https://uni.example.eu';
const MC = join(repo, 'fixtures', 'valid', 'higher-education.json');

let dir: string;
const file = (name: string) => join(dir, name);
const text = (name: string) => readFileSync(file(name), 'utf8');
const json = (name: string) => JSON.parse(text(name));
/** The list in a list file, read by the library. */
const listIn = (name: string) => StatusList.fromJSON(json(name).list);
/** The payload of a compact JWS (the issuer-signed part of an SD-JWT). */
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.trim().split('~')[0]!.split('.')[1]!, 'base64url').toString('utf8'));
/** `status check`, its entry lines (`revoked https://… index 7 (revocation)`). */
const entriesOf = (out: string) => [...out.matchAll(/^(\w+)\s+(\S+) index (\d+) \((\w+)/gm)].map((m) => ({ status: m[1], list: m[2], index: Number(m[3]), purpose: m[4] }));
/** The index the `note: allocated index N` line of convert names. */
const noted = (err: string) => Number(/allocated index (\d+) in the status list/.exec(err)?.[1]);
const create = (name: string, args: string[]) => {
  const r = run(['status', 'create', file(name), ...args]);
  expect(r, r.err).toMatchObject({ code: 0 });
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-convert-status-'));
  expect(run(['keygen', '--out', file('issuer-key.json')]).code).toBe(0);
  const jwk = run(['keygen', '--format', 'jwk', '--alg', 'ES256', '--out', file('jwk-key.json')]);
  expect(jwk, jwk.err).toMatchObject({ code: 0 });
  writeFileSync(file('jwk-pub.json'), jwk.out);
  create('revocation.json', ['--id', `${ISSUER}/status/1`]);
  create('token.json', ['--format', 'token', '--id', `${ISSUER}/status/t`]);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('convert --to elm --status-list, then sign, publish, check, revoke', () => {
  const LIST = `${ISSUER}/status/1`;
  let index: number;
  const check = () => run(['status', 'check', file('signed.jsonld'), '--list', file('list-1.json')]);
  const publish = () => {
    const r = run(['status', 'publish', file('revocation.json'), '--key', file('issuer-key.json'), '--out', file('list-1.json')]);
    expect(r, r.err).toMatchObject({ code: 0 });
  };

  beforeAll(() => {
    const converted = run(['convert', '--to', 'elm', MC, '--status-list', file('revocation.json'), '--out', file('mc.jsonld')]);
    expect(converted, converted.err).toMatchObject({ code: 0 });
    index = noted(converted.err);
    const signed = run(['sign', '--key', file('issuer-key.json'), '--set-issuer', file('mc.jsonld'), '--out', file('signed.jsonld')]);
    expect(signed, signed.err).toMatchObject({ code: 0 });
    publish();
  }, 120_000);

  it('allocates one index in the list file and writes its entry into the credential, with the status/v1 context', () => {
    const list = listIn('revocation.json');
    expect(list.allocatedCount).toBe(1);
    expect(list.isAllocated(index)).toBe(true);
    const doc = json('mc.jsonld');
    expect(doc['@context']).toContain('https://www.w3.org/ns/credentials/status/v1');
    expect(doc.credentialStatus).toEqual({
      id: `${LIST}#${index}`,
      type: ['CredentialStatus', 'BitstringStatusListEntry'],
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: LIST,
    });
    expect(json('signed.jsonld').credentialStatus).toEqual(doc.credentialStatus);
  });

  it('check: valid; revoke the index the credential carries, publish again: revoked (exit 1)', () => {
    const valid = check();
    expect(valid, valid.err).toMatchObject({ code: 0 });
    expect(entriesOf(valid.out)).toEqual([{ status: 'valid', list: LIST, index, purpose: 'revocation' }]);

    const carried = json('signed.jsonld').credentialStatus.statusListIndex as string;
    const revoked = run(['status', 'revoke', file('revocation.json'), carried]);
    expect(revoked, revoked.err).toMatchObject({ code: 0 });
    publish();
    const r = check();
    expect(r.code).toBe(1);
    expect(entriesOf(r.out)).toEqual([{ status: 'revoked', list: LIST, index, purpose: 'revocation' }]);
    expect(r.err).toContain('[STATUS_REVOKED]');
  }, 60_000);
});

describe('convert --to ob3 --status-list', () => {
  it('each badge gets its own index, saved in the list file; the entry is a BitstringStatusListEntry', () => {
    const before = listIn('revocation.json').allocatedCount;
    const indexes: number[] = [];
    for (const name of ['badge-1.json', 'badge-2.json']) {
      const r = run(['convert', '--to', 'ob3', MC, '--status-list', file('revocation.json'), '--out', file(name)]);
      expect(r, r.err).toMatchObject({ code: 0 });
      const entry = json(name).credentialStatus;
      expect(entry).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${ISSUER}/status/1` });
      expect(Number(entry.statusListIndex)).toBe(noted(r.err));
      indexes.push(Number(entry.statusListIndex));
    }
    expect(indexes[0]).not.toBe(indexes[1]);
    const list = listIn('revocation.json');
    expect(list.allocatedCount).toBe(before + 2);
    for (const index of indexes) expect(list.isAllocated(index)).toBe(true);
  });

  it('a signed badge with the entry is checked against the published list', () => {
    const signed = run(['sign', '--key', file('issuer-key.json'), '--set-issuer', file('badge-1.json'), '--out', file('badge-1-signed.json')]);
    expect(signed, signed.err).toMatchObject({ code: 0 });
    expect(run(['status', 'publish', file('revocation.json'), '--key', file('issuer-key.json'), '--out', file('list-b.json')]).code).toBe(0);
    const r = run(['status', 'check', file('badge-1-signed.json'), '--list', file('list-b.json')]);
    expect(r, r.err).toMatchObject({ code: 0 });
    expect(entriesOf(r.out).map((e) => [e.status, e.index])).toEqual([['valid', Number(json('badge-1.json').credentialStatus.statusListIndex)]]);
  }, 60_000);
});

describe('convert --to sd-jwt-vc --status-list with a token list, then publish, check, revoke', () => {
  const LIST = `${ISSUER}/status/t`;
  let idx: number;
  const check = () => run(['status', 'check', file('mc.sd-jwt'), '--list', file('t.jwt'), '--issuer-keys', file('jwk-pub.json')]);
  const publish = () => {
    const r = run(['status', 'publish', file('token.json'), '--key', file('jwk-key.json'), '--issuer', ISSUER, '--out', file('t.jwt')]);
    expect(r, r.err).toMatchObject({ code: 0 });
  };

  beforeAll(() => {
    const r = run(['convert', '--to', 'sd-jwt-vc', MC, '--key', file('jwk-key.json'), '--issuer', ISSUER, '--status-list', file('token.json'), '--out', file('mc.sd-jwt')]);
    expect(r, r.err).toMatchObject({ code: 0 });
    idx = noted(r.err);
    publish();
  }, 120_000);

  it('the status claim names the index allocated in the list file, in the clear', () => {
    expect(payloadOf(text('mc.sd-jwt')).status).toEqual({ status_list: { idx, uri: LIST } });
    const list = listIn('token.json');
    expect(list.allocatedCount).toBe(1);
    expect(list.isAllocated(idx)).toBe(true);
  });

  it('check: valid; revoke the idx the credential carries, publish again: revoked (exit 1)', () => {
    const valid = check();
    expect(valid, valid.err).toMatchObject({ code: 0 });
    expect(entriesOf(valid.out)).toMatchObject([{ status: 'valid', list: LIST, index: idx }]);
    const carried = payloadOf(text('mc.sd-jwt')).status.status_list.idx as number;
    expect(run(['status', 'revoke', file('token.json'), String(carried)]).code).toBe(0);
    publish();
    const r = check();
    expect(r.code).toBe(1);
    expect(entriesOf(r.out)).toMatchObject([{ status: 'revoked', list: LIST, index: idx }]);
  }, 60_000);
});

describe('refusals leave the list as it was and write nothing', () => {
  /** Runs convert with --out, and checks that neither the list file nor the output changed. */
  const refused = (args: string[], list: string) => {
    const before = text(list);
    const out = file('refused.out');
    const r = run(['convert', ...args, '--status-list', file(list), '--out', out]);
    expect(text(list)).toBe(before);
    expect(existsSync(out)).toBe(false);
    expect(r.err).not.toMatch(/allocated index/);
    expect(r.err).not.toMatch(API_OPTION_SYNTAX);
    return r;
  };
  const sdJwt = (input = MC) => ['--to', 'sd-jwt-vc', input, '--key', file('jwk-key.json'), '--issuer', ISSUER];

  it('a bitstring list for sd-jwt-vc, a token list for elm or ob3: usage error (2) naming both formats', () => {
    const bitstring = refused(sdJwt(), 'revocation.json');
    expect(bitstring.code).toBe(2);
    expect(bitstring.err).toMatch(/holds a bitstring list .*--to sd-jwt-vc needs a token list/);
    for (const to of ['elm', 'ob3']) {
      const token = refused(['--to', to, MC], 'token.json');
      expect(token.code).toBe(2);
      expect(token.err).toMatch(new RegExp(`holds a token list .*--to ${to} needs a bitstring list`));
    }
  });

  it('--profile ebsi with a status entry: refused as the library refuses it (1), in the command line\'s words', () => {
    const r = refused(['--to', 'elm', '--profile', 'ebsi', MC], 'revocation.json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--status-list.*cannot be written with --profile ebsi/);
    expect(r.err).toMatch(/allows only `id` and `type`/);
    // Without the list, the EBSI profile converts the same input.
    expect(run(['convert', '--to', 'elm', '--profile', 'ebsi', MC]).code).toBe(0);
  });

  it('--to model: usage error; an input that cannot be converted: exit 1, nothing allocated', () => {
    const model = refused(['--to', 'model', file('mc.jsonld')], 'revocation.json');
    expect(model.code).toBe(2);
    expect(model.err).toMatch(/--status-list is for --to elm, ob3 or sd-jwt-vc/);
    writeFileSync(file('no-title.json'), JSON.stringify({ ...JSON.parse(readFileSync(MC, 'utf8')), title: undefined }));
    for (const args of [['--to', 'elm', file('no-title.json')], ['--to', 'ob3', file('no-title.json')]]) {
      const r = refused(args, 'revocation.json');
      expect(r.code).toBe(1);
      expect(r.err).toContain('[MC_TITLE_MISSING]');
    }
    const sd = refused(sdJwt(file('no-title.json')), 'token.json');
    expect(sd.code).toBe(1);
  });

  it('an --out that exists (without --force), a file that is not a list: usage error before anything is allocated', () => {
    const before = text('revocation.json');
    const exists = run(['convert', '--to', 'elm', MC, '--status-list', file('revocation.json'), '--out', file('mc.jsonld')]);
    expect(exists.code).toBe(2);
    expect(text('revocation.json')).toBe(before);
    const notAList = refused(['--to', 'elm', MC], 'list-1.json');
    expect(notAList.code).toBe(2);
    expect(notAList.err).toMatch(/is a published list/);
    const missing = run(['convert', '--to', 'elm', MC, '--status-list', file('none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/does not exist \(make a list with `eumc status create`\)/);
    expect(existsSync(file('none.json'))).toBe(false);
  });

  it('a full list: exit 1, the list and the output untouched', () => {
    create('one.json', ['--format', 'token', '--length', '1', '--id', `${ISSUER}/status/one`]);
    const first = run(['convert', ...sdJwt(), '--status-list', file('one.json')]);
    expect(first, first.err).toMatchObject({ code: 0 });
    expect(payloadOf(first.out).status).toEqual({ status_list: { idx: 0, uri: `${ISSUER}/status/one` } });
    const r = refused(sdJwt(), 'one.json');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is full .*eumc status create/);
  });
});
