/**
 * The error signing throws, and the checks signing runs before any cryptography: a document is
 * signed only in the form a verifier accepts (preflight.ts), so that nothing is signed that would
 * not verify, and nothing that reads differently from what is signed.
 */
import jsonld from 'jsonld';
import { ERROR_KIND, MicroCredentialError } from '../rules/errors.js';
import type { JsonObject } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import type { VcCode } from './codes.js';
import { documentIssues } from './preflight.js';
import { refusedUrl, undefinedTerm } from './resolver.js';


/**
 * Why signing failed: `reason` is a stable code; the message never contains key material.
 *
 * @example
 * try {
 *   await signCredential({ ...credential, nickname: 'Anna' }, { key });
 * } catch (e) {
 *   if (!(e instanceof SigningError)) throw e;
 *   e.code; // 'ERR_SIGNING'
 *   e.reason; // 'VC_UNDEFINED_TERM': no context defines `nickname`, so it would not be signed
 * }
 */
export class SigningError extends MicroCredentialError {
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'SigningError';
  readonly reason: Extract<
    VcCode,
    'VC_CREDENTIAL_MALFORMED' | 'VC_UNDEFINED_TERM' | 'VC_CONTEXT_NOT_BUNDLED' | 'VC_CONTEXT_NOT_ALLOWED' | 'VC_JSON_NOT_CANONICAL' | 'VC_ISSUER_KEY_MISMATCH' | 'VC_HOLDER_KEY_MISMATCH' | 'VC_VERIFICATION_FAILED'
  >;
  /** The JSON Pointer of the place in the document that made signing fail, when there is one. */
  readonly path?: string;
  constructor(reason: SigningError['reason'], message: string, path?: string) {
    super('ERR_SIGNING', message);
    this.name = 'SigningError';
    this.reason = reason;
    if (path !== undefined) this.path = path;
  }
}

export function translate(error: unknown): SigningError {
  if (error instanceof SigningError) return error;
  const url = refusedUrl(error);
  if (url !== undefined) return new SigningError('VC_CONTEXT_NOT_BUNDLED', `The document needs ${JSON.stringify(url)}, which the offline document loader does not have; nothing was fetched. Use a bundled context or pass the document in \`documents\`.`);
  const term = undefinedTerm(error);
  if (term !== undefined) return new SigningError('VC_UNDEFINED_TERM', `JSON-LD safe mode: ${term}. The contexts do not define it, so it would not be signed; define it in a context or remove it.`);
  const message = error instanceof Error ? error.message : String(error);
  return new SigningError('VC_VERIFICATION_FAILED', `Signing failed: ${message.slice(0, 300)}`);
}

const SIGNING_REASONS: ReadonlySet<string> = new Set(['VC_UNDEFINED_TERM', 'VC_CONTEXT_NOT_BUNDLED', 'VC_CONTEXT_NOT_ALLOWED', 'VC_JSON_NOT_CANONICAL']);

/**
 * Refuses what a verifier would refuse (contexts, the canonical JSON form, `__proto__` members,
 * empty IRIs) with the first problem and its place; for JCS, which signs the JSON and never looks
 * at JSON-LD, also what safe-mode expansion refuses.
 */
export async function assertSignable(doc: JsonObject, subject: 'credential' | 'presentation', loader: DocumentLoader, documents: Readonly<Record<string, object>> | undefined, jcs: boolean): Promise<void> {
  const issues = await documentIssues(doc, subject, { documentLoader: loader, ...(documents ? { documents } : {}) });
  const first = issues[0];
  if (first !== undefined) {
    const reason = (SIGNING_REASONS.has(first.code) ? first.code : 'VC_CREDENTIAL_MALFORMED') as SigningError['reason'];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more place${issues.length > 2 ? 's' : ''})` : '';
    throw new SigningError(reason, `${first.path ? `At ${first.path}: ` : ''}${first.message}${more} Verifiers would refuse it${first.code === 'VC_JSON_NOT_CANONICAL' ? '; write the member as the contexts spell it (toElm() does)' : ''}.`, first.path);
  }
  if (jcs) {
    try {
      await jsonld.expand(doc, { documentLoader: loader, safe: true });
    } catch (error) {
      throw translate(error);
    }
  }
}
