// SD-JWT VC against the W3C route, measured in the same run on the same micro-credential, as ratios:
// issuing an SD-JWT VC (mapping + ES256 / EdDSA signature + disclosures) against signing the ELM
// credential with eddsa-rdfc-2022, and verifying a presentation (issuer signature, disclosures,
// key binding) against verifying the signed ELM credential. The ELM side is the baseline.
// Run with `npm run bench:sd-jwt-vc` (builds first).
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { toElm } from '../dist/index.js';
import { generateSdJwtVcKeyPair, issueSdJwtVc, presentSdJwtVc, verifySdJwtVc, toSdJwtVcClaims } from '../dist/sd-jwt-vc.js';
import { generateIssuerKey, signCredential, verifyCredential } from '../dist/vc.js';

const mc = JSON.parse(readFileSync(new URL('../fixtures/valid/higher-education.json', import.meta.url), 'utf8'));
const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(3) });
const ours = { ...mc, issuer: { ...mc.issuer, id: key.controller } };
const id = 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11';
const elm = toElm(ours, { id });
const created = '2025-01-01T00:00:00Z';
const signedElm = await signCredential(elm, { key, suite: 'eddsa-rdfc-2022', created });

const iss = 'https://issuer.example.eu';
const now = new Date('2026-01-15T00:00:00Z');
const keys = { ES256: await generateSdJwtVcKeyPair('ES256'), EdDSA: await generateSdJwtVcKeyPair('EdDSA') };
const holder = await generateSdJwtVcKeyPair('ES256');
const disclose = ['title', 'awardingBody', 'learningOutcomes', 'notionalWorkload', 'level'];
const made = {};
for (const alg of ['ES256', 'EdDSA']) {
  const sdJwt = await issueSdJwtVc(ours, { key: keys[alg].privateJwk, issuer: iss, holderKey: holder.publicJwk, now });
  const presentation = await presentSdJwtVc(sdJwt, { disclose, holderKey: holder.privateJwk, audience: 'https://verifier.example.eu', nonce: 'n-1', now });
  made[alg] = { sdJwt, presentation };
}
const verifyOptions = (alg) => ({ issuerKeys: [keys[alg].publicJwk], audience: 'https://verifier.example.eu', nonce: 'n-1', now });
for (const alg of ['ES256', 'EdDSA']) {
  const result = await verifySdJwtVc(made[alg].presentation, verifyOptions(alg));
  if (!result.verified) throw new Error(`the ${alg} presentation does not verify: ${JSON.stringify(result.issues)}`);
}
if (!(await verifyCredential(signedElm)).verified) throw new Error('the signed ELM credential does not verify');

const bench = new Bench({ time: 1500, warmupTime: 300 });
bench
  .add('baseline: sign ELM eddsa-rdfc-2022', () => signCredential(elm, { key, suite: 'eddsa-rdfc-2022', created }))
  .add('baseline: verify ELM eddsa-rdfc-2022', () => verifyCredential(signedElm))
  .add('toSdJwtVcClaims', () => toSdJwtVcClaims(ours));
for (const alg of ['ES256', 'EdDSA']) {
  bench
    .add(`issue ${alg}`, () => issueSdJwtVc(ours, { key: keys[alg].privateJwk, issuer: iss, holderKey: holder.publicJwk, now }))
    .add(`present ${alg} holder`, () => presentSdJwtVc(made[alg].sdJwt, { disclose, holderKey: holder.privateJwk, audience: 'https://verifier.example.eu', nonce: 'n-1', now }))
    .add(`verify ${alg}`, () => verifySdJwtVc(made[alg].presentation, verifyOptions(alg)));
}
await bench.run();

const median = (name) => bench.tasks.find((t) => t.name === name).result.latency.p50;
const sign = median('baseline: sign ELM eddsa-rdfc-2022');
const verify = median('baseline: verify ELM eddsa-rdfc-2022');
console.table([
  { task: 'sign ELM (baseline)', 'median ms': sign.toFixed(3), 'ratio to baseline': '1.00' },
  { task: 'verify ELM (baseline)', 'median ms': verify.toFixed(3), 'ratio to baseline': '1.00' },
  ...['ES256', 'EdDSA'].flatMap((alg) => [
    { task: `issue SD-JWT VC ${alg} / sign ELM`, 'median ms': median(`issue ${alg}`).toFixed(3), 'ratio to baseline': (median(`issue ${alg}`) / sign).toFixed(2) },
    { task: `present ${alg} (KB-JWT ES256) / sign ELM`, 'median ms': median(`present ${alg} holder`).toFixed(3), 'ratio to baseline': (median(`present ${alg} holder`) / sign).toFixed(2) },
    { task: `verify SD-JWT VC ${alg} / verify ELM`, 'median ms': median(`verify ${alg}`).toFixed(3), 'ratio to baseline': (median(`verify ${alg}`) / verify).toFixed(2) },
  ]),
]);
console.log(
  `Node ${process.version}; toSdJwtVcClaims ${median('toSdJwtVcClaims').toFixed(3)} ms; SD-JWT ${(made.ES256.sdJwt.length / 1024).toFixed(1)} KB, presentation of ${disclose.length} claims ${(made.ES256.presentation.length / 1024).toFixed(1)} KB, signed ELM ${(JSON.stringify(signedElm).length / 1024).toFixed(1)} KB.`,
);
