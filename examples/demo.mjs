// The README's demo: validates a realistic micro-credential and a broken copy of it with the built
// package, and prints what a user sees. Run with `npm run demo`.
import { readFileSync } from 'node:fs';
import { formatIssues, validate } from '../dist/index.js';

const example = JSON.parse(readFileSync(new URL('../fixtures/valid/higher-education.json', import.meta.url), 'utf8'));

function show(label, doc) {
  const result = validate(doc);
  console.log(`\n== ${label}`);
  console.log(result.ok ? `valid: "${result.value.title}", ${result.value.workload.ects} ECTS, EQF ${result.value.level?.eqf}` : 'INVALID');
  if (result.issues.length > 0) console.log(formatIssues(result.issues));
}

show('A higher-education micro-credential (fixtures/valid/higher-education.json)', example);

const broken = structuredClone(example);
broken.dateOfIssue = '2024-06-28'; // a bare date
delete broken.learningOutcomes; // a mandatory element left out
broken.issuer.country = 'IRL'; // alpha-3 instead of alpha-2
broken.level = { eqf: 6, qfEhea: 'second-cycle' }; // cycle contradicts level
broken.assessment.type = 'written-exam'; // not in the EDC vocabulary
broken.workload = { ects: 5, hours: 60 }; // 12 hours per credit
broken.learner.nmae = 'typo'; // unknown field
show('The same credential, broken in seven ways', broken);
