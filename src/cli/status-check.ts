/**
 * `eumc status check`: one credential verified as `eumc verify` verifies it (the same code:
 * check-file.ts, with the same key and trust options) with the published lists of `--list` as the
 * verifiers' `statusLists`, and each of its status entries printed with what its list says. The
 * answer is yes only when the credential is verified and it has status entries, none of them
 * revoked, suspended or unknown: a credential without one, or whose lists are missing, is not
 * reported valid.
 */
import type { StatusCheck } from 'eu-micro-credentials/status';
import type { FileResult, Finding } from './check.js';
import { checkParsed } from './check-file.js';
import { type CheckFlags, checkOptionsFrom } from './check-options.js';
import { DEFAULT_MAX_BYTES, IMPLICIT_STDIN, loadDocument } from './inputs.js';
import { issueLine, say } from './io.js';
import { safeJson, safeName, safeText } from './text.js';
import { EXIT, UsageError } from './usage.js';

/** The options of `eumc status check`, as commander gives them. */
export type CheckCommandOptions = Omit<CheckFlags, 'statusList'> & { list: string[]; json: boolean };

/** Statuses that do not stop a credential: a `message` list's value is information (REC §2.1). */
const PASSING: readonly StatusCheck['status'][] = ['valid', 'message'];

/** One entry as a line: `revoked    https://uni.example.eu/status/1 index 94567 (revocation)`. */
function entryLine(e: StatusCheck): string {
  const message = e.status === 'message' ? `: ${JSON.stringify(e.message ?? null)} (${e.value})` : '';
  return safeText(`${e.status.padEnd(9)}  ${e.list} index ${e.index} (${e.purpose}${message})`);
}

/** Why the answer is no, when no finding says it (a verified credential without status). */
function verdict(result: FileResult, entries: readonly StatusCheck[]): { ok: boolean; why?: string } {
  const verified = result.status === 'passed';
  if (verified && entries.length === 0) return { ok: false, why: 'error: the credential has no status entry (credentialStatus, or an SD-JWT status claim): there is no status to check' };
  if (!verified && entries.length === 0) return { ok: false, why: 'error: the credential is not verified, so its status was not checked (the errors above say why)' };
  return { ok: verified && entries.every((e) => PASSING.includes(e.status)) };
}

/** Runs `eumc status check`. */
export async function checkCommand(input: string | undefined, opts: CheckCommandOptions): Promise<void> {
  const { list, json, ...flags } = opts;
  const check = await checkOptionsFrom({ ...flags, statusList: list }, '--list');
  const loaded = await loadDocument(input ?? IMPLICIT_STDIN, DEFAULT_MAX_BYTES, { jsonOnly: true });
  if (!loaded.ok) throw new UsageError(`${safeName(loaded.name)} ${loaded.message}`);
  if ('image' in loaded) throw new UsageError(`${safeName(loaded.name)} is an image: check the credential itself (\`eumc convert --to model\` takes a baked badge out)`);
  const result = await checkParsed(loaded.name, loaded.json, { kind: 'auto', strict: false, check, verifyOnly: true }, performance.now());
  if (result.kind === 'sealed') throw new UsageError(`${safeName(loaded.name)} is an EDC-sealed envelope: \`eumc status check\` reads signed W3C credentials and SD-JWT VCs`);
  const entries = result.signature?.statusEntries ?? [];
  const { ok, why } = verdict(result, entries);
  // The lists are this command's --list (the verifiers' messages name verify's --status-list).
  const issues = result.issues.map((i) => ({ ...i, message: i.message.replaceAll('--status-list', '--list') }));
  const problems: Finding[] = issues.filter((i) => i.severity !== 'info');
  if (json) {
    process.stdout.write(`${safeJson({ file: result.file, kind: result.kind, verified: result.status === 'passed', valid: ok, status: entries, issues }, 2)}\n`);
  } else {
    for (const entry of entries) process.stdout.write(`${entryLine(entry)}\n`);
    for (const issue of problems) say(issueLine(issue));
  }
  if (why !== undefined) say(why);
  process.exitCode = ok ? EXIT.OK : EXIT.INVALID;
}
