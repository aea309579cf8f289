/**
 * Model → Open Badges 3.0: an `OpenBadgeCredential` (VC 2.0 + OB 3.0.3 + this library's extension
 * context) that passes 1EdTech's AchievementCredential JSON Schema and JSON-LD expansion in safe mode
 * with the bundled contexts. docs/ob3.md is the mapping as implemented.
 *
 * The parts: the achievement (export/achievement.ts), the subject and result (export/subject.ts),
 * organisations as profiles (export/profile.ts), texts and defaults (export/text.ts), the types
 * (export/types.ts).
 */
import type { MicroCredential } from '../model/types.js';
import { ERROR_KIND, MicroCredentialError } from '../rules/errors.js';
import { formatPath } from '../rules/issue.js';
import { validate } from '../rules/validate.js';
import type { Ob3Issue } from './codes.js';
import { achievement } from './export/achievement.js';
import { profile } from './export/profile.js';
import { gradeResult, learnerMembers } from './export/subject.js';
import { badgeStatus } from './export/status.js';
import { oneString } from './export/text.js';
import { type CredentialStatusEntry, OB3_CONTEXTS, type OpenBadgeCredential, type ToOpenBadgeOptions } from './export/types.js';
import { DATE_TIME, URI } from '../model/formats.js';

export type { CredentialStatusEntry, OpenBadgeCredential, ToOpenBadgeOptions } from './export/types.js';

/**
 * The result of `exportToOpenBadge()`: the badge and the model's warnings, or the errors.
 *
 * @example
 * const result: OpenBadgeExportResult = exportToOpenBadge(input);
 * if (result.ok) publish(result.value);
 * else for (const issue of result.issues) console.error(issue.path, issue.code);
 */
export type OpenBadgeExportResult = { ok: true; value: OpenBadgeCredential; issues: Ob3Issue[] } | { ok: false; issues: Ob3Issue[] };

/**
 * Thrown by `toOpenBadge()` when the model is not a valid micro-credential; `issues` lists what to
 * fix (paths into the model, `in: 'model'`).
 *
 * @example
 * try {
 *   toOpenBadge(mc);
 * } catch (e) {
 *   if (!(e instanceof OpenBadgeExportError)) throw e;
 *   e.code; // 'ERR_OB3_EXPORT'
 *   e.issues.map((i) => i.code); // e.g. ['MC_WORKLOAD_MISSING']
 * }
 */
