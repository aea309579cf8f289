/**
 * Turns zod's structural findings into the library's issues: one stable code per kind of problem,
 * the exact path, the Annex I element, and a message that says what to change.
 */
import type { z } from 'zod';
import { DATE, DATE_TIME, EMAIL, ESCO_SKILL_URI, LANGUAGE_TAG, NON_BLANK, URI } from '../model/formats.js';
import { PROTO_KEY_STAND_IN } from '../model/values.js';
import { COUNTRIES } from '../generated/countries.js';
import type { IssueCode } from './codes.js';
import { describe, fieldsAt, jsonTypeOf, schemaAt } from './describe.js';
import { type ElementId, type Issue, type Keys, elementOf, formatKeys, issue } from './issue.js';
import { closest, quote } from './text.js';

/** The zod issue fields read here (zod 4 `$ZodIssue`, with `reportInput`). */
interface ZodIssue {
  code: string;
  path: PropertyKey[];
  input?: unknown;
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: string[];
  values?: unknown[];
  format?: string;
  pattern?: string;
  errors?: ZodIssue[][];
  issues?: ZodIssue[];
  note?: string;
  discriminator?: string;
  options?: unknown[];
  params?: { mc?: IssueCode };
}

/** What each mandatory element needs, for the messages of the `…_MISSING` codes. */
const MISSING: Record<string, [IssueCode, string, string?]> = {
  learner: ['MC_LEARNER_MISSING', 'Add `learner` (Annex I M1): the learner\'s name or identifier, e.g. {"fullName": "Ana Andromeda"}.'],
  title: ['MC_TITLE_MISSING', 'Add `title` (Annex I M2): the title of the micro-credential, as text or a language map.'],
  issuer: ['MC_ISSUER_MISSING', 'Add `issuer` (Annex I M3): the issuing organisation with `id`, `legalName` and `country`.'],
  awardingBodies: ['MC_AWARDING_BODIES_MISSING', 'Add `awardingBodies` (Annex I M4): a list of at least one organisation with `id`, `legalName` and `country`.', 'Annex I M4 needs at least one awarding body with `id`, `legalName` and `country`.'],
  dateOfIssue: ['MC_DATE_OF_ISSUE_MISSING', 'Add `dateOfIssue` (Annex I M5): an RFC 3339 date-time such as "2024-03-01T10:00:00Z".'],
  learningOutcomes: ['MC_LEARNING_OUTCOMES_MISSING', 'Add `learningOutcomes` (Annex I M6): a list of at least one learning outcome, e.g. [{"title": "Apply GDPR principles to a dataset"}].', 'Annex I M6 needs at least one learning outcome, e.g. {"title": "Apply GDPR principles to a dataset"}.'],
  workload: ['MC_WORKLOAD_MISSING', 'Add `workload` (Annex I M7): ECTS credits wherever possible, e.g. {"ects": 2, "hours": 50}.'],
  assessment: ['MC_ASSESSMENT_MISSING', 'Add `assessment` (Annex I M9): the type of assessment, e.g. {"type": "written-examination"}.'],
  participation: ['MC_PARTICIPATION_MISSING', 'Add `participation` (Annex I M10): the form of participation, e.g. {"mode": "online"}.'],
  qualityAssurance: ['MC_QUALITY_ASSURANCE_MISSING', 'Add `qualityAssurance` (Annex I M11): at least one entry, e.g. [{"type": "internal-quality-assurance", "title": "Internal QA procedure"}].', 'Annex I M11 needs at least one quality-assurance entry, e.g. {"type": "internal-quality-assurance", "title": "Internal QA procedure"}.'],
};

/** Values are not quoted back in messages under these fields: they are personal data. */
const isPersonal = (path: Keys) => path[0] === 'learner';

/**
 * An issue whose message is not written yet: its path (which says its element, and so its place in
 * the list) and how to write it. Only the issues that are listed are written: a document with
 * 30 000 unknown keys costs 30 000 of these, and 100 messages with their "did you mean" hints.
 */
