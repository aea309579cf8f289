/**
 * `validateOpenBadge`: is this an Open Badges 3.0 credential, by 1EdTech's JSON Schema and by
 * JSON-LD safe mode; and, with the micro-credential profile, one that says it is a micro-credential.
 * @module
 */
import { describeError } from '../json/describe.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import { type Ob3Issue, ob3Issue } from './codes.js';
import { unwrapBadge } from './import/unwrap.js';
import { achievementTypeIssues, annexIssues } from './validate/profile.js';
import { jsonLdIssues } from './validate/safe-mode.js';
import { schemaIssues } from './validate/schema.js';

/**
 * Options of {@link validateOpenBadge}.
 *
 * @example
 * const options: ValidateOpenBadgeOptions = { profile: 'micro-credential' };
 * const { ok, issues } = await validateOpenBadge(badge, options);
 */
export interface ValidateOpenBadgeOptions {
  /**
   * `'ob3'` (default): is it a valid Open Badges 3.0 credential? 1EdTech's AchievementCredential
   * JSON Schema and JSON-LD safe mode with the bundled contexts. A badge that is not a
   * micro-credential is still a valid Open Badge, so nothing about micro-credentials is reported.
   *
   * `'micro-credential'`: the same, and the rules of this library's profile: the achievement's
   * `achievementType` is `MicroCredential` (`OB3_NOT_MICRO_CREDENTIAL`, a warning otherwise), and
   * every mandatory Annex I element is there as `fromOpenBadge` reads it (`OB3_ELEMENT_MISSING`, an
   * error per absent element), and the model finds no error in an element read (`MC_` codes,
   * `in: 'model'`: their paths point into the model `fromOpenBadge` returns, not into the badge).
   */
  profile?: 'ob3' | 'micro-credential';
}

/**
 * What {@link validateOpenBadge} found: `ok` is true when no issue is an error.
 *
 * @example
 * const result: Ob3ValidationResult = await validateOpenBadge({ ...badge, nickname: 'Anna' });
 * result.ok; // false
 * result.issues[0]; // { code: 'OB3_SAFE_MODE', path: '/nickname', severity: 'error', … }
 */
export interface Ob3ValidationResult {
  ok: boolean;
  /** `in: 'ob3'`: `path` points into the input as read; `in: 'model'` (profile `micro-credential`): into the model `fromOpenBadge` reads. */
  issues: Ob3Issue[];
}

/** Most issues listed; past it one `OB3_TOO_MANY_ISSUES` closes the list. */
const MAX_ISSUES = 1000;
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';

function isTypeError(e: unknown): boolean {
  try {
    return e instanceof TypeError;
  } catch {
    return false;
  }
}

/** The profile the options name; a `TypeError` for anything but an options object with a known profile. */
function profileOf(options: unknown): 'ob3' | 'micro-credential' {
  let profile: unknown;
  try {
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw new TypeError('validateOpenBadge(doc, options): options must be an object');
    }
    profile = (options as ValidateOpenBadgeOptions | undefined)?.profile ?? 'ob3';
  } catch (e) {
    // Misuse of the options, whatever a getter or a proxy among them throws: a TypeError.
    throw isTypeError(e) ? e : new TypeError(`validateOpenBadge(doc, options): options could not be read (${describeError(e)})`);
  }
  if (profile !== 'ob3' && profile !== 'micro-credential') {
    throw new TypeError(`validateOpenBadge(doc, options): unknown profile ${JSON.stringify(String(profile))}; use 'ob3' or 'micro-credential'`);
  }
  return profile;
}

/** The VC 1.1-compatible form, named once: its schema issues follow from it. */
function formIssues(doc: JsonObject, prefix: string): Ob3Issue[] {
  const context = Object.hasOwn(doc, '@context') ? doc['@context'] : undefined;
  if (!Array.isArray(context) || (context as JsonValue[])[0] !== VC_V1) return [];
  return [
    ob3Issue(
      'OB3_VC1_FORM',
      'warning',
      `${prefix}/@context/0`,
      null,
      'The VC 1.1-compatible form of OB 3.0 (the VC 1.1 context, `issuanceDate`): fromOpenBadge reads it (`issuanceDate` as `validFrom`), but OB 3.0 Final and its schema require the VC 2.0 context and `validFrom`, so the schema issues below follow from the form.',
    ),
  ];
}

async function check(doc: JsonObject, prefix: string, profile: 'ob3' | 'micro-credential'): Promise<Ob3Issue[]> {
  const issues = [...formIssues(doc, prefix), ...schemaIssues(doc, prefix), ...(await jsonLdIssues(doc, prefix))];
  if (profile === 'micro-credential') issues.push(...achievementTypeIssues(doc, prefix), ...annexIssues(doc, prefix));
  return issues;
}

/**
 * Checks an Open Badges 3.0 credential. Profile `ob3` (default): 1EdTech's AchievementCredential
 * JSON Schema (draft 2019-09; a single `proof` object is put in an array on a copy first, as VC 2.0
 * allows and the schema does not) and JSON-LD safe mode with the bundled contexts (never fetched):
 * every term the contexts do not define is an issue. Profile `micro-credential` adds this library's
 * rules (see {@link ValidateOpenBadgeOptions.profile}).
 *
 * `doc` is any form {@link unwrapBadge} reads: a credential object, JSON text, or a VC-JWT (compact
 * JWS; decoded, not verified: an `OB3_JWT_NOT_VERIFIED` warning says so). Each issue's `path` is a
 * JSON Pointer into the input as read: the object, the parsed text, or the JWT's decoded payload
 * (`/vc/…` for a VC 1.1-style JWT, whose credential sits in the `vc` claim).
 *
 * Never throws and never rejects on any `doc`: bad data is reported as issues; `ok` is true when no
 * issue is an error. The schema is compiled once, on first use, and reused.
 *
 * @throws TypeError (as a rejected promise) when `options` is not an object or names an unknown profile.
 * @example
 * import { validateOpenBadge } from 'eu-micro-credentials/ob3';
 * const { ok, issues } = await validateOpenBadge(badge, { profile: 'micro-credential' });
 * for (const i of issues) console.log(i.severity, i.code, i.path, i.message);
 * // error OB3_SCHEMA_VIOLATION /issuer The credential has no `issuer`, which the OB 3.0 schema requires.
 */
export async function validateOpenBadge(doc: unknown, options?: ValidateOpenBadgeOptions): Promise<Ob3ValidationResult> {
  const profile = profileOf(options);
  const read = unwrapBadge(doc);
  let issues = [...read.issues];
  if (read.doc) {
    try {
      issues.push(...(await check(read.doc, read.prefix, profile)));
    } catch (e) {
      issues.push(ob3Issue('OB3_VALIDATOR_FAILED', 'error', read.prefix, null, `The validator failed (a bug: please report it with the document): ${describeError(e)}.`));
    }
  }
  if (issues.length > MAX_ISSUES) {
    const more = issues.length - MAX_ISSUES;
    issues = [...issues.slice(0, MAX_ISSUES), ob3Issue('OB3_TOO_MANY_ISSUES', 'error', '', null, `${more} more issue${more === 1 ? '' : 's'} not listed.`)];
  }
  return { ok: !issues.some((i) => i.severity === 'error'), issues };
}
