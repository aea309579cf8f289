import { z } from 'zod';
import { describeError } from '../json/describe.js';
import { copyJson, INPUT_LIMITS } from '../json/snapshot.js';
import { MicroCredentialValidationError } from './errors.js';
import { MicroCredentialSchema } from '../model/micro-credential.js';
import type { MicroCredential } from '../model/types.js';
import { ISSUE_CODES, RULE_CODES, type RuleCode } from './codes.js';
import { cutFailingEntries } from './budget.js';
import { crossFieldIssues } from './cross-field.js';
import { type ElementId, type Issue, formatKeys, issue } from './issue.js';
import { standIn } from './stand-in.js';
import { type Draft, fromZodIssues } from './structure.js';

/**
 * Options of `validate()` and `parseMicroCredential()`.
 *
 * @example
 * const options: ValidateOptions = { rules: { MC_WORKLOAD_NO_ECTS: 'error', MC_SUPERVISION_OUTSIDE_ANNEX: 'off' }, maxIssues: 20 };
 * validate(input, options);
 */
export interface ValidateOptions {
  /**
   * Change the severity of a rule across fields, or turn it off. Structural rules (types,
   * required fields, formats) cannot be changed: a value that passes is always well-typed.
   * @example { rules: { MC_WORKLOAD_HOURS_ECTS_RATIO: 'off', MC_WORKLOAD_NO_ECTS: 'error' } }
   */
  rules?: Partial<Record<RuleCode, 'error' | 'warning' | 'off'>>;
  /** At most this many issues are listed (default 100); a last `MC_TOO_MANY_ISSUES` says so. */
  maxIssues?: number;
}

/**
 * The result of `validate()`: a typed value with its warnings, or the issues (at least one error).
 *
 * @example
 * const result: ValidationResult = validate(input);
 * if (result.ok) console.log(result.value.title, result.issues.length, 'warnings');
 * else console.error(formatIssues(result.issues));
 */
export type ValidationResult =
  | { ok: true; value: MicroCredential; issues: Issue[] }
  | { ok: false; issues: Issue[] };

const DEFAULT_MAX_ISSUES = 100;
/** Documents with more values than this have their failing list entries bounded before zod sees them. */
const CUT_ABOVE_VALUES = 1_000;
/** The walk's bounds. No bound on text: a string is copied by reference, and every format is linear-time. */
const LIMITS = { ...INPUT_LIMITS, chars: Number.POSITIVE_INFINITY };

/**
 * zod's ahead-of-time compiled parser: the same verdicts and output as the runtime parser (it
 * falls back to it whenever the input fails), about 2.5 times faster on valid documents. Compiled
 * on first use, not at import; where code generation is forbidden (a strict Content Security
 * Policy) `z.compile` returns the schema unchanged and the runtime parser is used.
 */
let compiled: typeof MicroCredentialSchema | undefined;
function fastSchema(): typeof MicroCredentialSchema {
  if (compiled === undefined) {
    try {
      compiled = z.compile(MicroCredentialSchema);
    } catch {
      compiled = MicroCredentialSchema;
    }
  }
  return compiled;
}
const RULE_CODE_SET: ReadonlySet<string> = new Set(RULE_CODES);

/**
 * Validates a micro-credential against the EU standard (Council Recommendation 2022, Annex I) and
 * the rules of the model. Never throws on any input; throws `TypeError` only for bad options.
 *
 * The input is read once into a plain copy, within the input limits (256 levels, 200 000 values;
 * `MC_INPUT_LIMIT` beyond them); an object JSON cannot hold (a typed array,
 * a Map, a Date) is reported where it is, without being looked into. The cost is linear in the
 * input's size: messages, with their "did you mean" hints, are written only for the listed issues.
 *
 * @example
 * const result = validate(JSON.parse(text));
 * if (result.ok) issue(result.value);
 * else for (const i of result.issues) console.log(`${i.element} ${formatPath(i.path)}: ${i.message}`);
 */