export interface Draft {
  /** The Annex I element of the issue's path, which decides its place in the list. */
  element: ElementId | null;
  write: () => Issue;
}

/** Maps zod issues to library issues, not yet written. `root` is the schema that produced them. */
export function fromZodIssues(zodIssues: readonly ZodIssue[], root: z.ZodType): Draft[] {
  const out: Draft[] = [];
  for (const zi of zodIssues) mapIssue(zi, [], root, out);
  return out;
}

function mapIssue(zi: ZodIssue, prefix: Keys, root: z.ZodType, drafts: Draft[]): void {
  const path = [...prefix, ...zi.path.map((k) => (typeof k === 'number' ? k : k === PROTO_KEY_STAND_IN ? '__proto__' : String(k)))];
  const element = elementOf(path);
  const push = (write: () => Issue) => drafts.push({ element, write });

  if (zi.input === undefined && path.length > 0 && (zi.code === 'invalid_type' || zi.code === 'invalid_union' || zi.code === 'invalid_value')) {
    push(() => missingIssue(path, root));
    return;
  }
  switch (zi.code) {
    case 'invalid_type':
      push(() => typeIssue(zi, path, root));
      return;
    case 'too_small':
    case 'too_big':
      push(() => sizeIssue(zi, path, root));
      return;
    case 'invalid_format':
      push(() => formatIssue(zi, path, root));
      return;
    case 'invalid_value':
      push(() => (path[path.length - 1] === 'country' ? countryIssue(zi.input, path) : valueIssue(zi, path)));
      return;
    case 'unrecognized_keys': {
      // The field names are looked up once for this object, and only if one of its keys is listed.
      // A key of the document never names an element where it is unknown: the issue's element is its object's.
      const known = { fields: undefined as string[] | undefined };
      for (const key of zi.keys ?? []) push(() => unknownFieldIssue(key, path, root, known));
      return;
    }
    case 'invalid_key':
      push(() => issue('MC_INVALID_LANGUAGE_TAG', path, languageKeyMessage(path)));
      return;
    case 'invalid_union':
      mapUnion(zi, path, root, drafts);
      return;
    case 'custom':
      push(() => customIssue(zi, path, root));
      return;
    default:
      push(() => issue('MC_WRONG_TYPE', path, `${code(shownPath(path))} must be ${describe(schemaAt(root, path))}.`));
  }
}

/** What is shown of a value in a message: not the value itself under fields that hold personal data. */
const shownValue = (path: Keys, value: unknown) => (isPersonal(path) ? 'the value given' : quote(value));

/** A value of the wrong JSON type (zod `invalid_type` with a value present). */
function typeIssue(zi: ZodIssue, path: Keys, root: z.ZodType): Issue {
  if (path.length === 0) return issue('MC_NOT_AN_OBJECT', path, `The document must be a JSON object with the micro-credential's fields, not ${jsonTypeOf(zi.input)}.`);
  const where = code(shownPath(path));
  if (typeof zi.input === 'number' && !Number.isFinite(zi.input)) return issue('MC_NOT_FINITE', path, `${where} is ${String(zi.input)}: write a finite number.`);
  if (path[path.length - 1] === 'eqf' && typeof zi.input === 'number') return issue('MC_EQF_LEVEL_INVALID', path, `${where} is ${zi.input}: the EQF level is a whole number from 1 to 8.`);
  return issue('MC_WRONG_TYPE', path, `${where} must be ${describe(schemaAt(root, path))}, not ${jsonTypeOf(zi.input)}.`);
}

