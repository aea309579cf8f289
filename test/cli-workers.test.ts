// `eumc validate` checks ELM, signed and sealed files in worker threads (dist/cli-worker.js): the
// same verdicts and the same report as in the main thread (--workers 0), in the order of the inputs;
// a worker that fails costs its file a clear error, never the run; the process exits when done.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validFixtures } from './helpers/fixtures.js';

const repo = join(import.meta.dirname, '..');
const cli = join(process.env.EUMC_TEST_DIST ?? join(repo, 'dist'), 'cli.js');
const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
};
const vectors = join(repo, 'test', 'vectors', 'eu-elm');

let dir: string;
let files: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'eumc-workers-'));
  files = join(dir, 'files');
  mkdirSync(files);
  const put = (name: string, doc: unknown) => writeFileSync(join(files, name), typeof doc === 'string' ? doc : JSON.stringify(doc));
  const unsigned = JSON.parse(readFileSync(join(vectors, 'Sample-MC-Annex1-unsigned.jsonld'), 'utf8'));
  const mc = validFixtures.find((f) => f.name === 'higher-education')!.doc as Record<string, any>;
  put('a-model.json', mc);
  put('b-model-invalid.json', { ...mc, dateOfIssue: '2024-06-28' });
  put('c-eu-unsigned.json', unsigned);
  put('d-eu-issued.json', { ...unsigned, issued: '2024-01-01T00:00:00Z' });
  copyFileSync(join(vectors, 'Sample-MC-Annex1-signed.jsonld'), join(files, 'e-eu-sealed.json'));
  put('f-wrapped.json', { credential: unsigned });
  const { '@context': _, ...bare } = unsigned;
  put('g-no-context.json', bare);
  put('h-not-json.json', '{ "@context": ');
  put('i-safe-mode.json', { ...unsigned, nickname: 'x' });
  writeFileSync(join(dir, 'mc.json'), JSON.stringify({ ...mc, issuer: { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: 'EIDAS-1' } } }));
  expect(run(['convert', '--to', 'elm', join(dir, 'mc.json'), '--out', join(files, 'j-exported.json')]).code).toBe(0);
  expect(run(['keygen', '--out', join(dir, 'key.json')]).code).toBe(0);
  expect(run(['sign', '--key', join(dir, 'key.json'), '--set-issuer', join(files, 'j-exported.json'), '--out', join(files, 'k-signed.json')]).code).toBe(0);
  for (let i = 0; i < 6; i++) put(`l-copy-${i}.json`, { ...unsigned, id: `urn:credential:copy-${i}`, issued: '2024-01-01T00:00:00Z' });
  // Stand-in workers for the failure cases (EUMC_CLI_WORKER names the worker script).
  writeFileSync(join(dir, 'crashing-worker.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('boom in the worker'); });\n");
  writeFileSync(join(dir, 'exiting-worker.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(7));\n");
  writeFileSync(join(dir, 'broken-worker.mjs'), 'this is not JavaScript (\n');
  writeFileSync(join(dir, 'silent-worker.mjs'), "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', ({ id, name }) => parentPort.postMessage({ id, result: { file: name, kind: 'elm', status: 'passed', issues: [{ code: 'FROM_A_WORKER', severity: 'warning', path: '', message: 'checked in a worker' }], durationMs: 0 } }));\n");
}, 180_000);

const glob = () => join(files, '*.json');

describe('worker threads', () => {
  it('give the same report as the main thread, in every format, in input order', () => {
    for (const format of ['json', 'text', 'junit']) {
      const args = ['validate', '--integrity-only', '--format', format, glob()];
      const inWorkers = run([...args, '--workers', '2']);
      const inProcess = run([...args, '--workers', '0']);
      expect(inWorkers.code, format).toBe(1);
      expect(inWorkers.code).toBe(inProcess.code);
      const untimed = (s: string) => s.replace(/ time="[\d.]+"/g, '');
      expect(untimed(inWorkers.out), format).toBe(untimed(inProcess.out));
      expect(inWorkers.err).toBe(inProcess.err);
    }
    const report = JSON.parse(run(['validate', '--integrity-only', '--format', 'json', glob()]).out);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual([...report.files.map((f: { file: string }) => f.file)].sort());
    expect(report.files.length).toBe(17);
  }, 300_000);

  it('take the ELM, signed and sealed files; model files stay in the main thread', () => {
    const r = run(['validate', '--format', 'json', '--workers', '2', glob()], { EUMC_CLI_WORKER: join(dir, 'silent-worker.mjs') });
    const byName = Object.fromEntries(JSON.parse(r.out).files.map((f: { file: string; issues: { code: string }[] }) => [f.file.split('/').at(-1), f.issues.map((i) => i.code)]));
    expect(byName['a-model.json']).toEqual([]);
    expect(byName['b-model-invalid.json']).toContain('MC_INVALID_DATETIME');
    expect(byName['h-not-json.json']).toEqual(['EUMC_NOT_JSON']);
    for (const name of ['c-eu-unsigned.json', 'e-eu-sealed.json', 'f-wrapped.json', 'g-no-context.json', 'k-signed.json']) expect(byName[name], name).toEqual(['FROM_A_WORKER']);
  });

  it('one file or --workers 0: no worker is started', () => {
    const one = run(['validate', '--format', 'json', join(files, 'c-eu-unsigned.json')], { EUMC_CLI_WORKER: join(dir, 'silent-worker.mjs') });
    expect(one.out).not.toContain('FROM_A_WORKER');
    const none = run(['validate', '--format', 'json', '--workers', '0', glob()], { EUMC_CLI_WORKER: join(dir, 'silent-worker.mjs') });
    expect(none.out).not.toContain('FROM_A_WORKER');
  }, 120_000);

  it('a worker that throws, exits or does not load costs its files a clear error, never the run', () => {
    for (const script of ['crashing-worker.mjs', 'exiting-worker.mjs', 'broken-worker.mjs']) {
      const r = run(['validate', '--integrity-only', '--format', 'json', '--workers', '2', glob()], { EUMC_CLI_WORKER: join(dir, script) });
      expect(r.signal, script).toBeNull();
      expect(r.code, script).toBe(1);
      const report = JSON.parse(r.out);
      expect(report.files.length, script).toBe(17);
      const crashed = report.files.filter((f: { issues: { code: string; message: string }[] }) => f.issues.some((i) => i.code === 'EUMC_INTERNAL_ERROR'));
      expect(crashed.length, script).toBeGreaterThan(0);
      for (const f of crashed) {
        expect(f.status).toBe('failed');
        expect(f.issues[0].message).toMatch(/^The worker thread checking this file failed \(.+\), so the file was not checked\. Run again with --workers 0/);
      }
      // Model files never went to a worker; once the workers are given up, the rest are checked here.
      const model = report.files.find((f: { file: string }) => f.file.endsWith('a-model.json'));
      expect(model.status).toBe('passed');
      expect(report.files.at(-1).issues.some((i: { code: string }) => i.code === 'EUMC_INTERNAL_ERROR'), script).toBe(false);
    }
  }, 300_000);

  it('rejects a negative --workers (exit 2)', () => {
    const r = run(['validate', '--workers', '-1', glob()]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--workers must be a whole number of at least 0');
  });
});
