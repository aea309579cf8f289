// The page test/browser.test.ts bundles with esbuild and opens in Chromium. It imports the built
// package through its public specifiers (resolved by package.json `exports` to dist/), as an
// application would, and exposes one function per scenario; the test passes JSON in and reads
// JSON back through page.evaluate().
import { toElm, validate } from 'eu-micro-credentials';
import { validateElm } from 'eu-micro-credentials/validate-elm';
import { generateIssuerKey, signCredential, signCredentials, verifyCredential } from 'eu-micro-credentials/vc';

/** Errors cross to the test as plain data: a rejected evaluate() would lose `reason` and `code`. */
const settle = async (work) => {
  try {
    return { value: await work() };
  } catch (e) {
    return { error: { name: e?.name, message: String(e?.message ?? e), code: e?.code, reason: e?.reason } };
  }
};

window.scenarios = {
  validate: (doc) => settle(() => validate(doc)),
  toElm: (doc, options) => settle(() => toElm(doc, options)),
  validateElm: (doc) => settle(() => validateElm(doc)),
  verify: (credential, options) => settle(() => verifyCredential(credential, options)),
  /** Signs with a key made from `seed` in the page, then verifies the result in the page too. */
  signAndVerify: (credential, seed, created, suite) =>
    settle(async () => {
      const key = await generateIssuerKey({ seed: Uint8Array.from(seed) });
      const signed = await signCredential(credential, { key, created, suite, setIssuer: true });
      return { controller: key.controller, signed, verification: await verifyCredential(signed) };
    }),
  /** signCredentials() where there are no worker threads: the page's thread signs every one. */
  signBatch: (credentials, seed, created, workers) =>
    settle(async () => {
      const key = await generateIssuerKey({ seed: Uint8Array.from(seed) });
      const progress = [];
      const signed = await signCredentials(credentials, { key, created, workers, setIssuer: true, onProgress: (done, total) => progress.push(`${done}/${total}`) });
      return { signed, progress };
    }),
  webCrypto: () => typeof globalThis.crypto?.subtle?.digest === 'function',
};
window.pageReady = true;
