// Writes schemas/micro-credential.schema.json from the zod model (through the built package:
// run `npm run gen:schema`, which builds first). A test fails when the committed file drifts.
import { writeFileSync } from 'node:fs';
import { microCredentialJsonSchema } from '../dist/index.js';

const target = new URL('../schemas/micro-credential.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(microCredentialJsonSchema(), null, 2)}\n`);
console.log('schemas/micro-credential.schema.json written');
