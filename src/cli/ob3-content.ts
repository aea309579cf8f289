/**
 * The content of an Open Badges 3.0 credential, signed or not: `validateOpenBadge` with the
 * micro-credential profile (1EdTech's JSON Schema, JSON-LD safe mode with the bundled contexts, and
 * `achievementType` `MicroCredential`), and with `--model` the micro-credential it reads as
 * (`fromOpenBadge`, which applies the Annex I rules). A VC-JWT is decoded here, not verified (`eumc
 * verify` verifies it): its `OB3_JWT_NOT_VERIFIED` warning says so in the command line's words.
 */
import type { Ob3Issue } from 'eu-micro-credentials/ob3';
import type { CheckOptions, ContentPart } from './check-types.js';
import { type Finding, fails, finding } from './finding.js';
import { ob3Entry, readBadge } from './ob3-library.js';

const JWT_NOT_VERIFIED =
  'The badge is a VC-JWT (a compact JWS): `eumc validate` decoded it and checked its content, and did not verify its JWS signature: `eumc verify` does (with `--controllers` for an issuer that is not a did:key). Verify it before trusting what it says.';

/** An OB3 issue as a finding: an `ob3` issue at its place in the file, a `model` one at its place in the micro-credential read. */
export function ob3Finding(i: Ob3Issue, prefix = ''): Finding {
  const message = i.code === 'OB3_JWT_NOT_VERIFIED' ? JWT_NOT_VERIFIED : i.message;
  return i.in === 'model' ? finding(i.code, i.severity, '', message, { element: i.element, modelPath: i.path }) : finding(i.code, i.severity, prefix + i.path, message, { element: i.element });
}

/** Everything `validateOpenBadge` (micro-credential profile) and, with `--model`, `fromOpenBadge` report. */
export async function ob3Findings(doc: unknown, options: CheckOptions): Promise<Finding[]> {
  const { validateOpenBadge } = await ob3Entry();
  const result = await validateOpenBadge(doc, { profile: 'micro-credential' });
  const issues = result.issues.map((i) => ob3Finding(i));
  if (!options.model) return issues;
  // The micro-credential profile reads the badge as fromOpenBadge does and reports its errors: what
  // --model adds is the rest (what was not read, or read another way; the model's warnings), once.
  const key = (f: Finding) => `${f.code} ${f.path} ${f.modelPath ?? ''}`;
  const seen = new Set(issues.map(key));
  const read = await readBadge(doc);
  for (const f of read.issues.map((i) => ob3Finding(i))) if (!seen.has(key(f))) issues.push(f);
  return issues;
}

/** The content part of a signed (or sealed) OB 3.0 credential. */
export async function checkOb3Content(doc: unknown, options: CheckOptions): Promise<ContentPart> {
  const issues = await ob3Findings(doc, options);
  return { status: fails(issues, options.strict) ? 'failed' : 'passed', kind: 'ob3', profile: 'micro-credential', issues };
}
