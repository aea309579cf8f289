// Verifying an Open Badges 3.0 VC-JWT (EdDSA, a did:key issuer) with the built package, against
// what a bare JWT library does with the same token and key: jose's jwtVerify (signature, exp/nbf),
// and, for scale, the same badge signed with an embedded proof (eddsa-rdfc-2022) through the same
// verifyCredential. In one run, alternating rounds; each figure is the median round, each ratio the
// median of the rounds' ratios. Run with `npm run bench:vc-jwt` (builds first).
import { alternate, printRatios } from './rounds.mjs';
import { readFileSync } from 'node:fs';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { exportKey, generateIssuerKey, signCredential, verifyCredential } from '../dist/vc.js';

const ROUNDS = 25;
const PER_ROUND = 8;
const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(7) });
const jwk = (await exportKey(key, { includePrivate: true })).jwk;
const privateKey = await importJWK({ ...jwk, alg: 'EdDSA' }, 'EdDSA');
const publicKey = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, alg: 'EdDSA' }, 'EdDSA');
const fixture = JSON.parse(readFileSync(new URL('../fixtures/ob3/sign-full.json', import.meta.url), 'utf8'));
const badge = { ...fixture, issuer: { ...fixture.issuer, id: key.controller } };
const claims = { ...badge, iss: key.controller, jti: badge.id, sub: badge.credentialSubject.id, nbf: Date.parse(badge.validFrom) / 1000 };
const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: key.id }).sign(privateKey);
const signed = await signCredential(badge, { key, suite: 'eddsa-rdfc-2022' });
const now = '2026-01-01T00:00:00Z';

const tasks = {
  'jose jwtVerify': async () => {
    await jwtVerify(jwt, publicKey, { currentDate: new Date(now) });
  },
  'verifyCredential(VC-JWT)': async () => {
    const r = await verifyCredential(jwt, { now });
    if (!r.verified) throw new Error(JSON.stringify(r.issues.slice(0, 2)));
  },
  'verifyCredential(embedded proof)': async () => {
    const r = await verifyCredential(signed, { now });
    if (!r.verified) throw new Error(JSON.stringify(r.issues.slice(0, 2)));
  },
};

const times = await alternate(tasks, { rounds: ROUNDS, perRound: PER_ROUND, warm: 5 });
console.log(`an OB 3.0 badge of ${jwt.length} characters as a VC-JWT; warm, ms per verification (median round) and ratio to jose's jwtVerify (median of rounds):`);
printRatios(times, 'jose jwtVerify', { ms: 3, ratio: 1 });