export function validate(input: unknown, options?: ValidateOptions): ValidationResult {
  const { rules, maxIssues } = checkOptions(options);
  let notJson = 0;
  const copy = copyJson(
    input,
    (value, what) => {
      if (typeof value !== 'object' || value === null) return value; // zod reports undefined, NaN, a bigint… at its path
      notJson++;
      return standIn(what);
    },
    LIMITS,
  );
  if (!copy.ok) {
    const where = copy.keys.length > 0 ? ` at \`${formatKeys(copy.keys)}\`` : '';
    const found =
      copy.kind === 'limit'
        ? issue('MC_INPUT_LIMIT', [...copy.keys], `The input is too large to check${where}: ${copy.message} A micro-credential is far smaller; pass the document itself.`)
        : issue('MC_INPUT_UNREADABLE', [...copy.keys], `The input could not be read${where} (${copy.message.replace(/\.$/, '')}); pass plain JSON data, e.g. from JSON.parse().`);
    return { ok: false, issues: [found] };
  }
  const doc = copy.value;
  let drafts: Draft[];
  let value: MicroCredential | undefined;
  let crossField: Issue[];
  let cut = 0;
  try {
    // With the inputs attached to the issues, which the messages quote and analyse. The compiled
    // parser hands a failing input, with these parameters, to the runtime parser: one pass more, not two.
    // A large document first has its failing list entries bounded (see budget.ts); a small one
    // cannot hold enough of them to matter, and a valid one is not walked twice.
    if (copy.values > CUT_ABOVE_VALUES) cut = cutFailingEntries(doc, MicroCredentialSchema, maxIssues);
    const parsed = fastSchema().safeParse(doc, { reportInput: true });
    if (parsed.success) value = parsed.data;
    drafts = parsed.success ? [] : fromZodIssues(parsed.error.issues as never, MicroCredentialSchema);
    crossField = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? crossFieldIssues(doc as Record<string, unknown>) : [];
  } catch (cause) {
    // Not expected on a plain copy; kept so that a bug in a rule is a result, not an exception.
    return { ok: false, issues: [issue('MC_INPUT_UNREADABLE', [], `The input could not be checked (${cause instanceof RangeError ? 'it is nested too deeply' : 'a rule failed on it'}); pass plain JSON data, e.g. from JSON.parse().`)] };
  }
  if (rules) crossField = applyRuleSeverities(crossField, rules);
  // Every issue is counted; only the first `maxIssues`, in element order, are written.
  const ordered = inElementOrder(drafts, crossField);
  const total = ordered.length + cut;
  let issues = ordered.slice(0, maxIssues).map((i) => ('write' in i ? i.write() : i));
  if (total > maxIssues) {
    const found = cut > 0 ? `At least ${total} issues were found` : `${total} issues were found`;
    issues.push(issue('MC_TOO_MANY_ISSUES', [], `${found}; only the first ${maxIssues} are listed (see the \`maxIssues\` option).`));
  }
  if (notJson > 0 && !issues.some((i) => i.severity === 'error')) {
    // Every schema of the model rejects a stand-in; should one ever pass, the input still holds something JSON cannot.
    issues = [...issues, issue('MC_WRONG_TYPE', [], `The input holds ${notJson} value${notJson === 1 ? '' : 's'} JSON cannot hold; pass plain JSON data.`)];
  }
  const ok = value !== undefined && notJson === 0 && !issues.some((i) => i.severity === 'error');
  return ok ? { ok, value: value!, issues } : { ok: false, issues };
}

/**
 * Returns the input as a typed `MicroCredential`, or throws `MicroCredentialValidationError`
 * carrying the same issues as `validate()`.
 *
 * @example
 * const mc = parseMicroCredential(JSON.parse(text)); // throws MicroCredentialValidationError
 */
export function parseMicroCredential(input: unknown, options?: ValidateOptions): MicroCredential {
  const result = validate(input, options);
  if (!result.ok) throw new MicroCredentialValidationError(result.issues);
  return result.value;
}

const ELEMENTS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10', 'M11', 'O1', 'O2', 'O3', 'O4', 'O5'] as const;
const ELEMENT_COUNT = ELEMENTS.length;
const ELEMENT_RANK: Readonly<Record<string, number>> = Object.fromEntries(ELEMENTS.map((e, i) => [e, i]));

/**
 * Issues in the order of the Annex I elements, then those with none; within an element, the
 * structural ones first, each group in the order found. A stable bucket sort: linear in the count.
 */
function inElementOrder(drafts: readonly Draft[], crossField: readonly Issue[]): (Draft | Issue)[] {
  const buckets: (Draft | Issue)[][] = Array.from({ length: ELEMENT_COUNT + 1 }, () => []);
  const rank = (element: ElementId | null) => (element === null ? ELEMENT_COUNT : ELEMENT_RANK[element]!);
  for (const d of drafts) buckets[rank(d.element)]!.push(d);
  for (const i of crossField) buckets[rank(i.element)]!.push(i);
  return buckets.flat();
}

function applyRuleSeverities(issues: Issue[], rules: NonNullable<ValidateOptions['rules']>): Issue[] {
  const out: Issue[] = [];
  for (const i of issues) {
    const setting = RULE_CODE_SET.has(i.code) ? rules[i.code as RuleCode] : undefined;
    if (setting === 'off') continue;
    out.push(setting ? { ...i, severity: setting } : i);
  }
  return out;
}

function checkOptions(options: unknown): { rules?: ValidateOptions['rules']; maxIssues: number } {
  try {
    return readOptions(options);
  } catch (e) {
    if (isTypeError(e)) throw e;
    // A getter or proxy among the options threw: misuse of the options, reported as such.
    throw new TypeError(`validate(): options could not be read (${describeError(e)})`);
  }
}

function isTypeError(e: unknown): boolean {
  try {
    return e instanceof TypeError;
  } catch {
    return false;
  }
}

/** The options, read once into plain values: nothing reads the caller's object afterwards. */
function readOptions(options: unknown): { rules?: ValidateOptions['rules']; maxIssues: number } {
  if (options === undefined) return { maxIssues: DEFAULT_MAX_ISSUES };
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`validate(): options must be an object, not ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  const { rules, maxIssues = DEFAULT_MAX_ISSUES } = options as ValidateOptions;
  if (typeof maxIssues !== 'number' || !Number.isInteger(maxIssues) || maxIssues < 1) {
    throw new TypeError('validate(): options.maxIssues must be a whole number of at least 1');
  }
  if (rules === undefined) return { maxIssues };
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) throw new TypeError('validate(): options.rules must be an object');
  const settings: NonNullable<ValidateOptions['rules']> = {};
  for (const [code, setting] of Object.entries(rules)) {
    if (!RULE_CODE_SET.has(code)) {
      const known = Object.hasOwn(ISSUE_CODES, code) ? 'is structural and cannot be changed' : 'is not a rule code';
      throw new TypeError(`validate(): options.rules.${code} ${known}; rule codes: ${RULE_CODES.join(', ')}`);
    }
    if (setting !== 'error' && setting !== 'warning' && setting !== 'off') {
      throw new TypeError(`validate(): options.rules.${code} must be "error", "warning" or "off"`);
    }
    settings[code as RuleCode] = setting;
  }
  return { rules: settings, maxIssues };
}
