// signCredentials(): order, results equal to signCredential(), progress, failures, options, abort,
// and the worker threads, from the source tree (with the built worker script, dist/sign-worker.js;
// a worker cannot run TypeScript) and from the built package as ESM and CommonJS (in child
// processes, which must also exit by themselves). `npm test` builds first (the `pretest` script).
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toElm, type MicroCredential } from '../src/index.js';
import { BatchSigningError, setSignWorkerScript, signCredentials } from '../src/vc/batch.js';
import { generateIssuerKey, SigningError, signCredential, verifyCredential } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';

const root = join(import.meta.dirname, '..');
const builtWorker = new URL('../dist/sign-worker.js', import.meta.url);
const seed = new Uint8Array(32).fill(7);
const created = '2025-06-30T12:00:00Z';
const key = await generateIssuerKey({ seed });
const base = structuredClone(validFixtures.find((f) => f.name === 'higher-education')!.doc) as MicroCredential;

/** A cohort: the same course, different learners and titles. */
function cohort(size: number): Record<string, unknown>[] {
  return Array.from({ length: size }, (_, i) =>
    toElm(
      {
        ...base,
        title: `${base.title} (group ${i % 7})`,
        learner: { ...base.learner, fullName: `Learner ${i} Byrne`, givenName: `Learner ${i}` },
        issuer: { ...base.issuer, id: key.controller },
      },
      { id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    ) as Record<string, unknown>,
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

afterEach(() => setSignWorkerScript(undefined));

describe('signCredentials in the calling thread', () => {
  it('returns a cohort in input order, each as signCredential signs it, each verifying', async () => {
    const input = deepFreeze(cohort(50));
    const before = JSON.stringify(input);
    const progress: [number, number][] = [];
    const signed = await signCredentials(input, { key, created, workers: 0, onProgress: (done, total) => progress.push([done, total]) });
    expect(JSON.stringify(input)).toBe(before);
    expect(signed.map((s) => s.id)).toEqual(input.map((c) => c.id));
    expect(signed[17]).toEqual(await signCredential(input[17], { key, created }));
    const results = await Promise.all(signed.map((s) => verifyCredential(s)));
    expect(results.filter((r) => !r.verified).map((r) => r.issues)).toEqual([]);
    // Progress: increasing, never past the total, and ending at the total.
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(50);
    expect(progress.every(([done, total], i) => total === 50 && done > (progress[i - 1]?.[0] ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual([50, 50]);
  });

  it('gives one `created` to the whole batch when none is given', async () => {
    const signed = await signCredentials(cohort(3), { key, workers: 0 });
    const times = signed.map((s) => (s.proof as { created: string }).created);
    expect(new Set(times).size).toBe(1);
  });

  it('signs with every suite', async () => {
    for (const suite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const) {
      const [signed] = await signCredentials(cohort(1), { key, suite, created, workers: 0 });
      expect(signed).toEqual(await signCredential(cohort(1)[0], { key, suite, created }));
    }
  });

  it('handles an empty batch', async () => {
    const progress: number[][] = [];
    expect(await signCredentials([], { key, onProgress: (...a) => progress.push(a) })).toEqual([]);
    expect(progress).toEqual([[0, 0]]);
  });

  it('copies the input when called: a later change to it changes nothing', async () => {
    const input = cohort(4);
    const expected = await signCredentials(input, { key, created, workers: 0 });
    const pending = signCredentials(input, { key, created, workers: 0 });
    (input[3] as { id: string }).id = 'urn:changed';
    input.pop();
    expect(await pending).toEqual(expected);
  });

  it('rejects with the first failing credential in input order, with its reason and index', async () => {
    const input: unknown[] = cohort(12);
    input[5] = { ...(input[5] as object), smuggled: 1 };
    input[9] = 'not a credential';
    const error = await signCredentials(input, { key, created, workers: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchSigningError);
    expect(error).toBeInstanceOf(SigningError);
    expect(error).toMatchObject({ reason: 'VC_UNDEFINED_TERM', index: 5, code: 'ERR_SIGNING' });
    expect((error as Error).message).toMatch(/^Credential 5: At \/smuggled: The member `smuggled` is not a term/);
    // A malformed credential found when the input is copied still loses to an earlier failure…
    input[3] = { ...(input[3] as object), issuer: 'did:example:someone-else' };
    await expect(signCredentials(input, { key, created, workers: 0 })).rejects.toMatchObject({ reason: 'VC_ISSUER_KEY_MISMATCH', index: 3 });
    // …and is reported when it is the first.
    await expect(signCredentials(input.slice(6), { key, created, workers: 0 })).rejects.toMatchObject({ reason: 'VC_CREDENTIAL_MALFORMED', index: 3 });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(signCredentials(cohort(2), { key, signal: controller.signal })).rejects.toThrow('stop');
    const later = new AbortController();
    let seen = 0;
    const pending = signCredentials(cohort(30), {
      key,
      workers: 0,
      signal: later.signal,
      onProgress: (done) => {
        seen = done;
        if (done === 3) later.abort(new Error('enough'));
      },
    });
    await expect(pending).rejects.toThrow('enough');
    expect(seen).toBeLessThan(30);
  });

  it('rejects with the error onProgress throws', async () => {
    await expect(signCredentials(cohort(2), { key, workers: 0, onProgress: () => { throw new Error('from the callback'); } })).rejects.toThrow('from the callback');
  });

  it('throws TypeError on misuse', async () => {
    const publicOnly = await (await import('../src/vc.js')).importIssuerKey({ publicKeyMultibase: key.publicKeyMultibase });
    const bad: [unknown, unknown][] = [
      [{}, { key }],
      [null, { key }],
      [[], undefined],
      [[], { key: 'did:key:z6Mk' }],
      [[], { key: publicOnly }],
      [[], { key, suite: 'RsaSignature2018' }],
      [[], { key, created: 'yesterday' }],
      [[], { key, documents: [] }],
      [[], { key, documents: { 'https://example.org/ctx': { '@context': { f: () => 1 } } } }],
      [[], { key, documents: { 'https://www.w3.org/2018/credentials/v1': { '@context': {} } } }],
      [[], { key, onProgress: 'log' }],
      [[], { key, signal: { aborted: false } }],
      ...[-1, 1.5, 65, '2', 'all', null, Number.NaN].map((workers): [unknown, unknown] => [[], { key, workers }]),
    ];
    for (const [credentials, options] of bad) {
      await expect(signCredentials(credentials as unknown[], options as never), JSON.stringify(options)).rejects.toBeInstanceOf(TypeError);
    }
    for (const workers of [0, 1, 64, 'auto'] as const) await expect(signCredentials([], { key, workers })).resolves.toEqual([]);
  });
});

describe('signCredentials on worker threads (the built worker script)', () => {
  it('gives byte for byte what the calling thread gives, in order, with progress', async () => {
    setSignWorkerScript(builtWorker);
    const input = deepFreeze(cohort(40));
    const inThread = await signCredentials(input, { key, created, workers: 0 });
    const progress: number[] = [];
    const onWorkers = await signCredentials(input, { key, created, workers: 2, onProgress: (done) => progress.push(done) });
    expect(JSON.stringify(onWorkers)).toBe(JSON.stringify(inThread));
    expect(progress.at(-1)).toBe(40);
    expect(progress.length).toBeLessThan(40); // per chunk, not per credential
    // What signing changes comes back from the workers; the issuer too, when setIssuer sets it.
    const others = deepFreeze(cohort(5).map((c) => ({ ...c, issuer: { ...(c.issuer as object), id: 'https://other.example' } })));
    const reissued = await signCredentials(others, { key, created, setIssuer: true, workers: 2 });
    expect(JSON.stringify(reissued)).toBe(JSON.stringify(await signCredentials(others, { key, created, setIssuer: true, workers: 0 })));
    expect((reissued[4]!.issuer as { id: string }).id).toBe(key.controller);
    const jcs = await signCredentials(input.slice(0, 6), { key, created, suite: 'eddsa-jcs-2022', workers: 1 });
    expect(JSON.stringify(jcs)).toBe(JSON.stringify(await signCredentials(input.slice(0, 6), { key, created, suite: 'eddsa-jcs-2022', workers: 0 })));
  });

  it('rejects with the first failing credential in input order, whichever worker met it', async () => {
    setSignWorkerScript(builtWorker);
    const input: unknown[] = cohort(30);
    input[21] = { ...(input[21] as object), '@context': [...((input[21] as { '@context': string[] })['@context']), 'https://example.org/ctx'] };
    input[13] = { ...(input[13] as object), smuggled: 1 };
    await expect(signCredentials(input, { key, created, workers: 2 })).rejects.toMatchObject({ name: 'BatchSigningError', reason: 'VC_UNDEFINED_TERM', index: 13 });
    input[13] = cohort(14)[13];
    await expect(signCredentials(input, { key, created, workers: 2 })).rejects.toMatchObject({ reason: 'VC_CONTEXT_NOT_BUNDLED', index: 21 });
  });

  it('with a worker script that cannot load: an error for workers: n, the calling thread for auto', async () => {
    setSignWorkerScript(new URL('./no-such-worker.js', builtWorker));
    await expect(signCredentials(cohort(2), { key, created, workers: 1 })).rejects.toThrow(/could not start.*workers: 0/);
    const input = cohort(96); // enough for two workers with 'auto'
    expect(await signCredentials(input, { key, created })).toEqual(await signCredentials(input, { key, created, workers: 0 }));
  });

  it('stops its workers when aborted', async () => {
    setSignWorkerScript(builtWorker);
    const controller = new AbortController();
    const pending = signCredentials(cohort(60), { key, workers: 2, signal: controller.signal, onProgress: () => controller.abort(new Error('enough')) });
    await expect(pending).rejects.toThrow('enough');
  });
});

/** Runs a script in a fresh Node process; resolves with its output, or rejects if it does not exit in time. */
function runNode(args: string[], timeoutMs = 20_000): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`did not exit within ${timeoutMs} ms: ${out} ${err}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out: out.trim(), err });
    });
  });
}

const built = (await import('../dist/vc.js')) as Record<string, unknown>;
// The worker path of the built package needs the `eu-micro-credentials/vc` entry (src/vc.ts) to
// export signCredentials; until it does these tests have nothing to run.
describe.runIf(typeof built.signCredentials === 'function')('the built package, as ESM and as CommonJS', () => {
  const script = (load: string) => `
    ${load}
    const fs = require('node:fs');
    (async () => {
      const key = await m.generateIssuerKey({ seed: new Uint8Array(32).fill(7) });
      const doc = JSON.parse(fs.readFileSync('test/vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld', 'utf8'));
      doc.issuer.id = key.controller;
      doc.issuanceDate = '2023-01-01T09:00:00Z'; // else @digitalbazaar/vc stamps each credential with the time it signs it
      const cohort = Array.from({ length: 6 }, (_, i) => ({ ...doc, id: 'urn:uuid:' + i }));
      const signed = await m.signCredentials(cohort, { key, created: '${created}', workers: 2 });
      const inThread = await m.signCredentials(cohort, { key, created: '${created}', workers: 0 });
      const failed = await m.signCredentials([cohort[0], { ...doc, smuggled: 1 }], { key, workers: 2 }).catch((e) => e.reason + ' ' + e.index);
      console.log(JSON.stringify([signed.map((s) => s.id).join(), JSON.stringify(signed) === JSON.stringify(inThread), (await m.verifyCredential(signed[5])).verified, failed]));
      // No process.exit(): the process must end by itself, its workers gone.
    })();`;
  const expected = JSON.stringify(['urn:uuid:0,urn:uuid:1,urn:uuid:2,urn:uuid:3,urn:uuid:4,urn:uuid:5', true, true, 'VC_UNDEFINED_TERM 1']);

  // Node flags: --input-type, which a worker refuses, and a V8 flag, which a worker refuses when
  // given explicitly but tolerates when it inherits it.
  it('ESM (dist/vc.js with dist/sign-worker.js) signs on workers and exits by itself', async () => {
    const r = await runNode(['--max-old-space-size=1024', '--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url); ${script("const m = await import('eu-micro-credentials/vc');")}`]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected);
  });

  it('CommonJS from a folder whose name has # and % in it (the bundle\'s own URL is encoded)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'eumc #1 100%-'));
    try {
      cpSync(join(root, 'dist'), join(home, 'dist'), { recursive: true });
      copyFileSync(join(root, 'package.json'), join(home, 'package.json'));
      symlinkSync(join(root, 'node_modules'), join(home, 'node_modules'), 'dir');
      const r = await runNode(['--no-experimental-require-module', '-e', script(`const m = require(${JSON.stringify(join(home, 'dist', 'vc.cjs'))});`)]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toBe(expected);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('CommonJS (dist/vc.cjs, starting the ES module worker dist/sign-worker.js) signs on workers and exits by itself', async () => {
    const r = await runNode(['--max-old-space-size=1024', '-e', script("const m = require('eu-micro-credentials/vc');")]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected);
  });
});
