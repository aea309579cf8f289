// CommonJS consumer, run with `node --no-experimental-require-module` (as on Node < 20.19).
const assert = require('node:assert/strict');
const { fromElm, toElm, validate } = require('eu-micro-credentials');
const schema = require('eu-micro-credentials/schema.json');
const { fromOpenBadge, toOpenBadge, validateOpenBadge } = require('eu-micro-credentials/ob3');
const { generateSdJwtVcKeyPair, issueSdJwtVc, presentSdJwtVc, verifySdJwtVc } = require('eu-micro-credentials/sd-jwt-vc');
const { validateElm } = require('eu-micro-credentials/validate-elm');
const { createStatusListCredential, generateIssuerKey, signCredential, signCredentials, verifyCredential } = require('eu-micro-credentials/vc');
const { FileStatusListStore, StatusList, allocateStatus } = require('eu-micro-credentials/status');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const mc = require('./mc.json');

(async () => {
  assert.equal(validate(mc).ok, true);
  assert.equal(schema.$id, 'urn:eu-micro-credentials:schema:micro-credential:v1');
  const key = await generateIssuerKey();
  const elm = toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller } });
  assert.equal((await validateElm(elm)).ok, true);
  assert.equal((await fromElm(elm)).ok, true);
  const signed = await signCredential(elm, { key });
  assert.equal((await verifyCredential(signed, { validateContent: true })).verified, true);
  const batch = await signCredentials([elm, elm], { key, workers: 1 });
  assert.equal((await verifyCredential(batch[0])).verified, true);
  const badge = toOpenBadge({ ...mc, issuer: { ...mc.issuer, id: key.controller } });
  assert.equal((await validateOpenBadge(badge, { profile: 'micro-credential' })).ok, true);
  const signedBadge = await signCredential(badge, { key });
  assert.equal((await verifyCredential(signedBadge)).verified, true);
  assert.equal(fromOpenBadge(signedBadge).ok, true);
  const issuerKey = await generateSdJwtVcKeyPair('EdDSA');
  const holderKey = await generateSdJwtVcKeyPair('ES256');
  const sdJwt = await issueSdJwtVc({ ...mc, learner: { givenName: 'Aoife', familyName: 'Byrne' } }, { key: issuerKey.privateJwk, issuer: 'https://uni.example.eu', holderKey: holderKey.publicJwk });
  const shown = await presentSdJwtVc(sdJwt, { disclose: ['title', 'givenName'], holderKey: holderKey.privateJwk, audience: 'https://v.example', nonce: 'n1' });
  const checked = await verifySdJwtVc(shown, { issuerKeys: [issuerKey.publicJwk], audience: 'https://v.example', nonce: 'n1' });
  assert.equal(checked.verified, true);
  assert.equal(checked.claims.givenName, 'Aoife');
  // Status lists: a badge suspended and reinstated; a list kept in a file-backed store.
  const suspensions = StatusList.create({ id: 'https://uni.example.eu/status/4', format: 'bitstring', purpose: 'suspension' });
  const at = suspensions.allocate();
  const suspendable = await signCredential(toOpenBadge({ ...mc, issuer: { ...mc.issuer, id: key.controller } }, { credentialStatus: suspensions.entry(at) }), { key });
  suspensions.suspend(at);
  const list = await signCredential(createStatusListCredential(suspensions, { issuer: key.controller }), { key });
  assert.deepEqual((await verifyCredential(suspendable, { statusLists: [list] })).issues.map((i) => i.code), ['STATUS_SUSPENDED']);
  const dir = mkdtempSync(join(tmpdir(), 'eumc-status-'));
  const store = new FileStatusListStore(dir);
  await store.put({ list: StatusList.create({ id: 'https://uni.example.eu/status/5', format: 'token' }).toJSON() }, undefined);
  const { entry } = await allocateStatus(store, 'https://uni.example.eu/status/5');
  assert.equal(entry.status_list.uri, 'https://uni.example.eu/status/5');
  rmSync(dir, { recursive: true, force: true });
  console.log('cjs: ok');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
