/**
 * Where the batch signer's worker script is (`worker.ts` in this folder, built to
 * `dist/sign-worker.js`). The script's URL is taken relative to this module as built: the build
 * puts this code and the worker script side by side in `dist/`.
 */

/** @internal Where the worker script is; tests running from the source tree point it at the build. */
let workerScript: URL | undefined;

/**
 * @internal Sets the worker script's URL (tests run `src/`, whose worker would be TypeScript).
 *
 * @example
 * setSignWorkerScript(new URL('../dist/sign-worker.js', import.meta.url));
 */
export function setSignWorkerScript(url: URL | undefined): void {
  workerScript = url;
}

/**
 * The worker script next to this module: `sign-worker.js`, an ES module, for the ES module and the
 * CommonJS build alike (a worker thread loads an ES module whatever started it, with or without
 * Node's require(esm)).
 */
export function workerUrl(): URL {
  if (workerScript) return workerScript;
  // In the CommonJS build, the build's shim derives import.meta.url from __filename.
  return new URL('./sign-worker.js', import.meta.url);
}
