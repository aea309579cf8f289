// What checking status costs a verifier, beyond the signature checks: the same credential verified
// with its status list given (a 131 072-entry list, 10 000 entries revoked, already verified once,
// so decoded and cached as it is for the second credential on a list) and without it
// (`acceptUncheckedStatus`: every other check the same), in the same run, as a difference in
// milliseconds and a ratio. W3C (verifyCredential, eddsa-rdfc-2022 and eddsa-jcs-2022) and SD-JWT VC
// (verifySdJwtVc, ES256). The issue's budget: at most 2 ms beyond the signature checks.
// Run with `npm run bench:status` (builds first). EUMC_TEST_DIST points at another build.
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';

const dist = process.env.EUMC_TEST_DIST ? pathToFileURL(`${process.env.EUMC_TEST_DIST}/`) : new URL('../dist/', import.meta.url);
const load = (entry) => import(new URL(`${entry}.js`, dist).href);
const { StatusList } = await load('status');
const { generateIssuerKey, signCredential, verifyCredential, createStatusListCredential } = await load('vc');
const { generateSdJwtVcKeyPair, issueSdJwtVcClaims, createStatusListToken, verifySdJwtVc } = await load('sd-jwt-vc');

const REVOKED = 10_000;


/** A 131 072-entry list with REVOKED entries revoked, and one more index for the credential. */
function listOf(id, format) {
  const list = StatusList.create({ id, format });
  for (let i = 0; i < REVOKED; i++) list.revoke(list.allocate());
  return { list, index: list.allocate() };
}

// W3C: a VC 2.0 credential on a revocation list, for each suite.
const key = await generateIssuerKey();
const w3c = {};
for (const suite of ['eddsa-rdfc-2022', 'eddsa-jcs-2022']) {
  const { list, index } = listOf(`https://uni.example.eu/status/${suite}`, 'bitstring');
  const credential = await signCredential(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'VerifiableCredential',
      issuer: key.controller,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner', name: 'Erika' },
      credentialStatus: list.entry(index),
    },
    { key, suite },
  );
  const published = await signCredential(createStatusListCredential(list, { issuer: key.controller }), { key, suite });
  const withList = { statusLists: [published] };
  const first = await verifyCredential(credential, withList);
  if (!first.verified || first.status?.[0]?.status !== 'valid') throw new Error(`${suite}: the credential should verify as valid: ${JSON.stringify(first.issues)}`);
  w3c[suite] = { credential, withList, without: { acceptUncheckedStatus: true } };
}

// SD-JWT VC: a token list, ES256.
const issuer = await generateSdJwtVcKeyPair('ES256');
const { list: tokenList, index: tokenIndex } = listOf('https://uni.example.eu/status/token', 'token');
const vct = 'https://credentials.example.com/test';
const sdJwt = await issueSdJwtVcClaims({ vct, given_name: 'Erika' }, { key: issuer.privateJwk, issuer: 'https://uni.example.eu', status: tokenList.entry(tokenIndex), disclosable: ['given_name'] });
const token = await createStatusListToken(tokenList, { key: issuer.privateJwk, issuer: 'https://uni.example.eu', ttl: 86_400 });
const sdOptions = { issuerKeys: [issuer.publicJwk], vct };
const sdFirst = await verifySdJwtVc(sdJwt, { ...sdOptions, statusLists: [token] });
if (!sdFirst.verified || sdFirst.status[0]?.status !== 'valid') throw new Error(`SD-JWT VC should verify as valid: ${JSON.stringify(sdFirst.issues)}`);

const bench = new Bench({ time: 2000, warmupTime: 300 });
for (const [suite, c] of Object.entries(w3c)) {
  bench.add(`verifyCredential ${suite}, no list (baseline)`, () => verifyCredential(c.credential, c.without));
  bench.add(`verifyCredential ${suite}, with its list`, () => verifyCredential(c.credential, c.withList));
}
bench.add('verifySdJwtVc ES256, no token (baseline)', () => verifySdJwtVc(sdJwt, { ...sdOptions, acceptUncheckedStatus: true }));
bench.add('verifySdJwtVc ES256, with its token', () => verifySdJwtVc(sdJwt, { ...sdOptions, statusLists: [token] }));
await bench.run();

const median = (name) => bench.tasks.find((t) => t.name === name).result.latency.p50;
const rows = [];
for (const [task, baseline] of [
  ...Object.keys(w3c).map((s) => [`verifyCredential ${s}, with its list`, `verifyCredential ${s}, no list (baseline)`]),
  ['verifySdJwtVc ES256, with its token', 'verifySdJwtVc ES256, no token (baseline)'],
]) {
  const ms = median(task);
  const base = median(baseline);
  rows.push({ task, 'median ms': ms.toFixed(3), 'baseline ms': base.toFixed(3), ratio: (ms / base).toFixed(3), 'status costs ms': (ms - base).toFixed(3) });
}
console.table(rows);
console.log(`Node ${process.version}; lists of 131 072 entries, ${REVOKED} revoked; the list verified once before the run (decoded and cached, as for every credential after the first on a list).`);
