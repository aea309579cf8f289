/**
 * Documents that carry an ELM credential without being one: EDC's upload format
 * (`{ "credential": … }`), DC4EU's `{ "elm": … }`, and a credential in JSON without `@context`.
 * `fromElm`, `validateElm` and the CLI name them and say how to unwrap, instead of reporting every
 * missing element of a micro-credential.
 */

import { isNode, type Node } from './import/json.js';

/** The wrapper members the library knows, with who uses them. */
export const WRAPPER_MEMBERS: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  credential: "EDC's upload format",
  elm: "DC4EU's format",
});

/**
 * What a document is when it is not itself a credential but carries one.
 *
 * @example
 * const w: Wrapping | undefined = describeWrapping({ elm: credential });
 * if (w?.kind === 'wrapper') console.warn(w.message); // then read w.inner
 */
export type Wrapping =
  | {
      kind: 'wrapper';
      /** The member holding the credential (`credential`, `elm`). */
      member: string;
      /** Who uses this wrapper, in words. */
      format: string;
      /** The credential inside (parsed when the member holds JSON text). */
      inner: Record<string, unknown>;
      /** JSON Pointer of the credential in the document. */
      pointer: string;
      message: string;
    }
  | {
      kind: 'no-context';
      message: string;
    };

/** Whether a JSON object looks like a credential or an envelope (by the members it has). */
export function looksLikeCredential(v: unknown): v is Node {
  if (!isNode(v)) return false;
  return ['@context', 'credentialSubject', 'payload', '@graph'].some((k) => Object.hasOwn(v, k)) || hasCredentialType(v);
}

function hasCredentialType(v: Node): boolean {
  const types = ([] as unknown[]).concat(v.type ?? v['@type'] ?? []);
  return types.some((t) => typeof t === 'string' && /(^|[/#:])(VerifiableCredential|EuropeanDigitalCredential|VerifiableAttestation)$/.test(t));
}

function parsedObject(value: unknown): Node | undefined {
  if (isNode(value)) return value;
  if (typeof value !== 'string' || !/^\s*\{/.test(value)) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isNode(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A sealed document: a JWS in JSON serialization (as EDC seals), its payload the credential. */
export interface Envelope {
  serialization: 'general' | 'flattened';
  /** The payload, parsed (from JSON text, or base64url-encoded JSON); undefined when it is not a JSON object. */
  payload: Node | undefined;
  message: string;
}

function base64urlJson(text: string): Node | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil(text.length / 4) * 4, '='));
    return parsedObject(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

/**
 * Whether `doc` is a JWS JSON envelope: `payload` with `signatures` (general serialization, EDC's) or
 * with `protected`/`header` and `signature` (flattened). The payload is read as JSON text (EDC's
 * unencoded payload) or as base64url.
 *
 * @example
 * describeEnvelope({ payload: '{"@context": …}', signatures: [{ protected: '…', signature: '…' }] });
 * // { serialization: 'general', payload: { '@context': … }, message: 'A sealed envelope …' }
 */
export function describeEnvelope(doc: unknown): Envelope | undefined {
  if (!isNode(doc) || Object.hasOwn(doc, '@context') || typeof doc.payload !== 'string') return undefined;
  const general = Array.isArray(doc.signatures);
  const flattened = typeof doc.signature === 'string' && (typeof doc.protected === 'string' || isNode(doc.header));
  if (!general && !flattened) return undefined;
  const serialization = general ? 'general' : 'flattened';
  const payload = parsedObject(doc.payload) ?? base64urlJson(doc.payload);
  return {
    serialization,
    payload,
    message:
      payload === undefined
        ? `A sealed envelope (JWS JSON, ${serialization} serialization) whose payload is not a JSON object: there is no credential to check.`
        : `A sealed envelope (JWS JSON, ${serialization} serialization): the credential is its \`payload\`, whose content is checked here (pointers below /payload are into the parsed payload). The seal is not checked by validateElm: verify it with verifyEdcSeal.`,
  };
}

/**
 * How `doc` carries a credential when it is not one itself, or `undefined` when it is (or may be)
 * a credential, an envelope, or something else entirely.
 *
 * - A wrapper: an object without `@context` whose only member is `credential` or `elm` (or whose
 *   other members are not credential data) holding a credential, as JSON or as JSON text.
 * - `no-context`: a credential's members (`credentialSubject`, a credential `type`) without
 *   `@context`: plain JSON, not JSON-LD.
 *
 * @example
 * describeWrapping({ credential: { '@context': [...], type: [...] } });
 * // { kind: 'wrapper', member: 'credential', format: "EDC's upload format", pointer: '/credential', … }
 */
export function describeWrapping(doc: unknown): Wrapping | undefined {
  if (!isNode(doc) || Object.hasOwn(doc, '@context')) return undefined;
  for (const [member, format] of Object.entries(WRAPPER_MEMBERS)) {
    if (!Object.hasOwn(doc, member)) continue;
    const inner = parsedObject(doc[member]);
    if (inner === undefined || !looksLikeCredential(inner)) continue;
    if (Object.hasOwn(doc, 'credentialSubject')) continue;
    const text = typeof doc[member] === 'string' ? ' as JSON text' : '';
    return {
      kind: 'wrapper',
      member,
      format,
      inner,
      pointer: `/${member}`,
      message: `This is ${format}: the credential is the value of its \`${member}\` member${text}, not the document itself. Unwrap it (\`${text ? `JSON.parse(doc.${member})` : `doc.${member}`}\`, or \`jq ${text ? '-r ' : ''}.${member}\` for a file) and pass that.`,
    };
  }
  if (Object.hasOwn(doc, 'credentialSubject') || hasCredentialType(doc)) {
    return {
      kind: 'no-context',
      message:
        'The document has a credential\'s members but no `@context`: it is plain JSON, not JSON-LD, so its terms have no defined meaning. An ELM credential starts with "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"].',
    };
  }
  return undefined;
}
