/**
 * A worker thread of `eumc validate` and `eumc verify`: built to `dist/cli-worker.js` beside
 * `dist/cli.js`, which starts it (pool.ts). It checks the files it is sent, one at a time, with the
 * same code as the main thread (check-file.ts), and sends each verdict back, in the order sent. Its options come once,
 * in `workerData`; a file comes as the JSON text the main thread read and parsed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkParsed } from './check-file.js';
import { internalError } from './finding.js';
import { shareJsonLdTermDefinitions } from './jsonld-speedup.js';
import type { FromPool, ToPool, WorkerInit } from './pool-protocol.js';

const port = parentPort;
if (port) {
  shareJsonLdTermDefinitions();
  const { options } = workerData as WorkerInit;
  // One file at a time, in the order sent: the pool counts on it (pool.ts).
  let queue = Promise.resolve();
  port.on('message', (message: FromPool) => {
    queue = queue.then(async () => port.postMessage((await check(message)) satisfies ToPool));
  });
}

async function check({ id, name, text }: FromPool): Promise<ToPool> {
  const started = performance.now();
  try {
    return { id, result: await checkParsed(name, JSON.parse(text) as unknown, (workerData as WorkerInit).options, started) };
  } catch (error) {
    // checkParsed never throws; this is a bug, reported on the file like any other.
    return { id, result: { file: name, kind: null, status: 'failed', issues: [internalError(error)], durationMs: performance.now() - started } };
  }
}