/** A value too small or too big: an EQF level, an empty list, a number that must be positive. */
function sizeIssue(zi: ZodIssue, path: Keys, root: z.ZodType): Issue {
  const last = path[path.length - 1];
  const where = code(shownPath(path));
  if (last === 'eqf') return issue('MC_EQF_LEVEL_INVALID', path, `${where} is ${shownValue(path, zi.input)}: the EQF level is a whole number from 1 to 8.`);
  if (zi.origin === 'array') {
    const missing = path.length === 1 && typeof last === 'string' ? MISSING[last] : undefined;
    if (missing) return issue(missing[0], path, `${where} is empty: ${missing[2]}`);
    return issue('MC_EMPTY_LIST', path, `${where} is empty: give at least one entry, or leave the field out.`);
  }
  if (zi.origin === 'number') return issue('MC_NOT_POSITIVE', path, `${where} is ${shownValue(path, zi.input)}: it must be greater than 0.`);
  return issue('MC_WRONG_TYPE', path, `${where} must be ${describe(schemaAt(root, path))}.`);
}

/** A value outside the field's value set, with the closest allowed value as a hint. */
function valueIssue(zi: ZodIssue, path: Keys): Issue {
  const values = (zi.values ?? []).map(String);
  const hint = typeof zi.input === 'string' ? closest(zi.input, values) : undefined;
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return issue(
    'MC_NOT_ALLOWED_VALUE',
    path,
    `${code(shownPath(path))} is ${shownValue(path, zi.input)}; use ${values.length === 1 ? list : `one of ${list}`}${hint ? ` (did you mean ${JSON.stringify(hint)}?)` : ''}.`,
  );
}

/** A key the model does not define in the object at `path`; `known` caches the object's field names. */
function unknownFieldIssue(key: string, path: Keys, root: z.ZodType, known: { fields: string[] | undefined }): Issue {
  const at = [...path, key];
  const hint = closest(key, (known.fields ??= fieldsAt(root, path)));
  return issue(
    'MC_UNKNOWN_FIELD',
    at,
    `${code(shownPath(at))} is not a field of the model${hint ? ` (did you mean ${code(hint)}?)` : ''}: remove it, or put the information in \`furtherInformation.note\`.`,
  );
}

function missingIssue(path: Keys, root: z.ZodType): Issue {
  const last = path[path.length - 1];
  const missing = path.length === 1 && typeof last === 'string' ? MISSING[last] : undefined;
  if (missing) return issue(missing[0], path, missing[1]);
  const parent = shownPath(path.slice(0, -1));
  return issue('MC_REQUIRED', path, `${code(parent)} has no ${code(String(last))}: add it, as ${describe(schemaAt(root, path))}.`);
}

function languageKeyMessage(path: Keys): string {
  const key = String(path[path.length - 1]);
  return `${code(shownPath(path.slice(0, -1)))} has the key ${quote(key)}, which is not a BCP 47 language tag: use a tag such as "en", "ga" or "pt-BR".`;
}

function formatIssue(zi: ZodIssue, path: Keys, root: z.ZodType): Issue {
  const where = code(shownPath(path));
  const pattern = FORMATS.find((re) => String(re) === zi.pattern);
  const value = typeof zi.input === 'string' ? zi.input : '';
  const shown = isPersonal(path) ? 'the value given' : quote(value);
  switch (pattern) {
    case NON_BLANK:
      return issue('MC_EMPTY_TEXT', path, `${where} is empty: write the text${path.length > 1 ? ', or leave the field out if it is optional' : ''}.`);
    case LANGUAGE_TAG:
      return path[path.length - 1] === 'primaryLanguage'
        ? issue('MC_INVALID_LANGUAGE_TAG', path, `${where} is ${shown}, not a BCP 47 language tag: use a tag such as "en", "ga" or "pt-BR".`)
        : issue('MC_INVALID_LANGUAGE_TAG', path, languageKeyMessage(path));
    case URI: {
      const target = schemaAt(root, path);
      if (target && isUnion(target)) {
        // zod reports only the URI option of `"ECVET" | Uri`; the field accepts both.
        return issue('MC_NOT_ALLOWED_VALUE', path, `${where} is ${shown}; use ${describe(target)}.`);
      }
      const fix = /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(value) && !isPersonal(path) ? ` such as ${quote(`https://${value}`)}` : ' (with its scheme, e.g. "https://…")';
      return issue('MC_INVALID_URI', path, `${where} is ${shown}, not an absolute URI: write it in full${fix}.`);
    }
    case DATE_TIME:
      return issue('MC_INVALID_DATETIME', path, `${where} is ${shown}: ${dateTimeAdvice(value)}`);
    case DATE:
      return issue('MC_INVALID_DATE', path, `${where} is not a calendar date: write it as YYYY-MM-DD, e.g. "1999-10-02".`);
    case EMAIL:
      return issue('MC_INVALID_EMAIL', path, `${where} is ${shown}, not an e-mail address such as "info@example.org".`);
    case ESCO_SKILL_URI:
      return issue('MC_INVALID_ESCO_SKILL', path, `${where} is ${shown}: \`escoSkills\` takes ESCO skill URIs "http://data.europa.eu/esco/skill/<uuid>"; put other skill URIs in \`relatedSkills\`.`);
    default:
      return issue('MC_WRONG_TYPE', path, `${where} must be ${describe(schemaAt(root, path))}.`);
  }
}

