// Status lists, each task measured in the same run as a baseline doing the least the same work can
// cost, and reported as a ratio to it:
// - 100 000 allocations and 100 000 revocations on a 131 072-entry W3C list (random indexes from
//   crypto.getRandomValues, never reused) against setting 2 × 100 000 bits at random indexes of a
//   plain Uint8Array (the same random source, no bookkeeping);
// - encoding the list (GZIP, base64url, `u`) and the token list (ZLIB level 9) against node:zlib
//   compressing the same bytes natively;
// - decoding the encoded list (bounded inflate) and reading one index against node:zlib's
//   unbounded gunzip of the same text and the same read;
// - an allocation through the in-memory and the file-backed store (read, check, change, write with
//   compare-and-swap; fsync and rename on disk) against one toJSON + fromJSON of a list as full.
// Run with `npm run bench:status` (builds first). EUMC_TEST_DIST points at another build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync, deflateSync } from 'node:zlib';
import { Bench } from 'tinybench';

const dist = process.env.EUMC_TEST_DIST ? pathToFileURL(`${process.env.EUMC_TEST_DIST}/`) : new URL('../dist/', import.meta.url);
const { StatusList, MemoryStatusListStore, FileStatusListStore, allocateStatus, encodeBitstring, decodeBitstring, readBitstringStatus, encodeTokenStatusList, decodeTokenStatusList, readTokenStatus } = await import(
  new URL('status.js', dist).href
);

const ID = 'https://uni.example.eu/status/1';
const LENGTH = 131072;
const COUNT = 100_000;

function allocateAndRevoke(format) {
  const list = StatusList.create({ id: ID, format, length: LENGTH });
  for (let i = 0; i < COUNT; i++) list.revoke(list.allocate());
  return list;
}

/** The baseline: 2 × COUNT bit sets at random indexes (rejection sampling, as uniform as ours), no bookkeeping. */
function plainBits() {
  const bits = new Uint8Array(LENGTH / 8);
  const words = new Uint32Array(1024);
  let next = words.length;
  for (let i = 0; i < 2 * COUNT; i++) {
    if (next === words.length) {
      crypto.getRandomValues(words);
      next = 0;
    }
    const index = words[next++] % LENGTH;
    bits[index >> 3] |= 0x80 >> (index & 7);
  }
  return bits;
}

// The lists the encoding and decoding tasks work on: 100 000 of 131 072 revoked.
const w3c = allocateAndRevoke('bitstring');
const token = allocateAndRevoke('token');
const w3cBytes = Buffer.from(w3c.toJSON().bits, 'base64url');
const tokenBytes = Buffer.from(token.toJSON().bits, 'base64url');
const encodedList = w3c.encoded();
const { lst } = token.encoded();
const probe = w3c.entry(w3c.allocate() ?? 0);
const index = Number(probe.statusListIndex);
if (readBitstringStatus(decodeBitstring(encodedList), index, 1) !== 0) throw new Error('the probe index should read 0');
if (encodeBitstring(w3cBytes) !== encodedList || encodeTokenStatusList(tokenBytes, 2).lst !== lst) throw new Error('encoded() should be encodeBitstring / encodeTokenStatusList of the bytes');

// Stores: a list each, allocations until the bench stops (far from full: 131 072 entries).
const dir = mkdtempSync(join(tmpdir(), 'eumc-bench-status-'));
const memory = new MemoryStatusListStore();
const file = new FileStatusListStore(dir);
for (const store of [memory, file]) await store.put({ list: StatusList.create({ id: ID, format: 'bitstring', length: LENGTH }).toJSON() }, undefined);
// The baseline's list: as full as the stores' lists get during the run (a few thousand allocations).
const small = StatusList.create({ id: ID, format: 'bitstring', length: LENGTH });
for (let i = 0; i < 2000; i++) small.allocate();

const bench = new Bench({ time: 1500, warmupTime: 300 });
bench
  .add('baseline: 2 × 100 000 random bit sets in a Uint8Array', () => plainBits())
  .add('100 000 allocations + revocations (W3C)', () => allocateAndRevoke('bitstring'))
  .add('100 000 allocations + revocations (token, 2 bits)', () => allocateAndRevoke('token'))
  .add('baseline: node:zlib gzip of the W3C bytes', () => gzipSync(w3cBytes))
  .add('encode W3C list', () => encodeBitstring(w3cBytes))
  .add('baseline: node:zlib deflate level 9 of the token bytes', () => deflateSync(tokenBytes, { level: 9 }))
  .add('encode token list', () => encodeTokenStatusList(tokenBytes, 2))
  .add('baseline: node:zlib gunzip + read one index', () => readPlain())
  .add('decode W3C list + read one index', () => readBitstringStatus(decodeBitstring(encodedList), index, 1))
  .add('decode token list + read one index', () => readTokenStatus(decodeTokenStatusList({ bits: 2, lst }).bytes, index, 2))
  .add('baseline: toJSON + fromJSON of the list', () => StatusList.fromJSON(small.toJSON()))
  .add('allocateStatus, memory store', () => allocateStatus(memory, ID))
  .add('allocateStatus, file store (fsync)', () => allocateStatus(file, ID));

function readPlain() {
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return (bits[index >> 3] >> (7 - (index & 7))) & 1;
}

await bench.run();
rmSync(dir, { recursive: true, force: true });

const median = (name) => bench.tasks.find((t) => t.name === name).result.latency.p50;
const fromJsonAlone = median('baseline: toJSON + fromJSON of the list');
const rows = [];
const row = (task, baseline, note = '') => {
  const ms = median(task);
  rows.push({ task, 'median ms': ms.toFixed(3), baseline, 'baseline ms': median(baseline).toFixed(3), ratio: (ms / median(baseline)).toFixed(2), note });
};
row('100 000 allocations + revocations (W3C)', 'baseline: 2 × 100 000 random bit sets in a Uint8Array', `${((median('100 000 allocations + revocations (W3C)') / (2 * COUNT)) * 1e6).toFixed(0)} ns per change`);
row('100 000 allocations + revocations (token, 2 bits)', 'baseline: 2 × 100 000 random bit sets in a Uint8Array');
row('encode W3C list', 'baseline: node:zlib gzip of the W3C bytes', 'what list.encoded() does');
row('encode token list', 'baseline: node:zlib deflate level 9 of the token bytes', 'what list.encoded() does');
row('decode W3C list + read one index', 'baseline: node:zlib gunzip + read one index');
row('decode token list + read one index', 'baseline: node:zlib gunzip + read one index');
row('allocateStatus, memory store', 'baseline: toJSON + fromJSON of the list', 'one credential');
row('allocateStatus, file store (fsync)', 'baseline: toJSON + fromJSON of the list', 'one credential');
console.table(rows);
console.log(
  `Node ${process.version}; ${LENGTH} entries, ${COUNT} allocated and revoked; encodedList ${encodedList.length} characters, lst ${lst.length}; fromJSON + toJSON alone ${fromJsonAlone.toFixed(3)} ms.`,
);
