// The page test/browser.test.ts bundles with esbuild and opens in Chromium. It imports the built
// package through its public specifiers (resolved by package.json `exports` to dist/), as an
// application would, and exposes one function per scenario; the test passes JSON in and reads
// JSON back through page.evaluate().
import { toElm, validate } from 'eu-micro-credentials';
import { validateElm } from 'eu-micro-credentials/validate-elm';
import { exportKey, generateIssuerKey, importIssuerKey, signCredential, signCredentials, verifyCredential } from 'eu-micro-credentials/vc';

/** Errors cross to the test as plain data: a rejected evaluate() would lose `reason` and `code`. */
const settle = async (work) => {
  try {
    return { value: await work() };
  } catch (e) {
    return { error: { name: e?.name, message: String(e?.message ?? e), code: e?.code, reason: e?.reason } };
  }
};

/** What WebCrypto was asked for, by algorithm: the library signs with the browser's own Ed25519. */
const subtleCalls = { importKey: [], sign: [] };
for (const method of ['importKey', 'sign']) {
  const original = crypto.subtle[method].bind(crypto.subtle);
  crypto.subtle[method] = (...args) => {
    const algorithm = method === 'importKey' ? args[2] : args[0];
    subtleCalls[method].push(typeof algorithm === 'string' ? algorithm : algorithm?.name);
    return original(...args);
  };
}

window.scenarios = {
  validate: (doc) => settle(() => validate(doc)),
  toElm: (doc, options) => settle(() => toElm(doc, options)),
  validateElm: (doc) => settle(() => validateElm(doc)),
  verify: (credential, options) => settle(() => verifyCredential(credential, options)),
  /** Signs with a key made from `seed` in the page, then verifies the result in the page too. */
  signAndVerify: (credential, seed, created, suite) =>
    settle(async () => {
      const key = await generateIssuerKey({ seed: Uint8Array.from(seed) });
      const before = { importKey: subtleCalls.importKey.length, sign: subtleCalls.sign.length };
      const signed = await signCredential(credential, { key, created, suite, setIssuer: true });
      const webCrypto = { importKey: subtleCalls.importKey.slice(before.importKey), sign: subtleCalls.sign.slice(before.sign) };
      return { controller: key.controller, signed, verification: await verifyCredential(signed), webCrypto };
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
  /** exportKey() and importIssuerKey() in both forms, and whether the imported keys are the same key. */
  keyRoundTrip: (seed) =>
    settle(async () => {
      const key = await generateIssuerKey({ seed: Uint8Array.from(seed) });
      const exported = await exportKey(key, { includePrivate: true });
      const data = new Uint8Array([1, 2, 3]);
      const signature = Array.from(await key.signer().sign({ data }));
      const same = async (imported) => imported.publicKeyMultibase === key.publicKeyMultibase && JSON.stringify(Array.from(await imported.signer().sign({ data }))) === JSON.stringify(signature);
      return {
        exported,
        fromJwk: await same(await importIssuerKey({ jwk: exported.jwk })),
        fromMultibase: await same(await importIssuerKey({ publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase })),
        publicJwk: (await importIssuerKey({ jwk: { kty: 'OKP', crv: 'Ed25519', x: exported.jwk.x } })).publicKeyMultibase === key.publicKeyMultibase,
      };
    }),
};
window.pageReady = true;
