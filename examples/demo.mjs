// The README's demo: validates a realistic micro-credential and a broken copy of it, exports the
// valid one to ELM (the EU's Europass Learning Model), checks it against the EU's SHACL shapes,
// signs it as a W3C Verifiable Credential and verifies it. Run with `npm run demo`.
import { readFileSync } from 'node:fs';
import { formatIssues, fromElm, toElm, validate } from '../dist/index.js';
import { validateElm } from '../dist/validate-elm.js';
import { generateIssuerKey, signCredential, verifyCredential } from '../dist/vc.js';

const example = JSON.parse(readFileSync(new URL('../fixtures/valid/higher-education.json', import.meta.url), 'utf8'));

function show(label, doc) {
  const result = validate(doc);
  console.log(`\n== ${label}`);
  console.log(result.ok ? `valid: "${result.value.title}", ${result.value.workload.ects} ECTS, EQF ${result.value.level?.eqf}` : 'INVALID');
  if (result.issues.length > 0) console.log(formatIssues(result.issues));
  return result;
}

show('1. A higher-education micro-credential (fixtures/valid/higher-education.json)', example);

const broken = structuredClone(example);
broken.dateOfIssue = '2024-06-28'; // a bare date
delete broken.learningOutcomes; // a mandatory element left out
broken.issuer.country = 'IRL'; // alpha-3 instead of alpha-2
broken.level = { eqf: 6, qfEhea: 'second-cycle' }; // cycle contradicts level
broken.assessment.type = 'written-exam'; // not in the EDC vocabulary
broken.workload = { ects: 5, hours: 60 }; // 12 hours per credit
broken.learner.nmae = 'typo'; // unknown field
show('2. The same credential, broken in seven ways', broken);

console.log('\n== 3. Export to ELM, check against the EU\'s SHACL shapes');
const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(1) });
const mc = { ...example, issuer: { ...example.issuer, id: key.controller } };
const elm = toElm(mc, { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' });
console.log(`toElm: ${elm.type.join(', ')}, ${(JSON.stringify(elm).length / 1024).toFixed(1)} KB`);
const shapes = await validateElm(elm);
console.log(`validateElm (JSON-LD safe mode + EDC SHACL shapes): ${shapes.ok ? 'no violations' : formatShacl(shapes.issues)}`);
const back = fromElm(elm);
console.log(`fromElm: ${back.ok ? 'reads back a valid micro-credential' : 'INVALID'} (learner ${back.value.learner.fullName})`);

console.log('\n== 4. Sign as a W3C Verifiable Credential and verify');
const signed = await signCredential(elm, { key });
console.log(`signed by ${key.controller.slice(0, 32)}… with ${signed.proof.type}`);
const verified = await verifyCredential(signed, { validateContent: true });
console.log(`verifyCredential: ${verified.verified ? 'verified' : 'NOT verified'} (${verified.checks.map((c) => `${c.check} ${c.ok ? 'ok' : 'failed'}`).join(', ')})`);
const tampered = structuredClone(signed);
tampered.credentialSubject.hasClaim[0].specifiedBy.creditPoint[0].point = '50';
const caught = await verifyCredential(tampered);
console.log(`after changing 5 ECTS to 50: ${caught.verified ? 'verified (!)' : `rejected, ${caught.issues.map((i) => i.code).join(', ')}`}`);

function formatShacl(issues) {
  return issues.map((i) => `\n  ${i.code} ${i.path}: ${i.message}`).join('');
}
