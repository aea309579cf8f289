/**
 * Profile "ebsi": what EBSI's EDC schema 2.1.0 says about a status entry, in one issue per entry.
 * Its `CredentialStatusType` allows only `id` and `type` ("CredentialStatus" or
 * "TrustedCredentialStatus2021") and no other member, so a W3C `BitstringStatusListEntry` (or a
 * `StatusList2021Entry`) gives four or five ajv errors that each say a part; this names them together.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { JsonObject, JsonValue } from '../../../json/types.js';
import { pointerKeys } from '../../../json/pointer.js';
import type { ElmValidationIssue } from '../validation-codes.js';

const ENTRY = /^\/credentialStatus(?:\/\d+)?$/;
const ENTRY_TYPE = /^(\/credentialStatus(?:\/\d+)?)\/type$/;
const ALLOWED_TYPES = '"CredentialStatus" or "TrustedCredentialStatus2021"';

/** The entry an ajv error is about, when it is one of the errors this file gathers. */
function entryOf(e: ErrorObject, lookalike: (member: string) => boolean): string | undefined {
  if (e.keyword === 'additionalProperties' && ENTRY.test(e.instancePath)) {
    // A key that only looks like `id` or `type` is reported as such (ELM_LOOKALIKE_TERM), not here.
    return lookalike(String((e.params as { additionalProperty?: unknown }).additionalProperty)) ? undefined : e.instancePath;
  }
  const type = ENTRY_TYPE.exec(e.instancePath);
  return type && (e.keyword === 'enum' || e.keyword === 'type') ? type[1] : undefined;
}

function valueAt(doc: JsonObject, pointer: string): JsonValue | undefined {
  let value: JsonValue | undefined = doc;
  for (const key of pointerKeys(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Array.isArray(value) ? (value as readonly JsonValue[])[Number(key)] : Object.hasOwn(value, key) ? (value as JsonObject)[key] : undefined;
  }
  return value;
}

/**
 * The ajv errors about a status entry that carries members EBSI's schema refuses (a Bitstring or
 * StatusList2021 entry: its list and index) replaced by one `EBSI_STATUS_NOT_ALLOWED` naming those
 * members and the entry's type, in the place of the first of them; the other errors as they are (an
 * entry whose only fault is its type stays an `enum` error, which lists the allowed types).
 */
export function ebsiStatusIssues(errors: readonly ErrorObject[], doc: JsonObject, lookalike: (member: string) => boolean): (ErrorObject | ElmValidationIssue)[] {
  const byEntry = new Map<string, { members: string[]; badType: boolean }>();
  for (const e of errors) {
    const entry = entryOf(e, lookalike);
    if (entry === undefined) continue;
    const found = byEntry.get(entry) ?? { members: [], badType: false };
    if (e.keyword === 'additionalProperties') found.members.push(String((e.params as { additionalProperty?: unknown }).additionalProperty));
    else found.badType = true;
    byEntry.set(entry, found);
  }
  const out: (ErrorObject | ElmValidationIssue)[] = [];
  const said = new Set<string>();
  for (const e of errors) {
    const entry = entryOf(e, lookalike);
    const found = entry === undefined ? undefined : byEntry.get(entry);
    if (entry === undefined || found === undefined || found.members.length === 0) out.push(e);
    else if (!said.has(entry)) {
      said.add(entry);
      out.push(entryIssue(doc, entry, found.members, found.badType));
    }
  }
  return out;
}

function entryIssue(doc: JsonObject, path: string, members: readonly string[], badType: boolean): ElmValidationIssue {
  const entry = valueAt(doc, path);
  const node: JsonObject = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (entry as JsonObject) : {};
  const type = node.type;
  const named = members.map((m) => `\`${m.slice(0, 60)}\``);
  const what = `its member${named.length > 1 ? 's' : ''} ${named.join(', ')}${badType ? ` and its type ${JSON.stringify(type)?.slice(0, 100) ?? '(none)'}` : ''}`;
  const kind = Array.isArray(type) ? type.find((t) => typeof t === 'string' && t !== 'CredentialStatus') : type;
  return {
    code: 'EBSI_STATUS_NOT_ALLOWED',
    severity: 'error',
    path,
    focusNode: typeof node.id === 'string' ? node.id : '',
    message:
      `EBSI schema: ${path}: EBSI's EDC schema 2.1.0 allows only \`id\` and \`type\` (${ALLOWED_TYPES}) in a credential status, so ${what} cannot be in an EBSI credential` +
      `${typeof kind === 'string' ? ` (a ${kind.slice(0, 60)} names its list and index in members EBSI's schema has no place for)` : ''}. ` +
      'Leave credentialStatus out of the EBSI credential, or issue the EDC profile, which carries a Bitstring Status List entry.',
    ...(typeof kind === 'string' ? { value: kind.slice(0, 200) } : {}),
    shape: '#/$defs/CredentialStatusType',
  };
}
