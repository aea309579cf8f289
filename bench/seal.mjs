// Verifying the EU's EDC-sealed micro-credential sample (JAdES, RS256, a time-stamp token and
// the certificate path) with the built package, against the least any verifier does: Node's own
// RSA verification of the seal's signature with the leaf certificate's key. In one run:
// - warm: verifyEdcSeal (integrity only, and with the EDC trust anchor) against the bare RSA check,
//   in alternating rounds; each figure is the median round, each ratio the median of the rounds' ratios;
// - first call: verifyEdcSeal once in fresh processes (import included), median of the processes.
// Run with `npm run bench:seal` (builds first).
import { alternate, median, printRatios } from './rounds.mjs';
import { spawnSync } from 'node:child_process';
import { X509Certificate, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { verifyEdcSeal } from '../dist/edc-seal.js';

const ROUNDS = 25;
const PER_ROUND = 8;
const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const text = read('../test/vectors/eu-elm/Sample-MC-Annex1-signed.jsonld');
const anchor = read('../fixtures/edc/anf-eseal-ca.pem');
const sealed = JSON.parse(text);
const signature = sealed.signatures[0];
const header = JSON.parse(Buffer.from(signature.protected, 'base64url').toString('utf8'));
const leaf = new X509Certificate(Buffer.from(header.x5c[0], 'base64'));
const payload = header.b64 === false ? sealed.payload : Buffer.from(sealed.payload, 'utf8').toString('base64url');
const input = Buffer.from(`${signature.protected}.${payload}`, 'utf8');
const sig = Buffer.from(signature.signature, 'base64url');

const tasks = {
  'bare RSA check': async () => {
    if (!verify('sha256', input, leaf.publicKey, sig)) throw new Error('the bare check failed');
  },
  'verifyEdcSeal, integrity only': async () => {
    const r = await verifyEdcSeal(JSON.parse(text), { integrityOnly: true });
    if (!r.integrity) throw new Error(JSON.stringify(r.issues.slice(0, 2)));
  },
  'verifyEdcSeal, trust anchor': async () => {
    const r = await verifyEdcSeal(JSON.parse(text), { trustAnchors: [anchor], now: new Date('2024-06-01T00:00:00Z') });
    if (!r.verified) throw new Error(JSON.stringify(r.issues.slice(0, 2)));
  },
};

const times = await alternate(tasks, { rounds: ROUNDS, perRound: PER_ROUND, warm: 5 });
console.log('warm, ms per document (median round) and ratio to the bare RSA check (median of rounds):');
printRatios(times, 'bare RSA check', { width: 32, ratio: 1 });

const first = [];
const script = `import { verifyEdcSeal } from ${JSON.stringify(new URL('../dist/edc-seal.js', import.meta.url).href)};
import { readFileSync } from 'node:fs';
const doc = JSON.parse(readFileSync(${JSON.stringify(new URL('../test/vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url).pathname)}, 'utf8'));
const s = performance.now(); const r = await verifyEdcSeal(doc, { integrityOnly: true }); const t = performance.now() - s;
if (!r.integrity) process.exit(1); console.log(t);`;
for (let i = 0; i < 7; i++) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  first.push(Number(run.stdout.trim()));
}
console.log(`first call in a fresh process (integrity only), median of 7: ${median(first).toFixed(1)} ms`);