export class OpenBadgeExportError extends MicroCredentialError {
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'OpenBadgeExportError';
  readonly issues: readonly Ob3Issue[];
  constructor(issues: readonly Ob3Issue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const listed = errors.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message} [${i.code}]`);
    super('ERR_OB3_EXPORT', `Cannot export to Open Badges 3.0. ${listed.join(' ')}${errors.length > 3 ? ` (${errors.length - 3} more in \`issues\`.)` : ''}`);
    this.name = 'OpenBadgeExportError';
    this.issues = issues;
  }
}

/**
 * Exports a micro-credential as an Open Badges 3.0 `OpenBadgeCredential` (unsigned), or throws
 * `OpenBadgeExportError` listing what is wrong with the model.
 *
 * @example
 * const badge = toOpenBadge(mc, { achievementId: 'https://uni.example.eu/courses/web-accessibility' });
 * // { '@context': [VC 2.0, OB 3.0.3, extension], type: ['VerifiableCredential', 'OpenBadgeCredential'], … }
 * // Revocable: the entry of a status list (eu-micro-credentials/status); VC 2.0 defines its terms.
 * const revocable = toOpenBadge(mc, { credentialStatus: list.entry(list.allocate()) });
 * // credentialStatus: { id: 'https://uni.example.eu/status/1#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', … }
 */
export function toOpenBadge(mc: MicroCredential, options?: ToOpenBadgeOptions): OpenBadgeCredential {
  const result = exportToOpenBadge(mc, options);
  if (!result.ok) throw new OpenBadgeExportError(result.issues);
  return result.value;
}

/**
 * Exports a micro-credential as an Open Badges 3.0 `OpenBadgeCredential`; never throws on data (a
 * `TypeError` for bad options). The input is validated first; the issues are the model's (paths
 * into the model, `in: 'model'`). Every Annex I element is carried: natively where OB 3.0 has a
 * place, in the extension context's terms where it has none; `fromOpenBadge` reads it all back.
 *
 * @example
 * const result = exportToOpenBadge(JSON.parse(text));
 * if (result.ok) await signCredential(result.value, signer);
 * else console.error(result.issues); // e.g. [{ code: 'MC_TITLE_MISSING', path: '/title', in: 'model', … }]
 */
export function exportToOpenBadge(mc: unknown, options: ToOpenBadgeOptions = {}): OpenBadgeExportResult {
  const opts = checkOptions(options);
  const checked = validate(mc);
  const issues: Ob3Issue[] = checked.issues.map((i) => ({ ...i, in: 'model' as const }));
  if (!checked.ok) return { ok: false, issues };
  return { ok: true, value: credential(checked.value, opts), issues };
}

function credential(mc: MicroCredential, options: ToOpenBadgeOptions): OpenBadgeCredential {
  const primary = mc.primaryLanguage ?? 'en';
  const gradeId = mc.grade === undefined ? undefined : randomUrn();
  const subject: OpenBadgeCredential['credentialSubject'] = {
    ...learnerMembers(mc),
    type: ['AchievementSubject'],
    achievement: achievement(mc, options.achievementId ?? randomUrn(), gradeId),
  };
  if (mc.participation.startDate !== undefined) subject.activityStartDate = mc.participation.startDate;
  if (mc.participation.endDate !== undefined) subject.activityEndDate = mc.participation.endDate;
  if (mc.grade !== undefined && gradeId !== undefined) subject.result = [gradeResult(mc.grade, gradeId)];
  const doc: OpenBadgeCredential = {
    '@context': [...OB3_CONTEXTS],
    id: mc.id ?? options.id ?? randomUrn(),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: oneString(mc.title, primary),
    issuer: profile(mc.issuer, primary),
    validFrom: options.validFrom ?? mc.dateOfIssue,
    awardedDate: mc.dateOfIssue,
    credentialSubject: subject,
    ...(options.credentialStatus === undefined ? {} : { credentialStatus: options.credentialStatus as unknown as Record<string, unknown> }),
  };
  if (mc.furtherInformation?.validUntil !== undefined) doc.validUntil = mc.furtherInformation.validUntil;
  return doc;
}

/** A random v4 UUID URN from the platform's Web Crypto (Node ≥ 19 and every browser have it). */
function randomUrn(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/** The options, read once into plain values; a wrong one is misuse, a `TypeError`. */
function checkOptions(options: unknown): ToOpenBadgeOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError('toOpenBadge(): options must be an object');
  const { id, achievementId, validFrom, credentialStatus } = options as ToOpenBadgeOptions;
  for (const [name, value] of [['id', id], ['achievementId', achievementId]] as const) {
    if (value !== undefined && (typeof value !== 'string' || !URI.test(value))) throw new TypeError(`toOpenBadge(): options.${name} must be an absolute URI`);
  }
  if (validFrom !== undefined && (typeof validFrom !== 'string' || !DATE_TIME.test(validFrom))) {
    throw new TypeError('toOpenBadge(): options.validFrom must be an RFC 3339 date-time with an offset, e.g. "2025-04-04T08:00:00Z"');
  }
  // The status entry is read here, once, into the badge's own object (status.ts).
  const status = credentialStatus === undefined ? {} : { credentialStatus: badgeStatus(credentialStatus) as unknown as CredentialStatusEntry };
  return { ...(id === undefined ? {} : { id }), ...(achievementId === undefined ? {} : { achievementId }), ...(validFrom === undefined ? {} : { validFrom }), ...status };
}