/** The formats of the model; zod reports a failed one by its pattern's source text. */
const FORMATS = [NON_BLANK, LANGUAGE_TAG, URI, DATE_TIME, DATE, EMAIL, ESCO_SKILL_URI];

/** Explains how to write an RFC 3339 date-time, starting from what was given. */
function dateTimeAdvice(value: string): string {
  const bareDate = /^(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (bareDate) return `a date without a time; write a date-time with an offset, e.g. "${bareDate[1]}T00:00:00Z".`;
  const noOffset = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(value);
  if (noOffset) {
    const withSeconds = noOffset[1]!.length === 16 ? `${noOffset[1]}:00` : noOffset[1];
    return `no offset; add "Z" for UTC or the local offset, e.g. "${withSeconds}Z" or "${withSeconds}+01:00".`;
  }
  const noSeconds = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (noSeconds) return `seconds are missing; write "${noSeconds[1]}:00${noSeconds[2]}".`;
  const spaced = /^(\d{4}-\d{2}-\d{2})[ tT](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([zZ]|[+-]\d{2}:\d{2})$/.exec(value);
  if (spaced && DATE_TIME.test(`${spaced[1]}T${spaced[2]}${spaced[3]!.toUpperCase()}`)) {
    return `write it as "${spaced[1]}T${spaced[2]}${spaced[3]!.toUpperCase()}" (upper-case "T" between date and time, "Z" for UTC).`;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return 'that date or time does not exist (check the day of the month, February 29 outside leap years, hours up to 23).';
  }
  return 'write an RFC 3339 date-time with an offset, e.g. "2024-03-01T10:00:00Z" or "2024-03-01T10:00:00+01:00".';
}

/** EU texts use EL for Greece and UK for the United Kingdom; ISO 3166-1 does not. */
const EU_STYLE: Record<string, string> = { EL: 'GR', UK: 'GB' };

function countryIssue(input: unknown, path: Keys): Issue {
  const where = code(shownPath(path));
  if (typeof input !== 'string') return issue('MC_INVALID_COUNTRY', path, `${where} must be an ISO 3166-1 alpha-2 country code such as "IE", not ${jsonTypeOf(input)}.`);
  const upper = input.trim().toUpperCase();
  let fix: string | undefined;
  if (Object.hasOwn(COUNTRIES, upper)) fix = upper;
  else if (Object.hasOwn(EU_STYLE, upper)) fix = EU_STYLE[upper];
  else if (upper.length === 3) fix = Object.entries(COUNTRIES).find(([, [alpha3, authority]]) => alpha3 === upper || authority === upper)?.[0];
  const shown = isPersonal(path) ? 'the value given' : quote(input);
  return issue(
    'MC_INVALID_COUNTRY',
    path,
    fix
      ? `${where} is ${shown}: write the ISO 3166-1 alpha-2 code ${JSON.stringify(fix)}.`
      : `${where} is ${shown}, not an ISO 3166-1 alpha-2 country code: use two upper-case letters such as "IE" ("XK" for Kosovo).`,
  );
}

function customIssue(zi: ZodIssue, path: Keys, root: z.ZodType): Issue {
  const where = code(shownPath(path));
  switch (zi.params?.mc) {
    case 'MC_WORKLOAD_EMPTY':
      return issue('MC_WORKLOAD_EMPTY', path, `${where} is empty: give \`ects\` (wherever possible), \`hours\` or \`credits\`.`);
    case 'MC_LEVEL_EMPTY':
      return issue('MC_LEVEL_EMPTY', path, `${where} is empty: give \`eqf\`, \`qfEhea\` or \`nqf\`, or leave \`level\` out if no level applies.`);
    case 'MC_EMPTY_TEXT':
      return issue('MC_EMPTY_TEXT', path, `${where} is an empty language map: give the text in at least one language, e.g. {"en": "…"}.`);
    default:
      return issue('MC_WRONG_TYPE', path, `${where} must be ${describe(schemaAt(root, path))}.`);
  }
}

/**
 * A value matched none of a union's options. Options whose type differs from the value's are
 * dropped; if one option is left, its own issues are precise, so they are reported; otherwise one
 * issue says what the field accepts.
 */
function mapUnion(zi: ZodIssue, path: Keys, root: z.ZodType, drafts: Draft[]): void {
  const element = elementOf(path);
  const out = { push: (write: () => Issue) => drafts.push({ element, write }) };
  const where = () => code(shownPath(path));
  const discriminator = zi.discriminator;
  if (discriminator !== undefined) {
    // zod reports a bad discriminator at the discriminator's own path, with the object as input.
    const allowed = () => (zi.options ?? []).map((v) => JSON.stringify(v)).join(', ');
    const input = zi.input;
    const value = input !== null && typeof input === 'object' && Object.hasOwn(input, discriminator)
      ? (input as Record<string, unknown>)[discriminator]
      : undefined;
    if (value === undefined) {
      out.push(() => issue('MC_REQUIRED', path, `${code(shownPath(path.slice(0, -1)))} has no ${code(discriminator)}: add it, as one of ${allowed()}.`));
    } else {
      out.push(() => issue('MC_NOT_ALLOWED_VALUE', path, `${where()} is ${quote(value)}; use one of ${allowed()}.`));
    }
    return;
  }
  const options = zi.errors ?? [];
  const fitting = options.filter((errors) => !errors.some((e) => e.path.length === 0 && isTypeMismatch(e, zi.input)));
  if (fitting.length === 1) {
    for (const e of fitting[0]!) mapIssue(e, path, root, drafts);
    return;
  }
  if (fitting.length > 1) {
    // Several options of the value's own type (e.g. "ECVET" or a URI): say what the field accepts.
    out.push(() => issue('MC_NOT_ALLOWED_VALUE', path, `${where()} is ${isPersonal(path) ? 'the value given' : quote(zi.input)}; use ${describe(schemaAt(root, path))}.`));
    return;
  }
  out.push(() => issue('MC_WRONG_TYPE', path, `${where()} must be ${describe(schemaAt(root, path))}, not ${jsonTypeOf(zi.input)}.`));
}

const isUnion = (schema: z.ZodType) => (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type === 'union';

/** Whether an option of a union failed only because the value has another JSON type. */
function isTypeMismatch(e: ZodIssue, input: unknown): boolean {
  if (e.code === 'invalid_type') return true;
  if (e.code === 'invalid_value') return !(e.values ?? []).some((v) => typeof v === typeof input);
  return false;
}

const code = (s: string) => `\`${s}\``;

/** A path as users read it, each key cut to 60 characters: a 50 MB key must not make a 50 MB message. */
const shownPath = (path: Keys) => formatKeys(path.map((k) => (typeof k === 'string' && k.length > 60 ? `${k.slice(0, 60)}…` : k)));
