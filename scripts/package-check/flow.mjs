// ESM consumer: validate → toElm → validateElm → sign → verify, the same for Open Badges 3.0, and an SD-JWT VC issued, presented and verified, on the installed tarball.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromElm, toElm, validate } from 'eu-micro-credentials';
import schema from 'eu-micro-credentials/schema.json' with { type: 'json' };
import { fromOpenBadge, toOpenBadge, validateOpenBadge } from 'eu-micro-credentials/ob3';
import { generateSdJwtVcKeyPair, issueSdJwtVc, presentSdJwtVc, verifySdJwtVc } from 'eu-micro-credentials/sd-jwt-vc';
import { validateElm } from 'eu-micro-credentials/validate-elm';
import { generateIssuerKey, signCredential, signCredentials, verifyCredential } from 'eu-micro-credentials/vc';

const mc = JSON.parse(readFileSync(new URL('./mc.json', import.meta.url), 'utf8'));
assert.equal(validate(mc).ok, true);
assert.equal(validate({ ...mc, dateOfIssue: '2024-06-28' }).issues[0].code, 'MC_INVALID_DATETIME');
assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
const key = await generateIssuerKey();
const elm = toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller } });
assert.equal((await validateElm(elm)).ok, true);
assert.equal((await fromElm(elm)).ok, true);
const signed = await signCredential(elm, { key });
assert.equal((await verifyCredential(signed, { validateContent: true })).verified, true);
const tampered = structuredClone(signed);
tampered.credentialSubject.hasClaim.title.en = 'Changed';
assert.deepEqual((await verifyCredential(tampered)).issues.map((i) => i.code), ['VC_SIGNATURE_INVALID']);
const batch = await signCredentials([elm, elm], { key, workers: 1 });
assert.equal((await verifyCredential(batch[1])).verified, true);
// Open Badges 3.0: exported, valid to 1EdTech's schema and safe mode, signed, verified, read back.
const badge = toOpenBadge({ ...mc, issuer: { ...mc.issuer, id: key.controller } });
assert.equal((await validateOpenBadge(badge, { profile: 'micro-credential' })).ok, true);
const signedBadge = await signCredential(badge, { key, suite: 'eddsa-rdfc-2022' });
assert.equal((await verifyCredential(signedBadge)).verified, true);
assert.equal(fromOpenBadge(signedBadge).ok, true);
// SD-JWT VC: issued with ES256 and a holder key, presented with key binding, verified; tampered, refused.
const issuerKey = await generateSdJwtVcKeyPair('ES256');
const holderKey = await generateSdJwtVcKeyPair('EdDSA');
const sdJwt = await issueSdJwtVc({ ...mc, learner: { givenName: 'Aoife', familyName: 'Byrne' } }, { key: issuerKey.privateJwk, issuer: 'https://uni.example.eu', holderKey: holderKey.publicJwk });
const shown = await presentSdJwtVc(sdJwt, { disclose: ['title'], holderKey: holderKey.privateJwk, audience: 'https://v.example', nonce: 'n1' });
const checked = await verifySdJwtVc(shown, { issuerKeys: [issuerKey.publicJwk], audience: 'https://v.example', nonce: 'n1' });
assert.equal(checked.verified, true);
assert.equal(checked.claims.title, mc.title);
assert.equal((await verifySdJwtVc(shown, { issuerKeys: [issuerKey.publicJwk], audience: 'https://v.example', nonce: 'n2' })).issues[0].code, 'SDJWT_KB_NONCE_MISMATCH');
console.log('esm: ok');
