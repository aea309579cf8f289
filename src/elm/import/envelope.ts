import { type ElmIssue, importIssue } from '../issues.js';
import { isNode, type Node, own } from './json.js';

/** RFC 7515 §7.2.1: the members of the general JWS JSON serialization. */
const GENERAL_JWS_MEMBERS: ReadonlySet<string> = new Set(['payload', 'signatures']);
/** RFC 7515 §7.2.2: the members of the flattened JWS JSON serialization. */
const FLATTENED_JWS_MEMBERS: ReadonlySet<string> = new Set(['payload', 'protected', 'header', 'signature']);
/** Extra members listed one by one; the rest are counted. */
const MAX_MEMBERS_LISTED = 10;

/**
 * The credential inside a JWS JSON serialization envelope (an EDC seal), or the document itself.
 *
 * A document with `payload` and a JWS member (`signatures`, `signature`, `protected`, `header`), or
 * with `payload` and no `credentialSubject`, is an envelope: only its payload is read, which is what
 * the seal covers. Anything else beside the JWS members (a forged `credentialSubject` next to an
 * intact seal) is not read, and an error says it is there. A document with `credentialSubject`
 * and `payload` but no JWS member is not a seal: it is read as the credential, and a warning says
 * that `payload` was not.
 */
export function unwrapEnvelope(doc: unknown, issues: ElmIssue[]): Node | undefined {
  if (!isNode(doc)) {
    issues.push(importIssue('ELM_INPUT_UNREADABLE', 'error', [], null, `An ELM credential is a JSON object, not ${Array.isArray(doc) ? 'a list' : doc === null ? 'null' : typeof doc}.`));
    return undefined;
  }
  const payload = own(doc, 'payload');
  if (payload === undefined) return doc;
  const general = own(doc, 'signatures') !== undefined;
  const jwsShaped = general || ['signature', 'protected', 'header'].some((k) => own(doc, k) !== undefined);
  if (!jwsShaped && own(doc, 'credentialSubject') !== undefined) {
    issues.push(importIssue('ELM_ENVELOPE_MEMBER_IGNORED', 'warning', ['payload'], null, 'The document has a `credentialSubject` and a `payload` but no JWS signature (`signatures` or `signature`): it is read as an unsealed credential, and `payload` is not read.'));
    return doc;
  }
  const allowed = general ? GENERAL_JWS_MEMBERS : FLATTENED_JWS_MEMBERS;
  const extra = Object.keys(doc).filter((k) => !allowed.has(k));
  const names = general ? '`payload` and `signatures`' : '`payload`, `protected`, `header` and `signature`';
  for (const name of extra.slice(0, MAX_MEMBERS_LISTED)) {
    issues.push(importIssue('ELM_ENVELOPE_MEMBER_IGNORED', 'error', [name], null, `The sealed envelope has a member ${JSON.stringify(name.slice(0, 40))} beside ${names}. The seal does not cover it, so it was not read: only the sealed \`payload\` is. Remove it (and check the seal with verifyEdcSeal).`));
  }
  if (extra.length > MAX_MEMBERS_LISTED) {
    issues.push(importIssue('ELM_ENVELOPE_MEMBER_IGNORED', 'error', [], null, `${extra.length - MAX_MEMBERS_LISTED} more members beside ${names} were not read and are not listed.`));
  }
  if (typeof payload === 'string') {
    for (const text of [payload, decodeBase64Url(payload)]) {
      if (text === undefined) continue;
      try {
        const parsed: unknown = JSON.parse(text);
        if (isNode(parsed)) return parsed;
      } catch {
        // not this encoding; try the next
      }
    }
  }
  issues.push(importIssue('ELM_ENVELOPE_INVALID', 'error', ['payload'], null, 'The envelope\'s `payload` is neither a JSON credential nor base64url-encoded JSON.'));
  return undefined;
}

function decodeBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = globalThis.atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}
