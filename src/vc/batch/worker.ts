/**
 * The worker thread of `signCredentials()`: built to `dist/sign-worker.js` (an ES module, which
 * the ES module and the CommonJS builds of `vc` both start), next to the entry that starts it. It signs the chunks it is
 * sent, in order, with `signCredential()`, so a credential signed here is byte for byte the one the
 * calling thread would have made.
 *
 * The issuer key arrives once, in the `init` message, as its exported parts including the private
 * key: over the worker's own message channel, never in `workerData`, argv or the environment, and it
 * is never logged. It is imported into an `IssuerKey` at once and the message is dropped.
 */
import type { JsonObject, JsonValue } from '../../json/types.js';
import { importIssuerKey } from '../keys.js';
import { type SignOptions, SigningError, signCredential } from '../sign.js';
import { shareTermDefinitionsFor } from '../worker-jsonld.js';
import type { FromWorker, PortLike, SignedDelta, ToWorker, WorkerThreadsModule } from './protocol.js';
import { MODULE_MODULE, WORKER_THREADS_MODULE } from './protocol.js';

/** Runs the worker. No top-level await: the CommonJS build of this file cannot have one. */
async function main(): Promise<void> {
  const threads = (await import(/* @vite-ignore */ /* webpackIgnore: true */ WORKER_THREADS_MODULE)) as WorkerThreadsModule;
  const port = threads.parentPort;
  // Imported on a main thread (a bundler's module scan, a test): nothing to do.
  if (threads.isMainThread || !port) return;
  // This thread runs only this library's signing: its jsonld.js may share term definitions.
  const termDefinitionsShared = shareTermDefinitionsFor(await jsonldVersion());
  let options: SignOptions | undefined;
  // One message at a time, in the order they came: a chunk may arrive before `init` is done.
  let queue = Promise.resolve();
  port.on('message', (message) => {
    queue = queue.then(() => handle(message as ToWorker));
  });

  async function handle(message: ToWorker): Promise<void> {
    if (message.type === 'init') {
      try {
        const { key, suite, created, setIssuer, documents } = message;
        const issuerKey = await importIssuerKey({ publicKeyMultibase: key.publicKeyMultibase, secretKeyMultibase: key.secretKeyMultibase, controller: key.controller, id: key.id });
        options = { key: issuerKey, suite, created, setIssuer, ...(documents ? { documents } : {}) };
        post(port!, { type: 'ready', termDefinitionsShared });
      } catch (error) {
        // importIssuerKey's errors never quote the key.
        post(port!, { type: 'failed', index: -1, message: error instanceof Error ? error.message : 'the worker could not be set up' });
      }
      return;
    }
    if (!options) return;
    const signed: FromWorker & { type: 'done' } = { type: 'done', start: message.start, signed: [] };
    for (let i = 0; i < message.credentials.length; i++) {
      try {
        const input = message.credentials[i]!;
        signed.signed.push(delta(input, await signCredential(input, options)));
      } catch (error) {
        post(port!, {
          type: 'failed',
          index: message.start + i,
          ...(error instanceof SigningError ? { reason: error.reason } : {}),
          message: error instanceof SigningError ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        });
        return;
      }
    }
    post(port!, signed);
  }
}

/** The version of the jsonld.js this thread loads (the package resolved from here), if it can be read. */
async function jsonldVersion(): Promise<unknown> {
  try {
    const { createRequire } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ MODULE_MODULE)) as { createRequire(from: string): (id: string) => unknown };
    return (createRequire(import.meta.url)('jsonld/package.json') as { version?: unknown }).version;
  } catch {
    return undefined;
  }
}

/** What signing changed in a credential's top-level members, and their order (see SignedDelta). */
function delta(input: JsonObject, signed: JsonObject): SignedDelta {
  const keys = Object.keys(signed);
  const changed: [string, JsonValue][] = [];
  for (const key of keys) {
    if (!Object.hasOwn(input, key) || !sameJson(input[key]!, signed[key]!)) changed.push([key, signed[key]!]);
  }
  return { keys, changed };
}

/** Deep equality of JSON values, member order included (it shows in the bytes of the result). */
function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item: JsonValue, i: number) => sameJson(item, b[i]!));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((key, i) => key === kb[i] && sameJson((a as JsonObject)[key]!, (b as JsonObject)[key]!));
}

function post(port: PortLike, message: FromWorker): void {
  port.postMessage(message);
}

void main();
