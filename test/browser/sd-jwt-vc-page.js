// The page test/browser-sd-jwt-vc.test.ts bundles with esbuild and opens in Chromium. It imports
// the BUILT package's `eu-micro-credentials/sd-jwt-vc` (resolved to dist/ by package.json `exports`)
// as a wallet or verifier web application would, and exposes one function per scenario; the test
// passes JSON in and reads JSON back through page.evaluate().
import { issueSdJwtVc, issueSdJwtVcClaims, presentSdJwtVc, verifySdJwtVc, generateSdJwtVcKeyPair } from 'eu-micro-credentials/sd-jwt-vc';

/** Errors cross to the test as plain data. */
const settle = async (work) => {
  try {
    return { value: await work() };
  } catch (e) {
    return { error: { name: e?.name, message: String(e?.message ?? e), code: e?.code, issues: e?.issues } };
  }
};

/** What WebCrypto was asked to do, by method and algorithm. */
const subtleCalls = [];
for (const method of ['generateKey', 'importKey', 'sign', 'verify', 'digest']) {
  const original = crypto.subtle[method].bind(crypto.subtle);
  crypto.subtle[method] = (...args) => {
    const algorithm = method === 'importKey' ? args[2] : args[0];
    subtleCalls.push(`${method} ${typeof algorithm === 'string' ? algorithm : algorithm?.name}`);
    return original(...args);
  };
}

/** A key pair made by the browser's WebCrypto, exported as JWKs. */
async function webCryptoKeyPair(alg) {
  const params = alg === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'Ed25519' };
  const pair = await crypto.subtle.generateKey(params, true, ['sign', 'verify']);
  return { pair, privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey), publicJwk: await crypto.subtle.exportKey('jwk', pair.publicKey) };
}

/** Drops WebCrypto's JWK extras (key_ops, ext) the way a wallet would before sending a key. */
const plainJwk = ({ key_ops: _ops, ext: _ext, ...jwk }) => jwk;

window.scenarios = {
  webCrypto: () => typeof globalThis.crypto?.subtle?.sign === 'function',
  /**
   * The wallet flow in the page: WebCrypto keys for the issuer and the holder, issuance, a
   * presentation of `disclose` with a key-binding JWT, and verification; all in the browser.
   */
  issuePresentVerify: (mc, alg, options) =>
    settle(async () => {
      const issuer = await webCryptoKeyPair(alg);
      const holder = await webCryptoKeyPair(alg);
      const issuerPublic = { ...plainJwk(issuer.publicJwk), kid: 'page-issuer' };
      const issuerKey = options.cryptoKey ? issuer.pair : { ...plainJwk(issuer.privateJwk), kid: 'page-issuer' };
      const holderKey = options.cryptoKey ? holder.pair.privateKey : plainJwk(holder.privateJwk);
      const before = subtleCalls.length;
      const sdJwt = await issueSdJwtVc(mc, { key: issuerKey, kid: 'page-issuer', issuer: options.issuer, holderKey: plainJwk(holder.publicJwk), now: new Date(options.issuedAt) });
      const presentation = await presentSdJwtVc(sdJwt, { disclose: options.disclose, holderKey, audience: options.audience, nonce: options.nonce, now: new Date(options.now) });
      const verifyOptions = { issuerKeys: [issuerPublic], audience: options.audience, nonce: options.nonce, now: new Date(options.now) };
      const verification = await verifySdJwtVc(presentation, verifyOptions);
      const tampered = presentation.replace(/~([^~]+)~/, (_m, d) => `~${d.slice(0, 5)}${d[5] === 'A' ? 'B' : 'A'}${d.slice(6)}~`);
      const tamperedVerification = await verifySdJwtVc(tampered, verifyOptions);
      return { sdJwt, presentation, issuerPublic, verification, tampered, tamperedVerification, webCrypto: subtleCalls.slice(before) };
    }),
  /** One of the IETF draft's examples: issued with its keys and `!sd` paths, presented, verified. */
  example: (claims, issue, present, verify) =>
    settle(async () => {
      const sdJwt = await issueSdJwtVcClaims(claims, { ...issue, now: new Date(issue.now), expiresAt: new Date(issue.expiresAt) });
      const presentation = await presentSdJwtVc(sdJwt, { ...present, now: new Date(present.now) });
      return { sdJwt, presentation, verification: await verifySdJwtVc(presentation, { ...verify, now: new Date(verify.now) }) };
    }),
  verify: (presentation, options) => settle(() => verifySdJwtVc(presentation, { ...options, now: new Date(options.now) })),
  present: (sdJwt, options) => settle(() => presentSdJwtVc(sdJwt, { ...options, now: new Date(options.now) })),
  generate: (alg) => settle(() => generateSdJwtVcKeyPair(alg)),
};
window.pageReady = true;
