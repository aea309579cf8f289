/**
 * `eumc demo`: the README's main job on the built-in example. Validates a realistic micro-credential
 * and a broken copy, exports it to ELM, checks the EU's SHACL shapes, signs and verifies it, and
 * shows that a one-figure change is caught.
 */
import example from '../../fixtures/valid/higher-education.json' with { type: 'json' };
import { formatIssues, fromElm, toElm, validate } from '../index.js';
import { validateElm } from '../validate-elm.js';
import { generateIssuerKey } from '../vc/keys.js';
import { signCredential } from '../vc/sign.js';
import { verifyCredential } from '../vc/verify.js';
import type { Paint } from './report.js';

export async function runDemo(p: Paint): Promise<void> {
  const say = (text = '') => process.stdout.write(`${text}\n`);
  const step = (title: string) => say(`\n${p.bold(`== ${title}`)}`);

  step('1. A higher-education micro-credential (the built-in example)');
  const good = validate(example);
  if (!good.ok) throw new Error('the built-in example is invalid');
  say(`valid: "${good.value.title}", ${good.value.workload.ects} ECTS, EQF ${good.value.level?.eqf}, ${good.value.learningOutcomes.length} learning outcomes`);

  step('2. The same credential, broken in seven ways');
  const broken = structuredClone(example) as Record<string, any>;
  broken.dateOfIssue = '2024-06-28';
  delete broken.learningOutcomes;
  broken.issuer.country = 'IRL';
  broken.level = { eqf: 6, qfEhea: 'second-cycle' };
  broken.assessment.type = 'written-exam';
  broken.workload = { ects: 5, hours: 60 };
  broken.learner.nmae = 'typo';
  say(formatIssues(validate(broken).issues));

  step('3. Export to ELM (Europass Learning Model) and check the EU\'s SHACL shapes');
  const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(1) });
  const mc = { ...good.value, issuer: { ...good.value.issuer, id: key.controller } };
  const elm = toElm(mc, { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' });
  say(`toElm: ${elm.type.join(', ')}, ${(JSON.stringify(elm).length / 1024).toFixed(1)} KB`);
  const shapes = await validateElm(elm);
  say(`validateElm (JSON-LD safe mode + EDC shapes): ${shapes.ok ? p.green('no violations') : p.red(`${shapes.issues.length} issues`)}`);
  const back = await fromElm(elm);
  say(`fromElm: ${back.ok ? 'reads back a valid micro-credential' : p.red('INVALID')}`);

  step('4. Sign as a W3C Verifiable Credential (Ed25519Signature2020) and verify');
  const signed = await signCredential(elm, { key });
  say(`signed by ${key.controller.slice(0, 36)}…`);
  const verified = await verifyCredential(signed, { validateContent: true });
  say(`verifyCredential: ${verified.verified ? p.green('verified') : p.red('NOT verified')} (${verified.checks.map((c) => `${c.check} ${c.ok ? 'ok' : 'failed'}`).join(', ')})`);
  const tampered = structuredClone(signed) as Record<string, any>;
  // A single value is written as itself, a list as an array (the JSON form its contexts give).
  const first = (v: any) => (Array.isArray(v) ? v[0] : v);
  first(first(first(tampered.credentialSubject.hasClaim).specifiedBy).creditPoint).point = '50';
  const caught = await verifyCredential(tampered);
  say(`after changing 5 ECTS to 50: ${caught.verified ? p.red('verified (!)') : `${p.green('rejected')}, ${caught.issues.map((i) => i.code).join(', ')}`}`);
}
