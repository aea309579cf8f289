/**
 * Model → ELM v3: an EuropeanDigitalCredential (VC 1.1 context + ELM context) that the EDC SHACL
 * shapes accept, or the EBSI variant (VC 2.0 context). docs/elm.md is the mapping as implemented.
 *
 * The parts, beside this file: the credential envelope and its subject (credential.ts), the
 * learning achievement (achievement.ts) and the qualification that specifies it (qualification.ts),
 * organisations (agents.ts), `displayParameter` (display-parameter.ts), the values every part writes
 * (values.ts), the ids JSON-LD would merge (conflicts.ts), and the types (types.ts).
 */
import { ERROR_KIND, MicroCredentialError } from '../../rules/errors.js';
import type { MicroCredential } from '../../model/types.js';
import { formatPath } from '../../rules/issue.js';
import { validate } from '../../rules/validate.js';
import type { ElmIssue } from '../issues.js';
import { nodeConflicts, organisationConflicts } from './conflicts.js';
import { credential } from './credential.js';
import { displayPages } from './display-parameter.js';
import { elmStatusNode } from './status.js';
import type { ElmCredential, ToElmOptions } from './types.js';
import { Exporter } from './values.js';

export type { DisplayImage, DisplayImages, ElmCredential, ElmNode, CredentialStatusEntry, ToElmOptions } from './types.js';
export { hoursDuration } from './values.js';

/**
 * The result of `exportToElm()`: the document and its warnings, or the errors.
 *
 * @example
 * const result: ElmExportResult = exportToElm(input);
 * if (result.ok) publish(result.document);
 * else for (const issue of result.issues) console.error(issue.in, issue.path, issue.code);
 */
export type ElmExportResult = { ok: true; document: ElmCredential; issues: ElmIssue[] } | { ok: false; issues: ElmIssue[] };

/**
 * Thrown by `toElm()` when the model cannot be exported; `issues` lists what to supply or fix.
 *
 * @example
 * try {
 *   toElm(mc);
 * } catch (e) {
 *   if (!(e instanceof ElmExportError)) throw e;
 *   e.code; // 'ERR_ELM_EXPORT'
 *   e.issues.map((i) => i.code); // e.g. ['ELM_ISSUER_EIDAS_MISSING']
 * }
 */
export class ElmExportError extends MicroCredentialError {
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'ElmExportError';
  readonly issues: readonly ElmIssue[];
  constructor(issues: readonly ElmIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    // The message says what to do, not only which code: it is often all a caller logs.
    const listed = errors.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message} [${i.code}]`);
    super('ERR_ELM_EXPORT', `Cannot export to ELM. ${listed.join(' ')}${errors.length > 3 ? ` (${errors.length - 3} more in \`issues\`.)` : ''}`);
    this.name = 'ElmExportError';
    this.issues = issues;
  }
}

/**
 * Exports a micro-credential to ELM JSON-LD, or throws `ElmExportError` listing what is missing.
 *
 * @example
 * const credential = toElm(mc, { id: 'urn:uuid:…' });
 * // { '@context': [VC 1.1, ELM], type: ['VerifiableCredential', 'EuropeanDigitalCredential'], … }
 * // Revocable: the entry of a status list (eu-micro-credentials/status), with the status/v1 context.
 * const revocable = toElm(mc, { credentialStatus: list.entry(list.allocate()) });
 * // { '@context': [VC 1.1, ELM, status/v1], credentialStatus: { id: 'https://uni.example.eu/status/1#94567',
 * //   type: ['CredentialStatus', 'BitstringStatusListEntry'], statusPurpose: 'revocation', … }, … }
 */
export function toElm(mc: MicroCredential, options?: ToElmOptions): ElmCredential {
  const result = exportToElm(mc, options);
  if (!result.ok) throw new ElmExportError(result.issues);
  return result.document;
}

/**
 * Exports a micro-credential to ELM JSON-LD; never throws on data. The input is validated first;
 * the issues are the model's warnings and the export's own (paths are model paths).
 *
 * @throws TypeError when `options` is not an object, `options.display` is malformed (the message
 * names the member), or `options.credentialStatus` is not one
 * well-formed BitstringStatusListEntry (the message names the member), or is given with profile `ebsi`.
 *
 * @example
 * // An issuer without an eIDAS identifier: the EDC shapes would reject the document.
 * const refused = exportToElm(mc);
 * // { ok: false, issues: [{ code: 'ELM_ISSUER_EIDAS_MISSING', path: '/issuer/identifiers/eidas', in: 'model', … }] }
 * const draft = exportToElm(mc, { incomplete: 'warn' });
 * if (draft.ok) draft.document; // exported, with the same issue as a warning
 */
export function exportToElm(mc: unknown, options: ToElmOptions = {}): ElmExportResult {
  if (options === null || typeof options !== 'object') throw new TypeError('toElm(): options must be an object');
  displayPages(options.display, 'en'); // a malformed picture is a TypeError before any work
  const status = options.credentialStatus === undefined ? undefined : elmStatusNode(options.credentialStatus, options.profile === 'ebsi' ? 'ebsi' : 'edc');
  const checked = validate(mc);
  if (!checked.ok) {
    return { ok: false, issues: checked.issues.map((i) => ({ ...i, in: 'model' as const })) };
  }
  const issues: ElmIssue[] = checked.issues.map((i) => ({ ...i, in: 'model' as const }));
  const organisations = organisationConflicts(checked.value);
  issues.push(...organisations);
  const document = credential(new Exporter(checked.value, options, issues), status);
  issues.push(...nodeConflicts(checked.value, document, options, organisations.length > 0));
  const ok = !issues.some((i) => i.severity === 'error');
  return ok ? { ok, document, issues } : { ok: false, issues };
}
